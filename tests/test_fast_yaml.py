"""The fast YAML path gives exactly the triples of the line-tracking path, and any
problem is reported with the line-tracking path's exact lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DATA
from parley.loaders import bundled_data, load
from parley.loaders.yaml_facts import fast_path_applies, load_yaml
from parley.rdf.triples import records_to_quads

REPO = Path(__file__).resolve().parent.parent


def quads(records) -> list[str]:
    return sorted(map(str, records_to_quads(records).quads))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--events", "600", "--format", "yaml",
                    "--out", str(folder)], check=True)
    return folder / "facts.yaml"


@pytest.mark.parametrize("name", ["bundled", "minimal", "queries", "generated"])
def test_fast_and_precise_paths_give_the_same_triples(name, generated):
    path = {"bundled": bundled_data() / "russia-ukraine.yaml", "minimal": DATA / "facts" / "minimal.yaml",
            "queries": DATA / "facts" / "queries.yaml", "generated": generated}[name]
    assert fast_path_applies(path.read_text(encoding="utf-8"))
    fast, fast_problems = load_yaml(path, "f.yaml", precise=False)
    precise, precise_problems = load_yaml(path, "f.yaml", precise=True)
    assert fast_problems == precise_problems == []
    assert [(r.label, r.loc) for r in fast] == [(r.label, r.loc) for r in precise]
    assert quads(fast) == quads(precise)


@pytest.mark.parametrize("text", ["actors:\n  - {id: a, type: State, name: A, iso: '007', sources: [s]}\n",
                                  "actors:\n  - id: a\n    name: 007\n", "provisions: [{quantity: 1.50}]\n",
                                  "a: 1e3\n", "a: True\n", "a: !!str x\n", "a: -5\n",
                                  "a: [1, 0x1F]\n", "a: {b: .inf}\n", "a: 1_000\n", "---\na: b\n", "%YAML 1.2\n",
                                  "a: b\n---\n", "a: &x {b: c}\nd:\n  <<: *x\n", "a:\n  - False\n"])
def test_risky_scalars_take_the_precise_path(text):
    assert not fast_path_applies(text) or "'007'" in text


@pytest.mark.parametrize("text", ["a: '007'\n", "a: 2026-01-01\n", "a: 1.5\n", "a: Tuesday\n", "a: x-5\n",
                                  "a: 'True'\n", "a: b --- c\n", "a: 50% more\n"])
def test_plain_text_dates_and_numbers_take_the_fast_path(text):
    assert fast_path_applies(text)


def test_problems_found_on_the_fast_path_are_reported_with_exact_lines(tmp_path, monkeypatch):
    import parley.loaders.yaml_facts as yaml_facts
    from parley.model.errors import InputError

    monkeypatch.setattr(yaml_facts, "FAST_PATH_MIN_BYTES", 0)  # take the fast path even for a small file
    facts = tmp_path / "facts.yaml"
    facts.write_text((DATA / "facts" / "minimal.yaml").read_text(encoding="utf-8").replace(
        "      - {actor: rustem-umerov, role: party, for: ukraine}",
        "      - {actor: rustem-umerov, role: party, for: ukrain}"), encoding="utf-8")
    fast, _ = load_yaml(facts, "facts.yaml")
    assert next(r for r in fast if r.id == "ankara-2026-01-01").fields["participants"][1].loc.line == 32
    with pytest.raises(InputError) as err:
        load([facts])
    [problem] = err.value.problems
    assert (problem.line, problem.message) == (39, "participant 2: unknown actor 'ukrain' (did you mean ukraine?)")


def test_small_files_always_carry_every_fields_line():
    records, _ = load_yaml(DATA / "facts" / "minimal.yaml", "minimal.yaml")
    event = next(r for r in records if r.id == "ankara-2026-01-01")
    assert event.lines["date"] == 34 and event.fields["participants"][1].loc.line == 39


def _both_paths(path: Path) -> tuple[list, list]:
    fast, fast_problems = load_yaml(path, "f.yaml", precise=False)
    precise, precise_problems = load_yaml(path, "f.yaml", precise=True)
    assert fast_problems == precise_problems
    return fast, precise


@pytest.mark.parametrize("line_break", ["\r\n", "\r"])
def test_other_line_breaks_give_the_same_record_lines(tmp_path, line_break):
    text = (DATA / "facts" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_bytes(text.replace("\n", line_break).encode("utf-8"))
    fast, precise = _both_paths(path)
    assert [(r.label, r.loc) for r in fast] == [(r.label, r.loc) for r in precise]
    assert next(r for r in fast if r.id == "ankara-2026-01-01").loc.line == 32


def test_numbers_written_otherwise_are_read_as_written(tmp_path):
    text = (DATA / "facts" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(text.replace("name: Rustem Umerov", "name: 007").replace("date: 2026-01-01", "date: 2026"),
                    encoding="utf-8")
    fast, precise = _both_paths(path)
    assert next(r for r in fast if r.id == "rustem-umerov").get("name") == "007"
    assert quads(fast) == quads(precise)


def test_the_fast_parser_is_kept_unless_a_typed_value_may_be_written_otherwise():
    from parley.loaders.yaml_facts import _fast

    text = (DATA / "facts" / "minimal.yaml").read_text(encoding="utf-8")
    assert _fast(text.replace("date: 2026-01-01", "date: 2026"), "f.yaml") is not None  # 2026 is read as written
    assert _fast(text.replace("name: Rustem Umerov", "name: 007"), "f.yaml") is None
    assert _fast(text.replace("name: Rustem Umerov", "name: 1.50"), "f.yaml") is None


@pytest.mark.parametrize("text", ["sources:\n  -\n    id: a\n  - # comment\n\n    id: b\n  - id: c\n",
                                  "sources:\n- id: a\n  notes: |\n    - not an item\n- id: b\nactors:\n  - id: c\n",
                                  "# top\nsources:   # the sources\n  - id: a\n    posts:\n      - x\n  - id: b\n"])
def test_item_lines_found_by_pattern_and_line_by_line_agree(text):
    from parley.loaders.yaml_facts import _item_lines, _item_lines_by_line

    assert _item_lines(text) == _item_lines_by_line(text) == _item_lines_by_line(text.replace("\n", "\r\n"))
    assert _item_lines(text) == _item_lines(text.replace("\n", "\r\n"))
