"""The network view's data: the co-participation network around an actor or within a
process, laid out, its nodes sized by a centrality measure, as plain JSON-ready data.

>>> from parley.network.tables import read_store
>>> from parley.pipeline import build
>>> import tempfile
>>> tables = read_store(build(out=tempfile.mkdtemp()).store)
>>> view = neighbourhood(tables, actor="turkiye")
>>> sorted(node["id"] for node in view["nodes"]), view["measure"]
(['russia', 'turkiye', 'ukraine'], 'degree')
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from parley.model.errors import InputError, Problem
from parley.network.measures import measure_values
from parley.network.projections import project
from parley.network.tables import GraphTables

__all__ = ["neighbourhood", "VIEW_MEASURES", "MOST_NODES"]

VIEW_MEASURES = ("degree", "weighted-degree", "betweenness", "pagerank", "closeness")
MOST_NODES = 200  # beyond this, the closest neighbours (by shared events) are shown
_COLOURS = {"Person": "#d9822b", "State": "#2b6cb0", "IntergovernmentalOrganization": "#2f855a",
            "GovernmentBody": "#6b46c1", "ArmedGroup": "#c53030", "NonGovernmentalOrganization": "#319795"}
_OTHER = "#718096"


def _kept(graph: nx.Graph, centre: str | None) -> tuple[nx.Graph, int]:
    """The part of ``graph`` shown: the centre and its neighbours (or everyone), cut to the
    :data:`MOST_NODES` strongest ties; and how many nodes there were."""
    if centre is not None:
        graph = nx.ego_graph(graph, centre, radius=1)
    total = graph.number_of_nodes()
    if total <= MOST_NODES:
        return graph, total
    if centre is not None:
        strongest = sorted(graph[centre], key=lambda n: (-graph.edges[centre, n]["weight"], n))[:MOST_NODES - 1]
        return graph.subgraph([centre, *strongest]).copy(), total
    ranked = sorted(graph.degree(weight="weight"), key=lambda item: (-item[1], item[0]))[:MOST_NODES]
    return graph.subgraph([node for node, _ in ranked]).copy(), total


def _layout(graph: nx.Graph) -> dict[str, Any]:
    """Positions by path length (Kamada-Kawai), which spreads a hub's neighbours around it
    where a spring layout weighted by shared events piles them onto it."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {node: (0.0, 0.0) for node in graph}
    return nx.kamada_kawai_layout(graph, weight=None)


def neighbourhood(tables: GraphTables, *, actor: str | None = None, process: str | None = None,
                  measure: str = "degree", fold: bool | None = None) -> dict[str, Any]:
    """The co-participation network around ``actor`` (it and the actors it met), or of a
    ``process`` (with its sub-tracks), or of the whole graph: nodes with a position, a
    size by ``measure`` (one of :data:`VIEW_MEASURES`), a colour by type and the dates they
    took part; edges with shared events and first and last date. Persons are folded onto
    whom they act for (``fold``) unless the network is a person's own."""
    if measure not in VIEW_MEASURES:
        raise InputError([Problem("measure", 0, "", f"'{measure}' is not one of {', '.join(VIEW_MEASURES)}")])
    if fold is None:
        types = dict(zip(tables.actors["id"].tolist(), tables.actors["type"].tolist()))
        fold = actor is None or types.get(actor) != "Person"
    full = project("co-participation", store=tables, process=process, fold=fold)
    if actor is not None and actor not in full:
        known = set(tables.actors["id"].tolist())
        reason = "took part in no held event" if actor in known else "is not an actor of the graph"
        raise InputError([Problem("actor", 0, "", f"'{actor}' {reason}")])
    graph, total = _kept(full, actor)
    values = measure_values(graph, [measure])[measure] if graph.number_of_nodes() else {}
    top = max(values.values(), default=0) or 1
    layout = _layout(graph)
    nodes = [{"id": node, "label": data["label"], "type": data["type"], "x": round(float(layout[node][0]), 4),
              "y": round(float(layout[node][1]), 4), "value": round(float(values.get(node, 0)), 6),
              "size": round(4 + 16 * float(values.get(node, 0)) / top, 2),
              "color": _COLOURS.get(data["type"], _OTHER), "centre": node == actor,
              "dates": [d for d in data.get("dates", "").split(";") if d]}
             for node, data in sorted(graph.nodes(data=True))]
    edges = [{"source": a, "target": b, "weight": data["weight"], "first": data["first"], "last": data["last"]}
             for a, b, data in sorted(graph.edges(data=True))]
    dates = sorted({d for node in nodes for d in node["dates"]})
    titles = dict(zip(tables.processes["id"].tolist(), tables.processes["label"].tolist()))
    return {"actor": actor, "process": process, "process_label": titles.get(process or "", process), "measure": measure, "fold": fold, "nodes": nodes, "edges": edges,
            "dates": dates, "shown": len(nodes), "total": total, "colours": {**_COLOURS, "other": _OTHER}}
