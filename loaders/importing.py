"""What every importer of a published data set shares: the result it returns, record
construction, dates, and topic flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from parley.loaders.actors import ActorResolver
from parley.model.errors import Problem
from parley.model.records import Loc, PartialDate, Record, parse_date

__all__ = ["ImportResult", "make", "safe_date", "topics_from_flags", "merge_participants", "parties_in",
           "one_node_per_agreement"]

_CHILDREN = {"participants": "participant", "provisions": "provision", "posts": "post"}


@dataclass
class ImportResult:
    """Records read from one data-set file, with counts for the report."""

    dataset: str
    file: str
    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the file cannot be imported
    warnings: list[Problem] = field(default_factory=list)  # a row left out; the rest imports
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
            self.warnings.append(Problem(record.loc.file, record.loc.line, record.label,
                                         f"duplicate id (first at line {existing.loc.line}); left out"))

    def leave_out(self, resolver: ActorResolver, source: str, problem: Problem) -> None:
        """Take back a row that cannot make a valid record, with a warning saying why:
        its source, and what only it named."""
        self.warnings.append(problem)
        resolver.forget(source)
        for key, record in list(self.records.items()):
            cited = record.get("sources") or []
            if key == ("source", source) or (key[0] != "actor" and cited == [source]):
                del self.records[key]
            elif source in cited:
                cited.remove(source)

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
        parts = ", ".join(f"{n} {plural.get(kind, kind + 's') if n != 1 else kind}"
                          for kind, n in sorted(counts.items())) or "nothing"
        names = "actor name" if self.unresolved == 1 else "actor names"
        warned = len(self.warnings)
        return (f"{self.dataset} {self.file}: {self.rows} row{'s' if self.rows != 1 else ''} -> {parts}; {self.unresolved} {names} unresolved"
                + (f"; {self.skipped} row{'s' if self.skipped != 1 else ''} skipped ({self._reasons()})" if self.skipped else "")
                + (f"; {warned} warning{'s' if warned != 1 else ''}" if warned else ""))

    def _reasons(self) -> str:
        counted = sorted(self.skip_reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        return ", ".join(f"{n} {reason}" for reason, n in counted)


def make(kind: str, record_id: str, loc: Loc, *, bulk: bool = False, **fields: Any) -> Record:
    """A record whose every field (and child) comes from the row at ``loc``; a ``bulk``
    record (see :class:`~parley.model.records.Record`) notes no line per field, as every
    field is on the row's line.

    >>> make("event", "e1", Loc("f.tab", 7), bulk=True, name="Talks", participants=[{"actor": "a"}]).where("name")
    Loc(file='f.tab', line=7)
    """
    values: dict[str, Any] = {"id": record_id} if kind not in _CHILDREN.values() else {}
    for name, value in fields.items():
        if value in (None, "", []):
            continue
        if name in _CHILDREN:
            value = [Record(_CHILDREN[name], str(i), loc, dict(child), {} if bulk else {k: loc.line for k in child})
                     for i, child in enumerate(value, start=1)]
        values[name] = value
    return Record(kind, record_id, loc, values, {} if bulk else {name: loc.line for name in values}, bulk)


_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def safe_date(text: str, result: ImportResult, loc: Loc, column: str) -> PartialDate | None:
    """The row's date, or None with a warning recorded (the row is then left out). Besides
    ISO dates, PeaceRep's day-first ``DD/MM/YYYY`` (as in PAA-X) is read.

    >>> str(safe_date("05/01/1999", ImportResult("PA-X", "f.csv"), Loc("f.csv", 2), "Dat"))
    '1999-01-05'
    """
    day_first = _DAY_FIRST.match(text.strip())
    if day_first:
        day, month, year = day_first.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        return parse_date(text.strip()[:10])
    except ValueError as err:
        result.warnings.append(Problem(loc.file, loc.line, "", f"{column}: {err}; row left out"))
        return None


def merge_participants(participants: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each (actor, role) once: a list naming a witness twice gives one witness (the
    first, with whom it acts for from any mention).

    >>> merge_participants([{"actor": "a", "role": "witness"}, {"actor": "a", "role": "witness", "for": "b"}])
    [{'actor': 'a', 'role': 'witness', 'for': 'b'}]
    """
    merged: dict[tuple[str, str], dict[str, str]] = {}
    for participant in participants:
        kept = merged.setdefault((participant["actor"], participant["role"]), dict(participant))
        if participant.get("for") and not kept.get("for"):
            kept["for"] = participant["for"]
    return list(merged.values())


def parties_in(participants: list[dict[str, str]]) -> int:
    """How many distinct actors are parties (what an agreement's shape counts)."""
    return len({p["actor"] for p in participants if p["role"] == "party"})


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


def one_node_per_agreement(records: list[Record]) -> list[Record]:
    """The records with each agreement that PA-X and UCDP both hold made one: the PA-X
    agreement whose ``ucdp`` (PA-X's ``UcdpAgr``) is a UCDP agreement's ``paid`` takes
    that agreement's sources, conflicts, topics and the participants it does not name
    yet (as UCDP's file gives them), and the UCDP record goes. Other records pass as
    they are.

    >>> loc = Loc("pax.csv", 2)
    >>> pax = make("agreement", "pax-1", loc, pax="1", ucdp="77", sources=["pax-1"],
    ...            participants=[{"actor": "kenya", "role": "party"}])
    >>> ucdp = make("agreement", "ucdp-77", Loc("ucdp.csv", 5), ucdp="77", sources=["ucdp-77"],
    ...             participants=[{"actor": "kenya", "role": "party"}, {"actor": "uganda", "role": "party"}])
    >>> [(r.id, r.get("sources"), [p.get("actor") for p in r.get("participants")])
    ...  for r in one_node_per_agreement([pax, ucdp])]
    [('pax-1', ['pax-1', 'ucdp-77'], ['kenya', 'uganda'])]
    """
    pax = {r.get("ucdp"): r for r in records if r.kind == "agreement" and r.get("pax") and r.get("ucdp")}
    merged: set[int] = set()
    for record in records:
        if record.kind != "agreement" or record.get("pax") or record.get("ucdp") not in pax:
            continue
        target = pax[record.get("ucdp")]
        for name in ("sources", "conflict", "topics"):
            values = target.fields.setdefault(name, [])
            values.extend(v for v in record.get(name, []) if v not in values)
            target.lines.setdefault(name, target.loc.line)
        children = target.fields.setdefault("participants", [])
        target.lines.setdefault("participants", target.loc.line)
        named = {(p.get("actor"), p.get("role")) for p in children}
        for participant in record.get("participants", []):
            if (participant.get("actor"), participant.get("role")) not in named:
                children.append(Record("participant", str(len(children) + 1), participant.loc,
                                       dict(participant.fields), dict(participant.lines)))
        merged.add(id(record))
    return [record for record in records if id(record) not in merged]
