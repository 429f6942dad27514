"""Quality gate for the enrichment: the gold set in tests/gold scored against the committed
figures in bench/results/enrichment_quality.json (a drop beyond the tolerance fails)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from bench.enrichment_quality import KINDS, load_gold, reduce_events, score

TOLERANCE = 0.02


def test_gold_set_has_thirteen_hand_annotated_articles():
    golds = load_gold()
    assert len(golds) >= 13
    for gold in golds:
        assert gold["text"] and gold["published"]
        assert {"entities", "events", "quotes", "amounts"} <= set(gold)
        for event in gold["events"]:
            assert set(event) >= {"type", "actor", "recipient"}


def test_event_tuples_covered_by_a_more_specific_one_are_dropped():
    events = {("CONSULT", "RUS", ""), ("CONSULT", "RUS", "PRK"), ("CONSULT", "", "")}
    events |= {("AID", "PRK", "")}
    assert reduce_events(events) == {("CONSULT", "RUS", "PRK"), ("AID", "PRK", "")}


def test_scoring_counts_matches_misses_and_extras():
    gold = {
        "entities": [{"name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"]}],
        "events": [{"type": "AID", "actor": "PRK", "recipient": "RUS"}],
        "quotes": [{"start": "We will win", "speaker": "Vladimir Putin"}],
        "amounts": [{"text": "10", "value": 10}],
    }
    pred = {
        "entities": {("vladimir putin", "PERSON"), ("moscow", "PLACE")},
        "events": {("AID", "PRK", "RUS"), ("AID", "PRK", "")},
        "quotes": [("we will win this", "vladimir putin")],
        "amounts": [10.0, 20.0],
    }
    scores = score([pred], [gold])
    assert set(scores) == set(KINDS)
    assert scores["entities"]["tp"] == 1 and scores["entities"]["fp"] == 1
    assert scores["events"]["f1"] == 1.0
    assert scores["quote_speakers"]["f1"] == 1.0
    assert (scores["amounts"]["tp"], scores["amounts"]["fp"]) == (1, 1)


@pytest.mark.slow
def test_enrichment_scores_hold_their_committed_floor(nlp):
    from bench.enrichment_quality import evaluate

    committed = json.loads((ROOT / "bench/results/enrichment_quality.json").read_text())
    results = evaluate(nlp, with_throughput=False)
    for kind in KINDS:
        floor = committed["scores"][kind]["f1"] - TOLERANCE
        assert results["scores"][kind]["f1"] >= floor, (kind, results["scores"][kind])
