"""The event extractor's state and who does a verb: its subject, a passive's patient, the
article's home country and the CAMEO pattern a verb matches.

The lowest layer of `_events._Extractor` (a chain of mixins, one module per concern):
every other layer asks it who the subject of a verb is."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ._cameo_patterns import Pattern
from ._cameo_patterns import match as match_pattern
from ._cameo_patterns import patterns as cameo_patterns
from ._entity_normalize import doc_text, related_link_lines, sentence_index
from ._entity_resolution import ArticleEntities
from ._event_parse import _child, _is_passive, _prep_object
from ._event_words import _INTENTIONS, _OBJECT_CONTROL, _SUBJECT_CONTROL, is_actor_noun
from ._tokens import sentence_spans, sports_report
from ._types import DateMention


class _Subjects:
    """State of one article's extraction, and the subjects of its verbs."""

    def __init__(
        self,
        doc: Doc,
        entities: ArticleEntities,
        dates: list[DateMention],
        quotes: Iterable[tuple[int, int]],
        speakers: Iterable[tuple[int, int, str]] = (),
    ) -> None:
        self.doc = doc
        self.entities = entities
        self.dates = dates
        self.sentence_of = sentence_index(doc)
        # Token.sent rescans the whole Doc for sentence starts on every call (O(tokens));
        # look sentences up by number instead.
        self.sentences = sentence_spans(doc) if doc.has_annotation("SENT_START") else [doc[:]]
        self.quote_ranges = list(quotes)
        self.speakers = list(speakers)
        self._subjects: dict[tuple[int, int], Token | None] = {}
        self.furniture = related_link_lines(doc_text(doc))
        self.home = self._home_country()
        self._patterns: dict[int, Pattern | None] = {}
        # a sports report: its events are games (only the state's legal acts are coded)
        self.sport = sports_report(doc)

    def pattern(self, verb: Token) -> Pattern | None:
        """The CAMEO verb pattern a verb's parse matches (_cameo_patterns), once per verb."""
        if verb.i not in self._patterns:
            self._patterns[verb.i] = (
                match_pattern(verb, self.verb_subject(verb))
                if verb.lemma_.lower() in cameo_patterns()  # else no pattern, whatever the subject
                else None
            )
        return self._patterns[verb.i]

    def _home_country(self) -> str | None:
        """The country the article is mostly about: most mentioned, at least twice."""
        counts: dict[str, int] = {}
        for n, mention in enumerate(self.entities.mentions):
            if mention.label in {"GPE", "LOC", "NORP"}:
                country = self.entities.records[self.entities.entity_of[n]].country
                if country:
                    counts[country] = counts.get(country, 0) + 1
        if not counts:
            return None
        country, count = max(counts.items(), key=lambda item: item[1])
        if sum(1 for c in counts.values() if c == count) > 1:
            return None  # a tie: no country leads
        return country if count >= 2 else None

    def verb_subject(self, verb: Token, depth: int = 0) -> Token | None:
        """`_verb_subject`, once per verb and depth (the rules ask for the same verbs' subjects
        many times)."""
        key = (verb.i, depth)
        if key not in self._subjects:
            self._subjects[key] = self._verb_subject(verb, depth)
        return self._subjects[key]

    def passive_patient(self, verb: Token) -> Token | None:
        """The one a passive verb is done to: its subject; the noun its participle qualifies
        ("a man convicted of …"); for a passive joined to an active verb without a subject of
        its own, that verb's subject ("crossed into Turkey and were detained")."""
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i != verb.i:
            return verb.head
        if not _is_passive(verb):
            return None
        found = _child(verb, "nsubjpass")
        if (
            found is not None
            and (found.tag_ in {"WP", "WDT"} or found.lower_ == "that")
            and verb.dep_ == "relcl"
        ):
            return verb.head  # "soldiers who will be deployed": the soldiers
        if found is None and verb.dep_ == "conj" and _child(verb, "nsubj") is None:
            head = verb.head
            found = self.passive_patient(head) if _is_passive(head) else self.verb_subject(head)
        return found

    def _verb_subject(self, verb: Token, depth: int = 0) -> Token | None:
        if _is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            # the agent of a passive, or of a passive participle after a noun ("the diplomat
            # expelled by Washington")
            agent = _prep_object(verb, "by")
            if agent is not None:
                return agent
            if (
                verb.dep_ == "conj"
                and _is_passive(verb)
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
            ):
                # "crossed into Turkey and were detained": the subject the passive shares
                # with the verb it is joined to is the one detained, not who detained them
                return None
            if _is_passive(verb) and _child(verb, "nsubjpass") is not None:
                # "he was aboard a boat ... and he was shot dead": a passive with a subject of
                # its own and no "by" agent names no one who did it; the subject of the
                # clause it is joined to is not its agent
                return None
        # the subject nearest the verb: a dateline the parser made a second subject
        # ("JERUSALEM (AP) — Israeli warplanes struck") is farther away
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        subject = max(subjects, key=lambda c: c.i) if subjects else None
        if (
            subject is not None
            and depth > 0
            and verb.pos_ == "AUX"
            and subject.lemma_.lower() in _INTENTIONS
        ):
            owner = _child(subject, "poss")
            if owner is not None:
                return owner  # "Hamas' focus will be on attacking": Hamas attacks
        if (
            subject is not None
            and subject.tag_ in {"WP", "WDT"}
            or (subject is not None and subject.lower_ == "that" and verb.dep_ == "relcl")
        ):
            clause = verb
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            return clause.head if clause.dep_ == "relcl" else None
        if subject is not None or depth > 5:
            return subject
        head = verb.head
        if head.i == verb.i:
            return None
        if (
            verb.dep_ == "conj"
            and _child(verb.head, "nsubj") is not None
            and verb.head.dep_ == "relcl"
        ):
            return self.verb_subject(verb.head, depth + 1)
        if verb.dep_ == "xcomp" and head.pos_ == "VERB" and head.lemma_ not in _SUBJECT_CONTROL:
            # object control: "urged Germany to deliver", "forced them to flee"
            obj = _child(head, "dobj")
            if obj is not None and self.names_actor(obj):
                return obj
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
            # "Hungary is ready to negotiate", "was willing to talk": the adjective's subject
            return self.verb_subject(head.head, depth + 1)
        if verb.dep_ == "conj" and head.pos_ not in {"VERB", "AUX"}:
            # a verb the parser joined to a noun ("to disperse protests and beating
            # demonstrators"): the verb that governs that noun
            while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
                head = head.head
            if head.pos_ not in {"VERB", "AUX"}:
                return None
        if verb.dep_ == "conj" or (
            verb.dep_ in {"xcomp", "advcl"} and head.pos_ in {"VERB", "AUX"}
        ):
            return self.verb_subject(head, depth + 1)
        if (
            verb.dep_ == "pcomp"
            and head.dep_ == "prep"
            and head.head.pos_ == "ADJ"
            and head.head.head.pos_ in {"VERB", "AUX"}
        ):
            # "pleading guilty to threatening": through the adjective to its verb
            return self.verb_subject(head.head.head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
            governor = head.head
            # "accused Pyongyang of supplying", "warned Iran against sending", "thanked
            # Kim for supporting": the object of the governing verb does it
            if governor.lemma_ in _OBJECT_CONTROL or head.lower_ in {"of", "against", "from"}:
                obj = _child(governor, "dobj")
                if obj is not None and self.names_actor(obj):
                    return obj
            if head.lower_ in {"of", "for", "with", "against", "from"}:
                # "Iran was accused of supplying drones", "the ambassador was criticised for
                # threatening Taiwan", "a man convicted of threatening": the one the passive
                # is done to (its subject, or the noun its participle qualifies) does it
                done_to = self.passive_patient(governor)
                if done_to is not None and self.names_actor(done_to):
                    return done_to
            return self.verb_subject(governor, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
            return self.noun_gerund_subject(head.head, depth)
        if verb.dep_ in {"acl", "relcl"}:
            of_object = _prep_object(head, "of")
            if of_object is not None:
                return of_object
            if verb.tag_ == "VBG" or verb.dep_ == "acl":
                return head if verb.dep_ == "acl" and verb.tag_ == "VBG" else None
        return None

    def noun_gerund_subject(self, noun: Token, depth: int) -> Token | None:
        """Who does a gerund in a noun's phrase ("a pretext for waging war", "his plan for
        attacking"): the noun's owner, else the subject of the verb the noun is the object
        of ("Israel was using the attacks as a pretext for waging war": Israel), as the
        subject of a verb controls a gerund in its own phrase."""
        owner = _child(noun, "poss")
        if owner is not None:
            return owner if self.names_actor(owner) else None
        governor = noun.head
        if noun.dep_ == "pobj" and governor.dep_ == "prep":
            governor = governor.head
        elif noun.dep_ != "dobj":
            return None  # "the plan for attacking X was dropped": the plan's subject is no one
        if governor.pos_ not in {"VERB", "AUX"} or governor.i == noun.i:
            return None
        return self.verb_subject(governor, depth + 1)

    def names_actor(self, token: Token) -> bool:
        """Whether a phrase head can be someone who acts: an entity, a pronoun for one, or
        an actor noun ("used force to crush": force is no one)."""
        return (
            self.entities.mention_at(token.i) is not None
            or token.pos_ == "PRON"
            or (is_actor_noun(token) and token.lower_ != "force")  # "lethal force"
        )
