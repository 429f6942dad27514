"""Language identification: English by a check of its commonest words, else py3langid (its
model ships inside the wheel).

Most pages newsflow sees are English, and English prose is told apart by its function words
alone: where a tenth or more of a text's words are among a few words common in English and
not words of other languages (`_ENGLISH_MARKERS`), and the page does not declare another
language, the text is English and the identifier is never asked. A run of English pages then
never loads the identifier's model (below), and each page saves the identifier's few ms.

The model ships as an LZMA-compressed `.npz` (4.6 MB): decompressing it costs about 0.7 s of
CPU in every process that identifies a language, a quarter of a one-article `newsflow
ingest`. The first process to load it keeps the decompressed arrays (68 MB of `.npy` files)
under ~/.cache/newsflow/, keyed by py3langid's version and the model file's size and
modification time; later processes map those (about 0.035 s). The identifier built from them
is the one py3langid builds from its own file, array for array (tests/test_language.py). A
cache that cannot be written or read is passed over: the model is then read from the wheel.
"""

from __future__ import annotations

import contextlib
import io
import lzma
import os
import re
import shutil
import tempfile
import threading
import zipfile
from array import array
from pathlib import Path
from typing import Any

SAMPLE_CHARS = 3000
# Frequent English words that are not (common) words of other languages in Latin script:
# "a", "in", "on", "to", "is", "was", "die" are left out on purpose (Romance, German, Dutch,
# Slavic words).
_ENGLISH_MARKERS = frozenset(
    (  # noqa: SIM905 - a list of words reads better as words
        "the and of that with said his have has were which who would their been will this from "
        "they not for"
    ).split()
)
# Chosen on the corpus's tuning half (samples/corpus/split.json): its English pages 0.13-0.2
# but one (a score table), its pages in other languages 0.0; on the test half English pages
# 0.045-0.2, the others at most 0.013 (bench/results/issue14.md, "Round 7, lead").
ENGLISH_MARKER_SHARE = 0.1
MIN_WORDS_FOR_MARKERS = 30  # shorter texts go to the identifier
_WORD = re.compile(r"[^\W\d_]+")
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {2: "H", 4: "I", 8: "L"}  # unsigned integer width -> array typecode

_loading = threading.Lock()  # one load per process, however many threads ask at once
_loaded: list[Any] = []  # the identifier, once loaded
# NumPy reads an array file's header with `ast.literal_eval`, and on CPython 3.11 two threads
# building ASTs at once can fail ("SystemError: AST constructor recursion depth mismatch",
# python/cpython#106905): array files are opened one thread at a time.
_opening_arrays = threading.Lock()


def _default_cache() -> Path | None:
    try:
        return Path.home() / ".cache" / "newsflow"
    except (RuntimeError, KeyError):  # no home directory to be found
        return None


def _identifier() -> Any:
    if _loaded:
        return _loaded[0]
    with _loading:
        if not _loaded:
            _loaded.append(load_language_identifier(_default_cache()))
    return _loaded[0]


def load_language_identifier(cache: Path | None) -> Any:
    """py3langid's `LanguageIdentifier` (probabilities normalised) from its model, read from
    the decompressed copy under `cache` when there is one, else from the wheel (and the copy
    written for the next process). `cache=None`: the wheel's file only."""
    import numpy as np
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = MODEL_DIR / MODEL_FILE
    arrays: dict[str, Any] | None = None
    folder = None
    if cache is not None:
        stat = model.stat()
        key = f"py3langid-{py3langid.__version__}-{stat.st_size}-{stat.st_mtime_ns}"
        folder = cache / key
        arrays = _read_copy(folder, np)
    if arrays is None:
        broken = folder is not None and folder.exists()  # there, yet not read: replaced
        npz = lzma.decompress(model.read_bytes())
        with _opening_arrays, np.load(io.BytesIO(npz), allow_pickle=False) as data:
            arrays = {name: data[name] for name in ARRAYS}
        if folder is not None:
            _write_copy(folder, npz, replace=broken)
    return LanguageIdentifier(
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _unsigned(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_unsigned(arrays["nextmove_row"]),
    )


def _unsigned(values: Any) -> array[int]:
    """A NumPy unsigned integer array as a stdlib array, as py3langid's loader makes it."""
    import numpy as np

    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out


def _read_copy(folder: Path, np: Any) -> dict[str, Any] | None:
    try:
        # Mapped, not read: the DFA tables are copied once into stdlib arrays, and of the
        # 28 MB score table only the rows a text touches are ever read.
        with _opening_arrays:
            return {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
    except (OSError, ValueError, EOFError):  # none yet, or not whole: read the wheel's
        return None


def _write_copy(folder: Path, npz: bytes, *, replace: bool) -> None:
    """The model's arrays as `.npy` files in `folder`, which appears whole or not at all
    (written beside it, then renamed; of processes writing at once, the first rename wins).
    `replace`: a copy there could not be read, and goes first."""
    with contextlib.suppress(OSError, ValueError, zipfile.BadZipFile):
        folder.parent.mkdir(parents=True, exist_ok=True)
        if replace:
            shutil.rmtree(folder, ignore_errors=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        try:
            with zipfile.ZipFile(io.BytesIO(npz)) as members:
                for name in ARRAYS:
                    (temp / f"{name}.npy").write_bytes(members.read(f"{name}.npy"))
            os.rename(temp, folder)
        finally:
            shutil.rmtree(temp, ignore_errors=True)


def english_marker_share(text: str) -> float:
    """The share of the text's words (its first SAMPLE_CHARS characters) that are English
    markers; 0.0 for a text of fewer than MIN_WORDS_FOR_MARKERS words."""
    words = _WORD.findall(text[:SAMPLE_CHARS].casefold())
    if len(words) < MIN_WORDS_FOR_MARKERS:
        return 0.0
    return sum(word in _ENGLISH_MARKERS for word in words) / len(words)


def identify_language(text: str, declared: str | None = None) -> tuple[str | None, str]:
    """(ISO 639-1 code or None, how it was found): "markers" for English told by its common
    words where the page declares no other language (`declared`, e.g. `<html lang>`),
    "langid" for py3langid's answer."""
    english_declared = declared is None or declared.casefold().startswith("en")
    if english_declared and english_marker_share(text) >= ENGLISH_MARKER_SHARE:
        return "en", "markers"
    return detect_language(text), "langid"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language by py3langid, or None when it is too short or
    unclear."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < 5:
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= 0.5 else None
