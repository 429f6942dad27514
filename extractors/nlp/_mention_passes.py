"""Passes over an article's whole list of cleaned mentions: names joined or split, common
words, counted things and portfolios dropped, lists of places and organisations relabelled,
a party's US state after a name.

Separate because each pass needs the other mentions of the article, not one span.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from ._countries import demonym, is_region, place
from ._dictionaries import (
    actor,
    state_nationality,
)
from ._mention_labels import _listed_organisation, _product_name
from ._mention_text import (
    NAME_PARTICLES,
    PLACE_NOUNS,
    CleanMention,
    clean_span_text,
    doc_text,
    known_place,
)
from ._tokens import column, tokens
from ._tokens import span as doc_span


def _without_product_acronyms(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """Drops every mention of an acronym that the article defines in brackets after a
    product's name ("Exploration Upper Stage (EUS)" ... "the EUS")."""
    acronyms = set()
    for m in mentions:
        k = m.start
        if not (m.text.isupper() and 2 <= k < len(doc) - 1 and tokens(doc)[k - 1].text == "("):
            continue
        first = k - 1
        while first > 0 and k - 1 - first < 5 and tokens(doc)[first - 1].is_title:
            first -= 1
        if _product_name(doc_span(doc, first, k - 1).text):
            acronyms.add(m.text)
    return [m for m in mentions if m.text not in acronyms] if acronyms else mentions


def _place_lists(doc: Doc, mentions: list[CleanMention]) -> None:
    """Members of a list that a place noun heads ("Barry, Berrien, Cass and Van Buren
    counties") are places, whatever the model tagged them."""
    if not doc.has_annotation("DEP"):
        return
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    words = tokens(doc)
    for token in (words[i] for i in sorted(by_token)):  # the mentions' tokens, in text order
        if token.dep_ == "conj":
            continue
        group = [token, *(t for t in token.subtree if t.dep_ == "conj" and t.i in by_token)]
        if len(group) < 2:
            continue
        nouns = [c for member in group for c in member.children if c.dep_ in {"appos", "compound"}]
        nouns.append(token.head)
        if any(n.lower_ in PLACE_NOUNS for n in nouns):
            for member in group:
                mention = by_token[member.i]
                if mention.label in {"PERSON", "ORG", "NORP"}:
                    mention.label = "GPE"


def _organisation_lists(doc: Doc, mentions: list[CleanMention]) -> None:
    """A one-word "person" in a list of at least two organisations and no person ("Enter
    Lugg, Instacart, DoorDash, GrubHub") is an organisation too."""
    if not doc.has_annotation("DEP"):
        return
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    full_names = {
        w for m in mentions if m.label == "PERSON" and " " in m.text for w in m.text.split()
    }
    words = tokens(doc)
    for token in (words[i] for i in sorted(by_token)):  # the mentions' tokens, in text order
        if token.dep_ == "conj":
            continue
        group = [token, *(t for t in token.subtree if t.dep_ == "conj" and t.i in by_token)]
        labels = [by_token[member.i].label for member in group]
        if len(group) < 3 or labels.count("ORG") < 2:
            continue
        persons = [by_token[m.i] for m in group if by_token[m.i].label == "PERSON"]
        if len(persons) != 1 or " " in persons[0].text or persons[0].text in full_names:
            continue
        persons[0].label = "ORG"


_OFFICE_TITLES = frozenset({"minister", "ministers", "secretary", "secretaries"})
_OFFICE_HOLDERS = _OFFICE_TITLES | {"spokesman", "spokeswoman", "spokesperson"}


def _portfolio_of_office(doc: Doc, mention: CleanMention) -> bool:
    """An organisation-tagged name that only names an office's field: set before the title
    it qualifies ("Immigration Minister", "Deputy Defence Secretary") or the object of
    "for"/"on" after an office holder ("minister for Immigration", "spokesman on Home
    Affairs"). The ministry itself is written with its own noun ("Defence Department")."""
    root = doc_span(doc, mention.start, mention.end).root
    if mention.end < len(doc):
        after = tokens(doc)[mention.end]
        if after.lower_ in _OFFICE_TITLES and root.head.i == after.i:
            return True
    prep = root.head
    holders = _OFFICE_TITLES if prep.lower_ == "for" else _OFFICE_HOLDERS
    return (
        root.dep_ == "pobj"
        and prep.lower_ in {"for", "on"}
        and prep.head.lower_ in holders
        # "a spokesman for the Northern Alliance": a body, written with its article
        and not any(child.dep_ == "det" for child in root.children)
    )


def _portfolio_state(doc: Doc, mention: CleanMention) -> CleanMention | None:
    """The country or nationality that opens a portfolio ("British" of "British Defence
    Secretary", "US" of "US Treasury Secretary"), kept as its own mention so the office
    holder is still placed by it."""
    first = tokens(doc)[mention.start]
    if mention.end - mention.start < 2:
        return None
    label = "NORP" if demonym(first.text) else "GPE" if place(first.text) else None
    if label is None:
        return None
    end_char = first.idx + len(first.text)
    return replace(mention, end=mention.start + 1, end_char=end_char, text=first.text, label=label)


# Nouns that, after a country or its people alone, name that state's rule rather than a body
# of its own ("the Israeli government")
_RULE_NOUNS = frozenset({"government"})


def _state_rule(doc: Doc, mention: CleanMention) -> bool:
    """An organisation-tagged "<country or nationality> government": the state itself, as
    the story's other mentions of its country name it."""
    return mention.end - mention.start == 2 and tokens(doc)[mention.end - 1].lower_ in _RULE_NOUNS


def _without_portfolios(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """Organisation mentions that are an office's portfolio, not a body of the story, and
    a state's government named by its country alone, kept as that country's mention."""
    if not doc.has_annotation("DEP"):
        return mentions
    kept: list[CleanMention] = []
    for mention in mentions:
        portfolio = mention.label == "ORG" and _portfolio_of_office(doc, mention)
        rule = mention.label == "ORG" and not portfolio and _state_rule(doc, mention)
        if not (portfolio or rule):
            kept.append(mention)
            continue
        state = _portfolio_state(doc, mention)
        if state is not None:
            kept.append(state)
        elif rule:
            kept.append(mention)
    return kept


@lru_cache(maxsize=4096)
def _state_name(text: str) -> bool:
    """A country or a capital: the hand table's, or a state the actor dictionary lists (no
    sector: "Togo", "Chad", "Lome")."""
    found = place(text)
    if found is not None:
        return found.kind in {"country", "capital"}
    listed = actor(text)
    if listed is None or listed.sector != "" or not listed.country:
        return False
    return state_nationality(text) is None  # "Togolese" beside "Togo"


def _states_named_as_people(mentions: list[CleanMention]) -> None:
    """A one-word person or nationality that names a country or a capital ("Togo" tagged
    NORP, "Chad" tagged PERSON) is the place, unless it is a word of a person's full name in
    the article ("Jordan" beside "Michael Jordan"), which keeps a name the model tagged a
    person one even where `_relabel` made it a place."""
    name_words = {
        w for m in mentions if m.label == "PERSON" and " " in m.text for w in m.text.split()
    }
    for m in mentions:
        if " " in m.text or demonym(m.text) is not None:
            continue
        if m.text in name_words:
            if m.label == "GPE" and m.ner_label == "PERSON":
                m.label = "PERSON"
        elif m.label in {"PERSON", "NORP"} and _state_name(m.text):
            m.label = "GPE"


# Abbreviations that open a place's name ("St. Joseph", "Mt. Vernon", "Ft. Worth").
_PLACE_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft"})


def _joined_abbreviated_places(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """ "ST. JOSEPH, Mich." tagged as two mentions ("ST" a place, "JOSEPH" a person): an
    abbreviation that opens a place name, its full stop and the name after it are one place."""
    joined: list[CleanMention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and mention.start - last.end <= 1
            and last.end - last.start == 1
            and tokens(doc)[last.start].lower_.rstrip(".") in _PLACE_ABBREVIATIONS
            and doc_span(doc, last.end, mention.start).text in {"", "."}
            and (tokens(doc)[last.start].text.endswith(".") or tokens(doc)[last.end].text == ".")
            and mention.label in {"PERSON", "GPE", "LOC", "ORG"}
        ):
            last.end, last.end_char = mention.end, mention.end_char
            last.text = doc_text(doc)[last.start_char : last.end_char]
            last.label = "GPE"
            continue
        joined.append(mention)
    return joined


# Units of an armed force named inside a larger one ("3rd Battalion, 5th Special Forces
# Group", "1st Battalion, 7th Marines").
_SUBUNITS = frozenset({"battalion", "company", "squadron", "regiment", "brigade", "platoon"})


def _ordinal(token_text: str) -> bool:
    return bool(re.match(r"^\d+(?:st|nd|rd|th)$", token_text))


def _joined_military_units(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """A numbered unit, a comma and the numbered unit it belongs to are one name: the
    model tags the two halves as two organisations."""
    joined: list[CleanMention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label == "ORG"
            and mention.label == "ORG"
            and mention.start == last.end + 1
            and tokens(doc)[last.end].text == ","
            and _ordinal(tokens(doc)[last.start].text)
            and _ordinal(tokens(doc)[mention.start].text)
            and tokens(doc)[last.end - 1].lower_ in _SUBUNITS
        ):
            last.end, last.end_char = mention.end, mention.end_char
            last.text = doc_text(doc)[last.start_char : last.end_char]
            continue
        joined.append(mention)
    return joined


def _joined_particle_names(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """A person's name the model cut after a particle ("Ursula von der" + "Leyen") is one
    name again; the surname with its particles alone ("Von der Leyen", tagged ORG) is a
    person's when it ends a person's name of the text."""
    joined: list[CleanMention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label == "PERSON"
            and tokens(doc)[last.end - 1].lower_ in NAME_PARTICLES
            and mention.start == last.end
            and tokens(doc)[mention.start].is_title
        ):
            last.end, last.end_char = mention.end, mention.end_char
            last.text = doc_text(doc)[last.start_char : last.end_char]
            continue
        joined.append(mention)
    tails = {
        " ".join(words[i:]).casefold()
        for m in joined
        if m.label == "PERSON"
        for words in [m.text.split()]
        for i in range(1, len(words) - 1)
        if words[i].casefold() in NAME_PARTICLES
    }
    for mention in joined:
        if mention.label != "PERSON" and mention.text.casefold() in tails:
            mention.label = "PERSON"
    return joined


def _without_common_words(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """A one-word "person" that the article also writes as a lowercase word inside a
    sentence ("Feather Duvet Lung disease" beside "a feather duvet", "Bird allergies" beside
    "birds") is a common noun capitalised by a heading or a sentence start, not a name; the
    surname of a full name in the article ("Young" of "Tom Young") is kept."""
    singles = {m.text for m in mentions if m.label == "PERSON" and m.end - m.start == 1}
    if not singles:
        return mentions
    name_words = {
        tokens(doc)[i].text
        for m in mentions
        if m.label == "PERSON" and m.end - m.start > 1
        for i in range(m.start, m.end)
    }
    lowered = {w.casefold() for w in singles - name_words}
    lowers, lemmas = column(doc, "lower_"), column(doc, "lemma_")
    common = {
        form
        for token, lower, lemma in zip(tokens(doc), lowers, lemmas, strict=True)
        # the set lookups first: they rule out nearly every token, cheaper than the flags
        if (lower in lowered or lemma in lowered)
        and token.is_lower and not token.is_sent_start and token.ent_type_ == ""
        for form in (lower, lemma)
        if form in lowered
    }  # fmt: skip
    # "the Gateway", "the Thunder", "the Moon": a one-word name the article writes after
    # "the" is a thing, team or place, not a person
    definite = {
        m.text
        for m in mentions
        if m.label == "PERSON"
        and m.end - m.start == 1
        and m.start > 0
        and tokens(doc)[m.start - 1].lower_ == "the"
        and tokens(doc)[m.start].dep_ not in {"compound", "nmod", "amod", "poss"}  # the Bush years
        and m.text not in name_words
    }
    # "Spurs' players", "leading Spurs/NNPS to": a plural nickname no full name of the
    # article ends with is a team, not a person
    definite |= {
        m.text
        for m in mentions
        if m.label == "PERSON"
        and m.end - m.start == 1
        and len(m.text) > 3
        and m.text.endswith("s")
        and not m.text.endswith("ss")
        and m.text not in name_words
        and (
            tokens(doc)[m.start].tag_ == "NNPS"
            or (m.end < len(doc) and tokens(doc)[m.end].text in {"'", "’"})
        )
        and actor(m.text) is None
    }
    for m in mentions:
        if m.label == "PERSON" and m.text in definite and m.end - m.start == 1:
            m.label = "LOC" if is_region(m.text) else "ORG"  # the Moon; the Thunder
    if not common:
        return mentions
    return [
        m
        for m in mentions
        if not (
            m.label == "PERSON"
            and m.end - m.start == 1
            and m.text.casefold() in common
            and m.text not in name_words
        )
    ]


# Determiners and modifiers that count or compare a noun: a name used with one is a thing there
# can be many of ("a new iPhone", "its EV", "my 15-inch MacBook Pro", "old MacBooks"): a
# product, model or common-noun acronym, not a person or an organisation.
_COUNTING_DETERMINERS = frozenset({"a", "an", "another", "each", "every", "my", "your", "its"})
_COUNTING_MODIFIERS = frozenset({"new", "newer", "old", "older", "latest", "inch", "more"})


# Head nouns that make the name before them a product or a programme: "its Dragonfly
# mission", "Blue Origin's New Glenn vehicles", "a mission called Europa Clipper".
_PRODUCT_HEADS = frozenset({
    "mission", "program", "programme", "rocket", "vehicle", "spacecraft", "lander", "probe",
    "launcher", "capsule", "app", "initiative", "platform", "concept", "satellite",
})  # fmt: skip
# (not "model", "car", "phone": "Lexus models", "a Samsung phone" are the maker's)


def _counted(doc: Doc, start: int, end: int) -> bool:
    root = doc_span(doc, start, end).root
    if root.tag_ not in {"NNP", "NNPS", "NN", "NNS"} or root.dep_ == "poss":
        return False  # "a Kim's visit": the article belongs to the noun after the name
    head = root.head
    if root.dep_ == "compound" and head.i >= end and head.lemma_.lower() in _PRODUCT_HEADS:
        return True
    if (
        root.dep_ in {"oprd", "attr", "dobj"}
        and head.lemma_ in {"call", "name", "dub"}
        and head.dep_ == "acl"
        and head.head.lemma_.lower() in _PRODUCT_HEADS
    ):
        return True
    for child in root.children:
        if start <= child.i < end:
            continue
        if child.dep_ == "det" and child.lower_ in _COUNTING_DETERMINERS:
            return True
        # "my dear Watson" is a person; "the 43-year-old Martin Taylor" an age, not old
        if (
            child.dep_ == "poss"
            and child.lower_ in _COUNTING_DETERMINERS
            and root.ent_type_ != "PERSON"
        ):
            return True
        if (
            child.dep_ in {"amod", "compound", "nummod"}
            and child.lower_ in _COUNTING_MODIFIERS
            and not (child.lower_ == "old" and tokens(doc)[child.i - 1].text in {"-", "‑", "–"})
        ):
            return True
    return False


def _without_counted_things(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """Drops every mention of a person or organisation name that the article uses at least
    once as a countable thing (`_counted`: at any of its occurrences, tagged or not), and of
    its plural and possessed forms ("MacBook Pros", "Apple's MacBook"): products, models and
    common-noun acronyms, whatever label the model gave each mention. Known places,
    nationalities and names the dictionaries list are left alone ("the new Ukraine", "an
    American", "a Tesla")."""
    if not doc.has_annotation("DEP"):
        return mentions
    texts = column(doc, "text")
    unknown: dict[str, bool] = {}  # the dictionaries asked once per distinct mention text
    for m in mentions:
        if m.label != "NORP" and m.text not in unknown:
            unknown[m.text] = (
                place(m.text) is None and demonym(m.text) is None
                and not is_region(m.text) and not _listed_organisation(m.text)
                and actor(m.text) is None  # "a Tesla", "a Kennedy": the company, the family
            )  # fmt: skip
    names = {
        tuple(texts[m.start : m.end]) for m in mentions if m.label != "NORP" and unknown[m.text]
    }
    starts: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        starts.setdefault(text, []).append(i)
    things = {
        " ".join(name)
        for name in names
        if any(
            tuple(texts[i : i + len(name)]) == name and _counted(doc, i, i + len(name))
            for i in starts.get(name[0], ())
        )
    }
    if not things:
        return mentions

    def thing(m: CleanMention) -> bool:
        text = m.text
        if place(text) is not None or is_region(text):
            return False
        singular = text[:-1] if text.endswith("s") else text
        if text in things or singular in things:
            return True
        return any(text.endswith(f"’s {t}") or text.endswith(f"'s {t}") for t in things)

    return [m for m in mentions if not thing(m)]


def _without_capitalised_common_nouns(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """The same test as `_without_common_words` for one-word organisations, places and
    facilities: "Coach" beside "coach Billy Donovan", "Concept" beside "the concept", "Extra"
    beside "an extra key" are common nouns a title, a heading or a model name capitalised.
    Names a gazetteer or dictionary knows are kept (Labour beside "labour costs")."""
    labels = {"ORG", "GPE", "LOC", "FAC"}
    singles = {
        m.text.casefold()
        for m in mentions
        if m.label in labels and m.end - m.start == 1 and m.text[:1].isupper()
        and not m.text.isupper()  # acronyms: "AP" beside "ap"
        and place(m.text) is None and demonym(m.text) is None and not is_region(m.text)
        and not _listed_organisation(m.text) and actor(m.text) is None
    }  # fmt: skip
    if not singles:
        return mentions
    common = {
        lower
        for token, lower in zip(tokens(doc), column(doc, "lower_"), strict=True)
        if lower in singles  # first: it rules out nearly every token
        and token.is_lower
        and not token.is_sent_start
        and token.ent_type_ == ""
    }
    if not common:
        return mentions
    return [
        m
        for m in mentions
        if not (m.label in labels and m.end - m.start == 1 and m.text.casefold() in common)
    ]


# Heads of institutions named after the place they serve ("Southern District of New York",
# "University of Kent", "Bank of Japan"), when the model tags the two halves apart.
_INSTITUTION_HEADS = frozenset({
    "district", "university", "court", "bank", "department", "office", "college", "institute",
    "ministry", "church", "council", "museum", "academy", "archdiocese", "diocese",
})  # fmt: skip


def _institutions_of_places(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """ "<Institution> of <Place>" tagged as two mentions is one organisation."""
    merged: list[CleanMention] = []
    skip = False
    for n, mention in enumerate(mentions):
        if skip:
            skip = False
            continue
        following = mentions[n + 1] if n + 1 < len(mentions) else None
        if (
            following is not None
            and mention.label in {"ORG", "LOC", "FAC", "GPE"}
            and following.label in {"GPE", "LOC"}
            and following.start == mention.end + 1
            and tokens(doc)[mention.end].lower_ == "of"
            and mention.text.split()[-1].casefold() in _INSTITUTION_HEADS
            and len(mention.text.split()) > 1
        ):
            mention.text = f"{mention.text} of {following.text}"
            mention.end, mention.end_char = following.end, following.end_char
            mention.label = "ORG"
            skip = True
        merged.append(mention)
    return merged


# "Rep. Ilhan Omar (D-Minn.)", "Sen. Ben Sasse, R-Neb.,": the state a politician represents
_PARTY_STATE = re.compile(r"[(,]\s*[DRI]-\s?([A-Z][A-Za-z.]*(?: ?[A-Z][a-z.]*)?)\s*(?=[),])")


def _party_states(doc: Doc, mentions: list[CleanMention], sentence_of: list[int]) -> None:
    """The state in a party-and-state tag after a name becomes a place mention of its own."""
    from ._countries import us_state

    taken = {i for m in mentions for i in range(m.start, m.end)}
    for match in _PARTY_STATE.finditer(doc_text(doc)):
        text = match.group(1).strip()
        if not (us_state(text.rstrip(".")) or us_state(text)):
            continue
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        mentions.append(
            CleanMention(
                start=span.start,
                end=span.end,
                start_char=match.start(1),
                end_char=match.end(1),
                text=text.rstrip(".") if text.count(".") == 1 else text,
                label="GPE",
                ner_label="",
                ner_index=-1,
                sentence_index=sentence_of[span.start],
            )
        )


def _split_listed_names(doc: Doc, mentions: list[CleanMention]) -> list[CleanMention]:
    """A span the model ran over a list of names is one mention per name, when its first
    name is a mention of its own elsewhere in the article: "Big Machine, Braun" (beside "Big
    Machine"), "Falcon Heavy and Starship" (beside "Falcon Heavy"), or when it is an
    organisation's, a person's or a facility's and its first name is a town the gazetteer
    knows ("Hornsby,
    Warringah" tagged ORG: that town is a GPE). Only a comma, or an "and" after a name of two
    words or more, divides: "Customs and Border Protection" stays one name."""
    texts: dict[str, str] = {}
    for m in mentions:
        texts.setdefault(m.text, m.label)
    result: list[CleanMention] = []
    for mention in mentions:
        parts = _listed_parts(doc, mention, texts)
        if not parts:
            result.append(mention)
            continue
        for start, end in parts:
            span = doc_span(doc, start, end)
            text, start_char, end_char = clean_span_text(span.text, span.start_char)
            label = texts.get(text, mention.label)
            if text not in texts and _listed_town(mention, text):
                label = "GPE"
            result.append(
                replace(mention, start=start, end=end, start_char=start_char, end_char=end_char,
                        text=text, label=label)
            )  # fmt: skip
    return result


def _listed_parts(doc: Doc, mention: CleanMention, texts: dict[str, str]) -> list[tuple[int, int]]:
    for token in doc_span(doc, mention.start + 1, mention.end - 1):
        if token.text != "," and token.lower_ != "and":
            continue
        left = doc_span(doc, mention.start, token.i)
        name = clean_span_text(left.text, left.start_char)[0]
        if name == mention.text or (name not in texts and not _listed_town(mention, name)):
            return []
        if token.text != "," and len(name.split()) < 2:
            return []
        right = token.i + 1
        while right < mention.end and (
            tokens(doc)[right].text == "," or tokens(doc)[right].lower_ == "and"
        ):
            right += 1
        if right >= mention.end or not tokens(doc)[right].text[:1].isupper():
            return []
        return [(mention.start, token.i), (right, mention.end)]
    return []


def _listed_town(mention: CleanMention, name: str) -> bool:
    """A town the gazetteer knows at the head of a span the model took for one
    organisation's, person's or facility's name."""
    return mention.label in {"ORG", "PERSON", "FAC"} and known_place(name)
