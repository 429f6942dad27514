"""Plain, frozen rows produced by `enrich`: entities, aliases, mention links, dates, quotes,
amounts and PLOVER events. Every per-article row carries the version string of the rule set
that made it (e.g. ``events.v1``), so a rule change is a new version, not a silent rewrite."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

ENTITIES_VERSION = "entities.v20"
DATES_VERSION = "dates.v2"
QUOTES_VERSION = "quotes.v16"
AMOUNTS_VERSION = "amounts.v2"
EVENTS_VERSION = "events.v20"


@dataclass(frozen=True)
class EntityRecord:
    """One canonical entity. `entity_id` is a hash of type and canonical name: stable across
    articles and runs."""

    entity_id: str
    type: str  # PERSON | ORG | GPE | LOC | FAC | NORP
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    extractor: str = ENTITIES_VERSION


@dataclass(frozen=True)
class Alias:
    entity_id: str
    alias: str


@dataclass(frozen=True)
class MentionLink:
    """A cleaned entity mention and the canonical entity it refers to."""

    mention_index: int
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    label: str
    entity_id: str
    ner_label: str  # what the model said before the rules fixed it
    extractor: str = ENTITIES_VERSION


@dataclass(frozen=True)
class DateMention:
    date_index: int
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    value: date
    precision: str  # day | week | month | year
    extractor: str = DATES_VERSION


@dataclass(frozen=True)
class Quote:
    quote_index: int
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    speaker_text: str | None
    speaker_entity_id: str | None
    verb: str | None
    outlet_text: str | None
    outlet_entity_id: str | None
    extractor: str = QUOTES_VERSION


@dataclass(frozen=True)
class Amount:
    amount_index: int
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    value: float
    unit: str | None  # currency code, "percent", or a measure ("metric tons")
    object: str | None  # what is counted ("shipping containers")
    qualifier: str | None  # more_than | at_least | up_to | about | less_than
    event_index: int | None
    extractor: str = AMOUNTS_VERSION


@dataclass(frozen=True)
class Event:
    event_index: int
    sentence_index: int
    sentence: str
    start_char: int  # the trigger's span
    end_char: int
    trigger: str
    type: str  # one of the 16 PLOVER types
    mode: str | None
    rule_id: str
    confidence: float
    modality: str  # asserted | reported | alleged | denied | expected | hypothetical
    actor_text: str | None
    actor_entity_id: str | None
    actor_country: str | None
    recipient_text: str | None
    recipient_entity_id: str | None
    recipient_country: str | None
    event_date: date | None
    date_precision: str | None
    location_text: str | None
    location_entity_id: str | None
    extractor: str = EVENTS_VERSION


@dataclass(frozen=True)
class Enrichment:
    """Everything `enrich` found in one article."""

    entities: tuple[EntityRecord, ...] = ()
    aliases: tuple[Alias, ...] = ()
    mentions: tuple[MentionLink, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    amounts: tuple[Amount, ...] = ()
    events: tuple[Event, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def entity(self, entity_id: str | None) -> EntityRecord | None:
        for record in self.entities:
            if record.entity_id == entity_id:
                return record
        return None
