"""Reading the free-text lists of signatories and third parties that PA-X and UCDP keep
(``Part``, ``ThrdPart``, ``pa_sign``, ``pa_3rd``) into (actor, role, on whose behalf).

The texts come in many shapes: "Israel, Lebanon"; "For the United Nations: Alvaro de
Soto"; a "Por el Gobierno Nacional" heading followed by names on their own lines;
"Witnessed by: ..."; "Guarantors: ..."; "Name, Title of the Republic of X"; a name with
its title on the next line. Headings give the state or organization people sign for;
wording gives third-party roles; "the Government" or "Gobierno Nacional" is the
government of the agreement's own state, when the data set names one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from parley.loaders.actors import ActorResolver
from parley.loaders.names import honorific_surname, read_person
from parley.loaders.segments import FOR_HEADING, NUMBERING, bodies_as_headings, is_note, list_items, split_entries
from parley.model.records import Loc

__all__ = ["Entry", "parse_parties", "role_in", "own_government", "roles_in_comment"]

_ROLE_WORDS = (("in the presence of", "witness"), ("witness", "witness"), ("testigo", "witness"),
               ("témoin", "witness"), ("temoin", "witness"), ("mediat", "mediator"), ("médiat", "mediator"),
               ("facilitat", "facilitator"), ("chaired", "facilitator"), ("guarant", "guarantor"),
               ("garant", "guarantor"), ("observ", "observer"), ("host", "host"))
# A government named without saying whose: "Gobierno Nacional", "GoN Talks Team", "the Government".
_GOVERNMENT = re.compile(r"^(?:the\s+|el\s+|le\s+|la\s+|l['’]\s*)?(?:(?:national|central|federal|transitional|"
                         r"interim|revitali[sz]ed|royal)\s+)*(?:government|gobierno|gouvernement|governo|govt\.?|"
                         r"(?-i:Go[A-Z]{1,3})|(?-i:GRP))(?:\s+(?:nacional|national|federal|of national unity|"
                         r"de unidad nacional))?(?:\s+(?:delegation|team|talks team|negotiating team|peace panel|panel|"
                         r"side|representatives?))?(?:\s*\([^)]*\))?$", re.IGNORECASE)
_GOVERNMENT_ABBREVIATION = re.compile(r"Go[A-Z]{1,3}|GRP")
_DELEGATION_OF = re.compile(r"^(?:the\s+)?(?:delegation|representatives?|team|panel)\s+of\s+(?:the\s+)?(?P<who>.+)$",
                            re.IGNORECASE)
_TEAM_HEADING = re.compile(r"^(?P<who>.+?)\s+(?:delegation|team|panel|side)$", re.IGNORECASE)
# Labels in a list that are not an actor ("October agreement signed by:", "Annex 1:").
_NOT_A_HEADING = re.compile(r"\b(?:sign\w*|agreement|accord|acuerdo|part(?:y|ies)|annex|article|persons|note|date|"
                            r"place)\b", re.IGNORECASE)
# A state named as the seat of a church or a university ("Episcopal Conference of Colombia").
_SEAT = re.compile(r"\b(?:conference|church|churches|university|chamber|diocese|bishops)\s+of(?:\s+the)?$",
                   re.IGNORECASE)
# A state's people named with a title: "the British Prime Minister", "Sudanese President".
_NATIONAL_TITLE = re.compile(r"^(?:the\s+)?(?P<adjective>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)??)\s+(?:prime\s+minister|"
                             r"(?:vice[\s-])?president|foreign\s+minister|minister|delegation|mediation|emir|king|"
                             r"ambassador|envoy|authorities)$", re.IGNORECASE)
# A name standing for two bodies at once: "AU-UN Mediation", "AU/UN Joint Mediation".
_COMPOUND = re.compile(r"^(?:the\s+)?(?P<a>[\w.' ]+?)\s*[-/–]\s*(?P<b>[\w.' ]+?)(?:\s+(?:joint|mediation|mission|"
                       r"team|chief|special|representative|envoy)\b.*)?$", re.IGNORECASE)
# "the British and Irish Governments": one government of each.
_GOVERNMENTS = re.compile(r"^(?:the\s+)?(?P<who>.+?)\s+governments$", re.IGNORECASE)


def _compound(text: str, lookup: Callable[[str], object]) -> list[str]:
    """The names of the bodies a joint name stands for, or [] if it is not one.

    >>> from parley.loaders.actors import ActorResolver
    >>> _compound("AU-UN Mediation", ActorResolver().lookup)
    ['AU', 'UN']
    """
    match = _COMPOUND.match(text.strip(" :"))
    if not match or lookup(text) is not None:
        return []
    parts = [match.group("a").strip(), match.group("b").strip()]
    return parts if all(lookup(part) is not None for part in parts) else []


def _joint(text: str, lookup: Callable[[str], object]) -> list[str]:
    """Two known bodies a heading names together: "the African Union and the United Nations"."""
    parts = [p.strip() for p in re.split(r"\s+and\s+(?:the\s+)?", text.strip(" :")) if p.strip()]
    return parts if len(parts) == 2 and lookup(text) is None and all(lookup(p) is not None for p in parts) else []


def _all_mentioned(text: str, lookup: Callable[[str], object]) -> list[str]:
    """Every known state or organization a sentence names, in order, each once."""
    found: list[str] = []
    rest = text
    while (name := _mentioned(rest, lookup)) is not None:
        if all(lookup(name) != lookup(other) for other in found):
            found.append(name)
        rest = rest[rest.find(name) + len(name):] if name in rest else ""
    return found


# "the British and Argentine Delegations", "the Afghan-Kabul side", "the UK and Irish Governments"
_NATIONAL_BODIES = re.compile(r"\b(?P<who>[A-Z][A-Za-z]+(?:(?:-|\s+and\s+|,\s+)[A-Z][A-Za-z]+)*)\s+"
                              r"(?i:governments?|delegations?|sides?|authorities)\b")


def _listed_after_colon(note: str, lookup: Callable[[str], object]) -> list[str]:
    """The names a note lists after its colon, when what follows is a list of names (each
    item known, or a few capitalised words), not a sentence; [] otherwise.

    >>> from parley.loaders.actors import ActorResolver
    >>> _listed_after_colon("Not signed, mentions the parties: the Government of Kenya and the Mira Front.",
    ...                     ActorResolver().lookup)
    ['the Government of Kenya', 'the Mira Front']
    >>> _listed_after_colon("Unsigned: the text was agreed by both delegations", ActorResolver().lookup)
    []
    """
    _, colon, content = note.partition(":")
    items = list_items(content, lookup) if colon else []
    names = [item for item in items if lookup(item) is not None
             or re.fullmatch(r"(?:the\s+)?(?:[A-Z][\w'’.-]*|of|and|for|the|de|del|la)(?:\s+(?:[A-Z][\w'’.-]*|of|and|for|"
                             r"the|de|del|la)){0,7}", item)]
    return names if len(items) >= 2 and len(names) == len(items) else []


def _national_bodies(text: str, resolver: ActorResolver) -> list[tuple[str, str, str, str]]:
    """The states whose governments, delegations or sides a sentence names by adjective
    ("the British and Argentine Delegations") or by abbreviation ("the UK and Irish
    Governments").

    >>> [found[0] for found in _national_bodies("agreed by the British and Argentine Delegations", ActorResolver())]
    ['united-kingdom', 'argentina']
    """
    found = []
    for match in _NATIONAL_BODIES.finditer(text):
        for word in re.split(r"-|\s+and\s+|,\s+", match["who"]):
            state = resolver.demonym(word) or (resolver.lookup(word) if word.isupper() and len(word) > 1 else None)
            if state is not None and state[1] == "State" and state not in found:
                found.append(state)
    return found


def _principal_mentions(title: str, lookup: Callable[[str], object]) -> list[str]:
    """The known actors a person's title says they belong to, in order: "Minister of X
    of Libya and Chairperson of the African Union" names both; an actor the title names
    after "for", "to" or "in" ("Special Representative in the Sudan", "Representative of
    France to the United Nations") is whom they deal with, not theirs."""
    found = []
    for name in _all_mentioned(title, lookup):
        before = title[:title.find(name)] if name in title else ""
        if not re.search(r"\b(?:for|to|in)(?:\s+the)?\s*$", before, re.IGNORECASE):
            found.append(name)
    return found


@dataclass(frozen=True)
class Entry:
    """One actor found in a list: its id, role, and the actor it acts for ('' if none)."""

    actor: str
    role: str
    acting_for: str = ""


def role_in(text: str) -> str | None:
    """The third-party role the wording names, if any.

    >>> role_in("Witnessed by:"), role_in("Facilitator"), role_in("Israel")
    ('witness', 'facilitator', None)
    """
    lowered = text.lower()
    return next((role for word, role in _ROLE_WORDS if word in lowered), None)


def own_government(text: str) -> bool:
    """Whether ``text`` names a government without saying whose.

    >>> own_government("Gobierno Nacional"), own_government("GoN Talks Team"), own_government("the Government")
    (True, True, True)
    >>> own_government("Delegation of the National Government"), own_government("Government of Norway")
    (True, False)
    """
    text = " ".join(text.strip(" []:.,").split())
    delegation = _DELEGATION_OF.match(text)
    return bool(_GOVERNMENT.match(delegation.group("who") if delegation else text))


def roles_in_comment(comment: str, resolver: ActorResolver) -> dict[str, str]:
    """The third-party role a comment gives each actor it names, sentence by sentence
    (UCDP's ``c_3rd``): "The AU mediated the process. Ethiopia hosted the talks." gives
    the AU ``mediator`` and Ethiopia ``host``; an actor no sentence names gets none.

    >>> roles_in_comment("The AU mediated the process. Ethiopia, though not a signatory, hosted the talks.",
    ...                  ActorResolver())
    {'african-union': 'mediator', 'ethiopia': 'host'}
    """
    roles: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", comment):
        role = role_in(re.sub(r"\bnot (?:a )?\w+", "", sentence))  # "though not a signatory"
        for name in _all_mentioned(sentence, resolver.lookup) if role else []:
            found = resolver.lookup(name)
            if found is not None:
                roles.setdefault(found[0], role)
    return roles


def _split_heading(text: str, lookup: Callable[[str], object]) -> tuple[str, str]:
    """A heading on one line with its signatories: (who, names).

    "Government of Niger ISSOFOU OUBANDAWAKI" gives ("Government of Niger", "ISSOFOU
    OUBANDAWAKI"); "the Governor of Tripura, M. Damodaran" gives ("the Governor of Tripura",
    "M. Damodaran").
    """
    if lookup(text) is not None:
        return text, ""
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        if lookup(" ".join(words[:cut])) is not None:
            return " ".join(words[:cut]), " ".join(words[cut:])
    names = next((n for n in range(len(words), 0, -1)
                  if not (words[n - 1].isupper() and words[n - 1].strip(".").isalpha())), 0)
    if len(words) - names >= 2 and names:
        return " ".join(words[:names]), " ".join(words[names:])
    who, _, names_text = text.partition(",")
    return who.strip(), names_text.strip()


def _mentioned(text: str, lookup: Callable[[str], object]) -> str | None:
    """The words naming the first known state or organization inside ``text`` (the
    longest name starting there): "IGAD Special Envoy for South Sudan" gives "IGAD".
    A state named as the seat of a church or a university ("Episcopal Conference of
    Colombia") does not count."""
    tokens = re.findall(r"[\w'’.-]+", text)
    for start in range(len(tokens)):
        if _SEAT.search(" ".join(tokens[max(0, start - 3):start])):
            continue
        for size in range(min(8, len(tokens) - start), 0, -1):
            window = tokens[start:start + size]
            if size == 1 and not (window[0][:1].isupper() and (len(window[0]) >= 4 or window[0].isupper())):
                continue
            if size == 1 and own_government(window[0]) and not _GOVERNMENT_ABBREVIATION.fullmatch(window[0]):
                continue  # "Government" alone inside "Bougainville Interim Provincial Government"
            if (size == 1 and len(window[0]) == 3 and window[0].isupper() and lookup(window[0].lower()) is None
                    and not _GOVERNMENT_ABBREVIATION.fullmatch(window[0])):
                continue  # an acronym, not an ISO code: "(SPM)" is a Somali movement
            if lookup(" ".join(window)) is not None:
                return " ".join(window)
    return None


def parse_parties(text: str, *, third_party: bool, resolver: ActorResolver, loc: Loc, source: str,
                  home: str = "") -> list[Entry]:
    """The actors a PA-X or UCDP list names, with roles: ``party`` (and ``party-signatory``
    for people signing for a party) in party lists; in third-party lists the role the
    wording gives (witness, mediator, facilitator, guarantor, observer, host), else
    ``third-party``. ``home`` names the state whose government "the Government",
    "Gobierno Nacional" or "GoN" is (a name or an ISO code; '' if none is known).
    """
    default = "third-party" if third_party else "party"
    entries: list[Entry] = []
    heading_role, heading_for = default, ""
    last_person: int | None = None  # where in entries the person is whose title the next lines may give
    home = home if home and resolver.lookup(home) is not None else ""

    def national(name: str) -> tuple[str, str, str, str] | None:
        match = _NATIONAL_TITLE.match(name.strip())
        return resolver.demonym(match.group("adjective")) if match else None

    def lookup(name: str) -> tuple[str, str, str, str] | None:
        found = resolver.lookup(name) or national(name)
        if found is None and home and own_government(name):
            found = resolver.lookup(home)
        return found

    def actor_of(name: str, kind: str = "Actor") -> str:
        if resolver.lookup(name) is None and (state := national(name)) is not None:
            name = state[3]  # its ISO code
        if home and resolver.lookup(name) is None and own_government(name):
            name = home
        return resolver.resolve(name, loc=loc, source=source, kind=kind).id

    def add(actor: str, role: str, acting_for: str = "") -> None:
        entry = Entry(actor, role, acting_for if acting_for != actor else "")
        if all((e.actor, e.role) != (entry.actor, entry.role) for e in entries):
            entries.append(entry)

    def add_person(name: str, role: str, acting_for: str) -> None:
        nonlocal last_person
        # a person signing for a party is its signatory as party; a witness in a party list stays a witness
        add(actor_of(name, "Person"), role if third_party or role != "party" or not acting_for else "party-signatory",
            acting_for)
        last_person = len(entries) - 1

    def give_title(name: str) -> None:  # the person named just before acts for the actor ``name`` names
        person = entries[last_person]
        if not person.acting_for and (actor := actor_of(name)) != person.actor:
            entries[last_person] = Entry(person.actor, person.role if third_party or person.role != "party"
                                         else "party-signatory", actor)

    segments = split_entries(text)
    if not third_party:
        segments = bodies_as_headings(segments, lookup)
    for index, (segment, starts_line) in enumerate(segments):
        if is_note(segment):
            # an editor's note, or words of the agreement quoted: the actors it names, nothing else,
            # or the list after its colon ("... mentions the following parties: A and the B Front.")
            listed = _listed_after_colon(segment, lookup)
            for name in listed or _all_mentioned(segment, lookup):
                add(actor_of(name), heading_role)
            for state in _national_bodies(segment, resolver):
                add(actor_of(state[3]), heading_role)
            last_person = None
            continue
        following = segments[index + 1][0] if index + 1 < len(segments) else ""
        if not starts_line:
            last_person = None
        if not segment:
            heading_role, heading_for, last_person = default, "", None
            continue
        prefix, colon, content = segment.partition(":")
        content = NUMBERING.sub("", content.strip()) if colon else content  # "Other Parties: 1. The Third Front"
        prefix = prefix.strip(" []")
        label = bool(colon) and not content.strip(" .,:-")  # "For the Government of Colombia:", "Witnesses:"
        named_role = role_in(prefix) if third_party or role_in(prefix) == "witness" else None
        own_role = None
        outside = re.sub(r"\([^)]*\)", "", prefix).strip()
        if named_role and not colon and outside and role_in(outside) is None:
            own_role, named_role, segment = named_role, None, outside  # "Türkiye (facilitator)"
        if named_role and (not colon or label) and len(prefix.split()) <= 8:
            heading_role, heading_for, last_person = named_role, "", None  # "Witnesses:", "Observers"
            if not colon and lookup(prefix) is None and _mentioned(prefix, lookup) is None:
                continue
            if not colon:
                content, prefix = prefix, ""
        elif named_role and colon:  # "Guarantors: A; B": the role holds for the entries after it too
            heading_role, heading_for, last_person = named_role, "", None
        role = own_role or named_role or heading_role
        body = content.strip() if colon else segment
        header = FOR_HEADING.match(prefix if colon else segment)
        if label and named_role and (mentioned := _mentioned(prefix, lookup)):
            heading_for = actor_of(mentioned)  # "In the presence of the Representative of the OAU:"
            add(heading_for, role)
            continue
        unknown = colon and not named_role and lookup(prefix) is None
        team = _TEAM_HEADING.match(prefix) if unknown and not third_party else None
        if header or (colon and not named_role and not unknown) or (
                unknown and not third_party and len(prefix.split()) <= 8 and not _NOT_A_HEADING.search(prefix)):
            who = (header.group("who") if header else team.group("who") if team
                   else _mentioned(prefix, lookup) or prefix if unknown else prefix)
            who = re.sub(r"^(?:first|second|third)\s+party\s+|\s+by\W*$", "", who.strip(" :"), flags=re.IGNORECASE)
            first, comma, rest = who.partition(",")
            if not colon and comma and (_joint(first, lookup) or _compound(first, lookup)):
                who, body = first.strip(), rest.strip()  # "For the AU and the UN, Prof. Ibrahim Gambari, ..."
            elif not colon:
                who, body = _split_heading(who, lookup)
            joint = _compound(who, lookup) or _joint(who, lookup)  # "For the AU-UN Mediation": both bodies
            for part in joint[1:]:
                add(actor_of(part), role)
            who = (joint or [who])[0]
            heading_for, last_person = actor_of(who), None
            add(heading_for, role)
            if third_party:
                heading_role = role
            names = list_items(body, lookup)
            if len(names) > 1 and sum(lookup(n) is not None for n in names) * 3 >= len(names) * 2:
                for name in names:  # "The European Community and its member States: Belgium, Denmark, ..."
                    if lookup(name) is not None:
                        add(actor_of(name), role)
                continue
            for name in names:
                person = read_person(name, sure=True)
                if person:
                    add_person(person[0], role, heading_for)
            if not colon and names:
                heading_for = ""  # "For X, Name, Title": X holds for this entry only
            continue
        if label:
            heading_for, last_person = "", None  # a label parley cannot place ends the one before
            continue
        if not body.strip(" .,:"):
            continue
        listed = body
        governments = _GOVERNMENTS.match(listed)
        if governments:  # "British and Irish Governments"
            listed = ", ".join(f"{p.strip()} Government" for p in re.split(r",|\band\b", governments["who"]) if p.strip())
        pieces = list_items(listed, lookup)
        known = [p for p in pieces if lookup(p) is not None]
        people = {p: person for p in pieces if p not in known and (person := read_person(p) or honorific_surname(p))}  # "Mr Ahern"
        others = len(pieces) - len(people)
        if len(pieces) > 1 and known and (len(known) == others or (others > 3 and len(known) * 3 >= others * 2)):
            principal = ""
            for piece in pieces:  # a list of states, perhaps with people and a few other names among them
                if piece in people:  # "The Taoiseach, Mr Ahern, and the British Prime Minister, Mr Blair"
                    add_person(people[piece][0], role, principal)
                    continue
                mentioned = piece if piece in known else _mentioned(piece, lookup)
                if mentioned or piece[:1].isupper():  # not "also acting in its capacity of ..."
                    principal = actor_of(mentioned or piece)
                    add(principal, role)
            last_person = None
            continue
        if _compound(body, lookup):
            for part in _compound(body, lookup):
                add(actor_of(part), role)
            last_person = None
            continue
        if lookup(body) is not None:
            person = entries[last_person] if last_person is not None and not own_role else None
            if person and not person.acting_for:
                give_title(body)  # "Yoweri Museveni", then "President of the Republic of Uganda"
            elif not person or actor_of(body) != person.acting_for:
                add(actor_of(body), role)
                last_person = None
            continue
        names = [n.strip() for n in re.split(r",| and | y | et ", body) if n.strip()]
        if heading_for and len(names) > 1 and all(read_person(n, sure=True) == (n, "") for n in names):
            for name in names:  # "Sergio Sierra y Victor Cruz"
                add_person(name, role, heading_for)
            continue
        person = read_person(body, following, sure=bool(heading_for))
        if person:
            name, title = person
            behalf = re.search(r"\bon behalf of (?:the\s+)?(?P<who>.+)$", title, re.IGNORECASE)
            also = ""  # "President of Kenya on behalf of the IGAD Sub-Committee": for IGAD, and Kenya is there too
            if behalf and (lookup(behalf["who"]) is not None or _mentioned(behalf["who"], lookup)):
                also = next(iter(_principal_mentions(title[:behalf.start()], lookup)), "")
                title = behalf["who"]
            elif third_party and title and lookup(title) is None:  # "Minister of Libya and Chairperson of the AU"
                also = next(iter(_principal_mentions(title, lookup)[1:]), "")
            joint = [part for word in title.split() for part in _compound(word.strip(",;"), lookup)]
            mentioned = (title if lookup(title) is not None else joint[0] if joint
                         else _mentioned(title, lookup)) if title else None
            acting_for = heading_for or (actor_of(mentioned) if mentioned else actor_of(behalf["who"]) if behalf else "")
            add_person(name, role, acting_for)
            for part in [*joint[1:], *([also] if also else [])]:  # "AU-UN Joint Chief Mediator": both bodies
                if actor_of(part) != acting_for:
                    add(actor_of(part), role if third_party else "party")
            continue
        mentioned = _mentioned(body, lookup)
        if last_person is not None:
            if mentioned:
                give_title(mentioned)
            continue  # a title of the person named before, over one or more lines
        add(actor_of(mentioned or body), role)
    return _with_principals(entries, third_party)


def _with_principals(entries: list[Entry], third_party: bool) -> list[Entry]:
    """Each actor a person signs or acts for is itself in the list: a party (in a list
    of parties) or in the person's role (in a list of third parties)."""
    listed = {(entry.actor, entry.role) for entry in entries}
    out = list(entries)
    for entry in entries:
        if entry.acting_for:
            role = entry.role if third_party else "party"
            if (entry.acting_for, role) not in listed:
                listed.add((entry.acting_for, role))
                out.append(Entry(entry.acting_for, role))
    return out
