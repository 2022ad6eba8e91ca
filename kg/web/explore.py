"""What the explorer's pages show, as plain data read from the store with bound SPARQL.

Every id reaches a query as an RDF term bound to a variable
(:func:`parley.sparql.params.prepare`), never as text pasted into it. A page is a dict of plain values (``None`` when the graph has no
such thing); the templates only lay them out.

>>> from parley.pipeline import build
>>> import tempfile
>>> store = build(out=tempfile.mkdtemp()).store
>>> page = actor_page(store, "hakan-fidan")
>>> page["label"], page["type"], [p["role"] for p in page["participations"]]
('Hakan Fidan', 'Person', ['host'])
>>> page["participations"][0]["record"], page["participations"][0]["sources"][0]["id"]
('data/russia-ukraine.yaml:187', 'hdn-2026-01-02')
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from parley.model.namespaces import ID, PW, VOCAB, short_id
from parley.network.tables import ACTOR_TYPES, GraphTables
from parley.sparql.params import prepare

__all__ = ["search", "actor_page", "process_page", "thing_page", "source_page", "KINDS"]

KINDS = ("actor", "process", "agreement", "event", "source", "claim", "conflict")
WIKIDATA = "http://www.wikidata.org/entity/"
_PREFIXES = f"""PREFIX pw: <{PW}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
# Standard properties the ontology does not label, as the pages name them.
_NAMES = {"http://www.w3.org/2000/01/rdf-schema#comment": "note", "http://www.w3.org/2004/02/skos/core#altLabel":
          "also called", "http://www.w3.org/2004/02/skos/core#exactMatch": "same as",
          "http://www.w3.org/2004/02/skos/core#prefLabel": "name"}
# Links shown in their own section, not among a thing's facts.
_SECTIONED = {PW + name for name in ("hasParticipation", "participant", "hasTenure", "hasStatusChange", "hasProvision", "source",
                                     "recordLine")}


def _fold(text: str) -> str:
    """Text for matching: lower case, without accents (``Türkiye`` is found as ``turkiye``)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def search(tables: GraphTables, text: str, limit: int = 50) -> list[dict[str, str]]:
    """Actors, processes, agreements and events whose name or id holds ``text`` (case and
    accents aside): those where a word starts with it first, actors before processes,
    agreements and events, then the rest.

    >>> from parley.network.tables import read_store
    >>> from parley.pipeline import build
    >>> import tempfile
    >>> tables = read_store(build(out=tempfile.mkdtemp()).store)
    >>> [(hit["kind"], hit["id"]) for hit in search(tables, "fidan")][:2]
    [('actor', 'hakan-fidan'), ('event', 'ankara-2026-01-01')]
    """
    wanted = _fold(text.strip())
    if not wanted:
        return []
    hits = []
    for kind, frame in (("actor", tables.actors), ("process", tables.processes), ("agreement", tables.agreements),
                        ("event", tables.events)):
        for thing, label in zip(frame["id"].tolist(), frame["label"].tolist()):
            name = label or thing
            folded_name, folded_id = _fold(name), _fold(thing)
            if wanted in folded_name or wanted in folded_id:
                words = re.split(r"[\W_]+", folded_name) + folded_id.split("-")
                starts = any(word.startswith(wanted) for word in words) or folded_name.startswith(wanted)
                hits.append((not starts, KINDS.index(kind), folded_name, {"kind": kind, "id": thing, "label": name}))
    hits.sort(key=lambda hit: hit[:3])
    return [hit[3] for hit in hits[:limit]]


def _iri(kind: str, thing: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}{kind}/{thing}")


def _rows(store: ox.Store, text: str, **bound: ox.NamedNode) -> list[dict[str, Any]]:
    solutions = store.query(prepare(_PREFIXES + text, dict(bound)))
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [dict(zip(names, solution)) for solution in solutions]  # type: ignore[union-attr]


def link(term: Any) -> dict[str, str]:
    """A term as the pages show it: ``kind`` and ``id`` for instances (a link), ``text``
    for literals and vocabulary terms, ``href`` for other IRIs (Wikidata, a source's URL).

    >>> link(ox.NamedNode(ID + "actor/turkiye")), link(ox.Literal("2022"))
    ({'kind': 'actor', 'id': 'turkiye', 'text': 'turkiye'}, {'text': '2022'})
    """
    if isinstance(term, ox.NamedNode):
        if term.value.startswith(ID):
            kind, _, rest = term.value[len(ID):].partition("/")
            if kind in KINDS and "/" not in rest:
                return {"kind": kind, "id": rest, "text": rest}
            return {"text": short_id(term.value)}
        shown = short_id(term.value)
        return {"text": shown} if shown != term.value else {"href": term.value, "text": term.value}
    return {"text": "" if term is None else str(term.value)}


def _labels(store: ox.Store, terms: list[Any]) -> dict[str, str]:
    """The rdfs:label of each IRI among ``terms`` that has one (the first, in sorted order)."""
    labels = {}
    for iri in {t.value for t in terms if isinstance(t, ox.NamedNode)}:
        found = sorted(q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), _LABEL, None, ox.DefaultGraph()))
        if found:
            labels[iri] = found[0]
    return labels


def _shown(term: Any, labels: dict[str, str]) -> dict[str, str]:
    shown = link(term)
    if isinstance(term, ox.NamedNode) and term.value in labels:
        shown["text"] = labels[term.value]
    return shown


def _facts(store: ox.Store, subject: ox.NamedNode) -> tuple[list[dict[str, Any]], list[str]]:
    """A thing's facts (property and values, linked and labelled, the sectioned links aside)
    and its ontology classes."""
    rows = _rows(store, "SELECT ?p ?o WHERE { ?s ?p ?o }", s=subject)
    types = sorted(r["o"].value[len(PW):] for r in rows if r["p"].value == _RDF_TYPE and r["o"].value.startswith(PW))
    kept = [r for r in rows if r["p"].value != _RDF_TYPE and r["p"].value not in _SECTIONED]
    labels = _labels(store, [r["o"] for r in kept] + [r["p"] for r in kept])
    by_property: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in sorted(kept, key=lambda r: (r["p"].value, str(r["o"]))):
        by_property[r["p"].value].append(_shown(r["o"], labels))
    facts = [{"property": labels.get(p) or _NAMES.get(p) or short_id(p), "values": values}
             for p, values in by_property.items()]
    return facts, types


def _sources(store: ox.Store, ids: set[str]) -> dict[str, dict[str, str]]:
    """Title, publisher, date and URL of each source id."""
    found = {}
    for source in sorted(ids):
        rows = _rows(store, """SELECT ?title ?publisher ?published ?url WHERE {
          OPTIONAL { ?s pw:title ?title } OPTIONAL { ?s pw:publisher ?publisher }
          OPTIONAL { ?s pw:published ?published } OPTIONAL { ?s pw:url ?url } }""", s=_iri("source", source))
        row = rows[0] if rows else {}
        found[source] = {"id": source, **{k: "" if row.get(k) is None else row[k].value
                                           for k in ("title", "publisher", "published", "url")}}
        if source == "curator":  # no text states it: the curator's general knowledge
            found[source]["publisher"] = "curator's general knowledge"
    return found


_PARTICIPATIONS = """
SELECT ?thing ?actor ?role ?on_behalf_of ?date ?status ?file ?line ?rows_file ?row ?source WHERE {
  {
    ?thing pw:hasParticipation ?p . ?p pw:actor ?actor ; pw:role ?role .
    OPTIONAL { ?p pw:onBehalfOf ?on_behalf_of }
    OPTIONAL { GRAPH ?record { ?p pw:actor ?actor } ?record pw:recordFile ?file ; pw:recordLine ?line }
    OPTIONAL { ?p pw:source ?own }
  } UNION {
    ?thing pw:participant ?actor . BIND (<""" + VOCAB + """role/participant> AS ?role)
  }
  OPTIONAL { ?thing pw:date ?date }
  OPTIONAL { ?thing pw:eventStatus|pw:agreementStatus ?status }
  OPTIONAL {  # a bulk row: its line, in its data-set file's graph
    GRAPH ?rows { ?thing pw:recordLine ?row } ?rows pw:recordFile ?rows_file
  }
  OPTIONAL { ?thing pw:source ?cited }
  BIND (COALESCE(?own, ?cited) AS ?source)
}"""


def _participations(store: ox.Store, **bound: ox.NamedNode) -> list[dict[str, Any]]:
    """Participations (of an ``actor``, or in a ``thing``), one per thing, actor and role,
    with the record and the sources behind each."""
    rows = _rows(store, _PARTICIPATIONS, **bound)
    labels = _labels(store, [r[k] for r in rows for k in ("thing", "actor", "on_behalf_of")])
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    sources: set[str] = set()
    for r in rows:
        key = (r["thing"].value, r["actor"].value, r["role"].value)
        entry = grouped.setdefault(key, {
            "thing": _shown(r["thing"], labels), "actor": _shown(r["actor"], labels), "role": short_id(key[2]),
            "on_behalf_of": _shown(r["on_behalf_of"], labels) if r["on_behalf_of"] is not None else None,
            "date": "" if r["date"] is None else r["date"].value,
            "status": "" if r["status"] is None else short_id(r["status"].value),
            "records": set(), "source_ids": set()})
        if r["file"] is not None:
            entry["records"].add(f"{r['file'].value}:{r['line'].value}")
        elif r["rows_file"] is not None:
            entry["records"].add(f"{r['rows_file'].value}:{r['row'].value}")
        if r["source"] is not None:
            entry["source_ids"].add(short_id(r["source"].value))
            sources.add(short_id(r["source"].value))
    described = _sources(store, sources)
    out = []
    for entry in grouped.values():
        entry["record"] = ", ".join(sorted(entry.pop("records")))
        entry["sources"] = [described[s] for s in sorted(entry.pop("source_ids"))]
        out.append(entry)
    out.sort(key=lambda e: (not e["date"], e["date"], e["thing"].get("id", ""), e["actor"].get("id", ""), e["role"]))
    return out


def _record(store: ox.Store, subject: ox.NamedNode) -> str:
    rows = _rows(store, """SELECT DISTINCT ?file ?line WHERE {
      { ?record pw:describes ?s ; pw:recordFile ?file ; pw:recordLine ?line }
      UNION { GRAPH ?rows { ?s pw:recordLine ?line } ?rows pw:recordFile ?file } } ORDER BY ?file ?line""", s=subject)
    return ", ".join(f"{r['file'].value}:{r['line'].value}" for r in rows)


def _page(store: ox.Store, kind: str, thing: str) -> dict[str, Any] | None:
    if "/" in thing:
        return None
    try:
        subject = _iri(kind, thing)
    except ValueError:  # not an IRI: nothing in the graph has it
        return None
    facts, types = _facts(store, subject)
    if not types and not facts:
        return None
    label = next((f["values"][0]["text"] for f in facts if f["property"] in ("label", "rdfs:label")), thing)
    facts = [f for f in facts if f["property"] not in ("label", "rdfs:label")]
    own = {short_id(r["o"].value) for r in _rows(store, "SELECT ?o WHERE { ?s pw:source ?o }", s=subject)}
    return {"kind": kind, "id": thing, "iri": subject.value, "label": label, "types": types, "facts": facts,
            "record": _record(store, subject), "sources": list(_sources(store, own).values())}


def actor_page(store: ox.Store, actor: str) -> dict[str, Any] | None:
    """An actor: type, ids (Wikidata), posts over time, every participation (role, on behalf
    of, date, record, sources), co-participants and the claims it makes or is about."""
    page = _page(store, "actor", actor)
    if page is None:
        return None
    page["type"] = next((t for t in ACTOR_TYPES if t in page["types"]), "Actor")
    subject = _iri("actor", actor)
    page["wikidata"] = [r["q"].value[len(WIKIDATA):] for r in _rows(
        store, "SELECT ?q WHERE { ?s skos:exactMatch ?q }", s=subject) if r["q"].value.startswith(WIKIDATA)]
    tenures = _rows(store, """SELECT ?post ?org ?start ?end ?attested ?source WHERE {
      ?s pw:hasTenure ?t . ?t pw:post ?post . OPTIONAL { ?post pw:postIn ?org }
      OPTIONAL { ?t pw:startDate ?start } OPTIONAL { ?t pw:endDate ?end } OPTIONAL { ?t pw:attestedOn ?attested }
      OPTIONAL { ?t pw:source ?source } }""", s=subject)
    labels = _labels(store, [r[k] for r in tenures for k in ("post", "org")])
    posts: dict[str, dict[str, Any]] = {}
    for r in tenures:
        post = posts.setdefault(r["post"].value, {"post": _shown(r["post"], labels), "org": _shown(r["org"], labels)
                                                  if r["org"] is not None else None, "start": "", "end": "",
                                                  "attested": set(), "sources": set()})
        post["start"] = r["start"].value if r["start"] is not None else post["start"]
        post["end"] = r["end"].value if r["end"] is not None else post["end"]
        if r["attested"] is not None:
            post["attested"].add(r["attested"].value)
        if r["source"] is not None:
            post["sources"].add(short_id(r["source"].value))
    page["posts"] = sorted(({**p, "attested": ", ".join(sorted(p["attested"])), "sources": sorted(p["sources"])}
                            for p in posts.values()), key=lambda p: (p["start"] or min(p["attested"] or "9"),))
    page["participations"] = _participations(store, actor=subject)
    met = _rows(store, """SELECT ?other (COUNT(DISTINCT ?event) AS ?events) (MIN(STR(?date)) AS ?first)
      (MAX(STR(?date)) AS ?last) WHERE {
      ?event pw:participant|pw:hasParticipation/pw:actor ?s ; a pw:NegotiationEvent ; pw:date ?date ;
             pw:participant|pw:hasParticipation/pw:actor ?other . FILTER (?other != ?s) }
      GROUP BY ?other ORDER BY DESC(?events) ?other""", s=subject)
    labels = _labels(store, [r["other"] for r in met])
    page["co_participants"] = [{"actor": _shown(r["other"], labels), "events": int(r["events"].value),
                                "first": r["first"].value, "last": r["last"].value} for r in met]
    claims = _rows(store, """SELECT ?claim ?text ?stance ?date ?claimant ?source WHERE {
      ?claim a pw:Claim . { ?claim pw:claimant ?s } UNION { ?claim pw:concerns ?s }
      OPTIONAL { ?claim pw:text ?text } OPTIONAL { ?claim pw:stance ?stance } OPTIONAL { ?claim pw:date ?date }
      OPTIONAL { ?claim pw:claimant ?claimant } OPTIONAL { ?claim pw:source ?source } } ORDER BY STR(?date) ?claim""",
                   s=subject)
    labels = _labels(store, [r["claimant"] for r in claims])
    seen: dict[str, dict[str, Any]] = {}
    for r in claims:
        claim = seen.setdefault(r["claim"].value, {
            "claim": link(r["claim"]), "text": "" if r["text"] is None else r["text"].value,
            "stance": "" if r["stance"] is None else short_id(r["stance"].value),
            "date": "" if r["date"] is None else r["date"].value,
            "claimant": _shown(r["claimant"], labels) if r["claimant"] is not None else None, "sources": set()})
        if r["source"] is not None:
            claim["sources"].add(short_id(r["source"].value))
    page["claims"] = [{**c, "sources": sorted(c["sources"])} for c in seen.values()]
    return page


def process_page(store: ox.Store, process: str) -> dict[str, Any] | None:
    """A process: its facts, sub-tracks, the timeline of its events and agreements (and its
    sub-tracks'), and who took part in it in which role."""
    page = _page(store, "process", process)
    if page is None:
        return None
    subject = _iri("process", process)
    tracks = _rows(store, "SELECT ?track WHERE { ?track pw:subTrackOf+ ?s } ORDER BY ?track", s=subject)
    labels = _labels(store, [r["track"] for r in tracks])
    page["tracks"] = [_shown(r["track"], labels) for r in tracks]
    things = _rows(store, """SELECT DISTINCT ?thing ?kind ?date ?status ?type WHERE {
      ?track pw:subTrackOf* ?s .
      { ?thing pw:inProcess ?track ; a pw:NegotiationEvent . BIND ("event" AS ?kind)
        OPTIONAL { ?thing pw:eventStatus ?status } OPTIONAL { ?thing pw:eventType ?type } }
      UNION { ?thing pw:resultOf ?track ; a pw:Agreement . BIND ("agreement" AS ?kind)
        OPTIONAL { ?thing pw:agreementStatus ?status } }
      UNION { ?thing pw:resultOf ?event ; a pw:Agreement . ?event pw:inProcess ?track . BIND ("agreement" AS ?kind)
        OPTIONAL { ?thing pw:agreementStatus ?status } }
      OPTIONAL { ?thing pw:date ?date } }""", s=subject)
    labels = _labels(store, [r["thing"] for r in things])
    timeline: dict[str, dict[str, Any]] = {}
    for r in things:
        entry = timeline.setdefault(r["thing"].value, {
            "thing": _shown(r["thing"], labels), "kind": r["kind"].value,
            "date": "" if r["date"] is None else r["date"].value, "statuses": set(),
            "type": "" if r["type"] is None else short_id(r["type"].value), "actors": []})
        if r["status"] is not None:
            entry["statuses"].add(short_id(r["status"].value))
    everyone = []
    for entry in timeline.values():
        entry["status"] = ", ".join(sorted(entry.pop("statuses")))
        kind, thing = entry["kind"], entry["thing"]["id"]
        entry["actors"] = _participations(store, thing=_iri(kind, thing))
        everyone += entry["actors"]
    page["timeline"] = sorted(timeline.values(), key=lambda e: (e["date"] or "9999", e["thing"]["id"]))
    own = _participations(store, thing=subject)
    page["participations"] = own
    roles: dict[str, dict[str, Any]] = {}
    for p in own + everyone:
        actor = p["on_behalf_of"] if p["on_behalf_of"] is not None and p["role"] in ("envoy", "head-of-delegation") \
            else p["actor"]
        entry = roles.setdefault(actor.get("id", actor["text"]), {"actor": actor, "roles": set(), "count": 0})
        entry["roles"].add(p["role"])
        entry["count"] += 1
    page["actors"] = sorted(({**e, "roles": ", ".join(sorted(e["roles"]))} for e in roles.values()),
                            key=lambda e: (-e["count"], e["actor"]["text"]))
    return page


def thing_page(store: ox.Store, kind: str, thing: str) -> dict[str, Any] | None:
    """An agreement or event: its facts, status history (agreements), provisions, and who
    took part in which role, with the records and sources behind each."""
    page = _page(store, kind, thing)
    if page is None:
        return None
    subject = _iri(kind, thing)
    page["participations"] = _participations(store, thing=subject)
    changes = _rows(store, """SELECT ?status ?date ?comment ?source WHERE {
      ?s pw:hasStatusChange ?c . ?c pw:status ?status . OPTIONAL { ?c pw:date ?date }
      OPTIONAL { ?c rdfs:comment ?comment } OPTIONAL { ?c pw:source ?source } } ORDER BY STR(?date)""", s=subject)
    page["statuses"] = [{"status": short_id(r["status"].value), "date": "" if r["date"] is None else r["date"].value,
                         "comment": "" if r["comment"] is None else r["comment"].value,
                         "source": "" if r["source"] is None else short_id(r["source"].value)} for r in changes]
    provisions = _rows(store, """SELECT ?provision ?p ?o WHERE { ?s pw:hasProvision ?provision . ?provision ?p ?o .
      FILTER (?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } ORDER BY ?provision ?p""", s=subject)
    labels = _labels(store, [r["p"] for r in provisions] + [r["o"] for r in provisions])
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in provisions:
        grouped[r["provision"].value].append({"property": labels.get(r["p"].value, short_id(r["p"].value)),
                                              "value": _shown(r["o"], labels)})
    page["provisions"] = list(grouped.values())
    return page


def source_page(store: ox.Store, source: str) -> dict[str, Any] | None:
    """A source: its facts (title, publisher, date, what it relays), the records that cite
    it, and how many bulk rows of a data-set file it is the source of."""
    page = _page(store, "source", source)
    if page is None:
        return None
    described = _sources(store, {source})[source]
    page["label"] = described["title"] or page["label"]
    page["url"] = described["url"]
    cited = _rows(store, """SELECT DISTINCT ?thing WHERE { ?record pw:describes ?thing ;
      <http://www.w3.org/ns/prov#wasDerivedFrom> ?s } ORDER BY ?thing""", s=_iri("source", source))
    labels = _labels(store, [r["thing"] for r in cited])
    page["cited_by"] = [_shown(r["thing"], labels) for r in cited]
    [rows] = _rows(store, """SELECT (COUNT(DISTINCT ?event) AS ?n) WHERE {
      GRAPH ?provenance { ?file a pw:DatasetFileGraph ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?s }
      GRAPH ?file { ?event pw:recordLine ?line } }""", s=_iri("source", source))
    page["rows"] = int(rows["n"].value)  # bulk rows of a data-set file, each citing it by its line
    return page
