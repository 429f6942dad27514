"""Plain functions and spaCy components that turn raw inputs into articles and annotations.

Never imports Prefect. Public surface (pinned by tests/test_public_api.py):

    plan_inputs, read_input                           inputs: paths, globs, URL lists, URLs
    clean                                             raw document -> ExtractionResult
    load_model, parse, mentions_of, extractor_version spaCy entity mentions (nlp.pipe)
    article_id, content_hash                          natural keys
    FetchSettings, Fetcher, FetchResponse, FetchRecord  the polite async fetcher
    parse_feed, parse_sitemap, feed_links, read_warc, WarcFilter   feeds, sitemaps, WARC
    RawDocument, Article, ExtractionResult, Mention   plain data types
    enrich, Enrichment (+ its row types)              canonical entities, dates, quotes,
                                                      amounts, PLOVER events of a parsed Doc
    NewsflowInputError and subclasses                 one error tree (see extractors/_errors.py)
"""

from ._clean import clean
from ._discovery import feed_links
from ._documents import Article, ExtractionResult, Mention, RawDocument, content_id, key_id
from ._enrichment import enrich
from ._enrichment_types import (
    Alias,
    Amount,
    DateMention,
    Enrichment,
    EntityRecord,
    Event,
    MentionLink,
    Quote,
)
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
from ._feeds import parse_feed
from ._fetch_settings import FetchSettings
from ._fetcher import Fetcher, FetchRecord, FetchResponse
from ._identity import article_id, content_hash
from ._loaders import InputPlan, InputRef, Source, plan_inputs, read_input
from ._mentions import extractor_version, load_model, mentions_of, parse
from ._settings import LoadSettings
from ._sitemaps import parse_sitemap
from ._warc import WarcFilter, read_warc

__all__ = [
    "Alias",
    "Amount",
    "Article",
    "BadFeed",
    "DateMention",
    "Enrichment",
    "EntityRecord",
    "Event",
    "ExtractionResult",
    "FetchError",
    "FetchRecord",
    "FetchResponse",
    "FetchSettings",
    "Fetcher",
    "InputNotFound",
    "InputPlan",
    "InputRef",
    "InputRejected",
    "LoadSettings",
    "Mention",
    "MentionLink",
    "NewsflowInputError",
    "NoArticle",
    "NotHTML",
    "Quote",
    "RateLimited",
    "RawDocument",
    "RobotsDenied",
    "Source",
    "TerminalFetchError",
    "TooLarge",
    "TooManyRedirects",
    "TransientFetchError",
    "UnsafeURL",
    "WarcFilter",
    "article_id",
    "clean",
    "content_hash",
    "content_id",
    "enrich",
    "extractor_version",
    "feed_links",
    "key_id",
    "load_model",
    "mentions_of",
    "parse",
    "parse_feed",
    "parse_sitemap",
    "plan_inputs",
    "read_input",
    "read_warc",
]
