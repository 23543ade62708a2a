"""The SPARQL protocol side of :mod:`kg.serve`: settings, Accept negotiation, result
serialisation, and running one query or update on a graph (inside a worker process)."""
from __future__ import annotations

import html
from functools import lru_cache
from itertools import islice
from pathlib import Path

import kg
from kg.errors import KGError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2
MAX_BODY = 1 << 20  # bytes of a POST body
LOAD_TIMEOUT = 600.0  # seconds a worker may take to load the graph
QUEUE_TIMEOUT = 30.0  # seconds a request may wait for a free worker (the time limit, if longer)
PACKAGE_ROOT = Path(kg.__file__).resolve().parent.parent
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


@lru_cache(maxsize=256)
def _prepare(text: str, namespaces: tuple):
    """The parsed and translated query (cached per worker: parsing a saved query in rdflib
    takes 15-70 ms, often longer than running it on a small graph)."""
    from rdflib.plugins.sparql.processor import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


def _run_query(graph, text: str, accept: str | None, fmt: str | None, max_rows: int,
               allow_update: bool) -> tuple[int, str, bytes, dict]:
    """Run one query in the worker; (status, content type, body, extra headers)."""
    from rdflib import Graph
    from rdflib.query import Result

    try:
        prepared = _prepare(text, tuple(sorted(graph.namespaces())))
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
