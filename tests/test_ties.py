"""The co-participation and mediation ties, counted over integer codes, equal the same ties
counted one participation at a time from the participations table of a generated build."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from helpers import run_parley
from parley.network.projections import THIRD_PARTY_ROLES, project, third_party_actors

REPO = Path(__file__).resolve().parent.parent

SIDES = ("party", "envoy", "head-of-delegation", "signatory", "party-signatory")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ties")
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--events", "1500", "--format", "csv",
                    "--out", str(folder / "data")], check=True, capture_output=True)
    built = run_parley("build", "data", cwd=folder)
    assert built.returncode == 0, built.stderr
    rows = pd.read_parquet(folder / "out" / "participations.parquet")
    return folder / "out" / "kg.trig", rows[rows["held"]].to_dict("records")


def _joined(values: set[str]) -> str:
    return ";".join(sorted(values))


def test_co_participation_ties_equal_the_pairs_counted_one_by_one(generated):
    graph_file, rows = generated
    members: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # event -> actor -> roles
    dates = {}
    for row in rows:
        if row["kind"] == "event":
            members[row["id"]][row["actor"]].add(row["role"])
            dates[row["id"]] = row["date"]
    expected: dict[tuple[str, str], dict] = {}
    for event, roles in members.items():
        for a in roles:
            for b in roles:
                if a < b:
                    tie = expected.setdefault((a, b), {"weight": 0, "dates": set(), "roles": set()})
                    tie["weight"] += 1
                    tie["dates"] |= {dates[event]} - {""}
                    tie["roles"] |= roles[a] | roles[b]
    graph = project("co-participation", graph=graph_file, fold=False)
    found = {tuple(sorted((a, b))): (d["weight"], d["dates"], d["roles"]) for a, b, d in graph.edges(data=True)}
    assert len(found) > 800
    assert found == {pair: (t["weight"], _joined(t["dates"]), _joined(t["roles"])) for pair, t in expected.items()}
    node_dates = defaultdict(set)
    for row in rows:
        if row["kind"] == "event" and row["date"]:
            node_dates[row["actor"]].add(row["date"])
    assert {n: d["dates"] for n, d in graph.nodes(data=True)} == {
        actor: _joined(node_dates[actor]) for event in members.values() for actor in event}


def test_mediation_ties_equal_the_third_parties_counted_one_by_one(generated):
    graph_file, rows = generated
    things: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        things[f"{row['kind']}/{row['id']}"].append(row)
    expected: dict[tuple[str, str], dict] = {}
    for members in things.values():
        third = {row["actor"] for row in members if row["role"] in THIRD_PARTY_ROLES}
        parties = {row["actor"] for row in members if row["role"] in SIDES} - third
        for broker in third:
            for party in parties:
                tie = expected.setdefault((broker, party), {"weight": 0, "roles": set(), "processes": set(),
                                                            "dates": set()})
                tie["weight"] += 1
                tie["roles"] |= {row["role"] for row in members
                                 if row["actor"] == broker and row["role"] in THIRD_PARTY_ROLES}
                tie["processes"] |= {members[0]["process"]} - {""}
                tie["dates"] |= {members[0]["date"]} - {""}
    graph = project("mediation", graph=graph_file, fold=False)
    found = {(a, b): (d["weight"], d["roles"], d["processes"], d["dates"]) for a, b, d in graph.edges(data=True)}
    assert len(found) > 500
    assert found == {pair: (t["weight"], _joined(t["roles"]), _joined(t["processes"]), _joined(t["dates"]))
                     for pair, t in expected.items()}
    assert list(graph) == sorted({actor for pair in expected for actor in pair})
    assert third_party_actors(graph=graph_file, fold=False) == {broker for broker, _ in expected}


@pytest.mark.parametrize("options", [{}, {"fold": False}, {"third_parties": ("witness",)},
                                     {"start": "2005", "end": "2012-06"}, {"actors": "persons"}])
def test_third_parties_are_the_actors_the_mediation_graph_leads_from(generated, options):
    graph_file, _ = generated
    mediation = project("mediation", graph=graph_file, **options)
    third = third_party_actors(graph=graph_file, **options)
    assert third == {actor for actor, out in mediation.out_degree() if out}
    assert third or options == {"actors": "persons"}  # the generated persons serve no one


def test_bipartite_ties_equal_the_participations_read_one_by_one(generated):
    graph_file, rows = generated
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    order: dict[str, None] = {}
    actor_dates = defaultdict(set)
    for row in rows:
        if row["kind"] == "event":
            thing = f"event/{row['id']}"
            roles[row["actor"], thing].add(row["role"])
            order.update(dict.fromkeys((row["actor"], thing)))
            actor_dates[row["actor"]] |= {row["date"]} - {""}
    graph = project("bipartite", graph=graph_file, fold=False)
    assert graph.number_of_edges() > 3000
    assert {(a, t) if graph.nodes[a]["bipartite"] == 0 else (t, a): d["role"]
            for a, t, d in graph.edges(data=True)} == {pair: _joined(seen) for pair, seen in roles.items()}
    assert list(graph) == list(order)  # nodes in the order the participations name them
    assert {n: d["dates"] for n, d in graph.nodes(data=True) if d["bipartite"] == 0} == {
        actor: _joined(dates) for actor, dates in actor_dates.items()}
