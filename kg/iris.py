"""The IRIs of kg's nodes: stable, from names, article ids and offsets, never blank nodes.

(:mod:`kg.rdf` writes the triples about them, and re-exports these functions.)
"""
from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from rdflib import URIRef

from kg import events
from kg.model import Actor, Thing
from kg.names import slug
from kg.namespaces import DIP, ID
from kg.places import Place, from_geonames, place_of

ACTOR_CLASSES = {"person": DIP.Person, "country": DIP.Country, "organization": DIP.Organization}
THING_FOLDERS = {"document": "document", "event": "event", "place": "place"}


def quoted(article_id: str) -> str:
    """An article id as one IRI path segment."""
    return quote(str(article_id), safe="")


def actor_iri(actor: Actor) -> URIRef:
    """``id:person/<slug>`` (or country/, organization/): one node per actor key."""
    kind = actor.kind if actor.kind in ACTOR_CLASSES else "actor"
    return ID[f"{kind}/{slug(actor.key)}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{quoted(article_id)}"]


def sentence_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/sentence/{int(start)}-{int(end)}")


def thing_iri(article_id: str, thing: Thing) -> URIRef:
    """Documents are per article (``id:document/<article>/<slug>``); a place is the gazetteer's
    (:func:`place_iri`).  An attended event is named as events are (:func:`event_iri`) when it
    is written; this per-article name is what it would have without."""
    if thing.kind == "place":
        return place_iri(place_of(thing_label(thing)))
    folder = THING_FOLDERS.get(thing.kind, "event")
    return ID[f"{folder}/{quoted(article_id)}/{slug(thing.key)}"]


def event_iri(relation: str, key: str, anchor: str) -> URIRef:
    """``id:event/<relation>-<16 hex>``: the event of merge key ``key`` anchored at ``anchor``
    (see :mod:`kg.events`); the same in every article that reports it."""
    return ID[f"event/{events.event_id(relation, key, anchor)}"]


def place_iri(place: Place) -> URIRef:
    """``id:place/geonames-<id>`` for a place the gazetteer knows, else ``id:place/<slug>``."""
    return ID[f"place/geonames-{place.geonames_id}"] if place.geonames_id else ID[f"place/{slug(place.name)}"]


def place_key(node, within=None) -> str | None:
    """:attr:`kg.places.Place.key` read back from a graph: from a place node (``id:place/geonames-ID``)
    or else from the place it is ``dip:within``.

    >>> place_key(ID["place/akorda"], ID["place/geonames-1526273"])
    'KZ|1526273'
    >>> place_key(ID["place/akorda"]) is None
    True
    """
    prefix = str(ID["place/geonames-"])
    for term in (node, within):
        if term is not None and str(term).startswith(prefix) and str(term)[len(prefix):].isdigit():
            place = from_geonames(int(str(term)[len(prefix):]))
            return place.key if place is not None else None
    return None


def thing_label(thing: Thing) -> str:
    return thing.label if thing.label and thing.label.strip() else (thing.key or "unnamed")


def report_iri(article_id: str, group: events.EventGroup) -> URIRef:
    """``id:report/<article>/<relation>-<12 hex>``: one article's report of one event."""
    payload = json.dumps([group.relation, group.status, group.obj, sorted(group.participants),
                          min(f.evidence.start for f in group.facts)])
    digest = hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]
    return ID[f"report/{quoted(article_id)}/{group.relation}-{digest}"]
