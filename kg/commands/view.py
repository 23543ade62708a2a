"""``kg view``: write the actor network as one interactive HTML page.

The page is self-contained (vis-network inlined, nothing fetched from the
network): the actor network and the event network, laid out before display;
a time range with a play button; filters for relation, country and actor
kind; a timeline panel per actor; PNG and CSV exports.  ``--actor NAME --depth N`` shows one
actor's neighbourhood; ``--relation``, ``--since`` and ``--until`` pick the
facts; past ``--max-nodes`` the most connected actors are kept.  See
:mod:`kg.view`.
"""
from __future__ import annotations

import argparse
import sys

from kg import relations as registry
from kg.commands import add_source, load_source, positive
from kg.errors import printable


def _depth(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or more, not {text}")
    return value


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``view`` to ``subparsers`` (from ``ArgumentParser.add_subparsers``)."""
    from kg.view import DEFAULT_MAX_NODES

    p = subparsers.add_parser("view", help="write an interactive HTML view of the actor network",
                              description="Write the actor network as one self-contained HTML page that works "
                                          "offline: the actor and event networks, facts with their evidence, a time "
                                          "range, filters, actors' timelines and exports.")
    add_source(p)
    p.add_argument("-o", "--output", default="graph.html", metavar="FILE",
                   help="HTML file to write (default graph.html)")
    p.add_argument("--actor", metavar="NAME", help="show only this actor's neighbourhood")
    p.add_argument("--depth", type=_depth, default=1, metavar="N",
                   help="hops around --actor (default 1)")
    p.add_argument("--relation", "--relations", dest="relations", default=None, metavar="LIST",
                   help="comma-separated relations to show (default all: "
                        f"{','.join(registry.names())})")
    p.add_argument("--since", metavar="DATE", help="only facts dated on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="only facts dated on or before DATE (YYYY-MM-DD)")
    p.add_argument("--max-nodes", type=positive(), default=DEFAULT_MAX_NODES, metavar="N",
                   help=f"keep the N most connected actors (default {DEFAULT_MAX_NODES})")
    p.add_argument("--title", default=None, help="the page's heading (default: the graph's dataset title, else its number of "
                        "articles and their dates)")
    p.set_defaults(func=cmd_view)
    return p


def cmd_view(args: argparse.Namespace) -> int:
    from kg.view import write_html

    graph = load_source(args)
    path = write_html(args.output, graph, actor=args.actor, depth=args.depth, relations=args.relations,
                      since=args.since, until=args.until, max_nodes=args.max_nodes,
                      title=args.title or None,
                      note=lambda text: print(f"note: {printable(text)}", file=sys.stderr))
    print(printable(path))
    return 0
