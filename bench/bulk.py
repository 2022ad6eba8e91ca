"""Bulk event data at size: `parley build --icews FILE` on generated ICEWS-shaped files
(ICEWS's own tab-separated columns, the mix of a real download's rows: `bench/generate.py
--format icews`), as a user runs it, each build in a process of its own: wall time,
peak memory, the build's own stage times, and the triples each imported event weighs.
At the smallest size the same rows are also imported as curated YAML (`parley import
icews`, a graph and a source per row) and built, the shape bulk rows replace.

    .venv/bin/python bench/bulk.py --rows 11000,110000,1100000 --work /tmp/bulk --out bench/BULK.md
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARLEY = [sys.executable, "-m", "parley"]
TARGETS = {"seconds": 600.0, "peak_mb": 8 * 1024, "triples_per_event": 15.0}  # at 1M imported events
STAGES = ("parse", "records to triples", "SHACL", "analysis tables", "write outputs", "total")


def _child(arguments: list[str], cwd: Path) -> dict:
    """Run ``parley ARGUMENTS`` in ``cwd``: its wall time, peak resident set (the largest
    of the command and the worker processes it waited for) and what it printed."""
    started = time.perf_counter()
    process = subprocess.Popen(PARLEY + arguments, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    stderr = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"parley {' '.join(arguments)} failed:\n{stderr}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "stderr": stderr}


def _figures(stderr: str) -> dict:
    """What the build says of itself: events, triples and the time of each stage."""
    events = re.search(r"-> .*?(\d+) events", stderr)
    triples = re.search(r"^(\d+) records, (\d+) triples: (.*)$", stderr, re.M)
    stages = {m.group(1): float(m.group(2)) for m in re.finditer(r"^time: (.+?): ([\d.]+) s$", stderr, re.M)}
    counts = re.search(r"^counts: .*$", stderr, re.M)
    events_total = int(re.search(r"(\d+) NegotiationEvent", counts.group(0)).group(1)) if counts else 0
    return {"events": int(events.group(1)) if events else events_total, "records": int(triples.group(1)),
            "triples": int(triples.group(2)), "verdict": triples.group(3), "stages": stages}


def measure(rows: list[int], work: Path) -> tuple[list[dict], dict]:
    """One bulk build per size, and the curated shape of the smallest size's rows."""
    results = []
    for count in rows:
        folder = work / str(count)
        if not (folder / "events.tab").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--events", str(count), "--format", "icews",
                            "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
        shutil.rmtree(folder / "out", ignore_errors=True)
        run = _child(["build", "--icews", "events.tab", "--out", "out", "--timings"], folder)
        result = {"rows": count, **_figures(run["stderr"]), "seconds": run["seconds"], "peak_mb": run["peak_mb"]}
        print(f"{count:>10,} rows: {result['events']:,} events, {result['triples']:,} triples, "
              f"{result['seconds']:.1f} s, {result['peak_mb']:,.0f} MB", flush=True)
        results.append(result)
    smallest = work / str(min(rows))
    shutil.rmtree(smallest / "curated", ignore_errors=True)
    _child(["import", "icews", "events.tab", "--out", "curated/icews.yaml"], smallest)
    run = _child(["build", "curated", "--out", "curated-out", "--timings"], smallest)
    curated = {"rows": min(rows), **_figures(run["stderr"]), "seconds": run["seconds"], "peak_mb": run["peak_mb"]}
    return results, curated


def _growth(results: list[dict], key: str) -> str:
    first, last = results[0], results[-1]
    if len(results) < 2 or first[key] <= 0 or last["events"] == first["events"]:
        return ""
    return f"events^{math.log(last[key] / first[key]) / math.log(last['events'] / first['events']):.2f}"


def report(results: list[dict], curated: dict, command: str) -> str:
    lines = ["# Bulk event data at size", "",
             f"Reproduce with `{command}` (after `make install`). Each `parley build --icews events.tab "
             "--timings` runs in a process of its own, on a file `bench/generate.py --format icews` wrote "
             "(seed 1; about nine rows in ten have a CAMEO code the importer keeps); peak memory is the largest "
             "resident set of the build and its SHACL workers.", "",
             f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
             f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB; checkout at commit "
             f"{_commit()}.", "",
             "| rows | events | triples | triples per event | " + " | ".join(STAGES) + " | wall | peak memory | verdict |",
             "|---:|---:|---:|---:|" + "---:|" * len(STAGES) + "---:|---:|---|"]
    for r in results:
        stages = " | ".join(f"{r['stages'].get(s, 0):.1f} s" for s in STAGES)
        lines.append(f"| {r['rows']:,} | {r['events']:,} | {r['triples']:,} | {r['triples'] / r['events']:.1f} | "
                     f"{stages} | {r['seconds']:.1f} s | {r['peak_mb']:,.0f} MB | {r['verdict']} |")
    lines += ["", f"Growth from the smallest to the largest size: wall time {_growth(results, 'seconds')}, peak "
              f"memory {_growth(results, 'peak_mb')}, triples {_growth(results, 'triples')}.", "",
              f"The same {curated['rows']:,} rows as curated YAML (`parley import icews`: a named graph, a source and "
              f"a participation node per row and actor) make {curated['triples']:,} triples, "
              f"{curated['triples'] / curated['events']:.1f} per event, where the bulk rows make "
              f"{results[0]['triples'] / results[0]['events']:.1f} (both counting the actors and processes, which "
              "weigh less per event the larger the file).", ""]
    largest = results[-1]
    checks = [("build of the largest file", largest["seconds"], TARGETS["seconds"], "s"),
              ("peak memory", largest["peak_mb"], TARGETS["peak_mb"], "MB"),
              ("triples per imported event", largest["triples"] / largest["events"], TARGETS["triples_per_event"], "")]
    lines += [f"Targets at {largest['events']:,} imported events:", ""]
    for name, value, target, unit in checks:
        verdict = "met" if value <= target else "MISSED"
        lines.append(f"- {name}: {value:,.1f}{' ' + unit if unit else ''} (target at most {target:,.0f}"
                     f"{' ' + unit if unit else ''}): {verdict}")
    return "\n".join(lines) + "\n"


def _commit() -> str:
    done = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="11000,110000,1100000", help="rows of each generated file")
    parser.add_argument("--work", type=Path, default=HERE / "work" / "bulk")
    parser.add_argument("--out", type=Path, default=HERE / "BULK.md")
    args = parser.parse_args()
    rows = sorted(int(r) for r in args.rows.split(",") if r)
    args.work.mkdir(parents=True, exist_ok=True)
    results, curated = measure(rows, args.work)
    command = "python bench/bulk.py " + " ".join(sys.argv[1:])
    args.out.write_text(report(results, curated, command.strip()), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
