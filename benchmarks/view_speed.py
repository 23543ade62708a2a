"""How long the HTML view of a large actor network takes: kg.view against pyvis' own API.

pyvis' ``Network.add_edge`` checks every existing edge for a duplicate, so adding
E edges costs O(E^2); ``kg.view`` builds its node and edge lists itself.  This
script builds one synthetic network, times both on it in one run and prints the
ratio.

    python benchmarks/view_speed.py --nodes 2000 --edges 4000

Last line: ``ratio <pyvis/kg> kg_seconds <s> pyvis_seconds <s>``.
"""
from __future__ import annotations

import argparse
import random
import time

import networkx as nx


def synthetic(nodes: int, edges: int, seed: int = 7) -> nx.MultiGraph:
    """A MultiGraph shaped like ``kg.network.to_networkx``'s output."""
    rng = random.Random(seed)
    G = nx.MultiGraph(events={})
    for i in range(nodes):
        G.add_node(f"urn:p{i}", label=f"Person {i}", type="person", country=None, roles=[], aliases=[])
    for j in range(edges):
        a, b = rng.sample(range(nodes), 2)
        G.add_edge(f"urn:p{a}", f"urn:p{b}", key=f"urn:e{j}", relation=rng.choice(["met_with", "signed", "called"]),
                   date=f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", place=None,
                   sentence=f"Person {a} met Person {b}.", article=f"a{j}", title=None, url=None,
                   event=f"urn:e{j}", document=None)
    return G


def time_kg(G: nx.MultiGraph) -> float:
    from kg.view import render

    start = time.perf_counter()
    render(G, max_nodes=len(G) + 1, note=lambda message: None)
    return time.perf_counter() - start


def time_pyvis(G: nx.MultiGraph) -> float:
    from pyvis.network import Network

    start = time.perf_counter()
    net = Network(cdn_resources="in_line")
    for node, data in G.nodes(data=True):
        net.add_node(node, label=data["label"])
    for a, b, data in G.edges(data=True):
        net.add_edge(a, b, title=data["sentence"], label=data["relation"])
    net.generate_html()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=4000)
    args = ap.parse_args()
    G = synthetic(args.nodes, args.edges)
    ours = time_kg(G)
    theirs = time_pyvis(G)
    print(f"nodes {args.nodes} edges {args.edges}")
    print(f"kg.view.render: {ours:.2f} s")
    print(f"pyvis add_node/add_edge/generate_html: {theirs:.2f} s")
    print(f"ratio {theirs / ours:.1f} kg_seconds {ours:.2f} pyvis_seconds {theirs:.2f}")


if __name__ == "__main__":
    main()
