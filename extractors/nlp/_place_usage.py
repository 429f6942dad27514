"""How the text uses a name as a place: after a locative preposition, by a compass word,
as a town or area by its head noun, in a list of places or a route; nationalities and
regions of states.

Separate because both the label step (`_entity_labels`) and the country steps read it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ._countries import (
    country_name,
    place,
    place_iso3,
    us_state,
)
from ._dictionaries import actor, division_country, place_country, state_nationality
from ._entity_names import _organisation_name, _sector_actor
from ._mention_text import HONORIFICS, CleanMention, known_place
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens

_PLACE_LABELS = frozenset({"GPE", "LOC"})
_PLACE_WORDS = frozenset({
    "county", "city", "state", "province", "district", "township", "parish", "region",
})  # fmt: skip


# Prepositions whose object is where something is or happens.
_LOCATIVE = frozenset({
    "in", "at", "near", "outside", "inside", "into", "across", "throughout", "around",
    "within", "toward", "towards",
})  # fmt: skip


def _located_in(doc: Doc, mention: CleanMention) -> bool:
    """A place the parse puts something in: the object of a locative preposition ("in
    Paktika", "near Jalalabad, Kandahar and Khost"), not a nationality's modifier ("US
    planes")."""
    if not doc.has_annotation("DEP"):
        return False
    first = doc_span(doc, mention.start, mention.end).root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.dep_ == "pobj" and first.head.lower_ in _LOCATIVE


def _used_as_place(doc: Doc, mention: CleanMention, places: set[int]) -> bool:
    """A name the parse uses as a place: the object of a locative preposition ("in Forest
    Hill", or in a list that is: "near Cessnock, Narromine and Kempsey"), a noun's modifier
    ("a Forest Hill hotel room", "Forest Hill police"), a place's possession ("San
    Francisco's Moscone Center"; `places`: the token indices of place names), coordinated
    with a place ("in Queensland and Victoria"), or set before a state or country after a
    comma ("Forest Hill, Texas"). A Doc without a parse tells nothing: every name may be a
    place."""
    if not doc.has_annotation("DEP"):
        return True
    root = doc_span(doc, mention.start, mention.end).root
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "in Mudgee, Narromine and Kempsey": a list's first name's role
    if first.dep_ == "pobj" and first.head.lower_ in _LOCATIVE | {"including", "as"}:
        return True
    if _place_by_syntax(doc, mention) is not None:
        return True  # "the town of Macapa", "the Shoalhaven area"
    if root.dep_ == "conj" and root.head.i in places:
        return True  # "in Queensland and Victoria": coordinated with a place
    if any(child.dep_ == "poss" and child.i in places for child in root.children):
        return True
    if root.dep_ == "compound" and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head.i >= mention.end
    following = doc_span(doc, mention.end, mention.end + 2)
    return (
        len(following) == 2
        and following[0].text == ","
        and (us_state(following[1].text) is not None or place(following[1].text) is not None)
    )


# Nouns that stand for a part of a place in a locating phrase: "in the heart of", "on the
# outskirts of", "in downtown"
_PART_OF_PLACE = frozenset({
    "heart", "centre", "center", "middle", "outskirts", "edge", "suburbs", "north", "south",
    "east", "west", "downtown",
})  # fmt: skip


# Prepositions after which a name is a place, not a person ("in", not "to" or "from": a
# letter to Putin, a call from Biden; nor "into" or "within", which also take things).
_AT_PLACE = (_LOCATIVE - {"into", "within"}) | {"above", "below", "beyond", "via"}
_COMPASS = frozenset({
    "north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
    "northeast", "northwest", "southeast", "southwest",
})  # fmt: skip


def _placed(doc: Doc, mention: CleanMention, unknown: bool = False) -> bool:
    """A person-tagged name of one or two words that the gazetteer knows as a place (any
    such name when `unknown`), the object of a locative preposition ("in", "above") or of
    "of" after a compass point ("south of Sydney"), or modified by "nearby", and not after an
    honorific."""
    words = mention.text.split()
    if not doc.has_annotation("DEP") or len(words) > 2:
        return False
    if not unknown and place_iso3(mention.text) is None:
        return False
    if mention.start > 0 and all_tokens(doc)[mention.start - 1].text in HONORIFICS:
        return False
    root = doc_span(doc, mention.start, mention.end).root
    if any(child.dep_ == "amod" and child.lower_ == "nearby" for child in root.children):
        return True  # "for nearby Mittagong": only a place is nearby
    if root.dep_ != "pobj":
        return False
    head = root.head
    if head.lower_ == "of":
        return head.head.lower_ in _COMPASS
    return head.lower_ in _AT_PLACE


# Nouns a place's name modifies ("the Tora Bora region": LOC) or names after "of" ("the town
# of Hill Top": GPE); a region or an area is a LOC, a settlement a GPE.
_AREA_NOUNS = frozenset({
    "area", "region", "valley", "caves", "mountains", "hinterland", "mountain", "cave",
    "battleground", "battlefield", "enclave", "countryside", "desert", "plains",
})  # fmt: skip
_TOWN_NOUNS = frozenset({
    "town", "towns", "city", "cities", "village", "villages", "suburb", "suburbs",
    "settlement", "settlements", "township", "hamlet", "municipality",
})  # fmt: skip
# Nouns of places a nationality may qualify ("a central Australian community").
_SETTLEMENT_NOUNS = _AREA_NOUNS | _TOWN_NOUNS | {"community", "communities", "province", "coast"}


# Nouns of terrain, or of a place's parts, whose "of" names a place ("the forests of Spin
# Ghar", "the outskirts of Kunduz", "the mouth of the Orinoco").
_TERRAIN_OF = _AREA_NOUNS | _PART_OF_PLACE | frozenset({
    "forests", "forest", "hills", "foothills", "slopes", "mouth", "banks", "shores", "areas",
})  # fmt: skip
# last words of the names of roads
_ROAD_WORDS = frozenset({"Road", "Highway", "Street", "Freeway", "Motorway"})


def _type_by_head_word(mention: CleanMention) -> str | None:
    """The type a name's own words give where the model's is wrong: a person named "...
    Road" is a FAC, a facility the hand table knows as a city or capital ("Port-au-Prince")
    a GPE; else None."""
    words = mention.text.split()
    if mention.label == "FAC" and (found := place(mention.text)) is not None:
        return "GPE" if found.kind in {"city", "capital"} else None
    if len(words) < 2:
        return None
    if mention.label == "PERSON" and words[-1] in _ROAD_WORDS:
        return "FAC"
    return None


def _place_by_syntax(doc: Doc, mention: CleanMention) -> str | None:
    """The place type ("LOC", "GPE") of a name of one to three words in title case that
    modifies an area or town noun ("the Shoalhaven area") or is the object of "of" after a
    town noun ("the village of Ivanivka") or a noun of terrain ("the forests of Spin Ghar");
    else None."""
    words = mention.text.split()
    if not 1 <= len(words) <= 3:  # the callers know the Doc is parsed
        return None
    if not all(w[:1].isupper() for w in words) or mention.end - mention.start > 3:
        return None
    root = doc_span(doc, mention.start, mention.end).root
    head = root.head
    if root.dep_ == "compound" and head.i == mention.end and head.lower_ in _AREA_NOUNS:
        return "LOC"
    if root.dep_ == "compound" and head.i == mention.end and head.lower_ in _TOWN_NOUNS:
        return "GPE"
    # a list after "of" is all of it ("the settlements of Alei Sinai and Nitzanit")
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    head = first.head
    if first.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _TOWN_NOUNS:
        return "GPE"
    if first.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _TERRAIN_OF:
        return "LOC"  # "the forests of Spin Ghar", "the outskirts of Mosh Khil"
    return None


_LIST_OF_PLACES = _AT_PLACE | {"including", "as"}


def _route_end(doc: Doc, mention: CleanMention, by_token: dict[int, CleanMention]) -> bool:
    """A name at one end of a route whose other end is a name tagged as a place: "from X to
    Y" and "between X and Y", or "X to Y" before a noun ("the Sydney to Hobart race", "its
    Launceston to Melbourne service"): only places are joined so."""
    start, end = mention.start, mention.end
    for link, opening in (("to", "from"), ("and", "between")):
        if end < len(doc) and all_tokens(doc)[end].lower_ == link:
            other = by_token.get(end + 1)  # the name, then the place
        elif start > 1 and all_tokens(doc)[start - 1].lower_ == link:
            other = by_token.get(start - 2)  # the place, then the name
        else:
            continue
        if other is None or other is mention or other.label not in _PLACE_LABELS:
            continue
        head, tail = min(start, other.start), max(end, other.end)
        opened = head > 0 and all_tokens(doc)[head - 1].lower_ == opening
        followed = link == "to" and tail < len(doc) and all_tokens(doc)[tail].tag_ in {"NN", "NNS"}
        if opened or followed:
            return True
    return False


def _listed_with_places(doc: Doc, mention: CleanMention, by_root: dict[int, CleanMention]) -> bool:
    """A name coordinated with places: in a list that is the object of a locative
    preposition, with a place the gazetteer knows or two names tagged as places ("near
    Cessnock, Narromine and Kempsey"); in any list of three names or more, with two places
    the gazetteer knows ("Bankstown, Hurstville and Liverpool have been declared"), since a
    list of towns is rarely joined by an organisation's or a person's name."""
    root = doc_span(doc, mention.start, mention.end).root
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    members = [first, *(t for t in first.subtree if t.dep_ == "conj")]
    others = [
        other
        for token in members
        if token.i != root.i and (other := by_root.get(token.i)) is not None
    ]
    places = [other for other in others if other.label in _PLACE_LABELS]
    known = [other for other in places if known_place(other.text)]
    if first.dep_ == "pobj" and first.head.lower_ in _LIST_OF_PLACES:
        return len(places) >= 2 or bool(known)
    return (
        len(others) >= 2
        and len(known) >= 2
        and not (_organisation_name(mention.text) or _sector_actor(mention.text))
    )


def _region_of_state(name: str) -> bool:
    """A country, state or province, not a town: the hand table's countries and states, or
    a place the actor dictionary lists without a sector that GeoNames has no town of, or a
    first-level division of ISO 3166-2 by its name ("Northern Territory"; code letters such as
    "CNN" are too often an organisation's) that no town bears."""
    found = place(name)
    if found is not None:
        return found.kind in {"country", "state"}
    if place_country(name) is not None:
        return False
    if not name.isupper() and division_country(name) is not None:
        return True
    listed = actor(name)
    return listed is not None and listed.sector == "" and bool(listed.country)


def _nationality(text: str) -> tuple[str, str] | None:
    """(country name, ISO3) of a nationality the hand table lacks but the actor dictionary
    lists beside its state's name ("Togolese" -> Togo, TGO)."""
    stem = state_nationality(text)
    listed = actor(text) if stem else None
    if stem is None or listed is None or not listed.country:
        return None
    return country_name(listed.country) or stem.title(), listed.country
