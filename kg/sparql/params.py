"""Query parameters: each value is parsed for its declared type into an RDF term, and
the term is bound in the query like a prepared statement.

A user's value never reaches the query as it was typed: it is first parsed into an
RDF term of the parameter's type (an IRI checked by Oxigraph's IRI parser, a date or
integer checked by its lexical form, any string as a literal), and that term, written
by Oxigraph's N-Triples serializer (which escapes quotes, newlines and everything
else), takes the variable's place in the query's syntax tree positions. The same
prepared query runs on the local store and on remote endpoints, so both give the same
rows; and Oxigraph's planner sees the bound term, which keeps selective queries fast
(its SEP-0007 substitutions are applied after planning).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from parley.model.errors import InputError, Problem, did_you_mean
from parley.model.namespaces import ID, XSD
from parley.model.records import ID_PATTERN, RECORD_KINDS, parse_date
from parley.model.vocabulary import term_key, vocabulary
from parley.sparql.library import LibraryQuery, Param
from parley.sparql.results import Term

__all__ = ["bind_params", "parse_value", "prepare"]

_SCHEMES = {"role": "roles", "basis": "bases", "agreement-status": "agreement_statuses",
            "event-status": "event_statuses", "issue": "issues", "stance": "stances", "modality": "modalities"}


def parse_value(param: Param, value: str, *, base: str = ID) -> Term:
    """The RDF term for one parameter value; ValueError with a reason if it is not of its type.

    >>> from parley.sparql.library import Param
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

    Raises :class:`~parley.model.errors.InputError` naming each bad parameter.

    >>> from parley.sparql.library import library
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


# An IRI is '<' ... '>' without spaces; one that would start with '=', '?' or '$' or hold
# '&&' is an operator instead ("?d<=STR(?until)&&STR(?d)>?since" compares, twice).
_TOKENS = re.compile(r"""(?P<skip>\#[^\n]*|<(?![=?$])(?:(?!&&)[^<>"{}|^`\\\s])*>|'\'\'.*?'\'\'|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")|
                         (?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)|(?P<open>\()|(?P<close>\))|
                         (?P<keyword>\b(?:SELECT|WHERE|GROUP\s+BY|ORDER\s+BY|HAVING|AS)\b)|(?P<brace>\{)|(?P<end>\})""",
                     re.IGNORECASE | re.DOTALL | re.VERBOSE)


def prepare(text: str, bindings: dict[str, Term]) -> str:
    r"""The query with each bound variable replaced by its serialized term.

    In the SELECT projection the variable stays a column: ``?x`` becomes
    ``(TERM AS ?x)`` (in a sub-query's projection it is dropped, as the term stands in
    for it everywhere); after GROUP BY or ORDER BY it becomes ``(TERM)``.

    >>> print(prepare("SELECT ?p ?o WHERE { ?p ?x ?o } ORDER BY ?p", {"p": ox.Literal('a"} ; DROP ALL #')}))
    SELECT ("a\"} ; DROP ALL #" AS ?p) ?o WHERE { "a\"} ; DROP ALL #" ?x ?o } ORDER BY ("a\"} ; DROP ALL #")
    >>> print(prepare("SELECT ?p ?n WHERE { { SELECT ?p (COUNT(*) AS ?n) WHERE { ?p ?x ?o } GROUP BY ?p } ?p ?y ?z }",
    ...               {"p": ox.NamedNode("http://x/p")}))
    SELECT (<http://x/p> AS ?p) ?n WHERE { { SELECT  (COUNT(*) AS ?n) WHERE { <http://x/p> ?x ?o } GROUP BY (<http://x/p>) } <http://x/p> ?y ?z }
    >>> print(prepare("ASK { FILTER(STR(?d)<=STR(?until)&&STR(?d)>=?from) }", {"until": ox.Literal("2"), "from": ox.Literal("1")}))
    ASK { FILTER(STR(?d)<=STR("2")&&STR(?d)>="1") }
    """
    if not bindings:
        return text
    terms = {name: str(term) for name, term in bindings.items()}
    out, last, depth, clause = [], 0, 0, ""
    enclosing: list[str] = []  # the clause each open brace returns to when it closes
    after_as = False
    selects = 0
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "brace":
            clause = "where" if clause == "select" else clause
            enclosing.append(clause)
        elif kind == "end" and enclosing:
            clause = enclosing.pop()
        elif kind == "keyword":
            word = " ".join(match.group().upper().split())
            after_as = word == "AS"
            if word == "SELECT":
                clause = "select"
                selects += 1
            elif word == "WHERE":
                clause = "where"
            elif word in ("GROUP BY", "ORDER BY", "HAVING"):
                clause = "modifier"
            continue
        elif kind == "var":
            name = match.group()[1:]
            if name in terms:
                if after_as:
                    raise ValueError(f"parameter ?{name} is assigned by the query (AS ?{name}); it cannot be bound")
                term = terms[name]
                if clause == "select" and selects > 1:
                    replacement = ""
                elif clause == "select" and depth == 0:
                    replacement = f"({term} AS ?{name})"
                elif clause == "modifier" and depth == 0:
                    replacement = f"({term})"
                else:
                    replacement = term
                out.append(text[last:match.start()])
                out.append(replacement)
                last = match.end()
        after_as = False
    out.append(text[last:])
    return "".join(out)
