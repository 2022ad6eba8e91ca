"""The fields of each record kind, and the conversion of raw parsed values into Records.

Every loader first turns its input into *raw* values: strings, lists and mappings,
each wrapped in a :class:`Field` that remembers its line. :func:`to_record` then
checks the raw mapping against the kind's fields (required, type, unknown names)
and returns a :class:`~parley.model.records.Record`, collecting every problem on the way.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parley.model.errors import Problem, did_you_mean
from parley.model.records import ID_PATTERN, ROLE_OF_LIST, Loc, PartialDate, Record, parse_date

__all__ = ["Field", "Spec", "FIELDS", "TERMS", "FIELD_DOCS", "field_doc", "PLURALS", "to_record"]


@dataclass(slots=True)
class Field:
    """A raw value (str, None, list of Field, or dict of str to Field) and its line (in
    ``file``, when it was read from another file than the record that holds it)."""

    value: Any
    line: int
    file: str | None = None


@dataclass(frozen=True)
class Spec:
    """What a field holds: ``text``, ``id``, ``ref``, ``date``, ``number``, ``bool``,
    ``list`` (of text or refs), ``dates`` (a list of dates) or ``children`` (nested
    records of kind ``of``)."""

    type: str
    required: bool = False
    of: str = ""  # the kind a ref points to, or the kind of children


def _ref(kind: str, required: bool = False) -> Spec:
    return Spec("ref", required, kind)


def _refs(kind: str, required: bool = False) -> Spec:
    return Spec("list", required, kind)


TEXT, DATE, TEXTS, DATES = Spec("text"), Spec("date"), Spec("list"), Spec("dates")
# Fields of a record whose triples rest on sources of their own (or on the curator's).
CITATIONS = Spec("children", False, "citation")
# agreement fields that list actors -> the role those actors take

FIELDS: dict[str, dict[str, Spec]] = {
    "source": {
        "id": Spec("id", True), "title": Spec("text", True), "publisher": TEXT, "published": DATE,
        "url": TEXT, "type": TEXT, "via": TEXT, "relays": _refs("source"), "primary": _ref("source"),
        "dataset": TEXT, "row": TEXT, "notes": TEXT,
    },
    "actor": {
        "id": Spec("id", True), "type": Spec("text", True), "name": Spec("text", True),
        "aliases": TEXTS, "wikidata": TEXT, "wikidata_label": TEXT, "iso": TEXT, "paax": TEXT, "gwno": TEXT, "ucdp": TEXT, "acled": TEXT,
        "part_of": _ref("actor"),
        "original_name": TEXT, "posts": Spec("children", False, "post"),
        "sources": _refs("source", True), "notes": TEXT,
    },
    "post": {
        "post": Spec("text", True), "of": _ref("actor", True), "from": DATE, "to": DATE, "attested": DATES,
        "sources": _refs("source"), "notes": TEXT,
    },
    "conflict": {
        "id": Spec("id", True), "name": Spec("text", True), "start": DATE, "end": DATE,
        "wikidata": TEXT, "wikidata_label": TEXT, "ucdp": TEXT, "sources": _refs("source", True), "notes": TEXT,
    },
    "process": {
        "id": Spec("id", True), "name": Spec("text", True), "type": TEXT,
        "conflict": _ref("conflict"), "parent": _ref("process"), "start": DATE, "end": DATE,
        "participants": Spec("children", False, "participant"), "topics": _refs("issue"),
        "wikidata": TEXT, "wikidata_label": TEXT, "cite": CITATIONS, "sources": _refs("source", True), "notes": TEXT,
    },
    "event": {
        "id": Spec("id", True), "type": Spec("text", True), "name": TEXT, "date": Spec("date", True),
        "status": TEXT, "place": TEXT, "process": _ref("process", True),
        "participants": Spec("children", False, "participant"), "topics": _refs("issue"),
        "outcome": TEXT, "cite": CITATIONS, "sources": _refs("source", True), "notes": TEXT,
    },
    "participant": {
        "actor": _ref("actor", True), "role": Spec("text", True), "for": _ref("actor"),
        "basis": TEXT, "from": DATE, "to": DATE, "attested": DATES, "sources": _refs("source"), "notes": TEXT,
    },
    "status": {
        "status": Spec("text", True), "date": Spec("date", True), "sources": _refs("source"), "notes": TEXT,
    },
    "citation": {
        "fields": Spec("list", True), "sources": _refs("source", True), "notes": TEXT,
    },
    "agreement": {
        "id": Spec("id", True), "name": Spec("text", True), "status": Spec("text", True),
        "date": DATE, "start": DATE, "end": DATE, "type": TEXT, "stage": TEXT,
        "process": _ref("process"), "conflict": _refs("conflict"), "event": _ref("event"),
        **{name: _refs("actor") for name in ROLE_OF_LIST},
        "participants": Spec("children", False, "participant"), "topics": _refs("issue"),
        "provisions": Spec("children", False, "provision"), "related": _refs("agreement"),
        "statuses": Spec("children", False, "status"), "pax": TEXT, "ucdp": TEXT, "wikidata": TEXT,
        "wikidata_label": TEXT, "cite": CITATIONS, "sources": _refs("source", True), "notes": TEXT,
    },
    "provision": {
        "text": Spec("text", True), "topics": _refs("issue"), "quantity": Spec("number"),
        "qualifier": TEXT, "unit": TEXT, "each": Spec("bool"), "notes": TEXT,
    },
    "claim": {
        "id": Spec("id", True), "claimant": _ref("actor", True), "stance": Spec("text", True),
        "text": Spec("text", True), "date": DATE, "about": _refs("any"), "alleges": _ref("event"),
        "modality": TEXT, "hedge": TEXT, "topics": _refs("issue"), "property": TEXT,
        "value": TEXT, "sources": _refs("source", True), "notes": TEXT,
    },
}

# The plural names curated files use for each top-level kind.
PLURALS = {"sources": "source", "actors": "actor", "conflicts": "conflict", "processes": "process",
           "events": "event", "agreements": "agreement", "claims": "claim"}

# Text fields whose value is a term of a vocabulary (`parley vocab SCHEME`); a list of
# refs of kind "issue" (topics) takes terms of the issue scheme.
TERMS: dict[str, dict[str, str]] = {
    "source": {"type": "source-type"}, "actor": {"type": "actor-type"}, "process": {"type": "process-type"},
    "event": {"type": "event-type", "status": "event-status"}, "participant": {"role": "role", "basis": "basis"},
    "agreement": {"status": "agreement-status"}, "status": {"status": "agreement-status"},
    "claim": {"stance": "stance", "modality": "modality"},
}

_COMMON_DOCS = {
    "id": "The record's id: letters, digits, '.', '_' and '-'; other records refer to it.",
    "name": "The name shown for it.", "sources": "The sources (ids) that state it.",
    "notes": "Free text for curators; not a fact.", "wikidata": "Its Wikidata item, a Q-number such as Q43.",
    "wikidata_label": "The label of that Wikidata item, so a reader can check the match.",
    "cite": "Sources for some of its fields apart from the record's own `sources`.",
    "topics": "The issues it is about (terms of the issue scheme).",
    "participants": "Who took part, each with a role.", "start": "When it began.", "end": "When it ended.",
}
# What each field holds, for the reference (`parley schema`); a field not named here
# holds what _COMMON_DOCS says.
FIELD_DOCS: dict[str, dict[str, str]] = {
    "source": {"id": "The source's id, cited in other records' `sources`.", "title": "Its title or headline.",
               "publisher": "Who published it.", "published": "When it was published.",
               "url": "Where it can be read.", "type": "What kind of source it is.",
               "via": "The agency it came through, as text (prefer `relays`).",
               "relays": "Sources it quotes or relays (prov:wasQuotedFrom).",
               "primary": "The primary source behind it (prov:hadPrimarySource).",
               "dataset": "The data set an imported record comes from.", "row": "Its row in that data set."},
    "actor": {"type": "What kind of actor: a state, an organization, a person...",
              "aliases": "Other names it goes by; importers and suggestions match them.",
              "iso": "A state's ISO 3166-1 alpha-3 code (TUR).", "paax": "Its PAA-X actor id.",
              "gwno": "Its Gleditsch-Ward country number.", "ucdp": "Its UCDP actor id.", "acled": "Its ACLED actor name.",
              "part_of": "The actor it is a unit of (a ministry of its state).",
              "original_name": "The name as the imported data set writes it.",
              "posts": "Posts the person held, each dated by `from`/`to` or `attested`."},
    "post": {"post": "The title of the post.", "of": "The state or organization the post is in.",
             "from": "When the post was taken up.", "to": "When it was left.",
             "attested": "Dates a source attests the post; without from and to it is known only over them.",
             "sources": "The sources that state this post, if not the actor's."},
    "conflict": {"ucdp": "Its UCDP conflict id."},
    "process": {"type": "What kind of process.", "conflict": "The conflict it is about.",
                "parent": "The process it is a sub-track of.",
                "participants": "Actors in the process as a whole (members of a mechanism, standing mediators)."},
    "event": {"type": "What kind of event.", "date": "When it took place (2022, 2025-07 or 2026-01-01).",
              "status": "Whether it happened (held when not given).", "place": "Where it took place, as text.",
              "process": "The negotiation process it belongs to.", "outcome": "What came of it, as the source puts it."},
    "participant": {"actor": "Who took part.", "role": "In which role.",
                    "for": "The principal it acted for (a person's state).",
                    "basis": "Whether the participation is formal or practical.",
                    "from": "When the participation (a membership) began.", "to": "When it ended.",
                    "attested": "Dates a source attests the participation.",
                    "sources": "The sources that state this participation, if not the record's."},
    "status": {"status": "The status the agreement took.", "date": "When it took that status.",
               "sources": "The sources that state this change."},
    "citation": {"fields": "The fields of the record these sources support.",
                 "sources": "The sources (or a CuratorKnowledge source) behind those fields."},
    "agreement": {"status": "Where the agreement stands now.", "date": "When it was agreed or signed.",
                  "start": "When it took effect.", "end": "When it ended.", "type": "Its type, as PA-X codes it.",
                  "stage": "Its stage, as PA-X codes it.", "process": "The process it came out of.",
                  "conflict": "The conflicts it is about.", "event": "The event it came out of (a signing).",
                  **{name: f"Actors in the role {role} (a short form of participants)."
                     for name, role in ROLE_OF_LIST.items()},
                  "provisions": "What it provides, each with a quantity where it gives one.",
                  "related": "Agreements it amends, implements or relates to.",
                  "statuses": "Its dated status history.", "pax": "Its PA-X agreement id (AgtId).",
                  "ucdp": "Its UCDP peace agreement id."},
    "provision": {"text": "The provision, as the agreement words it.", "quantity": "A number it gives (1000 or 1,000).",
                  "qualifier": "How the number is bounded: exactly, over, at least, up to, under, about.",
                  "unit": "What the number counts.", "each": "Whether the number applies to each side."},
    "claim": {"id": "The claim's id.", "claimant": "Who makes the claim.", "stance": "What the claimant does with it.",
              "text": "The claim, as the source words it.", "date": "When it was made.",
              "about": "What it is about: actors, events, processes or agreements.",
              "alleges": "The event it alleges.", "modality": "How sure it is put.",
              "hedge": "The source's hedge (\"according to Turkish security sources\").",
              "property": "What the claim gives a value for, to compare claims (conflicting-claims).",
              "value": "The value it gives.", "sources": "The sources that carry the claim."},
}


def field_doc(kind: str, name: str) -> str:
    """What field ``name`` of a ``kind`` record holds.

    >>> field_doc("event", "place"), field_doc("event", "sources")
    ('Where it took place, as text.', 'The sources (ids) that state it.')
    """
    return FIELD_DOCS[kind].get(name) or _COMMON_DOCS[name]

_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}




def _describe(value: Any) -> str:
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "text"


def _scalar(name: str, raw: Field, problems: list[str]) -> str | None:
    if isinstance(raw.value, (list, dict)):
        problems.append(f"{name} must be a single value, not {_describe(raw.value)}")
        return None
    return raw.value


def to_record(kind: str, raw: Field, file: str, child_id: str = "",
              owner: str = "") -> tuple[Record | None, list[Problem]]:
    """Check one raw mapping against the fields of ``kind`` and build its Record.

    Child records (``child_id`` set) are reported under their ``owner``'s label.
    Returns the record (None when ``raw`` is not a mapping) and every problem
    found; a record with problems lacks the fields that could not be read.

    >>> rec, problems = to_record("source", Field({"id": Field("s1", 2), "title": Field("T", 3)}, 2), "f.yaml")
    >>> rec.fields["title"], problems
    ('T', [])
    """
    quick = _well_formed(kind, raw, file, child_id)
    if quick is not None:
        return quick, []
    specs = FIELDS[kind]
    given = raw.value
    if not isinstance(given, dict):
        where = f"{kind} {child_id}: " if owner else ""
        return None, [Problem(file, raw.line, owner or kind, f"{where}expected a mapping of fields, found {_describe(given)}")]
    record_id = child_id
    if not child_id:
        id_field = given.get("id")
        record_id = str(id_field.value).strip() if id_field and id_field.value not in _EMPTY and \
            not isinstance(id_field.value, (list, dict)) else "?"
    record = Record(kind, record_id, Loc(file, raw.line))
    label = f"{kind} {record_id}"
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        if owner:
            problems.append(Problem(file, line, owner, f"{label}: {message}"))
        else:
            problems.append(Problem(file, line, label, message))

    for name, item in given.items():
        if name not in specs:
            problem(item.line, f"unknown field '{name}'{did_you_mean(name, specs)}")
    fields, lines = record.fields, record.lines
    for name, spec in specs.items():
        item = given.get(name)
        if item is None or item.value in _EMPTY:
            if spec.required:
                problem(raw.line, f"missing required field '{name}'")
            continue
        lines[name] = item.line
        value = item.value
        if spec.type == "text" and value.__class__ is str:  # the common case, first
            fields[name] = value.strip()
            continue
        messages: list[str] = []
        value = _convert(name, spec, item, file, messages, problems, owner or label)
        for message in messages:
            problem(item.line, message)
        if value is not None:
            fields[name] = value
    return record, problems


def _convert(name: str, spec: Spec, item: Field, file: str, messages: list[str],
             problems: list[Problem], owner: str) -> Any:
    if spec.type == "children":
        entries = item.value if isinstance(item.value, list) else None
        if entries is None:
            messages.append(f"{name} must be a list of mappings, not {_describe(item.value)}")
            return None
        children = []
        for position, entry in enumerate(entries, start=1):
            child, child_problems = to_record(spec.of, entry, entry.file or file, child_id=str(position), owner=owner)
            problems.extend(child_problems)
            if child is not None:
                children.append(child)
        return children
    if spec.type in ("list", "dates"):
        entries = item.value if isinstance(item.value, list) else [item]
        out = []
        for entry in entries:
            text = _scalar(f"each entry of {name}", entry, messages)
            if text is None:
                continue
            text = text.strip()
            if spec.type == "dates":
                try:
                    out.append(_date(text))
                except ValueError as err:
                    messages.append(f"{name}: {err}")
                continue
            value = _as_id(text) if spec.of else text
            if value is None:
                messages.append(f"{name}: '{text}' is not an id (letters, digits, '.', '_', '-')")
                continue
            out.append(value)
        return out
    text = _scalar(name, item, messages)
    if text is None:
        return None
    text = text.strip()
    if spec.type in ("id", "ref"):
        identifier = _as_id(text)
        if identifier is None:
            messages.append(f"{name} '{text}' is not an id (letters, digits, '.', '_', '-'; no spaces)")
        return identifier
    if spec.type == "date":
        try:
            return _date(text)
        except ValueError as err:
            messages.append(f"{name}: {err}")
            return None
    if spec.type == "number":
        number = _number(text)
        if number is None:
            messages.append(f"{name} '{text}' is not a number (a finite one, in ASCII digits)")
        return number
    if spec.type == "bool":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        messages.append(f"{name} '{text}' is not true or false")
        return None
    return text


_EMPTY = (None, "", [])
_REQUIRED = {kind: tuple(name for name, spec in specs.items() if spec.required) for kind, specs in FIELDS.items()}


def _well_formed(kind: str, raw: Field, file: str, child_id: str) -> Record | None:
    """The record, if ``raw`` has no problem at all; None otherwise, for :func:`to_record`
    to find and report every problem in order. Most input is well formed: this checks it
    field by field as given, not against every field the kind could have."""
    given = raw.value
    if given.__class__ is not dict:
        return None
    specs = FIELDS[kind]
    fields: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for name, item in given.items():
        spec = specs.get(name)
        if spec is None:
            return None
        value = item.value
        if value in _EMPTY:
            continue
        of = spec.type
        if value.__class__ is str:
            if of == "text":
                value = value.strip()
            elif of == "id" or of == "ref" or (of == "list" and spec.of):
                value = _as_id(value.strip())
                if value is None:
                    return None
                if of == "list":
                    value = [value]
            elif of == "date":
                try:
                    value = _date(value.strip())
                except ValueError:
                    return None
            elif of == "list":
                value = [value.strip()]
            elif of == "number":
                value = _number(value)
                if value is None:
                    return None
            elif of == "bool" and value.strip().lower() in _TRUE | _FALSE:
                value = value.strip().lower() in _TRUE
            else:
                return None
        elif value.__class__ is list and of == "list":
            entries = []
            for entry in value:
                text = entry.value
                if text.__class__ is not str:
                    return None
                text = text.strip()
                if spec.of:
                    text = _as_id(text)
                    if text is None:
                        return None
                entries.append(text)
            value = entries
        elif value.__class__ is list and of == "children":
            children = []
            for position, entry in enumerate(value, start=1):
                child = _well_formed(spec.of, entry, entry.file or file, str(position))
                if child is None:
                    return None
                children.append(child)
            value = children
        else:
            return None
        fields[name] = value
        lines[name] = item.line
    for name in _REQUIRED[kind]:
        if name not in fields:
            return None
    return Record(kind, child_id or fields.get("id", "?"), Loc(file, raw.line), fields, lines)


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _number(text: str) -> float | None:
    """A number written in ASCII digits (with ',' as thousands separators), or None for
    anything else: 'nan', 'inf', '1e999' (too large to be finite), '١٠٠٠'."""
    text = text.strip().replace(",", "")
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


@lru_cache(maxsize=1 << 16)
def _as_id(text: str) -> str | None:
    """``text`` as an id, one shared copy of each (ids repeat across records), or None."""
    return sys.intern(text) if ID_PATTERN.match(text) else None


@lru_cache(maxsize=1 << 16)
def _date(text: str) -> PartialDate:
    return parse_date(text)
