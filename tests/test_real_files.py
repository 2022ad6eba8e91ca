"""Traits of real data-set downloads, reproduced with invented names: a whole PA-X file
imports and builds to a conforming graph whatever odd rows it holds; rows that cannot
become valid records are left out with a located warning."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import run_parley
from parley.loaders import Import, read_dataset
from parley.loaders.actors import ActorResolver
from parley.loaders.parties import parse_parties
from parley.model.records import Loc

COLUMNS = ("AgtId", "Agt", "Dat", "Con", "Part", "ThrdPart", "Loc1ISO", "Loc2ISO")
SEVENTY = ", ".join(name for name in ("Austria Belgium Brazil Canada Chile Denmark Estonia Finland France Germany "
                                      "Greece Hungary Iceland Ireland Italy Japan Kenya Latvia Lithuania Luxembourg "
                                      "Malta Mexico Morocco Nepal Netherlands Norway Oman Pakistan Peru Poland "
                                      "Portugal Qatar Romania Rwanda Senegal Serbia Slovakia Slovenia Spain Sweden "
                                      "Switzerland Thailand Tunisia Uganda Ukraine Uruguay Zambia Zimbabwe Albania "
                                      "Algeria Angola Argentina Armenia Australia Bahrain Bangladesh Benin Bolivia "
                                      "Botswana Bulgaria Cameroon Chad China Colombia Croatia Cuba Cyprus Ecuador "
                                      "Egypt Ethiopia").split())
ROWS = [
    # a line separator and a line break inside cells, which only the csv module reads as data
    {"AgtId": "1", "Agt": "Accord\u2028of Lake Mira", "Dat": "2001-02-03", "Con": "Kenya",
     "Part": "For the Government of Kenya:\nAmani Wekesa\u2028For the Mira Liberation Front:\nJuma Odhiambo",
     "ThrdPart": "Witnessed by: Uganda; Uganda"},  # the same witness twice
    {"AgtId": "2", "Agt": "Protocol on Prisoners", "Dat": "2002-03-04", "Con": "Kenya",
     "Part": "Page 1\nName/ Signature/ Date/\n4- Kenya\n5- Uganda", "ThrdPart": ""},
    {"AgtId": "3", "Agt": "Declaration of Seventy", "Dat": "2003", "Con": "", "Part": SEVENTY, "ThrdPart": ""},
    {"AgtId": "x", "Agt": "A row without a number", "Dat": "2004", "Con": "", "Part": "Kenya, Uganda",
     "ThrdPart": ""},
    {"AgtId": "5", "Agt": "Statement by one side", "Dat": "2005", "Con": "", "Part": "Government of Kenya",
     "ThrdPart": ""},
    {"AgtId": "6", "Agt": "Accord dated the odd way", "Dat": "31/12/2006", "Con": "", "Part": "Kenya; Uganda",
     "ThrdPart": "Not signed, but the text thanks the African Union and Norway for their efforts"},
]


@pytest.fixture()
def pax(tmp_path: Path) -> Path:
    path = tmp_path / "pax.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in COLUMNS} for row in ROWS)
    return path


def participants(result, agt_id: str) -> set[tuple[str, str, str]]:
    agreement = result.records[("agreement", f"pax-{agt_id}")]
    return {(p.get("actor"), p.get("role"), p.get("for", "")) for p in agreement.get("participants")}


def test_a_whole_file_imports_with_its_odd_rows_left_out_and_said(pax):
    result = read_dataset(Import("pax", pax))
    assert result.problems == []
    # rows are counted as the file's lines: the line breaks inside the first two rows' cells
    # count, the line separator does not
    assert sorted(str(w) for w in result.warnings) == [
        f"{pax}:10: AgtId 'x' is not a number; row left out",
        f"{pax}:11: AgtId 5: 1 party read from Part (an agreement needs two); left out"]
    assert {key[1] for key in result.records if key[0] == "agreement"} == {"pax-1", "pax-2", "pax-3", "pax-6"}
    assert ("source", "pax-5") not in result.records  # what only the left-out row named goes with it
    assert result.records[("agreement", "pax-1")].get("name") == "Accord\u2028of Lake Mira".replace("\u2028", " ")


def test_headings_set_whom_the_names_under_them_act_for_and_the_principals_are_parties(pax):
    result = read_dataset(Import("pax", pax))
    assert participants(result, "1") == {
        ("kenya", "party", ""), ("amani-wekesa", "party-signatory", "kenya"),
        ("unresolved-mira-liberation-front", "party", ""),
        ("juma-odhiambo", "party-signatory", "unresolved-mira-liberation-front"),
        ("uganda", "witness", "")}  # named twice, listed once


def test_page_markers_signature_blocks_and_numbering_are_not_actors(pax):
    result = read_dataset(Import("pax", pax))
    assert participants(result, "2") == {("kenya", "party", ""), ("uganda", "party", "")}
    assert not [key for key in result.records if key[0] == "actor" and "page" in key[1] or "signature" in key[1]]


def test_every_item_of_a_long_list_is_read(pax):
    result = read_dataset(Import("pax", pax))
    found = participants(result, "3")
    assert len(found) == 70 and all(role == "party" for _, role, _ in found)


def test_an_editors_note_gives_the_actors_it_names_and_nothing_else(pax):
    result = read_dataset(Import("pax", pax))
    assert participants(result, "6") == {("kenya", "party", ""), ("uganda", "party", ""),
                                         ("african-union", "third-party", ""), ("norway", "third-party", "")}
    assert str(result.records[("agreement", "pax-6")].get("date")) == "2006-12-31"


@pytest.mark.parametrize("text, expected", [
    ("British and Irish Governments", {"united-kingdom", "ireland"}),
    ("British Government  Irish Government", {"united-kingdom", "ireland"}),  # lines run together
    ("UK government, Royal Norwegian Government", {"united-kingdom", "norway"}),
    ("For the AU-UN Mediation: Ayo Bello, Joint Chief Mediator", {"african-union", "united-nations", "ayo-bello"}),
    ("The Union and its member States: Belgium, Denmark, France", {"belgium", "denmark", "france",
                                                                     "unresolved-union-and-its-member-states"}),
    ("Government of Kenya (GoK)", {"kenya"}),
    ("Amani Wekesa, the Kenyan Foreign Minister", {"amani-wekesa", "kenya"}),
])
def test_names_of_governments_and_joint_bodies(text, expected):
    entries = parse_parties(text, third_party=False, resolver=ActorResolver(), loc=Loc("pax.csv", 2), source="pax-1")
    assert {entry.actor for entry in entries} == expected


@pytest.mark.parametrize("text, third_party, expected", [
    # offices and people in one list: each state once, each person for the office before
    ("The Taoiseach, Mr Ahern, and the British Prime Minister, Mr Blair", False,
     {("ireland", "party", ""), ("ahern", "party-signatory", "ireland"), ("united-kingdom", "party", ""),
      ("blair", "party-signatory", "united-kingdom")}),
    # a bracketed text after a note's colon is read; delegations named by adjective
    ("Joint statement, not signed, parties named: [The text was agreed by the British and Argentine Delegations "
     "at Madrid.]", False, {("argentina", "party", ""), ("united-kingdom", "party", "")}),
    # a name holding 'and' stays whole; 'AND' in capitals splits like 'and'
    ("the Republics of Bosnia and Herzegovina, Montenegro AND Serbia", False,
     {("bosnia-and-herzegovina", "party", ""), ("montenegro", "party", ""), ("serbia", "party", "")}),
    # "For X and Y, Name" holds for that entry only; the next person acts for whom their title names
    ("For the African Union and the United Nations, Dr. Ayo Bello, Joint Special Representative;  H.E. Amani "
     "Wekesa, Minister of Foreign Affairs of Burkina Faso", True,
     {("african-union", "third-party", ""), ("united-nations", "third-party", ""),
      ("ayo-bello", "third-party", "african-union"), ("amani-wekesa", "third-party", "burkina-faso"),
      ("burkina-faso", "third-party", "")}),
    # a state named after "in", "for" or "to" in a title is where the person works, not theirs
    ("Jan Pronk, Special Representative of the Secretary General in the Sudan on behalf of the United Nations", True,
     {("jan-pronk", "third-party", "united-nations"), ("united-nations", "third-party", "")}),
    # a third party's title naming two bodies gives both
    ("Musa Kousa, Secretary of Foreign Liaison of the Great Socialist People's Libyan Arab Jamahiriya and "
     "Chairperson of the African Union", True,
     {("musa-kousa", "third-party", "libya"), ("libya", "third-party", ""), ("african-union", "third-party", "")}),
    # a sentence about the parties is read as a note
    ("Kenya Government, Uganda Government are formally parties, however the accord covers the armed groups", False,
     {("kenya", "party", ""), ("uganda", "party", "")}),
    ("(secondary sources suggest the Taliban and the Afghan-Kabul side took part)", False,
     {("afghanistan", "party", ""), ("taliban", "party", "")}),
    # numbering after a label is dropped; a name no table knows stays unresolved, of unknown type
    ("Other Parties:  1. The Mira Front", True, {("unresolved-mira-front", "third-party", "")}),
    # a body on one line, its signatory on the next, again and again (lines run together by spaces)
    ("The Transitional Government of Kenya    General Amani Wekesa  First Vice President of the Council    "
     "The Mira Alliance  Juma Odhiambo    Lake Front  Ali Haddad", False,
     {("kenya", "party", ""), ("amani-wekesa", "party-signatory", "kenya"),
      ("unresolved-mira-alliance", "party", ""), ("juma-odhiambo", "party-signatory", "unresolved-mira-alliance"),
      ("unresolved-lake-front", "party", ""), ("ali-haddad", "party-signatory", "unresolved-lake-front")}),
    # a note's list after its colon gives every name it lists, known or not
    ("Not signed, agreement mentions the following parties: the Government of Kenya and the Mira Front.", False,
     {("kenya", "party", ""), ("unresolved-mira-front", "party", "")}),
    # a quoted clause of the preamble gives the bodies it names, not witnesses of the heading before
    ("Witnesses: Uganda  [not signed, but referred to in the text]  GRATEFUL FOR the contributions of the "
     "African Union, the Troika countries and IGAD", True,
     {("uganda", "witness", ""), ("african-union", "third-party", ""), ("troika-sudan", "third-party", ""),
      ("igad", "third-party", "")}),
])
def test_lists_with_offices_notes_and_titles(text, third_party, expected):
    resolver = ActorResolver()
    entries = parse_parties(text, third_party=third_party, resolver=resolver, loc=Loc("pax.csv", 2), source="pax-1")
    assert {(e.actor, e.role, e.acting_for) for e in entries} == expected
    assert all(r.get("type") != "Person" for r in resolver.records.values() if r.id.startswith("unresolved-"))


def test_build_of_the_file_conforms_and_strict_makes_warnings_fail(pax, tmp_path):
    built = run_parley("build", "--pax", str(pax), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "warning: " in built.stderr and built.stdout.splitlines()[0].endswith("conforms")
    assert "Traceback" not in built.stderr
    strict = run_parley("validate", "--pax", str(pax), "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    imported = run_parley("import", "pax", str(pax), "--out", str(tmp_path / "pax.yaml"), cwd=tmp_path)
    assert imported.returncode == 0 and imported.stderr.count("warning: ") == 2
    assert run_parley("validate", str(tmp_path / "pax.yaml"), cwd=tmp_path).returncode == 0


def test_agreements_tie_their_signatories_and_every_third_party_role_brokers(pax, tmp_path):
    import parley

    store = parley.validate(imports=[Import("pax", pax)]).store
    assert parley.project(store=store, ties="events").number_of_edges() == 0  # no events here
    signed = parley.project(store=store, ties="agreements")
    # by default ("auto") a graph without events is tied by its agreements
    assert set(parley.project(store=store).edges) == set(signed.edges)
    assert parley.project(store=store).graph["ties"] == "agreements"
    # agreements 1 (Uganda witnessed), 2, 3 (the long list) and 6 name both
    assert signed.has_edge("kenya", "uganda") and signed.edges["kenya", "uganda"]["weight"] == 4
    assert set(parley.project(store=store, ties="both").edges) == set(signed.edges)
    brokers = parley.project("mediation", store=store)
    assert {("uganda", "kenya"), ("norway", "kenya"), ("african-union", "uganda")} <= set(brokers.edges)
    witnesses = parley.project("mediation", store=store, third_parties=("witness",))
    assert set(witnesses.edges) == {("uganda", "kenya"), ("uganda", "unresolved-mira-liberation-front")}
    with pytest.raises(parley.InputError, match="'fame' is not a third-party role"):
        parley.project("mediation", store=store, third_parties=("fame",))


def test_ties_and_third_parties_on_the_command_line(pax, tmp_path):
    assert run_parley("build", "--pax", str(pax), "--out", str(tmp_path / "out"), cwd=tmp_path).returncode == 0
    ranked = run_parley("centrality", "--ties", "agreements", "--measure", "degree", "--format", "csv", cwd=tmp_path)
    assert ranked.returncode == 0 and ranked.stdout.splitlines()[1].split(",")[0] in ("kenya", "uganda")
    brokers = run_parley("centrality", "--graph", "mediation", "--third-parties", "witness", "--format", "csv",
                         cwd=tmp_path)
    assert brokers.returncode == 0 and [line.split(",")[0] for line in brokers.stdout.splitlines()[1:2]] == ["uganda"]
    wrong = run_parley("centrality", "--graph", "mediation", "--third-parties", "fame", cwd=tmp_path)
    assert wrong.returncode == 2 and wrong.stderr.startswith("--third-parties: 'fame' is not a third-party role")


def test_an_agreement_in_pax_and_ucdp_is_one_node_with_both_ids(tmp_path):
    import parley

    pax = tmp_path / "pax.csv"
    pax.write_text("AgtId,Agt,Dat,Con,Part,ThrdPart,UcdpAgr\n"
                   "11,Accord of Lake Mira,2001-02-03,Kenya,Kenya; Uganda,Witnessed by: Norway,77\n", encoding="utf-8")
    ucdp = tmp_path / "ucdp.csv"
    ucdp.write_text("paid,conflict_id,conflict_name,actor_id,actor_name,pa_name,pa_date,pa_sign,pa_3rd,c_3rd\n"
                    '77,5,Kenya: Government,"1, 2","Government of Kenya, Mira Liberation Front",Lake Mira Accord,'
                    "2001-02-03,,Norway,Mediation\n", encoding="utf-8")
    for first, second in ((pax, ucdp), (ucdp, pax)):
        imports = [Import("pax" if path == pax else "ucdp", path) for path in (first, second)]
        result = parley.validate(imports=imports)
        assert result.conforms, result.problems
        agreements = [r for r in result.records if r.kind == "agreement"]
        assert [(a.id, a.get("pax"), a.get("ucdp")) for a in agreements] == [("pax-11", "11", "77")]
        found = {(p.get("actor"), p.get("role")) for p in agreements[0].get("participants")}
        assert {("kenya", "party"), ("uganda", "party"), ("norway", "witness"), ("norway", "mediator"),
                ("ucdp-actor-2", "party")} <= found
        assert set(agreements[0].get("sources")) == {"pax-11", "ucdp-77"}


def test_ucdp_third_parties_get_the_role_their_own_sentence_gives(tmp_path):
    ucdp = tmp_path / "ucdp.csv"
    with ucdp.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["paid", "conflict_id", "conflict_name", "actor_id", "actor_name", "pa_name", "pa_date",
                         "pa_sign", "pa_3rd", "c_3rd"])
        writer.writerow(["901", "5", "Kenya: Government", "1, 2",
                         "Government of Kenya (British East Africa), Serbian Republic of Lake Mira", "Mira Accord",
                         "2001-02-03", "For the Government: Amani Wekesa\nWitnessed by: Juma Odhiambo, "
                         "Ambassador of the Republic of Uganda",
                         "AU, Ethiopia, Norway",
                         "The AU mediated the process. Ethiopia, though not a signatory, hosted the talks."])
    result = read_dataset(Import("ucdp", ucdp))
    agreement = result.records[("agreement", "ucdp-901")]
    found = {(p.get("actor"), p.get("role"), p.get("for", "")) for p in agreement.get("participants")}
    assert {("african-union", "mediator", ""), ("ethiopia", "host", ""), ("norway", "third-party", "")} <= found
    assert ("juma-odhiambo", "witness", "uganda") in found  # a witness, not a signatory
    assert ("amani-wekesa", "party-signatory", "kenya") in found
    # a former name in brackets is the same state; an entity named "X Republic of Y" is not the state Y
    parties = {p.get("actor") for p in agreement.get("participants") if p.get("role") == "party"}
    assert "kenya" in parties and "ucdp-actor-2" in parties
    assert result.records[("actor", "ucdp-actor-2")].get("name") == "Serbian Republic of Lake Mira"


def test_icews_names_are_people_bodies_or_places_by_their_sectors(tmp_path):
    header = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
              "Target Name\tTarget Sectors\tTarget Country\n")
    rows = ["1\t2018-06-01\tReuters\tNews,Media,Social\tUnited Kingdom\tConsult\t040\tKenya\tNA\tKenya",
            "2\t2018-06-02\tG7\tInternational Government Organization,Global\tNA\tConsult\t040\tKenya\tNA\tKenya",
            "3\t2018-06-03\tSicily\tNA\tItaly\tConsult\t040\tKenya\tNA\tKenya",
            "4\t2018-06-04\tAmani Wekesa\tGovernment,Executive\tKenya\tConsult\t040\tUganda\tNA\tUganda"]
    path = tmp_path / "icews.tab"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    result = read_dataset(Import("icews", path))
    types = {key[1]: record.get("type") for key, record in result.records.items() if key[0] == "actor"}
    assert types["unresolved-reuters"] == "Organization" and types["unresolved-g7"] == "Organization"  # to review
    assert types["amani-wekesa"] == "Person"
    assert "sicily" not in types and ("event", "icews-3") not in result.records  # a place is never an actor
    assert result.summary.endswith("1 row skipped (1 with a place for an actor)")


def test_a_ucdp_third_party_heading_two_bodies_takes_the_comments_role_for_both(tmp_path):
    ucdp = tmp_path / "ucdp.csv"
    with ucdp.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["paid", "pa_name", "pa_date", "actor_name", "pa_sign", "pa_3rd", "c_3rd"])
        writer.writerow(["9", "Lake Mira Accord", "2007-03-04", "Government of Kenya, Government of Uganda", "",
                         "Amani Wekesa, President of Tanzania and head of ECOWAS",
                         'Amani Wekesa acted as "the facilitator" of the agreement.'])
    result = read_dataset(Import("ucdp", ucdp))
    agreement = result.records[("agreement", "ucdp-9")]
    roles = {(p.get("actor"), p.get("role")) for p in agreement.get("participants")}
    assert {("tanzania", "facilitator"), ("ecowas", "facilitator"), ("kenya", "party"), ("uganda", "party")} <= roles
    assert ("ecowas", "party") not in roles
