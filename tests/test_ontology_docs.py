"""``parley docs``: HTML documentation of the ontology (pyLODE) and of every SKOS
vocabulary, as written from the packaged ontology files."""

from __future__ import annotations

import logging
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

import parley
from parley.exports import ontology_docs
from parley.model.namespaces import PW
from parley.ontology import ontology_text, vocabulary_texts
from helpers import run_parley


class _Page(HTMLParser):
    """The text, ids and links of a page, and whether its tags nest as written."""

    VOID = {"meta", "link", "br", "img", "hr", "input", "col", "wbr", "source"}

    def __init__(self, text: str) -> None:
        super().__init__()
        self.words: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.scripts = 0
        self.open: list[str] = []
        self.misnested = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self.scripts += tag == "script"
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.misnested += 1

    def handle_data(self, data):
        self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    done = run_parley("docs", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # pyLODE's own logging stays quiet
    return out


def _schemes() -> list[str]:
    graph = rdflib.Graph()
    for _, text in vocabulary_texts():
        graph.parse(data=text, format="turtle")
    return sorted(str(s).rsplit("/", 1)[1] for s in graph.subjects(RDF.type, SKOS.ConceptScheme))


def test_docs_writes_an_index_the_ontology_and_a_page_per_scheme(docs):
    names = sorted(p.name for p in docs.iterdir())
    assert names == sorted(["index.html", "ontology.html", *(f"vocab-{s}.html" for s in _schemes())])
    index = _Page((docs / "index.html").read_text(encoding="utf-8"))
    assert sorted(index.links) == sorted(["ontology.html", *(f"vocab-{s}.html" for s in _schemes())])
    assert "Roles in negotiations" in index.text


def test_the_ontology_page_documents_every_class_and_property_of_parley_once(docs):
    ontology = rdflib.Graph().parse(data=ontology_text(), format="turtle")
    own = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
           for s in ontology.subjects(RDF.type, kind) if str(s).startswith(PW)}
    assert len(own) > 60
    page = _Page((docs / "ontology.html").read_text(encoding="utf-8"))
    missing = [str(term) for term in own if str(term) not in page.text]
    assert not missing
    # The terms it reuses are linked to, not documented as its own.
    assert "http://www.w3.org/ns/prov#Agent" not in page.text.split("Classes", 1)[1].split("Object Properties")[0]
    assert page.text.count("parley: an ontology of actors, negotiations and mediation") >= 1
    assert "mediationparley ontology" not in page.text


def test_each_vocabulary_page_lists_every_term_with_its_definition(docs):
    for scheme in ("role", "agreement-status", "stance", "issue"):
        page = _Page((docs / f"vocab-{scheme}.html").read_text(encoding="utf-8"))
        assert page.misnested == 0 and page.scripts == 0
        terms = parley.vocabulary_terms(scheme)
        assert {term["term"] for term in terms} <= page.ids, scheme
        for term in terms:
            assert term["definition"] in page.text, (scheme, term["term"])
    roles = _Page((docs / "vocab-role.html").read_text(encoding="utf-8"))
    assert "#third-party" in roles.links  # mediator's broader term, linked in the page
    assert "also: broker" in roles.text


def test_two_runs_write_the_same_bytes(docs, tmp_path):
    again = tmp_path / "again"
    assert run_parley("docs", "--out", str(again)).returncode == 0
    for page in docs.iterdir():
        assert (again / page.name).read_bytes() == page.read_bytes(), page.name


def test_every_value_is_escaped(monkeypatch):
    hostile = ('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
               '<https://w3id.org/parley/vocab/x> a skos:ConceptScheme ; skos:prefLabel "X <b>bold</b>" ;'
               ' skos:definition "a & b" .\n'
               '<https://w3id.org/parley/vocab/x/t> a skos:Concept ; skos:inScheme <https://w3id.org/parley/vocab/x> ;'
               ' skos:prefLabel "<script>alert(1)</script>" ; skos:definition "\\"><img src=x onerror=alert(1)>" .\n')
    real = ontology_docs.vocabulary_texts
    monkeypatch.setattr(ontology_docs, "vocabulary_texts", lambda: [*real(), ("hostile.ttl", hostile)])
    pages = ontology_docs.ontology_pages()
    page = pages["vocab-x.html"]
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a &amp; b" in page
    assert "X &lt;b&gt;bold&lt;/b&gt;" in pages["index.html"]


def test_docs_leaves_the_callers_logging_as_it_was(monkeypatch):
    # pyLODE calls logging.basicConfig(level=DEBUG) when first imported.
    for name in [name for name in sys.modules if name == "pylode" or name.startswith("pylode.")]:
        monkeypatch.delitem(sys.modules, name)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", logging.WARNING)
    ontology_docs.ontology_pages()
    assert root.handlers == [] and root.level == logging.WARNING


def test_without_pylode_docs_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pylode", None)  # import pylode raises ImportError
    with pytest.raises(parley.InputError, match=r"pip install 'parley\[docs\]'"):
        parley.write_ontology_docs(tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_docs_into_a_file_is_refused_and_the_file_kept(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    done = run_parley("docs", "--out", str(taken))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith("is a file.")
    assert taken.read_text(encoding="utf-8") == "mine"


def test_docs_into_a_folder_it_cannot_write_is_one_line_exit_2(tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    (parent / "site").write_text("", encoding="utf-8")  # a file where the folder would go
    done = run_parley("docs", "--out", str(parent / "site" / "docs"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and str(parent / "site") in done.stderr
