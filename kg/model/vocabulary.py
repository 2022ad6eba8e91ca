"""The controlled terms curated files may use, read from the ontology and its vocabularies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pyoxigraph as ox

from parley.model.namespaces import PW, RDFS, SKOS, VOCAB
from parley.ontology import ontology_text, vocabulary_texts

__all__ = ["Vocabulary", "vocabulary", "term_key", "ontology_quads", "vocabulary_schemes", "vocabulary_terms", "accepted_terms"]

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


# The Vocabulary table that holds the terms the loader accepts for each scheme.
_TABLES = {"role": "roles", "basis": "bases", "agreement-status": "agreement_statuses",
           "event-status": "event_statuses", "stance": "stances", "modality": "modalities", "issue": "issues",
           "event-type": "event_types", "actor-type": "actor_types", "process-type": "process_types",
           "source-type": "source_types"}


def accepted_terms(scheme: str) -> dict[str, tuple[str, str]]:
    """The terms a fact may give for ``scheme``, keyed by :func:`term_key`, each mapped to
    (the name as listed, its IRI); for event types, the ontology's class names.

    >>> sorted(name for name, _ in accepted_terms("basis").values())
    ['formal', 'practical']
    >>> accepted_terms("event-type")["phonecall"][0]
    'PhoneCall'
    """
    return getattr(vocabulary(), _TABLES[scheme])


# The classes a curator names in a `type:` field, listed beside the SKOS schemes.
_CLASS_LISTS = {"actor-type": ("Actor", "an actor's"), "process-type": ("NegotiationProcess", "a process's"),
                "source-type": ("Source", "a source's")}
_LISTING = """
SELECT ?scheme ?term ?label ?broader ?definition WHERE {
  ?term <%(skos)sinScheme> ?scheme .
  OPTIONAL { ?term <%(skos)sprefLabel> ?label }
  OPTIONAL { ?term <%(skos)sbroader> ?broader }
  OPTIONAL { ?term <%(skos)sdefinition> ?definition }
} ORDER BY ?term
"""


def vocabulary_schemes() -> list[dict[str, str]]:
    """Each vocabulary parley's terms come from: its name, label, term count and definition
    (the SKOS concept schemes, and the ontology classes a fact's ``type`` field names).

    >>> [s["scheme"] for s in vocabulary_schemes()][:3]
    ['actor-type', 'agreement-status', 'basis']
    """
    store = _ontology_store()
    rows = []
    for row in store.query("SELECT ?s ?label ?definition WHERE { ?s a <%sConceptScheme> . "
                           "OPTIONAL { ?s <%sprefLabel> ?label } OPTIONAL { ?s <%sdefinition> ?definition } }"
                           % (SKOS, SKOS, SKOS)):
        name = row["s"].value.rsplit("/", 1)[1]
        rows.append({"scheme": name, "label": _text(row["label"]), "terms": str(len(vocabulary_terms(name))),
                     "definition": _text(row["definition"])})
    for name, (root, whose) in _CLASS_LISTS.items():
        rows.append({"scheme": name, "label": f"{root} classes", "terms": str(len(vocabulary_terms(name))),
                     "definition": f"The ontology classes {whose} type field names."})
    return sorted(rows, key=lambda r: r["scheme"])


def vocabulary_terms(scheme: str) -> list[dict[str, str]]:
    """The terms of one scheme (see :func:`vocabulary_schemes`), as a curator writes them
    (case, spaces and hyphens do not matter), with label, broader term and definition.
    An unknown scheme is a ``KeyError`` naming the schemes.

    >>> [(t["term"], t["broader"]) for t in vocabulary_terms("role") if t["term"] in ("host", "party")]
    [('host', 'third-party'), ('party', '')]
    """
    store = _ontology_store()
    if scheme in _CLASS_LISTS:
        return _class_terms(store, _CLASS_LISTS[scheme][0])
    iri = ox.NamedNode(VOCAB + scheme)
    if not any(True for _ in store.quads_for_pattern(iri, None, ox.NamedNode(SKOS + "ConceptScheme"))):
        raise KeyError(scheme)
    return [{"term": row["term"].value.rsplit("/", 1)[1], "label": _text(row["label"]),
             "broader": row["broader"].value.rsplit("/", 1)[1] if row["broader"] is not None else "",
             "definition": _text(row["definition"])}
            for row in store.query(_LISTING % {"skos": SKOS}, substitutions={ox.Variable("scheme"): iri})]


def _class_terms(store: ox.Store, root: str) -> list[dict[str, str]]:
    rows = store.query("SELECT ?root ?c ?label ?super ?comment WHERE { ?c <%ssubClassOf>* ?root . "
                       "OPTIONAL { ?c <%slabel> ?label } OPTIONAL { ?c <%ssubClassOf> ?super } "
                       "OPTIONAL { ?c <%sdefinition>|<%scomment> ?comment } } ORDER BY ?c" % (RDFS, RDFS, RDFS, SKOS, RDFS),
                       substitutions={ox.Variable("root"): ox.NamedNode(PW + root)})
    terms: dict[str, dict[str, str]] = {}
    for row in rows:
        if not row["c"].value.startswith(PW) or (root == "Source" and row["c"].value == PW + root):
            continue
        broader = row["super"].value[len(PW):] if row["super"] is not None and row["super"].value.startswith(PW) else ""
        entry = terms.setdefault(row["c"].value[len(PW):], {"term": row["c"].value[len(PW):],
                                 "label": _text(row["label"]), "broader": broader, "definition": _text(row["comment"])})
        entry["broader"] = entry["broader"] or broader
    return list(terms.values())


@cache
def _ontology_store() -> ox.Store:
    store = ox.Store()
    store.bulk_extend(ontology_quads())
    return store


def _text(term: ox.Literal | None) -> str:
    return "" if term is None else " ".join(term.value.split())
