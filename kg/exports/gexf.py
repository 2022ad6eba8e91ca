"""GEXF for Gephi (1.3 by default, 1.2draft on request), static or dynamic.

Attributes are sanitized first (:mod:`parley.exports.attributes`) and written by
networkx's GEXF writer, with ``viz`` colour by actor type and size by a chosen
centrality, and, for ``dynamic=True``, spells from the event dates so Gephi's timeline
shows who met whom when.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from parley.exports.attributes import sanitize, spells
from parley.exports.files import write_files

__all__ = ["export_gexf", "gexf_graph", "TYPE_COLOURS", "GEXF_VERSIONS"]

GEXF_VERSIONS = ("1.3", "1.2draft")
TYPE_COLOURS = {
    "State": (31, 119, 180), "Person": (255, 127, 14), "IntergovernmentalOrganization": (44, 160, 44),
    "GovernmentBody": (148, 103, 189), "ArmedGroup": (214, 39, 40), "NonGovernmentalOrganization": (140, 86, 75),
    "Group": (127, 127, 127), "Organization": (188, 189, 34), "Event": (23, 190, 207),
}
_OTHER = (199, 199, 199)


def gexf_graph(graph: nx.Graph, *, dynamic: bool = False, size_by: str = "betweenness") -> nx.Graph:
    """The sanitized graph with the ``viz``, ``label`` and ``spells`` networkx's writer uses.

    >>> g = nx.Graph([("a", "b", {"weight": 2, "dates": "2022"})])
    >>> nx.set_node_attributes(g, {"a": "State", "b": "Person"}, "type")
    >>> gexf_graph(g, dynamic=True).edges["a", "b"]["spells"]
    [('2022-01-01', '2022-12-31')]
    """
    out = sanitize(graph)
    sizes = [data[size_by] for _, data in out.nodes(data=True) if isinstance(data.get(size_by), (int, float))]
    top = max(sizes, default=0) or 1
    for node, data in out.nodes(data=True):
        data.setdefault("label", node)
        r, g, b = TYPE_COLOURS.get(data.get("type", ""), _OTHER)
        value = data.get(size_by)
        size = 10.0 + 40.0 * (value / top) if isinstance(value, (int, float)) and top > 0 else 10.0
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": round(size, 3)}
        if dynamic and data.get("dates"):
            data["spells"] = spells(data["dates"])
    for u, v, data in out.edges(data=True):
        data.setdefault("label", f"{out.nodes[u]['label']} – {out.nodes[v]['label']}")
        if dynamic and data.get("dates"):
            data["spells"] = spells(data["dates"])
    return out


def export_gexf(graph: nx.Graph, path: str | os.PathLike[str], *, version: str = "1.3", dynamic: bool = False,
               size_by: str = "betweenness") -> Path:
    """Write ``graph`` as GEXF to ``path`` (atomically: a temporary file, then a rename)."""
    if version not in GEXF_VERSIONS:
        raise ValueError(f"GEXF version must be one of {', '.join(GEXF_VERSIONS)}")
    prepared = gexf_graph(graph, dynamic=dynamic, size_by=size_by)
    target = Path(path)

    def write(stream: BinaryIO) -> None:
        buffer = io.BytesIO()
        nx.write_gexf(prepared, buffer, version=version)
        # networkx 3.x names the XML Schema instance namespace without "www." for 1.3
        stream.write(buffer.getvalue().replace(b'xmlns:xsi="http://w3.org/2001/XMLSchema-instance"',
                                               b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', 1))

    return write_files(target.parent, {target.name: write})[0]
