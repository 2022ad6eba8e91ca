"""Bulk event rows (ICEWS): one graph per data-set file, each event naming its line, plain
``pw:participant`` edges where no role qualifies; the queries, tables and projections
read them as they read the curated shape of the same rows (``parley import`` to YAML)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pyoxigraph as ox
import pytest

from helpers import DATA
from parley import Import, build, import_dataset, project, query, query_library, read_tables
from parley.model.namespaces import ID, PW, slug

REPO = Path(__file__).resolve().parent.parent
SAMPLE = DATA / "datasets" / "icews-sample.tab"
ROWS = 600
SOURCE_QUERIES = {"who-says-so", "source-facts", "single-source"}  # the two shapes cite differently


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, object]:
    """The same generated ICEWS rows built as bulk rows (``build --icews``) and as the
    curated YAML ``parley import`` writes."""
    work = tmp_path_factory.mktemp("bulk")
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--events", str(ROWS), "--format", "icews",
                    "--out", str(work)], check=True, capture_output=True)
    events = work / "events.tab"
    bulk = build(imports=[Import("icews", events)], out=work / "bulk")
    import_dataset("icews", events, out=work / "yaml" / "icews.yaml")
    curated = build([work / "yaml"], out=work / "curated")
    assert bulk.conforms and curated.conforms, (bulk.problems, curated.problems)
    return {"events": events, "bulk": bulk, "curated": curated, "work": work}


def _file_graph(builds) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}graph/file/{slug(builds['bulk'].records[-1].loc.file)}")


def _event_lines(path: Path) -> dict[str, int]:
    with path.open(encoding="utf-8") as rows:
        return {line.split("\t", 1)[0]: number for number, line in enumerate(rows, start=1) if number > 1}


def test_bulk_rows_share_their_file_graph_and_name_their_line(builds):
    store, events = builds["bulk"].store, builds["events"]
    lines = _event_lines(events)
    file_graph = _file_graph(builds)
    found = {q.subject.value.rsplit("icews-", 1)[1]: int(q.object.value)
             for q in store.quads_for_pattern(None, ox.NamedNode(PW + "recordLine"), None, file_graph)}
    assert found and len(found) == sum(1 for r in builds["bulk"].records if r.kind == "event")
    assert all(lines[event_id] == line for event_id, line in found.items())  # each event's own row
    graphs = {q.graph_name.value for q in store.quads_for_pattern(None, None, None) if isinstance(q.graph_name, ox.NamedNode)}
    assert not any(graph.startswith(f"{ID}graph/event/") for graph in graphs)  # no graph per row
    provenance = ox.NamedNode(f"{ID}graph/provenance")
    said = {(q.predicate.value.rsplit("#", 1)[1], q.object.value)
            for q in store.quads_for_pattern(file_graph, None, None, provenance)}
    source = f"{ID}source/icews-file-{slug(builds['bulk'].records[-1].loc.file)}"
    assert said == {("type", PW + "DatasetFileGraph"), ("recordFile", builds["bulk"].records[-1].loc.file),
                    ("wasDerivedFrom", source)}
    assert [r.get("type") for r in builds["bulk"].records if r.kind == "source"] == ["DatasetFile"]


def _busiest(builds, column: str) -> str:
    participations = read_tables(builds["work"] / "bulk" / "kg.trig").participations
    return participations[column].value_counts().index[0]


def test_each_bulk_event_holds_its_facts_and_one_edge_or_node_per_participant(builds):
    """Nine facts per event (two types, event type, status, name, date, process, source,
    line), and its place when the row gives one; a participant taking part with no
    principal is one plain edge, any other a participation node (the link to it, its type,
    actor, role, and whom it acts for)."""
    store = builds["bulk"].store
    file_graph = _file_graph(builds)
    per_subject: dict[str, int] = {}
    for quad in store.quads_for_pattern(None, None, None, file_graph):
        event = quad.subject.value.split("/participation/")[0]
        per_subject[event] = per_subject.get(event, 0) + 1
    for record in (r for r in builds["bulk"].records if r.kind == "event"):
        expected = 9 + bool(record.get("place"))
        for participant in record.get("participants"):
            plain = participant.get("role") == "participant" and not participant.get("for")
            expected += 1 if plain else 4 + bool(participant.get("for"))
        assert per_subject[f"{ID}event/{record.id}"] == expected, record.id
    assert _per_event(builds["bulk"]) < 0.5 * _per_event(builds["curated"])


def _per_event(result) -> float:
    """The quads that the rows themselves make (their events and sources, with provenance),
    per event: what a row weighs, whatever its actors and processes."""
    rows = lambda graph: "/graph/event/" in graph or "/graph/source/" in graph or "/graph/file/" in graph  # noqa: E731
    quads = [q for q in result.quads if rows(q.graph_name.value) or (q.graph_name.value.endswith("/graph/provenance")
                                                                      and rows(q.subject.value))]
    return len(quads) / result.counts["NegotiationEvent"]


def _params(builds) -> dict[str, dict[str, str]]:
    tables = read_tables(builds["work"] / "bulk" / "kg.trig")
    events = tables.events
    process, actor = _busiest(builds, "process"), _busiest(builds, "actor")
    date = sorted(events["date"])[len(events) // 2]
    return {"mediators": {"process": process}, "timeline": {"process": process}, "co-participants": {"actor": actor},
            "posts-on-date": {"date": date}, "statuses-on-date": {"date": date}, "members-on-date": {"date": date}}


def test_every_library_query_reads_both_shapes_alike(builds):
    params = _params(builds)
    found = set()
    for name, library_query in query_library().items():
        if name in SOURCE_QUERIES or any(p.required and p.name not in params.get(name, {}) for p in library_query.params):
            continue
        bulk = query(name, params.get(name, {}), store=builds["bulk"].store, timeout=None)
        curated = query(name, params.get(name, {}), store=builds["curated"].store, timeout=None)
        assert list(bulk) == list(curated), name
        found |= {name} if len(bulk) else set()
    # not an empty comparison: the queries about who met whom, where and when find rows
    assert found >= {"co-participation", "co-participants", "timeline", "venues", "mediator-and-party"}, found


def test_tables_and_projections_read_both_shapes_alike(builds):
    bulk = read_tables(builds["work"] / "bulk" / "kg.trig")
    curated = read_tables(builds["work"] / "curated" / "kg.trig")
    columns = [c for c in bulk.participations.columns if c != "basis"]  # the sources: the file, or each row
    key = ["kind", "id", "actor", "role"]
    pd.testing.assert_frame_equal(bulk.participations[columns].sort_values(key).reset_index(drop=True),
                                  curated.participations[columns].sort_values(key).reset_index(drop=True))
    assert (bulk.participations["role"] == "participant").sum() > len(bulk.participations) / 5  # plain edges among them
    for kind in ("co-participation", "bipartite"):
        from_bulk = project(kind, store=builds["bulk"].store)
        from_curated = project(kind, store=builds["curated"].store)
        assert from_bulk.number_of_edges() > 100
        assert nx.utils.graphs_equal(from_bulk, from_curated), kind
        assert sorted(from_bulk.edges(data=True)) == sorted(from_curated.edges(data=True)), kind


def test_who_says_so_names_the_file_and_line_of_a_bulk_row(builds):
    record = next(r for r in builds["bulk"].records if r.kind == "event")
    rows = query("who-says-so", {"subject": f"event/{record.id}"}, store=builds["bulk"].store, timeout=None)
    assert rows and {(r["file"], r["line"]) for r in rows} == {(record.loc.file, record.loc.line)}
    assert {r["source"] for r in rows} == {f"icews-file-{slug(record.loc.file)}"}
    assert {r["property"] for r in rows} >= {"pw:date", "pw:inProcess", "pw:actor", "pw:role"} | (
        {"pw:participant"} if any(p.get("role") == "participant" and not p.get("for")
                                  for p in record.get("participants")) else set())
    supported = query("source-facts", {"source": f"icews-file-{slug(record.loc.file)}"}, store=builds["bulk"].store,
                      timeout=None)
    assert record.id in {r["subject"] for r in supported}


def test_the_small_sample_builds_in_either_shape_with_the_same_participations(tmp_path):
    bulk = build(imports=[Import("icews", SAMPLE)], out=tmp_path / "bulk")
    import_dataset("icews", SAMPLE, out=tmp_path / "yaml" / "icews.yaml")
    curated = build([tmp_path / "yaml"], out=tmp_path / "curated")
    assert bulk.conforms and curated.conforms
    assert bulk.counts["Participation"] == curated.counts["Participation"] > 0
    assert bulk.counts["Source"] == 1 and curated.counts["Source"] == bulk.counts["NegotiationEvent"]


def test_the_explorer_shows_a_bulk_row_with_its_plain_participants_and_line(builds):
    from parley.web.explore import actor_page, thing_page

    store = builds["bulk"].store
    record = next(r for r in builds["bulk"].records if r.kind == "event" and any(
        p.get("role") == "participant" and not p.get("for") for p in r.get("participants")))
    where = f"{record.loc.file}:{record.loc.line}"
    event = thing_page(store, "event", record.id)
    assert event["record"] == where
    assert "participant" not in {f["property"] for f in event["facts"]}  # shown as participations, not as facts
    shown = {(p["actor"]["id"], p["role"], p["record"]) for p in event["participations"]}
    assert shown == {(p.get("actor"), p.get("role"), where) for p in record.get("participants")}
    plain = next(p.get("actor") for p in record.get("participants") if p.get("role") == "participant" and not p.get("for"))
    entry = next(p for p in actor_page(store, plain)["participations"] if p["thing"]["id"] == record.id)
    assert (entry["role"], entry["record"]) == ("participant", where)
    assert [s["id"] for s in entry["sources"]] == [f"icews-file-{slug(record.loc.file)}"]


def test_bulk_rows_are_written_by_their_fast_path_as_the_general_path_writes_them(builds):
    """A build writes bulk rows' events straight (``locate=False``); locating problems
    takes the general path over the same records: both give the same quads in order."""
    from parley.rdf.triples import records_to_quads

    records = builds["bulk"].records
    assert sum(r.bulk for r in records) > ROWS // 2
    assert records_to_quads(records, locate=False).quads == records_to_quads(records, locate=True).quads


def test_the_explorer_counts_the_rows_a_data_set_file_is_the_source_of(builds):
    from parley.web.app import make_app

    events = sum(1 for r in builds["bulk"].records if r.kind == "event")
    source = next(r.id for r in builds["bulk"].records if r.kind == "source")
    client = make_app(builds["bulk"].store, read_tables(builds["work"] / "bulk" / "kg.trig")).test_client()
    page = client.get(f"/source/{source}")
    assert page.status_code == 200
    assert f"The source of <strong>{events:,}</strong> bulk rows" in page.get_data(as_text=True)
    curated_source = next(r.id for r in builds["curated"].records if r.kind == "source")
    tables = read_tables(builds["work"] / "curated" / "kg.trig")
    shown = make_app(builds["curated"].store, tables).test_client().get(f"/source/{curated_source}").get_data(as_text=True)
    assert "bulk rows" not in shown
