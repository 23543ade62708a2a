"""Extraction rules as data: dependency patterns, the relation each yields and its argument picker.

kg's own rules are ``kg/extract/data/patterns.toml``; a user's rule file
(:func:`use_rules`, ``kg build --rules FILE``) has the same form and may add
relations (``[[relation]]``, see :mod:`kg.relations`) and word lists
(``[words]``).  A pattern names its picker, a function of
:mod:`kg.extract.pickers`, and its nodes are spaCy ``DependencyMatcher``
nodes written as ``{id, attrs, left, rel}``; ``"@name"`` in ``attrs`` stands for
a word list.

>>> rules = builtin_rules()
>>> rule = next(r for r in rules if r.name == "sign_verb")
>>> rule.picker, rule.nodes[0]["RIGHT_ID"], "ink" in rule.nodes[0]["RIGHT_ATTRS"]["LEMMA"]["IN"]
('sign_verb', 'trigger', True)
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg import relations as registry
from kg.errors import RulesError
from kg.relations import parse_toml, read_rules

_PATTERN_FIELDS = {"name", "relation", "picker", "options", "in_person", "nodes"}
_NODE_FIELDS = {"id", "attrs", "left", "rel"}


@dataclass(frozen=True, eq=False)  # equal only to itself: a matcher is cached per tuple of rules
class Rule:
    """One pattern: its matcher nodes, the relation it yields and the picker of its arguments."""

    name: str
    relation: str
    picker: str
    nodes: tuple = ()
    options: Mapping = field(default_factory=dict)
    in_person: bool = False
    source: str = ""


def _words(name: str, local: Mapping, source: str, where: str) -> list[str]:
    if name in local:
        return list(local[name])
    from kg.extract.lexicon import ordered

    try:
        return list(ordered(name))
    except (LookupError, TypeError, ValueError):
        raise RulesError(source, f"{where}: no word list called {name!r}") from None


def _attrs(value, local: Mapping, source: str, where: str):
    """``attrs`` with every ``"@name"`` replaced by its word list."""
    if isinstance(value, str) and value.startswith("@"):
        return _words(value[1:], local, source, where)
    if isinstance(value, Mapping):
        return {k: _attrs(v, local, source, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_attrs(v, local, source, where) for v in value]
    return value


def _node(node, left_ids: set[str], local: Mapping, source: str, where: str) -> dict:
    if not isinstance(node, Mapping) or not set(node) <= _NODE_FIELDS or "id" not in node:
        raise RulesError(source, f"{where}: a node is {{id, attrs, left, rel}}, not {node!r}")
    out = {"RIGHT_ID": str(node["id"]), "RIGHT_ATTRS": _attrs(node.get("attrs", {}), local, source, where)}
    if left_ids:
        if node.get("left") not in left_ids:
            raise RulesError(source, f"{where}: node {node['id']!r} needs left = one of {sorted(left_ids)}")
        out.update({"LEFT_ID": node["left"], "REL_OP": node.get("rel", ">")})
    return out


def _keywords(picker) -> set[str]:
    import inspect

    return {p.name for p in inspect.signature(picker).parameters.values() if p.kind is p.KEYWORD_ONLY}


def parse_rule(table: Mapping, local: Mapping, source: str, known: frozenset[str] | None = None) -> Rule:
    """A :class:`Rule` from one ``[[pattern]]`` table; ``known``: the relation names it may
    yield (default: the registry's)."""
    from kg.extract.pickers import PICKERS

    name = table.get("name") if isinstance(table, Mapping) else None
    if not isinstance(name, str) or not name:
        raise RulesError(source, "every [[pattern]] needs a name")
    where = f"pattern {name!r}"
    unknown = sorted(set(table) - _PATTERN_FIELDS)
    if unknown:
        raise RulesError(source, f"{where}: unknown field(s) {', '.join(unknown)}")
    relation = table.get("relation")
    known = frozenset(registry.names()) if known is None else known
    if relation not in known:
        raise RulesError(source, f"{where}: unknown relation {relation!r}; define it in a [[relation]] "
                                 f"table or choose from {', '.join(registry.names())}")
    picker = table.get("picker")
    if picker not in PICKERS:
        raise RulesError(source, f"{where}: unknown picker {picker!r}; choose from {', '.join(sorted(PICKERS))}")
    options = table.get("options", {})
    if not isinstance(options, Mapping):
        raise RulesError(source, f"{where}: options must be a table")
    accepted = _keywords(PICKERS[picker])
    if set(options) - accepted:
        raise RulesError(source, f"{where}: picker {picker!r} takes no option(s) "
                                 f"{', '.join(sorted(set(options) - accepted))}"
                                 + (f"; it takes {', '.join(sorted(accepted))}" if accepted else ""))
    nodes = table.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        raise RulesError(source, f"{where}: nodes must be a non-empty list")
    compiled, seen = [], set()
    for node in nodes:
        compiled.append(_node(node, seen, local, source, where))
        seen.add(compiled[-1]["RIGHT_ID"])
    if compiled[0]["RIGHT_ID"] != "trigger":
        raise RulesError(source, f"{where}: the first node must be the trigger (id = \"trigger\")")
    return Rule(name, relation, picker, tuple(compiled), dict(options), bool(table.get("in_person", False)), source)


def parse_rules(tables: Mapping, source: str, known: frozenset[str] | None = None) -> list[Rule]:
    """The rules of a rule file's tables (``known``: as for :func:`parse_rule`)."""
    local = tables.get("words", {})
    if not isinstance(local, Mapping) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in local.values()):
        raise RulesError(source, "[words] must hold lists of strings")
    found = tables.get("pattern", [])
    if not isinstance(found, list):
        raise RulesError(source, "pattern must be an array of tables ([[pattern]])")
    return [parse_rule(t, local, source, known) for t in found]


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    """kg's own rules (``kg/extract/data/patterns.toml``)."""
    source = "kg/extract/data/patterns.toml"
    text = resources.files("kg.extract").joinpath("data", "patterns.toml").read_text(encoding="utf-8")
    return tuple(parse_rules(parse_toml(text, source), source))


_FILE_RULES: dict[str, tuple[Rule, ...]] = {}  # the rules of each user's file in use


def _file_rules(path: str) -> tuple[Rule, ...]:
    if path not in _FILE_RULES:  # a file registered by kg.relations.use_relations only
        _FILE_RULES[path] = tuple(parse_rules(read_rules(path), path))
    return _FILE_RULES[path]


def rules_in_use() -> tuple[Rule, ...]:
    """kg's own rules, then those of every rule file in use (:func:`kg.relations.rule_files`).

    Names must be unique: a user's pattern cannot replace one of kg's.
    """
    out = list(builtin_rules())
    for path in registry.rule_files():
        out += _file_rules(path)
    seen: dict[str, str] = {}
    for rule in out:
        if rule.name in seen:
            raise RulesError(rule.source, f"pattern {rule.name!r} is already defined in {seen[rule.name]}")
        seen[rule.name] = rule.source
    return tuple(out)


def use_rules(paths) -> list[Rule]:
    """Use the relations and patterns of each rule file from now on; return its rules.

    A file with an error is a :class:`~kg.errors.RulesError` naming it, and nothing
    of it is used.
    """
    paths = [str(Path(p)) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    out: list[Rule] = []
    for path in paths:
        if path in registry.rule_files() and path in _FILE_RULES:
            out += _FILE_RULES[path]  # in use already (a forked worker, a second build)
            continue
        tables = read_rules(path)
        relations = registry.parse_relations(tables, path)
        known = frozenset(registry.names()) | {r.name for r in relations}
        rules = tuple(parse_rules(tables, path, known))
        names = [r.name for r in rules_in_use() + rules]
        if len(set(names)) != len(names):
            clash = sorted({n for n in names if names.count(n) > 1})
            raise RulesError(path, f"pattern name(s) already in use: {', '.join(clash)}")
        for relation in relations:
            registry.register(relation, path)
        _FILE_RULES[path] = rules
        registry.add_rule_file(path)
        out += rules
    return out


WORD_ATTRS = ("LEMMA", "LOWER", "ORTH", "NORM")  # token attributes whose values are words


def needed_words(rule: Rule) -> tuple[tuple[str, frozenset[str]], ...]:
    """What a doc must hold for ``rule`` to match: for each node that allows only certain words,
    ``(attribute, words)``.  A doc with no token whose attribute is one of the words cannot match
    (every node of a pattern matches a token); nodes on other attributes add nothing.

    >>> rule = Rule("r", "some_relation", "pair", ({"RIGHT_ID": "trigger",
    ...     "RIGHT_ATTRS": {"lemma": {"IN": ["meet", "greet"]}, "POS": "VERB"}},))
    >>> [(attribute, sorted(words)) for attribute, words in needed_words(rule)]
    [('LEMMA', ['greet', 'meet'])]
    """
    out = []
    for node in rule.nodes:
        for attr, value in node.get("RIGHT_ATTRS", {}).items():
            name = attr.upper() if isinstance(attr, str) else None
            name = "ORTH" if name == "TEXT" else name
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, Mapping) else None
            if name in WORD_ATTRS and isinstance(words, list) and all(isinstance(w, str) for w in words):
                out.append((name, frozenset(words)))
    return tuple(out)


def rules_digest() -> str:
    """12 hex digits naming the users' rule files in use and their content ("" for none)."""
    import hashlib

    files = registry.rule_files()
    if not files:
        return ""
    h = hashlib.sha256()
    for path in files:
        h.update(path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(repr(_file_rules(path) and [(r.name, r.relation, r.picker, r.nodes, sorted(r.options.items()),
                                               r.in_person) for r in _file_rules(path)]).encode())
    h.update(repr([r for r in registry.relations() if r not in registry.builtin()]).encode())
    return h.hexdigest()[:12]
