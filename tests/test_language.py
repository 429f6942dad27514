"""English prose is told by its commonest words without py3langid; the language identifier
read from the decompressed copy of py3langid's model is the one py3langid builds from its own
file; a copy that is broken or cannot be written is passed over."""

from __future__ import annotations

import os
import subprocess
import sys
from array import array
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from newsflow.extractors.cleaning import identify_language, load_language_identifier

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


ENGLISH = (
    "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for his first visit in "
    "24 years. He was met at the airport by Kim Jong Un, who said that the two countries would "
    "stand together, and the leaders signed a pact which they have called a new chapter."
)
OTHERS = {
    "fr": "Le président russe Vladimir Poutine est arrivé mercredi à Pyongyang pour sa première "
    "visite depuis vingt-quatre ans. Il a été accueilli à l'aéroport par Kim Jong Un, qui a dit "
    "que les deux pays resteraient unis, et les dirigeants ont signé un pacte.",
    "de": "Der russische Präsident Wladimir Putin ist am Mittwoch zu seinem ersten Besuch seit "
    "vierundzwanzig Jahren in Pjöngjang eingetroffen. Am Flughafen wurde er von Kim Jong Un "
    "empfangen, der sagte, die beiden Länder würden zusammenstehen, und beide unterzeichneten "
    "einen Pakt.",
    "es": "El presidente ruso Vladimir Putin llegó el miércoles a Pyongyang en su primera visita "
    "en veinticuatro años. Fue recibido en el aeropuerto por Kim Jong Un, quien dijo que los dos "
    "países estarían unidos, y los líderes firmaron un pacto que llamaron un nuevo capítulo.",
}


def test_english_prose_is_told_by_its_commonest_words():
    assert identify_language(ENGLISH) == ("en", "markers")
    assert identify_language(ENGLISH, declared="en-GB") == ("en", "markers")


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_other_languages_go_to_the_identifier(code):
    assert identify_language(OTHERS[code]) == (code, "langid")


def test_a_page_declaring_another_language_or_a_short_text_goes_to_the_identifier():
    assert identify_language(ENGLISH, declared="de") == ("en", "langid")
    assert identify_language("The minister said that the talks would go on.") == (
        "en",
        "langid",
    )


def _ingest(path: Path, home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(HOME=str(home), PREFECT_HOME=str(home / "prefect"))
    subprocess.run(
        [sys.executable, "-m", "newsflow", "ingest", str(path), "--db", str(home / "n.duckdb")],
        env=env, check=True, capture_output=True,
    )  # fmt: skip


def test_a_run_of_english_text_never_loads_the_identifiers_model(tmp_path):
    # The model's decompressed copy under ~/.cache/newsflow is written by its first load.
    english, french = tmp_path / "english", tmp_path / "french"
    english.mkdir()
    french.mkdir()
    (english / "a.txt").write_text(ENGLISH + "\n\n" + ENGLISH, encoding="utf-8")
    _ingest(english / "a.txt", english)
    assert not (english / ".cache" / "newsflow").exists()
    (french / "a.txt").write_text(OTHERS["fr"] + "\n\n" + OTHERS["fr"], encoding="utf-8")
    _ingest(french / "a.txt", french)
    assert any((french / ".cache" / "newsflow").iterdir())
