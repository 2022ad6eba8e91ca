"""The events and agreements of each process on a time axis: one row per item while
they are few, one row per process (the most active first) with counts per month or
year when they are many."""

from __future__ import annotations

import os
import textwrap
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from parley.exports.attributes import date_interval
from parley.exports.pictures import plain_text, pyplot, save_figure

__all__ = ["plot_timeline", "timeline_items", "TimelineItem", "DETAIL_LIMIT", "DEFAULT_PROCESSES"]

DETAIL_LIMIT = 40       # rows of items and process headings drawn one by one; beyond, counts
DEFAULT_PROCESSES = 20  # processes drawn at most, the most active first

_ITEMS = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?item ?name ?date ?type ?status ?track WHERE {
  {
    ?item a pw:NegotiationEvent ; pw:date ?date ; pw:eventType ?type ; pw:eventStatus ?status .
    OPTIONAL { ?item pw:inProcess ?track }
  } UNION {
    ?item a pw:Agreement ; pw:date ?date .
    BIND (pw:Agreement AS ?type)
    OPTIONAL { ?item pw:resultOf ?track }
  }
  OPTIONAL { ?item rdfs:label ?name }
}"""

_TRACKS = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?process ?name ?parent WHERE {
  ?process a pw:NegotiationProcess .
  OPTIONAL { ?process rdfs:label ?name }
  OPTIONAL { ?process pw:subTrackOf ?parent }
}"""

_NO_PROCESS = "(no process)"


@dataclass(frozen=True)
class TimelineItem:
    """An event or agreement as the timeline draws it."""

    id: str
    name: str
    date: str          # as recorded: 2022, 2025-07 or 2026-01-01
    kind: str          # the event type (meeting, talks-round...) or "agreement"
    held: bool         # False for a planned, cancelled or postponed event
    process: str       # the name of its top-level process


def _last(term: ox.NamedNode | ox.Literal) -> str:
    return term.value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def timeline_items(store: ox.Store) -> list[TimelineItem]:
    """The dated events and agreements in ``store``, each under its top-level process
    (a sub-track's events under the process it belongs to), in process and date order.

    >>> from parley.pipeline import validate
    >>> items = timeline_items(validate().store)
    >>> sorted({item.kind for item in items})[:2], items[0].process
    (['agreement', 'meeting'], 'Russia-Ukraine peace talks')
    """
    names: dict[str, str] = {}
    parents: dict[str, str] = {}
    for row in store.query(_TRACKS):
        process = row["process"].value
        names[process] = row["name"].value if row["name"] is not None else _last(row["process"])
        if row["parent"] is not None:
            parents[process] = row["parent"].value

    def root(track: str) -> str:
        seen = {track}
        while track in parents and parents[track] not in seen:
            track = parents[track]
            seen.add(track)
        return track

    found: dict[str, TimelineItem] = {}
    for row in store.query(_ITEMS):
        item = row["item"].value
        kind = "agreement" if row["type"].value.endswith("#Agreement") else _last(row["type"])
        track = row["track"].value if row["track"] is not None else None
        process = names.get(root(track), _last(row["track"])) if track is not None else _NO_PROCESS
        held = row["status"] is None or row["status"].value.endswith("/held")
        previous = found.get(item)
        if previous is None or (previous.process, previous.date) > (process, row["date"].value):
            found[item] = TimelineItem(_last(row["item"]), row["name"].value if row["name"] else _last(row["item"]),
                                       row["date"].value, kind, held, process)
    return sorted(found.values(), key=lambda i: (i.process == _NO_PROCESS, i.process, i.date, i.id))


def _midpoint(partial: str) -> date:
    start, end = (date.fromisoformat(d) for d in date_interval(partial))
    return start + (end - start) / 2


def plot_timeline(store: ox.Store, path: str | os.PathLike[str], *, title: str = "Negotiation events and agreements",
                  top: int | None = None) -> Path:
    """Draw the events and agreements of the ``top`` most active processes (default
    :data:`DEFAULT_PROCESSES`) into ``path`` (PNG, SVG or PDF by its suffix). Up to
    :data:`DETAIL_LIMIT` rows, one per item under a heading per process, colour by type, hollow
    for planned events, a bar over the year or month a partial date covers; beyond, one
    row per process with the number of events and agreements per month (or per year,
    over more than six years), marker area by count.

    >>> import tempfile
    >>> from parley.pipeline import validate
    >>> plot_timeline(validate().store, Path(tempfile.mkdtemp()) / "timeline.png").name
    'timeline.png'
    """
    plt = pyplot()
    items = timeline_items(store)
    activity = Counter(item.process for item in items)
    limit = top or DEFAULT_PROCESSES
    chosen = sorted(activity, key=lambda p: (-activity[p], p))[:limit]
    kept = [item for item in items if item.process in set(chosen)]
    if not kept:
        figure, axes = plt.subplots(figsize=(12, 3))
        axes.text(0.5, 0.5, "no dated events or agreements", ha="center", va="center", fontsize=14)
        axes.set_axis_off()
        return save_figure(figure, path)
    shown = (f"top {len(chosen)} of {len(activity)} processes by activity" if len(chosen) < len(activity)
             else f"{len(activity)} process{'es' if len(activity) != 1 else ''}")
    if len(kept) + len(chosen) <= DETAIL_LIMIT:  # a row per item and per process heading
        figure = _detail(plt, kept, chosen, f"{plain_text(title)}: {shown}")
    else:
        figure = _dense(plt, kept, chosen, f"{plain_text(title)}: {shown}")
    return save_figure(figure, path)


def _date_axis(axes: Any) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.grid(axis="x", color="#dddddd")


def _detail(plt: Any, items: list[TimelineItem], processes: list[str], title: str) -> Any:
    order = sorted(processes, key=lambda p: min(i.date for i in items if i.process == p))
    rows = len(items) + len(order)
    figure, axes = plt.subplots(figsize=(12, 1.6 + 0.34 * rows))
    palette = plt.get_cmap("tab10")
    kinds = sorted({i.kind for i in items})
    positions, labels, headings = [], [], []
    y = 0.0
    for process in order:
        positions.append(y)
        labels.append(plain_text(textwrap.shorten(process, 60)))
        headings.append(True)
        y += 1.0
        for item in (i for i in items if i.process == process):
            colour = palette(kinds.index(item.kind) % 10)
            start, end = (date.fromisoformat(d) for d in date_interval(item.date))
            if end > start:  # a year or a month: the span it covers
                axes.plot([start, end], [y, y], color=colour, linewidth=6, alpha=0.35, solid_capstyle="butt")
            axes.scatter([_midpoint(item.date)], [y], s=110, marker="D" if item.kind == "agreement" else "o",
                         color=colour if item.held else "white", edgecolors=colour, linewidths=2.2, zorder=3)
            when = "" if item.date in item.name else item.date
            note = ", ".join(filter(None, [when, "" if item.held else "planned"]))
            positions.append(y)
            labels.append(plain_text(textwrap.shorten(item.name + (f" ({note})" if note else ""), 70)))
            headings.append(False)
            y += 1.0
    axes.set_yticks(positions, labels, fontsize=10)
    for tick, heading in zip(axes.get_yticklabels(), headings):
        if heading:
            tick.set_fontweight("bold")
    axes.tick_params(axis="y", length=0)
    axes.set_ylim(y - 0.4, -0.6)
    _date_axis(axes)
    handles = [plt.Line2D([], [], marker="D" if k == "agreement" else "o", linestyle="", markersize=9,
                          color=palette(i % 10), label=k) for i, k in enumerate(kinds)]
    handles.append(plt.Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="white",
                              markeredgecolor="black", label="planned"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    axes.set_title(title, fontsize=13)
    return figure


def _dense(plt: Any, items: list[TimelineItem], processes: list[str], title: str) -> Any:
    first = min(date.fromisoformat(date_interval(i.date)[0]) for i in items)
    last = max(date.fromisoformat(date_interval(i.date)[1]) for i in items)
    by_year = (last - first).days > 6 * 366
    period = "year" if by_year else "month"

    def bin_of(item: TimelineItem) -> date:
        day = _midpoint(item.date)
        return date(day.year, 7, 1) if by_year else date(day.year, day.month, 15)

    counts: dict[tuple[str, str, date], int] = Counter(
        (i.process, "agreements" if i.kind == "agreement" else "events", bin_of(i)) for i in items)
    figure, axes = plt.subplots(figsize=(12, 1.8 + 0.45 * len(processes)))
    most = max(counts.values())
    colours = {"events": "#1f77b4", "agreements": "#ff7f0e"}
    offsets = {"events": -0.14, "agreements": 0.14}
    for (process, kind, when), n in sorted(counts.items()):
        axes.scatter([when], [processes.index(process) + offsets[kind]], s=18 + 380 * (n / most) ** 0.5,
                     color=colours[kind], alpha=0.75, edgecolors="white", linewidths=0.5, zorder=3)
    axes.set_yticks(range(len(processes)), [plain_text(textwrap.shorten(p, 55)) for p in processes], fontsize=10)
    axes.set_ylim(len(processes) - 0.5, -0.5)
    _date_axis(axes)
    keys = sorted({1, max(1, most // 2), most})
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=9, color=c, label=k)
               for k, c in colours.items() if any(kind == k for _, kind, _ in counts)]
    handles += [plt.scatter([], [], s=18 + 380 * (k / most) ** 0.5, color="#999999", label=f"{k} per {period}")
                for k in keys]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, labelspacing=1.2)
    axes.set_title(f"{title}\n{len(items)} items, counted per {period}", fontsize=13)
    return figure
