"""The lock a writer of a graph file holds from reading the file to writing it back.

Two builds (or a build and ``kg remove``) that write one file at once would
lose each other's changes; each holds the file's :class:`FileLock`, a sidecar
``.NAME.lock`` file locked with ``fcntl`` (``msvcrt`` on Windows).  Part of the
graph I/O of :mod:`kg.graphio`, which re-exports it.
"""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile  # noqa: F401 (FileLock's example)
import time
import weakref
from pathlib import Path

from kg.errors import OutputError, printable

try:
    import fcntl  # POSIX
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt  # Windows
except ImportError:
    msvcrt = None  # type: ignore[assignment]

LOCK_WAIT = 300.0  # seconds a writer of a graph file waits for another writer of it to finish
_HELD: weakref.WeakSet[FileLock] = weakref.WeakSet()  # the locks this process holds


def _forget_locks() -> None:
    """In a forked child (build workers): close the copies of the held locks' files, so that a
    child that outlives its parent does not keep them locked; the parent's hold is unchanged."""
    for lock in list(_HELD):
        fd, lock._fd = lock._fd, None
        with contextlib.suppress(OSError, TypeError):
            os.close(fd)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks)


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of the graph file ``path``: ``.NAME.lock`` in the same folder."""
    return Path(path).parent / f".{Path(path).name}.lock"


def _try_lock(fd: int) -> bool:
    """Take the lock on the open file ``fd`` if it is free; False when another holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the position: always the first one
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)):
            return False  # msvcrt: EACCES, or EDEADLOCK
        raise
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        return fcntl.flock(fd, fcntl.LOCK_UN)
    os.lseek(fd, 0, os.SEEK_SET)
    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the open file ``fd`` (not removed, not made anew)."""
    try:
        named, mine = os.stat(path, follow_symlinks=False), os.fstat(fd)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (mine.st_dev, mine.st_ino)


class FileLock:
    """An exclusive lock on the graph file ``path``, between processes and threads.

    Writers that read a file and write it back hold it from the read to the write,
    so that two of them do not lose each other's changes.  It is taken on a
    file of its own, ``.NAME.lock`` beside ``path`` -- never on ``path``, which
    :func:`atomic_write` replaces by a rename -- with ``fcntl.flock`` (POSIX) or
    ``msvcrt.locking`` (Windows); the system drops it when its holder dies, so a
    killed writer leaves no stale lock.  :meth:`acquire` waits up to ``wait``
    seconds for another holder, then raises :class:`OutputError` naming the file.

    The holder removes the lock file when it lets the lock go (on Windows only
    when no other process has it open); a waiter that then gets the lock of the
    removed file sees that ``.NAME.lock`` is another file now and tries again.
    Where neither ``fcntl`` nor ``msvcrt`` exists, no lock is taken.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, FileLock(Path(folder) / "g.trig", wait=0) as lock:
    ...     lock.held, lock.lock_file.name
    (True, '.g.trig.lock')
    """

    def __init__(self, path: str | os.PathLike, wait: float = LOCK_WAIT) -> None:
        self.path = Path(path)
        self.lock_file = lock_path(path)
        self.wait = max(0.0, float(wait))
        self.waited = 0.0  # seconds spent waiting for another holder
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _open(self) -> int:
        name = printable(os.fspath(self.path))
        try:
            self.lock_file.parent.mkdir(parents=True, exist_ok=True)
            try:
                return os.open(self.lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
            except PermissionError:  # another user's lock file: reading is enough to lock it
                return os.open(self.lock_file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except (FileExistsError, NotADirectoryError):
            raise OutputError(f"{name}: cannot write (a parent of it is not a directory)") from None
        except OSError as exc:
            raise OutputError(f"{name}: cannot write ({exc.strerror or exc})") from None

    def acquire(self) -> FileLock:
        """Take the lock, waiting up to ``wait`` seconds for another holder; returns the lock."""
        if self._fd is not None or (fcntl is None and msvcrt is None):
            return self
        start = time.monotonic()
        delay, busy = 0.01, False
        while True:
            fd = self._open()
            try:
                got = _try_lock(fd)
                if got and _same_file(fd, self.lock_file):
                    self._fd = fd
                    _HELD.add(self)
                    self.waited = time.monotonic() - start if busy else 0.0
                    return self
                if got:  # the file its last holder removed: lock the one there now
                    _unlock(fd)
            except OSError as exc:
                os.close(fd)
                raise OutputError(f"{printable(os.fspath(self.path))}: cannot lock it for writing "
                                  f"({exc.strerror or exc})") from None
            os.close(fd)
            busy = busy or not got
            left = self.wait - (time.monotonic() - start)
            if not got and left <= 0:
                raise OutputError(f"{printable(os.fspath(self.path))}: another kg build or kg remove is "
                                  f"writing it; gave up waiting for it after {self.wait:g} s "
                                  f"(its lock file is {printable(self.lock_file.name)})")
            if not got:
                time.sleep(min(delay, left))
                delay = min(delay * 2, 0.25)

    def release(self) -> None:
        """Let the lock go and remove its file (see the class notes); nothing when not held."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _HELD.discard(self)
        try:
            if os.name == "posix" and _same_file(fd, self.lock_file):
                with contextlib.suppress(OSError):  # while still held: waiters on it will try again
                    os.unlink(self.lock_file)
            _unlock(fd)
        finally:
            os.close(fd)
        if os.name != "posix":  # refused while another process has it open: left for that one
            with contextlib.suppress(OSError):
                os.unlink(self.lock_file)

    def __enter__(self) -> FileLock:  # noqa: PYI034 - typing.Self needs Python 3.11
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def __del__(self) -> None:  # a store dropped without close(): the lock goes with it
        with contextlib.suppress(OSError, AttributeError, TypeError):  # modules gone at interpreter exit
            self.release()
