"""Checks across records: unique ids, references that resolve, terms from the vocabularies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from parley.loaders.schema import FIELDS, PLURALS, TERMS
from parley.model.errors import Problem, did_you_mean
from parley.model.records import ANY_KINDS, ROLE_OF_LIST, Record
from parley.model.vocabulary import accepted_terms, term_key, vocabulary

__all__ = ["check_records", "walk"]

_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
QUALIFIERS = ("exactly", "over", "at least", "up to", "under", "about")


def walk(records: list[Record]) -> Iterator[tuple[Record, Record]]:
    """Every record and child record, each with the top-level record it belongs to."""
    for record in records:
        yield record, record
        for name in _CHILDREN[record.kind]:
            for child in record.fields.get(name, ()):
                yield child, record


def check_records(records: list[Record]) -> list[Problem]:
    """Every problem between records: duplicate ids, unknown references, unknown terms.

    >>> from parley.model.records import Loc
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
    known_terms: dict[tuple[str, str], bool] = {}  # (scheme, text) -> whether the vocabulary has it

    def in_vocabulary(scheme: str, text: str) -> bool:
        known = known_terms.get((scheme, text))
        if known is None:
            known = known_terms[(scheme, text)] = term_key(text) in accepted_terms(scheme)
        return known

    for item, owner in walk(records):
        fields = item.fields
        found: list[tuple[str, str]] = []  # (field, message)
        for name, is_list, of in _REFERENCES[item.kind]:
            given = fields.get(name)
            if given is None:
                continue
            for value in given if is_list else (given,):
                if of == "issue":
                    if not in_vocabulary("issue", value):
                        found.append((name, f"unknown topic '{value}'"
                                            f"{did_you_mean(value, [v[0] for v in vocab.issues.values()])}"))
                elif not any(value in ids[kind] for kind in (ANY_KINDS if of == "any" else (of,))):
                    found.append((name, _unknown_reference(value, of, ids, aliases)))
        for name, scheme in TERMS.get(item.kind, {}).items():
            value = fields.get(name)
            if value is not None and not in_vocabulary(scheme, value):
                choices = [v[0] for v in accepted_terms(scheme).values()]
                found.append((name, f"unknown {scheme.replace('-', ' ')} '{value}'{did_you_mean(value, choices)}; "
                                    f"use one of {', '.join(sorted(choices))}"))
        if "wikidata" in fields and fields["wikidata"] and not _WIKIDATA.match(fields["wikidata"]):
            found.append(("wikidata", f"wikidata id '{fields['wikidata']}' is not a Q-number such as Q43"))
        if "iso" in fields and fields["iso"] and not _ISO3.match(fields["iso"]):
            found.append(("iso", f"iso code '{fields['iso']}' is not three capital letters (ISO 3166-1 alpha-3)"))
        if item is owner:
            if found:
                problems.extend(_located(found, item, owner))
                found = []
            problems.extend(_repeated_participants(item, vocab))
        if item.kind == "citation":
            citable = [name for name in FIELDS[owner.kind] if name not in _NOT_CITABLE]
            found += [("fields", f"cites sources for '{name}', which is not a field of {_PLURAL_OF[owner.kind]}; "
                                 f"use {', '.join(citable)}") for name in fields.get("fields", []) if name not in citable]
        if "qualifier" in fields and fields["qualifier"] and fields["qualifier"] not in QUALIFIERS:
            found.append(("qualifier", f"unknown qualifier '{fields['qualifier']}'; use one of {', '.join(QUALIFIERS)}"))
        if found:
            problems.extend(_located(found, item, owner))
    problems.extend(_part_of_cycles(ids["actor"]))
    return problems


_PLURAL_OF = {kind: plural for plural, kind in PLURALS.items()}


def _part_of_cycles(actors: dict[str, Record]) -> list[Problem]:
    """One problem per cycle of ``part_of`` (a unit that would contain itself), on the
    line of the first actor of the cycle in file order."""
    def parents(actor: Record) -> list[str]:
        given = actor.get("part_of")
        return [p for p in (given if isinstance(given, list) else [given] if given else []) if p in actors]

    problems, reported = [], set()
    for start in actors.values():
        path, seen, node = [start.id], {start.id}, start
        stack = [(start.id, iter(parents(start)))]
        while stack:  # depth first, along part_of
            current, pending = stack[-1]
            parent = next(pending, None)
            if parent is None:
                stack.pop()
                path.pop()
                continue
            if parent == start.id:
                cycle = frozenset(path)
                if cycle not in reported:
                    reported.add(cycle)
                    node = actors[start.id]
                    problems.append(Problem(node.loc.file, node.lines.get("part_of", node.loc.line), node.label,
                                            f"part_of makes a cycle ({' -> '.join([*path, start.id])}): "
                                            "a unit cannot be part of itself"))
            elif parent not in seen:
                seen.add(parent)
                path.append(parent)
                stack.append((parent, iter(parents(actors[parent]))))
    return problems


def _located(found: list[tuple[str, str]], item: Record, owner: Record) -> list[Problem]:
    """(field, message) pairs of ``item`` as problems, reported under its ``owner``."""
    prefix = "" if item is owner else f"{item.kind} {item.id}: "
    return [Problem(item.loc.file, item.where(name).line, owner.label, prefix + message) for name, message in found]


def _unknown_reference(value: str, of: str, ids: dict[str, dict[str, Record]], aliases: dict[str, str]) -> str:
    kinds = ANY_KINDS if of == "any" else (of,)
    known = [known_id for kind in kinds for known_id in ids[kind]]
    hint = did_you_mean(value, known)
    if not hint and "actor" in kinds and term_key(value) in aliases:
        hint = f" (did you mean {aliases[term_key(value)]}?)"
    what = "reference" if of == "any" else of
    return f"unknown {what} '{value}'{hint}"


def _repeated_participants(record: Record, vocab) -> list[Problem]:
    """An actor named twice in the same role of one record."""
    entries = [(p.fields.get("actor"), p.fields.get("role"), p.loc.line) for p in record.fields.get("participants", ())]
    entries += [(actor, role, record.lines[name]) for name, role in _ROLE_LISTS[record.kind]
                for actor in record.fields.get(name, ())]
    if len({actor for actor, _, _ in entries}) == len(entries):
        return []  # no actor named twice at all
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for actor, role, line in entries:
        key = (actor, vocab.roles.get(term_key(role or ""), (role,))[0])
        if key in seen:
            problems.append(Problem(record.loc.file, line, record.label,
                                    f"{actor} is listed twice as {key[1]} (also at line {seen[key]})"))
        seen.setdefault(key, line)
    return problems


# Per kind: the fields that refer to other records or to topics, (name, holds a list,
# kind referred to); and the fields that hold child records.
_REFERENCES = {kind: [(name, spec.type == "list", spec.of) for name, spec in specs.items()
                      if spec.type in ("ref", "list") and spec.of] for kind, specs in FIELDS.items()}
_CHILDREN = {kind: [name for name, spec in specs.items() if spec.type == "children"] for kind, specs in FIELDS.items()}
_ROLE_LISTS = {kind: [(name, role) for name, role in ROLE_OF_LIST.items() if name in specs]
               for kind, specs in FIELDS.items()}

_NOT_CITABLE = ("id", "cite", "sources", "notes", "participants", "provisions", "statuses", "posts")
