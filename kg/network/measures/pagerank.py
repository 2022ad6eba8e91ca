"""PageRank."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["pagerank"]


def pagerank(graph: nx.Graph, *, weight: str | None = "weight", alpha: float = 0.85) -> dict[Hashable, float]:
    """PageRank with damping ``alpha``; on undirected graphs each edge counts both ways.

    >>> round(sum(pagerank(nx.path_graph(4)).values()), 9)
    1.0
    """
    if graph.number_of_nodes() == 0:
        return {}
    return nx.pagerank(graph, alpha=alpha, weight=weight)
