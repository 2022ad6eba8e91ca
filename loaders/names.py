"""People's names and titles in the signatory lists of PA-X and UCDP: honorifics and
ranks, titles before or after a name, names written surname first, and the words that
make a line a body's name rather than a person's.
"""

from __future__ import annotations

import re

__all__ = ["looks_like_name", "read_person", "honorific_surname", "looks_like_body", "titled"]

_PARTICLES = {"de", "del", "da", "dos", "das", "van", "von", "bin", "binti", "al", "el", "ag", "la", "le", "di", "y",
              "ibn", "abu", "ould", "der", "ter"}
_TITLES = {"president", "minister", "director", "coordinator", "chairman", "chair", "representative", "secretary",
           "leader", "head", "commander", "ambassador", "envoy", "delegate", "delegation", "government", "ministry",
           "council", "committee", "commission", "presidente", "ministro", "consejería", "consejero", "general",
           "panel", "member", "movement", "movements", "front", "party", "army", "forces", "community", "union",
           "office", "alliance", "coalition", "opposition", "liberation", "national", "democratic", "revolutionary",
           "people's", "team", "division", "mission", "embassy", "chief", "officer", "bishop", "counsellor",
           "advisor", "adviser", "deputy", "imam", "coordinador", "secretario", "commissioner", "chairperson",
           "governor", "mp", "representatives", "consejera", "senado", "staff", "mosque", "diocese", "group",
           "contact", "command", "secrétaire", "général", "adjoint", "chargé", "vice", "first", "consultant", "expert",
           "spokesman", "spokesperson", "negotiator", "lawyer", "observer"}
# Honorifics and ranks before people's names, dropped from the names actors get.
_RANK = (r"(?:(?:lt|maj|major|brig|brigadier)[.-]?\s?)?(?:col|colonel|coronel|gen|general|ltg|capt|captain|cdr|mg|"
         r"commander|comandante)(?:\.?\s?\((?:r|rtd|ret)\.?\))?")
_HONORIFIC = re.compile(r"^(?:\d+[.)]\s*)?(?:(?:sd/?-?|s/d-?|\(signed\))\s*|(?:mr|mrs|ms|dr|h\.?\s?e|s\.?\s?e|"
                        r"(?:his|her) exc?ellency|h\.?\s?r\.?\s?h|hon|rt\.?\s?rev|rev|shri|atty|rep|padre|presb[íi]tero|"
                        r"ambassador|amb|sir|" + _RANK + r"|\((?:r|rtd|ret)\.?\))(?:\.\s*|\s+))+", re.IGNORECASE)
# Words that begin a person's title written right after the name, with nothing between;
# the title must say whose it is ("Ali Hassan Mwinyi President of the United Republic
# of Tanzania"), as "Forces Nouvelles Secretary General Guillaume Soro" is no name.
_TITLE_STARTS = {"president", "vice-president", "minister", "chairman", "chairperson", "chairwoman", "representative",
                 "secretary", "secretary-general", "leader", "head", "commander", "ambassador", "envoy", "director",
                 "governor", "deputy", "coordinator", "legal", "special"}
# A title before a name with nothing between them ("Deputy President Nelson Mandela").
_LEADING_TITLE = re.compile(r"^(?P<title>(?:(?-i:[A-Z][a-z]+(?:an|ese|ish|i))\s+)?"  # "Chadian President ..."
                            r"(?:(?:deputy|vice|first|acting|interim|former)[\s-]+)*(?:president|"
                            r"prime minister|foreign minister|minister|chairman|chairperson|chairwoman|governor|"
                            r"secretary[\s-]general|secretary of state|king|emir|sultan))\s+(?P<name>.+)$",
                            re.IGNORECASE)
_POST_NOMINALS = re.compile(r"(?:\s+(?:MP|Kt|KBE|OBE|CBE|GCMG|\(?PhD\)?))+$")
# Words that make a line a body's name, not a person's.
_BODY_WORDS = {"movement", "front", "party", "alliance", "government", "council", "forces", "army", "liberation",
               "union", "conference", "congress", "entity", "gathering", "organization", "organisation", "coalition",
               "league", "committee", "commission", "group", "opposition", "republic", "state", "authority"}


def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name: two to six capitalised words, none a
    title or a body's word.

    >>> looks_like_name("Pavlo Klimkin"), looks_like_name("Communist Party of India"), looks_like_name("G7")
    (True, False, False)
    """
    words = text.replace(".", ". ").split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() or ch in "/&@" for ch in text):
        return False
    for word in words:
        bare = word.strip(".,()'’‘\"“”`")
        if not bare:
            continue
        if bare.lower() in _TITLES or any(part in _TITLES for part in bare.lower().split("-")):
            return False
        if bare.lower() not in _PARTICLES and not bare[0].isupper():
            return False
    return True


def titled(text: str) -> bool:
    """Whether a line reads as somebody's title or a continuation ("Coordinator", "in the Table")."""
    words = [w.strip(".,()'’‘\"“”").lower() for w in text.split()]
    return bool(words) and (text[0].islower() or any(w in _TITLES for w in words))


def read_person(text: str, following: str = "", *, sure: bool = False) -> tuple[str, str] | None:
    """(name, title) of the person a list entry names, honorifics dropped, or None.

    A person is a name with an honorific ("Lt Gen Ratko Mladic"), a title before or after
    it ("Frank Pearl - Head of Delegation", "FABIO VILLEGAS RAMÍREZ Ministro de Gobierno",
    "President of the Republic, Ali Abdullah Saleh") or on the next line, a name written
    surname first ("Rajoelina, Andry"), or any name when ``sure`` (under a "For X:"
    heading).

    >>> read_person("Lt Gen Ratko Mladic"), read_person("Frank Pearl - Head of Delegation")
    (('Ratko Mladic', ''), ('Frank Pearl', 'Head of Delegation'))
    >>> read_person("H. E.Uhuru  Kenyatta President of the Republic of Kenya")
    ('Uhuru Kenyatta', 'President of the Republic of Kenya')
    >>> read_person("Armando Franchi", "Counsellor Embassy"), read_person("Corriente de Renovación Socialista")
    (('Armando Franchi', ''), None)
    >>> read_person("Deputy President Nelson Mandela"), read_person("President of the Republic")
    (('Nelson Mandela', 'Deputy President'), None)
    >>> read_person("Chadian President Hissen Habre and")
    ('Hissen Habre', 'Chadian President')
    >>> read_person("Ali Hassan Mwinyi President of Tanzania"), read_person("Forces Nouvelles Secretary General Guillaume Soro")
    (('Ali Hassan Mwinyi', 'President of Tanzania'), None)
    """
    text = re.sub(r"\s+(?:and|y|et)$", "", text.strip(" ;"))  # "Nigerian President Shehu Shagari and"
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    bare = _HONORIFIC.sub("", text).strip()
    honoured = bare != text
    split = re.match(r"^(?P<name>[^,]+?)(?:,|\s[-–—]\s)\s*(?P<title>.*)$", bare)
    words = bare.split()
    capitals = next((n for n, word in enumerate(words) if not word.isupper()), len(words))
    inverted = False
    if split:
        name, title = split["name"].strip(), split["title"].strip()
        after = _HONORIFIC.sub("", title).strip()
        if " " not in name and " " not in title and name.istitle() and title.istitle():
            name, title, inverted = f"{title} {name}", "", True  # "Rajoelina, Andry"
        elif not looks_like_name(name) and titled(name) and looks_like_name(after):
            name, title = after, name  # "BiH ARMY COMMANDER IN CHIEF, SEFER HALILOVIC"
    elif (leading := _LEADING_TITLE.match(bare)) and looks_like_name(leading["name"]):
        name, title = leading["name"], leading["title"]
    elif 2 <= capitals < len(words) and words[capitals][:1].isupper():
        name, title = " ".join(words[:capitals]), " ".join(words[capitals:])
    elif (starts := next((n for n, word in enumerate(words) if n >= 2 and word.lower() in _TITLE_STARTS
                          and word[:1].isupper()), 0)) and "of" in words[starts + 1:] \
            and looks_like_name(" ".join(words[:starts])):
        name, title = " ".join(words[:starts]), " ".join(words[starts:])
    else:
        name, title = bare, ""
    aside = re.search(r"\s*\(([^)]*)\)\s*$", name)  # "Farok Ag Hamatou (Mali)", "Ali Afrah (government), ..."
    if aside:
        name, title = name[:aside.start()], aside.group(1).strip()
    name = _POST_NOMINALS.sub("", name)
    if not looks_like_name(name):
        return None
    if sure or honoured or title or inverted or (following and titled(following) and not looks_like_name(following)):
        return name, title
    return None


def honorific_surname(text: str) -> tuple[str, str] | None:
    """(name, '') for an honorific and a surname alone ("Mr Ahern", "Dr. Garang"), or None."""
    bare = _HONORIFIC.sub("", text).strip()
    return (bare, "") if bare != text.strip() and re.fullmatch(r"[A-Z][\w'’-]+", bare) else None


def looks_like_body(text: str) -> bool:
    """Whether a line names a body (a movement, a front, a government...) rather than a person.

    >>> looks_like_body("The Mira Alliance"), looks_like_body("Juma Odhiambo")
    (True, False)
    """
    return any(word.strip("()/,.-–").lower() in _BODY_WORDS for word in re.split(r"[\s/–-]+", text))
