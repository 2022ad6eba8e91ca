"""The main job: curated facts -> records -> quads -> store -> SHACL -> outputs."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from parley.errors import Problem
from parley.loaders import Import, load
from parley.namespaces import PREFIXES, PW, RDF
from parley.output import write_files
from parley.records import Record
from parley.store import load_ontology, load_quads, open_store, union_store
from parley.triples import Conversion, records_to_quads
from parley.validation import Validation, report_json, validate_quads
from parley.vocabulary import ontology_quads

__all__ = ["BuildResult", "build", "validate", "write_report", "count_classes", "top_actors", "SUMMARY_CLASSES"]

Progress = Callable[[str], None]

# Classes counted in the summary, in the order shown.
SUMMARY_CLASSES = ("Source", "Actor", "Person", "State", "Organization", "Conflict", "NegotiationProcess",
                   "NegotiationEvent", "Participation", "Agreement", "Provision", "Claim")

_TOP_ACTORS = """
PREFIX pw: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?label (COUNT(DISTINCT ?other) AS ?connections) (COUNT(DISTINCT ?thing) AS ?engagements) WHERE {
    ?thing pw:hasParticipation ?p , ?q .
    ?p pw:actor ?actor .
    ?q pw:actor ?other .
    FILTER (?other != ?actor)
    ?actor rdfs:label ?label .
}
GROUP BY ?actor ?label
ORDER BY DESC(?connections) DESC(?engagements) ?label
LIMIT 5
"""


@dataclass
class BuildResult:
    """What a build or validation produced."""

    records: list[Record]
    conversion: Conversion
    validation: Validation
    store: ox.Store | None = None
    counts: dict[str, int] = field(default_factory=dict)
    top_actors: list[dict[str, object]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)  # one summary line per imported data-set file

    @property
    def conforms(self) -> bool:
        return self.validation.conforms

    @property
    def problems(self) -> list[Problem]:
        return self.validation.problems


def _check(paths: Iterable[str | os.PathLike[str]] | None, encoding: str, progress: Progress | None,
           imports: Iterable[Import], imported: list[str]) -> tuple[list[Record], Conversion, Validation, bytes]:
    """Load, convert and validate; also the union of the record graphs as Turtle (kg.ttl)."""
    say = progress or (lambda stage: None)
    say("reading facts")
    paths = list(paths) if paths else None
    records = load(paths, imports=imports, encoding=encoding, reports=imported)
    say("making triples")
    conversion = records_to_quads(records)
    say("validating with SHACL")
    union = union_store(conversion.quads, with_ontology=False)
    union_turtle = union.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    union.bulk_extend(ontology_quads())
    validation = validate_quads(conversion, union=union)
    if not validation.conforms:  # read again with exact lines for every field, to report them
        records = load(paths, imports=imports, encoding=encoding, precise=True)
        conversion = records_to_quads(records)
        validation = validate_quads(conversion)
    return records, conversion, validation, union_turtle


def validate(paths: Iterable[str | os.PathLike[str]] | None = None, *, imports: Iterable[Import] = (),
             encoding: str = "utf-8", report: str | os.PathLike[str] | None = None,
             progress: Progress | None = None) -> BuildResult:
    """Load and validate curated facts (and data-set ``imports``) without writing outputs;
    the bundled data set when given neither.

    Raises :class:`~parley.errors.InputError` for bad input.

    >>> validate().conforms
    True
    """
    imported: list[str] = []
    records, conversion, validation, _ = _check(paths, encoding, progress, imports, imported)
    result = BuildResult(records, conversion, validation, imported=imported)
    if report is not None:
        write_report(validation, report)
    return result


def build(paths: Iterable[str | os.PathLike[str]] | None = None, *, imports: Iterable[Import] = (),
          out: str | os.PathLike[str] = "out", store: str | os.PathLike[str] | None = None,
          report: str | os.PathLike[str] | None = None, encoding: str = "utf-8",
          progress: Progress | None = None) -> BuildResult:
    """Build the knowledge graph from curated facts and data-set ``imports`` (the bundled
    data set when given neither).

    Writes ``kg.trig`` (named graphs and provenance), ``kg.ttl`` (their union) and
    ``validation.ttl`` into ``out``, replacing earlier outputs only once all are
    written. The store is in memory, or on disk in folder ``store``. Raises
    :class:`~parley.errors.InputError` for bad input, before anything is written.

    >>> import tempfile
    >>> result = build(out=tempfile.mkdtemp())
    >>> result.conforms, [p.name for p in result.outputs]
    (True, ['kg.trig', 'kg.ttl', 'validation.ttl'])
    """
    imported: list[str] = []
    records, conversion, validation, union_turtle = _check(paths, encoding, progress, imports, imported)
    say = progress or (lambda stage: None)
    say("loading the store")
    oxstore = open_store(store, clear=True)
    load_quads(oxstore, conversion.quads)
    result = BuildResult(records, conversion, validation, oxstore, count_classes(conversion.quads),
                         top_actors(oxstore), imported=imported)
    say("writing outputs")
    # Oxigraph writes in its own index order, which depends only on the data: two builds
    # of the same facts give the same bytes.
    writers = {
        "kg.trig": lambda f: oxstore.dump(f, format=ox.RdfFormat.TRIG, prefixes=PREFIXES),
        "kg.ttl": lambda f: f.write(union_turtle),
        "validation.ttl": lambda f: f.write(validation.report.serialize(format="turtle", encoding="utf-8")),
    }
    if report is not None:
        write_report(validation, report)
    result.outputs = write_files(out, writers)
    load_ontology(oxstore)
    return result


def write_report(validation: Validation, path: str | os.PathLike[str]) -> Path:
    """Write the full validation report: JSON for ``.json``, Turtle otherwise."""
    target = Path(path)
    if target.suffix.lower() == ".json":
        content = report_json(validation).encode("utf-8")
    else:
        content = validation.report.serialize(format="turtle", encoding="utf-8")
    return write_files(target.parent, {target.name: lambda f: f.write(content)})[0]


def count_classes(quads: list[ox.Quad]) -> dict[str, int]:
    """How many distinct nodes of each summary class the quads type."""
    rdf_type = ox.NamedNode(RDF + "type")
    wanted = {ox.NamedNode(PW + name): name for name in SUMMARY_CLASSES}
    typed = {(q.subject, wanted[q.object]) for q in quads if q.predicate == rdf_type and q.object in wanted}
    counts = Counter(name for _, name in typed)
    return {name: counts.get(name, 0) for name in SUMMARY_CLASSES}


def top_actors(store: ox.Store) -> list[dict[str, object]]:
    """The five actors with the most distinct co-participants (ties: most engagements)."""
    rows = store.query(_TOP_ACTORS, use_default_graph_as_union=True)
    return [{"actor": row["actor"].value.rsplit("/", 1)[-1], "name": row["label"].value,
             "connections": int(row["connections"].value), "engagements": int(row["engagements"].value)}
            for row in rows]

