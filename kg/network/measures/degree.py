"""Degree and weighted degree (strength)."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["degree", "weighted_degree"]


def degree(graph: nx.Graph) -> dict[Hashable, int]:
    """The number of neighbours of each node (in + out for directed graphs).

    >>> degree(nx.path_graph(3))
    {0: 1, 1: 2, 2: 1}
    """
    return dict(graph.degree())


def weighted_degree(graph: nx.Graph, weight: str = "weight") -> dict[Hashable, float]:
    """The sum of the weights of each node's edges (shared events, for co-participation).

    >>> weighted_degree(nx.Graph([(1, 2, {"weight": 3}), (2, 3, {"weight": 1})]))
    {1: 3, 2: 4, 3: 1}
    """
    return dict(graph.degree(weight=weight))
