"""The SPARQL query library: one query per ``.rq`` file in ``parley.queries``, whose
header comments give its title, description and typed parameters::

    # title: Timeline of a process
    # description: The events of a negotiation process ... (may continue on
    #   indented comment lines)
    # param: process id:process required -- the process
    # param: date date = 2026-01-01 -- a default value follows '='

Parameter types: ``iri``, ``id:KIND`` (an instance id, e.g. ``id:actor``), ``id:any``
(``KIND/ID``), ``term:SCHEME`` (a vocabulary term, e.g. ``term:agreement-status``),
``date``, ``string``, ``integer``. A parameter's variable must be projected by the
query (Oxigraph binds only projected variables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from parley.loaders.text import read_text
from parley.model.errors import InputError, Problem

__all__ = ["Param", "LibraryQuery", "library", "parse_query", "query_from_file", "PARAM_TYPES"]

PARAM_TYPES = ("iri", "id", "term", "date", "string", "integer")
_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")
_NAMED_GRAPHS = re.compile(r"\b(GRAPH|NAMED)\b", re.IGNORECASE)
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+(?::[a-z-]+)?)"
                    r"(?P<required>\s+required)?(?:\s*=\s*(?P<default>\S+))?(?:\s*--\s*(?P<doc>.*))?$")


@dataclass(frozen=True)
class Param:
    """A typed query parameter."""

    name: str
    type: str            # iri, id, term, date, string, integer
    kind: str = ""       # for id and term: the kind (actor, any, ...) or scheme
    required: bool = False
    default: str | None = None
    doc: str = ""

    @property
    def spec(self) -> str:
        return f"{self.type}:{self.kind}" if self.kind else self.type


@dataclass(frozen=True)
class LibraryQuery:
    """A query of the library (or a user's own query file)."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    source: str = ""     # the file it was read from, for messages

    @property
    def reads_named_graphs(self) -> bool:
        """Whether the query may read named graphs (``GRAPH``, ``FROM NAMED``): the others
        read only the default graph, the union, which loads and answers faster alone.

        >>> library()["who-says-so"].reads_named_graphs, library()["co-participation"].reads_named_graphs
        (True, False)
        """
        # Header comments aside, a word GRAPH or NAMED anywhere (even in a string) counts:
        # at worst the named graphs are loaded for nothing.
        body = "\n".join(line for line in self.text.splitlines() if not line.lstrip().startswith("#"))
        return _NAMED_GRAPHS.search(body) is not None


def parse_query(text: str, name: str, source: str = "") -> LibraryQuery:
    """Read a query's header comments.

    >>> q = parse_query("# title: T\\n# param: process id:process required -- the process\\nSELECT ?process WHERE {}", "t")
    >>> q.title, q.params[0].spec, q.params[0].required
    ('T', 'id:process', True)
    """
    title, description, params, problems = "", [], [], []
    last = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            key, value = header.groups()
            last = key
            if key == "title":
                title = value.strip()
            elif key == "description":
                description.append(value.strip())
            else:
                param = _param(value.strip())
                if param is None:
                    problems.append(Problem(source or name, number, "",
                                            f"malformed parameter '{value.strip()}': expected NAME TYPE [required] [= DEFAULT] [-- what it is]"))
                else:
                    params.append(param)
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and last == "description":
            description.append(continuation.group(1))
            continue
        if not line.startswith("#"):
            last = None
    if problems:
        raise InputError(problems)
    return LibraryQuery(name, text, title, " ".join(description), tuple(params), source)


def _param(text: str) -> Param | None:
    match = _PARAM.match(text)
    if not match:
        return None
    type_, _, kind = match.group("type").partition(":")
    if type_ not in PARAM_TYPES or (type_ in ("id", "term")) != bool(kind):
        return None
    return Param(match.group("name"), type_, kind, bool(match.group("required")), match.group("default"),
                 (match.group("doc") or "").strip())


def library() -> dict[str, LibraryQuery]:
    """Every query of the library, by name (its file name without ``.rq``).

    >>> sorted(library())[:3]
    ['agreements', 'claims', 'co-participants']
    """
    folder = files("parley.queries")
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            queries[name] = parse_query(entry.read_text(encoding="utf-8"), name, f"queries/{entry.name}")
    return queries


def query_from_file(path: str | Path) -> LibraryQuery:
    """A user's own query file, with the same optional header comments."""
    target = Path(path)
    text, problems = read_text(target, str(target), limit=MAX_QUERY_BYTES)
    if text is None:
        raise InputError(problems)
    if _UPDATE.match(text, _PROLOGUE.match(text).end()):
        raise InputError([Problem(str(target), 0, "", "is a SPARQL UPDATE: parley runs queries only (SELECT, ASK, "
                                                      "CONSTRUCT, DESCRIBE) and never changes a graph")])
    return parse_query(text, target.stem, str(target))


MAX_QUERY_BYTES = 1 << 20
# Comments, BASE and PREFIX declarations, before the query's own first word.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.I)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)


