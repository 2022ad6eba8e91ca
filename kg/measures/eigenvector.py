"""Eigenvector centrality."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["eigenvector"]


def eigenvector(graph: nx.Graph, *, weight: str | None = None) -> dict[Hashable, float]:
    """Centrality from being linked to central nodes (power iteration, or the exact
    eigenvector when the iteration does not converge, as on bipartite graphs).

    >>> round(eigenvector(nx.path_graph(3))[1], 6)
    0.707107
    """
    if graph.number_of_edges() == 0:
        return {node: 0.0 for node in graph}
    try:
        return nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-10, weight=weight)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(graph, weight=weight)
