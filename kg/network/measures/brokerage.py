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
import numpy as np

__all__ = ["brokerage", "BROKERAGE_ROLES"]

BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

_CHUNK = 1 << 22  # two-paths looked at in one step, to bound memory around hubs


def brokerage(graph: nx.Graph, group: str = "group") -> dict[Hashable, dict[str, int]]:
    """The number of two-paths each node brokers in each role, and their ``total``.

    Nodes without the ``group`` attribute form a group of their own.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(g, {"a": "x", "b": "y", "c": "x"}, "group")
    >>> brokerage(g)["b"]["itinerant"]
    1
    """
    nodes = list(graph)
    size = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    codes: dict[Hashable, int] = {}
    groups = np.array([codes.setdefault(data.get(group, ("__own__", node)), len(codes))
                       for node, data in graph.nodes(data=True)], dtype=np.int64)
    ends = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    if not graph.is_directed():
        ends = np.concatenate([ends, ends[:, ::-1]])
    ties = np.unique(ends[:, 0] * size + ends[:, 1])  # sorted by tail, then head
    tails, heads = ties // max(size, 1), ties % max(size, 1)
    out_start = np.searchsorted(tails, np.arange(size + 1))
    by_head = np.lexsort((tails, heads))
    in_tails, in_start = tails[by_head], np.searchsorted(heads[by_head], np.arange(size + 1))
    counts = {node: dict.fromkeys((*BROKERAGE_ROLES, "total"), 0) for node in nodes}
    for b, node in enumerate(nodes):
        successors = heads[out_start[b]:out_start[b + 1]]
        predecessors = in_tails[in_start[b]:in_start[b + 1]]
        if not len(successors):
            continue
        step = max(1, _CHUNK // len(successors))
        for first in range(0, len(predecessors), step):
            _count(counts[node], predecessors[first:first + step], successors, groups, groups[b], ties, size)
    return counts


def _count(counts: dict[str, int], predecessors: np.ndarray, successors: np.ndarray, groups: np.ndarray,
           middle: np.integer, ties: np.ndarray, size: int) -> None:
    """Add the open two-paths a -> b -> c (a in ``predecessors``, c in ``successors``) to b's ``counts``."""
    a = np.repeat(predecessors, len(successors))
    c = np.tile(successors, len(predecessors))
    keys = a * size + c
    found = np.minimum(np.searchsorted(ties, keys), len(ties) - 1)
    open_ = (a != c) & (ties[found] != keys)
    ga, gc = groups[a[open_]], groups[c[open_]]
    same_a, same_c = ga == middle, gc == middle
    roles = {"coordinator": np.count_nonzero(same_a & same_c),
             "itinerant": np.count_nonzero((ga == gc) & ~same_a),
             "representative": np.count_nonzero(same_a & ~same_c),
             "gatekeeper": np.count_nonzero(same_c & ~same_a)}
    roles["liaison"] = len(ga) - sum(roles.values())
    for role, number in roles.items():
        counts[role] += int(number)
    counts["total"] += len(ga)
