"""Writers of one graph file take turns, and reading a graph file fetches nothing (issue 15).

* ``kg build`` to a file and ``kg remove`` on a file hold the file's lock
  (:class:`kg.graphio.FileLock`, on ``.NAME.lock`` beside it) from reading the
  file to writing it back: two concurrent ``kg build --append`` runs end with
  the articles of both, and a writer that waits too long says which file is
  busy.  The waits are made deterministic by watching :func:`kg.locks._try_lock`
  report the lock as taken, while the test itself holds it.
* A JSON-LD graph file whose ``@context`` is a URL is refused, naming the file;
  the local HTTP server that serves the context counts zero requests.

All articles here are fictional, written for these tests.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from conftest import build_here as build  # about the lock, not where the parsing runs (see there)
from conftest import fictional_article, kg_env, write_articles
from kg import graphio, locks
from kg.build import build as kg_build
from kg.errors import OutputError
from kg.graphio import FileLock, atomic_write, load_graph, lock_path
from kg.rdf import DIP
from kg.store import MemoryStore

def articles(prefix: str, n: int) -> list[dict]:
    """``n`` short made-up articles, ids ``PREFIX-000`` ...: two leaders meet, sign or speak by phone."""
    return [fictional_article(i, prefix) for i in range(n)]


def ids_in(source: Path) -> set[str]:
    """The article ids of a JSONL input file."""
    return {json.loads(line)["id"] for line in source.read_text(encoding="utf-8").splitlines()}


def article_ids(path: Path) -> set[str]:
    """The ``dip:articleId`` of every ``dip:Article`` in a graph file."""
    graph = load_graph(path)
    return {str(i) for node in graph.subjects(RDF.type, DIP.Article) for i in graph.objects(node, DIP.articleId)}


def in_thread(fn, *args, **kwargs) -> tuple[threading.Thread, dict]:
    """Run ``fn`` in a thread; the dict gets its ``value`` or its ``error``."""
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


@pytest.fixture
def lock_busy(monkeypatch) -> threading.Event:
    """Set when a writer finds a graph file's lock taken, that is, when it starts waiting."""
    busy = threading.Event()
    real = locks._try_lock

    def spy(fd: int) -> bool:
        got = real(fd)
        if not got:
            busy.set()
        return got

    monkeypatch.setattr(locks, "_try_lock", spy)
    return busy


@pytest.fixture
def inputs(tmp_path) -> dict[str, Path]:
    """Three JSONL files of 3 articles each: ``first``, ``second`` and ``third``."""
    return {p: write_articles(tmp_path / f"{p}.jsonl", articles(p, 3)) for p in ("first", "second", "third")}


# ----------------------------------------------------------------------- the lock itself

def test_lock_file_sits_beside_the_output_and_goes_with_the_lock(tmp_path):
    out = tmp_path / "graph.ttl"
    dead_writer = tmp_path / f".graph.ttl.999999999@{graphio._HOST}.a1b2c3.tmp"  # no such process
    dead_writer.write_bytes(b"@prefix")
    with FileLock(out, wait=0) as lock:
        assert lock.held and lock.lock_file == lock_path(out) == tmp_path / ".graph.ttl.lock"
        assert lock.lock_file.exists()
        atomic_write(out, lambda f: f.write(b"# graph\n"))  # its sweep of dead writers' files spares the lock
        assert lock.lock_file.exists() and not dead_writer.exists()
        with pytest.raises(OutputError) as err:
            FileLock(out, wait=0).acquire()
        assert str(out) in str(err.value) and "another kg build" in str(err.value)
    assert sorted(os.listdir(tmp_path)) == ["graph.ttl"]  # no lock file left behind
    with FileLock(out, wait=0):  # free again
        pass


def test_lock_waits_a_bounded_time_then_names_the_file(tmp_path):
    out = tmp_path / "news graph.trig"
    with FileLock(out):
        start = time.monotonic()
        with pytest.raises(OutputError) as err:
            FileLock(out, wait=0.3).acquire()
        waited = time.monotonic() - start
    assert 0.3 <= waited < 10
    message = str(err.value)
    assert message.startswith(f"{out}: another kg build or kg remove is writing it") and "0.3 s" in message


def test_writers_taking_turns_lose_nothing(tmp_path):
    """Six threads each add one to a counter file 20 times under the lock, while holders keep
    removing the lock file on release: no increment is lost."""
    counter = tmp_path / "counter.txt"
    counter.write_text("0")

    def writer() -> None:
        for _ in range(20):
            with FileLock(counter, wait=60):
                n = int(counter.read_text())
                time.sleep(0.0005)
                counter.write_text(str(n + 1))

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert counter.read_text() == "120"
    assert not lock_path(counter).exists()


def test_a_waiter_on_a_removed_lock_file_tries_again(tmp_path, monkeypatch):
    """The race of removing lock files, played out in order: waiter B has the lock file open when
    its holder A removes it and lets go, and newcomer C makes a new one and takes it.  B then gets
    the lock of the removed file, which must not count: B waits for C."""
    out = tmp_path / "g.trig"
    holder_a, newcomer_c = FileLock(out, wait=0).acquire(), FileLock(out, wait=0)
    real, played = locks._try_lock, []

    def spy(fd: int) -> bool:
        if played:
            return real(fd)
        played.append(True)
        assert not real(fd)  # B's first try: A holds the lock
        holder_a.release()  # A removes the file that B has open
        newcomer_c.acquire()  # C makes a new one and takes it
        return real(fd)  # B locks the removed file

    monkeypatch.setattr(locks, "_try_lock", spy)
    with pytest.raises(OutputError, match="another kg build"):
        FileLock(out, wait=0.3).acquire()  # waiter B
    assert played and newcomer_c.held and lock_path(out).exists()
    newcomer_c.release()


def test_a_store_that_read_its_file_holds_the_lock_until_closed(nlp, tmp_path, inputs):
    out = tmp_path / "g.trig"
    build([inputs["first"]], output=out)
    store = MemoryStore(out, "trig", load=True)
    with pytest.raises(OutputError, match="another kg build"):
        FileLock(out, wait=0).acquire()
    store.close()
    with FileLock(out, wait=0):
        pass
    MemoryStore(out, "trig", load=True).articles()  # dropped without close(): the lock goes with it
    with FileLock(out, wait=0):
        pass


# ----------------------------------------------------------------------------- builds

def test_append_reads_the_file_only_once_it_has_the_lock(nlp, tmp_path, inputs, lock_busy):
    """While the test holds the lock, another writer's version of the file replaces it; the
    waiting --append build must merge into that version, not into the one it saw first."""
    out, other = tmp_path / "g.trig", tmp_path / "other.trig"
    build([inputs["first"]], output=out)
    build([inputs["first"], inputs["second"]], output=other)
    with FileLock(out):
        thread, result = in_thread(build, [inputs["third"]], output=out, append=True, lock_wait=60)
        assert lock_busy.wait(60), "the build did not wait for the lock"
        os.replace(other, out)  # the other writer's change, made under the lock
        assert thread.is_alive()
    thread.join(120)
    assert "error" not in result, result.get("error")
    _, report = result["value"]
    assert report.ok and report.articles == 3
    assert article_ids(out) == ids_in(inputs["first"]) | ids_in(inputs["second"]) | ids_in(inputs["third"])
    assert any(n.startswith("note: waited") and str(out) in n for n in report.notes), report.notes
    assert not lock_path(out).exists()


def test_a_plain_build_waits_for_the_lock(nlp, tmp_path, inputs, lock_busy):
    out = tmp_path / "g.ttl"
    out.write_bytes(b"# another writer's graph\n")
    with FileLock(out):
        thread, result = in_thread(build, [inputs["first"]], output=out, lock_wait=60)
        assert lock_busy.wait(60), "the build did not wait for the lock"
        assert thread.is_alive() and out.read_bytes() == b"# another writer's graph\n"
    thread.join(120)
    assert "error" not in result, result.get("error")
    assert article_ids(out) == ids_in(inputs["first"])


def test_a_plain_build_gives_up_naming_the_file(nlp, tmp_path, inputs):
    out = tmp_path / "g.ttl"
    out.write_bytes(b"# kept\n")
    with FileLock(out), pytest.raises(OutputError) as err:
        build([inputs["first"]], output=out, lock_wait=0.2)
    assert str(err.value).startswith(f"{out}: another kg build or kg remove is writing it")
    assert out.read_bytes() == b"# kept\n"


def test_the_cli_says_which_file_is_busy(kg, tmp_path, inputs, monkeypatch):
    monkeypatch.setitem(kg_build.__kwdefaults__, "lock_wait", 0.2)  # the default is minutes
    out = tmp_path / "g.trig"
    with FileLock(out):
        run = kg("build", inputs["first"], "--append", "-o", out)
    assert run.code == 1
    assert run.err.startswith(f"kg: error: {out}: another kg build or kg remove is writing it; gave up")
    assert not out.exists()


def test_a_failed_build_lets_the_lock_go(nlp, tmp_path, inputs):
    out = tmp_path / "g.trig"
    out.write_text("this is not TriG {{{", encoding="utf-8")
    with pytest.raises(OutputError, match="not a readable RDF graph"):
        build([inputs["first"]], output=out, append=True)
    with FileLock(out, wait=0):
        pass


def test_kg_remove_on_a_file_takes_the_lock(nlp, tmp_path, inputs, lock_busy):
    from kg.cli import main

    out, other = tmp_path / "g.trig", tmp_path / "other.trig"
    build([inputs["first"]], output=out)
    build([inputs["first"], inputs["second"]], output=other)
    victim = "first-001"
    with FileLock(out):
        thread, result = in_thread(main, ["remove", victim, "-o", os.fspath(out), "-q"])
        assert lock_busy.wait(60), "kg remove did not wait for the lock"
        os.replace(other, out)
        assert thread.is_alive()
    thread.join(120)
    assert result.get("value") == 0, result
    assert article_ids(out) == (ids_in(inputs["first"]) | ids_in(inputs["second"])) - {victim}


@pytest.mark.slow
def test_two_concurrent_appends_keep_every_article(nlp, tmp_path):
    """The issue's attack: two ``kg build --append -o g.trig`` processes at once, 60 articles each,
    onto a graph of 4: both exit 0 and the file holds all 124 articles."""
    out = tmp_path / "g.trig"
    seed = write_articles(tmp_path / "seed.jsonl", articles("seed", 4))
    build([seed], output=out)
    sides = [write_articles(tmp_path / f"{p}.jsonl", articles(p, 60)) for p in ("north", "south")]
    procs = [subprocess.Popen([sys.executable, "-m", "kg", "build", os.fspath(src), "--append", "-o",
                               os.fspath(out), "-q"], env=kg_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for src in sides]
    done = [(p.communicate(timeout=600), p.returncode) for p in procs]
    for (_, err), code in done:
        assert code == 0, err
    found = article_ids(out)
    assert len(found) == 124 and found == ids_in(seed) | ids_in(sides[0]) | ids_in(sides[1])
    assert not lock_path(out).exists()


# -------------------------------------------------------------------- nothing is fetched

@pytest.fixture
def context_server():
    """A loopback HTTP server that answers every GET with a JSON-LD context; yields (base URL, paths asked)."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = json.dumps({"@context": {"name": "http://schema.org/name"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # a short poll interval: shutdown() returns at once instead of after up to 0.5 s
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


REMOTE_CONTEXTS = {
    "a URL": lambda url: {"@context": f"{url}/ctx", "@id": "urn:x:1", "name": "Ysmena Corravel"},
    "a URL in a list": lambda url: {"@context": [{"ex": "http://example.org/"}, f"{url}/ctx"],
                                    "@id": "urn:x:1", "name": "Ysmena Corravel"},
    "an @import": lambda url: {"@context": {"@version": 1.1, "@import": f"{url}/imp"},
                               "@id": "urn:x:1", "name": "Ysmena Corravel"},
    "a scoped context": lambda url: {"@context": {"knows": {"@id": "http://example.org/knows",
                                                            "@context": f"{url}/scoped"}},
                                     "@id": "urn:x:1", "knows": {"@id": "urn:x:2", "name": "Teodric"}},
    "a node's own context": lambda url: {"@graph": [{"@context": f"{url}/inner", "@id": "urn:x:1",
                                                     "name": "Ysmena Corravel"}]},
}


@pytest.mark.parametrize("kind", list(REMOTE_CONTEXTS))
def test_a_remote_jsonld_context_is_refused_not_fetched(kind, context_server, tmp_path):
    url, asked = context_server
    path = tmp_path / "graph.jsonld"
    path.write_text(json.dumps(REMOTE_CONTEXTS[kind](url)), encoding="utf-8")
    Graph().parse(os.fspath(path), format="json-ld")  # rdflib alone would fetch it: the attack is real
    assert asked, "rdflib did not ask the server: the test document is no attack"
    asked.clear()

    with pytest.raises(OutputError) as err:
        load_graph(path)  # kg query, kg serve, kg analyze ... read files with it
    assert str(err.value).startswith(f"{path}: its JSON-LD context '{url}/")
    assert "does not fetch" in str(err.value)
    with pytest.raises(OutputError, match="does not fetch"):
        MemoryStore(path, "json-ld", load=True)
    with pytest.raises(OutputError, match="does not fetch"):  # --append reads the file first
        build([tmp_path / "none.txt"], output=path, append=True)
    assert asked == []
    with FileLock(path, wait=0):  # the refused store let its lock go
        pass


def test_an_inline_jsonld_context_is_read(tmp_path):
    path = tmp_path / "graph.jsonld"
    path.write_text(json.dumps({"@context": {"name": "http://schema.org/name", "@base": "http://example.org/"},
                                "@id": "leader/1", "name": "Ysmena Corravel"}), encoding="utf-8")
    assert [(str(s), str(o)) for s, _, o in load_graph(path)] == [("http://example.org/leader/1",
                                                                   "Ysmena Corravel")]


def test_a_url_is_not_read_as_a_graph_file(context_server):
    url, asked = context_server
    with pytest.raises(OutputError, match="no such file"):
        load_graph(f"{url}/graph.ttl")
    assert asked == []
