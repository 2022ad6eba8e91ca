"""Query parameters: each value is parsed for its declared type into an RDF term.

Values never become query text: locally they are bound as terms (Oxigraph
substitutions); for a remote endpoint they travel as a VALUES block written by
Oxigraph's N-Triples serializer (see :mod:`parley.endpoint`).
"""

from __future__ import annotations

import pyoxigraph as ox

from parley.errors import InputError, Problem
from parley.library import LibraryQuery, Param
from parley.loaders.schema import ID_PATTERN, did_you_mean
from parley.namespaces import ID, XSD
from parley.records import RECORD_KINDS, parse_date
from parley.vocabulary import term_key, vocabulary

__all__ = ["bind_params", "parse_value", "Term"]

Term = ox.NamedNode | ox.Literal

_SCHEMES = {"role": "roles", "basis": "bases", "agreement-status": "agreement_statuses",
            "event-status": "event_statuses", "issue": "issues"}


def parse_value(param: Param, value: str, *, base: str = ID) -> Term:
    """The RDF term for one parameter value; ValueError with a reason if it is not of its type.

    >>> from parley.library import Param
    >>> parse_value(Param("actor", "id", "actor"), "turkiye")
    <NamedNode value=https://w3id.org/parley/id/actor/turkiye>
    >>> parse_value(Param("date", "date"), "2025-07").datatype
    <NamedNode value=http://www.w3.org/2001/XMLSchema#gYearMonth>
    """
    if param.type == "string":
        return ox.Literal(value)
    if param.type == "integer":
        try:
            return ox.Literal(str(int(value.strip())), datatype=ox.NamedNode(XSD + "integer"))
        except ValueError:
            raise ValueError(f"'{value}' is not an integer") from None
    if param.type == "date":
        date = parse_date(value)
        return ox.Literal(date.text, datatype=ox.NamedNode(XSD + date.datatype))
    if param.type == "iri":
        try:
            if ":" not in value:
                raise ValueError
            return ox.NamedNode(value)
        except ValueError:
            raise ValueError(f"'{value}' is not an absolute IRI") from None
    if param.type == "id":
        kind, record_id = param.kind, value
        if kind == "any":
            kind, _, record_id = value.partition("/")
            if kind not in RECORD_KINDS:
                raise ValueError(f"'{value}' is not KIND/ID with KIND one of {', '.join(RECORD_KINDS)}")
        if not ID_PATTERN.match(record_id):
            raise ValueError(f"'{record_id}' is not an id (letters, digits, '.', '_', '-')")
        return ox.NamedNode(f"{base}{kind}/{record_id}")
    if param.type == "term":
        terms = getattr(vocabulary(), _SCHEMES[param.kind])
        found = terms.get(term_key(value))
        if found is None:
            names = sorted(name for name, _ in terms.values())
            raise ValueError(f"'{value}' is not in the {param.kind} scheme{did_you_mean(value, names)}; use one of {', '.join(names)}")
        return ox.NamedNode(found[1])
    raise ValueError(f"unknown parameter type {param.spec}")


def bind_params(query: LibraryQuery, values: dict[str, str], *, base: str = ID) -> dict[str, Term]:
    """Check and parse every parameter value (defaults filled in) before any query runs.

    Raises :class:`~parley.errors.InputError` naming each bad parameter.

    >>> from parley.library import library
    >>> bind_params(library()["timeline"], {"process": "talks"})
    {'process': <NamedNode value=https://w3id.org/parley/id/process/talks>}
    """
    declared = {p.name: p for p in query.params}
    problems = [Problem(f"--param {name}", 0, "", f"query '{query.name}' has no parameter '{name}'"
                        f"{did_you_mean(name, declared) or (' (it takes ' + ', '.join(declared) + ')' if declared else ' (it takes none)')}")
                for name in values if name not in declared]
    bound: dict[str, Term] = {}
    for name, param in declared.items():
        value = values.get(name, param.default)
        if value is None:
            if param.required:
                problems.append(Problem(f"--param {name}", 0, "", f"query '{query.name}' needs {name} ({param.spec}): {param.doc}"))
            continue
        try:
            bound[name] = parse_value(param, value, base=base)
        except ValueError as err:
            problems.append(Problem(f"--param {name}", 0, "", str(err)))
    if problems:
        raise InputError(problems)
    return bound
