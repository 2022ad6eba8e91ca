"""What every command shares: one line per problem and exit 2 for bad input, a spinner
on a terminal, and tables that fit it."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

import parley
from parley import EXIT_BAD_INPUT

__all__ = ["err_console", "drop_at_exit", "fail", "progress_spinner", "user_errors", "no_graph_option", "finite",
           "count", "print_rows"]

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
# Set by a command that ends holding a large graph in memory (an in-memory store, the
# records): the console script then exits without freeing them object by object, which
# takes seconds for a large build and changes nothing.
drop_at_exit: list[bool] = []


def fail(lines: list[str]) -> None:
    """Print each line on stderr and exit 2 (bad input or usage)."""
    for line in lines:
        click.echo(line, err=True)
    sys.exit(EXIT_BAD_INPUT)


@contextmanager
def progress_spinner() -> Iterator[Callable[[str], None] | None]:
    """A spinner naming the current stage when stderr is a terminal; silence otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    with err_console.status("starting") as status:
        yield lambda stage: status.update(f"{stage}...")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn bad input into one line per problem on stderr and exit code 2."""
    try:
        yield
    except parley.InputError as err:
        fail([str(problem) for problem in err.problems])
    except OSError as err:
        fail([f"{err.filename or ''}: {err.strerror or err}".lstrip(": ")])
    except parley.EndpointError as err:
        fail([str(err)])



def no_graph_option(value: str | None) -> None:
    """``--graph`` names a projection (centrality, export, plot); the graph file is --input."""
    if value is not None:
        raise click.UsageError("the graph file is given with --input FILE (--graph names a projection in "
                               "centrality, export and plot)")


def finite(seconds: float) -> float:
    """A click callback refusing NaN seconds, which pass any range check."""
    if seconds != seconds:  # NaN passes any range
        raise click.BadParameter("not a number of seconds")
    return seconds


def count(n: Any, noun: str) -> str:
    """``n`` and the noun, plural unless one.

    >>> count(2, "graph")
    '2 graphs'
    """
    return f"{n} {noun}" + ("" if n == 1 else "s")




encoding_option = click.option("--encoding", default="utf-8", show_default=True,
                                help="Encoding of CSV and data-set input files.")


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _terminal_text(value: Any) -> Text:
    """A cell as plain text for a terminal: controls shown as U+FFFD, no rich markup."""
    return Text("" if value is None else _CONTROLS.sub("\ufffd", str(value)))


def print_rows(columns: list[str], rows: list[dict[str, Any]], output_format: str | None) -> None:
    """Print rows as JSON, CSV, TSV or a table fitting the terminal (table on a terminal,
    CSV when piped, unless ``output_format`` says)."""
    import csv
    import json

    console = Console(highlight=False)
    chosen = output_format or ("table" if console.is_terminal else "csv")
    if chosen == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif chosen in ("csv", "tsv"):
        writer = csv.writer(sys.stdout, delimiter="," if chosen == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if row[c] is None else parley.csv_cell(row[c]) for c in columns] for row in rows])
    else:
        kept, dropped = _fitting_columns(columns, rows, console.width)
        table = Table()
        for column in kept:
            whole = _longest_word(column, rows) if _unbreakable(column, rows) else 1
            table.add_column(column, overflow="fold", min_width=whole)
        for row in rows:
            table.add_row(*(_terminal_text(row[c]) for c in kept))
        console.print(table)
        console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
        if dropped:
            console.print(f"left out to fit the terminal's {console.width} columns: {', '.join(dropped)} "
                          f"(--format csv shows every column)")


def _longest_word(column: str, rows: list[dict[str, Any]]) -> int:
    words = (word for row in rows for word in str(row[column] if row[column] is not None else "").split())
    return min(40, max([len(column), *(len(word) for word in words)]))


def _unbreakable(column: str, rows: list[dict[str, Any]]) -> bool:
    """Numbers, dates and ids: values a terminal table must show whole, never folded."""
    values = [row[column] for row in rows if row[column] is not None]
    return all(isinstance(v, (int, float)) or (isinstance(v, str) and " " not in v and len(v) <= 40) for v in values)


def _fitting_columns(columns: list[str], rows: list[dict[str, Any]], width: int) -> tuple[list[str], list[str]]:
    """The columns, first to last, that fit ``width`` with their numbers and ids whole
    (free text folds to 8 characters at least), and the columns left out."""
    kept: list[str] = []
    used = 1
    for index, column in enumerate(columns):
        need = (_longest_word(column, rows) if _unbreakable(column, rows) else 8) + 3
        if used + need > width and kept:
            return kept, columns[index:]
        kept.append(column)
        used += need
    return kept, []


