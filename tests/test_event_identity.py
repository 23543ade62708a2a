"""One node per real event (issue 18): mentions merged within an article, reports merged across
articles in every store, whatever order the articles come in, and kept consistent by ``kg remove``;
places as gazetteer nodes with their country.  Our own short articles."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from conftest import build_here as build  # these tests are about the graph, not where the parsing runs
from kg.events import Report, cluster
from kg.places import find_place
from kg.rdf import DIP
from kg.store import open_store

# Three reports of one meeting (one dates it a day later, one gives no date and no day),
# and an article about another meeting of the same two, a month later.
FIRST = ("Title: Kessler receives Moana\nDate: 2025-06-13\nId: wire-a\n\n"
         "Ruritanian President Anton Kessler received Samoan Prime Minister Lilo Moana in Ankara on Thursday. "
         "The two leaders discussed shipping routes. Kessler and Moana also talked about fisheries.\n")
SECOND = ("Title: Moana in Ankara\nDate: 2025-06-14\nId: wire-b\n\n"
          "Samoan Prime Minister Lilo Moana met President Anton Kessler in the Turkish capital Ankara on "
          "June 13, 2025, officials said.\n")
THIRD = ("Title: Talks on shipping\nDate: 2025-06-15\nId: wire-c\n\n"
         "President Anton Kessler and Prime Minister Lilo Moana met in Ankara on Friday.\n")
LATER = ("Title: Kessler and Moana again\nDate: 2025-07-20\nId: wire-d\n\n"
         "President Anton Kessler met Prime Minister Lilo Moana in Apia on Saturday.\n")


def _write(folder, **texts):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _meetings(graph) -> list[URIRef]:
    return sorted(e for e in set(graph.subjects(RDF.type, DIP.Meeting))
                  if (e, DIP.participant, None) in graph)


def test_mentions_of_one_meeting_in_one_article_are_one_event(nlp, tmp_path):
    graph, _ = build([_write(tmp_path / "in", a=FIRST)], output=tmp_path / "g.ttl")
    [meeting] = _meetings(graph)
    assert len(set(graph.objects(meeting, DIP.evidence))) == 3
    assert graph.value(meeting, DIP.date) == Literal("2025-06-12", datatype=XSD.date)


@pytest.mark.parametrize("target", ["file", "oxigraph"])
def test_reports_in_three_articles_are_one_event_in_any_order(nlp, tmp_path, target):
    results = []
    for order in (["a", "b", "c", "d"], ["d", "c", "b", "a"]):
        folder = tmp_path / "-".join(order)
        texts = {"a": FIRST, "b": SECOND, "c": THIRD, "d": LATER}
        for i, name in enumerate(order):  # one article per build: the store merges them
            _write(folder / "in" / name, **{name: texts[name]})
            kwargs = {"output": folder / "g.trig", "append": True} if target == "file" else {"store": folder / "db"}
            build([folder / "in" / name], **kwargs)
        if target == "file":
            graph, _ = build([folder / "in" / order[0]], output=folder / "g.trig", append=True)
        else:
            with open_store(store=folder / "db", read_only=True) as store:
                graph = store.to_graph()
        meetings = _meetings(graph)
        assert len(meetings) == 2, meetings
        merged = next(m for m in meetings if len(set(graph.objects(m, PROV.wasDerivedFrom))) > 1)
        assert len(set(graph.objects(merged, PROV.wasDerivedFrom))) == 3
        # "on Thursday" (12 June) once, "June 13" and "on Friday" (13 June): the date stated most often
        assert graph.value(merged, DIP.date) == Literal("2025-06-13", datatype=XSD.date)
        reported = {str(graph.value(r, DIP.reportedDate)) for r in graph.objects(merged, DIP.report)}
        assert reported == {"2025-06-12", "2025-06-13"}
        place = graph.value(merged, DIP.place)
        assert (place, OWL.sameAs, URIRef("https://sws.geonames.org/323786/")) in graph
        assert str(graph.value(graph.value(place, DIP.country), RDFS.label)) == "Turkey"
        results.append(sorted(map(str, meetings)))
    assert results[0] == results[1]  # the IRIs do not depend on the order


@pytest.mark.parametrize("target", ["file", "oxigraph"])
def test_removing_an_article_keeps_the_event_with_one_source_fewer(nlp, tmp_path, target):
    folder = _write(tmp_path / "in", a=FIRST, b=SECOND, c=THIRD)
    kwargs = {"output": tmp_path / "g.trig"} if target == "file" else {"store": tmp_path / "db"}
    build([folder], **kwargs)
    if target == "file":
        from kg.store import MemoryStore

        with MemoryStore(tmp_path / "g.trig", load=True) as store:
            assert store.remove(["wire-a"]) == ["wire-a"]
        with MemoryStore(tmp_path / "g.trig", load=True) as store:
            graph = store.to_graph()
    else:
        with open_store(store=tmp_path / "db") as store:
            assert store.remove(["wire-a"]) == ["wire-a"]
            graph = store.to_graph()
    [meeting] = _meetings(graph)
    sources = {str(graph.value(a, DIP.articleId)) for a in graph.objects(meeting, PROV.wasDerivedFrom)}
    assert sources == {"wire-b", "wire-c"}
    # wire-b and wire-c both state 13 June
    assert graph.value(meeting, DIP.date) == Literal("2025-06-13", datatype=XSD.date)
    assert len(set(graph.subjects(DIP.mergeKey, None))) == len(set(graph.subjects(RDF.type, DIP.Event)) -
                                                             set(graph.subjects(RDF.type, DIP.AttendedEvent)))


def test_meetings_in_a_country_is_a_saved_query(nlp, tmp_path):
    import kg

    graph, _ = build([_write(tmp_path / "in", a=FIRST, b=SECOND, d=LATER)], output=tmp_path / "g.ttl")
    rows = kg.query(graph, "meetings-in", country="Türkiye")
    assert rows[["place", "sources"]].values.tolist() == [["Ankara", "2"]]
    assert kg.query(graph, "meetings-in", country="Samoa")["place"].tolist() == ["Apia"]
    assert kg.query(graph, "meetings-of", actor="Moana")["sources"].tolist() == ["2", "1"]


def test_cluster_keeps_apart_what_an_article_told_apart_and_what_is_far_apart():
    two_of_one = [Report("k", "a", "1", "2025-01-01", True, None), Report("k", "a", "2", "2025-01-02", True, None)]
    assert len({v.anchor for v in cluster(two_of_one).values()}) == 2
    far = [Report("k", "a", "1", "2025-01-01", True, None), Report("k", "b", "1", "2025-01-04", True, None)]
    assert len({v.anchor for v in cluster(far).values()}) == 2
    near = [Report("k", "a", "1", "2025-01-01", True, None), Report("k", "b", "1", "2025-01-03", False, None)]
    assert {v.date for v in cluster(near).values()} == {"2025-01-01"}
    elsewhere = [Report("k", "a", "1", "2025-01-01", True, "TR|323786"),
                 Report("k", "b", "1", "2025-01-01", True, "TR|745044")]
    assert len(set(cluster(elsewhere).values())) == 2


@pytest.mark.parametrize("text,name,country", [
    ("Ankara", "Ankara", "Turkey"), ("the Turkish capital Ankara", "Ankara", "Turkey"),
    ("Nur-Sultan", "Astana", "Kazakhstan"), ("St. Petersburg", "Saint Petersburg", "Russia"),
    ("the Kazakh capital", "Astana", "Kazakhstan"), ("Türkiye", "Turkey", "Turkey"),
])
def test_places_come_from_the_offline_gazetteer(text, name, country):
    place = find_place(text)
    assert (place.name, place.country) == (name, country) and place.geonames_id


def test_a_venue_is_no_town_and_belongs_to_the_city_its_name_begins_with():
    airport = find_place("the Ankara Esenboga Airport")
    assert airport.kind == "venue" and airport.within.name == "Ankara"
    assert find_place("the White House").geonames_id is None  # not Casablanca's translated name


# --------------------------------------------------- without the extractor: facts made by hand

def _extraction(article_id: str, day: str, facts: list[tuple], things=()):
    """An extraction of two people, "Ana Ruiz" and "Bo Li", with facts ``(relation, object, place)``."""
    from kg.model import Actor, Article, Evidence, Extraction, Fact, Thing

    actors = {k: Actor(k, k.title(), "person") for k in ("ana ruiz", "bo li")}
    text = "Ana Ruiz met Bo Li."
    made = [Fact(relation, "ana ruiz", obj, Evidence(text, 0, len(text)), date=day, place=place)
            for relation, obj, place in facts]
    return Extraction(Article(article_id, text, date=day), actors,
                      {key: Thing(key, label, "place") for key, label in things}, made)


def test_extractions_to_graph_merges_reports_as_a_store_does():
    from kg.rdf import extractions_to_graph

    graph = extractions_to_graph([_extraction("a", "2025-02-03", [("met_with", "bo li", "Lima")]),
                                  _extraction("b", "2025-02-04", [("met_with", "bo li", None)])])
    [meeting] = _meetings(graph)
    assert len(set(graph.objects(meeting, PROV.wasDerivedFrom))) == 2


def test_visits_to_two_venues_on_one_day_are_two_visits():
    from kg.rdf import extractions_to_graph

    graph = extractions_to_graph([
        _extraction("a", "2025-02-03", [("visited", "kremlin", None)], [("kremlin", "the Kremlin")]),
        _extraction("b", "2025-02-03", [("visited", "bolshoi", None)], [("bolshoi", "the Bolshoi Theatre")])])
    visits = set(graph.subjects(RDF.type, DIP.Visiting))
    assert len(visits) == 2


@pytest.mark.parametrize("target", ["file", "oxigraph"])
def test_a_venue_counts_as_its_city_when_stored_reports_are_merged(tmp_path, target):
    from kg.rdf import extraction_to_graph
    from kg.store import MemoryStore

    reports = {"airport": ("2025-02-03", "Ankara Esenboga Airport"), "ankara": ("2025-02-04", "Ankara"),
               "istanbul": ("2025-02-03", "Istanbul")}
    store = MemoryStore() if target == "file" else open_store(store=tmp_path / "db")
    with store:
        for article_id, (day, place) in reports.items():  # one at a time: the store merges them
            ex = _extraction(article_id, day, [("met_with", "bo li", place)])
            store.put([(article_id, article_id, "test", extraction_to_graph(ex, prefixes=False))])
        graph = store.to_graph()
    sources = sorted(sorted(str(graph.value(a, DIP.articleId)) for a in graph.objects(m, PROV.wasDerivedFrom))
                     for m in _meetings(graph))
    assert sources == [["airport", "ankara"], ["istanbul"]]


# ------------------------------------------------------------------ times and occasions

def _events(tmp_path, text, cls):
    graph, _ = build([_write(tmp_path / "in", a=text)], output=tmp_path / "g.ttl")
    return graph, sorted(set(graph.subjects(RDF.type, cls)))


def test_a_meeting_in_another_year_is_another_meeting(nlp, tmp_path):
    text = ("Title: Kessler in Apia\nDate: 2025-06-13\nId: wire-e\n\n"
            "President Anton Kessler met Prime Minister Lilo Moana in Apia on Thursday. "
            "Kessler and Moana last met in 2019. The two leaders discussed fisheries.\n")
    graph, meetings = _events(tmp_path, text, DIP.Meeting)
    assert len(meetings) == 2
    dated = {str(graph.value(m, DIP.date)) for m in meetings}
    assert dated == {"2025-06-12", "None"}  # the meeting of 2019 gets no date of this article
    periods = {(str(graph.value(r, DIP.notBefore)), str(graph.value(r, DIP.notAfter)))
               for m in meetings for r in graph.objects(m, DIP.report)}
    assert ("2019-01-01", "2019-12-31") in periods


def test_a_day_inside_a_period_is_the_same_meeting(nlp, tmp_path):
    text = ("Title: Talks in Apia\nDate: 2025-06-13\nId: wire-f\n\n"
            "President Anton Kessler met Prime Minister Lilo Moana last week. "
            "Kessler and Moana met on June 4, 2025 in Apia.\n")
    graph, meetings = _events(tmp_path, text, DIP.Meeting)
    assert len(meetings) == 1 and str(graph.value(meetings[0], DIP.date)) == "2025-06-04"


def test_a_sentence_that_begins_with_its_day_is_dated(nlp, tmp_path):
    text = ("Title: Kessler and Moana\nDate: 2025-06-13\nId: wire-g\n\n"
            "On Tuesday, President Anton Kessler met Prime Minister Lilo Moana in Apia.\n")
    graph, [meeting] = _events(tmp_path, text, DIP.Meeting)
    assert str(graph.value(meeting, DIP.date)) == "2025-06-10"
    [report] = graph.objects(meeting, DIP.report)
    assert graph.value(report, DIP.dateStated) == Literal(True)


def test_days_without_a_year_still_tell_meetings_apart(nlp, tmp_path):
    text = ("President Anton Kessler met Prime Minister Lilo Moana in Apia on 14 November. "
            "On 14 November Kessler and Moana also discussed fisheries. "
            "Kessler met Moana again in Suva on 3 March.\n")
    graph, meetings = _events(tmp_path, text, DIP.Meeting)  # no article date: no year
    assert len(meetings) == 2 and not list(graph.objects(None, DIP.date))
    assert sorted(len(set(graph.objects(m, DIP.evidence))) for m in meetings) == [1, 2]


def test_the_agreements_signed_at_one_ceremony_are_one_signing(nlp, tmp_path):
    text = ("Title: Two accords\nDate: 2025-06-13\nId: wire-h\n\n"
            "Ruritanian Foreign Minister Anton Kessler and Samoan Foreign Minister Lilo Moana signed a "
            "fisheries agreement in Apia on Thursday. Kessler and Moana also signed a memorandum of "
            "understanding on shipping.\n")
    graph, [signing] = _events(tmp_path, text, DIP.Signing)
    documents = {str(graph.value(d, RDFS.label)) for d in graph.objects(signing, DIP.document)}
    assert len(documents) == 2 and len(set(graph.objects(signing, DIP.signatory))) == 2


def test_every_country_node_has_its_iso_code(nlp, tmp_path):
    graph, _ = build([_write(tmp_path / "in", a=FIRST)], output=tmp_path / "g.ttl")
    countries = set(graph.subjects(RDF.type, DIP.Country))
    assert countries and {str(graph.value(c, DIP.isoCode)) for c in countries} >= {"TR"}
    assert all(graph.value(c, DIP.isoCode) is not None for c in countries)


def test_a_role_belongs_to_the_event_and_its_date(nlp, tmp_path):
    import kg

    graph, _ = build([_write(tmp_path / "in", a=FIRST, d=LATER)], output=tmp_path / "g.ttl")
    moana = next(a for a in graph.subjects(RDF.type, DIP.Person) if "moana" in str(a))
    parts = [p for p in graph.subjects(RDF.value, moana) if (p, RDF.type, DIP.Participation) in graph]
    held = {(str(graph.value(p, DIP.asOf)), str(r)) for p in parts for r in graph.objects(p, DIP.roleName)}
    assert held == {("2025-06-12", "Samoan Prime Minister"), ("2025-07-19", "Prime Minister")}
    assert all((None, DIP.participation, p) in graph for p in parts)
    rows = kg.query(graph, "roles-of", actor="Moana")
    assert rows[["role", "first", "last"]].values.tolist() == [
        ["Samoan Prime Minister", "2025-06-12", "2025-06-12"], ["Prime Minister", "2025-07-19", "2025-07-19"]]


def test_a_venue_the_text_puts_in_a_city_belongs_to_it(nlp, tmp_path):
    text = ("Title: Talks at the palace\nDate: 2025-06-13\nId: wire-i\n\n"
            "President Anton Kessler met Prime Minister Lilo Moana at the Akorda Palace in Astana on Thursday.\n")
    graph, [meeting] = _events(tmp_path, text, DIP.Meeting)
    venue = graph.value(meeting, DIP.place)
    assert (venue, RDF.type, DIP.Venue) in graph and str(graph.value(venue, RDFS.label)) == "Akorda Palace"
    assert str(graph.value(graph.value(venue, DIP.within), RDFS.label)) == "Astana"
    assert str(graph.value(graph.value(venue, DIP.country), RDFS.label)) == "Kazakhstan"


def test_a_city_and_its_country_agree_two_cities_do_not():
    from kg.places import places_agree

    ankara, istanbul, turkey = (find_place(n).key for n in ("Ankara", "Istanbul", "Türkiye"))
    assert places_agree(ankara, turkey) and not places_agree(ankara, istanbul)
    assert not places_agree(turkey, find_place("Kazakhstan").key)
    reports = [Report("k", "a", "1", "2025-01-01", True, ankara), Report("k", "b", "1", "2025-01-02", True, turkey),
               Report("k", "c", "1", "2025-01-02", True, istanbul)]
    identities = cluster(reports)
    assert identities[reports[0]] == identities[reports[1]] != identities[reports[2]]


@pytest.mark.parametrize("target", ["file", "oxigraph"])
def test_a_summit_two_articles_report_is_one_event_with_the_attendees_of_both(nlp, tmp_path, target):
    one = ("Title: Kessler in Suva\nDate: 2025-06-13\nId: wire-j\n\n"
           "President Anton Kessler attended the Pacific Islands Forum summit in Suva on Thursday.\n")
    two = ("Title: Moana in Suva\nDate: 2025-06-14\nId: wire-k\n\n"
           "Prime Minister Lilo Moana attended the Pacific Islands Forum summit in Suva on Friday.\n")
    kwargs = {"output": tmp_path / "g.trig"} if target == "file" else {"store": tmp_path / "db"}
    build([_write(tmp_path / "in" / "j", j=one)], **kwargs)
    build([_write(tmp_path / "in" / "k", k=two)], **({**kwargs, "append": True} if target == "file" else kwargs))
    with open_store(**({"output": tmp_path / "g.trig"} if target == "file" else {"store": tmp_path / "db"})) as store:
        graph = store.to_graph()
    summits = set(graph.subjects(RDF.type, DIP.AttendedEvent))
    assert len(summits) == 1
    [summit] = summits
    assert len(set(graph.objects(summit, DIP.attendee))) == 2
    assert len(set(graph.objects(summit, PROV.wasDerivedFrom))) == 2
    attendees = {a for a, _p, s in graph.triples((None, DIP.attended, summit))}
    assert len(attendees) == 2


@pytest.mark.parametrize("target", ["file", "oxigraph"])
def test_kg_remove_and_reingesting_keep_the_store_consistent(kg, tmp_path, target):
    folder = _write(tmp_path / "in", a=FIRST, b=SECOND, c=THIRD)
    where = ["-o", tmp_path / "g.trig"] if target == "file" else ["--store", tmp_path / "db"]

    def graph():
        with open_store(**({"output": tmp_path / "g.trig"} if target == "file" else {"store": tmp_path / "db"})) as s:
            return s.to_graph()

    assert kg("build", folder, *where).code == 0
    before = graph()
    # the same articles again: nothing changes
    assert kg("build", folder, *where, *(["--append"] if target == "file" else [])).code == 0
    assert set(graph()) == set(before)
    # wire-c now tells of a meeting a month later: it leaves the event, which keeps the other two
    (folder / "c.txt").write_text(THIRD.replace("2025-06-15", "2025-07-15"), encoding="utf-8")
    assert kg("build", folder, *where, *(["--append"] if target == "file" else [])).code == 0
    after = graph()
    sources = sorted(sorted(str(after.value(a, DIP.articleId)) for a in after.objects(m, PROV.wasDerivedFrom))
                     for m in _meetings(after))
    assert sources == [["wire-a", "wire-b"], ["wire-c"]]
    assert kg("remove", "wire-b", *where).code == 0
    left = graph()
    [june] = [m for m in _meetings(left) if str(left.value(m, DIP.date)).startswith("2025-06")]
    assert {str(left.value(a, DIP.articleId)) for a in left.objects(june, PROV.wasDerivedFrom)} == {"wire-a"}
    assert str(left.value(june, DIP.date)) == "2025-06-12"  # wire-a's own date now
    assert len(_meetings(left)) == 2
