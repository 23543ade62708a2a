"""Saved queries, parameter binding, formats, timeouts and ``kg query``.

The graph is built once from ``tests/fixtures/query_articles`` (fictional
people, written for these tests): two Kaplanoğlu/Andreadis meetings (one
article spells the name without diacritics), a signing in Sofia, a summit in
Valletta, a phone call and a planned meeting.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from kg.errors import KGError, QueryTimeout, UsageError
from kg.sparql import (QueryResult, format_result, get_saved, list_saved, parse_saved,
                      run, saved_query)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "query_articles"

ANKARA = "Turkish Foreign Minister Selim Kaplanoğlu met Greek Foreign Minister Nikos Andreadis in Ankara on Monday."
ATHENS = "Turkish Foreign Minister Selim Kaplanoglu met Greek Foreign Minister Nikos Andreadis in Athens on Tuesday."
CALL = ("Turkish Foreign Minister Selim Kaplanoğlu spoke by phone with Maltese Prime Minister "
        "Daniel Camilleri on Thursday.")
H_ANKARA = "Turkish and Greek foreign ministers hold talks in Ankara"
H_ATHENS = "Greek and Turkish ministers meet again in Athens"
H_SOFIA = "Bulgaria and Greece sign border cooperation agreement"
H_CALL = "Turkish minister speaks with Maltese prime minister by phone"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
HOSTILE = 'x" } ; DROP ALL ; #'


@pytest.fixture
def graph_file(query_graph_file) -> Path:
    """The graph of FIXTURES, built once for the session (conftest.py); read-only."""
    return query_graph_file


@pytest.fixture
def graph(query_graph):
    """:func:`graph_file` read back, once for the session; read-only."""
    return query_graph


def saved(graph, name: str, **params: str) -> QueryResult:
    q = get_saved(name)
    return run(graph, q.text, params, saved=q)


# ------------------------------------------------------------------ saved queries

def test_every_saved_query_has_a_header():
    queries = {q.name: q for q in list_saved()}
    assert set(queries) >= {"who-met-whom", "meetings-of", "signed-by", "signatories-of", "attendees-of",
                            "events-between", "actors-of-country", "evidence-for"}
    for q in queries.values():
        assert q.description and q.path.stem == q.name
        for p in q.params:
            assert f"?{p.name}" in q.text and p.meaning
    assert [(p.name, p.kind) for p in queries["events-between"].params] == [("start", "date"), ("end", "date")]
    assert [(p.name, p.kind) for p in queries["meetings-of"].params] == [("actor", "actor")]
    assert queries["who-met-whom"].params == ()


def test_who_met_whom(graph):
    r = saved(graph, "who-met-whom")
    assert r.columns == ["a", "b", "first", "last", "where", "meetings", "articles"]
    assert r.rows == [
        ["Nikos Andreadis", "Selim Kaplanoğlu", "2025-03-10", "2025-04-15", "Ankara, Athens", "2", "2"],
        ["Elena Petrova", "Nikos Andreadis", "2025-05-07", "2025-05-07", "Sofia", "1", "1"],
    ]  # the planned Kostaras-Petrova meeting is not there


def test_meetings_of(graph):
    r = saved(graph, "meetings-of", actor="Selim Kaplanoğlu")
    assert r.columns == ["actorName", "met", "date", "place", "sources", "sentences", "evidence", "articles"]
    assert r.rows == [
        ["Selim Kaplanoğlu", "Nikos Andreadis", "2025-03-10", "Ankara", "1", "1", ANKARA, H_ANKARA],
        ["Selim Kaplanoğlu", "Nikos Andreadis", "2025-04-15", "Athens", "1", "1", ATHENS, H_ATHENS],
    ]


def test_meetings_in_a_country_go_through_the_place(graph):
    r = saved(graph, "meetings-in", country="Türkiye")
    assert r.columns == ["date", "place", "countryName", "participants", "sources"]
    assert r.rows == [["2025-03-10", "Ankara", "Turkey", "Nikos Andreadis, Selim Kaplanoğlu", "1"]]
    assert [row[1] for row in saved(graph, "meetings-in", country="Greece").rows] == ["Athens"]
    assert saved(graph, "meetings-in", country="Malta").rows == []  # a summit there, no meeting


@pytest.mark.parametrize("spelling", ["kaplanoglu", "KAPLANOĞLU", "selim kaplanoglu", "Kaplanoğlu"])
def test_actor_param_ignores_case_and_diacritics(graph, spelling):
    assert saved(graph, "meetings-of", actor=spelling).rows == \
        saved(graph, "meetings-of", actor="Selim Kaplanoğlu").rows


def test_planned_meetings_are_not_meetings(graph):
    assert saved(graph, "meetings-of", actor="Kostaras").rows == []
    assert [row[1] for row in saved(graph, "meetings-of", actor="petrova").rows] == ["Nikos Andreadis"]


def test_signed_by(graph):
    r = saved(graph, "signed-by", actor="andreadis")
    assert r.columns == ["actorName", "document", "date", "place", "cosignatories", "article"]
    assert r.rows == [["Nikos Andreadis", "border cooperation agreement", "2025-05-07", "Sofia",
                       "Elena Petrova", H_SOFIA]]
    assert saved(graph, "signed-by", actor="Kaplanoglu").rows == []


def test_signatories_of(graph):
    r = saved(graph, "signatories-of", document="Border Cooperation")
    assert r.columns == ["documentName", "signatory", "role", "country", "date", "place"]
    assert r.rows == [
        ["border cooperation agreement", "Elena Petrova", "Bulgarian Foreign Minister", "Bulgaria",
         "2025-05-07", "Sofia"],
        ["border cooperation agreement", "Nikos Andreadis", "Greek Foreign Minister", "Greece",
         "2025-05-07", "Sofia"],
    ]
    assert saved(graph, "signatories-of", document="trade treaty").rows == []


def test_attendees_of(graph):
    r = saved(graph, "attendees-of", event="mediterranean summit")
    assert r.columns == ["eventName", "attendee", "role", "date", "place", "status"]
    assert r.rows == [
        ["Mediterranean Summit", "Daniel Camilleri", "Maltese Prime Minister", "2025-06-13", "", "Happened"],
        ["Mediterranean Summit", "Elena Petrova", "Bulgarian Foreign Minister", "2025-06-13", "", "Happened"],
    ]


def test_events_between(graph):
    r = saved(graph, "events-between", start="2025-03-01", end="2025-05-31")
    assert r.columns == ["date", "type", "event", "participants", "place", "article"]
    pair = "Nikos Andreadis, Selim Kaplanoğlu"
    sofia = "Elena Petrova, Nikos Andreadis"
    assert r.rows == [
        ["2025-03-10", "Meeting", f"Meeting of {pair}", pair, "Ankara", H_ANKARA],
        ["2025-04-15", "Meeting", "Meeting of Nikos Andreadis, Selim Kaplanoglu", pair, "Athens", H_ATHENS],
        ["2025-05-07", "Meeting", f"Meeting of {sofia}", sofia, "Sofia", H_SOFIA],
        ["2025-05-07", "Signing", f"Signing of border cooperation agreement by {sofia}", sofia, "Sofia",
         H_SOFIA],
    ]
    later = saved(graph, "events-between", start="2025-06-01", end="2025-12-31")
    assert [row[:3] for row in later.rows] == [
        ["2025-06-13", "Summit", "Mediterranean Summit"],
        ["2025-06-19", "PhoneCall", "Phone call between Daniel Camilleri, Selim Kaplanoğlu"],
    ]  # the planned meeting has no date and is not a fact


def test_events_between_rejects_a_bad_date(graph):
    with pytest.raises(UsageError, match="not a date"):
        saved(graph, "events-between", start="last week", end="2025-12-31")
    with pytest.raises(UsageError, match="not a date"):
        saved(graph, "events-between", start="2025-02-30", end="2025-12-31")


def test_actors_of_country(graph):
    r = saved(graph, "actors-of-country", country="greece")
    assert r.columns == ["countryName", "person", "role"]
    assert r.rows == [["Greece", "Dimitris Kostaras", "Greek Prime Minister"],
                      ["Greece", "Nikos Andreadis", "Greek Foreign Minister"]]
    assert saved(graph, "actors-of-country", country="Türkiye").rows == \
        [["Turkey", "Selim Kaplanoğlu", "Turkish Foreign Minister"]]


def test_evidence_for(graph):
    r = saved(graph, "evidence-for", actor1="kaplanoglu", actor2="Andreadis")
    assert r.columns == ["first", "second", "link", "date", "evidence", "article", "published"]
    assert r.rows == [
        ["Selim Kaplanoğlu", "Nikos Andreadis", "met", "2025-03-10", ANKARA, H_ANKARA, "2025-03-11"],
        ["Selim Kaplanoğlu", "Nikos Andreadis", "met", "2025-04-15", ATHENS, H_ATHENS, "2025-04-16"],
    ]
    call = saved(graph, "evidence-for", actor1="Camilleri", actor2="Kaplanoğlu")
    assert call.rows == [["Daniel Camilleri", "Selim Kaplanoğlu", "called", "2025-06-19", CALL, H_CALL,
                          "2025-06-20"]]
    assert saved(graph, "evidence-for", actor1="Kostaras", actor2="Petrova").rows == []  # only planned


# ------------------------------------------- articles without title, date or URL

# Read from standard input: no headline, no publication date, no URL. The dates
# and places the facts get come from the sentences themselves.
UNTITLED = ("Moroccan Foreign Minister Youssef Benali met Senegalese Foreign Minister Aminata Diouf "
            "in Rabat on 12 March 2025. The two ministers signed a memorandum of understanding on "
            "fisheries cooperation. Benali and Diouf later attended the opening session of the "
            "Atlantic Ports Forum.\n\nOn the same day Benali spoke by phone with Gambian Foreign "
            "Minister Lamin Jobe.\n")
# Every saved query, with its parameters and a value its rows must show.
UNTITLED_CASES = {
    "actors-of-country": ({"country": "Morocco"}, "Youssef Benali"),
    "attendees-of": ({"event": "atlantic ports forum"}, "Aminata Diouf"),
    "events-between": ({"start": "2025-03-01", "end": "2025-03-31"}, "Meeting of Aminata Diouf, Youssef Benali"),
    "evidence-for": ({"actor1": "Benali", "actor2": "Diouf"}, "Aminata Diouf"),
    "meetings-in": ({"country": "Morocco"}, "Rabat"),
    "meetings-of": ({"actor": "Benali"}, "Aminata Diouf"),
    "roles-of": ({"actor": "Benali"}, "Moroccan Foreign Minister"),
    "signatories-of": ({"document": "fisheries"}, "Aminata Diouf"),
    "signed-by": ({"actor": "Diouf"}, "Youssef Benali"),
    "who-met-whom": ({}, "Youssef Benali"),
}


@pytest.fixture(scope="module", params=["file", "oxigraph"])
def untitled(request, nlp, tmp_path_factory):
    """The untitled article as a file graph and as an Oxigraph store; its article id."""
    from kg.build import build
    from kg.ingest import article_id
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("untitled")
    stdin = io.BytesIO(UNTITLED.encode("utf-8"))
    if request.param == "file":
        graph, report = build(["-"], output=folder / "g.ttl", stdin=stdin)
        assert report.ok and report.articles == 1
        yield graph, article_id(UNTITLED)
        return
    _graph, report = build(["-"], store=folder / "db", stdin=stdin)
    assert report.ok and report.articles == 1
    with open_store(store=folder / "db", read_only=True) as store:
        yield store, article_id(UNTITLED)


def test_the_cases_cover_every_saved_query():
    assert sorted(UNTITLED_CASES) == sorted(q.name for q in list_saved())


@pytest.mark.parametrize("name", sorted(UNTITLED_CASES))
def test_saved_queries_keep_articles_without_title_date_or_url(untitled, name):
    source, aid = untitled
    params, shown = UNTITLED_CASES[name]
    r = saved(source, name, **params)
    assert r.rows, f"{name} lost the article that has no headline, date or URL"
    assert any(shown in row for row in r.rows), r.rows
    named = {"article"} | ({"articles"} if name == "meetings-of" else set())  # (who-met-whom counts them)
    for column in named & set(r.columns):  # no headline: the article is named by its id
        assert {row[column] for row in r.records()} == {aid}
    for row in r.records():  # no empty item in a joined list
        for value in row.values():
            assert not value.startswith(", ") and not value.endswith(", ") and ", , " not in value


def test_places_of_a_pair_have_no_stray_comma(graph):
    """A pair met twice, once with no place: the places list only the known ones."""
    from rdflib import Graph, Literal

    from kg.rdf import DIP

    g = Graph()
    for t in graph:
        g.add(t)
    from rdflib.namespace import RDFS

    ankara = [e for e, place in g.subject_objects(DIP.place) if (place, RDFS.label, Literal("Ankara")) in g]
    assert ankara
    for e in ankara:
        g.remove((e, DIP.place, None))
    rows = {(r["a"], r["b"]): r["where"] for r in saved(g, "who-met-whom").records()}
    assert rows[("Nikos Andreadis", "Selim Kaplanoğlu")] == "Athens"


# ------------------------------------------------------------- binding is safe

@pytest.mark.parametrize("name,param", [("meetings-of", "actor"), ("signed-by", "actor"),
                                        ("signatories-of", "document"), ("attendees-of", "event"),
                                        ("actors-of-country", "country")])
@pytest.mark.parametrize("value", [HOSTILE, "Nobody Atall", "", "} UNION { ?s ?p ?o }"])
def test_unmatched_and_hostile_values_give_zero_rows(graph, name, param, value):
    before = len(graph)
    r = saved(graph, name, **{param: value})
    assert r.rows == [] and r.columns  # columns still known
    assert len(graph) == before


def test_string_params_are_literals_not_text(graph):
    text = "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    assert run(graph, text, {"name": "Nikos Andreadis"}).rows == \
        [["https://w3id.org/dipkg/id/person/nikos-andreadis"]]
    assert run(graph, text, {"name": HOSTILE}).rows == []


def test_missing_and_unknown_params(graph):
    q = get_saved("meetings-of")
    with pytest.raises(UsageError, match="missing parameter.*actor"):
        run(graph, q.text, {}, saved=q)
    with pytest.raises(UsageError, match="unknown parameter.*who"):
        run(graph, q.text, {"actor": "x", "who": "y"}, saved=q)


def test_unknown_saved_query():
    with pytest.raises(UsageError, match="no saved query 'nope'.*who-met-whom"):
        get_saved("nope")
    with pytest.raises(UsageError):
        get_saved("../pyproject")


def test_saved_query_text_still_works_for_demo(graph):
    from kg.sparql import select

    columns, rows = select(graph, saved_query("who-met-whom"))
    assert columns[:2] == ["a", "b"] and len(rows) == 2


def test_header_parsing_rejects_a_bad_param_kind():
    with pytest.raises(UsageError, match="bad '# param:' line"):
        parse_saved("# name: x\n# param: who (person) - someone\nSELECT * {}")


# ----------------------------------------------------------- errors and timeout

def test_syntax_error_is_a_usage_error_with_the_parser_message(graph):
    with pytest.raises(UsageError, match=r"bad SPARQL query: .*(Expected|line|col)") as info:
        run(graph, "SELECT ?x WHERE { ?x ?y }")
    assert info.value.exit_code == 2


def test_update_is_not_a_query(graph):
    with pytest.raises(UsageError, match="bad SPARQL query"):
        run(graph, "DROP ALL")


def test_timeout_stops_a_slow_query(graph):
    with pytest.raises(QueryTimeout, match=r"query stopped after 0\.2 s \(time limit; raise it with timeout=\)"):
        run(graph, SLOW, timeout=0.2)  # SLOW would take hours: any short limit stops it
    assert issubclass(QueryTimeout, KGError)


def test_timeout_path_gives_the_same_rows(graph):
    q = get_saved("meetings-of")
    assert run(graph, q.text, {"actor": "kaplanoglu"}, saved=q, timeout=60).rows == \
        run(graph, q.text, {"actor": "kaplanoglu"}, saved=q).rows


def test_timeout_path_reports_syntax_errors_before_starting(graph):
    with pytest.raises(UsageError, match="bad SPARQL query"):
        run(graph, "SELECT WHERE", timeout=30)
    with pytest.raises(UsageError, match="above zero"):
        run(graph, "ASK {}", timeout=0)


def test_ask_and_construct(graph):
    assert run(graph, "ASK { ?s ?p ?o }").rows == [["true"]]
    r = run(graph, "CONSTRUCT { ?s <urn:x> 1 } WHERE { ?s a <https://w3id.org/dipkg/ontology#Country> }")
    assert r.columns == ["subject", "predicate", "object"] and len(r.rows) == 4


# ---------------------------------------------------------------------- formats

def test_formats():
    r = QueryResult(["a", "b"], [["1", "x, \"y\""], ["Kaplanoğlu", ""]])
    assert format_result(r, "table").splitlines() == [
        "a           b", "----------  ------", '1           x, "y"', "Kaplanoğlu", "(2 rows)"]
    assert list(csv.reader(io.StringIO(format_result(r, "csv")))) == [["a", "b"], *r.rows]
    assert list(csv.reader(io.StringIO(format_result(r, "tsv")), delimiter="\t")) == [["a", "b"], *r.rows]
    assert json.loads(format_result(r, "json")) == [{"a": "1", "b": 'x, "y"'}, {"a": "Kaplanoğlu", "b": ""}]
    with pytest.raises(UsageError, match="unknown format"):
        format_result(r, "xml")


def test_to_dataframe(graph):
    pytest.importorskip("pandas")
    df = saved(graph, "who-met-whom").to_dataframe()
    assert list(df.columns) == ["a", "b", "first", "last", "where", "meetings", "articles"]
    assert df.iloc[0]["where"] == "Ankara, Athens"


# ------------------------------------------------------------------ kg query

def kg_query(capsys, *argv: str) -> tuple[int, str, str]:
    """Parse ``kg query ARGV`` with the command's own parser and run it as ``kg.cli.main`` does."""
    from kg.commands.query import add_parser

    parser = argparse.ArgumentParser(prog="kg")
    add_parser(parser.add_subparsers(dest="command", required=True))
    capsys.readouterr()
    try:
        args = parser.parse_args(["query", *map(str, argv)])
        try:
            code = args.func(args)
        except KGError as exc:
            from kg.commands import worded

            print(f"kg: error: {worded(exc)}", file=__import__("sys").stderr)
            code = exc.exit_code
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_list(capsys):
    code, out, _ = kg_query(capsys, "--list")
    assert code == 0
    for q in list_saved():
        assert q.name in out and q.description in out
    assert "--param actor=...  (actor)" in out
    assert "--param start=...  (date)" in out


def test_cli_needs_a_graph(capsys):
    code, _, err = kg_query(capsys, "--name", "who-met-whom")
    assert code == 2 and "give a GRAPH" in err


def test_cli_needs_exactly_one_query(capsys, graph_file):
    code, _, err = kg_query(capsys, graph_file)
    assert code == 2 and "exactly one query" in err
    code, _, err = kg_query(capsys, graph_file, "ASK {}", "--name", "who-met-whom")
    assert code == 2


def test_cli_saved_query_formats(capsys, graph_file):
    args = [graph_file, "--name", "meetings-of", "--param", "actor=kaplanoglu"]
    code, out, _ = kg_query(capsys, *args)
    assert code == 0
    assert out.splitlines()[0].split() == ["actorName", "met", "date", "place", "sources", "sentences", "evidence",
                                           "articles"]
    assert "Athens" in out and out.endswith("(2 rows)\n")
    code, out, _ = kg_query(capsys, *args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][0] == "actorName" and rows[1][:4] == [
        "Selim Kaplanoğlu", "Nikos Andreadis", "2025-03-10", "Ankara"]
    code, out, _ = kg_query(capsys, *args, "--format", "tsv")
    assert code == 0 and list(csv.reader(io.StringIO(out), delimiter="\t"))[2][6] == ATHENS
    code, out, _ = kg_query(capsys, *args, "--format", "json")
    assert code == 0 and [r["place"] for r in json.loads(out)] == ["Ankara", "Athens"]


def test_cli_inline_sparql_and_file(capsys, graph_file, tmp_path):
    text = "SELECT ?name WHERE { ?p a <https://w3id.org/dipkg/ontology#Country> ; " \
           "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
    code, out, _ = kg_query(capsys, graph_file, text, "--format", "csv")
    assert code == 0 and out.split() == ["name", "Bulgaria", "Greece", "Malta", "Turkey"]
    qfile = tmp_path / "people.rq"
    qfile.write_text("# name: people\n# description: people of a country\n"
                     "# param: country (actor) - the country\n"
                     "SELECT ?p WHERE { ?p <https://w3id.org/dipkg/ontology#country> ?country } ORDER BY ?p\n",
                     encoding="utf-8")
    code, out, _ = kg_query(capsys, graph_file, "--file", qfile, "--param", "country=Malta", "--format", "tsv")
    assert code == 0 and out.split() == ["p", "https://w3id.org/dipkg/id/person/daniel-camilleri"]


STATUS_QUERY = ("SELECT ?event ?status ?evidence WHERE { ?event <https://schema.org/eventStatus> ?status ; "
                "<https://w3id.org/dipkg/ontology#evidence>/<https://w3id.org/dipkg/ontology#evidenceText> "
                "?evidence } ORDER BY ?event ?evidence")


@pytest.mark.parametrize("where", ["file", "store"])
def test_cli_table_shows_prefixed_names_and_whole_values(capsys, graph_file, tmp_path, where):
    source = [graph_file]
    if where == "store":
        from kg.build import build

        build([FIXTURES], store=tmp_path / "db")
        source = ["--store", tmp_path / "db"]
    code, out, _ = kg_query(capsys, *source, STATUS_QUERY)
    assert code == 0
    lines = out.splitlines()
    statuses = {line.split()[1] for line in lines[2:-1]}
    assert statuses == {"dip:Happened", "schema:EventScheduled"}
    assert all(line.startswith("id:event/") for line in lines[2:-1])
    assert any(line.rstrip().endswith(ANKARA) for line in lines)  # 105 characters, not cut
    assert "…" not in out and "https://" not in out
    code, cut, _ = kg_query(capsys, *source, STATUS_QUERY, "--max-width", "20")
    assert code == 0 and "…" in cut and max(len(c) for line in cut.splitlines()[2:-1]
                                            for c in line.split("  ") if c) <= 20
    code, raw, _ = kg_query(capsys, *source, STATUS_QUERY, "--format", "csv")
    assert {row[1] for row in csv.reader(io.StringIO(raw))} == {
        "status", "https://w3id.org/dipkg/ontology#Happened", "https://schema.org/EventScheduled"}


def test_table_escapes_control_characters_and_leaves_look_alike_literals_alone():
    from kg.sparql import IRI

    r = QueryResult(["v"], [["a\x1b[2Jb\nc\u202e"], ["https://w3id.org/dipkg/ontology#Happened"],
                            [IRI("https://w3id.org/dipkg/ontology#Happened")]])
    lines = format_result(r, "table").splitlines()
    assert lines[2:5] == ["a\\x1b[2Jb\\nc\\u202e", "https://w3id.org/dipkg/ontology#Happened", "dip:Happened"]
    assert json.loads(format_result(r, "json"))[2] == {"v": "https://w3id.org/dipkg/ontology#Happened"}
    with pytest.raises(UsageError):
        format_result(r, "table", max_width=0)


def test_cli_max_width_must_be_positive(capsys, graph_file):
    code, _, err = kg_query(capsys, graph_file, STATUS_QUERY, "--max-width", "0")
    assert code == 2 and "--max-width" in err


def test_cli_hostile_param_is_zero_rows(capsys, graph_file):
    code, out, err = kg_query(capsys, graph_file, "--name", "meetings-of", "--param", f"actor={HOSTILE}",
                              "--format", "json")
    assert (code, json.loads(out), err) == (0, [], "")


def test_cli_bad_sparql_exits_2(capsys, graph_file):
    code, _, err = kg_query(capsys, graph_file, "SELECT ?x WHERE { ?x ?y }")
    assert code == 2 and err.startswith("kg: error: bad SPARQL query:")


def test_cli_bad_date_exits_2(capsys, graph_file):
    code, _, err = kg_query(capsys, graph_file, "--name", "events-between", "--param", "start=yesterday",
                            "--param", "end=2025-12-31")
    assert code == 2 and "not a date" in err


def test_cli_timeout(capsys, graph_file):
    code, _, err = kg_query(capsys, graph_file, SLOW, "--timeout", "0.2")
    assert code == 1
    assert err.strip() == "kg: error: query stopped after 0.2 s (time limit; raise it with --timeout)"


def test_cli_bad_options_exit_2(capsys, graph_file):
    assert kg_query(capsys, graph_file, "ASK {}", "--timeout", "soon")[0] == 2
    assert kg_query(capsys, graph_file, "ASK {}", "--param", "novalue")[0] == 2
    assert kg_query(capsys, graph_file, "ASK {}", "--format", "xml")[0] == 2


def test_the_python_api_query_works_again_and_again(tmp_path):
    """kg.query is a function for notebooks; importing the SPARQL module must not shadow it."""
    from rdflib import Graph

    import kg
    import kg.sparql  # noqa: F401  (the module behind it)

    g = Graph().parse(data='<urn:a> <https://w3id.org/dipkg/ontology#metWith> <urn:b> .', format="nt")
    first = kg.query(g, "SELECT ?a ?b WHERE { ?a <https://w3id.org/dipkg/ontology#metWith> ?b }")
    second = kg.query(g, "SELECT ?a ?b WHERE { ?a <https://w3id.org/dipkg/ontology#metWith> ?b }")
    assert first.values.tolist() == second.values.tolist() == [["urn:a", "urn:b"]]
    assert callable(kg.query) and kg.view.display is not None


@pytest.mark.parametrize("target", ["file", "store"])
def test_kg_query_refuses_service_and_reaches_no_endpoint(target, graph_file, tmp_path, counting_endpoint, capsys):
    from kg.cli import main
    from kg.store import OxigraphStore

    url, hits = counting_endpoint
    where = [str(graph_file)]
    if target == "store":
        with OxigraphStore(tmp_path / "db") as store:
            store.put([("a", "h", "x", load_graph_of(graph_file))])
        where = ["--store", str(tmp_path / "db")]
    for text in (f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                 f"SELECT * WHERE {{ ?s ?p ?o . service silent <{url}> {{ ?s ?p ?x }} }} LIMIT 1"):
        assert main(["query", *where, text]) == 2
        assert "SERVICE is refused: kg does not query other endpoints" in capsys.readouterr().err
    assert hits == []
    # the word in a string, an IRI or a variable is no keyword
    assert main(["query", *where, 'SELECT ?service WHERE { ?service ?p "service" } LIMIT 1']) == 0


def load_graph_of(path: Path):
    from kg.graphio import load_graph

    return load_graph(path)
