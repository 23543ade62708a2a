"""Write :class:`~kg.model.Extraction` records as an RDF graph (``ontology/dipkg.ttl``).

Every fact becomes an *event node* (a meeting, call, signing or attended event,
or the event class of any relation in :mod:`kg.relations`) that carries its
participants, status, date, place, trigger and evidence sentence, and is
``prov:wasDerivedFrom`` the article.  Facts that happened are also written as
*direct triples* with the relation's property (``dip:metWith`` in both
directions for a symmetric relation); planned, negated and hypothetical facts
only exist as events with that status.

IRIs are stable and free of blank nodes, so writing the same extraction twice
into one graph changes nothing, and an actor seen in several articles is one
node (keyed by its folded name).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg import relations
from kg.model import Actor, Extraction, Fact, Thing
from kg.names import slug
from kg.namespaces import DIP, ID, SEM


ACTOR_CLASSES = {"person": DIP.Person, "country": DIP.Country, "organization": DIP.Organization}
DOCUMENT_CLASSES = {
    "agreement": DIP.Agreement, "memorandum": DIP.MemorandumOfUnderstanding,
    "protocol": DIP.Protocol, "treaty": DIP.Treaty, "declaration": DIP.Declaration,
    "programme": DIP.Programme, "contract": DIP.Contract, "roadmap": DIP.Roadmap,
}
EVENT_CLASSES = {
    "summit": DIP.Summit, "ceremony": DIP.Ceremony, "forum": DIP.Forum,
    "conference": DIP.Conference, "visit": DIP.Visit, "session": DIP.Session,
}
STATUS = {
    "happened": DIP.Happened, "planned": SDO.EventScheduled,
    "negated": DIP.Negated, "hypothetical": DIP.Hypothetical,
}
# When the facts about one attended event disagree, the event takes the first
# status of this list that occurs; the other facts become dip:Attendance records.
STATUS_PRIORITY = ("happened", "planned", "hypothetical", "negated")
THING_FOLDERS = {"document": "document", "event": "event", "place": "place"}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --------------------------------------------------------------------------- IRIs

def _q(article_id: str) -> str:
    return quote(str(article_id), safe="")


def actor_iri(actor: Actor) -> URIRef:
    """``id:person/<slug>`` (or country/, organization/): one node per actor key."""
    kind = actor.kind if actor.kind in ACTOR_CLASSES else "actor"
    return ID[f"{kind}/{slug(actor.key)}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{_q(article_id)}"]


def sentence_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/sentence/{int(start)}-{int(end)}")


def thing_iri(article_id: str, thing: Thing) -> URIRef:
    """Documents, attended events and places are per article: ``id:document/<article>/<slug>``."""
    folder = THING_FOLDERS.get(thing.kind, "event")
    return ID[f"{folder}/{_q(article_id)}/{slug(thing.key)}"]


def event_iri(article_id: str, relation: str, start: int, participants: Iterable[str],
              obj: str = "", *qualifiers: str) -> URIRef:
    """``id:event/<article>/<relation>-<12 hex>``, hashed over the grouped facts."""
    payload = json.dumps([relation, int(start), sorted(set(participants)), obj, list(qualifiers)])
    digest = hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]
    return ID[f"event/{_q(article_id)}/{relation}-{digest}"]


# ----------------------------------------------------------------------- literals

def _date(value: str | None) -> Literal | None:
    """An ``xsd:date`` literal for an ISO date (a datetime is cut to its date), else None."""
    if not value or not _ISO_DATE.match(str(value)):
        return None
    try:
        return Literal(date.fromisoformat(str(value)[:10]).isoformat(), datatype=XSD.date)
    except ValueError:
        return None


def _set_label(g: Graph, node: URIRef, text: str) -> None:
    """Keep exactly one rdfs:label: the longest spelling seen; the others become altLabels."""
    labels = set(g.objects(node, RDFS.label)) | {Literal(text)}
    best = max(labels, key=lambda lit: (len(str(lit)), str(lit)))
    for other in labels - {best}:
        g.remove((node, RDFS.label, other))
        g.add((node, SKOS.altLabel, other))
    g.add((node, RDFS.label, best))
    g.remove((node, SKOS.altLabel, best))


def _add_alt_label(g: Graph, node: URIRef, text: str) -> None:
    if text.strip() and Literal(text) not in set(g.objects(node, RDFS.label)):
        g.add((node, SKOS.altLabel, Literal(text)))


# ---------------------------------------------------------------- nodes and facts

# The prefixes of the files kg writes, and of the names ``kg query`` tables show.
PREFIXES = (("dip", DIP), ("id", ID), ("sem", SEM), ("schema", SDO), ("prov", PROV),
            ("skos", SKOS), ("owl", OWL), ("rdfs", RDFS), ("xsd", XSD))


def bind_prefixes(graph: Graph) -> None:
    for prefix, ns in PREFIXES:
        graph.bind(prefix, ns, override=True, replace=True)


def _actor_name(actor: Actor) -> str:
    fallback = max(sorted(actor.aliases), key=len, default="") or actor.key or "unnamed"
    return actor.name if actor.name and actor.name.strip() else fallback


def _add_actor(g: Graph, ex: Extraction, actor: Actor) -> None:
    node = actor_iri(actor)
    g.add((node, RDF.type, DIP.Actor))
    if actor.kind in ACTOR_CLASSES:
        g.add((node, RDF.type, ACTOR_CLASSES[actor.kind]))
    _set_label(g, node, _actor_name(actor))
    for alias in sorted(actor.aliases):
        _add_alt_label(g, node, alias)
    for role in sorted(actor.roles):
        g.add((node, DIP.role, Literal(role)))
    country = ex.actors.get(actor.country or "")
    if country is not None and country.kind == "country" and actor.kind != "country":
        g.add((node, DIP.country, actor_iri(country)))


def _thing_classes(thing: Thing) -> list[URIRef]:
    subtype = (thing.subtype or "").lower()
    if thing.kind == "place":
        return [DIP.Place]
    if thing.kind == "document":
        return [DIP.Document] + ([DOCUMENT_CLASSES[subtype]] if subtype in DOCUMENT_CLASSES else [])
    return [DIP.Event, DIP.AttendedEvent] + ([EVENT_CLASSES[subtype]] if subtype in EVENT_CLASSES else [])


def _thing_label(thing: Thing) -> str:
    return thing.label if thing.label and thing.label.strip() else (thing.key or "unnamed")


def _add_thing(g: Graph, ex: Extraction, thing: Thing) -> URIRef:
    node = thing_iri(ex.article.id, thing)
    for cls in _thing_classes(thing):
        g.add((node, RDF.type, cls))
    _set_label(g, node, _thing_label(thing))
    return node


def _add_article(g: Graph, ex: Extraction) -> URIRef:
    art = ex.article
    node = article_iri(art.id)
    g.add((node, RDF.type, DIP.Article))
    g.add((node, DIP.articleId, Literal(art.id)))
    if art.title:
        g.add((node, SDO.headline, Literal(art.title)))
    if (published := _date(art.date)) is not None:
        g.add((node, SDO.datePublished, published))
    if art.url:
        g.add((node, SDO.url, Literal(art.url, datatype=XSD.anyURI)))
    if art.source:
        g.add((node, DIP.source, Literal(art.source)))
    return node


def _add_evidence(g: Graph, ex: Extraction, event: URIRef, fact: Fact) -> None:
    ev = fact.evidence
    node = sentence_iri(ex.article.id, ev.start, ev.end)
    g.add((node, RDF.type, DIP.Sentence))
    if (node, DIP.evidenceText, None) not in g:  # one text per span, first one wins
        g.add((node, DIP.evidenceText, Literal(ev.sentence)))
    g.add((node, DIP.startOffset, Literal(int(ev.start))))
    g.add((node, DIP.endOffset, Literal(int(ev.end))))
    g.add((node, DIP.inArticle, article_iri(ex.article.id)))
    g.add((event, DIP.evidence, node))


def _spec(name: str) -> relations.Relation | None:
    return next((r for r in relations.relations() if r.name == name), None)


def _usable(ex: Extraction, fact: Fact) -> bool:
    """A fact can be written when its relation, status and both ends are known."""
    spec = _spec(fact.relation)
    if spec is None or fact.status not in STATUS or fact.subject == fact.object:
        return False
    if fact.subject not in ex.actors:
        return False
    if spec.symmetric:
        return fact.object in ex.actors
    thing = ex.things.get(fact.object)
    if thing is not None:
        return thing.kind in spec.object_kinds
    return fact.object in ex.actors and spec.takes_actor_object(ex.actors[fact.object].kind)


def _event_status(facts: list[Fact]) -> dict[str, str]:
    """The status of each attended event: the highest-priority status of its facts."""
    found: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if _spec(f.relation).object_is_event:
            found[f.object].add(f.status)
    return {key: next(s for s in STATUS_PRIORITY if s in statuses) for key, statuses in found.items()}


class _Group(NamedTuple):
    """The facts that make up one event node."""

    relation: str
    start: int
    trigger: str
    status: str
    obj: str  # the object's key (a document, event, place or actor), "" for symmetric relations
    on_thing: bool  # True: the attended event node itself


def _group_key(fact: Fact, event_status: dict[str, str]) -> _Group:
    spec = _spec(fact.relation)
    if spec.symmetric:
        return _Group(fact.relation, fact.evidence.start, fact.trigger or "", fact.status, "", False)
    if spec.object_is_event and fact.status == event_status[fact.object]:
        return _Group(fact.relation, 0, "", fact.status, fact.object, True)
    return _Group(fact.relation, fact.evidence.start, "", fact.status, fact.object, False)


def _participants(ex: Extraction, facts: list[Fact]) -> list[str]:
    """The actors of an event: its subjects, and its objects when they are actors."""
    keys = {f.subject for f in facts}
    keys |= {f.object for f in facts if f.object in ex.actors and f.object not in ex.things}
    return sorted(keys)


def _object(g: Graph, ex: Extraction, key: str) -> tuple[URIRef, str]:
    """The node and the name of a fact's object: a document, event or place, or an actor."""
    if key in ex.things:
        thing = ex.things[key]
        return _add_thing(g, ex, thing), _thing_label(thing)
    return actor_iri(ex.actors[key]), _actor_name(ex.actors[key])


def _names(ex: Extraction, keys: list[str]) -> str:
    return ", ".join(sorted(_actor_name(ex.actors[k]) for k in keys))


def _event_node(g: Graph, ex: Extraction, key: _Group, facts: list[Fact]) -> URIRef:
    """Create the event node of one group of facts, typed and labelled."""
    relation, start, trigger, status, obj, on_thing = key
    if on_thing:
        return _add_thing(g, ex, ex.things[obj])
    spec = _spec(relation)
    keys = _participants(ex, facts)
    node = event_iri(ex.article.id, relation, start, keys, obj, trigger, status)
    name = ""
    if obj:
        target, name = _object(g, ex, obj)
        if spec.object_link is not None:
            g.add((node, spec.object_link, target))
    actors = [k for k in keys if k != obj]
    label = spec.event_label.replace("{actors}", _names(ex, actors)).replace("{object}", name).strip()
    g.add((node, RDF.type, DIP.Event))
    g.add((node, RDF.type, spec.event_class))
    _set_label(g, node, label if status == "happened" else f"{label} ({status})")
    return node


def _add_event(g: Graph, ex: Extraction, key: _Group, facts: list[Fact]) -> URIRef:
    node = _event_node(g, ex, key, facts)
    role = _spec(key.relation).subject_role
    subjects = {f.subject for f in facts}
    for k in _participants(ex, facts):
        g.add((node, DIP.participant, actor_iri(ex.actors[k])))
        if role is not None and k in subjects:
            g.add((node, role, actor_iri(ex.actors[k])))
    g.add((node, SDO.eventStatus, STATUS[key.status]))
    g.add((node, PROV.wasDerivedFrom, article_iri(ex.article.id)))
    dates = sorted(d for d in (_date(f.date) for f in facts) if d is not None)
    if dates and (node, DIP.date, None) not in g:
        g.add((node, DIP.date, dates[0]))
    for f in facts:
        if f.place:
            g.add((node, DIP.place, Literal(f.place)))
        if f.trigger:
            g.add((node, DIP.trigger, Literal(f.trigger)))
        _add_evidence(g, ex, node, f)
    return node


def _add_direct(g: Graph, ex: Extraction, fact: Fact, event: URIRef) -> None:
    """The direct actor triple(s) of a fact that happened."""
    spec = _spec(fact.relation)
    subject = actor_iri(ex.actors[fact.subject])
    if spec.symmetric:
        other = actor_iri(ex.actors[fact.object])
        g.add((subject, spec.property, other))
        g.add((other, spec.property, subject))
    elif spec.object_is_event:
        g.add((subject, spec.property, event))
    elif fact.object in ex.things:
        g.add((subject, spec.property, thing_iri(ex.article.id, ex.things[fact.object])))
    else:
        g.add((subject, spec.property, actor_iri(ex.actors[fact.object])))


def extraction_to_graph(ex: Extraction, graph: Graph | None = None, *, prefixes: bool = True) -> Graph:
    """Add one extraction to ``graph`` (a new graph when None) and return the graph.

    A new graph has kg's prefixes bound, unless ``prefixes`` is false (binding
    them costs more than the triples of a short article, and a graph that goes
    into a store is never written out on its own).
    """
    g = graph
    if g is None:
        g = Graph(bind_namespaces="none")
        if prefixes:
            bind_prefixes(g)
    _add_article(g, ex)
    for key in sorted(ex.actors):
        _add_actor(g, ex, ex.actors[key])
    facts = [f for f in ex.facts if _usable(ex, f)]
    event_status = _event_status(facts)
    groups: dict[_Group, list[Fact]] = defaultdict(list)
    for f in facts:
        groups[_group_key(f, event_status)].append(f)
    for key in sorted(groups):
        event = _add_event(g, ex, key, groups[key])
        for f in groups[key]:
            if f.status == "happened":
                _add_direct(g, ex, f, event)
    return g


def extractions_to_graph(exs: Iterable[Extraction]) -> Graph:
    """One graph holding every extraction; actors shared across articles are merged."""
    g = Graph()
    bind_prefixes(g)
    for ex in exs:
        extraction_to_graph(ex, g)
    return g


def person_keys(graph: Graph) -> set[str]:
    """The actor keys of the people already in ``graph`` (the inverse of :func:`actor_iri`)."""
    from urllib.parse import unquote

    prefix = str(ID["person/"])
    return {unquote(str(p)[len(prefix):]).replace("-", " ")
            for p in graph.subjects(RDF.type, DIP.Person) if str(p).startswith(prefix)}
