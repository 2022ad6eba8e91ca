"""Hostile input: fact files that would exhaust the machine are refused with a located
line, names that XML cannot hold still give well-formed GEXF and GraphML, and names
that a spreadsheet would run as formulas reach CSV as text."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import BUILD_OUTPUTS, DATA

ALIASES = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
           *(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9))]


def _parley(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # a time-out only so that a regression cannot hang the suite: nothing is timed here
    return subprocess.run([sys.executable, "-m", "parley", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("padding", [0, 200_000], ids=["small file", "file of 1 MB and more (fast parser)"])
def test_nested_aliases_are_refused_before_they_expand(tmp_path, padding):
    facts = tmp_path / "laughs.yaml"
    facts.write_text("# padding\n" * padding + "\n".join(ALIASES) + "\n", encoding="utf-8")
    result = _parley("validate", str(facts), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"laughs.yaml:{padding + 1}: anchors and aliases (&a0, *a0) are not allowed in facts files: write each value out"]


@pytest.fixture()
def hostile_names(tmp_path: Path) -> Path:
    """The curated CSV fixture with names a CSV cell can carry: a control character and
    U+FFFE in one, a spreadsheet formula in another."""
    folder = tmp_path / "csv"
    shutil.copytree(DATA / "csv", folder)
    actors = folder / "actors.csv"
    text = actors.read_text(encoding="utf-8")
    text = text.replace("turkiye,State,Türkiye,", "turkiye,State,Tür\x01kiye\ufffe,")
    text = text.replace("ukraine,State,Ukraine,", 'ukraine,State,"=HYPERLINK(""http://evil.example/"",""Ukraine"")",')
    actors.write_text(text, encoding="utf-8")
    assert _parley("build", str(folder), "--out", str(tmp_path / "out"), cwd=tmp_path).returncode == 0
    return tmp_path


@pytest.mark.parametrize("fmt, name", [("gexf", "graph.gexf"), ("graphml", "graph.graphml")])
def test_names_xml_cannot_hold_give_well_formed_files(hostile_names, fmt, name):
    result = _parley("export", fmt, "--out", name, cwd=hostile_names)
    assert result.returncode == 0, result.stderr
    root = ET.parse(hostile_names / name).getroot()  # raises on a file that is not well formed
    labels = {element.get("label") for element in root.iter() if element.get("label")} | {
        element.text for element in root.iter() if element.text}
    assert "Tür\ufffdkiye\ufffd" in labels


def test_formulas_in_names_reach_csv_as_text(hostile_names):
    exported = _parley("export", "csv", "--out", "tables", cwd=hostile_names)
    assert exported.returncode == 0, exported.stderr
    nodes = list(csv.DictReader((hostile_names / "tables" / "nodes.csv").open(encoding="utf-8")))
    assert {row["Label"] for row in nodes if row["Id"] == "ukraine"} == {'\'=HYPERLINK("http://evil.example/","Ukraine")'}
    rows = _parley("query", "who-says-so", "--param", "subject=actor/ukraine", "--format", "csv", cwd=hostile_names)
    assert rows.returncode == 0, rows.stderr
    cells = [cell for row in csv.reader(io.StringIO(rows.stdout)) for cell in row]
    assert '\'=HYPERLINK("http://evil.example/","Ukraine")' in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]


MINIMAL = DATA / "facts" / "minimal.yaml"


@pytest.mark.parametrize("value, message", [
    ("1e999", "quantity '1e999' is not a number (a finite one, in ASCII digits)"),
    ("nan", "quantity 'nan' is not a number (a finite one, in ASCII digits)"),
    ("'١٠٠٠'", "quantity '١٠٠٠' is not a number (a finite one, in ASCII digits)"),
])
def test_non_finite_and_non_ascii_numbers_are_refused(tmp_path, value, message):
    text = MINIMAL.read_text(encoding="utf-8").replace("quantity: 1000", f"quantity: {value}")
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    result = _parley("validate", str(facts), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.strip().endswith(message)


def test_dates_in_other_digits_are_refused_in_facts_and_parameters(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace("date: 2026-01-01", "date: '٢٠٢٦-٠١-٠١'", 1)
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    result = _parley("validate", str(facts), cwd=tmp_path)
    assert result.returncode == 2 and "is not a valid date" in result.stderr and "Traceback" not in result.stderr
    assert _parley("build", "--out", "out", cwd=tmp_path).returncode == 0
    asked = _parley("query", "posts-on-date", "--param", "date=٢٠٢٦-٠١-٠١", cwd=tmp_path)
    assert asked.returncode == 2 and "is not a valid date" in asked.stderr and "Traceback" not in asked.stderr


def test_places_named_in_other_scripts_stay_apart(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    events = "\n".join(f"""  - id: e{n}
    type: Meeting
    date: 2026-01-0{n + 1}
    place: '{place}'
    process: talks
    participants: [{{actor: turkiye, role: host}}, {{actor: ukraine, role: party}}]
    sources: [src-1]""" for n, place in enumerate(["東京", "北京", "!!!"]))
    facts = tmp_path / "facts.yaml"
    facts.write_text(text.replace("events:\n", "events:\n" + events + "\n", 1), encoding="utf-8")
    assert _parley("build", str(facts), "--out", "out", cwd=tmp_path).returncode == 0
    venues = _parley("query", "venues", "--format", "csv", cwd=tmp_path)
    assert venues.returncode == 0, venues.stderr
    places = {row["place"] for row in csv.DictReader(io.StringIO(venues.stdout))}
    assert {"東京", "北京", "!!!"} <= places


def test_escape_sequences_in_data_never_reach_the_terminal(hostile_names):
    folder = hostile_names / "csv"
    actors = folder / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace("Hakan Fidan", "Hakan\x1b]0;pwned\x07\x1b[2J Fidan"),
                      encoding="utf-8")
    assert _parley("build", str(folder), "--out", "out", cwd=hostile_names).returncode == 0
    shown = _parley("query", "co-participation", "--format", "table", cwd=hostile_names)
    assert shown.returncode == 0, shown.stderr
    assert "Hakan" in shown.stdout and "\x1b" not in shown.stdout and "\x07" not in shown.stdout


def _many_events(path: Path, count: int) -> Path:
    """A facts file of ``count`` meetings: a build that takes a while."""
    lines = ["sources:", "  - {id: s, title: T, publisher: P}", "actors:",
             *(f"  - {{id: a{n}, type: State, name: A{n}, sources: [s]}}" for n in range(50)),
             "processes:", "  - {id: t, name: Talks, sources: [s]}", "events:"]
    lines += [f"  - {{id: e{n}, type: Meeting, date: 2020-01-01, process: t, sources: [s], participants: "
              f"[{{actor: a{n % 50}, role: party}}, {{actor: a{(n + 1) % 50}, role: party}}]}}" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_killed_rebuild_leaves_the_previous_store_answering_as_before(tmp_path):
    import os
    import signal
    import time

    assert _parley("build", "--store", "store", "--out", "out", cwd=tmp_path).returncode == 0
    before = _parley("query", "who-says-so", "--param", "subject=event/ankara-2026-01-01", "--store", "store",
                     "--format", "csv", cwd=tmp_path)
    assert before.returncode == 0 and before.stdout.count("\n") > 20
    facts = _many_events(tmp_path / "many.yaml", 20_000)
    rebuild = subprocess.Popen([sys.executable, "-m", "parley", "build", str(facts), "--store", "store", "--out",
                                "out2"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    beside = tmp_path / f".store.parley-new-{rebuild.pid}"
    deadline = time.monotonic() + 120
    while not beside.exists() and rebuild.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # into the middle of loading the new store
    os.kill(rebuild.pid, signal.SIGKILL)
    assert rebuild.wait() == -signal.SIGKILL  # killed mid-build, not finished
    after = _parley("query", "who-says-so", "--param", "subject=event/ankara-2026-01-01", "--store", "store",
                    "--format", "csv", cwd=tmp_path)
    assert after.returncode == 0 and after.stdout == before.stdout
    assert beside.exists()  # the killed build's folder, beside the store...
    assert _parley("build", "--store", "store", "--out", "out", cwd=tmp_path).returncode == 0
    assert not beside.exists()  # ...which the next build removes
    assert not list(tmp_path.glob(".store.parley-*"))


def test_two_builds_into_one_store_at_once_both_finish_and_it_answers_whole(tmp_path):
    """Each build fills its own folder beside the store and swaps it in: neither meets the
    other's lock, and the store answers as after one build."""
    assert _parley("build", "--store", "alone", "--out", "out", cwd=tmp_path).returncode == 0
    expected = _parley("query", "co-participation", "--store", "alone", "--format", "csv", cwd=tmp_path).stdout
    builds = [subprocess.Popen([sys.executable, "-m", "parley", "build", "--store", "store", "--out", f"out{i}"],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
              for i in range(2)]
    errors = [build.communicate(timeout=120)[1] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], errors
    after = _parley("query", "co-participation", "--store", "store", "--format", "csv", cwd=tmp_path)
    assert after.returncode == 0 and after.stdout == expected and expected.count("\n") > 5
    assert not list(tmp_path.glob(".store.parley-*"))


def _csv_facts(tmp_path: Path, actors: str) -> Path:
    folder = tmp_path / "csv"
    shutil.copytree(DATA / "csv", folder)
    (folder / "actors.csv").write_text(actors, encoding="utf-8", newline="")
    return folder


ACTORS_HEADER = "id,type,name,aliases,wikidata,iso,sources\n"
ACTORS_ROWS = ("turkiye,State,Türkiye,Turkey,Q43,TUR,src-1\nukraine,State,Ukraine,,Q212,,src-1\n"
               "russia,State,Russia,,Q159,,src-1\nhakan-fidan,Person,Hakan Fidan,,,,src-1\n"
               "rustem-umerov,Person,Rustem Umerov,,,,src-1\nunited-nations,IntergovernmentalOrganization,"
               "United Nations,,,,src-1\n")


@pytest.mark.parametrize("breaker", ["\u0085", "\x0c", "\u2028"], ids=["NEL", "form feed", "line separator"])
def test_characters_that_are_no_csv_line_end_do_not_split_rows(tmp_path, breaker):
    # the name holds what str.splitlines takes for a line end, then text shaped like a row
    rows = ACTORS_ROWS.replace("Türkiye,", f"Türkiye{breaker}smuggled,State,Smuggled,,,,src-1,", 1)
    folder = _csv_facts(tmp_path, ACTORS_HEADER + rows)
    result = _parley("validate", str(folder), cwd=tmp_path)
    assert "smuggled" not in result.stdout
    lines = result.stderr.splitlines()
    # one record, one row (at its line): the text after the character is no record of its own
    assert result.returncode == 2 and lines[0] == "csv/actors.csv:2: row has 13 cells but the header has 7", lines
    assert not [line for line in lines if "smuggled" in line.lower() or line.startswith("csv/actors.csv:3")]


def test_a_column_given_twice_and_an_unclosed_quote_are_located(tmp_path):
    twice = _csv_facts(tmp_path / "a", "id,type,name,name,aliases,wikidata,iso,sources\n"
                       "turkiye,State,Türkiye,Turkey,,Q43,TUR,src-1\n")
    result = _parley("validate", str(twice), cwd=tmp_path / "a")
    assert result.returncode == 2 and result.stderr.splitlines()[0] == "csv/actors.csv:1: column 'name' is given twice"
    unclosed = _csv_facts(tmp_path / "b", ACTORS_HEADER + ACTORS_ROWS.replace("Türkiye,", '"Türkiye,', 1))
    result = _parley("validate", str(unclosed), cwd=tmp_path / "b")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        "csv/actors.csv:2: malformed CSV: a quoted cell that starts at line 2 is never closed")


def _build_until_staged(tmp_path: Path, facts: Path) -> subprocess.Popen:
    """A build of ``facts`` into ``out`` (its own process group, as a shell runs it),
    once it has started writing kg.trig."""
    import time

    build = subprocess.Popen([sys.executable, "-m", "parley", "build", str(facts), "--out", "out"], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list((tmp_path / "out").glob(f".parley-{build.pid}-kg.trig.*.tmp")) and build.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    assert build.poll() is None, "the build ended before it could be stopped"
    return build


@pytest.mark.parametrize("signal_name, code", [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_signalled_build_exits_cleanly_and_keeps_the_previous_outputs(tmp_path, signal_name, code):
    import os
    import signal

    assert _parley("build", "--out", "out", cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    build = _build_until_staged(tmp_path, _many_events(tmp_path / "many.yaml", 6_000))
    os.killpg(build.pid, getattr(signal, signal_name))  # the whole group, SHACL workers too, as a terminal does
    _, stderr = build.communicate(timeout=120)
    message = "interrupted" if signal_name == "SIGINT" else f"stopped by {signal_name}"
    assert (build.returncode, stderr.strip()) == (code, f"{message}: nothing was replaced")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before  # no debris either


def test_files_a_killed_build_leaves_are_removed_by_the_next(tmp_path):
    import os
    import signal

    assert _parley("build", "--out", "out", cwd=tmp_path).returncode == 0
    build = _build_until_staged(tmp_path, _many_events(tmp_path / "many.yaml", 6_000))
    os.killpg(build.pid, signal.SIGKILL)
    build.communicate(timeout=60)
    debris = list((tmp_path / "out").glob(".parley-*.tmp"))
    assert debris  # kill -9 leaves what it was writing...
    assert _parley("build", "--out", "out", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == BUILD_OUTPUTS


def test_comparisons_in_a_query_file_are_not_read_as_iris(tmp_path):
    assert _parley("build", "--out", "out", cwd=tmp_path).returncode == 0
    (tmp_path / "between.rq").write_text("""# title: Events between two dates
# param: since date required -- first day
# param: until date required -- last day
PREFIX pw: <https://w3id.org/parley/ontology#>
SELECT ?event ?d WHERE { ?event a pw:NegotiationEvent ; pw:date ?d .
  FILTER(STR(?d)<=STR(?until)&&STR(?d)>=STR(?since)) } ORDER BY ?d ?event
""", encoding="utf-8")
    result = _parley("query", "--file", "between.rq", "--param", "since=2025-06-01", "--param", "until=2025-12-31",
                     "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["event,d", "istanbul-2025-06-02,2025-06-02", "florida-2025-12-28,2025-12-28"]


def test_a_corrupt_store_is_a_located_error(tmp_path):
    assert _parley("build", "--store", "store", "--out", "out", cwd=tmp_path).returncode == 0
    (tmp_path / "store" / "CURRENT").write_bytes(b"garbage\n")
    result = _parley("query", "venues", "--store", "store", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (
        2, "store: the store cannot be read (Corruption: CURRENT file corrupted); build it again with "
           "'parley build --store DIR'")
    assert _parley("build", "--store", "store", "--out", "out", cwd=tmp_path).returncode == 0  # and it can be
    assert _parley("query", "venues", "--store", "store", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("padding", [0, 1100], ids=["small file", "file of 1 MB and more (fast parser)"])
def test_deep_nesting_is_a_located_error(tmp_path, padding):
    facts = tmp_path / "deep.yaml"
    facts.write_text("sources:\n  - " + "[" * 1100 + "]" * 1100 + "\n" + ("# " + "x" * 1000 + "\n") * padding,
                     encoding="utf-8")
    result = _parley("validate", str(facts), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["deep.yaml:2: malformed YAML: exceeded maximum nesting depth while "
                                          "increasing flow level"]
