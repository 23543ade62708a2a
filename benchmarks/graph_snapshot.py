"""Build one graph per article of a JSON Lines file, for comparing two versions of kg byte for byte.

Each article's text is written to a ``.txt`` file and built on its own, as the
scorer does (``kg build ARTICLE.txt -o OUT.ttl``), in one process so the model
loads once.  The example articles are built together, as ``kg demo`` does.
Then ``--compare OTHER_DIR`` lists the files that differ::

    python benchmarks/graph_snapshot.py ARTICLES.jsonl /tmp/before
    # ... change the code ...
    python benchmarks/graph_snapshot.py ARTICLES.jsonl /tmp/after --compare /tmp/before

Nothing here is a test: the articles may come from outside the repository.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def snapshot(articles: Path, out: Path, src_dir: Path) -> list[Path]:
    """Build every article of ``articles`` into ``out``; the texts go to ``src_dir``, the same
    folder in every run (the article's file name is in its graph)."""
    from kg.build import build
    from kg.resources import articles_dir

    out.mkdir(parents=True, exist_ok=True)
    written = []
    src_dir.mkdir(parents=True, exist_ok=True)
    for line in articles.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        art = json.loads(line)
        src = src_dir / f"{art['id']}.txt"
        src.write_text(art["text"], encoding="utf-8")
        target = out / f"{art['id']}.ttl"
        target.unlink(missing_ok=True)
        build([str(src)], output=str(target))
        written.append(target)
    examples = out / "examples.ttl"
    examples.unlink(missing_ok=True)
    build([str(articles_dir())], output=str(examples))
    return written + [examples]


def compare(a: Path, b: Path) -> list[str]:
    names = sorted({p.name for p in a.glob("*.ttl")} | {p.name for p in b.glob("*.ttl")})
    return [n for n in names if not (a / n).exists() or not (b / n).exists()
            or (a / n).read_bytes() != (b / n).read_bytes()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path, help="JSON Lines with id and text")
    ap.add_argument("out", type=Path, help="folder for one .ttl per article, and examples.ttl")
    ap.add_argument("--compare", type=Path, help="a folder written earlier by this script")
    ap.add_argument("--src-dir", type=Path, default=Path("/tmp/kg-snapshot-articles"),
                    help="where the article texts are written (keep it the same between runs)")
    args = ap.parse_args(argv)
    files = snapshot(args.articles, args.out, args.src_dir)
    print(f"{len(files)} graphs in {args.out}")
    if args.compare:
        differ = compare(args.out, args.compare)
        print(f"{len(differ)} of {len(files)} differ from {args.compare}" + "".join(f"\n  {n}" for n in differ))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
