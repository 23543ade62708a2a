"""The on-disk store: an Oxigraph database in a directory (``--store DIR``), via pyoxigraph.

Each batch of articles is one SPARQL Update, which Oxigraph applies as one
transaction: a build killed mid-way leaves every article either as it was or
fully replaced.  Queries run on Oxigraph's own engine over the default graph,
which every write keeps equal to the union of the named graphs (as a set; see
:mod:`kg.store.base`), which is why a saved query on a million triples takes
milliseconds here and seconds on rdflib's in-memory store
(``benchmarks/sparql_speed.py``).  Any number of readers (``kg query``,
``kg serve``) may open the directory while one ``kg build`` writes to it; a
reader sees the store as it was when it opened it.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.errors import StoreError, UsageError
from kg.rdf import bind_prefixes
from kg.store import lookup
from kg.store.base import ACTORS_GRAPH, SparqlStore
from kg.store.substitute import substitute

_XSD_STRING = str(XSD.string)


def to_rdflib(term):
    """A pyoxigraph term as an rdflib term (None for the default graph).

    >>> import pyoxigraph as ox
    >>> to_rdflib(ox.Literal("x")), to_rdflib(ox.Literal("2025-01-02", datatype=ox.NamedNode(str(XSD.date))))
    (rdflib.term.Literal('x'), rdflib.term.Literal('2025-01-02', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date')))
    """
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return None


def check_store_path(path: str | os.PathLike, *, read_only: bool = False) -> Path:
    """``path`` as an Oxigraph store directory; :class:`StoreError` naming it when it cannot be one.

    For writing, a missing or empty directory will do (the store is made there);
    for reading, the store must exist (its ``CURRENT`` file).
    """
    where = Path(path)
    if where.exists() and not where.is_dir():
        raise StoreError(f"{path}: not a store directory (it is a file)")
    if not where.is_dir():
        if read_only:
            raise StoreError(f"{path}: no such store directory (a build with store={path} makes one)",
                             options=["store"])
        return where
    if (where / "CURRENT").is_file():
        return where
    if read_only:
        raise StoreError(f"{path}: not an Oxigraph store (no CURRENT file; a build with store= makes one)",
                         options=["store"])
    if any(where.iterdir()):
        raise StoreError(f"{path}: not an Oxigraph store (the directory holds other files)")
    return where


FLUSH_QUADS = 250_000  # quads written (named graphs and the default graph) between two flushes to disk


READ_ONLY_TRIES = 8  # a writer's compaction may delete a file between a reader's reading the list and the file


def _open_read_only(ox, location: str):
    """``ox.Store.read_only``, tried again while a writer beside it compacts the files it was
    about to open (RocksDB then reports a missing table file as corruption)."""
    for attempt in range(READ_ONLY_TRIES):
        try:
            return ox.Store.read_only(location)
        except RuntimeError as exc:
            vanished = "No such file or directory" in str(exc)
            if not vanished or attempt == READ_ONLY_TRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


class OxigraphStore(SparqlStore):
    """An Oxigraph database in ``path`` (made when missing, unless ``read_only``)."""

    kind = "oxigraph"

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False) -> None:
        try:
            import pyoxigraph as ox
        except ImportError:  # pragma: no cover - a dependency of this package
            raise UsageError("store= needs pyoxigraph: pip install pyoxigraph", options=["store"]) from None
        self.path = check_store_path(path, read_only=read_only)
        self.location = os.fspath(path)
        self.read_only = read_only
        try:
            self.store = _open_read_only(ox, self.location) if read_only else ox.Store(self.location)
        except OSError as exc:
            busy = "lock" in str(exc).lower()
            why = "another kg build is writing to it" if busy else str(exc)
            raise StoreError(f"{path}: cannot open the store ({why})") from None
        except RuntimeError as exc:
            raise StoreError(f"{path}: cannot open the store ({str(exc).splitlines()[0][:200]})") from None

    def _commit(self, drop, add, labels) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        if lookup.only_adds(self.store, drop, labels):
            # the usual put of new articles: one transactional extend, no update to parse and plan
            try:
                self.store.extend(lookup.added_quads(add, labels, ACTORS_GRAPH))
            except (OSError, ValueError) as exc:
                raise StoreError(f"{self.location}: write failed ({exc})") from None
        else:
            super()._commit(drop, add, labels)
        # RocksDB holds what was written in memory tables until it flushes them: about 0.7 KB
        # per quad, so a long build grew by gigabytes; a flush now and then keeps that bounded
        self._unflushed = getattr(self, "_unflushed", 0) + 2 * sum(len(g) for _, g in add)
        if self._unflushed >= FLUSH_QUADS:
            self.store.flush()
            self._unflushed = 0

    # ------------------------------------- read primitives as index lookups (kg.store.lookup)
    def _reports(self, *, keys=None, graphs=None):
        return lookup.reports(self.store, to_rdflib, keys=keys, graphs=graphs)

    def _graph_actors(self, graphs):
        return lookup.graph_actors(self.store, to_rdflib, graphs)

    def _articles(self, ids=None):
        return super()._articles(None) if ids is None else lookup.articles(self.store, to_rdflib, ids)

    def _current_labels(self, actors):
        return lookup.current_labels(self.store, actors)

    def _names(self, actors, exclude):
        return lookup.names(self.store, actors, exclude)

    def reopen(self) -> "OxigraphStore":
        """A new read-only handle on the same directory (for a child process)."""
        return OxigraphStore(self.path, read_only=True)

    # ---------------------------------------------------------------- primitives
    def _user_query(self, text: str, bindings: dict | None):
        """A query given by a user: ``SERVICE`` is refused (Oxigraph would make the HTTP request itself)."""
        from kg.guard import service_refusal

        if refused := service_refusal(text):
            raise UsageError(refused)
        return self._query(substitute(text, bindings or {}))

    def _query(self, text: str):
        try:
            return self.store.query(text)
        except SyntaxError as exc:
            raise UsageError(f"bad SPARQL query: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed ({exc})") from None

    def _rows(self, text: str) -> list[dict]:
        solutions = self._query(text)
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
        return rows

    def _update(self, text: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        try:
            self.store.update(text)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"{self.location}: write failed ({exc})") from None

    def select(self, text: str, bindings: dict | None = None, *, limit: int | None = None):
        """Column names and rows of strings (``''`` for unbound, :class:`kg.results.IRI` for IRIs),
        straight from Oxigraph."""
        import pyoxigraph as ox

        from kg.results import IRI

        def cell(term) -> str:
            if term is None:
                return ""
            return IRI(term.value) if isinstance(term, ox.NamedNode) else term.value

        result = self._user_query(text, bindings)
        if isinstance(result, ox.QueryBoolean):
            return ["ask"], [["true" if bool(result) else "false"]]
        if isinstance(result, ox.QueryTriples):
            return ["subject", "predicate", "object"], sorted(
                [cell(t.subject), cell(t.predicate), cell(t.object)] for t in result)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            rows.append([cell(solution[n]) for n in names])
            if limit is not None and len(rows) >= limit:
                break
        return names, rows

    def sparql(self, text: str, bindings: dict | None = None, *, limit: int | None = None):
        import pyoxigraph as ox

        result = self._user_query(text, bindings)
        if isinstance(result, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(result)
            return out
        if isinstance(result, ox.QueryTriples):
            graph = Graph()
            bind_prefixes(graph)
            for t in result:
                graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
                if limit is not None and len(graph) > limit:
                    break
            out = Result("CONSTRUCT")
            out.graph = graph
            return out
        variables = [Variable(v.value) for v in result.variables]
        rows = []
        for solution in result:
            rows.append({var: to_rdflib(value) for var in variables
                         if (value := solution[str(var)]) is not None})
            if limit is not None and len(rows) > limit:
                break
        out = Result("SELECT")
        out.vars = variables
        out.bindings = rows
        return out

    def quads(self):
        """The quads of the named graphs (the default graph only repeats them)."""
        for graph in self.store.named_graphs():
            for q in self.store.quads_for_pattern(None, None, None, graph):
                yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), to_rdflib(q.graph_name)

    def close(self) -> None:
        store, self.store = getattr(self, "store", None), None
        if store is not None and not self.read_only:
            store.flush()
        del store
