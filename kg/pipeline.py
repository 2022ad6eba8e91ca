"""The main job: curated facts -> records -> quads -> store -> SHACL -> outputs.

Records are turned into quads a batch at a time; each batch goes into the store and
to SHACL validation (:mod:`parley.shacl.batches`) before the next is made, so the
build's memory is the records, the store and a few batches, whatever the size.
"""

from __future__ import annotations

import functools
import gc
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox
import rdflib

from parley.exports.files import remove_debris, staging_folder, temporary_prefix, write_files
from parley.loaders import Import, load
from parley.model.errors import Problem
from parley.model.namespaces import PREFIXES, PW
from parley.model.records import Record
from parley.network.measures import centrality
from parley.network.projections import project
from parley.network.tables import GraphTables, content_hash, read_store, table_files
from parley.rdf.store import (
    BackgroundLoader,
    check_store_folder,
    default_graph_lines,
    load_ontology,
    named_quads,
    new_store_folder,
    open_read_only,
    open_store,
    swap_store,
    without_graph_names,
)
from parley.rdf.triples import Conversion, record_types, records_to_quads, reference_kinds
from parley.shacl.batches import BatchValidator
from parley.shacl.validation import Validation, core_and_sparql_shapes, located, report_json

__all__ = ["BuildResult", "build", "validate", "write_report", "count_classes", "curator_facts", "top_actors",
           "SUMMARY_CLASSES", "BATCH_RECORDS", "PARALLEL_RECORDS"]

Progress = Callable[[str], None]
StoreWork = Callable[[ox.Store, list[Record], "_Clock"], None]  # on the built store and its records

# Records per batch. The SHACL engine's time per record grows with the size of the
# batch it is given: at 100k events, batches of 250 records validate in about a
# quarter less time than batches of 1,000, and smaller ones gain nothing more.
BATCH_RECORDS = 250
# Records per load into the store: Oxigraph's bulk loader writes files of its own for
# each load into a store on disk, and each load into a store in memory has a cost of
# its own too (at 100k events, loads of 1,000 records take 5 to 8% less time than
# loads of 250), so batches are loaded a few at a time.
LOAD_RECORDS = 1000
# From this many records on, batches are validated in worker processes (which take a
# second or two to start) while the next batch is made.
PARALLEL_RECORDS = 5000

# Classes counted in the summary, in the order shown.
SUMMARY_CLASSES = ("Source", "Actor", "Person", "State", "Organization", "Conflict", "NegotiationProcess",
                   "NegotiationEvent", "Participation", "Agreement", "Provision", "Claim")

@dataclass
class BuildResult:
    """What a build or validation produced: the records, the validation, and the store:
    its default graph is the union of the record graphs and the ontology, and it holds
    one named graph per record and the provenance graph too, unless the build was asked
    not to keep them (``record_graphs=False``)."""

    records: list[Record]
    validation: Validation
    store: ox.Store
    triples: int = 0  # quads made from the records (record graphs and provenance)
    counts: dict[str, int] = field(default_factory=dict)
    top_actors: list[dict[str, object]] = field(default_factory=list)
    curator_facts: int = 0  # facts resting on the curator's knowledge, not on a cited text
    outputs: list[Path] = field(default_factory=list)  # the graph files and the validation report
    tables: list[Path] = field(default_factory=list)  # the analysis tables and their manifest
    imported: list[str] = field(default_factory=list)  # one summary line per imported data-set file
    warnings: list[Problem] = field(default_factory=list)  # rows of imported data sets left out
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (CPU seconds for "..., CPU")

    @property
    def conforms(self) -> bool:
        return self.validation.conforms

    def __repr__(self) -> str:
        verdict = "conforms" if self.conforms else f"does not conform: {len(self.problems)} problem(s)"
        outputs = f", outputs={[str(p) for p in self.outputs]}" if self.outputs else ""
        return f"<BuildResult {len(self.records)} records, {self.triples} triples, {verdict}{outputs}>"

    @property
    def problems(self) -> list[Problem]:
        return self.validation.problems

    @property
    def quads(self) -> list[ox.Quad]:
        """The quads made from the records (the store's named graphs but the ontology's;
        none if the record graphs were not kept)."""
        return list(named_quads(self.store))


class _Clock:
    """Seconds spent per stage, added up over batches."""

    def __init__(self, say: Progress | None):
        self.timings: dict[str, float] = {}
        self.say = say or (lambda stage: None)
        self._lock = threading.Lock()  # stages are timed in more than one thread

    def __call__(self, stage: str, function: Callable, *args, **kwargs):
        started = time.perf_counter()
        value = function(*args, **kwargs)
        self.add(stage, time.perf_counter() - started)
        return value

    def add(self, stage: str, seconds: float) -> None:
        with self._lock:
            self.timings[stage] = self.timings.get(stage, 0.0) + seconds


def _assemble(records: list[Record], store: ox.Store, clock: _Clock, *, locate: bool, record_graphs: bool,
              on_disk: bool, trig: BinaryIO | None = None,
              meanwhile: Sequence[StoreWork] = ()) -> tuple[Validation, int]:
    """Records -> quads -> store, a batch at a time, each batch validated as it goes; the
    store's default graph is the union of the record graphs and the ontology, and it
    holds the record graphs themselves if ``record_graphs``. With ``trig``, the record
    graphs are written there too, as TriG. Once the store holds every record, and while
    the last batches are validated, threads run the SHACL-SPARQL constraints and each
    work of ``meanwhile`` on it, side by side, before the ontology is added."""
    core, constraints = core_and_sparql_shapes()
    workers = min(2, os.cpu_count() or 1) if len(records) >= PARALLEL_RECORDS else 0
    validator = BatchValidator(core, constraints, record_types(records), workers=workers)
    join = max(1, LOAD_RECORDS // BATCH_RECORDS)
    loader = BackgroundLoader(store, bulk=on_disk, lenient=True, join=join)  # batches Oxigraph serialized
    where = Conversion()
    try:
        triples = _load_batches(records, clock, loader, validator, where, locate=locate, record_graphs=record_graphs,
                                trig=trig)
        loader.finish()
    except BaseException:
        loader.cancel()
        validator.close()
        raise
    for stage, seconds in (("load store", loader.waited), ("load store, in the background", loader.busy)):
        clock.add(stage, seconds)

    clock.say("validating with SHACL")
    # The constraints' class targets need no ontology: a record graph states every class
    # of its nodes, superclasses included (parley.rdf.triples).
    with ThreadPoolExecutor(len(meanwhile) + 1, thread_name_prefix="parley-store") as threads:
        sparql = threads.submit(clock, "SHACL-SPARQL, in the background", validator.constraint_results, store,
                                union=False)
        works = [threads.submit(work, store, records, clock) for work in meanwhile]

        def finish() -> tuple[bool, rdflib.Graph]:
            verdict = validator.finish(constraint_results=sparql.result())
            for work in works:
                work.result()
            return verdict

        try:
            conforms, report = clock("SHACL", finish)
        except BaseException:
            validator.close()
            raise
    load_ontology(store)
    for stage, seconds in validator.cpu.items():  # CPU time, not waited for: the workers' own
        clock.add(stage, seconds)
    return located(conforms, report, where), triples


def _load_batches(records: list[Record], clock: _Clock, loader: BackgroundLoader, validator: BatchValidator,
                  where: Conversion, *, locate: bool, record_graphs: bool, trig: BinaryIO | None) -> int:
    """Each batch of records to the loader, the validator and ``trig``; node origins into
    ``where``; returns how many quads were made."""
    kinds_of = reference_kinds(records)
    described: set[ox.Quad] = set()
    triples = 0
    for start in range(0, len(records), BATCH_RECORDS):
        batch = clock("records to triples", records_to_quads, records[start:start + BATCH_RECORDS], locate=locate,
                      kinds_of=kinds_of, described=described)
        if record_graphs:
            nquads = clock("records to triples", ox.serialize, batch.quads, format=ox.RdfFormat.N_QUADS)
            union = clock("records to triples", without_graph_names, nquads)
            loader.put(nquads + union)
        else:
            union = clock("records to triples", default_graph_lines, batch.quads)
            loader.put(union)
        clock("SHACL", validator.submit, union)
        if trig is not None:
            clock("write outputs", _write_trig, batch.quads, trig, first=start == 0)
        triples += len(batch.quads)
        for node, origin in batch.nodes.items():
            where.nodes.setdefault(node, origin)
        for key, line in batch.field_lines.items():
            where.field_lines.setdefault(key, line)
    return triples


def _write_trig(quads: list[ox.Quad], trig: BinaryIO, *, first: bool) -> None:
    """Append a batch's graphs to a TriG file: prefixes before the first batch only. A
    graph named in more than one batch (provenance, places) is their union in TriG."""
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    if not first:
        end = 0
        while text.startswith(b"@prefix ", end):
            end = text.index(b"\n", end) + 1
        text = text[end:]
    trig.write(text)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. A build makes millions of objects (fields,
    records, terms) that live until it ends, and the collector would scan them all again
    each time their number grows by a quarter: half the time of reading 100k events.
    Reference counting still frees everything else as soon as it is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(paths: Iterable[str | os.PathLike[str]] | None, encoding: str, clock: _Clock, imports: Iterable[Import],
           imported: list[str], store: str | os.PathLike[str] | None, record_graphs: bool,
           trig: BinaryIO | None = None, meanwhile: Sequence[StoreWork] = ()) -> BuildResult:
    """Load, convert, store and validate (writing the record graphs to ``trig``, running
    the works of ``meanwhile`` once the store holds every record); on a problem, again with
    exact lines to report."""
    if store is not None:
        check_store_folder(store)  # before reading: the facts may take minutes
    clock.say("reading facts")
    paths = list(paths) if paths else None
    imports = list(imports)
    warnings: list[Problem] = []
    records = clock("parse", load, paths, imports=imports, encoding=encoding, reports=imported, warnings=warnings)
    clock.say("making triples")
    oxstore = open_store(store, clear=True)
    validation, triples = _assemble(records, oxstore, clock, locate=False, record_graphs=record_graphs,
                                    on_disk=store is not None, trig=trig, meanwhile=meanwhile)
    if not validation.conforms:  # locate each problem: the records' exact lines, and where each node came from
        precise = load(paths, imports=imports, encoding=encoding, precise=True)
        conversion = clock("locate problems", records_to_quads, precise, locate=True)
        validation, records = located(validation.conforms, validation.report, conversion), precise
    return BuildResult(records, validation, oxstore, triples, imported=imported, warnings=warnings,
                       timings=clock.timings)


def validate(paths: Iterable[str | os.PathLike[str]] | None = None, *, imports: Iterable[Import] = (),
             encoding: str = "utf-8", report: str | os.PathLike[str] | None = None,
             progress: Progress | None = None, record_graphs: bool = True) -> BuildResult:
    """Load and validate curated facts (and data-set ``imports``) without writing outputs;
    the bundled data set when given neither. With ``record_graphs=False`` the store
    holds only the union of the record graphs (the verdict is the same).

    Raises :class:`~parley.model.errors.InputError` for bad input.

    >>> validate().conforms
    True
    """
    with _cyclic_gc_paused():
        result = _check(paths, encoding, _Clock(progress), imports, [], None, record_graphs)
    if report is not None:
        write_report(result.validation, report)
    return result


def build(paths: Iterable[str | os.PathLike[str]] | None = None, *, imports: Iterable[Import] = (),
          out: str | os.PathLike[str] = "out", store: str | os.PathLike[str] | None = None,
          report: str | os.PathLike[str] | None = None, encoding: str = "utf-8",
          progress: Progress | None = None, record_graphs: bool = True) -> BuildResult:
    """Build the knowledge graph from curated facts and data-set ``imports`` (the bundled
    data set when given neither).

    Writes ``kg.trig`` (named graphs and provenance), ``kg.ttl`` (their union) and
    ``validation.ttl`` into ``out``, with the analysis tables read from the graph
    (:mod:`parley.network.tables`: ``actors``, ``processes``, ``events``, ``agreements``,
    ``participations``, each ``.parquet`` and ``.csv``, and the manifest ``tables.json``
    holding the graph files' content hashes), replacing earlier outputs only once all are
    written. The store is in memory, or on disk in folder ``store`` (then returned opened
    read-only, as another build may replace it at any time); with
    ``record_graphs=False`` it holds only the union of the record graphs, not the graphs
    themselves (the outputs are the same; queries that read named graphs, such as
    who-says-so, then need ``kg.trig``). Raises :class:`~parley.model.errors.InputError` for
    bad input, before anything is written.

    >>> import tempfile
    >>> result = build(out=tempfile.mkdtemp())
    >>> result.conforms, [p.name for p in result.outputs]
    (True, ['kg.trig', 'kg.ttl', 'validation.ttl'])
    >>> [p.name for p in result.tables][-3:]
    ['participations.parquet', 'participations.csv', 'tables.json']
    """
    clock = _Clock(progress)
    # kg.trig is written batch by batch, in record order, into a hidden file on the
    # output folder's file system; kg.ttl is dumped from the store, in the order
    # Oxigraph gives (which follows the order the batches were loaded in), into another
    # while the last batches are validated; both are renamed into place at the end.
    # Both depend only on the data: two builds of the same facts give the same bytes.
    counts: dict[str, int] = {}
    ranked: list[dict[str, object]] = []
    hashes: dict[str, str] = {}
    tables: list[GraphTables] = []

    def dump(oxstore: ox.Store, records: list[Record], clock: _Clock) -> None:  # the data, not the ontology
        ttl.seek(0)
        ttl.truncate()
        clock("write outputs, in the background", oxstore.dump, ttl, format=ox.RdfFormat.TURTLE,
              from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        ttl.flush()
        hashes["kg.ttl"] = clock("write outputs, in the background", content_hash, ttl.name)

    def summarize(oxstore: ox.Store, records: list[Record], clock: _Clock) -> None:
        counts.update(clock("summary", count_classes, oxstore))

    def tabulate(oxstore: ox.Store, records: list[Record], clock: _Clock) -> None:
        trig.flush()  # every batch is written by now
        hashes["kg.trig"] = clock("analysis tables", content_hash, trig.name)
        tables.append(clock("analysis tables", read_store, oxstore))
        ranked[:] = clock("summary", top_actors, tables[0])

    staging = staging_folder(out)
    remove_debris(staging)
    building = new_store_folder(store) if store is not None else None  # the store answers as before till the end
    try:
        with _staged(staging, ".trig") as trig, _staged(staging, ".ttl") as ttl:
            result = _build_into(paths, encoding, clock, imports, building, record_graphs, trig, ttl, out, report,
                                 counts, ranked, (dump, summarize, tabulate), hashes, tables)
        if store is not None and building is not None:
            result.store = None  # type: ignore[assignment]  # closed before its folder moves
            gc.collect()
            swap_store(building, store)
            result.store = open_read_only(store)
    finally:
        if building is not None and building.exists():
            shutil.rmtree(building, ignore_errors=True)
    return result


def _build_into(paths: Iterable[str | os.PathLike[str]] | None, encoding: str, clock: _Clock, imports: Iterable[Import],
                store: Path | None, record_graphs: bool, trig: BinaryIO, ttl: BinaryIO,
                out: str | os.PathLike[str], report: str | os.PathLike[str] | None, counts: dict[str, int],
                ranked: list[dict[str, object]], meanwhile: Sequence[StoreWork], hashes: dict[str, str],
                tables: list[GraphTables]) -> BuildResult:
    """The build's work once its staged files are open: check, then write the outputs."""
    with _cyclic_gc_paused():
        result = _check(paths, encoding, clock, imports, [], store, record_graphs, trig, meanwhile)
    result.counts, result.top_actors = counts, ranked
    result.curator_facts = curator_facts(result.records)
    clock.say("writing outputs")
    trig.close()  # written: closed before they are renamed
    ttl.close()
    writers: dict[str, Callable[[BinaryIO], object] | Path] = {
        "kg.trig": Path(trig.name),
        "kg.ttl": Path(ttl.name),
        "validation.ttl": lambda f: f.write(result.validation.report.serialize(format="turtle", encoding="utf-8")),
    }
    if report is not None:
        write_report(result.validation, report)
    graph_files = {name: hashes[name] for name in ("kg.trig", "kg.ttl")}
    for name, content in clock("analysis tables", table_files, tables[0], graph_files).items():
        writers[name] = functools.partial(_write_bytes, content)
    written = clock("write outputs", write_files, out, writers)
    result.outputs, result.tables = written[:3], written[3:]
    return result


def _write_bytes(content: bytes, stream: BinaryIO) -> None:
    stream.write(content)


@contextmanager
def _staged(folder: Path, suffix: str) -> Iterator[BinaryIO]:
    """A hidden file in ``folder`` for an output written while the build goes on;
    removed at the end unless it was moved into place."""
    stream = tempfile.NamedTemporaryFile(dir=folder, prefix=temporary_prefix("kg" + suffix), suffix=".tmp", delete=False)
    try:
        yield cast(BinaryIO, stream)
    finally:
        stream.close()
        Path(stream.name).unlink(missing_ok=True)


def write_report(validation: Validation, path: str | os.PathLike[str]) -> Path:
    """Write the full validation report: JSON for ``.json``, Turtle otherwise."""
    target = Path(path)
    if target.suffix.lower() == ".json":
        content = report_json(validation).encode("utf-8")
    else:
        content = validation.report.serialize(format="turtle", encoding="utf-8")
    return write_files(target.parent, {target.name: lambda f: f.write(content)})[0]


def curator_facts(records: Iterable[Record]) -> int:
    """How many records, participations, posts, status changes and cited fields rest on a
    source of type ``CuratorKnowledge`` (what no cited text states).

    >>> curator_facts(load())  # in the bundled data: the grain deal's parties and statuses, June 2's venue...
    8
    """
    records = list(records)
    curator = {r.id for r in records if r.kind == "source" and (r.get("type") or "").lower() == "curatorknowledge"}
    if not curator:
        return 0
    count = 0
    for record in records:
        count += bool(curator & set(record.get("sources") or ())) if record.kind != "source" else 0
        for name in ("participants", "posts", "statuses", "cite"):
            count += sum(1 for child in record.get(name) or () if curator & set(child.get("sources") or ()))
    return count


def count_classes(store: ox.Store) -> dict[str, int]:
    """How many distinct nodes of each summary class the store's default graph types
    (participations: nodes and the plain ``pw:participant`` edges of bulk rows)."""
    wanted = " ".join(f"pw:{name}" for name in SUMMARY_CLASSES)
    rows = store.query(f"PREFIX pw: <{PW}> SELECT ?class (COUNT(DISTINCT ?node) AS ?n) WHERE {{ "
                       f"VALUES ?class {{ {wanted} }} ?node a ?class }} GROUP BY ?class")
    counts = {row["class"].value[len(PW):]: int(row["n"].value) for row in rows}
    [plain] = store.query(f"PREFIX pw: <{PW}> SELECT (COUNT(*) AS ?n) WHERE {{ ?event pw:participant ?actor }}")
    counts["Participation"] = counts.get("Participation", 0) + int(plain["n"].value)
    return {name: counts.get(name, 0) for name in SUMMARY_CLASSES}


def top_actors(store: ox.Store | GraphTables, limit: int | None = 5) -> list[dict[str, object]]:
    """The most connected actors, as ``parley centrality`` ranks them by default: the
    folded co-participation projection, by degree (distinct co-participants), with the
    events (or, in a graph without events, agreements: ``through``) they shared
    (weighted degree) beside it.

    >>> [(a["actor"], a["connections"], a["shared"]) for a in top_actors(validate().store, 2)]
    [('ukraine', 3, 6), ('turkiye', 2, 5)]
    """
    graph = project("co-participation", store=store)
    frame = centrality(graph, ("degree", "weighted-degree"))
    rows = frame.to_dict(orient="records")[:limit]
    through = "agreement" if graph.graph.get("ties") == "agreements" else "event"
    return [{"actor": row["actor"], "name": row["label"], "connections": int(row["degree"]),
             "shared": int(row["weighted-degree"]), "through": through} for row in rows]
