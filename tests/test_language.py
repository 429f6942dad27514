"""The language identifier read from the decompressed copy of py3langid's model is the one
py3langid builds from its own file; a copy that is broken or cannot be written is passed over."""

from __future__ import annotations

from array import array

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from newsflow.extractors.cleaning import load_language_identifier

TEXTS = [
    "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for a rare visit.",
    "Le président russe est arrivé mercredi à Pyongyang pour une visite rare.",
    "Der russische Präsident ist am Mittwoch zu einem seltenen Besuch in Pjöngjang eingetroffen.",
    "El presidente ruso llegó el miércoles a Pyongyang para una visita poco común.",
]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE, norm_probs=True)


def _same(value: object, expected: object) -> bool:
    if isinstance(expected, np.ndarray):
        assert isinstance(value, np.ndarray)
        return value.dtype == expected.dtype and np.array_equal(value, expected)
    if isinstance(expected, array):
        return (
            isinstance(value, array) and value.typecode == expected.typecode and value == expected
        )
    if isinstance(expected, (tuple, list)):
        return (
            type(value) is type(expected)
            and len(value) == len(expected)
            and all(_same(v, e) for v, e in zip(value, expected, strict=True))
        )
    return type(value) is type(expected) and value == expected


def _assert_identical(built: LanguageIdentifier, reference: LanguageIdentifier) -> None:
    for slot in LanguageIdentifier.__slots__:
        assert _same(getattr(built, slot), getattr(reference, slot)), slot
    for text in TEXTS:
        assert built.classify(text) == reference.classify(text)


def test_the_copy_gives_the_identifier_py3langid_builds(tmp_path, reference):
    first = load_language_identifier(tmp_path)  # from the wheel; writes the copy
    (folder,) = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert folder.name.startswith("py3langid-")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{name}.npy"
        for name in ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")  # whole
    )
    _assert_identical(first, reference)
    _assert_identical(load_language_identifier(tmp_path), reference)  # from the copy
    _assert_identical(load_language_identifier(None), reference)  # no copy at all


def test_a_broken_copy_is_passed_over_and_written_again(tmp_path, reference):
    load_language_identifier(tmp_path)
    (folder,) = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    whole = (folder / "nextmove.npy").read_bytes()
    (folder / "nextmove.npy").write_bytes(whole[: len(whole) // 2])
    _assert_identical(load_language_identifier(tmp_path), reference)
    assert (folder / "nextmove.npy").read_bytes() == whole
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # no leftovers


def test_a_cache_that_cannot_be_written_is_passed_over(tmp_path, reference):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    _assert_identical(load_language_identifier(blocked / "newsflow"), reference)
    assert blocked.read_text() == "a file where the cache folder would go"


def test_loads_at_once_on_a_cold_cache_leave_one_whole_copy(tmp_path, reference):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        built = list(pool.map(load_language_identifier, [tmp_path, tmp_path]))
    for identifier in built:
        _assert_identical(identifier, reference)
    (folder,) = list(tmp_path.iterdir())  # the copy, and no half-written folder beside it
    _assert_identical(load_language_identifier(tmp_path), reference)
    assert len(list(folder.iterdir())) == 6
