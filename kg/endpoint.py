"""Remote SPARQL 1.1 stores: running library queries (SPARQLWrapper) and pushing the
built graph (Graph Store Protocol, or SPARQL UPDATE in batches).

Credentials come from ``PARLEY_ENDPOINT_USER`` / ``PARLEY_ENDPOINT_PASSWORD`` or from a
netrc entry for the endpoint's host, never from the command line, and never appear in
messages. Idempotent requests are retried with backoff a bounded number of times.

The store must query the union of its named graphs as the default graph (Oxigraph
``serve --union-default-graph``, Fuseki ``unionDefaultGraph``; GraphDB and Virtuoso do so
by default), as parley's local store does.
"""

from __future__ import annotations

import base64
import http.client
import json
import math
import netrc
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox

from parley.library import LibraryQuery
from parley.params import Term, prepare
from parley.sparql import Table

__all__ = ["EndpointError", "PushReport", "run_remote", "push", "credentials", "RETRIES", "TIMEOUT"]

RETRIES = 3          # attempts for an idempotent request
TIMEOUT = 30.0       # seconds per request
_BACKOFF = 0.5       # seconds before the second attempt; doubles each time
_RETRY_STATUS = {429, 500, 502, 503, 504}
T = TypeVar("T")


class EndpointError(Exception):
    """A remote store could not do what was asked; the message names it and the cause."""


@dataclass
class PushReport:
    """What a push loaded: graphs and triples, and the method used."""

    graphs: int
    triples: int
    method: str


def credentials(url: str) -> tuple[str, str] | None:
    """User and password for ``url`` from the environment, else from netrc, else None."""
    user, password = os.environ.get("PARLEY_ENDPOINT_USER"), os.environ.get("PARLEY_ENDPOINT_PASSWORD")
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(os.environ.get("NETRC")).authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError):
        return None
    if entry and entry[0] and entry[2] is not None:
        return entry[0], entry[2]
    return None


def _check_url(url: str, what: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{what} {_safe(url)}: not an http(s) URL")
    if parts.username or parts.password:
        raise EndpointError(f"{what} {_safe(url)}: put credentials in PARLEY_ENDPOINT_USER and "
                            "PARLEY_ENDPOINT_PASSWORD or in ~/.netrc, not in the URL")
    return url


def _safe(url: str) -> str:
    """The URL without any user information, for messages."""
    parts = urllib.parse.urlsplit(url)
    if "@" in parts.netloc:
        host = parts.netloc.rpartition("@")[2]  # the host and port as written (IPv6 in brackets)
        parts = parts._replace(netloc=host)
    return urllib.parse.urlunsplit(parts)


def _request(url: str, *, method: str, body: bytes | None, content_type: str | None, accept: str | None,
             timeout: float) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    auth = credentials(url)
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def _with_retries(call: Callable[[], T], url: str, retries: int) -> T:
    """Run ``call``, retrying transient failures with backoff; EndpointError otherwise."""
    delay = _BACKOFF
    for attempt in range(1, retries + 1):
        try:
            return call()
        except urllib.error.HTTPError as err:
            cause = _http_cause(err)
            transient = err.code in _RETRY_STATUS
        except urllib.error.URLError as err:
            reason = err.reason
            transient = True
            if isinstance(reason, (TimeoutError, socket.timeout)):
                cause = "no answer (timed out)"
            else:
                cause = f"cannot connect ({getattr(reason, 'strerror', None) or reason})"
        except (TimeoutError, socket.timeout):
            cause, transient = "no answer (timed out)", True
        except (ConnectionError, http.client.HTTPException) as err:
            cause, transient = f"connection failed ({err.__class__.__name__}: {err})", True
        if not transient or attempt == retries:
            tries = f" after {attempt} attempts" if attempt > 1 else ""
            raise EndpointError(f"{_safe(url)}: {cause}{tries}")
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")


class _Rejected(urllib.error.HTTPError):
    """An HTTP error status with the first line of the store's explanation."""

    def __init__(self, url: str, code: int, reason: str, detail: str):
        super().__init__(url, code, reason, None, None)
        self.detail = detail


_WRAPPER_ERRORS = {"QueryBadFormed": (400, "Bad Request"), "Unauthorized": (401, "Unauthorized"),
                   "EndPointNotFound": (404, "Not Found"), "URITooLong": (414, "URI Too Long"),
                   "EndPointInternalError": (500, "Internal Server Error")}


def _http_cause(err: urllib.error.HTTPError) -> str:
    detail = getattr(err, "detail", "")
    if not detail and err.fp is not None:
        try:
            detail = err.read(300).decode("utf-8", "replace").strip().split("\n")[0]
        except OSError:
            detail = ""
    hint = {401: " (set PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD, or a ~/.netrc entry)",
            403: " (the credentials do not allow this)", 404: " (is the URL right?)",
            400: " (the store rejected the request)"}.get(err.code, "")
    text = f"HTTP {err.code} {err.reason}{hint}"
    return f"{text}: {detail}" if detail and err.code in (400, 500) else text


# --- queries ----------------------------------------------------------------------------

def run_remote(endpoint: str, library_query: LibraryQuery, bindings: dict[str, Term], *,
               timeout: float = TIMEOUT, retries: int = RETRIES) -> Table:
    """Run a query on a SPARQL 1.1 endpoint through SPARQLWrapper and read its JSON results."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    _check_url(endpoint, "endpoint")
    wrapper = SPARQLWrapper(endpoint)
    with warnings.catch_warnings():  # SPARQLWrapper warns about query types it cannot tell
        warnings.simplefilter("ignore")
        wrapper.setQuery(prepare(library_query.text, bindings))
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(JSON)
    wrapper.setTimeout(max(1, math.ceil(timeout)))  # SPARQLWrapper counts whole seconds
    auth = credentials(endpoint)
    if auth:
        wrapper.setCredentials(*auth)

    def call() -> tuple[str, bytes]:
        try:
            response = wrapper.query().response
        except SPARQLWrapperException as err:  # SPARQLWrapper's own view of 400/401/404/414/500
            code, reason = _WRAPPER_ERRORS.get(err.__class__.__name__, (500, "Internal Server Error"))
            detail = str(err).partition("Response:\n")[2].strip().removeprefix("b'").removeprefix('b"').rstrip("'\"")
            raise _Rejected(endpoint, code, reason, detail.splitlines()[0][:200] if detail else "") from None
        return response.headers.get("Content-Type", ""), response.read()

    content_type, body = _with_retries(call, endpoint, retries)
    return _json_results(endpoint, content_type, body)


def _json_results(endpoint: str, content_type: str, body: bytes) -> Table:
    try:
        data = json.loads(body)
        if "boolean" in data:
            value = "true" if data["boolean"] else "false"
            return Table(["ask"], [(ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),)])
        columns = list(data["head"]["vars"])
        rows = [tuple(_term(binding.get(c)) for c in columns) for binding in data["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        kind = content_type.split(";")[0] or "no content type"
        raise EndpointError(f"{_safe(endpoint)}: the response is not a SPARQL JSON result ({kind})") from None
    return Table(columns, rows)


def _term(value: dict[str, str] | None) -> Term | ox.BlankNode | None:
    if value is None:
        return None
    if value["type"] == "uri":
        return ox.NamedNode(value["value"])
    if value["type"] == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    return ox.Literal(value["value"], datatype=ox.NamedNode(value.get("datatype", "http://www.w3.org/2001/XMLSchema#string")))


# --- push ---------------------------------------------------------------------------------

def push(quads: Iterable[ox.Quad], *, endpoint: str | None = None, update: str | None = None,
         graph_store: str | None = None, batch_triples: int = 50_000, timeout: float = TIMEOUT,
         retries: int = RETRIES, progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Load named graphs into a SPARQL 1.1 store, replacing graphs of the same name, so
    pushing twice leaves the same data as pushing once.

    With ``graph_store``, each graph is PUT through the Graph Store Protocol; otherwise
    batches of ``DROP SILENT GRAPH`` + ``INSERT DATA`` go to the ``update`` endpoint
    (by default the ``endpoint`` URL with its last ``query`` replaced by ``update``).
    On failure, :class:`EndpointError` says which graphs were loaded and which were not.
    """
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    names = sorted(graphs)
    total = sum(len(t) for t in graphs.values())
    done = 0

    def report_failure(err: EndpointError) -> EndpointError:
        if done == 0:
            return EndpointError(f"{err}; nothing was loaded")
        return EndpointError(f"{err}; loaded {done} of {len(names)} graphs (up to <{names[done - 1]}>); "
                             f"not loaded: {len(names) - done} graphs from <{names[done]}> on")

    if graph_store is not None:
        _check_url(graph_store, "graph store")
        for name in names:
            body = ox.serialize(graphs[name], format=ox.RdfFormat.N_TRIPLES)
            url = f"{graph_store}{'&' if '?' in graph_store else '?'}graph={urllib.parse.quote(name, safe='')}"
            try:
                _with_retries(lambda: _request(url, method="PUT", body=body, content_type="application/n-triples",
                                               accept=None, timeout=timeout), graph_store, retries)
            except EndpointError as err:
                raise report_failure(err) from None
            done += 1
            if progress:
                progress(done, len(names))
        return PushReport(len(names), total, "graph store protocol")

    target = update or _update_url(endpoint)
    _check_url(target, "update endpoint")
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
            try:
                _with_retries(lambda: _request(target, method="POST", body=body, content_type="application/sparql-update",
                                               accept=None, timeout=timeout), target, retries)
            except EndpointError as err:
                raise report_failure(err) from None
            done += len(pending)
            batch, pending, size = [], [], 0
            if progress:
                progress(done, len(names))
    return PushReport(len(names), total, "SPARQL update")


def _update_url(endpoint: str | None) -> str:
    if endpoint is None:
        raise EndpointError("push needs --endpoint, --update or --graph-store")
    _check_url(endpoint, "endpoint")
    parts = urllib.parse.urlsplit(endpoint)
    if not parts.path.rstrip("/").endswith("query"):
        raise EndpointError(f"endpoint {_safe(endpoint)}: cannot tell its update URL; give --update URL")
    path = parts.path.rstrip("/")
    return urllib.parse.urlunsplit(parts._replace(path=path[: -len("query")] + "update"))

