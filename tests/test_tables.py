"""Analysis tables: written by every build beside the graph, equal to what the graph
says, read back by the network commands only while they match the graph."""

from __future__ import annotations

import hashlib
import json
import shutil

import pandas as pd
import pytest

from helpers import run_parley
from parley.network.projections import graph_source, project
from parley.network.tables import MANIFEST, TABLE_COLUMNS, GraphTables, read_store, read_tables
from parley.pipeline import build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables") / "out"
    return out, build(out=out)


def test_every_build_writes_each_table_as_parquet_and_csv_with_a_manifest(built):
    out, result = built
    names = {p.name for p in result.tables}
    assert names == {f"{n}.{s}" for n in TABLE_COLUMNS for s in ("parquet", "csv")} | {MANIFEST}
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["graphs"]) == {"kg.trig", "kg.ttl"}
    for name in ("kg.trig", "kg.ttl"):  # what sha256sum prints for each file
        assert manifest["graphs"][name] == hashlib.sha256((out / name).read_bytes()).hexdigest()
    for name in TABLE_COLUMNS:
        assert manifest["tables"][f"{name}.parquet"] == hashlib.sha256((out / f"{name}.parquet").read_bytes()).hexdigest()
    for name, columns in TABLE_COLUMNS.items():
        parquet = pd.read_parquet(out / f"{name}.parquet")
        csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert tuple(parquet.columns) == columns == tuple(csv.columns)
        assert len(parquet) == len(csv) == manifest["rows"][name]
        assert parquet.astype(str).to_dict("records") == csv.to_dict("records")


def test_the_tables_hold_what_the_graph_says(built):
    out, result = built
    tables = read_tables(out / "kg.trig")
    assert len(tables.participations) == result.counts["Participation"]
    assert len(tables.events) == result.counts["NegotiationEvent"]
    assert len(tables.agreements) == result.counts["Agreement"]
    assert len(tables.actors) == result.counts["Actor"]
    assert len(tables.processes) == result.counts["NegotiationProcess"]
    # Fidan hosted Umerov in Ankara for Türkiye, on the basis of the article the event cites
    [host] = tables.participations.query("id == 'ankara-2026-01-01' and actor == 'hakan-fidan'").to_dict("records")
    assert (host["kind"], host["role"], host["on_behalf_of"], host["process"], host["held"], host["date"]) == (
        "event", "host", "turkiye", "russia-ukraine-peace-talks", True, "2026-01-01")
    event_sources = {row["source"].value.rsplit("/", 1)[1] for row in result.store.query(
        "PREFIX pw: <https://w3id.org/parley/ontology#> SELECT ?source WHERE { "
        "<https://w3id.org/parley/id/event/ankara-2026-01-01> pw:source ?source }")}
    assert host["basis"].split() == sorted(event_sources) == ["hdn-2026-01-02"]
    # a participation citing a source of its own rests on that source, not the record's
    [russia] = tables.participations.query("id == 'black-sea-grain-initiative' and actor == 'russia'").to_dict("records")
    assert russia["basis"] == "curator"
    assert tables.actors.set_index("id").loc["turkiye", "label"] == "Türkiye"
    assert tables.actors.set_index("id").loc["hakan-fidan", "type"] == "Person"
    # Wikidata ids come from skos:exactMatch, as QIDs; an actor without one has ""
    wikidata = tables.actors.set_index("id")["wikidata"]
    assert (wikidata["turkiye"], wikidata["ukraine"], wikidata["hakan-fidan"]) == ("Q43", "Q212", "")


def test_tables_read_back_equal_the_tables_read_from_the_store(built):
    out, result = built
    written, fresh = read_tables(out / "kg.trig"), read_store(result.store)
    for name in TABLE_COLUMNS:
        pd.testing.assert_frame_equal(getattr(written, name), getattr(fresh, name), check_dtype=False)
    assert read_tables(out / "kg.ttl") is not None


def _copy(out, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    return copy


def test_tables_are_not_used_once_the_graph_changes(built, tmp_path):
    out, _ = built
    copy = _copy(out, tmp_path)
    assert isinstance(graph_source(graph=copy / "kg.trig"), GraphTables)
    with open(copy / "kg.trig", "a", encoding="utf-8") as trig:
        trig.write("<https://w3id.org/parley/id/event/extra> a <https://w3id.org/parley/ontology#NegotiationEvent> .\n")
    assert read_tables(copy / "kg.trig") is None
    assert not isinstance(graph_source(graph=copy / "kg.trig"), GraphTables)
    assert read_tables(copy / "kg.ttl") is not None  # the other graph file did not change


@pytest.mark.parametrize("damage", ["table", "manifest version", "manifest missing", "manifest unreadable"])
def test_tables_that_do_not_match_their_manifest_are_not_used(built, tmp_path, damage):
    out, _ = built
    copy = _copy(out, tmp_path)
    manifest = json.loads((copy / MANIFEST).read_text(encoding="utf-8"))
    if damage == "table":
        frame = pd.read_parquet(copy / "participations.parquet").iloc[:3]
        frame.to_parquet(copy / "participations.parquet", index=False)
    elif damage == "manifest version":
        manifest["version"] = 0
        (copy / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    elif damage == "manifest missing":
        (copy / MANIFEST).unlink()
    else:
        (copy / MANIFEST).write_text("{not json", encoding="utf-8")
    assert read_tables(copy / "kg.trig") is None


def test_projections_from_the_tables_equal_projections_from_the_graph(built, tmp_path):
    out, result = built
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(out / "kg.trig", alone / "kg.trig")  # no tables beside it: the graph is read
    for kind in ("co-participation", "mediation", "bipartite"):
        from_tables = project(kind, graph=out / "kg.trig")
        from_graph = project(kind, graph=alone / "kg.trig")
        assert sorted(from_tables.nodes(data=True)) == sorted(from_graph.nodes(data=True))
        assert sorted(from_tables.edges(data=True)) == sorted(from_graph.edges(data=True))
        assert from_tables.number_of_edges() > 0


def test_centrality_reads_the_tables_and_then_the_graph_once_it_changed(built, tmp_path):
    out, _ = built
    copy = _copy(out, tmp_path)
    before = run_parley("centrality", "--input", str(copy / "kg.trig"), "--format", "csv", cwd=tmp_path)
    assert before.returncode == 0, before.stderr
    (copy / "participations.parquet").write_bytes(b"not parquet")  # tables damaged: the graph answers
    after = run_parley("centrality", "--input", str(copy / "kg.trig"), "--format", "csv", cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
    assert before.stdout.splitlines()[1].startswith("ukraine,Ukraine,")


def test_a_failed_build_keeps_the_tables_of_the_last_good_one(built, tmp_path):
    out, _ = built
    copy = _copy(out, tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    failed = run_parley("build", str(bad), "--out", str(copy), cwd=tmp_path)
    assert failed.returncode == 2
    assert read_tables(copy / "kg.trig") is not None
