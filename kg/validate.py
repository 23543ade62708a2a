"""Check a graph written by :mod:`kg.rdf` against ``ontology/shapes.ttl`` (SHACL).

The shapes are run without inference: :mod:`kg.rdf` states every ``rdf:type``
a node needs, so validation does not depend on the ontology's class hierarchy.
The registry of relations (:mod:`kg.relations`) extends the shapes: a relation
that the file does not constrain gets shapes made from its spec
(:func:`relation_shapes`), so a graph with a user's relation is checked too.
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.namespace import PROV, RDF, SH

from kg import relations
from kg.namespaces import DIP
from kg.resources import ontology_dir, ontology_path, require, shapes_path

DIPSH = Namespace("https://w3id.org/dipkg/shapes#")
OBJECT_CLASSES = {"document": DIP.Document, "event": DIP.Event, "place": DIP.Place}

ONTOLOGY_DIR = ontology_dir()
ONTOLOGY_PATH = ontology_path()
SHAPES_PATH = shapes_path()


def ontology_graph() -> Graph:
    """The OWL ontology (``ontology/dipkg.ttl``)."""
    return Graph().parse(require(ONTOLOGY_PATH, "the ontology"), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes: ``ontology/shapes.ttl`` and those of the registry's other relations."""
    shapes = Graph().parse(require(SHAPES_PATH, "the SHACL shapes"), format="turtle")
    for spec in relations.relations():
        if (None, SH.targetSubjectsOf, spec.property) not in shapes:
            relation_shapes(spec, shapes)
    return shapes


def _classes(g: Graph, shape, classes: list) -> None:
    """``shape`` requires one of ``classes`` (``sh:or`` when there are several)."""
    if len(classes) == 1:
        g.add((shape, SH["class"], classes[0]))
        return
    options = []
    for cls in classes:
        option = BNode()
        g.add((option, SH["class"], cls))
        options.append(option)
    head = BNode()
    Collection(g, head, options)
    g.add((shape, SH["or"], head))


def relation_shapes(spec: relations.Relation, g: Graph | None = None) -> Graph:
    """The shapes of one relation: its direct triples join an actor to an IRI of the classes
    its objects have (both ways when symmetric), and its event nodes are events with a
    participant and a source.

    >>> g = relation_shapes(relations.by_role("meeting"))
    >>> len(set(g.subjects(RDF.type, SH.NodeShape)))
    2
    """
    g = Graph() if g is None else g
    direct, event = DIPSH[f"{spec.name}-relation"], DIPSH[f"{spec.name}-event"]
    g.add((direct, RDF.type, SH.NodeShape))
    g.add((direct, SH.targetSubjectsOf, spec.property))
    g.add((direct, SH["class"], DIP.Actor))
    objects = BNode()
    g.add((direct, SH.property, objects))
    g.add((objects, SH.path, spec.property))
    g.add((objects, SH.nodeKind, SH.IRI))
    kinds = [DIP.Actor] if any(k in relations.ACTOR_KINDS for k in spec.object_kinds) else []
    _classes(g, objects, kinds + [OBJECT_CLASSES[k] for k in spec.object_kinds if k in OBJECT_CLASSES])
    if spec.symmetric:
        inverse, path = BNode(), BNode()
        g.add((direct, SH.property, inverse))
        g.add((inverse, SH.path, path))
        g.add((path, SH.inversePath, spec.property))
        g.add((inverse, SH.equals, spec.property))
    g.add((event, RDF.type, SH.NodeShape))
    g.add((event, SH.targetClass, spec.event_class))
    g.add((event, SH["class"], DIP.Event))
    for prop in (DIP.participant, PROV.wasDerivedFrom):
        required = BNode()
        g.add((event, SH.property, required))
        g.add((required, SH.path, prop))
        g.add((required, SH.minCount, Literal(1)))
    return g


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
