"""Crash safety: ``kg build`` killed with SIGKILL while it writes leaves the previous graph intact,
and running the same command again completes it.

Each test starts ``python -m kg build`` in its own process group and kills it
at a moment it is provably writing, seen from outside:

* a graph file: the temporary file that :func:`kg.graphio.atomic_write` fills
  beside the output has bytes in it (a big existing graph, so that writing it
  takes about a second);
* an Oxigraph store (``--store``, ``--batch-size 1``): RocksDB's write-ahead
  log (``NNNNNN.log``) has grown several times, that is, some of the batches
  have been committed and the others not yet.

A child that exits before that moment fails the test (the input is then too
small for the machine), and so does one that was not killed by SIGKILL.  The
articles are fictional, written for these tests.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset

from conftest import ROOT, fictional_article, kg_env, run_subprocess, write_articles
from kg.build import build
from kg.graphio import _HOST, atomic_write, guess_format
from kg.store import ACTORS_GRAPH, MemoryStore, OxigraphStore, article_graph
from kg.store.oxigraph import to_rdflib

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")]

SYNTHETIC_TRIPLES = 20_000  # the existing graph: ~1 s to serialise (~0.5 s after the first bytes)
STORE_ARTICLES = 150  # the second store build: ~1 s of one-article commits
WAL_WRITES = 10  # kill the store build after this many writes to its write-ahead log

def start_build(*argv) -> subprocess.Popen:
    """``python -m kg build ARGV`` in a process group of its own, as :func:`conftest.run_subprocess` runs it."""
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *map(os.fspath, argv)], env=kg_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def kill_when(proc: subprocess.Popen, moment: Callable[[], bool], what: str, timeout: float = 300) -> None:
    """SIGKILL ``proc``'s process group as soon as ``moment()`` is true (checked every millisecond).

    Fails when the child exits first (it finished before the moment: the input is
    too small) or was not killed by the signal.
    """
    deadline = time.monotonic() + timeout
    while not moment():
        if proc.poll() is not None or time.monotonic() > deadline:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            pytest.fail(f"kg build ended (exit {proc.returncode}) before {what}; "
                        f"make the input bigger\n{out}\n{err}")
        time.sleep(0.001)
    os.killpg(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, f"not killed while {what} (exit {proc.returncode})\n{out}\n{err}"


def sizes(paths) -> dict[str, int]:
    """File name -> size of those of ``paths`` that are still there when asked."""
    found = {}
    for path in paths:
        try:
            found[path.name] = path.stat().st_size
        except FileNotFoundError:  # renamed or deleted meanwhile
            pass
    return found


# ------------------------------------------------------------------------ graph files

def temp_files(output: Path) -> list[Path]:
    """The temporary files of writers of ``output`` in its folder."""
    return [p for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.") and p.name.endswith(".tmp")]


def file_quads(path: Path) -> set[tuple]:
    """Every quad of a graph file (a Turtle file's triples are in the default graph)."""
    ds = Dataset()
    ds.parse(os.fspath(path), format=guess_format(path))
    return set(ds.quads((None, None, None, None)))


@pytest.fixture(scope="module")
def synthetic_graph() -> list[tuple]:
    """``Store.put`` items of ~:data:`SYNTHETIC_TRIPLES` triples (``benchmarks/synthetic.py``, no spaCy)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import synthetic_items
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return list(synthetic_items(SYNTHETIC_TRIPLES))


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_a_build_killed_while_writing_the_file_keeps_the_old_file(name, synthetic_graph, nlp, tmp_path,
                                                                   monkeypatch):
    """``kg build --append`` killed while it writes the temporary file: the old file is byte for byte
    as it was, and the same command again writes what an uninterrupted run writes, leaving no
    temporary file behind."""
    monkeypatch.delenv("KG_SPACY_MODEL", raising=False)  # as the child runs
    output = tmp_path / "out" / name
    output.parent.mkdir()
    existing = MemoryStore(output, guess_format(output))
    existing.put(synthetic_graph)
    existing.save()
    before = output.read_bytes()
    new = write_articles(tmp_path / "new.jsonl", [fictional_article(i, "news") for i in range(4)])

    argv = ["--append", "-o", output, new]
    proc = start_build(*argv)
    kill_when(proc, lambda: any(sizes(temp_files(output)).values()), "writing the temporary file")
    assert output.read_bytes() == before  # the old graph, byte for byte
    left = temp_files(output)  # the killed writer's, part-written
    assert len(left) == 1 and left[0].name.startswith(f".{name}.{proc.pid}@"), left

    rerun = run_subprocess("build", *argv)
    assert rerun.returncode == 0, rerun.stderr
    assert "read 4 article(s)" in rerun.stderr
    assert not temp_files(output)  # the re-run removed what the killed writer left
    reference = tmp_path / "ref" / name  # the same command, never interrupted
    reference.parent.mkdir()
    reference.write_bytes(before)
    _, report = build([new], output=reference, append=True)
    assert report.ok and report.articles == 4
    if output.read_bytes() != reference.read_bytes():  # else the same graph, no need to parse
        assert file_quads(output) == file_quads(reference)


def test_a_write_removes_the_temporary_files_of_dead_writers_only(tmp_path):
    """Only the temporary files of ``graph.ttl`` whose writer on this host is gone are removed."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    names = {"dead writer": f".graph.ttl.{dead.pid}@{_HOST}.k2j4_x.tmp",
             "live writer": f".graph.ttl.{live.pid}@{_HOST}.a8b9c0.tmp",
             "another host's writer": f".graph.ttl.{dead.pid}@elsewhere.a8b9c0.tmp",
             "another output's writer": f".graph.ttl.1.{dead.pid}@{_HOST}.a8b9c0.tmp",
             "a writer without a pid in the name": ".graph.ttl.x7y8z9q0.tmp"}
    try:
        for temp in names.values():
            (tmp_path / temp).write_bytes(b"@prefix dip:")
        atomic_write(tmp_path / "graph.ttl", lambda out: out.write(b""))
        left = {p.name for p in tmp_path.iterdir()}
    finally:
        live.stdin.close()
        live.wait()
    assert left == {"graph.ttl"} | set(names.values()) - {names["dead writer"]}


# ------------------------------------------------------------------------------ stores

def wal_writes(store: Path) -> Callable[[], int]:
    """A counter of the writes to the store's RocksDB write-ahead logs (``NNNNNN.log``; ``LOG`` is its
    text log) from now on: each call adds the logs that grew since the last call."""
    def logs() -> dict[str, int]:
        return sizes(p for p in store.iterdir() if p.suffix == ".log")

    last, count = logs(), 0

    def writes() -> int:
        nonlocal last, count
        now = logs()
        count += sum(size > last.get(log, 0) for log, size in now.items())
        last = now
        return count

    return writes


def store_graphs(path: Path) -> dict:
    """Every graph of an Oxigraph store, opened for writing (so a lock left behind fails):
    graph name (None for the default graph) -> set of triples."""
    graphs: dict = defaultdict(set)
    with OxigraphStore(path) as store:
        for q in store.store.quads_for_pattern(None, None, None, None):
            graphs[to_rdflib(q.graph_name)].add((to_rdflib(q.subject), to_rdflib(q.predicate),
                                                  to_rdflib(q.object)))
    return dict(graphs)


def test_a_build_killed_while_writing_a_store_leaves_whole_articles(nlp, tmp_path, monkeypatch):
    """``kg build --store --batch-size 1`` killed after some of its commits: the store opens again,
    the first build's articles are untouched, each new article is there whole or not at all, the
    default graph is the union of the named graphs, and the same command again completes the
    store (skipping what is there) into what a clean build of all the articles makes."""
    monkeypatch.delenv("KG_SPACY_MODEL", raising=False)  # as the child runs
    first = [fictional_article(i, "first") for i in range(20)]
    second = [fictional_article(i, "second") for i in range(20, 20 + STORE_ARTICLES)]
    first_file = write_articles(tmp_path / "first.jsonl", first)
    second_file = write_articles(tmp_path / "second.jsonl", second)
    db = tmp_path / "db"
    _, report = build([first_file], store=db)
    assert report.ok and report.articles == len(first)
    before = store_graphs(db)

    argv = ["--store", db, "--batch-size", "1", second_file]
    writes = wal_writes(db)
    proc = start_build(*argv)
    kill_when(proc, lambda: writes() >= WAL_WRITES, "writing to the store")

    after = store_graphs(db)  # opens again: no lock left
    for article in first:
        g = article_graph(article["id"])
        assert after[g] == before[g], f"{article['id']} of the first build changed"
    written = [a for a in second if article_graph(a["id"]) in after]
    assert 0 < len(written) < len(second), "not killed in the middle of the write phase"
    # what the store holds is what a clean build of those articles makes: whole articles
    # (same triples), one label per actor, the default graph the union of the named graphs
    clean_part = write_articles(tmp_path / "part.jsonl", first + written)
    build([clean_part], store=tmp_path / "part-db")
    expected = store_graphs(tmp_path / "part-db")
    for article in written:
        g = article_graph(article["id"])
        assert after[g] == expected[g], f"{article['id']} is half-written"
    assert after[ACTORS_GRAPH] == expected[ACTORS_GRAPH]
    assert after[None] == set().union(*(triples for g, triples in after.items() if g is not None))
    assert after == expected

    rerun = run_subprocess("build", *argv)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped: {len(written)} unchanged article(s)" in rerun.stderr
    assert f"read {len(second) - len(written)} article(s)" in rerun.stderr
    build([first_file, second_file], store=tmp_path / "clean-db")
    assert store_graphs(db) == store_graphs(tmp_path / "clean-db")
