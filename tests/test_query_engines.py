"""``kg query FILE`` on its two engines: a graph file in an in-memory Oxigraph store
(:mod:`kg.oxload`, the default) and the same file in rdflib (``--engine rdflib``).

Every saved query must give the same rows on both, on the demo articles
(``examples/articles``, Turtle) and on ``tests/fixtures/query_articles`` as TriG
(named graphs per article: both engines query their union, with one label per
actor).  The guards of a query hold on the Oxigraph engine too: parameters are
terms, updates and ``SERVICE`` are refused, ``FROM`` fetches nothing, and the
time limit stops a query.
"""
from __future__ import annotations

import functools

import pytest
from conftest import QUERY_ARTICLES

from kg.errors import OutputError, QueryTimeout, UsageError
from kg.graphio import load_graph, write_graph
from kg.oxload import FileStore, oxigraph_format
from kg.sparql import get_saved, list_saved, run

# parameters for every saved query, on the demo articles and on the query fixtures
DEMO_PARAMS = {
    "actors-of-country": {"country": "Kenya"}, "attendees-of": {"event": "summit"},
    "events-between": {"start": "2025-01-01", "end": "2025-12-31"},
    "evidence-for": {"actor1": "Seitkaliyev", "actor2": "Kaplanoğlu"}, "meetings-in": {"country": "Kenya"},
    "meetings-of": {"actor": "Seitkaliyev"}, "roles-of": {"actor": "Seitkaliyev"},
    "signatories-of": {"document": "agreement"}, "signed-by": {"actor": "Nazarov"}, "who-met-whom": {},
}
FIXTURE_PARAMS = {
    "actors-of-country": {"country": "Greece"}, "attendees-of": {"event": "summit"},
    "events-between": {"start": "2025-03-01", "end": "2025-06-30"},
    "evidence-for": {"actor1": "kaplanoglu", "actor2": "Andreadis"}, "meetings-in": {"country": "Turkey"},
    "meetings-of": {"actor": "kaplanoglu"}, "roles-of": {"actor": "Andreadis"},
    "signatories-of": {"document": "border"}, "signed-by": {"actor": "Petrova"}, "who-met-whom": {},
}
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def fixture_trig(nlp, tmp_path_factory):
    """The query fixtures built as TriG: one named graph per article."""
    from kg.build import build

    out = tmp_path_factory.mktemp("trig") / "graph.trig"
    _graph, report = build([QUERY_ARTICLES], output=out)
    assert report.ok and report.articles == 6
    assert out.read_text(encoding="utf-8").count("{") >= 6  # a graph per article
    return out


def both(path, name: str, params: dict):
    q = get_saved(name)
    store = FileStore(path)
    try:
        ox = run(store, q.text, params, saved=q)
    finally:
        store.close()
    return run(rdflib_graph(path), q.text, params, saved=q), ox


@functools.cache
def rdflib_graph(path):
    """``load_graph(path)``, parsed once a file: the queries here only read it, and rdflib
    took ~0.1 s to parse the demo graph for each of the twenty comparisons."""
    return load_graph(path)


def test_the_params_cover_every_saved_query():
    assert sorted(DEMO_PARAMS) == sorted(FIXTURE_PARAMS) == sorted(q.name for q in list_saved())


@pytest.mark.parametrize("name", sorted(DEMO_PARAMS))
def test_engines_agree_on_the_demo_graph(examples_build, name):
    path, _run = examples_build
    rdflib_rows, ox_rows = both(path, name, DEMO_PARAMS[name])
    assert ox_rows.columns == rdflib_rows.columns
    assert ox_rows.rows == rdflib_rows.rows
    assert rdflib_rows.rows, f"{name}: pick parameters that give rows"


@pytest.mark.parametrize("name", sorted(FIXTURE_PARAMS))
def test_engines_agree_on_named_graphs(fixture_trig, name):
    rdflib_rows, ox_rows = both(fixture_trig, name, FIXTURE_PARAMS[name])
    assert ox_rows.rows == rdflib_rows.rows and rdflib_rows.rows


def test_trig_is_read_as_the_union_with_one_label_per_actor(fixture_trig):
    store = FileStore(fixture_trig)
    assert len(store) == len(load_graph(fixture_trig))
    labels = run(store, "SELECT ?l WHERE { ?a a <https://w3id.org/dipkg/ontology#Person> ; "
                        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }").rows
    assert ["Selim Kaplanoğlu"] in labels and ["Selim Kaplanoglu"] not in labels
    assert run(store, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1").rows == []  # as in rdflib


def test_who_met_whom_on_oxigraph(query_graph_file):
    rows = both(query_graph_file, "who-met-whom", {})[1].rows
    assert rows == [
        ["Nikos Andreadis", "Selim Kaplanoğlu", "2025-03-10", "2025-04-15", "Ankara, Athens", "2", "2"],
        ["Elena Petrova", "Nikos Andreadis", "2025-05-07", "2025-05-07", "Sofia", "1", "1"],
    ]


def test_guards_on_the_oxigraph_engine(query_graph_file):
    store = FileStore(query_graph_file)
    q = get_saved("meetings-of")
    assert run(store, q.text, {"actor": 'x" } ; DROP ALL ; #'}, saved=q).rows == []
    assert run(store, "SELECT ?s WHERE { ?s ?p ?o }", {"o": 'x" } ; DROP ALL ; #'}).rows == []
    with pytest.raises(UsageError, match="bad SPARQL query"):
        run(store, "DROP ALL")
    with pytest.raises(UsageError, match="bad SPARQL query"):
        run(store, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(UsageError, match="SERVICE is refused"):
        run(store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryTimeout, match=r"query stopped after 0\.2 s"):
        run(store, SLOW, timeout=0.2)
    assert run(store, q.text, {"actor": "kaplanoglu"}, saved=q, timeout=60).rows == \
        run(store, q.text, {"actor": "kaplanoglu"}, saved=q).rows
    assert run(store, "ASK { <urn:a> <urn:b> <urn:c> }").rows == [["false"]]  # the refused insert left nothing


def test_from_loads_nothing(query_graph_file, counting_endpoint):
    """Oxigraph reads FROM as a graph of the store (none here: no rows); rdflib ignores it on one graph."""
    url, hits = counting_endpoint
    text = f"SELECT (COUNT(*) AS ?n) FROM <{url}> FROM NAMED <{url}> WHERE {{ ?s ?p ?o }}"
    assert run(FileStore(query_graph_file), text).rows == [["0"]]
    assert run(load_graph(query_graph_file), text).rows != [["0"]]
    assert hits == []


def test_formats_oxigraph_reads_and_the_rest():
    assert oxigraph_format("g.ttl") == "TURTLE" and oxigraph_format("g.nq") == "N_QUADS"
    assert oxigraph_format("g.rdf") == "RDF_XML" and oxigraph_format("g.json") is None


def test_unreadable_files_are_output_errors(tmp_path):
    with pytest.raises(OutputError, match="no such file"):
        FileStore(tmp_path / "missing.nt")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .", encoding="utf-8")
    with pytest.raises(OutputError, match="bad.ttl: not a readable RDF graph"):
        FileStore(bad)
    with pytest.raises(OutputError, match="is a directory"):
        FileStore(tmp_path)


def test_cli_engines_print_the_same_table(capsys, query_graph_file, tmp_path):
    from kg.cli import main

    tables = {}
    for engine in ("oxigraph", "rdflib"):
        assert main(["query", str(query_graph_file), "--name", "who-met-whom", "--engine", engine]) == 0
        tables[engine] = capsys.readouterr().out
    assert tables["oxigraph"] == tables["rdflib"] and "Selim Kaplanoğlu" in tables["rdflib"]
    jsonld = tmp_path / "graph.jsonld"  # JSON-LD: rdflib reads it whatever the engine
    write_graph(load_graph(query_graph_file), jsonld)
    assert main(["query", str(jsonld), "--name", "who-met-whom"]) == 0
    assert capsys.readouterr().out == tables["rdflib"]
    with pytest.raises(SystemExit) as exit_:
        main(["query", str(query_graph_file), "ASK {}", "--engine", "jena"])
    assert exit_.value.code == 2
