"""Arguments of a relation trigger: subjects, objects, prepositional phrases, conjuncts.

Small functions over the dependency parse shared by the handlers in
:mod:`kg.extract.meetings` and :mod:`kg.extract.signings`, and the
:class:`Candidate` they return.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.coref import Resolver, conjuncts
from kg.extract.mentions import sentence_ents
from kg.extract.lexicon import words
from kg.extract.things import ThingTable
from kg.model import Thing


COMPANION_WORDS = words("companion_words")

# What a candidate states: MAIN, the relation of the rule that matched, or the relation
# that kg.relations gives one of these roles ("A and B signed X": they also met).
MAIN, MEETING, SIGNING, ATTENDANCE = "main", "meeting", "signing", "attendance"


@dataclass
class Candidate:
    """Participants of one trigger, before modality and dates are added.

    ``relation``: :data:`MAIN` (the rule's relation) or a role of
    :mod:`kg.relations` (:data:`MEETING`, :data:`SIGNING`, :data:`ATTENDANCE`);
    ``clique``: every pair of ``subjects`` took part (a meeting or call);
    ``objects``: actor keys met or called by each subject (or the objects of
    any relation that takes actors); ``things``: the documents signed, events
    attended or places visited.
    """

    relation: str
    trigger: Token
    subjects: list[str]
    objects: list[str] = field(default_factory=list)
    things: list[Thing] = field(default_factory=list)
    clique: bool = False


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
    trigger = verb
    deps = ("nsubj",) if is_passive(verb) else ("nsubj", "nsubjpass")
    for _ in range(4):
        subj = children(verb, *deps)
        if subj:
            return subj + companions(verb)
        if verb.dep_ in ("relcl", "acl") and ranked_subject(verb):
            return ranked_subject(verb)  # "A was the first to shake hands with B"
        if verb.dep_ == "relcl":
            return [verb.head]
        if verb.dep_ not in ("conj", "xcomp", "advcl", "acl", "pcomp") or verb.head.i == verb.i:
            return _name_right_before(trigger)
        # "she is expected to meet B"; "A was received by B and met C": a coordinated verb shares
        # its subject whatever the voice
        # "A was taken on a tour before going on to a meeting with B": an active clause of manner
        # or time takes the surface subject of a passive one too
        inherited = verb.dep_ == "xcomp" or verb.dep_ in ("conj", "pcomp", "advcl") and not is_passive(verb)
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") and verb.dep_ == "prep":
            verb = verb.head
        deps = ("nsubj", "nsubjpass") if inherited or not is_passive(verb) else ("nsubj",)
    return []


def companions(tok: Token) -> list[Token]:
    """"A, along with B, attended X", "Several ministers, along with B, attended": B, named in an
    "along with" / "together with" phrase under a subject or before its verb."""
    out = []
    for p in children(tok, "prep", "advmod"):
        if tok.pos_ in ("VERB", "AUX") and p.i > tok.i:
            continue
        if p.lower_ in COMPANION_WORDS:  # "along" as the head of "with"
            out += [o for w in children(p, "prep") if w.lower_ == "with" for o in children(w, "pobj")]
        elif p.lower_ == "with" and p.i > 0 and p.doc[p.i - 1].lower_ in COMPANION_WORDS:
            out += children(p, "pobj")
    return out


def co_verb_subject(resolver: Resolver, verb: Token) -> list[str]:
    """The subject of a verb the tokenizer split as "co - chaired" / "co - hosted", which the parser
    then loses: the actor named right before "co" ("A co-chaired the session with B")."""
    doc = verb.doc
    if verb.i < 3 or doc[verb.i - 1].text != "-" or doc[verb.i - 2].lower_ != "co" or doc[verb.i - 2].whitespace_:
        return []
    return [k for _s, e, k in resolver.table.mentions if e == verb.i - 2]


def ranked_subject(verb: Token) -> list[Token]:
    """Who "the first / the next / the only one to" do ``verb`` is: the subject of the copula ("A was
    the next to be greeted by B": A)."""
    head = verb.head
    if head.lower_ not in RANKS and not (head.dep_ == "attr" and any(c.lower_ in RANKS for c in head.children)):
        return []
    if head.dep_ != "attr" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    return children(head.head, "nsubj")


RANKS = words("rank_words")


def owner_tokens(noun: Token, *, of: bool = False) -> list[Token]:
    """Whose meeting or call a noun trigger is: "his talks with B", "the meeting of A with B"
    (with ``of``), "his arrival and talks with B", or the subject of the verb it hangs on."""
    owner = children(noun, "poss") or (prep_objects(noun, {"of"}) if of else []) or (
        children(noun.head, "poss") if noun.dep_ == "conj" else [])
    if owner:
        return owner
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    return subject_tokens(head) if head.pos_ in ("VERB", "AUX") else []


def _name_right_before(verb: Token) -> list[Token]:
    """A subject the parser lost: the person named just before a finite verb
    ("At the invitation of X ... Ambassador Y attended the forum")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ != "ROOT":
        return []
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].tag_ in ("RB", "RBR"):
        i -= 1
    if i < verb.sent.start or verb.doc[i].ent_type_ != "PERSON":
        return []
    ent = next(e for e in sentence_ents(verb.sent) if e.start <= i < e.end)
    return [ent.root] if ent.end == i + 1 else []


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "the agreement, signed by A": a participle without a subject or auxiliary of its own
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)


def agents(verb: Token) -> list[Token]:
    """The "by" objects of a passive verb, also where the parser hung "by" on the verb's last
    phrase ("was hosted to a state banquet by B")."""
    found = [p for a in children(verb, "agent") for p in children(a, "pobj")]
    if found or not is_passive(verb):
        return found
    return [p for x in prep_objects(verb, {"to", "at", "in", "with", "on"}) for b in children(x, "prep")
            if b.lower_ == "by" for p in children(b, "pobj")]


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
    markers = words("call_markers")
    return any(t.lower_ in markers or t.lower_.startswith("videoconf") for t in tok.sent)


QUANTITY_NOUNS = words("quantity_nouns")


LEADING_VERBS = words("leading_verbs")


def leaders(noun: Token) -> list[Token]:
    """"talks headed by A and B", "a delegation led by A": the people who lead a meeting."""
    return [p for acl in noun.subtree if acl.dep_ == "acl" and acl.lemma_.lower() in LEADING_VERBS
            for p in agents(acl)]


# ------------------------------------------------------------------ handlers


def path_between(top: Token, low: Token) -> list[Token]:
    """The tokens strictly between ``low`` and its ancestor ``top``."""
    path, tok = [], low.head
    while tok.i != top.i and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    return path


def _listed_after(prep: Token) -> list[Token]:
    """Document nouns listed after "including" up to the next verb, for lists the parser broke
    ("including a joint statement on the results and the Central Asia -- 2040 concept")."""
    from kg.extract.lexicon import DOCUMENT_TYPES

    out = []
    for tok in prep.doc[prep.i + 1:prep.sent.end]:
        if tok.pos_ in ("VERB", "AUX") or tok.text in (".", ";"):
            break
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod") and (
                tok.lemma_.lower() in DOCUMENT_TYPES or tok.lower_ in DOCUMENT_TYPES):
            out.append(tok)
    return out


def documents(heads: list[Token], things: ThingTable) -> list[Thing]:
    """The documents named by object phrases: "two agreements, namely X and Y", "a number of accords"."""
    out: list[Thing] = []
    for h in expand(heads):
        listed = [t for p in h.children if p.dep_ == "prep" and p.lower_ in ("including", "namely")
                  for t in expand(children(p, "pobj")) + _listed_after(p)]
        listed += expand(children(h, "appos"))
        if h.lemma_.lower() in QUANTITY_NOUNS:  # "a number of legal accords"
            listed += expand(prep_objects(h, {"of"}))
        found = [x for x in (_document(t, things) for t in listed) if x]
        for thing in found or [x for x in [_document(h, things)] if x]:  # a stray apposition is not a list
            if thing not in out:
                out.append(thing)
    return out


def _document(tok: Token, things: ThingTable) -> Thing | None:
    if tok.lower_ in ("it", "them", "which", "that") and tok.tag_ != "WDT" and things.by_head:
        return None
    if tok.lower_ in STAND_INS and tok.dep_ == "conj":  # "a memorandum on X and another on Y"
        return things.stand_in(tok)
    return things.get(tok, "document")


STAND_INS = words("stand_in_words")


# Words that end a list of names and start a new phrase: "signed by A and B in the presence of C",
# "met with A and B during the visit of C"; and "at", "in", "on" before a determiner ("at the
# new Banquet Hall"), but not in a title ("Director General at Turkish MFA X").
PHRASE_BREAKS = words("phrase_breaks")
LIST_OPENERS = words("list_openers")
NAME_PARTICIPLES = words("name_participles")
PLACE_PREPS = words("list_place_prepositions")
DETERMINERS = words("list_determiners")


def _ends_list(tok: Token) -> bool:
    """Does ``tok`` end a list of names that began after a preposition?"""
    if tok.lower_ in LIST_OPENERS:
        return False  # "attended by heads of state, including A and B"
    if tok.pos_ in ("VERB", "AUX") and tok.lower_ not in NAME_PARTICIPLES or tok.tag_ in ("WDT", "WP", "WRB") \
            or tok.text == ":":
        return True  # (but "with visiting President B": a participle before a name)
    if tok.lower_ in PHRASE_BREAKS:
        return True
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ in PLACE_PREPS and nxt is not None and nxt.lower_ in DETERMINERS


def partners(r: Resolver, prep: Token) -> list[str]:
    """Actors named after "with" or "by": the parsed objects, and every person listed after
    the preposition up to the next verb or clause ("with A, B of X, C and D"; "signed by A
    and the bank's vice-president, B"), since the parser often breaks long lists of
    titled names."""
    keys = actors(r, children(prep, "pobj"))
    if prep.lower_ not in ("with", "by"):
        return keys
    for tok in prep.doc[prep.i + 1:prep.sent.end]:
        if _ends_list(tok):
            break
        key = r.table.actor_at(tok.i)
        if key and r.table.actors[key].kind == "person" and key not in keys and not is_possessor(tok):
            keys.append(key)
    return keys


def is_possessor(tok: Token) -> bool:
    """Is ``tok`` (in) a possessor ("Erdogan's adviser")?"""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "poss" or any(c.dep_ == "case" for c in tok.children)


def agent_actors(r: Resolver, verb: Token) -> list[str]:
    """The actors of a passive verb's "by" phrase, the whole list ("signed by A and B's deputy, C")."""
    keys: list[str] = []
    for prep in children(verb, "agent"):
        keys += [k for k in partners(r, prep) if k not in keys]
    return keys
