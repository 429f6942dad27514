"""What one trimmed span is: dropped as no entity (events, products, labels of parts,
common acronyms) or relabelled (facilities, bylines, outlets, celestial bodies, teams).

Separate because these are decisions on a single span; the passes over the whole list of
mentions live in `_mention_passes`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ._countries import CELESTIAL, demonym, is_region, place
from ._dictionaries import (
    actor,
    agent,
    company_country,
    place_country,
)
from ._mention_text import HONORIFICS, TITLES, _organisation_words, doc_text
from ._tokens import entity_spans, tokens

FACILITY_HEADS = frozenset({
    "Square", "Airport", "House", "Palace", "Hall", "Stadium", "Arena", "Bridge", "Hotel",
    "Station", "Tower", "Hospital", "Street", "Avenue", "Boulevard", "Building", "Museum",
    "Cathedral", "Church", "Mosque", "Temple", "Statehouse", "Capitol", "Embassy", "Base",
    "Prison", "Mausoleum", "Plaza", "Port", "Harbor", "Harbour", "Dam", "Infirmary", "Theater",
    "Theatre", "Jail", "Penitentiary", "Observatory", "Telescope", "Facility",
})  # fmt: skip
# Last words of the names of land and water features ("Royal National Park", "Dismal
# Swamp", "the White Mountains").
FEATURE_HEADS = frozenset({
    "river", "mountains", "mountain", "range", "ranges", "valley", "lake", "swamp", "creek",
    "gorge", "island", "islands", "park", "forest", "desert", "hills", "heights", "bay",
    "gulf", "peninsula", "strait", "sea", "ocean", "coast", "reef", "plateau",
})  # fmt: skip
# "Metropolitan Correctional Center", "Otay Mesa Detention Facility", "Northside Shopping
# Centre", "World Trade Center": a centre that holds people, shops or offices is a
# building, where "Pew Research Center" is an organisation.
_HOLDING_WORDS = frozenset({
    "Correctional", "Detention", "Juvenile", "Convention", "Shopping", "Trade", "Sports",
    "Aquatic", "Community",
})  # fmt: skip
_CENTRE_WORDS = frozenset({"Center", "Centre", "Facility", "Complex"})
# Chambers of a legislature, named after their state: an organisation, not a building.
_CHAMBERS = frozenset({"House", "Senate", "Assembly"})
# Heads that are also surnames: only trusted on ORG/GPE spans, never to relabel a PERSON.
_SURNAME_HEADS = frozenset({"Park", "House", "Street", "Hall", "Bridge", "Port"})
# Last words of club and team names the model takes for people.
TEAM_WORDS = frozenset({
    "United", "City", "FC", "Hotspur", "Rovers", "Athletic", "Wanderers", "Albion", "Villa",
    "Rangers", "Celtic", "Dynamo", "Juventus",
})  # fmt: skip
# Acronyms of common nouns, never an entity by themselves.
COMMON_ACRONYMS = frozenset({
    "IPO", "CEO", "CFO", "COO", "CTO", "GDP", "CT", "MRI", "PE", "WTF", "LOL", "TV", "AI",
    "DNA", "RNA", "ETF", "EPS", "VAT", "GMT", "EST", "PST", "UTC", "AM", "PM", "FAQ", "PDF",
    "URL", "USB", "SUV", "DIY", "ICU", "ER", "PR", "HR", "QB", "MVP", "DL", "RB", "WR",
})  # fmt: skip


def _in_byline(doc: Doc, span: Span) -> bool:
    """True when the span sits on a 'By A, B and C' line near the top of the text."""
    if span.start_char > 600:
        return False
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line = text[line_start : text.find("\n", span.start_char) % (len(text) + 1)]
    return line.lstrip().startswith(("By ", "by ", "BY "))


@lru_cache(maxsize=4096)
def _known_outlet(text: str) -> bool:
    """A news outlet by a name the outlet list or the actor dictionary knows, that no
    gazetteer knows as a place."""
    from ._countries import place_iso3
    from ._entity_countries import is_media

    return is_media(text) and place_iso3(text) is None and not is_region(text)


# Last words of the names of events (a match, a tournament, a show): names the conventions
# leave out of the entities (tests/gold/README.md), and that have no home country.
EVENT_WORDS = frozenset({
    "final", "finals", "championship", "championships", "cup", "tournament", "games",
    "olympics", "series", "show", "classic", "open", "festival", "expo", "marathon", "derby",
    "playoffs", "awards", "event", "fair", "prix", "rally", "gala",
    "test",  # a cricket match: "the Adelaide Test", "the Boxing Day Test"
})  # fmt: skip
# Those that also end names of firms ("Epic Games") or works: not enough alone to drop a name.
_EVENT_OR_FIRM_WORDS = frozenset({"games", "series", "show", "classic", "fair", "open", "test"})
_EVENT_NOUNS = frozenset(
    {"tournament", "tournaments", "championship", "championships", "final", "finals"}
)


def _event_name(doc: Doc, start: int, end: int, text: str, label: str) -> bool:
    """An event the model tagged as an organisation, person or facility: a name of two words
    or more ending in an event word ("Davis Cup Finals", "ATP Finals"), or one that
    modifies a lowercase event noun after it ("the Grand Slam tournaments")."""
    if label not in {"ORG", "PERSON", "FAC"}:
        return False
    words = [w.casefold().strip(".,'’") for w in text.split()]
    if len(words) > 1 and words[-1] in EVENT_WORDS - _EVENT_OR_FIRM_WORDS:
        return True
    after = tokens(doc)[end] if end < len(doc) else None
    return (
        after is not None
        and after.is_lower
        and after.lower_ in _EVENT_NOUNS
        and tokens(doc)[end - 1].dep_ == "compound"
        and tokens(doc)[end - 1].head.i == after.i
    )


# Last words of a statute's name ("the Clean Air Act", "the Fifth Amendment"): a law, which
# the model tags as an organisation, not a body.
_LAW_WORDS = frozenset({"Act", "Amendment"})


def _law_name(text: str, label: str) -> bool:
    words = text.split()
    return label in {"ORG", "PERSON", "FAC"} and len(words) > 1 and words[-1] in _LAW_WORDS


# Kinds of vehicles and machines that end the name of a model or a craft ("LC 500
# Convertible", "Exploration Upper Stage"), never an organisation's.
_PRODUCT_KINDS = frozenset({
    "concept", "convertible", "coupe", "sedan", "hatchback", "roadster", "wagon", "pickup",
    "crossover", "rocket", "launcher", "lander", "rover", "capsule", "spacecraft", "stage",
})  # fmt: skip


def _product_name(text: str) -> bool:
    words = text.split()
    return len(words) > 1 and words[-1].casefold() in _PRODUCT_KINDS and words[-1][:1].isupper()


# Nouns that a letter or a number after them makes a label of a part of a list, a draw or a
# document ("Group H", "Path C", "Pool 2", "Phase III"), no name of an organisation or place.
_LABEL_NOUNS = frozenset({
    "Group", "Path", "Pool", "Section", "Division", "Class", "Category", "Phase", "Stage",
    "Tier", "Level", "Round", "Type", "Zone", "Heat", "Grade", "Table", "Figure", "Chapter",
    "Part", "Option", "Plan", "Step", "Bracket", "Lane", "Gate", "Terminal", "Appendix",
})  # fmt: skip
_LABEL_MARK = re.compile(r"^(?:[A-Z]|\d{1,3}|[IVX]{1,4})\.?$")


def _label_of_part(text: str) -> bool:
    words = text.split()
    return len(words) == 2 and words[0] in _LABEL_NOUNS and bool(_LABEL_MARK.match(words[1]))


def _drop(doc: Doc, start: int, end: int, text: str, label: str) -> bool:
    if not text or not any(ch.isalpha() for ch in text):
        return True
    if _label_of_part(text) or _event_name(doc, start, end, text, label) or _law_name(text, label):
        return True
    if label in {"ORG", "PERSON"} and _product_name(text):
        return True
    if text.startswith("@") or tokens(doc)[start].text.startswith("@") or text in COMMON_ACRONYMS:
        return True
    if not any(ch.isupper() for ch in text):
        return True
    if label in {"PERSON", "ORG"} and any(
        tokens(doc)[i].is_lower and tokens(doc)[i].tag_ in {"VBD", "VBZ", "VBP"}
        for i in range(start + 1, end - 1)
    ):
        return True  # a clause the model took for a name: "Garrett hit Rudolph"
    if (
        end - start == 1
        and start >= 2
        and tokens(doc)[start - 1].lower_ == "of"
        and tokens(doc)[start - 2].text.capitalize() in TITLES
        and place(text) is None
        and actor(text) is None
    ):
        return True  # "Secretary of State", "Chief of Staff": the office's own word
    if label == "PERSON" and end - start == 1:
        token = tokens(doc)[start]
        first_word = start == 0 or token.is_sent_start or tokens(doc)[start - 1].is_quote
        if first_word and token.tag_ not in {"NNP", "NNPS"}:
            return True
    return False


# Celestial bodies that also name gods, firms, papers or rockets: a place only after "planet"
# or "moon" ("the planet Mercury", "Saturn's moon Titan").
_AMBIGUOUS_BODIES = frozenset({"sun", "the sun", "moon", "mercury", "mars", "venus", "titan", "io"})
_BODY_NOUNS = frozenset({"planet", "planets", "moon", "moons", "dwarf"})


def _celestial(doc: Doc, start: int, text: str) -> bool:
    folded = " ".join(text.split()).casefold()
    if folded not in CELESTIAL:
        return False
    if folded not in _AMBIGUOUS_BODIES:
        return True
    return start > 0 and tokens(doc)[start - 1].lower_ in _BODY_NOUNS


# A team's win-loss(-tie) record in brackets right after its name on a results line.
_RECORD = re.compile(r"[ \t]*\((?:\d{1,3}-\d{1,3}(?:-\d{1,3})?|NR)\)")  # NR: not ranked


def _relabel(
    doc: Doc, span: Span, start: int, end: int, text: str, label: str
) -> tuple[str, str, int]:
    """Returns (label, text, end_token) after the facility / byline / place fixes."""
    last = tokens(doc)[end - 1].text
    facility = label in {"PERSON", "ORG", "GPE", "LOC"} and end - start > 1
    words = text.split()
    if (
        label in {"ORG", "GPE", "FAC", "LOC"}
        and len(words) > 1
        and words[-1] in _CHAMBERS
        and getattr(place(" ".join(words[:-1])), "kind", None) in {"state", "country"}
    ):
        return "ORG", text, end  # "the Indiana House": the state's chamber
    if facility and last in FACILITY_HEADS and not (label == "PERSON" and last in _SURNAME_HEADS):
        return "FAC", text, end
    if facility and last in _CENTRE_WORDS and tokens(doc)[end - 2].text in _HOLDING_WORDS:
        return "FAC", text, end
    # "Royal National Park", "the White Mountains" (also a company's name), "the Amazon
    # river": a name whose last word, or a lowercase word right after it, is a land or water
    # feature is that feature's, unless a company or state body word is in it.
    if (
        label in {"ORG", "LOC"}
        and len(words) > 1
        and words[-1].casefold() in FEATURE_HEADS
        and not _organisation_words(text)
    ):
        return "LOC", text, end
    if (
        label in {"ORG", "LOC"}
        and end < len(doc)
        and tokens(doc)[end].is_lower
        and tokens(doc)[end].text in FEATURE_HEADS
        and tokens(doc)[end].dep_ != "compound"
    ):
        return "LOC", f"{text} {tokens(doc)[end].text}", end + 1
    # "Kim Il Sung square": a lowercase facility word right after the name.
    if end < len(doc) and label in {"PERSON", "ORG", "GPE"}:
        following = tokens(doc)[end].text
        if following.islower() and following.capitalize() in FACILITY_HEADS:
            return "FAC", f"{text} {following.capitalize()}", end + 1
    if label in {"PERSON", "GPE", "LOC", "ORG"} and _RECORD.match(
        doc_text(doc), tokens(doc)[end - 1].idx + len(last)
    ):
        return "ORG", text, end  # "Rockledge (0-1):", "Melbourne (1-1-1)": a team and its record
    bylined = label in {"GPE", "LOC", "NORP"} and end - start > 1 and _in_byline(doc, span)
    if bylined and place(text) is None and all(tokens(doc)[i].is_title for i in range(start, end)):
        return "PERSON", text, end
    if label in {"PERSON", "ORG"} and place(text) is not None:
        return "GPE", text, end
    if (
        label in {"ORG", "GPE", "NORP"}
        and 2 <= len(words) <= 3
        and end + 1 < len(doc)
        and tokens(doc)[end].text == ","
        and tokens(doc)[end + 1].lower_ == "who"
        and all(w[:1].isupper() and w.isalpha() for w in words)
        and not _organisation_words(text)
    ):
        return "PERSON", text, end  # "Montell Figgins, who represents Thomas"
    if (
        label == "PERSON"
        and len(words) > 1
        and (words[-1] in TEAM_WORDS or words[0] in {"FC", "AC", "Real", "Inter", "Sporting"})
    ):
        return "ORG", text, end  # "Manchester United", "Tottenham Hotspur", "FC Porto"
    if (
        label in {"GPE", "LOC"}
        and len(words) > 1
        and words[-1] in TEAM_WORDS - {"City"}  # Kansas City, Mexico City are towns
        and place(text) is None
    ):
        return "ORG", text, end  # "Manchester United" tagged a place
    if label in {"PERSON", "ORG", "GPE", "FAC", "NORP"} and _celestial(doc, start, text):
        return "LOC", text, end  # "the planet Mercury", "Enceladus", "the Solar System"
    if label in {"GPE", "LOC", "ORG"} and demonym(text) is not None and place(text) is None:
        return "NORP", text, end
    if label == "PERSON" and " " not in text and demonym(text) is not None and place(text) is None:
        return "NORP", text, end  # "Tom Hale, 35, a Briton, …"
    if (
        label in {"GPE", "LOC", "PERSON"}
        and _listed_organisation(text)
        and not (label == "PERSON" and _named_person(doc, start, end))
    ):
        return "ORG", text, end  # "Netflix", "Ithaca Holdings" tagged as places or persons
    if label in {"GPE", "LOC", "PERSON"} and _known_outlet(text):
        return "ORG", text, end  # "Bloomberg reported", tagged a place
    return label, text, end


_ORGANISATION_SECTORS = frozenset({"MNC", "BUS", "MED", "IGO", "NGO"})
_LISTING_WORDS = frozenset({
    "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "llc", "holdings", "group",
    "corporation", "company",
})  # fmt: skip


def _honoured(doc: Doc, span: Span) -> bool:
    """A name the model tags otherwise that opens with an honorific ("Dr Hollingworth",
    "Mr Schneiders" tagged ORG): a person, when "Mr", "Mrs" or "Ms" opens it or its last
    word is a person's name elsewhere in the text ("Dr Pepper" is a drink)."""
    if len(span) < 2 or span[0].text not in HONORIFICS or not span[1].text[:1].isupper():
        return False
    if span[0].text.rstrip(".") in {"Mr", "Mrs", "Ms"}:
        return True
    last = span[-1].text
    return any(e.label_ == "PERSON" and last in {t.text for t in e} for e in entity_spans(doc))


def _named_person(doc: Doc, start: int, end: int) -> bool:
    """A name the text treats as a person's: after a title ("Deputy Defence Secretary Paul
    Wolfowitz"), or with its last word tagged a person elsewhere ("Mr Wolfowitz said"). The
    actor dictionary codes some people by the body they led (Wolfowitz, Solana: IGO)."""
    if end - start < 2:
        return False
    if start > 0 and (
        tokens(doc)[start - 1].text in TITLES or agent(tokens(doc)[start - 1].lower_)
    ):
        return True
    last = tokens(doc)[end - 1].text
    return any(e.label_ == "PERSON" and e.text == last for e in entity_spans(doc))


def _listed_organisation(text: str) -> bool:
    """A name the field's actor dictionary lists as a company, outlet or international body,
    or one ending in a company word, and that no gazetteer knows as a place."""
    if place(text) is not None or place_country(text) is not None:
        return False
    if text.split()[-1].casefold() in _LISTING_WORDS and len(text.split()) > 1:
        return True
    found = actor(text)
    if found is not None:
        return found.sector in _ORGANISATION_SECTORS
    return company_country(text) is not None
