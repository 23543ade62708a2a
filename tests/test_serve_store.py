"""Tests for ``kg serve --store DIR`` (an Oxigraph store served read-only) and for content
negotiation (406 Not Acceptable), on a graph file and on a store alike.

The store holds the hand-written graph of ``test_serve.py`` (fictional people,
a hostile label, filler triples), put in with :meth:`kg.store.Store.put` as
``kg build --store`` does.  Servers run on a free loopback port and are always
shut down, with their worker processes, by the fixtures.
"""
from __future__ import annotations

import json
import shutil
import socket
import threading
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import start_server, stop_server
from kg.errors import ServeError, UsageError
from kg.serve import make_server
from kg.store import OxigraphStore
from test_serve import HOSTILE, LABEL, MET, SLOW, TTL, http

pytestmark = pytest.mark.slow  # starts servers and worker processes

MAX_ROWS = 20
TIMEOUT = 1.5
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ASK = LABEL + 'ASK { ?s rdfs:label "Kofi Mensah" }'
CONSTRUCT = LABEL + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
DESCRIBE = "DESCRIBE <https://w3id.org/dipkg/id/place/nairobi>"
SELECT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values", "text/html"]
ASK_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/html"]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", "text/html"]
EXTRA = """@prefix ex: <http://example.org/> .
ex:later ex:value 1 . ex:later ex:value 2 . ex:later ex:value 3 ."""


def put(store_dir: Path, article_id: str, turtle: str) -> None:
    """Put one article's graph into the store, as ``kg build --store`` does."""
    with OxigraphStore(store_dir) as store:
        store.put([(article_id, "0" * 64, "hand", Graph().parse(data=turtle, format="turtle"))])


def store_size(store_dir: Path) -> int:
    """Triples of the store's default graph (the union), read through a fresh read-only handle."""
    with OxigraphStore(store_dir, read_only=True) as store:
        return len(store)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve-file") / "graph.ttl"
    path.write_text(TTL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve-store") / "news.db"
    put(path, "serve-test", TTL)
    return path


@pytest.fixture(scope="module")
def store_server(store_dir):
    server, thread = start_server(None, store=store_dir, timeout=TIMEOUT, max_rows=MAX_ROWS)
    try:
        yield server
    finally:
        stop_server(server, thread)


@pytest.fixture(scope="module")
def file_server(graph_file):
    server, thread = start_server(graph_file, timeout=TIMEOUT, max_rows=MAX_ROWS)
    try:
        yield server
    finally:
        stop_server(server, thread)


@pytest.fixture(params=["file", "store"])
def server(request):
    """The same graph served from a file and from a store."""
    return request.getfixturevalue(f"{request.param}_server")


def select(server, query: str) -> list[dict]:
    status, _, text = http(server, params={"query": query})
    assert status == 200, text
    return json.loads(text)["results"]["bindings"]


def count(server) -> int:
    return int(select(server, COUNT)[0]["n"]["value"])


@pytest.fixture
def listener():
    """A loopback port that records every connection made to it (and answers nothing)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    hits: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1], hits
    finally:
        stop.set()
        thread.join(5)
        sock.close()


# ------------------------------------------------------------------ store mode: answers

def test_store_select_gives_the_exact_rows_in_every_result_format(store_server):
    rows = [(b["a"]["value"], b["b"]["value"]) for b in select(store_server, MET)]
    assert rows == [("Amani Otieno", "Kofi Mensah"), ("Kofi Mensah", "Amani Otieno")]
    status, headers, text = http(store_server, params={"query": MET}, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert text.splitlines() == ["a,b", "Amani Otieno,Kofi Mensah", "Kofi Mensah,Amani Otieno"]
    status, headers, text = http(store_server, "POST", body=MET, content_type="application/sparql-query",
                                 accept="text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert text.splitlines() == ["?a\t?b", '"Amani Otieno"\t"Kofi Mensah"', '"Kofi Mensah"\t"Amani Otieno"']
    status, headers, text = http(store_server, params={"query": MET}, accept="application/sparql-results+xml")
    assert status == 200 and "<literal>Kofi Mensah</literal>" in text


def test_store_and_file_give_the_same_rows(file_server, store_server):
    query = LABEL + "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
    assert select(store_server, query) == select(file_server, query)


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                         ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")])
def test_store_construct_in_every_rdf_format(store_server, accept, fmt):
    status, headers, text = http(store_server, params={"query": CONSTRUCT}, accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    expected = Graph()
    for s, label in [("person/amani-otieno", "Amani Otieno"), ("person/kofi-mensah", "Kofi Mensah"),
                     ("place/nairobi", "Nairobi"), ("person/mallory", HOSTILE)]:
        expected.add((URIRef("https://w3id.org/dipkg/id/" + s),
                      URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(label)))
    assert isomorphic(Graph().parse(data=text, format=fmt), expected)


def test_store_ask_and_describe(store_server):
    status, headers, text = http(store_server, params={"query": ASK})
    assert status == 200 and json.loads(text)["boolean"] is True
    status, headers, text = http(store_server, params={"query": DESCRIBE})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert (None, None, Literal("Nairobi")) in Graph().parse(data=text, format="turtle")


def test_store_default_graph_is_the_union_and_from_picks_a_store_graph(store_server, store_dir):
    assert count(store_server) == store_size(store_dir)
    article = "https://w3id.org/dipkg/id/graph/article/serve-test"
    rows = select(store_server, f"SELECT (COUNT(*) AS ?n) FROM <{article}> WHERE {{ ?s ?p ?o }}")
    assert 0 < int(rows[0]["n"]["value"]) <= count(store_server)


# ------------------------------------------------------------------ store mode: guards

@pytest.mark.parametrize("how", ["update-form", "update-body", "as-query", "update-get"])
@pytest.mark.parametrize("update", ["INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }",
                                    "DROP ALL", "LOAD <file:///etc/hostname>"])
def test_store_updates_are_refused_and_the_store_is_unchanged(store_server, store_dir, how, update):
    before = store_size(store_dir)
    if how == "update-form":
        status, _, text = http(store_server, "POST", body=urllib.parse.urlencode({"update": update}),
                               content_type="application/x-www-form-urlencoded")
    elif how == "update-body":
        status, _, text = http(store_server, "POST", body=update, content_type="application/sparql-update")
    elif how == "as-query":
        status, _, text = http(store_server, "POST", body=urllib.parse.urlencode({"query": update}),
                               content_type="application/x-www-form-urlencoded")
    else:
        status, _, text = http(store_server, params={"update": update})
    assert status == 403 and "read-only" in text
    assert "--allow-update" not in text  # a store cannot be served with updates
    assert count(store_server) == before
    assert store_size(store_dir) == before  # re-opened: nothing was written


SERVICES = ["SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            "SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            "SELECT * WHERE {{ ?s ?p ?o . SeRvIcE<http://127.0.0.1:{port}/>{{ ?s ?p ?o }} }}",
            "PREFIX ex: <urn:> SELECT * WHERE {{ ?s ex:a\\#x ?o . SERVICE <http://127.0.0.1:{port}/> {{}} }}"]


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_before_anything_is_fetched(server, listener, query):
    port, hits = listener
    status, _, text = http(server, params={"query": query.format(port=port)})
    assert status == 400 and "SERVICE is refused" in text
    assert hits == []


def test_the_word_service_elsewhere_is_not_refused(server):
    query = ('PREFIX ex: <http://example.org/service#> SELECT ?service WHERE { ?service ex:service "SERVICE" } '
             "# SERVICE")
    status, _, text = http(server, params={"query": query})
    assert status == 200, text


@pytest.mark.parametrize("source", ["http://127.0.0.1:{port}/graph.ttl", "file:///etc/hostname"])
def test_from_loads_nothing(server, listener, source):
    port, hits = listener
    iri = source.format(port=port)
    _, _, text = http(server, params={"query": "SELECT ?s WHERE { ?s ?p ?o }", "format": "csv"})
    everything = len(text.splitlines())
    status, _, text = http(server, params={"query": f"SELECT ?s FROM <{iri}> WHERE {{ ?s ?p ?o }}",
                                           "format": "csv"})
    # a file reads FROM as nothing (the whole graph); a store as one of its graphs (here: none)
    assert status == 200 and len(text.splitlines()) in (1, everything)
    assert hits == []


def test_store_result_cap_cuts_select_and_construct(store_server):
    status, headers, text = http(store_server, params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                                 accept="text/csv")
    assert status == 200 and headers["X-Result-Truncated"] == "true"
    assert headers["X-Result-Limit"] == str(MAX_ROWS)
    assert len(text.splitlines()) == MAX_ROWS + 1
    status, headers, text = http(store_server, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                                 accept="application/n-triples")
    assert status == 200 and headers["X-Result-Truncated"] == "true"
    assert len(Graph().parse(data=text, format="nt")) == MAX_ROWS
    status, headers, _ = http(store_server, params={"query": MET})
    assert headers["X-Result-Truncated"] == "false"


def test_store_slow_query_times_out_and_the_server_keeps_answering(store_server):
    status, _, text = http(store_server, params={"query": SLOW})
    assert status == 503 and "timed out" in text and "1.5 s" in text
    assert [b["a"]["value"] for b in select(store_server, MET)] == ["Amani Otieno", "Kofi Mensah"]
    status, _, text = http(store_server, params={"query": SLOW})  # the replacement times out as well
    assert status == 503
    assert http(store_server, path="/")[0] == 200


def test_store_page_shows_the_store_and_escapes(store_server, store_dir):
    status, headers, page = http(store_server, path="/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f"Store news.db: {store_size(store_dir)} triples; read-only" in page
    assert "who-met-whom" in page and "default-src 'none'" in headers["Content-Security-Policy"]
    status, _, page = http(store_server, params={"query": LABEL + "SELECT ?l WHERE { ?s rdfs:label ?l }",
                                                 "format": "html"})
    assert status == 200 and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page
    assert "<script" not in page.lower()


# ------------------------------------------------------------------ store mode: opening

def test_store_errors_name_the_path(tmp_path, store_dir):
    def refused(match: str, error: type = ServeError, **kwargs) -> None:
        with pytest.raises(error, match=match):
            make_server(host="127.0.0.1", port=0, timeout=1, max_rows=1, **kwargs)

    missing, a_file, other, empty = (tmp_path / n for n in ("missing", "file.ttl", "other", "empty"))
    a_file.write_text(TTL, encoding="utf-8")
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    empty.mkdir()
    refused(f"{missing}: no such store directory", store=missing)
    refused(f"{a_file}: not a store directory", store=a_file)
    refused(f"{other}: not an Oxigraph store", store=other)
    refused(f"{empty}: not an Oxigraph store", store=empty)
    refused("read-only; updates cannot be allowed", UsageError, store=store_dir, allow_update=True)
    refused("give one graph", UsageError, store=store_dir, graph_path=a_file)
    refused("give one graph", ValueError)  # a UsageError: a bad argument
    refused(f"{store_dir}: is a directory, not a graph file", graph_path=store_dir)


def test_a_reader_starts_beside_a_writer_and_sees_the_store_as_it_opened_it(store_dir, tmp_path):
    """pyoxigraph's read-only mode: the server starts while a writer holds the store, and keeps
    answering from the state it opened; a server started after the write sees the write."""
    db = tmp_path / "busy.db"
    shutil.copytree(store_dir, db)
    before = store_size(db)
    with OxigraphStore(db) as writer:  # what a running kg build holds
        early, early_thread = start_server(None, store=db, timeout=10, max_rows=MAX_ROWS, workers=1)
        try:
            assert count(early) == before
            writer.put([("later", "1" * 64, "hand", Graph().parse(data=EXTRA, format="turtle"))])
            writer.store.flush()
            late, late_thread = start_server(None, store=db, timeout=10, max_rows=MAX_ROWS, workers=1)
            try:
                assert count(late) > before
                assert count(early) == before
            finally:
                stop_server(late, late_thread)
        finally:
            stop_server(early, early_thread)


# ------------------------------------------------------------------ the command line

def _kg(capsys, *argv) -> tuple[int, str]:
    from kg.cli import main

    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    return code, capsys.readouterr().err


def test_kg_serve_store_usage_errors(capsys, store_dir, graph_file, tmp_path):
    code, err = _kg(capsys, "serve", "--store", store_dir, "--allow-update", "--port", "0")
    assert code == 2 and "--allow-update cannot be used with --store" in err and "read-only" in err
    code, err = _kg(capsys, "serve", "--port", "0")
    assert code == 2 and "give one graph to serve" in err
    code, err = _kg(capsys, "serve", graph_file, "--store", store_dir, "--port", "0")
    assert code == 2 and "give one graph to serve" in err
    code, err = _kg(capsys, "serve", store_dir, "--port", "0")
    assert code == 2 and f"give --store {store_dir}" in err
    code, err = _kg(capsys, "serve", "--store", tmp_path / "nowhere", "--port", "0")
    assert code == 1 and f"kg: error: {tmp_path / 'nowhere'}: no such store directory" in err


def test_the_kg_serve_store_command(store_dir):
    """`kg serve --store DIR` as a user starts it: it prints its endpoint and answers from the store."""
    import re
    import subprocess
    import sys

    from conftest import kg_env

    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=kg_env())
    try:
        url = None
        for _ in range(5):
            found = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", proc.stdout.readline())
            if found:
                url = found[1]
                break
        assert url, "kg serve --store did not print its endpoint"
        from types import SimpleNamespace

        endpoint = SimpleNamespace(url=url)
        assert [b["b"]["value"] for b in select(endpoint, MET)] == ["Kofi Mensah", "Amani Otieno"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert f"serving store {store_dir}" in proc.stderr.read()


# ------------------------------------------------------------------ content negotiation (both modes)

@pytest.mark.parametrize("query, accept, offered", [
    (MET, "text/turtle", SELECT_TYPES),
    (MET, "application/ld+json, text/turtle;q=0.5", SELECT_TYPES),
    (MET, "text/csv;q=0, application/sparql-results+json;q=0", SELECT_TYPES),
    (ASK, "text/csv", ASK_TYPES),
    (ASK, "text/tab-separated-values, text/turtle", ASK_TYPES),
    (CONSTRUCT, "application/sparql-results+json", GRAPH_TYPES),
    (CONSTRUCT, "text/csv", GRAPH_TYPES),
    (DESCRIBE, "application/sparql-results+xml", GRAPH_TYPES),
])
def test_nothing_acceptable_is_406_with_the_formats_on_offer(server, query, accept, offered):
    status, headers, text = http(server, params={"query": query}, accept=accept)
    assert status == 406, text
    assert headers["Content-Type"].startswith("text/plain")
    assert headers["Vary"] == "Accept"
    listed = text.strip().split(" are available as ", 1)[1].split(", ")
    assert listed == offered


@pytest.mark.parametrize("query, fmt", [(MET, "turtle"), (MET, "bogus"), (ASK, "csv"), (ASK, "tsv"),
                                        (CONSTRUCT, "csv"), (DESCRIBE, "srj")])
def test_a_format_parameter_not_offered_is_406(server, query, fmt):
    status, _, text = http(server, params={"query": query, "format": fmt}, accept="*/*")
    assert status == 406 and f"format={fmt}" in text


@pytest.mark.parametrize("query, accept, fmt, expected", [
    (MET, None, None, "application/sparql-results+json"),
    (MET, "*/*", None, "application/sparql-results+json"),
    (MET, "text/*", None, "application/sparql-results+json"),
    (MET, "application/*", None, "application/sparql-results+json"),
    (MET, "text/csv;q=0.4, application/sparql-results+xml;q=0.9", None, "application/sparql-results+xml"),
    (MET, "application/sparql-results+json;q=0, */*;q=0.1", None, "application/sparql-results+xml"),
    (MET, "*/*;q=0.1, text/tab-separated-values", None, "text/tab-separated-values"),
    (MET, "application/json", None, "application/sparql-results+json"),
    (MET, "text/turtle", "csv", "text/csv"),
    (MET, "text/turtle", "output=tsv", "text/tab-separated-values"),
    (ASK, None, None, "application/sparql-results+json"),
    (ASK, "text/csv, application/sparql-results+xml;q=0.5", None, "application/sparql-results+xml"),
    (CONSTRUCT, None, None, "text/turtle"),
    (CONSTRUCT, "*/*", None, "text/turtle"),
    (CONSTRUCT, "application/json", None, "application/ld+json"),
    (CONSTRUCT, "text/turtle;q=0, */*", None, "application/n-triples"),
    (DESCRIBE, "application/n-triples", None, "application/n-triples"),
    (DESCRIBE, "application/sparql-results+json", "ttl", "text/turtle"),
])
def test_acceptable_requests_get_the_format_they_prefer(server, query, accept, fmt, expected):
    params = {"query": query}
    if fmt:
        key, _, value = fmt.rpartition("=")
        params[key or "format"] = value
    status, headers, text = http(server, params=params, accept=accept)
    assert status == 200, text
    assert headers["Content-Type"].split(";")[0] == expected


@pytest.mark.parametrize("query", [MET, ASK, CONSTRUCT, DESCRIBE])
def test_the_page_form_and_a_browser_get_html_for_every_query_form(server, query):
    status, headers, page = http(server, params={"query": query, "format": "html"}, accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and "<h2>Results</h2>" in page
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, page = http(server, params={"query": query}, accept=browser)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
