"""Benchmarks of the installed parley, with a plain-rdflib baseline measured in the same run.

    python bench/run.py                      # 1k, 10k, 35k, 100k events, YAML and CSV; baseline at 10k
    python bench/run.py --sizes 1000 --baseline 0 --out /tmp/RESULTS.md   # a quick look

Each measurement runs in a child process of its own, so its peak memory (maximum
resident set size) is its own. Results and machine details go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CALIBRATIONS = 3  # runs of the fixed workload per machine check (--calibrations)
PARAMS = {"mediators": {"process": "process-0"}, "conflict-mediators": {"conflict": "conflict-0"},
          "timeline": {"process": "process-0"}, "posts-on-date": {"date": "2010-01-01"},
          "statuses-on-date": {"date": "2010-01-01"}, "members-on-date": {"date": "2010-01-01"},
          "who-says-so": {"subject": "event/event-0"}, "source-facts": {"source": "s0"}}
# For the heaviest queries, the join each must make before it groups anything, counted
# alone: how much of the query's time the engine spends just finding the rows.
_PREFIXES = ("PREFIX pw: <https://w3id.org/parley/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "PREFIX estatus: <https://w3id.org/parley/vocab/event-status/> ")
FLOORS = {
    "co-participation": ("the ordered pairs of participants in held events",
                         "SELECT (COUNT(*) AS ?n) WHERE { ?event pw:eventStatus estatus:held ; pw:date ?date ; "
                         "pw:hasParticipation ?a , ?b . ?a pw:actor ?actor . ?b pw:actor ?other . FILTER (?a != ?b) }"),
    "mediator-and-party": ("the participations with their role, actor and what they are part of",
                           "SELECT (COUNT(*) AS ?n) WHERE { ?x pw:hasParticipation ?p . ?p pw:role ?role ; "
                           "pw:actor ?actor }"),
    "venues": ("the events with their place's name and date",
               "SELECT (COUNT(*) AS ?n) WHERE { ?event a pw:NegotiationEvent ; pw:place/rdfs:label ?place ; "
               "pw:date ?date }"),
}


# --- child jobs (run in their own process) ------------------------------------------------

def _timed(stages: dict, name: str, function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    stages[name] = round(time.perf_counter() - started, 3)
    return value


def job_build(data: str, out: str, store: str | None) -> dict:
    """parley build, as the command runs it, with the time of each stage it reports."""
    import parley

    started = time.perf_counter()
    result = parley.build([data], out=out, store=store, record_graphs=store is not None)  # as the command calls it
    stages = {name: round(seconds, 3) for name, seconds in result.timings.items()}
    stages["total"] = round(time.perf_counter() - started, 3)
    return {"stages": stages, "records": len(result.records), "triples": result.triples,
            "conforms": result.conforms, "problems": len(result.problems), "cpu": round(_cpu_seconds(), 3)}


def _cpu_seconds() -> float:
    """CPU time (user and system) of this process, its threads and the child processes it
    has waited for (the build's SHACL workers)."""
    import resource

    return sum(usage.ru_utime + usage.ru_stime
               for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def job_analyse(graph: str) -> dict:
    """The query library, centrality and GEXF export on a built graph."""
    import parley

    stages: dict = {}
    # As 'parley query' does: the union alone for the queries that read only the default
    # graph, the named graphs too for the others (who-says-so, source-facts).
    queries = {}
    for named in (True, False):
        stage = "open graph with its named graphs" if named else "open graph"
        store = _timed(stages, stage, parley.open_graph, graph=graph, named_graphs=named)
        params = {**PARAMS, "co-participants": {"actor": _busiest_actor(store)}}
        for name, library_query in parley.query_library().items():
            if library_query.reads_named_graphs == named:
                started = time.perf_counter()
                rows = parley.query(name, params.get(name, {}), store=store, timeout=None)
                queries[name] = {"seconds": round(time.perf_counter() - started, 3), "rows": len(rows),
                                 "params": params.get(name, {})}
        if named:
            del store
    floors = {}
    for name, (what, sparql) in FLOORS.items():
        started = time.perf_counter()
        [row] = store.query(_PREFIXES + sparql)
        floors[name] = {"seconds": round(time.perf_counter() - started, 3), "rows": int(row["n"].value), "what": what}
    actors = _timed(stages, "co-participation graph", parley.project, "co-participation", store=store)
    frame = _timed(stages, "betweenness", parley.centrality, actors, ["betweenness"])
    values = dict(zip(frame["actor"], frame["betweenness"]))
    measured = _timed(stages, "all measures", parley.with_measures, actors)
    _timed(stages, "GEXF export", parley.export_gexf, measured, Path(graph).parent / "network.gexf", dynamic=True)
    top = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return {"stages": stages, "queries": queries, "floors": floors, "nodes": actors.number_of_nodes(),
            "edges": actors.number_of_edges(), "top_betweenness": top, "values": values}


def _busiest_actor(store) -> str:
    """The actor in the most participations: the heaviest case for a query about one actor."""
    [row] = store.query("SELECT ?actor (COUNT(*) AS ?n) WHERE { ?p <https://w3id.org/parley/ontology#actor> ?actor } "
                        "GROUP BY ?actor ORDER BY DESC(?n) ?actor LIMIT 1")
    return row["actor"].value.rsplit("/", 1)[1]


def job_calibrate(runs: str = "3") -> dict:
    """A fixed workload, the same in every run and at every commit (Python building text,
    Oxigraph loading and querying it), ``runs`` times (three by default): how fast the
    machine runs right now, as the median of the times."""
    import statistics

    import pyoxigraph as ox

    times = []
    for _ in range(int(runs)):
        started = time.perf_counter()
        text = "".join(f'<http://example.org/n{i}> <http://example.org/p{i % 7}> "value {i % 1000}" .\n'
                       for i in range(200_000))
        store = ox.Store()
        store.load(text.encode(), format=ox.RdfFormat.N_TRIPLES)
        rows = list(store.query("SELECT ?p (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"))
        checksum = sum(i * i % 7 for i in range(3_000_000))
        times.append(time.perf_counter() - started)
    return {"seconds": round(statistics.median(times), 3), "rows": len(rows), "checksum": checksum}


def _machine_check() -> float | None:
    """The seconds :func:`job_calibrate` takes now, in a child process of its own."""
    return _child("calibrate", str(CALIBRATIONS)).get("seconds")


def job_engine(nodes: int, edges: int) -> dict:
    """parley's betweenness against igraph's own on a random graph of the given size."""
    import igraph
    import networkx as nx

    import parley

    graph = nx.gnm_random_graph(nodes, edges, seed=1)
    converted = igraph.Graph(n=nodes, edges=list(graph.edges()))  # gnm nodes are 0 .. nodes - 1
    started = time.perf_counter()
    converted.betweenness(directed=False)
    engine = time.perf_counter() - started
    started = time.perf_counter()
    parley.centrality(graph, ["betweenness"])
    ours = time.perf_counter() - started
    return {"igraph": round(engine, 3), "parley": round(ours, 3), "ratio": round(ours / engine, 3)}


def job_baseline(data: str, out: str, partial: str) -> dict:
    """The same build the plain way: rdflib's in-memory store, pySHACL on it, networkx.
    What is measured so far is kept in file ``partial``, for a run stopped by its time limit."""
    import networkx as nx
    import pyoxigraph as ox
    import pyshacl
    import rdflib

    import parley
    from parley.ontology import ontology_text, shapes_text, vocabulary_texts

    result: dict = {"stages": {}}
    stages = result["stages"]

    def keep():
        Path(partial).write_text(json.dumps(result), encoding="utf-8")

    started = time.perf_counter()
    records = _timed(stages, "parse", parley.load, [data])
    quads = _timed(stages, "records to triples", parley.to_quads, records)

    def centrality():  # the co-participation graph, folded, as parley projects it, with pure networkx
        store = ox.Store()
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)  # the union of the graphs
        return nx.betweenness_centrality(parley.project("co-participation", store=store))

    result["values"] = _timed(stages, "betweenness (networkx)", centrality)
    result["top_betweenness"] = sorted(result["values"].items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    keep()

    def to_rdflib():  # the quads as N-Quads, parsed by rdflib as a plain user would
        dataset = rdflib.Dataset()
        dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        union = rdflib.Graph()
        for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
            union.add((subject, predicate, obj))
        return dataset, union

    dataset, union = _timed(stages, "load store", to_rdflib)
    keep()

    def shacl():  # over the data with the ontology and vocabularies in it, as parley validates
        ontology = rdflib.Graph()
        for text in (ontology_text(), *(text for _, text in vocabulary_texts())):
            ontology.parse(data=text, format="turtle")
        for triple in ontology:
            union.add(triple)
        shapes = rdflib.Graph().parse(data=shapes_text(), format="turtle")
        conforms, report, _ = pyshacl.validate(union, shacl_graph=shapes, inplace=True, advanced=True,
                                               allow_warnings=True)
        for triple in ontology:  # the outputs hold the data only, as parley's do
            union.remove(triple)
        return bool(conforms), len(set(report.objects(None, rdflib.namespace.SH.result)))

    result["conforms"], result["problems"] = _timed(stages, "SHACL", shacl)
    keep()

    def write():
        Path(out).mkdir(parents=True, exist_ok=True)
        dataset.serialize(Path(out) / "kg.trig", format="trig")
        union.serialize(Path(out) / "kg.ttl", format="turtle")

    _timed(stages, "write outputs", write)
    stages["total"] = round(time.perf_counter() - started, 3)
    return result


# --- the runner -----------------------------------------------------------------------------

def _child(job: str, *args: str, timeout: float | None = None) -> dict:
    """Run a job in a child process of its own; its result (with its own peak memory) and wall time."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, "--job", job, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        stopped = {"error": f"stopped after {timeout:.0f} s", "wall": timeout}
        partial = Path(args[-1]) if args and args[-1].endswith(".partial.json") else None
        if partial is not None and partial.exists():
            stopped["partial"] = json.loads(partial.read_text(encoding="utf-8"))
        return stopped
    if process.returncode != 0:
        lines = stderr.strip().splitlines()
        return {"error": lines[-1] if lines else f"exit {process.returncode}", "wall": round(time.perf_counter() - started, 3)}
    result = json.loads(stdout.strip().splitlines()[-1])
    result["wall"] = round(time.perf_counter() - started, 3)
    return result


def _generate(events: int, fmt: str, work: Path, faults: int = 0) -> Path:
    """The generated data set, made again if the generator changed since it was made."""
    folder = work / (f"{events}-{fmt}" + (f"-faults-{faults}" if faults else ""))
    generator = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    marker = folder / ".done"
    if not marker.exists() or marker.read_text() != generator:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--events", str(events), "--format", fmt,
                        "--faults", str(faults), "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
        marker.write_text(generator)
    return folder


class _ChildMemory:
    """The largest peak resident set (VmHWM) of this process's children, read from /proc
    twice a second. (getrusage's figure for children is no use here: a child started
    from a large process counts that process's pages until it execs.)"""

    def __init__(self):
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _children(self) -> list[str]:
        me, pids = str(os.getpid()), []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[1] == me:  # the parent's pid follows the state
                pids.append(stat.parent.name)
        return pids

    def _run(self) -> None:
        while not self._done.wait(0.5):
            for pid in self._children():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kb = max(self.peak_kb, int(line.split()[1]))

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def _machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    from importlib.metadata import version

    packages = {name: version(name) for name in ("parley", "pyoxigraph", "pyshacl-turbo", "pyshacl", "rdflib",
                                                 "networkx", "igraph", "yaml-rs", "PyYAML")}
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() if shutil.which("git") else ""
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory, "python": platform.python_version(),
            "system": platform.platform(), "packages": packages, "commit": commit}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="1000,10000,35000,100000")
    parser.add_argument("--formats", default="yaml,csv")
    parser.add_argument("--baseline", type=int, default=10000, help="events for the baseline (0: none)")
    parser.add_argument("--baseline-timeout", type=float, default=3600)
    parser.add_argument("--huge", type=int, default=0, help="also build this many events (CSV) with --store")
    parser.add_argument("--huge-timeout", type=float, default=3600)
    parser.add_argument("--analyse-timeout", type=float, default=1800)
    parser.add_argument("--engine", default="5000,109000", help="nodes,edges of the random graph for the engine check")
    parser.add_argument("--calibrations", type=int, default=3, help="runs of the fixed workload per machine check")
    parser.add_argument("--faults", type=int, default=0, help="every Nth generated event breaks a shape (0: none)")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    global CALIBRATIONS
    CALIBRATIONS = max(1, args.calibrations)
    if args.job:
        jobs = {"build": job_build, "analyse": job_analyse, "baseline": job_baseline, "engine": job_engine,
                "calibrate": job_calibrate}
        import resource

        values = [int(a) if a.isdigit() else (None if a == "-" else a) for a in args.args]
        watch = _ChildMemory()
        result = jobs[args.job](*values)
        watch.stop()
        result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        # SHACL worker processes, if the build started any: the largest of them
        result["worker_peak_mb"] = round(watch.peak_kb / 1024, 1)
        print(json.dumps(result))
        return
    sys.path.insert(0, str(HERE))
    from report import write_results

    sizes = [int(s) for s in args.sizes.split(",") if s]
    formats = [f for f in args.formats.split(",") if f]
    runs = []
    checks = {"start": _machine_check()}
    for events in sorted(sizes):
        for fmt in formats:
            data = _generate(events, fmt, args.work, args.faults)
            out = data.with_name(data.name + "-out")
            print(f"build {events} events ({fmt}) ...", flush=True)
            check = _machine_check()
            build = _child("build", str(data), str(out), "-")
            build["machine_check"] = check
            print(f"analyse {events} events ({fmt}) ...", flush=True)
            analyse = _child("analyse", str(out / "kg.trig"), timeout=args.analyse_timeout) if "error" not in build else {"error": "no build"}
            runs.append({"events": events, "format": fmt, "build": build, "analyse": analyse})
    baseline = None
    if args.baseline:
        data = _generate(args.baseline, "yaml", args.work, args.faults)
        print(f"baseline {args.baseline} events ...", flush=True)
        partial = data.with_name(data.name + "-baseline.partial.json")
        partial.unlink(missing_ok=True)
        baseline = _child("baseline", str(data), str(data.with_name(data.name + "-baseline-out")), str(partial),
                          timeout=args.baseline_timeout)
        baseline["events"] = args.baseline
    huge = None
    if args.huge:
        data = _generate(args.huge, "csv", args.work)
        print(f"huge {args.huge} events with --store ...", flush=True)
        huge = _child("build", str(data), str(args.work / f"{args.huge}-csv-out"), str(args.work / f"{args.huge}-store"),
                      timeout=args.huge_timeout)
        huge["events"] = args.huge
    print("engine ...", flush=True)
    nodes, edges = (int(n) for n in args.engine.split(","))
    engine = _child("engine", str(nodes), str(edges))
    engine.update(nodes=nodes, edges=edges)
    checks["end"] = _machine_check()
    command = "python bench/run.py " + " ".join(a for a in sys.argv[1:])
    write_results(args.out, _machine() | {"checks": checks}, runs, baseline, huge, engine, command.strip())
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
