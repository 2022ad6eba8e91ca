"""Curated facts in YAML: one file holds lists of sources, actors, conflicts,
processes, events, agreements and claims (see ``parley/data/russia-ukraine.yaml``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from parley.loaders.schema import PLURALS, Field, to_record
from parley.loaders.text import read_text
from parley.model.errors import Problem, did_you_mean
from parley.model.records import Record

__all__ = ["load_yaml", "fast_path_applies", "FAST_PATH_MIN_BYTES"]

FAST_PATH_MIN_BYTES = 1_000_000  # smaller files are always read with every field's line

# Plain scalars a YAML 1.2 parser would read differently from their text (leading
# zeros, exponents, trailing decimal zeros, signs, hex or octal, capitalised booleans,
# infinities), after a line start, a space or a flow delimiter (the look-ahead on the
# first character lets the search skip everything else quickly); and tags, merge keys,
# documents and directives. Files holding any take the line-tracking path (the scalars
# are looked for only once the fast parser has typed a value: a value it kept as text
# is the text either way).
_RISKY_SCALAR = re.compile(r"[\s\[{,](?=[-+.\dTF])(?:[-+]?0\d[\d_]*|\d+\.\d+0|[-+]?\d*\.?\d+[eE][-+]?\d+|"
                           r"0[xXoO][\da-fA-F]+|[-+]\d[\d.]*|\d+_\d+|True|TRUE|False|FALSE|"
                           r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))(?=[ \t]*(?:$|[,\]}#]))", re.MULTILINE)
_RISKY_SYNTAX = ("!!", "<<:", "\n---", "\n%")
# Where an anchor (&name) or alias (*name) could start; a text with none has neither.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]")
_SECTION = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(?:#.*)?$")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")
# Line breaks other than \n (which YAML or str.splitlines count too); a text with none is
# scanned for section and item starts by the patterns after it.
_OTHER_BREAKS = re.compile(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SECTION_AT = re.compile(r"\n([A-Za-z_][\w-]*)[ \t]*:[ \t]*(?:#[^\n]*)?(?=\n|\Z)")
_FIRST_ITEM = re.compile(r"\n([ \t]*)-(?=[ \t\n]|\Z)")
_CONTENT = re.compile(r"\n[ \t]*[^ \t\n#]")

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
        return [], [p.of_whole_file() for p in problems]
    alias = _first_alias(text, display) if _MAYBE_ALIAS.search(text) else None
    if alias is not None:
        return [], [alias.of_whole_file()]
    if precise is None:
        precise = len(text) < FAST_PATH_MIN_BYTES
    if not precise and not _risky_syntax("\n" + text):
        fast = _fast(text, display)
        if fast is not None:
            return fast
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        what = " ".join(filter(None, [err.problem, err.context])) or "malformed YAML"
        return [], [Problem(display, line, "", f"malformed YAML: {what}").of_whole_file()]
    except yaml.reader.ReaderError as err:  # a character YAML does not allow: no mark, a position
        line = text.count("\n", 0, err.position) + 1
        character = err.character if isinstance(err.character, str) else chr(err.character)
        return [], [Problem(display, line, "", f"malformed YAML: the character U+{ord(character):04X} is not allowed "
                                               "(control characters, NUL among them, cannot be in YAML)").of_whole_file()]
    except yaml.YAMLError as err:
        return [], [Problem(display, 0, "", f"malformed YAML: {' '.join(str(err).split())}").of_whole_file()]
    if root is None:
        return [], [Problem(display, 1, "", "file is empty: expected lists of sources, actors, events, ...").of_whole_file()]
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(display, root.start_mark.line + 1, "",
                            "not a parley facts file: expected a mapping with keys such as sources, actors, events").of_whole_file()]
    repeated = _repeated_sections(root, display)
    if repeated:  # every reference to the first section would be reported otherwise
        return [], [p.of_whole_file() for p in repeated]
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


def _first_alias(text: str, display: str) -> Problem | None:
    r"""The first anchor or alias in ``text``, refused: a few hundred bytes of nested
    aliases expand to gigabytes ("billion laughs"), and facts files need none. Found
    from the parser's events, which never expand an alias; malformed YAML is left to
    the parse that reports it.

    >>> print(_first_alias("a: &x [1]\nb: *x\n", "f.yaml"))
    f.yaml:1: anchors and aliases (&x, *x) are not allowed in facts files: write each value out
    """
    try:
        for event in yaml.parse(text, Loader=_Loader):
            name = getattr(event, "anchor", None)
            if name is not None:
                return Problem(display, event.start_mark.line + 1, "", f"anchors and aliases (&{name}, *{name}) are "
                               "not allowed in facts files: write each value out")
    except yaml.YAMLError:
        return None
    return None


def _repeated_sections(root: yaml.MappingNode, display: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for key_node, _ in root.value:
        line = key_node.start_mark.line + 1
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
        if key and key in first:
            problems.append(Problem(display, line, "", f"section '{key}' is given twice (first on line "
                                                       f"{first[key]}): put all its entries under one"))
        first.setdefault(key, line)
    return problems


def _field(node: yaml.Node, display: str, problems: list[Problem]) -> Field:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Field] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                problems.append(Problem(display, key_node.start_mark.line + 1, "",
                                        f"a field name must be a plain word, not {kind}"))
                continue
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
    return _RISKY_SCALAR.search(padded) is None and not _risky_syntax(padded)


def _risky_syntax(padded: str) -> bool:
    return any(mark in padded for mark in _RISKY_SYNTAX)


def _item_lines(text: str) -> dict[str, list[int]]:
    """For each top-level section, the line where each of its list items starts.

    >>> _item_lines("sources:\\n  - id: s1\\n  -\\n    id: s2\\nactors:\\n- id: a\\n")
    {'sources': [2, 4], 'actors': [6]}
    """
    if _OTHER_BREAKS.search(text):
        return _item_lines_by_line(text)
    padded = "\n" + text  # each line, the first too, starts after a line break
    lines: dict[str, list[int]] = {}
    sections = list(_SECTION_AT.finditer(padded))
    position, line = 0, 0  # padded[:position] holds `line` line breaks
    for index, section in enumerate(sections):
        starts = lines.setdefault(section.group(1), [])
        end = sections[index + 1].start() if index + 1 < len(sections) else len(padded)
        first = _FIRST_ITEM.search(padded, section.end(), end)
        if first is None:
            continue
        # the section's items: a dash at its first item's indent (deeper ones are nested)
        items = re.compile("\n" + re.escape(first.group(1)) + r"-(?:[ \t]([^\n]*))?(?=\n|\Z)")
        for item in items.finditer(padded, first.start(), end):
            start, rest = item.start(), item.group(1)
            if not rest or not rest.strip() or rest.lstrip().startswith("#"):  # it starts on the next line
                content = _CONTENT.search(padded, item.end())
                if content is None:
                    continue
                start = content.start()
            line += padded.count("\n", position, start + 1)
            position = start + 1
            starts.append(line)
    return lines


def _item_lines_by_line(text: str) -> dict[str, list[int]]:
    """:func:`_item_lines` for a text with line breaks other than ``\\n``, a line at a time."""
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


def _plain(value: Any, line: int, typed: list[Any]) -> Field:
    """A parsed value as fields given ``line``; scalars the parser typed (numbers,
    booleans, keys too) are noted in ``typed``."""
    kind = value.__class__
    if kind is str:
        return Field(value, line)
    if kind is dict:
        return Field({k if k.__class__ is str else _typed(k, typed): _plain(v, line, typed)
                      for k, v in value.items()}, line)
    if kind is list:
        return Field([_plain(v, line, typed) for v in value], line)
    if value is None:
        return Field(None, line)
    return Field(_typed(value, typed), line)


def _typed(value: Any, typed: list[Any]) -> str:
    typed.append(value)
    if value.__class__ is bool:
        return "true" if value else "false"
    return str(value)


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
    typed: list[Any] = []
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
            record, record_problems = to_record(kind, _plain(value, line, typed), display)
            problems.extend(record_problems)
            if record is not None:
                records.append(record)
    if typed and _RISKY_SCALAR.search("\n" + text):  # a number or boolean perhaps written otherwise
        return None
    return records, problems
