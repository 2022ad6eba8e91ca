"""Commands that ask the graph: the query library, vocabularies, the fact format,
the ontology's documents, queries, and pushing the graph to a store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

import parley
from parley.cli.base import count, fail, finite, no_graph_option, print_rows, progress_spinner, user_errors

__all__ = ["queries", "vocab", "schema", "docs", "query", "push"]


@click.command()
def queries() -> None:
    """List the query library: names, titles and parameters."""
    with user_errors():
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


@click.command()
@click.argument("scheme", required=False)
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "tsv", "json"]),
              help="Output format (default: table on a terminal, csv when piped).")
def vocab(scheme: str | None, output_format: str | None) -> None:
    """List the vocabularies (roles, statuses, issues, types...), or the terms of SCHEME."""
    if scheme is None:
        print_rows(["scheme", "label", "terms", "definition"], parley.vocabulary_schemes(), output_format)
        return
    try:
        terms = parley.vocabulary_terms(scheme)
    except KeyError:
        names = ", ".join(row["scheme"] for row in parley.vocabulary_schemes())
        fail([f"vocab: no scheme '{scheme}'; use one of {names}"])
    print_rows(["term", "label", "broader", "definition"], terms, output_format)


@click.command()
@click.option("--format", "output_format", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="json: the JSON Schema; markdown: the reference of every record kind and field.")
def schema(output_format: str) -> None:
    """Print the JSON Schema of a facts file (for YAML editors), or its reference."""
    if output_format == "json":
        click.echo(json.dumps(parley.facts_schema(), indent=2, ensure_ascii=False))
    else:
        click.echo(parley.facts_reference(), nl=False)


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out/docs"), show_default=True,
              help="The folder to write the pages into.")
def docs(out: Path) -> None:
    """Write HTML documentation of the ontology and its vocabularies (pyLODE)."""
    with user_errors():
        written = parley.write_ontology_docs(out)
    click.echo(f"wrote {len(written)} pages into {out}: open {out / 'index.html'}")


def _param_usage(param: Any) -> str:
    text = f"{param.name}={param.spec.upper() if param.type != 'string' else 'TEXT'}"
    if param.default is not None:
        text += f" (default {param.default})"
    return text if param.required else f"[{text}]"


@click.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path), help="Run your own query file.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "tsv", "json"]),
              help="Output format (default: table on a terminal, csv when piped).")
@click.option("--input", "graph", type=click.Path(dir_okay=False, path_type=Path),
              help="Query this graph file (default: out/kg.trig from the last build).")
@click.option("--graph", "graph_alias", hidden=True, callback=lambda ctx, param, value: no_graph_option(value))
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Query this on-disk store.")
@click.option("--endpoint", help="Query this SPARQL 1.1 endpoint instead.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1, max=86400),
              callback=lambda ctx, param, value: finite(value),
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
    with user_errors():
        rows = parley.query(name, values, file=query_file, graph=graph, store=store, endpoint=endpoint,
                            timeout=timeout, compact_iris=not iris)
    print_rows(rows.columns, rows, output_format)


# What a terminal would run rather than show: C0 and C1 controls and DEL (ESC sequences).

@click.command()
@click.option("--input", "graph", type=click.Path(dir_okay=False, path_type=Path),
              help="The graph to push (default: out/kg.trig from the last build).")
@click.option("--graph", "graph_alias", hidden=True, callback=lambda ctx, param, value: no_graph_option(value))
@click.option("--endpoint", help="The store's SPARQL query endpoint (its update URL is derived from it).")
@click.option("--update", "update_url", help="The store's SPARQL update endpoint.")
@click.option("--graph-store", help="The store's Graph Store Protocol endpoint (used instead of UPDATE).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1, max=86400),
              callback=lambda ctx, param, value: finite(value),
              help="Seconds each request may take, answer included.")
def push(graph: Path | None, graph_alias: Path | None, endpoint: str | None, update_url: str | None,
         graph_store: str | None, timeout: float) -> None:
    """Load the built graph, named graphs and provenance included, into a SPARQL 1.1 store.

    Credentials: PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD, or ~/.netrc.
    """
    if not (endpoint or update_url or graph_store):
        raise click.UsageError("give --endpoint, --update or --graph-store")
    source = graph
    with user_errors(), progress_spinner() as progress:
        report = parley.push(source, endpoint=endpoint, update=update_url, graph_store=graph_store, timeout=timeout,
                          progress=(lambda done, total: progress(f"pushed {done} of {total} graphs")) if progress else None)
    checked = (f"; the store holds the {count(report.checked, 'graph')} read back" if report.checked
               else "; not read back (give --endpoint to check what the store holds)")
    click.echo(f"pushed {report.graphs} graphs ({report.triples} triples) by {report.method}{checked}")


