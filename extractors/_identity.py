"""Natural keys: which article a raw input is, and when its cleaned content changed."""

from __future__ import annotations

import hashlib
import json

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


def content_hash(article: Article) -> str:
    """Hash of everything cleaning produced; a different hash makes a new article version."""
    payload = {
        "text": article.text,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "site_name": article.site_name,
        "language": article.language,
        "description": article.description,
        "categories": list(article.categories),
        "tags": list(article.tags),
        "image": article.image,
        "url": article.url,
        "captions": list(article.captions),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()
