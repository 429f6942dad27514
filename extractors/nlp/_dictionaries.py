"""The field's dictionaries, loaded once per process on first use (see data/README.md).

    actor(name)       -> Actor(country, sector) of a known person or organisation, or None
    agent(word)       -> CAMEO sector of a role word ("police" -> COP, "troops" -> MIL)
    place_country(name) -> ISO3 of a city, US state or county name, or None
    company_country(name) -> home country of a company named by the start of its listed name
                        ("Nomura" for "Nomura Holdings Inc ADR", "JP Morgan" for "JP Morgan
                        Chase"), when every listed company it starts agrees, or None
    city_countries(name) -> the countries with a city or a first-level division of that name,
                        when more than one has ("Melbourne" -> AUS, USA; "Victoria" -> the
                        Australian state and the towns of eight countries), else an empty set
    division_country(name) -> ISO3 of a country's first-level division (state, province,
                        territory: "New South Wales", "Ontario", "Bihar") or of its ISO 3166-2
                        code letters written in capitals ("NSW", "ACT"), or None
    state_nationality(word) -> the state's name a nationality the actor dictionary lists is
                        made from ("togolese" -> "togo"), or None
    titled_surname(word) -> country of the office holders the actor dictionary lists by title
                        and surname ("President Bush", "Mr. Obama", "Chancellor Merkel"),
                        when all of them agree, or None

Lookups are casefolded. Each table is read from its compressed file the first time it is
needed (tens of milliseconds), never per article.
"""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_DATA = "data"


@dataclass(frozen=True)
class Actor:
    country: str | None
    sector: str  # CAMEO sector: GOV, MIL, COP, JUD, LEG, MNC, MED…


def _lines(name: str) -> list[str]:
    data = resources.files(__package__).joinpath(_DATA, name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8").splitlines()


# Where the Phoenix entries put a country they also hold CAMEO's own codes of two states, and
# regions ("EUR", "WAF"), former states ("SUN", "DDR") and sectors read as a country ("MED",
# "HLH" of a media or health company): the two are mapped to ISO 3166, the rest name no
# country, so no entity or event carries a code that is not one.
_CAMEO_STATES = {"TMP": "TLS", "KSV": "XKX"}
# ISO 3166 countries of the actor entries that have no city of 15,000 people in GeoNames
_SMALL_STATES = frozenset({"BMU", "SYC"})


@lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    from ._countries import country_name

    known = {code for code in places().values() if code} | _SMALL_STATES
    return frozenset(known | {code for code in _CAMEO_STATES.values() if country_name(code)})


def _iso3(code: str) -> str | None:
    code = _CAMEO_STATES.get(code, code)
    return code if code in _iso3_codes() else None


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    table = {}
    for name in ("actors.tsv.gz", "actors_extra.tsv"):
        for line in _lines(name):
            if line and not line.startswith("#"):
                key, country, sector = line.split("\t")
                table[key] = Actor(_iso3(country) if country else None, sector)
    return table


@lru_cache(maxsize=1)
def agents() -> dict[str, str]:
    table = {}
    for line in _lines("agents.tsv"):
        if line:
            word, sector = line.split("\t")
            table[word] = sector
    return table


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    table = {}
    for line in _lines("places.tsv.gz"):
        key, country, _ = line.split("\t")
        table[key] = country
    return table


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, frozenset[str]]:
    table = {}
    for line in _lines("city_countries.tsv.gz"):
        if line:
            key, countries = line.split("\t")
            table[key] = frozenset(countries.split())
    return table


def city_countries(name: str) -> frozenset[str]:
    key = " ".join(name.split()).casefold()
    found = _city_countries().get(key, frozenset())
    division = _divisions().get(key)
    town = places().get(key)
    if division is not None and (found or (town and town != division)):
        # a division's name that towns of other countries bear: the story's country decides
        found = found | {division, *filter(None, [town])}
    return found


@lru_cache(maxsize=1)
def _divisions() -> dict[str, str]:
    """First-level divisions' names (casefolded) and code letters (as written) -> ISO3."""
    table = {}
    for line in _lines("divisions.tsv.gz"):
        if line:
            key, country, _ = line.split("\t")
            table[key] = country
    return table


def division_country(name: str) -> str | None:
    text = " ".join(name.split())
    if text.isupper() and text.isalpha():
        return _divisions().get(text)  # code letters only in capitals ("ACT", not "act")
    return _divisions().get(text.casefold())


_LISTING_SUFFIXES = frozenset({
    "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "adr", "sa",
    "ag", "nv", "se", "holdings", "holding", "group", "company", "corporation", "limited",
})  # fmt: skip
_BUSINESS = frozenset({"MNC", "BUS"})


@lru_cache(maxsize=1)
def companies() -> dict[str, str | None]:
    """Word prefixes of the companies' names (listing suffixes and ".com" removed) -> their
    home country; None where companies of several countries share the prefix."""
    table: dict[str, str | None] = {}
    for name, found in actors().items():
        if found.sector not in _BUSINESS or not found.country:
            continue
        words = name.removesuffix(".com").split()
        while len(words) > 1 and words[-1] in _LISTING_SUFFIXES:
            words = words[:-1]
        for length in range(1, len(words) + 1):
            prefix = " ".join(words[:length])
            if length == 1 and (len(words) > 1 or len(prefix) < 4):
                # a first word alone names the company only when it is the whole name
                # ("Nomura"), not a word of a longer one ("Chelsea Therapeutics", "Hill
                # International"); "jp", "bp": too short to stand alone
                continue
            if table.get(prefix, found.country) != found.country:
                table[prefix] = None
            else:
                table[prefix] = found.country
    return table


# Titles the Phoenix lists put before a surname alone ("PRESIDENT_BUSH", "MR._OBAMA").
_TITLES = frozenset({
    "president", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "premier", "chancellor", "governor",
    "senator", "sen.", "king", "queen", "minister", "prime minister", "ayatollah", "emir",
})  # fmt: skip
_OFFICE_SECTORS = frozenset({"GOV", "ELI", "LEG", "MIL", "JUD", "COP", "SPY"})


@lru_cache(maxsize=1)
def titled_surnames() -> dict[str, str | None]:
    """Surnames of the dictionary's "<title> <surname>" entries of state sectors -> their
    country; None where the entries of a surname disagree ("Johnson": LBR and USA)."""
    table: dict[str, str | None] = {}
    for name, found in actors().items():
        title, _, surname = name.rpartition(" ")
        if title not in _TITLES or found.sector not in _OFFICE_SECTORS or not found.country:
            continue
        if table.get(surname, found.country) != found.country:
            table[surname] = None
        else:
            table[surname] = found.country
    return table


# Sectors of the actor dictionary whose named entries are mostly people ("john howard" ELI).
_PEOPLE_SECTORS = frozenset({
    "GOV", "ELI", "LEG", "MIL", "JUD", "COP", "SPY", "OPP", "REB", "BUS", "MED", "EDU", "HLH",
    "REL", "CVL", "ENV", "LAB",
})  # fmt: skip


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names, read off the people the actor dictionary lists ("justin malewezi",
    "roy ..."): a word that opens three or more entries of two to four words of a person's
    sector, and opens at least half the entries it appears in at all (which leaves out
    words such as "national", "federal", "revolutionary", and surnames such as "ahmad")."""
    opening: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    for name, found in actors().items():
        words = name.split()
        anywhere.update(words)
        if 2 <= len(words) <= 4 and found.sector in _PEOPLE_SECTORS and found.country:
            opening[words[0]] += 1
    return frozenset(
        word
        for word, count in opening.items()
        if count >= 3
        and len(word) >= 3
        and word.isalpha()
        and word not in agents()
        and count * 2 >= anywhere[word]
    )


@lru_cache(maxsize=1)
def _state_names() -> dict[str, tuple[str, ...]]:
    """Country -> the names the actor dictionary lists for it without a sector (the state,
    its towns and its nationality: "togo", "lome", "togolese")."""
    table: dict[str, list[str]] = {}
    for name, found in actors().items():
        if found.sector == "" and found.country:
            table.setdefault(found.country, []).append(name)
    return {country: tuple(names) for country, names in table.items()}


@lru_cache(maxsize=4096)
def state_nationality(word: str) -> str | None:
    """The place a nationality among the state's names is made from: a shorter name of the
    same country that the word extends by at most four letters, all but its last letter
    shared ("togolese" -> "togo", "ukrainian" -> "ukraine"); None for other words."""
    folded = word.strip().casefold()
    found = actors().get(folded)
    if found is None or found.sector != "" or not found.country:
        return None
    for name in _state_names().get(found.country, ()):
        if 4 <= len(name) < len(folded) <= len(name) + 4 and folded.startswith(name[:-1]):
            return name
    return None


@lru_cache(maxsize=1)
def _extended_names() -> dict[str, tuple[str, ...]]:
    """A listed name -> the first words of the longer listed names that are it with one word
    before ("islamic jihad" -> "palestinian", "turkish", "eritrean", "yemen")."""
    table: dict[str, list[str]] = {}
    listed = actors()
    for name in listed:
        first, _, rest = name.partition(" ")
        if rest in listed:
            table.setdefault(rest, []).append(first)
    return {name: tuple(words) for name, words in table.items()}


def name_qualifiers(name: str) -> tuple[str, ...]:
    """The words that set the listed groups apart whose names are this one with a word
    before it ("Islamic Jihad": "Palestinian", "Turkish", "Yemen"...)."""
    return _extended_names().get(" ".join(name.split()).casefold(), ())


def titled_surname(word: str) -> str | None:
    return titled_surnames().get(word.strip().casefold())


def company_country(name: str) -> str | None:
    return companies().get(" ".join(name.split()).casefold())


def actor(name: str) -> Actor | None:
    return actors().get(" ".join(name.split()).casefold())


def agent(word: str) -> str | None:
    return agents().get(word.casefold())


def place_country(name: str) -> str | None:
    return places().get(" ".join(name.split()).casefold())
