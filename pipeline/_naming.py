"""Names for batches, so a run's log and Prefect's run graph read like the pipeline:
'read-batch-3 (corpus/html, 64 inputs)', 'clean-annotate-3 (a.com +2, 32 inputs)'."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit


def _origin(ref: Any) -> str:
    location = str(getattr(ref, "location", ""))
    if location.startswith(("http://", "https://")):
        return urlsplit(location).hostname or location
    source = getattr(ref, "source", None)
    locator = getattr(source, "locator", "") or location
    parts = PurePath(locator).parts
    return "/".join(parts[-2:]) if parts else locator


def where(refs: Sequence[Any]) -> str:
    """Where a batch's inputs come from: 'corpus/html', 'a.com +2'."""
    origins = Counter(_origin(ref) for ref in refs)
    if not origins:
        return "nothing"
    (top, _), others = origins.most_common(1)[0], len(origins) - 1
    return f"{top} +{others}" if others else top


def batch_name(stage: str, number: int, refs: Sequence[Any], what: str = "input") -> str:
    """e.g. 'read-batch-3 (corpus/html, 64 inputs)'."""
    count = f"{len(refs)} {what}" + ("" if len(refs) == 1 else "s")
    return f"{stage}-{number} ({where(refs)}, {count})"
