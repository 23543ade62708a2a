"""Attendees named in a list away from the attendance word itself.

"Leaders who attended the summit include A, B and C", "Attending the funeral were
A and B", "Those taking part include A", "A and B were among the mourners",
"Four presidents attended the inauguration: A of X; B of Y", "The heads of state
present were the following:" with one name a line after it, "The signing took
place in the presence of A and B" (with the other ways of saying so, in kg.extract.attendance).

The attendance word's own grammar (a "who did not attend" clause) gives the
status, so a negation carries into the list.
"""
from __future__ import annotations

from spacy.tokens import Span, Token


from kg.extract.arguments import MAIN, MEETING, Candidate, children, expand, is_possessor, prep_objects
from kg.extract.coref import Resolver
from kg.extract.lexicon import words
from kg.extract.things import ThingTable, event_type
from kg.model import Thing

LIST_VERBS = words("attendee_list_verbs")  # be, include, comprise ...
LIST_WORDS = words("attendee_list_words")  # attend, present, participant ...
SIDE_CLAUSES = ("relcl", "advcl", "ccomp", "acl", "parataxis")
EVENT_PREPS = {"at", "during", "in", "for", "of"}
MAX_LINE_TOKENS = 16


def _list_verb(trigger: Token) -> Token | None:
    """The verb of "X include / were A, B" whose subject (or "among" phrase) holds ``trigger``."""
    tok = trigger
    while tok.head.i != tok.i:
        child, tok = tok, tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.lemma_.lower() not in LIST_VERBS:
            return None
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") or (child.dep_ == "prep" and child.lower_ == "among"):
            return tok
        return None
    return None


def _in_side_clause(tok: Token, top: Token | None) -> bool:
    """Is ``tok`` inside a clause that only describes a list item ("A, who met B last year")?"""
    for a in tok.ancestors:
        if top is not None and a.i == top.i:
            return False
        if a.dep_ in SIDE_CLAUSES and a.pos_ in ("VERB", "AUX"):
            return True
    return False


def people_in(r: Resolver, span: Span | list[Token], *, skip: set[int] = frozenset(),
              top: Token | None = None) -> list[str]:
    """The people named in ``span`` (not possessors, not in ``skip``, not in a side clause)."""
    toks = list(span)
    if not toks:
        return []
    lo, hi = toks[0].i, toks[-1].i
    doc = toks[0].doc
    out: list[str] = []
    for s, e, k in r.table.mentions:
        if not lo <= s <= hi or s in skip or r.table.actors[k].kind != "person" or k in out:
            continue
        root = doc[s:e].root
        if is_possessor(root) or _in_side_clause(root, top):
            continue
        out.append(k)
    return out


def list_lines(r: Resolver, sent: Span) -> list[str]:
    """People set out one a line after a sentence that ends with a colon ("the presidents of the
    following countries:" then "Chile - Ana Ruiz"): each short following line without a verb."""
    last = [t for t in sent if not t.is_space]
    if not last or last[-1].text != ":":
        return []
    doc, out, i = sent.doc, [], sent.end
    while i < len(doc):
        line = doc[i].sent
        toks = [t for t in line if not t.is_space]
        if all(t.is_punct for t in toks):  # a bullet the parser left alone
            i = line.end
            continue
        if len(toks) > MAX_LINE_TOKENS or any(
                t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP") for t in toks):
            break
        found = people_in(r, toks)
        if not found:
            break
        out += [k for k in found if k not in out]
        i = line.end
    return out


def after_colon(r: Resolver, trigger: Token) -> list[str]:
    """"Four presidents attended the inauguration: A of X; B of Y": the people after the colon
    or dash that follows the trigger, and the lines after a sentence-final colon."""
    sent = trigger.sent
    marks = [t for t in sent if t.i > trigger.i and t.text in (":", "—", "–")]
    if not marks:
        return []
    tail = sent.doc[marks[0].i + 1:sent.end]
    return people_in(r, tail) + list_lines(r, sent)


def group_list(r: Resolver, verb: Token) -> list[str]:
    """"Four presidents attended X: A; B; C": the people listed after the colon when the verb's
    subject is a plural noun, instead of whom "four presidents" could mean earlier in the article."""
    subjects = children(verb, "nsubj")
    if not subjects or not all(t.tag_ in ("NNS", "NNPS") or t.lower_ in ("they", "those") for t in subjects):
        return []
    return after_colon(r, verb)


def event_of(things: ThingTable, tokens: list[Token], sent: Span | None = None) -> list[Thing]:
    """The events named by ``tokens``, else the article's main event, else the first event that
    ``sent`` names ("The summit opened with the following participants:")."""
    evs: list[Thing] = []
    for thing in (things.get(e, "event") for e in expand(tokens)):
        if thing and thing not in evs:
            evs.append(thing)
    if not evs and things.main_event:
        evs = [things.things[things.main_event]]
    if not evs and sent is not None:
        first = next((t for t in sent if t.pos_ == "NOUN" and t.tag_ == "NN" and event_type(t)), None)
        evs = [things.get(first, "event")] if first is not None else []
    return evs


def _event_tokens(trigger: Token) -> list[Token]:
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in ("NOUN", "PROPN"):
        return prep_objects(trigger, EVENT_PREPS | {"to"})
    if lemma == "take":
        part = children(trigger, "dobj")
        return prep_objects(trigger, {"in", "at"}) + [t for p in part for t in prep_objects(p, {"in", "at"})]
    if lemma in ("participate", "present"):
        return prep_objects(trigger, {"in", "at", "during"})
    return children(trigger, "dobj") + prep_objects(trigger, {"at", "during"})


ATTENDEE_GROUP_NOUNS = words("attendee_group_nouns")


def _group_event(noun: Token, verb: Token | None, things: ThingTable) -> list[Token]:
    """The events "at" or "during" which a group noun stands ("leaders at the summit", "heads of
    state at the funeral", "A was among the leaders at the summit"), or nothing."""
    heads = [noun] + prep_objects(noun, {"of"}) + ([verb] if verb is not None and verb.lemma_ == "be" else [])
    toks = [t for h in heads for t in prep_objects(h, {"at", "during"})]
    return [t for t in toks if things.get(t, "event")]


def attendee_list(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"Leaders who attended X include A and B", "Attending X were A and B", "Among the
    mourners were A and B", "Four presidents attended X: A; B; C"."""
    trigger = m["trigger"]
    if trigger.lemma_.lower() == "present" and trigger.pos_ == "VERB":
        return []  # "the report presented by A"
    if any(c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in words("planning_verbs") for c in trigger.children):
        return []  # "the guests expected at the summit", "participants invited to the forum"
    event_toks = _event_tokens(trigger)
    verb = _list_verb(trigger)
    if trigger.lemma_.lower() in ATTENDEE_GROUP_NOUNS:  # the event must stand on the noun: "leaders at the summit"
        event_toks = _group_event(trigger, verb, things)
        if not event_toks:
            return []
    skip = {t.i for e in event_toks for t in e.subtree}
    if verb is not None and _names_someone(r, verb, trigger):
        people = people_in(r, trigger.sent, skip=skip, top=verb) + list_lines(r, trigger.sent)
    elif trigger.pos_ == "NOUN" and trigger.tag_ == "NNS" and _last_before_colon(trigger):
        people = list_lines(r, trigger.sent)  # "... with the following participants:" and a name a line
    elif trigger.pos_ in ("VERB", "AUX"):
        people = group_list(r, trigger)
    else:
        return []
    people = list(dict.fromkeys(people))
    evs = event_of(things, event_toks, trigger.sent)
    out = [Candidate(MAIN, trigger, people, things=evs)] if people and evs else []
    met = _met_the_others(r, verb) if verb is not None and people else []
    if met:
        out.append(Candidate(MEETING, trigger, met, [k for k in people if k not in met]))
    return out


def _names_someone(r: Resolver, verb: Token, trigger: Token) -> bool:
    """Does the list verb name people ("... include A", "... were A and B", "A was among the guests",
    or a list set out after a colon) and not just say something of them ("... were unanimous")?"""
    not_named = {"acomp", "advcl", "ccomp", "xcomp", "prep", "npadvmod", "advmod", "punct", "aux", "auxpass",
                 "neg", "mark", "cc"}
    named = [t for c in verb.children if c.dep_ not in not_named and trigger not in c.subtree for t in c.subtree]
    last = [t for t in trigger.sent if not t.is_space]
    return bool(people_in(r, named)) or bool(last) and last[-1].text == ":"


def _met_the_others(r: Resolver, verb: Token) -> list[str]:
    """"A and other heads of state are meeting in Abuja. ... Other heads of state present include B
    and C": A, whom an earlier sentence has meeting "other" people of the same kind as the list's."""
    subject = next((c for c in children(verb, "nsubj") if any(a.lower_ == "other" for a in children(c, "amod"))),
                   None)
    if subject is None:
        return []
    doc, lemma = verb.doc, subject.lemma_.lower()
    for tok in doc[max(0, verb.sent.start - 400):verb.sent.start]:
        if tok.lemma_.lower() != lemma or tok.dep_ != "conj" or not any(
                a.lower_ == "other" for a in children(tok, "amod")):
            continue
        clause = clause_verb(tok)
        if clause is None or clause.lemma_.lower() not in words("joint_meeting_verbs"):
            continue
        key = r.table.actor_at(tok.head.i)
        return [key] if key and r.table.actors[key].kind == "person" else []
    return []


def _last_before_colon(tok: Token) -> bool:
    """Is ``tok`` the last word of its sentence before a final colon ("the following participants:")?"""
    rest = [t for t in tok.doc[tok.i + 1:tok.sent.end] if not t.is_space]
    return len(rest) == 1 and rest[0].text == ":"


def _list_before(sent: Span) -> Token | None:
    """The attendance word of the sentence before ``sent`` when it sets out a list of attendees."""
    if sent.start == 0:
        return None
    before = sent.doc[sent.start - 1].sent
    return next((t for t in before if t.lemma_.lower() in LIST_WORDS and _list_verb(t) is not None), None)


def others_list(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """"Those present were A and B. Others are C and D." / "Also attending were A. Others
    included C": a sentence whose subject is "others", right after a list of attendees."""
    trigger = m["trigger"]
    verb = trigger.head
    if trigger.dep_ != "nsubj" or trigger.lower_ != "others" or verb.lemma_.lower() not in LIST_VERBS:
        return []
    earlier = _list_before(trigger.sent)
    named = [t for c in children(verb, "attr", "dobj") for t in c.subtree]
    if earlier is None or not people_in(r, named):
        return []  # "Others were less enthusiastic, including C": not a list of who else came
    people = people_in(r, trigger.sent, top=verb)
    evs = event_of(things, _event_tokens(earlier))
    return [Candidate(MAIN, trigger, people, things=evs)] if people and evs else []


def clause_verb(tok: Token) -> Token | None:
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return a
    return None


def caption_list(m: dict, r: Resolver, things: ThingTable, rule=None) -> list[Candidate]:
    """A photo caption: "Standing left to right are A, B and C", "From left: A, B and C": the
    people pictured attended the article's event."""
    left = m["trigger"]
    doc = left.doc
    after = [t.lower_ for t in doc[left.i + 1:min(left.i + 3, left.sent.end)]]
    before = doc[left.i - 1].lower_ if left.i > left.sent.start else ""
    if after[:2] != ["to", "right"] and not (before == "from" and after[:1] in ([":"], [","])):
        return []
    end = next((t.i for t in doc[left.i:] if "\n" in t.text), len(doc))  # a caption is one paragraph
    people = people_in(r, doc[left.i + 1:end])
    evs = event_of(things, [])
    return [Candidate(MAIN, left, people, things=evs)] if len(people) >= 2 and evs else []
