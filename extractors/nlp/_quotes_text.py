"""Quotation-mark segments of a text: plain string work shared by entity resolution (names
said inside quotes) and quote extraction."""

from __future__ import annotations

from dataclasses import dataclass

_OPEN = '“"«'
_CLOSE = '”"»'
MIN_WORDS = 3


@dataclass(frozen=True)
class Segment:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks


def quote_segments(text: str) -> list[Segment]:
    """Character ranges between quotation marks, one paragraph at a time."""
    segments: list[Segment] = []
    opened: int | None = None
    for i, ch in enumerate(text):
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
            opened = i + 1 if ch == "“" else None
    if opened is not None and len(text) - opened > 1:
        segments.append(Segment(opened, len(text)))
    return [s for s in segments if len(text[s.start : s.end].split()) >= MIN_WORDS]
