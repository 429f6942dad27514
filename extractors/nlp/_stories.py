"""Near-duplicate signatures: MinHash over word shingles, cut into LSH bands, so the store can
group syndicated copies of one story (the same wire text on many sites, lightly edited).

A text's shingles are its lower-cased word 5-grams. Each shingle hashes to 32 bits (blake2b,
stable across processes and runs); `PERMUTATIONS` universal hash functions
``(a * h + b) mod (2**61 - 1)``, cut to 32 bits, give the signature: the minimum of each
function over the shingles. The share of equal positions in two signatures estimates the
Jaccard similarity J of the two shingle sets; with the sets' sizes it gives their overlap
|A & B| = J (|A| + |B|) / (1 + J), and the containment of the smaller text in the larger,
|A & B| / min(|A|, |B|): a copy trimmed to its first paragraphs is contained in the full story
while its Jaccard similarity is low. `BANDS` bands of `ROWS` rows each hash to a bucket: two
texts share a bucket with probability 1 - (1 - J^ROWS)^BANDS (32 x 2: 0.95 at J = 0.3, 0.08 at
J = 0.05), which is how the store finds candidate copies without comparing every pair; the
store then checks each candidate's signature (`storage/_stories.py`).

datasketch (PyPI) implements the same MinHash, but needs scipy (a 35 MB wheel, and about
0.9 s to import in every worker process) for its in-memory LSH index, while the index here has
to live in the database across runs; the hashing is these few lines of numpy.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

STORIES_VERSION = "stories.v1"
SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS, ROWS = 32, 2
MIN_SHINGLES = 20  # a shorter text gets no bands: too little to tell copies apart
_PRIME = np.uint64((1 << 61) - 1)
_MASK = np.uint64(0xFFFFFFFF)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    minhash: tuple[int, ...]  # PERMUTATIONS values below 2**32
    bands: tuple[int, ...]  # BANDS bucket hashes below 2**63 (a signed 64-bit column)
    shingles: int  # distinct shingles summarised
    extractor: str = STORIES_VERSION


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(13)
    a = generator.integers(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
    b = generator.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _hash32(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "big")


def _bucket(values: np.ndarray, band: int) -> int:
    payload = band.to_bytes(2, "big") + values.astype(">u4").tobytes()
    return int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "big") >> 1


def signature(text: str) -> Signature | None:
    """The MinHash signature of a text and its band buckets (none for a text of fewer than
    `MIN_SHINGLES` shingles, which then never joins a story); None for a text without words."""
    found = shingles(text)
    if not found:
        return None
    hashes = np.fromiter((_hash32(s) for s in found), dtype=np.uint64, count=len(found))
    a, b = _permutations()
    # a, b and the hashes are below 2**32, so a * h + b stays below 2**64
    values = ((np.outer(hashes, a) + b) % _PRIME) & _MASK
    minhash = values.min(axis=0)
    bands: tuple[int, ...] = ()
    if len(found) >= MIN_SHINGLES:
        bands = tuple(_bucket(minhash[i * ROWS : (i + 1) * ROWS], i) for i in range(BANDS))
    return Signature(tuple(int(v) for v in minhash), bands, len(found))


def similarity(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures."""
    if len(first) != len(second) or not first:
        return 0.0
    return sum(1 for x, y in zip(first, second, strict=True) if x == y) / len(first)
