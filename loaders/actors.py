"""Resolving actor names in data sets to actors: states by their names, aliases and
ISO codes (pycountry), organizations through parley's alias table
(``loaders/organizations.csv``), and actors already curated, which always win.

Names that cannot be resolved become actors of their own, with the original text
kept, and are counted so importers can report them.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from importlib.resources import files

import pycountry

from parley.model.namespaces import slug
from parley.model.records import Loc, Record
from parley.model.vocabulary import term_key

__all__ = ["Resolved", "ActorResolver", "clean_name"]

# Short names for states whose ISO name is long or inverted.
_SHORT = {"RUS": "Russia", "USA": "United States", "GBR": "United Kingdom", "KOR": "South Korea",
          "PRK": "North Korea", "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
          "PSE": "Palestine", "IRN": "Iran", "SYR": "Syria", "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia",
          "VEN": "Venezuela", "TZA": "Tanzania", "MDA": "Moldova", "FSM": "Micronesia", "TWN": "Taiwan",
          "MKD": "North Macedonia", "CIV": "Côte d'Ivoire", "CZE": "Czechia", "BRN": "Brunei", "VAT": "Holy See"}
_EXTRA_ALIASES = {"KOR": ["Republic of Korea", "ROK"], "PRK": ["DPRK"],
                  "BIH": ["Bosnia-Herzegovina", "Bosnia", "BiH"], "RUS": ["Russia", "Russian Federation"],
                  "USA": ["USA", "U.S.", "US", "United States of America", "The United States"],
                  "GBR": ["UK", "U.K.", "Britain", "Great Britain"], "TUR": ["Turkey", "Turkiye"],
                  "CIV": ["Ivory Coast", "Cote d'Ivoire"], "MMR": ["Burma"], "CZE": ["Czech Republic"],
                  "COD": ["DR Congo", "DRC", "Congo-Kinshasa", "Zaire", "Democratic Republic of Congo"], "COG": ["Congo-Brazzaville", "Congo"],
                  "MKD": ["Macedonia"], "SWZ": ["Swaziland"], "NLD": ["The Netherlands", "Holland"],
                  "YEM": ["Yemen"], "SSD": ["South Sudan"], "KOS": ["Kosovo"],
                  "PSE": ["Occupied Palestinian Territory", "Palestinian Territory, Occupied", "Palestinian Territories"],
                  "VAT": ["Vatican City", "Vatican", "Holy See"], "IRL": ["Republic of Ireland", "Eire", "Taoiseach"],
                  "LBY": ["Libyan Arab Jamahiriya", "Great Socialist People's Libyan Arab Jamahiriya",
                          "Socialist People's Libyan Arab Jamahiriya"]}
# What a state's people and government are called ("the British Government", "Sudanese
# President"): adjective -> ISO code. Adjectives two states share (Congolese, Korean,
# Guinean) are left out.
_DEMONYMS = dict(pair.replace("_", " ").split("=") for pair in (
    "British=GBR Irish=IRL Lebanese=LBN Norwegian=NOR German=DEU Sudanese=SDN South_Sudanese=SSD Egyptian=EGY "
    "Italian=ITA Dutch=NLD French=FRA American=USA Russian=RUS Turkish=TUR Ukrainian=UKR Chadian=TCD Afghan=AFG "
    "Argentine=ARG Argentinian=ARG Qatari=QAT Kenyan=KEN Ugandan=UGA Ethiopian=ETH Eritrean=ERI Somali=SOM "
    "Israeli=ISR Palestinian=PSE Syrian=SYR Iraqi=IRQ Iranian=IRN Jordanian=JOR Saudi=SAU Yemeni=YEM Libyan=LBY "
    "Malian=MLI Nigerian=NGA Nigerien=NER Rwandan=RWA Rwandese=RWA Burundian=BDI Angolan=AGO Mozambican=MOZ "
    "Zimbabwean=ZWE South_African=ZAF Colombian=COL Mexican=MEX Guatemalan=GTM Salvadoran=SLV Nicaraguan=NIC "
    "Filipino=PHL Philippine=PHL Indonesian=IDN Indian=IND Pakistani=PAK Nepalese=NPL Nepali=NPL Sri_Lankan=LKA "
    "Burmese=MMR Thai=THA Cambodian=KHM Chinese=CHN Japanese=JPN Spanish=ESP Portuguese=PRT Swiss=CHE "
    "Swedish=SWE Danish=DNK Finnish=FIN Belgian=BEL Austrian=AUT Greek=GRC Cypriot=CYP Serbian=SRB Croatian=HRV "
    "Bosnian=BIH Macedonian=MKD Albanian=ALB Georgian=GEO Armenian=ARM Azerbaijani=AZE Moldovan=MDA Tajik=TJK "
    "Tanzanian=TZA Djiboutian=DJI Algerian=DZA Moroccan=MAR Tunisian=TUN Senegalese=SEN Ivorian=CIV "
    "Liberian=LBR Sierra_Leonean=SLE Togolese=TGO Beninese=BEN Burkinabe=BFA Cameroonian=CMR Gabonese=GAB "
    "Central_African=CAF Canadian=CAN Brazilian=BRA Venezuelan=VEN Cuban=CUB Peruvian=PER Chilean=CHL "
    "Bolivian=BOL Ecuadorian=ECU Haitian=HTI Polish=POL Hungarian=HUN Czech=CZE Slovak=SVK Romanian=ROU "
    "Bulgarian=BGR Kuwaiti=KWT Emirati=ARE Omani=OMN Bahraini=BHR Malaysian=MYS Vietnamese=VNM Australian=AUS "
    "Botswanan=BWA Malawian=MWI Zambian=ZMB Namibian=NAM Ghanaian=GHA Gambian=GMB Mauritanian=MRT").split())
# "the British Government", "UK government", "Royal Norwegian Government", "Sudan Government of National Unity"
_NATIONAL_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:royal\s+|federal\s+|transitional\s+)?(?P<who>.+?)\s+"
                                  r"(?:government|governments|authorities|delegation)(?:\s+of\s+national\s+unity)?$",
                                  re.IGNORECASE)
_TRAILING_ACRONYM = re.compile(r"\s*\([^()]{1,40}\)$")  # an acronym or a former name
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
# States that no longer exist but are parties to many agreements and events (ISO 3166-3).
_HISTORIC = {"YUG": ("Yugoslavia", ["FRY", "SFRY", "FR Yugoslavia"]),
             "SCG": ("Serbia and Montenegro", ["State Union of Serbia and Montenegro"]),
             "SUN": ("Soviet Union", ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"]),
             "CSK": ("Czechoslovakia", ["Czechoslovak Socialist Republic"]),
             "DDR": ("German Democratic Republic", ["East Germany", "GDR"]),
             "YMD": ("South Yemen", ["People's Democratic Republic of Yemen"]),
             "VDR": ("North Vietnam", ["Democratic Republic of Vietnam"])}
_PREFIX = re.compile(r"^(?:the\s+)?(?:(?:royal|federal|transitional|national|interim|revitalized)\s+)*"
                     r"(?:government|gobierno|gouvernement|govt\.?|goverment)\s+(?:of|de|du|de la|del)\s+(?:the\s+)?",
                     re.IGNORECASE)
# Left out of the ids of unresolved names, so "the National Liberation Army (ELN)" and
# "National Liberation Army" are one actor: a leading article, a trailing acronym.
_UNRESOLVED_NOISE = re.compile(r"^(?:the|los|las|el|la|les|le)\s+|\s*\((?=[^()]*(?-i:[A-Z]{2}))[^()]{1,15}\)$",
                               re.IGNORECASE)
# Only the words states put before "Republic of" count: "the Serbian Republic of
# Bosnia-Herzegovina" is an entity, not the state.
_STATE_PREFIX = re.compile(r"^(?:the\s+)?(?:(?:democratic|federal|federative|people'?s|islamic|united|socialist|arab|"
                           r"bolivarian|plurinational|hashemite|oriental|co-?operative|independent|sovereign|"
                           r"great|grand|principal)\s+){0,3}(?:republic|kingdom|state|sultanate|principality|"
                           r"commonwealth|federation|emirate|duchy)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def clean_name(text: str) -> str:
    """A name with titles of government stripped, for matching.

    >>> clean_name("Government of the Republic of Niger"), clean_name("Royal Government of Norway")
    ('Niger', 'Norway')
    """
    name = _PREFIX.sub("", text.strip().strip(".,;:")).strip()
    return _STATE_PREFIX.sub("", name).strip() or name


@dataclass(frozen=True)
class Resolved:
    """An actor id, and whether the name matched a known state or organization."""

    id: str
    known: bool


@dataclass
class ActorResolver:
    """Turns names into actor ids, creating actor records as needed.

    ``curated`` are actors already curated (their ids, names, aliases and ISO codes
    take precedence); ``source`` is the source id new actor records cite.
    """

    curated: list[Record] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    unresolved: set[str] = field(default_factory=set)
    _index: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)  # key -> (id, type, name, iso)
    _curated: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    _iso: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    _cache: dict[str, tuple[str, str, str, str] | None] = field(default_factory=dict)
    _curated_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        states = {c.alpha_3: (_SHORT.get(c.alpha_3) or getattr(c, "common_name", None) or c.name,
                              {c.name, getattr(c, "official_name", "") or "", getattr(c, "common_name", "") or "",
                               *_EXTRA_ALIASES.get(c.alpha_3, [])}) for c in pycountry.countries}
        states |= {iso: (name, {*aliases}) for iso, (name, aliases) in _HISTORIC.items()}
        entries = {iso: (slug(name), "State", name, iso) for iso, (name, _) in states.items()}
        self._iso = {iso: entry for iso, entry in entries.items() if iso not in _HISTORIC}  # those by name only
        claims: dict[str, set[str]] = {}
        for iso, (name, names) in states.items():
            for text in filter(None, {name, *names}):
                self._index.setdefault(term_key(text), entries[iso])
                claims.setdefault(term_key(clean_name(text)), set()).add(iso)
        for key, isos in claims.items():  # a shortened name two states share ("Korea") names neither
            if key not in self._index and len(isos) == 1:
                self._index[key] = entries[isos.pop()]
        table = files("parley.loaders").joinpath("organizations.csv").read_text(encoding="utf-8")
        for row in csv.DictReader(table.splitlines()):
            entry = (row["id"], row["type"], row["name"], "")
            for text in [row["name"], *row["aliases"].split(";")]:
                if text:
                    self._index[term_key(text)] = entry
        self._curated_ids = {actor.id for actor in self.curated}
        for actor in self.curated:
            entry = (actor.id, actor.get("type"), actor.get("name"), actor.get("iso") or "")
            for text in [actor.id, actor.get("name", ""), *actor.get("aliases", []), actor.get("iso") or ""]:
                if text:
                    self._curated[term_key(text)] = entry
                    self._curated[term_key(clean_name(text))] = entry

    def lookup(self, text: str) -> tuple[str, str, str, str] | None:
        """(id, type, name, iso) of a known state or organization named ``text``, or None.

        ISO 3166 codes match only when written in capitals ("TUR", not "tur" or "and").
        """
        if text not in self._cache:
            self._cache[text] = self._lookup(text)
        return self._cache[text]

    def _lookup(self, text: str) -> tuple[str, str, str, str] | None:
        found = self._lookup_name(text)
        if found is None and _TRAILING_ACRONYM.search(text):  # "Government of Sudan (GoS)"
            found = self._lookup_name(_TRAILING_ACRONYM.sub("", text))
        national = _NATIONAL_GOVERNMENT.match(text.strip()) if found is None else None
        if national:  # "the British Government", "UK government"
            who = " ".join(national.group("who").split())
            iso = next((code for adjective, code in _DEMONYMS.items() if adjective.lower() == who.lower()), "")
            found = self._iso.get(iso) and self.lookup(iso) if iso else self._lookup_name(who)
        return found

    def demonym(self, word: str) -> tuple[str, str, str, str] | None:
        """The state an adjective names ("Sudanese", "South African"), or None.

        >>> ActorResolver().demonym("Qatari")[0]
        'qatar'
        """
        iso = next((code for adjective, code in _DEMONYMS.items() if adjective.lower() == word.strip().lower()), "")
        return self.lookup(iso) if iso in self._iso else None

    def _lookup_name(self, text: str) -> tuple[str, str, str, str] | None:
        code = text.strip()
        if len(code) == 3 and code.isupper() and code in self._iso:
            found = self._curated.get(term_key(code))
            return found or self._iso[code]
        without_government = _PREFIX.sub("", text.strip().strip(".,;:"))  # before "Republic of" goes too
        without_article = _ARTICLE.sub("", text.strip())  # "the United Kingdom", "THE EUROPEAN COMMISSION"
        for key in (term_key(text), term_key(without_government), term_key(clean_name(text)),
                    term_key(without_article)):
            if not key:
                continue
            found = self._curated.get(key)
            if found is None and key in self._index:
                found = self._index[key]
                found = (found[3] and self._curated.get(term_key(found[3]))) or found
            if found is not None:
                return found
        return None

    def resolve(self, text: str, *, loc: Loc, source: str, kind: str = "Actor", new_id: str = "") -> Resolved:
        """The actor a name stands for; an actor record is made for new ones.

        ``kind`` is the type given to names that match nothing known: ``Person`` for
        people and ``Group`` for a sector of a state ("Citizen (India)"), which need no
        review; ``Actor`` (or another type) otherwise, with the original text kept as
        ``original_name`` and counted as unresolved. New actors get ``new_id`` if given
        (a data set's own id).
        """
        found = self.lookup(text)
        if found is not None:
            actor_id, actor_type, name, iso = found
            if actor_id not in self._curated_ids:
                self._record(actor_id, actor_type, name, loc, source, iso=iso)
            return Resolved(actor_id, True)
        original = " ".join(text.split())
        if kind in ("Person", "Group"):  # a person, or a sector of a state ("Citizen (India)"): nothing to resolve
            actor_id = new_id or _bounded_slug(original)
            self._record(actor_id, kind, original, loc, source)
            return Resolved(actor_id, True)
        actor_id = new_id or "unresolved-" + _bounded_slug(_UNRESOLVED_NOISE.sub("", original) or original)
        self.unresolved.add(original)
        self._record(actor_id, kind, original, loc, source, original_name=original)
        return Resolved(actor_id, False)

    def forget(self, source: str) -> None:
        """Take back what a skipped row contributed: its source, and actors only it named."""
        for actor_id in list(self.records):
            sources = self.records[actor_id].fields["sources"]
            if source in sources:
                sources.remove(source)
                if not sources:
                    del self.records[actor_id]

    def _record(self, actor_id: str, actor_type: str, name: str, loc: Loc, source: str, *, iso: str = "",
                original_name: str = "") -> None:
        record = self.records.get(actor_id)
        if record is None:
            fields = {"id": actor_id, "type": actor_type, "name": name, "sources": []}
            if iso:
                fields["iso"] = iso
            if original_name:
                fields["original_name"] = original_name
            record = Record("actor", actor_id, loc, fields, {k: loc.line for k in fields})
            self.records[actor_id] = record
        if source not in record.fields["sources"] and len(record.fields["sources"]) < 5:
            record.fields["sources"].append(source)


def _bounded_slug(text: str, limit: int = 60) -> str:
    """A slug of at most ``limit`` characters, unique for long texts thanks to a hash."""
    full = slug(text)
    if len(full) <= limit:
        return full
    return full[: limit - 9].rstrip("-") + "-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
