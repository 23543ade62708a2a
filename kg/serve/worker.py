"""The processes behind :mod:`kg.serve.workers`' pool: a worker answers queries on its own
copy of the graph (or its own read-only handle on a store); a *zygote* loads a graph once
and forks ready workers from it on request.

A worker started on its own (``python -c``, :func:`worker_stdio`) imports kg and loads
the graph: a quarter of a second for the demo graph, minutes for a large one.  A worker
forked from the zygote (:func:`zygote_stdio`) is ready in milliseconds and shares the
loaded graph's pages with the zygote and its siblings until it writes to them, so that
replacing a worker stopped at the time limit costs next to nothing.  Only a graph file
held read-only by Oxigraph in memory is forked this way: a store's RocksDB handle and
rdflib's graph that takes updates are never shared across a fork.

Once loaded, a worker caps its own address space (``RLIMIT_AS``, on Linux) at what it
uses then plus ``memory_mb``: a query that needs more gets :class:`MemoryError` (rdflib)
or ends the process (Oxigraph); either way the client gets 503 and the worker is replaced.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Mapping
from multiprocessing.connection import Connection

from kg.errors import reword
from kg.serve.protocol import run_query, run_update, text_reply

FORK = b"F"  # the one request a zygote takes: fork a worker
_CHILDREN: set[int] = set()  # in a zygote: the workers it forked that have not been reaped


def _no_network(event: str, args: tuple) -> None:
    """Audit hook for worker processes: a query may not open URLs or sockets (SERVICE)."""
    if event in ("urllib.Request", "socket.connect", "socket.getaddrinfo"):
        raise PermissionError("this endpoint does not make network requests (SERVICE is not supported)")


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


def _open(conn, kind: str, path: str, updates: list[str]):
    """The source, loaded with network access refused; None (the error sent on ``conn``) on failure."""
    try:
        sys.addaudithook(_no_network)  # before loading: a JSON-LD file's remote @context is not fetched
        from kg.serve.sources import open_source

        return open_source(kind, path, updates)
    except BaseException as exc:  # report anything, the parent turns it into ServeError
        _send_error(conn, exc)
        return None


def _send_error(conn, exc: BaseException) -> None:
    """Tell the parent why this process could not start (it raises :class:`ServeError`)."""
    conn.send(("error", (str(exc) or type(exc).__name__, getattr(exc, "options", ()))))


def _setup(fd: int) -> tuple | None:
    """The start of a process the pool runs with ``python -c``: Ctrl-C is left to the parent,
    which stops its workers itself; (connection, settings), or None if the parent went away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    try:
        return conn, conn.recv()
    except (EOFError, OSError, ValueError, TypeError):
        return None


def worker_stdio(fd: int) -> None:
    """Entry point of a POSIX worker (``python -c``): ``fd`` is its end of the socket pair."""
    started = _setup(fd)
    if started is not None:
        conn, (kind, path, updates, memory_mb, option_names) = started
        worker_main(conn, kind, path, updates, memory_mb, option_names)


def worker_main(conn, kind: str, path: str, updates: list[str], memory_mb: float | None = None,
                option_names: Mapping[str, str] | None = None) -> None:
    """A worker process: load the graph (replaying updates) or open the store read-only,
    cap its memory, then answer requests until told to stop.  Messages name the server's
    options as ``option_names`` says."""
    source = _open(conn, kind, path, updates)
    if source is None:
        return
    try:
        limit_memory(memory_mb)
    except BaseException as exc:
        _send_error(conn, exc)
        return
    conn.send(("ready", len(source)))
    serve_requests(conn, source, memory_mb, option_names or {})


def serve_requests(conn, source, memory_mb: float | None, option_names: Mapping[str, str]) -> None:
    """Answer the requests that come in on ``conn`` from ``source`` until told to stop."""
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


# --------------------------------------------------------------------------- the zygote

def zygote_stdio(fd: int) -> None:
    """Entry point of a zygote (``python -c``): load the graph as a worker would, say
    ``("ready", triples)``, then fork one worker per request until the parent goes away.

    Each request is the byte :data:`FORK`; the answer is the new worker's pid (8 bytes)
    with the parent's end of a new socket pair passed along (``SCM_RIGHTS``).  Forked
    workers are reaped as they end (on ``SIGCHLD``), never left as zombies; their
    processor time counts in the zygote's children's time.
    """
    started = _setup(fd)
    if started is None:
        return
    conn, (kind, path, updates, memory_mb, option_names) = started
    source = _open(conn, kind, path, updates)
    if source is None:
        return
    import gc

    gc.freeze()  # the loaded objects stay put: a collection in a worker does not copy their pages
    signal.signal(signal.SIGCHLD, _reap)
    conn.send(("ready", len(source)))
    control = socket.socket(fileno=os.dup(fd))
    try:
        while control.recv(1) == FORK:
            ours, theirs = socket.socketpair()
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # not reaped before it is listed
            pid = os.fork()
            if pid == 0:  # the worker
                control.close()
                conn.close()
                ours.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
                _forked_worker(theirs.detach(), source, memory_mb, option_names)
                os._exit(0)
            _CHILDREN.add(pid)  # _reap takes it out once it has ended
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
            theirs.close()
            socket.send_fds(control, [pid.to_bytes(8, "little")], [ours.fileno()])
            ours.close()
    except OSError:  # the parent went away
        pass
    _end_children()


def _end_children() -> None:
    """Kill and reap the workers still running as the zygote ends: none is left to the
    system (where nothing may reap it) or running a query for a server that is gone."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for pid in _CHILDREN:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-1, 0)


def _reap(_signum, _frame) -> None:
    """Collect every ended child (a ``SIGCHLD`` handler)."""
    with contextlib.suppress(ChildProcessError):
        while True:
            pid, _status = os.waitpid(-1, os.WNOHANG)
            if not pid:
                return
            _CHILDREN.discard(pid)


def _forked_worker(fd: int, source, memory_mb: float | None, option_names: Mapping[str, str]) -> None:
    """A worker forked from the zygote: cap its memory, then answer requests on ``fd``."""
    conn = Connection(fd)
    try:
        limit_memory(memory_mb)
        serve_requests(conn, source, memory_mb, option_names)
    except BaseException:  # a forked child never returns into the zygote's loop
        pass
