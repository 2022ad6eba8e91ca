"""Exports for Gephi (GEXF), yEd and Cytoscape (GraphML), and spreadsheets (CSV)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from parley.exports.gexf import GEXF_VERSIONS, export_gexf
from parley.exports.graphml import export_graphml
from parley.exports.tables import export_tables
from parley.network.measures import MEASURES, measure_values

__all__ = ["with_measures", "export_gexf", "export_graphml", "export_tables", "GEXF_VERSIONS"]


def with_measures(graph: nx.Graph, measures: tuple[str, ...] = MEASURES, **options: Any) -> nx.Graph:
    """A copy of ``graph`` with each measure (and each brokerage role) as a node attribute.

    >>> g = with_measures(nx.path_graph(["a", "b", "c"]), ("betweenness",))
    >>> g.nodes["b"]["betweenness"]
    1.0
    """
    out = graph.copy()
    for name, values in measure_values(graph, measures, **options).items():
        nx.set_node_attributes(out, values, name)
    return out
