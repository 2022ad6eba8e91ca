"""From the knowledge graph to networkx: the one place RDF becomes graphs.

Every projection reads the store once with SPARQL and returns a networkx graph whose
node and edge attributes are plain Python values (str, int, float, bool; never None,
never an RDF term), so every exporter can take them. Node ids are actor ids.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from parley.model.errors import InputError, Problem
from parley.model.namespaces import ID, PW, VOCAB, short_id
from parley.model.records import parse_date
from parley.model.vocabulary import vocabulary
from parley.rdf.graphs import open_graph

__all__ = ["Window", "Participation", "participations", "actors", "project", "co_participation_graph",
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

_PARTICIPATIONS = """
PREFIX pw: <https://w3id.org/parley/ontology#>
SELECT ?thing ?kind ?date ?status ?track ?actor ?role ?for WHERE {
  ?thing pw:hasParticipation ?p .
  ?p pw:actor ?actor ; pw:role ?role .
  OPTIONAL { ?p pw:onBehalfOf ?for }
  OPTIONAL { ?thing pw:date ?date }
  OPTIONAL { ?thing pw:eventStatus ?status }
  {
    ?thing a pw:NegotiationEvent ; pw:inProcess ?track . BIND ("event" AS ?kind)
  } UNION {
    ?thing a pw:Agreement . BIND ("agreement" AS ?kind)
    OPTIONAL { { ?thing pw:resultOf ?track . ?track a pw:NegotiationProcess }
               UNION { ?thing pw:resultOf/pw:inProcess ?track } }
  } UNION {
    ?thing a pw:NegotiationProcess . BIND ("process" AS ?kind) BIND (?thing AS ?track)
  }
}"""

_ACTORS = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?label ?type ?partOf WHERE {
  ?actor a pw:Actor ; a ?type .
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor pw:partOf ?partOf }
}"""

_PROCESSES = """
PREFIX pw: <https://w3id.org/parley/ontology#>
SELECT ?process ?parent ?conflict WHERE {
  ?process a pw:NegotiationProcess .
  OPTIONAL { ?process pw:subTrackOf ?parent }
  OPTIONAL { ?process pw:about ?conflict }
}"""


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


def participations(store: ox.Store) -> list[Participation]:
    """Every participation in the store (events, agreements, processes)."""
    out = []
    for row in store.query(_PARTICIPATIONS):
        status = row["status"]
        out.append(Participation(
            thing=_path(row["thing"]), kind=row["kind"].value, date=row["date"].value if row["date"] else "",
            held=status is None or status.value == VOCAB + "event-status/held",
            process=_id(row["track"]), actor=_id(row["actor"]), role=_id(row["role"]), on_behalf_of=_id(row["for"])))
    return sorted(set(out), key=lambda p: (p.thing, p.actor, p.role))


@dataclass(frozen=True)
class ActorInfo:
    label: str
    type: str
    part_of: str


def actors(store: ox.Store) -> dict[str, ActorInfo]:
    """Every actor: its label, most specific type and the actor it is part of."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    part_of: dict[str, str] = {}
    for row in store.query(_ACTORS):
        actor = _id(row["actor"])
        if row["type"].value.startswith(PW):
            types[actor].add(row["type"].value[len(PW):])
        if row["label"] is not None:
            labels.setdefault(actor, row["label"].value)
        if row["partOf"] is not None:
            part_of.setdefault(actor, _id(row["partOf"]))
    return {actor: ActorInfo(labels.get(actor, actor), next(t for t in _TYPE_ORDER if t in kinds or t == "Actor"),
                             part_of.get(actor, "")) for actor, kinds in types.items()}


def _process_scope(store: ox.Store, window: Window) -> set[str] | None:
    if window.process is None and window.conflict is None:
        return None
    parent: dict[str, str] = {}
    conflict: dict[str, str] = {}
    known: set[str] = set()
    for row in store.query(_PROCESSES):
        process = _id(row["process"])
        known.add(process)
        if row["parent"] is not None:
            parent[process] = _id(row["parent"])
        if row["conflict"] is not None:
            conflict[process] = _id(row["conflict"])

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


def _acts_for(parts: Iterable[Participation], info: dict[str, ActorInfo]) -> dict[str, str]:
    """The state or organization each actor acts for: persons, the one they most often
    act on behalf of; organizations, what they are part of; others, themselves."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for p in parts:
        if p.on_behalf_of:
            counts[p.actor][p.on_behalf_of] += 1
    acts_for = {}
    for actor, meta in info.items():
        if counts[actor]:
            acts_for[actor] = min(counts[actor].items(), key=lambda item: (-item[1], item[0]))[0]
        elif meta.part_of:
            acts_for[actor] = meta.part_of
        else:
            acts_for[actor] = "" if meta.type == "Person" else actor
    return acts_for


def _selected(store: ox.Store, window: Window, kinds: tuple[str, ...]
              ) -> tuple[list[Participation], dict[str, ActorInfo], dict[str, str], tuple[str, ...]]:
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
    everything = participations(store)
    if not kinds:  # ties "auto"
        kinds = ("event",) if any(p.kind == "event" for p in everything) else ("agreement",)
    info = actors(store)
    acts_for = _acts_for(everything, info)
    scope = _process_scope(store, window)
    kept = []
    for p in everything:
        if p.kind not in kinds or not (p.held or window.include_planned) or not window.keeps_date(p.date):
            continue
        if scope is not None and p.process not in scope:
            continue
        actor = p.actor
        if window.fold and info.get(actor, ActorInfo("", "Person", "")).type == "Person":
            actor = p.on_behalf_of or acts_for.get(actor) or actor
        is_person = info.get(actor, ActorInfo("", "Actor", "")).type == "Person"
        if (window.actors == "persons" and not is_person) or (window.actors == "collective" and is_person):
            continue
        kept.append(Participation(p.thing, p.kind, p.date, p.held, p.process, actor, p.role, p.on_behalf_of))
    return kept, info, acts_for, kinds


def _add_actor(graph: nx.Graph, actor: str, info: dict[str, ActorInfo], acts_for: dict[str, str]) -> None:
    meta = info.get(actor, ActorInfo(actor, "Actor", ""))
    graph.add_node(actor, label=meta.label, type=meta.type, acts_for=acts_for.get(actor, "") or "",
                   group=acts_for.get(actor, "") or actor)


def co_participation_graph(store: ox.Store, window: Window = Window()) -> nx.Graph:
    """Actors linked when they took part in the same held events; ``weight`` is the number
    of shared events, with ``first`` and ``last`` date and the ``roles`` seen (``;``-separated).

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> g = co_participation_graph(build(out=tempfile.mkdtemp()).store, Window(fold=True))
    >>> g.edges["turkiye", "ukraine"]["weight"], g.nodes["turkiye"]["label"]
    (3, 'Türkiye')
    """
    kept, info, acts_for, kinds = _selected(store, window, TIES[window.ties])
    by_event: dict[str, list[Participation]] = defaultdict(list)
    for p in kept:
        by_event[p.thing].append(p)
    graph = nx.Graph(kind="co-participation", ties=" and ".join(f"{kind}s" for kind in kinds))
    for p in kept:
        _add_actor(graph, p.actor, info, acts_for)
    edges: dict[tuple[str, str], dict[str, object]] = {}
    for event, members in sorted(by_event.items()):
        date = members[0].date
        roles: dict[str, set[str]] = defaultdict(set)
        for p in members:
            roles[p.actor].add(p.role)
        for a in sorted(roles):
            for b in sorted(roles):
                if a >= b:
                    continue
                edge = edges.setdefault((a, b), {"events": set(), "dates": [], "roles": set()})
                edge["events"].add(event)
                edge["dates"].append(date)
                edge["roles"] |= roles[a] | roles[b]
    for (a, b), edge in edges.items():
        dates = sorted(d for d in edge["dates"] if d)
        weight = len(edge["events"])
        graph.add_edge(a, b, weight=weight, distance=1.0 / weight, first=dates[0] if dates else "",
                       last=dates[-1] if dates else "", roles=";".join(sorted(edge["roles"])),
                       dates=";".join(sorted(set(dates))))
    _node_dates(graph, kept)
    return graph


def _node_dates(graph: nx.Graph, kept: list[Participation]) -> None:
    """Give each node ``dates``: the dates of what it took part in (``;``-separated)."""
    dates: dict[str, set[str]] = defaultdict(set)
    for p in kept:
        if p.date and p.actor in graph:
            dates[p.actor].add(p.date)
    for node in graph:
        graph.nodes[node]["dates"] = ";".join(sorted(dates[node]))


def mediation_graph(store: ox.Store, window: Window = Window()) -> nx.DiGraph:
    """Third parties (every third-party role, or those of ``window.third_parties``) to the parties they served,
    in events, agreements and processes; ``weight`` counts them, ``processes`` and
    ``roles`` list them (``;``-separated)."""
    kept, info, acts_for, _ = _selected(store, window, ("event", "agreement", "process"))
    by_thing: dict[str, list[Participation]] = defaultdict(list)
    for p in kept:
        by_thing[p.thing].append(p)
    graph = nx.DiGraph(kind="mediation")
    edges: dict[tuple[str, str], dict[str, set[str]]] = {}
    for thing, members in sorted(by_thing.items()):
        third = {p.actor: p for p in members if p.role in window.third_parties}
        parties = {p.actor for p in members if p.role in _SIDES} - set(third)  # a party acting as a third party
        # (PAA-X's practical third party, Türkiye in the grain deal) is a broker there, not a party served
        for broker, p in third.items():
            for party in parties - {broker}:
                edge = edges.setdefault((broker, party), {"things": set(), "processes": set(), "roles": set(),
                                                          "dates": set()})
                edge["things"].add(thing)
                if p.date:
                    edge["dates"].add(p.date)
                edge["roles"] |= {q.role for q in members if q.actor == broker and q.role in window.third_parties}
                if p.process:
                    edge["processes"].add(p.process)
    for broker, party in edges:
        _add_actor(graph, broker, info, acts_for)
        _add_actor(graph, party, info, acts_for)
    for (broker, party), edge in sorted(edges.items()):
        weight = len(edge["things"])
        graph.add_edge(broker, party, weight=weight, distance=1.0 / weight, roles=";".join(sorted(edge["roles"])),
                       processes=";".join(sorted(edge["processes"])), dates=";".join(sorted(edge["dates"])))
    served = {thing for edge in edges.values() for thing in edge["things"]}
    _node_dates(graph, [p for p in kept if p.actor in graph and p.thing in served])
    return graph


def bipartite_graph(store: ox.Store, window: Window = Window()) -> nx.Graph:
    """Actors (``bipartite=0``) and the held events they took part in (``bipartite=1``,
    node ids ``event/ID``), edges carrying the ``role``."""
    kept, info, acts_for, _ = _selected(store, window, TIES[window.ties])
    graph = nx.Graph(kind="bipartite")
    for p in kept:
        _add_actor(graph, p.actor, info, acts_for)
        graph.nodes[p.actor]["bipartite"] = 0
        graph.add_node(p.thing, label=p.thing.split("/", 1)[1], type="Event", bipartite=1, date=p.date,
                       process=p.process)
        roles = set(graph.edges[p.actor, p.thing]["role"].split(";")) if graph.has_edge(p.actor, p.thing) else set()
        graph.add_edge(p.actor, p.thing, role=";".join(sorted(roles | {p.role})), weight=1, dates=p.date)
    _node_dates(graph, kept)
    for node, data in graph.nodes(data=True):
        if data["bipartite"] == 1:
            data["dates"] = data["date"]
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


def project(kind: str = "co-participation", *, store: ox.Store | str | os.PathLike[str] | None = None,
            graph: str | os.PathLike[str] | None = None, start: str | None = None, end: str | None = None,
            process: str | None = None, conflict: str | None = None, actors: str = "all", fold: bool = True,
            include_planned: bool = False, ties: str = "auto",
            third_parties: tuple[str, ...] = THIRD_PARTY_ROLES) -> nx.Graph:
    """The networkx projection named ``kind`` (co-participation, mediation, bipartite,
    typed) of a Store, of a store folder, of a graph file (``graph``) or of the last
    build's ``out/kg.trig``; the options select a time window, a process or conflict,
    and persons or collective actors, and fold persons onto whom they act for (as the
    command line does, by default); ``ties`` says whether shared events, agreements
    signed or witnessed together, or both tie actors (``auto``: events where the graph
    has any, else agreements, as in an imported PA-X graph); ``third_parties``, which roles
    the mediation graph counts (every third-party role by default).

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
    source = store if isinstance(store, ox.Store) else open_graph(graph=graph, store=store, named_graphs=False)
    window = Window(start=start, end=end, process=process, conflict=conflict, actors=actors, fold=fold,
                    include_planned=include_planned, ties=ties, third_parties=tuple(third_parties))
    if kind == "typed":
        return typed_multigraph(source)
    return {"co-participation": co_participation_graph, "mediation": mediation_graph,
            "bipartite": bipartite_graph}[kind](source, window)
