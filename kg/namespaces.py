"""The namespaces of parley's ontology, vocabularies and instances, and the IRIs minted from ids."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "PW", "VOCAB", "ID", "ONTOLOGY_IRI", "PROV", "RDF", "RDFS", "SKOS", "XSD", "WD",
    "PREFIXES", "slug", "iri", "graph_iri", "PROVENANCE_GRAPH", "PLACES_GRAPH", "VOCAB_GRAPH",
]

PW = "https://w3id.org/parley/ontology#"
ONTOLOGY_IRI = "https://w3id.org/parley/ontology"
VOCAB = "https://w3id.org/parley/vocab/"
ID = "https://w3id.org/parley/id/"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WD = "http://www.wikidata.org/entity/"

PROVENANCE_GRAPH = ID + "graph/provenance"
PLACES_GRAPH = ID + "graph/places"  # each place an event names, described once
VOCAB_GRAPH = ONTOLOGY_IRI

PREFIXES = {
    "pw": PW,
    "id": ID,
    "role": VOCAB + "role/",
    "basis": VOCAB + "basis/",
    "status": VOCAB + "agreement-status/",
    "estatus": VOCAB + "event-status/",
    "etype": VOCAB + "event-type/",
    "issue": VOCAB + "issue/",
    "prov": PROV,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
    "wd": WD,
    **{kind: f"{ID}{kind}/" for kind in ("source", "actor", "conflict", "process", "event",
                                         "agreement", "claim", "place", "post", "graph")},
}

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lower-case ASCII slug of a name, for IRIs of places and posts.

    >>> slug("İstanbul, Dolmabahçe Palace")
    'istanbul-dolmabahce-palace'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", folded.lower()).strip("-") or "unnamed"


def iri(kind: str, *parts: str, base: str = ID) -> str:
    """The IRI of an instance, from its kind and id (and sub-parts).

    >>> iri("actor", "turkiye")
    'https://w3id.org/parley/id/actor/turkiye'
    """
    return base + "/".join((kind, *parts))


def graph_iri(kind: str, record_id: str, base: str = ID) -> str:
    """The named graph holding one record's triples.

    >>> graph_iri("event", "ankara-2026-01-01")
    'https://w3id.org/parley/id/graph/event/ankara-2026-01-01'
    """
    return base + f"graph/{kind}/{record_id}"
