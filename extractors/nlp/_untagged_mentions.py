"""Mentions the model did not tag, found by rules: organisations in a list, people named
after an honorific or by a surname, players of a box score, teams of a results line, places
after a locative preposition.

Separate because these add mentions rather than clean the model's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ._countries import demonym, place
from ._dictionaries import (
    actor,
    agent,
)
from ._mention_text import (
    HONORIFICS,
    PERSON_HEADS,
    TITLES,
    CleanMention,
    _organisation_words,
    doc_text,
    known_place,
)
from ._quotes_verbs import REPORTING_VERBS
from ._tokens import column, tokens
from ._tokens import span as doc_span


def _untagged_list_organisations(
    doc: Doc, mentions: list[CleanMention], sentence_of: list[int]
) -> None:
    """Untagged one-word names in a list of three or more proper nouns that holds an
    organisation and no person ("names like Chime, Varo, SoFi, Current, GoBank") are
    organisations too: a list names things of one kind."""
    if not doc.has_annotation("DEP"):
        return
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    words = tokens(doc)
    for token in (words[i] for i in sorted(by_token)):
        if by_token[token.i].label != "ORG":
            continue
        root = token
        while root.dep_ == "conj" and root.head.tag_ in {"NNP", "NNPS"}:
            root = root.head
        group = [root, *(t for t in root.subtree if t.dep_ == "conj")]
        if len(group) < 3 or any(t.tag_ not in {"NNP", "NNPS"} for t in group):
            continue
        if any(
            t.i in by_token
            and (
                by_token[t.i].label in {"GPE", "LOC", "FAC"}
                or (by_token[t.i].label == "PERSON" and " " in by_token[t.i].text)
            )
            for t in group
        ):
            continue  # a list of places or of people with one name tagged an organisation
        for member in group:
            if member.i in by_token or member.ent_type_ or not member.text[:1].isupper():
                continue
            if len(member.text) < 2 or any(c.dep_ == "compound" for c in member.children):
                continue  # one word: "Mount Wanniassa", "Triple J" are longer names
            if place(member.text) is not None or demonym(member.text) is not None:
                continue
            mention = _rule_mention(doc_span(doc, member.i, member.i + 1), "ORG", sentence_of)
            mentions.append(mention)
            by_token[member.i] = mention


_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$|^Mc[A-Z][a-z]+$")


def _untagged_person_word(token: Token) -> bool:
    """A capitalised proper noun the model left untagged that no dictionary gives another
    reading: no role word ("Officials"), title, place, nationality or organisation, and
    no determiner or possessive before it ("the Attorney's Office")."""
    text = token.text
    if token.ent_type_ or token.tag_ != "NNP" or len(text) < 3 or not _NAME_WORD.match(text):
        return False
    if text in TITLES or token.lower_ in PERSON_HEADS or agent(token.lower_):
        return False
    if place(text) is not None or demonym(text) is not None or _organisation_words(text):
        return False
    if any(c.dep_ in {"det", "poss"} for c in token.children):
        return False  # "the Office", "the Attorney's Office": a body's head noun
    return actor(token.lower_) is None  # "Kremlin", "Pentagon", "Tass": a body's name


def _given_names_before(doc: Doc, start: int, end: int) -> int:
    """The start of a person's name the model began too late: untagged capitalised words of
    the same compound before the span that no dictionary reads otherwise are given names
    ("Dr Aamer" + "Sultan", "to Pakistan Abdul" + "Salam Zaeef") when an honorific or a
    place or nationality closes them on the left; a capitalised word with neither before it
    may be an office ("Administrator", "NFL Insider", "The Reverend")."""
    first = start
    while (
        first > 0
        and tokens(doc)[first - 1].dep_ == "compound"
        and start <= tokens(doc)[first - 1].head.i < end
        and _untagged_person_word(tokens(doc)[first - 1])
    ):
        first -= 1
    if first == start or first == 0:
        return start
    before = tokens(doc)[first - 1]
    if before.text in HONORIFICS or before.ent_type_ in {"GPE", "NORP", "LOC"}:
        return first
    return start


def _untagged_people(doc: Doc, mentions: list[CleanMention], sentence_of: list[int]) -> None:
    """A name the model did not tag, in a place only a person fills, becomes a PERSON
    mention, so that the entity layer resolves it like any other (a surname to the full
    name named before) and a later "he" can refer to it: the subject of a reporting verb in
    the past or third person ("Figgins said", "said Figgins", "Jane Figgins told"), or a
    name after an honorific ("Mr. Figgins"). The name runs left over untagged capitalised
    words of the same compound ("Jane" of "Jane Figgins")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    tags = column(doc, "tag_")
    for token, tag in zip(tokens(doc), tags, strict=True):
        if tag != "NNP" or token.ent_type_ or token.i in taken:
            continue
        if token.i + 1 < len(doc) and tags[token.i + 1] == "NNP":
            continue  # the last word of a longer name is its head, not this one
        speaker = (
            token.dep_ == "nsubj"
            and token.head.tag_ in {"VBD", "VBZ"}
            and token.head.lemma_.lower() in REPORTING_VERBS
        )
        near = doc_span(doc, max(token.i - 3, 0), token.i)
        if not (speaker or any(t.text in HONORIFICS for t in near)):
            continue  # cheap tests first: most tokens are no candidate
        if not _untagged_person_word(token):
            continue
        start = token.i
        while (
            start > 0
            and tokens(doc)[start - 1].dep_ == "compound"
            and tokens(doc)[start - 1].head.i == token.i
            and tokens(doc)[start - 1].i not in taken
            and _untagged_person_word(tokens(doc)[start - 1])
        ):
            start -= 1
        honorific = start > 0 and tokens(doc)[start - 1].text in HONORIFICS
        if not (honorific or speaker):
            continue
        taken.update(range(start, token.i + 1))
        mentions.append(_rule_mention(doc_span(doc, start, token.i + 1), "PERSON", sentence_of))


# What a box score counts after a player's name: "Tolivert 25 points.", "L. Patikas 1 goal."
_TALLY_NOUNS = frozenset({
    "point", "points", "goal", "goals", "assist", "assists", "save", "saves", "rebound",
    "rebounds", "steal", "steals", "block", "blocks", "tackle", "tackles", "sack", "sacks",
    "run", "runs", "hit", "hits", "wicket", "wickets", "try", "tries", "touchdown",
    "touchdowns", "yards", "ace", "aces", "kill", "kills", "dig", "digs", "strikeouts",
})  # fmt: skip
_INITIAL = re.compile(r"^[A-Z]\.$|^[A-Z]{2}$")  # "L.", "CJ"
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]{1,3}[A-Z][a-z]+$")  # "DeBose", "LeBlanc", "MacKay"


def _name_word(token: Token) -> bool:
    text = token.text
    if _INITIAL.match(text) or _INNER_CAPITAL.match(text):
        return True
    return bool(_NAME_WORD.match(text)) and not token.is_stop


def _tally_name_start(doc: Doc, number: int) -> int | None:
    """The first token of the name before a box score's number, when the name (one to four
    name words, initials, hyphenated parts) opens its line, sentence or list item."""
    start = number
    while start > 0 and number - start < 6:
        token = tokens(doc)[start - 1]
        joined = token.text in {"-", "‐"} and start - 2 >= 0 and _name_word(tokens(doc)[start - 2])
        if not (_name_word(token) or joined) or "\n" in token.text:
            break
        start -= 1
    if start == number or tokens(doc)[start].text == "-":
        return None
    if start > 0 and not (tokens(doc)[start - 1].is_punct or tokens(doc)[start - 1].is_space):
        return None
    while start < number and tokens(doc)[start].text in TITLES:
        start += 1  # "Coach Ann Lee 3 saves"; a title inside a name stays ("Saint")
    if start == number:
        return None
    name = doc_span(doc, start, number).text
    if place(name) is not None or demonym(name) is not None or _organisation_words(name):
        return None
    return start


def _box_score_people(
    doc: Doc, mentions: list[CleanMention], sentence_of: list[int]
) -> list[CleanMention]:
    """A name that opens a box score's item, a number and a tally noun after it ("Tolivert 25
    points.", "Kairi Thomas-Brooks 18 points.", "L. Patikas 1 goal.") is a player, whatever
    the model tagged over it (a product, an organisation, half the name) or left untagged."""
    found: list[tuple[int, int]] = []
    for token in tokens(doc):
        if not token.like_num or "." in token.text or token.i + 1 >= len(doc):
            continue
        if (
            tokens(doc)[token.i + 1].lower_ not in _TALLY_NOUNS
            or not tokens(doc)[token.i + 1].is_lower
        ):
            continue
        start = _tally_name_start(doc, token.i)
        if start is not None:
            found.append((start, token.i))
    if not found:
        return mentions
    covered = {i for start, end in found for i in range(start, end)}
    kept = [m for m in mentions if not covered & set(range(m.start, m.end))]
    for start, end in found:
        span = doc_span(doc, start, end)
        kept.append(_rule_mention(span, "PERSON", sentence_of, span[0].ent_type_))
    return kept


_TEAM_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}"
# A results line: "Heritage d. Titusville 53-9", "Merritt Island (3-2): Kyleigh Trout 1 goal."
_RESULT_LINE = re.compile(
    rf"^({_TEAM_NAME}) (?:d\.|def\.) ({_TEAM_NAME})(?: \d{{1,3}}-\d{{1,3}})?[ \t]*$"
)
_RECORD_LINE = re.compile(rf"^({_TEAM_NAME})[ \t]*\((?:\d{{1,3}}-\d{{1,3}}(?:-\d{{1,3}})?|NR)\)")


def _results_line_teams(
    doc: Doc, mentions: list[CleanMention], sentence_of: list[int]
) -> list[CleanMention]:
    """The teams of a results box: the winner and the loser either side of "d." on a line of
    their own, and the name before a win-loss record that opens a line. Each is an
    organisation (a school's or a club's team), tagged or not, whatever the model said."""
    text = doc_text(doc)
    names: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        for pattern in (_RESULT_LINE, _RECORD_LINE):
            match = pattern.match(line)
            if match:
                names += [
                    (start + match.start(g), start + match.end(g))
                    for g in range(1, match.re.groups + 1)
                ]
    if not names:
        return mentions
    by_span = {(m.start_char, m.end_char): m for m in mentions}
    taken = {i for m in mentions for i in range(m.start_char, m.end_char)}
    for start_char, end_char in names:
        mention = by_span.get((start_char, end_char))
        if mention is not None:
            mention.label = "ORG"
            continue
        span = doc.char_span(start_char, end_char)
        if span is None or taken & set(range(start_char, end_char)):
            continue
        mentions.append(_rule_mention(span, "ORG", sentence_of, span[0].ent_type_))
    return mentions


# Entity types under which the model hides a place's name ("the first Test in Adelaide"
# tagged WORK_OF_ART), beside none; not DATE ("in March"), nor any kept label.
_UNNAMED = frozenset({"", "WORK_OF_ART", "EVENT"})
# Prepositions whose object is where something is or happens ("in Adelaide").
_PLACING = frozenset({"in", "at", "near", "around", "outside", "across", "throughout"})


def _proper_noun_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """The maximal runs of NNP tokens, as (start, end) token offsets."""
    tags = column(doc, "tag_")
    i = 0
    while i < len(tags):
        if tags[i] != "NNP":
            i += 1
            continue
        j = i + 1
        while j < len(tags) and tags[j] == "NNP":
            j += 1
        yield i, j
        i = j


def _untagged_places(doc: Doc, mentions: list[CleanMention], sentence_of: list[int]) -> None:
    """A name of one to four words the model did not tag, or took into a title or an event's
    name ("the first Test in Adelaide"), that the gazetteer knows as a place (`known_place`:
    "Adelaide", "New South Wales"), becomes a GPE mention where the parse uses it as a
    place: the object of a locative preposition, a member of a list with a place ("to
    Sydney, Brisbane, Adelaide"), or a noun's modifier ("its Adelaide plants", "the New
    South Wales south coast"). A run of proper nouns is tested whole, so a word of a longer
    name ("Adelaide Oval", "South Adelaide") is not taken on its own."""
    if not doc.has_annotation("DEP"):
        return
    taken = {i for m in mentions for i in range(m.start, m.end)}
    places = {i for m in mentions if m.label in {"GPE", "LOC"} for i in range(m.start, m.end)}
    walked = tokens(doc)
    for start, end in _proper_noun_runs(doc):
        if end - start > 4:
            continue
        run = [walked[i] for i in range(start, end)]
        if any(t.i in taken or t.ent_type_ not in _UNNAMED or not t.is_title for t in run):
            continue
        if run[0].is_sent_start or (start > 0 and walked[start - 1].is_quote):
            continue  # a sentence's first word is capitalised anyway ("Split starts are")
        name = doc_span(doc, start, end)
        if not known_place(name.text):
            continue
        root = name.root
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        listed = first.i != root.i and first.i in places
        located = first.dep_ == "pobj" and first.head.lower_ in _PLACING
        modifier = root.dep_ == "compound" and root.head.pos_ == "NOUN"
        if not (listed or located or modifier):
            continue
        taken.update(range(start, end))
        mentions.append(_rule_mention(name, "GPE", sentence_of))


def _rule_mention(
    span: Span, label: str, sentence_of: list[int], ner_label: str = ""
) -> CleanMention:
    """A mention a rule adds over `span`, standing for no entity of the model's."""
    return CleanMention(
        start=span.start,
        end=span.end,
        start_char=span.start_char,
        end_char=span.end_char,
        text=span.text,
        label=label,
        ner_label=ner_label,
        ner_index=-1,
        sentence_index=sentence_of[span.start],
    )
