"""The one registry of relations: what each relation is, in the model, the RDF and the view.

The relations are data: ``kg/data/relations.toml`` holds kg's own, one
``[[relation]]`` table each, and a user's rule file adds more
(:func:`use_rules`, ``kg build --rules FILE``).  Every stage reads them from
here: the extractor (which relation a rule yields), :mod:`kg.rdf` (the direct
property and the event class), :mod:`kg.counts`, :mod:`kg.network`,
:mod:`kg.view`, ``kg analyze`` and the SHACL shapes (:func:`shapes`).

>>> [r.name for r in relations()][:2]
['met_with', 'signed']
>>> spec = get("met_with")
>>> spec.symmetric, spec.verb, str(spec.property)
(True, 'met', 'https://w3id.org/dipkg/ontology#metWith')
>>> get("signed").object_kinds
('document',)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SDO

from kg.errors import RulesError, UnknownRelation
from kg.namespaces import DIP

ACTOR_KINDS = ("person", "country", "organization")
THING_KINDS = ("document", "event", "place")
ROLES = ("meeting", "call", "signing", "attendance")

_FIELDS = {"name", "label", "verb", "symmetric", "subjects", "objects", "property", "event_class",
           "event_label", "subject_role", "object_link", "colour", "dashes", "analytics", "role", "many_objects"}
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")


@dataclass(frozen=True)
class Relation:
    """One relation: its name, the kinds it joins, its RDF terms and how it is drawn."""

    name: str
    label: str
    verb: str
    symmetric: bool
    subject_kinds: tuple[str, ...]
    object_kinds: tuple[str, ...]
    property: URIRef
    event_class: URIRef
    event_label: str
    subject_role: URIRef | None = None
    object_link: URIRef | None = None
    colour: str = "#718096"
    dashes: bool = False
    analytics: bool = False
    role: str | None = None
    many_objects: bool = False  # one event may concern several objects (agreements signed at one ceremony)

    @property
    def object_thing(self) -> str | None:
        """The kind of thing its object is (document, event), or None when the object is an actor
        (or a place: a relation may take both, as "visited" takes countries and cities)."""
        kinds = [k for k in self.object_kinds if k in ("document", "event")]
        return kinds[0] if kinds else None

    @property
    def object_is_event(self) -> bool:
        """Is the object the event itself (an attended summit is the node of its attendance)?"""
        return self.object_thing == "event"

    def takes_actor_object(self, kind: str) -> bool:
        return kind in ACTOR_KINDS and kind in self.object_kinds


# --------------------------------------------------------------------- reading

def parse_toml(text: str, source: str) -> dict:
    """The tables of a TOML text; a :class:`~kg.errors.RulesError` naming ``source`` if it is not TOML."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(source, f"not valid TOML: {exc}") from None


def read_rules(path: str | Path) -> dict:
    """The tables of a rule file (TOML), or a :class:`~kg.errors.RulesError` naming the file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(str(p), f"cannot read the rule file ({exc.__class__.__name__})") from None
    return parse_toml(text, str(p))


def _iri(value: str, source: str, where: str) -> URIRef:
    if not isinstance(value, str) or not value or any(c in value for c in ' <>"{}|^`\\'):
        raise RulesError(source, f"{where}: {value!r} is not a term (dip:Name or a full IRI)")
    if value.startswith("dip:"):
        return DIP[value[4:]]
    if value.startswith("schema:"):
        return SDO[value[7:]]
    if re.match(r"https?://\S+\Z", value):
        return URIRef(value)
    raise RulesError(source, f"{where}: {value!r} is not a term (dip:Name or a full IRI)")


def _camel(name: str, upper: bool) -> str:
    parts = name.split("_")
    head = parts[0].capitalize() if upper else parts[0]
    return head + "".join(p.capitalize() for p in parts[1:])


def _kinds(value, allowed: tuple[str, ...], source: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or any(v not in allowed for v in value):
        raise RulesError(source, f"{where}: must be a list drawn from {', '.join(allowed)}")
    return tuple(dict.fromkeys(value))


def parse_relation(table: Mapping, source: str) -> Relation:
    """A :class:`Relation` from one ``[[relation]]`` table; defaults for what it leaves out.

    >>> r = parse_relation({"name": "condemned", "objects": ["country"]}, "rules.toml")
    >>> r.label, r.symmetric, r.property.fragment, r.event_class.fragment, r.event_label
    ('condemned', False, 'condemned', 'CondemnedEvent', 'Condemned: {actors} {object}')
    """
    if not isinstance(table, Mapping):
        raise RulesError(source, "a [[relation]] entry must be a table")
    name = table.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise RulesError(source, f"relation name {name!r}: use lowercase letters, digits and _ (e.g. condemned)")
    where = f"relation {name!r}"
    unknown = sorted(set(table) - _FIELDS)
    if unknown:
        raise RulesError(source, f"{where}: unknown field(s) {', '.join(unknown)}")
    for key in ("label", "verb", "event_label", "colour", "role"):
        if key in table and not isinstance(table[key], str):
            raise RulesError(source, f"{where}: {key} must be a string")
    for key in ("symmetric", "dashes", "analytics", "many_objects"):
        if key in table and not isinstance(table[key], bool):
            raise RulesError(source, f"{where}: {key} must be true or false")
    symmetric = table.get("symmetric", False)
    subjects = _kinds(table.get("subjects", list(ACTOR_KINDS)), ACTOR_KINDS, source, f"{where}: subjects")
    objects = _kinds(table.get("objects", list(ACTOR_KINDS)), ACTOR_KINDS + THING_KINDS, source, f"{where}: objects")
    things = [k for k in objects if k in ("document", "event")]
    if len(things) > 1 or (things and len(objects) > 1):
        raise RulesError(source, f"{where}: objects: a document or an event stands alone")
    if symmetric and any(k not in ACTOR_KINDS for k in objects):
        raise RulesError(source, f"{where}: a symmetric relation joins actors only")
    colour = table.get("colour", "#718096")
    if not _COLOUR.match(colour):
        raise RulesError(source, f"{where}: colour must be #rrggbb, not {colour!r}")
    role = table.get("role")
    if role is not None and role not in ROLES:
        raise RulesError(source, f"{where}: role must be one of {', '.join(ROLES)}")
    event_label = table.get("event_label", f"{name.replace('_', ' ').capitalize()}: {{actors}}"
                            + (" {object}" if things or objects else ""))
    if not set(re.findall(r"\{(\w*)\}", event_label)) <= {"actors", "object"}:
        raise RulesError(source, f"{where}: event_label may use {{actors}} and {{object}} only")
    optional = {k: _iri(table[k], source, f"{where}: {k}") for k in ("subject_role", "object_link") if k in table}
    if not symmetric and "object_link" not in optional:  # the event names what it was done to
        optional["object_link"] = SDO.object
    return Relation(
        name=name, label=table.get("label", name.replace("_", " ")), verb=table.get("verb", name.replace("_", " ")),
        symmetric=symmetric, subject_kinds=subjects, object_kinds=objects,
        property=_iri(table.get("property", f"dip:{_camel(name, False)}"), source, f"{where}: property"),
        event_class=_iri(table.get("event_class", f"dip:{_camel(name, True)}Event"), source, f"{where}: event_class"),
        event_label=event_label, colour=colour, dashes=table.get("dashes", False),
        analytics=table.get("analytics", False), role=role, many_objects=table.get("many_objects", False),
        **optional)


def parse_relations(tables: Mapping, source: str) -> list[Relation]:
    """The relations of a rule file's tables (its ``relation`` array)."""
    found = tables.get("relation", [])
    if not isinstance(found, list):
        raise RulesError(source, "relation must be an array of tables ([[relation]])")
    return [parse_relation(t, source) for t in found]


@lru_cache(maxsize=1)
def builtin() -> tuple[Relation, ...]:
    """kg's own relations, from ``kg/data/relations.toml``."""
    text = resources.files("kg.data").joinpath("relations.toml").read_text(encoding="utf-8")
    return tuple(parse_relations(parse_toml(text, "kg/data/relations.toml"), "kg/data/relations.toml"))


# --------------------------------------------------------------------- the registry

_ADDED: dict[str, Relation] = {}  # relations from users' rule files, in the order they came
_RULE_FILES: list[str] = []


def relations() -> tuple[Relation, ...]:
    """Every relation in use: kg's own, then those added by rule files."""
    return builtin() + tuple(_ADDED.values())


def names() -> tuple[str, ...]:
    return tuple(r.name for r in relations())


def get(name: str) -> Relation:
    """The relation called ``name``; :class:`~kg.errors.UnknownRelation` (a ValueError) if none."""
    for r in relations():
        if r.name == name:
            return r
    raise UnknownRelation(f"unknown relation {name!r}; choose from {', '.join(names())}")


def by_role(role: str) -> Relation:
    """The relation that kg's own rules know as ``role`` (meeting, call, signing, attendance)."""
    return next(r for r in relations() if r.role == role)


def by_event_class(iri) -> Relation | None:
    return next((r for r in relations() if r.event_class == iri), None)


def default_analytics() -> tuple[str, ...]:
    """The relations the network analytics use unless told otherwise."""
    return tuple(r.name for r in relations() if r.analytics)


def symmetric(name: str) -> bool:
    return get(name).symmetric


def register(relation: Relation, source: str = "<api>") -> None:
    """Add a relation.  Registering the same definition again is a no-op; a different one
    under a name already in use is a :class:`~kg.errors.RulesError`."""
    for r in relations():
        if r.name == relation.name and r != relation:
            raise RulesError(source, f"relation {relation.name!r} is already defined differently")
        if r.name != relation.name and (r.property == relation.property or r.event_class == relation.event_class):
            raise RulesError(source, f"relation {relation.name!r}: its property or event class is "
                                     f"already that of {r.name!r}")
    _ADDED.setdefault(relation.name, relation)


def use_relations(paths: Iterable[str | Path]) -> list[Relation]:
    """Register the relations of each rule file (``kg view --rules``, ``kg analyze --rules``);
    return them.  The extractor's :func:`kg.extract.rules.use_rules` reads their patterns too."""
    out = []
    for path in paths:
        found = parse_relations(read_rules(path), str(path))
        for r in found:
            register(r, str(path))
        out += found
        add_rule_file(path)
    return out


def add_rule_file(path: str | Path) -> None:
    """Remember a rule file in use (:func:`rule_files`)."""
    if str(path) not in _RULE_FILES:
        _RULE_FILES.append(str(path))


def rule_files() -> tuple[str, ...]:
    """The users' rule files in use, in the order they were given."""
    return tuple(_RULE_FILES)


def reset() -> None:
    """Forget every relation and rule file a user added (kg's own stay)."""
    _ADDED.clear()
    _RULE_FILES.clear()
