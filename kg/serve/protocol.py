"""The SPARQL protocol side of :mod:`kg.serve`: settings, result serialisation, and running
one query or update on a source (inside a worker process); the formats and the Accept
negotiation are in :mod:`kg.serve.formats`."""
from __future__ import annotations

import html
import io
from collections.abc import Mapping

from kg.errors import NotAcceptable, NotInXml, QuerySyntaxError, ResultTooLarge, UnsafeTerm
from kg.guard import service_refusal
from kg.resources import checkout_root
from kg.serve.formats import (  # noqa: F401 (re-exported: the formats are part of the protocol)
    ASK_TYPES, CSV, FORMAT_NAMES, GRAPH_TYPES, HTML, JSON, JSONLD, NTRIPLES, RDFXML, RESULT_TYPES, TSV,
    TURTLE, XML, negotiate, parse_accept,
)
from kg.serve.output import check_terms, fit, take

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2  # worker processes that each load the graph or open the store themselves
DEFAULT_MAX_RESULT_MB = 16.0  # megabytes of one response body
DEFAULT_MAX_BYTES = int(DEFAULT_MAX_RESULT_MB * (1 << 20))
DEFAULT_CLIENT_TIMEOUT = 10.0  # seconds a client may take to send its request, or stall while reading
DEFAULT_MAX_CONNECTIONS = 64  # connections served at once
MAX_BODY = 1 << 20  # bytes of a POST body
LOAD_TIMEOUT = 600.0  # seconds a worker may take to load the graph
QUEUE_TIMEOUT = 30.0  # seconds a request may wait for a free worker (the time limit, if longer)
# The checkout kg runs from, put on the workers' PYTHONPATH; None for an installed package,
# which the workers import as any other (site-packages must not go ahead of the standard library).
PACKAGE_ROOT = checkout_root()
ENDPOINT = "/sparql"


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


def default_workers(kind: str) -> int:
    """How many worker processes ``kg serve`` starts for a source of ``kind`` (see
    :class:`kg.serve.workers.WorkerPool`): :data:`DEFAULT_WORKERS`, or for a graph file held by
    Oxigraph in memory (``"memory"``), whose workers are forked from one loaded copy and share
    it, two per core (2 to 8).  More workers than cores let short queries pass long ones instead
    of queueing behind them: on 2 cores, 4 such workers served 565 requests/s at a p50 of 14 ms
    where 2 served 448 at 21 ms (``benchmarks/endpoint_load.py``).
    """
    from kg.pool import cpu_count

    return max(2, min(8, 2 * cpu_count())) if kind == "memory" else DEFAULT_WORKERS


def text_reply(status: int, message: str) -> tuple[int, str, bytes, dict]:
    """A plain-text reply: (status, content type, body, extra headers)."""
    return status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), {}


def _select_body(answer, rdf_format: str, max_rows: int, max_bytes: int) -> tuple[bytes, int, bool]:
    """(body, rows sent, cut) of a SELECT result: at most ``max_rows`` rows and ``max_bytes`` bytes."""
    from rdflib.query import Result

    columns = list(answer.variables)
    rows, truncated = take(answer.rows, max_rows, max_bytes)
    check_terms(rows, xml=rdf_format == "xml")

    def serialize(rows: list) -> bytes:
        if rdf_format == "html":
            shown = [["" if v is None else str(v) for v in row] for row in rows]
            return _html_table([str(c) for c in columns], shown).encode("utf-8")
        if rdf_format == "tsv":
            return _tsv(columns, rows).encode("utf-8")
        out = Result("SELECT")
        out.vars = columns
        out.bindings = [{v: x for v, x in zip(columns, row) if x is not None} for row in rows]
        return out.serialize(format=rdf_format, encoding="utf-8")

    body, rows, cut = fit(rows, serialize, max_bytes)
    return body, len(rows), truncated or cut


def _ask_body(answer, rdf_format: str) -> bytes:
    from rdflib.query import Result

    if rdf_format == "html":
        return f"<p>{html.escape(str(answer.boolean).lower())}</p>".encode()
    out = Result("ASK")
    out.askAnswer = answer.boolean
    return out.serialize(format=rdf_format, encoding="utf-8")


def _distinct(triples):
    """The triples, each once (an engine may repeat one)."""
    seen = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


def _graph_body(answer, rdf_format: str, max_rows: int, max_bytes: int,
                namespaces: list) -> tuple[bytes, int, bool]:
    """CONSTRUCT / DESCRIBE: (body, triples sent, cut); at most ``max_rows`` distinct triples and
    ``max_bytes`` bytes."""
    from rdflib import Graph

    from kg.graphio import serialize as serialize_with_oxigraph

    prefixes = {prefix: str(ns) for prefix, ns in namespaces}
    triples, truncated = take(_distinct(answer.triples), max_rows, max_bytes)
    check_terms(triples, xml=rdf_format == "xml")

    def serialize(triples: list) -> bytes:
        if rdf_format == "html":
            shown = [[str(x) for x in t] for t in sorted(triples)]
            return _html_table(["subject", "predicate", "object"], shown).encode("utf-8")
        fast = io.BytesIO()  # pyoxigraph's writers: 10-30 times faster than rdflib's, and escaping
        if serialize_with_oxigraph(fast, triples, rdf_format, prefixes):
            return fast.getvalue()
        out_graph = Graph()
        for prefix, ns in namespaces:
            out_graph.bind(prefix, ns, override=True, replace=True)
        for triple in triples:
            out_graph.add(triple)
        return out_graph.serialize(format=rdf_format, encoding="utf-8")

    body, triples, cut = fit(triples, serialize, max_bytes)
    return body, len(triples), truncated or cut


def _not_understood(source, text: str, exc: Exception, allow_update: bool) -> tuple[int, str, bytes, dict]:
    """The reply to a text that does not parse as a query: an update (refused) or a syntax error."""
    if _is_update(text):
        if allow_update and not source.read_only:
            return text_reply(400, "this is a SPARQL Update: send it as update= (form) or as "
                              "application/sparql-update, not as query=")
        return text_reply(403, "SPARQL Update is refused: this endpoint is read-only")
    return text_reply(400, f"SPARQL syntax error: {_parse_error(exc)}")


def run_query(source, text: str, accept: str | None, fmt: str | None, max_rows: int,
              allow_update: bool, max_bytes: int = DEFAULT_MAX_BYTES,
              option_names: Mapping[str, str] | None = None) -> tuple[int, str, bytes, dict]:
    """Run one query in the worker; (status, content type, body, extra headers).

    ``source`` is a :mod:`kg.serve.sources` source (a graph file or a store).  The
    result format is negotiated once the query form is known, before the result
    is read: a format the client does not accept costs no evaluation.  A
    :class:`MemoryError` is not answered here: the worker answers it and is
    replaced.  A message naming a server option names it as ``option_names``
    says (see :func:`kg.serve.make_server`).
    """
    refused = service_refusal(text)
    if refused:
        return text_reply(400, refused)
    try:
        answer = source.start(text)
    except QuerySyntaxError as exc:
        return _not_understood(source, text, exc, allow_update)
    except PermissionError as exc:
        return text_reply(400, f"query refused: {exc}")
    except MemoryError:
        raise
    except Exception as exc:  # rdflib and Oxigraph raise many kinds of evaluation errors
        return text_reply(400, f"query failed: {type(exc).__name__}: {_parse_error(exc)}")
    try:
        media, rdf_format = negotiate(answer.kind, accept, fmt)
    except NotAcceptable as exc:
        status, ctype, body, _ = text_reply(406, str(exc))
        return status, ctype, body, {"Vary": "Accept"}
    truncated, sent = False, 1
    try:
        if answer.kind == "SELECT":
            body, sent, truncated = _select_body(answer, rdf_format, max_rows, max_bytes)
        elif answer.kind == "ASK":
            body = _ask_body(answer, rdf_format)
        else:  # CONSTRUCT, DESCRIBE
            body, sent, truncated = _graph_body(answer, rdf_format, max_rows, max_bytes, source.namespaces())
    except PermissionError as exc:
        return text_reply(400, f"query refused: {exc}")
    except UnsafeTerm as exc:
        return text_reply(400, f"query refused: {exc}")
    except NotInXml as exc:
        return 406, *text_reply(406, str(exc))[1:3], {"Vary": "Accept"}
    except ResultTooLarge as exc:
        return text_reply(503, exc.worded(option_names or {}))
    except MemoryError:
        raise
    except Exception as exc:
        return text_reply(400, f"query failed: {type(exc).__name__}: {_parse_error(exc)}")
    charset = "" if media in (JSON, XML, RDFXML, JSONLD, NTRIPLES) else "; charset=utf-8"
    headers = {"X-Result-Truncated": "true" if truncated else "false", "X-Result-Limit": str(max_rows),
               "X-Result-Byte-Limit": str(max_bytes), "X-Result-Count": str(sent), "Vary": "Accept"}
    return 200, media + charset, body, headers


def run_update(graph, text: str) -> tuple[int, str, bytes, dict]:
    """Apply one update to the rdflib ``graph`` held by a worker (never written to its file)."""
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = translateUpdate(parseUpdate(text), initNs=dict(graph.namespaces()))
    except Exception as exc:
        return text_reply(400, f"SPARQL Update syntax error: {_parse_error(exc)}")
    if any(getattr(op, "name", "") == "Load" for op in parsed.algebra):
        return text_reply(403, "LOAD is refused: this endpoint does not read other files or URLs")
    try:
        graph.update(parsed)
    except Exception as exc:
        return text_reply(400, f"update failed: {type(exc).__name__}: {_parse_error(exc)}")
    return text_reply(200, f"update done; the graph has {len(graph)} triples")
