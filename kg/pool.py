"""Extraction in worker processes, with a time budget per article.

:func:`extract_in_processes` parses and extracts articles in ``workers`` child
processes and yields the results in input order, so the graph does not depend
on how many workers ran.  A worker that takes longer than an article's budget
(``timeout`` seconds, more for a long text: see :func:`budget`) is killed and
replaced; the article is reported as failed and the build goes on.  A worker
that dies (a crash, the kernel's OOM killer) is handled the same way.

Articles are parsed in batches (up to 64 articles and 50,000 characters), and
a batch has the budget of one article of its length.  When a batch of several
articles runs out of time, the culprit is not known yet: its articles are
tried again one at a time, so only the runaway article fails, after at most
two budgets.

Workers are forked from this process where the platform can (Linux), so they
share the loaded spaCy model and start in milliseconds; elsewhere they are
spawned and load the model themselves.  Articles go out and
:class:`~kg.model.Extraction` records come back (without the article text,
which the parent has).  The parent can do other work (RDF, writing) between
``next()`` calls: each worker holds a few batches queued, so it is not idle
meanwhile.

    >>> from kg.model import Article
    >>> results = list(extract_in_processes([Article(id="a", text="Hello.")], workers=1))
    >>> [type(r).__name__ for r in results]
    ['Extraction']
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

from kg.errors import KGError, UsageError
from kg.model import Article, Extraction

__all__ = ["extract_batch", "extract_here", "extract_in_processes", "budget", "DEFAULT_TIMEOUT", "Failed",
           "Skipped"]

DEFAULT_TIMEOUT = 60.0  # seconds per article (per 100,000 characters of a longer one)
BATCH_ARTICLES = 64  # articles per batch (spaCy's nlp.pipe batch)
BATCH_CHARS = 50_000  # characters per batch: a long article goes alone
QUEUED_CHARS = 400_000  # characters queued per worker beyond the batch it runs (at least one batch)
QUEUED_BATCHES = 4
START_TIMEOUT = 300.0  # seconds for a spawned worker to import spaCy and load the model


@dataclass
class Failed:
    """An article that could not be extracted, and why."""

    article: Article
    reason: str


@dataclass
class Skipped:
    """An article that was read but not parsed (its ``screen`` gave a reason)."""

    article: Article
    reason: str


def _reason(exc: BaseException) -> str:
    return f"extraction failed ({type(exc).__name__}: {exc})"


def extract_batch(articles: list[Article], nlp, *, batch_size: int = BATCH_ARTICLES,
                  screen: Callable[[Article], str | None] | None = None) -> list[Extraction | Skipped | str]:
    """Each article's :class:`Extraction`, or the reason it failed; one bad article spoils only itself.

    An article for which ``screen(article)`` gives a reason is not parsed: it
    comes back as :class:`Skipped` with that reason.
    """
    from kg import extract as kx  # looked up at call time, so tests can patch extract_doc
    from kg.extract.pipeline import parse_articles

    out: list[Extraction | Skipped | str | None] = [None] * len(articles)
    parse = []
    for i, article in enumerate(articles):
        reason = screen(article) if screen is not None else None
        if reason:
            out[i] = Skipped(article, reason)
        else:
            parse.append(i)
    docs = parse_articles(nlp, [articles[i].text for i in parse], batch_size=batch_size)
    for i, doc in zip(parse, docs):
        if isinstance(doc, Exception):
            out[i] = _reason(doc)
            continue
        try:
            out[i] = kx.extract_doc(articles[i], doc)
        except Exception as exc:  # noqa: BLE001 - one bad article must not lose the others
            out[i] = _reason(exc)
    return out


def budget(articles: list[Article], timeout: float) -> float:
    """Seconds a batch of ``articles`` may take: ``timeout``, times the 100,000-character
    pieces of a longer text (a batch holds at most :data:`BATCH_CHARS` characters of short ones).

    >>> budget([Article(id="a", text="x" * 250_000)], 60.0)
    150.0
    """
    from kg.extract.pipeline import PIECE_CHARS

    return timeout * max(1.0, sum(len(a.text) for a in articles) / PIECE_CHARS)


# ----------------------------------------------------------------------------- the worker side

def _work(inbox, outbox, model: str | None, screen, rules: tuple[str, ...] = ()) -> None:
    """A worker process: load the model (and, when spawned, the parent's rule files), then
    extract each batch that arrives until ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from kg.extract import load_model
    from kg.extract.rules import use_rules

    use_rules(rules)  # a forked worker has them already: then this changes nothing
    nlp = load_model(model)
    outbox.send(("ready", None, time.monotonic()))
    while (job := inbox.get()) is not None:
        batch_id, articles = job
        outbox.send(("start", batch_id, time.monotonic()))
        results = extract_batch(articles, nlp, screen=screen)
        for r in results:
            if isinstance(r, (Extraction, Skipped)):
                r.article = None  # the parent has it; the text need not travel back
        outbox.send(("done", batch_id, results))


WARM_UP_TEXT = "President Anna Berg met Prime Minister Lukas Holm in Oslo on Monday and signed an accord."
_warmed: set = set()


def _warm_up(model: str | None) -> None:
    """Load the model and run the extractor once in this process, before workers are forked.

    The extractor builds its matchers, caches and indexes on first use; a worker
    forked from a process that never extracted builds them again, every build
    (0.2 s instead of 0.08 s for a one-article build in a long-lived process such
    as a notebook).
    """
    from kg.extract import load_model
    from kg.relations import rule_files

    nlp = load_model(model)  # cached; a missing model is an error here, before any fork
    key = (id(nlp), tuple(rule_files()))
    if key in _warmed:
        return
    extract_batch([Article(id="kg-warm-up", text=WARM_UP_TEXT)], nlp)
    _warmed.add(key)


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


# ----------------------------------------------------------------------------- the parent side

@dataclass
class _Batch:
    id: int
    items: list[tuple[int, Article]]  # (position in the input, article)

    @property
    def chars(self) -> int:
        return sum(len(a.text) for _, a in self.items)


@dataclass
class _Worker:
    process: mp.Process
    inbox: object  # multiprocessing Queue: puts never block the parent
    conn: object  # the parent's end of the results pipe
    queued: deque = field(default_factory=deque)  # batches sent, oldest first
    ready: bool = False
    deadline: float | None = None  # for the batch it runs (queued[0]), once it said "start"
    born: float = field(default_factory=time.monotonic)

    def load(self) -> int:
        return sum(b.chars for b in self.queued)


class _Pool:
    def __init__(self, workers: int, model: str | None, timeout: float | None, screen) -> None:
        self.ctx = _context()
        self.model, self.timeout, self.size, self.screen = model, timeout, workers, screen
        self.workers: list[_Worker] = []
        self.retry: deque[_Batch] = deque()  # suspects and batches of a dead worker
        self.next_id = 0
        self.started = False

    def spawn(self) -> _Worker:
        receive, send = self.ctx.Pipe(duplex=False)
        inbox = self.ctx.Queue()
        from kg.relations import rule_files

        process = self.ctx.Process(target=_work, args=(inbox, send, self.model, self.screen, rule_files()),
                                   daemon=True,
                                   name="kg-extract")
        process.start()
        send.close()
        worker = _Worker(process, inbox, receive)
        self.workers.append(worker)
        return worker

    def start(self) -> None:
        """Start the workers; a forked worker shares this process's model, loaded and warmed here once."""
        if self.ctx.get_start_method() == "fork":
            _warm_up(self.model)
        self.started = True
        for _ in range(self.size):
            self.spawn()

    def batch(self, items: list[tuple[int, Article]]) -> _Batch:
        self.next_id += 1
        return _Batch(self.next_id, items)

    def send(self, worker: _Worker, batch: _Batch) -> None:
        worker.queued.append(batch)
        worker.inbox.put((batch.id, [a for _, a in batch.items]))

    def budget(self, batch: _Batch) -> float | None:
        if not self.timeout:
            return None
        return budget([a for _, a in batch.items], self.timeout)

    def retire(self, worker: _Worker, wait: bool = True) -> list[_Batch]:
        """Kill ``worker``; its batches, to be done again.  With ``wait``, wait until it has
        ended; without, the next pool's start (or the end of this process) reaps it."""
        self.workers.remove(worker)
        if worker.process.is_alive():
            worker.process.kill()
        if wait:
            worker.process.join(5)
        worker.inbox.cancel_join_thread()  # a dead reader: do not wait for the queue's feeder
        worker.inbox.close()
        worker.conn.close()
        return list(worker.queued)

    def close(self) -> None:
        """Kill the workers without waiting while the system takes each one down (about 20 ms
        for a worker holding the model, which a build need not spend)."""
        for worker in list(self.workers):
            self.retire(worker, wait=False)


def _batches(articles: Iterable[Article]) -> Iterator[list[tuple[int, Article]]]:
    """Runs of at most :data:`BATCH_ARTICLES` articles and :data:`BATCH_CHARS` characters."""
    run: list[tuple[int, Article]] = []
    chars = 0
    for i, article in enumerate(articles):
        if run and (len(run) >= BATCH_ARTICLES or chars + len(article.text) > BATCH_CHARS):
            yield run
            run, chars = [], 0
        run.append((i, article))
        chars += len(article.text)
    if run:
        yield run


def _settle(items: list[tuple[int, Article]], results: list, done: dict) -> None:
    """Put a batch's results in ``done`` by position, each with its article."""
    for (i, article), result in zip(items, results):
        if isinstance(result, (Extraction, Skipped)):
            result.article = article
            done[i] = result
        else:
            done[i] = Failed(article, result)


def extract_here(articles: Iterable[Article], *, model: str | None = None,
                 screen: Callable[[Article], str | None] | None = None) -> Iterator[Extraction | Failed | Skipped]:
    """:func:`extract_in_processes` in this process, with no time limit."""
    from kg.extract import load_model

    nlp = None
    for items in _batches(articles):
        nlp = nlp or load_model(model)
        done: dict = {}
        _settle(items, extract_batch([a for _, a in items], nlp, screen=screen), done)
        yield from (done[i] for i, _ in items)


def extract_in_processes(articles: Iterable[Article], *, workers: int = 1, model: str | None = None,
                         timeout: float | None = DEFAULT_TIMEOUT,
                         screen: Callable[[Article], str | None] | None = None,
                         ) -> Iterator[Extraction | Failed | Skipped]:
    """Extract ``articles`` in ``workers`` processes; yield each result in input order.

    A result is the article's :class:`Extraction` or a :class:`Failed` with the
    reason: an error, a worker that died, or more time than :func:`budget`
    allows (``timeout`` seconds per article; None or 0 for no limit).  An
    article for which ``screen(article)`` (run in the worker: a module-level
    function, so that it can be sent to a spawned process) gives a reason is not
    parsed: it comes back as :class:`Skipped`.  ``articles`` is read lazily, a
    few batches per worker ahead; no process starts before the first article.
    """
    if workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    if timeout is not None and timeout < 0:
        raise UsageError(f"timeout must be a positive number of seconds, not {timeout}")
    pool = _Pool(workers, model, timeout, screen)
    try:
        yield from _run(pool, articles)
    finally:
        pool.close()


def _run(pool: _Pool, articles: Iterable[Article]) -> Iterator[Extraction | Failed | Skipped]:
    done: dict[int, Extraction | Failed] = {}
    sent: dict[int, Article] = {}  # sent to a worker and not yet yielded
    source = _batches(articles)
    emitted = 0
    exhausted = False
    while True:
        exhausted = _feed(pool, source, sent, exhausted)
        while emitted in done:
            sent.pop(emitted, None)
            yield done.pop(emitted)
            emitted += 1
        if exhausted and not sent and not pool.retry:
            return
        _collect(pool, done)


def _feed(pool: _Pool, source, sent: dict, exhausted: bool) -> bool:
    """Start workers once there is work; give every ready worker work up to its queue
    limits.  Returns whether ``source`` is used up."""
    if not pool.started and not exhausted:
        first = next(source, None)
        if first is None:
            return True
        pool.start()
        pool.retry.append(pool.batch(first))
        sent.update(first)
    for worker in list(pool.workers):
        if not worker.ready:
            continue
        while pool.retry and len(worker.queued) < QUEUED_BATCHES:
            pool.send(worker, pool.retry.popleft())
        while (not exhausted and len(worker.queued) < QUEUED_BATCHES
               and (not worker.queued or worker.load() < QUEUED_CHARS)):
            items = next(source, None)
            if items is None:
                exhausted = True
                break
            sent.update(items)
            pool.send(worker, pool.batch(items))
    while pool.started and len(pool.workers) < pool.size:
        pool.spawn()
    return exhausted


def _collect(pool: _Pool, done: dict) -> None:
    """Wait for one message (or a deadline) and act on it."""
    now = time.monotonic()
    deadlines = [w.deadline for w in pool.workers if w.deadline is not None]
    wait_for = max(0.0, min(deadlines) - now) if deadlines else 1.0
    ready = wait([w.conn for w in pool.workers], timeout=min(wait_for, 1.0))
    for conn in ready:
        worker = next(w for w in pool.workers if w.conn is conn)
        try:
            kind, _, payload = conn.recv()
        except (EOFError, OSError):
            worker.process.join(1)  # reaped, so that its exit code is known
            _lost(pool, worker, done, "extraction failed: its process died"
                  + (f" (exit code {worker.process.exitcode})" if worker.process.exitcode else ""))
            continue
        except Exception as exc:  # noqa: BLE001 - a result that cannot be unpickled
            _lost(pool, worker, done,
                  f"extraction failed: its result could not be read back ({type(exc).__name__}: {exc})")
            continue
        if kind == "ready":
            worker.ready = True
        elif kind == "start":
            limit = pool.budget(worker.queued[0])
            worker.deadline = None if limit is None else payload + limit
        else:  # done
            batch = worker.queued.popleft()
            worker.deadline = None
            _settle(batch.items, payload, done)
    now = time.monotonic()
    for worker in list(pool.workers):
        if worker.deadline is not None and now > worker.deadline:
            limit = pool.budget(worker.queued[0])
            _lost(pool, worker, done, f"extraction took longer than {limit:.0f} s (the time limit per article)")
        elif not worker.ready and now - worker.born > START_TIMEOUT:
            _lost(pool, worker, done, "the extraction process did not start")


def _lost(pool: _Pool, worker: _Worker, done: dict, reason: str) -> None:
    """Replace ``worker``; fail its running article if it ran alone, else retry that batch article by article."""
    batches = pool.retire(worker)
    if not batches:
        if not worker.ready:
            raise KGError(f"cannot start an extraction process: {reason}")
        return
    running, rest = batches[0], batches[1:]
    if len(running.items) == 1:
        i, article = running.items[0]
        done[i] = Failed(article, reason)
    else:
        pool.retry.extend(pool.batch([item]) for item in running.items)
    pool.retry.extend(rest)
