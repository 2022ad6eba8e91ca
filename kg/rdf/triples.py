"""Records to RDF quads: one named graph per record, plus a provenance graph and a graph
describing once each place that events name.

The rows of a bulk event data set (records marked ``bulk``: ICEWS) go into one graph per
data-set file instead, each event naming its line, and a participant with no role
beyond taking part and no principal is the plain edge ``pw:participant``.

IRIs are derived from ids, so the same records always give the same quads. Each
node minted for a record is remembered with its file and line, so validation
results can be reported in the curator's terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from parley.model.namespaces import (
    ID,
    PLACES_GRAPH,
    PROV,
    PROVENANCE_GRAPH,
    PW,
    RDF,
    RDFS,
    SKOS,
    WD,
    XSD,
    graph_iri,
    iri,
    slug,
)
from parley.model.records import ANY_KINDS, ROLE_OF_LIST, PartialDate, Record
from parley.model.vocabulary import Vocabulary, term_key, vocabulary

__all__ = ["Conversion", "Node", "to_quads", "records_to_quads", "reference_kinds", "record_types", "main_class"]

_TYPE = ox.NamedNode(RDF + "type")
_LABEL = ox.NamedNode(RDFS + "label")
_COMMENT = ox.NamedNode(RDFS + "comment")


@dataclass(frozen=True)
class Node:
    """Where a minted node came from: its record, and the part of it (e.g. 'participant 2')."""

    file: str
    line: int
    record: str
    part: str = ""


@dataclass
class Conversion:
    """The quads of a set of records, and where each node and field came from."""

    quads: list[ox.Quad] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    field_lines: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # -> (file, line)


@lru_cache(maxsize=65536)
def _term(iri: str) -> ox.NamedNode:
    """The node of an IRI used over and over (terms, properties, referenced records)."""
    return ox.NamedNode(iri)


def _p(local: str) -> ox.NamedNode:
    return _term(PW + local)


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


@lru_cache(maxsize=1024)
def _text_once(value: str) -> ox.Literal:
    """The literal of a text many records share (a kind, a file name)."""
    return ox.Literal(value)


def _date(value: PartialDate) -> ox.Literal:
    return ox.Literal(value.text, datatype=_term(XSD + value.datatype))


def _number(value: float) -> ox.Literal:
    text = str(int(value)) if value == int(value) else repr(value)
    return ox.Literal(text, datatype=_term(XSD + "decimal"))


_LITERAL = {
    "text": _text,
    "date": _date,
    "number": _number,
    "bool": lambda v: ox.Literal("true" if v else "false", datatype=_term(XSD + "boolean")),
    "url": lambda v: ox.Literal(v, datatype=_term(XSD + "anyURI")),
}


class _Writer:
    """Collects the quads of one record graph, noting which field each came from."""

    def __init__(self, out: Conversion, record: Record, base: str, locate: bool = True,
                 shared: tuple[ox.NamedNode, list[ox.Quad], set[ox.Quad]] | None = None):
        self.out, self.record, self.base, self.locate = out, record, base, locate
        self.append = out.quads.append
        self.graph = _file_graph(record.loc.file, base) if record.bulk else ox.NamedNode(graph_iri(record.kind, record.id, base))
        self.shared = shared
        # fields whose triples rest on sources of their own: each in its citation's graph
        self.citations = [(ox.NamedNode(f"{self.graph.value}/citation/{c.id}"), c) for c in record.get("cite", ())]
        self.cited = {name: graph for graph, c in self.citations for name in c.get("fields", ())}

    def describe_once(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal) -> None:
        """A fact about a node many records name (a place): in the shared graph, once."""
        assert self.shared is not None
        graph, quads, described = self.shared
        quad = ox.Quad(subject, predicate, obj, graph)
        if quad not in described:
            described.add(quad)
            quads.append(quad)

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal,
            line: int | None = None, file: str | None = None, field: str = "") -> None:
        """A quad of the record graph (of a citation's graph, when the record cites
        sources of their own for ``field``); ``line`` (in ``file``, the record's own file
        if None) is where the field it comes from was read."""
        self.append(ox.Quad(subject, predicate, obj, self.cited.get(field, self.graph) if field else self.graph))
        if self.locate and line is not None:
            self.out.field_lines.setdefault((subject.value, predicate.value), (file or self.record.loc.file, line))

    def node(self, value: str, line: int, part: str = "", file: str | None = None) -> ox.NamedNode:
        if self.locate:
            self.out.nodes.setdefault(value, Node(file or self.record.loc.file, line, self.record.label, part))
        return ox.NamedNode(value)

    def types(self, subject: ox.NamedNode, class_iri: str, vocab: Vocabulary) -> None:
        for cls in vocab.superclasses.get(class_iri, (class_iri,)):
            self.add(subject, _TYPE, _term(cls))

    def fields(self, subject: ox.NamedNode, item: Record, mapping: dict[str, tuple[str, str]]) -> None:
        """Emit plain fields: name -> (property IRI, 'text'|'date'|'number'|'bool'|'url')."""
        for name, (prop, kind) in mapping.items():
            value = item.get(name)
            if value is None:
                continue
            self.add(subject, _term(prop), _LITERAL[kind](value), item.lines.get(name), item.loc.file,
                     name if item is self.record else "")

    def refs(self, subject: ox.NamedNode, prop: str, item: Record, name: str, kind: str) -> None:
        values = item.get(name)
        for value in values if isinstance(values, list) else [values] if values else []:
            self.add(subject, _term(prop), _term(iri(kind, value, base=self.base)), item.lines.get(name), item.loc.file,
                     name if item is self.record else "")

    def dates(self, subject: ox.NamedNode, prop: str, item: Record, name: str) -> None:
        for value in item.get(name, ()):
            self.add(subject, _term(prop), _date(value), item.lines.get(name), item.loc.file)


@lru_cache(maxsize=256)
def _file_graph(file: str, base: str) -> ox.NamedNode:
    """The named graph holding the bulk rows of one data-set file."""
    return ox.NamedNode(graph_iri("file", slug(file), base))


def reference_kinds(records: Iterable[Record]) -> dict[str, str]:
    """Record id -> kind, for references that may name any kind (a claim's ``about``)."""
    records = list(records)
    kinds_of: dict[str, str] = {}
    for kind in reversed(ANY_KINDS):
        kinds_of.update((record.id, kind) for record in records if record.kind == kind)
    return kinds_of


def main_class(record: Record, vocab: Vocabulary) -> str:
    """The class IRI of the node a record describes (its superclasses are typed too)."""
    kind, given = record.kind, record.get("type")
    if kind == "source":
        return vocab.source_types[term_key(given)][1] if given else PW + "Source"
    if kind == "actor":
        return vocab.actor_types[term_key(given)][1]
    if kind == "process":
        return vocab.process_types[term_key(given)][1] if given else PW + "PeaceProcess"
    if kind == "event":
        return vocab.event_types[term_key(given)][1]
    return PW + {"conflict": "Conflict", "agreement": "Agreement", "claim": "Claim"}[kind]


def record_types(records: Iterable[Record], *, base: str = ID) -> dict[str, tuple[str, ...]]:
    """The IRI of the node each record describes (and of each place events name) -> all its
    classes: what another record's ``sh:class`` check needs to see of it.

    >>> from parley.loaders import load
    >>> types = record_types(load())
    >>> "https://w3id.org/parley/ontology#State" in types["https://w3id.org/parley/id/actor/turkiye"]
    True
    """
    vocab = vocabulary()
    types: dict[str, tuple[str, ...]] = {}
    for record in records:
        cls = main_class(record, vocab)
        types[iri(record.kind, record.id, base=base)] = vocab.superclasses.get(cls, (cls,))
        if record.kind == "event" and record.get("place"):
            types[iri("place", slug(record.get("place")), base=base)] = (PW + "Place",)
    return types


def records_to_quads(records: list[Record], *, base: str = ID, locate: bool = True,
                     kinds_of: dict[str, str] | None = None, described: set[ox.Quad] | None = None) -> Conversion:
    """Turn checked records into quads: one named graph per record, the provenance graph,
    and the places graph, which describes each place events name once (not in every
    event's graph, so a place's label is one fact however many events were held there).

    With ``locate`` (the default) every minted node and field is noted with its file and
    line, to report validation results. When converting a larger set of records batch
    by batch, ``kinds_of`` (from :func:`reference_kinds`) is given, and ``described``,
    the places graph's quads made by earlier batches, which this call adds to.

    >>> from parley.loaders import load
    >>> conversion = records_to_quads(load())
    >>> ankara = "https://w3id.org/parley/id/event/ankara-2026-01-01"
    >>> conversion.nodes[ankara].record
    'event ankara-2026-01-01'
    """
    vocab = vocabulary()
    if kinds_of is None:
        kinds_of = reference_kinds(records)
    out = Conversion()
    provenance = ox.NamedNode(PROVENANCE_GRAPH.replace(ID, base))
    provenance_quads: list[ox.Quad] = []  # after the record graphs, so TriG writes them as one block
    place_quads: list[ox.Quad] = []
    shared = (ox.NamedNode(PLACES_GRAPH.replace(ID, base)), place_quads, set() if described is None else described)
    record_graph, describes, record_id, record_kind, record_file, record_line = (
        _p(name) for name in ("RecordGraph", "describes", "recordId", "recordKind", "recordFile", "recordLine"))
    derived_from, integer, cites_for = _term(PROV + "wasDerivedFrom"), _term(XSD + "integer"), _p("citesFor")
    file_graph = _p("DatasetFileGraph")
    for record in records:
        if not locate and record.bulk and _bulk_event(out, record, base, vocab, shared, provenance_quads):
            continue
        writer = _Writer(out, record, base, locate, shared)
        main = writer.node(iri(record.kind, record.id, base=base), record.loc.line)
        writer.types(main, main_class(record, vocab), vocab)
        _EMIT[record.kind](writer, main, record, vocab, kinds_of)
        if record.kind != "source":
            writer.refs(main, PW + "source", record, "sources", "source")
        writer.fields(main, record, {"notes": (RDFS + "comment", "text")})
        graph = writer.graph
        if record.bulk:  # the row's line on its event, the file's provenance once
            writer.add(main, record_line, ox.Literal(str(record.loc.line), datatype=integer))
            for predicate, obj in [(_TYPE, file_graph), (record_file, _text_once(record.loc.file)),
                                   *((derived_from, _term(iri("source", s, base=base)))
                                     for s in record.fields.get("sources", ()))]:
                quad = ox.Quad(graph, predicate, obj, provenance)
                if quad not in shared[2]:
                    shared[2].add(quad)
                    provenance_quads.append(quad)
            if locate:
                out.nodes.setdefault(graph.value, Node(record.loc.file, 1, f"file {record.loc.file}", "provenance"))
            continue
        for predicate, obj in [
            (_TYPE, record_graph), (describes, main),
            (record_id, _text(record.id)), (record_kind, _text_once(record.kind)),
            (record_file, _text_once(record.loc.file)),
            (record_line, ox.Literal(str(record.loc.line), datatype=integer)),
            *((derived_from, _term(iri("source", s, base=base))) for s in record.fields.get("sources", ())),
        ]:
            provenance_quads.append(ox.Quad(graph, predicate, obj, provenance))
        for cited_graph, citation in writer.citations:
            for predicate, obj in [
                (_TYPE, record_graph), (describes, main), (record_id, _text(record.id)),
                (record_kind, _text_once(record.kind)), (record_file, _text_once(record.loc.file)),
                (record_line, ox.Literal(str(record.loc.line), datatype=integer)),  # the record's (as fast YAML reads)
                *((cites_for, _text(name)) for name in citation.get("fields", ())),
                *((derived_from, _term(iri("source", s, base=base))) for s in citation.get("sources", ())),
                *(((_COMMENT, _text(citation.get("notes"))),) if citation.get("notes") else ()),
            ]:
                provenance_quads.append(ox.Quad(cited_graph, predicate, obj, provenance))
        if locate:
            out.nodes.setdefault(graph.value, Node(record.loc.file, record.loc.line, record.label, "provenance"))
    out.quads += place_quads
    out.quads += provenance_quads
    return out


_ROW_FIELDS = frozenset(("id", "type", "date", "place", "process", "status", "participants", "sources", "name"))
_ROW_PARTICIPANT_FIELDS = frozenset(("actor", "role", "for"))


def _bulk_event(out: Conversion, r: Record, base: str, vocab: Vocabulary,
                shared: tuple[ox.NamedNode, list[ox.Quad], set[ox.Quad]], provenance_quads: list[ox.Quad]) -> bool:
    """Write a bulk row's event straight into ``out`` (millions of rows: no writer per
    record), the very quads the general path writes, in the same order; False, writing
    nothing, for a record with more than an event row's fields (the general path's)."""
    participants = r.fields.get("participants", ())
    if r.kind != "event" or not _ROW_FIELDS.issuperset(r.fields) or not isinstance(r.fields.get("process", ""), str) \
            or not all(_ROW_PARTICIPANT_FIELDS.issuperset(p.fields) for p in participants):
        return False
    graph, append, quad = _file_graph(r.loc.file, base), out.quads.append, ox.Quad
    main = ox.NamedNode(iri("event", r.id, base=base))
    class_name, class_iri = vocab.event_types[term_key(r.get("type"))]
    for cls in vocab.superclasses.get(class_iri, (class_iri,)):
        append(quad(main, _TYPE, _term(cls), graph))
    append(quad(main, _p("eventType"), _term(vocab.event_type_concepts[class_iri]), graph))
    append(quad(main, _p("eventStatus"), _term(vocab.event_statuses[term_key(r.get("status", "held"))][1]), graph))
    append(quad(main, _LABEL, _text(_event_name(r, vocab, class_name, class_iri)), graph))
    if r.get("date") is not None:
        append(quad(main, _p("date"), _date(r.get("date")), graph))
    if r.get("place"):
        place = _term(iri("place", slug(r.get("place")), base=base))
        append(quad(main, _p("place"), place, graph))
        places, quads, described = shared
        for described_quad in (quad(place, _TYPE, _p("Place"), places), quad(place, _LABEL, _text_once(r.get("place")), places)):
            if described_quad not in described:
                described.add(described_quad)
                quads.append(described_quad)
    if r.get("process"):
        append(quad(main, _p("inProcess"), _term(iri("process", r.get("process"), base=base)), graph))
    for p in participants:
        actor, for_actor = _term(iri("actor", p.fields["actor"], base=base)), p.fields.get("for")
        role_name, role_iri = vocab.roles[term_key(p.fields["role"])]
        if role_name == "participant" and not for_actor:
            append(quad(main, _p("participant"), actor, graph))
            continue
        node = ox.NamedNode(f"{main.value}/participation/{p.fields['actor']}/{role_name}")
        append(quad(node, _TYPE, _p("Participation"), graph))
        append(quad(main, _p("hasParticipation"), node, graph))
        append(quad(node, _p("actor"), actor, graph))
        append(quad(node, _p("role"), _term(role_iri), graph))
        if for_actor:
            append(quad(node, _p("onBehalfOf"), _term(iri("actor", for_actor, base=base)), graph))
    for source in r.fields.get("sources", ()):
        append(quad(main, _p("source"), _term(iri("source", source, base=base)), graph))
    append(quad(main, _p("recordLine"), ox.Literal(str(r.loc.line), datatype=_term(XSD + "integer")), graph))
    provenance = ox.NamedNode(PROVENANCE_GRAPH.replace(ID, base))
    for predicate, obj in [(_TYPE, _p("DatasetFileGraph")), (_p("recordFile"), _text_once(r.loc.file)),
                           *((_term(PROV + "wasDerivedFrom"), _term(iri("source", s, base=base)))
                             for s in r.fields.get("sources", ()))]:
        described_quad = quad(graph, predicate, obj, provenance)
        if described_quad not in shared[2]:
            shared[2].add(described_quad)
            provenance_quads.append(described_quad)
    return True


def _event_name(r: Record, vocab: Vocabulary, class_name: str, class_iri: str) -> str:
    """An event's name, or one made of its kind, place and date."""
    kind = vocab.labels.get(class_iri, class_name)
    return r.get("name") or (kind[:1].upper() + kind[1:] + (f" in {r.get('place')}" if r.get("place") else "")
                             + f", {r.get('date')}")


def to_quads(records: Iterable[Record], *, base: str = ID) -> list[ox.Quad]:
    """The quads of records: one named graph per record, the provenance graph and the
    places graph (see :func:`records_to_quads`); the same records give the same quads.

    >>> from parley.loaders import load
    >>> quads = to_quads(load())
    >>> citations = sum(len(r.get("cite", [])) for r in load())  # fields cited apart, each a graph
    >>> len({q.graph_name for q in quads}) == len(load()) + citations + 2
    True
    """
    return records_to_quads(list(records), base=base, locate=False).quads


def _source(w: _Writer, main: ox.NamedNode, r: Record, vocab: Vocabulary, kinds_of: dict) -> None:
    w.fields(main, r, {"title": (PW + "title", "text"), "publisher": (PW + "publisher", "text"),
                       "via": (PW + "via", "text"), "published": (PW + "published", "date"),
                       "url": (PW + "url", "url"), "dataset": (PW + "dataset", "text"),
                       "row": (PW + "rowId", "text")})
    w.refs(main, PW + "relays", r, "relays", "source")
    w.refs(main, PW + "primarySource", r, "primary", "source")


def _actor(w: _Writer, main: ox.NamedNode, r: Record, vocab: Vocabulary, kinds_of: dict) -> None:
    w.fields(main, r, {"name": (RDFS + "label", "text"), "iso": (PW + "isoCode", "text"),
                       "original_name": (PW + "originalName", "text"), "paax": (PW + "paaxActorId", "text"),
                       "gwno": (PW + "gwno", "text"), "ucdp": (PW + "ucdpActorId", "text"),
                       "acled": (PW + "acledName", "text")})
    for alias in r.get("aliases", []):
        w.add(main, _term(SKOS + "altLabel"), _text(alias), r.lines.get("aliases"))
    _wikidata(w, main, r)
    w.refs(main, PW + "partOf", r, "part_of", "actor")
    for post in r.get("posts", []):
        title = post.get("post")
        where = post.loc
        post_node = w.node(iri("post", post.get("of"), slug(title), base=w.base), where.line, f"post {post.id}", where.file)
        w.add(post_node, _TYPE, _p("Post"))
        w.add(post_node, _LABEL, _text(title), post.lines.get("post"), where.file)
        w.refs(post_node, PW + "postIn", post, "of", "actor")
        tenure = w.node(f"{main.value}/tenure/{post.id}", where.line, f"post {post.id}", where.file)
        w.types(tenure, PW + "Tenure", vocab)
        w.add(main, _p("hasTenure"), tenure, where.line, where.file)
        w.add(tenure, _p("holder"), main, where.line, where.file)
        w.add(tenure, _p("post"), post_node, post.lines.get("post"), where.file)
        w.fields(tenure, post, {"from": (PW + "startDate", "date"), "to": (PW + "endDate", "date"),
                                "notes": (RDFS + "comment", "text")})
        w.dates(tenure, PW + "attestedOn", post, "attested")
        w.refs(tenure, PW + "source", post, "sources", "source")


def _wikidata(w: _Writer, main: ox.NamedNode, r: Record) -> None:
    if r.get("wikidata"):
        item = ox.NamedNode(WD + r.get("wikidata"))
        w.add(main, _term(SKOS + "exactMatch"), item, r.lines.get("wikidata"), field="wikidata")
        if r.get("wikidata_label"):  # so a reader can check the match
            w.add(item, _LABEL, _text(r.get("wikidata_label")), r.lines.get("wikidata_label"), field="wikidata")


def _participations(w: _Writer, owner: ox.NamedNode, r: Record, vocab: Vocabulary) -> None:
    entries = [(p.fields.get("actor"), p.fields.get("role"), p.fields.get("for"), p.fields.get("basis"),
                p.fields.get("notes"), p.loc, p) for p in r.fields.get("participants", ())]
    for name, role in ROLE_OF_LIST.items():
        entries += [(actor, role, None, None, None, r.where(name), name) for actor in r.fields.get(name, ())]
    source = _p("source")
    participation, has_participation, actor_property, role_property = (
        _p("Participation"), _p("hasParticipation"), _p("actor"), _p("role"))
    for actor, role, for_actor, basis, notes, where, part in entries:
        file, line = where.file, where.line
        role_name, role_iri = vocab.roles[term_key(role)]
        child = part if isinstance(part, Record) else None
        if r.bulk and role_name == "participant" and not (for_actor or basis or notes) and _plain(child):
            w.add(owner, _p("participant"), _term(iri("actor", actor, base=w.base)), line, file)
            continue
        field = "" if child is not None else part  # an agreement's list ("parties"), which a citation may name
        if w.locate:  # the participant, or the agreement's list that names the actor
            part = f"participant {part.id} ({actor})" if child is not None else f"{part} ({actor})"
        node = w.node(f"{owner.value}/participation/{actor}/{role_name}", line, part, file)
        w.add(node, _TYPE, participation, field=field)
        w.add(owner, has_participation, node, line, file, field)
        w.add(node, actor_property, _term(iri("actor", actor, base=w.base)), line, file, field)
        w.add(node, role_property, _term(role_iri), line, file, field)
        if for_actor:
            w.add(node, _p("onBehalfOf"), _term(iri("actor", for_actor, base=w.base)), line, file)
        if basis:
            w.add(node, _p("basis"), _term(vocab.bases[term_key(basis)][1]), line, file)
        if notes:
            w.add(node, _COMMENT, _text(notes), line, file)
        if child is not None:  # a participant's own sources, span and attested dates
            for cited in child.fields.get("sources", ()):
                w.add(node, source, _term(iri("source", cited, base=w.base)), line, file)
            w.fields(node, child, {"from": (PW + "startDate", "date"), "to": (PW + "endDate", "date")})
            w.dates(node, PW + "attestedOn", child, "attested")


def _plain(child: Record | None) -> bool:
    """Whether a participant says nothing beyond its actor and role (no sources, span or
    attested dates of its own): a bulk row gives it as a plain edge."""
    return child is None or not any(child.fields.get(name) for name in ("sources", "from", "to", "attested"))


def _topics(w: _Writer, subject: ox.NamedNode, r: Record, vocab: Vocabulary) -> None:
    for topic in r.get("topics", []):
        w.add(subject, _p("topic"), _term(vocab.issues[term_key(topic)][1]), r.lines.get("topics"))


def _conflict(w: _Writer, main: ox.NamedNode, r: Record, vocab: Vocabulary, kinds_of: dict) -> None:
    w.fields(main, r, {"name": (RDFS + "label", "text"), "start": (PW + "startDate", "date"),
                       "end": (PW + "endDate", "date"), "ucdp": (PW + "ucdpConflictId", "text")})
    _wikidata(w, main, r)


def _process(w: _Writer, main: ox.NamedNode, r: Record, vocab: Vocabulary, kinds_of: dict) -> None:
    w.fields(main, r, {"name": (RDFS + "label", "text"), "start": (PW + "startDate", "date"),
                       "end": (PW + "endDate", "date")})
    w.refs(main, PW + "about", r, "conflict", "conflict")
    w.refs(main, PW + "subTrackOf", r, "parent", "process")
    _wikidata(w, main, r)
    _participations(w, main, r, vocab)
    _topics(w, main, r, vocab)


def _event(w: _Writer, main: ox.NamedNode, r: Record, vocab: Vocabulary, kinds_of: dict) -> None:
    class_name, class_iri = vocab.event_types[term_key(r.get("type"))]
    w.add(main, _p("eventType"), _term(vocab.event_type_concepts[class_iri]), r.lines.get("type"))
    status = vocab.event_statuses[term_key(r.get("status", "held"))][1]
    w.add(main, _p("eventStatus"), _term(status), r.lines.get("status"))
    w.add(main, _LABEL, _text(_event_name(r, vocab, class_name, class_iri)), r.lines.get("name"))
    w.fields(main, r, {"date": (PW + "date", "date"), "outcome": (PW + "outcome", "text")})
    if r.get("place"):
        line = r.where("place").line
        place = w.node(iri("place", slug(r.get("place")), base=w.base), line, "place")
        w.add(main, _p("place"), place, line, field="place")
        w.describe_once(place, _TYPE, _p("Place"))
        w.describe_once(place, _LABEL, _text(r.get("place")))
    w.refs(main, PW + "inProcess", r, "process", "process")
    _participations(w, main, r, vocab)
    _topics(w, main, r, vocab)


def _agreement(w: _Writer, main: ox.NamedNode, r: Record, vocab: Vocabulary, kinds_of: dict) -> None:
    w.add(main, _p("agreementStatus"), _term(vocab.agreement_statuses[term_key(r.get("status"))][1]),
          r.lines.get("status"), field="status")
    w.fields(main, r, {"name": (RDFS + "label", "text"), "date": (PW + "date", "date"),
                       "start": (PW + "startDate", "date"), "end": (PW + "endDate", "date"),
                       "type": (PW + "agreementType", "text"), "stage": (PW + "stage", "text"),
                       "pax": (PW + "paxId", "text"), "ucdp": (PW + "ucdpId", "text")})
    w.refs(main, PW + "resultOf", r, "event", "event")
    w.refs(main, PW + "resultOf", r, "process", "process")
    w.refs(main, PW + "about", r, "conflict", "conflict")
    w.refs(main, PW + "relatedAgreement", r, "related", "agreement")
    _wikidata(w, main, r)
    _participations(w, main, r, vocab)
    _topics(w, main, r, vocab)
    for change in r.get("statuses", []):  # the dated status history
        node = w.node(f"{main.value}/status/{change.id}", change.loc.line, f"status {change.id}", change.loc.file)
        w.add(node, _TYPE, _p("StatusChange"), change.loc.line, change.loc.file)
        w.add(main, _p("hasStatusChange"), node, change.loc.line, change.loc.file)
        w.add(node, _p("status"), _term(vocab.agreement_statuses[term_key(change.get("status"))][1]),
              change.lines.get("status"), change.loc.file)
        w.fields(node, change, {"date": (PW + "date", "date"), "notes": (RDFS + "comment", "text")})
        w.refs(node, PW + "source", change, "sources", "source")
    for provision in r.get("provisions", []):
        node = w.node(f"{main.value}/provision/{provision.id}", provision.loc.line, f"provision {provision.id}",
                      provision.loc.file)
        w.add(node, _TYPE, _p("Provision"))
        w.add(main, _p("hasProvision"), node, provision.loc.line, provision.loc.file)
        w.fields(node, provision, {"text": (PW + "text", "text"), "quantity": (PW + "quantity", "number"),
                                   "qualifier": (PW + "quantityQualifier", "text"), "unit": (PW + "unit", "text"),
                                   "each": (PW + "perParty", "bool"), "notes": (RDFS + "comment", "text")})
        _topics(w, node, provision, vocab)


def _claim(w: _Writer, main: ox.NamedNode, r: Record, vocab: Vocabulary, kinds_of: dict) -> None:
    w.refs(main, PW + "claimant", r, "claimant", "actor")
    w.add(main, _p("stance"), _term(vocab.stances[term_key(r.get("stance"))][1]), r.lines.get("stance"))
    if r.get("modality"):
        w.add(main, _p("modality"), _term(vocab.modalities[term_key(r.get("modality"))][1]), r.lines.get("modality"))
    w.fields(main, r, {"text": (PW + "text", "text"), "date": (PW + "date", "date"), "hedge": (PW + "hedge", "text"),
                       "property": (PW + "claimedProperty", "text"), "value": (PW + "claimedValue", "text")})
    w.refs(main, PW + "alleges", r, "alleges", "event")
    for about in r.get("about", []):
        w.add(main, _p("concerns"), _term(iri(kinds_of[about], about, base=w.base)), r.lines.get("about"))
    _topics(w, main, r, vocab)


_EMIT = {"source": _source, "actor": _actor, "conflict": _conflict, "process": _process,
         "event": _event, "agreement": _agreement, "claim": _claim}
