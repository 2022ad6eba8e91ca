"""The actor network as a picture that stays legible from 5 to 5,000 actors: the top
actors by a measure that varies, colour by actor type with a legend, edge width by
weight, and labels only where they fit, the most central first."""

from __future__ import annotations

import math
import os
from collections.abc import Hashable
from collections.abc import Set as AbstractSet
from pathlib import Path

import networkx as nx

from parley.exports.pictures import place_labels, plain_text, pyplot, save_figure, type_colour
from parley.network.measures import MEASURES, measure_values, weighted_degree

__all__ = ["plot_network", "network_selection", "DEFAULT_TOP"]

DEFAULT_TOP = 60  # actors drawn when a graph has more and no top is asked for
_LABELS = 40      # labels at most, the most central first


def _size_measure(graph: nx.Graph, size_by: str | None) -> tuple[str, dict[Hashable, float]]:
    """The measure that sizes nodes: ``size_by``, or the first of betweenness (undirected
    graphs), weighted degree and degree whose values differ between actors."""
    if size_by is not None:
        if size_by not in MEASURES:
            raise ValueError(f"unknown measure '{size_by}': use one of {', '.join(MEASURES)}")
        return size_by, {n: float(v) for n, v in measure_values(graph, (size_by,))[size_by].items()}
    candidates = ("weighted-degree", "degree") if graph.is_directed() else ("betweenness", "weighted-degree", "degree")
    for name in candidates:
        values = {n: float(v) for n, v in measure_values(graph, (name,))[name].items()}
        if len(set(values.values())) > 1:
            return name, values
    return candidates[-1], values


def network_selection(graph: nx.Graph, *, top: int | None = None,
                      size_by: str | None = None) -> tuple[nx.Graph, str, dict[Hashable, float]]:
    """The actors a network picture draws: the ``top`` actors by the sizing measure (by
    default all, up to :data:`DEFAULT_TOP`), with the ties among them; the measure's name
    and its values on the whole graph.

    >>> drawn, measure, _ = network_selection(nx.path_graph(5), top=3)
    >>> measure, sorted(drawn)
    ('betweenness', [1, 2, 3])
    """
    measure, values = _size_measure(graph, size_by)
    limit = top if top is not None else (DEFAULT_TOP if graph.number_of_nodes() > DEFAULT_TOP else None)
    strength = weighted_degree(graph)
    ranked = sorted(graph, key=lambda n: (-values[n], -strength[n], str(graph.nodes[n].get("label", n)), str(n)))
    chosen = ranked[:limit] if limit is not None else ranked
    return graph.subgraph(chosen).copy(), measure, values


def _layout(graph: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Kamada-Kawai per connected component (spring layout for large ones): the largest
    component fills the square [-1, 1], the others sit small in rows beneath it, so
    separate groups never overlap and a stray pair does not take half the picture."""
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(map(str, c))))

    def local(nodes: set[Hashable]) -> dict[Hashable, tuple[float, float]]:
        sub = graph.subgraph(nodes)
        if len(sub) == 1:
            return {next(iter(nodes)): (0.0, 0.0)}
        if len(sub) <= 300:
            found = nx.kamada_kawai_layout(sub, weight=None)  # weights are strengths, not distances
        else:
            found = nx.spring_layout(sub, seed=7, weight="weight")
        return {n: (float(x), float(y)) for n, (x, y) in found.items()}

    position = local(components[0])
    floor = min(y for _, y in position.values())
    rest = components[1:]
    per_row = max(8, math.ceil(math.sqrt(len(rest)) * 2))
    cell = 2.0 / per_row
    for index, nodes in enumerate(rest):
        row, column = divmod(index, per_row)
        scale = 0.38 * cell * max(0.5, math.sqrt(len(nodes) / len(rest[0])))
        for node, (x, y) in local(nodes).items():
            position[node] = (-1.0 + cell * (column + 0.5) + scale * x, floor - 0.1 - cell * (row + 0.5) + scale * y)
    return position


def _ties(graph: nx.Graph) -> str:
    if graph.is_directed():
        return "engagements"
    return f"shared {graph.graph.get('ties') or 'events'}"


def plot_network(graph: nx.Graph, path: str | os.PathLike[str], *, third_parties: AbstractSet[str] = frozenset(),
                 title: str = "Actor network", top: int | None = None, size_by: str | None = None) -> Path:
    """Draw the actor network into ``path`` (PNG, SVG or PDF by its suffix): the ``top``
    actors by ``size_by`` (see :func:`network_selection`), node size by that measure,
    colour by actor type, ``third_parties`` (mediators, hosts...) ringed in black, edge
    width by weight, and labels where they fit, never overlapping, most central first.

    >>> import tempfile
    >>> g = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
    >>> plot_network(g, Path(tempfile.mkdtemp()) / "network.svg").suffix
    '.svg'
    """
    plt = pyplot()
    from matplotlib.lines import Line2D

    figure, axes = plt.subplots(figsize=(12, 9))
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no actors in this selection", ha="center", va="center", fontsize=14)
        axes.set_axis_off()
        return save_figure(figure, path)
    drawn, measure, values = network_selection(graph, top=top, size_by=size_by)
    undirected = drawn.to_undirected() if drawn.is_directed() else drawn
    position = _layout(undirected)
    nodes = sorted(drawn, key=lambda n: -values[n])
    largest = max((abs(values[n]) for n in nodes), default=0.0) or 1.0
    biggest = 2600.0 * min(1.0, math.sqrt(8 / len(nodes)))  # marker area in points squared
    sizes = {n: biggest * (0.18 + 0.82 * math.sqrt(max(values[n], 0.0) / largest)) for n in nodes}
    weights = [float(data.get("weight", 1) or 1) for *_, data in drawn.edges(data=True)]
    heaviest = max(weights, default=1.0)
    lightest = min(weights, default=1.0)
    widths = [0.6 + 4.4 * (w - lightest) / (heaviest - lightest) if heaviest > lightest else 1.2 for w in weights]
    nx.draw_networkx_edges(drawn, position, ax=axes, width=widths, edge_color="#8c8c8c",
                           alpha=0.75 if len(weights) < 150 else 0.4, node_size=[sizes[n] for n in drawn],
                           **({"arrows": True, "arrowsize": 14} if drawn.is_directed() else {}))
    ringed = third_parties & set(nodes)
    markers = nx.draw_networkx_nodes(drawn, position, ax=axes, nodelist=nodes, node_size=[sizes[n] for n in nodes],
                           node_color=[type_colour(drawn.nodes[n].get("type", "")) for n in nodes],
                           edgecolors=["black" if n in ringed else "white" for n in nodes],
                           linewidths=[2.5 if n in ringed else 1.0 for n in nodes])
    markers.set_gid("actors")
    axes.margins(0.08)
    axes.set_axis_off()
    kinds = sorted({str(drawn.nodes[n].get("type", "")) for n in nodes})
    handles = [Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor=type_colour(k),
                      markeredgecolor="white", label=plain_text(k or "unknown type")) for k in kinds]
    if ringed:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor="white",
                              markeredgecolor="black", markeredgewidth=2.5, label="third party (mediator, host...)"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=True, fontsize=10,
                title="actor type")
    total = graph.number_of_nodes()
    shown = f"top {len(nodes)} of {total} actors by {measure}" if len(nodes) < total else f"{total} actors"
    spread = f"{lightest:g} to {heaviest:g}" if heaviest > lightest else f"all {heaviest:g}"
    axes.set_title(f"{plain_text(title)}: {shown}\nnode size: {measure}; edge width: {_ties(drawn)} ({spread})",
                   fontsize=13)
    label_size = 11 if len(nodes) <= 20 else 9
    place_labels(axes, [(str(drawn.nodes[n].get("label", n)), *position[n], math.sqrt(sizes[n]) / 2 + 1)
                        for n in nodes], fontsize=label_size, limit=_LABELS,
                 obstacles=[(*position[n], math.sqrt(sizes[n]) / 2) for n in nodes], first_over_obstacles=8)
    return save_figure(figure, path)
