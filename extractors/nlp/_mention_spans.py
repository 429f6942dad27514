"""Where a model's entity span starts and ends: trimming leading articles, titles and
tickers, splitting a span at roles and brackets, cutting a counted thing or an owner off it.

Separate from the label decisions (`_mention_labels`): these steps move a span's edges and
leave what it is to the next step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ._countries import _DIRECTIONS, demonym, place
from ._dictionaries import (
    actor,
)
from ._mention_text import (
    NAME_PARTICLES,
    PLACE_NOUNS,
    TITLES,
    _organisation_words,
    clean_span_text,
    known_place,
)
from ._tokens import span as doc_span
from ._tokens import tokens

_LEADING_DROP = frozenset({"the", "The", "a", "A", "an", "An", "THE"})
# Position and job abbreviations that sit between a team or place and a person's name in a
# headline-style span ("Browns DL Sheldon Richardson", "Steelers QB Mason Rudolph"); dotted
# titles (`TITLES`: "Ohio Gov. Mike DeWine") and lowercase team roles ("Browns coach …") do too.
ROLE_ABBREVIATIONS = frozenset({
    "QB", "DL", "RB", "WR", "TE", "LB", "CB", "OL", "DE", "DT", "OT", "OG", "FB", "DB", "GM",
    "CEO", "CFO", "COO", "CTO", "MP", "MEP", "MLA", "MPP",
})  # fmt: skip
_INNER_ROLES = frozenset({
    "coach", "quarterback", "linebacker", "receiver", "striker", "midfielder", "goalkeeper",
    "defender", "forward", "guard", "pitcher", "manager", "owner", "rusher", "tackle",
})  # fmt: skip
_TICKER = re.compile(r"^(?=.*[0-9=])[A-Z0-9.=]{2,}$")


# Prefixes that make a name an attitude to it ("Anti-Taliban forces", "Pro-Kremlin media").
_STANCE_PREFIXES = frozenset({"anti", "pro"})


def _stance_prefix(doc: Sequence[Token], start: int, end: int) -> bool:
    """ "Anti" + "-" before one known actor, place or nationality, capitalised at a sentence
    start (the lowercase "anti" goes as a stray word): the name is the actor's. A longer name
    keeps its prefix ("Anti-Defamation League")."""
    return (
        end - start == 3
        and doc[start].lower_ in _STANCE_PREFIXES
        and doc[start + 1].text == "-"
        and (
            actor(doc[start + 2].text) is not None
            or place(doc[start + 2].text) is not None
            or demonym(doc[start + 2].text) is not None
        )
    )


def _stray_lead(token: Token) -> bool:
    if token.is_lower and token.is_alpha and token.lower_ not in NAME_PARTICLES:
        return True
    return bool(token.is_sent_start) and token.tag_ in {"RB", "UH"} and token.is_title


# Letters after a name that give an office or an honour, no part of the name.
POSTNOMINALS = frozenset({
    "QC", "KC", "SC", "MP", "MLA", "MLC", "OBE", "MBE", "CBE", "KBE", "AO", "PhD",
})  # fmt: skip


def _before_of_place(doc: Sequence[Token], start: int, end: int) -> int:
    """The end of a person's full name the model ran on over "of" and where the person is
    from ("Shane Bradford of Ballidu"): two title-case words or more before "of", the first
    no title ("Duke of Edinburgh", "Prince of Wales" keep theirs)."""
    for i in range(start + 2, end - 1):
        if doc[i].lower_ != "of":
            continue
        words = [doc[j] for j in range(start, i)]
        if all(w.is_title for w in words) and words[0].text not in TITLES:
            return i
        return end
    return end


def _town_before_noun(doc: Sequence[Token], start: int, end: int) -> bool:
    """A span closed by a lowercase common noun after a town the gazetteer knows ("the
    Toowoomba school", "a Jenin hospital"): the town is the name, the noun a thing in it."""
    last = doc[end - 1]
    if end - start < 2 or not last.is_lower or last.tag_ not in {"NN", "NNS"}:
        return False
    words = [doc[i] for i in range(start, end - 1) if doc[i].text not in _LEADING_DROP]
    return (
        bool(words)
        and all(w.is_title for w in words)
        and known_place(" ".join(w.text for w in words))
    )


def _number_name(doc: Sequence[Token], start: int, end: int) -> bool:
    last = doc[end - 1]
    return end - start > 1 and last.is_alpha and last.is_title and doc[end - 2].is_title


def _trim_tokens(span: Span, label: str) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = tokens(span.doc)
    while start < end and (
        doc[start].text in _LEADING_DROP
        or doc[start].is_punct
        or doc[start].is_space
        or (label == "PERSON" and doc[start].text in TITLES and end - start > 1)
        or (  # "the King of Jordan", "the President of Russia" tagged a place: the place
            label in {"GPE", "LOC"}
            and end - start > 2
            and doc[start].text in TITLES
            and doc[start + 1].lower_ == "of"
        )
        or (label == "PERSON" and doc[start].tag_ in {"VBG", "VBD", "VBZ"} and end - start > 1)
        # a lowercase word ("rang Taylor") or an adverb opening the sentence ("Maybe
        # Instagram") before a name is no part of it; name particles ("de", "van") are
        or (end - start > 1 and _stray_lead(doc[start]))
        or (label == "ORG" and _stance_prefix(doc, start, end))
        or (  # "Hosting Cook at Dreamforce": a sentence-initial gerund before a name
            label == "PERSON"
            and end - start > 1
            and doc[start].is_sent_start
            and doc[start].lower_.endswith("ing")
            and len(doc[start].text) > 5
        )
    ):
        start += 1
    if label == "PERSON":
        end = _before_of_place(doc, start, end)
    while end > start and (
        # a count after a name ("Chelsea 2"); a number word in title case names a channel
        # or a group ("Channel Seven", "Ocean's Eleven")
        (doc[end - 1].like_num and label in {"PERSON", "ORG"} and not _number_name(doc, start, end))
        # "Ross Ray QC", "Jane Roe MP": letters of an office or honour after a full name
        or (label == "PERSON" and end - start > 2 and doc[end - 1].text in POSTNOMINALS)
        # "Aiden Haig 1 goal": a result line's count after a name
        or (
            label == "PERSON"
            and end - start > 2
            and doc[end - 1].is_lower
            and doc[end - 1].is_alpha
            and doc[end - 2].like_num
        )
        or (end - start > 1 and _TICKER.match(doc[end - 1].text))
        # "Nangarhar province", "Kandahar city": a lowercase kind of place after a place's
        # name is no part of it (a capital one is: "Paktika Province", "Kansas City")
        or (
            label in {"GPE", "LOC"}
            and end - start > 1
            and doc[end - 1].is_lower
            and doc[end - 1].lower_ in PLACE_NOUNS
        )
        or _town_before_noun(doc, start, end)
        or doc[end - 1].tag_ == "POS"
        or doc[end - 1].text in {"'s", "’s", "'", "’"}
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


def _capitalised(tokens: Span) -> bool:
    return all(t.text[:1].isupper() and any(ch.isalpha() for ch in t.text) for t in tokens)


def _role_split(span: Span) -> list[Span]:
    """A span the model made of "<team or place> <role> <name>" ("Browns DL Sheldon
    Richardson", "Steelers QB Mason Rudolph") as two: the team or place, labelled ORG (which
    `_relabel` makes a place when a gazetteer knows it), and the person. The role is the first
    inner word that is a role abbreviation, a dotted title or a lowercase team role, with one
    to three capitalised words on each side. A span that ends with a role abbreviation right
    before a person's name ("Ravens DL" + "Tom Baker") is the team alone."""
    if span.label_ not in {"PERSON", "ORG"} or len(span) < 2:
        return [span]
    doc = span.doc
    if (  # "Ravens DL" + "Tom Baker": the role ends the span, the person's name follows
        len(span) >= 2
        and span[-1].text in ROLE_ABBREVIATIONS
        and span.end < len(doc)
        and tokens(doc)[span.end].ent_iob_ == "B"
        and tokens(doc)[span.end].ent_type_ == "PERSON"
        and len(span) <= 4
        and _capitalised(span[:-1])
    ):
        return [Span(doc, span.start, span.end - 1, label="ORG")]
    if len(span) < 3:
        return [span]
    for k in range(span.start + 1, span.end - 1):
        word = tokens(doc)[k].text
        role = (
            word in ROLE_ABBREVIATIONS
            or (word.endswith(".") and word in TITLES)
            or (tokens(doc)[k].is_lower and word in _INNER_ROLES)
        )
        if not role:
            continue
        before, after = doc_span(doc, span.start, k), doc_span(doc, k + 1, span.end)
        if len(before) <= 3 and len(after) <= 3 and _capitalised(before) and _capitalised(after):
            return [
                Span(doc, span.start, k, label="ORG"),
                Span(doc, k + 1, span.end, label="PERSON"),
            ]
        return [span]
    return [span]


_OPENING_BRACKETS = frozenset({"(", "["})
_CLOSING_BRACKETS = frozenset({")", "]"})
# "d." and "def." (defeated) join the winner and the loser on a results line: "Palm Bay d.
# Rockledge 70-44"; lowercase, so never a middle initial.
_DEFEATED = frozenset({"d.", "def."})


def _structure_split(span: Span) -> list[Span]:
    """A span the model ran across a page's punctuation, cut to its names: at an opening
    bracket it never closes ("France (Group H": a list line's note after the name) and at a
    results line's "d." between two teams ("Viera d. Rockledge": the two teams, ORG)."""
    doc = span.doc
    for k in range(span.start + 1, span.end):
        if tokens(doc)[k].text in _OPENING_BRACKETS and not any(
            tokens(doc)[j].text in _CLOSING_BRACKETS for j in range(k + 1, span.end)
        ):
            return [Span(doc, span.start, k, label=span.label_)]
    if span.label_ in {"PERSON", "ORG", "GPE", "LOC"}:
        for k in range(span.start + 1, span.end - 1):
            if tokens(doc)[k].text in _DEFEATED:
                return [
                    Span(doc, span.start, k, label="ORG"),
                    Span(doc, k + 1, span.end, label="ORG"),
                ]
    return [span]


# Departments and functions that name a job with the role after them ("Project Manager",
# "Sales Director", "Press Secretary"): no part of the organisation's name before them.
_FUNCTION_WORDS = frozenset({
    "Project", "Program", "Programme", "Product", "Sales", "Marketing", "Design", "Engineering",
    "Communications", "Research", "Development", "Operations", "Technical", "Creative", "Brand",
    "Finance", "Press", "Media", "Country", "Regional", "Plant", "Team",
})  # fmt: skip
_JOB_HEADS = frozenset({
    "manager", "director", "officer", "engineer", "designer", "head", "chief", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "executive", "coordinator", "lead", "leader",
    "supervisor", "editor", "analyst", "specialist",
})  # fmt: skip


def _without_function_before_role(doc: Doc, start: int, end: int) -> int:
    """An organisation's span the model ran into a job's function word ("Lexus Project" of
    "Lexus Project Manager Fumihiko Hazama"): the name ends before the function word."""
    if (
        end - start > 1
        and end < len(doc)
        and tokens(doc)[end - 1].text in _FUNCTION_WORDS
        and tokens(doc)[end].lower_ in _JOB_HEADS
        and tokens(doc)[end].is_title
    ):
        return end - 1
    return end


def _compound_head_end(doc: Doc, start: int, end: int) -> int:
    """An organisation's name the model cut before its head ("the Sioux Falls Argus" +
    "Leader", "the New York State" + "Attorney General"): when the span's last word modifies
    a capitalised proper noun within three words after it, no entity holds those words and
    no person's name follows them (a title: "Indiana House Speaker Brian Bosma"), the name
    runs to that noun."""
    last = tokens(doc)[end - 1]
    head = last.head
    if last.dep_ != "compound" or not end <= head.i < end + 3:
        return end
    words = doc_span(doc, end, head.i + 1)
    if head.i + 1 < len(doc) and tokens(doc)[head.i + 1].ent_type_ == "PERSON":
        return end  # "Indiana House" + "Speaker Brian Bosma": a title before a name
    if all(
        t.tag_ in {"NNP", "NNPS"} and t.is_title and len(t) > 1 and t.ent_type_ == "" for t in words
    ):
        return head.i + 1
    return end


# Nouns a number counts that are amounts, not a person's tally.
_AMOUNT_NOUNS = frozenset({
    "percent", "per", "million", "billion", "trillion", "thousand", "hundred", "year", "years",
    "day", "days", "week", "weeks", "month", "months", "hour", "hours", "minute", "minutes",
    "times", "shares", "cents", "dollars",
})  # fmt: skip


def _counted_after(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """A name followed by a number that counts a lowercase noun is a person's tally in a
    results or box-score line ("Kyleigh Trout 1 goal.", "Armani Sheffield 19 points and 3
    steals"): the number is cut from the span, and a two- or three-word name in title case
    that no organisation word, gazetteer or actor dictionary claims is a person, whatever
    the model's label. Returns (end token, label)."""
    if label not in {"PERSON", "ORG", "GPE", "LOC", "FAC"}:
        return end, label
    k = start
    while k < min(end + 1, len(doc)) and tokens(doc)[k].is_title and tokens(doc)[k].is_alpha:
        k += 1
    if (
        k == start
        or k >= len(doc) - 1
        or k > end
        or not tokens(doc)[k].like_num
        or "." in tokens(doc)[k].text
    ):
        return end, label
    noun = tokens(doc)[k + 1]
    if not (noun.is_lower and noun.tag_ in {"NN", "NNS"} and noun.lower_ not in _AMOUNT_NOUNS):
        return end, label
    text = doc_span(doc, start, k).text
    if (
        label != "PERSON"
        and 2 <= k - start <= 3
        and not _organisation_words(text)
        and actor(text) is None
        and demonym(text) is None
    ):
        label = "PERSON"
    return k, label


def _after_owner(
    doc: Doc, span_start: int, start: int, end: int, owners: dict[str, set[int]]
) -> int:
    """The start of an organisation's name after its owner's possessive ("Braun’s Ithaca
    Holdings" -> "Ithaca Holdings", "Google's DeepMind Technologies") when the owner is a
    person or organisation the text names elsewhere; a possessive inside a name
    ("McDonald's Corp", "Children's Hospital of Philadelphia") stays."""
    if end - start < 4 or tokens(doc)[start + 1].text not in {"'s", "’s"}:
        return start
    elsewhere = owners.get(tokens(doc)[start].text, set()) - {span_start}
    if elsewhere and tokens(doc)[start + 2].is_title:
        return start + 2
    return start


def _listed_company(text: str) -> bool:
    """A name the actor dictionary lists, as it stands, as a company or outlet."""
    found = actor(clean_span_text(text, 0)[0])
    return found is not None and found.sector in {"MNC", "BUS", "MED"}


def _direction_of_place(doc: Doc, start: int, end: int) -> bool:
    """An untagged direction word in title case before a name that, with it, is a place the
    gazetteer or the actor dictionary knows whole ("Western" before "Australia" at the head
    of a sentence; "Western Australia" is a state)."""
    if start == 0 or tokens(doc)[start - 1].ent_type_ or not tokens(doc)[start - 1].is_title:
        return False
    if tokens(doc)[start - 1].lower_ not in _DIRECTIONS:
        return False
    whole = f"{tokens(doc)[start - 1].text} {doc_span(doc, start, end).text}"
    listed = actor(whole)
    return place(whole) is not None or (listed is not None and listed.sector == "")
