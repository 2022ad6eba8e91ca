"""Commands that read facts: build, validate, import."""

from __future__ import annotations

import functools
import re
import sys
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

import parley
from parley import EXIT_NONCONFORMING, EXIT_OK
from parley.cli.base import count, drop_at_exit, encoding_option, progress_spinner, user_errors

__all__ = ["build", "validate", "import_command"]

_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
_report = click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                       help="Also write the full validation report here (Turtle, or JSON for .json).")


_strict = click.option("--strict", is_flag=True, help="Exit 1 when an imported row was left out (a warning).")


_DATASETS = ("pax", "paax", "ucdp", "icews")  # the data sets parley imports (parley.loaders.DATASETS)


def _import_options(function: Any) -> Any:
    """--pax, --paax, --ucdp, --icews (data-set files to import next to curated facts) and
    their options, given to the command as one ``imports`` list (and ``strict``)."""
    options = [
        click.option("--pax", "pax", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="A PA-X agreements CSV (your own download) to import."),
        click.option("--paax", "paax", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="A PAA-X signatories CSV: its hand-coded actors and roles replace those read from "
                          "PA-X's free text, and its names and ids feed every importer."),
        click.option("--ucdp", "ucdp", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="A UCDP Peace Agreement Dataset CSV to import."),
        click.option("--icews", "icews", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="An ICEWS events file (tab-separated) to import."),
        click.option("--codes", help="ICEWS: comma-separated CAMEO codes or prefixes to keep (default: "
                                     "036,038,039,04,057,0841,0871)."),
        click.option("--release", help="The data set's release, as cited in sources (PA-X default v10; "
                                       "UCDP from its version column)."),
        _strict,
    ]

    @functools.wraps(function)
    def command(**options: Any) -> Any:
        codes, release = _codes(options.pop("codes")), options.pop("release")
        imports = [parley.Import(dataset, path, release=release, codes=codes)
                   for dataset in _DATASETS for path in options.pop(dataset)]
        return function(imports=imports, **options)

    for option in reversed(options):
        command = option(command)
    return command



def _codes(codes: str | None) -> tuple[str, ...] | None:
    found = tuple(c.strip() for c in codes.split(",") if c.strip()) if codes else None
    wrong = [code for code in found or () if not re.fullmatch(r"[0-9]{2,4}", code)]
    if wrong:
        raise click.UsageError(f"--codes: {wrong[0]!r} is not a CAMEO code or prefix (two to four digits, such as 04 "
                               "or 0841)")
    return found


_timings = click.option("--timings", "show_timings", is_flag=True,
                        help="Also print the time each stage took (to stderr).")


@click.command()
@_paths
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for kg.trig, kg.ttl and validation.ttl.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the Oxigraph store on disk in this folder (default: in memory).")
@_report
@encoding_option
@_import_options
@_timings
def build(paths: tuple[Path, ...], out: Path, store: Path | None, report: Path | None, encoding: str,
          imports: list[Any], strict: bool, show_timings: bool) -> None:
    """Build the knowledge graph from curated facts and imported data sets (the bundled
    data set if neither is given).

    PATHS are YAML or CSV files, or folders of them.
    """
    started = time.perf_counter()
    with user_errors(), progress_spinner() as progress:
        # An in-memory store ends with the command: it needs only what the build reads,
        # the union of the record graphs (kg.trig is written from the records).
        result = parley.build(paths or None, imports=imports, out=out, store=store, report=report, encoding=encoding,
                              progress=progress, record_graphs=store is not None)
    if store is None:  # a store on disk is closed as usual
        drop_at_exit.append(True)
    _print_report(result, time.perf_counter() - started if show_timings else None)
    _print_summary(result)
    click.echo(f"wrote {', '.join(str(p) for p in result.outputs)}")
    if result.tables:
        names = [p.with_suffix("") for p in result.tables if p.suffix == ".parquet"]
        click.echo(f"wrote analysis tables {', '.join(str(p) for p in names)} (.parquet and .csv; "
                   f"{result.tables[-1]} names the graph they match)")
    sys.exit(EXIT_OK if result.conforms and not (strict and result.warnings) else EXIT_NONCONFORMING)


@click.command()
@_paths
@_report
@encoding_option
@_import_options
@_timings
def validate(paths: tuple[Path, ...], report: Path | None, encoding: str, imports: list[Any], strict: bool,
             show_timings: bool) -> None:
    """Check curated facts (and imported data sets) against the ontology's shapes; write
    nothing but --report."""
    started = time.perf_counter()
    with user_errors(), progress_spinner() as progress:
        result = parley.validate(paths or None, imports=imports, report=report, encoding=encoding,
                                 progress=progress, record_graphs=False)
    drop_at_exit.append(True)
    _print_report(result, time.perf_counter() - started if show_timings else None)
    verdict = "conforms" if result.conforms else f"does not conform: {len(result.problems)} problem(s)"
    click.echo(f"{len(result.records)} records, {result.triples} triples: {verdict}")
    sys.exit(EXIT_OK if result.conforms and not (strict and result.warnings) else EXIT_NONCONFORMING)


@click.command(name="import")
@click.argument("dataset", type=click.Choice(_DATASETS))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The YAML file to write (default: FILE's name with .yaml, in the working folder).")
@click.option("--codes", help="ICEWS: comma-separated CAMEO codes or prefixes to keep.")
@click.option("--release", help="The data set's release, as cited in sources.")
@click.option("--curated", "curated_paths", multiple=True, type=click.Path(path_type=Path),
              help="Curated facts (a file or folder; repeatable) the YAML is to be built with: their actors, "
                   "conflicts, processes and sources are reused, not declared again.")
@encoding_option
@_strict
def import_command(dataset: str, file: Path, out_path: Path | None, codes: str | None, release: str | None,
                   curated_paths: tuple[Path, ...], encoding: str, strict: bool) -> None:
    """Convert a PA-X, PAA-X, UCDP or ICEWS file into parley's curated YAML, for review and editing."""
    target = out_path or Path(file.stem + ".yaml")
    with user_errors():
        result = parley.import_dataset(dataset, file, out=target, curated=curated_paths, codes=_codes(codes),
                                       release=release, encoding=encoding)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {target}: {result.summary}")
    sys.exit(EXIT_NONCONFORMING if strict and result.warnings else EXIT_OK)



def _print_summary(result: Any) -> None:
    console = Console(highlight=False)
    verdict = "conforms" if result.conforms else f"does NOT conform ({len(result.problems)} problems)"
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items() if n)
    if not console.is_terminal:
        click.echo(f"{len(result.records)} records, {result.triples} triples: {verdict}")
        click.echo(f"counts: {counts}")
        if result.curator_facts:
            click.echo(f"the curator's: {count(result.curator_facts, 'fact')} no cited text states (who-says-so "
                       f"shows source 'curator')")
        click.echo("most connected actors: " + "; ".join(
            f"{a['name']} ({count(a['connections'], 'co-participant')}, {count(a['shared'], 'shared ' + a['through'])})"
            for a in result.top_actors))
        return
    console.print(f"[bold]{len(result.records)} records, {result.triples} triples: {verdict}[/bold]")
    table = Table("class", "count", title="counts per class")
    for name, n in result.counts.items():
        table.add_row(name, str(n))
    console.print(table)
    if result.curator_facts:
        console.print(f"the curator's: {count(result.curator_facts, 'fact')} no cited text states (who-says-so "
                      f"shows source 'curator')")
    through = result.top_actors[0]["through"] if result.top_actors else "event"
    actors = Table("actor", "name", "co-participants", f"shared {through}s", title="most connected actors")
    for a in result.top_actors:
        actors.add_row(str(a["actor"]), str(a["name"]), str(a["connections"]), str(a["shared"]))
    console.print(actors)


def _print_report(result: Any, seconds: float | None) -> None:
    """On stderr: a line per imported file, a line per problem, and the timings when
    ``seconds`` (the whole command's) is given."""
    for line in result.imported:
        click.echo(f"imported {line}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if seconds is not None:
        _print_timings(result.timings, seconds)


def _print_timings(timings: dict[str, float], total: float) -> None:
    """One line per stage on stderr, in the order the stages first ran. Stages that run
    beside others overlap them; stages ending in ', CPU' are CPU time summed over the
    SHACL workers."""
    for stage, seconds in [*timings.items(), ("total", total)]:
        click.echo(f"time: {stage}: {seconds:.2f} s", err=True)


