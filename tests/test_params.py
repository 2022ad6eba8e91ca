"""Parameter values are parsed for their declared types before any query runs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from parley.model.errors import InputError
from parley.sparql.library import Param, library, parse_query
from parley.sparql.params import bind_params, parse_value


@pytest.mark.parametrize("param, value, term", [
    (Param("n", "integer"), " 42 ", ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    (Param("d", "date"), "2022", ox.Literal("2022", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))),
    (Param("s", "string"), 'quote " and\nnewline', ox.Literal('quote " and\nnewline')),
    (Param("x", "iri"), "https://example.org/ü", ox.NamedNode("https://example.org/ü")),
    (Param("a", "id", "actor"), "turkiye", ox.NamedNode("https://w3id.org/parley/id/actor/turkiye")),
    (Param("a", "id", "any"), "event/ankara", ox.NamedNode("https://w3id.org/parley/id/event/ankara")),
    (Param("t", "term", "agreement-status"), "In force", ox.NamedNode("https://w3id.org/parley/vocab/agreement-status/in-force")),
])
def test_values_become_terms_of_their_type(param, value, term):
    assert parse_value(param, value) == term


@pytest.mark.parametrize("param, value, reason", [
    (Param("n", "integer"), "4.5", "'4.5' is not an integer"),
    (Param("d", "date"), "2025-13-40", "2025-13-40 is not a valid date (use 2022, 2025-07 or 2026-01-01)"),
    (Param("x", "iri"), "http://x/a>b", "'http://x/a>b' is not an absolute IRI"),
    (Param("a", "id", "actor"), "turkiye> } ; DROP ALL", "'turkiye> } ; DROP ALL' is not an id (letters, digits, '.', '_', '-')"),
    (Param("a", "id", "any"), "country/turkiye", "'country/turkiye' is not KIND/ID with KIND one of source, actor, "
     "conflict, process, event, agreement, claim"),
    (Param("t", "term", "agreement-status"), "sigend", "'sigend' is not in the agreement-status scheme (did you mean signed?); use one of "
     "agreed, collapsed, expired, in-force, proposed, signed, suspended, terminated"),
])
def test_values_not_of_their_type_are_refused(param, value, reason):
    with pytest.raises(ValueError) as err:
        parse_value(param, value)
    assert str(err.value) == reason


def test_every_problem_with_the_parameters_is_reported_together():
    with pytest.raises(InputError) as err:
        bind_params(library()["posts-on-date"], {"dat": "2025", "colour": "red"})
    assert [str(p) for p in err.value.problems] == [
        "--param colour: query 'posts-on-date' has no parameter 'colour' (it takes date)",
        "--param dat: query 'posts-on-date' has no parameter 'dat' (did you mean date?)",
        "--param date: query 'posts-on-date' needs date (date): the date (2026-01-01, or 2025-07, or 2022)",
    ]


def test_defaults_fill_in_missing_values():
    query = parse_query("# param: since date = 2022 -- from when\nSELECT ?since WHERE {}", "q")
    assert bind_params(query, {}) == {"since": parse_value(query.params[0], "2022")}


def test_malformed_parameter_header_is_reported_with_its_line():
    with pytest.raises(InputError) as err:
        parse_query("# title: T\n# param: since when?\nSELECT * WHERE {}", "q", "mine.rq")
    assert str(err.value) == ("mine.rq:2: malformed parameter 'since when?': "
                              "expected NAME TYPE [required] [= DEFAULT] [-- what it is]")
