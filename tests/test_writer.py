"""The fast build path writes the same triples as the rdflib one, in every format.

``kg build`` fills :class:`kg.triples.Triples` (:func:`kg.rdf.extraction_triples`),
merges articles in a :class:`kg.store.MemoryStore` of them and writes through
pyoxigraph (:func:`kg.graphio.serialize`).  Here each step is compared, as a set
of triples or quads re-read by rdflib, with what rdflib made and wrote before:
:func:`kg.rdf.extractions_to_graph` and rdflib's own serialisers.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.graphio import serialize
from kg.model import Actor, Article, Evidence, Extraction, Fact, Thing
from kg.rdf import DIP, ID, extraction_to_graph, extraction_triples, extractions_to_graph
from kg.store import MemoryStore
from kg.triples import Triples

ROOT = Path(__file__).resolve().parents[1]
NUL = "nul-ish \x01\x7f"
ODD = ['say "no"', "two\nlines\r\n", "tab\there", "back\\slash", "Zoë Ünal — 東京 ✓ 🙂", NUL,
       "<b>tag</b> & </ns1:p>", "line\u2028sep", "'single'"]
FLAT = {"turtle": ".ttl", "nt": ".nt", "xml": ".rdf"}
QUADS = {"trig": ".trig", "nquads": ".nq"}


def odd_extraction(article_id: str, name: str, xml: bool = False) -> Extraction:
    """An article whose every text field holds quotes, newlines, escapes, markup and non-ASCII
    (and control characters, unless for ``xml``: XML 1.0 has none, in any writer)."""
    w = ["nul-ish" if xml and x == NUL else x for x in ODD]
    article = Article(id=article_id, text=" ".join(w), title=f"Headline {w[0]} {w[1]}", date="2024-05-06",
                      url="https://news.example/a?q=\"x\"&y=<1>", source=w[4])
    a, b = "anna " + name.lower(), "boris vell"
    actors = {a: Actor(a, f"Anna {name}", "person", {w[0], w[3]}, {w[1], w[6]}),
              b: Actor(b, w[4], "person", {w[5]})}
    things = {"pact": Thing("pact", w[6], "document", "treaty")}
    sentence = w[7] + " met " + w[2]
    facts = [Fact("met_with", a, b, Evidence(sentence, 0, len(sentence)), date="2024-05-06", trigger=w[8]),
             Fact("signed", a, "pact", Evidence(sentence, 0, len(sentence)), trigger="signed")]
    return Extraction(article, actors, things, facts)


@pytest.fixture(scope="module")
def extractions(nlp) -> list[Extraction]:
    from kg.extract import extract_many
    from kg.identity import unify_people
    from kg.ingest import read_paths

    articles = [a for a in read_paths([str(ROOT / "examples" / "articles")]) if isinstance(a, Article)]
    exs = list(extract_many(articles, nlp))
    unify_people(exs, known=set())
    return exs + [odd_extraction("odd-1", "Q. O'Brien"), odd_extraction("odd/2 #?", "Q O'Brien")]


@pytest.fixture(scope="module")
def xml_safe(extractions) -> list[Extraction]:
    return [ex for ex in extractions if not ex.article.id.startswith("odd")] + [odd_extraction("odd-x", "X", True)]


def _store(exs: list[Extraction], fmt: str) -> MemoryStore:
    store = MemoryStore(None, fmt)
    store.put([(ex.article.id, "hash", "extractor", extraction_triples(ex)) for ex in exs])
    return store


def _no_bookkeeping(triples) -> set:
    return {t for t in triples if t[1] not in (DIP.contentHash, DIP.extractedWith)}


def _names_as_one(triples) -> set:
    """``triples`` with rdfs:label and skos:altLabel as one property: which of its names labels a
    node is chosen over all articles by a store, and article by article by extractions_to_graph."""
    return {(s, SKOS.altLabel if p == RDFS.label else p, o) for s, p, o in triples}


def test_article_triples_equal_the_rdflib_graph(extractions):
    for ex in extractions:
        assert set(extraction_triples(ex)) == set(extraction_to_graph(ex))


def test_the_store_union_equals_extractions_to_graph(extractions):
    store = _store(extractions, "turtle")
    union = _no_bookkeeping(store.flat())
    assert _names_as_one(union) == _names_as_one(extractions_to_graph(extractions))
    assert len([t for t in union if t[1] == RDFS.label]) == len({t[0] for t in union if t[1] == RDFS.label})
    assert set(store.flat()) == set(store.to_graph())


# N-Triples and RDF/XML of the examples in the full run only (0.5 s each): the quick loop writes
# them in test_odd_literals_survive_every_format, and the examples in Turtle here
@pytest.mark.parametrize("fmt", [pytest.param(f, marks=[pytest.mark.slow] if f != "turtle" else [])
                                 for f in sorted(FLAT)])
def test_a_flat_file_reads_back_as_the_rdflib_graph(extractions, xml_safe, fmt):
    extractions = xml_safe if fmt == "xml" else extractions
    store = _store(extractions, fmt)
    out = io.BytesIO()
    store.write(out, store.flat())
    reference = store.to_graph()  # the union as an rdflib graph, which rdflib wrote before
    again = set(Graph().parse(data=out.getvalue(), format=fmt))
    assert again == set(reference)
    assert _names_as_one(_no_bookkeeping(again)) == _names_as_one(extractions_to_graph(extractions))


@pytest.mark.parametrize("fmt", sorted(QUADS))
def test_a_quad_file_reads_back_as_rdflibs(extractions, fmt):
    store = _store(extractions, fmt)
    ours = io.BytesIO()
    store.write(ours)
    again = Dataset()
    again.parse(data=ours.getvalue(), format=fmt)

    def quads(ds: Dataset) -> set:
        return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}

    assert quads(again) == quads(store.ds)  # the dataset that rdflib wrote before
    assert len(quads(again)) == len(store)


HAND = [Literal("colour", lang="en-GB"), Literal("Farbe", lang="de"), Literal("5", datatype=XSD.integer),
        Literal("2024-05-06", datatype=XSD.date), Literal("v", datatype=URIRef("http://e/dt#x")),
        Literal("https://a.example/?q=<x>", datatype=XSD.anyURI), *map(Literal, ODD)]


@pytest.mark.parametrize("fmt", sorted(FLAT) + sorted(QUADS))
def test_odd_literals_survive_every_format(fmt):
    node = ID["person/anna"]
    triples = Triples([(node, SKOS.altLabel, lit) for lit in HAND] + [(node, RDF.type, DIP.Person),
                                                                    (node, RDFS.label, Literal("Anna"))])
    if fmt == "xml":  # XML 1.0 has no control characters: neither writer can put them in RDF/XML
        triples.remove((node, SKOS.altLabel, Literal(NUL)))
        assert not serialize(io.BytesIO(), triples, fmt)  # a carriage return: rdflib writes it as &#13;
        triples.remove((node, SKOS.altLabel, Literal(ODD[1])))
    out = io.BytesIO()
    statements = [(*t, ID["graph/x"]) for t in triples] if fmt in QUADS else triples
    assert serialize(out, statements, fmt, {"dip": str(DIP)})
    if fmt in QUADS:
        ds = Dataset()
        ds.parse(data=out.getvalue(), format=fmt)
        assert set(ds.graph(ID["graph/x"])) == set(triples)
    else:
        assert set(Graph().parse(data=out.getvalue(), format=fmt)) == set(triples)


CRAFTED = 'http://e/t">x</ns1:p><ns1:injected rdf:resource="http://evil/o"/><ns1:p rdf:datatype="http://e/t'


def test_a_crafted_datatype_iri_never_reaches_rdf_xml():
    from kg.errors import OutputError

    triples = [(ID["person/a"], RDFS.label, Literal("v", datatype=URIRef(CRAFTED)))]
    with pytest.raises(OutputError):
        serialize(io.BytesIO(), triples, "xml")
    assert not serialize(io.BytesIO(), triples, "turtle")  # the caller falls back to rdflib's escaping
    assert not serialize(io.BytesIO(), triples, "json-ld")  # rdflib's


def test_the_same_store_writes_the_same_bytes(extractions):
    outs = set()
    for fmt in ("turtle", "trig"):
        for _ in range(2):
            out = io.BytesIO()
            _store(extractions[::-1], fmt).write(out)
            outs.add((fmt, out.getvalue()))
    assert len(outs) == 2
