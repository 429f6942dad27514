"""Settings come from one place, `newsflow.settings`; a bad environment value names the
variable."""

import pytest

from newsflow import settings
from newsflow.extractors import LoadSettings
from newsflow.extractors.sources import FetchSettings


def test_settings_from_environment():
    found = settings.from_env(
        {
            "NEWSFLOW_DB": "news.duckdb",
            "NEWSFLOW_ALLOW_PRIVATE": "127.0.0.1, 10.0.0.0/8",
            "NEWSFLOW_PER_HOST_DELAY": "0.5",
            "NEWSFLOW_PER_HOST_CONCURRENCY": "4",
            "NEWSFLOW_MAX_LINKS_PER_POLL": "5000",
            "NEWSFLOW_MAX_INPUT_BYTES": "1000",
            "NEWSFLOW_LOCK_WAIT_S": "30",
            "NEWSFLOW_INPUT_TIMEOUT_S": "12",
        }
    )
    fetch = found.fetch
    assert fetch.allow_private == ("127.0.0.1", "10.0.0.0/8")
    assert fetch.allows_address("10.1.2.3") and not fetch.allows_address("192.168.0.1")
    assert (fetch.per_host_delay_s, fetch.per_host_concurrency) == (0.5, 4)
    assert fetch.max_links_per_poll == 5000
    assert found.load.max_input_bytes == 1000
    assert (found.db, found.lock_wait_s) == ("news.duckdb", 30.0)
    assert found.input_timeout_s == 12.0


def test_defaults_when_nothing_is_set():
    found = settings.from_env({})
    assert found.fetch == FetchSettings() and found.load == LoadSettings()
    assert found.db == settings.DEFAULT_DB == "newsflow.duckdb"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("NEWSFLOW_PER_HOST_CONCURRENCY", "many"),
        ("NEWSFLOW_PER_HOST_DELAY", "soon"),
        ("NEWSFLOW_MAX_INPUT_BYTES", "lots"),
        ("NEWSFLOW_LOCK_WAIT_S", "forever"),
        ("NEWSFLOW_INPUT_TIMEOUT_S", "never"),
        ("NEWSFLOW_INPUT_TIMEOUT_S", "0"),
    ],
)
def test_a_bad_value_names_its_variable(variable, value):
    with pytest.raises(settings.SettingsError, match=variable):
        settings.from_env({variable: value})


def test_no_other_module_reads_the_environment():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readers = [
        str(path.relative_to(root))
        for folder in ("extractors", "storage", "pipeline", "flows", "deployments")
        for path in (root / folder).rglob("*.py")
        if "os.environ" in path.read_text("utf-8") or "getenv(" in path.read_text("utf-8")
    ]
    assert readers == []
