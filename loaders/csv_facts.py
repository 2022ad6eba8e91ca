"""Curated facts in CSV: one table per record kind, for bulk curation.

A table's kind comes from the end of its file name: ``events.csv``,
``2025-events.csv``, ``actors.csv``, ... Nested records have tables of their own
that name their parent in a column: ``participants.csv`` (column ``event``,
``agreement`` or ``process``), ``posts.csv`` (``actor``), ``provisions.csv``
(``agreement``). Lists (aliases, topics, sources, parties, ...) are separated
by ``;``. The first line holds the column names.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from parley.loaders.schema import FIELDS, PLURALS, Field, to_record
from parley.loaders.tables import csv_error
from parley.loaders.text import read_text
from parley.model.errors import Problem, did_you_mean
from parley.model.records import Record

__all__ = ["load_csv", "table_kind", "CHILD_TABLES"]

# child table name -> (child kind, parent columns -> parent kind, field of the parent)
CHILD_TABLES = {
    "participants": ("participant", {"event": "event", "agreement": "agreement", "process": "process"}, "participants"),
    "posts": ("post", {"actor": "actor"}, "posts"),
    "provisions": ("provision", {"agreement": "agreement"}, "provisions"),
}
_LIST_SEPARATOR = ";"


def table_kind(path: Path) -> str | None:
    """The table name a CSV file holds, from the end of its name.

    >>> table_kind(Path("data/2025-events.csv")), table_kind(Path("people.csv"))
    ('events', None)
    """
    stem = path.stem.lower()
    for name in (*PLURALS, *CHILD_TABLES):
        if stem == name or stem.endswith(("-" + name, "_" + name)):
            return name
    return None


def load_csv(files: list[tuple[Path, str]], encoding: str = "utf-8") -> tuple[list[Record], list[Problem]]:
    """Read a set of CSV tables (path, display name) into records.

    Child tables are joined to the parent rows of the same set.
    """
    problems: list[Problem] = []
    parent_rows: list[tuple[str, Field, str]] = []
    parents: dict[tuple[str, str], Field] = {}  # (kind, id) -> first row with that id
    children: list[tuple[str, Field, str, int]] = []  # (table, row, display, line)
    for path, display in files:
        table = table_kind(path)
        if table is None:
            names = ", ".join(f"{n}.csv" for n in (*PLURALS, *CHILD_TABLES))
            problems.append(Problem(display, 0, "", f"cannot tell what this table holds: name it one of {names}"))
            continue
        rows, table_problems = _read_table(path, display, table, encoding)
        problems.extend(table_problems)
        for row in rows:
            if table in CHILD_TABLES:
                row.file = display  # a child row's fields are reported in its own table
                children.append((table, row, display, row.line))
            else:
                row_id = row.value.get("id")
                parent_rows.append((PLURALS[table], row, display))
                parents.setdefault((PLURALS[table], row_id.value if row_id else ""), row)
    for table, row, display, line in children:
        _, parent_columns, parent_field = CHILD_TABLES[table]
        named = [(column, row.value[column].value) for column in parent_columns
                 if column in row.value and row.value[column].value]
        if len(named) != 1:
            columns = " or ".join(parent_columns)
            problems.append(Problem(display, line, "", f"each row must name exactly one {columns}"))
            continue
        column, parent_id = named[0]
        parent = parents.get((parent_columns[column], parent_id))
        if parent is None and any(problem.whole_file for problem in problems):
            continue  # its parent may be in a file that could not be read
        if parent is None:
            known = [pid for (kind, pid) in parents if kind == parent_columns[column]]
            problems.append(Problem(display, line, "",
                                    f"unknown {column} '{parent_id}'{did_you_mean(parent_id, known)}"))
            continue
        parent_row = parent.value
        for parent_column in parent_columns:
            row.value.pop(parent_column, None)
        if parent_field not in parent_row:
            parent_row[parent_field] = Field([], parent.line)
        parent_row[parent_field].value.append(row)
    # Only parent_rows holds the raw rows now; each is dropped once it is a record, so
    # the raw rows and the records are not all in memory at once.
    rows, parents, children = [], {}, []
    parent_rows.reverse()
    records: list[Record] = []
    while parent_rows:
        kind, row, display = parent_rows.pop()
        record, record_problems = to_record(kind, row, display)
        problems.extend(record_problems)
        if record is not None:
            records.append(record)
    return records, problems


def _read_table(path: Path, display: str, table: str, encoding: str) -> tuple[list[Field], list[Problem]]:
    text, problems = read_text(path, display, encoding)
    if text is None:
        return [], [p.of_whole_file() for p in problems]
    if not text.strip():
        return [], [Problem(display, 1, "", "file is empty: expected a header line with column names").of_whole_file()]
    if table in CHILD_TABLES:
        kind, parent_columns, _ = CHILD_TABLES[table]
        specs = {**FIELDS[kind], **{column: None for column in parent_columns}}
    else:
        specs = {name: spec for name, spec in FIELDS[PLURALS[table]].items() if spec.type != "children"}
    # Only the csv module splits rows, at \n, \r\n and \r: U+0085, \x0c or U+2028 in a cell
    # are data (str.splitlines would start a new record there); strict, so an unterminated
    # quote is an error, not the rest of the file read as one cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as err:
        return [], [Problem(display, 1, "", f"malformed CSV: {csv_error(err)}").of_whole_file()]
    missing = [name for name, spec in specs.items() if spec is not None and spec.required and name not in header]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        return [], [Problem(display, 1, "", f"missing column{plural} {', '.join(repr(m) for m in missing)}").of_whole_file()]
    for name in header:
        if name and name not in specs:
            problems.append(Problem(display, 1, "", f"unknown column '{name}'{did_you_mean(name, specs)}"))
    problems += [Problem(display, 1, "", f"column '{name}' is given twice") for name in sorted(set(header))
                 if name and header.count(name) > 1]
    if problems:
        return [], [p.of_whole_file() for p in problems]
    # Per column: its name, and whether it holds a list. Empty cells are left out, as
    # records leave out empty fields.
    columns = [(name, spec is not None and spec.type in ("list", "dates")) for name in header
               for spec in (specs.get(name),)]
    rows: list[Field] = []
    width, last = len(header), reader.line_num
    try:
        for cells in reader:
            line, last = last + 1, reader.line_num  # a row's first line (a quoted cell may span lines)
            if len(cells) > width and any(cell.strip() for cell in cells[width:]):
                problems.append(Problem(display, line, "", f"row has {len(cells)} cells but the header has {width}"))
                continue
            values: dict[str, Field] = {}
            for (name, is_list), cell in zip(columns, cells):
                if not cell or not (cell := cell.strip()):
                    continue
                if is_list:
                    values[name] = Field([Field(part.strip(), line) for part in cell.split(_LIST_SEPARATOR)
                                          if part.strip()], line)
                else:
                    values[name] = Field(cell, line)
            if values:  # blank rows are skipped
                rows.append(Field(values, line))
    except csv.Error as err:
        where = (f"a quoted cell that starts at line {last + 1} is never closed" if "unexpected end of data" in str(err)
                 else csv_error(err))
        problems.append(Problem(display, last + 1, "", f"malformed CSV: {where}").of_whole_file())
    return rows, problems
