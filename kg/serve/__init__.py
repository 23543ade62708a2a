"""Serve a graph file or an Oxigraph store over HTTP as a read-only SPARQL 1.1 Protocol endpoint.

This is the Python API behind ``kg serve``::

    from kg.serve import make_server
    server = make_server("graph.ttl", "127.0.0.1", 7878, timeout=30, max_rows=10_000)
    # or: make_server(store="news.db", port=7878)    -- an Oxigraph store made by kg build --store
    try:
        server.serve_forever()          # or in a thread; server.shutdown() stops it
    finally:
        server.server_close()           # closes the socket and ends the worker processes

What it speaks: ``GET /sparql?query=...``, ``POST /sparql`` with a form
(``query=``) or an ``application/sparql-query`` body; the result format comes
from the ``Accept`` header (or a ``format=`` parameter, which wins): SPARQL
JSON (the default), SPARQL XML, CSV and TSV for SELECT (JSON and XML for ASK),
and Turtle (the default) / N-Triples / RDF-XML / JSON-LD for CONSTRUCT and
DESCRIBE. A request that accepts none of the formats of its query form gets
HTTP 406 with the list of those formats (:mod:`kg.serve.formats` has the
rules). ``/`` is a plain HTML page with a query box and the saved queries of
``ontology/queries/``; ``format=html`` shows results as an HTML table. Every
piece of text on the HTML pages is escaped with :func:`html.escape` (labels
come from untrusted articles) and the pages load nothing from elsewhere (inline
CSS only, no scripts, a strict Content-Security-Policy).

Guards:

* **Read-only** unless ``allow_update=True`` (never for a store): an update
  sent as ``update=``, as ``application/sparql-update`` or disguised as
  ``query=`` is answered with HTTP 403 and the graph is not touched. With
  updates allowed they change the graph held in memory only (the file is never
  written); ``LOAD`` is refused and a web page on another origin cannot post
  one (the ``Origin`` header must match the host).
* **Time limit**: each query runs in a worker process that holds its own copy
  of the graph: a graph file loaded into Oxigraph in memory, where queries run
  on Oxigraph's engine (into rdflib when updates are allowed, or for JSON-LD);
  for a store, its own read-only handle on a checkpoint of the store taken at
  start (what a ``kg build`` writes meanwhile is seen after a restart of the
  server). A request
  waits for a free worker at most ``QUEUE_TIMEOUT`` (30 s) or
  ``timeout`` if longer (else HTTP 503 "busy"); the query then runs at most
  ``timeout`` seconds (the wait is not counted); then the worker is killed,
  HTTP 503 is sent with a message, and a fresh worker is started (in the
  background) to take its place. Other requests are served meanwhile by the
  other workers, and the HTML page never needs a worker at all.
* **Result cap**: at most ``max_rows`` solutions (SELECT) or triples
  (CONSTRUCT/DESCRIBE) and ``max_result_mb`` megabytes are sent; a cut result
  carries ``X-Result-Truncated: true`` (``false`` otherwise),
  ``X-Result-Limit``, ``X-Result-Byte-Limit`` and ``X-Result-Count``; one row
  over the byte cap is HTTP 503 (:mod:`kg.serve.output`).
* **Memory**: each worker caps its address space once loaded, at what it uses
  plus ``worker_memory`` MB; a query over it gets 503 and the worker is
  replaced (:mod:`kg.serve.workers`).
* **Connections**: at most ``max_connections`` at once, each must send its
  request within ``client_timeout`` seconds and may not stall longer while
  reading; a client that hangs up is one log line (:mod:`kg.serve.connections`).
* **Host and Origin**: only requests whose ``Host`` names the server (or one of
  ``allow_hosts``) are answered, and an update's ``Origin`` must match by
  scheme, host and port (:mod:`kg.serve.hosts`: DNS rebinding).
* **One graph version**: every worker loads a snapshot pinned at start
  (:mod:`kg.serve.snapshot`); a worker that cannot start is retried.
* **Safe output**: an IRI that would break the document it is written into
  (a datatype IRI with ``">`` in RDF/XML, say) is refused with 400 in every
  format (:mod:`kg.serve.output`).
* Workers never reach the network or other files from a query: a query
  calling ``SERVICE`` is refused with HTTP 400 before it runs
  (:mod:`kg.guard`; Oxigraph would make the request itself), an audit
  hook refuses any outgoing URL request or socket connection from Python, and
  ``FROM`` loads nothing: rdflib's loading of ``FROM`` graphs is switched off,
  and Oxigraph reads ``FROM`` / ``FROM NAMED`` as graphs of the store (a file
  in memory has none: its triples are all in the default graph).
* Bound to 127.0.0.1 unless told otherwise; request bodies above 1 MB are refused.

Why not a library: ``rdflib-endpoint`` 0.6.3 (FastAPI) was the candidate.  It
does refuse updates (403 unless ``enable_update``), but it runs each query
inside its async request handler, in the server process, with no time limit
(a slow query blocks the event loop, so the whole server stops answering and
the query cannot be stopped), has no result cap, and its HTML page loads YASGUI
from a CDN (unpkg.com).  Adding a time limit would mean wrapping its router in
our own process pool anyway, and it would bring FastAPI, Starlette, pydantic
and uvicorn along.  The standard library's :class:`ThreadingHTTPServer` with
rdflib's own result serialisers covers the protocol in a few hundred lines and
adds no dependency.

Modules: :mod:`kg.serve.formats` (result formats, Accept negotiation),
:mod:`kg.guard` (the ``SERVICE`` check), :mod:`kg.serve.protocol`
(settings, running a query or update, result serialisation),
:mod:`kg.serve.output` (safe terms, the byte cap), :mod:`kg.serve.sources`
(a graph file or a store, as a worker holds it), :mod:`kg.serve.snapshot`
(the pinned copy), :mod:`kg.serve.workers` (the worker processes and their
pool), :mod:`kg.serve.hosts` (Host and Origin), :mod:`kg.serve.connections`
(the connection bound and deadlines),
:mod:`kg.serve.page` (the HTML page and saved queries), :mod:`kg.serve.server`
(the HTTP handler, :class:`SparqlServer`, :func:`make_server`).  Everything
public is re-exported here.
"""
from __future__ import annotations

from kg.errors import NotAcceptable, ServeError
from kg.serve.formats import (
    ASK_TYPES, CSV, FORMAT_NAMES, GRAPH_TYPES, HTML, JSON, JSONLD, NTRIPLES, RDFXML, RESULT_TYPES, TSV,
    TURTLE, XML, negotiate, offers, parse_accept,
)
from kg.serve.page import CSP, EXAMPLE_QUERY, FORMAT_CHOICES, STYLE, render_page, saved_queries
from kg.serve.protocol import (
    DEFAULT_CLIENT_TIMEOUT, DEFAULT_HOST, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_RESULT_MB, DEFAULT_MAX_ROWS,
    DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_WORKERS, ENDPOINT, LOAD_TIMEOUT, MAX_BODY, PACKAGE_ROOT,
    QUEUE_TIMEOUT,
)
from kg.serve.server import SparqlServer, default_worker_memory, make_server, query_url
from kg.serve.workers import WorkerPool
from kg.sparql import QUERY_DIR

__all__ = [
    "ASK_TYPES", "CSP", "CSV", "DEFAULT_CLIENT_TIMEOUT", "DEFAULT_HOST", "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_MAX_RESULT_MB", "DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_WORKERS", "ENDPOINT",
    "EXAMPLE_QUERY", "FORMAT_CHOICES", "FORMAT_NAMES", "GRAPH_TYPES", "HTML", "JSON", "JSONLD", "LOAD_TIMEOUT",
    "MAX_BODY", "NTRIPLES", "PACKAGE_ROOT", "QUERY_DIR", "QUEUE_TIMEOUT", "RDFXML", "RESULT_TYPES", "STYLE",
    "TSV", "TURTLE", "XML", "NotAcceptable", "ServeError", "SparqlServer", "WorkerPool", "default_worker_memory",
    "make_server", "negotiate", "offers", "parse_accept", "query_url", "render_page", "saved_queries",
]
