"""The in-memory store: an rdflib ``Dataset``, read from and written to one file.

TriG (``.trig``) and N-Quads (``.nq``) files keep the named graphs, so articles
can be replaced and removed in them later.  Turtle, N-Triples, JSON-LD and
RDF/XML have no named graphs: the file holds the union (one label per actor,
as :func:`kg.graphio.flatten` makes it), and a flat file read back puts its
triples in the default graph, where no article can be told apart any more.
The file is written atomically on :meth:`MemoryStore.close`.  A store that reads
its file (``load``) holds the file's :class:`kg.graphio.FileLock` from the read to
:meth:`MemoryStore.close`, so that two processes changing one file (``kg remove``,
``kg build``) take turns instead of losing each other's changes.
"""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS

from kg.errors import OutputError, printable
from kg.graphio import (LOCK_WAIT, NAME_PROPERTIES, QUAD_FORMATS, FileLock, atomic_write, default_graph, parse_file,
                        flatten, serialize, shared_nodes)
from kg.rdf import DIP, PREFIXES, bind_prefixes
from kg.store.base import ACTORS_GRAPH, Store, graph_article_id
from kg.store.merge import Found, reports_in
from kg.triples import Triples, to_graph

# pyoxigraph escapes the slashes of a local name (id:person\/amani-otieno): kg's own IRIs are written whole
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES if prefix != "id"}


def _bound_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return graph


class MemoryStore(Store):
    """A dataset in memory, optionally backed by the file ``path`` in rdflib format ``fmt``.

    Each graph is a :class:`kg.triples.Triples` of rdflib terms (an rdflib
    ``Dataset`` of them is made only to answer SPARQL, or to write JSON-LD).
    ``load`` reads the file.  ``lock`` (by default: when ``load``) takes the
    file's lock first, waiting up to ``lock_wait`` seconds for another writer
    of it (then :class:`kg.errors.OutputError`), and holds it until
    :meth:`close` or :meth:`release`.

    >>> store = MemoryStore()
    >>> len(store), store.articles()
    (0, {})
    """

    kind = "memory"

    def __init__(self, path: str | os.PathLike | None = None, fmt: str = "trig", *,
                 load: bool = False, lock: bool | None = None, lock_wait: float = LOCK_WAIT) -> None:
        self.path = Path(path) if path is not None else None
        self.location = os.fspath(path) if path is not None else "<memory>"
        self.fmt = fmt
        self.graphs: dict[URIRef | None, Triples] = {}  # None: the default graph
        self._keys: dict[Literal, set[URIRef | None]] = {}  # each dip:mergeKey -> the graphs holding it
        self._ds: Dataset | None = None  # made for SPARQL, dropped on every change
        self.dirty = False
        self.lock = None
        if self.path is not None and (load if lock is None else lock):
            self.lock = FileLock(self.path, lock_wait).acquire()  # before reading: see the module notes
        try:
            if load and self.path is not None and self.path.exists():
                self._load()
        except BaseException:
            self.release()
            raise

    @property
    def lock_waited(self) -> float:
        """Seconds this store waited for another writer of its file to finish (0.0 for none)."""
        return self.lock.waited if self.lock is not None else 0.0

    def release(self) -> None:
        """Let the file's lock go (without writing); :meth:`close` does it after writing."""
        if self.lock is not None:
            self.lock.release()

    @property
    def keeps_graphs(self) -> bool:
        """Whether the file keeps one named graph per article."""
        return self.fmt in QUAD_FORMATS

    def _load(self) -> None:
        ds = Dataset()
        try:  # parse_file reads the local file only: no JSON-LD context is fetched
            parse_file(ds if self.keeps_graphs else default_graph(ds), self.path, self.fmt)
        except OutputError:
            raise
        except Exception as exc:  # rdflib raises many parser-specific errors
            raise OutputError(f"{printable(self.location)}: not a readable RDF graph "
                              f"({type(exc).__name__}: {exc})") from None
        for s, p, o, g in ds.quads((None, None, None, None)):
            self._add(None if g == DATASET_DEFAULT_GRAPH_ID else g, (s, p, o))

    @property
    def ds(self) -> Dataset:
        """The store as an rdflib ``Dataset`` (its default graph is the union), made when first asked."""
        if self._ds is None:
            ds = Dataset(default_union=True)
            bind_prefixes(ds)
            for g, triples in self.graphs.items():
                target = default_graph(ds) if g is None else ds.graph(g)
                for triple in triples:
                    target.add(triple)
            self._ds = ds
        return self._ds

    def _add(self, g: URIRef | None, triple: tuple) -> None:
        self.graphs.setdefault(g, Triples()).add(triple)
        if triple[1] == DIP.mergeKey:
            self._keys.setdefault(triple[2], set()).add(g)

    def _drop(self, g: URIRef) -> None:
        for _s, _p, key in self.graphs.pop(g, Triples()).triples((None, DIP.mergeKey, None)):
            self._keys.get(key, set()).discard(g)

    def _value(self, s, p):
        """One object of ``(s, p)`` in any graph (None for none)."""
        return next((v for t in self.graphs.values() if (v := t.value(s, p)) is not None), None)

    # ---------------------------------------------------------------- primitives
    def _articles(self, ids=None) -> dict[str, tuple[str | None, str | None]]:
        found, seen = {}, set()
        for t in self.graphs.values():
            for node in t.subjects(RDF.type, DIP.Article):
                if node in seen:
                    continue
                seen.add(node)
                # an article's facts about itself are in its own graph: the others are read only when not
                article_id, digest, extractor = (t.value(node, p) or self._value(node, p)
                                                 for p in (DIP.articleId, DIP.contentHash, DIP.extractedWith))
                if article_id is not None:
                    found[str(article_id)] = (digest and str(digest), extractor and str(extractor))
        return found if ids is None else {i: found[i] for i in ids if i in found}

    def flat_articles(self) -> set[str]:
        """Ids of articles that sit in the default graph (read from a flat file)."""
        default = self.graphs.get(None, Triples())
        return {str(i) for node in default.subjects(RDF.type, DIP.Article)
                for i in default.objects(node, DIP.articleId)}

    def _person_iris(self):
        return {p for t in self.graphs.values() for p in t.subjects(RDF.type, DIP.Person)}

    def _graph_actors(self, graphs: list[URIRef]) -> set[URIRef]:
        found: set[URIRef] = set()
        for g in graphs:
            if g in self.graphs:
                found |= shared_nodes(self.graphs[g])
        return found

    def _reports(self, *, keys=None, graphs=None) -> list[Found]:
        if keys is not None:
            wanted = set(keys)
            graphs = sorted({g for k in wanted for g in self._keys.get(Literal(k), ()) if g is not None})
        found = []
        for g in graphs or ():
            article_id = graph_article_id(g)
            if article_id is not None and g in self.graphs:
                found += [f for f in reports_in(self.graphs[g], g, article_id)
                          if keys is None or f.report.key in wanted]
        return found

    def _graph(self, graph: URIRef) -> Triples:
        return Triples(self.graphs.get(graph, ()))

    def _names(self, actors: set[URIRef], exclude: set[URIRef]) -> dict[URIRef, set[str]]:
        skip = exclude | {ACTORS_GRAPH}
        names: dict[URIRef, set[str]] = {}
        for g, triples in self.graphs.items():
            if g in skip:
                continue
            for actor in actors:
                for prop in NAME_PROPERTIES:
                    for o in triples.objects(actor, prop):
                        names.setdefault(actor, set()).add(str(o))
        return names

    def _current_labels(self, actors: set[URIRef]) -> dict[URIRef, str]:
        graph = self.graphs.get(ACTORS_GRAPH, Triples())
        return {a: str(label) for a in actors if (label := graph.value(a, RDFS.label)) is not None}

    def _commit(self, drop, add, labels) -> None:
        for g in drop:
            self._drop(g)
        for g, graph in add:
            for triple in graph:
                self._add(g, triple)
        actors = self.graphs.setdefault(ACTORS_GRAPH, Triples())
        for actor, name in labels.items():
            actors.remove((actor, RDFS.label, None))
            if name is not None:
                actors.add((actor, RDFS.label, Literal(name)))
        if not len(actors):
            del self.graphs[ACTORS_GRAPH]
        self._ds = None
        self.dirty = True

    def sparql(self, text: str, bindings: dict | None = None, *, limit: int | None = None):
        return self.ds.query(text, initBindings=bindings or {})

    def quads(self):
        for g, triples in self.graphs.items():
            name = DATASET_DEFAULT_GRAPH_ID if g is None else g
            for s, p, o in triples:
                yield s, p, o, name

    def __len__(self) -> int:
        return sum(len(t) for t in self.graphs.values())

    # ------------------------------------------------------------------- files
    def save(self) -> None:
        """Write the file atomically (a reader sees the old file or the new one)."""
        if self.path is None:
            return
        atomic_write(self.path, self.write)
        self.dirty = False

    def write(self, out, graph=None) -> None:
        """Serialise to the binary stream ``out``: the dataset, or the union (``graph``: an rdflib
        graph or :class:`kg.triples.Triples`) for a flat format.

        pyoxigraph writes every format but JSON-LD (:func:`kg.graphio.serialize`), with the
        statements sorted, so the same dataset gives the same bytes; rdflib writes JSON-LD, and a
        graph holding a term pyoxigraph refuses (one read from a file with ``append``).
        """
        if self.keeps_graphs:
            if serialize(out, self.quads(), self.fmt, _PREFIXES):
                return
            if self.fmt == "trig":
                from rdflib.plugins.serializers.trig import TrigSerializer

                serializer = TrigSerializer(self.ds)
                serializer.contexts.sort(key=lambda g: str(g.identifier))
                serializer.serialize(out, encoding="utf-8")
            else:
                self.ds.serialize(out, format=self.fmt, encoding="utf-8")
            return
        union = graph if graph is not None else self.flat()
        if not serialize(out, union, self.fmt, _PREFIXES):
            rdf = union if isinstance(union, Graph) else to_graph(union, _bound_graph())
            rdf.serialize(out, format=self.fmt, encoding="utf-8")

    def flat(self) -> Triples:
        """The union of all graphs as :class:`kg.triples.Triples` (what :meth:`to_graph` holds, without
        the cost of an rdflib graph)."""
        return flatten(self.quads(), Triples())

    def close(self) -> None:
        try:
            if self.dirty:
                self.save()
        finally:
            self.release()
