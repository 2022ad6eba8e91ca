"""The record model every loader produces: plain data, each field with its file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Loc", "Record", "PartialDate", "parse_date", "RECORD_KINDS", "CHILD_KINDS", "ID_PATTERN",
           "ROLE_OF_LIST", "ANY_KINDS"]

# Top-level record kinds, in the order a build emits them.
RECORD_KINDS = ("source", "actor", "conflict", "process", "event", "agreement", "claim")
# Records nested inside others (an actor's posts, an event's participants, ...).
CHILD_KINDS = ("post", "participant", "provision", "status", "citation")
# Kinds a reference that may name any record (a claim's ``about``) can point to.
ANY_KINDS = ("actor", "event", "agreement", "process", "conflict")
# What a record id may be: letters, digits, '.', '_' and '-', not starting with punctuation.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Lists of actors an agreement (or event) may give instead of participants, and the role each means.
ROLE_OF_LIST = {"parties": "party", "mediators": "mediator", "brokers": "mediator",
                "facilitators": "facilitator", "hosts": "host", "witnesses": "witness",
                "guarantors": "guarantor", "observers": "observer", "signatories": "signatory",
                "proposers": "proposer"}


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something was read: a file and a 1-based line (a CSV row's line)."""

    file: str
    line: int


@dataclass(slots=True)
class Record:
    """One curated or imported record.

    ``fields`` holds normalised values (str, int, float, bool, PartialDate, lists of
    those, lists of child Records); ``lines`` holds the line each field was read
    from. Child records (participants, posts, provisions) use their 1-based
    position as id. A ``bulk`` record is a row of a bulk event data set (ICEWS): its
    facts go into its data-set file's graph, cited by file and line, not into a graph
    of its own.

    >>> r = Record("actor", "turkiye", Loc("facts.yaml", 3), {"name": "Türkiye"}, {"name": 3})
    >>> r.where("name"), r.label
    (Loc(file='facts.yaml', line=3), 'actor turkiye')
    """

    kind: str
    id: str
    loc: Loc
    fields: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    bulk: bool = False

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def where(self, name: str | None = None) -> Loc:
        """The location of a field, or of the record itself."""
        if name is not None and name in self.lines:
            return Loc(self.loc.file, self.lines[name])
        return self.loc

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}"


_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only: "٢٠٢٦" is no xsd:date


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date with the precision a source gives: a year, a month or a day.

    >>> parse_date("2025-07").datatype
    'gYearMonth'
    >>> parse_date("2022") < parse_date("2022-02-24")
    True
    """

    text: str

    @property
    def datatype(self) -> str:
        return {4: "gYear", 7: "gYearMonth", 10: "date"}[len(self.text)]

    def __str__(self) -> str:
        return self.text


def parse_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError for anything else.

    >>> parse_date("2025-13-40")
    Traceback (most recent call last):
    ...
    ValueError: 2025-13-40 is not a valid date (use 2022, 2025-07 or 2026-01-01)
    """
    match = _DATE.match(text.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = match.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{text} is not a valid date (use 2022, 2025-07 or 2026-01-01)") from None
    return PartialDate(match.group(0))

