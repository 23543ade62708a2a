"""Count events that one article reports twice: two event nodes of one class with the same
participants, the same status and compatible dates (equal, or one missing), both derived
from the same article.  Event coreference (kg.events) should leave none.

    python benchmarks/event_duplicates.py GRAPH.ttl    # or a .trig file, or --store DIR

Prints each duplicate pair and the totals; exits 1 when there is any.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from itertools import combinations

from rdflib.namespace import PROV, RDF, SDO

from kg.graphio import load_graph
from kg.rdf import DIP


def duplicates(graph) -> list[tuple]:
    """``(article, class, participants, event, event)`` for every duplicate pair."""
    by_article: dict = defaultdict(list)
    for event in set(graph.subjects(RDF.type, DIP.Event)):
        classes = set(graph.objects(event, RDF.type)) - {DIP.Event, DIP.AttendedEvent}
        people = frozenset(graph.objects(event, DIP.participant))
        status = graph.value(event, SDO.eventStatus)
        day = graph.value(event, DIP.date)
        for article in graph.objects(event, PROV.wasDerivedFrom):
            for cls in classes:
                by_article[(article, cls, people, status)].append((event, day))
    found = []
    for (article, cls, people, _status), events in sorted(by_article.items()):
        for (a, da), (b, db) in combinations(sorted(set(events)), 2):
            if da is None or db is None or da == db:
                found.append((article, cls, people, a, b))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?")
    parser.add_argument("--store")
    args = parser.parse_args(argv)
    if args.store:
        from kg.store import open_store

        with open_store(store=args.store, read_only=True) as store:
            graph = store.to_graph()
    else:
        graph = load_graph(args.graph)
    found = duplicates(graph)
    for article, cls, people, a, b in found:
        print(f"{article} {cls.n3(graph.namespace_manager)} {len(people)} participants: {a} {b}")
    events = len(set(graph.subjects(RDF.type, DIP.Event)))
    reported = len(set(graph.subjects(DIP.report, None)))
    print(f"events: {events}; events with reports: {reported}; duplicate pairs within an article: {len(found)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
