"""Repair spaCy's entity spans for diplomatic news.

The small English model often tags "Yilmaz" as a place, runs a country into a
name ("Kazakhstan Kassym-Jomart Tokayev" as one ORG) or misses a name behind a
title.  :func:`repair_entities` fixes this with three general rules:

1. a gazetteer of countries and nationality adjectives marks GPE / NORP spans,
   splitting them out of longer spans that end in a person's name;
2. a run of capitalised proper nouns right after a title ("President",
   "Minister", "Emir", "counterpart", "President of Kazakhstan") is a person;
3. once a person is known, later bare mentions of the surname are that person.

The function is pure: it takes a parsed ``Doc`` and a phrase matcher and
returns the new entity spans; :mod:`kg.extract.pipeline` registers it as a
spaCy component.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.lexicon import (DOCUMENT_TYPES, EVENT_TYPES, NAME_PARTICLES, ORG_WORDS, ROLE_NOUNS, TITLE_ONLY,
                                TITLE_STOP_WORDS, capital_index, country_index, demonym_index, noun_lemma, ordered,
                                singular, words)
from kg.extract.namecues import (DASHES, after_country_possessive, bullet_line_name, country_dash_line,
                                 in_apposition_to_role, is_title_token, listed_with_people)
from kg.extract.namewords import (KEEP_LABELS, is_name_token, merge_glued_names, name_runs,  # noqa: F401
                                  surname_with_particles)
from kg.names import fold, inner_names

REGIONS = words("world_regions")
THING_WORDS = set(DOCUMENT_TYPES) | set(EVENT_TYPES) | ORG_WORDS
MISTAKEN_BODY = {"GPE", "LOC", "NORP", "PRODUCT", "FAC", "LANGUAGE"}  # not "ASEAN Charter" (LAW), "BRICS Summit"
SPLITTABLE = {"GPE", "NORP", "LOC", "PERSON", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "LAW"}


def gazetteer_phrases() -> dict[str, list[str]]:
    """Surface strings to match, by label: country names as GPE, demonyms as NORP,
    intergovernmental bodies ("ECOWAS", "the African Union") as ORG."""
    from kg.extract.lexicon import bodies, countries

    gpe, norp = set(), set()
    for c in countries():
        gpe.update((c.name, *c.aliases))
        norp.update(c.demonyms)
    curly = {n.replace("'", "’") for n in gpe | norp if "'" in n}
    gpe |= {n for n in curly if n.replace("’", "'") in gpe}
    norp |= {n for n in curly if n.replace("’", "'") in norp}
    org = {n.removeprefix("the ") for name, aliases in bodies() for n in (name, *aliases)}
    return {"GPE": sorted(gpe), "NORP": sorted(norp - gpe), "ORG": sorted(org - gpe - norp)}


def preceded_by_title(doc: Doc, start: int, countries: set[int], end: int | None = None) -> bool:
    """Is a run at ``start`` introduced by a title: "President X", "Kazakh Prime Minister X",
    "President of Kazakhstan X", "Chair of the Grand National Assembly of Türkiye X"?"""
    end = start + 1 if end is None else end
    i = start - 1
    if i >= 0 and doc[i].lower_ in TITLE_STOP_WORDS:
        return False  # "Minister of Information": a portfolio, not a name
    if i > 0 and doc[i].text == ",":  # an appositive: "the Prime Minister of Laos, X Y"
        if end - start < 2:
            return False
        i -= 1
        start -= 1
    country_seen = False
    while i >= 0 and (i in countries or doc[i].lower_ in ("of", "the", "republic", "to")):
        country_seen = country_seen or i in countries
        i -= 1
    if i < start - 1 and not country_seen:
        return False
    if i >= 0 and doc[i].text in ("'s", "’s") and i < start - 1:
        return False
    return i >= 0 and is_title_token(doc[i]) and doc[i].lower_ not in ("of", "the")


def split_gazetteer(doc: Doc, ents: list[Span], matches: list[Span]) -> tuple[list[Span], list[tuple[int, int]]]:
    """Put gazetteer spans in, cutting them out of spans they overlap.

    Returns the new entity list and the leftover pieces that may be names.
    """
    leftovers: list[tuple[int, int]] = []
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    removed: set[Span] = set()
    added: list[Span] = []
    for m in matches:
        hits = {by_token[i] for i in range(m.start, m.end) if i in by_token}
        if not hits:
            added.append(m)
            continue
        if m.label_ == "ORG":  # a body the model called a place or a product ("Mercosur"), else as it said
            if all(e.label_ in MISTAKEN_BODY and m.start <= e.start and e.end <= m.end for e in hits):
                removed.update(hits)
                added.append(m)
            continue
        for e in hits:
            if e.label_ in KEEP_LABELS:
                continue
            if e.label_ == "ORG" and _only_country(doc, e, m):
                removed.add(e)  # "Armenia's" tagged ORG: the country
                added.append(m)
                continue
            if e.label_ == "ORG":
                tail = doc[m.end:e.end]
                if len(tail) >= 2 and not any(t.lower_ in ORG_WORDS for t in tail) and all(
                        is_name_token(t) or t.text == "-" or t.lower_ in NAME_PARTICLES for t in tail):
                    removed.add(e)
                    head = doc[e.start:m.end]
                    if any(t.lower_ in ORG_WORDS for t in head):
                        added.append(Span(doc, e.start, m.end, label="ORG"))
                    else:
                        added.append(m)
                    leftovers.append((m.end, e.end))
                continue
            if e.label_ in SPLITTABLE:
                removed.add(e)
                added.append(m)
                if e.label_ == "PERSON" and e.start < m.start:
                    leftovers.append((e.start, m.start))
                if e.label_ == "PERSON" and m.end < e.end:
                    leftovers.append((m.end, e.end))
    kept = [e for e in ents if e not in removed]
    return filter_spans(kept + added), leftovers


def _given_name(doc: Doc, ent: Span, match: Span) -> bool:
    """Is a country the given name of a two-word PERSON span after a title or at a sentence
    start ("Foreign Minister Israel Katz", "Chad Whitfield said")?"""
    if ent.label_ != "PERSON" or len(ent) != 2 or len(match) != 1 or match.start != ent.start:
        return False
    if not is_name_token(doc[ent.end - 1]) or fold(doc[ent.end - 1].text) in country_index():
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before is None or doc[ent.start].is_sent_start or is_title_token(before) and not country_of_token(before)


def country_of_token(tok: Token) -> bool:
    return fold(tok.text) in country_index() or fold(tok.text) in demonym_index()


def _only_country(doc: Doc, ent: Span, match: Span) -> bool:
    """Is an entity the country ``match`` with at most "the" before it and "'s" after it?"""
    rest = [t.lower_ for t in doc[ent.start:match.start]] + [t.lower_ for t in doc[match.end:ent.end]]
    return match.label_ == "GPE" and all(w in ("the", "'s", "’s") for w in rest)


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a dateline, before the parser runs.

    A dateline is an upper-case place at the start of a paragraph, maybe with a
    date and an agency, ended by a dash: "NAIROBI, March 3 (Reuters) — ...".
    """
    starts = [0]
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and tok.text_with_ws.strip() == "" or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
            starts.append(tok.i + 1)
    for start in starts:
        while start < len(doc) and doc[start].is_space:
            start += 1
        if start >= len(doc) or not (doc[start].is_upper and len(doc[start]) >= 3):
            continue
        for tok in doc[start + 1:start + 14]:
            if "\n" in tok.text:
                break
            if tok.text in DASHES and tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
                break
    return doc


NOT_PERSON_LABELS = {"LOC", "GPE", "ORG", "FAC", "EVENT", "NORP", "WORK_OF_ART", "PRODUCT", "LAW"}


def plausible_name(doc: Doc, start: int, end: int) -> bool:
    """Can a run of capitalised words after a title be a person's name?

    Not when an organisation word follows ("head of the UN Regional Center"),
    nor when the model tagged every word as a place or organisation.
    """
    if end < len(doc):
        nxt = doc[end]
        if nxt.text[:1].isupper() and (nxt.lower_ in ORG_WORDS or nxt.lower_ in TITLE_ONLY):
            return False
    if end - start >= 2:
        return True  # a two-word run after a title is a name even when the model said ORG
    labels = {doc[i].ent_type_ for i in range(start, end)}
    if start > 0 and noun_lemma(doc[start - 1]) in ROLE_NOUNS and labels <= {"GPE", "LOC", "NORP", "ORG"} and (
            fold(doc[start].text) not in capital_index()) and not doc[start].is_upper:
        return True  # "President Sutrisno", which the model took for a place or an organisation
    return not labels <= NOT_PERSON_LABELS


SURNAME_ENDINGS = ordered("surname_endings")


def has_surname_shape(span: Span) -> bool:
    """Does a run end in a common surname suffix (Tokayev, Kurtulmuşoğlu, Lavrov, Shevchenko)?"""
    last = span[-1].text.lower()
    return len(last) > 4 and last.endswith(SURNAME_ENDINGS) and fold(last) not in country_index()


def is_title_case(sent: Span) -> bool:
    """A headline in Title Case, where capitals say nothing about names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    last = [t for t in sent if not t.is_space]
    if last and last[-1].text in (".", "!", "?", ";"):
        return False
    if last and _line_end(last[-1]).text in (".", "!", "?", ";"):
        return False  # a piece of a long sentence that the parser cut, not a headline
    return len(words) >= 3 and sum(not t.text[:1].isupper() for t in words) <= 1


def _line_end(tok: Token) -> Token:
    """The last token before the line break that ends the line of ``tok``."""
    doc, stop = tok.doc, min(len(tok.doc), tok.i + 400)
    while tok.i + 1 < stop and "\n" not in tok.whitespace_ and not (
            doc[tok.i + 1].is_space and "\n" in doc[tok.i + 1].text):
        tok = doc[tok.i + 1]
    return tok


def split_org_tail(ent: Span) -> list[Span]:
    """"YDA Holding Hüseyin Arslan" -> ORG "YDA Holding" + PERSON "Hüseyin Arslan"."""
    if ent.label_ != "ORG":
        return [ent]
    last_org = max((t.i for t in ent if t.lower_ in ORG_WORDS), default=None)
    if last_org is None or ent.end - last_org - 1 < 2:
        return [ent]
    tail = ent.doc[last_org + 1:ent.end]
    if not all(is_name_token(t) or t.text == "-" for t in tail):
        return [ent]
    return [Span(ent.doc, ent.start, last_org + 1, label="ORG"), Span(ent.doc, last_org + 1, ent.end, label="PERSON")]


def repair_entities(doc: Doc, matcher) -> list[Span]:
    """The corrected entity spans of ``doc`` (see the module docstring)."""
    matches = filter_spans([Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in matcher(doc)])
    person_at = {e.start: e for e in doc.ents if e.label_ == "PERSON"}
    given = {m.start for m in matches if m.start in person_at and _given_name(doc, person_at[m.start], m)}
    matches = [m for m in matches if m.start not in given]
    ents, leftovers = split_gazetteer(doc, list(doc.ents), matches)
    ents = [piece for e in ents for piece in split_org_tail(e)]
    # Strip titles inside PERSON spans and decide which name runs are people.
    person_tokens = {i for e in ents if e.label_ == "PERSON" and not _holds_a_thing(e) for i in range(e.start, e.end)}
    person_tokens |= {i for s, e in leftovers for i in range(s, e)}
    countries = {i for m in matches if m.label_ != "ORG" for i in range(m.start, m.end)}
    blocked = {i for e in ents if e.label_ in KEEP_LABELS for i in range(e.start, e.end)}
    blocked |= {i for m in matches for i in range(m.start, m.end)}
    # ORG spans block name runs unless a title introduces them.
    org_tokens = {i for e in ents if e.label_ == "ORG" for i in range(e.start, e.end)}
    gazetteer_starts = {m.start for m in matches if m.label_ == "GPE"}
    headline = {i for sent in doc.sents if is_title_case(sent) for i in range(sent.start, sent.end)}
    people: list[Span] = []
    undecided: list[tuple[int, int]] = []
    country_ends = {m.end: m.start for m in matches if m.label_ == "GPE"}
    for s, e in name_runs(doc, blocked, given):
        if e - s >= 2 and (country_dash_line(doc, s, e, country_ends) or bullet_line_name(doc, s, e)):
            people.append(Span(doc, s, e, label="PERSON"))
            continue
        if s in headline:
            continue  # capitals in a Title Case headline say nothing; known names are found below
        if doc[s:e].text.lower() in ("the",):
            continue
        if e - s == 1 and fold(doc[s].text) in capital_index() and not preceded_by_title(doc, s, countries, e):
            continue  # "Abuja hosted the talks": a city, whatever the model said
        if fold(doc[s:e].text) in REGIONS:
            continue  # "for West Africa and Sahel": a region
        in_org = any(i in org_tokens for i in range(s, e))
        is_person = any(i in person_tokens for i in range(s, e)) and not in_org or surname_with_particles(doc[s:e])
        if not is_person and has_surname_shape(doc[s:e]) and not any(t.lower_ in ORG_WORDS for t in doc[s:e]):
            is_person = True
        if preceded_by_title(doc, s, countries, e) and plausible_name(doc, s, e):
            is_person = True
        if e - s >= 2 and in_apposition_to_role(doc, s, e) and plausible_name(doc, s, e) and not any(
                doc[i].ent_type_ in ("ORG", "FAC", "GPE") for i in range(s, e)):
            is_person = True  # "the third president of the republic, X Y", "X Y, the envoy"
        if after_country_possessive(doc, s, e, countries) and plausible_name(doc, s, e):
            is_person = True  # "Ghana's Kofi Mensah"
        # "Faure Gnassingbé of Togo", "Presidents Sadyr Japarov of Kyrgyzstan"
        if e - s >= 2 and e + 1 < len(doc) and doc[e].lower_ == "of" and e + 1 in gazetteer_starts \
                and plausible_name(doc, s, e):
            is_person = True
        if is_person:
            people.append(Span(doc, s, e, label="PERSON"))
        else:
            undecided.append((s, e))
    people += listed_with_people(doc, undecided, people, ents)
    # Surnames of known people name them wherever they recur.
    known = {fold(p[-1].text) for p in people if len(p) >= 2} | {fold(p.text) for p in people if len(p) == 1}
    known |= {fold(p[-1].text).split()[-1] for p in people if " " in p[-1].text}  # "Leyen" of "von der Leyen"
    # "Quispe" of "Rosa Quispe Mendoza", when it stands alone (not "Recep Tayyip Erdoğan" in a headline)
    inner = {w for p in people for w in inner_names(fold(p.text).split())} - known
    taken = {i for p in people for i in range(p.start, p.end)}
    for tok in doc:
        key = fold(tok.text)
        if tok.i in taken or tok.i in blocked or tok.ent_type_ in KEEP_LABELS or not tok.text[:1].isupper():
            continue
        if key in inner and _next_to_a_name(doc, tok.i):
            continue
        if (key in known or key in inner) and key not in country_index() and key not in demonym_index():
            people.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    people_tok = {i for p in people for i in range(p.start, p.end)}
    others = [e for e in ents if e.label_ != "PERSON"
              and not any(i in people_tok for i in range(e.start, e.end))]
    return filter_spans(people + others)


def _holds_a_thing(ent: Span) -> bool:
    """Does a PERSON span hold a capitalised word that no name has, an event, document or
    place word ("Banquet Hall", "State Visit")?  Then the model's label says nothing."""
    return any(t.text[:1].isupper() and not is_name_token(t) and not is_title_token(t)
               and (t.lower_ in THING_WORDS or singular(t.lower_) in THING_WORDS) for t in ent)


def _next_to_a_name(doc: Doc, i: int) -> bool:
    """Is the token at ``i`` part of a longer run of name words?"""
    return any(0 <= j < len(doc) and is_name_token(doc[j]) for j in (i - 1, i + 1))


_ENTS_BY_SENTENCE = "kg_ents_by_sentence"


def sentence_ents(sent: Span) -> list[Span]:
    """``sent.ents`` from an index made once per doc.

    spaCy's ``Span.ents`` walks every entity of the doc, so asking it once per
    fact made extraction quadratic: a 400,000-character article took minutes.
    The index lives in ``doc.user_data``; it assumes ``doc.ents`` no longer
    changes (true once the pipeline has run).
    """
    doc = sent.doc
    index = doc.user_data.get(_ENTS_BY_SENTENCE)
    if index is None:
        index = {}
        for ent in doc.ents:
            index.setdefault(ent.sent.start, []).append(ent)
        doc.user_data[_ENTS_BY_SENTENCE] = index
    return [e for e in index.get(sent.start, ()) if e.end <= sent.end]
