"""The explorer and the endpoint as one Flask application over a loaded store.

Pages are rendered on the server (Jinja2, every value escaped); the only scripts are the
package's own files (the network view, with sigma.js and graphology vendored from npm),
so the pages carry a Content-Security-Policy that allows nothing else.

>>> from parley.pipeline import build
>>> from parley.network.tables import read_store
>>> import tempfile
>>> store = build(out=tempfile.mkdtemp()).store
>>> client = make_app(store, read_store(store)).test_client()
>>> page = client.get("/actor/turkiye")
>>> page.status_code, "Türkiye" in page.text
(200, True)
>>> client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).json
{'head': {}, 'boolean': True}
"""

from __future__ import annotations

import csv
import io
from typing import Any

import flask
import pyoxigraph as ox

from parley.model.errors import InputError
from parley.network.tables import GraphTables
from parley.sparql.library import LibraryQuery, library
from parley.sparql.params import bind_params, prepare
from parley.sparql.run import check_ids, run_local
from parley.web.explore import actor_page, link, process_page, search, source_page, thing_page
from parley.web.network_view import VIEW_MEASURES, neighbourhood
from parley.web.protocol import QueryGate, SparqlRequest, sparql_answer

__all__ = ["make_app"]

_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_ROWS_SHOWN = 500


def _value_of(form: Any, name: str) -> str:
    return (form.get(name) or "").strip()


def make_app(store: ox.Store, tables: GraphTables, *, timeout: float = 30.0, title: str = "parley",
             graph_name: str = "") -> flask.Flask:
    """The WSGI application: the explorer's pages over ``store`` (searching ``tables``), and
    the SPARQL 1.1 endpoint at ``/sparql``, read-only, ``timeout`` seconds per query."""
    app = flask.Flask("parley.web", static_folder="static", template_folder="templates")
    app.config.update(JSON_SORT_KEYS=False)
    gate = QueryGate()
    queries = library()
    counts = {"actors": len(tables.actors), "processes": len(tables.processes), "events": len(tables.events),
              "agreements": len(tables.agreements), "participations": len(tables.participations)}

    @app.context_processor
    def shared() -> dict[str, Any]:
        return {"site_title": title, "graph_name": graph_name, "counts": counts}

    @app.after_request
    def harden(response: flask.Response) -> flask.Response:
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def not_found(what: str) -> tuple[str, int]:
        return flask.render_template("missing.html", what=what), 404

    @app.errorhandler(404)
    def no_page(error: Exception) -> tuple[str, int]:
        return not_found(f"page '{flask.request.path}'")

    @app.get("/")
    def home() -> str:
        processes = tables.processes.sort_values("label")[["id", "label"]].to_dict("records")
        agreements = tables.agreements.sort_values(["date", "label"])[["id", "label", "date"]].to_dict("records")
        busiest = (tables.participations[tables.participations["kind"] == "event"].groupby("actor").size()
                   .sort_values(ascending=False, kind="stable").head(12))
        labels = dict(zip(tables.actors["id"].tolist(), tables.actors["label"].tolist()))
        actors = [{"id": a, "label": labels.get(a, a), "events": int(n)} for a, n in busiest.items()]
        return flask.render_template("home.html", processes=processes[:50], agreements=agreements[:50],
                                     actors=actors)

    @app.get("/search")
    def find() -> str:
        text = flask.request.args.get("q", "")
        return flask.render_template("search.html", q=text, hits=search(tables, text))

    @app.get("/actor/<path:thing>")
    def actor(thing: str) -> Any:
        page = actor_page(store, thing)
        return flask.render_template("actor.html", page=page) if page else not_found(f"actor '{thing}'")

    @app.get("/process/<path:thing>")
    def process(thing: str) -> Any:
        page = process_page(store, thing)
        return flask.render_template("process.html", page=page) if page else not_found(f"process '{thing}'")

    @app.get("/<any(agreement, event, claim, conflict):kind>/<path:thing>")
    def other(kind: str, thing: str) -> Any:
        page = thing_page(store, kind, thing)
        return flask.render_template("thing.html", page=page) if page else not_found(f"{kind} '{thing}'")

    @app.get("/source/<path:thing>")
    def source(thing: str) -> Any:
        page = source_page(store, thing)
        return flask.render_template("source.html", page=page) if page else not_found(f"source '{thing}'")

    def network_data() -> dict[str, Any]:
        args = flask.request.args
        return neighbourhood(tables, actor=args.get("actor") or None, process=args.get("process") or None,
                             measure=args.get("measure", "degree"))

    @app.get("/network")
    def network() -> Any:
        try:
            data = network_data()
        except InputError as err:
            return flask.render_template("missing.html", what=str(err)), 400
        return flask.render_template("network.html", data=data, measures=VIEW_MEASURES)

    @app.get("/network.json")
    def network_json() -> Any:
        try:
            return flask.jsonify(network_data())
        except InputError as err:
            return flask.jsonify({"error": str(err)}), 400

    @app.get("/queries")
    def query_list() -> str:
        return flask.render_template("queries.html", queries=sorted(queries.values(), key=lambda q: q.name))

    def ran(name: str) -> tuple[LibraryQuery, dict[str, str], Any, list[str], str]:
        """The query, the values given, its table (None when not run), problems, the SPARQL run."""
        if name not in queries:
            flask.abort(404)
        chosen = queries[name]
        given = {p.name: _value_of(flask.request.args, p.name) for p in chosen.params}
        if "run" not in flask.request.args:
            return chosen, given, None, [], chosen.text
        try:
            bindings = bind_params(chosen, {k: v for k, v in given.items() if v})
            table = run_local(store, chosen, bindings, timeout)
            if not table.rows:  # a mistyped id is not an empty answer
                check_ids(chosen, bindings, lambda q, b: run_local(store, q, b, timeout))
            return chosen, given, table, [], prepare(chosen.text, bindings)
        except InputError as err:
            return chosen, given, None, [str(p) for p in err.problems], chosen.text

    @app.get("/queries/<name>")
    def query_form(name: str) -> Any:
        chosen, given, table, problems, text = ran(name)
        rows = [[link(term) for term in row] for row in table.rows[:_ROWS_SHOWN]] if table else []
        return flask.render_template("query.html", query=chosen, given=given, table=table, rows=rows,
                                     problems=problems, text=text, shown=_ROWS_SHOWN,
                                     csv_args={**given, "run": "1"}), 400 if problems else 200

    @app.get("/queries/<name>.csv")
    def query_csv(name: str) -> Any:
        chosen, _, table, problems, _ = ran(name)
        if problems or table is None:
            return flask.Response("\n".join(problems or ["add run=1 to run the query"]) + "\n", 400,
                                  mimetype="text/plain")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        records = table.records()
        writer.writerow(records.columns)
        writer.writerows([["" if row[c] is None else row[c] for c in records.columns] for row in records])
        return flask.Response(buffer.getvalue(), mimetype="text/csv",
                              headers={"Content-Disposition": f'attachment; filename="{chosen.name}.csv"'})

    @app.route("/sparql", methods=["GET", "POST", "OPTIONS"])
    def sparql() -> flask.Response:
        request = flask.request
        if request.method == "OPTIONS":  # a browser's preflight for a query from another page (YASGUI)
            response = flask.Response(status=204)
        else:
            answer = sparql_answer(store, SparqlRequest(
                request.method, request.args.to_dict(flat=False), request.form.to_dict(flat=False),
                request.get_data(cache=False) if request.mimetype not in ("application/x-www-form-urlencoded",
                                                                          "multipart/form-data") else b"",
                request.content_type or "", request.headers.get("Accept", "")), timeout=timeout, gate=gate)
            response = flask.Response(answer.body, status=answer.status, content_type=answer.content_type)
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response.headers["Vary"] = "Accept"
        return response

    return app
