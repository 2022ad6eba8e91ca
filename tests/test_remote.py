"""A real Oxigraph server on loopback: push the bundled graph, run every library query
remotely, and get the same rows as the local store; injection strings change nothing."""

from __future__ import annotations

import pytest

from helpers import BUNDLED_PARAMS, OxigraphServer, run_parley
from parley.pipeline import build
from parley.sparql.library import library
from parley.sparql.push import push
from parley.sparql.run import query


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("project")
    result = build(out=folder / "out")
    return folder, result


@pytest.fixture(scope="module")
def server(tmp_path_factory, built):
    running = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    try:  # the server stops even when the push fails
        folder, _ = built
        pushed = run_parley("push", "--endpoint", f"{running.url}/query", cwd=folder)
        assert pushed.returncode == 0, pushed.stderr
        assert pushed.stdout.strip() == "pushed 56 graphs (1037 triples) by SPARQL update; the store holds the 3 graphs read back"
        yield running
    finally:
        running.stop()


def test_every_library_query_gives_the_same_rows_remotely(built, server):
    folder, result = built
    assert set(BUNDLED_PARAMS) <= set(library())
    for name in library():
        params = BUNDLED_PARAMS.get(name, {})
        local = query(name, params, store=result.store)
        remote = query(name, params, endpoint=f"{server.url}/query")
        assert remote == local, name
        # the bundled data set has no two claims in dispute, and no actor that mediates in one
        # process and is a side in another (Türkiye is a member of the anti-Daesh mechanism);
        # tests/test_queries.py has both
        assert local or name in ("conflicting-claims", "mediator-and-party"), f"{name} gives no rows on the bundled data"


def test_an_unknown_id_is_reported_the_same_remotely_and_locally(built, server):
    folder, _ = built
    args = ["query", "timeline", "--param", "process=russia-ukraine-peace-talk"]
    for where in ([], ["--endpoint", f"{server.url}/query"]):
        result = run_parley(*args, *where, cwd=folder)
        assert (result.returncode, result.stdout) == (2, ""), where
        assert result.stderr == ("--param process: no process 'russia-ukraine-peace-talk' in the graph"
                                 " (did you mean russia-ukraine-peace-talks?)\n"), where


def test_cli_mediators_remote_equals_local(built, server):
    folder, _ = built
    args = ["query", "mediators", "--param", "process=russia-ukraine-peace-talks", "--format", "csv"]
    local = run_parley(*args, cwd=folder)
    remote = run_parley(*args, "--endpoint", f"{server.url}/query", cwd=folder)
    assert local.returncode == remote.returncode == 0
    assert local.stdout == remote.stdout
    lines = local.stdout.splitlines()
    assert lines[0] == "process,actor,name,role,on_behalf_of,where,where_name,date"
    actors = {line.split(",")[1] for line in lines[1:]}
    assert {"turkiye", "hakan-fidan", "ibrahim-kalin", "united-nations"} == actors


def test_pushing_twice_leaves_the_same_data(built, server):
    folder, result = built
    before = server.dump()
    assert server.count() == 1037
    push(result.quads, endpoint=f"{server.url}/query")
    assert server.dump() == before
    report = push(result.quads, graph_store=f"{server.url}/store")
    assert (report.graphs, report.triples, report.method) == (56, 1037, "graph store protocol")
    assert server.dump() == before


INJECTIONS = ['"} ; DROP ALL ; #', "x' } ; DELETE WHERE { ?s ?p ?o } #", 'a"\nDROP ALL', "<http://evil/> }",
              "İbrahim Kalın \u202e ; DROP", "\\\" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_parameters_are_bound_as_terms_remotely_and_locally(built, server, value):
    folder, result = built
    before = server.dump()
    local = query("conflicting-claims", {"property": value}, store=result.store)
    remote = query("conflicting-claims", {"property": value}, endpoint=f"{server.url}/query")
    assert local == remote == []
    assert server.dump() == before
    assert len(result.store) > 802


@pytest.mark.parametrize("value", INJECTIONS)
def test_id_parameters_reject_injection_before_any_query_runs(built, server, value):
    folder, _ = built
    before = server.dump()
    for where in ([], ["--endpoint", f"{server.url}/query"]):
        result = run_parley("query", "mediators", "--param", f"process={value}", *where, cwd=folder)
        assert result.returncode == 2
        assert result.stderr.startswith("--param process: '") and "is not an id" in result.stderr
        assert "Traceback" not in result.stderr
    assert server.dump() == before


def test_non_ascii_values_match_on_both_stores(built, server, tmp_path):
    folder, result = built
    mine = tmp_path / "by-name.rq"
    mine.write_text("# param: name string required\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    "SELECT ?name ?actor WHERE { ?actor rdfs:label ?name }", encoding="utf-8")
    expected = [{"name": "İbrahim Kalın", "actor": "ibrahim-kalin"}]
    assert query(file=mine, params={"name": "İbrahim Kalın"}, store=result.store) == expected
    assert query(file=mine, params={"name": "İbrahim Kalın"}, endpoint=f"{server.url}/query") == expected


def test_iri_parameters_reject_angle_brackets_and_spaces(built, server, tmp_path):
    folder, _ = built
    mine = tmp_path / "about.rq"
    mine.write_text("# param: thing iri required\nSELECT ?thing ?p ?o WHERE { ?thing ?p ?o }", encoding="utf-8")
    for value in ("http://x/a>b", "http://x/a b", "no-scheme"):
        result = run_parley("query", "--file", str(mine), "--param", f"thing={value}",
                            "--endpoint", f"{server.url}/query", cwd=folder)
        assert result.returncode == 2 and "is not an absolute IRI" in result.stderr
    ok = run_parley("query", "--file", str(mine), "--param", "thing=https://w3id.org/parley/id/actor/turkiye",
                    "--endpoint", f"{server.url}/query", "--format", "json", cwd=folder)
    assert ok.returncode == 0 and '"o": "Türkiye"' in ok.stdout
