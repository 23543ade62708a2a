"""The parent's side of a zygote (:func:`kg.serve.worker.zygote_stdio`): one process that
has loaded the graph, from which :class:`kg.serve.workers.WorkerPool` forks its workers.

>>> import os
>>> Zygote.usable("memory", []) == (os.name == "posix")
True
>>> Zygote.usable("store", []), Zygote.usable("memory", ["INSERT DATA {}"])
(False, False)
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection

from kg.errors import ServeError
from kg.serve.protocol import PACKAGE_ROOT
from kg.serve.worker import FORK

FORK_TIMEOUT = 30.0  # seconds a zygote may take to fork a worker (it takes milliseconds)
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def worker_env() -> dict[str, str]:
    """The environment of a worker or zygote process: kg importable from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_ROOT and str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
    env["RUST_BACKTRACE"] = "0"  # Oxigraph out of memory: one line on stderr, not a backtrace
    return env


def start_child(entry: str, settings: tuple) -> tuple[subprocess.Popen, socket.socket]:
    """Run ``kg.serve.worker.<entry>`` in a new ``python -c`` process and send it ``settings``;
    (the process, the parent's end of its socket pair)."""
    ours, theirs = socket.socketpair()
    code = f"from kg.serve.worker import {entry}; {entry}({theirs.fileno()})"
    try:
        proc = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()],
                                stdin=subprocess.DEVNULL, env=worker_env(), close_fds=True)
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()
    with Connection(os.dup(ours.fileno())) as conn:
        conn.send(settings)
    return proc, ours


def await_ready(conn: Connection, timeout: float, give_up: Callable[[], None]) -> int:
    """The triples a process starting on ``conn`` reports once it has loaded the graph; on a
    timeout, an early end or its error, ``give_up()`` and :class:`ServeError`."""
    if not conn.poll(timeout):
        give_up()
        raise ServeError(f"opening the graph took longer than {timeout:.0f} s")
    try:
        status, value = conn.recv()
    except (EOFError, OSError):
        give_up()
        raise ServeError("the worker process ended while opening the graph") from None
    if status != "ready":
        give_up()
        message, options = value
        raise ServeError(message, options=options)
    return value


class ForkedWorker:
    """A worker forked by the zygote: the zygote's child, so the parent knows it by pid
    and its socket only (the zygote reaps it)."""

    def __init__(self, pid: int, fd: int | None) -> None:
        self.pid = pid
        self.conn = Connection(fd) if fd is not None else None
        self.triples = 0
        self.spent = False  # it ran out of memory: it answered, but must be replaced
        self.demoted = False  # it runs at the lowest priority: it is replaced after its query
        self.stand_in = False  # a worker was started in its stead when it was demoted
        self._gone = False
        self._stat: int | None = None  # its /proc stat file, kept open: read once per query

    def cpu_seconds(self) -> float | None:
        """Processor seconds the worker has used (Linux ``/proc``), else None."""
        if self._stat is None:
            try:
                self._stat = os.open(f"/proc/{self.pid}/stat", os.O_RDONLY)
            except OSError:
                self._stat = -1
        if self._stat < 0:
            return None
        try:
            fields = os.pread(self._stat, 1024, 0).rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, ValueError, IndexError):
            return None

    def wait_ready(self, timeout: float) -> None:
        """Forked workers are ready when the zygote hands them over."""

    def call(self, msg: tuple, timeout: float):
        """The worker's reply, None on timeout; raises EOFError/OSError when the worker died."""
        self.conn.send(msg)
        return self.reply(timeout)

    def reply(self, timeout: float | None):
        """The reply to the request sent, None if none comes within ``timeout`` seconds
        (``None``: the caller saw that it has come)."""
        if timeout is not None and not self.conn.poll(max(timeout, 0.0)):
            return None
        reply = self.conn.recv()
        if reply and reply[0] == "retire":
            self.spent = True
            reply = reply[1]
        return reply

    def close_stat(self) -> None:
        if self._stat is not None and self._stat >= 0:
            with contextlib.suppress(OSError):
                os.close(self._stat)
        self._stat = -1

    def kill(self) -> None:
        self.close_stat()
        if not self._gone:
            self._gone = True
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.conn.close()

    def stop(self) -> None:
        """Ask the worker to end, give it a moment (so that the zygote reaps it), then kill it."""
        with contextlib.suppress(OSError, ValueError, EOFError):
            self.conn.send(None)
            self.conn.poll(2.0)  # readable once the worker has closed its end
        self.kill()


class Zygote:
    """A ``python -c`` process holding the loaded graph; :meth:`fork` makes a ready worker."""

    def __init__(self, kind: str, path: str, updates: list[str], memory_mb: float | None,
                 option_names: Mapping[str, str]) -> None:
        self.proc, self.sock = start_child("zygote_stdio", (kind, path, updates, memory_mb, dict(option_names)))
        self.conn = Connection(os.dup(self.sock.fileno()))
        self.triples = 0
        self._lock = threading.Lock()

    @staticmethod
    def usable(kind: str, updates: list[str]) -> bool:
        """Whether workers of this kind are forked from a zygote: graph files held read-only
        in memory, on POSIX."""
        return os.name == "posix" and kind == "memory" and not updates

    def wait_ready(self, timeout: float) -> None:
        self.triples = await_ready(self.conn, timeout, self.close)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def fork(self) -> ForkedWorker:
        """A new worker, ready to answer; :class:`ServeError` if the zygote is gone."""
        with self._lock:
            try:
                self.sock.settimeout(FORK_TIMEOUT)
                self.sock.sendall(FORK)
                data, fds, _flags, _addr = socket.recv_fds(self.sock, 8, 1)
            except OSError as exc:  # a timeout too: the zygote is stuck
                self.close()
                raise ServeError(f"cannot fork a worker: {exc.strerror or exc}") from None
        if len(data) != 8 or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            self.close()
            raise ServeError("the process holding the graph ended")
        worker = ForkedWorker(int.from_bytes(data, "little"), fds[0])
        worker.triples = self.triples
        return worker

    def close(self) -> None:
        """End the zygote: it leaves its loop when its socket closes (killed if it does not)."""
        with contextlib.suppress(OSError):
            self.sock.close()
        with contextlib.suppress(OSError):
            self.conn.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)
