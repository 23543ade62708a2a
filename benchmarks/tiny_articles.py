"""Throughput and memory of one build of many one-paragraph articles.

Writes ``--articles`` one-paragraph articles (the lead paragraph of each
``gen_corpus`` article: a dateline and the sentences of one or two events,
about 40-60 words) as one JSON Lines file, then runs ``python -m kg build
corpus.jsonl --store DIR -q --workers W`` (``--target file``: ``-o graph.nt``)
as a child process and reports:

* wall seconds and **articles per second** (model loading included);
* the peak RSS of the ``kg`` process itself (``VmHWM``) and the peak of the
  sum of RSS over it and its parsing processes, sampled every 0.2 s (a forked
  worker's pages shared with the parent count in both: the sum overstates);
* with ``--small N``, a first build of ``N`` articles, and the ratios of the
  big build's peaks to the small one's: **memory that does not grow with the
  input stays near 1.0** however many more articles the big build reads.

    python benchmarks/tiny_articles.py --articles 100000 --small 10000    # the issue's figure
    python benchmarks/tiny_articles.py --articles 3000 --workers 1        # a quick run

Last line: ``articles <n> seconds <s> articles_per_s <r> peak_kg_mb <m> peak_tree_mb <t>
kg_ratio <x> tree_ratio <y>`` (ratios ``nan`` without ``--small``).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.fspath(Path(__file__).resolve().parent))
from gen_corpus import generate  # noqa: E402


def write_corpus(n: int, path: Path, seed: int) -> int:
    """``n`` one-paragraph articles as JSON Lines; their words."""
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in generate(n, seed=seed):
            article["text"] = article["text"].split("\n\n")[0]
            words += len(article["text"].split())
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return words


def _status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def run(cmd: list[str], log: Path) -> tuple[int, float, float, float]:
    """Run ``cmd``: exit code, wall seconds, peak VmHWM of the process and peak RSS of its tree (MB)."""
    start = time.perf_counter()
    own = tree = 0
    with open(log, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        while proc.poll() is None:
            own = max(own, _status_kb(proc.pid, "VmHWM"))
            tree = max(tree, _status_kb(proc.pid, "VmRSS") + sum(_status_kb(c, "VmRSS")
                                                                 for c in _children(proc.pid)))
            time.sleep(0.2)
    return proc.returncode, time.perf_counter() - start, own / 1024, tree / 1024


def build_once(n: int, args, tmp: Path) -> tuple[float, float, float]:
    corpus = tmp / f"tiny-{n}.jsonl"
    words = write_corpus(n, corpus, args.seed)
    where = tmp / (f"store-{n}" if args.target == "store" else f"graph-{n}.nt")
    cmd = [sys.executable, "-m", "kg", "build", os.fspath(corpus), "--store" if args.target == "store" else "-o",
           os.fspath(where), "-q", "--workers", str(args.workers), "--max-bytes", str(corpus.stat().st_size + 1)]
    print(f"{n} articles, {words / n:.0f} words each on average; running: kg {' '.join(cmd[3:])}", flush=True)
    code, seconds, own, tree = run(cmd, tmp / f"build-{n}.log")
    if code != 0:
        tail = (tmp / f"build-{n}.log").read_text(errors="replace").splitlines()[-20:]
        raise SystemExit(f"kg build exited with {code}:\n" + "\n".join(tail))
    print(f"  {seconds:.1f} s, {n / seconds:.1f} articles/s, peak RSS of kg {own:.0f} MB, "
          f"of kg and its workers {tree:.0f} MB", flush=True)
    return seconds, own, tree


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=0, help="first build this many, for the memory ratios")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--target", choices=["store", "file"], default="store")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-tiny-") as tmp:
        small = build_once(args.small, args, Path(tmp)) if args.small else None
        seconds, own, tree = build_once(args.articles, args, Path(tmp))
    ratios = (own / small[1], tree / small[2]) if small else (float("nan"), float("nan"))
    print(f"articles {args.articles} seconds {seconds:.1f} articles_per_s {args.articles / seconds:.1f} "
          f"peak_kg_mb {own:.0f} peak_tree_mb {tree:.0f} kg_ratio {ratios[0]:.2f} tree_ratio {ratios[1]:.2f}")


if __name__ == "__main__":
    main()
