"""How fast ``kg build`` is compared with the bare spaCy model it runs on.

Generates a synthetic corpus in memory (``benchmarks/gen_corpus.py``), then in one
run times (a) bare ``nlp.pipe`` of the same spaCy model (without kg's two
components) over the article texts and (b) the full ``kg build`` path --
``kg.build.build([corpus.jsonl], output=graph.ttl, workers=1, keep_graph=False)``, as
``kg build --workers 1`` runs it: reading, our components, extraction, identity,
RDF and writing Turtle -- on the same articles.  Both models are loaded and
warmed up before timing, so load time is not counted.  (``--workers 1`` still
parses in one child process while this one writes RDF: the default, ``auto``,
uses every core; ``benchmarks/workers_speed.py`` times that.)

    python benchmarks/extract_speed.py --articles 300
    python benchmarks/extract_speed.py --articles 50     # quick run

``--batch-size`` applies to the bare run; ``kg build`` always pipes in batches of 16.
Also prints the CPU seconds of both (``kg build``'s worker process included) and
their ratio, which a busy machine disturbs less than the wall-clock one.
Last line: ``ratio <kg/bare> articles_per_s <n>`` (wall clock; articles/s of ``kg build``).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate, word_count, write_jsonl  # noqa: E402


def cpu() -> float:
    """CPU seconds of this process and its finished children (kg build's worker, reaped here
    first: a build does not wait for its killed workers to end)."""
    import multiprocessing

    for child in multiprocessing.active_children():  # killed, maybe not yet ended: reaped here,
        child.join(5)  # so that their time counts
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def time_bare(texts: list[str], batch_size: int) -> tuple[float, float]:
    """Wall and CPU seconds of bare ``nlp.pipe``."""
    import spacy

    from kg.extract.pipeline import model_name

    nlp = spacy.load(model_name())
    list(nlp.pipe(texts[:2]))  # warm up
    start, start_cpu = time.perf_counter(), cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start, cpu() - start_cpu


def time_kg(jsonl: Path, output: Path, n: int) -> tuple[float, float]:
    """Wall and CPU seconds (its worker's included) of ``kg build --workers 1``."""
    from kg.build import build
    from kg.extract import load_model

    list(load_model().pipe(["Warm-up sentence."]))  # build() reuses this cached model
    start, start_cpu = time.perf_counter(), cpu()
    _, report = build([jsonl], output=output, workers=1, keep_graph=False)  # as the CLI
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    if report.articles != n or report.failures:
        raise SystemExit(f"kg build read {report.articles} of {n} articles, "
                         f"{len(report.failures)} failures")
    print(f"kg build: {report.triples} triples, events that happened {dict(report.events)}, "
          f"others {dict(report.not_asserted)}")
    return seconds, cpu_seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    articles = generate(args.articles, args.seed)
    n, words = len(articles), word_count(articles)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = write_jsonl(articles, Path(tmp) / "corpus.jsonl")
        load = os.getloadavg()[0]
        bare, bare_cpu = time_bare([a["text"] for a in articles], args.batch_size)
        ours, ours_cpu = time_kg(jsonl, Path(tmp) / "graph.ttl", n)
    print(f"articles {n} words {words} seed {args.seed} load average {load:.2f} -> {os.getloadavg()[0]:.2f}")
    print(f"bare nlp.pipe: {bare:.2f} s ({bare_cpu:.2f} s CPU), {n / bare:.1f} articles/s, {words / bare:.0f} words/s")
    print(f"kg build:      {ours:.2f} s ({ours_cpu:.2f} s CPU), {n / ours:.1f} articles/s, {words / ours:.0f} words/s")
    print(f"cpu_ratio {ours_cpu / bare_cpu:.2f} (CPU seconds; the machine's other load counts less in it)")
    print(f"ratio {ours / bare:.2f} articles_per_s {n / ours:.1f}")


if __name__ == "__main__":
    main()
