"""Remote faults: each gives one clear line naming the endpoint and the cause, exit 2;
transient failures are retried with backoff a bounded number of times; a failed push
says what was and was not loaded; credentials never appear in output."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

import parley.sparql.http as endpoint_module
from helpers import refused_port, run_parley
from parley.sparql.http import EndpointError
from parley.sparql.library import parse_query
from parley.sparql.push import push
from parley.sparql.remote import run_remote

RESULT = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "ok"}}]}})
SECRET = "s3cret-Passw0rd"
ANSWERS = {  # answers that look like results and are not, and one that is
    "/boolean-yes": b'{"head": {}, "boolean": "yes"}',
    "/no-vars": b'{"head": {"vars": "x"}, "results": {"bindings": []}}',
    "/odd-type": b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "triple", "value": "v"}}]}}',
    "/deep": b"[" * 200_000 + b"]" * 200_000,
    "/node-id": json.dumps({"head": {"vars": ["x", "y"]}, "results": {"bindings": [
        {"x": {"type": "bnode", "value": "nodeID://b1"}, "y": {"type": "bnode", "value": "nodeID://b1"}},
        {"x": {"type": "bnode", "value": "nodeID://b2"}}]}}).encode(),
}


class Handler(BaseHTTPRequestHandler):
    """Answers by path: the fault each test needs."""

    hits: dict[str, int] = {}
    seen_auth: list[str | None] = []
    released = threading.Event()

    def log_message(self, *args):  # keep test output clean
        pass

    def _answer(self, status: int, body: bytes = b"", content_type: str = "application/sparql-results+json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        path = self.path.split("?")[0]
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        count = Handler.hits[path]
        if path == "/ok":
            self._answer(200, RESULT.encode())
        elif path == "/auth":
            expected = "Basic " + base64.b64encode(f"analyst:{SECRET}".encode()).decode()
            if self.headers.get("Authorization") == expected:
                self._answer(200, RESULT.encode())
            else:
                self._answer(401, b"unauthorized", "text/plain")
        elif path == "/missing":
            self._answer(404, b"no such endpoint", "text/plain")
        elif path == "/broken":
            self._answer(500, b"internal error", "text/plain")
        elif path == "/flaky":
            self._answer(503, b"busy", "text/plain") if count < 3 else self._answer(200, RESULT.encode())
        elif path == "/html":
            self._answer(200, b"<html><body>Welcome</body></html>", "text/html")
        elif path == "/syntax":
            self._answer(400, b"error at 1:1: expected SELECT", "text/plain")
        elif path == "/slow":  # answers only once the test is over: every attempt times out
            Handler.released.wait(60)
            self._answer(200, RESULT.encode())
        elif path == "/redirect-away":  # the same server under another origin
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_address[1]}/echo-auth")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/redirect-home":
            self.send_response(302)
            self.send_header("Location", "/auth")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/echo-auth":
            Handler.seen_auth.append(self.headers.get("Authorization"))
            self._answer(200, RESULT.encode())
        elif path == "/trickle":  # a whole, valid result, a byte every 0.2 s: 30 s and more in all
            body = RESULT.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    if Handler.released.wait(0.2):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except OSError:
                pass
        elif path in ("/portal/query", "/portal/update"):  # a web page that says 200 to everything
            self._answer(200, b"<html><body>Welcome</body></html>", "text/html")
        elif path == "/void/update":  # takes every update and keeps nothing
            self._answer(204)
        elif path == "/void/query":
            self._answer(200, json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {
                "type": "literal", "value": "0", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}).encode())
        elif path in ANSWERS:
            self._answer(200, ANSWERS[path])
        elif path == "/update-then-fail":
            self._answer(204) if count == 1 else self._answer(500, b"disk full", "text/plain")
        else:
            self._answer(404)

    do_GET = do_POST = do_PUT = _handle


@pytest.fixture(scope="module")
def fake():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # a port the system picks
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    Handler.released.set()
    server.shutdown()


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr(endpoint_module, "_BACKOFF", 0.01)
    Handler.hits.clear()


QUERY = parse_query("SELECT ?x WHERE { ?x ?p ?o }", "probe")


def test_working_endpoint_returns_rows(fake):
    table = run_remote(f"{fake}/ok", QUERY, {})
    assert table.columns == ["x"] and table.rows == [(ox.Literal("ok"),)]


@pytest.mark.parametrize("path, message, attempts", [
    ("/missing", "HTTP 404 Not Found (is the URL right?)", 1),
    ("/broken", "HTTP 500 Internal Server Error: internal error after 3 attempts", 3),
    ("/auth", "HTTP 401 Unauthorized (set PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD, or a ~/.netrc entry)", 1),
    ("/syntax", "HTTP 400 Bad Request (the store rejected the request): error at 1:1: expected SELECT", 1),
])
def test_http_errors_name_endpoint_and_cause(fake, path, message, attempts, monkeypatch):
    monkeypatch.delenv("PARLEY_ENDPOINT_USER", raising=False)
    with pytest.raises(EndpointError) as err:
        run_remote(f"{fake}{path}", QUERY, {})
    assert str(err.value) == f"{fake}{path}: {message}"
    assert Handler.hits[path] == attempts


def test_transient_failures_are_retried_then_succeed(fake):
    assert run_remote(f"{fake}/flaky", QUERY, {}).rows == [(ox.Literal("ok"),)]
    assert Handler.hits["/flaky"] == 3


def test_a_response_that_is_not_a_sparql_result(fake):
    with pytest.raises(EndpointError) as err:
        run_remote(f"{fake}/html", QUERY, {})
    assert str(err.value) == f"{fake}/html: the response is not a SPARQL JSON result (text/html)"


def test_timeout_is_retried_a_bounded_number_of_times(fake):
    with pytest.raises(EndpointError) as err:
        run_remote(f"{fake}/slow", QUERY, {}, timeout=1, retries=2)
    assert str(err.value) == f"{fake}/slow: no answer (timed out) after 2 attempts"
    assert Handler.hits["/slow"] == 2


def test_unreachable_endpoint_on_the_command_line(tmp_path):
    with refused_port() as port:
        url = f"http://127.0.0.1:{port}/query"
        result = run_parley("query", "venues", "--endpoint", url)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{url}: cannot connect (Connection refused) after 3 attempts"


def test_credentials_from_environment_are_sent_and_never_shown(fake, monkeypatch):
    monkeypatch.setenv("PARLEY_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("PARLEY_ENDPOINT_PASSWORD", SECRET)
    assert run_remote(f"{fake}/auth", QUERY, {}).rows == [(ox.Literal("ok"),)]
    monkeypatch.setenv("PARLEY_ENDPOINT_PASSWORD", "wrong")
    result = run_parley("query", "venues", "--endpoint", f"{fake}/auth")
    assert result.returncode == 2 and "HTTP 401" in result.stderr
    assert "wrong" not in result.stderr + result.stdout


def test_credentials_from_netrc(fake, tmp_path, monkeypatch):
    monkeypatch.delenv("PARLEY_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("PARLEY_ENDPOINT_PASSWORD", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login analyst password {SECRET}\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert run_remote(f"{fake}/auth", QUERY, {}).rows == [(ox.Literal("ok"),)]


def test_credentials_in_the_url_are_refused_without_echoing_them(fake):
    result = run_parley("query", "venues", "--endpoint", f"http://analyst:{SECRET}@127.0.0.1:1/query")
    assert result.returncode == 2
    assert SECRET not in result.stderr and "not in the URL" in result.stderr


def quads(graphs: int) -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)), ox.NamedNode(f"urn:g{i}"))
            for i in range(graphs)]


def test_failed_push_says_what_was_and_was_not_loaded(fake):
    with pytest.raises(EndpointError) as err:
        push(quads(5), update=f"{fake}/update-then-fail", batch_triples=2)
    assert str(err.value) == (f"{fake}/update-then-fail: HTTP 500 Internal Server Error: disk full after 3 attempts; "
                              "loaded 2 of 5 graphs (up to <urn:g1>); not loaded: 3 graphs from <urn:g2> on")


def test_push_to_an_unreachable_store_loads_nothing():
    with refused_port() as port, pytest.raises(EndpointError) as err:
        push(quads(2), graph_store=f"http://127.0.0.1:{port}/store")
    assert str(err.value).endswith("after 3 attempts; nothing was loaded")


def test_push_needs_a_target_and_a_built_graph(tmp_path):
    result = run_parley("push", cwd=tmp_path)
    assert result.returncode == 2 and "give --endpoint, --update or --graph-store" in result.stderr
    result = run_parley("push", "--endpoint", "http://127.0.0.1:1/query", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "out/kg.trig: no graph here; run 'parley build' first or give --input"


def test_credentials_are_not_sent_to_another_origin_on_a_redirect(fake, monkeypatch):
    monkeypatch.setenv("PARLEY_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("PARLEY_ENDPOINT_PASSWORD", SECRET)
    Handler.seen_auth.clear()
    assert run_remote(f"{fake}/redirect-away", QUERY, {}).rows == [(ox.Literal("ok"),)]
    assert Handler.seen_auth == [None]
    # a redirect within the origin keeps them
    assert run_remote(f"{fake}/redirect-home", QUERY, {}).rows == [(ox.Literal("ok"),)]


@pytest.mark.parametrize("url", ["http://analyst:pa#{s}@127.0.0.1:1/query", "http://analyst:pa/{s}@127.0.0.1:1/query",
                                 "http://analyst:pa?{s}@127.0.0.1:1/query"], ids=["#", "/", "?"])
def test_passwords_that_hide_from_url_parsers_are_refused_unseen(url):
    result = run_parley("query", "venues", "--endpoint", url.format(s=SECRET))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("endpoint URL: put credentials in PARLEY_ENDPOINT_USER and "
                                     "PARLEY_ENDPOINT_PASSWORD or in ~/.netrc, not in the URL "
                                     "(write a '@' of the URL itself as %40)")


def test_keys_in_query_strings_never_reach_a_message(fake):
    result = run_parley("query", "venues", "--endpoint", f"{fake}/missing?apikey={SECRET}&graph=g")
    assert result.returncode == 2 and SECRET not in result.stderr
    assert result.stderr.strip() == f"{fake}/missing?apikey=***&graph=g: HTTP 404 Not Found (is the URL right?)"


@pytest.mark.parametrize("url, message", [
    ("http://[::1/query", "endpoint http://[::1/query: not a valid URL (Invalid IPv6 URL)"),
    ("http://127.0.0.1:port/query", "endpoint http://127.0.0.1:port/query: not a valid URL (Port could not be cast to "
                                    "integer value as 'port')"),
    ("ftp://127.0.0.1/query", "endpoint ftp://127.0.0.1/query: not an http(s) URL"),
    ("http://127.0.0.1/a b", "endpoint http://127.0.0.1/a%20b: spaces and control characters must be percent-encoded"),
])
def test_urls_that_are_not_urls_are_one_line_errors(url, message):
    result = run_parley("query", "venues", "--endpoint", url)
    assert (result.returncode, result.stderr.strip()) == (2, message)


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_a_timeout_must_be_a_finite_number_of_seconds(value):
    result = run_parley("query", "venues", "--endpoint", "http://127.0.0.1:1/query", "--timeout", value)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Invalid value for '--timeout'" in result.stderr


def test_the_timeout_is_a_deadline_for_the_whole_answer(fake):
    """The store sends a whole, valid result a byte at a time: a per-read timeout would
    wait for all of it and return its row; the deadline ends the request first."""
    with pytest.raises(EndpointError) as err:
        run_remote(f"{fake}/trickle", QUERY, {}, timeout=1, retries=1)
    assert str(err.value) == f"{fake}/trickle: no answer (timed out)"


@pytest.mark.parametrize("path, message", [
    ("/boolean-yes", "'boolean' is \"yes\", not true or false"),
    ("/no-vars", "'head' has no list of variable names 'vars'"),
    ("/odd-type", "a bound value has type \"triple\", not uri, literal or bnode"),
])
def test_answers_are_checked_against_the_results_format(fake, path, message):
    with pytest.raises(EndpointError) as err:
        run_remote(f"{fake}{path}", QUERY, {})
    assert str(err.value) == f"{fake}{path}: the response is not a SPARQL JSON result (application/sparql-results+json): {message}"


def test_a_deeply_nested_answer_is_an_error_not_a_crash(fake):
    with pytest.raises(EndpointError) as err:
        run_remote(f"{fake}/deep", QUERY, {})
    assert str(err.value) == f"{fake}/deep: the response is not a SPARQL JSON result (application/sparql-results+json)"


def test_a_stores_own_blank_node_labels_are_read(fake):
    rows = run_remote(f"{fake}/node-id", QUERY, {}).rows
    assert isinstance(rows[0][0], ox.BlankNode) and rows[0][0] == rows[0][1] and rows[1][0] != rows[0][0]


def test_a_netrc_that_is_not_utf8_is_named(fake, tmp_path, monkeypatch):
    monkeypatch.delenv("PARLEY_ENDPOINT_USER", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_bytes(b"machine 127.0.0.1 login analyst password caf\xe9\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    result = run_parley("query", "venues", "--endpoint", f"{fake}/auth")
    assert (result.returncode, result.stderr.strip()) == (2, f"{netrc}: cannot read this netrc file: it is not UTF-8 text")


def test_a_push_that_a_web_page_says_200_to_is_not_reported_as_loaded(fake):
    with pytest.raises(EndpointError) as err:
        push(quads(3), endpoint=f"{fake}/portal/query")
    assert str(err.value) == (f"{fake}/portal/query: the response is not a SPARQL JSON result (text/html); "
                              "so what the store holds of the graphs pushed is not known")


def test_a_push_the_store_does_not_keep_is_an_error(fake):
    with pytest.raises(EndpointError) as err:
        push(quads(3), update=f"{fake}/void/update")
    assert str(err.value) == (f"{fake}/void/update: said it loaded the graphs, but holds 0 of the 1 triples sent "
                              "for <urn:g0>; is this the update endpoint of a SPARQL store that queries what it loads?")
