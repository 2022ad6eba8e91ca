"""A hostile-input corpus: one case per class of bad input over facts files (YAML and
CSV), the importers' files, query parameters, query files, stores, graph files,
endpoints and network options. Each case runs the real command in a folder holding a
good build (``out/``) and a good on-disk store (``store/``), and asserts the exact exit
code, the one located line that names the problem, no traceback, and that the previous
outputs and store are byte-for-byte as they were (data that does not conform, exit 1, is
written with its report, as documented)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import BUILD_OUTPUTS, DATA, refused_port

FACTS_HEAD = "sources:\n  - {id: s, title: T, publisher: P}\nactors:\n  - {id: a, type: State, name: A, sources: [s]}\n"
PAX_HEAD = "AgtId,Agt,Dat,Con,Part,ThrdPart\n"
ICEWS_HEAD = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tCAMEO Code\tTarget Name\t"
              "Target Sectors\tTarget Country\n")


@dataclass
class Case:
    id: str
    args: list[str]
    code: int
    message: str | tuple[str, ...]  # the line that names the problem ("Error: ..." for a usage error)
    files: dict[str, str | bytes] = field(default_factory=dict)
    fifo: str = ""  # a FIFO to make under this name


def _facts(body: str) -> dict[str, str]:
    return {"f.yaml": FACTS_HEAD + body}


def _csv_folder(changes: dict[str, str]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {f"csv/{p.name}": p.read_text(encoding="utf-8") for p in (DATA / "csv").iterdir()}
    files.update({f"csv/{name}": text for name, text in changes.items()})
    return files


ALIASES = "a0: &a0 [lol, lol]\na1: &a1 [*a0, *a0]\n"
CASES = [
    # --- YAML facts files ------------------------------------------------------------------
    Case("yaml-aliases", ["validate", "f.yaml"], 2,
         'f.yaml:1: anchors and aliases (&a0, *a0) are not allowed in facts files: write each value out',
         {"f.yaml": ALIASES}),
    Case("yaml-nul", ["validate", "f.yaml"], 2,
         'f.yaml:6: malformed YAML: the character U+0000 is not allowed (control characters, NUL among them, cannot be in YAML)',
         _facts("events:\n  - {id: e, name: \"x\0y\"}\n")),
    Case("yaml-control-character", ["validate", "f.yaml"], 2,
         'f.yaml:6: malformed YAML: the character U+0001 is not allowed (control characters, NUL among them, cannot be in YAML)',
         _facts("events:\n  - {id: e, name: \"x\x01y\"}\n")),
    Case("yaml-newline-in-id", ["validate", "f.yaml"], 2,
         "f.yaml:2: source a\\nb: id 'a\\nb' is not an id (letters, digits, '.', '_', '-'; no spaces)",
         {"f.yaml": "sources:\n  - {id: \"a\\nb\", title: T, publisher: P}\n"}),
    Case("yaml-list-as-key", ["validate", "f.yaml"], 2,
         'f.yaml:2: a field name must be a plain word, not a list',
         {"f.yaml": "sources:\n  - {[1]: x, id: s, title: T, publisher: P}\n"}),
    Case("yaml-section-twice", ["validate", "f.yaml"], 2,
         "f.yaml:5: section 'sources' is given twice (first on line 1): put all its entries under one",
         _facts("sources:\n  - {id: t, title: T, publisher: P}\n")),
    Case("yaml-deep-nesting", ["validate", "f.yaml"], 2,
         'f.yaml:2: malformed YAML: exceeded maximum nesting depth while increasing flow level',
         {"f.yaml": "sources:\n  - " + "[" * 1100 + "]" * 1100 + "\n"}),
    Case("yaml-unclosed-bracket", ["validate", "f.yaml"], 2,
         "f.yaml:3: malformed YAML: did not find expected ',' or '}' while parsing a flow mapping",
         {"f.yaml": "sources:\n  - {id: s, title: T\n"}),
    Case("yaml-tab-indent", ["validate", "f.yaml"], 2,
         'f.yaml:2: malformed YAML: found character that cannot start any token while scanning for the next token',
         {"f.yaml": "sources:\n\t- {id: s, title: T, publisher: P}\n"}),
    Case("yaml-top-level-list", ["validate", "f.yaml"], 2,
         'f.yaml:1: not a parley facts file: expected a mapping with keys such as sources, actors, events',
         {"f.yaml": "- sources\n- actors\n"}),
    Case("yaml-empty", ["validate", "f.yaml"], 2,
         'f.yaml:1: file is empty: expected lists of sources, actors, events, ...', {"f.yaml": ""}),
    Case("yaml-unknown-section", ["validate", "f.yaml"], 2,
         "f.yaml:5: unknown section 'evnts' (did you mean events?)", _facts("evnts:\n  - {id: e}\n")),
    Case("yaml-section-not-a-list", ["validate", "f.yaml"], 2,
         "f.yaml:5: section 'events' must be a list of events", _facts("events: {id: e}\n")),
    Case("yaml-unknown-field", ["validate", "f.yaml"], 2,
         "f.yaml:2: source s: unknown field 'titel' (did you mean title?)",
         {"f.yaml": "sources:\n  - {id: s, title: T, titel: U, publisher: P}\n"}),
    Case("yaml-missing-field", ["validate", "f.yaml"], 2,
         "f.yaml:2: source s: missing required field 'title'", {"f.yaml": "sources:\n  - {id: s, publisher: P}\n"}),
    Case("yaml-list-for-a-value", ["validate", "f.yaml"], 2,
         'f.yaml:2: source s: title must be a single value, not a list',
         {"f.yaml": "sources:\n  - {id: s, title: [T, U], publisher: P}\n"}),
    Case("yaml-huge-number", ["validate", "f.yaml"], 2,
         "f.yaml:6: agreement g: provision 1: quantity '1e999' is not a number (a finite one, in ASCII digits)",
         _facts(
        "agreements:\n  - {id: g, name: G, status: signed, provisions: [{text: T, quantity: 1e999}], sources: [s]}\n")),
    Case("yaml-nan", ["validate", "f.yaml"], 2,
         "f.yaml:6: agreement g: provision 1: quantity '.nan' is not a number (a finite one, in ASCII digits)", _facts(
        "agreements:\n  - {id: g, name: G, status: signed, provisions: [{text: T, quantity: .nan}], sources: [s]}\n")),
    Case("yaml-arabic-digits-date", ["validate", "f.yaml"], 2,
         'f.yaml:6: event e: date: ٢٠٢٦-٠١-٠١ is not a valid date (use 2022, 2025-07 or 2026-01-01)', _facts(
        "events:\n  - {id: e, type: Meeting, date: ٢٠٢٦-٠١-٠١, process: t, sources: [s]}\nprocesses:\n  - {id: t, name: T, sources: [s]}\n")),
    Case("yaml-impossible-date", ["validate", "f.yaml"], 2,
         'f.yaml:6: event e: date: 2025-13-45 is not a valid date (use 2022, 2025-07 or 2026-01-01)', _facts(
        "events:\n  - {id: e, type: Meeting, date: 2025-13-45, process: t, sources: [s]}\nprocesses:\n  - {id: t, name: T, sources: [s]}\n")),
    Case("yaml-duplicate-id", ["validate", "f.yaml"], 2,
         'f.yaml:5: actor a: duplicate id (first defined at f.yaml:4)',
         _facts("  - {id: a, type: State, name: B, sources: [s]}\n")),
    Case("yaml-unknown-reference", ["validate", "f.yaml"], 2,
         "f.yaml:5: actor b: unknown source 'ss' (did you mean s?)",
         _facts("  - {id: b, type: State, name: B, sources: [ss]}\n")),
    Case("yaml-unknown-role", ["validate", "f.yaml"], 2,
         "f.yaml:6: process t: participant 1: unknown role 'mediatr' (did you mean mediator?); use one of envoy, facilitator, guarantor, head-of-delegation, host, mediator, member, observer, participant, party, party-signatory, proposer, signatory, third-party, third-party-signatory, witness",
         _facts(
        "processes:\n  - {id: t, name: T, participants: [{actor: a, role: mediatr}], sources: [s]}\n")),
    Case("yaml-unknown-status", ["validate", "f.yaml"], 2,
         "f.yaml:6: agreement g: unknown agreement status 'signd' (did you mean signed?); use one of agreed, collapsed, expired, in-force, proposed, signed, suspended, terminated",
         _facts("agreements:\n  - {id: g, name: G, status: signd, sources: [s]}\n")),
    Case("yaml-unknown-event-type", ["validate", "f.yaml"], 2,
         "f.yaml:6: event e: unknown event type 'Meting' (did you mean Meeting?); use one of Declaration, Meeting, PhoneCall, Signing, Summit, TalksRound, Visit",
         _facts(
        "events:\n  - {id: e, type: Meting, date: 2025, process: t, sources: [s]}\nprocesses:\n  - {id: t, name: T, sources: [s]}\n")),
    Case("yaml-unknown-topic", ["validate", "f.yaml"], 2,
         "f.yaml:6: process t: unknown topic 'prisoners' (did you mean prisoners-of-war?)", _facts(
        "processes:\n  - {id: t, name: T, topics: [prisoners], sources: [s]}\n")),
    Case("yaml-latin1", ["validate", "f.yaml"], 2,
         'f.yaml:2: byte 0xe9 is not valid utf-8 (save the file as UTF-8)',
         {"f.yaml": "sources:\n  - {id: s, title: Caf\xe9, publisher: P}\n".encode("latin-1")}),
    Case("yaml-part-of-cycle", ["validate", "f.yaml"], 2,
         'f.yaml:5: actor u1: part_of makes a cycle (u1 -> u2 -> u1): a unit cannot be part of itself', _facts(
        "  - {id: u1, type: GovernmentBody, name: U1, part_of: u2, sources: [s]}\n"
        "  - {id: u2, type: GovernmentBody, name: U2, part_of: u1, sources: [s]}\n")),
    Case("yaml-end-before-start", ["validate", "f.yaml"], 1,
         'f.yaml:6: conflict w: ends (2020) before it starts (2022)', _facts(
        "conflicts:\n  - {id: w, name: W, start: 2022, end: 2020, sources: [s]}\n")),
    Case("yaml-bad-wikidata", ["validate", "f.yaml"], 2,
         "f.yaml:4: actor a: wikidata id '43' is not a Q-number such as Q43",
         {"f.yaml": FACTS_HEAD.replace("name: A,", "name: A, wikidata: 43,")}),
    Case("yaml-bad-iso", ["validate", "f.yaml"], 2,
         "f.yaml:4: actor a: iso code 'tu' is not three capital letters (ISO 3166-1 alpha-3)",
         {"f.yaml": FACTS_HEAD.replace("name: A,", "name: A, iso: tu,")}),
    Case("yaml-id-with-space", ["validate", "f.yaml"], 2,
         "f.yaml:2: source my source: id 'my source' is not an id (letters, digits, '.', '_', '-'; no spaces)",
         {"f.yaml": "sources:\n  - {id: my source, title: T, publisher: P}\n"}),
    Case("yaml-claim-without-stance", ["validate", "f.yaml"], 2,
         "f.yaml:6: claim c: missing required field 'stance'",
         _facts("claims:\n  - {id: c, claimant: a, text: T, sources: [s]}\n")),
    Case("yaml-attested-not-a-date", ["validate", "f.yaml"], 2,
         'f.yaml:6: process t: participant 1: attested: soon is not a valid date (use 2022, 2025-07 or 2026-01-01)',
         _facts(
        "processes:\n  - {id: t, name: T, participants: [{actor: a, role: member, attested: [soon]}], sources: [s]}\n")),
    Case("yaml-cite-unknown-field", ["validate", "f.yaml"], 2,
         "f.yaml:6: process t: citation 1: cites sources for 'venue', which is not a field of processes; use name, type, conflict, parent, start, end, topics, wikidata, wikidata_label",
         _facts(
        "processes:\n  - {id: t, name: T, cite: [{fields: [venue], sources: [s]}], sources: [s]}\n")),
    Case("yaml-fifo", ["validate", "f.yaml"], 2,
         'f.yaml: not a regular file (a folder, a FIFO or a device): give a file', fifo="f.yaml"),
    Case("yaml-missing-file", ["validate", "nothing.yaml"], 2,
         'nothing.yaml: no such file or folder'),
    Case("build-bad-facts-keeps-out", ["build", "f.yaml", "--out", "out"], 2,
         "f.yaml:5: unknown section 'evnts' (did you mean events?)", _facts("evnts: []\n")),
    Case("build-bad-facts-keeps-store", ["build", "f.yaml", "--store", "store", "--out", "out"], 2,
         "f.yaml:5: unknown section 'evnts' (did you mean events?)", _facts("evnts: []\n")),
    Case("build-nonconforming-writes-its-report", ["build", "f.yaml", "--out", "out"], 1,
         'f.yaml:6: conflict w: ends (2020) before it starts (2022)', _facts(
        "conflicts:\n  - {id: w, name: W, start: 2022, end: 2020, sources: [s]}\n")),
    # --- curated CSV ------------------------------------------------------------------------
    Case("csv-missing-column", ["validate", "csv"], 2,
         "csv/actors.csv:1: missing column 'name'", _csv_folder({"actors.csv": "id,type,sources\nx,State,src-1\n"})),
    Case("csv-repeated-column", ["validate", "csv"], 2,
         "csv/sources.csv:1: column 'title' is given twice",
         _csv_folder({"sources.csv": "id,title,title,publisher\ns,T,U,P\n"})),
    Case("csv-unclosed-quote", ["validate", "csv"], 2,
         'csv/sources.csv:2: malformed CSV: a quoted cell that starts at line 2 is never closed',
         _csv_folder({"sources.csv": "id,title,publisher\ns,\"T,P\nt,U,P\n"})),
    Case("csv-cell-past-the-csv-limit", ["validate", "csv"], 2,
         'csv/sources.csv:2: malformed CSV: a cell holds more than 131072 characters (a quote left open?)',
         _csv_folder({"sources.csv": "id,title,publisher\ns,\"" + "T" * 140_000 + "\",P\n"})),
    Case("csv-unknown-column", ["validate", "csv"], 2,
         "csv/sources.csv:1: unknown column 'colour'",
         _csv_folder({"sources.csv": "id,title,publisher,colour\ns,T,P,red\n"})),
    Case("csv-latin1", ["validate", "csv"], 2,
         'csv/sources.csv:2: byte 0xe9 is not valid utf-8 (save the file as UTF-8)',
         {**_csv_folder({}), "csv/sources.csv": "id,title,publisher\ns,Caf\xe9,P\n".encode("latin-1")}),
    Case("csv-formula-id", ["validate", "csv"], 2,
         "csv/sources.csv:3: source =1+1: id '=1+1' is not an id (letters, digits, '.', '_', '-'; no spaces)",
         _csv_folder({"sources.csv": "id,title,publisher\nsrc-1,T,P\n=1+1,T,P\n"})),
    # --- the importers' files --------------------------------------------------------------------
    Case("pax-missing-column", ["import", "pax", "pax.csv"], 2,
         'pax.csv:1: missing required column AgtId (found 2 columns; is this the right file?)',
         {"pax.csv": "Agt,Dat\nX,2020-01-01\n"}),
    Case("pax-not-utf8", ["import", "pax", "pax.csv"], 2,
         'pax.csv:2: byte 0xe9 is not valid utf-8 (save the file as UTF-8)',
         {"pax.csv": (PAX_HEAD + "1,Caf\xe9,2020-01-01,C,A,\n").encode("latin-1")}),
    Case("pax-cell-past-the-csv-limit", ["import", "pax", "pax.csv"], 2,
         'pax.csv:2: malformed table: a cell holds more than 131072 characters (a quote left open?)',
         {"pax.csv": PAX_HEAD + '1,"' + "x" * 140_000 + '",2020-01-01,C,A,\n'}),
    Case("pax-empty", ["import", "pax", "pax.csv"], 2,
         'pax.csv:1: file is empty: expected a header line with column names', {"pax.csv": ""}),
    Case("pax-bad-row-strict", ["build", "--pax", "pax.csv", "--strict", "--out", "out"], 1,
         ('imported PA-X pax.csv: 1 row -> nothing; 0 actor names unresolved; 1 warning', "warning: pax.csv:2: AgtId 'x' is not a number; row left out"),
         {"pax.csv": PAX_HEAD + "x,Accord,2020-01-01,C,\"Kenya, Uganda\",\n"}),
    Case("ucdp-missing-column", ["import", "ucdp", "ucdp.csv"], 2,
         'ucdp.csv:1: missing required column pa_name (found 2 columns; is this the right file?)',
         {"ucdp.csv": "paid,pa_date\n1,2000-01-01\n"}),
    Case("icews-missing-column", ["import", "icews", "e.tab"], 2,
         'e.tab:1: missing required columns Source Name, CAMEO Code, Target Name (found 2 columns; is this the right file?)',
         {"e.tab": "Event ID\tEvent Date\n1\t2020-01-01\n"}),
    Case("icews-bad-codes", ["import", "icews", "e.tab", "--codes", "04,abc"], 2,
         "Error: --codes: 'abc' is not a CAMEO code or prefix (two to four digits, such as 04 or 0841)",
         {"e.tab": ICEWS_HEAD}),
    Case("paax-missing-column", ["import", "paax", "s.csv"], 2,
         's.csv:1: missing required column signatory_type (found 2 columns; is this the right file?)',
         {"s.csv": "AgtId,actor_name\n1,Kenya\n"}),
    Case("import-missing-file", ["import", "pax", "nothing.csv"], 2,
         'nothing.csv: no such file'),
    Case("import-unknown-dataset", ["import", "acled", "x.csv"], 2,
         "Error: Invalid value for '{pax|paax|ucdp|icews}': 'acled' is not one of 'pax', 'paax', 'ucdp', 'icews'.",
         {"x.csv": "a\n"}),
    # --- query parameters ------------------------------------------------------------------------
    Case("param-injection", ["query", "mediators", "--param", "process=x\"} ; DROP ALL ; #"], 2,
         '--param process: \'x"} ; DROP ALL ; #\' is not an id (letters, digits, \'.\', \'_\', \'-\')'),
    Case("param-unknown-name", ["query", "posts-on-date", "--param", "date=2025", "--param", "colour=red"], 2,
         "--param colour: query 'posts-on-date' has no parameter 'colour' (it takes date)"),
    Case("param-missing", ["query", "posts-on-date"], 2,
         "--param date: query 'posts-on-date' needs date (date): the date (2026-01-01, or 2025-07, or 2022)"),
    Case("param-twice", ["query", "posts-on-date", "--param", "date=2025", "--param", "date=2026"], 2,
         'Error: --param date is given twice: give each parameter once'),
    Case("param-bad-date", ["query", "posts-on-date", "--param", "date=2025-02-30"], 2,
         '--param date: 2025-02-30 is not a valid date (use 2022, 2025-07 or 2026-01-01)'),
    Case("param-arabic-digits", ["query", "posts-on-date", "--param", "date=٢٠٢٦"], 2,
         '--param date: ٢٠٢٦ is not a valid date (use 2022, 2025-07 or 2026-01-01)'),
    Case("param-no-equals", ["query", "posts-on-date", "--param", "2025"], 2,
         "Error: --param '2025': expected NAME=VALUE"),
    Case("param-unknown-term", ["query", "agreements", "--param", "status=signd"], 2,
         "--param status: 'signd' is not in the agreement-status scheme (did you mean signed?); use one of agreed, collapsed, expired, in-force, proposed, signed, suspended, terminated"),
    Case("param-unknown-id", ["query", "timeline", "--param", "process=russia-ukraine-peace-talk"], 2,
         "--param process: no process 'russia-ukraine-peace-talk' in the graph (did you mean russia-ukraine-peace-talks?)"),
    Case("param-iri-brackets", ["query", "who-says-so", "--param", "subject=event/x> <y"], 2,
         "--param subject: 'x> <y' is not an id (letters, digits, '.', '_', '-')"),
    Case("query-unknown-name", ["query", "mediator"], 2,
         "query mediator: no such query in the library (did you mean mediators?); see 'parley queries'"),
    Case("query-name-and-file", ["query", "venues", "--file", "q.rq"], 2,
         'Error: give a query NAME or --file FILE (one of them)', {"q.rq": "SELECT * WHERE { ?s ?p ?o }"}),
    # --- query files ---------------------------------------------------------------------------
    Case("query-file-syntax", ["query", "--file", "q.rq"], 2,
         'q.rq:3: SPARQL syntax error at column 1: expected OPTIONAL', {"q.rq": "# title: T\nSELECT ?x WHERE { ?x ?p }\n"}),
    Case("query-file-syntax-long-list", ["query", "--file", "q.rq"], 2,
         'q.rq:3: SPARQL syntax error at column 1: expected one of "$", "\'", "\'\'\'", "(", "+", "-", ".", ":", ...',
         {"q.rq": "SELECT ?x WHERE {\n ?x ?y\n"}),
    Case("query-file-unbounded", ["query", "--file", "q.rq", "--timeout", "1"], 2,
         'q.rq: no answer within 1 s (--timeout); give a longer one for this query',
         {"q.rq": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }\n"}),
    Case("query-file-unbounded-on-store", ["query", "--file", "q.rq", "--store", "store", "--timeout", "1"], 2,
         'q.rq: no answer within 1 s (--timeout); give a longer one for this query',
         {"q.rq": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }\n"}),
    Case("query-file-update", ["query", "--file", "q.rq"], 2,
         'q.rq: is a SPARQL UPDATE: parley runs queries only (SELECT, ASK, CONSTRUCT, DESCRIBE) and never changes a graph',
         {"q.rq": "PREFIX x: <urn:x:>\nDELETE WHERE { ?s ?p ?o }\n"}),
    Case("query-file-fifo", ["query", "--file", "q.rq"], 2,
         'q.rq: not a regular file (a folder, a FIFO or a device): give a file', fifo="q.rq"),
    Case("query-file-not-utf8", ["query", "--file", "q.rq"], 2,
         'q.rq:1: byte 0xe9 is not valid utf-8 (save the file as UTF-8)',
         {"q.rq": b"# title: caf\xe9\nSELECT * WHERE { ?s ?p ?o }\n"}),
    Case("query-file-missing", ["query", "--file", "nothing.rq"], 2,
         'nothing.rq: cannot read file: No such file or directory'),
    Case("query-file-bad-param-header", ["query", "--file", "q.rq"], 2,
         "q.rq:1: malformed parameter 'x colour -- a colour': expected NAME TYPE [required] [= DEFAULT] [-- what it is]",
         {"q.rq": "# param: x colour -- a colour\nSELECT ?x WHERE { ?x ?p ?o }\n"}),
    # --- stores and graph files ----------------------------------------------------------------------
    Case("store-not-a-store", ["query", "venues", "--store", "notes"], 2,
         "notes: no store here (build one with 'parley build --store DIR')", {"notes/readme.txt": "mine"}),
    Case("store-corrupt", ["query", "venues", "--store", "bad-store"], 2,
         "bad-store: the store cannot be read (Corruption: CURRENT file corrupted); build it again with 'parley build --store DIR'",
         {"bad-store/CURRENT": "garbage\n"}),
    Case("store-and-endpoint", ["query", "venues", "--store", "store", "--endpoint", "http://127.0.0.1:1/query"], 2,
         'Error: give at most one of --input, --store and --endpoint'),
    Case("build-store-among-files", ["build", "--store", "notes", "--out", "out"], 2,
         'notes: holds other files and no Oxigraph store; give a new or empty folder for the store',
         {"notes/readme.txt": "mine"}),
    Case("graph-file-missing", ["query", "venues", "--input", "nothing.trig"], 2,
         'nothing.trig: no such file'),
    Case("graph-file-unknown-format", ["query", "venues", "--input", "g.xyz"], 2,
         'g.xyz: unknown graph format: use .trig, .nq, .ttl, .nt', {"g.xyz": "x"}),
    Case("graph-file-broken", ["query", "venues", "--input", "g.trig"], 2,
         'g.trig:1: not valid trig: Parser error at line 1 column 17: . is not a valid RDF object (g.trig, line 1)',
         {"g.trig": "<urn:a> <urn:b> .\n"}),
    Case("graph-file-broken-network", ["centrality", "--input", "g.nt"], 2,
         'g.nt:1: not valid nt: Parser error between line 1 column 17 and line 2 column 1: Unexpected end of file (g.nt, line 1)',
         {"g.nt": "<urn:a> <urn:b> \"c .\n"}),
    # --- endpoints ------------------------------------------------------------------------------------
    Case("endpoint-password-in-url", ["query", "venues", "--endpoint", "http://u:p#w@127.0.0.1:1/query"], 2,
         "endpoint URL: put credentials in PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD or in ~/.netrc, not in the URL (write a '@' of the URL itself as %40)"),
    Case("endpoint-not-http", ["query", "venues", "--endpoint", "file:///etc/passwd"], 2,
         'endpoint file:///etc/passwd: not an http(s) URL'),
    Case("endpoint-bad-ipv6", ["query", "venues", "--endpoint", "http://[::1/query"], 2,
         'endpoint http://[::1/query: not a valid URL (Invalid IPv6 URL)'),
    Case("endpoint-space", ["query", "venues", "--endpoint", "http://127.0.0.1/a b"], 2,
         'endpoint http://127.0.0.1/a%20b: spaces and control characters must be percent-encoded'),
    Case("endpoint-timeout-nan", ["query", "venues", "--endpoint", "http://127.0.0.1:1/query", "--timeout", "nan"], 2,
         "Error: Invalid value for '--timeout': not a number of seconds"),
    Case("endpoint-timeout-zero", ["query", "venues", "--endpoint", "http://127.0.0.1:1/query", "--timeout", "0"], 2,
         "Error: Invalid value for '--timeout': 0.0 is not in the range 0.1<=x<=86400."),
    Case("endpoint-refused", ["query", "venues", "--endpoint", "http://127.0.0.1:{refused}/query"], 2,
         'http://127.0.0.1:{refused}/query: cannot connect (Connection refused) after 3 attempts'),
    Case("endpoint-netrc-not-utf8", ["query", "venues", "--endpoint", "http://127.0.0.1:{refused}/query"], 2,
         '{work}/netrc: cannot read this netrc file: it is not UTF-8 text',
         {"netrc": b"machine 127.0.0.1 login a password caf\xe9\n"}),
    Case("push-no-target", ["push"], 2,
         'Error: give --endpoint, --update or --graph-store'),
    Case("push-password-in-url", ["push", "--update", "http://u:p?w@127.0.0.1:1/update"], 2,
         "update endpoint URL: put credentials in PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD or in ~/.netrc, not in the URL (write a '@' of the URL itself as %40)"),
    # --- network commands ------------------------------------------------------------------------------
    Case("window-from-after-to", ["centrality", "--from", "2027", "--to", "2020"], 2,
         'Error: --from 2027 is after --to 2020: no event can be in that window'),
    Case("window-bad-date", ["centrality", "--from", "2025-13"], 2,
         '--from/--to: 2025-13 is not a valid date (use 2022, 2025-07 or 2026-01-01)'),
    Case("window-unknown-process", ["centrality", "--process", "russia-ukraine-peace-talk"], 2,
         "--process: no process 'russia-ukraine-peace-talk' in the graph"),
    Case("centrality-unknown-measure", ["centrality", "--measure", "betweeness"], 2,
         "Error: unknown measure 'betweeness': use one of degree, out-degree, in-degree, weighted-degree, betweenness, closeness, eigenvector, pagerank, constraint, effective-size, brokerage"),
    Case("centrality-unknown-group", ["centrality", "--group", "colour"], 2,
         "Error: --group: no actor has the attribute 'colour'; use one of acts_for, dates, group, label, type"),
    Case("centrality-unknown-third-party-role", ["centrality", "--graph", "mediation", "--third-parties", "brokr"], 2,
         "--third-parties: 'brokr' is not a third-party role; use mediator, facilitator, host, guarantor, witness, observer, third-party"),
    Case("export-unknown-size-by", ["export", "gexf", "--size-by", "colour"], 2,
         "Error: --size-by: unknown measure 'colour': use one of degree, out-degree, in-degree, weighted-degree, betweenness, closeness, eigenvector, pagerank, constraint, effective-size, brokerage"),
    Case("plot-jpg", ["plot", "network", "--out", "out/network.jpg"], 2,
         'Error: --out out/network.jpg: a picture is written as .png, .svg or .pdf'),
]


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "LOCK"}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("prepared")
    for args in (["build", "--store", "store", "--out", "out"],):
        done = subprocess.run([sys.executable, "-m", "parley", *args], cwd=folder, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return folder


def test_the_corpus_is_large_and_its_cases_distinct():
    assert len(CASES) >= 80 and len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, prepared: Path, tmp_path: Path):
    work = tmp_path / "work"
    shutil.copytree(prepared, work)
    before = {name: _snapshot(work / name) for name in ("out", "store")}
    for name, content in case.files.items():
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (target.write_bytes if isinstance(content, bytes) else lambda t: target.write_text(t, encoding="utf-8"))(content)
    if case.fifo:
        os.mkfifo(work / case.fifo)
    env = {**os.environ, "NETRC": str(work / "netrc")}
    env.pop("PARLEY_ENDPOINT_USER", None)
    with refused_port() as port:
        args = [arg.replace("{refused}", str(port)) for arg in case.args]
        done = subprocess.run([sys.executable, "-m", "parley", *args], cwd=work, capture_output=True, text=True,
                              env=env, timeout=120)  # a time-out so a regression cannot hang the suite
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    expected = [case.message] if isinstance(case.message, str) else list(case.message)
    expected = [line.replace("{refused}", str(port)).replace("{work}", str(work)) for line in expected]
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == case.code, done.stderr
    if lines and lines[0].startswith("Usage:"):  # click's usage error: usage, hint, and one "Error:" line
        lines = [line for line in lines if line.startswith("Error:")]
    assert lines == expected
    after = {name: _snapshot(work / name) for name in ("out", "store")}
    if case.code == 1:  # data that does not conform is written, with the report that says why
        assert set(after["out"]) == set(BUILD_OUTPUTS)
        del before["out"], after["out"]
    assert after == before
