"""Runs of name words: which tokens may make up a person's name, and where a name ends.

A run takes in particles ("von der Heyden", "bin Zayed", "de la Torre"), hyphenated and
apostrophe-glued pieces ("Amir-Hashemi", "Chan-o-cha", "al-Haddad", "d'Aubigny"), an
honorific inside a name ("Hassan Sheikh Mohamud") and a title that is a given name before
"bin" ("Sultan bin Nayef"); it stops at "the Otieno-led talks".  :func:`merge_glued_names`
makes a hyphenated name with lowercase pieces one token before the parser reads it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extract.lexicon import (DOCUMENT_TYPES, EVENT_TYPES, NAME_PARTICLES, ORG_WORDS, TITLE_WORDS, country_index,
                                demonym_index, singular, words)
from kg.extract.namecues import is_title_token
from kg.names import fold

# Entity labels of numbers and dates: never part of a name.
KEEP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def is_name_token(tok: Token) -> bool:
    """Could this token be part of a person's name?"""
    text = tok.text.lstrip("ʻ‘'’")  # a Pacific name may open with an ʻokina ("ʻAkau")
    if _merged_particles(text):
        return True
    if not text[:1].isupper() and not GLUED_PARTICLE.match(text) or tok.ent_type_ in KEEP_LABELS:
        return False
    if not _name_shaped(text):
        return False
    return tok.tag_ in ("NNP", "NNPS") or tok.pos_ == "PROPN" or (text.isupper() and len(text) > 1) or bool(
        GLUED_PARTICLE.match(text)) or _inner_okina(text)


# An ʻokina or apostrophe inside a Pacific name ("Mata'afa", "Hu'akavameiliku"), which the
# tagger may take for a pronoun; not a contraction ("We'll", "They're").
INNER_OKINA = re.compile(r"^[A-Z][a-z]*['ʻ‘’]([a-z]{2,})$")
CONTRACTION_ENDS = {"ll", "re", "ve", "nt"}


def _inner_okina(text: str) -> bool:
    found = INNER_OKINA.match(text)
    return bool(found) and found.group(1) not in CONTRACTION_ENDS


def _name_shaped(text: str) -> bool:
    """Not a title, organisation, document, event, country or demonym word, whatever its tag."""
    low = text.lower()
    if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS or low in ORG_WORDS or singular(low) in TITLE_WORDS:
        return False
    if singular(low) in DOCUMENT_TYPES or low in DOCUMENT_TYPES or low in EVENT_TYPES:
        return False  # "the MoU", "Valencia Treaty", "State Visit"
    return not (fold(text) in country_index() or fold(text) in demonym_index() or GLUED_WORDS.search(text))


SURNAME_ONLY_PARTICLES = words("surname_only_particles")


def surname_with_particles(span) -> bool:
    """Does a run of two words or more end in a surname that only people bear ("Greta von der
    Linden", which the model may tag as an organisation)?"""
    last = span[-1].text
    return (len(span) >= 2 and _merged_particles(last) and last.split()[0] in SURNAME_ONLY_PARTICLES
            and not any(t.lower_ in ORG_WORDS for t in span))


def _merged_particles(text: str) -> bool:
    """A token that :func:`merge_glued_names` made of particles and a surname ("van den Berg")."""
    words = text.split()
    return len(words) > 1 and all(w in NAME_PARTICLES for w in words[:-1]) and words[-1][:1].isupper()


# A particle glued to a surname by an apostrophe or hyphen: "d'Aubigny", "dell'Orto", "al-Haddad".
# Two words run together by a lost space ("QuoteYesterday", "AffairsVasanta"); not "McLeod",
# "MacKenzie", "DeSantis".
GLUED_WORDS = re.compile(r"[a-z]{3}[A-Z]")
GLUED_PARTICLE = re.compile(r"^[a-z]{1,4}['’\-‐][A-Z]")
PATRONYMIC = words("patronymic_particles")
NAME_LIKE_TITLES = words("name_like_titles")
COMPOUND_HEADS = words("name_compound_heads")
HYPHENS = ("-", "‐", "‑")
QUOTES = ('"', "“", "”", "'", "‘", "’", "«", "»")


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """Is the token at ``j`` a hyphen with no space on either side, between two words?"""
    return (doc[j].text in HYPHENS and j > 0 and not doc[j - 1].whitespace_ and not doc[j].whitespace_
            and j + 1 < len(doc) and doc[j + 1].is_alpha)


def _starts_name(doc: Doc, i: int) -> bool:
    """A name word, or a title that is a given name before "bin" ("Sultan bin Nayef")."""
    if is_name_token(doc[i]):
        return True
    tok = doc[i]
    if i + 1 < len(doc) and _merged_particles(doc[i + 1].text) and tok.is_alpha and tok.text.istitle() \
            and _name_shaped(tok.text):
        return True  # a given name the tagger took for something else: "Ulrike von der Heyden"
    return _function_word_name(doc, i) or (
        tok.text[:1].isupper() and tok.lower_ in NAME_LIKE_TITLES and i + 2 < len(doc)
        and doc[i + 1].lower_ in PATRONYMIC and is_name_token(doc[i + 2]))


def _may_start_names(doc: Doc) -> list[bool]:
    """For each token, whether :func:`_starts_name` can hold there: only a word with a capital
    (after a leading ʻokina), an apostrophe, a hyphen or a space (merged particles) can start
    a name.  One look at each word's text, so that the full test runs on few tokens."""
    out = []
    for tok in doc:
        text = tok.text.lstrip("ʻ‘'’")
        out.append(text[:1].isupper() or any(c in text for c in "'’-‐") or len(text.split()) > 1)
    return out


def _function_word_name(doc: Doc, i: int) -> bool:
    """A capitalised function word between a title and a name, inside a sentence: a name word
    ("General Secretary To Lam", "President Ma Ying-jeou"), which no sentence would capitalise."""
    tok = doc[i]
    return (0 < i < len(doc) - 1 and tok.is_alpha and tok.text.istitle() and tok.is_stop
            and not tok.is_sent_start and doc[i - 1].text[:1].isupper() and is_title_token(doc[i - 1])
            and is_name_token(doc[i + 1]))


def _name_goes_on(doc: Doc, j: int) -> int:
    """Where a name run that has reached token ``j`` ends if it takes in what starts at ``j``:
    ``j`` itself when nothing there continues the name."""
    n, tok = len(doc), doc[j]
    if _starts_name(doc, j):
        return j + 1
    if _glued_hyphen(doc, j):  # "Amir-Hashemi", "Al-Sheikh", "Chan-o-cha", not "Otieno-led"
        nxt = doc[j + 1]
        if nxt.text[:1].isupper() and fold(nxt.text) not in country_index():
            return j + 2
        if nxt.text.islower() and nxt.lower_ not in COMPOUND_HEADS:
            return j + 2
        return j
    if tok.lower_ in NAME_PARTICLES:  # "von der Heyden", "al-Haddad", "de la Torre"
        k = j
        while k < n and (doc[k].lower_ in NAME_PARTICLES or _glued_hyphen(doc, k)):
            k += 1
        return k + 1 if k < n and k > j and (is_name_token(doc[k]) or doc[k].text[:1].isupper() and not doc[
            k - 1].whitespace_ and doc[k - 1].text in HYPHENS) else j
    # a nickname in quotes: Joko "Jokowi" Widodo
    if tok.text in QUOTES and j + 3 < n and is_name_token(doc[j + 1]) and doc[j + 2].text in QUOTES \
            and is_name_token(doc[j + 3]) and is_name_token(doc[j - 1]):
        return j + 3
    # an honorific inside a name: "Hassan Sheikh Mohamud", "Amir-Hashemi" (not "Johor Sultan Ibrahim")
    if (tok.text[:1].isupper() and tok.lower_ in NAME_LIKE_TITLES and j + 1 < n
            and (is_name_token(doc[j + 1]) or _glued_hyphen(doc, j + 1) and doc[j + 2].text[:1].isupper())
            and doc[j - 1].ent_type_ in ("PERSON", "") and doc[j - 1].text[:1].isupper()
            and not doc[j - 1].text.isupper()):
        return j + 1
    return j


def glued_name_pieces(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of hyphenated names whose lowercase pieces would mislead the parser:
    "Chan-o-cha", "Askar-zade", "Ji-hoon", "al-Haddad" (not "Otieno-led", "Kenya-Uganda")."""
    out, i, n = [], 0, len(doc)
    places = _piece_starts(doc)  # only these can start a piece: the others are stepped over
    while i < n - 2:
        i = next((p for p in places if p >= i), n)
        if i >= n - 2:
            break
        first = doc[i]
        starts = first.text[:1].isupper() and first.is_alpha or first.lower_ in NAME_PARTICLES
        j = i + 1
        while starts and j < n - 1 and _glued_hyphen(doc, j):
            j += 2
        pieces = [doc[k] for k in range(i + 2, j, 2)]
        lower = [p for p in pieces if p.text.islower()]
        # a capitalised first piece continues a name: "Prayut Chan-o-cha", not "Co-chair", "High-level"
        after_name = i > 0 and doc[i - 1].whitespace_ and is_name_token(doc[i - 1]) and is_name_token(first)
        if pieces and (first.lower_ in NAME_PARTICLES and first.text.islower() and pieces[0].text[:1].isupper()
                       or after_name and len(first) > 1 and lower
                       and not any(p.lower_ in COMPOUND_HEADS for p in lower)):
            out.append((i, j))
            i = j
        elif _okina(doc, i):
            out.append((i, i + 2))
            i += 2
        elif (k := _particle_chain_end(doc, i)) > i:
            out.append((i, k))
            i = k
        else:
            i += 1
    return out


def _piece_starts(doc: Doc):
    """The positions where :func:`glued_name_pieces` can find a piece, in order: before a
    hyphen, at a quote mark (an ʻokina), at a name particle.  Read from the doc's columns,
    without making a token object for every word."""
    from spacy.attrs import LOWER, ORTH

    marks = _mark_ids()
    rows = doc.to_array([ORTH, LOWER]).tolist() if len(doc) else []
    return iter([i for i, (orth, lower) in enumerate(rows)
                 if orth in marks[1] or lower in marks[2]
                 or i + 1 < len(rows) and rows[i + 1][0] in marks[0]])


@lru_cache(maxsize=1)
def _mark_ids() -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """The string ids of the hyphens, the quote marks of an ʻokina, and the name particles."""
    from spacy.strings import get_string_id

    return (frozenset(map(get_string_id, HYPHENS)), frozenset(map(get_string_id, ("'", "‘"))),
            frozenset(map(get_string_id, NAME_PARTICLES)))


def _particle_chain_end(doc: Doc, i: int) -> int:
    """The end of "van den Berg", "von der Heyden", "de la Torre" after a name word (two
    particles or more, which the parser may read as verbs), or ``i``."""
    prev = doc[i - 1] if i else None  # a given name the tagger took for something else ("Ulrike" as UH)
    if prev is None or not (is_name_token(prev) or prev.is_alpha and prev.text.istitle() and _name_shaped(prev.text)):
        return i
    if doc[i].lower_ not in NAME_PARTICLES or not doc[i].text.islower():
        return i
    k = i
    while k < len(doc) and doc[k].lower_ in NAME_PARTICLES and doc[k].text.islower() and doc[k].whitespace_:
        k += 1
    if k - i < 2 or k >= len(doc) or not (doc[k].is_alpha and doc[k].text[:1].isupper()):
        return i
    return k + 1


def _okina(doc: Doc, i: int) -> bool:
    """Is the token at ``i`` an apostrophe written for an ʻokina at the start of a name word
    that follows another name word ("Fekitamoeloa 'Utoikamanu"), not an opening quote?"""
    tok = doc[i]
    if tok.text not in ("'", "‘") or tok.whitespace_ or i == 0 or not doc[i - 1].whitespace_ or i + 1 >= len(doc):
        return False
    nxt, prev = doc[i + 1], doc[i - 1]
    closing = any(t.text == tok.text for t in doc[i + 2:i + 5])  # 'Jokowi' is a nickname in quotes
    return nxt.is_alpha and nxt.text[:1].isupper() and prev.text[:1].isupper() and prev.is_alpha and not closing


def merge_glued_names(doc: Doc) -> Doc:
    """Make each of :func:`glued_name_pieces` one proper-noun token, before the parser runs
    (also particle chains after a name: "van den Berg", whose "den" the parser took for a verb)."""
    with doc.retokenize() as retokenizer:
        for start, end in glued_name_pieces(doc):
            retokenizer.merge(doc[start:end], attrs={"TAG": "NNP", "POS": "PROPN"})
    return doc


def name_runs(doc: Doc, blocked: set[int], given: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Maximal runs of name-like tokens (with hyphens, particles and inner honorifics); the
    tokens at ``given`` are name words whatever they look like ("Israel" of "Israel Katz")."""
    runs, i, n = [], 0, len(doc)
    maybe = _may_start_names(doc)
    while i < n:
        if i in blocked or not (maybe[i] and _starts_name(doc, i) or i in given):
            i += 1
            continue
        j = i + 1
        while j < n and j not in blocked:
            k = _name_goes_on(doc, j)
            if k == j or any(x in blocked for x in range(j, k)):
                break
            j = k
        runs.append((i, j))
        i = j
    return runs
