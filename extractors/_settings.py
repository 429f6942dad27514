"""Typed settings for loading and cleaning, with named defaults.

Filled in from the environment by `newsflow.settings` (NEWSFLOW_MAX_INPUT_BYTES); fetching
has its own settings (extractors/sources/_settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
MIN_ARTICLE_WORDS = 25  # shorter bodies are navigation or stubs, not articles
RAW_PAGES = ("lean", "exact")  # how `documents` keeps an HTML page (extractors/cleaning/_lean.py)


@dataclass(frozen=True)
class LoadSettings:
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    min_article_words: int = MIN_ARTICLE_WORDS
    raw_pages: str = "lean"

    def __post_init__(self) -> None:
        if self.raw_pages not in RAW_PAGES:
            raise ValueError(f"must be {' or '.join(RAW_PAGES)}, got {self.raw_pages!r}")
