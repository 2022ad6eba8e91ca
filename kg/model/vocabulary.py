"""The controlled terms curated files may use, read from the ontology and its vocabularies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pyoxigraph as ox

from parley.model.namespaces import PW, RDFS, SKOS, VOCAB
from parley.ontology import ontology_text, vocabulary_texts

__all__ = ["Vocabulary", "vocabulary", "term_key", "ontology_quads"]

_NOT_KEY = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=4096)
def term_key(text: str) -> str:
    """The form terms are matched in: case, spaces, '-' and '_' ignored.

    >>> term_key("In force") == term_key("in-force") == term_key("InForce")
    True
    """
    return _NOT_KEY.sub("", text.lower())


@dataclass(frozen=True)
class Vocabulary:
    """Each term a curator writes, keyed by :func:`term_key`, mapped to (name, IRI)."""

    roles: dict[str, tuple[str, str]]
    bases: dict[str, tuple[str, str]]
    agreement_statuses: dict[str, tuple[str, str]]
    event_statuses: dict[str, tuple[str, str]]
    stances: dict[str, tuple[str, str]]
    modalities: dict[str, tuple[str, str]]
    issues: dict[str, tuple[str, str]]
    event_types: dict[str, tuple[str, str]]        # class name -> (class name, class IRI)
    event_type_concepts: dict[str, str]            # class IRI -> concept IRI
    actor_types: dict[str, tuple[str, str]]
    process_types: dict[str, tuple[str, str]]
    source_types: dict[str, tuple[str, str]]
    superclasses: dict[str, tuple[str, ...]]       # class IRI -> itself and its pw: superclasses
    labels: dict[str, str]                         # class or concept IRI -> its English label


def ontology_quads(graph: ox.NamedNode | ox.DefaultGraph | None = None) -> list[ox.Quad]:
    """The ontology and every vocabulary as quads in ``graph`` (the default graph if None)."""
    target = graph if graph is not None else ox.DefaultGraph()
    texts = [ontology_text(), *(text for _, text in vocabulary_texts())]
    return [ox.Quad(q.subject, q.predicate, q.object, target)
            for text in texts for q in ox.parse(text, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)]


@cache
def vocabulary() -> Vocabulary:
    """Read the terms once per process.

    >>> v = vocabulary()
    >>> v.roles["mediator"][1], v.event_types["phonecall"][0]
    ('https://w3id.org/parley/vocab/role/mediator', 'PhoneCall')
    """
    store = ox.Store()
    store.bulk_extend(ontology_quads())

    def concepts(scheme: str) -> dict[str, tuple[str, str]]:
        rows = store.query(
            "SELECT ?c ?s WHERE { ?c <%sinScheme> ?s }" % SKOS, substitutions={ox.Variable("s"): ox.NamedNode(VOCAB + scheme)})
        names = (row["c"].value for row in rows)
        return {term_key(iri.rsplit("/", 1)[1]): (iri.rsplit("/", 1)[1], iri) for iri in names}

    def subclasses(root: str) -> dict[str, tuple[str, str]]:
        rows = store.query("SELECT ?c ?root WHERE { ?c <%ssubClassOf>+ ?root }" % RDFS,
                           substitutions={ox.Variable("root"): ox.NamedNode(PW + root)})
        names = [row["c"].value for row in rows if row["c"].value.startswith(PW)]
        return {term_key(iri[len(PW):]): (iri[len(PW):], iri) for iri in names + [PW + root]}

    superclasses: dict[str, tuple[str, ...]] = {}
    for row in store.query("SELECT ?c ?super WHERE { ?c <%ssubClassOf>* ?super }" % RDFS):
        sub, sup = row["c"], row["super"]
        if isinstance(sub, ox.NamedNode) and isinstance(sup, ox.NamedNode) and sup.value.startswith(PW):
            superclasses[sub.value] = superclasses.get(sub.value, ()) + (sup.value,)
    event_type_concepts = {
        row["c"].value: row["concept"].value
        for row in store.query("SELECT ?c ?concept WHERE { ?concept a <%sEventType> ; <%sseeAlso> ?c }" % (PW, RDFS))
    }
    event_types = {key: value for key, value in subclasses("NegotiationEvent").items() if value[1] in event_type_concepts}
    return Vocabulary(
        roles=concepts("role"), bases=concepts("basis"),
        agreement_statuses=concepts("agreement-status"), event_statuses=concepts("event-status"),
        stances=concepts("stance"), modalities=concepts("modality"),
        issues=concepts("issue"), event_types=event_types, event_type_concepts=event_type_concepts,
        actor_types=subclasses("Actor"), process_types=subclasses("NegotiationProcess"),
        source_types={k: v for k, v in subclasses("Source").items() if k != "source"},
        superclasses={k: tuple(sorted(v)) for k, v in superclasses.items()},
        labels={row["term"].value: row["label"].value for row in store.query(
            "SELECT ?term ?label WHERE { ?term <%slabel>|<%sprefLabel> ?label }" % (RDFS, SKOS))},
    )
