"""The query library: each query gives exactly the rows checked by hand on the fixture
graph ``tests/data/facts/queries.yaml``."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from helpers import DATA, run_parley
from parley.model.errors import InputError
from parley.model.namespaces import VOCAB_GRAPH
from parley.pipeline import build
from parley.sparql.library import library, query_from_file
from parley.sparql.run import open_graph, query, query_frame


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build([DATA / "facts" / "queries.yaml"], out=tmp_path_factory.mktemp("out")).store


def rows(store, name, **params):
    return [tuple(row.values()) for row in query(name, params, store=store)]


def test_library_lists_every_query_with_title_and_typed_parameters():
    queries = library()
    assert set(queries) == {"agreements", "co-participants", "co-participation", "conflict-mediators",
                            "conflicting-claims", "mediator-and-party", "mediators", "posts-on-date", "source-facts",
                            "timeline", "unsigned-proposals", "venues", "who-says-so", "claims", "single-source",
                            "statuses-on-date", "members-on-date"}
    for name, q in queries.items():
        assert q.title and q.description, name
        select = q.text[q.text.index("SELECT"):q.text.index("WHERE")]
        for param in q.params:
            assert f"?{param.name} " in select, f"{name}: parameter {param.name} must be projected"
    assert [(p.name, p.spec, p.required) for p in queries["posts-on-date"].params] == [("date", "date", True)]


def test_mediators_of_a_process_include_its_sub_tracks(store):
    assert rows(store, "mediators", process="talks") == [
        ("talks", "fidan", "Hakan Fidan", "host", "turkiye", "ankara-2026", "Meeting in Ankara, 2026-01-01", "2026-01-01"),
        ("talks", "iraq", "Iraq", "witness", None, "grain", "Grain deal", "2022-07"),
        ("talks", "kalin", "İbrahim Kalın", "host", "turkiye", "ankara-2026", "Meeting in Ankara, 2026-01-01", "2026-01-01"),
        ("talks", "turkiye", "Türkiye", "host", None, "istanbul-2022", "Round of talks in Istanbul, 2022", "2022"),
        ("talks", "turkiye", "Türkiye", "mediator", None, "grain", "Grain deal", "2022-07"),
        ("talks", "turkiye", "Türkiye", "mediator", None, "istanbul-2025", "Round of talks in Istanbul, 2025-06-02", "2025-06-02"),
        ("talks", "united-nations", "United Nations", "mediator", None, "grain", "Grain deal", "2022-07"),
        ("talks", "united-nations", "United Nations", "observer", None, "planned-2026", "Meeting, 2026-02", "2026-02"),
    ]
    assert rows(store, "mediators", process="cell") == [
        ("cell", "iraq", "Iraq", "host", None, "baghdad-2025", "Meeting in Baghdad, 2025-03", "2025-03")]


def test_mediators_of_a_conflict(store):
    by_process = rows(store, "mediators", process="talks")
    assert rows(store, "conflict-mediators", conflict="war") == [
        ("war", "talks", actor, name, role, for_, where, date) for _, actor, name, role, for_, where, _, date in by_process]


def test_timeline_in_date_order_with_participants(store):
    found = rows(store, "timeline", process="talks")
    # (date, precision, event or agreement, type, status, place), once per thing
    things = list(dict.fromkeys((r[1], r[2], r[3], r[5], r[6], r[7]) for r in found))
    assert things == [
        ("2022", "year", "istanbul-2022", "talks-round", "held", "Istanbul"),
        ("2022-07", "month", "grain", "pw:Agreement", "signed", None),  # agreements are on the timeline too
        ("2025-06-02", "day", "istanbul-2025", "talks-round", "held", "Istanbul"),
        ("2025-12", "month", "call-2025", "phone-call", "held", None),
        ("2026-01-01", "day", "ankara-2026", "meeting", "held", "Ankara"),
        ("2026-02", "month", "planned-2026", "meeting", "planned", None)]
    assert [(r[1], r[3], r[8], r[9], r[10]) for r in found[11:]] == [
        ("2025-12", "call-2025", "fidan", "participant", "turkiye"),
        ("2025-12", "call-2025", "umerov", "party", "ukraine"),
        ("2026-01-01", "ankara-2026", "fidan", "host", "turkiye"),
        ("2026-01-01", "ankara-2026", "kalin", "host", "turkiye"),
        ("2026-01-01", "ankara-2026", "umerov", "party", "ukraine"),
        ("2026-02", "planned-2026", "ukraine", "party", None),
        ("2026-02", "planned-2026", "united-nations", "observer", None),
    ]
    assert len(found) == 18
    dates = [r[1] for r in found]
    assert dates == sorted(dates)


def test_agreements_with_parties_brokers_and_witnesses(store):
    assert rows(store, "agreements", status="signed") == [
        ("grain", "Grain deal", "signed", "2022-07", "turkiye", "mediator", None),
        ("grain", "Grain deal", "signed", "2022-07", "united-nations", "mediator", None),
        ("grain", "Grain deal", "signed", "2022-07", "russia", "party", None),
        ("grain", "Grain deal", "signed", "2022-07", "ukraine", "party", None),
        ("grain", "Grain deal", "signed", "2022-07", "iraq", "witness", None),
    ]
    assert len(rows(store, "agreements")) == 8


def test_proposed_agreements_never_signed(store):
    assert rows(store, "unsigned-proposals") == [("shipping", "Shipping safety arrangement", "turkiye", "talks", None)]


def test_mediator_in_one_process_party_in_another(store):
    assert rows(store, "mediator-and-party") == [("turkiye", "Türkiye", "mediator", "talks", "cell")]
    assert rows(store, "mediator-and-party", actor="iraq") == []


def test_an_id_that_names_nothing_in_the_graph_is_an_error_not_an_empty_answer(store):
    with pytest.raises(InputError) as err:
        rows(store, "mediators", process="talk")
    assert str(err.value) == "--param process: no process 'talk' in the graph (did you mean talks?)"
    with pytest.raises(InputError) as err:
        rows(store, "mediator-and-party", actor="nobody-at-all")
    assert str(err.value) == "--param actor: no actor 'nobody-at-all' in the graph"
    with pytest.raises(InputError) as err:
        rows(store, "who-says-so", subject="event/ankara-2025")
    assert str(err.value) == "--param subject: no event 'ankara-2025' in the graph (did you mean event/ankara-2026?)"


def test_posts_on_a_date(store):
    assert rows(store, "posts-on-date", date="2022-01-01") == [
        ("2022-01-01", "fidan", "Hakan Fidan", "Head of Intelligence", "turkiye", "2010-05", "2023-06", "2010-05",
         "2023-06")]
    # open-ended tenures are known up to the last day a source attests them (2025-08-01)
    assert rows(store, "posts-on-date", date="2025-07-15") == [
        ("2025-07-15", "kalin", "İbrahim Kalın", "Head of Intelligence", "turkiye", "2023-06", None, "2023-06",
         "2025-08-01"),
        ("2025-07-15", "fidan", "Hakan Fidan", "Minister of Foreign Affairs", "turkiye", "2023-06", None, "2023-06",
         "2025-08-01"),
        ("2025-07-15", "umerov", "Rustem Umerov", "Minister of Defence", "ukraine", "2023-09", "2025-07", "2023-09",
         "2025-07"),
        ("2025-07-15", "umerov", "Rustem Umerov", "Secretary of the Security Council", "ukraine", "2025-07", None,
         "2025-07", "2025-08-01"),
    ]
    assert rows(store, "posts-on-date", date="2025-09") == []  # after the last attestation: unknown, not held
    assert [r[3] for r in rows(store, "posts-on-date", date="2025-08")] == [
        "Head of Intelligence", "Minister of Foreign Affairs", "Secretary of the Security Council"]


def test_who_says_so_gives_record_file_line_and_source_of_each_fact(store):
    found = query("who-says-so", {"subject": "event/ankara-2026"}, store=store)
    assert len(found) == 24  # 12 about the event, 4 about each of its 3 participations
    assert {(r["record"], r["line"], r["source"]) for r in found} == {("graph/event/ankara-2026", 70, "weekly")}
    assert {r["file"] for r in found} == {found[0]["file"]} and found[0]["file"].endswith("tests/data/facts/queries.yaml")
    assert {"rdf:type", "pw:date", "pw:actor", "pw:role", "pw:onBehalfOf"} <= {r["property"] for r in found}
    assert ("pw:role", "host") in {(r["property"], r["value"]) for r in found if r["node"].endswith("fidan/host")}


def test_everything_a_source_supports(store):
    found = query("source-facts", {"source": "weekly"}, store=store)
    assert {r["record"] for r in found} == {"graph/actor/kalin", "graph/actor/umerov", "graph/agreement/shipping",
                                           "graph/claim/deaths-b", "graph/claim/deaths-c", "graph/event/ankara-2026",
                                           "graph/event/call-2025", "graph/event/planned-2026"}
    assert len(found) == 118  # the 8 participations of these records are stated from their owners only
    # the event's place is its record's fact; the place's own label lives in the places graph
    assert ("ankara-2026", "pw:place") in {(r["subject"], r["property"]) for r in found}
    assert not [r for r in found if r["subject"].startswith("place/")]


def test_conflicting_claims_from_different_sources(store):
    expected = [("ukraine", "deaths", "0", "ukraine", "weekly", "24", "russia", "daily")]
    assert rows(store, "conflicting-claims") == expected
    assert rows(store, "conflicting-claims", property="deaths") == expected
    assert rows(store, "conflicting-claims", property="casualties") == []


def test_pairs_of_actors_who_met(store):
    assert rows(store, "co-participation") == [
        ("fidan", "Hakan Fidan", "umerov", "Rustem Umerov", 2, "2025-12", "2026-01-01"),
        ("russia", "Russia", "turkiye", "Türkiye", 2, "2022", "2025-06-02"),
        ("russia", "Russia", "ukraine", "Ukraine", 2, "2022", "2025-06-02"),
        ("turkiye", "Türkiye", "ukraine", "Ukraine", 2, "2022", "2025-06-02"),
        ("fidan", "Hakan Fidan", "kalin", "İbrahim Kalın", 1, "2026-01-01", "2026-01-01"),
        ("iraq", "Iraq", "turkiye", "Türkiye", 1, "2025-03", "2025-03"),
        ("kalin", "İbrahim Kalın", "umerov", "Rustem Umerov", 1, "2026-01-01", "2026-01-01"),
    ]


def test_who_an_actor_met_gives_its_co_participation_rows_with_it_first(store):
    pairs = rows(store, "co-participation")
    for actor in ("turkiye", "fidan", "umerov", "iraq"):
        mine = [pair for pair in pairs if actor in (pair[0], pair[2])]
        turned = [pair if pair[0] == actor else (*pair[2:4], *pair[0:2], *pair[4:]) for pair in mine]
        assert rows(store, "co-participants", actor=actor) == sorted(turned, key=lambda r: (-r[4], r[2])), actor
    assert rows(store, "co-participants", actor="turkiye") == [
        ("turkiye", "Türkiye", "russia", "Russia", 2, "2022", "2025-06-02"),
        ("turkiye", "Türkiye", "ukraine", "Ukraine", 2, "2022", "2025-06-02"),
        ("turkiye", "Türkiye", "iraq", "Iraq", 1, "2025-03", "2025-03"),
    ]
    assert rows(store, "co-participants", actor="united-nations") == []  # only in a deal and a planned meeting


def test_venues_and_hosts(store):
    assert rows(store, "venues") == [
        ("Ankara", "turkiye", "Türkiye", 1, "2026-01-01", "2026-01-01"),
        ("Baghdad", "iraq", "Iraq", 1, "2025-03", "2025-03"),
        ("Istanbul", None, None, 1, "2025-06-02", "2025-06-02"),
        ("Istanbul", "turkiye", "Türkiye", 1, "2022", "2022"),
    ]


def test_results_as_a_dataframe_and_with_full_iris(store):
    frame = query_frame("venues", store=store)
    assert list(frame.columns) == ["place", "host", "host_name", "events", "first", "last"]
    assert frame["events"].sum() == 4
    [first] = query("unsigned-proposals", store=store, compact_iris=False)
    assert first["agreement"] == "https://w3id.org/parley/id/agreement/shipping"


def test_a_users_own_query_file(store, tmp_path):
    mine = tmp_path / "mine.rq"
    mine.write_text("# param: actor id:actor required\nPREFIX pw: <https://w3id.org/parley/ontology#>\n"
                    "SELECT ?actor (COUNT(?p) AS ?n) WHERE { ?p pw:actor ?actor } GROUP BY ?actor", encoding="utf-8")
    assert query(file=mine, params={"actor": "turkiye"}, store=store) == [{"actor": "turkiye", "n": 6}]


@pytest.fixture(scope="module")
def built_trig(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    build([DATA / "facts" / "queries.yaml"], out=out)
    return out / "kg.trig"


def test_only_who_says_so_and_source_facts_read_named_graphs(tmp_path):
    assert {name for name, q in library().items() if q.reads_named_graphs} == {"who-says-so", "source-facts",
                                                                                         "single-source"}
    mine = tmp_path / "mine.rq"
    mine.write_text("# counts the graphs\nSELECT ?g WHERE { graph ?g { ?s ?p ?o } }", encoding="utf-8")
    assert query_from_file(mine).reads_named_graphs
    mine.write_text("# not a graph query\nSELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    assert not query_from_file(mine).reads_named_graphs


def test_a_graph_file_opened_without_named_graphs_holds_their_union_alone(built_trig):
    union_only, full = open_graph(graph=built_trig, named_graphs=False), open_graph(graph=built_trig)
    def default(store):  # the ontology's blank nodes differ from store to store
        return {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}

    ontology = [ox.NamedNode(VOCAB_GRAPH)]  # loaded with every graph
    assert list(union_only.named_graphs()) == ontology and len(list(full.named_graphs())) > 20
    assert default(union_only) == default(full) and len(default(full)) > 300


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_gives_the_same_rows_from_the_graph_file_as_from_the_build_store(store, built_trig, name):
    params = {"mediators": {"process": "talks"}, "conflict-mediators": {"conflict": "war"},
              "timeline": {"process": "talks"}, "posts-on-date": {"date": "2024-01-01"},
              "statuses-on-date": {"date": "2026"}, "members-on-date": {"date": "2024"},
              "who-says-so": {"subject": "event/ankara-2026"}, "source-facts": {"source": "daily"},
              "co-participants": {"actor": "turkiye"}}.get(name, {})
    from_file = query(name, params, graph=built_trig)
    assert from_file == query(name, params, store=store)
    assert from_file or name in {"unsigned-proposals", "conflicting-claims"}


def test_a_broken_graph_file_is_reported_with_its_line_without_named_graphs_too(tmp_path):
    broken = tmp_path / "kg.trig"
    broken.write_text("<http://e.org/g> {\n<http://e.org/s> <http://e.org/p> .\n}\n", encoding="utf-8")
    for named in (True, False):
        with pytest.raises(InputError) as error:
            open_graph(graph=broken, named_graphs=named)
        [problem] = error.value.problems
        assert problem.file == str(broken) and problem.line == 2 and "not valid trig" in problem.message


def test_every_command_reads_a_graph_file_with_input_and_says_so_when_none_is_built(built_trig, tmp_path):
    for command in (["query", "agreements"], ["centrality"], ["export", "gexf"]):
        missing = run_parley(*command, cwd=tmp_path)
        assert missing.returncode == 2
        assert missing.stderr.strip() == "out/kg.trig: run 'parley build' first, or give --input FILE or --store DIR"
    by_input = run_parley("query", "agreements", "--input", str(built_trig), "--format", "csv", cwd=tmp_path)
    by_old_name = run_parley("query", "agreements", "--graph", str(built_trig), "--format", "csv", cwd=tmp_path)
    assert by_input.returncode == 0 and len(by_input.stdout.splitlines()) > 1
    assert by_old_name.returncode == 2 and "the graph file is given with --input FILE" in by_old_name.stderr
    assert "--graph" not in run_parley("query", "--help").stdout
