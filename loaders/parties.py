"""Reading the free-text lists of signatories and third parties that PA-X and UCDP keep
(``Part``, ``ThrdPart``, ``pa_sign``, ``pa_3rd``) into (actor, role, on whose behalf).

The texts come in many shapes: "Israel, Lebanon"; "For the United Nations: Alvaro de
Soto"; a "Por el Gobierno Nacional" heading followed by names on their own lines;
"Witnessed by: ..."; "Guarantors: ..."; "Name, Title of the Republic of X". Headings
give the state or organization people sign for; wording gives third-party roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parley.loaders.actors import ActorResolver
from parley.records import Loc

__all__ = ["Entry", "parse_parties", "role_in"]

_ROLE_WORDS = (("in the presence of", "witness"), ("witness", "witness"), ("testigo", "witness"),
               ("témoin", "witness"), ("temoin", "witness"), ("mediat", "mediator"), ("médiat", "mediator"),
               ("facilitat", "facilitator"), ("chaired", "facilitator"), ("guarant", "guarantor"),
               ("garant", "guarantor"), ("observ", "observer"), ("host", "host"))
_NOISE = re.compile(r"^[\W\d_]*(?:have signed|ont sign[ée]s?|signed|sd/?-?|s/d-?|\(signed\)|signatures?|"
                    r"signatories|co-signatories|signed the guarantors as witnesses and depositaries)?[\W\d_]*$",
                    re.IGNORECASE)
_FOR = re.compile(r"^(?:signed\s+)?(?:for and on behalf of|on behalf of|for|por|pour|representing|"
                  r"en representaci[óo]n de|au nom de)\s+(?:the\s+|el\s+|la\s+|le\s+|les\s+|l['’]\s*)?(?P<who>.+)$",
                  re.IGNORECASE)
_PARTICLES = {"de", "del", "da", "dos", "das", "van", "von", "bin", "binti", "al", "el", "ag", "la", "le", "di", "y",
              "ibn", "abu", "ould", "der", "ter"}
_TITLES = {"president", "minister", "director", "coordinator", "chairman", "chair", "representative", "secretary",
           "leader", "head", "commander", "ambassador", "envoy", "delegate", "delegation", "government", "ministry",
           "council", "committee", "commission", "presidente", "ministro", "consejería", "consejero", "general",
           "panel", "member", "movement", "movements", "front", "party", "army", "forces", "community", "union",
           "office", "alliance", "coalition", "opposition", "liberation", "national", "democratic", "revolutionary",
           "people's", "team", "division", "mission", "embassy", "chief", "officer", "bishop"}


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


def _looks_like_name(text: str) -> bool:
    words = text.replace(".", ". ").split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    for word in words:
        bare = word.strip(".,()'’\"")
        if not bare:
            continue
        if bare.lower() in _TITLES:
            return False
        if bare.lower() not in _PARTICLES and not bare[0].isupper():
            return False
    return True


def _mentioned(text: str, resolver: ActorResolver) -> str | None:
    """The words naming the longest known state or organization inside ``text``."""
    tokens = re.findall(r"[\w'’.-]+", text)
    for size in range(min(6, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            window = tokens[start:start + size]
            if size == 1 and not (window[0][:1].isupper() and (len(window[0]) >= 4 or window[0].isupper())):
                continue
            if resolver.lookup(" ".join(window)) is not None:
                return " ".join(window)
    return None


def parse_parties(text: str, *, third_party: bool, resolver: ActorResolver, loc: Loc, source: str) -> list[Entry]:
    """The actors a PA-X or UCDP list names, with roles: ``party`` (and ``signatory`` for
    people signing for a party) in party lists; in third-party lists the role the
    wording gives (witness, mediator, facilitator, guarantor, observer, host), else
    ``third-party``."""
    default = "third-party" if third_party else "party"
    entries: list[Entry] = []
    heading_role, heading_for = default, ""

    def add(actor: str, role: str, acting_for: str = "") -> None:
        entry = Entry(actor, role, acting_for if acting_for != actor else "")
        if all((e.actor, e.role) != (entry.actor, entry.role) for e in entries):
            entries.append(entry)

    def actor_of(segment: str, kind: str = "Actor") -> str:
        return resolver.resolve(segment, loc=loc, source=source, kind=kind).id

    segments = [s.strip(" \t-•*") for line in text.replace("\r", "\n").split("\n") for s in line.split(";")]
    for segment in segments:
        if not segment or _NOISE.match(segment):
            continue
        prefix, colon, content = segment.partition(":")
        named_role = role_in(prefix) if third_party or role_in(prefix) in ("witness",) else None
        if named_role and (not colon or not content.strip()) and len(prefix.split()) <= 8:
            heading_role, heading_for = named_role, ""  # a heading such as "Witnesses:" or "Observers"
            if not colon and resolver.lookup(prefix) is None and _mentioned(prefix, resolver) is None:
                continue
            if not colon:
                content, prefix = prefix, ""
        role = named_role or heading_role
        body = content.strip() if colon else segment
        if not body.strip(" .,:"):
            continue
        header = _FOR.match(prefix.strip() if colon else segment)
        if header or (colon and not named_role and resolver.lookup(prefix) is not None):
            who = header.group("who") if header else prefix
            resolved = resolver.lookup(who)
            if resolved is None and not colon:  # "For the Government of Niger ISSOFOU OUBANDAWAKI"
                words = who.split()
                for cut in range(len(words) - 1, 0, -1):
                    if resolver.lookup(" ".join(words[:cut])) is not None:
                        who, body = " ".join(words[:cut]), " ".join(words[cut:])
                        break
                else:
                    body = ""
            elif not colon:
                body = ""
            heading_for = actor_of(who.strip(" :"))
            add(heading_for, role)
            if third_party:
                heading_role = role
            for name in (n.strip() for n in re.split(r",| and ", body) if n.strip()):
                if _looks_like_name(name):
                    add(actor_of(name, "Person"), role if third_party else "signatory", heading_for)
            continue
        pieces = [p.strip() for p in re.split(r",|\band\b|\bet\b|\by\b", body) if p.strip()]
        if len(pieces) > 1 and all(resolver.lookup(p) is not None for p in pieces):
            for piece in pieces:
                add(actor_of(piece), role)
            continue
        if resolver.lookup(body) is not None:
            add(actor_of(body), role)
            continue
        first, comma, rest = body.partition(",")
        mentioned = _mentioned(rest if comma else body, resolver)
        if heading_for and _looks_like_name(first.strip()):
            add(actor_of(first.strip(), "Person"), role if third_party else "signatory", heading_for)
        elif comma and mentioned and _looks_like_name(first.strip()):
            add(actor_of(first.strip(), "Person"), role, actor_of(mentioned))
        elif mentioned:
            add(actor_of(mentioned), role)
        else:
            add(actor_of(body), role)
    return entries
