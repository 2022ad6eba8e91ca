"""Betweenness centrality: exact (igraph for large graphs), or approximate by sampling."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

from parley.network.measures.engine import to_igraph, use_engine

__all__ = ["betweenness"]


def betweenness(graph: nx.Graph, *, weight: str | None = None, normalized: bool = True, k: int | None = None,
                seed: int | None = None, engine: str = "auto") -> dict[Hashable, float]:
    """The share of shortest paths between other nodes that pass through each node.

    ``weight`` names an edge attribute used as a distance (``distance`` = 1/shared events
    in parley's projections); ``k`` samples that many source nodes (with ``seed``) for an
    approximation, computed by networkx. Exact values on large graphs come from igraph
    and equal networkx's.

    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    if k is not None:
        return nx.betweenness_centrality(graph, k=min(k, graph.number_of_nodes()), normalized=normalized,
                                         weight=weight, seed=seed)
    if not use_engine(graph, engine):
        return nx.betweenness_centrality(graph, normalized=normalized, weight=weight)
    converted, nodes, weights = to_igraph(graph, weight)
    raw = converted.betweenness(directed=graph.is_directed(), weights=weights)
    n = len(nodes)
    scale = 1.0
    if normalized and n > 2:
        scale = 1.0 / ((n - 1) * (n - 2)) if graph.is_directed() else 2.0 / ((n - 1) * (n - 2))
    return {node: value * scale for node, value in zip(nodes, raw)}
