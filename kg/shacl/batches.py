"""SHACL validation of a large graph in batches of records, while the graph is built.

Every core shape of parley's shapes graph looks only at the node it targets, the
values of the paths it names, and the classes of those values. A record's nodes
are described in the record's own graph, so a batch of record graphs can be
validated on its own once the batch carries the types of the nodes it refers to
(actors, sources, processes declared by other records) and the ontology for
``rdfs:subClassOf``, and its own nodes are its focus nodes. The result is the
same as validating the union, at a cost that grows linearly with the data; for
large data, worker processes validate while the next batch is made. The
SHACL-SPARQL constraints, which may look at the whole graph, run once over the
store when every batch is in (:mod:`parley.shacl.sparql_constraints`).
"""

from __future__ import annotations

import pickle
import signal
import struct
import subprocess
import sys
import time
from functools import cache
from typing import IO, Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from parley.model.vocabulary import ontology_quads
from parley.shacl.sparql_constraints import evaluate

__all__ = ["BatchValidator", "PREPARING", "CHECKING"]

_TARGETS = {SH.targetClass, SH.targetSubjectsOf}
# Stage names of the CPU time the validation of batches spends (in workers or in-line).
PREPARING = "SHACL batches prepared, CPU"
CHECKING = "SHACL engine, CPU"


_TYPE = f"<{RDF.type}>".encode()


@cache
def _ontology_lines() -> list[bytes]:
    return ox.serialize((q.triple for q in ontology_quads()), format=ox.RdfFormat.N_TRIPLES).splitlines()


def _read_by(shapes: rdflib.Graph) -> tuple[frozenset[bytes], frozenset[bytes]] | None:
    """What of a graph the shapes may read, as N-Triples terms: the predicates (every IRI
    the shapes name, with rdf:type and rdfs:subClassOf) and the classes (every IRI they
    name: a type the shapes never name can neither make a node a target nor pass a
    ``sh:class`` check, given every type of a node is stated). None if a closed shape
    reads all."""
    if (None, SH.closed, rdflib.Literal(True)) in shapes:
        return None
    named = {f"<{term}>".encode() for triple in shapes for term in triple if isinstance(term, rdflib.URIRef)}
    return frozenset(named | {_TYPE, f"<{RDFS.subClassOf}>".encode()}), frozenset(named)


class _Batches:
    """Validates N-Triples batches with the core shapes: in a worker process, or in-line."""

    def __init__(self, core_turtle: str, types: dict[str, tuple[str, ...]]):
        import pyshacl_turbo
        from pyshacl_turbo.rdf import Input  # N-Triples text as the engine reads it

        core = rdflib.Graph().parse(data=core_turtle, format="turtle")
        self.program = pyshacl_turbo.compile_shapes(core, advanced=True)
        self.cpu = {PREPARING: 0.0, CHECKING: 0.0}  # seconds of this thread's CPU time
        self.text_input = Input
        self.read = _read_by(core)
        if self.read is None:
            self.types = types
            self.ontology = b"\n".join(_ontology_lines()) + b"\n"
        else:
            classes = self.read[1]
            self.types = {node: kept for node, all_types in types.items()
                          if (kept := tuple(c for c in all_types if f"<{c}>".encode() in classes))}
            self.ontology = b"".join(line + b"\n" for line in _ontology_lines() if self._reads(line))

    def _reads(self, line: bytes) -> bool:
        """Whether the shapes may read the triple on an N-Triples ``line``."""
        _, predicate, rest = line.split(b" ", 2)
        predicates, classes = self.read
        return predicate in predicates and (predicate != _TYPE or rest[:rest.rindex(b" ")] in classes)

    def validate(self, ntriples: bytes) -> tuple[bool, str]:
        """The verdict, and the report as N-Triples when the batch does not conform."""
        # In N-Triples each triple is one line, its terms apart by spaces and IRIs without
        # spaces: "<s> <p> <o> ." or "<s> <p> "literal" .".
        started = time.thread_time()
        subjects, objects, lines = set(), set(), []
        predicates, classes = self.read or ((), ())
        for line in ntriples.splitlines():
            subject, predicate, rest = line.split(b" ", 2)
            subjects.add(subject)
            if rest[0] == 60:  # "<": an IRI
                value = rest[:rest.index(b">") + 1]
                objects.add(value)
                if predicate == _TYPE and self.read is not None and value not in classes:
                    continue
            if self.read is None or predicate in predicates:
                lines.append(line)
        # The batch's nodes are the focus nodes. Nodes of other records it refers to are
        # given their types, for sh:class; their own shapes are checked with their records.
        context = [f"{node.decode()} <{RDF.type}> <{cls}> ." for node in objects - subjects
                   for cls in self.types.get(node[1:-1].decode(), ())]
        data = self.ontology + b"\n".join(lines) + b"\n" + "\n".join(context).encode() + b"\n"
        focus = [node[1:-1].decode() for node in subjects if node[0] == 60]
        # The text goes to the engine as it is (a Store would be dumped to text first).
        batch = self.text_input(data.decode("utf-8"), "nt", None, {}, preserve_ids=True)
        prepared = time.thread_time()
        conforms, report, _ = self.program.validate(batch, allow_warnings=True, focus_nodes=focus)
        self.cpu[PREPARING] += prepared - started
        self.cpu[CHECKING] += time.thread_time() - prepared
        return bool(conforms), "" if conforms else report.serialize(format="nt")


class _Worker:
    """A ``python -m parley.shacl.batches`` process validating the batches it is sent
    (a plain child process: it does not re-run the caller's main module, and a fork
    could inherit the locks of the store's threads)."""

    def __init__(self, core_turtle: str, types: dict[str, tuple[str, ...]]):
        self.process = subprocess.Popen([sys.executable, "-m", "parley.shacl.batches"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        self.waiting = 0
        self.send((core_turtle, types))

    def send(self, message: object) -> None:
        _write(self.process.stdin, message)

    def receive(self) -> tuple[bool, str]:
        outcome = _read(self.process.stdout)
        if outcome is None:
            raise RuntimeError(f"a SHACL worker process stopped (exit code {self.process.wait()})")
        self.waiting -= 1
        return outcome

    def close(self) -> dict[str, float]:
        """Stop the process; the CPU time it spent (nothing if stopped half-way)."""
        if self.waiting:  # stopped half-way: its reply will not be read
            self.process.kill()
        self.process.stdin.close()
        spent = _read(self.process.stdout) if not self.waiting else None
        self.process.wait()
        return spent or {}


def _write(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes]) -> Any:
    header = stream.read(8)
    if len(header) < 8:
        return None
    return pickle.loads(stream.read(struct.unpack("<Q", header)[0]))


def _serve() -> None:
    """A worker's loop: shapes and types first, then one N-Triples batch in, one verdict
    out; at the end, the CPU time it spent."""
    # The build that started the worker decides when it stops (it closes the pipe): a
    # Ctrl-C or a signal sent to the whole process group is the build's to handle.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies on the pipe
    try:
        core_turtle, types = _read(source)
        batches = _Batches(core_turtle, types)
        while (ntriples := _read(source)) is not None:
            _write(sink, batches.validate(ntriples))
        _write(sink, batches.cpu)
    except (BrokenPipeError, EOFError):  # the build is gone: nothing is waiting for a reply
        pass


class BatchValidator:
    """Validates batches of record quads with the core shapes as they are submitted, in
    ``workers`` processes beside the one converting records (in-line if 0);
    :meth:`finish` adds the SPARQL-based constraints, run once on the store that holds
    every batch, and returns the verdict and one report.

    ``types`` maps the IRI of each record's node to its classes
    (:func:`parley.rdf.triples.record_types`). Once closed, :attr:`cpu` holds the CPU
    seconds spent preparing batches and in the SHACL engine, over all workers.
    """

    def __init__(self, core: rdflib.Graph, constraints: list, types: dict[str, tuple[str, ...]], *,
                 workers: int = 0):
        targeting = {p for p in core.predicates() if str(p).startswith(str(SH)) and "target" in str(p).lower()}
        if targeting - _TARGETS:
            raise ValueError("batches can be validated only with shapes that target classes or subjects of properties")
        core_turtle = core.serialize(format="turtle")
        self.constraints = constraints
        self.inline = _Batches(core_turtle, types) if workers == 0 else None
        self.pool = [_Worker(core_turtle, types) for _ in range(workers)]
        self.turn = 0
        self.reports: list[rdflib.Graph] = []
        self.conforms = True
        self.cpu = {PREPARING: 0.0, CHECKING: 0.0}

    def submit(self, ntriples: bytes) -> None:
        """Validate one batch, as N-Triples (the union of its record graphs and their
        provenance), or queue it for a worker."""
        if self.inline is not None:
            self._collect(self.inline.validate(ntriples))
            return
        worker = self.pool[self.turn % len(self.pool)]
        self.turn += 1
        if worker.waiting:  # one batch per worker at a time: a worker never waits to reply while being sent one
            self._collect(worker.receive())
        worker.send(ntriples)
        worker.waiting += 1

    def close(self) -> None:
        """Stop the worker processes (:meth:`finish` does, once they are done)."""
        for worker in self.pool:
            for stage, seconds in worker.close().items():
                self.cpu[stage] += seconds
        self.pool = []
        if self.inline is not None:
            self.cpu = dict(self.inline.cpu)

    def _collect(self, outcome: tuple[bool, str]) -> None:
        conforms, report = outcome
        self.conforms &= conforms
        if not conforms:
            self.reports.append(rdflib.Graph().parse(data=report, format="nt"))

    def constraint_results(self, store: ox.Store, *, union: bool = True) -> rdflib.Graph:
        """The results of the SPARQL-based constraints on ``store`` (its named graphs seen
        as one when ``union``): a graph of ``sh:ValidationResult`` nodes. Safe to run in
        another thread while the workers validate batches."""
        results = rdflib.Graph()
        evaluate(store, self.constraints, results, union=union)
        return results

    def finish(self, store: ox.Store | None = None, *, union: bool = True,
               constraint_results: rdflib.Graph | None = None) -> tuple[bool, rdflib.Graph]:
        """Wait for every batch and return the verdict and the report, with the
        ``constraint_results`` (by default, :meth:`constraint_results` of ``store``)."""
        try:
            for worker in self.pool:
                while worker.waiting:
                    self._collect(worker.receive())
        finally:
            self.close()
        if constraint_results is None:
            constraint_results = self.constraint_results(store, union=union)
        report, node = rdflib.Graph(), rdflib.BNode()
        for part in [*self.reports, constraint_results]:
            tops = set(part.subjects(RDF.type, SH.ValidationReport))
            for triple in part:
                if triple[0] in tops:
                    if triple[1] == SH.result:
                        report.add((node, SH.result, triple[2]))
                else:
                    report.add(triple)
            for prefix, namespace in part.namespaces():
                report.bind(prefix, namespace)
        added = set(constraint_results.subjects(RDF.type, SH.ValidationResult))
        for result in added:
            report.add((node, SH.result, result))
        conforms = self.conforms and not added
        report.add((node, RDF.type, SH.ValidationReport))
        report.add((node, SH.conforms, rdflib.Literal(conforms)))
        return conforms, report


if __name__ == "__main__":
    _serve()
