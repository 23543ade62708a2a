"""Actors of one article: people, countries and organisations, with their roles.

:func:`build_actor_table` reads the repaired entity spans of a parsed article
and clusters them into actors: "Erdogan" after "Recep Tayyip Erdoğan" is the
same person; "Oljas Bektenov" and "Olzhas Bektenov" are one; "Türkiye" and
"Turkey" are one country.  The resulting :class:`ActorTable` maps each entity
token to its actor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract.lexicon import (ORG_WORDS, ROLE_NOUNS, TITLE_POSSESSIVES, TITLE_STOP_WORDS, TITLE_WORDS, body_index,
                                capital_index, country_index, country_of, singular, words)
from kg.model import Actor
from kg.names import fold, name_key, refers_to

PATRONYMIC = words("patronymic_particles")


@dataclass
class ActorTable:
    """Actors of an article and the tokens that mention them."""

    actors: dict[str, Actor] = field(default_factory=dict)
    token_actor: dict[int, str] = field(default_factory=dict)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, key) in token order

    def actor_at(self, i: int) -> str | None:
        return self.token_actor.get(i)

    def add_mention(self, span: Span, key: str) -> None:
        self.mentions.append((span.start, span.end, key))
        for i in range(span.start, span.end):
            self.token_actor[i] = key

    def persons(self) -> list[str]:
        return [k for k, a in self.actors.items() if a.kind == "person"]

    def country(self, name: str) -> str:
        """The key of the country ``name`` (canonical), added to the table if it was not there."""
        key = name_key(name)
        self.actors.setdefault(key, Actor(key=key, name=name, kind="country"))
        return key


def clean_name(span: Span, nickname: bool = False) -> str:
    """The name in a PERSON span, without leading titles or a trailing possessive, and
    without a nickname in quotes (Joko "Jokowi" Widodo) unless ``nickname``."""
    toks = list(span)
    if not nickname:
        toks = _without_quoted(toks)
    while toks and (toks[0].lower_.rstrip(".") in TITLE_WORDS and len(toks) > 1) and not (
            toks[1].lower_ in PATRONYMIC):  # "Sultan bin Nayef": Sultan is his name
        toks = toks[1:]
    while toks and (toks[-1].text in ("'s", "’s", "'", "’", "-", ",", ".") or len(toks) > 2 and _post_nominal(toks[-1])):
        toks = toks[:-1]
    return "".join(_name_case(t, toks) + t.whitespace_ for t in toks).strip()


POST_NOMINALS = words("post_nominal_letters")


def _post_nominal(tok) -> bool:
    """Letters after a name ("MP", "KC", "PhD"), written in capitals as they are."""
    bare = tok.text.replace(".", "")
    return bare.lower() in POST_NOMINALS and (bare.isupper() or bare == "PhD")


ROMAN = re.compile(r"[IVXLCDM]+")


def _name_case(tok, toks: list) -> str:
    """A surname in capitals beside name words in mixed case ("KISHIDA Fumio") in mixed case too."""
    text = tok.text
    if ROMAN.fullmatch(text):
        return text  # "Charles III", "Leo XIV"
    if len(text) > 2 and text.isupper() and text.isalpha() and any(
            t.is_alpha and not t.is_upper and t.text[:1].isupper() for t in toks):
        return text.capitalize()
    return text


QUOTES = ('"', "“", "”", "'", "‘", "’", "«", "»")


def _without_quoted(toks: list) -> list:
    """Tokens of a name without a quoted inner word or two (the nickname)."""
    quotes = [k for k, t in enumerate(toks) if t.text in QUOTES and 0 < k < len(toks) - 1]
    if len(quotes) != 2 or quotes[1] - quotes[0] > 3:
        return toks
    return toks[:quotes[0]] + toks[quotes[1] + 1:]


def _role_before(doc: Doc, span: Span) -> str | None:
    """The title phrase right before a name: "Turkish President", "President of Kazakhstan"."""
    i = span.start - 1
    while i >= 0:
        tok = doc[i]
        low = tok.lower_.rstrip(".")
        if low in TITLE_WORDS or singular(low) in ROLE_NOUNS or tok.ent_type_ in ("NORP", "GPE") \
                or country_of(tok.text) or fold(tok.text) in body_index() or (tok.text in ("-", "–") and i > 0):
            i -= 1
            continue
        # an appositive title: "the Foreign Minister of Chile, Ignacio Rojas"
        if tok.text == "," and i == span.start - 1 and i > 0 and (
                doc[i - 1].lower_ in TITLE_WORDS or country_of(doc[i - 1].text)):
            i -= 1
            continue
        break
    toks = [t for t in doc[i + 1:span.start]]
    while toks and (toks[0].lower_ in TITLE_STOP_WORDS or toks[0].lower_ in TITLE_POSSESSIVES
                    or toks[0].lower_ in ("-", "–")):
        toks = toks[1:]
    while toks and (toks[-1].lower_ in TITLE_STOP_WORDS or toks[-1].lower_ in ("-", "–", ",")):
        toks = toks[:-1]
    if not any(t.lower_.rstrip(".") in TITLE_WORDS - TITLE_STOP_WORDS or singular(t.lower_) in ROLE_NOUNS
               for t in toks):
        return None
    return "".join(t.text_with_ws for t in toks).strip() or None


def _role_after(span: Span) -> str | None:
    """An appositive role: "Rashid Meredov, Deputy Chairman of the Cabinet"."""
    head = span.root
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.lower_ not in ("who",):
            words = [t for t in child.subtree]
            if any(t.ent_type_ == "PERSON" or t.pos_ in ("VERB", "AUX") for t in words):
                continue  # "Erdogan, Kazakh PM Bektenov Meet in Ankara": a headline, not a role
            if any(t.lower_ in TITLE_WORDS - TITLE_STOP_WORDS for t in words) and len(words) <= 12:
                return "".join(t.text_with_ws for t in words).strip()
    return None


def _country_in(text: str) -> str | None:
    """The first country named in a role phrase, trying two-word names first ("Sri Lankan")."""
    words = text.replace("-", " ").replace(",", " ").split()
    for i in range(len(words)):
        for n in (3, 2, 1):
            c = country_of(" ".join(words[i:i + n])) if i + n <= len(words) else None
            if c:
                return c
    return None


def build_actor_table(doc: Doc) -> ActorTable:
    """Cluster the entity mentions of ``doc`` into actors."""
    table = ActorTable()
    persons = [e for e in doc.ents if e.label_ == "PERSON" and clean_name(e)]
    # Fullest names first, so that short mentions attach to them.
    full: list[tuple[list[str], str]] = []
    order = sorted(persons, key=lambda e: -len(fold(clean_name(e, nickname=True)).split()))
    assigned: dict[int, str] = {}
    for e in order:
        words = fold(clean_name(e, nickname=True)).split()
        target = None
        candidates = [key for fw, key in full if refers_to(words, fw)]
        if len(candidates) == 1 or (candidates and len(words) > 1):
            target = candidates[0]
        elif len(candidates) > 1:
            target = _nearest(e, candidates, table, doc)
        if target is None:
            target = name_key(clean_name(e))
            full.append((words, target))
            table.actors.setdefault(target, Actor(key=target, name=clean_name(e), kind="person"))
        assigned[e.start] = target
    for e in persons:
        key = assigned[e.start]
        actor = table.actors[key]
        name = clean_name(e)
        actor.aliases.update({name, clean_name(e, nickname=True)})
        if len(name) > len(actor.name) and len(name.split()) >= len(actor.name.split()):
            actor.name = name
        role = _role_before(doc, e) or _role_after(e)
        if role:
            actor.roles.add(role)
            actor.country = actor.country or (_country_key(role))
        table.add_mention(e, key)
    for e in doc.ents:
        if e.label_ in ("GPE", "NORP"):
            country = country_of(e.text) or (None if e.label_ == "NORP" else _country_in(e.text))
            if not country or is_capital_only(e.text):
                continue
            key = table.country(country)
            actor = table.actors[key]
            if e.label_ == "GPE":
                actor.aliases.add(e.text.removeprefix("the ").strip())
            table.add_mention(e, key)
        elif e.label_ == "ORG":
            name = e.text[4:] if e.text.lower().startswith("the ") else e.text
            name = name.removesuffix("'s").removesuffix("’s").strip()
            if not name or len(name) < 2:
                continue
            if country_of(name) and not is_capital_only(name):  # "Honduras" tagged ORG is the country
                table.add_mention(e, table.country(country_of(name)))
                continue
            body = body_index().get(fold(name))  # "AU" and "the African Union" are one body
            key = name_key(body or name)
            actor = table.actors.setdefault(key, Actor(key=key, name=body or name, kind="organization"))
            actor.aliases.add(name)
            if len(name) > len(actor.name) and not body:
                actor.name = name
            table.add_mention(e, key)
    _share_list_roles(doc, persons, table)
    _counterpart_roles(persons, table)
    for actor in table.actors.values():
        actor.aliases.discard(actor.name)
        actor.roles = {t for t in (tidy_role(r) for r in actor.roles) if t and is_office(t)}
    table.mentions.sort()
    return table


OFFICE_NOUNS = ROLE_NOUNS | words("office_nouns")


HONORIFICS = words("honorific_words")
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+\s+[-–—]\s+")  # "BEIJING - Prime Minister"


def tidy_role(role: str) -> str:
    """A role phrase without a dateline, an article or honorifics at its ends ("UAE Foreign Minister
    Sheikh" -> "UAE Foreign Minister", "the Minister of External Affairs" -> "Minister of External Affairs").

    >>> [tidy_role(r) for r in ("Foreign Minister of Palestine H.E.", "BEIJING - Prime Minister", "Mr.")]
    ['Foreign Minister of Palestine', 'Prime Minister', '']
    """
    parts = DATELINE.sub("", role).split()
    while parts and (parts[0].lower().rstrip(".") in HONORIFICS or parts[0].lower() in HONORIFICS):
        parts = parts[1:]
    while parts and (parts[-1].lower().rstrip(".") in HONORIFICS or parts[-1].lower() in HONORIFICS
                     or parts[-1].lower() in ("and", "of", ",")):
        parts = parts[:-1]
    return " ".join(parts)


def is_office(role: str) -> bool:
    """Does a role phrase name an office ("Kazakh Prime Minister", "Attorney General"), not only an
    honorific ("Mr.", "H.E.") or a portfolio cut from its office ("Culture", "Trade")?

    >>> [is_office(r) for r in ("Kenyan President", "Attorney General", "Mr.", "H.E.", "Culture")]
    [True, True, False, False, False]
    """
    return any(singular(w) in OFFICE_NOUNS or w in OFFICE_NOUNS for w in re.findall(r"[\w-]+", role.lower()))


def is_capital_only(text: str) -> bool:
    """Is ``text`` a capital city and not also its country's name ("Nairobi", not "Singapore", "Kuwait")?"""
    key = fold(text)
    return key in capital_index() and key not in country_index()


def _share_list_roles(doc: Doc, persons: list[Span], table: ActorTable) -> None:
    """"Presidents A of X, B of Y and C of Z": each is a president, each of their country."""
    for e in persons:
        key = table.token_actor.get(e.start)
        if key is None:
            continue
        actor, root = table.actors[key], e.root
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and not actor.country:
                country = next((country_of(o.text) for o in prep.children if o.dep_ == "pobj"
                                and country_of(o.text)), None)
                actor.country = name_key(country) if country else None
        first = root
        while first.dep_ in ("conj", "appos") and first.head.i != first.i:
            first = first.head
        lead = table.token_actor.get(first.i)
        if lead and lead != key:
            plural = [r for r in table.actors[lead].roles if r.split()[-1].lower().endswith("s")]
            actor.roles.update(_singular_role(r) for r in plural)


def _singular_role(role: str) -> str:
    """"Cabinet Secretaries" -> "Cabinet Secretary", keeping the word's capital."""
    head, _, last = role.rpartition(" ")
    one = singular(last.lower())
    one = one.capitalize() if last[:1].isupper() else one
    return f"{head} {one}" if head else one


def _counterpart_roles(persons: list[Span], table: ActorTable) -> None:
    """"A met his Vietnamese counterpart B": B holds A's office (Prime Minister, Foreign Minister)."""
    for e in persons:
        key = table.token_actor.get(e.start)
        if key is None or not any("counterpart" in r.lower() for r in table.actors[key].roles):
            continue
        # the word "counterpart" right before the name carries the link even when the parser
        # detached the name from it
        doc = e.doc
        near = [t for t in doc[max(0, e.start - 4):e.start] if t.lower_.startswith("counterpart")]
        head = near[-1] if near else e.root
        while head.dep_ in ("appos", "compound") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "conj":
            anchor = head.head
        elif head.dep_ in ("pobj", "dobj"):
            verb = head.head.head if head.dep_ == "pobj" else head.head
            anchor = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        else:
            anchor = None
        other = table.token_actor.get(anchor.i) if anchor is not None else None
        if other is None or other == key:
            continue
        for role in list(table.actors[other].roles):
            office = " ".join(w for w in role.split() if not country_of(w) and w.lower() != "counterpart")
            if office:
                table.actors[key].roles.add(office)


def _country_key(role: str) -> str | None:
    country = _country_in(role)
    return name_key(country) if country else None


def _nearest(span: Span, keys: list[str], table: ActorTable, doc: Doc) -> str:
    """Of several people a short name fits, the one last mentioned before ``span``."""
    best, best_pos = keys[0], -1
    for s, _e, k in table.mentions:
        if k in keys and best_pos < s < span.start:
            best, best_pos = k, s
    return best


def is_org_like(text: str) -> bool:
    return any(w in ORG_WORDS for w in fold(text).split())
