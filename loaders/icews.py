"""ICEWS coded events (tab-separated, CAMEO codes) to negotiation events.

By default the negotiation-related codes are kept: 036 (intent to negotiate), 038
(accept mediation), 039 (intent to mediate), 04x (consult: 040 consult, 041 phone,
042/043 visits, 044 third-location meeting, 045 mediate, 046 negotiate), 057 (sign
agreement), 0841 (release persons) and 0871 (ceasefire). Each event gets the ontology
type of its code, the source and target actors in the roles the code implies, a
process per pair of countries, and a source citing ICEWS and the Event ID.

In ``bulk`` mode (what a build reads) the events are bulk records: one source cites the
file, and each event its line, without a source record per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from parley.loaders.actors import ActorResolver
from parley.loaders.importing import ImportResult, make, safe_date
from parley.loaders.names import looks_like_name
from parley.loaders.tables import read_table
from parley.model.namespaces import slug
from parley.model.records import Loc

__all__ = ["import_icews", "DEFAULT_CODES", "CODE_EVENTS", "PLANNED_CODES", "is_place"]

DEFAULT_CODES = ("036", "038", "039", "04", "057", "0841", "0871")
# code -> (event type, role of the source actor, role of the target actor)
CODE_EVENTS = {
    "036": ("Meeting", "participant", "participant"), "038": ("Declaration", "party", "mediator"),
    "039": ("Meeting", "mediator", "party"), "040": ("Meeting", "participant", "participant"),
    "041": ("PhoneCall", "participant", "participant"), "042": ("Visit", "participant", "host"),
    "043": ("Visit", "host", "participant"), "044": ("Meeting", "participant", "participant"),
    "045": ("Meeting", "mediator", "party"), "046": ("TalksRound", "party", "party"),
    "057": ("Signing", "signatory", "signatory"), "0841": ("Declaration", "party", "participant"),
    "0871": ("Declaration", "party", "participant"),
}
# Intentions (036 intend to meet or negotiate, 039 intend to mediate) are events planned,
# not held: a projection leaves them out unless asked for planned events.
PLANNED_CODES = ("036", "039")
REQUIRED = ("Event ID", "Event Date", "Source Name", "CAMEO Code", "Target Name")
_SECTOR_ACTOR = re.compile(r"^(?P<sector>.+?)\s*\((?P<country>[^()]+)\)$")
_MISSING = {"", "NA", "N/A", "null"}


def _wanted(code: str, codes: Iterable[str]) -> bool:
    return any(code == c or (len(c) < len(code) and code.startswith(c)) for c in codes)


def import_icews(path: Path, display: str, *, resolver: ActorResolver, codes: Iterable[str] = DEFAULT_CODES,
                 release: str | None = None, encoding: str = "utf-8", bulk: bool = False) -> ImportResult:
    """Read an ICEWS events file into events, keeping the rows whose CAMEO code is in ``codes``
    (a code, or a prefix such as ``04`` for all consultations). With ``bulk``, the events
    are bulk records citing one source for the whole file (see the module's text)."""
    codes = tuple(codes)
    result = ImportResult("ICEWS", display)
    dataset = f"ICEWS coded event data{' ' + release if release else ''}"
    seen: set[str] = set()
    wanted: dict[str, bool] = {}  # code -> kept
    file_source = f"icews-file-{slug(display)}"
    if bulk:
        result.add(make("source", file_source, Loc(display, 1), type="DatasetFile", dataset=dataset, publisher="ICEWS",
                        title=f"{dataset}, file {Path(display).name}"))
    for line, row in read_table(path, display, required=REQUIRED, delimiter="\t", encoding=encoding):
        result.rows += 1
        code = row["CAMEO Code"].strip()
        if code not in wanted:
            wanted[code] = _wanted(code, codes)
        if not wanted[code]:
            continue
        loc = Loc(display, line)
        date = safe_date(row["Event Date"], result, loc, "Event Date")
        if date is None:
            continue
        event_id = row["Event ID"].strip()
        if event_id in seen:
            result.skip("listed again")
            continue
        seen.add(event_id)
        source = f"icews-{slug(event_id)}"  # the row's own source; in bulk mode, only while resolving its actors
        kind, source_role, target_role = CODE_EVENTS.get(code, ("Meeting" if code.startswith("04") else "Declaration",
                                                                "participant", "participant"))
        if any(row.get(f"{side} Name", "").strip() in _MISSING for side in ("Source", "Target")):
            result.skip("without a source or target actor")
            continue
        if any(is_place(row, side, resolver) for side in ("Source", "Target")):
            result.skip("with a place for an actor")
            continue
        actors = [_actor(row, side, resolver, loc, source) for side in ("Source", "Target")]
        if actors[0][0] == actors[1][0]:
            resolver.forget(source)
            result.skip("with the same actor on both sides")
            continue
        (source_actor, source_country), (target_actor, target_country) = actors
        countries = sorted({c for c in (source_country, target_country) if c})
        process = "icews-" + ("--".join(countries) or "unknown")
        cited = file_source if bulk else source
        result.add(make("process", process, loc, name="ICEWS events: " + " – ".join(
            resolver.records[c].get("name") if c in resolver.records else c for c in countries), sources=[cited]),
            merge_sources=True)
        if not bulk:
            publisher = row.get("Publisher", "") if row.get("Publisher", "") not in _MISSING else "ICEWS"
            result.add(make("source", source, loc, type="DatasetRecord", dataset=dataset, row=event_id,
                            publisher=publisher, title=f"{dataset}, Event ID {event_id}: {row.get('Event Text', code)}"
                            f" (story {row.get('Story ID', '')})"))
        place = next((row.get(c, "") for c in ("City", "Province", "Country") if row.get(c, "") not in _MISSING), "")
        participants = [{"actor": source_actor, "role": source_role}, {"actor": target_actor, "role": target_role}]
        for participant, country in zip(participants, (source_country, target_country)):
            if country and country != participant["actor"]:
                participant["for"] = country
        status = "planned" if code in PLANNED_CODES else "held"
        result.add(make("event", source, loc, bulk=bulk, type=kind, date=date, place=place, process=process,
                        status=status, participants=participants, sources=[cited],
                        name=f"{row['Source Name']} – {row['Target Name']}: {row.get('Event Text') or code} (CAMEO {code})"))
    if bulk:  # the actors cite the file, not the rows that named them
        for record in resolver.records.values():
            record.fields["sources"] = [file_source]
    result.finish(resolver)
    return result


def _actor(row: dict[str, str], side: str, resolver: ActorResolver, loc: Loc, source: str) -> tuple[str, str]:
    """(actor id, id of the state it belongs to or '') for one side of an event."""
    name = row.get(f"{side} Name", "").strip()
    country_name = row.get(f"{side} Country", "").strip()
    country = resolver.resolve(country_name, loc=loc, source=source, kind="State").id \
        if country_name not in _MISSING else ""
    known = resolver.lookup(name)
    if known is not None:
        return resolver.resolve(name, loc=loc, source=source).id, country if country != known[0] else known[0]
    sector = _SECTOR_ACTOR.match(name)
    if sector:  # "Citizen (Ukraine)": a group of that country
        group = resolver.resolve(name, loc=loc, source=source, kind="Group", new_id=slug(name)).id
        return group, country
    return resolver.resolve(name, loc=loc, source=source, kind=_kind(name, row.get(f"{side} Sectors", ""))).id, country


# ICEWS sectors of bodies, not of people: an organization named by them is no person.
_BODY_SECTORS = re.compile(r"organization|media|news|business|parties|party|insurgents|rebels|military|police|"
                           r"ministry|agency|court", re.IGNORECASE)


def _kind(name: str, sectors: str) -> str:
    """What an ICEWS name no one curated is: a person (a person's name, with sectors), an
    organization (a body's sectors and no person's name: "Reuters", "G7", "Shiv Sena
    Party"), or unknown, to be reviewed (never guessed)."""
    if sectors.strip() in _MISSING:
        return "Actor"
    if looks_like_name(name):
        return "Person"
    return "Organization" if _BODY_SECTORS.search(sectors) else "Actor"


def is_place(row: dict[str, str], side: str, resolver: ActorResolver) -> bool:
    """Whether one side of an event names a place ("Sicily", "Southeast Asia"): ICEWS gives
    a place no sectors, and it is no state or organization parley knows."""
    return (row.get(f"{side} Sectors", "").strip() in _MISSING and resolver.lookup(row[f"{side} Name"]) is None
            and not _SECTOR_ACTOR.match(row[f"{side} Name"].strip()))
