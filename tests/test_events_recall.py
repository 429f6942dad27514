"""Recall mechanisms of the event coder (issue 13, rounds 12-17), each on made-up sentences: who
does what when the parse hides the doer behind a passive."""

from __future__ import annotations

from datetime import date

from newsflow.extractors.nlp import enrich


def _coded(nlp, text):
    return [
        (e.type, e.actor_text, e.actor_country, e.recipient_country)
        for e in enrich(nlp(text), date(2024, 6, 19)).events
    ]


def test_a_passive_joined_to_an_active_verb_is_done_to_its_subject(nlp):
    # the shared subject is the one detained, not who detained them
    coded = _coded(nlp, "Two Iranian journalists crossed into Turkey and were detained.")
    detained = [c for c in coded if c[0] == "COERCE"]
    assert detained, coded
    assert all(actor != "IRN" for _, _, actor, _ in detained), detained
    assert any(recipient == "IRN" for *_, recipient in detained), detained
    # and through a chain of passives
    text = "Pakistani police said the Afghan refugees were stopped at the border and were deported."
    coded = _coded(nlp, text)
    assert any(c[0] == "COERCE" and c[3] == "AFG" for c in coded), coded


def test_the_one_a_passive_is_done_to_does_what_it_is_blamed_for(nlp):
    coded = _coded(nlp, "The Chinese ambassador was criticised for threatening Taiwan.")
    assert ("THREATEN", "CHN", "TWN") in [(k, a, r) for k, _, a, r in coded], coded
    coded = _coded(nlp, "A Russian man convicted of attacking Ukrainian soldiers was freed.")
    assert ("ASSAULT", "RUS", "UKR") in [(k, a, r) for k, _, a, r in coded], coded
    # the one who blames is not the doer
    coded = _coded(nlp, "Ukraine accused Russia of shelling the Zaporizhzhia plant.")
    assert all(not (k == "ASSAULT" and a == "UKR") for k, _, a, _ in coded), coded


def test_a_named_investigator_acts_for_the_state_of_the_place(nlp):
    coded = _coded(nlp, "In Washington, Mueller was tasked with investigating Russian collusion.")
    assert ("ACCUSE", "Mueller", "USA", "RUS") in coded, coded


def test_the_two_standing_alone_is_the_pair_named_before_one_reciprocal_row(nlp):
    text = (
        "Kim Jong Un and Vladimir Putin met in Pyongyang. "
        "Ahead of talks between the two, Kim praised Russia."
    )
    coded = _coded(nlp, text)
    assert ("CONSULT", "PRK", "RUS") in [(k, a, r) for k, _, a, r in coded if k == "CONSULT"][1:], (
        coded
    )
    coded = _coded(
        nlp, "North Korea and Russia signed a treaty. The two agreed to deepen military ties."
    )
    agreed = [(a, r) for k, _, a, r in coded if k == "AGREE"]
    assert agreed.count(("PRK", "RUS")) == 2, coded  # the treaty and the agreeing
    assert ("PRK", None) not in agreed and ("RUS", None) not in agreed, coded
    # an act that is not mutual stays one row for each ("a charge both countries denied")
    coded = _coded(nlp, "Russia and North Korea signed a pact. Both countries denied the charge.")
    denied = {a for k, _, a, _ in coded if k == "REJECT"}
    assert denied == {"RUS", "PRK"}, coded


def test_a_bilateral_event_is_the_pair_named_before(nlp):
    text = (
        "Russian President Vladimir Putin met North Korean leader Kim Jong Un on Wednesday. "
        "Putin said a new bilateral agreement would form the basis of relations."
    )
    agreed = {(a, r) for k, _, a, r in _coded(nlp, text) if k == "AGREE"}
    assert agreed & {("RUS", "PRK"), ("PRK", "RUS")}, _coded(nlp, text)


# Round 15 (issue-13rec): events the Lee corpus's politics reports tell that the coder missed.


def _doers(nlp, text):
    """(type, actor country) of each event of the text."""
    return [(k, a) for k, _, a, _ in _coded(nlp, text)]


def test_a_placed_party_opening_or_returning_fire_attacks_whoever_it_fires_at(nlp):
    # CAMEO's "open fire" / "return fire": the act itself, aimed at a thing or at no one named
    for text, doer in (
        ("Moroccan soldiers returned fire after dark.", "MAR"),
        ("Three Chadian rebels opened fire at a supply convoy near Abeche.", "TCD"),
    ):
        assert ("ASSAULT", doer) in _doers(nlp, text), _coded(nlp, text)
    # a pronoun subject leaves the attacker to the rest of the parse (no guess from "they")
    coded = _coded(nlp, "A spokesman said they opened fire at a supply convoy.")
    assert not [c for c in coded if c[0] == "ASSAULT"], coded


def test_an_accusation_rejected_is_aimed_back_at_its_accuser(nlp):
    text = "Venezuela accused Colombia of arming rebels, but Colombia rejected the allegation."
    coded = [(k, a, r) for k, _, a, r in _coded(nlp, text)]
    assert ("REJECT", "COL", "VEN") in coded, coded
    # the next sentence still reaches back to it
    text = "Ghana blamed Togo for the raid. Togo denied the accusation on Friday."
    coded = [(k, a, r) for k, _, a, r in _coded(nlp, text)]
    assert ("REJECT", "TGO", "GHA") in coded, coded


def test_a_war_machine_fights_for_the_armed_force_named_before_it(nlp):
    text = "Egyptian tanks crossed the canal at dawn. By noon the tanks shelled rebel positions."
    assert ("ASSAULT", "EGY") in _doers(nlp, text), _coded(nlp, text)
    text = "Peruvian coastguard vessels gave chase. The patrol boats sank a smuggling trawler."
    assert ("ASSAULT", "PER") in _doers(nlp, text), _coded(nlp, text)
    # a machine with no force named before it stays unplaced
    coded = _coded(nlp, "Helicopters shelled rebel positions near the river.")
    assert not [c for c in coded if c[0] == "ASSAULT" and c[2]], coded


def test_diplomatic_downgrades_troop_build_ups_and_decrying(nlp):
    for text, coding in (
        ("Argentina downgraded its diplomatic relations with Britain.", ("SANCTION", "ARG")),
        ("Ethiopia massed troops along the Eritrean border.", ("MOBILIZE", "ETH")),
    ):
        assert coding in _doers(nlp, text), _coded(nlp, text)
    coded = _coded(nlp, "Peruvian farmers decried Chile's new water law.")
    assert ("ACCUSE", "PER", "CHL") in [(k, a, r) for k, _, a, r in coded], coded
    # downgrading a forecast is no sanction
    coded = _coded(nlp, "Brazil's central bank downgraded its growth forecast.")
    assert not [c for c in coded if c[0] == "SANCTION"], coded


def test_a_hostile_act_naming_no_target_is_aimed_at_the_other_side_of_the_conflict(nlp):
    text = (
        "Ethiopian troops killed two Eritrean soldiers. Eritrean troops shelled an Ethiopian "
        "border post. Ethiopian soldiers returned fire."
    )
    returned = [(a, r) for k, _, a, r in _coded(nlp, text) if k == "ASSAULT"][-1]
    assert returned == ("ETH", "ERI"), _coded(nlp, text)
    # one direction only is no conflict of two sides: the target stays unnamed
    text = "Ethiopian troops killed two Eritrean soldiers. Ethiopian soldiers returned fire."
    returned = [(a, r) for k, _, a, r in _coded(nlp, text) if k == "ASSAULT"][-1]
    assert returned == ("ETH", None), _coded(nlp, text)


# -- round 16: who did it to whom (bench/labels/lee) --------------------------------------


def _rows(nlp, text):
    return sorted(
        (e.type, e.actor_country or "", e.recipient_country or "")
        for e in enrich(nlp(text), date(2024, 6, 19)).events
    )


def test_people_an_arrest_takes_are_not_placed_by_the_arrest(nlp):
    # the arresting state's own nationality or land says who arrests and where, not whose
    # the people taken are
    assert _rows(nlp, "Peruvian police arrested three men near the border.") == [
        ("COERCE", "PER", "")
    ]
    assert _rows(nlp, "Two women were arrested in Chile after the march.") == [
        ("COERCE", "CHL", "")
    ]
    # a person arrested abroad, in a story about another country
    text = "Chile's government is angry. Chile said Juan Perez was arrested in Peru last month."
    assert ("COERCE", "PER", "PER") not in _rows(nlp, text), _rows(nlp, text)


def test_a_blow_with_no_one_named_as_hit_falls_on_the_place_it_falls(nlp):
    rows = _rows(nlp, "Chadian troops launched two raids in the Darfur region of Sudan.")
    assert ("ASSAULT", "TCD", "SDN") in rows, rows
    rows = _rows(nlp, "Ethiopian soldiers launched attacks inside Somalia.")
    assert ("ASSAULT", "ETH", "SOM") in rows, rows


def test_clashes_between_two_actor_nouns_give_both_sides(nlp):
    rows = _rows(nlp, "Clashes between police and protesters in Lima left two dead.")
    assert ("ASSAULT", "PER", "PER") in rows, rows


def test_coordinated_sides_give_one_row_per_pair(nlp):
    text = "France and Germany called on India and Pakistan to exercise restraint."
    rows = _rows(nlp, text)
    for actor in ("FRA", "DEU"):
        for recipient in ("IND", "PAK"):
            assert ("REQUEST", actor, recipient) in rows, rows
    # nationalities joined before one actor noun are two parties
    rows = _rows(nlp, "Kenyan and Ugandan forces attacked rebel camps in Somalia.")
    assert ("ASSAULT", "KEN", "SOM") in rows, rows
    assert ("ASSAULT", "UGA", "SOM") in rows, rows


def test_the_owner_of_an_intention_does_what_it_intends(nlp):
    text = "The official said Hezbollah's focus will be on attacking military bases in Israel."
    assert ("ASSAULT", "LBN", "ISR") in _rows(nlp, text), _rows(nlp, text)
    text = "Tehran's plan is to attack Kurdish bases in Iraq."
    assert ("ASSAULT", "IRN", "IRQ") in _rows(nlp, text), _rows(nlp, text)


# Round 16 (issue-16ev): triggers and types the fully annotated Lee reports showed missing.


def _types(nlp, text):
    """(type, actor country, recipient country) of each event of the text."""
    return [(k, a, r) for k, _, a, r in _coded(nlp, text)]


def test_nouns_of_fighting_are_attacks_and_a_labour_strike_is_not(nlp):
    coded = _types(nlp, "A Sudanese ambush on a Chadian convoy killed six soldiers.")
    assert ("ASSAULT", "SDN", "TCD") in coded, coded
    coded = _types(nlp, "Turkish strikes on Kurdish villages in Syria continued on Monday.")
    assert ("ASSAULT", "TUR", "SYR") in coded, coded
    coded = _types(nlp, "Nurses in Wales went on strike on Monday.")
    assert not [c for c in coded if c[0] == "ASSAULT"], coded


def test_an_event_told_again_without_its_sides_takes_those_of_the_one_before(nlp):
    text = "Ethiopian troops shelled an Eritrean border post. A firefight erupted near the town."
    assert _types(nlp, text).count(("ASSAULT", "ETH", "ERI")) == 2, _types(nlp, text)


def test_a_verb_of_force_with_a_placed_subject_attacks_a_thing(nlp):
    coded = _types(nlp, "Somali gunmen stormed a hotel in Mogadishu.")
    assert [c for c in coded if c[0] == "ASSAULT" and c[1] == "SOM"], coded


def test_readiness_to_meet_is_an_intent_to_meet(nlp):
    text = "The Serbian president said he was ready to meet the Albanian prime minister."
    coded = _types(nlp, text)
    assert ("AGREE", "SRB", "ALB") in coded, coded
    assert not [c for c in coded if c[0] == "CONSULT"], coded


def test_an_attack_with_no_target_named_hits_the_place_it_happened_in(nlp):
    text = "Police are still searching for the men behind the suicide attacks in Kabul."
    assert ("ASSAULT", None, "AFG") in _types(nlp, text), _types(nlp, text)


def test_forces_deployed_are_sent_by_their_own_side(nlp):
    coded = _types(nlp, "Some 300 Polish soldiers will be deployed to Lithuania.")
    assert ("MOBILIZE", "POL", "LTU") in coded, coded


def test_fighting_armed_men_is_an_attack_fighting_charges_is_not(nlp):
    coded = _types(nlp, "Colombian soldiers fought the rebels in the jungle.")
    assert ("ASSAULT", "COL", None) in coded, coded
    coded = _types(nlp, "The senator vowed to fight the charges.")
    assert not [c for c in coded if c[0] == "ASSAULT"], coded


def test_attacks_suspended_and_forces_pulled_out_are_a_retreat(nlp):
    coded = _types(nlp, "Israeli jets suspended their air strikes on Gaza.")
    assert [c for c in coded if c[:2] == ("RETREAT", "ISR")], coded
    assert not [c for c in coded if c[0] == "ASSAULT"], coded
    coded = _types(nlp, "Russian troops pulled out of Kherson.")
    assert [c for c in coded if c[:2] == ("RETREAT", "RUS")], coded


def test_sympathy_objection_and_pressure(nlp):
    text = "The Japanese prime minister expressed sympathy with Turkey after the earthquake."
    assert ("SUPPORT", "JPN", "TUR") in _types(nlp, text), _types(nlp, text)
    assert ("REJECT", "GRC", "TUR") in _types(nlp, "Greece objected to the Turkish plan.")
    assert ("REQUEST", "USA", "VEN") in _types(nlp, "Washington kept up pressure on Caracas.")


def test_injuries_are_an_attack_only_among_arms(nlp):
    text = "Three Ukrainian soldiers were injured when Russian drones struck Kharkiv."
    injured = [e for e in enrich(nlp(text), date(2024, 6, 19)).events if e.trigger == "injured"]
    assert injured and injured[0].type == "ASSAULT", injured
    coded = _types(nlp, "Two people were injured in a car crash in Texas.")
    assert not [c for c in coded if c[0] == "ASSAULT"], coded


def test_a_call_in_the_phrase_of_a_verb_is_the_subjects(nlp):
    text = (
        "The Kenyan president discussed trade in a telephone call with Tanzanian President "
        "Samia Suluhu Hassan."
    )
    called = [e for e in enrich(nlp(text), date(2024, 6, 19)).events if e.trigger == "call"]
    assert [(e.type, e.actor_country, e.recipient_country) for e in called] == [
        ("CONSULT", "KEN", "TZA")
    ], called


def test_closing_and_capturing_by_what_is_closed_or_taken(nlp):
    coded = _types(nlp, "Egypt closed the offices of the Muslim Brotherhood.")
    assert [c for c in coded if c[:2] == ("COERCE", "EGY")], coded
    assert not _types(nlp, "The company closed its offices in Brazil."), "own offices"
    coded = _types(nlp, "Rebel forces in Congo captured the airport in Goma.")
    assert [c for c in coded if c[0] == "ASSAULT"], coded
    assert not _types(nlp, "She captured the gold medal in Paris.")
    text = "Firefighters in California are battling a fire front near Los Angeles."
    assert not _types(nlp, text)


def test_dispersing_protesters_is_coercion(nlp):
    coded = _types(nlp, "Kenyan police used tear gas to disperse protesters in Nairobi.")
    assert ("COERCE", "KEN", "KEN") in coded, coded
    assert not _types(nlp, "The fog began to disperse by noon in London.")


def test_a_clash_over_a_matter_is_a_dispute_not_fighting(nlp):
    text = "France and Italy have clashed over migrant rescues in the Mediterranean."
    coded = _types(nlp, text)
    assert ("ACCUSE", "FRA", "ITA") in coded, coded
    assert not [c for c in coded if c[0] == "ASSAULT"], coded
    coded = _types(nlp, "Chinese and Indian troops clashed on the border.")
    assert ("ASSAULT", "CHN", "IND") in coded, coded


def test_ruling_out_is_a_rejection(nlp):
    coded = _types(nlp, "Venezuela ruled out any talks with Guyana.")
    assert [c for c in coded if c[:2] == ("REJECT", "VEN")], coded
    assert not _types(nlp, "A Texas judge ruled on the motion on Friday.")


def test_breaking_off_contacts_is_reducing_relations(nlp):
    coded = _types(nlp, "Niger broke off all contacts with France.")
    assert ("SANCTION", "NER", "FRA") in coded, coded
    assert not [c for c in coded if c[0] == "THREATEN"], coded
    assert not _types(nlp, "The Kenyan runner broke the world record in Paris.")


# -- round 17 (issue 13): triggers and types the lexicon missed, on made-up sentences ---------


def test_emergency_rule_declared_is_coercion_of_the_states_own_people(nlp):
    coded = _types(nlp, "The Peruvian government declared a state of siege in Lima.")
    assert ("COERCE", "PER", "PER") in coded, coded
    assert not [c for c in coded if c[0] == "ASSAULT"], coded  # no siege of a city
    coded = _types(nlp, "Thai generals imposed martial law after the coup in Thailand.")
    assert [c for c in coded if c[:2] == ("COERCE", "THA")], coded
    text = "Crowds in Quito protested against the declaration of a state of emergency."
    assert [c for c in _types(nlp, text) if c[0] == "COERCE"], _types(nlp, text)
    text = "The Chilean government lifted the curfew in Santiago."
    assert not [c for c in _types(nlp, text) if c[0] == "COERCE"], _types(nlp, text)


def test_a_jail_sentence_given_or_received_is_coercion_of_the_one_sentenced(nlp):
    coded = _types(nlp, "An Egyptian court handed the activist a three-year jail sentence.")
    assert [c for c in coded if c[:2] == ("COERCE", "EGY")], coded
    coded = _types(nlp, "The Iranian student was given a two-year sentence in Tehran.")
    assert [c for c in coded if c[0] == "COERCE" and c[2] == "IRN"], coded
    # who welcomes a sentence did not pass it
    text = "British lawmakers welcomed the jail sentence given to a Saudi blogger."
    sentenced = [c for c in _coded(nlp, text) if c[0] == "COERCE"]
    assert sentenced and all("lawmakers" not in (c[1] or "") for c in sentenced), sentenced


def test_discussions_held_and_regret_expressed(nlp):
    coded = _types(nlp, "Kenyan officials held discussions with Somali elders.")
    assert ("CONSULT", "KEN", "SOM") in coded, coded
    assert not [c for c in coded if c[0] == "COERCE"], coded  # talks held are no detention
    coded = _types(nlp, "The Japanese government expressed regret to China over the incident.")
    assert [c for c in coded if c[:2] == ("CONCEDE", "JPN")], coded


def test_captives_held_are_detained(nlp):
    coded = _types(nlp, "Syrian rebels are holding three Lebanese prisoners near Aleppo.")
    assert [c for c in coded if c[0] == "COERCE" and c[2] == "LBN"], coded
    assert not _types(nlp, "The Brazilian team held a training session in Rio.")


def test_a_call_for_something_is_an_appeal_not_a_phone_call(nlp):
    coded = _types(nlp, "Hamas rejected a call by the Egyptian president for a ceasefire.")
    assert [c for c in coded if c[:2] == ("REQUEST", "EGY")], coded
    assert not [c for c in coded if c[0] == "CONSULT"], coded


def test_blowing_up_is_an_attack(nlp):
    coded = _types(nlp, "Chechen rebels blew up a Russian military train.")
    assert [c for c in coded if c[0] == "ASSAULT" and c[2] == "RUS"], coded
    assert not _types(nlp, "Strong winds blew up dust across Texas.")


def test_what_an_amount_or_a_kind_counts_is_what_is_given(nlp):
    coded = _types(nlp, "Brazilians were providing every sort of assistance to New Zealand.")
    assert ("AID", "BRA", "NZL") in coded, coded
    coded = _types(nlp, "Japan sent thousands of tons of food to North Korea.")
    assert ("AID", "JPN", "PRK") in coded, coded
    coded = _types(nlp, "Canada has linked $10 million of aid to a new agreement with Haiti.")
    assert [c for c in coded if c[:2] == ("AID", "CAN")], coded
    coded = _types(nlp, "The Indian foreign minister announced a set of new sanctions.")
    assert [c for c in coded if c[:2] == ("SANCTION", "IND")], coded


def test_forces_a_relative_clause_says_will_be_deployed_are_sent_by_their_side(nlp):
    text = "The council voted before the arrival of 250 British soldiers who will be deployed soon."
    assert [c for c in _types(nlp, text) if c[:2] == ("MOBILIZE", "GBR")], _types(nlp, text)


def test_a_surrender_or_cooperation_refused_is_a_rejection(nlp):
    text = "Mullah Omar said the Taliban would not surrender to the Afghan government."
    coded = _types(nlp, text)
    assert [c for c in coded if c[0] == "REJECT"], coded
    assert not [c for c in coded if c[0] == "RETREAT"], coded


def test_a_noun_of_decline_does_not_deny_the_event_it_governs(nlp):
    text = "Growth in Canada fell after the September 11 attacks in the United States."
    before = [e for e in enrich(nlp(text), date(2024, 6, 19)).events if e.type == "ASSAULT"]
    text = "Fears of a sharp decline after the September 11 attacks in the United States eased."
    events = [e for e in enrich(nlp(text), date(2024, 6, 19)).events if e.type == "ASSAULT"]
    assert before and events and all(e.modality != "denied" for e in events), events
