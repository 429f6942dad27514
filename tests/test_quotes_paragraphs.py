"""Quote speakers across sentences and paragraphs, with the real model, on made-up text."""

from __future__ import annotations

from datetime import date

from newsflow.extractors.nlp import enrich

DAY = date(2019, 11, 20)


def _speakers(nlp, text: str) -> list[tuple[str, str | None]]:
    """(first words, speaker's canonical name) of each quote."""
    result = enrich(nlp(text), DAY)
    names = {e.entity_id: e.name for e in result.entities}
    return [
        (" ".join(q.text.split()[:3]), names.get(q.speaker_entity_id or "")) for q in result.quotes
    ]


def test_a_quote_continued_over_paragraphs_keeps_its_speaker_past_an_embedded_post(nlp) -> None:
    # a quote left open at its paragraph's end goes on in the next quote that opens a
    # paragraph, whatever lines (a caption, an embedded post) come between
    text = (
        'Acme United said in a statement: "Jo Kerr is one of the best managers in the world.'
        '\n\n"She has managed clubs in Porto, Milan and Madrid.'
        "\n\nClub statement\n\n— Acme United (@AcmeUnited) November 20, 2019"
        '\n\n"She has won a title in four different countries and is one of only three '
        'managers to win it twice."'
    )
    assert [name for _, name in _speakers(nlp, text)] == ["Acme United"] * 3


def test_a_quote_opening_a_sentence_takes_the_attribution_of_the_sentence_before(nlp) -> None:
    text = (
        "Jane Doe, who represents Tom Smith, said her client would fight the charges. She "
        "said Smith is a single father of three.\n\n"
        "“We had hoped the office would address the failures,” Doe said.\n\n"
        "Sometimes employees break the rules, she said. “But does that mean they should go "
        "to jail?”"
    )
    assert _speakers(nlp, text)[-1] == ("But does that", "Jane Doe")


def test_a_speaker_pronoun_takes_the_main_clause_subject_not_a_nearer_embedded_one(nlp) -> None:
    text = (
        "Mark Figgins declined to address whether Thomas slept on the job on the night "
        "Epstein died. “When all the evidence is presented about how the system was run,” he "
        "said, “maybe you will have a different appreciation.”"
    )
    assert [name for _, name in _speakers(nlp, text)] == ["Mark Figgins"] * 2


def test_a_partial_quote_belongs_to_the_subject_of_the_clause_it_hangs_from(nlp) -> None:
    # not to the next sentence's speaker
    text = (
        "Tim Cook spoke at the Moscone Center on Tuesday.\n\n"
        "Among those values is privacy, which Apple views as “a fundamental human right” and "
        "builds into its products. Another is care for the planet, Cook said."
    )
    assert _speakers(nlp, text) == [("a fundamental human", "Apple")]
