"""Precision mechanisms of the event coder, each on made-up sentences: what the audit of
unannotated corpus pages (issue 13, round k) found coded that no careful reader would code."""

from __future__ import annotations

from datetime import date

from newsflow.extractors.nlp import enrich


def _coded(nlp, text):
    return [
        (e.type, e.modality, e.actor_country, e.recipient_country)
        for e in enrich(nlp(text), date(2024, 6, 19)).events
    ]


def test_a_negative_subject_denies_its_verb(nlp):
    coded = _coded(nlp, "Neither France nor Germany has sent weapons to Ukraine.")
    assert coded and all(modality == "denied" for _, modality, _, _ in coded), coded
    coded = _coded(nlp, "No country has sent troops to Mali.")
    assert all(modality == "denied" for _, modality, _, _ in coded), coded
    kept = _coded(nlp, "France has sent weapons to Ukraine.")
    assert ("AID", "asserted", "FRA", "UKR") in kept, kept
