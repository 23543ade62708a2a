"""An interactive, self-contained HTML view of the actor network (vis-network).

:func:`render` turns an RDF graph written by :mod:`kg.rdf` (or the
:class:`networkx.MultiGraph` of :func:`kg.network.to_networkx`) into ONE HTML
page that works offline: vis-network's script and stylesheet (shipped with
pyvis, ``pyvis/lib/vis-9.1.2``) are inlined, and nothing is fetched from the
network.  pyvis' own templates are not used: they load Bootstrap and TomSelect
from a CDN, write the heading unescaped and call the quadratic ``add_edge``.

What the page shows (the data is :func:`kg.viewdata.view_data`'s):

* two networks, switched by a control: the *actor network* (actors shaped
  and coloured by type, sized by degree; one edge per pair of actors and
  relation, labelled by the relation, its tooltip listing every fact with its
  evidence and article) and the *event network* (actors linked to the
  documents they signed and the events they took part in);
* positions computed in Python (:mod:`kg.layout`), drawn with physics off,
  so the first paint is the final picture; only the most connected actors
  are labelled until the user zooms in;
* a time range (two dates, a play button that moves the window forward) and
  an "undated facts" box (ticked: facts without a date are shown);
* filters for relation, country and actor kind with their counts; isolated
  actors and actors only seen in plans are hidden until their boxes are ticked;
* a search box; a click on an actor opens a panel with its timeline (date,
  relation, other party, evidence, article link);
* exports: a PNG of the canvas and a CSV of the visible edges.

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
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from kg import relations as registry
from kg.errors import OutputError
from kg.viewdata import DEFAULT_MAX_NODES, DEFAULT_TITLE, view_data

__all__ = ["DEFAULT_MAX_NODES", "DEFAULT_TITLE", "display", "render", "view_data", "write_html"]

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
#: the event network's documents and events
THING_STYLE: dict[str, dict[str, str]] = {
    "document": {"shape": "box", "color": "#fce8b2", "legend": "Document"},
    "event": {"shape": "square", "color": "#b07aa1", "legend": "Event"},
}
LABEL_TOP = 40  # labelled at any zoom: the actors with the most facts
LABEL_ZOOM = 0.9  # past this zoom every node is labelled

_JS_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


# ---------------------------------------------------------------------- helpers

def _script_json(data) -> str:
    """JSON fit to sit inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/9 left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JS_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


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


# ---------------------------------------------------------------------- the page

def render(graph_or_nx, *, actor: str | None = None, depth: int = 1, relations=None,
           since=None, until=None, max_nodes: int = DEFAULT_MAX_NODES, title: str | None = None,
           note: Callable[[str], None] | None = _stderr) -> str:
    """One self-contained HTML page (a string) showing the actor and event networks.

    ``graph_or_nx`` is an rdflib Graph written by :mod:`kg.rdf` or the
    MultiGraph of :func:`kg.network.to_networkx`.  The filters are those of
    :func:`view_data`.  ``title`` defaults to the graph's own
    (:func:`kg.viewdata.graph_title`).  ``note`` receives what was left out
    (default: printed on stderr; None to keep quiet); the page says it too.
    """
    data = view_data(graph_or_nx, actor=actor, depth=depth, relations=relations, since=since,
                     until=until, max_nodes=max_nodes)
    if note is not None:
        for text in data["notes"]:
            note(text)
    return _page(data, str(title if title is not None else data["title"]))


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
             f'border:1px solid #ddd" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads">'
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
    for style in (*NODE_STYLE.values(), *THING_STYLE.values()):
        rows.append(f'<div class="kg-leg"><span class="kg-sym kg-{style["shape"]}" '
                    f'style="--c:{style["color"]}"></span>{html.escape(style["legend"])}</div>')
    for rel, style in edge_styles().items():
        line = "dashed" if style["dashes"] else "solid"
        rows.append(f'<div class="kg-leg"><span class="kg-line" style="border-top:3px {line} '
                    f'{style["color"]}"></span>{html.escape(rel)}</div>')
    return "\n".join(rows)


def _settings(data: dict) -> dict:
    """How the page draws: styles, and what is labelled at the first paint."""
    n = len(data["nodes"])
    return {"nodeStyle": NODE_STYLE, "edgeStyle": edge_styles(), "factsPerTooltip": _FACTS_PER_TOOLTIP,
            "thingStyle": THING_STYLE, "edgeLabels": len(data["edges"]) <= 1500,
            "labelTop": LABEL_TOP, "labelZoom": 0.0 if n <= LABEL_TOP else LABEL_ZOOM, "playMs": 700}


def _page(data: dict, title: str) -> str:
    from kg.counts import describe_events

    n = len(data["nodes"])
    keys = ("nodes", "edges", "happenings", "things", "links", "period", "counts")
    payload = {**{k: data[k] for k in keys}, "events": dict(data["events"]), "settings": _settings(data)}
    summary = f"{n} actor{'s' if n != 1 else ''}; {describe_events(data['events'])}"
    notes = "".join(f'<div class="kg-note">{html.escape(t)}</div>' for t in data["notes"])
    return _asset("view.html").format(
        title=html.escape(title, quote=True), summary=html.escape(summary), notes=notes,
        legend=_legend(), vis_css=_inline_style(_vendor("vis-network.css")),
        app_css=_inline_style(_asset("view.css")),
        vis_js=_inline_script(_vendor("vis-network.min.js")), data=_script_json(payload),
        app_js=_inline_script(_asset("view.js")))


def _asset(name: str) -> str:
    """A page asset shipped as data in ``kg/data`` (the page template, its script)."""
    from importlib import resources

    return resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
