"""Curated facts in YAML: one file holds lists of sources, actors, conflicts,
processes, events, agreements and claims (see ``parley/data/russia-ukraine.yaml``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from parley.errors import Problem
from parley.loaders.schema import PLURALS, Field, did_you_mean, to_record
from parley.loaders.text import read_text
from parley.records import Record

__all__ = ["load_yaml"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = "tag:yaml.org,2002:null"


def load_yaml(path: Path, display: str) -> tuple[list[Record], list[Problem]]:
    """Read one curated YAML file into records, with every problem found.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.yaml"
    >>> _ = p.write_text("sources:\\n  - id: s1\\n    title: A title\\n    publisher: P\\n")
    >>> records, problems = load_yaml(p, "f.yaml")
    >>> [(r.label, r.loc.line) for r in records], problems
    ([('source s1', 2)], [])
    """
    text, problems = read_text(path, display)
    if text is None:
        return [], problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        what = " ".join(filter(None, [err.problem, err.context])) or "malformed YAML"
        return [], [Problem(display, line, "", f"malformed YAML: {what}")]
    except yaml.YAMLError as err:
        return [], [Problem(display, 0, "", f"malformed YAML: {err}")]
    if root is None:
        return [], [Problem(display, 1, "", "file is empty: expected lists of sources, actors, events, ...")]
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(display, root.start_mark.line + 1, "",
                            "not a parley facts file: expected a mapping with keys such as sources, actors, events")]
    top = _field(root, display, problems)
    records: list[Record] = []
    for key, section in top.value.items():
        kind = PLURALS.get(key)
        if kind is None:
            problems.append(Problem(display, section.line, "", f"unknown section '{key}'{did_you_mean(key, PLURALS)}"))
            continue
        if section.value is None:
            continue
        if not isinstance(section.value, list):
            problems.append(Problem(display, section.line, "", f"section '{key}' must be a list of {key}"))
            continue
        for entry in section.value:
            record, record_problems = to_record(kind, entry, display)
            problems.extend(record_problems)
            if record is not None:
                records.append(record)
    return records, problems


def _field(node: yaml.Node, display: str, problems: list[Problem]) -> Field:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Field] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in mapping:
                problems.append(Problem(display, key_node.start_mark.line + 1, "", f"field '{key}' is given twice"))
            value = _field(value_node, display, problems)
            mapping[key] = Field(value.value, key_node.start_mark.line + 1)
        return Field(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Field([_field(item, display, problems) for item in node.value], line)
    return Field(None if node.tag == _NULL else node.value, line)
