"""Did it happen?  The status of an event from the grammar around its trigger.

``status(trigger)`` returns ``"happened"``, ``"planned"`` (future, scheduled,
expected, agreed-to, invited, hoped-for), ``"negated"`` (not, never, denied,
cancelled, postponed) or ``"hypothetical"`` (would, could, if ...).  It looks at
the trigger's own auxiliaries and negation, at the verbs that govern it
("plans to meet", "denied that they met", "is expected to sign") and at
modifiers of a noun trigger ("the upcoming summit", "no meeting").
"""
from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca"}
PLANNING_VERBS = {
    "plan", "expect", "schedule", "intend", "agree", "hope", "want", "wish", "aim", "seek",
    "propose", "invite", "prepare", "set", "due", "likely", "going", "consider", "decide",
    "offer", "suggest", "promise", "pledge", "look", "try", "attempt", "urge", "call", "ask",
    "encourage", "need", "insist", "eager", "ready", "keen", "willing", "able", "arrange", "slate",
}
NEGATING_VERBS = {"deny", "refuse", "cancel", "postpone", "call off", "reject", "decline", "fail",
                  "rule", "dismiss", "skip", "delay", "suspend", "boycott", "scrap", "halt"}
FUTURE_MODIFIERS = {"upcoming", "planned", "proposed", "future", "next", "forthcoming", "scheduled",
                    "expected", "possible", "potential", "prospective", "anticipated", "likely"}
NEGATIVE_DETS = {"no", "never", "neither", "nor", "without"}
CLAUSE_LINKS = {"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "pobj", "prep", "dobj",
                "nsubj", "nsubjpass", "attr", "oprd"}


def _own_status(tok: Token) -> str | None:
    """Status marked on the token itself (its auxiliaries, negation, modifiers)."""
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or low in ("not", "n't", "never"):
            return "negated"
        if c.dep_ in ("aux", "auxpass"):
            if low in FUTURE_AUX:
                return "planned"
            if low in HYPOTHETICAL_AUX:
                return "hypothetical"
            if low == "to" and tok.tag_ == "VB":
                return "planned"
        if c.dep_ == "mark" and low in ("if", "unless", "whether"):
            return "hypothetical"
        if c.dep_ in ("amod", "compound") and low in FUTURE_MODIFIERS:
            return "planned"
        if c.dep_ == "det" and low in NEGATIVE_DETS:
            return "negated"
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("without",):
        return "negated"
    return None


def status(trigger: Token) -> str:
    """The modality of the event whose trigger word is ``trigger``."""
    own = _own_status(trigger)
    if own:
        return own
    tok, steps = trigger, 0
    while tok.head.i != tok.i and steps < 6 and tok.dep_ in CLAUSE_LINKS:
        head = tok.head
        lemma = head.lemma_.lower()
        if lemma in NEGATING_VERBS:
            return "negated"
        if lemma in PLANNING_VERBS and tok.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj", "acl", "nsubjpass"):
            if not (lemma == "agree" and tok.dep_ == "dobj"):
                return "planned"
        if tok.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "conj", "pcomp"):
            inherited = _own_status(head)
            if inherited in ("negated",) and tok.dep_ in ("conj",):
                pass
            elif inherited and tok.dep_ != "conj":
                return inherited
            elif inherited == "planned" and tok.dep_ == "conj":
                return inherited
        if tok.dep_ in ("ccomp", "advcl") and head.lemma_ in ("say", "state", "report", "tell", "add", "note"):
            break
        tok, steps = head, steps + 1
    return "happened"
