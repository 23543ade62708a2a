"""``kg query``: run SPARQL, a query file or a saved query over a graph.

    kg query GRAPH 'SELECT ...'            # SPARQL on the command line
    kg query GRAPH --file q.rq             # a query file (its header declares params)
    kg query GRAPH --name meetings-of --param actor=erdogan
    kg query --list                        # the saved queries and their params
    kg query --store news.db --name who-met-whom        # an Oxigraph store
    kg query --endpoint http://127.0.0.1:7878/query --name who-met-whom
"""
from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from kg.commands import add_source, open_source, positive
from kg.errors import UsageError


def _param(text: str) -> tuple[str, str]:
    """argparse type: ``NAME=VALUE``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise argparse.ArgumentTypeError(f"want NAME=VALUE, not {text!r}")
    return name.strip(), value


def _timeout(text: str) -> float | None:
    """argparse type: seconds above zero, or 0 for no limit."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {text}")
    return value or None


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``kg query`` to ``subparsers``."""
    from kg.sparql import FORMATS

    q = subparsers.add_parser("query", help="run SPARQL or a saved query over a graph",
                              description=textwrap.fill(
                                  "Run a SPARQL query, a query file or a saved query over a graph file, an "
                                  "Oxigraph store or a SPARQL server, with parameter values bound as RDF terms."),
                              epilog="examples:\n" + __doc__.split("\n\n")[1].rstrip().split('"""')[0],
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    add_source(q)
    q.add_argument("sparql", nargs="?", help="a SPARQL query (or use --file / --name)")
    q.add_argument("--file", "-f", metavar="Q.rq", help="read the query from a file")
    q.add_argument("--name", "-n", help="run the saved query of this name (kg query --list shows them)")
    q.add_argument("--param", "-p", action="append", type=_param, default=[], metavar="NAME=VALUE",
                   help="a parameter value, bound as an RDF term (repeatable)")
    q.add_argument("--format", choices=FORMATS, default="table", help="how to print the result (default: table)")
    q.add_argument("--max-width", type=positive(), default=None, metavar="N",
                   help="cut table cells longer than N characters (default: never cut)")
    q.add_argument("--timeout", type=_timeout, default=30.0, metavar="SECONDS",
                   help="stop the query after this many seconds (default 30; 0 for no limit)")
    q.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="what runs the query over a graph FILE: Oxigraph in memory (the default; fast on big "
                        "files) or rdflib (JSON-LD files always use rdflib)")
    q.add_argument("--list", action="store_true", help="list the saved queries and exit")
    q.set_defaults(func=cmd_query)
    return q


def describe_saved() -> str:
    """The ``--list`` text: each saved query with its description and parameters."""
    from kg.sparql import list_saved

    blocks = []
    for sq in list_saved():
        lines = [sq.name, f"    {sq.description}"]
        lines += [f"    --param {p.name}=...  ({p.kind}) {p.meaning}".rstrip() for p in sq.params]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _query_source(args: argparse.Namespace):
    """The query text and its parsed header (None for inline SPARQL)."""
    from kg.sparql import get_saved, parse_saved

    given = [x for x in (args.sparql, args.file, args.name) if x]
    if len(given) != 1:
        raise UsageError("give exactly one query: SPARQL text, --file Q.rq or --name NAME "
                         "(kg query --list shows the saved ones)")
    if args.name:
        saved = get_saved(args.name)
        return saved.text, saved
    if args.file:
        path = Path(args.file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read query file ({exc})") from None
        return text, parse_saved(text, path.stem, path)
    return args.sparql, None


def _open(args: argparse.Namespace):
    """The graph to query: a FILE in an in-memory Oxigraph store when the engine and its format
    allow it, else what :func:`kg.commands.open_source` gives (rdflib for a file)."""
    from kg.oxload import FileStore, oxigraph_format

    alone = args.graph and not (args.store or args.endpoint)
    if alone and getattr(args, "engine", "rdflib") == "oxigraph" and oxigraph_format(args.graph):
        if args.rules:
            from kg.relations import use_relations

            use_relations(args.rules)
        return FileStore(args.graph)
    return open_source(args)


def cmd_query(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kg.sparql import format_result, run

    if args.list:
        sys.stdout.write(describe_saved())
        return 0
    if (args.store or args.endpoint) and args.graph and not args.sparql:
        args.graph, args.sparql = None, args.graph  # kg query --store DIR 'SELECT ...'
    if not (args.graph or args.store or args.endpoint):
        raise UsageError("kg query: give a GRAPH file, --store DIR or --endpoint URL (or --list)")
    text, saved = _query_source(args)
    params = dict(args.param)
    if args.file and not saved.params:
        saved = None  # a query file without '# param:' lines: params bind as strings
    source = _open(args)
    try:
        result = run(source, text, params, saved=saved, timeout=args.timeout)
    finally:
        if not isinstance(source, Graph):
            source.close()
    out = format_result(result, args.format, max_width=args.max_width)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
