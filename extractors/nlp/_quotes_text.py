"""Quotation-mark segments of a text: plain string work shared by entity resolution (names
said inside quotes) and quote extraction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_OPEN = '“"«'
_CLOSE = '”"»'
MIN_WORDS = 3
# the only characters `quote_segments` acts on: a paragraph break and the marks
_MARKS = re.compile("[\n" + re.escape(_OPEN + _CLOSE) + "]")


@dataclass(frozen=True)
class Segment:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks


def quote_segments(text: str) -> list[Segment]:
    """Character ranges between quotation marks, one paragraph at a time."""
    return list(_quote_segments(text))


@lru_cache(maxsize=4)  # entity resolution and quote extraction ask for the same text
def _quote_segments(text: str) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    opened: int | None = None
    for found in _MARKS.finditer(text):
        i, ch = found.start(), found.group()
        if ch == "\n":
            if opened is not None and i - opened > 1:
                segments.append(Segment(opened, i))
            opened = None
        elif opened is None and (
            ch in _OPEN or (ch in _CLOSE and i + 1 < len(text) and text[i + 1].isalnum())
        ):
            opened = i + 1
        elif opened is not None and (ch in _CLOSE or ch == "“"):
            segments.append(Segment(opened, i))
            opened = i + 1 if ch == "“" or _reopens(text, i, opened) else None
    if opened is not None and len(text) - opened > 1:
        segments.append(Segment(opened, len(text)))
    return tuple(s for s in segments if len(text[s.start : s.end].split()) >= MIN_WORDS)


def _reopens(text: str, i: int, opened: int) -> bool:
    """A straight mark met while a quote is open that opens the next one instead: after a
    space and the end of a sentence, before a word ('…is concerned. "In fact, …'), the
    newswire's quote that runs over paragraphs, restarted with each paragraph's opening mark,
    in text whose paragraph breaks were lost."""
    if text[i] != '"' or i + 1 >= len(text) or not text[i + 1].isalnum():
        return False
    before = text[opened:i].rstrip()
    return len(before) < i - opened and before[-1:] in {".", "?", "!"}


def covered(size: int, ranges: Iterable[tuple[int, int]]) -> bytearray:
    """For each position 0 .. size - 1, 1 when some range [a, b) holds it: one pass over the
    ranges instead of testing every range for every token."""
    marks = bytearray(size)
    for a, b in ranges:
        a, b = max(a, 0), min(b, size)
        if a < b:
            marks[a:b] = b"\x01" * (b - a)
    return marks
