"""Query results as a table of RDF terms, and those terms as plain Python values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from parley.model.namespaces import XSD, short_id

__all__ = ["Table", "Rows", "Term", "compact"]

Term = ox.NamedNode | ox.Literal


class Rows(list):
    """Query rows as dicts, and the query's ``columns`` (known even when no row came back).

    >>> Rows(["actor"], [{"actor": "turkiye"}]).columns
    ['actor']
    """

    def __init__(self, columns: list[str], rows: list[dict[str, Any]]):
        super().__init__(rows)
        self.columns = columns

    def __repr__(self) -> str:
        shown = ", ".join(repr(row) for row in self[:3])
        more = f", ... {len(self) - 3} more" if len(self) > 3 else ""
        return f"<Rows {len(self)} of {', '.join(self.columns)}: [{shown}{more}]>"


@dataclass
class Table:
    """Query results: column names and rows of RDF terms (None where unbound)."""

    columns: list[str]
    rows: list[tuple[Term | ox.BlankNode | None, ...]]

    def __repr__(self) -> str:
        return f"<Table {len(self.rows)} row(s) of {', '.join(self.columns)}>"

    def records(self, *, compact_iris: bool = True) -> Rows:
        """The rows as dicts of plain Python values (see :func:`compact`)."""
        show = compact if compact_iris else _plain
        shown: dict[Any, Any] = {}  # rows repeat their actors, roles and dates: each is made plain once
        records = []
        for row in self.rows:
            values = []
            for term in row:
                try:
                    values.append(shown[term])
                except KeyError:
                    values.append(shown.setdefault(term, show(term)))
            records.append(dict(zip(self.columns, values)))
        return Rows(list(self.columns), records)


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value == XSD + "integer":
        return int(term.value)
    return term.value if not isinstance(term, ox.BlankNode) else f"_:{term.value}"


def compact(term: Any) -> Any:
    """A term as a plain value: IRIs as :func:`~parley.model.namespaces.short_id` gives
    them, integers as int, other literals as their text.

    >>> compact(ox.NamedNode("https://w3id.org/parley/id/actor/turkiye"))
    'turkiye'
    >>> compact(ox.NamedNode("https://w3id.org/parley/vocab/role/mediator"))
    'mediator'
    """
    if isinstance(term, ox.NamedNode):
        return short_id(term.value)
    return _plain(term)
