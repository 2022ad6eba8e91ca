"""Checks across records: unique ids, references that resolve, terms from the vocabularies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from parley.errors import Problem
from parley.loaders.schema import FIELDS, ROLE_OF_LIST, did_you_mean
from parley.records import Record
from parley.vocabulary import term_key, vocabulary

__all__ = ["check_records", "walk", "ANY_KINDS"]

ANY_KINDS = ("actor", "event", "agreement", "process", "conflict")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
QUALIFIERS = ("exactly", "over", "at least", "up to", "under", "about")


def walk(records: list[Record]) -> Iterator[tuple[Record, Record]]:
    """Every record and child record, each with the top-level record it belongs to."""
    for record in records:
        yield record, record
        for name, spec in FIELDS[record.kind].items():
            if spec.type == "children":
                for child in record.get(name, []):
                    yield child, record


def check_records(records: list[Record]) -> list[Problem]:
    """Every problem between records: duplicate ids, unknown references, unknown terms.

    >>> from parley.records import Loc
    >>> a = Record("actor", "x", Loc("a.yaml", 1), {"type": "State", "name": "X", "sources": ["s"]})
    >>> [p.message for p in check_records([a])]
    ["unknown source 's'"]
    """
    problems: list[Problem] = []
    ids: dict[str, dict[str, Record]] = {kind: {} for kind in FIELDS}
    for record in records:
        first = ids[record.kind].get(record.id)
        if first is not None:
            problems.append(Problem(record.loc.file, record.loc.line, record.label,
                                    f"duplicate id (first defined at {first.loc.file}:{first.loc.line})"))
        else:
            ids[record.kind][record.id] = record
    aliases = {term_key(text): actor.id for actor in ids["actor"].values()
               for text in [actor.id, actor.get("name", ""), *actor.get("aliases", [])]}
    vocab = vocabulary()
    for item, owner in walk(records):
        def problem(field: str, message: str, item: Record = item, owner: Record = owner) -> None:
            prefix = "" if item is owner else f"{item.kind} {item.id}: "
            problems.append(Problem(item.loc.file, item.where(field).line, owner.label, prefix + message))

        for name, spec in FIELDS[item.kind].items():
            if spec.type not in ("ref", "list") or not spec.of or name not in item.fields:
                continue
            values = item.fields[name] if spec.type == "list" else [item.fields[name]]
            for value in values:
                if spec.of == "issue":
                    if term_key(value) not in vocab.issues:
                        problem(name, f"unknown topic '{value}'{did_you_mean(value, [v[0] for v in vocab.issues.values()])}")
                    continue
                kinds = ANY_KINDS if spec.of == "any" else (spec.of,)
                if any(value in ids[kind] for kind in kinds):
                    continue
                known = [known_id for kind in kinds for known_id in ids[kind]]
                hint = did_you_mean(value, known)
                if not hint and "actor" in kinds and term_key(value) in aliases:
                    hint = f" (did you mean {aliases[term_key(value)]}?)"
                what = "reference" if spec.of == "any" else spec.of
                problem(name, f"unknown {what} '{value}'{hint}")
        for name, table, what in _TERM_FIELDS.get(item.kind, ()):
            value = item.get(name)
            if value is not None and term_key(value) not in getattr(vocab, table):
                choices = [v[0] for v in getattr(vocab, table).values()]
                problem(name, f"unknown {what} '{value}'{did_you_mean(value, choices)}; use one of {', '.join(sorted(choices))}")
        if item.get("wikidata") and not _WIKIDATA.match(item.get("wikidata")):
            problem("wikidata", f"wikidata id '{item.get('wikidata')}' is not a Q-number such as Q43")
        if item.get("iso") and not _ISO3.match(item.get("iso")):
            problem("iso", f"iso code '{item.get('iso')}' is not three capital letters (ISO 3166-1 alpha-3)")
        if item is owner:
            problems.extend(_repeated_participants(item, vocab))
        if item.get("qualifier") and item.get("qualifier") not in QUALIFIERS:
            problem("qualifier", f"unknown qualifier '{item.get('qualifier')}'; use one of {', '.join(QUALIFIERS)}")
    return problems


def _repeated_participants(record: Record, vocab) -> list[Problem]:
    """An actor named twice in the same role of one record."""
    seen: dict[tuple[str, str], int] = {}
    problems = []
    entries = [(p.get("actor"), p.get("role"), p.loc.line) for p in record.get("participants", [])]
    entries += [(actor, role, record.lines[name]) for name, role in ROLE_OF_LIST.items() for actor in record.get(name, [])]
    for actor, role, line in entries:
        key = (actor, vocab.roles.get(term_key(role or ""), (role,))[0])
        if key in seen:
            problems.append(Problem(record.loc.file, line, record.label,
                                    f"{actor} is listed twice as {key[1]} (also at line {seen[key]})"))
        seen.setdefault(key, line)
    return problems


_TERM_FIELDS = {
    "source": [("type", "source_types", "source type")],
    "actor": [("type", "actor_types", "actor type")],
    "process": [("type", "process_types", "process type")],
    "event": [("type", "event_types", "event type"), ("status", "event_statuses", "event status")],
    "participant": [("role", "roles", "role"), ("basis", "bases", "basis")],
    "agreement": [("status", "agreement_statuses", "agreement status")],
}
