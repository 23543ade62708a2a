"""kg.cluster: extraction spread over a Dask cluster gives what one process gives.

One two-process ``LocalCluster`` on loopback serves the whole module; each
worker loads the spaCy model once (about 2 s).
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.cluster import _extract_chunk, extract_on_cluster
from kg.errors import UsageError
from kg.model import Article, Extraction

pytestmark = pytest.mark.slow  # a Dask cluster

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "fixtures" / "articles", ROOT / "examples" / "articles"]
MEETING = ("Kenyan President Amani Otieno received Ghanaian Foreign Minister Kofi Mensah "
           "in Nairobi on Monday.")


@pytest.fixture(scope="module", autouse=True)
def distributed():
    """dask.distributed, or the module's tests are skipped; imported when they run, not when
    they are collected (it takes half a second, in every run of the quick loop too)."""
    return pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster(distributed):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    from kg.ingest import read_paths

    items = list(read_paths([str(p) for p in SOURCES]))
    assert items and all(isinstance(a, Article) for a in items)
    return items


@pytest.fixture(scope="module")
def local(articles, nlp) -> list[Extraction]:
    from kg.extract import extract_many

    return list(extract_many(articles, nlp))


def _same(spread, local) -> None:
    from kg.rdf import extractions_to_graph

    assert all(isinstance(ex, Extraction) for ex in spread)
    assert [ex.article.id for ex in spread] == [ex.article.id for ex in local]
    assert spread == local  # plain dataclasses: the records themselves are equal
    assert isomorphic(extractions_to_graph(spread), extractions_to_graph(local))


def test_a_cluster_object_gives_the_one_process_extractions_in_order(cluster, articles, local):
    done: list[int] = []
    # batch_size 3 makes several chunks, so they can finish out of order
    spread = list(extract_on_cluster(articles, cluster, batch_size=3, progress=done.append))
    _same(spread, local)
    assert sum(done) == len(articles) and len(done) == -(-len(articles) // 3)


def test_a_scheduler_address_works_as_well(cluster, articles, local):
    _same(list(extract_on_cluster(articles, cluster.scheduler_address)), local)


def test_a_client_passed_in_is_left_open(cluster, articles, local, distributed):
    with distributed.Client(cluster, set_as_default=False) as client:
        _same(list(extract_on_cluster(articles, client, batch_size=5)), local)
        assert client.status == "running"


def test_no_scheduler_at_the_address_is_a_usage_error_naming_it():
    start = time.perf_counter()
    with pytest.raises(UsageError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        list(extract_on_cluster([Article("a", MEETING)], "tcp://127.0.0.1:9", connect_timeout=2))
    assert time.perf_counter() - start < 2 + 5


def test_no_articles_needs_no_scheduler():
    assert list(extract_on_cluster([], "tcp://127.0.0.1:9")) == []


def test_a_bad_article_on_a_worker_comes_back_as_a_reason_and_the_others_still_come(cluster):
    # An int for a date (as from a DataFrame column) breaks date resolution in extract_doc.
    good = [Article(f"good-{i}", MEETING, date="2025-03-05") for i in range(3)]
    bad = Article("bad", MEETING, date=20250305)  # type: ignore[arg-type]
    out = list(extract_on_cluster([good[0], bad, good[1], good[2]], cluster, batch_size=2))
    assert [r.article.id if isinstance(r, Extraction) else r[0].id for r in out] == \
        ["good-0", "bad", "good-1", "good-2"]
    assert isinstance(out[1], tuple) and out[1][0] == bad
    assert out[1][1].startswith("extraction failed (TypeError: ")
    assert all(isinstance(r, Extraction) and r.facts for r in (out[0], out[2], out[3]))


def test_extract_chunk_keeps_the_others_when_one_raises(monkeypatch, nlp):
    import kg.extract

    real = kg.extract.extract_doc

    def flaky(article, doc):
        if article.id == "b":
            raise ValueError("boom")
        return real(article, doc)

    monkeypatch.setattr(kg.extract, "extract_doc", flaky)
    out = _extract_chunk([Article(i, MEETING, date="2025-03-05") for i in "abc"])
    assert out[1] == (Article("b", MEETING, date="2025-03-05"), "extraction failed (ValueError: boom)")
    assert [ex.article.id for ex in (out[0], out[2])] == ["a", "c"] and out[0].facts


def test_without_dask_the_error_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(UsageError, match=r"needs dask: pip install 'dipkg\[cluster\]'"):
        list(extract_on_cluster([Article("a", MEETING)], "tcp://127.0.0.1:9"))


def test_a_batch_size_below_one_is_a_usage_error():
    with pytest.raises(UsageError, match="batch_size"):
        list(extract_on_cluster([Article("a", MEETING)], "tcp://127.0.0.1:9", batch_size=0))


def test_build_on_a_local_cluster_gives_the_same_triples_as_a_plain_build(cluster, tmp_path):
    from kg.build import build
    paths = [str(ROOT / "examples" / "articles")]
    plain, _ = build(paths, output=tmp_path / "plain.ttl")
    spread, report = build(paths, output=tmp_path / "spread.ttl", cluster=cluster.scheduler_address)
    assert report.ok and set(spread) == set(plain) and len(plain) > 100


def test_kg_build_cluster_feeds_one_store(cluster, tmp_path):
    """The documented entry point: ``kg build --cluster ADDRESS --store DIR``."""
    from conftest import run_subprocess
    from kg.build import build
    from kg.store import open_store

    paths = [str(ROOT / "examples" / "articles")]
    plain, _ = build(paths, output=tmp_path / "plain.ttl")
    done = run_subprocess("build", *paths, "--cluster", cluster.scheduler_address, "--store", tmp_path / "db")
    assert done.returncode == 0, done.stderr
    with open_store(store=tmp_path / "db") as store:
        assert set(store.to_graph()) == set(plain)
