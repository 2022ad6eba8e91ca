"""Validating record graphs in batches, as the build does, finds exactly what validating
their union finds."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
import rdflib
from rdflib.namespace import SH

from helpers import DATA
from parley import pipeline
from parley.loaders import load
from parley.pipeline import validate
from parley.rdf.store import default_graph_lines, open_store
from parley.rdf.triples import record_types, records_to_quads, reference_kinds
from parley.shacl.batches import CHECKING, PREPARING, BatchValidator
from parley.shacl.validation import core_and_sparql_shapes, validate_quads

BAD = [DATA / "facts" / "minimal.yaml", DATA / "bad" / "core-shapes.yaml", DATA / "bad" / "sparql-constraints.yaml"]


@pytest.mark.parametrize("batch, parallel", [(1, False), (4, False), (2000, False), (3, True)])
def test_batches_report_the_same_problems_as_the_union(monkeypatch, batch, parallel):
    union = validate_quads(records_to_quads(load(BAD, precise=True)))
    assert len(union.problems) == 6  # two from core shapes, four from two SPARQL-based constraints
    monkeypatch.setattr(pipeline, "BATCH_RECORDS", batch)
    monkeypatch.setattr(pipeline, "PARALLEL_RECORDS", 0 if parallel else 10**9)
    batched = validate(BAD)
    assert not batched.conforms
    assert batched.problems == union.problems
    report = batched.validation.report
    [top] = report.subjects(rdflib.RDF.type, SH.ValidationReport)
    assert set(report.objects(top, SH.result)) == set(report.subjects(SH.resultSeverity, None))


def test_one_record_per_batch_still_sees_what_other_records_declare(monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 1)
    assert validate().conforms  # every sh:class check on a source, actor or process of another record passes


def test_without_the_types_of_other_records_class_checks_fail():
    records = load()
    core, constraints = core_and_sparql_shapes()
    store = open_store()
    blind = BatchValidator(core, constraints, {})
    seeing = BatchValidator(core, constraints, record_types(records))
    for record in records:
        quads = records_to_quads([record], locate=False, kinds_of=reference_kinds(records)).quads
        store.bulk_extend(quads)
        ntriples = default_graph_lines(quads)
        blind.submit(ntriples)
        seeing.submit(ntriples)
    assert seeing.finish(store)[0]
    conforms, report = blind.finish(store)
    assert not conforms
    messages = {str(m) for m in report.objects(None, SH.resultMessage)}
    assert "cites a source that is not declared" in messages


def test_shapes_that_target_objects_or_named_nodes_are_refused():
    core, constraints = core_and_sparql_shapes()
    shapes = rdflib.Graph()
    for triple in core:
        shapes.add(triple)
    shape = next(shapes.subjects(SH.targetClass, None))
    shapes.add((shape, SH.targetObjectsOf, rdflib.URIRef("https://w3id.org/parley/ontology#actor")))
    with pytest.raises(ValueError, match="target classes or subjects"):
        BatchValidator(shapes, constraints, {})


@pytest.mark.parametrize("parallel", [False, True])
def test_the_cpu_time_of_batch_preparation_and_of_the_engine_is_reported(monkeypatch, parallel):
    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 5)
    monkeypatch.setattr(pipeline, "PARALLEL_RECORDS", 0 if parallel else 10**9)
    timings = validate().timings
    # the workers' own CPU time, sent back when they stop; in-line, the build thread's
    assert {PREPARING, CHECKING} <= set(timings)
    assert all(math.isfinite(timings[stage]) and timings[stage] >= 0 for stage in (PREPARING, CHECKING))


def test_each_batch_adds_its_preparation_and_engine_cpu_time(monkeypatch):
    """In-line, with a thread clock that ticks one second per reading: each batch adds
    one second of preparation and one of engine time."""
    from parley.shacl import batches as batch_validation

    ticks = iter(range(10**6))
    monkeypatch.setattr(batch_validation, "time", SimpleNamespace(thread_time=lambda: float(next(ticks))))
    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 5)
    monkeypatch.setattr(pipeline, "PARALLEL_RECORDS", 10**9)
    result = validate()
    batches = -(-len(result.records) // 5)
    assert result.timings[PREPARING] == result.timings[CHECKING] == batches
