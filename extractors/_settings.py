"""Typed settings for loading and cleaning, with named defaults.

Filled in from the environment by `newsflow.settings` (NEWSFLOW_MAX_INPUT_BYTES); fetching
has its own settings (extractors/sources/_settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
MIN_ARTICLE_WORDS = 25  # shorter bodies are navigation or stubs, not articles


@dataclass(frozen=True)
class LoadSettings:
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    min_article_words: int = MIN_ARTICLE_WORDS
