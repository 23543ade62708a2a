"""How much faster ``kg build`` is with its default workers (``auto``: one per core) than with one.

Generates a synthetic corpus (``benchmarks/gen_corpus.py``) into a JSON Lines
file, then runs ``python -m kg build corpus.jsonl -o graph.nt`` in a child
process twice: once with the default workers and once with ``--workers 1``
(order set by ``--first``), each timed end to end (start-up and model loading
included, as a user sees it).  Both graphs are read back with pyoxigraph and
compared as sets of triples.

    python benchmarks/workers_speed.py --articles 1000
    python benchmarks/workers_speed.py --articles 100     # quick run

Last line: ``speedup <t1/tauto> default_s <s> one_worker_s <s> same_triples <True|False> cores <n>``.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gen_corpus import generate, word_count, write_jsonl  # noqa: E402


def run_build(jsonl: Path, output: Path, extra: list[str]) -> float:
    """Seconds one ``kg build`` takes; exits when it fails."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent), os.environ.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(jsonl), "-o", str(output), "-q", *extra],
                          env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"kg build {' '.join(extra)} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return seconds


def triples(path: Path) -> set:
    import pyoxigraph as ox

    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", choices=("default", "one"), default="default",
                    help="which build runs first (default: the default workers)")
    args = ap.parse_args()
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    from kg.build import cpu_count

    articles = generate(args.articles, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = write_jsonl(articles, Path(tmp) / "corpus.jsonl")
        runs = {"default": (Path(tmp) / "default.nt", []), "one": (Path(tmp) / "one.nt", ["--workers", "1"])}
        order = ["default", "one"] if args.first == "default" else ["one", "default"]
        seconds, loads = {}, {}
        for name in order:
            loads[name] = os.getloadavg()[0]
            seconds[name] = run_build(jsonl, *runs[name])
        same = triples(runs["default"][0]) == triples(runs["one"][0])
        count = len(triples(runs["one"][0]))
    n = len(articles)
    print(f"articles {n} words {word_count(articles)} seed {args.seed} cores {cpu_count()} triples {count}")
    for name, label in (("default", "kg build (default workers)"), ("one", "kg build --workers 1")):
        print(f"{label}: {seconds[name]:.1f} s, {n / seconds[name]:.1f} articles/s "
              f"(load average before: {loads[name]:.2f})")
    print(f"speedup {seconds['one'] / seconds['default']:.2f} default_s {seconds['default']:.1f} "
          f"one_worker_s {seconds['one']:.1f} same_triples {same} cores {cpu_count()}")


if __name__ == "__main__":
    main()
