"""Opening a built graph for reading: an on-disk store, or a graph file loaded into memory."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from parley.model.errors import InputError, Problem
from parley.rdf.store import add_union, load_ontology, load_union, open_read_only

__all__ = ["open_graph", "DEFAULT_GRAPH", "GRAPH_FORMATS"]

DEFAULT_GRAPH = Path("out") / "kg.trig"
GRAPH_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
                 ".nt": ox.RdfFormat.N_TRIPLES}


def open_graph(*, graph: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | None = None,
               named_graphs: bool = True) -> ox.Store:
    """The store to query: an on-disk store folder (opened read-only, so not while a build
    writes it), or a graph file (TriG, N-Quads, Turtle, N-Triples) loaded into memory with
    the ontology; ``out/kg.trig`` by default.
    The default graph is the union of the file's graphs; with ``named_graphs=False`` it
    is all that is loaded, which is faster to load and to query (for the queries that
    do not read named graphs: see :attr:`~parley.sparql.library.LibraryQuery.reads_named_graphs`).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "kg.nq"
    >>> _ = path.write_text('<http://e.org/s> <http://e.org/p> "o" <http://e.org/g> .\\n', encoding="utf-8")
    >>> [graph.value for graph in open_graph(graph=path, named_graphs=False).named_graphs()]
    ['https://w3id.org/parley/ontology']
    """
    if store is not None:
        try:  # read-only: a folder that holds no store is left as it is
            return open_read_only(store)
        except OSError:
            hint = "no store here (build one with 'parley build --store DIR')"
            raise InputError([Problem(str(store), 0, "", hint)]) from None
        except RuntimeError as err:  # RocksDB's "Corruption: ..."
            cause = " ".join(str(err).split())[:200]
            hint = f"the store cannot be read ({cause}); build it again with 'parley build --store DIR'"
            raise InputError([Problem(str(store), 0, "", hint)]) from None
    path = Path(graph) if graph is not None else DEFAULT_GRAPH
    if not path.is_file():
        hint = "run 'parley build' first, or give --input FILE or --store DIR" if graph is None else "no such file"
        raise InputError([Problem(str(path), 0, "", hint)])
    rdf_format = GRAPH_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise InputError([Problem(str(path), 0, "", f"unknown graph format: use {', '.join(GRAPH_FORMATS)}")])
    oxstore = ox.Store()
    try:
        if named_graphs:
            oxstore.bulk_load(path=str(path), format=rdf_format)
            add_union(oxstore)
        else:
            load_union(oxstore, path, rdf_format)
    except SyntaxError as err:
        raise InputError([Problem(str(path), getattr(err, "lineno", 0) or 0, "", f"not valid {path.suffix[1:]}: {err}")]) from None
    load_ontology(oxstore)
    return oxstore
