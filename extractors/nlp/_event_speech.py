"""Events read from reported speech: who says a verb, who accuses a rejecter, and demands
("X must / should do ...") in quotes and saying clauses.

A layer of `_events._Extractor`, apart from the trigger rules because its events come
from the speaker, not from a trigger in the lexicon."""

from __future__ import annotations

from spacy.tokens import Token

from ._event_arguments import _Arguments
from ._event_parse import _Arg, _child, _states_content, _yes_no_question
from ._event_words import _DEMAND_MODALS, _NOT_ADDRESSED, _SAYING, CIVILIANS
from ._plover_lexicon import lookup
from ._tokens import column
from ._tokens import tokens as all_tokens


class _Speech(_Arguments):
    """Speakers and demands in reported speech."""

    def demands(self) -> list[tuple[Token, _Arg, _Arg]]:
        """Demands in reported speech: "X must / should do …" in a quote or in a clause of a
        saying verb ("told teachers the Legislature should direct money") is the speaker
        asking X (CAMEO 10, demand): (the modal, the speaker, X). X is an actor other than
        the speaker, named or placed; the speaker is the quote's, or the saying verb's
        subject. Not a demand: "we/I/you must", advice to the public ("residents should
        take precautions"), "X should be …" (a judgement), "should be spending", "should have
        done" (hindsight), a condition or a question."""
        found = []
        for token, tag in zip(all_tokens(self.doc), column(self.doc, "tag_"), strict=True):
            if tag != "MD" or token.lower_ not in _DEMAND_MODALS or token.dep_ != "aux":
                continue
            verb = token.head
            if (
                verb.pos_ != "VERB"
                or verb.lemma_.lower() in {"be", "have"}
                or any(
                    c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() in {"have", "be"}
                    for c in verb.children
                )
                # a condition or a purpose ("if …", "so that …"), not a reported "that"
                or any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children)
                or _yes_no_question(verb)
                or token.i > verb.i  # "must Russia withdraw?": inverted, a question
            ):
                continue
            if _states_content(verb):
                continue
            subject = _child(verb, "nsubj")
            if subject is None or subject.lower_ in _NOT_ADDRESSED:
                continue
            speaker = self.speaker_of(verb)
            if speaker is None:
                continue
            addressed = self.argument(subject)
            if not (addressed.actor_like and (addressed.entity_id or addressed.country)):
                continue
            if self.entities.mention_at(subject.i) is None and (
                subject.lemma_.lower() in CIVILIANS
            ):
                continue  # advice to the public ("residents should take precautions")
            if addressed.entity_id is not None and addressed.entity_id == speaker.entity_id:
                continue
            if not (speaker.country or addressed.country):
                continue
            found.append((token, speaker, addressed))
        return found

    def accuser(self, token: Token, rejecter: _Arg) -> _Arg | None:
        """The placed subject of the nearest accusing verb before `token` in its sentence or
        the one before, when that subject is not the one who rejects."""
        sentence = token.sent
        start = sentence.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for candidate in reversed(self.doc[start : token.i]):
            entry = lookup(candidate.lemma_, candidate.pos_)
            if entry is None or entry.type != "ACCUSE" or candidate.pos_ != "VERB":
                continue
            found = self.argument(self.verb_subject(candidate))
            if found.country and found.country != rejecter.country:
                return found
            return None
        return None

    def speaker_of(self, verb: Token) -> _Arg | None:
        """Who says the clause of `verb`: the speaker of the quote it stands in, else the
        subject of the saying verb it is the object clause of."""
        quoted = self.quoted_speaker(verb)
        if quoted is not None:
            return quoted
        if any(start <= verb.idx < end for start, end in self.quote_ranges):
            return None  # a quote whose speaker is not known
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAYING:
            subject = self.verb_subject(verb.head)
            if subject is not None and subject.lower_ not in _NOT_ADDRESSED:
                said_by = self.argument(subject)
                if said_by.actor_like:
                    return said_by
        return None
