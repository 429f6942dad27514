"""Parse a plain-text article as news sites' "copy text" gives it.

Layout understood: headline on the first line; a byline ("By A, B and C, CNN"); a dateline
that opens the first paragraph ("CNN  —  ", "WASHINGTON (Reuters) - "); body paragraphs split
by blank lines; image captions (lines grouped without blank lines, or ending in "on June 19,
2024 in Pyongyang."); credit lines ("CNN's X contributed to this report."); page furniture at
the end ("Related Articles", "Back to top button").
"""

from __future__ import annotations

import re
from datetime import date

from .._documents import Article, RawDocument
from .._errors import InputRejected
from ._bylines import agency_of, clean_byline, credit_agency, dateline_agency

VERSION = "text.v4"

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
MONTH_NUMBER = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
FULL_DATE = re.compile(rf"\b({MONTHS})\.?\s+(\d{{1,2}}),\s+(\d{{4}})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
BYLINE = re.compile(r"^\s*By\s+(?P<names>.+?)\s*$", re.I)
DATELINE = re.compile(
    r"^(?P<head>(?:[A-Z][\w.'’-]*\s*,?\s*){1,6}(?:\([A-Za-z .]+\))?)\s*(?:—|–|--|-)\s+(?=\S)"
)
FURNITURE = re.compile(
    r"^(related articles?|related|back to top( button)?|advertisement|share this( article)?|"
    r"read more|most read|more from .{1,40}|sign up .{0,80}|subscribe .{0,80}|"
    r"(copyright|©) .{0,120}|all rights reserved\.?|click here .{0,80})$",
    re.I,
)
END_OF_ARTICLE = re.compile(r"^(related articles?|more stories|most read|read next)$", re.I)
CREDIT = re.compile(
    r"(contributed to this report|contributed reporting|^reporting by |^editing by |"
    r"^writing by |^this is a developing story|^this story has been updated)",
    re.I,
)
CAPTION_END = re.compile(
    rf"\b(?:on|in)\s+(?:({MONTHS})\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{4}})"
    r",?\s+in\s+[A-Z][\w ,’'.-]{1,60}\.?$"
)
POSITION_MARK = re.compile(r"\((?:L|R|C|left|right|center|centre)\)")
ORGANISATION_WORDS = re.compile(r"^[A-Z][A-Za-z&.]*$")


def _split_names(names: str) -> tuple[list[str], str | None]:
    """ "A, B and C, CNN" -> (["A", "B", "C"], "CNN")."""
    parts = [p.strip() for p in re.split(r",|\band\b|&", names) if p.strip()]
    outlet = None
    if (
        len(parts) > 1
        and ORGANISATION_WORDS.match(parts[-1])
        and (parts[-1].isupper() or len(parts[-1].split()) == 1)
    ):
        outlet = parts.pop()
    return parts, outlet


def _find_date(text: str) -> date | None:
    for match in FULL_DATE.finditer(text):
        month = MONTH_NUMBER[match.group(1).lower()]
        try:
            return date(int(match.group(3)), month, int(match.group(2)))
        except ValueError:
            continue
    for match in ISO_DATE.finditer(text):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def _is_caption(line: str) -> bool:
    """Photo captions name a date and place at the end, or a position mark like "(R)"."""
    line = line.strip()
    return len(line) < 400 and (bool(POSITION_MARK.search(line)) or bool(CAPTION_END.search(line)))


def parse_text_article(raw: RawDocument, text: str) -> Article:
    """Split a text article into headline, byline, dateline, body, captions and furniture."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if not blocks:
        raise InputRejected("the text is empty", uri=raw.uri, reason="empty")
    sources: dict[str, str] = {}
    title: str | None = None
    first_lines = blocks[0].split("\n")
    if len(first_lines[0]) <= 300 and len(blocks) > 1:
        title = first_lines[0].strip()
        sources["title"] = "first_line"
        rest = "\n".join(first_lines[1:]).strip()
        blocks = ([rest] if rest else []) + blocks[1:]

    authors: list[str] = []
    site_name: str | None = None
    body: list[str] = []
    captions: list[str] = []
    opening = ""  # the first body paragraph as written, dateline included
    credit: str | None = None  # the agency of a wire copyright notice
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        byline = BYLINE.match(block) if len(lines) == 1 and not body else None
        if byline and len(block) < 300:
            names, outlet = _split_names(byline.group("names"))
            authors.extend(names)
            sources["authors"] = "byline"
            if outlet:
                site_name, sources["site_name"] = outlet, "byline"
            continue
        if END_OF_ARTICLE.match(block):
            break
        if all(FURNITURE.match(line) for line in lines):
            credit = credit or credit_agency(block)  # "© Thomson Reuters 2019"
            continue
        if len(lines) == 1 and CREDIT.search(block):
            continue
        if len(lines) > 1 or _is_caption(block):
            captions.extend(lines)
            continue
        if not body:
            opening = block
            dateline = DATELINE.match(block)
            if dateline:
                head = dateline.group("head").strip()
                if site_name and site_name in head:
                    sources["site_name"] = "dateline"
                elif not site_name and head.isupper() and len(head) <= 12:
                    site_name, sources["site_name"] = head, "dateline"
                block = block[dateline.end() :].strip()
        body.append(block)

    cleaned = clean_byline(authors)
    if not cleaned.authors:
        sources.pop("authors", None)
    agency = cleaned.agency or (agency_of(site_name) if site_name else None)
    if agency:
        sources["agency"] = "byline"
    elif opening and (agency := dateline_agency(opening)):
        sources["agency"] = "dateline"
    elif agency := credit or credit_agency("\n".join(body)):
        sources["agency"] = "credit"
    published = _find_date("\n".join(body + captions))
    if published is not None:
        sources["published"] = "text"
    if raw.fields.get("title"):
        title, sources["title"] = str(raw.fields["title"]), "record"
    return Article(
        text="\n\n".join(body),
        title=title,
        authors=cleaned.authors,
        agency=agency,
        published=published,
        site_name=site_name,
        url=raw.url,
        captions=tuple(captions),
        field_sources=sources,
    )
