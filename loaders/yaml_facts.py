"""Curated facts in YAML: one file holds lists of sources, actors, conflicts,
processes, events, agreements and claims (see ``parley/data/russia-ukraine.yaml``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from parley.errors import Problem
from parley.loaders.schema import PLURALS, Field, did_you_mean, to_record
from parley.loaders.text import read_text
from parley.records import Record

__all__ = ["load_yaml", "fast_path_applies", "FAST_PATH_MIN_BYTES"]

FAST_PATH_MIN_BYTES = 1_000_000  # smaller files are always read with every field's line

# Plain scalars a YAML 1.2 parser would read differently from their text (leading
# zeros, exponents, trailing decimal zeros, signs, hex or octal, capitalised booleans,
# infinities), after a line start, a space or a flow delimiter (the look-ahead on the
# first character lets the search skip everything else quickly); and tags, merge keys,
# documents and directives. Files holding any take the line-tracking path.
_RISKY_SCALAR = re.compile(r"[\s\[{,](?=[-+.\dTF])(?:[-+]?0\d[\d_]*|\d+\.\d+0|[-+]?\d*\.?\d+[eE][-+]?\d+|"
                           r"0[xXoO][\da-fA-F]+|[-+]\d[\d.]*|\d+_\d+|True|TRUE|False|FALSE|"
                           r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))(?=[ \t]*(?:$|[,\]}#]))", re.MULTILINE)
_RISKY_SYNTAX = re.compile(r"!!|<<:|\n---|\n%")
_SECTION = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(?:#.*)?$")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = "tag:yaml.org,2002:null"


def load_yaml(path: Path, display: str, *, precise: bool | None = None) -> tuple[list[Record], list[Problem]]:
    """Read one curated YAML file into records, with every problem found.

    By default (``precise=None``), files of 1 MB and more without risky scalars are
    parsed by a fast Rust parser, each record's line found by scanning the text and
    its fields given that line; smaller files, ``precise=True`` and any doubt take the
    line-tracking PyYAML path, which gives every field its own line.

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
    if precise is None:
        precise = len(text) < FAST_PATH_MIN_BYTES
    if not precise and fast_path_applies(text):
        fast = _fast(text, display)
        if fast is not None:
            return fast
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


def fast_path_applies(text: str) -> bool:
    """Whether the fast parser reads ``text`` exactly as the line-tracking one does.

    >>> fast_path_applies("events:\\n  - id: e1\\n    date: 2026-01-01\\n"), fast_path_applies("row: 007\\n")
    (True, False)
    """
    padded = "\n" + text  # the first line starts after a line break too
    return _RISKY_SCALAR.search(padded) is None and _RISKY_SYNTAX.search(padded) is None


def _item_lines(text: str) -> dict[str, list[int]]:
    """For each top-level section, the line where each of its list items starts."""
    lines: dict[str, list[int]] = {}
    section, indent = None, None
    pending = None
    for number, line in enumerate(text.splitlines(), start=1):
        if pending is not None and line.strip() and not line.lstrip().startswith("#"):
            lines[section].append(number)
            pending = None
        top = _SECTION.match(line)
        if top:
            section, indent = top.group(1), None
            lines.setdefault(section, [])
            continue
        item = _ITEM.match(line)
        if item and section is not None:
            width = len(item.group(1))
            if indent is None:
                indent = width
            if width == indent:
                if line[item.end():].strip() and not line[item.end():].lstrip().startswith("#"):
                    lines[section].append(number)
                else:
                    pending = number
    return lines


def _plain(value: Any, line: int) -> Field:
    kind = value.__class__
    if kind is str:
        return Field(value, line)
    if kind is dict:
        return Field({k if k.__class__ is str else str(k): _plain(v, line) for k, v in value.items()}, line)
    if kind is list:
        return Field([_plain(v, line) for v in value], line)
    if kind is bool:
        return Field("true" if value else "false", line)
    if value is None:
        return Field(None, line)
    return Field(str(value), line)


def _fast(text: str, display: str) -> tuple[list[Record], list[Problem]] | None:
    import yaml_rs

    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any doubt: the line-tracking path reports it precisely
        return None
    if not isinstance(data, dict) or not data:
        return None
    starts = _item_lines(text)
    records: list[Record] = []
    problems: list[Problem] = []
    for key, section in data.items():
        kind = PLURALS.get(key)
        if kind is None or not (section is None or isinstance(section, list)):
            return None
        items = section or []
        if len(starts.get(key, [])) != len(items):
            return None
        for index, line in enumerate(starts[key]):
            value, items[index] = items[index], None  # dropped once it is a record
            record, record_problems = to_record(kind, _plain(value, line), display)
            problems.extend(record_problems)
            if record is not None:
                records.append(record)
    return records, problems
