"""Typed settings for loading and cleaning, with named defaults.

Environment variables (read once by `LoadSettings.from_env`):
    NEWSFLOW_MAX_INPUT_BYTES   largest input file or response accepted (default 20 MiB)
    NEWSFLOW_HTTP_TIMEOUT      seconds for connect/read of a plain URL fetch (default 20)
    NEWSFLOW_USER_AGENT        User-Agent sent with plain URL fetches
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
DEFAULT_HTTP_TIMEOUT = 20.0
DEFAULT_USER_AGENT = "newsflow/0.1 (+https://github.com/newsflow/newsflow)"
MIN_ARTICLE_WORDS = 25  # shorter bodies are navigation or stubs, not articles


@dataclass(frozen=True)
class LoadSettings:
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    http_timeout: float = DEFAULT_HTTP_TIMEOUT
    user_agent: str = DEFAULT_USER_AGENT
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
            http_timeout=number("NEWSFLOW_HTTP_TIMEOUT", DEFAULT_HTTP_TIMEOUT),
            user_agent=os.environ.get("NEWSFLOW_USER_AGENT", DEFAULT_USER_AGENT),
        )
