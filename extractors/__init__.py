"""Plain functions and spaCy components that turn raw inputs into articles and annotations.

Never imports Prefect. Public surface (pinned by tests/test_public_api.py):

    RawDocument, Article, ExtractionResult, Mention   plain data types
    NewsflowInputError and subclasses                 one error tree (see extractors/_errors.py)
"""

from ._documents import Article, ExtractionResult, Mention, RawDocument, content_id, key_id
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
    "Article",
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
