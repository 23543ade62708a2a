"""Graph files: formats, reading, and atomic writing.

``kg build`` writes through :func:`atomic_write`, so a reader (or a crash) sees
the old file or the new one, never half of one; the temporary file that a
killed writer leaves is removed by the next write of that file.  TriG and
N-Quads keep named graphs; :func:`load_graph` reads any file as one graph (the
union of its graphs, one label per actor).
"""
from __future__ import annotations

import os
import re
import socket
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from rdflib import Dataset, Graph

from kg.errors import OutputError, UsageError

FORMATS = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nt": "nt", "ntriples": "nt",
           "nquads": "nquads", "nq": "nquads", "json-ld": "json-ld", "jsonld": "json-ld", "xml": "xml"}
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
                  ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}
QUAD_FORMATS = ("trig", "nquads")
_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())  # no dots or @: the temporary names stay parseable


def guess_format(path: str | os.PathLike | None, fmt: str | None = None) -> str:
    """The rdflib serialisation name for ``--format`` or the output file's suffix."""
    if fmt:
        try:
            return FORMATS[fmt.lower()]
        except KeyError:
            raise UsageError(f"unknown format '{fmt}': use one of turtle, trig, nquads, nt, json-ld") from None
    if path is not None:
        return SUFFIX_FORMATS.get(Path(path).suffix.lower(), "turtle")
    return "turtle"


def _default_graph(ds: Dataset) -> Graph:
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
    default = _default_graph(ds)
    for triple in graph:
        default.add(triple)
    return ds


def load_graph(path: str | os.PathLike, fmt: str | None = None) -> Graph:
    """Read a graph file written by ``kg build`` as one graph.

    TriG and N-Quads files give the union of their graphs, with one
    ``rdfs:label`` per actor (:func:`kg.store.base.flatten`).
    """
    from kg.store.base import flatten

    graph = Graph()
    fmt_name = guess_format(path, fmt)
    try:
        if fmt_name in QUAD_FORMATS:
            ds = Dataset()
            ds.parse(os.fspath(path), format=fmt_name)
            flatten(ds.quads((None, None, None, None)), graph)
        else:
            graph.parse(os.fspath(path), format=fmt_name)
    except FileNotFoundError:
        raise OutputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise OutputError(f"{path}: is a directory (an Oxigraph store? use --store {path})") from None
    except Exception as exc:  # rdflib raises many parser-specific errors
        raise OutputError(f"{path}: not a readable RDF graph ({type(exc).__name__}: {exc})") from None
    return graph


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


def write_graph(graph: Graph, path: str | os.PathLike, fmt: str | None = None) -> None:
    """Serialise ``graph`` to ``path`` atomically: a reader sees the old file or the new one."""
    fmt = guess_format(path, fmt)
    data = _as_dataset(graph) if fmt in QUAD_FORMATS else graph
    atomic_write(path, lambda out: data.serialize(out, format=fmt, encoding="utf-8"))


