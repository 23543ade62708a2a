"""Check a graph written by :mod:`kg.rdf` against ``ontology/shapes.ttl`` (SHACL).

The shapes are run without inference: :mod:`kg.rdf` states every ``rdf:type``
a node needs, so validation does not depend on the ontology's class hierarchy.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_PATH = ONTOLOGY_DIR / "dipkg.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"


def ontology_graph() -> Graph:
    """The OWL ontology (``ontology/dipkg.ttl``)."""
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``)."""
    return Graph().parse(SHAPES_PATH, format="turtle")


def validate(graph: Graph, shapes: Graph | None = None) -> tuple[bool, str]:
    """Validate ``graph`` against the shapes; return ``(conforms, report text)``."""
    import pyshacl

    conforms, _report, text = pyshacl.validate(
        graph,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
    )
    return bool(conforms), str(text)
