"""How well parley reads PA-X's free-text party lists, measured against PAA-X.

    python bench/eval_importers.py [PAAX.csv] [--out docs/importer-evaluation.md]

PeaceRep's PAA-X codes by hand, for each agreement, every signatory and third party
(``signatory_type``: party or third party). Each of its rows repeats the agreement's
PA-X columns, free text included (``Part``, ``ThrdPart``), so the agreements it codes
can be imported through parley's PA-X path alone and compared with the coding.

Compared: the set of (agreement, actor, party / third party) for collective actors
(states, organizations, armed groups, parties, coalitions); a person counts as the
actor they sign for. Each coded actor is resolved as parley resolves a name in a
list (its ISO code for a state, else its name, else its abbreviation), so both sides
use the same ids. Prints precision and recall and lists every disagreement.
"""

from __future__ import annotations

import argparse
import csv
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
    """(agreement, actor, side) read from the free text, and each actor's name."""
    agreements = {}
    for row in paax:
        agreements.setdefault(row["AgtId"], {"AgtId": row["AgtId"], "Agt": row.get("agt_name", "") or row["AgtId"],
                                             "Dat": row["Dat"], "Con": row.get("Con", ""), "Part": row["Part"],
                                             "ThrdPart": row["ThrdPart"], "Loc1ISO": row.get("Loc1ISO", ""),
                                             "Loc2ISO": row.get("Loc2ISO", "")})
    result = parley.import_dataset("pax", _write_pax(list(agreements.values()), folder, "pax.csv"))
    actors = {record.id: record for (kind, _), record in result.records.items() if kind == "actor"}
    names = {actor_id: record.get("name") for actor_id, record in actors.items()}
    found = set()
    for (kind, _), record in result.records.items():
        if kind != "agreement":
            continue
        for participant in record.get("participants", []):
            actor = participant.get("actor")
            if actors[actor].get("type") == "Person":
                actor = participant.get("for")
                if not actor:
                    continue
            side = "party" if participant.get("role") in ("party", "signatory") else THIRD_PARTY
            found.add((record.get("pax"), actor, side))
    return found, names


def gold(paax: list[dict[str, str]], folder: Path) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    """(agreement, actor, side) as PAA-X codes them, each actor resolved as parley would."""
    tried = []
    for row in paax:
        iso = row.get("actor_iso3c", "") if row["actor_type"] == "Country/State" else ""
        tried.append([name for name in (iso, row["actor_name"], row.get("abbreviation", "")) if name.strip()])
    # each candidate name alone in a party list of a document of its own (unilateral, so one party is enough)
    rows = [{"AgtId": str(i), "Agt": f"row {i}", "Dat": "2000", "Status": "Unilateral document", "Part": name}
            for i, names in enumerate(tried) for name in names]
    rows = [dict(row, AgtId=str(n)) for n, row in enumerate(rows, start=1)]
    result = parley.import_dataset("pax", _write_pax(rows, folder, "names.csv"))
    resolved = {}
    for (kind, _), record in result.records.items():
        if kind == "agreement":
            participants = record.get("participants", [])
            resolved[int(record.get("pax")) - 1] = participants[0].get("actor") if participants else ""
    names = {}
    coded = set()
    index = 0
    for row, candidates in zip(paax, tried):
        ids = [resolved.get(index + k, "") for k in range(len(candidates))]
        index += len(candidates)
        known = [i for i in ids if i and not i.startswith("unresolved-")]
        actor = known[0] if known else (ids[0] if ids else row["actor_name"])
        names[actor] = row["actor_name"]
        coded.add((row["AgtId"], actor, THIRD_PARTY if row["signatory_type"] == THIRD_PARTY else "party"))
    return coded, names


def report(found: set, coded: set, names: dict[str, str], source: str) -> str:
    right = found & coded
    precision = len(right) / len(found) if found else 0.0
    recall = len(right) / len(coded) if coded else 0.0
    lines = ["# PA-X free text against PAA-X's hand coding", "",
             f"Made by `python bench/eval_importers.py` from {source}: {len({c[0] for c in coded})} agreements, "
             f"{len(coded)} coded (agreement, actor, side) triples.", "",
             "| measure | value |", "| --- | --- |",
             f"| precision | {precision:.2f} ({len(right)} of {len(found)} read) |",
             f"| recall | {recall:.2f} ({len(right)} of {len(coded)} coded) |", "",
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
        coded, coded_names = gold(paax, Path(folder))
    text = report(found, coded, {**found_names, **coded_names}, args.paax.name)
    print(text.split("## Disagreements")[0].strip())
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
