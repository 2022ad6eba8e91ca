"""``parley build`` and ``parley validate`` on the bundled data set: summary, outputs,
determinism, provenance, the on-disk store and the report."""

from __future__ import annotations

import csv
import gc
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from helpers import BUILD_OUTPUTS, DATA, run_parley
from parley.pipeline import build, validate

REPO = Path(__file__).resolve().parent.parent


def test_build_of_the_bundled_data_prints_its_summary(tmp_path):
    result = run_parley("build", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("52 records, ") and lines[0].endswith(" triples: conforms")
    assert lines[1].startswith("counts: 5 Source, 23 Actor, 8 Person, 8 State, 5 Organization, 1 Conflict, "
                               "2 NegotiationProcess, 5 NegotiationEvent, ")
    assert lines[2] == "the curator's: 8 facts no cited text states (who-says-so shows source 'curator')"
    assert lines[3].startswith("most connected actors: Ukraine (3 co-participants, 6 shared events); ")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == BUILD_OUTPUTS


def test_default_output_folder_is_out(tmp_path):
    assert run_parley("build", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "kg.trig").is_file()


def test_outputs_are_written_beside_their_folder_and_moved_in_leaving_nothing_else(tmp_path):
    from parley.model.errors import InputError

    bad = tmp_path / "bad.yaml"
    bad.write_text("events:\n  - id: e1\n    type: Meeting\n", encoding="utf-8")
    with pytest.raises(InputError):
        build([bad], out=tmp_path / "new" / "out")
    assert [p.name for p in tmp_path.iterdir()] == ["bad.yaml"]  # no folder made, no file left behind
    result = build(out=tmp_path / "new" / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "new"]
    assert sorted(p.name for p in (tmp_path / "new" / "out").iterdir()) == BUILD_OUTPUTS
    assert (tmp_path / "new" / "out" / "kg.trig").stat().st_size > 10_000 and result.conforms


def test_two_builds_give_byte_identical_outputs(tmp_path):
    first, second = build(out=tmp_path / "a"), build(out=tmp_path / "b")
    for name in ("kg.trig", "kg.ttl", "validation.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert sorted(map(str, first.quads)) == sorted(map(str, second.quads))


def test_kg_ttl_is_the_union_of_the_named_graphs_in_kg_trig(tmp_path):
    build(out=tmp_path)
    named = {q.triple for q in ox.parse(path=str(tmp_path / "kg.trig"))}
    flat = {q.triple for q in ox.parse(path=str(tmp_path / "kg.ttl"))}
    graphs = {q.graph_name for q in ox.parse(path=str(tmp_path / "kg.trig"))}
    assert named == flat and len(flat) > 700
    assert len(graphs) == 56  # 52 records, 2 fields cited apart, the provenance graph and the places graph


def test_kg_ttl_states_a_fact_two_records_share_once(tmp_path):
    # Two people held turkiye's "Head of Intelligence": each record describes the post.
    build([DATA / "facts" / "queries.yaml"], out=tmp_path)
    post = ox.NamedNode("https://w3id.org/parley/id/post/turkiye/head-of-intelligence")
    in_trig = [q for q in ox.parse(path=str(tmp_path / "kg.trig")) if q.subject == post]
    in_ttl = [t for t in ox.parse(path=str(tmp_path / "kg.ttl")) if t.subject == post]
    assert len({q.graph_name for q in in_trig}) == 2 and len(in_trig) == 6
    assert sorted(map(str, in_ttl)) == sorted({str(q.triple) for q in in_trig}) and len(in_ttl) == 3
    everything = list(ox.parse(path=str(tmp_path / "kg.ttl")))
    assert len(everything) == len(set(everything))

ANKARA_PROVENANCE = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?p ?o ?g ?file ?line ?source WHERE {
    GRAPH ?g { <https://w3id.org/parley/id/event/ankara-2026-01-01> ?p ?o }
    GRAPH <https://w3id.org/parley/id/graph/provenance> {
        ?g pw:recordFile ?file ; pw:recordLine ?line ; prov:wasDerivedFrom ?source }
}"""


def test_graph_query_over_kg_trig_tells_which_record_and_source_each_fact_came_from(tmp_path):
    build(out=tmp_path)
    store = ox.Store()
    store.load(path=str(tmp_path / "kg.trig"), format=ox.RdfFormat.TRIG)
    rows = list(store.query(ANKARA_PROVENANCE))
    assert len(rows) >= 15
    assert {row["g"].value for row in rows} == {"https://w3id.org/parley/id/graph/event/ankara-2026-01-01"}
    assert {(row["file"].value, int(row["line"].value)) for row in rows} == {("data/russia-ukraine.yaml", 187)}
    assert {row["source"].value for row in rows} == {"https://w3id.org/parley/id/source/hdn-2026-01-02"}
    facts = {(row["p"].value.rsplit("#", 1)[-1], row["o"].value) for row in rows}
    assert ("date", "2026-01-01") in facts
    assert ("inProcess", "https://w3id.org/parley/id/process/russia-ukraine-peace-talks") in facts


def test_build_keeps_the_store_on_disk_when_asked(tmp_path):
    result = build(out=tmp_path / "out", store=tmp_path / "store")
    data_quads = len(result.quads)
    del result
    gc.collect()
    store = ox.Store(str(tmp_path / "store"))
    graphs = {q.graph_name for q in store.quads_for_pattern(None, None, None, None)}
    named = {g.value for g in graphs if isinstance(g, ox.NamedNode)}
    assert "https://w3id.org/parley/id/graph/event/ankara-2026-01-01" in named
    assert "https://w3id.org/parley/ontology" in named
    assert ox.DefaultGraph() in graphs  # the union of the record graphs, for queries
    size = len(store)
    assert size > data_quads
    del store
    gc.collect()
    rebuilt = build(out=tmp_path / "out", store=tmp_path / "store")  # a rebuild replaces, never doubles
    assert len(rebuilt.store) == size


def test_a_store_is_never_made_among_a_folders_other_files(tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_parley("build", "--store", "facts", "--out", "out", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "facts: holds other files and no Oxigraph store; give a new or empty folder for the store\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["facts", "notes.txt"]  # no store, no outputs
    assert run_parley("build", "--store", "store", "--out", "out", cwd=tmp_path).returncode == 0
    assert run_parley("build", "--store", "store", "--out", "out", cwd=tmp_path).returncode == 0  # a store: rebuilt


def test_report_is_written_as_json_or_turtle(tmp_path):
    bad = [DATA / "facts" / "minimal.yaml", DATA / "bad" / "end-before-start.yaml"]
    result = validate(bad, report=tmp_path / "report.json")
    assert not result.conforms
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["conforms"] is False
    [problem] = report["problems"]
    assert problem["file"].endswith("tests/data/bad/end-before-start.yaml")
    assert (problem["line"], problem["record"], problem["message"]) == (
        5, "process backwards", "ends (2024-12) before it starts (2025-07)")
    validate(bad, report=tmp_path / "report.ttl")
    graph = rdflib.Graph().parse(tmp_path / "report.ttl", format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, sh.conforms, rdflib.Literal(False)) in graph
    assert len(list(graph.subjects(sh.resultSeverity, None))) == 1


def test_validate_writes_nothing_and_exits_0_on_the_bundled_data(tmp_path):
    result = run_parley("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip().endswith("triples: conforms")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["build", "validate"])
def test_timings_prints_each_stage_and_the_total_on_stderr(command, tmp_path):
    plain = run_parley(command, cwd=tmp_path)
    timed = run_parley(command, "--timings", cwd=tmp_path)
    assert plain.returncode == timed.returncode == 0, timed.stderr
    assert timed.stdout == plain.stdout and plain.stderr == ""
    stages = {}
    for line in timed.stderr.splitlines():
        stage, seconds = re.fullmatch(r"time: (.+): (\d+\.\d\d) s", line).groups()
        stages[stage] = float(seconds)
    # every stage named, in the order the stages first ran, the total last
    main_stages = ["parse", "records to triples", "SHACL", *(["write outputs"] if command == "build" else []), "total"]
    assert [stage for stage in stages if stage in main_stages] == main_stages
    assert list(stages)[0] == "parse" and list(stages)[-1] == "total"
    assert {"SHACL batches prepared, CPU", "SHACL engine, CPU"} <= set(stages)
    assert ("write outputs" in stages) == (command == "build")
    # durations are never negative; no stage the command waited for (CPU time summed over
    # workers aside) is longer than the whole command
    assert all(seconds >= 0 for seconds in stages.values())
    waited = [seconds for stage, seconds in stages.items() if not stage.endswith(", CPU") and stage != "total"]
    assert max(waited) <= stages["total"]


def test_python_m_parley_and_version():
    from parley import __version__

    result = run_parley("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"parley, version {__version__}"


def test_the_store_default_graph_is_the_union_of_its_named_graphs(tmp_path):
    store = build(out=tmp_path / "out").store
    default = {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {str(q.triple) for q in store if q.graph_name != ox.DefaultGraph()}
    assert default == named
    assert any("ankara-2026-01-01" in t for t in default)


def test_a_build_without_the_record_graphs_in_its_store_writes_the_same_outputs(tmp_path):
    kept, union_only = build(out=tmp_path / "kept"), build(out=tmp_path / "union", record_graphs=False)
    for name in ("kg.trig", "kg.ttl", "validation.ttl"):
        assert (tmp_path / "kept" / name).read_bytes() == (tmp_path / "union" / name).read_bytes(), name
    assert union_only.quads == [] and len(kept.quads) > 700
    def union(store):  # the ontology's blank nodes differ from store to store
        return {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}

    assert union(union_only.store) == union(kept.store)
    assert union_only.counts == kept.counts and union_only.triples == kept.triples


@pytest.mark.parametrize("bad", ["core-shapes.yaml", "end-before-start.yaml"])
def test_a_store_without_the_record_graphs_finds_the_same_problems(bad, tmp_path):
    files = [DATA / "facts" / "minimal.yaml", DATA / "bad" / bad]
    kept = validate(files)
    union_only = validate(files, record_graphs=False)
    assert not union_only.conforms
    assert [str(p) for p in union_only.problems] == [str(p) for p in kept.problems]


def test_a_build_on_disk_that_does_not_conform_reports_its_lines(tmp_path):
    bad = [DATA / "facts" / "minimal.yaml", DATA / "bad" / "end-before-start.yaml"]
    result = build(bad, out=tmp_path / "out", store=tmp_path / "store")
    assert not result.conforms
    assert [(p.line, p.record) for p in result.problems] == [(5, "process backwards")]


def test_kg_trig_written_batch_by_batch_holds_every_record_graph_once(tmp_path, monkeypatch):
    from parley import pipeline

    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 4)  # 52 records: 13 batches
    result = build(out=tmp_path)
    text = (tmp_path / "kg.trig").read_text(encoding="utf-8")
    assert text.count("@prefix pw: ") == 1 and text.startswith("@prefix ")
    written = {str(q) for q in ox.parse(path=str(tmp_path / "kg.trig"))}
    assert written == {str(q) for q in result.quads}
    assert len({q.graph_name for q in ox.parse(path=str(tmp_path / "kg.trig"))}) == 56
    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 1000)
    assert {str(q) for q in ox.parse(path=str(build(out=tmp_path / "one").outputs[0]))} == written


def test_each_place_is_described_once_in_the_places_graph_across_batches(tmp_path, monkeypatch):
    from parley import pipeline

    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 4)
    result = build(out=tmp_path)
    assert result.conforms  # later batches still see what a place is, for "place is not a place"
    quads = list(ox.parse(path=str(tmp_path / "kg.trig")))
    places = ox.NamedNode("https://w3id.org/parley/id/graph/places")
    used = {q.object for q in quads if q.predicate.value.endswith("#place")}
    described = [q for q in quads if q.subject in used]
    assert len(used) >= 3  # the bundled events are held in several places
    assert {q.graph_name for q in described} == {places}
    assert sorted(str(q) for q in described) == sorted({str(q) for q in described})  # once, not once a batch
    istanbul = ox.NamedNode("https://w3id.org/parley/id/place/istanbul")
    assert [q.object.value for q in described if q.subject == istanbul and q.predicate.value.endswith("label")] \
        == ["Istanbul"]
    assert sum(q.subject == istanbul for q in described) == 2  # its type and its label


@pytest.mark.parametrize("facts", ["bundled", "queries", "generated"])
def test_most_connected_actors_are_the_first_rows_of_centrality(facts, tmp_path):
    """The summary and ``parley centrality`` (its default projection and first measure)
    rank the same actors in the same order, with the same numbers."""
    if facts == "generated":
        subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--events", "300", "--format", "csv",
                        "--out", str(tmp_path / "data")], check=True)
    paths = {"bundled": [], "queries": [str(DATA / "facts" / "queries.yaml")], "generated": [str(tmp_path / "data")]}
    built = run_parley("build", *paths[facts], "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    summary = next(line for line in built.stdout.splitlines() if line.startswith("most connected actors: "))
    ranked = run_parley("centrality", "--measure", "degree", "--measure", "weighted-degree", "--format", "csv",
                        "--input", str(tmp_path / "out" / "kg.trig"), cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(ranked.stdout)))
    expected = "; ".join(f"{row['label']} ({row['degree']} co-participant{'' if row['degree'] == '1' else 's'}, "
                         f"{row['weighted-degree']} shared event{'' if row['weighted-degree'] == '1' else 's'})"
                         for row in rows[:5])
    assert len(rows) >= 4 and summary == "most connected actors: " + expected


def test_a_failure_while_the_last_batches_are_validated_stops_the_build_and_keeps_the_outputs(tmp_path, monkeypatch):
    from parley import pipeline

    out = tmp_path / "out"
    first = build(out=out)
    before = {p.name: p.read_bytes() for p in first.outputs + first.tables}

    def full_disk(store):  # the summary is counted in a thread, with kg.ttl dumped beside it
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "count_classes", full_disk)
    monkeypatch.setattr(pipeline, "PARALLEL_RECORDS", 0)  # with worker processes to stop too
    with pytest.raises(OSError, match="No space left"):
        build(out=out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
