"""``kg serve GRAPH`` or ``kg serve --store DIR``: a read-only SPARQL 1.1 Protocol endpoint
over a graph file or an Oxigraph store directory.

A thin layer over :func:`kg.serve.make_server`.
"""
from __future__ import annotations

import argparse
import sys

from kg.commands import flags, positive

# the options of make_server that the server's messages name, as kg serve's flags
SERVER_FLAGS = flags(["timeout", "max_rows", "max_result_mb", "worker_memory", "client_timeout", "max_connections",
                      "allow_hosts", "allow_update", "engine"])


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value}")
    return value


def _megabytes(text: str) -> float:
    """``--worker-memory``: megabytes, 0 for no limit."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or above, not {text}")
    return value


def _host_name(text: str) -> str:
    """``--allow-host``: a host name or address as a Host header gives it (no port, path or user), or ``*``."""
    if text != "*" and (not text.strip() or not text.isprintable() or any(c in text for c in "/@?#\\ ")):
        raise argparse.ArgumentTypeError(f"not a host name: {text!r}")
    return text


def _check_source(args: argparse.Namespace) -> None:
    """Exactly one of GRAPH and --store; --allow-update only with GRAPH."""
    from pathlib import Path

    from kg.errors import UsageError

    if (args.graph is None) == (args.store is None):
        raise UsageError("give one graph to serve: a graph FILE or --store DIR")
    if args.store is not None and args.allow_update:
        raise UsageError("--allow-update cannot be used with --store: a store is served read-only "
                         "(kg build --store DIR writes to it)")
    if args.graph is not None and Path(args.graph).is_dir():
        raise UsageError(f"{args.graph} is a directory; to serve an Oxigraph store give --store {args.graph}")


def _stop_on_sigterm() -> None:
    """``kill PID`` stops the server as Ctrl-C does: workers ended, the pinned snapshot removed."""
    import signal

    def stop(signum, frame) -> None:
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not the main thread (kg serve run from a thread): leave it
        pass


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.errors import printable
    from kg.serve import make_server

    _check_source(args)
    server = make_server(args.graph, args.host, args.port, store=args.store, timeout=args.timeout,
                         max_rows=args.max_rows, allow_update=args.allow_update, workers=args.workers,
                         quiet=args.quiet, max_result_mb=args.max_result_mb, worker_memory=args.worker_memory,
                         client_timeout=args.client_timeout, max_connections=args.max_connections,
                         allow_hosts=args.allow_host, option_names=SERVER_FLAGS, engine=args.engine)
    with server:
        mode = "updates allowed, kept in memory only" if args.allow_update else "read-only"
        served = f"store {args.store}" if args.store else args.graph
        print(f"serving {printable(served)} ({server.pool.triples} triples, {mode}; as it is now: a later "
              "change is not seen until a restart)", file=sys.stderr)
        memory = server.pool.memory_mb
        print(f"limits: {args.timeout:g} s, {args.max_rows} rows and {args.max_result_mb:g} MB per query; "
              + (f"{memory:g} MB per worker beyond the graph" if memory else "no memory limit per worker")
              + f"; {args.max_connections} connections", file=sys.stderr)
        print(f"SPARQL endpoint: {server.url}", flush=True)
        print(f"query page:      {server.url.rsplit('/', 1)[0]}/", flush=True)
        print("press Ctrl-C to stop", file=sys.stderr, flush=True)
        _stop_on_sigterm()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    from kg.serve import (
        DEFAULT_CLIENT_TIMEOUT, DEFAULT_HOST, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_RESULT_MB,
        DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_WORKERS,
    )

    p = subparsers.add_parser("serve", help="serve a graph as a SPARQL endpoint (read-only) with a query page",
                              description="Serve GRAPH, or the Oxigraph store of --store DIR, over HTTP: "
                                          "SPARQL 1.1 Protocol queries at /sparql (JSON, XML, CSV, TSV; "
                                          "Turtle, N-Triples, RDF/XML, JSON-LD for CONSTRUCT/DESCRIBE; "
                                          "406 when the Accept header allows none of them) and an HTML "
                                          "query page at /.")
    p.add_argument("graph", nargs="?",
                   help="graph file written by kg build (Turtle, TriG, N-Triples, JSON-LD), or give --store")
    p.add_argument("--store", metavar="DIR",
                   help="serve the Oxigraph store made by kg build --store DIR (read-only) instead of a file")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT,
                   help=f"port to listen on (default {DEFAULT_PORT}; 0: any free port)")
    p.add_argument("--timeout", type=positive(float), default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop a query after this long and answer 503 (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-rows", type=positive(), default=DEFAULT_MAX_ROWS, metavar="N",
                   help=f"send at most N rows or triples per result (default {DEFAULT_MAX_ROWS})")
    p.add_argument("--workers", type=positive(), default=None, metavar="N",
                   help=f"worker processes that answer queries (default: two per core for a graph file, "
                        f"{DEFAULT_WORKERS} for a store or --engine rdflib, 1 with --allow-update)")
    p.add_argument("--max-result-mb", type=positive(float), default=DEFAULT_MAX_RESULT_MB, metavar="MB",
                   help=f"send at most MB megabytes per response: a longer result is cut between rows, one "
                        f"row longer than that gets 503 (default {DEFAULT_MAX_RESULT_MB:g})")
    p.add_argument("--worker-memory", type=_megabytes, default=None, metavar="MB",
                   help="memory each worker may use beyond the loaded graph; a query that needs more gets 503 "
                        "and the worker is replaced (Linux; default 2048 or less on a small machine; 0: no limit)")
    p.add_argument("--client-timeout", type=positive(float), default=DEFAULT_CLIENT_TIMEOUT, metavar="SECONDS",
                   help="drop a client that takes longer than this to send its request, or stalls this long "
                        f"while sending or reading (default {DEFAULT_CLIENT_TIMEOUT:g})")
    p.add_argument("--max-connections", type=positive(), default=DEFAULT_MAX_CONNECTIONS, metavar="N",
                   help="serve at most N connections at once; beyond, the oldest one still sending its "
                        f"request is dropped, else the new one gets 503 (default {DEFAULT_MAX_CONNECTIONS})")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME", type=_host_name,
                   help="also answer requests whose Host header names NAME (repeatable; * for any); by default "
                        "only the --host address does, and localhost forms on loopback")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no line per request, nor per dropped or vanished client, on stderr")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update on a graph file (changes the graph in memory only; the file "
                        "is not written; refused with --store)")
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="what answers queries over a graph FILE: Oxigraph in memory (the default) or rdflib "
                        "(always with --allow-update; JSON-LD files always use rdflib)")
    p.set_defaults(func=cmd_serve)
    return p
