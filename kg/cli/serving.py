"""``parley serve``: the graph as a local SPARQL endpoint and a web explorer."""

from __future__ import annotations

from pathlib import Path

import click

import parley
from parley.cli.base import finite, user_errors

__all__ = ["serve"]


@click.command()
@click.option("--input", "graph_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Serve this graph file (default: out/kg.trig from the last build).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Serve this on-disk store.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--bind", default="127.0.0.1", show_default=True, metavar="ADDRESS",
              help="Address to listen on; anything but loopback lets other machines in.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1, max=86400),
              callback=lambda ctx, param, value: finite(value), metavar="SECONDS",
              help="Time limit of each SPARQL query.")
def serve(graph_file: Path | None, store: Path | None, port: int, bind: str, timeout: float) -> None:
    """Serve the graph read-only: a SPARQL 1.1 endpoint at /sparql and a web explorer
    (search, actor, process and agreement pages, a network view, the query library as forms)."""
    if graph_file is not None and store is not None:
        raise click.UsageError("give --input or --store, not both")
    if not parley.is_loopback(bind):
        click.echo(f"warning: listening on {bind}: any machine that reaches it can read the whole graph", err=True)
    with user_errors():
        parley.serve(graph=graph_file, store=store, port=port, bind=bind, timeout=timeout,
                     echo=lambda line: click.echo(line, err=True))
