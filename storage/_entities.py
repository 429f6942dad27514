"""Canonical entities across articles: what the store knows that one article cannot.

- `refresh_entity_countries`: an entity's country is the country most of its current
  articles give it (`article_entities`), not the first value seen; run after each load.
- `known_people`: the full names of people the store knows, for the engine to pass into a
  batch's work, so that a later article that only says "Putin" resolves to Vladimir Putin
  (workers never open the database).
"""

from __future__ import annotations

from typing import Any

from ._store import Store


def refresh_entity_countries(store: Store, entity_ids: list[str] | None = None) -> int:
    """Set `entities.country` to the country most current articles give each entity (ties:
    more mentions, then the code). Only `entity_ids` when given. Returns entities changed."""
    scope = ""
    parameters: list[Any] = []
    if entity_ids is not None:
        if not entity_ids:
            return 0
        scope = "AND ae.entity_id IN (SELECT unnest(?::VARCHAR[]))"
        parameters = [entity_ids]
    changed = store.rows(
        f"""
        WITH current AS (
            SELECT ae.entity_id, ae.country, ae.mentions
            FROM article_entities ae
            JOIN articles a ON a.article_id = ae.article_id AND a.version = ae.version
            WHERE ae.country IS NOT NULL {scope}
            QUALIFY ae.extractor = max(ae.extractor) OVER (PARTITION BY ae.article_id)
        ),
        votes AS (
            SELECT entity_id, country, count(*) AS articles, sum(mentions) AS mentions
            FROM current GROUP BY ALL
        )
        SELECT entity_id, country FROM votes
        QUALIFY row_number() OVER (
            PARTITION BY entity_id ORDER BY articles DESC, mentions DESC, country) = 1
        """,
        parameters,
    )
    if not changed:
        return 0
    store.execute(
        "CREATE OR REPLACE TEMP TABLE voted_countries (entity_id VARCHAR, country VARCHAR)"
    )
    store.execute(
        "INSERT INTO voted_countries SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
        [[row[0] for row in changed], [row[1] for row in changed]],
    )
    updated = store.rows(
        """
        UPDATE entities SET country = v.country
        FROM voted_countries v
        WHERE entities.entity_id = v.entity_id AND entities.country IS DISTINCT FROM v.country
        RETURNING entities.entity_id
        """
    )
    return len(updated)


def unsettled_entities(
    store: Store, rows: list[dict[str, Any]], new_articles: set[str]
) -> list[str]:
    """The entities of a load's `article_entities` rows whose country the vote may change:
    all but those whose every row comes from a newly stored article and gives no country or
    the entity's stored one. A vote the stored country already wins (`entities.country` is
    the winner after every load that adds votes) can only widen its lead, so recounting it,
    which reads every current article naming the entity, is skipped: for a common entity that
    is most of the store (issue 14, round 9)."""
    recount = {row["entity_id"] for row in rows if row.get("article_id") not in new_articles}
    votes = sorted({
        (row["entity_id"], row["country"]) for row in rows
        if row["entity_id"] not in recount and row.get("country") is not None
    })  # fmt: skip
    if votes:
        disagree = store.rows(
            """
            SELECT DISTINCT v.entity_id
            FROM (SELECT unnest(?::VARCHAR[]) AS entity_id, unnest(?::VARCHAR[]) AS country) v
            LEFT JOIN entities e ON e.entity_id = v.entity_id
            WHERE e.country IS DISTINCT FROM v.country
            """,
            [[vote[0] for vote in votes], [vote[1] for vote in votes]],
        )
        recount.update(row[0] for row in disagree)
    return sorted(recount)


def known_people(store: Store, limit: int = 200_000) -> list[tuple[str, str | None, int]]:
    """(full name, country, articles) of the people the store knows by a name of two words or
    more, the most written about first."""
    rows = store.rows(
        """
        SELECT e.name, e.country, count(DISTINCT m.article_id) AS articles
        FROM entities e
        JOIN entity_mentions m ON m.entity_id = e.entity_id
        WHERE e.type = 'PERSON' AND strpos(e.name, ' ') > 0
        GROUP BY ALL
        ORDER BY articles DESC, e.name
        LIMIT ?
        """,
        [limit],
    )
    return [(name, country, articles) for name, country, articles in rows]
