"""The threads of ``kg serve`` that serve connections: kept from one connection to the next,
at most as many as connections are served at once; and how many worker processes it starts by
default (no server or process is started here)."""
from __future__ import annotations

import threading
import time

import pytest


def _blocking_threads(limit: int, jobs: int):
    """A HandlerThreads whose jobs wait for ``release``; (pool, release, started, done)."""
    from kg.serve.connections import HandlerThreads

    release, lock = threading.Event(), threading.Lock()
    started, done = [], []

    def handle(request, address):
        with lock:
            started.append((request, threading.get_ident()))
        release.wait(10)
        with lock:
            done.append(request)

    pool = HandlerThreads(limit, handle)
    for i in range(jobs):
        pool.submit(i, ("127.0.0.1", i))
    return pool, release, started, done


def _until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.001)
    return condition()


@pytest.mark.parametrize("limit", [3, 8])
def test_connection_threads_are_kept_and_bounded(limit):
    """Five connections at once get min(5, limit) threads; the others wait their turn; the
    threads then serve later connections instead of new ones being started."""
    pool, release, started, done = _blocking_threads(limit, 5)
    try:
        assert _until(lambda: len(started) == min(5, limit))
        time.sleep(0.02)
        assert len(started) == min(5, limit)  # no more than limit at once
        release.set()
        threads = {ident for _, ident in started}
        assert len(threads) == min(5, limit)
        # a thread counts as idle just after its handler returns: wait for that before each
        # connection, or a connection between the two would rightly start a thread
        all_idle = lambda: pool._idle == len(threads)  # noqa: E731
        assert _until(lambda: len(done) == 5 and all_idle())
        for i in range(5, 25):  # one after another: the kept threads take them
            pool.submit(i, ("127.0.0.1", i))
            assert _until(lambda: len(done) == i + 1 and all_idle())
        assert {ident for _, ident in started} == threads
    finally:
        release.set()
        pool.stop()


@pytest.mark.parametrize("cores, memory", [(1, 2), (2, 4), (3, 6), (16, 8)])
def test_forked_workers_default_to_two_per_core(monkeypatch, cores, memory):
    """A graph file held by Oxigraph gets two workers per core (2 to 8): they share one loaded
    copy, and more workers than cores let short queries pass long ones; the others get 2."""
    import os

    from kg.serve.protocol import DEFAULT_WORKERS, default_workers

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert default_workers("memory") == memory
    assert default_workers("store") == default_workers("file") == DEFAULT_WORKERS == 2
