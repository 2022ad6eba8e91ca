"""Loaders: curated YAML and CSV files (and, through importers, data sets) to records.

>>> records = load()  # the bundled data set
>>> sorted({r.kind for r in records}) == sorted(RECORD_KINDS)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from parley.loaders.check import check_records
from parley.loaders.csv_facts import load_csv
from parley.loaders.importing import ImportResult, one_node_per_agreement
from parley.loaders.paax import with_coded_actors
from parley.loaders.yaml_facts import load_yaml
from parley.model.errors import InputError, Problem
from parley.model.records import RECORD_KINDS, Record

__all__ = ["load", "bundled_data", "display_path", "read_dataset", "new_records", "Import", "FACT_SUFFIXES",
           "DATASETS"]

DATASETS = ("pax", "paax", "ucdp", "icews")


@dataclass(frozen=True)
class Import:
    """A data-set file to import: which data set, where, and its options."""

    dataset: str                      # pax, paax, ucdp or icews
    path: str | os.PathLike[str]
    release: str | None = None        # the data set's release, as cited in sources
    codes: tuple[str, ...] | None = None  # ICEWS: CAMEO codes or prefixes to keep
    bulk: bool = True                 # ICEWS: rows as bulk records (one graph per file); False for curated YAML


def read_dataset(item: Import, *, curated: Sequence[Record] = (), encoding: str = "utf-8") -> ImportResult:
    """Read one data-set file into records, resolving actor names against ``curated`` actors
    (which include the actors of a PAA-X file read before). A PA-X agreement that a PAA-X
    file read before codes is kept even when its free text names fewer than two parties.

    Raises :class:`InputError` when the file cannot be read as that data set.
    """
    from parley.loaders.actors import ActorResolver
    from parley.loaders.icews import DEFAULT_CODES, import_icews
    from parley.loaders.paax import import_paax
    from parley.loaders.pax import import_pax
    from parley.loaders.ucdp import import_ucdp

    path = Path(item.path)
    if not path.is_file():
        raise InputError([Problem(str(path), 0, "", "no such file")])
    resolver = ActorResolver([r for r in curated if r.kind == "actor"])
    display = display_path(path)
    if item.dataset == "pax":
        coded = {r.get("pax") for r in curated if r.kind == "agreement" and f"paax-{r.get('pax')}" in r.get("sources", [])}
        return import_pax(path, display, resolver=resolver, release=item.release or "v10", encoding=encoding,
                          coded=coded)
    if item.dataset == "paax":
        return import_paax(path, display, resolver=resolver, release=item.release, encoding=encoding)
    if item.dataset == "ucdp":
        return import_ucdp(path, display, resolver=resolver, release=item.release, encoding=encoding)
    if item.dataset == "icews":
        return import_icews(path, display, resolver=resolver, codes=item.codes or DEFAULT_CODES,
                            release=item.release, encoding=encoding, bulk=item.bulk)
    raise ValueError(f"unknown data set '{item.dataset}': use one of {', '.join(DATASETS)}")


_SHARED_KINDS = ("actor", "conflict", "process", "source")


def new_records(result: ImportResult, curated: Iterable[Record]) -> list[Record]:
    """The imported records that ``curated`` does not already hold: an actor, conflict,
    process or source of the same id is the same thing and is not repeated (other
    records of the same id are kept, and reported as duplicates when checked).

    >>> from parley.model.records import Loc
    >>> result = ImportResult("UCDP", "ucdp.csv")
    >>> for kind, record_id in [("actor", "turkiye"), ("actor", "somaliland"), ("agreement", "pa-1")]:
    ...     result.add(Record(kind, record_id, Loc("ucdp.csv", 2), {"id": record_id}, {}))
    >>> [r.label for r in new_records(result, load())]  # the bundled data set declares turkiye
    ['actor somaliland', 'agreement pa-1']
    """
    taken = {(r.kind, r.id) for r in curated if r.kind in _SHARED_KINDS}
    return [record for key, record in result.records.items() if key not in taken]

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


def load(paths: Iterable[str | os.PathLike[str]] | None = None, *, imports: Iterable[Import] = (),
         encoding: str = "utf-8", reports: list[str] | None = None, precise: bool | None = None,
         warnings: list[Problem] | None = None) -> list[Record]:
    """Load curated facts from files and folders, and data-set files to import.

    With no paths and no imports, the bundled data set is loaded; with imports only,
    only the imported data. Imported actors that are already curated are not repeated.
    Every problem in every file is collected; if there is any, :class:`InputError`
    is raised with all of them, located by file and line. A summary line per imported
    file is appended to ``reports`` when given, and each row an importer left out (a
    warning: the rest of the file imports) to ``warnings``. Large YAML files are read by a fast
    parser (see :func:`~parley.loaders.yaml_facts.load_yaml`); when anything is wrong
    they are read again with ``precise`` line tracking, so every problem names the
    exact line.
    """
    problems: list[Problem] = []
    imports = sorted(imports, key=lambda item: item.dataset != "paax")  # PAA-X's actors feed the other importers
    paths = list(paths) if paths else None
    summaries: list[str] = []
    warned: list[Problem] = []
    chosen = [Path(p) for p in paths] if paths else ([] if imports else [bundled_data()])
    files = _expand(chosen, problems)
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
        file_records, file_problems = load_yaml(path, display_path(path), precise=precise)
        records.extend(file_records)
        problems.extend(file_problems)
    if csv_files:
        csv_records, csv_problems = load_csv(csv_files, encoding)
        records.extend(csv_records)
        problems.extend(csv_problems)
    for item in imports:
        try:
            result = read_dataset(item, curated=records, encoding=encoding)
        except InputError as err:
            problems.extend(err.problems)
            continue
        problems.extend(result.problems)
        warned.extend(result.warnings)
        records.extend(new_records(result, records))
        summaries.append(result.summary)
    records = with_coded_actors(one_node_per_agreement(records))  # one agreement from PA-X, UCDP and PAA-X
    if not any(problem.whole_file for problem in problems):  # else every reference into the file would be reported
        problems.extend(check_records(records))
    if problems and not precise:
        return load(paths, imports=imports, encoding=encoding, reports=reports, precise=True, warnings=warnings)
    if problems:
        raise InputError(problems)
    if reports is not None:
        reports.extend(summaries)
    if warnings is not None:
        warnings.extend(warned)
    return records
