"""The connections :mod:`kg.serve` holds: how many, and for how long a client may stall.

The standard library's threading server gives each connection a thread and
waits on it forever: 200 half-sent requests held 200 threads, and near the
file descriptor limit normal clients timed out.  :class:`Connections` keeps

* a **bound**: at most ``limit`` connections are served at once.  A new
  connection beyond it pushes out the oldest connection that has not yet sent
  its whole request (a client that sends its request at once is never in that
  state for long); when every connection is past that point (queries being
  answered) the new one gets a short 503 "too many connections" and is closed;
* a **deadline**: a connection must send its whole request (line, headers
  and body) within ``timeout`` seconds of being accepted; a reaper thread
  drops those that do not.  Each read and each 64 KB written must also
  finish within ``timeout`` (the socket timeout), so a client that stops
  reading its answer is dropped too.

Dropping is ``shutdown()`` on the socket: the connection's own thread sees the
end of the stream and ends; only that thread closes the socket.
"""
from __future__ import annotations

import queue
import socket
import threading
import time
from collections.abc import Callable

TOO_MANY = b"too many connections: try again later\n"
REFUSAL = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
           b"Content-Length: " + str(len(TOO_MANY)).encode() + b"\r\nConnection: close\r\nRetry-After: 1\r\n\r\n"
           + TOO_MANY)


class Connections:
    """The connections being served: ``limit`` at most; each must send its request within
    ``timeout`` seconds.  ``log`` gets one line per connection dropped."""

    def __init__(self, limit: int, timeout: float, log: Callable[[str], None] = lambda line: None) -> None:
        self.limit, self.timeout, self.log = limit, timeout, log
        self._lock = threading.Lock()
        self._served: dict[socket.socket, tuple[bool, float]] = {}  # socket -> (still reading?, accepted at)
        self._stop = threading.Event()
        self._reaper: threading.Thread | None = None

    def __len__(self) -> int:
        return len(self._served)

    def start(self) -> None:
        """Start the reaper thread (once)."""
        if self._reaper is None:
            self._reaper = threading.Thread(target=self._reap, name="kg-serve-reaper", daemon=True)
            self._reaper.start()

    def stop(self) -> None:
        self._stop.set()

    def admit(self, sock: socket.socket) -> bool:
        """Count in a new connection, pushing out the oldest one still sending its request if
        all places are taken; False when none can make way (the caller refuses it)."""
        with self._lock:
            if len(self._served) >= self.limit:
                reading = [(since, s) for s, (still, since) in self._served.items() if still]
                if not reading:
                    return False
                _since, oldest = min(reading, key=lambda item: item[0])
                self._drop(oldest, "the server needed its place for a new connection")
            self._served[sock] = (True, time.monotonic())
            return True

    def answering(self, sock: socket.socket) -> None:
        """The whole request of ``sock`` has been read: it is no longer dropped for being slow to send."""
        with self._lock:
            if sock in self._served:
                self._served[sock] = (False, self._served[sock][1])

    def release(self, sock: socket.socket) -> None:
        """``sock`` is done (called before it is closed)."""
        with self._lock:
            self._served.pop(sock, None)

    def _drop(self, sock: socket.socket, why: str) -> None:  # with the lock held
        self._served.pop(sock, None)
        try:
            host, port = sock.getpeername()[:2]
            peer = f"{host}:{port}"
        except OSError:
            peer = "a client"
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.log(f"dropped the connection from {peer}: it had not sent its whole request ({why})")

    def _reap(self) -> None:
        step = min(1.0, max(self.timeout / 4, 0.05))
        while not self._stop.wait(step):
            deadline = time.monotonic() - self.timeout
            with self._lock:
                late = [s for s, (still, since) in self._served.items() if still and since < deadline]
                for sock in late:
                    self._drop(sock, f"it had {self.timeout:g} s, see client_timeout=")


class HandlerThreads:
    """The threads that serve accepted connections, kept from one connection to the next.

    The standard library's threading server starts a thread for every connection,
    which took a tenth of the server's processor time under load.  Here a
    connection goes to an idle thread, or to a new one while fewer than ``limit``
    run (as many as connections are served at once: :class:`Connections` turns
    away the rest).  ``handle(request, client_address)`` serves one connection;
    the threads are daemons, as the standard server's are.
    """

    def __init__(self, limit: int, handle: Callable[[socket.socket, tuple], None]) -> None:
        self.limit, self.handle = limit, handle
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0  # threads waiting for a connection that none is on its way to
        self._waiting = 0  # connections queued while every thread was busy

    def submit(self, request: socket.socket, client_address: tuple) -> None:
        with self._lock:
            start = False
            if self._idle:
                self._idle -= 1  # an idle thread takes it
            elif self._threads < self.limit:
                self._threads += 1
                start = True
            else:
                self._waiting += 1  # the next thread to finish takes it
        self._jobs.put((request, client_address))
        if start:
            threading.Thread(target=self._run, name="kg-serve-connection", daemon=True).start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            self.handle(*job)
            with self._lock:
                if self._waiting:
                    self._waiting -= 1  # it takes a queued connection next, so it is not idle
                else:
                    self._idle += 1

    def stop(self) -> None:
        """End the threads once the connections they serve are done."""
        with self._lock:
            count, self._threads, self._idle, self._waiting = self._threads, 0, 0, 0
        for _ in range(count):
            self._jobs.put(None)


def refuse(sock: socket.socket) -> None:
    """Answer a connection that cannot be served with a short 503, without waiting on the client."""
    try:
        sock.setblocking(False)
        sock.send(REFUSAL)
    except OSError:
        pass
