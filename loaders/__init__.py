"""Loaders: curated YAML and CSV files (and, through importers, data sets) to records.

>>> records = load()  # the bundled data set
>>> sorted({r.kind for r in records}) == sorted(RECORD_KINDS)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from parley.errors import InputError, Problem
from parley.loaders.check import check_records
from parley.loaders.csv_facts import load_csv
from parley.loaders.yaml_facts import load_yaml
from parley.records import RECORD_KINDS, Record

__all__ = ["load", "bundled_data", "display_path", "FACT_SUFFIXES"]

FACT_SUFFIXES = (".yaml", ".yml", ".csv")


def bundled_data() -> Path:
    """The folder of the bundled example data set."""
    from importlib.resources import files

    return Path(str(files("parley.data")))


def display_path(path: Path) -> str:
    """How a file is named in messages and provenance: relative to the working
    directory when inside it; ``data/NAME`` for the bundled data set."""
    resolved = path.resolve()
    bundled = bundled_data().resolve()
    if resolved.is_relative_to(bundled):
        return "data/" + resolved.relative_to(bundled).as_posix()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _expand(paths: Iterable[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in FACT_SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(display_path(path), 0, "", "folder holds no .yaml, .yml or .csv files"))
            files.extend(found)
        elif not path.exists():
            problems.append(Problem(str(path), 0, "", "no such file or folder"))
        elif path.suffix.lower() not in FACT_SUFFIXES:
            problems.append(Problem(display_path(path), 0, "", "not a facts file: expected .yaml, .yml or .csv"))
        else:
            files.append(path)
    return files


def load(paths: Iterable[str | os.PathLike[str]] | None = None, *, encoding: str = "utf-8") -> list[Record]:
    """Load curated facts from files and folders (the bundled data set by default).

    Every problem in every file is collected; if there is any, :class:`InputError`
    is raised with all of them, located by file and line.
    """
    problems: list[Problem] = []
    files = _expand([Path(p) for p in paths] if paths else [bundled_data()], problems)
    seen: set[Path] = set()
    records: list[Record] = []
    csv_files = []
    for path in files:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        if path.suffix.lower() == ".csv":
            csv_files.append((path, display_path(path)))
            continue
        file_records, file_problems = load_yaml(path, display_path(path))
        records.extend(file_records)
        problems.extend(file_problems)
    if csv_files:
        csv_records, csv_problems = load_csv(csv_files, encoding)
        records.extend(csv_records)
        problems.extend(csv_problems)
    problems.extend(check_records(records))
    if problems:
        raise InputError(problems)
    return records
