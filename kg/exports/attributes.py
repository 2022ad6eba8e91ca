"""Making graph attributes safe for every writer, and turning dates into spells.

networkx's writers take lists as dynamic values, reject None and str subclasses, and
declare one type per attribute from whichever value comes first. :func:`sanitize`
gives every attribute one plain type (bool, int, float or str) across all nodes or
all edges, drops missing values (None, NaN), joins lists with ``;`` and turns str
subclasses (such as rdflib IRIs) and other objects into plain strings; characters
XML cannot hold become U+FFFD (:func:`xml_text`).
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = ["sanitize", "plain_value", "xml_text", "date_interval", "spells"]

# What XML 1.0 cannot hold: C0 controls but tab and line ends, surrogates, U+FFFE, U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with each character XML cannot hold (a NUL or \\x01 from a CSV cell,
    U+FFFE) replaced by U+FFFD, so GEXF and GraphML files stay well formed and ids stay
    distinct.

    >>> xml_text("Fund\x01\ufffe") == "Fund\ufffd\ufffd"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def plain_value(value: Any) -> bool | int | float | str | None:
    """A value as bool, int, float or str; None when it is missing.

    >>> plain_value(["host", "party"]), plain_value(float("nan")), plain_value(3)
    ('host;party', None, 3)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return ";".join(str(plain_value(item)) for item in items if plain_value(item) is not None)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return plain_value(value.item())
    return xml_text(str(value))


def _unify(values: Iterable[Any]) -> type:
    kinds = {type(v) for v in values}
    if kinds <= {bool}:
        return bool
    if kinds <= {int}:
        return int
    if kinds <= {int, float}:
        return float
    return str


def _convert(value: Any, kind: type) -> Any:
    if kind is str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    return kind(value)


def sanitize(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose node ids are strings and whose attributes are plain and
    of one type each (see the module docstring).

    >>> g = nx.Graph()
    >>> g.add_node(1, label=None, score=1)
    >>> g.add_node(2, label="Türkiye", score=0.5)
    >>> sorted(sanitize(g).nodes(data=True))
    [('1', {'score': 1.0}), ('2', {'label': 'Türkiye', 'score': 0.5})]
    """
    out = graph.__class__()
    out.graph.update({k: v for k, v in ((k, plain_value(v)) for k, v in graph.graph.items()) if v is not None})
    nodes = {xml_text(str(n)): {k: plain_value(v) for k, v in data.items()} for n, data in graph.nodes(data=True)}
    node_types = {key: _unify(d[key] for d in nodes.values() if d.get(key) is not None)
                  for key in {k for d in nodes.values() for k in d}}
    for node, data in nodes.items():
        out.add_node(node, **{k: _convert(v, node_types[k]) for k, v in data.items() if v is not None})
    edges = [(xml_text(str(u)), xml_text(str(v)), {k: plain_value(x) for k, x in data.items()})
             for u, v, data in graph.edges(data=True)]
    edge_types = {key: _unify(d[key] for *_, d in edges if d.get(key) is not None)
                  for key in {k for *_, d in edges for k in d}}
    for u, v, data in edges:
        out.add_edge(u, v, **{k: _convert(x, edge_types[k]) for k, x in data.items() if x is not None})
    return out


def date_interval(date: str) -> tuple[str, str]:
    """The first and last day a partial date covers.

    >>> date_interval("2022"), date_interval("2024-02"), date_interval("2026-01-01")
    (('2022-01-01', '2022-12-31'), ('2024-02-01', '2024-02-29'), ('2026-01-01', '2026-01-01'))
    """
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:7])
        return f"{date}-01", f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date, date


def spells(dates: str) -> list[tuple[str, str]]:
    """Merged intervals for ``;``-separated partial dates.

    >>> spells("2022;2022-07;2025-06-02")
    [('2022-01-01', '2022-12-31'), ('2025-06-02', '2025-06-02')]
    """
    intervals = sorted(date_interval(d) for d in dates.split(";") if d)
    merged: list[tuple[str, str]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
