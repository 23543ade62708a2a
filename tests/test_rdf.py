"""Tests for kg.rdf (Extraction -> RDF), the ontology and the SHACL shapes."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run without installing kg

from kg.model import Actor, Article, Evidence, Extraction, Fact, Thing  # noqa: E402
from kg.rdf import (  # noqa: E402
    DIP,
    ID,
    actor_iri,
    article_iri,
    event_iri,
    extraction_to_graph,
    extractions_to_graph,
    sentence_iri,
    thing_iri,
)
from kg.events import merge_key  # noqa: E402
from kg.validate import ONTOLOGY_DIR, ontology_graph, shapes_graph, validate  # noqa: E402

# Open copies: pytest probes module globals, which makes closed namespaces warn.
SDO, XSD = Namespace(str(ns.SDO)), Namespace(str(ns.XSD))

ANNA = "anna lindqvist"
BORIS = "boris vell"
CARLA = "carla moreau"
RURITANIA = "ruritania"

S1 = "Anna Lindqvist met Boris Vell and Carla Moreau in Strelsau on Monday."
S2 = "Lindqvist and Vell signed a memorandum of understanding on fisheries."
S3 = "Lindqvist attended the Baltic Summit, which Vell did not attend."
S4 = "Vell will meet Carla Moreau next week."
S5 = "Moreau denied that she had called Lindqvist."


def ev(sentence: str, start: int) -> Evidence:
    return Evidence(sentence, start, start + len(sentence))


def make_extraction(article_id: str = "wire-1", anna_name: str = "Anna Lindqvist") -> Extraction:
    article = Article(
        id=article_id, text=" ".join([S1, S2, S3, S4, S5]), title="Leaders meet in Strelsau",
        date="2024-05-06", url="https://news.example/ruritania?id=1", source="Example Wire",
    )
    actors = {
        ANNA: Actor(ANNA, anna_name, "person", {"Lindqvist"}, {"Ruritanian President"}, RURITANIA),
        BORIS: Actor(BORIS, "Boris Vell", "person", {"Vell"}),
        CARLA: Actor(CARLA, "Carla Moreau", "person", {"Moreau"}),
        RURITANIA: Actor(RURITANIA, "Ruritania", "country"),
    }
    things = {
        "fisheries memorandum": Thing("fisheries memorandum", "memorandum of understanding on fisheries",
                                      "document", "memorandum"),
        "baltic summit": Thing("baltic summit", "Baltic Summit", "event", "summit"),
    }
    o2, o3, o4, o5 = (len(S1) + 1, len(S1) + len(S2) + 2, len(S1) + len(S2) + len(S3) + 3,
                      len(S1) + len(S2) + len(S3) + len(S4) + 4)
    facts = [
        Fact("met_with", ANNA, BORIS, ev(S1, 0), date="2024-05-06", place="Strelsau", trigger="met"),
        Fact("met_with", ANNA, CARLA, ev(S1, 0), date="2024-05-06", place="Strelsau", trigger="met"),
        Fact("signed", ANNA, "fisheries memorandum", ev(S2, o2), trigger="signed"),
        Fact("signed", BORIS, "fisheries memorandum", ev(S2, o2), trigger="signed"),
        Fact("attended", ANNA, "baltic summit", ev(S3, o3), trigger="attended"),
        Fact("attended", BORIS, "baltic summit", ev(S3, o3), status="negated", trigger="attend"),
        Fact("met_with", BORIS, CARLA, ev(S4, o4), status="planned", trigger="meet"),
        Fact("called", CARLA, ANNA, ev(S5, o5), status="negated", trigger="called"),
        Fact("met_with", ANNA, ANNA, ev(S1, 0), trigger="met"),  # self-loop: skipped
        Fact("met_with", ANNA, "nobody known", ev(S1, 0), trigger="met"),  # unknown actor: skipped
    ]
    return Extraction(article, actors, things, facts)


@pytest.fixture
def ex() -> Extraction:
    return make_extraction()


@pytest.fixture
def graph(ex: Extraction) -> Graph:
    return extraction_to_graph(ex)


def a(ex: Extraction, key: str) -> URIRef:
    return actor_iri(ex.actors[key])


def events_of(g: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, cls))


# ------------------------------------------------------------------ direct triples

def test_met_with_is_written_in_both_directions(graph: Graph, ex: Extraction) -> None:
    for x, y in [(ANNA, BORIS), (ANNA, CARLA)]:
        assert (a(ex, x), DIP.metWith, a(ex, y)) in graph
        assert (a(ex, y), DIP.metWith, a(ex, x)) in graph


def test_planned_and_negated_facts_have_no_direct_triple(graph: Graph, ex: Extraction) -> None:
    assert (a(ex, BORIS), DIP.metWith, a(ex, CARLA)) not in graph
    assert (a(ex, CARLA), DIP.metWith, a(ex, BORIS)) not in graph
    assert not list(graph.triples((None, DIP.called, None)))
    assert (a(ex, BORIS), DIP.attended, None) not in graph


def test_planned_and_negated_facts_are_events_with_their_status(graph: Graph, ex: Extraction) -> None:
    planned = [e for e in events_of(graph, DIP.Meeting)
               if (e, SDO.eventStatus, SDO.EventScheduled) in graph]
    assert len(planned) == 1
    assert set(graph.objects(planned[0], DIP.participant)) == {a(ex, BORIS), a(ex, CARLA)}
    (call,) = events_of(graph, DIP.PhoneCall)
    assert graph.value(call, SDO.eventStatus) == DIP.Negated
    assert set(graph.objects(call, DIP.participant)) == {a(ex, ANNA), a(ex, CARLA)}


def test_skips_self_loops_and_unknown_actors(graph: Graph, ex: Extraction) -> None:
    assert (a(ex, ANNA), DIP.metWith, a(ex, ANNA)) not in graph
    assert not [o for o in graph.objects(None, DIP.participant) if "nobody" in str(o)]


# ---------------------------------------------------------------------- events

def test_facts_of_one_sentence_form_one_meeting(graph: Graph, ex: Extraction) -> None:
    happened = [e for e in events_of(graph, DIP.Meeting) if (e, SDO.eventStatus, DIP.Happened) in graph]
    assert len(happened) == 1
    meeting = happened[0]
    assert set(graph.objects(meeting, DIP.participant)) == {a(ex, ANNA), a(ex, BORIS), a(ex, CARLA)}
    assert graph.value(meeting, DIP.date) == Literal("2024-05-06", datatype=XSD.date)
    place = graph.value(meeting, DIP.place)
    assert (place, RDF.type, DIP.Place) in graph and graph.value(place, RDFS.label) == Literal("Strelsau")
    assert graph.value(meeting, DIP.trigger) == Literal("met")
    assert (meeting, RDF.type, DIP.Event) in graph
    assert str(meeting).startswith(str(ID["event/met_with-"]))


def test_signed_document_is_typed_by_subtype(graph: Graph, ex: Extraction) -> None:
    doc = thing_iri("wire-1", ex.things["fisheries memorandum"])
    assert doc == ID["document/wire-1/fisheries-memorandum"]
    assert (doc, RDF.type, DIP.MemorandumOfUnderstanding) in graph
    assert (doc, RDF.type, DIP.Document) in graph
    assert (a(ex, ANNA), DIP.signed, doc) in graph
    assert (a(ex, BORIS), DIP.signed, doc) in graph
    (signing,) = events_of(graph, DIP.Signing)
    assert graph.value(signing, DIP.document) == doc
    assert set(graph.objects(signing, DIP.signatory)) == {a(ex, ANNA), a(ex, BORIS)}


@pytest.mark.parametrize("subtype, cls", [("treaty", DIP.Treaty), ("roadmap", DIP.Roadmap),
                                          ("communique", None)])
def test_document_subtypes(ex: Extraction, subtype: str, cls: URIRef | None) -> None:
    ex.things["fisheries memorandum"].subtype = subtype
    g = extraction_to_graph(ex)
    types = set(g.objects(thing_iri("wire-1", ex.things["fisheries memorandum"]), RDF.type))
    assert types == {DIP.Document} | ({cls} if cls else set())


def _summit(graph: Graph) -> URIRef:
    (summit,) = set(graph.subjects(RDF.type, DIP.Summit))
    return summit


def test_attended_event_is_the_event_node(graph: Graph, ex: Extraction) -> None:
    summit = _summit(graph)  # named by its merge key, as events of other articles are: shared with them
    assert str(summit).startswith(str(ID["event/attended-"])) and (summit, DIP.mergeKey, None) in graph
    assert {DIP.Summit, DIP.AttendedEvent, DIP.Event} <= set(graph.objects(summit, RDF.type))
    assert graph.value(summit, RDFS.label) == Literal("Baltic Summit")
    assert (a(ex, ANNA), DIP.attended, summit) in graph
    assert set(graph.objects(summit, DIP.attendee)) == {a(ex, ANNA)}
    assert graph.value(summit, SDO.eventStatus) == DIP.Happened


def test_attendance_with_other_status_is_a_separate_record(graph: Graph, ex: Extraction) -> None:
    summit = _summit(graph)
    (record,) = events_of(graph, DIP.Attendance)
    assert graph.value(record, DIP.attendanceOf) == summit
    assert graph.value(record, SDO.eventStatus) == DIP.Negated
    assert set(graph.objects(record, DIP.attendee)) == {a(ex, BORIS)}


# ------------------------------------------------------------------ provenance

def test_provenance(graph: Graph, ex: Extraction) -> None:
    art = article_iri("wire-1")
    assert (art, RDF.type, DIP.Article) in graph
    assert graph.value(art, DIP.articleId) == Literal("wire-1")
    assert graph.value(art, SDO.headline) == Literal("Leaders meet in Strelsau")
    assert graph.value(art, SDO.datePublished) == Literal("2024-05-06", datatype=XSD.date)
    url = graph.value(art, SDO.url)
    assert isinstance(url, Literal) and url.datatype == XSD.anyURI
    sentence = sentence_iri("wire-1", 0, len(S1))
    assert graph.value(sentence, DIP.evidenceText) == Literal(S1)
    assert graph.value(sentence, DIP.startOffset) == Literal(0)
    assert graph.value(sentence, DIP.endOffset) == Literal(len(S1))
    assert graph.value(sentence, DIP.inArticle) == art
    events = set(graph.subjects(RDF.type, DIP.Event))
    assert len(events) == 6  # two meetings, a call, a signing, the summit, an attendance
    for event in events:
        assert graph.value(event, PROV.wasDerivedFrom) == art
        for s in graph.objects(event, DIP.evidence):
            start, end = int(graph.value(s, DIP.startOffset)), int(graph.value(s, DIP.endOffset))
            assert ex.article.text[start:end] == str(graph.value(s, DIP.evidenceText))


def test_actor_details(graph: Graph, ex: Extraction) -> None:
    anna = a(ex, ANNA)
    assert anna == ID["person/anna-lindqvist"]
    assert {DIP.Actor, DIP.Person} == set(graph.objects(anna, RDF.type))
    assert graph.value(anna, DIP.role) == Literal("Ruritanian President")
    assert graph.value(anna, DIP.country) == ID["country/ruritania"]
    assert set(graph.objects(anna, SKOS.altLabel)) == {Literal("Lindqvist")}


def test_no_blank_nodes(graph: Graph) -> None:
    assert not [t for t in graph for term in t if isinstance(term, BNode)]


def test_article_ids_are_percent_quoted() -> None:
    g = extraction_to_graph(make_extraction("feed/2024 #7?x=<1>"))
    art = article_iri("feed/2024 #7?x=<1>")
    assert str(art) == str(ID) + "article/feed%2F2024%20%237%3Fx%3D%3C1%3E"
    assert (art, RDF.type, DIP.Article) in g
    for term in {t for triple in g for t in triple if isinstance(t, URIRef)}:
        assert not set(str(term)) & set(' <>"{}|\\^`')


def test_event_iri_is_stable() -> None:
    key = merge_key("met_with", "happened", ["b", "a"])
    one = event_iri("met_with", key, "2024-05-06")
    assert one == event_iri("met_with", merge_key("met_with", "happened", ["a", "b"]), "2024-05-06")
    assert one != event_iri("met_with", key, "2024-05-07")
    assert one != event_iri("met_with", merge_key("met_with", "happened", ["a", "c"]), "2024-05-06")
    assert len(str(one).rsplit("met_with-", 1)[1]) == 16


def test_invalid_dates_are_dropped(ex: Extraction) -> None:
    for f in ex.facts:
        f.date = "last Monday"
    g = extraction_to_graph(ex)
    assert not list(g.triples((None, DIP.date, None)))
    assert not list(g.triples((None, DIP.reportedDate, None)))


# ------------------------------------------------------------- merging, idempotence

def test_same_actor_in_two_articles_is_one_node() -> None:
    first = make_extraction("wire-1", anna_name="Anna Lindqvist")
    second = make_extraction("wire-2", anna_name="Anna M. Lindqvist")
    for order in ([first, second], [second, first]):
        g = extractions_to_graph(order)
        anna = ID["person/anna-lindqvist"]
        assert len(set(g.subjects(RDF.type, DIP.Person))) == 3
        assert list(g.objects(anna, RDFS.label)) == [Literal("Anna M. Lindqvist")]
        assert set(g.objects(anna, SKOS.altLabel)) == {Literal("Anna Lindqvist"), Literal("Lindqvist")}
        assert len(set(g.subjects(RDF.type, DIP.Article))) == 2
        assert validate(g)[0]


def test_adding_the_same_extraction_twice_changes_nothing(ex: Extraction) -> None:
    g = extraction_to_graph(ex)
    before = len(g)
    extraction_to_graph(ex, g)
    extraction_to_graph(make_extraction(), g)
    assert len(g) == before
    merged = extractions_to_graph([make_extraction("wire-1"), make_extraction("wire-2", "Anna M. Lindqvist")])
    size = len(merged)
    extraction_to_graph(make_extraction("wire-1"), merged)
    extraction_to_graph(make_extraction("wire-2", "Anna M. Lindqvist"), merged)
    assert len(merged) == size


# ------------------------------------------------------------------------ SHACL

def test_graph_conforms_to_shapes(graph: Graph) -> None:
    conforms, report = validate(graph)
    assert conforms, report


def test_actor_without_label_does_not_conform(graph: Graph, ex: Extraction) -> None:
    graph.remove((a(ex, BORIS), RDFS.label, None))
    conforms, report = validate(graph)
    assert not conforms
    assert "boris-vell" in report


def test_event_without_evidence_does_not_conform(graph: Graph) -> None:
    (signing,) = events_of(graph, DIP.Signing)
    graph.remove((signing, DIP.evidence, None))
    assert not validate(graph)[0]


def test_one_way_met_with_does_not_conform(graph: Graph, ex: Extraction) -> None:
    graph.remove((a(ex, BORIS), DIP.metWith, a(ex, ANNA)))
    assert not validate(graph)[0]


def test_untyped_superclass_does_not_conform(graph: Graph, ex: Extraction) -> None:
    graph.remove((_summit(graph), RDF.type, DIP.AttendedEvent))
    assert not validate(graph)[0]


def test_two_statuses_do_not_conform(graph: Graph) -> None:
    (signing,) = events_of(graph, DIP.Signing)
    graph.add((signing, SDO.eventStatus, DIP.Negated))
    assert not validate(graph)[0]


# --------------------------------------------------------------------- ontology

def test_ontology_parses_and_declares_terms() -> None:
    onto = ontology_graph()
    assert (ONTOLOGY_DIR / "dipkg.ttl").is_file()
    assert (URIRef("https://w3id.org/dipkg/ontology"), RDF.type, OWL.Ontology) in onto
    assert onto.value(URIRef("https://w3id.org/dipkg/ontology"), OWL.versionInfo) is not None
    assert (DIP.metWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (DIP.called, RDF.type, OWL.SymmetricProperty) in onto
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(str(DIP))}
    assert len(terms) > 40
    for term in terms:
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, RDFS.comment) is not None, term


def test_ontology_declares_every_term_the_writer_uses(graph: Graph) -> None:
    onto = ontology_graph()
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(str(DIP))}
    declared = set(onto.subjects(RDFS.label, None))
    assert used <= declared, used - declared


def test_direct_relation_local_names_are_unique() -> None:
    onto = ontology_graph()
    props = {p for cls in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in onto.subjects(RDF.type, cls)}
    local = [str(p).rsplit("#", 1)[-1] for p in props]
    for name in ("metWith", "signed", "attended", "called"):
        assert local.count(name) == 1


def test_shapes_parse() -> None:
    assert len(shapes_graph()) > 50


# ---------------------------------------------------------------- hostile text

HOSTILE = 'Evil <script>alert("x")</script> """ triple \\ back\\slash > gt\nnew line\r\tand \'quote\''


def test_hostile_text_round_trips_through_turtle(ex: Extraction) -> None:
    ex.actors[BORIS].name = "Boris " + HOSTILE
    ex.actors[BORIS].roles = {HOSTILE}
    ex.things["baltic summit"].label = HOSTILE
    ex.facts[0] = Fact("met_with", ANNA, BORIS, Evidence(HOSTILE, 0, len(HOSTILE)), place=HOSTILE,
                       trigger="met")
    ex = Extraction(Article("id-" + HOSTILE, HOSTILE, title=HOSTILE, url=HOSTILE, source=HOSTILE),
                    ex.actors, ex.things, ex.facts)
    g = extraction_to_graph(ex)
    assert validate(g)[0]
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert len(again) == len(g)
    assert set(again) == set(g)
    assert again.value(sentence_iri(ex.article.id, 0, len(HOSTILE)), DIP.evidenceText) == Literal(HOSTILE)
    assert again.value(a(ex, BORIS), RDFS.label) == Literal("Boris " + HOSTILE)
    assert again.value(article_iri(ex.article.id), SDO.url) == Literal(HOSTILE, datatype=XSD.anyURI)
    labels = {str(o) for o in again.objects(None, RDFS.label)}
    assert HOSTILE in labels
