"""Extraction scoring as the ScrapingHub/Zyte article-extraction benchmark defines it.

Tokens are matches of `\\w+` (case-sensitive); shingles are token 4-grams (a text of 1–3
tokens is one shingle; no tokens, no shingles). Per page TP/FP/FN are multiset counts over
shingles. Precision is the mean of TP/(TP+FP) over pages with non-empty output; recall the
mean of TP/(TP+FN) over pages with non-empty truth; F1 = 2PR/(P+R) of those means.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int


def score(predictions: dict[str, str], truths: dict[str, str]) -> Score:
    precisions, recalls = [], []
    for page, truth in truths.items():
        expected = shingles(truth)
        predicted = shingles(predictions.get(page) or "")
        tp = sum((expected & predicted).values())
        if predicted:
            precisions.append(tp / sum(predicted.values()))
        if expected:
            recalls.append(tp / sum(expected.values()))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(round(p, 4), round(r, 4), round(f1, 4), len(truths))
