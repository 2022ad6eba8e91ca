"""Bad input gets a clear error and nothing is lost: one line per problem naming file
and line, no traceback, exit 2 (1 for data that does not conform), no output written."""

from __future__ import annotations

import pytest

from helpers import BUILD_OUTPUTS, DATA, run_parley

MINIMAL = str(DATA / "facts" / "minimal.yaml")
BAD = DATA / "bad"

# (case, files besides minimal.yaml, exit code, the exact lines on stderr)
CASES = [
    ("malformed-yaml", ["malformed.yaml"], 2,
     ["tests/data/bad/malformed.yaml:5: malformed YAML: did not find expected ',' or '}' while parsing a flow mapping"]),
    ("not-yaml-at-all", ["not-yaml.yaml"], 2,
     ["tests/data/bad/not-yaml.yaml:1: not a parley facts file: expected a mapping with keys such as sources, actors, events"]),
    ("empty-file", ["empty.yaml"], 2,
     ["tests/data/bad/empty.yaml:1: file is empty: expected lists of sources, actors, events, ..."]),
    ("non-utf8-bytes", ["latin1.yaml"], 2,
     ["tests/data/bad/latin1.yaml:2: byte 0xe9 is not valid utf-8 (save the file as UTF-8)"]),
    ("missing-required-field", ["missing-field.yaml"], 2,
     ["tests/data/bad/missing-field.yaml:2: event no-date: missing required field 'date'"]),
    ("list-where-a-string-belongs", ["wrong-type.yaml"], 2,
     ["tests/data/bad/wrong-type.yaml:4: actor kalin: name must be a single value, not a list"]),
    ("unknown-references", ["unknown-reference.yaml"], 2,
     ["tests/data/bad/unknown-reference.yaml:5: event istanbul: unknown process 'talk' (did you mean talks?)",
      "tests/data/bad/unknown-reference.yaml:7: event istanbul: participant 1: unknown actor 'turkey' (did you mean turkiye?)",
      "tests/data/bad/unknown-reference.yaml:9: event istanbul: unknown source 'src-2' (did you mean src-1?)"]),
    ("duplicate-ids-in-one-file-and-across-files", ["duplicate-a.yaml", "duplicate-b.yaml"], 2,
     ["tests/data/bad/duplicate-a.yaml:3: actor united-nations: duplicate id (first defined at tests/data/bad/duplicate-a.yaml:2)",
      "tests/data/bad/duplicate-b.yaml:2: actor turkiye: duplicate id (first defined at tests/data/facts/minimal.yaml:11)"]),
    ("invalid-date", ["invalid-date.yaml"], 2,
     ["tests/data/bad/invalid-date.yaml:4: event impossible: date: 2025-13-40 is not a valid date (use 2022, 2025-07 or 2026-01-01)"]),
    ("unknown-event-type-and-role", ["unknown-terms.yaml"], 2,
     ["tests/data/bad/unknown-terms.yaml:3: event typos: unknown event type 'Meting' (did you mean Meeting?); "
      "use one of Declaration, Meeting, PhoneCall, Signing, Summit, TalksRound, Visit",
      "tests/data/bad/unknown-terms.yaml:7: event typos: participant 1: unknown role 'mediater' (did you mean mediator?); "
      "use one of envoy, facilitator, guarantor, head-of-delegation, host, mediator, member, observer, participant, "
      "party, party-signatory, proposer, signatory, third-party, third-party-signatory, witness"]),
    ("csv-missing-column", ["csv-missing-column"], 2,
     ["tests/data/bad/csv-missing-column/actors.csv:1: missing column 'name'"]),
    ("several-problems-in-one-run", ["several.yaml"], 2,
     ["tests/data/bad/several.yaml:2: actor nameless: missing required field 'name'",
      "tests/data/bad/several.yaml:6: event many-problems: date: 2026-02-30 is not a valid date (use 2022, 2025-07 or 2026-01-01)",
      "tests/data/bad/several.yaml:9: event many-problems: participant 1: unknown actor 'russsia' (did you mean russia?)"]),
    ("end-before-start-does-not-conform", ["end-before-start.yaml"], 1,
     ["tests/data/bad/end-before-start.yaml:5: process backwards: ends (2024-12) before it starts (2025-07)"]),
    ("sparql-constraints-do-not-conform", ["sparql-constraints.yaml"], 1,
     ["tests/data/bad/sparql-constraints.yaml:3: process track-a: is a sub-track of itself (through track-b)",
      "tests/data/bad/sparql-constraints.yaml:4: process track-b: is a sub-track of itself (through track-a)",
      "tests/data/bad/sparql-constraints.yaml:6: event both-roles: turkiye is both a party and a mediator here "
      "(give the two roles different bases, formal and practical, if both are true)"]),
]


def previous_outputs(folder):
    folder.mkdir()
    for name in ("kg.trig", "kg.ttl", "validation.ttl"):
        (folder / name).write_text(f"previous good {name}\n", encoding="utf-8")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("case, files, code, lines", CASES, ids=[c[0] for c in CASES])
def test_validate_reports_each_problem_on_one_line(case, files, code, lines):
    result = run_parley("validate", MINIMAL, *(str(BAD / f) for f in files), cwd=DATA.parent.parent)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == lines


@pytest.mark.parametrize("case, files, code, lines", [c for c in CASES if c[2] == 2], ids=[c[0] for c in CASES if c[2] == 2])
def test_failed_build_leaves_previous_outputs_untouched(tmp_path, case, files, code, lines):
    out = tmp_path / "out"
    before = previous_outputs(out)
    result = run_parley("build", MINIMAL, *(str(BAD / f) for f in files), "--out", str(out), cwd=DATA.parent.parent)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == lines
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_nonconforming_build_still_writes_outputs_and_exits_1(tmp_path):
    out = tmp_path / "out"
    result = run_parley("build", MINIMAL, str(BAD / "end-before-start.yaml"), "--out", str(out),
                        "--report", str(tmp_path / "report.json"), cwd=DATA.parent.parent)
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == BUILD_OUTPUTS
    assert "sh:conforms false" in (out / "validation.ttl").read_text(encoding="utf-8")
    assert '"conforms": false' in (tmp_path / "report.json").read_text(encoding="utf-8")


def test_missing_path_and_unknown_option_are_usage_errors(tmp_path):
    missing = run_parley("validate", str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"{tmp_path / 'nowhere.yaml'}: no such file or folder"
    unknown = run_parley("build", "--colour")
    assert unknown.returncode == 2 and "No such option '--colour'" in unknown.stderr


def test_unwritable_output_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_parley("build", MINIMAL, "--out", str(blocker / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
