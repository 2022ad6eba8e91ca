"""Write a synthetic curated data set in parley's YAML or CSV format, or an ICEWS file.

    python bench/generate.py --events 10000 --format yaml --seed 1 --out bench/work/10k-yaml
    python bench/generate.py --events 1000000 --format icews --out bench/work/1m-icews

Shape: a few thousand actors at the larger sizes (states, organizations, persons
acting for a state, each person holding a dated post), processes of tens to
hundreds of events (some with sub-tracks) about conflicts, events with two to six
participants in roles (parties, hosts, mediators, observers), agreements with
parties, mediators, witnesses and provisions, claims, and sources that every record
cites. As in real processes, each process has its cast: two states as the sides,
each with a delegation of one to three of its own people, and three to seven
regular third parties (mediators, hosts, observers, agreements' mediators and
witnesses); an outsider fills 3 in 100 third-party places. The same seed always
gives the same files. With ``--faults N``, every Nth event breaks a shape in turn:
it keeps only one participant, or its first party is also its mediator (a
SHACL-SPARQL constraint), so validators can be compared on data that does not
conform.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

EVENT_TYPES = ["Meeting", "Meeting", "Meeting", "TalksRound", "TalksRound", "Summit", "PhoneCall", "Visit",
               "Signing", "Declaration"]
ISSUES = ["prisoners-of-war", "ceasefire", "territory", "maritime-security", "energy-infrastructure", "grain-exports",
          "counter-terrorism", "security-situation", "negotiation-process", "power-sharing", "elections", "refugees"]
STATUSES = ["proposed", "agreed", "signed", "signed", "in-force", "suspended", "collapsed", "expired"]


def _date(rng: random.Random) -> str:
    year = rng.randint(1990, 2025)
    kind = rng.random()
    if kind < 0.1:
        return str(year)
    if kind < 0.25:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generate(events: int, seed: int = 1, faults: int = 0) -> dict[str, list[dict]]:
    """The records of a synthetic data set, as curated-format dicts by section (every
    ``faults``-th event breaking a shape, if ``faults``)."""
    rng = random.Random(seed)
    n_actors = min(5000, max(300, events // 20))
    n_states = min(190, n_actors // 10)
    n_orgs = max(10, n_actors // 20)
    n_sources = max(50, events // 5)
    sources = [{"id": f"s{i}", "type": "NewsArticle", "title": f"Report {i} on the talks", "publisher":
                f"Agency {i % 40}", "published": _date(rng)} for i in range(n_sources)]

    def cite() -> list[str]:
        return sorted({f"s{rng.randrange(n_sources)}" for _ in range(rng.choice((1, 1, 2)))})

    states = [f"state-{i}" for i in range(n_states)]
    orgs = [f"org-{i}" for i in range(n_orgs)]
    persons = [f"person-{i}" for i in range(n_actors - n_states - n_orgs)]
    acts_for = {p: rng.choice(states) for p in persons}
    actors = [{"id": s, "type": "State", "name": f"State {i}", "iso": "X" + chr(65 + i // 26) + chr(65 + i % 26),
               "sources": cite()} for i, s in enumerate(states)]
    actors += [{"id": o, "type": rng.choice(["IntergovernmentalOrganization", "NonGovernmentalOrganization"]),
                "name": f"Organization {o}", "sources": cite()} for o in orgs]
    actors += [{"id": p, "type": "Person", "name": f"Person {p.split('-')[1]}", "sources": cite(),
                "posts": [{"post": rng.choice(["Minister of Foreign Affairs", "Envoy", "Negotiator", "Adviser"]),
                           "of": acts_for[p], "from": str(rng.randint(1990, 2020))}]} for p in persons]
    n_conflicts = max(3, events // 300)
    conflicts = [{"id": f"conflict-{i}", "name": f"Conflict {i}", "sources": cite()} for i in range(n_conflicts)]
    n_processes = max(5, events // 100)
    processes, sides, delegations, thirds = [], {}, {}, {}
    people_of: dict[str, list[str]] = {state: [] for state in states}
    for person in persons:
        people_of[acts_for[person]].append(person)
    for i in range(n_processes):
        process = {"id": f"process-{i}", "name": f"Process {i}", "conflict": f"conflict-{i % n_conflicts}",
                   "sources": cite()}
        if i >= 10 and rng.random() < 0.2:
            process["parent"] = f"process-{rng.randrange(i - 5, i)}"
        pair = rng.sample(states, 2)
        sides[process["id"]] = pair
        delegations[process["id"]] = {state: rng.sample(people_of[state], min(len(people_of[state]), rng.randint(1, 3)))
                                      for state in pair}
        thirds[process["id"]] = [x for x in rng.sample(states + orgs, rng.randint(3, 7)) if x not in pair]
        process["participants"] = [{"actor": pair[0], "role": "party"}, {"actor": pair[1], "role": "party"}]
        processes.append(process)
    # processes of tens to hundreds of events: a skewed choice
    weights = [rng.paretovariate(1.2) for _ in processes]
    event_records = []
    for i in range(events):
        process = rng.choices(processes, weights)[0]
        pair = sides[process["id"]]
        members: dict[str, tuple[str, str]] = {}
        for state in pair:
            delegation = delegations[process["id"]][state]
            if delegation and rng.random() < 0.5:
                members[rng.choice(delegation)] = ("party", state)
            else:
                members[state] = ("party", "")
        for _ in range(rng.randint(0, 4)):
            third = rng.choice(thirds[process["id"]] if rng.random() < 0.97 else states + orgs)
            if third not in pair and third not in members:
                members[third] = (rng.choice(["mediator", "host", "observer", "facilitator"]), "")
        participants = [{"actor": a, "role": r, **({"for": f} if f else {})} for a, (r, f) in members.items()]
        event = {"id": f"event-{i}", "type": rng.choice(EVENT_TYPES), "date": _date(rng),
                 "place": f"City {rng.randrange(300)}", "process": process["id"], "participants": participants,
                 "topics": rng.sample(ISSUES, rng.randint(0, 2)), "sources": cite()}
        if rng.random() < 0.05:
            event["status"] = "planned"
        event_records.append(event)
    for n, event in enumerate(event_records[::faults] if faults else []):
        if n % 2 == 0:
            event["participants"] = event["participants"][:1]
        else:
            event["participants"].append({"actor": event["participants"][0]["actor"], "role": "mediator"})
    agreements = []
    for i in range(max(1, events // 10)):
        process = rng.choice(processes)
        pair = sides[process["id"]]
        status = rng.choice(STATUSES)
        agreement = {"id": f"agreement-{i}", "name": f"Agreement {i}", "status": status, "date": _date(rng),
                     "process": process["id"], "sources": cite()}
        if status == "proposed":
            agreement["proposers"] = [rng.choice(thirds[process["id"]] or pair)]
        else:
            agreement["parties"] = pair
            extra = rng.sample(thirds[process["id"]], min(2, len(thirds[process["id"]])))
            if extra:
                agreement["mediators"] = extra[:1]
                agreement["witnesses"] = extra[1:]
        if rng.random() < 0.3:
            agreement["provisions"] = [{"text": f"Exchange of prisoners {i}", "quantity": rng.randint(10, 2000),
                                        "qualifier": rng.choice(["over", "about", "exactly"]), "unit": "prisoners"}]
        agreements.append(agreement)
    claims = [{"id": f"claim-{i}", "claimant": rng.choice(states), "stance": "accuse",
               "text": f"Statement {i}",
               "about": [rng.choice(states)], "property": "casualties", "value": str(rng.randint(0, 100)),
               "sources": cite()} for i in range(max(1, events // 50))]
    return {"sources": sources, "actors": actors, "conflicts": conflicts, "processes": processes,
            "events": event_records, "agreements": agreements, "claims": claims}


def _yaml_scalar(value: object) -> str:
    text = str(value)
    return text if text.replace("-", "").replace(" ", "").isalnum() and not text[0].isdigit() else f"'{text}'"


def _yaml_value(value: object, indent: str) -> list[str]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = []
        for item in value:
            keys = list(item)
            lines.append(f"{indent}- {keys[0]}: {_yaml_scalar(item[keys[0]])}")
            for key in keys[1:]:
                lines.extend(_field(key, item[key], indent + "  "))
        return lines
    raise TypeError(value)


def _field(key: str, value: object, indent: str) -> list[str]:
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return [f"{indent}{key}:", *_yaml_value(value, indent + "  ")]
        return [f"{indent}{key}: [{', '.join(_yaml_scalar(v) for v in value)}]"]
    return [f"{indent}{key}: {_yaml_scalar(value)}"]


def write_yaml(data: dict[str, list[dict]], folder: Path) -> list[Path]:
    """One YAML file holding every section, written line by line."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "facts.yaml"
    with path.open("w", encoding="utf-8") as out:
        for section, records in data.items():
            out.write(f"{section}:\n")
            for line in _yaml_value(records, "  "):
                out.write(line + "\n")
    return [path]


def write_csv(data: dict[str, list[dict]], folder: Path) -> list[Path]:
    """One CSV table per record kind, nested records in their own tables."""
    folder.mkdir(parents=True, exist_ok=True)
    children = {"participants": ("participants", None), "posts": ("posts", "actor"), "provisions": ("provisions", "agreement")}
    rows: dict[str, list[dict]] = {}
    parent_column = {"events": "event", "processes": "process", "agreements": "agreement", "actors": "actor"}
    for section, records in data.items():
        for record in records:
            flat = {}
            for key, value in record.items():
                if key in children:
                    for child in value:
                        rows.setdefault(key, []).append({parent_column[section]: record["id"], **child})
                elif isinstance(value, list):
                    flat[key] = ";".join(str(v) for v in value)
                else:
                    flat[key] = value
            rows.setdefault(section, []).append(flat)
    paths = []
    for name, table in rows.items():
        columns = list(dict.fromkeys(k for row in table for k in row))
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, columns)
            writer.writeheader()
            writer.writerows(table)
        paths.append(path)
    return paths


# ICEWS's columns, and the mix of a real download's rows (the CAMEO codes of negotiation
# and a tenth of others, which the importer leaves out; sides that are states, persons
# with their state, sectors of a state, bodies), as the ICEWS sample in the R package
# andybega/icews has them.
ICEWS_COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude")
ICEWS_CODES = [("040", "Consult", 66), ("036", "Express intent to meet or negotiate", 41),
               ("043", "Host a visit", 20), ("046", "Engage in negotiation", 20), ("042", "Make a visit", 19),
               ("057", "Sign formal agreement", 13), ("044", "Meet at a 'third' location", 6),
               ("045", "Mediate", 3), ("039", "Express intent to mediate", 2), ("041", "Discuss by telephone", 2),
               ("0841", "Return, release person(s)", 2), ("0871", "Declare ceasefire", 1),
               ("051", "Praise or endorse", 10), ("010", "Make statement", 6), ("190", "Use conventional military force", 3)]
_SYLLABLES = ["ka", "ro", "vin", "del", "mar", "tio", "sen", "lu", "bra", "nek", "os", "ham", "zu", "pet", "ri", "an"]
_FIRST = ["Amina", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
          "Mateo", "Nadia", "Omar", "Priya", "Rafael", "Sofia", "Tariq", "Uma", "Viktor", "Wen", "Yusuf", "Zara"]
_SECTORS_OF_STATE = ["Ministry", "Citizen", "Government", "Military", "Police", "Business", "Media"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def write_icews(rows: int, folder: Path, seed: int = 1) -> list[Path]:
    """``rows`` rows in ICEWS's own tab-separated format (``events.tab``), shaped as a real
    download: about nine in ten have a code the importer keeps."""
    import pycountry

    rng = random.Random(seed)
    states = sorted(c.name for c in pycountry.countries if "," not in c.name and "(" not in c.name)[:190]
    persons = [(f"{rng.choice(_FIRST)} {_word(rng, 2)}{_word(rng, 1).lower()}", rng.choice(states))
               for _ in range(min(20000, max(200, rows // 50)))]
    bodies = [f"{_word(rng, 2)} {rng.choice(['Council', 'Union', 'Alliance', 'Forum'])}"
              for _ in range(max(10, min(400, rows // 2000)))]
    cities = [(_word(rng, 2) + _word(rng, 1).lower(), rng.choice(states)) for _ in range(min(5000, max(100, rows // 200)))]
    publishers = [f"{_word(rng, 2)} {rng.choice(['News', 'Times', 'Agency', 'Daily'])}" for _ in range(40)]
    codes, weights = [c[:2] for c in ICEWS_CODES], [c[2] for c in ICEWS_CODES]

    def side() -> tuple[str, str, str]:
        kind = rng.random()
        if kind < 0.28:
            state = rng.choice(states)
            return state, "NA", state
        if kind < 0.67:
            name, state = rng.choice(persons)
            return name, "Government,Executive", state
        if kind < 0.91:
            sector, state = rng.choice(_SECTORS_OF_STATE), rng.choice(states)
            return f"{sector} ({state})", sector if sector != "Citizen" else "Social", state
        return rng.choice(bodies), "International Government Organization,Regional", "NA"

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "events.tab"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\t".join(ICEWS_COLUMNS) + "\n")
        for n in range(rows):
            (code, text), = rng.choices(codes, weights)
            source, target = side(), side()
            while target[0] == source[0]:
                target = side()
            city, country = rng.choice(cities) if rng.random() < 0.66 else ("NA", rng.choice(states))
            day = f"{rng.randint(1995, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write("\t".join((str(20000000 + n), day, *source, text, code, f"{rng.uniform(-10, 10):.1f}", *target,
                                 str(40000000 + n // 3), str(1 + n % 4), rng.choice(publishers), city, "NA",
                                 "NA", country, f"{rng.uniform(-60, 60):.4f}", f"{rng.uniform(-180, 180):.4f}"))
                      + "\n")
    return [path]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="events (for icews: rows of the file)")
    parser.add_argument("--format", choices=["yaml", "csv", "icews"], default="yaml")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", type=int, default=0, help="every Nth event breaks a shape (0: none)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.format == "icews":
        written = write_icews(args.events, args.out, args.seed)
    else:
        data = generate(args.events, args.seed, args.faults)
        written = (write_yaml if args.format == "yaml" else write_csv)(data, args.out)
    print(" ".join(str(p) for p in written))


if __name__ == "__main__":
    main()
