"""PLOVER events from the dependency parse: trigger, actor, recipient, date, place, modality.

For each token whose lemma is in the trigger lexicon (`_plover_lexicon`):

- actor of a verb: its subject (the ``by`` agent of a passive); a verb without one borrows it
  from the verb it is coordinated with or controlled by ("accused Pyongyang of supplying
  arms": the accused supplies), and the one a passive is done to does its gerund ("was
  criticised for threatening Taiwan"); a passive joined to an active verb is done to their
  shared subject ("crossed into Turkey and were detained"). Actor of a noun: its possessor
  or nationality adjective ("Putin's visit", "Russian invasion"), else the subject of the
  verb it is the object of ("Kim voiced his support").
- recipient: the first filled slot of the trigger (direct object or a preposition's object);
  ``<from`` triggers swap roles ("Russia received … from North Korea").
- each argument resolves to the first entity in its phrase ("Russian forces" → Russia;
  "the struggles of the Russian government" → Russia); capitals act for their state.
- modality: denied (negated), alleged (under accuse/allege/claim, "reportedly"), expected
  (will, hope/expect/plan), hypothetical (would/could/may, "if", "the prospect of"), reported
  (attributed: "according to", a reporting verb, inside a quote), else asserted.
- date: a resolved date in the trigger's clause, else the first in its sentence; place: an
  "in/at" place on the trigger or its verb, else for a visit a city in the visited country.
- CAMEO verb patterns (`_cameo_patterns`, from the PETRARCH2 verb dictionary): a verb the
  table lacks, or codes only by its CAMEO lemma, or whose table constraints rule it out, takes
  the type and slots of the most specific pattern its parse matches ("carried out a raid",
  "came under fire from Greece": the subject is the target); rule id
  ``TYPE.lemma.verb.cameoCODE.patternLINE`` (line of CAMEO.2.0.txt).
- coded only when at least one side has a country: events feed country-to-country counts
  (GDELT-style), and a mention whose sides the text places nowhere ("Jose Mourinho has
  agreed a deal") is left out.

This module keeps the driver, `_Extractor.run`, and `extract_events`. The rules it calls are
mixins, one module per concern, that `_Extractor` combines: `_event_subjects` (the article's
state, subjects of verbs) under `_event_arguments` (sides read from phrases) under
`_event_roles` (actor and recipient of a trigger), and on top of those `_event_filters`,
`_event_speech` and `_event_record`; word lists live in `_event_words`, stateless parse
helpers in `_event_parse`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc

from ._cameo_patterns import by_complement
from ._dictionaries import agent
from ._entity_countries import is_company
from ._entity_resolution import ArticleEntities
from ._event_filters import _Filters
from ._event_parse import (
    _Arg,
    _armed,
    _child,
    _counted,
    _emergency_rule,
    _first_conjunct,
    _for_clause_subject,
    _is_passive,
    _no_counterpart,
    _own_demonym,
    _prep_object,
    _ready_for,
    _reciprocal,
    _someone,
    _spoken_act,
    _yes_no_question,
)
from ._event_record import _other_side, _Record, _renumber, _without_parents
from ._event_speech import _Speech
from ._event_words import (
    _ACCUSATIONS,
    _CALL_FOR,
    _CLOSING,
    _CONTENT_OF,
    _DEMAND,
    _FIGHT,
    _FIGURATIVE_BLOWS,
    _GENERIC_YOU,
    _HALTING,
    _HOLD,
    _HURT,
    _JUDGEMENTS,
    _LABOUR_STRIKE,
    _LEGAL,
    _LEGAL_THINGS,
    _MEASURES,
    _MOVEMENT,
    _MUTUAL,
    _PLACED_BLOWS,
    _PLEAD_NOT_GUILTY,
    _POLITICAL_AGENTS,
    _SPEECH_ACTS,
    _SYMMETRIC,
    _TAKING,
    _TERRITORY,
    _WALKING_OUT,
    _WELCOME_VISITOR,
    CIVILIANS,
    _EventKey,
    is_actor_noun,
)
from ._plover_lexicon import EMERGENCY_RULE, Trigger, lookup
from ._tokens import children as child_tokens
from ._tokens import column
from ._tokens import tokens as all_tokens
from ._types import DateMention, Event


class _Extractor(_Filters, _Speech, _Record):
    """Events of one article: `run` walks its tokens and codes the triggers it finds."""

    def run(self) -> list[Event]:
        events: dict[_EventKey, Event] = {}
        for token, pos in zip(all_tokens(self.doc), column(self.doc, "pos_"), strict=True):
            if pos not in {"VERB", "NOUN"}:
                continue
            entry = lookup(token.lemma_, token.pos_) or (
                lookup(token.lower_, token.pos_) if token.pos_ == "NOUN" else None
            )  # "talks" is listed as the plural its sense needs; its lemma is "talk"
            if token.pos_ == "NOUN" and token.dep_ == "pobj" and _emergency_rule(token.head.head):
                continue  # the "siege" of "a state of siege": the state is the mention
            if entry is None and token.pos_ == "NOUN" and _emergency_rule(token):
                entry = EMERGENCY_RULE
            if (
                entry is not None
                and (entry.lemma, entry.pos) == ("call", "N")
                and _prep_object(token, "for") is not None
            ):
                entry = _CALL_FOR
            if token.lemma_.lower() == "strike" and self.labour_strike(token):
                # "went on strike", "nurses are striking": a stoppage of work is a protest
                entry = _LABOUR_STRIKE if token.pos_ == "NOUN" else _WALKING_OUT
            if entry is None and token.pos_ == "VERB" and token.lemma_.lower() == "hold":
                entry = _HOLD  # not in the table: "held talks" lends its subject to the talks
            if entry is not None and entry.lemma == "plead":
                # before the plea's own test, which rules out "guilty" for an appeal
                complement = _child(token, "acomp", "oprd", "attr")
                if (
                    complement is not None
                    and complement.lower_ == "guilty"
                    and any(c.dep_ == "neg" for t in (complement, token) for c in child_tokens(t))
                ):
                    entry = _PLEAD_NOT_GUILTY
            if entry is not None and entry.lemma == "fight" and entry.pos == "V":
                obj = _child(token, "dobj")
                foes = [obj, _prep_object(token, "against"), _prep_object(token, "with")]
                if obj is not None:
                    foes.append(_prep_object(obj, "with"))  # "fought a battle with gunmen"
                if any(foe is not None and _armed(foe) for foe in foes):
                    # "to fight the Taliban", "fought against rebels": armed force (CAMEO
                    # 190), not a fight against charges
                    entry = _FIGHT
            # "a kidnapped girl", "detained journalists": a participle before a noun for
            # people reports the act done to them, by someone the phrase leaves unnamed
            participle = (
                entry is not None
                and entry.pos == "V"
                and entry.type in {"ASSAULT", "COERCE"}
                and not (entry.objects or entry.cameo)
                and token.dep_ == "amod"
                and token.tag_ == "VBN"
                and token.head.pos_ in {"NOUN", "PROPN"}
                and self.names_actor(token.head)
                and token.head.pos_ != "PRON"
            )
            if token.pos_ == "VERB" and (
                entry is None or entry.cameo or not (participle or self.accepts(token, entry))
            ):
                # a CAMEO verb pattern the parse matches ("carry out a raid", "face
                # criticism") is more specific than the verb's lemma; one coded "---" says
                # the verb with those words is no event. A verb of the hand table keeps its
                # own coding, unless its constraints rule it out ("received backing")
                pattern = self.pattern(token)
                if pattern is not None:
                    entry = (
                        pattern.trigger(token.lemma_.lower(), by_complement(token, pattern))
                        if pattern.type
                        else None
                    )
            if entry is None or not (participle or self.accepts(token, entry)):
                continue
            if entry.cameo:
                obj = _child(token, "dobj", "nsubjpass")  # "no talks were held"
                if obj is not None and (
                    lookup(obj.lemma_, obj.pos_) or lookup(obj.lower_, obj.pos_)
                ):
                    continue  # "imposed sanctions", "offered support": the noun is the event
            if any(a <= token.idx < b for a, b in self.furniture):
                continue  # a related story's headline, not this story
            if self.sport and not (entry.type == "COERCE" or entry.lemma in _LEGAL):
                continue  # a sports report: "attacked", "beat", "boycotted the event" are play
            if entry.pos == "N" and any(
                c.dep_ == "compound" and c.ent_type_ == "PRODUCT" for c in child_tokens(token)
            ):
                continue  # "NASA's Galileo probe": a noun a product's name qualifies is a thing
            role_token = token
            if entry.pos == "N" and token.dep_ in {"compound", "amod"}:
                head = token.head
                if (
                    head.pos_ != "NOUN"
                    or is_actor_noun(head)
                    or lookup(head.lemma_, head.pos_) is not None
                    or lookup(head.lower_, head.pos_) is not None
                ):
                    continue  # "riot police", "protest leaders": a modifier, not a mention
                # "an aid package for Ukraine", "arms deliveries to Russia": the phrase the
                # trigger word names is the mention, its arguments are the phrase's
                role_token = head
            if entry.pos == "N" and token.dep_ == "pobj" and token.head.lower_ == "of":
                amount = token.head.head
                if amount.pos_ in {"NOUN", "NUM", "SYM"} and _counted(amount).i == token.i:
                    # "linked $10 million of aid to …": the amount is the phrase acted on
                    role_token = amount
            if self.same_event(token, entry):
                continue
            if (
                entry.type in _CONTENT_OF
                and entry.pos == "V"
                and not any(
                    c.dep_ in {"dobj", "xcomp", "ccomp", "prep", "dative", "nsubjpass", "attr"}
                    for c in child_tokens(token)
                )
                and token.dep_ not in {"acl", "relcl"}  # "the aid requested", "what NASA asked"
                and _for_clause_subject(token) is None  # "called for Israel to withdraw"
                and not _reciprocal(self.verb_subject(token))  # "the US and China agreed"
            ):
                continue  # "as it promised", "as demanded": nothing promised or asked for
            if entry.pos == "N" and any(
                c.dep_ in {"det", "predet"} and c.lower_ in {"all", "any", "every", "each"}
                for c in child_tokens(token)
            ):
                continue  # "an end to all deportations", "any attack": generic, no one event
            if _yes_no_question(token):
                continue  # "Would Schiff have pleaded …?", "Did Russia attack?": asked, not told
            if entry.type in {"ASSAULT", "COERCE"} and entry.pos == "V":
                subject = self.verb_subject(token)
                kind = (
                    lookup(subject.lemma_, subject.pos_) or lookup(subject.lower_, subject.pos_)
                    if subject is not None and subject.pos_ == "NOUN"
                    else None
                )
                if kind is not None and kind.type not in {"ASSAULT", "COERCE"}:
                    # "investigations that targeted his son", "sanctions hit Russian banks":
                    # a violent verb whose subject is an event of another kind is that
                    # event's figure of speech; the noun is coded on its own
                    continue
            clause = _first_conjunct(token) if token.pos_ == "VERB" else token
            for_clause = clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "for" for c in child_tokens(clause)
            )
            governor = None
            if (clause.dep_ in {"xcomp", "ccomp"} or for_clause) and clause.head.i != clause.i:
                governor = clause.head
            elif clause.dep_ == "pobj" and clause.pos_ == "VERB" and clause.head.lower_ == "to":
                governor = clause.head.head  # "threatening to assault", parsed as a preposition
            if governor is not None:
                # "threatened to assault and murder him": a verb coordinated with what is
                # threatened, promised or asked for is part of that content too
                head_entry = lookup(governor.lemma_, governor.pos_)
                if head_entry is not None and head_entry.type in _CONTENT_OF:
                    continue
            if (
                entry.pos == "N"
                and token.dep_ == "dobj"
                and token.head.dep_ in {"xcomp", "ccomp"}
                and token.head.head.i != token.head.i
            ):
                # "threatened to impose tariffs on Mexico", "urged Berlin to send aid": the
                # noun is what is threatened or asked for (what is agreed is still done)
                head_entry = lookup(token.head.head.lemma_, token.head.head.pos_)
                if head_entry is not None and head_entry.type in {"THREATEN", "REQUEST"}:
                    continue
            if (
                entry.type == "ASSAULT"
                and entry.pos == "N"
                and token.dep_ == "dobj"
                and token.head.lemma_.lower() in _HALTING
            ):
                # "suspended their bombing raids", "ended the offensive": attacks halted are
                # a de-escalation (CAMEO 0871), not an attack
                entry = Trigger(entry.lemma, "N", "RETREAT", "ceasefire", entry.slots,
                                entry.confidence)  # fmt: skip
            if entry.lemma == "clash" and _prep_object(token, "over") is not None:
                # "clashed in Geneva over how to deal with asylum seekers": a dispute over a
                # matter is criticism (CAMEO 11), not fighting
                entry = Trigger("clash", entry.pos, "ACCUSE", "disapprove", entry.slots,
                                entry.confidence)  # fmt: skip
            if entry.type == "CONSULT" and _ready_for(token):
                # "ready to meet Vajpayee", "prepared to hold talks": an intent to meet or
                # negotiate (CAMEO 036) is an agreement to, not the meeting
                entry = Trigger(entry.lemma, entry.pos, "AGREE", None, entry.slots,
                                entry.confidence)  # fmt: skip
            if entry.lemma in _HURT and not self.in_fighting(token):
                continue  # "injured in a car crash", "injured his knee": harm, not an attack
            if entry.type == "ASSAULT" and self.natural(token):
                continue  # "storms struck Queensland", "killed when a thunderstorm struck"
            if entry.lemma in _FIGURATIVE_BLOWS and _is_passive(token) and self.figurative(token):
                continue  # "I'm struck by the unpredictability of it": no blow is struck
            if participle:
                actor, recipient = _Arg(None, None, None), self.argument(token.head)
            else:
                actor, recipient = self.roles(role_token, entry)
                if role_token.i != token.i and recipient.token is None:
                    # "a wave of air strikes against Kurdish bases": the phrase counted keeps
                    # its own arguments when the amount's phrase names no one acted on
                    own_actor, recipient = self.roles(token, entry)
                    actor = actor if actor.actor_like else own_actor
            if entry.lemma in _MOVEMENT and not (
                actor.entity_id
                and actor.country
                and recipient.country
                and recipient.country != actor.country
            ):
                continue  # arriving is a visit only for a named actor going abroad
            if (
                entry.lemma in _MOVEMENT
                and actor.token is not None
                and agent(actor.token.lemma_.lower()) == "MIL"
            ):
                # "Australian troops arrived in Afghanistan": armed forces arriving abroad
                # are deployed (MOBILIZE), not visiting
                entry = Trigger(entry.lemma, "V", "MOBILIZE", "troops", entry.slots,
                                entry.confidence)  # fmt: skip
            if (
                recipient.entity_id is None
                and not recipient.country
                and recipient.token is not None
            ):
                thing = recipient.token
                # who made a measure is not whom lifting it is aimed at ("eased the sanctions
                # imposed by Washington on Caracas")
                owner = self.owner(thing, makers=entry.type not in _MEASURES)
                if owner is not None:
                    # "attacked Israeli positions", "praised Beijing's peace plan": what is
                    # done to a thing is done to the one it belongs to
                    recipient = owner
                elif entry.type in _MEASURES:
                    # lifting or extending a measure is done to whom it is aimed at (not so
                    # condemning one: "condemned the sanctions against Belarus")
                    aimed = self.aimed_at(thing)
                    if aimed is not None:
                        recipient = aimed

            if (
                entry.type == "CONSULT"
                and recipient.entity_id is not None
                and self.entities.records[recipient.entity_id].type == "ORG"
                and is_company(self.entities.records[recipient.entity_id].name)
            ):
                # "visiting Salesforce's conference", "met with Tesla": a company is visited
                # or met on business, which is not coded (tests/gold/README.md)
                recipient = _Arg(None, None, None)
            if (
                entry.type == "REJECT"
                and recipient.entity_id is None
                and not recipient.country
                and (entry is _PLEAD_NOT_GUILTY or (
                    recipient.token is not None
                    and recipient.token.lemma_.lower() in _LEGAL_THINGS
                ))
            ):  # fmt: skip
                # pleading not guilty, fighting the charges: the prosecuting state
                recipient = _Arg("prosecutors", None, self.context_country(token, True), True,
                                 recipient.token, True)  # fmt: skip
            if (
                entry.type == "REJECT"
                and recipient.entity_id is None
                and not recipient.country
                and recipient.token is not None
                and recipient.token.lemma_.lower() in _ACCUSATIONS
            ):
                # "India accuses Pakistan of X, but Pakistan denies the allegation": an
                # accusation rejected is aimed back at whoever made it
                accuser = self.accuser(token, actor)
                if accuser is not None:
                    recipient = accuser
            if entry.type == "CONSULT" and entry.pos == "N" and recipient.entity_id is None:
                # "landed in North Korea for a rare visit"
                governor = token.head.head if token.dep_ == "pobj" else token.head
                for name in ("in", "to"):
                    found = _prep_object(governor, name) if governor.pos_ == "VERB" else None
                    place_arg = self.argument(found) if found is not None else None
                    if (
                        place_arg is not None
                        and place_arg.entity_id
                        and (place_arg.entity_id != actor.entity_id)
                    ):
                        recipient = place_arg
                        break
            if (
                (
                    (entry.type == "CONSULT" and entry.mode == "visit")
                    or (entry.mode == "troops" and "to" in entry.slots)
                )
                and recipient.entity_id is None
                and not recipient.country
                and actor.country
            ):
                # "Putin's trip", "the Russian leader makes first visit": where the sentence
                # places it, else the dateline's country, when that is not the visitor's own;
                # so for troops sent somewhere ("announcing the British deployment, he said
                # with the tensions in Afghanistan")
                number = self.sentence_of[token.i]
                for n, mention in enumerate(self.entities.mentions):
                    if mention.sentence_index != number or mention.label not in {"GPE"}:
                        continue
                    record = self.entities.as_state(self.entities.entity_of[n])
                    if record.country and record.country != actor.country:
                        recipient = _Arg(mention.text, record.entity_id, record.country, True)
                        break
                domestic = self.entities.domestic
                if recipient.entity_id is None and domestic and domestic != actor.country:
                    recipient = _Arg(None, None, domestic, True)
            patient = (
                self.passive_patient(token)
                if entry.type == "MOBILIZE" and entry.pos == "V" and _is_passive(token)
                else None
            )
            forces = self.argument(patient) if patient is not None else None
            sent = {t.i for t in patient.subtree} if patient is not None else set()
            if (
                forces is not None
                and not actor.country
                and forces.country
                and recipient.token is not None
                and recipient.token.i not in sent
                and recipient.country != forces.country
            ):
                # "250 British soldiers will be deployed to Kabul": the forces' own side
                # sends them, to the place the clause names
                actor = forces
            elif (
                forces is not None
                and not actor.country
                and recipient.country
                and (recipient.token is None or recipient.token.i in sent)
            ):
                # "20 Japanese coastguard vessels were mobilised": forces are mobilised by
                # their own side, which acts; whom against the clause does not say
                actor, recipient = recipient, _Arg(None, None, None)
            elif (
                forces is not None
                and not actor.country
                and forces.country
                and not recipient.country
            ):
                # "soldiers who will be deployed tomorrow": sent by their own side, to a place
                # the clause does not name
                actor = forces
            if entry.lemma in _CLOSING and not (
                recipient.actor_like
                and (recipient.entity_id or recipient.country)
                and recipient.entity_id != actor.entity_id
                and recipient.token is not None
                and recipient.token.pos_ != "PRON"
                and not self.names_place(recipient)
            ):
                continue  # "closed its offices": a body's own affair, not done to anyone
            if entry.lemma in _TAKING and entry.type == "COERCE":
                taken = _child(token, "dobj", "nsubjpass")
                if taken is not None and (
                    taken.lemma_.lower() in _TERRITORY or self.names_place(self.argument(taken))
                ):
                    # "captured half of Kandahar airport", "captured key areas": territory
                    # taken by force is an attack (CAMEO 192, occupy territory)
                    entry = Trigger(entry.lemma, "V", "ASSAULT", "occupy", entry.slots,
                                    entry.confidence)  # fmt: skip
                elif recipient.token is None or not (
                    is_actor_noun(recipient.token) or _someone(recipient)
                ):
                    continue  # "captured the Jules Verne Trophy": neither land nor people
            if entry.lemma == "warn" and not self.warns_of_own_act(token, actor, recipient):
                # "warned the dispute was growing dangerously tense": a warning of a danger
                # is a pessimistic comment (CAMEO 012), no threat; one says what the warner
                # will do or whom it warns ("warned Iran", "warned it would retaliate")
                continue
            if self.physical_attack(token, entry, actor, recipient):
                # "US jets blasted several vehicles", "after blasting Gaza City": a verb of
                # criticism that hits a place, or a thing with arms, is an assault (CAMEO 19)
                entry = Trigger(entry.lemma, "V", "ASSAULT", None, entry.slots,
                                entry.confidence - 0.1)  # fmt: skip
            if self.verbal_attack(token, entry, actor, recipient):
                # "attacked Trump's wife, children and businesses": a person set upon by a
                # politician, a party or no one named, with no weapon or wound in the
                # sentence, is criticised (CAMEO 111), not assaulted
                entry = Trigger(entry.lemma, "V", "ACCUSE", "disapprove", entry.slots,
                                entry.confidence - 0.1)  # fmt: skip
            if (
                entry.pos == "N"
                and entry.type in {"SUPPORT", "AID", "COOPERATE"}
                and actor.token is not None
                and actor.token.dep_ == "compound"
                and actor.token.head.i == role_token.i
                and recipient.entity_id is None
                and not recipient.country
                and recipient.token is None
                and self.product_name(actor)
            ):
                continue  # "integrated Amazon Alexa support": a product's feature, not backing
            if entry.type in {"COOPERATE", "AGREE"} and (
                self.business(actor) or self.business(recipient)
            ):
                continue  # "working with Boeing", "companies worked with NASA": business,
                # which is not coded (tests/gold/README.md)
            nonstate = False  # a named non-state actor (pirates, gunmen) did it
            if entry.lemma == "welcome" and recipient.entity_id is not None:
                record = self.entities.records[recipient.entity_id]
                if record.type == "PERSON":  # welcoming a visitor is hosting one
                    entry = _WELCOME_VISITOR
            if (
                entry.type not in {"PROTEST", "REQUEST"}  # people protest and demand
                and actor.entity_id is None
                and actor.token is not None
                and not actor.implicit
                and (
                    actor.token.lemma_.lower() in CIVILIANS
                    or agent(actor.token.lemma_.lower()) not in _POLITICAL_AGENTS | {None}
                )
            ):
                # civilians and criminals act for no state; one the phrase gives a nationality
                # of its own ("Somali pirates hijacked a Greek ship") acts for that country
                civilian = actor.token.lemma_.lower() in CIVILIANS
                body = None if civilian else self.member_of(actor.token)
                own = (
                    None
                    if civilian
                    else (_own_demonym(actor.token) or (body.country if body else None))
                )
                actor = _Arg(actor.text, None, own, own is not None, actor.token)
                nonstate = own is None and not civilian
            if actor.entity_id is not None and actor.entity_id == recipient.entity_id:
                recipient = _Arg(None, None, None)
            if (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL) and recipient.entity_id is None:
                # "the United States and China could agree", "Japan and Korea signed a pact",
                # "Russia and Ukraine exchanged prisoners": the second party is the recipient
                subject = None
                if entry.pos == "V":
                    subject = self.verb_subject(token)
                elif token.dep_ == "dobj" and token.head.pos_ == "VERB":
                    subject = self.verb_subject(token.head)
                partner = _child(subject, "conj") if subject is not None else None
                if partner is None and subject is not None:
                    # "Chinese and Indian troops clashed": the nationalities are coordinated
                    for modifier in child_tokens(subject):
                        if modifier.dep_ in {"amod", "compound"} and partner is None:
                            partner = _child(modifier, "conj")
                if partner is not None:
                    candidate = self.argument(partner)
                    if candidate.entity_id and candidate.entity_id != actor.entity_id:
                        recipient = candidate
            if (
                (entry.type == "COERCE" or entry.lemma in _LEGAL)
                and not actor.actor_like
                and not nonstate
            ):
                # arrests, sentences, charges, convictions: the authorities of the place act
                if entry.pos == "V" and token.tag_ == "VBG" and not _someone(recipient):
                    # "11 kW onboard charging", "charging support": a legal verb with no one
                    # charged or arrested is another sense of the word, not a state's act
                    continue
                if (
                    entry.pos == "N"
                    and not _someone(recipient)
                    and recipient.token is None
                    and entry.governors != EMERGENCY_RULE.governors
                ):
                    # "a senatorial conviction", "robotic probes", "the inquiry": a legal noun
                    # with no one named on either side is no country's act to count (a state
                    # of emergency or a curfew declared is the act of the place's state)
                    continue
                verbs = [token, token.head] if token.dep_ == "conj" else [token]
                if entry.pos == "V" and any(
                    found is not None and found.lower_ in _GENERIC_YOU
                    for verb in verbs
                    for found in (self.passive_patient(verb), self.verb_subject(verb))
                ):
                    # "you were assaulted and falsely imprisoned": what is done to the generic
                    # "you" of advice and instructions is no act of a state the story reports
                    continue
                actor = _Arg(
                    "authorities",
                    None,
                    self.context_country(token, True, recipient.token),
                    True,
                    None,
                    True,
                )
            elif (
                (entry.type == "COERCE" or entry.lemma in _LEGAL)
                and actor.entity_id is not None
                and actor.country is None
                and self.entities.records[actor.entity_id].type == "PERSON"
                and not nonstate
            ):
                # "Mueller was tasked with investigating": a named person who arrests, charges
                # or investigates does so for the state of the place, as the authorities do
                actor = _Arg(actor.text, actor.entity_id,
                             self.context_country(token, True, recipient.token), True,
                             actor.token, True)  # fmt: skip
            if (
                entry.governors == EMERGENCY_RULE.governors
                and recipient.entity_id is None
                and not recipient.country
                and actor.country
            ):
                # a state of emergency or a curfew with no place named is imposed on the
                # state's own people
                recipient = _Arg(None, None, actor.country, True, None, True)
            if (
                recipient.entity_id is not None
                and recipient.country is None
                and actor.country
                and (
                    (
                        self.entities.records[recipient.entity_id].type == "PERSON"
                        and (
                            entry.lemma in _LEGAL
                            or (entry.type == "COERCE" and actor.country == self.home)
                        )
                    )
                    or (
                        self.entities.records[recipient.entity_id].type == "ORG"
                        and entry.lemma in _LEGAL
                    )
                )
            ):
                # the person or company a state charges or sentences answers to that state's
                # courts, and a person it arrests in a story about that state is its own; an
                # arrest abroad does not place whom it takes ("X was arrested in Malaysia" in
                # a story about Australia)
                recipient = _Arg(recipient.text, recipient.entity_id, actor.country, True,
                                 recipient.token)  # fmt: skip
            elif (
                (entry.type == "COERCE" or entry.lemma in _LEGAL)
                and recipient.entity_id is None
                and recipient.token is not None
                and recipient.token.lemma_.lower() in CIVILIANS
                and actor.country
                and entry.pos == "V"
            ):
                # "prosecutors in Kyiv charged a man": people a state charges answer to its
                # courts; people it arrests or captures ("police in Kyiv detained a man",
                # "forces captured 15 prisoners") are parties the arrest does not place
                arrested = entry.type == "COERCE"
                recipient = _Arg(recipient.text, None, None if arrested else actor.country,
                                 True, recipient.token)  # fmt: skip
            if (
                entry.type in {"ASSAULT", "COERCE"}
                and (
                    recipient.entity_id is None
                    or self.entities.records[recipient.entity_id].type == "NORP"
                )
                and not recipient.country
                and recipient.token is not None
            ):
                # "struck targets in southern Lebanon", "bombed Kurdish militants in northern
                # Iraq", "the attacks on Sunday in Kenya": what is hit in a place, unless its
                # own country is named, is that place's (the place of the recipient's phrase,
                # else of the trigger's, a verb's or a noun's)
                located = None
                for name in ("in", "across", "inside", "near"):
                    found = _prep_object(recipient.token, name) or _prep_object(token, name)
                    located = self.place_country(found) if found is not None else None
                    if located:
                        break
                if located and not (entry.type == "COERCE" and located == actor.country):
                    # (a state arresting people in its own land says where, not whose:
                    # "a man was arrested in India")
                    recipient = _Arg(recipient.text, None, located, True, recipient.token)
            elif (
                entry.type in _PLACED_BLOWS
                and recipient.token is None
                and not recipient.country
                and (actor.actor_like or (entry.pos == "N" and recipient.entity_id is None))
            ):
                # "Hamas carried out suicide bombings in Israel", "troops launched two
                # incursions in the Gaza Strip", "the suicide attacks in New York": a blow with
                # no one named as hit is aimed at the place where it falls (on the trigger, or
                # on the blow a verb launches); with no actor named, only a place other than
                # the actor's own (an attack told by its place alone: "fighting in Kandahar")
                holders = [token]
                launched = _child(token, "dobj") if entry.pos == "V" else None
                if launched is not None:
                    holders.append(launched)  # the blow or weapon itself, not whom it hits
                place, located = None, None
                for holder in holders:
                    for name in ("in", "across", "inside"):
                        place = _prep_object(holder, name)
                        located = self.place_country(place) if place is not None else None
                        if located:
                            break
                    if located:
                        break
                if place is not None and located and (actor.actor_like or located != actor.country):
                    recipient = _Arg(place.text, None, located, True, place)
            if entry.type == "PROTEST" and not actor.actor_like:
                # protests name their protesters rarely: people of the place protest there
                actor = _Arg(actor.text, None, self.context_country(token), True)
            if entry.type == "PROTEST" and recipient.entity_id is None and not recipient.country:
                recipient = _Arg(recipient.text, None, actor.country, recipient.actor_like)
            if (
                (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL)
                and entry.pos == "N"
                and not (actor.country or recipient.country)
                and any(
                    c.dep_ == "amod" and c.lower_ in {"bilateral", "mutual"}
                    for c in child_tokens(token)
                )
            ):
                # "a new bilateral agreement": the adjective says it is the pair's named
                # before, one row first-named -> second-named
                pair = self.pair_named_before(token, people=None)
                if len(pair) == 2:
                    actor, recipient = pair
            if not (actor.actor_like or recipient.actor_like):
                earlier = self.earlier_event(token, entry, events)
                if earlier is None:
                    continue  # no one acts and no one is acted on: not an event
                actor, recipient = earlier
            if entry.passive:
                if not (recipient.actor_like and recipient.entity_id):
                    # "X faced criticism", "X received a loan": the pattern makes the
                    # subject the target, and it must be someone named; the source may be
                    # left unnamed
                    continue
            elif (
                entry.cameo
                and not (
                    actor.actor_like
                    and recipient.actor_like
                    and (actor.entity_id or recipient.entity_id)
                )
                and not (
                    # a verb or pattern of force ("stormed", "opened fire") says the act
                    # itself: a placed party firing at a thing, at people or at no one
                    # named is an attack, when the verb's own subject names the party
                    entry.type == "ASSAULT"
                    and actor.actor_like
                    and actor.country
                    and any(
                        c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}
                        for c in child_tokens(token)
                    )
                )
            ):
                # a verb of the CAMEO dictionary codes an act between two actors, at least
                # one of them named ("Egypt mediated between Israel and Hamas"), not a verb
                # with a thing for object ("protect the environment")
                continue
            mutual = entry.type in _SYMMETRIC or entry.lemma in _MUTUAL
            if (
                mutual
                and not actor.country
                and recipient.entity_id is None
                and not recipient.country
                and len(recipient.members) == 2
            ):
                # "talks between the two": a reciprocal event of the pair named before, one
                # row first-named -> second-named (tests/gold/README.md)
                actor, recipient = recipient.members
            if (
                entry.type == "CONSULT"
                and entry.pos == "N"
                and not actor.actor_like
                and token.dep_ == "pobj"
                and token.head.head.pos_ == "VERB"
            ):
                # "accused Arafat ... in a telephone call with Chirac", "said ... at a
                # meeting with Schroeder": the one whose act the phrase frames took part
                taker = self.argument(self.verb_subject(_spoken_act(token.head.head)))
                if taker.actor_like and taker.entity_id != recipient.entity_id:
                    actor = taker
            if entry.type in _SPEECH_ACTS and not actor.actor_like:
                passive = entry.pos == "V" and _is_passive(token)
                # "NASA is getting criticism", "rejected criticism of Australia's stand": a
                # judgement whose target is named needs no named source, as a passive verb does
                # not (requests and aid are the giver's acts: "the SES received calls for help")
                judged = (
                    entry.type in _JUDGEMENTS
                    and entry.pos == "N"
                    and recipient.actor_like
                    and recipient.entity_id is not None
                )
                if not (passive and _prep_object(token, "by") is None) and not judged:
                    continue  # "valuations supported by a combination of factors"
            pairs = [(actor, recipient)]
            if mutual and len(actor.members) == 2 and recipient.entity_id is None:
                # "both countries agreed", "the two exchanged views": one reciprocal row
                pairs = [(actor.members[0], actor.members[1])]
            elif actor.members:  # "a charge both countries have denied": one row each
                pairs = [(member, recipient) for member in actor.members]
            other_actors = self.coordinated(actor)
            pairs += [(other, recipient) for other in other_actors]
            # "France and Germany called on India and Pakistan": one row per actor and
            # recipient, each of the coordinated actors with each of the recipients
            pairs += [
                (one, other)
                for one in (actor, *other_actors)
                for other in self.coordinated(recipient)
            ]
            for actor, recipient in pairs:
                if not (actor.country or recipient.country):
                    continue  # neither side placed: no row of a country-to-country count
                if _no_counterpart(entry, recipient) or self.meets_alone(token, entry, recipient):
                    continue
                if actor.entity_id is not None and actor.entity_id == recipient.entity_id:
                    continue  # "the United States and China could agree": not China with China
                event = self.event(token, entry, actor, recipient)
                key = (token.i, entry.type, actor.entity_id or actor.country,
                       recipient.entity_id or recipient.country)  # fmt: skip
                if key not in events or events[key].confidence < event.confidence:
                    events[key] = event
        events = _other_side(events)
        for token, actor, recipient in self.demands():
            event = replace(self.event(token, _DEMAND, actor, recipient), modality="reported")
            key = (token.i, "REQUEST", actor.entity_id or actor.country,
                   recipient.entity_id or recipient.country)  # fmt: skip
            events.setdefault(key, event)
        ordered = _without_parents(self.doc, sorted(events.values(), key=lambda e: e.start_char))
        return [_renumber(e, i) for i, e in enumerate(ordered)]


def extract_events(
    doc: Doc,
    entities: ArticleEntities,
    dates: list[DateMention],
    quotes: Iterable[tuple[int, int]] = (),
    speakers: Iterable[tuple[int, int, str]] = (),
) -> list[Event]:
    """Events of one article; `quotes` are the character ranges of its quotes, `speakers`
    (start, end, entity id) those whose speaker is a known entity."""
    return _Extractor(doc, entities, dates, quotes, speakers).run()
