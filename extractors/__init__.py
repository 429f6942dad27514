"""Plain functions and spaCy components that turn raw inputs into articles and annotations.

Never imports Prefect, nor any other newsflow package. Three sub-packages, one per concern,
each with a small public surface (pinned by tests/test_public_api.py):

    newsflow.extractors.sources    where inputs come from: paths, URL lists, the polite fetcher,
                                   robots.txt, feeds, sitemaps, site discovery, polling, WARC
    newsflow.extractors.cleaning   raw document -> article: trafilatura, text articles,
                                   charsets, language
    newsflow.extractors.nlp        parsed article -> annotations: entity mentions, canonical
                                   entities, dates, quotes, amounts, PLOVER events

This package itself holds what they share: the plain data types, the natural keys, the error
tree (see extractors/_errors.py), loading settings and URL canonicalisation.
"""

from ._documents import Article, ExtractionResult, Mention, RawDocument, content_id, key_id
from ._errors import (
    BadFeed,
    FetchError,
    InputNotFound,
    InputRejected,
    NewsflowInputError,
    NoArticle,
    NotHTML,
    RateLimited,
    RobotsDenied,
    TerminalFetchError,
    TooLarge,
    TooManyRedirects,
    TransientFetchError,
    UnsafeURL,
)
from ._identity import article_id, content_hash
from ._iso import parse_iso_datetime
from ._settings import LoadSettings
from ._urls import canonical_url, is_web_url

__all__ = [
    "Article",
    "BadFeed",
    "ExtractionResult",
    "FetchError",
    "InputNotFound",
    "InputRejected",
    "LoadSettings",
    "Mention",
    "NewsflowInputError",
    "NoArticle",
    "NotHTML",
    "RateLimited",
    "RawDocument",
    "RobotsDenied",
    "TerminalFetchError",
    "TooLarge",
    "TooManyRedirects",
    "TransientFetchError",
    "UnsafeURL",
    "article_id",
    "canonical_url",
    "content_hash",
    "content_id",
    "is_web_url",
    "key_id",
    "parse_iso_datetime",
]
