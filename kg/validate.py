"""Check a graph written by :mod:`kg.rdf` against ``ontology/shapes.ttl`` (SHACL).

The shapes are run without inference: :mod:`kg.rdf` states every ``rdf:type``
a node needs, so validation does not depend on the ontology's class hierarchy.
"""
from __future__ import annotations

from rdflib import Graph

from kg.resources import ontology_dir, ontology_path, require, shapes_path

ONTOLOGY_DIR = ontology_dir()
ONTOLOGY_PATH = ontology_path()
SHAPES_PATH = shapes_path()


def ontology_graph() -> Graph:
    """The OWL ontology (``ontology/dipkg.ttl``)."""
    return Graph().parse(require(ONTOLOGY_PATH, "the ontology"), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``)."""
    return Graph().parse(require(SHAPES_PATH, "the SHACL shapes"), format="turtle")


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
