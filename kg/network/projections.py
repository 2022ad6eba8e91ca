"""From the knowledge graph to networkx: the one place RDF becomes graphs.

Every projection reads the graph's analysis tables (:mod:`parley.network.tables`: those a
build wrote beside the graph file when they match it, else read from the store with
SPARQL) and returns a networkx graph whose
node and edge attributes are plain Python values (str, int, float, bool; never None,
never an RDF term), so every exporter can take them. Node ids are actor ids.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd
import pyoxigraph as ox

from parley.model.errors import InputError, Problem
from parley.model.namespaces import ID, PW, VOCAB, short_id
from parley.model.records import parse_date
from parley.model.vocabulary import vocabulary
from parley.network.tables import GraphTables, read_store, read_tables
from parley.network.ties import bipartite_ties, brokers, co_participation_ties, mediation_ties
from parley.rdf.graphs import DEFAULT_GRAPH, open_graph

__all__ = ["Window", "Participation", "participations", "actors", "project", "third_party_actors", "graph_source", "co_participation_graph",
           "mediation_graph", "bipartite_graph", "typed_multigraph", "GRAPH_KINDS", "THIRD_PARTY_ROLES", "TIES",
           "ACTOR_SELECTIONS"]

# Every role of a third party, as the mediation graph counts them by default.
THIRD_PARTY_ROLES = ("mediator", "facilitator", "host", "guarantor", "witness", "observer", "third-party")
# Roles that stand for a side in the mediation graph: a party, and a person negotiating or
# signing for one (an envoy or head of delegation, folded onto the state they act for).
_SIDES = ("party", "envoy", "head-of-delegation", "signatory", "party-signatory")
# What ties actors in the co-participation and bipartite projections.
# "auto": events where the graph has any (curated data), else agreements (PA-X, UCDP imports).
TIES = {"auto": (), "events": ("event",), "agreements": ("agreement",), "both": ("event", "agreement")}
ACTOR_SELECTIONS = ("all", "persons", "collective")
_TYPE_ORDER = ("Person", "State", "IntergovernmentalOrganization", "GovernmentBody", "ArmedGroup",
               "NonGovernmentalOrganization", "Group", "Organization", "Actor")

@dataclass(frozen=True)
class Participation:
    """One actor in one event, agreement or process, as plain ids."""

    thing: str        # "event/ID", "agreement/ID" or "process/ID"
    kind: str         # event, agreement, process
    date: str         # "" when unknown
    held: bool        # events: status is held; others: True
    process: str      # the process it belongs to ("" when none)
    actor: str
    role: str
    on_behalf_of: str  # "" when not given


@dataclass(frozen=True)
class Window:
    """Which participations a projection keeps: a time window, a process (with its
    sub-tracks) or a conflict, and which actors.

    >>> Window(start="2025", end="2025-06").keeps_date("2025-06-02"), Window(start="2026").keeps_date("2025-12")
    (True, False)
    """

    start: str | None = None
    end: str | None = None
    process: str | None = None
    conflict: str | None = None
    actors: str = "all"        # all, persons, collective (states and organizations)
    fold: bool = False         # fold persons onto the state or organization they act for
    include_planned: bool = False
    ties: str = "auto"         # auto, events, agreements or both: what ties actors (co-participation, bipartite)
    third_parties: tuple[str, ...] = THIRD_PARTY_ROLES  # the roles the mediation graph counts

    def keeps_date(self, date: str) -> bool:
        if not date:
            return self.start is None and self.end is None
        if self.start is not None and _before(date, self.start):
            return False
        return not (self.end is not None and _before(self.end, date))


def _before(a: str, b: str) -> bool:
    """True when partial date ``a`` lies wholly before ``b``."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _id(term: ox.NamedNode | None) -> str:
    return "" if term is None else short_id(term.value)


def _path(term: ox.NamedNode) -> str:
    return term.value[len(ID):] if term.value.startswith(ID) else term.value


Source = ox.Store | GraphTables


def _tables(source: Source) -> GraphTables:
    return source if isinstance(source, GraphTables) else read_store(source)


def participations(source: Source) -> list[Participation]:
    """Every participation in a store or its analysis tables (events, agreements, processes)."""
    frame = _tables(source).participations
    columns = [frame[name].tolist() for name in ("kind", "id", "date", "held", "process", "actor", "role",
                                                  "on_behalf_of")]
    return [Participation(f"{kind}/{thing}", kind, date, bool(held), process, actor, role, on_behalf_of)
            for kind, thing, date, held, process, actor, role, on_behalf_of in zip(*columns)]


@dataclass(frozen=True)
class ActorInfo:
    label: str
    type: str
    part_of: str


def actors(source: Source) -> dict[str, ActorInfo]:
    """Every actor: its label, most specific type and the actor it is part of."""
    frame = _tables(source).actors
    return {actor: ActorInfo(label, kind, part_of) for actor, label, kind, part_of in
            zip(frame["id"].tolist(), frame["label"].tolist(), frame["type"].tolist(), frame["part_of"].tolist())}


def _process_scope(tables: GraphTables, window: Window) -> set[str] | None:
    if window.process is None and window.conflict is None:
        return None
    frame = tables.processes
    known = set(frame["id"].tolist())
    parent = {p: up for p, up in zip(frame["id"].tolist(), frame["parent"].tolist()) if up}
    conflict = {p: c for p, c in zip(frame["id"].tolist(), frame["conflict"].tolist()) if c}

    def roots(process: str) -> list[str]:
        chain = [process]
        while chain[-1] in parent and parent[chain[-1]] not in chain:
            chain.append(parent[chain[-1]])
        return chain

    if window.process is not None and window.process not in known:
        raise InputError([Problem("--process", 0, "", f"no process '{window.process}' in the graph")])
    if window.conflict is not None and window.conflict not in set(conflict.values()):
        raise InputError([Problem("--conflict", 0, "", f"no process is about conflict '{window.conflict}'")])
    return {p for p in known if (window.process in roots(p)) or
            (window.conflict is not None and any(conflict.get(r) == window.conflict for r in roots(p)))}


def _acts_for(frame: pd.DataFrame, info: dict[str, ActorInfo]) -> dict[str, str]:
    """The state or organization each actor acts for (:func:`acts_for_counts`), from the participations."""
    given = frame[frame["on_behalf_of"] != ""]
    return acts_for_counts(given.groupby(["actor", "on_behalf_of"], sort=False).size().reset_index(name="n"), info)


def acts_for_counts(counts: pd.DataFrame, info: dict[str, ActorInfo]) -> dict[str, str]:
    """The state or organization each actor acts for: persons, the one they most often act
    on behalf of (``counts``: actor, on_behalf_of, n; the first by id on a tie);
    organizations, what they are part of; others, themselves."""
    counts = counts.sort_values(["actor", "n", "on_behalf_of"], ascending=[True, False, True], kind="stable")
    most = dict(zip(*(counts.drop_duplicates("actor")[c].tolist() for c in ("actor", "on_behalf_of"))))
    acts_for = {}
    for actor, meta in info.items():
        if actor in most:
            acts_for[actor] = most[actor]
        elif meta.part_of:
            acts_for[actor] = meta.part_of
        else:
            acts_for[actor] = "" if meta.type == "Person" else actor
    return acts_for


def _check_window(window: Window) -> None:
    if window.actors not in ACTOR_SELECTIONS:
        raise ValueError(f"actors must be one of {', '.join(ACTOR_SELECTIONS)}")
    if window.ties not in TIES:
        raise InputError([Problem("--ties", 0, "", f"'{window.ties}' is not one of {', '.join(TIES)}")])
    unknown = [role for role in window.third_parties if role not in THIRD_PARTY_ROLES]
    if unknown:
        raise InputError([Problem("--third-parties", 0, "", f"'{unknown[0]}' is not a third-party role; use "
                                  f"{', '.join(THIRD_PARTY_ROLES)}")])
    for bound in (window.start, window.end):
        if bound is not None:
            try:
                parse_date(bound)
            except ValueError as err:
                raise InputError([Problem("--from/--to", 0, "", str(err))]) from None


def _selected_frame(source: Source, window: Window, kinds: tuple[str, ...]
                    ) -> tuple[pd.DataFrame, dict[str, ActorInfo], dict[str, str], tuple[str, ...]]:
    """The participations the window keeps (columns of :class:`Participation`, persons
    folded if asked), the actors, whom each acts for, and the kinds of things kept."""
    _check_window(window)
    tables = _tables(source)
    frame = tables.participations.copy()
    frame.insert(0, "thing", frame["kind"] + "/" + frame["id"])
    if not kinds:  # ties "auto"
        kinds = ("event",) if (frame["kind"] == "event").any() else ("agreement",)
    info = actors(tables)
    acts_for = _acts_for(frame, info)
    scope = _process_scope(tables, window)
    keep = frame["kind"].isin(kinds)
    if not window.include_planned:
        keep &= frame["held"].astype(bool)
    if window.start is not None or window.end is not None:
        keep &= frame["date"].map({d: window.keeps_date(d) for d in frame["date"].unique()}).astype(bool)
    if scope is not None:
        keep &= frame["process"].isin(scope)
    kept = frame[keep]
    kinds_of = {actor: meta.type for actor, meta in info.items()}
    actor = kept["actor"]
    if window.fold:
        person = actor.map(kinds_of).fillna("Person") == "Person"
        fallback = actor.map({a: f for a, f in acts_for.items() if f}).fillna(actor)
        actor = actor.where(~person, kept["on_behalf_of"].where(kept["on_behalf_of"] != "", fallback))
    is_person = actor.map(kinds_of).fillna("Actor") == "Person"
    kept = kept.assign(actor=actor)
    if window.actors == "persons":
        kept = kept[is_person]
    elif window.actors == "collective":
        kept = kept[~is_person]
    return kept.drop(columns=["id", "basis"]).reset_index(drop=True), info, acts_for, kinds


def _add_actor(graph: nx.Graph, actor: str, info: dict[str, ActorInfo], acts_for: dict[str, str]) -> None:
    meta = info.get(actor, ActorInfo(actor, "Actor", ""))
    graph.add_node(actor, label=meta.label, type=meta.type, acts_for=acts_for.get(actor, "") or "",
                   group=acts_for.get(actor, "") or actor)


def co_participation_graph(source: Source, window: Window = Window()) -> nx.Graph:
    """Actors linked when they took part in the same held events; ``weight`` is the number
    of shared events, with ``first`` and ``last`` date and the ``roles`` seen (``;``-separated).

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> g = co_participation_graph(build(out=tempfile.mkdtemp()).store, Window(fold=True))
    >>> g.edges["turkiye", "ukraine"]["weight"], g.nodes["turkiye"]["label"]
    (3, 'Türkiye')
    """
    kept, info, acts_for, kinds = _selected_frame(source, window, TIES[window.ties])
    nodes, edges = co_participation_ties(kept)
    return co_participation_from(kinds, nodes, edges, info, acts_for)


def co_participation_from(kinds: tuple[str, ...], nodes: dict[str, str], edges: list[tuple[str, str, int, str, str]],
                          info: dict[str, ActorInfo], acts_for: dict[str, str]) -> nx.Graph:
    """The co-participation graph of its parts, in one order whatever computed them: the
    ``nodes`` (actor: its dates, ``;``-separated) and ``edges`` (actor, other, shared things,
    their dates and the roles seen, ``;``-separated)."""
    graph = nx.Graph(kind="co-participation", ties=" and ".join(f"{kind}s" for kind in kinds))
    for actor in sorted(nodes):
        _add_actor(graph, actor, info, acts_for)
    for a, b, weight, dates, roles in sorted(edges):
        dated = dates.split(";") if dates else []
        graph.add_edge(a, b, weight=weight, distance=1.0 / weight, first=dated[0] if dated else "",
                       last=dated[-1] if dated else "", roles=roles, dates=dates)
    for actor in graph:
        graph.nodes[actor]["dates"] = nodes.get(actor, "")
    return graph


def mediation_graph(source: Source, window: Window = Window()) -> nx.DiGraph:
    """Third parties (every third-party role, or those of ``window.third_parties``) to the parties they served,
    in events, agreements and processes; ``weight`` counts them, ``processes`` and
    ``roles`` list them (``;``-separated)."""
    kept, info, acts_for, _ = _selected_frame(source, window, ("event", "agreement", "process"))
    nodes, edges = mediation_ties(kept, window.third_parties, _SIDES)
    graph = nx.DiGraph(kind="mediation")
    for actor in sorted(nodes):
        _add_actor(graph, actor, info, acts_for)
        graph.nodes[actor]["dates"] = nodes[actor]
    for broker, party, weight, roles, processes, dates in edges:
        graph.add_edge(broker, party, weight=weight, distance=1.0 / weight, roles=roles, processes=processes,
                       dates=dates)
    return graph


def bipartite_graph(source: Source, window: Window = Window()) -> nx.Graph:
    """Actors (``bipartite=0``) and the held events they took part in (``bipartite=1``,
    node ids ``event/ID``), edges carrying the ``role``."""
    kept, info, acts_for, _ = _selected_frame(source, window, TIES[window.ties])
    order, edges, dates = bipartite_ties(kept)
    of_thing = kept.drop_duplicates("thing").set_index("thing")
    things = of_thing.index.tolist()
    held_on, process = dict(zip(things, of_thing["date"].tolist())), dict(zip(things, of_thing["process"].tolist()))
    graph = nx.Graph(kind="bipartite")
    for node in order:
        if node in held_on:
            graph.add_node(node, label=node.split("/", 1)[1], type="Event", bipartite=1, date=held_on[node],
                           process=process[node])
        else:
            _add_actor(graph, node, info, acts_for)
            graph.nodes[node]["bipartite"] = 0
    graph.add_edges_from((actor, thing, {"role": roles, "weight": 1, "dates": date}) for actor, thing, roles, date in edges)
    for node, data in graph.nodes(data=True):
        data["dates"] = data["date"] if data["bipartite"] == 1 else dates.get(node, "")
    return graph


def typed_multigraph(store: ox.Store) -> nx.MultiDiGraph:
    """The whole knowledge graph: every instance a node (id ``KIND/ID...``, ``type`` its most
    specific class, literal values as attributes), every link an edge keyed by property."""
    graph = nx.MultiDiGraph(kind="typed")
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    types: dict[str, list[str]] = defaultdict(list)
    for row in store.query(query):
        s, p, o = row["s"], row["p"], row["o"]
        if not (isinstance(s, ox.NamedNode) and s.value.startswith(ID)) or _path(s).startswith("graph/"):
            continue
        node = _path(s)
        name = p.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        graph.add_node(node)
        if p.value == rdf_type:
            if o.value.startswith(PW):
                types[node].append(o.value[len(PW):])
        elif isinstance(o, ox.Literal):
            previous = graph.nodes[node].get(name)
            graph.nodes[node][name] = o.value if previous is None else ";".join(sorted({*previous.split(";"), o.value}))
        elif isinstance(o, ox.NamedNode):
            target = _path(o) if o.value.startswith(ID) else o.value.rsplit("/", 1)[-1] if o.value.startswith(VOCAB) else o.value
            graph.add_edge(node, target, key=name, property=name)
    depth = vocabulary().superclasses
    for node, data in graph.nodes(data=True):
        kinds = types.get(node, [])
        data["type"] = max(kinds, key=lambda t: (len(depth.get(PW + t, ())), t)) if kinds else "Term"
        data.setdefault("label", node.rsplit("/", 1)[-1])
    return graph


GRAPH_KINDS = ("co-participation", "mediation", "bipartite", "typed")


def graph_source(*, graph: str | os.PathLike[str] | None = None, store: ox.Store | str | os.PathLike[str] | None = None
                 ) -> GraphTables | ox.Store:
    """What a projection reads: the analysis tables the build wrote beside graph file
    ``graph`` (``out/kg.trig`` by default) when they match it, else the store (a Store, a
    store folder, or the graph file loaded).

    >>> from parley.pipeline import build
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> type(graph_source(graph=build(out=out).outputs[0])).__name__
    'GraphTables'
    """
    if isinstance(store, (ox.Store, GraphTables)):
        return store
    if store is None:
        tables = read_tables(graph if graph is not None else DEFAULT_GRAPH)
        if tables is not None:
            return tables
    return open_graph(graph=graph, store=store, named_graphs=False)


def _options_window(*, start: str | None = None, end: str | None = None, process: str | None = None,
                    conflict: str | None = None, actors: str = "all", fold: bool = True, include_planned: bool = False,
                    ties: str = "auto", third_parties: tuple[str, ...] = THIRD_PARTY_ROLES) -> Window:
    """The window of :func:`project`'s options, with its defaults (persons folded)."""
    return Window(start=start, end=end, process=process, conflict=conflict, actors=actors, fold=fold,
                  include_planned=include_planned, ties=ties, third_parties=tuple(third_parties))


def project(kind: str = "co-participation", *, store: ox.Store | GraphTables | str | os.PathLike[str] | None = None,
            graph: str | os.PathLike[str] | None = None, start: str | None = None, end: str | None = None,
            process: str | None = None, conflict: str | None = None, actors: str = "all", fold: bool = True,
            include_planned: bool = False, ties: str = "auto",
            third_parties: tuple[str, ...] = THIRD_PARTY_ROLES, endpoint: str | None = None,
            timeout: float = 30.0) -> nx.Graph:
    """The networkx projection named ``kind`` (co-participation, mediation, bipartite,
    typed) of a Store (or its :class:`~parley.network.tables.GraphTables`), of a store
    folder, of a graph file (``graph``) or of the last build's ``out/kg.trig`` (read from
    the analysis tables the build wrote beside it, when they match it); the options select a time window, a process or conflict,
    and persons or collective actors, and fold persons onto whom they act for (as the
    command line does, by default); ``ties`` says whether shared events, agreements
    signed or witnessed together, or both tie actors (``auto``: events where the graph
    has any, else agreements, as in an imported PA-X graph); ``third_parties``, which roles
    the mediation graph counts (every third-party role by default). With ``endpoint``, the
    co-participation graph of a remote SPARQL 1.1 store, counted there
    (:mod:`parley.network.endpoint`; ``timeout`` seconds per query).

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> built = build(out=tempfile.mkdtemp())
    >>> project("mediation", store=built.store).out_degree("turkiye")
    2
    >>> sorted(project(store=built.store, process="russia-ukraine-peace-talks"))[:3]
    ['russia', 'turkiye', 'ukraine']
    """
    if kind not in GRAPH_KINDS:
        raise ValueError(f"unknown graph kind '{kind}': use one of {', '.join(GRAPH_KINDS)}")
    window = _options_window(start=start, end=end, process=process, conflict=conflict, actors=actors, fold=fold,
                             include_planned=include_planned, ties=ties, third_parties=third_parties)
    if endpoint is not None:
        if kind != "co-participation":
            raise InputError([Problem("--endpoint", 0, "", f"the {kind} graph is not computed on an endpoint; "
                                      "use the co-participation graph, or a local graph file")])
        from parley.network.endpoint import remote_co_participation_graph

        return remote_co_participation_graph(endpoint, window, timeout=timeout)
    source = graph_source(graph=graph, store=store)
    if kind == "typed":  # every triple: the store's, never the tables'
        if isinstance(store, GraphTables):
            raise ValueError("the typed graph holds every triple: give a store, not analysis tables")
        return typed_multigraph(store if isinstance(store, ox.Store) else
                                open_graph(graph=graph, store=store, named_graphs=False))
    return {"co-participation": co_participation_graph, "mediation": mediation_graph,
            "bipartite": bipartite_graph}[kind](source, window)


def third_party_actors(*, store: ox.Store | GraphTables | str | os.PathLike[str] | None = None,
                       graph: str | os.PathLike[str] | None = None, **options: Any) -> set[str]:
    """The actors that serve someone as a third party: those with ties out of the mediation
    graph ``project("mediation", ...)`` gives with the same ``options`` (``start``, ``end``,
    ``process``, ``conflict``, ``actors``, ``fold``, ``include_planned``, ``third_parties``),
    found without counting the ties.

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> built = build(out=tempfile.mkdtemp())
    >>> mediation = project("mediation", store=built.store)
    >>> third_party_actors(store=built.store) == {n for n, out in mediation.out_degree() if out}
    True
    """
    window = _options_window(**options)
    kept, _, _, _ = _selected_frame(graph_source(graph=graph, store=store), window, ("event", "agreement", "process"))
    return brokers(kept, window.third_parties, _SIDES)
