"""Read-only questions the dashboard asks, one function per view of the data.

Each takes an open `Store` (from `storage.open_reader`, held only for the call) and returns
plain rows as dicts. Filters that name a country or type take "*" for any and "-" for none
(NULL), so a count of events with no recipient country can be clicked down to its events too.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._store import Store

ANY = "*"
NONE = "-"
GRAINS = ("day", "week", "month")


def _dicts(store: Store, sql: str, parameters: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = store.execute(sql, parameters)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _grain(grain: str) -> str:
    if grain not in GRAINS:
        raise ValueError(f"unknown period {grain!r}; use day, week or month")
    return grain


def _match(column: str) -> str:
    """SQL that keeps rows whose `column` matches a filter parameter (bound twice)."""
    return f"(?::VARCHAR = '{ANY}' OR {column} IS NOT DISTINCT FROM nullif(?::VARCHAR, '{NONE}'))"


# -- overview -------------------------------------------------------------------------------
def overview(store: Store) -> dict[str, Any]:
    """Row counts and the newest run and article, for the dashboard's first page."""
    row = _dicts(
        store,
        """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM event_details) AS events,
               (SELECT count(*) FROM entities) AS entities,
               (SELECT count(*) FROM quotes) AS quotes,
               (SELECT count(*) FROM sources) AS sources,
               (SELECT count(*) FROM runs) AS runs,
               (SELECT max(started_at) FROM runs) AS last_run_at,
               (SELECT min(published_date) FROM articles) AS first_day,
               (SELECT max(published_date) FROM articles) AS last_day
        """,
    )
    return row[0]


# -- runs -----------------------------------------------------------------------------------
def runs(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """Runs, newest first, with their counts, duration and failures."""
    return _dicts(
        store,
        """
        SELECT run_id, flow_name, state, started_at, finished_at, elapsed_s, items_seen,
               articles_new, articles_updated, articles_unchanged, items_skipped, items_failed,
               report->>'$.deployment' AS deployment
        FROM runs ORDER BY started_at DESC LIMIT ?
        """,
        [limit],
    )


def run_detail(store: Store, run_id: str) -> dict[str, Any] | None:
    """One run: its row, per-source results and the inputs it did not store, with reasons."""
    found = [r for r in runs(store, 1_000_000) if r["run_id"] == run_id]
    if not found:
        return None
    detail = dict(found[0])
    detail["sources"] = _dicts(
        store,
        "SELECT source, kind, inputs, fetched, new, updated, unchanged, skipped, failed, reasons "
        "FROM run_source_results WHERE run_id = ? ORDER BY failed DESC, source",
        [run_id],
    )
    detail["not_stored"] = _dicts(
        store,
        "SELECT uri, status, reason FROM run_items WHERE run_id = ? "
        "AND status IN ('failed', 'skipped') ORDER BY status, uri LIMIT 500",
        [run_id],
    )
    return detail


# -- sources --------------------------------------------------------------------------------
def sources(store: Store) -> list[dict[str, Any]]:
    """Every source: articles, items per day over the last 30 days, last success, failing
    polls and next poll (the last three for polled feeds, sitemaps and sites)."""
    return _dicts(
        store,
        """
        WITH counts AS (
            SELECT source_id, count(*) AS articles,
                   count(*) FILTER (WHERE first_seen_at >= now() - INTERVAL 30 DAY) AS new_30d,
                   max(first_seen_at) AS last_article_at
            FROM articles GROUP BY source_id
        ), inputs AS (
            SELECT source_id, max(recorded_at) FILTER (WHERE status IN ('new', 'updated',
                   'unchanged')) AS last_input_ok_at,
                   count(*) FILTER (WHERE status = 'failed') AS failed_inputs
            FROM run_items GROUP BY source_id
        )
        SELECT s.source_id, s.kind, s.locator, s.last_seen_at,
               coalesce(c.articles, 0) AS articles,
               round(coalesce(c.new_30d, 0) / 30.0, 2) AS items_per_day,
               c.last_article_at,
               coalesce(h.last_success_at, i.last_input_ok_at) AS last_success_at,
               coalesce(h.enabled, true) AS enabled,
               h.disabled_reason, h.consecutive_failures AS failing_polls,
               h.failed_requests_30d, h.last_error, h.next_poll_at, h.poll_interval_s,
               coalesce(i.failed_inputs, 0) AS failed_inputs
        FROM sources s
        LEFT JOIN counts c ON c.source_id = s.source_id
        LEFT JOIN inputs i ON i.source_id = s.source_id
        LEFT JOIN source_health h ON h.source_id = s.source_id
        ORDER BY enabled, failing_polls DESC NULLS LAST, s.last_seen_at DESC, s.locator
        """,
    )


# -- articles -------------------------------------------------------------------------------
def articles_per_day(store: Store, limit: int = 1000) -> list[dict[str, Any]]:
    """Articles per publication day and site, newest day first."""
    return _dicts(
        store,
        "SELECT day, site, articles, words FROM articles_per_day_site "
        "ORDER BY day DESC NULLS LAST, articles DESC, site LIMIT ?",
        [limit],
    )


def recent_articles(
    store: Store, day: date | None = None, site: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Articles, newest first; `day` and `site` narrow them to one cell of articles_per_day."""
    return _dicts(
        store,
        """
        SELECT article_id, title, coalesce(site_name, '(unknown)') AS site, published_date,
               word_count, url
        FROM articles
        WHERE (?::DATE IS NULL OR published_date = ?::DATE)
          AND (?::VARCHAR IS NULL OR coalesce(site_name, '(unknown)') = ?::VARCHAR)
        ORDER BY published_date DESC NULLS LAST, first_seen_at DESC LIMIT ?
        """,
        [day, day, site, site, limit],
    )


def search(store: Store, terms: str, limit: int = 20) -> list[dict[str, Any]]:
    """BM25 full-text search with a snippet of text around the first matching word."""
    from ._search import search_sql

    with store.window():
        sql, parameters = search_sql(
            store, terms,
            "a.article_id, a.title, coalesce(a.site_name, '(unknown)') AS site, "
            "a.published_date, a.text", limit,
        )  # fmt: skip
        hits = _dicts(
            store,
            "SELECT article_id, title, site, published_date, round(score, 3) AS score, text "
            f"FROM ({sql}) ORDER BY score DESC, published_date DESC NULLS LAST",
            parameters,
        )
    for hit in hits:
        hit["snippet"] = snippet(hit.pop("text"), terms)
    return hits


def snippet(text: str, terms: str, width: int = 240) -> list[tuple[str, bool]]:
    """About `width` characters of `text` around the first word of `terms`, as (part, is_match)
    pieces so a page can mark the matches."""
    words = [re.escape(w) for w in re.findall(r"\w+", terms) if len(w) > 1]
    if not words:
        return [(text[:width], False)]
    pattern = re.compile(r"\b(" + "|".join(words) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    window = text[start : start + width]
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    at = 0
    for match in pattern.finditer(window):
        pieces += [(window[at : match.start()], False), (match.group(0), True)]
        at = match.end()
    pieces.append((window[at:] + ("…" if start + width < len(text) else ""), False))
    return [piece for piece in pieces if piece[0]]


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article at its current version with everything found in it: entity mentions,
    dates, quotes, amounts and events, each with its span in `text`."""
    rows = _dicts(
        store,
        "SELECT article_id, version, title, url, uri, site_name, published_date, authors, "
        "language, word_count, nlp_status, text FROM articles WHERE article_id = ?",
        [article_id],
    )
    if not rows:
        return None
    found = rows[0]
    found["entities"] = _dicts(
        store,
        "SELECT mention_index, start_char, end_char, text, label, entity_id, entity_name, "
        "entity_country FROM current_entity_mentions WHERE article_id = ? ORDER BY start_char",
        [article_id],
    )
    found["dates"] = _dicts(
        store,
        "SELECT start_char, end_char, text, value, precision FROM current_date_mentions "
        "WHERE article_id = ? ORDER BY start_char",
        [article_id],
    )
    found["quotes"] = _dicts(
        store,
        "SELECT quote_index, start_char, end_char, text, coalesce(speaker_name, speaker_text) "
        "AS speaker, verb, coalesce(outlet_name, outlet_text) AS outlet FROM quote_details "
        "WHERE article_id = ? ORDER BY start_char",
        [article_id],
    )
    found["amounts"] = _dicts(
        store,
        "SELECT amount_index, start_char, end_char, text, value, unit, object, qualifier, "
        "event_index FROM current_amounts WHERE article_id = ? ORDER BY start_char",
        [article_id],
    )
    found["events"] = _dicts(
        store,
        """
        SELECT event_index, sentence_index, start_char, end_char, trigger, type, mode, rule_id,
               confidence, modality, coalesce(actor_name, actor_text) AS actor, actor_country,
               coalesce(recipient_name, recipient_text) AS recipient, recipient_country, day,
               coalesce(location_name, location_text) AS location
        FROM event_details WHERE article_id = ? ORDER BY start_char
        """,
        [article_id],
    )
    return found


# -- entities -------------------------------------------------------------------------------
def top_entities(store: Store, type: str = ANY, limit: int = 50) -> list[dict[str, Any]]:  # noqa: A002
    """Canonical entities by mentions; `type` PERSON, ORG, GPE, … or "*"."""
    return _dicts(
        store,
        "SELECT entity_id, name, type, country, mentions, articles FROM entity_counts "
        f"WHERE {_match('type')} ORDER BY mentions DESC, name LIMIT ?",
        [type, type, limit],
    )


def entity_timeline(
    store: Store, entity_ids: list[str], grain: str = "week"
) -> list[dict[str, Any]]:
    """Mentions of these entities per day, week or month of publication."""
    return _dicts(
        store,
        f"""
        SELECT date_trunc('{_grain(grain)}', a.published_date)::DATE AS period,
               m.entity_id, m.entity_name AS name, count(*) AS mentions
        FROM current_entity_mentions m JOIN articles a ON a.article_id = m.article_id
        WHERE list_contains(?::VARCHAR[], m.entity_id) AND a.published_date IS NOT NULL
        GROUP BY ALL ORDER BY period, name
        """,
        [entity_ids],
    )


def cooccurrence(store: Store, entity_id: str | None = None, limit: int = 50) -> list[dict]:
    """Who appears with whom: pairs of entities by shared articles (with one entity if given)."""
    return _dicts(
        store,
        """
        SELECT entity_a, label_a, entity_id_a, entity_b, label_b, entity_id_b, articles
        FROM entity_cooccurrence
        WHERE ?::VARCHAR IS NULL OR ?::VARCHAR IN (entity_id_a, entity_id_b)
        ORDER BY articles DESC, entity_a, entity_b LIMIT ?
        """,
        [entity_id, entity_id, limit],
    )


def entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    """One canonical entity: its counts, aliases and the articles that name it."""
    rows = _dicts(
        store,
        "SELECT e.entity_id, e.name, e.type, e.country, coalesce(c.mentions, 0) AS mentions, "
        "coalesce(c.articles, 0) AS articles FROM entities e "
        "LEFT JOIN entity_counts c ON c.entity_id = e.entity_id WHERE e.entity_id = ?",
        [entity_id],
    )
    if not rows:
        return None
    found = rows[0]
    found["aliases"] = [
        r["alias"]
        for r in _dicts(
            store,
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias",
            [entity_id],
        )
    ]
    found["in_articles"] = _dicts(
        store,
        """
        SELECT a.article_id, a.title, coalesce(a.site_name, '(unknown)') AS site,
               a.published_date, count(*) AS mentions
        FROM current_entity_mentions m JOIN articles a ON a.article_id = m.article_id
        WHERE m.entity_id = ? GROUP BY ALL
        ORDER BY a.published_date DESC NULLS LAST, mentions DESC LIMIT 200
        """,
        [entity_id],
    )
    return found


# -- events ---------------------------------------------------------------------------------
def event_counts(
    store: Store,
    grain: str = "week",
    type: str = ANY,  # noqa: A002
    country: str = ANY,
    factual_only: bool = False,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """PLOVER event counts by period, actor country, recipient country and type; `country`
    keeps pairs where either side is that country."""
    return _dicts(
        store,
        f"""
        SELECT date_trunc('{_grain(grain)}', day)::DATE AS period, actor_country,
               recipient_country, type, count(*) AS events,
               count(*) FILTER (WHERE modality IN ('asserted', 'reported', 'alleged'))
                   AS factual_events,
               count(DISTINCT article_id) AS articles
        FROM event_details
        WHERE {_match("type")}
          AND (?::VARCHAR = '{ANY}' OR ?::VARCHAR IN (actor_country, recipient_country))
          AND (NOT ?::BOOLEAN OR modality IN ('asserted', 'reported', 'alleged'))
        GROUP BY ALL
        ORDER BY period DESC NULLS LAST, events DESC, actor_country NULLS LAST,
                 recipient_country NULLS LAST, type
        LIMIT ?
        """,
        [type, type, country, country, factual_only, limit],
    )


def event_timeline(store: Store, grain: str = "week", country: str = ANY) -> list[dict]:
    """Events per period and PLOVER type, for a chart."""
    return _dicts(
        store,
        f"""
        SELECT date_trunc('{_grain(grain)}', day)::DATE AS period, type, count(*) AS events
        FROM event_details
        WHERE day IS NOT NULL
          AND (?::VARCHAR = '{ANY}' OR ?::VARCHAR IN (actor_country, recipient_country))
        GROUP BY ALL ORDER BY period, type
        """,
        [country, country],
    )


def event_types(store: Store) -> list[str]:
    return [r["type"] for r in _dicts(store, "SELECT DISTINCT type FROM events ORDER BY type")]


def event_countries(store: Store) -> list[str]:
    return [
        r["country"]
        for r in _dicts(
            store,
            "SELECT DISTINCT country FROM (SELECT actor_country AS country FROM events "
            "UNION SELECT recipient_country FROM events) WHERE country IS NOT NULL ORDER BY 1",
        )
    ]


def event_list(
    store: Store,
    grain: str = "week",
    period: date | None = None,
    actor_country: str = ANY,
    recipient_country: str = ANY,
    type: str = ANY,  # noqa: A002
    factual_only: bool = False,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """The events behind one count of `event_counts`: their sentences, rule ids, modality
    and articles."""
    return _dicts(
        store,
        f"""
        SELECT article_id, event_index, day, type, mode, modality, rule_id, confidence, trigger,
               coalesce(actor_name, actor_text) AS actor, actor_country,
               coalesce(recipient_name, recipient_text) AS recipient, recipient_country,
               coalesce(location_name, location_text) AS location, sentence, title, url
        FROM event_details
        WHERE (?::DATE IS NULL OR date_trunc('{_grain(grain)}', day)::DATE = ?::DATE)
          AND {_match("actor_country")} AND {_match("recipient_country")} AND {_match("type")}
          AND (NOT ?::BOOLEAN OR modality IN ('asserted', 'reported', 'alleged'))
        ORDER BY day DESC NULLS LAST, article_id, event_index LIMIT ?
        """,
        [period, period, actor_country, actor_country, recipient_country, recipient_country,
         type, type, factual_only, limit],
    )  # fmt: skip


def country_names(store: Store) -> dict[str, str]:
    """A name for each country code: the most mentioned place (GPE) with that code."""
    rows = _dicts(
        store,
        """
        SELECT country, arg_max(name, mentions) AS name FROM (
            SELECT e.country, e.name, count(m.entity_id) AS mentions
            FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.entity_id
            WHERE e.type = 'GPE' AND e.country IS NOT NULL GROUP BY ALL
        ) GROUP BY country
        """,
    )
    return {r["country"]: r["name"] for r in rows}
