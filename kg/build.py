"""Build a graph from article files: ingest -> extract -> identity -> rdf -> store.

This is the Python API behind ``kg build``::

    from kg.build import build
    graph, report = build(["examples/articles"], output="graph.ttl")
    print(report.summary())
    _, report = build(["inbox/"], store="news.db", workers=2)   # an Oxigraph store

The target is a graph file (written atomically at the end), an Oxigraph
directory (``store=``) or a SPARQL server (``endpoint=``); see :mod:`kg.store`.
Articles go in as batches of ``batch_size``, one atomic change each.  An article
already in the target with the same content and extractor is skipped.
"""
from __future__ import annotations

import os
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Graph

from kg.errors import OutputError, UsageError
from kg.files import (FORMATS, QUAD_FORMATS, SUFFIX_FORMATS, atomic_write, guess_format,  # noqa: F401
                      load_graph, write_graph)
from kg.model import Article, Extraction

BATCH_SIZE = 64  # articles per atomic write to a store


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
    events: Counter = field(default_factory=Counter)  # events that happened, by relation (kg.counts)
    not_asserted: Counter = field(default_factory=Counter)  # planned, negated, hypothetical events
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    triples: int = 0  # in the graph file; for a store, the triples this build wrote
    to_store: bool = False
    seconds: float = 0.0
    output: str | None = None
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        from kg.counts import describe_events

        rate = self.articles / self.seconds if self.seconds else 0.0
        kept = sum(self.not_asserted.values())
        lines = [f"read {self.articles} article(s) in {self.seconds:.1f} s ({rate:.1f} articles/s)",
                 describe_events(self.events)
                 + (f"; {kept} planned/negated/hypothetical event(s) kept" if kept else ""),
                 f"triples: {self.triples}" + (" written" if self.to_store else "")
                 + (f" -> {self.output}" if self.output else ""),
                 *([f"skipped: {self.skipped} unchanged article(s) already in the graph"] if self.skipped else []),
                 f"failed: {len(self.failures)}"]
        lines += [f"error: {f}" for f in self.failures]
        lines += self.notes
        return "\n".join(lines)


def _where(article: Article) -> str:
    """The file (or line, or item) an article was read from, for messages."""
    return article.origin or article.source or article.id


def _articles(paths: Iterable[str], report: BuildReport, max_bytes: int, stdin,
              stdin_meta: dict | None = None) -> list[Article]:
    """The articles read; bad inputs become failures, reading notices (warnings) notes."""
    from kg.ingest import IngestError, IngestWarning, read_paths

    articles = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IngestWarning)
        for item in read_paths(paths, max_bytes=max_bytes, stdin=stdin, stdin_meta=stdin_meta):
            if isinstance(item, IngestError):
                report.failures.append(Failure(item.source, item.reason))
            else:
                articles.append(item)
    for w in caught:
        if isinstance(w.message, IngestWarning):
            report.notes.append(f"note: {w.message}")
        else:  # not ours: pass it on as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    return articles


def _safe_extractions(articles: list[Article], nlp, report: BuildReport,
                      progress: Callable[[int], None] | None, workers: int = 1) -> Iterator[Extraction]:
    from kg.extract import extract_doc
    from kg.extract.pipeline import parse_texts

    # spaCy keeps the input order with n_process > 1, so the output is the same as with one
    # process; a batch of 16 keeps each process near 300 MB on 500-word articles.
    docs = parse_texts(nlp, [a.text for a in articles], batch_size=16, n_process=max(1, workers))
    for article, doc in zip(articles, docs):
        try:
            if isinstance(doc, Exception):
                raise doc
            yield extract_doc(article, doc)
        except Exception as exc:  # one bad article must not lose the others
            report.failures.append(Failure(_where(article),
                                           f"extraction failed ({type(exc).__name__}: {exc})"))
        if progress:
            progress(1)


def _screen(articles: list[Article], report: BuildReport, check_language: bool) -> list[Article]:
    """The articles worth parsing; notes for the others (not English) and for very long ones."""
    from kg.extract.language import language_signs
    from kg.extract.pipeline import PIECE_CHARS

    keep = []
    for article in articles:
        where = _where(article)
        signs = language_signs(article.text) if check_language else None
        if signs is not None and not signs.is_english:
            report.notes.append(f"note: {where}: does not look like English ({signs}):"
                                " read without extracting facts (--any-language extracts anyway)")
            continue
        if len(article.text) > PIECE_CHARS:
            report.notes.append(f"note: {where}: {len(article.text):,} characters, parsed in pieces of at "
                                f"most {PIECE_CHARS:,} (a fact split across two pieces is missed)")
        keep.append(article)
    return keep


def _on_cluster(articles: list[Article], address, model: str | None, report: BuildReport,
                progress: Callable[[int], None] | None) -> Iterator[Extraction]:
    from kg.cluster import extract_on_cluster

    for item in extract_on_cluster(articles, address, model=model, progress=progress):
        if isinstance(item, Extraction):
            yield item
        else:
            article, reason = item
            report.failures.append(Failure(_where(article), reason))


def extractor_name(model: str | None = None) -> str:
    """What made the facts: kg's version and the spaCy model (kept on each article)."""
    import kg
    from kg.extract.pipeline import model_name

    return f"dipkg {kg.__version__}; {model_name(model)}"


def _todo(articles: list[Article], known: dict, extractor: str, force: bool,
          report: BuildReport) -> list[tuple[Article, str]]:
    """The articles to extract, with their content hashes: new, changed or from another extractor."""
    from kg.store import content_hash

    seen: dict[str, tuple[str, str]] = {}
    todo = []
    for article in articles:
        digest = content_hash(article)
        where = _where(article)
        if article.id in seen:
            if seen[article.id][0] != digest:
                report.failures.append(Failure(where, f"duplicate id {article.id!r} with other content "
                                                      f"(first seen in {seen[article.id][1]})"))
            continue
        seen[article.id] = (digest, where)
        if not force and known.get(article.id) == (digest, extractor):
            report.skipped += 1
            continue
        todo.append((article, digest))
    return todo


def _check_target(output, store, endpoint) -> None:
    if sum(x is not None for x in (output, store, endpoint)) > 1:
        raise UsageError("give one of -o FILE, --store DIR or --endpoint URL")
    if output is not None and Path(output).is_dir():  # fail before the slow part
        if (Path(output) / "CURRENT").is_file():
            raise OutputError(f"{os.fspath(output)}: is an Oxigraph store; use --store {os.fspath(output)}")
        raise OutputError(f"{os.fspath(output)}: cannot write (it is a directory)")


def _check_stdin_meta(paths: list[str], meta: dict | None) -> dict[str, str]:
    """The checked metadata for standard input; an error when no input is ``-``."""
    from kg.ingest import stdin_metadata

    checked = stdin_metadata(meta)
    if checked and "-" not in paths:
        raise UsageError(f"a {', '.join(checked)} for standard input was given, but no input is - (stdin)")
    return checked


def build(paths: Iterable[str | os.PathLike], *, output: str | os.PathLike | None = None,
          fmt: str | None = None, model: str | None = None, append: bool = False,
          max_bytes: int | None = None, stdin=None, stdin_meta: dict[str, str | None] | None = None,
          progress: Callable[[int], None] | None = None,
          on_total: Callable[[int], None] | None = None, workers: int = 1,
          store: str | os.PathLike | None = None, endpoint: str | None = None,
          update_url: str | None = None, cluster=None, batch_size: int = BATCH_SIZE,
          force: bool = False, check_language: bool = True) -> tuple[Graph | None, BuildReport]:
    """Read ``paths``, extract facts and put them in the target; return ``(graph, report)``.

    The target is the file ``output`` (replaced, or merged into with ``append``),
    the Oxigraph directory ``store`` or the SPARQL server ``endpoint``; stores are
    always added to.  ``graph`` is the whole graph for a file target (or none)
    and None for a store.  Articles already in the target with the same content
    hash and extractor are skipped (``force`` reads them anyway); ``workers``
    parses in that many processes and ``cluster`` (a Dask scheduler address)
    on a cluster, with the same result as one process.  An article that does
    not look like English goes in without facts, with a note in the report,
    unless ``check_language`` is false.  Notices from reading the input
    (:class:`kg.errors.IngestWarning`) become notes too.  ``stdin_meta`` gives
    the ``date``, ``title``, ``url`` and ``source`` of what ``-`` reads from
    ``stdin`` (see :func:`kg.ingest.stdin_metadata`).
    """
    from kg.counts import count_events
    from kg.extract import load_model
    from kg.identity import unify_people
    from kg.ingest import MAX_BYTES
    from kg.rdf import extraction_to_graph
    from kg.store import MemoryStore, open_store

    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise UsageError("no input: give files, directories or - for stdin")
    if max_bytes is not None and max_bytes <= 0:
        raise UsageError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, not {batch_size}")
    _check_target(output, store, endpoint)
    stdin_meta = _check_stdin_meta(paths, stdin_meta)
    start = time.perf_counter()
    if store is None and endpoint is None:
        target = MemoryStore(output, guess_format(output, fmt), load=append)
    else:
        target = open_store(store=store, endpoint=endpoint, update_url=update_url)
    report = BuildReport(output=os.fspath(output) if output else (os.fspath(store) if store else endpoint))
    try:
        articles = _articles(paths, report, max_bytes or MAX_BYTES, stdin, stdin_meta)
        extractor = extractor_name(model)
        todo = _todo(articles, target.articles([a.id for a in articles]) if articles else {}, extractor,
                     force, report)
        hashes = {a.id: digest for a, digest in todo}
        to_parse = _screen([a for a, _ in todo], report, check_language)
        if on_total:
            on_total(len(to_parse))
        if not to_parse:
            parsed = []
        elif cluster is not None:
            parsed = list(_on_cluster(to_parse, cluster, model, report, progress))
        else:
            parsed = list(_safe_extractions(to_parse, load_model(model), report, progress, workers))
        done = {ex.article.id: ex for ex in parsed}
        parsing = {a.id for a in to_parse}  # the others (not English) go in without facts
        extractions = [done[a.id] if a.id in parsing else Extraction(article=a)
                       for a, _ in todo if a.id in done or a.id not in parsing]
        unify_people(extractions, known=target.person_keys() if extractions else ())
        flat = target.flat_articles() if isinstance(target, MemoryStore) else set()
        for i in range(0, len(extractions), batch_size):
            chunk = extractions[i:i + batch_size]
            items = [(ex.article.id, hashes[ex.article.id], extractor, extraction_to_graph(ex)) for ex in chunk]
            target.put(items)
            report.triples += sum(len(item[3]) for item in items)
            for ex, item in zip(chunk, items):
                report.articles += 1
                for status, counts in count_events(item[3]).items():
                    (report.events if status == "happened" else report.not_asserted).update(counts)
                if ex.article.id in flat:
                    report.notes.append(f"note: {ex.article.id} changed, but {output} is a flat file: its "
                                        "old facts stay (write .trig or use --store to replace articles)")
        graph = _finish(target, output, report)
    finally:
        target.close() if not isinstance(target, MemoryStore) else None
    report.seconds = time.perf_counter() - start
    return graph, report


def _finish(target, output, report: BuildReport) -> Graph | None:
    """Write a file target (unless nothing could be read) and count its triples."""
    from kg.store import MemoryStore

    if not isinstance(target, MemoryStore):
        report.to_store = True  # counting a store's triples takes a scan of it: triples stays what was written
        return None
    graph = target.to_graph()
    report.triples = len(graph)
    if output is None:
        return graph
    if report.articles == 0 and Path(output).exists():
        report.output = None  # nothing new: keep the graph that is there
        if not report.skipped:
            report.notes.append(f"{os.fspath(output)} left unchanged: no article could be read")
        return graph
    atomic_write(output, lambda out: target.write(out, graph))
    return graph
