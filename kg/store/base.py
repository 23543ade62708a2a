"""What every store shares: named graphs per article, one label per actor, and the
orchestration of ingest and removal over a few primitives that each store implements.

A store holds a *dataset*: one named graph per article
(:func:`article_graph`) and the graph :data:`ACTORS_GRAPH` with each actor's
single ``rdfs:label``.  Article graphs name actors with ``skos:altLabel`` only,
because an actor is shared between articles and its best name (the longest
spelling seen in any article) can change when articles come and go.  Queries read
the union of all graphs.

The SPARQL stores (:class:`SparqlStore`: Oxigraph, remote servers) also keep the
union in the *default graph*, as a set, changed in the same update as the named
graphs: a triple that twenty articles share is there once.  Queries then read
the default graph alone.  Reading a server's "union default graph" instead
would see that triple twenty times (Oxigraph's union is a bag), and a query
joining three such patterns would make 8,000 solutions of one.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.graphio import SHARED_CLASSES, flatten, shared_nodes
from kg.rdf import DIP, ID, article_iri
from kg.store.merge import Found, found, reports_in, resolve, retarget

ACTORS_GRAPH = ID["graph/actors"]
SCRATCH_GRAPH = ID["graph/pending-removal"]  # lives only inside one update request
ARTICLE_GRAPHS = str(ID["graph/article/"])


def article_graph(article_id: str) -> URIRef:
    """The named graph holding one article's facts.

    >>> str(article_graph("a b"))
    'https://w3id.org/dipkg/id/graph/article/a%20b'
    """
    return URIRef(ARTICLE_GRAPHS + quote(str(article_id), safe=""))


def graph_article_id(graph: URIRef) -> str | None:
    """The article id of an article graph IRI (None for other graphs)."""
    text = str(graph)
    return unquote(text[len(ARTICLE_GRAPHS):]) if text.startswith(ARTICLE_GRAPHS) else None


def content_hash(article) -> str:
    """SHA-256 over an article's text and metadata: the same content gives the same hash.

    >>> from kg.model import Article
    >>> content_hash(Article("a", "Talks.")) == content_hash(Article("a", "Talks."))
    True
    >>> content_hash(Article("a", "Talks.")) == content_hash(Article("a", "Talks.", title="T"))
    False
    """
    fields = [article.id, article.text, article.title, article.date, article.url, article.source]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def best_name(names: Iterable[str]) -> str | None:
    """The name an actor is labelled with: the longest, ties broken by the larger string.

    >>> best_name(["Erdogan", "Recep Tayyip Erdoğan", "Erdoğan"])
    'Recep Tayyip Erdoğan'
    """
    names = [n for n in names if n.strip()]
    return max(names, key=lambda n: (len(n), n)) if names else None


def as_article_graph(graph: Graph):
    """A copy of one article's graph for a store: the ``rdfs:label`` of an actor, event or place
    (:func:`kg.graphio.shared_nodes`) becomes ``skos:altLabel``.

    The copy is a :class:`kg.triples.Triples`: it goes into a store, never into a file of its own.
    """
    from kg.triples import Triples

    out = Triples()
    actors = shared_nodes(graph)
    for s, p, o in graph:
        out.add((s, SKOS.altLabel if p == RDFS.label and s in actors else p, o))
    return out


class Store:
    """The interface of a store, and the logic shared by all of them.

    Subclasses implement the primitives (``_articles``, ``_person_iris``,
    ``_graph_actors``, ``_names``, ``_commit``, ``sparql``, ``quads``,
    ``__len__``); everything else is written once here.
    """

    kind = "store"
    location = ""

    # ---------------------------------------------------------------- primitives
    def _articles(self, ids: list[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
        """The articles in the store (all, or those of ``ids`` that are there): id -> (content hash, extractor)."""
        raise NotImplementedError

    def _person_iris(self) -> Iterator[URIRef]:
        raise NotImplementedError

    def _graph_actors(self, graphs: list[URIRef]) -> set[URIRef]:
        """The actors mentioned in these named graphs."""
        raise NotImplementedError

    def _names(self, actors: set[URIRef], exclude: set[URIRef]) -> dict[URIRef, set[str]]:
        """The names of ``actors`` in every graph but ``exclude`` and :data:`ACTORS_GRAPH`."""
        raise NotImplementedError

    def _commit(self, drop: list[URIRef], add: list[tuple[URIRef, Graph]],
                labels: dict[URIRef, str | None]) -> None:
        """One atomic change: drop graphs, add graphs, set (or, for None, delete) actor labels."""
        raise NotImplementedError

    def sparql(self, text: str, bindings: dict | None = None, *, limit: int | None = None):
        """Run a query over the union of all graphs; an rdflib ``Result``."""
        raise NotImplementedError

    def _reports(self, *, keys: list[str] | None = None, graphs: list[URIRef] | None = None) -> list[Found]:
        """The event reports (:class:`kg.store.merge.Found`) of these merge keys in any
        article graph, or of any key in these article graphs."""
        raise NotImplementedError

    def _graph(self, graph: URIRef) -> Graph:
        """A copy of one named graph."""
        raise NotImplementedError

    def quads(self) -> Iterator[tuple]:
        """Every quad ``(s, p, o, graph)`` of the dataset as rdflib terms."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Write out what is pending and free the store."""

    # ------------------------------------------------------------------ shared
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"

    def articles(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
        """Article id -> (content hash, extractor) for every article in the store, or for
        those of ``ids`` that are in it."""
        return self._articles(None if ids is None else list(dict.fromkeys(ids)))

    def person_keys(self) -> set[str]:
        """Name keys of the people in the store, for :func:`kg.identity.unify_people`."""
        prefix = str(ID["person/"])
        return {unquote(str(p)[len(prefix):]).replace("-", " ")
                for p in self._person_iris() if str(p).startswith(prefix)}

    def _current_labels(self, actors: set[URIRef]) -> dict[URIRef, str]:
        """The labels of ``actors`` in :data:`ACTORS_GRAPH` (those that have one)."""
        raise NotImplementedError

    def _labels(self, touched: set[URIRef], exclude: set[URIRef],
                new: Iterable[Graph] = (), *, only_added: bool = False) -> dict[URIRef, str | None]:
        """Each touched actor's label: the best of its names in every graph after the change.

        When the change only adds names (``only_added``: no graph that goes held an
        actor), the best name is the best of its label now and its new names, so
        only :data:`ACTORS_GRAPH` is read, not every graph that names the actor:
        a put then costs the same in a big store as in a small one.
        """
        if only_added:
            names = {a: {label} for a, label in self._current_labels(touched).items()}
        else:
            names = self._names(touched, exclude)
        for graph in new:
            for actor in shared_nodes(graph) & touched:
                names.setdefault(actor, set()).update(map(str, graph.objects(actor, SKOS.altLabel)))
        return {a: best_name(names.get(a, ())) for a in touched}

    def put(self, items: Iterable[tuple[str, str, str, Graph]]) -> int:
        """Put articles in, each ``(article id, content hash, extractor, graph)``, in one change.

        An article already in the store is replaced as a whole; its old facts go.
        Returns the number of articles written.
        """
        graphs: dict[URIRef, Graph] = {}
        for article_id, digest, extractor, graph in items:
            g = as_article_graph(graph)
            node = article_iri(article_id)
            g.add((node, DIP.contentHash, Literal(digest)))
            g.add((node, DIP.extractedWith, Literal(extractor)))
            graphs[article_graph(article_id)] = g
        if not graphs:
            return 0
        rewritten = self._merge_events(graphs, gone=set(graphs))
        exclude = set(graphs) | set(rewritten)
        leaving = self._graph_actors(sorted(exclude))  # the nodes of the graphs being replaced
        touched = set(leaving)
        for g in [*graphs.values(), *rewritten.values()]:
            touched |= shared_nodes(g)
        labels = self._labels(touched, exclude, [*graphs.values(), *rewritten.values()], only_added=not leaving)
        self._commit(sorted(exclude), [*graphs.items(), *rewritten.items()], labels)
        return len(graphs)

    def remove(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles and their facts; returns the ids that were there.

        An event other articles report too stays, with one source fewer
        (:mod:`kg.store.merge`)."""
        wanted = list(dict.fromkeys(article_ids))
        known = self._articles(wanted)
        ids = [i for i in wanted if i in known]
        if not ids:
            return []
        graphs = [article_graph(i) for i in ids]
        rewritten = self._merge_events({}, gone=set(graphs))
        exclude = set(graphs) | set(rewritten)
        touched = self._graph_actors(sorted(exclude))
        for g in rewritten.values():
            touched |= shared_nodes(g)
        self._commit(sorted(exclude), list(rewritten.items()),
                     self._labels(touched, exclude, list(rewritten.values())))
        return ids

    def _merge_events(self, new: dict[URIRef, Graph], gone: set[URIRef]) -> dict[URIRef, Graph]:
        """Give reports of one event one event node (:mod:`kg.store.merge`) when the graphs
        ``gone`` leave and ``new`` come: renames events in ``new`` in place, and returns the
        other article graphs that change, rewritten."""
        fresh = [f for g, graph in new.items() for f in reports_in(graph, g, graph_article_id(g) or "")]
        keys = {f.report.key for f in fresh}
        keys |= {f.report.key for f in self._reports(graphs=sorted(gone))}
        if not keys:
            return {}
        stored = [f for f in self._reports(keys=sorted(keys)) if f.graph not in gone]
        changes = resolve(fresh + stored)
        for g, change in changes.items():
            if g in new:
                new[g] = retarget(new[g], change)
        return {g: retarget(self._graph(g), change) for g, change in sorted(changes.items()) if g not in new}

    def to_graph(self) -> Graph:
        """The union of all graphs as one rdflib Graph (for analytics, the view, SHACL)."""
        return flatten(self.quads())

    def select(self, text: str, bindings: dict | None = None, *,
               limit: int | None = None) -> tuple[list[str], list[list[str]]]:
        """Column names and rows of strings (``''`` for unbound, :class:`kg.results.IRI` for IRIs)
        of a query over the union."""
        result = self.sparql(text, bindings, limit=limit)
        if result.type == "ASK":
            return ["ask"], [["true" if result.askAnswer else "false"]]
        from kg.results import cell

        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return ["subject", "predicate", "object"], sorted([cell(s), cell(p), cell(o)] for s, p, o in result.graph)
        rows = [[cell(v) for v in row] for row in result]
        return [str(v) for v in result.vars], rows[:limit] if limit is not None else rows

    def labelled(self, cls: URIRef) -> Iterator[tuple[URIRef, str]]:
        """``(node, name)`` for every label and alias of the nodes of class ``cls``."""
        _cols, rows = self.select(f"SELECT ?n ?l WHERE {{ ?n a {cls.n3()} . "
                                  f"{{ ?n {RDFS.label.n3()} ?l }} UNION {{ ?n {SKOS.altLabel.n3()} ?l }} }}")
        return ((URIRef(n), label) for n, label in rows)

    def reopen(self) -> "Store":
        """A handle for a child process (the same object where that is safe)."""
        return self


# ------------------------------------------------------------ SPARQL Update text

def _values(nodes: Iterable[URIRef]) -> str:
    return " ".join(n.n3() for n in sorted(nodes))


def _label_triples(actors: Iterable[URIRef]) -> str:
    """A group binding ``?s ?p ?o`` to the ``rdfs:label`` triples of ``actors`` in :data:`ACTORS_GRAPH`."""
    label = RDFS.label.n3()
    return f"{{ VALUES ?s {{ {_values(actors)} }} GRAPH {ACTORS_GRAPH.n3()} {{ ?s {label} ?o }} BIND ({label} AS ?p) }}"


def _nt(graph) -> str:
    """N-Triples of ``graph`` (an rdflib graph, or triples such as :class:`kg.triples.Triples`),
    by pyoxigraph's serialiser (rdflib's for a term pyoxigraph refuses)."""
    import io

    from kg.graphio import serialize

    out = io.BytesIO()
    if serialize(out, graph, "nt"):
        return out.getvalue().decode("utf-8")
    if not isinstance(graph, Graph):
        from kg.triples import to_graph

        graph = to_graph(graph)
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def update_text(drop: list[URIRef], add: list[tuple[URIRef, Graph]],
                labels: dict[URIRef, str | None]) -> str:
    """One SPARQL 1.1 Update request doing a :meth:`Store._commit` (atomic on Oxigraph and Fuseki).

    Besides the named graphs, the request keeps the *default graph* equal to
    their union as a set (see :class:`SparqlStore`): the triples the change
    takes out of named graphs are first noted in a scratch graph, then leave the
    default graph unless a named graph still holds them; the triples it puts in
    are copied there.  Every term is written by an N-Triples serialiser
    (pyoxigraph's, or rdflib's), so article text is never pasted into the
    request as syntax.
    """
    label = RDFS.label.n3()
    actors = _values(labels)
    ops = []
    # 1. note what leaves the named graphs: the dropped graphs and the touched actors' labels
    gone = []
    if drop:  # a group per graph: Oxigraph scans every graph for ``VALUES ?g {...} GRAPH ?g``
        gone += [f"{{ GRAPH {g.n3()} {{ ?s ?p ?o }} }}" for g in sorted(drop)]
    if labels:
        gone.append(_label_triples(labels))
    if gone:
        ops.append(f"INSERT {{ GRAPH {SCRATCH_GRAPH.n3()} {{ ?s ?p ?o }} }} WHERE {{ {' UNION '.join(gone)} }}")
    # 2. the named graphs themselves
    ops += [f"DROP SILENT GRAPH {g.n3()}" for g in drop]
    if labels:
        ops.append(f"DELETE {{ GRAPH {ACTORS_GRAPH.n3()} {{ ?a {label} ?l }} }} "
                   f"WHERE {{ VALUES ?a {{ {actors} }} GRAPH {ACTORS_GRAPH.n3()} {{ ?a {label} ?l }} }}")
    texts = [(g, _nt(graph)) for g, graph in add]
    data = [f"GRAPH {g.n3()} {{\n{text}}}" for g, text in texts]
    new_labels = Graph()
    for actor, name in sorted(labels.items()):
        if name is not None:
            new_labels.add((actor, RDFS.label, Literal(name)))
    labels_text = _nt(new_labels) if len(new_labels) else ""
    if labels_text:
        data.append(f"GRAPH {ACTORS_GRAPH.n3()} {{\n{labels_text}}}")
    if data:
        ops.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
    # 3. the default graph: forget what no named graph holds any more, copy in what was added
    if gone:
        ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {SCRATCH_GRAPH.n3()} {{ ?s ?p ?o }} "
                   f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {SCRATCH_GRAPH.n3()}) }} }}")
        ops.append(f"DROP SILENT GRAPH {SCRATCH_GRAPH.n3()}")
    # what was added goes into the default graph as data: no query over the store
    copied = [text for _, text in texts] + [labels_text]
    if any(copied):
        ops.append("INSERT DATA {\n" + "".join(copied) + "}")
    return " ;\n".join(ops)


# ------------------------------------------------- primitives over SPARQL itself

_P = {"dip": str(DIP), "rdfs": str(RDFS), "skos": str(SKOS), "rdf": str(RDF)}
_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in _P.items())


class SparqlStore(Store):
    """A store whose primitives are SPARQL queries and updates (Oxigraph, remote servers).

    Its default graph is the union of its named graphs as a set, kept so by
    :func:`update_text`; queries read it, and the primitives read the named graphs.

    Subclasses give ``_rows(query)`` (rows as dicts of rdflib terms; the
    primitives' queries name their graphs with ``GRAPH ?g``) and ``_update(text)``.
    """

    batch = 500  # actors or graphs per VALUES block

    def _rows(self, text: str) -> list[dict]:
        raise NotImplementedError

    def _update(self, text: str) -> None:
        raise NotImplementedError

    def _prefixed_rows(self, text: str) -> list[dict]:
        """:meth:`_rows` of ``text`` with the ``dip:``, ``rdfs:``, ``skos:`` and ``rdf:`` prefixes declared."""
        return self._rows(_PREFIXES + text)

    def _chunks(self, nodes) -> Iterator[list[URIRef]]:
        nodes = sorted(nodes)
        for i in range(0, len(nodes), self.batch):
            yield nodes[i:i + self.batch]

    def _articles(self, ids=None):
        pattern = ("GRAPH ?g { ?a dip:articleId ?id OPTIONAL { ?a dip:contentHash ?h } "
                   "OPTIONAL { ?a dip:extractedWith ?v } }")
        if ids is None:
            rows = self._prefixed_rows(f"SELECT ?id ?h ?v WHERE {{ {pattern} }}")
        else:  # only these ids (an index lookup each): a build of one article does not list 10,000
            rows = [r for chunk in self._chunks(map(Literal, ids))
                    for r in self._prefixed_rows(f"SELECT ?id ?h ?v WHERE {{ VALUES ?id {{ {_values(chunk)} }} "
                                                 f"{pattern} }}")]
        return {str(r["id"]): (r.get("h") and str(r["h"]), r.get("v") and str(r["v"])) for r in rows}

    def _person_iris(self):
        # the default graph holds each person once; the named graphs, once per article
        return {r["p"] for r in self._prefixed_rows("SELECT DISTINCT ?p WHERE { ?p a dip:Person }")}

    def _graph_actors(self, graphs):
        found: set[URIRef] = set()
        classes = " ".join(f"dip:{name}" for name in SHARED_CLASSES)
        for chunk in self._chunks(graphs):
            found |= {r["a"] for r in self._prefixed_rows(
                f"SELECT DISTINCT ?a WHERE {{ VALUES ?g {{ {_values(chunk)} }} VALUES ?c {{ {classes} }} "
                "GRAPH ?g { ?a a ?c } }")}
        return found

    def _reports(self, *, keys=None, graphs=None):
        pattern = ("GRAPH ?g { ?e dip:mergeKey ?k ; dip:report ?r . OPTIONAL { ?e dip:date ?now } "
                   "OPTIONAL { ?r dip:reportedDate ?d } OPTIONAL { ?r dip:dateStated ?st } "
                   "OPTIONAL { ?e dip:place ?p OPTIONAL { ?p dip:within ?w } } }")
        values = ("?k", [Literal(k) for k in keys]) if keys is not None else ("?g", list(graphs or ()))
        reports = []
        for chunk in self._chunks(values[1]):
            for r in self._prefixed_rows(f"SELECT ?g ?e ?k ?now ?r ?d ?st ?p ?w WHERE {{ "
                                         f"VALUES {values[0]} {{ {_values(chunk)} }} {pattern} }}"):
                if (article_id := graph_article_id(r["g"])) is not None:
                    reports.append(found(r["g"], article_id, r["e"], r["k"], r.get("now"), r["r"], r.get("d"),
                                         r.get("st"), r.get("p"), r.get("w")))
        return reports

    def _graph(self, graph):
        out = Graph(store="SimpleMemory", bind_namespaces="none")
        for r in self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }}"):
            out.add((r["s"], r["p"], r["o"]))
        return out

    def _names(self, actors, exclude):
        # DISTINCT on the server: an actor named in 5,000 articles has a handful of names,
        # not 5,000 rows (sending every (name, graph) row made one put on a 1M-triple store take 0.9 s)
        skip = ", ".join(g.n3() for g in sorted(set(exclude) | {ACTORS_GRAPH}))
        names: dict[URIRef, set[str]] = {}
        for chunk in self._chunks(actors):
            for r in self._prefixed_rows(f"SELECT DISTINCT ?a ?l WHERE {{ VALUES ?a {{ {_values(chunk)} }} "
                                         "GRAPH ?g { ?a rdfs:label|skos:altLabel ?l } "
                                         f"FILTER (?g NOT IN ({skip})) }}"):
                names.setdefault(r["a"], set()).add(str(r["l"]))
        return names

    def _current_labels(self, actors):
        labels: dict[URIRef, str] = {}
        for chunk in self._chunks(actors):
            for r in self._prefixed_rows(f"SELECT ?a ?l WHERE {{ VALUES ?a {{ {_values(chunk)} }} "
                                         f"GRAPH {ACTORS_GRAPH.n3()} {{ ?a rdfs:label ?l }} }}"):
                labels[r["a"]] = str(r["l"])
        return labels

    def _commit(self, drop, add, labels) -> None:
        self._update(update_text(drop, add, labels))

    def __len__(self) -> int:
        """The number of triples in the union (the default graph)."""
        rows = self._rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"]) if rows else 0
