"""ISO 8601 dates and times as feeds, sitemaps, WARC headers, records and users write them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def parse_iso_datetime(value: Any) -> datetime | None:
    """An aware datetime (UTC when the text names no zone), or None for anything that is not
    an ISO date or time: '2024-06-19', '2024-06-19T08:00:00Z', '2024-06-19 08:00+09:00'."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
