"""The Oxigraph store's read primitives are index lookups (:mod:`kg.store.lookup`); each
gives what the SPARQL primitive of :class:`kg.store.base.SparqlStore` gives on the same
store: reports of merged events, actors of graphs, articles, labels and names."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal

from kg.build import build
from kg.rdf import DIP
from kg.store import open_store
from kg.store.base import SparqlStore, article_graph

ARTICLES = {  # two reports of one meeting, with a place, and a signing; our own words
    "wire-a": ("Title: Kessler receives Moana\nDate: 2025-06-13\nId: wire-a\n\n"
               "Ruritanian President Anton Kessler received Samoan Prime Minister Lilo Moana in Ankara on "
               "Thursday. Kessler and Moana signed a fisheries agreement.\n"),
    "wire-b": ("Title: Moana in Ankara\nDate: 2025-06-14\nId: wire-b\n\n"
               "Samoan Prime Minister Lilo Moana met President Anton Kessler in Ankara on June 13, 2025.\n"),
    "wire-c": ("Title: A call\nDate: 2025-06-20\nId: wire-c\n\n"
               "President Anton Kessler met Foreign Minister Ida Varga in Apia on Monday.\n"),
}


def _store(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    build([folder], store=tmp_path / "db")
    return open_store(store=tmp_path / "db")


def _sorted(found):
    return sorted(found, key=repr)


def test_index_lookups_give_what_the_sparql_primitives_give(nlp, tmp_path):
    store = _store(tmp_path)
    try:
        graphs = [article_graph(i) for i in [*ARTICLES, "not-there"]]
        by_graph = store._reports(graphs=graphs)
        assert by_graph, "the articles have merged events"
        assert _sorted(by_graph) == _sorted(SparqlStore._reports(store, graphs=graphs))
        keys = sorted({f.report.key for f in by_graph}) + ["no such key"]
        assert _sorted(store._reports(keys=keys)) == _sorted(SparqlStore._reports(store, keys=keys))
        assert any(f.report.place for f in by_graph) and any(f.date for f in by_graph)

        actors = store._graph_actors(graphs)
        assert actors == SparqlStore._graph_actors(store, graphs)
        assert len(actors) >= 5  # people, countries, events, places

        ids = [*ARTICLES, "not-there"]
        assert store._articles(ids) == SparqlStore._articles(store, ids)
        assert set(store._articles(ids)) == set(ARTICLES)

        assert store._current_labels(actors) == SparqlStore._current_labels(store, actors)
        exclude = {article_graph("wire-b")}
        names = store._names(actors, exclude)
        assert names == SparqlStore._names(store, actors, exclude)
        assert any("Anton Kessler" in n for n in names.values())
        assert (None, DIP.articleId, Literal("wire-a")) in store.to_graph()
    finally:
        store.close()
