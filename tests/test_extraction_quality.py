"""Quality gate: the clean step on the bundled corpus, against plain trafilatura and the
committed figures in bench/results/extraction_quality.json."""

import json
import re

import trafilatura
from conftest import ROOT

from bench.extraction_quality import corpus_pages, evaluate, load_split, tuning_fold
from bench.scoring import score, shingles
from newsflow.extractors import RawDocument
from newsflow.extractors.cleaning import clean

TOLERANCE = 0.005
PAGE_GUARD = 0.01


def test_scoring_follows_the_benchmark_definition():
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("") == {}
    perfect = score({"p": "one two three four five"}, {"p": "one two three four five"})
    assert perfect.f1 == 1.0
    half = score({"p": "one two three four"}, {"p": "one two three four five six seven"})
    assert half.precision == 1.0 and 0 < half.recall < 1


def test_clean_step_is_no_worse_than_plain_trafilatura_and_holds_its_floor():
    committed = json.loads((ROOT / "bench/results/extraction_quality.json").read_text())
    results = evaluate()
    ours = results["newsflow_clean"]["f1"]
    plain = results["trafilatura_extract_default"]["f1"]
    assert ours >= plain, f"clean step F1 {ours} fell below plain trafilatura's {plain}"
    assert ours >= committed["newsflow_clean"]["f1"] - TOLERANCE


# A line of plain trafilatura's text that reads as a body sentence: this many words or more,
# ending as a sentence ends.
SENTENCE_WORDS = 8
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?$")
# Pages where the clean step is known to lose a body sentence that plain trafilatura keeps.
# Listed so that a new loss fails and a fix is noticed (the set must then shrink):
# - f344ca5f: precision mode leaves out an interior one-sentence paragraph holding a link.
#   A rule putting such paragraphs back between kept ones fixed it and made another page
#   0.08 F1 worse, so it was not kept.
KNOWN_SENTENCE_LOSSES = {"f344ca5fb36e130f"}


def _lost_sentences(page_id: str, html: bytes) -> list[str]:
    """Body sentences of plain trafilatura's text that the clean step's text lacks."""
    plain = trafilatura.extract(html) or ""
    result = clean(RawDocument(uri=page_id, content=html, kind="html", source_uri="corpus"))
    ours = " ".join((result.article.text if result.article else "").split())
    return [
        line
        for line in (" ".join(raw.split()) for raw in plain.split("\n"))
        if len(line.split()) >= SENTENCE_WORDS
        and SENTENCE_END.search(line)
        and line[:80] not in ours
    ]


def test_no_page_loses_body_that_plain_trafilatura_keeps():
    """Per page, not only the mean: against plain `trafilatura.extract` the clean step may
    not lose more than 0.01 F1 on a page unless every line it leaves out is not a body
    sentence (a wire credit, a results promo, a menu of headings: the benchmark's truth
    counts some of these as body, the clean step drops them on purpose). A parse that cuts a
    body off shows up here even when other pages make up for it in the mean."""
    results = evaluate()
    worse = {
        page
        for page, figures in results["per_page_f1"].items()
        if figures["newsflow_clean"] < figures["trafilatura_extract_default"] - PAGE_GUARD
    }
    pages, _ = corpus_pages()
    losing = {page[:16]: _lost_sentences(page, pages[page]) for page in worse}
    losing = {page: lines for page, lines in losing.items() if lines}
    assert set(losing) == KNOWN_SENTENCE_LOSSES, losing
    assert set(results["halves"]) == {"tuning", "test"}
    assert sum(p["half"] == "test" for p in results["per_page_f1"].values()) >= 40


def test_a_lost_body_sentence_is_told_from_a_dropped_credit_or_heading():
    sentence = "The discovery was announced on Monday in a journal article by the team."
    assert SENTENCE_END.search(sentence) and len(sentence.split()) >= SENTENCE_WORDS
    for line in ("(Reporting by A. Writer; Editing by B. Editor)", "CLICK FOR FULL RESULTS"):
        assert not SENTENCE_END.search(line) or len(line.split()) < SENTENCE_WORDS


def test_the_tuning_folds_split_the_tuning_half_alternately_and_hold_no_test_page():
    split = load_split()
    tuning = sorted(page for page, half in split.items() if half == "tuning")
    a, b = tuning_fold("A"), tuning_fold("B")
    assert a | b == set(tuning) and not a & b
    assert a == set(tuning[::2]) and abs(len(a) - len(b)) <= 1
    pages, truths = corpus_pages("tuning", "B")
    assert set(pages) == set(truths) == b
