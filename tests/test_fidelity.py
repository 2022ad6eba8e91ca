"""The graph says exactly what its sources say: posts known only over the dates sources
attest them, facts traceable to their exact support (or visibly the curator's), sources
relaying sources, claims with a stance, dated statuses, and roles that mean one thing."""

from __future__ import annotations

import re

import pytest

from helpers import run_parley
from parley import query
from parley.loaders import bundled_data
from parley.ontology import ontology_text
from parley.pipeline import build


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build(out=tmp_path_factory.mktemp("out")).store


def test_no_post_is_held_before_any_source_attests_it(store):
    assert query("posts-on-date", {"date": "2022"}, store=store) == []
    on_the_day = {(r["person"], r["post"]) for r in query("posts-on-date", {"date": "2026-01-01"}, store=store)}
    assert on_the_day == {("hakan-fidan", "Minister of Foreign Affairs"),
                          ("ibrahim-kalin", "Head of the National Intelligence Organization"),
                          ("rustem-umerov", "Secretary of the National Security and Defense Council")}
    # Trump is attested as President on 2025-12-28 only; Erdoğan and Putin in June 2025 only
    assert {r["person"] for r in query("posts-on-date", {"date": "2025-12"}, store=store)} == {
        "donald-trump", "volodymyr-zelensky", "hakan-fidan", "rustem-umerov"}


def test_facts_no_text_states_are_the_curators(store):
    found = query("who-says-so", {"subject": "event/istanbul-2025-06-02"}, store=store)
    place = [r for r in found if r["property"] == "pw:place"]
    assert [(r["value"], r["source"]) for r in place] == [("istanbul", "curator")]
    host = {r["source"] for r in found if r["node"].endswith("/turkiye/host")}
    assert host == {"curator"}
    parties = {r["source"] for r in found if r["node"].endswith("/russia/party")}
    assert parties == {"rki-2025-06-05"}  # "both parties shared ceasefire proposals": the article's
    grain = query("who-says-so", {"subject": "agreement/black-sea-grain-initiative"}, store=store)
    assert {r["source"] for r in grain if r["property"] == "pw:agreementStatus"} == {"curator"}
    assert {r["source"] for r in grain if r["node"].endswith("/united-nations/mediator")} == {
        "hdn-2026-01-02", "rki-2025-06-05"}  # "brokered by Türkiye and the United Nations"
    assert {r["source"] for r in grain if r["node"].endswith("/ukraine/party")} == {"curator"}


def test_statuses_are_a_dated_history(store):
    def status(date: str) -> set[tuple[str, str]]:
        return {(r["status"], r["since"]) for r in query("statuses-on-date", {"date": date, "agreement":
                                                                             "black-sea-grain-initiative"}, store=store)}
    assert status("2022-07-21") == set()
    assert status("2022-08") == {("signed", "2022-07-22")}
    assert status("2023-08") == {("terminated", "2023-07-17")}
    # the timeline places the agreements among the events, by full date with its precision
    rows = query("timeline", {"process": "russia-ukraine-peace-talks"}, store=store)
    assert ("black-sea-grain-initiative", "2022", "year") in {(r["event"], r["date"], r["precision"]) for r in rows}


def test_a_source_relays_another_and_single_origin_facts_are_found(store):
    rows = query("single-source", {"origin": "trt-2025-06-fidan-interview"}, store=store)
    subjects = {r["subject"] for r in rows}
    assert {"anti-daesh-coordination", "istanbul-2025-06-02", "prisoner-exchange-2025-06"} <= subjects
    assert {r["cited"] for r in rows} <= {"rki-2025-06-05", "aa-2025-06-fidan-trt", "trt-2025-06-fidan-interview"}
    # a record citing both articles rests on two origins, and is not listed
    assert "russia-ukraine-war" not in {r["subject"] for r in query("single-source", {}, store=store)}


def test_claims_have_a_stance_a_target_and_a_modality(store):
    accused = {(r["claimant"], r["about"]) for r in query("claims", {"stance": "accuse"}, store=store)}
    assert accused == {("russia", "ukraine"), ("ukraine-energy-ministry", "russia")}
    predictions = {(r["claim"], r["modality"]) for r in query("claims", {"stance": "predict"}, store=store)}
    assert predictions == {("new-round-expected-soon", "expected"), ("us-aid-expected-to-end", "expected"),
                           ("putin-zelensky-meeting-possible", "possible")}
    hedged = query("claims", {"claimant": "turkish-security-sources"}, store=store)
    assert {(r["modality"], r["hedge"]) for r in hedged} == {("reported", "according to Turkish security sources")}
    assert query("conflicting-claims", {}, store=store) == []  # no dispute that no one had


def test_roles_mean_one_thing_each(store):
    rows = query("timeline", {"process": "russia-ukraine-peace-talks"}, store=store)
    assert ("rustem-umerov", "head-of-delegation", "ukraine") in {(r["actor"], r["role"], r["on_behalf_of"])
                                                                   for r in rows}
    members = store.query("""PREFIX pw: <https://w3id.org/parley/ontology#>
        SELECT ?role WHERE { <https://w3id.org/parley/id/process/anti-daesh-coordination> pw:hasParticipation/pw:role ?role }""",
                          use_default_graph_as_union=True)
    assert {row["role"].value.rsplit("/", 1)[1] for row in members} == {"member"}


def test_every_wikidata_id_has_its_label_beside_it():
    data = (bundled_data() / "russia-ukraine.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"wikidata: (Q\d+)", data)
    assert ids and len(ids) == len(re.findall(r"wikidata: Q\d+, wikidata_label: [^,}]+", data))
    ontology = ontology_text()
    used = set(re.findall(r"skos:(?:exact|close)Match [^.;]*?wd:([QP]\d+)", ontology))
    labelled = set(re.findall(r"^wd:([QP]\d+) rdfs:label", ontology, re.M))
    assert used and used <= labelled
    assert "Q1464916" not in ontology and "Q17010072" not in ontology  # the wrong mappings are gone


@pytest.mark.parametrize("fact, message", [
    ("{id: c, claimant: a, text: T, sources: [s]}", "claim c: missing required field 'stance'"),
    ("{id: c, claimant: a, stance: acuse, text: T, sources: [s]}", "claim c: unknown stance 'acuse' (did you mean accuse?)"),
    ("{id: c, claimant: a, stance: assert, modality: sure, text: T, sources: [s]}", "claim c: unknown modality 'sure'"),
])
def test_claims_need_a_known_stance(tmp_path, fact, message):
    facts = tmp_path / "facts.yaml"
    facts.write_text("sources:\n  - {id: s, title: T, publisher: P}\nactors:\n  - {id: a, type: State, name: A, "
                     f"sources: [s]}}\nclaims:\n  - {fact}\n", encoding="utf-8")
    result = run_parley("validate", str(facts), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"facts.yaml:6: {message}")


def test_attested_dates_and_cited_fields_are_checked(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text("""sources:
  - {id: s, title: T, publisher: P}
actors:
  - id: p
    type: Person
    name: P
    posts: [{post: Minister, of: k, attested: [soon]}]
    sources: [s]
  - {id: k, type: State, name: K, sources: [s]}
events:
  - id: e
    type: Meeting
    date: 2025
    process: t
    participants: [{actor: k, role: party}, {actor: p, role: host}]
    cite: [{fields: [venue], sources: [s]}]
    sources: [s]
processes:
  - {id: t, name: Talks, sources: [s]}
""", encoding="utf-8")
    result = run_parley("validate", str(facts), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith("facts.yaml:7: actor p: post 1: attested: ") for line in lines), lines
    assert any("cites sources for 'venue', which is not a field of events" in line for line in lines), lines


def test_memberships_are_known_over_their_span_only(store, tmp_path):
    members = {r["actor"] for r in query("members-on-date", {"date": "2025-06"}, store=store)}
    assert members == {"turkiye", "iraq", "syria", "jordan", "lebanon"}  # attested 2025-06-05 only
    assert query("members-on-date", {"date": "2024"}, store=store) == []
    facts = tmp_path / "facts.yaml"
    facts.write_text("""sources:
  - {id: s, title: T, publisher: P}
actors:
  - {id: a, type: State, name: A, sources: [s]}
  - {id: b, type: State, name: B, sources: [s]}
processes:
  - id: m
    name: Mechanism
    type: CoordinationMechanism
    participants:
      - {actor: a, role: member, from: 2019-03, to: 2021}
      - {actor: b, role: member, from: 2020}
    sources: [s]
""", encoding="utf-8")
    built = build([facts], out=tmp_path / "out").store
    assert {r["actor"] for r in query("members-on-date", {"date": "2019"}, store=built)} == {"a"}
    assert {(r["actor"], r["known_to"]) for r in query("members-on-date", {"date": "2020-05"}, store=built)} == {
        ("a", "2021"), ("b", "2020")}  # b is known from 2020 on, and nothing more is known
    assert {r["actor"] for r in query("members-on-date", {"date": "2022"}, store=built)} == set()
    facts.write_text(facts.read_text(encoding="utf-8").replace("from: 2020}", "from: 2020, to: 2018}"),
                     encoding="utf-8")
    result = run_parley("validate", str(facts), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "facts.yaml:12: process m: participant 2 (b): ends (2018) before it starts (2020)"]
