"""Tests for kg.build: the Python API behind ``kg build`` (ingest -> extract -> rdf -> write)."""
from __future__ import annotations

import io
import os
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF

from conftest import ARTICLES, JSONL_GOOD, STDIN_TEXT, label, person
from conftest import build_here as build  # about what a build writes: parsed in this process (see there)
from kg.errors import OutputError, UsageError
from kg.graphio import guess_format, load_graph, write_graph
from kg.ingest import parse_text
from kg.rdf import DIP, article_iri, extraction_to_graph

# Open copies: pytest probes module globals, which makes closed namespaces warn.
SDO, XSD = Namespace(str(ns.SDO)), Namespace(str(ns.XSD))

OTIENO, MENSAH = person("amani-otieno"), person("kofi-mensah")
ARTICLE_ID = "a-b1fbf1c166a5"  # meeting_nairobi.txt (a hash of its text)
FERREIRA, DUARTE = person("tomas-ferreira"), person("helena-duarte")
ARAYA, BERTONI = person("marisol-araya"), person("julian-bertoni")
SOLBERG, TRAN = person("ingrid-solberg-haug"), person("tran-van-long")
SAKAMOTO, RAGHAVAN = person("haruto-sakamoto"), person("priya-raghavan")


def events_of(graph: Graph, cls, *participants) -> list:
    """Event nodes of class ``cls`` that have all ``participants``."""
    return [e for e in graph.subjects(RDF.type, cls)
            if all((e, DIP.participant, p) in graph for p in participants)]


@pytest.fixture(scope="module")
def fixture_graph(nlp):
    """The graph of the four fixture articles, built once for this module."""
    graph, report = build([ARTICLES])
    return graph, report


# ---------------------------------------------------------------- the model


def test_session_model_is_the_one_build_uses(nlp):
    from kg.extract import load_model
    from kg.extract.pipeline import model_name

    # cached by the model's name: build()'s load_model(None) does not load the model again
    assert load_model() is nlp and load_model(None) is nlp and load_model(model_name()) is nlp
    assert {"parser", "ner", "kg_entity_repair", "kg_paragraphs"} <= set(nlp.pipe_names)


def test_extract_and_rdf_with_the_session_model(nlp):
    from kg.extract import extract

    art = parse_text("Title: Talks in Tokyo\nDate: 2025-02-14\n\n" + JSONL_GOOD["text"])
    ex = extract(art, nlp)
    assert [(f.relation, f.subject, f.object, f.status) for f in ex.facts] == [
        ("met_with", "haruto sakamoto", "priya raghavan", "happened")]
    g = extraction_to_graph(ex)
    assert (SAKAMOTO, DIP.metWith, RAGHAVAN) in g and (RAGHAVAN, DIP.metWith, SAKAMOTO) in g


# --------------------------------------------------------- facts in the graph


def test_meeting_is_a_direct_triple_and_an_event_with_provenance(fixture_graph):
    g, report = fixture_graph
    assert (OTIENO, DIP.metWith, MENSAH) in g
    assert (MENSAH, DIP.metWith, OTIENO) in g
    assert label(g, OTIENO) == "Amani Otieno" and label(g, MENSAH) == "Kofi Mensah"
    assert (OTIENO, RDF.type, DIP.Person) in g
    assert (MENSAH, DIP.role, Literal("Ghanaian Foreign Minister")) in g

    [event] = events_of(g, DIP.Meeting, OTIENO, MENSAH)
    assert (event, SDO.eventStatus, DIP.Happened) in g
    nairobi = g.value(event, DIP.place)
    assert label(g, nairobi) == "Nairobi" and (nairobi, OWL.sameAs, URIRef("https://sws.geonames.org/184745/")) in g
    assert label(g, g.value(nairobi, DIP.country)) == "Kenya"
    # The article is dated Tuesday 2025-03-04; "on Monday" is the day before.
    assert (event, DIP.date, Literal(date(2025, 3, 3).isoformat(), datatype=XSD.date)) in g
    article = g.value(event, PROV.wasDerivedFrom)
    assert (article, RDF.type, DIP.Article) in g
    assert str(g.value(article, SDO.headline)).startswith("Kenyan president meets Ghanaian")
    sentence = g.value(event, DIP.evidence)
    assert (sentence, DIP.inArticle, article) in g
    assert str(g.value(sentence, DIP.evidenceText)).startswith(
        "Kenyan President Amani Otieno met Ghanaian Foreign Minister Kofi Mensah in Nairobi")


def test_signing_links_both_signatories_to_one_agreement(fixture_graph):
    g, _ = fixture_graph
    docs_f = set(g.objects(FERREIRA, DIP.signed))
    docs_d = set(g.objects(DUARTE, DIP.signed))
    assert len(docs_f) == 1 and docs_f == docs_d
    [doc] = docs_f
    assert (doc, RDF.type, DIP.Agreement) in g
    assert "cultural cooperation agreement" in label(g, doc)
    [signing] = events_of(g, DIP.Signing, FERREIRA, DUARTE)
    assert (signing, DIP.document, doc) in g
    assert {FERREIRA, DUARTE} == set(g.objects(signing, DIP.signatory))


def test_phone_call_is_called_not_met(fixture_graph):
    g, _ = fixture_graph
    assert (ARAYA, DIP.called, BERTONI) in g and (BERTONI, DIP.called, ARAYA) in g
    assert (ARAYA, DIP.metWith, BERTONI) not in g and (BERTONI, DIP.metWith, ARAYA) not in g
    [call] = events_of(g, DIP.PhoneCall, ARAYA, BERTONI)
    assert (call, SDO.eventStatus, DIP.Happened) in g


def test_planned_meeting_is_an_event_but_not_a_direct_triple(fixture_graph):
    g, report = fixture_graph
    assert (SOLBERG, DIP.metWith, TRAN) not in g and (TRAN, DIP.metWith, SOLBERG) not in g
    [event] = events_of(g, DIP.Meeting, SOLBERG, TRAN)
    assert (event, SDO.eventStatus, SDO.EventScheduled) in g
    assert "(planned)" in label(g, event)
    # The leading "date YYYY-MM-DD" line of this article became its publication date.
    article = g.value(event, PROV.wasDerivedFrom)
    assert g.value(article, SDO.datePublished) == Literal("2025-06-02", datatype=XSD.date)


def test_report_counts_articles_events_and_triples(fixture_graph):
    from kg.counts import count_events

    g, report = fixture_graph
    assert report.ok and report.failures == []
    assert report.articles == 4
    assert report.events["met_with"] >= 1 and report.events["called"] == 1
    assert report.events["signed"] == 1  # one signing, two signatories: one event
    assert len(set(g.subjects(RDF.type, DIP.Signing))) == 1
    assert report.not_asserted["met_with"] == 1  # the planned Oslo-Hanoi meeting
    counted = count_events(g)  # the events of the graph written, counted the one way
    assert report.events == counted["happened"]
    assert report.not_asserted == sum((c for s, c in counted.items() if s != "happened"), Counter())
    assert report.triples == len(g)
    assert report.output is None
    summary = report.summary()
    assert "read 4 article(s)" in summary and f"triples: {len(g)}" in summary
    assert "failed: 0" in summary


# ------------------------------------------------------------ bad inputs


def test_bad_inputs_are_reported_and_good_ones_kept(mixed_dir, tmp_path, nlp):
    out = tmp_path / "graph.ttl"
    g, report = build([mixed_dir], output=out)
    reasons = {Path(f.source).name: f.reason for f in report.failures}
    assert set(reasons) == {"empty.txt", "scan.txt", "brasilia_latin1.txt", "wire.jsonl:1"}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["scan.txt"] == "binary file (PNG image)"
    assert reasons["brasilia_latin1.txt"].startswith("not valid UTF-8 (byte 0xe3")
    assert reasons["wire.jsonl:1"].startswith("invalid JSON")
    assert not report.ok
    assert report.articles == 3  # two .txt files and the good JSONL line
    written = load_graph(out)
    assert isomorphic(written, g)
    for a, b in ((OTIENO, MENSAH), (SAKAMOTO, RAGHAVAN)):
        assert (a, DIP.metWith, b) in written
    assert set(written.objects(FERREIRA, DIP.signed))
    article = article_iri(JSONL_GOOD["id"])
    assert (article, SDO.headline, Literal(JSONL_GOOD["title"])) in written


def test_stdin_is_read_with_dash(nlp):
    g, report = build(["-"], stdin=io.BytesIO(STDIN_TEXT.encode("utf-8")))
    assert report.ok and report.articles == 1
    assert (person("youssef-benali"), DIP.metWith, person("aminata-diouf")) in g


def test_stdin_metadata_replaces_what_the_input_says(nlp):
    headed = "Title: Old headline\nSource: Old Wire\n\n" + STDIN_TEXT
    g, report = build(["-"], stdin=io.BytesIO(headed.encode("utf-8")),
                      stdin_meta={"date": "14 March 2025", "title": "New headline", "url": None})
    assert report.ok
    [article] = g.subjects(RDF.type, DIP.Article)
    assert g.value(article, SDO.headline) == Literal("New headline")
    assert g.value(article, DIP.source) == Literal("Old Wire")  # not given: the input's own
    assert g.value(article, SDO.datePublished) == Literal("2025-03-14", datatype=XSD.date)


@pytest.mark.parametrize("meta, message", [
    ({"date": "the day after"}, "is not a date"),
    ({"author": "Someone"}, "not 'author'"),
])
def test_bad_stdin_metadata_is_a_usage_error(meta, message):
    with pytest.raises(UsageError, match=message):
        build(["-"], stdin=io.BytesIO(STDIN_TEXT.encode("utf-8")), stdin_meta=meta)


def test_stdin_metadata_without_stdin_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no input is -"):
        build([ARTICLES], output=tmp_path / "g.ttl", stdin_meta={"title": "Lost"})
    assert not (tmp_path / "g.ttl").exists()


def test_over_the_size_limit_is_a_failure(articles_dir, nlp):
    _, report = build([articles_dir / "meeting_nairobi.txt"], max_bytes=100)
    [failure] = report.failures
    assert failure.source.endswith("meeting_nairobi.txt")
    assert "over the 100 bytes limit" in failure.reason and "raise it with max_bytes=" in failure.reason
    assert report.options == {"max_bytes"}  # for the command line, which names its flag instead


@pytest.mark.parametrize("kwargs, message", [
    (dict(paths=[]), "no input"),
    (dict(paths=[ARTICLES], fmt="yaml"), "unknown format 'yaml'"),
    (dict(paths=[ARTICLES], max_bytes=0), "max_bytes must be a positive"),
])
def test_usage_errors(kwargs, message):
    with pytest.raises(UsageError, match=message) as info:
        build(kwargs.pop("paths"), **kwargs)
    assert info.value.exit_code == 2


# ------------------------------------------------- determinism and --append


def test_same_input_twice_gives_isomorphic_graphs_without_blank_nodes(articles_dir, tmp_path, nlp):
    a, _ = build([articles_dir], output=tmp_path / "a.ttl")
    b, _ = build([articles_dir], output=tmp_path / "b.ttl")
    assert len(a) > 50
    assert isomorphic(a, b)
    assert isomorphic(load_graph(tmp_path / "a.ttl"), load_graph(tmp_path / "b.ttl"))
    # Byte-identical, too: the serialisation is stable.
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    written = load_graph(tmp_path / "a.ttl")
    assert not [t for t in written if any(isinstance(x, BNode) for x in t)]


def test_append_same_input_twice_changes_nothing(articles_dir, tmp_path, nlp):
    out = tmp_path / "graph.ttl"
    _, first = build([articles_dir], output=out, append=True)
    _, second = build([articles_dir], output=out, append=True)
    _, third = build([articles_dir], output=out, append=True)
    assert first.triples == second.triples == third.triples == len(load_graph(out))


def test_append_merges_new_articles_into_the_existing_graph(articles_dir, tmp_path, nlp):
    out = tmp_path / "graph.ttl"
    meeting, _ = build([articles_dir / "meeting_nairobi.txt"], output=out)
    call, _ = build([articles_dir / "phone_call_santiago.txt"])
    merged, report = build([articles_dir / "phone_call_santiago.txt"], output=out, append=True)
    assert set(meeting) | set(call) == set(merged)
    assert (OTIENO, DIP.metWith, MENSAH) in load_graph(out)
    assert (ARAYA, DIP.called, BERTONI) in load_graph(out)
    # Without --append the output is replaced: the meeting is gone.
    build([articles_dir / "phone_call_santiago.txt"], output=out)
    assert (OTIENO, DIP.metWith, MENSAH) not in load_graph(out)


def test_append_to_a_broken_graph_is_an_output_error(articles_dir, tmp_path, nlp):
    out = tmp_path / "graph.ttl"
    out.write_text("this is @not turtle <<<", encoding="utf-8")
    with pytest.raises(OutputError, match="not a readable RDF graph"):
        build([articles_dir], output=out, append=True)
    assert out.read_text(encoding="utf-8") == "this is @not turtle <<<"


# ------------------------------------------------------------ formats


@pytest.mark.parametrize("fmt, suffix", [("turtle", ".ttl"), ("trig", ".trig"),
                                         ("nt", ".nt"), ("json-ld", ".jsonld")])
def test_every_format_parses_back_to_the_same_graph(fixture_graph, tmp_path, fmt, suffix):
    g, _ = fixture_graph
    out = tmp_path / f"graph{suffix}"
    write_graph(g, out, fmt)
    back = Graph().parse(out, format=fmt)
    assert len(back) == len(g)
    assert isomorphic(back, g)


def test_trig_output_is_stable_and_appendable(articles_dir, tmp_path, nlp):
    out = tmp_path / "graph.trig"
    g, _ = build([articles_dir / "meeting_nairobi.txt"], output=out)
    first = out.read_bytes()
    assert b"_:" not in first  # every graph is named by an IRI, none by a blank node
    build([articles_dir / "meeting_nairobi.txt"], output=out)
    assert out.read_bytes() == first
    ds = rdflib.Dataset()
    ds.parse(out, format="trig")
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert graphs == {"https://w3id.org/dipkg/id/graph/actors",
                      f"https://w3id.org/dipkg/id/graph/article/{ARTICLE_ID}"}
    assert isomorphic(load_graph(out), g)
    merged, _ = build([articles_dir / "phone_call_santiago.txt"], output=out, append=True)
    back = load_graph(out)
    assert isomorphic(back, merged)
    assert (OTIENO, DIP.metWith, MENSAH) in back and (ARAYA, DIP.called, BERTONI) in back


def test_load_graph_reads_every_graph_of_a_trig_file(tmp_path):
    out = tmp_path / "named.trig"
    out.write_text("<urn:g1> { <urn:a> <urn:p> <urn:b> . }\n"
                   "_:g2 { <urn:c> <urn:p> <urn:d> . }\n", encoding="utf-8")
    g = load_graph(out)
    assert set(g) == {(rdflib.URIRef("urn:a"), rdflib.URIRef("urn:p"), rdflib.URIRef("urn:b")),
                      (rdflib.URIRef("urn:c"), rdflib.URIRef("urn:p"), rdflib.URIRef("urn:d"))}


@pytest.mark.parametrize("name, expected", [("g.ttl", "turtle"), ("g.nt", "nt"), ("g.trig", "trig"),
                                            ("g.jsonld", "json-ld"), ("g.json", "json-ld"),
                                            ("g.unknown", "turtle"), ("G.NT", "nt")])
def test_format_from_suffix(name, expected):
    assert guess_format(name) == expected
    assert guess_format(name, "nt") == "nt"  # an explicit format wins


# ------------------------------------------------------- atomic writing


def test_failure_while_writing_leaves_the_old_file_untouched(fixture_graph, tmp_path, monkeypatch):
    g, _ = fixture_graph
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"# the previous graph\n")
    os.chmod(out, 0o640)

    def half_then_fail(self, destination=None, *args, **kwargs):
        destination.write(b"@prefix dip: <https://w3id.org/dipkg/ontology#> .\n<half")
        raise RuntimeError("serializer crashed")

    monkeypatch.setattr(Graph, "serialize", half_then_fail)
    with pytest.raises(RuntimeError, match="serializer crashed"):
        write_graph(g, out)
    assert out.read_bytes() == b"# the previous graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]

    monkeypatch.undo()
    write_graph(g, out)
    assert isomorphic(load_graph(out), g)
    assert out.stat().st_mode & 0o777 == 0o640  # permissions of the replaced file are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_disk_full_while_writing_is_an_output_error(fixture_graph, tmp_path, disk_full):
    g, _ = fixture_graph
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"old")
    with pytest.raises(OutputError, match="No space left on device"):
        write_graph(g, out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_new_file_gets_ordinary_permissions_and_parent_dirs(fixture_graph, tmp_path):
    g, _ = fixture_graph
    out = tmp_path / "deep" / "er" / "graph.nt"
    write_graph(g, out)
    assert out.stat().st_mode & 0o777 == 0o644
    assert len(Graph().parse(out, format="nt")) == len(g)


@pytest.mark.parametrize("make_output, message", [
    (lambda d: d, "it is a directory"),
    (lambda d: (d / "file.txt").touch() or d / "file.txt" / "graph.ttl", "not a directory"),
])
def test_unwritable_output_is_an_output_error(tmp_path, nlp, make_output, message):
    out = make_output(tmp_path)
    with pytest.raises(OutputError, match=message):
        build([ARTICLES / "meeting_nairobi.txt"], output=out)
    assert not [p for p in tmp_path.rglob("*.tmp")]


# --------------------------------------------------------- the examples


def test_example_articles_conform_to_the_shapes(examples_build):
    from kg.validate import validate

    out, run = examples_build  # kg build examples/articles -o FILE, once for the session
    assert run.code == 0 and "read 8 article(s)" in run.err and "failed: 0" in run.err, run.err
    conforms, text = validate(load_graph(out))
    assert conforms, text


def test_validate_reports_a_broken_graph():
    from kg.validate import validate

    g = Graph()
    g.add((OTIENO, RDF.type, DIP.Person))  # no dip:Actor type, no label
    conforms, text = validate(g)
    assert not conforms
    assert "Results (" in text


def test_a_run_where_every_input_fails_keeps_the_existing_graph(articles_dir, tmp_path, nlp):
    out = tmp_path / "graph.ttl"
    build([str(articles_dir)], output=out)
    before = out.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    _graph, report = build([str(bad)], output=out)
    assert report.articles == 0 and len(report.failures) == 1
    assert out.read_bytes() == before
    assert "left unchanged" in report.summary()


def test_one_person_is_one_node_across_articles(tmp_path, nlp):
    """Spellings, transliterations and surname-only mentions in different articles meet in one IRI,
    while two people who share a family name stay two."""
    texts = {
        "a.txt": "Date: 2025-03-04\n\nTurkish President Selim Kaplanoğlu received Kazakh President "
                 "Qasym-Zhomart Toqaev in Ankara on Monday.",
        "b.txt": "Date: 2025-03-05\n\nKazakh President Kassym-Jomart Tokayev met Sri Lankan President "
                 "Mahinda Rajapaksa in Astana on Tuesday.",
        "c.txt": "Date: 2025-03-06\n\nKaplanoglu held talks with Sri Lankan Defence Secretary Gotabaya "
                 "Rajapaksa in Ankara on Wednesday.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph, report = build([str(tmp_path)], output=tmp_path / "out.ttl")
    assert report.ok and report.articles == 3
    people = {str(graph.value(p, rdflib.RDFS.label)) for p in graph.subjects(rdflib.RDF.type, DIP.Person)}
    assert people == {"Selim Kaplanoğlu", "Kassym-Jomart Tokayev", "Mahinda Rajapaksa", "Gotabaya Rajapaksa"}


def test_two_workers_give_the_same_graph_as_one(articles_dir, tmp_path, nlp):
    one, _ = build([str(articles_dir)], output=tmp_path / "one.ttl")
    two, report = build([str(articles_dir)], output=tmp_path / "two.ttl", workers=2)
    assert report.ok and report.articles == len(list(articles_dir.iterdir()))
    assert isomorphic(one, two)
