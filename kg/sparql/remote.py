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

from parley.sparql.http import RETRIES, TIMEOUT, EndpointError, check_timeout, check_url, credentials, safe_url, send, with_retries
from parley.sparql.library import LibraryQuery
from parley.sparql.params import prepare
from parley.sparql.results import Table, Term

__all__ = ["run_remote"]


def run_remote(endpoint: str, library_query: LibraryQuery, bindings: dict[str, Term], *,
               timeout: float = TIMEOUT, retries: int = RETRIES) -> Table:
    """Run a query on a SPARQL 1.1 endpoint and read its JSON results: SPARQLWrapper makes
    the protocol request, :func:`~parley.sparql.http.send` sends it (credentials kept to
    their origin, one deadline for the whole answer), and the answer is checked against
    the SPARQL 1.1 JSON results format before a row is taken from it."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    check_url(endpoint, "endpoint")
    timeout = check_timeout(timeout)
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
        _, content_type, body = send(wrapper._createRequest(), timeout=timeout)  # the request, as SPARQLWrapper makes it
        return content_type, body

    content_type, body = with_retries(call, endpoint, retries)
    return _json_results(endpoint, content_type, body)


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _NotResults(ValueError):
    """What makes an answer not a SPARQL 1.1 JSON result."""


def _json_results(endpoint: str, content_type: str, body: bytes) -> Table:
    """The table a SPARQL 1.1 JSON result holds, every part of it checked; EndpointError
    naming what is wrong otherwise."""
    kind = content_type.split(";")[0].strip() or "no content type"
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than any result is
        raise EndpointError(f"{safe_url(endpoint)}: the response is not a SPARQL JSON result ({kind})") from None
    try:
        return _table(data)
    except (_NotResults, ValueError, RecursionError) as err:
        what = str(err) if isinstance(err, _NotResults) else f"a term is not valid RDF ({err})"
        raise EndpointError(f"{safe_url(endpoint)}: the response is not a SPARQL JSON result ({kind}): "
                            f"{what[:200]}") from None


def _table(data: object) -> Table:
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        raise _NotResults("it has no 'head'")
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise _NotResults(f"'boolean' is {json.dumps(data['boolean'])[:40]}, not true or false")
        return Table(["ask"], [(ox.Literal("true" if data["boolean"] else "false", datatype=_BOOLEAN),)])
    columns = data["head"].get("vars")
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise _NotResults("'head' has no list of variable names 'vars'")
    bindings = data.get("results", {}).get("bindings") if isinstance(data.get("results"), dict) else None
    if not isinstance(bindings, list):
        raise _NotResults("it has no list 'results.bindings'")
    blank_nodes: dict[str, ox.BlankNode] = {}  # a store's own labels ("nodeID://b1") as blank nodes of this result
    rows = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise _NotResults("a binding is not an object")
        rows.append(tuple(_term(binding.get(c), blank_nodes) for c in columns))
    return Table(columns, rows)


def _term(value: object, blank_nodes: dict[str, ox.BlankNode]) -> Term | ox.BlankNode | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("value"), str):
        raise _NotResults("a bound value is not an object with a string 'value'")
    kind, text = value.get("type"), value["value"]
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return blank_nodes.setdefault(text, ox.BlankNode())
    if kind not in ("literal", "typed-literal"):
        raise _NotResults(f"a bound value has type {json.dumps(kind)[:40]}, not uri, literal or bnode")
    if "xml:lang" in value:
        return ox.Literal(text, language=str(value["xml:lang"]))
    return ox.Literal(text, datatype=ox.NamedNode(str(value.get("datatype", _STRING))))
