"""``kg analyze``: centrality, communities, ego networks, timelines and paths.

By default it prints the top actors by degree and betweenness centrality and
the Louvain communities; ``--actor NAME`` prints one actor's neighbourhood and
timeline; ``--path A B`` the shortest chain of facts between two actors with
the evidence sentence of each hop.  See :mod:`kg.network` for the model.
"""
from __future__ import annotations

import argparse
from collections import Counter

from kg import relations as registry
from kg.commands import add_source, load_source, positive, source_name
from kg.errors import UsageError, printable


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``analyze`` to ``subparsers`` (from ``ArgumentParser.add_subparsers``)."""
    p = subparsers.add_parser("analyze", help="network analytics: central actors, communities, paths",
                              description="Print the most central actors (degree and betweenness) and the "
                                          "communities of the actor network; with --actor, one actor's contacts "
                                          "and timeline; with --path, the shortest chain of facts between two "
                                          "actors, with the evidence sentence of each step.")
    add_source(p)
    p.add_argument("--top", type=positive(), default=10, help="how many actors to rank (default 10)")
    p.add_argument("--actor", metavar="NAME", help="show this actor's ego network and timeline")
    p.add_argument("--path", nargs=2, metavar=("A", "B"), help="show the shortest chain of facts from A to B")
    p.add_argument("--relations", default=None,
                   help="comma-separated relations to analyse (default: "
                        f"{','.join(registry.default_analytics())}; any of {','.join(registry.names())})")
    p.set_defaults(func=cmd_analyze)
    return p


def cmd_analyze(args: argparse.Namespace) -> int:
    from kg.network import chosen_relations, to_networkx

    G = to_networkx(load_source(args))  # first: it registers the relations of --rules
    relations = sorted(chosen_relations(args.relations)) if args.relations is not None \
        else list(registry.default_analytics())
    if G.number_of_nodes() == 0:
        raise UsageError(f"{source_name(args)}: no actors in this graph")
    if args.actor:
        _print_actor(G, args.actor, relations, args.relations is not None)
    if args.path:
        if args.actor:
            print()
        _print_path(G, args.path[0], args.path[1], relations)
    if not args.actor and not args.path:
        _print_overview(G, relations, args.top)
    return 0


def _print_overview(G, relations: list[str], top: int) -> None:
    from kg.counts import describe_events
    from kg.network import betweenness_centrality, communities, degree_centrality

    counts = Counter(d["relation"] for d in G.graph["events"].values())
    print(f"{G.number_of_nodes()} actors; {describe_events(counts)}")
    print(f"relations analysed: {', '.join(relations)} (actors without a tie over them are not ranked)")
    for title, ranked in (("degree", degree_centrality(G, relations=relations, top=top)),
                          ("betweenness", betweenness_centrality(G, relations=relations, top=top))):
        print(f"\ntop {len(ranked)} by {title} centrality:")
        for i, (label, score) in enumerate(ranked, 1):
            print(f"  {i:>3}. {printable(label):<40} {score:.3f}")
    found = communities(G, relations=relations)
    print(f"\ncommunities ({len(found)}, Louvain, seed 0):")
    for i, members in enumerate(found, 1):
        print(f"  {i:>3}. {printable(', '.join(members))}")


def _s(items) -> str:
    return "" if len(items) == 1 else "s"


def _where(link) -> str:
    bits = [link.date or "undated"] + ([link.place] if link.place else [])
    return printable(", ".join(bits))


def _source(link) -> str:
    title = f" — {link.title}" if link.title else ""
    return printable(f"article {link.article}{title}" + (f" <{link.url}>" if link.url else ""))


def _print_actor(G, name: str, relations: list[str], explicit: bool) -> None:
    from kg.network import ego_network, find_actor, timeline

    me = find_actor(G, name)
    node = G.nodes[me]
    print(printable(f"{node['label']} ({node['type']}{', ' + node['country'] if node['country'] else ''})"))
    if node["roles"]:
        print(f"  roles: {printable('; '.join(node['roles']))}")
    if node["aliases"]:
        print(f"  also: {printable('; '.join(node['aliases']))}")
    E = ego_network(G, me, relations=relations)
    neighbours = sorted(E[me], key=lambda n: (-len(E[me][n]), G.nodes[n]["label"]))
    events = {key for _u, _v, key in E.edges(keys=True)}
    print(f"\nego network ({', '.join(relations)}): {len(neighbours)} direct contact{_s(neighbours)}, "
          f"{E.number_of_nodes()} actors, {len(events)} event{_s(events)}")
    for n in neighbours:
        kinds = Counter(d["relation"] for d in E[me][n].values())
        print(f"  {printable(G.nodes[n]['label']):<40} " + ", ".join(f"{r} x{c}" for r, c in sorted(kinds.items())))
    entries = timeline(G, me, relations=relations if explicit else None)
    events = {t.event for t in entries}
    print(f"\ntimeline ({len(events)} event{_s(events)}):")
    for t in entries:
        spec = registry.get(t.relation)
        what = spec.verb + (" by" if t.passive else "") + (f" {t.document}" if t.document else "")
        who = (" with " if spec.object_thing else " ") + t.target if t.target else ""
        print(f"  {_where(t)}: {printable(what + who)}")
        if t.sentence:
            print(f"      \"{printable(t.sentence)}\"")
        print(f"      {_source(t)}")


def _print_path(G, a: str, b: str, relations: list[str]) -> None:
    from kg.network import find_actor, shortest_path

    u, v = find_actor(G, a), find_actor(G, b)
    if u == v:
        print(printable(f"{G.nodes[u]['label']} and {b} are the same actor"))
        return
    hops = shortest_path(G, u, v, relations=relations)
    print(printable(f"{G.nodes[u]['label']} to {G.nodes[v]['label']}: {len(hops)} hop{_s(hops)}"))
    for i, h in enumerate(hops, 1):
        what = h.relation + (f" ({h.document})" if h.document else "")
        print(f"  {i}. {printable(f'{h.source} --{what}--> {h.target}')}  [{_where(h)}]")
        if h.sentence:
            print(f"     \"{printable(h.sentence)}\"")
        print(f"     {_source(h)}")
