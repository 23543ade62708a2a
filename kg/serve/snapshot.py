"""The graph version :mod:`kg.serve` answers from, pinned when the server starts.

Each worker process loads the graph itself, and a worker is replaced after a
timeout or a crash.  Were the replacement to read the graph file (or open the
store) again, it would answer from whatever is there *now*: a file replaced
meanwhile gave 855 triples from one worker and 38 from the other, in
alternation, and an unreadable file left the pool with no worker at all.

So the server takes a private snapshot once, before the first worker starts,
and every worker, replacements included, loads that snapshot:

* a graph file is copied into a private temporary directory (``kg-serve-*``
  in the system's temporary folder, readable by the owner only);
* an Oxigraph store is checkpointed with Oxigraph's own backup (hard links to
  its immutable files when on the same file system, so it costs little) into
  a hidden directory beside the store, ``.NAME.kg-serve-*`` (or the temporary
  folder if that is not writable).

The snapshot is removed when the server stops.  Each snapshot directory holds
the owner's process id; one left behind by a killed server is removed by the
next server that starts beside it.  A server therefore answers from the graph
as it was when it started: restart it to serve a newer version.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from kg.errors import ServeError, StoreError, printable

OWNER = "kg-serve.pid"


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # cannot be asked safely there: never remove another's snapshot
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _sweep(parent: Path, prefix: str) -> None:
    """Remove snapshot directories ``prefix*`` in ``parent`` whose server is gone."""
    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(prefix) and p.is_dir()]
    except OSError:
        return
    for old in candidates:
        try:
            pid = int((old / OWNER).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue  # not one of ours, or being made: leave it
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(old, ignore_errors=True)


def _private_dir(parent: Path | None, prefix: str) -> Path:
    _sweep(parent or Path(tempfile.gettempdir()), prefix)
    where = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))  # mode 0700
    (where / OWNER).write_text(str(os.getpid()), encoding="ascii")
    return where


class Snapshot:
    """A private copy of the graph file, or a checkpoint of the store, that all workers load.

    ``path`` is what the workers open; :meth:`remove` deletes it.
    """

    def __init__(self, kind: str, source: str | os.PathLike) -> None:
        self.kind, self.source = kind, Path(source)
        self.dir: Path | None = None
        try:
            if kind == "store":
                self.path = self._checkpoint()
            else:
                self.path = self._copy()
        except BaseException:
            self.remove()
            raise

    def _copy(self) -> Path:
        self.dir = _private_dir(None, "kg-serve-")
        target = self.dir / self.source.name  # the same suffix: the format is guessed from it
        try:
            shutil.copyfile(self.source, target)
        except OSError as exc:
            raise ServeError(f"{printable(self.source)}: cannot take a copy to serve from "
                             f"({exc.strerror or exc})") from None
        return target

    def _checkpoint(self) -> Path:
        from kg.store import OxigraphStore

        prefix = f".{self.source.name}.kg-serve-"
        try:
            self.dir = _private_dir(self.source.resolve().parent, prefix)
        except OSError:  # the store's folder is not writable: a full copy in the temporary folder
            self.dir = _private_dir(None, "kg-serve-")
        target = self.dir / "store"
        try:
            store = OxigraphStore(self.source, read_only=True)
        except StoreError as exc:
            raise ServeError(str(exc), options=exc.options) from None
        try:
            store.store.backup(str(target))
        except (OSError, RuntimeError, ValueError) as exc:
            raise ServeError(f"{printable(self.source)}: cannot take a snapshot of the store to serve "
                             f"from ({exc})") from None
        finally:
            store.close()
        return target

    def remove(self) -> None:
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
