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

from kg.errors import OutputError, UsageError, printable
from kg.graphio import LOCK_WAIT, atomic_write, guess_format
from kg.model import Article, Extraction
from kg.pool import DEFAULT_TIMEOUT, cpu_count

BATCH_SIZE = 64  # articles per atomic write to a store
AUTO_MIN_ARTICLES = 64  # workers="auto" parses fewer articles than this in one worker: start-up would dominate
READ_CHUNK = 256  # articles read, checked against the target and unified with its people at a time


@dataclass
class Failure:
    """An input that did not go in, and why."""

    source: str
    reason: str

    def __str__(self) -> str:  # one line, whatever the file is called
        return f"{printable(self.source)}: {printable(self.reason)}"


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
    options: set[str] = field(default_factory=set)  # the parameters its failures and notes name (``name=``)

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
                 + (f" -> {printable(self.output)}" if self.output else ""),
                 *([f"skipped: {self.skipped} unchanged article(s) already in the graph"] if self.skipped else []),
                 f"failed: {len(self.failures)}"]
        lines += [f"error: {f}" for f in self.failures]
        lines += map(printable, self.notes)  # one line each, whatever the files are called
        return "\n".join(lines)


def _where(article: Article) -> str:
    """The file (or line, or item) an article was read from, for messages."""
    return article.origin or article.source or article.id


def _articles(paths: Iterable[str], report: BuildReport, max_bytes: int, stdin,
              stdin_meta: dict | None = None, follow_symlinks: bool = False) -> Iterator[Article]:
    """The articles read, one at a time; bad inputs become failures, reading notices (warnings) notes."""
    from kg.ingest import IngestError, IngestWarning, read_paths

    others = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IngestWarning)
        for item in read_paths(paths, max_bytes=max_bytes, stdin=stdin, stdin_meta=stdin_meta,
                               follow_symlinks=follow_symlinks):
            others += _notes(caught, report)
            if isinstance(item, IngestError):
                report.failures.append(Failure(item.source, item.reason))
                report.options.update(item.options)
            else:
                yield item
        others += _notes(caught, report)
    for w in others:  # not ours: pass them on as they came
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)


def _notes(caught: list, report: BuildReport) -> list:
    """Move the reading notices of ``caught`` into the report; the other warnings, to pass on."""
    from kg.ingest import IngestWarning

    ours = [w for w in caught if isinstance(w.message, IngestWarning)]
    report.notes += [f"note: {w.message}" for w in ours]
    others = [w for w in caught if not isinstance(w.message, IngestWarning)]
    caught.clear()
    return others


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    run: list = []
    for item in items:
        run.append(item)
        if len(run) >= size:
            yield run
            run = []
    if run:
        yield run


def _long_note(article: Article, report: BuildReport) -> None:
    """A note for an article long enough to be parsed in pieces."""
    from kg.extract.pipeline import PIECE_CHARS

    if len(article.text) > PIECE_CHARS:
        report.notes.append(f"note: {printable(_where(article))}: {len(article.text):,} characters, parsed in "
                            f"pieces of at most {PIECE_CHARS:,} (a fact split across two pieces is missed)")


def _extract(articles: Iterable[Article], report: BuildReport, *, model: str | None, workers: int,
             timeout: float | None, cluster, check_language: bool,
             progress: Callable[[int], None] | None) -> Iterator[Extraction]:
    """The extractions of ``articles`` in order; the articles that failed become failures of the report,
    those not parsed (not English) empty extractions with a note."""
    from kg.extract.language import not_english
    from kg.pool import Failed, Skipped, extract_here, extract_in_processes

    screen = not_english if check_language else None
    if cluster is not None:
        results = _on_cluster(list(articles), screen, cluster, model)
    elif workers == 1 and not timeout:
        results = extract_here(articles, model=model, screen=screen)
    else:
        results = extract_in_processes(articles, workers=workers, model=model, timeout=timeout, screen=screen)
    for result in results:
        if progress:
            progress(1)
        if isinstance(result, Failed):
            report.failures.append(Failure(_where(result.article), result.reason))
        elif isinstance(result, Skipped):
            report.notes.append(f"note: {printable(_where(result.article))}: {result.reason}")
            report.options.add("check_language")
            yield Extraction(article=result.article)
        else:
            _long_note(result.article, report)
            yield result


def _on_cluster(articles: list[Article], screen, address, model: str | None) -> Iterator:
    from kg.cluster import extract_on_cluster
    from kg.pool import Failed, Skipped

    reasons = {a.id: screen(a) for a in articles} if screen else {}
    results = {}
    for item in extract_on_cluster([a for a in articles if not reasons.get(a.id)], address, model=model):
        if isinstance(item, Extraction):
            results[item.article.id] = item
        else:
            results[item[0].id] = Failed(*item)
    for article in articles:
        yield Skipped(article, reasons[article.id]) if reasons.get(article.id) else results[article.id]


def extractor_name(model: str | None = None) -> str:
    """What made the facts: kg's version, the spaCy model and the users' rule files in use
    (kept on each article, so that changing any of them reads the articles again)."""
    from kg.extract.pipeline import model_name
    from kg.extract.rules import rules_digest
    from kg.version import VERSION

    digest = rules_digest()
    return f"dipkg {VERSION}; {model_name(model)}" + (f"; rules {digest}" if digest else "")


def _todo(articles: Iterable[Article], target, extractor: str, force: bool,
          report: BuildReport, hashes: dict[str, str]) -> Iterator[Article]:
    """The articles to extract: new, changed or from another extractor; their content hashes go in ``hashes``.

    Articles are checked against ``target`` a chunk at a time.
    """
    from kg.store import content_hash

    seen: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(articles, READ_CHUNK):
        known = target.articles([a.id for a in chunk])
        for article in chunk:
            digest = content_hash(article)
            where = _where(article)
            if article.id in seen:
                if seen[article.id][0] != digest:
                    report.failures.append(Failure(where, f"duplicate id {article.id!r} with other content "
                                                          f"(first seen in {printable(seen[article.id][1])})"))
                continue
            seen[article.id] = (digest, where)
            if not force and known.get(article.id) == (digest, extractor):
                report.skipped += 1
                continue
            hashes[article.id] = digest
            yield article


def _check_workers(workers) -> None:
    if workers != "auto" and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise UsageError(f"workers must be a whole number of at least 1, or 'auto', not {workers!r}",
                         options=["workers"])


def _auto_workers(articles: Iterator[Article]) -> tuple[int, Iterator[Article]]:
    """How many workers ``workers="auto"`` means for ``articles``: one per core, or one when
    fewer than :data:`AUTO_MIN_ARTICLES` are to be read; and the same articles, still lazy."""
    from itertools import chain, islice

    head = list(islice(articles, AUTO_MIN_ARTICLES))
    return (cpu_count() if len(head) >= AUTO_MIN_ARTICLES else 1), chain(head, articles)


def _check_target(output, store, endpoint) -> None:
    if sum(x is not None for x in (output, store, endpoint)) > 1:
        raise UsageError("give one of output=FILE, store=DIR or endpoint=URL", options=["output", "store", "endpoint"])
    if output is not None and Path(output).is_dir():  # fail before the slow part
        if (Path(output) / "CURRENT").is_file():
            raise OutputError(f"{os.fspath(output)}: is an Oxigraph store; use store={os.fspath(output)}",
                              options=["store"])
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
          on_total: Callable[[int], None] | None = None, workers: int | str = 1,
          store: str | os.PathLike | None = None, endpoint: str | None = None,
          update_url: str | None = None, cluster=None, batch_size: int = BATCH_SIZE,
          force: bool = False, check_language: bool = True, follow_symlinks: bool = False,
          lock_wait: float = LOCK_WAIT,
          article_timeout: float | None = DEFAULT_TIMEOUT,
          rules: Iterable[str | os.PathLike] = (), keep_graph: bool = True) -> tuple[Graph | None, BuildReport]:
    """Read ``paths``, extract facts and put them in the target; return ``(graph, report)``.

    The target is the file ``output`` (replaced, or merged into with ``append``),
    the Oxigraph directory ``store`` or the SPARQL server ``endpoint``; stores are
    always added to.  ``graph`` is the whole graph for a file target (or none)
    and None for a store.  Articles already in the target with the same content
    hash and extractor are skipped (``force`` reads them anyway).  Articles are
    parsed in ``workers`` child processes (:func:`kg.pool.extract_in_processes`; ``"auto"``:
    one per core, or one for fewer than :data:`AUTO_MIN_ARTICLES` articles to read),
    or with ``cluster`` (a Dask scheduler address) on a cluster, with the same
    result as one process; an article that takes more than ``article_timeout``
    seconds (per 100,000 characters) is a failure of the report and the build
    goes on (0 or None: no limit, and with one worker, parsed in this process).
    Input is read, extracted and written a chunk of articles at a time, so
    memory does not grow with the input (a file target keeps its graph in
    memory until it is written).  An article that does
    not look like English goes in without facts, with a note in the report,
    unless ``check_language`` is false.  Notices from reading the input
    (:class:`kg.errors.IngestWarning`) become notes too.  ``stdin_meta`` gives
    the ``date``, ``title``, ``url`` and ``source`` of what ``-`` reads from
    ``stdin`` (see :func:`kg.ingest.stdin_metadata`).  A symbolic link in a folder
    that leads out of it is skipped with a note unless ``follow_symlinks``.
    A build to a file holds the file's lock (:class:`kg.graphio.FileLock`) from
    reading it to writing it, waiting up to ``lock_wait`` seconds for another
    build or removal writing that file to finish, then fails with
    :class:`kg.errors.OutputError`.  ``rules`` are users' rule files: their relations
    and patterns are used from now on (:func:`kg.extract.rules.use_rules`).
    ``keep_graph=False`` returns None for the graph of a file target too: the file is
    written without making an rdflib graph of it (``kg build`` does so).
    """
    from kg.identity import unify_people
    from kg.ingest import MAX_BYTES
    from kg.store import MemoryStore, open_store

    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise UsageError("no input: give files, directories or - for stdin")
    if max_bytes is not None and max_bytes <= 0:
        raise UsageError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, not {batch_size}")
    if article_timeout is not None and article_timeout < 0:
        raise UsageError(f"article_timeout must be a number of seconds (0 for no limit), not {article_timeout}")
    _check_target(output, store, endpoint)
    _check_workers(workers)
    if rules:
        from kg.extract.rules import use_rules

        use_rules([os.fspath(r) for r in rules])
    if cluster is not None:
        from kg.relations import rule_files

        if rule_files():
            raise UsageError("rules= cannot be used with cluster= yet: the cluster's workers read kg's own "
                             "rules only", options=["rules", "cluster"])
    stdin_meta = _check_stdin_meta(paths, stdin_meta)
    start = time.perf_counter()
    if store is None and endpoint is None:
        target = MemoryStore(output, guess_format(output, fmt), load=append, lock=True, lock_wait=lock_wait)
    else:
        target = open_store(store=store, endpoint=endpoint, update_url=update_url)
    report = BuildReport(output=os.fspath(output) if output else (os.fspath(store) if store else endpoint))
    try:
        extractor = extractor_name(model)
        hashes: dict[str, str] = {}
        read = _articles(paths, report, max_bytes or MAX_BYTES, stdin, stdin_meta, follow_symlinks)
        todo = _todo(read, target, extractor, force, report, hashes)
        if on_total:
            todo = _counted(todo, on_total)
        flat = target.flat_articles() if isinstance(target, MemoryStore) else set()
        if workers == "auto":
            workers, todo = _auto_workers(todo)
        extractions = _extract(todo, report, model=model, workers=workers, timeout=article_timeout,
                               cluster=cluster, check_language=check_language, progress=progress)
        known: set[str] | None = None  # the people in the target: read once, then grown chunk by chunk
        for chunk in _chunks(extractions, READ_CHUNK):
            known = set(target.person_keys()) if known is None else known
            unify_people(chunk, known=known)
            known |= {k for ex in chunk for k, a in ex.actors.items() if a.kind == "person"}
            for i in range(0, len(chunk), batch_size):
                _put(chunk[i:i + batch_size], target, hashes, extractor, report, flat, output)
        graph = _finish(target, output, report, keep_graph)
    finally:
        target.close() if not isinstance(target, MemoryStore) else target.release()
    report.seconds = time.perf_counter() - start
    return graph, report


def _counted(articles: Iterator[Article], on_total: Callable[[int], None]) -> Iterator[Article]:
    """``articles``, telling ``on_total`` how many have been read so far (every 64, and at the end)."""
    n = 0
    for n, article in enumerate(articles, 1):
        if n % 64 == 1:
            on_total(n)
        yield article
    on_total(n)


def _put(extractions: list[Extraction], target, hashes: dict[str, str], extractor: str,
         report: BuildReport, flat: set[str], output) -> None:
    """Write one batch of articles to ``target`` in one change, and count it in ``report``."""
    from kg.counts import count_events
    from kg.rdf import extraction_triples

    items = [(ex.article.id, hashes.pop(ex.article.id), extractor, extraction_triples(ex)) for ex in extractions]
    target.put(items)
    report.triples += sum(len(item[3]) for item in items)
    for ex, item in zip(extractions, items):
        report.articles += 1
        for status, counts in count_events(item[3]).items():
            (report.events if status == "happened" else report.not_asserted).update(counts)
        if ex.article.id in flat:
            report.notes.append(f"note: {ex.article.id} changed, but {printable(os.fspath(output))} is a flat "
                                "file: its old facts stay (write .trig or use store= to replace articles)")
            report.options.add("store")


def _finish(target, output, report: BuildReport, keep_graph: bool = True) -> Graph | None:
    """Write a file target (unless nothing could be read) and count its triples; the union as
    an rdflib graph when ``keep_graph``."""
    from kg.store import MemoryStore

    if not isinstance(target, MemoryStore):
        report.to_store = True  # counting a store's triples takes a scan of it: triples stays what was written
        return None
    if target.lock_waited:
        report.notes.append(f"note: waited {target.lock_waited:.1f} s for another kg build or kg remove "
                            f"to finish writing {printable(os.fspath(output))}")
    flat = target.flat()
    report.triples = len(flat)
    graph = _as_graph(flat) if keep_graph or output is None else None
    if output is None:
        return graph
    if report.articles == 0 and Path(output).exists():
        report.output = None  # nothing new: keep the graph that is there
        if not report.skipped:
            report.notes.append(f"{os.fspath(output)} left unchanged: no article could be read")
        return graph
    atomic_write(output, lambda out: target.write(out, flat))
    return graph


def _as_graph(flat) -> Graph:
    """The union, already flattened (:meth:`kg.store.MemoryStore.flat`), as the rdflib graph
    :meth:`kg.store.Store.to_graph` gives, without flattening the dataset a second time."""
    from kg.rdf import bind_prefixes
    from kg.triples import to_graph

    graph = Graph()
    bind_prefixes(graph)
    return to_graph(flat, graph)
