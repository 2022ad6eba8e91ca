"""PAA-X, PeaceRep's hand-coded actors of PA-X agreements: imported on its own, and as the
authority for the actors and roles of the PA-X agreements it codes, with its names and
ids feeding every importer. The fixtures use PAA-X's columns with invented agreements."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import parley
from helpers import run_parley
from parley.loaders import Import, read_dataset

PAAX_COLUMNS = ("signatory_id", "AgtId", "agt_name", "signatory_type", "practical_third", "condition", "actor_id",
                "id_paax", "actor_name", "actor_type", "actor_iso3c", "actor_gwno", "abbreviation", "ucdp_id",
                "ucdp_name", "acled_name", "Con", "Dat", "UcdpAgr", "PAX_Hyperlink")
PAX_COLUMNS = ("AgtId", "Agt", "Dat", "Status", "Con", "Part", "ThrdPart")


def _row(agt: str, side: str, name: str, kind: str, **extra: str) -> dict[str, str]:
    return {"AgtId": agt, "agt_name": f"Accord {agt} of Lake Mira", "signatory_type": side, "actor_name": name,
            "actor_type": kind, "Con": "Kenya/Mira", "Dat": "05/01/1999", **extra}


PAAX_ROWS = [
    _row("11", "party", "Kenya", "Country/State", actor_iso3c="KEN", actor_gwno="501.0", id_paax="CON_1",
         ucdp_id="69.0", ucdp_name="Government of Kenya", acled_name="Government of Kenya (2013-)"),
    _row("11", "party", "Mira Liberation Front", "Armed Organization", id_paax="CON_2", abbreviation="MLF",
         ucdp_id="901.0"),
    _row("11", "third party", "Uganda", "Country/State", actor_iso3c="UGA", id_paax="CON_3", practical_third="1.0",
         condition="C1"),
    _row("11", "third party", "United Nations (General)", "Intergovernmental Organization", id_paax="CON_4"),
    # a party that acts in practice as a third party, and a second PAA-X actor parley knows as the EU
    _row("12", "party", "Kenya", "Country/State", actor_iso3c="KEN", id_paax="CON_1"),
    _row("12", "party", "Tanzania", "Country/State", actor_iso3c="TZA", id_paax="CON_5", practical_third="1.0"),
    _row("12", "third party", "European Union", "Intergovernmental Organization", id_paax="CON_6"),
    _row("12", "third party", "European Commission", "Intergovernmental Organization", id_paax="CON_7"),
    _row("12", "party", "Mira Liberation Front", "Armed Organization", id_paax="CON_2", abbreviation="MLF"),
    # rows that cannot be read, and an agreement with one coded party
    _row("x", "party", "Kenya", "Country/State", actor_iso3c="KEN"),
    _row("13", "signatory", "Kenya", "Country/State", actor_iso3c="KEN"),
    _row("14", "party", "Kenya", "Country/State", actor_iso3c="KEN", id_paax="CON_1"),
]
PAX_ROWS = [
    # the text names Kenya's signatory, a witness, and an actor PAA-X does not code; not the armed group
    {"AgtId": "11", "Agt": "Accord of Lake Mira", "Dat": "1999-01-05", "Status": "Multiparty signed/agreed",
     "Con": "Kenya/Mira", "Part": "For the Government of Kenya: Amani Wekesa; Norway",
     "ThrdPart": "Witnessed by: Uganda; the United Nations"},
    # the free text names one party only: kept, as PAA-X codes it
    {"AgtId": "12", "Agt": "Protocol of Lake Mira", "Dat": "1999-02-01", "Status": "Multiparty signed/agreed",
     "Con": "Kenya/Mira", "Part": "Government of Kenya", "ThrdPart": ""},
]


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, columns)
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in columns} for row in rows)
    return path


@pytest.fixture()
def paax(tmp_path: Path) -> Path:
    return _write(tmp_path / "paax.csv", PAAX_COLUMNS, PAAX_ROWS)


@pytest.fixture()
def pax(tmp_path: Path) -> Path:
    return _write(tmp_path / "pax.csv", PAX_COLUMNS, PAX_ROWS)


def _participants(records, agreement: str) -> set[tuple[str, str, str, str]]:
    record = next(r for r in records if r.kind == "agreement" and r.id == agreement)
    return {(p.get("actor"), p.get("role"), p.get("for", ""), p.get("basis", "")) for p in record.get("participants")}


def test_paax_alone_gives_coded_parties_third_parties_and_actor_ids(paax):
    result = read_dataset(Import("paax", paax))
    records = list(result.records.values())
    assert _participants(records, "pax-11") == {
        ("kenya", "party", "", "formal"), ("mira-liberation-front", "party", "", "formal"),
        ("uganda", "third-party", "", "formal"), ("united-nations", "third-party", "", "formal")}
    # a formal party acting in practice as a third party: both, on their bases
    assert ("tanzania", "third-party", "", "practical") in _participants(records, "pax-12")
    assert ("tanzania", "party", "", "formal") in _participants(records, "pax-12")
    kenya = result.records[("actor", "kenya")]
    assert (kenya.get("type"), kenya.get("paax"), kenya.get("gwno"), kenya.get("ucdp"), kenya.get("acled")) == (
        "State", "CON_1", "501", "69", "Government of Kenya")
    group = result.records[("actor", "mira-liberation-front")]
    assert group.get("type") == "ArmedGroup" and "MLF" in group.get("aliases")
    assert group.get("original_name") == "Mira Liberation Front"  # parley's own tables do not know it
    uganda = next(r for r in records if r.id == "pax-11").get("participants")
    assert [p.get("notes") for p in uganda if p.get("actor") == "uganda"] == ["PAA-X condition C1"]
    # the European Commission is the EU in parley's tables: one actor, not a duplicate
    assert result.records[("actor", "european-union")].get("paax") == "CON_6"
    assert sorted(str(w) for w in result.warnings) == [
        f"{paax}:11: AgtId 'x' is not a number; row left out",
        f"{paax}:12: AgtId 13: signatory_type 'signatory' is not 'party' or 'third party'; row left out",
        f"{paax}:13: AgtId 14: 1 party coded (an agreement needs two); left out"]


def test_import_paax_writes_yaml_that_builds(paax, tmp_path):
    imported = run_parley("import", "paax", str(paax), "--out", str(tmp_path / "paax.yaml"), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr.count("warning: ") == 3 and "Traceback" not in imported.stderr
    assert imported.stdout.startswith("wrote ") and "2 agreements" in imported.stdout
    text = (tmp_path / "paax.yaml").read_text(encoding="utf-8")
    assert "paax: CON_2" in text and "basis: practical" in text
    assert run_parley("validate", str(tmp_path / "paax.yaml"), cwd=tmp_path).returncode == 0
    strict = run_parley("import", "paax", str(paax), "--out", str(tmp_path / "again.yaml"), "--strict", cwd=tmp_path)
    assert strict.returncode == 1


def test_paax_codes_the_actors_of_the_pax_agreements_and_the_text_adds_people_and_wording(pax, paax):
    records = parley.load(imports=[Import("pax", pax), Import("paax", paax)])
    assert _participants(records, "pax-11") == {
        ("kenya", "party", "", "formal"), ("mira-liberation-front", "party", "", "formal"),  # coded, not in the text
        ("uganda", "witness", "", "formal"),  # coded as a third party, a witness in the text's words
        ("united-nations", "witness", "", "formal"),
        ("amani-wekesa", "party-signatory", "kenya", "formal")}  # the person the text names, for a coded actor
    # Norway is in the text but not in PAA-X's coding: left out
    assert not any(r.kind == "agreement" and "norway" in {p.get("actor") for p in r.get("participants")}
                   for r in records)
    agreement = next(r for r in records if r.kind == "agreement" and r.id == "pax-11")
    assert agreement.get("sources") == ["pax-11", "paax-11"] and agreement.get("name") == "Accord of Lake Mira"
    # one party in its free text, two coded: the agreement is kept
    assert {a for a, role, _, _ in _participants(records, "pax-12") if role == "party"} == {
        "kenya", "tanzania", "mira-liberation-front"}
    assert len([r for r in records if r.kind == "agreement"]) == 2


def test_paax_names_feed_the_resolver_of_every_importer(paax, tmp_path):
    ucdp = tmp_path / "ucdp.csv"
    ucdp.write_text("paid,pa_name,pa_date,actor_name,pa_sign,pa_3rd\n"
                    "5,Lake Mira Ceasefire,2003-04-05,\"Government of Kenya, MLF\",,\n", encoding="utf-8")
    records = parley.load(imports=[Import("ucdp", ucdp), Import("paax", paax)])  # PAA-X is read first
    assert {a for a, role, _, _ in _participants(records, "ucdp-5") if role == "party"} == {
        "kenya", "mira-liberation-front"}
    assert not [r for r in records if r.kind == "actor" and r.id.startswith("unresolved-")]


def test_build_with_paax_conforms_and_the_mediation_graph_ranks_brokers(pax, paax, tmp_path):
    built = run_parley("build", "--pax", str(pax), "--paax", str(paax), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[0].endswith("conforms")
    assert "imported PAA-X" in built.stderr and "shared agreement" in built.stdout
    ranked = run_parley("centrality", "--graph", "mediation", "--format", "csv", cwd=tmp_path)
    assert ranked.returncode == 0, ranked.stderr
    header, *rows = [line.split(",") for line in ranked.stdout.splitlines()]
    assert header[4:6] == ["out-degree", "in-degree"]
    order = [row[0] for row in rows]
    # the brokers first, by the parties they served; Tanzania, a party acting as a third
    # party in agreement 12, serves Kenya and the armed group there and is not served itself
    assert set(order[:4]) == {"uganda", "united-nations", "european-union", "tanzania"}
    served = {row[0]: int(row[5]) for row in rows}
    assert served["tanzania"] == 0 and served["kenya"] == 4
