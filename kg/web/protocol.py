"""The SPARQL 1.1 Protocol, read-only, over an Oxigraph store: one request in, one answer out.

Queries come by GET (``?query=``), by POST of a form (``query=``) or by POST of
``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri`` choose the
dataset (by default the union of the record graphs, with every named graph addressable
with ``GRAPH``). Results are JSON, XML, CSV or TSV (SELECT, ASK) or Turtle, N-Triples,
RDF/XML (CONSTRUCT, DESCRIBE), as the ``Accept`` header asks. Updates are refused; a
query has ``timeout`` seconds.

>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p"), ox.Literal("o")))
>>> answer = sparql_answer(store, SparqlRequest("GET", {"query": ["SELECT ?o WHERE { ?s ?p ?o }"]},
...                                            accept="text/csv"))
>>> answer.status, answer.content_type, answer.body
(200, 'text/csv; charset=utf-8', b'o\\r\\no\\r\\n')
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field

import pyoxigraph as ox

__all__ = ["SparqlRequest", "SparqlAnswer", "sparql_answer", "negotiate", "RESULT_FORMATS", "GRAPH_FORMATS",
           "QueryGate"]

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
_TEXT = {"text/csv", "text/tab-separated-values", "text/turtle", "text/plain"}


@dataclass
class SparqlRequest:
    """What the protocol reads of an HTTP request: method, URL parameters (each a list),
    the form of a form POST, the body and its content type, the Accept header."""

    method: str
    args: dict[str, list[str]] = field(default_factory=dict)
    form: dict[str, list[str]] = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""
    accept: str = ""


@dataclass
class SparqlAnswer:
    """The HTTP answer: status, content type and body (a message in plain text on errors)."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> SparqlAnswer:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class QueryGate:
    """How many queries may run at once: Oxigraph cannot stop a query, so a query past its
    time limit goes on in the background, and the gate keeps such queries from piling up."""

    def __init__(self, running: int = 4):
        self._slots = threading.BoundedSemaphore(running)

    def enter(self) -> bool:
        return self._slots.acquire(blocking=False)

    def leave(self) -> None:
        self._slots.release()


def negotiate(accept: str, offered: dict[str, object]) -> str | None:
    """The media type of ``offered`` the Accept header prefers (the first offered when it
    accepts anything), or None when it accepts none of them.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS)
    'application/sparql-results+xml'
    >>> negotiate("", RESULT_FORMATS), negotiate("text/*", RESULT_FORMATS), negotiate("image/png", RESULT_FORMATS)
    ('application/sparql-results+json', 'text/csv', None)
    """
    if not accept.strip():
        return next(iter(offered))
    best, best_q = None, 0.0
    for position, item in enumerate(accept.split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if media in ("*/*", "*"):
            match = next(iter(offered))
        elif media.endswith("/*"):
            match = next((m for m in offered if m.startswith(media[:-1])), None)
        else:
            match = media if media in offered else None
        # an exact type outranks a wildcard of the same weight
        rank = q - (0.001 if "*" in media else 0.0) - position * 1e-6
        if match is not None and q > 0 and rank > best_q:
            best, best_q = match, rank
    return best


def _parameters(request: SparqlRequest) -> tuple[dict[str, list[str]], str | None, str | None]:
    """All protocol parameters, the query and the update (None when absent)."""
    parameters = {key: list(values) for key, values in request.args.items()}
    kind = request.content_type.split(";")[0].strip().lower()
    query = update = None
    if request.method == "POST" and kind == "application/sparql-query":
        query = request.body.decode("utf-8", errors="replace")
    elif request.method == "POST" and kind == "application/sparql-update":
        update = request.body.decode("utf-8", errors="replace")
    for key, values in request.form.items():
        parameters.setdefault(key, []).extend(values)
    if query is None and parameters.get("query"):
        query = parameters["query"][0]
    if parameters.get("update"):
        update = parameters["update"][0]
    return parameters, query, update


def _graphs(values: list[str]) -> list[ox.NamedNode]:
    return [ox.NamedNode(value) for value in values]


def sparql_answer(store: ox.Store, request: SparqlRequest, *, timeout: float = 30.0,
                  gate: QueryGate | None = None) -> SparqlAnswer:
    """Answer one SPARQL 1.1 Protocol request on ``store``, read-only (see the module)."""
    if request.method not in ("GET", "POST"):
        return SparqlAnswer.error(405, "use GET or POST")
    parameters, text, update = _parameters(request)
    if update is not None:
        return SparqlAnswer.error(403, "this endpoint is read-only: SPARQL updates are refused")
    if text is None:
        return SparqlAnswer.error(400, "no query: give one as ?query=..., as a form field 'query', or as the body of "
                                       "a POST with content type application/sparql-query")
    if len(parameters.get("query", [])) > 1:
        return SparqlAnswer.error(400, "more than one query in the request")
    try:
        options = {}
        if parameters.get("default-graph-uri"):
            options["default_graph"] = _graphs(parameters["default-graph-uri"])
        if parameters.get("named-graph-uri"):
            options["named_graphs"] = _graphs(parameters["named-graph-uri"])
    except ValueError as err:
        return SparqlAnswer.error(400, f"a graph IRI is not valid: {err}")
    if gate is not None and not gate.enter():
        return SparqlAnswer.error(503, "too many queries are running; try again in a moment")
    answers: queue.SimpleQueue[SparqlAnswer] = queue.SimpleQueue()

    def evaluate() -> None:
        try:
            answers.put(_evaluate(store, text, options, request.accept))
        except BaseException as err:  # the caller's thread reports it
            answers.put(SparqlAnswer.error(500, f"the query failed: {err}"))
        finally:
            if gate is not None:
                gate.leave()

    threading.Thread(target=evaluate, name="sparql query", daemon=True).start()
    try:
        return answers.get(timeout=timeout)
    except queue.Empty:
        return SparqlAnswer.error(503, f"the query ran longer than this endpoint's limit of {timeout:g} s")


def _evaluate(store: ox.Store, text: str, options: dict[str, object], accept: str) -> SparqlAnswer:
    try:
        result = store.query(text, **options)  # type: ignore[arg-type]
    except SyntaxError as err:
        return SparqlAnswer.error(400, f"SPARQL syntax error: {' '.join(str(err).split())}")
    except (OSError, RuntimeError) as err:
        return SparqlAnswer.error(500, f"the query failed: {err}")
    offered = GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else RESULT_FORMATS
    media = negotiate(accept, offered)
    if media is None:
        return SparqlAnswer.error(406, f"cannot answer in {accept}; this query's results come as "
                                       f"{', '.join(offered)}")
    body = result.serialize(format=offered[media])  # type: ignore[call-overload]
    charset = "; charset=utf-8" if media in _TEXT else ""
    return SparqlAnswer(200, media + charset, body or b"")

