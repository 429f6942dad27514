"""Language identification with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < 5:
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= 0.5 else None
