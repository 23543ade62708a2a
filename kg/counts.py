"""The one count of facts that every command reports: events, by status and relation.

One event is one meeting, phone call, signing or attended event node of the
graph (:mod:`kg.rdf` writes one per group of facts), however many actors take
part in it.  ``kg build`` counts the events it wrote, ``kg analyze`` those of
the graph it reads and ``kg view`` those it shows, all with :func:`count_events`
and all printed by :func:`describe_events`.
"""
from __future__ import annotations

from collections import Counter

from rdflib import Graph
from rdflib.namespace import RDF, SDO

from kg import relations
from kg.rdf import DIP, ID, STATUS  # noqa: F401 (DIP, ID: for the doctest)

STATUS_NAME = {iri: name for name, iri in STATUS.items()}


def event_relation(graph: Graph, node) -> str | None:
    """The relation of an event node (:mod:`kg.relations`), or None.

    The node's class tells it, but an attended event is told by its subjects'
    role (``dip:attendee``): a summit node is a ``dip:Summit``, not a ``dip:Attendance``.
    """
    types = set(graph.objects(node, RDF.type))
    specs = relations.relations()
    found = next((r for r in specs if r.event_class in types), None)
    if found is None:
        found = next((r for r in specs if r.object_is_event and r.subject_role is not None
                      and (node, r.subject_role, None) in graph), None)
    return found.name if found else None


def count_events(graph: Graph) -> dict[str, Counter]:
    """The events of ``graph``, counted by status (``happened``, ``planned``,
    ``negated``, ``hypothetical``) and relation; a three-party meeting counts once.

    >>> g = Graph()
    >>> for t in [(ID.e1, RDF.type, DIP.Meeting), (ID.e1, SDO.eventStatus, DIP.Happened),
    ...           (ID.e2, RDF.type, DIP.Meeting), (ID.e2, SDO.eventStatus, SDO.EventScheduled)]:
    ...     _ = g.add(t)
    >>> for status, c in count_events(g).items(): print(status, *(f"{r}={n}" for r, n in c.items()))
    happened met_with=1
    planned met_with=1
    """
    counts: dict[str, Counter] = {}
    for node, status in graph.subject_objects(SDO.eventStatus):
        relation = event_relation(graph, node)
        if relation is not None and status in STATUS_NAME:
            counts.setdefault(STATUS_NAME[status], Counter())[relation] += 1
    return counts


def describe_events(happened: Counter) -> str:
    """The count of events that happened, per relation of :mod:`kg.relations`, as every command prints it.

    >>> describe_events(Counter({relations.by_role("meeting").name: 3, relations.by_role("call").name: 1}))  # doctest: +ELLIPSIS
    'events that happened: met_with 3, signed 0, attended 0, called 1...'
    """
    return "events that happened: " + ", ".join(f"{r} {happened.get(r, 0)}" for r in relations.names())
