"""Graph files read into an in-memory Oxigraph store: what ``kg query FILE`` and ``kg serve FILE``
answer from.

rdflib takes about 35 s to parse a million-triple N-Triples file and seconds
per saved query on it; pyoxigraph parses the same file in a few seconds (in
Rust) and runs the saved queries on its own engine.  The store holds exactly
the graph that :func:`kg.graphio.load_graph` gives, in its default graph: a
triple file as it is; a TriG or N-Quads file as the union of its graphs, with
one ``rdfs:label`` per actor, event and place and the other names as
``skos:altLabel`` (the rules of :func:`kg.graphio.flatten`).  So the saved
queries see the same data whichever engine runs them, and ``FROM`` /
``FROM NAMED`` name graphs that are not there (nothing is ever fetched).

JSON-LD is left to rdflib (:func:`oxigraph_format` is None for it): kg checks a
JSON-LD file for a remote ``@context`` before reading it, and reads it with
rdflib, which never fetches that way (:func:`kg.graphio.parse_file`).
"""
from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import OutputError, printable
from kg.graphio import OX_FORMATS, QUAD_FORMATS, SHARED_CLASSES, guess_format, one_label
from kg.store.oxigraph import OxigraphStore

ENGINES = ("oxigraph", "rdflib")
_QUADS = {OX_FORMATS[f] for f in QUAD_FORMATS if f in OX_FORMATS}


def oxigraph_format(path: str | os.PathLike, fmt: str | None = None) -> str | None:
    """The ``pyoxigraph.RdfFormat`` name to read ``path`` with, or None when rdflib must read it.

    >>> oxigraph_format("g.nt"), oxigraph_format("g.trig"), oxigraph_format("g.jsonld")
    ('N_TRIPLES', 'TRIG', None)
    """
    return OX_FORMATS.get(guess_format(path, fmt))  # JSON-LD stays with rdflib


def _flat(quads: Iterable) -> Iterator:
    """The quads of a dataset as triples of one default graph, with one ``rdfs:label`` per shared
    node (actor, event, place): its longest label; its other names become ``skos:altLabel``."""
    import pyoxigraph as ox

    label, alt, a = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(SKOS.altLabel)), ox.NamedNode(str(RDF.type))
    from kg.rdf import DIP

    classes = {ox.NamedNode(str(DIP[name])) for name in SHARED_CLASSES}
    names: dict = defaultdict(set)
    shared = set()
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if p == label or p == alt:
            names[s].add((p, o))
            continue
        if p == a and o in classes and isinstance(s, ox.NamedNode):
            shared.add(s)
        yield ox.Quad(s, p, o)
    for node, named in names.items():
        # documents keep their names as they are
        chosen = one_label(named, label, alt, lambda v: v.value) if node in shared else named
        yield from (ox.Quad(node, p, o) for p, o in chosen)


def load_store(path: str | os.PathLike, fmt: str | None = None, *, lenient: bool = False):
    """A new in-memory ``pyoxigraph.Store`` whose default graph is the graph of the file ``path``.

    Only the local file is read.  A file that cannot be read is an :class:`OutputError`
    naming it, as :func:`kg.graphio.load_graph` gives.  ``lenient`` skips Oxigraph's checks
    of IRIs and literals (a third faster on a million triples; rdflib does not check them
    either): for ``kg query``, not for ``kg serve``, whose output checks count on valid IRIs.
    """
    import pyoxigraph as ox

    name = printable(os.fspath(path))
    kind = oxigraph_format(path, fmt)
    if kind is None:
        raise OutputError(f"{name}: Oxigraph does not read this format here; use the rdflib engine")
    rdf_format = getattr(ox.RdfFormat, kind)
    base = Path(path).absolute().as_uri()
    store = ox.Store()
    try:
        if kind in _QUADS:
            store.extend(_flat(ox.parse(path=os.fspath(path), format=rdf_format, base_iri=base, lenient=lenient)))
        else:
            store.load(path=os.fspath(path), format=rdf_format, base_iri=base, lenient=lenient)
    except FileNotFoundError:
        raise OutputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise OutputError(f"{name}: is a directory (an Oxigraph store? open it with store={name})",
                          options=["store"]) from None
    except (SyntaxError, ValueError, OSError) as exc:  # pyoxigraph's parse errors are SyntaxError
        why = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
        raise OutputError(f"{name}: not a readable RDF graph ({type(exc).__name__}: {why})") from None
    return store


class FileStore(OxigraphStore):
    """A graph file held in memory by Oxigraph, read-only: a :class:`kg.store.Store` for
    :func:`kg.sparql.run` (saved queries, parameters bound as terms, the same guards as a store)."""

    kind = "oxigraph-memory"

    def __init__(self, path: str | os.PathLike, fmt: str | None = None) -> None:  # noqa: D107
        self.path = Path(path)
        self.location = os.fspath(path)
        self.read_only = True
        self.store = load_store(path, fmt, lenient=True)

    def reopen(self) -> "FileStore":
        """The same object: a forked child has its own copy of the memory."""
        return self

    def quads(self):
        """The triples of the graph, with None for their graph."""
        from kg.store.oxigraph import to_rdflib

        for q in self.store.quads_for_pattern(None, None, None):
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), None

    def close(self) -> None:
        self.store = None
