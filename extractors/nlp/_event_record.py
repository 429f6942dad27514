"""The `Event` record of a coded trigger (its modality, date and place) and the passes over
the article's whole list of events (the other side of a conflict, events whose parent
carries the recipient, numbering).

A layer of `_events._Extractor`: it turns (trigger, entry, actor, recipient) into output."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ._countries import place
from ._event_parse import _Arg, _negative_subject, _on_condition, _prep_object
from ._event_roles import _Roles
from ._event_words import (
    _ALLEGED,
    _DENY,
    _EXPECTED,
    _HOSTILE,
    _HYPOTHETICAL,
    _MODALS_FUTURE,
    _MODALS_HYPO,
    _NEGATED_REJECTS,
    _NEGATING,
    _REPORTED,
    _THREATENED,
    _EventKey,
)
from ._plover_lexicon import Trigger, aid_mode
from ._tokens import children as child_tokens
from ._types import DateMention, Event


def _without_parents(doc: Doc, events: list[Event]) -> list[Event]:
    """Drop an event without a recipient when a trigger of the same type and actor linked to
    it in the parse (its clause, a sibling) carries one ("the prospect of Moscow transferring
    its technology to aid Pyongyang": the aid)."""
    tokens = {e.start_char: doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
              for e in events}  # fmt: skip

    def linked(first: Event, second: Event) -> bool:
        a, b = tokens.get(first.start_char), tokens.get(second.start_char)
        if a is None or b is None:
            return False
        x, y = a.root, b.root
        return x.head == y.head or x in y.subtree or y in x.subtree

    kept = []
    for event in events:
        if event.recipient_entity_id is None and not event.recipient_country:
            actor = event.actor_country or event.actor_entity_id
            if any(
                other is not event
                and other.type == event.type
                and other.sentence_index == event.sentence_index
                and (other.recipient_entity_id or other.recipient_country)
                and (other.actor_country or other.actor_entity_id) == actor
                and linked(event, other)
                for other in events
            ):
                continue
        kept.append(event)
    return kept


def _other_side(events: dict[_EventKey, Event]) -> dict[_EventKey, Event]:
    """A report of a conflict between two states ("India and Pakistan", "Israel and the
    Palestinians"): a hostile act of one side that names no target of its own ("Israeli
    soldiers returned fire", "India threatened retaliation") is aimed at the other side.
    The sides are the pair of countries most often found on opposite ends of the report's
    hostile events, at least twice and in both directions."""
    pairs: dict[frozenset[str], set[tuple[str, str]]] = {}
    counts: dict[frozenset[str], int] = {}
    for event in events.values():
        actor, recipient = event.actor_country, event.recipient_country
        if event.type in _HOSTILE and actor and recipient and actor != recipient:
            pair = frozenset((actor, recipient))
            pairs.setdefault(pair, set()).add((actor, recipient))
            counts[pair] = counts.get(pair, 0) + 1
    sides = [p for p in pairs if len(pairs[p]) == 2 and counts[p] >= 2]
    if not sides:
        return events
    dyad = max(sides, key=lambda p: (counts[p], sorted(p)))
    found = {}
    for key, event in events.items():
        if (
            event.type in _HOSTILE
            and event.actor_country in dyad
            and not event.recipient_country
            and event.recipient_entity_id is None
        ):
            (other,) = dyad - {event.actor_country}
            event = replace(event, recipient_country=other)
        found[key] = event
    return found


def _renumber(event: Event, index: int) -> Event:
    return replace(event, event_index=index)


class _Record(_Roles):
    """Events as records: modality, date, place."""

    def modality(self, token: Token) -> str:
        if any(c.dep_ == "neg" for c in child_tokens(token)):
            return "denied"
        if token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in child_tokens(token)
        ):
            return "denied"  # "no talks were held"
        if token.dep_ == "pcomp" and token.head.lower_ == "without":
            return "denied"  # "without consulting Germany"
        if token.pos_ == "VERB" and _negative_subject(self.verb_subject(token)):
            return "denied"  # "neither the House nor the Senate provided", "no country sent"
        clause = token
        while clause.dep_ == "conj" and clause.head.i != clause.i and clause.head.pos_ == "VERB":
            clause = clause.head  # "is not working to dismantle ... and to arrest them"
        infinitive = clause.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child_tokens(clause)
        )  # "is not working to arrest them": a purpose clause
        if (
            (clause.dep_ == "xcomp" or infinitive)
            and any(c.dep_ == "neg" for c in child_tokens(clause.head))
            and clause.head.lemma_.lower() not in {"hesitate", "fail", "stop", "cease"}
        ):
            return "denied"  # "he didn't appear to clash with Rondo", "did not try to attack"
        if (
            token.dep_ == "ccomp"
            and token.head.lemma_.lower() in _DENY
            and not any(c.dep_ == "neg" for c in child_tokens(token.head))
        ):
            return "denied"  # "Israel denied that it had attacked Iran"
        governor = token.head if token.dep_ in {"xcomp", "dobj", "pobj"} else None
        if governor is not None and governor.dep_ == "prep":
            governor = governor.head
        if (
            governor is not None
            and governor.pos_ == "VERB"
            and governor.lemma_.lower() in _NEGATING
        ):
            return "denied"  # "refrained from attacking" (not "a decline after the attacks")
        ancestors = [token]
        current = token
        while (
            current.head.i != current.i
            and len(ancestors) < 6
            and current.dep_ not in {"relcl", "appos"}
        ):
            current = current.head
            ancestors.append(current)
        lemmas = [a.lemma_.lower() for a in ancestors[1:]] + [a.lower_ for a in ancestors[1:]]
        if any(lemma in _ALLEGED for lemma in lemmas) or any(
            c.lower_ in {"reportedly", "allegedly"} for a in ancestors[:2] for c in child_tokens(a)
        ):
            return "alleged"
        auxiliaries = {c.lower_ for a in ancestors[:2] for c in child_tokens(a) if c.dep_ == "aux"}
        if any(lemma in _EXPECTED for lemma in lemmas) or auxiliaries & _MODALS_FUTURE:
            return "expected"
        marks = {c.lower_ for a in ancestors[:3] for c in child_tokens(a) if c.dep_ == "mark"}
        near = [a.lemma_.lower() for a in ancestors[1:4]]
        if (
            auxiliaries & _MODALS_HYPO
            or marks & _HYPOTHETICAL
            or any(w in _HYPOTHETICAL for w in near)
        ):
            return "hypothetical"
        sentence = self.sentences[self.sentence_of[token.i]]
        if any(start <= token.idx < end for start, end in self.quote_ranges):
            return "reported"
        if any(lemma in _REPORTED for lemma in lemmas) or "according to" in sentence.text:
            return "reported"
        return "asserted"

    def modality_reported(self, token: Token) -> bool:
        """Whether the trigger stands in a quote or under a reporting verb."""
        if any(start <= token.idx < end for start, end in self.quote_ranges):
            return True
        current, steps = token, 0
        while current.head.i != current.i and steps < 6:
            current, steps = current.head, steps + 1
            if current.lemma_.lower() in _REPORTED:
                return True
        return False

    def when(self, token: Token, sentence_number: int) -> DateMention | None:
        in_sentence = [d for d in self.dates if d.sentence_index == sentence_number]
        if not in_sentence:
            return None
        scopes = [token]
        if token.pos_ != "VERB" and token.head.pos_ == "VERB":
            scopes.append(token.head)
        for scope in scopes:
            if scope is token:
                ranges = [(t.idx, t.idx + len(t.text)) for t in scope.subtree]
            else:  # the verb's own modifiers, not other phrases' dates
                ranges = [
                    (t.idx, t.idx + len(t.text))
                    for c in child_tokens(scope) if c.dep_ in {"npadvmod", "prep", "advmod", "tmod"}
                    for t in c.subtree
                ]  # fmt: skip
            for mention in in_sentence:
                if any(lo <= mention.start_char < hi for lo, hi in ranges):
                    return mention
        return in_sentence[0] if len({d.value for d in in_sentence}) == 1 else None

    def where(self, token: Token, entry: Trigger, recipient: _Arg, sentence: Span) -> _Arg:
        for head in (token, token.head):
            for name in ("in", "at"):
                found = _prep_object(head, name)
                if found is not None:
                    n = self.entities.mention_at(found.i)
                    if n is not None and self.entities.mentions[n].label in {"GPE", "LOC", "FAC"}:
                        return _Arg(
                            self.entities.mentions[n].text, self.entities.entity_of[n], None
                        )
        if entry.type == "CONSULT" and recipient.country:
            for n, mention in enumerate(self.entities.mentions):
                if mention.sentence_index != self.sentence_of[sentence.start]:
                    continue
                found_place = place(mention.text) if mention.label in {"GPE", "LOC"} else None
                if (
                    found_place
                    and found_place.kind != "country"
                    and found_place.iso3 == recipient.country
                ):
                    return _Arg(mention.text, self.entities.entity_of[n], None)
            if recipient.entity_id:
                record = self.entities.records.get(recipient.entity_id)
                if record and record.type in {"GPE", "LOC", "FAC"}:
                    return _Arg(record.name, record.entity_id, None)
        return _Arg(None, None, None)

    def event(self, token: Token, entry: Trigger, actor: _Arg, recipient: _Arg) -> Event:
        number = self.sentence_of[token.i]
        sentence = self.sentences[number]
        mode = entry.mode
        if entry.type == "AID" and mode is None:
            mode = aid_mode(self.object_lemmas(token))
        modality = self.modality(token)
        kind, rule_id = entry.type, entry.rule_id
        if entry.lemma in _NEGATED_REJECTS and modality == "denied":
            # "did not accept a plea agreement" is a rejection, not a denied agreement
            kind, modality = "REJECT", "asserted"
        conditional = modality in {"expected", "hypothetical"} and _on_condition(token)
        if kind in _THREATENED and conditional:
            # "would raise tariffs on Chinese imports if no deal is reached", "will strike Kyiv
            # if …": a blow promised on a condition is a threat (CAMEO 13)
            kind, rule_id = "THREATEN", f"THREATEN.{entry.rule_id}.conditional"
            modality = "reported" if self.modality_reported(token) else "asserted"
        if actor.retold:
            rule_id += ".retold"  # the sides come from an earlier event of the same type
        date = self.when(token, number)
        location = self.where(token, entry, recipient, sentence)
        confidence = entry.confidence
        confidence += 0.15 if actor.entity_id else 0.0
        confidence += 0.15 if recipient.entity_id else 0.0
        confidence -= 0.1 if modality == "hypothetical" else 0.0
        return Event(
            event_index=0,
            sentence_index=number,
            sentence=sentence.text.strip(),
            start_char=token.idx,
            end_char=token.idx + len(token.text),
            trigger=token.text,
            type=kind,
            mode=mode,
            rule_id=rule_id,
            confidence=round(max(0.05, min(confidence, 0.99)), 2),
            modality=modality,
            actor_text=actor.text,
            actor_entity_id=actor.entity_id,
            actor_country=actor.country,
            recipient_text=recipient.text,
            recipient_entity_id=recipient.entity_id,
            recipient_country=recipient.country,
            event_date=date.value if date else None,
            date_precision=date.precision if date else None,
            location_text=location.text,
            location_entity_id=location.entity_id,
        )
