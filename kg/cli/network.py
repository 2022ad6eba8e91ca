"""Commands over the actor network: centrality, export, plot."""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any

import click

import parley
from parley.cli.base import print_rows, user_errors

__all__ = ["centrality", "export", "plot"]

_WINDOW = ("kind", "start", "end", "process", "conflict", "actors", "fold", "planned", "ties", "third_parties",
           "graph_file", "store", "endpoint")


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
        click.option("--endpoint", metavar="URL",
                     help="A SPARQL 1.1 endpoint (e.g. 'parley serve' at http://127.0.0.1:7878/sparql): the "
                          "co-participation graph is counted there; credentials from PARLEY_ENDPOINT_USER/"
                          "PARLEY_ENDPOINT_PASSWORD or netrc."),
    ]
    @functools.wraps(function)
    def command(**options: Any) -> Any:
        return function(window={name: options.pop(name) for name in _WINDOW}, **options)

    for option in reversed(options):
        command = option(command)
    return command


def _opened(window: dict[str, Any]) -> Any:
    """The analysis tables beside the graph file the options name, when they match it,
    else the graph opened."""
    if window["endpoint"] is not None:
        return None
    if window["store"] is None:
        tables = parley.read_tables(window["graph_file"] or Path("out") / "kg.trig")
        if tables is not None:
            return tables
    return parley.open_graph(graph=window["graph_file"], store=window["store"], named_graphs=False)


def _projection(window: dict[str, Any], kind: str | None = None, opened: Any = None) -> Any:
    """The projection the window options choose (of another ``kind`` if given; from the
    ``opened`` store rather than the graph the options name, if given)."""
    source, options = _source_options(window, opened)
    return parley.project(kind or window["kind"], **source, **options)


def _source_options(window: dict[str, Any], opened: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a projection reads (``opened``, else the graph, store or endpoint the options
    name) and the options that select its window."""
    start, end = window["start"], window["end"]
    if start and end and start[:min(len(start), len(end))] > end[:min(len(start), len(end))]:
        raise click.UsageError(f"--from {start} is after --to {end}: no event can be in that window")
    roles = window["third_parties"]
    extra = {"third_parties": tuple(r.strip() for r in roles.split(",") if r.strip())} if roles else {}
    if window["endpoint"] is not None:
        if window["graph_file"] is not None or window["store"] is not None:
            raise click.UsageError("give --endpoint, --input or --store, not two of them")
        source = {"endpoint": window["endpoint"]}
    else:
        source = {"store": opened} if opened is not None else {"graph": window["graph_file"], "store": window["store"]}
    return source, dict(start=window["start"], end=window["end"], process=window["process"],
                        conflict=window["conflict"], actors=window["actors"], fold=window["fold"],
                        include_planned=window["planned"], ties=window["ties"], **extra)


@click.command()
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
    unknown = [m for m in measures if m not in parley.MEASURES]
    if unknown:
        raise click.UsageError(f"unknown measure {unknown[0]!r}: use one of {', '.join(parley.MEASURES)}")
    with user_errors():
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
    print_rows(list(frame.columns), rows, output_format)


@click.command(name="export")
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
    with user_errors():
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


@click.command()
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
    if picture == "timeline" and window["endpoint"] is not None:
        raise click.UsageError("--endpoint draws the network; draw a timeline from a graph file (--input)")
    with user_errors():
        if picture == "timeline":
            written = parley.plot_timeline(parley.open_graph(graph=window["graph_file"], store=window["store"],
                                                             named_graphs=False), target, top=top)
        else:
            opened = _opened(window)  # read once, for the projection and the third parties ringed
            graph = _projection(window, opened=opened)
            if window["endpoint"] is not None:  # the mediation graph is not counted on an endpoint: no rings
                third: set[str] = set()
            elif window["kind"] == "mediation":
                third = {n for n in graph if graph.out_degree(n) > 0}
            else:
                source, options = _source_options(window, opened)
                third = parley.third_party_actors(**source, **options)
            process = window["process"]
            written = parley.plot_network(graph, target, third_parties=third, top=top,
                                          size_by=size_by.lower() if size_by else None,
                                          title=f"Actor network ({window['kind']}{', ' + process if process else ''})")
    click.echo(f"wrote {written}")


