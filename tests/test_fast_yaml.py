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
from parley.triples import records_to_quads

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
    from parley.errors import InputError

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
