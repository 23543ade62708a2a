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


def without_relation(path: Path, name: str) -> set:
    """The triples of a graph file without those of relation ``name``: its direct triples, its
    event nodes, the places only they name, the evidence sentences only they cite, and the actors
    (with their labels, roles and countries) that no other fact names.  Applied to both sides of
    a comparison, it leaves what the other relations say."""
    from rdflib import Graph
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg import relations
    from kg.namespaces import DIP

    spec = relations.get(name)
    g = Graph().parse(path)
    events = set(g.subjects(RDF.type, spec.event_class))
    drop = {t for t in g if t[1] == spec.property or t[0] in events}
    kept = set(g) - drop
    used = {o for s, p, o in kept if s not in events}
    places = {s for s in g.subjects(RDF.type, DIP.Place) if s not in used}
    sentences = {o for _, p, o in drop if p == DIP.evidence} - {o for _, p, o in kept if p == DIP.evidence}
    kept = {t for t in kept if t[0] not in places | sentences}
    describing = {RDF.type, RDFS.label, SKOS.altLabel, DIP.role, DIP.country}
    actors = set(g.subjects(RDF.type, DIP.Actor))
    while True:  # an actor named only by the dropped facts (or by such an actor, as its country)
        used = {s for s, p, _ in kept if p not in describing} | {o for _, p, o in kept if p != RDF.type}
        unused = actors - used
        smaller = {t for t in kept if t[0] not in unused}
        if smaller == kept:
            return kept
        kept = smaller


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path, help="JSON Lines with id and text")
    ap.add_argument("out", type=Path, help="folder for one .ttl per article, and examples.ttl")
    ap.add_argument("--compare", type=Path, help="a folder written earlier by this script")
    ap.add_argument("--ignore", metavar="RELATION",
                    help="compare as sets of triples, leaving out those of this relation (a new one)")
    ap.add_argument("--src-dir", type=Path, default=Path("/tmp/kg-snapshot-articles"),
                    help="where the article texts are written (keep it the same between runs)")
    args = ap.parse_args(argv)
    files = snapshot(args.articles, args.out, args.src_dir)
    print(f"{len(files)} graphs in {args.out}")
    if args.compare and args.ignore:
        names = sorted(p.name for p in args.out.glob("*.ttl"))
        differ = [n for n in names if not (args.compare / n).exists()
                  or without_relation(args.out / n, args.ignore) != without_relation(args.compare / n, args.ignore)]
        print(f"{len(differ)} of {len(files)} differ from {args.compare} apart from {args.ignore}"
              + "".join(f"\n  {n}" for n in differ))
        return 1 if differ else 0
    if args.compare:
        differ = compare(args.out, args.compare)
        print(f"{len(differ)} of {len(files)} differ from {args.compare}" + "".join(f"\n  {n}" for n in differ))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
