"""Verbless follow-on lists: "A greeted B at the venue. Then C, D and E."

A report of arrivals often names the first guest in a full sentence and the
rest in a fragment that has no verb of its own.  The fragment says the same as
the sentence before it, with the listed people in the place of that sentence's
varying party: the one greeted, received or met (the object of an active verb,
the subject of a passive one), or the one who signed or attended.

A fragment follows only the sentence right before it, and only a fact whose
parties are told apart: after "A and B met", "Then C." could mean either, so
nothing is carried.
"""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.arguments import Candidate
from kg.extract.coref import Resolver
from kg.extract.lexicon import words
from kg.extract.lists import people_in

__all__ = ["follow_on", "carry_over"]

FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
SENTENCE_END = (".", "!", "?")


def _finite(toks: list) -> bool:
    return any(t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") for t in toks)


def _fragment(sent: Span) -> list:
    """The tokens of ``sent`` and of the verbless pieces the parser cut off it: a long list of
    names is often split into two "sentences" where no full stop stands."""
    toks = [t for t in sent if not t.is_space]
    doc, end = sent.doc, sent.end
    while toks and toks[-1].text not in SENTENCE_END and end < len(doc):
        piece = doc[end].sent
        nxt = [t for t in piece if not t.is_space]
        if not nxt or _finite(nxt):
            break
        toks, end = toks + nxt, piece.end
    return toks


def follow_on(sent: Span, r: Resolver) -> tuple[Span, list[str]]:
    """A verbless fragment opened by "Then", "Next", ... (with any piece of it that the parser
    cut off) and the people it lists; no people when ``sent`` is no such fragment.

    >>> from kg.extract import load_model
    >>> from kg.extract.actors import build_actor_table
    >>> doc = load_model()("Then Chadian President Idriss Abakar and Guinean President Alpha Camara.")
    >>> span, people = follow_on(next(doc.sents), Resolver(build_actor_table(doc)))
    >>> people
    ['idriss abakar', 'alpha camara']
    """
    toks = _fragment(sent)
    if len(toks) < 2 or toks[0].lower_ not in words("follow_on_openers") or _finite(toks):
        return sent, []
    return sent.doc[toks[0].i:toks[-1].i + 1], people_in(r, toks[1:])


def carry_over(cand: Candidate, people: list[str]) -> Candidate | None:
    """``cand`` with ``people`` in the place of its varying party, or None when it has none.

    The varying party is the object of a meeting ("A greeted B": B), else the
    subject of a relation that takes a document or an event ("A signed X": A).
    """
    if cand.clique:
        return None
    if cand.objects:
        new = [k for k in people if k not in cand.subjects]
        return Candidate(cand.relation, cand.trigger, list(cand.subjects), new, list(cand.things)) if new else None
    if cand.things and cand.subjects:
        return Candidate(cand.relation, cand.trigger, list(people), [], list(cand.things))
    return None
