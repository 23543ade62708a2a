"""How long ``kg query FILE`` takes end to end on a big graph file: load, query, print.

Writes ~``--triples`` of synthetic data (``benchmarks/synthetic.py``, the same
records ``sparql_speed.py`` uses) as the union graph ``kg build -o graph.nt``
would write, then runs ``python -m kg query FILE --name NAME`` in a child
process and times it from start to exit (Python start-up, imports, loading the
file, the query and printing the table all count).  ``--compare`` runs the
same command with ``--engine rdflib`` too and checks that both print the same
table.  ``--keep FILE`` writes the graph there (or reuses it when it exists),
so that several runs share one generated file.

    python benchmarks/query_file_speed.py --triples 1000000
    python benchmarks/query_file_speed.py --triples 100000 --compare      # rdflib too

Last line: ``query_file_seconds <s> engine oxigraph triples <n> rows <r>``
(with ``--compare`` the line before it gives rdflib's).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_items  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _ox(term):
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype \
            else ox.Literal(str(term))
    return ox.BlankNode(str(term))


def write_graph_file(path: Path, triples: int, seed: int) -> int:
    """The union of ~``triples`` synthetic triples written to ``path`` as N-Triples, with one label
    per actor as ``kg build -o graph.nt`` writes it (flattened by :mod:`kg.oxload`; an rdflib
    MemoryStore took over ten minutes for a million triples)."""
    import pyoxigraph as ox

    from kg.oxload import _flat

    quads = (ox.Quad(_ox(s), _ox(p), _ox(o)) for *_rest, graph in synthetic_items(triples, seed)
             for s, p, o in graph)
    store = ox.Store()
    store.extend(_flat(quads))
    store.dump(output=str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return len(store)


def count_lines(path: Path) -> int:
    with open(path, "rb") as stream:
        return sum(1 for line in stream if line.strip() and not line.startswith(b"#"))


def time_query(path: Path, name: str, engine: str) -> tuple[float, str]:
    """Seconds ``python -m kg query PATH --name NAME --engine ENGINE`` takes, and what it printed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    argv = [sys.executable, "-m", "kg", "query", str(path), "--name", name, "--engine", engine,
            "--timeout", "0"]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"kg query failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, done.stdout


def rows_of(table: str) -> int:
    last = table.strip().splitlines()[-1] if table.strip() else ""
    return int(last.strip("()").split()[0]) if last.startswith("(") else len(table.splitlines()) - 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--name", default="who-met-whom", help="the saved query to run (default who-met-whom)")
    ap.add_argument("--compare", action="store_true", help="run it with --engine rdflib too")
    ap.add_argument("--keep", metavar="FILE", help="write the graph here, or reuse it if it exists")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="query-file-speed-") as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "graph.nt"
        if not path.exists():
            start = time.perf_counter()
            write_graph_file(path, args.triples, args.seed)
            print(f"wrote {path} in {time.perf_counter() - start:.1f} s")
        triples = count_lines(path)
        print(f"{path}: {triples} triples, {path.stat().st_size / 1e6:.0f} MB")
        engines = ["rdflib", "oxigraph"] if args.compare else ["oxigraph"]
        outputs = {}
        for engine in engines:
            seconds, out = time_query(path, args.name, engine)
            outputs[engine] = out
            print(f"query_file_seconds {seconds:.2f} engine {engine} triples {triples} rows {rows_of(out)}")
        if args.compare:
            same = outputs["rdflib"] == outputs["oxigraph"]
            print(f"same table from both engines: {'yes' if same else 'NO'}", file=sys.stderr)
            if not same:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
