"""The HTTP side of :mod:`kg.serve`: the request handler, :class:`SparqlServer` and
:func:`make_server` (for a graph file or an Oxigraph store directory)."""
from __future__ import annotations

import errno
import os
import sys
import threading
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from kg.errors import ServeError, UsageError, printable, reword
from kg.serve.connections import Connections, HandlerThreads, refuse
from kg.serve.hosts import HostPolicy
from kg.serve.page import CSP, render_page
from kg.serve.protocol import (
    DEFAULT_CLIENT_TIMEOUT, DEFAULT_HOST, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_RESULT_MB, DEFAULT_MAX_ROWS,
    DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_WORKERS, ENDPOINT, HTML, MAX_BODY, default_workers, text_reply,
)
from kg.serve.sources import check_store_dir
from kg.serve.workers import WorkerPool
from kg.version import VERSION

CHUNK = 1 << 16  # bytes written at a time; each write must finish within the client timeout
GONE = (errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.ENOTCONN, errno.EBADF)


def default_worker_memory(workers: int) -> float:
    """MB each worker may use beyond its graph when not told: 2048, or less on a small machine, so
    that all workers together stay within half of the physical memory (at least 256 MB each).

    >>> 256 <= default_worker_memory(2) <= 2048
    True
    """
    try:
        total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / (1 << 20)
    except (AttributeError, ValueError, OSError):
        return 2048.0
    return float(max(256, min(2048, int(total_mb / 2 / max(workers, 1)))))


# --------------------------------------------------------------------------- HTTP

class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"kg-serve/{VERSION}"

    def setup(self) -> None:
        self.timeout = self.server.client_timeout  # each read, and each CHUNK written
        super().setup()

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            self.server.log(f"{self.address_string()} - - [{self.log_date_time_string()}] "
                            f"{printable(format % args)}")

    def _request_read(self) -> None:
        self.server.connections.answering(self.connection)

    def _host_refused(self) -> bool:
        """Answer 403 and return True if the Host header does not name this server."""
        why = self.server.hosts.host_refusal(self.headers.get("Host"))
        if why:
            self._error(403, self.server.worded(why, "allow_hosts"))
        return why is not None

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
            for start in range(0, len(body), CHUNK):
                self.wfile.write(body[start:start + CHUNK])

    def _error(self, status: int, message: str) -> None:
        self._send(*text_reply(status, message))

    def _page(self, **kwargs) -> None:
        s = self.server
        page = render_page(graph_name=Path(s.graph_path).name, triples=s.pool.triples,
                           read_only=not s.allow_update, timeout=s.query_timeout,
                           max_rows=s.max_rows, source="Store" if s.store else "Graph", **kwargs)
        self._send(200, "text/html; charset=utf-8", page.encode("utf-8"))

    # -- methods
    def do_GET(self) -> None:
        self._request_read()
        if self._host_refused():
            return
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
        if self._host_refused():
            return
        url = urlsplit(self.path)
        if url.path not in ("/", ENDPOINT):
            return self._error(404, f"not found: {url.path}; the SPARQL endpoint is {ENDPOINT}")
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            return self._error(411, "a POST needs a Content-Length header")
        if int(length) > MAX_BODY:
            return self._error(413, f"request body over {MAX_BODY} bytes")
        raw = self.rfile.read(int(length))
        if len(raw) < int(length):  # the client went away, or was dropped for being slow
            self.close_connection = True
            return self.log_message("%s", f"gave up on a request body: {len(raw)} of {length} bytes came")
        self._request_read()
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
                            s.allow_update, s.max_bytes), s.query_timeout)
        status, content_type, body, headers = reply[:4]
        if content_type.startswith(HTML):
            note = ""
            if headers.get("X-Result-Truncated") == "true":
                note = s.worded(f"Result cut to the first {headers.get('X-Result-Count', s.max_rows)} rows "
                                f"(max_rows={s.max_rows}, max_result_mb={s.max_bytes / (1 << 20):g}).",
                                "max_rows", "max_result_mb")
            return self._page(query=query, results=body.decode("utf-8"), note=note)
        self._send(status, content_type, body, headers)

    def _update(self, text: str) -> None:
        s = self.server
        if not s.allow_update:
            why = "a store is served read-only" if s.store else "serve it with allow_update=True to allow it"
            return self._error(403, s.worded(f"SPARQL Update is refused: this endpoint is read-only ({why})",
                                             "allow_update"))
        why = s.hosts.origin_refusal(self.headers.get("Origin"), self.headers.get("Host"))
        if why:
            return self._error(403, why)
        with s.update_lock:
            reply = s.pool.run(("update", text, None, None, s.max_rows, True, s.max_bytes), s.query_timeout)
            if reply[0] == 200:
                s.pool.updates.append(text)
                s.pool.triples = reply[4]
        self._send(*reply[:4])


def _kind(store, allow_update: bool, engine: str) -> str:
    """What the workers load: the store, a file into Oxigraph (read-only), or a file into rdflib
    (asked for, or whose copy in memory takes the allowed updates)."""
    if store:
        return "store"
    return "file" if allow_update or engine == "rdflib" else "memory"


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server answering SPARQL queries with a pool of worker processes.

    ``serve_forever()`` serves, ``shutdown()`` (from another thread) stops
    serving, ``server_close()`` frees the port and ends the workers; use it as
    a context manager to get the last for free.  Messages (to clients and in the
    log) name its options as ``option_names`` says, by default as the
    parameters of :func:`make_server` (``max_rows=``); ``kg serve`` gives its flags.
    """

    daemon_threads = True
    # connections the kernel holds until the accept loop takes them; socketserver's 5
    # reset or stalled a burst of 20 clients
    request_queue_size = 128

    def __init__(self, graph_path: str | os.PathLike, host: str, port: int, *, timeout: float,
                 max_rows: int, allow_update: bool = False, workers: int = DEFAULT_WORKERS,
                 quiet: bool = False, store: bool = False, max_result_mb: float = DEFAULT_MAX_RESULT_MB,
                 worker_memory: float | None = None, client_timeout: float = DEFAULT_CLIENT_TIMEOUT,
                 max_connections: int = DEFAULT_MAX_CONNECTIONS, allow_hosts: Iterable[str] = (),
                 option_names: Mapping[str, str] | None = None, engine: str = "oxigraph") -> None:
        if store and allow_update:
            raise UsageError("updates cannot be allowed on a store: it is served read-only")
        self.graph_path = os.fspath(graph_path)  # the graph file, or the store directory
        self.store = store
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = int(max_result_mb * (1 << 20))
        self.allow_update = allow_update
        self.quiet = quiet
        self.client_timeout = client_timeout
        self.option_names = dict(option_names or {})
        self.hosts = HostPolicy(host, allow_hosts)
        self.connections = Connections(max_connections, client_timeout, self._log_drop)
        self.handler_threads = HandlerThreads(max_connections, self.process_request_thread)
        self.update_lock = threading.Lock()
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        try:
            self.pool = WorkerPool(self.graph_path, workers, kind=_kind(store, allow_update, engine),
                                   memory_mb=worker_memory, option_names=self.option_names)
        except BaseException:
            self.socket.close()
            raise

    @property
    def url(self) -> str:
        """The SPARQL endpoint's URL, e.g. ``http://127.0.0.1:7878/sparql``."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}{ENDPOINT}"

    def worded(self, text: str, *options: str) -> str:
        """``text`` with the ``name=`` of each of ``options`` named as :attr:`option_names` says."""
        return reword(text, options, self.option_names)

    def log(self, line: str) -> None:
        """One line on stderr (the request log; nothing of it with ``quiet``)."""
        print(line, file=sys.stderr, flush=True)

    def _log_drop(self, line: str) -> None:
        if not self.quiet:
            self.log(f"kg serve: {self.worded(line, 'client_timeout', 'max_connections')}")

    # -- connections: bounded in number, dropped when they stall (kg.serve.connections)
    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self.connections.start()
        super().serve_forever(poll_interval)

    def process_request(self, request, client_address) -> None:
        if not self.connections.admit(request):
            refuse(request)
            self._log_drop(f"refused a connection from {client_address[0]}: all "
                           f"{self.connections.limit} places are answering queries (see max_connections=)")
            self.shutdown_request(request)
            return
        self.handler_threads.submit(request, client_address)

    def shutdown_request(self, request) -> None:
        self.connections.release(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        """A client that went away (broken pipe, reset, timeout) is one line, none with ``quiet``;
        anything else is a bug and gets the traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)) or (isinstance(exc, OSError) and exc.errno in GONE):
            self._log_drop(f"{client_address[0]}:{client_address[1]}: the client went away "
                           f"({type(exc).__name__})")
            return
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        self.connections.stop()
        self.handler_threads.stop()
        super().server_close()
        self.pool.close()


def make_server(graph_path: str | os.PathLike | None = None, host: str = DEFAULT_HOST,
                port: int = DEFAULT_PORT, *, store: str | os.PathLike | None = None,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                allow_update: bool = False, workers: int | None = None, quiet: bool = False,
                max_result_mb: float = DEFAULT_MAX_RESULT_MB, worker_memory: float | None = None,
                client_timeout: float = DEFAULT_CLIENT_TIMEOUT,
                max_connections: int = DEFAULT_MAX_CONNECTIONS,
                allow_hosts: Iterable[str] = (), option_names: Mapping[str, str] | None = None,
                engine: str = "oxigraph") -> SparqlServer:
    """A :class:`SparqlServer` for the graph file ``graph_path`` or the Oxigraph store
    directory ``store`` (exactly one), listening on ``host:port`` (0: any free port).
    A graph file is answered from Oxigraph in memory (``engine="oxigraph"``, the default;
    rdflib for JSON-LD) or from rdflib (``engine="rdflib"``, and always when updates are allowed).

    The graph is pinned (copied, or the store checkpointed: :mod:`kg.serve.snapshot`)
    and loaded, or the store opened, by the first worker before this returns, so a
    bad file or directory raises :class:`~kg.errors.ServeError` here (and a bad
    combination of arguments :class:`~kg.errors.UsageError`, a ``ValueError``).  ``workers`` processes
    (default :func:`~kg.serve.protocol.default_workers`: two per core for a graph file held by
    Oxigraph, 2 otherwise; 1 when updates are allowed, so that all queries see them) answer
    queries, each using at most ``worker_memory`` MB beyond its graph (default
    :func:`default_worker_memory`; 0: no limit).  A store is served read-only:
    its workers open it with Oxigraph's read-only mode, beside a running ``kg
    build``, and run queries on Oxigraph's engine; ``allow_update`` is refused
    with it.  A response body is at most ``max_result_mb`` MB; at most
    ``max_connections`` connections are served at once, and each must send its
    request within ``client_timeout`` seconds.  Only requests whose Host header
    names the server (or one of ``allow_hosts``) are answered
    (:mod:`kg.serve.hosts`).  ``option_names`` maps these parameters to how the
    server's messages name them (``{"max_rows": "--max-rows"}``); by default
    they say ``max_rows=``.
    """
    if (graph_path is None) == (store is None):
        raise UsageError("give one graph to serve: a graph file or a store directory")
    if store is not None and allow_update:
        raise UsageError(f"{store}: a store is served read-only; updates cannot be allowed")
    from kg.oxload import ENGINES

    if engine not in ENGINES:
        raise UsageError(f"engine must be {' or '.join(ENGINES)}, not {printable(str(engine))!r}", options=["engine"])
    for name, value in (("timeout", timeout), ("max_rows", max_rows), ("max_result_mb", max_result_mb),
                        ("client_timeout", client_timeout), ("max_connections", max_connections)):
        if value <= 0:
            raise UsageError(f"{name} must be above zero, not {value}")
    if worker_memory is not None and worker_memory < 0:
        raise UsageError(f"worker_memory must be 0 (no limit) or above, not {worker_memory}")
    allow_hosts = list(allow_hosts)
    for name in allow_hosts:
        if name != "*" and (not name.strip() or any(c in name for c in "/@?#\\ ") or not name.isprintable()):
            raise UsageError(f"not a host name for allow_hosts: {printable(name)!r}")
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
        workers = 1 if allow_update else default_workers(_kind(store, allow_update, engine))
    if allow_update and workers != 1:
        raise UsageError("with updates allowed the server uses one worker process")
    if workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    if worker_memory is None:
        worker_memory = default_worker_memory(workers)
    return SparqlServer(path, host, port, timeout=timeout, max_rows=max_rows, allow_update=allow_update,
                        workers=workers, quiet=quiet, store=store is not None, max_result_mb=max_result_mb,
                        worker_memory=worker_memory or None, client_timeout=client_timeout,
                        max_connections=max_connections, allow_hosts=allow_hosts, option_names=option_names,
                        engine=engine)


def query_url(server: SparqlServer, query: str, **params: str) -> str:
    """A GET URL for ``query`` on ``server`` (handy in notebooks)."""
    return f"{server.url}?{urlencode({'query': query, **params})}"
