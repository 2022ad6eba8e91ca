"""``parley vocab``: the vocabularies a curator writes terms from, listed as the loader
knows them."""

from __future__ import annotations

import csv
import io
import json

from helpers import DATA, run_parley


def _rows(*args: str) -> list[dict[str, str]]:
    done = run_parley("vocab", *args, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_vocab_lists_every_scheme_with_its_term_count():
    schemes = {row["scheme"]: row for row in _rows()}
    assert {"role", "agreement-status", "issue", "stance", "modality", "actor-type", "source-type"} <= set(schemes)
    for name in ("role", "agreement-status", "actor-type"):
        assert int(schemes[name]["terms"]) == len(_rows(name)), name
    assert schemes["role"]["label"] == "Roles in negotiations"


def test_vocab_role_gives_labels_broader_terms_and_definitions():
    roles = {row["term"]: row for row in _rows("role")}
    assert roles["mediator"]["broader"] == "third-party"
    assert roles["mediator"]["definition"].startswith("A third party who actively helps the parties")
    assert roles["head-of-delegation"]["label"] == "head of delegation"
    assert roles["party"]["broader"] == ""


def test_vocab_lists_the_terms_the_loader_accepts(tmp_path):
    # The loader names the terms it accepts when it refuses one; vocab must list the same.
    text = (DATA / "facts" / "minimal.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("role: host,", "role: no-such-role,").replace("status: agreed", "status: no-such-status"),
                   encoding="utf-8")
    done = run_parley("validate", str(bad))
    assert done.returncode == 2  # an unknown term is a curator's error, found before SHACL
    accepted = {}
    for line in done.stderr.splitlines():
        for kind in ("role", "agreement status"):
            if f"unknown {kind} 'no-such-" in line:
                accepted[kind] = set(line.rsplit("use one of ", 1)[1].split(", "))
    assert accepted["role"] == {row["term"] for row in _rows("role")}
    assert accepted["agreement status"] == {row["term"] for row in _rows("agreement-status")}


def test_vocab_actor_types_are_ontology_classes_with_definitions():
    types = {row["term"]: row for row in _rows("actor-type")}
    assert types["ArmedGroup"]["broader"] == "Organization"
    assert "armed force" in types["ArmedGroup"]["definition"]
    assert {"State", "Person", "IntergovernmentalOrganization"} <= set(types)


def test_vocab_json_is_a_list_of_terms():
    done = run_parley("vocab", "basis", "--format", "json")
    assert done.returncode == 0
    assert {row["term"] for row in json.loads(done.stdout)} == {"formal", "practical"}


def test_vocab_unknown_scheme_is_one_line_naming_the_schemes():
    done = run_parley("vocab", "roles")
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("vocab: no scheme 'roles'; use one of actor-type, agreement-status,")
    assert "role," in line
