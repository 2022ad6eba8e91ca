"""The store helpers: the default graph from quads, and loading in the background."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from parley.rdf.store import BackgroundLoader, default_graph_lines, without_graph_names

LINES = (b'<http://e.org/s> <http://e.org/p> "a <b c" <http://e.org/g1> .\n'
         b'<http://e.org/s> <http://e.org/p> "line\\nbreak <x> ." <http://e.org/g2> .\n'
         b'<http://e.org/s> <http://e.org/q> <http://e.org/o> <http://e.org/g1> .\n')


def test_default_graph_lines_drop_only_the_graph_names():
    triples = default_graph_lines(ox.parse(LINES, format=ox.RdfFormat.N_QUADS))
    assert {str(t) for t in ox.parse(triples, format=ox.RdfFormat.N_TRIPLES)} == {
        str(q.triple) for q in ox.parse(LINES, format=ox.RdfFormat.N_QUADS)}


def test_without_graph_names_cuts_only_the_graph_names_of_n_quads():
    assert [str(t) for t in ox.parse(without_graph_names(LINES), format=ox.RdfFormat.N_TRIPLES)] == [
        str(q.triple) for q in ox.parse(LINES, format=ox.RdfFormat.N_QUADS)]


def test_background_loader_loads_every_batch_in_order_given():
    store = ox.Store()
    loader = BackgroundLoader(store, pending=1)
    for _ in range(5):
        loader.put(LINES)
        loader.put(default_graph_lines(ox.parse(LINES, format=ox.RdfFormat.N_QUADS)))
    loader.finish()
    assert len(store) == 6 and loader.busy > 0
    assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 3


def test_background_loader_joins_batches_into_fewer_loads():
    store = ox.Store()
    loads = []
    loader = BackgroundLoader(store, join=3)
    loader._load = lambda data, **options: loads.append(data) or store.load(data, **options)
    batches = [f'<http://e.org/s{i}> <http://e.org/p> "{i}" .\n'.encode() for i in range(7)]
    for batch in batches:
        loader.put(batch)
    loader.finish()
    assert loads == [b"".join(batches[0:3]), b"".join(batches[3:6]), batches[6]]
    assert len(store) == 7


def test_background_loader_raises_the_loading_error_to_the_caller():
    store = ox.Store()
    loader = BackgroundLoader(store)
    loader.put(b"<http://e.org/s> <http://e.org/p> .\n")
    with pytest.raises(SyntaxError):
        loader.finish()


@pytest.mark.parametrize("bulk", [False, True])
def test_a_lenient_background_loader_leaves_the_iris_unchecked(bulk):
    unchecked = b"<http://e.org/s> <http://e.org/p> <http://e.org/a b> .\n"  # a space: not a valid IRI
    strict = BackgroundLoader(ox.Store(), bulk=bulk)
    strict.put(unchecked)
    with pytest.raises(SyntaxError):
        strict.finish()
    store = ox.Store()
    lenient = BackgroundLoader(store, bulk=bulk, lenient=True)
    lenient.put(unchecked)
    lenient.finish()
    assert [q.object.value for q in store] == ["http://e.org/a b"]


def test_background_loader_cancel_drops_what_is_queued():
    store = ox.Store()
    loader = BackgroundLoader(store)
    loader.cancel()
    assert not loader._thread.is_alive() and len(store) == 0
