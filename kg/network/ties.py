"""The ties of the co-participation and mediation graphs, counted over integer codes: who
took part with whom (or served whom as a third party), in how many things, on which dates
and in which roles.

Each column is coded once, in sorted order (``pandas.factorize(sort=True)``), so a code's
order is its text's order: pairs are kept once each (the smaller actor first) and every
``;``-separated list comes out sorted, as the text itself would sort.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["co_participation_ties", "mediation_ties", "brokers", "bipartite_ties"]

Edge = tuple[str, str, int, str, str]
Served = tuple[str, str, int, str, str, str]


def co_participation_ties(kept: pd.DataFrame) -> tuple[dict[str, str], list[Edge]]:
    """The nodes (actor: the dates of what it took part in, ``;``-separated) and the edges
    (actor, other actor, things shared, their dates, the roles the two took there), in
    sorted order, of participations with columns ``thing``, ``date``, ``actor``, ``role``.

    >>> kept = pd.DataFrame({"thing": ["e1", "e1", "e2", "e2"], "date": ["2022-07-22"] * 2 + [""] * 2,
    ...                      "actor": ["un", "turkiye", "turkiye", "un"], "role": ["mediator", "host", "host", "party"]})
    >>> co_participation_ties(kept)
    ({'turkiye': '2022-07-22', 'un': '2022-07-22'}, [('turkiye', 'un', 2, '2022-07-22', 'host;mediator;party')])
    """
    thing = pd.factorize(kept["thing"])[0]
    actor, actors = _codes(kept["actor"])
    date, dates = _codes(kept["date"])
    role, roles = _codes(kept["role"])
    undated = 0 if len(dates) and dates[0] == "" else -1
    frame = pd.DataFrame({"thing": thing, "actor": actor, "date": date, "role": role})
    members = frame.drop_duplicates(["thing", "actor"])[["thing", "actor", "date"]]
    pairs = members.merge(members[["thing", "actor"]], on="thing", suffixes=("", "_other"))
    pairs = pairs[pairs["actor"].to_numpy() < pairs["actor_other"].to_numpy()]
    size = max(len(actors), 1)
    edge = pairs["actor"].to_numpy() * size + pairs["actor_other"].to_numpy()
    ids, weights = np.unique(edge, return_counts=True)

    day = pairs["date"].to_numpy()
    days = _by_key(*_distinct_joined(edge[day != undated], day[day != undated], dates))
    seen = frame[["thing", "actor", "role"]].drop_duplicates()
    sides = [pairs[["thing", "actor", "actor_other"]].merge(seen.rename(columns={"actor": side}), on=["thing", side])
             for side in ("actor", "actor_other")]
    both = pd.concat(sides, ignore_index=True)
    seen_roles = _by_key(*_distinct_joined(both["actor"].to_numpy() * size + both["actor_other"].to_numpy(),
                                           both["role"].to_numpy(), roles))
    edges = [(a, b, int(weight), days.get(key, ""), seen_roles.get(key, ""))
             for key, a, b, weight in zip(ids.tolist(), actors[ids // size].tolist(), actors[ids % size].tolist(),
                                          weights.tolist())]

    nodes = dict.fromkeys(actors.tolist(), "")
    dated = date != undated
    keys, texts = _distinct_joined(actor[dated], date[dated], dates)
    nodes.update(zip(actors[keys].tolist(), texts))
    return nodes, edges


def mediation_ties(kept: pd.DataFrame, third_parties: tuple[str, ...], sides: tuple[str, ...]
                   ) -> tuple[dict[str, str], list[Served]]:
    """The nodes (actor: the dates of the things where it served or was served, ``;``-separated)
    and the edges (third party, party served, things, their third-party roles, processes and
    dates) of participations with columns ``thing``, ``date``, ``process``, ``actor``, ``role``:
    in each thing, every actor in one of the ``third_parties`` roles serves every actor in one
    of the ``sides`` roles that is not a third party there too.

    >>> kept = pd.DataFrame({"thing": ["e1"] * 3, "date": ["2022-07-22"] * 3, "process": ["grain"] * 3,
    ...                      "actor": ["un", "turkiye", "ukraine"], "role": ["mediator", "host", "party"]})
    >>> mediation_ties(kept, ("mediator", "host"), ("party",))[1]
    [('turkiye', 'ukraine', 1, 'host', 'grain', '2022-07-22'), ('un', 'ukraine', 1, 'mediator', 'grain', '2022-07-22')]
    """
    frame, actors, dates, processes, roles, third, pairs = _served_pairs(kept, third_parties, sides)
    thing, actor, date = (frame[column].to_numpy() for column in ("thing", "actor", "date"))
    of_thing = frame.drop_duplicates("thing").set_index("thing")
    size = max(len(actors), 1)
    edge = pairs["actor"].to_numpy() * size + pairs["party"].to_numpy()
    ids, weights = np.unique(edge, return_counts=True)
    texts = []
    for column, names in (("process", processes), ("date", dates)):
        values = of_thing[column].to_numpy()[of_thing.index.get_indexer(pairs["thing"])]
        present = names[values] != ""
        texts.append(_by_key(*_distinct_joined(edge[present], values[present], names)))
    with_roles = pairs.merge(third, on=["thing", "actor"])
    texts.insert(0, _by_key(*_distinct_joined(with_roles["actor"].to_numpy() * size + with_roles["party"].to_numpy(),
                                              with_roles["role"].to_numpy(), roles)))
    edges = [(a, b, int(weight), *(found.get(key, "") for found in texts))
             for key, a, b, weight in zip(ids.tolist(), actors[ids // size].tolist(), actors[ids % size].tolist(),
                                          weights.tolist())]

    in_graph = np.zeros(len(actors), dtype=bool)
    in_graph[ids // size] = in_graph[ids % size] = True
    kept_dates = frame[in_graph[actor] & np.isin(thing, pairs["thing"].to_numpy()) & (dates[date] != "")]
    keys, dated = _distinct_joined(kept_dates["actor"].to_numpy(), kept_dates["date"].to_numpy(), dates)
    nodes = dict.fromkeys(actors[in_graph].tolist(), "")
    nodes.update(zip(actors[keys].tolist(), dated))
    return nodes, edges


def brokers(kept: pd.DataFrame, third_parties: tuple[str, ...], sides: tuple[str, ...]) -> set[str]:
    """The actors that serve someone as a third party (the sources of :func:`mediation_ties`'
    edges), without counting the ties.

    >>> kept = pd.DataFrame({"thing": ["e1", "e1", "e2"], "date": [""] * 3, "process": [""] * 3,
    ...                      "actor": ["un", "ukraine", "norway"], "role": ["mediator", "party", "mediator"]})
    >>> brokers(kept, ("mediator",), ("party",))
    {'un'}
    """
    _, actors, _, _, _, _, pairs = _served_pairs(kept, third_parties, sides)
    return set(actors[np.unique(pairs["actor"].to_numpy())].tolist())


def _served_pairs(kept: pd.DataFrame, third_parties: tuple[str, ...], sides: tuple[str, ...]) -> tuple[
        pd.DataFrame, np.ndarray, np.ndarray, np.ndarray, np.ndarray, pd.DataFrame, pd.DataFrame]:
    """The participations coded (thing, actor, date, process, role), the texts of the codes
    (actors, dates, processes, roles), each third party's roles (thing, actor, role) and the
    pairs (thing, actor, party) of a third party and a party it serves there."""
    thing = pd.factorize(kept["thing"])[0]
    actor, actors = _codes(kept["actor"])
    date, dates = _codes(kept["date"])
    process, processes = _codes(kept["process"])
    role, roles = _codes(kept["role"])
    frame = pd.DataFrame({"thing": thing, "actor": actor, "date": date, "process": process, "role": role})
    is_third = kept["role"].isin(third_parties).to_numpy()
    third = frame[is_third][["thing", "actor", "role"]].drop_duplicates()
    serving = third[["thing", "actor"]].drop_duplicates()
    served = frame[kept["role"].isin(sides).to_numpy()][["thing", "actor"]].drop_duplicates()
    # a party that is a third party there too (PAA-X's practical third party, Türkiye in the grain deal) brokers
    # there and is not among the parties served
    served = served.merge(serving, how="left", indicator=True)
    served = served[served["_merge"] == "left_only"][["thing", "actor"]]
    pairs = serving.merge(served.rename(columns={"actor": "party"}), on="thing")
    return frame, actors, dates, processes, roles, third, pairs


def bipartite_ties(kept: pd.DataFrame) -> tuple[list[str], list[tuple[str, str, str, str]], dict[str, str]]:
    """The nodes in the order they first appear (an actor, then what it took part in), the
    edges (actor, thing, its roles there ``;``-separated, the thing's date) in the order they
    first appear, and each actor's dates, of participations with columns ``thing``, ``date``,
    ``actor``, ``role``.

    >>> kept = pd.DataFrame({"thing": ["event/e1", "event/e1", "event/e1"], "date": ["2022-07-22"] * 3,
    ...                      "actor": ["un", "turkiye", "un"], "role": ["mediator", "host", "witness"]})
    >>> bipartite_ties(kept)
    (['un', 'event/e1', 'turkiye'], [('un', 'event/e1', 'mediator;witness', '2022-07-22'), \
('turkiye', 'event/e1', 'host', '2022-07-22')], {'turkiye': '2022-07-22', 'un': '2022-07-22'})
    """
    actor, actors = _codes(kept["actor"])
    thing, things = _codes(kept["thing"])
    date, dates = _codes(kept["date"])
    role, roles = _codes(kept["role"])
    size = max(len(things), 1)
    edge = actor * size + thing
    first = np.sort(np.unique(edge, return_index=True)[1])
    seen_roles = _by_key(*_distinct_joined(edge, role, roles))
    firsts = (actors[actor[first]].tolist(), things[thing[first]].tolist(), dates[date[first]].tolist())
    edges = [(a, t, seen_roles[key], d) for key, a, t, d in zip(edge[first].tolist(), *firsts)]
    order = list(dict.fromkeys(node for a, t, _, _ in edges for node in (a, t)))
    dated = dates[date] != ""
    keys, texts = _distinct_joined(actor[dated], date[dated], dates)
    return order, edges, dict(zip(actors[keys].tolist(), texts))


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of a text column, in the texts' sorted order, and the texts."""
    codes, names = pd.factorize(column, sort=True)
    return codes.astype(np.int64), np.asarray(names, dtype=object)


def _distinct_joined(keys: np.ndarray, values: np.ndarray, names: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each distinct key, sorted, and the names of its distinct values, sorted and ``;``-joined."""
    if not len(keys):
        return keys, []
    order = np.lexsort((values, keys))
    keys, values = keys[order], values[order]
    new = np.r_[True, (keys[1:] != keys[:-1]) | (values[1:] != values[:-1])]
    keys, values = keys[new], values[new]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    texts, bounds = names[values].tolist(), np.r_[starts, len(keys)].tolist()
    return keys[starts], [texts[start] if end - start == 1 else ";".join(texts[start:end])
                          for start, end in zip(bounds, bounds[1:])]


def _by_key(keys: np.ndarray, texts: list[str]) -> dict[int, str]:
    return dict(zip(keys.tolist(), texts))
