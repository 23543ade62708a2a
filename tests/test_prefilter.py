"""The extractor runs only the rules whose words a doc holds, with the matches of all rules."""
from __future__ import annotations

from spacy.matcher import DependencyMatcher

from kg.extract import _matches
from kg.extract.rules import Rule, needed_words, rules_in_use

# written for this test: triggers of several rules, and sentences with none
TEXTS = [
    "Kenyan President Amani Otieno received Ghanaian Foreign Minister Kofi Mensah in Nairobi on Monday. "
    "The two leaders signed a trade agreement and later spoke by phone with Peru's president.",
    "The weather in the capital was mild. Markets were closed for the holiday.",
    "Ministers attended the regional summit in Tashkent, where they held talks with the host.",
    "",
]


def _by_sentence(doc, pairs) -> dict[int, list[tuple[str, tuple[int, ...]]]]:
    """Matches grouped by sentence and ordered by trigger, as the extractor reads them."""
    out: dict[int, list] = {}
    for rule, ids in pairs:
        trigger = ids[[n["RIGHT_ID"] for n in rule.nodes].index("trigger")]
        out.setdefault(doc[trigger].sent.start, []).append((trigger, rule.name, tuple(ids)))
    return {k: [(name, ids) for _t, name, ids in sorted(v, key=lambda x: x[0])] for k, v in out.items()}


def test_needed_words_reads_word_attributes_only():
    rule = Rule("r", "met_with", "pair", (
        {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": ["meet"], "NOT_IN": ["x"]}, "POS": "VERB"}},
        {"RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}, "LEFT_ID": "trigger", "REL_OP": ">"},
        {"RIGHT_ID": "o", "RIGHT_ATTRS": {"text": "with", "LOWER": {"REGEX": "^w"}},
         "LEFT_ID": "trigger", "REL_OP": ">"},
    ))
    assert needed_words(rule) == (("LEMMA", frozenset({"meet"})), ("ORTH", frozenset({"with"})))
    assert needed_words(Rule("any", "met_with", "pair", ({"RIGHT_ID": "trigger", "RIGHT_ATTRS": {}},))) == ()


def test_every_builtin_trigger_needs_a_word():
    """The pre-filter only pays off when rules name their trigger words."""
    rules = rules_in_use()
    assert sum(bool(needed_words(r)) for r in rules) >= len(rules) * 0.9


def test_matches_equal_those_of_one_matcher_of_all_rules(nlp, example_docs):
    rules = rules_in_use()
    full = DependencyMatcher(nlp.vocab)
    for rule in rules:
        full.add(rule.name, [list(rule.nodes)])
    by_name = {r.name: r for r in rules}
    found = 0
    for doc in list(nlp.pipe(TEXTS)) + example_docs:
        expected = [(by_name[nlp.vocab.strings[key]], ids) for key, ids in full(doc)]
        got = list(_matches(doc, rules))
        assert _by_sentence(doc, got) == _by_sentence(doc, expected)
        found += len(got)
    assert found > 20


def test_only_rules_whose_words_are_there_are_run(nlp, monkeypatch):
    import kg.extract as kx
    from kg.extract.depmatch import ColumnDependencyMatcher

    rules = rules_in_use()
    kx._needs(nlp.vocab, rules)
    run, asked = [], []
    real, real_matches = kx._matcher, ColumnDependencyMatcher.matches
    monkeypatch.setattr(kx, "_matcher", lambda vocab, used: run.append(used) or real(vocab, used))
    monkeypatch.setattr(ColumnDependencyMatcher, "matches",
                        lambda self, doc, names: asked.append(list(names)) or real_matches(self, doc, names))
    assert list(_matches(nlp("The weather in the capital was mild."), rules)) == []
    assert run == [] and asked == []  # no matcher at all
    assert list(_matches(nlp("President Otieno signed the agreement."), rules))
    names = {rule.name for rule in rules}
    assert len(asked) == 1 and 0 < len(asked[0]) < len(rules) and set(asked[0]) <= names
