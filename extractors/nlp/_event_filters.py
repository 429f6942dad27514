"""Checks `_events._Extractor.run` applies to a coded trigger before it keeps the event:
natural hazards, words used as blows, the same event told twice, a meeting with no one,
a threat of one's own act; and the sides of an earlier event a trigger tells again.

A layer of `_events._Extractor`; each check answers one question about one trigger."""

from __future__ import annotations

from spacy.tokens import Token

from ._countries import place_iso3
from ._dictionaries import agent
from ._event_parse import _Arg, _child, _names_a_nation, _participles, _prep_object, _same_toll
from ._event_roles import _Roles
from ._event_words import (
    _FIREFIGHTERS,
    _HAZARDS,
    _MODIFIER_DEPS,
    _PHYSICAL,
    _PLATFORMS,
    _RETOLD_WITHIN,
    _VERBAL_SENSE,
    _WEAPON_NOUNS,
    CIVILIANS,
    _EventKey,
    is_actor_noun,
)
from ._plover_lexicon import Trigger, lookup
from ._tokens import children as child_tokens
from ._types import Event


class _Filters(_Roles):
    """Checks on coded triggers, and events told again."""

    def warns_of_own_act(self, token: Token, actor: _Arg, recipient: _Arg) -> bool:
        """Whether a warning is a threat: it names whom it warns, or its that-clause says
        what the warner or its side will do (its subject is the warner, "we" or a pronoun);
        a that-clause about something else is a warning of a danger."""
        if recipient.actor_like or _child(token, "dobj") is not None:
            return True
        clause = _child(token, "ccomp")
        subject = _child(clause, "nsubj") if clause is not None else None
        if subject is None:
            return True  # "warned of reprisals", "warned against ...": as CAMEO codes them
        if subject.lower_ in {"i", "we", "he", "she", "it", "they"}:
            return True
        return actor.entity_id is not None and self.argument(subject).entity_id == actor.entity_id

    def natural(self, token: Token) -> bool:
        """Whether a harm is done by nature: its subject or object is a natural hazard
        ("storms that struck", "battling a fire"), or it happened when one struck ("were
        killed when a thunderstorm struck")."""

        def hazard(word: Token | None) -> bool:
            return word is not None and (
                word.lemma_.lower() in _HAZARDS
                or any(
                    c.dep_ == "compound" and c.lemma_.lower() in _HAZARDS
                    for c in child_tokens(word)
                )
            )

        if token.pos_ != "VERB":
            return False
        subject = self.verb_subject(token)
        if hazard(subject) or hazard(_child(token, "dobj")):
            return True
        if subject is not None and subject.lemma_.lower() in _FIREFIGHTERS:
            return True  # "firefighters are battling a fire band": what they fight is fire
        return any(c.dep_ == "advcl" and hazard(_child(c, "nsubj")) for c in child_tokens(token))

    def figurative(self, token: Token) -> bool:
        """Whether a passive blow is a figure of speech: "I'm struck by the unpredictability
        of the damage" is struck by no party, weapon, war machine or act of force."""
        agent_word = _prep_object(token, "by")
        if token.pos_ != "VERB" or agent_word is None or agent_word.pos_ != "NOUN":
            return False
        lemma = agent_word.lemma_.lower()
        return not (
            is_actor_noun(agent_word)
            or self.entities.mention_at(agent_word.i) is not None
            or lemma in _WEAPON_NOUNS
            or lemma in _PLATFORMS
            or lookup(agent_word.lemma_, agent_word.pos_) is not None
            or any(
                c.dep_ in {"compound", "amod"} and c.lemma_.lower() in _WEAPON_NOUNS
                for c in child_tokens(agent_word)
            )
        )

    def aimed_at(self, thing: Token) -> _Arg | None:
        """Whom a thing acted on is aimed at: its "on" or "against" object, or that object's
        owner ("lifted sanctions on Iran", "eased tariffs on Chinese goods")."""
        for name in ("on", "against"):
            found = _prep_object(thing, name) or next(
                (o for p in _participles(thing) if (o := _prep_object(p, name)) is not None), None
            )  # "the sanctions imposed on Caracas"
            if found is None:
                continue
            aimed = self.argument(found)
            if aimed.entity_id is not None and aimed.country:
                return aimed
            owner = self.owner(found)
            if owner is not None and owner.country:
                return owner
        return None

    def place_country(self, found: Token) -> str | None:
        """The country of the place a preposition's object names: the place itself ("in
        Tehran"), else a place or nationality among its modifiers and its "of" phrase ("in
        the Russian city of Ryazan", "near the village of Ivanivka"), not entering clauses.
        A weapon or a blow is no place ("killed in American airstrikes": the striker's)."""
        blow = lookup(found.lemma_, found.pos_) or lookup(found.lower_, found.pos_)
        if found.lemma_.lower() in _WEAPON_NOUNS or (
            blow is not None and blow.pos == "N" and blow.type == "ASSAULT"
        ):
            return None
        queue = [found]
        while queue:
            current = queue.pop(0)
            n = self.entities.mention_at(current.i)
            if n is not None and self.entities.mentions[n].label in {"GPE", "LOC", "NORP"}:
                country = self.entities.as_state(self.entities.entity_of[n]).country
                if country:
                    return country
            elif n is None and current.pos_ == "PROPN":
                country = place_iso3(current.text)  # a place the model did not tag
                if country:
                    return country
            if current.i != found.i and n is not None:
                continue  # another entity's own words ("the Russian city of" is one phrase)
            queue.extend(
                c
                for c in child_tokens(current)
                if c.dep_ in _MODIFIER_DEPS
                or c.dep_ == "pobj"
                or (c.dep_ == "prep" and c.lower_ == "of")
            )
        return None

    def same_event(self, token: Token, entry: Trigger) -> bool:
        """A second trigger word of an event already coded in its clause: a noun coordinated
        with a trigger of the same type ("his support and solidarity"), a CONSULT noun in
        a phrase of a CONSULT trigger ("visit Moscow for their next meeting"), or the second
        count of a toll ("20 were killed and 40 injured")."""
        if _same_toll(token):
            return True
        if token.dep_ == "conj" and not (
            entry.pos == "V" and any(c.dep_ in {"dobj", "nsubjpass"} for c in child_tokens(token))
        ):
            # a verb with an object of its own is a clause of its own ("arrived in Beirut and
            # met Lebanese officials"), not a second word for its head's event
            head = lookup(token.head.lemma_, token.head.pos_)
            if head is not None and head.type == entry.type and self.accepts(token.head, head):
                return True
        if entry.pos == "N":
            # "as a form of protest" under "blocked roads"; "visit Moscow for their meeting"
            current = token
            for _ in range(6):
                if current.head.i == current.i or current.dep_ in {
                    "relcl", "ccomp", "parataxis", "nsubj", "nsubjpass", "csubj",
                }:  # fmt: skip
                    # a subject is an event of its own ("Russia's invasion of Ukraine has
                    # killed thousands"), not a second word for its verb's
                    break
                current = current.head
                head = lookup(current.lemma_, current.pos_)
                if (
                    head is not None
                    and head.cameo is None  # "mediating talks": the talks are the event
                    and head.type == entry.type
                    and self.accepts(current, head)
                ):
                    return True
        return False

    def meets_alone(self, token: Token, entry: Trigger, recipient: _Arg) -> bool:
        """Whether "meet" with no one to meet has a subject of one party ("the members of
        the parliament meet today"): a body sitting, not parties meeting each other, which
        an intransitive "meet" needs ("Putin and Xi met", "ministers from France and
        Germany will meet")."""
        if not (entry.type == "CONSULT" and entry.pos == "V" and entry.mode == "meet"):
            return False
        if recipient.entity_id is not None or recipient.country or recipient.text:
            return False
        subject = self.verb_subject(token)
        if subject is None or subject.pos_ == "PRON":
            return False  # "they met": who they are lies outside the clause
        return not any(word.dep_ == "conj" for word in subject.subtree)

    def earlier_event(
        self, token: Token, entry: Trigger, events: dict[_EventKey, Event]
    ) -> tuple[_Arg, _Arg] | None:
        """The sides of the event of the same type coded last before a trigger that names
        none ("Israeli troops shot a gunman ... A firefight erupted"): the same fighting,
        told again."""
        number = self.sentence_of[token.i]
        found = None
        for event in events.values():
            if (
                event.type == entry.type
                and event.start_char < token.idx
                and number - event.sentence_index <= _RETOLD_WITHIN
                and (found is None or event.start_char > found.start_char)
                and not self.inside_event(token, event)
            ):
                found = event
        if found is None:
            return None
        return (
            _Arg(found.actor_text, found.actor_entity_id, found.actor_country, True, None, True,
                 retold=True),
            _Arg(found.recipient_text, found.recipient_entity_id, found.recipient_country, True,
                 None, True, retold=True),
        )  # fmt: skip

    def inside_event(self, token: Token, event: Event) -> bool:
        """Whether a noun trigger lies in the phrases of an earlier event's trigger ("launched
        strikes on Nablus, a town close to the scene of the bus ambush"): an event its
        argument mentions, not that event told again."""
        if token.pos_ != "NOUN":
            return False  # "were killed and 15 injured": a verb joined to it is the same scene
        span = self.doc.char_span(event.start_char, event.end_char, alignment_mode="expand")
        if span is None:
            return False
        trigger = span.root
        return trigger.left_edge.i <= token.i <= trigger.right_edge.i and token.i != trigger.i

    def physical_attack(self, token: Token, entry: Trigger, actor: _Arg, recipient: _Arg) -> bool:
        """The mirror of `verbal_attack`: a verb of criticism English also uses for blows
        ("blasted") whose object is a place, or a thing hit by weapons or armed forces or in a
        sentence of wounds and weapons."""
        if entry.type != "ACCUSE" or entry.pos != "V" or entry.lemma not in _VERBAL_SENSE:
            return False
        if recipient.entity_id is not None:
            # a town or a site is hit with arms; a person, a body, a people or a state
            # ("blasted China", "the Italian government") is criticised
            n = self.entities.mention_at(recipient.token.i) if recipient.token else None
            mention = self.entities.mentions[n] if n is not None else None
            return (
                mention is not None
                and mention.label in {"GPE", "LOC", "FAC"}
                and not _names_a_nation(mention)
                and self.entities.records[recipient.entity_id].type in {"GPE", "LOC", "FAC"}
            )
        if recipient.token is None or recipient.actor_like:
            return False
        if actor.token is not None and (
            actor.token.lemma_.lower() in _WEAPON_NOUNS
            or agent(actor.token.lemma_.lower()) == "MIL"
        ):
            return True
        sentence = self.sentences[self.sentence_of[token.i]]
        return any(t.lemma_.lower() in _PHYSICAL for t in sentence)

    def verbal_attack(self, token: Token, entry: Trigger, actor: _Arg, recipient: _Arg) -> bool:
        if entry.type != "ASSAULT" or entry.pos != "V" or entry.lemma not in _VERBAL_SENSE:
            return False
        records = self.entities.records
        if recipient.entity_id is None or records[recipient.entity_id].type not in {
            "PERSON", "ORG",
        }:  # fmt: skip
            return False  # a place or a people is attacked with arms
        political = actor.token is not None and agent(actor.token.lemma_.lower()) in {
            "GOV", "LEG", "PTY", "OPP",
        }  # fmt: skip
        if political:  # "the French senator", "Republican lawmakers"
            pass
        elif actor.entity_id is not None:
            if records[actor.entity_id].type not in {"PERSON", "NORP", "ORG"}:
                return False  # a state attacks with arms
            if agent(records[actor.entity_id].name) in {"MIL", "REB", "INS", "CRM"}:
                return False
        elif actor.token is not None and (
            actor.token.lemma_.lower() in CIVILIANS
            or agent(actor.token.lemma_.lower()) not in {None, "GOV", "LEG", "PTY", "OPP"}
        ):
            return False  # "a man attacked the senator", "soldiers attacked"
        sentence = self.sentences[self.sentence_of[token.i]]
        return not any(t.lemma_.lower() in _PHYSICAL for t in sentence)
