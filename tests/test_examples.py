"""The demo graph holds what ``examples/README.md`` says it holds.

The README lists, per article, the facts ``kg demo`` must give and the traps
it must not fall into, as table rows ``| fact/not | relation | subject |
object |``.  Each row is checked against the events of the demo graph that
come from that article (matched by its ``Title:`` header).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES
from kg.names import name_key
from kg.relations import symmetric

README = EXAMPLES.parent / "README.md"
SECTION = re.compile(r"^## (\S+\.txt)\s*$")
ROW = re.compile(r"^\|\s*(fact|not)\s*\|\s*([a-z_]+)\s*\|\s*(.+?)\s*\|\s*(.+?)\s*\|\s*$")


def readme_rows() -> list[tuple[str, str, str, str, str]]:
    """``(file, fact|not, relation, subject, object)`` for every table row of the README."""
    rows, current = [], None
    for line in README.read_text(encoding="utf-8").splitlines():
        if m := SECTION.match(line):
            current = m.group(1)
        elif (m := ROW.match(line)) and current:
            rows.append((current, *m.groups()))
    return rows


ROWS = readme_rows()


def title_of(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lower().startswith("title:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"{path.name} has no Title: header")


# demo_run (the folder kg demo wrote into, what it printed) is a session fixture of conftest.py


@pytest.fixture(scope="module")
def demo(demo_run):
    """The graph ``kg demo`` writes, as the networkx model of :mod:`kg.network`."""
    from kg.graphio import load_graph
    from kg.network import to_networkx

    return to_networkx(load_graph(demo_run[0] / "graph.ttl"))


def test_the_main_readme_shows_what_kg_demo_prints(demo_run):
    """The demo output in the top README is the real one (the time of the run aside)."""
    out, printed = demo_run
    text = (EXAMPLES.parents[1] / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(read \d+ article\(s\).*?)```", text, re.S)
    assert shown, "README.md has no kg demo output block"

    def steady(block: str) -> list[str]:
        block = block.replace(f"{out}{'/'}", "kg-demo/").replace(f"{out}", "kg-demo")
        return [re.sub(r" in [\d.]+ s \([\d.]+ articles/s\)", "", line).rstrip() for line in block.strip().splitlines()]

    assert steady(shown.group(1)) == steady(printed), "refresh the kg demo output in README.md"


def _events(G, file: str, relation: str) -> list[dict]:
    title = title_of(EXAMPLES / file)
    return [e for e in G.graph["events"].values() if e["relation"] == relation and e["title"] == title]


def _holds(G, file: str, relation: str, subject: str, obj: str) -> bool:
    from kg.network import find_actor

    me = find_actor(G, subject)
    for event in _events(G, file, relation):
        if me not in event["actors"]:
            continue
        if symmetric(relation):
            if find_actor(G, obj) in event["actors"]:
                return True
        elif name_key(obj) in name_key(event.get("document") or ""):
            return True  # a document, an event or a place, by its label
        elif any(name_key(obj) in map(name_key, _names(G, a)) for a in event.get("objects", ())):
            return True  # an actor ("visited Türkiye")
    return False


def _names(G, node: str) -> list[str]:
    return [G.nodes[node]["label"], *G.nodes[node]["aliases"]]


def test_the_readme_lists_facts_for_every_article():
    assert ROWS and not [line for line in README.read_text(encoding="utf-8").splitlines()
                         if re.match(r"^\|\s*(fact|not)\s*\|", line) and not ROW.match(line)]
    files = {row[0] for row in ROWS}
    assert files == {p.name for p in EXAMPLES.glob("*.txt")}
    for file in files:
        kinds = {row[1] for row in ROWS if row[0] == file}
        assert "fact" in kinds, f"{file}: no fact rows"


@pytest.mark.parametrize("file, kind, relation, subject, obj", ROWS,
                         ids=[f"{r[0][:2]}-{r[1]}-{r[2]}-{r[3]}-{r[4]}" for r in ROWS])
def test_demo_graph_matches_the_readme(demo, file, kind, relation, subject, obj):
    from kg.network import find_actor

    find_actor(demo, subject)  # every name in the tables is an actor of the graph (no typos)
    if symmetric(relation):  # (an unknown relation is an error here too)
        find_actor(demo, obj)
    holds = _holds(demo, file, relation, subject, obj)
    if kind == "fact":
        found = [(e["document"], sorted(demo.nodes[a]["label"] for a in e["actors"]))
                 for e in _events(demo, file, relation)]
        assert holds, f"{file}: no {relation} of {subject!r} with {obj!r}; the article gives {found}"
    else:
        assert not holds, f"{file}: {subject!r} {relation} {obj!r} must not be a fact"
