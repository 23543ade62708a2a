"""Sentences in, facts out: the helpers of the table-driven extraction tests.

``tests/test_extract.py`` and the ``tests/test_unseen_*.py`` files (one per cause of
error on unseen news, issue 17) write each case as a text with the facts it MUST give
and the facts it must NOT give, rendered by :func:`render` as comparable tuples:

* ``("met_with", frozenset({"amani otieno", "kofi mensah"}))`` for the
  symmetric relations (``met_with``, ``called``);
* ``("signed", "tomas ferreira", "renewable energy")`` for ``signed`` and
  ``attended``, where the last item is a lowercase keyword that must be
  contained in the document's or event's label ("" matches any thing).

Every text in these tables was written for this project; the people are fictional.
"""
from __future__ import annotations

from typing import Iterable

import pytest

from kg.extract import extract
from kg.model import Article, Extraction, Fact
from kg.names import name_key
from kg.relations import symmetric

ARTICLE_DATE = "2025-03-04"  # a Tuesday

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def M(a: str, b: str) -> tuple:
    """An expected ``met_with`` fact between two actor names."""
    return ("met_with", frozenset({name_key(a), name_key(b)}))


def C(a: str, b: str) -> tuple:
    """An expected ``called`` fact between two actor names."""
    return ("called", frozenset({name_key(a), name_key(b)}))


def S(a: str, keyword: str = "") -> tuple:
    """An expected ``signed`` fact: actor name, keyword of the document label."""
    return ("signed", name_key(a), keyword.lower())


def A(a: str, keyword: str = "") -> tuple:
    """An expected ``attended`` fact: actor name, keyword of the event label."""
    return ("attended", name_key(a), keyword.lower())


def run(nlp, text: str, date: str | None = ARTICLE_DATE) -> Extraction:
    """Extract from one article dated ``date`` with the session's pipeline."""
    return extract(Article(id="test-article", text=text, date=date), nlp)


def render(ex: Extraction, fact: Fact) -> tuple:
    """A fact as a comparable tuple of names (see the module docstring)."""
    subject = name_key(ex.actors[fact.subject].name)
    if symmetric(fact.relation):
        other = name_key(ex.actors[fact.object].name)
        return (fact.relation, frozenset({subject, other}))
    thing = ex.things.get(fact.object)
    label = thing.label if thing is not None else ex.actors[fact.object].name  # a thing, or an actor
    return (fact.relation, subject, label.lower())


def happened(ex: Extraction) -> list[Fact]:
    """Only the facts the text states as having happened."""
    return [f for f in ex.facts if f.status == "happened"]


def every(ex: Extraction) -> list[Fact]:
    """All facts, whatever their status."""
    return list(ex.facts)


def matches(rendered: tuple, expected: tuple) -> bool:
    if rendered[0] != expected[0]:
        return False
    if symmetric(expected[0]):
        return rendered[1] == expected[1]
    return rendered[1] == expected[1] and expected[2] in rendered[2]


def find(ex: Extraction, facts: Iterable[Fact], expected: tuple) -> list[Fact]:
    return [f for f in facts if matches(render(ex, f), expected)]


def show(ex: Extraction, facts: Iterable[Fact] | None = None) -> str:
    facts = ex.facts if facts is None else facts
    return "\n".join(f"  {render(ex, f)} [{f.status}] trigger={f.trigger!r}" for f in facts) or "  (no facts)"


def case(case_id: str, text: str, must: list[tuple] = (), must_not: list[tuple] = (),
         xfail: str | None = None):
    """One row of the asserted-facts table; ``xfail`` documents a known extractor gap."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, list(must), list(must_not), id=case_id, marks=marks)


def check(nlp, text: str, must: Iterable[tuple], must_not: Iterable[tuple] = ()) -> None:
    """Assert that ``text`` gives every fact of ``must`` as happened, and none of ``must_not``."""
    ex = run(nlp, text)
    facts = happened(ex)
    missing = [e for e in must if not find(ex, facts, e)]
    wrong = [e for e in must_not if find(ex, facts, e)]
    assert not missing and not wrong, (
        f"missing: {missing}\nunexpected: {wrong}\nextracted:\n{show(ex)}")
