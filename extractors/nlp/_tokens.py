"""The Token objects of the Doc being enriched, made once per `enrich` call (and its entity
and sentence Spans, which spaCy also makes anew on every `doc.ents` / `doc.sents`).

spaCy makes a new `Token` object on every `for token in doc` and every `doc[i]`; a dozen rules
that each walk the whole Doc made ~14 Token objects per word of an article. Inside `enrich`
(`walking(doc)`), `tokens(doc)` is one list of them that every rule walks; outside it (a rule
tested alone), it is the Doc itself. The list lives in a thread-local slot for the duration of
the call only, so no reference cycle (Doc -> list -> Token -> Doc) keeps a Doc alive.
The same block holds what the rules ask of the Doc again and again: Spans by (start, end),
each token's children, and whole columns of token strings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from spacy.attrs import IS_ALPHA, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc, Span, Token


class _Walk:
    """What `walking` holds for one Doc: its Tokens, and what the accessors below made."""

    __slots__ = ("doc", "tokens", "made", "spans", "children")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = list(doc)
        self.made: dict[str, Any] = {}
        self.spans: dict[tuple[int, int], Span] = {}
        self.children: dict[int, tuple[Token, ...]] = {}


class _Held(threading.local):
    walk: _Walk | None = None  # a class attribute: None in every thread until `walking`


_held = _Held()


@contextmanager
def walking(doc: Doc) -> Iterator[None]:
    """Within the block, `tokens(doc)` is one list of the doc's Tokens."""
    previous = _held.walk
    _held.walk = _Walk(doc)
    try:
        yield
    finally:
        _held.walk = previous


def tokens(doc: Doc) -> Sequence[Token]:
    """The doc's tokens, to iterate or index by position (not to slice: a list slice is no
    Span): the list `walking` made, or the Doc itself."""
    walk = _held.walk
    if walk is not None and walk.doc is doc:
        return walk.tokens
    return doc  # type: ignore[return-value]  # a Doc is a sequence of its Tokens


def _made(doc: Doc) -> dict[str, Any] | None:
    walk = _held.walk
    return walk.made if walk is not None and walk.doc is doc else None


def span(doc: Doc, start: int, end: int) -> Span:
    """`doc[start:end]`, made once per `walking` block for each (start, end): the rules ask
    for the same mention's Span many times, and spaCy makes a new one at each slice."""
    walk = _held.walk
    if walk is None or walk.doc is not doc:
        return doc[start:end]
    found = walk.spans.get((start, end))
    if found is None:
        # `doc[start:end]` is this Span when the bounds need no clamping (no slice to read)
        made = Span(doc, start, end) if 0 <= start <= end <= len(doc) else doc[start:end]
        found = walk.spans[(start, end)] = made
    return found


def children(token: Token) -> tuple[Token, ...]:
    """`token.children`, listed once per token per `walking` block: the rules ask for the
    children of the same verbs and nouns many times, and spaCy walks the token's edges and
    makes new Tokens on each call."""
    walk = _held.walk
    if walk is None or walk.doc is not token.doc:
        return tuple(token.children)
    found = walk.children.get(token.i)
    if found is None:
        found = walk.children[token.i] = tuple(token.children)
    return found


# The string of each StringStore hash a column has read, for the whole process: a hash names
# one string in every vocabulary, and a dict look-up is a fraction of the StringStore's.
_STRINGS: dict[int, str] = {}
_STRINGS_MOST = 2_000_000  # then it starts again, so a long ingest does not grow it forever
_COLUMN_IDS = {"text": ORTH, "lower_": LOWER, "lemma_": LEMMA, "tag_": TAG, "pos_": POS}


def column(doc: Doc, attribute: str) -> Sequence[str]:
    """One string attribute of every token, by position ("text", "lower_", "lemma_", "tag_",
    "pos_"), for the rules that walk the whole Doc: read once per `walking` block (outside
    one, a new list each call) from `doc.to_array`, whose hashes `_STRINGS` turns to text
    (a Token attribute is a StringStore look-up on every read)."""
    made = _made(doc)
    if made is not None and attribute in made.setdefault("columns", {}):
        return made["columns"][attribute]
    ids = doc.to_array(_COLUMN_IDS[attribute]).tolist()
    if len(_STRINGS) > _STRINGS_MOST:
        _STRINGS.clear()
    try:
        found = list(map(_STRINGS.__getitem__, ids))
    except KeyError:  # strings this process has not read yet
        strings = doc.vocab.strings
        for h in set(ids).difference(_STRINGS):
            _STRINGS[h] = strings[h]
        found = list(map(_STRINGS.__getitem__, ids))
    if made is not None:
        made["columns"][attribute] = found
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
    alpha = doc.to_array(IS_ALPHA).tolist()
    words = [lemma.lower() for lemma, a in zip(column(doc, "lemma_"), alpha, strict=True) if a]
    sport = sum(w in _SPORT_WORDS for w in words)
    found = sport >= _SPORT_LEAST and sport >= _SPORT_SHARE * len(words)
    if made is not None:
        made["sport"] = found
    return found
