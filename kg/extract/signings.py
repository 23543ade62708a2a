"""Handlers for signings and attendance: "A and B signed X", "X was signed by A",
"the signing of X between A and B", "A attended X", "A took part in X",
"A, B and C were present at X".
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import (ATTENDANCE, MAIN, MEETING, SIGNING, Candidate, actors, agent_actors, children,
                                  co_verb_subject, companions, documents, expand, is_passive, is_possessor,
                                  path_between, prep_objects, subject_tokens)
from kg.extract.coref import Resolver
from kg.extract.lexicon import mapping, words
from kg.extract.attendance import also_named, attended_alone, delegations
from kg.extract.lists import group_list
from kg.extract.things import ThingTable, event_type, relative_antecedent


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
                       or [t for d in docs + [o for x in docs for o in prep_objects(x, {"of"})]
                           for t in prep_objects(d, {"between"})])  # "memorandum of understanding between"
    else:
        # "A signed X with B", "A signed X alongside B and C": all signed
        docs = children(v, "dobj")
        s = actors(r, subject_tokens(v) + prep_objects(v, CO_SIGNER_PREPS)
                   + [t for d in docs for t in prep_objects(d, {"alongside"})])  # "signed X alongside B"
        between = prep_objects(v, {"between", "among"})
        if not docs and between:  # a headline's passive: "Several MoUs inked between A and B"
            docs = [t for x in subject_tokens(v) for t in [x] + children(x, "appos")]
            s = actors(r, between) if documents(docs, things) else s
    found = documents(docs, things)
    if v.lemma_ in EXCHANGE_VERBS:  # "exchanged the MoU" is a signing; "exchanged letters" is not
        found = [t for t in found if not any(w in NOT_EXCHANGED for w in t.label.lower().split())]
    elif not docs and v.lemma_ in INTRANSITIVE_SIGN_VERBS and _signs_for_a_party(v):
        found = _last_document(things)  # "A signed for Laos", "B signed on behalf of the government"
    out = _signing(v, s, found, r)
    parties = [k for k in _parties(r, v, docs) if k not in s]
    return out + [Candidate(MAIN, v, parties, things=found)] if out and parties else out


def _parties(r: Resolver, v: Token, docs: list[Token]) -> list[str]:
    """Countries and organisations that a signed document names as its parties: "an MoU between
    Kenya's Ministry of Trade and Ghana's Export Authority", "agreements with Moldova and Georgia"."""
    heads = docs + [o for d in docs for o in prep_objects(d, {"of"})]  # "memorandum of understanding between"
    tokens = [t for d in heads for t in prep_objects(d, PARTY_PREPS)]
    if not is_passive(v):
        tokens += prep_objects(v, {"between"})  # "signed X between A and B", hung on the verb
    tokens = [t for t in tokens if t.tag_ not in ("NNS", "NNPS") or _counted(t)]  # not "the Ministries of X"
    return [k for k in actors(r, tokens) if r.table.actors[k].kind != "person"]


def _counted(tok: Token) -> bool:
    """"the two countries", "both governments": a plural that counts the actors it refers to."""
    return any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in mapping("number_words") for c in tok.children)


PARTY_PREPS = words("document_party_prepositions")


CO_SIGNER_PREPS = words("co_signer_prepositions")
EXCHANGE_VERBS = words("document_exchange_verbs")
NOT_EXCHANGED = words("not_exchanged_documents")
INTRANSITIVE_SIGN_VERBS = words("intransitive_sign_verbs")


def _signs_for_a_party(v: Token) -> bool:
    """"A signed for Laos", "B signed on behalf of the government": a signing without an object,
    for a party named after it."""
    if is_passive(v) or v.dep_ == "relcl":
        return False
    for p in children(v, "prep"):
        for o in children(p, "pobj"):
            if p.lower_ == "on" and o.lemma_.lower() in words("not_label_nouns"):
                return True
            if p.lower_ == "for" and (o.ent_type_ in ("GPE", "NORP", "ORG")
                                      or o.lemma_.lower() in words("country_group_nouns")):
                return True
    return False


def _last_document(things: ThingTable) -> list:
    """The document named last, which a signing without an object ("A signed for Kenya") is of."""
    return [things.things[things.recent_document]] if things.recent_document else []


def _signing(trigger: Token, signers: list[str], docs: list, r: Resolver) -> list[Candidate]:
    """The signing by ``signers`` of ``docs``; people who sign together also meet."""
    if not signers or not docs:
        return []
    out = [Candidate(MAIN, trigger, signers, things=docs)]
    persons = [k for k in signers if r.table.actors[k].kind == "person"]
    if len(persons) >= 2:
        out.append(Candidate(MEETING, trigger, persons, clique=True))
    return out


def put_signature(m: dict, r: Resolver, things: ThingTable, rule=None, *,
                  document_preps: tuple[str, ...] = ("to", "on", "under")) -> list[Candidate]:
    """"A and B put their signatures to X", "A affixed his signature on X": a light verb and
    the noun "signature" say that A and B signed X ("put pen to paper on X": with ``document_preps``
    ["on"], the document is what the pen went on)."""
    v, noun = m["trigger"], m["noun"]
    preps = set(document_preps)
    docs = prep_objects(noun, preps) or prep_objects(v, preps)
    if is_passive(v):  # "Signatures to X were put by A and B"
        signers = agent_actors(r, v) if noun.dep_ == "nsubjpass" else []
    else:
        signers = actors(r, subject_tokens(v))
    return _signing(v, signers, documents(docs, things), r)


def chair_signing(m: dict, r: Resolver, things: ThingTable, rule=None, *, signs: bool = True) -> list[Candidate]:
    """"A presided over the signing of X with B", "A and B co-chaired the signing ceremony of X":
    they signed X, attended the ceremony and met; with ``signs = false`` ("A and B witnessed the
    signing of X", "the exchange of X was witnessed by A and B") they attended it and met."""
    v, noun = m["trigger"], m["noun"]
    path = path_between(v, noun)
    if len(path) > 2 or any(t.pos_ in ("VERB", "AUX") for t in path):
        return []
    event = noun.head if noun.dep_ == "compound" else noun  # "the signing ceremony"
    if is_passive(v):
        people = agent_actors(r, v)
    else:  # "A presided over the signing of X with B" (the "with" may hang on X)
        people = actors(r, subject_tokens(v)) or co_verb_subject(r, v)
        people += [k for k in actors(r, prep_objects(v, CO_SIGNER_PREPS) + [
            t for d in noun.subtree if d.dep_ == "prep" and d.lower_ in CO_SIGNER_PREPS for t in children(d, "pobj")])
            if k not in people]
    if not people:
        return []
    out = []
    docs = documents(prep_objects(event, {"of"}) + prep_objects(noun, {"of"}), things) or _last_document(things)
    if signs and docs:
        out.append(Candidate(SIGNING, v, people, things=docs))
    thing = things.get(event, "event")
    if thing:
        out.append(Candidate(ATTENDANCE, v, people, things=[thing]))
    persons = [k for k in people if r.table.actors[k].kind == "person"]
    if len(persons) >= 2:
        out.append(Candidate(MEETING, v, persons, clique=True))
    return out


def signatory(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"A was the signatory for Kenya", "the signatories were A and B"."""
    noun = m["trigger"]
    if noun.head.tag_ != "VBD":
        return []  # "Kenya is a signatory to the convention" tells of no signing in the news
    if noun.dep_ == "attr":
        who = subject_tokens(noun.head)
    elif noun.dep_ == "nsubj":
        who = children(noun.head, "attr")
    else:
        return []
    docs = documents(prep_objects(noun, {"of", "to"}), things) or _last_document(things)
    return _signing(noun, actors(r, who), docs, r)


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
    with_ = prep_objects(v, {"with"})
    co = prep_objects(v, {"with", "alongside"}) + [t for e in events for d in e.subtree
                                                   if d.dep_ == "prep" and d.lower_ == "with"
                                                   for t in children(d, "pobj")]
    if not events and lemma == "attend" and not children(v, "dobj", "prep", "xcomp", "ccomp"):
        return attended_alone(v, actors(r, subject_tokens(v)), r, things)  # "A attended, smiling"
    listed = group_list(r, v)  # "Four presidents attended X: A; B; C"
    if listed:
        return _attend_keys(v, listed + actors(r, also_named(v)), events, r, things)
    subjects = subject_tokens(v)  # with their companions and the head of "with a delegation headed by B"
    subjects += [c for t in subjects for c in companions(t)] + delegations(with_) + also_named(v)
    return _attend(v, subjects, events, r, things, co)


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
    v, event = m["trigger"], relative_antecedent(m["event"], event_type)  # "the summit, at which A spoke"
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
