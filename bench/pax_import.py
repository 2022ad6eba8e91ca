"""Importing a full-size PA-X file: ``parley import pax`` and ``parley build --pax --paax``
on a generated file shaped like PA-X v10 (2,257 agreements, 279 columns), timed as
whole commands with their peak memory, beside the floor measured in the same run: the
csv module alone reading the same file.

    python bench/pax_import.py [--rows 2257] [--out bench/IMPORTS.md]

The file is generated (PA-X may not be redistributed) with the traits of the real
download: line breaks and U+2028 inside cells, headings with the names under them,
page markers and signature-block debris, numbered names, witness and guarantor
wording, editors' notes, lists of dozens of states and a few of hundreds of names.
A PAA-X file coding every fourth agreement is generated beside it. Target: a full
PA-X import in under 20 s on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 20.0
_FIRST = ("Amani Juma Ali Omar Maria Jose Ahmed Fatima Pierre Anna Ivan Olena Kofi Ama Rashid Leila Tomas Sofia "
          "Hassan Grace").split()
_LAST = ("Wekesa Odhiambo Haddad Silva Moreau Petrenko Mensah Rahman Novak Costa Abdi Karimi Lindqvist Okafor Duarte "
         "Sato Kovacs Mwangi Barzani Quispe").split()
_GROUPS = ("Liberation Front", "People's Movement", "Democratic Alliance", "Revolutionary Army", "National Council",
           "Justice Movement", "Patriotic Front")
_PLACES = ("Lake Mira", "Upper Tana", "Northern Hills", "Coastal", "Eastern Plains", "Mountain", "River Delta")
FLAGS = [f"Flag{n}" for n in range(250)]
COLUMNS = ["Con", "PP", "PPName", "Reg", "AgtId", "Agt", "Dat", "Status", "Lgt", "Agtp", "Stage", "StageSub",
           "Part", "ThrdPart", "OthAgr", "Loc1ISO", "Loc2ISO", "UcdpCon", "UcdpAgr", "PamAgr", "CowWar",
           "Ce", "HrDet", "Terps", "Polps", "Ele", "SsrDdr", "Dev", "GRef", *FLAGS][:279]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _agreement(rng: random.Random, agt_id: int, states: list[str]) -> dict[str, str]:
    """One PA-X row with one of the free-text layouts real rows have."""
    home, other = rng.sample(states, 2)
    group = f"{rng.choice(_PLACES)} {rng.choice(_GROUPS)}"
    layout = rng.randrange(8)
    if layout == 0:  # headings with names and titles under them, a line separator between
        part = (f"For the Government of {home}:\n{_person(rng)}\nMinister of Foreign Affairs\u2028"
                f"For the {group}:\n{_person(rng)}\nChairman")
    elif layout == 1:  # page markers, signature-block debris, numbering
        part = f"Page 1\nName/ Signature/ Date/\n1- {home}\n2- {group}\n3- {_person(rng)}, Commander of the {group}"
    elif layout == 2:  # a long list of states
        part = ", ".join(rng.sample(states, rng.randrange(20, 71)))
    elif layout == 3:  # people acting for their principals
        part = (f"{_person(rng)}, President of the Republic of {home}; {_person(rng)}, Leader of the {group}; "
                f"{_person(rng)} on behalf of the Government of {other}")
    elif layout == 4:  # an editor's note
        part = f"Not signed, agreement mentions the following parties: the Government of {home} and the {group}."
    elif layout == 5 and rng.random() < 0.05:  # a few lists of hundreds of names
        part = f"For the Government of {home}:\n" + "\n".join(_person(rng) for _ in range(rng.randrange(150, 400)))
        part += f"\nFor the {group}:\n{_person(rng)}"
    else:
        part = f"Government of {home}; {group}"
    third = rng.choice([
        "",
        f"Witnessed by: {other}; {other}; the United Nations",  # a repeated witness
        f"Guarantors: {', '.join(rng.sample(states, 3))}\nMediator: the African Union",
        f"{_person(rng)}, Special Envoy of the Secretary-General of the United Nations; "
        f"{_person(rng)}, Minister of Foreign Affairs of {other}",
        f"[Observers: EU, IGAD]  In the presence of {other}",
    ])
    row = {"Con": f"{home}/{group}", "PP": str(agt_id % 300), "PPName": f"{home} peace process",
           "Reg": "Africa", "AgtId": str(agt_id), "Agt": f"Accord {agt_id} of {rng.choice(_PLACES)}",
           "Dat": f"{rng.randrange(1990, 2023)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
           "Status": rng.choice(["Multiparty signed/agreed", "Multiparty signed/agreed", "Unilateral document"]),
           "Lgt": str(rng.randrange(1, 60)), "Agtp": "Intrastate", "Stage": "SubPar", "StageSub": "Proc",
           "Part": part, "ThrdPart": third, "OthAgr": f"Accord {max(1, agt_id - 1)} of Lake Mira",
           "Loc1ISO": "", "Loc2ISO": "", "UcdpCon": str(200 + agt_id % 90), "UcdpAgr": ""}
    row.update({flag: str(rng.randrange(2)) for flag in COLUMNS[21:]})
    return row


def generate(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path]:
    """A PA-X-shaped file of ``rows`` agreements and a PAA-X file coding every fourth one."""
    rng = random.Random(seed)
    states = sorted(getattr(c, "common_name", None) or c.name for c in pycountry.countries
                    if "," not in c.name and "(" not in c.name)
    pax, paax = folder / "pax-full.csv", folder / "paax-full.csv"
    coded = []
    with pax.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        for agt_id in range(1, rows + 1):
            row = _agreement(rng, agt_id, states)
            writer.writerow(row)
            if agt_id % 4 == 0:
                home, group = row["Con"].split("/", 1)
                coded += [(agt_id, "party", home, "Country/State"), (agt_id, "party", group, "Armed Organization"),
                          (agt_id, "third party", "United Nations (General)", "Intergovernmental Organization")]
    with paax.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["AgtId", "agt_name", "signatory_type", "practical_third", "actor_name", "actor_type", "Dat"])
        writer.writerows([agt, f"Accord {agt}", side, "1.0" if side != "party" else "", name, kind, "05/01/2000"]
                         for agt, side, name, kind in coded)
    return pax, paax


def _run(command: list[str], cwd: Path) -> dict:
    """A whole command in a child process: its wall time, peak memory and exit code."""
    # a wrapper process of its own, so the peak memory it reports is this command's alone
    wrapper = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
               "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(code)")
    started = time.perf_counter()
    process = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    errors = process.stderr.splitlines()
    peak_kb = int(next(line.split()[1] for line in reversed(errors) if line.startswith("PEAK_KB")))
    return {"seconds": round(seconds, 2), "peak_mb": round(peak_kb / 1024), "exit": process.returncode,
            "summary": next((line for line in process.stdout.splitlines() + errors
                             if line.startswith(("wrote ", "imported PA-X"))), "")}


def _floor(path: Path) -> dict:
    """The csv module alone reading every row of the file, in a child process."""
    code = ("import csv, sys, time; t = time.perf_counter(); "
            "n = sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding='utf-8', newline=''))); "
            "print(n, round(time.perf_counter() - t, 3))")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    rows, seconds = out.stdout.split()
    return {"rows": int(rows), "seconds": float(seconds), "with_start": round(time.perf_counter() - started, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2257, help="agreements in the generated PA-X file")
    parser.add_argument("--out", type=Path, help="write the figures here (Markdown)")
    args = parser.parse_args()
    parley_command = str(Path(sys.executable).with_name("parley"))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pax, paax = generate(folder, args.rows)
        size_mb = pax.stat().st_size / 1e6
        floor = _floor(pax)
        imported = _run([parley_command, "import", "pax", pax.name, "--out", "pax.yaml"], folder)
        built = _run([parley_command, "build", "--pax", pax.name, "--paax", paax.name, "--out", "out"],
                     folder)
    verdict = "met" if imported["exit"] == 0 and imported["seconds"] < TARGET_SECONDS else "NOT met"
    lines = ["# Importing a full-size PA-X file", "",
             f"Made by `python bench/pax_import.py --rows {args.rows}` on {platform.node() or 'this machine'} "
             f"({os.cpu_count()} cores, Python {platform.python_version()}): a generated file shaped like PA-X v10, "
             f"{args.rows} agreements, {len(COLUMNS)} columns, {size_mb:.1f} MB; a PAA-X file coding every fourth.", "",
             "| command | wall time | peak memory | exit |", "| --- | --- | --- | --- |",
             f"| csv module alone reading the rows (floor) | {floor['seconds']} s ({floor['with_start']} s with "
             f"Python's start) | | |",
             f"| `parley import pax` | {imported['seconds']} s | {imported['peak_mb']} MB | {imported['exit']} |",
             f"| `parley build --pax --paax` | {built['seconds']} s | {built['peak_mb']} MB | {built['exit']} |", "",
             f"Target: a full PA-X import in under {TARGET_SECONDS:.0f} s on 2 cores: **{verdict}**.", "",
             f"- import: {imported['summary']}", f"- build: {built['summary']}", ""]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(json.dumps({"import": imported, "build": built, "floor": floor}), file=sys.stderr)


if __name__ == "__main__":
    main()
