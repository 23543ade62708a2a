"""The HTTP side of :mod:`kg.serve`: the request handler, :class:`SparqlServer` and
:func:`make_server` (for a graph file or an Oxigraph store directory)."""
from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import kg
from kg.serve.page import CSP, render_page
from kg.serve.protocol import (DEFAULT_HOST, DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_WORKERS,
                               ENDPOINT, HTML, MAX_BODY, ServeError, _text)
from kg.serve.sources import check_store_dir
from kg.serve.workers import WorkerPool


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
                           max_rows=s.max_rows, source="Store" if s.store else "Graph", **kwargs)
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
            why = "a store is served read-only" if s.store else "start kg serve with --allow-update to allow it"
            return self._error(403, f"SPARQL Update is refused: this endpoint is read-only ({why})")
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
    # connections the kernel holds until the accept loop takes them; socketserver's 5
    # reset or stalled a burst of 20 clients
    request_queue_size = 128

    def __init__(self, graph_path: str | os.PathLike, host: str, port: int, *, timeout: float,
                 max_rows: int, allow_update: bool = False, workers: int = DEFAULT_WORKERS,
                 quiet: bool = False, store: bool = False) -> None:
        if store and allow_update:
            raise ServeError("updates cannot be allowed on a store: it is served read-only")
        self.graph_path = os.fspath(graph_path)  # the graph file, or the store directory
        self.store = store
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
            self.pool = WorkerPool(self.graph_path, workers, kind="store" if store else "file")
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


def make_server(graph_path: str | os.PathLike | None = None, host: str = DEFAULT_HOST,
                port: int = DEFAULT_PORT, *, store: str | os.PathLike | None = None,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                allow_update: bool = False, workers: int | None = None,
                quiet: bool = False) -> SparqlServer:
    """A :class:`SparqlServer` for the graph file ``graph_path`` or the Oxigraph store
    directory ``store`` (exactly one), listening on ``host:port`` (0: any free port).

    The graph is loaded, or the store opened, by the first worker before this
    returns, so a bad file or directory raises :class:`ServeError` here.
    ``workers`` processes (default 2; 1 when updates are allowed, so that all
    queries see them) answer queries.  A store is served read-only: its workers
    open it with Oxigraph's read-only mode, beside a running ``kg build``, and
    run queries on Oxigraph's engine; ``allow_update`` is refused with it.
    """
    if (graph_path is None) == (store is None):
        raise ServeError("give one graph to serve: a graph file or a store directory")
    if store is not None and allow_update:
        raise ServeError(f"{store}: a store is served read-only; updates cannot be allowed")
    if timeout <= 0:
        raise ServeError(f"timeout must be above zero, not {timeout}")
    if max_rows <= 0:
        raise ServeError(f"max_rows must be above zero, not {max_rows}")
    if store is not None:
        path = check_store_dir(store)
    else:
        path = Path(graph_path)
        if path.is_dir():
            raise ServeError(f"{graph_path}: is a directory, not a graph file (an Oxigraph store "
                             "is served as a store)")
        if not path.is_file():
            raise ServeError(f"{graph_path}: no such file")
    if workers is None:
        workers = 1 if allow_update else DEFAULT_WORKERS
    if allow_update and workers != 1:
        raise ServeError("with updates allowed the server uses one worker process")
    if workers < 1:
        raise ServeError(f"workers must be at least 1, not {workers}")
    return SparqlServer(path, host, port, timeout=timeout, max_rows=max_rows, allow_update=allow_update,
                        workers=workers, quiet=quiet, store=store is not None)


def query_url(server: SparqlServer, query: str, **params: str) -> str:
    """A GET URL for ``query`` on ``server`` (handy in notebooks)."""
    return f"{server.url}?{urlencode({'query': query, **params})}"
