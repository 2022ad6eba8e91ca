"""Network commands on an endpoint: the co-participation graph counted by the store
(``parley serve`` here, and a real Oxigraph server) equals the one projected from the
local file, node and edge attributes alike, and so do the centrality tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from helpers import OxigraphServer, run_parley, served
from parley.network.projections import project
from parley.pipeline import build

REPO = Path(__file__).resolve().parent.parent
WINDOWS = [
    {}, {"fold": False}, {"start": "2025", "end": "2025-12"}, {"process": "russia-ukraine-peace-talks"},
    {"conflict": "russia-ukraine-war", "fold": False}, {"actors": "persons", "fold": False},
    {"actors": "collective"}, {"ties": "agreements"}, {"ties": "both", "include_planned": True}, {"end": "2022"},
]


def same_graph(remote: nx.Graph, local: nx.Graph) -> None:
    assert dict(remote.nodes(data=True)) == dict(local.nodes(data=True))
    assert {frozenset((a, b)): d for a, b, d in remote.edges(data=True)} == \
        {frozenset((a, b)): d for a, b, d in local.edges(data=True)}
    assert remote.graph == local.graph


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundled")
    build(out=folder / "out")
    with served(folder / "out" / "kg.trig") as url:
        yield folder, f"{url}/sparql"


@pytest.mark.parametrize("window", WINDOWS, ids=[",".join(f"{k}={v}" for k, v in w.items()) or "all" for w in WINDOWS])
def test_the_graph_counted_on_the_endpoint_equals_the_local_projection(bundled, window):
    folder, endpoint = bundled
    local = project(graph=folder / "out" / "kg.trig", **window)
    assert local.number_of_edges() or window.get("actors") == "persons"
    same_graph(project(endpoint=endpoint, **window), local)


def test_centrality_and_export_on_the_command_line_equal_the_local_file(bundled):
    folder, endpoint = bundled
    for args in (("centrality", "--format", "csv"), ("centrality", "--no-fold", "--measure", "betweenness",
                                                      "--format", "csv")):
        remote = run_parley(*args, "--endpoint", endpoint, cwd=folder)
        assert remote.returncode == 0, remote.stderr
        assert remote.stdout == run_parley(*args, cwd=folder).stdout
    exported = run_parley("export", "graphml", "--endpoint", endpoint, "--out", "remote.graphml", cwd=folder)
    assert exported.returncode == 0, exported.stderr
    same_graph(nx.read_graphml(folder / "remote.graphml"),
               nx.read_graphml(folder / run_parley("export", "graphml", "--out", "local.graphml", cwd=folder)
                               .stdout.split()[1]))


def test_what_is_not_counted_on_an_endpoint_is_refused_in_one_line(bundled):
    folder, endpoint = bundled
    mediation = run_parley("centrality", "--graph", "mediation", "--endpoint", endpoint, cwd=folder)
    assert mediation.returncode == 2
    assert mediation.stderr.strip() == ("--endpoint: the mediation graph is not computed on an endpoint; use the "
                                        "co-participation graph, or a local graph file")
    both = run_parley("centrality", "--endpoint", endpoint, "--input", "out/kg.trig", cwd=folder)
    assert both.returncode == 2 and "not two of them" in both.stderr


def test_on_a_real_oxigraph_server_too(bundled, tmp_path):
    folder, _ = bundled
    server = OxigraphServer(tmp_path / "oxigraph")
    try:
        assert run_parley("push", "--endpoint", f"{server.url}/query", cwd=folder).returncode == 0
        for window in ({}, {"fold": False, "start": "2025"}):
            same_graph(project(endpoint=f"{server.url}/query", **window),
                       project(graph=folder / "out" / "kg.trig", **window))
    finally:
        server.stop()


def test_centrality_on_the_endpoint_equals_local_on_a_10k_event_benchmark_build(tmp_path):
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--events", "10000", "--format", "csv",
                    "--out", str(tmp_path / "data")], check=True, capture_output=True)
    built = run_parley("build", "data", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    with served(tmp_path / "out" / "kg.trig") as url:
        for args in (("centrality", "--format", "csv"),
                     ("centrality", "--no-fold", "--from", "2020", "--to", "2022", "--format", "csv")):
            remote = run_parley(*args, "--endpoint", f"{url}/sparql", cwd=tmp_path)
            local = run_parley(*args, cwd=tmp_path)
            assert remote.returncode == 0, remote.stderr
            assert remote.stdout == local.stdout and len(local.stdout.splitlines()) > 50


def test_plot_network_on_an_endpoint_draws_and_a_timeline_needs_a_file(bundled):
    folder, endpoint = bundled
    drawn = run_parley("plot", "network", "--endpoint", endpoint, "--out", "remote.png", cwd=folder)
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stdout.strip() == "wrote remote.png" and (folder / "remote.png").read_bytes()[:4] == b"\x89PNG"
    timeline = run_parley("plot", "timeline", "--endpoint", endpoint, cwd=folder)
    assert timeline.returncode == 2 and "draw a timeline from a graph file" in timeline.stderr
