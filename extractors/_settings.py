"""Typed settings for loading and cleaning, with named defaults.

Environment variables (read once by `LoadSettings.from_env`):
    NEWSFLOW_MAX_INPUT_BYTES   largest input file accepted (default 20 MiB)

Fetching has its own settings (extractors/_fetch_settings.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
MIN_ARTICLE_WORDS = 25  # shorter bodies are navigation or stubs, not articles


@dataclass(frozen=True)
class LoadSettings:
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    min_article_words: int = MIN_ARTICLE_WORDS

    @classmethod
    def from_env(cls) -> LoadSettings:
        def number(name: str, default: float) -> float:
            raw = os.environ.get(name)
            if raw is None:
                return default
            try:
                return float(raw)
            except ValueError:
                raise ValueError(f"{name} must be a number, got {raw!r}") from None

        return cls(
            max_input_bytes=int(number("NEWSFLOW_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES)),
        )
