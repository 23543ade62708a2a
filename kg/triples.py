"""A light set of RDF triples with the part of rdflib's ``Graph`` API that kg's writers use.

:func:`kg.rdf.extraction_triples` builds one article's triples in a
:class:`Triples` instead of an rdflib ``Graph``: the terms are the same rdflib
terms, but an ``add`` is a set insertion, not a trip through rdflib's store,
its events and its contexts (about 40 µs a triple).  The stores read it as they
read a graph (iteration, ``triples``, ``objects``, ``subjects``, ``value``,
``in``), and :func:`to_graph` makes an rdflib graph of it when one is needed.

>>> from rdflib import Literal, URIRef
>>> t = Triples()
>>> a, name = URIRef("urn:a"), URIRef("urn:name")
>>> t.add((a, name, Literal("A"))); t.add((a, name, Literal("A")))
>>> len(t), t.value(a, name), (a, name, None) in t, (None, name, Literal("B")) in t
(1, rdflib.term.Literal('A'), True, False)
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["Triples", "to_graph"]


class Triples:
    """Triples indexed by subject and by predicate; ``None`` in a pattern matches anything."""

    __slots__ = ("_sp", "_ps", "_n")

    def __init__(self, triples: Iterable[tuple] = ()) -> None:
        self._sp: dict = {}  # subject -> predicate -> set of objects
        self._ps: dict = {}  # predicate -> subject -> the same set of objects
        self._n = 0
        for triple in triples:
            self.add(triple)

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        objects = self._sp.setdefault(s, {}).get(p)
        if objects is None:
            objects = self._sp[s][p] = set()
            self._ps.setdefault(p, {})[s] = objects
        if o not in objects:
            objects.add(o)
            self._n += 1

    def remove(self, pattern: tuple) -> None:
        """Remove the triples matching ``pattern``."""
        for s, p, o in list(self.triples(pattern)):
            objects = self._sp[s][p]
            objects.discard(o)
            self._n -= 1
            if not objects:
                del self._sp[s][p], self._ps[p][s]
                if not self._sp[s]:
                    del self._sp[s]
                if not self._ps[p]:
                    del self._ps[p]

    def triples(self, pattern: tuple) -> Iterator[tuple]:
        s, p, o = pattern
        if s is not None:
            by_p = self._sp.get(s, {})
            pairs = ((p, by_p[p]),) if p is not None and p in by_p else (() if p is not None else by_p.items())
            for pred, objects in pairs:
                yield from ((s, pred, x) for x in _pick(objects, o))
        elif p is not None:
            for subj, objects in self._ps.get(p, {}).items():
                yield from ((subj, p, x) for x in _pick(objects, o))
        else:
            for subj, by_p in self._sp.items():
                for pred, objects in by_p.items():
                    yield from ((subj, pred, x) for x in _pick(objects, o))

    def __iter__(self) -> Iterator[tuple]:
        return self.triples((None, None, None))

    def __len__(self) -> int:
        return self._n

    def __contains__(self, pattern: tuple) -> bool:
        return next(self.triples(pattern), None) is not None

    def objects(self, subject=None, predicate=None) -> Iterator:
        return (o for _s, _p, o in self.triples((subject, predicate, None)))

    def subjects(self, predicate=None, obj=None) -> Iterator:
        seen = set()
        for s, _p, _o in self.triples((None, predicate, obj)):
            if s not in seen:
                seen.add(s)
                yield s

    def subject_objects(self, predicate=None) -> Iterator[tuple]:
        return ((s, o) for s, _p, o in self.triples((None, predicate, None)))

    def value(self, subject=None, predicate=None, object=None, default=None):  # noqa: A002 - rdflib's name
        """One object of ``(subject, predicate)`` (or subject of ``(predicate, object)``), else ``default``."""
        if object is None:
            return next(self.objects(subject, predicate), default)
        return next(self.subjects(predicate, object), default)


def _pick(objects: set, o) -> Iterable:
    if o is None:
        return objects
    return (o,) if o in objects else ()


def to_graph(triples: Iterable[tuple], graph=None):
    """An rdflib ``Graph`` (``graph``, or a new one without prefixes) holding ``triples``."""
    from rdflib import Graph

    out = graph if graph is not None else Graph(bind_namespaces="none")
    for triple in triples:
        out.add(triple)
    return out
