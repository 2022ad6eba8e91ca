"""Whole commands after a build, as a user runs them: wall time of each `parley` command
in a process of its own, on the build's outputs with the analysis tables and, as the
baseline in the same run, on the same graph file alone (what every command parsed
before the tables existed); and every library query, by `parley query --endpoint` on the
graph `parley serve` loaded once, against the same query on the graph file.

    .venv/bin/python bench/commands.py --sizes 10000,100000 --work /tmp/bcmd --out bench/COMMANDS.md
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

import pandas as pd

import parley
from run import PARAMS

HERE = Path(__file__).resolve().parent
PARLEY = [sys.executable, "-m", "parley"]
COMMANDS = {
    "centrality": ["centrality", "--format", "csv"],
    "centrality --measure betweenness": ["centrality", "--measure", "betweenness", "--format", "csv"],
    "export gexf": ["export", "gexf", "--out", "{scratch}/network.gexf"],
    "plot network": ["plot", "network", "--out", "{scratch}/network.png"],
    "query co-participation": ["query", "co-participation", "--format", "csv"],
}
TARGET = 3.0  # seconds per command at 100k events (issue target)


def _run(arguments: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(PARLEY + arguments, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"parley {' '.join(arguments)} failed:\n{done.stderr}")
    return seconds


def _build(events: int, work: Path) -> Path:
    """A generated CSV data set of ``events`` events, built into work/EVENTS/out."""
    folder = work / str(events)
    if not (folder / "out" / "tables.json").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--events", str(events), "--format", "csv",
                        "--out", str(folder / "data")], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(PARLEY + ["build", "data", "--out", "out"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    alone = folder / "alone"  # the graph file without tables beside it
    alone.mkdir(exist_ok=True)
    if not (alone / "kg.trig").is_file():
        shutil.copy(folder / "out" / "kg.trig", alone / "kg.trig")
    return folder


def _busiest_actor(out: Path) -> str:
    """The actor in the most participations: the heaviest case for a query about one actor."""
    counts = pd.read_parquet(out / "participations.parquet", columns=["actor"])["actor"].value_counts()
    return str(counts.sort_index().sort_values(ascending=False, kind="stable").index[0])


def _query_arguments(name: str, out: Path) -> list[str]:
    params = {**PARAMS, "co-participants": {"actor": _busiest_actor(out)}}.get(name, {})
    return ["query", name, "--format", "csv", "--timeout", "600",
            *(item for key, value in params.items() for item in ("--param", f"{key}={value}"))]


def measure_served(events: int, work: Path) -> tuple[float, dict[str, tuple[float, float]]]:
    """The seconds ``parley serve`` took to answer, and {query: (seconds by --endpoint on the
    served graph, seconds with --input, loading the graph file)} for every library query."""
    folder = work / str(events)
    started = time.perf_counter()
    server = subprocess.Popen(PARLEY + ["serve", "--input", "out/kg.trig", "--port", "0", "--timeout", "600"],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in server.stderr:
            found = re.search(r"SPARQL 1.1 endpoint: (\S+?),", line)
            if found:
                endpoint = found.group(1)
                break
        else:
            raise SystemExit(f"parley serve stopped before it served (exit {server.wait()})")
        loaded = time.perf_counter() - started
        print(f"{events:>9,} parley serve answered after {loaded:.2f} s", flush=True)
        figures = {}
        for name in parley.query_library():
            arguments = _query_arguments(name, folder / "out")
            served = _run(arguments + ["--endpoint", endpoint], folder)
            local = _run(arguments + ["--input", str(folder / "out" / "kg.trig")], folder)
            figures[name] = (served, local)
            print(f"{events:>9,} query {name:<28} {served:7.2f} s  (graph file {local:6.2f} s)", flush=True)
    finally:
        server.terminate()
        server.wait()
    return loaded, figures


def measure(sizes: list[int], work: Path) -> dict[int, dict[str, tuple[float, float]]]:
    """{events: {command: (seconds with tables, seconds on the graph file alone)}}."""
    figures: dict[int, dict[str, tuple[float, float]]] = {}
    for events in sizes:
        folder = _build(events, work)
        scratch = folder / "scratch"
        scratch.mkdir(exist_ok=True)
        figures[events] = {}
        for name, arguments in COMMANDS.items():
            arguments = [a.format(scratch=scratch) for a in arguments]
            tables = _run(arguments + ["--input", str(folder / "out" / "kg.trig")], folder)
            alone = _run(arguments + ["--input", str(folder / "alone" / "kg.trig")], folder)
            figures[events][name] = (tables, alone)
            print(f"{events:>9,} {name:<34} {tables:7.2f} s  (graph file alone {alone:6.2f} s)", flush=True)
    return figures


def _growth(figures: dict[int, dict[str, tuple[float, float]]], name: str) -> str:
    sizes = sorted(figures)
    if len(sizes) < 2:
        return ""
    low, high = sizes[0], sizes[-1]
    exponent = math.log(figures[high][name][0] / figures[low][name][0]) / math.log(high / low)
    return f"events^{exponent:.2f}"


def report(figures: dict[int, dict[str, tuple[float, float]]],
           served: dict[int, tuple[float, dict[str, tuple[float, float]]]] | None = None) -> str:
    sizes = sorted(figures)
    lines = ["# Commands after a build", "",
             "Reproduce with `.venv/bin/python bench/commands.py` (after `make install`). Each command runs as",
             "`python -m parley ...` in a process of its own, as a user runs it, on the outputs of",
             "`parley build` over a generated CSV data set (`bench/generate.py`, seed 1), with `--input",
             "out/kg.trig`; the baseline, in the same run, is the same command on a copy of `kg.trig` without",
             "the analysis tables beside it, which it must parse (as every command did before the tables).",
             "", f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores.", "",
             "| command | " + " | ".join(f"{n:,} events (tables / graph file)" for n in sizes) + " | growth |",
             "|---|" + "---:|" * len(sizes) + "---|"]
    for name in COMMANDS:
        cells = [f"{figures[n][name][0]:.2f} s / {figures[n][name][1]:.2f} s" for n in sizes]
        lines.append(f"| `parley {name}` | " + " | ".join(cells) + f" | {_growth(figures, name)} |")
    largest = sizes[-1]
    lines += ["", f"Target: each command at most {TARGET:g} s at 100,000 events.", ""]
    if 100000 in figures:
        for name in COMMANDS:
            seconds = figures[100000][name][0]
            lines.append(f"- `parley {name}`: {seconds:.2f} s, {'met' if seconds <= TARGET else 'MISSED'}")
    else:
        lines.append(f"(not measured at 100,000 events; largest size {largest:,})")
    lines += ["", "`query` reads no analysis table: it parses the graph's union either way, so its two figures",
              "differ only by chance. An on-disk store (`parley build --store DIR`) spares the parse, but",
              "the heavy queries run about ten times slower on it than in memory (see the README)."]
    if served:
        lines += _served_report(served)
    return "\n".join(lines) + "\n"


def _served_report(served: dict[int, tuple[float, dict[str, tuple[float, float]]]]) -> list[str]:
    sizes = sorted(served)
    lines = ["", "## Every library query, on the graph `parley serve` holds", "",
             "`parley serve --input out/kg.trig` loads the graph once (the figure in its row is the time from",
             "its start until it serves); each query then runs as `parley query NAME --endpoint URL` in a",
             "process of its own, against the same command with `--input out/kg.trig`, which loads the graph",
             "first (parameters as in `bench/run.py`; co-participants of the actor in the most participations).",
             "", "| query | " + " | ".join(f"{n:,} events (served / graph file)" for n in sizes) + " |",
             "|---|" + "---:|" * len(sizes),
             "| *parley serve, until it serves* | " + " | ".join(f"{served[n][0]:.2f} s" for n in sizes) + " |"]
    for name in served[sizes[0]][1]:
        lines.append(f"| `{name}` | " + " | ".join(f"{served[n][1][name][0]:.2f} s / {served[n][1][name][1]:.2f} s"
                                                   for n in sizes) + " |")
    if 100000 in served:
        slow = {name: seconds for name, (seconds, _) in served[100000][1].items() if seconds > TARGET}
        lines += ["", f"At 100,000 events {len(served[100000][1]) - len(slow)} of {len(served[100000][1])} "
                      f"queries answered within {TARGET:g} s through the endpoint"
                  + (f"; not: {', '.join(f'{n} ({s:.2f} s)' for n, s in slow.items())}." if slow else ".")]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--work", type=Path, default=HERE / "work" / "commands")
    parser.add_argument("--out", type=Path, default=HERE / "COMMANDS.md")
    options = parser.parse_args()
    sizes = [int(n) for n in options.sizes.split(",")]
    figures = measure(sizes, options.work)
    served = {events: measure_served(events, options.work) for events in sizes}
    text = report(figures, served)
    temporary = options.out.with_name(options.out.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(options.out)
    print(f"wrote {options.out}")


if __name__ == "__main__":
    main()
