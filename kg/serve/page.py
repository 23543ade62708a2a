"""The HTML query page of :mod:`kg.serve` and the listing of saved queries
(``ontology/queries/*.rq``); all outside text is escaped."""
from __future__ import annotations

import html
from pathlib import Path

from kg.serve.protocol import ENDPOINT
from kg.sparql import QUERY_DIR

# --------------------------------------------------------------------------- HTML

STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
textarea{width:100%;font-family:monospace;font-size:0.9em}
pre{background:#f4f4f4;padding:0.6em;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:0.2em 0.5em;text-align:left}
.note{color:#8a4b00}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"
EXAMPLE_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 25"""
FORMAT_CHOICES = [("html", "HTML table"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"),
                  ("csv", "CSV"), ("tsv", "TSV"), ("turtle", "Turtle (CONSTRUCT/DESCRIBE)")]


def saved_queries(directory: Path = QUERY_DIR) -> list[tuple[str, str, str]]:
    """(name, description, text) of each saved query, as :func:`kg.sparql.list_saved` reads them;
    the description names the parameters to bind.  An unreadable folder lists nothing."""
    from kg.errors import KGError
    from kg.sparql import list_saved

    try:
        queries = list_saved(directory)
    except (KGError, OSError, UnicodeDecodeError):
        return []
    return [(q.name, " ".join([q.description] + [f"Parameter ?{p.name} ({p.kind}): {p.meaning}."
                                                 for p in q.params]).strip(), q.text)
            for q in queries]


def render_page(*, graph_name: str, triples: int, read_only: bool, timeout: float, max_rows: int,
                query: str = "", results: str = "", note: str = "", source: str = "Graph") -> str:
    """The HTML page: query form, optional results (already-escaped HTML), saved queries.

    ``source`` says what ``graph_name`` names: ``"Graph"`` (a file) or ``"Store"`` (a directory).

    Everything taken from outside (file names, query text, notes) is escaped here.
    """
    e = html.escape
    options = "".join(f'<option value="{e(v)}">{e(label)}</option>' for v, label in FORMAT_CHOICES)
    mode = "read-only" if read_only else "updates allowed (POST update=)"
    summary = (f"{source} {graph_name}: {triples} triples; {mode}; time limit {timeout:g} s; "
               f"at most {max_rows} rows per result. SPARQL 1.1 Protocol endpoint: {ENDPOINT}")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e('kg SPARQL endpoint: ' + graph_name)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{e('kg SPARQL endpoint')}</h1>",
        f"<p>{e(summary)}</p>",
        f'<form action="{ENDPOINT}" method="get">',
        f'<p><textarea name="query" rows="12" cols="100">{e(query or EXAMPLE_QUERY)}</textarea></p>',
        f'<p><label>{e("Result format:")} <select name="format">{options}</select></label> ',
        f'<button type="submit">{e("Run (GET)")}</button> ',
        f'<button type="submit" formmethod="post">{e("Run (POST)")}</button></p></form>',
    ]
    if note:
        parts.append(f'<p class="note">{e(note)}</p>')
    if results:
        parts += [f"<h2>{e('Results')}</h2>", results]
    parts.append(f"<h2>{e('Saved queries')}</h2>")
    queries = saved_queries()
    if not queries:
        parts.append(f"<p>{e('none found in ' + str(QUERY_DIR))}</p>")
    for name, description, text in queries:
        parts += [
            f"<h3>{e(name)}</h3>", f"<p>{e(description)}</p>", f"<pre>{e(text)}</pre>",
            f'<form action="{ENDPOINT}" method="get"><input type="hidden" name="query" value="{e(text)}">',
            '<input type="hidden" name="format" value="html">',
            f'<button type="submit">{e("Run " + name)}</button></form>',
        ]
    parts.append("</body></html>")
    return "\n".join(parts)

