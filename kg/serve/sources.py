"""What a worker process of :mod:`kg.serve` answers queries from: a graph file loaded into
Oxigraph in memory (:class:`MemorySource`, read-only: the default), a graph file loaded into
rdflib (:class:`GraphSource`: when updates are allowed, or for JSON-LD) or an Oxigraph store
opened read-only (:class:`StoreSource`).

Both give a started query as a :class:`Answer`: its form, and its solutions,
boolean or triples as rdflib terms, read lazily so that a result cap stops the
engine early.  On a store the query runs on Oxigraph's own engine over the
store's default graph, which ``kg build`` keeps equal to the union of the
article graphs; ``FROM`` and ``FROM NAMED`` pick graphs of the store (Oxigraph
never loads them from elsewhere).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import QuerySyntaxError, ServeError, StoreError


@dataclass
class Answer:
    """A started query: ``kind`` is SELECT, ASK or CONSTRUCT (DESCRIBE on a store)."""

    kind: str
    variables: list = field(default_factory=list)
    rows: Iterable[tuple] = ()
    boolean: bool = False
    triples: Iterable[tuple] = ()


def check_store_dir(path: str | os.PathLike) -> Path:
    """``path`` if it is an Oxigraph store to read; a :class:`ServeError` naming it if not
    (the store's own check, :func:`kg.store.oxigraph.check_store_path`)."""
    from kg.store.oxigraph import check_store_path

    try:
        return check_store_path(path, read_only=True)
    except StoreError as exc:
        raise ServeError(str(exc), options=exc.options) from None


@lru_cache(maxsize=256)
def _prepare(text: str, namespaces: tuple):
    """The parsed and translated query (cached per worker: parsing a saved query in rdflib
    takes 15-70 ms, often longer than running it on a small graph)."""
    from rdflib.plugins.sparql.processor import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


class GraphSource:
    """A graph file held by rdflib in memory; updates (when allowed) change only this copy."""

    kind = "file"
    read_only = False

    def __init__(self, path: str, updates: list[str]) -> None:
        import rdflib.plugins.sparql as rdflib_sparql

        from kg.graphio import load_graph

        rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> must not fetch anything
        self.graph = load_graph(path)
        for text in updates:
            self.graph.update(text)

    def __len__(self) -> int:
        return len(self.graph)

    def namespaces(self) -> list[tuple]:
        return list(self.graph.namespaces())

    def start(self, text: str) -> Answer:
        try:
            prepared = _prepare(text, tuple(sorted(self.graph.namespaces())))
        except Exception as exc:  # pyparsing's and rdflib's errors
            raise QuerySyntaxError(str(exc)) from None
        result = self.graph.query(prepared)
        if result.type == "SELECT":
            return Answer("SELECT", list(result.vars or []), iter(result))
        if result.type == "ASK":
            return Answer("ASK", boolean=bool(result.askAnswer))
        return Answer(result.type, triples=iter(result.graph))


@lru_cache(maxsize=1)
def kg_namespaces() -> tuple[tuple, ...]:
    """kg's prefixes, for CONSTRUCT results from Oxigraph (which keeps no prefixes); made once
    per process, not for every CONSTRUCT."""
    from rdflib import Graph

    from kg.rdf import bind_prefixes

    graph = Graph()
    bind_prefixes(graph)
    return tuple(graph.namespaces())


@lru_cache(maxsize=1 << 16)
def _term(term):
    """:func:`kg.store.oxigraph.to_rdflib`, remembered: an rdflib literal with a datatype parses its
    value when made, which took most of a small query's time; answers repeat the same terms."""
    from kg.store.oxigraph import to_rdflib

    return to_rdflib(term)


def oxigraph_answer(store, text: str) -> Answer:
    """Start ``text`` on the ``pyoxigraph.Store`` ``store``: rows and triples as rdflib terms, read lazily."""
    import pyoxigraph as ox
    from rdflib import Variable

    to_rdflib = _term
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise QuerySyntaxError(str(exc)) from None
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return Answer("CONSTRUCT", triples=((to_rdflib(t.subject), to_rdflib(t.predicate),
                                             to_rdflib(t.object)) for t in result))
    names = [v.value for v in result.variables]
    rows = (tuple(to_rdflib(solution[n]) for n in names) for solution in result)
    return Answer("SELECT", [Variable(n) for n in names], rows)


class MemorySource:
    """A graph file held by Oxigraph in memory (:func:`kg.oxload.load_store`: the same graph rdflib
    reads), read-only; queries run on Oxigraph's engine, ``FROM`` names graphs that are not there."""

    kind = "memory"
    read_only = True

    def __init__(self, path: str) -> None:
        from kg.oxload import load_store

        self.store = load_store(path)

    def __len__(self) -> int:
        return len(self.store)

    def namespaces(self) -> tuple[tuple, ...]:
        return kg_namespaces()

    def start(self, text: str) -> Answer:
        return oxigraph_answer(self.store, text)


class StoreSource:
    """An Oxigraph store opened read-only: it sees the store as it was when opened."""

    kind = "store"
    read_only = True

    def __init__(self, path: str) -> None:
        from kg.store import OxigraphStore

        try:
            self.store = OxigraphStore(path, read_only=True)
        except StoreError as exc:
            raise ServeError(str(exc), options=exc.options) from None

    def __len__(self) -> int:
        """The triples of the default graph (the union), counted by Oxigraph."""
        return len(self.store)

    def namespaces(self) -> tuple[tuple, ...]:
        return kg_namespaces()

    def start(self, text: str) -> Answer:
        return oxigraph_answer(self.store.store, text)

    def close(self) -> None:
        self.store.close()


def open_source(kind: str, path: str, updates: list[str]):
    """The source a worker answers from: ``kind`` is ``"store"``, ``"memory"`` (a file in Oxigraph,
    read-only; rdflib for a format Oxigraph is not given, JSON-LD) or ``"file"`` (a file in rdflib,
    which takes updates when they are allowed)."""
    from kg.oxload import oxigraph_format

    if kind == "store":
        return StoreSource(path)
    if kind == "memory" and oxigraph_format(path) and not updates:
        return MemorySource(path)
    return GraphSource(path, updates)
