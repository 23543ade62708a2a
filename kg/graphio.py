"""Graph files: formats, reading, atomic writing and (from :mod:`kg.locks`) the writers' lock.

The graph I/O every other module shares -- the build, the stores, the view,
the commands and the endpoint -- and that depends on none of them.

``kg build`` writes through :func:`atomic_write`, so a reader (or a crash) sees
the old file or the new one, never half of one; the temporary file that a
killed writer leaves is removed by the next write of that file.  Writers of a
file hold its :class:`FileLock` from reading it to writing it back, so that two
do not lose each other's changes.  TriG and N-Quads keep named graphs;
:func:`load_graph` reads any file as one graph (the union of its graphs, one
label per actor: :func:`flatten`), and reading (:func:`parse_file`) never
fetches anything.
"""
from __future__ import annotations

import json
import os
import re
import socket
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Callable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.parser import PythonInputSource

from kg.errors import OutputError, UsageError, printable
from kg.locks import LOCK_WAIT, FileLock, lock_path  # noqa: F401 (the writers' lock is part of graph I/O)


FORMATS = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nt": "nt", "ntriples": "nt",
           "nquads": "nquads", "nq": "nquads", "json-ld": "json-ld", "jsonld": "json-ld", "xml": "xml"}
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
                  ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}
QUAD_FORMATS = ("trig", "nquads")
NAME_PROPERTIES = (RDFS.label, SKOS.altLabel)
_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())  # no dots or @: the temporary names stay parseable


def guess_format(path: str | os.PathLike | None, fmt: str | None = None) -> str:
    """The rdflib serialisation name for the format ``fmt``, else for the suffix of ``path``."""
    if fmt:
        try:
            return FORMATS[fmt.lower()]
        except KeyError:
            raise UsageError(f"unknown format '{fmt}': use one of turtle, trig, nquads, nt, json-ld") from None
    if path is not None:
        return SUFFIX_FORMATS.get(Path(path).suffix.lower(), "turtle")
    return "turtle"


def default_graph(ds: Dataset) -> Graph:
    """The default graph of a dataset (``default_graph`` is newer than rdflib 7.0)."""
    return ds.default_graph if hasattr(ds, "default_graph") else ds.default_context


def _as_dataset(graph: Graph) -> Dataset:
    """``graph``'s triples in the *default* graph of a dataset, for TriG output.

    Serialising a plain Graph as TriG names it with a random blank node, which
    makes the file differ on every run and ``Graph().parse`` read it as empty.
    """
    ds = Dataset()
    for prefix, namespace in graph.namespaces():
        ds.bind(prefix, namespace, override=True, replace=True)
    default = default_graph(ds)
    for triple in graph:
        default.add(triple)
    return ds


def _outside_context(data) -> str | None:
    """A ``@context`` or ``@import`` of the JSON-LD document ``data`` that is not inline: a URL or
    file name that a JSON-LD processor would fetch (None when every context is in the document)."""
    stack = [data]
    while stack:  # iterative: a deeply nested document cannot exhaust the stack here
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for ref in value if isinstance(value, list) else [value]:
                        if isinstance(ref, str):
                            return ref
                stack.append(value)
    return None


def parse_file(target: Graph, path: str | os.PathLike, fmt: str) -> None:
    """Parse the local file ``path`` in rdflib format ``fmt`` into ``target`` (a Graph or Dataset).

    Nothing is fetched: the file is opened here (``path`` is never taken for a
    URL), and a JSON-LD file is read as JSON first, where a ``@context`` or
    ``@import`` that is not in the file (a URL or another file's name, which rdflib
    would fetch) is an :class:`OutputError` naming the file.  Other errors are the
    parser's (and ``OSError``).
    """
    base = Path(path).absolute().as_uri()
    with open(path, "rb") as stream:
        if fmt != "json-ld":
            target.parse(source=stream, format=fmt, publicID=base)
            return
        data = json.load(stream)
    ref = _outside_context(data)
    if ref is not None:
        raise OutputError(f"{printable(os.fspath(path))}: its JSON-LD context {printable(ref)!r} is not in the "
                          "file, and kg does not fetch contexts: put the @context in the file itself")
    target.parse(source=PythonInputSource(data, base), format="json-ld", publicID=base)


def load_graph(path: str | os.PathLike, fmt: str | None = None) -> Graph:
    """Read a graph file written by ``kg build`` as one graph.

    TriG and N-Quads files give the union of their graphs, with one
    ``rdfs:label`` per actor (:func:`flatten`).  Only the local file is read
    (:func:`parse_file`): nothing is fetched over the network.
    """
    graph = Graph()
    fmt_name = guess_format(path, fmt)
    name = printable(os.fspath(path))
    try:
        if fmt_name in QUAD_FORMATS:
            ds = Dataset()
            parse_file(ds, path, fmt_name)
            flatten(ds.quads((None, None, None, None)), graph)
        else:
            parse_file(graph, path, fmt_name)
    except OutputError:
        raise
    except FileNotFoundError:
        raise OutputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise OutputError(f"{name}: is a directory (an Oxigraph store? open it with store={name})",
                          options=["store"]) from None
    except Exception as exc:  # rdflib raises many parser-specific errors
        raise OutputError(f"{name}: not a readable RDF graph ({type(exc).__name__}: {exc})") from None
    return graph


SHARED_CLASSES = ("Actor", "Event", "Place")  # local names in the dip: namespace


def shared_nodes(graph: Graph) -> set[URIRef]:
    """The nodes of ``graph`` that articles share, and name each in their own words: actors,
    events and places (``dip:Actor``, ``dip:Event``, ``dip:Place``).  Each keeps one
    ``rdfs:label`` over all articles; documents, named by one article only, are not shared."""
    from kg.rdf import DIP  # here, not at the top: importing kg (and kg.build) stays cheap

    return {a for name in SHARED_CLASSES for a in graph.subjects(RDF.type, DIP[name]) if isinstance(a, URIRef)}


def flatten(quads: Iterable[tuple], graph: Graph | None = None) -> Graph:
    """The union of a dataset's quads as one graph (``graph``: an rdflib graph, or any with
    ``add`` and ``subjects`` such as :class:`kg.triples.Triples`), with one ``rdfs:label`` per
    actor, event and place (:func:`shared_nodes`).

    An actor's label is its longest ``rdfs:label`` over all graphs; its other
    names are ``skos:altLabel`` -- exactly what ``kg build`` writes into a single
    file (where an alias may be longer than the name).
    """
    from kg.rdf import bind_prefixes

    out = graph if graph is not None else Graph()
    if isinstance(out, Graph):
        bind_prefixes(out)
    names: dict = defaultdict(set)
    for s, p, o, *_ in quads:
        if p in NAME_PROPERTIES:
            names[s].add((p, o))
        else:
            out.add((s, p, o))
    actors = shared_nodes(out)
    for node, named in names.items():
        # documents keep their names as they are
        for p, o in (one_label(named, RDFS.label, SKOS.altLabel) if node in actors else named):
            out.add((node, p, o))
    return out


def one_label(named: set[tuple], label, alias, text: Callable = str) -> list[tuple]:
    """A shared node's names ``{(property, value)}`` as one ``(label, best)`` and ``(alias, value)``
    for the others: the best is the longest label (ties: the larger string), or the longest
    name when none is a label.  ``text`` gives a value's string (``label``/``alias``/values
    may be rdflib's or pyoxigraph's terms).

    >>> one_label({("label", "Erdogan"), ("alias", "Recep Tayyip Erdogan")}, "label", "alias")
    [('label', 'Erdogan'), ('alias', 'Recep Tayyip Erdogan')]
    """
    values = {o for _, o in named}
    labels = {o for p, o in named if p == label} or values
    best = max(labels, key=lambda v: (len(text(v)), text(v)))
    return [(label, best)] + [(alias, v) for v in sorted(values - {best}, key=text)]


# ------------------------------------------------------------ atomic writing

def _alive(pid: int) -> bool:
    """Whether process ``pid`` of this host is running (always true where that cannot be asked)."""
    if os.name != "posix":  # os.kill(pid, 0) would end it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        pass
    return True


def _remove_stale_temps(path: Path) -> None:
    """Remove the temporary files of ``path`` that writers on this host left when they were killed.

    A writer names its file ``.NAME.PID@HOST.RANDOM.tmp``; one whose process is
    gone is removed.  A live writer's file, another host's (a shared folder) and
    any other file are left alone.
    """
    own = re.compile(rf"\.{re.escape(path.name)}\.(\d+)@{re.escape(_HOST)}\.\w+\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if (m := own.fullmatch(name)) and not _alive(int(m[1])):
            try:
                os.unlink(path.parent / name)
            except OSError:  # removed by another writer meanwhile, or not ours to remove
                pass


def _sync_directory(directory: Path) -> None:
    """Flush the folder's entry for the renamed file, so that a power cut keeps the new
    name (POSIX; Windows cannot open a folder for this and needs nothing)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some file systems refuse it; the file is in place already
        pass


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Write a file through ``write(stream)`` atomically: a reader sees the old file or the new one.

    The bytes go to a temporary file in the same folder (named after ``path``,
    this process and this host), are flushed to disk and renamed over ``path``,
    and the folder is flushed too; a replaced file keeps its permissions.  On any
    error the temporary file is removed and the old file is left as it was.
    Temporary files of ``path`` left by killed writers are removed first.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: cannot write (it is a directory)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(directory / path.name)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}@{_HOST}.", suffix=".tmp", dir=directory)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"{path}: cannot write (a parent of it is not a directory)") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
        _sync_directory(directory)
    except OSError as exc:  # disk full, output became a directory, ...: old file untouched
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# ------------------------------------------------------ writing through pyoxigraph

OX_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "nquads": "N_QUADS", "xml": "RDF_XML"}


def ox_term(term):
    """The pyoxigraph term of an rdflib term (None, and rdflib's default graph: the default graph).

    >>> ox_term(Literal("Ankara", lang="tr")).language, ox_term(URIRef("https://example.org/a")).value
    ('tr', 'https://example.org/a')
    """
    import pyoxigraph as ox
    from rdflib import BNode
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if term is None or term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype)) if term.datatype else ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def ox_terms() -> Callable:
    """:func:`ox_term` with a memory: a batch names the same nodes and predicates again and
    again, and each is converted once."""
    cache: dict = {}

    def term(t):
        found = cache.get(t)
        if found is None:
            found = cache[t] = ox_term(t)
        return found

    return term


def _ox_statements(statements: Iterable[tuple], quads: bool, ox) -> list:
    """Triples (or quads, ``(s, p, o, graph or None)``) as pyoxigraph's, in a stable order:
    graph, subject, predicate, object."""
    term = ox_terms()
    if quads:
        out = [ox.Quad(term(s), term(p), term(o), term(g[0] if g else None)) for s, p, o, *g in statements]
    else:
        out = [ox.Triple(term(s), term(p), term(o)) for s, p, o, *_g in statements]
    out.sort(key=str)
    return out


def serialize(out: BinaryIO, statements: Iterable[tuple], fmt: str, prefixes: dict[str, str] | None = None) -> bool:
    """Write triples (quads for TriG and N-Quads: ``(s, p, o, graph)``) of rdflib terms to the binary
    stream ``out`` in rdflib format ``fmt`` through pyoxigraph's serialisers, which escape every
    IRI and literal.  Returns False, having written nothing, for a format pyoxigraph does not
    write here (JSON-LD, which rdflib writes) or a term it cannot hold (an IRI with a space, from a
    file read with ``append``): the caller then writes through rdflib.  A term pyoxigraph refuses
    is an :class:`OutputError` in RDF/XML, never left to rdflib (a crafted datatype IRI could add
    elements to rdflib's RDF/XML); RDF/XML with a carriage return in a literal goes to rdflib,
    which escapes it (pyoxigraph writes it raw, and XML parsers read it as a line feed) once
    pyoxigraph has taken every IRI.
    """
    import pyoxigraph as ox

    if fmt not in OX_FORMATS:
        return False
    try:
        items = _ox_statements(statements, fmt in QUAD_FORMATS, ox)
    except (ValueError, TypeError) as exc:
        if fmt == "xml":
            raise OutputError(f"cannot write RDF/XML: {printable(str(exc))}") from None
        return False
    if fmt == "xml" and any(isinstance(t.object, ox.Literal) and "\r" in t.object.value for t in items):
        return False
    ox.serialize(items, out, getattr(ox.RdfFormat, OX_FORMATS[fmt]), prefixes=prefixes)
    return True


def write_graph(graph: Graph, path: str | os.PathLike, fmt: str | None = None) -> None:
    """Serialise ``graph`` to ``path`` atomically: a reader sees the old file or the new one."""
    fmt = guess_format(path, fmt)
    data = _as_dataset(graph) if fmt in QUAD_FORMATS else graph
    atomic_write(path, lambda out: data.serialize(out, format=fmt, encoding="utf-8"))
