"""The ``parley`` command: thin click commands over the library's functions.

Exit codes: 0 ok, 1 the data does not conform to the shapes, 2 bad input or usage.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley import __version__
from parley.errors import EXIT_BAD_INPUT, EXIT_NONCONFORMING, EXIT_OK, InputError

__all__ = ["main", "cli"]

_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(EXIT_BAD_INPUT)


@contextmanager
def _progress() -> Iterator[Callable[[str], None] | None]:
    """A spinner naming the current stage when stderr is a terminal; silence otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    with _err.status("starting") as status:
        yield lambda stage: status.update(f"{stage}...")


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn bad input into one line per problem on stderr and exit code 2."""
    try:
        yield
    except InputError as err:
        _fail([str(problem) for problem in err.problems])
    except OSError as err:
        _fail([f"{err.filename or ''}: {err.strerror or err}".lstrip(": ")])


class _Group(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was replaced", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parley")
def cli() -> None:
    """parley: a knowledge graph of actors and negotiations."""


_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
_report = click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                       help="Also write the full validation report here (Turtle, or JSON for .json).")
_encoding = click.option("--encoding", default="utf-8", show_default=True, help="Encoding of CSV input files.")


@cli.command()
@_paths
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for kg.trig, kg.ttl and validation.ttl.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the Oxigraph store on disk in this folder (default: in memory).")
@_report
@_encoding
def build(paths: tuple[Path, ...], out: Path, store: Path | None, report: Path | None, encoding: str) -> None:
    """Build the knowledge graph from curated facts (the bundled data set if no PATHS).

    PATHS are YAML or CSV files, or folders of them.
    """
    from parley.pipeline import build as run_build

    with _user_errors(), _progress() as progress:
        result = run_build(paths or None, out=out, store=store, report=report, encoding=encoding, progress=progress)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    _print_summary(result)
    click.echo(f"wrote {', '.join(str(p) for p in result.outputs)}")
    sys.exit(EXIT_OK if result.conforms else EXIT_NONCONFORMING)


@cli.command()
@_paths
@_report
@_encoding
def validate(paths: tuple[Path, ...], report: Path | None, encoding: str) -> None:
    """Check curated facts against the ontology's shapes; write nothing but --report."""
    from parley.pipeline import validate as run_validate

    with _user_errors(), _progress() as progress:
        result = run_validate(paths or None, report=report, encoding=encoding, progress=progress)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    verdict = "conforms" if result.conforms else f"does not conform: {len(result.problems)} problem(s)"
    click.echo(f"{len(result.records)} records, {len(result.conversion.quads)} triples: {verdict}")
    sys.exit(EXIT_OK if result.conforms else EXIT_NONCONFORMING)


def _print_summary(result: Any) -> None:
    console = Console(highlight=False)
    verdict = "conforms" if result.conforms else f"does NOT conform ({len(result.problems)} problems)"
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items() if n)
    if not console.is_terminal:
        click.echo(f"{len(result.records)} records, {len(result.conversion.quads)} triples: {verdict}")
        click.echo(f"counts: {counts}")
        click.echo("most connected actors: " + "; ".join(
            f"{a['name']} ({_count(a['connections'], 'co-participant')}, {_count(a['engagements'], 'engagement')})"
            for a in result.top_actors))
        return
    console.print(f"[bold]{len(result.records)} records, {len(result.conversion.quads)} triples: {verdict}[/bold]")
    table = Table("class", "count", title="counts per class")
    for name, n in result.counts.items():
        table.add_row(name, str(n))
    console.print(table)
    actors = Table("actor", "name", "co-participants", "engagements", title="most connected actors")
    for a in result.top_actors:
        actors.add_row(str(a["actor"]), str(a["name"]), str(a["connections"]), str(a["engagements"]))
    console.print(actors)


def _count(n: Any, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def main() -> None:
    """Entry point of the ``parley`` console script."""
    cli(prog_name="parley")
