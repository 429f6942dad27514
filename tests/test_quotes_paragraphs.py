"""Quote speakers across sentences and paragraphs, with the real model, on made-up text."""

from __future__ import annotations

from datetime import date

import pytest

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


# Wire reports (one line each, paragraph breaks lost) and the attributions they use, each case
# on made-up text: (text, the speakers of its quotes in order)
WIRE_REPORTS = [
    pytest.param(
        'Health officer Maria Lopez says the outbreak is slowing. "The numbers fell for a '
        'third week in the north," she said. "Hospitals are coping well with the load. '
        '"But we cannot relax before the winter comes."',
        ["Maria Lopez"] * 3,
        id="a straight mark after a sentence end opens the next quote",
    ),
    pytest.param(
        'Mr Grant said the verdict was fair. "It is the court\'s decision and we accept it," '
        'Mr Grant said. Jane Marsh, whose brother died in the crash, is angry. "It is a '
        'disgrace and I cannot believe it. "We waited two years for this day," Ms Marsh said.',
        ["Grant", "Jane Marsh", "Jane Marsh"],
        id="a quote running into an attributed one is not the previous speaker's",
    ),
    pytest.param(
        "The Greens leader Sarah Hanson met the Prime Minister on Monday. "
        "The party position was set out by spokesman Peter Quill. "
        '"We will not back the bill in its present form," he said.',
        ["Peter Quill"],
        id="he said: the passive's agent of the sentence before",
    ),
    pytest.param(
        '"The drought is the worst in a century," John Harris said. The army has sent '
        "200 soldiers to the region, according to Defence Minister Paul Novak. "
        '"We have got 200 people there now," he said.',
        ["John Harris", "Paul Novak"],
        id="he said: according to X since the previous quote",
    ),
    pytest.param(
        'Former president Ali Rahman was taken to hospital on Sunday. "He is breathing '
        'without help now and eating a little," a nurse told reporters. "The doctors '
        'will see him again tonight," she said.',
        [None, None],
        id="he said after an unnamed speaker's quote names no one",
    ),
    pytest.param(
        "The ceasefire plan was announced by Ahmed Karim on Monday and was praised by "
        'envoy Lena Strom as "a real chance for peace in the valley".',
        ["Lena Strom"],
        id="a passive reporting verb speaks for its agent",
    ),
    pytest.param(
        "Two patients were moved to Sydney. A statement from the Royal Prince Alfred Hospital "
        'says "both patients are stable and will stay in intensive care for now".',
        ["Royal Prince Alfred Hospital"],
        id="a statement from an institution typed as a place",
    ),
    pytest.param(
        '"The rule of the militia in Zabul has totally ended," the Pakistan-based news agency '
        "Afghan Islamic Voice (AIV) said in reporting the surrender of the province.",
        ["Afghan Islamic Voice"],
        id="a name split off as a second subject",
    ),
    pytest.param(
        '"We will study the offer closely," Mr Brandt replied. Mr Keller, who has denied '
        "any deal was made, appeared worried about the vote. "
        '"It is important that this passes quickly before the holidays."',
        ["Brandt", "Keller"],
        id="a verbless quote takes the person introduced since, not a relative clause's verb",
    ),
    pytest.param(
        "Norway launched new sanctions on Tuesday after Prime Minister Erik Lund branded "
        'the regime a "sponsor of terrorism". Talks resume next week.',
        ["Erik Lund"],
        id="a partial quote goes to the person of its clause before a country",
    ),
    pytest.param(
        'Appearing on the NBC "Meet the Press" program, Senator Joan Hale said the war '
        "would end by the summer.",
        [None],
        id="a title naming the noun after it has no speaker",
    ),
]


@pytest.mark.parametrize(("text", "speakers"), WIRE_REPORTS)
def test_speakers_in_wire_reports(nlp, text: str, speakers: list[str | None]) -> None:
    assert [name for _, name in _speakers(nlp, text)] == speakers
