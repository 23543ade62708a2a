"""Query results as text: a table for the terminal, CSV, TSV or JSON.

:class:`QueryResult` holds column names and rows of strings; values that are
IRIs are :class:`IRI` strings, so that :func:`format_table` can show them as
prefixed names (``dip:Happened``) while CSV, TSV and JSON keep them whole.
:mod:`kg.sparql` makes these results and re-exports everything here.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from rdflib import Literal, URIRef  # noqa: F401 (Literal: for the doctests)
from rdflib.namespace import RDF

from kg.errors import KGError, UsageError

FORMATS = ("table", "csv", "tsv", "json")


@dataclass
class QueryResult:
    """Column names and rows of strings (``''`` for an unbound value)."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, str]]:
        """The rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_dataframe(self):
        """A ``pandas.DataFrame`` of the rows (pandas is imported only here)."""
        try:
            import pandas as pd
        except ImportError:
            raise KGError("to_dataframe needs pandas: pip install pandas") from None
        return pd.DataFrame(self.rows, columns=self.columns)


class IRI(str):
    """A result value that is an IRI (other values are plain ``str``).

    It compares and hashes as its text, and writes as its text to CSV, TSV and
    JSON; :func:`format_table` shows it as a prefixed name.
    """

    __slots__ = ()


def cell(term) -> str:
    """A result term as text: ``''`` for unbound, :class:`IRI` for an IRI.

    >>> cell(URIRef("https://w3id.org/dipkg/ontology#Happened")), cell(Literal("x")), cell(None)
    ('https://w3id.org/dipkg/ontology#Happened', 'x', '')
    >>> isinstance(cell(URIRef("urn:x")), IRI)
    True
    """
    if term is None:
        return ""
    return IRI(term) if isinstance(term, URIRef) else str(term)


def prefixed(iri: str) -> str:
    """``iri`` as a prefixed name when it is in one of the graph's namespaces (see
    :data:`kg.rdf.PREFIXES`, or ``rdf:``), else unchanged.

    >>> prefixed("https://w3id.org/dipkg/ontology#Happened"), prefixed("https://schema.org/EventScheduled")
    ('dip:Happened', 'schema:EventScheduled')
    >>> prefixed("https://example.org/x")
    'https://example.org/x'
    """
    from kg.rdf import PREFIXES

    best = max(((p, str(ns)) for p, ns in (*PREFIXES, ("rdf", RDF))
                if iri.startswith(str(ns)) and len(iri) > len(str(ns))),
               key=lambda pn: len(pn[1]), default=None)
    return iri if best is None else f"{best[0]}:{iri[len(best[1]):]}"


_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(text: str) -> str:
    r"""Control and invisible formatting characters as escapes (a table goes to a terminal).

    >>> print(_visible("a\tb\x1b[2Jc\u202e"))
    a\tb\x1b[2Jc\u202e
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
    return "".join(out)


def format_table(columns: list[str], rows: list[list[str]], *, max_width: int | None = None) -> str:
    """A plain-text table: IRIs as prefixed names (``dip:Happened``), control characters
    escaped, and cells cut to ``max_width`` characters when given (default: never cut).

    >>> print(format_table(["s", "n"], [[IRI("https://w3id.org/dipkg/ontology#Meeting"), "two words"]]))
    s            n
    -----------  ---------
    dip:Meeting  two words
    >>> print(format_table(["n"], [["two words"]], max_width=4))
    n
    ----
    two…
    """
    if max_width is not None and max_width < 1:
        raise UsageError(f"max_width must be at least 1, not {max_width}")

    def show(value: str) -> str:
        text = _visible(prefixed(value) if isinstance(value, IRI) else value)
        return text if max_width is None or len(text) <= max_width else text[: max_width - 1] + "…"

    cut = [[show(c) for c in r] for r in rows]
    heads = [_visible(c) for c in columns]
    widths = [max([len(c)] + [len(r[i]) for r in cut]) for i, c in enumerate(heads)]
    line = "  ".join(c.ljust(w) for c, w in zip(heads, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cut]
    return "\n".join(line.rstrip() for line in out)


def format_result(result: QueryResult, fmt: str = "table", *, max_width: int | None = None) -> str:
    """``result`` as text: ``table``, ``csv``, ``tsv`` or ``json``.

    ``json`` is a list of objects, one per row, keyed by column name (unbound
    values are ``""``).  csv and tsv have a header row and end with a newline;
    they and json give IRIs in full.  ``max_width`` cuts the cells of a table.

    >>> print(format_result(QueryResult(["a", "b"], [["1", "x,y"]]), "json"))
    [
      {
        "a": "1",
        "b": "x,y"
      }
    ]
    >>> format_result(QueryResult(["a", "b"], [["1", "x,y"]]), "csv")
    'a,b\\r\\n1,"x,y"\\r\\n'
    """
    if fmt == "table":
        n = len(result)
        return format_table(result.columns, result.rows, max_width=max_width) + \
            f"\n({n} row{'' if n == 1 else 's'})\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2)
    raise UsageError(f"unknown format '{fmt}' (use one of {', '.join(FORMATS)})")
