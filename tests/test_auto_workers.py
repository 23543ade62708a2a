"""``kg build --workers auto`` (the default): one worker per core, one for a few articles,
and the same graph as one worker."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from kg.cli import parser
from kg.errors import UsageError
from kg.model import Article

kb = importlib.import_module("kg.build")  # the module: kg.build is also the function
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def _articles(n: int):
    return (Article(id=f"a{i}", text=f"Text {i}.") for i in range(n))


@pytest.mark.parametrize("n", [0, 1, kb.AUTO_MIN_ARTICLES - 1])
def test_auto_is_one_worker_for_a_few_articles(n):
    workers, articles = kb._auto_workers(_articles(n))
    assert workers == 1
    assert [a.id for a in articles] == [f"a{i}" for i in range(n)]


def test_auto_is_one_worker_per_core_for_many(monkeypatch):
    monkeypatch.setattr(kb, "cpu_count", lambda: 3)
    source = _articles(kb.AUTO_MIN_ARTICLES + 10)
    workers, articles = kb._auto_workers(source)
    assert workers == 3
    assert [a.id for a in articles] == [f"a{i}" for i in range(kb.AUTO_MIN_ARTICLES + 10)]  # none lost, in order


def test_cpu_count_is_what_this_process_may_use():
    assert 1 <= kb.cpu_count() <= (__import__("os").cpu_count() or 1)


@pytest.mark.parametrize("bad", [0, -2, "two", True, 1.5, None])
def test_other_workers_are_refused(bad, tmp_path):
    with pytest.raises(UsageError, match="workers"):
        kb.build([str(EXAMPLES)], output=tmp_path / "g.ttl", workers=bad)


def test_the_cli_defaults_to_auto():
    args = parser().parse_args(["build", "x.txt", "-o", "g.ttl"])
    assert args.workers == "auto"
    assert parser().parse_args(["build", "x.txt", "-o", "g.ttl", "--workers", "AUTO"]).workers == "auto"
    assert parser().parse_args(["build", "x.txt", "-o", "g.ttl", "--workers", "1"]).workers == 1
    with pytest.raises(SystemExit):
        parser().parse_args(["build", "x.txt", "-o", "g.ttl", "--workers", "0"])


@pytest.mark.slow
def test_two_workers_give_the_graph_of_one(nlp, tmp_path):
    one, report_one = kb.build([str(EXAMPLES)], output=tmp_path / "one.nq", workers=1)
    two, report_two = kb.build([str(EXAMPLES)], output=tmp_path / "two.nq", workers=2)
    assert report_one.ok and report_two.ok and report_two.articles == report_one.articles >= 5
    assert len(one) > 500 and set(one) == set(two)
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()  # sorted quads


@pytest.mark.slow
def test_auto_on_many_articles_gives_the_graph_of_one(nlp, tmp_path, monkeypatch):
    """Enough articles for auto to start a worker per core (two here, whatever the machine)."""
    monkeypatch.setattr(kb, "cpu_count", lambda: 2)
    texts = sorted(EXAMPLES.glob("*.txt"))
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(kb.AUTO_MIN_ARTICLES):
        src = texts[i % len(texts)]
        (folder / f"{i:03d}_{src.name}").write_text(src.read_text(encoding="utf-8") + f"\n\n(Copy {i}.)\n",
                                                    encoding="utf-8")
    seen = []
    real = kb._extract
    monkeypatch.setattr(kb, "_extract", lambda *a, **k: seen.append(k["workers"]) or real(*a, **k))
    auto, report = kb.build([str(folder)], output=tmp_path / "auto.ttl", workers="auto")
    assert seen == [2] and report.ok and report.articles == kb.AUTO_MIN_ARTICLES
    one, _ = kb.build([str(folder)], output=tmp_path / "one.ttl", workers=1)
    assert set(auto) == set(one)
