"""How fast the saved queries run on a million triples: Oxigraph store against rdflib in memory.

Builds ~``--triples`` of synthetic but realistic data without spaCy
(``benchmarks/synthetic.py``: extractions written directly, turned into RDF by
``kg.rdf.extraction_to_graph``) and puts the *same* batches into

* ``memory``   -- a ``kg.store.MemoryStore`` (what ``kg build -o`` fills), written
  out as a graph file and read back with ``kg.graphio.load_graph``: the plain
  rdflib Graph that ``kg query graph.nt`` queries;
* ``oxigraph`` -- a ``kg.store.OxigraphStore`` in a temporary directory, filled
  through ``store.put`` (what ``kg build --store DIR`` does).

It checks that both hold the same union (``store.to_graph()`` and the loaded
graph have the same triples), then times every saved query
(``kg.sparql.list_saved()``) on both.  Parameter values come from the data: the
actor with the most meetings, the pair that met most often, the most reported
document and event whose names resolve to at most 20 nodes, the busiest month,
the country with the most people (``busiest``: the worst case); then the whole
run again with the one in the middle of each ranking (``typical``: what most
questions ask about).  Parameters are resolved once per store
(``kg.sparql._binding_sets``; rdflib's query parsing is counted there too) and
that time is reported apart; then query execution with the resolved bindings
(``kg.sparql._evaluate``, which calls ``store.select`` for a store) is timed
``--repeat`` times (default 5 on memory, 20 on Oxigraph, after one untimed
warm-up on Oxigraph).

Every query is first run once in a forked child process with a time limit
(``--timeout``) and a memory cap (``--max-query-mb``), so that a query that
explodes cannot take the benchmark down; a query that fails there is reported
as ``>timeout`` or ``OOM`` and not run again.  On the memory store a query
slower than ``--slow`` seconds in that first run is timed once more in-process
only, and when the total memory-store time passes ``--memory-budget`` the
remaining queries keep their child-process time as their only sample (marked
``*``).

    python benchmarks/sparql_speed.py --triples 1000000
    python benchmarks/sparql_speed.py --triples 100000 --repeat 3     # quick run
    python benchmarks/sparql_speed.py --only who-met-whom               # one query, Oxigraph only
    python benchmarks/sparql_speed.py --only who-met-whom --against old.rq   # and the same rows as old.rq?

With ``--only NAME`` only the Oxigraph store is filled and only the saved query
NAME (no parameters) is timed on it; ``--against Q.rq`` times that query text
too and checks that both give the same rows; ``--store DIR`` queries that store
instead (for instance one made by ``pyoxigraph.Store.bulk_load`` of a graph file).  Last line:
``only <NAME> oxigraph_p50_ms <x> rows <n>`` (then ``against_p50_ms <y>
same_rows yes|no``).

Aggregation: for each store the per-query p50 (median of that query's timed
runs) is taken, and ``x``/``y`` are the medians of those per-query p50s over all
saved queries (each query weighs the same); a query that failed counts as
``--timeout`` seconds (a lower bound).  The line before last gives them for the
busiest parameters; the last line, for the typical ones:
``oxigraph_p50_ms <x> memory_p50_ms <y> speedup <y/x>``.
"""
from __future__ import annotations

import argparse
import calendar
import gc
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import Stats, fill_store, peak_rss_mb  # noqa: E402

MAX_MATCHES = 20  # a document / event parameter should stand for a few nodes, not hundreds


# ------------------------------------------------------------------- timing

@dataclass
class Timing:
    """The runs of one query on one store."""

    prep_ms: float = 0.0
    runs: int = 0  # binding sets, i.e. query executions per timed run
    samples: list[float] = field(default_factory=list)  # seconds
    rows: int | None = None
    solutions: int | None = None  # rows before kg.sparql._evaluate drops duplicates
    status: str = "ok"  # ok, timeout, OOM, error: ...
    note: str = ""  # "*": the only sample is the child-process run

    def p(self, q: float) -> float | None:
        if not self.samples:
            return None
        s = sorted(self.samples)
        return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]

    def p50_or(self, fallback: float) -> float:
        return statistics.median(self.samples) if self.samples else fallback

    def cell(self, q: float, timeout: float) -> str:
        if self.status == "timeout":
            return f">{timeout * 1000:.0f}"
        if self.status != "ok":
            return self.status.split(":")[0]
        return f"{self.p(q) * 1000:.1f}{self.note}"


def _child(conn, target, query, bindings, cap_bytes) -> None:
    from kg.sparql import _evaluate

    try:
        if cap_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))
        if hasattr(target, "reopen"):
            target = target.reopen()  # a store: its own read-only handle in this process
        start = time.perf_counter()
        if hasattr(target, "select"):  # what _evaluate does, counting the solutions before deduplication
            raw, seen = 0, set()
            for b in bindings:
                got = target.select(query, b)[1]
                raw += len(got)
                seen.update(map(tuple, got))
            rows = len(seen)
        else:
            raw = rows = len(_evaluate(target, query, bindings).rows)
        conn.send(("ok", time.perf_counter() - start, (rows, raw)))
    except MemoryError:
        conn.send(("OOM", 0.0, None))
    except BaseException as exc:  # noqa: BLE001 - report anything to the parent
        conn.send((f"error: {type(exc).__name__}: {exc}"[:200], 0.0, None))
    finally:
        conn.close()


def _vm_bytes() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def probe(target, query, bindings, timeout: float, max_mb: int) -> tuple[str, float, tuple | None]:
    """One run in a forked child: ``(status, seconds, (rows, solutions))``; status ok, timeout, OOM or error.

    ``rows`` are distinct rows (what ``kg.sparql.run`` returns), ``solutions`` what
    the engine produced before ``_evaluate`` dropped duplicate rows.
    """
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    cap = _vm_bytes() + max_mb * 1024 * 1024 if max_mb else 0
    proc = ctx.Process(target=_child, args=(sender, target, query, bindings, cap), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            return "timeout", timeout, None
        return receiver.recv()
    except EOFError:  # killed: Rust aborts when an allocation fails under the cap
        proc.join(5)
        return ("OOM" if proc.exitcode in (-6, -9, 134) else f"error: exit {proc.exitcode}"), 0.0, None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()


def time_query(target, query, bindings, *, repeats: int, warm_up: bool, timeout: float, max_mb: int,
               slow: float, budget_left: float | None) -> Timing:
    """Probe in a child, then time ``repeats`` in-process runs (fewer when slow or out of budget)."""
    from kg.sparql import _evaluate

    t = Timing(runs=len(bindings))
    status, seconds, rows = probe(target, query, bindings, timeout, max_mb)
    if status != "ok":
        t.status = status
        return t
    t.rows, t.solutions = rows
    n = repeats if seconds < slow else 1
    if budget_left is not None and seconds * n > budget_left:
        t.samples, t.note = [seconds], "*"
        return t
    if warm_up:
        _evaluate(target, query, bindings)
    for _ in range(n):
        start = time.perf_counter()
        result = _evaluate(target, query, bindings)
        t.samples.append(time.perf_counter() - start)
        t.rows = len(result.rows)
    return t


# --------------------------------------------------------------- parameters

def choose_params(stats: Stats, graph, which: str = "busiest") -> dict[str, dict[str, str]]:
    """Parameter values for every saved query, drawn from what the generator made.

    ``busiest``: the actor with the most meetings, the pair that met most often,
    the most reported document and event, the busiest month, the country with
    the most people -- the worst case.  ``typical``: the one in the middle of
    each of those rankings (the median), what most questions ask about.
    """
    from rdflib import URIRef

    from kg.names import fold
    from kg.sparql import _DIP, _labelled

    def ranked(counter) -> list:
        """Most to least reported; for ``typical`` from the median on."""
        order = [key for key, _count in counter.most_common()]
        return order if which == "busiest" else order[len(order) // 2:]

    def few(counter, cls: str) -> str:
        """The first ranked label whose words pick out 1 to MAX_MATCHES nodes (as match_things would)."""
        labels = [(node, fold(label)) for node, label in _labelled(graph, URIRef(_DIP + cls))]  # read once
        for label in ranked(counter)[:200]:
            want = fold(label)
            if 1 <= len({node for node, have in labels if want in have}) <= MAX_MATCHES:
                return label
        raise SystemExit(f"no {cls} label resolves to at most {MAX_MATCHES} nodes")

    actor = ranked(stats.meetings)[0]
    first, second = ranked(stats.pairs)[0]
    month = ranked(stats.dates)[0]
    year, mon = map(int, month.split("-"))
    last = calendar.monthrange(year, mon)[1]
    return {
        "actors-of-country": {"country": ranked(stats.countries)[0]},
        "attendees-of": {"event": few(stats.events, "Event")},
        "events-between": {"start": f"{month}-01", "end": f"{month}-{last:02d}"},
        "evidence-for": {"actor1": first, "actor2": second},
        "meetings-of": {"actor": actor},
        "signatories-of": {"document": few(stats.documents, "Document")},
        "signed-by": {"actor": actor},
        "who-met-whom": {},
    }


def resolve(target, q, params, prepare: bool):
    """``(query, binding sets, ms)``: rdflib parses the text here, a store takes it as text."""
    from kg.sparql import _binding_sets, _prepare

    start = time.perf_counter()
    query = _prepare(q.text) if prepare else q.text
    bindings = _binding_sets(target, params, q)
    return query, bindings, (time.perf_counter() - start) * 1000


def run_queries(params: dict, targets: list, args, spent: float) -> tuple[dict, float]:
    """Time every saved query on every target; ``spent`` counts in-process memory-store seconds."""
    from kg.sparql import list_saved

    results: dict[str, dict[str, Timing]] = {}
    for q in list_saved():
        p = params.get(q.name)
        if p is None:
            raise SystemExit(f"no parameter values for the saved query {q.name} ({q.params})")
        results[q.name] = {}
        resolved = {}
        for name, target, prepare, repeats, warm in targets:
            query, bindings, ms = resolve(target, q, p, prepare)
            resolved[name] = sorted(sorted((k, str(v)) for k, v in b.items()) for b in bindings)
            start = time.perf_counter()
            t = time_query(target, query, bindings, repeats=repeats, warm_up=warm, timeout=args.timeout,
                           max_mb=args.max_query_mb, slow=args.slow,
                           budget_left=max(0.0, args.memory_budget - spent) if name == "memory" else None)
            if name == "memory":
                spent += time.perf_counter() - start
            t.prep_ms = ms
            results[q.name][name] = t
            print(f"  {q.name:18} {name:8} {t.status:8} rows {t.rows} solutions {t.solutions} "
                  f"resolve {ms:.0f} ms binding sets {t.runs} "
                  f"samples {len(t.samples)} p50 {t.cell(0.5, args.timeout)} ms", file=sys.stderr, flush=True)
        if len({str(v) for v in resolved.values()}) != 1:
            print(f"warning: {q.name}: the stores resolved the parameters differently: {resolved}")
        shown = ", ".join(f"{k}={v!r}" for k, v in p.items()) or "-"
        print(f"{q.name}: {shown} -> {results[q.name]['memory'].runs} binding set(s)")

    return results, spent


def report(results: dict, names: list[str], args) -> dict[str, float]:
    """Print the table; the median over queries of each store's per-query p50, in ms."""
    print()
    print("p50/p95 in ms of query execution with resolved bindings; resolve = parameter resolution "
          "(+ rdflib parse) ms, once")
    header = f"{'query':18} {'rows mem/ox':>20}"
    for name in names:
        header += f" {name + ' p50':>13} {name + ' p95':>13} {'resolve':>8}"
    header += f" {'speedup':>8}"
    print(header)
    mismatches = []
    for qname, by in results.items():
        rows = "/".join("-" if by[n].rows is None else str(by[n].rows) for n in names)
        line = f"{qname:18} {rows:>20}"
        for name in names:
            t = by[name]
            line += f" {t.cell(0.5, args.timeout):>13} {t.cell(0.95, args.timeout):>13} {t.prep_ms:>8.0f}"
        line += f" {by['memory'].p50_or(args.timeout) / by['oxigraph'].p50_or(args.timeout):>8.1f}"
        known = {by[n].rows for n in names if by[n].rows is not None}
        if len(known) > 1 or any(by[n].rows is None for n in names):
            mismatches.append(qname)
            line += "  ROWS DIFFER" if len(known) > 1 else "  FAILED"
        print(line)
    print("(* = only the child-process run was timed: memory budget spent; '>N' = timed out; "
          "OOM = passed the memory cap)")
    if mismatches:
        print(f"row counts differ or a run failed for: {', '.join(mismatches)}")
    agg = {n: statistics.median(by[n].p50_or(args.timeout) for by in results.values()) * 1000
           for n in names}
    return agg


# --------------------------------------------------------------------- main

def load(args, tmp: Path):
    """Fill both stores with the same batches; the loaded graph, the stores, stats and load times."""
    from kg.graphio import load_graph, write_graph
    from kg.store import MemoryStore, OxigraphStore

    stats = Stats()
    ox = OxigraphStore(tmp / "store")
    mem = MemoryStore()
    seconds = fill_store({"oxigraph": ox, "memory": mem}, args.triples, args.seed, args.batch_size, stats)
    print(f"generated {stats.articles} synthetic articles in {seconds['generate']:.1f} s")
    print(f"oxigraph: put {seconds['oxigraph']:.1f} s ({len(ox)} union triples in {tmp / 'store'})")
    # query it as `kg query --store` does: read-only, with no writer's background threads
    # (a fork while a writer compacts can leave a child's RocksDB waiting on a lock forever)
    ox.close()
    ox = OxigraphStore(tmp / "store", read_only=True)
    graph_file = tmp / f"graph.{args.format}"
    start = time.perf_counter()
    union = mem.to_graph()
    write_graph(union, graph_file)
    written = time.perf_counter() - start
    n_mem = len(union)
    del mem, union
    gc.collect()
    start = time.perf_counter()
    graph = load_graph(graph_file)
    loaded = time.perf_counter() - start
    print(f"memory:   put {seconds['memory']:.1f} s, union + write {graph_file.name} {written:.1f} s "
          f"({graph_file.stat().st_size / 1e6:.0f} MB), load_graph {loaded:.1f} s "
          f"(what every `kg query graph.{args.format}` pays); {len(graph)} triples")
    start = time.perf_counter()
    ox_union = ox.to_graph()
    same = len(ox_union) == len(graph) == n_mem and set(ox_union) == set(graph)
    print(f"same union: {'yes' if same else 'NO'} (oxigraph to_graph {len(ox_union)} triples, "
          f"memory {len(graph)}; checked in {time.perf_counter() - start:.1f} s)")
    del ox_union
    gc.collect()
    if not same:
        raise SystemExit("the two stores do not hold the same union")
    print(f"peak RSS after loading: {peak_rss_mb():.0f} MB")
    return graph, ox, stats


def only(args) -> None:
    """``--only NAME``: the saved query NAME (and ``--against``) on a filled Oxigraph store."""
    from kg.sparql import _evaluate, get_saved
    from kg.store import OxigraphStore

    with tempfile.TemporaryDirectory(prefix="sparql-speed-") as tmp:
        where = Path(args.store) if args.store else Path(tmp) / "store"
        if not args.store:
            ox = OxigraphStore(where)
            seconds = fill_store({"oxigraph": ox}, args.triples, args.seed, args.batch_size)
            print(f"oxigraph: put {seconds['oxigraph']:.1f} s ({len(ox)} union triples)")
            ox.close()
        ox = OxigraphStore(where, read_only=True)
        print(f"oxigraph: {len(ox)} triples in the default graph of {where}")
        texts = {args.only: get_saved(args.only).text}
        if args.against:
            texts["against"] = Path(args.against).read_text(encoding="utf-8")
        timed = {}
        for name, text in texts.items():
            t = time_query(ox, text, [{}], repeats=args.repeat or 20, warm_up=True, timeout=args.timeout,
                           max_mb=args.max_query_mb, slow=args.slow, budget_left=None)
            timed[name] = (t, _evaluate(ox, text, [{}]).rows if t.status == "ok" else None)
            print(f"  {name:18} {t.status} rows {t.rows} p50 {t.cell(0.5, args.timeout)} ms "
                  f"p95 {t.cell(0.95, args.timeout)} ms", file=sys.stderr, flush=True)
        ox.close()
    t, rows = timed[args.only]
    print(f"only {args.only} oxigraph_p50_ms {t.p50_or(args.timeout) * 1000:.1f} rows {t.rows}")
    if args.against:
        other, other_rows = timed["against"]
        print(f"against_p50_ms {other.p50_or(args.timeout) * 1000:.1f} "
              f"same_rows {'yes' if rows is not None and rows == other_rows else 'no'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=None,
                    help="timed runs per query and store (default 5 memory, 20 oxigraph)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64, help="articles per store.put (kg build's default)")
    ap.add_argument("--format", choices=["nt", "ttl"], default="nt", help="graph file read by load_graph")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds a first (child) run may take")
    ap.add_argument("--max-query-mb", type=int, default=6000, help="memory a first (child) run may add")
    ap.add_argument("--slow", type=float, default=10.0, help="memory-store queries slower than this run once")
    ap.add_argument("--memory-budget", type=float, default=600.0,
                    help="seconds of in-process memory-store timing in all")
    ap.add_argument("--only", metavar="NAME", help="time only this saved query (no parameters), on Oxigraph")
    ap.add_argument("--against", metavar="Q.rq", help="with --only: time this query too and compare the rows")
    ap.add_argument("--store", metavar="DIR", help="with --only: an Oxigraph store to query instead of filling one")
    args = ap.parse_args()
    if args.triples < 1000:
        ap.error("--triples must be at least 1000")
    if args.only:
        only(args)
        return
    rep_mem = args.repeat or 5
    rep_ox = args.repeat or 20
    with tempfile.TemporaryDirectory(prefix="sparql-speed-") as tmp:
        graph, ox, stats = load(args, Path(tmp))
        targets = [("memory", graph, True, rep_mem, False), ("oxigraph", ox, False, rep_ox, True)]
        spent, aggs = 0.0, {}
        for which in ("busiest", "typical"):
            params = choose_params(stats, graph, which)
            print(f"\n== {which} parameters")
            results, spent = run_queries(params, targets, args, spent)
            aggs[which] = report(results, [t[0] for t in targets], args)
        print(f"memory-store timing took {spent:.0f} s; peak RSS {peak_rss_mb():.0f} MB "
              f"(this process; child runs not counted)")
        for which, agg in aggs.items():  # the typical line last
            x, y = agg["oxigraph"], agg["memory"]
            print(f"{which + ' parameters: ' if which != 'typical' else ''}"
                  f"oxigraph_p50_ms {x:.1f} memory_p50_ms {y:.1f} speedup {y / x:.1f}")
        ox.close()


if __name__ == "__main__":
    main()
