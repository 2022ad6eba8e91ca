"""``parley serve`` over HTTP: a real server on loopback answers the SPARQL 1.1 Protocol
as the local store does, refuses updates, bounds query time, and its pages escape what
they show. (The pages in a real browser: tests/test_browser.py.)"""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from helpers import BUNDLED_PARAMS, run_parley, served
from parley.model.namespaces import ID, PW
from parley.network.tables import read_store
from parley.pipeline import build
from parley.rdf.graphs import open_graph
from parley.sparql.library import library
from parley.sparql.run import query
from parley.web.app import make_app

STATIC = Path(__file__).resolve().parent.parent / "kg" / "web" / "static"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("project")
    result = build(out=folder / "out")
    return folder, result


@pytest.fixture(scope="module")
def url(built):
    folder, _ = built
    with served(folder / "out" / "kg.trig") as running:
        yield running


def fetch(address: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(address, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def sparql_get(url: str, text: str, accept: str = "", **extra: str) -> tuple[int, str, bytes]:
    return fetch(f"{url}/sparql?" + urllib.parse.urlencode({"query": text, **extra}),
                 headers={"Accept": accept} if accept else {})


def test_every_library_query_answers_on_the_endpoint_as_on_the_local_store(built, url):
    _, result = built
    for name in library():
        params = BUNDLED_PARAMS.get(name, {})
        assert query(name, params, endpoint=f"{url}/sparql") == query(name, params, store=result.store), name


def test_parley_query_endpoint_on_the_command_line_equals_local(built, url):
    folder, _ = built
    args = ("query", "timeline", "--param", "process=russia-ukraine-peace-talks", "--format", "csv")
    remote = run_parley(*args, "--endpoint", f"{url}/sparql", cwd=folder)
    local = run_parley(*args, cwd=folder)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout and len(local.stdout.splitlines()) == 21


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/parley/ontology#NegotiationEvent> }"


@pytest.mark.parametrize("accept, kind, expected", [
    ("", "application/sparql-results+json", b'"value":"5"'),
    ("application/sparql-results+json", "application/sparql-results+json", b'"value":"5"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b">5</literal>"),
    ("text/csv", "text/csv; charset=utf-8", b"n\r\n5\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", b"?n\n5\n"),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv; charset=utf-8", b"n\r\n5\r\n"),
])
def test_results_come_in_the_format_the_client_accepts(url, accept, kind, expected):
    status, content_type, body = sparql_get(url, COUNT, accept)
    assert (status, content_type) == (200, kind)
    assert expected in body.replace(b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"', b"").replace(b",}", b"}")


def test_construct_comes_as_rdf_and_an_unknown_format_is_refused(url):
    text = f"CONSTRUCT {{ ?s a <{PW}Agreement> }} WHERE {{ ?s a <{PW}Agreement> }}"
    status, content_type, body = sparql_get(url, text, "text/turtle")
    assert (status, content_type) == (200, "text/turtle; charset=utf-8")
    graph = ox.Store()
    graph.load(body, format=ox.RdfFormat.TURTLE)
    assert len(graph) == 4
    status, _, body = sparql_get(url, COUNT, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_queries_by_post_form_and_by_post_body(url):
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    by_form = fetch(f"{url}/sparql", data=form, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                         "Accept": "text/csv"})
    by_body = fetch(f"{url}/sparql", data=COUNT.encode(), headers={"Content-Type": "application/sparql-query",
                                                                   "Accept": "text/csv"})
    assert by_form[0] == by_body[0] == 200 and by_form[2] == by_body[2] == b"n\r\n5\r\n"


def test_the_default_graph_is_the_union_and_named_graphs_are_addressable(url):
    record = f"{ID}graph/event/ankara-2026-01-01"
    in_record = f"SELECT ?s WHERE {{ GRAPH <{record}> {{ ?s a <{PW}NegotiationEvent> }} }}"
    status, _, body = sparql_get(url, in_record, "text/csv")
    assert status == 200 and body.split(b"\r\n")[1] == f"{ID}event/ankara-2026-01-01".encode()
    # default-graph-uri: only that record graph is the default graph
    status, _, body = sparql_get(url, COUNT, "text/csv", **{"default-graph-uri": record})
    assert status == 200 and body == b"n\r\n1\r\n"


@pytest.mark.parametrize("how", ["form", "body", "get"])
def test_updates_are_refused_and_change_nothing(url, how):
    update = f"INSERT DATA {{ <{ID}event/forged> a <{PW}NegotiationEvent> }}"
    if how == "form":
        answer = fetch(f"{url}/sparql", data=urllib.parse.urlencode({"update": update}).encode(),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "body":
        answer = fetch(f"{url}/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    else:
        answer = sparql_get(url, update)
    assert answer[0] in (400, 403)
    assert b"read-only" in answer[2] or b"syntax" in answer[2].lower()
    assert sparql_get(url, COUNT, "text/csv")[2] == b"n\r\n5\r\n"


def test_bad_queries_get_a_clear_400(url):
    status, content_type, body = sparql_get(url, "SELECT ?x WHERE { ?x ")
    assert status == 400 and content_type.startswith("text/plain") and body.startswith(b"SPARQL syntax error")
    status, _, body = fetch(f"{url}/sparql")
    assert status == 400 and b"no query" in body


def test_a_query_past_the_time_limit_is_stopped_with_503(built):
    folder, _ = built
    with served(folder / "out" / "kg.trig", timeout=0.05) as slow:
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g <" + PW + "date> ?h }"
        status, _, body = sparql_get(slow, heavy)
        assert status == 503 and b"limit of 0.05 s" in body


def test_the_endpoint_answers_browsers_from_other_pages(url):
    status, _, _ = fetch(f"{url}/sparql", method="OPTIONS", headers={"Origin": "http://example.org"})
    assert status == 204
    request = urllib.request.Request(f"{url}/sparql?" + urllib.parse.urlencode({"query": COUNT}))
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"


# The pages, through Flask's test client on a store holding hostile values.

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture(scope="module")
def hostile_client(built):
    folder, _ = built
    store = open_graph(graph=folder / "out" / "kg.trig")
    actor = ox.NamedNode(f"{ID}actor/hostile")
    store.add(ox.Quad(actor, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(PW + "Actor")))
    store.add(ox.Quad(actor, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(PW + "State")))
    store.add(ox.Quad(actor, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(HOSTILE)))
    app = make_app(store, read_store(store))
    return app.test_client()


def test_pages_escape_every_value(hostile_client):
    page = hostile_client.get("/actor/hostile")
    assert page.status_code == 200
    assert HOSTILE not in page.text and "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page.text
    found = hostile_client.get("/search", query_string={"q": "<script>"})
    assert "<script>alert" not in found.text and "hostile" in found.text
    echoed = hostile_client.get("/search", query_string={"q": '"><img src=x onerror=alert(1)>'})
    assert "<img src=x" not in echoed.text


def test_pages_allow_only_the_packages_own_scripts(hostile_client):
    page = hostile_client.get("/network", query_string={"actor": "turkiye"})
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    scripts = [line for line in page.text.splitlines() if "<script" in line]
    assert all('src="/static/' in line or 'type="application/json"' in line for line in scripts)


def test_an_id_that_is_not_in_the_graph_is_a_404_whatever_it_holds(hostile_client):
    for path in ("/actor/nobody", "/actor/x%3E%20%7D%20DROP%20ALL%20%7B", "/process/%22%3B", "/agreement/a%0Ab"):
        page = hostile_client.get(path)
        assert page.status_code == 404, path
        assert "not in this graph" in page.text


def test_query_forms_bind_their_values_and_report_bad_ones(hostile_client, built):
    _, result = built
    page = hostile_client.get("/queries/timeline", query_string={"run": "1", "process": "russia-ukraine-peace-talk"})
    assert page.status_code == 400 and "did you mean russia-ukraine-peace-talks?" in page.text
    page = hostile_client.get("/queries/timeline", query_string={"run": "1", "process": "a> } DROP ALL {"})
    assert page.status_code == 400 and 'class="problems"' in page.text and "Results" not in page.text
    download = hostile_client.get("/queries/timeline.csv", query_string={"run": "1",
                                                                          "process": "russia-ukraine-peace-talks"})
    assert download.headers["Content-Disposition"] == 'attachment; filename="timeline.csv"'
    rows = list(csv.DictReader(io.StringIO(download.text)))
    expected = query("timeline", {"process": "russia-ukraine-peace-talks"}, store=result.store)
    assert rows == [{k: "" if v is None else str(v) for k, v in row.items()} for row in expected]


def test_network_data_matches_the_projection(hostile_client, built):
    _, result = built
    data = hostile_client.get("/network.json", query_string={"process": "russia-ukraine-peace-talks",
                                                            "measure": "betweenness"}).json
    from parley.network.projections import project

    graph = project(store=result.store, process="russia-ukraine-peace-talks")
    assert sorted(node["id"] for node in data["nodes"]) == sorted(graph)
    assert {(e["source"], e["target"], e["weight"]) for e in data["edges"]} == \
        {(*sorted((a, b)), d["weight"]) for a, b, d in graph.edges(data=True)}
    assert hostile_client.get("/network.json", query_string={"measure": "nonsense"}).status_code == 400


def test_vendored_scripts_are_the_npm_releases_with_their_licences():
    expected = {"sigma.min.js": "be6f790da9c1856765b1c430de3b1aac50433223361870edb3097a9868218a88",
                "graphology.umd.min.js": "dc337efa23903f61e064c8e7e7f93a429e6855dccfc2458802b4ed30c621c087"}
    for name, digest in expected.items():
        assert hashlib.sha256((STATIC / "vendor" / name).read_bytes()).hexdigest() == digest, name
    for licence in ("sigma.LICENSE.txt", "graphology.LICENSE.txt"):
        assert "Permission is hereby granted" in (STATIC / "vendor" / licence).read_text(encoding="utf-8")


# The command.

def _start(folder: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "parley", "serve", "--port", "0", *args], cwd=folder,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("serving "):
            break
    return process, "".join(lines)


def test_serve_prints_where_it_listens_and_warns_off_loopback(built):
    folder, _ = built
    process, said = _start(folder)
    try:
        address = said.split()[1]
        assert said.startswith("serving http://127.0.0.1:") and "warning" not in said
        status, _, body = fetch(address + "sparql?" + urllib.parse.urlencode({"query": COUNT}),
                                headers={"Accept": "text/csv"})
        assert status == 200 and body == b"n\r\n5\r\n"
    finally:
        process.terminate()
        process.wait(timeout=10)
    process, said = _start(folder, "--bind", "0.0.0.0")
    try:
        assert said.startswith("warning: listening on 0.0.0.0: any machine that reaches it can read the whole graph")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_reports_a_taken_port_and_a_missing_graph_in_one_line(built, url, tmp_path):
    folder, _ = built
    port = urllib.parse.urlsplit(url).port
    taken = run_parley("serve", "--port", str(port), cwd=folder)
    assert taken.returncode == 2 and "Traceback" not in taken.stderr
    assert taken.stderr.strip() == f"--bind 127.0.0.1 --port {port}: cannot listen there: in use"
    missing = run_parley("serve", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "out/kg.trig: run 'parley build' first, or give --input FILE or --store DIR"
