"""Compiled graph engines against networkx: exact betweenness on the same random graph.

    python bench/engines.py --nodes 5000 --edges 109000 --check-nodes 600 --check-edges 6000

Times each installed engine (igraph, rustworkx, NetworKit) and parley's own
``centrality(graph, ["betweenness"])`` on a graph of the benchmark's size (5k actors,
109k ties), unweighted and weighted by distance where the engine can; then, on a
smaller graph networkx computes in seconds, the largest difference of each engine's
values from networkx's. Prints a Markdown table: engines that are not installed
are listed as such. Licences: igraph GPL-2.0-or-later, rustworkx Apache-2.0,
NetworKit MIT, networkx BSD-3-Clause.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import sys
import time
from collections.abc import Callable

import networkx as nx

import parley

LICENCES = {"igraph": "GPL-2.0-or-later", "rustworkx": "Apache-2.0", "networkit": "MIT", "networkx": "BSD-3-Clause"}


def random_graph(nodes: int, edges: int, seed: int = 1) -> nx.Graph:
    """A random graph with a ``distance`` on each edge (1/shared events, as parley's)."""
    graph = nx.gnm_random_graph(nodes, edges, seed=seed)
    rng = random.Random(seed)
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1.0 / rng.randint(1, 5)
    return graph


def _igraph(graph: nx.Graph, weighted: bool) -> list[float]:
    import igraph

    converted = igraph.Graph(n=graph.number_of_nodes(), edges=list(graph.edges()))
    weights = [data["distance"] for _, _, data in graph.edges(data=True)] if weighted else None
    n = graph.number_of_nodes()
    return [value * 2 / ((n - 1) * (n - 2)) for value in converted.betweenness(directed=False, weights=weights)]


def _rustworkx(graph: nx.Graph, weighted: bool) -> list[float] | None:
    import rustworkx

    if weighted:
        return None  # rustworkx's betweenness has no edge weights
    converted = rustworkx.networkx_converter(graph)
    values = rustworkx.betweenness_centrality(converted, normalized=True)
    return [values[i] for i in range(graph.number_of_nodes())]


def _networkit(graph: nx.Graph, weighted: bool) -> list[float]:
    import networkit

    converted = networkit.Graph(graph.number_of_nodes(), weighted=weighted)
    for u, v, data in graph.edges(data=True):
        converted.addEdge(u, v, data["distance"]) if weighted else converted.addEdge(u, v)
    run = networkit.centrality.Betweenness(converted, normalized=True)
    run.run()
    return run.scores()


def _networkx(graph: nx.Graph, weighted: bool) -> list[float]:
    values = nx.betweenness_centrality(graph, weight="distance" if weighted else None)
    return [values[i] for i in range(graph.number_of_nodes())]


def _parley(graph: nx.Graph, weighted: bool) -> list[float]:
    frame = parley.centrality(graph, ["betweenness"], weighted=weighted)
    values = dict(zip(frame["actor"], frame["betweenness"]))
    return [values[i] for i in range(graph.number_of_nodes())]


ENGINES: dict[str, Callable[[nx.Graph, bool], list[float] | None]] = {
    "igraph": _igraph, "rustworkx": _rustworkx, "networkit": _networkit, "parley (auto)": _parley}


def _timed(run: Callable[[], list[float] | None]) -> tuple[float, list[float] | None]:
    started = time.perf_counter()
    values = run()
    return time.perf_counter() - started, values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=109_000)
    parser.add_argument("--check-nodes", type=int, default=600)
    parser.add_argument("--check-edges", type=int, default=6000)
    args = parser.parse_args()
    large, small = random_graph(args.nodes, args.edges), random_graph(args.check_nodes, args.check_edges, seed=2)
    print("# Compiled graph engines against networkx\n")
    print(f"Exact betweenness on one random graph, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"made by `python bench/engines.py {' '.join(sys.argv[1:])}`.\n")
    print(f"| engine | licence | unweighted, {args.nodes:,} nodes / {args.edges:,} edges | weighted | "
          f"largest difference from networkx ({args.check_nodes:,} / {args.check_edges:,}) |")
    print("| --- | --- | --- | --- | --- |")
    expected = {weighted: _networkx(small, weighted) for weighted in (False, True)}
    for name, engine in ENGINES.items():
        module = name.split()[0]
        if module != "parley" and importlib.util.find_spec(module) is None:
            print(f"| {name} | {LICENCES[module]} | not installed | | |")
            continue
        cells = []
        for weighted in (False, True):
            seconds, values = _timed(lambda: engine(large, weighted))
            cells.append("no weights" if values is None else f"{seconds:.1f} s")
        differences = []
        for weighted in (False, True):
            values = engine(small, weighted)
            if values is not None:
                differences.append(max(abs(a - b) for a, b in zip(values, expected[weighted])))
        licence = LICENCES.get(module, "MIT (igraph if installed)")
        print(f"| {name} | {licence} | {cells[0]} | {cells[1]} | {max(differences):.1e} |")


if __name__ == "__main__":
    main()
