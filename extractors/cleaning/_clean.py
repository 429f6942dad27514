"""One entry point for cleaning: raw document in, `ExtractionResult` out, never None."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .._documents import Article, ExtractionResult, RawDocument
from .._errors import NewsflowInputError, NoArticle
from .._iso import parse_iso_datetime
from .._settings import LoadSettings
from . import _html, _text_article
from ._decoding import decode_text
from ._language import identify_language


def cleaner_version(raw: RawDocument) -> str:
    return _html.version() if raw.kind == "html" else _text_article.VERSION


def _record_article(raw: RawDocument) -> Article:
    """A JSONL {url, title, text, published} record: its fields are the article."""
    fields = raw.fields
    published = fields.get("published")
    when = parse_iso_datetime(published)
    parsed: date | None = when.date() if when else None
    authors = fields.get("authors")
    sources = {"text": "record", "title": "record"}
    if parsed:
        sources["published"] = "record"
    return Article(
        text=str(fields.get("text", "")).strip(),
        title=str(fields["title"]) if fields.get("title") else None,
        authors=tuple(str(a) for a in authors) if isinstance(authors, list) else (),
        published=parsed,
        url=raw.url,
        field_sources=sources,
    )


def clean(raw: RawDocument, settings: LoadSettings | None = None) -> ExtractionResult:
    """Clean one document. Failures come back as a status and reason, not an exception."""
    settings = settings or LoadSettings()
    try:
        if raw.kind == "record":
            article = _record_article(raw)
        else:
            text = decode_text(raw.content, raw.uri, raw.content_type, html=raw.kind == "html")
            if not text.strip():
                raise NoArticle("the input holds no text", uri=raw.uri)
            if raw.kind == "html":
                article = _html.clean_html(raw, text, settings.min_article_words)
            else:
                article = _text_article.parse_text_article(raw, text)
        if not article.text.strip():
            raise NoArticle("no article text left after cleaning", uri=raw.uri)
    except NewsflowInputError as error:
        return ExtractionResult.from_error(error)
    except Exception as error:  # noqa: BLE001 - one odd page must not end the run
        return ExtractionResult(
            "failed", f"internal_error: {type(error).__name__}: {error} (please report this page)"
        )
    detected, method = identify_language(article.text, declared=article.language)
    sources = dict(article.field_sources)
    language = article.language
    if detected:
        language, sources["language"] = detected, method
    elif language:
        sources["language"] = "html"
    return ExtractionResult("ok", "", replace(article, language=language, field_sources=sources))
