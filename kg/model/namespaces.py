"""The namespaces of parley's ontology, vocabularies and instances, and the IRIs minted from ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "PW", "VOCAB", "ID", "ONTOLOGY_IRI", "PROV", "RDF", "RDFS", "SKOS", "XSD", "WD",
    "PREFIXES", "slug", "iri", "graph_iri", "short_id", "PROVENANCE_GRAPH", "PLACES_GRAPH", "VOCAB_GRAPH",
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
# Latin letters that no Unicode decomposition takes to ASCII.
_LATIN = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D",
                        "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})


def slug(text: str) -> str:
    """A lower-case ASCII slug of a name, for IRIs of places and posts.

    A name whose letters have no ASCII form (東京, Київ) or that has none at all
    ("!!!") keeps what it can and gets a hash of the whole name, so two such names
    never share an IRI.

    >>> slug("İstanbul, Dolmabahçe Palace")
    'istanbul-dolmabahce-palace'
    >>> slug("東京") != slug("北京"), slug("Київ")[:1] != "-"
    (True, True)
    """
    if text.isascii():  # nothing to fold (most names and ids)
        base = _NOT_SLUG.sub("-", text.lower()).strip("-")
        if base:
            return base
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    folded = decomposed.encode("ascii", "ignore").decode("ascii")
    base = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    lossy = any(ch.isalnum() and not ch.isascii() for ch in decomposed if not unicodedata.combining(ch))
    if base and not lossy:
        return base
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}" if base else f"n{digest}"


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


_SHORT_PREFIXES = (("pw", PW), ("rdf", RDF), ("rdfs", RDFS), ("skos", SKOS), ("prov", PROV), ("xsd", XSD))


def short_id(value: str, *, base: str = ID) -> str:
    """An IRI as people write it: an instance as its id (``KIND/ID/...`` when nested), a
    vocabulary term as its name, an ontology or standard term as ``prefix:name``; any
    other IRI as it is. The one place an IRI becomes an id.

    >>> short_id("https://w3id.org/parley/id/actor/turkiye"), short_id(VOCAB + "role/mediator")
    ('turkiye', 'mediator')
    >>> short_id(ID + "event/ankara/participation/turkiye/host"), short_id(PW + "date")
    ('event/ankara/participation/turkiye/host', 'pw:date')
    """
    if value.startswith(base):
        path = value[len(base):]
        return path.split("/", 1)[1] if path.count("/") == 1 else path
    if value.startswith(VOCAB):
        return value.rsplit("/", 1)[1]
    for prefix, namespace in _SHORT_PREFIXES:
        if value.startswith(namespace):
            return f"{prefix}:{value[len(namespace):]}"
    return value
