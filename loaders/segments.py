"""Splitting a free-text list of signatories (PA-X ``Part``/``ThrdPart``, UCDP ``pa_sign``)
into entries: lines, ';'-separated parts and runs of spaces; editors' notes, page
markers, signature-block debris and numbering dropped; the items of a list; bodies
laid out with their signatories on the next line made headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parley.loaders.names import looks_like_body, read_person

__all__ = ["split_entries", "list_items", "bodies_as_headings", "is_note", "FOR_HEADING", "NUMBERING"]

_NOISE = re.compile(r"^[\W\d_]*(?:have signed|ont sign[ée]s?|signed|sd/?-?|s/d-?|\(signed\)|signatures?|"
                    r"signatories|co-signatories|signed the guarantors as witnesses and depositaries)?[\W\d_]*$",
                    re.IGNORECASE)
FOR_HEADING = re.compile(r"^(?:signed\s+)?(?:for and on behalf of|for and behalf of|on behalf of|for|por|pour|representing|"
                  r"en representaci[óo]n de|au nom de)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+|le\s+|les\s+|l['’]\s*)?"
                  r"(?P<who>.+)$",
                  re.IGNORECASE)


# Numbering before an entry ("4- Moussa TOGO", "2. ", "(iii) "), dropped: "4- Togo" is no state.
NUMBERING = re.compile(r"^\s*(?:\d{1,3}\s*[-.)–]|(?:[ivx]{1,5}|[a-z])\))\s+|^\s*\((?:\d{1,3}|[ivx]{1,5}|[a-z])\)\s*",
                        re.IGNORECASE)
# Debris of a signature page, not actors: page markers, blank signature blocks, dates.
_DEBRIS = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+)\W*$|\b(?:name|signature|date|title)\s*/\s*"
                     r"(?:name|signature|date|title)\b|^_{3,}|^(?:date|place)\s*:?\s*$", re.IGNORECASE)
# Notes by the data set's editors, not a list: their known actors count, the words do not.
_NOTE = re.compile(r"^[(\[]?(?:not signed|unsigned|joint statement|stated to be|participants listed|agreement does not|"
                   r"same source|secondary sources|no signator|signatories not|parties not|text (?:of|does)|"
                   r"external sources|supplementary text|it is (?:not )?|this (?:agreement|document)|"
                   r"(?:ministerial introduction|foreword) signed by|with the participation of|thanks (?:to|for) the)\b",
                   re.IGNORECASE)
# A sentence about the signatories, read as a note: "X Government, Y Government are formally
# parties, however the agreement covers ...".
_SENTENCE = re.compile(r"^(?=(?:\S+\s+){7})[^:]*\b(?:are|is|were|was)\s+(?:formally\s+|also\s+|not\s+)*"
                       r"(?:parties|party|signatories|signed|listed|named)\b", re.IGNORECASE)
# A clause of the agreement's preamble quoted ("GRATEFUL FOR the valued contributions of ...").
_PREAMBLE = re.compile(r"(?:^|:\s*)[A-Z]{5,}(?:\s+[A-Z]{2,})*\s+(?:the|of|for|that|all|with)\b")
_GOVERNMENT_OF = re.compile(r"^(?:the\s+)?government\s+of\b", re.IGNORECASE)


_LIST_PREFIX = re.compile(r"^(?:and\s+)?(?:the\s+)?(?:governments|states|delegations|republics)\s+of\s+(?:the\s+)?",
                          re.IGNORECASE)


def list_items(text: str, lookup: Callable[[str], object]) -> list[str]:
    """The items of a list: split at commas and semicolons, and at 'and', 'y' or 'et' in
    any case, but a known name holding 'and' stays whole.

    >>> from parley.loaders.actors import ActorResolver
    >>> list_items("the Republics of Bosnia and Herzegovina, Montenegro AND Serbia", ActorResolver().lookup)
    ['Bosnia and Herzegovina', 'Montenegro', 'Serbia']
    """
    out: list[str] = []
    for chunk in (_LIST_PREFIX.sub("", c.strip(" .")) for c in re.split(r"[,;]", text)):
        if not chunk:
            continue
        if lookup(chunk) is not None:
            out.append(chunk)
            continue
        parts: list[str] = []
        chunk = re.sub(r"^(?:and|y|et)\s+", "", chunk, flags=re.IGNORECASE)  # "..., and the British Prime Minister"
        for part in (_LIST_PREFIX.sub("", p.strip(" .")) for p in re.split(r"\s+(?:and|y|et)\s+", chunk,
                                                                            flags=re.IGNORECASE)):
            if parts and lookup(f"{parts[-1]} and {part}") is not None:
                parts[-1] = f"{parts[-1]} and {part}"  # "Trinidad" and "Tobago"
            elif part:
                parts.append(part)
        out.extend(parts)
    return out


def bodies_as_headings(segments: list[tuple[str, bool]], lookup: Callable[[str], object]) -> list[tuple[str, bool]]:
    """A list laid out as a body's name on one line and its signatory on the next, again
    and again ("The Sudanese Alliance", "Khamis Abdallah Abkar", ...), with each body
    line made a heading ("For The Sudanese Alliance:"), so the names under it act for it.
    Lists of another layout come back as they are.

    >>> from parley.loaders.actors import ActorResolver
    >>> [s for s, _ in bodies_as_headings([("The Mira Alliance", True), ("Juma Odhiambo", True),
    ...     ("Lake Front", True), ("Amani Wekesa", True)], ActorResolver().lookup)]
    ['For The Mira Alliance:', 'Juma Odhiambo', 'For Lake Front:', 'Amani Wekesa']
    """
    lines = [text for text, _ in segments]

    def person(text: str) -> bool:
        found = read_person(text, sure=True) if ":" not in text else None
        return found is not None and not looks_like_body(found[0])  # "Teresita de Castro, State Counsel" is a person

    def body(text: str) -> bool:
        return ":" not in text and not person(text) and (looks_like_body(text) or lookup(text) is not None)

    pairs = {n for n in range(len(lines) - 1) if body(lines[n]) and person(lines[n + 1])}
    if 0 not in pairs or len(pairs) < 2:
        return segments
    return [(f"For {text}:" if n in pairs and not FOR_HEADING.match(text) and not _GOVERNMENT_OF.match(text) else text, starts)
            for n, (text, starts) in enumerate(segments)]  # "Government of X ..." headings are read as they are


def split_entries(text: str) -> list[tuple[str, bool]]:
    """The entries of a list: its lines and ';'-separated parts, without editors' notes
    ("[No signature]", "[unsigned]") and words such as "Signed"; each with whether it
    starts a line (a line may carry the title of the person on the line before). A label
    such as "Co-signatories:" is kept as an empty entry: it ends the heading before it."""
    text = re.sub(r"(\w)\s*:\s*\[([^\[\]:]*)\]", "\\1: \\2", text)  # "... agreed to it: [The text was agreed by ...]"
    text = re.sub(r"\[([^\[\]]*:[^\[\]]*)\](?!\s*:)", "\n\\1\n", text)  # "[Observers: UN, US]": a list
    # "[not signed, but referred to in the text]" ends the heading before it
    text = re.sub(r"\[[^\[\]]*\b(?:not signed|unsigned|referred to)\b[^\[\]]*\](?!\s*:)", "\nsignatories:\n", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\[[^\]]*\](?!\s*:)|\[[^\]]*$", " ", text)
    # Lines the data set's export ran together, kept apart by runs of spaces (by two, where
    # nothing else separates the entries) or by Unicode line and paragraph separators.
    flattened = "\n" not in text and ";" not in text
    text = re.sub(r"[ \t\u00a0]{2,}|\u2028|\u2029" if flattened else r"[ \t\u00a0]{3,}|\u2028|\u2029", "\n", text)
    segments = [(NUMBERING.sub("", part).strip(" \t-•*'\"‘’“”"), n == 0)
                for line in text.replace("\r", "\n").split("\n") for n, part in enumerate(line.split(";"))]
    segments = [(s, starts_line) for s, starts_line in segments if not _DEBRIS.search(s)]
    labels = {s for s, _ in segments if _NOISE.match(s) and "signator" in s.lower()}  # "2. Co-signatories:"
    return [("", True) if s in labels else (s, starts_line)
            for s, starts_line in segments if s and (s in labels or not _NOISE.match(s))]


def is_note(entry: str) -> bool:
    """Whether an entry is an editor's note, a sentence about the signatories, or a clause
    of the agreement quoted, rather than a list: its known actors count, its words do not.

    >>> is_note("Not signed, parties not listed."), is_note("GRATEFUL FOR the efforts of Kenya"), is_note("Kenya")
    (True, True, False)
    """
    return bool(_NOTE.match(entry) or _SENTENCE.search(entry) or _PREAMBLE.search(entry))
