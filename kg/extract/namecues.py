"""Where the words around a run of capitalised words say it names a person.

The small model misses names in lists and captions; these cues decide without it: a
title word before the run, a dash line "Chile – Ana Ruiz", a bullet line "- Ana Ruiz,
President of Chile", a role noun in apposition, a run coordinated with a known person,
and a country's possessive before a name ("Ghana's Kofi Mensah and Togo's Komla Agbeko").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import ORG_WORDS, ROLE_NOUNS, TITLE_ONLY, capital_index, noun_lemma, singular
from kg.names import fold

DASHES = {"—", "–", "-", "--"}


def is_title_token(tok: Token) -> bool:
    low = tok.lower_.rstrip(".")
    return low in TITLE_ONLY or tok.lower_ in TITLE_ONLY or (
        tok.tag_ in ("NNS", "NNPS", "NNP") and low.endswith("s") and singular(low) in TITLE_ONLY)


def _line_edge(doc: Doc, i: int) -> bool:
    """Is token ``i`` outside the text or a line break?"""
    return i < 0 or i >= len(doc) or "\n" in doc[i].text or "\n" in doc[i].whitespace_


def bullet_line_name(doc: Doc, start: int, end: int) -> bool:
    """"- Ana Ruiz, President of Chile" on a line of its own: a name at the start of a line (after
    a bullet, or where the clean-up took the bullet away), before a comma and a title."""
    bullet = start >= 1 and doc[start - 1].text in DASHES | {"•", "*", "·"}
    if not _line_edge(doc, start - 2 if bullet else start - 1):
        return False
    if not (end + 1 < len(doc) and doc[end].text == "," and is_title_token(doc[end + 1])):
        return False
    line = doc[end:]
    for i, tok in enumerate(line):
        if "\n" in tok.whitespace_ + tok.text:
            line = line[:i + 1]
            break
    # a list line, not "Washington, President A said on Monday": short and without a finite verb
    return len(line) <= 12 and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in line)


def in_apposition_to_role(doc: Doc, start: int, end: int) -> bool:
    """Is a run in apposition to a role noun ("the president of X, A B"; "A B, the envoy")?"""
    roots = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    if len(roots) != 1:
        return False
    root = roots[0]
    if root.dep_ == "appos" and noun_lemma(root.head) in ROLE_NOUNS and root.head.i < start:
        return True
    return any(c.dep_ == "appos" and c.i >= end and noun_lemma(c) in ROLE_NOUNS for c in root.children)


def country_dash_line(doc: Doc, start: int, end: int, country_ends: dict[int, int]) -> bool:
    """Is a run the whole rest of a list line "Chile – Ignacio Rojas" after a country and a dash?"""
    dash = start - 1
    if dash < 1 or doc[dash].text not in DASHES or dash not in country_ends:
        return False
    line_start = country_ends[dash]
    rest = [t for t in doc[end:min(len(doc), end + 3)] if not t.is_space]
    before = doc[line_start - 1] if line_start > 0 else None
    return (before is None or "\n" in before.text_with_ws) and (
        end == len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space or not rest
        or rest[0].text in (".", ";"))


def listed_with_people(doc: Doc, runs: list[tuple[int, int]], people: list[Span], ents: list[Span]) -> list[Span]:
    """Name runs coordinated with a person ("X Y, Pratikno and Z W"): people too, even when the
    model called them a place, unless they are a capital, an acronym, an organisation to the
    model or hold an organisation word."""
    person_at = {i for p in people for i in range(p.start, p.end)}
    label_at = {i: e.label_ for e in ents for i in range(e.start, e.end)}
    out = []
    for s, e in runs:
        root = doc[e - 1]
        if any(label_at.get(i) in ("FAC", "EVENT") for i in range(s, e)) or any(
                t.lower_ in ORG_WORDS for t in doc[s:e]) or fold(doc[s:e].text) in capital_index():
            continue
        if e < len(doc) and doc[e].text in ("'s", "’s"):
            continue  # "Erdogan and Kazakhstan's prime minister"
        if all(t.is_upper for t in doc[s:e]) or label_at.get(s) == "ORG":
            continue  # "Otieno, Mensah and ECOWAS", "Otieno and Google Cloud": an organisation
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        next_person = e - s >= 2 and any(c.dep_ == "conj" and c.i in person_at for c in root.children)
        if first.dep_ == "pobj" and first.head.lower_ not in ("by", "with") and not next_person:
            continue  # "envoy for West Africa and the Sahel" (but "ministers of X and Y, A B and C D")
        linked = [root.head] if root.dep_ == "conj" else []
        linked += [c for c in root.children if c.dep_ == "conj"]
        if any(t.i in person_at and t.i not in range(s, e) for t in linked):
            out.append(Span(doc, s, e, label="PERSON"))
    return out


POSSESSIVE = ("'s", "’s")


def after_country_possessive(doc: Doc, start: int, end: int, countries: set[int]) -> bool:
    """Is a run of two to four words a person named after a country's possessive ("Ghana's Kofi
    Mensah")?  Not a place or a body ("Kenya's Rift Valley", "Ghana's Supreme Court"); and a run
    the model took for an organisation only when another such run is coordinated with it
    ("Ghana's Kofi Mensah and Togo's Komla Agbeko", not "India's Tata Motors")."""
    if not _country_possessive(doc, start, countries) or not 2 <= end - start <= 4:
        return False
    run = doc[start:end]
    if any(t.ent_type_ in ("GPE", "LOC") or t.lower_ in ORG_WORDS for t in run) or fold(run.text) in capital_index():
        return False
    if not all(t.ent_type_ == "ORG" for t in run):
        return True
    root = run.root
    linked = ([root.head] if root.dep_ in ("conj", "appos") else []) + [
        c for c in root.children if c.dep_ in ("conj", "appos")]  # the parser may read a list as appositions
    return any(t.i not in range(start, end) and _country_possessive(doc, t.left_edge.i + 2, countries)
               for t in linked)


def _country_possessive(doc: Doc, start: int, countries: set[int]) -> bool:
    return start >= 2 and doc[start - 1].text in POSSESSIVE and start - 2 in countries
