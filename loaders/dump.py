"""Writing records back as curated YAML, so imported data can be reviewed and edited."""

from __future__ import annotations

from typing import Any

import yaml

from parley.loaders.schema import FIELDS, PLURALS
from parley.model.records import PartialDate, Record

__all__ = ["records_to_yaml"]


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.text
    if isinstance(value, Record):
        return {k: _plain(v) for k, v in value.fields.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value


def records_to_yaml(records: list[Record], *, header: str = "") -> str:
    """Curated-format YAML for ``records``, sections in the usual order, fields in schema order.

    >>> from parley.model.records import Loc, parse_date
    >>> print(records_to_yaml([Record("source", "s1", Loc("f", 1), {"id": "s1", "title": "T", "published": parse_date("2022")})]))
    sources:
    - id: s1
      title: T
      published: '2022'
    <BLANKLINE>
    """
    sections: dict[str, list[dict[str, Any]]] = {}
    for plural, kind in PLURALS.items():
        entries = [r for r in records if r.kind == kind]
        if entries:
            order = list(FIELDS[kind])
            sections[plural] = [{k: _plain(r.fields[k]) for k in sorted(r.fields, key=order.index)} for r in entries]
    text = yaml.safe_dump(sections, allow_unicode=True, sort_keys=False, width=120)
    return (header + text) if header else text
