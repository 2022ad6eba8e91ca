"""Running library (or users') SPARQL queries on the local store or a remote endpoint,
and turning the results into plain rows."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from parley.errors import InputError, Problem
from parley.library import LibraryQuery, library, query_from_file
from parley.loaders.schema import did_you_mean
from parley.namespaces import ID, PROV, PW, RDF, RDFS, SKOS, VOCAB, XSD
from parley.params import Term, bind_params, prepare
from parley.store import add_union, load_ontology, load_union

if TYPE_CHECKING:
    import pandas

__all__ = ["Table", "resolve_query", "open_graph", "run_local", "run_query", "query", "query_frame", "compact",
           "check_ids", "DEFAULT_GRAPH"]

DEFAULT_GRAPH = Path("out") / "kg.trig"
_COMPACT_PREFIXES = [("pw", PW), ("rdf", RDF), ("rdfs", RDFS), ("skos", SKOS), ("prov", PROV), ("xsd", XSD)]
_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
            ".nt": ox.RdfFormat.N_TRIPLES}


@dataclass
class Table:
    """Query results: column names and rows of RDF terms (None where unbound)."""

    columns: list[str]
    rows: list[tuple[Term | ox.BlankNode | None, ...]]

    def records(self, *, compact_iris: bool = True) -> list[dict[str, Any]]:
        """The rows as dicts of plain Python values (see :func:`compact`)."""
        show = compact if compact_iris else _plain
        shown: dict[Any, Any] = {}  # rows repeat their actors, roles and dates: each is made plain once
        records = []
        for row in self.rows:
            values = []
            for term in row:
                try:
                    values.append(shown[term])
                except KeyError:
                    values.append(shown.setdefault(term, show(term)))
            records.append(dict(zip(self.columns, values)))
        return records


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value == XSD + "integer":
        return int(term.value)
    return term.value if not isinstance(term, ox.BlankNode) else f"_:{term.value}"


def compact(term: Any) -> Any:
    """A term as a plain value: instance IRIs as their id, vocabulary terms as their name,
    ontology terms as ``pw:NAME``, integers as int, other literals as their text.

    >>> compact(ox.NamedNode("https://w3id.org/parley/id/actor/turkiye"))
    'turkiye'
    >>> compact(ox.NamedNode("https://w3id.org/parley/vocab/role/mediator")), compact(ox.NamedNode(PW + "date"))
    ('mediator', 'pw:date')
    """
    if isinstance(term, ox.NamedNode):
        value = term.value
        if value.startswith(ID):
            path = value[len(ID):]
            return path.split("/", 1)[1] if path.count("/") == 1 else path
        if value.startswith(VOCAB):
            return value.rsplit("/", 1)[1]
        for prefix, namespace in _COMPACT_PREFIXES:
            if value.startswith(namespace):
                return f"{prefix}:{value[len(namespace):]}"
        return value
    return _plain(term)


def resolve_query(name: str | None = None, *, file: str | os.PathLike[str] | None = None) -> LibraryQuery:
    """A library query by name, or a user's query file."""
    if file is not None:
        return query_from_file(file)
    queries = library()
    if name not in queries:
        raise InputError([Problem(f"query {name}", 0, "", f"no such query in the library{did_you_mean(str(name), queries)}"
                                  f"; see 'parley queries'")])
    return queries[name]


def open_graph(*, graph: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | None = None,
               named_graphs: bool = True) -> ox.Store:
    """The store to query: an on-disk store folder (opened read-only, so not while a build
    writes it), or a graph file (TriG, N-Quads, Turtle, N-Triples) loaded into memory with
    the ontology; ``out/kg.trig`` by default.
    The default graph is the union of the file's graphs; with ``named_graphs=False`` it
    is all that is loaded, which is faster to load and to query (for the queries that
    do not read named graphs: see :attr:`~parley.library.LibraryQuery.reads_named_graphs`).

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = build(out=out)
    >>> [graph.value for graph in open_graph(graph=out / "kg.trig", named_graphs=False).named_graphs()]
    ['https://w3id.org/parley/ontology']
    """
    if store is not None:
        try:  # read-only: a folder that holds no store is left as it is
            return ox.Store.read_only(str(store))
        except OSError:
            hint = "no store here (build one with 'parley build --store DIR')"
            raise InputError([Problem(str(store), 0, "", hint)]) from None
    path = Path(graph) if graph is not None else DEFAULT_GRAPH
    if not path.is_file():
        hint = "run 'parley build' first, or give --input FILE or --store DIR" if graph is None else "no such file"
        raise InputError([Problem(str(path), 0, "", hint)])
    rdf_format = _FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise InputError([Problem(str(path), 0, "", f"unknown graph format: use {', '.join(_FORMATS)}")])
    oxstore = ox.Store()
    try:
        if named_graphs:
            oxstore.bulk_load(path=str(path), format=rdf_format)
            add_union(oxstore)
        else:
            load_union(oxstore, path, rdf_format)
    except SyntaxError as err:
        raise InputError([Problem(str(path), getattr(err, "lineno", 0) or 0, "", f"not valid {path.suffix[1:]}: {err}")]) from None
    load_ontology(oxstore)
    return oxstore


def run_local(store: ox.Store, library_query: LibraryQuery, bindings: dict[str, Term]) -> Table:
    """Run a query on an Oxigraph store with its parameters bound as terms
    (:func:`parley.params.prepare`); the default graph is the union of the named graphs."""
    try:
        result = store.query(prepare(library_query.text, bindings))
    except SyntaxError as err:
        raise InputError([Problem(f"query {library_query.name}", 0, "", f"SPARQL syntax error: {err}")]) from None
    except RuntimeError as err:
        raise InputError([Problem(f"query {library_query.name}", 0, "", str(err))]) from None
    if isinstance(result, ox.QueryBoolean):
        return Table(["ask"], [(ox.Literal("true" if bool(result) else "false", datatype=ox.NamedNode(XSD + "boolean")),)])
    if isinstance(result, ox.QueryTriples):
        return Table(["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in result])
    columns = [variable.value for variable in result.variables]
    return Table(columns, [tuple(solution) for solution in result])


def query(name: str | None = None, params: dict[str, str] | None = None, *, file: str | os.PathLike[str] | None = None,
          graph: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | ox.Store | None = None,
          endpoint: str | None = None, timeout: float = 30.0, compact_iris: bool = True) -> list[dict[str, Any]]:
    """Run a library query (or a query ``file``) and return its rows as dicts.

    Parameters are checked and parsed for their types before anything runs. The graph
    is ``out/kg.trig`` unless ``graph``, ``store`` (a folder or an Oxigraph Store) or a
    remote ``endpoint`` is given. When no row comes back, an ``id`` parameter that names
    nothing in that graph is an :class:`~parley.errors.InputError` (:func:`check_ids`).

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> built = build(out=tempfile.mkdtemp())
    >>> rows = query("timeline", {"process": "russia-ukraine-peace-talks"}, store=built.store)
    >>> rows[0]["date"], rows[0]["event"]
    ('2022', 'istanbul-talks-2022')
    """
    return run_query(name, params, file, graph, store, endpoint, timeout).records(compact_iris=compact_iris)


def query_frame(name: str | None = None, params: dict[str, str] | None = None, **options: Any) -> pandas.DataFrame:
    """The same as :func:`query`, as a pandas DataFrame with the query's columns."""
    import pandas

    table = run_query(name, params, options.pop("file", None), options.pop("graph", None), options.pop("store", None),
                   options.pop("endpoint", None), options.pop("timeout", 30.0))
    return pandas.DataFrame(table.records(**options), columns=table.columns)


def run_query(name: str | None, params: dict[str, str] | None = None, file: Any = None, graph: Any = None,
              store: Any = None, endpoint: str | None = None, timeout: float = 30.0) -> Table:
    """Resolve, bind and run a query; the :class:`Table` behind :func:`query`."""
    library_query = resolve_query(name, file=file)
    bindings = bind_params(library_query, params or {})
    run: Callable[[LibraryQuery, dict[str, Term]], Table]
    if endpoint is not None:
        from parley.endpoint import run_remote

        def run(q: LibraryQuery, b: dict[str, Term]) -> Table:
            return run_remote(endpoint, q, b, timeout=timeout)
    else:
        oxstore = store if isinstance(store, ox.Store) else open_graph(
            graph=graph, store=store, named_graphs=library_query.reads_named_graphs)

        def run(q: LibraryQuery, b: dict[str, Term]) -> Table:
            return run_local(oxstore, q, b)
    table = run(library_query, bindings)
    if not table.rows:
        check_ids(library_query, bindings, run)
    return table


_EXISTS = LibraryQuery("id-exists", "ASK { ?id ?p ?o }")
_IDS = LibraryQuery("ids-of-kind",
                    f"SELECT DISTINCT ?id WHERE {{ ?record <{PW}recordKind> ?kind ; <{PW}recordId> ?id }}")


def check_ids(library_query: LibraryQuery, bindings: dict[str, Term],
              run: Callable[[LibraryQuery, dict[str, Term]], Table]) -> None:
    """Raise :class:`~parley.errors.InputError` for each id parameter that names nothing
    in the graph (with the closest id of its kind), so a typo is not mistaken for an
    empty answer; ``run`` runs a query on the same graph as ``library_query``.

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> store = build(out=tempfile.mkdtemp()).store
    >>> query("timeline", {"process": "russia-ukraine-peace-talk"}, store=store)
    Traceback (most recent call last):
    ...
    parley.errors.InputError: --param process: no process 'russia-ukraine-peace-talk' in the graph (did you mean russia-ukraine-peace-talks?)
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
