"""Corpus-level identity: one person, one key across articles (kg.identity)."""
from __future__ import annotations

from collections import Counter

from kg.identity import unify_people
from kg.model import Actor, Article, Evidence, Extraction, Fact


def extraction(aid: str, *people: str, met: tuple[str, str] | None = None) -> Extraction:
    from kg.names import name_key

    actors = {name_key(p): Actor(name_key(p), p, "person") for p in people}
    facts = []
    if met:
        a, b = sorted(name_key(x) for x in met)
        facts.append(Fact("met_with", a, b, Evidence("...", 0, 3)))
    return Extraction(Article(id=aid, text="..."), actors=actors, facts=facts)


def test_surname_and_transliteration_join_the_full_name():
    a = extraction("a", "Erdogan", "Toqaev", met=("Erdogan", "Toqaev"))
    b = extraction("b", "Recep Tayyip Erdoğan", "Kassym-Jomart Tokayev")
    mapping = unify_people([a, b])
    assert mapping == {"erdogan": "recep tayyip erdogan", "toqaev": "kassym jomart tokayev"}
    assert sorted(a.actors) == ["kassym jomart tokayev", "recep tayyip erdogan"]
    (fact,) = a.facts
    assert {fact.subject, fact.object} == {"kassym jomart tokayev", "recep tayyip erdogan"}
    assert fact.subject < fact.object


def test_a_shared_family_name_is_left_alone():
    a = extraction("a", "Rajapaksa")
    b = extraction("b", "Mahinda Rajapaksa", "Gotabaya Rajapaksa")
    assert unify_people([a, b]) == {}
    assert list(a.actors) == ["rajapaksa"]


def test_a_lone_given_name_does_not_join_another_article_s_person():
    a = extraction("a", "Hussein")
    b = extraction("b", "Hüseyin Arslan")
    assert unify_people([a, b]) == {}


def test_known_people_of_the_existing_graph_are_joined():
    a = extraction("a", "Putin")
    assert unify_people([a], known={"vladimir putin"}) == {"putin": "vladimir putin"}
    assert a.actors["vladimir putin"].name == "Putin"


def test_two_spellings_in_one_article_merge_their_aliases_and_roles():
    a = extraction("a", "Olzhas Bektenov")
    b = extraction("b", "Bektenov", "Oljas Bektenov")
    b.actors["bektenov"].roles.add("Kazakh Prime Minister")
    unify_people([a, b])
    (actor,) = b.actors.values()
    assert actor.key == "olzhas bektenov"
    assert "Kazakh Prime Minister" in actor.roles and "Bektenov" in actor.aliases


def test_unifying_against_a_large_store_compares_only_names_that_can_match(monkeypatch):
    """Adding one article to a store of 5,000 people must not compare it with all of them."""
    import random

    import kg.identity as identity

    rng = random.Random(5)
    letters = "abcdefghijklmnoprstuvyz"
    people = Counter(" ".join("".join(rng.choice(letters) for _ in range(rng.randint(4, 10)))
                              for _ in range(rng.choice([2, 2, 3]))) for _ in range(5_000))
    people.update(["kemal kaplanoglu", "kaplanoglu", "selim kaplanoglu"])
    calls = []
    real = identity._same_person
    monkeypatch.setattr(identity, "_same_person", lambda *a: calls.append(a) or real(*a))
    assert identity._canonical_keys(people, focus=["kaplanoglu"]) == {}  # two Kaplanoglus: ambiguous
    del people["selim kaplanoglu"]
    calls.clear()
    assert identity._canonical_keys(people, focus=["kaplanoglu"]) == {"kaplanoglu": "kemal kaplanoglu"}
    assert 0 < len(calls) < 500  # a tenth of the 5,000 comparisons with everyone
