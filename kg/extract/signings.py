"""Handlers for signings and attendance: "A and B signed X", "X was signed by A",
"the signing of X between A and B", "A attended X", "A took part in X",
"A, B and C were present at X".
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import (MAIN, MEETING, Candidate, actors, agent_actors, children, documents, expand,
                                  is_passive, is_possessor, prep_objects, subject_tokens)
from kg.extract.coref import Resolver
from kg.extract.lexicon import words
from kg.extract.things import ThingTable


def sign_verb(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    if v.lemma_ in ("conclude",) and not children(v, "dobj", "nsubjpass"):
        return []
    if is_passive(v):
        docs = children(v, "nsubjpass") or ([v.head] if v.dep_ in ("acl", "relcl") else []) or (
            children(v.head, "nsubj") if v.dep_ == "xcomp" else [])  # "the deal is to be signed by"
        if docs and docs[0].lower_ in ("which", "that") and v.dep_ == "relcl":
            docs = [v.head]
        s = agent_actors(r, v)
        if not s:  # "X was signed between A and B", "the deal between A and B was signed"
            s = actors(r, prep_objects(v, {"between", "among"})
                       or [t for d in docs for t in prep_objects(d, {"between"})])
    else:
        s = actors(r, subject_tokens(v) + prep_objects(v, {"with"}))  # "A signed X with B": both signed
        docs = children(v, "dobj")
    return _signing(v, s, documents(docs, things), r)


def _signing(trigger: Token, signers: list[str], docs: list, r: Resolver) -> list[Candidate]:
    """The signing by ``signers`` of ``docs``; people who sign together also meet."""
    if not signers or not docs:
        return []
    out = [Candidate(MAIN, trigger, signers, things=docs)]
    persons = [k for k in signers if r.table.actors[k].kind == "person"]
    if len(persons) >= 2:
        out.append(Candidate(MEETING, trigger, persons, clique=True))
    return out


def put_signature(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A and B put their signatures to X", "A affixed his signature on X": a light verb and
    the noun "signature" say that A and B signed X."""
    v, noun = m["trigger"], m["noun"]
    if is_passive(v):
        return []
    docs = prep_objects(noun, {"to", "on", "under"}) or prep_objects(v, {"to", "on", "under"})
    return _signing(v, actors(r, subject_tokens(v)), documents(docs, things), r)


def signing_noun(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    noun, prep = m["trigger"], m["prep"]
    docs = documents(prep_objects(noun, {"of"}), things)
    s = actors(r, children(prep, "pobj"))
    return [Candidate(MAIN, noun, s, things=docs)] if s and docs else []


def _attend(trigger: Token, attendees: list[Token], events: list[Token], r: Resolver,
            things: ThingTable, co: list[Token] = ()) -> list[Candidate]:
    return _attend_keys(trigger, actors(r, attendees), events, r, things, co)


def _attend_keys(trigger: Token, s: list[str], events: list[Token], r: Resolver,
                 things: ThingTable, co: list[Token] = ()) -> list[Candidate]:
    evs = []
    for e in expand(events):
        thing = things.get(e, "event")
        if thing and thing not in evs:
            evs.append(thing)
    if not s or not evs:
        return []
    out = [Candidate(MAIN, trigger, s, things=evs)]
    partners = actors(r, list(co))
    if partners:
        out.append(Candidate(MAIN, trigger, partners, things=evs))
        out.append(Candidate(MEETING, trigger, s, partners))
    return out


def attend_verb(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    lemma = v.lemma_.lower()
    if is_passive(v):
        events = children(v, "nsubjpass") or ([v.head] if v.dep_ == "acl" else [])
        return _attend_keys(v, agent_actors(r, v), events, r, things)
    events = prep_objects(v, {"in", "at"}) if lemma == "participate" else children(v, "dobj")
    co = prep_objects(v, {"with", "alongside"}) + [t for e in events for d in e.subtree
                                                   if d.dep_ == "prep" and d.lower_ == "with"
                                                   for t in children(d, "pobj")]
    if not events and lemma == "attend" and things.main_event and not children(v, "prep", "ccomp", "xcomp"):
        # "B also attended.": the event the article is about
        keys = actors(r, subject_tokens(v))
        return [Candidate(MAIN, v, keys, things=[things.things[things.main_event]])] if keys else []
    return _attend(v, subject_tokens(v), events, r, things, co)


def take_part(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v, part = m["trigger"], m["part"]
    events = prep_objects(part, {"in"}) + prep_objects(v, {"in"})
    return _attend(v, subject_tokens(v), events, r, things)


def present(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A, B and C were present at X"; "Also present are A; B; C"; "Heads of State present include A, B"."""
    adj = m["trigger"]
    events = prep_objects(adj, {"at", "during", "in", "for"})
    if not events and adj.dep_ in ("acomp", "attr"):  # "were present at X" with "at" hung on "were"
        events = prep_objects(adj.head, {"at", "during", "in", "for"})
    event_tokens = {t.i for e in events for t in e.subtree}
    people = [k for s, _e, k in r.table.mentions
              if adj.sent.start <= s < adj.sent.end and s not in event_tokens
              and r.table.actors[k].kind == "person" and not is_possessor(adj.doc[s])]
    people = list(dict.fromkeys(people))
    evs = [t for t in (things.get(e, "event") for e in expand(events)) if t]
    if not evs and things.main_event:
        evs = [things.things[things.main_event]]
    return [Candidate(MAIN, adj, people, things=evs)] if people and evs else []


MEDIA_EVENTS = words("media_event_words")
MEETING_EVENTS = words("meeting_event_nouns")
SPEAKING_VERBS = words("speaking_verbs")


def at_event(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"At the ceremony, A and B signed X", "A spoke at the summit": the subject was at the event."""
    v, event = m["trigger"], m["event"]
    if v.lemma_.lower() in words("not_at_event_verbs") or is_passive(v):
        return []
    if any(c.lower_ in MEDIA_EVENTS for c in event.children):
        return []  # "told a press conference" is not a diplomatic event
    if event.lemma_.lower() in MEETING_EVENTS and v.lemma_.lower() not in SPEAKING_VERBS:
        return []  # "at the meeting, A and B discussed": principals, not attendees
    if any(c.lower_ in words("remote_event_words") for c in event.children):
        return []
    people = [k for k in actors(r, subject_tokens(v)) if r.table.actors[k].kind == "person"]
    thing = things.get(event, "event")
    return [Candidate(MAIN, v, people, things=[thing])] if people and thing else []
