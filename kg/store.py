"""The Oxigraph store: in memory, or on disk; loaded in bulk; seen through rdflib.

>>> store = open_store()
>>> load_quads(store, [ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
...                             ox.Literal("o"), ox.NamedNode("http://example.org/g"))])
>>> len(store)
1
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib
from oxrdflib import OxigraphStore

from parley.namespaces import VOCAB_GRAPH
from parley.vocabulary import ontology_quads

__all__ = ["open_store", "load_quads", "load_ontology", "as_rdflib", "union_store"]


def open_store(path: str | os.PathLike[str] | None = None, *, clear: bool = False) -> ox.Store:
    """An Oxigraph store in memory, or on disk in folder ``path`` (emptied first if ``clear``)."""
    if path is None:
        return ox.Store()
    Path(path).mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(path))
    if clear:
        store.clear()
    return store


def load_quads(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Load quads in one bulk operation (far faster than adding them one by one)."""
    store.bulk_extend(quads)


def load_ontology(store: ox.Store) -> None:
    """Add the ontology and vocabularies, in their own named graph."""
    store.bulk_extend(ontology_quads(ox.NamedNode(VOCAB_GRAPH)))


def union_store(quads: Iterable[ox.Quad], *, with_ontology: bool = True) -> ox.Store:
    """A new in-memory store whose default graph is the union of ``quads`` (and the ontology)."""
    store = ox.Store()
    store.bulk_load(ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES),
                    format=ox.RdfFormat.N_TRIPLES)
    if with_ontology:
        store.bulk_extend(ontology_quads())
    return store


def as_rdflib(store: ox.Store) -> rdflib.Graph:
    """The store's default graph as an rdflib Graph (through oxrdflib), for rdflib-based tools."""
    return rdflib.Graph(store=OxigraphStore(store=store), identifier=rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
