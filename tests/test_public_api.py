"""The packages' public surfaces are deliberate: an accidental export fails here."""

import extractors
import storage


def test_extractors_exports():
    assert sorted(extractors.__all__) == sorted(
        name
        for name in dir(extractors)
        if not name.startswith("_") and not isinstance(getattr(extractors, name), type(extractors))
    )
    assert set(extractors.__all__) >= {
        "RawDocument", "Article", "ExtractionResult", "Mention", "clean", "plan_inputs",
        "read_input", "load_model", "parse", "NewsflowInputError",
    }  # fmt: skip


def test_storage_exports():
    assert sorted(storage.__all__) == sorted(
        name
        for name in dir(storage)
        if not name.startswith("_") and not isinstance(getattr(storage, name), type(storage))
    )
    assert set(storage.__all__) >= {"Store", "Batch", "load", "StorageError", "begin_run"}


def test_extractors_and_storage_never_import_prefect():
    import subprocess
    import sys

    code = (
        "import sys, extractors, storage\n"
        "assert not any(m == 'prefect' or m.startswith('prefect.') for m in sys.modules), "
        "'prefect imported'\n"
        "assert 'flows' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
