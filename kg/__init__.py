"""kg: turn news about diplomacy into an RDF knowledge graph.

The stages, each a module: :mod:`kg.ingest` (files to articles),
:mod:`kg.extract` (articles to actors and facts), :mod:`kg.identity` (one node
per person across articles), :mod:`kg.rdf` (facts to RDF), :mod:`kg.build`
(the whole path), :mod:`kg.graphio` (graph files: reading, atomic writes,
locks), :mod:`kg.store` (files, Oxigraph, SPARQL servers), :mod:`kg.sparql` (SPARQL),
:mod:`kg.network` (networkx analytics), :mod:`kg.serve` (SPARQL endpoint).

The Python API for scripts and notebooks::

    import kg
    graph, report = kg.build(["examples/articles"], output="graph.ttl")
    graph = kg.load_graph("graph.ttl")
    kg.query(graph, "meetings-of", actor="Peñaloza")        # a pandas DataFrame
    store = kg.open_store(store="news.db")                 # an Oxigraph store (or output=, endpoint=)
    kg.query(store, "who-met-whom")
    G = kg.to_networkx(graph)
    kg.degree_centrality(G, top=3)
    kg.shortest_path(G, "Kaplanoğlu", "Peñaloza")
"""
from __future__ import annotations

from kg.version import VERSION as __version__

_LAZY = {
    "load_graph": "kg.graphio", "read_paths": "kg.ingest",
    "to_networkx": "kg.network", "degree_centrality": "kg.network", "betweenness_centrality": "kg.network",
    "communities": "kg.network", "shortest_path": "kg.network", "ego_network": "kg.network",
    "timeline": "kg.network", "make_server": "kg.serve", "open_store": "kg.store",
}

__all__ = ["build", "query", "__version__", *_LAZY]

# Imported now, not lazily: the submodule kg.build would otherwise replace the function
# kg.build the first time it is imported (rdflib comes along; spaCy still loads only on use).
from kg.build import build  # noqa: E402


def query(graph, query: str, *, timeout: float | None = None, **params: str):
    """Run a saved query (by name) or SPARQL text over ``graph``; a pandas DataFrame.

    Parameters are bound as RDF terms, never pasted into the query text.

    >>> from rdflib import Graph
    >>> query(Graph(), "who-met-whom").columns.tolist()
    ['a', 'b', 'first', 'last', 'where', 'meetings', 'articles']
    """
    from kg.sparql import get_saved, list_saved, run

    names = {q.name for q in list_saved()}
    saved = get_saved(query) if query in names else None
    text = saved.text if saved else query
    return run(graph, text, params or None, saved=saved, timeout=timeout).to_dataframe()


def __getattr__(name: str):
    # Lazy imports keep `import kg` cheap (spaCy loads only when needed).
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in ("view", "network", "sparql", "results", "store", "extract", "resources", "counts"):
        # submodules for notebooks: kg.view.display(...), kg.resources.articles_dir()
        return importlib.import_module(f"kg.{name}")
    raise AttributeError(name)
