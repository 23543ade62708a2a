"""Handlers for meetings and calls: "A met B", "A and B held talks", "talks between
A and B", "A called on B", "A held a phone call with B".

Each handler takes a dependency match, a :class:`~kg.extract.coref.Resolver`
and the article's :class:`~kg.extract.things.ThingTable`, and returns
:class:`~kg.extract.arguments.Candidate` objects.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import (ATTENDANCE, MAIN, SIGNING, Candidate, actors, agent_actors, agents, children,
                                  co_verb_subject, documents, expand, is_passive, leaders, noun_prep_objects,
                                  owner_tokens, partners, path_between, prep_objects, ranked_subject, subject_tokens)
from kg.extract.coref import Resolver
from kg.extract.lexicon import noun_lemma, words
from kg.extract.things import ThingTable

LIGHT_VERBS = words("light_meeting_verbs")  # "held talks": hold_meeting's case, not meet_with's


def meet_verb(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    lemma = v.lemma_.lower()
    if is_passive(v):
        objs = children(v, "nsubjpass") or ranked_subject(v) or ([v.head] if v.dep_ == "acl" else [])
        # "A arrived and was received by B", "A was seen on the carpet to be greeted by B"
        objs = objs or (subject_tokens(v) if v.dep_ in ("conj", "xcomp", "pcomp", "advcl") else [])
        # ("After being received by B, A ...": the main clause's subject)
        subs = agents(v)
    else:
        subs = subject_tokens(v)
        objs = children(v, "dobj")
        if _sent_from_afar(v) or any(noun_lemma(o) in RECEIVED_CALLS for o in objs):
            return []  # "A received a call / a letter from B": no meeting
    lost = [] if objs or is_passive(v) else [c for c in children(v, "npadvmod", "dep", "oprd") if c.pos_ == "PROPN"]
    s, o = actors(r, subs), actors(r, objs) + _people(r, actors(r, lost))  # (a delegation led by B is B; a name
    # the parser lost after adverbials: "received in audience B", "received at the palace on Monday the visiting B")
    o = [k for k in o if k not in s]  # "A and B welcomed the visiting leaders": not each other
    if lemma in GESTURES:  # "A embraced B" is said of people
        s, o = _people(r, s), _people(r, o)
    if lemma == "meet" and not is_passive(v):
        o += [k for p in children(v, "prep") if p.lower_ == "with" for k in partners(r, p) if k not in o]
    if not o and not objs and lemma == "meet" and len(s) >= 2:  # not "they met their targets"
        return [Candidate(MAIN, v, s, clique=True)]
    return [Candidate(MAIN, v, s, o)] if s and o else []


GESTURES = words("gesture_verbs")


def _people(r: Resolver, keys: list[str]) -> list[str]:
    return [k for k in keys if r.table.actors[k].kind == "person"]


def host_meal(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A hosted a lunch in honour of B", "A gave a banquet for B", "A gave an audience to B",
    "a dinner was hosted by A for B", "B was granted an audience by A", "A presented his credentials
    to B", "A handed a letter to B": the host met the guest."""
    v, noun = m["trigger"], m["noun"]
    hosts = (agents(v) or prep_objects(noun, {"by"})) if is_passive(v) else subject_tokens(v)
    preps = [p for h in (noun, v) for p in children(h, "prep") if p.lower_ in GUEST_PREPS] + [
        p for h in (noun, v) for x in children(h, "prep") for o in children(x, "pobj")
        if o.lemma_.lower() in HONOUR for p in children(o, "prep") if p.lower_ == "of"]
    s = actors(r, hosts)
    o = [k for p in preps for k in actors(r, children(p, "pobj")) + _people_listed_after(r, p)]
    if is_passive(v) and noun.dep_ == "dobj":  # "B was granted an audience by A"
        o += actors(r, children(v, "nsubjpass"))
    o = [k for k in dict.fromkeys(o) if k not in s]
    return [Candidate(MAIN, v, s, o)] if s and o else []


def _people_listed_after(r: Resolver, prep) -> list[str]:
    """The people named after a preposition up to the next verb or clause ("in honour of President
    A and his wife B", a list the parser often breaks)."""
    out = []
    for tok in prep.doc[prep.i + 1:prep.sent.end]:
        if tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("WDT", "WP") or tok.text in (";", ":"):
            break
        key = r.table.actor_at(tok.i)
        if key and r.table.actors[key].kind == "person" and key not in out:
            out.append(key)
    return out


GUEST_PREPS = words("guest_prepositions")


HONOUR = words("honour_nouns")


def meet_with(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v, prep = m["trigger"], m["prep"]
    lemma = v.lemma_.lower()
    if lemma in LIGHT_VERBS:
        return []  # handled by hold_meeting
    if lemma in words("loose_meeting_verbs") and not any(c.lower_ == "down" for c in v.children):
        return []
    if lemma == "meet":
        return []  # handled by meet_verb
    if _sent_from_afar(v):
        return []
    s = actors(r, subject_tokens(v))
    o = partners(r, prep)
    return [Candidate(MAIN, v, s, o)] if s and o else []


SENT_THINGS = words("sent_things")
RECEIVED_CALLS = words("received_call_nouns")


def _sent_from_afar(v: Token) -> bool:
    """Is what a verb of exchange or talk has as object something sent, not said face to face
    ("exchanged messages with B", "exchanged letters"; not "exchanged views", nor a document,
    "exchanged a letter of intent")?"""
    return any((noun_lemma(o) in SENT_THINGS or o.lower_ in SENT_THINGS) and not prep_objects(o, {"of"})
               for o in children(v, "dobj"))


def deep_with(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """A "with B" phrase the parser attached inside the object: the partner of the trigger verb."""
    v, prep = m["trigger"], m["prep"]
    if prep.head.i == v.i or is_passive(v):
        return []  # direct attachment is meet_with's case
    if v.lemma_ == "meet" and children(v, "dobj") or _sent_from_afar(v):
        return []  # "met B with his delegation": meet_verb's case
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


def joint_act(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A and B jointly met the press", "the two leaders together unveiled a plaque": people who
    did something in person together met."""
    v = m["trigger"]
    people = _people(r, actors(r, subject_tokens(v)))
    return [Candidate(MAIN, v, people, clique=True)] if len(people) >= 2 else []


def joint_discuss(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    if prep_objects(v, {"with", "alongside"}) or children(v, "dobj") and v.lemma_ == "meet" or _sent_from_afar(v):
        return []
    s = actors(r, [m["subj"]])
    if len(s) < 2:
        return []
    return [Candidate(MAIN, v, s, clique=True)]


def hold_meeting(m: dict, r: Resolver, things: ThingTable, rule=None, *, named: bool = False) -> list[Candidate]:
    """"A held talks with B", "A and B held talks", "talks were held between A and B"; with
    ``named``, subjects that met each other must be named ("A and B posed for photos", not "the
    leaders posed for a family photo", a group the article may not have listed)."""
    v, noun = m["trigger"], m["noun"]
    o = [k for p in children(noun, "prep") + children(v, "prep") if p.lower_ == "with"
         for k in (_included(r, p) or partners(r, p))]  # "with leaders, including A and B": A and B
    between = actors(r, prep_objects(noun, {"between", "among"}) + prep_objects(v, {"between", "among"}))
    of = [k for k in actors(r, prep_objects(noun, {"of"})) if r.table.actors[k].kind == "person"]
    between = between or (of if len(of) >= 2 else [])  # "a meeting of the ministers of X and Y, A and B"
    s = (actors(r, subject_tokens(v)) or co_verb_subject(r, v)) if noun.dep_ in ("dobj", "pobj") else []
    led = actors(r, leaders(noun))
    if len(led) >= 2:  # "Oman and Maldives held talks headed by A and B": both pairs met
        out = [Candidate(MAIN, v, led, clique=True)]
        return out + ([Candidate(MAIN, v, s, clique=True)] if len(s) >= 2 else [])
    if between:
        return [Candidate(MAIN, v, between + s, clique=True)]
    o = [k for k in o if k not in s]  # "A and his wife had photos with leaders": not with each other
    if s and o:
        return [Candidate(MAIN, v, s, o)]
    if named and not any(t.pos_ == "PROPN" for t in expand(subject_tokens(v))):
        return []
    if len(s) >= 2:
        return [Candidate(MAIN, v, s, clique=True)]
    return []


def _included(r: Resolver, prep) -> list[str]:
    """The people listed after "including" in the phrase of ``prep``: "with foreign leaders, including
    A and B", "with leaders from the region, including A and B" (wherever the parser hung it)."""
    for tok in prep.doc[prep.i + 1:prep.sent.end]:
        if tok.lower_ in INCLUDING:
            return _people_listed_after(r, tok)
        if tok.pos_ in ("VERB", "AUX") or tok.text in (";", ":"):
            break
    return []


INCLUDING = words("listing_prepositions")


def meeting_noun(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    noun, prep = m["trigger"], m["prep"]
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_ in LIGHT_VERBS:
        return []
    objs = partners(r, prep)
    if prep.lower_ == "of":  # "a meeting of the ministers of X and Y, A and B" (people; not "of the Council")
        objs = [k for k in objs if r.table.actors[k].kind == "person"]
    if prep.lower_ in ("between", "among", "of"):
        return [Candidate(MAIN, noun, objs, clique=True)] if len(objs) >= 2 else []
    s = actors(r, owner_tokens(noun, of=True))
    return [Candidate(MAIN, noun, s, objs)] if s and objs else []


def joint_press(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A and B held a joint press conference", "A told a joint news conference with B", "at a press
    conference with B": who face the press together met."""
    noun = m["trigger"]
    joint = any(c.lower_ in JOINT for c in noun.children)
    with_ = [p for p in children(noun, "prep") if p.lower_ in ("with", "alongside")]
    if not joint and not with_:
        return []
    s = actors(r, owner_tokens(noun))
    o = [k for p in with_ for k in partners(r, p) if k not in s]
    if s and o:
        return [Candidate(MAIN, noun, s, o)]
    return [Candidate(MAIN, noun, s, clique=True)] if joint and len(s) >= 2 else []


JOINT = words("joint_words")


def meeting_clause(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"B was told by A during a meeting", "During the meeting, A briefed B": a meeting named without
    its participants joins the doer of the clause it frames and the one addressed (a "to" phrase,
    an indirect object, the object of a verb of addressing)."""
    noun, v = m["trigger"], m["verb"]
    if prep_objects(noun, {"with", "between", "among", "of"}) or any(c.lower_ in CALL_MARKERS for c in noun.children):
        return []  # the meeting names its own participants: "during a meeting with reporters"
    if is_passive(v):
        doers = agent_actors(r, v)  # the whole "by" list: "by the ambassador to Nepal A"
        addressed = prep_objects(v, {"to"}) + children(v, "dative")
    else:
        doers = actors(r, subject_tokens(v))
        addressed = prep_objects(v, {"to"}) + children(v, "dative") + (
            children(v, "dobj") if v.lemma_.lower() in ADDRESSEE_VERBS else [])
    people = [k for k in doers if r.table.actors[k].kind == "person"]
    others = [k for k in actors(r, addressed) if r.table.actors[k].kind == "person" and k not in people]
    return [Candidate(MAIN, noun, people, others)] if people and others else []


ADDRESSEE_VERBS = words("addressee_verbs")
CALL_MARKERS = words("call_markers")


def bring_together(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"The forum brought together A, B and C": they all met (and a person who did the bringing);
    when an event did the bringing, the people brought together attended it."""
    v = m["trigger"]
    if v.dep_ == "relcl" and v.tag_ in ("VBZ", "VBP"):
        return []  # "a meeting that brings together the leaders of ...": what such meetings are, not who came
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
    o = actors(r, prep_objects(noun, {"with", "from"}))  # "received a call from B"
    if not children(noun, "poss"):  # "A held a phone call with B": the partner hangs on the verb
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        o += actors(r, prep_objects(head, {"with"})) if head.pos_ in ("VERB", "AUX") else []
    s = actors(r, owner_tokens(noun))
    if s and o:
        return [Candidate(MAIN, noun, s, o)]
    return [Candidate(MAIN, noun, s, clique=True)] if len(s) >= 2 else []


def call_verb(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    v = m["trigger"]
    prt = any(c.lower_ in ("on", "off", "for") and c.dep_ == "prt" for c in v.children)
    named = _named_callee(v)
    callee = children(v, "dobj") or named
    if v.lemma_ == "call" and (children(v, "xcomp", "ccomp") or prt or is_passive(v)
                               or (children(v, "oprd") and not named)
                               or actors(r, prep_objects(v, {"on", "upon"}))
                               or _not_a_date(prep_objects(v, {"for"}))):
        return []  # "called on B" (a visit), "called for X", "called him a friend" -- but "called B on Sunday",
        # "called B on his birthday"
    s = actors(r, subject_tokens(v))
    o = [k for k in actors(r, callee) if r.table.actors[k].kind == "person"]
    return [Candidate(MAIN, v, s, o)] if s and o else []


def _named_callee(v) -> list:
    """"A called B on Thursday", which the parser reads as a naming ("called him a friend"): a
    proper name alone in the naming slot, with no object, is the one called."""
    named = children(v, "oprd")
    if named and not children(v, "dobj") and all(t.pos_ == "PROPN" for t in named):
        return named
    return []


def _not_a_date(tokens: list) -> list:
    """The tokens that are not a date or time ("on Sunday", "for an hour" say when)."""
    return [t for t in tokens if t.ent_type_ not in ("DATE", "TIME")]


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
