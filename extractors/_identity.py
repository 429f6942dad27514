"""Natural keys: which article a raw input is, and when its cleaned content changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from datetime import date

from ._documents import Article, RawDocument, key_id
from ._errors import NewsflowInputError
from ._urls import canonical_url


def article_key(raw: RawDocument) -> str:
    """Canonical URL when the input has one (fetched page, JSONL url), else its file URI."""
    if raw.url:
        try:
            return canonical_url(raw.url)
        except NewsflowInputError:
            pass
    return raw.uri


def article_id(raw: RawDocument) -> str:
    return key_id(article_key(raw))


# Fields that describe where values came from, not what the article says.
NOT_CONTENT = frozenset({"field_sources"})


def content_hash(article: Article) -> str:
    """Hash of everything cleaning produced; a different hash makes a new article version."""
    payload = {}
    for spec in fields(Article):
        if spec.name in NOT_CONTENT:
            continue
        value = getattr(article, spec.name)
        payload[spec.name] = value.isoformat() if isinstance(value, date) else value
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()
