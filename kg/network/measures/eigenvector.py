"""Eigenvector centrality."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

__all__ = ["eigenvector"]


def eigenvector(graph: nx.Graph, *, weight: str | None = None) -> dict[Hashable, float]:
    """Centrality from being linked to central nodes, by power iteration.

    Where the iteration does not converge because the centrality is not unique
    (graphs in several pieces, bipartite graphs, directed graphs without cycles), it is
    computed on the undirected graph, one connected component at a time, each
    component's vector scaled by the square root of its share of the nodes, so the
    whole vector keeps unit length; isolated nodes get 0.

    >>> round(eigenvector(nx.path_graph(3))[1], 6)
    0.707107
    >>> sorted(round(v, 6) for v in eigenvector(nx.DiGraph([("a", "b"), ("a", "c")])).values())
    [0.5, 0.5, 0.707107]
    """
    if graph.number_of_edges() == 0:
        return {node: 0.0 for node in graph}
    try:
        return nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-10, weight=weight)
    except nx.PowerIterationFailedConvergence:
        pass
    undirected = graph.to_undirected() if graph.is_directed() else graph
    total = undirected.number_of_nodes()
    values: dict[Hashable, float] = {}
    for component in nx.connected_components(undirected):
        share = math.sqrt(len(component) / total)
        if len(component) == 1:
            values.update({node: 0.0 for node in component})
        elif len(component) == 2:
            values.update({node: share / math.sqrt(2) for node in component})
        else:
            local = nx.eigenvector_centrality_numpy(undirected.subgraph(component), weight=weight)
            values.update({node: abs(value) * share for node, value in local.items()})
    return {node: values[node] for node in graph}
