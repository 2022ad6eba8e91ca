"""The Oxigraph store: in memory, or on disk; loaded in bulk; seen through rdflib.

>>> store = open_store()
>>> load_quads(store, [ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
...                             ox.Literal("o"), ox.NamedNode("http://example.org/g"))])
>>> len(store)
1
"""

from __future__ import annotations

import contextlib
import os
import shutil
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from parley.model.errors import InputError, Problem

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]
from parley.model.namespaces import VOCAB_GRAPH
from parley.model.vocabulary import ontology_quads

if TYPE_CHECKING:  # rdflib is imported where it is used: commands that read tables never load it
    import rdflib

__all__ = ["open_store", "check_store_folder", "new_store_folder", "swap_store", "store_lock", "open_read_only", "process_alive", "load_quads", "load_ontology", "unload_ontology", "as_rdflib",
           "union_store", "add_union", "load_union", "named_quads", "default_graph_lines", "without_graph_names", "to_rdflib",
           "BackgroundLoader"]

def check_store_folder(path: str | os.PathLike[str]) -> None:
    """Raise :class:`~parley.model.errors.InputError` unless ``path`` is an Oxigraph store, an
    empty folder or nothing yet: a store is never made among a folder's other files.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_store_folder(folder / "store")
    >>> _ = (folder / "notes.txt").write_text("mine")
    >>> check_store_folder(folder)
    Traceback (most recent call last):
    ...
    parley.model.errors.InputError: ...: holds other files and no Oxigraph store; give a new or empty folder for the store
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputError([Problem(str(folder), 0, "", "is a file; give a folder for the store")])
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "CURRENT").is_file():  # RocksDB's own file
        raise InputError([Problem(str(folder), 0, "", "holds other files and no Oxigraph store; "
                                                      "give a new or empty folder for the store")])


_BESIDE = ".{name}.parley-{what}-{pid}"


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (its files are not debris)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def new_store_folder(path: str | os.PathLike[str]) -> Path:
    """The folder beside store folder ``path`` that a rebuild fills, so the store at
    ``path`` answers as before until :func:`swap_store` puts the new one in its place
    (and stays whole if the rebuild is killed). Folders left by rebuilds whose process
    is gone are removed first.

    >>> import tempfile
    >>> new_store_folder(Path(tempfile.mkdtemp()) / "store").name.startswith(".store.parley-new-")
    True
    """
    target = Path(path)
    check_store_folder(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for left in target.parent.glob(f".{target.name}.parley-*-*"):
        pid = left.name.rsplit("-", 1)[1]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    return target.parent / _BESIDE.format(name=target.name, what="new", pid=os.getpid())


@contextlib.contextmanager
def store_lock(path: str | os.PathLike[str], *, exclusive: bool = False) -> Iterator[None]:
    """Hold the lock on the folder around store ``path`` that a swap takes exclusively
    and an opening shares, so a store is never opened half-way through a swap (RocksDB
    reads a store's files one by one, by name). A no-op where ``fcntl`` is missing.

    >>> import tempfile
    >>> with store_lock(Path(tempfile.mkdtemp()) / "store", exclusive=True):
    ...     pass
    """
    if fcntl is None:
        yield
        return
    folder = os.open(Path(path).absolute().parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(folder)  # releases the lock


def swap_store(new: Path, path: str | os.PathLike[str]) -> None:
    """Put the store built in ``new`` at ``path``, and remove the one it replaces."""
    target = Path(path)
    old = target.parent / _BESIDE.format(name=target.name, what="old", pid=os.getpid())
    with store_lock(target, exclusive=True):  # another build may be swapping its own store in
        if target.exists():
            target.rename(old)
        new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def open_read_only(path: str | os.PathLike[str]) -> ox.Store:
    """The store at ``path``, read-only (raises ``OSError`` where there is none), opened
    while no build swaps a new one in."""
    with store_lock(path):
        return ox.Store.read_only(str(path))


def open_store(path: str | os.PathLike[str] | None = None, *, clear: bool = False) -> ox.Store:
    """An Oxigraph store in memory, or on disk in folder ``path`` (emptied first if ``clear``;
    see :func:`check_store_folder`)."""
    if path is None:
        return ox.Store()
    check_store_folder(path)
    Path(path).mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(path))
    if clear:
        store.clear()
    return store


def load_quads(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Load quads in one bulk operation (far faster than adding them one by one)."""
    store.bulk_extend(quads)


def load_ontology(store: ox.Store) -> None:
    """Add the ontology and vocabularies, in their own named graph and in the default graph."""
    quads = ontology_quads(ox.NamedNode(VOCAB_GRAPH))
    store.bulk_extend(quads)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)  # the same blank nodes


def unload_ontology(store: ox.Store) -> None:
    """Take out what :func:`load_ontology` added.

    >>> store = ox.Store()
    >>> load_ontology(store)
    >>> unload_ontology(store)
    >>> len(store)
    0
    """
    store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{VOCAB_GRAPH}> {{ ?s ?p ?o }} }}")
    store.remove_graph(ox.NamedNode(VOCAB_GRAPH))


def default_graph_lines(quads: Iterable[ox.Quad]) -> bytes:
    """The quads' triples as N-Triples, to load into the default graph.

    >>> s, p = ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p")
    >>> default_graph_lines([ox.Quad(s, p, ox.Literal("o"), ox.NamedNode("http://e.org/g"))])
    b'<http://e.org/s> <http://e.org/p> "o" .\\n'
    """
    return ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)


def without_graph_names(nquads: bytes) -> bytes:
    """N-Quads whose every quad is in a graph named by an IRI, as N-Triples: the same
    lines, the graph names cut off (far cheaper than making a triple of each quad).

    >>> without_graph_names(b'<http://e.org/s> <http://e.org/p> "a <b" <http://e.org/g> .\\n')
    b'<http://e.org/s> <http://e.org/p> "a <b" .\\n'
    """
    # An IRI has no space, so the graph name starts at the last " <" of its line.
    return b"".join(line[:line.rindex(b" <")] + b" .\n" for line in nquads.splitlines())


class BackgroundLoader:
    """Loads N-Quads into a store in a thread of its own, while the caller makes the next
    batch (Oxigraph releases the GIL while it loads). At most ``pending`` batches wait;
    :meth:`finish` waits for the rest and raises what loading raised. With ``bulk``,
    each batch goes through Oxigraph's bulk loader (far faster on disk); without, each
    is loaded in one transaction (faster for a store in memory). With ``lenient``,
    Oxigraph does not check IRIs and language tags again: for N-Quads that its own
    serializer wrote, about a quarter less time. With ``join``, that many batches are
    put together and loaded at once (the bulk loader writes files of its own for
    each load: on disk, fewer loads of more quads are faster).

    >>> store = ox.Store()
    >>> loader = BackgroundLoader(store)
    >>> loader.put(b'<http://e.org/s> <http://e.org/p> "o" <http://e.org/g> .\\n')
    >>> loader.finish()
    >>> len(store)
    1
    """

    def __init__(self, store: ox.Store, *, pending: int = 2, bulk: bool = True, lenient: bool = False,
                 join: int = 1):
        self.store = store
        self._join = join
        self._held: list[bytes] = []
        self._load = store.bulk_load if bulk else store.load
        self._lenient = lenient
        self.busy = 0.0  # seconds spent loading
        self.waited = 0.0  # seconds callers spent waiting for the loader
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=pending)
        self._error: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="parley-loader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._error is not None or self._cancelled:
                continue
            started = time.perf_counter()
            try:
                self._load(data, format=ox.RdfFormat.N_QUADS, lenient=self._lenient)
            except BaseException as error:  # handed to the caller by put() or finish()
                self._error = error
            self.busy += time.perf_counter() - started

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def put(self, nquads: bytes) -> None:
        """Queue N-Quads to load (waiting while ``pending`` loads are queued)."""
        self._raise()
        self._held.append(nquads)
        if len(self._held) >= self._join:
            self._queue_held()

    def _queue_held(self) -> None:
        started = time.perf_counter()
        self._queue.put(b"".join(self._held))
        self._held = []
        self.waited += time.perf_counter() - started

    def finish(self) -> None:
        """Wait until everything queued is loaded; raise what loading raised."""
        if self._held:
            self._queue_held()
        started = time.perf_counter()
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self.waited += time.perf_counter() - started
        self._raise()

    def cancel(self) -> None:
        """Drop what is still queued and stop the thread (after a failure elsewhere)."""
        self._cancelled = True
        self._held = []
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


def add_union(store: ox.Store) -> None:
    """Make the default graph the union of the named graphs (queries read the default
    graph: Oxigraph plans them far better there than over a union of graphs).

    >>> store = ox.Store()
    >>> s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    >>> store.extend([ox.Quad(s, p, ox.Literal("o"), ox.NamedNode(f"http://example.org/g{i}")) for i in (1, 2)])
    >>> add_union(store)
    >>> len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    1
    """
    # In the store, without a round trip through text: twice as fast, and less memory.
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def load_union(store: ox.Store, path: str | os.PathLike[str], rdf_format: ox.RdfFormat) -> None:
    """Load a graph file's triples into the default graph, whatever graph each is in: the
    union alone, without keeping the named graphs (half the work of loading both).

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".nq", delete=False) as f:
    ...     _ = f.write('<http://e.org/s> <http://e.org/p> "o" <http://e.org/g1> .\\n'
    ...                 '<http://e.org/s> <http://e.org/p> "o" <http://e.org/g2> .\\n')
    >>> store = ox.Store()
    >>> load_union(store, f.name, ox.RdfFormat.N_QUADS)
    >>> [str(q) for q in store]
    ['<http://e.org/s> <http://e.org/p> "o"']
    """
    store.bulk_extend(ox.Quad(quad.subject, quad.predicate, quad.object)
                      for quad in ox.parse(path=str(path), format=rdf_format))


def named_quads(store: ox.Store, *, without: tuple[str, ...] = (VOCAB_GRAPH,)) -> Iterator[ox.Quad]:
    """The quads of the named graphs (not the default graph), graph by graph."""
    rows = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    skip = {ox.NamedNode(name) for name in without}
    return (ox.Quad(row[0], row[1], row[2], row[3]) for row in rows if row[3] not in skip)


def union_store(quads: Iterable[ox.Quad], *, with_ontology: bool = True) -> ox.Store:
    """A new in-memory store whose default graph is the union of ``quads`` (and the ontology)."""
    store = ox.Store()
    store.bulk_load(default_graph_lines(quads), format=ox.RdfFormat.N_TRIPLES)
    if with_ontology:
        store.bulk_extend(ontology_quads())
    return store


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    """An Oxigraph term as the rdflib term it stands for.

    >>> to_rdflib(ox.Literal("2022", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))).datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYear')
    """
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def as_rdflib(store: ox.Store) -> rdflib.Graph:
    """The store's default graph as an rdflib Graph (through oxrdflib), for rdflib-based tools."""
    import rdflib
    from oxrdflib import OxigraphStore

    return rdflib.Graph(store=OxigraphStore(store=store), identifier=rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
