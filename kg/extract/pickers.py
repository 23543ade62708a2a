"""The argument pickers, by the name a rule gives (``picker = "..."`` in a rule file).

A picker takes a dependency match (node id -> token), the article's
:class:`~kg.extract.coref.Resolver` and :class:`~kg.extract.things.ThingTable`,
and the :class:`~kg.extract.rules.Rule` that matched, and returns
:class:`~kg.extract.arguments.Candidate` objects.  Most are tied to the grammar
of one kind of trigger (:mod:`kg.extract.meetings`,
:mod:`kg.extract.signings`); :func:`subject_object` and :func:`owner_object`
are generic, for new relations: their options come from the rule's ``options``.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg import relations as registry
from kg.extract.arguments import (MAIN, Candidate, actors, agent_actors, children, documents, expand, is_passive,
                                  owner_tokens, prep_objects, subject_tokens)
from kg.extract.coref import Resolver
from kg.extract.lexicon import words
from kg.extract.attendance import (companion, greeted_at, greeted_at_main, in_presence, lead_delegation,
                                   representative)
from kg.extract.lists import attendee_list, caption_list, others_list
from kg.extract.meetings import (bring_together, call_noun, call_on, call_verb, deep_with, hold_meeting,
                                 host_meal, joint_act, joint_discuss, joint_press, meet_verb, meet_with,
                                 meeting_clause, meeting_noun, speak_by_phone, welcome_noun)
from kg.extract.signings import (at_event, attend_verb, chair_signing, present, put_signature, sign_verb,
                                 signatory, signing_noun, take_part)
from kg.extract.things import ThingTable
from kg.model import Thing
from kg.names import name_key

PLACE_ENTITIES = ("GPE", "LOC", "FAC")


def _place(tok: Token, things: ThingTable) -> Thing | None:
    """The place a token names (a city, region or venue that is not an actor), registered as a Thing."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ in PLACE_ENTITIES), None)
    if ent is None:
        return None
    label = ent.text.strip()
    key = name_key(label)
    known = things.things.get(key)
    if known is not None and known.kind != "place":
        return None
    return things.things.setdefault(key, Thing(key=key, label=label, kind="place"))


def objects_of(r: Resolver, things: ThingTable, tokens: list[Token],
               spec: registry.Relation) -> tuple[list[str], list[Thing]]:
    """The objects that ``tokens`` name, of the kinds ``spec`` takes: actor keys, and documents,
    events or places."""
    if spec.object_thing == "document":
        return [], documents(tokens, things)
    found: list[Thing] = []
    if spec.object_thing == "event":
        for thing in (things.get(e, "event") for e in expand(tokens)):
            if thing and thing not in found:
                found.append(thing)
        return [], found
    keys: list[str] = []
    for tok in expand(tokens):
        hits = [k for k in r.resolve(tok) if spec.takes_actor_object(r.table.actors[k].kind)]
        keys += [k for k in hits if k not in keys]
        if not hits and "place" in spec.object_kinds and (place := _place(tok, things)) and place not in found:
            found.append(place)
    return keys, found


def _subjects(r: Resolver, keys: list[str], spec: registry.Relation) -> list[str]:
    return [k for k in keys if r.table.actors[k].kind in spec.subject_kinds]


def doer_tokens(verb: Token) -> list[Token]:
    """Who does what ``verb`` says: its subject, but the object of a verb of asking before an
    infinitive ("A invited B to visit X": B would visit)."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in words("object_control_verbs") and not is_passive(head):
        told = children(head, "dobj")
        if told:
            return told
    return subject_tokens(verb)


def subject_object(m: dict, r: Resolver, things: ThingTable, rule=None, *, object_node: str = "trigger",
                   object_deps: tuple[str, ...] = ("dobj",), object_preps: tuple[str, ...] = ()) -> list[Candidate]:
    """"A condemned B", "B was condemned by A"; with options, objects found elsewhere: "A paid a state
    visit to B" (``object_node = "noun"``, ``object_preps = ["to"]``), "A arrived in B on a visit"
    (``object_preps = ["in"]``, no ``object_deps``)."""
    v = m["trigger"]
    spec = registry.get(rule.relation)
    holder = m.get(object_node, v)
    if is_passive(v) and holder.i == v.i:
        subjects, tokens = agent_actors(r, v), children(v, "nsubjpass")
    else:
        subjects, tokens = actors(r, doer_tokens(v)), children(holder, *object_deps)
    keys, found = objects_of(r, things, tokens + prep_objects(holder, set(object_preps)), spec)
    subjects = _subjects(r, subjects, spec)
    return [Candidate(MAIN, v, subjects, keys, found)] if subjects and (keys or found) else []


def _named_in_clause(noun: Token) -> list[Token]:
    """"During his visit to B, A toured ...": the subject named in the clause that the phrase of
    ``noun`` hangs on, which "his" points forward to; none when that subject is a pronoun too."""
    if noun.dep_ != "pobj" or noun.head.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = noun.head.head
    if verb.lemma_.lower() in RECEIVING_VERBS and (guests := children(verb, "dobj")):
        return guests  # "A welcomed B on his first visit to X": the guest's visit
    subjects = subject_tokens(verb)
    return [] if any(t.tag_.startswith("PRP") for t in subjects) else subjects


RECEIVING_VERBS = words("receiving_verbs")


def owner_object(m: dict, r: Resolver, things: ThingTable, rule=None, *,
                 object_preps: tuple[str, ...] = ("to",)) -> list[Candidate]:
    """A noun trigger with its owner and object: "his state visit to B", "A's visit to B", "the
    visit of A to B", "a visit to B by A"."""
    noun = m["trigger"]
    spec = registry.get(rule.relation)
    keys, found = objects_of(r, things, prep_objects(noun, set(object_preps)), spec)
    owners = prep_objects(noun, {"by"}) or children(noun, "poss") or prep_objects(noun, {"of"})
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if not owners and head.pos_ in ("VERB", "AUX"):
        owners = doer_tokens(head)  # "invited B to pay a visit to X": B's visit
    owners = owners or owner_tokens(noun, of=True)
    if owners and all(t.tag_ == "PRP$" for t in owners):
        owners = _named_in_clause(noun) or owners
    subjects = [k for k in _subjects(r, actors(r, owners), spec) if k not in keys]
    return [Candidate(MAIN, noun, subjects, keys, found)] if subjects and (keys or found) else []


def _persons_only(cands: list[Candidate], r: Resolver) -> list[Candidate]:
    for cand in cands:
        cand.subjects = [k for k in cand.subjects if r.table.actors[k].kind == "person"]
    return [c for c in cands if c.subjects]


def participation(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"He returned home after his participation in the summit": the owner (a person) attended."""
    return _persons_only(owner_object(m, r, things, rule, object_preps=("in", "at")), r)


def speech_at(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"In his address to the opening ceremony, A said ...", "A's speech at the summit": the
    speaker attended the event."""
    return _persons_only(owner_object(m, r, things, rule, object_preps=("to", "at", "before")), r)


PICKERS = {
    "meet_verb": meet_verb, "meet_with": meet_with, "joint_discuss": joint_discuss, "deep_with": deep_with,
    "hold_meeting": hold_meeting, "host_meal": host_meal, "meeting_noun": meeting_noun,
    "meeting_clause": meeting_clause, "joint_press": joint_press, "joint_act": joint_act, "call_on": call_on,
    "bring_together": bring_together,
    "sign_verb": sign_verb, "put_signature": put_signature, "signing_noun": signing_noun, "signatory": signatory,
    "chair_signing": chair_signing, "attend_verb": attend_verb, "take_part": take_part, "present": present,
    "call_noun": call_noun, "call_verb": call_verb, "speak_by_phone": speak_by_phone, "at_event": at_event,
    "welcome_noun": welcome_noun, "subject_object": subject_object, "owner_object": owner_object,
    "attendee_list": attendee_list, "in_presence": in_presence,
    "participation": participation, "others_list": others_list,
    "representative": representative, "companion": companion, "speech_at": speech_at, "greeted_at": greeted_at,
    "greeted_at_main": greeted_at_main,
    "lead_delegation": lead_delegation, "caption_list": caption_list,
}
