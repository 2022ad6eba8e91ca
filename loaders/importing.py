"""What every importer of a published data set shares: the result it returns, record
construction, dates, and topic flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parley.loaders.actors import ActorResolver
from parley.model.errors import Problem
from parley.model.records import Loc, PartialDate, Record, parse_date

__all__ = ["ImportResult", "make", "safe_date", "topics_from_flags"]

_CHILDREN = {"participants": "participant", "provisions": "provision", "posts": "post"}


@dataclass
class ImportResult:
    """Records read from one data-set file, with counts for the report."""

    dataset: str
    file: str
    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    skipped: int = 0
    unresolved: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        """Count a row left out, and why (shown in the summary)."""
        self.skipped += 1
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1

    def add(self, record: Record, *, merge_sources: bool = False) -> None:
        """Add a record; a second record of the same kind and id only adds its sources."""
        key = (record.kind, record.id)
        existing = self.records.get(key)
        if existing is None:
            self.records[key] = record
        elif merge_sources:
            sources = existing.fields.setdefault("sources", [])
            sources.extend(s for s in record.get("sources", []) if s not in sources and len(sources) < 5)
        else:
            self.problems.append(Problem(record.loc.file, record.loc.line, record.label,
                                         f"duplicate id (first at line {existing.loc.line})"))

    def finish(self, resolver: ActorResolver) -> None:
        """Add the actors the resolver made (curated ones are not repeated)."""
        for record in resolver.records.values():
            self.records.setdefault(("actor", record.id), record)
        self.unresolved = len(resolver.unresolved)

    @property
    def summary(self) -> str:
        counts: dict[str, int] = {}
        for kind, _ in self.records:
            counts[kind] = counts.get(kind, 0) + 1
        plural = {"process": "processes"}
        parts = ", ".join(f"{n} {plural.get(kind, kind + 's') if n != 1 else kind}" for kind, n in sorted(counts.items()))
        names = "actor name" if self.unresolved == 1 else "actor names"
        return (f"{self.dataset} {self.file}: {self.rows} rows -> {parts}; {self.unresolved} {names} unresolved"
                + (f"; {self.skipped} rows skipped ({self._reasons()})" if self.skipped else ""))

    def _reasons(self) -> str:
        counted = sorted(self.skip_reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        return ", ".join(f"{n} {reason}" for reason, n in counted)


def make(kind: str, record_id: str, loc: Loc, **fields: Any) -> Record:
    """A record whose every field (and child) comes from the row at ``loc``."""
    values: dict[str, Any] = {"id": record_id} if kind not in _CHILDREN.values() else {}
    for name, value in fields.items():
        if value in (None, "", []):
            continue
        if name in _CHILDREN:
            value = [Record(_CHILDREN[name], str(i), loc, dict(child), {k: loc.line for k in child})
                     for i, child in enumerate(value, start=1)]
        values[name] = value
    return Record(kind, record_id, loc, values, {name: loc.line for name in values})


def safe_date(text: str, result: ImportResult, loc: Loc, column: str) -> PartialDate | None:
    """The row's date, or None with a problem recorded (the row is then skipped)."""
    try:
        return parse_date(text.strip()[:10])
    except ValueError as err:
        result.problems.append(Problem(loc.file, loc.line, "", f"{column}: {err}"))
        return None


def topics_from_flags(row: dict[str, str], mapping: dict[str, str]) -> list[str]:
    """The issues whose flag columns are set (anything but empty, 0 or NA).

    >>> topics_from_flags({"Ce": "2", "Ele": "0", "HrGen": "NA"}, {"Ce": "ceasefire", "Ele": "elections"})
    ['ceasefire']
    """
    found = []
    for column, issue in mapping.items():
        value = row.get(column, "").strip()
        if value and value not in ("0", "NA", "N/A", "-99") and issue not in found:
            found.append(issue)
    return found
