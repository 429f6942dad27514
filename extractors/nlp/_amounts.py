"""Amounts: a number with its unit or the thing counted, and a qualifier.

From the model's MONEY, PERCENT, QUANTITY and CARDINAL entities: "$5.9 million" (5.9e6 USD),
"2.8 per cent" (percent), "260,000 metric tons" (unit "metric tons", object "munitions"),
"more than 10,000 shipping containers" (object "shipping containers", qualifier more_than).
Spelled-out small numbers ("the two leaders") and ages ("Carlineo, 55,") are not amounts.
Each amount is linked to the event whose trigger governs it, when there is one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ._entity_normalize import sentence_index
from ._tokens import entity_spans
from ._tokens import span as doc_span
from ._types import Amount

_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?|\.\d+)")
_AMOUNT_TOKEN = re.compile(r"[$£€¥]?(\d[\d,]*(?:\.\d+)?|\.\d+)(bn|mn|m|k|tn|b)?%?", re.I)
_MULTIPLIERS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_CURRENCY_WORDS = {
    "hong kong dollars": "HKD", "hong kong dollar": "HKD", "dollars": "USD", "dollar": "USD",
    "pounds": "GBP", "pound": "GBP", "euros": "EUR", "euro": "EUR", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "rupees": "INR", "rupee": "INR", "rubles": "RUB",
    "roubles": "RUB", "won": "KRW",
}  # fmt: skip
_QUALIFIERS = (
    ("more than", "more_than"), ("over", "more_than"), ("at least", "at_least"),
    ("up to", "up_to"), ("as many as", "up_to"), ("as much as", "up_to"),
    ("less than", "less_than"), ("fewer than", "less_than"), ("under", "less_than"),
    ("about", "about"), ("around", "about"), ("roughly", "about"), ("nearly", "about"),
    ("almost", "about"), ("approximately", "about"), ("some", "about"), ("an estimated", "about"),
)  # fmt: skip
_PERCENT_WORDS = ("%", "percent", "per cent", "pct")


def parse_value(text: str) -> float | None:
    """Numeric value of an amount's text: "$12.9bn" → 1.29e10, "176" → 176.0."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    rest = text[match.end() :].lower()
    rest = re.sub(r"^\s*[–-]\s*\d[\d,]*(?:\.\d+)?", "", rest)  # a range: "350–375 million"
    word = re.match(r"\s*([a-z]+)", rest)
    if word and word.group(1) in _MULTIPLIERS:
        value *= _MULTIPLIERS[word.group(1)]
    return value


def _unit(span: Span, text: str) -> str | None:
    lowered = text.lower()
    if span.label_ == "PERCENT" or any(
        re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", lowered) for w in _PERCENT_WORDS
    ):
        return "percent"
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if symbol in text:
            return code
    for word, code in _CURRENCY_WORDS.items():
        if word in lowered:
            return code
    if span.label_ == "QUANTITY":
        words = [
            t.text
            for t in span
            if not t.like_num and t.lower_ not in _MULTIPLIERS and not t.is_punct
        ]
        words = [
            w
            for w in words
            if w.lower() not in {q for q, _ in _QUALIFIERS}
            and w.lower() not in {"more", "than", "at", "least", "up", "to", "about"}
        ]
        return " ".join(words) or None
    return None


def _qualifier(doc: Doc, span: Span) -> tuple[str | None, int]:
    """The qualifier inside or right before the span, and the token where the amount starts."""
    inside = span.text.lower()
    before = " " + doc_span(doc, max(span.start - 3, 0), span.start).text.lower()
    for phrase, name in _QUALIFIERS:
        if inside.startswith(phrase + " "):
            return name, span.start
        if before.endswith(" " + phrase):
            return name, span.start - len(phrase.split())
    return None, span.start


def _number_token(span: Span) -> Token | None:
    """The number of the span; None for codes that only contain digits ("CLc1")."""
    return next((t for t in span if t.like_num or _AMOUNT_TOKEN.fullmatch(t.text)), None)


def _not_an_amount(span: Span, number: Token) -> bool:
    """Phone numbers ("called 911"), years ("until at least 2021") and numbers inside a
    name ("STOXX 600 index", "S&P 500")."""
    if span.label_ != "CARDINAL":
        return False
    if number.head.lemma_.lower() in {"call", "dial"} or re.fullmatch(r"(19|20)\d\d", number.text):
        return True
    before = number.doc[number.i - 1] if number.i > 0 else None
    return before is not None and before.tag_ == "NNP" and before.i < span.start


def _is_age(token: Token) -> bool:
    """'Patrick Carlineo Jr., 55,': a bare number in apposition to a person."""
    head = token.head
    return (
        token.dep_ in {"appos", "npadvmod", "amod", "nummod"}
        and head.ent_type_ == "PERSON"
        and token.i > 0
        and token.doc[token.i - 1].text == ","
    )


def extract_amounts(doc: Doc) -> list[Amount]:
    sentence_of = sentence_index(doc)
    amounts: list[Amount] = []
    for span in entity_spans(doc):
        if span.label_ not in {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}:
            continue
        if not any(ch.isdigit() for ch in span.text):
            continue
        number = _number_token(span)
        if number is None or _is_age(number) or _not_an_amount(span, number):
            continue
        value = parse_value(span.text)
        if value is None or (span.label_ == "CARDINAL" and re.search(r"\d/\d|\d-\d", span.text)):
            continue
        qualifier, start = _qualifier(doc, span)
        if start == span.start and start > 0 and doc[start - 1].text in _CURRENCY_SYMBOLS:
            start -= 1
        end = span.end
        obj: str | None = None
        head = number.head
        if (
            span.label_ == "CARDINAL"
            and number.dep_ == "nummod"
            and head.i >= span.end
            and head.pos_ in {"NOUN", "PROPN"}
        ):
            obj = doc_span(doc, span.end, head.i + 1).text
            end = head.i + 1
        elif span.label_ in {"QUANTITY", "MONEY"}:
            root = span.root
            of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = (
                next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            )
            if pobj is not None:
                obj = pobj.text
        text = doc_span(doc, start, end).text.strip()
        unit = _unit(span, text)
        if obj is not None and _unit(span, obj) is not None and span.label_ == "CARDINAL":
            obj = None
        amounts.append(
            Amount(
                amount_index=len(amounts),
                sentence_index=sentence_of[span.start],
                start_char=doc[start].idx,
                end_char=doc[start].idx + len(text),
                text=text,
                value=value,
                unit=unit,
                object=obj,
                qualifier=qualifier,
                event_index=None,
            )
        )
    return amounts


def link_amounts(doc: Doc, amounts: list[Amount], triggers: dict[int, int]) -> list[Amount]:
    """Attach each amount to the event whose trigger token (index → event) governs it."""
    from dataclasses import replace

    linked = []
    for amount in amounts:
        span = doc.char_span(amount.start_char, amount.end_char, alignment_mode="expand")
        event = None
        if span is not None:
            for token in (span.root, *span.root.ancestors):
                if token.i in triggers:
                    event = triggers[token.i]
                    break
                if token.dep_ in {"relcl", "ccomp"}:
                    break
        linked.append(replace(amount, event_index=event))
    return linked
