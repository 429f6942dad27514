"""Round 13n's audit classes of quote speakers, on made-up text with the real model: a surname
the model left untagged, a speaker pronoun reached through a chain of pronouns, a quote that
runs straight into the next quote, and a bare quote sentence after a person's sentence."""

from __future__ import annotations

from datetime import date

from newsflow.extractors.nlp import enrich

DAY = date(2019, 11, 20)


def _result(nlp, text: str):
    return enrich(nlp(text), DAY)


def _speakers(nlp, text: str) -> list[tuple[str, str | None]]:
    result = _result(nlp, text)
    names = {e.entity_id: e.name for e in result.entities}
    return [
        (" ".join(q.text.split()[:3]), names.get(q.speaker_entity_id or "")) for q in result.quotes
    ]


def test_a_speaker_pronoun_takes_an_untagged_surname_of_a_person_named_in_full(nlp) -> None:
    # "Young" alone is left untagged by the model; "he" is Tom Young, not Stafford before him
    text = (
        "Former astronaut Tom Stafford and retired aerospace executive Tom Young testified. "
        "Stafford, earlier in the hearing, was adamant about the importance of a big rocket. "
        "“If you don’t have a big booster, you’re not going to make it,” he said. Young, in his "
        "testimony, did criticize what he called “experiments” in procurement. “Managing and "
        "contracting experiments must be excluded from the program,” he said."
    )
    assert _speakers(nlp, text)[-1] == ("Managing and contracting", "Tom Young")


def test_a_speaker_pronoun_follows_a_chain_of_pronouns_to_the_person(nlp) -> None:
    text = (
        "Tommy Brandt retired nearly 10 years ago at age 51, after a career in telecom. He "
        "never earned a six-figure salary, he wrote in a blog post. One of his biggest "
        "regrets? Not paying off his mortgage before retiring.\n\n"
        '"So much of our having a great retirement is mental," he wrote.'
    )
    assert _speakers(nlp, text) == [("So much of", "Tommy Brandt")]


def test_a_quote_running_into_the_next_quote_shares_its_speaker(nlp) -> None:
    text = (
        "Mary Stone and Paul Greene testified on Tuesday. Stone then referred to the report "
        "that found only a 50 percent chance of success. “I cannot disagree with it.” “But "
        "with eight launches, the odds go down to about 50 percent,” she concluded."
    )
    assert [name for _, name in _speakers(nlp, text)] == ["Mary Stone", "Mary Stone"]


def test_a_quote_sentence_with_no_attribution_belongs_to_the_person_before_it(nlp) -> None:
    text = (
        "The agency expects three rockets by 2024, Jim Bridenstine said on Tuesday.\n\n"
        "Bridenstine expects to produce three SLS rockets through 2024. “Adding an additional "
        "SLS into the mix could take years.”"
    )
    assert _speakers(nlp, text) == [("Adding an additional", "Jim Bridenstine")]
