"""Plain data records passed between the pipeline stages.

Data flows one way: :mod:`kg.ingest` makes :class:`Article` objects,
:mod:`kg.extract` turns each into an :class:`Extraction` (actors, things and
facts), and :mod:`kg.rdf` writes extractions as RDF.  Nothing here knows about
spaCy or rdflib.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "country", "organization"]
Status = Literal["happened", "planned", "negated", "hypothetical"]


@dataclass(frozen=True)
class Article:
    """One news article as read from disk or stdin.

    ``id`` is taken from the source metadata when present, otherwise it is a
    hash of the text, so that reading the same content twice gives the same id.
    ``date`` is an ISO ``YYYY-MM-DD`` string or ``None``.  ``source`` is the
    outlet (a ``Source:`` header or field) or else the file; ``origin`` is
    always where it was read, for messages.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    # Where it was read: "path", "path:line" (JSONL), "path[i]" (JSON list) or "<stdin>";
    # for messages only (not content: equal articles read from two places are equal).
    origin: str | None = field(default=None, compare=False, repr=False)


@dataclass
class Actor:
    """A person, country or organisation mentioned in one article.

    ``key`` is the folded name (see :func:`kg.names.name_key`) that
    identifies the actor across articles; ``name`` is the fullest surface form
    seen, ``aliases`` the other spellings.
    """

    key: str
    name: str
    kind: ActorKind
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    country: str | None = None  # key of the actor's country, when stated


@dataclass
class Thing:
    """A document (agreement, memorandum, ...), an event (summit, ceremony, ...) or a place.

    ``kind`` is ``"document"``, ``"event"`` or ``"place"`` (a city or venue that is
    the object of a fact, as in "visited Ankara"); ``subtype`` a finer class such
    as ``"agreement"``, ``"treaty"``, ``"summit"`` or ``"ceremony"``.
    """

    key: str
    label: str
    kind: Literal["document", "event", "place"]
    subtype: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a fact, with character offsets in the article text."""

    sentence: str
    start: int
    end: int


@dataclass
class Fact:
    """One relation instance: ``subject`` (an actor key) ``relation`` ``object``.

    ``relation`` is the name of a relation of :mod:`kg.relations`; ``object`` is
    an actor key, or a :class:`Thing` key when the relation takes documents,
    events or places (a meeting joins actors, a signing a document).  ``date``
    is the day the sentence gives, or for what happened in a sentence that gives
    none, the article's date with ``date_stated`` false.  Only facts whose
    ``status`` is ``"happened"`` are asserted as direct triples; planned,
    negated and hypothetical ones are kept as events with that status.
    """

    relation: str
    subject: str
    object: str
    evidence: Evidence
    status: Status = "happened"
    date: str | None = None  # ISO date of the event when known (``--MM-DD`` for a day without its year)
    place: str | None = None  # surface name of the place
    trigger: str | None = None  # the word that signalled the relation
    # (the two below come last: code that passes the fields above by position keeps working)
    date_stated: bool = True  # the sentence gives the time: a day, or none ("in 2015"); False: the article's date
    period: tuple[str, str] | None = None  # first and last day of a time that is no day ("last week")


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    actors: dict[str, Actor] = field(default_factory=dict)
    things: dict[str, Thing] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)

    def asserted(self) -> list[Fact]:
        """Facts that the text states as having happened."""
        return [f for f in self.facts if f.status == "happened"]
