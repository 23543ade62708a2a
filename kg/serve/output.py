"""What :mod:`kg.serve` checks before it writes a result: that every term can be written
safely in the format asked for, and that the answer fits the byte cap.

**Terms.** rdflib's serialisers escape literals, but not every IRI: its
RDF/XML writer puts a datatype IRI into an attribute as it is, so a datatype
made with ``STRDT("v", IRI("http://x/\\">...<y a=\\""))`` injected elements and
triples into the output, and Turtle and N-Triples wrote ``<``, ``>`` and ``"``
inside ``<...>`` too.  So every IRI of a result (subject, predicate, object,
datatype) must be an IRI that N-Triples can write without escapes: no
spaces, control characters or ``<>"{}|^`\\``; blank node labels likewise.  A
result holding another is refused with :class:`UnsafeTerm` (HTTP 400), in
every format.  XML 1.0 cannot carry most control characters at all (not even
escaped); a result holding one is refused in the XML formats with
:class:`NotInXml` (HTTP 406: the other formats can carry it).

**Bytes.** :func:`take` reads rows (or triples) until ``max_rows`` or until
their text passes ``max_bytes``; :func:`fit` serialises them and, when the
body is still over ``max_bytes``, cuts rows until it fits.  One row bigger
than the cap on its own is :class:`ResultTooLarge` (HTTP 503), never a cut
row or a partly written document.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from kg.errors import NotInXml, ResultTooLarge, UnsafeTerm, printable

# characters N-Triples' IRIREF does not allow unescaped (and no reader would take back)
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_BAD_BNODE = re.compile(r"[\x00-\x20<>\"{}|^`\\()\[\];,#':@\x7f]|\.$")
# characters that XML 1.0 cannot carry, escaped or not
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ROW_OVERHEAD = 16  # bytes counted per row or triple beyond its terms, for the estimate


def _shown(text: str) -> str:
    text = printable(text)
    return text if len(text) <= 120 else text[:119] + "…"


def check_terms(rows: Iterable[Sequence], xml: bool = False) -> None:
    """Raise :class:`UnsafeTerm` (or :class:`NotInXml` when ``xml``) for the first term of
    ``rows`` (tuples of rdflib terms or None) that cannot be written safely.

    >>> from rdflib import BNode, Literal, URIRef
    >>> check_terms([(URIRef("http://x/a"), Literal("<&\\"'>"), None, BNode("b1"))], xml=True)
    >>> check_terms([(Literal("v", datatype=URIRef('http://x/t"><y')),)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.UnsafeTerm: the result holds an IRI that cannot be written safely: http://x/t"><y (IRIs may not ...)
    >>> check_terms([(Literal("bell\\x07"),)], xml=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.NotInXml: the result holds a character that XML cannot carry (U+0007); ask for another format, ...
    """
    from rdflib import BNode, Literal, URIRef

    for row in rows:
        for term in row:
            if term is None:
                continue
            if isinstance(term, URIRef):
                _check_iri(term)
            elif isinstance(term, Literal) and term.datatype is not None:
                _check_iri(term.datatype)
            elif isinstance(term, BNode) and (not term or _BAD_BNODE.search(term)):
                raise UnsafeTerm(f"the result holds a blank node label that cannot be written safely: "
                                 f"{_shown(term)}")
            if xml:
                found = _NOT_XML.search(str(term)) or (
                    isinstance(term, Literal) and term.datatype and _NOT_XML.search(term.datatype))
                if found:
                    raise NotInXml(f"the result holds a character that XML cannot carry "
                                   f"(U+{ord(found.group()):04X}); ask for another format, such as "
                                   "JSON, CSV, Turtle or N-Triples")


def _check_iri(iri: str) -> None:
    if not iri or _BAD_IRI.search(iri):
        raise UnsafeTerm(f"the result holds an IRI that cannot be written safely: {_shown(iri)} "
                         '(IRIs may not contain spaces, control characters or any of <>"{}|^`\\)')


def term_size(term) -> int:
    """Bytes (roughly: characters) a term takes in a result: its text, datatype and language."""
    if term is None:
        return 0
    return len(term) + len(getattr(term, "datatype", None) or "") + len(getattr(term, "language", None) or "")


def take(items: Iterable[Sequence], max_rows: int, max_bytes: int) -> tuple[list, bool]:
    """The first rows of ``items``: at most ``max_rows``, and no more than fit in about
    ``max_bytes`` of text; ``(rows, cut)``.

    One row over ``max_bytes`` on its own raises :class:`ResultTooLarge` (before it is
    serialised).  ``items`` is read lazily: a cut stops the engine.

    >>> take([("a",), ("bb",), ("ccc",)], 10, 100)
    ([('a',), ('bb',), ('ccc',)], False)
    >>> take([("a",), ("bb",), ("ccc",)], 2, 100)
    ([('a',), ('bb',)], True)
    >>> take([("a" * 60,), ("b" * 60,)], 10, 100)
    ([('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',)], True)
    """
    rows: list = []
    total = 0
    for row in items:
        if len(rows) == max_rows:
            return rows, True
        size = ROW_OVERHEAD + sum(term_size(t) for t in row)
        if size > max_bytes:
            if rows:
                return rows, True
            raise too_large(size, max_bytes)
        if total + size > max_bytes:
            return rows, True
        rows.append(row)
        total += size
    return rows, False


def fit(rows: list, serialize: Callable[[list], bytes], max_bytes: int) -> tuple[bytes, list, bool]:
    """``serialize(rows)``, with rows dropped from the end until it is at most ``max_bytes``;
    ``(body, rows kept, cut)``.  Raises :class:`ResultTooLarge` when one row does not fit.

    >>> fit(["a", "b", "c"], lambda rows: "".join(rows).encode() * 10, 25)
    (b'abababababababababab', ['a', 'b'], True)
    """
    body, cut = serialize(rows), False
    while len(body) > max_bytes:
        if len(rows) <= 1:
            raise too_large(len(body), max_bytes)
        keep = min(len(rows) - 1, max(1, int(len(rows) * max_bytes / len(body) * 0.95)))
        rows, cut = rows[:keep], True
        body = serialize(rows)
    return body, rows, cut


def too_large(size: int, max_bytes: int) -> ResultTooLarge:
    return ResultTooLarge(f"the result is too large: one row alone takes {_mb(size)}, over the limit of "
                          f"{_mb(max_bytes)} per response (see max_result_mb=); ask for less, for "
                          "example with SUBSTR or LIMIT", options=["max_result_mb"])


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.3g} MB" if size >= 10_000 else f"{size} bytes"
