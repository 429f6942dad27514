"""Settings come from one place; a bad environment value names the variable."""

import pytest

from extractors import LoadSettings
from extractors._fetch_settings import FetchSettings


def test_fetch_settings_from_environment():
    settings = FetchSettings.from_env(
        {
            "NEWSFLOW_ALLOW_PRIVATE": "127.0.0.1, 10.0.0.0/8",
            "NEWSFLOW_PER_HOST_DELAY": "0.5",
            "NEWSFLOW_PER_HOST_CONCURRENCY": "4",
            "NEWSFLOW_MAX_LINKS_PER_POLL": "5000",
        }
    )
    assert settings.allow_private == ("127.0.0.1", "10.0.0.0/8")
    assert settings.allows_address("10.1.2.3") and not settings.allows_address("192.168.0.1")
    assert (settings.per_host_delay_s, settings.per_host_concurrency) == (0.5, 4)
    assert settings.max_links_per_poll == 5000
    assert FetchSettings.from_env({}) == FetchSettings()


@pytest.mark.parametrize(
    ("variable", "value"),
    [("NEWSFLOW_PER_HOST_CONCURRENCY", "many"), ("NEWSFLOW_PER_HOST_DELAY", "soon")],
)
def test_a_bad_value_names_its_variable(variable, value):
    with pytest.raises(ValueError, match=variable):
        FetchSettings.from_env({variable: value})


def test_load_settings_bad_value_names_its_variable(monkeypatch):
    monkeypatch.setenv("NEWSFLOW_MAX_INPUT_BYTES", "lots")
    with pytest.raises(ValueError, match="NEWSFLOW_MAX_INPUT_BYTES"):
        LoadSettings.from_env()
