"""Degree and weighted degree (strength)."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["degree", "weighted_degree", "out_degree", "in_degree"]


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


def out_degree(graph: nx.Graph) -> dict[Hashable, int]:
    """The number of edges leaving each node: in the mediation graph, the parties a third
    party served (the degree of an undirected graph).

    >>> out_degree(nx.DiGraph([("un", "sudan"), ("un", "spla"), ("igad", "sudan")]))
    {'un': 2, 'sudan': 0, 'spla': 0, 'igad': 1}
    """
    return dict(graph.out_degree() if graph.is_directed() else graph.degree())


def in_degree(graph: nx.Graph) -> dict[Hashable, int]:
    """The number of edges reaching each node: in the mediation graph, the third parties
    a party was served by (the degree of an undirected graph).

    >>> in_degree(nx.DiGraph([("un", "sudan"), ("igad", "sudan")]))["sudan"]
    2
    """
    return dict(graph.in_degree() if graph.is_directed() else graph.degree())
