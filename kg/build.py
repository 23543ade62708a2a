"""Build a graph from article files: ingest -> extract -> rdf -> atomic write.

This is the Python API behind ``kg build``::

    from kg.build import build
    graph, report = build(["examples/articles"], output="graph.ttl")
    print(report.summary())
"""
from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from rdflib import Dataset, Graph

from kg.errors import OutputError, UsageError
from kg.model import Article, Extraction

FORMATS = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nt": "nt", "ntriples": "nt",
           "json-ld": "json-ld", "jsonld": "json-ld", "xml": "xml"}
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld",
                  ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}


@dataclass
class Failure:
    """An input that did not go in, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class BuildReport:
    """What a build read, extracted and could not read."""

    articles: int = 0
    facts: Counter = field(default_factory=Counter)
    not_asserted: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    output: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        rels = ", ".join(f"{r} {self.facts.get(r, 0)}" for r in ("met_with", "signed", "attended", "called"))
        kept = sum(self.not_asserted.values())
        lines = [f"read {self.articles} article(s) in {self.seconds:.1f} s ({rate:.1f} articles/s)",
                 f"facts: {rels}" + (f"; {kept} planned/negated/hypothetical kept as events" if kept else ""),
                 f"triples: {self.triples}" + (f" -> {self.output}" if self.output else ""),
                 f"failed: {len(self.failures)}"]
        lines += [f"error: {f}" for f in self.failures]
        lines += self.notes
        return "\n".join(lines)


def guess_format(path: str | os.PathLike | None, fmt: str | None = None) -> str:
    """The rdflib serialisation name for ``--format`` or the output file's suffix."""
    if fmt:
        try:
            return FORMATS[fmt.lower()]
        except KeyError:
            raise UsageError(f"unknown format '{fmt}': use one of turtle, trig, nt, json-ld") from None
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
    """Read a graph file written by ``kg build`` (TriG: the union of all its graphs)."""
    graph = Graph()
    fmt_name = guess_format(path, fmt)
    try:
        if fmt_name == "trig":
            ds = Dataset()
            ds.parse(os.fspath(path), format="trig")
            for s, p, o, _ in ds.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph.parse(os.fspath(path), format=fmt_name)
    except FileNotFoundError:
        raise OutputError(f"{path}: no such file") from None
    except Exception as exc:  # rdflib raises many parser-specific errors
        raise OutputError(f"{path}: not a readable RDF graph ({type(exc).__name__}: {exc})") from None
    return graph


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Write a file through ``write(stream)`` atomically: a reader sees the old file or the new one.

    The bytes go to a temporary file in the same folder, are flushed to disk and
    renamed over ``path``; a replaced file keeps its permissions.  On any error the
    temporary file is removed and the old file is left as it was.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: cannot write (it is a directory)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
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
    data = _as_dataset(graph) if fmt == "trig" else graph
    atomic_write(path, lambda out: data.serialize(out, format=fmt, encoding="utf-8"))


def _articles(paths: Iterable[str], report: BuildReport, max_bytes: int, stdin) -> Iterator[Article]:
    from kg.ingest import IngestError, read_paths

    for item in read_paths(paths, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, IngestError):
            report.failures.append(Failure(item.source, item.reason))
        else:
            yield item


def _safe_extractions(articles: list[Article], nlp, report: BuildReport,
                      progress: Callable[[int], None] | None, workers: int = 1) -> Iterator[Extraction]:
    from kg.extract import extract_doc

    # spaCy keeps the input order with n_process > 1, so the output is the same as with one
    # process; a batch of 16 keeps each process near 300 MB on 500-word articles.
    docs = nlp.pipe((a.text for a in articles), batch_size=16, n_process=max(1, workers))
    for article, doc in zip(articles, docs):
        try:
            yield extract_doc(article, doc)
        except Exception as exc:  # one bad article must not lose the others
            report.failures.append(Failure(article.source or article.id,
                                           f"extraction failed ({type(exc).__name__}: {exc})"))
        if progress:
            progress(1)


def build(paths: Iterable[str | os.PathLike], *, output: str | os.PathLike | None = None,
          fmt: str | None = None, model: str | None = None, append: bool = False,
          max_bytes: int | None = None, stdin=None,
          progress: Callable[[int], None] | None = None,
          on_total: Callable[[int], None] | None = None, workers: int = 1) -> tuple[Graph, BuildReport]:
    """Read ``paths``, extract facts and return the graph (also written to ``output``).

    With ``append`` the facts are merged into the graph already at ``output``;
    writing is idempotent, so appending the same articles twice changes nothing.
    """
    from kg.extract import load_model
    from kg.identity import unify_people
    from kg.ingest import MAX_BYTES
    from kg.rdf import bind_prefixes, extraction_to_graph, person_keys

    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise UsageError("no input: give files, directories or - for stdin")
    if max_bytes is not None and max_bytes <= 0:
        raise UsageError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
    if output is not None and Path(output).is_dir():  # fail before the slow part
        raise OutputError(f"{os.fspath(output)}: cannot write (it is a directory)")
    start = time.perf_counter()
    fmt_name = guess_format(output, fmt)
    graph = load_graph(output, fmt_name) if append and output and Path(output).exists() else Graph()
    bind_prefixes(graph)
    report = BuildReport(output=os.fspath(output) if output else None)
    articles = list(_articles(paths, report, max_bytes or MAX_BYTES, stdin))
    nlp = load_model(model) if articles else None  # no need to load spaCy for nothing
    if on_total:
        on_total(len(articles))
    extractions = list(_safe_extractions(articles, nlp, report, progress, workers)) if articles else []
    unify_people(extractions, known=person_keys(graph))  # one person, one node across articles
    for ex in extractions:
        extraction_to_graph(ex, graph)
        report.articles += 1
        for f in ex.facts:
            (report.facts if f.status == "happened" else report.not_asserted)[f.relation] += 1
    report.triples = len(graph)
    if output is not None and report.articles == 0 and Path(output).exists():
        report.output = None  # nothing was read: keep the graph that is there
        report.notes.append(f"{os.fspath(output)} left unchanged: no article could be read")
    elif output is not None:
        write_graph(graph, output, fmt_name)
    report.seconds = time.perf_counter() - start
    return graph, report
