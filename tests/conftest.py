"""Shared fixtures for the build and CLI tests.

All article texts used here were written for these tests; the people in them
are fictional.  The spaCy model is loaded once per session (``nlp``); the
in-process runs of :func:`kg.cli.main` reuse it through ``load_model``'s cache.
The graphs that several tests only read are built once per session too:
``examples_build``, ``demo_run`` and ``query_graph_file``/``query_graph``.
"""
from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import hypothesis
import pytest

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout where kg is not installed
    sys.path.insert(0, str(ROOT))


def _ram_temp_dir() -> str | None:
    """Where the tests' temporary files go: ``KG_TEST_TMPDIR`` if set (empty: the system's
    default), else ``/dev/shm`` when it is a writable RAM disk with room to spare.

    The tests build many small Oxigraph stores, and RocksDB syncs each one to disk: on
    this project's development machine a one-article store build takes 0.4-0.8 s in /tmp
    and 0.1 s in RAM.  Nothing a test checks depends on the disk.
    """
    chosen = os.environ.get("KG_TEST_TMPDIR")
    if chosen is not None:
        return chosen or None
    shm = Path("/dev/shm")
    try:
        roomy = shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 2 * 2**30
    except OSError:
        roomy = False
    return os.fspath(shm) if roomy else None


tempfile.tempdir = _ram_temp_dir()  # pytest's tmp_path lives under tempfile.gettempdir()

# No cyclic garbage collection while the test modules are imported (see pytest_collection_finish)
gc.disable()

FIXTURES = ROOT / "tests" / "fixtures"
ARTICLES = FIXTURES / "articles"
EXAMPLES = ROOT / "examples" / "articles"
QUERY_ARTICLES = FIXTURES / "query_articles"

# 8 bytes of PNG signature plus the start of an IHDR chunk.
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"

LATIN1_TEXT = ("Title: Reunião em Brasília\nDate: 2025-02-20\n\n"
               "Brazilian President Joaquim Seixas met Angolan President Domingos Kiala in Brasília "
               "on Wednesday.\n")

JSONL_GOOD = {
    "id": "tokyo-2025-02-14",
    "title": "Japan and India review maritime security cooperation",
    "date": "2025-02-14",
    "source": "Test Wire (fictional)",
    "text": ("Japanese Foreign Minister Haruto Sakamoto met Indian External Affairs Minister "
             "Priya Raghavan in Tokyo on Thursday. The ministers agreed to hold joint coast guard "
             "exercises later this year."),
}

STDIN_TEXT = ("Moroccan Foreign Minister Youssef Benali met Senegalese Foreign Minister "
              "Aminata Diouf in Rabat on Tuesday.\n")


QUICK_LOOP = "not slow"  # the -m expression of the quick loop (README, docs/development.md)


def pytest_xdist_auto_num_workers(config) -> int | None:
    """How many pytest-xdist workers ``-n auto`` (in pyproject.toml's addopts) starts.

    Two for the quick loop, ``pytest -m "not slow"`` (one per core of a two-core machine;
    more would spend more on loading the model and collecting than they save); none, that is
    one process as before, for any other run, such as CI's plain ``pytest``: the slow tests
    start servers, clusters and child processes of their own, and time some of them.  ``-n N``
    on the command line, or ``PYTEST_XDIST_AUTO_NUM_WORKERS``, decides instead.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    if " ".join((config.getoption("markexpr") or "").split()) != QUICK_LOOP:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if cores >= 2 else 0


def pytest_collection_finish(session) -> None:
    """Move everything collection made (the imported modules, spaCy's code, the test items)
    to the garbage collector's permanent generation, and turn the collector back on.

    Each full collection of the cyclic garbage collector walks every tracked object, and a
    test process holds a few hundred thousand of them once spaCy, rdflib and the tests are
    imported: the dozen full collections that importing them set off took 1.5 s a process,
    and the later ones of a quick-loop worker were 0.1-0.3 s each.  These objects live
    until the process ends anyway, so the collector is off while they are made (this
    conftest turns it off) and does not walk them afterwards.  Objects the tests make are
    collected as before; nothing a test checks depends on when garbage is collected.
    The ``nlp`` fixture freezes the loaded model likewise.
    """
    gc.freeze()
    gc.enable()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs) -> None:
    """A pytest-xdist controller collects nothing (its workers do), so pytest_collection_finish
    does not run there: turn the garbage collector back on before its workers start."""
    gc.enable()


# Hypothesis profiles.  "full": Hypothesis's own 100 examples a test, and each test's own
# count (see examples()); CI and any run other than the quick loop use it.  "quick": a
# quarter of the examples, for pytest -m "not slow" on a developer's machine, where these
# tests took 2 s of a 30 s budget; HYPOTHESIS_PROFILE picks a profile by name.
hypothesis.settings.register_profile("full", max_examples=100)
hypothesis.settings.register_profile("quick", max_examples=25)


def hypothesis_profile(markexpr: str | None, environ=os.environ) -> str:
    """The Hypothesis profile a run uses: ``HYPOTHESIS_PROFILE``, else "full" in CI (``CI``
    set) and for any run but the quick loop, else "quick"."""
    if environ.get("HYPOTHESIS_PROFILE"):
        return environ["HYPOTHESIS_PROFILE"]
    if environ.get("CI") or " ".join((markexpr or "").split()) != QUICK_LOOP:
        return "full"
    return "quick"


def pytest_configure(config) -> None:
    # before the test modules are imported: their @settings read examples() then
    if not config.getoption("hypothesis_profile", None):  # --hypothesis-profile decides instead
        hypothesis.settings.load_profile(hypothesis_profile(config.getoption("markexpr")))


def examples(full: int) -> int:
    """A test's number of Hypothesis examples: ``full`` under the "full" profile, scaled
    like the profile's default (100 examples) otherwise, and at least 10."""
    return max(10, full * hypothesis.settings.default.max_examples // 100)


def person(slug: str) -> URIRef:
    """The IRI ``kg.rdf`` gives a person, from the slug of the folded name."""
    from kg.rdf import ID  # rdflib and kg are imported where the tests run, not in pytest-xdist's controller

    return ID[f"person/{slug}"]


def label(graph: Graph, node: URIRef) -> str | None:
    """The node's ``rdfs:label`` as a string (None when it has none)."""
    from rdflib.namespace import RDFS

    value = graph.value(node, RDFS.label)
    return None if value is None else str(value)


def node_labelled(graph: Graph, text: str) -> URIRef:
    """The one subject whose ``rdfs:label`` is ``text``."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    nodes = list(graph.subjects(RDFS.label, Literal(text)))
    assert len(nodes) == 1, f"expected one node labelled {text!r}, found {nodes}"
    return nodes[0]


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline with the kg components, loaded once for the session."""
    from kg.extract import extract, load_model
    from kg.model import Article
    from kg.rdf import extraction_triples

    model = load_model()
    # Extract once and make the triples, as every worker's first build does anyway: the
    # extractor's matchers and caches and the places' city index are made now, and frozen
    # with the model (see pytest_collection_finish), instead of being walked by every later
    # collection of the garbage collector.
    extraction_triples(extract(Article(id="warm-up", text="President Anna Berg met Prime Minister "
                                       "Lukas Holm in Oslo on Monday and signed an accord."), model))
    gc.freeze()
    return model


@pytest.fixture(scope="session")
def example_docs(nlp) -> list:
    """``nlp.pipe`` of the example articles (no clean-up), parsed once per process for the
    matcher tests that read them.  Read-only."""
    return list(nlp.pipe([p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]))


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A copy of the four fixture articles (meeting, signing, phone call, planned visit)."""
    target = tmp_path / "articles"
    shutil.copytree(ARTICLES, target)
    return target


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    """Two good .txt articles, a JSONL file with one bad and one good line, and three bad files."""
    d = tmp_path / "inbox"
    d.mkdir()
    shutil.copy(ARTICLES / "meeting_nairobi.txt", d / "meeting_nairobi.txt")
    shutil.copy(ARTICLES / "signing_lisbon.txt", d / "signing_lisbon.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "scan.txt").write_bytes(PNG_BYTES)  # an image saved under a text name
    (d / "brasilia_latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (d / "wire.jsonl").write_text('{"id": "broken", "text": "Talks in Accra were\n'
                                  + json.dumps(JSONL_GOOD) + "\n", encoding="utf-8")
    return d


@dataclass
class Run:
    """What one ``kg`` invocation returned and printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def disk_full(monkeypatch):
    """Make every ``Graph.serialize`` write a few bytes, then fail as a full disk does."""
    from rdflib import Graph

    def no_space(self, destination=None, *args, **kwargs):
        destination.write(b"@prefix dip:")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Graph, "serialize", no_space)


@pytest.fixture
def kg(nlp, capsys, monkeypatch):
    """Run ``kg.cli.main(argv)`` in-process; returns a :class:`Run`.

    ``stdin`` (text, or bytes) is what the run reads as standard input.  argparse
    usage errors (``SystemExit``) are turned into a Run as well.
    """
    from kg.cli import main

    def run(*argv: str | os.PathLike, stdin: str | bytes | None = None) -> Run:
        capsys.readouterr()  # drop anything printed before
        with monkeypatch.context() as patch:
            if stdin is not None:
                data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
                patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
            try:
                code = main([os.fspath(a) for a in argv])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def build_here(paths, **options):
    """:func:`kg.build.build` with ``article_timeout=0`` unless ``options`` set one: the articles
    are parsed in this process.  For tests about what a build writes, not where it parses: a
    build with a time limit forks a worker, and forking a test process that holds the model
    costs 40-50 ms a build, mostly in the kernel (page tables, copied pages).  test_pool checks
    that both ways give the same graph; the CLI tests and the bad-input matrix parse in the child."""
    from kg.build import build

    options.setdefault("article_timeout", 0)
    return build(paths, **options)


def run_in_process(*argv: str | os.PathLike) -> Run:
    """Run ``kg.cli.main(argv)`` in-process outside a test (for session fixtures): a :class:`Run`."""
    from kg.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([os.fspath(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


def once_per_run(tmp_path_factory, name: str, make) -> tuple[Path, dict]:
    """``make(folder)`` (a JSON-able result; files go in ``folder``) run once for the whole test
    run: by the first pytest-xdist worker that asks, the others wait for it and read what it
    made (in the run's temporary folder, which the workers share); in a run without workers,
    or without ``fcntl``, once in this process.  Returns ``(folder, result)``."""
    try:
        import fcntl
    except ImportError:  # not POSIX: each worker makes its own
        fcntl = None
    if fcntl is None or not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        return folder, make(folder)
    folder = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    with open(folder.parent / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        done = folder / "result.json"
        if not done.exists():  # the first to ask (or a worker after one that failed)
            folder.mkdir(exist_ok=True)
            result = make(folder)
            done.write_text(json.dumps(result), encoding="utf-8")
        return folder, json.loads(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def examples_build(nlp, tmp_path_factory) -> tuple[Path, Run]:
    """``kg build examples/articles -o examples.ttl``, run once for the test run (even with
    pytest-xdist workers; see :func:`once_per_run`): the graph file and the run.  Read-only:
    tests that change a graph build their own."""

    def make(folder: Path) -> dict:
        run = run_in_process("build", EXAMPLES, "-o", folder / "examples.ttl")
        return {"code": run.code, "out": run.out, "err": run.err}

    folder, run = once_per_run(tmp_path_factory, "examples", make)
    return folder / "examples.ttl", Run(**run)


@pytest.fixture(scope="session")
def demo_run(nlp, tmp_path_factory) -> tuple[Path, str]:
    """The folder ``kg demo`` wrote into and what it printed, run once for the test run (see
    :func:`once_per_run`; read-only)."""

    def make(folder: Path) -> str:
        run = run_in_process("demo", "--out-dir", folder)
        assert run.code == 0, run.err
        return run.out

    return once_per_run(tmp_path_factory, "demo", make)


@pytest.fixture(scope="session")
def query_graph_file(nlp, tmp_path_factory) -> Path:
    """The Turtle graph of ``tests/fixtures/query_articles`` (six articles), built once for the
    test run (see :func:`once_per_run`) with :func:`kg.build.build`.  Read-only."""
    from kg.build import build

    def make(folder: Path) -> int:
        _graph, report = build([QUERY_ARTICLES], output=folder / "graph.ttl")
        assert report.ok and report.articles == 6
        return report.articles

    folder, _articles = once_per_run(tmp_path_factory, "query", make)
    return folder / "graph.ttl"


@pytest.fixture(scope="session")
def query_graph(query_graph_file) -> Graph:
    """:func:`query_graph_file` read back (session-wide: do not change it)."""
    from kg.graphio import load_graph

    return load_graph(query_graph_file)


def run_subprocess(*argv: str | os.PathLike, input: str | bytes | None = None,
                   cwd: Path | None = None, env: dict[str, str] | None = None,
                   timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m kg ARGV`` in a child process (text mode unless input is bytes)."""
    return subprocess.run([sys.executable, "-m", "kg", *map(os.fspath, argv)], input=input,
                          capture_output=True, text=not isinstance(input, bytes), cwd=cwd,
                          env=kg_env(env), timeout=timeout)


def kg_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a ``python -m kg`` child: this checkout first on the path, the
    default model (no ``KG_SPACY_MODEL``), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "KG_SPACY_MODEL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra or {})
    return env


def start_server(graph_path: Path, **options):
    """A ``kg serve`` server on a free loopback port, serving in a thread; stop it with
    :func:`stop_server`.  Returns ``(server, thread)``."""
    import threading

    from kg.serve import make_server

    server = make_server(graph_path, "127.0.0.1", 0, quiet=True, **options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()  # a short poll interval: shutdown() returns at once instead of after up to 0.5 s
    return server, thread


def stop_server(server, thread) -> None:
    """Shut down a server from :func:`start_server`, with its worker processes."""
    try:
        server.shutdown()
        thread.join(10)
    finally:
        server.server_close()


def hand_extraction(aid: str, facts: list[tuple], actors: dict, things=None,
                    title: str | None = None, url: str | None = None):
    """An Extraction built by hand: ``facts`` are (relation, subject, object, sentence[, kwargs]);
    the article text is the sentences in order, so evidence offsets are real."""
    from kg.model import Article, Evidence, Extraction, Fact

    text, out, starts = "", [], {}
    for rel, subj, obj, sentence, *extra in facts:
        if sentence not in starts:
            starts[sentence] = len(text)
            text += sentence + " "
        start = starts[sentence]
        out.append(Fact(rel, subj, obj, Evidence(sentence, start, start + len(sentence)),
                        **(extra[0] if extra else {})))
    return Extraction(Article(aid, text, title=title or f"Headline {aid}",
                              url=url if url is not None else f"https://news.example/{aid}"),
                      actors, things or {}, out)


def oxigraph_executable() -> str | None:
    """The ``oxigraph`` command (PyPI's ``oxigraph`` package): on PATH or beside this Python."""
    found = shutil.which("oxigraph")
    beside = Path(sys.executable).parent / "oxigraph"
    return found or (str(beside) if beside.is_file() else None)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve`` on loopback: its query, update and Graph Store URLs."""

    query: str
    update: str
    store: str
    process: subprocess.Popen


def start_oxigraph(location: Path, *, union: bool = False, wait: float = 30.0) -> OxigraphServer:
    """Start ``oxigraph serve`` (with ``--union-default-graph`` when ``union`` is true) on a free
    loopback port; wait until it answers.

    Without the executable the test is skipped, except in CI (``CI`` set), where it fails.
    """
    import time
    import urllib.error
    import urllib.request
    from urllib.parse import quote

    exe = oxigraph_executable()
    if exe is None:
        message = "the oxigraph server (pip install oxigraph) is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             *(["--union-default-graph"] if union else [])],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(f"{base}/query?query={quote('ASK {}')}", timeout=2):
                break
        except (urllib.error.URLError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
                raise RuntimeError(f"oxigraph serve did not start on {base}: {err[-500:]}")
            time.sleep(0.1)
    return OxigraphServer(f"{base}/query", f"{base}/update", f"{base}/store", proc)


def stop_oxigraph(server: OxigraphServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(10)


@pytest.fixture
def oxigraph_server(tmp_path):
    """An ``oxigraph serve`` with a fresh data directory, stopped after the test."""
    server = start_oxigraph(tmp_path / "oxigraph-data")
    try:
        yield server
    finally:
        stop_oxigraph(server)


# --------------------------------------------------------------------------- made-up articles in bulk

PEOPLE = [("Aldric Vantorre", "Kenyan", "Foreign Minister"),
          ("Benedetta Quillfeather", "Kenyan", "Trade Minister"),
          ("Casimir Ashgrove", "Chilean", "President"),
          ("Dorotea Belcastro", "Chilean", "Foreign Minister"),
          ("Evander Dunmarrow", "Norwegian", "Prime Minister"),
          ("Florentyna Estravel", "Norwegian", "Defence Minister"),
          ("Gideon Hartigan", "Ghanaian", "President"),
          ("Halcyone Istvanfi", "Ghanaian", "Foreign Minister"),
          ("Isandro Kestrell", "Peruvian", "Foreign Minister"),
          ("Jolanka Lindqvist", "Peruvian", "President"),
          ("Kasimir Morrowind", "Polish", "Prime Minister"),
          ("Lucasta Fennimore", "Polish", "Trade Minister")]
CITIES = ["Nairobi", "Santiago", "Oslo", "Accra", "Lima", "Warsaw"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def fictional_article(i: int, prefix: str) -> dict:
    """Article ``i``: two of :data:`PEOPLE` meet, sign an agreement or speak by phone."""
    a = i % len(PEOPLE)
    b = (a + 1 + (i // len(PEOPLE)) % (len(PEOPLE) - 1)) % len(PEOPLE)
    (name1, demonym1, role1), (name2, demonym2, role2) = PEOPLE[a], PEOPLE[b]
    one, two = f"{demonym1} {role1} {name1}", f"{demonym2} {role2} {name2}"
    city, day = CITIES[i % len(CITIES)], DAYS[i % len(DAYS)]
    text = [f"{one} met {two} in {city} on {day}. The talks covered fishing quotas and rail links.",
            f"{one} and {two} signed a customs cooperation agreement in {city} on {day}.",
            f"{one} spoke by phone with {two} on {day} about the harvest season."][i % 3]
    return {"id": f"{prefix}-{i:03d}", "title": f"Diplomatic round-up {i}", "date": f"2025-04-{1 + i % 28:02d}",
            "source": "Crash Test Wire (fictional)", "text": text}


def write_articles(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture
def counting_endpoint():
    """A local HTTP server that counts the requests it gets (answers 500)."""
    import http.server
    import threading

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (stdlib name)
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    # a short poll interval: shutdown() returns at once instead of after up to 0.5 s
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/sparql", hits
    server.shutdown()
