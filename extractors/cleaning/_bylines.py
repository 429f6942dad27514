"""Bylines: person names out of what a page or a text calls its authors, and the news agency
the article came from.

Pages declare authors loosely: "Tom Gillespie News reporter", "AP National Security Writer",
"Jill Lawless Associated Press", "Jerusalem Post Staff November", "By Meg Kinnard and Errin
Haines", or an agency alone ("Associated Press"). `clean_byline` keeps the person names (roles,
outlet names and dates cut off; a name must look like a person's: two to five capitalised
words, no organisation word) and records an agency byline as the article's agency, not as a
person. `dateline_agency` finds the agency in a wire dateline ("NEW YORK (Reuters) -",
"COLUMBIA, S.C. (AP) —").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Canonical agency name -> the ways bylines and datelines write it (casefolded).
AGENCIES: dict[str, tuple[str, ...]] = {
    "Associated Press": ("associated press", "the associated press", "ap"),
    "Reuters": ("reuters", "thomson reuters"),
    "Agence France-Presse": ("agence france-presse", "agence france presse", "afp"),
    "Press Trust of India": ("press trust of india", "pti"),
    "United Press International": ("united press international", "upi"),
    "Canadian Press": ("the canadian press", "canadian press"),
    "Deutsche Presse-Agentur": ("deutsche presse-agentur", "dpa"),
    "Asian News International": ("asian news international", "ani"),
    "Indo-Asian News Service": ("indo-asian news service", "ians"),
    "Xinhua": ("xinhua", "xinhua news agency"),
    "Kyodo News": ("kyodo", "kyodo news"),
    "Yonhap": ("yonhap", "yonhap news agency"),
}
_AGENCY_OF = {form: name for name, forms in AGENCIES.items() for form in forms}
# Forms that are only an agency in a byline or dateline when written in capitals ("AP", not
# "ap"; "ANI", not "Ani").
_CAPITALS_ONLY = frozenset({"ap", "afp", "pti", "upi", "dpa", "ani", "ians"})
_LONGEST_AGENCY = max(len(form.split()) for form in _AGENCY_OF)

# Words that end the name part of a byline: roles, outlet words, dates.
ROLE_WORDS = frozenset({
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor",
    "editors", "columnist", "contributor", "contributors", "producer", "staff", "analyst",
    "bureau", "chief", "senior", "national", "international", "political", "security",
    "business", "sports", "technology", "science", "health", "digital", "special", "associate",
    "deputy", "managing", "executive", "contributing", "freelance", "photographer", "anchor",
    "host", "news", "desk", "team", "feature", "features", "opinion", "breaking", "investigative",
    "white", "house", "economics", "economy", "markets", "finance", "entertainment", "travel",
    "foreign", "affairs", "legal", "education", "environment", "climate", "data", "video",
    "multimedia", "intern", "fellow", "for", "at", "in", "with", "via", "from", "published",
    "updated", "posted", "on", "by",
})  # fmt: skip
OUTLET_WORDS = frozenset({
    "post", "times", "journal", "herald", "tribune", "gazette", "press", "daily", "magazine",
    "media", "network", "online", "tv", "radio", "newspaper", "newspapers", "chronicle",
    "observer", "guardian", "telegraph", "independent", "express", "mirror", "star", "sun",
    "leader", "dispatch", "courier", "record", "review", "bulletin", "inquirer", "register",
    "examiner", "reuters", "bloomberg", "cnn", "bbc", "nbc", "abc", "cbs", "fox", "msnbc",
    "npr", "pbs", "agency", "wire", "services", "service",
})  # fmt: skip
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "updated", "published",
})  # fmt: skip
# Words that make a name an organisation or a phrase, never a person.
NOT_PERSON = frozenset({
    "the", "a", "an", "ministry", "ministries", "department", "government", "council",
    "committee", "office", "agency", "police", "army", "forces", "defense", "defence", "state",
    "university", "institute", "company", "inc", "inc.", "llc", "ltd", "group", "association",
    "staff", "team", "desk", "editors", "editorial", "board", "admin", "administrator", "guest",
    "contributor", "newsroom", "sponsored", "partner", "content", "wire", "reports",
})  # fmt: skip
_PARTICLES = frozenset({
    "de", "da", "del", "della", "der", "di", "du", "dos", "das", "van", "von", "le", "la", "bin",
    "ibn", "al", "el", "ter", "ten", "y", "e", "st.",
})  # fmt: skip
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
_LEADING = re.compile(r"^\s*(?:(?:written|reported|compiled|edited)\s+by|by)[:\s]+", re.I)
DATELINE_AGENCY = re.compile(r"\((AP|Reuters|AFP|PTI|UPI|CP|dpa|ANI|IANS|Xinhua)\)\s*[-—–:]")


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...]
    agency: str | None


def agency_of(text: str) -> str | None:
    """The canonical agency a byline part names by itself ("AP", "The Associated Press")."""
    form = " ".join(text.split()).strip(" .,:;-—–()").casefold()
    found = _AGENCY_OF.get(form)
    if found and form in _CAPITALS_ONLY and not text.strip(" .,:;-—–()").isupper():
        return None
    return found


def _name_token(word: str) -> bool:
    """A word of a person's name: capitalised letters (any script), with apostrophes, dots
    and hyphens ("O'Neil", "J.", "Jean-Luc", "Émilie", "McCarthy")."""
    return word[0].isupper() and all(ch.isalpha() or ch in "'’.-" for ch in word)


def _person(words: list[str]) -> str | None:
    """The words as a person's name, or None when they do not look like one."""
    while words and words[-1].casefold() in _PARTICLES:
        words = words[:-1]
    half = len(words) // 2
    if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # the name written twice ("Sean Martin Sean Martin")
    if not 2 <= len(words) <= 5:
        return None
    if any(w.casefold().strip(".,") in NOT_PERSON for w in words):
        return None
    named = [w for w in words if w.casefold() not in _PARTICLES]
    if all(w.isupper() for w in named):  # a byline in capitals: "MEG KINNARD"
        words = [_title_case(w) if w.casefold() not in _PARTICLES else w for w in words]
        named = [w for w in words if w.casefold() not in _PARTICLES]
    for word in named:
        if not _name_token(word) or (word.isupper() and len(word.strip(".")) > 2):
            return None
    return " ".join(words)


def _title_case(word: str) -> str:
    """A word in capitals as a name is written: "MCCARTHY" -> "McCarthy", "O'NEIL" ->
    "O'Neil", "JEAN-LUC" -> "Jean-Luc"; initials ("J.") stay."""
    if len(word.strip(".")) <= 1:
        return word
    cased = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)
    if cased.startswith("Mc") and len(cased) > 3:
        cased = "Mc" + cased[2].upper() + cased[3:]
    return cased


def _split_part(part: str) -> tuple[str | None, str | None]:
    """(person name, agency) of one byline part, either may be None."""
    part = _LEADING.sub("", part).strip(" .,:;-—–|")
    agency = agency_of(part)
    if agency:
        return None, agency
    words = part.split()
    # an agency inside the part: "Jill Lawless Associated Press", "AP National Security
    # Writer", "Tom Davies Associated Press Published 11:34 PM": the name is what precedes it
    found_at = None
    for start in range(len(words)):
        for size in range(min(_LONGEST_AGENCY, len(words) - start), 0, -1):
            found = agency_of(" ".join(words[start : start + size]))
            if found:
                found_at = (start, size)
                break
        if found_at:
            break
    if found_at:
        start, size = found_at
        agency = agency_of(" ".join(words[start : start + size]))
        words = words[:start] if start > 0 else words[size:]
    # a role before the name: "Senior Reporter Jane Doe"
    while words and words[0].casefold().strip(".,:") in ROLE_WORDS:
        words = words[1:]
    kept: list[str] = []
    for word in words:
        folded = word.casefold().strip(".,")
        if folded in OUTLET_WORDS:  # "Sioux Falls Argus Leader", "Jerusalem Post Staff"
            return None, agency
        if (
            folded in ROLE_WORDS
            or folded in MONTHS
            or any(ch.isdigit() for ch in word)
            or "@" in word
            # a separator: "Tess Bonn - 11/19/19", "Jane Doe • 2 min read"
            or not any(ch.isalpha() for ch in word)
        ):
            break
        kept.append(word)
    return _person(kept), agency


def clean_byline(names: Iterable[str]) -> Byline:
    """Person names (deduplicated, in order) and the agency of what a page calls its authors."""
    authors: list[str] = []
    seen: set[str] = set()
    agency = None
    for name in names:
        for part in _SPLIT.split(name):
            if not part.strip():
                continue
            person, found = _split_part(part)
            agency = agency or found
            if person and person.casefold() not in seen:
                seen.add(person.casefold())
                authors.append(person)
    return Byline(tuple(authors), agency)


def dateline_agency(text: str) -> str | None:
    """The agency of a wire dateline that opens the text or its first paragraph after the
    headline: "NEW YORK (Reuters) -", "COLUMBIA, S.C. (AP) —"."""
    lines = [line for line in text[:600].split("\n") if line.strip()][:2]
    for line in lines:
        match = DATELINE_AGENCY.search(line[:80])
        if match:
            code = match.group(1)
            return "Canadian Press" if code == "CP" else agency_of(code)
    return None


def page_byline_agency(texts: Iterable[str]) -> str | None:
    """An agency named alone in a page's byline elements ("Associated Press" under the
    headline while the page's author metadata names a person)."""
    for text in texts:
        for part in _SPLIT.split(text):
            found = _split_part(part)[1]
            if found:
                return found
    return None
