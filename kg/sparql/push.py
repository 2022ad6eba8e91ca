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

__all__ = ["PushReport", "push"]


@dataclass
class PushReport:
    """What a push loaded: graphs and triples, and the method used."""

    graphs: int
    triples: int
    method: str


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
        return PushReport(len(names), total, "graph store protocol")

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
    return PushReport(len(names), total, "SPARQL update")


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
