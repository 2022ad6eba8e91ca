"""HTML documentation of the ontology and of each SKOS vocabulary.

``ontology.html`` documents every class and property of ``parley.ttl`` (pyLODE's OntPub
profile; pyLODE is the optional extra ``parley[docs]``), one ``vocab-SCHEME.html`` page
lists each concept scheme's concepts (pyLODE's VocPub profile lists none, so these are
written here), and ``index.html`` links them.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from parley.exports.files import write_files
from parley.model.errors import InputError, Problem
from parley.model.namespaces import PW
from parley.ontology import ontology_text, vocabulary_texts

__all__ = ["ontology_pages", "write_ontology_docs"]


@contextlib.contextmanager
def _pylode() -> Iterator[ModuleType]:
    """pyLODE, kept from configuring the root logger: it calls ``logging.basicConfig``
    when imported and ``logging.info`` as it works, and either adds a handler to a root
    logger that has none."""
    root = logging.getLogger()
    guard, level = logging.NullHandler(), root.level
    root.addHandler(guard)
    try:
        try:
            import pylode
        except ImportError:
            raise InputError([Problem("docs", 0, "", "needs pyLODE: pip install 'parley[docs]'")]) from None
        yield pylode
    finally:
        root.removeHandler(guard)
        root.setLevel(level)


def _vocabularies() -> rdflib.Graph:
    graph = rdflib.Graph()
    for _, text in vocabulary_texts():
        graph.parse(data=text, format="turtle")
    return graph


def _own_terms(ontology: rdflib.Graph) -> rdflib.Graph:
    """The ontology without the declarations of the terms it reuses (ORG, PROV-O, SKOS...),
    which would be documented as if they were its own, and with one title."""
    graph = rdflib.Graph()
    graph.namespace_manager = ontology.namespace_manager
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    for subject, predicate, value in ontology:
        if isinstance(subject, rdflib.URIRef) and subject != header and not str(subject).startswith(PW):
            continue
        if subject == header and predicate == RDFS.label:  # OntPub shows it beside the title
            continue
        graph.add((subject, predicate, value))
    return graph


_MAPPINGS = {SKOS.exactMatch: "exact match", SKOS.closeMatch: "close match", SKOS.broadMatch: "broad match",
             SKOS.narrowMatch: "narrow match", SKOS.relatedMatch: "related match"}

_STYLE = ("body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}"
          "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4em;"
          "text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-size:.95em}"
          "a{color:#0b5cad}td:first-child{white-space:nowrap}")


def _text(value: object) -> str:
    return html.escape(" ".join(str(value).split()))


def _local(iri: rdflib.term.Node) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[1]


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{_text(title)}</title>'
            f"<style>{_STYLE}</style></head>\n<body>\n{body}\n</body>\n</html>\n")


def _scheme_page(vocabularies: rdflib.Graph, scheme: rdflib.URIRef, label: str, definition: str) -> str:
    """One scheme's concepts: term, labels, broader term, definition, notation, mappings."""
    concepts = sorted(set(vocabularies.subjects(SKOS.inScheme, scheme)) | set(vocabularies.subjects(SKOS.topConceptOf, scheme))
                      | set(vocabularies.objects(scheme, SKOS.hasTopConcept)))
    rows = []
    for concept in concepts:
        term = _local(concept)
        also = ", ".join(_text(alt) for alt in sorted(vocabularies.objects(concept, SKOS.altLabel)))
        broader = " ".join(f'<a href="#{_text(_local(b))}">{_text(_local(b))}</a>'
                           for b in sorted(vocabularies.objects(concept, SKOS.broader)))
        notation = ", ".join(_text(n) for n in sorted(vocabularies.objects(concept, SKOS.notation)))
        mappings = "<br>".join(f'{kind}: <a href="{_text(match)}">{_text(match)}</a>'
                               for predicate, kind in _MAPPINGS.items()
                               for match in sorted(vocabularies.objects(concept, predicate)))
        rows.append(f'<tr id="{_text(term)}"><td><code>{_text(term)}</code></td>'
                    f"<td>{_text(vocabularies.value(concept, SKOS.prefLabel) or '')}"
                    f"{'<br><small>also: ' + also + '</small>' if also else ''}</td><td>{broader}</td>"
                    f"<td>{_text(vocabularies.value(concept, SKOS.definition) or '')}</td><td>{notation}</td>"
                    f"<td>{mappings}</td></tr>")
    body = (f'<p><a href="index.html">parley ontology and vocabularies</a></p>\n<h1>{_text(label)}</h1>\n'
            f"<p>{_text(definition)}</p>\n<p>Scheme <code>{_text(scheme)}</code>: {len(concepts)} terms. A facts file "
            f"writes a term by its name (case, spaces and hyphens do not matter).</p>\n<table>\n<tr><th>term</th>"
            f"<th>label</th><th>broader</th><th>definition</th><th>notation</th><th>mappings</th></tr>\n"
            + "\n".join(rows) + "\n</table>")
    return _page(label, body)


def ontology_pages() -> dict[str, str]:
    """Each page's file name and HTML: ``index.html``, ``ontology.html`` (pyLODE's
    OntPub) and one ``vocab-SCHEME.html`` per SKOS concept scheme.

    >>> sorted(ontology_pages())[:3]
    ['index.html', 'ontology.html', 'vocab-agreement-status.html']
    """
    ontology = rdflib.Graph().parse(data=ontology_text(), format="turtle")
    with _pylode() as pylode:
        pages = {"ontology.html": pylode.OntPub(_own_terms(ontology), sort_subjects=True).make_html()}
    vocabularies = _vocabularies()
    schemes: list[tuple[str, str, str]] = []
    for scheme in sorted(vocabularies.subjects(RDF.type, SKOS.ConceptScheme)):
        name = _local(scheme)
        label = str(vocabularies.value(scheme, SKOS.prefLabel) or name)
        definition = str(vocabularies.value(scheme, SKOS.definition) or "")
        pages[f"vocab-{name}.html"] = _scheme_page(vocabularies, scheme, label, definition)
        schemes.append((name, label, definition))
    title = str(ontology.value(next(ontology.subjects(RDF.type, OWL.Ontology)), DCTERMS.title) or "parley ontology")
    pages["index.html"] = _index(title, schemes)
    return pages


def _index(title: str, schemes: list[tuple[str, str, str]]) -> str:
    items = "\n".join(f'<li><a href="vocab-{_text(name)}.html">{_text(label)}</a> (<code>{_text(name)}</code>): '
                      f"{_text(definition)}</li>" for name, label, definition in schemes)
    body = (f"<h1>{_text(title)}</h1>\n<p><a href=\"ontology.html\">The ontology</a>: every class and property, "
            f"with its alignments to W3C ORG, PROV-O, SEM, schema.org, OWL-Time, SKOS and Wikidata.</p>\n"
            f"<h2>Vocabularies</h2>\n<p>The SKOS concept schemes whose terms facts files write "
            f"(<code>parley vocab SCHEME</code> lists them too).</p>\n<ul>\n{items}\n</ul>")
    return _page(title, body)


def write_ontology_docs(out: str | os.PathLike[str]) -> list[Path]:
    """Write the pages of :func:`ontology_pages` into folder ``out``, all or nothing.

    >>> import tempfile
    >>> [p.name for p in write_ontology_docs(tempfile.mkdtemp())][:2]
    ['index.html', 'ontology.html']
    """
    pages = ontology_pages()
    writers: dict[str, Callable[[BinaryIO], object] | Path] = {
        name: (lambda stream, text=text: stream.write(text.encode("utf-8"))) for name, text in sorted(pages.items())}
    return write_files(out, writers)
