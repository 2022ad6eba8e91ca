"""Whole commands after a build, as a user runs them: wall time of each `parley` command
in a process of its own, on the build's outputs with the analysis tables and, as the
baseline in the same run, on the same graph file alone (what every command parsed
before the tables existed).

    .venv/bin/python bench/commands.py --sizes 10000,100000 --work /tmp/bcmd --out bench/COMMANDS.md
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

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


def report(figures: dict[int, dict[str, tuple[float, float]]]) -> str:
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
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--work", type=Path, default=HERE / "work" / "commands")
    parser.add_argument("--out", type=Path, default=HERE / "COMMANDS.md")
    options = parser.parse_args()
    figures = measure([int(n) for n in options.sizes.split(",")], options.work)
    text = report(figures)
    temporary = options.out.with_name(options.out.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(options.out)
    print(f"wrote {options.out}")


if __name__ == "__main__":
    main()
