"""The sample article through the real ingest flow into DuckDB, checked with SQL: who did what
to whom, who said what, how much (issue 4's acceptance)."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

pytestmark = pytest.mark.slow

SAMPLE = "a.uri LIKE '%cnn-putin%'"


def _rows(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _events(db, kind):
    return _rows(
        db,
        "SELECT actor_name, actor_country, recipient_name, recipient_country, mode, modality, "
        "location_name, day FROM event_details e JOIN articles a USING (article_id) "
        f"WHERE {SAMPLE} AND e.type = ?",
        [kind],
    )


def test_putins_visit_is_consult_rus_to_prk_at_pyongyang_on_the_day(sample_db):
    visits = _events(sample_db, "CONSULT")
    assert (
        "Vladimir Putin", "RUS", "North Korea", "PRK", "visit", "asserted", "Pyongyang",
        date(2024, 6, 19),
    ) in visits  # fmt: skip


def test_support_accusation_denial_aid_and_assault(sample_db):
    support = {(r[1], r[3]) for r in _events(sample_db, "SUPPORT")}
    assert ("PRK", "RUS") in support
    accuse = _events(sample_db, "ACCUSE")
    assert any(r[3] == "PRK" for r in accuse)
    assert _events(sample_db, "REJECT")
    aid = {(r[1], r[3], r[5]) for r in _events(sample_db, "AID")}
    assert ("PRK", "RUS", "alleged") in aid and ("PRK", "RUS", "reported") in aid
    assault = {(r[1], r[3]) for r in _events(sample_db, "ASSAULT")}
    assert ("RUS", "UKR") in assault


def test_the_aid_event_carries_its_amounts(sample_db):
    amounts = _rows(
        sample_db,
        "SELECT actor_country, recipient_country, amount_text, value, unit, object "
        f"FROM event_amounts e JOIN articles a USING (article_id) WHERE {SAMPLE} AND type = 'AID'",
    )
    assert ("PRK", "RUS", "260,000 metric tons", 260000.0, "metric tons", "munitions") in amounts
    assert any(r[2] == "more than 10,000 shipping containers" for r in amounts)


def test_quotes_have_canonical_speakers_and_outlets(sample_db):
    quotes = _rows(
        sample_db,
        "SELECT speaker_name, outlet_name, q.text FROM quote_details q "
        f"JOIN articles a USING (article_id) WHERE {SAMPLE}",
    )
    speakers = {speaker for speaker, _, _ in quotes}
    assert {"Kim Jong Un", "Vladimir Putin", "KCNA"} <= speakers
    assert any(s == "Vladimir Putin" and o == "Tass" for s, o, _ in quotes)
    assert any(s == "KCNA" and o == "KCNA" for s, o, _ in quotes)
    assert any(t.startswith("Situations continue") and s == "Kim Jong Un" for s, _, t in quotes)


def test_entities_are_canonical(sample_db):
    entities = dict(
        _rows(
            sample_db,
            "SELECT DISTINCT entity_name, entity_type FROM current_entity_mentions m "
            f"JOIN articles a USING (article_id) WHERE {SAMPLE}",
        )
    )
    for name, kind in [
        ("Vladimir Putin", "PERSON"), ("Kim Jong Un", "PERSON"), ("Pyongyang", "GPE"),
        ("Russia", "GPE"), ("North Korea", "GPE"), ("Ukraine", "GPE"), ("KCNA", "ORG"),
        ("Tass", "ORG"), ("Kim Il Sung Square", "FAC"),
    ]:  # fmt: skip
        assert entities.get(name) == kind, name
    assert not {"Putin", "Kim", "North Korea’s", "Pyongyang’s’s", "Situations"} & set(entities)
    countries = dict(
        _rows(sample_db, "SELECT name, country FROM entities WHERE type IN ('PERSON', 'ORG')")
    )
    assert countries["Vladimir Putin"] == "RUS" and countries["Kim Jong Un"] == "PRK"
    assert countries["KCNA"] == "PRK" and countries["Tass"] == "RUS"


def test_dates_are_resolved_against_the_article_date(sample_db):
    dates = _rows(
        sample_db,
        "SELECT d.text, value, precision FROM current_date_mentions d "
        f"JOIN articles a USING (article_id) WHERE {SAMPLE}",
    )
    assert ("Wednesday", date(2024, 6, 19), "day") in dates
    assert ("last year", date(2023, 1, 1), "year") in dates
    assert ("September", date(2023, 9, 1), "month") in dates
