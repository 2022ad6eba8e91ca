"""The co-participation graph of a remote SPARQL 1.1 store, aggregated there.

Who met whom, how often, on which dates and in which roles is counted by the store (one
GROUP BY over pairs of participations); the client receives one row per pair and per
actor, never one per participation, and builds the same graph as
:func:`~parley.network.projections.co_participation_graph` does from a local store.
Persons are folded onto whom they act for on the store too: the client first reads,
aggregated, how often each actor acts for each other one, and sends back the fold as
bound terms (``VALUES``), never as text pasted into the query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
import pandas as pd
import pyoxigraph as ox

from parley.model.namespaces import ID, PW, VOCAB, short_id
from parley.network.projections import (TIES, ActorInfo, Window, _check_window, _process_scope, acts_for_counts,
                                        co_participation_from)
from parley.network.tables import GraphTables, actors_table, processes_table, table_query
from parley.sparql.http import TIMEOUT
from parley.sparql.library import LibraryQuery
from parley.sparql.remote import run_remote
from parley.sparql.results import Table

__all__ = ["remote_co_participation_graph"]

_PREFIXES = f"PREFIX pw: <{PW}>\n"
_HELD = ox.NamedNode(VOCAB + "event-status/held")
_KIND_PATTERNS = {
    "event": "?thing a pw:NegotiationEvent ; pw:inProcess ?process .\n"
             f"FILTER NOT EXISTS {{ ?thing pw:eventStatus ?status FILTER (?status != {_HELD}) }}",
    "agreement": "?thing a pw:Agreement .\n"
                 "OPTIONAL { { ?thing pw:resultOf ?process . ?process a pw:NegotiationProcess }\n"
                 "           UNION { ?thing pw:resultOf/pw:inProcess ?process } }",
}
_PLANNED = {"event": "?thing a pw:NegotiationEvent ; pw:inProcess ?process ."}


def _strings(table: Table) -> pd.DataFrame:
    """Solutions as strings, as the local tables read them: IRIs whole, literals' text, '' unbound."""
    rows = [["" if term is None else term.value for term in row] for row in table.rows]
    return pd.DataFrame(rows, columns=table.columns, dtype=object).astype(str)


def _values(variables: Sequence[str], rows: Iterable[Sequence[ox.NamedNode | ox.Literal]]) -> str:
    """A VALUES block of RDF terms, each serialized by Oxigraph (so escaped as a term)."""
    body = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + v for v in variables)}) {{ {body} }}"


def _actor(actor: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}actor/{actor}")


def _kept(kind: str, window: Window, scope: set[str] | None, fold: dict[str, str]) -> str:
    """The participations the window keeps, as ``?thing ?day ?node ?role`` (``?node``: the
    actor, or whom a person acts for when folding)."""
    pattern = (_PLANNED if window.include_planned else _KIND_PATTERNS).get(kind, _KIND_PATTERNS[kind])
    filters = []
    for bound, keeps in ((window.start, ">="), (window.end, "<=")):
        if bound is not None:
            term = str(ox.Literal(bound))
            length = f"IF(STRLEN(?day) < STRLEN({term}), STRLEN(?day), STRLEN({term}))"
            filters.append(f"FILTER (?day != \"\" && SUBSTR(?day, 1, {length}) {keeps} SUBSTR({term}, 1, {length}))")
    scoped = _values(["process"], ([ox.NamedNode(f"{ID}process/{p}")] for p in sorted(scope))) if scope is not None \
        else ""
    if window.fold:
        mapping = _values(["actor", "fallback"], ([_actor(a), _actor(f)] for a, f in sorted(fold.items())))
        node = f"""OPTIONAL {{ {mapping} }}
    BIND (IF(EXISTS {{ ?actor a pw:Person }} || NOT EXISTS {{ ?actor a pw:Actor }},
             COALESCE(?obo, ?fallback, ?actor), ?actor) AS ?node)"""
    else:
        node = "BIND (?actor AS ?node)"
    behalf = "OPTIONAL { ?p pw:onBehalfOf ?obo }" if window.fold else ""
    return f"""SELECT DISTINCT ?thing ?day ?node ?role WHERE {{
    {{ ?thing pw:hasParticipation ?p . ?p pw:actor ?actor ; pw:role ?role . {behalf} }}
    UNION {{ ?thing pw:participant ?actor . BIND (<{VOCAB}role/participant> AS ?role) }}
    {pattern}
    {scoped}
    OPTIONAL {{ ?thing pw:date ?date }}
    BIND (COALESCE(STR(?date), "") AS ?day)
    {' '.join(filters)}
    {node}
  }}"""


def _run(endpoint: str, name: str, text: str, timeout: float) -> Table:
    return run_remote(endpoint, LibraryQuery(name, _PREFIXES + text), {}, timeout=timeout)


def _tables(endpoint: str, timeout: float) -> GraphTables:
    """The small tables (actors, processes) of the remote store; no participation in them."""
    actors = actors_table(_strings(run_remote(endpoint, LibraryQuery("actors", table_query("actors")), {},
                                              timeout=timeout)))
    processes = processes_table(_strings(run_remote(endpoint, LibraryQuery("processes", table_query("processes")),
                                                    {}, timeout=timeout)))
    empty = pd.DataFrame()
    return GraphTables(actors, processes, empty, empty, empty)


def remote_co_participation_graph(endpoint: str, window: Window = Window(), *, timeout: float = TIMEOUT) -> nx.Graph:
    """The co-participation graph (as :func:`~parley.network.projections.co_participation_graph`
    gives it, node and edge attributes alike) of the store at ``endpoint``, counted there."""
    _check_window(window)
    tables = _tables(endpoint, timeout)
    info = {a: ActorInfo(label, kind, part_of) for a, label, kind, part_of in zip(
        *(tables.actors[c].tolist() for c in ("id", "label", "type", "part_of")))}
    scope = _process_scope(tables, window)
    counted = _strings(_run(endpoint, "acts-for", """SELECT ?actor ?on_behalf_of
      (COUNT(DISTINCT CONCAT(STR(?thing), " ", STR(?role))) AS ?n) WHERE {
      ?thing pw:hasParticipation ?p . ?p pw:actor ?actor ; pw:role ?role ; pw:onBehalfOf ?on_behalf_of .
      { ?thing a pw:NegotiationEvent ; pw:inProcess ?process } UNION { ?thing a pw:Agreement }
      UNION { ?thing a pw:NegotiationProcess } } GROUP BY ?actor ?on_behalf_of""", timeout))
    counts = pd.DataFrame({"actor": [short_id(v) for v in counted["actor"]],
                           "on_behalf_of": [short_id(v) for v in counted["on_behalf_of"]],
                           "n": counted["n"].astype(int) if len(counted) else []})
    acts_for = acts_for_counts(counts, info)
    persons = {a for a, meta in info.items() if meta.type == "Person"}
    fold = {a: f for a, f in acts_for.items() if a in persons and f and f != a}
    kinds = TIES[window.ties]
    if not kinds:  # ties "auto", as the local tables decide it
        has_events = _run(endpoint, "has-events", "ASK { ?thing a pw:NegotiationEvent ; pw:inProcess ?process ; "
                                                  "pw:hasParticipation/pw:actor ?actor }", timeout)
        kinds = ("event",) if has_events.rows and has_events.rows[0][0].value == "true" else ("agreement",)
    kept = " UNION ".join("{ " + _kept(kind, window, scope, fold) + " }" for kind in kinds)
    node_rows = _run(endpoint, "co-participation-nodes", f"""SELECT ?node
      (GROUP_CONCAT(DISTINCT ?day; separator=" ") AS ?days) WHERE {{ {kept} }} GROUP BY ?node""", timeout)
    edge_rows = _run(endpoint, "co-participation-edges", f"""SELECT ?a ?b (COUNT(DISTINCT ?thing) AS ?weight)
      (GROUP_CONCAT(DISTINCT ?day; separator=" ") AS ?days)
      (GROUP_CONCAT(DISTINCT STR(?role_a); separator=" ") AS ?roles_a)
      (GROUP_CONCAT(DISTINCT STR(?role_b); separator=" ") AS ?roles_b) WHERE {{
      {{ SELECT ?thing ?day (?node AS ?a) (?role AS ?role_a) WHERE {{ {kept} }} }}
      {{ SELECT ?thing (?node AS ?b) (?role AS ?role_b) WHERE {{ {kept} }} }}
      FILTER (STR(?a) < STR(?b)) }} GROUP BY ?a ?b""", timeout)
    return _assemble(kinds, node_rows, edge_rows, info, acts_for, window)


def _distinct(*texts: str) -> list[str]:
    """The distinct space-separated values of GROUP_CONCATs, sorted."""
    return sorted({value for text in texts for value in text.split()})


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if term is None else term.value


def _assemble(kinds: tuple[str, ...], node_rows: Table, edge_rows: Table, info: dict[str, ActorInfo],
              acts_for: dict[str, str], window: Window) -> nx.Graph:
    """The graph of the store's aggregated rows, actors selected as the local projection does."""
    def selected(actor: str) -> bool:
        person = actor in info and info[actor].type == "Person"
        return window.actors == "all" or (person if window.actors == "persons" else not person)

    nodes = {short_id(_text(node)): ";".join(_distinct(_text(days))) for node, days in node_rows.rows}
    nodes = {actor: days for actor, days in nodes.items() if selected(actor)}
    edges = []
    for a, b, weight, days, roles_a, roles_b in edge_rows.rows:
        ends = sorted((short_id(_text(a)), short_id(_text(b))))
        if ends[0] in nodes and ends[1] in nodes:
            roles = sorted({short_id(role) for role in _distinct(_text(roles_a), _text(roles_b))})
            edges.append((ends[0], ends[1], int(_text(weight)), ";".join(_distinct(_text(days))), ";".join(roles)))
    return co_participation_from(kinds, nodes, edges, info, acts_for)
