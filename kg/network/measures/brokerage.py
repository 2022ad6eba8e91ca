"""Gould-Fernandez brokerage roles (Gould and Fernandez 1989, Sociological Methodology 19).

For every two-path a -> b -> c with a != c and no tie a -> c, the middle node b brokers,
in a role given by the groups of the three nodes:

- coordinator: a, b and c are all in the same group;
- itinerant (consultant): a and c share a group, b is outside it;
- representative: a and b share a group, c is in another (b carries its group's ties out);
- gatekeeper: b and c share a group, a is in another (b lets ties into its group);
- liaison: a, b and c are in three different groups.

Undirected graphs count each edge in both directions, so every open two-path is
counted once from each end.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["brokerage", "BROKERAGE_ROLES"]

BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def brokerage(graph: nx.Graph, group: str = "group") -> dict[Hashable, dict[str, int]]:
    """The number of two-paths each node brokers in each role, and their ``total``.

    Nodes without the ``group`` attribute form a group of their own.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(g, {"a": "x", "b": "y", "c": "x"}, "group")
    >>> brokerage(g)["b"]["itinerant"]
    1
    """
    directed = graph if graph.is_directed() else graph.to_directed()
    groups = {node: data.get(group, ("__own__", node)) for node, data in directed.nodes(data=True)}
    counts = {node: dict.fromkeys((*BROKERAGE_ROLES, "total"), 0) for node in directed}
    for b in directed:
        gb = groups[b]
        for a in directed.predecessors(b):
            if a == b:
                continue
            ga = groups[a]
            for c in directed.successors(b):
                if c in (a, b) or directed.has_edge(a, c):
                    continue
                gc = groups[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                counts[b][role] += 1
                counts[b]["total"] += 1
    return counts
