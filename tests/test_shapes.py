"""The SHACL shapes: a valid example conforms, and each invalid variant of it fails
for exactly the stated reason."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib.namespace import SH

from helpers import DATA
from parley.rdf.store import union_store
from parley.shacl.validation import shacl, shapes_graph

PREFIXES = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX role: <https://w3id.org/parley/vocab/role/>
PREFIX issue: <https://w3id.org/parley/vocab/issue/>
PREFIX actor: <https://w3id.org/parley/id/actor/>
PREFIX event: <https://w3id.org/parley/id/event/>
PREFIX process: <https://w3id.org/parley/id/process/>
PREFIX agreement: <https://w3id.org/parley/id/agreement/>
PREFIX source: <https://w3id.org/parley/id/source/>
PREFIX claim: <https://w3id.org/parley/id/claim/>
"""
ID = "https://w3id.org/parley/id/"
ANKARA = ID + "event/ankara"
HOST = ID + "event/ankara/p/hakan-fidan/host"
PARTY = ID + "event/ankara/p/rustem-umerov/party"
GRAIN = ID + "agreement/grain"

# (name, SPARQL update applied to the valid example, focus node, the message it must give)
CASES = [
    ("event-without-date", "DELETE WHERE { event:ankara pw:date ?d }", ANKARA, "has no date"),
    ("event-with-two-dates", 'INSERT DATA { event:ankara pw:date "2026-01-02"^^xsd:date }', ANKARA,
     "has more than one date"),
    ("event-without-process", "DELETE WHERE { event:ankara pw:inProcess ?p }", ANKARA,
     "must belong to exactly one negotiation process"),
    ("event-in-undeclared-process", "DELETE { event:ankara pw:inProcess ?p } INSERT { event:ankara pw:inProcess process:nowhere } "
     "WHERE { event:ankara pw:inProcess ?p }", ANKARA, "belongs to a process that is not declared"),
    ("event-with-one-participant", "DELETE WHERE { event:ankara pw:hasParticipation <%s> . <%s> ?p ?o }" % (PARTY, PARTY),
     ANKARA, "has fewer than two participants"),
    ("participation-without-actor", "DELETE WHERE { <%s> pw:actor ?a }" % HOST, HOST, "has no actor"),
    ("participation-without-role", "DELETE WHERE { <%s> pw:role ?r }" % HOST, HOST, "has no role"),
    ("participation-with-two-roles", "INSERT DATA { <%s> pw:role role:mediator }" % HOST, HOST, "has more than one role"),
    ("participation-with-unknown-role", "DELETE { <%s> pw:role ?r } INSERT { <%s> pw:role role:referee } WHERE { <%s> pw:role ?r }"
     % (HOST, HOST, HOST), HOST, "role is not one of the role scheme"),
    ("participation-of-undeclared-actor", "DELETE { <%s> pw:actor ?a } INSERT { <%s> pw:actor actor:nobody } WHERE { <%s> pw:actor ?a }"
     % (HOST, HOST, HOST), HOST, "actor is not a declared actor"),
    ("acting-on-behalf-of-itself", "DELETE { <%s> pw:onBehalfOf ?x } INSERT { <%s> pw:onBehalfOf actor:hakan-fidan } "
     "WHERE { <%s> pw:onBehalfOf ?x }" % (HOST, HOST, HOST), HOST, "acts on behalf of itself"),
    ("mediator-and-party-of-one-event", "INSERT DATA { event:ankara pw:hasParticipation <urn:p1> , <urn:p2> . "
     "<urn:p1> a pw:Participation ; pw:actor actor:turkiye ; pw:role role:party . "
     "<urn:p2> a pw:Participation ; pw:actor actor:turkiye ; pw:role role:mediator . }", ANKARA,
     "https://w3id.org/parley/id/actor/turkiye is both a party and a mediator"),
    ("agreement-with-one-party", "DELETE { agreement:grain pw:hasParticipation ?p } WHERE { agreement:grain "
     "pw:hasParticipation ?p . ?p pw:role role:party . FILTER (?p != <%s/p/russia/party>) }" % GRAIN,
     GRAIN, "has fewer than two parties"),
    ("agreement-without-status", "DELETE WHERE { agreement:grain pw:agreementStatus ?s }", GRAIN,
     "must have exactly one status"),
    ("malformed-date", 'DELETE { event:ankara pw:date ?d } INSERT { event:ankara pw:date "2025-13-40" } '
     "WHERE { event:ankara pw:date ?d }", ANKARA, "date is not a year"),
    ("end-before-start", 'DELETE { process:pow-track pw:endDate ?d } INSERT { process:pow-track pw:endDate "2021"^^xsd:gYear } '
     "WHERE { process:pow-track pw:endDate ?d }", ID + "process/pow-track", "ends (2021) before it starts (2022)"),
    ("actor-without-source", "DELETE WHERE { actor:russia pw:source ?s }", ID + "actor/russia", "cites no source"),
    ("wikidata-id-not-a-q-number", "DELETE { actor:russia skos:exactMatch ?q } "
     "INSERT { actor:russia skos:exactMatch <http://www.wikidata.org/entity/P31> } WHERE { actor:russia skos:exactMatch ?q }",
     ID + "actor/russia", "wikidata id is not a Q-number"),
    ("claim-without-claimant", "DELETE WHERE { claim:trust pw:claimant ?c }", ID + "claim/trust",
     "must have exactly one claimant"),
    ("negative-quantity", "DELETE { ?p pw:quantity ?q } INSERT { ?p pw:quantity -3.0 } WHERE { ?p pw:quantity ?q }",
     GRAIN + "/provision/1", "quantity must be one number of zero or more"),
    ("sub-track-cycle", "INSERT DATA { process:talks pw:subTrackOf process:pow-track }", ID + "process/talks",
     "is a sub-track of itself"),
    ("tenure-held-by-a-state", "DELETE { ?t pw:holder ?h } INSERT { ?t pw:holder actor:turkiye } WHERE { ?t pw:holder ?h }",
     ID + "actor/hakan-fidan/tenure/1", "is held by someone who is not a declared person"),
    ("topic-outside-the-issue-scheme", "INSERT DATA { event:ankara pw:topic issue:weather }", ANKARA,
     "topic is not an issue of the issue scheme"),
    ("source-without-title", "DELETE WHERE { source:hdn pw:title ?t }", ID + "source/hdn", "has no title"),
    ("claim-without-stance", "DELETE WHERE { claim:trust pw:stance ?s }", ID + "claim/trust",
     "must have exactly one stance"),
    ("claim-stance-outside-the-scheme", "DELETE { claim:trust pw:stance ?s } INSERT { claim:trust pw:stance role:party } "
     "WHERE { claim:trust pw:stance ?s }", ID + "claim/trust", "stance is not one of the stance scheme"),
    ("membership-of-an-event", "INSERT DATA { event:ankara pw:hasParticipation event:ankara\\/p\\/turkiye\\/member . "
     "event:ankara\\/p\\/turkiye\\/member a pw:Participation ; pw:actor actor:turkiye ; pw:role role:member }",
     ID + "event/ankara/p/turkiye/member", "is a membership of"),
    ("attestation-without-a-date", 'INSERT DATA { actor:hakan-fidan\\/tenure\\/1 pw:attestedOn "soon" }',
     ID + "actor/hakan-fidan/tenure/1", "attested date is not a year"),
    ("status-change-without-date", "INSERT DATA { agreement:grain pw:hasStatusChange agreement:grain\\/status\\/1 . "
     "agreement:grain\\/status\\/1 a pw:StatusChange ; pw:status <https://w3id.org/parley/vocab/agreement-status/signed> }",
     GRAIN + "/status/1", "a status change must have a date"),
    ("provenance-without-line", "DELETE WHERE { ?g pw:recordLine ?l }", ID + "graph/event/ankara",
     "provenance names no line"),
    # a bulk row's shape: plain pw:participant edges, its line on the event, its file's graph
    ("plain-participant-undeclared", "DELETE WHERE { event:ankara pw:hasParticipation <%s> . <%s> ?p ?o } ; "
     "INSERT DATA { event:ankara pw:participant actor:nobody }" % (PARTY, PARTY), ANKARA,
     "participant is not a declared actor"),
    ("event-with-one-plain-participant", "DELETE WHERE { event:ankara pw:hasParticipation ?x . ?x ?p ?o } ; "
     "INSERT DATA { event:ankara pw:participant actor:turkiye }", ANKARA, "has fewer than two participants"),
    ("bulk-row-with-two-lines", "INSERT DATA { event:ankara pw:recordLine 3 , 4 }", ANKARA,
     "must name one line of its file"),
    ("file-graph-without-file", "INSERT DATA { <urn:rows> a pw:DatasetFileGraph ; "
     "<http://www.w3.org/ns/prov#wasDerivedFrom> source:hdn }", "urn:rows", "provenance names no file"),
]


def results(turtle_store: ox.Store) -> list[tuple[str, str]]:
    """The results of the default (compiled) engine, checked equal to pySHACL's."""
    found = {}
    for engine in ("turbo", "pyshacl"):
        conforms, report = shacl(turtle_store, engine=engine)
        found[engine] = sorted((str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultMessage)))
                               for r in report.subjects(SH.resultSeverity, None))
        assert conforms == (not found[engine])
    assert found["turbo"] == found["pyshacl"], "pyshacl-turbo and pySHACL disagree"
    return found["turbo"]


def example(update: str | None = None) -> ox.Store:
    data = ox.Store()
    data.load(path=str(DATA / "shapes" / "valid.ttl"), format=ox.RdfFormat.TURTLE)
    if update:
        data.update(PREFIXES + update)
    return union_store(data.quads_for_pattern(None, None, None, None))


def test_valid_example_conforms():
    assert results(example()) == []


def test_there_is_an_invalid_case_for_each_of_at_least_15_constraints():
    assert len({message for *_, message in CASES}) >= 15


@pytest.mark.parametrize("name, update, focus, message", CASES, ids=[c[0] for c in CASES])
def test_invalid_example_fails_for_the_stated_reason(name, update, focus, message):
    found = results(example(update))
    assert found, f"{name}: the example still conforms"
    assert focus in {got_focus for got_focus, _ in found}
    for _, got_message in found:  # a cycle is reported at each of its members, for the same reason
        assert got_message.startswith(message), f"{name}: unexpected {got_message!r}"
    assert len(found) == (2 if name == "sub-track-cycle" else 1), found


def test_party_and_mediator_on_different_bases_is_allowed():
    """PA-X codes Türkiye as formal party and practical third party of the grain deal:
    the valid example says so and conforms; without the practical basis it fails."""
    assert results(example()) == []
    update = "DELETE { ?p pw:basis ?b } WHERE { ?p pw:actor actor:turkiye ; pw:role role:mediator ; pw:basis ?b }"
    assert results(example(update)) == [(GRAIN, "https://w3id.org/parley/id/actor/turkiye is both a party and a mediator "
                                         "here (give the two roles different bases, formal and practical, if both are true)")]


def test_plain_participant_edges_count_as_participants():
    """A bulk row's event names who took part with plain pw:participant edges; two of them,
    or one beside a participation node, make the two participants an event needs."""
    plain = ("DELETE WHERE { event:ankara pw:hasParticipation ?x . ?x ?p ?o } ; "
             "INSERT DATA { event:ankara pw:participant actor:turkiye , actor:russia ; pw:recordLine 7 }")
    assert results(example(plain)) == []
    mixed = ("DELETE WHERE { event:ankara pw:hasParticipation <%s> . <%s> ?p ?o } ; "
             "INSERT DATA { event:ankara pw:participant actor:russia }" % (PARTY, PARTY))
    assert results(example(mixed)) == []


def test_shapes_see_subclasses_through_the_ontology():
    """A participant typed only as a Person (not Actor) still counts as a declared actor."""
    update = "DELETE WHERE { actor:hakan-fidan a pw:Actor }"
    assert results(example(update)) == []


def _first_bgp(part) -> list:
    """The triple patterns rdflib evaluates first in a query's algebra."""
    while part.name != "BGP":
        part = part.p1 if "p1" in part else part.p
    return part.triples


def test_each_sparql_constraint_starts_from_its_focus_node_under_rdflib():
    """pySHACL runs a SPARQL constraint once per focus node, in rdflib, which orders a
    group's patterns by their constants alone: a constraint must begin with ``$this``,
    or each run scans the whole graph and validation grows with the square of the data."""
    from rdflib import Variable
    from rdflib.plugins.sparql import prepareQuery

    shapes = shapes_graph()
    prefixes = {str(shapes.value(declared, SH.prefix)): str(shapes.value(declared, SH.namespace))
                for declared in shapes.objects(None, SH.declare)}
    selects = [str(select) for constraint in shapes.objects(None, SH.sparql)
               for select in shapes.objects(constraint, SH.select)]
    assert len(selects) >= 3
    for select in selects:
        first = _first_bgp(prepareQuery(select, initNs=prefixes).algebra)[0]
        assert Variable("this") in first, f"starts from {first} in:\n{select}"
