"""Questions the fetching side asks the store: per-source polling state and unseen URLs.

Writes go through `load(store, Batch(children={"fetches": …, "source_state": …,
"seen_urls": …}))`, so state moves in the same transaction as the articles a poll produced.
"""

from __future__ import annotations

import json
from typing import Any

from ._store import Store

STATE_COLUMNS = (
    "source_id", "kind", "locator", "etag", "last_modified", "body_hash", "children",
    "poll_interval_s", "next_poll_at", "last_polled_at", "last_success_at", "last_status",
    "last_error", "last_new_links", "consecutive_failures", "disabled_at", "disabled_reason",
    "discovered",
)  # fmt: skip


def source_states(store: Store, source_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Stored polling state per source id (absent ids have no state yet)."""
    if not source_ids:
        return {}
    rows = store.rows(
        f"SELECT {', '.join(STATE_COLUMNS)} FROM source_state "
        "WHERE source_id IN (SELECT unnest(?::VARCHAR[]))",
        [source_ids],
    )
    states = {}
    for row in rows:
        state = dict(zip(STATE_COLUMNS, row, strict=True))
        for name in ("children", "discovered"):
            if isinstance(state[name], str):
                state[name] = json.loads(state[name])
        states[state["source_id"]] = state
    return states


def unseen_urls(store: Store, urls: list[str]) -> set[str]:
    """The canonical URLs among `urls` that are not in `seen_urls` yet."""
    if not urls:
        return set()
    rows = store.rows(
        "SELECT u.url FROM (SELECT DISTINCT unnest(?::VARCHAR[]) AS url) u "
        "WHERE NOT EXISTS (SELECT 1 FROM seen_urls s WHERE s.url = u.url)",
        [urls],
    )
    return {row[0] for row in rows}


def source_health(store: Store) -> tuple[list[str], list[Any]]:
    """The `source_health` view, worst first (disabled, then most consecutive failures)."""
    return store.query(
        "SELECT * FROM source_health ORDER BY enabled, consecutive_failures DESC, locator"
    )


def stored_robots(store: Store, origins: list[str]) -> list[dict[str, Any]]:
    """robots.txt answers stored for these origins (scheme://host[:port])."""
    if not origins:
        return []
    rows = store.rows(
        "SELECT origin, status, body, fetched_at FROM robots_txt "
        "WHERE origin IN (SELECT unnest(?::VARCHAR[]))",
        [origins],
    )
    return [dict(zip(("origin", "status", "body", "fetched_at"), row, strict=True)) for row in rows]
