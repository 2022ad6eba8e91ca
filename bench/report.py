"""Writing bench/RESULTS.md from the runner's measurements."""

from __future__ import annotations

import math
from pathlib import Path

TARGETS = {"build_100k_seconds": 60, "build_100k_peak_mb": 3 * 1024, "query_seconds": 2, "baseline_ratio": 10,
           "engine_ratio": 1.5}
# The baseline job's stages, in the order it runs them.
BASELINE_STAGES = ("parse", "records to triples", "betweenness (networkx)", "load store", "SHACL", "write outputs")
STAGES = ("parse", "records to triples", "load store", "load store, in the background", "SHACL",
          "SHACL-SPARQL, in the background", "write outputs", "write outputs, in the background", "analysis tables", "summary", "total",
          "SHACL batches prepared, CPU", "SHACL engine, CPU")
# The targets were set for this many triples at 100k events.
TARGET_TRIPLES = 1_400_000


def peak_mb(job: dict) -> float:
    """The build's own peak, plus two SHACL worker processes at the largest one's peak."""
    return job["peak_mb"] + 2 * job.get("worker_peak_mb", 0)


def _memory(job: dict) -> str:
    workers = job.get("worker_peak_mb", 0)
    return f"{peak_mb(job):,.0f} MB" + (f" ({job['peak_mb']:,.0f} + 2 × {workers:,.0f})" if workers else "")


def _fmt(value: float | None, unit: str = "s") -> str:
    return "–" if value is None else f"{value:.1f} {unit}" if value >= 10 else f"{value:.2f} {unit}"


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else "met" if ok else "MISSED"


def write_results(path: Path, machine: dict, runs: list[dict], baseline: dict | None, huge: dict | None,
                  engine: dict, command: str) -> None:
    lines = ["# parley benchmarks", "", f"Reproduce with `{command}` (after `make install`, with `.venv/bin/python`).",
             "Every measurement runs in a child process of its own; peak memory is that process's maximum "
             "resident set size. Data sets come from `bench/generate.py` (seed 1).", "",
             "## Machine", "",
             f"- CPU: {machine['cpu']} ({machine['cores']} cores), memory {machine['memory_gb']} GB",
             f"- {machine['system']}, Python {machine['python']}",
             "- " + ", ".join(f"{k} {v}" for k, v in machine["packages"].items())
             + (f"; checkout at commit {machine['commit']}" if machine.get("commit") else ""),
             *_speed(machine.get("checks", {}), runs), "",
             "## parley build, stage by stage", "",
             "| events | format | records | triples | " + " | ".join(STAGES)
             + " | machine check | CPU time | peak memory | verdict |",
             "|---:|---|---:|---:|" + "---:|" * len(STAGES) + "---:|---:|---:|---|"]
    for run in runs:
        build = run["build"]
        if "error" in build:
            lines.append(f"| {run['events']:,} | {run['format']} | – | – | {' | '.join('–' for _ in STAGES)} | "
                         f"{_fmt(build.get('machine_check'))} | – | – | {build['error']} |")
            continue
        stages = " | ".join(_fmt(build["stages"].get(s)) for s in STAGES)
        lines.append(f"| {run['events']:,} | {run['format']} | {build['records']:,} | {build['triples']:,} | {stages} | "
                     f"{_fmt(build.get('machine_check'))} | {_fmt(build.get('cpu'))} | {_memory(build)} | "
                     f"{'conforms' if build['conforms'] else 'does not conform'} |")
    lines += ["", "*load store* is the time the build waited for its loader thread; *load store, in the background* "
              "is the time that thread spent loading while the other stages ran. *SHACL* is the time the build "
              "waited for the validating worker processes and for the threads that, once the store holds every "
              "record, dump kg.ttl (*write outputs, in the background*), count the summary's classes and rank its "
              "actors (*summary*), read the analysis tables from the store (*analysis tables*) and run the SHACL-SPARQL constraints (*SHACL-SPARQL, in the background*). Stages *in the background* overlap the others, so the stages add up to more than the total. "
              "*CPU time* is the user and system time of the build, its threads and its SHACL workers, on all "
              "cores together; *SHACL batches prepared, CPU* and *SHACL engine, CPU* are the part of it the "
              "workers spent preparing batches and in the SHACL engine (pyshacl-turbo), over all workers. "
              "*machine check* is the time the fixed workload took just before the build (see Machine).",
              "", "## Queries, centrality and export on the built graph", "",
              "| events | format | open kg.trig (union / with named graphs) | slowest query | all queries | betweenness "
              "| all measures | GEXF export | actors / ties |",
              "|---:|---|---:|---|---:|---:|---:|---:|---:|"]
    slowest_query: dict[int, float] = {}
    for run in runs:
        analyse = run["analyse"]
        if "error" in analyse:
            lines.append(f"| {run['events']:,} | {run['format']} | {analyse['error']} | | | | | | |")
            continue
        name, timing = max(analyse["queries"].items(), key=lambda kv: kv[1]["seconds"])
        slowest_query[run["events"]] = max(slowest_query.get(run["events"], 0), timing["seconds"])
        total = sum(q["seconds"] for q in analyse["queries"].values())
        st = analyse["stages"]
        opened = " / ".join(_fmt(st[stage]) for stage in ("open graph", "open graph with its named graphs")
                            if stage in st)
        lines.append(f"| {run['events']:,} | {run['format']} | {opened} | {name} {_fmt(timing['seconds'])} | "
                     f"{_fmt(total)} | "
                     f"{_fmt(st['betweenness'])} | {_fmt(st['all measures'])} | {_fmt(st['GEXF export'])} | "
                     f"{analyse['nodes']:,} / {analyse['edges']:,} |")
    lines += ["", "Queries that read no named graph run on a store holding only the union, as `parley query` "
              "loads it for them; who-says-so and source-facts on one with the named graphs."]
    one_actor = [f"{run['events']:,} {run['format']} {_fmt(q['seconds'])} ({q['params'].get('actor', '?')}, "
                 f"{q['rows']:,} rows)" for run in runs if "error" not in run["analyse"]
                 for q in [run["analyse"]["queries"].get("co-participants")] if q]
    if one_actor:
        lines += ["", "Who one actor met (co-participants, for the actor in the most participations): "
                  + "; ".join(one_actor) + "."]
    lines += ["", "## Scaling", ""]
    for fmt in sorted({r["format"] for r in runs}):
        points = [(r["events"], r["build"]["stages"]["total"], peak_mb(r["build"])) for r in runs
                  if r["format"] == fmt and "error" not in r["build"]]
        if len(points) >= 2:
            (e0, t0, m0), (e1, t1, m1) = points[0], points[-1]
            exponent = math.log(t1 / t0) / math.log(e1 / e0) if t0 > 0 and e1 > e0 else float("nan")
            per = ", ".join(f"{e:,}: {t / e * 1000:.2f} s per 1,000 events" for e, t, _ in points)
            lines.append(f"- {fmt}: build time grows as events^{exponent:.2f} between {e0:,} and {e1:,} events "
                         f"({per}); peak memory {m0:,.0f} MB to {m1:,.0f} MB.")
    measured = [r for r in runs if "error" not in r["build"]]
    if measured:
        largest = max(measured, key=lambda r: r["events"])
        per_event = largest["build"]["triples"] / largest["events"]
        near = min(measured, key=lambda r: abs(r["build"]["triples"] - TARGET_TRIPLES))
        lines.append(f"- triples: {per_event:.1f} per event at {largest['events']:,} events (each participation is "
                     f"a node with its actor and role, each record graph has its provenance), where the targets "
                     f"assume {TARGET_TRIPLES / 100000:.0f} (about {TARGET_TRIPLES / 1e6:.1f} M triples for 100k "
                     f"events); nearest that size: {near['events']:,} events ({near['format']}), "
                     f"{near['build']['triples']:,} triples, built in {_fmt(near['build']['stages']['total'])}.")
    lines += ["", "## Baseline in the same run (plain rdflib, pySHACL on it, pure networkx)", ""]
    ratio = None
    same_values = same_verdict = None
    if baseline is not None:
        ours = next((r for r in runs if r["events"] == max(r2["events"] for r2 in runs if r2["events"] <= 10000)
                     and r["format"] == "yaml" and "error" not in r["build"]), None)
        measured = baseline.get("partial", baseline)
        if "error" in baseline:
            done = ", ".join(f"{k} {_fmt(v)}" for k, v in measured.get("stages", {}).items())
            lines.append(f"- baseline: {baseline['error']} (the ratio below is a lower bound); done by then: {done}")
            base_total = baseline["wall"]
        else:
            stages = ", ".join(f"{k} {_fmt(v)}" for k, v in baseline["stages"].items())
            lines.append(f"- baseline stages: {stages}; peak memory {baseline['peak_mb']:,.0f} MB")
            base_total = baseline["stages"]["total"] + baseline["stages"].get("betweenness (networkx)", 0)
        if ours is not None:
            our_total = ours["build"]["stages"]["total"] + ours["analyse"].get("stages", {}).get("betweenness", 0)
            ratio = base_total / our_total
            lines.append(f"- parley at {ours['events']:,} events (YAML): build {_fmt(ours['build']['stages']['total'])} "
                         f"+ betweenness {_fmt(ours['analyse']['stages']['betweenness'])}; baseline "
                         f"{_fmt(base_total)}: **{ratio:.1f}x faster**")
            if measured.get("values") and ours["analyse"].get("values"):
                ours_values = ours["analyse"]["values"]
                diff = max(abs(ours_values[k] - v) for k, v in measured["values"].items())
                same_values = diff <= 1e-9 and set(ours_values) == set(measured["values"])
                verdict = "not reached"
                if "conforms" in measured:
                    same_verdict = (measured["conforms"], measured.get("problems")) == (
                        ours["build"]["conforms"], ours["build"].get("problems"))
                    verdict = (f"{same_verdict} (baseline: conforms {measured['conforms']}, "
                               f"{measured.get('problems')} results; parley: conforms {ours['build']['conforms']}, "
                               f"{ours['build'].get('problems')} results)")
                lines.append(f"- same validation verdict: {verdict}; "
                             f"betweenness of {len(ours_values):,} actors (networkx against parley) equal within {diff:.1e}")
    lines += ["", "## Compiled engine", "",
              f"- betweenness on a random graph of {engine['nodes']:,} nodes and {engine['edges']:,} edges: igraph {_fmt(engine.get('igraph'))}, "
              f"parley (networkx graph in, dict out) {_fmt(engine.get('parley'))}: ratio {engine.get('ratio')}"]
    if huge is not None:
        lines += ["", "## A large data set with the store on disk", ""]
        if "error" in huge:
            lines.append(f"- {huge['error']}")
        else:
            stages = ", ".join(f"{k} {_fmt(v)}" for k, v in huge["stages"].items())
            events = f"{huge['events']:,} events (CSV), " if "events" in huge else ""
            lines.append(f"- {events}{huge['records']:,} records, {huge['triples']:,} triples ({stages}), "
                         + (f"CPU time {_fmt(huge['cpu'])}, " if huge.get("cpu") else "")
                         + f"peak memory {_memory(huge)}; {'conforms' if huge['conforms'] else 'does not conform'}")
    big = next((r for r in runs if r["events"] == 100000 and r["format"] == "yaml" and "error" not in r["build"]), None)
    big_csv = next((r for r in runs if r["events"] == 100000 and r["format"] == "csv" and "error" not in r["build"]), None)
    lines += ["", "## Targets", "", "| target | measured | |", "|---|---|---|"]
    for label, run in (("YAML", big), ("CSV", big_csv)):
        seconds = run["build"]["stages"]["total"] if run else None
        memory = peak_mb(run["build"]) if run else None
        lines.append(f"| 100k events ({label}): build ≤ 60 s | {_fmt(seconds)} | "
                     f"{_verdict(None if seconds is None else seconds <= 60)} |")
        lines.append(f"| 100k events ({label}): peak memory ≤ 3 GB | {_fmt(memory, 'MB')} | "
                     f"{_verdict(None if memory is None else memory <= 3072)} |")
    worst = slowest_query.get(100000)
    lines.append(f"| every library query ≤ 2 s at 100k events | slowest {_fmt(worst)} | "
                 f"{_verdict(None if worst is None else worst <= 2)} |")
    near = min((r for r in runs if "error" not in r["analyse"] and "error" not in r["build"]),
               key=lambda r: abs(r["build"]["triples"] - TARGET_TRIPLES), default=None)
    if near is not None:
        near_worst = max(q["seconds"] for r in runs if r["events"] == near["events"] and "error" not in r["analyse"]
                         for q in r["analyse"]["queries"].values())
        lines.append(f"| every library query ≤ 2 s at about {TARGET_TRIPLES / 1e6:.1f} M triples "
                     f"({near['events']:,} events, {near['build']['triples']:,} triples) | slowest {_fmt(near_worst)} | "
                     f"{_verdict(near_worst <= 2)} |")
    at = f"{baseline['events']:,} events" if baseline is not None and "events" in baseline else "10k events"
    lines.append(f"| {at}: ≥ 10x faster than the baseline | {'–' if ratio is None else f'{ratio:.1f}x'} | "
                 f"{_verdict(None if ratio is None else ratio >= 10)} |")
    lines.append(f"| {at}: same centrality values as the baseline | {same_values} | {_verdict(same_values)} |")
    lines.append(f"| {at}: same validation verdict as the baseline | {same_verdict} | {_verdict(same_verdict)} |")
    lines.append(f"| betweenness ≤ 1.5x the compiled engine's time | {engine.get('ratio')} | "
                 f"{_verdict(None if engine.get('ratio') is None else engine['ratio'] <= 1.5)} |")
    huge_note = "not run" if huge is None else huge.get("error") or f"{_fmt(huge['stages']['total'])}, {_memory(huge)}"
    lines.append(f"| 1M events with --store builds within 24 GB | {huge_note} | "
                 f"{_verdict(None if huge is None or 'error' in huge else peak_mb(huge) <= 24 * 1024)} |")
    lines += ["", "## Where the time goes", "", *where_the_time_goes(runs, baseline, huge, machine["cores"])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _speed(checks: dict, runs: list[dict]) -> list[str]:
    """The machine's speed over the run: the fixed workload's time at the start, before
    each build and at the end."""
    before = [r["build"]["machine_check"] for r in runs if r["build"].get("machine_check")]
    if not checks.get("start") or not before:
        return []
    times = [checks["start"], *before] + ([checks["end"]] if checks.get("end") else [])
    return [f"- speed: a fixed workload (Python making 200,000 N-Triples lines, Oxigraph loading and querying "
            f"them; the median of `--calibrations` runs, three by default: `bench/run.py --job calibrate`) "
            f"took {_fmt(checks['start'])} at the start of the run, "
            f"{_fmt(min(before))} to {_fmt(max(before))} just before the builds (*machine check* below)"
            + (f" and {_fmt(checks['end'])} at the end" if checks.get("end") else "")
            + f": the machine ran up to {max(times) / min(times) - 1:.0%} slower at one time than at another, "
              f"and the builds' times vary with it"]


def _fastest_check(runs: list[dict]) -> float | None:
    return min((r["build"]["machine_check"] for r in runs if r["build"].get("machine_check")), default=None)


def _largest(stages: dict, count: int = 3) -> str:
    work = {k: v for k, v in stages.items() if k != "total" and not k.endswith(", CPU")}
    return ", ".join(f"{k} {_fmt(v)}" for k, v in sorted(work.items(), key=lambda kv: -kv[1])[:count])


def _cpu_budget(build: dict, cores: int) -> str:
    """How busy the cores were, and how much CPU time the 100k target leaves on them."""
    if not build.get("cpu") or not cores:
        return ""
    busy = build["cpu"] / build["stages"]["total"] / cores
    budget = (f"; {build['cpu']:,.0f} s of CPU time, the {cores} cores {busy:.0%} busy: "
              f"{TARGETS['build_100k_seconds']} s on {cores} cores is at most "
              f"{TARGETS['build_100k_seconds'] * cores:,} s of CPU time")
    engine = build["stages"].get("SHACL engine, CPU")
    if engine:
        budget += (f"; the SHACL engine alone took {engine:,.0f} s of it ({engine / build['cpu']:.0%}; "
                   f"{engine / cores:,.0f} s on {cores} cores if nothing else ran), preparing its batches "
                   f"{build['stages'].get('SHACL batches prepared, CPU', 0):,.0f} s")
    return budget


def _slower(build: dict, runs: list[dict]) -> str:
    """How much slower than its fastest the machine ran just before this build."""
    check, fastest = build.get("machine_check"), _fastest_check(runs)
    if not check or not fastest:
        return ""
    return (f"; the fixed workload took {_fmt(check)} just before this build, {check / fastest - 1:.0%} more than "
            f"its fastest in this run ({_fmt(fastest)})")


def _floor(analyse: dict, name: str) -> str:
    """What the join a query must make takes alone (bench/run.py FLOORS), and the rest."""
    floor = analyse.get("floors", {}).get(name)
    if not floor:
        return ""
    rest = analyse["queries"][name]["seconds"] - floor["seconds"]
    return (f": finding {floor['what']} ({floor['rows']:,} rows, counted alone) takes {_fmt(floor['seconds'])}, "
            f"{floor['rows'] / max(floor['seconds'], 1e-3) / 1e6:.1f} M rows a second; all else the query does "
            f"(grouping, its other joins, labels, sorting) {_fmt(max(rest, 0))}")


def where_the_time_goes(runs: list[dict], baseline: dict | None, huge: dict | None, cores: int = 0) -> list[str]:
    """For each target missed, the stages (or queries) that take the most, read from the measurements."""
    notes = []
    for run in runs:
        if run["events"] != 100000:
            continue
        build, analyse = run["build"], run["analyse"]
        if "error" not in build:
            total = build["stages"]["total"]
            triples = build["triples"]
            if total > TARGETS["build_100k_seconds"]:
                notes.append(f"- build, 100k events ({run['format']}): {_fmt(total)}, "
                             f"{total - TARGETS['build_100k_seconds']:.0f} s over; {total / triples * 1e6:.0f} µs per "
                             f"triple for {triples:,} triples; largest stages: {_largest(build['stages'])} (the loader "
                             f"thread and the SHACL workers run beside the main thread on the same cores)"
                             f"{_cpu_budget(build, cores)}{_slower(build, runs)}")
            if peak_mb(build) > TARGETS["build_100k_peak_mb"]:
                notes.append(f"- memory, 100k events ({run['format']}): {_memory(build)}, "
                             f"{peak_mb(build) - TARGETS['build_100k_peak_mb']:,.0f} MB over; the main process holds "
                             f"the records and the in-memory store (record graphs and their union)")
        if "error" not in analyse:
            slow = sorted(((n, q) for n, q in analyse["queries"].items() if q["seconds"] > TARGETS["query_seconds"]),
                          key=lambda nq: -nq[1]["seconds"])
            if slow:
                notes.append(f"- queries over {TARGETS['query_seconds']} s, 100k events ({run['format']}): "
                             + "; ".join(f"{n} {_fmt(q['seconds'])} ({q['rows']:,} rows){_floor(analyse, n)}"
                                         for n, q in slow))
    if huge is not None and "error" not in huge:
        notes.append(f"- 1M events with the store on disk: largest stages: {_largest(huge['stages'])}")
    if baseline is not None and "error" in baseline:
        done = baseline.get("partial", {}).get("stages", {})
        stopped_in = next((stage for stage in BASELINE_STAGES if stage not in done), "?")
        notes.append(f"- baseline: {baseline['error']}, in its stage {stopped_in!r}")
    return notes or ["- no target measured here is missed"]
