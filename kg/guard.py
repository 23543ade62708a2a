"""What a query run by kg (``kg query``, ``kg serve``) may not do: call another endpoint with ``SERVICE``.

Oxigraph evaluates ``SERVICE <url> { ... }`` (and ``SERVICE SILENT``) by
making the HTTP request itself, from its Rust code, where no Python audit hook
sees it.  So the query text is checked before it reaches a store (and, the
same way, before rdflib sees it): it is split into the tokens of the SPARQL 1.1
grammar (comments, strings, IRIs, prefixed names, variables, blank nodes,
language tags, words), and a word ``SERVICE`` in any case is refused.  The word
inside a string, an IRI, a comment, a variable or a prefixed name
(``ex:service``) is not a keyword and is let through.

Should the text hold a character that no SPARQL token starts with (a stray
backslash, say), the split may not be the one the query engine makes, so the
check falls back to refusing ``service`` anywhere in the text.
"""
from __future__ import annotations

import re

# the character classes of the SPARQL 1.1 grammar (section 19.8)
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS = _BASE + "_\\-0-9\u00b7\u0300-\u036f\u203f\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

_TOKEN = re.compile(rf'''
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>"""(?:"{{0,2}}(?:[^"\\]|\\.))*"""|\'\'\'(?:'{{0,2}}(?:[^'\\]|\\.))*\'\'\'
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
  | (?P<pname>(?:[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?:(?:[{_CHARS}.:]|{_PLX})*)
  | (?P<bnode>_:[{_CHARS}.]*)
  | (?P<var>[?$][{_CHARS}]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{{}}()\[\];,.*=!<>|/^+\-?])
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)

REFUSED = "SERVICE is refused: kg does not query other endpoints or reach the network"


def service_refusal(text: str) -> str | None:
    """A message if the query ``text`` calls ``SERVICE``, else None.

    >>> service_refusal("SELECT * WHERE { service <http://x/sparql> { ?s ?p ?o } }") == REFUSED
    True
    >>> service_refusal('PREFIX ex: <http://x/service#> SELECT ?service WHERE { ?service ex:service "SERVICE" }')
    >>> service_refusal("SELECT ?service WHERE { ?service ?p _:service } # SERVICE <http://x/> {}")
    >>> service_refusal("PREFIX ex: <urn:> SELECT * WHERE { ?s ex:a\\\\#x ?o . SERVICE <http://x/> {} }") == REFUSED
    True
    >>> service_refusal("SELECT * WHERE { ?s ?p ?o } \\\\ service") == REFUSED  # unreadable: any 'service' is refused
    True
    """
    if "service" not in text.lower():  # the keyword is ASCII letters: no tokens to look at
        return None
    unsure = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word" and match.group().upper() == "SERVICE":
            return REFUSED
        unsure = unsure or kind == "other"
    if unsure and "service" in text.lower():
        return REFUSED
    return None
