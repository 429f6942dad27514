"""The Token objects of the Doc being enriched, made once per `enrich` call (and its entity
and sentence Spans, which spaCy also makes anew on every `doc.ents` / `doc.sents`).

spaCy makes a new `Token` object on every `for token in doc` and every `doc[i]`; a dozen rules
that each walk the whole Doc made ~14 Token objects per word of an article. Inside `enrich`
(`walking(doc)`), `tokens(doc)` is one list of them that every rule walks; outside it (a rule
tested alone), it is the Doc itself. The list lives in a thread-local slot for the duration of
the call only, so no reference cycle (Doc -> list -> Token -> Doc) keeps a Doc alive.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from spacy.tokens import Doc, Span, Token

_held = threading.local()


@contextmanager
def walking(doc: Doc) -> Iterator[None]:
    """Within the block, `tokens(doc)` is one list of the doc's Tokens."""
    previous = getattr(_held, "walk", None)
    _held.walk = (doc, list(doc), {})
    try:
        yield
    finally:
        _held.walk = previous


def tokens(doc: Doc) -> Sequence[Token]:
    """The doc's tokens, to iterate or index by position (not to slice: a list slice is no
    Span): the list `walking` made, or the Doc itself."""
    walk = getattr(_held, "walk", None)
    if walk is not None and walk[0] is doc:
        return walk[1]
    return doc  # type: ignore[return-value]  # a Doc is a sequence of its Tokens


def _made(doc: Doc) -> dict[str, Any] | None:
    walk = getattr(_held, "walk", None)
    return walk[2] if walk is not None and walk[0] is doc else None


def column(doc: Doc, attribute: str) -> Sequence[str]:
    """One string attribute of every token, by position ("text", "lower_", "lemma_", "tag_",
    "pos_", "dep_"), for the rules that walk the whole Doc: spaCy looks the string up in the
    StringStore on every read, so each column is read once per `walking` block (outside
    one, a new list each call)."""
    made = _made(doc)
    if made is None:
        return [getattr(t, attribute) for t in doc]
    columns = made.setdefault("columns", {})
    found = columns.get(attribute)
    if found is None:
        found = columns[attribute] = list(map(attrgetter(attribute), tokens(doc)))
    return found


def span(doc: Doc, start: int, end: int) -> Span:
    """`doc[start:end]`, made once per `walking` block for each (start, end): the rules ask
    for the same mention's Span many times, and spaCy makes a new one at each slice."""
    made = _made(doc)
    if made is None:
        return doc[start:end]
    spans = made.setdefault("spans", {})
    found = spans.get((start, end))
    if found is None:
        found = spans[(start, end)] = doc[start:end]
    return found


def entity_spans(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, made once per `walking` block (no rule sets `doc.ents`)."""
    made = _made(doc)
    if made is None:
        return tuple(doc.ents)
    if "ents" not in made:
        made["ents"] = tuple(doc.ents)
    return made["ents"]


def sentence_spans(doc: Doc) -> list[Span]:
    """`list(doc.sents)` (a new list each call), the Spans made once per `walking` block."""
    made = _made(doc)
    if made is None:
        return list(doc.sents)
    if "sents" not in made:
        made["sents"] = tuple(doc.sents)
    return list(made["sents"])


# Words of sport: an article where they are common reports games, whose "attack", "beat",
# "boycott" and "demonstrated" are no political events (tests/gold/README.md: sports results
# and on-field incidents are not coded). Words politics also uses for campaigns ("race",
# "win", "point", "defense", "score") are left out. Of the tuning texts and the unannotated
# pages, reports of games have 0.029 to 0.096 of their words in it, all others at most 0.016.
_SPORT_WORDS = frozenset({
    "game", "season", "coach", "player", "league", "tournament", "championship", "playoff",
    "quarterback", "stadium", "striker", "midfielder", "goalkeeper", "inning", "tennis",
    "football", "basketball", "soccer", "baseball", "hockey", "golf", "nba", "nfl", "mlb",
    "nhl", "uefa", "fifa", "olympic", "olympics", "athlete", "touchdown", "halftime", "squad",
    "semifinal", "medal", "rookie", "roster", "club", "match", "fan", "goal", "team",
})  # fmt: skip
_SPORT_SHARE = 0.025
_SPORT_LEAST = 5  # and at least so many: one "fan" in a short text is no sports report


def sports_report(doc: Doc) -> bool:
    """Whether the article reports games: words of sport are at least _SPORT_SHARE of its
    words (lemmas) and at least _SPORT_LEAST; made once per `walking` block."""
    made = _made(doc)
    if made is not None and "sport" in made:
        return bool(made["sport"])
    words = [
        lemma.lower()
        for lemma, t in zip(column(doc, "lemma_"), tokens(doc), strict=True)
        if t.is_alpha
    ]
    sport = sum(w in _SPORT_WORDS for w in words)
    found = sport >= _SPORT_LEAST and sport >= _SPORT_SHARE * len(words)
    if made is not None:
        made["sport"] = found
    return found
