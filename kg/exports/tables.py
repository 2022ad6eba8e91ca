"""Node and edge tables in the layout of Gephi's spreadsheet import (Id, Label, ...;
Source, Target, Type, Weight, Label, ...)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import networkx as nx

from parley.exports.attributes import sanitize
from parley.exports.files import write_files

__all__ = ["export_tables", "node_rows", "edge_rows", "csv_cell"]

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    r"""A value as a CSV cell a spreadsheet shows as text: one starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (a formula to Excel or LibreOffice) gets a
    leading ``'``, as OWASP recommends; numbers, negative ones too, stay as they are.

    >>> csv_cell('=HYPERLINK("http://x")'), csv_cell("-3.5"), csv_cell("Türkiye"), csv_cell(-2)
    ('\'=HYPERLINK("http://x")', '-3.5', 'Türkiye', -2)
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA):
        return value
    try:
        float(value)
        return value
    except ValueError:
        return "'" + value


def node_rows(graph: nx.Graph) -> tuple[list[str], list[list[object]]]:
    """The node table: ``Id``, ``Label``, then every other attribute (sorted)."""
    prepared = sanitize(graph)
    keys = sorted({k for _, d in prepared.nodes(data=True) for k in d} - {"label"})
    rows = [[node, data.get("label", node), *(data.get(k, "") for k in keys)] for node, data in prepared.nodes(data=True)]
    return ["Id", "Label", *keys], rows


def edge_rows(graph: nx.Graph) -> tuple[list[str], list[list[object]]]:
    """The edge table: ``Source``, ``Target``, ``Type``, ``Weight``, ``Label``, then the rest."""
    prepared = sanitize(graph)
    keys = sorted({k for *_, d in prepared.edges(data=True) for k in d} - {"weight", "label"})
    kind = "Directed" if prepared.is_directed() else "Undirected"
    rows = [[u, v, kind, data.get("weight", 1), data.get("label", ""), *(data.get(k, "") for k in keys)]
            for u, v, data in prepared.edges(data=True)]
    return ["Source", "Target", "Type", "Weight", "Label", *keys], rows


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([csv_cell(cell) for cell in header])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return text.getvalue().encode("utf-8")


def export_tables(graph: nx.Graph, folder: str | os.PathLike[str], *, prefix: str = "") -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` (with an optional name ``prefix``) into ``folder``."""
    nodes, edges = _csv(*node_rows(graph)), _csv(*edge_rows(graph))
    return write_files(folder, {f"{prefix}nodes.csv": lambda f: f.write(nodes),
                                f"{prefix}edges.csv": lambda f: f.write(edges)})
