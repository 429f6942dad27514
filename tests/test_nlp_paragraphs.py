"""Sentences never run across a paragraph break (the `paragraph_sentences` component that
`load_model` puts before the parser), with the real model."""

from __future__ import annotations

import pytest


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_load_model_sets_sentence_starts_before_the_parser(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("paragraph_sentences") < names.index("parser")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a heading glued to the first sentence under it (by one or two line breaks)
        ("Prisons plagued by understaffing\nPrison union representatives have long warned "
         "that staff shortages hurt officers.",
         ["Prisons plagued by understaffing",
          "Prison union representatives have long warned that staff shortages hurt officers."]),
        ("Talks stall\n\nThe two sides met on Monday in Geneva.",
         ["Talks stall", "The two sides met on Monday in Geneva."]),
        # the closing quotation mark ends its paragraph's sentence, not opens the next one
        ('The doctor said allergies are common. "You name it, it has been described."\n\n'
         "The patient was given steroids and recovered.",
         ["The doctor said allergies are common.", '"You name it, it has been described."',
          "The patient was given steroids and recovered."]),
        # a dateline is a unit of its own, not the start of the first sentence
        ("COLUMBIA, S.C. (AP) — About a dozen black female small-business owners were "
         "gathered in a room.",
         ["COLUMBIA, S.C. (AP) —",
          "About a dozen black female small-business owners were gathered in a room."]),
        ("WASHINGTON – Two federal prison officers were charged Tuesday with falsifying "
         "records.",
         ["WASHINGTON –", "Two federal prison officers were charged Tuesday with falsifying "
          "records."]),
    ],
)  # fmt: skip
def test_a_paragraph_break_ends_a_sentence(nlp, text: str, sentences: list[str]) -> None:
    assert _sentences(nlp, text) == sentences


def test_no_sentence_crosses_a_line_break_and_offsets_stay_true(nlp) -> None:
    text = "Story Timeline\n\n2020 VW ID.3 official as Volkswagen bets on electric\n" * 3
    doc = nlp(text)
    assert doc.text == text
    for sentence in doc.sents:
        words = [t for t in sentence if not t.is_space]
        assert "\n" not in text[words[0].idx : words[-1].idx + len(words[-1])]
