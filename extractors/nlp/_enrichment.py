"""One entry point over all enrichment rules: `enrich(doc, published) -> Enrichment`.

Runs on a `Doc` that already went through the full pipeline (tagger, parser, NER), e.g. from
`nlp.pipe` in the mention extractor: no second model pass. Each step is a plain function of
the Doc and the earlier steps' results:

    clean_mentions → resolve_entities → extract_dates → extract_quotes
                   → extract_events → extract_amounts/link_amounts
"""

from __future__ import annotations

from datetime import date, datetime

from spacy.tokens import Doc

from ._amounts import extract_amounts, link_amounts
from ._dates import extract_dates
from ._entity_normalize import clean_mentions
from ._entity_resolution import KnownPeople, aliases_of, resolve_entities
from ._events import extract_events
from ._quotes import extract_quotes
from ._tokens import walking
from ._types import Enrichment, MentionLink


def enrich(
    doc: Doc, published: date | datetime | None = None, people: KnownPeople | None = None
) -> Enrichment:
    """Canonical entities, dates, quotes, amounts and PLOVER events of one parsed article.
    `people`: what the store already knows about people (see `KnownPeople`)."""
    if isinstance(published, datetime):
        published = published.date()
    if len(doc) == 0:
        return Enrichment()
    with walking(doc):  # the rules share one list of the doc's Tokens
        return _enrich(doc, published, people)


def _enrich(doc: Doc, published: date | None, people: KnownPeople | None) -> Enrichment:
    mentions = clean_mentions(doc)
    entities = resolve_entities(doc, mentions, people)
    dates = extract_dates(doc, published)
    quotes = extract_quotes(doc, entities)
    events = extract_events(
        doc,
        entities,
        dates,
        [(q.start_char, q.end_char) for q in quotes],
        [(q.start_char, q.end_char, q.speaker_entity_id) for q in quotes if q.speaker_entity_id],
    )
    triggers: dict[int, int] = {}
    for event in events:
        token = doc.char_span(event.start_char, event.end_char, alignment_mode="expand")
        if token is not None:
            triggers.setdefault(token.start, event.event_index)
    amounts = link_amounts(doc, extract_amounts(doc), triggers)
    links = tuple(
        MentionLink(
            mention_index=n,
            sentence_index=m.sentence_index,
            start_char=m.start_char,
            end_char=m.end_char,
            text=m.text,
            label=m.label,
            entity_id=entities.entity_of[n],
            ner_label=m.ner_label,
        )
        for n, m in enumerate(mentions)
    )
    return Enrichment(
        entities=tuple(sorted(entities.records.values(), key=lambda r: r.entity_id)),
        aliases=aliases_of(entities),
        mentions=links,
        dates=tuple(dates),
        quotes=tuple(quotes),
        amounts=tuple(amounts),
        events=tuple(events),
    )
