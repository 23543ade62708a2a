"""An interactive, self-contained HTML view of the actor network (vis-network).

:func:`render` turns an RDF graph written by :mod:`kg.rdf` (or the
:class:`networkx.MultiGraph` of :func:`kg.network.to_networkx`) into ONE HTML
page that works offline: vis-network's script and stylesheet (shipped with
pyvis, ``pyvis/lib/vis-9.1.2``) are inlined, and nothing is fetched from the
network.  pyvis' own templates are not used: they load Bootstrap and TomSelect
from a CDN, write the heading unescaped and call the quadratic ``add_edge``.

What the page shows:

* actors as nodes, shaped and coloured by type (legend in the corner), sized
  by degree (the number of facts they take part in); the heading counts the
  events that happened on the page (:mod:`kg.counts`), as ``kg build`` and
  ``kg analyze`` count them;
* one edge per pair of actors and relation, labelled by the relation (with a
  count when there are several facts); its tooltip lists every fact: date,
  place, document, the evidence sentence and the article (title, id, link
  when the article URL is http or https);
* a tooltip on every node with its type, roles, country and aliases; a click
  shows the same details in a side panel, where links can be followed;
* a search box (label or alias) and one check box per relation, with its
  number of events.

Safety: the data is serialised with :func:`json.dumps` with ``<``, ``>``,
``&`` and U+2028/2029 written as ``\\uXXXX`` escapes inside a
``<script type="application/json">`` block, and every tooltip is built in the
browser as DOM text (``textContent``), never as HTML; only http(s) URLs become
links.  So article-derived names, titles, sentences and URLs always show as
text.

Scale: past ``max_nodes`` actors, the most connected ones are kept and the page
(and stderr) says how many actors and facts were left out.
"""
from __future__ import annotations

import html
import json
import os
import sys
import warnings
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
from rdflib import Graph

from kg import relations as registry
from kg.errors import OutputError, UsageError

DEFAULT_MAX_NODES = 1500
DEFAULT_TITLE = "Diplomatic knowledge graph"

#: vis-network shape and colour per actor type (also drawn in the legend).
NODE_STYLE: dict[str, dict[str, str]] = {
    "person": {"shape": "dot", "color": "#4e79a7", "legend": "Person"},
    "country": {"shape": "diamond", "color": "#59a14f", "legend": "Country"},
    "organization": {"shape": "triangle", "color": "#f28e2b", "legend": "Organisation"},
    "actor": {"shape": "hexagon", "color": "#9c9c9c", "legend": "Other actor"},
}


def edge_styles() -> dict[str, dict]:
    """Colour, dashes and the word for the object of each relation of :mod:`kg.relations`.

    >>> edge_styles()[registry.by_role("attendance").name]
    {'color': '#a0a0a0', 'dashes': True, 'object': 'event'}
    """
    return {r.name: {"color": r.colour, "dashes": r.dashes,
                     "object": r.object_thing or ("place" if "place" in r.object_kinds else "with")}
            for r in registry.relations()}

_FACTS_PER_TOOLTIP = 8  # the side panel shows them all

_JS_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


# ---------------------------------------------------------------------- helpers

def _script_json(data) -> str:
    """JSON fit to sit inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/9 left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JS_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def _http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (no ``javascript:`` links)."""
    if not url:
        return None
    text = str(url).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() or ord(c) < 32 for c in text):
        return text
    return None


def _day(value, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise UsageError(f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}") from None


def _vendor(name: str) -> str:
    """The text of a vis-network file shipped in pyvis' package data."""
    try:
        return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise OutputError(f"cannot read vis-network from the pyvis package ({exc}); "
                          "install pyvis 0.3.2") from None


def _inline_script(code: str) -> str:
    # a script element ends at the first "</script"; "<!--" changes how it is parsed
    return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT").replace("<!--", "<\\!--")


def _inline_style(css: str) -> str:
    return css.replace("</style", "<\\/style").replace("</STYLE", "<\\/STYLE")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


# ---------------------------------------------------------------------- the data

def _network(graph_or_nx) -> nx.MultiGraph:
    from kg.network import check_network, to_networkx

    if isinstance(graph_or_nx, Graph):
        return to_networkx(graph_or_nx)
    if isinstance(graph_or_nx, nx.MultiGraph):
        check_network(graph_or_nx)
        return graph_or_nx
    raise TypeError(f"expected an rdflib Graph or the MultiGraph of kg.network.to_networkx, "
                    f"not {type(graph_or_nx).__name__}")


def view_data(graph_or_nx, *, actor: str | None = None, depth: int = 1, relations=None,
              since=None, until=None, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """The nodes, edges and notes that :func:`render` embeds in the page.

    Filters, in this order: ``relations`` (default all of :mod:`kg.relations`) and the date range
    ``since``/``until`` (inclusive; undated facts are left out when a range is
    given) pick the facts; ``actor`` keeps the actors within ``depth`` hops of
    that actor over those facts; with any filter, actors left without a fact are
    dropped.  Then past ``max_nodes`` the most connected actors are kept.

    Returns ``{"nodes": [...], "edges": [...], "facts": int, "events": Counter,
    "notes": [...], "relations": [...], "omitted": {"nodes": int, "facts": int}}``;
    every edge carries its ``facts`` (one per event and pair of actors).
    ``events`` is the page's count (:mod:`kg.counts`): the events that happened
    that pass the filters and have at least one actor on the page, by relation;
    each node has the number of those it takes part in as ``events``.
    """
    from kg.network import chosen_relations, find_actor

    G = _network(graph_or_nx)
    chosen = chosen_relations(relations, default=registry.names())
    lo, hi = _day(since, "since"), _day(until, "until")
    if lo and hi and lo > hi:
        raise UsageError(f"since ({lo}) is after until ({hi})")
    if not isinstance(max_nodes, int) or isinstance(max_nodes, bool) or max_nodes < 1:
        raise UsageError(f"max_nodes must be a whole number above zero, not {max_nodes!r}")
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
        raise UsageError(f"depth must be a whole number of hops, not {depth!r}")

    facts = []
    for u, v, d in G.edges(data=True):
        if d.get("relation") not in chosen:
            continue
        if not _in_range(d.get("date"), lo, hi):
            continue
        facts.append((u, v, d))
    filtered = relations is not None or lo is not None or hi is not None
    notes: list[str] = []

    keep: set[str]
    centre = None
    if actor is not None:
        centre = find_actor(G, actor)
        adjacency = defaultdict(set)
        for u, v, _ in facts:
            adjacency[u].add(v)
            adjacency[v].add(u)
        keep, queue = {centre}, deque([(centre, 0)])
        while queue:
            node, hops = queue.popleft()
            if hops < depth:
                for other in adjacency[node] - keep:
                    keep.add(other)
                    queue.append((other, hops + 1))
        facts = [f for f in facts if f[0] in keep and f[1] in keep]
    elif filtered:
        keep = {u for u, _, _ in facts} | {v for _, v, _ in facts}
    else:
        keep = set(G.nodes)

    degree: dict[str, int] = dict.fromkeys(keep, 0)
    for u, v, _ in facts:
        degree[u] += 1
        degree[v] += 1
    omitted = {"nodes": 0, "facts": 0}
    if len(keep) > max_nodes:
        ranked = sorted(keep, key=lambda n: (n != centre, -degree[n], G.nodes[n]["label"], n))
        kept = set(ranked[:max_nodes])
        before = len(facts)
        facts = [f for f in facts if f[0] in kept and f[1] in kept]
        omitted = {"nodes": len(keep) - len(kept), "facts": before - len(facts)}
        keep = kept
        degree = dict.fromkeys(keep, 0)
        for u, v, _ in facts:
            degree[u] += 1
            degree[v] += 1
        notes.append(f"showing the {len(keep)} most connected actors: {omitted['nodes']} less connected "
                     f"actor{'s' if omitted['nodes'] != 1 else ''} and {omitted['facts']} "
                     f"fact{'s' if omitted['facts'] != 1 else ''} involving them were left out "
                     f"(raise max-nodes to see more)")

    shown = _shown_events(G, chosen, lo, hi, keep)
    per_actor: Counter = Counter(a for ev in shown.values() for a in ev["actors"] if a in keep)
    ids = {n: i for i, n in enumerate(sorted(keep, key=lambda n: (G.nodes[n]["label"], n)))}
    nodes = []
    for n, i in ids.items():
        attrs = G.nodes[n]
        kind = attrs.get("type") if attrs.get("type") in NODE_STYLE else "actor"
        nodes.append({"id": i, "iri": n, "label": attrs.get("label") or n, "type": kind,
                      "country": attrs.get("country"), "roles": list(attrs.get("roles") or []),
                      "aliases": list(attrs.get("aliases") or []), "degree": degree[n],
                      "events": per_actor[n], "centre": n == centre})

    grouped: dict[tuple, list[dict]] = defaultdict(list)
    for u, v, d in facts:
        a, b = sorted((ids[u], ids[v]))
        url = d.get("url")
        grouped[(a, b, d["relation"])].append({
            "date": d.get("date"), "place": d.get("place"), "document": d.get("document"),
            "sentence": d.get("sentence"), "article": d.get("article"), "title": d.get("title"),
            "url": _http_url(url), "url_text": None if _http_url(url) or not url else str(url),
            "event": d.get("event")})
    edges = []
    for i, ((a, b, rel), items) in enumerate(sorted(grouped.items(), key=lambda kv: kv[0])):
        items.sort(key=lambda f: (f["date"] is None, f["date"] or "", f["event"] or ""))
        edges.append({"id": i, "from": a, "to": b, "relation": rel, "facts": items})
    if not nodes:
        notes.append("no actors match these filters")
    return {"nodes": nodes, "edges": edges, "facts": len(facts),
            "events": Counter(ev["relation"] for ev in shown.values()), "notes": notes,
            "relations": sorted({e["relation"] for e in edges}), "omitted": omitted}


def _in_range(date: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether a fact of ``date`` passes the ``since``/``until`` range (undated: only without one)."""
    if not (lo or hi):
        return True
    day = (date or "")[:10]
    return bool(day) and not (lo and day < lo) and not (hi and day > hi)


def _shown_events(G: nx.MultiGraph, chosen, lo: str | None, hi: str | None, keep: set[str]) -> dict:
    """The events that happened that pass the filters and have an actor among ``keep``."""
    return {iri: ev for iri, ev in G.graph["events"].items()
            if ev["relation"] in chosen and _in_range(ev.get("date"), lo, hi)
            and any(a in keep for a in ev["actors"])}


# ---------------------------------------------------------------------- the page

def render(graph_or_nx, *, actor: str | None = None, depth: int = 1, relations=None,
           since=None, until=None, max_nodes: int = DEFAULT_MAX_NODES, title: str = DEFAULT_TITLE,
           note: Callable[[str], None] | None = _stderr) -> str:
    """One self-contained HTML page (a string) showing the actor network.

    ``graph_or_nx`` is an rdflib Graph written by :mod:`kg.rdf` or the
    MultiGraph of :func:`kg.network.to_networkx`.  The filters are those of
    :func:`view_data`.  ``note`` receives what was left out (default: printed
    on stderr; None to keep quiet); the page says it too.
    """
    data = view_data(graph_or_nx, actor=actor, depth=depth, relations=relations, since=since,
                     until=until, max_nodes=max_nodes)
    if note is not None:
        for text in data["notes"]:
            note(text)
    return _page(data, str(title if title is not None else DEFAULT_TITLE))


def write_html(path: str | os.PathLike, graph_or_nx, **options) -> Path:
    """Write :func:`render`'s page to ``path`` atomically (temporary file, then rename)."""
    from kg.graphio import atomic_write

    page = render(graph_or_nx, **options).encode("utf-8")
    return atomic_write(path, lambda out: out.write(page))


class _Frame:
    """What :func:`display` returns when IPython is missing: HTML for any notebook front end."""

    def __init__(self, markup: str):
        self.data = markup

    def _repr_html_(self) -> str:
        return self.data

    def __str__(self) -> str:
        return self.data


def display(graph_or_nx, *, height: int = 650, **options):
    """The view for a notebook: an ``IPython.display.HTML`` holding an iframe (``srcdoc``).

    Works without IPython too (returns an object with ``_repr_html_``).
    """
    page = render(graph_or_nx, **options)
    frame = (f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;'
             f'border:1px solid #ddd" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox">'
             f'</iframe>')
    try:
        from IPython.display import HTML
    except ImportError:
        return _Frame(frame)
    with warnings.catch_warnings():  # "consider IFrame": IFrame cannot take srcdoc
        warnings.simplefilter("ignore", UserWarning)
        return HTML(frame)


def _legend() -> str:
    rows = []
    for style in NODE_STYLE.values():
        rows.append(f'<div class="kg-leg"><span class="kg-sym kg-{style["shape"]}" '
                    f'style="--c:{style["color"]}"></span>{html.escape(style["legend"])}</div>')
    for rel, style in edge_styles().items():
        line = "dashed" if style["dashes"] else "solid"
        rows.append(f'<div class="kg-leg"><span class="kg-line" style="border-top:3px {line} '
                    f'{style["color"]}"></span>{html.escape(rel)}</div>')
    return "\n".join(rows)


def _page(data: dict, title: str) -> str:
    from kg.counts import describe_events

    n = len(data["nodes"])
    settings = {
        "nodeStyle": NODE_STYLE, "edgeStyle": edge_styles(), "factsPerTooltip": _FACTS_PER_TOOLTIP,
        "iterations": 200 if n <= 300 else (120 if n <= 1000 else 60),
        "improvedLayout": n <= 150, "edgeLabels": len(data["edges"]) <= 1500,
    }
    payload = {"nodes": data["nodes"], "edges": data["edges"], "events": dict(data["events"]),
               "settings": settings}
    summary = f"{n} actor{'s' if n != 1 else ''}; {describe_events(data['events'])}"
    notes = "".join(f'<div class="kg-note">{html.escape(t)}</div>' for t in data["notes"])
    return _asset("view.html").format(
        title=html.escape(title, quote=True), summary=html.escape(summary), notes=notes,
        legend=_legend(), vis_css=_inline_style(_vendor("vis-network.css")),
        vis_js=_inline_script(_vendor("vis-network.min.js")), data=_script_json(payload),
        app_js=_asset("view.js"))


def _asset(name: str) -> str:
    """A page asset shipped as data in ``kg/data`` (the page template, its script)."""
    from importlib import resources

    return resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
