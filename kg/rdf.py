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

import re
from collections import defaultdict
from functools import lru_cache
from collections.abc import Iterable
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg import events, relations
from kg.gazetteer import iso_code
from kg.model import Actor, Extraction, Fact, Thing
from kg.names import name_key, slug
from kg.places import place_of
from kg.namespaces import DIP, ID, SEM
from kg.iris import (ACTOR_CLASSES, actor_iri, article_iri, event_iri,  # noqa: F401 (kg.rdf's API)
                     place_iri, place_key, report_iri, sentence_iri, thing_iri, thing_label)  # noqa: F401
from kg.triples import Triples


DOCUMENT_CLASSES = {
    "agreement": DIP.Agreement, "memorandum": DIP.MemorandumOfUnderstanding,
    "protocol": DIP.Protocol, "treaty": DIP.Treaty, "declaration": DIP.Declaration,
    "programme": DIP.Programme, "contract": DIP.Contract, "roadmap": DIP.Roadmap,
}
EVENT_CLASSES = {
    "summit": DIP.Summit, "ceremony": DIP.Ceremony, "forum": DIP.Forum,
    "conference": DIP.Conference, "visit": DIP.Visit, "session": DIP.Session,
}
PLACE_CLASSES = {"city": DIP.City, "venue": DIP.Venue}  # a country as a place is a dip:Place only
STATUS = {
    "happened": DIP.Happened, "planned": SDO.EventScheduled,
    "negated": DIP.Negated, "hypothetical": DIP.Hypothetical,
}
# When the facts about one attended event disagree, the event takes the first
# status of this list that occurs; the other facts become dip:Attendance records.
STATUS_PRIORITY = ("happened", "planned", "hypothetical", "negated")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# ----------------------------------------------------------------------- literals

@lru_cache(maxsize=4096)
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
    node = _add_actor_node(g, actor)
    country = ex.actors.get(actor.country or "")
    if country is not None and country.kind == "country" and actor.kind != "country":
        g.add((node, DIP.country, actor_iri(country)))


def _add_actor_node(g: Graph, actor: Actor) -> URIRef:
    """An actor's node: its classes, names, roles and (for a country) ISO code."""
    node = actor_iri(actor)
    g.add((node, RDF.type, DIP.Actor))
    if actor.kind in ACTOR_CLASSES:
        g.add((node, RDF.type, ACTOR_CLASSES[actor.kind]))
    _set_label(g, node, _actor_name(actor))
    for alias in sorted(actor.aliases):
        _add_alt_label(g, node, alias)
    for role in sorted(actor.roles):
        g.add((node, DIP.role, Literal(role)))
    if actor.kind == "country" and (code := iso_code(_actor_name(actor))) is not None:
        g.add((node, DIP.isoCode, Literal(code)))
    return node


def _thing_classes(thing: Thing) -> list[URIRef]:
    subtype = (thing.subtype or "").lower()
    if thing.kind == "place":
        return [DIP.Place]
    if thing.kind == "document":
        return [DIP.Document] + ([DOCUMENT_CLASSES[subtype]] if subtype in DOCUMENT_CLASSES else [])
    return [DIP.Event, DIP.AttendedEvent] + ([EVENT_CLASSES[subtype]] if subtype in EVENT_CLASSES else [])


def add_place(g: Graph, name: str) -> URIRef:
    """The node of the place ``name`` names (:mod:`kg.places`), with its label, GeoNames link,
    country and (for a venue) the place it is within."""
    place = place_of(name)
    node = place_iri(place)
    g.add((node, RDF.type, DIP.Place))
    if place.kind in PLACE_CLASSES:
        g.add((node, RDF.type, PLACE_CLASSES[place.kind]))
    # the gazetteer's name only: a phrase as written ("the Turkish capital Ankara") would win
    # as the longest name of the place in a store
    _set_label(g, node, place.name)
    if place.within is not None:
        g.add((node, DIP.within, add_place(g, place.within.name)))
    if place.geonames_iri is not None:
        g.add((node, OWL.sameAs, place.geonames_iri))
    if place.country:
        country = Actor(name_key(place.country), place.country, "country")
        g.add((node, DIP.country, actor_iri(country)))
        if (actor_iri(country), RDFS.label, None) not in g:  # not an actor of the article: the gazetteer's
            _add_actor_node(g, country)
    return node


def _add_thing(g: Graph, ex: Extraction, thing: Thing, node: URIRef | None = None) -> URIRef:
    """A document, attended event or place node (``node``: the IRI an attended event has)."""
    if thing.kind == "place":
        return add_place(g, thing_label(thing))
    node = node if node is not None else thing_iri(ex.article.id, thing)
    for cls in _thing_classes(thing):
        g.add((node, RDF.type, cls))
    _set_label(g, node, thing_label(thing))
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


def _object(g: Graph, ex: Extraction, key: str, things_at: dict[str, URIRef]) -> tuple[URIRef, str]:
    """The node and the name of a fact's object: a document, event or place, or an actor.
    ``things_at`` names the attended events' nodes (shared with other articles)."""
    if key in ex.things:
        thing = ex.things[key]
        return _add_thing(g, ex, thing, things_at.get(key)), thing_label(thing)
    return actor_iri(ex.actors[key]), _actor_name(ex.actors[key])


def _names(ex: Extraction, keys: list[str]) -> str:
    return ", ".join(sorted(_actor_name(ex.actors[k]) for k in keys))


def _object_key(ex: Extraction, obj: str) -> str:
    """What names a fact's object across articles, for the merge key: a place's id, a
    document's or event's folded name ("" for actors, who are among the participants)."""
    thing = ex.things.get(obj)
    if thing is None:
        return ""
    if thing.kind == "place":  # the place itself, not its city: two venues are two visits
        return "place:" + str(place_iri(place_of(thing_label(thing))))
    return f"{thing.kind}:{slug(thing.key)}"


def _event_node(g: Graph, ex: Extraction, group: events.EventGroup, node: URIRef, key: str,
                things_at: dict[str, URIRef]) -> None:
    """Type and label the event node ``node`` of one group of facts."""
    if group.on_thing:
        _add_thing(g, ex, ex.things[group.obj], node)
        g.add((node, DIP.mergeKey, Literal(key)))
        return
    spec = _spec(group.relation)
    names = []
    for obj in group.objects:
        target, name = _object(g, ex, obj, things_at)
        names.append(name)
        if spec.object_link is not None:
            g.add((node, spec.object_link, target))
    name = ", ".join(names)
    actors = [k for k in sorted(group.participants) if k not in group.objects]
    label = spec.event_label.replace("{actors}", _names(ex, actors)).replace("{object}", name).strip()
    g.add((node, RDF.type, DIP.Event))
    g.add((node, RDF.type, spec.event_class))
    g.add((node, DIP.mergeKey, Literal(key)))
    _set_label(g, node, label if group.status == "happened" else f"{label} ({group.status})")


def _add_event(g: Graph, ex: Extraction, group: events.EventGroup, report: events.Report,
               identity: events.Identity, node: URIRef, things_at: dict[str, URIRef]) -> URIRef:
    _event_node(g, ex, group, node, report.key, things_at)
    role = _spec(group.relation).subject_role
    subjects = {f.subject for f in group.facts}
    for k in sorted(group.participants):
        g.add((node, DIP.participant, actor_iri(ex.actors[k])))
        if role is not None and k in subjects:
            g.add((node, role, actor_iri(ex.actors[k])))
        _add_participation(g, ex, node, report, ex.actors[k])
    g.add((node, SDO.eventStatus, STATUS[group.status]))
    g.add((node, PROV.wasDerivedFrom, article_iri(ex.article.id)))
    day = _date(identity.date)
    if day is not None and (node, DIP.date, None) not in g:
        g.add((node, DIP.date, day))
    account = URIRef(report.node)
    g.add((node, DIP.report, account))
    g.add((account, RDF.type, DIP.Report))
    g.add((account, PROV.wasDerivedFrom, article_iri(ex.article.id)))
    if (reported_day := _date(report.date)) is not None:
        g.add((account, DIP.reportedDate, reported_day))
        g.add((account, DIP.dateStated, Literal(report.stated)))
    elif group.period is not None and None not in (first := _date(group.period[0]), last := _date(group.period[1])):
        g.add((account, DIP.notBefore, first))  # "last week", "in 2009": a period, not a day
        g.add((account, DIP.notAfter, last))
    if group.place:
        g.add((node, DIP.place, add_place(g, group.place)))
    for f in group.facts:
        if f.trigger:
            g.add((node, DIP.trigger, Literal(f.trigger)))
        _add_evidence(g, ex, node, f)
    return node


def _add_participation(g: Graph, ex: Extraction, event: URIRef, report: events.Report, actor: Actor) -> None:
    """The roles the article gives an actor, as its part in one event on that event's date
    (a ``sem:Role``): "Kazakh Prime Minister" held on 25 April 2024, not for ever."""
    if not actor.roles:
        return
    node = URIRef(f"{report.node}/role/{slug(actor.key)}")
    g.add((event, DIP.participation, node))
    g.add((node, RDF.type, SEM.Role))
    g.add((node, RDF.type, DIP.Participation))
    g.add((node, RDF.value, actor_iri(actor)))
    g.add((node, PROV.wasDerivedFrom, article_iri(ex.article.id)))
    for role in sorted(actor.roles):
        g.add((node, DIP.roleName, Literal(role)))
    if (day := _date(report.date)) is not None:
        g.add((node, DIP.asOf, day))


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
    planned = _planned_events(ex)
    _write(g, ex, planned, _identities([planned]))
    return g


def extraction_triples(ex: Extraction) -> Triples:
    """The triples :func:`extraction_to_graph` makes of one extraction, in a light
    :class:`kg.triples.Triples` rather than an rdflib graph: what ``kg build`` puts in its
    target (about ten times faster to fill)."""
    out = Triples()
    planned = _planned_events(ex)
    _write(out, ex, planned, _identities([planned]))
    return out


def _planned_events(ex: Extraction) -> list[tuple[events.EventGroup, events.Report]]:
    """The events of one extraction (:func:`kg.events.group_facts`), each with its report."""
    facts = [f for f in ex.facts if _usable(ex, f)]
    return [(group, _report(ex, group)) for group in events.group_facts(ex, facts, _event_status(facts))]


def _identities(planned: Iterable[list[tuple[events.EventGroup, events.Report]]]) -> dict:
    """Where :func:`kg.events.cluster` puts the reports of these articles' events."""
    return events.cluster([report for pairs in planned for _group, report in pairs])


def _write(g: Graph, ex: Extraction, planned: list[tuple[events.EventGroup, events.Report]],
           identities: dict) -> None:
    _add_article(g, ex)
    for key in sorted(ex.actors):
        _add_actor(g, ex, ex.actors[key])
    nodes = [event_iri(group.relation, report.key, identities[report].anchor) for group, report in planned]
    # an attended event's node is also the object of other facts about it (an attendance record)
    things_at = {group.obj: node for (group, _report), node in zip(planned, nodes) if group.on_thing}
    for (group, report), node in zip(planned, nodes):
        event = _add_event(g, ex, group, report, identities[report], node, things_at)
        for f in group.facts:
            if f.status == "happened":
                _add_direct(g, ex, f, event)


def _report(ex: Extraction, group: events.EventGroup) -> events.Report:
    """The article's report of one event: its merge key, the date it gives, its place."""
    # an attended event is named by what it is, not by who of its attendees an article names
    people = () if group.on_thing else group.participants
    key = events.merge_key(group.relation, group.status, people, _object_key(ex, group.obj))
    reported, stated = events.event_date(group, ex.article.date)
    place = place_of(group.place).key if group.place else None
    return events.Report(key, ex.article.id, str(report_iri(ex.article.id, group)), reported, stated, place)


def extractions_to_graph(exs: Iterable[Extraction]) -> Graph:
    """One graph holding every extraction; actors shared across articles are merged, and so are
    the reports of one event (:func:`kg.events.cluster`), as a store merges them."""
    g = Graph()
    bind_prefixes(g)
    plans = [(ex, _planned_events(ex)) for ex in exs]
    identities = _identities(planned for _ex, planned in plans)
    for ex, planned in plans:
        _write(g, ex, planned, identities)
    return g


def person_keys(graph: Graph) -> set[str]:
    """The actor keys of the people already in ``graph`` (the inverse of :func:`actor_iri`)."""
    from urllib.parse import unquote

    prefix = str(ID["person/"])
    return {unquote(str(p)[len(prefix):]).replace("-", " ")
            for p in graph.subjects(RDF.type, DIP.Person) if str(p).startswith(prefix)}
