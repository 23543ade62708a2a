"""Tests for the ``kg`` command line: exit codes, messages, files written.

Most runs call :func:`kg.cli.main` in-process (fixture ``kg``, which can also
feed standard input) so that the spaCy model is loaded once; three run
``python -m kg`` in a child process to check what a user sees at the process
boundary: real stdin, the missing-model message, ``--help`` (marked ``slow``).
"""
from __future__ import annotations

import json
import re
import sys

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, Namespace
from rdflib import namespace as ns
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from conftest import ARTICLES, STDIN_TEXT, node_labelled, person, run_subprocess
from kg.graphio import load_graph
from kg.rdf import DIP

SDO, XSD = Namespace(str(ns.SDO)), Namespace(str(ns.XSD))  # open copies: pytest probes module globals

OTIENO, MENSAH = person("amani-otieno"), person("kofi-mensah")
SAKAMOTO, RAGHAVAN = person("haruto-sakamoto"), person("priya-raghavan")
ARAYA, BERTONI = person("marisol-araya"), person("julian-bertoni")



def triples_reported(err: str) -> int:
    """The N of the summary line ``triples: N -> path``."""
    match = re.search(r"^triples: (\d+)", err, re.M)
    assert match, err
    return int(match[1])


# ------------------------------------------------------------- exit codes


def test_build_mixed_folder_exits_1_names_bad_files_and_keeps_good_facts(kg, mixed_dir, tmp_path):
    out = tmp_path / "out.ttl"
    run = kg("build", mixed_dir, "-o", out)
    assert run.code == 1
    errors = [line for line in run.err.splitlines() if line.startswith("error: ")]
    expected = {
        "empty.txt": ": empty file",
        "scan.txt": ": binary file (PNG image)",
        "brasilia_latin1.txt": ": not valid UTF-8 (byte 0xe3",
        "wire.jsonl:1": ": invalid JSON",
    }
    assert len(errors) == len(expected), run.err
    for name, reason in expected.items():
        assert any(f"{mixed_dir / name}{reason}" in line for line in errors), (name, run.err)
    assert "failed: 4" in run.err
    assert "read 3 article(s)" in run.err
    assert "Traceback" not in run.err and run.out == ""

    g = Graph().parse(out, format="turtle")
    assert len(g) == triples_reported(run.err)
    assert (OTIENO, DIP.metWith, MENSAH) in g and (MENSAH, DIP.metWith, OTIENO) in g
    assert node_labelled(g, "Amani Otieno") == OTIENO
    assert node_labelled(g, "Kofi Mensah") == MENSAH
    assert (SAKAMOTO, DIP.metWith, RAGHAVAN) in g  # the good JSONL line
    ferreira = node_labelled(g, "Tomás Ferreira")
    [doc] = g.objects(ferreira, DIP.signed)
    assert (doc, RDF.type, DIP.Agreement) in g
    # Nothing from the bad files: the Latin-1 article's people are absent.
    assert not list(g.subjects(RDFS.label, Literal("Joaquim Seixas")))


def test_build_good_inputs_exits_0(kg, tmp_path):
    out = tmp_path / "out.ttl"
    run = kg("build", ARTICLES, "-o", out)
    assert run.code == 0, run.err
    assert "failed: 0" in run.err and "read 4 article(s)" in run.err
    assert f"-> {out}" in run.err
    assert "error:" not in run.err
    g = Graph().parse(out, format="turtle")
    assert len(g) == triples_reported(run.err)
    assert (ARAYA, DIP.called, BERTONI) in g


def test_quiet_build_prints_nothing(kg, tmp_path):
    run = kg("build", ARTICLES / "meeting_nairobi.txt", "-o", tmp_path / "out.ttl", "-q")
    assert (run.code, run.out, run.err) == (0, "", "")
    assert (tmp_path / "out.ttl").stat().st_size > 0


@pytest.mark.parametrize("argv, message", [
    (["build", "-o", "out.ttl"], "the following arguments are required: paths"),
    (["build", str(ARTICLES), "-o", "out.ttl", "--format", "yaml"], "invalid choice: 'yaml'"),
    (["build", str(ARTICLES)], "one of the arguments -o/--output --store --endpoint is required"),
    (["build", str(ARTICLES), "-o", "out.ttl", "--max-bytes", "-1"], "must be above zero"),
    (["build", str(ARTICLES), "-o", "out.ttl", "--max-bytes", "lots"], "not a whole number"),
    ([], "the following arguments are required: command"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_usage_errors_exit_2(kg, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    run = kg(*argv)
    assert run.code == 2
    assert message in run.err
    assert "usage: kg" in run.err
    assert not (tmp_path / "out.ttl").exists()


def test_missing_input_path_exits_1(kg, tmp_path):
    run = kg("build", tmp_path / "nope.txt", "-o", tmp_path / "out.ttl")
    assert run.code == 1
    assert f"error: {tmp_path / 'nope.txt'}: no such file or directory" in run.err


def test_oversized_input_exits_1_with_a_hint(kg, tmp_path):
    run = kg("build", ARTICLES / "meeting_nairobi.txt", "-o", tmp_path / "out.ttl", "--max-bytes", "64")
    assert run.code == 1
    assert "over the 64 bytes limit; raise it with --max-bytes" in run.err


@pytest.mark.slow  # a child process: the whole of what it prints
def test_missing_model_is_a_one_line_error_exit_2(tmp_path):
    proc = run_subprocess("build", ARTICLES, "-o", tmp_path / "out.ttl", "--model", "no_such_model_xyz")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kg: error: ") and "no_such_model_xyz" in lines[0]
    assert "pip install" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not (tmp_path / "out.ttl").exists()


def test_missing_model_from_the_environment_variable(kg, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_SPACY_MODEL", "no_such_model_xyz")
    run = kg("build", ARTICLES, "-o", tmp_path / "out.ttl")
    assert run.code == 2
    assert "'no_such_model_xyz' is not installed" in run.err and "pip install" in run.err
    assert "Traceback" not in run.err and run.out == ""
    assert not (tmp_path / "out.ttl").exists()


# ------------------------------------------------- output files and formats


def test_append_twice_keeps_the_triple_count(kg, tmp_path):
    out = tmp_path / "out.ttl"
    first = kg("build", ARTICLES, "-o", out, "--append")
    size = len(Graph().parse(out, format="turtle"))
    second = kg("build", ARTICLES, "-o", out, "--append")
    assert first.code == second.code == 0
    assert triples_reported(first.err) == triples_reported(second.err) == size
    assert len(Graph().parse(out, format="turtle")) == size


def test_building_twice_is_isomorphic_and_has_no_blank_nodes(kg, tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert kg("build", ARTICLES, "-o", a).code == 0
    assert kg("build", ARTICLES, "-o", b).code == 0
    ga, gb = Graph().parse(a, format="turtle"), Graph().parse(b, format="turtle")
    assert len(ga) > 50 and isomorphic(ga, gb)
    assert not any(isinstance(term, BNode) for triple in ga for term in triple)
    assert "_:" not in a.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "nt", "json-ld"])
def test_every_format_parses_back(kg, tmp_path, fmt):
    out = tmp_path / "graph.out"  # unknown suffix: --format decides
    run = kg("build", ARTICLES, "-o", out, "--format", fmt)
    assert run.code == 0, run.err
    back = load_graph(out, fmt)  # TriG and N-Quads: the union of the article graphs
    assert len(back) == triples_reported(run.err) > 50
    assert (OTIENO, DIP.metWith, MENSAH) in back


def test_format_follows_the_suffix(kg, tmp_path):
    out = tmp_path / "graph.nt"
    assert kg("build", ARTICLES / "meeting_nairobi.txt", "-o", out).code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.endswith(" .") and line.startswith("<") for line in lines if line)
    assert len(Graph().parse(out, format="nt")) == len([line for line in lines if line])


def test_failed_write_keeps_the_previous_output(kg, tmp_path, monkeypatch):
    out = tmp_path / "out.ttl"
    assert kg("build", ARTICLES / "meeting_nairobi.txt", "-o", out).code == 0
    before = out.read_bytes()

    def crash_midway(self, destination=None, *args, **kwargs):
        destination.write(before[: len(before) // 2])
        raise RuntimeError("serializer crashed midway")

    monkeypatch.setattr(Graph, "serialize", crash_midway)
    monkeypatch.setattr(pyoxigraph, "serialize", lambda items, output, *a, **k: crash_midway(None, output))
    with pytest.raises(RuntimeError, match="crashed midway"):
        kg("build", ARTICLES, "-o", out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


def test_disk_full_while_writing_is_a_clean_error(kg, tmp_path, disk_full, monkeypatch):
    def no_space(items, output, *args, **kwargs):  # the disk_full fixture's, for pyoxigraph (kg build's writer)
        output.write(b"@prefix dip:")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pyoxigraph, "serialize", no_space)
    out = tmp_path / "out.ttl"
    out.write_bytes(b"# previous graph\n")
    run = kg("build", ARTICLES / "meeting_nairobi.txt", "-o", out)
    assert run.code == 1
    assert run.err.strip() == f"kg: error: {out}: cannot write (No space left on device)"
    assert out.read_bytes() == b"# previous graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


def test_output_is_a_directory(kg, tmp_path):
    target = tmp_path / "graphs"
    target.mkdir()
    run = kg("build", ARTICLES / "meeting_nairobi.txt", "-o", target)
    assert run.code == 1
    assert run.err.strip() == f"kg: error: {target}: cannot write (it is a directory)"
    assert list(target.iterdir()) == []


def test_output_under_a_file_is_a_clean_error(kg, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "graph.ttl"
    run = kg("build", ARTICLES / "meeting_nairobi.txt", "-o", out, "-q")
    assert run.code == 1
    assert run.err.strip() == f"kg: error: {out}: cannot write (a parent of it is not a directory)"
    assert "Traceback" not in run.err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_append_to_an_unreadable_graph_is_a_clean_error(kg, tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("not turtle at all {{{", encoding="utf-8")
    run = kg("build", ARTICLES, "-o", out, "--append")
    assert run.code == 1
    assert run.err.startswith(f"kg: error: {out}: not a readable RDF graph")
    assert out.read_text(encoding="utf-8") == "not turtle at all {{{"


# ------------------------------------------------------------------ stdin


@pytest.mark.slow  # a child process reading a real pipe
def test_stdin_build(tmp_path):
    out = tmp_path / "out.ttl"
    proc = run_subprocess("build", "-", "-o", out, input=STDIN_TEXT)
    assert proc.returncode == 0, proc.stderr
    assert "read 1 article(s)" in proc.stderr and "failed: 0" in proc.stderr
    g = Graph().parse(out, format="turtle")
    benali, diouf = person("youssef-benali"), person("aminata-diouf")
    assert (benali, DIP.metWith, diouf) in g and (diouf, DIP.metWith, benali) in g
    assert (benali, RDFS.label, Literal("Youssef Benali")) in g


def test_stdin_takes_date_title_url_and_source(kg, tmp_path):
    out = tmp_path / "out.ttl"
    headed = "Title: a header the option replaces\n\n" + STDIN_TEXT  # "in Rabat on Tuesday"
    run = kg("build", "-", "-o", out, "--date", "2025-03-14", "--title", "Morocco and Senegal talk fish",
             "--url", "https://news.example/rabat", "--source", "Test Wire", stdin=headed)
    assert run.code == 0, run.err
    g = Graph().parse(out, format="turtle")
    [article] = g.subjects(RDF.type, DIP.Article)
    assert g.value(article, SDO.headline) == Literal("Morocco and Senegal talk fish")
    assert g.value(article, SDO.datePublished) == Literal("2025-03-14", datatype=XSD.date)
    assert str(g.value(article, SDO.url)) == "https://news.example/rabat"
    assert g.value(article, DIP.source) == Literal("Test Wire")
    [meeting] = g.subjects(RDF.type, DIP.Meeting)
    assert g.value(meeting, DIP.date) == Literal("2025-03-11", datatype=XSD.date)  # the Tuesday before
    asked = kg("query", out, "-n", "meetings-of", "-p", "actor=Benali", "--format", "csv")
    assert asked.code == 0 and "Morocco and Senegal talk fish" in asked.out


def test_stdin_metadata_needs_stdin_and_a_real_date(kg, tmp_path):
    run = kg("build", ARTICLES, "-o", tmp_path / "out.ttl", "--title", "Lost")
    assert run.code == 2 and "give - as an input" in run.err and not (tmp_path / "out.ttl").exists()
    run = kg("build", "-", "-o", tmp_path / "out.ttl", "--date", "soon", stdin=STDIN_TEXT)
    assert run.code == 2 and "argument --date: not a date: 'soon'" in run.err


def test_a_title_for_several_stdin_articles_is_an_error_naming_stdin(kg, tmp_path):
    lines = "\n".join(json.dumps({"id": f"wire-{i}", "text": STDIN_TEXT}) for i in (1, 2))
    run = kg("build", "-", ARTICLES / "meeting_nairobi.txt", "-o", tmp_path / "out.ttl",
             "--title", "One title", stdin=lines)
    assert run.code == 1
    assert "error: <stdin>: a title was given for standard input, but it holds 2 articles" in run.err
    assert "read 1 article(s)" in run.err  # the named file still goes in
    dated = kg("build", "-", "-o", tmp_path / "dated.ttl", "--date", "2025-03-14", stdin=lines)
    assert dated.code == 0, dated.err  # a date and a source may be shared
    g = Graph().parse(tmp_path / "dated.ttl", format="turtle")
    assert set(g.objects(None, SDO.datePublished)) == {Literal("2025-03-14", datatype=XSD.date)}


def test_stdin_binary_is_rejected(kg, tmp_path, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")))
    run = kg("build", "-", "-o", tmp_path / "out.ttl")
    assert run.code == 1
    assert "error: <stdin>: binary file (PNG image)" in run.err


# ------------------------------------------------------------ one count of facts

EVENTS_LINE = re.compile(r"events that happened: met_with \d+, signed \d+, attended \d+, called \d+")


def test_build_analyze_and_view_give_one_count_of_events(kg, examples_build, tmp_path):
    from kg.counts import count_events

    (out, built), page = examples_build, tmp_path / "demo.html"
    analysed = kg("analyze", out)
    viewed = kg("view", out, "-o", page)
    assert built.code == analysed.code == viewed.code == 0
    counts = [EVENTS_LINE.findall(text) for text in (built.err, analysed.out, page.read_text(encoding="utf-8"))]
    assert all(len(found) == 1 for found in counts), counts
    assert counts[0] == counts[1] == counts[2]
    happened = count_events(load_graph(out))["happened"]
    assert counts[0][0].endswith(f"met_with {happened['met_with']}, signed {happened['signed']}, "
                                 f"attended {happened['attended']}, called {happened['called']}")


def test_analyze_leaves_actors_without_ties_out_of_the_rankings(kg, examples_build):
    from kg.network import _collapse, chosen_relations, to_networkx

    out, built = examples_build
    assert built.code == 0, built.err
    G = to_networkx(load_graph(out))
    H = _collapse(G, chosen_relations(None))
    isolated = {G.nodes[n]["label"] for n in H if H.degree(n) == 0}
    assert {"Kazakhstan", "Arif Wicaksono", "Kanat Sydykov"} <= isolated  # named only; a plan only; denied
    run = kg("analyze", out, "--top", "100")
    ranked = [line.split(". ", 1)[1].rsplit(None, 1)[0].strip() for line in run.out.splitlines()
              if re.match(r"\s+\d+\. ", line) and "," not in line]
    assert ranked and not isolated & set(ranked)
    assert "Daulet Seitkaliyev" in ranked


# ------------------------------------------------------------------ help text

MARKUP = re.compile(r"``|:(mod|func|class|data|meth|attr|exc):`")


def _subcommands():
    from kg.cli import parser

    import argparse

    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_option_of_every_command_has_plain_help(name):
    import argparse

    command = _subcommands()[name]
    assert command.description and not MARKUP.search(command.description), command.description
    assert not MARKUP.search(command.epilog or "")
    for action in command._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        what = f"kg {name} {'/'.join(action.option_strings) or action.dest}"
        assert action.help and action.help.strip(), f"{what} has no help"
        assert not MARKUP.search(action.help), f"{what}: {action.help}"
        assert "\n" not in action.help and len(action.help) < 200, f"{what}: one sentence, please"
    text = command.format_help()  # formats (a stray % would raise here)
    assert all(len(line) <= 100 for line in text.splitlines()), text


# ---------------------------------------------------------- demo, validate


def test_examples_validate(kg, examples_build):
    out, build = examples_build
    assert build.code == 0, build.err
    assert "read 8 article(s)" in build.err
    run = kg("validate", out)
    assert (run.code, run.out.strip()) == (0, "conforms")


def test_validate_reports_violations(kg, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix dip: <https://w3id.org/dipkg/ontology#> .\n"
                   "<https://w3id.org/dipkg/id/person/nobody> a dip:Person, dip:Actor .\n",
                   encoding="utf-8")
    run = kg("validate", bad)
    assert run.code == 1
    assert "Conforms: False" in run.out
    assert "exactly one non-blank rdfs:label" in run.out


def test_validate_missing_file(kg, tmp_path):
    run = kg("validate", tmp_path / "missing.ttl")
    assert run.code == 1
    assert run.err.strip() == f"kg: error: {tmp_path / 'missing.ttl'}: no such file"


def test_demo_prints_who_met_whom_and_writes_the_graph(demo_run):
    out_dir, printed = demo_run  # the folder it wrote into, and its stdout (it exited 0)
    assert "read 8 article(s)" in printed and "failed: 0" in printed
    assert "who met whom" in printed
    header = next(line for line in printed.splitlines() if line.startswith("a "))
    assert header.split() == ["a", "b", "first", "last", "where", "meetings", "articles"]
    rows = printed.split(header, 1)[1].splitlines()[2:]
    assert any("Andrés Villacorta" in row and "Ignacio Peñaloza" in row for row in rows), printed
    graph_file = out_dir / "graph.ttl"
    assert f"graph written to {graph_file}" in printed
    page = out_dir / "graph.html"
    assert f"interactive view: {page}" in printed
    assert "Ignacio Pe\\u00f1aloza" in page.read_text() or "Ignacio Peñaloza" in page.read_text()
    g = Graph().parse(graph_file, format="turtle")
    assert len(g) == int(re.search(r"^triples: (\d+)", printed, re.M)[1])
    villacorta = node_labelled(g, "Andrés Villacorta")
    assert (villacorta, DIP.metWith, node_labelled(g, "Ignacio Peñaloza")) in g
    meetings = set(g.subjects(RDF.type, DIP.Meeting))
    assert any((m, SDO.eventStatus, DIP.Happened) in g for m in meetings)
    central = printed.split("most central actors", 1)[1].splitlines()[1:4]
    assert [line.split(".")[0].strip() for line in central] == ["1", "2", "3"], printed
    # Seitkaliyev met the Turkish president and four summit leaders: nobody has more ties
    assert "Daulet Seitkaliyev" in central[0] + central[1], printed


@pytest.mark.slow  # python -m kg in a child process
def test_python_m_kg_help():
    proc = run_subprocess("--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: kg")
    for command in ("build", "demo", "validate"):
        assert command in proc.stdout
    proc = run_subprocess("build", "--help")
    assert proc.returncode == 0
    for option in ("--output", "--format", "--model", "--append", "--max-bytes"):
        assert option in proc.stdout
