"""Serve a graph file over HTTP as a read-only SPARQL 1.1 Protocol endpoint.

This is the Python API behind ``kg serve``::

    from kg.serve import make_server
    server = make_server("graph.ttl", "127.0.0.1", 7878, timeout=30, max_rows=10_000)
    try:
        server.serve_forever()          # or in a thread; server.shutdown() stops it
    finally:
        server.server_close()           # closes the socket and ends the worker processes

What it speaks: ``GET /sparql?query=...``, ``POST /sparql`` with a form
(``query=``) or an ``application/sparql-query`` body; the result format comes
from the ``Accept`` header (or a ``format=`` parameter): SPARQL JSON (the
default), SPARQL XML, CSV, TSV, and Turtle / N-Triples / RDF-XML / JSON-LD for
CONSTRUCT and DESCRIBE.  ``/`` is a plain HTML page with a query box and the
saved queries of ``ontology/queries/``; ``format=html`` shows results as an
HTML table.  Every piece of text on the HTML pages is escaped with
:func:`html.escape` (labels come from untrusted articles) and the pages load
nothing from elsewhere (inline CSS only, no scripts, a strict
Content-Security-Policy).

Guards:

* **Read-only** unless ``allow_update=True``: an update sent as ``update=``, as
  ``application/sparql-update`` or disguised as ``query=`` is answered with
  HTTP 403 and the graph is not touched.  With updates allowed they change the
  graph held in memory only (the file is never written); ``LOAD`` is refused
  and a web page on another origin cannot post one (the ``Origin`` header must
  match the host).
* **Time limit**: each query runs in a worker process that holds its own copy
  of the graph.  The request thread waits for the answer at most ``timeout``
  seconds; then the worker is killed, HTTP 503 is sent with a message, and a
  fresh worker is started (in the background) to take its place.  Other
  requests are served meanwhile by the other workers, and the HTML page never
  needs a worker at all.
* **Result cap**: at most ``max_rows`` solutions (SELECT) or triples
  (CONSTRUCT/DESCRIBE) are sent; a cut result carries
  ``X-Result-Truncated: true`` (``false`` otherwise) and ``X-Result-Limit``.
* Workers never reach the network or other files from a query: rdflib's
  loading of ``FROM`` graphs is switched off and an audit hook refuses
  ``SERVICE`` calls (any outgoing URL request or socket connection).
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
"""
from __future__ import annotations

import html
import multiprocessing
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import kg
from kg.errors import KGError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2
MAX_BODY = 1 << 20  # bytes of a POST body
LOAD_TIMEOUT = 600.0  # seconds a worker may take to load the graph
PACKAGE_ROOT = Path(kg.__file__).resolve().parent.parent
QUERY_DIR = PACKAGE_ROOT / "ontology" / "queries"
ENDPOINT = "/sparql"


class ServeError(KGError):
    """The endpoint could not be started (graph unreadable, address in use, bad option)."""

    exit_code = 1


# --------------------------------------------------------------------------- formats

JSON, XML = "application/sparql-results+json", "application/sparql-results+xml"
CSV, TSV = "text/csv", "text/tab-separated-values"
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"
RDFXML, JSONLD, HTML = "application/rdf+xml", "application/ld+json", "text/html"

# media type asked for -> (media type sent, rdflib format name)
RESULT_TYPES = {
    JSON: (JSON, "json"), "application/json": (JSON, "json"),
    XML: (XML, "xml"), "application/xml": (XML, "xml"), "text/xml": (XML, "xml"),
    CSV: (CSV, "csv"), TSV: (TSV, "tsv"), HTML: (HTML, "html"),
}
ASK_TYPES = {k: v for k, v in RESULT_TYPES.items() if v[1] in ("json", "xml", "html")}
GRAPH_TYPES = {
    TURTLE: (TURTLE, "turtle"), "application/turtle": (TURTLE, "turtle"),
    "application/x-turtle": (TURTLE, "turtle"),
    NTRIPLES: (NTRIPLES, "nt"), "text/plain": (NTRIPLES, "nt"),
    RDFXML: (RDFXML, "xml"), "application/xml": (RDFXML, "xml"), "text/xml": (RDFXML, "xml"),
    JSONLD: (JSONLD, "json-ld"), "application/json": (JSONLD, "json-ld"), HTML: (HTML, "html"),
}
# short names accepted in format= / output=
FORMAT_NAMES = {
    "json": "application/json", "srj": JSON, "xml": "application/xml", "srx": XML,
    "csv": CSV, "tsv": TSV, "html": HTML, "turtle": TURTLE, "ttl": TURTLE,
    "nt": NTRIPLES, "ntriples": NTRIPLES, "n-triples": NTRIPLES,
    "rdfxml": RDFXML, "rdf+xml": RDFXML, "json-ld": JSONLD, "jsonld": JSONLD,
}


def parse_accept(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (ties keep their order).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1")
    ['application/sparql-results+json', 'text/csv', '*/*']
    """
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, fields[0].lower()))
    return [media for _q, _i, media in sorted(ranked)]


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> tuple[str, str]:
    """(media type, rdflib format) for a result of ``kind`` (SELECT, ASK, CONSTRUCT, DESCRIBE).

    ``fmt`` (a ``format=`` parameter: a short name or a media type) wins over
    ``accept``; what neither names falls back to SPARQL JSON or Turtle.

    >>> negotiate("SELECT", "text/csv")
    ('text/csv', 'csv')
    >>> negotiate("CONSTRUCT", "application/sparql-results+json")
    ('text/turtle', 'turtle')
    >>> negotiate("SELECT", "text/turtle", "tsv")
    ('text/tab-separated-values', 'tsv')
    """
    table = {"SELECT": RESULT_TYPES, "ASK": ASK_TYPES}.get(kind, GRAPH_TYPES)
    default = table[JSON] if kind in ("SELECT", "ASK") else table[TURTLE]
    wanted = parse_accept(accept)
    if fmt:
        wanted = [FORMAT_NAMES.get(fmt.strip().lower(), fmt.strip().lower())] + wanted
    for media in wanted:
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return default


# --------------------------------------------------------------------------- worker side

def _no_network(event: str, args: tuple) -> None:
    """Audit hook for worker processes: a query may not open URLs or sockets (SERVICE)."""
    if event in ("urllib.Request", "socket.connect", "socket.getaddrinfo"):
        raise PermissionError("this endpoint does not make network requests (SERVICE is not supported)")


def _parse_error(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:299] + "…"


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _html_table(columns: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _tsv(columns: list, rows: list) -> str:
    """SPARQL 1.1 TSV results (rdflib has a TSV parser but no serialiser): terms in N-Triples syntax.

    >>> from rdflib import Literal, URIRef, Variable
    >>> text = _tsv([Variable("a"), Variable("b")], [(URIRef("http://x/1"), Literal("t\\tab")), (None, Literal(2))])
    >>> [line.split("\\t") for line in text.splitlines()]
    [['?a', '?b'], ['<http://x/1>', '"t\\\\tab"'], ['', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>']]
    """
    def term(value) -> str:
        if value is None:
            return ""
        return value.n3().replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")

    lines = ["\t".join(f"?{c}" for c in columns)]
    lines += ["\t".join(term(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def _text(status: int, message: str) -> tuple[int, str, bytes, dict]:
    return status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), {}


def _run_query(graph, text: str, accept: str | None, fmt: str | None, max_rows: int,
               allow_update: bool) -> tuple[int, str, bytes, dict]:
    """Run one query in the worker; (status, content type, body, extra headers)."""
    from rdflib import Graph
    from rdflib.plugins.sparql.processor import prepareQuery
    from rdflib.query import Result

    try:
        prepared = prepareQuery(text, initNs=dict(graph.namespaces()))
    except Exception as exc:
        if _is_update(text):
            if allow_update:
                return _text(400, "this is a SPARQL Update: send it as update= (form) or as "
                                  "application/sparql-update, not as query=")
            return _text(403, "SPARQL Update is refused: this endpoint is read-only")
        return _text(400, f"SPARQL syntax error: {_parse_error(exc)}")
    try:
        result = graph.query(prepared)
        kind = result.type
        media, rdf_format = negotiate(kind, accept, fmt)
        truncated = False
        if kind == "SELECT":
            columns = list(result.vars or [])
            rows = list(islice(result, max_rows + 1))
            truncated = len(rows) > max_rows
            rows = rows[:max_rows]
            if rdf_format == "html":
                shown = [["" if v is None else str(v) for v in row] for row in rows]
                body = _html_table([str(c) for c in columns], shown).encode("utf-8")
            elif rdf_format == "tsv":
                body = _tsv(columns, rows).encode("utf-8")
            else:
                out = Result("SELECT")
                out.vars = columns
                out.bindings = [{v: x for v, x in zip(columns, row) if x is not None} for row in rows]
                body = out.serialize(format=rdf_format, encoding="utf-8")
        elif kind == "ASK":
            if rdf_format == "html":
                body = f"<p>{html.escape(str(bool(result.askAnswer)).lower())}</p>".encode("utf-8")
            else:
                body = result.serialize(format=rdf_format, encoding="utf-8")
        else:  # CONSTRUCT, DESCRIBE
            triples = list(islice(result.graph, max_rows + 1))
            truncated = len(triples) > max_rows
            out_graph = Graph()
            for prefix, ns in graph.namespaces():
                out_graph.bind(prefix, ns, override=True, replace=True)
            for t in triples[:max_rows]:
                out_graph.add(t)
            if rdf_format == "html":
                shown = [[str(x) for x in t] for t in sorted(out_graph)]
                body = _html_table(["subject", "predicate", "object"], shown).encode("utf-8")
            else:
                body = out_graph.serialize(format=rdf_format, encoding="utf-8")
    except PermissionError as exc:
        return _text(400, f"query refused: {exc}")
    except Exception as exc:  # rdflib raises many kinds of evaluation errors
        return _text(400, f"query failed: {type(exc).__name__}: {_parse_error(exc)}")
    charset = "" if media in (JSON, XML, RDFXML, JSONLD, NTRIPLES) else "; charset=utf-8"
    headers = {"X-Result-Truncated": "true" if truncated else "false", "X-Result-Limit": str(max_rows)}
    return 200, media + charset, body, headers


def _run_update(graph, text: str) -> tuple[int, str, bytes, dict]:
    from rdflib.plugins.sparql.parser import parseUpdate
    from rdflib.plugins.sparql.algebra import translateUpdate

    try:
        parsed = translateUpdate(parseUpdate(text), initNs=dict(graph.namespaces()))
    except Exception as exc:
        return _text(400, f"SPARQL Update syntax error: {_parse_error(exc)}")
    if any(getattr(op, "name", "") == "Load" for op in parsed.algebra):
        return _text(403, "LOAD is refused: this endpoint does not read other files or URLs")
    try:
        graph.update(parsed)
    except Exception as exc:
        return _text(400, f"update failed: {type(exc).__name__}: {_parse_error(exc)}")
    return _text(200, f"update done; the graph has {len(graph)} triples")


def _worker_stdio(fd: int) -> None:
    """Entry point of a POSIX worker: ``fd`` is its end of the socket pair.

    Ctrl-C is left to the parent, which stops its workers itself.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    try:
        graph_path, updates = conn.recv()
    except (EOFError, OSError):
        return
    _worker_main(conn, graph_path, updates)


def _worker_main(conn, graph_path: str, updates: list[str]) -> None:
    """A worker process: load the graph, replay updates, then answer requests until told to stop."""
    try:
        import rdflib.plugins.sparql as rdflib_sparql

        from kg.build import load_graph

        rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> must not fetch anything
        graph = load_graph(graph_path)
        for text in updates:
            graph.update(text)
        len(graph)
        sys.addaudithook(_no_network)
    except BaseException as exc:  # report anything, the parent turns it into ServeError
        conn.send(("error", str(exc) or type(exc).__name__))
        return
    conn.send(("ready", len(graph)))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if msg is None:
            return
        op, text, accept, fmt, max_rows, allow_update = msg
        try:
            if op == "update":
                reply = _run_update(graph, text)
            else:
                reply = _run_query(graph, text, accept, fmt, max_rows, allow_update)
        except BaseException as exc:  # never leave the parent waiting
            reply = _text(500, f"internal error: {type(exc).__name__}: {exc}")
        reply = (*reply, len(graph)) if op == "update" else reply
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


# --------------------------------------------------------------------------- parent side

class _Worker:
    """One worker process and the parent's end of its pipe.

    On POSIX the worker is a plain ``python -c`` child talking over a socket
    pair (a :class:`multiprocessing.connection.Connection`): unlike
    multiprocessing's ``spawn``, this never re-runs the caller's ``__main__``
    (a script or notebook without an ``if __name__ == "__main__"`` guard), and
    unlike ``fork`` it is safe in a process that already runs threads.
    """

    def __init__(self, graph_path: str, updates: list[str]) -> None:
        self.triples = 0
        if os.name == "posix":
            ours, theirs = socket.socketpair()
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
            code = f"from kg.serve import _worker_stdio; _worker_stdio({theirs.fileno()})"
            try:
                self.proc = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()],
                                             stdin=subprocess.DEVNULL, env=env, close_fds=True)
            finally:
                theirs.close()
            self.conn = Connection(ours.detach())
            self.conn.send((graph_path, updates))
        else:  # Windows: multiprocessing's spawn (needs the __main__ guard there)
            ctx = multiprocessing.get_context("spawn")
            self.conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=_worker_main, args=(child, graph_path, updates),
                                    name="kg-serve-worker", daemon=True)
            self.proc.start()
            child.close()

    def _alive(self) -> bool:
        if isinstance(self.proc, subprocess.Popen):
            return self.proc.poll() is None
        return self.proc.is_alive()

    def _join(self, timeout: float) -> None:
        if isinstance(self.proc, subprocess.Popen):
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        else:
            self.proc.join(timeout)

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise ServeError(f"loading the graph took longer than {timeout:.0f} s")
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise ServeError("the worker process ended while loading the graph") from None
        if status != "ready":
            self.kill()
            raise ServeError(str(value))
        self.triples = value

    def call(self, msg: tuple, timeout: float):
        """The worker's reply, None on timeout; raises EOFError/OSError when the worker died."""
        self.conn.send(msg)
        if not self.conn.poll(max(timeout, 0.0)):
            return None
        return self.conn.recv()

    def kill(self) -> None:
        if self._alive():
            self.proc.kill()
        self._join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self._join(2)
        self.kill()


class WorkerPool:
    """Worker processes, each holding the graph; a query that runs too long kills its worker."""

    def __init__(self, graph_path: str | os.PathLike, size: int = DEFAULT_WORKERS) -> None:
        self.graph_path = os.fspath(graph_path)
        self.size = size
        self.updates: list[str] = []  # applied updates, replayed by replacement workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        first = self._spawn()
        try:
            first.wait_ready(LOAD_TIMEOUT)
        except BaseException:
            self.close()
            raise
        self.triples = first.triples
        self._idle.put(first)
        for _ in range(size - 1):
            self._replace()

    def _spawn(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise ServeError("the server is shutting down")
            worker = _Worker(self.graph_path, list(self.updates))
            self._live.add(worker)
            return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        worker.kill()

    def _replace(self) -> None:
        """Start a new worker in the background; it joins the idle queue once loaded."""

        def start() -> None:
            try:
                worker = self._spawn()
            except ServeError:
                return
            try:
                worker.wait_ready(LOAD_TIMEOUT)
            except ServeError as exc:
                print(f"kg serve: a worker failed to start: {exc}", file=sys.stderr)
                self._retire(worker)
                return
            with self._lock:
                closed = self._closed
            if closed:
                self._retire(worker)
            else:
                self._idle.put(worker)

        threading.Thread(target=start, name="kg-serve-spawn", daemon=True).start()

    def run(self, msg: tuple, timeout: float) -> tuple:
        """Send ``msg`` to an idle worker; (status, content type, body, headers[, triples])."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _text(503, f"the server is busy: no worker became free within {timeout:g} s; "
                              "try again later")
        try:
            reply = worker.call(msg, deadline - time.monotonic())
        except (EOFError, OSError, ValueError):
            self._retire(worker)
            self._replace()
            return _text(500, "the query process ended unexpectedly (out of memory?); "
                              "a new one is starting")
        if reply is None:
            self._retire(worker)
            self._replace()
            return _text(503, f"query timed out: it ran longer than the limit of {timeout:g} s "
                              "and was stopped (see --timeout)")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
        for worker in workers:
            worker.stop()


# --------------------------------------------------------------------------- HTML

STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
textarea{width:100%;font-family:monospace;font-size:0.9em}
pre{background:#f4f4f4;padding:0.6em;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:0.2em 0.5em;text-align:left}
.note{color:#8a4b00}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"
EXAMPLE_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 25"""
FORMAT_CHOICES = [("html", "HTML table"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"),
                  ("csv", "CSV"), ("tsv", "TSV"), ("turtle", "Turtle (CONSTRUCT/DESCRIBE)")]


def saved_queries(directory: Path = QUERY_DIR) -> list[tuple[str, str, str]]:
    """(name, description, text) of each ``.rq`` file; the description is its leading ``#`` lines."""
    found = []
    for path in sorted(directory.glob("*.rq")) if directory.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("#").strip())
        found.append((path.stem, " ".join(c for c in comments if c), text))
    return found


def render_page(*, graph_name: str, triples: int, read_only: bool, timeout: float, max_rows: int,
                query: str = "", results: str = "", note: str = "") -> str:
    """The HTML page: query form, optional results (already-escaped HTML), saved queries.

    Everything taken from outside (file names, query text, notes) is escaped here.
    """
    e = html.escape
    options = "".join(f'<option value="{e(v)}">{e(label)}</option>' for v, label in FORMAT_CHOICES)
    mode = "read-only" if read_only else "updates allowed (POST update=)"
    summary = (f"Graph {graph_name}: {triples} triples; {mode}; time limit {timeout:g} s; "
               f"at most {max_rows} rows per result. SPARQL 1.1 Protocol endpoint: {ENDPOINT}")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e('kg SPARQL endpoint: ' + graph_name)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{e('kg SPARQL endpoint')}</h1>",
        f"<p>{e(summary)}</p>",
        f'<form action="{ENDPOINT}" method="get">',
        f'<p><textarea name="query" rows="12" cols="100">{e(query or EXAMPLE_QUERY)}</textarea></p>',
        f'<p><label>{e("Result format:")} <select name="format">{options}</select></label> ',
        f'<button type="submit">{e("Run (GET)")}</button> ',
        f'<button type="submit" formmethod="post">{e("Run (POST)")}</button></p></form>',
    ]
    if note:
        parts.append(f'<p class="note">{e(note)}</p>')
    if results:
        parts += [f"<h2>{e('Results')}</h2>", results]
    parts.append(f"<h2>{e('Saved queries')}</h2>")
    queries = saved_queries()
    if not queries:
        parts.append(f"<p>{e('none found in ' + str(QUERY_DIR))}</p>")
    for name, description, text in queries:
        parts += [
            f"<h3>{e(name)}</h3>", f"<p>{e(description)}</p>", f"<pre>{e(text)}</pre>",
            f'<form action="{ENDPOINT}" method="get"><input type="hidden" name="query" value="{e(text)}">',
            '<input type="hidden" name="format" value="html">',
            f'<button type="submit">{e("Run " + name)}</button></form>',
        ]
    parts.append("</body></html>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- HTTP

class _Handler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    server_version = f"kg-serve/{kg.__version__}"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        if not self.server.quiet:
            super().log_message(format, *args)

    # -- responses
    def _send(self, status: int, content_type: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if content_type.startswith(HTML):
            self.send_header("Content-Security-Policy", CSP)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(*_text(status, message))

    def _page(self, **kwargs) -> None:
        s = self.server
        page = render_page(graph_name=Path(s.graph_path).name, triples=s.pool.triples,
                           read_only=not s.allow_update, timeout=s.query_timeout,
                           max_rows=s.max_rows, **kwargs)
        self._send(200, "text/html; charset=utf-8", page.encode("utf-8"))

    # -- methods
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ("/", ENDPOINT):
            return self._error(404, f"not found: {url.path}; the SPARQL endpoint is {ENDPOINT}")
        try:
            params = parse_qs(url.query, keep_blank_values=True, strict_parsing=False, errors="strict")
        except UnicodeDecodeError:
            return self._error(400, "the query string is not valid UTF-8")
        if "update" in params:
            if not self.server.allow_update:
                return self._error(403, "SPARQL Update is refused: this endpoint is read-only")
            return self._error(405, "SPARQL Update must be sent with POST")
        if "query" not in params:
            if url.path == "/":
                return self._page()
            return self._error(400, "missing query= parameter (a query form is at /)")
        self._dispatch(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ("/", ENDPOINT):
            return self._error(404, f"not found: {url.path}; the SPARQL endpoint is {ENDPOINT}")
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            return self._error(411, "a POST needs a Content-Length header")
        if int(length) > MAX_BODY:
            return self._error(413, f"request body over {MAX_BODY} bytes")
        raw = self.rfile.read(int(length))
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            body = raw.decode("utf-8")
            params = parse_qs(url.query, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return self._error(400, "the request is not valid UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body, keep_blank_values=True, errors="strict")
            except UnicodeDecodeError:
                return self._error(400, "the form is not valid UTF-8")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            update = params.get("update", [None])[0]
        elif ctype == "application/sparql-query":
            params["query"] = [body]
            update = None
        elif ctype == "application/sparql-update":
            update = body
        else:
            return self._error(415, "send application/x-www-form-urlencoded, application/sparql-query "
                                    "or application/sparql-update")
        if update is not None:
            if "query" in params:
                return self._error(400, "send either query= or update=, not both")
            return self._update(update)
        if "query" not in params:
            return self._error(400, "missing query= (a query form is at /)")
        self._dispatch(params)

    def _dispatch(self, params: dict) -> None:
        s = self.server
        if len(params["query"]) != 1:
            return self._error(400, "send exactly one query= parameter")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._error(400, "default-graph-uri and named-graph-uri are not supported: "
                                    "this endpoint serves one graph")
        query = params["query"][0]
        if not query.strip():
            return self._error(400, "the query is empty")
        fmt = (params.get("format") or params.get("output") or [None])[0]
        reply = s.pool.run(("query", query, self.headers.get("Accept"), fmt, s.max_rows,
                            s.allow_update), s.query_timeout)
        status, content_type, body, headers = reply[:4]
        if content_type.startswith(HTML):
            note = ""
            if headers.get("X-Result-Truncated") == "true":
                note = f"Result cut to the first {s.max_rows} rows (--max-rows)."
            return self._page(query=query, results=body.decode("utf-8"), note=note)
        self._send(status, content_type, body, headers)

    def _update(self, text: str) -> None:
        s = self.server
        if not s.allow_update:
            return self._error(403, "SPARQL Update is refused: this endpoint is read-only "
                                    "(start kg serve with --allow-update to allow it)")
        origin = self.headers.get("Origin")
        if origin and urlsplit(origin).netloc != (self.headers.get("Host") or ""):
            return self._error(403, "SPARQL Update from another web origin is refused")
        with s.update_lock:
            reply = s.pool.run(("update", text, None, None, s.max_rows, True), s.query_timeout)
            if reply[0] == 200:
                s.pool.updates.append(text)
                s.pool.triples = reply[4]
        self._send(*reply[:4])


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server answering SPARQL queries with a pool of worker processes.

    ``serve_forever()`` serves, ``shutdown()`` (from another thread) stops
    serving, ``server_close()`` frees the port and ends the workers; use it as
    a context manager to get the last for free.
    """

    daemon_threads = True

    def __init__(self, graph_path: str | os.PathLike, host: str, port: int, *, timeout: float,
                 max_rows: int, allow_update: bool = False, workers: int = DEFAULT_WORKERS,
                 quiet: bool = False) -> None:
        self.graph_path = os.fspath(graph_path)
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.allow_update = allow_update
        self.quiet = quiet
        self.update_lock = threading.Lock()
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        try:
            self.pool = WorkerPool(self.graph_path, workers)
        except BaseException:
            self.socket.close()
            raise

    @property
    def url(self) -> str:
        """The SPARQL endpoint's URL, e.g. ``http://127.0.0.1:7878/sparql``."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}{ENDPOINT}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(graph_path: str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                allow_update: bool = False, workers: int | None = None,
                quiet: bool = False) -> SparqlServer:
    """A :class:`SparqlServer` for ``graph_path``, listening on ``host:port`` (0: any free port).

    The graph is loaded (by the first worker) before this returns, so a bad
    file raises :class:`ServeError` here.  ``workers`` processes (default 2; 1
    when updates are allowed, so that all queries see them) answer queries.
    """
    if timeout <= 0:
        raise ServeError(f"timeout must be above zero, not {timeout}")
    if max_rows <= 0:
        raise ServeError(f"max_rows must be above zero, not {max_rows}")
    path = Path(graph_path)
    if not path.is_file():
        raise ServeError(f"{graph_path}: no such file")
    if workers is None:
        workers = 1 if allow_update else DEFAULT_WORKERS
    if allow_update and workers != 1:
        raise ServeError("with updates allowed the server uses one worker process")
    if workers < 1:
        raise ServeError(f"workers must be at least 1, not {workers}")
    return SparqlServer(path, host, port, timeout=timeout, max_rows=max_rows,
                        allow_update=allow_update, workers=workers, quiet=quiet)


def query_url(server: SparqlServer, query: str, **params: str) -> str:
    """A GET URL for ``query`` on ``server`` (handy in notebooks)."""
    return f"{server.url}?{urlencode({'query': query, **params})}"
