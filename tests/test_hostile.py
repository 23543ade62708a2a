"""Hostile content end to end: markup, script, SPARQL and Turtle syntax and very long
tokens in titles, URLs, sources, sentences and names.

They must come back unchanged from every RDF format, match as bound values in
saved queries (never as query text), and be inert text in ``kg view``'s page and
in ``kg serve``'s HTML results.  (A word of over 500 characters in an article's
text is split, with a note: see test_ingest_guards.)  File names and labels with
control characters and escape sequences are printed escaped, one line each.  All
texts are written for these tests.
"""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SDO, XSD

from conftest import hand_extraction, person, start_server, stop_server
from kg.graphio import load_graph, write_graph
from kg.model import Actor
from kg.rdf import DIP, ID, extractions_to_graph

LONG = "Z" * 20_000
SCRIPT = '<script>alert("x")</script>'
SPARQL = '" } ; DROP ALL ; INSERT DATA { <a:b> <c:d> "e" } #'
TURTLE = '""" \\ > \' @prefix x: <urn:x> . """'
HOSTILE = [SCRIPT, "<img src=x onerror=alert(1)>", SPARQL, TURTLE, "</textarea><b>&amp;</b>", LONG]

TITLE = f"Talks {SCRIPT} {TURTLE} & more"
URL = 'javascript:alert(1)//"""><svg onload=alert(2)>'
SOURCE = 'Wire "Evil" <b>News</b> \\ """'
MEETING = "Kenyan President Amani Otieno met Ghanaian Foreign Minister Kofi Mensah in Nairobi on Monday."
NOTE = (f"A note said {SCRIPT} and {SPARQL} and {TURTLE} then </script><p onclick=x()>done</p> "
        f"before the token {LONG} ended.")
OTIENO, MENSAH = person("amani-otieno"), person("kofi-mensah")
SPLIT = "a word of 20,000 characters without a space split into pieces of 500"
FORMATS = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "json-ld": ".jsonld", "xml": ".rdf"}


RECORD = {"id": "evil-1", "title": TITLE, "url": URL, "source": SOURCE, "date": "2025-03-04",
          "text": f"{MEETING} {NOTE}\n\nOtieno said {SCRIPT} was not on the agenda."}


@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory):
    """A JSONL article with hostile metadata and sentences, built by ``kg build``."""
    from kg.build import build

    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "wire.jsonl"
    path.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    graph, report = build([path], output=folder / "graph.ttl")
    assert report.ok and report.articles == 1
    assert report.notes == [f"note: {path}:1: {SPLIT}"]
    return graph, folder / "graph.ttl"


def test_kg_build_reads_hostile_text_without_complaint(kg, built, tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    run = kg("build", path, "-o", tmp_path / "g.trig")
    assert run.code == 0 and "failed: 0" in run.err and "error:" not in run.err, run.err
    assert [line for line in run.err.splitlines() if line.startswith("note:")] == [f"note: {path}:1: {SPLIT}"]
    assert isomorphic(load_graph(tmp_path / "g.trig"), built[0])


@pytest.fixture(scope="module")
def named():
    """A hand-built graph whose actor names, roles, places and event labels are hostile."""
    from kg.model import Thing

    actors = {f"h{i}": Actor(f"h{i}", text, "person", {f"{text} alias"}, {f"role {text}"})
              for i, text in enumerate(HOSTILE)}
    things = {"pact": Thing("pact", f"Pact {SCRIPT} {TURTLE}", "document", "agreement")}
    facts = [("met_with", "h0", f"h{i}", f"{HOSTILE[0]} met {text}.", {"place": text})
             for i, text in enumerate(HOSTILE[1:], 1)]
    facts.append(("signed", "h2", "pact", f"{SPARQL} signed it."))
    return extractions_to_graph([hand_extraction("x<1>\"'", facts, actors, things, title=TITLE, url=URL)])


def test_article_metadata_and_sentences_survive_kg_build(built):
    graph, path = built
    article = ID["article/evil-1"]
    assert str(graph.value(article, SDO.headline)) == TITLE
    assert graph.value(article, SDO.url) == Literal(URL, datatype=XSD.anyURI)
    assert str(graph.value(article, DIP.source)) == SOURCE
    assert (OTIENO, DIP.metWith, MENSAH) in graph
    texts = {str(o) for o in graph.objects(None, DIP.evidenceText)}
    assert MEETING in texts
    assert isomorphic(graph, load_graph(path))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_hostile_values_round_trip_through_every_format(built, named, tmp_path, fmt):
    for name, graph in (("built", built[0]), ("named", named)):
        path = tmp_path / f"{name}{FORMATS[fmt]}"
        write_graph(graph, path, fmt)
        again = load_graph(path, fmt)
        assert isomorphic(graph, again), (name, fmt)
    labels = {str(o) for o in again.objects(None, RDFS.label)}
    assert set(HOSTILE) <= labels
    assert {f"role {t}" for t in HOSTILE} <= {str(o) for o in again.objects(None, DIP.role)}


def test_hostile_labels_are_bound_values_in_saved_queries(named):
    import kg

    rows = kg.query(named, "meetings-of", actor=SCRIPT)  # h0 met each of the others once
    assert set(rows["actorName"]) == {SCRIPT} and sorted(rows["met"]) == sorted(HOSTILE[1:])
    assert set(rows["place"]) == set(HOSTILE[1:]) and set(rows["articles"]) == {TITLE}
    for text in (SPARQL, TURTLE, LONG):
        rows = kg.query(named, "meetings-of", actor=text)
        assert rows[["actorName", "met", "place", "evidence"]].values.tolist() == \
            [[text, SCRIPT, text, f"{SCRIPT} met {text}."]], text
    assert len(kg.query(named, "signatories-of", document=f"Pact {SCRIPT} {TURTLE}")) == 1


def assert_inert(page: str) -> None:
    """No hostile markup survives as markup; only the page's own scripts are there."""
    for raw in (SCRIPT, "<img src=x", "<svg", "</textarea><b>", "<p onclick", "onerror=alert(1)>"):
        assert raw not in page, raw
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", page, re.I)


def test_kg_view_shows_hostile_text_as_text(kg, named, tmp_path):
    path = tmp_path / "named.ttl"
    write_graph(named, path)
    out = tmp_path / "view.html"
    result = kg("view", path, "-o", out)
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert_inert(page)
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)[1]
    data = json.loads(block)
    assert set(HOSTILE) <= {n["label"] for n in data["nodes"]}
    sentences = {f["sentence"] for e in data["edges"] for f in e["facts"]}
    assert f"{SCRIPT} met {SPARQL}." in sentences and f"{SCRIPT} met {LONG}." in sentences


@pytest.mark.slow
def test_kg_serve_html_results_show_hostile_text_as_text(named, tmp_path):
    path = tmp_path / "named.ttl"
    write_graph(named, path)
    server, thread = start_server(path, timeout=30)
    try:
        query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                 "SELECT ?label WHERE { ?x rdfs:label ?label } ORDER BY ?label")
        base = server.url

        def get(url: str = base, **params) -> str:
            with urllib.request.urlopen(f"{url}?{urllib.parse.urlencode(params)}", timeout=60) as resp:
                return resp.read().decode("utf-8")

        page = get(query=query, format="html")
        assert_inert(page)
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert LONG in page
        rows = json.loads(get(query=query, format="json"))["results"]["bindings"]
        assert set(HOSTILE) <= {r["label"]["value"] for r in rows}
        assert_inert(get(base.rsplit("/", 1)[0] + "/"))  # the query form
        echoed = get(query=f"SELECT * WHERE {{ ?s ?p {json.dumps(SCRIPT)} }}", format="html")
        assert_inert(echoed)  # the hostile query is shown back in the form, as text
        assert "?s ?p &quot;&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;&quot;" in echoed
    finally:
        stop_server(server, thread)


# ------------------------------------------------------------- names on a terminal

FORGED = "x\n\x1b[2J\rfailed: 0\nread 9 article(s), all good\u202e.txt"  # clears the screen, forges lines
ESCAPED = "x\\n\\x1b[2J\\rfailed: 0\\nread 9 article(s), all good\\u202e.txt"


def test_a_hostile_file_name_is_reported_on_one_escaped_line(kg, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "nairobi.txt").write_text(MEETING + "\n", encoding="utf-8")
    (folder / FORGED).write_bytes(b"")
    for quiet in ((), ("-q",)):
        run = kg("build", folder, "-o", tmp_path / "g.ttl", *quiet)
        assert run.code == 1
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", run.err), repr(run.err)
        errors = [line for line in run.err.splitlines() if line.startswith("error:")]
        assert errors == [f"error: {folder}/{ESCAPED}: empty file"], run.err
        assert "failed: 0" not in run.err.splitlines() and not any(
            line.startswith("read 9") for line in run.err.splitlines())
        if not quiet:
            assert "failed: 1" in run.err.splitlines()


def test_a_hostile_output_name_is_escaped_in_kg_error(kg, tmp_path):
    target = tmp_path / FORGED
    target.mkdir()  # a directory: cannot be written
    run = kg("build", tmp_path / "none.txt", "-o", target)
    assert run.err == f"kg: error: {tmp_path}/{ESCAPED}: cannot write (it is a directory)\n"
    article = tmp_path / "nairobi.txt"
    article.write_text(MEETING + "\n", encoding="utf-8")
    run = kg("build", article, "-o", tmp_path / f"{FORGED}.ttl")
    assert run.code == 0 and f" -> {tmp_path}/{ESCAPED}.ttl\n" in run.err, run.err
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", run.err), repr(run.err)


def test_kg_analyze_prints_hostile_labels_escaped(kg, tmp_path):
    actors = {"a": Actor("a", "Amani \x1b[2J\nOtieno", "person"), "b": Actor("b", "Kofi\rMensah", "person")}
    graph = extractions_to_graph([hand_extraction("t1", [("met_with", "a", "b", MEETING)], actors)])
    path = tmp_path / "g.ttl"
    write_graph(graph, path)
    for argv in ((), ("--actor", "Kofi"), ("--path", "Amani", "Kofi")):
        run = kg("analyze", path, *argv)
        assert run.code == 0, run.err
        assert "\x1b" not in run.out and "\r" not in run.out, repr(run.out)
        assert "Amani \\x1b[2J\\nOtieno" in run.out and "Kofi\\rMensah" in run.out
