"""Worker processes of :mod:`kg.serve`: each holds its own copy of the graph (or its own
read-only handle on a store) and answers queries; a query that runs past the time limit
has its worker killed and replaced."""
from __future__ import annotations

import multiprocessing
import os
import queue
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

from kg.serve.protocol import (DEFAULT_WORKERS, LOAD_TIMEOUT, PACKAGE_ROOT, QUEUE_TIMEOUT, ServeError, _run_query,
                               _run_update, _text)


# --------------------------------------------------------------------------- worker side

def _no_network(event: str, args: tuple) -> None:
    """Audit hook for worker processes: a query may not open URLs or sockets (SERVICE)."""
    if event in ("urllib.Request", "socket.connect", "socket.getaddrinfo"):
        raise PermissionError("this endpoint does not make network requests (SERVICE is not supported)")


def _worker_stdio(fd: int) -> None:
    """Entry point of a POSIX worker: ``fd`` is its end of the socket pair.

    Ctrl-C is left to the parent, which stops its workers itself.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    try:
        kind, path, updates = conn.recv()
    except (EOFError, OSError, ValueError, TypeError):
        return
    _worker_main(conn, kind, path, updates)


def _worker_main(conn, kind: str, path: str, updates: list[str]) -> None:
    """A worker process: load the graph (replaying updates) or open the store read-only,
    then answer requests until told to stop."""
    try:
        from kg.serve.sources import open_source

        source = open_source(kind, path, updates)
        triples = len(source)
        sys.addaudithook(_no_network)
    except BaseException as exc:  # report anything, the parent turns it into ServeError
        conn.send(("error", str(exc) or type(exc).__name__))
        return
    conn.send(("ready", triples))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if msg is None:
            return
        op, text, accept, fmt, max_rows, allow_update = msg
        try:
            if op == "update" and source.read_only:
                reply = _text(403, "SPARQL Update is refused: this endpoint is read-only")
            elif op == "update":
                reply = _run_update(source.graph, text)
            else:
                reply = _run_query(source, text, accept, fmt, max_rows, allow_update)
        except BaseException as exc:  # never leave the parent waiting
            reply = _text(500, f"internal error: {type(exc).__name__}: {exc}")
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

    def __init__(self, kind: str, path: str, updates: list[str]) -> None:
        self.triples = 0
        if os.name == "posix":
            ours, theirs = socket.socketpair()
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_ROOT and str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
            code = f"from kg.serve.workers import _worker_stdio; _worker_stdio({theirs.fileno()})"
            try:
                self.proc = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()],
                                             stdin=subprocess.DEVNULL, env=env, close_fds=True)
            finally:
                theirs.close()
            self.conn = Connection(ours.detach())
            self.conn.send((kind, path, updates))
        else:  # Windows: multiprocessing's spawn (needs the __main__ guard there)
            ctx = multiprocessing.get_context("spawn")
            self.conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=_worker_main, args=(child, kind, path, updates),
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
            raise ServeError(str(value))
        self.triples = value

    def call(self, msg: tuple, timeout: float):
        """The worker's reply, None on timeout; raises EOFError/OSError when the worker died."""
        self.conn.send(msg)
        if not self.conn.poll(max(timeout, 0.0)):
            return None
        return self.conn.recv()

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

    ``kind`` is ``"file"`` (each worker loads the graph file into rdflib) or
    ``"store"`` (each worker opens the Oxigraph store directory read-only).
    """

    def __init__(self, graph_path: str | os.PathLike, size: int = DEFAULT_WORKERS, *,
                 kind: str = "file") -> None:
        self.graph_path = os.fspath(graph_path)
        self.kind = kind
        self.size = size
        self.updates: list[str] = []  # applied updates, replayed by replacement workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        first = self._spawn()
        try:
            first.wait_ready(LOAD_TIMEOUT)
        except BaseException:
            self.close()
            raise
        self.triples = first.triples
        self._idle.put(first)
        for _ in range(size - 1):
            self._replace()

    def _spawn(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise ServeError("the server is shutting down")
            worker = _Worker(self.kind, self.graph_path, list(self.updates))
            self._live.add(worker)
            return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        worker.kill()

    def _replace(self) -> None:
        """Start a new worker in the background; it joins the idle queue once loaded."""

        def start() -> None:
            try:
                worker = self._spawn()
            except ServeError:
                return
            try:
                worker.wait_ready(LOAD_TIMEOUT)
            except ServeError as exc:
                print(f"kg serve: a worker failed to start: {exc}", file=sys.stderr)
                self._retire(worker)
                return
            with self._lock:
                closed = self._closed
            if closed:
                self._retire(worker)
            else:
                self._idle.put(worker)

        threading.Thread(target=start, name="kg-serve-spawn", daemon=True).start()

    def run(self, msg: tuple, timeout: float) -> tuple:
        """Send ``msg`` to an idle worker; (status, content type, body, headers[, triples]).

        The request waits for a free worker at most :data:`QUEUE_TIMEOUT` seconds, or
        ``timeout`` if that is longer (then 503 "busy"): a short time limit must not turn
        away queries queued behind others.  The query then may run ``timeout`` seconds:
        the wait is not its fault.
        """
        wait = max(timeout, QUEUE_TIMEOUT)
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            return _text(503, f"the server is busy: no worker became free within {wait:g} s; "
                              "try again later")
        try:
            reply = worker.call(msg, timeout)
        except (EOFError, OSError, ValueError):
            self._retire(worker)
            self._replace()
            return _text(500, "the query process ended unexpectedly (out of memory?); "
                              "a new one is starting")
        if reply is None:
            self._retire(worker)
            self._replace()
            return _text(503, f"query timed out: it ran longer than the limit of {timeout:g} s "
                              "and was stopped (see --timeout)")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
        for worker in workers:
            worker.stop()
