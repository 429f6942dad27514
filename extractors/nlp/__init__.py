"""Parsed article in, annotations out: spaCy entity mentions, then rules over the same `Doc`
(no second model pass) for canonical entities, dates, quotes, amounts and PLOVER events.

    MODEL, load_model, parse, mentions_of, extractor_version   the spaCy model, its mentions
    use_fast_attribute_ruler                            the model's attribute ruler, faster
    enrich, Enrichment and its item types, *_VERSION    everything the rules find in a Doc
    clean_mentions, clean_span_text, resolve_entities,
    resolve_date, parse_amount, quote_segments,
    demonym, place, dictionary_country, PLOVER_TYPES, TRIGGERS,
    cameo_patterns                                      the rules' building blocks (tested alone)
    KnownPeople                                         what the store knows, passed into enrich
    signature, Signature, similarity, STORIES_VERSION   near-duplicate signatures (stories)
"""

from ._amounts import parse_value as parse_amount
from ._attribute_ruler import use_fast_attribute_ruler
from ._cameo_patterns import patterns as cameo_patterns
from ._countries import demonym, place
from ._dates import resolve as resolve_date
from ._enrichment import enrich
from ._entity_countries import dictionary_country
from ._entity_normalize import clean_mentions, clean_span_text
from ._entity_resolution import KnownPeople, resolve_entities
from ._mentions import MODEL, extractor_version, load_model, mentions_of, parse
from ._plover_lexicon import PLOVER_TYPES, TRIGGERS
from ._quotes_text import quote_segments
from ._stories import STORIES_VERSION, Signature, signature, similarity
from ._types import (
    AMOUNTS_VERSION,
    DATES_VERSION,
    ENTITIES_VERSION,
    EVENTS_VERSION,
    QUOTES_VERSION,
    Alias,
    Amount,
    DateMention,
    Enrichment,
    EntityRecord,
    Event,
    MentionLink,
    Quote,
)

__all__ = [
    "AMOUNTS_VERSION",
    "DATES_VERSION",
    "ENTITIES_VERSION",
    "EVENTS_VERSION",
    "MODEL",
    "PLOVER_TYPES",
    "QUOTES_VERSION",
    "STORIES_VERSION",
    "TRIGGERS",
    "Alias",
    "Amount",
    "DateMention",
    "Enrichment",
    "EntityRecord",
    "Event",
    "KnownPeople",
    "MentionLink",
    "Quote",
    "Signature",
    "cameo_patterns",
    "clean_mentions",
    "clean_span_text",
    "demonym",
    "dictionary_country",
    "enrich",
    "extractor_version",
    "load_model",
    "mentions_of",
    "parse",
    "parse_amount",
    "place",
    "quote_segments",
    "resolve_date",
    "resolve_entities",
    "signature",
    "similarity",
    "use_fast_attribute_ruler",
]
