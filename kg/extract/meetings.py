"""Handlers for meetings and calls: "A met B", "A and B held talks", "talks between
A and B", "A called on B", "A held a phone call with B".

Each handler takes a dependency match, a :class:`~kg.extract.coref.Resolver`
and the article's :class:`~kg.extract.things.ThingTable`, and returns
:class:`~kg.extract.arguments.Candidate` objects.
"""
from __future__ import annotations

from kg.extract.arguments import (ATTENDANCE, MAIN, SIGNING, Candidate, actors, agents, children, documents,
                                  is_passive, leaders, noun_prep_objects, owner_tokens, partners, path_between,
                                  prep_objects, subject_tokens)
from kg.extract.coref import Resolver
from kg.extract.lexicon import words
from kg.extract.things import ThingTable

LIGHT_VERBS = words("light_meeting_verbs")  # "held talks": hold_meeting's case, not meet_with's


def meet_verb(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    lemma = v.lemma_.lower()
    if is_passive(v):
        objs = children(v, "nsubjpass") or ([v.head] if v.dep_ == "acl" else [])
        # "A arrived and was received by B", "A was seen on the carpet to be greeted by B"
        objs = objs or (subject_tokens(v) if v.dep_ in ("conj", "xcomp") else [])
        subs = agents(v)
    else:
        subs = subject_tokens(v)
        objs = children(v, "dobj")
    s, o = actors(r, subs), actors(r, objs)
    if lemma == "meet" and not is_passive(v):
        o += [k for p in children(v, "prep") if p.lower_ == "with" for k in partners(r, p) if k not in o]
    if not o and not objs and lemma == "meet" and len(s) >= 2:  # not "they met their targets"
        return [Candidate(MAIN, v, s, clique=True)]
    return [Candidate(MAIN, v, s, o)] if s and o else []


def meet_with(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v, prep = m["trigger"], m["prep"]
    lemma = v.lemma_.lower()
    if lemma in LIGHT_VERBS:
        return []  # handled by hold_meeting
    if lemma in words("loose_meeting_verbs") and not any(c.lower_ == "down" for c in v.children):
        return []
    if lemma == "meet":
        return []  # handled by meet_verb
    s = actors(r, subject_tokens(v))
    o = partners(r, prep)
    return [Candidate(MAIN, v, s, o)] if s and o else []


def deep_with(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """A "with B" phrase the parser attached inside the object: the partner of the trigger verb."""
    v, prep = m["trigger"], m["prep"]
    if prep.head.i == v.i or is_passive(v):
        return []  # direct attachment is meet_with's case
    if any(t.pos_ in ("VERB", "AUX") for t in path_between(v, prep)):
        return []  # inside another clause
    s = actors(r, subject_tokens(v))
    o = [k for k in actors(r, children(prep, "pobj")) if r.table.actors[k].kind == "person"]
    if not s or not o:
        return []
    out = [Candidate(MAIN, v, s, o)]
    if v.lemma_ in words("signing_with_verbs"):
        docs = documents(children(v, "dobj"), things)
        out += [Candidate(SIGNING, v, o, things=docs)] if docs else []
    return out


def joint_discuss(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    if prep_objects(v, {"with", "alongside"}) or children(v, "dobj") and v.lemma_ == "meet":
        return []
    s = actors(r, [m["subj"]])
    if len(s) < 2:
        return []
    return [Candidate(MAIN, v, s, clique=True)]


def hold_meeting(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v, noun = m["trigger"], m["noun"]
    o = [k for p in children(noun, "prep") + children(v, "prep") if p.lower_ == "with" for k in partners(r, p)]
    between = actors(r, prep_objects(noun, {"between", "among"}) + prep_objects(v, {"between", "among"}))
    s = actors(r, subject_tokens(v)) if noun.dep_ in ("dobj", "pobj") else []
    led = actors(r, leaders(noun))
    if len(led) >= 2:  # "Oman and Maldives held talks headed by A and B": both pairs met
        out = [Candidate(MAIN, v, led, clique=True)]
        return out + ([Candidate(MAIN, v, s, clique=True)] if len(s) >= 2 else [])
    if between:
        return [Candidate(MAIN, v, between + s, clique=True)]
    if s and o:
        return [Candidate(MAIN, v, s, o)]
    if len(s) >= 2:
        return [Candidate(MAIN, v, s, clique=True)]
    return []


def meeting_noun(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    noun, prep = m["trigger"], m["prep"]
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_ in LIGHT_VERBS:
        return []
    objs = partners(r, prep)
    if prep.lower_ in ("between", "among"):
        return [Candidate(MAIN, noun, objs, clique=True)] if len(objs) >= 2 else []
    s = actors(r, owner_tokens(noun, of=True))
    return [Candidate(MAIN, noun, s, objs)] if s and objs else []


def bring_together(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"The forum brought together A, B and C": they all met (and a person who did the bringing);
    when an event did the bringing, the people brought together attended it."""
    v = m["trigger"]
    brought = actors(r, children(v, "dobj"))
    subjects = [v.head if s.tag_ in ("WDT", "WP") and v.dep_ == "relcl" else s for s in subject_tokens(v)]
    host = [k for k in actors(r, subjects) if r.table.actors[k].kind == "person"]
    people = list(dict.fromkeys(host + brought))
    out = [Candidate(MAIN, v, people, clique=True)] if len(people) >= 2 else []
    events = [t for t in (_event_named(s, things) for s in subjects) if t]
    if events and brought:
        out.append(Candidate(ATTENDANCE, v, brought, things=events[:1]))
    return out


def _event_named(tok, things: ThingTable):
    """The event a noun phrase names, or the one it belongs to ("the conference on Lake
    Victoria fisheries, which ...": the clause may hang on "fisheries")."""
    for _ in range(3):
        if tok.pos_ in ("NOUN", "PROPN") and (thing := things.get(tok, "event")):
            return thing
        if tok.dep_ not in ("pobj", "prep") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def call_on(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v, prep = m["trigger"], m["prep"]
    if v.lemma_ == "pay" and not any(c.lemma_ in words("courtesy_call_nouns") for c in children(v, "dobj")):
        return []
    s = actors(r, subject_tokens(v))
    o = [k for k in actors(r, children(prep, "pobj")) if r.table.actors[k].kind == "person"]
    return [Candidate(MAIN, v, s, o)] if s and o else []


def call_noun(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    noun = m["trigger"]
    between = actors(r, noun_prep_objects(noun, {"between", "among"}))
    if len(between) >= 2:
        return [Candidate(MAIN, noun, between, clique=True)]
    o = actors(r, prep_objects(noun, {"with"}))
    if not children(noun, "poss"):  # "A held a phone call with B": the partner hangs on the verb
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        o += actors(r, prep_objects(head, {"with"})) if head.pos_ in ("VERB", "AUX") else []
    s = actors(r, owner_tokens(noun))
    if s and o:
        return [Candidate(MAIN, noun, s, o)]
    return [Candidate(MAIN, noun, s, clique=True)] if len(s) >= 2 else []


def call_verb(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    if v.lemma_ == "call" and (children(v, "oprd", "xcomp", "ccomp") or prep_objects(v, {"on", "for", "upon"})
                               or is_passive(v) or any(c.lower_ in ("on", "off", "for") for c in v.children)):
        return []
    s = actors(r, subject_tokens(v))
    o = [k for k in actors(r, children(v, "dobj")) if r.table.actors[k].kind == "person"]
    return [Candidate(MAIN, v, s, o)] if s and o else []


def speak_by_phone(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    s = actors(r, subject_tokens(v))
    o = actors(r, prep_objects(v, {"with", "to"}))
    if s and o:
        return [Candidate(MAIN, v, s, o)]
    return [Candidate(MAIN, v, s, clique=True)] if len(s) >= 2 else []


def welcome_noun(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"He was given a red-carpet welcome by A", "B received a warm reception from A"."""
    noun, by = m["trigger"], m["by"]
    hosts = actors(r, children(by, "pobj"))
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass", "attr") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return []
    guests = actors(r, children(verb, "nsubj", "nsubjpass", "dative"))
    return [Candidate(MAIN, noun, hosts, guests)] if hosts and guests else []
