"""Analysis tables: the graph's actors, processes, events, agreements and participations
as pandas data frames, one row per thing, plain ids and values.

They are read from a store with SPARQL (results serialized by Oxigraph as CSV, so that
hundreds of thousands of rows cost seconds, not a Python object per term), written by
``parley build`` beside the graph as Parquet and CSV, and read back by the network
commands when their manifest's content hash matches the graph file, so a stale table is
never used:

>>> from parley.pipeline import build
>>> import tempfile
>>> tables = read_store(build(out=tempfile.mkdtemp()).store)
>>> row = tables.participations.query("id == 'ankara-2026-01-01' and actor == 'hakan-fidan'").iloc[0]
>>> row["kind"], row["role"], row["on_behalf_of"], row["basis"]
('event', 'host', 'turkiye', 'hdn-2026-01-02')
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from parley.model.namespaces import ID, PW, VOCAB, short_id

__all__ = ["GraphTables", "read_store", "table_query", "actors_table", "processes_table", "read_tables", "content_hash", "table_files", "TABLE_COLUMNS", "MANIFEST",
           "TABLES_VERSION"]

MANIFEST = "tables.json"
TABLES_VERSION = 3  # raised whenever a table's columns or meaning change: older tables are then stale
TABLE_COLUMNS = {
    "actors": ("id", "label", "type", "part_of", "wikidata"),
    "processes": ("id", "label", "parent", "conflict"),
    "events": ("id", "label", "type", "date", "status", "process", "place"),
    "agreements": ("id", "label", "date", "process"),
    "participations": ("kind", "id", "date", "held", "process", "actor", "role", "on_behalf_of", "basis"),
}
# The most specific actor types first: an actor's "type" is the first of its classes here.
ACTOR_TYPES = ("Person", "State", "IntergovernmentalOrganization", "GovernmentBody", "ArmedGroup",
               "NonGovernmentalOrganization", "Group", "Organization", "Actor")

_PREFIXES = (f"PREFIX pw: <{PW}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
_QUERIES = {
    # who took part in what, and what each thing is, apart: two simple scans that pandas
    # joins in a fraction of the time the one query with both would take the engine
    "participants": """
SELECT ?thing ?actor ?role ?on_behalf_of WHERE {
  {
    ?thing pw:hasParticipation ?p .
    ?p pw:actor ?actor ; pw:role ?role .
    OPTIONAL { ?p pw:onBehalfOf ?on_behalf_of }
  } UNION {
    ?thing pw:participant ?actor . BIND (<https://w3id.org/parley/vocab/role/participant> AS ?role)
  }
}""",
    "participated": """
SELECT ?thing ?kind ?date ?status ?process WHERE {
  {
    ?thing a pw:NegotiationEvent ; pw:inProcess ?process . BIND ("event" AS ?kind)
  } UNION {
    ?thing a pw:Agreement . BIND ("agreement" AS ?kind)
    OPTIONAL { { ?thing pw:resultOf ?process . ?process a pw:NegotiationProcess }
               UNION { ?thing pw:resultOf/pw:inProcess ?process } }
  } UNION {
    ?thing a pw:NegotiationProcess . BIND ("process" AS ?kind) BIND (?thing AS ?process)
  }
  OPTIONAL { ?thing pw:date ?date }
  OPTIONAL { ?thing pw:eventStatus ?status }
}""",
    "participation_sources": """
SELECT ?thing ?actor ?role ?source WHERE {
  ?thing pw:hasParticipation ?p . ?p pw:actor ?actor ; pw:role ?role ; pw:source ?source .
}""",
    "thing_sources": """
SELECT ?thing ?source WHERE {
  ?thing pw:source ?source . { ?thing a pw:NegotiationEvent } UNION { ?thing a pw:Agreement }
  UNION { ?thing a pw:NegotiationProcess }
}""",
    "actors": """
SELECT ?id ?label ?type ?part_of ?wikidata WHERE {
  ?id a pw:Actor ; a ?type .
  OPTIONAL { ?id rdfs:label ?label }
  OPTIONAL { ?id pw:partOf ?part_of }
  OPTIONAL { ?id skos:exactMatch ?wikidata FILTER (STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/Q")) }
}""",
    "processes": """
SELECT ?id ?label ?parent ?conflict WHERE {
  ?id a pw:NegotiationProcess .
  OPTIONAL { ?id rdfs:label ?label }
  OPTIONAL { ?id pw:subTrackOf ?parent }
  OPTIONAL { ?id pw:about ?conflict . ?conflict a pw:Conflict }
}""",
    "events": """
SELECT ?id ?label ?type ?date ?status ?process ?place WHERE {
  ?id a pw:NegotiationEvent .
  OPTIONAL { ?id rdfs:label ?label }
  OPTIONAL { ?id pw:eventType ?type }
  OPTIONAL { ?id pw:date ?date }
  OPTIONAL { ?id pw:eventStatus ?status }
  OPTIONAL { ?id pw:inProcess ?process }
  OPTIONAL { ?id pw:place ?place }
}""",
    "agreements": """
SELECT ?id ?label ?date ?process WHERE {
  ?id a pw:Agreement .
  OPTIONAL { ?id rdfs:label ?label }
  OPTIONAL { ?id pw:date ?date }
  OPTIONAL { { ?id pw:resultOf ?process . ?process a pw:NegotiationProcess }
             UNION { ?id pw:resultOf/pw:inProcess ?process } }
}""",
}


@dataclass
class GraphTables:
    """The analysis tables of one graph (columns: :data:`TABLE_COLUMNS`; every cell a
    string, ``""`` when unknown, but ``held``, a bool). In ``participations``, ``kind`` is
    event, agreement or process, ``held`` is False only for events not held (planned,
    cancelled), and ``basis`` lists the sources the participation rests on (its own, or
    else those of its event, agreement or process), space-separated."""

    actors: pd.DataFrame
    processes: pd.DataFrame
    events: pd.DataFrame
    agreements: pd.DataFrame
    participations: pd.DataFrame

    def __repr__(self) -> str:
        sizes = ", ".join(f"{len(getattr(self, f.name))} {f.name}" for f in fields(self))
        return f"<GraphTables {sizes}>"


def _frame(store: ox.Store, name: str) -> pd.DataFrame:
    """A query's solutions as strings: IRIs whole, literals as their lexical form."""
    text = store.query(_PREFIXES + _QUERIES[name]).serialize(format=ox.QueryResultsFormat.CSV)
    return pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False)


def _short(column: pd.Series) -> pd.Series:
    """IRIs as ids (:func:`~parley.model.namespaces.short_id`), each distinct one once."""
    distinct = {value: short_id(value) if value else "" for value in column.unique()}
    return column.map(distinct)


def _path(column: pd.Series) -> pd.Series:
    """IRIs of instances as ``KIND/ID``."""
    return column.str.slice(len(ID))


def _first(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per ``id``: the first value (in sorted order) of each column that is given."""
    frame = frame.sort_values(list(frame.columns), kind="stable")
    return frame.replace("", None).groupby("id", sort=True).first().fillna("").reset_index()


def table_query(name: str) -> str:
    """The SPARQL query a table's rows are read with (``actors``, ``processes``, ...)."""
    return _PREFIXES + _QUERIES[name]


def actors_table(actors: pd.DataFrame) -> pd.DataFrame:
    """The actors table from the solutions of ``table_query("actors")`` (as strings)."""
    actors = actors[actors["type"].str.startswith(PW)]
    for column in ("id", "part_of"):
        actors[column] = _short(actors[column])
    actors["type"] = actors["type"].str.slice(len(PW))
    actors["wikidata"] = actors["wikidata"].str.replace(r"^.*/", "", regex=True)
    rank = {name: i for i, name in enumerate(ACTOR_TYPES)}
    actors = actors.assign(rank=actors["type"].map(rank)).dropna(subset=["rank"])
    actors = actors.sort_values(["id", "rank"], kind="stable")
    types = actors.groupby("id", sort=True)["type"].first()
    actors = _first(actors.drop(columns=["type", "rank"])).set_index("id")
    actors.insert(1, "type", types)
    actors = actors.reset_index()
    actors["label"] = actors["label"].where(actors["label"] != "", actors["id"])
    return actors[list(TABLE_COLUMNS["actors"])]


def processes_table(processes: pd.DataFrame) -> pd.DataFrame:
    """The processes table from the solutions of ``table_query("processes")`` (as strings)."""
    for column in ("id", "parent", "conflict"):
        processes[column] = _short(processes[column])
    return _first(processes)[list(TABLE_COLUMNS["processes"])]


def read_store(store: ox.Store) -> GraphTables:
    """The analysis tables of a store (its default graph)."""
    events = _frame(store, "events")
    for column in ("id", "type", "status", "process", "place"):
        events[column] = _short(events[column])
    events = _first(events)

    agreements = _frame(store, "agreements")
    for column in ("id", "process"):
        agreements[column] = _short(agreements[column])
    agreements = _first(agreements)

    return GraphTables(actors_table(_frame(store, "actors")), processes_table(_frame(store, "processes")),
                       events[list(TABLE_COLUMNS["events"])], agreements[list(TABLE_COLUMNS["agreements"])],
                       _participations(store))


def _participations(store: ox.Store) -> pd.DataFrame:
    frame = _frame(store, "participants").merge(_frame(store, "participated"), on="thing", how="inner")
    frame["held"] = (frame["status"] == "") | (frame["status"] == VOCAB + "event-status/held")
    frame["thing"] = _path(frame["thing"])
    for column in ("actor", "role", "on_behalf_of", "process"):
        frame[column] = _short(frame[column])
    keys = ["thing", "actor", "role"]
    frame = frame.drop(columns="status").sort_values(keys + ["on_behalf_of", "date", "process"], kind="stable")
    frame = frame.drop_duplicates(subset=keys + ["on_behalf_of"]).reset_index(drop=True)

    own = _frame(store, "participation_sources")
    own_sources = _joined(zip(_path(own["thing"]).tolist(), _short(own["actor"]).tolist(),
                              _short(own["role"]).tolist()), _short(own["source"]).tolist())
    cited = _frame(store, "thing_sources")
    cited_sources = _joined(_path(cited["thing"]).tolist(), _short(cited["source"]).tolist())
    frame["basis"] = [own_sources.get(key) or cited_sources.get(key[0], "")
                      for key in zip(frame["thing"].tolist(), frame["actor"].tolist(), frame["role"].tolist())]
    frame["id"] = frame["thing"].str.split("/", n=1).str[1]
    return frame[list(TABLE_COLUMNS["participations"])].reset_index(drop=True)


def _joined(keys: Iterable[object], sources: Iterable[str]) -> dict[object, str]:
    """Each key's sources, sorted and space-separated."""
    found: dict[object, set[str]] = defaultdict(set)
    for key, source in zip(keys, sources):
        found[key].add(source)
    return {key: " ".join(sorted(values)) for key, values in found.items()}


def content_hash(path: str | os.PathLike[str]) -> str:
    """The SHA-256 digest of a file's bytes, as the tables' manifest records it (what
    ``sha256sum`` prints).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "kg.ttl"
    >>> _ = path.write_bytes(b"")
    >>> content_hash(path)[:16]
    'e3b0c44298fc1c14'
    """
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def table_files(tables: GraphTables, graphs: dict[str, str]) -> dict[str, bytes]:
    """Each table as ``NAME.parquet`` and ``NAME.csv``, and the manifest ``tables.json``
    naming the graph files they were read from (``{file name: content hash}``)."""
    files: dict[str, bytes] = {}
    for name in TABLE_COLUMNS:
        frame = getattr(tables, name)
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        files[f"{name}.parquet"] = buffer.getvalue()
        files[f"{name}.csv"] = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    manifest = {"version": TABLES_VERSION, "graphs": graphs,
                "rows": {name: len(getattr(tables, name)) for name in TABLE_COLUMNS},
                "tables": {name: hashlib.sha256(content).hexdigest() for name, content in files.items()
                           if name.endswith(".parquet")}}
    files[MANIFEST] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")
    return files


def read_tables(graph: str | os.PathLike[str]) -> GraphTables | None:
    """The analysis tables beside graph file ``graph`` (``out/kg.trig``), read from their
    Parquet files, if the manifest there says they were read from exactly this file
    (same name, same content hash, same table version) and the Parquet files are those
    it lists; else None.

    >>> from parley.pipeline import build
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = build(out=out)
    >>> read_tables(out / "kg.trig")
    <GraphTables 23 actors, 2 processes, 5 events, 4 agreements, 32 participations>
    >>> _ = (out / "kg.trig").write_text("# edited by hand\\n", encoding="utf-8")
    >>> read_tables(out / "kg.trig") is None
    True
    """
    path = Path(graph)
    try:
        manifest = json.loads((path.parent / MANIFEST).read_text(encoding="utf-8"))
        recorded = manifest["graphs"][path.name]
        if manifest.get("version") != TABLES_VERSION or recorded != content_hash(path):
            return None
        frames = {}
        for name in TABLE_COLUMNS:
            content = (path.parent / f"{name}.parquet").read_bytes()
            if hashlib.sha256(content).hexdigest() != manifest["tables"][f"{name}.parquet"]:
                return None
            frames[name] = pd.read_parquet(io.BytesIO(content))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(tuple(frames[name].columns) != columns for name, columns in TABLE_COLUMNS.items()):
        return None
    return GraphTables(**frames)
