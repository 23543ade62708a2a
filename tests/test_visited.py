"""The relation "visited", added as data only (kg/data/relations.toml, kg/extract/data/patterns.toml).

Every sentence here is our own.  A visit's destination is a country or
organisation (an actor) or a city (a place); its hosts meeting the visitor
stay a meeting; planned and denied visits keep their status.
"""
from __future__ import annotations

import pytest
from rdflib.namespace import RDF

from kg.extract import extract
from kg.model import Article
from kg.names import name_key
from kg.namespaces import DIP

DATE = "2025-03-05"  # a Wednesday


def visits(nlp, text: str) -> set[tuple[str, str, str, str | None]]:
    """``(visitor, destination, status, date)`` of every visit the extractor finds in ``text``."""
    ex = extract(Article(id="visit-test", text=text, date=DATE), nlp)
    out = set()
    for f in ex.facts:
        if f.relation != "visited":
            continue
        thing = ex.things.get(f.object)
        where = thing.label if thing is not None else ex.actors[f.object].name
        out.add((name_key(ex.actors[f.subject].name), name_key(where), f.status, f.date))
    return out


@pytest.mark.parametrize("text, expected", [
    ("Kazakh President Nurlan Abenov paid a state visit to Türkiye on Monday.",
     ("nurlan abenov", "turkey", "happened", "2025-03-03")),
    ("Uzbek Prime Minister Aziz Karimov arrived in Ankara on an official visit.",
     ("aziz karimov", "ankara", "happened", DATE)),
    ("During his working visit to Kenya, Cypriot President Andreas Loizou toured a container port.",
     ("andreas loizou", "kenya", "happened", DATE)),
    ("Peruvian Foreign Minister Lucia Salas visited Nairobi on Tuesday.",
     ("lucia salas", "nairobi", "happened", "2025-03-04")),
    ("Chilean Foreign Minister Ana Ruiz will pay an official visit to Peru next month.",
     ("ana ruiz", "peru", "planned", None)),
    ("Foreign Minister Ana Ruiz of Chile did not visit Bolivia.",
     ("ana ruiz", "bolivia", "negated", None)),
    ("The Ghanaian leader invited Senegalese President Moussa Ndiaye to visit Accra next year.",
     ("moussa ndiaye", "accra", "planned", None)),
])
def test_visits_with_their_destination_status_and_date(nlp, text, expected) -> None:
    found = visits(nlp, text)
    assert expected in found, found


def test_a_guest_welcomed_on_his_visit_is_the_visitor_not_the_host(nlp) -> None:
    text = ("Thai Prime Minister Somchai Wongsakul on Wednesday welcomed his Cambodian counterpart Sok Vanna "
            "to Government House on his first official visit to Thailand.")
    found = visits(nlp, text)
    assert ("sok vanna", "thailand", "happened", DATE) in found, found
    assert not any(v[0] == "somchai wongsakul" for v in found), found


def test_the_host_of_a_visit_still_meets_the_visitor(nlp) -> None:
    text = ("Turkish President Recep Aksoy received Uzbek Prime Minister Aziz Karimov, "
            "who is on a working visit to Türkiye.")
    ex = extract(Article(id="visit-test", text=text, date=DATE), nlp)
    assert ("aziz karimov", "turkey", "happened", DATE) in visits(nlp, text)
    assert {(f.relation, f.subject, f.object) for f in ex.facts if f.relation == "met_with"} == {
        ("met_with", "aziz karimov", "recep aksoy")}


def test_no_visit_without_a_destination_or_a_visitor(nlp) -> None:
    assert visits(nlp, "The museum drew record crowds after the visit.") == set()
    assert visits(nlp, "Officials said the visit to Peru had been postponed.") == set()
    assert visits(nlp, "Kenyan President Amani Otieno paid a visit to the new library.") == set()


def test_visits_in_the_graph_conform_to_the_shapes(tmp_path) -> None:
    from kg.build import build
    from kg.validate import validate

    article = tmp_path / "trip.txt"
    article.write_text("Date: 2025-03-05\n\nKazakh President Nurlan Abenov paid a state visit to Türkiye on "
                       "Monday. He arrived in Ankara on an official visit.\n", encoding="utf-8")
    graph, report = build([article], output=tmp_path / "g.ttl")
    assert report.events["visited"] == 2
    events = set(graph.subjects(RDF.type, DIP.Visiting))
    destinations = {graph.value(e, DIP.destination) for e in events}
    assert {(d, RDF.type, DIP.Country) in graph or (d, RDF.type, DIP.Place) in graph for d in destinations} == {True}
    abenov = next(graph.subjects(DIP.visited, next(iter(destinations))))
    assert len(set(graph.objects(abenov, DIP.visited))) == 2
    conforms, text = validate(graph)
    assert conforms, text
