"""The second annotation of the gold set (tests/gold/second) and how bench/annotation_agreement.py
reads it: as predictions against the gold, and as the reference for the gold."""

from __future__ import annotations

import re

from bench.annotation_agreement import agreement, as_prediction, load_second
from bench.enrichment_quality import load_gold, load_split, norm

TEXT = (
    "Putin visited Pyongyang on Wednesday. North Korea denied sending arms. "
    '"We will win this war," Putin said. Russia struck Kyiv again.'
)
GOLD = {
    "key": "toy",
    "half": "heldout",
    "text": TEXT,
    "entities": [
        {"name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"], "country": "RUS"},
        {"name": "Pyongyang", "type": "GPE", "country": "PRK"},
    ],
    "events": [
        {"type": "CONSULT", "actor": "RUS", "recipient": "PRK"},
        {"type": "REJECT", "actor": "PRK", "recipient": ""},
        {"type": "ASSAULT", "actor": "RUS", "recipient": "UKR", "optional": True},
    ],
    "quotes": [{"start": "We will win this", "speaker": "Vladimir Putin"}],
}


def test_an_annotation_read_as_predictions_agrees_with_itself():
    halves = agreement([GOLD], {"toy": GOLD})
    scores = halves["heldout"]["second_vs_gold"]
    for kind in ("canonical_entities", "entities", "events", "event_types", "quote_speakers"):
        assert scores[kind]["f1"] == 1.0, kind
    # the optional mention is no prediction, so nothing is neutral
    assert scores["events"]["neutral"] == 0


def test_disagreements_count_both_ways():
    second = {
        **GOLD,
        "entities": [
            {"name": "Putin", "type": "PERSON", "country": "RUS"},
            {"name": "Pyongyang", "type": "GPE", "country": None},
        ],
        "events": [
            {"type": "CONSULT", "actor": "RUS", "recipient": "PRK"},
            {"type": "REJECT", "actor": "PRK", "recipient": "", "optional": True},
            {"type": "ASSAULT", "actor": "RUS", "recipient": "UKR"},
        ],
        "quotes": [{"start": "We will win", "speaker": "Putin"}],
    }
    halves = agreement([GOLD], {"toy": second})
    forward, backward = halves["heldout"]["second_vs_gold"], halves["heldout"]["gold_vs_second"]
    # forward: the gold's optional ASSAULT makes the second's core one neutral, REJECT is missed
    assert (forward["events"]["tp"], forward["events"]["fp"], forward["events"]["fn"]) == (1, 0, 1)
    assert forward["events"]["neutral"] == 1
    # backward: the second's optional REJECT makes the gold's neutral, its ASSAULT is missed
    assert (backward["events"]["tp"], backward["events"]["fp"], backward["events"]["fn"]) == (
        1,
        0,
        1,
    )
    # "Putin" is an alias of the gold's Vladimir Putin; Pyongyang lost its country
    assert forward["canonical_entities"]["tp"] == 2
    assert forward["entity_country"]["correct"] == 1
    # the shorter opening words still find the gold quote, and the alias names its speaker
    assert forward["quote_speakers"]["tp"] == 1


def test_a_quote_is_read_from_its_opening_words_in_the_text():
    prediction = as_prediction(GOLD, TEXT)
    text, speaker, outlet = prediction["quotes"][0]
    assert text.startswith("we will win this war") and speaker == "vladimir putin"
    assert outlet is None


def test_the_second_annotation_covers_gold_articles_in_the_gold_format():
    second = load_second()
    split = load_split()
    golds = {g["key"]: g for g in load_gold() if g["key"] in second}
    assert len(second) >= 20 and set(second) <= set(split)
    assert {split[key] for key in second} == {"tuning", "heldout"}
    plover = {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }  # fmt: skip
    country = re.compile(r"^([A-Z]{3})?$")
    for key, annotation in second.items():
        for entity in annotation["entities"]:
            assert entity["type"] in {"PERSON", "ORG", "GPE", "LOC", "FAC"}, (key, entity)
            assert country.match(entity.get("country") or ""), (key, entity)
        for event in annotation["events"]:
            codings = [[event["type"], event["actor"], event["recipient"]]]
            for kind, actor, recipient in codings + event.get("alternatives", []):
                assert kind in plover and country.match(actor) and country.match(recipient), (
                    key,
                    event,
                )
        text = norm(golds[key]["text"])
        for quote in annotation["quotes"]:
            assert norm(quote["start"]) in text, (key, quote["start"])
