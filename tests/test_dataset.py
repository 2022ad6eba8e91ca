"""The bundled data set says what its two source texts say, each fact citing its source."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from parley.pipeline import build

PREFIXES = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX role: <https://w3id.org/parley/vocab/role/>
PREFIX id: <https://w3id.org/parley/id/>
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    return build(out=tmp_path_factory.mktemp("out")).store


def rows(store: ox.Store, query: str) -> set[tuple[str, ...]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return {tuple(term.value.rsplit("/", 1)[-1] if term is not None else "" for term in row) for row in result}


def test_ankara_meeting_hosts_party_and_topics(store):
    assert rows(store, """SELECT ?actor ?role ?for WHERE {
        <https://w3id.org/parley/id/event/ankara-2026-01-01> pw:hasParticipation ?p .
        ?p pw:actor ?actor ; pw:role ?role ; pw:onBehalfOf ?for }""") == {
        ("hakan-fidan", "host", "turkiye"), ("ibrahim-kalin", "host", "turkiye"), ("rustem-umerov", "head-of-delegation", "ukraine")}
    assert rows(store, """SELECT ?date ?place ?topic WHERE {
        <https://w3id.org/parley/id/event/ankara-2026-01-01> pw:date ?date ; pw:place/rdfs:label ?place ; pw:topic ?topic }""") == {
        ("2026-01-01", "Ankara", t) for t in ("security-situation", "negotiation-process", "prisoners-of-war")}


def test_posts_are_dated_tenures(store):
    assert rows(store, """SELECT ?person ?post ?from WHERE {
        ?t a pw:Tenure ; pw:holder ?person ; pw:post/rdfs:label ?post ; pw:startDate ?from }""") == {
        ("rustem-umerov", "Secretary of the National Security and Defense Council", "2025-07")}
    assert rows(store, """SELECT ?name WHERE { ?t pw:holder id:actor\\/ibrahim-kalin ; pw:post/pw:postIn/rdfs:label ?name }""") \
        == {("National Intelligence Organization",)}


def test_turkiye_mediates_one_process_and_is_a_member_of_another(store):
    assert rows(store, """SELECT ?process ?role WHERE {
        ?process a pw:NegotiationProcess ; pw:hasParticipation ?p . ?p pw:actor id:actor\\/turkiye ; pw:role ?role }""") == {
        ("russia-ukraine-peace-talks", "mediator"), ("anti-daesh-coordination", "member")}


def test_grain_initiative_brokered_by_turkiye_and_the_un(store):
    assert rows(store, """SELECT ?actor ?role WHERE {
        id:agreement\\/black-sea-grain-initiative pw:hasParticipation ?p .
        ?p pw:actor ?actor ; pw:role ?role }""") == {
        ("russia", "party"), ("ukraine", "party"), ("turkiye", "mediator"), ("united-nations", "mediator")}


def test_prisoner_exchange_provision_keeps_its_quantity(store):
    assert rows(store, """SELECT ?q ?qualifier ?unit ?status WHERE {
        id:agreement\\/prisoner-exchange-2025-06 pw:agreementStatus ?status ;
            pw:resultOf id:event\\/istanbul-2025-06-02 ; pw:hasProvision ?p .
        ?p pw:quantity ?q ; pw:quantityQualifier ?qualifier ; pw:unit ?unit }""") == {("1000", "over", "prisoners", "agreed")}


def test_planned_meeting_and_proposed_arrangement_are_not_facts_that_happened(store):
    assert rows(store, """SELECT ?status WHERE { id:event\\/european-advisers-2026-01-03 pw:eventStatus ?status }""") == {("planned",)}
    assert rows(store, """SELECT ?status ?actor WHERE { id:agreement\\/limited-security-arrangement pw:agreementStatus ?status ;
        pw:hasParticipation [ pw:actor ?actor ; pw:role role:proposer ] }""") == {("proposed", "turkiye")}


def test_accusations_are_attributed_claims(store):
    assert rows(store, """SELECT ?claim ?claimant WHERE { ?claim a pw:Claim ; pw:claimant ?claimant ;
        pw:topic <https://w3id.org/parley/vocab/issue/civilian-harm> }""") == {
        ("kherson-new-year-drone-strike", "russia"), ("russian-strikes-on-power-grid", "ukraine-energy-ministry")}


def test_the_outlets_anachronism_is_no_claim_about_who_is_president(store):
    # "aid under President Joe Biden" is the outlet's wording: no one disputed who was President
    assert rows(store, """SELECT ?c WHERE { ?c pw:claimedProperty "President of the United States" }""") == set()
    assert rows(store, """SELECT ?stance ?modality WHERE { id:claim\\/us-aid-expected-to-end pw:stance ?stance ;
        pw:modality ?modality }""") == {("predict", "expected")}


def test_every_record_cites_a_source(store):
    uncited = rows(store, """SELECT ?g WHERE { GRAPH id:graph\\/provenance { ?g pw:recordKind ?kind
        FILTER (?kind != "source") FILTER NOT EXISTS { ?g prov:wasDerivedFrom ?s } } }""")
    assert uncited == set()
    assert rows(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g a pw:RecordGraph }") == {("54",)}  # 52 records,
    # and 2 citations of fields that rest on sources of their own
