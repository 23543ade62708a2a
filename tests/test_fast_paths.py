"""The extractor's quick paths find exactly what the plain way finds.

kg's dependency matcher (:mod:`kg.extract.depmatch`) gives exactly spaCy's matches.

It finds the tokens of each pattern node from the doc's attribute columns
instead of spaCy's token matcher; everything else is spaCy's.  The check runs
every rule kg uses over our own example and fixture articles, and over
sentences written for it, and compares with spaCy's DependencyMatcher match for
match, in order.  The glued-name finder looks only where a piece can start, and
finds what a step through every token finds.
"""
from __future__ import annotations

import pytest
from spacy.matcher import DependencyMatcher

from conftest import ARTICLES
from kg.extract.depmatch import ColumnDependencyMatcher, _roots
from kg.extract.rules import rules_in_use

SENTENCES = [
    "President Anna Berg met Prime Minister Lukas Holm in Oslo on Monday, and the two signed an accord.",
    "The foreign ministers did not meet, but their deputies held talks and were received by the king.",
    "Holm will visit Lima next week; Berg hosted him in March. They spoke by phone on Friday.",
    "",
    "Talks.",
]

GLUED = ("Prime Minister Prayut Chan-o-cha met Ali al-Haddad, Ulrike von der Heyden, Fekitamoeloa "
         "'Utoikamanu and Kim Ji-hoon at Co-chair talks; the Otieno-led team met Ana de la Torre.")


def _pair(vocab, rules):
    ours, theirs = ColumnDependencyMatcher(vocab), DependencyMatcher(vocab)
    for rule in rules:
        ours.add(rule.name, [list(rule.nodes)])
        theirs.add(rule.name, [list(rule.nodes)])
    return ours, theirs


@pytest.fixture(scope="module")
def docs(nlp, example_docs):
    """The example articles, the fixture articles and the sentences above, parsed."""
    return example_docs + list(nlp.pipe([p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
                                        + SENTENCES + [GLUED]))


def test_every_rule_matches_as_spacy_does(nlp, docs):
    ours, theirs = _pair(nlp.vocab, rules_in_use())
    assert ours._node_plan() is not None  # our rules are done from the columns, not handed back
    total = 0
    for doc in docs:
        found = ours(doc)
        assert found == theirs(doc), doc.text[:80]
        total += len(found)
    assert total > 50  # the articles do hold matches


def test_the_matches_of_some_rules_are_those_of_a_matcher_of_those_rules(nlp, docs):
    """:meth:`ColumnDependencyMatcher.matches` restricts a matcher of all rules to some of them:
    the same matches, in the same order, as spaCy's matcher of only those rules."""
    import random

    rules = rules_in_use()
    whole, _ = _pair(nlp.vocab, rules)
    chooser = random.Random(7)
    for doc in docs:
        some = [rule for rule in rules if chooser.random() < 0.5]
        _, theirs = _pair(nlp.vocab, some)
        assert whole.matches(doc, [rule.name for rule in some]) == theirs(doc), doc.text[:80]
    assert whole.matches(docs[0], []) == []


def test_a_node_test_it_does_not_do_is_left_to_spacy(nlp, docs):
    """ENT_TYPE and NOT_IN are not column tests here: the whole matcher works as spaCy's."""
    rules = rules_in_use()
    odd = [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB", "LEMMA": {"NOT_IN": ["say"]}}},
           {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"ENT_TYPE": "PERSON"}}]
    ours, theirs = _pair(nlp.vocab, rules)
    ours.add("odd", [odd])
    theirs.add("odd", [odd])
    assert ours._node_plan() is None and not ours.done_by_columns()
    assert [ours(doc) for doc in docs] == [theirs(doc) for doc in docs]
    assert any(nlp.vocab.strings[key] == "odd" for doc in docs for key, _ in ours(doc))


def test_roots_follow_heads_to_the_top():
    # 0 <- 1 (root) -> 2 -> 3 ; 4 (root) <- 5
    assert _roots([1, 0, -1, -1, 0, -1]) == [1, 1, 1, 1, 4, 4]
    assert _roots([]) == []



def test_glued_names_are_found_where_a_step_through_every_token_finds_them(nlp):
    """:func:`~kg.extract.namewords.glued_name_pieces` looks only where a piece can start (before a
    hyphen, at a quote mark, at a particle); stepping through every token finds the same pieces."""
    import kg.extract.namewords as namewords

    short = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))] + SENTENCES + [GLUED]
    with nlp.select_pipes(disable=["kg_glued_names"]):  # the doc as that component sees it
        docs = list(nlp.pipe(short))
    quick = [namewords.glued_name_pieces(doc) for doc in docs]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(namewords, "_piece_starts", lambda doc: iter(range(len(doc))))
        slow = [namewords.glued_name_pieces(doc) for doc in docs]
    assert quick == slow
    glued = docs[-1]
    assert [glued[a:b].text for a, b in quick[-1]] == [
        "Chan-o-cha", "al-Haddad", "von der Heyden", "'Utoikamanu", "Ji-hoon", "de la Torre"]


def test_name_runs_are_found_where_a_test_of_every_token_finds_them(docs):
    """:func:`~kg.extract.namewords.name_runs` tests only the tokens that can start a name."""
    import kg.extract.namewords as namewords
    given = [{e.start for e in doc.ents if e.label_ == "PERSON"} for doc in docs]
    quick = [namewords.name_runs(doc, set(), g) for doc, g in zip(docs, given)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(namewords, "_may_start_names", lambda doc: [True] * len(doc))
        slow = [namewords.name_runs(doc, set(), g) for doc, g in zip(docs, given)]
    assert quick == slow
    assert "Fekitamoeloa 'Utoikamanu" in [docs[-1][a:b].text for a, b in quick[-1]]
