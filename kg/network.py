"""The network analysis API: a projection of the built graph, and its centrality table.

>>> from parley.pipeline import build
>>> import tempfile
>>> built = build(out=tempfile.mkdtemp())
>>> graph = actor_graph(store=built.store, process="russia-ukraine-peace-talks", fold=True)
>>> centrality(graph, ["betweenness"]).loc[0, "actor"]
'ukraine'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyoxigraph as ox

from parley.measures import DEFAULT_MEASURES, centrality_frame
from parley.projections import Window
from parley.projections import actor_graph as project
from parley.sparql import open_graph

if TYPE_CHECKING:
    import pandas

__all__ = ["actor_graph", "centrality"]


def actor_graph(kind: str = "co-participation", *, store: ox.Store | str | os.PathLike[str] | None = None,
                graph: str | os.PathLike[str] | None = None, start: str | None = None, end: str | None = None,
                process: str | None = None, conflict: str | None = None, actors: str = "all", fold: bool = False,
                include_planned: bool = False) -> nx.Graph:
    """A networkx projection (co-participation, mediation, bipartite, typed) of the graph of
    the last build (``out/kg.trig``), of a graph file, of a store folder or of a Store."""
    source = store if isinstance(store, ox.Store) else open_graph(graph=graph, store=store, named_graphs=False)
    window = Window(start=start, end=end, process=process, conflict=conflict, actors=actors, fold=fold,
                    include_planned=include_planned)
    return project(source, kind, window)


def centrality(graph: nx.Graph, measures: Iterable[str] = DEFAULT_MEASURES, **options: Any) -> pandas.DataFrame:
    """One row per actor with each measure (see :func:`parley.measures.centrality`)."""
    return centrality_frame(graph, measures, **options)
