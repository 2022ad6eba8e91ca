"""Importers of PA-X, UCDP and ICEWS files (fixtures written in their formats), alone
and next to curated facts, and robust to the shapes real files come in."""

from __future__ import annotations

import shutil

import pytest

from helpers import DATA, run_parley
from parley.loaders import Import, bundled_data, load, read_dataset
from parley.model.errors import InputError
from parley.model.namespaces import slug
from parley.pipeline import build, validate
from parley.sparql.run import query

SETS = DATA / "datasets"
PAX, UCDP, ICEWS = SETS / "pax-sample.csv", SETS / "ucdp-sample.csv", SETS / "icews-sample.tab"
PAX_LISTS = SETS / "pax-lists.csv"  # signatory lists in the shapes PA-X writes them


def by_id(records):
    return {(r.kind, r.id): r for r in records}


def participants(record):
    return {(p.fields["actor"], p.fields["role"], p.fields.get("for", ""), p.fields.get("basis", ""))
            for p in record.fields.get("participants", [])}


def test_pax_agreement_with_parties_third_parties_and_citation():
    result = read_dataset(Import("pax", PAX))
    records = by_id(result.records.values())
    grain = records[("agreement", "pax-9001")]
    assert participants(grain) == {("ukraine", "party", "", "formal"), ("russia", "party", "", "formal"),
                                   ("turkiye", "party", "", "formal"), ("united-nations", "witness", "", "practical"),
                                   ("turkiye", "facilitator", "", "practical")}
    assert (grain.fields["status"], str(grain.fields["date"]), grain.fields["pax"]) == ("signed", "2022-07-22", "9001")
    assert grain.fields["process"] == "pax-process-901" and grain.fields["conflict"] == ["pax-conflict-russia-ukraine"]
    assert grain.fields["topics"] == ["ceasefire", "economic-cooperation"]
    assert grain.loc.line == 2
    source = records[("source", "pax-9001")]
    assert (source.fields["dataset"], source.fields["row"]) == ("PA-X Peace Agreements Database v10", "9001")
    assert records[("actor", "turkiye")].fields["iso"] == "TUR"


def test_pax_persons_for_organizations_wording_roles_and_links():
    records = by_id(read_dataset(Import("pax", PAX, release="v9")).records.values())
    assert participants(records[("agreement", "pax-9002")]) == {
        ("el-salvador", "party", "", "formal"), ("oscar-santamaria", "party-signatory", "el-salvador", "formal"),
        ("mauricio-vargas", "party-signatory", "el-salvador", "formal"), ("fmln", "party", "", "formal"),
        ("schafik-handal", "party-signatory", "fmln", "formal"),
        ("united-nations", "third-party", "", "practical"), ("alvaro-de-soto", "third-party", "united-nations", "practical")}
    assert records[("actor", "fmln")].fields["type"] == "ArmedGroup"  # through loaders/organizations.csv
    assert "original_name" not in records[("actor", "fmln")].fields
    assert records[("actor", "alvaro-de-soto")].fields["type"] == "Person"
    assert participants(records[("agreement", "pax-9003")]) == {
        ("sudan", "party", "", "formal"), ("south-sudan", "party", "", "formal"),
        ("african-union", "mediator", "", "practical"), ("ethiopia", "guarantor", "", "practical"),
        ("kenya", "guarantor", "", "practical")}
    memo = records[("agreement", "pax-9004")]
    assert memo.fields["related"] == ["pax-9001"] and memo.fields["status"] == "proposed"
    assert records[("source", "pax-9001")].fields["dataset"] == "PA-X Peace Agreements Database v9"


def test_pax_headed_lists_give_each_person_the_party_they_sign_for():
    records = by_id(read_dataset(Import("pax", PAX_LISTS)).records.values())
    assert participants(records[("agreement", "pax-9101")]) == {
        # "Por el Gobierno Nacional" is Colombia's government (Loc1ISO); the title line is not an actor
        ("colombia", "party", "", "formal"), ("ana-lucia-perez", "party-signatory", "colombia", "formal"),
        ("unresolved-comandos-del-norte", "party", "", "formal"),
        ("mario-ruiz", "party-signatory", "unresolved-comandos-del-norte", "formal"),
        # "2. Co-signatories:" ends the heading before it
        ("luis-ortega-vidal", "party", "", "formal"),
        # "For the Government of Norway:" with the names on the lines after it, one with a title
        ("norway", "third-party", "", "practical"), ("ingrid-solberg", "third-party", "norway", "practical"),
        ("torvald-haug", "third-party", "norway", "practical"),
        # a church's seat is not whom its priest acts for
        ("tomas-rivas-leal", "third-party", "", "practical")}
    assert records[("actor", "ana-lucia-perez")].fields["type"] == "Person"
    assert all(not r.id.startswith("unresolved-consejer") for r in records.values())


def test_pax_government_abbreviations_honorifics_and_titles_on_the_next_line():
    records = by_id(read_dataset(Import("pax", PAX_LISTS)).records.values())
    assert participants(records[("agreement", "pax-9102")]) == {
        ("nepal", "party", "", "formal"), ("hari-prasad-adhikari", "party-signatory", "nepal", "formal"),  # "GoN Talks Team"
        ("unresolved-terai-liberation-front", "party", "", "formal"),  # a "[Name]:" heading
        ("ram-bahadur-thapa", "party-signatory", "unresolved-terai-liberation-front", "formal"),  # "Lt Gen" dropped
        ("sita-karki", "party-signatory", "unresolved-terai-liberation-front", "formal"),
        ("jonas-berg", "witness", "sweden", "practical"),  # "Ambassador of the Kingdom of Sweden" on the next line
        ("sweden", "witness", "", "practical"),  # and the state he acts for, in his role
        ("united-nations", "observer", "", "practical")}  # "United Nations (as observer)"
    assert records[("actor", "ram-bahadur-thapa")].fields["name"] == "Ram Bahadur Thapa"


def test_government_of_an_agreement_between_two_states_is_left_unresolved():
    records = by_id(read_dataset(Import("pax", PAX_LISTS)).records.values())
    found = participants(records[("agreement", "pax-9103")])
    assert ("unresolved-government", "party", "", "formal") in found
    assert {("kim-song-il", "party-signatory", "north-korea", "formal"),
            ("park-jae-won", "party-signatory", "south-korea", "formal")} <= found  # "Republic of Korea" is not the North


def test_ucdp_the_government_is_the_state_of_a_one_state_conflict_and_governments_a_list(tmp_path):
    rows = UCDP.read_text(encoding="utf-8").splitlines(keepends=True)[:1]
    rows.append('8101,345,Sudan: Government,"625, 900","Government of Sudan, SPLM",Protocol,2004-05-26,'
                '"Government: Adam Musa Kheir; SPLM: Deng Alor Kuol","the Governments of Kenya, Ethiopia and Uganda.",'
                ',2,1,22.1,1,0,0,0,0,,\n')
    path = tmp_path / "ucdp.csv"
    path.write_text("".join(rows), encoding="utf-8")
    records = by_id(read_dataset(Import("ucdp", path)).records.values())
    found = participants(records[("agreement", "ucdp-8101")])
    assert ("adam-musa-kheir", "party-signatory", "sudan", "") in found
    assert {(state, "third-party", "", "") for state in ("kenya", "ethiopia", "uganda")} <= found


def test_unresolved_names_are_counted_and_reported():
    result = read_dataset(Import("pax", PAX))
    assert result.unresolved == 1  # "Secretariat of the Joint Coordination Centre"
    assert result.summary.endswith("; 1 actor name unresolved")
    secretariat = by_id(result.records.values())[("actor", "unresolved-secretariat-of-the-joint-coordination-centre")]
    assert secretariat.fields["original_name"] == "Secretariat of the Joint Coordination Centre"
    lists = read_dataset(Import("pax", PAX_LISTS))
    assert lists.unresolved == 3 and lists.summary.endswith("; 3 actor names unresolved")


def test_states_that_no_longer_exist_are_resolved_by_name_not_by_code():
    from parley.loaders.actors import ActorResolver

    resolver = ActorResolver()
    for name in ("Federal Republic of Yugoslavia", "Government of the Federal Republic of Yugoslavia", "FRY"):
        assert resolver.lookup(name) == ("yugoslavia", "State", "Yugoslavia", "YUG"), name
    assert resolver.lookup("USSR") == resolver.lookup("Union of Soviet Socialist Republics") == (
        "soviet-union", "State", "Soviet Union", "SUN")
    assert resolver.lookup("Serbia and Montenegro")[0] == "serbia-and-montenegro"
    assert resolver.lookup("Serbia")[0] == "serbia"
    assert resolver.lookup("Zaire")[0] == "democratic-republic-of-the-congo"
    assert resolver.lookup("SUN") is None and resolver.lookup("YUG") is None  # words in capitals, not codes


def test_one_unresolved_group_with_and_without_article_and_acronym_is_one_actor():
    from parley.loaders.actors import ActorResolver
    from parley.model.records import Loc

    resolver = ActorResolver()
    ids = {resolver.resolve(name, loc=Loc("pax.csv", 2), source="pax-1").id
           for name in ("the National Liberation Army (ELN)", "National Liberation Army")}
    assert ids == {"unresolved-national-liberation-army"}
    assert resolver.records["unresolved-national-liberation-army"].fields["original_name"] == (
        "the National Liberation Army (ELN)")
    assert resolver.resolve("Group of Friends (of the process)", loc=Loc("pax.csv", 3), source="pax-2").id == (
        "unresolved-group-of-friends-of-the-process")  # words in brackets, not an acronym, are kept


def test_armed_groups_are_known_by_name_and_acronym_and_dissidents_kept_apart():
    from parley.loaders.actors import ActorResolver
    from parley.loaders.parties import parse_parties
    from parley.model.records import Loc

    text = ("Government of Colombia,\nthe National Liberation Army (ELN)\n[Central General Staff of the FARC-EP]:\n"
            "Ana Maria Rojas")
    entries = parse_parties(text, third_party=False, resolver=ActorResolver(), loc=Loc("pax.csv", 2), source="pax-1")
    assert {(e.actor, e.role, e.acting_for) for e in entries} == {
        ("colombia", "party", ""), ("eln-colombia", "party", ""), ("emc-farc-ep", "party", ""),
        ("ana-maria-rojas", "party-signatory", "emc-farc-ep")}
    assert ActorResolver().lookup("FARC-EP")[:2] == ("farc-ep", "ArmedGroup")


def test_a_title_just_before_a_name_is_not_part_of_the_name():
    from parley.loaders.actors import ActorResolver
    from parley.loaders.parties import parse_parties
    from parley.model.records import Loc

    text = "For the Government of South Africa:\nDeputy President Tebogo Molefe\nMinister of Defence"
    entries = parse_parties(text, third_party=False, resolver=ActorResolver(), loc=Loc("pax.csv", 2), source="pax-1")
    assert {(e.actor, e.role, e.acting_for) for e in entries} == {
        ("south-africa", "party", ""), ("tebogo-molefe", "party-signatory", "south-africa")}
    text = "Prime Minister Ana Lopes (Portugal); Foreign Minister Jon Berg"
    entries = parse_parties(text, third_party=True, resolver=ActorResolver(), loc=Loc("pax.csv", 3), source="pax-1")
    # the state a person acts for is in the list too
    assert {(e.actor, e.acting_for) for e in entries} == {("ana-lopes", "portugal"), ("jon-berg", ""), ("portugal", "")}
    resolver = ActorResolver()
    text = "Nigerian President Amaka Obi and \nChadian President Idriss Mahamat"  # UCDP pa_sign
    entries = parse_parties(text, third_party=False, resolver=resolver, loc=Loc("ucdp.csv", 4), source="ucdp-1")
    assert [(e.actor, e.acting_for) for e in entries] == [("amaka-obi", "nigeria"), ("idriss-mahamat", "chad"),
                                                         ("nigeria", ""), ("chad", "")]
    assert resolver.unresolved == set()


def test_a_title_just_after_a_name_is_read_apart_and_the_state_it_names_acted_for():
    from parley.loaders.actors import ActorResolver
    from parley.loaders.parties import parse_parties
    from parley.model.records import Loc

    resolver = ActorResolver()
    text = ("Colonel Aline Mugisha Chairman of the Kivu Patriotic Front\n\n"
            "H. E.Tomas  Ruiz President of the Republic of Kenya")
    entries = parse_parties(text, third_party=False, resolver=resolver, loc=Loc("ucdp.csv", 2), source="ucdp-1")
    assert [(e.actor, e.role, e.acting_for) for e in entries] == [
        ("aline-mugisha", "party", ""), ("tomas-ruiz", "party-signatory", "kenya"), ("kenya", "party", "")]
    assert resolver.unresolved == set()  # before: one unresolved actor per line, title and all


def test_names_written_surname_first_are_people_and_states_in_a_list_are_states():
    from parley.loaders.actors import ActorResolver
    from parley.loaders.parties import parse_parties
    from parley.model.records import Loc

    resolver = ActorResolver()
    text = "Ont signé:\nRakoto, Hery;\nNirina, Lova;\nEritrea, Ethiopia"
    entries = parse_parties(text, third_party=False, resolver=resolver, loc=Loc("pax.csv", 2), source="pax-1")
    assert [e.actor for e in entries] == ["hery-rakoto", "lova-nirina", "eritrea", "ethiopia"]
    assert resolver.unresolved == set()


def test_ucdp_parties_third_parties_conflicts_and_flags():
    records = by_id(read_dataset(Import("ucdp", UCDP)).records.values())
    security = records[("agreement", "ucdp-8002")]
    found = participants(security)
    assert {("south-sudan", "party", "", ""), ("sudan", "party", "", ""), ("african-union", "mediator", "", ""),
            ("idriss-abdel-gadir", "party-signatory", "sudan", ""), ("pagan-amum-okiech", "party-signatory", "south-sudan", "")} <= found
    assert ("african-union", "party", "", "") not in found
    assert security.fields["conflict"] == ["ucdp-conflict-11348", "ucdp-conflict-309"]
    assert security.fields["topics"] == ["ceasefire", "refugees"]
    assert security.fields["type"] == "partial peace agreement"
    assert records[("source", "ucdp-8002")].fields["dataset"] == "UCDP Peace Agreement Dataset v22.1"
    understanding = records[("agreement", "ucdp-8001")]
    assert participants(understanding) >= {("south-africa", "party", "", ""), ("ucdp-actor-513", "party", "", "")}
    assert records[("actor", "ucdp-actor-513")].fields["original_name"] == "ANC"


def test_icews_codes_become_events_with_roles():
    result = read_dataset(Import("icews", ICEWS))
    records = by_id(result.records.values())
    assert {r.id for r in records.values() if r.kind == "event"} == {"icews-7001", "icews-7002", "icews-7003", "icews-7005"}
    assert result.skipped == 2  # a repeated Event ID, and an event without a target
    assert result.summary.endswith("; 2 rows skipped (1 listed again, 1 without a source or target actor)")
    mediation = records[("event", "icews-7002")]
    assert (mediation.fields["type"], mediation.fields["place"]) == ("Meeting", "Istanbul")
    assert participants(mediation) == {("turkiye", "mediator", "", ""), ("russia", "party", "", "")}
    assert participants(records[("event", "icews-7001")]) == {("germany", "participant", "", ""),
                                                              ("pavlo-klimkin", "participant", "ukraine", "")}
    # CAMEO 036, an intent to meet: a meeting planned, not a declaration that happened
    assert (records[("event", "icews-7005")].fields["type"], records[("event", "icews-7005")].fields["status"]) == (
        "Meeting", "planned")
    row_sources = by_id(read_dataset(Import("icews", ICEWS, bulk=False)).records.values())  # as curated YAML
    assert row_sources[("source", "icews-7002")].fields["publisher"] == "Anadolu Agency"
    assert mediation.bulk and [r.id for r in records.values() if r.kind == "source"] == [
        "icews-file-" + slug(mediation.loc.file)]  # in a build: one source, the file


def test_icews_codes_option_selects_other_codes():
    records = by_id(read_dataset(Import("icews", ICEWS, codes=("19",))).records.values())
    assert {r.id for r in records.values() if r.kind == "event"} == {"icews-7004"}
    assert participants(records[("event", "icews-7004")]) == {("military-russia", "participant", "russia", ""),
                                                              ("citizen-ukraine", "participant", "ukraine", "")}


def test_icews_sectors_of_a_state_are_groups_that_need_no_review():
    result = read_dataset(Import("icews", ICEWS, codes=("19",)))
    citizens = by_id(result.records.values())[("actor", "citizen-ukraine")]
    assert (citizens.fields["type"], citizens.fields["name"]) == ("Group", "Citizen (Ukraine)")
    assert "original_name" not in citizens.fields and result.unresolved == 0
    assert "; 0 actor names unresolved" in result.summary
    from parley.loaders.actors import ActorResolver

    assert ActorResolver().lookup("Occupied Palestinian Territory")[0] == "palestine"


def test_imported_and_curated_facts_land_in_one_graph(tmp_path):
    result = build(imports=[Import("pax", PAX), Import("ucdp", UCDP), Import("icews", ICEWS)], out=tmp_path / "only")
    assert result.conforms, result.problems
    assert len(result.imported) == 3
    combined = build([DATA.parent.parent / "data"] if (DATA.parent.parent / "data").is_dir() else None,
                     imports=[Import("pax", PAX)], out=tmp_path / "both")
    assert combined.conforms, combined.problems
    ids = by_id(combined.records)
    assert ("agreement", "black-sea-grain-initiative") in ids and ("agreement", "pax-9001") in ids
    assert sum(1 for kind, i in ids if kind == "actor" and i == "turkiye") == 1  # the curated Türkiye is reused
    rows = query("agreements", {"status": "signed"}, store=combined.store)
    assert {(r["agreement"], r["actor"], r["role"]) for r in rows} >= {
        ("pax-9001", "united-nations", "witness"), ("pax-9001", "turkiye", "party")}
    ended = query("agreements", {"status": "terminated"}, store=combined.store)  # the curated one, since July 2023
    assert ("black-sea-grain-initiative", "turkiye", "mediator") in {(r["agreement"], r["actor"], r["role"]) for r in ended}


def test_build_with_imports_on_the_command_line(tmp_path):
    result = run_parley("build", "--pax", str(PAX), "--icews", str(ICEWS), "--codes", "04,036", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith("imported PA-X ") and "4 agreements" in result.stderr
    assert "4 events" in result.stderr.splitlines()[1]
    central = run_parley("centrality", "--graph", "mediation", "--measure", "degree", "--format", "csv", cwd=tmp_path)
    assert central.returncode == 0 and "turkiye" in central.stdout


def test_import_writes_yaml_that_builds_into_the_same_graph(tmp_path):
    result = run_parley("import", "pax", str(PAX), "--out", str(tmp_path / "pax.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {tmp_path / 'pax.yaml'}: PA-X ")
    from_yaml = validate([tmp_path / "pax.yaml"])
    direct = validate(imports=[Import("pax", PAX)])
    assert from_yaml.conforms and direct.conforms
    graphs = lambda v: {str(q) for q in v.quads if "graph/provenance" not in q.graph_name.value}  # noqa: E731
    assert graphs(from_yaml) == graphs(direct)


def test_import_with_curated_facts_reuses_them_so_both_build_together(tmp_path):
    curated = str(bundled_data())
    alone = run_parley("import", "pax", str(PAX), "--out", "alone.yaml", cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr
    clash = run_parley("validate", curated, "alone.yaml", cwd=tmp_path)
    assert clash.returncode == 2
    assert "alone.yaml:" in clash.stderr and "actor turkiye: duplicate id (first defined at data/" in clash.stderr

    made = run_parley("import", "pax", str(PAX), "--curated", curated, "--out", "pax.yaml", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "pax.yaml").read_text(encoding="utf-8")
    assert "id: pax-9001" in text and "\n  - id: turkiye\n" not in text and "actor: turkiye" in text
    both = validate([bundled_data(), tmp_path / "pax.yaml"])
    direct = validate(imports=[Import("pax", PAX)], paths=[bundled_data()])
    assert both.conforms and direct.conforms
    graphs = lambda v: {str(q) for q in v.quads if "graph/provenance" not in q.graph_name.value}  # noqa: E731
    assert graphs(both) == graphs(direct)

    then = run_parley("import", "ucdp", str(UCDP), "--curated", curated, "--curated", "pax.yaml", "--out", "ucdp.yaml",
                      cwd=tmp_path)
    assert then.returncode == 0, then.stderr
    assert validate([bundled_data(), tmp_path / "pax.yaml", tmp_path / "ucdp.yaml"]).conforms

    facts = tmp_path / "facts"  # imports kept beside the curated facts, and imported again
    shutil.copytree(bundled_data(), facts, ignore=shutil.ignore_patterns("*.py", "__pycache__", "LICENSE*"))
    for _ in range(2):
        again = run_parley("import", "pax", str(PAX), "--curated", "facts", "--out", "facts/pax.yaml", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        assert (facts / "pax.yaml").read_text(encoding="utf-8") == text  # the file it replaces is not curated

    broken = tmp_path / "broken.yaml"
    broken.write_text("actors:\n  - id: x\n", encoding="utf-8")
    refused = run_parley("import", "pax", str(PAX), "--curated", str(broken), "--out", "never.yaml", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stderr.startswith("broken.yaml:2: actor x: ")
    assert not (tmp_path / "never.yaml").exists()


@pytest.mark.parametrize("mangle", ["bom-crlf", "trailing-empty-columns", "latin-1"])
def test_real_file_shapes_are_read(tmp_path, mangle):
    text = PAX.read_text(encoding="utf-8")
    target = tmp_path / "pax.csv"
    encoding = "utf-8"
    if mangle == "bom-crlf":
        target.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    elif mangle == "trailing-empty-columns":
        target.write_text("\n".join(line + ",," for line in text.splitlines()) + "\n", encoding="utf-8")
    else:
        target.write_bytes(text.replace("Türkiye", "Turkey").encode("latin-1"))
        encoding = "latin-1"
    records = by_id(read_dataset(Import("pax", target), encoding=encoding).records.values())
    assert ("agreement", "pax-9001") in records and len([k for k in records if k[0] == "agreement"]) == 4
    assert records[("agreement", "pax-9002")].fields["participants"][1].fields["actor"] == "oscar-santamaria"


def test_other_encodings_need_the_encoding_option(tmp_path):
    target = tmp_path / "pax.csv"
    target.write_bytes(PAX.read_text(encoding="utf-8").encode("latin-1", errors="replace").replace(b"\xfc", b"\xfc"))
    result = run_parley("import", "pax", str(target), cwd=tmp_path)
    assert result.returncode == 2 and "is not valid utf-8" in result.stderr and "Traceback" not in result.stderr
    assert run_parley("import", "pax", str(target), "--encoding", "latin-1", cwd=tmp_path).returncode == 0


def test_missing_optional_columns_are_tolerated_and_required_ones_named(tmp_path):
    lines = PAX.read_text(encoding="utf-8").splitlines()
    minimal = tmp_path / "minimal.csv"
    minimal.write_text("AgtId,Agt,Dat,Part\n9100,Short agreement,2020-01-02,\"Israel, Lebanon\"\n", encoding="utf-8")
    records = by_id(read_dataset(Import("pax", minimal)).records.values())
    assert participants(records[("agreement", "pax-9100")]) == {("israel", "party", "", "formal"),
                                                                ("lebanon", "party", "", "formal")}
    broken = tmp_path / "broken.csv"
    broken.write_text(lines[0].replace("AgtId", "Id").replace("Dat,", "When,") + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_dataset(Import("pax", broken))
    assert str(err.value).endswith("missing required columns AgtId, Dat (found 21 columns; is this the right file?)")


def test_bad_rows_are_left_out_with_a_located_warning_and_the_rest_imports(tmp_path):
    bad = tmp_path / "bad.csv"
    shutil.copy(PAX, bad)
    with bad.open("a", encoding="utf-8") as f:
        f.write("X,1,P,9200,Bad date,2022-02-30,Multiparty signed/agreed,Inter,,,Israel,,,,,,,,,,,\n")
        f.write("X,1,P,abc,Bad id,2022-02-01,Multiparty signed/agreed,Inter,,,Israel,,,,,,,,,,,\n")
    out = tmp_path / "out.yaml"
    result = run_parley("import", "pax", str(bad), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: bad.csv:9: Dat: 2022-02-30 is not a valid date (use 2022, 2025-07 or 2026-01-01); row left out",
        "warning: bad.csv:10: AgtId 'abc' is not a number; row left out"]
    assert result.stdout.strip().endswith("; 2 warnings")
    assert "Bad date" not in out.read_text(encoding="utf-8") and "pax-9200" not in out.read_text(encoding="utf-8")
    assert len(load(imports=[Import("pax", bad)])) == len(load(imports=[Import("pax", PAX)]))
    strict = run_parley("import", "pax", str(bad), "--out", str(tmp_path / "strict.yaml"), "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and (tmp_path / "strict.yaml").is_file()