"""A relation of the user's own, added from a rule file alone: in the RDF, the view, kg analyze and SHACL.

The rule file is ``tests/fixtures/rules/condemned.toml``: a made-up relation
"condemned" with its own property, event class and trigger words.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, SDO, SH

from kg import relations

RULES = Path(__file__).parent / "fixtures" / "rules" / "condemned.toml"
EX = Namespace("https://example.org/rules#")
PERSON = Namespace("https://w3id.org/dipkg/id/person/")
TEXT = ("Kenyan Foreign Minister Amani Otieno on Monday condemned Ethiopian Prime Minister Kofi Bekele "
        "over the border closure.\n\nOtieno met Ugandan President Grace Namata in Nairobi on Tuesday. "
        "Namata did not denounce Bekele, her office said.\n")


@pytest.fixture(autouse=True)
def _clean_registry():
    relations.reset()
    yield
    relations.reset()


@pytest.fixture
def built(tmp_path):
    from kg.build import build

    article = tmp_path / "border.txt"
    article.write_text(TEXT, encoding="utf-8")
    graph, report = build([article], output=tmp_path / "g.ttl", rules=[RULES])
    assert report.ok, report.summary()
    return graph, report, tmp_path / "g.ttl"


def test_the_user_relation_is_in_the_rdf_with_its_events_and_status(built) -> None:
    graph, report, _ = built
    otieno, bekele, namata = PERSON["amani-otieno"], PERSON["kofi-bekele"], PERSON["grace-namata"]
    assert (otieno, EX.condemned, bekele) in graph
    assert (namata, EX.condemned, bekele) not in graph  # "did not denounce": kept as a negated event
    events = set(graph.subjects(RDF.type, EX.Condemnation))
    assert len(events) == 2
    statuses = {graph.value(e, SDO.eventStatus) for e in events}
    assert statuses == {URIRef("https://w3id.org/dipkg/ontology#Happened"),
                        URIRef("https://w3id.org/dipkg/ontology#Negated")}
    assert {graph.value(e, EX.target) for e in events} == {bekele}
    labels = {str(graph.value(e, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) for e in events}
    assert "Condemnation of Kofi Bekele by Amani Otieno" in labels
    assert report.events["condemned"] == 1 and "condemned 1" in report.summary()
    # the meeting is there as before: the new rules add, they do not replace
    assert (otieno, URIRef("https://w3id.org/dipkg/ontology#metWith"), namata) in graph


def test_the_graph_conforms_to_shapes_the_registry_extends(built) -> None:
    from kg.validate import shapes_graph, validate

    graph, _, _ = built
    shapes = shapes_graph()
    assert (None, SH.targetSubjectsOf, EX.condemned) in shapes
    assert (None, SH.targetClass, EX.Condemnation) in shapes
    conforms, text = validate(graph, shapes)
    assert conforms, text
    graph.add((PERSON["amani-otieno"], EX.condemned, Literal("the closure")))  # not an actor
    conforms, text = validate(graph, shapes)
    assert not conforms and "condemned" in text


def test_the_view_draws_the_user_relation(built) -> None:
    from kg.view import render, view_data

    graph, _, _ = built
    data = view_data(graph)
    edges = [e for e in data["edges"] if e["relation"] == "condemned"]
    assert len(edges) == 1 and data["events"]["condemned"] == 1
    page = render(graph)
    assert "#6b46c1" in page and ">condemned</div>" in page  # its colour, in the legend too
    payload = json.loads(re.search(r'"edgeStyle":(\{.*?\}\}),', page).group(1).replace("\\u003c", "<"))
    assert payload["condemned"]["color"] == "#6b46c1"


def test_kg_analyze_reads_the_relation_with_rules(built, capsys) -> None:
    from kg.cli import main

    _, _, path = built
    relations.reset()  # a new process: only --rules tells analyze about the relation
    assert main(["analyze", str(path), "--relations", "condemned"]) == 2
    assert "unknown relation(s) condemned" in capsys.readouterr().err
    assert main(["analyze", str(path), "--rules", str(RULES), "--actor", "Bekele",
                 "--relations", "condemned"]) == 0
    out = capsys.readouterr().out
    assert "condemned by Amani Otieno" in out
    assert main(["analyze", str(path), "--rules", str(RULES), "--relations", "condemned"]) == 0
    out = capsys.readouterr().out
    assert "condemned 1" in out and "Amani Otieno" in out and "Kofi Bekele" in out


def test_kg_build_takes_rules_on_the_command_line(tmp_path, capsys) -> None:
    from kg.cli import main
    from kg.graphio import load_graph

    article = tmp_path / "border.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "g.nt"
    assert main(["build", str(article), "-o", str(out), "--rules", str(RULES)]) == 0
    assert "condemned 1" in capsys.readouterr().err  # the summary goes to stderr
    assert (PERSON["amani-otieno"], EX.condemned, PERSON["kofi-bekele"]) in load_graph(out)
    bad = tmp_path / "bad.toml"
    bad.write_text("[[relation]]\nname = 'x'\ncolur = '#000000'\n", encoding="utf-8")
    assert main(["build", str(article), "-o", str(out), "--rules", str(bad)]) == 2
    assert "bad.toml: relation 'x': unknown field(s) colur" in capsys.readouterr().err


@pytest.mark.slow
def test_worker_processes_use_the_rules_too(tmp_path) -> None:
    from kg.build import build

    article = tmp_path / "border.txt"
    article.write_text(TEXT, encoding="utf-8")
    graph, report = build([article], output=tmp_path / "g.ttl", rules=[RULES], workers=2)
    assert report.ok and (PERSON["amani-otieno"], EX.condemned, PERSON["kofi-bekele"]) in graph


def test_using_the_same_rule_file_twice_changes_nothing() -> None:
    from kg.extract.rules import rules_in_use, use_rules

    first = use_rules([RULES])
    assert use_rules([RULES]) == first
    assert [r.name for r in rules_in_use()].count("condemn_verb") == 1
