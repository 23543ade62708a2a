"""``kg serve GRAPH``: a read-only SPARQL 1.1 Protocol endpoint over a graph file.

A thin layer over :func:`kg.serve.make_server`.
"""
from __future__ import annotations

import argparse
import sys

from kg.commands import positive


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value}")
    return value


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import make_server

    server = make_server(args.graph, args.host, args.port, timeout=args.timeout,
                         max_rows=args.max_rows, allow_update=args.allow_update, workers=args.workers,
                         quiet=args.quiet)
    with server:
        mode = "updates allowed, kept in memory only" if args.allow_update else "read-only"
        print(f"serving {args.graph} ({server.pool.triples} triples, {mode})", file=sys.stderr)
        print(f"SPARQL endpoint: {server.url}", flush=True)
        print(f"query page:      {server.url.rsplit('/', 1)[0]}/", flush=True)
        print("press Ctrl-C to stop", file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    from kg.serve import DEFAULT_HOST, DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_WORKERS

    p = subparsers.add_parser("serve", help="serve a graph as a SPARQL endpoint (read-only) with a query page",
                              description="Serve GRAPH over HTTP: SPARQL 1.1 Protocol queries at /sparql "
                                          "(JSON, XML, CSV, TSV; Turtle for CONSTRUCT/DESCRIBE) and an HTML "
                                          "query page at /.")
    p.add_argument("graph", help="graph file written by kg build (Turtle, TriG, N-Triples, JSON-LD)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT,
                   help=f"port to listen on (default {DEFAULT_PORT}; 0: any free port)")
    p.add_argument("--timeout", type=positive(float), default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop a query after this long and answer 503 (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-rows", type=positive(), default=DEFAULT_MAX_ROWS, metavar="N",
                   help=f"send at most N rows or triples per result (default {DEFAULT_MAX_ROWS})")
    p.add_argument("--workers", type=positive(), default=None, metavar="N",
                   help=f"worker processes that answer queries, each with a copy of the graph "
                        f"(default {DEFAULT_WORKERS}; 1 with --allow-update)")
    p.add_argument("-q", "--quiet", action="store_true", help="no line per request on stderr")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update (changes the graph in memory only; the file is not written)")
    p.set_defaults(func=cmd_serve)
    return p
