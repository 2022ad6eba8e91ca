"""Measures: the compiled engine gives networkx's values within 1e-9; Gould-Fernandez
brokerage matches a worked example counted by hand from the original definitions."""

from __future__ import annotations

import importlib
import math
import random

import networkx as nx
import pytest

from parley.network.measures import brokerage, centrality, constraint, effective_size, measure_values
from parley.network.measures.betweenness import betweenness
from parley.network.measures.closeness import closeness


def weighted(graph: nx.Graph, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    for u, v in graph.edges():
        graph.edges[u, v]["distance"] = float(rng.randint(1, 5))  # integer distances: no rounding ties
    return graph


def shapes():
    yield "erdos-renyi", nx.gnp_random_graph(120, 0.05, seed=1)
    yield "scale-free", nx.barabasi_albert_graph(150, 3, seed=2)
    yield "small-world", nx.watts_strogatz_graph(100, 6, 0.1, seed=3)
    disconnected = nx.disjoint_union(nx.gnp_random_graph(40, 0.1, seed=4), nx.path_graph(15))
    disconnected.add_nodes_from(["isolated-a", "isolated-b"])
    yield "disconnected-with-isolates", disconnected
    yield "directed", nx.gnp_random_graph(80, 0.06, seed=5, directed=True)
    yield "tree", nx.random_labeled_tree(60, seed=6) if hasattr(nx, "random_labeled_tree") else nx.random_tree(60, seed=6)


def assert_close(expected: dict, got: dict) -> None:
    assert expected.keys() == got.keys()
    for node, value in expected.items():
        assert math.isclose(got[node], value, rel_tol=0, abs_tol=1e-9), (node, value, got[node])


@pytest.mark.parametrize("name, graph", list(shapes()), ids=[n for n, _ in shapes()])
@pytest.mark.parametrize("weight", [None, "distance"])
def test_compiled_betweenness_equals_networkx(name, graph, weight):
    graph = weighted(graph.copy(), seed=7)
    expected = nx.betweenness_centrality(graph, weight=weight)
    assert_close(expected, betweenness(graph, weight=weight, engine="igraph"))
    assert_close(nx.betweenness_centrality(graph, weight=weight, normalized=False),
                 betweenness(graph, weight=weight, normalized=False, engine="igraph"))


@pytest.mark.parametrize("name, graph", [s for s in shapes() if not s[1].is_directed()],
                         ids=[n for n, g in shapes() if not g.is_directed()])
@pytest.mark.parametrize("weight", [None, "distance"])
def test_compiled_closeness_equals_networkx(name, graph, weight):
    graph = weighted(graph.copy(), seed=8)
    assert_close(nx.closeness_centrality(graph, distance=weight), closeness(graph, weight=weight, engine="igraph"))


def test_auto_engine_switches_on_size_and_gives_the_same_answer():
    graph = nx.barabasi_albert_graph(300, 2, seed=9)
    assert_close(betweenness(graph, engine="networkx"), betweenness(graph))


def test_approximate_betweenness_is_reproducible_with_a_seed():
    graph = nx.barabasi_albert_graph(200, 2, seed=10)
    first = betweenness(graph, k=50, seed=42)
    assert first == betweenness(graph, k=50, seed=42)
    assert first == nx.betweenness_centrality(graph, k=50, seed=42)
    exact = betweenness(graph)
    assert max(first, key=first.get) == max(exact, key=exact.get)


def worked_example() -> nx.DiGraph:
    """Groups g1 = {A, B, G, H}, g2 = {C, D, F}, g3 = {E}.

    Two-paths a->b->c with no a->c tie, counted by hand:
      A->B->C  not counted (A->C exists)
      B->C->D  g1 g2 g2  gatekeeper      (C)
      A->C->D  g1 g2 g2  gatekeeper      (C)
      B->C->H  g1 g2 g1  itinerant       (C)
      A->C->H  g1 g2 g1  itinerant       (C)
      C->D->E  g2 g2 g3  representative  (D)
      C->D->F  g2 g2 g2  coordinator     (D)
      D->E->G  g2 g3 g1  liaison         (E)
    """
    graph = nx.DiGraph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E"), ("D", "F"), ("E", "G"), ("C", "H")])
    groups = {"A": "g1", "B": "g1", "G": "g1", "H": "g1", "C": "g2", "D": "g2", "F": "g2", "E": "g3"}
    nx.set_node_attributes(graph, groups, "group")
    return graph


def test_gould_fernandez_roles_on_a_worked_example():
    counts = brokerage(worked_example())
    assert counts["C"] == {"coordinator": 0, "itinerant": 2, "representative": 0, "gatekeeper": 2, "liaison": 0, "total": 4}
    assert counts["D"] == {"coordinator": 1, "itinerant": 0, "representative": 1, "gatekeeper": 0, "liaison": 0, "total": 2}
    assert counts["E"] == {"coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 0, "liaison": 1, "total": 1}
    assert all(counts[n]["total"] == 0 for n in "ABFGH")


def test_brokerage_on_undirected_graphs_counts_both_directions():
    graph = nx.path_graph(["a", "b", "c"])
    nx.set_node_attributes(graph, {"a": "x", "b": "y", "c": "x"}, "group")
    assert brokerage(graph)["b"] == {"coordinator": 0, "itinerant": 2, "representative": 0, "gatekeeper": 0,
                                     "liaison": 0, "total": 2}
    graph.add_edge("a", "c")  # closing the triangle leaves nothing to broker
    assert brokerage(graph)["b"]["total"] == 0


def _brokerage_by_definition(graph: nx.Graph, group: str = "group") -> dict:
    """Every two-path a -> b -> c looked at one by one, as Gould and Fernandez define the roles."""
    directed = graph if graph.is_directed() else graph.to_directed()
    groups = {node: data.get(group, ("own", node)) for node, data in directed.nodes(data=True)}
    counts = {node: dict.fromkeys(("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"), 0)
              for node in directed}
    for b in directed:
        for a in directed.predecessors(b):
            for c in directed.successors(b):
                if a == b or c in (a, b) or directed.has_edge(a, c):
                    continue
                ga, gb, gc = groups[a], groups[b], groups[c]
                role = ("coordinator" if ga == gb == gc else "itinerant" if ga == gc else
                        "representative" if ga == gb else "gatekeeper" if gb == gc else "liaison")
                counts[b][role] += 1
                counts[b]["total"] += 1
    return counts


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_brokerage_equals_the_two_paths_counted_one_by_one(directed, seed, monkeypatch):
    if seed == 3:  # two-paths around each node taken a few at a time, as around a hub of a large graph
        monkeypatch.setattr(importlib.import_module("parley.network.measures.brokerage"), "_CHUNK", 7)
    graph = nx.gnp_random_graph(120, 0.08, seed=seed, directed=directed)
    graph.add_edge(5, 5)  # a self-loop brokers nothing
    rng = random.Random(seed)
    nx.set_node_attributes(graph, {n: f"g{rng.randrange(4)}" for n in graph if n % 7}, "group")  # some have none
    assert brokerage(graph) == _brokerage_by_definition(graph)


def test_structural_holes_of_a_star_and_a_triangle():
    star = nx.star_graph(4)
    assert math.isclose(constraint(star)[0], 0.25) and effective_size(star)[0] == 4.0
    triangle = nx.complete_graph(3)
    assert math.isclose(constraint(triangle)[0], 1.125) and effective_size(triangle)[0] == 1.0
    star.add_node("alone")
    assert math.isnan(constraint(star)["alone"])


def test_centrality_has_a_row_per_actor_sorted_by_the_first_measure():
    graph = nx.path_graph(["a", "b", "c", "d"])
    nx.set_node_attributes(graph, {n: n.upper() for n in graph}, "label")
    frame = centrality(graph, ["betweenness", "degree", "brokerage"])
    assert list(frame["actor"]) == ["b", "c", "a", "d"]
    assert list(frame.columns) == ["actor", "label", "type", "acts_for", "betweenness", "degree", "coordinator",
                                   "itinerant", "representative", "gatekeeper", "liaison", "brokerage"]
    assert frame.loc[0, "label"] == "B" and frame.loc[0, "degree"] == 2


def test_unknown_measure_is_refused():
    with pytest.raises(ValueError, match="unknown measure 'fame'"):
        measure_values(nx.path_graph(2), ["fame"])


@pytest.mark.parametrize("graph", [nx.Graph(), nx.DiGraph()], ids=["graph", "digraph"])
def test_every_measure_of_the_null_graph_is_empty(graph):
    from parley.network.measures import MEASURES

    assert all(values == {} for values in measure_values(graph, MEASURES).values())
    assert centrality(graph, MEASURES).empty


def test_without_igraph_the_measures_fall_back_to_networkx_with_the_same_values(monkeypatch):
    from parley.network.measures import engine

    graph = nx.gnp_random_graph(250, 0.03, seed=7)  # large enough for the engine when it is there
    with_engine = betweenness(graph)
    monkeypatch.setattr(engine, "engine_available", lambda: False)
    assert not engine.use_engine(graph, "auto")
    assert_close(with_engine, betweenness(graph))
    assert_close(nx.closeness_centrality(graph), closeness(graph))
    with pytest.raises(ValueError, match="pip install 'parley\\[igraph\\]'"):
        betweenness(graph, engine="igraph")
