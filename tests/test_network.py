"""Network analytics (:mod:`kg.network`) and ``kg analyze`` on hand-built graphs.

Everything is written from :class:`kg.model.Extraction` records with
:func:`kg.rdf.extractions_to_graph`, so no spaCy model is needed; the people
are fictional (apart from the name used to test diacritics).
"""
from __future__ import annotations

import argparse

import networkx as nx
import pytest
from rdflib import Graph

from kg.commands.analyze import add_parser
from kg.errors import ActorNotFound, KGError, NoPath, UsageError
from kg.model import Actor, Article, Evidence, Extraction, Fact, Thing
from kg.network import (betweenness_centrality, collapse, communities, degree_centrality, ego_network, find_actor,
                        shortest_path, timeline, to_networkx)
from kg.rdf import extractions_to_graph


def _article(aid: str, facts: list[tuple], actors: dict[str, Actor], things=None, title=None) -> Extraction:
    """An extraction whose facts are (relation, subject, object, sentence, extra kwargs)."""
    text, out, starts = "", [], {}
    for rel, subj, obj, sentence, *extra in facts:
        if sentence not in starts:  # one sentence, one span: co-signers share the signing
            starts[sentence] = len(text)
            text += sentence + " "
        start = starts[sentence]
        evidence = Evidence(sentence, start, start + len(sentence))
        out.append(Fact(rel, subj, obj, evidence, **(extra[0] if extra else {})))
    return Extraction(Article(aid, text, title=title or f"Headline {aid}", url=f"https://news.example/{aid}"),
                      actors, things or {}, out)


def _people(*names: str) -> dict[str, Actor]:
    return {n.lower(): Actor(n.lower(), n, "person") for n in names}


# --------------------------------------------------------------- two clusters

HUB, BRIDGE = "Hana Hub", "Xavier Bridge"
WEST = ["Ada West", "Ben West", "Cy West", "Dee West", "Eve West"]
EAST = ["Fay East", "Gus East", "Hal East", "Ivy East"]


@pytest.fixture(scope="module")
def clusters() -> nx.MultiGraph:
    """West: a hub met five people who meet in a ring.  East: four people, all met.

    The bridge met two Westerners and two Easterners: every West-East path
    crosses him.  The hub has the most contacts (five).
    """
    actors = _people(HUB, BRIDGE, *WEST, *EAST)
    pairs = [(HUB, w) for w in WEST]
    pairs += [(WEST[i], WEST[(i + 1) % 5]) for i in range(5)]
    pairs += [(a, b) for i, a in enumerate(EAST) for b in EAST[i + 1:]]
    pairs += [(BRIDGE, WEST[0]), (BRIDGE, WEST[2]), (BRIDGE, EAST[0]), (BRIDGE, EAST[1])]
    facts = [("met_with", a.lower(), b.lower(), f"{a} met {b}.") for a, b in pairs]
    return to_networkx(extractions_to_graph([_article("clusters", facts, actors)]))


def test_hub_has_highest_degree(clusters: nx.MultiGraph) -> None:
    ranked = degree_centrality(clusters)
    assert ranked[0] == (HUB, pytest.approx(5 / 10))
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    assert len(degree_centrality(clusters, top=3)) == 3


def test_bridge_has_highest_betweenness(clusters: nx.MultiGraph) -> None:
    ranked = betweenness_centrality(clusters, top=2)
    assert ranked[0][0] == BRIDGE
    assert ranked[0][1] > ranked[1][1]


def test_two_clusters_are_two_communities(clusters: nx.MultiGraph) -> None:
    found = communities(clusters, seed=0)
    assert len(found) == 2
    west = next(c for c in found if HUB in c)
    east = next(c for c in found if EAST[0] in c)
    assert set(WEST) <= set(west) and set(EAST) <= set(east)
    assert communities(clusters, seed=0) == found  # seeded: deterministic


def test_collapse_counts_facts() -> None:
    actors = _people("Ann One", "Bob Two")
    facts = [("met_with", "ann one", "bob two", "Ann One met Bob Two."),
             ("called", "bob two", "ann one", "Bob Two called Ann One.")]
    G = to_networkx(extractions_to_graph([_article("a1", facts, actors)]))
    assert G.number_of_edges() == 2  # one edge per fact
    assert [d["weight"] for *_, d in collapse(G).edges(data=True)] == [2]
    assert [d["weight"] for *_, d in collapse(G, relations="called").edges(data=True)] == [1]


def test_unknown_relation_is_a_usage_error(clusters: nx.MultiGraph) -> None:
    with pytest.raises(UsageError, match="unknown relation.*met_wiht"):
        degree_centrality(clusters, relations=["met_wiht"])
    with pytest.raises(TypeError):
        degree_centrality(nx.Graph())


# ------------------------------------------------------------ a chain of facts

ERDOGAN, KOFI, AMANI, LINA = "recep tayyip erdogan", "kofi mensah", "amani otieno", "lina zhou"
S_MET = "Recep Tayyip Erdoğan met Kofi Mensah in Ankara."
S_CALL = "Kofi Mensah called Amani Otieno."
S_SIGN = "Amani Otieno and Lina Zhou signed the port agreement."


def _chain_graph() -> Graph:
    actors = {
        ERDOGAN: Actor(ERDOGAN, "Recep Tayyip Erdoğan", "person", {"Erdoğan"}, {"Turkish President"}),
        KOFI: Actor(KOFI, "Kofi Mensah", "person", {"Mensah"}, {"Foreign Minister"}, "ghana"),
        AMANI: Actor(AMANI, "Amani Otieno", "person"),
        LINA: Actor(LINA, "Lina Zhou", "person"),
        "ghana": Actor("ghana", "Ghana", "country"),
        "mahinda rajapaksa": Actor("mahinda rajapaksa", "Mahinda Rajapaksa", "person"),
        "gotabaya rajapaksa": Actor("gotabaya rajapaksa", "Gotabaya Rajapaksa", "person"),
    }
    things = {"port agreement": Thing("port agreement", "port agreement", "document", "agreement"),
              "solo declaration": Thing("solo declaration", "solo declaration", "document"),
              "sea summit": Thing("sea summit", "Sea Summit", "event", "summit")}
    return extractions_to_graph([
        _article("a1", [("met_with", ERDOGAN, KOFI, S_MET, {"date": "2025-03-01", "place": "Ankara"}),
                        ("met_with", ERDOGAN, LINA, "Erdoğan will meet Lina Zhou.", {"status": "planned"}),
                        ("called", ERDOGAN, AMANI, "Erdoğan did not call Otieno.", {"status": "negated"}),
                        ("signed", ERDOGAN, "solo declaration", "Erdoğan signed a solo declaration.")],
                 actors, things, title="Erdoğan hosts Mensah"),
        _article("a2", [("called", KOFI, AMANI, S_CALL, {"date": "2025-02-10"})], actors, things),
        _article("a3", [("signed", AMANI, "port agreement", S_SIGN, {"date": "2025-04-05"}),
                        ("signed", LINA, "port agreement", S_SIGN, {"date": "2025-04-05"}),
                        ("attended", ERDOGAN, "sea summit", "Erdoğan and Zhou attended the Sea Summit.",
                         {"date": "2025-05-01"}),
                        ("attended", LINA, "sea summit", "Erdoğan and Zhou attended the Sea Summit.",
                         {"date": "2025-05-01"})], actors, things),
    ])


@pytest.fixture(scope="module")
def chain() -> nx.MultiGraph:
    return to_networkx(_chain_graph())


def test_nodes_and_edges_carry_attributes(chain: nx.MultiGraph) -> None:
    kofi = find_actor(chain, "Kofi Mensah")
    assert kofi.endswith("/person/kofi-mensah")
    assert chain.nodes[kofi] == {"label": "Kofi Mensah", "type": "person", "country": "Ghana",
                                 "roles": ["Foreign Minister"], "aliases": ["Mensah"]}
    assert chain.nodes[find_actor(chain, "ghana")]["type"] == "country"
    (key, data), = chain[find_actor(chain, "erdogan")][kofi].items()
    assert key == data["event"] and "/event/met_with-" in key
    assert (data["relation"], data["date"], data["place"], data["sentence"], data["article"], data["title"],
            data["url"]) == ("met_with", "2025-03-01", "Ankara", S_MET, "a1", "Erdoğan hosts Mensah",
                             "https://news.example/a1")
    signed = chain[find_actor(chain, AMANI)][find_actor(chain, LINA)]
    assert sorted((d["relation"], d["document"]) for d in signed.values()) == [("signed", "port agreement")]


def test_planned_and_negated_events_are_left_out(chain: nx.MultiGraph) -> None:
    erdogan = find_actor(chain, "Erdogan")
    assert sorted(d["relation"] for *_, d in chain.edges(erdogan, data=True)) == ["attended", "met_with"]
    assert not any("Otieno" in (d["sentence"] or "") and d["relation"] == "called" and "not" in d["sentence"]
                   for d in chain.graph["events"].values())


@pytest.mark.parametrize("name", ["erdogan", "Erdoğan", "RECEP TAYYIP ERDOGAN", "recep tayyip erdoğan"])
def test_name_matching_folds_case_and_diacritics(chain: nx.MultiGraph, name: str) -> None:
    assert chain.nodes[find_actor(chain, name)]["label"] == "Recep Tayyip Erdoğan"


def test_actor_not_found_lists_close_matches(chain: nx.MultiGraph) -> None:
    with pytest.raises(ActorNotFound, match="no actor named 'Kofi Mendez'.*close matches: Kofi Mensah"):
        find_actor(chain, "Kofi Mendez")
    with pytest.raises(ActorNotFound, match="ambiguous.*Gotabaya Rajapaksa, Mahinda Rajapaksa"):
        find_actor(chain, "Rajapaksa")
    assert issubclass(ActorNotFound, KGError)


def test_shortest_path_with_evidence(chain: nx.MultiGraph) -> None:
    hops = shortest_path(chain, "erdogan", "lina zhou")
    assert [(h.source, h.relation, h.target) for h in hops] == [
        ("Recep Tayyip Erdoğan", "met_with", "Kofi Mensah"),
        ("Kofi Mensah", "called", "Amani Otieno"),
        ("Amani Otieno", "signed", "Lina Zhou")]
    assert [h.sentence for h in hops] == [S_MET, S_CALL, S_SIGN]
    assert [h.date for h in hops] == ["2025-03-01", "2025-02-10", "2025-04-05"]
    assert [h.article for h in hops] == ["a1", "a2", "a3"]
    assert hops[2].document == "port agreement"


def test_shortest_path_relations_and_no_path(chain: nx.MultiGraph) -> None:
    hops = shortest_path(chain, "Erdoğan", "Zhou", relations=["met_with", "attended"])
    assert [(h.relation, h.document, h.date) for h in hops] == [("attended", "Sea Summit", "2025-05-01")]
    with pytest.raises(NoPath, match="Recep Tayyip Erdoğan to Lina Zhou"):
        shortest_path(chain, "Erdoğan", "Zhou", relations=["met_with"])


def test_ego_network(chain: nx.MultiGraph) -> None:
    one = ego_network(chain, "Mensah")
    assert sorted(one.nodes[n]["label"] for n in one) == [
        "Amani Otieno", "Kofi Mensah", "Recep Tayyip Erdoğan"]
    two = ego_network(chain, "Mensah", radius=2)
    assert "Lina Zhou" in {two.nodes[n]["label"] for n in two}
    assert {d["relation"] for *_, d in two.edges(data=True)} == {"met_with", "called", "signed"}


def test_timeline_is_sorted_by_date(chain: nx.MultiGraph) -> None:
    assert [(t.date, t.relation, t.target) for t in timeline(chain, "Kofi Mensah")] == [
        ("2025-02-10", "called", "Amani Otieno"), ("2025-03-01", "met_with", "Recep Tayyip Erdoğan")]
    erdogan = timeline(chain, "erdogan")
    assert [(t.date, t.relation, t.target, t.document) for t in erdogan] == [
        ("2025-03-01", "met_with", "Kofi Mensah", None),
        ("2025-05-01", "attended", "Lina Zhou", "Sea Summit"),
        (None, "signed", "", "solo declaration")]  # undated and alone: last, no counterpart
    assert erdogan[0].place == "Ankara" and erdogan[0].sentence == S_MET


# ------------------------------------------------------------------ kg analyze

@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("analyze") / "graph.ttl"
    _chain_graph().serialize(path, format="turtle")
    return str(path)


def _run(argv: list[str], capsys) -> str:
    p = argparse.ArgumentParser(prog="kg")
    add_parser(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(argv)
    assert args.func(args) == 0
    return capsys.readouterr().out


def test_analyze_overview_top(graph_file: str, capsys) -> None:
    out = _run(["analyze", graph_file, "--top", "2"], capsys)
    degree = out.split("top 2 by degree centrality:")[1].split("\n\n")[0].strip().splitlines()
    assert len(degree) == 2 and "Amani Otieno" in degree[0] and "Kofi Mensah" in degree[1]
    between = out.split("top 2 by betweenness centrality:")[1].split("\n\n")[0].strip().splitlines()
    assert len(between) == 2 and {"Amani Otieno", "Kofi Mensah"} == {
        line.split(".", 1)[1].rsplit(" ", 1)[0].strip() for line in between}
    assert "communities" in out and "Lina Zhou" in out.split("communities")[1]


def test_analyze_actor(graph_file: str, capsys) -> None:
    out = _run(["analyze", graph_file, "--actor", "kofi mensah"], capsys)
    assert out.startswith("Kofi Mensah (person, Ghana)")
    assert "2 direct contacts" in out
    tl = out.split("timeline")[1]
    assert tl.index("2025-02-10") < tl.index("2025-03-01, Ankara")
    assert f'"{S_MET}"' in tl and "article a1 — Erdoğan hosts Mensah" in tl


def test_analyze_path(graph_file: str, capsys) -> None:
    out = _run(["analyze", graph_file, "--path", "Erdogan", "Lina Zhou"], capsys)
    assert out.splitlines()[0] == "Recep Tayyip Erdoğan to Lina Zhou: 3 hops"
    assert out.index(S_MET) < out.index(S_CALL) < out.index(S_SIGN)
    assert "Kofi Mensah --called--> Amani Otieno" in out


def test_analyze_errors(graph_file: str, capsys) -> None:
    with pytest.raises(ActorNotFound, match="Kofi Mensah"):
        _run(["analyze", graph_file, "--actor", "Kofi Mendez"], capsys)
    with pytest.raises(UsageError):
        _run(["analyze", graph_file, "--relations", "met,signed"], capsys)
    with pytest.raises(KGError, match="no such file"):
        _run(["analyze", graph_file + ".missing"], capsys)
