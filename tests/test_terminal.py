"""What a terminal or a notebook user sees: tables that fit the terminal with numbers and
ids whole, saying which columns were left out, and short reprs of the API's objects."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import parley


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("terminal")
    result = parley.build(out=folder / "out")
    return folder, result


def _table(folder, width: int, *args: str) -> str:
    env = {**os.environ, "COLUMNS": str(width)}
    done = subprocess.run([sys.executable, "-m", "parley", *args, "--format", "table"], capture_output=True,
                          text=True, cwd=folder, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_narrow_terminal_gets_whole_ids_and_is_told_which_columns_were_left_out(built):
    folder, _ = built
    text = _table(folder, 80, "query", "mediators", "--param", "process=russia-ukraine-peace-talks")
    assert all(len(line) <= 80 for line in text.splitlines())
    cells = re.findall(r"│ ([^│]+?) +(?=│)", text)
    assert "russia-ukraine-peace-talks" in cells and "united-nations" in cells  # ids not folded or cut
    assert "left out to fit the terminal's 80 columns: on_behalf_of, where, where_name, date" in text
    assert "…" not in text


def test_a_wide_terminal_gets_every_column_and_numbers_whole(built):
    folder, _ = built
    text = _table(folder, 200, "centrality")
    assert "left out" not in text
    header = next(line for line in text.splitlines() if "betweenness" in line)
    assert all(name in header for name in ("degree", "weighted-degree", "closeness", "pagerank", "constraint"))
    assert "0.666667" in text and "1.006944" in text


def test_the_objects_a_notebook_shows_have_short_reprs(built):
    _, result = built
    assert repr(result).startswith("<BuildResult 52 records, 1037 triples, conforms, outputs=[")
    assert len(repr(result)) < 300
    assert repr(result.validation) == "<Validation conforms, 0 problem(s)>"
    rows = parley.query("venues", store=result.store)
    assert repr(rows).startswith("<Rows 3 of place, host, host_name, events, first, last: [{'place': 'Istanbul'")
    many = parley.query("who-says-so", {"subject": "event/ankara-2026-01-01"}, store=result.store)
    assert len(many) > 20 and f"... {len(many) - 3} more]>" in repr(many) and len(repr(many)) < 1500
