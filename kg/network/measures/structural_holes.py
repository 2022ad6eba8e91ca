"""Burt's structural holes: constraint and effective size."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

__all__ = ["constraint", "effective_size"]


def constraint(graph: nx.Graph, *, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's constraint: how much a node's contacts are tied to each other (low values
    mark brokers). Isolated nodes get NaN, as their constraint is undefined.

    >>> round(constraint(nx.star_graph(3))[0], 6)
    0.333333
    >>> constraint(nx.Graph())
    {}
    """
    if graph.number_of_nodes() == 0:  # networkx refuses the null graph
        return {}
    values = nx.constraint(graph, weight=weight)
    return {node: float(values.get(node, math.nan)) for node in graph}


def effective_size(graph: nx.Graph, *, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's effective size: the non-redundant part of a node's network.

    >>> effective_size(nx.star_graph(3))[0]
    3.0
    """
    if graph.number_of_nodes() == 0:
        return {}
    values = nx.effective_size(graph, weight=weight)
    return {node: float(values.get(node, math.nan)) for node in graph}
