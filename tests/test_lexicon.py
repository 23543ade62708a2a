"""The word lists of kg/extract/data/lexicon.toml: well formed, all used, all found.

Every list the code asks for (``words("...")``, ``ordered("...")``,
``mapping("...")``, ``lexicon_entry("...")`` or an ``"@name"`` in rule data)
exists, and every list of the file is asked for somewhere.
"""
from __future__ import annotations

import re
import subprocess
import sys
from fnmatch import fnmatch
from importlib import resources

import pytest

from conftest import ROOT

from kg.extract import lexicon
from kg.names import LEXICON_PATH, lexicon_entry, lexicon_file

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

FILE = ROOT / "kg" / "extract" / "data" / "lexicon.toml"
DATA = tomllib.loads(FILE.read_text(encoding="utf-8"))
LISTS = {k: v for k, v in DATA.items() if isinstance(v, list)}
TABLES = {k: v for k, v in DATA.items() if isinstance(v, dict)}
CALL = re.compile(r"""\b(?:words|ordered|mapping|lexicon_entry)\(\s*["']([a-z0-9_]+)["']""")
REFERENCE = re.compile(r"@([a-z0-9_]+)")


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _asked_for() -> dict[str, set[str]]:
    """Names of lexicon lists and tables that each Python module and rule file under kg/ asks
    for: calls of the loader (doctest lines aside), and "@name" in a rule file's values that
    its own [words] table does not define."""
    asked: dict[str, set[str]] = {}
    for path in sorted((ROOT / "kg").rglob("*")):
        if "__pycache__" in path.parts or path == FILE:
            continue
        if path.suffix == ".py":
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if ">>>" not in line]
            names = set(CALL.findall("\n".join(lines)))
        elif path.suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            local = data.get("words", {})
            names = {m.group(1) for s in _strings(data) for m in [REFERENCE.fullmatch(s)] if m} - set(local)
        else:
            continue
        if names:
            asked[path.relative_to(ROOT).as_posix()] = names
    return asked


def test_the_file_holds_lists_of_strings_and_tables():
    assert LISTS and TABLES and set(LISTS) | set(TABLES) == set(DATA)
    for name, words in LISTS.items():
        assert all(isinstance(w, str) for w in words), name
    for name, table in TABLES.items():
        for key, value in table.items():
            ok = isinstance(value, (str, int)) or isinstance(value, list) and all(isinstance(v, str) for v in value)
            assert ok, f"{name}.{key}"


@pytest.mark.parametrize("name", sorted(DATA))
def test_every_entry_is_non_empty_lowercase_and_without_duplicates(name):
    entry = DATA[name]
    assert entry, f"{name} is empty"
    words = list(entry)  # a list's words, a table's keys
    if isinstance(entry, dict):
        words += [v for value in entry.values() for v in (value if isinstance(value, list) else [value])
                  if isinstance(v, str)]
    assert all(w and w == w.strip() for w in words), name
    # the code compares with a token's lowercase text or lemma, or with folded (lowercase) names
    assert [w for w in words if w != w.lower()] == [], name
    if isinstance(entry, list):
        assert [w for w in set(entry) if entry.count(w) > 1] == [], f"{name} has duplicates"


def test_every_name_the_code_asks_for_exists_and_every_entry_is_used():
    asked = _asked_for()
    every = set().union(*asked.values())
    assert {"title_words", "org_words", "document_types", "name_particles", "planning_verbs"} <= every
    missing = {where: sorted(names - set(DATA)) for where, names in asked.items() if names - set(DATA)}
    assert missing == {}, "asked for but not in lexicon.toml"
    assert sorted(set(DATA) - every) == [], "in lexicon.toml but used nowhere"


def test_the_loader_gives_sets_tuples_and_tables():
    assert lexicon.words("org_words") == frozenset(DATA["org_words"])
    assert lexicon.ordered("surname_endings") == tuple(DATA["surname_endings"])  # the file's order
    assert lexicon.mapping("document_types") == DATA["document_types"]
    assert lexicon.mapping("head_of")["state"][0] == "president"  # arrays as tuples
    assert lexicon.mapping("number_words")["both"] == 2
    assert lexicon.TITLE_WORDS == lexicon.TITLE_ONLY | {"he", "his", "her", "their", "the", "of", "and"}


def test_the_title_lists_do_not_overlap():
    parts = [set(DATA[n]) for n in ("title_words", "pronoun_titles", "title_possessives", "title_stop_words")]
    assert sum(map(len, parts)) == len(set().union(*parts))


@pytest.mark.parametrize("read", [lexicon.words, lexicon.ordered, lexicon.mapping, lexicon_entry])
def test_an_unknown_name_is_a_clear_error(read):
    clear = r"lexicon\.toml has no list or table 'org_word' \(did you mean 'org_words'\?\)"
    with pytest.raises(LookupError, match=clear):
        read("org_word")
    with pytest.raises(LookupError, match="no list or table 'nothing like it'$"):
        read("nothing like it")


def test_a_list_asked_for_as_a_table_is_a_clear_error():
    with pytest.raises(TypeError, match="'org_words' is not a table"):
        lexicon.mapping("org_words")
    with pytest.raises(TypeError, match="'document_types' is not a list of strings"):
        lexicon.words("document_types")


def test_the_file_is_package_data():
    found = resources.files("kg")
    for part in LEXICON_PATH:
        found = found.joinpath(part)
    assert found.is_file() and tomllib.loads(found.read_text(encoding="utf-8")) == DATA == lexicon_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["kg"]
    assert any(fnmatch("/".join(LEXICON_PATH), g) for g in globs), "the wheel would not carry lexicon.toml"


def test_name_folding_reads_the_file_without_spacy():
    code = "import sys, kg.names; assert kg.names.NAME_PARTICLES; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
