"""PeaceRep's PA-X Peace Agreement Actor data (PAA-X) to records.

PAA-X codes by hand, for each PA-X agreement, every signatory and third party: one
row per (agreement, actor) with ``signatory_type`` (``party`` or ``third party``),
``practical_third`` (a formal party acting in practice as a third party),
``condition``, and the actor's ids and type. Each row becomes a participation of the
agreement ``pax-<AgtId>`` (the id the PA-X importer gives it), and each actor an actor
record carrying PAA-X's ids (``id_paax``, ISO code, Gleditsch-Ward number, UCDP id,
ACLED name) and names as aliases, so the resolver of every importer read after it
knows them. Where the PA-X file is imported too, :func:`with_coded_actors` makes
PAA-X's coding the agreement's collective actors (see there).

PAA-X is under the PA-X terms (CC BY-NC-SA 4.0): never bundled; users point parley at
their own download.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from parley.loaders.actors import ActorResolver
from parley.loaders.importing import ImportResult, make, merge_participants, parties_in, safe_date
from parley.loaders.tables import Row, read_table
from parley.model.errors import Problem
from parley.model.namespaces import slug
from parley.model.records import Loc, Record
from parley.model.vocabulary import term_key

__all__ = ["import_paax", "known_actor", "with_coded_actors", "PAAX_TYPES"]

REQUIRED = ("AgtId", "signatory_type", "actor_name")
RENAMES = {"AgtID": "AgtId", "Agt": "agt_name"}
# PAA-X's actor_type -> parley's actor class ("Other" stays a plain actor).
PAAX_TYPES = {"country/state": "State", "intergovernmental organization": "IntergovernmentalOrganization",
              "armed organization": "ArmedGroup", "political party": "PoliticalParty",
              "civil society": "NonGovernmentalOrganization", "state coalition": "Group",
              "entity": "TerritorialEntity", "other": "Actor"}
_SIDES = {"party": "party", "third party": "third-party", "third-party": "third-party", "thirdparty": "third-party"}
_DATASET = "PA-X Peace Agreement Actor data (PAA-X)"
_PUBLISHER = "PeaceRep, University of Edinburgh"
_YEARS = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*$")  # ACLED's "Government of Sudan (2019-)"


def _number(text: str) -> str:
    """An id written as a float by the export ("625.0") as the integer it is."""
    text = text.strip()
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text


def known_actor(row: Row, resolver: ActorResolver) -> tuple[str, str, str, str] | None:
    """The known state or organization a PAA-X row codes, by its ISO code (a state)
    or its name or abbreviation (anything else), or None. A state is never matched to
    an organization's name, nor the reverse.

    >>> known_actor({"actor_type": "Country/State", "actor_iso3c": "QAT", "actor_name": "Qatar"}, ActorResolver())[0]
    'qatar'
    >>> known_actor({"actor_type": "Intergovernmental Organization", "actor_name": "United Nations (General)"},
    ...             ActorResolver())[0]
    'united-nations'
    """
    state = PAAX_TYPES.get(row.get("actor_type", "").strip().lower()) == "State"
    iso = row.get("actor_iso3c", "").strip().upper()
    tried = ([iso] if state and re.fullmatch(r"[A-Z]{3}", iso) else []) + \
        [row.get("actor_name", ""), row.get("abbreviation", "")]
    for name in (n.strip() for n in tried):
        found = resolver.lookup(name) if name else None
        if found is not None and (found[1] == "State") == state:
            return found
    return None


def _aliases(row: Row, name: str) -> list[str]:
    """PAA-X's other names of an actor: its own name, abbreviation, UCDP and ACLED names."""
    out: list[str] = []
    for text in (row.get("actor_name", ""), row.get("abbreviation", ""), row.get("ucdp_name", ""),
                 _YEARS.sub("", row.get("acled_name", ""))):
        text = " ".join(text.split())
        if text and term_key(text) != term_key(name) and all(term_key(text) != term_key(a) for a in out):
            out.append(text)
    return out


class _Actors:
    """The actor records of one PAA-X file, one per PAA-X actor."""

    def __init__(self, resolver: ActorResolver, result: ImportResult) -> None:
        self.resolver, self.result = resolver, result
        self.by_paax: dict[str, str] = {}
        self.taken: dict[str, str] = {}  # id -> the PAA-X actor it was made for
        self.curated = {actor.id for actor in resolver.curated}

    def actor(self, row: Row, loc: Loc, source: str) -> str:
        key = row.get("id_paax", "").strip() or row.get("actor_id", "").strip() or term_key(row["actor_name"])
        if key in self.by_paax:
            actor_id = self.by_paax[key]
            record = self.result.records.get(("actor", actor_id))
            if record is not None and source not in record.fields["sources"] and len(record.fields["sources"]) < 5:
                record.fields["sources"].append(source)
            return actor_id
        found = known_actor(row, self.resolver)
        if found is not None:
            actor_id, kind, name, iso = found
        else:
            name = " ".join(row["actor_name"].split())
            actor_id, kind, iso = slug(name)[:60].rstrip("-") or "paax-actor", PAAX_TYPES.get(
                row.get("actor_type", "").strip().lower(), "Actor"), ""
            if actor_id in self.taken and self.taken[actor_id] != key:
                actor_id = f"{actor_id}-{slug(key)}"
        self.by_paax[key] = actor_id
        self.taken[actor_id] = key
        existing = self.result.records.get(("actor", actor_id))
        if existing is not None:  # another PAA-X actor parley knows as the same (European Commission, EU)
            aliases = existing.fields.setdefault("aliases", [])
            aliases.extend(a for a in _aliases(row, existing.get("name", "")) if a not in aliases)
            if source not in existing.fields["sources"] and len(existing.fields["sources"]) < 5:
                existing.fields["sources"].append(source)
        elif actor_id not in self.curated:
            extra = {"paax": row.get("id_paax", "").strip(), "gwno": _number(row.get("actor_gwno", "")),
                     "ucdp": _number(row.get("ucdp_id", "")),
                     "acled": _YEARS.sub("", " ".join(row.get("acled_name", "").split()))}
            unknown = {"original_name": name} if found is None else {}  # parley's tables do not know it
            self.result.add(make("actor", actor_id, loc, type=kind, name=name, aliases=_aliases(row, name), **unknown,
                                 iso=iso or (row.get("actor_iso3c", "").strip().upper() if kind == "State" else ""),
                                 sources=[source], **extra))
        return actor_id


def import_paax(path: Path, display: str, *, resolver: ActorResolver, release: str | None = None,
                encoding: str = "utf-8") -> ImportResult:
    """Read a PAA-X signatories CSV into agreements (``pax-<AgtId>``) with their coded
    parties and third parties, the actors with PAA-X's ids, and a source per agreement.

    A party with ``practical_third`` set also gets a third-party participation of basis
    ``practical``; ``condition`` is kept in the participation's notes. Rows that cannot
    be read (a bad AgtId or date, an unknown ``signatory_type``) are left out with a
    located warning; an agreement with fewer than two coded parties is left out too.
    """
    result = ImportResult("PAA-X", display)
    dataset = f"{_DATASET} {release}" if release else _DATASET
    actors = _Actors(resolver, result)
    agreements: dict[str, Record] = {}
    for line, row in read_table(path, display, required=REQUIRED, renames=RENAMES, encoding=encoding):
        result.rows += 1
        loc = Loc(display, line)
        agt_id = _number(row["AgtId"])
        side = _SIDES.get(row["signatory_type"].strip().lower())
        if not re.fullmatch(r"\d+", agt_id):
            result.warnings.append(Problem(display, line, "", f"AgtId '{agt_id}' is not a number; row left out"))
            continue
        if side is None or not row["actor_name"].strip():
            what = (f"signatory_type '{row['signatory_type']}' is not 'party' or 'third party'" if side is None
                    else "actor_name is empty")
            result.warnings.append(Problem(display, line, f"AgtId {agt_id}", f"{what}; row left out"))
            continue
        source = f"paax-{agt_id}"
        agreement = agreements.get(agt_id)
        if agreement is None:
            date = safe_date(row.get("Dat", ""), result, loc, "Dat") if row.get("Dat", "").strip() else None
            if date is None:
                if not row.get("Dat", "").strip():
                    result.warnings.append(Problem(display, line, f"AgtId {agt_id}", "Dat is empty; row left out"))
                continue
            agreement = _agreement(row, agt_id, date, loc, source, dataset, result)
            agreements[agt_id] = agreement
        actor = actors.actor(row, loc, source)
        notes = f"PAA-X condition {row['condition'].strip()}" if row.get("condition", "").strip() else ""
        coded = [{"actor": actor, "role": side, "basis": "formal", "notes": notes}]
        if side == "party" and _number(row.get("practical_third", "")) == "1":
            coded.append({"actor": actor, "role": "third-party", "basis": "practical", "notes": notes})
        participants = agreement.fields.setdefault("participants", [])
        agreement.lines.setdefault("participants", line)
        for fields in coded:
            fields = {k: v for k, v in fields.items() if v}
            participants.append(Record("participant", str(len(participants) + 1), loc, fields,
                                       {k: line for k in fields}))
    for agt_id, agreement in agreements.items():
        coded = sorted((p.fields for p in agreement.fields["participants"]), key=lambda f: f["basis"] == "practical")
        merged = merge_participants(coded)  # a coded third party is a formal one, practical or not
        agreement.fields["participants"] = [Record("participant", str(n), agreement.loc, fields,
                                                   {k: agreement.loc.line for k in fields})
                                            for n, fields in enumerate(merged, start=1)]
        if parties_in(merged) < 2:
            found = parties_in(merged)
            result.leave_out(resolver, f"paax-{agt_id}", Problem(display, agreement.loc.line, f"AgtId {agt_id}",
                             f"{found} part{'y' if found == 1 else 'ies'} coded (an agreement needs two); left out"))
            continue
        result.add(agreement)
    result.finish(resolver)
    return result


def _agreement(row: Row, agt_id: str, date: object, loc: Loc, source: str, dataset: str,
               result: ImportResult) -> Record:
    """The agreement a PAA-X row belongs to (from the PA-X columns every row repeats)."""
    title = " ".join(row.get("agt_name", "").split()) or f"PA-X agreement {agt_id}"
    url = row.get("PAX_Hyperlink", "").strip()
    result.add(make("source", source, loc, type="DatasetRecord", title=f"{dataset}, AgtId {agt_id}: {title}"[:300],
                    publisher=_PUBLISHER, dataset=dataset, row=agt_id, url=url if url.startswith("https://") else ""))
    fields: dict = {"name": title, "date": date, "status": "signed", "pax": agt_id, "sources": [source]}
    ucdp = _number(row.get("UcdpAgr", ""))
    if ucdp.isdigit():
        fields["ucdp"] = ucdp
    if row.get("Con", "").strip():
        conflict = "pax-conflict-" + slug(row["Con"])
        fields["conflict"] = [conflict]
        extra = {"ucdp": _number(row["UcdpCon"])} if _number(row.get("UcdpCon", "")).isdigit() else {}
        result.add(make("conflict", conflict, loc, name=row["Con"].strip(), sources=[source], **extra),
                   merge_sources=True)
    agreement = make("agreement", f"pax-{agt_id}", loc, **fields)
    agreement.fields["participants"] = []
    return agreement


_SPECIFIC = ("mediator", "facilitator", "guarantor", "witness", "observer", "host")


def with_coded_actors(records: Iterable[Record]) -> list[Record]:
    """The records with each agreement that PAA-X codes and the PA-X file also holds
    made one: PAA-X's coding gives its collective actors and whether each is a party
    or a third party; the free text adds only people (signing or acting for a coded
    actor) and the wording of third-party roles (a coded third party the text calls a
    witness, mediator or guarantor gets that role). The PA-X record keeps its other
    fields and takes PAA-X's sources; the PAA-X record goes.

    >>> loc = Loc("pax.csv", 2)
    >>> actors = [make("actor", a, loc, type=t, name=a) for a, t in
    ...           [("sudan", "State"), ("jem", "ArmedGroup"), ("qatar", "State"), ("chad", "State"), ("ali", "Person")]]
    >>> text = make("agreement", "pax-7", loc, pax="7", sources=["pax-7"], participants=[
    ...     {"actor": "sudan", "role": "party"}, {"actor": "chad", "role": "party"},
    ...     {"actor": "ali", "role": "party-signatory", "for": "sudan"}, {"actor": "qatar", "role": "witness"}])
    >>> coded = make("agreement", "pax-7", Loc("paax.csv", 5), pax="7", sources=["paax-7"], participants=[
    ...     {"actor": "sudan", "role": "party"}, {"actor": "jem", "role": "party"},
    ...     {"actor": "qatar", "role": "third-party"}])
    >>> [merged] = [r for r in with_coded_actors(actors + [text, coded]) if r.kind == "agreement"]
    >>> [(p.get("actor"), p.get("role")) for p in merged.get("participants")]
    [('sudan', 'party'), ('jem', 'party'), ('qatar', 'witness'), ('ali', 'party-signatory')]
    >>> merged.get("sources")
    ['pax-7', 'paax-7']
    """
    records = list(records)
    people = {r.id for r in records if r.kind == "actor" and r.get("type") == "Person"}
    coded = {r.id: r for r in records if r.kind == "agreement" and f"paax-{r.get('pax')}" in r.get("sources", [])}
    dropped: set[int] = set()
    for record in records:
        other = coded.get(record.id) if record.kind == "agreement" else None
        if other is None or other is record:
            continue
        wording = {p.get("actor"): p.get("role") for p in record.get("participants", []) if p.get("role") in _SPECIFIC}
        children: list[Record] = []
        for participant in other.get("participants", []):
            fields = dict(participant.fields)
            if fields.get("role") == "third-party" and fields.get("basis") != "practical" \
                    and fields.get("actor") in wording:
                fields["role"] = wording[fields["actor"]]
            children.append(Record("participant", str(len(children) + 1), participant.loc, fields,
                                   dict(participant.lines)))
        actors = {c.get("actor") for c in children}
        for participant in record.get("participants", []):  # people, for a coded actor or for no one
            if participant.get("actor") in people:
                fields = dict(participant.fields)
                if fields.get("for") not in actors:
                    fields.pop("for", None)
                lines = {k: v for k, v in participant.lines.items() if k in fields}
                children.append(Record("participant", str(len(children) + 1), participant.loc, fields, lines))
        record.fields["participants"] = children
        record.lines.setdefault("participants", record.loc.line)
        sources = record.fields.setdefault("sources", [])
        sources.extend(s for s in other.get("sources", []) if s not in sources)
        if other.get("ucdp") and not record.get("ucdp"):
            record.fields["ucdp"] = other.get("ucdp")
            record.lines["ucdp"] = record.loc.line
        dropped.add(id(other))
    return [record for record in records if id(record) not in dropped]
