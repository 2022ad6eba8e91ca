"""Property-based checks (Hypothesis) of the invariants hostile input must not break:
whatever a facts file holds, a command ends with exit code 0, 1 or 2 and never a
traceback; whatever the names, GEXF and GraphML are well-formed XML and CSV cells are
never formulas; whatever a parameter holds, a query answers the same rows each time.
Examples are derandomized, so every run checks the same ones."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import parley
from parley.cli import cli

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
# Any character but surrogates (which no file can hold): controls, NUL, U+FFFE, RTL marks...
NAMES = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=24)


def _run(*args: str) -> tuple[int, BaseException | None]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    unexpected = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, unexpected


@st.composite
def fact_files(draw, *, well_formed: bool) -> dict:
    """Facts with any names; ``well_formed`` ones have valid ids, types, roles and dates
    (so they build, and their names reach the exports), the others anything."""
    good_id = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
    ids = draw(st.lists(good_id if well_formed else st.one_of(good_id, NAMES), min_size=2, max_size=5, unique=True))
    types = ["State", "Person", "Organization"] + ([] if well_formed else ["Stat", ""])
    roles = ["party", "mediator", "host", "witness"] + ([] if well_formed else ["partie"])
    dates = st.dates().map(lambda d: d.isoformat())
    actors = [{"id": i, "type": draw(st.sampled_from(types)), "name": draw(NAMES), "sources": ["s"]} for i in ids]
    participants = [{"actor": actor, "role": draw(st.sampled_from(roles))}
                    for actor in draw(st.lists(st.sampled_from(ids), min_size=2 if well_formed else 0, max_size=4,
                                               unique=True))]
    date = draw(dates if well_formed else st.one_of(dates, NAMES))
    return {"sources": [{"id": "s", "title": draw(NAMES), "publisher": draw(NAMES)}], "actors": actors,
            "processes": [{"id": "t", "name": draw(NAMES), "sources": ["s"]}],
            "events": [{"id": "e", "type": "Meeting", "date": date, "process": "t", "place": draw(NAMES),
                        "participants": participants, "sources": ["s"]}]}


@SETTINGS
@given(st.one_of(fact_files(well_formed=True), fact_files(well_formed=False)))
def test_any_facts_give_exit_0_1_or_2_and_xml_gephi_can_open(facts):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.yaml"
        path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
        code, unexpected = _run("validate", str(path))
        assert unexpected is None and code in (0, 1, 2)
        event(f"exit {code}")
        if code != 0:
            return
        parley.build([path], out=Path(folder) / "out")
        graph = parley.with_measures(parley.project("co-participation", graph=Path(folder) / "out" / "kg.trig"))
        for written in (parley.export_gexf(graph, Path(folder) / "g.gexf", dynamic=True),
                        parley.export_graphml(graph, Path(folder) / "g.graphml")):
            ET.parse(written)  # raises if not well-formed


@SETTINGS
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_any_bytes_as_a_facts_file_give_exit_0_or_2(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.yaml"
        path.write_bytes(data)
        code, unexpected = _run("validate", str(path))
        assert unexpected is None and code in (0, 1, 2)


@SETTINGS
@given(NAMES)
def test_no_csv_cell_starts_a_formula(text):
    cell = parley.csv_cell(text)
    assert cell == text or cell == "'" + text
    if cell[0] in "=+-@\t\r":
        float(cell)  # only a number may start so


@pytest.fixture(scope="module")
def store():
    return parley.build(out=tempfile.mkdtemp()).store


@SETTINGS
@given(st.text(max_size=40), st.sampled_from(["process", "actor", "subject"]))
def test_any_parameter_value_is_refused_or_answers_the_same_rows_twice(store, value, name):
    query, param = {"process": ("mediators", "process"), "actor": ("co-participants", "actor"),
                    "subject": ("who-says-so", "subject")}[name]
    try:
        first = parley.query(query, {param: value}, store=store)
    except parley.InputError as err:
        assert all("\n" not in str(problem) for problem in err.problems)  # one line each
        return
    assert first == parley.query(query, {param: value}, store=store)


@SETTINGS
@given(st.text(max_size=40))
def test_any_text_parameter_is_bound_as_a_literal(store, value):
    size = len(store)
    first = parley.query("conflicting-claims", {"property": value}, store=store)
    assert first == parley.query("conflicting-claims", {"property": value}, store=store)
    assert len(store) == size  # the value changed nothing, whatever SPARQL it holds
