"""One node per real event: mentions merged within an article, reports merged across articles.

**Within an article** (:func:`group_facts`), the facts of one sentence and one
trigger make a *mention*; mentions are one event when they have

* the same relation, status and object (an attended event, a visit's place; the
  documents signed at one ceremony are one signing, see ``many_objects`` in
  ``kg/data/relations.toml``);
* the same participants, or a subset of them ("Erdogan received Bektenov";
  "the two leaders discussed Gaza"), so "A met B" and "A met C" stay apart;
* no conflicting time: equal days, equal periods ("last week", "in 2009":
  :mod:`kg.extract.periods`), or a day inside a period; a sentence without a date
  phrase conflicts with none, one set at a time that is no day and no known
  period with all; and no conflicting place (two places of the gazetteer; a
  venue conflicts with none).

**Across articles** each event has a *merge key* (:func:`merge_key`): its
relation, status, participants and object, hashed.  Events of one key from
different articles are one event when their dates are within
:data:`WINDOW_DAYS` days and their places do not conflict (:func:`cluster`):
sorted by date, each joins the first earlier group whose first date (its
*anchor*) is at most two days before its own, and whose place agrees; an
undated report joins the key's only dated group, or stays alone.  The event's
IRI hashes the merge key and the anchor, so it depends on the set of articles
only, never on the order they came in; its date is the most often stated one
(then the earliest), or the earliest date inferred from an article's date when
no article states one.

>>> from kg.model import Actor, Article, Evidence, Extraction, Fact
>>> ex = Extraction(Article("a", "", date="2024-04-26"),
...                 actors={k: Actor(k, k.upper(), "person") for k in ("b", "e")})
>>> meet = relations.by_role("meeting").name
>>> facts = [Fact(meet, "b", "e", Evidence("E received B.", 0, 13), date="2024-04-25", place="Ankara"),
...          Fact(meet, "b", "e", Evidence("The two discussed Gaza.", 14, 37), date="2024-04-26",
...               date_stated=False)]
>>> [(sorted(g.participants), g.date, g.place, len(g.facts)) for g in group_facts(ex, facts)]
[(['b', 'e'], '2024-04-25', 'Ankara', 2)]
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from typing import NamedTuple

from kg import relations
from kg.model import Extraction, Fact
from kg.places import find_place, places_agree

WINDOW_DAYS = 2
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class EventGroup:
    """The facts of one event of one article, with what its mentions state."""

    relation: str
    status: str
    obj: str  # the object's key (document, attended event, place, actor) when it is part of what the
    # event is; "" for a symmetric relation, and for one whose events may concern several objects
    on_thing: bool  # the attended event node itself (its attendees are the facts' subjects)
    participants: set[str] = field(default_factory=set)  # actor keys
    facts: list[Fact] = field(default_factory=list)
    date: str | None = None  # the stated date
    place: str | None = None  # the place as written
    elsewhen: bool = False  # a mention set at a time that is no day ("in September last year")
    period: tuple[str, str] | None = None  # that time's first and last day, when known

    def compatible(self, other: "EventGroup") -> bool:
        """Can the two be one event (see the module notes)?"""
        if (self.relation, self.status, self.obj, self.on_thing) != (
                other.relation, other.status, other.obj, other.on_thing):
            return False
        if not (self.participants <= other.participants or other.participants <= self.participants):
            return False
        if not _times_agree(self, other):
            return False
        # only places the gazetteer knows conflict: a venue ("the Ziguang Ge") is in some city
        return places_agree(place_id(self.place), place_id(other.place))

    @property
    def objects(self) -> list[str]:
        """The keys of the event's objects (none for a symmetric relation), in order."""
        if relations.get(self.relation).symmetric:
            return []
        return sorted({f.object for f in self.facts})

    def absorb(self, other: "EventGroup") -> None:
        self.participants |= other.participants
        self.facts += other.facts
        self.date = self.date or other.date
        self.place = self.place or other.place
        self.period = self.period or other.period
        self.elsewhen = self.elsewhen or other.elsewhen


def _times_agree(a: EventGroup, b: EventGroup) -> bool:
    """No conflict of time: equal days; equal periods; a day inside a period; one side
    saying nothing.  A time that is no day and no known period ("once") agrees with none."""
    if (a.elsewhen and not a.period) or (b.elsewhen and not b.period):
        return False
    if a.date and b.date:
        return a.date == b.date
    if a.period and b.period:
        return a.period == b.period
    day, period = (a.date or b.date), (a.period or b.period)
    if day and period:
        return bool(_ISO_DAY.fullmatch(day)) and period[0] <= day <= period[1]
    return True


def place_id(name: str | None) -> str | None:
    """What a place name counts as when events are told apart: :attr:`kg.places.Place.key`.

    >>> place_id("Ankara") == place_id("the Turkish capital Ankara") == place_id("Ankara Esenboga Airport")
    True
    >>> place_id("the Ziguang Ge"), place_id(None)
    (None, None)
    """
    place = find_place(name) if name else None
    return place.key if place is not None else None


def participants(ex: Extraction, facts: list[Fact]) -> set[str]:
    """The actors of an event: its subjects, and its objects when they are actors."""
    keys = {f.subject for f in facts}
    return keys | {f.object for f in facts if f.object in ex.actors and f.object not in ex.things}


def _mention_key(fact: Fact, event_status: dict[str, str]) -> tuple:
    spec = relations.get(fact.relation)
    if spec.object_is_event and fact.status == event_status.get(fact.object):
        return (fact.relation, fact.status, fact.object, True)
    obj = "" if spec.symmetric or spec.many_objects else fact.object
    return (fact.relation, fact.status, obj, False, fact.evidence.start, fact.trigger or "")


def group_facts(ex: Extraction, facts: list[Fact], event_status: dict[str, str] | None = None) -> list[EventGroup]:
    """The events of one article's ``facts``: mentions of one event merged (see the module notes).

    ``event_status`` gives each attended event's own status; the facts of that
    status make up the event node itself.
    """
    event_status = event_status or {}
    mentions: dict[tuple, list[Fact]] = {}
    for f in facts:
        mentions.setdefault(_mention_key(f, event_status), []).append(f)
    groups: list[EventGroup] = []
    for key, found in mentions.items():
        stated = next((f.date for f in found if f.date and f.date_stated), None)
        place = next((f.place for f in found if f.place), None)
        elsewhen = any(f.status == "happened" and f.date_stated and not f.date for f in found)
        period = next((f.period for f in found if f.period), None)
        groups.append(EventGroup(key[0], key[1], key[2], key[3], participants(ex, found), list(found),
                                 stated, place, elsewhen, period))
    # the fullest mentions first, then in text order: a later "the two leaders" joins them
    groups.sort(key=lambda g: (-len(g.participants), min(f.evidence.start for f in g.facts)))
    events: list[EventGroup] = []
    for g in groups:
        home = next((e for e in events if not g.on_thing and e.compatible(g)), None)
        if home is None:
            events.append(g)
        else:
            home.absorb(g)
    return sorted(events, key=lambda e: (e.relation, e.status, e.obj, sorted(e.participants),
                                         min(f.evidence.start for f in e.facts)))


def event_date(group: EventGroup, article_date: str | None) -> tuple[str | None, bool]:
    """The date of an event of one article, and whether the text states it.

    The stated date of any mention; else, for what happened and is set at no
    other time ("in 2009"), the article's date (inferred); else none.  A day
    stated without its year (``--MM-DD``, in an undated article) tells mentions
    apart, but is no date.
    """
    if group.date:
        return (group.date, True) if _ISO_DAY.fullmatch(group.date) else (None, True)
    if group.status == "happened" and article_date and not group.elsewhen:  # not "in 2009": no day of it
        return article_date, False
    return None, False


def merge_key(relation: str, status: str, participants, obj: str = "") -> str:
    """The key that events of different articles must share to be one event.

    >>> merge_key("talks", "happened", ["b", "a"]) == merge_key("talks", "happened", ["a", "b"])
    True
    >>> merge_key("talks", "happened", ["a", "b"]) == merge_key("talks", "planned", ["a", "b"])
    False
    """
    payload = json.dumps([relation, status, sorted(set(participants)), obj], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


class Report(NamedTuple):
    """One article's report of an event, as :func:`cluster` needs it."""

    key: str  # the merge key
    article: str  # the article id
    node: str  # the report's own id, unique within the article
    date: str | None  # the date it gives (stated or inferred)
    stated: bool
    place: str | None  # where it puts the event (:attr:`kg.places.Place.key`), or None


class Identity(NamedTuple):
    """Where :func:`cluster` puts a report: the event's anchor and date."""

    anchor: str  # the first date of its group, or "article:<id>" for an undated report alone
    date: str | None  # the event's date


def _day(value: str) -> Date:
    return Date.fromisoformat(value[:10])


def cluster(reports: list[Report]) -> dict[Report, Identity]:
    """Group the reports of each merge key into events (see the module notes).

    >>> r = [Report("k", "a1", "e", "2024-04-25", True, "geonames:323786"),
    ...      Report("k", "a2", "e", "2024-04-26", True, None),
    ...      Report("k", "a3", "e", None, False, None),
    ...      Report("k", "a4", "e", "2024-05-20", False, None)]
    >>> out = cluster(r)
    >>> [(x.article, out[x].anchor, out[x].date) for x in r]  # doctest: +NORMALIZE_WHITESPACE
    [('a1', '2024-04-25', '2024-04-25'), ('a2', '2024-04-25', '2024-04-25'),
     ('a3', 'article:a3/e', None), ('a4', '2024-05-20', '2024-05-20')]
    >>> out == cluster(list(reversed(r)))  # the order the reports come in does not matter
    True
    """
    by_key: dict[str, list[Report]] = {}
    for r in reports:
        by_key.setdefault(r.key, []).append(r)
    out: dict[Report, Identity] = {}
    for key in sorted(by_key):
        dated = sorted((r for r in by_key[key] if r.date), key=lambda r: (r.date, r.article, r.node))
        undated = sorted((r for r in by_key[key] if not r.date), key=lambda r: (r.article, r.node))
        groups: list[list[Report]] = []
        for r in dated:
            home = next((g for g in groups if (_day(r.date) - _day(g[0].date)).days <= WINDOW_DAYS
                         and _can_join(g, r)), None)
            home.append(r) if home is not None else groups.append([r])
        alone: list[list[Report]] = []
        for r in undated:
            if len(groups) == 1 and _can_join(groups[0], r):
                groups[0].append(r)
            else:
                alone.append([r])
        seen: Counter = Counter()
        for g in groups + alone:
            anchor = g[0].date[:10] if g[0].date else f"article:{g[0].article}/{g[0].node}"
            seen[anchor] += 1
            if seen[anchor] > 1:  # two events of one key on one day, told apart by their places
                anchor = f"{anchor}#{seen[anchor]}"
            identity = Identity(anchor, _preferred_date(g))
            for r in g:
                out[r] = identity
    return out


def _can_join(group: list[Report], report: Report) -> bool:
    """No two reports of one article in an event (the article told them apart), and places that
    agree (:func:`kg.places.places_agree`)."""
    return all(r.article != report.article and places_agree(r.place, report.place) for r in group)


def _preferred_date(reports: list[Report]) -> str | None:
    """The most often stated date, then the earliest; else the earliest inferred one."""
    stated = Counter(r.date for r in reports if r.date and r.stated)
    if stated:
        return min(stated, key=lambda d: (-stated[d], d))
    return min((r.date for r in reports if r.date), default=None)


def event_id(relation: str, key: str, anchor: str) -> str:
    """The local name of an event's IRI: ``<relation>-<hash of key and anchor>`` (16 hex digits).

    >>> event_id("talks", "k", "2024-04-25")
    'talks-393a10e5a70e9d60'
    >>> event_id("talks", "k", "2024-04-25") != event_id("talks", "k", "2024-04-26")
    True
    """
    digest = hashlib.sha1(json.dumps([key, anchor]).encode("utf-8")).hexdigest()[:16]
    return f"{relation}-{digest}"
