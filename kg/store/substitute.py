"""Bind values into SPARQL text for stores that take no ``initBindings``.

rdflib binds a variable before evaluation (``initBindings``).  Oxigraph's
``substitutions`` only accepts projected variables, and the SPARQL protocol has
no bindings at all, so for those stores :func:`substitute` rewrites the query:
each occurrence of a bound variable becomes the RDF term, written by rdflib's
``n3()`` (which escapes quotes, backslashes and line breaks), so a value is
always one term and never syntax.  This is the replacement semantics of the
SPARQL-dev proposal SEP-0007 that ``initBindings`` follows too: the value is
seen inside sub-queries and filters alike.  A bound variable in a ``SELECT``
list becomes ``(term AS ?var)``, so the column still shows the value; the
target of ``AS`` is never replaced.  Comments, strings and IRIs are skipped.

>>> from rdflib import Literal, URIRef
>>> substitute("SELECT ?n WHERE { ?a <urn:name> ?n } # ?a", {"a": URIRef("urn:x")})
'SELECT ?n WHERE { <urn:x> <urn:name> ?n } # ?a'
>>> substitute('SELECT ?s WHERE { ?s ?p ?o }', {"o": Literal('x" } ; DROP ALL ; #')})
'SELECT ?s WHERE { ?s ?p "x\\\\" } ; DROP ALL ; #" }'
>>> substitute("SELECT ?a ?b WHERE { ?a ?p ?b }", {"a": URIRef("urn:x")})
'SELECT (<urn:x> AS ?a) ?b WHERE { <urn:x> ?p ?b }'
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[{}()])
''', re.X | re.S)


def substitute(text: str, bindings: dict) -> str:
    """``text`` with each variable named in ``bindings`` (without ``?``) replaced by its term."""
    terms = {str(k).lstrip("?$"): v.n3() for k, v in (bindings or {}).items()}
    if not terms:
        return text
    out: list[str] = []
    pos = 0
    projection = False  # between SELECT and its WHERE / {
    depth = 0  # parentheses inside a projection
    after_as = False
    for m in _TOKEN.finditer(text):
        kind, token = m.lastgroup, m.group()
        out.append(text[pos:m.start()])
        pos = m.end()
        if kind == "word":
            upper = token.upper()
            if upper == "SELECT":
                projection, depth = True, 0
            elif upper == "WHERE":
                projection = False
            after_as = upper == "AS"
            out.append(token)
            continue
        if kind == "punct":
            if token == "{":
                projection = False
            elif projection:
                depth += 1 if token == "(" else -1
        if kind == "var" and token[1:] in terms and not after_as:
            term = terms[token[1:]]
            token = f"({term} AS {token})" if projection and depth == 0 else term
        after_as = False
        out.append(token)
    out.append(text[pos:])
    return "".join(out)
