"""GraphML for yEd and Cytoscape, with typed keys for every attribute."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from parley.exports.attributes import sanitize
from parley.exports.files import write_files

__all__ = ["export_graphml"]


def export_graphml(graph: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` as GraphML to ``path`` (atomically), attributes sanitized first."""
    prepared = sanitize(graph)
    target = Path(path)

    def write(stream: BinaryIO) -> None:
        nx.write_graphml(prepared, stream, encoding="utf-8", prettyprint=True)

    return write_files(target.parent, {target.name: write})[0]
