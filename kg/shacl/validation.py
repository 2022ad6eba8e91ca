"""SHACL validation of the union of all record graphs, reported in the curator's terms."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
import pyshacl
import rdflib
import rdflib.collection
from rdflib.namespace import RDF, SH

from parley.model.errors import Problem
from parley.model.namespaces import ID, short_id
from parley.ontology import shapes_text
from parley.rdf.store import as_rdflib, union_store
from parley.rdf.triples import Conversion
from parley.shacl.sparql_constraints import SparqlConstraint, evaluate, split_shapes

__all__ = ["Validation", "validate_quads", "located", "shacl", "report_json", "shapes_graph", "core_and_sparql_shapes",
           "ENGINES"]

_INSTANCE = re.compile(re.escape(ID) + r"[A-Za-z0-9._/-]+")


@dataclass
class Validation:
    """The verdict, one located problem per SHACL result, and pySHACL's report graph."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    report: rdflib.Graph = field(default_factory=rdflib.Graph)

    def __repr__(self) -> str:
        return f"<Validation {'conforms' if self.conforms else 'does not conform'}, {len(self.problems)} problem(s)>"


@cache
def _shapes_turtle() -> str:
    return shapes_text()


def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes as an rdflib Graph."""
    return rdflib.Graph().parse(data=_shapes_turtle(), format="turtle")


@cache
def core_and_sparql_shapes() -> tuple[rdflib.Graph, list[SparqlConstraint]]:
    """The shapes for a core SHACL engine, and the SPARQL-based constraints apart
    (:func:`parley.shacl.sparql_constraints.split_shapes`); made once, not to be changed."""
    return split_shapes(shapes_graph())


def validate_quads(conversion: Conversion, *, union: ox.Store | None = None) -> Validation:
    """Validate the union of a conversion's graphs (with the ontology) against the shapes.

    SHACL engines validate each named graph of a dataset on its own, so the union is
    loaded into the default graph of a fresh Oxigraph store first (or given as ``union``).
    """
    conforms, report = shacl(union if union is not None else union_store(conversion.quads))
    return located(conforms, report, conversion)


def located(conforms: bool, report: rdflib.Graph, conversion: Conversion) -> Validation:
    """A SHACL verdict and report, with each result located in the curator's files
    through the node origins ``conversion`` noted."""
    problems = [_problem(report, result, conversion) for result in report.subjects(SH.resultSeverity, None)]
    return Validation(bool(conforms), sorted(problems), report)


ENGINES = ("turbo", "pyshacl")


def shacl(store: ox.Store, *, engine: str = "turbo") -> tuple[bool, rdflib.Graph]:
    """Run the shapes over the default graph of ``store`` (which must hold the ontology
    too); return the verdict and the SHACL validation report graph.

    ``turbo`` (the default) runs the core constraints on pyshacl-turbo, a compiled
    engine with pySHACL's API that reads the Oxigraph store, and each SPARQL-based
    constraint once over the whole graph on Oxigraph (:mod:`parley.shacl.sparql_constraints`);
    ``pyshacl`` is pySHACL itself, through rdflib, the reference the tests hold the
    other to.
    """
    if engine == "turbo":
        import pyshacl_turbo

        core, constraints = core_and_sparql_shapes()
        conforms, report, _ = pyshacl_turbo.validate(store, shacl_graph=core, advanced=True, allow_warnings=True)
        if evaluate(store, constraints, report):
            conforms = False
            for node in report.subjects(RDF.type, SH.ValidationReport):
                report.set((node, SH.conforms, rdflib.Literal(False)))
    elif engine == "pyshacl":
        conforms, report, _ = pyshacl.validate(as_rdflib(store), shacl_graph=shapes_graph(), inplace=True,
                                               advanced=True, allow_warnings=True)
    else:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    return bool(conforms), report


def _short(text: str) -> str:
    """Instance IRIs in a message, shortened to the ids the curator wrote."""
    return _INSTANCE.sub(lambda m: short_id(m.group(0)), text)


def _problem(report: rdflib.Graph, result: rdflib.term.Node, conversion: Conversion) -> Problem:
    focus = str(report.value(result, SH.focusNode))
    path = report.value(result, SH.resultPath)
    message = report.value(result, SH.resultMessage)
    text = _short(str(message)) if message is not None else _default_message(report, result)
    node = conversion.nodes.get(focus)
    if node is None:
        return Problem("", 0, _short(focus), text)
    lines = [conversion.field_lines[(focus, step)] for step in _steps(report, path)
             if (focus, step) in conversion.field_lines]
    file, line = lines[0] if lines else (node.file, node.line)
    return Problem(file, line, node.record, f"{node.part}: {text}" if node.part else text)


def _steps(report: rdflib.Graph, path: rdflib.term.Node | None) -> list[str]:
    """The properties a result path names: itself, or the members of an alternative path
    (an event's participants: pw:hasParticipation or pw:participant)."""
    if isinstance(path, rdflib.URIRef):
        return [str(path)]
    alternatives = report.value(path, SH.alternativePath) if path is not None else None
    if alternatives is None:
        return []
    return [str(step) for step in rdflib.collection.Collection(report, alternatives) if isinstance(step, rdflib.URIRef)]


def _default_message(report: rdflib.Graph, result: rdflib.term.Node) -> str:
    component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
    path = report.value(result, SH.resultPath)
    return f"{component.removesuffix('ConstraintComponent')} constraint violated" + (
        f" on {path.n3(report.namespace_manager)}" if path is not None else "")


def report_json(validation: Validation) -> str:
    """The validation as JSON: the verdict and every problem with file, line, record, message."""
    return json.dumps({
        "conforms": validation.conforms,
        "problems": [{"file": p.file, "line": p.line, "record": p.record, "message": p.message}
                     for p in validation.problems],
    }, ensure_ascii=False, indent=2) + "\n"

