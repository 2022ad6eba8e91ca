"""Pictures: the actor network and a timeline of events per process (PNG, matplotlib)."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Set as AbstractSet
from datetime import date
from pathlib import Path
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox

from parley.exports.attributes import date_interval
from parley.exports.files import write_files
from parley.exports.gexf import TYPE_COLOURS
from parley.network.measures import betweenness

__all__ = ["plot_network", "plot_timeline"]

_EVENTS = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?name ?date ?type ?status ?process ?processName WHERE {
  ?event a pw:NegotiationEvent ; pw:date ?date ; pw:eventType ?type ; pw:eventStatus ?status ;
         pw:inProcess/pw:subTrackOf* ?process .
  FILTER NOT EXISTS { ?process pw:subTrackOf ?parent }
  OPTIONAL { ?event rdfs:label ?name }
  OPTIONAL { ?process rdfs:label ?processName }
}"""


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


PICTURE_FORMATS = ("png", "svg", "pdf")


def picture_format(path: str | os.PathLike[str]) -> str:
    """The picture format a file name asks for: png, svg or pdf; ValueError otherwise.

    >>> picture_format("out/network.svg")
    'svg'
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in PICTURE_FORMATS:
        raise ValueError(f"{path}: a picture is written as .png, .svg or .pdf, not {'.' + suffix if suffix else 'a file without a suffix'}")
    return suffix


def _save(figure, path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    try:
        kind = picture_format(target)
    except ValueError:
        _figure().close(figure)
        raise

    def write(stream: BinaryIO) -> None:
        figure.savefig(stream, format=kind, dpi=150, bbox_inches="tight")

    try:
        return write_files(target.parent, {target.name: write})[0]
    finally:
        _figure().close(figure)


def _rgb(kind: str) -> tuple[float, float, float]:
    r, g, b = TYPE_COLOURS.get(kind, (199, 199, 199))
    return r / 255, g / 255, b / 255


def _layout(graph: nx.Graph) -> dict:
    """Kamada-Kawai per connected component (spring layout for large ones), components
    side by side in a grid, largest first, so separate groups never overlap."""
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(map(str, c))))
    columns = max(1, round(len(components) ** 0.5 + 0.49))
    position = {}
    for index, nodes in enumerate(components):
        sub = graph.subgraph(nodes)
        if len(sub) == 1:
            local = {next(iter(nodes)): (0.0, 0.0)}
        elif len(sub) <= 300:
            local = nx.kamada_kawai_layout(sub)
        else:
            local = nx.spring_layout(sub, seed=7, weight="weight")
        row, column = divmod(index, columns)
        scale = 1.0 if index == 0 else 0.75
        for node, (x, y) in local.items():
            position[node] = (column * 2.6 + scale * x, -row * 2.6 + scale * y)
    return position


def plot_network(graph: nx.Graph, path: str | os.PathLike[str], *, third_parties: AbstractSet[str] = frozenset(),
                 title: str = "Actor network") -> Path:
    """Draw the actor network: node size by betweenness, colour by actor type, mediators
    and hosts ringed in black, edge width by shared events, every node labelled."""
    plt = _figure()
    from matplotlib.lines import Line2D

    figure, axes = plt.subplots(figsize=(12, 9))
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no actors in this selection", ha="center", va="center", fontsize=14)
        axes.set_axis_off()
        return _save(figure, path)
    undirected = graph.to_undirected() if graph.is_directed() else graph
    position = _layout(undirected)
    scores = betweenness(undirected)
    top = max(scores.values()) or 1.0
    nodes = list(graph)
    sizes = [700 + 2800 * scores[n] / top for n in nodes]
    colours = [_rgb(graph.nodes[n].get("type", "")) for n in nodes]
    widths = [1.0 + 1.5 * data.get("weight", 1) for *_, data in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, position, ax=axes, width=widths, edge_color="#9a9a9a", alpha=0.8,
                           node_size=sizes, **({"arrows": True, "arrowsize": 18} if graph.is_directed() else {}))
    nx.draw_networkx_nodes(graph, position, ax=axes, nodelist=nodes, node_size=sizes, node_color=colours,
                           edgecolors=["black" if n in third_parties else "white" for n in nodes],
                           linewidths=[4.0 if n in third_parties else 1.5 for n in nodes])
    ys = [y for _, y in position.values()]
    drop = 0.06 * max(1.0, max(ys) - min(ys))
    for node, size in zip(nodes, sizes):
        x, y = position[node]
        axes.text(x, y - drop * (0.6 + size / 3500), graph.nodes[node].get("label", node), fontsize=11, ha="center",
                  va="top", bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    kinds = sorted({graph.nodes[n].get("type", "") for n in nodes})
    handles = [Line2D([], [], marker="o", linestyle="", markersize=12, markerfacecolor=_rgb(k), markeredgecolor="white",
                      label=k) for k in kinds]
    if third_parties & set(nodes):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=12, markerfacecolor="white",
                              markeredgecolor="black", markeredgewidth=3, label="mediator or host"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=True, fontsize=10)
    axes.set_title(f"{title}\nnode size: betweenness; edge width: shared events", fontsize=13)
    axes.margins(0.12)
    axes.set_axis_off()
    return _save(figure, path)


def _midpoint(partial: str) -> date:
    start, end = (date.fromisoformat(d) for d in date_interval(partial))
    return start + (end - start) / 2


def plot_timeline(store: ox.Store, path: str | os.PathLike[str], *, title: str = "Negotiation events") -> Path:
    """Draw the events of each process on a time axis: one row per event, grouped by
    process and in date order, marker colour by event type, hollow for planned events."""
    plt = _figure()
    import matplotlib.dates as mdates

    found = {}
    for row in store.query(_EVENTS):
        event = row["event"].value.rsplit("/", 1)[-1]
        found[event] = {
            "event": event, "name": row["name"].value if row["name"] else event, "date": row["date"].value,
            "type": row["type"].value.rsplit("/", 1)[-1], "held": row["status"].value.endswith("/held"),
            "process": row["processName"].value if row["processName"] else row["process"].value.rsplit("/", 1)[-1]}
    rows = sorted(found.values(), key=lambda r: (r["process"], r["date"], r["event"]))
    figure, axes = plt.subplots(figsize=(12, 1.6 + 0.45 * max(1, len(rows)) + 0.5 * len({r["process"] for r in rows})))
    if not rows:
        axes.text(0.5, 0.5, "no events", ha="center", va="center", fontsize=14)
        axes.set_axis_off()
        return _save(figure, path)
    palette = plt.get_cmap("tab10")
    kinds = sorted({r["type"] for r in rows})
    labels, y, previous = [], 0.0, None
    positions = []
    for r in rows:
        if r["process"] != previous:
            if previous is not None:
                y += 0.8
            axes.text(0.0, y - 0.55, r["process"], transform=axes.get_yaxis_transform(), fontsize=11,
                      fontweight="bold", ha="left", va="center")
            y += 0.5
            previous = r["process"]
        positions.append(y)
        colour = palette(kinds.index(r["type"]) % 10)
        start, end = (date.fromisoformat(d) for d in date_interval(r["date"]))
        if end > start:  # a year or a month: show the span it covers
            axes.plot([start, end], [y, y], color=colour, linewidth=6, alpha=0.35, solid_capstyle="butt")
        axes.scatter([_midpoint(r["date"])], [y], s=120, color=colour if r["held"] else "white", edgecolors=colour,
                     linewidths=2.5, zorder=3)
        when = "" if r["date"] in r["name"] else r["date"]
        note = ", ".join(filter(None, [when, "" if r["held"] else "planned"]))
        labels.append(textwrap.shorten(r["name"] + (f" ({note})" if note else ""), 70))
        y += 1.0
    axes.set_yticks(positions, labels, fontsize=10)
    axes.set_ylim(y - 0.4, -1.0)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    axes.grid(axis="x", color="#dddddd")
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=10, color=palette(i % 10), label=k)
               for i, k in enumerate(kinds)]
    handles.append(plt.Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor="white",
                              markeredgecolor="black", label="planned"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    axes.set_title(title, fontsize=13)
    figure.autofmt_xdate()
    return _save(figure, path)
