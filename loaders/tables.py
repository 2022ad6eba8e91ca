"""Reading data-set tables (CSV, TSV) as real files come: byte-order marks, CRLF,
quoted multi-line cells, stray empty trailing columns, other encodings, renamed
columns in older releases, and a clear error naming any missing required column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from parley.loaders.text import read_text
from parley.model.errors import InputError, Problem

__all__ = ["read_table", "Row", "csv_error"]

Row = dict[str, str]


def read_table(path: Path, display: str, *, required: tuple[str, ...], renames: dict[str, str] | None = None,
               delimiter: str | None = None, encoding: str = "utf-8") -> Iterator[tuple[int, Row]]:
    """Yield (line where the row starts, row) for each non-empty row of a table.

    ``renames`` maps column names of older releases onto current ones; the delimiter
    is guessed from the header (tab or comma) unless given.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_bytes(b'\\xef\\xbb\\xbfAgtId,Agt,\\r\\n1,"two\\r\\nlines",\\r\\n')
    >>> list(read_table(p, "t.csv", required=("AgtId",)))
    [(2, {'AgtId': '1', 'Agt': 'two\\r\\nlines'})]
    """
    text, problems = read_text(path, display, encoding)
    if text is None:
        raise InputError(problems)
    if not text.strip():
        raise InputError([Problem(display, 1, "", "file is empty: expected a header line with column names")])
    first_line = text.split("\n", 1)[0]
    sep = delimiter or ("\t" if first_line.count("\t") > first_line.count(",") else ",")
    # Only the csv module splits rows: a line break or U+2028 inside a quoted cell is data.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = [(renames or {}).get(name.strip(), name.strip()) for name in next(reader)]
    except csv.Error as err:
        raise InputError([Problem(display, 1, "", f"malformed table: {csv_error(err)}")]) from None
    missing = [name for name in required if name not in header]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise InputError([Problem(display, 1, "", f"missing required column{plural} {', '.join(missing)}"
                                  f" (found {len([h for h in header if h])} columns; is this the right file?)")])
    width = len(header)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError([Problem(display, line, "", f"malformed table: {csv_error(err)}")]) from None
        if not any(cell.strip() for cell in cells):
            continue
        yield line, {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header[:width]) if name}


def csv_error(err: csv.Error) -> str:
    """The csv module's error in a reader's words.

    >>> csv_error(csv.Error("field larger than field limit (131072)"))
    'a cell holds more than 131072 characters (a quote left open?)'
    """
    text = str(err)
    if text.startswith("field larger than field limit"):
        return f"a cell holds more than {csv.field_size_limit()} characters (a quote left open?)"
    return text
