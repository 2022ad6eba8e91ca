"""GEXF, GraphML and CSV exports, read back by independent readers: networkx's readers
and the JavaScript graphology-gexf parser (Gephi Lite, sigma.js)."""

from __future__ import annotations

import csv
import json
import math
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from helpers import run_parley
from parley.exports import export_gexf, export_graphml, export_tables, with_measures
from parley.exports.attributes import spells
from parley.network.projections import Window, bipartite_graph, co_participation_graph, mediation_graph
from parley.pipeline import build

JS = Path(__file__).parent / "js"


@pytest.fixture(scope="session")
def graphology():
    """A function reading a GEXF file with graphology-gexf under node."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the graphology-gexf reader cannot run here")
    if not (JS / "node_modules" / "graphology-gexf").is_dir():
        npm = shutil.which("npm")
        assert npm, "node is installed but npm is not: cannot install graphology-gexf"
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=JS, check=True,
                       timeout=600, capture_output=True)

    def read(path: Path) -> dict:
        result = subprocess.run(["node", str(JS / "read-gexf.js"), str(path)], capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return read


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build(out=tmp_path_factory.mktemp("out")).store


def tricky_graph() -> nx.Graph:
    """Every trap of networkx's writers at once."""
    graph = nx.Graph()
    graph.add_node("https://w3id.org/parley/id/actor/turkiye", label="Türkiye <&\"'>", type="State",
                   iri=rdflib.URIRef("https://w3id.org/parley/id/actor/turkiye"), roles=["host", "mediator"],
                   score=1, note=None, mixed=3, ratio=float("nan"))
    graph.add_node("ibrahim-kalin", label=rdflib.Literal("İbrahim Kalın"), type="Person", roles=[], score=0.25,
                   mixed="three", ratio=0.5, dates="2022;2026-01-01")
    graph.add_edge("https://w3id.org/parley/id/actor/turkiye", "ibrahim-kalin", weight=2, roles={"host", "party"},
                   note=None, dates="2025-06;2026-01-01")
    return graph


EXPECTED_NODES = {
    "https://w3id.org/parley/id/actor/turkiye": {"label": "Türkiye <&\"'>", "type": "State",
                                                 "iri": "https://w3id.org/parley/id/actor/turkiye",
                                                 "roles": "host;mediator", "score": 1.0, "mixed": "3"},
    "ibrahim-kalin": {"label": "İbrahim Kalın", "type": "Person", "roles": "", "score": 0.25, "mixed": "three",
                      "ratio": 0.5, "dates": "2022;2026-01-01"},
}


def nx_nodes(graph: nx.Graph) -> dict:
    skip = {"viz", "spells", "color", "size", "x", "y", "z"}
    return {node: {k: v for k, v in data.items() if k not in skip} for node, data in graph.nodes(data=True)}


@pytest.mark.parametrize("version", ["1.3", "1.2draft"])
def test_gexf_traps_come_out_correct_in_both_readers(tmp_path, version, graphology):
    path = export_gexf(tricky_graph(), tmp_path / "tricky.gexf", version=version, dynamic=True, size_by="score")
    text = path.read_text(encoding="utf-8")
    assert 'label="Türkiye &lt;&amp;&quot;\'&gt;"' in text
    back = nx.read_gexf(path, version=version)
    assert nx_nodes(back) == EXPECTED_NODES
    assert back.edges["https://w3id.org/parley/id/actor/turkiye", "ibrahim-kalin"]["roles"] == "host;party"
    assert back.nodes["ibrahim-kalin"]["spells"] == [("2022-01-01", "2022-12-31"), ("2026-01-01", "2026-01-01")]
    js = graphology(path)
    assert (js["order"], js["size"], js["mode"], js["timeformat"]) == (2, 1, "dynamic", "date")
    found = {n["key"]: {k: v for k, v in n["attributes"].items() if k not in ("color", "size")} for n in js["nodes"]}
    assert found == EXPECTED_NODES
    [edge] = js["edges"]
    assert edge["attributes"]["weight"] == 2 and edge["spells"] == [["2025-06-01", "2025-06-30"], ["2026-01-01", "2026-01-01"]]


def test_graphml_traps_come_out_correct(tmp_path):
    path = export_graphml(tricky_graph(), tmp_path / "tricky.graphml")
    back = nx.read_graphml(path)
    assert nx_nodes(back) == EXPECTED_NODES
    assert back.edges["https://w3id.org/parley/id/actor/turkiye", "ibrahim-kalin"]["weight"] == 2


@pytest.mark.parametrize("kind, dynamic, version", [
    ("co-participation", False, "1.3"), ("co-participation", True, "1.3"), ("co-participation", True, "1.2draft"),
    ("mediation", True, "1.3"), ("bipartite", True, "1.3")])
def test_exported_projection_reads_back_identically(store, tmp_path, graphology, kind, dynamic, version):
    project = {"co-participation": co_participation_graph, "mediation": mediation_graph, "bipartite": bipartite_graph}[kind]
    graph = with_measures(project(store, Window(fold=kind != "bipartite")))
    path = export_gexf(graph, tmp_path / "g.gexf", version=version, dynamic=dynamic)
    back = nx.read_gexf(path, version=version)
    js = graphology(path)
    assert back.number_of_nodes() == len(js["nodes"]) == graph.number_of_nodes() > 0
    assert back.number_of_edges() == len(js["edges"]) == graph.number_of_edges() > 0
    assert js["type"] == ("directed" if graph.is_directed() else "undirected")
    for node in js["nodes"]:
        original = graph.nodes[node["key"]]
        for key, value in original.items():
            got = node["attributes"][key] if key != "label" else node["attributes"]["label"]
            if isinstance(value, float) and math.isnan(value):
                assert key not in node["attributes"]
            elif isinstance(value, float):
                assert got == pytest.approx(value, abs=1e-12), (node["key"], key)
                assert back.nodes[node["key"]][key] == pytest.approx(value, abs=1e-12)
            else:
                assert got == value, (node["key"], key)
                assert back.nodes[node["key"]][key] == value
        expected_spells = [list(s) for s in spells(original.get("dates", ""))] if dynamic else []
        assert node["spells"] == expected_spells
    for edge in js["edges"]:
        original = graph.edges[edge["source"], edge["target"]]
        assert edge["attributes"]["weight"] == original["weight"]
        assert edge["spells"] == ([list(s) for s in spells(original.get("dates", ""))] if dynamic else [])


def test_csv_tables_in_gephi_spreadsheet_layout(store, tmp_path):
    graph = with_measures(co_participation_graph(store, Window(fold=True)), ("betweenness",))
    nodes_path, edges_path = export_tables(graph, tmp_path)
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8")))
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    assert list(nodes[0])[:2] == ["Id", "Label"] and list(edges[0])[:5] == ["Source", "Target", "Type", "Weight", "Label"]
    assert {n["Id"]: n["Label"] for n in nodes} == {"turkiye": "Türkiye", "ukraine": "Ukraine", "russia": "Russia",
                                                    "united-states": "United States"}
    assert {(frozenset((e["Source"], e["Target"])), e["Type"], e["Weight"]) for e in edges} == {
        (frozenset(("turkiye", "ukraine")), "Undirected", "3"), (frozenset(("turkiye", "russia")), "Undirected", "2"),
        (frozenset(("ukraine", "united-states")), "Undirected", "1"),
        (frozenset(("ukraine", "russia")), "Undirected", "2")}
    assert float(next(n for n in nodes if n["Id"] == "ukraine")["betweenness"]) == pytest.approx(2 / 3)


def test_export_gexf_dynamic_on_the_bundled_data(tmp_path, graphology):
    assert run_parley("build", cwd=tmp_path).returncode == 0
    result = run_parley("export", "gexf", "--dynamic", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote out/network.gexf (4 nodes, 4 edges)"
    js = graphology(tmp_path / "out" / "network.gexf")
    ukraine = next(n for n in js["nodes"] if n["key"] == "ukraine")
    assert ukraine["attributes"]["label"] == "Ukraine" and ukraine["attributes"]["liaison"] == 4
    assert ukraine["attributes"]["betweenness"] == pytest.approx(2 / 3)
    assert ukraine["spells"] == [["2022-01-01", "2022-12-31"], ["2025-06-02", "2025-06-02"],
                                 ["2025-12-28", "2025-12-28"], ["2026-01-01", "2026-01-01"]]
    assert ukraine["attributes"]["size"] == 50  # the largest betweenness gets the largest node
    turkiye_ukraine = next(e for e in js["edges"] if {e["source"], e["target"]} == {"turkiye", "ukraine"})
    assert turkiye_ukraine["attributes"]["weight"] == 3
    assert turkiye_ukraine["attributes"]["label"] == "Türkiye – Ukraine"
    back = nx.read_gexf(tmp_path / "out" / "network.gexf", version="1.3")
    assert back.nodes["ukraine"]["spells"] == [tuple(s) for s in ukraine["spells"]]
    for fmt, name in (("graphml", "network.graphml"), ("csv", "nodes.csv")):
        assert run_parley("export", fmt, cwd=tmp_path).returncode == 0
        assert (tmp_path / "out" / name).is_file()


def test_plots_are_written_as_pictures(tmp_path):
    import matplotlib.image

    assert run_parley("build", cwd=tmp_path).returncode == 0
    for picture in ("network", "timeline"):
        result = run_parley("plot", picture, "--out", str(tmp_path / f"{picture}.png"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        pixels = matplotlib.image.imread(tmp_path / f"{picture}.png")
        height, width = pixels.shape[:2]
        assert width >= 1000 and height >= 300
        colours = {tuple(p) for p in pixels.reshape(-1, pixels.shape[2])[::97].round(2).tolist()}
        assert len(colours) > 20, f"{picture} looks blank"


@pytest.mark.parametrize("args", [["graphml", "--dynamic"], ["csv", "--gexf-version", "1.2draft"],
                                  ["graphml", "--size-by", "degree"]])
def test_export_refuses_gexf_options_for_other_formats(tmp_path, args):
    assert run_parley("build", cwd=tmp_path).returncode == 0
    done = run_parley("export", *args, cwd=tmp_path)
    assert done.returncode == 2 and f"only for gexf, not {args[0]}" in done.stderr
    assert not (tmp_path / "out" / "network.graphml").exists() and not (tmp_path / "out" / "nodes.csv").exists()
