"""Run SPARQL over a graph: saved queries live in ``ontology/queries/*.rq``.

A saved query starts with comment lines that describe it::

    # name: meetings-of
    # description: who an actor met in person ...
    # param: actor (actor) - the person, country or organisation

Parameters are SPARQL variables of the query (``?actor``).  :func:`run` never
pastes a value into the query text: each value is turned into RDF terms found
in the graph (actor IRIs, document or event IRIs, an ``xsd:date`` literal or a
plain string literal) and bound with rdflib's ``initBindings``.  When a value
matches several nodes the query runs once per node and the rows are joined;
when it matches none, the variable is bound to an IRI that is in no graph, so
the query gives zero rows.  See :func:`run`; :mod:`kg.results` turns results into text.
"""
from __future__ import annotations

import functools
import itertools
import math
import multiprocessing
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.errors import KGError, QueryTimeout, UsageError
from kg.names import fold, name_key
from kg.resources import queries_dir, require
from kg.results import FORMATS, IRI, QueryResult, cell, format_result, format_table, prefixed  # noqa: F401

QUERY_DIR = queries_dir()  # ontology/queries of a checkout, kg/ontology/queries of a wheel
PARAM_KINDS = ("actor", "document", "event", "date", "string")
NO_MATCH = URIRef("urn:kg:query:no-match")  # bound when a parameter matches nothing
MAX_RUNS = 200  # most combinations of matched parameter values run for one query
_DIP = "https://w3id.org/dipkg/ontology#"


# ------------------------------------------------------------------ saved queries

@dataclass(frozen=True)
class Param:
    """One declared parameter: ``# param: NAME (KIND) - meaning``."""

    name: str
    kind: str = "string"
    meaning: str = ""


@dataclass(frozen=True)
class SavedQuery:
    """A query file with its header parsed.

    >>> q = parse_saved("# name: x\\n# description: one\\n#   two\\n# param: d (date) - a day\\nASK {}")
    >>> q.name, q.description, q.params
    ('x', 'one two', (Param(name='d', kind='date', meaning='a day'),))
    """

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None


_PARAM = re.compile(r"^(\w+)\s*\((\w+)\)\s*(?:-\s*(.*))?$")


def _parse_param(value: str, where: str) -> Param:
    m = _PARAM.match(value.strip())
    if not m or m.group(2) not in PARAM_KINDS:
        raise UsageError(f"{where}: bad '# param:' line {value!r} "
                         f"(want 'NAME (KIND) - meaning', KIND one of {', '.join(PARAM_KINDS)})")
    return Param(m.group(1), m.group(2), (m.group(3) or "").strip())


def parse_saved(text: str, name: str = "query", path: Path | None = None) -> SavedQuery:
    """Parse the ``# key: value`` header lines of a query (continuation lines are indented)."""
    fields: dict[str, list[str]] = {"name": [], "description": []}
    params: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"\s*(name|description|param)\s*:\s*(.*)$", body)
        if m and m.group(1) == "param":
            current = [m.group(2)]
            params.append(current)
        elif m:
            current = fields[m.group(1)]
            current.append(m.group(2))
        elif current is not None and body.strip():
            current.append(body.strip())
    where = str(path or name)
    return SavedQuery(name=" ".join(fields["name"]).strip() or name,
                      description=" ".join(" ".join(fields["description"]).split()),
                      params=tuple(_parse_param(" ".join(p), where) for p in params),
                      text=text, path=path)


def list_saved(directory: Path | None = None) -> list[SavedQuery]:
    """Every saved query in ``directory`` (default :data:`QUERY_DIR`), sorted by name.

    A missing ``directory`` is a :class:`~kg.resources.MissingData` error, not an empty list.

    >>> "who-met-whom" in [q.name for q in list_saved()]
    True
    """
    directory = require(QUERY_DIR if directory is None else directory, "saved queries folder")
    return sorted((parse_saved(p.read_text(encoding="utf-8"), p.stem, p)
                   for p in directory.glob("*.rq")), key=lambda q: q.name)


def get_saved(name: str) -> SavedQuery:
    """A saved query by name (the file name without ``.rq``).

    >>> [p.name for p in get_saved("evidence-for").params]
    ['actor1', 'actor2']
    """
    path = require(QUERY_DIR, "saved queries folder") / f"{name}.rq"
    if not re.fullmatch(r"[\w.-]+", name) or not path.is_file():
        known = ", ".join(sorted(p.stem for p in QUERY_DIR.glob("*.rq")))
        raise UsageError(f"no saved query '{name}' (known: {known})")
    return parse_saved(path.read_text(encoding="utf-8"), name, path)


def saved_query(name: str) -> str:
    """The text of a saved query, by file name without ``.rq``."""
    return get_saved(name).text


# ----------------------------------------------------------------------- results

def select(graph: Graph, text: str, bindings: dict | None = None) -> tuple[list[str], list[list[str]]]:
    """Run a query with ready RDF-term bindings; return column names and rows of strings."""
    result = _evaluate(graph, _prepare(text), [bindings or {}])
    return result.columns, result.rows


# ------------------------------------------------------------- parameter values

def _labelled(graph: Graph, cls: URIRef):
    """(node, label) for every rdfs:label and skos:altLabel of the nodes of ``cls``."""
    if not isinstance(graph, Graph):  # a kg.store Store
        yield from graph.labelled(cls)
        return
    for node in set(graph.subjects(RDF.type, cls)):
        for prop in (RDFS.label, SKOS.altLabel):
            for lab in graph.objects(node, prop):
                yield node, str(lab)


def _names_match(wanted: str, label: str) -> bool:
    """The folded words of ``wanted`` are the label's key or a run of its words."""
    if name_key(wanted) == name_key(label):
        return True
    want, have = name_key(wanted).split(), name_key(label).split()
    n = len(want)
    return n > 0 and any(have[i:i + n] == want for i in range(len(have) - n + 1))


def match_actors(graph: Graph, value: str) -> list[URIRef]:
    """Actors whose label or an alias matches ``value`` (case, accents, surname alone).

    >>> g = Graph()
    >>> g.add((URIRef("urn:x"), RDF.type, URIRef(_DIP + "Actor")))
    <Graph identifier=... (<class 'rdflib.graph.Graph'>)>
    >>> g.add((URIRef("urn:x"), RDFS.label, Literal("Recep Tayyip Erdoğan")))
    <Graph identifier=... (<class 'rdflib.graph.Graph'>)>
    >>> match_actors(g, "erdogan"), match_actors(g, 'x" } ; DROP ALL ; #')
    ([rdflib.term.URIRef('urn:x')], [])
    """
    return sorted({n for n, lab in _labelled(graph, URIRef(_DIP + "Actor")) if _names_match(value, lab)})


def match_things(graph: Graph, cls: str, value: str) -> list[URIRef]:
    """Nodes of ``dip:<cls>`` whose folded label contains the folded ``value``."""
    want = fold(value)
    if not want:
        return []
    return sorted({n for n, lab in _labelled(graph, URIRef(_DIP + cls)) if want in fold(lab)})


def parse_date(value: str, name: str = "date") -> Literal:
    """An ``xsd:date`` literal for an ISO date; :class:`UsageError` otherwise.

    >>> parse_date("2025-03-10")
    rdflib.term.Literal('2025-03-10', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    """
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
    except ValueError:
        pass
    raise UsageError(f"parameter {name}: {value!r} is not a date (use YYYY-MM-DD)")


def resolve(graph: Graph, param: Param, value: str) -> list:
    """The RDF terms a parameter value stands for in ``graph`` (may be empty)."""
    if param.kind == "actor":
        return match_actors(graph, value)
    if param.kind == "document":
        return match_things(graph, "Document", value)
    if param.kind == "event":
        return match_things(graph, "Event", value)
    if param.kind == "date":
        return [parse_date(value, param.name)]
    return [Literal(value)]


def _binding_sets(graph: Graph, params: dict[str, str], saved: SavedQuery | None) -> list[dict]:
    declared = {p.name: p for p in saved.params} if saved else {}
    if saved is not None:
        unknown = sorted(set(params) - set(declared))
        missing = [p.name for p in saved.params if p.name not in params]
        if unknown or missing:
            want = f"{', '.join(p.name for p in saved.params)}, given with params=" if saved.params else "none"
            problem = (f"unknown parameter(s) {', '.join(unknown)}" if unknown
                       else f"missing parameter(s) {', '.join(missing)}")
            raise UsageError(f"query '{saved.name}': {problem} (its parameters: {want})", options=["params"])
    names = list(params)
    choices = [resolve(graph, declared.get(k, Param(k)), params[k]) or [NO_MATCH] for k in names]
    if (total := math.prod(len(c) for c in choices)) > MAX_RUNS:
        raise UsageError(f"parameters match too many nodes ({total} combinations); be more specific")
    return [dict(zip(names, combo)) for combo in itertools.product(*choices)]


# --------------------------------------------------------------------- running

def _prepare(text: str):
    from kg.guard import service_refusal

    if refused := service_refusal(text):  # rdflib would make the HTTP request
        raise UsageError(refused)
    try:
        return _parsed(text)
    except Exception as exc:  # pyparsing errors and rdflib's own
        raise UsageError(f"bad SPARQL query: {exc}") from None


@functools.lru_cache(maxsize=128)
def _parsed(text: str):
    """rdflib's prepared query (its parser takes about 0.2 s a query; a prepared query is
    run with other bindings as it is, so the saved queries are parsed once per process)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _strings(result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(["ask"], [["true" if result.askAnswer else "false"]])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(["subject", "predicate", "object"],
                           sorted([cell(s), cell(p), cell(o)] for s, p, o in result.graph))
    columns = [str(v) for v in result.vars]
    return QueryResult(columns, [[cell(v) for v in row] for row in result])


def _evaluate(graph: Graph, query, binding_sets: list[dict]) -> QueryResult:
    """Run ``query`` once per binding set; rows joined, duplicates dropped."""
    out: QueryResult | None = None
    seen: set[tuple[str, ...]] = set()
    for bindings in binding_sets:
        try:
            if isinstance(graph, Graph):
                part = _strings(graph.query(query, initBindings=bindings))
            else:  # a kg.store Store: the query is text, the store binds the values
                part = QueryResult(*graph.select(query, bindings))
        except KGError:
            raise
        except Exception as exc:
            raise KGError(f"query failed: {type(exc).__name__}: {exc}") from None
        if out is None:
            out = QueryResult(part.columns)
        for row in part.rows:
            if tuple(row) not in seen:
                seen.add(tuple(row))
                out.rows.append(row)
    return out if out is not None else QueryResult([])


def _child(conn, graph, query, binding_sets, ntriples) -> None:
    """In the child process: evaluate and send back ``("ok", result)`` or ``("error", ...)``."""
    try:
        if ntriples is not None:  # spawn: the graph came as text
            graph = Graph().parse(data=ntriples, format="nt")
            query = _prepare(query)
        elif not isinstance(graph, Graph):
            graph = graph.reopen()  # a store: its own handle in this process
        conn.send(("ok", _evaluate(graph, query, binding_sets)))
    except BaseException as exc:  # noqa: BLE001 - report anything to the parent
        text = str(exc) if isinstance(exc, KGError) else f"query failed: {type(exc).__name__}: {exc}"
        conn.send(("error", (type(exc).__name__, text, getattr(exc, "options", ()))))
    finally:
        conn.close()


def _evaluate_limited(graph: Graph, text: str, query, binding_sets: list[dict],
                      timeout: float) -> QueryResult:
    """Evaluate in a child process; stop it after ``timeout`` seconds."""
    if "fork" in multiprocessing.get_all_start_methods():
        ctx, args = multiprocessing.get_context("fork"), (graph, query, binding_sets, None)
    else:  # no fork: send the graph as N-Triples and the query as text
        ctx = multiprocessing.get_context("spawn")
        data = graph if isinstance(graph, Graph) else graph.to_graph()
        args = (None, text, binding_sets, data.serialize(format="nt"))
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, *args), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(f"query stopped after {timeout:g} s (time limit; raise it with timeout=)",
                               options=["timeout"])
        status, payload = receiver.recv()
    except EOFError:
        raise KGError(f"query process ended without an answer (exit code {proc.exitcode})") from None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        receiver.close()
    if status == "ok":
        return payload
    kind, message, options = payload
    raise (UsageError if kind == "UsageError" else KGError)(message, options=options)


def run(graph: Graph, text: str, params: dict[str, str] | None = None, *,
        saved: SavedQuery | None = None, timeout: float | None = None) -> QueryResult:
    """Run the SPARQL ``text`` over ``graph`` with ``params`` bound as RDF terms.

    ``graph`` is an rdflib Graph or a :class:`kg.store.Store` (the union of its graphs).

    ``saved`` gives the parameter kinds (see :func:`resolve`); without it every
    parameter is bound as a plain string literal.  With ``timeout`` (seconds)
    the query runs in a child process that is stopped at the limit
    (:class:`QueryTimeout`); without it, it runs here.

    >>> g = Graph().parse(data='<urn:a> <urn:p> "x" .', format="nt")
    >>> run(g, "SELECT ?s WHERE { ?s <urn:p> ?o }", {"o": "x"}).rows
    [['urn:a']]
    >>> run(g, "SELECT ?s WHERE { ?s <urn:p> ?o }", {"o": 'x" } ; DROP ALL ; #'}).rows
    []
    """
    query = _prepare(text) if isinstance(graph, Graph) else text  # a store parses its own
    binding_sets = _binding_sets(graph, dict(params or {}), saved)
    if timeout is None:
        return _evaluate(graph, query, binding_sets)
    if timeout <= 0:
        raise UsageError(f"timeout must be above zero seconds, not {timeout:g}")
    return _evaluate_limited(graph, text, query, binding_sets, timeout)
