"""The compiled graph engine behind the heavy measures: igraph, when it is installed.

networkx stays the graph users get; a measure that is expensive on large graphs
converts it to igraph, computes there, and maps the values back by node, equal to
networkx's within floating-point rounding. igraph is GPL-2.0-or-later, so it is an
optional extra (``pip install 'parley[igraph]'``); without it every measure is
computed by networkx, with the same values, more slowly on large graphs.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Hashable
from functools import cache
from typing import Any

import networkx as nx

__all__ = ["ENGINE_MIN_NODES", "ENGINES", "engine_available", "use_engine", "to_igraph"]

ENGINES = ("auto", "igraph", "networkx")

ENGINE_MIN_NODES = 200  # below this, networkx is as fast as the conversion


def use_engine(graph: nx.Graph, engine: str) -> bool:
    """Whether to compute on igraph: ``engine`` is ``auto`` (igraph for large graphs when it
    is installed), ``igraph`` or ``networkx``.

    >>> use_engine(nx.path_graph(3), "auto"), use_engine(nx.path_graph(3), "igraph")
    (False, True)
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    if engine == "igraph" and not engine_available():
        raise ValueError("engine igraph is not installed: pip install 'parley[igraph]'")
    if graph.is_multigraph():
        return False
    return engine == "igraph" or (engine == "auto" and graph.number_of_nodes() >= ENGINE_MIN_NODES
                                  and engine_available())


@cache
def engine_available() -> bool:
    """Whether igraph is installed.

    >>> isinstance(engine_available(), bool)
    True
    """
    return importlib.util.find_spec("igraph") is not None


def to_igraph(graph: nx.Graph, weight: str | None = None) -> tuple[Any, list[Hashable], list[float] | None]:
    """The graph as igraph, its node order, and the edge weights (None if unweighted).

    >>> g, nodes, weights = to_igraph(nx.Graph([("a", "b", {"w": 2.0})]), "w")
    >>> g.vcount(), g.ecount(), nodes, weights
    (2, 1, ['a', 'b'], [2.0])
    """
    import igraph

    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    converted = igraph.Graph(n=len(nodes), edges=edges, directed=graph.is_directed())
    weights = None
    if weight is not None:
        weights = [float(data.get(weight, 1.0)) for _, _, data in graph.edges(data=True)]
    return converted, nodes, weights
