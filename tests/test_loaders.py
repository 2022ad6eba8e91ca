"""Loaders: curated YAML and CSV into one record model, each field with its file and line."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from helpers import DATA
from parley.loaders import load
from parley.model.errors import InputError
from parley.model.namespaces import PROVENANCE_GRAPH
from parley.model.records import PartialDate
from parley.rdf.triples import records_to_quads


def by_label(records):
    return {r.label: r for r in records}


def test_yaml_records_carry_file_and_line_of_every_field():
    records = by_label(load([DATA / "facts" / "minimal.yaml"]))
    event = records["event ankara-2026-01-01"]
    assert event.loc.file.endswith("tests/data/facts/minimal.yaml")
    assert event.loc.line == 32
    assert event.lines["date"] == 34 and event.lines["participants"] == 37
    assert event.fields["date"] == PartialDate("2026-01-01")
    host, party = event.fields["participants"]
    assert (host.fields, host.loc.line) == ({"actor": "hakan-fidan", "role": "host", "for": "turkiye"}, 38)
    assert party.fields["actor"] == "rustem-umerov" and party.loc.line == 39
    fidan = records["actor hakan-fidan"]
    assert fidan.fields["posts"][0].fields["from"] == PartialDate("2023-06")
    assert fidan.fields["posts"][0].fields["from"].datatype == "gYearMonth"
    provision = records["agreement exchange"].fields["provisions"][0]
    assert provision.fields["quantity"] == 1000 and provision.fields["each"] is True


def test_csv_records_carry_file_and_row_line():
    records = by_label(load([DATA / "csv"]))
    ukraine = records["actor ukraine"]
    assert ukraine.loc.file.endswith("tests/data/csv/actors.csv") and ukraine.loc.line == 3
    assert ukraine.fields["aliases"] == ["Kyiv", "Kiev"]
    event = records["event ankara-2026-01-01"]
    assert [p.fields["actor"] for p in event.fields["participants"]] == ["hakan-fidan", "rustem-umerov"]
    assert [p.loc.line for p in event.fields["participants"]] == [2, 3]


def record_graph_quads(records) -> set[ox.Quad]:
    return {q for q in records_to_quads(records).quads if q.graph_name.value != PROVENANCE_GRAPH}


def test_csv_and_yaml_of_the_same_facts_give_the_same_triples():
    from_yaml = record_graph_quads(load([DATA / "facts" / "minimal.yaml"]))
    from_csv = record_graph_quads(load([DATA / "csv"]))
    assert len(from_yaml) > 100
    assert from_yaml == from_csv


def test_a_folder_loads_every_file_in_it(tmp_path):
    shutil.copy(DATA / "facts" / "minimal.yaml", tmp_path / "a.yaml")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.yml").write_text(
        "actors:\n  - {id: united-nations, type: IntergovernmentalOrganization, name: United Nations, sources: [src-1]}\n",
        encoding="utf-8")
    labels = {r.label for r in load([tmp_path])}
    assert "actor united-nations" in labels and "event ankara-2026-01-01" in labels


def test_csv_with_bom_crlf_and_multiline_quoted_cells(tmp_path):
    shutil.copytree(DATA / "csv", tmp_path / "csv")
    claims = tmp_path / "csv" / "claims.csv"
    claims.write_bytes(b"\xef\xbb\xbfid,claimant,stance,text,about,sources\r\n"
                       b'trust,hakan-fidan,evaluate,"First line,\r\nsecond line",turkiye,src-1\r\n,,,,,\r\n')
    claim = by_label(load([tmp_path / "csv"]))["claim trust"]
    assert claim.fields["text"] == "First line,\r\nsecond line"
    assert claim.loc.line == 2


def test_csv_child_rows_are_located_in_their_own_table(tmp_path):
    folder = tmp_path / "csv"
    shutil.copytree(DATA / "csv", folder)
    event = by_label(load([folder]))["event ankara-2026-01-01"]
    host, party = event.fields["participants"]
    assert event.loc.file.endswith("events.csv") and event.where("participants").file.endswith("events.csv")
    assert (host.loc.file.endswith("participants.csv"), host.loc.line, party.loc.line) == (True, 2, 3)
    participants = folder / "participants.csv"
    original = participants.read_text(encoding="utf-8")
    participants.write_text(original.replace("rustem-umerov,party", "rustem-umerovv,party"), encoding="utf-8")
    post = folder / "posts.csv"
    post.write_text(post.read_text(encoding="utf-8").replace("2023-06", "2023-13"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load([folder])
    assert sorted((p.file.rsplit("/", 1)[-1], p.line, p.message.split(": ", 1)[0]) for p in err.value.problems) == [
        ("participants.csv", 3, "participant 2"), ("posts.csv", 2, "post 1")]


def test_a_shape_broken_by_a_csv_child_row_is_reported_at_that_row(tmp_path):
    from parley.pipeline import validate

    folder = tmp_path / "csv"
    shutil.copytree(DATA / "csv", folder)
    participants = folder / "participants.csv"
    participants.write_text("".join(participants.read_text(encoding="utf-8").splitlines(keepends=True)[:2]),
                            encoding="utf-8")
    [problem] = validate([folder]).problems
    assert (problem.file, problem.line, problem.message) == (
        str(participants), 2, "has fewer than two participants")


def test_csv_in_another_encoding_needs_the_encoding_option(tmp_path):
    shutil.copytree(DATA / "csv", tmp_path / "csv")
    actors = tmp_path / "csv" / "actors.csv"
    actors.write_bytes(actors.read_text(encoding="utf-8").encode("latin-1", errors="replace").replace(b"?", b"u"))
    with pytest.raises(InputError) as err:
        load([tmp_path / "csv"])
    assert "is not valid utf-8" in str(err.value)
    records = by_label(load([tmp_path / "csv"], encoding="latin-1"))
    assert records["actor turkiye"].fields["name"] == "Türkiye"


def test_every_problem_is_reported_not_only_the_first():
    with pytest.raises(InputError) as err:
        load([DATA / "facts" / "minimal.yaml", DATA / "bad" / "several.yaml"])
    messages = [(p.line, p.message) for p in err.value.problems]
    assert messages == [
        (2, "missing required field 'name'"),
        (6, "date: 2026-02-30 is not a valid date (use 2022, 2025-07 or 2026-01-01)"),
        (9, "participant 1: unknown actor 'russsia' (did you mean russia?)"),
    ]


def test_unknown_actor_named_by_an_alias_suggests_the_actor():
    with pytest.raises(InputError) as err:
        load([DATA / "facts" / "minimal.yaml", DATA / "bad" / "unknown-reference.yaml"])
    assert any(p.message == "participant 1: unknown actor 'turkey' (did you mean turkiye?)" for p in err.value.problems)


def test_same_actor_twice_in_the_same_role_is_an_error(tmp_path):
    facts = tmp_path / "twice.yaml"
    facts.write_text("agreements:\n  - id: deal\n    name: Deal\n    status: signed\n    parties: [russia, ukraine]\n"
                     "    participants:\n      - {actor: russia, role: party}\n    sources: [src-1]\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load([DATA / "facts" / "minimal.yaml", facts])
    assert [p.message for p in err.value.problems] == ["russia is listed twice as party (also at line 7)"]


@pytest.mark.parametrize("paths", [None, [DATA / "csv"], [DATA / "facts" / "queries.yaml"]])
def test_well_formed_records_read_in_one_pass_equal_the_field_by_field_check(monkeypatch, paths):
    from parley.loaders import schema

    one_pass, taken = schema._well_formed, []
    monkeypatch.setattr(schema, "_well_formed", lambda *args: taken.append(one_pass(*args)) or taken[-1])
    quick = load(paths, precise=True)
    assert len(quick) > 5 and len([r for r in taken if r is not None]) >= len(quick)  # and their children
    monkeypatch.setattr(schema, "_well_formed", lambda *args: None)  # every record takes the checked path
    checked = load(paths, precise=True)
    assert quick == checked
    assert [r.lines for r in quick] == [r.lines for r in checked]
