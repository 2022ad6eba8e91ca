"""The README shows real output: every ``$ parley ...`` transcript in it, run in README
order in one folder, prints what the README shows, and the Python API example runs."""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

from helpers import run_parley
from parley.loaders import bundled_data

README = Path(__file__).parent.parent / "README.md"
TESTS = Path(__file__).parent


@dataclass
class Step:
    line: int  # README line of the command
    command: str
    expected: list[str]


def _blocks(text: str) -> list[tuple[int, str, list[str]]]:
    """Fenced blocks: (README line of the first line inside, language, lines)."""
    blocks, lines = [], text.splitlines()
    index = 0
    while index < len(lines):
        fence = re.match(r"^```(\w*)$", lines[index])
        if fence:
            end = lines.index("```", index + 1)
            blocks.append((index + 2, fence.group(1), lines[index + 1:end]))
            index = end
        index += 1
    return blocks


def transcripts(text: str) -> tuple[list[Step], list[str]]:
    """The README's command steps, in order, and the commands left out, each with why.

    The quick start's ``make build`` output counts as ``parley build``. A step whose
    output shows ``...`` stands for data the reader brings; a block that starts a server
    is covered by tests/test_remote.py.
    """
    steps, skipped = [], []
    readme = text.splitlines()
    for line, language, lines in _blocks(text):
        if language:
            continue
        before = next((entry for entry in reversed(readme[:line - 2]) if entry.strip()), "")
        if before == "`make build` prints:":
            steps.append(Step(line, "parley build", lines))
            continue
        if not lines or not lines[0].startswith("$ "):
            continue
        if any(entry.endswith(" &") for entry in lines if entry.startswith("$ ")):
            skipped.extend(f"{entry[2:]} (needs a server)" for entry in lines if entry.startswith("$ "))
            continue
        for offset, entry in enumerate(lines):
            if entry.startswith("$ "):
                steps.append(Step(line + offset, entry[2:], []))
            else:
                steps[-1].expected.append(entry)
    kept = []
    for step in steps:
        if any("..." in entry for entry in step.expected):
            skipped.append(f"{step.command} (stands for the reader's own data)")
        else:
            kept.append(step)
    return kept, skipped


def test_readme_has_transcripts_of_every_command():
    steps, skipped = transcripts(README.read_text(encoding="utf-8"))
    shown = {shlex.split(step.command)[1] for step in steps if step.command.startswith("parley ")}
    assert {"build", "validate", "import", "queries", "query", "centrality", "export", "plot"} <= shown
    assert "parley serve &" in [entry.split(" (")[0] for entry in skipped]
    # the blocks that start a server (push to Oxigraph, parley serve) are run by
    # tests/test_remote.py, tests/test_web.py and tests/test_endpoint_network.py
    assert len(skipped) <= 8, skipped


def test_readme_transcripts_print_what_they_show(tmp_path):
    (tmp_path / "tests").symlink_to(TESTS)  # the README names files under tests/data
    (tmp_path / "data").symlink_to(bundled_data())  # and the bundled data set as data/, as in a clone
    steps, _ = transcripts(README.read_text(encoding="utf-8"))
    mismatches, last_code = [], 0
    for step in steps:
        words = shlex.split(step.command)
        if words == ["echo", "$?"]:
            got = [str(last_code)]
        else:
            assert words[0] == "parley", f"README line {step.line}: cannot run {step.command!r}"
            done = run_parley(*words[1:], cwd=tmp_path)
            last_code = done.returncode
            # problems go to stderr before the summary on stdout, as on a terminal
            got = done.stderr.splitlines() + done.stdout.splitlines()
        got = [entry.rstrip() for entry in got]  # a README keeps no trailing tabs or spaces
        if got != step.expected:
            mismatches.append(f"README line {step.line}: $ {step.command}\n  shows: {step.expected}\n  gives: {got}")
    assert not mismatches, "\n".join(mismatches)


def test_readme_query_file_example_runs(tmp_path):
    import csv
    import io

    code = next("\n".join(lines) for _, language, lines in _blocks(README.read_text(encoding="utf-8"))
                if language == "sparql" and lines[0].startswith("# title:"))
    (tmp_path / "roles.rq").write_text(code + "\n", encoding="utf-8")
    assert run_parley("build", "--out", str(tmp_path / "out")).returncode == 0
    args = ("query", "--file", str(tmp_path / "roles.rq"), "--input", str(tmp_path / "out" / "kg.trig"),
            "--param", "process=russia-ukraine-peace-talks", "--format", "csv")
    hosts = list(csv.DictReader(io.StringIO(run_parley(*args).stdout)))
    assert {(row["event"], row["actor"]) for row in hosts} >= {("ankara-2026-01-01", "hakan-fidan"),
                                                              ("istanbul-2025-06-02", "turkiye")}
    assert {row["role"] for row in hosts} == {"host"}  # the default the header gives
    assert [row["date"] for row in hosts] == sorted(row["date"] for row in hosts)
    parties = list(csv.DictReader(io.StringIO(run_parley(*args, "--param", "role=party").stdout)))
    assert {row["actor"] for row in parties} == {"russia", "ukraine"}


def test_readme_python_example_runs(tmp_path, monkeypatch):
    import parley

    code = next("\n".join(lines) for _, language, lines in _blocks(README.read_text(encoding="utf-8"))
                if language == "python")
    shutil.copytree(Path(parley.__file__).parent / "data", tmp_path / "facts",
                    ignore=shutil.ignore_patterns("*.py", "__pycache__", "LICENSE*"))
    (tmp_path / "tests").symlink_to(TESTS)  # the example imports a data set under tests/data
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), names)  # noqa: S102 - the README's own example
    assert names["result"].conforms
    assert len(names["records"]) == 52
    assert ("turkiye", "mediator") in {(row["actor"], row["role"]) for row in names["rows"]}
    assert {"place", "host", "events"} <= set(names["frame"].columns)
    assert list(names["table"].columns)[-1] == "brokerage"
    assert (tmp_path / "out" / "mediation.gexf").read_text(encoding="utf-8").count('mode="dynamic"') == 1
    assert (tmp_path / "out" / "network.png").stat().st_size > 0 and (tmp_path / "out" / "timeline.png").is_file()
    assert "agreements:" in (tmp_path / "pax.yaml").read_text(encoding="utf-8")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_readme_contents_link_every_section_and_command_in_order():
    text = README.read_text(encoding="utf-8")
    headings = [line.split(" ", 1)[1] for line in text.splitlines() if line.startswith(("## ", "### "))
                and not line.startswith("## Contents")]
    anchors = [_slug(h) for h in headings]
    contents = text.split("## Contents", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"\]\(#([^)]+)\)", contents)
    assert links and all(link in anchors for link in links), [link for link in links if link not in anchors]
    assert links == [a for a in anchors if a in links]  # in the README's order
    sections = [_slug(line[3:]) for line in text.splitlines() if line.startswith("## ") and line != "## Contents"]
    assert [a for a in links if a in sections] == sections
    commands = {_slug(line[4:]) for line in text.splitlines() if line.startswith("### `parley ")}
    assert commands <= set(links)
    order = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert order.index("Quick start") < order.index("A five-minute tour") < order.index("Curated facts") \
        < order.index("Commands") < order.index("Importing data sets")
