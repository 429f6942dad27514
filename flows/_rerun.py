"""Plain steps shared by `reprocess` and `backfill`: rebuild raw documents, keep a date range.

Nothing here knows Prefect; the flows' tasks call these.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from extractors import RawDocument, article_id
from storage import Batch

RECORD_FIELDS = ("title", "text", "published", "authors")  # as extractors' JSONL loader keeps


class KeyMismatch(ValueError):
    """A stored document no longer maps to its article's key (identity rules changed)."""


def raw_document(row: dict[str, Any], content: bytes) -> RawDocument:
    """The `RawDocument` a stored input was, rebuilt from `documents` and `articles` rows.

    The article key must come out the same, so the URL the input had is found again among
    the candidates (the fetched URI, the stored article URL, none) by checking the key.
    """
    fields: dict[str, object] = {}
    record_url = None
    if row["kind"] == "record":
        record = json.loads(content)
        fields = {k: record[k] for k in RECORD_FIELDS if k in record}
        record_url = record.get("url")
    uri = row["uri"]
    web = uri if uri.startswith(("http://", "https://")) else None
    for url in dict.fromkeys((record_url, web, row.get("url"), None)):
        raw = RawDocument(
            uri=uri,
            content=content,
            kind=row["kind"],
            source_uri=row.get("source_locator") or "",
            url=url,
            content_type=row.get("content_type"),
            fields=fields,
        )
        if article_id(raw) == row["article_id"]:
            return raw
    raise KeyMismatch(f"{uri}: its stored document no longer maps to article {row['article_id']}")


def _day(value: Any) -> date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def keep_range(
    batch: Batch, since: date | None, until: date | None, keep_undated: bool = False
) -> Batch:
    """Drop articles published outside [since, until] from a batch; they become `skipped`
    run items with reason `outside_range`. Undated articles go too unless `keep_undated`."""
    dropped: dict[str, str] = {}
    kept = []
    for row in batch.articles:
        day = _day(row.get("published_date"))
        if day is None:
            inside = keep_undated
            why = "outside_range: no published date"
        else:
            inside = (since is None or day >= since) and (until is None or day <= until)
            why = f"outside_range: published {day.isoformat()}"
        if inside:
            kept.append(row)
        else:
            dropped[row["article_id"]] = why
    if not dropped:
        return batch
    batch.articles = kept
    batch.children = {
        table: [row for row in rows if row.get("article_id") not in dropped]
        for table, rows in batch.children.items()
    }
    for item in batch.run_items:
        if item.get("status") is None and item.get("article_id") in dropped:
            item["status"] = "skipped"
            item["reason"] = dropped[item["article_id"]]
            item["article_id"] = None
    return batch
