"""The compiled graph engine (igraph) behind the heavy measures.

networkx stays the graph users get; a measure that is expensive on large graphs
converts it to igraph, computes there, and maps the values back by node, equal to
networkx's within floating-point rounding.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

__all__ = ["ENGINE_MIN_NODES", "use_engine", "to_igraph"]

ENGINE_MIN_NODES = 200  # below this, networkx is as fast as the conversion


def use_engine(graph: nx.Graph, engine: str) -> bool:
    """Whether to compute on igraph: ``engine`` is ``auto``, ``igraph`` or ``networkx``.

    >>> use_engine(nx.path_graph(3), "auto"), use_engine(nx.path_graph(3), "igraph")
    (False, True)
    """
    if engine not in ("auto", "igraph", "networkx"):
        raise ValueError("engine must be auto, igraph or networkx")
    if graph.is_multigraph():
        return False
    return engine == "igraph" or (engine == "auto" and graph.number_of_nodes() >= ENGINE_MIN_NODES)


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
