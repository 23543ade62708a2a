"""The three stores behind one interface: a TriG file (in memory), an Oxigraph directory and
a real Oxigraph server (SPARQL 1.1 Update and Protocol on loopback).

For each store: a build holds the same union as a plain Turtle build, re-ingesting
changes nothing, a changed article replaces its old facts, removing an article
deletes exactly its facts (and re-labels the actors it shared), and every saved
query gives the same rows as on the plain graph.
"""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from conftest import (ARTICLES, QUERY_ARTICLES, build_here, label, person, run_subprocess, start_oxigraph,
                      stop_oxigraph)
from kg.build import build
from kg.errors import StoreError
from kg.rdf import DIP
from kg.sparql import get_saved, list_saved, run
from kg.store import ACTORS_GRAPH, MemoryStore, OxigraphStore, RemoteStore, open_store
from kg.validate import validate

OTIENO, MENSAH, OKELLO = person("amani-otieno"), person("kofi-mensah"), person("joseph-okello")
NAIROBI_ID = "a-b1fbf1c166a5"  # tests/fixtures/articles/meeting_nairobi.txt (a hash of its text)

KAMPALA = ("Title: Otieno visits Kampala\nDate: 2025-03-15\nId: wire-kampala\n\n"
           "Kenyan President Otieno met Ugandan President Joseph Okello in Kampala on Friday.\n")
KAMPALA_CHANGED = ("Title: Otieno visits Kampala\nDate: 2025-03-15\nId: wire-kampala\n\n"
                   "Kenyan President Otieno met Rwandan President Jean Habimana in Kampala on Friday.\n")

PARAMS = {"meetings-of": {"actor": "kaplanoglu"}, "signed-by": {"actor": "Andreadis"},
          "signatories-of": {"document": "agreement"}, "attendees-of": {"event": "summit"},
          "events-between": {"start": "2025-01-01", "end": "2025-12-31"},
          "actors-of-country": {"country": "Greece"}, "meetings-in": {"country": "Türkiye"},
          "roles-of": {"actor": "Andreadis"},
          "evidence-for": {"actor1": "Kaplanoglu", "actor2": "Andreadis"}}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One Oxigraph server for the module; each test gets an empty dataset (see ``target``)."""
    srv = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield srv
    stop_oxigraph(srv)


@pytest.fixture(params=["file", "oxigraph", pytest.param("server", marks=pytest.mark.slow)])
def target(request, tmp_path):
    """Build keywords for one store, and how to open it.  The tests build with them through
    :func:`conftest.build_here`: they are about the stores, not where the parsing runs
    (test_cli_build_and_query_an_oxigraph_directory builds a store through ``kg build``)."""
    if request.param == "file":
        where = {"output": tmp_path / "graph.trig", "append": True}
        opener = {"output": tmp_path / "graph.trig"}
    elif request.param == "oxigraph":
        where, opener = {"store": tmp_path / "db"}, {"store": tmp_path / "db"}
    else:
        srv = request.getfixturevalue("server")
        RemoteStore(srv.query)._update("DROP ALL")  # a clean dataset for this test
        where, opener = {"endpoint": srv.query}, {"endpoint": srv.query}
    return request.param, where, opener


def union(opener: dict) -> Graph:
    with open_store(**opener) as store:
        return store.to_graph()


def size(opener: dict) -> int:
    with open_store(**opener) as store:
        return len(store)


def assert_default_graph_is_the_union(opener: dict) -> None:
    """A SPARQL store's default graph holds every triple of its named graphs, and nothing else."""
    with open_store(**opener) as store:
        if isinstance(store, MemoryStore):
            return
        default = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")[1]
        named = store.select("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")[1]
    assert sorted(default) == sorted(named)


def test_a_store_holds_the_same_graph_as_a_plain_build(target, nlp, query_graph):
    kind, where, opener = target
    plain = query_graph  # build([QUERY_ARTICLES], output=...), once for the session
    _, report = build_here([QUERY_ARTICLES], **where)
    assert report.ok and report.articles == 6
    if kind != "file":  # a store is not counted (a scan of it): the summary gives what was written
        assert f"triples: {report.triples} written -> " in report.summary() and report.triples > 150
    got = union(opener)
    assert set(got) == set(plain) and len(plain) > 150
    assert validate(got)[0]


def test_reingesting_changes_nothing_and_is_skipped(target, nlp):
    kind, where, opener = target
    build_here([QUERY_ARTICLES], **where)
    before = size(opener)
    _, again = build_here([QUERY_ARTICLES], **where)
    assert (again.articles, again.skipped) == (0, 6)
    assert kind == "file" or again.triples == 0
    assert "skipped: 6 unchanged article(s)" in again.summary()
    assert size(opener) == before
    _, forced = build_here([QUERY_ARTICLES], force=True, **where)
    assert forced.articles == 6 and size(opener) == before
    assert_default_graph_is_the_union(opener)
    with open_store(**opener) as store:  # a build looks up only the ids it reads
        everything = store.articles()
        some = sorted(everything)[:2]
        assert len(everything) == 6 and all(h and x for h, x in everything.values())
        assert store.articles([*some, "no-such-article"]) == {i: everything[i] for i in some}


# the file store in the full run only: rdflib parses and runs every saved query on it (1 s)
@pytest.mark.parametrize("target", [pytest.param("file", marks=pytest.mark.slow), "oxigraph",
                                    pytest.param("server", marks=pytest.mark.slow)], indirect=True)
def test_saved_queries_give_the_same_rows_on_every_store(target, nlp, query_graph):
    kind, where, opener = target
    plain = query_graph  # build([QUERY_ARTICLES], output=...), once for the session
    build_here([QUERY_ARTICLES], **where)
    with open_store(**opener) as store:
        for saved in list_saved():
            params = PARAMS.get(saved.name, {})
            expected = run(plain, saved.text, params, saved=saved)
            assert run(store, saved.text, params, saved=saved).rows == expected.rows, saved.name
            assert expected.rows or saved.name == "attendees-of", f"{saved.name} found nothing"
        hostile = run(store, "SELECT ?s WHERE { ?s ?p ?o }", {"o": 'x" } ; DROP ALL ; #'})
        assert hostile.rows == [] and len(store) > 0


def test_a_changed_article_replaces_its_old_facts(target, nlp, tmp_path):
    kind, where, opener = target
    article = tmp_path / "kampala.txt"
    article.write_text(KAMPALA, encoding="utf-8")
    build_here([ARTICLES / "meeting_nairobi.txt", article], **where)
    assert (OTIENO, DIP.metWith, OKELLO) in union(opener)
    article.write_text(KAMPALA_CHANGED, encoding="utf-8")
    _, report = build_here([article], **where)
    assert report.articles == 1 and report.skipped == 0
    got = union(opener)
    habimana = person("jean-habimana")
    assert (OTIENO, DIP.metWith, habimana) in got
    assert (OTIENO, DIP.metWith, OKELLO) not in got and (OKELLO, None, None) not in got
    assert (OTIENO, DIP.metWith, MENSAH) in got  # the other article is untouched
    fresh, _ = build([ARTICLES / "meeting_nairobi.txt", article], output=tmp_path / "fresh.ttl")
    assert set(got) == set(fresh)
    assert_default_graph_is_the_union(opener)


def test_removing_an_article_deletes_its_facts_and_relabels_shared_actors(target, nlp, tmp_path):
    kind, where, opener = target
    article = tmp_path / "kampala.txt"
    article.write_text(KAMPALA, encoding="utf-8")
    build_here([ARTICLES / "meeting_nairobi.txt"], **where)
    build_here([article], **where)  # "Otieno" joins the "Amani Otieno" already in the store
    got = union(opener)
    assert label(got, OTIENO) == "Amani Otieno" and (OTIENO, DIP.metWith, OKELLO) in got
    with open_store(**opener) as store:
        assert store.remove([NAIROBI_ID, "no-such-article"]) == [NAIROBI_ID]
        assert set(store.articles()) == {"wire-kampala"}
    got = union(opener)
    assert (OTIENO, DIP.metWith, MENSAH) not in got and (MENSAH, None, None) not in got
    assert list(got.objects(OTIENO, RDFS.label)) == [Literal("Otieno")]  # its one name left
    assert validate(got)[0]
    assert_default_graph_is_the_union(opener)
    with open_store(**opener) as store:
        assert store.remove(["wire-kampala"]) == ["wire-kampala"]
        assert len(store) == 0  # no article, no actor label left behind
    assert_default_graph_is_the_union(opener)


@pytest.mark.slow  # two worker processes
def test_workers_2_write_the_same_store_as_workers_1(nlp, tmp_path):
    build([QUERY_ARTICLES, ARTICLES], store=tmp_path / "one", workers=1)
    build([QUERY_ARTICLES, ARTICLES], store=tmp_path / "two", workers=2)
    assert set(union({"store": tmp_path / "one"})) == set(union({"store": tmp_path / "two"}))


def test_small_batches_give_the_same_store_as_one_batch(nlp, tmp_path):
    build([QUERY_ARTICLES], store=tmp_path / "one", batch_size=64)
    build([QUERY_ARTICLES], store=tmp_path / "many", batch_size=1)
    assert set(union({"store": tmp_path / "one"})) == set(union({"store": tmp_path / "many"}))


def test_the_actors_graph_holds_one_label_per_actor_event_and_place(nlp, tmp_path):
    build([QUERY_ARTICLES, ARTICLES], store=tmp_path / "db")
    with open_store(store=tmp_path / "db") as store:
        rows = store.select("SELECT ?a (COUNT(?l) AS ?n) WHERE { GRAPH ?g { ?a ?p ?l } "
                            "FILTER(?g = ?actors && ?p = ?label) } GROUP BY ?a",
                            {"actors": ACTORS_GRAPH, "label": RDFS.label})[1]
        shared = store.select("SELECT DISTINCT ?a WHERE { ?a a ?c FILTER (?c IN (?actor, ?event, ?place)) }",
                              {"actor": DIP.Actor, "event": DIP.Event, "place": DIP.Place})[1]
    assert len(rows) == len(shared) > 10 and {n for _a, n in rows} == {"1"}


def test_a_flat_file_cannot_remove_articles(kg, nlp, tmp_path):
    out = tmp_path / "graph.ttl"
    assert kg("build", ARTICLES, "-o", out).code == 0
    res = kg("remove", NAIROBI_ID, "-o", out)
    assert res.code == 2 and "keeps no per-article graphs" in res.err and ".trig" in res.err


def test_a_changed_article_in_a_flat_file_is_reported(nlp, tmp_path):
    article, out = tmp_path / "kampala.txt", tmp_path / "graph.ttl"
    article.write_text(KAMPALA, encoding="utf-8")
    build([article], output=out)
    article.write_text(KAMPALA_CHANGED, encoding="utf-8")
    _, report = build([article], output=out, append=True)
    assert any("wire-kampala changed" in n and "flat file" in n for n in report.notes)


def test_one_id_with_two_contents_in_one_run_is_a_failure(nlp, tmp_path):
    (tmp_path / "a.txt").write_text(KAMPALA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(KAMPALA_CHANGED, encoding="utf-8")
    _, report = build([tmp_path / "a.txt", tmp_path / "b.txt"], store=tmp_path / "db")
    assert report.articles == 1
    assert [str(f) for f in report.failures] == [
        f"{tmp_path / 'b.txt'}: duplicate id 'wire-kampala' with other content (first seen in {tmp_path / 'a.txt'})"]


def test_store_errors_name_the_place_and_the_reason(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a store directory"):
        OxigraphStore(tmp_path / "file")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        OxigraphStore(tmp_path / "other")
    with pytest.raises(StoreError, match="no such store"):
        OxigraphStore(tmp_path / "missing", read_only=True)
    with OxigraphStore(tmp_path / "db"):
        with pytest.raises(StoreError, match="another kg build is writing to it"):
            OxigraphStore(tmp_path / "db")
        with OxigraphStore(tmp_path / "db", read_only=True) as reader:  # readers may open beside a writer
            assert len(reader) == 0
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        RemoteStore("http://127.0.0.1:9/query", timeout=5).articles()


@pytest.mark.slow
def test_a_server_whose_default_graph_does_not_show_the_articles_is_refused(oxigraph_server, tmp_path):
    """kg build fills the default graph itself; named graphs loaded some other way are refused."""
    article = "INSERT DATA { GRAPH <urn:g> { <urn:a> a <https://w3id.org/dipkg/ontology#Article> } }"
    plain = RemoteStore(oxigraph_server.query)
    plain._update(article)
    with pytest.raises(StoreError, match="not loaded by kg build.*--union-default-graph"):
        plain.check_union()
    srv = start_oxigraph(tmp_path / "union-default", union=True)
    try:
        unions = RemoteStore(srv.query)
        unions._update(article)
        unions.check_union()  # its default graph is the union of all graphs: fine
    finally:
        stop_oxigraph(srv)


@pytest.mark.slow
def test_a_server_with_a_union_default_graph_gives_the_same_rows(nlp, tmp_path):
    """``oxigraph serve --union-default-graph`` sees the mirrored triples twice; the rows are the same."""
    plain, _ = build([QUERY_ARTICLES], output=tmp_path / "plain.ttl")
    srv = start_oxigraph(tmp_path / "union-default", union=True)
    try:
        build([QUERY_ARTICLES], endpoint=srv.query)
        store = RemoteStore(srv.query)
        for name in ("meetings-of", "who-met-whom"):
            saved = get_saved(name)
            params = PARAMS.get(name, {})
            assert run(store, saved.text, params, saved=saved).rows == run(plain, saved.text, params, saved=saved).rows
    finally:
        stop_oxigraph(srv)


@pytest.mark.slow
def test_cli_build_query_remove_against_an_oxigraph_server(oxigraph_server, tmp_path):
    """The issue's server test: kg build --endpoint loads, kg query --endpoint reads back."""
    endpoint = oxigraph_server.query
    built = run_subprocess("build", QUERY_ARTICLES, "--endpoint", endpoint)
    assert built.returncode == 0, built.stderr
    assert "read 6 article(s)" in built.stderr
    again = run_subprocess("build", QUERY_ARTICLES, "--endpoint", endpoint)
    assert "skipped: 6 unchanged article(s)" in again.stderr
    asked = run_subprocess("query", "--endpoint", endpoint, "--name", "meetings-of",
                           "--param", "actor=kaplanoglu", "--format", "csv")
    assert asked.returncode == 0, asked.stderr
    assert "Selim Kaplanoğlu,Nikos Andreadis,2025-03-10,Ankara" in asked.stdout
    ankara = [a for a in RemoteStore(endpoint).articles() if a.startswith("a-")]
    graph = RemoteStore(endpoint).article_graph(ankara[0])  # Graph Store Protocol GET
    assert (None, DIP.articleId, Literal(ankara[0])) in graph
    removed = run_subprocess("remove", *ankara, "--endpoint", endpoint)
    assert removed.returncode == 0, removed.stderr
    assert RemoteStore(endpoint).articles().keys().isdisjoint(ankara)


def test_cli_build_and_query_an_oxigraph_directory(kg, tmp_path):
    db = tmp_path / "db"
    assert kg("build", QUERY_ARTICLES, "--store", db).code == 0
    res = kg("query", "--store", db, "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/dipkg/ontology#Article> }",
             "--format", "csv")
    assert res.code == 0 and res.out.splitlines()[1] == "6"
    assert kg("build", QUERY_ARTICLES, "-o", tmp_path / "g.ttl", "--store", db).code == 2
    gone = kg("remove", "nope", "--store", db)
    assert gone.code == 1 and "nope: no such article" in gone.err
    assert "is an Oxigraph store; use --store" in kg("build", QUERY_ARTICLES, "-o", db).err


def test_memory_store_round_trips_named_graphs_through_trig(nlp, tmp_path):
    out = tmp_path / "g.trig"
    build([QUERY_ARTICLES], output=out)
    store = MemoryStore(out, "trig", load=True)
    assert store.keeps_graphs and len(store.articles()) == 6
    first = sorted(store.articles())[0]
    assert store.remove([first]) == [first]
    store.close()  # writes the file
    assert set(MemoryStore(out, "trig", load=True).articles()) == set(store.articles()) and \
        len(store.articles()) == 5


@pytest.mark.slow  # two child processes (another PYTHONHASHSEED each)
def test_trig_of_many_articles_is_the_same_bytes_on_every_run(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}.trig"
        done = run_subprocess("build", QUERY_ARTICLES, "-o", out, "-q", env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"/graph/article/") >= 6


def test_a_long_build_flushes_the_stores_memory_tables_as_it_goes(nlp, tmp_path, monkeypatch):
    """RocksDB keeps written data in memory until it flushes: about 0.7 KB per quad, so a
    build of 100,000 articles grew by gigabytes; the store flushes every FLUSH_QUADS quads."""
    import kg.store.oxigraph as oxi

    flushes = []

    class Spy:
        def __init__(self, store):
            self._store = store

        def flush(self):
            flushes.append(1)
            self._store.flush()

        def __getattr__(self, name):
            return getattr(self._store, name)

    real_init = OxigraphStore.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.store = Spy(self.store)

    monkeypatch.setattr(OxigraphStore, "__init__", init)
    monkeypatch.setattr(oxi, "FLUSH_QUADS", 40)
    _, report = build([ARTICLES], store=tmp_path / "db", batch_size=1)
    assert report.articles == 4
    assert len(flushes) >= 1 + report.triples // 80  # after each ~40 quads written, and on closing
    with OxigraphStore(tmp_path / "db", read_only=True) as store:
        assert len(store.articles()) == 4


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_labels_kept_from_the_actors_graph_equal_labels_from_every_name(kind, tmp_path):
    """Adding articles reads an actor's label, not all its names; removing and replacing
    reads all its names.  Either way the label is the best name over every graph."""
    from conftest import hand_extraction
    from kg.model import Actor
    from kg.rdf import extraction_to_graph
    from kg.store.base import best_name

    spellings = ["Lindqvist", "Anna Lindqvist", "Anna M. Lindqvist", "A. Lindqvist", "Anna Maria Lindqvist"]

    def article(i: int, name: str):
        actors = {"anna lindqvist": Actor("anna lindqvist", name, "person"),
                  "sweden": Actor("sweden", "Sweden", "country")}
        ex = hand_extraction(f"a{i}", [("met_with", "anna lindqvist", "sweden", f"{name} met Swedish officials.")],
                             actors)
        return (f"a{i}", f"h{i}", "x", extraction_to_graph(ex))

    store = MemoryStore(None, "trig") if kind == "memory" else OxigraphStore(tmp_path / "db")
    anna = person("anna-lindqvist")

    def check():
        everything = store._names({anna}, set()).get(anna, set())
        assert store._current_labels({anna}).get(anna) == best_name(everything)

    for i, name in enumerate(spellings):
        store.put([article(i, name)])
        check()
    assert store._current_labels({anna})[anna] == "Anna Maria Lindqvist"
    store.remove(["a4"])  # the longest name goes: the label falls back to the next best
    check()
    assert store._current_labels({anna})[anna] == "Anna M. Lindqvist"
    store.put([article(2, "Anna Lindqvist")])  # replaced: its longer spelling goes too
    check()
    assert store._current_labels({anna})[anna] == "Anna Lindqvist"


def test_a_reader_tries_again_while_a_writer_compacts_away_the_file_it_was_opening(tmp_path, monkeypatch):
    """RocksDB reports a table file that a writer's compaction removed, between a read-only
    opener's reading the file list and opening the file, as corruption: the opener tries again
    (this once stopped `kg serve --store` from starting beside a running build)."""
    import pyoxigraph as ox

    db = tmp_path / "busy.db"
    OxigraphStore(db).close()
    real, calls = ox.Store.read_only, []

    def flaky(location):
        calls.append(location)
        if len(calls) < 3:
            raise RuntimeError("Corruption: IO error: No such file or directory: While open a file for "
                               f"random read: {location}/000056.sst")
        return real(location)

    monkeypatch.setattr(ox.Store, "read_only", flaky)
    reader = OxigraphStore(db, read_only=True)
    assert len(calls) == 3
    reader.close()


def test_a_reader_reports_a_store_that_stays_broken_by_name(tmp_path, monkeypatch):
    import pyoxigraph as ox

    db = tmp_path / "broken.db"
    OxigraphStore(db).close()

    def broken(location):
        raise RuntimeError(f"Corruption: bad block in {location}/000007.sst")

    monkeypatch.setattr(ox.Store, "read_only", broken)
    with pytest.raises(StoreError, match=r"broken\.db: cannot open the store \(Corruption: bad block"):
        OxigraphStore(db, read_only=True)
