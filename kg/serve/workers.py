"""The pool of worker processes behind :mod:`kg.serve`: each holds its own copy of the
graph (or its own read-only handle on a store) and answers queries
(:mod:`kg.serve.worker`); a query that runs past the time limit has its worker killed and
replaced.

Every worker loads the same pinned snapshot (:mod:`kg.serve.snapshot`), so all of
them, replacements included, answer from one version of the graph.  A graph file held
in memory by Oxigraph is loaded once, by a zygote (:mod:`kg.serve.zygote`), and the
workers are forked from it: ready in milliseconds, sharing its pages.  A worker caps its
own memory (see :func:`kg.serve.worker.limit_memory`).  A worker that fails to start is
retried with a growing delay, and each failure is reported on stderr: the pool never
stays empty for good.

**Long queries yield to short ones.**  A query that has used more than
:data:`DEMOTE_AFTER` seconds of processor time is demoted: its worker's scheduling
priority drops to the lowest (``nice`` 19), and a stand-in worker starts so that
``size`` workers stay at normal priority for everyone else.  A demoted query keeps its
time limit, and runs at full speed when the machine has nothing else to do; under load it
gets what short queries leave.  At most ``demoted`` queries are demoted at once (the
others run on at normal priority); a demoted worker is replaced after its query.  An
update (``--allow-update``) is never demoted.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import sys
import threading
import time
from collections.abc import Mapping

from kg.errors import ServeError, printable, reword
from kg.serve.protocol import DEFAULT_WORKERS, LOAD_TIMEOUT, QUEUE_TIMEOUT, text_reply
from kg.serve.snapshot import Snapshot
from kg.serve.worker import worker_main
from kg.serve.zygote import ForkedWorker, Zygote, await_ready, start_child

RETRY_FIRST = 0.5  # seconds before a failed worker start is tried again; doubled each time
RETRY_MAX = 30.0
DEMOTE_AFTER = 0.1  # processor seconds a query may use before it yields to others
_POLL = 0.05  # seconds between looks at a running query's processor time


def _lowest_priority(pid: int) -> None:
    """Lower process ``pid`` to the lowest scheduling priority (where the system allows it)."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, pid, 19)


# --------------------------------------------------------------------------- parent side

class _Worker(ForkedWorker):
    """A worker process of its own, and the parent's end of its pipe.

    On POSIX the worker is a plain ``python -c`` child talking over a socket
    pair (a :class:`multiprocessing.connection.Connection`): unlike
    multiprocessing's ``spawn``, this never re-runs the caller's ``__main__``
    (a script or notebook without an ``if __name__ == "__main__"`` guard), and
    unlike ``fork`` it is safe in a process that already runs threads.
    """

    def __init__(self, kind: str, path: str, updates: list[str], memory_mb: float | None = None,
                 option_names: Mapping[str, str] | None = None) -> None:
        if os.name == "posix":
            self.proc, sock = start_child("worker_stdio", (kind, path, updates, memory_mb, dict(option_names or {})))
            super().__init__(self.proc.pid, sock.detach())
        else:  # Windows: multiprocessing's spawn (needs the __main__ guard there)
            ctx = multiprocessing.get_context("spawn")
            conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=worker_main,
                                    args=(child, kind, path, updates, memory_mb, dict(option_names or {})),
                                    name="kg-serve-worker", daemon=True)
            self.proc.start()
            child.close()
            super().__init__(self.proc.pid, None)
            self.conn = conn

    def _alive(self) -> bool:
        if hasattr(self.proc, "poll"):
            return self.proc.poll() is None
        return self.proc.is_alive()

    def _join(self, timeout: float) -> None:
        if hasattr(self.proc, "wait"):
            with contextlib.suppress(Exception):
                self.proc.wait(timeout)
        else:
            self.proc.join(timeout)

    def wait_ready(self, timeout: float) -> None:
        self.triples = await_ready(self.conn, timeout, self.kill)

    def kill(self) -> None:
        self.close_stat()
        if self._alive():
            self.proc.kill()
        self._join(5)
        with contextlib.suppress(OSError):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self._join(2)
        self.kill()


class WorkerPool:
    """Worker processes, each holding the graph; a query that runs too long kills its worker.

    ``kind`` is ``"memory"`` (each worker loads the graph file into Oxigraph in memory,
    read-only), ``"file"`` (each worker loads it into rdflib, for updates) or
    ``"store"`` (each worker opens the Oxigraph store directory read-only).  With
    ``pin`` (the default) the workers load a snapshot taken here, once
    (:class:`kg.serve.snapshot.Snapshot`), so that all of them answer from the same
    version; ``memory_mb`` caps what each may use beyond the loaded graph.  At most
    ``demoted`` long queries at once get a stand-in worker (default: four per worker for
    forked workers, one per worker otherwise; 0 turns demotion off).  Messages name
    the server's options as ``option_names`` says (default: ``worker_memory=``, ...).
    """

    memory_mb: float | None = None
    failure: str | None = None  # why the last start failed, while no start has succeeded since
    _ready = 0  # started workers not retired (idle or busy)
    max_demoted = 0  # demoted queries with a stand-in at once

    def __init__(self, graph_path: str | os.PathLike, size: int = DEFAULT_WORKERS, *,
                 kind: str = "file", memory_mb: float | None = None, pin: bool = True,
                 demoted: int | None = None, option_names: Mapping[str, str] | None = None) -> None:
        self.graph_path = os.fspath(graph_path)
        self.option_names = dict(option_names or {})
        self.kind = kind
        self.size = size
        self.memory_mb = memory_mb
        self.updates: list[str] = []  # applied updates, replayed by replacement workers
        self._idle: queue.Queue[ForkedWorker] = queue.Queue()
        self._live: set[ForkedWorker] = set()
        self._lock = threading.Lock()
        self.zygote: Zygote | None = None
        self._zygote_lock = threading.Lock()
        self.max_demoted = (4 * size if Zygote.usable(kind, []) else size) if demoted is None else demoted
        self._demoted = 0  # demoted queries running now that have a stand-in
        self._closed = False
        self._closing = threading.Event()
        self.snapshot = Snapshot(kind, self.graph_path) if pin else None
        self.load_path = os.fspath(self.snapshot.path) if self.snapshot else self.graph_path
        try:
            first = self._spawn()
            self._wait_ready(first)
        except BaseException:
            self.close()
            raise
        self.triples = first.triples
        self._ready = 1
        self._idle.put(first)
        for _ in range(size - 1):
            self._replace()

    def _spawn(self) -> ForkedWorker:
        with self._lock:
            if self._closed:
                raise ServeError("the server is shutting down")
        if Zygote.usable(self.kind, self.updates):
            worker = self._fork()
        else:
            try:
                worker = _Worker(self.kind, self.load_path, list(self.updates), self.memory_mb, self.option_names)
            except OSError as exc:  # no more processes or file descriptors
                raise ServeError(f"cannot start a worker process: {exc.strerror or exc}") from None
        with self._lock:
            self._live.add(worker)
            if self._closed:
                self._live.discard(worker)
                worker.kill()
                raise ServeError("the server is shutting down")
        return worker

    def _fork(self) -> ForkedWorker:
        """A worker forked from the zygote, started (again) first if it is not running."""
        with self._zygote_lock:
            if self.zygote is None or not self.zygote.alive():
                if self.zygote is not None:
                    self.zygote.close()
                    self.zygote = None
                try:
                    zygote = Zygote(self.kind, self.load_path, list(self.updates), self.memory_mb,
                                    self.option_names)
                except OSError as exc:
                    raise ServeError(f"cannot start a worker process: {exc.strerror or exc}") from None
                self._wait_ready(zygote)
                self.zygote = zygote
            return self.zygote.fork()

    def _wait_ready(self, worker: ForkedWorker | Zygote) -> None:
        """Wait for ``worker`` to load; its error names the graph the user gave, not the snapshot."""
        try:
            worker.wait_ready(LOAD_TIMEOUT)
        except ServeError as exc:
            if self.load_path == self.graph_path:
                raise
            raise ServeError(str(exc).replace(self.load_path, self.graph_path), options=exc.options) from None

    def _retire(self, worker: ForkedWorker, ready: bool = True) -> None:
        with self._lock:
            self._live.discard(worker)
            self._ready -= ready
        worker.kill()

    def _start(self) -> None:
        """Start one worker, retrying with a growing delay until it is ready or the pool closes."""
        delay, attempt = RETRY_FIRST, 0
        while not self._closing.is_set():
            attempt += 1
            worker = None
            try:
                worker = self._spawn()
                self._wait_ready(worker)
            except ServeError as exc:
                if self._closing.is_set():
                    return
                if worker is not None:
                    self._retire(worker, ready=False)
                self.failure = exc.worded(self.option_names)
                print(f"kg serve: a worker failed to start (attempt {attempt}; trying again in {delay:g} s): "
                      f"{printable(self.failure)}", file=sys.stderr, flush=True)
                if self._closing.wait(delay):
                    return
                delay = min(delay * 2, RETRY_MAX)
                continue
            with self._lock:
                closed = self._closed
                self._ready += not closed
            if closed:
                self._retire(worker, ready=False)
                return
            if attempt > 1:
                print(f"kg serve: a worker started after {attempt - 1} failed attempts", file=sys.stderr,
                      flush=True)
            self.failure = None
            self._idle.put(worker)
            return

    def _replace(self) -> None:
        """Start a new worker in the background; it joins the idle queue once loaded."""
        threading.Thread(target=self._start, name="kg-serve-spawn", daemon=True).start()

    def run(self, msg: tuple, timeout: float) -> tuple:
        """Send ``msg`` to an idle worker; (status, content type, body, headers[, triples]).

        The request waits for a free worker at most :data:`QUEUE_TIMEOUT` seconds, or
        ``timeout`` if that is longer (then 503 "busy"): a short time limit must not turn
        away queries queued behind others.  The query then may run ``timeout`` seconds:
        the wait is not its fault.  While no worker is running because starting one
        fails, the answer is 503 at once, with the reason.
        """
        wait = max(timeout, QUEUE_TIMEOUT)
        if self.failure and self._ready <= 0 and self._idle.empty():
            return text_reply(503, f"no worker is running: starting one failed ({self.failure}); kg serve keeps "
                              "trying, try again later")
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            return text_reply(503, f"the server is busy: no worker became free within {wait:g} s; "
                              "try again later")
        try:
            reply = self._call(worker, msg, timeout)
        except (EOFError, OSError, ValueError):
            self._done(worker, keep=False)
            limit = f"the graph plus {self.memory_mb:g} MB" if self.memory_mb else "no set limit"
            return text_reply(503, reword("the query process ended while running this query (most likely it "
                                          f"ran out of memory: a worker may use {limit}, see worker_memory=); a "
                                          "new one is starting", ["worker_memory"], self.option_names))
        if reply is None:
            self._done(worker, keep=False)
            return text_reply(503, reword(f"query timed out: it ran longer than the limit of {timeout:g} s "
                                          "and was stopped (see timeout=)", ["timeout"], self.option_names))
        self._done(worker, keep=not worker.spent)  # out of memory: it answered, but is replaced
        return reply

    def _call(self, worker: ForkedWorker, msg: tuple, timeout: float):
        """``msg`` answered by ``worker`` within ``timeout`` seconds (else None); the query is
        demoted once it has used :data:`DEMOTE_AFTER` processor seconds."""
        # an update is never demoted: a stand-in started meanwhile would not have it
        used = worker.cpu_seconds() if self.max_demoted and msg[0] != "update" else None
        if used is None:
            return worker.call(msg, timeout)
        start = time.monotonic()
        worker.conn.send(msg)
        wait = min(DEMOTE_AFTER, timeout)
        while True:
            if worker.conn.poll(max(wait, 0.0)):
                return worker.reply(None)
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                return None
            now = worker.cpu_seconds()
            if now is not None and now - used > DEMOTE_AFTER:
                self._demote(worker)
                return worker.reply(left)
            wait = min(_POLL, left)

    def _demote(self, worker: ForkedWorker) -> None:
        """Run ``worker``'s query at the lowest priority, and start a stand-in if there is room."""
        _lowest_priority(worker.pid)
        worker.demoted = True
        with self._lock:
            worker.stand_in = self._demoted < self.max_demoted
            self._demoted += worker.stand_in
        if worker.stand_in:
            self._replace()

    def _done(self, worker: ForkedWorker, keep: bool) -> None:
        """After a query: ``worker`` back to the idle queue if ``keep`` and it kept its priority,
        else replaced (by its stand-in, if it had one)."""
        if keep and not worker.demoted:
            self._idle.put(worker)
            return
        self._retire(worker)
        if worker.stand_in:
            with self._lock:
                self._demoted -= 1
        else:
            self._replace()

    def close(self) -> None:
        self._closing.set()
        with self._lock:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
        for worker in workers:
            worker.stop()
        with self._zygote_lock:
            if self.zygote is not None:
                self.zygote.close()
        if self.snapshot is not None:
            self.snapshot.remove()
