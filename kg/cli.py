"""The ``parley`` command: thin click commands over the library's functions.

Exit codes: 0 ok, 1 the data does not conform to the shapes, 2 bad input or usage.
"""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

import parley
from parley import EXIT_BAD_INPUT, EXIT_NONCONFORMING, EXIT_OK, __version__

__all__ = ["main", "cli"]

_err = Console(stderr=True, highlight=False, soft_wrap=True)
# Set by a command that ends holding a large graph in memory (an in-memory store, the
# records): the console script then exits without freeing them object by object, which
# takes seconds for a large build and changes nothing.
_drop_at_exit: list[bool] = []


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
    except parley.InputError as err:
        _fail([str(problem) for problem in err.problems])
    except OSError as err:
        _fail([f"{err.filename or ''}: {err.strerror or err}".lstrip(": ")])
    except parley.EndpointError as err:
        _fail([str(err)])


class _Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the command is, so its clean-up runs as for Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: Any) -> None:
    raise _Stopped(signum)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:  # before click's main turns Ctrl-C into "Aborted!", exit 1
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was replaced", err=True)
            sys.exit(130)
        except _Stopped as stopped:  # the shell's convention: 128 + the signal's number
            click.echo(f"stopped by {signal.Signals(stopped.signum).name}: nothing was replaced", err=True)
            sys.exit(128 + stopped.signum)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parley")
def cli() -> None:
    """parley: a knowledge graph of actors and negotiations."""


_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
_report = click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                       help="Also write the full validation report here (Turtle, or JSON for .json).")
_encoding = click.option("--encoding", default="utf-8", show_default=True,
                         help="Encoding of CSV and data-set input files.")


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


def _no_graph_option(value: str | None) -> None:
    """``--graph`` names a projection (centrality, export, plot); the graph file is --input."""
    if value is not None:
        raise click.UsageError("the graph file is given with --input FILE (--graph names a projection in "
                               "centrality, export and plot)")


def _finite(seconds: float) -> float:
    if seconds != seconds:  # NaN passes any range
        raise click.BadParameter("not a number of seconds")
    return seconds


def _codes(codes: str | None) -> tuple[str, ...] | None:
    found = tuple(c.strip() for c in codes.split(",") if c.strip()) if codes else None
    wrong = [code for code in found or () if not re.fullmatch(r"[0-9]{2,4}", code)]
    if wrong:
        raise click.UsageError(f"--codes: {wrong[0]!r} is not a CAMEO code or prefix (two to four digits, such as 04 "
                               "or 0841)")
    return found


_timings = click.option("--timings", "show_timings", is_flag=True,
                        help="Also print the time each stage took (to stderr).")


@cli.command()
@_paths
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for kg.trig, kg.ttl and validation.ttl.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the Oxigraph store on disk in this folder (default: in memory).")
@_report
@_encoding
@_import_options
@_timings
def build(paths: tuple[Path, ...], out: Path, store: Path | None, report: Path | None, encoding: str,
          imports: list[Any], strict: bool, show_timings: bool) -> None:
    """Build the knowledge graph from curated facts and imported data sets (the bundled
    data set if neither is given).

    PATHS are YAML or CSV files, or folders of them.
    """
    started = time.perf_counter()
    with _user_errors(), _progress() as progress:
        # An in-memory store ends with the command: it needs only what the build reads,
        # the union of the record graphs (kg.trig is written from the records).
        result = parley.build(paths or None, imports=imports, out=out, store=store, report=report, encoding=encoding,
                              progress=progress, record_graphs=store is not None)
    if store is None:  # a store on disk is closed as usual
        _drop_at_exit.append(True)
    _print_report(result, time.perf_counter() - started if show_timings else None)
    _print_summary(result)
    click.echo(f"wrote {', '.join(str(p) for p in result.outputs)}")
    sys.exit(EXIT_OK if result.conforms and not (strict and result.warnings) else EXIT_NONCONFORMING)


@cli.command()
@_paths
@_report
@_encoding
@_import_options
@_timings
def validate(paths: tuple[Path, ...], report: Path | None, encoding: str, imports: list[Any], strict: bool,
             show_timings: bool) -> None:
    """Check curated facts (and imported data sets) against the ontology's shapes; write
    nothing but --report."""
    started = time.perf_counter()
    with _user_errors(), _progress() as progress:
        result = parley.validate(paths or None, imports=imports, report=report, encoding=encoding,
                                 progress=progress, record_graphs=False)
    _drop_at_exit.append(True)
    _print_report(result, time.perf_counter() - started if show_timings else None)
    verdict = "conforms" if result.conforms else f"does not conform: {len(result.problems)} problem(s)"
    click.echo(f"{len(result.records)} records, {result.triples} triples: {verdict}")
    sys.exit(EXIT_OK if result.conforms and not (strict and result.warnings) else EXIT_NONCONFORMING)


@cli.command(name="import")
@click.argument("dataset", type=click.Choice(_DATASETS))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The YAML file to write (default: FILE's name with .yaml, in the working folder).")
@click.option("--codes", help="ICEWS: comma-separated CAMEO codes or prefixes to keep.")
@click.option("--release", help="The data set's release, as cited in sources.")
@click.option("--curated", "curated_paths", multiple=True, type=click.Path(path_type=Path),
              help="Curated facts (a file or folder; repeatable) the YAML is to be built with: their actors, "
                   "conflicts, processes and sources are reused, not declared again.")
@_encoding
@_strict
def import_command(dataset: str, file: Path, out_path: Path | None, codes: str | None, release: str | None,
                   curated_paths: tuple[Path, ...], encoding: str, strict: bool) -> None:
    """Convert a PA-X, PAA-X, UCDP or ICEWS file into parley's curated YAML, for review and editing."""
    target = out_path or Path(file.stem + ".yaml")
    with _user_errors():
        result = parley.import_dataset(dataset, file, out=target, curated=curated_paths, codes=_codes(codes),
                                       release=release, encoding=encoding)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {target}: {result.summary}")
    sys.exit(EXIT_NONCONFORMING if strict and result.warnings else EXIT_OK)


@cli.command()
def queries() -> None:
    """List the query library: names, titles and parameters."""
    with _user_errors():
        entries = parley.query_library()
    rows = [(name, q.title, " ".join(_param_usage(p) for p in q.params)) for name, q in entries.items()]
    console = Console(highlight=False)
    if not console.is_terminal:
        for row in rows:
            click.echo("\t".join(row))
        return
    table = Table("query", "title", "parameters", title="parley query library")
    for row in rows:
        table.add_row(*row)
    console.print(table)


@cli.command()
@click.argument("scheme", required=False)
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "tsv", "json"]),
              help="Output format (default: table on a terminal, csv when piped).")
def vocab(scheme: str | None, output_format: str | None) -> None:
    """List the vocabularies (roles, statuses, issues, types...), or the terms of SCHEME."""
    if scheme is None:
        _print_rows(["scheme", "label", "terms", "definition"], parley.vocabulary_schemes(), output_format)
        return
    try:
        terms = parley.vocabulary_terms(scheme)
    except KeyError:
        names = ", ".join(row["scheme"] for row in parley.vocabulary_schemes())
        _fail([f"vocab: no scheme '{scheme}'; use one of {names}"])
    _print_rows(["term", "label", "broader", "definition"], terms, output_format)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="json: the JSON Schema; markdown: the reference of every record kind and field.")
def schema(output_format: str) -> None:
    """Print the JSON Schema of a facts file (for YAML editors), or its reference."""
    if output_format == "json":
        click.echo(json.dumps(parley.facts_schema(), indent=2, ensure_ascii=False))
    else:
        click.echo(parley.facts_reference(), nl=False)


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out/docs"), show_default=True,
              help="The folder to write the pages into.")
def docs(out: Path) -> None:
    """Write HTML documentation of the ontology and its vocabularies (pyLODE)."""
    with _user_errors():
        written = parley.write_ontology_docs(out)
    click.echo(f"wrote {len(written)} pages into {out}: open {out / 'index.html'}")


def _param_usage(param: Any) -> str:
    text = f"{param.name}={param.spec.upper() if param.type != 'string' else 'TEXT'}"
    if param.default is not None:
        text += f" (default {param.default})"
    return text if param.required else f"[{text}]"


@cli.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path), help="Run your own query file.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "tsv", "json"]),
              help="Output format (default: table on a terminal, csv when piped).")
@click.option("--input", "graph", type=click.Path(dir_okay=False, path_type=Path),
              help="Query this graph file (default: out/kg.trig from the last build).")
@click.option("--graph", "graph_alias", hidden=True, callback=lambda ctx, param, value: _no_graph_option(value))
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Query this on-disk store.")
@click.option("--endpoint", help="Query this SPARQL 1.1 endpoint instead.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1, max=86400),
              callback=lambda ctx, param, value: _finite(value),
              help="Seconds the query may take, on the local store or an endpoint (answer included).")
@click.option("--iris", is_flag=True, help="Show full IRIs instead of ids and term names.")
def query(name: str | None, params: tuple[str, ...], query_file: Path | None, output_format: str | None,
          graph: Path | None, graph_alias: Path | None, store: Path | None, endpoint: str | None, timeout: float,
          iris: bool) -> None:
    """Run library query NAME (see 'parley queries'), or --file, and print its rows."""
    if (name is None) == (query_file is None):
        raise click.UsageError("give a query NAME or --file FILE (one of them)")
    if sum(x is not None for x in (graph, store, endpoint)) > 1:
        raise click.UsageError("give at most one of --input, --store and --endpoint")
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
        if key.strip() in values:
            raise click.UsageError(f"--param {key.strip()} is given twice: give each parameter once")
        values[key.strip()] = value
    with _user_errors():
        rows = parley.query(name, values, file=query_file, graph=graph, store=store, endpoint=endpoint,
                            timeout=timeout, compact_iris=not iris)
    _print_rows(rows.columns, rows, output_format)


# What a terminal would run rather than show: C0 and C1 controls and DEL (ESC sequences).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _terminal_text(value: Any) -> Text:
    """A cell as plain text for a terminal: controls shown as U+FFFD, no rich markup."""
    return Text("" if value is None else _CONTROLS.sub("\ufffd", str(value)))


def _print_rows(columns: list[str], rows: list[dict[str, Any]], output_format: str | None) -> None:
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


@cli.command()
@click.option("--input", "graph", type=click.Path(dir_okay=False, path_type=Path),
              help="The graph to push (default: out/kg.trig from the last build).")
@click.option("--graph", "graph_alias", hidden=True, callback=lambda ctx, param, value: _no_graph_option(value))
@click.option("--endpoint", help="The store's SPARQL query endpoint (its update URL is derived from it).")
@click.option("--update", "update_url", help="The store's SPARQL update endpoint.")
@click.option("--graph-store", help="The store's Graph Store Protocol endpoint (used instead of UPDATE).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1, max=86400),
              callback=lambda ctx, param, value: _finite(value),
              help="Seconds each request may take, answer included.")
def push(graph: Path | None, graph_alias: Path | None, endpoint: str | None, update_url: str | None,
         graph_store: str | None, timeout: float) -> None:
    """Load the built graph, named graphs and provenance included, into a SPARQL 1.1 store.

    Credentials: PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD, or ~/.netrc.
    """
    if not (endpoint or update_url or graph_store):
        raise click.UsageError("give --endpoint, --update or --graph-store")
    source = graph
    with _user_errors(), _progress() as progress:
        report = parley.push(source, endpoint=endpoint, update=update_url, graph_store=graph_store, timeout=timeout,
                          progress=(lambda done, total: progress(f"pushed {done} of {total} graphs")) if progress else None)
    checked = (f"; the store holds the {_count(report.checked, 'graph')} read back" if report.checked
               else "; not read back (give --endpoint to check what the store holds)")
    click.echo(f"pushed {report.graphs} graphs ({report.triples} triples) by {report.method}{checked}")


_WINDOW = ("kind", "start", "end", "process", "conflict", "actors", "fold", "planned", "ties", "third_parties",
           "graph_file", "store")


def _window_options(function: Any) -> Any:
    """The options every network command shares (which graph, which part of it), given
    to the command as one ``window`` dict."""
    options = [
        click.option("--graph", "kind", default="co-participation", show_default=True,
                     type=click.Choice(["co-participation", "mediation", "bipartite"]), help="Which projection."),
        click.option("--from", "start", metavar="DATE", help="Only events on or after DATE (2022, 2025-07, 2026-01-01)."),
        click.option("--to", "end", metavar="DATE", help="Only events on or before DATE."),
        click.option("--process", help="Only this process and its sub-tracks."),
        click.option("--conflict", help="Only processes about this conflict."),
        click.option("--actors", default="all", show_default=True, type=click.Choice(["all", "persons", "collective"]),
                     help="Persons only, or states and organizations only."),
        click.option("--fold/--no-fold", default=True, show_default=True,
                     help="Fold persons onto the state or organization they act for."),
        click.option("--planned", is_flag=True, help="Also count planned events."),
        click.option("--ties", default="auto", show_default=True,
                     type=click.Choice(["auto", "events", "agreements", "both"]),
                     help="What ties actors: events they took part in, agreements they signed or witnessed, or both "
                          "(auto: events if the graph has any, else agreements)."),
        click.option("--third-parties", "third_parties", metavar="ROLE[,ROLE...]",
                     help="Mediation graph: the third-party roles to count (default: all of mediator, facilitator, "
                          "host, guarantor, witness, observer, third-party)."),
        click.option("--input", "graph_file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Read this graph file (default: out/kg.trig from the last build)."),
        click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Read this on-disk store."),
    ]
    @functools.wraps(function)
    def command(**options: Any) -> Any:
        return function(window={name: options.pop(name) for name in _WINDOW}, **options)

    for option in reversed(options):
        command = option(command)
    return command


def _projection(window: dict[str, Any], kind: str | None = None, opened: Any = None) -> Any:
    """The projection the window options choose (of another ``kind`` if given; from the
    ``opened`` store rather than the graph the options name, if given)."""
    start, end = window["start"], window["end"]
    if start and end and start[:min(len(start), len(end))] > end[:min(len(start), len(end))]:
        raise click.UsageError(f"--from {start} is after --to {end}: no event can be in that window")
    roles = window["third_parties"]
    extra = {"third_parties": tuple(r.strip() for r in roles.split(",") if r.strip())} if roles else {}
    source = {"store": opened} if opened is not None else {"graph": window["graph_file"], "store": window["store"]}
    return parley.project(kind or window["kind"], **source,
                          start=window["start"], end=window["end"], process=window["process"],
                          conflict=window["conflict"], actors=window["actors"], fold=window["fold"],
                          include_planned=window["planned"], ties=window["ties"], **extra)


@cli.command()
@_window_options
@click.option("--measure", "measures", multiple=True, metavar="NAME",
              help="degree, out-degree, in-degree, weighted-degree, betweenness, closeness, eigenvector, pagerank, "
                   "constraint, effective-size, brokerage (repeatable; default: degree to constraint, with "
                   "out-degree and in-degree first for the mediation graph).")
@click.option("--weighted", is_flag=True, help="Use shared events as tie strength (and their inverse as distance).")
@click.option("--sample", type=click.IntRange(min=1), help="Approximate betweenness from this many sampled sources.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for --sample.")
@click.option("--group", default="group", show_default=True,
              help="Node attribute that defines groups for brokerage (group = the state an actor acts for).")
@click.option("--top", type=click.IntRange(min=1), help="Show only the first N rows.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              help="Output format (default: table on a terminal, csv when piped).")
def centrality(window: dict[str, Any], measures: tuple[str, ...], weighted: bool, sample: int | None, seed: int,
               group: str, top: int | None, output_format: str | None) -> None:
    """Centrality and brokerage of the actors, one row per actor, highest first."""
    import math

    unknown = [m for m in measures if m not in parley.MEASURES]
    if unknown:
        raise click.UsageError(f"unknown measure {unknown[0]!r}: use one of {', '.join(parley.MEASURES)}")
    with _user_errors():
        graph = _projection(window)
        attributes = {name for _, data in graph.nodes(data=True) for name in data}
        if graph.number_of_nodes() and group not in attributes:
            raise click.UsageError(f"--group: no actor has the attribute {group!r}; use one of "
                                   f"{', '.join(sorted(attributes))}")
        frame = parley.centrality(graph, measures or None, weighted=weighted, sample=sample, seed=seed, group=group)
    if top is not None:
        frame = frame.head(top)
    rows = [{column: (None if isinstance(value, float) and math.isnan(value) else
                      round(value, 6) if isinstance(value, float) else value)
             for column, value in row.items()} for row in frame.to_dict(orient="records")]
    _print_rows(list(frame.columns), rows, output_format)


@cli.command(name="export")
@click.argument("output_format", metavar="FORMAT", type=click.Choice(["gexf", "graphml", "csv"]))
@_window_options
@click.option("--dynamic", is_flag=True, help="GEXF: a dynamic graph with spells from the event dates.")
@click.option("--gexf-version", default="1.3", show_default=True, type=click.Choice(["1.3", "1.2draft"]))
@click.option("--size-by", default="betweenness", show_default=True, help="GEXF: the measure that sizes nodes.")
@click.option("--out", "out_path", type=click.Path(path_type=Path),
              help="The file to write (default out/network.gexf or .graphml; for csv, a folder, default out/).")
def export(output_format: str, window: dict[str, Any], dynamic: bool, gexf_version: str, size_by: str,
           out_path: Path | None) -> None:
    """Write a projection with every measure as node attributes, for Gephi (GEXF),
    yEd and Cytoscape (GraphML) or spreadsheets (CSV nodes and edges tables)."""
    if size_by not in parley.MEASURES:
        raise click.UsageError(f"--size-by: unknown measure {size_by!r}: use one of {', '.join(parley.MEASURES)}")
    if output_format != "gexf":
        context = click.get_current_context()
        given = [f"--{name.replace('_', '-')}" for name in ("dynamic", "gexf_version", "size_by")
                 if context.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE]
        if given:
            raise click.UsageError(f"{', '.join(given)}: only for gexf, not {output_format}")
    with _user_errors():
        graph = parley.with_measures(_projection(window))
        if output_format == "gexf":
            written = [parley.export_gexf(graph, out_path or Path("out") / "network.gexf", version=gexf_version,
                                                 dynamic=dynamic, size_by=size_by)]
        elif output_format == "graphml":
            written = [parley.export_graphml(graph, out_path or Path("out") / "network.graphml")]
        else:
            written = parley.export_tables(graph, out_path or Path("out"))
    click.echo(f"wrote {', '.join(str(p) for p in written)} ({graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges)")


@cli.command()
@click.argument("picture", type=click.Choice(["network", "timeline"]))
@_window_options
@click.option("--top", type=click.IntRange(min=1),
              help="network: draw the N actors ranked first by --size-by (default: all, up to 60); "
                   "timeline: the N most active processes (default 20).")
@click.option("--size-by", type=click.Choice(parley.MEASURES, case_sensitive=False),
              help="network: the measure that sizes and ranks actors (default: betweenness, or weighted-degree "
                   "where betweenness does not vary, as in the mediation graph).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The picture to write, PNG, SVG or PDF by its suffix (default out/network.png or "
                   "out/timeline.png).")
def plot(picture: str, window: dict[str, Any], top: int | None, size_by: str | None, out_path: Path | None) -> None:
    """Draw the actor network (the most central actors, mediators and hosts ringed) or
    the timeline of each process's events and agreements, as PNG, SVG or PDF."""
    target = out_path or Path("out") / f"{picture}.png"
    if target.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise click.UsageError(f"--out {target}: a picture is written as .png, .svg or .pdf")
    if picture == "timeline" and size_by is not None:
        raise click.UsageError("--size-by sizes the actors of a network; a timeline has none")
    with _user_errors():
        if picture == "timeline":
            written = parley.plot_timeline(parley.open_graph(graph=window["graph_file"], store=window["store"],
                                                             named_graphs=False), target, top=top)
        else:
            opened = parley.open_graph(graph=window["graph_file"], store=window["store"], named_graphs=False)
            graph = _projection(window, opened=opened)
            mediation = graph if window["kind"] == "mediation" else _projection(window, "mediation", opened)
            third = {n for n in mediation if mediation.out_degree(n) > 0}
            process = window["process"]
            written = parley.plot_network(graph, target, third_parties=third, top=top,
                                          size_by=size_by.lower() if size_by else None,
                                          title=f"Actor network ({window['kind']}{', ' + process if process else ''})")
    click.echo(f"wrote {written}")


def _print_summary(result: Any) -> None:
    console = Console(highlight=False)
    verdict = "conforms" if result.conforms else f"does NOT conform ({len(result.problems)} problems)"
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items() if n)
    if not console.is_terminal:
        click.echo(f"{len(result.records)} records, {result.triples} triples: {verdict}")
        click.echo(f"counts: {counts}")
        if result.curator_facts:
            click.echo(f"the curator's: {_count(result.curator_facts, 'fact')} no cited text states (who-says-so "
                       f"shows source 'curator')")
        click.echo("most connected actors: " + "; ".join(
            f"{a['name']} ({_count(a['connections'], 'co-participant')}, {_count(a['shared'], 'shared ' + a['through'])})"
            for a in result.top_actors))
        return
    console.print(f"[bold]{len(result.records)} records, {result.triples} triples: {verdict}[/bold]")
    table = Table("class", "count", title="counts per class")
    for name, n in result.counts.items():
        table.add_row(name, str(n))
    console.print(table)
    if result.curator_facts:
        console.print(f"the curator's: {_count(result.curator_facts, 'fact')} no cited text states (who-says-so "
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


def _count(n: Any, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def main() -> None:
    """Entry point of the ``parley`` console script."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        cli(prog_name="parley")
    except SystemExit as done:
        if _drop_at_exit and (done.code is None or isinstance(done.code, int)):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(done.code or 0)
        raise
