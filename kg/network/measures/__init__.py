"""Network measures over parley's projections, one module per measure (networkx style).

Every measure takes a networkx graph and returns a dict keyed by node;
:func:`measure_values` computes several and :func:`centrality` gives one pandas
DataFrame with a row per actor.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from parley.network.measures.betweenness import betweenness
from parley.network.measures.brokerage import BROKERAGE_ROLES, brokerage
from parley.network.measures.closeness import closeness
from parley.network.measures.degree import degree, in_degree, out_degree, weighted_degree
from parley.network.measures.eigenvector import eigenvector
from parley.network.measures.pagerank import pagerank
from parley.network.measures.structural_holes import constraint, effective_size

if TYPE_CHECKING:
    import pandas

__all__ = ["MEASURES", "DEFAULT_MEASURES", "DIRECTED_MEASURES", "default_measures", "measure_values", "centrality",
           "betweenness", "brokerage", "closeness", "degree", "weighted_degree", "out_degree", "in_degree", "eigenvector", "pagerank", "constraint", "effective_size", "BROKERAGE_ROLES"]

MEASURES = ("degree", "out-degree", "in-degree", "weighted-degree", "betweenness", "closeness", "eigenvector",
            "pagerank", "constraint", "effective-size", "brokerage")
DEFAULT_MEASURES = ("degree", "weighted-degree", "betweenness", "closeness", "pagerank", "constraint")
# A directed graph (mediation: third party -> party served) is ranked by whom it serves first.
DIRECTED_MEASURES = ("out-degree", "in-degree", "degree", "weighted-degree", "betweenness", "closeness", "pagerank",
                     "constraint")


def default_measures(graph: nx.Graph) -> tuple[str, ...]:
    """The measures ``parley centrality`` computes when none is named: for a directed
    graph, out-degree first, so the mediation graph ranks brokers, not the parties they serve.

    >>> default_measures(nx.DiGraph())[0], default_measures(nx.Graph())[0]
    ('out-degree', 'degree')
    """
    return DIRECTED_MEASURES if graph.is_directed() else DEFAULT_MEASURES


def measure_values(graph: nx.Graph, measures: Iterable[str] = DEFAULT_MEASURES, *, weighted: bool = False,
               sample: int | None = None, seed: int | None = None, group: str = "group",
               engine: str = "auto") -> dict[str, dict[Hashable, Any]]:
    """Each measure's values by node; ``brokerage`` gives one column per role and ``brokerage``
    for their total. ``weighted`` uses shared events as strength (``weight``) and their
    inverse as distance; ``sample`` makes betweenness approximate (with ``seed``).

    >>> sorted(measure_values(nx.path_graph(3), ["degree", "betweenness"])["betweenness"].items())
    [(0, 0.0), (1, 1.0), (2, 0.0)]
    """
    strength = "weight" if weighted else None
    distance = "distance" if weighted else None
    columns: dict[str, dict[Hashable, Any]] = {}
    for name in measures:
        if name not in MEASURES:
            raise ValueError(f"unknown measure '{name}': use one of {', '.join(MEASURES)}")
        if name == "degree":
            columns[name] = degree(graph)
        elif name == "out-degree":
            columns[name] = out_degree(graph)
        elif name == "in-degree":
            columns[name] = in_degree(graph)
        elif name == "weighted-degree":
            columns[name] = weighted_degree(graph)
        elif name == "betweenness":
            columns[name] = betweenness(graph, weight=distance, k=sample, seed=seed, engine=engine)
        elif name == "closeness":
            columns[name] = closeness(graph, weight=distance, engine=engine)
        elif name == "eigenvector":
            columns[name] = eigenvector(graph, weight=strength)
        elif name == "pagerank":
            columns[name] = pagerank(graph, weight=strength)
        elif name == "constraint":
            columns[name] = constraint(graph, weight=strength)
        elif name == "effective-size":
            columns[name] = effective_size(graph, weight=strength)
        else:
            roles = brokerage(graph, group=group)
            for role in BROKERAGE_ROLES:
                columns[role] = {node: counts[role] for node, counts in roles.items()}
            columns["brokerage"] = {node: counts["total"] for node, counts in roles.items()}
    return columns


def centrality(graph: nx.Graph, measures: Iterable[str] | None = None, **options: Any) -> pandas.DataFrame:
    """One row per node: ``actor``, ``label``, ``type``, ``acts_for`` and each measure
    (by default those of :func:`default_measures`), sorted by the first measure (highest
    first), ties by the next measures, then by actor."""
    import pandas

    measures = list(measures) if measures is not None else list(default_measures(graph))
    columns = measure_values(graph, measures, **options)
    rows = []
    for node, data in graph.nodes(data=True):
        row = {"actor": node, "label": data.get("label", str(node)), "type": data.get("type", ""),
               "acts_for": data.get("acts_for", "")}
        row.update({name: values.get(node, math.nan) for name, values in columns.items()})
        rows.append(row)
    frame = pandas.DataFrame(rows, columns=["actor", "label", "type", "acts_for", *columns])
    if not frame.empty and columns:
        order = list(columns)
        frame = frame.sort_values([*order, "actor"], ascending=[False] * len(order) + [True],
                                  kind="stable").reset_index(drop=True)
    return frame
