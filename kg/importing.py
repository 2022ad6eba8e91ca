"""Importing a data set (PA-X, UCDP, ICEWS) into curated YAML, for review and editing."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path

from parley.exports.files import write_files
from parley.loaders import Import, display_path, load, new_records, read_dataset
from parley.loaders.check import check_records
from parley.loaders.dump import records_to_yaml
from parley.loaders.importing import ImportResult
from parley.model.errors import InputError

__all__ = ["import_dataset"]


def import_dataset(dataset: str, path: str | os.PathLike[str], *, out: str | os.PathLike[str] | None = None,
                   curated: Iterable[str | os.PathLike[str]] = (), codes: Iterable[str] | None = None,
                   release: str | None = None, encoding: str = "utf-8") -> ImportResult:
    """Read one data-set file (``pax``, ``ucdp`` or ``icews``) into records and, with
    ``out``, write them as curated YAML there. Rows left out (a bad date, an agreement
    with fewer than two parties read) are in the result's ``warnings``; the rest
    imports. Actors, conflicts, processes and sources that the ``curated`` facts (files
    or folders) already declare are reused, not declared again, so the YAML builds
    together with them.

    Raises :class:`~parley.model.errors.InputError` for a file that cannot be read as that
    data set, or records that would not load back; nothing is written then.

    >>> from parley.loaders import bundled_data
    >>> import tempfile, pathlib
    >>> csv = pathlib.Path(tempfile.mkdtemp()) / "pax.csv"
    >>> _ = csv.write_text("AgtId,Agt,Dat,Con,Part,ThrdPart\\n1,Peace Accord,2001-02-03,Kenya,"
    ...                    "Government of Kenya; Government of Uganda,\\n", encoding="utf-8")
    >>> result = import_dataset("pax", csv, out=csv.with_suffix(".yaml"), curated=[bundled_data()])
    >>> result.summary.split(": ")[1]
    '1 row -> 2 actors, 1 agreement, 1 conflict, 1 source; 0 actor names unresolved'
    >>> "agreements:" in csv.with_suffix(".yaml").read_text(encoding="utf-8")
    True
    """
    item = Import(dataset, path, release=release, codes=tuple(codes) if codes is not None else None, bulk=False)
    target = Path(out) if out is not None else None
    replaced = display_path(target) if target is not None else None  # importing again over a curated file
    curated = list(curated)
    earlier = [r for r in load(curated, encoding=encoding) if r.loc.file != replaced] if curated else []
    result = read_dataset(item, curated=earlier, encoding=encoding)
    records = new_records(result, earlier)
    result = dataclasses.replace(result, records={(r.kind, r.id): r for r in records})
    problems = result.problems + check_records(earlier + records)
    if problems:
        raise InputError(problems)
    if target is not None:
        text = records_to_yaml(records, header=f"# Imported by parley from {result.file}: {result.summary}\n")
        write_files(target.parent, {target.name: lambda f: f.write(text.encode("utf-8"))})
    return result
