"""The worker pool of ``kg serve``: workers forked from a zygote that holds the graph, and
long queries that yield to short ones.

A query stopped at the time limit used to cost a fresh ``python -c`` worker that
imported kg and loaded the graph again (a quarter of a second for the demo graph, far
more for a large one), and it held a worker at full priority for the whole limit: with
two workers, two such queries made every other client wait.  These tests start servers
and worker processes (slow).
"""
from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from conftest import start_server, stop_server
from test_serve import SLOW, TTL
from test_serve_hardening import ask, count

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and forks")]


@pytest.fixture
def served(tmp_path):
    """The small graph of the serve tests in a file; (the file, its triples)."""
    from rdflib import Graph

    (path := tmp_path / "graph.ttl").write_text(TTL, encoding="utf-8")
    return path, len(Graph().parse(path))


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return int(fh.read().rsplit(")", 1)[1].split()[1])


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, state) of the children of ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append((int(entry), fields[0]))
    return found


def _workers(server) -> list:
    return list(server.pool._live)


def test_workers_are_forked_from_one_process_holding_the_graph_and_replaced_without_zombies(served):
    graph_file, triples = served
    server, thread = start_server(graph_file, timeout=1, max_rows=100, workers=2)
    try:
        zygote = server.pool.zygote
        assert zygote is not None and zygote.alive()
        deadline = time.monotonic() + 10
        while len(_workers(server)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        first = {w.pid for w in _workers(server)}
        assert len(first) == 2 and all(_parent(pid) == zygote.proc.pid for pid in first)
        for _ in range(3):
            assert ask(server, SLOW)[0] == 503  # stopped at the limit: its worker is killed
        assert [count(server) for _ in range(4)] == [triples] * 4
        now = {w.pid for w in _workers(server)}
        assert len(now) == 2 and now != first
        assert all(_parent(pid) == zygote.proc.pid for pid in now)
        time.sleep(0.3)
        assert [state for _, state in _children(zygote.proc.pid) if state == "Z"] == []  # all reaped
    finally:
        stop_server(server, thread)
    assert not zygote.alive()
    assert [pid for pid in now if os.path.exists(f"/proc/{pid}")] == []  # ended and reaped, not orphans


def test_a_long_query_is_demoted_and_a_stand_in_answers_the_others(served):
    """One worker and a cross join for the whole time limit: a COUNT sent meanwhile is answered
    at once by a stand-in, the long query's worker runs at the lowest priority, and the pool
    is back to one worker at normal priority afterwards."""
    graph_file, triples = served
    server, thread = start_server(graph_file, timeout=4, max_rows=100, workers=1)
    try:
        (worker,) = _workers(server)
        slow_reply = []
        runner = threading.Thread(target=lambda: slow_reply.append(ask(server, SLOW)))
        runner.start()
        deadline = time.monotonic() + 3
        while not getattr(worker, "demoted", False) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert worker.demoted and os.getpriority(os.PRIO_PROCESS, worker.pid) == 19
        started = time.monotonic()
        assert count(server) == triples
        assert time.monotonic() - started < 2  # not after the long query's 4 s
        assert runner.is_alive()  # the long query is still running
        runner.join(10)
        assert slow_reply[0][0] == 503 and b"timed out" in slow_reply[0][2]
        assert count(server) == triples
        (after,) = _workers(server)
        assert after is not worker and os.getpriority(os.PRIO_PROCESS, after.pid) == 0
    finally:
        stop_server(server, thread)


def test_demotion_can_be_turned_off(served):
    from kg.serve.workers import WorkerPool

    graph_file, _triples = served
    pool = WorkerPool(graph_file, 1, kind="memory", demoted=0)
    try:
        (worker,) = pool._live
        status, _ctype, body, _headers = pool.run(("query", SLOW, None, None, 100, False), 1.0)
        assert status == 503 and b"timed out" in body
        assert not worker.demoted
    finally:
        pool.close()



def test_a_graph_file_is_served_by_the_default_number_of_forked_workers(served):
    from kg.serve.protocol import default_workers

    graph_file, triples = served
    server, thread = start_server(graph_file, timeout=2, max_rows=100)
    try:
        deadline = time.monotonic() + 10
        while len(_workers(server)) < default_workers("memory") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_workers(server)) == default_workers("memory") >= 2
        assert count(server) == triples
    finally:
        stop_server(server, thread)
