"""From dependency matches to relation candidates.

Each pattern in :mod:`kg.extract.patterns` has a handler here that collects the
arguments of its trigger (subjects, objects, "with"/"between"/"by" phrases,
conjuncts) and resolves them to actors through a :class:`Resolver`.  A
handler returns :class:`Candidate` objects; :mod:`kg.extract` turns them into
facts with a status, a date and a place.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.coref import Resolver, conjuncts
from kg.extract.patterns import CALL_MARKERS
from kg.extract.things import ThingTable
from kg.model import Thing


@dataclass
class Candidate:
    """Participants of one trigger, before modality and dates are added.

    ``clique``: every pair of ``subjects`` took part (for met_with / called);
    ``objects``: actor keys met or called by each subject; ``things``: the
    documents signed or events attended.
    """

    relation: str
    trigger: Token
    subjects: list[str]
    objects: list[str] = field(default_factory=list)
    things: list[Thing] = field(default_factory=list)
    clique: bool = False
    weak: bool = False  # only "discussed": may be a call reported elsewhere


# ------------------------------------------------------------------ arguments
def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of prepositions under ``tok``: "with B", "between A and B"."""
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "prt") and p.lower_ in preps:
            out.extend(children(p, "pobj"))
    return out


def noun_prep_objects(noun: Token, preps: set[str]) -> list[Token]:
    """Prepositional objects of a noun trigger, also when the parser hung them on its verb:
    "a meeting between A and B took place", "talks were held between A and B"."""
    found = prep_objects(noun, preps)
    if not found and noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        found = prep_objects(noun.head, preps)
    return found


def subject_tokens(verb: Token) -> list[Token]:
    """The subject of a verb, inherited from the governing verb when elided.

    "she is expected to meet B": the subject of "meet" is the passive subject
    of "expected"; "A arrived and met B": that of "arrived".
    """
    deps = ("nsubj",) if is_passive(verb) else ("nsubj", "nsubjpass")
    for _ in range(4):
        subj = children(verb, *deps)
        if subj:
            return subj
        if verb.dep_ == "relcl":
            return [verb.head]
        if verb.dep_ not in ("conj", "xcomp", "advcl", "acl", "pcomp") or verb.head.i == verb.i:
            return []
        inherited_from_xcomp = verb.dep_ == "xcomp"
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") and verb.dep_ == "prep":
            verb = verb.head
        deps = ("nsubj", "nsubjpass") if inherited_from_xcomp or not is_passive(verb) else ("nsubj",)
    return []


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "the agreement, signed by A": a participle without a subject or auxiliary of its own
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)


def agents(verb: Token) -> list[Token]:
    return [p for a in children(verb, "agent") for p in children(a, "pobj")]


def expand(tokens: list[Token]) -> list[Token]:
    """Tokens with their conjuncts; ``including`` lists under a plural head too."""
    out: list[Token] = []
    for t in tokens:
        for c in conjuncts(t):
            if c not in out:
                out.append(c)
    return out


def actors(resolver: Resolver, tokens: list[Token]) -> list[str]:
    keys: list[str] = []
    for t in expand(tokens):
        for k in resolver.resolve(t):
            if k not in keys:
                keys.append(k)
    return keys


def has_call_marker(tok: Token) -> bool:
    """Does the clause or sentence of ``tok`` speak of a phone or video call?"""
    return any(t.lower_ in CALL_MARKERS or t.lower_.startswith("videoconf") for t in tok.sent)


QUANTITY_NOUNS = {"number", "series", "set", "package", "range", "total", "host", "raft", "slew", "couple"}
LEADING_VERBS = {"head", "lead", "chair", "co-chair", "preside"}


def leaders(noun: Token) -> list[Token]:
    """"talks headed by A and B", "a delegation led by A": the people who lead a meeting."""
    return [p for acl in children(noun, "acl") if acl.lemma_.lower() in LEADING_VERBS for p in agents(acl)]


# ------------------------------------------------------------------ handlers
def meet_verb(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v = m["trigger"]
    lemma = v.lemma_.lower()
    if is_passive(v):
        objs = children(v, "nsubjpass") or ([v.head] if v.dep_ == "acl" else [])
        subs = agents(v)
    else:
        subs = subject_tokens(v)
        objs = children(v, "dobj") + (prep_objects(v, {"with"}) if lemma == "meet" else [])
    s, o = actors(r, subs), actors(r, objs)
    if not o and lemma == "meet" and len(s) >= 2:
        return [Candidate("met_with", v, s, clique=True)]
    return [Candidate("met_with", v, s, o)] if s and o else []


def meet_with(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v, prep = m["trigger"], m["prep"]
    lemma = v.lemma_.lower()
    if lemma in ("hold", "have", "conduct", "chair"):
        return []  # handled by hold_meeting
    if lemma in ("speak", "engage", "sit") and not any(c.lower_ in ("down",) for c in v.children):
        return []
    if lemma == "meet":
        return []  # handled by meet_verb
    s = actors(r, subject_tokens(v))
    o = actors(r, children(prep, "pobj"))
    return [Candidate("met_with", v, s, o, weak=lemma in ("discuss", "talk", "exchange", "converse"))] if s and o else []


def deep_with(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    """A "with B" phrase the parser attached inside the object: the partner of the trigger verb."""
    v, prep = m["trigger"], m["prep"]
    if prep.head.i == v.i or is_passive(v):
        return []  # direct attachment is meet_with's case
    if any(t.pos_ in ("VERB", "AUX") for t in _path_between(v, prep)):
        return []  # inside another clause
    s = actors(r, subject_tokens(v))
    o = [k for k in actors(r, children(prep, "pobj")) if r.table.actors[k].kind == "person"]
    if not s or not o:
        return []
    out = [Candidate("met_with", v, s, o, weak=v.lemma_ in ("discuss", "exchange"))]
    if v.lemma_ in ("sign", "ink"):
        docs = _documents(children(v, "dobj"), things)
        out += [Candidate("signed", v, o, things=docs)] if docs else []
    return out


def _path_between(top: Token, low: Token) -> list[Token]:
    """The tokens strictly between ``low`` and its ancestor ``top``."""
    path, tok = [], low.head
    while tok.i != top.i and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    return path


def joint_discuss(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v = m["trigger"]
    if prep_objects(v, {"with", "alongside"}) or children(v, "dobj") and v.lemma_ == "meet":
        return []
    s = actors(r, [m["subj"]])
    if len(s) < 2:
        return []
    return [Candidate("met_with", v, s, clique=True, weak=v.lemma_ in ("discuss", "talk", "exchange"))]


def hold_meeting(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v, noun = m["trigger"], m["noun"]
    o = actors(r, prep_objects(noun, {"with"}) + prep_objects(v, {"with"}))
    between = actors(r, prep_objects(noun, {"between", "among"}) + prep_objects(v, {"between", "among"}))
    s = actors(r, subject_tokens(v)) if noun.dep_ == "dobj" else []
    led = actors(r, leaders(noun))
    if len(led) >= 2:
        return [Candidate("met_with", v, led, clique=True)]
    if between:
        return [Candidate("met_with", v, between + s, clique=True)]
    if s and o:
        return [Candidate("met_with", v, s, o)]
    if len(s) >= 2:
        return [Candidate("met_with", v, s, clique=True)]
    return []


def meeting_noun(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    noun, prep = m["trigger"], m["prep"]
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_ in ("hold", "have", "conduct", "chair"):
        return []
    objs = actors(r, children(prep, "pobj"))
    if prep.lower_ in ("between", "among"):
        return [Candidate("met_with", noun, objs, clique=True)] if len(objs) >= 2 else []
    owner = children(noun, "poss") or prep_objects(noun, {"of"}) or (
        children(noun.head, "poss") if noun.dep_ == "conj" else [])  # "his arrival and talks with B"
    if not owner:
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        owner = subject_tokens(head) if head.pos_ in ("VERB", "AUX") else []
    s = actors(r, owner)
    return [Candidate("met_with", noun, s, objs)] if s and objs else []


def bring_together(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    """"The forum brought together A, B and C": they all met (and a person who did the bringing)."""
    v = m["trigger"]
    people = actors(r, children(v, "dobj"))
    host = [k for k in actors(r, subject_tokens(v)) if r.table.actors[k].kind == "person"]
    people = list(dict.fromkeys(host + people))
    return [Candidate("met_with", v, people, clique=True)] if len(people) >= 2 else []


def call_on(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v, prep = m["trigger"], m["prep"]
    if v.lemma_ == "pay" and not any(c.lemma_ in ("call", "visit") for c in children(v, "dobj")):
        return []
    s = actors(r, subject_tokens(v))
    o = [k for k in actors(r, children(prep, "pobj")) if r.table.actors[k].kind == "person"]
    return [Candidate("met_with", v, s, o)] if s and o else []


def _documents(heads: list[Token], things: ThingTable) -> list[Thing]:
    out: list[Thing] = []
    for h in expand(heads):
        listed = [t for p in h.children if p.dep_ == "prep" and p.lower_ in ("including", "namely")
                  for t in expand(children(p, "pobj"))]
        listed += expand(children(h, "appos"))
        if h.lemma_.lower() in QUANTITY_NOUNS:  # "a number of legal accords"
            listed += expand(prep_objects(h, {"of"}))
        for t in listed or [h]:
            if t.lower_ in ("it", "them", "which", "that") and things.by_head:
                continue
            thing = things.get(t, "document")
            if thing and thing not in out:
                out.append(thing)
    return out


def sign_verb(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v = m["trigger"]
    if v.lemma_ in ("conclude",) and not children(v, "dobj", "nsubjpass"):
        return []
    if is_passive(v):
        docs = children(v, "nsubjpass") or ([v.head] if v.dep_ in ("acl", "relcl") else []) or (
            children(v.head, "nsubj") if v.dep_ == "xcomp" else [])  # "the deal is to be signed by"
        if docs and docs[0].lower_ in ("which", "that") and v.dep_ == "relcl":
            docs = [v.head]
        signers = agents(v) or prep_objects(v, {"between", "among"})
        signers += [t for d in docs for t in prep_objects(d, {"between"})] if not signers else []
    else:
        signers = subject_tokens(v) + prep_objects(v, {"with"})  # "A signed X with B": both signed
        docs = children(v, "dobj")
    s = actors(r, signers)
    docs_t = _documents(docs, things)
    if not s or not docs_t:
        return []
    out = [Candidate("signed", v, s, things=docs_t)]
    persons = [k for k in s if r.table.actors[k].kind == "person"]
    if len(persons) >= 2:
        out.append(Candidate("met_with", v, persons, clique=True))
    return out


def signing_noun(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    noun, prep = m["trigger"], m["prep"]
    docs = _documents(prep_objects(noun, {"of"}), things)
    s = actors(r, children(prep, "pobj"))
    return [Candidate("signed", noun, s, things=docs)] if s and docs else []


def _attend(trigger: Token, attendees: list[Token], events: list[Token], r: Resolver,
            things: ThingTable, co: list[Token] = ()) -> list[Candidate]:
    s = actors(r, attendees)
    evs = []
    for e in expand(events):
        thing = things.get(e, "event")
        if thing and thing not in evs:
            evs.append(thing)
    if not s or not evs:
        return []
    out = [Candidate("attended", trigger, s, things=evs)]
    partners = actors(r, list(co))
    if partners:
        out.append(Candidate("attended", trigger, partners, things=evs))
        out.append(Candidate("met_with", trigger, s, partners))
    return out


def attend_verb(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v = m["trigger"]
    lemma = v.lemma_.lower()
    if is_passive(v):
        events = children(v, "nsubjpass") or ([v.head] if v.dep_ == "acl" else [])
        return _attend(v, agents(v), events, r, things)
    events = prep_objects(v, {"in", "at"}) if lemma == "participate" else children(v, "dobj")
    co = prep_objects(v, {"with", "alongside"}) + [t for e in events for t in prep_objects(e, {"with"})]
    return _attend(v, subject_tokens(v), events, r, things, co)


def take_part(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v, part = m["trigger"], m["part"]
    events = prep_objects(part, {"in"}) + prep_objects(v, {"in"})
    return _attend(v, subject_tokens(v), events, r, things)


def present(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    """"A, B and C were present at X"; "Also present are A; B; C"; "Heads of State present include A, B"."""
    adj = m["trigger"]
    events = prep_objects(adj, {"at", "during", "in", "for"})
    if not events and adj.dep_ in ("acomp", "attr"):  # "were present at X" with "at" hung on "were"
        events = prep_objects(adj.head, {"at", "during", "in", "for"})
    event_tokens = {t.i for e in events for t in e.subtree}
    people = [k for s, _e, k in r.table.mentions
              if adj.sent.start <= s < adj.sent.end and s not in event_tokens
              and r.table.actors[k].kind == "person" and not _is_possessor(adj.doc, s)]
    people = list(dict.fromkeys(people))
    evs = [t for t in (things.get(e, "event") for e in expand(events)) if t]
    if not evs and things.main_event:
        evs = [things.things[things.main_event]]
    return [Candidate("attended", adj, people, things=evs)] if people and evs else []


def _is_possessor(doc, start: int) -> bool:
    """Is the mention at ``start`` a possessor ("Erdogan's adviser")?"""
    tok = doc[start]
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "poss" or any(c.dep_ == "case" for c in tok.children)


def call_noun(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    noun = m["trigger"]
    between = actors(r, noun_prep_objects(noun, {"between", "among"}))
    if len(between) >= 2:
        return [Candidate("called", noun, between, clique=True)]
    o = actors(r, prep_objects(noun, {"with"}))
    owner = children(noun, "poss")
    if not owner:
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        owner = subject_tokens(head) if head.pos_ in ("VERB", "AUX") else []
        o += actors(r, prep_objects(head, {"with"})) if head.pos_ in ("VERB", "AUX") else []
    s = actors(r, owner)
    if s and o:
        return [Candidate("called", noun, s, o)]
    return [Candidate("called", noun, s, clique=True)] if len(s) >= 2 else []


def call_verb(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v = m["trigger"]
    if v.lemma_ == "call" and (children(v, "oprd", "xcomp", "ccomp") or prep_objects(v, {"on", "for", "upon"})
                               or is_passive(v) or any(c.lower_ in ("on", "off", "for") for c in v.children)):
        return []
    s = actors(r, subject_tokens(v))
    o = [k for k in actors(r, children(v, "dobj")) if r.table.actors[k].kind == "person"]
    return [Candidate("called", v, s, o)] if s and o else []


def speak_by_phone(m: dict, r: Resolver, things: ThingTable) -> list[Candidate]:
    v = m["trigger"]
    s = actors(r, subject_tokens(v))
    o = actors(r, prep_objects(v, {"with", "to"}))
    if s and o:
        return [Candidate("called", v, s, o)]
    return [Candidate("called", v, s, clique=True)] if len(s) >= 2 else []


HANDLERS = {
    "meet_verb": meet_verb, "meet_with": meet_with, "joint_discuss": joint_discuss, "deep_with": deep_with,
    "hold_meeting": hold_meeting, "meeting_noun": meeting_noun, "meeting_noun_on_verb": meeting_noun,
    "call_on": call_on, "bring_together": bring_together,
    "sign_verb": sign_verb, "signing_noun": signing_noun, "attend_verb": attend_verb,
    "take_part": take_part, "present": present, "call_noun": call_noun, "call_verb": call_verb,
    "speak_by_phone": speak_by_phone,
}
