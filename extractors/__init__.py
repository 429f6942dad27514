"""Plain functions and spaCy components that turn raw inputs into articles and annotations.

Never imports Prefect. Public surface (pinned by tests/test_public_api.py):

    RawDocument, Article, ExtractionResult, Mention   plain data types
    enrich, Enrichment (+ its row types)              canonical entities, dates, quotes,
                                                      amounts, PLOVER events of a parsed Doc
    NewsflowInputError and subclasses                 one error tree (see extractors/_errors.py)
"""

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
    FetchError,
    InputNotFound,
    InputRejected,
    NewsflowInputError,
    NoArticle,
    TerminalFetchError,
    TransientFetchError,
)

__all__ = [
    "Alias",
    "Amount",
    "Article",
    "DateMention",
    "Enrichment",
    "EntityRecord",
    "Event",
    "MentionLink",
    "Quote",
    "enrich",
    "ExtractionResult",
    "FetchError",
    "InputNotFound",
    "InputRejected",
    "Mention",
    "NewsflowInputError",
    "NoArticle",
    "RawDocument",
    "TerminalFetchError",
    "TransientFetchError",
    "content_id",
    "key_id",
]
