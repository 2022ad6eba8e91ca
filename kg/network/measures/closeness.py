"""Closeness centrality (Wasserman-Faust scaling for disconnected graphs, as networkx)."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

from parley.network.measures.engine import to_igraph, use_engine

__all__ = ["closeness"]


def closeness(graph: nx.Graph, *, weight: str | None = None, engine: str = "auto") -> dict[Hashable, float]:
    """How near each node is to the nodes it can reach: (r-1)/sum of distances, scaled by
    (r-1)/(n-1) where r counts the reachable nodes (networkx's ``wf_improved``). For
    directed graphs, distances are inward, as in networkx.

    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    if graph.is_directed() or not use_engine(graph, engine):
        return nx.closeness_centrality(graph, distance=weight)
    converted, nodes, weights = to_igraph(graph, weight)
    n = len(nodes)
    if n <= 1:
        return {node: 0.0 for node in nodes}
    sizes = converted.connected_components().sizes()
    membership = converted.connected_components().membership
    values = converted.closeness(weights=weights, normalized=True)
    out = {}
    for i, node in enumerate(nodes):
        reachable = sizes[membership[i]]
        value = values[i]
        out[node] = 0.0 if reachable <= 1 or value is None or math.isnan(value) else value * (reachable - 1) / (n - 1)
    return out
