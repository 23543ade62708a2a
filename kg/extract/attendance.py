"""Attendance said in other ways than "A attended X": "in the presence of A", companions ("A,
accompanied by B, attended X", "Several ministers, along with B, attended"), a representative ("B is
representing President A"), a guest greeted at a summit, the head of a delegation ("A headed the
delegation at the summit", "with a delegation headed by A"), and "A attended" alone. (The signers
attend the article's signing ceremony: see ``_signers_at_ceremony`` in kg/extract/__init__.py.)
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import (MAIN, Candidate, actors, agent_actors, children, expand, is_passive,
                                  prep_objects, ranked_subject, subject_tokens)
from kg.extract.coref import Resolver
from kg.extract.groups import DELEGATION_NOUNS
from kg.extract.lexicon import mapping, noun_lemma, words
from kg.extract.lists import clause_verb, event_of, people_in
from kg.extract.modality import status
from kg.extract.things import ThingTable
from kg.model import Thing
from kg.names import name_key


def _presence_event(presence: Token, things: ThingTable) -> list[Thing]:
    """What happened "in the presence of" the people: the subject or object of the verb the
    phrase hangs on when it names an event ("the signing took place in the presence of"), an
    event noun it hangs on, a signing or a meeting by the verb, else the main event."""
    at = prep_objects(presence, {"at", "during"})
    if at:
        return event_of(things, at)
    head = presence.head.head if presence.dep_ == "pobj" else presence.head
    if head.pos_ in ("NOUN", "PROPN") and (thing := things.get(head, "event")):
        return [thing]
    if head.pos_ not in ("VERB", "AUX"):
        return event_of(things, [])
    for tok in children(head, "nsubj", "nsubjpass", "dobj"):
        if thing := things.get(tok, "event"):
            return [thing]
    lemma = head.lemma_.lower()
    if lemma in words("sign_like_verbs"):
        return [_named_event(things, "signing ceremony", "ceremony", ("signing", "ceremony"))]
    if lemma in words("meet_like_verbs"):
        return [_meeting_of(head, things)]
    return event_of(things, [])


def _meeting_of(verb: Token, things: ThingTable) -> Thing:
    """The meeting a verb of meeting speaks of: the article's meeting, else one named for the verb
    ("received" -> "reception", "welcomed" -> "welcome")."""
    label = mapping("meeting_verb_events").get(verb.lemma_.lower(), "meeting")
    return _named_event(things, label, "meeting", ("meeting", "talks", "audience"))


def _named_event(things: ThingTable, label: str, subtype: str, heads: tuple[str, ...]) -> Thing:
    """The article's event of one of the ``heads`` lemmas, else a new one labelled ``label``."""
    for head in heads:
        key = things.by_head.get(("event", head))
        if key:
            return things.things[key]
    key = name_key(label)
    return things.things.setdefault(key, Thing(key=key, label=label, kind="event", subtype=subtype))


def in_presence(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"The signing took place in the presence of A and B", "A received B in the presence of C":
    the people after "of", up to the end of their list, attended."""
    presence, of = m["trigger"], m["of"]
    if presence.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "neg" for c in presence.head.children):
        return []  # "the presence of A at the summit is not confirmed"
    end = of.i + 1
    sent = presence.sent
    while end < sent.end and not _ends_names(sent.doc[end]):
        end += 1
    people = people_in(r, sent.doc[of.i + 1:end], top=presence)
    evs = _presence_event(presence, things)
    return [Candidate(MAIN, presence, people, things=evs)] if people and evs else []


def _ends_names(tok: Token) -> bool:
    if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBG"):
        return True
    return tok.tag_ in ("WDT", "WRB") or tok.lower_ in words("phrase_breaks") - {"presence"}


def representative(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"B is representing President A (at the summit)", "A was represented by his deputy B":
    the representative attended the event (the absent leader did not)."""
    verb = m["trigger"]
    if is_passive(verb):  # "A could not attend and was represented by B": A, the conjoined verb's subject
        stood_for = actors(r, children(verb, "nsubjpass") or (subject_tokens(verb) if verb.dep_ == "conj" else []))
        people = agent_actors(r, verb)
    else:
        stood_for, people = actors(r, children(verb, "dobj")), actors(r, subject_tokens(verb))
    if not stood_for:
        return []  # "the deal represents a milestone"
    people = [k for k in people if r.table.actors[k].kind == "person" and k not in stood_for]
    evs = event_of(things, prep_objects(verb, {"at", "in", "during"}))
    return [Candidate(MAIN, verb, people, things=evs)] if people and evs else []


def _companion_event(verb: Token, things: ThingTable) -> list[Thing]:
    """The event that the clause of ``verb`` is about: its object or "at"/"to" phrase when it names
    an event, the meeting of a verb of meeting, else none."""
    tokens = children(verb, "dobj") + prep_objects(verb, {"at", "to", "in", "during", "for"})
    found = [t for t in (things.get(e, "event") for e in expand(tokens)) if t]
    if found:
        return found[:1]
    lemma = verb.lemma_.lower()
    if lemma in words("meet_like_verbs"):
        return [_meeting_of(verb, things)]
    if lemma in words("attend_like_verbs"):
        return event_of(things, [])
    return []


def companion(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A, accompanied by B, attended the summit", "Accompanied by B, A received C", "B accompanied
    A to the summit": B attended the event (B's meetings with the others are left unsaid)."""
    verb = m["trigger"]
    joined = verb.lemma_.lower() == "join"
    if joined and is_passive(verb) and verb.dep_ not in ("acl", "advcl"):  # "A was joined by B at X"
        people = agent_actors(r, verb) + actors(r, children(verb, "nsubjpass"))
        evs = [t for t in (things.get(e, "event") for e in prep_objects(verb, {"at", "for", "in"})) if t]
        if not evs and (evs := _meeting_in_focus(verb, r, things)):  # "A met B. They were joined by C"
            people = agent_actors(r, verb)
    elif is_passive(verb) or verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBN":
        people = agent_actors(r, verb)
        clause = clause_verb(verb)
        evs = _companion_event(clause, things) if clause is not None else _meeting_in_focus(verb, r, things)
    elif joined:  # "B joined A at the summit" (not "B joined the talks": that is attend_verb's)
        people = actors(r, subject_tokens(verb) + children(verb, "dobj"))
        evs = [t for t in (things.get(e, "event") for e in prep_objects(verb, {"at", "for", "in"})) if t]
    else:
        people = actors(r, subject_tokens(verb))
        evs = _companion_event(verb, things)
        for p in children(verb, "prep"):  # "accompanied the president in welcoming the leaders"
            for pc in children(p, "pcomp"):
                evs = evs or _companion_event(pc, things)
    people = [k for k in people if r.table.actors[k].kind == "person"]
    return [Candidate(MAIN, verb, people, things=evs)] if people and evs else []


def _meeting_in_focus(verb: Token, r: Resolver, things: ThingTable) -> list[Thing]:
    """"A met B at State House. A was accompanied by C": the meeting of the sentence right before,
    when the one accompanied took part in it; else none."""
    doc, pos = verb.doc, r.last_group_pos
    if pos < 0 or not any(k in r.last_group for k in actors(r, children(verb, "nsubjpass"))):
        return []
    if any(o.pos_ == "NOUN" and o.ent_type_ not in ("DATE", "TIME") for p in children(verb, "prep")
           if p.lower_ != "by" for o in children(p, "pobj")):
        return []  # "A was accompanied by C on a tour of the city": another outing
    trig, sents = doc[pos], list(doc[:verb.sent.start].sents) if verb.sent.start else []
    if not sents or not sents[-1].start <= pos < sents[-1].end:
        return []
    meeting_nouns = words("meeting_event_nouns")
    if any(o.pos_ == "NOUN" and not {noun_lemma(o), o.lower_} & meeting_nouns for o in children(trig, "dobj")):
        return []  # "A hosted a dinner for B": C may have come to the dinner or the whole visit
    if trig.lemma_.lower() in words("meet_like_verbs") or noun_lemma(trig) in meeting_nouns:
        return [_meeting_of(trig, things)]
    return []


def greeted_at(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"The host greeted B at the summit", "B was welcomed by A at the forum": the guest B
    attended the event (a meeting is not such an event: its guest is a principal)."""
    verb, event = m["trigger"], m["event"]
    if event.lemma_.lower() in words("meeting_event_nouns"):
        return []
    guests = actors(r, children(verb, "nsubjpass") if is_passive(verb) else children(verb, "dobj"))
    guests = [k for k in guests if r.table.actors[k].kind == "person"]
    thing = things.get(event, "event")
    return [Candidate(MAIN, verb, guests, things=[thing])] if guests and thing else []


def greeted_at_main(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"B was greeted by the host on the red carpet" in an article about a summit: with no event
    named in the sentence, the guest B attended the article's gathering (summit, forum,
    conference, ceremony), not a meeting or a visit."""
    verb = m["trigger"]
    if prep_objects(verb, {"at", "during", "for"}) and any(
            things.get(e, "event") for e in prep_objects(verb, {"at", "during", "for"})):
        return []  # "greeted B at the summit": greeted_at
    main = things.things.get(things.main_event) if things.main_event else None
    if main is None or main.subtype not in words("gathering_event_types") or _upcoming(
            verb.doc[things.main_event_at]):
        return []
    guests = [k for k in actors(r, _greeted(verb)) if r.table.actors[k].kind == "person"]
    return [Candidate(MAIN, verb, guests, things=[main])] if guests else []


def _greeted(verb: Token) -> list[Token]:
    """Who is greeted: the object, or the subject of a passive, shared with a verb before it ("A
    arrived first and was greeted by B") or with a rank ("A was the next to be greeted")."""
    if not is_passive(verb):
        return children(verb, "dobj")
    for _ in range(3):
        if children(verb, "nsubj", "nsubjpass"):
            return children(verb, "nsubj", "nsubjpass")
        if verb.dep_ in ("relcl", "acl"):
            return ranked_subject(verb)
        if verb.dep_ != "conj":
            break
        verb = verb.head
    return []


def _upcoming(event: Token) -> bool:
    """Is the event that ``event`` names ahead or not told as news ("The summit opens next week",
    "ahead of the inauguration", a site's name on a line of its own)?"""
    sent, ahead = event.sent, words("future_date_words")
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True
    return status(event) != "happened" or status(sent.root) != "happened" or any(
        e.label_ == "DATE" and any(t.lower_ in ahead for t in e) for e in sent.ents)


def delegations(tokens: list[Token]) -> list[Token]:
    """"with a delegation headed by A": the delegation nouns of ``tokens``, which the resolver
    resolves to the people who lead them."""
    return [t for t in expand(tokens) if noun_lemma(t) in DELEGATION_NOUNS]


def lead_delegation(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A headed his country's delegation at the summit", "A led the delegation to the forum":
    A attended the event."""
    verb = m["trigger"]
    events = [t for d in children(verb, "dobj") for t in prep_objects(d, {"at", "to"})]
    events += prep_objects(verb, {"at", "to"})
    people = [k for k in actors(r, subject_tokens(verb)) if r.table.actors[k].kind == "person"]
    evs = [t for t in (things.get(e, "event") for e in expand(events)) if t]
    return [Candidate(MAIN, verb, people, things=evs[:1])] if people and evs else []


def attended_alone(verb: Token, subjects: list[str], r: Resolver, things: ThingTable) -> list[Candidate]:
    """"The outgoing president attended, smiling": "attend" without an object means the article's event."""
    people = [k for k in subjects if r.table.actors[k].kind == "person"]
    evs = event_of(things, [])
    return [Candidate(MAIN, verb, people, things=evs)] if people and evs else []


def also_named(verb: Token) -> list[Token]:
    """"In addition to A, B attended X", "Besides A, B and C attended X": A attended too."""
    out = prep_objects(verb, {"besides"})
    for p in children(verb, "prep"):
        for addition in children(p, "pobj"):
            if p.lower_ == "in" and addition.lower_ == "addition":
                out += prep_objects(addition, {"to"})
    return out
