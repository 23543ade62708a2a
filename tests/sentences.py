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

import copy
from typing import Iterable

import pytest

from kg.extract import extract, extract_many
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


# The tables' texts, in the order their cases were written (see expect), and what
# extracting them gave (by pipeline, rule files, text and date).
_EXPECTED: dict[tuple[str, str | None], int] = {}
_ORDER: list[tuple[str, str | None]] = []
_DONE: dict[tuple, Extraction] = {}
BATCH = 32


def expect(text: str, date: str | None = ARTICLE_DATE) -> str:
    """Note that a test will :func:`run` ``text``: it is then parsed in one ``nlp.pipe``
    batch with the texts noted after it.  Returns ``text``."""
    if (text, date) not in _EXPECTED:
        _EXPECTED[(text, date)] = len(_ORDER)
        _ORDER.append((text, date))
    return text


def run(nlp, text: str, date: str | None = ARTICLE_DATE) -> Extraction:
    """Extract from one article dated ``date`` with the session's pipeline.

    A text noted with :func:`expect` (every table case is) is extracted with the next
    :data:`BATCH` noted texts in one :func:`kg.extract.extract_many` call, the batch path
    of every build, whose output is :func:`kg.extract.extract`'s: spaCy takes about 5 ms
    a sentence in a batch and 14 ms one at a time, and the tables hold some 700 cases.
    Each call gets its own copy; a text used by several tests is extracted once (the
    extraction is deterministic).  A batch that raises is left for one-at-a-time
    extraction, so an error is the text's own.
    """
    from kg.relations import rule_files

    context = (nlp, tuple(rule_files()))  # the pipeline itself (kept alive), not its id(), which can be reused
    key = (text, date)
    if context + key not in _DONE and key in _EXPECTED:
        start = _EXPECTED[key]
        batch = [k for k in _ORDER[start:start + BATCH] if context + k not in _DONE]
        try:
            made = list(extract_many([Article(id="test-article", text=t, date=d) for t, d in batch], nlp,
                                     batch_size=BATCH))
        except Exception:  # noqa: BLE001 - extracted again alone below, where the error is raised
            made = []
        _DONE.update((context + k, ex) for k, ex in zip(batch, made))
    if context + key in _DONE:
        return copy.deepcopy(_DONE[context + key])
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
    return pytest.param(expect(text), list(must), list(must_not), id=case_id, marks=marks)


def check(nlp, text: str, must: Iterable[tuple], must_not: Iterable[tuple] = ()) -> None:
    """Assert that ``text`` gives every fact of ``must`` as happened, and none of ``must_not``."""
    ex = run(nlp, text)
    facts = happened(ex)
    missing = [e for e in must if not find(ex, facts, e)]
    wrong = [e for e in must_not if find(ex, facts, e)]
    assert not missing and not wrong, (
        f"missing: {missing}\nunexpected: {wrong}\nextracted:\n{show(ex)}")
