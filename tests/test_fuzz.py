"""Fuzzing with hypothesis: arbitrary bytes and text through ingest, extract and RDF.

Nothing may raise an unexpected exception, every graph must conform to
``ontology/shapes.ttl``, and what the extractor reports must hold together
(evidence offsets, actors of every fact, an RDF round trip).  Each test has a
fixed example budget; with ``CI`` set the examples are derandomised (the same
every run), locally they differ from run to run (``KG_FUZZ_SCALE=20 pytest
tests/test_fuzz.py`` hunts twenty times longer).  Article-like texts are made
from fictional names, roles and places mixed with noise.  The fuzzing of build and of
extraction runs in the full ``pytest`` only (``slow``); the quick loop keeps the ingest fuzzing.
"""
from __future__ import annotations

import io
import os
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from conftest import examples as scaled
from kg.build import build
from kg.errors import IngestError, IngestWarning
from kg.parsers import normalize_text, parse_text
from kg.ingest import KNOWN_EXTS, read_paths
from kg.model import Article
from kg.rdf import DIP, extraction_to_graph
from kg.validate import shapes_graph, validate

FUZZ = settings(deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def budget(examples: int) -> settings:
    """The fuzz settings with a fixed number of examples (scaled by the Hypothesis profile:
    see conftest.examples; times ``KG_FUZZ_SCALE``, default 1, for a longer hunt by hand)."""
    return settings(FUZZ, max_examples=scaled(examples) * int(os.environ.get("KG_FUZZ_SCALE", "1")))
SHAPES = shapes_graph()

# ------------------------------------------------------------------ strategies

NOISE = ["<script>alert(1)</script>", '"""', "\\", ">", "}", "{", " ; DROP GRAPH <x> ;", "@prefix x: <y> .",
         "\u202e", "\u200f", "\x07", "\x00", "\ufeff", "\r", "\u2028", "&amp;", "<p>", "'", "#", "%",
         "x" * 300, "Ὀδυσσεύς", "東京", "🙂", "\ud7ff", "\U0010ffff"]
FIRST = ["Amani", "Kofi", "Marisol", "Julian", "Haruto", "Priya", "Ana-Lucía", "O'Neill", "Zoë", "Şeyma",
         "Nguyễn", "Jean-Pierre", "Aigerim", "Tomás", "Li", "Ngozi"]
LAST = ["Otieno", "Mensah", "Araya", "Bertoni", "Sakamoto", "Raghavan", "Ferreira", "Dlamini", "al-Harthi",
        "Kaplanoğlu", "van der Berg", "Okafor", "Yusupova", "Tran", "Seixas", "Kiala"]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "King", "Ambassador",
         "Secretary-General", "Trade Minister", "Vice President", "Emir"]
COUNTRIES = ["Kenyan", "Chilean", "Ghanaian", "Japanese", "Indian", "Turkish", "Kazakh", "Peruvian",
             "Brazilian", "Angolan", "Omani", "Vietnamese"]
CITIES = ["Nairobi", "Santiago", "Accra", "Tokyo", "Ankara", "Astana", "Lima", "Muscat", "Hanoi", "Geneva"]
DAYS = ["on Monday", "on Tuesday", "on 3 March 2025", "last week", "yesterday", ""]
VERBS = ["met", "met with", "received", "hosted", "held talks with", "spoke by phone with", "called",
         "will meet", "did not meet", "is expected to visit", "signed a trade agreement with",
         "signed a memorandum of understanding with", "welcomed", "denied meeting"]
EVENTS = ["attended the G20 summit", "took part in the Nairobi Climate Forum", "attended the signing ceremony",
          "will attend the ASEAN summit", "addressed the UN General Assembly"]


@st.composite
def actors(draw) -> str:
    name = f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
    role = f"{draw(st.sampled_from(COUNTRIES))} {draw(st.sampled_from(ROLES))}"
    return draw(st.sampled_from([f"{role} {name}", name, role, f"{name}, the {role},", name.split()[-1]]))


@st.composite
def sentences(draw) -> str:
    a = draw(actors())
    if draw(st.booleans()):
        return f"{a} {draw(st.sampled_from(EVENTS))} in {draw(st.sampled_from(CITIES))}."
    place = draw(st.sampled_from(["", f" in {draw(st.sampled_from(CITIES))}"]))
    day = draw(st.sampled_from(DAYS))
    return f"{a} {draw(st.sampled_from(VERBS))} {draw(actors())}{place} {day}".rstrip() + "."


@st.composite
def articles(draw) -> str:
    """Article-like text: sentences about meetings, signings and calls, with noise between them."""
    parts = draw(st.lists(st.one_of(sentences(), sentences(), st.sampled_from(NOISE),
                                    st.text(max_size=40)), min_size=1, max_size=12))
    seps = draw(st.lists(st.sampled_from([" ", "\n", "\n\n", " \u00a0", "\t"]), min_size=len(parts),
                         max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


# ------------------------------------------------------------------ checks


def assert_consistent(ex, text: str) -> None:
    """Evidence offsets point at their sentence; every fact's actors are in the extraction."""
    for fact in ex.facts:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence
        for key in (fact.subject, fact.object):
            assert key in ex.actors or key in ex.things, (fact, sorted(ex.actors), sorted(ex.things))


def assert_valid_graph(graph: Graph) -> None:
    conforms, report = validate(graph, SHAPES)
    assert conforms, report
    for fmt in ("turtle", "nt", "xml"):
        again = Graph().parse(data=graph.serialize(format=fmt), format=fmt)
        assert isomorphic(graph, again), fmt


# ------------------------------------------------------------------ tests


@budget(300)
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.text(max_size=200).map(lambda t: t.encode("utf-16"))),
       ext=st.sampled_from([*KNOWN_EXTS, ".dat"]))
def test_any_bytes_through_ingest(data, ext):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{ext}"
        path.write_bytes(data)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            items = list(read_paths([path]))
    assert items and all(isinstance(i, (Article, IngestError)) for i in items)
    assert all(w.category is IngestWarning and str(w.message).startswith(str(path)) for w in caught)
    for item in items:
        if isinstance(item, IngestError):
            assert item.source.startswith(str(path)) and item.reason
        else:
            assert item.text and normalize_text(item.text) == item.text
            assert item.origin and item.origin.startswith(str(path))


@pytest.mark.slow  # sixty builds, each parsing in a child process of its own (kg.pool)
@budget(60)
@given(data=st.one_of(st.binary(max_size=300), articles().map(str.encode),
                      st.builds(lambda head, body: (head + body).encode("utf-8", "surrogatepass"),
                                st.sampled_from(["{", "[", "<", "Title: ", "date 2025-01-01 "]), articles())))
def test_any_bytes_through_build(nlp, data):
    """``kg build -`` on anything: a graph that conforms, or a failure with a reason."""
    graph, report = build(["-"], stdin=io.BytesIO(data))
    assert report.articles + len(report.failures) >= 1
    assert all(f.source.startswith("<stdin>") and f.reason for f in report.failures)
    assert report.triples == len(graph)
    assert_valid_graph(graph)


@pytest.mark.slow  # eighty generated articles, each parsed, checked with SHACL and written in three formats
@budget(80)
@given(text=articles())
def test_article_like_text_through_extract_and_rdf(nlp, text):
    from kg.extract import extract

    try:
        article = parse_text(text, source="fuzz.txt")
    except IngestError as err:
        assert err.reason == "no text" and not normalize_text(text)
        return
    ex = extract(article, nlp)
    assert_consistent(ex, article.text)
    graph = extraction_to_graph(ex)
    assert_valid_graph(graph)
    for fact in ex.facts:
        assert Literal(fact.evidence.sentence) in set(graph.objects(None, DIP.evidenceText))
    assert (None, RDF.type, DIP.Article) in graph


def test_the_strategy_produces_facts(nlp):
    """The article-like strategy is worth fuzzing with: its sentences give facts of every kind."""
    from kg.extract import extract

    text = ("Kenyan President Amani Otieno met Ghanaian Foreign Minister Kofi Mensah in Nairobi on Monday. "
            "Otieno signed a trade agreement with Mensah. Chilean President Marisol Araya spoke by phone "
            "with Julian Bertoni. Tomás Ferreira attended the G20 summit in Geneva.")
    ex = extract(parse_text(text), nlp)
    assert {f.relation for f in ex.facts} == {"met_with", "signed", "called", "attended"}
