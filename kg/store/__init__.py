"""Stores behind one interface: where a graph lives and how it changes.

* :class:`MemoryStore` -- an rdflib ``Dataset`` in memory, read from and
  written to one file (the default: ``kg build -o graph.ttl``);
* :class:`OxigraphStore` -- an Oxigraph database on disk (``--store DIR``);
* :class:`RemoteStore` -- a SPARQL 1.1 server (``--endpoint URL``).

Every article's facts live in their own named graph, so putting an article in
again replaces its facts and :meth:`Store.remove` deletes them; the union of
the graphs answers the saved queries.  :func:`open_store` picks the store from
the options the commands take::

    from kg.store import open_store
    with open_store(store="news.db") as store:
        store.articles()            # article id -> (content hash, extractor)
        store.remove(["a-3b2e75336069"])
        graph = store.to_graph()    # the union as one rdflib Graph
"""
from __future__ import annotations

import os

from kg.errors import StoreError, UsageError
from kg.graphio import flatten, guess_format
from kg.store.base import ACTORS_GRAPH, Store, article_graph, best_name, content_hash, graph_article_id
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteStore

__all__ = ["ACTORS_GRAPH", "MemoryStore", "OxigraphStore", "RemoteStore", "Store", "StoreError",
           "article_graph", "best_name", "content_hash", "flatten", "graph_article_id", "open_store"]


def open_store(*, output: str | os.PathLike | None = None, fmt: str | None = None,
               store: str | os.PathLike | None = None, endpoint: str | None = None,
               update_url: str | None = None, store_url: str | None = None,
               load: bool = True, read_only: bool = False) -> Store:
    """The store named by exactly one of ``output`` (a graph file), ``store`` (an Oxigraph
    directory) or ``endpoint`` (a SPARQL server's query URL).

    ``load=False`` starts a file store empty instead of reading the file (a
    build that does not ``append``); ``read_only`` opens an Oxigraph directory for
    reading only, beside a writer.
    """
    given = [name for name, value in (("output", output), ("store", store), ("endpoint", endpoint))
             if value is not None]
    if len(given) != 1:
        raise UsageError("give one of output=FILE, store=DIR or endpoint=URL"
                         + (f" (not {' and '.join(f'{name}=' for name in given)})" if given else ""),
                         options=["output", "store", "endpoint"])
    if store is not None:
        return OxigraphStore(store, read_only=read_only)
    if endpoint is not None:
        return RemoteStore(endpoint, update_url=update_url, store_url=store_url)
    return MemoryStore(output, guess_format(output, fmt), load=load)
