"""Events across articles in a store: reports of one event share one event node.

Each article graph names its events by the IRI :mod:`kg.events` gives them
(``id:event/<relation>-<hash of merge key and anchor>``) and holds its own
report of each (``dip:report``: the date it gives, whether it states it, its
article).  When articles come or go, :func:`resolve` clusters again every
report of the merge keys they touch, and renames the event (and resets its
``dip:date``) in each article graph where the result changed.  The graphs of
the other articles that must change are rewritten in the same commit as the
change itself, so the store is never left with two names for one event.

The result depends only on the set of articles in the store, never on the
order they came in (:func:`kg.events.cluster`).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import events
from kg.rdf import DIP, ID, event_iri, place_key

EVENT_PREFIX = str(ID["event/"])


class Found(NamedTuple):
    """One article graph's report of one event, as a store holds it."""

    graph: URIRef  # the article graph
    event: URIRef  # the event node it names now
    date: str | None  # the event's dip:date in that graph now
    report: events.Report


def relation_of(event: URIRef) -> str:
    """The relation of an event IRI minted by :func:`kg.rdf.event_iri` ("<relation>-<hex>")."""
    return str(event)[len(EVENT_PREFIX):].rpartition("-")[0]


def found(graph: URIRef, article_id: str, event: URIRef, key, now, report, day, stated, place,
          within=None) -> Found:
    """One report as a store holds it, from the RDF terms (or None) of the event's
    ``dip:mergeKey``, ``dip:date``, ``dip:report`` and ``dip:place`` (and the city that place is
    ``dip:within``) and of the report's ``dip:reportedDate`` and ``dip:dateStated``."""
    return Found(graph, event, now and str(now), events.Report(
        str(key), article_id, str(report), day and str(day), stated is not None and stated.toPython() is True,
        place_key(place, within)))


def reports_in(graph: Graph, graph_name: URIRef, article_id: str) -> list[Found]:
    """The reports of the merged events (those with a ``dip:mergeKey``) of one article graph."""
    reports = []
    for event, key in graph.subject_objects(DIP.mergeKey):
        place = graph.value(event, DIP.place)
        within = graph.value(place, DIP.within) if place is not None else None
        reports += [found(graph_name, article_id, event, key, graph.value(event, DIP.date), report,
                          graph.value(report, DIP.reportedDate), graph.value(report, DIP.dateStated), place, within)
                    for report in graph.objects(event, DIP.report)]
    return reports


def retarget(graph: Graph, changes: dict[URIRef, tuple[URIRef, str | None]]) -> Graph:
    """A copy of ``graph`` with each event of ``changes`` renamed and given its new date."""
    out = Graph(store="SimpleMemory", bind_namespaces="none")
    for s, p, o in graph:
        if s in changes and p == DIP.date:
            continue
        s = changes[s][0] if s in changes else s
        o = changes[o][0] if isinstance(o, URIRef) and o in changes else o
        out.add((s, p, o))
    for new, day in changes.values():
        if day:
            out.add((new, DIP.date, Literal(day, datatype=XSD.date)))
    return out


def resolve(found: Iterable[Found]) -> dict[URIRef, dict[URIRef, tuple[URIRef, str | None]]]:
    """Cluster the reports and say, per article graph, which events change name or date.

    Returns ``{graph: {event now: (event after, date after)}}`` for the graphs
    where something changes.
    """
    found = list(found)
    identities = events.cluster([f.report for f in found])
    changes: dict[URIRef, dict[URIRef, tuple[URIRef, str | None]]] = {}
    for f in found:
        identity = identities[f.report]
        target = event_iri(relation_of(f.event), f.report.key, identity.anchor)
        if target != f.event or identity.date != f.date:
            changes.setdefault(f.graph, {})[f.event] = (target, identity.date)
    return changes
