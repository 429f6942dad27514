"""One side of an event read from a phrase: the entity or country a token names, its
coordinated members, owners, groups of countries and the country its context gives.

A layer of `_events._Extractor`: the roles, filters and reported speech all resolve their
phrases through it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ._countries import demonym, place, place_iso3
from ._dictionaries import actor, agent
from ._entity_countries import is_company, is_international, is_state_body
from ._event_parse import (
    _Arg,
    _child,
    _names_a_blow,
    _names_a_nation,
    _participles,
    _party,
    _prep_object,
    _town_struck,
)
from ._event_subjects import _Subjects
from ._event_words import (
    _ARG_DEPS_ORDER,
    _BOUND_POSSESSIVES,
    _CARRYING,
    _CLAUSE_DEPS,
    _FIRST_PERSON,
    _MEMBER_STATES,
    _MODIFIER_DEPS,
    _QUANTITIES,
    _REPORTED,
    _SAYING,
    _STATE_AGENTS,
    _STATE_NOUNS,
    _WEAPON_NOUNS,
    CIVILIANS,
    GENERIC_ACTORS,
    MULTI_ACTORS,
    is_actor_noun,
)
from ._plover_lexicon import lookup
from ._tokens import children as child_tokens
from ._tokens import span as doc_span
from ._tokens import tokens


def _stance_before(doc: Doc, start: int) -> bool:
    """ "anti-Taliban fighters", "pro-Kremlin media": the name is what they oppose or back,
    not who they are."""
    return (
        start >= 2
        and tokens(doc)[start - 1].text == "-"
        and tokens(doc)[start - 2].lower_ in {"anti", "pro"}
    )


class _Arguments(_Subjects):
    """Sides of events read from phrases."""

    def argument(self, token: Token | None) -> _Arg:
        found = self._argument(token)
        if token is not None:
            found.token = token
        return found

    def coordinated(self, arg: _Arg) -> list[_Arg]:
        """The other members of a coordination an argument heads ("Noel and Thomas pleaded
        not guilty": Thomas), when they name actors of their own."""
        if arg.token is None:
            return []
        members = []
        for token in arg.token.subtree:
            if token.dep_ == "conj" and token.head is not None and token.i != arg.token.i:
                # only conjuncts of the head itself, or of its conjuncts, not inside modifiers
                head = token.head
                while head.dep_ == "conj" and head.i != arg.token.i:
                    head = head.head
                if head.i != arg.token.i:
                    continue
                if (
                    arg.entity_id is not None
                    and self.entities.mention_at(arg.token.i) is None  # placed by a modifier
                    and token.pos_ == "NOUN"
                    and not any(c.dep_ in _MODIFIER_DEPS for c in child_tokens(token))
                    and any(
                        c.dep_ in {"amod", "compound"} and c.i < arg.token.i
                        for c in child_tokens(arg.token)
                    )
                ):
                    # "Israeli tanks and troops": a bare noun joined to a modified one shares
                    # its modifier, so it is the same party, not one placed anew
                    continue
                other = self.argument(token)
                if (
                    other.actor_like
                    and (other.entity_id or other.country)
                    and (other.entity_id != arg.entity_id)
                ):
                    members.append(other)
        if arg.country and is_actor_noun(arg.token):
            # "Kenyan and Ugandan forces": nationalities joined before one actor noun name
            # one party each
            for modifier in child_tokens(arg.token):
                if modifier.dep_ not in {"amod", "compound"} or modifier.i > arg.token.i:
                    continue
                for joined in modifier.subtree:
                    if joined.dep_ != "conj" or joined.i == modifier.i:
                        continue
                    n = self.entities.mention_at(joined.i)
                    if n is not None and self.entities.mentions[n].label in {"NORP", "GPE"}:
                        record = self.entities.as_state(self.entities.entity_of[n])
                        entity_id, country = record.entity_id, record.country
                    else:
                        found = demonym(joined.text)
                        entity_id, country = None, found.iso3 if found else None
                    if country and country != arg.country:
                        members.append(_Arg(f"{joined.text} {arg.token.text}", entity_id,
                                            country, True, joined))  # fmt: skip
        return members

    def _argument(self, token: Token | None) -> _Arg:
        """First entity in the phrase headed by `token`, breadth-first, not entering clauses.
        An entity that only modifies a common noun names the argument when that noun names
        an actor ("Russian forces", "the Kremlin's spokesman"), not when it names a thing
        ("U.S. economic data", "Swift's claims"); "of" phrases are followed either way ("the
        struggles of the Russian government")."""
        if token is None:
            return _Arg(None, None, None)
        queue = [token]
        seen = 0
        # an event noun is no thing: its possessor is who did it ("Russia's invasion")
        thing = (
            token.pos_ == "NOUN"
            and not is_actor_noun(token)
            and token.lemma_.lower() not in _WEAPON_NOUNS  # "Israeli strikes killed"
            and lookup(token.lemma_, token.pos_) is None
            and lookup(token.lower_, token.pos_) is None
        )
        # an event noun's own recipient phrase names whom it was done to, not who did it
        # ("criticism of Australia's stand", "the invasion of Ukraine")
        event = (
            (lookup(token.lemma_, token.pos_) or lookup(token.lower_, token.pos_))
            if token.pos_ == "NOUN"
            else None
        )
        own_slots = set(event.slots) if event is not None and event.pos == "N" else set()
        members = self.countries_listed(token) if token.pos_ == "NOUN" else []
        if members and is_actor_noun(token):
            # "ministers from Australia, Canada and Nigeria will meet": each country's own
            # minister takes part, one row each (before a body that modifies them: "CMAG
            # ministers from ...")
            words = [t.text for t in token.subtree if not t.is_space][:8]
            return _Arg(" ".join(words), None, None, True, token, members=members)
        while queue and seen < 25:
            current = queue.pop(0)
            seen += 1
            if thing and current.head.i == token.i and current.dep_ in _MODIFIER_DEPS:
                continue
            if current.head.i == token.i and _town_struck(current):
                continue  # "killed in the Gaza strikes": where they fell, not who struck
            found = self.entities.mention_at(current.i)
            if found is not None and _stance_before(self.doc, self.entities.mentions[found].start):
                continue
            if found is None and current.pos_ == "PRON" and current.i == token.i:
                sayer = self.sayer(current)
                if sayer is not None:
                    return self._argument(sayer)
            if found is None and current.pos_ == "PRON":
                bound = self.bound_subject(current)
                if bound is not None:
                    return self._argument(bound)
                found = self.entities.antecedent(self.doc, current.i)
                if found is not None and current.lower_ in {"he", "she", "him", "her", "his"}:
                    quoted = any(a <= current.idx < b for a, b in self.quote_ranges)
                    speaker = self.quoted_speaker(current) if quoted else None
                    if speaker is not None and speaker.entity_id == self.entities.entity_of[found]:
                        # "his claim that he wanted to conduct attacks ...," Downer said: in
                        # a quote the speaker is "I", "he" is someone else
                        found = None
            if found is None and current.lower_ in _FIRST_PERSON:
                speaker = self.quoted_speaker(current)
                if speaker is not None:
                    return speaker
            if found is not None:
                eid = self.entities.entity_of[found]
                record = self.entities.as_state(eid)
                text = (
                    self.entities.mentions[found].text
                    if current.i == token.i or current.pos_ != "PRON"
                    else current.text
                )
                if current.pos_ == "PRON":
                    text = self.entities.mentions[found].text
                country = None if record.entity_id in self.entities.guessed else record.country
                return _Arg(text, record.entity_id, country, True)
            children = sorted(
                (
                    c
                    for c in child_tokens(current)
                    if c.dep_ not in _CLAUSE_DEPS or c.dep_ == "conj"
                ),
                key=lambda c: _ARG_DEPS_ORDER.index(c.dep_) if c.dep_ in _ARG_DEPS_ORDER else 99,
            )
            if current.i == token.i and current.pos_ in {"NOUN", "PROPN"}:
                # "Pakistan's close ally China": a name in apposition to a common noun is
                # whom the noun means, before its possessor or modifiers (a title too:
                # "its President Burhanuddin Rabbani")
                named = [
                    c
                    for c in children
                    if c.dep_ == "appos" and self.entities.mention_at(c.i) is not None
                ]
                children = named + [c for c in children if c not in named]
            queue.extend(
                c
                for c in children
                if c.dep_ in _ARG_DEPS_ORDER
                and (c.dep_ != "prep" or c.lower_ == "of")
                and not (current.i == token.i and c.dep_ == "prep" and c.lower_ in own_slots)
            )
        if token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in child_tokens(token)
        ):
            # "the chancellor", "the former governor": the person named before it who holds
            # that title
            described = self.entities.described_person(self.doc, token, self.quote_ranges)
            if described is not None:
                record = self.entities.records[self.entities.entity_of[described]]
                country = None if record.entity_id in self.entities.guessed else record.country
                return _Arg(self.entities.mentions[described].text, record.entity_id, country, True)
        if token.pos_ == "PRON":
            if token.lower_ in {"he", "she", "they"}:
                # "A New York man pleaded guilty to charges he threatened…": no name to refer
                # to, the person described as the sentence's subject before it
                sentence = self.sentences[self.sentence_of[token.i]]
                for earlier in sentence:
                    if earlier.i >= token.i:
                        break
                    if (
                        earlier.dep_ in {"nsubj", "nsubjpass"}
                        and earlier.pos_ == "NOUN"
                        and is_actor_noun(earlier)
                    ):
                        return self._argument(earlier)
            if token.lower_ in {"they", "them"} and self.sentence_of[token.i] > 0:
                # "The three Palestinians opened fire … They were killed by shell fire": a
                # plural pronoun heading its clause is the plural party that headed the
                # sentence before
                plural = self.plural_subject(self.sentences[self.sentence_of[token.i] - 1])
                if plural is not None:
                    return self._argument(plural)
            return _Arg(None, None, None)
        if token.pos_ == "PROPN":
            known = place(token.text)
            if known is not None and known.kind in {"country", "capital"}:
                # a country or capital the model did not tag ("Kyiv called on Germany")
                return _Arg(token.text, None, known.iso3, True)
            name = " ".join(
                t.text for t in token.subtree if t.dep_ in {"compound", "flat"} or t.i == token.i
            )
            listed = actor(name)
            if listed is not None and listed.country and listed.sector not in {"MED"}:
                # an actor of the field's dictionary the model did not tag ("Hamas")
                return _Arg(name, None, listed.country, True)
            if listed is not None and listed.sector in {"IGO", "NGO"}:
                # an international body the model did not tag acts without a country
                return _Arg(name, None, None, True)
        words = [t.text for t in token.subtree if not t.is_space][:8]
        counted = (
            _prep_object(token, "of")
            if token.like_num or token.tag_ == "CD" or (token.lemma_.lower() in _QUANTITIES)
            else None
        )
        if counted is not None and counted.pos_ == "NOUN":
            token = counted  # "thousands of civilians", "dozens of protesters": who they are
        lemma = token.lemma_.lower()
        if (
            token.tag_ == "NNS"
            and lemma in MULTI_ACTORS
            and any(
                c.lower_ in {"both", "two", "multiple", "several", "many"}
                for c in child_tokens(token)
            )
        ):
            pair = token.lower_ != "many" and any(
                c.lower_ in {"both", "two"} for c in child_tokens(token)
            )
            members = self.pair_named_before(token) if pair else []
            return _Arg(" ".join(words), None, None, True, members=members)
        if (
            token.lower_ in {"two", "both"}
            and token.pos_ in {"NUM", "PRON", "DET"}
            and (token.lower_ == "both" or _child(token, "det") is not None)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in child_tokens(token))
        ):
            # "the two", "both" standing alone: the pair named before, people or states
            members = self.pair_named_before(token, people=None)
            if members:
                return _Arg(" ".join(words), None, None, True, members=members)
        body = self.member_of(token) if token.pos_ == "NOUN" and is_actor_noun(token) else None
        if body is not None:
            # "ministers from the Commonwealth Ministerial Action Group", "gunmen from the
            # radical Islamic group Hamas": members act for the body they belong to
            return _Arg(" ".join(words), None, body.country, True, token)
        if lemma in GENERIC_ACTORS or (token.pos_ == "NOUN" and agent(lemma) in _STATE_AGENTS):
            state = lemma not in CIVILIANS and (
                lemma in _STATE_NOUNS or agent(lemma) in _STATE_AGENTS
            )
            return _Arg(" ".join(words), None, self.context_country(token, state), True)
        if token.pos_ == "NOUN" and agent(lemma) is not None:
            # a role of the agent dictionary outside the state ("educators", "executives"):
            # people of the place, as civilians are
            return _Arg(" ".join(words), None, self.context_country(token, people=True), True)
        return _Arg(" ".join(words), None, None)

    def named(self, token: Token) -> _Arg:
        """The entity one proper noun names: its mention, else the one known entity whose
        name begins or ends with it ("Suharto" the model left untagged in "Ford-Suharto")."""
        if self.entities.mention_at(token.i) is not None or token.pos_ != "PROPN":
            return self._argument_of_word(token)
        known = [
            r
            for r in self.entities.records.values()
            if r.type in {"PERSON", "ORG", "GPE"}
            and token.text in {r.name.split()[0], r.name.split()[-1]}
        ]
        if len(known) != 1:
            return _Arg(None, None, None)
        record = self.entities.as_state(known[0].entity_id)
        return _Arg(token.text, record.entity_id, record.country, True, token)

    def _argument_of_word(self, token: Token) -> _Arg:
        n = self.entities.mention_at(token.i)
        if n is None:
            return _Arg(None, None, None)
        record = self.entities.as_state(self.entities.entity_of[n])
        country = None if record.entity_id in self.entities.guessed else record.country
        return _Arg(self.entities.mentions[n].text, record.entity_id, country, True, token)

    def member_of(self, token: Token) -> _Arg | None:
        """The organisation a noun for people names with "from" or "of" ("officials from
        the Palestinian Authority", "gunmen from the radical Islamic group Hamas"), with its
        country (none for an international body)."""
        for name in ("from", "of"):
            found = _prep_object(token, name)
            if found is None:
                continue
            if found.lemma_.lower() in _MEMBER_STATES:
                # "ministers from the 15 EU member states", "envoys of NATO countries": the
                # states of a body, named by it, act for that body
                found = next(
                    (
                        c
                        for c in found.subtree
                        if c.dep_ in {"compound", "nmod", "poss"}
                        and (n := self.entities.mention_at(c.i)) is not None
                        and self.entities.mentions[n].label == "ORG"
                    ),
                    found,
                )
            for candidate in (found, *(c for c in child_tokens(found) if c.dep_ == "appos")):
                n = self.entities.mention_at(candidate.i)
                if n is not None and self.entities.mentions[n].label == "ORG":
                    record = self.entities.as_state(self.entities.entity_of[n])
                    if is_international(record.name):
                        # an international body acts for no one country, whatever the
                        # article's places lent it
                        return _Arg(self.entities.mentions[n].text, record.entity_id, None, True)
                    if record.entity_id in self.entities.guessed:
                        return None
                    return _Arg(self.entities.mentions[n].text, record.entity_id,
                                record.country, True)  # fmt: skip
        return None

    def plural_subject(self, sentence: Span) -> Token | None:
        """The subject of a sentence's main verb when it names several people or parties
        ("The three Palestinians opened fire", "Israeli troops entered the town")."""
        root = sentence.root
        subject = _child(root, "nsubj", "nsubjpass")
        if subject is None or subject.tag_ not in {"NNS", "NNPS"}:
            return None
        n = self.entities.mention_at(subject.i)
        named = n is not None and self.entities.mentions[n].label in {"NORP", "ORG", "GPE"}
        return subject if named or is_actor_noun(subject) else None

    def countries_listed(self, token: Token) -> list[_Arg]:
        """The countries of a list a noun for people comes "from" or is "of" ("ministers from
        Australia, Bangladesh and Canada"), when it names at least two."""
        for name in ("from", "of"):
            found = _prep_object(token, name)
            if found is None or not found.conjuncts:
                continue
            listed: list[_Arg] = []
            for member in sorted((found, *found.conjuncts), key=lambda t: t.i):
                n = self.entities.mention_at(member.i)
                known = place(member.text) if member.pos_ == "PROPN" else None
                if known is not None and known.kind != "country":
                    return []  # towns or states: where people come from, not whose
                if n is not None and self.entities.mentions[n].label in {"GPE", "NORP"}:
                    record = self.entities.as_state(self.entities.entity_of[n])
                    text, entity_id, country = member.text, record.entity_id, record.country
                elif n is None and member.pos_ == "PROPN":
                    text, entity_id = member.text, None
                    country = known.iso3 if known else place_iso3(member.text)
                else:
                    return []
                if country and all(a.country != country for a in listed):
                    listed.append(_Arg(text, entity_id, country, True, member))
            return listed if len(listed) > 1 else []
        return []

    def pair_named_before(self, token: Token, people: bool | None = False) -> list[_Arg]:
        """The two parties "both countries" or "the two leaders" refers to: the last two
        entities with different countries named before it in its sentence or the previous
        one (places for countries, people for leaders; either for `people` None, "the
        two")."""
        number = self.sentence_of[token.i]
        if people is not None:
            people = people or token.lemma_.lower() == "leader"
        found: list[_Arg] = []
        for n in range(len(self.entities.mentions) - 1, -1, -1):
            mention = self.entities.mentions[n]
            if mention.start >= token.i or number - mention.sentence_index > 1:
                if mention.start >= token.i:
                    continue
                break
            if (people is not None and (mention.label == "PERSON") != people) or (
                mention.label == "NORP"
            ):
                continue
            head = self.doc[mention.start : mention.end].root
            if head.dep_ == "pobj" and head.head.lower_ in {"in", "at", "on", "across"}:
                continue  # a place where something happens is not a party ("war in Ukraine")
            record = self.entities.as_state(self.entities.entity_of[n])
            if not record.country or any(f.country == record.country for f in found):
                continue
            found.append(_Arg(mention.text, record.entity_id, record.country, True))
            if len(found) == 2:
                return list(reversed(found))
        return []

    def context_country(
        self, token: Token, state: bool = False, besides: Token | None = None, people: bool = False
    ) -> str | None:
        """Country of a place in the token's own phrase ("police in Kyiv", "protesters
        from Tehran"), else of the place named nearest the token in its sentence (places
        before nationalities), else the article's. When the sentence names places of several
        countries and one is the country the article is about, that one. For a state's
        actor (`state`: police, courts, officials) the article's country is the dateline's
        when there is one. A nationality that modifies `besides` (the one acted on: "Russian
        collusion", "a Chinese national", "the Russia probe") places that one, not the actor; a
        town or state there ("a Boston woman pleaded guilty") is where the case is, so it
        still places a state's actor. Outside the state (civilians, educators, a company), a
        country that is itself a party in the sentence does not place people (`_party`:
        "Russia is unlikely to agree … with fellow exporters", "the Ohio senator asked the
        company", "criticism from Britain"); for `people` of the agent dictionary's other
        sectors, neither does the article's country when the sentence names none (they are
        guessed, not placed)."""
        own = (
            {besides.i} | {c.i for c in child_tokens(besides) if c.dep_ in _MODIFIER_DEPS}
            if besides is not None
            else set()
        )
        for name in ("in", "from", "at"):
            found = _prep_object(token, name)
            n = self.entities.mention_at(found.i) if found is not None else None
            if n is not None and self.entities.mentions[n].label in {"GPE", "LOC", "FAC"}:
                country = self.entities.as_state(self.entities.entity_of[n]).country
                if country:
                    return country
            elif found is not None and n is None and found.pos_ == "PROPN":
                country = place_iso3(found.text)  # a place the model did not tag
                if country:
                    return country
        home = (self.entities.domestic or self.home) if state else self.home
        number = self.sentence_of[token.i]
        best: tuple[int, int, str] | None = None
        named: set[str] = set()
        for n, mention in enumerate(self.entities.mentions):
            if mention.sentence_index != number or mention.label not in {"GPE", "LOC", "NORP"}:
                continue
            if (
                own
                and any(i in own for i in range(mention.start, mention.end))
                and _names_a_nation(mention)
            ):
                continue
            if not state and _party(self.doc[mention.start : mention.end].root):
                continue
            if _names_a_nation(mention) and _names_a_blow(self.doc[mention.start : mention.end]):
                continue  # "civilians killed in US airstrikes": the striker's, not theirs
            country = self.entities.records[self.entities.entity_of[n]].country
            if country:
                named.add(country)
                rank = (mention.label == "NORP", abs(mention.start - token.i), country)
                best = rank if best is None or rank < best else best
        if len(named) > 1 and home in named:
            return home
        if people:
            return best[2] if best else None
        return best[2] if best else home

    def owner(self, token: Token, makers: bool = True) -> _Arg | None:
        """The entity a thing belongs to: a possessor or a nationality or name modifying it
        ("Beijing's plan", "Israeli positions", "a Russian warship"), else the one its "by"
        phrase names as its maker ("an appeal by the state of Alabama", "the budget passed by
        the legislature")."""
        if token.pos_ != "NOUN":
            return None
        for child in child_tokens(token):
            if child.dep_ in {"poss", "amod", "compound", "nmod"}:
                found = self.entities.mention_at(child.i)
                if found is None and child.pos_ == "PRON" and child.dep_ == "poss":
                    bound = self.bound_subject(child)
                    if bound is not None:
                        bound_arg = self.argument(bound)
                        if bound_arg.country and bound_arg.actor_like:
                            return bound_arg
                    found = self.entities.antecedent(self.doc, child.i)  # "its facilities"
                if found is not None:
                    record = self.entities.as_state(self.entities.entity_of[found])
                    if record.entity_id in self.entities.guessed or not (
                        record.country or record.type in {"PERSON", "ORG"}
                    ):
                        continue  # "Kurdish positions in Syria": placed by Syria below
                    return _Arg(self.entities.mentions[found].text, record.entity_id,
                                record.country, True, child)  # fmt: skip
        for child in child_tokens(token):
            if child.dep_ == "poss" and child.pos_ == "NOUN" and is_actor_noun(child):
                # "the Georgian government's law", "the Iranian military's drones": an actor
                # noun owning the thing, placed by its own words
                found_arg = self.argument(child)
                if found_arg.country and found_arg.actor_like:
                    return found_arg
        for carrying in child_tokens(token):
            if carrying.dep_ == "acl" and carrying.lemma_.lower() in _CARRYING:
                # "an ambush on a bus carrying Israeli settlers": what is done to a vehicle
                # is done to the people it carries
                aboard = self.argument(_child(carrying, "dobj"))
                if aboard.actor_like and aboard.country:
                    return aboard
        if not makers:
            return None
        for holder in (token, *_participles(token)):
            maker = _prep_object(holder, "by")
            if maker is None:
                continue
            made_by = self.argument(maker)
            if made_by.actor_like and made_by.country:
                return made_by
        return None

    def business(self, arg: _Arg) -> bool:
        """A company, or a noun for companies or business people ("companies", "firms")."""
        if arg.entity_id is not None:
            record = self.entities.records[arg.entity_id]
            if record.type == "ORG" and (
                is_company(record.name) or bool(arg.text and is_company(arg.text))
            ):
                return True
        if arg.token is not None and self.branch(arg.token):
            return True
        words = [arg.token.lemma_.lower()] if arg.token is not None else []
        if arg.text:  # a pronoun's antecedent ("they": the companies)
            last = arg.text.split()[-1].lower()
            words += [last, last[:-3] + "y" if last.endswith("ies") else last.rstrip("s")]
        return any(agent(word) in {"BUS", "MNC"} for word in words)

    def product_name(self, arg: _Arg) -> bool:
        """An organisation's name that names no political actor: no state body, no
        international body, not in the actor dictionary but as a company."""
        if arg.entity_id is None:
            return False
        record = self.entities.records[arg.entity_id]
        if record.type != "ORG" or is_state_body(record.name) or is_international(record.name):
            return False
        found = actor(record.name)
        return found is None or found.sector in {"MNC", "BUS"}

    def branch(self, token: Token) -> bool:
        """A country named after an organisation's name ("Lexus Philippines offers all
        models", "Samsung India"): the organisation's branch there, not the state."""
        place = self.entities.mention_at(token.i)
        if place is None or self.entities.mentions[place].label not in {"GPE", "LOC"}:
            return False
        for child in child_tokens(token):
            if child.dep_ != "compound" or child.i > token.i:
                continue
            found = self.entities.mention_at(child.i)
            if found is not None and found != place:
                mention = self.entities.mentions[found]
                if mention.label == "ORG" and not is_state_body(mention.text):
                    return True
        return False

    def names_actor_or_none(self, token: Token | None) -> bool:
        return token is not None and self.names_actor(token)

    def sayer(self, pronoun: Token) -> Token | None:
        """The one "it" or "they" stands for as the subject of what a saying verb's subject
        says ("the Israeli military said it had struck …", "the rebels said they had
        captured …"): that subject, when it is a noun that names an actor."""
        if pronoun.lower_ not in {"it", "they"} or pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAYING | _REPORTED:
            return None
        subject = self.verb_subject(clause.head)
        if subject is None or subject.pos_ == "PRON" or not self.names_actor(subject):
            return None
        return subject

    def bound_subject(self, pronoun: Token) -> Token | None:
        """The subject a possessive "its" or "their" stands for when it names no entity: the
        subject of the nearest clause around it, before it, that is an actor noun of the
        pronoun's number ("The Ugandan army said rebels attacked its base": the army;
        "Kenyan rebels said their attack had failed": the rebels). A possessive is bound
        by its clause's subject, as in "the army moved its troops"."""
        if pronoun.lower_ not in _BOUND_POSSESSIVES or pronoun.dep_ != "poss":
            return None
        inside = {t.i for t in pronoun.head.subtree}
        clause = pronoun.head
        for _ in range(8):
            if clause.head.i == clause.i:
                break
            clause = clause.head
            if clause.pos_ not in {"VERB", "AUX"}:
                continue
            subject = self.verb_subject(clause)
            if subject is None or subject.i in inside or subject.i > pronoun.i:
                inside |= {t.i for t in clause.subtree}
                continue
            if subject.pos_ == "PRON":
                return None  # "it said its troops …": the pronoun's own antecedent
            if not self.may_bind(pronoun, subject):
                if not self.names_actor(subject):
                    return None  # "the plan said": no party to stand for
                inside |= {t.i for t in clause.subtree}  # "rebels attacked its base": not theirs
                continue
            own = {t.i for t in subject.subtree}
            rivals = [
                t
                for t in doc_span(self.doc, subject.i + 1, pronoun.i)
                if t.i not in own and t.head.i not in own and self.may_bind(pronoun, t)
            ]
            # "investigations into the men and their whereabouts": a nearer party of the same
            # number may be the one meant
            return None if rivals else subject
        return None

    def may_bind(self, pronoun: Token, subject: Token) -> bool:
        """Whether a phrase head can be what "its" (one body or state) or "their" (several)
        stands for: an actor noun of that number, or a name of a body or place ("its": a
        singular name; "their": a plural people, "the Palestinians")."""
        plural = pronoun.lower_ == "their"
        if subject.pos_ == "NOUN":
            return is_actor_noun(subject) and (subject.tag_ == "NNS") == plural
        if subject.pos_ != "PROPN":
            return False
        found = self.entities.mention_at(subject.i)
        label = self.entities.mentions[found].label if found is not None else None
        if plural:
            return label == "NORP" and subject.tag_ == "NNPS"
        named_place = place(subject.text) is not None
        return subject.tag_ == "NNP" and (label in {"ORG", "GPE"} or named_place)

    def quoted_speaker(self, token: Token) -> _Arg | None:
        """The speaker of the quote `token` stands in, when the quote has a known one."""
        for start, end, entity_id in self.speakers:
            if start <= token.idx < end:
                record = self.entities.as_state(entity_id)
                text = self.entities.records[entity_id].name
                return _Arg(text, entity_id, record.country, True)
        return None
