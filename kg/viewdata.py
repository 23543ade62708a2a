"""What the HTML view (:mod:`kg.view`) embeds in its page: :func:`view_data`.

Two networks over the same actors, both with positions computed here
(:mod:`kg.layout`) so that the browser draws them with physics off:

* the *actor network*: one node per actor, one edge per pair of actors and
  relation carrying every fact between them;
* the *event network*: the actors, plus one node per document signed and per
  other event that happened (a meeting, a call, an attended summit: the event
  nodes of the RDF, :mod:`kg.events`), each actor linked to the documents it
  signed and the events it took part in.

Each happened event shown is also listed once in ``happenings`` (date,
relation, actors, evidence, article) for the actors' timelines and the time
range.  Article URLs are kept as links only when they are http(s)
(:func:`http_url`).
"""
from __future__ import annotations

from collections import Counter, defaultdict, deque
from datetime import date, datetime
from urllib.parse import urlsplit

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SDO, VOID

from kg import relations as registry
from kg.errors import UsageError
from kg.namespaces import DIP

DEFAULT_MAX_NODES = 1500
DEFAULT_TITLE = "Diplomatic knowledge graph"
KINDS = ("person", "country", "organization", "actor")
_FACT_KEYS = ("date", "place", "document", "sentence", "article", "title")


# ---------------------------------------------------------------------- helpers

def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (no ``javascript:`` links).

    >>> http_url("https://news.example/a"), http_url("javascript:alert(1)")
    ('https://news.example/a', None)
    """
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


def iso_day(value, name: str) -> str | None:
    """``value`` (a date, datetime or ISO text) as ``YYYY-MM-DD``; None for nothing."""
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


def in_range(day: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether a fact of ``day`` passes the ``since``/``until`` range (undated: only without one)."""
    if not (lo or hi):
        return True
    day = (day or "")[:10]
    return bool(day) and not (lo and day < lo) and not (hi and day > hi)


def _network(graph_or_nx) -> nx.MultiGraph:
    from kg.network import check_network, to_networkx

    if isinstance(graph_or_nx, Graph):
        return to_networkx(graph_or_nx)
    if isinstance(graph_or_nx, nx.MultiGraph):
        check_network(graph_or_nx)
        return graph_or_nx
    raise TypeError(f"expected an rdflib Graph or the MultiGraph of kg.network.to_networkx, "
                    f"not {type(graph_or_nx).__name__}")


def _fact(d: dict) -> dict:
    url = d.get("url")
    return {**{k: d.get(k) for k in _FACT_KEYS}, "url": http_url(url),
            "url_text": None if http_url(url) or not url else str(url), "event": d.get("event")}


# ---------------------------------------------------------------------- from the RDF

def planned_actors(rdf: Graph) -> set[str]:
    """The actors taking part in an event that did not happen (planned, denied, called off...)."""
    out = set()
    for event, status in rdf.subject_objects(SDO.eventStatus):
        if status != DIP.Happened:
            out.update(str(a) for a in rdf.objects(event, DIP.participant))
    return out


def event_things(rdf: Graph, events: dict) -> dict[str, list[tuple[str, str, str]]]:
    """Per happened event, the nodes of the event network: ``(iri, label, kind)``.

    A signing gives its documents ("document"); any other event gives itself ("event"),
    labelled with its ``rdfs:label`` (the attended summit's name, "Meeting of ...").
    """
    out = {}
    for iri, ev in events.items():
        spec = registry.get(ev["relation"])
        node = URIRef(iri)
        docs = []
        if spec.object_thing == "document" and spec.object_link is not None:
            docs = [(str(t), str(rdf.value(t, RDFS.label) or t).strip(), "document")
                    for t in sorted(rdf.objects(node, spec.object_link)) if (t, RDF.type, DIP.Actor) not in rdf]
        out[iri] = docs or [(iri, str(rdf.value(node, RDFS.label) or _event_name(ev)), "event")]
    return out


def _event_name(ev: dict) -> str:
    return " ".join(x for x in (ev["relation"], ev.get("date")) if x)


def _fallback_things(events: dict) -> dict[str, list[tuple[str, str, str]]]:
    """:func:`event_things` for a networkx graph (no RDF): documents by name, events by relation and date."""
    out = {}
    for iri, ev in events.items():
        spec = registry.get(ev["relation"])
        if spec.object_thing == "document" and ev.get("document"):
            out[iri] = [(f"document:{ev['document']}", ev["document"], "document")]
        else:
            out[iri] = [(iri, ev.get("document") or _event_name(ev), "event")]
    return out


def graph_title(graph_or_nx, G: nx.MultiGraph, period: dict) -> str:
    """The page's title: a dataset's ``dcterms:title`` (or label) when the graph has one, else
    the number of articles and their dates, as "Diplomatic knowledge graph: 3 articles, 2025-01-02 – 2025-06-11"."""
    if isinstance(graph_or_nx, Graph):
        for cls in (VOID.Dataset, DCAT.Dataset, SDO.Dataset):
            for ds in sorted(graph_or_nx.subjects(RDF.type, cls)):
                for prop in (DCTERMS.title, RDFS.label, SDO.name):
                    name = graph_or_nx.value(ds, prop)
                    if name is not None and str(name).strip():
                        return str(name).strip()
        articles = len(set(graph_or_nx.subjects(RDF.type, DIP.Article)))
    else:
        articles = len({ev.get("article") for ev in G.graph["events"].values() if ev.get("article")})
    if not articles:
        return DEFAULT_TITLE
    when = f"{period['from']} \u2013 {period['to']}" if period["from"] else "undated"
    return f"{DEFAULT_TITLE}: {articles} article{'s' if articles != 1 else ''}, {when}"


# ---------------------------------------------------------------------- the data

def _check(depth, max_nodes, lo, hi) -> None:
    if lo and hi and lo > hi:
        raise UsageError(f"since ({lo}) is after until ({hi})")
    if not isinstance(max_nodes, int) or isinstance(max_nodes, bool) or max_nodes < 1:
        raise UsageError(f"max_nodes must be a whole number above zero, not {max_nodes!r}")
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
        raise UsageError(f"depth must be a whole number of hops, not {depth!r}")


def _around(facts: list, centre: str, depth: int) -> set[str]:
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
    return keep


def _degrees(keep, facts) -> dict[str, int]:
    degree: dict[str, int] = dict.fromkeys(keep, 0)
    for u, v, _ in facts:
        degree[u] += 1
        degree[v] += 1
    return degree


def view_data(graph_or_nx, *, actor: str | None = None, depth: int = 1, relations=None,
              since=None, until=None, max_nodes: int = DEFAULT_MAX_NODES, seed: int = 7) -> dict:
    """The nodes, edges, events and notes that :func:`kg.view.render` embeds in the page.

    Filters, in this order: ``relations`` (default all of :mod:`kg.relations`) and the date range
    ``since``/``until`` (inclusive; undated facts are left out when a range is
    given) pick the facts; ``actor`` keeps the actors within ``depth`` hops of
    that actor over those facts; with any filter, actors left without a fact are
    dropped.  Then past ``max_nodes`` the most connected actors are kept.

    Returns ``{"nodes", "edges", "facts", "events", "notes", "relations", "omitted",
    "happenings", "things", "links", "period", "counts", "title"}``: every edge carries
    its ``facts`` (one per event and pair of actors); ``events`` is the page's count
    (:mod:`kg.counts`), the events that happened that pass the filters and have an
    actor on the page, by relation, each listed in ``happenings``; ``things`` and
    ``links`` are the event network's extra nodes and its edges; nodes have
    positions ``x``/``y`` (same ``seed``, same picture).
    """
    from kg.network import chosen_relations, find_actor

    G = _network(graph_or_nx)
    chosen = chosen_relations(relations, default=registry.names())
    lo, hi = iso_day(since, "since"), iso_day(until, "until")
    _check(depth, max_nodes, lo, hi)

    facts = [(u, v, d) for u, v, d in G.edges(data=True)
             if d.get("relation") in chosen and in_range(d.get("date"), lo, hi)]
    filtered = relations is not None or lo is not None or hi is not None
    notes: list[str] = []
    centre = None
    if actor is not None:
        centre = find_actor(G, actor)
        keep = _around(facts, centre, depth)
        facts = [f for f in facts if f[0] in keep and f[1] in keep]
    elif filtered:
        keep = {u for u, _, _ in facts} | {v for _, v, _ in facts}
    else:
        keep = set(G.nodes)

    degree = _degrees(keep, facts)
    omitted = {"nodes": 0, "facts": 0}
    if len(keep) > max_nodes:
        ranked = sorted(keep, key=lambda n: (n != centre, -degree[n], G.nodes[n]["label"], n))
        kept = set(ranked[:max_nodes])
        before = len(facts)
        facts = [f for f in facts if f[0] in kept and f[1] in kept]
        omitted = {"nodes": len(keep) - len(kept), "facts": before - len(facts)}
        keep = kept
        degree = _degrees(keep, facts)
        notes.append(f"showing the {len(keep)} most connected actors: {omitted['nodes']} less connected "
                     f"actor{'s' if omitted['nodes'] != 1 else ''} and {omitted['facts']} "
                     f"fact{'s' if omitted['facts'] != 1 else ''} involving them were left out "
                     f"(raise max-nodes to see more)")

    shown = {iri: ev for iri, ev in G.graph["events"].items()
             if ev["relation"] in chosen and in_range(ev.get("date"), lo, hi) and any(a in keep for a in ev["actors"])}
    planned = planned_actors(graph_or_nx) if isinstance(graph_or_nx, Graph) else set()
    ids = {n: i for i, n in enumerate(sorted(keep, key=lambda n: (G.nodes[n]["label"], n)))}
    nodes = _nodes(G, ids, degree, shown, planned, centre)
    edges = _edges(ids, facts)
    _place(nodes, edges, seed)
    things = event_things(graph_or_nx, shown) if isinstance(graph_or_nx, Graph) else _fallback_things(shown)
    happenings, extra, links = _event_network(shown, ids, things, nodes, seed)
    if not nodes:
        notes.append("no actors match these filters")
    period = _period(happenings)
    return {"nodes": nodes, "edges": edges, "facts": len(facts),
            "events": Counter(ev["relation"] for ev in shown.values()), "notes": notes,
            "relations": sorted({e["relation"] for e in edges}), "omitted": omitted,
            "happenings": happenings, "things": extra, "links": links, "period": period,
            "counts": _counts(nodes, shown), "title": graph_title(graph_or_nx, G, period)}


def _nodes(G, ids: dict, degree: dict, shown: dict, planned: set, centre) -> list[dict]:
    per_actor: Counter = Counter(a for ev in shown.values() for a in ev["actors"] if a in ids)
    happened = {a for ev in G.graph["events"].values() for a in ev["actors"]}
    nodes = []
    for n, i in ids.items():
        attrs = G.nodes[n]
        kind = attrs.get("type") if attrs.get("type") in KINDS else "actor"
        label = attrs.get("label") or n
        nodes.append({"id": i, "iri": n, "label": label, "type": kind,
                      "country": attrs.get("country"), "roles": list(attrs.get("roles") or []),
                      "aliases": list(attrs.get("aliases") or []), "degree": degree[n],
                      "events": per_actor[n], "centre": n == centre,
                      "nation": label if kind == "country" else attrs.get("country"),
                      "plan_only": n in planned and n not in happened})
    return nodes


def _edges(ids: dict, facts: list) -> list[dict]:
    grouped: dict[tuple, list[dict]] = defaultdict(list)
    for u, v, d in facts:
        a, b = sorted((ids[u], ids[v]))
        grouped[(a, b, d["relation"])].append(_fact(d))
    edges = []
    for i, ((a, b, rel), items) in enumerate(sorted(grouped.items(), key=lambda kv: kv[0])):
        items.sort(key=lambda f: (f["date"] is None, f["date"] or "", f["event"] or ""))
        edges.append({"id": i, "from": a, "to": b, "relation": rel, "facts": items})
    return edges


def _place(nodes: list[dict], edges: list[dict], seed: int) -> None:
    """Set each actor's ``x``/``y`` (:func:`kg.layout.spring` over the pairs, weighted by facts)."""
    from kg.layout import spring

    pairs = [(e["from"], e["to"], float(len(e["facts"]))) for e in edges]
    for node, (x, y) in zip(nodes, spring(len(nodes), pairs, seed=seed)):
        node["x"], node["y"] = x, y


def _event_network(shown: dict, ids: dict, things: dict, nodes: list[dict], seed: int) -> tuple[list, list, list]:
    """The happenings (one per event shown), the event network's documents and events, its links."""
    happenings, extra, links, thing_ids = [], [], [], {}
    members: dict[str, set[int]] = defaultdict(set)
    for iri in sorted(shown, key=lambda k: (shown[k].get("date") is None, shown[k].get("date") or "", k)):
        ev = shown[iri]
        actors = sorted(ids[a] for a in ev["actors"] if a in ids)
        index = len(happenings)
        mine = []
        for thing, label, kind in things[iri]:
            if thing not in thing_ids:
                thing_ids[thing] = f"t{len(thing_ids)}"
                named = kind == "document" or registry.get(ev["relation"]).object_is_event
                extra.append({"id": thing_ids[thing], "iri": thing, "label": label, "type": kind,
                              "caption": label if named else ""})  # a meeting's label repeats its links
            mine.append(thing_ids[thing])
            members[thing_ids[thing]].update(actors)
            for a in actors:
                links.append({"id": f"l{len(links)}", "from": a, "to": thing_ids[thing],
                              "relation": ev["relation"], "happening": index})
        happenings.append({**_fact(ev), "relation": ev["relation"], "actors": actors, "things": mine,
                           "date": (ev.get("date") or "")[:10] or None})
    _place_events(nodes, extra, members, seed)
    return happenings, extra, links


def _place_events(nodes: list[dict], extra: list[dict], members: dict, seed: int) -> None:
    """Positions in the event network: a layout of its own (actors ``ex``/``ey``) when it is small
    enough for an exact one, else each document or event beside its actors' places in the actor network."""
    from kg.layout import EXACT_UP_TO, around, spring

    if len(nodes) + len(extra) <= EXACT_UP_TO:  # node ids are their places in ``nodes``
        edges = [(a, len(nodes) + i, 1.0) for i, t in enumerate(extra) for a in sorted(members[t["id"]])]
        pos = spring(len(nodes) + len(extra), edges, seed=seed)
        for node in nodes:
            node["ex"], node["ey"] = pos[node["id"]]
        for i, thing in enumerate(extra):
            thing["x"], thing["y"] = pos[len(nodes) + i]
        return
    where = {n["id"]: (n["x"], n["y"]) for n in nodes}
    for i, thing in enumerate(extra):
        thing["x"], thing["y"] = around([where[a] for a in sorted(members[thing["id"]])], i, radius=60.0)


def _period(happenings: list[dict]) -> dict:
    days = sorted(h["date"] for h in happenings if h["date"])
    return {"from": days[0] if days else None, "to": days[-1] if days else None,
            "undated": sum(1 for h in happenings if not h["date"])}


def _counts(nodes: list[dict], shown: dict) -> dict:
    """The numbers next to each filter's options: events per relation, actors per country and kind."""
    return {"relation": dict(sorted(Counter(ev["relation"] for ev in shown.values()).items())),
            "country": dict(sorted(Counter(n["nation"] or "" for n in nodes).items())),
            "kind": dict(sorted(Counter(n["type"] for n in nodes).items()))}
