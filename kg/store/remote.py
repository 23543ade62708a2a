"""A remote SPARQL 1.1 server (``--endpoint URL``): Oxigraph, Apache Jena Fuseki, Virtuoso, ...

Reads go to the query URL (SPARQL 1.1 Protocol, POST form, JSON results).
Writes go to the update URL as SPARQL 1.1 Update, one request per batch of
articles (``DROP SILENT GRAPH`` + ``INSERT DATA``), which Oxigraph and Fuseki
apply atomically.  Whole named graphs are read back with the SPARQL 1.1 Graph
Store HTTP Protocol (:meth:`RemoteStore.article_graph`).

The saved queries read the *default graph*, which every write keeps equal to the
union of the named graphs as a set (see :mod:`kg.store.base`), so the server
needs no "union default graph" setting: a plain ``oxigraph serve`` or Fuseki
dataset will do.  (With ``--union-default-graph`` the rows are the same, but the
server sees each shared triple once per article and queries are slower.)
:meth:`RemoteStore.check_union` refuses a dataset whose default graph does not
show its articles.

URLs: ``--endpoint`` is the query URL.  The update URL and the Graph Store URL
default to the query URL with its last path segment (``query`` or ``sparql``)
replaced by ``update`` and ``store`` (Oxigraph's layout); give them with
``--update-url`` / ``--store-url`` (or ``KG_UPDATE_URL`` / ``KG_STORE_URL``)
for other servers.  A ``user:password@`` in a URL is sent as HTTP Basic auth.
"""
from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from kg.errors import StoreError, UsageError
from kg.store.base import SparqlStore, article_graph
from kg.store.substitute import substitute

JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
DEFAULT_TIMEOUT = 60.0


def sibling_url(url: str, name: str) -> str:
    """``url`` with its last path segment replaced by ``name``.

    >>> sibling_url("http://127.0.0.1:7878/query", "update")
    'http://127.0.0.1:7878/update'
    >>> sibling_url("http://localhost:3030/news/sparql", "update")
    'http://localhost:3030/news/update'
    """
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    head = path.rsplit("/", 1)[0] if "/" in path else ""
    return urlunsplit(parts._replace(path=f"{head}/{name}"))


def _auth(url: str) -> tuple[str, dict]:
    """The URL without its ``user:password@`` and the Authorization header for it."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, {}
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
    return urlunsplit(parts._replace(netloc=netloc)), {"Authorization": f"Basic {token}"}


def _term(value: dict):
    """An rdflib term from a SPARQL JSON results binding."""
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


class RemoteStore(SparqlStore):
    """A SPARQL 1.1 server at ``endpoint`` (the query URL)."""

    kind = "remote"

    def __init__(self, endpoint: str, *, update_url: str | None = None, store_url: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        if urlsplit(endpoint).scheme not in ("http", "https"):
            raise UsageError(f"endpoint= must be an http(s) URL, not {endpoint!r}", options=["endpoint"])
        self.location = endpoint
        self.query_url, self.headers = _auth(endpoint)
        self.update_url = _auth(update_url or os.environ.get("KG_UPDATE_URL") or sibling_url(endpoint, "update"))[0]
        self.store_url = _auth(store_url or os.environ.get("KG_STORE_URL") or sibling_url(endpoint, "store"))[0]
        self.timeout = timeout

    def reopen(self) -> "RemoteStore":
        return self

    # ------------------------------------------------------------------- HTTP
    def _send(self, url: str, data: bytes | None, content_type: str | None, accept: str) -> tuple[str, bytes]:
        headers = {"Accept": accept, **self.headers}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            error = UsageError if exc.code == 400 else StoreError
            raise error(f"{url}: HTTP {exc.code} {exc.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{url}: cannot reach the SPARQL server ({reason})") from None

    def _post_query(self, text: str, accept: str) -> tuple[str, bytes]:
        return self._send(self.query_url, urlencode({"query": text}).encode("utf-8"),
                          "application/x-www-form-urlencoded", accept)

    def _rows(self, text: str) -> list[dict]:
        _ctype, body = self._post_query(text, JSON_RESULTS)
        data = json.loads(body)
        return [{k: _term(v) for k, v in b.items()} for b in data["results"]["bindings"]]

    def _update(self, text: str) -> None:
        self._send(self.update_url, text.encode("utf-8"), "application/sparql-update; charset=utf-8", "*/*")

    # ------------------------------------------------------------------ reads
    def sparql(self, text: str, bindings: dict | None = None, *, limit: int | None = None):
        ctype, body = self._post_query(substitute(text, bindings or {}), f"{JSON_RESULTS}, {NTRIPLES};q=0.9")
        if ctype.split(";")[0].strip() == NTRIPLES:
            out = Result("CONSTRUCT")
            out.graph = Graph().parse(data=body.decode("utf-8"), format="nt")
            return out
        data = json.loads(body)
        if "boolean" in data:
            out = Result("ASK")
            out.askAnswer = bool(data["boolean"])
            return out
        out = Result("SELECT")
        out.vars = [Variable(v) for v in data["head"].get("vars", [])]
        rows = data["results"]["bindings"][: None if limit is None else limit + 1]
        out.bindings = [{Variable(k): _term(v) for k, v in b.items()} for b in rows]
        return out

    def article_graph(self, article_id: str) -> Graph:
        """One article's named graph, read with the Graph Store Protocol (``GET ?graph=``)."""
        url = f"{self.store_url}?graph={quote(str(article_graph(article_id)), safe='')}"
        _ctype, body = self._send(url, None, None, NTRIPLES)
        return Graph().parse(data=body.decode("utf-8"), format="nt")

    def quads(self):
        for r in self._rows("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield r["s"], r["p"], r["o"], r["g"]

    def check_union(self) -> None:
        """Raise :class:`StoreError` when the server's default graph does not show the articles.

        ``kg build`` keeps the default graph equal to the union of the named
        graphs; a dataset loaded some other way may hold named graphs only.
        """
        named = self._prefixed_rows("SELECT ?a WHERE { GRAPH ?g { ?a a dip:Article } } LIMIT 1")
        if not named:
            return
        default = self._prefixed_rows(f"SELECT ?x WHERE {{ {named[0]['a'].n3()} a ?x }} LIMIT 1")
        if not default:
            raise StoreError(f"{self.location}: the server's default graph does not hold the triples of its "
                             "named graphs, so the saved queries see nothing (the data was not loaded by "
                             "kg build: build again with force=True from the same articles, or start Oxigraph "
                             "with --union-default-graph; in Fuseki set tdb2:unionDefaultGraph true)",
                             options=["force"])

