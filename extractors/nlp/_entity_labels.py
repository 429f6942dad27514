"""One label per entity across an article (`harmonise_labels`): people named as places,
organisations placed like towns, companies by their business nouns, titled names.

Separate from the resolver's driver: it runs once before resolution and only relabels.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from ._actor_countries import _TEAM_ROLES
from ._countries import (
    _DIRECTIONS,
    demonym,
    is_region,
    place,
    place_iso3,
)
from ._dictionaries import actor, agent, given_names, place_country
from ._entity_countries import (
    OFFICE_TITLES,
    is_company,
    is_international,
    is_media,
    is_state_body,
)
from ._entity_names import _name_tokens, _organisation_name, _sector_actor, _spelling_of
from ._mention_labels import FACILITY_HEADS, FEATURE_HEADS
from ._mention_text import (
    HONORIFICS,
    PERSON_HEADS,
    PLACE_NOUNS,
    TITLES,
    CleanMention,
    doc_text,
    known_place,
)
from ._place_usage import (
    _COMPASS,
    _PLACE_LABELS,
    _listed_with_places,
    _nationality,
    _place_by_syntax,
    _placed,
    _region_of_state,
    _route_end,
    _type_by_head_word,
)
from ._quotes_verbs import REPORTING_VERBS
from ._tokens import entity_spans
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens

_LABEL_PREFERENCE = ("PERSON", "ORG", "GPE", "FAC", "LOC", "NORP")


# Sectors of the agent dictionary whose role words name one person ("chancellor",
# "journalist", "ceo", "professor"), not a crowd or a place ("villagers", "village").
_PERSON_SECTORS = frozenset({
    "GOV", "MIL", "JUD", "COP", "LEG", "SPY", "ELI", "MED", "BUS", "EDU", "HLH", "OPP",
})  # fmt: skip


def _person_role(token: Token) -> bool:
    """A singular noun naming one person's role: of the agent dictionary, a team role such
    as "quarterback", or a person's head noun such as "coach"."""
    return token.tag_ == "NN" and (
        agent(token.lower_) in _PERSON_SECTORS
        or token.lower_ in _TEAM_ROLES
        or token.lower_ in PERSON_HEADS
    )


def _aged_or_described(doc: Doc, mention: CleanMention) -> bool:
    """A name followed by an age ("Lindiwe Mbeki, 54,") or by an apposition whose head is a
    person's role ("Tom Reed, a senator from Ohio"): what only a person's name is."""
    end = mention.end
    if (
        end + 2 < len(doc)
        and all_tokens(doc)[end].text == ","
        and all_tokens(doc)[end + 1].text.isdigit()
        and 1 <= int(all_tokens(doc)[end + 1].text) <= 110
        and all_tokens(doc)[end + 2].text in {",", ")"}
    ):
        return True
    root = doc_span(doc, mention.start, end).root
    return any(
        child.dep_ == "appos" and child.i > end and _person_role(child) for child in root.children
    )


def _listed_with_person(doc: Doc, mention: CleanMention) -> bool:
    """A name coordinated with a name of two words or more the model tagged as a person
    ("batsmen Makhaya Ntini and Nanti Hayward"): people are listed with people."""
    root = doc_span(doc, mention.start, mention.end).root
    linked = {t.i for t in root.children if t.dep_ == "conj"}
    if root.dep_ == "conj":
        linked.add(root.head.i)
    return bool(linked) and any(
        span.label_ == "PERSON" and len(span) >= 2 and span.root.i in linked
        for span in entity_spans(doc)
    )


def _titled_name(doc: Doc, mention: CleanMention) -> bool:
    """A two- or three-word name in title case, right after a title ("Chancellor", "Sen.")
    or a singular role noun (`_person_role`), or followed by an age or a role in apposition
    (`_aged_or_described`), that no company, state body, outlet, international body or
    place word makes an organisation's or a place."""
    words = mention.text.split()
    if not 2 <= len(words) <= 3:
        return False
    if not all(p[:1].isupper() and p[1:].islower() for w in words for p in w.split("-")):
        return False
    before = all_tokens(doc)[mention.start - 1] if mention.start > 0 else None
    titled = before is not None and (
        before.text in TITLES or before.lower_ in OFFICE_TITLES or _person_role(before)
    )
    if not (titled or _aged_or_described(doc, mention) or _listed_with_person(doc, mention)):
        return False
    return not (
        any(place(w) or demonym(w) or place_country(w) for w in words)
        or _organisation_name(mention.text)
    )


# Sectors of the actor dictionary that are no person's: states and places (no sector),
# companies, outlets, international and non-governmental bodies.
_NOT_PEOPLE_SECTORS = frozenset({"", "MNC", "BUS", "MED", "IGO", "NGO"})


_AGED = re.compile(r"\b\d{1,3}[- ]year[- ]old\s*$")


def _text_before(doc: Doc, mention: CleanMention, width: int = 16) -> str:
    start = all_tokens(doc)[mention.start].idx
    return doc_text(doc)[max(0, start - width) : start]


# labels the model gives a person's full name by mistake
_NAMED_AS_THINGS = frozenset({"ORG", "GPE", "LOC"})


_PLACE_HEADS = FEATURE_HEADS | PLACE_NOUNS | {w.lower() for w in FACILITY_HEADS}


def _given_and_surname(text: str) -> bool:
    words = text.split()
    return (
        len(words) == 2
        and all(w.isalpha() and w.istitle() for w in words)
        and words[0].lower() in given_names()
        and words[0] not in TITLES
        # "Phillip Island", "White Mountains", "Lucas Heights": a place named after a person
        and words[1].lower() not in _PLACE_HEADS
        and not known_place(text)
        and not any(place(w) or demonym(w) for w in words)
        and not (_organisation_name(text) or is_company(text) or is_state_body(text))
        and not (is_media(text) or is_international(text))
    )


def harmonise_labels(mentions: list[CleanMention], doc: Doc | None = None) -> None:
    """One label per name within an article, where the model wavers between mentions.

    A single word that is part of a person's full name in the article is that person ("…
    Mourinho" tagged ORG, "Pochettino" tagged GPE); otherwise the same text takes its most
    frequent label (ties: person, organisation, place)."""
    # A name tagged as an organisation or a place right after a person's title or role noun
    # ("German Chancellor Olaf Scholz", "journalist Jane Roe", "Steelers quarterback Mason
    # Rudolph" tagged GPE) is that person, at every mention.
    titled = {
        m.text
        for m in mentions
        if doc is not None and m.label in _NAMED_AS_THINGS and _titled_name(doc, m)
    }
    # A name right after an honorific ("Mr Fox" with "Fox" tagged ORG) or an age ("the
    # 24-year-old Gambill") is a person's.
    titled |= {
        m.text
        for m in mentions
        if doc is not None
        and m.label in _NAMED_AS_THINGS
        and m.start > 0
        and (
            all_tokens(doc)[m.start - 1].text in HONORIFICS
            or (
                _AGED.search(_text_before(doc, m))
                and doc_span(doc, m.start, m.end).root.dep_ != "compound"
            )
        )
        and all(w[:1].isupper() for w in m.text.split())
    }
    for mention in mentions:
        if mention.label in _NAMED_AS_THINGS and mention.text in titled:
            mention.label = "PERSON"
    # A name tagged as a person that the gazetteer knows as a town, where the parse uses it
    # as a place ("evacuated homes in Mittagong", "north of Wollongong") and no person of
    # the article bears it, is that place at every mention.
    _relabel_placed_people(doc, mentions, "GPE")
    # A name tagged as a person or an organisation that the syntax names a place ("the Tora
    # Bora region", "the town of Hill Top", "the settlements of Alei Sinai") is that place at
    # every mention, unless a person of the article bears it or an honorific precedes it.
    named: dict[str, str] = {}
    parsed = doc is not None and doc.has_annotation("DEP")
    # names sharing a word with another name tagged as a person ("Grafton", "Ian Grafton")
    people = {m.text for m in mentions if m.label == "PERSON"}
    bearers = Counter(w for o in people for w in set(o.split()))
    shared = {
        t
        for t in {m.text for m in mentions}
        if any(bearers[w] > (t in people) for w in set(t.split()))
    }
    for m in mentions:
        kind = _place_by_syntax(doc, m) if doc and parsed and m.label in _PERSON_OR_ORG else None
        if kind is not None and m.text not in shared and m.text not in titled:
            named.setdefault(m.text, kind)
    for m in mentions:
        words = m.text.split()
        if (
            m.label == "PERSON"
            and len(words) == 2
            and words[0].lower() in _DIRECTIONS
            and place_iso3(words[1]) is not None
        ):
            named.setdefault(m.text, "GPE")  # "Greater Sydney", "Western Sydney" tagged PERSON
    for mention in mentions:
        if mention.label in _PERSON_OR_ORG and mention.text in named:
            mention.label = named[mention.text]
    for mention in mentions:
        kind = _type_by_head_word(mention)
        if kind is not None and mention.text not in shared:
            mention.label = kind
    # A name tagged as a person or an organisation in a list of places after a locative
    # ("fires around Mudgee, Narromine and Kempsey", Mudgee a town the gazetteer knows), or
    # at one end of a route whose other end is a place ("from Glenbrook to Bulaburra"), is
    # a place too.
    if doc is not None and parsed:
        by_root = {doc_span(doc, m.start, m.end).root.i: m for m in mentions}
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        for m in mentions:
            if m.label not in _PERSON_OR_ORG or m.text in shared or m.text in titled:
                continue
            size = len(m.text.split())
            if (size <= 2 and _listed_with_places(doc, m, by_root)) or (
                size == 1  # a full name is a person's
                and not _sector_actor(m.text)  # "talks between Israel and Hamas"
                and _route_end(doc, m, by_token)
            ):
                named[m.text] = "GPE"
        for mention in mentions:
            if mention.label in _PERSON_OR_ORG and named.get(mention.text) == "GPE":
                mention.label = "GPE"
    # The same for a name the gazetteer does not know ("fled to Boonah", "in Khan Yunis"):
    # a place of unknown kind, a LOC, whose country the text must give.
    _relabel_placed_people(doc, mentions, "LOC", unknown=True)
    _relabel_placed_organisations(doc, mentions)
    _relabel_companies(doc, mentions)
    full_names = [
        set(_name_tokens(m.text))
        for m in mentions
        if m.label == "PERSON" and len(_name_tokens(m.text)) >= 2
    ]
    long_surnames = {w for n in full_names for w in n if len(w) >= 6}
    for mention in mentions:
        words = mention.text.split()
        single = mention.label in {"ORG", "GPE", "LOC"} and len(words) == 1
        if single and place(mention.text) is None and any(words[0] in n for n in full_names):
            mention.label = "PERSON"
        elif (
            single
            and len(words[0]) >= 6
            and any(_spelling_of(words[0], w) for w in long_surnames)
            and place_iso3(mention.text) is None
            and getattr(actor(mention.text), "sector", "GOV") not in _NOT_PEOPLE_SECTORS
        ):
            mention.label = "PERSON"  # "Zelenskyy" (tagged GPE) beside "Volodymyr Zelensky"
    # A full name tagged as an organisation or a place whose surname the article names as a
    # person at least twice ("Mason Rudolph" beside "Rudolph said…"), or once after an
    # honorific ("Mr. Rudolph"), is that person.
    surnames = Counter(m.text for m in mentions if m.label == "PERSON" and " " not in m.text)
    for m in mentions:
        if (
            doc is not None
            and m.label == "PERSON"
            and " " not in m.text
            and m.start > 0
            and all_tokens(doc)[m.start - 1].text in HONORIFICS
        ):
            surnames[m.text] += 2
    for mention in mentions:
        words = mention.text.split()
        if (
            mention.label in _NAMED_AS_THINGS
            and len(words) in {2, 3}
            and all(w[:1].isupper() and w[1:].islower() for w in words)
            and surnames[words[-1]] >= 2
            and not any(place(w) or demonym(w) for w in words)
            and not (is_company(mention.text) or is_state_body(mention.text))
            and not (is_media(mention.text) or is_international(mention.text))
        ):
            mention.label = "PERSON"
    # A two-word name tagged as an organisation or a place that opens with a given name of
    # the actor dictionary's people ("Justin Langer", "Roy Whiting") is a person's.
    for mention in mentions:
        if mention.label in _NAMED_AS_THINGS and _given_and_surname(mention.text):
            mention.label = "PERSON"
    # A name tagged as a nationality that is no demonym or nation, where the article also
    # names it as an organisation ("Instagram", "GiveWell" before a noun), is the organisation.
    org_texts = {m.text for m in mentions if m.label == "ORG"}
    for mention in mentions:
        if (
            mention.label == "NORP"
            and mention.text in org_texts
            and demonym(mention.text) is None
            and _nationality(mention.text) is None
        ):
            mention.label = "ORG"
    # A name tagged as a facility that speaks ("The White House says it will ...") is the
    # organisation seated there, at every mention.
    if doc is not None and doc.has_annotation("DEP"):
        speaking = {
            m.text
            for m in mentions
            if m.label == "FAC"
            and (root := doc_span(doc, m.start, m.end).root).dep_ == "nsubj"
            and root.head.lemma_ in REPORTING_VERBS
        }
        for mention in mentions:
            if mention.label == "FAC" and mention.text in speaking:
                mention.label = "ORG"
    # A name tagged as an organisation that is a country, a state or a province by itself
    # ("the ACT and Tasmania remain fatality free") is that place, unless it modifies a noun
    # ("Tasmania Police" split by the model).
    for mention in mentions:
        if (
            doc is not None
            and mention.label == "ORG"
            and doc_span(doc, mention.start, mention.end).root.dep_ != "compound"
            and _region_of_state(mention.text)
        ):
            mention.label = "GPE"
    votes: dict[str, Counter[str]] = {}
    person_texts = {m.text for m in mentions if m.label == "PERSON"}
    for mention in mentions:
        if mention.label == "NORP":
            continue
        if (
            doc is not None
            and mention.label == "ORG"
            and mention.text in person_texts
            and mention.end - mention.start == 1
            and all_tokens(doc)[mention.start].dep_ in {"compound", "poss", "nmod"}
        ):
            # "Trump supporters", "Trump's supporters": a person's name set before a noun,
            # which the model reads as an organisation, casts no vote against the person
            continue
        votes.setdefault(mention.text, Counter())[mention.label] += 1
    for mention in mentions:
        counter = votes.get(mention.text)
        wavers = counter is not None and (len(counter) > 1 or mention.label not in counter)
        if counter and wavers and mention.label != "NORP":
            top = max(counter.values())
            tied = {label for label, count in counter.items() if count == top}
            if {"ORG", "GPE"} <= tied and (
                _region_of_state(mention.text)
                # a town the gazetteer knows that one mention uses as a place ("near Goulburn")
                or any(_placed(doc, m) for m in mentions if doc and m.text == mention.text)
            ):
                # "Inner Mongolia" tagged once GPE, once ORG: a province or state is the
                # place (a club or company bears a city's name, not a province's); so is
                # a town where the text uses it as one
                mention.label = "GPE"
                continue
            mention.label = next(
                label for label in _LABEL_PREFERENCE if counter.get(label, 0) == top
            )


def _relabel_placed_people(
    doc: Doc | None, mentions: list[CleanMention], label: str, unknown: bool = False
) -> None:
    """Person-tagged names the parse uses as places (`_placed`) become `label` at every
    mention, unless a person of the article bears one of their words."""
    if doc is None:
        return
    placed = {m.text for m in mentions if m.label == "PERSON" and _placed(doc, m, unknown)}
    borne = {
        w
        for m in mentions
        if m.label == "PERSON" and m.text not in placed
        for w in _name_tokens(m.text)
    }
    for mention in mentions:
        if mention.label == "PERSON" and mention.text in placed and mention.text not in borne:
            mention.label = label


# Prepositions that place what follows and seldom take an organisation: one is "in" a party
# and works "at" a firm ("staff at Norbank"), but is not "near" or "around" one.
_NEAR_PLACE = frozenset({"near", "around", "outside"})


def _placed_by_direction_or_seat(preposition: Token) -> bool:
    """A preposition whose object is a place whatever the model tagged it: "to" after a
    compass word ("west to Toowoomba": a direction ends at a place) and "for" after the
    capitalised "Member" of a parliament ("the Member for Fremantle": a seat is named by its
    electorate)."""
    head = preposition.head
    if preposition.lower_ == "to":
        return head.lower_ in _COMPASS
    return preposition.lower_ == "for" and head.text == "Member"


def _relabel_placed_organisations(doc: Doc | None, mentions: list[CleanMention]) -> None:
    """One-word organisation-tagged names the parse uses as places ("attacks near Sharana",
    "fires around Campbelltown", or "at Spencer" for a town the gazetteer knows) are places
    at every mention, unless a dictionary or a word of the name makes it an organisation's,
    or a mention acts as one: the subject of a verb or an owner ("Telstra says", "Telstra's
    staff")."""
    if doc is None or not doc.has_annotation("DEP"):
        return
    placed, acting = set(), set()
    for m in mentions:
        if m.label != "ORG" or " " in m.text or not m.text.istitle():
            continue
        root = doc_span(doc, m.start, m.end).root
        if root.dep_ in {"nsubj", "nsubjpass", "poss"}:
            acting.add(m.text)
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "near Rosebury and Bellamack": the list's role
        if first.dep_ != "pobj":
            continue
        preposition = first.head.lower_
        if (
            preposition in _NEAR_PLACE
            or (preposition == "at" and known_place(m.text))
            or _placed_by_direction_or_seat(first.head)
        ):
            placed.add(m.text)
    for mention in mentions:
        if (
            mention.label == "ORG"
            and mention.text in placed - acting
            and not _organisation_name(mention.text)
            and not _sector_actor(mention.text)
        ):
            mention.label = "GPE"


# Nouns that describe a business set before its name ("travel company Traveland", "pay TV
# operator Austar", "the travel chain, Traveland"), beside those the agent dictionary puts
# in its business sector ("airline", "manufacturer").
_BUSINESS_NOUNS = frozenset({
    "company", "firm", "operator", "chain", "carrier", "bank", "retailer", "insurer",
    "subsidiary", "miner", "broadcaster", "maker", "supplier", "developer", "conglomerate",
    "group", "giant", "outfit", "startup", "lender", "builder", "distributor", "wholesaler",
})  # fmt: skip
# Nouns that name the parts and people of a company, which a company's name modifies ("the
# Austar board", "Ansett administrators", "Austar shares") and a person's seldom does.
_COMPANY_PARTS = frozenset({
    "board", "shares", "shareholders", "stock", "subsidiary", "subsidiaries",
    "administrator", "administrators", "headquarters", "workforce", "employees", "staff",
    "management", "executives", "directors", "creditors", "takeover", "brand",
})  # fmt: skip


def _business_noun(token: Token) -> bool:
    return token.tag_ in {"NN", "NNS"} and (
        token.lower_ in _BUSINESS_NOUNS or agent(token.lower_) == "BUS"
    )


def _named_as_company(doc: Doc, mention: CleanMention, people: set[int]) -> bool:
    """A name set right after a business noun ("operator Austar", "chain, Traveland"), that
    modifies a noun naming a company's part ("Ansett administrators"), or whose possessive
    owns a person named in full ("Westpac's David Lording"; `people`: their first tokens)."""
    start, end = mention.start, mention.end
    root = doc_span(doc, start, end).root
    before = start - 2 if start > 1 and all_tokens(doc)[start - 1].text == "," else start - 1
    if before >= 0 and _business_noun(all_tokens(doc)[before]):
        return True
    if root.dep_ == "compound" and root.head.i >= end and root.head.lower_ in _COMPANY_PARTS:
        return True
    return end + 1 < len(doc) and all_tokens(doc)[end].tag_ == "POS" and end + 1 in people


def _relabel_companies(doc: Doc | None, mentions: list[CleanMention]) -> None:
    """Names of one or two words tagged as a person, or as a place the gazetteer does not
    know, that the text names as a company (`_named_as_company`) are organisations at every
    mention, unless a word of theirs is a word of another person's full name in the article."""
    if doc is None or not doc.has_annotation("DEP"):
        return
    full = [m for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2]
    people = {m.start for m in full}
    named_in: dict[str, set[str]] = {}  # a word -> the full person names it is a word of
    for x in {m.text for m in full}:
        for word in _name_tokens(x):
            named_in.setdefault(word, set()).add(x)
    judged: dict[tuple[str, str], bool] = {}

    def candidate(m: CleanMention) -> bool:
        key = (m.text, m.label)
        if key not in judged:
            words = m.text.split()
            judged[key] = not (
                len(words) > 2 or any(named_in.get(w, set()) - {m.text} for w in words)
            ) and (
                m.label == "PERSON"
                or (m.label in _PLACE_LABELS and not known_place(m.text) and not is_region(m.text))
            )
        return judged[key]

    companies = {m.text for m in mentions if candidate(m) and _named_as_company(doc, m, people)}
    for mention in mentions:
        if mention.text in companies and candidate(mention):
            mention.label = "ORG"


_PERSON_OR_ORG = frozenset({"PERSON", "ORG"})
