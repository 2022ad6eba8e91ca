"""The ontology plus the valid example is consistent under HermiT (through owlready2).

HermiT accepts only the OWL 2 datatype map, which has no xsd:date, xsd:gYearMonth
or xsd:gYear; partial dates are handed to it as strings, which keeps every axiom and
assertion the same otherwise.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib

from helpers import DATA
from parley.ontology import ontology_text, vocabulary_texts

owlready2 = pytest.importorskip("owlready2")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime (java not on PATH)")

_XSD = "http://www.w3.org/2001/XMLSchema#"
NOT_OWL2 = {rdflib.URIRef(_XSD + name) for name in ("date", "gYear", "gYearMonth")}


def graph_for_hermit(extra: str = "") -> rdflib.Graph:
    graph = rdflib.Graph().parse(data=ontology_text(), format="turtle")
    for _, text in vocabulary_texts():
        graph.parse(data=text, format="turtle")
    graph.parse(DATA / "shapes" / "valid.ttl")
    if extra:
        graph.parse(data=extra, format="turtle")
    for s, p, o in list(graph):
        if isinstance(o, rdflib.Literal) and o.datatype in NOT_OWL2:
            graph.remove((s, p, o))
            graph.add((s, p, rdflib.Literal(str(o), datatype=rdflib.URIRef(_XSD + "string"))))
    return graph


def is_consistent(graph: rdflib.Graph, folder: Path) -> bool:
    path = folder / "kb.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return True


def test_ontology_and_valid_example_are_consistent(tmp_path):
    assert is_consistent(graph_for_hermit(), tmp_path)


def test_reasoner_detects_an_inconsistency(tmp_path):
    """pw:date is functional: an event with two different dates cannot exist."""
    extra = """<https://w3id.org/parley/id/event/ankara> <https://w3id.org/parley/ontology#date> "2026-01-02"^^<http://www.w3.org/2001/XMLSchema#date> ."""
    assert not is_consistent(graph_for_hermit(extra), tmp_path)
