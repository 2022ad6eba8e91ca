"""Running library queries on a remote SPARQL 1.1 endpoint (through SPARQLWrapper).

The store must query the union of its named graphs as the default graph (Oxigraph
``serve --union-default-graph``, Fuseki ``unionDefaultGraph``; GraphDB and Virtuoso do so
by default), as parley's local store does.
"""

from __future__ import annotations

import json
import math
import warnings

import pyoxigraph as ox

from parley.sparql.http import RETRIES, TIMEOUT, EndpointError, check_url, credentials, rejected, safe_url, with_retries
from parley.sparql.library import LibraryQuery
from parley.sparql.params import prepare
from parley.sparql.results import Table, Term

__all__ = ["run_remote"]


def run_remote(endpoint: str, library_query: LibraryQuery, bindings: dict[str, Term], *,
               timeout: float = TIMEOUT, retries: int = RETRIES) -> Table:
    """Run a query on a SPARQL 1.1 endpoint through SPARQLWrapper and read its JSON results."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    check_url(endpoint, "endpoint")
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
            raise rejected(endpoint, err) from None
        return response.headers.get("Content-Type", ""), response.read()

    content_type, body = with_retries(call, endpoint, retries)
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
        raise EndpointError(f"{safe_url(endpoint)}: the response is not a SPARQL JSON result ({kind})") from None
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
