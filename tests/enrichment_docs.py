"""Hand-built spaCy Docs for the enrichment rule tests: words, tags, parse and entities
written out, so each rule is tested without the model."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    return spacy.blank("en").vocab


def make_doc(
    rows: list[str],
    ents: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
    no_space_after: set[int] = frozenset(),  # type: ignore[assignment]
) -> Doc:
    """`rows` are "word TAG POS dep head lemma" (head = absolute token index; lemma optional,
    defaults to the lower-cased word). Use "_" for a word that is a literal underscore."""
    words, tags, pos, deps, heads, lemmas = [], [], [], [], [], []
    for row in rows:
        parts = row.split(" ")
        word, tag, coarse, dep, head = parts[:5]
        words.append(word)
        tags.append(tag)
        pos.append(coarse)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(parts[5] if len(parts) > 5 else word.lower())
    spaces = [i not in no_space_after and i != len(words) - 1 for i in range(len(words))]
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start] = f"B-{label}"
        for i in range(start + 1, end):
            iob[i] = f"I-{label}"
    return Doc(
        vocab(), words=words, spaces=spaces, tags=tags, pos=pos, deps=deps, heads=heads,
        lemmas=lemmas, ents=iob,
    )  # fmt: skip


def flat_doc(words: list[str], tags: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    """A doc with tags and entities but no parse (for the span-cleaning rules)."""
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start] = f"B-{label}"
        for i in range(start + 1, end):
            iob[i] = f"I-{label}"
    return Doc(vocab(), words=words, tags=tags, ents=iob)
