"""The importer benchmarks at a small size: the evaluation of PA-X's free text against a
PAA-X coding counts what was read right, wrong and missed, and lists each disagreement;
the full-size import benchmark runs both commands on its generated files; the commands
benchmark times each command after a build, with the analysis tables and without; the
bulk benchmark builds ICEWS-shaped files and weighs their rows against the curated shape."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import parley

REPO = Path(__file__).resolve().parent.parent
COLUMNS = ("AgtId", "agt_name", "signatory_type", "practical_third", "actor_name", "actor_type", "actor_iso3c",
           "Dat", "Part", "ThrdPart")


def _coding(path: Path) -> Path:
    """Two invented agreements coded as PAA-X does, each row repeating the free text."""
    texts = {"1": ("For the Government of Kenya: Amani Wekesa; For the Mira Front: Juma Odhiambo",
                   "Witnessed by: Uganda; Norway"),
             "2": ("Kenya; Tanzania", "")}
    coded = [("1", "party", "Kenya", "Country/State", "KEN"), ("1", "party", "Mira Front", "Armed Organization", ""),
             ("1", "third party", "Uganda", "Country/State", "UGA"),
             ("1", "third party", "Ethiopia", "Country/State", "ETH"),  # not in the text: a miss
             ("2", "party", "Kenya", "Country/State", "KEN"), ("2", "party", "Tanzania", "Country/State", "TZA")]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        for agt, side, name, kind, iso in coded:
            writer.writerow({"AgtId": agt, "agt_name": f"Accord {agt}", "signatory_type": side, "actor_name": name,
                             "actor_type": kind, "actor_iso3c": iso, "Dat": "05/01/1999", "Part": texts[agt][0],
                             "ThrdPart": texts[agt][1]})
    return path


def test_the_evaluation_counts_right_wrong_and_missed_and_lists_each(tmp_path):
    out = tmp_path / "evaluation.md"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "eval_importers.py"), str(_coding(tmp_path / "c.csv")),
                          "--out", str(out)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = out.read_text(encoding="utf-8")
    # read: Kenya, the Mira Front (by its name), Uganda, Norway (not coded), Kenya and Tanzania: 5 of 6 right;
    # coded: 6, of which Ethiopia was not read
    assert "| precision | 0.83 (5 of 6 read as states, organizations or armed groups" in report
    assert "| recall | 0.83 (5 of 6 coded) |" in report
    assert "| 1 | Norway (`norway`) | third party | yes | no |" in report
    assert "| 1 | Ethiopia (`ethiopia`) | third party | no | yes |" in report
    assert report.count("| 1 |") == 2 and "| 2 |" not in report.split("## Disagreements")[1]
    assert run.stdout.startswith("# PA-X free text against PAA-X's hand coding")


def test_the_full_size_import_benchmark_runs_both_commands(tmp_path):
    out = tmp_path / "IMPORTS.md"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "pax_import.py"), "--rows", "60", "--out", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = out.read_text(encoding="utf-8")
    assert "60 agreements, 279 columns" in report
    rows = [line for line in report.splitlines() if line.startswith("| `parley")]
    assert len(rows) == 2 and all(line.endswith("| 0 |") for line in rows)  # both commands exit 0
    assert "csv module alone reading the rows (floor)" in report
    assert "PA-X pax-full.csv: 60 rows ->" in report


def test_the_pictures_script_draws_the_bundled_and_the_real_size_pictures(tmp_path):
    import matplotlib.image

    docs = tmp_path / "docs"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "pictures.py"), "--docs", str(docs), "--rows", "80"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    names = {"network.png", "timeline.png", "network-co-participation-pax-size.png",
             "network-mediation-pax-size.png", "timeline-pax-size.png"}
    assert {p.name for p in docs.iterdir()} == names
    for name in names:
        height, width = matplotlib.image.imread(docs / name).shape[:2]
        assert 1000 <= width <= 2600 and 300 <= height <= 2600, name
    assert f"wrote {docs / 'timeline-pax-size.png'}" in run.stdout


def test_the_commands_benchmark_times_each_command_with_and_without_the_tables(tmp_path):
    out = tmp_path / "COMMANDS.md"
    done = subprocess.run([sys.executable, str(REPO / "bench" / "commands.py"), "--sizes", "300",
                           "--work", str(tmp_path / "work"), "--out", str(out)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    for command in ("centrality", "export gexf", "plot network", "query co-participation"):
        assert f"| `parley {command}` | " in text
    assert (tmp_path / "work" / "300" / "out" / "tables.json").is_file()
    assert not (tmp_path / "work" / "300" / "alone" / "tables.json").exists()  # the baseline parses the graph
    assert (tmp_path / "work" / "300" / "scratch" / "network.gexf").is_file()
    assert "(not measured at 100,000 events; largest size 300)" in text
    # every library query, through the endpoint parley serve runs and on the graph file
    served = re.findall(r"^\| `([a-z-]+)` \| ([\d.]+) s / ([\d.]+) s \|$", text, re.M)
    assert [name for name, _, _ in served] == list(parley.query_library())
    assert all(float(a) > 0 and float(b) > 0 for _, a, b in served)
    assert re.search(r"^\| \*parley serve, until it serves\* \| [\d.]+ s \|$", text, re.M)


def test_the_bulk_benchmark_builds_each_size_and_weighs_both_shapes(tmp_path):
    out = tmp_path / "BULK.md"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "bulk.py"), "--rows", "200,500", "--work",
                          str(tmp_path / "work"), "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")

    rows = re.findall(r"^\| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \| ([\d.]+) \|.* \| conforms \|$", text, re.M)
    assert [r[0] for r in rows] == ["200", "500"]
    assert all(0 < int(r[1].replace(",", "")) <= int(r[0]) for r in rows)  # imported events, at most one per row
    bulk, curated = (float(x) for x in re.search(r"make [\d,]+ triples, ([\d.]+) per event, where the bulk rows "
                                                   r"make ([\d.]+)", text).groups()[::-1])
    assert bulk < curated
    assert re.search(r"^- triples per imported event: [\d.]+ \(target at most 15\): (met|MISSED)$", text, re.M)
