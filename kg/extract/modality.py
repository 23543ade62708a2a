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

from kg.extract.lexicon import words

# The word lists of kg/extract/data/lexicon.toml this module uses (see their comments there).
FUTURE_AUX = words("future_auxiliaries")
HYPOTHETICAL_AUX = words("hypothetical_auxiliaries")
CONDITIONAL_MARKERS = words("conditional_markers")
NEGATION_WORDS = words("negation_words")
NEGATIVE_DETS = words("negative_determiners")
PLANNING_VERBS = words("planning_verbs")
NEGATING_VERBS = words("negating_verbs")
FUTURE_MODIFIERS = words("future_modifiers")
REPORTING = words("reporting_verbs")
RUMOUR_ADVERBS = words("rumour_adverbs")
RUMOUR_VERBS = words("rumour_verbs")
QUESTION_VERBS = words("question_verbs")
AHEAD_WORDS = words("ahead_words")
OCCURRENCE_VERBS = words("occurrence_verbs")
RANKS = words("rank_words")
PURPOSE_MOTION = words("fulfilled_purpose_verbs")


def _own_status(tok: Token) -> str | None:
    """Status marked on the token itself (its auxiliaries, negation, modifiers).

    Negation wins over the future ("will not attend"); an infinitive ("to
    meet", "to be signed") is "planned" unless a governing verb says more.
    """
    kids = list(tok.children)
    if any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS for c in kids) or any(
            c.dep_ == "det" and c.lower_ in NEGATIVE_DETS for c in kids):
        return "negated"
    if tok.dep_ == "pcomp" and tok.head.lower_ == "without":
        return "negated"
    for c in kids:
        low = c.lower_
        if c.dep_ in ("aux", "auxpass") and low in FUTURE_AUX:
            return "planned"
        if c.dep_ in ("aux", "auxpass") and low in HYPOTHETICAL_AUX:
            return "hypothetical"
        if c.dep_ == "mark" and low in CONDITIONAL_MARKERS:
            return "hypothetical"
        if c.dep_ in ("amod", "compound") and low in FUTURE_MODIFIERS:
            return "planned"
        if c.dep_ == "advmod" and low in RUMOUR_ADVERBS:
            return "hypothetical"  # "allegedly met", "had allegedly told about meetings"
    if tok.tag_ != "VBD" and any(_time_ahead(c) for c in _time_phrases(tok)):
        return "planned"  # "A meets B next week", "A and B sign the pact in Accra next Tuesday"
    return None


CLAUSES = {"relcl", "advcl", "ccomp", "xcomp", "acl", "csubj", "parataxis", "conj"}


def _time_phrases(tok: Token) -> list[Token]:
    """Time phrases of ``tok``'s own clause: its "npadvmod" and "prep" children, and a bare time
    the parser hung lower ("sign the pact in Accra next Tuesday", with "Tuesday" on "Accra")."""
    out = [c for c in tok.children if c.dep_ in ("npadvmod", "prep")]
    for t in tok.subtree:
        if t.dep_ == "npadvmod" and t.i != tok.i and t.head.i != tok.i and not any(
                a.dep_ in CLAUSES for a in t.ancestors if a.i != tok.i and tok.is_ancestor(a)):
            out.append(t)
    return out


FUTURE_TIME = words("future_time_words")


def _time_ahead(phrase: Token) -> bool:
    """Does a short time phrase lie ahead ("next week", "in the coming days"; not "the next day")?"""
    toks = list(phrase.subtree)
    if len(toks) > 6 or not any(t.ent_type_ in ("DATE", "TIME") or t.lower_ == "tomorrow" for t in toks):
        return False
    return any(t.lower_ in FUTURE_TIME and not (t.lower_ == "next" and any(
        s.lower_ == "the" for s in t.head.children)) for t in toks)


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# Links through which a governing word's future or hypothetical mood reaches the trigger:
# "during his meeting with B, X will come up" (pobj), "talks ... will take place" (nsubj).
MOOD_LINKS = {"xcomp", "ccomp", "advcl", "acl", "pcomp", "prep", "pobj", "nsubj", "nsubjpass", "dobj",
              "attr", "conj", "acomp"}
# Links through which a governing word's negation reaches the trigger ("did not want to meet",
# "was not present at", "was not the signatory").
NEGATION_LINKS = {"xcomp", "ccomp", "advcl", "acomp", "attr"}
# ... and through which a negated "be" reaches it ("were not among the guests").
COPULA_LINKS = {"prep"}


NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}  # the roles of a noun phrase, whatever the tagger said


def _asks(clause: Token) -> bool:
    """Is ``clause`` an embedded question ("when A met B", "whether they met")?"""
    return any(c.tag_ in ("WRB", "WP", "WDT") or c.lower_ in ("whether", "if") for c in clause.children)


def status(trigger: Token) -> str:
    """The modality of the event whose trigger word is ``trigger``."""
    own = _own_status(trigger)
    if own:
        return own
    if _bare_conjunct(trigger):
        return status(trigger.head)  # "to visit Lima and meet B": as "to visit" is
    if _ranked(trigger):
        return status(trigger.head)  # "A was the first to shake hands with B": as the copula says
    if _is_infinitive(trigger) and _fulfilled_purpose(trigger):
        return status(trigger.head)  # "walked the red carpet to shake hands with B": as the walk
    if _is_infinitive(trigger):
        governed = _governing_status(trigger)
        return governed if governed != "happened" else "planned"
    return _governing_status(trigger)


def _bare_conjunct(tok: Token) -> bool:
    """Is ``tok`` a bare verb joined to an infinitive ("to speak at the forum and meet B")?"""
    return (tok.dep_ == "conj" and tok.tag_ == "VB" and tok.head.tag_ == "VB"
            and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children)
            and (_is_infinitive(tok.head) or _bare_conjunct(tok.head)))


def _ranked(tok: Token) -> bool:
    """Is ``tok`` the infinitive of a rank ("the first to shake hands", "the next leader to arrive")?"""
    head = tok.head
    return _is_infinitive(tok) and tok.dep_ in ("relcl", "acl") and head.dep_ == "attr" and (
        head.lower_ in RANKS or any(c.lower_ in RANKS for c in head.children))


def _fulfilled_purpose(trigger: Token) -> bool:
    """Is ``trigger`` the purpose of a past motion verb ("came forward to greet B"), or of one
    that a rank makes past ("was the first to walk the red carpet to greet B")?"""
    head = trigger.head
    if trigger.dep_ != "advcl" or head.lemma_.lower() not in PURPOSE_MOTION:
        return False
    return _ranked(head) or head.tag_ == "VBD" and not any(c.dep_ == "aux" for c in head.children)


def _governing_status(trigger: Token) -> str:
    """The status that the words governing ``trigger`` give it."""
    tok = trigger
    for _ in range(6):
        head, dep = tok.head, tok.dep_
        if head.i == tok.i or dep == "relcl":
            break
        lemma = head.lemma_.lower()
        if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in AHEAD_WORDS:
            return "planned"  # "ahead of a meeting between A and B", "on the eve of the summit"
        if lemma in RUMOUR_VERBS and dep in ("xcomp", "ccomp"):
            return "hypothetical"  # "alleged that they met", "are rumoured to have met"
        if lemma in QUESTION_VERBS and dep in ("ccomp", "advcl") and _asks(tok):
            return "hypothetical"  # "asked when A last met B"
        if lemma in NEGATING_VERBS and dep in ("xcomp", "ccomp", "dobj", "nsubjpass", "pobj", "prep", "advcl"):
            return "negated"
        if lemma in PLANNING_VERBS and (dep in ("xcomp", "ccomp", "dobj", "acl", "nsubjpass") or (
                dep == "prep" and (tok.lower_ in ("for", "on", "of") or tok.lower_ == "to" and any(
                    c.lower_ == "forward" for c in head.children)))) and not (lemma == "agree" and dep == "dobj"):
            return "planned"  # "plans to meet", "agreed on a summit" -- not "during the talks, they agreed"
        copula = lemma == "be" and dep in COPULA_LINKS
        inherited = _own_status(head) if dep in MOOD_LINKS else None
        if inherited in ("planned", "hypothetical"):
            return inherited
        if inherited == "negated" and (dep in NEGATION_LINKS or copula or (
                dep in ("nsubj", "nsubjpass") and lemma in OCCURRENCE_VERBS)):
            return inherited  # "did not want to meet", "was not among the guests"; "the meeting never took place"
        if dep in ("ccomp", "advcl") and lemma in REPORTING and head.dep_ not in NOMINAL:
            break  # (a report as a noun goes on: "reports that A met B were denied")
        tok = head
    return "happened"
