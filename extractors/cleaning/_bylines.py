"""Bylines: person names out of what a page or a text calls its authors, and the news agency
the article came from.

Pages declare authors loosely: "Tom Gillespie News reporter", "AP National Security Writer",
"Jill Lawless Associated Press", "Jerusalem Post Staff November", "By Meg Kinnard and Errin
Haines", or an agency alone ("Associated Press"). `clean_byline` keeps the person names (roles,
outlet names and dates cut off; a name must look like a person's: two to five capitalised
words, no organisation word) and records an agency byline as the article's agency, not as a
person. `dateline_agency` finds the agency in a wire dateline ("NEW YORK (Reuters) -",
"COLUMBIA, S.C. (AP) —").

An HTML page says who wrote it in several places; `page_bylines` reads them (JSON-LD
`author` of the article node: Person or Organization, lists, nested `name`, @graph
references; author meta tags; itemprop / rel="author" markup; the "By X and Y" line under the
headline) and `choose_byline` takes the authors from the first source that gives person
names, the agency from the first that names one, and leaves the publisher's own name out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml import etree

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
    "Australian Associated Press": ("australian associated press", "aap"),
    "EFE": ("efe", "agencia efe"),
    "ANSA": ("ansa",),
    "Anadolu Agency": ("anadolu agency", "anadolu ajansi"),
    "TASS": ("tass",),
    "Interfax": ("interfax",),
    "Bernama": ("bernama",),
    "Antara": ("antara", "antara news agency"),
}
_AGENCY_OF = {form: name for name, forms in AGENCIES.items() for form in forms}
# Forms that are only an agency in a byline or dateline when written in capitals ("AP", not
# "ap"; "ANI", not "Ani").
_CAPITALS_ONLY = frozenset({
    "ap", "afp", "pti", "upi", "dpa", "ani", "ians", "aap", "efe", "ansa", "tass", "antara",
})  # fmt: skip
_LONGEST_AGENCY = max(len(form.split()) for form in _AGENCY_OF)

# Words that end the name part of a byline: roles, outlet words, dates.
ROLE_WORDS = frozenset({
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor",
    "editors", "columnist", "contributor", "contributors", "producer", "staff", "analyst",
    "bureau", "chief", "senior", "national", "international", "political", "security",
    "business", "sports", "technology", "science", "health", "digital", "special", "associate",
    "deputy", "managing", "executive", "contributing", "freelance", "photographer", "anchor",
    "host", "news", "desk", "team", "feature", "features", "opinion", "breaking", "investigative",
    "house", "economics", "economy", "markets", "finance", "entertainment", "travel",
    "foreign", "affairs", "legal", "education", "environment", "climate", "data", "video",
    "multimedia", "intern", "fellow", "for", "at", "in", "with", "via", "from", "published",
    "updated", "posted", "on", "by",
})  # fmt: skip
OUTLET_WORDS = frozenset({
    "post", "times", "journal", "herald", "tribune", "gazette", "press", "daily", "magazine",
    "media", "network", "online", "tv", "radio", "newspaper", "newspapers", "chronicle",
    "observer", "guardian", "telegraph", "independent", "express", "mirror", "star", "sun",
    "leader", "dispatch", "courier", "record", "review", "bulletin", "inquirer", "register",
    "examiner", "reuters", "bloomberg", "cnn", "bbc", "nbc", "abc", "cbs", "msnbc",
    "npr", "pbs", "agency", "wire", "services", "service", "jazeera", "arabiya", "welle",
    "pravda", "novosti", "today",
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
HONORIFICS = frozenset({
    "dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx.",
    "sir", "dame", "rev", "rev.", "reverend",
})  # fmt: skip
# Name suffixes written in capitals that are still part of a name: "Martin Hale III".
_SUFFIXES = frozenset({"ii", "iii", "iv", "jr", "jr.", "sr", "sr."})
_PARTICLES = frozenset({
    "de", "da", "del", "della", "der", "di", "du", "dos", "das", "van", "von", "le", "la", "bin",
    "ibn", "al", "el", "ter", "ten", "y", "e", "st.",
})  # fmt: skip
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
# "By", "Written by", "Analysis by" ... before the names
_LEADING = re.compile(
    r"^\s*(?:(?:written|reported|compiled|edited|analysis|opinion|commentary|story|words|text)"
    r"\s+by|by)[:\s]+",
    re.I,
)
# "By" in the languages whose pages the corpus meets: "Por Ana Pereda", "Von Jana Kühn",
# "Par Jean Morel", "Door Anouk Smit" (capitalised: "par" inside a phrase is not a byline).
_FOREIGN_BY = re.compile(r"^(?:Por|POR|Von|VON|Par|PAR|Door|DOOR)\s+")
# A single author written "Last, First", as library catalogues and some CMSs do.
_LAST_FIRST = re.compile(r"^\s*([^\W\d_][\w'’-]+),\s*([^\W\d_][\w'’.-]*(?:\s+[A-Z]\.)?)\s*$")
_WIRE_CODES = r"(AP|Reuters|AFP|PTI|UPI|CP|dpa|ANI|IANS|Xinhua|AAP|EFE|ANSA|TASS)"
DATELINE_AGENCY = re.compile(rf"\({_WIRE_CODES}\)\s*[-—–:]")
# A copyright notice and what follows it, "Copyright 2019 The Associated Press. All rights"
_COPYRIGHT = re.compile(
    r"^[\s—–-]*(?:(?:copyright|©|\(c\))\s*)+(?:\d{4}\s*)?[,:]?\s*(.{1,60})",
    re.I,
)
# A dateline with no dash after the agency opens its line with a place in capitals:
# "NEW DELHI, Nov 19 (PTI) The government ...".
_OPENING_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z.'’ -]{{1,40}}(?:,[^()\n]{{0,30}})?\s*\({_WIRE_CODES}\)\s+\S"
)


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
    if sum(w.casefold() not in _PARTICLES for w in words) < 2:
        return None  # "Al Jazeera", "El Pais": one name word after a particle
    if any(w.casefold().strip(".,") in NOT_PERSON for w in words):
        return None
    named = [w for w in words if w.casefold() not in _PARTICLES]
    if all(w.isupper() for w in named):  # a byline in capitals: "MEG KINNARD"
        words = [_title_case(w) if w.casefold() not in _PARTICLES else w for w in words]
        named = [w for w in words if w.casefold() not in _PARTICLES]
    for word in named:
        if word.casefold() in _SUFFIXES:
            continue
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


def _role(words: list[str], i: int) -> bool:
    """Whether words[i] is a role word; "White" only in "White House" ("Jack White")."""
    folded = words[i].casefold().strip(".,:")
    if folded == "white":
        return i + 1 < len(words) and words[i + 1].casefold().strip(".,:") == "house"
    return folded in ROLE_WORDS


def _split_part(part: str) -> tuple[str | None, str | None]:
    """(person name, agency) of one byline part, either may be None."""
    part = _LEADING.sub("", part).strip(" .,:;-—–|")
    foreign = _FOREIGN_BY.match(part)
    if foreign and len(part[foreign.end() :].split()) >= 2:  # not "Von Miller" alone
        part = part[foreign.end() :]
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
    # a role or a title before the name: "Senior Reporter Jane Doe", "Dr. Jane Doe"
    while words and (_role(words, 0) or words[0].casefold().strip(",:") in HONORIFICS):
        words = words[1:]
    kept: list[str] = []
    for i, word in enumerate(words):
        folded = word.casefold().strip(".,")
        if folded in OUTLET_WORDS or (folded == "fox" and i + 1 < len(words)):
            # "Sioux Falls Argus Leader", "Jerusalem Post Staff", "Fox News" (not "Kara Fox")
            return None, agency
        if (
            _role(words, i)
            or folded in MONTHS
            or any(ch.isdigit() for ch in word)
            or "@" in word
            # a separator: "Tess Bonn - 11/19/19", "Jane Doe • 2 min read"
            or not any(ch.isalpha() for ch in word)
        ):
            break
        kept.append(word)
    return _person(kept), agency


def _same_person_key(name: str) -> tuple[str, str]:
    """First and last name word: "Sarah E. Needleman" and "Sarah Needleman" are one person."""
    words = [w.casefold().strip(".") for w in name.split()]
    return words[0], words[-1]


def _first_last(name: str) -> str:
    """ "Doe, Jane" as "Jane Doe": one comma between two capitalised single words, neither an
    agency nor a role or outlet word ("Ana Pereda, EFE" and "Jack White, Reporter" stay)."""
    match = _LAST_FIRST.match(name)
    if not match:
        return name
    last, first = match.group(1), match.group(2)
    for word in (last, first.split()[0]):
        folded = word.casefold().strip(".")
        if (
            not word[0].isupper()
            or agency_of(word)
            or folded in ROLE_WORDS | OUTLET_WORDS | NOT_PERSON | MONTHS
        ):
            return name
    return f"{first} {last}"


def clean_byline(names: Iterable[str]) -> Byline:
    """Person names (deduplicated, in order: one name written twice, with or without a middle
    name or initial, is kept as first written) and the agency of what a page calls its
    authors."""
    authors: list[str] = []
    seen: set[tuple[str, str]] = set()
    agency = None
    for name in names:
        name = _first_last(name)
        for part in _SPLIT.split(name):
            if not part.strip():
                continue
            person, found = _split_part(part)
            agency = agency or found
            if person and _same_person_key(person) not in seen:
                seen.add(_same_person_key(person))
                authors.append(person)
    return Byline(tuple(authors), agency)


def dateline_agency(text: str) -> str | None:
    """The agency of a wire dateline that opens the text or its first paragraph after the
    headline: "NEW YORK (Reuters) -", "COLUMBIA, S.C. (AP) —", "NEW DELHI, Nov 19 (PTI)"."""
    lines = [line for line in text[:600].split("\n") if line.strip()][:2]
    for line in lines:
        match = DATELINE_AGENCY.search(line[:80]) or _OPENING_DATELINE.match(line[:80])
        if match:
            code = match.group(1)
            return "Canadian Press" if code == "CP" else agency_of(code)
    return None


def credit_agency(text: str) -> str | None:
    """The agency of a wire copyright notice among the text's last lines: "Copyright 2019
    The Associated Press. All rights reserved.", "© Thomson Reuters 2019"."""
    lines = [line.strip() for line in text[-1500:].split("\n") if line.strip()][-3:]
    for line in lines:
        match = _COPYRIGHT.match(line[:300])
        if match:
            words = match.group(1).split()
            for size in range(min(_LONGEST_AGENCY, len(words)), 0, -1):
                found = agency_of(" ".join(words[:size]))
                if found:
                    return found
    return None


def drop_byline_line(text: str, authors: tuple[str, ...], agency: str | None) -> tuple[str, bool]:
    """The text without a "By ..." line that trafilatura kept as its first or second line
    (after a repeated headline), when the line names the article's own authors or agency
    and nothing but a byline; and whether one went."""
    lines = text.split("\n")
    opening = [i for i, line in enumerate(lines) if line.strip()][:2]
    for i in opening:
        line = " ".join(lines[i].split())
        if len(line) > 150 or not _BY_LINE.match(line):
            continue
        byline = clean_byline([line])
        named = {a.casefold() for a in byline.authors}
        if (named and named <= {a.casefold() for a in authors}) or (
            not named and byline.agency and byline.agency == agency
        ):
            return "\n".join(lines[:i] + lines[i + 1 :]).strip(), True
    return text, False


def page_byline_agency(texts: Iterable[str]) -> str | None:
    """An agency named alone in a page's byline elements ("Associated Press" under the
    headline while the page's author metadata names a person)."""
    for text in texts:
        for part in _SPLIT.split(text):
            found = _split_part(part)[1]
            if found:
                return found
    return None


# -- a page's byline sources -------------------------------------------------------------------
# JSON-LD @type names whose `author` is the page's byline (schema.org Article, NewsArticle,
# ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report, WebPage ...).
_WORK_TYPES = ("article", "posting", "report", "blog", "webpage", "creativework")
_ORGANISATION_TYPES = ("organization", "organisation", "corporation", "newsmediaorganization")
META_AUTHOR_KEYS = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator", "byl",
    "sailthru.author", "parsely-author", "citation_author",
)  # fmt: skip
_PUBLISHER_META_KEYS = ("copyright", "dc.rights", "dcterms.rights", "og:site_name", "publisher")
_BY_LINE = re.compile(
    r"^(?:(?:written|reported|analysis|opinion|commentary|story|words|text)\s+)?by\b[:\s]*\S", re.I
)
# Tags a "By ..." line under the headline is written in.
_LINE_TAGS = frozenset({
    "p", "div", "span", "address", "li", "a", "strong", "em", "b", "small", "section", "header",
    "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "time", "footer",
})  # fmt: skip
# The headline's "By" line comes before the story: stop at its second paragraph (the first
# may be a deck above the byline), or after this many elements.
_LONG_PARAGRAPH = 100
_STORY_STARTED = 2
_LINE_SCAN = 400
# Where author markup belongs to something else than the story: comments, lists of other
# stories.
_ELSEWHERE = re.compile(
    r"comment|related|recommend|popular|trending|sidebar|promo|teaser|most-|more-", re.I
)
_NOT_BYLINE_TAGS = frozenset({"aside", "nav", "footer"})
# The path of a link to an author's page: "/author/jane-doe", "/staff/jane-doe/".
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|staff|reporters?|journalists?|columnists?|writers?|contributors?|by)/[^/?#]"
    r"|[?&]author=",
    re.I,
)


@dataclass(frozen=True)
class PageBylines:
    """What a page declares about its authors, source by source, before any cleaning.

    jsonld       names of Person (or untyped) authors of the page's article nodes
    organisations  names of Organization authors there ("Reuters")
    meta         <meta name="author"> / article:author / dc.creator / parsely-author values
    publishers   the publisher's names (JSON-LD publisher, og:site_name, copyright notices)
    markup       itemprop="author" (its itemprop="name" when nested) and rel="author" texts
    headline_lines  "By X and Y" lines under the headline
    author_links  texts of links to author pages there ("/author/jane-doe")
    The last three are read from `tree` when first asked for (most pages name their authors in
    structured data, and never need them).
    """

    jsonld: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    meta: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    tree: Any = field(default=None, repr=False, compare=False)

    @cached_property
    def markup(self) -> tuple[str, ...]:
        return tuple(_markup_authors(self.tree)) if self.tree is not None else ()

    @cached_property
    def _under_headline(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return _under_headline(self.tree) if self.tree is not None else ((), ())

    @property
    def headline_lines(self) -> tuple[str, ...]:
        return self._under_headline[0]

    @property
    def author_links(self) -> tuple[str, ...]:
        return self._under_headline[1]


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _types(node: dict[str, Any]) -> list[str]:
    return [t.casefold() for t in _as_list(node.get("@type")) if isinstance(t, str)]


def _name_of(node: dict[str, Any]) -> str | None:
    name = node.get("name")
    if isinstance(name, dict):
        name = name.get("name") or name.get("@value")
    if isinstance(name, list):
        name = "; ".join(n for n in name if isinstance(n, str))
    if not name and isinstance(node.get("familyName"), str):
        parts = [node.get("givenName"), node.get("additionalName"), node.get("familyName")]
        name = " ".join(p for p in parts if isinstance(p, str))
    return name.strip() if isinstance(name, str) and name.strip() else None


def _jsonld_nodes(scripts: Iterable[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(every object of the page's JSON-LD blocks, nested ones included; the page's own
    top-level objects: each block's objects, their @graph members and main entities, not
    the stories a list or a part of the page holds)."""
    nodes: list[dict[str, Any]] = []
    top: list[dict[str, Any]] = []

    def walk(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            nodes.append(value)
            for item in value.values():
                if isinstance(item, dict | list):
                    walk(item)

    def own(value: object, depth: int = 0) -> None:
        for item in _as_list(value):
            if isinstance(item, dict) and depth < 4:
                top.append(item)
                own(item.get("@graph"), depth + 1)
                own(item.get("mainEntity"), depth + 1)

    for script in scripts:
        try:
            data = json.loads(script, strict=False)
            walk(data)
        except (ValueError, RecursionError):  # not JSON, or nested past Python's stack
            continue
        own(data)
    return nodes, top


def jsonld_authors(scripts: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(person names, organisation names, publisher names) of the page's own article nodes
    in its JSON-LD blocks (top level, @graph, mainEntity): `author` (or `creator`) as a
    string, a Person or Organization, a list of them, a nested `name`, or an {"@id"}
    reference to a node elsewhere in the blocks."""
    nodes, top = _jsonld_nodes(scripts)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}
    people: list[str] = []
    organisations: list[str] = []
    publishers: list[str] = []
    for node in top:
        if not any(t.endswith(_WORK_TYPES) for t in _types(node)):
            continue
        for key, into in (("author", None), ("publisher", publishers)):
            if key == "author" and "author" not in node:
                key = "creator"  # schema.org's wider property, when a page has no author
            for entry in _as_list(node.get(key)):
                reference = entry.get("@id") if isinstance(entry, dict) else None
                if isinstance(reference, str) and set(entry) <= {"@id", "@type", "url"}:
                    entry = by_id.get(reference, entry)
                if isinstance(entry, str):
                    name: str | None = entry.strip()
                    kinds: list[str] = []
                elif isinstance(entry, dict):
                    name, kinds = _name_of(entry), _types(entry)
                else:
                    continue
                if not name or name.casefold().startswith("http"):
                    continue
                if into is not None:
                    into.append(name)
                elif any(t in _ORGANISATION_TYPES for t in kinds):
                    organisations.append(name)
                else:
                    people.append(name)
    return people, organisations, publishers


def _text(element: Any) -> str:
    return _head_text(element, 1 << 30)


def _markup_authors(tree: Any) -> list[str]:
    """Texts of itemprop="author" elements (their itemprop="name" when they nest one, or
    their content attribute) and of rel="author" links, outside comments, related
    stories, asides, navigation and footers."""
    found: list[str] = []
    marked = [
        element
        for element in tree.xpath("//body//*[@itemprop or @rel]")
        if "author" in (element.get("itemprop") or "").split()
        or "author" in (element.get("rel") or "").split()
    ]
    for element in marked[:20]:
        ancestors = list(element.iterancestors())
        around = " ".join(
            " ".join((a.get("class") or "", a.get("id") or "", a.get("itemtype") or ""))
            for a in ancestors
        )
        if _ELSEWHERE.search(around) or any(a.tag in _NOT_BYLINE_TAGS for a in ancestors):
            continue
        names = element.xpath('.//*[@itemprop="name"]')
        if names:
            values = [n.get("content") or _text(n) for n in names]
        else:
            values = [element.get("content") or _text(element)]
        found.extend(v for v in values if v and len(v) <= 120)
    return found


# Elements that separate words where a page shows them: "by Jeff Foust<br><span>Monday"
# reads "by Jeff Foust Monday", not "Jeff FoustMonday".
_BREAKS = frozenset({
    "br", "p", "div", "span", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "time",
    "section", "header", "footer", "address", "figure", "figcaption", "table", "tr", "td",
})  # fmt: skip


def _head_text(node: Any, limit: int) -> str:
    """The element's text, whitespace collapsed and words parted where a break or block
    element stands between them, read only up to about `limit` characters."""
    chunks: list[str] = []
    size = 0

    def add(text: str | None) -> None:
        nonlocal size
        if text:
            chunks.append(text)
            size += len(text)

    for event, element in etree.iterwalk(node, events=("start", "end")):
        if not isinstance(element.tag, str):  # a comment or processing instruction
            if event == "end" and element is not node:
                add(element.tail)
            continue
        parts = element.tag in _BREAKS and element is not node
        if event == "start":
            if parts:
                add(" ")
            add(element.text)
        elif element is not node:
            if parts:
                add(" ")
            add(element.tail)
        if size > limit:
            break
    return " ".join("".join(chunks).split())


def _under_headline(tree: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The "By X and Y" lines, and the texts of links to author pages ("/author/jane-doe",
    "/staff/jane-doe"), between the page's headline (or the start of its <article>) and the
    story's second paragraph, first ones first."""
    # the story's headline: an <h1> in its <article>, else the first <h1> of a few words (a
    # logo's <h1> holds one or two), else the <article> itself
    heads = tree.xpath("//body//article//h1") or tree.xpath("//body//h1")
    worded = [h for h in heads if len(_head_text(h, 200).split()) >= 3]
    heads = worded or heads or tree.xpath("//body//article")
    if not heads:
        return (), ()
    start = heads[0]
    # after the headline (not inside it), or inside the <article>, in document order
    axis = "following" if start.tag == "h1" else "descendant"
    lines: list[str] = []
    links: list[str] = []
    paragraphs = 0
    for node in start.xpath(f"{axis}::*[position() <= {_LINE_SCAN}]"):
        if len(lines) >= 3 or paragraphs >= _STORY_STARTED:
            break
        if node.tag not in _LINE_TAGS:
            continue
        text = _head_text(node, _LONG_PARAGRAPH)
        author_page = node.tag == "a" and _AUTHOR_PAGE.search(node.get("href") or "")
        if author_page and 0 < len(text) <= 80 and text not in links:
            links.append(text)
        if len(text) <= 150 and _BY_LINE.match(text):
            if text not in lines:
                lines.append(text)
        elif node.tag == "p" and len(text) >= _LONG_PARAGRAPH:
            paragraphs += 1
    return tuple(lines), tuple(links)


def page_bylines(tree: Any) -> PageBylines:
    """A page's byline sources (`PageBylines`), read from its parsed tree."""
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or "").strip().casefold()
        content = " ".join((element.get("content") or "").split())
        if key and content:
            meta.setdefault(key, []).append(content)
    scripts = [
        script.text or ""
        for script in tree.iter("script")
        if (script.get("type") or "").strip().casefold() == "application/ld+json"
    ]
    people, organisations, publishers = jsonld_authors(scripts)
    meta_names = [
        value
        for key in META_AUTHOR_KEYS
        for value in meta.get(key, [])
        if not value.casefold().startswith(("http://", "https://", "www."))
    ]
    publishers += [value for key in _PUBLISHER_META_KEYS for value in meta.get(key, [])]
    return PageBylines(
        jsonld=tuple(people),
        organisations=tuple(organisations),
        meta=tuple(meta_names),
        publishers=tuple(publishers),
        tree=tree,
    )


@dataclass(frozen=True)
class PageByline:
    """The authors and agency chosen for a page, and the source each came from (`jsonld`,
    `meta`, `html` for author markup or trafilatura's reading of the page, `byline` for the
    "By" line under the headline)."""

    authors: tuple[str, ...] = ()
    authors_source: str | None = None
    agency: str | None = None
    agency_source: str | None = None


def _publisher_name(name: str, publishers: Iterable[str]) -> bool:
    pattern = re.compile(rf"(?<!\w){re.escape(name.casefold())}(?!\w)")
    return any(pattern.search(p.casefold()) for p in publishers)


def choose_byline(
    page: PageBylines, extracted: Iterable[str] = (), extracted_source: str | None = None
) -> PageByline:
    """The page's authors and agency, source by source.

    `extracted` are the names trafilatura read (from meta tags and JSON-LD together, or its
    guess from the page's markup, `extracted_source` "html"). The authors are the first
    source's that clean to person names: trafilatura's when they came from structured data,
    then the page's JSON-LD, its author meta tags, itemprop / rel="author" markup,
    trafilatura's guess from the markup, the "By" lines under the headline (each line a
    source of its own) and the links to author pages there. A name that is the publisher's
    (its JSON-LD publisher, og:site_name, a copyright notice: "Condé Nast") is not an author
    unless the JSON-LD declares it a Person author.
    The agency is the first agency these sources name, Organization authors included; the
    page's markup is read only when no structured source gave a person.
    """
    extracted = [name for name in extracted if name.strip()]
    structured = extracted_source in ("jsonld", "meta")
    declared = {name.casefold() for name in clean_byline(page.jsonld).authors}
    # (source, its names, whether they may be people); the page's markup last, read lazily
    given: list[tuple[str, list[str], bool]] = [
        *([(extracted_source or "meta", extracted, True)] if structured else []),
        ("jsonld", list(page.jsonld), True),
        ("jsonld", list(page.organisations), False),
        ("meta", list(page.meta), True),
    ]

    def markup() -> Iterator[tuple[str, list[str], bool]]:
        yield "html", list(page.markup), True
        if not structured:
            yield "html", extracted, True
        for line in page.headline_lines:
            yield "byline", [line], True
        yield "html", list(page.author_links), True

    authors: tuple[str, ...] = ()
    authors_source = agency = agency_source = None
    for read in (lambda: iter(given), markup):
        if authors:
            break  # the page's markup is read for its authors, not for an agency alone
        for source, names, people_too in read():
            if not names:
                continue
            byline = clean_byline(names)
            people = tuple(
                name
                for name in byline.authors
                if name.casefold() in declared or not _publisher_name(name, page.publishers)
            )
            if people and people_too and not authors:
                authors, authors_source = people, source
            if byline.agency and not agency:
                agency, agency_source = byline.agency, source
            if authors and agency:
                break
    return PageByline(authors, authors_source, agency, agency_source)
