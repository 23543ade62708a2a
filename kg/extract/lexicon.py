"""Word lists the extractor relies on, and the country gazetteer loader.

All lists are lowercase lemmas or folded words.  The gazetteer itself is data
(``kg/data/countries.tsv``); this module only reads it.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.names import NAME_PARTICLES, fold  # noqa: F401 (NAME_PARTICLES: re-exported, kept with the name rules)

# Words that make up a role or title in front of (or in apposition to) a name.
TITLE_WORDS = frozenset("""
president vice prime minister premier pm fm chancellor king queen prince princess emir amir
sheikh sheikha shaikh sultan crown secretary secretary-general general chairman chairwoman chair
chairperson speaker ambassador envoy governor senator deputy foreign defence defense
trade finance interior economy mr mrs ms dr h.e. he excellency majesty highness
director director-general executive head commissioner mayor counterpart leader ceo
minister-president president-elect first lady lord sir dame chief justice attorney
representative special spokesperson spokesman spokeswoman advisor adviser officer
commander marshal colonel lieutenant admiral gen. col. lt. prof. professor datuk
seri dato hon. honourable honorable rt. sayyid sayed h.h. h.r.h. his her their
the of and state affairs external federal national foreign-affairs agriculture
transport transportation infrastructure health education energy culture tourism justice
labour labor industry commerce economic development youth sports environment
""".split())

# Head nouns that denote a person by office.
ROLE_NOUNS = frozenset("""
president vice-president premier minister chancellor king queen prince princess emir amir
sheikh sultan secretary secretary-general chairman chairwoman chair chairperson speaker
ambassador envoy governor senator leader counterpart head ceo director director-general
commissioner mayor monarch ruler pm fm spokesperson representative diplomat official
""".split())

# Plural / collective nouns that refer back to a group of actors.
GROUP_NOUNS = frozenset("""
leader president premier minister chancellor king emir head side party counterpart delegation
country nation government state official diplomat sheikh
""".split())

COUNTRY_GROUP_NOUNS = frozenset({"side", "country", "nation", "government", "state", "party", "delegation"})

# Words that mark a span as an organisation, never a person.
ORG_WORDS = frozenset("""
ministry ministries council assembly parliament bank fund union organization organisation
agency commission committee court office department government party university institute
corporation company group holding holdings association federation forum summit secretariat
directorate presidency cabinet senate congress army navy force forces police embassy
consulate league alliance community bureau authority centre center news service times foundation west east north south information culture
""".split())

DOCUMENT_TYPES = {
    "agreement": "agreement", "accord": "agreement", "pact": "agreement", "deal": "agreement",
    "memorandum": "memorandum", "memoranda": "memorandum", "mou": "memorandum", "moU": "memorandum",
    "protocol": "protocol", "treaty": "treaty", "convention": "treaty",
    "declaration": "declaration", "statement": "declaration", "communique": "declaration",
    "communiqué": "declaration", "charter": "declaration",
    "programme": "programme", "program": "programme", "plan": "programme", "roadmap": "roadmap",
    "road map": "roadmap", "concept": "programme", "strategy": "programme",
    "contract": "contract", "document": "document", "letter": "document", "deed": "document",
    "arrangement": "agreement", "framework": "agreement", "understanding": "memorandum",
}

EVENT_TYPES = {
    "summit": "summit", "ceremony": "ceremony", "forum": "forum", "conference": "conference",
    "meeting": "meeting", "session": "session", "talks": "meeting", "talk": "meeting",
    "funeral": "ceremony", "inauguration": "ceremony", "investiture": "ceremony",
    "lunch": "reception", "luncheon": "reception", "dinner": "reception",
    "banquet": "reception", "reception": "reception", "breakfast": "reception",
    "signing": "ceremony", "exchange": "ceremony", "launch": "ceremony", "opening": "ceremony",
    "parade": "ceremony", "celebration": "ceremony", "commemoration": "ceremony",
    "panel": "session", "discussion": "session", "dialogue": "session", "consultation": "meeting",
    "consultations": "meeting", "congress": "conference", "convention": "conference",
    "visit": "visit", "exhibition": "forum", "expo": "forum", "festival": "forum",
    "event": "event", "gathering": "meeting", "retreat": "meeting", "roundtable": "session",
    "round-table": "session", "assembly": "session", "games": "event", "olympics": "event",
}

# Verbs (lemmas) and nouns that signal a phone or video call.
CALL_WORDS = frozenset({
    "phone", "telephone", "telephonic", "phoned", "telephoned", "video", "videoconference",
    "video-conference", "teleconference", "virtual", "virtually", "online", "videolink",
    "zoom", "call", "calls", "dial",
})


def singular(word: str) -> str:
    """A rough singular for role and group nouns: "Ministers" -> "minister", "parties" -> "party".

    >>> singular("Ministers"), singular("countries"), singular("talks"), singular("boss")
    ('minister', 'country', 'talk', 'boss')
    """
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def noun_lemma(tok) -> str:
    """The lowercase lemma of a noun token, singular even when the tagger left it plural."""
    lemma = tok.lemma_.lower()
    return singular(lemma) if tok.tag_ in ("NNS", "NNPS") and lemma == tok.lower_ else lemma


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
