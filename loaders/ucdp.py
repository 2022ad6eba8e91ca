"""UCDP Peace Agreement Dataset to records.

Each row becomes an agreement with its conflicts (the multi-valued ``conflict_id``),
process (``procID``), parties (the multi-valued ``actor_id`` / ``actor_name``, minus the
third parties), third parties (``pa_3rd``, their role from the wording of ``c_3rd``),
signatories and witnesses (``pa_sign``), type and provision flags as issues, and a
source citing the dataset, its version and the ``paid``.
"""

from __future__ import annotations

import re
from pathlib import Path

from parley.loaders.actors import ActorResolver
from parley.loaders.importing import ImportResult, make, merge_participants, parties_in, safe_date, topics_from_flags
from parley.loaders.parties import parse_parties, role_in, roles_in_comment
from parley.loaders.tables import read_table
from parley.model.errors import Problem
from parley.model.records import Loc

__all__ = ["import_ucdp", "UCDP_TOPICS"]

REQUIRED = ("paid", "pa_name", "pa_date")
RENAMES = {"ref ": "ref", "return ": "return", "PAID": "paid", "pa_Name": "pa_name"}
UCDP_TOPICS = {"cease": "ceasefire", "ddr": "disarmament", "intarmy": "disarmament", "withd": "security-guarantees",
               "pko": "security-guarantees", "pp": "power-sharing", "intgov": "power-sharing",
               "shagov": "power-sharing", "intciv": "power-sharing", "elections": "elections", "aut": "territory",
               "fed": "territory", "ind": "territory", "shaloc": "territory", "regdev": "territory",
               "demarcation": "territory", "locgov": "territory", "terr_prov": "territory", "amn": "justice",
               "justice_prov": "justice", "recon": "justice", "pris": "prisoners-of-war", "return": "refugees",
               "ref": "refugees", "cul": "human-rights", "natalks": "negotiation-process"}
PA_TYPES = {"1": "full peace agreement", "2": "partial peace agreement", "3": "peace process agreement"}
_PUBLISHER = "Uppsala Conflict Data Program"


def import_ucdp(path: Path, display: str, *, resolver: ActorResolver, release: str | None = None,
                encoding: str = "utf-8") -> ImportResult:
    """Read a UCDP Peace Agreement Dataset file (CSV) into records."""
    result = ImportResult("UCDP", display)
    for line, row in read_table(path, display, required=REQUIRED, renames=RENAMES, encoding=encoding):
        result.rows += 1
        loc = Loc(display, line)
        paid = row["paid"].strip()
        date = safe_date(row.get("pa_date", ""), result, loc, "pa_date")
        if date is None:
            continue
        version = release or row.get("version") or "unspecified"
        dataset = f"UCDP Peace Agreement Dataset v{version}"
        source = f"ucdp-{paid}"
        name = " ".join(row["pa_name"].split()) or f"UCDP agreement {paid}"
        result.add(make("source", source, loc, type="DatasetRecord", title=f"{dataset}, paid {paid}: {name}"[:300],
                        publisher=_PUBLISHER, dataset=dataset, row=paid, url=row.get("linktofulltextagreement", "")
                        if row.get("linktofulltextagreement", "").startswith("http") else ""))
        conflicts = []
        for conflict_id in (c.strip() for c in row.get("conflict_id", "").split(",") if c.strip()):
            conflict = f"ucdp-conflict-{conflict_id}"
            single = "," not in row.get("conflict_id", "")
            result.add(make("conflict", conflict, loc, name=row.get("conflict_name") if single and row.get("conflict_name")
                            else f"UCDP conflict {conflict_id}", ucdp=conflict_id, sources=[source]), merge_sources=True)
            conflicts.append(conflict)
        fields: dict = {"name": name, "status": "signed", "date": date, "ucdp": paid, "sources": [source],
                        "conflict": conflicts, "type": PA_TYPES.get(row.get("pa_type", "").strip(), "")}
        if row.get("procID", "").strip() not in ("", "NA", "-99"):
            process = f"ucdp-process-{row['procID'].strip()}"
            fields["process"] = process
            result.add(make("process", process, loc, name=f"{row.get('conflict_name') or 'UCDP'} peace process "
                            f"(UCDP process {row['procID'].strip()})", conflict=conflicts[0] if conflicts else "",
                            sources=[source]), merge_sources=True)
        # c_3rd says in sentences who mediated, hosted, observed...: each its own role; a
        # comment naming nobody ("Facilitator of the agreement.") holds for a lone third party
        comment = row.get("c_3rd", "")
        said = roles_in_comment(comment, resolver)
        lone_role = role_in(comment) if not said else None
        single_state = "," not in row.get("gwno", "") and ":" in row.get("conflict_name", "")
        home = row["conflict_name"].partition(":")[0].strip() if single_state else ""  # "Sudan: Government"
        listed = parse_parties(row.get("pa_3rd", ""), third_party=True, resolver=resolver, loc=loc, source=source,
                               home=home)
        people = {e.actor for e in listed if e.acting_for}
        one_person = len(people) == 1 and not re.search(r"[;\n]", row.get("pa_3rd", ""))  # and the bodies they head
        lone = lone_role if len({e.acting_for or e.actor for e in listed}) == 1 or one_person else None
        third = [(e.actor, e.role if e.role != "third-party" else
                  said.get(e.actor) or said.get(e.acting_for) or lone or "third-party", e.acting_for) for e in listed]
        third_ids = {actor for actor, _, _ in third}
        names = [n.strip() for n in row.get("actor_name", "").split(",") if n.strip()]
        ids = [i.strip() for i in row.get("actor_id", "").split(",") if i.strip()]
        participants = []
        for index, actor_name in enumerate(names):
            own_id = f"ucdp-actor-{ids[index]}" if len(ids) == len(names) else ""
            actor = resolver.resolve(actor_name, loc=loc, source=source, kind="ArmedGroup", new_id=own_id).id
            if actor not in third_ids:
                participants.append({"actor": actor, "role": "party"})
        participants += [{"actor": a, "role": r, **({"for": f} if f else {})} for a, r, f in third]
        for entry in parse_parties(row.get("pa_sign", ""), third_party=False, resolver=resolver, loc=loc, source=source,
                                   home=home):
            if entry.role in ("party-signatory", "witness") and entry.acting_for:
                participants.append({"actor": entry.actor, "role": entry.role, "for": entry.acting_for})
        fields["participants"] = merge_participants(participants)
        if parties_in(fields["participants"]) < 2:
            found = parties_in(fields["participants"])
            result.leave_out(resolver, source, Problem(display, line, f"paid {paid}", f"{found} part"
                             f"{'y' if found == 1 else 'ies'} read from actor_name (an agreement needs two); left out"))
            continue
        fields["topics"] = topics_from_flags(row, UCDP_TOPICS)
        result.add(make("agreement", source, loc, **fields))
    result.finish(resolver)
    return result
