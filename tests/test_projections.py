"""Projections from the knowledge graph to networkx, on the fixture graph and on the
bundled data set (whose ranking was checked by hand against the source texts)."""

from __future__ import annotations

import networkx as nx
import pytest

from helpers import DATA, run_parley
from parley.model.errors import InputError
from parley.network.measures import centrality
from parley.network.projections import (
    Window,
    bipartite_graph,
    co_participation_graph,
    mediation_graph,
    typed_multigraph,
)
from parley.pipeline import build


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build([DATA / "facts" / "queries.yaml"], out=tmp_path_factory.mktemp("out")).store


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundled")
    return folder, build(out=folder / "out").store


def edges(graph):
    return {tuple(sorted((u, v))) if not graph.is_directed() else (u, v): data for u, v, data in graph.edges(data=True)}


def test_co_participation_weights_dates_and_roles(store):
    graph = co_participation_graph(store)
    assert set(graph) == {"turkiye", "russia", "ukraine", "fidan", "kalin", "umerov", "iraq"}
    found = edges(graph)
    assert found[("russia", "ukraine")] == {"weight": 2, "distance": 0.5, "first": "2022", "last": "2025-06-02",
                                            "roles": "party", "dates": "2022;2025-06-02"}
    assert found[("fidan", "umerov")] == {"weight": 2, "distance": 0.5, "first": "2025-12", "last": "2026-01-01",
                                          "roles": "host;participant;party", "dates": "2025-12;2026-01-01"}
    assert graph.nodes["fidan"] == {"label": "Hakan Fidan", "type": "Person", "acts_for": "turkiye", "group": "turkiye",
                                    "dates": "2025-12;2026-01-01"}
    assert "united-nations" not in graph  # only in a planned event


def test_planned_events_only_on_request(store):
    assert co_participation_graph(store, Window(include_planned=True)).has_edge("ukraine", "united-nations")


def test_time_window_process_and_conflict(store):
    assert set(co_participation_graph(store, Window(start="2025-06", end="2025-12"))) == {
        "turkiye", "russia", "ukraine", "fidan", "umerov"}
    assert set(co_participation_graph(store, Window(end="2022"))) == {"turkiye", "russia", "ukraine"}
    assert set(co_participation_graph(store, Window(process="cell"))) == {"turkiye", "iraq"}
    assert set(co_participation_graph(store, Window(process="pow-track"))) == {"turkiye", "russia", "ukraine"}
    assert "iraq" not in co_participation_graph(store, Window(conflict="war"))
    with pytest.raises(InputError, match="no process 'nowhere'"):
        co_participation_graph(store, Window(process="nowhere"))


def test_persons_only_collective_only_and_folding(store):
    assert set(co_participation_graph(store, Window(actors="persons"))) == {"fidan", "kalin", "umerov"}
    assert set(co_participation_graph(store, Window(actors="collective"))) == {"turkiye", "russia", "ukraine", "iraq"}
    folded = co_participation_graph(store, Window(fold=True))
    assert set(folded) == {"turkiye", "russia", "ukraine", "iraq"}
    # istanbul-2022, istanbul-2025, the call and Ankara (Fidan and Kalın for Türkiye, Umerov for Ukraine)
    assert folded.edges["turkiye", "ukraine"]["weight"] == 4
    assert not any(u == v for u, v in folded.edges())


def test_mediation_graph_links_third_parties_to_the_parties_they_served(store):
    graph = mediation_graph(store, Window(third_parties=("mediator", "facilitator", "host", "guarantor")))
    assert graph.is_directed()
    turkiye = {"weight": 3, "distance": 1 / 3, "roles": "host;mediator", "processes": "pow-track;talks",
               "dates": "2022;2022-07;2025-06-02"}
    assert edges(graph) == {
        ("turkiye", "russia"): turkiye,
        ("turkiye", "ukraine"): turkiye,
        ("united-nations", "russia"): {"weight": 1, "distance": 1.0, "roles": "mediator", "processes": "talks",
                                       "dates": "2022-07"},
        ("united-nations", "ukraine"): {"weight": 1, "distance": 1.0, "roles": "mediator", "processes": "talks",
                                        "dates": "2022-07"},
        ("fidan", "umerov"): {"weight": 1, "distance": 1.0, "roles": "host", "processes": "talks", "dates": "2026-01-01"},
        ("kalin", "umerov"): {"weight": 1, "distance": 1.0, "roles": "host", "processes": "talks", "dates": "2026-01-01"},
        ("iraq", "turkiye"): {"weight": 1, "distance": 1.0, "roles": "host", "processes": "cell", "dates": "2025-03"},
    }
    # by default every third-party role counts: Iraq also witnessed the grain deal
    extra = set(edges(mediation_graph(store))) - set(edges(graph))
    assert extra == {("iraq", "russia"), ("iraq", "ukraine")}
    assert all(mediation_graph(store).edges[edge]["roles"] == "witness" for edge in extra)


def test_bipartite_graph_of_actors_and_events(store):
    graph = bipartite_graph(store)
    events = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1}
    assert events == {"event/istanbul-2022", "event/istanbul-2025", "event/ankara-2026", "event/call-2025",
                      "event/baghdad-2025"}
    assert nx.is_bipartite(graph)
    assert graph.edges["fidan", "event/ankara-2026"]["role"] == "host"
    assert graph.nodes["event/ankara-2026"]["date"] == "2026-01-01"


def test_typed_multigraph_holds_every_instance_and_link(store):
    graph = typed_multigraph(store)
    assert graph.nodes["event/ankara-2026"]["type"] == "Meeting"
    assert graph.nodes["actor/turkiye"]["label"] == "Türkiye"
    assert graph.has_edge("event/ankara-2026", "process/talks", key="inProcess")
    assert graph.has_edge("event/ankara-2026/participation/fidan/host", "host", key="role")


def test_attributes_are_plain_python_values(store):
    for graph in (co_participation_graph(store), mediation_graph(store), bipartite_graph(store), typed_multigraph(store)):
        for _, data in graph.nodes(data=True):
            assert all(type(v) in (str, int, float, bool) for v in data.values()), data
        for *_, data in graph.edges(data=True):
            assert all(type(v) in (str, int, float, bool) for v in data.values()), data


def test_bundled_ranking_checked_by_hand(bundled):
    """In the Russia-Ukraine talks (persons folded onto the states they act for), Ukraine
    met Türkiye (Ankara, Istanbul twice), Russia (Istanbul twice) and the United States
    (Florida): it alone links the United States to the others, so it has the highest
    betweenness (2/3: the pairs US-Türkiye and US-Russia out of three pairs) and brokers
    as liaison four times. In the mediation graph, Türkiye mediated or hosted Ukraine in
    five engagements and Russia in four; the United Nations served each once."""
    _, store = bundled
    talks = co_participation_graph(store, Window(process="russia-ukraine-peace-talks", fold=True))
    frame = centrality(talks, ["betweenness", "brokerage"])
    assert list(frame["actor"]) == ["ukraine", "russia", "turkiye", "united-states"]
    assert frame.loc[0, "betweenness"] == pytest.approx(2 / 3) and frame.loc[0, "liaison"] == 4
    assert frame["betweenness"][1:].tolist() == [0.0, 0.0, 0.0]
    mediation = centrality(mediation_graph(store, Window(fold=True)), ["weighted-degree", "degree"])
    assert mediation[["actor", "weighted-degree"]].values.tolist() == [["turkiye", 9], ["ukraine", 6], ["russia", 5],
                                                                      ["united-nations", 2]]
    assert mediation_graph(store, Window(fold=True)).edges["turkiye", "ukraine"]["weight"] == 5


def test_centrality_command_on_the_bundled_data(bundled):
    folder, _ = bundled
    result = run_parley("centrality", "--measure", "betweenness", "--measure", "brokerage", "--format", "csv", cwd=folder)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("actor,label,type,acts_for,betweenness,coordinator,itinerant,representative,gatekeeper,"
                        "liaison,brokerage")
    assert lines[1] == "ukraine,Ukraine,State,ukraine,0.666667,0,0,0,0,4,4"
    mediation = run_parley("centrality", "--graph", "mediation", "--measure", "weighted-degree", "--top", "1",
                           "--format", "json", cwd=folder)
    assert '"actor": "turkiye"' in mediation.stdout and '"weighted-degree": 9' in mediation.stdout
    bad = run_parley("centrality", "--from", "2025-13", cwd=folder)
    assert bad.returncode == 2 and "2025-13 is not a valid date" in bad.stderr
    unknown = run_parley("centrality", "--measure", "fame", cwd=folder)
    assert unknown.returncode == 2 and "unknown measure 'fame'" in unknown.stderr


def test_a_window_with_no_events_gives_empty_tables_and_files_not_a_traceback(bundled):
    folder, _ = bundled
    for kind in ("co-participation", "mediation", "bipartite"):
        result = run_parley("centrality", "--graph", kind, "--from", "2030", "--format", "csv", cwd=folder)
        assert result.returncode == 0, result.stderr
        directed = "out-degree,in-degree," if kind == "mediation" else ""  # the mediation graph ranks brokers
        assert result.stdout == (f"actor,label,type,acts_for,{directed}degree,weighted-degree,betweenness,closeness,"
                                 "pagerank,constraint\n")
        exported = run_parley("export", "gexf", "--graph", kind, "--from", "2030", "--out", f"{kind}.gexf", cwd=folder)
        assert (exported.returncode, exported.stdout) == (0, f"wrote {kind}.gexf (0 nodes, 0 edges)\n"), exported.stderr
        assert nx.read_gexf(folder / f"{kind}.gexf").number_of_nodes() == 0


def test_a_store_folder_that_holds_no_store_is_refused_and_left_alone(bundled, tmp_path):
    folder, _ = bundled
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    for command in (["query", "venues"], ["centrality"], ["export", "csv"], ["plot", "network"]):
        result = run_parley(*command, "--store", str(tmp_path), cwd=folder)
        assert result.returncode == 2, command
        assert result.stderr == f"{tmp_path}: no store here (build one with 'parley build --store DIR')\n", command
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
