"""SHACL-SPARQL constraints (SHACL section 5), evaluated once over the whole graph.

A SPARQL-based constraint is defined per focus node: its SELECT runs with ``$this``
pre-bound to each target node in turn. On a large graph that is one query per
node. Here each constraint runs as a single query on the Oxigraph store, joined with
its targets (``sh:targetClass``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``,
``sh:targetNode`` and SHACL-AF SPARQL targets), and every solution becomes a
validation result as section 5.3 describes: focus node ``$this``, ``sh:value``
and ``sh:resultPath`` from ``?value`` and ``?path``, and the message with its
``{?var}`` placeholders filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from parley.rdf.store import to_rdflib

__all__ = ["SparqlConstraint", "split_shapes", "evaluate"]

_THIS = re.compile(r"\$this\b")
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class SparqlConstraint:
    """One sh:sparql constraint of a node shape, with the shape's targets."""

    shape: rdflib.term.Node
    constraint: rdflib.term.Node
    select: str
    prefixes: str
    message: str
    targets: tuple[str, ...]  # SPARQL group patterns binding ?this


def _prefixes(shapes: rdflib.Graph, constraint: rdflib.term.Node) -> str:
    lines = []
    for declarer in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(declarer, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def _targets(shapes: rdflib.Graph, shape: rdflib.term.Node) -> tuple[str, ...]:
    patterns = []
    for cls in shapes.objects(shape, SH.targetClass):
        patterns.append(f"?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> .")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        patterns.append(f"?this <{prop}> ?parleyTargetObject .")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        patterns.append(f"?parleyTargetSubject <{prop}> ?this .")
    for node in shapes.objects(shape, SH.targetNode):
        patterns.append(f"VALUES ?this {{ {node.n3()} }}")
    for target in shapes.objects(shape, SH.target):
        select = shapes.value(target, SH.select)
        if select is not None:
            patterns.append(f"{{ {_strip_prologue(str(select))} }}")
    return tuple(patterns)


def _strip_prologue(query: str) -> str:
    """A SELECT without PREFIX lines, to nest as a sub-query."""
    return re.sub(r"(?im)^\s*PREFIX\s+\S+\s*<[^>]*>\s*", "", query).strip()


def split_shapes(shapes: rdflib.Graph) -> tuple[rdflib.Graph, list[SparqlConstraint]]:
    """The shapes without their SPARQL-based constraints (for a core SHACL engine), and
    those constraints, to evaluate with :func:`evaluate`.

    >>> from parley.shacl.validation import shapes_graph
    >>> core, constraints = split_shapes(shapes_graph())
    >>> len(constraints) >= 3 and not list(core.triples((None, SH.sparql, None)))
    True
    """
    core = rdflib.Graph()
    for triple in shapes:
        core.add(triple)
    found = []
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        found.append(SparqlConstraint(
            shape, constraint, str(shapes.value(constraint, SH.select)), _prefixes(shapes, constraint),
            str(shapes.value(constraint, SH.message) or ""), _targets(shapes, shape)))
        core.remove((shape, SH.sparql, constraint))
        _drop(core, constraint)
    for shape in {c.shape for c in found}:  # a shape left with targets but nothing to check
        if not any(p not in _TARGETING for p in core.predicates(shape)):
            _drop(core, shape)
    return core, found


_TARGETING = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target}


def _drop(graph: rdflib.Graph, node: rdflib.term.Node) -> None:
    for predicate, value in list(graph.predicate_objects(node)):
        graph.remove((node, predicate, value))
        if isinstance(value, rdflib.BNode):
            _drop(graph, value)


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    return "" if term is None else term.value


def evaluate(store: ox.Store, constraints: list[SparqlConstraint], report: rdflib.Graph, *, union: bool = False,
             report_node: rdflib.term.Node | None = None) -> int:
    """Run each constraint once over the default graph of ``store`` (the union of its
    graphs if ``union``) and add a validation result to ``report`` per solution, linked
    from ``report_node`` if given; returns how many were added."""
    added = 0
    for constraint in constraints:
        inner = _THIS.sub("?this", _strip_prologue(constraint.select))
        target = " UNION ".join(f"{{ {t} }}" for t in constraint.targets) or "{ }"
        query = f"{constraint.prefixes}\nSELECT * WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} {{ {inner} }} }}"
        solutions = store.query(query, use_default_graph_as_union=union)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            values = {name: solution[name] for name in names if solution[name] is not None}
            result = rdflib.BNode()
            report.add((result, RDF.type, SH.ValidationResult))
            if report_node is not None:
                report.add((report_node, SH.result, result))
            report.add((result, SH.focusNode, to_rdflib(values["this"])))
            report.add((result, SH.resultSeverity, SH.Violation))
            report.add((result, SH.sourceShape, constraint.shape))
            report.add((result, SH.sourceConstraint, constraint.constraint))
            report.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            if "value" in values:
                report.add((result, SH.value, to_rdflib(values["value"])))
            if "path" in values:
                report.add((result, SH.resultPath, to_rdflib(values["path"])))
            if constraint.message:
                message = _PLACEHOLDER.sub(lambda m: _text(values.get(m.group(1))), constraint.message)
                report.add((result, SH.resultMessage, rdflib.Literal(message)))
            added += 1
    return added

