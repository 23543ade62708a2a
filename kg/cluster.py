"""Spread the extraction over a Dask distributed cluster (``kg build --cluster ADDRESS``).

Why Dask distributed and not Ray: it is pure Python, installs from PyPI with
pip, has a small footprint, gives tests a ``LocalCluster`` on one machine, and
other machines join with two commands::

    dask scheduler                                  # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers auto --nthreads 1

Ray brings a large runtime and its own object store; all we need is a map over
batches of articles.  Give workers one thread each and more processes: the
extractor is Python bound, and a worker process runs one batch at a time.

Data flow: only :class:`~kg.model.Article` records go out and
:class:`~kg.model.Extraction` records come back (plain picklable dataclasses).
Each worker process loads the spaCy model once (``load_model`` is cached) and
keeps it.  The RDF writing stays on the client, so the one store is written
from one place, and results come back in input order, so the graph is the same
as a one-process build's.  Workers need ``kg`` and the spaCy model installed.
"""
from __future__ import annotations

import threading
import uuid
from typing import Any, Callable, Iterator

from kg.errors import KGError, UsageError
from kg.model import Article, Extraction

__all__ = ["extract_on_cluster", "CONNECT_TIMEOUT"]

CONNECT_TIMEOUT = 10.0  # seconds; with no scheduler, Dask retries for this long, then gives up
_ONE_AT_A_TIME = threading.Lock()  # a spaCy pipeline is not meant to be shared between threads


def _reason(exc: BaseException, where: str = "") -> str:
    return f"extraction failed{where} ({type(exc).__name__}: {exc})"


def _extract_chunk(articles: list[Article], model: str | None = None,
                   batch_size: int = 16) -> list[Extraction | tuple[Article, str]]:
    """Runs on a worker: each article's Extraction, or ``(article, reason)`` when it failed."""
    from kg import extract as kx
    from kg.pool import extract_batch

    nlp = kx.load_model(model)  # once per worker process
    with _ONE_AT_A_TIME:
        results = extract_batch(articles, nlp, batch_size=batch_size)
    return [r if isinstance(r, Extraction) else (a, r) for a, r in zip(articles, results)]


def _distributed():
    try:
        import distributed
    except ImportError:
        raise UsageError("a build with cluster= needs dask: pip install 'dipkg[cluster]'",
                         options=["cluster"]) from None
    return distributed


def _connect(distributed, address: Any, timeout: float):
    """``(client, made_here)`` for a scheduler address, a Client or a cluster object."""
    if isinstance(address, distributed.Client):
        return address, False
    where = getattr(address, "scheduler_address", address)
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False), True
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {where}: {exc}") from None


def _chunk_results(future, chunk: list[Article]) -> list[Extraction | tuple[Article, str]]:
    try:
        return future.result()
    except KGError:  # e.g. ModelNotFound on a worker: the user has to fix that
        raise
    except Exception as exc:  # the worker died (KilledWorker), could not unpickle, ...
        return [(a, _reason(exc, " on the cluster")) for a in chunk]


def extract_on_cluster(articles: list[Article], address: Any, *, model: str | None = None,
                       batch_size: int = 16, progress: Callable[[int], None] | None = None,
                       connect_timeout: float = CONNECT_TIMEOUT,
                       ) -> Iterator[Extraction | tuple[Article, str]]:
    """Extract ``articles`` on the Dask cluster at ``address``, yielding results in input order.

    ``address`` is a scheduler address (``"tcp://10.0.0.5:8786"``), or a
    ``distributed.Client`` or cluster object (``LocalCluster``).  Each result is
    the article's :class:`Extraction`, or ``(article, reason)`` when extracting
    it failed.  ``progress(n)`` is called as each batch of ``n`` articles is
    done, in whatever order the batches finish.

    This is a generator: it connects on the first ``next()``.  No scheduler at
    ``address`` raises :class:`~kg.errors.UsageError` after ``connect_timeout``
    seconds.  A client made here is closed at the end; one passed in is not.
    """
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, not {batch_size}")
    distributed = _distributed()
    articles = list(articles)
    if not articles:
        return
    client, made_here = _connect(distributed, address, connect_timeout)
    chunks = [articles[i:i + batch_size] for i in range(0, len(articles), batch_size)]
    run = uuid.uuid4().hex[:8]
    pending: dict[str, tuple[int, Any]] = {}  # future key -> (chunk index, future)
    finished: dict[int, list] = {}  # done, waiting for an earlier chunk to be yielded
    queue = distributed.as_completed(loop=client.loop)  # else it wants a default client
    submitted = emitted = 0

    def submit_more() -> None:
        # Keep a few batches per worker thread in flight, counted from the oldest not yet
        # yielded, so a slow first batch cannot make the client hold every other result.
        nonlocal submitted
        limit = emitted + max(8, 2 * sum(client.nthreads().values()))
        while submitted < min(limit, len(chunks)):
            future = client.submit(_extract_chunk, chunks[submitted], model, batch_size,
                                   key=f"kg-extract-{run}-{submitted}")
            pending[future.key] = (submitted, future)
            queue.add(future)
            submitted += 1

    try:
        submit_more()
        for future in queue:
            index, _ = pending.pop(future.key)
            finished[index] = _chunk_results(future, chunks[index])
            future.release()
            if progress:
                progress(len(chunks[index]))
            while emitted in finished:
                yield from finished.pop(emitted)
                emitted += 1
            submit_more()
    finally:
        if pending and not made_here:  # stopped early: free the workers of a shared client
            client.cancel([f for _, f in pending.values()])
        if made_here:
            client.close()
