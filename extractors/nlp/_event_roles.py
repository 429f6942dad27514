"""Which token is the actor and which the recipient of a trigger: slots of the lexicon,
CAMEO patterns, weapons, targets and the fallbacks when a slot is empty; and whether a
trigger's parse fits its lexicon entry (`accepts`).

A layer of `_events._Extractor`, on top of the argument reader."""

from __future__ import annotations

from spacy.tokens import Token

from ._dictionaries import agent
from ._event_arguments import _Arguments
from ._event_parse import (
    _Arg,
    _asks_a_question,
    _child,
    _counted,
    _for_clause_subject,
    _governor,
    _is_passive,
    _names_an_event,
    _own_demonym,
    _participles,
    _prep_object,
    _promised_act,
    _town_struck,
)
from ._event_words import (
    _ADDRESSED,
    _ANSWERING_VERBS,
    _CLAUSE_DEPS,
    _DISCLOSING,
    _FORCES,
    _GIVING,
    _HURT,
    _MARKET_WORDS,
    _MUTUAL,
    _PLATFORMS,
    _PREVENTING,
    _PROTESTERS,
    _QUANTITIES,
    _RECEIVING,
    _SAYING,
    _STOPPAGES,
    _SYMMETRIC,
    _TARGET_ROLES,
    _THING_PARTIES,
    _WEAPON_NOUNS,
    CIVILIANS,
    is_actor_noun,
)
from ._plover_lexicon import Trigger, lookup
from ._tokens import children as child_tokens


class _Roles(_Arguments):
    """Actors and recipients of triggers."""

    def slot(self, trigger: Token, name: str) -> Token | None:
        if name == "that":  # "prosecutors alleged that Epstein abused girls": Epstein
            clause = _child(trigger, "ccomp")
            if clause is None:
                return None
            agent = _prep_object(clause, "by") if _is_passive(clause) else None
            if agent is not None and (self.names_actor(agent) or self.owner(agent)):
                # "alleges the attack was backed by the Pakistani intelligence service": the
                # one the clause says did it
                return agent
            return _child(clause, "nsubj", "nsubjpass")
        if name == "dobj":
            if _is_passive(trigger):
                found = self.passive_patient(trigger)
                if (
                    found is not None
                    and (found.tag_ in {"WP", "WDT"} or found.lower_ == "that")
                    and trigger.dep_ == "relcl"
                ):
                    return trigger.head  # "the journalist, who was detained by …"
                return found
            if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.i != trigger.i:
                # "a man convicted of threatening", "journalists arrested in Tehran": a
                # passive participle after a noun is done to that noun
                return trigger.head
            return _child(trigger, "dobj", "attr")
        found = _prep_object(trigger, name)
        if found is not None:
            return found
        obj = _child(trigger, "dobj")
        if obj is not None:
            found = _prep_object(obj, name)
        return found

    def deep_prep(self, token: Token, name: str) -> Token | None:
        """A preposition's object anywhere in the trigger's own phrase (not across clauses)."""
        queue = list(child_tokens(token))
        while queue:
            current = queue.pop(0)
            if current.dep_ in _CLAUSE_DEPS:
                continue
            if current.dep_ == "prep" and current.lower_ == name:
                found = _child(current, "pobj")
                if found is not None:
                    return found
            queue.extend(child_tokens(current))
        return None

    def object_lemmas(self, trigger: Token) -> set[str]:
        obj = _child(trigger, "dobj", "nsubjpass") if trigger.pos_ == "VERB" else None
        if obj is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            obj = trigger.head  # "the diplomat expelled by Washington": done to the diplomat
        lemmas = set()
        if obj is not None:
            obj = _counted(obj)  # "fired dozens of rockets": rockets
            lemmas.add(obj.lemma_.lower())
            lemmas.update(
                c.lemma_.lower() for c in child_tokens(obj) if c.dep_ in {"compound", "conj"}
            )
        if trigger.pos_ == "VERB" and obj is None:
            lemmas.update(c.lemma_.lower() for c in child_tokens(trigger) if c.dep_ == "xcomp")
            for child in child_tokens(trigger):
                if child.dep_ == "xcomp":
                    lemmas.update(c.lemma_.lower() for c in child_tokens(child) if c.dep_ == "dobj")
        return lemmas

    def accepts(self, token: Token, entry: Trigger) -> bool:
        if entry.pos == "V" and (token.pos_ != "VERB" or token.dep_ == "amod"):
            return False
        if (
            entry.particle is not None
            and all(_prep_object(token, word) is None for word in entry.particle.split(";"))
            and not ("for" in entry.particle.split(";") and _for_clause_subject(token))
            and not any(
                c.dep_ in {"prt", "prep"} and c.lower_ in entry.particle.split(";")
                for c in child_tokens(token)
            )  # "lashed out at", "pulled out of" (parsed as a preposition of its own)
            and not (entry.type == "PROTEST" and self.protesters(token))
        ):
            return False
        if entry.particle is not None and any(
            c.dep_ == "prt" and c.lower_ not in entry.particle.split(";")
            for c in child_tokens(token)
        ):
            return False  # "called in to Jakarta", "called off the strike": another verb
        lemmas = self.object_lemmas(token)
        if entry.pos == "N":
            lemmas |= {
                c.lemma_.lower() for c in child_tokens(token) if c.dep_ in {"compound", "amod"}
            }
        if entry.excluded:
            near = {c.lemma_.lower() for c in child_tokens(token)}
            near |= {g.lemma_.lower() for c in child_tokens(token) for g in child_tokens(c)}
            if token.dep_ == "compound":
                near.add(token.head.lemma_.lower())  # "detention center", "withdrawal fee"
            if entry.excluded & (lemmas | near):
                return False
        obj = _child(token, "dobj", "nsubjpass") if token.pos_ == "VERB" else None
        if obj is not None and entry.objects:
            found = self.entities.mention_at(obj.i)
            if found is not None and self.entities.mentions[found].label == "PERSON":
                lemmas = lemmas | {"person"}  # a named person is a person ("released Navalny")
        if (
            entry.objects
            and not (entry.objects & lemmas)
            and not (entry.pos == "N" and entry.type == "ASSAULT" and self.placed_by(token))
        ):
            # without a direct object, a filled slot preposition says what kind of act it
            # is ("forces fired on protesters", "strikes on Nablus", not "a strike on
            # Monday"), else the object had to be one of these; a noun of force placed by a
            # nation names its side ("the Gaza strikes", "US strikes")
            has_object = any(c.dep_ in {"dobj", "nsubjpass"} for c in child_tokens(token))
            if has_object or not any(
                (filled := _prep_object(token, name)) is not None
                and not (entry.pos == "N" and filled.ent_type_ in {"DATE", "TIME"})
                for name in entry.slots
                if name not in {"dobj", "to"}
            ):
                return False
        if entry.governors and not any(
            c.dep_ == "acl" and c.lemma_.lower() in entry.governors for c in child_tokens(token)
        ):  # "the jail sentence given to a man", "charges filed in Ohio"
            governor = _governor(token)
            if token.dep_ not in {"dobj", "pobj", "nsubjpass", "conj"} or (
                governor.lemma_.lower() not in entry.governors
                and not any(c.dep_ == "prep" and c.lower_ == "against" for c in child_tokens(token))
            ):
                return False
        if (
            entry.type == "REJECT"
            and entry.pos == "V"
            and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in _DISCLOSING for c in child_tokens(token)
            )
        ):
            return False  # "declined to say", "refused to confirm": no comment to the press
        if entry.type == "REQUEST" and entry.pos == "V" and _asks_a_question(token):
            return False
        if entry.type == "PROTEST" and entry.lemma == "rally":
            sentence = self.sentences[self.sentence_of[token.i]]
            if any(t.lemma_.lower() in _MARKET_WORDS for t in sentence):
                return False
        return True

    def in_fighting(self, token: Token) -> bool:
        """Whether the sentence of a word of harm tells of arms or of an attack ("injured in
        the exchange of fire", "wounded when Russian drones hit Kharkiv")."""
        for word in self.sentences[self.sentence_of[token.i]]:
            if word.i == token.i or word.pos_ not in {"NOUN", "VERB"}:
                continue
            lemma = word.lemma_.lower()
            found = lookup(lemma, word.pos_)
            if lemma in _WEAPON_NOUNS or (
                found is not None
                and found.type == "ASSAULT"
                and found.cameo is None
                and found.lemma not in _HURT
            ):
                return True
        return False

    def names_place(self, arg: _Arg) -> bool:
        """Whether an argument is a named place or facility, not a body or a person."""
        if arg.entity_id is not None:
            return self.entities.records[arg.entity_id].type in {"GPE", "LOC", "FAC"} and (
                arg.token is None or self.entities.mention_at(arg.token.i) is not None
            )
        return False

    def placed_by(self, noun: Token) -> bool:
        """Whether a modifier of a noun names a place or a nation ("the Gaza strikes")."""
        for child in child_tokens(noun):
            if child.dep_ in {"compound", "amod", "poss"} and child.i < noun.i:
                found = self.entities.mention_at(child.i)
                if found is not None and self.entities.mentions[found].label in {
                    "GPE", "NORP",
                }:  # fmt: skip
                    return True
        return False

    def protesters(self, verb: Token) -> bool:
        """Whether a verb's subject is people who protest ("protesters marched", "thousands
        of teachers rallied"): then "march", "rally" and "demonstrate" need no "against"."""
        subject = _child(verb, "nsubj")
        if subject is None:
            return False
        counted = _prep_object(subject, "of")
        if counted is not None and (subject.like_num or subject.lemma_.lower() in _QUANTITIES):
            subject = counted
        return subject.lemma_.lower() in _PROTESTERS

    def labour_strike(self, token: Token) -> bool:
        """Whether "strike" is a stoppage of work: "went on strike", "a general strike", "the
        teachers' strike", "nurses are striking"; not "air strikes", "troops struck Gaza"."""
        if token.pos_ == "VERB":
            return not any(
                c.dep_ in {"dobj", "nsubjpass"}
                or (c.dep_ == "prep" and c.lower_ in {"on", "at", "against", "in"})
                for c in child_tokens(token)
            ) and self.protesters(token)
        modifiers = {
            c.lemma_.lower() for c in child_tokens(token) if c.dep_ in {"amod", "compound", "poss"}
        }
        by = _prep_object(token, "by")
        return (
            (token.dep_ == "pobj" and token.head.lower_ == "on")  # "went on strike"
            or bool(modifiers & (_STOPPAGES | _PROTESTERS))
            or (by is not None and by.lemma_.lower() in _PROTESTERS)
        )

    def roles(self, token: Token, entry: Trigger) -> tuple[_Arg, _Arg]:
        if entry.slots == ("<from",):
            actor_token = self.deep_prep(token, "from")
            recipient_token = self.verb_subject(token)
            return self.argument(actor_token), self.argument(recipient_token)
        if entry.pos == "V":
            actor = self.argument(self.verb_subject(token))
            if (
                actor.entity_id is None
                and not actor.country
                and entry.type == "ASSAULT"
                and _is_passive(token)
            ):
                # "civilians were killed in Russian airstrikes", "wounded by Israeli
                # shelling": whose weapon it was did it
                for weapon in self.weapons(token):
                    used_by = self.argument(weapon)
                    if not used_by.country and _prep_object(weapon, "by") is not None:
                        used_by = self.argument(_prep_object(weapon, "by"))  # "raids by US jets"
                    if used_by.country:
                        actor = used_by
                        break
            if (
                not actor.country
                and entry.type == "ASSAULT"
                and actor.token is not None
                and actor.token.lemma_.lower() in _PLATFORMS
            ):
                # "Helicopters also opened fire", "the tanks fired two shells": a war machine
                # with no side of its own fights for the armed force named last before it
                force = self.armed_force_before(actor.token)
                if force is not None:
                    actor = _Arg(actor.text, force.entity_id, force.country, True, actor.token)
            # the first slot that names an entity, else the first filled one ("launched
            # airstrikes against Hamas on Tuesday": Hamas, not Tuesday)
            recipient_token = None
            for name in entry.slots:
                candidate_token = self.slot(token, name)
                if candidate_token is None:
                    continue
                if recipient_token is None:
                    recipient_token = candidate_token
                if self.entities.mention_at(candidate_token.i) is not None or (
                    self.argument(candidate_token).entity_id is not None
                ):
                    recipient_token = candidate_token
                    break
            if recipient_token is None:
                # "called for Israel to withdraw", "pushed for the minister to resign": the
                # subject of the for-clause is the one asked
                recipient_token = _for_clause_subject(token)
            if recipient_token is None:  # "threatened to kill X", "urged … to meet X"
                clause = _child(token, "xcomp")
                if clause is None and entry.type == "AGREE":
                    clause = _promised_act(token)  # "pledged that he would work with X"
                if clause is not None:
                    recipient_token = _child(clause, "dobj")
                    for other in child_tokens(clause):  # "threatened to assault and murder X"
                        if recipient_token is None and other.dep_ == "conj":
                            recipient_token = _child(other, "dobj")
                    if recipient_token is None or self.argument(recipient_token).entity_id is None:
                        # "threatened to use nuclear weapons against South Korea", "vowed to
                        # impose tariffs on China", "agreed to send tanks to Poland", "refused
                        # to work with Iran": the one the clause's act is aimed at
                        for name in ("against", "on", "at", "to", "with"):
                            aimed = _prep_object(clause, name)
                            if aimed is not None and self.argument(aimed).entity_id is not None:
                                recipient_token = aimed
                                break
                    if (
                        entry.type == "AGREE"
                        and recipient_token is not None
                        and self.argument(recipient_token).entity_id is None
                    ):
                        # "promised to round up suicide bombers": the unnamed ones a promised
                        # act is done to are not whom it is promised to ("agreed to meet
                        # Vajpayee" names the partner)
                        recipient_token = None
            if recipient_token is not None and recipient_token.pos_ == "VERB":
                # "threatening to assault and murder a U.S. official" parsed as a preposition
                # and its object: the object of that verb (or of the verb joined to it)
                verbs = [
                    recipient_token,
                    *(c for c in child_tokens(recipient_token) if c.dep_ == "conj"),
                ]
                recipient_token = next(
                    (o for v in verbs for o in child_tokens(v) if o.dep_ == "dobj"), None
                )
            recipient = self.argument(recipient_token)
            if recipient.entity_id is None:
                recipient = self.fallback_recipient(token, entry, recipient)
            if (
                recipient.entity_id is None
                and entry.type in _ADDRESSED
                and token.dep_ == "advcl"
                and token.head.lemma_.lower() in _SAYING
            ):
                # "Sasse told Hawk Sawyer, calling for an explanation": what is asked or
                # charged while telling someone is addressed to that one
                addressee = _child(token.head, "dobj", "dative")
                if addressee is not None and self.names_actor(addressee):
                    addressed = self.argument(addressee)
                    if addressed.entity_id is not None:
                        recipient = addressed
            if recipient.entity_id is None and (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL):
                # "agreed to a ceasefire with Israel": the partner of what is agreed
                partner = self.deep_prep(token, "with")
                candidate = self.argument(partner) if partner is not None else None
                if candidate is not None and candidate.entity_id is not None:
                    recipient = candidate
            return actor, recipient
        # nouns
        if entry.governors:
            verb = _governor(token)
            if verb.pos_ == "VERB" and verb.lemma_.lower() in _ANSWERING_VERBS:
                # "Webb faces charges", "pleaded guilty to charges": the one who answers them
                # is their recipient; who brought them is left to the implicit-actor rules
                subject = self.verb_subject(verb)
                if subject is not None and self.names_actor(subject):
                    return _Arg(None, None, None), self.argument(subject)
            if verb.pos_ == "VERB" and verb.lemma_.lower() in _GIVING:
                # "the court gave him a sentence", "he was handed a sentence": the one given
                # it is its recipient, whoever gave it the actor
                given = _child(verb, "dative") or self.passive_patient(verb)
                if given is not None and given.pos_ in {"NOUN", "PROPN", "PRON"}:
                    return self.argument(self.verb_subject(verb)), self.argument(given)
            if verb.pos_ == "VERB" and verb.lemma_.lower() == "serve":
                subject = self.verb_subject(verb)  # "he is serving a life sentence"
                if subject is not None and self.names_actor(subject):
                    return _Arg(None, None, None), self.argument(subject)
        if (
            token.dep_ == "dobj"
            and token.head.pos_ == "VERB"
            and token.head.lemma_.lower() in _RECEIVING
            and (
                self.names_actor_or_none(self.verb_subject(token.head))
                or _names_an_event(self.verb_subject(token.head))
            )
        ):
            # "NASA is getting criticism", "Israel drew condemnation from Turkey": whoever
            # gets, draws or faces an act is its target, the "from" object its source; an
            # event that draws it ("Russia's invasion drew condemnation") stands for whoever
            # did it
            verb = token.head
            return self.argument(self.deep_prep(verb, "from")), self.argument(
                self.verb_subject(verb)
            )
        if token.dep_ == "dobj" and token.head.pos_ == "VERB":
            verb = token.head
            own = lookup(verb.lemma_, verb.pos_)
            if own is None or own.cameo or not self.accepts(verb, own):
                pattern = self.pattern(verb)
            else:
                pattern = None
            if pattern is not None and pattern.passive and pattern.type == entry.type:
                # "Russia faced criticism from Germany": the verb's CAMEO pattern makes its
                # subject the target, and the "from" object (if any) the source
                return self.argument(self.deep_prep(verb, "from")), self.argument(
                    self.verb_subject(verb)
                )
        between = None
        if "between" in entry.slots:
            between = _prep_object(token, "between")
            if between is None and token.dep_ == "dobj":
                between = _prep_object(token.head, "between")  # "mediating talks between"
        if between is not None:
            # "talks between Israel and Hamas": the two parties, whoever hosts the talks
            first = self.argument(between)
            others = self.coordinated(first)
            if first.entity_id is not None and others:
                return first, others[0]
            second = _child(between, "conj")
            if (
                second is not None
                and is_actor_noun(between)
                and (is_actor_noun(second) or second.lemma_.lower() in CIVILIANS)
            ):
                # "clashes between police and protesters": two sides named by what they
                # are, placed as such actors are (by their own words or the place)
                return first, self.argument(second)
        if entry.type in _SYMMETRIC or entry.lemma in _MUTUAL:
            for named_second in child_tokens(token):
                named_first = next(
                    (
                        c
                        for c in child_tokens(named_second)
                        if c.dep_ == "compound"
                        and c.i < named_second.i
                        and any(p.lower_ in {"-", "–"} for p in self.doc[c.i + 1 : named_second.i])
                    ),
                    None,
                )
                if named_second.dep_ != "compound" or named_first is None:
                    continue
                # "the Ford-Suharto meeting", "the Putin-Kim summit": the two named parties
                left, right = self.named(named_first), self.named(named_second)
                if left.entity_id and right.entity_id and left.entity_id != right.entity_id:
                    return left, right
        if (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL) and any(
            c.dep_ == "poss" and c.lower_ == "their" for c in child_tokens(token)
        ):
            parties = self.their_parties(token)
            if parties is not None:
                return parties
        actor = _Arg(None, None, None)
        patient = _Arg(None, None, None)
        for child in child_tokens(token):
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                if _town_struck(child):
                    patient = self.argument(child)  # "the Gaza strikes": struck there
                    continue
                candidate = self.argument(child)
                if candidate.entity_id is not None:
                    if (
                        child.dep_ == "poss"
                        and entry.slots[:1] == ("of",)
                        and entry.type in {"COERCE", "ASSAULT"}
                        and _prep_object(token, "of") is None
                        and self.entities.records[candidate.entity_id].type == "PERSON"
                    ):
                        # "his arrest", "Navalny's killing": a person before a noun whose
                        # object takes "of" is the one it was done to
                        patient = candidate
                        continue
                    actor = candidate
                    break
        # "an inquiry from the office of the attorney general"; "the withdrawal of Armenian
        # troops from…": an "of" phrase names who acts when the noun's object takes another
        for name in ("by", "from", "of"):
            if actor.entity_id is None and name not in entry.slots:
                found = _prep_object(token, name)
                if found is None and name == "by":
                    # "aid promised by Japan", "the raid, carried out by Israeli forces": the
                    # agent of a passive participle after the noun did it
                    found = next(
                        (
                            o
                            for p in _participles(token)
                            if (o := _prep_object(p, "by")) is not None
                        ),
                        None,
                    )
                if (
                    found is not None
                    and name == "from"
                    and entry.mode == "visit"
                    and (mention := self.entities.mention_at(found.i)) is not None
                    and self.entities.mentions[mention].label in {"GPE", "LOC", "FAC"}
                ):
                    continue  # "a 24-hour trip from the USA": where the trip starts
                if found is not None:
                    candidate = self.argument(found)
                    if candidate.actor_like:
                        actor = candidate
        governor = token.head
        if (
            actor.entity_id is None
            and token.dep_ == "pobj"
            and governor.dep_ == "prep"
            and governor.lower_ in {"for", "during", "on", "at"}
            and governor.head.pos_ == "VERB"
        ):
            actor = self.argument(self.verb_subject(governor.head))
        if (
            actor.entity_id is None
            and token.dep_ in {"dobj", "conj"}
            and governor.pos_ in {"VERB", "NOUN"}
        ):
            verb = governor if token.dep_ == "dobj" else governor.head
            # the subject of a light verb acts ("Kim voiced his support", "Russia launched an
            # attack"); one of another event verb does not ("Saudi Arabia condemned the
            # attack": the condemner is not the attacker)
            light = lookup(verb.lemma_, verb.pos_)
            if (
                verb.pos_ == "VERB"
                and (
                    light is None
                    or light.type == entry.type
                    or light.cameo is not None
                    # "promised an investigation", "pledged aid": who undertakes an act
                    # will do it
                    or (light.type == "AGREE" and token.dep_ == "dobj")
                )
                and verb.lemma_.lower() not in _PREVENTING
                and not (entry.governors and verb.lemma_.lower() not in entry.governors)
            ):  # "applauded the sentence given to him": the applauder gave none
                actor = self.argument(self.verb_subject(verb))
        recipient = patient
        if patient.entity_id is not None:
            return actor, recipient
        targeted = self.target_of(token)
        if targeted is not None:
            return actor, targeted
        heads = [token, *(c for c in child_tokens(token) if c.dep_ == "conj"), *_participles(token)]
        if token.dep_ == "dobj":
            heads.append(governor)
        for name in entry.slots:
            for head in heads:
                found = _prep_object(head, name)
                if found is not None:
                    recipient = self.argument(found)
                    if recipient.entity_id is not None:
                        return actor, recipient
        if recipient.entity_id is None and entry.type in {"ACCUSE", "REQUEST"}:
            # "Sharon's accusation that Arafat was responsible", "the demand that Iran
            # release the sailors": the subject of the noun's that-clause
            clause = next(
                (
                    c
                    for c in child_tokens(token)
                    if c.dep_ in {"acl", "ccomp"}
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in child_tokens(c))
                ),
                None,
            )
            named = self.argument(_child(clause, "nsubj", "nsubjpass")) if clause else None
            if named is not None and named.entity_id is not None:
                return actor, named
        if recipient.entity_id is None:
            recipient = self.fallback_recipient(token, entry, recipient)
        return actor, recipient

    def weapons(self, verb: Token) -> list[Token]:
        """The weapons or blows a passive verb of harm names in its "in" or "by" phrase, or the
        phrase of a verb joined to it ("were killed and 200 wounded in three nights of US
        airstrikes", "killed and 15 injured in bombing raids by US warplanes")."""
        verbs = [verb]
        for other in child_tokens(verb):
            if other.dep_ != "conj":
                continue
            verbs.append(other)
            verbs.extend(c for c in child_tokens(other) if c.dep_ == "acl" and c.tag_ == "VBN")
        found = []
        for current in verbs:
            for name in ("in", "by"):
                weapon = _prep_object(current, name)
                if weapon is not None and weapon.lemma_.lower() not in _WEAPON_NOUNS:
                    weapon = _prep_object(weapon, "of")  # "three nights of US airstrikes"
                if weapon is not None and weapon.lemma_.lower() in _WEAPON_NOUNS:
                    found.append(weapon)
        return found

    def target_of(self, token: Token) -> _Arg | None:
        """The one a noun event is aimed at when the text says it is its target: "WeWork is
        the subject of an SEC inquiry", "Kyiv became the target of Russian strikes"."""
        if not (token.dep_ == "pobj" and token.head.lower_ == "of"):
            return None
        role = token.head.head
        if role.lemma_.lower() not in _TARGET_ROLES or role.dep_ not in {"attr", "oprd"}:
            return None
        verb = role.head
        if verb.lemma_.lower() not in {"be", "become", "remain"}:
            return None
        subject = _child(verb, "nsubj")
        if subject is None:
            return None
        found = self.argument(subject)
        return found if found.actor_like else None

    def their_parties(self, token: Token) -> tuple[_Arg, _Arg] | None:
        """The two parties of "their talks", "their cooperation": the coordinated subject of
        the verb that governs the noun ("Putin and Kim praised their cooperation"), else the
        last two parties of different countries named before it (`pair_named_before`)."""
        verb = _governor(token)
        if verb.pos_ == "VERB":
            subject = self.verb_subject(verb)
            if subject is not None:
                first = self.argument(subject)
                others = self.coordinated(first)
                if first.entity_id is not None and others:
                    return first, others[0]
        pair = self.pair_named_before(token)
        return (pair[0], pair[1]) if len(pair) == 2 else None

    def fallback_recipient(self, token: Token, entry: Trigger, found: _Arg) -> _Arg:
        """When the trigger's own slots name no entity: the first entity among the
        arguments that name whom an act is aimed at in English whatever the verb ("against",
        "on", "with", "toward(s)", the direct object of a verb, "of" after a noun with an actor:
        "Russia's invasion of Ukraine"). Only an entity is taken, never a common noun."""
        names: tuple[str, ...] = ("against", "on", "with", "toward", "towards", "to")
        if entry.pos == "V":
            names = ("dobj", *names)
            if entry.type in {"REQUEST", "ACCUSE"}:
                names = (*names, "that")  # "demanded that the government reach a deal"
        elif any(c.dep_ in {"poss", "amod", "compound"} for c in child_tokens(token)):
            names = (*names, "of")
        for name in names:
            if name in entry.slots or name.startswith("<"):
                continue
            if name == "dobj":
                candidate_token = _child(token, "dobj") if not _is_passive(token) else None
            elif name == "that":
                candidate_token = self.slot(token, "that")
            else:
                candidate_token = _prep_object(token, name)
            if candidate_token is None:
                continue
            candidate = self.argument(candidate_token)
            if candidate.entity_id is not None:
                return candidate
        return self.party_of_thing(found) or found

    def party_of_thing(self, arg: _Arg) -> _Arg | None:
        """The party a thing named as the target holds in its own phrase: "linked aid to a
        new agreement with Nauru" (Nauru), "imposed duties on imports from China" (China).
        A thing is aimed at no one itself; the one it is made with or comes from is the
        side the act is aimed at."""
        thing = arg.token
        if thing is None or arg.entity_id is not None or thing.pos_ != "NOUN":
            return None
        if is_actor_noun(thing) or thing.lemma_.lower() in CIVILIANS:
            return None
        for name in _THING_PARTIES:
            inner = _prep_object(thing, name)
            if inner is None:
                continue
            candidate = self.argument(inner)
            if candidate.entity_id is not None and candidate.actor_like:
                return candidate
        return None

    def armed_force_before(self, token: Token) -> _Arg | None:
        """The nearest armed force named with its country ("the Israeli army", "Japanese
        coastguard vessels", "Israel's troops") before `token` in the text."""
        for candidate in reversed(self.doc[: token.i]):
            if candidate.pos_ != "NOUN":
                continue
            lemma = candidate.lemma_.lower()
            if agent(lemma) != "MIL" and lemma not in _FORCES:
                continue
            # placed by its own phrase ("Japanese coastguard vessels", "Israel's army"),
            # not by the sentence around it
            own = _own_demonym(candidate)
            if own:
                return _Arg(candidate.text, None, own, True, candidate)
            owner = _child(candidate, "poss", "compound")
            found = self.argument(owner) if owner is not None else None
            if found is not None and found.entity_id is not None and found.country:
                return found
        return None
