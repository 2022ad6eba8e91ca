"""Running library (or users') SPARQL queries on the local store or a remote endpoint,
and turning the results into plain rows."""

from __future__ import annotations

import os
import queue
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from parley.model.errors import InputError, Problem, did_you_mean
from parley.model.namespaces import PW, XSD
from parley.rdf.graphs import open_graph
from parley.sparql.library import LibraryQuery, library, query_from_file
from parley.sparql.params import bind_params, prepare
from parley.sparql.results import Rows, Table, Term

if TYPE_CHECKING:
    import pandas

__all__ = ["resolve_query", "run_local", "syntax_problem", "run_query", "query", "query_frame", "check_ids"]


def resolve_query(name: str | None = None, *, file: str | os.PathLike[str] | None = None) -> LibraryQuery:
    """A library query by name, or a user's query file."""
    if file is not None:
        return query_from_file(file)
    queries = library()
    if name not in queries:
        raise InputError([Problem(f"query {name}", 0, "", f"no such query in the library{did_you_mean(str(name), queries)}"
                                  f"; see 'parley queries'")])
    return queries[name]


def run_local(store: ox.Store, library_query: LibraryQuery, bindings: dict[str, Term],
              timeout: float | None = None) -> Table:
    """Run a query on an Oxigraph store with its parameters bound as terms
    (:func:`parley.sparql.params.prepare`); the default graph is the union of the named graphs.

    With ``timeout`` (seconds), a query still running then is an
    :class:`~parley.model.errors.InputError`; Oxigraph cannot be cancelled, so its evaluation
    goes on in a daemon thread whose result is dropped.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("1")))
    >>> run_local(store, LibraryQuery("t", "SELECT ?o WHERE { ?s ?p ?o }"), {}, timeout=5).rows
    [(<Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>,)]
    """
    text = prepare(library_query.text, bindings)
    if timeout is None:
        return _evaluate(store, library_query, text)
    answers: queue.SimpleQueue[Table | BaseException] = queue.SimpleQueue()

    def evaluate() -> None:
        try:
            answers.put(_evaluate(store, library_query, text))
        except BaseException as err:  # handed to the caller's thread
            answers.put(err)

    threading.Thread(target=evaluate, name=f"query {library_query.name}", daemon=True).start()
    try:
        answer = answers.get(timeout=timeout)
    except queue.Empty:
        raise InputError([Problem(library_query.source or f"query {library_query.name}", 0, "",
                                  f"no answer within {timeout:g} s (--timeout); give a longer one for this query")]) from None
    if isinstance(answer, BaseException):
        raise answer
    return answer


def _evaluate(store: ox.Store, library_query: LibraryQuery, text: str) -> Table:
    try:
        result = store.query(text)
        if isinstance(result, ox.QueryBoolean):
            return Table(["ask"], [(ox.Literal("true" if bool(result) else "false", datatype=ox.NamedNode(XSD + "boolean")),)])
        if isinstance(result, ox.QueryTriples):
            return Table(["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in result])
        columns = [variable.value for variable in result.variables]
        return Table(columns, [tuple(solution) for solution in result])
    except SyntaxError as err:
        raise InputError([syntax_problem(library_query, str(err))]) from None
    except (RuntimeError, OSError) as err:
        raise InputError([Problem(library_query.source or f"query {library_query.name}", 0, "", str(err))]) from None


_LOCATED = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
_ALTERNATIVES = 8


def syntax_problem(library_query: LibraryQuery, message: str) -> Problem:
    """Oxigraph's syntax error as one line at the query file's line (binding parameters
    keeps the lines), its list of expected tokens cut short.

    >>> print(syntax_problem(LibraryQuery("q", "", source="q.rq"),
    ...                      'error at 3:1: expected one of "(", "+", "-", ".", ":", "<", "?", "[", "_:", LATERAL'))
    q.rq:3: SPARQL syntax error at column 1: expected one of "(", "+", "-", ".", ":", "<", "?", "[", ...
    """
    where = library_query.source or f"query {library_query.name}"
    located = _LOCATED.match(message)
    if not located:
        return Problem(where, 0, "", f"SPARQL syntax error: {message}")
    line, column, detail = int(located.group(1)), located.group(2), located.group(3)
    head, sep, alternatives = detail.partition("expected one of ")
    if sep:
        items = alternatives.split(", ")
        if len(items) > _ALTERNATIVES:
            detail = f"{head}{sep}{', '.join(items[:_ALTERNATIVES])}, ..."
    return Problem(where, line, "", f"SPARQL syntax error at column {column}: {' '.join(detail.split())}")


def query(name: str | None = None, params: dict[str, str] | None = None, *, file: str | os.PathLike[str] | None = None,
          graph: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | ox.Store | None = None,
          endpoint: str | None = None, timeout: float | None = 30.0, compact_iris: bool = True) -> Rows:
    """Run a library query (or a query ``file``) and return its rows as dicts (a list
    whose ``columns`` name the query's columns).

    Parameters are checked and parsed for their types before anything runs. The graph
    is ``out/kg.trig`` unless ``graph``, ``store`` (a folder or an Oxigraph Store) or a
    remote ``endpoint`` is given. When no row comes back, an ``id`` parameter that names
    nothing in that graph is an :class:`~parley.model.errors.InputError` (:func:`check_ids`).
    ``timeout`` bounds the seconds a query may take, on the local store as on an endpoint
    (``None``: no bound on the local store).

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> built = build(out=tempfile.mkdtemp())
    >>> rows = query("timeline", {"process": "russia-ukraine-peace-talks"}, store=built.store)
    >>> rows[0]["date"], rows[0]["event"]
    ('2022', 'black-sea-grain-initiative')
    """
    return run_query(name, params, file, graph, store, endpoint, timeout).records(compact_iris=compact_iris)


def query_frame(name: str | None = None, params: dict[str, str] | None = None, **options: Any) -> pandas.DataFrame:
    """The same as :func:`query`, as a pandas DataFrame with the query's columns."""
    import pandas

    table = run_query(name, params, options.pop("file", None), options.pop("graph", None), options.pop("store", None),
                   options.pop("endpoint", None), options.pop("timeout", 30.0))
    return pandas.DataFrame(table.records(**options), columns=table.columns)


def run_query(name: str | None, params: dict[str, str] | None = None, file: Any = None, graph: Any = None,
              store: Any = None, endpoint: str | None = None, timeout: float | None = 30.0) -> Table:
    """Resolve, bind and run a query; the :class:`Table` behind :func:`query`."""
    library_query = resolve_query(name, file=file)
    bindings = bind_params(library_query, params or {})
    run: Callable[[LibraryQuery, dict[str, Term]], Table]
    if endpoint is not None:
        from parley.sparql.remote import run_remote

        def run(q: LibraryQuery, b: dict[str, Term]) -> Table:
            return run_remote(endpoint, q, b, timeout=30.0 if timeout is None else timeout)
    else:
        oxstore = store if isinstance(store, ox.Store) else open_graph(
            graph=graph, store=store, named_graphs=library_query.reads_named_graphs)

        def run(q: LibraryQuery, b: dict[str, Term]) -> Table:
            return run_local(oxstore, q, b, timeout)
    table = run(library_query, bindings)
    if not table.rows:
        check_ids(library_query, bindings, run)
    return table


_EXISTS = LibraryQuery("id-exists", "ASK { ?id ?p ?o }")
_IDS = LibraryQuery("ids-of-kind",
                    f"SELECT DISTINCT ?id WHERE {{ ?record <{PW}recordKind> ?kind ; <{PW}recordId> ?id }}")


def check_ids(library_query: LibraryQuery, bindings: dict[str, Term],
              run: Callable[[LibraryQuery, dict[str, Term]], Table]) -> None:
    """Raise :class:`~parley.model.errors.InputError` for each id parameter that names nothing
    in the graph (with the closest id of its kind), so a typo is not mistaken for an
    empty answer; ``run`` runs a query on the same graph as ``library_query``.

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> store = build(out=tempfile.mkdtemp()).store
    >>> query("timeline", {"process": "russia-ukraine-peace-talk"}, store=store)
    Traceback (most recent call last):
    ...
    parley.model.errors.InputError: --param process: no process 'russia-ukraine-peace-talk' in the graph (did you mean russia-ukraine-peace-talks?)
    """
    problems = []
    for param in library_query.params:
        term = bindings.get(param.name)
        if param.type != "id" or not isinstance(term, ox.NamedNode):
            continue
        answer = run(_EXISTS, {"id": term}).rows
        if answer and answer[0][0] is not None and answer[0][0].value == "true":
            continue
        prefix, _, record_id = term.value.rpartition("/")
        kind = prefix.rsplit("/", 1)[-1]
        shown = f"{kind}/" if param.kind == "any" else ""  # the value as the user gives it
        known = [shown + row[0].value for row in run(_IDS, {"kind": ox.Literal(kind)}).rows if row[0] is not None]
        problems.append(Problem(f"--param {param.name}", 0, "",
                                f"no {kind} '{record_id}' in the graph{did_you_mean(shown + record_id, known)}"))
    if problems:
        raise InputError(problems)
