"""Extraction in worker processes (:mod:`kg.pool`): order, a time budget per article, crashes.

A runaway or crashing article is simulated by patching ``kg.extract.extract_doc``
before the build: the workers are forked from the test process, so they run
the patched function.  Article texts are fictional and written for these tests.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

import kg.extract
from conftest import ARTICLES, person
from kg.build import build
from kg.model import Article
from kg.pool import Skipped, budget, extract_here, extract_in_processes
from kg.rdf import DIP

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="workers are forked on POSIX")

GOOD = ARTICLES / "meeting_nairobi.txt"
OTIENO, MENSAH = person("amani-otieno"), person("kofi-mensah")
RUNAWAY = "Uruguayan Foreign Minister Lucia Ferreyra met Paraguayan Foreign Minister Tomas Benitez."
CRASH = "Nepali Foreign Minister Sita Gurung met Bhutanese Foreign Minister Karma Wangdi."
LEADERS = [("Amani", "Otieno", "Kenyan President"), ("Kofi", "Mensah", "Ghanaian Foreign Minister"),
           ("Ines", "Valdez", "Chilean President"), ("Raul", "Montero", "Peruvian Prime Minister"),
           ("Lin", "Hao", "Singaporean Foreign Minister"), ("Ana", "Sousa", "Angolan President")]


def fictional(i: int) -> Article:
    a, b = LEADERS[i % len(LEADERS)], LEADERS[(i + 1) % len(LEADERS)]
    text = f"{a[2]} {a[0]} {a[1]} met {b[2]} {b[0]} {b[1]} in Lisbon on Monday. They discussed trade ({i})."
    return Article(id=f"story-{i:03d}", text=text, date="2025-03-03")


@pytest.fixture
def misbehaving(monkeypatch):
    """``extract_doc`` that hangs on RUNAWAY's text and kills its process on CRASH's."""
    real = kg.extract.extract_doc

    def extract_doc(article, doc):
        if "Ferreyra" in article.text:
            time.sleep(600)
        if "Gurung" in article.text:
            os._exit(7)
        return real(article, doc)

    monkeypatch.setattr(kg.extract, "extract_doc", extract_doc)


def inbox(tmp_path: Path, **texts: str) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(f"Date: 2025-03-03\n\n{text}\n", encoding="utf-8")
    return folder


def facts(graph) -> set[tuple]:
    return {(s, o) for s, o in graph.subject_objects(DIP.metWith)}


# --------------------------------------------------------------------------- order and sameness

@pytest.mark.slow  # two worker processes and 150 articles, each parsed twice (the quick loop's
# builds use the pool too: test_build.py and test_store.py compare one and two workers)
def test_two_workers_give_each_result_in_input_order_as_one_process_does(nlp):
    articles = [fictional(i) for i in range(150)]
    here = list(extract_here(articles))
    spread = list(extract_in_processes(articles, workers=2, timeout=60))
    assert [r.article.id for r in spread] == [a.id for a in articles]
    assert all(r.article is a for r, a in zip(spread, articles))  # the parent's own article objects
    assert [(f.relation, f.subject, f.object, f.evidence) for r in spread for f in r.facts] == \
           [(f.relation, f.subject, f.object, f.evidence) for r in here for f in r.facts]


def test_screened_articles_keep_their_place_without_being_parsed(nlp):
    articles = [fictional(i) for i in range(40)]
    odd = {a.id for a in articles[::3]}
    out = list(extract_in_processes(articles, workers=2, screen=lambda a: "odd one" if a.id in odd else None))
    assert [r.article.id for r in out] == [a.id for a in articles]
    assert all(isinstance(r, Skipped) and r.reason == "odd one" for r in out if r.article.id in odd)
    assert all(r.facts for r in out if r.article.id not in odd)


def test_no_input_starts_no_process(monkeypatch):
    from kg import pool

    monkeypatch.setattr(pool._Pool, "spawn", lambda self: pytest.fail("a worker was started"))
    assert list(extract_in_processes([])) == []


def test_a_build_of_a_foreign_article_notes_it_and_keeps_it_without_facts(nlp, tmp_path):
    foreign = tmp_path / "lisboa.txt"
    foreign.write_text("O presidente do Quénia recebeu ontem em Nairobi o ministro do Gana, e os dois "
                       "falaram sobre o comércio entre os países e a ligação aérea entre as capitais.\n",
                       encoding="utf-8")
    graph, report = build([GOOD, foreign], output=tmp_path / "g.ttl", workers=2)
    assert report.articles == 2 and not report.failures
    assert [n for n in report.notes if "lisboa.txt" in n and "does not look like English" in n]
    assert (OTIENO, MENSAH) in facts(graph) | {(o, s) for s, o in facts(graph)}


def test_the_budget_grows_with_the_text_only_past_one_piece():
    assert budget([Article(id="a", text="word " * 10)], 60) == 60
    assert budget([Article(id="a", text="x" * 300_000)], 10) == 30


@pytest.mark.parametrize("bad", [0, -1])
def test_workers_and_timeout_are_checked(bad):
    from kg.errors import UsageError

    with pytest.raises(UsageError):
        list(extract_in_processes([fictional(0)], workers=bad))
    if bad < 0:
        with pytest.raises(UsageError):
            list(extract_in_processes([fictional(0)], timeout=bad))


# --------------------------------------------------------------------------- where the parsing runs

def test_a_build_parses_in_a_child_process_and_with_no_timeout_in_this_one(nlp, tmp_path, monkeypatch):
    pids: list[int] = []
    real = kg.extract.extract_doc
    monkeypatch.setattr(kg.extract, "extract_doc", lambda a, d: pids.append(os.getpid()) or real(a, d))
    graph, _ = build([GOOD], output=tmp_path / "here.ttl", article_timeout=0)
    assert pids == [os.getpid()] and (OTIENO, MENSAH) in facts(graph) | {(o, s) for s, o in facts(graph)}
    child, _ = build([GOOD], output=tmp_path / "child.ttl")  # the patched function ran in the child
    assert pids == [os.getpid()]  # nothing appended here: the child's list is its own
    assert set(child) == set(graph)


# --------------------------------------------------------------------------- runaway and crashing articles

@pytest.mark.slow
def test_a_runaway_article_fails_alone_within_twice_its_budget(nlp, tmp_path, misbehaving):
    folder = inbox(tmp_path, runaway=RUNAWAY, **{f"other{i}": fictional(i).text for i in range(5)})
    start = time.perf_counter()
    graph, report = build([folder], output=tmp_path / "g.ttl", article_timeout=2)
    took = time.perf_counter() - start
    print(f"a build with one runaway article (budget 2 s) took {took:.1f} s")
    assert took < 15  # two budgets, the fork and the good articles; without the budget: 600 s
    assert [(Path(f.source).name, f.reason) for f in report.failures] == \
           [("runaway.txt", "extraction took longer than 2 s (the time limit per article)")]
    assert report.articles == 6
    met = facts(graph) | {(o, s) for s, o in facts(graph)}
    assert (OTIENO, MENSAH) in met and (person("ines-valdez"), person("raul-montero")) in met


@pytest.mark.slow
def test_a_crashing_article_fails_alone_and_its_process_is_replaced(nlp, tmp_path, misbehaving):
    folder = inbox(tmp_path, crash=CRASH, **{f"other{i}": fictional(i).text for i in range(5)})
    graph, report = build([folder], output=tmp_path / "g.ttl", workers=2)
    assert [(Path(f.source).name, f.reason) for f in report.failures] == \
           [("crash.txt", "extraction failed: its process died (exit code 7)")]
    assert report.articles == 6 and (OTIENO, MENSAH) in facts(graph) | {(o, s) for s, o in facts(graph)}


@pytest.mark.slow
def test_the_cli_reports_a_runaway_article_and_exits_1(nlp, tmp_path, misbehaving, capsys):
    from kg.cli import main

    folder = inbox(tmp_path, runaway=RUNAWAY)
    code = main(["build", str(folder), "-o", str(tmp_path / "g.ttl"), "--article-timeout", "1.5"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"error: {folder / 'runaway.txt'}: extraction took longer than 2 s (the time limit per article)" in err
    assert "read 1 article(s)" in err


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon"])
def test_the_cli_refuses_a_bad_timeout(value, capsys):
    from kg.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["build", str(GOOD), "-o", "x.ttl", "--article-timeout", value])
    assert exit_.value.code == 2 and "--article-timeout" in capsys.readouterr().err
