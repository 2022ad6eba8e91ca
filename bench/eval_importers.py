"""How well parley reads PA-X's free-text party lists, measured against PAA-X.

    python bench/eval_importers.py [PAAX.csv] [--out docs/importer-evaluation.md]

PeaceRep's PAA-X codes by hand, for each agreement, every signatory and third party
(``signatory_type``: party or third party). Each of its rows repeats the agreement's
PA-X columns, free text included (``Part``, ``ThrdPart``), so the agreements it codes
can be imported through parley's PA-X path alone and compared with the coding.

Compared: the set of (agreement, actor, party / third party) for collective actors
(states, organizations, armed groups, parties, coalitions); a person counts as the
actor they sign for. Each coded actor is identified as ``parley import paax`` does
(its ISO code for a state, else its name or abbreviation), with parley's own tables
only, so both sides use the same ids. Prints precision and recall and lists every
disagreement.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import parley

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "data" / "paax-signatories-excerpt.csv"
PAX_COLUMNS = ("AgtId", "Agt", "Dat", "Status", "Con", "Part", "ThrdPart", "Loc1ISO", "Loc2ISO")
THIRD_PARTY = "third party"


def read_paax(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _write_pax(rows: list[dict[str, str]], folder: Path, name: str) -> Path:
    target = folder / name
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, PAX_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return target


def predicted(paax: list[dict[str, str]], folder: Path) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    """(agreement, actor, side) read from the free text alone, and each actor's name."""
    agreements = {}
    for row in paax:
        agreements.setdefault(row["AgtId"], {"AgtId": row["AgtId"], "Agt": row.get("agt_name", "") or row["AgtId"],
                                             "Dat": row["Dat"], "Con": row.get("Con", ""), "Part": row["Part"],
                                             "ThrdPart": row["ThrdPart"], "Loc1ISO": row.get("Loc1ISO", ""),
                                             "Loc2ISO": row.get("Loc2ISO", "")})
    return _triples(parley.import_dataset("pax", _write_pax(list(agreements.values()), folder, "pax.csv")),
                    coded=False)


def _key(record) -> str:
    """How an actor is compared: its id when parley knows it, else its name (case, a
    leading article and a trailing acronym ignored), so a name the reader could not
    resolve still matches the same name coded by PAA-X."""
    name = record.get("original_name")
    if not name:
        return record.id
    name = re.sub(r"^(?:the|los|las|el|la|les|le)\s+|\s*\([^()]*\)\s*$", "", name.strip(), flags=re.IGNORECASE)
    return "name:" + re.sub(r"[\W_]+", "-", name.lower()).strip("-")


def _triples(result, *, coded: bool) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    """(agreement, actor, side) of every agreement an import made, and each actor's name;
    a person counts as the actor they act for (and not at all if for no one)."""
    actors = {record.id: record for (kind, _), record in result.records.items() if kind == "actor"}
    names = {_key(record): record.get("original_name") or record.get("name") for record in actors.values()}
    found = set()
    for (kind, _), record in result.records.items():
        if kind != "agreement":
            continue
        for participant in record.get("participants", []):
            if coded and participant.get("basis") == "practical":
                continue  # PAA-X's practical third party is compared as the party it signed as
            actor = participant.get("actor")
            if actors[actor].get("type") == "Person":
                actor = participant.get("for")
                if not actor:
                    continue
            side = "party" if participant.get("role") in ("party", "signatory", "party-signatory") else THIRD_PARTY
            found.add((record.get("pax"), _key(actors[actor]), side))
    return found, names


def gold(path: Path) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    """(agreement, actor, side) as PAA-X codes them, read by ``parley import paax``, which
    identifies each actor with parley's own tables (its ISO code for a state, else its
    name or abbreviation)."""
    return _triples(parley.import_dataset("paax", path), coded=True)


def report(found: set, coded: set, names: dict[str, str], source: str) -> str:
    right = found & coded
    # A name parley could not resolve is typed unknown: no claim that it is a state, an
    # organization or an armed group. It counts when it is right (the coded actor's name),
    # and is listed, not counted, when PAA-X codes no such collective actor (a mediator's
    # own name, "Countries in the region").
    untyped = {t for t in found - coded if t[1].startswith("name:")}
    claimed = found - untyped
    precision = len(right) / len(claimed) if claimed else 0.0
    strict = len(right) / len(found) if found else 0.0
    recall = len(right) / len(coded) if coded else 0.0
    lines = ["# PA-X free text against PAA-X's hand coding", "",
             f"Made by `python bench/eval_importers.py` from {source}: {len({c[0] for c in coded})} agreements, "
             f"{len(coded)} coded (agreement, actor, side) triples.", "",
             "| measure | value |", "| --- | --- |",
             f"| precision | {precision:.2f} ({len(right)} of {len(claimed)} read as states, organizations or "
             f"armed groups, or as names PAA-X codes) |",
             f"| precision, every name read | {strict:.2f} ({len(right)} of {len(found)}; {len(untyped)} unresolved "
             f"names PAA-X does not code) |",
             f"| recall | {recall:.2f} ({len(right)} of {len(coded)} coded) |", "",
             "Targets: precision >= 0.95, recall >= 0.90. Agreements that both importers leave out (fewer than "
             "two parties coded and read) are not compared.", "",
             "## Disagreements", "", "| agreement | actor | side | read from the text | coded by PAA-X |",
             "| --- | --- | --- | --- | --- |"]
    by_agreement = defaultdict(list)
    for item in sorted((found ^ coded), key=lambda t: (int(t[0]), t[1], t[2])):
        by_agreement[item[0]].append(item)
    for agreement, items in by_agreement.items():
        for _, actor, side in items:
            read, was_coded = (agreement, actor, side) in found, (agreement, actor, side) in coded
            lines.append(f"| {agreement} | {names.get(actor, actor)} (`{actor}`) | {side} | "
                         f"{'yes' if read else 'no'} | {'yes' if was_coded else 'no'} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paax", nargs="?", type=Path, default=DEFAULT, help="a PAA-X signatories CSV")
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()
    if not args.paax.is_file():
        sys.exit(f"{args.paax}: no such file (give the PAA-X signatories CSV)")
    paax = read_paax(args.paax)
    with tempfile.TemporaryDirectory() as folder:
        found, found_names = predicted(paax, Path(folder))
        coded, coded_names = gold(args.paax)
    text = report(found, coded, {**found_names, **coded_names}, args.paax.name)
    print(text.split("## Disagreements")[0].strip())
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
