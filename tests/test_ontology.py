"""The ontology and vocabularies: they parse, stay within OWL Lite, and every term is
labelled, defined and, for event types, matched to CAMEO / PLOVER."""

from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from parley.ontology import ontology_text, shapes_text, vocabulary_texts

PW = rdflib.Namespace("https://w3id.org/parley/ontology#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
STANDARD = ("http://www.w3.org/", "http://xmlns.com/foaf/", "https://schema.org/", "http://purl.org/dc/",
            "http://semanticweb.cs.vu.nl/2009/11/sem/")


def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(data=ontology_text(), format="turtle")


def vocabularies() -> rdflib.Graph:
    graph = rdflib.Graph()
    for _, text in vocabulary_texts():
        graph.parse(data=text, format="turtle")
    return graph


def test_every_turtle_file_parses():
    assert len(ontology()) > 300
    assert len(rdflib.Graph().parse(data=shapes_text(), format="turtle")) > 100
    for name, text in vocabulary_texts():
        assert len(rdflib.Graph().parse(data=text, format="turtle")) > 20, name


def test_ontology_header_has_version_licence_and_description():
    graph = ontology()
    header = rdflib.URIRef("https://w3id.org/parley/ontology")
    assert (header, RDF.type, OWL.Ontology) in graph
    assert graph.value(header, OWL.versionIRI) is not None
    assert graph.value(header, rdflib.DCTERMS.license) is not None
    assert graph.value(header, rdflib.DCTERMS.description) is not None


FORBIDDEN = [OWL.unionOf, OWL.complementOf, OWL.oneOf, OWL.hasValue, OWL.disjointWith,
             OWL.intersectionOf, OWL.AllDisjointClasses, OWL.disjointUnionOf, OWL.propertyChainAxiom,
             OWL.hasSelf, OWL.qualifiedCardinality, OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality]


def test_ontology_uses_only_owl_lite_constructs():
    graph = ontology() + vocabularies()
    for construct in FORBIDDEN:
        assert not list(graph.triples((None, construct, None))), f"{construct} is not OWL Lite"
        assert not list(graph.triples((None, None, construct))), f"{construct} is not OWL Lite"
    for cardinality in (OWL.cardinality, OWL.minCardinality, OWL.maxCardinality):
        for _, _, value in graph.triples((None, cardinality, None)):
            assert int(value) in (0, 1), f"{cardinality} {value}: OWL Lite allows only 0 or 1"
    for restriction in graph.subjects(RDF.type, OWL.Restriction):
        for value in graph.objects(restriction, OWL.someValuesFrom):
            assert isinstance(value, rdflib.URIRef), "someValuesFrom must name a class in OWL Lite"
        for value in graph.objects(restriction, OWL.allValuesFrom):
            assert isinstance(value, rdflib.URIRef), "allValuesFrom must name a class in OWL Lite"


def test_owl_lite_check_would_catch_a_union():
    graph = ontology()
    graph.parse(data="""@prefix owl: <http://www.w3.org/2002/07/owl#> .
        <urn:x> owl:unionOf ( <urn:a> <urn:b> ) .""", format="turtle")
    assert list(graph.triples((None, OWL.unionOf, None)))


def pw_terms(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind)
            if isinstance(s, rdflib.URIRef) and str(s).startswith(str(PW))}


def test_every_class_and_property_is_labelled_and_defined():
    graph = ontology()
    terms = pw_terms(graph)
    assert len(terms) > 60
    for term in terms:
        assert graph.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert (graph.value(term, SKOS.definition) or graph.value(term, RDFS.comment)) is not None, \
            f"{term} has no definition"


def test_core_classes_are_aligned_to_standard_vocabularies():
    graph = ontology()
    expected = {
        PW.Person: rdflib.URIRef("http://xmlns.com/foaf/0.1/Person"),
        PW.Organization: rdflib.URIRef("http://www.w3.org/ns/org#Organization"),
        PW.Post: rdflib.URIRef("http://www.w3.org/ns/org#Post"),
        PW.Source: rdflib.URIRef("http://www.w3.org/ns/prov#Entity"),
        PW.NegotiationEvent: rdflib.URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event"),
        PW.Participation: rdflib.URIRef("http://www.w3.org/ns/prov#Association"),
        PW.Role: SKOS.Concept,
    }
    for term, parent in expected.items():
        assert (term, RDFS.subClassOf, parent) in graph, f"{term} is not aligned to {parent}"


def test_vocabulary_concepts_are_in_a_scheme_labelled_and_defined():
    graph = vocabularies()
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 50
    for concept in concepts:
        assert graph.value(concept, SKOS.inScheme) is not None, concept
        assert graph.value(concept, SKOS.prefLabel) is not None, concept
        assert graph.value(concept, SKOS.definition) is not None, concept
    roles = {str(c).rsplit("/", 1)[1] for c in graph.subjects(SKOS.inScheme, rdflib.URIRef("https://w3id.org/parley/vocab/role"))}
    assert {"mediator", "facilitator", "host", "party", "guarantor", "witness", "observer", "signatory", "envoy",
            "member", "head-of-delegation", "party-signatory", "third-party-signatory"} <= roles
    statuses = {str(c).rsplit("/", 1)[1] for c in graph.subjects(
        SKOS.inScheme, rdflib.URIRef("https://w3id.org/parley/vocab/agreement-status"))}
    assert statuses == {"proposed", "agreed", "signed", "in-force", "suspended", "terminated", "collapsed", "expired"}
    stances = {str(c).rsplit("/", 1)[1] for c in graph.subjects(SKOS.inScheme, rdflib.URIRef("https://w3id.org/parley/vocab/stance"))}
    assert stances == {"assert", "accuse", "deny", "predict", "propose", "evaluate"}
    cameo = {str(c).rsplit("/", 1)[1]: str(graph.value(c, SKOS.notation)) for c in graph.subjects(
        SKOS.inScheme, rdflib.URIRef("https://w3id.org/parley/vocab/stance")) if graph.value(c, SKOS.notation)}
    assert cameo["accuse"] == "112" and cameo["deny"] == "016"  # CAMEO codes, where CAMEO has the act


def test_event_types_match_cameo_codes_and_plover_categories():
    graph = vocabularies()
    etype = rdflib.Namespace("https://w3id.org/parley/vocab/event-type/")
    cameo = rdflib.Namespace("https://w3id.org/parley/vocab/cameo/")
    plover = rdflib.Namespace("https://w3id.org/parley/vocab/plover/")
    assert (etype["phone-call"], SKOS.closeMatch, cameo["041"]) in graph
    assert (etype["meeting"], SKOS.closeMatch, cameo["044"]) in graph
    assert (etype["talks-round"], SKOS.closeMatch, cameo["046"]) in graph
    assert (etype["signing"], SKOS.closeMatch, cameo["057"]) in graph
    for concept in graph.subjects(SKOS.inScheme, rdflib.URIRef("https://w3id.org/parley/vocab/event-type")):
        matches = set(graph.objects(concept, SKOS.closeMatch))
        assert any(str(m).startswith(str(cameo)) for m in matches), concept
        assert any(str(m).startswith(str(plover)) for m in matches), concept
        assert graph.value(concept, RDFS.seeAlso) in pw_terms(ontology()), f"{concept} names no ontology class"


def test_shapes_name_only_terms_that_exist():
    shapes = rdflib.Graph().parse(data=shapes_text(), format="turtle")
    known = set(ontology().all_nodes()) | set(vocabularies().all_nodes())
    names = list(shapes.objects(None, SH.targetClass)) + list(shapes.objects(None, SH["class"])) + \
        [p for p in shapes.objects(None, SH.path) if isinstance(p, rdflib.URIRef)] + \
        list(shapes.objects(None, SH.targetSubjectsOf))
    assert len(names) > 40
    for name in names:
        assert name in known or str(name).startswith(STANDARD), f"shapes name unknown term {name}"
    pw_names = {n for n in names if str(n).startswith(str(PW))}
    assert pw_names <= pw_terms(ontology()), pw_names - pw_terms(ontology())
