"""kg: turn news about diplomacy into an RDF knowledge graph.

The stages, each a module: :mod:`kg.ingest` (files to articles),
:mod:`kg.extract` (articles to actors and facts), :mod:`kg.rdf` (facts to RDF),
:mod:`kg.build` (the whole path, with atomic writes), :mod:`kg.query` (SPARQL).
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["build", "load_graph", "extract", "read_paths", "__version__"]


def __getattr__(name: str):
    # Lazy imports keep `import kg` cheap (spaCy loads only when needed).
    if name in ("build", "load_graph"):
        from kg import build as _build

        return getattr(_build, name)
    if name == "extract":
        from kg.extract import extract

        return extract
    if name == "read_paths":
        from kg.ingest import read_paths

        return read_paths
    raise AttributeError(name)
