"""Network analytics over the knowledge graph, in the style of networkx.

:func:`to_networkx` turns an RDF graph written by :mod:`kg.rdf` into a
:class:`networkx.MultiGraph` whose nodes are *actors only* (people, countries,
organisations; node id = the actor IRI as a string) and whose edges are *facts*:
one edge per fact that happened, keyed by the event IRI.  Planned, negated and
hypothetical events are left out.

Modelling decisions:

* The relations are those of :mod:`kg.relations`.  A symmetric one (met with,
  called) gives an edge between every two participants of the meeting or call
  (a three-party meeting gives three edges).
* Any other links every two of its subjects (``dip:signatory``,
  ``dip:attendee``: co-signatories of one signing, co-attendees of one summit)
  and its object when that is an actor, with the object's label as
  ``document``.  A document signed by one actor gives no edge.
* Attending is a weak tie (being in the same room), so the analytics ignore it
  unless asked: their default ``relations`` are the registry's
  :func:`kg.relations.default_analytics`.
* Every happened event, including those with a single actor, is also kept in
  ``G.graph["events"]`` (event IRI -> attributes and ``actors``); :func:`timeline`
  reads it, so a solo signing still shows in an actor's timeline.

The analytics return *labels*, not IRIs: ``[(label, score), ...]`` sorted by
score (highest first, ties by label), lists of labels for communities.
Actors are named case- and diacritic-insensitively (:func:`find_actor`).

>>> G = to_networkx(_demo())
>>> sorted(G.nodes[n]["label"] for n in G)
['Ana Ruiz', 'Bo Li', 'Cem Yılmaz']
>>> print(*sorted(d["relation"] for _, _, d in G.edges(data=True)))
called met_with
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS

from kg import relations as registry
from kg.errors import ActorNotFound, NoPath, UsageError
from kg.names import fold, name_key, refers_to
from kg.rdf import ACTOR_CLASSES, DIP


@dataclass(frozen=True)
class Link:
    """One fact seen from ``source``: a hop of a path or an entry of a timeline.

    ``target`` is the counterpart's label ("" for a fact with no counterpart,
    such as a document signed alone); ``event`` is the event IRI.
    """

    source: str
    target: str
    relation: str
    date: str | None
    place: str | None
    sentence: str | None
    article: str | None
    title: str | None
    url: str | None
    event: str
    document: str | None = None
    passive: bool = False  # ``source`` is the object of the fact ("condemned by B"), not its subject


# ---------------------------------------------------------------------- building

def to_networkx(graph: Graph) -> nx.MultiGraph:
    """The actor network of an RDF graph: one edge per fact that happened.

    Node attributes: ``label``, ``type`` (person/country/organization/actor),
    ``country`` (label or None), ``roles`` and ``aliases`` (sorted lists).
    Edge attributes: ``relation``, ``date`` (ISO string or None), ``place``,
    ``sentence`` (evidence text), ``article`` (id), ``title``, ``url``,
    ``event`` (IRI, also the edge key) and ``document`` (signings).

    >>> G = to_networkx(_demo())
    >>> ana, bo = "https://w3id.org/dipkg/id/person/ana-ruiz", "https://w3id.org/dipkg/id/person/bo-li"
    >>> G.nodes[ana]["type"], G.nodes[ana]["aliases"]
    ('person', ['Ruiz'])
    >>> for d in G[ana][bo].values(): print(d["relation"], d["date"], d["place"])
    met_with 2025-01-02 Lima
    """
    if not isinstance(graph, Graph):
        raise TypeError(f"to_networkx expects an rdflib Graph, not {type(graph).__name__}")
    return _build(graph)


def _text(graph: Graph, node, prop) -> str | None:
    value = graph.value(node, prop) if node is not None else None
    return None if value is None else str(value)


def _build(rdf: Graph) -> nx.MultiGraph:
    G = nx.MultiGraph(events={})
    for node in sorted(set(rdf.subjects(RDF.type, DIP.Actor)) - _place_countries(rdf)):
        _add_actor(G, rdf, node)
    for event in sorted(set(rdf.subjects(SDO.eventStatus, DIP.Happened))):
        info = _event(rdf, event)
        if info is None:
            continue
        actors = info.pop("actors")
        for a in actors:
            if a not in G:
                _add_actor(G, rdf, URIRef(a))
        G.graph["events"][str(event)] = {**info, "actors": actors}
        for u, v in combinations(actors, 2):
            G.add_edge(u, v, key=str(event), **info)
    return G


def _place_countries(rdf: Graph) -> set:
    """Countries named only as the country of a place an event took place in: not actors of
    the text (they would stand apart in every picture and ranking)."""
    of_places = {c for p, c in rdf.subject_objects(DIP.country) if (p, RDF.type, DIP.Place) in rdf}
    return {c for c in of_places if all(p == DIP.country and (s, RDF.type, DIP.Place) in rdf
                                        for s, p, _o in rdf.triples((None, None, c)))}


def _add_actor(G: nx.MultiGraph, rdf: Graph, node: URIRef) -> None:
    types = set(rdf.objects(node, RDF.type))
    kind = next((k for k, cls in ACTOR_CLASSES.items() if cls in types), "actor")
    label = _text(rdf, node, RDFS.label) or str(node).rsplit("/", 1)[-1]
    G.add_node(str(node), label=label, type=kind,
               country=_text(rdf, rdf.value(node, DIP.country), RDFS.label),
               roles=sorted(map(str, rdf.objects(node, DIP.role))),
               aliases=sorted(map(str, rdf.objects(node, SKOS.altLabel))))


def _event(rdf: Graph, event: URIRef) -> dict | None:
    """The edge attributes of a happened event (with its ``actors``), or None."""
    from kg.counts import event_relation

    relation = event_relation(rdf, event)  # the same classification as the counts of kg.counts
    if relation is None:
        return None
    spec = registry.get(relation)
    document = None
    actors = set(rdf.objects(event, DIP.participant))
    objects: set = set()
    if not spec.symmetric:  # its subjects, and its object when that is an actor
        objects = _linked_actors(rdf, event, spec)
        subjects = set(rdf.objects(event, spec.subject_role)) if spec.subject_role is not None \
            else actors - objects
        actors = subjects | objects if subjects else actors
        targets = sorted(rdf.objects(event, spec.object_link)) if spec.object_link is not None else []
        if not targets and spec.object_is_event:
            targets = [event]
        # the documents (several signed at one ceremony), the attended event or the place
        document = ", ".join(sorted(str(_text(rdf, t, RDFS.label)) for t in targets if t not in objects)) or None
    sentences = sorted(rdf.objects(event, DIP.evidence),
                       key=lambda s: (_text(rdf, s, DIP.startOffset) is None, str(s)))
    articles = sorted(rdf.objects(event, PROV.wasDerivedFrom), key=lambda a: str(_text(rdf, a, DIP.articleId)))
    article = articles[0] if articles else None  # the first of the articles that report the event
    places = sorted(str(_text(rdf, p, RDFS.label) or p) for p in rdf.objects(event, DIP.place))
    return {"relation": relation, "date": _text(rdf, event, DIP.date),
            "place": ", ".join(places) or None, "sources": len(articles),
            "sentence": _text(rdf, sentences[0], DIP.evidenceText) if sentences else None,
            "article": _text(rdf, article, DIP.articleId), "title": _text(rdf, article, SDO.headline),
            "url": _text(rdf, article, SDO.url), "event": str(event), "document": document,
            "actors": sorted(map(str, actors)), "objects": sorted(map(str, objects))}


# ---------------------------------------------------------------------- helpers

def _linked_actors(rdf: Graph, event, spec) -> set:
    """The actors an event's object link names (the country of "visited Türkiye")."""
    if spec.object_link is None:
        return set()
    return {o for o in rdf.objects(event, spec.object_link) if (o, RDF.type, DIP.Actor) in rdf}


def chosen_relations(relations: Iterable[str] | str | None, default: Iterable[str] | None = None) -> frozenset[str]:
    """The relation names asked for (a list or "a,b"), checked against :mod:`kg.relations`;
    ``default`` when None (else the registry's default analytics).

    >>> print(*sorted(chosen_relations("called, met_with")))
    called met_with
    >>> chosen_relations("waved_at")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.UsageError: unknown relation(s) waved_at; choose from met_with, signed, attended, called...
    """
    if relations is None:
        return frozenset(registry.default_analytics() if default is None else default)
    if isinstance(relations, str):
        relations = [r for r in relations.split(",") if r.strip()]
    chosen = {r.strip() for r in relations}
    known = registry.names()
    unknown = sorted(chosen - set(known))
    if unknown or not chosen:
        raise UsageError(f"unknown relation(s) {', '.join(unknown) or '(none given)'}; "
                         f"choose from {', '.join(known)}")
    return frozenset(chosen)


def check_network(G) -> None:
    """Raise TypeError unless ``G`` is the MultiGraph made by :func:`to_networkx`."""
    if not isinstance(G, nx.MultiGraph) or "events" not in G.graph:
        raise TypeError("expected the MultiGraph made by kg.network.to_networkx")


def collapse(G: nx.MultiGraph, relations: Iterable[str] | str | None = None) -> nx.Graph:
    """A simple Graph of all actors; ``weight`` = the number of facts of ``relations``.

    >>> H = collapse(to_networkx(_demo()))
    >>> sorted(d["weight"] for _, _, d in H.edges(data=True)), H.number_of_nodes()
    ([1, 1], 3)
    """
    check_network(G)
    return _collapse(G, chosen_relations(relations))


def _collapse(G: nx.MultiGraph, chosen: frozenset[str]) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, rel in G.edges(data="relation"):
        if rel in chosen:
            w = H[u][v]["weight"] + 1 if H.has_edge(u, v) else 1
            H.add_edge(u, v, weight=w)
    return H


def _ranked(G: nx.MultiGraph, H: nx.Graph, scores: dict, top: int | None) -> list[tuple[str, float]]:
    """Actors by score, ties by label; actors without a tie in ``H`` are not ranked."""
    ranked = sorted(((G.nodes[n]["label"], s) for n, s in scores.items() if H.degree(n)),
                    key=lambda p: (-p[1], p[0]))
    return ranked if top is None else ranked[:top]


def _top(top: int | None) -> int | None:
    if top is not None and (not isinstance(top, int) or top < 1):
        raise UsageError(f"top must be a whole number above zero, not {top!r}")
    return top


# ---------------------------------------------------------------------- analytics

def degree_centrality(G: nx.MultiGraph, *, relations=None, top: int | None = None) -> list[tuple[str, float]]:
    """``[(label, score)]``: the share of the other actors each actor is tied to.

    Counts distinct counterparts (not facts) over ``relations``
    (default :func:`kg.relations.default_analytics`), as a share of all the other actors.
    Actors with no tie over ``relations`` are left out of the ranking.

    >>> degree_centrality(to_networkx(_demo()), top=2)
    [('Ana Ruiz', 1.0), ('Bo Li', 0.5)]
    >>> degree_centrality(to_networkx(_demo()), relations=registry.by_role("call").name)
    [('Ana Ruiz', 0.5), ('Cem Yılmaz', 0.5)]
    """
    check_network(G)
    H = _collapse(G, chosen_relations(relations))
    return _ranked(G, H, nx.degree_centrality(H), _top(top))


def betweenness_centrality(G: nx.MultiGraph, *, relations=None,
                           top: int | None = None) -> list[tuple[str, float]]:
    """``[(label, score)]``: normalised betweenness over unweighted shortest paths.

    Actors with no tie over ``relations`` are left out of the ranking.

    >>> betweenness_centrality(to_networkx(_demo()))
    [('Ana Ruiz', 1.0), ('Bo Li', 0.0), ('Cem Yılmaz', 0.0)]
    >>> betweenness_centrality(to_networkx(_demo()), relations=registry.by_role("meeting").name)
    [('Ana Ruiz', 0.0), ('Bo Li', 0.0)]
    """
    check_network(G)
    H = _collapse(G, chosen_relations(relations))
    return _ranked(G, H, nx.betweenness_centrality(H), _top(top))


def communities(G: nx.MultiGraph, *, relations=None, seed: int = 0) -> list[list[str]]:
    """Louvain communities (weighted by facts, seeded) as sorted lists of labels.

    Actors with no tie over ``relations`` are left out.  Largest first.

    >>> communities(to_networkx(_demo()))
    [['Ana Ruiz', 'Bo Li', 'Cem Yılmaz']]
    """
    check_network(G)
    H = _collapse(G, chosen_relations(relations))
    H.remove_nodes_from([n for n, d in list(H.degree()) if d == 0])
    if H.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    groups = [sorted(G.nodes[n]["label"] for n in c) for c in found]
    return sorted(groups, key=lambda g: (-len(g), g))


def find_actor(G: nx.MultiGraph, name: str) -> str:
    """The node id of the actor called ``name`` (label or alias, any case or accents).

    A surname or other partial name works when it fits one actor only; a node
    id (IRI) is returned as is.  Every function taking an actor accepts both.

    >>> G = to_networkx(_demo())
    >>> find_actor(G, "cem yilmaz") == find_actor(G, "YILMAZ")
    True
    >>> find_actor(G, "Ana Ruis")
    Traceback (most recent call last):
    kg.errors.ActorNotFound: no actor named 'Ana Ruis' in the graph; close matches: Ana Ruiz
    """
    check_network(G)
    if not isinstance(name, str) or not name.strip():
        raise ActorNotFound("an actor name must not be empty")
    return name if name in G else _find(G, name)


def _names(G: nx.MultiGraph, n: str) -> list[str]:
    return [G.nodes[n]["label"], *G.nodes[n]["aliases"]]


def _find(G: nx.MultiGraph, name: str) -> str:
    key = name_key(name)
    hits = sorted(n for n in G if any(name_key(s) == key for s in _names(G, n)))
    if not hits:
        words = key.split()
        hits = sorted(n for n in G if refers_to(words, name_key(G.nodes[n]["label"]).split()))
    if len(hits) == 1:
        return hits[0]
    if hits:
        labels = ", ".join(sorted(G.nodes[n]["label"] for n in hits))
        raise ActorNotFound(f"{name!r} is ambiguous: it could be {labels}; give the full name")
    by_fold = {fold(s): G.nodes[n]["label"] for n in G for s in _names(G, n)}
    close = difflib.get_close_matches(fold(name), list(by_fold), n=5, cutoff=0.6)
    close += [f for f in sorted(by_fold) if fold(name) in f and f not in close]
    labels = list(dict.fromkeys(by_fold[f] for f in close))[:5]
    hint = f"; close matches: {', '.join(labels)}" if labels else ""
    raise ActorNotFound(f"no actor named {name!r} in the graph{hint}")


def _link(G: nx.MultiGraph, source: str, target: str | None, data: dict) -> Link:
    return Link(source=G.nodes[source]["label"], target=G.nodes[target]["label"] if target else "",
                passive=source in data.get("objects", ()),
                **{k: data.get(k) for k in ("relation", "date", "place", "sentence", "article",
                                            "title", "url", "event", "document")})


def _when(data: dict) -> tuple:
    return (data.get("date") is None, data.get("date") or "", data.get("relation"), data.get("event"))


def shortest_path(G: nx.MultiGraph, a: str, b: str, *, relations=None) -> list[Link]:
    """The shortest chain of facts from actor ``a`` to actor ``b``, one :class:`Link` per hop.

    Each hop carries the evidence of one fact between the two actors (the
    earliest dated one when there are several).  Raises :class:`NoPath`.

    >>> hops = shortest_path(to_networkx(_demo()), "bo li", "Yilmaz")
    >>> for h in hops: print(h.source, h.relation, h.target, h.date)
    Bo Li met_with Ana Ruiz 2025-01-02
    Ana Ruiz called Cem Yılmaz None
    """
    check_network(G)
    chosen = chosen_relations(relations)
    u, v = find_actor(G, a), find_actor(G, b)
    return _path(G, u, v, chosen)


def _path(G: nx.MultiGraph, u: str, v: str, chosen: frozenset[str]) -> list[Link]:
    try:
        nodes = nx.shortest_path(_collapse(G, chosen), u, v)
    except nx.NetworkXNoPath:
        raise NoPath(f"no chain of {', '.join(sorted(chosen))} links {G.nodes[u]['label']} "
                     f"to {G.nodes[v]['label']}") from None
    hops = []
    for x, y in zip(nodes, nodes[1:]):
        data = min((d for d in G[x][y].values() if d["relation"] in chosen), key=_when)
        hops.append(_link(G, x, y, data))
    return hops


def ego_network(G: nx.MultiGraph, actor: str, radius: int = 1, *, relations=None) -> nx.MultiGraph:
    """The actors within ``radius`` hops of ``actor`` and all their facts of ``relations``.

    >>> E = ego_network(to_networkx(_demo()), "Bo Li")
    >>> sorted(E.nodes[n]["label"] for n in E), E.number_of_edges()
    (['Ana Ruiz', 'Bo Li'], 1)
    """
    check_network(G)
    if not isinstance(radius, int) or radius < 0:
        raise UsageError(f"radius must be a whole number of hops, not {radius!r}")
    chosen = chosen_relations(relations)
    centre = find_actor(G, actor)
    nodes = nx.ego_graph(_collapse(G, chosen), centre, radius=radius)
    E = nx.MultiGraph(G.subgraph(nodes))
    E.remove_edges_from([(u, v, k) for u, v, k, r in E.edges(keys=True, data="relation") if r not in chosen])
    E.graph["centre"] = centre
    return E


def timeline(G: nx.MultiGraph, actor: str, *, relations=None) -> list[Link]:
    """The actor's facts sorted by date (undated last), one :class:`Link` per counterpart.

    ``relations`` defaults to every relation of :mod:`kg.relations`.  A fact with no
    counterpart (a document signed alone) gives one link with ``target`` "".

    >>> for t in timeline(to_networkx(_demo()), "Ana Ruiz"): print(t.relation, t.target, t.date)
    met_with Bo Li 2025-01-02
    called Cem Yılmaz None
    """
    check_network(G)
    chosen = chosen_relations(relations, default=registry.names())
    me = find_actor(G, actor)
    out = []
    for data in sorted(G.graph["events"].values(), key=_when):
        if me not in data["actors"] or data["relation"] not in chosen:
            continue
        others = [a for a in data["actors"] if a != me] or [None]
        out.extend(_link(G, me, other, data) for other in others)
    return out


def _demo() -> Graph:
    """A tiny graph for the examples: Ana met Bo, Ana called Cem, Bo will meet Cem."""
    from kg.model import Actor, Article, Evidence, Extraction, Fact
    from kg.rdf import extractions_to_graph

    s = "Ana Ruiz met Bo Li in Lima; she called Cem Yılmaz; Bo Li will meet Yılmaz."
    actors = {k: Actor(k, n, "person", {n.split()[-1]}) for k, n in
              (("ana ruiz", "Ana Ruiz"), ("bo li", "Bo Li"), ("cem yilmaz", "Cem Yılmaz"))}
    meet, call = registry.by_role("meeting").name, registry.by_role("call").name
    facts = [Fact(meet, "ana ruiz", "bo li", Evidence(s, 0, 26), date="2025-01-02", place="Lima"),
             Fact(call, "ana ruiz", "cem yilmaz", Evidence(s, 28, 49)),
             Fact(meet, "bo li", "cem yilmaz", Evidence(s, 51, 76), status="planned")]
    return extractions_to_graph([Extraction(Article("demo", s, title="Demo"), actors, {}, facts)])
