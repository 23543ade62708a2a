"""Result formats of :mod:`kg.serve` and content negotiation (the ``Accept`` header and the
``format=`` / ``output=`` parameter).

What each query form offers, its default first:

* SELECT: SPARQL JSON, SPARQL XML, CSV, TSV, HTML;
* ASK: SPARQL JSON, SPARQL XML, HTML (SPARQL 1.1 defines CSV and TSV for SELECT only);
* CONSTRUCT and DESCRIBE: Turtle, N-Triples, RDF/XML, JSON-LD, HTML.

Rules: a ``format=`` naming a format this query form offers wins over ``Accept``;
one it does not offer (or an unknown name) is *406 Not Acceptable*.  Without
``Accept`` (or with an empty one) the default is sent.  Otherwise each offered
type gets the quality (``q``) of the ``Accept`` entry naming it (or one of its
aliases, such as ``application/json``); a wildcard (``*/*``, ``text/*``,
``application/*``) means "the server's choice", which is the default unless
``q=0`` excluded it.  ``q=0`` excludes a type; the best quality wins, ties go
to a named type before a wildcard, then to the order of the header.  When
nothing offered is acceptable the answer is 406 with the list of what is.
"""
from __future__ import annotations

from kg.errors import NotAcceptable

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
WILDCARDS = ("*/*", "text/*", "application/*")
# what each query form offers, the default first
OFFERS = {"SELECT": (JSON, XML, CSV, TSV, HTML), "ASK": (JSON, XML, HTML),
          "CONSTRUCT": (TURTLE, NTRIPLES, RDFXML, JSONLD, HTML)}


def offers(kind: str) -> tuple[str, ...]:
    """The media types a result of ``kind`` can be sent in, the default first.

    >>> offers("ASK")
    ('application/sparql-results+json', 'application/sparql-results+xml', 'text/html')
    """
    return OFFERS.get(kind, OFFERS["CONSTRUCT"])


def _table(kind: str) -> dict:
    return {"SELECT": RESULT_TYPES, "ASK": ASK_TYPES}.get(kind, GRAPH_TYPES)


def accept_ranges(header: str | None) -> list[tuple[str, float]]:
    """``(media range, q)`` of each entry of an Accept header, in the header's order.

    An unreadable ``q`` counts as 0 (not acceptable).

    >>> accept_ranges("text/csv;q=0.5, Application/JSON;charset=utf-8, text/html;q=x")
    [('text/csv', 0.5), ('application/json', 1.0), ('text/html', 0.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = min(max(float(f[2:]), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def parse_accept(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (ties keep their order; ``q=0`` left out).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1, text/turtle;q=0")
    ['application/sparql-results+json', 'text/csv', '*/*']
    """
    ranked = sorted((-q, i, media) for i, (media, q) in enumerate(accept_ranges(header)) if q > 0)
    return [media for _q, _i, media in ranked]


def _by_format(kind: str, fmt: str) -> tuple[str, str]:
    name = fmt.strip().lower()
    media = FORMAT_NAMES.get(name, name)
    table = _table(kind)
    if media not in table:
        raise NotAcceptable(kind, f"format={fmt.strip()[:100]}", offers(kind))
    return table[media]


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> tuple[str, str]:
    """(media type, rdflib format) for a result of ``kind`` (SELECT, ASK, CONSTRUCT, DESCRIBE).

    ``fmt`` (a ``format=`` parameter: a short name or a media type) wins over
    ``accept``; raises :class:`NotAcceptable` when nothing acceptable is offered.

    >>> negotiate("SELECT", "text/csv")
    ('text/csv', 'csv')
    >>> negotiate("SELECT", None), negotiate("CONSTRUCT", "text/*")
    (('application/sparql-results+json', 'json'), ('text/turtle', 'turtle'))
    >>> negotiate("SELECT", "text/turtle", "tsv")
    ('text/tab-separated-values', 'tsv')
    >>> negotiate("SELECT", "text/csv;q=0.4, application/sparql-results+xml;q=0.9")
    ('application/sparql-results+xml', 'xml')
    >>> negotiate("SELECT", "application/sparql-results+json;q=0, */*")
    ('application/sparql-results+xml', 'xml')
    >>> negotiate("CONSTRUCT", "application/json")
    ('application/ld+json', 'json-ld')
    >>> negotiate("SELECT", "text/turtle")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    kg.errors.NotAcceptable: not acceptable (Accept: text/turtle): SELECT results are available as
        application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values,
        text/html
    >>> negotiate("CONSTRUCT", "application/sparql-results+json")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    kg.errors.NotAcceptable: not acceptable (Accept: application/sparql-results+json): CONSTRUCT and
        DESCRIBE results are available as text/turtle, application/n-triples, application/rdf+xml,
        application/ld+json, text/html
    >>> negotiate("ASK", "text/csv")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    kg.errors.NotAcceptable: not acceptable (Accept: text/csv): ASK results are available as
        application/sparql-results+json, application/sparql-results+xml, text/html
    >>> negotiate("SELECT", "text/csv", "turtle")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.NotAcceptable: not acceptable (format=turtle): SELECT results are available as ...
    """
    if fmt and fmt.strip():
        return _by_format(kind, fmt)
    table, offered = _table(kind), offers(kind)
    ranges = accept_ranges(accept)
    if not ranges:
        return table[offered[0]]
    excluded = {table[m][0] for m, q in ranges if q == 0 and m in table}
    best = None  # (-q, wildcard?, header position, media type sent)
    for i, (media, q) in enumerate(ranges):
        if q == 0:
            continue
        if media in table and table[media][0] not in excluded:
            candidate = (-q, 0, i, table[media][0])
        elif media in WILDCARDS:
            allowed = [m for m in offered if m not in excluded]
            if not allowed:
                continue
            candidate = (-q, 1, i, allowed[0])
        else:
            continue
        best = candidate if best is None or candidate < best else best
    if best is None:
        raise NotAcceptable(kind, f"Accept: {' '.join(accept.split())[:200]}", offered)
    return table[best[3]]
