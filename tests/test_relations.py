"""The relation registry (kg.relations) and rule files (kg.extract.rules): reading, checking, one source of names."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg import relations
from kg.errors import RulesError, UnknownRelation

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _clean_registry():
    yield
    relations.reset()


def test_builtin_relations_come_from_the_data_file() -> None:
    names = relations.names()
    assert names[:4] == ("met_with", "signed", "attended", "called")
    assert {r.name for r in relations.relations() if r.symmetric} == {"met_with", "called"}
    assert relations.get("signed").object_kinds == ("document",)
    assert relations.get("attended").object_is_event and not relations.get("attended").analytics
    assert set(relations.default_analytics()) == {"met_with", "signed", "called"}
    assert relations.by_role("call").name == "called"
    with pytest.raises(UnknownRelation) as err:
        relations.get("waved_at")
    assert isinstance(err.value, ValueError) and "choose from met_with" in str(err.value)


@pytest.mark.parametrize("table, reason", [
    ({"name": "Bad Name"}, "lowercase letters"),
    ({"name": "x", "colur": "#000000"}, "unknown field(s) colur"),
    ({"name": "x", "colour": "red"}, "colour must be #rrggbb"),
    ({"name": "x", "symmetric": True, "objects": ["document"]}, "joins actors only"),
    ({"name": "x", "objects": ["document", "person"]}, "stands alone"),
    ({"name": "x", "objects": ["planet"]}, "must be a list drawn from"),
    ({"name": "x", "property": "ex:thing"}, "is not a term"),
    ({"name": "x", "property": "https://e.org/a b"}, "is not a term"),
    ({"name": "x", "event_label": "{actors} {0}"}, "may use {actors} and {object} only"),
    ({"name": "x", "symmetric": "yes"}, "must be true or false"),
    ({"name": "x", "role": "hug"}, "role must be one of"),
])
def test_a_bad_relation_table_is_an_error_naming_the_file(table, reason) -> None:
    with pytest.raises(RulesError) as err:
        relations.parse_relation(table, "mine.toml")
    assert str(err.value).startswith("mine.toml: ") and reason in str(err.value)
    assert isinstance(err.value, ValueError)


def test_registering_twice_is_a_no_op_and_a_clash_is_an_error() -> None:
    spec = relations.parse_relation({"name": "praised", "objects": ["person"]}, "a.toml")
    relations.register(spec)
    relations.register(spec)
    assert relations.names().count("praised") == 1
    with pytest.raises(RulesError, match="already defined differently"):
        relations.register(relations.parse_relation({"name": "praised", "objects": ["country"]}, "b.toml"))
    with pytest.raises(RulesError, match="already that of 'met_with'"):
        relations.register(relations.parse_relation({"name": "saw", "property": "dip:metWith"}, "c.toml"))
    relations.reset()
    assert "praised" not in relations.names()


RULE = """
[[relation]]
name = "praised"
objects = ["person", "country"]

[[pattern]]
name = "praise_verb"
relation = "praised"
picker = "subject_object"
nodes = [{id = "trigger", attrs = {LEMMA = {IN = "@praise_verbs"}}}]

[words]
praise_verbs = ["praise", "commend"]
"""


@pytest.mark.parametrize("change, reason", [
    (("picker = \"subject_object\"", "picker = \"guess\""), "unknown picker 'guess'"),
    (("@praise_verbs", "@praising_verbs"), "no word list called 'praising_verbs'"),
    (("relation = \"praised\"\npicker", "relation = \"lauded\"\npicker"), "unknown relation 'lauded'"),
    (("picker = \"subject_object\"", "picker = \"subject_object\"\noptions = {objekt_node = \"x\"}"),
     "takes no option(s) objekt_node"),
    (("{id = \"trigger\",", "{id = \"verb\","), "the first node must be the trigger"),
    (("name = \"praise_verb\"", "name = \"meet_verb\""), "already in use: meet_verb"),
    (("[words]", "[words"), "not valid TOML"),
    (("nodes = [{id = \"trigger\", attrs = {LEMMA = {IN = \"@praise_verbs\"}}}]",
      "nodes = [{id = \"trigger\", attrs = {LEMMA = {IN = \"@praise_verbs\"}}}, {id = \"x\", attrs = {}}]"),
     "needs left = one of"),
])
def test_a_bad_rule_file_is_an_error_naming_it_and_nothing_of_it_is_used(tmp_path, change, reason) -> None:
    from kg.extract.rules import use_rules

    path = tmp_path / "praise.toml"
    path.write_text(RULE.replace(*change), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        use_rules([path])
    assert str(err.value).startswith(f"{path}: ") and reason in str(err.value), str(err.value)
    assert "praised" not in relations.names() and not relations.rule_files()


def test_a_good_rule_file_adds_its_relation_patterns_and_words(tmp_path) -> None:
    from kg.extract.rules import rules_digest, rules_in_use, use_rules

    path = tmp_path / "praise.toml"
    path.write_text(RULE, encoding="utf-8")
    assert rules_digest() == ""
    rules = use_rules([path])
    assert [r.name for r in rules] == ["praise_verb"]
    assert rules[0].nodes[0]["RIGHT_ATTRS"]["LEMMA"]["IN"] == ["praise", "commend"]
    assert "praise_verb" in {r.name for r in rules_in_use()}
    assert relations.get("praised").object_kinds == ("person", "country")
    assert re.fullmatch(r"[0-9a-f]{12}", rules_digest())


def test_a_missing_or_binary_rule_file_is_an_error_naming_it(tmp_path) -> None:
    from kg.extract.rules import use_rules

    with pytest.raises(RulesError, match="cannot read the rule file"):
        use_rules([tmp_path / "nowhere.toml"])
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(RulesError, match="bin.toml: cannot read"):
        use_rules([tmp_path / "bin.toml"])


def _quoted_relation_names(text: str, names) -> list[str]:
    alternatives = "|".join(re.escape(n) for n in names)
    return re.findall(rf"""["']({alternatives})["']""", text)


def test_no_relation_name_is_written_outside_the_registry_and_the_rule_data() -> None:
    """Adding a relation is an edit to data: the code names none (``git grep`` finds none)."""
    names = set(relations.names())
    names |= {str(r.property).rsplit("#", 1)[-1] for r in relations.relations()}
    names |= {str(r.event_class).rsplit("#", 1)[-1] for r in relations.relations()}
    allowed = {ROOT / "kg" / "relations.py"}
    found = {}
    for path in sorted((ROOT / "kg").rglob("*")):
        if path.suffix not in (".py", ".js", ".html") or path in allowed:
            continue
        hits = _quoted_relation_names(path.read_text(encoding="utf-8"), names)
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert found == {}
    assert _quoted_relation_names('x == "met_with"', names) == ["met_with"]  # the check can fail
