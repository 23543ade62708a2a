"""The extractor's word lists, and the country gazetteer loader.

Every word list is data, in ``kg/extract/data/lexicon.toml``: one named list
or table each, as spaCy keeps patterns and event coders keep verb
dictionaries.  :func:`words`, :func:`ordered` and :func:`mapping` read them;
the constants below name the lists the code asks for most.  All words are
lowercase lemmas or folded words.  The gazetteer itself is data too
(``kg/data/countries.tsv``), read by :mod:`kg.gazetteer` and re-exported here.

>>> "minister" in words("title_words"), ordered("place_prepositions"), mapping("document_types")["pact"]
(True, ('in', 'at'), 'agreement')
>>> words("title_word")
Traceback (most recent call last):
...
LookupError: kg/extract/data/lexicon.toml has no list or table 'title_word' (did you mean 'title_words'?)
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

# the gazetteer is read in kg.gazetteer, which the RDF writer uses without importing spaCy
from kg.gazetteer import (Country, bodies, body_index, capital_index, countries, country_index,  # noqa: F401
                          country_of, demonym_index)
# the file is read in kg.names, which name folding uses without importing kg.extract (and spaCy)
from kg.names import LEXICON_PATH, NAME_PARTICLES, fold, lexicon_entry  # noqa: F401 (NAME_PARTICLES: re-exported)

LEXICON_FILE = "/".join(("kg",) + LEXICON_PATH)


@lru_cache(maxsize=None)
def ordered(name: str) -> tuple[str, ...]:
    """The word list ``name`` of the lexicon file, in the file's order."""
    value = lexicon_entry(name)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise TypeError(f"{LEXICON_FILE}: {name!r} is not a list of strings")
    return tuple(value)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The word list ``name`` of the lexicon file, as a set."""
    return frozenset(ordered(name))


def mapping(name: str) -> dict[str, Any]:
    """The table ``name`` of the lexicon file: word -> string, number, or tuple of strings."""
    value = lexicon_entry(name)
    if not isinstance(value, dict):
        raise TypeError(f"{LEXICON_FILE}: {name!r} is not a table")
    return {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}


# Office, rank and honorific words: a title by themselves ("President", "Deputy", "H.E.").
TITLE_ONLY = words("title_words")
TITLE_POSSESSIVES = words("title_possessives")
TITLE_STOP_WORDS = words("title_stop_words")
# Every word that may stand in a title phrase before (or in apposition to) a name.
TITLE_WORDS = TITLE_ONLY | words("pronoun_titles") | TITLE_POSSESSIVES | TITLE_STOP_WORDS

# Head nouns that denote a person by office.
ROLE_NOUNS = words("role_nouns")

# Nouns that refer back to a group of actors, and those of them that stand for countries.
GROUP_NOUNS = words("group_nouns")
COUNTRY_GROUP_NOUNS = words("country_group_nouns")

# Words that mark a span as an organisation, never a person.
ORG_WORDS = words("org_words")

# Document and event nouns -> their subtypes.
DOCUMENT_TYPES: dict[str, str] = mapping("document_types")
EVENT_TYPES: dict[str, str] = mapping("event_types")


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


