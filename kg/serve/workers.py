"""Worker processes of :mod:`kg.serve`: each holds its own copy of the graph (or its own
read-only handle on a store) and answers queries; a query that runs past the time limit
has its worker killed and replaced.

Every worker loads the same pinned snapshot (:mod:`kg.serve.snapshot`), so all of
them, replacements included, answer from one version of the graph.  Once loaded,
a worker caps its own address space (``RLIMIT_AS``, on Linux) at what it uses
then plus ``memory_mb``: a query that needs more gets :class:`MemoryError` (rdflib)
or ends the process (Oxigraph); either way the client gets 503 and the worker is
replaced.  A worker that fails to start is retried with a growing delay, and each
failure is reported on stderr: the pool never stays empty for good.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping
from multiprocessing.connection import Connection

from kg.errors import ServeError, printable, reword
from kg.serve.protocol import (
    DEFAULT_WORKERS, LOAD_TIMEOUT, PACKAGE_ROOT, QUEUE_TIMEOUT, run_query, run_update, text_reply,
)
from kg.serve.snapshot import Snapshot

RETRY_FIRST = 0.5  # seconds before a failed worker start is tried again; doubled each time
RETRY_MAX = 30.0


# --------------------------------------------------------------------------- worker side

def _no_network(event: str, args: tuple) -> None:
    """Audit hook for worker processes: a query may not open URLs or sockets (SERVICE)."""
    if event in ("urllib.Request", "socket.connect", "socket.getaddrinfo"):
        raise PermissionError("this endpoint does not make network requests (SERVICE is not supported)")


def worker_stdio(fd: int) -> None:
    """Entry point of a POSIX worker (``python -c``): ``fd`` is its end of the socket pair.

    Ctrl-C is left to the parent, which stops its workers itself.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    try:
        kind, path, updates, memory_mb, option_names = conn.recv()
    except (EOFError, OSError, ValueError, TypeError):
        return
    _worker_main(conn, kind, path, updates, memory_mb, option_names)


def _address_space() -> int | None:
    """Bytes of address space this process uses now (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def limit_memory(memory_mb: float | None) -> int | None:
    """Cap this process's address space at what it uses now plus ``memory_mb`` megabytes;
    the cap in bytes, or None where it cannot be set (not Linux, or no ``memory_mb``).

    macOS accepts ``RLIMIT_AS`` but does not enforce it, so it is only set on Linux.
    """
    if not memory_mb or not sys.platform.startswith("linux"):
        return None
    import resource

    used = _address_space()
    if used is None:
        return None
    cap = used + int(memory_mb * (1 << 20))
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap


def _out_of_memory(memory_mb: float | None, option_names: Mapping[str, str]) -> tuple:
    return text_reply(503, reword(f"the query needed more memory than a worker may use (the graph plus "
                                  f"{memory_mb:g} MB, see worker_memory=) and was stopped; the worker is being "
                                  "replaced", ["worker_memory"], option_names))


def _worker_main(conn, kind: str, path: str, updates: list[str], memory_mb: float | None = None,
                 option_names: Mapping[str, str] | None = None) -> None:
    """A worker process: load the graph (replaying updates) or open the store read-only,
    cap its memory, then answer requests until told to stop.  Messages name the server's
    options as ``option_names`` says."""
    option_names = option_names or {}
    try:
        sys.addaudithook(_no_network)  # before loading: a JSON-LD file's remote @context is not fetched
        from kg.serve.sources import open_source

        source = open_source(kind, path, updates)
        triples = len(source)
        limit_memory(memory_mb)
    except BaseException as exc:  # report anything, the parent turns it into ServeError
        conn.send(("error", (str(exc) or type(exc).__name__, getattr(exc, "options", ()))))
        return
    conn.send(("ready", triples))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if msg is None:
            return
        op, text, accept, fmt, max_rows, allow_update, *limits = msg
        try:
            if op == "update" and source.read_only:
                reply = text_reply(403, "SPARQL Update is refused: this endpoint is read-only")
            elif op == "update":
                reply = run_update(source.graph, text)
            else:
                reply = run_query(source, text, accept, fmt, max_rows, allow_update, *limits,
                                  option_names=option_names)
        except MemoryError:
            reply = None
        except BaseException as exc:  # never leave the parent waiting
            reply = text_reply(500, f"internal error: {type(exc).__name__}: {exc}")
        if reply is None:  # out of memory: answer, then make way for a fresh worker
            with contextlib.suppress(OSError, ValueError):
                conn.send(("retire", _out_of_memory(memory_mb, option_names)))
            return
        reply = (*reply, len(source)) if op == "update" else reply
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


# --------------------------------------------------------------------------- parent side

class _Worker:
    """One worker process and the parent's end of its pipe.

    On POSIX the worker is a plain ``python -c`` child talking over a socket
    pair (a :class:`multiprocessing.connection.Connection`): unlike
    multiprocessing's ``spawn``, this never re-runs the caller's ``__main__``
    (a script or notebook without an ``if __name__ == "__main__"`` guard), and
    unlike ``fork`` it is safe in a process that already runs threads.
    """

    def __init__(self, kind: str, path: str, updates: list[str], memory_mb: float | None = None,
                 option_names: Mapping[str, str] | None = None) -> None:
        self.triples = 0
        self.spent = False  # it ran out of memory: it answered, but must be replaced
        if os.name == "posix":
            ours, theirs = socket.socketpair()
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_ROOT and str(PACKAGE_ROOT),
                                                              env.get("PYTHONPATH")]))
            env["RUST_BACKTRACE"] = "0"  # Oxigraph out of memory: one line on stderr, not a backtrace
            code = f"from kg.serve.workers import worker_stdio; worker_stdio({theirs.fileno()})"
            try:
                self.proc = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()],
                                             stdin=subprocess.DEVNULL, env=env, close_fds=True)
            finally:
                theirs.close()
            self.conn = Connection(ours.detach())
            self.conn.send((kind, path, updates, memory_mb, dict(option_names or {})))
        else:  # Windows: multiprocessing's spawn (needs the __main__ guard there)
            ctx = multiprocessing.get_context("spawn")
            self.conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=_worker_main,
                                    args=(child, kind, path, updates, memory_mb, dict(option_names or {})),
                                    name="kg-serve-worker", daemon=True)
            self.proc.start()
            child.close()

    def _alive(self) -> bool:
        if isinstance(self.proc, subprocess.Popen):
            return self.proc.poll() is None
        return self.proc.is_alive()

    def _join(self, timeout: float) -> None:
        if isinstance(self.proc, subprocess.Popen):
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        else:
            self.proc.join(timeout)

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise ServeError(f"opening the graph took longer than {timeout:.0f} s")
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise ServeError("the worker process ended while opening the graph") from None
        if status != "ready":
            self.kill()
            message, options = value
            raise ServeError(message, options=options)
        self.triples = value

    def call(self, msg: tuple, timeout: float):
        """The worker's reply, None on timeout; raises EOFError/OSError when the worker died."""
        self.conn.send(msg)
        if not self.conn.poll(max(timeout, 0.0)):
            return None
        reply = self.conn.recv()
        if reply and reply[0] == "retire":
            self.spent = True
            reply = reply[1]
        return reply

    def kill(self) -> None:
        if self._alive():
            self.proc.kill()
        self._join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self._join(2)
        self.kill()


class WorkerPool:
    """Worker processes, each holding the graph; a query that runs too long kills its worker.

    ``kind`` is ``"memory"`` (each worker loads the graph file into Oxigraph in memory,
    read-only), ``"file"`` (each worker loads it into rdflib, for updates) or
    ``"store"`` (each worker opens the Oxigraph store directory read-only).  With
    ``pin`` (the default) the workers load a snapshot taken here, once
    (:class:`kg.serve.snapshot.Snapshot`), so that all of them answer from the same
    version; ``memory_mb`` caps what each may use beyond the loaded graph.  Messages name
    the server's options as ``option_names`` says (default: ``worker_memory=``, ...).
    """

    memory_mb: float | None = None
    failure: str | None = None  # why the last start failed, while no start has succeeded since
    _ready = 0  # started workers not retired (idle or busy)

    def __init__(self, graph_path: str | os.PathLike, size: int = DEFAULT_WORKERS, *,
                 kind: str = "file", memory_mb: float | None = None, pin: bool = True,
                 option_names: Mapping[str, str] | None = None) -> None:
        self.graph_path = os.fspath(graph_path)
        self.option_names = dict(option_names or {})
        self.kind = kind
        self.size = size
        self.memory_mb = memory_mb
        self.updates: list[str] = []  # applied updates, replayed by replacement workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
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

    def _spawn(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise ServeError("the server is shutting down")
            try:
                worker = _Worker(self.kind, self.load_path, list(self.updates), self.memory_mb, self.option_names)
            except OSError as exc:  # no more processes or file descriptors
                raise ServeError(f"cannot start a worker process: {exc.strerror or exc}") from None
            self._live.add(worker)
            return worker

    def _wait_ready(self, worker: _Worker) -> None:
        """Wait for ``worker`` to load; its error names the graph the user gave, not the snapshot."""
        try:
            worker.wait_ready(LOAD_TIMEOUT)
        except ServeError as exc:
            if self.load_path == self.graph_path:
                raise
            raise ServeError(str(exc).replace(self.load_path, self.graph_path), options=exc.options) from None

    def _retire(self, worker: _Worker, ready: bool = True) -> None:
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
            reply = worker.call(msg, timeout)
        except (EOFError, OSError, ValueError):
            self._retire(worker)
            self._replace()
            limit = f"the graph plus {self.memory_mb:g} MB" if self.memory_mb else "no set limit"
            return text_reply(503, reword("the query process ended while running this query (most likely it "
                                          f"ran out of memory: a worker may use {limit}, see worker_memory=); a "
                                          "new one is starting", ["worker_memory"], self.option_names))
        if reply is None:
            self._retire(worker)
            self._replace()
            return text_reply(503, reword(f"query timed out: it ran longer than the limit of {timeout:g} s "
                                          "and was stopped (see timeout=)", ["timeout"], self.option_names))
        if getattr(worker, "spent", False):  # out of memory: it answered, but is replaced
            self._retire(worker)
            self._replace()
        else:
            self._idle.put(worker)
        return reply

    def close(self) -> None:
        self._closing.set()
        with self._lock:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
        for worker in workers:
            worker.stop()
        if self.snapshot is not None:
            self.snapshot.remove()
