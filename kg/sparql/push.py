"""Pushing the built graph into a SPARQL 1.1 store: each named graph through the Graph
Store Protocol, or SPARQL UPDATE in batches, over :mod:`parley.sparql.http`."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from parley.model.errors import InputError, Problem
from parley.rdf.graphs import DEFAULT_GRAPH
from parley.sparql.http import RETRIES, TIMEOUT, EndpointError, check_url, request, safe_url, with_retries
from parley.sparql.library import parse_query
from parley.sparql.remote import run_remote

__all__ = ["PushReport", "push"]


@dataclass
class PushReport:
    """What a push loaded: graphs and triples, the method used, and how many graphs were
    read back from the store to check that it holds what was sent."""

    graphs: int
    triples: int
    method: str
    checked: int = 0


_COUNT = parse_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "pushed graph")


def push(quads: Iterable[ox.Quad] | str | os.PathLike[str] | None = None, *, endpoint: str | None = None,
         update: str | None = None, graph_store: str | None = None, batch_triples: int = 50_000,
         timeout: float = TIMEOUT, retries: int = RETRIES,
         progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Load named graphs (quads, or a graph file: ``out/kg.trig`` of the last build by
    default) into a SPARQL 1.1 store, replacing graphs of the same name, so pushing twice
    leaves the same data as pushing once.

    With ``graph_store``, each graph is PUT through the Graph Store Protocol; otherwise
    batches of ``DROP SILENT GRAPH`` + ``INSERT DATA`` go to the ``update`` endpoint
    (by default the ``endpoint`` URL with its last ``query`` replaced by ``update``).
    On failure, :class:`EndpointError` says which graphs were loaded and which were not.

    A store's "200 OK" is not taken for "loaded": the first, middle and last graphs are
    read back (by a count on the query ``endpoint`` when given or derived from the
    ``update`` URL, else through the Graph Store Protocol), and a store that does not
    hold them whole is an :class:`EndpointError`.
    """
    if quads is None or isinstance(quads, (str, os.PathLike)):
        quads = _read_graph(Path(quads) if quads is not None else DEFAULT_GRAPH)
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    names = sorted(graphs)
    total = sum(len(t) for t in graphs.values())
    done = 0

    def send(url: str, method: str, body: bytes, content_type: str, target: str) -> None:
        """One request, retried as every request is; a failure says what was loaded."""
        try:
            with_retries(lambda: request(url, method=method, body=body, content_type=content_type,
                                         timeout=timeout), target, retries)
        except EndpointError as err:
            if done == 0:
                raise EndpointError(f"{err}; nothing was loaded") from None
            raise EndpointError(f"{err}; loaded {done} of {len(names)} graphs (up to <{names[done - 1]}>); "
                                f"not loaded: {len(names) - done} graphs from <{names[done]}> on") from None

    if graph_store is not None:
        check_url(graph_store, "graph store")
        for name in names:
            body = ox.serialize(graphs[name], format=ox.RdfFormat.N_TRIPLES)
            url = f"{graph_store}{'&' if '?' in graph_store else '?'}graph={urllib.parse.quote(name, safe='')}"
            send(url, "PUT", body, "application/n-triples", graph_store)
            done += 1
            if progress:
                progress(done, len(names))
        checked = _check_pushed(graphs, names, endpoint, graph_store, graph_store, timeout, retries)
        return PushReport(len(names), total, "graph store protocol", checked)

    target = update or _update_url(endpoint)
    check_url(target, "update endpoint")
    batch: list[str] = []
    size = 0
    pending: list[str] = []
    for index, name in enumerate(names):
        triples = "\n".join(f"{t} ." for t in graphs[name])
        batch.append(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{triples}\n}} }}")
        pending.append(name)
        size += len(graphs[name])
        if size >= batch_triples or index == len(names) - 1:
            body = " ;\n".join(batch).encode("utf-8")
            send(target, "POST", body, "application/sparql-update", target)
            done += len(pending)
            batch, pending, size = [], [], 0
            if progress:
                progress(done, len(names))
    checked = _check_pushed(graphs, names, endpoint or _query_url(target), None, target, timeout, retries)
    return PushReport(len(names), total, "SPARQL update", checked)


def _check_pushed(graphs: dict[str, list[ox.Triple]], names: list[str], query_url: str | None,
                  graph_store: str | None, target: str, timeout: float, retries: int) -> int:
    """Read back a few pushed graphs; EndpointError if the store does not hold them whole."""
    sample = sorted({names[0], names[len(names) // 2], names[-1]}) if names else []
    for name in sample:
        if query_url is not None:
            try:
                table = run_remote(query_url, _COUNT, {"g": ox.NamedNode(name)}, timeout=timeout, retries=retries)
            except EndpointError as err:
                raise EndpointError(f"{err}; so what the store holds of the graphs pushed is not known") from None
            held = int(table.rows[0][0].value) if table.rows and table.rows[0][0] is not None else 0
        elif graph_store is not None:
            url = f"{graph_store}{'&' if '?' in graph_store else '?'}graph={urllib.parse.quote(name, safe='')}"
            _, content_type, body = with_retries(lambda: request(url, method="GET", accept="application/n-triples",
                                                                 timeout=timeout), graph_store, retries)
            try:
                held = len(set(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)))
            except (SyntaxError, ValueError):
                kind = content_type.split(";")[0] or "no content type"
                raise EndpointError(f"{safe_url(graph_store)}: said it loaded the graphs, but gives back no "
                                    f"N-Triples for <{name}> ({kind}); is this a Graph Store Protocol endpoint?") from None
        else:
            return 0
        sent = len(set(graphs[name]))
        if held != sent:
            raise EndpointError(f"{safe_url(target)}: said it loaded the graphs, but holds {held} of the {sent} "
                                f"triples sent for <{name}>; is this the update endpoint of a SPARQL store that "
                                "queries what it loads?")
    return len(sample)


def _query_url(update_url: str) -> str | None:
    """The query endpoint beside an update endpoint ending in ``update``, if there is one."""
    parts = urllib.parse.urlsplit(update_url)
    path = parts.path.rstrip("/")
    if not path.endswith("update"):
        return None
    return urllib.parse.urlunsplit(parts._replace(path=path[: -len("update")] + "query"))


def _read_graph(path: Path) -> list[ox.Quad]:
    if not path.is_file():
        raise InputError([Problem(str(path), 0, "", "no graph here; run 'parley build' first or give --input")])
    try:
        return list(ox.parse(path=str(path)))
    except (SyntaxError, ValueError) as err:
        raise InputError([Problem(str(path), 0, "", f"cannot read graph: {err}")]) from None


def _update_url(endpoint: str | None) -> str:
    if endpoint is None:
        raise EndpointError("push needs --endpoint, --update or --graph-store")
    check_url(endpoint, "endpoint")
    parts = urllib.parse.urlsplit(endpoint)
    if not parts.path.rstrip("/").endswith("query"):
        raise EndpointError(f"endpoint {safe_url(endpoint)}: cannot tell its update URL; give --update URL")
    path = parts.path.rstrip("/")
    return urllib.parse.urlunsplit(parts._replace(path=path[: -len("query")] + "update"))
