"""What adding news costs: one new article into a big Oxigraph store, and the memory of a big build.

1. **Adding one article to a store of ~``--triples`` union triples.**  A
   ``kg.store.OxigraphStore`` in a temporary directory is filled without spaCy
   (``benchmarks/synthetic.py``: ``fill_store``), then ``--repeat`` new articles
   are added one at a time, each checked to be in ``store.articles()`` after:

   * ``put``   -- ``store.put([item])`` of the next synthetic article (the
     generator's continuation: new ids, the same cast of people);
   * ``build`` -- ``kg.build.build([article.txt], store=DIR)``, the path of
     ``kg build article.txt --store DIR``: a real ``gen_corpus`` article (same
     seed, so it names people already in the store) read, extracted by spaCy,
     unified with the people in the store, turned into RDF and written.  The
     model is loaded and warmed up on a spare article first, through the
     cached call ``build`` makes (``kg.extract.load_model(None)``).  The
     split comes from build's own ``on_total`` / ``progress`` callbacks:
     ``open`` (open the store, read the file, list the store's articles),
     ``extract`` (spaCy and kg's extractor), ``write`` (identity against the
     store's people, RDF, ``store.put``, close).  Our own handle is closed
     first: a store directory has one writer.

2. **Peak RSS of a ``--build-articles`` build.**  A seeded ``gen_corpus``
   corpus is written as JSONL and ``python -m kg build corpus.jsonl --store DIR
   -q`` (``--target file``: ``-o graph.ttl``, which keeps the whole graph in
   rdflib memory; ``both``: one after the other) runs as a child process.  Its
   peak RSS is the child's own ``VmHWM`` (see :func:`run_child`; with
   ``--workers`` it is the main process, not the sum).  Also wall time,
   articles/s and the store's size.

    python benchmarks/ingest_speed.py                                   # 1M triples, 10,000 articles
    python benchmarks/ingest_speed.py --target both --workers 2
    python benchmarks/ingest_speed.py --triples 20000 --repeat 2 --build-articles 30   # quick run

Last line: ``add_one_p50_s <x> add_one_build_p50_s <y> build_articles <n> peak_rss_mb <m>``
(``x``/``y`` medians over the repeats, ``m`` of the store build; ``nan`` for a
part that was skipped or a target that did not run).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate, word_count, write_jsonl, write_txt  # noqa: E402
from synthetic import EXTRACTOR, Generator, Stats, content_hash_of, fill_store, peak_rss_mb  # noqa: E402

NAN = float("nan")


def spread(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples):.3f} s, max {max(samples):.3f} s"


# ------------------------------------------------------------ part 1: add one

def fill(args, path: Path):
    """An Oxigraph store with ~``--triples`` of synthetic data; the store and its article count."""
    from kg.store import OxigraphStore

    stats = Stats()
    store = OxigraphStore(path)
    seconds = fill_store({"oxigraph": store}, args.triples, args.seed, args.batch_size, stats)
    print(f"filled {path.name}: {stats.articles} synthetic articles, {len(store)} triples; "
          f"generate {seconds['generate']:.1f} s, put {seconds['oxigraph']:.1f} s")
    return store, stats.articles


def next_items(seed: int, loaded: int, n: int) -> list[tuple]:
    """The ``n`` synthetic articles after the ``loaded`` ones ``fill_store`` put in (new ids)."""
    from kg.rdf import extraction_to_graph

    start = time.perf_counter()
    gen = Generator(seed)
    for index in range(loaded):  # replay the stream: the next articles are what a bigger fill would add
        gen.extraction(index)
    items = []
    for index in range(loaded, loaded + n):
        ex = gen.extraction(index)
        items.append((ex.article.id, content_hash_of(ex.article.id), EXTRACTOR, extraction_to_graph(ex)))
    print(f"made {n} new synthetic articles (after replaying {loaded}) in {time.perf_counter() - start:.1f} s")
    return items


def add_put(store, items: list[tuple]) -> list[float]:
    """Time ``store.put([item])`` for each item; check it is in the store after."""
    samples = []
    for item in items:
        if item[0] in store.articles():
            raise SystemExit(f"{item[0]} is already in the store")
        start = time.perf_counter()
        store.put([item])
        samples.append(time.perf_counter() - start)
        if item[0] not in store.articles():
            raise SystemExit(f"store.put: {item[0]} is not in store.articles() after")
        print(f"  put   {item[0]}: {samples[-1]:.3f} s ({len(item[3])} triples)")
    return samples


def warm_up(text: str) -> None:
    """Load the spaCy model and run kg's extractor and RDF once, so no timed run pays for it."""
    from kg.extract import extract, load_model
    from kg.model import Article
    from kg.rdf import extraction_to_graph

    start = time.perf_counter()
    # load_model(None), not load_model(): build() calls load_model(model) with model=None, and
    # lru_cache keys the two calls apart, so load_model() would leave build() a cold model
    nlp = load_model(None)
    extraction_to_graph(extract(Article(id="warm-up", text=text), nlp))
    print(f"model loaded and warmed up in {time.perf_counter() - start:.1f} s")


def build_one(path: Path, store_dir: Path) -> tuple[float, dict[str, float]]:
    """``build([path], store=store_dir)``: total seconds and the open / extract / write split."""
    from kg.build import build

    marks: dict[str, float] = {}
    start = time.perf_counter()
    _, report = build([path], store=store_dir,
                      on_total=lambda n: marks.setdefault("total", time.perf_counter()),
                      progress=lambda n: marks.__setitem__("extracted", time.perf_counter()))
    end = time.perf_counter()
    if report.articles != 1 or report.failures or "extracted" not in marks:
        raise SystemExit(f"build {path.name}: {report.summary()}")
    return end - start, {"open": marks["total"] - start, "extract": marks["extracted"] - marks["total"],
                         "write": end - marks["extracted"]}


def add_build(store_dir: Path, texts: list[Path]) -> list[float]:
    """Time ``build([article.txt], store=DIR)`` for each file; check the article is in the store."""
    from kg.ingest import read_file
    from kg.store import OxigraphStore

    with OxigraphStore(store_dir, read_only=True) as store:
        people = len(store.person_keys())
    samples = []
    for path in texts:
        article_id = read_file(path)[0].id
        seconds, split = build_one(path, store_dir)
        samples.append(seconds)
        with OxigraphStore(store_dir, read_only=True) as store:
            if article_id not in store.articles():
                raise SystemExit(f"build: {article_id} ({path.name}) is not in store.articles() after")
            now = len(store.person_keys())
        print(f"  build {article_id}: {seconds:.3f} s = " + " + ".join(f"{k} {v:.3f}" for k, v in split.items())
              + f"; people in store {people} -> {now}")
        people = now
    return samples


def part_add(args, tmp: Path) -> tuple[float, float]:
    store_dir = tmp / "store"
    store, loaded = fill(args, store_dir)
    put = add_put(store, next_items(args.seed, loaded, args.repeat))
    store.close()
    del store
    articles = generate(args.repeat + 1, args.seed)  # the first one is the warm-up article
    write_txt(articles, tmp / "txt")
    warm_up(articles[0]["text"])
    built = add_build(store_dir, [tmp / "txt" / f"{a['id']}.txt" for a in articles[1:]])
    print(f"add one article to ~{args.triples} triples: store.put {spread(put)}; "
          f"kg build article.txt --store {spread(built)}")
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")
    return statistics.median(put), statistics.median(built)


# ----------------------------------------------------------- part 2: big build

def _hwm_mb(pid: int) -> float:
    """The peak resident set (VmHWM) of a running process, in MB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_child(cmd: list[str], log: Path) -> tuple[int, float, float]:
    """Run ``cmd``; its exit code, wall seconds and peak RSS in MB.

    The peak is the child's own ``VmHWM``, read every 0.1 s while it runs.  Not
    ``ru_maxrss``: Linux counts in it the memory of the process that forked the
    child before its exec, so a child of a big parent reports the parent's peak.
    """
    start = time.perf_counter()
    peak = 0.0
    with open(log, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        while proc.poll() is None:
            peak = max(peak, _hwm_mb(proc.pid))
            time.sleep(0.1)
    return proc.returncode, time.perf_counter() - start, peak


def target_size(target: str, where: Path) -> str:
    """What the build left: the store's triples (its union) and articles, or the file's triples."""
    if target == "file":
        import pyoxigraph as ox

        triples = sum(1 for _ in ox.parse(path=os.fspath(where), format=ox.RdfFormat.TURTLE))
        return f"{triples} triples in {where.name} ({where.stat().st_size / 1e6:.0f} MB)"
    from kg.store import OxigraphStore

    with OxigraphStore(where, read_only=True) as store:
        return f"{len(store)} triples, {len(store.articles())} articles in the store"


def build_big(args, tmp: Path, jsonl: Path, target: str) -> float:
    where = tmp / ("big-store" if target == "store" else "graph.ttl")
    cmd = [sys.executable, "-m", "kg", "build", os.fspath(jsonl), "--store" if target == "store" else "-o",
           os.fspath(where), "-q", "--workers", str(args.workers),
           "--max-bytes", str(jsonl.stat().st_size + 1)]  # the limit is per input file: one JSONL here
    print(f"running: {' '.join(cmd[1:])}", flush=True)
    code, seconds, rss = run_child(cmd, tmp / f"{target}.log")
    if code != 0:
        tail = (tmp / f"{target}.log").read_text(errors="replace").splitlines()[-20:]
        raise SystemExit(f"kg build --{target} exited with {code}:\n" + "\n".join(tail))
    print(f"{target} build: {seconds:.1f} s, {args.build_articles / seconds:.1f} articles/s, "
          f"peak RSS {rss:.0f} MB; {target_size(target, where)}")
    return rss


def part_build(args, tmp: Path) -> float:
    start = time.perf_counter()
    articles = generate(args.build_articles, args.seed)
    jsonl = write_jsonl(articles, tmp / "corpus.jsonl")
    print(f"wrote {len(articles)} articles ({word_count(articles)} words, seed {args.seed}) to {jsonl.name} "
          f"in {time.perf_counter() - start:.1f} s")
    del articles
    targets = ["store", "file"] if args.target == "both" else [args.target]
    rss = {t: build_big(args, tmp, jsonl, t) for t in targets}
    return rss.get("store", NAN)


# --------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="union triples in the store of part 1")
    ap.add_argument("--repeat", type=int, default=5, help="new articles added (timed), each path")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64, help="articles per store.put while filling")
    ap.add_argument("--build-articles", type=int, default=10_000, help="articles in the build of part 2")
    ap.add_argument("--target", choices=["store", "file", "both"], default="store",
                    help="what the big build writes: --store DIR, -o graph.ttl or both")
    ap.add_argument("--workers", type=int, default=1, help="kg build --workers for part 2")
    ap.add_argument("--skip-add", action="store_true", help="skip part 1")
    ap.add_argument("--skip-build", action="store_true", help="skip part 2")
    args = ap.parse_args()
    if args.triples < 1000:
        ap.error("--triples must be at least 1000")
    if args.repeat < 1 or args.build_articles < 1 or args.workers < 1:
        ap.error("--repeat, --build-articles and --workers must be at least 1")
    put = built = rss = NAN
    with tempfile.TemporaryDirectory(prefix="ingest-speed-") as tmp:
        if not args.skip_add:
            put, built = part_add(args, Path(tmp))
        if not args.skip_build:
            rss = part_build(args, Path(tmp))
    n = "nan" if args.skip_build else args.build_articles
    print(f"add_one_p50_s {put:.3f} add_one_build_p50_s {built:.3f} build_articles {n} peak_rss_mb {rss:.0f}")


if __name__ == "__main__":
    main()
