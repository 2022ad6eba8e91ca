"""The fact format described from the one place that defines it (:data:`FIELDS`,
:data:`TERMS`, :data:`FIELD_DOCS` in :mod:`parley.loaders.schema`): a JSON Schema for
YAML editors and a Markdown reference for curators (``parley schema``).

The schema checks the shape of a file (sections, fields, types, required fields,
vocabulary terms, date forms); what needs the whole data set (ids that resolve, ids
used twice, cycles) and calendar checks (2025-02-30) are the loader's alone.
"""

from __future__ import annotations

import re
from typing import Any

from parley.loaders.schema import FIELDS, PLURALS, TERMS, Spec, field_doc
from parley.loaders.check import QUALIFIERS
from parley.model.records import ID_PATTERN
from parley.model.vocabulary import accepted_terms

__all__ = ["SCHEMA_ID", "facts_schema", "facts_reference", "examples_from"]

SCHEMA_ID = "https://w3id.org/parley/facts.schema.json"
_DATE = r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"
_NUMBER = r"^[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_IGNORED = "[^A-Za-z0-9]*"  # what term matching ignores: case, spaces, '-', '_'
_SCALAR = {"type": ["string", "number", "boolean"]}  # the loader reads any scalar as its text
_TYPE_NAMES = {"text": "text", "id": "id", "ref": "{of} id", "date": "date", "number": "number",
               "bool": "true or false", "list": "list of text", "dates": "list of dates",
               "children": "list of {of} entries"}
_ORDER = ("source", "actor", "post", "conflict", "process", "participant", "event", "agreement", "status",
          "provision", "citation", "claim")


def _term_pattern(names: list[str]) -> str:
    """A regex accepting each name as the loader does: letters in any case, anything but
    letters and digits anywhere (``In force``, ``in_force`` and ``InForce``)."""
    def one(name: str) -> str:
        key = re.sub(r"[^a-z0-9]", "", name.lower())
        return _IGNORED.join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in key)
    return f"^{_IGNORED}(?:{'|'.join(sorted(one(name) for name in names))}){_IGNORED}$"


def _terms(scheme: str) -> dict[str, Any]:
    names = sorted(name for name, _ in accepted_terms(scheme).values())
    # The enum gives editors completion; the pattern accepts what the loader accepts.
    return {"anyOf": [{"enum": names}, {"type": "string", "pattern": _term_pattern(names)}]}


def _scalar_schema(kind: str, name: str, spec: Spec) -> dict[str, Any]:
    scheme = TERMS.get(kind, {}).get(name) or ("issue" if spec.of == "issue" else "")
    if scheme:
        return _terms(scheme)
    if spec.type in ("id", "ref") or (spec.type == "list" and spec.of):
        return {"anyOf": [{"type": "string", "pattern": ID_PATTERN.pattern}, {"type": "number", "minimum": 0}]}
    if spec.type in ("date", "dates"):
        return {"anyOf": [{"type": "string", "pattern": _DATE}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}
    if spec.type == "number":
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": _NUMBER}]}
    if spec.type == "bool":
        return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, _terms_of_text(("true", "yes", "1", "false", "no", "0"))]}
    if kind == "provision" and name == "qualifier":
        return {"enum": list(QUALIFIERS)}
    return dict(_SCALAR)


def _terms_of_text(names: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "string", "pattern": "^(?:" + "|".join(
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in name) for name in names) + ")$"}


def _field_schema(kind: str, name: str, spec: Spec) -> dict[str, Any]:
    if spec.type == "children":
        schema: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{spec.of}"}}
    elif spec.type in ("list", "dates"):
        one = _scalar_schema(kind, name, spec)
        schema = {"anyOf": [{"type": "array", "items": one}, one]}  # one value stands for a list of one
    else:
        schema = _scalar_schema(kind, name, spec)
    return {"description": field_doc(kind, name), **schema}


def _kind_schema(kind: str) -> dict[str, Any]:
    specs = FIELDS[kind]
    properties = {}
    for name, spec in specs.items():
        field = _field_schema(kind, name, spec)
        # An empty value counts as not given: null is allowed where the field may be left out.
        properties[name] = field if spec.required else {"anyOf": [{"type": "null"}, field],
                                                        "description": field["description"]}
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "required": [name for name, spec in specs.items() if spec.required]}


def facts_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a curated facts file.

    >>> schema = facts_schema()
    >>> sorted(schema["properties"])[:3], schema["$defs"]["event"]["required"]
    (['actors', 'agreements', 'claims'], ['id', 'type', 'date', 'process', 'sources'])
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
        "title": "parley curated facts",
        "description": "A parley facts file: lists of sources, actors, conflicts, processes, events, "
                       "agreements and claims. References between records are checked by parley validate.",
        "type": "object",
        "properties": {plural: {"anyOf": [{"type": "null"}, {"type": "array", "items": {"$ref": f"#/$defs/{kind}"}}]}
                       for plural, kind in PLURALS.items()},
        "additionalProperties": False,
        "$defs": {kind: _kind_schema(kind) for kind in _ORDER},
    }



def _type_name(kind: str, name: str, spec: Spec) -> str:
    scheme = TERMS.get(kind, {}).get(name)
    if scheme:
        return f"term ({scheme})"
    if spec.of == "issue":
        return "list of terms (issue)"
    if spec.type == "list" and spec.of:
        return "list of any ids" if spec.of == "any" else f"list of {spec.of} ids"
    return _TYPE_NAMES[spec.type].format(of=spec.of)


def _allowed(kind: str, name: str, spec: Spec) -> str:
    scheme = TERMS.get(kind, {}).get(name) or ("issue" if spec.of == "issue" else "")
    if scheme:
        return ", ".join(f"`{term}`" for term in sorted(term for term, _ in accepted_terms(scheme).values()))
    if kind == "provision" and name == "qualifier":
        return ", ".join(f"`{q}`" for q in QUALIFIERS)
    if spec.type in ("date", "dates"):
        return "`2022`, `2025-07` or `2026-01-01`"
    return ""


def facts_reference(examples: dict[str, str] | None = None) -> str:
    """The Markdown reference of the fact format: each record kind, its fields, their
    types, whether required, what they hold and the terms they take, with an example
    (``examples`` maps a kind to a YAML excerpt; by default, from the bundled data set).

    >>> text = facts_reference({})
    >>> "| `role` | term (role) | yes |" in text
    True
    """
    if examples is None:
        from parley.loaders import bundled_data

        examples = {}
        for path in sorted(bundled_data().glob("*.yaml")):
            examples = {**examples_from(path.read_text(encoding="utf-8")), **examples}
    out = ["# The fact format", "",
           "Generated by `parley schema --format markdown` from the field definitions the",
           "loader uses (`loaders/schema.py`); do not edit by hand.", "",
           "A facts file is YAML holding lists under " + ", ".join(f"`{p}`" for p in PLURALS) + ".",
           "Nested records (posts, participants, provisions, statuses, citations) are lists",
           "inside their record. A list field takes one value or a list; an empty value is",
           "not given. Terms are matched ignoring case, spaces, `-` and `_` (`in force` is",
           "`in-force`); `parley vocab SCHEME` gives their labels and definitions.", "",
           "For completion and inline errors in an editor that speaks the YAML language",
           "server (VS Code's YAML extension, Neovim, Emacs, ...), write `parley schema >",
           "facts.schema.json` and start the file with", "",
           "```yaml", "# yaml-language-server: $schema=facts.schema.json", "```", "",
           "The schema checks the shape of each record; `parley validate` also checks that",
           "references resolve, that ids are unique and that dates exist.", ""]
    plural_of = {kind: plural for plural, kind in PLURALS.items()}
    for kind in _ORDER:
        where = f"under `{plural_of[kind]}`" if kind in plural_of else \
            "in " + ", ".join(f"`{owner}.{name}`" for owner in _ORDER for name, spec in FIELDS[owner].items()
                              if spec.type == "children" and spec.of == kind)
        out += [f"## {kind}", "", f"Written {where}.", "",
                "| field | type | required | what it holds | terms |", "|---|---|---|---|---|"]
        for name, spec in FIELDS[kind].items():
            cells = [f"`{name}`", _type_name(kind, name, spec), "yes" if spec.required else "",
                     field_doc(kind, name).replace("|", "\\|"), _allowed(kind, name, spec)]
            out.append("| " + " | ".join(cells) + " |")
        if kind in examples:
            out += ["", "```yaml", examples[kind].rstrip("\n"), "```"]
        out.append("")
    return "\n".join(out)


_SECTION = re.compile(r"^([a-z]+):\s*$")
_FIELD_LINE = re.compile(r"^  (?:- |  )([a-z_]+):")


def examples_from(text: str, *, most_lines: int = 24) -> dict[str, str]:
    """For each section of a facts file written in block style, the entry that gives the
    most fields in at most ``most_lines`` lines, keyed by record kind.

    >>> examples_from("actors:\\n  - id: a\\n    name: A\\n  - id: b\\n    name: B\\n    type: State\\n")["actor"]
    '- id: b\\n  name: B\\n  type: State'
    """
    entries: dict[str, list[list[str]]] = {}
    kind = ""
    for line in text.splitlines():
        section = _SECTION.match(line)
        if section:
            kind = PLURALS.get(section.group(1), "")
            continue
        if not kind:
            continue
        if line.startswith("  - "):
            entries.setdefault(kind, []).append([])
        if kind in entries and line.startswith("  ") and line.strip() and not line.lstrip().startswith("#"):
            entries[kind][-1].append(line[2:])
    best = {}
    for kind, found in entries.items():
        fitting = [lines for lines in found if len(lines) <= most_lines] or found[:1]
        chosen = max(fitting, key=lambda lines: len({_FIELD_LINE.match("  " + entry).group(1)
                                                     for entry in lines if _FIELD_LINE.match("  " + entry)}))
        best[kind] = "\n".join(chosen)
    return best
