"""``parley schema``: the JSON Schema YAML editors check facts files with, and the
reference of the fact format, both generated from the loader's own field definitions."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml_rs

from helpers import DATA, run_parley
from parley.loaders import bundled_data

DOCS = Path(__file__).parent.parent / "docs"
MINIMAL = (DATA / "facts" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    done = run_parley("schema")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _as_an_editor_reads(text: str) -> object:
    # YAML 1.2, as the YAML language server reads it: 2022 is a number, 2026-01-01 text.
    return yaml_rs.loads(text, parse_datetime=False)


def test_the_bundled_data_validates_against_the_schema(validator):
    files = sorted(bundled_data().glob("*.yaml")) + [DATA / "facts" / "minimal.yaml"]
    for path in files:
        errors = [error.message for error in validator.iter_errors(_as_an_editor_reads(path.read_text(encoding="utf-8")))]
        assert errors == [], path


# (name, text replaced, replacement): each a change to minimal.yaml that the loader and
# the schema must both accept (True) or both refuse (False).
FIXTURES = [
    ("unchanged", "", "", True),
    ("role in another case", "role: host,", "role: Host,", True),
    ("unknown role", "role: host,", "role: broker,", False),
    ("status written with a space", "status: agreed", "status: In Force", True),
    ("unknown status", "status: agreed", "status: finished", False),
    ("missing required field", "    title: Test article about talks in Ankara\n", "", False),
    ("unknown field", "name: Russia,", "name: Russia, colour: red,", False),
    ("month 13", "date: 2026-01-01", "date: 2026-13-01", False),
    ("a year alone", "date: 2026-01-01", "date: 2026", True),
    ("a date in words", "date: 2026-01-01", "date: new year's day", False),
    ("quantity with a thousands comma", "quantity: 1000", "quantity: '1,000'", True),
    ("quantity in words", "quantity: 1000", "quantity: lots", False),
    ("each as yes", "each: true", "each: yes", True),
    ("each as maybe", "each: true", "each: maybe", False),
    ("one topic without a list", "topics: [prisoners-of-war]", "topics: prisoners-of-war", True),
    ("unknown topic", "topics: [prisoners-of-war]", "topics: [prisoner-swaps]", False),
    ("unknown section", "claims:\n", "people:\n", False),
    ("participants as a mapping", "participants:\n      - {actor: hakan-fidan, role: host, for: turkiye}\n"
                                  "      - {actor: rustem-umerov, role: party, for: ukraine}",
     "participants: {actor: hakan-fidan, role: host}", False),
    ("name as a list", "name: Russia,", "name: [Russia, Russian Federation],", False),
    ("an id with a space", "id: trust", "id: trust in turkiye", False),
    ("empty optional field", "place: Ankara", "place:", True),
    ("empty required field", "name: Rustem Umerov", "name:", False),
    ("actor type in lower case", "type: Person\n    name: Rustem", "type: person\n    name: Rustem", True),
    ("unknown actor type", "type: Person\n    name: Rustem", "type: Human\n    name: Rustem", False),
    ("stance in capitals", "stance: evaluate", "stance: EVALUATE", True),
    ("unknown stance", "stance: evaluate", "stance: praise", False),
    ("unknown qualifier", "qualifier: over", "qualifier: more than", False),
    ("an id that is a number", "id: trust", "id: 2026", True),
]


@pytest.mark.parametrize("name, old, new, accepted", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_schema_and_loader_accept_and_refuse_alike(validator, tmp_path, name, old, new, accepted):
    assert old in MINIMAL, name
    text = MINIMAL.replace(old, new, 1) if old else MINIMAL
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    done = run_parley("validate", str(path))
    loader_accepts = done.returncode != 2  # 2: refused as input (1 would be a SHACL finding)
    schema_errors = [error.message for error in validator.iter_errors(_as_an_editor_reads(text))]
    assert loader_accepts is accepted, done.stderr
    assert (not schema_errors) is accepted, schema_errors


def test_docs_facts_md_is_what_parley_schema_generates():
    done = run_parley("schema", "--format", "markdown")
    assert done.returncode == 0
    assert (DOCS / "facts.md").read_text(encoding="utf-8") == done.stdout, \
        "docs/facts.md is stale: parley schema --format markdown > docs/facts.md"


def test_reference_lists_every_field_with_its_terms():
    from parley.loaders.schema import FIELDS

    text = run_parley("schema", "--format", "markdown").stdout
    for kind, fields in FIELDS.items():
        section = text.split(f"\n## {kind}\n", 1)[1].split("\n## ", 1)[0]
        for name in fields:
            assert f"| `{name}` |" in section, (kind, name)
    event = text.split("\n## participant\n", 1)[1].split("\n## ", 1)[0]
    role_row = next(line for line in event.splitlines() if line.startswith("| `role` |"))
    assert "term (role) | yes |" in role_row and "`mediator`" in role_row and "`head-of-delegation`" in role_row
    assert "```yaml\n- id: istanbul-2025-06-02" in text  # examples come from the bundled data set


def test_the_readme_example_validates_on_its_own_and_against_the_schema(validator, tmp_path):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Curated facts\n", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```\n", 1)[0]
    assert example.startswith("# yaml-language-server: $schema=facts.schema.json\n")
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    done = run_parley("validate", str(path))
    assert done.returncode == 0, done.stderr
    assert "conforms" in done.stdout
    assert [error.message for error in validator.iter_errors(_as_an_editor_reads(example))] == []
