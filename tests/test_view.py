"""The HTML view (:mod:`kg.view`) and ``kg view`` on hand-built graphs.

Graphs are written from :class:`kg.model.Extraction` records with
:func:`kg.rdf.extractions_to_graph` (no spaCy model needed); the people are
fictional.  The embedded data block is parsed back to check what the page shows.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time

import pytest

from kg.commands.view import add_parser
from kg.errors import ActorNotFound, UsageError
from kg.model import Actor, Thing
from kg.network import to_networkx
from kg.rdf import extractions_to_graph
from kg.view import display, render, view_data, write_html
from conftest import hand_extraction

DATA_BLOCK = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.S)


def _data(page: str) -> dict:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


_article = hand_extraction


def _actors() -> dict[str, Actor]:
    return {"ana ruiz": Actor("ana ruiz", "Ana Ruiz", "person", {"Ruiz"}, {"foreign minister"}, "peru"),
            "bo li": Actor("bo li", "Bo Li", "person"),
            "cem kaya": Actor("cem kaya", "Cem Kaya", "person"),
            "dia sow": Actor("dia sow", "Dia Sow", "person"),
            "peru": Actor("peru", "Peru", "country"),
            "asean": Actor("asean", "ASEAN", "organization")}


@pytest.fixture(scope="module")
def small():
    """Ana met Bo (twice, two dates), called Cem, signed a pact with Peru; Bo and Dia attended a forum;
    ASEAN met Dia; Cem will meet Dia (planned: not shown)."""
    acts = _actors()
    things = {"pact": Thing("pact", "Lima Pact", "document", "agreement"),
              "forum": Thing("forum", "Andes Forum", "event", "forum")}
    a1 = _article("a1", [("met_with", "ana ruiz", "bo li", "Ana Ruiz met Bo Li in Lima.",
                          {"date": "2025-01-02", "place": "Lima"}),
                         ("called", "ana ruiz", "cem kaya", "Ana Ruiz called Cem Kaya.", {"date": "2025-03-01"}),
                         ("met_with", "cem kaya", "dia sow", "Cem Kaya will meet Dia Sow.", {"status": "planned"})],
                  acts)
    a2 = _article("a2", [("met_with", "ana ruiz", "bo li", "Ruiz and Bo Li met again.", {"date": "2025-06-10"}),
                         ("signed", "ana ruiz", "pact", "Ruiz and Peru signed the Lima Pact.", {"date": "2025-06-11"}),
                         ("signed", "peru", "pact", "Ruiz and Peru signed the Lima Pact.", {"date": "2025-06-11"}),
                         ("attended", "bo li", "forum", "Bo Li and Dia Sow attended the Andes Forum."),
                         ("attended", "dia sow", "forum", "Bo Li and Dia Sow attended the Andes Forum."),
                         ("met_with", "asean", "dia sow", "ASEAN met Dia Sow.", {"date": "2024-12-01"})],
                  acts, things)
    return extractions_to_graph([a1, a2])


# ------------------------------------------------------------------ counts and data

def test_counts_match_the_graph(small) -> None:
    G = to_networkx(small)
    page = render(small, note=None)
    data = _data(page)
    assert data["events"] == {"met_with": 3, "called": 1, "signed": 1, "attended": 1}  # what the page counts
    assert len(data["nodes"]) == G.number_of_nodes() == 6
    assert sum(len(e["facts"]) for e in data["edges"]) == G.number_of_edges() == 6
    pairs = {(u, v, d["relation"]) for u, v, d in G.edges(data=True)}
    assert len(data["edges"]) == len({(min(u, v), max(u, v), r) for u, v, r in pairs}) == 5
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    met = [e for e in data["edges"] if e["relation"] == "met_with"
           and {labels[e["from"]], labels[e["to"]]} == {"Ana Ruiz", "Bo Li"}]
    assert len(met) == 1 and [f["date"] for f in met[0]["facts"]] == ["2025-01-02", "2025-06-10"]
    assert met[0]["facts"][0]["sentence"] == "Ana Ruiz met Bo Li in Lima."
    assert met[0]["facts"][0]["url"] == "https://news.example/a1"
    ana = next(n for n in data["nodes"] if n["label"] == "Ana Ruiz")
    assert (ana["type"], ana["country"], ana["roles"], ana["aliases"], ana["degree"]) == \
        ("person", "Peru", ["foreign minister"], ["Ruiz"], 4)
    assert {n["type"] for n in data["nodes"]} == {"person", "country", "organization"}
    # the same from the networkx graph
    assert _data(render(G, note=None))["edges"] == data["edges"]
    # the count of kg.counts: one per event (the signing of Ana and Peru is one), planned ones left out
    assert view_data(small)["events"] == data["events"]
    assert "6 actors; events that happened: met_with 3, signed 1, attended 1, called 1" in page
    assert ana["events"] == 4 and next(n for n in data["nodes"] if n["label"] == "Dia Sow")["events"] == 2


def test_page_has_controls_legend_and_no_physics(small) -> None:
    page = render(small, note=None)
    for bit in ('id="kg-search"', 'id="kg-relations"', 'id="kg-legend"', "Organisation", "Document",
                'id="kg-mode"', 'id="kg-from"', 'id="kg-to"', 'id="kg-play"', 'id="kg-undated" type="checkbox" checked',
                'id="kg-country"', 'id="kg-kinds"', 'id="kg-isolated" type="checkbox">',
                'id="kg-plans" type="checkbox">', 'id="kg-png"', 'id="kg-csv"',
                "physics: false", "afterDrawing", "textContent", "new vis.Network"):
        assert bit in page, bit
    assert "barnesHut" not in page.rsplit("<script>", 1)[1]  # the layout comes from Python
    app = page.rsplit("<script>", 1)[1]
    assert "innerHTML" not in app and "insertAdjacentHTML" not in app and "document.write" not in app


# ------------------------------------------------------------------ filters

def test_relation_filter(small) -> None:
    data = _data(render(small, relations="met_with,called", note=None))
    assert {e["relation"] for e in data["edges"]} == {"met_with", "called"}
    assert sum(len(e["facts"]) for e in data["edges"]) == 4
    assert sorted(n["label"] for n in data["nodes"]) == ["ASEAN", "Ana Ruiz", "Bo Li", "Cem Kaya", "Dia Sow"]
    data = _data(render(small, relations=["signed"], note=None))
    assert [(e["relation"], e["facts"][0]["document"]) for e in data["edges"]] == [("signed", "Lima Pact")]
    with pytest.raises(UsageError):
        render(small, relations="met,signed", note=None)


def test_date_filters(small) -> None:
    data = _data(render(small, since="2025-01-01", until="2025-03-31", note=None))
    assert sorted(f["date"] for e in data["edges"] for f in e["facts"]) == ["2025-01-02", "2025-03-01"]
    data = _data(render(small, since="2025-06-01", note=None))
    assert sorted(f["date"] for e in data["edges"] for f in e["facts"]) == ["2025-06-10", "2025-06-11"]
    data = _data(render(small, until="2024-12-31", note=None))
    assert [(e["relation"], sorted(n["label"] for n in data["nodes"])) for e in data["edges"]] == \
        [("met_with", ["ASEAN", "Dia Sow"])]
    with pytest.raises(UsageError):
        render(small, since="June", note=None)
    with pytest.raises(UsageError):
        render(small, since="2025-02-01", until="2025-01-01", note=None)


def test_actor_and_depth(small) -> None:
    data = _data(render(small, actor="cem kaya", note=None))
    assert sorted(n["label"] for n in data["nodes"]) == ["Ana Ruiz", "Cem Kaya"]
    assert [n["centre"] for n in data["nodes"] if n["label"] == "Cem Kaya"] == [True]
    data = _data(render(small, actor="Cem Kaya", depth=2, note=None))
    assert sorted(n["label"] for n in data["nodes"]) == ["Ana Ruiz", "Bo Li", "Cem Kaya", "Peru"]
    assert sum(len(e["facts"]) for e in data["edges"]) == 4  # called, met x2, signed
    data = _data(render(small, actor="Cem Kaya", depth=2, relations="called,met_with", note=None))
    assert sorted(n["label"] for n in data["nodes"]) == ["Ana Ruiz", "Bo Li", "Cem Kaya"]
    data = _data(render(small, actor="Dia Sow", depth=0, note=None))
    assert [n["label"] for n in data["nodes"]] == ["Dia Sow"] and data["edges"] == []
    with pytest.raises(ActorNotFound):
        render(small, actor="Zed Nobody", note=None)
    with pytest.raises(UsageError):
        render(small, actor="Dia Sow", depth=-1, note=None)


# ------------------------------------------------------------------ offline

EXTERNAL = [re.compile(p, re.I) for p in (
    r"<script[^>]*\bsrc\s*=", r"<link[^>]*\bhref\s*=\s*[\"']?\s*(https?:)?//", r"@import",
    r"url\(\s*[\"']?\s*(https?:)?//", r"<(img|iframe|embed|object|source)[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//")]


def test_no_external_references(small) -> None:
    page = render(small, note=None)
    for pattern in EXTERNAL:
        assert not pattern.search(page), pattern.pattern
    lowered = page.lower()
    assert "cdn.jsdelivr" not in lowered and "cdnjs" not in lowered and "unpkg" not in lowered
    assert "bootstrap" not in lowered and "tom-select" not in lowered
    tags = re.findall(r"^<script[^>]*>", page, re.M)  # vis-network, the data, the app: all inline
    assert tags == ["<script>", '<script id="kg-data" type="application/json">', "<script>"]


# ------------------------------------------------------------------ hostile input

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "Mr \"Q\" met 'Z' </script><script>alert(2)</script> & left."


@pytest.fixture(scope="module")
def hostile():
    acts = {"evil": Actor("evil", HOSTILE_NAME, "person", {HOSTILE_IMG}, {"</script>"}),
            "quote": Actor("quote", "O'Brien \"the\" <b>Bold</b>", "organization")}
    ex = _article("x<1>", [("met_with", "evil", "quote", HOSTILE_SENTENCE, {"place": HOSTILE_IMG})],
                  acts, title=f"{HOSTILE_IMG} \"headline\" </script>", url="javascript:alert(1)")
    return extractions_to_graph([ex])


def test_hostile_text_is_escaped(hostile) -> None:
    page = render(hostile, title="<script>alert('t')</script> & \"x\"", note=None)
    for raw in (HOSTILE_NAME, HOSTILE_IMG, "<script>alert(2)", "<b>Bold</b>", "<script>alert('t')",
                "alert(1)</script>"):
        assert raw not in page, raw
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, re.I)
    assert "<title>&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; &quot;x&quot;</title>" in page
    assert "<h1>&lt;script&gt;" in page
    block = DATA_BLOCK.findall(page)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    assert "</script" not in block.lower()
    # the text survives, as text, and the javascript: URL is not offered as a link
    data = json.loads(block)
    labels = sorted(n["label"] for n in data["nodes"])
    assert HOSTILE_NAME in labels and "O'Brien \"the\" <b>Bold</b>" in labels
    fact = data["edges"][0]["facts"][0]
    assert fact["sentence"] == HOSTILE_SENTENCE and fact["place"] == HOSTILE_IMG
    assert fact["url"] is None and fact["url_text"] == "javascript:alert(1)"
    assert fact["title"].startswith(HOSTILE_IMG) and fact["article"] == "x<1>"
    # the app checks URLs again before making a link
    assert "/^https?:\\/\\/[^\\s]+$/i.test(u)" in page


def test_line_separators_are_escaped() -> None:
    acts = {"a": Actor("a", "Ann\u2028Lee", "person"), "b": Actor("b", "Bob\u2029Ray", "person")}
    G = extractions_to_graph([_article("ls", [("met_with", "a", "b", "Ann\u2028Lee met Bob.")], acts)])
    page = render(G, note=None)
    block = DATA_BLOCK.findall(page)[0]
    assert "\u2028" not in block and "\u2029" not in block
    assert "Ann\u2028Lee" in {n["label"] for n in json.loads(block)["nodes"]}


def test_display_escapes_srcdoc(hostile) -> None:
    shown = display(hostile, note=None)
    markup = getattr(shown, "data", None) or shown._repr_html_()
    assert markup.startswith("<iframe srcdoc=\"")
    assert "<script" not in markup and HOSTILE_NAME not in markup
    assert "&lt;script&gt;" in markup


# ------------------------------------------------------------------ scale

def _random_graph(n_actors: int, n_facts: int, seed: int = 1):
    rng = random.Random(seed)
    names = [f"Person {i:04d}" for i in range(n_actors)]
    acts = {n.lower(): Actor(n.lower(), n, "person") for n in names}
    exs, facts = [], []
    for i in range(n_facts):
        if i < n_actors:  # a ring first, so every actor takes part in something
            a, b = i, (i + 1) % n_actors
        else:  # then preferential: low numbers are hubs
            a, b = min(rng.randrange(n_actors), rng.randrange(n_actors)), rng.randrange(n_actors)
        if a == b:
            b = (b + 1) % n_actors
        facts.append(("met_with", names[a].lower(), names[b].lower(), f"{names[a]} met {names[b]} ({i}).",
                      {"date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"}))
        if len(facts) == 100:
            exs.append(_article(f"r{len(exs)}", facts, {k: acts[k] for f in facts for k in f[1:3]}))
            facts = []
    if facts:
        exs.append(_article(f"r{len(exs)}", facts, {k: acts[k] for f in facts for k in f[1:3]}))
    return extractions_to_graph(exs)


@pytest.fixture(scope="module")
def big():
    G = to_networkx(_random_graph(2000, 4000))
    assert G.number_of_nodes() == 2000
    return G


@pytest.fixture(scope="module")
def medium():
    """A graph of 400 actors and 800 facts: enough for --max-nodes 100 to leave most out."""
    G = to_networkx(_random_graph(400, 800))
    assert G.number_of_nodes() == 400
    return G


@pytest.fixture(scope="module")
def modest():
    """A graph of 150 actors and 300 facts: enough for max_nodes=40 to leave most out."""
    return to_networkx(_random_graph(150, 300))


def test_max_nodes_keeps_the_most_connected(modest, capsys) -> None:
    data = view_data(modest, max_nodes=40)
    assert len(data["nodes"]) == 40
    degree = dict(modest.degree())
    kept = {n["iri"] for n in data["nodes"]}
    threshold = min(degree[n] for n in kept)
    assert all(degree[n] <= threshold for n in modest if n not in kept)
    assert data["omitted"]["nodes"] == modest.number_of_nodes() - 40 == 110
    shown = sum(len(e["facts"]) for e in data["edges"])
    assert data["omitted"]["facts"] == modest.number_of_edges() - shown > 0
    page = render(modest, max_nodes=40)
    err = capsys.readouterr().err
    message = f"{modest.number_of_nodes() - 40} less connected actors"
    assert message in err and message in page
    assert "showing the 40 most connected actors" in page


@pytest.mark.slow  # a big input: 2,000 actors, 4,000 facts
def test_two_thousand_nodes_render_quickly(big) -> None:
    start = time.perf_counter()
    page = render(big, max_nodes=2500, note=None)
    took = time.perf_counter() - start
    print(f"\nrendered {big.number_of_nodes()} actors, {big.number_of_edges()} facts in {took:.2f}s "
          f"({len(page) / 1e6:.1f} MB)")
    data = _data(page)
    assert len(data["nodes"]) == big.number_of_nodes()
    assert sum(len(e["facts"]) for e in data["edges"]) == big.number_of_edges()
    assert took < 30
    default = view_data(big)  # default max-nodes 1500
    assert len(default["nodes"]) == 1500 and default["omitted"]["nodes"] == big.number_of_nodes() - 1500


# ------------------------------------------------------------------ the command and files

def _run(argv: list[str], capsys) -> tuple[str, str]:
    p = argparse.ArgumentParser(prog="kg")
    add_parser(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(argv)
    assert args.func(args) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_command_writes_the_file(small, tmp_path, capsys) -> None:
    graph_file = tmp_path / "graph.ttl"
    small.serialize(graph_file, format="turtle")
    out_file = tmp_path / "out" / "view.html"
    out, _ = _run(["view", str(graph_file), "-o", str(out_file)], capsys)
    assert out.strip() == str(out_file)
    page = out_file.read_text(encoding="utf-8")
    assert len(_data(page)["nodes"]) == 6
    out, _ = _run(["view", str(graph_file), "-o", str(out_file), "--actor", "Cem Kaya", "--depth", "1",
                   "--relation", "called", "--since", "2025-01-01", "--until", "2025-12-31"], capsys)
    assert sorted(n["label"] for n in _data(out_file.read_text(encoding="utf-8"))["nodes"]) == \
        ["Ana Ruiz", "Cem Kaya"]
    _, err = _run(["view", str(graph_file), "-o", str(out_file), "--max-nodes", "2"], capsys)
    assert "note: showing the 2 most connected actors: 4 less connected actors" in err
    assert [p.name for p in out_file.parent.iterdir()] == ["view.html"]  # no temporary files left


def test_command_rejects_bad_options() -> None:
    p = argparse.ArgumentParser(prog="kg")
    add_parser(p.add_subparsers(dest="command", required=True))
    for bad in (["--max-nodes", "0"], ["--depth", "-1"]):
        with pytest.raises(SystemExit):
            p.parse_args(["view", "g.ttl", *bad])


def test_write_html_is_atomic(small, tmp_path) -> None:
    target = tmp_path / "v.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UsageError):
        write_html(target, small, since="nope", note=None)
    assert target.read_text(encoding="utf-8") == "old"
    assert write_html(target, small, note=None) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ------------------------------------------------------------------ issue 19: time, modes, filters, layout

def test_period_and_happenings(small) -> None:
    data = view_data(small)
    assert data["period"] == {"from": "2024-12-01", "to": "2025-06-11", "undated": 1}  # the forum has no date
    assert len(data["happenings"]) == sum(data["events"].values()) == 6
    dates = [h["date"] for h in data["happenings"]]
    assert dates == sorted(d for d in dates if d) + [None]  # by date, undated last
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    signing = next(h for h in data["happenings"] if h["relation"] == "signed")
    assert sorted(labels[a] for a in signing["actors"]) == ["Ana Ruiz", "Peru"]
    assert signing["sentence"] == "Ruiz and Peru signed the Lima Pact." and signing["url"] == "https://news.example/a2"
    # the page's range follows the filters
    assert view_data(small, since="2025-03-01")["period"] == {"from": "2025-03-01", "to": "2025-06-11", "undated": 0}


def test_event_network_links_actors_to_documents_and_events(small) -> None:
    data = view_data(small)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    things = {t["id"]: t for t in data["things"]}
    links = {(labels[link["from"]], things[link["to"]]["label"], things[link["to"]]["type"], link["relation"])
             for link in data["links"]}
    assert ("Ana Ruiz", "Lima Pact", "document", "signed") in links
    assert ("Peru", "Lima Pact", "document", "signed") in links
    assert ("Bo Li", "Andes Forum", "event", "attended") in links
    assert ("Dia Sow", "Andes Forum", "event", "attended") in links
    # the two meetings of Ana and Bo are two event nodes, the RDF's own (their IRIs and labels)
    meetings = [t for t in data["things"] if {labels[link["from"]] for link in data["links"] if link["to"] == t["id"]}
                == {"Ana Ruiz", "Bo Li"} and t["type"] == "event"]
    assert len(meetings) == 2 and len({t["iri"] for t in meetings}) == 2
    assert all(t["iri"] in {h["event"] for h in data["happenings"]} for t in meetings)
    # drawn: documents and attended events named, meetings not (their label repeats their links)
    captions = {t["label"]: t["caption"] for t in data["things"]}
    assert captions["Lima Pact"] == "Lima Pact" and captions["Andes Forum"] == "Andes Forum"
    assert [t["caption"] for t in meetings] == ["", ""] and all(t["label"] for t in meetings)
    # a small event network has a layout of its own, for the actors too
    assert all(isinstance(n["ex"], float) and isinstance(n["ey"], float) for n in data["nodes"])
    for link in data["links"]:  # every link points at its happening, of its relation
        happening = data["happenings"][link["happening"]]
        assert happening["relation"] == link["relation"] and link["from"] in happening["actors"]
        assert link["to"] in happening["things"]
    # from networkx (no RDF): documents by name, one node for the pact still
    nx_things = view_data(to_networkx(small))["things"]
    assert [t["label"] for t in nx_things if t["type"] == "document"] == ["Lima Pact"]


def test_filter_counts(small) -> None:
    counts = view_data(small)["counts"]
    assert counts["relation"] == {"attended": 1, "called": 1, "met_with": 3, "signed": 1}
    assert counts["kind"] == {"country": 1, "organization": 1, "person": 4}
    assert counts["country"] == {"": 4, "Peru": 2}  # Ana Ruiz is of Peru, and Peru is Peru
    assert view_data(small, relations="called")["counts"]["kind"] == {"person": 2}


def test_plan_only_and_isolated_actors() -> None:
    acts = {"eve ong": Actor("eve ong", "Eve Ong", "person"), "fay tan": Actor("fay tan", "Fay Tan", "person"),
            "gus roe": Actor("gus roe", "Gus Roe", "person"), "hal ash": Actor("hal ash", "Hal Ash", "person")}
    ex = _article("p1", [("met_with", "eve ong", "fay tan", "Eve Ong will meet Fay Tan.", {"status": "planned"}),
                         ("met_with", "eve ong", "hal ash", "Eve Ong met Hal Ash.", {"date": "2025-02-02"}),
                         ("called", "fay tan", "hal ash", "Fay Tan did not call Hal Ash.", {"status": "negated"})],
                  acts)
    data = view_data(extractions_to_graph([ex]))
    nodes = {n["label"]: n for n in data["nodes"]}
    assert {k: (v["plan_only"], v["degree"]) for k, v in nodes.items()} == {
        "Eve Ong": (False, 1), "Fay Tan": (True, 0), "Gus Roe": (False, 0), "Hal Ash": (False, 1)}
    page = _data(render(extractions_to_graph([ex]), note=None))
    assert [n["label"] for n in page["nodes"] if n["plan_only"]] == ["Fay Tan"]


def test_title_comes_from_the_graph_not_a_path(small, tmp_path, capsys) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, VOID

    assert view_data(small)["title"] == "Diplomatic knowledge graph: 2 articles, 2024-12-01 \u2013 2025-06-11"
    assert "<h1>Diplomatic knowledge graph: 2 articles, 2024-12-01 \u2013 2025-06-11</h1>" in render(small, note=None)
    assert "<h1>Mine</h1>" in render(small, title="Mine", note=None)
    named = extractions_to_graph([])
    for t in small:
        named.add(t)
    ds = URIRef("https://news.example/dataset")
    named.add((ds, RDF.type, VOID.Dataset))
    named.add((ds, DCTERMS.title, Literal("Andes desk </script><b>")))
    page = render(named, note=None)
    assert "<h1>Andes desk &lt;/script&gt;&lt;b&gt;</h1>" in page and "</script><b>" not in page
    graph_file = tmp_path / "secret-folder" / "graph.ttl"
    graph_file.parent.mkdir()
    small.serialize(graph_file, format="turtle")
    _run(["view", str(graph_file), "-o", str(tmp_path / "v.html")], capsys)
    written = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert "secret-folder" not in written and "graph.ttl" not in written
    _run(["view", str(graph_file), "-o", str(tmp_path / "v.html"), "--title", "Desk view"], capsys)
    assert "<h1>Desk view</h1>" in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_positions_are_computed_seeded_and_spread(small) -> None:
    one, two = view_data(small), view_data(small)
    xy = [(n["x"], n["y"]) for n in one["nodes"]]
    assert all(isinstance(c, float) for p in xy for c in p)
    assert xy == [(n["x"], n["y"]) for n in two["nodes"]]  # the same picture every time
    assert [(t["x"], t["y"]) for t in one["things"]] == [(t["x"], t["y"]) for t in two["things"]]
    assert xy != [(n["x"], n["y"]) for n in view_data(small, seed=8)["nodes"]]
    assert len(set(xy)) == len(xy)  # no two actors on one spot
    linked = {e["from"] for e in one["edges"]} | {e["to"] for e in one["edges"]}
    close = [(a, b) for a in one["nodes"] for b in one["nodes"] if a["id"] < b["id"] and a["id"] in linked
             and b["id"] in linked and (a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2 < 60 ** 2]
    assert close == []  # pushed apart: labels do not sit on each other


@pytest.mark.slow  # lays out 400 actors
def test_labels_only_central_nodes_on_big_graphs(medium, small) -> None:
    settings = _data(render(medium, max_nodes=400, note=None))["settings"]
    assert settings["labelTop"] < 400 and settings["labelZoom"] > 0
    assert _data(render(small, note=None))["settings"]["labelZoom"] == 0  # a small graph: every label


def test_hostile_text_in_timelines_and_event_nodes(hostile) -> None:
    page = render(hostile, note=None)
    data = _data(page)
    happening = data["happenings"][0]
    assert happening["url"] is None and happening["url_text"] == "javascript:alert(1)"
    assert happening["sentence"] == HOSTILE_SENTENCE
    assert "</script><script>alert(2)" not in page and "javascript:alert(1)" not in page.split("<script>")[0]
    app = page.rsplit("<script>", 1)[1]
    assert 'a.rel = "noopener noreferrer"' in app and "innerHTML" not in app
    assert "if (/^[=+\\-@\\t\\r]/.test(s)) s = \"'\" + s;" in app  # CSV cells cannot start a formula
