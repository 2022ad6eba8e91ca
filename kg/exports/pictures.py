"""What every picture shares: matplotlib without a screen, the file format chosen by the
file name, all-or-nothing writing, colours by actor type, and labels placed only where
they fit."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from parley.exports.files import write_files
from parley.exports.gexf import TYPE_COLOURS

__all__ = ["PICTURE_FORMATS", "picture_format", "pyplot", "save_figure", "type_colour", "plain_text", "place_labels"]

PICTURE_FORMATS = ("png", "svg", "pdf")


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend (no screen needed), imported when first drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def picture_format(path: str | os.PathLike[str]) -> str:
    """The picture format a file name asks for: png, svg or pdf; ValueError otherwise.

    >>> picture_format("out/network.svg")
    'svg'
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in PICTURE_FORMATS:
        raise ValueError(f"{path}: a picture is written as .png, .svg or .pdf, not "
                         f"{'.' + suffix if suffix else 'a file without a suffix'}")
    return suffix


def save_figure(figure: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``figure`` to ``path`` in the format its suffix names, all or nothing, and
    close it. SVG keeps its text as text (searchable, and checked by the tests)."""
    plt = pyplot()
    target = Path(path)
    try:
        kind = picture_format(target)
    except ValueError:
        plt.close(figure)
        raise

    def write(stream: BinaryIO) -> None:
        with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "parley", "pdf.fonttype": 42}):
            figure.savefig(stream, format=kind, dpi=150, bbox_inches="tight",
                           metadata={"Date": None} if kind in ("svg", "pdf") else None)

    try:
        return write_files(target.parent, {target.name: write})[0]
    finally:
        plt.close(figure)


def type_colour(kind: str) -> tuple[float, float, float]:
    """The colour of an actor type, as in the GEXF export (grey for others).

    >>> type_colour("State")
    (0.12156862745098039, 0.4666666666666667, 0.7058823529411765)
    """
    r, g, b = TYPE_COLOURS.get(kind, (199, 199, 199))
    return r / 255, g / 255, b / 255


def plain_text(text: object) -> str:
    """``text`` as matplotlib should show it: its ``$`` never read as mathtext.

    >>> plain_text("Fund $5")
    'Fund \\\\$5'
    """
    return str(text).replace("$", r"\$")


_SIDES = ((0.0, -1.0, "center", "top"), (0.0, 1.0, "center", "bottom"), (1.0, 0.0, "left", "center"),
          (-1.0, 0.0, "right", "center"))  # below, above, right, left of the point


def place_labels(axes: Any, labels: Iterable[tuple[str, float, float, float]], *, fontsize: float = 10,
                 limit: int | None = None, obstacles: Iterable[tuple[float, float, float]] = (),
                 first_over_obstacles: int = 0) -> list[Any]:
    """Write each ``(text, x, y, gap)`` label next to the point (x, y) in data units,
    ``gap`` points from it: below it, or else above, right or left of it, where it
    overlaps no label already placed, none of the ``obstacles`` (``(x, y, radius in
    points)``, such as the nodes drawn) and stays in the figure. Labels are taken in the
    order given (most important first); one that fits nowhere is left out, except that
    the first ``first_over_obstacles`` may cover an obstacle. Returns the texts placed."""
    from matplotlib.transforms import Bbox, offset_copy

    figure = axes.figure
    axes.set_xlim(axes.get_xlim())  # the limits as drawn, fixed before any label is measured
    axes.set_ylim(axes.get_ylim())
    renderer = figure.canvas.get_renderer()
    frame = figure.bbox
    points = figure.dpi / 72
    boxes: list[Any] = []
    blocked: list[Any] = []
    for x, y, radius in obstacles:
        cx, cy = axes.transData.transform((x, y))
        r = radius * points * 0.9  # a circle's corners are free
        blocked.append(Bbox([[cx - r, cy - r], [cx + r, cy + r]]))
    placed: list[Any] = []
    for rank, (text, x, y, gap) in enumerate(labels):
        if limit is not None and len(placed) >= limit:
            break
        avoid = boxes if rank < first_over_obstacles else boxes + blocked
        for dx, dy, ha, va in _SIDES:
            beside = offset_copy(axes.transData, fig=figure, x=dx * gap, y=dy * gap, units="points")
            label = axes.text(x, y, plain_text(text), transform=beside, ha=ha, va=va, fontsize=fontsize, zorder=5,
                              bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                    "alpha": 0.8})
            box = label.get_window_extent(renderer).expanded(1.04, 1.15)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in avoid):
                label.set_gid(f"label-{len(placed)}")
                boxes.append(box)
                placed.append(label)
                break
            label.remove()
    return placed
