"""PA-X Peace Agreements Database (agreement level) to records.

Each row becomes an agreement (with its process, conflict, status, type, stage,
topics, parties and third parties) and a source citing PA-X, its release and the
AgtId. PA-X may not be bundled or redistributed: users point parley at their own
download.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from parley.loaders.actors import ActorResolver
from parley.loaders.importing import ImportResult, make, merge_participants, parties_in, safe_date, topics_from_flags
from parley.loaders.parties import parse_parties
from parley.loaders.tables import read_table
from parley.model.errors import Problem
from parley.model.namespaces import slug
from parley.model.records import Loc, Record

__all__ = ["import_pax", "PAX_TOPICS", "PAX_STATUS"]

REQUIRED = ("AgtId", "Agt", "Dat")
RENAMES = {"AgtID": "AgtId", "Agreement ID": "AgtId", "Date": "Dat", "PPname": "PPName", "Conflict": "Con",
           "Parties": "Part", "ThirdParties": "ThrdPart", "ThrdParties": "ThrdPart"}
PAX_STATUS = {"multiparty signed/agreed": "signed", "agreement with subsequent status": "signed",
              "unilateral document": "proposed", "status unclear": "agreed"}
# The main PA-X topic flags (any level above 0 counts) and the issues they stand for.
PAX_TOPICS = {"Ce": "ceasefire", "CeGen": "ceasefire", "CeProv": "ceasefire", "Polps": "power-sharing",
              "Terps": "territory", "Ele": "elections", "HrGen": "human-rights", "HrDet": "prisoners-of-war",
              "CprDet": "prisoners-of-war", "TjGen": "justice", "TjAm": "justice", "SsrDdr": "disarmament",
              "DdrDemil": "disarmament", "GRef": "refugees", "HrMob": "refugees", "Dev": "economic-cooperation",
              "NatRes": "economic-cooperation", "Terr": "counter-terrorism", "Prot": "humanitarian-access",
              "StBor": "territory", "LaRef": "territory", "SsrGua": "security-guarantees", "ImPK": "security-guarantees"}
_PUBLISHER = "PeaceRep, University of Edinburgh"


def import_pax(path: Path, display: str, *, resolver: ActorResolver, release: str = "v10",
               encoding: str = "utf-8", coded: Collection[str] = ()) -> ImportResult:
    """Read a PA-X agreement-level CSV into records. ``coded`` are the AgtIds whose
    actors PAA-X codes: those agreements are kept whatever their free text yields.

    Raises :class:`~parley.model.errors.InputError` for a file that cannot be read as PA-X.
    """
    result = ImportResult("PA-X", display)
    dataset = f"PA-X Peace Agreements Database {release}"
    names: dict[str, str] = {}
    pending_links: list[tuple[Record, str]] = []
    for line, row in read_table(path, display, required=REQUIRED, renames=RENAMES, encoding=encoding):
        result.rows += 1
        agt_id = row["AgtId"].strip()
        loc = Loc(display, line)
        if not re.fullmatch(r"\d+", agt_id):
            result.warnings.append(Problem(display, line, "", f"AgtId '{agt_id}' is not a number; row left out"))
            continue
        date = safe_date(row.get("Dat", ""), result, loc, "Dat")
        if date is None:
            continue
        title = " ".join(row["Agt"].split())
        source = f"pax-{agt_id}"
        result.add(make("source", source, loc, type="DatasetRecord", title=f"{dataset}, AgtId {agt_id}: {title}"[:300],
                        publisher=_PUBLISHER, dataset=dataset, row=agt_id))
        fields: dict = {"name": title or f"PA-X agreement {agt_id}", "date": date, "pax": agt_id, "sources": [source],
                        "status": PAX_STATUS.get(row.get("Status", "").strip().lower(), "signed")}
        if row.get("Agtp"):
            fields["type"] = row["Agtp"]
        stage = "/".join(x for x in (row.get("Stage", ""), row.get("StageSub", "")) if x)
        if stage:
            fields["stage"] = stage
        if row.get("UcdpAgr", "").isdigit():
            fields["ucdp"] = row["UcdpAgr"]
        if row.get("Con"):
            conflict = "pax-conflict-" + slug(row["Con"])
            fields["conflict"] = [conflict]
            extra = {"ucdp": row["UcdpCon"]} if row.get("UcdpCon", "").isdigit() else {}
            result.add(make("conflict", conflict, loc, name=row["Con"], sources=[source], **extra), merge_sources=True)
        if row.get("PP"):
            process = "pax-process-" + slug(row["PP"])
            fields["process"] = process
            extra = {"conflict": fields["conflict"][0]} if "conflict" in fields else {}
            result.add(make("process", process, loc, name=row.get("PPName") or f"PA-X process {row['PP']}",
                            sources=[source], **extra), merge_sources=True)
        participants = []
        states = [code for code in (row.get("Loc1ISO", "").strip(), row.get("Loc2ISO", "").strip()) if code]
        home = states[0] if len(states) == 1 else ""  # whose "Government" or "Gobierno Nacional" signs
        for column, third in (("Part", False), ("ThrdPart", True)):
            for entry in parse_parties(row.get(column, ""), third_party=third, resolver=resolver, loc=loc, source=source,
                                       home=home):
                participant = {"actor": entry.actor, "role": entry.role}
                if entry.acting_for:
                    participant["for"] = entry.acting_for
                participant["basis"] = "practical" if third else "formal"  # as PA-X codes them
                participants.append(participant)
        participants = merge_participants(participants)
        if fields["status"] != "proposed" and parties_in(participants) < 2 and agt_id not in coded:
            found = parties_in(participants)
            result.leave_out(resolver, source, Problem(display, line, f"AgtId {agt_id}", f"{found} part"
                             f"{'y' if found == 1 else 'ies'} read from Part (an agreement needs two); left out"))
            continue
        if participants:
            fields["participants"] = participants
        topics = topics_from_flags(row, PAX_TOPICS)
        if topics:
            fields["topics"] = topics
        other = " ".join(row.get("OthAgr", "").split())
        if other:
            fields["notes"] = f"Other agreements referred to: {other}"[:500]
        names[title.lower()] = f"pax-{agt_id}"
        agreement = make("agreement", f"pax-{agt_id}", loc, **fields)
        result.add(agreement)
        if other:
            pending_links.append((agreement, other))
    for agreement, other in pending_links:  # OthAgr is free text: link agreements it names exactly
        mentioned = other.lower()
        related = sorted({linked for name, linked in names.items() if len(name) > 25 and name in mentioned
                          and linked != agreement.id})
        if related:
            agreement.fields["related"] = related
            agreement.lines["related"] = agreement.loc.line
    result.finish(resolver)
    return result
