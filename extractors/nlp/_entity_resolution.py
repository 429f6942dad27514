"""Resolve cleaned mentions to canonical entities within one article.

- Countries: country names, demonyms ("North Korean") and adjectives map to the country entity
  (type GPE, canonical English name, ISO3). Capitals, cities and US states stay their own GPE
  entity but carry their country, and `state_of` gives the country for metonymy ("Moscow
  said…").
- Persons: short forms resolve to the full name that contains them ("Putin" → Vladimir
  Putin); when several full names share the short form ("Kim"), the nearest preceding one
  wins. Full names that differ only by initials or suffixes ("Patrick W. Carlineo",
  "Patrick Carlineo Jr.") are one entity.
- Organisations: a single word that starts a longer organisation name, or its acronym,
  resolves to it.
- Persons and organisations get a country when the text says so next to the name ("Russian
  President Vladimir Putin", "North Korean state-run news agency KCNA", "U.S. Attorney …").

This module holds the driver, `resolve_entities`; its steps live in `_entity_labels` (one
label per entity), `_entity_merging` (which mentions name one entity, by `_entity_names`),
`_place_countries` and `_actor_countries` (countries of places and of people and
organisations, with `_place_usage`); it returns an `_article_entities.ArticleEntities`.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ._actor_countries import (
    PARTY_COUNTRY,
    _appointer,
    _appositive_country,
    _body_named_before,
    _cited_as_source,
    _context_country,
    _describes_one,
    _event,
    _generic_body,
    _nation_in_name,
    _outlet_named,
    _player,
    _portfolio,
    _portfolio_country,
    _possessor,
    _role_phrase_country,
    _side_of_clause,
    _state_body_of,
    _state_employer_country,
    _stateless,
    _team_of_country,
    game_report,
)
from ._article_entities import ArticleEntities, KnownPeople
from ._countries import (
    UK_NATIONS,
    demonym,
    is_region,
    place,
    place_iso3,
    us_state,
)
from ._dictionaries import city_countries, place_country
from ._entity_countries import (
    apposed_role,
    dictionary_country,
    internal_country,
    is_company,
    is_international,
    is_media,
    is_state_body,
    office_of,
    shared_name_country,
    state_agency_country,
)
from ._entity_labels import harmonise_labels
from ._entity_merging import merge_name_forms, merge_organisations, merge_people
from ._entity_names import (
    _listed_with_country,
    entity_id,
)
from ._mention_text import PERSON_HEADS as PERSON_HEADS
from ._mention_text import CleanMention, doc_text
from ._place_countries import (
    _home_country,
    _located_country,
    _named_town_heading,
    _people_of_a_place,
    _place_alternatives,
    _qualified,
    _seat_country,
    _unknown_area_countries,
    _unlisted_place_country,
    dateline_country,
)
from ._place_usage import _PLACE_LABELS, _located_in, _nationality, _used_as_place
from ._tokens import span as doc_span
from ._tokens import sports_report
from ._tokens import tokens as all_tokens
from ._types import Alias, EntityRecord

# "Rep. Ilhan Omar (D-Minn.)", "Rep. David McKinley, R-W.Va.": party and US state after a name.
_PARTY_STATE = re.compile(r"^\s*[(,]\s*[DRI]-\s?([A-Z][A-Za-z.]*(?: ?[A-Z][a-z.]*)?)\s*[),]")
_US_STATE_ABBREVIATIONS = (
    "Ala. Alaska Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Hawaii Idaho Ill. Ind. Iowa Kan. "
    "Ky. La. Maine Md. Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. "
    "N.D. Ohio Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Texas Utah Vt. Va. Wash. W.Va. Wis. Wyo. "
    "Calif Fla Mich Minn Mass Texas"
)
US_STATE_ABBREVIATIONS = frozenset(_US_STATE_ABBREVIATIONS.split())


# Nouns that end the names of land features most often inside one country ("Finke River",
# "Hunter Valley", "Phillip Island"; not peninsulas, seas or straits, which often span
# several: "the Korean Peninsula").
_FEATURES = frozenset({
    "river", "valley", "island", "creek", "lake", "gorge", "range", "ranges",
    "falls", "park", "forest", "desert", "heights", "hills", "coast",
})  # fmt: skip


def resolve_entities(
    doc: Doc, mentions: list[CleanMention], people: KnownPeople | None = None
) -> ArticleEntities:
    harmonise_labels(mentions, doc)
    token_mention = {i: n for n, m in enumerate(mentions) for i in range(m.start, m.end)}
    # Pass 1: places and nationalities have a country by themselves.
    countries: list[str | None] = []
    for n, mention in enumerate(mentions):
        if mention.label in {"GPE", "LOC"}:
            state = us_state(mention.text) if len(mention.text) <= 6 else None
            countries.append("USA" if state else _qualified(doc, mentions, n))
        elif mention.label == "NORP":
            found = demonym(mention.text)
            listed = None if found else _nationality(mention.text)
            countries.append(found.iso3 if found else listed and listed[1])
        else:
            countries.append(None)
    # the people the actor dictionary places count too: an article about Trump, Schiff and
    # Pelosi that names Russia more often than America is still about the United States
    home = _home_country(
        countries
        + [
            dictionary_country(name, "PERSON")
            for name in {m.text for m in mentions if m.label == "PERSON"}
        ]
    )
    # a place name of two countries' places ("Georgia": the country and the US state;
    # "Ontario": a Californian city and the Canadian province the actor dictionary lists;
    # "Odessa": Ukraine and Texas) is the one of the country the article is about, counted
    # without such names
    alternatives = [
        _place_alternatives(m.text) if m.label in {"GPE", "LOC"} else frozenset() for m in mentions
    ]
    clear_home = _home_country(
        [c for c, alts in zip(countries, alternatives, strict=True) if not alts]
        + [
            dictionary_country(name, "PERSON")
            for name in {m.text for m in mentions if m.label == "PERSON"}
        ]
    )
    for n, alts in enumerate(alternatives):
        if clear_home in alts and countries[n] != clear_home:
            countries[n] = clear_home
    for n, mention in enumerate(mentions):
        # a town the gazetteer puts abroad that is also a county or a city of the country the
        # article is about ("Barry" in a Michigan story: Barry County; "Melbourne" in a
        # Florida story: Melbourne, Florida) is that one
        found = place(mention.text)
        if (
            mention.label in {"GPE", "LOC"}
            and home
            and countries[n]
            and countries[n] != home
            and (found is None or found.kind not in {"country", "capital", "state"})
            and (
                place_country(f"{mention.text} County") == home
                or home in city_countries(mention.text)
            )
        ):
            countries[n] = home

    keys: list[tuple[str, str]] = []
    state_of: dict[str, str] = {}
    persons: list[int] = []
    orgs: list[int] = []
    for n, mention in enumerate(mentions):
        if mention.label in {"GPE", "LOC"}:
            found = place(mention.text)
            if found and found.kind == "country":
                keys.append(("GPE", found.country))
                continue
            state = us_state(mention.text) if len(mention.text) <= 6 else None
            if state and found is None:  # "S.C.", "Minn.", "SD": the state by its name
                keys.append(("GPE", state))
                continue
            keys.append((mention.label, mention.text))
            if found and found.kind == "capital":
                state_of[entity_id(mention.label, mention.text)] = entity_id("GPE", found.country)
        elif mention.label == "NORP":
            found = demonym(mention.text)
            listed = None if found else _nationality(mention.text)
            if found:
                keys.append(("GPE", found.country))
            elif listed:  # "Togolese": Togo
                keys.append(("GPE", listed[0]))
            else:
                keys.append(("NORP", mention.text))
        else:
            keys.append((mention.label, mention.text))
            if mention.label == "PERSON":
                persons.append(n)
            elif mention.label == "ORG":
                orgs.append(n)

    merge_people(doc, mentions, persons, keys, people)
    merge_organisations(mentions, orgs, keys)
    merge_name_forms(keys)

    # Countries of persons, organisations and facilities: what the words around a mention
    # say, else what the name itself or the dictionary says, else an office's country;
    # majority over their mentions.
    votes: dict[tuple[str, str], Counter[str]] = {}
    paths: dict[tuple[tuple[str, str], str], str] = {}  # (key, country) -> first rule
    offices: dict[tuple[str, str], int] = {}
    # people the text links to a government body ("a spokeswoman for Immigration and Customs
    # Enforcement", "X of the Department of Corrections", "Y, who chairs the commission")
    employers: dict[tuple[str, str], tuple[str, str]] = {}
    # an international body under any of its names ("Amnesty" after "Amnesty International",
    # "UN" beside "United Nations") has no home country, nor has an event the model tagged
    # as an organisation ("Davis Cup Final", "ATP Finals")
    international = {
        keys[n]
        for n, mention in enumerate(mentions)
        if mention.label == "ORG"
        and (is_international(mention.text) or is_international(keys[n][1]) or _event(doc, mention))
    }
    # the words around a name may place it by a state's agency as well as by a place
    # ("NASA administrator Jim Bridenstine", "Doug Cooke, a former NASA administrator")
    # ("White House press secretary Karine Jean-Pierre": a seat of government the model
    # tags as a facility serves its state as an agency does)
    # ("British Defence Secretary Geoff Hoon": a portfolio the model tags an organisation
    # carries the nationality it opens with)
    around = [
        countries[n]
        or (state_agency_country(m.text) if m.label in {"ORG", "FAC"} else None)
        or (_portfolio_country(m.text) if m.label == "ORG" and _portfolio(doc, m) else None)
        for n, m in enumerate(mentions)
    ]
    # how often the text names each country by a place or a people
    named_countries = Counter(
        c
        for c, m in zip(countries, mentions, strict=True)
        if c and m.label in {"GPE", "LOC", "NORP"}
    )
    for n, mention in enumerate(mentions):
        if mention.label not in {"PERSON", "ORG", "FAC"}:
            continue
        if mention.label == "ORG" and (is_media(mention.text) or _outlet_named(doc, mention)):
            # news organisations carry no country, state media their state ("North Korean
            # state-run news agency KCNA"; tests/gold/README.md)
            preceding = {t.lower_ for t in doc_span(doc, max(mention.start - 5, 0), mention.start)}
            if not preceding & {"state", "state-run", "state-owned", "official"}:
                continue
        if keys[n] in international:
            continue  # NATO, the European Union: no home country, whatever the words around
        country = _context_country(doc, mention.start, token_mention, around)
        path = "words before"
        root = doc_span(doc, mention.start, mention.end).root
        if (
            country is None
            and root.dep_ == "appos"
            and root.head.i < mention.start
            and all_tokens(doc)[mention.start - 1].text != "("
        ):
            # "the newest 2020 Democratic presidential hopeful, Deval Patrick"; a name in
            # brackets is no apposition of that kind: the actor playing a role ("Scottish
            # hero William Wallace (Mel Gibson)"), a label ("Turkey (Group H)")
            country = _context_country(doc, root.head.i + 1, token_mention, around)
            role = apposed_role(root)
            if country is None and role is not None:
                # "the US special envoy to the Middle East, Anthony Zinni": the parse sets the
                # name beside the last noun; the words before the role place the person
                country = _context_country(doc, role.i + 1, token_mention, around)
            path = "words before the appositive head"
        if country is None:
            country = _appositive_country(doc, mention, token_mention, around)
            path = "appositive"
        if country is None and mention.label == "PERSON":
            country = _role_phrase_country(doc, mention, token_mention, mentions, around)
            path = "role phrase"
        if country is None and mention.label == "PERSON":
            country = _state_employer_country(doc, mention, token_mention, mentions)
            path = "state employer"
        if country is None and mention.label == "PERSON":
            match = _PARTY_STATE.match(doc_text(doc)[mention.end_char : mention.end_char + 20])
            if match and match.group(1).strip() in US_STATE_ABBREVIATIONS:
                country = "USA"
                path = "party and state"
        # "the Senate" of an Australian story: the dictionary's one entry for a state
        # body's common name (USA) is not the story's; it is an office of the story's state
        own_listing = not (
            home
            and _generic_body(mention.text)
            and dictionary_country(mention.text, mention.label) not in {None, home}
        )
        if (
            country is None
            and mention.label == "ORG"
            and own_listing
            and _listed_with_country(mention.text)
        ):
            # an organisation the actor dictionary lists under a town's name ("Honda" is
            # also a town in Colombia, "Federal" one in Argentina): the dictionary's country
            # ("Federal Reserve": USA), not the town's
            country = dictionary_country(mention.text, mention.label)
            path = "dictionary"

        if country is None and mention.label == "FAC":
            country = state_agency_country(mention.text)  # "the White House", "the Pentagon"
            path = "state agency"
        if country is None and mention.label in {"ORG", "FAC"}:
            country = internal_country(mention.text, towns=mention.label != "FAC")
            path = "name's place"
            if country is None and mention.label == "FAC":
                country = _named_town_heading(mention.text, countries)
                path = "a named country's town heading the name"
            if country is None:
                country = _seat_country(doc, mention, token_mention, countries)
                path = "seat"
        if country is None and mention.label in {"PERSON", "ORG"} and own_listing:
            country = dictionary_country(mention.text, mention.label)
            path = "dictionary"

        if country and path == "dictionary" and mention.label == "ORG":
            country = shared_name_country(mention.text, country, named_countries)
        if country is None and mention.label in {"ORG", "FAC"}:
            country = _located_country(doc, mention, token_mention, countries)
            path = "in phrase"
        if country:
            votes.setdefault(keys[n], Counter())[country] += 1
            paths.setdefault((keys[n], country), path)
        elif (
            mention.label == "PERSON"
            and (named_body := _body_named_before(doc, mention, mentions, n)) is not None
        ):
            employers.setdefault(keys[n], keys[named_body])
        elif (
            mention.label == "PERSON"
            and office_of(doc, mention)
            or mention.label in {"ORG", "FAC"}
            and is_state_body(mention.text)
        ):
            offices[keys[n]] = offices.get(keys[n], 0) + 1
        elif mention.label == "PERSON":
            employer = _state_body_of(doc, mention, token_mention, mentions)
            if employer is not None:
                employers.setdefault(keys[n], keys[employer])
    _people_of_a_place(doc, mentions, keys, token_mention, countries, home, votes, paths)
    # "The Argentine was previously linked to…", "the Portuguese boss": a definite
    # description by nationality gives the person named just before it that country
    for n, mention in enumerate(mentions):
        if mention.label != "NORP" or not countries[n] or mention.start == 0:
            continue
        nationality = countries[n]
        if all_tokens(doc)[mention.start - 1].lower_ != "the" or nationality is None:
            continue
        if not _describes_one(doc, mention):
            continue
        for m in range(n - 1, -1, -1):
            earlier = mentions[m]
            if mention.sentence_index - earlier.sentence_index > 2:
                break
            if earlier.label == "PERSON" and len(keys[m][1].split()) >= 2:
                votes.setdefault(keys[m], Counter())[nationality] += 1
                paths.setdefault((keys[m], nationality), "the nationality after")
                break
    # the second of two names a nationality or a country's title precedes ("Swiss pair
    # Martina Hingis and Roger Federer", "The United States team of Monica Seles and
    # Jan-Michael Gambill") shares the first's country
    if doc.has_annotation("DEP"):
        for n, mention in enumerate(mentions):
            root = doc_span(doc, mention.start, mention.end).root
            if mention.label != "PERSON" or keys[n] in votes:
                continue
            country = _team_of_country(doc, mention, token_mention, around)
            if country:
                votes[keys[n]] = Counter({country: 1})
                paths[(keys[n], country)] = "national side"
                continue
            if root.dep_ != "conj" or all_tokens(doc)[mention.start - 1].lower_ not in {"and", ","}:
                continue
            leader = token_mention.get(root.head.i)
            if leader is None or mentions[leader].label != "PERSON":
                continue
            country = _context_country(doc, mentions[leader].start, token_mention, around)
            if country is None:
                country = _team_of_country(doc, mentions[leader], token_mention, around)
            if country:
                votes[keys[n]] = Counter({country: 1})
                paths[(keys[n], country)] = "coordinated name"
    # a player a national side's clause names as its own ("The South Africans scored 390
    # with centuries from Jacques Kallis") plays for that side's country
    if doc.has_annotation("DEP") and game_report(doc):
        for n, mention in enumerate(mentions):
            if mention.label != "PERSON" or keys[n] in votes:
                continue
            country = _side_of_clause(doc, mention, token_mention, mentions, countries)
            if country:
                votes[keys[n]] = Counter({country: 1})
                paths[(keys[n], country)] = "clause of a national side"
    # a party, body or envoy the text gives a placed owner ("Mr Peres … his Labour Party",
    # "the White House … its envoy General Anthony Zinni", "Sharon's Likud") is the owner's
    for n, mention in enumerate(mentions):
        if mention.label not in {"PERSON", "ORG"} or keys[n] in votes or keys[n] in international:
            continue
        owner = _possessor(doc, mention, token_mention, mentions)
        if owner is None:
            continue
        owner_text = mentions[owner].text
        if mentions[owner].label in {"ORG", "FAC"} and not (
            is_state_body(owner_text) or state_agency_country(owner_text)
        ):
            # a body owns for a state only as a state body ("the Australian Services
            # Union's Luke Foley" is no civil servant; a university's archive no state's)
            continue
        owned = around[owner] or (
            votes[keys[owner]].most_common(1)[0][0] if keys[owner] in votes else None
        )
        if owned:
            votes[keys[n]] = Counter({owned: 1})
            paths[(keys[n], owned)] = "possessor"
    # a place its state or country qualifies ("Palm Beach, Florida") lies there
    for n, mention in enumerate(mentions):
        if (
            mention.label in {"GPE", "LOC"}
            and countries[n]
            and keys[n] == (mention.label, mention.text)
            and countries[n] != place_iso3(mention.text)
        ):
            votes.setdefault(keys[n], Counter())[countries[n] or ""] += 1
            paths.setdefault((keys[n], countries[n] or ""), "qualified place")
    # an office or a state body the text places nowhere: the dateline's state, else the
    # country the article is about ("Governor Kathy Hochul" under "WASHINGTON (Reuters) -")
    domestic = dateline_country(doc, mentions, countries) or home
    # a short story that names its country once ("Defence Minister Robert Hill said
    # Australia…") still places its offices there, when no other country is named as often;
    # a place, not a nationality ("waiting for the Palestinian leader" names another's)
    # a story that names no place may still name its state in an organisation's name ("the
    # Australian Government says…"): the offices it names are that state's
    named_state = _home_country(
        [_nation_in_name(m.text) for m in mentions if m.label == "ORG" and not is_media(m.text)],
        least=1,
    )
    # the state whose government bodies the text names at least twice with their country
    # ("the Pentagon ... the United States Government"): an office the text leaves
    # unqualified ("Deputy Defence Secretary Paul Wolfowitz") is one of that government's,
    # whichever country the story's places name most (Afghanistan, where the war is); not
    # a body's bare common noun ("the Senate"), which the dictionary places in one state
    governing = _home_country(
        [
            votes[keys[n]].most_common(1)[0][0]
            for n, m in enumerate(mentions)
            if m.label in {"ORG", "FAC"}
            and keys[n] in votes
            and keys[n] not in international
            and (is_state_body(m.text) or state_agency_country(m.text))
            and not _generic_body(m.text)
        ],
        least=2,
    )
    office_home = (
        dateline_country(doc, mentions, countries)
        or governing
        or domestic
        or _home_country(
            [c for c, m in zip(countries, mentions, strict=True) if m.label in _PLACE_LABELS],
            least=1,
        )
        or named_state
        # a story that names neither places nor a nation but an office-holder the actor
        # dictionary places ("Deputy Prime Minister John Anderson"): the state of its offices
        or _home_country(
            [
                country
                for n, m in enumerate(mentions)
                if m.label == "PERSON"
                and keys[n] in votes
                and paths.get((keys[n], country := votes[keys[n]].most_common(1)[0][0]))
                == "dictionary"
                and office_of(doc, m)
            ],
            least=1,
        )
    )
    for key in offices:
        if key not in votes and office_home:
            votes[key] = Counter({office_home: 1})
            paths[(key, office_home)] = "office: dateline or home"
    # a person linked to a government body serves the body's state (its own country, else
    # the one it got as an office above)
    for key, body in employers.items():
        if key not in votes and body in votes and body not in international:
            votes[key] = Counter({votes[body].most_common(1)[0][0]: 1})
            paths[(key, votes[body].most_common(1)[0][0])] = "state body employer"
    # a person an office-holder or a state body appoints or dismisses ("Attorney General
    # William Barr put Kathleen Hawk Sawyer in charge") holds a post of that state
    for n, mention in enumerate(mentions):
        if mention.label != "PERSON" or keys[n] in votes:
            continue
        boss = _appointer(doc, mention, token_mention)
        if boss is None or keys[boss] in international:
            continue
        chief = mentions[boss]
        country = None
        if keys[boss] in votes and (
            chief.label == "PERSON"
            and (keys[boss] in offices or office_of(doc, chief))
            or chief.label in {"ORG", "FAC"}
            and is_state_body(chief.text)
        ):
            country = votes[keys[boss]].most_common(1)[0][0]
        elif keys[boss][0] == "GPE" and place(keys[boss][1]) is not None:
            country = countries[boss]  # "Russia appointed X"
        if not country:
            continue
        votes[keys[n]] = Counter({country: 1})
        paths[(keys[n], country)] = "appointed by its state"
    # A person neither the words around the name nor the dictionaries place: the country of
    # the places named in the sentences that name them, when one country leads in at least
    # two of those sentences ("Carlineo" of an article on a threat against a U.S. lawmaker,
    # the guards of a New York jail): the text places them with that country.
    by_sentence: dict[int, set[str]] = {}
    for m, place_mention in enumerate(mentions):
        place_country_of = countries[m]
        if place_country_of and place_mention.label in {"GPE", "LOC", "NORP"}:
            by_sentence.setdefault(place_mention.sentence_index, set()).add(place_country_of)
    cooccur: dict[tuple[str, str], Counter[str]] = {}
    seen: set[tuple[tuple[str, str], int]] = set()
    # a player the text names by a team role ("Boston guard Tom Hale", "Hale, the Celtics'
    # center") plays where the fixture is, for a club: the places do not make them a citizen
    players = {keys[n] for n, m in enumerate(mentions) if m.label == "PERSON" and _player(doc, m)}
    # in a report of games the places are the fixtures' venues and the clubs' towns: they
    # place no one ("To LeBron James, triple-doubles are not a goal" beside "Oklahoma City")
    sport = sports_report(doc)
    # the actor dictionary's people of no state (an international militant group's leader,
    # a UN official: sector IMG, IGO or NGO without a country) are not placed by the news
    # of the places they are named with ("bin Laden ... in Afghanistan")
    stateless = {
        keys[n]
        for n, mention in enumerate(mentions)
        if mention.label == "PERSON" and _stateless(keys[n][1])
    }
    for n, mention in enumerate(mentions):
        if mention.label != "PERSON" or keys[n] in votes or keys[n] in players or sport:
            continue
        if keys[n] in stateless:
            continue
        if (keys[n], mention.sentence_index) in seen:
            continue
        seen.add((keys[n], mention.sentence_index))
        for country in by_sentence.get(mention.sentence_index, ()):
            cooccur.setdefault(keys[n], Counter())[country] += 1
    for key, counter in cooccur.items():
        ranked = counter.most_common(2)
        country, count = ranked[0]
        if count >= 2 and (len(ranked) == 1 or ranked[1][1] < count):
            votes[key] = Counter({country: 1})
            paths[(key, country)] = "places in its sentences"
    # a facility, or a town too small for the gazetteer ("Forest Hill"), lies in the country
    # the article is about unless the text places it elsewhere; a name the gazetteer does not
    # know is a town only where the text uses it as a place ("a Forest Hill hotel room", "in
    # Forest Hill"), not a word the model mistook ("clash with Rajon Rondo", "from Braveheart")
    place_tokens = {
        i
        for n, m in enumerate(mentions)
        if m.label in {"GPE", "LOC"} and countries[n]
        for i in range(m.start, m.end)
    }
    used_as_place = {
        keys[n] for n, m in enumerate(mentions) if _used_as_place(doc, m, place_tokens)
    }
    # a place the gazetteer lacks that a placed name owns lies in the owner's country
    # ("Afghanistan's south-eastern Paktika province", "South Australia's Riverland"), before
    # the story's country is lent to it
    if doc.has_annotation("DEP"):
        for n, mention in enumerate(mentions):
            if mention.label not in _PLACE_LABELS or countries[n] or keys[n] in votes:
                continue
            root = doc_span(doc, mention.start, mention.end).root
            # the owner may hang on the kind of place the name leaves out ("Yemen's Bazrah
            # province": "Yemen's" belongs to "province")
            heads = [root, root.head] if root.dep_ == "compound" else [root]
            owner = next(
                (token_mention.get(c.i) for h in heads for c in h.children if c.dep_ == "poss"),
                None,
            )
            owned_by = countries[owner] if owner is not None else None
            if owner is not None and mentions[owner].label in {"GPE", "LOC"} and owned_by:
                votes[keys[n]] = Counter({owned_by: 1})
                paths[(keys[n], owned_by)] = "a placed owner"
    # where the story happens: the country most of the places it puts things in lie in
    # ("bombed caves near Jalalabad", "fighting in Paktika"), which a story of US planes
    # over Afghanistan names less often than "US"
    scene = (
        _home_country(
            [
                countries[n]
                for n, m in enumerate(mentions)
                if m.label in {"GPE", "LOC"} and countries[n] and _located_in(doc, m)
            ],
            least=2,
        )
        or home
    )
    # a river, valley, lake or island the gazetteer lacks lies in the country of the places
    # its sentence names, when they are of one ("the Hunter Valley, north of Sydney"; not
    # "the Amazon River" off a town the gazetteer lacks)
    for n, mention in enumerate(mentions):
        near = by_sentence.get(mention.sentence_index, set())
        if (
            mention.label == "LOC"
            and countries[n] is None
            and keys[n][0] == "LOC"
            and keys[n] not in votes
            and mention.text.split()[-1].casefold() in _FEATURES
            and not any(demonym(w) for w in mention.text.split())  # "the Iberian Peninsula"
            and len(near) == 1
        ):
            country = next(iter(near))
            votes[keys[n]] = Counter({country: 1})
            paths[(keys[n], country)] = "feature among places"
        elif (
            mention.label == "GPE"
            and countries[n] is None
            and keys[n] == ("GPE", mention.text)
            and keys[n] not in votes
            and home is not None
            and near == {home}
            and not is_region(mention.text)
        ):
            # a town the gazetteer lacks, or a name of towns of several countries none of
            # them the story's, in a sentence that names only the story's country's places
            # ("fires in New South Wales and Victoria", "Port Augusta, north of Adelaide")
            votes[keys[n]] = Counter({home: 1})
            paths[(keys[n], home)] = "listed with the story's places"
        elif (
            mention.label == "GPE"
            and countries[n] is None
            and keys[n] == ("GPE", mention.text)
            and keys[n] not in votes
            and not is_region(mention.text)
            and (
                country := _unlisted_place_country(
                    doc, mentions, n, near, countries, alternatives, clear_home
                )
            )
        ):
            votes[keys[n]] = Counter({country: 1})
            paths[(keys[n], country)] = "unlisted place"
    # a facility, town or area of a story that names no scene twice lies in the country its
    # offices take: the one place named once ("left on Elliot Street" in a story set in
    # Alice Springs), a nationality in an organisation's name
    located = scene or office_home
    # an area the gazetteer lacks ("fighting in Tora Bora", "the Shoalhaven area", "across
    # Bass Strait") lies where its own phrase or its sentences' places put it, else there
    for key, country in _unknown_area_countries(
        doc, mentions, keys, countries, place_tokens, located
    ).items():
        if key not in votes:
            votes[key] = Counter({country: 1})
            paths[(key, country)] = "area used as a place"
    for n, mention in enumerate(mentions):
        if located and keys[n] not in votes and (
            mention.label == "FAC"
            or (mention.label == "GPE" and countries[n] is None and keys[n][0] == "GPE"
                and keys[n] in used_as_place
                and located in (alternatives[n] or {located})
                and not is_region(mention.text) and not is_media(mention.text))
        ):  # fmt: skip
            votes[keys[n]] = Counter({located: 1})
            paths[(keys[n], located)] = "home (facility or place)"
    # a company the text gives no country: the country the article is about (CAMEO codes
    # a company with its home country; a reader without other knowledge takes the story's)
    guessed: set[str] = set()
    # Any other organisation the text and the dictionaries leave unplaced (a company, club,
    # party or agency without a company word: "Twitter", "WeWork", "Big Machine") is taken
    # as the story's too, unless it is a news organisation, an international body of the
    # actor dictionary, or a region. The story's country here is the one its unambiguous
    # places give (`clear_home`): "Georgia" (the country, the US state) or "Fresno" (towns of
    # California and Colombia; here a chile) alone lends no organisation a country.
    # a name the text cites as a source of news ("told The Hill", "according to the Sioux
    # Falls Argus Leader", "the journal BMJ", "Image credit: All About Space") is a news
    # organisation: no country (tests/gold/README.md), unless a state body or a company
    cited = {
        keys[n]
        for n, m in enumerate(mentions)
        if m.label == "ORG"
        and (_cited_as_source(doc, m) or _outlet_named(doc, m))
        and not (is_state_body(m.text) or is_company(m.text) or _listed_with_country(m.text))
    }
    # a name that is its sentence's root wherever it occurs is a heading or a line of
    # capitals the model tagged ("Post-Workout Meal", "ATTEND a two-day symposium"), no
    # organisation the story acts with
    parsed = doc.has_annotation("DEP")
    acting = {
        keys[n]
        for n, m in enumerate(mentions)
        if not parsed or doc_span(doc, m.start, m.end).root.dep_ != "ROOT"
    }
    # a name that only ever qualifies a minister's title is a portfolio ("Immigration
    # Minister Philip Ruddock", "Deputy Defence Secretary"), no organisation of the story
    portfolios = {keys[n] for n, m in enumerate(mentions) if parsed and _portfolio(doc, m)}
    acting -= portfolios - {
        keys[n] for n, m in enumerate(mentions) if parsed and not _portfolio(doc, m)
    }
    org_home = (
        clear_home
        or _home_country(
            [c for c, alts in zip(countries, alternatives, strict=True) if not alts], least=1
        )
        or named_state
    )
    for n, mention in enumerate(mentions):
        if (
            mention.label == "ORG"
            and keys[n] not in votes
            and keys[n] not in international
            and keys[n] not in cited
            and keys[n] in acting
            and org_home
            and (
                is_company(mention.text) or not (is_media(mention.text) or is_region(mention.text))
            )
        ):
            votes[keys[n]] = Counter({org_home: 1})
            paths[(keys[n], org_home)] = "home (company)"
            if not is_company(mention.text):
                guessed.add(entity_id(*keys[n]))
                paths[(keys[n], org_home)] = "home (organisation)"

    records: dict[str, EntityRecord] = {}
    origin: dict[str, str] = {}
    entity_of: list[str] = []
    aliases: set[tuple[str, str]] = set()
    for n, (kind, name) in enumerate(keys):
        eid = entity_id(kind, name)
        entity_of.append(eid)
        if eid not in records:
            if (kind, name) in votes:
                country = votes[(kind, name)].most_common(1)[0][0]
                origin[eid] = paths.get(((kind, name), country), "")
            elif kind in {"GPE", "LOC"} and is_region(name):
                country = None
            elif kind == "PERSON" and people is not None and name in people.country:
                country = people.country[name]
                origin[eid] = "store"
            elif kind in {"GPE", "LOC"}:
                country = place_iso3(name)
                origin[eid] = "place name"
            elif kind == "NORP":
                origin[eid] = "party or nationality"
                # members of a party ("House Democrats", "Republicans", "Tories")
                country = PARTY_COUNTRY.get(
                    name.removesuffix("s").removesuffix("ie")
                    + ("y" if name.endswith("ies") else "")
                )
            else:
                country = None
            records[eid] = EntityRecord(eid, kind, name, country)
        aliases.add((eid, mentions[n].text))
    for capital, country_id in list(state_of.items()):
        if capital not in records:  # a capitalised form merged into the written one
            del state_of[capital]
            continue
        if country_id not in records:
            found = place(records[capital].name)
            # "London" in a story that names "England": the nation the text names stands
            # for the state rather than a second entity for the United Kingdom
            nation = next(
                (
                    eid
                    for eid, record in records.items()
                    if found
                    and record.type == "GPE"
                    and record.country == found.iso3
                    and record.name in UK_NATIONS
                ),
                None,
            )
            if nation:
                state_of[capital] = nation
            elif found:
                records[country_id] = EntityRecord(country_id, "GPE", found.country, found.iso3)
    return ArticleEntities(
        mentions, entity_of, records, aliases, state_of, token_mention, guessed, domestic, origin
    )


def aliases_of(entities: ArticleEntities) -> tuple[Alias, ...]:
    return tuple(Alias(eid, alias) for eid, alias in sorted(entities.aliases))
