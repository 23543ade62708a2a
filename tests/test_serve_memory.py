"""``kg serve FILE`` answers from the file loaded into Oxigraph in memory (:class:`MemorySource`),
with the answers rdflib gives on the same file; with updates allowed it keeps rdflib.

The source tests run in this process; the server tests start worker processes (slow).
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import QUERY_ARTICLES, start_server, stop_server

from kg.graphio import load_graph
from kg.serve.protocol import run_query
from kg.serve.sources import GraphSource, MemorySource, open_source
from kg.sparql import get_saved, list_saved, run

PERSON = "https://w3id.org/dipkg/id/person/"
TTL = f"""@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{PERSON}amani-otieno> a dip:Person ; rdfs:label "Amani Otieno" ; dip:metWith <{PERSON}kofi-mensah> .
<{PERSON}kofi-mensah> a dip:Person ; rdfs:label "Kofi Mensah" ; dip:metWith <{PERSON}amani-otieno> .
"""
MET = ("PREFIX dip: <https://w3id.org/dipkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
       "SELECT ?a ?b WHERE { ?x dip:metWith ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a")


@pytest.fixture
def ttl(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(TTL, encoding="utf-8")
    return path


def answer(source, text: str, fmt: str = "json") -> tuple[int, str]:
    status, _ctype, body, _headers = run_query(source, text, None, fmt, 100, False)
    return status, body.decode("utf-8")


def test_a_file_is_served_from_oxigraph_and_json_ld_from_rdflib(ttl, tmp_path):
    assert isinstance(open_source("memory", str(ttl), []), MemorySource)
    assert isinstance(open_source("file", str(ttl), []), GraphSource)  # updates allowed: rdflib
    jsonld = tmp_path / "g.jsonld"
    jsonld.write_text(json.dumps({"@id": "urn:a", "urn:p": "x"}), encoding="utf-8")
    assert isinstance(open_source("memory", str(jsonld), []), GraphSource)


def test_memory_source_answers_as_rdflib_does(ttl):
    memory, graph = MemorySource(str(ttl)), GraphSource(str(ttl), [])
    assert len(memory) == len(graph) == 6
    for text in (MET, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }",
                 "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        for fmt in ("json", "csv", "tsv", "html"):
            assert answer(memory, text, fmt) == answer(graph, text, fmt)
    status, body = answer(memory, MET, "csv")
    assert status == 200 and body.splitlines()[1:] == ["Amani Otieno,Kofi Mensah", "Kofi Mensah,Amani Otieno"]


def test_memory_source_refuses_updates_service_and_fetches_nothing(ttl):
    memory = MemorySource(str(ttl))
    assert answer(memory, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")[0] == 403
    assert answer(memory, "LOAD <http://127.0.0.1:9/x>")[0] == 403
    status, body = answer(memory, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }")
    assert status == 400 and "SERVICE is refused" in body
    status, body = answer(memory, "SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", "csv")
    assert status == 200 and body.splitlines()[1] == "0"  # a graph that is not there: nothing fetched
    assert answer(memory, "SELECT WHERE {")[0] == 400
    assert len(memory) == 6


def test_memory_source_reads_trig_as_the_union(nlp, tmp_path):
    from kg.build import build

    trig = tmp_path / "g.trig"
    _graph, report = build([QUERY_ARTICLES], output=trig)
    assert report.ok
    memory, graph = MemorySource(str(trig)), GraphSource(str(trig), [])
    assert len(memory) == len(graph)
    for q in list_saved():
        if not q.params:
            assert answer(memory, q.text, "csv") == answer(graph, q.text, "csv")


def fetch(server, query: str, accept: str = "text/csv") -> tuple[int, str]:
    url = server.url + "?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.mark.slow
def test_kg_serve_answers_saved_queries_from_oxigraph(query_graph_file):
    server, thread = start_server(query_graph_file, timeout=10)
    try:
        assert server.pool.kind == "memory"
        graph = load_graph(query_graph_file)
        assert server.pool.triples == len(graph)
        q = get_saved("who-met-whom")
        status, body = fetch(server, q.text)
        assert status == 200
        rows = [line.split(",") for line in body.splitlines()[1:]]
        expected = run(graph, q.text).rows
        assert [row[:2] for row in rows] == [row[:2] for row in expected] and len(rows) == 2
        assert fetch(server, "DELETE WHERE { ?s ?p ?o }")[0] == 403
        assert fetch(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1].splitlines()[1] == str(len(graph))
    finally:
        stop_server(server, thread)


@pytest.mark.slow
def test_kg_serve_with_updates_keeps_rdflib(ttl):
    server, thread = start_server(ttl, timeout=10, allow_update=True)
    try:
        assert server.pool.kind == "file"
    finally:
        stop_server(server, thread)


def test_an_unknown_engine_is_a_usage_error(ttl):
    from kg.errors import UsageError
    from kg.serve import make_server

    with pytest.raises(UsageError, match="engine must be oxigraph or rdflib"):
        make_server(ttl, "127.0.0.1", 0, engine="jena")
