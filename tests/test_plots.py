"""Pictures that stay legible: labels that never overlap and sit under their nodes, the
top actors at scale, a sizing measure that varies, timelines that count when dense, and
the file format chosen by the extension. Measured in the SVG parley writes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import parley
from helpers import run_parley

SVG = "{http://www.w3.org/2000/svg}"


def _numbers(d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(values[::2], values[1::2]))


def _box(d: str) -> tuple[float, float, float, float]:
    points = _numbers(d)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _picture(path: Path) -> dict:
    """The labels (text, box), the actors' circles (centre x, centre y, radius) and the
    texts of an SVG parley drew."""
    root = ET.parse(path).getroot()
    labels = []
    for group in root.iter(f"{SVG}g"):
        if group.get("id", "").startswith("label-"):
            box = _box(next(group.iter(f"{SVG}path")).get("d"))
            labels.append(("".join(next(group.iter(f"{SVG}text")).itertext()), box))
    circles = []
    actors = next((g for g in root.iter(f"{SVG}g") if g.get("id") == "actors"), None)
    for circle in actors.iter(f"{SVG}path") if actors is not None else ():
        x0, y0, x1, y1 = _box(circle.get("d"))
        circles.append(((x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    return {"labels": labels, "circles": circles, "texts": texts}


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def _beside(box: tuple[float, ...], circle: tuple[float, float, float]) -> bool:
    """Whether a label's box touches a node's circle (within 4 px) on one side, centred on it."""
    (x0, y0, x1, y1), (x, y, r) = box, circle
    centred_x, centred_y = abs((x0 + x1) / 2 - x) < 1.0, abs((y0 + y1) / 2 - y) < 3.0
    return ((centred_x and (abs(y0 - (y + r)) < 4.0 or abs((y - r) - y1) < 4.0))
            or (centred_y and (abs(x0 - (x + r)) < 4.0 or abs((x - r) - x1) < 4.0)))


def _check_labels(picture: dict) -> None:
    labels = picture["labels"]
    for i, (text, box) in enumerate(labels):
        for other, second in labels[i + 1:]:
            assert not _overlaps(box, second), (text, other)
        assert any(_beside(box, circle) for circle in picture["circles"]), f"{text!r} is not beside a node"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plots")
    assert run_parley("build", cwd=folder).returncode == 0
    return folder


def test_network_labels_never_overlap_and_sit_under_their_nodes(built):
    done = run_parley("plot", "network", "--out", "network.svg", cwd=built)
    assert done.returncode == 0, done.stderr
    picture = _picture(built / "network.svg")
    assert sorted(text for text, _ in picture["labels"]) == ["Russia", "Türkiye", "Ukraine", "United States"]
    assert len(picture["circles"]) == 4
    _check_labels(picture)
    assert any("co-participation): 4 actors" in text for text in picture["texts"])


def test_the_mediation_plot_is_sized_by_a_measure_that_varies_there(built):
    # Betweenness is 0 for every actor of the bundled mediation graph.
    assert run_parley("plot", "network", "--graph", "mediation", "--out", "mediation.svg", cwd=built).returncode == 0
    picture = _picture(built / "mediation.svg")
    radii = sorted(round(r, 1) for *_, r in picture["circles"])
    assert len(radii) == 4 and len(set(radii)) >= 3
    assert any("node size: weighted-degree" in text for text in picture["texts"])
    _check_labels(picture)


def _crowd(actors: int) -> nx.Graph:
    graph = nx.barabasi_albert_graph(actors, 2, seed=3)
    kinds = ("State", "ArmedGroup", "IntergovernmentalOrganization", "Person")
    for node in graph:
        graph.nodes[node].update(label=f"Actor number {node} of the region", type=kinds[node % len(kinds)])
    for _, _, data in graph.edges(data=True):
        data["weight"] = 1
    return graph


def test_at_500_actors_the_top_60_are_drawn_and_the_most_central_labelled_first(tmp_path):
    graph = _crowd(500)
    parley.plot_network(graph, tmp_path / "crowd.svg")
    picture = _picture(tmp_path / "crowd.svg")
    assert len(picture["circles"]) == 60
    assert any("top 60 of 500 actors by betweenness" in text for text in picture["texts"])
    _check_labels(picture)
    assert 10 <= len(picture["labels"]) <= 40
    central = sorted(nx.betweenness_centrality(graph).items(), key=lambda kv: -kv[1])[:3]
    shown = {text for text, _ in picture["labels"]}
    assert {graph.nodes[n]["label"] for n, _ in central} <= shown
    assert {"State", "ArmedGroup", "IntergovernmentalOrganization", "Person"} <= set(picture["texts"])  # the legend


def test_top_and_size_by_choose_what_is_drawn(built):
    done = run_parley("plot", "network", "--top", "2", "--size-by", "degree", "--out", "two.svg", cwd=built)
    assert done.returncode == 0, done.stderr
    picture = _picture(built / "two.svg")
    assert len(picture["circles"]) == 2
    assert sorted(text for text, _ in picture["labels"]) == ["Türkiye", "Ukraine"]  # degree 3 and 2, Russia by ties
    assert any("top 2 of 4 actors by degree" in text for text in picture["texts"])


@pytest.mark.parametrize(("args", "message"), [
    (["network", "--size-by", "fame"], "'fame' is not one of 'degree'"),
    (["timeline", "--size-by", "degree"], "a timeline has none"),
    (["network", "--top", "0"], "0 is not in the range x>=1"),
    (["network", "--out", "network.jpg"], "written as .png, .svg or .pdf"),
])
def test_plot_refuses_what_it_cannot_honour(built, args, message):
    done = run_parley("plot", *args, cwd=built)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert not (built / "network.jpg").exists()


def test_the_extension_chooses_the_format(built):
    for name, magic in (("n.png", b"\x89PNG"), ("n.svg", b"<?xml"), ("n.pdf", b"%PDF"), ("t.PDF", b"%PDF")):
        picture = "timeline" if name.startswith("t") else "network"
        assert run_parley("plot", picture, "--out", name, cwd=built).returncode == 0
        assert (built / name).read_bytes().startswith(magic), name
    assert ET.parse(built / "n.svg").getroot().tag == f"{SVG}svg"


def test_the_timeline_shows_events_and_agreements_one_row_each(built):
    assert run_parley("plot", "timeline", "--out", "timeline.svg", cwd=built).returncode == 0
    texts = _picture(built / "timeline.svg")["texts"]
    assert "Russia-Ukraine peace talks" in texts
    assert "Black Sea Grain Initiative (2022)" in texts  # an agreement, placed among the events
    assert "Ukraine meets European security advisers (2026-01-03, planned)" in texts
    assert any(text.startswith("Negotiation events and agreements: ") for text in texts)


def _many_processes(path: Path, processes: int, per_process: int) -> Path:
    lines = ["sources:", "  - {id: s, title: T, publisher: P}", "actors:",
             *(f"  - {{id: a{n}, type: State, name: A{n}, sources: [s]}}" for n in range(20)),
             "processes:", *(f"  - {{id: p{n}, name: Process number {n}, sources: [s]}}" for n in range(processes)),
             "events:"]
    count = 0
    for p in range(processes):
        for k in range(per_process - p % 5):  # activity differs, so the top processes are well defined
            year, month = 2012 + (count * 7) % 12, 1 + count % 12
            lines.append(f"  - {{id: e{count}, type: Meeting, date: {year}-{month:02d}, process: p{p}, sources: [s], "
                         f"participants: [{{actor: a{count % 20}, role: party}}, {{actor: a{(count + 3) % 20}, "
                         f"role: party}}]}}")
            count += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_dense_timeline_has_a_row_per_process_with_counts_per_year(tmp_path):
    import matplotlib.image

    facts = _many_processes(tmp_path / "many.yaml", 30, 12)
    assert run_parley("build", str(facts), cwd=tmp_path).returncode == 0
    assert run_parley("plot", "timeline", "--out", "dense.svg", cwd=tmp_path).returncode == 0
    texts = _picture(tmp_path / "dense.svg")["texts"]
    assert any("top 20 of 30 processes by activity" in text for text in texts)
    assert any("counted per year" in text for text in texts)
    rows = [text for text in texts if text.startswith("Process number ")]
    assert len(rows) == 20 and "Process number 0" in rows and "Process number 4" not in rows  # 4 has the fewest
    assert run_parley("plot", "timeline", "--top", "5", "--out", "dense.png", cwd=tmp_path).returncode == 0
    height, width = matplotlib.image.imread(tmp_path / "dense.png").shape[:2]
    assert width < 2500 and height < 1500


def test_dollar_signs_in_names_are_text_not_mathtext(tmp_path):
    facts = tmp_path / "fund.yaml"
    text = (Path(__file__).parent / "data" / "facts" / "minimal.yaml").read_text(encoding="utf-8")
    facts.write_text(text.replace("name: Türkiye", r"name: 'Fund $\frac{$ Türkiye'"), encoding="utf-8")
    assert r"Fund $\frac{$" in facts.read_text(encoding="utf-8")
    assert run_parley("build", str(facts), cwd=tmp_path).returncode == 0
    for picture in ("network", "timeline"):
        done = run_parley("plot", picture, "--out", f"{picture}.svg", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    assert r"Fund $\frac{$ Türkiye" in _picture(tmp_path / "network.svg")["texts"]
