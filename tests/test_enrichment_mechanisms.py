"""General mechanisms of the enrichment, each on made-up sentences: a conviction is a
formal accusation, a non-state actor keeps its own nationality, the article's country is
not guessed from a tie, and a place word that ends a company's name does not place it."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Span

from newsflow.extractors.nlp import enrich


def _events(nlp, text):
    return {
        (e.type, e.actor_country, e.recipient_country)
        for e in enrich(nlp(text), date(2024, 6, 19)).events
    }


@pytest.mark.parametrize(
    "text",
    [
        "An Iranian court found Jason Rezaian guilty of espionage.",
        "Michael Webb was found guilty of murder by a court in Ohio.",
    ],
)
def test_a_conviction_by_the_cameo_pattern_find_guilty_is_accuse(nlp, text):
    # CAMEO 173 "find guilty" is coded ACCUSE, as the gold convention codes convictions;
    # the pattern's object word is the verb's complement ("found him guilty")
    coded = _events(nlp, text)
    assert any(kind == "ACCUSE" for kind, _, _ in coded), coded
    assert not any(kind == "COERCE" for kind, _, _ in coded), coded


def test_pirates_with_a_nationality_act_for_it_not_the_victims_state(nlp):
    coded = _events(nlp, "Somali pirates hijacked a Greek ship.")
    assert ("COERCE", "SOM", "GRC") in coded, coded
    assert not any(actor == "GRC" for _, actor, _ in coded), coded


def _entities(nlp, text):
    return {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}


def test_a_tie_between_countries_gives_the_article_no_country_to_lend(nlp):
    # a match report names several countries equally often: an organisation the text does
    # not place is not put in whichever was counted first
    found = _entities(
        nlp,
        "Wales beat Hungary and Slovakia beat Azerbaijan. Hungary and Slovakia now play in the "
        "playoffs organised by Zorblax Corporation, and Zorblax Corporation said the games in "
        "Hungary and Slovakia will be sold out.",
    )
    assert found["Hungary"] == "HUN" and found["Slovakia"] == "SVK"
    assert found["Zorblax Corporation"] is None


def test_a_one_word_town_ending_a_company_name_does_not_place_it(nlp):
    # "Martin" and "Stanley" are towns of the gazetteer (Slovakia, the Falklands/UK) and
    # surnames in a company's name
    found = _entities(nlp, "Lockheed Martin and Morgan Stanley signed a deal on Tuesday.")
    assert found.get("Lockheed Martin") in {None, "USA"}, found
    assert found.get("Morgan Stanley") in {None, "USA"}, found


def _names(nlp, text):
    return {(r.name, r.type) for r in enrich(nlp(text), date(2024, 6, 19)).entities}


def test_a_lowercase_word_before_a_name_is_not_part_of_it(nlp):
    text = (
        "Martin Taylor fell ill in March. The doctor picked up the phone and rang Taylor. "
        "Taylor said he felt better."
    )
    names = {name for name, _ in _names(nlp, text)}
    assert "Martin Taylor" in names
    assert not any(name.split()[0].islower() for name in names), names


def test_a_count_after_a_name_in_a_results_line_is_not_part_of_it(nlp):
    names = {name for name, _ in _names(nlp, "Scoring: Aiden Haig 1 goal, Grace Hanks 1 goal.")}
    assert not any("goal" in name for name in names), names


def test_a_legal_gerund_with_no_one_charged_is_no_accusation(nlp):
    text = (
        "The Ohio plant builds the car for the United States. The car has 120 kW charging, "
        "and there will be 150 kW DC fast charging support in Ohio."
    )
    assert not any(kind == "ACCUSE" for kind, _, _ in _events(nlp, text))
    # someone charged is still an accusation
    charged = _events(nlp, "Prosecutors in Ohio are charging Michael Webb with fraud.")
    assert any(kind == "ACCUSE" for kind, _, _ in charged), charged


def test_the_people_the_dictionary_places_count_toward_the_articles_country(nlp):
    # Russia is the most named place, but the story's people are American office-holders
    text = (
        "Donald Trump said Russia did nothing wrong. Nancy Pelosi disagreed about Russia. "
        "Adam Schiff and Bernie Sanders asked the Zorblax Committee to study Russian claims. "
        "Elizabeth Warren said the Zorblax Committee would report soon."
    )
    found = _entities(nlp, text)
    assert found["Russia"] == "RUS"
    assert found["Zorblax Committee"] == "USA", found


def test_an_official_of_a_state_agency_carries_the_agencys_state(nlp):
    # the actor dictionary codes NASA as a US government body (sector GOV): its administrator
    # holds office for the United States; a company's executive carries no country
    text = (
        "NASA administrator Jim Bridenstine spoke on Tuesday. Doug Cooke, a former NASA "
        "associate administrator, agreed. Boeing executive Jim Chilton did not."
    )
    found = _entities(nlp, text)
    assert found["Jim Bridenstine"] == "USA", found
    assert found["Doug Cooke"] == "USA", found
    assert found.get("Jim Chilton") is None, found


def test_a_capitalised_common_noun_the_article_also_writes_lowercase_is_no_person(nlp):
    text = (
        "Martin Taylor bought a feather duvet. Months later he could not climb the stairs.\n\n"
        "Duvet disease\n\n"
        "Doctors say a duvet of feathers can make people ill, Taylor said."
    )
    names = _names(nlp, text)
    assert ("Duvet", "PERSON") not in names, names
    assert ("Martin Taylor", "PERSON") in names, names


def test_a_one_word_name_written_after_the_is_no_person(nlp):
    text = (
        "LeBron James scored 20 points as Los Angeles beat the Thunder on Tuesday. "
        "The Thunder lost for the third time."
    )
    names = _names(nlp, text)
    assert ("Thunder", "PERSON") not in names, names
    assert ("LeBron James", "PERSON") in names, names
    # a person's name modifying a noun after "the" stays a person: "the Bush administration"
    bush = _names(nlp, "George Bush spoke. Critics of the Bush administration said little.")
    assert ("George Bush", "PERSON") in bush, bush


def test_a_quote_the_parser_makes_a_subject_does_not_hide_the_speaker(nlp):
    # the parser makes "mission" (inside the quote) a second subject of "responded"
    text = (
        "At the hearing, former astronaut Tom Stafford and retired executive Tom Young backed "
        "up that assessment.\n\n“The mission I did accomplished the whole thing with one "
        "launch,” Stafford, a member of the Apollo 10 crew, responded."
    )
    quotes = enrich(nlp(text), date(2024, 6, 19)).quotes
    assert [q.speaker_text for q in quotes] == ["Stafford"], quotes


def test_a_celestial_body_lies_in_no_country(nlp):
    text = (
        "Scientists in California and Texas found water on Titan, the largest moon of Saturn. "
        "A drone from Maryland will fly on Titan in 2034, and a probe will visit Jupiter."
    )
    found = _entities(nlp, text)
    assert found.get("California") == "USA", found
    for body in ("Titan", "Jupiter", "Saturn"):
        assert found.get(body) is None, found


def test_the_moon_is_a_place_even_beside_a_programme_named_after_it(nlp):
    # "Mars-Moon" is a multiword mention that is no person: it does not protect "Moon"
    text = (
        "Tom Stafford said the Mars-Moon program needs a big booster. Jim Bridenstine wants "
        "astronauts on the surface of the Moon by 2024, and a landing on the Moon is hard."
    )
    names = _names(nlp, text)
    assert not any(name == "Moon" and kind == "PERSON" for name, kind in names), names


def test_a_negated_verb_governing_the_trigger_denies_it(nlp):
    def modalities(text):
        return {(e.type, e.modality) for e in enrich(nlp(text), date(2024, 6, 19)).events}

    denied = modalities("Russian troops did not try to attack Ukrainian positions near Kharkiv.")
    assert ("ASSAULT", "denied") in denied, denied
    kept = modalities("Russian troops did not hesitate to attack Ukrainian positions near Kharkiv.")
    assert ("ASSAULT", "denied") not in kept, kept


def test_a_country_the_hand_table_lacks_is_placed_by_the_actor_dictionary(nlp):
    found = _entities(nlp, "Austria beat Liechtenstein and Montenegro lost to Malta on Sunday.")
    assert found.get("Austria") == "AUT", found
    for name, iso3 in (("Liechtenstein", "LIE"), ("Montenegro", "MNE"), ("Malta", "MLT")):
        assert found.get(name) in {None, iso3}, found  # the model may not tag every name
    assert found.get("Liechtenstein") == "LIE", found


def test_a_celestial_body_is_not_merged_into_the_craft_named_after_it(nlp):
    text = (
        "Water vapor on Europa was confirmed for the first time. NASA's Europa Clipper "
        "mission will study Europa in 2025. Scientists said Europa may have an ocean."
    )
    entities = {r.name: r for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert "Europa" in entities, entities
    assert entities["Europa"].country is None


def test_a_name_the_article_counts_is_a_product_not_an_organisation(nlp):
    # "a new iPhone" at an occurrence the model did not tag makes every "iPhone" a thing
    text = "Apple unveiled a new iPhone on Tuesday. The iPhone costs more than last year's model."
    names = {name for name, _ in _names(nlp, text)}
    assert "Apple" in names, names
    assert "iPhone" not in names, names
    found = _names(nlp, "Volkswagen showed its EV in Frankfurt. The EV will reach Europe soon.")
    assert ("Volkswagen", "ORG") in found, found
    assert not any(name == "EV" for name, _ in found), found


def test_a_name_before_a_tally_in_a_results_line_is_a_person(nlp):
    found = _names(nlp, "Lincoln (3-2): Tamsin Oakley 1 goal. Grace Fenwick 1 goal.")
    assert ("Tamsin Oakley", "PERSON") in found, found
    assert ("Grace Fenwick", "PERSON") in found, found


def test_a_celestial_body_the_model_tags_otherwise_is_a_place_without_a_country(nlp):
    text = "Titan is larger than the planet Mercury, and Saturn's moon Enceladus has geysers."
    entities = {r.name: r for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    for name in ("Mercury", "Enceladus"):
        assert name in entities, entities
        assert entities[name].type == "LOC", entities[name]
        assert entities[name].country is None, entities[name]


def test_a_one_word_organisation_the_article_also_writes_lowercase_is_a_common_noun(nlp):
    text = "Lexus showed the Concept in January. The concept had larger wheels than the car."
    names = {name for name, _ in _names(nlp, text)}
    assert "Lexus" in names, names
    assert "Concept" not in names, names


def test_an_age_before_a_name_does_not_make_the_person_a_counted_thing(nlp):
    text = (
        '"I could not stand," wrote 43-year-old Martin Taylor of Aberdeenshire. Taylor recovered.'
    )
    assert "Martin Taylor" in {name for name, _ in _names(nlp, text)}


def test_a_nation_of_the_united_kingdom_is_a_place_of_its_own_in_gbr(nlp):
    # "Scotland" is no other name of the United Kingdom: its own entity, lying in GBR
    found = _entities(
        nlp,
        "Voters in Scotland went to the polls on Thursday. Turnout in Scotland and Wales was "
        "high, officials in Edinburgh said.",
    )
    assert found.get("Scotland") == "GBR", found
    assert found.get("Wales") == "GBR", found
    assert "United Kingdom" not in found, found


def test_a_surname_the_actor_dictionary_lists_after_a_state_title_takes_its_country(nlp):
    # Phoenix lists "PRESIDENT_BUSH" (USA): "Bush" alone in a story set in Russia is not
    # Russian because the sentences naming him name Moscow
    found = _entities(
        nlp,
        "Russia said on Monday that its troops had advanced. Moscow blamed Bush for the war "
        "in Iraq. Bush later visited Russia, and the Kremlin welcomed him.",
    )
    assert found.get("Bush") == "USA", found


def test_a_city_name_of_several_countries_is_the_one_of_the_story_s_country(nlp):
    # GeoNames has a Melbourne in Australia and one in Florida: a story about Florida
    # means its own
    found = _entities(
        nlp,
        "Crowds in Melbourne watched the launch on Tuesday. Florida officials said the rocket "
        "flew well, and Florida's governor thanked the crews near Orlando.",
    )
    assert found.get("Melbourne") == "USA", found
    # a story about Australia keeps the Australian city
    found = _entities(
        nlp,
        "Crowds in Melbourne watched the match on Tuesday. Australia won, and Australian fans "
        "cheered in Sydney.",
    )
    assert found.get("Melbourne") == "AUS", found


def test_a_short_form_in_capitals_of_a_one_word_company_is_that_company(nlp):
    found = _entities(
        nlp,
        "Volkswagen said on Monday it would cut jobs. VW shares fell 3 percent in Frankfurt.",
    )
    assert "VW" not in found, found
    assert found.get("Volkswagen") == "DEU", found


def test_a_person_of_a_government_body_its_name_places_serves_that_country(nlp):
    found = _entities(
        nlp,
        "Dr. Marla Venn of the Ohio Department of Health said the risk remains high for "
        "people who spend time outdoors.",
    )
    assert found.get("Marla Venn") == "USA", found
    # a university is no government body: an academic described by one has no country
    found = _entities(
        nlp, "Professor Marla Venn of the Ohio Institute of Technology said the risk is low."
    )
    assert found.get("Marla Venn") is None, found


def test_a_product_the_actor_dictionary_lists_as_a_company_is_that_company(nlp):
    names = _names(
        nlp,
        "Tottenham posted an image of the new coach holding up a shirt from its Twitter "
        "account on Wednesday.",
    )
    assert ("Twitter", "ORG") in names, names


def test_an_owner_s_possessive_before_an_organisation_is_no_part_of_its_name(nlp):
    names = {
        name
        for name, _ in _names(
            nlp,
            "Ridley Falk sold his stake on Monday. Falk’s Marrow Holdings purchased Big Harbor "
            "for $300M in a deal backed by The Larkspur Group.",
        )
    }
    assert "Marrow Holdings" in names, names
    assert not any("’s" in name for name in names), names


def test_a_company_the_actor_dictionary_lists_under_a_town_s_name_keeps_its_home(nlp):
    # "Honda" is a town in Colombia of the gazetteer and a Japanese company of Phoenix
    found = _entities(nlp, "Honda recalled 300,000 motorcycles on Friday over a brake fault.")
    assert found.get("Honda") == "JPN", found


def test_a_seat_of_government_tagged_as_a_facility_places_its_staff(nlp):
    # "White House" is a facility by its head word, and a state body of the actor dictionary
    found = _entities(
        nlp, "White House press secretary Dana Whitlow said the president would travel."
    )
    assert found.get("Dana Whitlow") == "USA", found
    assert found.get("White House") == "USA", found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Interior Minister Jan Kowalski of Poland said the border was closed.",
         "Jan Kowalski", "POL"),
        ("The head of Iran's Revolutionary Guard, Hossein Salami, warned Israel.",
         "Hossein Salami", "IRN"),
    ],
)  # fmt: skip
def test_a_place_in_the_phrase_of_a_person_s_role_gives_the_country(nlp, text, name, country):
    found = _entities(nlp, text)
    assert found.get(name) == country, found


def test_a_name_cut_after_its_particle_is_one_person_with_its_short_form(nlp):
    # the model tags "Ursula von der" as a person and "Leyen" apart
    names = _names(
        nlp,
        "Ursula von der Leyen said on Monday the bloc would act. Von der Leyen added that "
        "aid would follow.",
    )
    persons = {name for name, kind in names if kind == "PERSON"}
    assert persons == {"Ursula von der Leyen"}, names
    assert not any(name == "Leyen" for name, _ in names), names


def test_a_state_body_the_actor_dictionary_lists_keeps_its_country_over_a_town(nlp):
    # "Federal" is a town in Argentina; Phoenix lists the Federal Reserve as American
    found = _entities(nlp, "The Federal Reserve raised interest rates on Wednesday.")
    assert found.get("Federal Reserve") == "USA", found


def test_a_listed_company_named_with_a_word_of_its_business_keeps_its_home(nlp):
    found = _entities(nlp, "Samsung Electronics said its quarterly profit fell 20 percent.")
    assert found.get("Samsung Electronics") == "KOR", found


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale, 35, a Briton, was arrested in Dubai on Monday.",
        "Tom Hale, who is British, was arrested in Dubai on Monday.",
    ],
)
def test_a_nationality_said_of_a_person_after_the_name_gives_the_country(nlp, text):
    found = _entities(nlp, text)
    assert found.get("Tom Hale") == "GBR", found


def test_a_province_the_model_tags_once_as_a_place_once_as_an_organisation_is_a_place(nlp):
    # the model's tie between GPE and ORG: a province or state is the place, and the official
    # of its body takes its country ("Li Wei, deputy director of Sichuan's health office")
    doc = nlp(
        "Floods hit villages in China's Sichuan on Monday. Li Wei, deputy director of "
        "Sichuan's disaster office, said the water was falling."
    )
    spans = [e for e in doc.ents if e.text != "Sichuan"]
    first, second = [i for i, t in enumerate(doc) if t.text == "Sichuan"]
    spans += [Span(doc, first, first + 1, "GPE"), Span(doc, second, second + 1, "ORG")]
    doc.ents = sorted(spans, key=lambda span: span.start)
    found = {(r.name, r.type): r.country for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found.get(("Sichuan", "GPE")) == "CHN", found
    assert ("Sichuan", "ORG") not in found, found
    assert found.get(("Li Wei", "PERSON")) == "CHN", found


@pytest.mark.parametrize(
    "text",
    [
        "“We are reviewing the case,” said Maria Lopez, a spokeswoman for Immigration and "
        "Customs Enforcement.",
        "Tom Harris, who heads the state Department of Corrections, said the inmate was moved.",
        "Public Service Commission member Lisa Cole said rates would rise in the spring.",
    ],
)
def test_a_person_the_text_links_to_a_government_body_serves_its_state(nlp, text):
    # the body has the story's country as a state body; the person it employs takes it too
    story = text + " Officials in Texas and in Ohio said more cases would follow."
    found = {
        r.name: r.country
        for r in enrich(nlp(story), date(2019, 11, 20)).entities
        if r.type == "PERSON"
    }
    assert list(found.values()) == ["USA"], found


def test_a_person_linked_to_a_company_gets_no_country_from_it(nlp):
    found = _entities(
        nlp,
        "Ann Lee, a spokeswoman for the Acme Power Company, said rates would rise. Officials "
        "in Texas and in Ohio said more cases would follow.",
    )
    assert found.get("Ann Lee") is None, found


def test_a_name_the_model_tags_as_an_organisation_after_a_title_is_a_person(nlp):
    names = _names(
        nlp,
        "German Chancellor Olaf Scholz said Germany would send more tanks. Olaf Scholz said "
        "the tanks would arrive in spring.",
    )
    assert ("Olaf Scholz", "PERSON") in names, names
    assert ("Olaf Scholz", "ORG") not in names, names


def test_a_national_team_before_a_player_s_role_gives_the_player_its_country(nlp):
    # the model tags "forward" as an adverb; the venue's city is the other side's
    found = _entities(
        nlp,
        "Brazil forward Marco Silva scored twice as Brazil beat Argentina in Buenos Aires on "
        "Sunday. Silva said the crowd in Buenos Aires was loud.",
    )
    assert found.get("Marco Silva") == "BRA", found


def test_a_club_player_takes_no_country_from_the_city_of_the_fixture(nlp):
    found = _entities(
        nlp,
        "Boston guard Tom Hale scored 30 points in Toronto on Friday. Hale said the crowd in "
        "Toronto was loud. Fans in Toronto cheered Hale anyway.",
    )
    assert found.get("Tom Hale") is None, found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Voters in Georgia and Florida went to the polls on Tuesday. Officials in Georgia "
         "said turnout in Atlanta was high.", "Georgia", "USA"),
        ("Opposition leaders in Georgia met in Tbilisi on Monday. The protest in Tbilisi "
         "grew.", "Georgia", "GEO"),
        ("Officials in Ontario and Toronto said the plan would cost more. Canada agreed.",
         "Ontario", "CAN"),
        ("Police in Ontario, California, arrested a man. Officials in Los Angeles said more.",
         "Ontario", "USA"),
        ("Shelling hit Odessa on Monday. Ukraine said Kyiv would send help to Odessa.",
         "Odessa", "UKR"),
    ],
)  # fmt: skip
def test_a_place_name_of_two_countries_is_the_story_s_one(nlp, text, name, country):
    found = _entities(nlp, text)
    assert found.get(name) == country, found


@pytest.mark.parametrize(
    ("role", "country"),
    [
        ("the county clerk", "USA"),
        ("the city manager", "USA"),
        ("the state's budget director", "USA"),
        ("a Republican", "USA"),
        ("the club's manager", None),
        ("a company director", None),
    ],
)
def test_a_public_office_or_a_party_in_an_apposition_gives_the_country(nlp, role, country):
    found = _entities(
        nlp,
        f"Ann Lee, {role}, said the plan would cost more. Officials in Texas and in Ohio agreed.",
    )
    assert found.get("Ann Lee") == country, found


def _typed(nlp, text):
    return {(r.name, r.type): r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}


@pytest.mark.parametrize(
    ("text", "team", "person"),
    [
        ("Eagles QB Sam Porter threw three touchdowns.", "Eagles", "Sam Porter"),
        ("Ravens DL Tom Baker was fined $10,000 on Friday.", "Ravens", "Tom Baker"),
    ],
)
def test_a_role_abbreviation_between_a_team_and_a_name_splits_them(nlp, text, team, person):
    # a headline-style span "<team> <position> <name>": the team and the person, not one
    # person named after both
    found = _typed(nlp, text)
    assert (person, "PERSON") in found, found
    assert (team, "ORG") in found, found
    assert not any(team in name and kind == "PERSON" for name, kind in found), found


def test_a_plural_nickname_the_model_tags_a_person_is_a_team(nlp):
    # "Rockets' fans": a plural name in a possessive that no full name of the article ends
    # with is a team, even where the model tags every mention a person
    doc = nlp("Coach Ann Lee guided Rockets to the title. Rockets' fans booed on Sunday.")
    spans = [e for e in doc.ents if e.text != "Rockets"]
    spans += [Span(doc, i, i + 1, "PERSON") for i, t in enumerate(doc) if t.text == "Rockets"]
    doc.ents = sorted(spans, key=lambda span: span.start)
    found = {(r.name, r.type) for r in enrich(doc, date(2024, 6, 19)).entities}
    assert ("Rockets", "ORG") in found, found
    assert ("Rockets", "PERSON") not in found, found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Chad closed its border with Sudan. Chad's government said it was temporary.", "Chad",
         "TCD"),
        ("Togo and Benin signed a border agreement on Tuesday.", "Togo", "TGO"),
        ("Togolese soldiers crossed the border on Monday, the army said.", "Togo", "TGO"),
    ],
)  # fmt: skip
def test_a_state_the_model_tags_as_a_person_or_nationality_is_the_place(nlp, text, name, country):
    # the actor dictionary's states (no sector) and their nationalities: "Chad" tagged
    # PERSON, "Togo" NORP, "Togolese" the country
    found = _typed(nlp, text)
    assert found.get((name, "GPE")) == country, found
    assert not any(kind in {"PERSON", "NORP"} for _, kind in found), found


def test_a_country_s_name_that_is_a_word_of_a_person_s_full_name_stays_the_person(nlp):
    # "Jordan" beside "Michael Jordan": the person, and no Jordanian
    found = _typed(nlp, "Michael Jordan scored 40 points. Jordan said he felt great.")
    assert found == {("Michael Jordan", "PERSON"): None}, found


def test_an_abbreviated_saint_s_name_and_the_name_after_it_are_one_place(nlp):
    # a dateline "ST. CLOUD, Minn." the model tags as a place and an organisation
    found = _typed(nlp, "ST. CLOUD, Minn. (AP) — A man was arrested on Monday, police said.")
    assert found.get(("ST. CLOUD", "GPE")) == "USA", found
    assert not any(name in {"ST", "CLOUD"} for name, _ in found), found


def test_a_club_named_after_its_town_is_an_organisation(nlp):
    doc = nlp("He has coached Real Madrid and Manchester United.")
    # the model often leaves "Real" out of the town's span, and tags the other club a place
    madrid = next(i for i, t in enumerate(doc) if t.text == "Madrid")
    united = next(i for i, t in enumerate(doc) if t.text == "United")
    doc.ents = [Span(doc, madrid, madrid + 1, "GPE"), Span(doc, united - 1, united + 1, "GPE")]
    found = {(r.name, r.type) for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found == {("Real Madrid", "ORG"), ("Manchester United", "ORG")}, found


def test_an_organisation_cut_before_its_head_noun_runs_to_it(nlp):
    doc = nlp("The report was first published by the Sioux City Journal Herald on Sunday.")
    start = next(i for i, t in enumerate(doc) if t.text == "Sioux")
    herald = next(i for i, t in enumerate(doc) if t.text == "Herald")
    assert doc[herald - 1].head.i == herald  # "Journal" modifies "Herald"
    doc.ents = [Span(doc, start, herald, "ORG")]  # the model's cut: "Sioux City Journal"
    found = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found == {"Sioux City Journal Herald"}, found


def test_an_organisation_before_a_title_and_a_name_keeps_its_end(nlp):
    # "Indiana House Speaker Brian Bosma"-style: the title before a person is no part of it
    found = _typed(nlp, "Ohio House Speaker Tom Reed spoke to lawmakers on Monday.")
    assert not any("Speaker" in name for name, _ in found), found


def _with_labels(nlp, text, labels):
    """`text` parsed, its entities replaced by the given (name, label) spans."""
    doc = nlp(text)
    spans = []
    for name, label in labels:
        start = doc.text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = sorted(spans, key=lambda span: span.start)
    return {(r.name, r.type) for r in enrich(doc, date(2024, 6, 19)).entities}


def test_a_state_s_legislative_chamber_is_an_organisation_not_a_building(nlp):
    found = _with_labels(
        nlp,
        "The bill passed the Ohio Senate on Tuesday and now goes to the Ohio House.",
        [("Ohio Senate", "FAC"), ("Ohio House", "FAC")],
    )
    assert found == {("Ohio Senate", "ORG"), ("Ohio House", "ORG")}, found


def test_an_infirmary_and_a_correctional_center_are_buildings(nlp):
    found = _with_labels(
        nlp,
        "She was held at the Brookline Correctional Center before the trial. Her doctor "
        "works at the Kingsport Royal Infirmary.",
        [("Brookline Correctional Center", "ORG"), ("Kingsport Royal Infirmary", "ORG")],
    )
    assert found == {("Brookline Correctional Center", "FAC"), ("Kingsport Royal Infirmary", "FAC")}


def test_a_known_outlet_tagged_as_a_place_is_an_organisation(nlp):
    found = _with_labels(
        nlp,
        "Bloomberg reported on Monday that the company would cut 400 jobs.",
        [("Bloomberg", "GPE")],
    )
    assert found == {("Bloomberg", "ORG")}, found


def test_initials_with_or_without_dots_are_one_person(nlp):
    found = _typed(nlp, "Sen. J.D. Vance spoke on Monday. Vance said the bill would pass. "
                        "JD Vance later left.")  # fmt: skip
    assert [name for name, kind in found if kind == "PERSON"] == ["J.D. Vance"], found


def test_a_surname_in_capitals_is_the_person_the_text_names_in_full(nlp):
    found = _typed(
        nlp,
        "Russian President Vladimir Putin met the envoy. Mr. Putin thanked him. PUTIN said "
        "the talks were good.",
    )
    assert [name for name, kind in found if kind == "PERSON"] == ["Vladimir Putin"], found


def test_the_word_of_an_office_is_no_organisation(nlp):
    # "Secretary of State", "Chief of Staff": the model tags the office's word ORG
    found = _typed(
        nlp,
        "Secretary of State Antony Blinken visited Kyiv. The secretary of Defense said the "
        "Chief of Staff agreed.",
    )
    assert not any(kind == "ORG" for _, kind in found), found
    assert found.get(("Kyiv", "GPE")) == "UKR", found


def test_a_title_of_a_country_tagged_as_a_place_is_the_country(nlp):
    found = _typed(nlp, "The President of Russia met the King of Jordan on Monday.")
    assert found == {("Russia", "GPE"): "RUS", ("Jordan", "GPE"): "JOR"}, found


def test_another_spelling_of_a_surname_is_the_same_person(nlp):
    # "Zelenskyy" (which the model tags a place) beside "Volodymyr Zelensky"; an exact
    # surname still wins over a spelling ("Roberts" is Jane Roberts, not Tom Robert)
    found = _typed(
        nlp,
        "Ukrainian President Volodymyr Zelensky met the envoy in Brussels. Zelenskyy said "
        "Ukraine needs more weapons.",
    )
    assert [name for name, kind in found if kind == "PERSON"] == ["Volodymyr Zelensky"], found
    assert ("Zelenskyy", "GPE") not in found, found
    found = _typed(nlp, "Jane Roberts met Tom Robert on Monday. Roberts said they agreed.")
    assert {name for name, _ in found} == {"Jane Roberts", "Tom Robert"}, found


@pytest.mark.parametrize("label", ["GPE", "ORG", "LOC"])
def test_a_name_tagged_a_place_or_organisation_after_a_team_role_is_a_person(nlp, label):
    # "quarterback" is no role word of the agent dictionary, but a team role
    found = _with_labels(
        nlp,
        "Falcons quarterback Derek Varnaby threw three touchdown passes on Sunday.",
        [("Falcons", "ORG"), ("Derek Varnaby", label)],
    )
    assert ("Derek Varnaby", "PERSON") in found, found
    assert ("Derek Varnaby", label) not in found, found


def test_a_full_name_whose_surname_follows_an_honorific_is_a_person(nlp):
    # one "Ms. Brandt" is enough to make "Talia Brandt" (tagged an organisation) the person
    doc = nlp("The court heard Talia Brandt on Monday. Ms. Brandt said she was innocent.")
    talia = next(t.i for t in doc if t.text == "Talia")
    brandt = [t.i for t in doc if t.text == "Brandt"][-1]
    doc.ents = [Span(doc, talia, talia + 2, "ORG"), Span(doc, brandt, brandt + 1, "PERSON")]
    found = {(r.name, r.type) for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found == {("Talia Brandt", "PERSON")}, found


def test_an_untagged_name_after_an_honorific_is_a_person(nlp):
    found = _with_labels(
        nlp, "The union met on Friday. Mr. Okafor said the strike would go on.", []
    )
    assert found == {("Okafor", "PERSON")}, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The European Union imposed new tariffs on Monday. E.U. officials said the "
            "measures would start in June.",
            "European Union",
        ),
        ("U.N. officials met in Geneva on Monday. The UN said the talks had failed.", "UN"),
    ],
)
def test_an_acronym_with_dots_is_the_same_organisation_as_without(nlp, text, name):
    found = {n for n, kind in _names(nlp, text) if kind == "ORG"}
    assert found == {name}, found


def test_a_country_named_with_a_direction_and_a_continent_is_no_region(nlp):
    # "South Africa" is the country; "North Africa" and "Southeast Asia" stay regions
    found = _typed(
        nlp, "She flew from Cape Town, South Africa, to Tunis. North Africa was hot that week."
    )
    assert found.get(("South Africa", "GPE")) == "ZAF", found
    assert found.get(("North Africa", "LOC"), found.get(("North Africa", "GPE"))) is None, found


@pytest.mark.parametrize(
    "text",
    [
        "Lindiwe Mokoena, 54, lost her home in the flood.",
        "Lindiwe Mokoena, a teacher, lost her home in the flood.",
    ],
)
def test_a_name_tagged_a_place_before_an_age_or_a_role_in_apposition_is_a_person(nlp, text):
    found = _with_labels(nlp, text, [("Lindiwe Mokoena", "GPE")])
    assert found == {("Lindiwe Mokoena", "PERSON")}, found


@pytest.mark.parametrize(
    ("listed", "names"),
    [
        ("Hollow Pine Records, Varga", {"Hollow Pine Records", "Varga"}),
        ("Hollow Pine Records and Varga", {"Hollow Pine Records", "Varga"}),
    ],
)
def test_a_span_run_over_a_list_of_names_is_one_mention_per_name(nlp, listed, names):
    text = f"Hollow Pine Records sold the masters. She criticised {listed} on Monday."
    doc = nlp(text)
    first = doc.char_span(0, len("Hollow Pine Records"), label="ORG")
    at = text.index(listed)
    doc.ents = [first, doc.char_span(at, at + len(listed), label="ORG")]
    found = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found == names, found


def test_an_and_after_a_one_word_name_does_not_divide_an_organisation(nlp):
    text = "Customs officials met. Customs and Excise said the rules would change."
    doc = nlp(text)
    at = text.index("Customs and Excise")
    doc.ents = [
        doc.char_span(0, len("Customs"), label="ORG"),
        doc.char_span(at, at + len("Customs and Excise"), label="ORG"),
    ]
    found = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Customs and Excise" in found, found


def test_a_name_tagged_a_nationality_that_the_article_names_as_an_organisation_is_it(nlp):
    text = "Zorvia users posted less this year. Zorvia said it would change the feed."
    doc = nlp(text)
    second = text.index("Zorvia said")
    doc.ents = [
        doc.char_span(0, len("Zorvia"), label="NORP"),
        doc.char_span(second, second + len("Zorvia"), label="ORG"),
    ]
    found = {(r.name, r.type) for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found == {("Zorvia", "ORG")}, found


@pytest.mark.parametrize(
    ("text", "facility", "country"),
    [
        (
            "The talks ended with a dinner at the Grand Hotel in the Swedish capital. "
            "Officials from Norway and Norway's neighbours attended.",
            "Grand Hotel",
            "SWE",
        ),
        (
            "Israeli officials met on Sunday. They attended a rally at Tahrir Square in the "
            "heart of the Egyptian capital, where Israel's envoy spoke. Israel and its allies "
            "welcomed the rally.",
            "Tahrir Square",
            "EGY",
        ),
        (
            "Greek Prime Minister Kyriakos Mitsotakis held a ceremony at Kadriye Square in the "
            "centre of the Turkish city on Friday. Greece and Greek diplomats praised it.",
            "Kadriye Square",
            "TUR",
        ),
    ],
)
def test_a_facility_lies_in_the_country_its_locating_phrase_names(nlp, text, facility, country):
    """ "in the Swedish capital", "in the heart of the Egyptian capital": a nationality of a
    place noun places the facility, whatever country the article mostly names, and also when
    the parser hangs the phrase on the noun before the facility."""
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert entities.get(facility) == country, entities


@pytest.mark.parametrize(
    ("text", "facility", "country"),
    [
        (
            "Armenian Prime Minister Nikol Pashinyan spoke on Monday. Thousands of Armenians "
            "gathered at Republic Square to hear him. Armenia and Armenians celebrated.",
            "Republic Square",
            "ARM",
        ),
        (
            "Ukrainian protesters returned to Independence Square on Sunday. Ukraine's "
            "government and Ukrainian officials watched the crowd.",
            "Independence Square",
            "UKR",
        ),
    ],
)
def test_a_facility_named_by_a_word_that_is_also_a_town_lies_where_the_story_is(
    nlp, text, facility, country
):
    """ "Republic" and "Independence" are towns of Missouri in the gazetteer; a square named
    by the word is not placed by them."""
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert entities.get(facility) == country, entities


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Belgian fans filled the stands in Ghent as the Hartley Cup Final opened on Monday. "
            "Belgium and Belgian players won twice.",
            "Hartley Cup Final",
        ),
        (
            "Thousands of visitors came to Ohio for the Maple Ridge National Horse Show, which "
            "ended on Sunday. Ohio officials were pleased.",
            "Maple Ridge National Horse Show",
        ),
    ],
)
def test_an_event_tagged_as_an_organisation_has_no_home_country(nlp, text, event):
    """A competition or a show the model tags ORG is out of scope: no country, neither from
    a town heading its name (Hartley, England; Maple Ridge, Canada) nor the story's. (Since
    entities.v19 a name ending in an event word that no firm's name ends in is no entity at
    all: absent, it has no country either.)"""
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert entities.get(event) is None, entities


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a town too small for the gazetteer, used as a place: the story's country
        (
            "Ohio police arrested the man at a motel in Tallow Creek on Friday. Ohio officials "
            "praised the police.",
            "Tallow Creek",
            "USA",
        ),
        (
            "Ohio police said a Tallow Creek officer found the girl in a motel. Ohio officials "
            "praised the police.",
            "Tallow Creek",
            "USA",
        ),
        # a film's title the model tags as a place, used as none: no country
        (
            "Ohio officials said the girl was found in a motel room. In the final scene of "
            "Grimwald, the hero rides home. Ohio voters loved it.",
            "Grimwald",
            None,
        ),
    ],
)
def test_an_unknown_place_name_takes_the_story_country_only_where_used_as_a_place(
    nlp, text, name, country
):
    """A GPE name the gazetteer does not know lies in the story's country only where the
    parse uses it as a place: after "in"/"at", or modifying a noun ("a Tallow Creek
    officer")."""
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert name in entities, entities
    assert entities[name] == country, entities


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a report of games: Denver is where the game was, not whose Tom Pellar is
        (
            "The home team won the game in Denver on Sunday. Tom Pellar scored twice in Denver, "
            "and the fans cheered the team. Pellar's season has been the best of the league in "
            "Denver, the coach said after the game.",
            None,
        ),
        # the same places in a report of no games still place him
        (
            "Officials met in Denver on Sunday. Tom Pellar spoke twice in Denver, and the crowd "
            "cheered. Pellar's speech in Denver was the best of the year, an aide said after "
            "the meeting.",
            "USA",
        ),
    ],
)
def test_the_places_of_a_sports_report_place_no_player(nlp, text, country):
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert "Tom Pellar" in entities, entities
    assert entities["Tom Pellar"] == country, entities


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "The Ohio governor signed the bill on Monday, Ohio officials said. A spokesman told "
            "Brightwater Report that the governor was pleased.",
            None,
        ),
        (
            "The Ohio governor signed the bill on Monday, according to Brightwater Report. Ohio "
            "officials were pleased.",
            None,
        ),
        # named as no source, an unplaced organisation is still taken as the story's
        (
            "Ohio officials were pleased, and Brightwater Report hired two of them. Ohio voters "
            "were not.",
            "USA",
        ),
    ],
)
def test_an_organisation_cited_as_a_source_of_news_has_no_country(nlp, text, country):
    """News organisations carry no country (tests/gold/README.md); one whose name has no
    newspaper word is known by how the text cites it ("told X", "according to X")."""
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert "Brightwater Report" in entities, entities
    assert entities["Brightwater Report"] == country, entities


def test_a_heading_tagged_as_an_organisation_is_not_given_the_story_country(nlp):
    """A line that is only a name ("Post-Harvest Meal" between paragraphs) is a heading: the
    model's ORG there is no organisation the story names, so not the story's."""
    text = (
        "Ohio officials praised the farmers on Monday.\nPost-Harvest Meal\nOhio farmers sold "
        "corn, and Ohio voters bought it."
    )
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert "Post-Harvest Meal" in entities, entities
    assert entities["Post-Harvest Meal"] is None, entities


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a product named after a company is no company of its home country
        ("The new Netflix Party feature lets friends watch together.", "Netflix Party", None),
        # a company's name with a word of its business is the company (or a division)
        ("Samsung Electronics reported higher profits on Tuesday.", "Samsung Electronics", "KOR"),
    ],
)
def test_a_product_named_after_a_company_is_no_company(nlp, text, name, country):
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert name in entities, entities
    assert entities[name] == country, entities


def test_a_name_in_brackets_does_not_share_the_nationality_before_the_name_it_follows(nlp):
    """ "the Irish rebel Sean Dorran (Tom Hale)": the bracketed name is the actor playing
    him, not a second name of an Irish rebel."""
    text = "In the last scene, the Irish rebel Sean Dorran (Tom Hale) is captured by soldiers."
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert entities.get("Sean Dorran") == "IRL", entities
    assert "Tom Hale" in entities, entities
    assert entities["Tom Hale"] is None, entities


@pytest.mark.parametrize(("state", "country"), [("Georgia", None), ("Ohio", "USA")])
def test_an_unplaced_organisation_takes_only_a_story_country_no_place_name_doubts(
    nlp, state, country
):
    """ "Georgia" is a country and a US state: a story placed by it alone has no country to
    lend an organisation the text does not place; one placed by Ohio has."""
    text = (
        f"{state} voters went to the polls on Tuesday. {state} officials said Brightwater "
        "Report had hired two of them."
    )
    entities = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert "Brightwater Report" in entities, entities
    assert entities["Brightwater Report"] == country, entities


# Issue 13, round 15: entity countries on politics and conflict reports (audited on the Lee
# corpus, bench/results/country_audit_lee.md). The sentences are made up.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an international militant group of the actor dictionary (IMG, no country)
        (
            "Al Qaeda fighters fled Kandahar, Afghan officials in Kabul said. The fighters left "
            "Kandahar at night.",
            "Al Qaeda",
        ),
        # an international body named with "International" and a body word ("Force")
        (
            "The International Security Assistance Force patrolled Kabul, Afghan officials said "
            "in Kandahar.",
            "International Security Assistance Force",
        ),
        # the body's word before what the body is for
        (
            "The United Nations High Commission for Refugees said Sydney and Melbourne should "
            "take more refugees.",
            "United Nations High Commission for Refugees",
        ),
    ],
)
def test_international_bodies_and_militant_groups_have_no_home_country(nlp, text, name):
    found = _entities(nlp, text)
    assert name in found, found
    assert found[name] is None, found


def test_a_nationality_in_another_persons_role_does_not_place_the_speaker(nlp):
    """ "the Palestinian leader" is someone the speaker waits for, not the speaker."""
    found = _entities(
        nlp, "Prime Minister Avi Keller said he was waiting for action from the Palestinian leader."
    )
    assert "Avi Keller" in found, found
    assert found["Avi Keller"] != "PSE", found


def test_a_name_of_towns_abroad_is_not_the_county_of_the_united_states(nlp):
    """ "Victoria" is a town of eight countries and Victoria County, Texas: in a story about
    Australia it is no American place."""
    found = _entities(
        nlp, "Fires burned in Queensland and Victoria, officials in Sydney and Melbourne said."
    )
    assert "Victoria" in found, found
    assert found["Victoria"] != "USA", found


@pytest.mark.parametrize(
    ("text", "town"),
    [
        (
            "The blazes stretch south of the Royal National Park and north of Wollongong all "
            "the way to the Blue Mountains.",
            "Wollongong",
        ),
        (
            "A new blaze north of Darwin forced the closure of the highway, while crews near "
            "Hobart rested.",
            "Hobart",
        ),
    ],
)
def test_a_town_the_model_tags_a_person_after_a_locative_is_a_place(nlp, text, town):
    found = {(r.type, r.name): r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert found.get(("GPE", town)) == "AUS", found


def test_a_titled_person_the_dictionary_lists_under_a_body_stays_a_person(nlp):
    """The actor dictionary codes Paul Wolfowitz by the World Bank (IGO); after a title and
    as "Mr Wolfowitz" he is a person."""
    doc = nlp(
        "Deputy Defence Secretary Paul Wolfowitz has discussed options beyond Afghanistan. "
        "Mr Wolfowitz said the search would go on."
    )
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Paul Wolfowitz") == "PERSON", types


def test_a_news_organisation_named_before_its_outlet_noun_has_no_country(nlp):
    found = _entities(
        nlp, "Time magazine's Person of the Year praised New York and Boston for their strength."
    )
    assert "Time" in found, found
    assert found["Time"] is None, found


def test_an_undotted_honorific_names_the_person_of_the_full_name(nlp):
    """British and Australian style writes "Dr Hollingworth", "Mr Howard" without the dot;
    the model may tag such a name an organisation. It is the person named in full before."""
    doc = nlp(
        "Governor-General Peter Hollingworth released a statement on Friday. In the statement, "
        "Dr Hollingworth says he could no longer stand by."
    )
    people = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Peter Hollingworth" in people, people
    assert not any("Dr" in name.split() for name in people), people


# round 15 (Lee corpus audit): organisations and office-holders placed by the words of their
# own name or role, not by the story's places
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # "Federal" is also a town in Argentina: "the Federal Government" of a story placed in
        # Australia is Australia's, an office of the story's country.
        pytest.param(
            "Canberra and Sydney residents will pay more tax. The Federal Government said the plan "
            "starts in March.",
            "Federal Government",
            "AUS",
            id="federal-is-no-town",
        ),
        # "British Defence Secretary Geoff Hoon": the portfolio "British Defence" opens with the
        # nationality; a story mostly about Afghanistan does not make him Afghan.
        pytest.param(
            "British Defence Secretary Geoff Hoon says up to 1,500 British troops will lead the "
            "force. The force will be based in Kabul, Afghanistan, and Afghan leaders in Kandahar "
            "agreed.",
            "Geoff Hoon",
            "GBR",
            id="portfolio-nationality",
        ),
        # The actor dictionary lists "Senate" as the United States': an Australian story's Senate is
        # Australia's.
        pytest.param(
            "Opposition senators in Canberra and Sydney demanded a full Senate inquiry into the "
            "deal.",
            "Senate",
            "AUS",
            id="state-body-of-the-story",
        ),
        pytest.param(
            "The members of the newly-elected Solomon Islands Parliament meet today to choose a "
            "prime minister. A British envoy in London said so.",
            "Solomon Islands Parliament",
            "SLB",
            id="state-heading-a-body",
        ),
        # "Royal Australian Air Force": the nationality is neither the first nor the last word; a
        # story placed in Sri Lanka does not make the air force Sri Lankan.
        pytest.param(
            "A Royal Australian Air Force plane landed in Colombo on Monday. Sri Lankan officials "
            "in Kandy and Colombo welcomed the crew.",
            "Royal Australian Air Force",
            "AUS",
            id="nationality-inside-a-name",
        ),
        # "ministry spokesman Kamal Rahman" after "Pakistan's Foreign Ministry": Pakistan's
        # spokesman, though the story names India more often.
        pytest.param(
            "Pakistan's Foreign Ministry announced sanctions against India. India had closed its "
            'airspace, and India\'s envoy left. "We regret the decision," ministry spokesman '
            "Kamal Rahman said of India.",
            "Kamal Rahman",
            "PAK",
            id="spokesman-of-the-body-before",
        ),
    ],
)
def test_a_name_or_role_of_its_own_places_an_organisation_or_office_holder(
    nlp, text, name, country
):
    found = _entities(nlp, text)
    assert found.get(name) == country, found


def test_a_cricket_test_the_model_tags_an_organisation_is_an_event(nlp):
    found = _entities(
        nlp,
        "Stuart MacGill was 12th man for the Adelaide Test. Selectors in Sydney and Melbourne "
        "kept him.",
    )
    assert "Adelaide Test" in found, found
    assert found["Adelaide Test"] is None, found


def _types(nlp, text):
    return {r.name: r.type for r in enrich(nlp(text), date(2024, 6, 19)).entities}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Police sealed off the town of Harrow Vale after the storm hit Queensland.",
            "Harrow Vale",
            "GPE",
        ),
        (
            "Fighting continued in the Shah-i-Kot valley of Afghanistan as US aircraft bombed "
            "the Zawar Kili caves.",
            "Zawar Kili",
            "LOC",
        ),
    ],
)
def test_a_name_the_syntax_makes_a_place_is_one_whatever_the_model_tagged(nlp, text, name, kind):
    """The model tags the town and the caves PERSON; "the town of X" and "the X caves"
    (an area noun the name modifies) say what the gazetteer need not know."""
    assert _types(nlp, text).get(name) == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The vote was criticised by human rights envoy Anne-Marie Ostergaard-Lund as a "
            "potential setback.",
            "Anne-Marie Ostergaard-Lund",
        ),
        (
            "The report was welcomed by UN envoy Per-Olav Sandvik-Holm as a potential "
            "breakthrough.",
            "Per-Olav Sandvik-Holm",
        ),
        (
            "It has been suggested in the media by Mr Fox that the rival's aim is to shut the "
            "airline down.",
            "Fox",
        ),
    ],
)
def test_a_hyphenated_name_after_a_role_and_a_name_after_an_honorific_are_people(nlp, text, name):
    """Names the model or the dictionaries make organisations: a hyphenated full name after
    a role noun, a surname after "Mr"."""
    assert _types(nlp, text).get(name) == "PERSON"


def test_a_name_in_a_list_of_places_after_a_locative_is_a_place(nlp):
    """ "near Orange, Molong and Cumnock": the model tags the last town PERSON."""
    assert (
        _types(nlp, "Storms hit towns near Orange, Molong and Cumnock overnight.").get("Cumnock")
        == "GPE"
    )


def test_a_known_place_after_a_direction_word_tagged_a_person_is_a_place(nlp):
    found = {
        r.name: (r.type, r.country)
        for r in enrich(
            nlp("Greater Melbourne is ringed by fires, and crews are stretched."),
            date(2024, 6, 19),
        ).entities
    }
    assert found.get("Greater Melbourne") == ("GPE", "AUS"), found


def test_a_name_after_an_age_is_a_person_but_not_the_body_of_an_aged_role(nlp):
    """ "The 23-year-old Pennetta" (tagged GPE, then ORG) is a player; in "the 63-year-old
    UN chief" the age is the chief's, not the UN's."""
    text = (
        "The 23-year-old Pennetta (ranked 19th) wore down her opponent. Pennetta said the win "
        "was important."
    )
    assert _types(nlp, text).get("Pennetta") == "PERSON"
    aged_role = "The 63-year-old UN chief, a native of Ghana, spoke in New York."
    assert _types(nlp, aged_role).get("UN") == "ORG"


def test_a_direction_word_the_model_leaves_out_of_a_place_known_whole_is_in_its_span(nlp):
    """At the head of a sentence the model tags "Australia" of "Western Australia"."""
    text = (
        "Road deaths rose in Queensland and Victoria. Western Australia, the Northern Territory "
        "and South Australia have each recorded three deaths."
    )
    types = _types(nlp, text)
    assert types.get("Western Australia") == "GPE", types
    assert "Australia" not in types, types


def test_an_organisation_named_in_two_cases_is_one_entity_in_title_case(nlp):
    text = (
        "The Liberal party said it would vote against the plan. Members of the Liberal Party "
        "met in Sydney on Monday."
    )
    names = [name for name in _types(nlp, text) if name.casefold() == "liberal party"]
    assert names == ["Liberal Party"], names


def test_a_town_tagged_once_a_place_once_an_organisation_is_the_place_where_used_as_one(nlp):
    text = (
        "Residents fled as flames moved closer. A grass fire near Goulburn, north-east of "
        "Canberra, has cut the road. Tankers went to a blaze at Marulan, east of Goulburn."
    )
    assert _types(nlp, text).get("Goulburn") == "GPE"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Hikers were stranded on Lasseter Highway overnight. Rangers said Lasseter Highway "
            "was flooded.",
            "Lasseter Highway",
            "FAC",
        ),
        ("Aid workers landed at Port-au-Prince after the storm.", "Port-au-Prince", "GPE"),
    ],
)
def test_a_road_tagged_a_person_and_a_capital_tagged_a_facility_take_their_names_type(
    nlp, text, name, kind
):
    assert _types(nlp, text).get(name) == kind


# Round 16 (entity countries): each mechanism on made-up sentences.


# Round 16 (bench/labels/lee part A): how the entity layer places people, bodies and places;
# (text, {entity name: country it must have, None for no country})
ROUND16_COUNTRIES = {
    # no country is named twice, but Canada is the only one named: the office is Canada's
    "an office takes the story's only country named once": (
        "Fisheries Minister Paul Leduc announced new quotas on Tuesday. Mr Leduc said "
        "boats from Canada would be inspected.",
        {"Paul Leduc": "CAN"},
    ),
    "a title after a union's or an international body's name is no state office": (
        "Police in Sydney and Melbourne arrested 12 people. Australian officials said "
        "Transport Workers Union secretary Dan Kelly would appear in court. United "
        "Nations Middle East envoy Karl Berg welcomed the arrests.",
        {"Dan Kelly": None, "Karl Berg": None},
    ),
    # a union's member is no civil servant
    "a body or an office-holder its placed possessor owns takes its country": (
        "Israeli Prime Minister Moshe Dayan met cabinet ministers. Mr Dayan called the "
        "ministers from his Likud Bloc to a meeting. The White House said its envoy "
        "General Tom Baker would return soon. Ali Hassan, an adviser to Palestinian "
        "leader Yasser Arafat, said talks were over. The Australian Services Union's "
        "Luke Foley said staff would be paid.",
        {"Luke Foley": None, "Likud Bloc": "ISR", "Tom Baker": "USA", "Ali Hassan": "PSE"},
    ),
    # "University" is also a town in Florida
    "a town heading a body's name of a place does not place it": (
        "Researchers at the University of Adelaide published the study.",
        {"University of Adelaide": "AUS"},
    ),
    "an organisation takes the story's only country named once": (
        "Staff at Norbank and Eastwest Credit walked out on Monday. The strike in Canada "
        "is the first in a decade.",
        {"Norbank": "CAN"},
    ),
    "a person from a placed service serves its state": (
        "Fires burned near Sydney and Newcastle. John Ward, from the New South Wales Rural "
        "Fire Service, says crews are ready.",
        {"John Ward": "AUS"},
    ),
    "a state the hand table lacks followed by a country is a list": (
        "Ministers from Botswana, Britain and Kenya met in Nairobi.",
        {"Botswana": "BWA"},
    ),
    "a river or a town the gazetteer lacks lies where its sentence's places are": (
        "Floods hit Queensland and New South Wales. The Barwon River broke its banks near "
        "Brisbane. Residents of Wombatville, west of Brisbane, were evacuated.",
        {"Barwon River": "AUS", "Wombatville": "AUS"},
    ),
    "a national side and a coordinated name share a country": (
        "The United States team of Serena Moore and James Carter beat France. They lost last "
        "year to Swiss pair Anna Vogt and Peter Brun in the final.",
        {"Serena Moore": "USA", "James Carter": "USA", "Peter Brun": "CHE"},
    ),
}


@pytest.mark.parametrize("mechanism", ROUND16_COUNTRIES)
def test_round16_entity_countries(nlp, mechanism):
    text, expected = ROUND16_COUNTRIES[mechanism]
    found = _entities(nlp, text)
    for name, country in expected.items():
        assert found.get(name) == country, (name, found)


def test_a_country_has_one_name_whatever_form_the_article_writes(nlp):
    """The store keeps one row per entity, so a country's name cannot depend on the form
    an article writes ("Britain", "United Kingdom"): the written form is an alias."""
    named = set()
    for text in (
        "Britain will lead the new force in Kabul. Some 300 British soldiers arrive today.",
        "The United Kingdom will lead the new force in Kabul.",
    ):
        enrichment = enrich(nlp(text), date(2024, 6, 19))
        named |= {(r.entity_id, r.name) for r in enrichment.entities if r.country == "GBR"}
    assert len(named) == 1, named


def test_a_country_keeps_the_dictionary_name_where_the_article_writes_it(nlp):
    doc = nlp("The United States sent envoys. US officials met the Pakistani president today.")
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities if r.type == "GPE"}
    assert "United States" in names, names
    assert "US" not in names, names


def test_an_unknown_name_the_model_tags_a_person_after_a_locative_is_a_place(nlp):
    # "Wirrabilla" is no town the gazetteer knows; the parse uses it as a place
    doc = nlp("Crews battled the fire near Wirrabilla overnight, the fire service said.")
    index = next(t.i for t in doc if t.text == "Wirrabilla")
    spans = [e for e in doc.ents if not (e.start <= index < e.end)]
    spans.append(Span(doc, index, index + 1, "PERSON"))
    doc.ents = sorted(spans, key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Wirrabilla") == "LOC", types


def test_a_state_the_model_tags_an_organisation_is_the_place(nlp):
    doc = nlp("Rain fell across Queensland, while Tasmania remained dry on Sunday.")
    index = next(t.i for t in doc if t.text == "Tasmania")
    spans = [e for e in doc.ents if not (e.start <= index < e.end)]
    spans.append(Span(doc, index, index + 1, "ORG"))
    doc.ents = sorted(spans, key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Tasmania") == "GPE", types


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Senior Sergeant Anna Kowalczyk said the car was found abandoned.", "Anna Kowalczyk"),
        ("Coroner Peter Lindqvist found the death was accidental.", "Peter Lindqvist"),
    ],
)
def test_a_rank_or_office_spelled_out_before_a_name_is_no_part_of_it(nlp, text, name):
    doc = nlp(text)
    words = name.split()
    first = next(t.i for t in doc if t.text == words[0])
    # the model's span takes the title in: "Senior Sergeant Anna Kowalczyk"
    spans = [e for e in doc.ents if e.start >= first + len(words)]
    spans.append(Span(doc, 0, first + len(words), "PERSON"))
    doc.ents = sorted(spans, key=lambda span: span.start)
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities if r.type == "PERSON"}
    assert name in names, names


def test_a_facility_that_speaks_is_the_organisation_seated_there(nlp):
    doc = nlp("The Kremlin Palace said it would reply. Guards stood outside the Kremlin Palace.")
    spans = [e for e in doc.ents if "Kremlin" not in e.text]
    starts = [t.i for t in doc if t.text == "Kremlin"]
    spans += [Span(doc, i, i + 2, "FAC") for i in starts]
    doc.ents = sorted(spans, key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Kremlin Palace") == "ORG", types


# Round 17 (sides of events): each sentence is invented; (text, an expected row, a row that
# must not be coded), rows as (type, actor country, recipient country).
ROUND17_SIDES = [
    pytest.param(
        # a call phrase the parser hangs on what is said belongs to whoever says it
        "Chancellor Olaf Scholz said Pedro Sanchez remained a reliable partner for Germany, "
        "in separate calls with the Spanish prime minister and the Moroccan king.",
        ("CONSULT", "DEU", "MAR"),
        ("CONSULT", "ESP", "MAR"),
        id="call-framing-the-said",
    ),
    pytest.param(
        # members of a body named by it ("the EU member states") act for the body, which has
        # no country; not for a country the sentence names elsewhere
        "Foreign ministers from the 27 European Union member states held talks in Brussels "
        "with Ukrainian President Volodymyr Zelensky.",
        ("CONSULT", None, "UKR"),
        ("CONSULT", "UKR", "UKR"),
        id="member-states-of-a-body",
    ),
    pytest.param(
        # people "from" a list of countries: each country takes part, one row each
        "Trade ministers from Kenya, Ghana and Peru will meet in Geneva next week.",
        ("CONSULT", "PER", None),
        ("CONSULT", "CHE", None),
        id="ministers-from-a-list-of-countries",
    ),
    pytest.param(
        # a promise in a that-clause is made to the partner of the promised act
        "Chinese Premier Li Qiang pledged that China was ready to cooperate with the Brazilian "
        "government.",
        ("AGREE", "CHN", "BRA"),
        ("AGREE", "CHN", None),
        id="promise-in-a-that-clause",
    ),
    pytest.param(
        # a deployment that names no destination goes where the sentence places it, as a
        # visit does
        "Announcing the Canadian deployment, Defence Minister Anita Anand said the tensions "
        "in Latvia were growing.",
        ("MOBILIZE", "CAN", "LVA"),
        ("MOBILIZE", "CAN", None),
        id="deployment-placed-by-its-sentence",
    ),
    pytest.param(
        # a town compounded before a strike is where it fell, not who struck
        "Three people were killed in the Kharkiv strikes, Ukrainian officials said.",
        ("ASSAULT", None, "UKR"),
        ("ASSAULT", "UKR", "UKR"),
        id="town-struck-not-striker",
    ),
    pytest.param(
        # "they" heading a clause is the plural party that headed the sentence before
        "Five Syrian soldiers crossed the border at dawn. They were killed by Turkish drones "
        "an hour later.",
        ("ASSAULT", "TUR", "SYR"),
        ("ASSAULT", "TUR", None),
        id="they-after-a-plural-subject",
    ),
    pytest.param(
        # what is done to a vehicle is done to the people it carries
        "Gunmen attacked a bus carrying Pakistani pilgrims near the border.",
        ("ASSAULT", None, "PAK"),
        ("ASSAULT", None, None),
        id="vehicle-carrying-people",
    ),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), ROUND17_SIDES)
def test_round17_event_sides(nlp, text, wanted, unwanted):
    coded = _events(nlp, text)
    assert wanted in coded, coded
    assert unwanted not in coded, coded


def test_a_place_the_gazetteer_lacks_lies_in_the_country_that_owns_it(nlp):
    # "Yemen's northern Bazrah province": the possessor places it, not the story's country,
    # and the villagers killed there are that country's
    text = (
        "American officials said twelve villagers were killed in raids by American jets in "
        "Yemen's northern Bazrah province."
    )
    assert _entities(nlp, text)["Bazrah"] == "YEM"  # "province" is no part of the name
    assert ("ASSAULT", "USA", "YEM") in _events(nlp, text)


def test_an_event_noun_inside_another_events_phrase_does_not_borrow_its_sides(nlp):
    # "the scene of last week's ambush" is a place the shelling names, not the shelling told
    # again: the ambush, naming no side of its own, is not coded with the shelling's sides
    text = "Turkish troops shelled Afrin, a Syrian town close to the scene of last week's ambush."
    triggers = [e.trigger for e in enrich(nlp(text), date(2024, 6, 19)).events]
    assert "shelled" in triggers and "ambush" not in triggers, triggers


# Round 17 (bench/labels/lee part A): more ways the entity layer places people, bodies and
# places; (text, {entity name: country it must have, None for no country})
ROUND17_COUNTRIES = {
    "an area the gazetteer lacks, used as a place, lies where its sentence's places are": (
        "Fishing boats sank in the Tallis Strait off Hobart, Tasmania, and two more in the "
        "Tallis Sea.",
        {"Tallis Strait": "AUS", "Tallis Sea": None},
    ),
    "an area's own in-phrase places it": (
        "Pakistan says the rebels may have died in the bombing of the Zarin Mountains in "
        "eastern Afghanistan.",
        {"Zarin Mountains": "AFG"},
    ),
    "a country before 'border' or a nationality of people places nothing in its sentence": (
        "Police are escorting two Swiss tourists to a central Australian community after "
        "their car sank in the Zarin River. Fighters hid in the mountains around Zarin Ghar, "
        "near an Afghan village on the Pakistan border.",
        {"Zarin River": "AUS", "Zarin Ghar": "AFG"},
    ),
    "a facility of a story that names one place once lies in that place's country": (
        "Police say a car was stolen from a shopping centre in Bendigo. The boy inside was "
        "left on Kerrin Street, and police chased the thief along the Marrow Highway.",
        {"Kerrin Street": "AUS", "Marrow Highway": "AUS"},
    ),
    "a town of a story that names no place takes a nationality in an organisation's name": (
        "Rescuers are driving two tourists to the Marrabool community, the Australian Search "
        "and Rescue Service said.",
        {"Marrabool": "AUS"},
    ),
    "an area of a story that names one place once lies in that place's country": (
        "Two canoeists drowned in the Tarrow River last year. A court in Switzerland has "
        "heard the case against their guides.",
        {"Tarrow River": "CHE"},
    ),
    "a body of members with 'Sports' in its name is no outlet and keeps its country": (
        "The Irish Confederation of Motor Sports said the rally would go ahead.",
        {"Irish Confederation of Motor Sports": "IRL"},
    ),
    "a name set beside the object of a role's 'to' phrase takes the role's country": (
        "The talks were arranged by the British special envoy to the Middle East, Tom Hale.",
        {"Tom Hale": "GBR"},
    ),
    "a name in apposition after an office's title holds that office": (
        "Prices rose sharply in Perth. The coroner, Alan Fitch, said the crash was avoidable, "
        "and the president of the union, Ray Dunn, agreed.",
        {"Alan Fitch": "AUS", "Ray Dunn": None},
    ),
    "a story that names no place names its state by a state body its name places": (
        "The Health Minister, Jan Rowley, says the Australian Government will fund two new "
        "hospitals.",
        {"Jan Rowley": "AUS"},
    ),
    "a company of a story that names no place takes the state a state body's name gives": (
        "The Australian Government says the Kestrel Corporation must pay for the clean-up.",
        {"Kestrel Corporation": "AUS"},
    ),
    "an organisation named by a nationality names the state of a story that names no place": (
        "The Australian Nurses Federation says the Kestrel Corporation must pay its staff.",
        {"Kestrel Corporation": "AUS"},
    ),
    "an unplaced facility lies where the story puts things, not in the country named most": (
        "US planes bombed the Kolgar Dam near Jalalabad. US officials said US jets will "
        "return. Fighting continued in Kandahar, and the Kolgar Dam was hit again.",
        {"Kolgar Dam": "AFG"},
    ),
}


@pytest.mark.parametrize("mechanism", ROUND17_COUNTRIES)
def test_round17_entity_countries(nlp, mechanism):
    text, expected = ROUND17_COUNTRIES[mechanism]
    found = _entities(nlp, text)
    for name, country in expected.items():
        assert found.get(name) == country, (name, found)


def _forced(nlp, text, *forced):
    """The doc of `text` with the model's entities where `forced` (name, label) spans are
    not, and those spans: the model's mistake reproduced whatever this model version does."""
    doc = nlp(text)
    spans = []
    for name, label in forced:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label))
    taken = {i for span in spans for i in range(span.start, span.end)}
    spans += [e for e in doc.ents if not taken & set(range(e.start, e.end))]
    doc.ents = sorted(spans, key=lambda span: span.start)
    return doc


def test_a_span_run_into_a_bracket_it_never_closes_is_the_name_before_it(nlp):
    # a list line "Estonia (Pool K): Fourth appearance" tagged "Estonia (Pool K" as one name
    doc = _forced(nlp, "Estonia (Pool K): Fourth appearance\n", ("Estonia (Pool K", "ORG"))
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Estonia") == "GPE", types
    assert not any("(" in name for name in types), types


def test_a_results_line_names_two_teams_either_side_of_d(nlp):
    # "d." (defeated) between two school teams; the model took the line for one person
    doc = _forced(nlp, "Lakeside d. Northgate 3-1\n", ("Lakeside d. Northgate", "PERSON"))
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Lakeside") == "ORG" and types.get("Northgate") == "ORG", types


@pytest.mark.parametrize("record", ["2-5", "1-1-1", "NR"])
def test_a_name_before_a_win_loss_record_is_a_team(nlp, record):
    text = f"Northgate ({record}): Ana Ruiz 9 points."
    doc = _forced(nlp, text, ("Northgate", "PERSON"))
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Northgate") == "ORG", types


@pytest.mark.parametrize("label", ["Pool K", "Phase II", "Tier C"])
def test_a_label_of_a_part_of_a_draw_or_a_list_is_no_entity(nlp, label):
    doc = _forced(nlp, f"Norway will play in {label} next spring.", (label, "ORG"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert label not in names, names


def test_a_line_that_lists_names_is_no_related_link(nlp):
    # a one-line Title Case paragraph is taken for a related link and left out; one that
    # lists three or more short names is the story's own list
    text = (
        "The draw for the playoffs was made on Friday.\n\n"
        "Pool B: Chile, Peru, Bolivia, Cuba\n\n"
        "The winners of each pool qualify for the final round."
    )
    names = {r.name for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert {"Chile", "Peru", "Bolivia", "Cuba"} <= names, names


def test_a_name_split_from_a_list_is_tested_as_a_thing_on_its_own(nlp):
    # "Vega Heavy and Lyra" splits in two; "its Lyra vehicle" makes Lyra a product
    text = (
        "Orbix chose the Vega Heavy and Lyra for the flights. The Vega Heavy flew in May. "
        "Kestrel Aerospace built its Lyra vehicle in Texas."
    )
    doc = _forced(nlp, text, ("Vega Heavy and Lyra", "ORG"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Lyra" not in names and "Vega Heavy and Lyra" not in names, names


@pytest.mark.parametrize("head", ["platform", "concept"])
def test_a_name_before_a_product_head_noun_is_a_product(nlp, head):
    text = f"Nexa Motors said Quorra would carry five cars. Each car uses the Quorra {head}."
    doc = _forced(nlp, text, ("Quorra", "ORG"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Quorra" not in names, names


def test_a_picture_credit_line_gives_no_entity(nlp):
    text = "The comet passed close to the Sun last week.\n\n(Image credit: Zorblax Media)\n"
    doc = _forced(nlp, text, ("Zorblax Media", "ORG"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Zorblax Media" not in names, names


@pytest.mark.parametrize(
    "name", ["Tollan Observatory", "Vesper Space Telescope", "Harlow Assembly Facility"]
)
def test_an_observatory_a_telescope_or_a_facility_is_a_facility(nlp, name):
    doc = _forced(nlp, f"Astronomers used the {name} to watch the comet.", (name, "ORG"))
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get(name) == "FAC", types


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fans filled the arena for the Corvane Cup Finals on Sunday.", "Corvane Cup Finals"),
        ("She reached two Velmora Slam tournaments last year.", "Velmora Slam"),
    ],
)
def test_an_event_the_model_tags_an_organisation_is_no_entity(nlp, text, name):
    doc = _forced(nlp, text, (name, "ORG"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert name not in names, names


def test_a_name_opening_a_box_score_item_is_a_player_whatever_the_model_tagged(nlp):
    # surnames alone, an initial, a hyphenated and an inner-capital name before "N points":
    # the model leaves most of a box score untagged or tags half a name
    text = (
        "Lakeside (2-0): Vantorre 21 points. Orlish-Benn 8 points. T. Quillan 4 points. "
        "RJ DeMarco 2 assists."
    )
    people = {r.name for r in enrich(nlp(text), date(2024, 6, 19)).entities if r.type == "PERSON"}
    assert {"Vantorre", "Orlish-Benn", "T. Quillan", "RJ DeMarco"} <= people, people


def test_the_teams_of_a_results_box_are_organisations_tagged_or_not(nlp):
    text = (
        "GIRLS SOCCER\n\nBrookhaven d. Orchard Ridge 2-1\n\n"
        "Orchard Ridge (3-2): Mara Quell 1 goal.\n"
    )
    types = {r.name: r.type for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert types.get("Brookhaven") == "ORG" and types.get("Orchard Ridge") == "ORG", types


def test_a_job_s_function_word_is_no_part_of_the_organisation_before_it(nlp):
    text = "Korvath Project Manager Ilse Brandt said the car would be sold in 2026."
    doc = _forced(nlp, text, ("Korvath Project", "ORG"), ("Ilse Brandt", "PERSON"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Korvath" in names and "Korvath Project" not in names, names


def test_a_brand_before_its_models_stays_the_maker(nlp):
    text = "Korvath said it sells all Korvath models in Chile. Korvath was founded in 1950."
    doc = _forced(nlp, text, ("Korvath", "ORG"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Korvath" in names, names


def test_a_name_ending_in_a_kind_of_vehicle_and_its_acronym_are_no_entities(nlp):
    text = (
        "Drava Motors showed the Vela 300 Roadster in Paris. Its rocket partner flies the "
        "Kestrel Upper Stage (KUS) next year, and the KUS will carry two satellites."
    )
    doc = _forced(
        nlp, text, ("Vela 300 Roadster", "ORG"), ("Kestrel Upper Stage", "ORG"), ("KUS", "ORG")
    )
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert not {"Vela 300 Roadster", "Kestrel Upper Stage", "KUS"} & names, names


def test_untagged_names_in_a_list_with_an_organisation_are_organisations(nlp):
    text = "Start-ups such as Pelvo, Zandri, Quillex and Brightwave Labs now offer free accounts."
    doc = _forced(nlp, text, ("Brightwave Labs", "ORG"))
    spans = [e for e in doc.ents if e.text in {"Brightwave Labs"}]
    doc.ents = spans  # the model's miss of the others, whatever this version tags
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert all(types.get(n) == "ORG" for n in ("Pelvo", "Zandri", "Quillex")), types


def test_a_name_in_a_list_of_towns_the_gazetteer_knows_is_a_town(nlp):
    text = "Storms damaged Bankstown, Hurstville and Liverpool overnight, the council said."
    doc = nlp(text)
    start = text.index("Hurstville")
    tagged = doc.char_span(start, start + len("Hurstville"), "ORG")
    spans = [e for e in doc.ents if e.text != "Hurstville"] + [tagged]
    doc.ents = sorted(spans, key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Hurstville") == "GPE", types


def test_a_span_run_over_a_list_headed_by_a_known_town_is_split(nlp):
    text = "Crews worked overnight around Hornsby, Turramurra and Epping."
    doc = nlp(text)
    start = text.index("Hornsby")
    listed = doc.char_span(start, text.index(" and"), "FAC")
    spans = [e for e in doc.ents if not (e.start < listed.end and listed.start < e.end)]
    doc.ents = sorted([*spans, listed], key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Hornsby") == "GPE" and "Turramurra" in types, types


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The ferry from Perth to Rottnest was cancelled on Sunday.", "Rottnest", "ORG"),
        ("Flights between Perth and Broome resumed on Sunday.", "Broome", "PERSON"),
        ("Crews reopened the Perth to Kalbarri road on Sunday.", "Kalbarri", "PERSON"),
    ],
)
def test_a_name_at_one_end_of_a_route_to_a_place_is_a_place(nlp, text, name, label):
    doc = nlp(text)
    start = text.index(name)
    tagged = doc.char_span(start, start + len(name), label)
    spans = [e for e in doc.ents if not (e.start < tagged.end and tagged.start < e.end)]
    perth = text.index("Perth")
    spans = [e for e in spans if e.text != "Perth"] + [doc.char_span(perth, perth + 5, "GPE")]
    doc.ents = sorted([*spans, tagged], key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get(name) == "GPE", types


def test_an_organisation_tagged_name_near_which_things_happen_is_a_place(nlp):
    text = "Two trucks were hit near Wazakhwa on Sunday, officials said."
    doc = nlp(text)
    start = text.index("Wazakhwa")
    tagged = doc.char_span(start, start + len("Wazakhwa"), "ORG")
    spans = [e for e in doc.ents if not (e.start < tagged.end and tagged.start < e.end)]
    doc.ents = sorted([*spans, tagged], key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Wazakhwa") == "GPE", types


def test_an_organisation_that_also_acts_stays_one_where_it_is_placed(nlp):
    doc = nlp("Staff at Brambles say Brambles will cut jobs.")
    doc.ents = [Span(doc, t.i, t.i + 1, "ORG") for t in doc if t.text == "Brambles"]
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Brambles") == "ORG", types


@pytest.mark.parametrize(
    "text",
    [
        "Jobs will go at the budget carrier Skyjet, the union said on Monday.",
        "The Skyjet board met on Monday to discuss the offer.",
        "Skyjet's Mary Tobin says the talks failed on Monday.",
    ],
)
def test_a_name_the_text_makes_a_company_is_an_organisation(nlp, text):
    doc = nlp(text)
    start = text.index("Skyjet")
    tagged = doc.char_span(start, start + len("Skyjet"), "PERSON")
    spans = [e for e in doc.ents if not (e.start < tagged.end and tagged.start < e.end)]
    doc.ents = sorted([*spans, tagged], key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Skyjet") == "ORG", types


def test_a_lowercase_kind_of_place_after_a_places_name_is_no_part_of_it(nlp):
    text = "Gunmen attacked a convoy in Zabul province on Sunday."
    doc = nlp(text)
    start = text.index("Zabul")
    tagged = doc.char_span(start, start + len("Zabul province"), "GPE")
    spans = [e for e in doc.ents if not (e.start < tagged.end and tagged.start < e.end)]
    doc.ents = sorted([*spans, tagged], key=lambda span: span.start)
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Zabul" in names and "Zabul province" not in names, names


def test_the_palestinian_territories_are_places_of_their_own_in_palestine(nlp):
    doc = nlp("Soldiers raided homes in the West Bank and Gaza on Sunday, Palestine said.")
    found = {r.name: (r.type, r.country) for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found.get("West Bank") == ("GPE", "PSE"), found
    assert found.get("Gaza") == ("GPE", "PSE") and "Palestine" in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The first Test in Adelaide starts tomorrow.",
        "Fares were cut on flights to Sydney, Brisbane, Adelaide and Perth.",
    ],
)
def test_a_known_city_the_model_leaves_untagged_is_a_place_where_used_as_one(nlp, text):
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if e.text != "Adelaide" and "Adelaide" not in e.text]
    found = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert found.get("Adelaide") == "GPE", found


def test_a_capitalised_sentence_opening_is_not_taken_for_a_town(nlp):
    doc = nlp("Split starts are good for the big boats, he said.")
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Split" not in names, names


def test_a_name_modifying_a_noun_of_terrain_is_a_place(nlp):
    text = "Troops searched the Zhawar Kili battleground for weapons on Sunday."
    doc = nlp(text)
    start = text.index("Zhawar")
    tagged = doc.char_span(start, start + len("Zhawar Kili"), "PERSON")
    spans = [e for e in doc.ents if not (e.start < tagged.end and tagged.start < e.end)]
    doc.ents = sorted([*spans, tagged], key=lambda span: span.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Zhawar Kili") == "LOC", types


@pytest.mark.parametrize(
    ("text", "name", "tagged", "expected"),
    [
        ("Fire crews reached the Royal National Park on Sunday.", "Royal National Park",
         "Royal National Park", "Royal National Park"),
        ("Pirates attacked a yacht on the Orinoco river on Sunday.", "Orinoco",
         "Orinoco", "Orinoco river"),
    ],
)  # fmt: skip
def test_a_name_ending_in_a_land_or_water_feature_is_that_place(nlp, text, name, tagged, expected):
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(tagged), "ORG")
    spans = [e for e in doc.ents if not (e.start < span.end and span.start < e.end)]
    doc.ents = sorted([*spans, span], key=lambda s: s.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get(expected) == "LOC", types


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        ("Mary Tobin of Wagin says the storm woke her at midnight.", "Mary Tobin of Wagin",
         "Mary Tobin"),
        ("Counsel Peter Lane QC told the inquiry the fences were too low.", "Peter Lane QC",
         "Peter Lane"),
        ("The Duke of Edinburgh visited the town.", "Duke of Edinburgh", "Duke of Edinburgh"),
    ],
)  # fmt: skip
def test_a_persons_home_or_postnominal_letters_are_no_part_of_the_name(nlp, text, tagged, expected):
    doc = nlp(text)
    start = text.index(tagged)
    span = doc.char_span(start, start + len(tagged), "PERSON")
    spans = [e for e in doc.ents if not (e.start < span.end and span.start < e.end)]
    doc.ents = sorted([*spans, span], key=lambda s: s.start)
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities if r.type == "PERSON"}
    assert names == {expected}, names


def test_a_name_listed_with_a_persons_full_name_is_a_person(nlp):
    text = "The bowlers Tomas Vrbka and Peter Hollis frustrated the home side for two hours."
    doc = nlp(text)
    first = text.index("Tomas Vrbka")
    second = text.index("Peter Hollis")
    spans = [
        doc.char_span(first, first + len("Tomas Vrbka"), "ORG"),
        doc.char_span(second, second + len("Peter Hollis"), "PERSON"),
    ]
    doc.ents = spans
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Tomas Vrbka") == "PERSON", types


def test_a_town_before_a_lowercase_noun_in_an_organisations_span_is_the_town(nlp):
    text = "Parents complained about abuse at the Toowoomba school in 1990."
    doc = nlp(text)
    start = text.index("Toowoomba")
    span = doc.char_span(start, start + len("Toowoomba school"), "ORG")
    spans = [e for e in doc.ents if not (e.start < span.end and span.start < e.end)]
    doc.ents = sorted([*spans, span], key=lambda s: s.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Toowoomba") == "GPE" and "Toowoomba school" not in types, types


@pytest.mark.parametrize(
    "text",
    [
        "Residents fled to nearby Wombeyan on Sunday.",
        "Lightning sparked new fires above Wombeyan on Sunday.",
    ],
)
def test_a_person_tagged_name_nearby_or_above_which_things_happen_is_a_place(nlp, text):
    doc = nlp(text)
    start = text.index("Wombeyan")
    span = doc.char_span(start, start + len("Wombeyan"), "PERSON")
    spans = [e for e in doc.ents if not (e.start < span.end and span.start < e.end)]
    doc.ents = sorted([*spans, span], key=lambda s: s.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Wombeyan") == "LOC", types


def test_a_centre_of_shops_or_trade_is_a_building(nlp):
    text = "Police closed the Eastgate Shopping Centre on Sunday."
    doc = nlp(text)
    start = text.index("Eastgate")
    span = doc.char_span(start, start + len("Eastgate Shopping Centre"), "ORG")
    spans = [e for e in doc.ents if not (e.start < span.end and span.start < e.end)]
    doc.ents = sorted([*spans, span], key=lambda s: s.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Eastgate Shopping Centre") == "FAC", types


def test_a_two_word_name_after_a_business_noun_is_a_company(nlp):
    doc = nlp("Her sponsor, the PR company Bleu Nord, confirmed it on Monday.")
    start = doc.text.index("Bleu Nord")
    doc.ents = [doc.char_span(start, start + len("Bleu Nord"), "PERSON")]
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Bleu Nord") == "ORG", types


def test_a_name_after_of_and_a_noun_of_terrain_is_a_place(nlp):
    text = "The fighters fled into the forests of Kalar Ghar after the raid."
    doc = nlp(text)
    start = text.index("Kalar")
    span = doc.char_span(start, start + len("Kalar Ghar"), "PERSON")
    spans = [e for e in doc.ents if not (e.start < span.end and span.start < e.end)]
    doc.ents = sorted([*spans, span], key=lambda s: s.start)
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Kalar Ghar") == "LOC", types


# -- round 17b ----------------------------------------------------------------------------------
# test_a_portfolio_before_or_after_an_office_is_no_organisation
# test_a_country_opening_a_portfolio_stays_and_places_the_holder
# test_a_countrys_government_named_by_its_people_is_the_country
# test_an_organisation_tagged_name_a_direction_or_a_seat_reaches_is_a_place
# test_an_untagged_place_name_of_several_words_is_a_place


@pytest.mark.parametrize(
    ("text", "portfolio"),
    [
        ("Fisheries Minister Tom Avery opened the new port on Friday.", "Fisheries"),
        ("The minister for Fisheries, Tom Avery, opened the new port on Friday.", "Fisheries"),
        ("The party's spokeswoman on Water Resources, Ann Lusk, criticised it.", "Water Resources"),
    ],
)
def test_a_portfolio_before_or_after_an_office_is_no_organisation(nlp, text, portfolio):
    doc = _forced(nlp, text, (portfolio, "ORG"))
    names = {r.name for r in enrich(doc, date(2024, 6, 19)).entities}
    assert portfolio not in names, names


def test_a_country_opening_a_portfolio_stays_and_places_the_holder(nlp):
    text = "British Fisheries Secretary Tom Avery opened the new port on Friday."
    doc = _forced(nlp, text, ("British Fisheries", "ORG"))
    records = {r.name: r for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "British Fisheries" not in records, records
    assert records["Tom Avery"].country == "GBR", records


def test_a_countrys_government_named_by_its_people_is_the_country(nlp):
    doc = nlp("The Chilean Government closed the border on Monday, and Chile sent troops.")
    records = {r.name: r for r in enrich(doc, date(2024, 6, 19)).entities}
    assert "Chilean Government" not in records, records
    assert records["Chile"].country == "CHL", records


# round 17b


def test_a_person_of_a_small_town_lives_in_the_storys_country(nlp):
    text = (
        "Storms hit Queensland on Monday. Local grazier Ian Cobb of Longreach says the rain "
        "came too late for Queensland farms."
    )
    countries = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert countries.get("Ian Cobb") == "AUS", countries


@pytest.mark.parametrize(
    "text",
    [
        "The storm moved along the coast and then west to Kalbarra overnight.",
        "The Member for Kalbarra says the bill will not pass the lower house.",
    ],
)
def test_an_organisation_tagged_name_a_direction_or_a_seat_reaches_is_a_place(nlp, text):
    doc = _forced(nlp, text, ("Kalbarra", "ORG"))
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("Kalbarra") == "GPE", types


@pytest.mark.parametrize(
    "text",
    [
        "Volunteer crews fought grass fires in New South Wales overnight.",
        "The storm damaged boats off the New South Wales coast overnight.",
    ],
)
def test_an_untagged_place_name_of_several_words_is_a_place(nlp, text):
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if "Wales" not in e.text]  # the model's miss, reproduced
    types = {r.name: r.type for r in enrich(doc, date(2024, 6, 19)).entities}
    assert types.get("New South Wales") == "GPE", types


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rain fell in Brisbane and Sydney overnight. Volunteers drove up from Victoria "
        "to help.",
        "Farmers in Queensland and Victoria say the drought is far from over.",
    ],
)
def test_a_place_the_gazetteer_knows_only_abroad_lies_where_the_places_beside_it_do(nlp, text):
    countries = {r.name: r.country for r in enrich(nlp(text), date(2024, 6, 19)).entities}
    assert countries.get("Victoria") == "AUS", countries


def test_a_facility_named_after_a_town_of_a_country_the_story_names_lies_there(nlp):
    text = (
        "Australia beat New Zealand at the Bendigo Oval on Saturday. New Zealand's coach "
        "said Australia had earned it and New Zealand would be back."
    )
    doc = nlp(text)
    start = text.index("Bendigo")
    span = doc.char_span(start, start + len("Bendigo Oval"), "FAC")
    spans = [e for e in doc.ents if not (e.start < span.end and span.start < e.end)]
    doc.ents = sorted([*spans, span], key=lambda s: s.start)
    countries = {r.name: r.country for r in enrich(doc, date(2024, 6, 19)).entities}
    assert countries.get("Bendigo Oval") == "AUS", countries


# --- round 18 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Floods in Sindh displaced thousands of families this week.", "Sindh", "PAK"),
        ("Cartels in Sinaloa and Jalisco moved the drugs north, police said.", "Jalisco", "MEX"),
    ],
)
def test_a_first_level_division_of_a_country_lies_in_it(nlp, text, name, country):
    # ISO 3166-2's first-level divisions (states, provinces, territories) of every country,
    # which neither the hand table, GeoNames' cities nor the Phoenix lists hold
    assert _entities(nlp, text)[name] == country


def test_a_town_named_by_a_common_word_and_known_by_no_other_name_places_nothing(nlp):
    # "Commonwealth" is also a district of Quezon City in GeoNames, by no other name
    found = _entities(nlp, "The Commonwealth suspended the country after the coup.")
    assert found["Commonwealth"] != "PHL"


def test_an_international_body_listed_only_after_the_keeps_no_country(nlp):
    # Phoenix lists the EU as "THE_EU"; news writes "EU leaders"
    found = _entities(nlp, "EU leaders met in Paris on Friday to discuss the budget.")
    assert found["EU"] is None


def test_a_player_a_national_sides_clause_names_as_its_own_plays_for_it(nlp):
    # a national side's players carry its country (tests/gold/README.md); its opponents do not
    text = (
        "The Kenyans made 310 in the cricket Test at Nairobi with centuries from Tom Ainsley "
        "and Joel Mwangi. The spinner and the bowlers took six wickets."
    )
    found = _entities(nlp, text)
    assert found["Tom Ainsley"] == "KEN", found
    assert found["Joel Mwangi"] == "KEN", found


def test_a_nation_that_deals_with_a_person_gives_no_country_outside_games(nlp):
    found = _entities(nlp, "Kenya signed a trade deal with Tom Ainsley on Friday in Nairobi.")
    assert found.get("Tom Ainsley") is None, found


def test_an_office_in_a_story_of_no_place_takes_a_known_office_holders_state(nlp):
    # no place nor nationality in the text; the actor dictionary places Downer's office
    found = _entities(
        nlp,
        "Senator Jane Holt says the camps will stay open. Foreign Minister Alexander Downer "
        "agrees with her.",
    )
    assert found["Jane Holt"] == "AUS", found


def test_an_unqualified_office_is_of_the_government_the_text_names_not_the_scene(nlp):
    # the story's places are Afghan, the government body it names twice is American
    found = _entities(
        nlp,
        "The Pentagon says the search of caves in Afghanistan continues. Deputy Defence "
        "Secretary Jane Roe says the campaign may go beyond Afghanistan. The Pentagon says "
        "fighters in Afghanistan have left Kandahar.",
    )
    assert found["Jane Roe"] == "USA", found


# --- round 18: event types ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rebels murdered two Kenyan soldiers near the border on Monday.", "ASSAULT"),
        ("Russia announced the pullout of its troops from Syria.", "RETREAT"),
    ],
)
def test_a_synonym_of_a_listed_trigger_codes_the_same_type(nlp, text, kind):
    # "murder" is a verb of CAMEO's KILL block (190) as "kill" is; "pullout" says what
    # "withdrawal" says
    assert kind in {t for t, _, _ in _events(nlp, text)}


def test_a_verb_coordinated_with_a_threatened_act_is_threatened_too(nlp):
    # "threatened to attack and kill": the killing is what is threatened, not an attack told
    found = _events(nlp, "Iran threatened to attack and kill American soldiers in Iraq.")
    assert "ASSAULT" not in {t for t, _, _ in found}, found


def test_a_noun_a_product_name_qualifies_is_a_thing_not_an_event(nlp):
    # "the Galileo probe" is a spacecraft, not an investigation (the model tags "Galileo" a
    # PRODUCT)
    found = _events(nlp, "NASA's Galileo probe recorded a sharp rise in dust near Io in 1996.")
    assert "ACCUSE" not in {t for t, _, _ in found}, found


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan President Jane Moraa put Tom Ainsley in charge after the escape.",
        "Tom Ainsley was appointed by Kenyan President Jane Moraa after the escape.",
        "Kenya appointed Tom Ainsley as its envoy on Monday.",
    ],
)
def test_a_person_a_states_office_holder_appoints_holds_a_post_of_that_state(nlp, text):
    assert _entities(nlp, text)["Tom Ainsley"] == "KEN"


def test_a_person_a_company_chief_fires_gets_no_state_from_it(nlp):
    found = _entities(nlp, "Zorblax Corporation chief Jane Moraa fired Tom Ainsley in Nairobi.")
    assert found.get("Tom Ainsley") is None, found


@pytest.mark.parametrize(
    "text",
    [
        "Nurses in Kenya went on strike on Monday over unpaid wages.",
        "French rail workers are striking for a third day.",
        "Unions in Britain said industrial action would close the ports next week.",
    ],
)
def test_a_stoppage_of_work_is_a_protest(nlp, text):
    # a labour strike is CAMEO 143 (conduct strike or boycott), PLOVER PROTEST
    assert "PROTEST" in {t for t, _, _ in _events(nlp, text)}


def test_a_military_strike_is_still_an_assault(nlp):
    found = {t for t, _, _ in _events(nlp, "Russian troops struck Kharkiv overnight.")}
    assert "ASSAULT" in found and "PROTEST" not in found, found


def test_struck_by_something_that_is_no_weapon_or_party_is_no_blow(nlp):
    # "struck by the unpredictability": a figure of speech; "struck by a rocket" stays a blow
    text = "Australian officials said they were struck by the unpredictability of the storm."
    assert "ASSAULT" not in {t for t, _, _ in _events(nlp, text)}
    rocket = _events(nlp, "An Israeli police post was struck by a rocket from Gaza.")
    assert "ASSAULT" in {t for t, _, _ in rocket}, rocket


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Russia conceded the disputed islands to Japan after the talks.", "CONCEDE"),
        ("China faulted Japan for the collapse of the talks.", "ACCUSE"),
    ],
)
def test_a_cameo_verb_with_a_code_of_its_own_is_read(nlp, text, kind):
    # CAMEO.2.0.txt writes some verbs with their own code ("CONCEDE [080]", "FAULT" under
    # BLAME [112]); the build read only bare verb lines and dropped these
    assert kind in {t for t, _, _ in _events(nlp, text)}


def test_criticism_someone_named_faces_needs_no_named_critic(nlp):
    # the subject of get/draw/face a judgement is its target; the source may go unnamed, as
    # with a passive verb ("was criticised")
    found = _events(nlp, "Canada has faced sharp criticism over its mining policy.")
    assert ("ACCUSE", None, "CAN") in found, found


def test_criticism_of_someone_named_needs_no_named_critic(nlp):
    found = _events(nlp, "The minister rejected criticism of Canada's mining policy.")
    assert ("ACCUSE", None, "CAN") in found, found


# round 18


def test_a_bare_group_name_listed_for_groups_of_several_countries_takes_the_texts(nlp):
    # the actor dictionary lists "Islamic Jihad" as an alias of Hezbollah (LBN) and also
    # "Palestinian Islamic Jihad", "Turkish Islamic Jihad": in a story about Palestinians
    # the bare name is the Palestinian group
    found = _entities(
        nlp,
        "Palestinian police arrested two members of Islamic Jihad in Gaza on Monday. The "
        "Palestinian Authority said Islamic Jihad had planned the attack.",
    )
    assert found.get("Islamic Jihad") == "PSE", found


# -- round 18 ---------------------------------------------------------------------------------
def test_a_given_name_after_an_honorific_is_part_of_the_name(nlp):
    # the model tags only the surname after "Dr Aamer"; an untagged given name between an
    # honorific and the name belongs to it
    names = _names(nlp, "Dr Aamer Haddad had been awarded a commendation at the awards in Perth.")
    assert ("Aamer Haddad", "PERSON") in names, names
    assert ("Haddad", "PERSON") not in names, names


def test_an_office_before_a_name_is_not_a_given_name(nlp):
    # a capitalised office with neither an honorific nor a place before it stays outside
    names = {
        name for name, _ in _names(nlp, "Administrator Jeff McDonald said staff were uncertain.")
    }
    assert not any(name.startswith("Administrator") for name in names), names


def test_a_stance_prefix_at_a_sentence_start_is_not_part_of_the_name(nlp):
    # "Anti-Taliban" capitalised by the sentence start names the Taliban, as the lowercase
    # "anti-Taliban" does; the fighters against it are not its actors
    enrichment = enrich(nlp("Anti-Taliban fighters have attacked the village near Kabul."))
    names = {(r.name, r.type) for r in enrichment.entities}
    assert ("Taliban", "ORG") in names, names
    taliban = next(r.entity_id for r in enrichment.entities if r.name == "Taliban")
    assert all(e.actor_entity_id != taliban for e in enrichment.events), enrichment.events


def test_a_number_word_in_title_case_ends_a_channel_name(nlp):
    names = _names(nlp, "The interview was broadcast on Channel Nine last night.")
    assert ("Channel Nine", "ORG") in names, names


def test_a_first_level_division_tagged_an_organisation_is_a_place(nlp):
    # "Northern Territory" is a division of ISO 3166-2 that the hand table of states lacks
    names = _names(nlp, "The Northern Territory's hospitals reported a quiet weekend.")
    assert ("Northern Territory", "GPE") in names, names


def test_a_two_word_name_opening_with_a_given_name_is_a_person(nlp):
    # the model tags "George Tarrant" ORG; "george" opens many people's entries of the actor
    # dictionary, and "Tarrant" is no place or organisation word
    names = _names(nlp, "Investor George Tarrant funds the group.")
    assert ("George Tarrant", "PERSON") in names, names


def test_a_place_named_after_a_person_keeps_its_place_type(nlp):
    # "Phillip" is a given name, "Island" a feature's head: the name is a place's
    names = _names(nlp, "Penguins returned to the beaches of Phillip Island last week.")
    assert not any(name == "Phillip Island" and kind == "PERSON" for name, kind in names), names


def test_a_state_named_alone_is_not_merged_into_its_government(nlp):
    # "Queensland" is a first-level division: a one-word place, not a short form of the one
    # organisation whose name holds it
    names = _names(
        nlp,
        "Crews from a Queensland fire station were sent south on Monday. "
        "The Queensland Government thanked them.",
    )
    assert ("Queensland", "GPE") in names, names
    assert ("Queensland Government", "ORG") in names, names


def test_a_statute_tagged_an_organisation_is_no_entity(nlp):
    names = _names(
        nlp, "Farmers were charged under the Native Vegetation Protection Act last year."
    )
    assert not any(name.endswith(" Act") for name, _ in names), names


def test_every_name_listed_after_a_town_noun_and_of_is_a_place(nlp):
    # "the villages of X and Y": the parse puts only X after "of"; Y, its conjunct, is a
    # village too, not the person the model tagged
    names = _names(nlp, "The army raided the villages of Beit Ummar and Halhul.")
    assert ("Halhul", "GPE") in names, names


def test_a_numbered_unit_and_the_unit_it_belongs_to_are_one_name(nlp):
    names = _names(
        nlp, "Three soldiers from the 1st Battalion, 5th Special Forces Group were wounded."
    )
    assert ("1st Battalion, 5th Special Forces Group", "ORG") in names, names
