"""Resolve date expressions against the article's publication date.

"Wednesday" → the latest Wednesday on or before the article date (day); "June 19" → that day
in the year that puts it nearest the article date; "September" → the latest September not
after the article's month (month); "last year" / "this month" / "next week" → relative
(year / month / week); "2017", "October 2018", "Sept. 30, 2019" → absolute. Durations ("24
years", "many years") and anything else unresolvable are not dates and are left out.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

from ._entity_normalize import sentence_index
from ._tokens import entity_spans
from ._types import DateMention

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?\b"
)
_MONTH_YEAR = re.compile(r"(?:mid-|early |late )?" + _MONTH + r"(?:,?\s+(\d{4}))?$")
_YEAR = re.compile(r"^(?:in |the year )?((?:19|20)\d{2})$")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_RELATIVE = re.compile(r"^(last|this|next|past|previous|coming)\s+(year|month|week)$")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def _month_back(published: date, month: int) -> date:
    year = published.year if month <= published.month else published.year - 1
    return date(year, month, 1)


def _nearest_year(published: date, month: int, day: int) -> date | None:
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def resolve(text: str, published: date | None) -> tuple[date, str] | None:
    """(value, precision) of a date expression, or None when it is not a resolvable date."""
    t = " ".join(text.lower().replace("’", "'").split())
    t = re.sub(r"^(the|on|in|since|by|until|from|early|late|earlier|later)\s+", "", t)
    t = re.sub(r"\s+(morning|afternoon|evening|night|local time)$", "", t)
    if m := _ISO.search(t):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        except ValueError:
            return None
    for pattern, order in ((_MONTH_DAY_YEAR, "md"), (_DAY_MONTH_YEAR, "dm")):
        if m := pattern.search(t):
            month_word, day_s = (m[1], m[2]) if order == "md" else (m[2], m[1])
            month, day = MONTHS[month_word.rstrip(".")], int(day_s)
            if m[3]:
                try:
                    return date(int(m[3]), month, day), "day"
                except ValueError:
                    return None
            if published is None:
                return None
            found = _nearest_year(published, month, day)
            return (found, "day") if found else None
    if m := _MONTH_YEAR.fullmatch(t):
        month = MONTHS[m[1].rstrip(".")]
        if m[2]:
            return date(int(m[2]), month, 1), "month"
        return (_month_back(published, month), "month") if published else None
    if m := _YEAR.match(t):
        return date(int(m[1]), 1, 1), "year"
    if published is None:
        return None
    if t in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return published, "day"
    if t in {"yesterday", "last night"}:
        return published - timedelta(days=1), "day"
    if t == "tomorrow":
        return published + timedelta(days=1), "day"
    if m := _RELATIVE.match(t):
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[m[1]]
        if m[2] == "year":
            return date(published.year + step, 1, 1), "year"
        if m[2] == "month":
            month0 = published.month - 1 + step
            return date(published.year + month0 // 12, month0 % 12 + 1, 1), "month"
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=step), "week"
    if (m := _WEEKDAY.search(t)) and not re.search(r"\d|every|each", t):
        back = (published.weekday() - WEEKDAYS[m[1]]) % 7
        if t.startswith("next "):
            return published + timedelta(
                days=(WEEKDAYS[m[1]] - published.weekday()) % 7 or 7
            ), "day"
        return published - timedelta(days=back), "day"
    return None


def extract_dates(doc: Doc, published: date | None) -> list[DateMention]:
    """Every DATE (and weekday TIME) entity that resolves, with its span and precision."""
    sentence_of = sentence_index(doc)
    found: list[DateMention] = []
    for span in entity_spans(doc):
        if span.label_ not in {"DATE", "TIME"}:
            continue
        text = span.text.strip()
        resolved = resolve(text, published)
        if resolved is None:
            continue
        value, precision = resolved
        found.append(
            DateMention(
                date_index=len(found),
                sentence_index=sentence_of[span.start],
                start_char=span.start_char,
                end_char=span.end_char,
                text=text,
                value=value,
                precision=precision,
            )
        )
    return found
