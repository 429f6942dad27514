"""The cleaned mention record and what every cleaning step reads: the `Doc`'s text and
sentence index, furniture lines (related links, photo credits), span-text trimming, and the
word lists of names shared by the cleaning and resolution steps.

Separate so the cleaning steps (`_mention_spans`, `_mention_labels`, `_mention_passes`,
`_untagged_mentions`) and the resolver can all build on it without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import SPACY
from spacy.tokens import Doc

from ._countries import (
    place,
    place_iso3,
)
from ._dictionaries import (
    city_countries,
)
from ._tokens import column, sentence_spans

TITLES = frozenset({
    "President", "Vice", "Prime", "Minister", "Secretary", "Chancellor", "King", "Queen",
    "Prince", "Princess", "Pope", "Sen.", "Senator", "Rep.", "Representative", "Gov.",
    "Governor", "Mayor", "Dr.", "Mr.", "Mrs.", "Ms.", "Miss", "Gen.", "General", "Adm.",
    "Col.", "Capt.", "Lt.", "Sgt.", "Judge", "Justice", "Sheriff", "Officer", "Prof.",
    "Professor", "Rev.", "Leader", "Supreme", "Chairman", "Speaker", "Ambassador",
    "Attorney", "Commissioner", "Superintendent", "Director", "Chief", "Coach", "Deputy",
    "Foreign", "Defense", "Defence", "Premier", "Sir", "Lord", "Lady", "Dame", "Saint",
    # without the dot, as British and Australian style writes them ("Mr Howard", "Dr
    # Hollingworth")
    "Mr", "Mrs", "Ms", "Dr",
    # ranks and offices spelled out ("Senior Sergeant Michael Potts", "Coroner Graeme
    # Johnston"), as their abbreviations above
    "Sergeant", "Constable", "Corporal", "Captain", "Lieutenant", "Colonel", "Inspector",
    "Detective", "Coroner", "Magistrate", "Senior",
})  # fmt: skip
_TITLE_WORD = re.compile(r"^[A-Z0-9'‘’\"“(]")
_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "as", "by", "with",
    "from", "is", "it", "its", "vs", "vs.", "after", "over", "into", "but",
})  # fmt: skip


_LIST_SEPARATORS = re.compile(r"\s*[,/;]\s*(?:and\s+|or\s+)?")


def _list_line(line: str) -> bool:
    """A line that lists names, after a label or none ("Pool B: Chile, Peru/Bolivia, Cuba"):
    three or more short items between commas, slashes or semicolons. A headline is a clause
    and seldom three short names in a row."""
    items = [item for item in _LIST_SEPARATORS.split(line.split(":", 1)[-1]) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= 4 for item in items)


# A picture's credit line: "(Image credit: NASA)", "Photo: Reuters", "Courtesy of the artist".
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:(?:image|photo|picture|video|graphic)s?\s+)?(?:credits?|courtesy)\b"
    r"|^[(\[]?\s*(?:image|photo|picture|video|graphic)s?\s*:",
    re.IGNORECASE,
)


def credit_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of a page's picture credit lines: who took or owns a picture is
    no part of the story."""
    ranges = []
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if _CREDIT_LINE.match(line.strip()):
            ranges.append((start, start + len(line)))
    return ranges


def related_link_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of "related links" lines a cleaned page keeps inside its body: a
    paragraph of one line, 3 to 16 words, in Title Case (every word but small ones
    capitalised), without final punctuation, not the text's first line."""
    ranges = []
    position = 0
    for number, line in enumerate(text.split("\n")):
        start, position = position, position + len(line) + 1
        stripped = line.strip()
        words = stripped.split()
        if number == 0 or not 3 <= len(words) <= 16 or stripped[-1:] in '.!?:;,"”’)':
            continue
        if words[0].lower() == "by":  # a byline
            continue
        content = [w for w in words if w.lower() not in _SMALL_WORDS]
        if content and all(_TITLE_WORD.match(w) for w in content) and not _list_line(stripped):
            ranges.append((start, start + len(line)))
    return ranges


_QUOTES_PUNCT = "\"'“”‘’«»()[]{}<>,.;:!?*–—-_/\\|"
_POSSESSIVE = re.compile(r"(?:['’]s?)+$")


@dataclass
class CleanMention:
    """A mention after cleaning. Token offsets are into the Doc; `text` may be trimmed further
    than the tokens (a possessive glued to a token)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    ner_label: str
    ner_index: int
    sentence_index: int = 0


NAME_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "dos", "das", "du", "van", "von", "der", "den", "ter",
     "le", "la", "el", "al", "bin", "ibn", "ben", "abu", "mc", "e"}
)  # fmt: skip


def clean_span_text(text: str, start_char: int) -> tuple[str, int, int]:
    """Strip quotes, possessives and punctuation at the edges of a span's text."""
    while True:
        before = text
        stripped = text.lstrip(_QUOTES_PUNCT + " \n\t")
        start_char += len(text) - len(stripped)
        text = stripped
        match = _POSSESSIVE.search(text)
        if match and match.start() > 0:
            text = text[: match.start()]
        text = text.rstrip(_QUOTES_PUNCT.replace(".", "") + " \n\t")
        if text.endswith(".") and not re.search(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$", text):
            text = text[:-1]
        if text == before:
            break
    return text, start_char, start_char + len(text)


def _organisation_words(text: str) -> bool:
    from ._entity_countries import is_company, is_media, is_state_body

    return is_state_body(text) or is_company(text) or is_media(text) or place(text) is not None


PLACE_NOUNS = frozenset({
    "county", "counties", "state", "states", "province", "provinces", "city", "cities", "town",
    "towns", "region", "regions", "district", "districts", "country", "countries", "village",
    "villages", "parish", "parishes",
})  # fmt: skip


def known_place(name: str) -> bool:
    """A place the gazetteer knows, in one country or in several ("Tamworth": a town in
    Australia and in England)."""
    return place_iso3(name) is not None or bool(city_countries(name))


HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Miss"})


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return index
    for number, sent in enumerate(sentence_spans(doc)):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc (spaCy joins every token's text on each access)."""
    cached = doc.user_data.get("newsflow_text")
    if cached is None:
        spaces = doc.to_array(SPACY).tolist()  # the words' texts are a column other rules read
        cached = "".join(
            [w + " " if s else w for w, s in zip(column(doc, "text"), spaces, strict=True)]
        )
        doc.user_data["newsflow_text"] = cached
    return cached


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token (0 for all when the doc has no sentence boundaries)."""
    cached = doc.user_data.get("newsflow_sentence_index")
    if cached is None or len(cached) != len(doc):
        cached = _sentence_index(doc)
        doc.user_data["newsflow_sentence_index"] = cached
    return cached


# Heads of a definite description of a person: "the president", "the Portuguese boss".
PERSON_HEADS = frozenset({
    "boss", "manager", "coach", "president", "leader", "minister", "chief", "executive",
    "founder", "star", "player", "singer", "actor", "actress", "senator", "governor",
    "congressman", "congresswoman", "lawmaker", "candidate", "official", "spokesman",
    "spokeswoman", "spokesperson", "attorney", "lawyer", "judge", "author", "researcher",
    "scientist", "doctor", "professor", "economist", "analyst", "businessman", "billionaire",
    "mayor", "chancellor", "premier", "secretary", "ambassador", "envoy", "diplomat",
    "prosecutor", "commissioner", "director", "king", "queen", "prince", "general",
    "commander", "speaker", "representative", "sheriff", "dictator", "monarch", "pope",
    "chairman", "chairwoman", "ceo", "head",
})  # fmt: skip
