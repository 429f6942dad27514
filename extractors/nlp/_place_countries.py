"""The country of a place and of the story: a place qualified by its state, a place
phrase or seat, the dateline, areas and towns the gazetteer lacks, the article's home
country by majority.

Separate from the actors' countries (`_actor_countries`): these place locations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ._countries import (
    US_STATE_NAMES,
    demonym,
    is_region,
    place,
    place_iso3,
    us_state,
)
from ._dictionaries import actor, city_countries, place_country
from ._mention_text import CleanMention, doc_text
from ._place_usage import (
    _PART_OF_PLACE,
    _PLACE_LABELS,
    _PLACE_WORDS,
    _SETTLEMENT_NOUNS,
    _place_by_syntax,
    _region_of_state,
    _used_as_place,
)
from ._tokens import children as child_tokens
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens


def _qualified(doc: Doc, mentions: list[CleanMention], n: int) -> str | None:
    """The country of a place, read from the state or country that qualifies it ("Palm
    Beach, Florida", "Barry, Wales") when the text gives one, else from its name."""
    mention = mentions[n]
    following = mentions[n + 1] if n + 1 < len(mentions) else None
    if (
        following is not None
        # not a list of them ("Botswana, Britain": a state the hand table lacks too)
        and not _region_of_state(mention.text)
        and following.label in {"GPE", "LOC"}
        and following.start == mention.end + 1
        and all_tokens(doc)[mention.end].text == ","
    ):
        qualifier = place(following.text)
        if qualifier is not None and qualifier.kind in {"state", "country"}:
            return qualifier.iso3
        if len(following.text) <= 6 and us_state(following.text):
            return "USA"
    return place_iso3(mention.text)


def _located_country(
    doc: Doc, mention: CleanMention, token_mention: dict[int, int], countries: list[str | None]
) -> str | None:
    """A facility or organisation placed by a phrase of its own ("the Aberdeen Royal
    Infirmary in the UK", "Evin prison in Tehran") lies in that place's country. Read after
    the name and the dictionary: "Apple in China" is still an American company."""
    root = doc_span(doc, mention.start, mention.end).root
    # the "in" phrase of the name, or for a facility the one right after it that the parser
    # hung on the noun before ("a ceremony at Kim Il Sung Square in the heart of the capital")
    following = all_tokens(doc)[mention.end] if mention.end < len(doc) else None
    phrases = [c for c in child_tokens(root) if c.dep_ == "prep" and c.i >= mention.end]
    if (
        mention.label == "FAC"
        and following is not None
        and following.dep_ == "prep"
        and following not in phrases
    ):
        phrases.append(following)
    for child in phrases:
        if child.lower_ == "in":
            for obj in child_tokens(child):
                found = token_mention.get(obj.i)
                if found is not None and countries[found] and obj.ent_type_ in _PLACE_LABELS:
                    return countries[found]
                country = _place_phrase_country(obj, token_mention, countries)
                if country is not None:
                    return country
    return None


def _place_phrase_country(
    obj: Token, token_mention: dict[int, int], countries: list[str | None]
) -> str | None:
    """The country of a locating phrase's object that is not a name itself: a place noun a
    nationality qualifies ("the North Korean capital", "a Ukrainian town"), or the place a
    part-of-place noun is of ("in the heart of the North Korean capital")."""
    for _ in range(3):
        if obj.lower_ in _PART_OF_PLACE:
            of = next((c for c in child_tokens(obj) if c.dep_ == "prep" and c.lower_ == "of"), None)
            target = next((c for c in child_tokens(of) if c.dep_ == "pobj"), None) if of else None
            if target is None:
                return None
            found = token_mention.get(target.i)
            if found is not None and countries[found] and target.ent_type_ in _PLACE_LABELS:
                return countries[found]
            obj = target
            continue
        if obj.lower_ in _PLACE_WORDS or obj.lower_ in {"capital", "town", "village", "port"}:
            for modifier in child_tokens(obj):
                found = token_mention.get(modifier.i)
                if (
                    modifier.dep_ in {"amod", "compound"}
                    and found is not None
                    and countries[found]
                    and modifier.ent_type_ in {"NORP", *_PLACE_LABELS}
                ):
                    return countries[found]
        return None
    return None


def _seat_country(
    doc: Doc, mention: CleanMention, token_mention: dict[int, int], countries: list[str | None]
) -> str | None:
    """An organisation "headquartered in" / "based in" a place has that place's country."""
    root = doc_span(doc, mention.start, mention.end).root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = root.head
    if verb.lemma_.lower() not in {"headquarter", "headquartered", "base", "locate"}:
        return None
    for child in child_tokens(verb):
        if child.dep_ == "prep" and child.lower_ in {"in", "at"}:
            for obj in child_tokens(child):
                found = token_mention.get(obj.i)
                if found is not None and countries[found]:
                    return countries[found]
    return None


_DATELINE_TAIL = re.compile(
    r"\s*(?:,\s*[A-Z][\w.'’ -]{1,30}?)?\s*(?:\((?:[A-Z][\w.&' -]{0,30})\)|CNN|AFP|AP)?\s*[—–-]"
)


_US_STATE_NAMES = frozenset(US_STATE_NAMES.values())


def _place_alternatives(name: str) -> frozenset[str]:
    """The countries a place name may lie in when it names places of several: a country of
    the hand table that is also a US state ("Georgia"), or a town of the gazetteer that is
    also a town of another country or a place the actor dictionary lists elsewhere ("Ontario",
    "Odessa", "St. Petersburg"). Empty when the name is one place's."""
    found = place(name)
    if found is not None:
        if found.kind == "country" and found.iso3 != "USA" and name in _US_STATE_NAMES:
            return frozenset({found.iso3, "USA"})
        return frozenset()
    alternatives = set(city_countries(name))
    town = place_country(name) or place_country(f"{name} County")
    listed = actor(name)
    if town:
        alternatives.add(town)
    if listed is not None and listed.sector == "" and listed.country:
        alternatives.add(listed.country)
    return frozenset(alternatives) if len(alternatives) > 1 else frozenset()


# Last words of an open sea or a basin: it spans the states on its shores, none is its own.
_OPEN_WATERS = frozenset({"sea", "ocean", "basin", "gulf"})


def _unknown_area_countries(
    doc: Doc,
    mentions: list[CleanMention],
    keys: list[tuple[str, str]],
    countries: list[str | None],
    place_tokens: set[int],
    home: str | None,
) -> dict[tuple[str, str], str]:
    """The country of each area (LOC) that neither the gazetteer nor its words place but the
    text uses as a place: the place its own phrase puts it in ("the Tora Bora caves in
    eastern Afghanistan"), else the one country of the places named in the sentences that
    name it (not a border's: "near the Pakistan border" is outside Pakistan), else the
    story's. Open seas, basins and multi-country regions get none."""
    country_at = {
        i: country
        for m, country in zip(mentions, countries, strict=True)
        if country and m.label in _PLACE_LABELS | {"NORP"}
        for i in range(m.start, m.end)
    }
    by_sentence: dict[int, set[str]] = {}
    for m, country in zip(mentions, countries, strict=True):
        root = doc_span(doc, m.start, m.end).root
        # a nationality places only a place it qualifies ("a central Australian
        # community"), not people ("two Swiss tourists")
        placing = m.label in _PLACE_LABELS or root.head.lower_ in _SETTLEMENT_NOUNS
        if country and placing and root.head.lemma_ not in _BORDERS:
            by_sentence.setdefault(m.sentence_index, set()).add(country)
    near: dict[tuple[str, str], set[str]] = {}
    own: dict[tuple[str, str], str] = {}
    for n, mention in enumerate(mentions):
        if (
            mention.label != "LOC"
            or countries[n] is not None
            or keys[n] != ("LOC", mention.text)
            or mention.text.split()[-1].casefold() in _OPEN_WATERS
            or is_region(mention.text)
            or any(demonym(w) for w in mention.text.split())  # "the Iberian Peninsula"
        ):
            continue
        phrase_country = _own_place_phrase(doc, mention, country_at)
        if phrase_country:
            own.setdefault(keys[n], phrase_country)
        if _used_as_place(doc, mention, place_tokens) and (
            # a noun's modifier places it only before an area's noun ("the Shoalhaven
            # area"), not before a role ("Proteas batsman": a team's nickname)
            doc_span(doc, mention.start, mention.end).root.dep_ != "compound"
            or _place_by_syntax(doc, mention) is not None
        ):
            near.setdefault(keys[n], set()).update(by_sentence.get(mention.sentence_index, ()))
    placed = dict(own)
    for key, found in near.items():
        country = next(iter(found)) if len(found) == 1 else home
        if country and key not in placed:
            placed[key] = country
    return placed


# Nouns whose modifying country lies on one side only ("the Pakistan border").
_BORDERS = frozenset({"border", "frontier", "boundary"})


def _own_place_phrase(doc: Doc, mention: CleanMention, country_at: dict[int, str]) -> str | None:
    """The country of the place an "in"/"of" phrase puts a name in, the phrase attached to
    the name or to the noun it modifies ("Tora Bora in Afghanistan", "the Tora Bora caves
    in eastern Afghanistan", "the Southern Highlands of New South Wales")."""
    root = doc_span(doc, mention.start, mention.end).root
    head = root.head if root.dep_ == "compound" and root.head.i >= mention.end else root
    for prep in child_tokens(head):
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "of"} or prep.i < mention.end:
            continue
        for obj in child_tokens(prep):
            if obj.dep_ == "pobj" and obj.i in country_at:
                return country_at[obj.i]
    return None


def dateline_country(
    doc: Doc, mentions: list[CleanMention], countries: list[str | None]
) -> str | None:
    """The country of the dateline ("KYIV, Ukraine (AP) —", "WASHINGTON (Reuters) -",
    "Seoul, South Korea CNN —"): a place opening one of the first lines, followed by a dash,
    and named again in the body (a correspondent's base the story never mentions, "DUBAI"
    over a story on Iran, is no evidence of who acts)."""
    text = doc_text(doc)
    for n, mention in enumerate(mentions[:12]):
        if mention.start_char > 600:
            break
        if mention.label not in {"GPE", "LOC"} or not countries[n]:
            continue
        if mention.start_char and text[mention.start_char - 1] not in "\n":
            continue
        if not _DATELINE_TAIL.match(text, mention.end_char):
            continue
        country = countries[n]
        if sum(1 for c in countries if c == country) >= 2:
            return country
        return None
    return None


def _home_country(countries: list[str | None], least: int = 2) -> str | None:
    """The country the article is mostly about: the most mentioned among its places and
    nationalities, at least `least` times."""
    counts = Counter(c for c in countries if c)
    if not counts:
        return None
    ranked = counts.most_common(2)
    country, count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == count:
        return None  # a tie (a list of countries, a match report): no country leads
    return country if count >= least else None


def _people_of_a_place(
    doc: Doc,
    mentions: list[CleanMention],
    keys: list[tuple[str, str]],
    token_mention: dict[int, int],
    countries: list[str | None],
    home: str | None,
    votes: dict[tuple[str, str], Counter[str]],
    paths: dict[tuple[tuple[str, str], str], str],
) -> None:
    """A person the text gives a home town the news way, "X of Y" or "X, 31, of Y" (Jane
    Doe of Dubbo), lives in Y's country when nothing else placed them."""
    walked = all_tokens(doc)
    for n, mention in enumerate(mentions):
        if mention.label != "PERSON" or keys[n] in votes:
            continue
        i = mention.end
        if i + 2 < len(walked) and walked[i].text == "," and walked[i + 1].like_num:
            i += 3 if walked[i + 2].text == "," else 2  # "X, 31, of Y"
        if i + 1 >= len(walked) or walked[i].lower_ != "of":
            continue
        country = _home_town_country(walked, i + 1, mentions, token_mention, countries, home)
        if country:
            votes[keys[n]] = Counter({country: 1})
            paths[(keys[n], country)] = "of a place"


def _home_town_country(
    walked: Sequence[Token],
    i: int,
    mentions: list[CleanMention],
    token_mention: dict[int, int],
    countries: list[str | None],
    home: str | None,
) -> str | None:
    """The country of the place named at token `i` after a person's "of": a place mention's,
    else a proper noun the model left untagged that the gazetteer places, else one too small
    for it (a farming town: "Shane Bradford of Ballidu") in the story's country."""
    place_at = token_mention.get(i)
    if place_at is not None:
        place_mention = mentions[place_at]
        if place_mention.start != i or place_mention.label not in {"GPE", "LOC"}:
            return None
        return countries[place_at] or home
    end = i
    while end < len(walked) and walked[end].pos_ == "PROPN" and end not in token_mention:
        end += 1
    if end == i or end - i > 2 or (end < len(walked) and walked[end].pos_ in {"NOUN", "PROPN"}):
        return None  # no name, or a name that is a body's ("of Acme Mining")
    name = " ".join(t.text for t in walked[i:end])
    return place_country(name) or home


def _unlisted_place_country(
    doc: Doc,
    mentions: list[CleanMention],
    n: int,
    near: set[str],
    countries: list[str | None],
    alternatives: list[frozenset[str]],
    clear_home: str | None,
) -> str | None:
    """The country of a place the gazetteer does not give one: listed with places of one
    country ("New South Wales and Victoria": the gazetteer knows Victoria only as towns of
    Canada, the Seychelles…), else, for a name of towns of several countries none of them the
    story's, the story's when its sentence names no other place."""
    if len(near) == 1:
        country = next(iter(near))
        root = doc_span(doc, mentions[n].start, mentions[n].end).root
        linked = [root.head] if root.dep_ == "conj" else []
        linked += [child for child in child_tokens(root) if child.dep_ == "conj"]
        for token in linked:
            for m, other in enumerate(mentions):
                if other.start <= token.i < other.end and countries[m] == country:
                    return country
        return None
    if not near and alternatives[n] and clear_home and clear_home not in alternatives[n]:
        return clear_home
    return None


def _named_town_heading(text: str, countries: list[str | None]) -> str | None:
    """A facility named after a gazetteer town of a country the story names ("the Adelaide
    Oval" in a story naming Australia) lies there; a town of a country the story never
    names is likely a common word the facility is named by ("Republic Square",
    "Independence Hall" far from Missouri)."""
    words = text.split()
    if len(words) < 2 or not words[0][:1].isupper() or words[0].isupper():
        return None
    country = place_country(words[0])
    return country if country and country in countries else None
