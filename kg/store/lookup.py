"""The read primitives of :class:`kg.store.oxigraph.OxigraphStore` as index lookups.

A SPARQL query with ``VALUES ?k { ... } GRAPH ?g { ?e dip:mergeKey ?k ... }``
made Oxigraph scan every merge key in the store once per batch of articles,
so a build into a store slowed down as the store grew (60 keys took 1.5 s on
380,000 quads).  Here each value is one lookup in Oxigraph's quad indexes
(``Store.quads_for_pattern``): the cost of a batch does not grow with the store.
Each function gives exactly what the SPARQL primitive of
:class:`kg.store.base.SparqlStore` gives (named graphs only, never the default graph).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.graphio import SHARED_CLASSES, ox_terms
from kg.rdf import DIP
from kg.store.base import ACTORS_GRAPH, graph_article_id
from kg.store.merge import Found, found


def _ox():
    import pyoxigraph as ox

    return ox


def _node(term: URIRef):
    return _ox().NamedNode(str(term))


def _named(store, s=None, p=None, o=None, g=None) -> Iterator:
    """The quads matching the pattern in named graphs (``g`` None: any named graph)."""
    ox = _ox()
    for q in store.quads_for_pattern(s, p, o, g):
        if not isinstance(q.graph_name, ox.DefaultGraph):
            yield q


def _values(store, s, p, g) -> list:
    """The objects of ``s p ?o`` in graph ``g``, or ``[None]`` (an OPTIONAL that matched nothing)."""
    found = [q.object for q in store.quads_for_pattern(s, p, None, g)]
    return found or [None]


def reports(store, to_rdflib, *, keys: Iterable[str] | None = None,
            graphs: Iterable[URIRef] | None = None) -> list[Found]:
    """The event reports of these merge keys in any article graph, or of any key in these graphs."""
    ox = _ox()
    key_p, report_p, date_p = _node(DIP.mergeKey), _node(DIP.report), _node(DIP.date)
    day_p, stated_p, place_p, within_p = (_node(DIP.reportedDate), _node(DIP.dateStated),
                                          _node(DIP.place), _node(DIP.within))
    if keys is not None:
        hits = [q for k in keys for q in _named(store, None, key_p, ox.Literal(str(k)))]
    else:
        hits = [q for g in graphs or () for q in _named(store, None, key_p, None, _node(g))]
    out = []
    for q in hits:
        g, e, k = q.graph_name, q.subject, q.object
        article_id = graph_article_id(URIRef(g.value))
        if article_id is None:
            continue
        for r in (x.object for x in store.quads_for_pattern(e, report_p, None, g)):
            for now in _values(store, e, date_p, g):
                for d in _values(store, r, day_p, g):
                    for st in _values(store, r, stated_p, g):
                        for p in _values(store, e, place_p, g):
                            for w in (_values(store, p, within_p, g) if p is not None else [None]):
                                out.append(found(to_rdflib(g), article_id,
                                                 *map(to_rdflib, (e, k, now, r, d, st, p, w))))
    return out


def graph_actors(store, to_rdflib, graphs: Iterable[URIRef]) -> set[URIRef]:
    """The actors, events and places typed in these named graphs."""
    type_p = _node(RDF.type)
    classes = [_node(DIP[name]) for name in SHARED_CLASSES]
    return {to_rdflib(q.subject) for g in graphs for c in classes
            for q in store.quads_for_pattern(None, type_p, c, _node(g))}


def articles(store, to_rdflib, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """Article id -> (content hash, extractor) for the ids in the store."""
    ox = _ox()
    id_p, hash_p, with_p = _node(DIP.articleId), _node(DIP.contentHash), _node(DIP.extractedWith)
    out = {}
    for article_id in ids:
        for q in _named(store, None, id_p, ox.Literal(article_id)):
            for h in _values(store, q.subject, hash_p, q.graph_name):
                for v in _values(store, q.subject, with_p, q.graph_name):
                    out[article_id] = (h and h.value, v and v.value)
    return out


def current_labels(store, actors: Iterable[URIRef]) -> dict[URIRef, str]:
    """The labels of ``actors`` in :data:`ACTORS_GRAPH`."""
    label_p, graph = _node(RDFS.label), _node(ACTORS_GRAPH)
    return {a: q.object.value for a in actors for q in store.quads_for_pattern(_node(a), label_p, None, graph)}


def names(store, actors: Iterable[URIRef], exclude: set[URIRef]) -> dict[URIRef, set[str]]:
    """The names (labels and aliases) of ``actors`` in every named graph but ``exclude`` and the actors' graph."""
    skip = {str(g) for g in exclude} | {str(ACTORS_GRAPH)}
    out: dict[URIRef, set[str]] = {}
    for a in actors:
        for p in (RDFS.label, SKOS.altLabel):
            for q in _named(store, _node(a), _node(p)):
                if q.graph_name.value not in skip:
                    out.setdefault(a, set()).add(q.object.value)
    return out


def only_adds(store, drop: Iterable[URIRef], labels: dict[URIRef, str | None]) -> bool:
    """Whether a change only adds: none of the graphs to drop is in the store, and no actor
    loses a label (it has none yet, or keeps the one it has)."""
    if any(store.contains_named_graph(_node(g)) for g in drop):
        return False
    now = current_labels(store, labels)
    return all(now.get(a) in (None, name) and (name is not None or a not in now) for a, name in labels.items())


def added_quads(add, labels: dict[URIRef, str | None], actors_graph: URIRef) -> list:
    """The quads of a change that only adds: each article graph's triples in its named graph
    and in the default graph (the union, kept as a set), and the actors' labels in both."""
    ox = _ox()
    default, label_p = ox.DefaultGraph(), _node(RDFS.label)
    quads = []
    term = ox_terms()
    for name, graph in add:
        g = _node(name)
        for s, p, o in graph:
            s, p, o = term(s), term(p), term(o)
            quads.append(ox.Quad(s, p, o, g))
            quads.append(ox.Quad(s, p, o, default))
    graph = _node(actors_graph)
    for actor, name in labels.items():
        if name is not None:
            a, label = _node(actor), ox.Literal(name)
            quads += [ox.Quad(a, label_p, label, graph), ox.Quad(a, label_p, label, default)]
    return quads
