"""Clean the model's entity spans and fix its common confusions, before any resolution.

- trim leading articles and titles, trailing possessives ("North Korea’s", "Pyongyang’s’s"),
  hyphens, quotes and stray punctuation, and a person's possessive before an organisation
  ("Braun’s Ithaca Holdings");
- facilities tagged PERSON/ORG/GPE ("Kim Il Sung Square", "the Kumsusan State Guest House",
  "Kim Il Sung square") become FAC;
- names in a byline ("By Simone McCarthy, … and Lucas Lilieholm, CNN") tagged GPE/LOC/NORP
  become PERSON;
- a single known place name tagged PERSON/ORG becomes GPE;
- obvious non-entities are dropped: a sentence-initial common noun tagged PERSON
  ("Situations"), spans without a capital letter or letters at all, social-media handles
  ("@IlhanMN") and common acronyms ("IPO", "CEO");
- a PRODUCT span the actor dictionary lists as a company or outlet ("its Twitter account")
  is that organisation;
- ticker codes after a name are cut ("Copper CMCU3", "Sterling GBP=");
- nothing is taken from "related links" lines that a cleaned page keeps between paragraphs
  (`related_link_lines`: a one-line paragraph in Title Case without final punctuation, after
  the first line, such as "Man Shot at Dallas Gas Station Dies at Hospital").

Works on any `Doc` with tags and entities (hand-built in tests, or from `nlp.pipe`).

This module holds the driver, `clean_mentions`; its steps live in `_mention_text` (the
mention record, the text and sentence index, furniture lines), `_mention_spans` (a span's
edges), `_mention_labels` (dropping or relabelling one span), `_mention_passes` (passes over
the whole list) and `_untagged_mentions` (mentions the model missed).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ._mention_labels import _drop, _honoured, _relabel
from ._mention_passes import (
    _institutions_of_places,
    _joined_abbreviated_places,
    _joined_military_units,
    _joined_particle_names,
    _organisation_lists,
    _party_states,
    _place_lists,
    _split_listed_names,
    _states_named_as_people,
    _without_capitalised_common_nouns,
    _without_common_words,
    _without_counted_things,
    _without_portfolios,
    _without_product_acronyms,
)
from ._mention_spans import (
    _after_owner,
    _compound_head_end,
    _counted_after,
    _direction_of_place,
    _listed_company,
    _role_split,
    _structure_split,
    _town_before_noun,
    _trim_tokens,
    _without_function_before_role,
)
from ._mention_text import (
    CleanMention,
    clean_span_text,
    credit_lines,
    doc_text,
    related_link_lines,
    sentence_index,
)
from ._tokens import entity_spans, tokens
from ._tokens import span as doc_span
from ._untagged_mentions import (
    _box_score_people,
    _given_names_before,
    _results_line_teams,
    _untagged_list_organisations,
    _untagged_people,
    _untagged_places,
)

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# First words of clubs named after their town, which the model leaves out of the town's span.
CLUB_PREFIXES = frozenset({
    "Real", "FC", "AC", "Inter", "Sporting", "Atletico", "Atlético", "Olympique", "Borussia",
    "Bayern",
})  # fmt: skip


def clean_mentions(doc: Doc) -> list[CleanMention]:
    """The doc's entities of the kept labels, cleaned, relabelled and in text order."""
    sentence_of = sentence_index(doc)
    cleaned: list[CleanMention] = []
    furniture = related_link_lines(doc_text(doc)) + credit_lines(doc_text(doc))
    # words of the other names of people and organisations: an owner before a possessive
    owners: dict[str, set[int]] = {}
    for e in entity_spans(doc):
        if e.label_ in {"PERSON", "ORG"}:
            for t in e:
                owners.setdefault(t.text, set()).add(e.start)
    spans = [
        (index, part)
        for index, ent in enumerate(entity_spans(doc))
        for cut in _structure_split(ent)
        for part in _role_split(cut)
    ]
    for index, span in spans:
        if span.label_ == "PRODUCT" and _listed_company(span.text):
            # "its Twitter account": a product the actor dictionary lists as the company
            span = Span(doc, span.start, span.end, label="ORG")
        elif span.label_ not in KEPT_LABELS:
            continue
        if any(a <= span.start_char < b for a, b in furniture):
            continue
        if span.label_ != "PERSON" and _honoured(doc, span):
            span = Span(doc, span.start, span.end, label="PERSON")
        start, end = _trim_tokens(span, span.label_)
        if span.label_ == "ORG":
            start = _after_owner(doc, span.start, start, end, owners)
        if start >= end:
            continue
        if span.label_ == "PERSON" and start == span.start:
            start = _given_names_before(doc, start, end)
        if span.label_ == "ORG":
            end = _compound_head_end(doc, start, end)
            end = _without_function_before_role(doc, start, end)
        end, ner_label = _counted_after(doc, start, end, span.label_)
        if (
            ner_label in {"ORG", "FAC"}
            and end < span.end
            and _town_before_noun(tokens(doc), start, span.end)
        ):
            ner_label = "GPE"  # "the Toowoomba school": the town, not the school
        if (
            start == span.start
            and start > 0
            and ner_label in {"GPE", "PERSON", "ORG"}
            and tokens(doc)[start - 1].text in CLUB_PREFIXES
            and tokens(doc)[start - 1].ent_type_ == ""
        ):
            start, ner_label = start - 1, "ORG"  # "Real" + "Madrid" (GPE): the club
        elif start == span.start and _direction_of_place(doc, start, end):
            start, ner_label = start - 1, "GPE"  # "Western" + "Australia": the state
        raw = doc_span(doc, start, end)
        text, start_char, end_char = clean_span_text(raw.text, raw.start_char)
        if _drop(doc, start, end, text, ner_label):
            continue
        label, text, end = _relabel(doc, span, start, end, text, ner_label)
        if end > raw.end:
            end_char = tokens(doc)[end - 1].idx + len(tokens(doc)[end - 1].text)
        cleaned.append(
            CleanMention(
                start=start,
                end=end,
                start_char=start_char,
                end_char=end_char,
                text=text,
                label=label,
                ner_label=span.label_,
                ner_index=index,
                sentence_index=sentence_of[start],
            )
        )
    cleaned = _joined_abbreviated_places(doc, cleaned)
    cleaned = _joined_particle_names(doc, cleaned)
    cleaned = _joined_military_units(doc, cleaned)
    cleaned = _without_common_words(doc, cleaned)
    # a list split first, so each name is tested for a counted thing on its own
    cleaned = _split_listed_names(doc, cleaned)
    cleaned = _without_counted_things(doc, cleaned)
    cleaned = _without_capitalised_common_nouns(doc, cleaned)
    cleaned = _without_product_acronyms(doc, cleaned)
    cleaned = _without_portfolios(doc, cleaned)
    _states_named_as_people(cleaned)
    _place_lists(doc, cleaned)
    _organisation_lists(doc, cleaned)
    _untagged_list_organisations(doc, cleaned, sentence_of)
    _party_states(doc, cleaned, sentence_of)
    _untagged_people(doc, cleaned, sentence_of)
    cleaned = _box_score_people(doc, cleaned, sentence_of)
    cleaned = _results_line_teams(doc, cleaned, sentence_of)
    _untagged_places(doc, cleaned, sentence_of)
    return _institutions_of_places(doc, sorted(cleaned, key=lambda m: m.start))
