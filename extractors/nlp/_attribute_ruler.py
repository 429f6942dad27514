"""spaCy's attribute ruler, the same output for a fraction of the CPU.

The English pipeline's `attribute_ruler` maps tags to POS and morphology and fixes a few
lemmas with 179 token patterns run through spaCy's `Matcher`. That matcher took about 17 % of
the pipeline's time on news text (more than the parser), because it tests every pattern at
every token. Almost all the patterns are one token long and test only LOWER, TAG, DEP and
IS_SPACE, so a token's matches depend only on those four values: `FastAttributeRuler` computes
them once per distinct combination and looks them up after that.

Exactness is the contract: the matches are the Matcher's (same predicates, multi-token
patterns included) and are applied as `AttributeRuler.set_annotations` applies them, in rule
order, with spaCy's own `set_token_attrs`. A pattern shape this module does not know (an
operator, another attribute) leaves the model's own ruler in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

# What a token is tested on, in this order: the lowercase form, the tag, the dependency
# label, the IS_SPACE flag.
_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_LOWER, _TAG, _DEP, _SPACE = range(4)
_LOWER_CACHE_LIMIT = 200_000  # lowercase forms remembered; cleared past this to stay flat

FACTORY = "newsflow_attribute_ruler"

Features = tuple[int, int, int, int, int]  # lower-or-0, regex bits, tag, dep, is_space
Predicate = Callable[[Features], bool]


class UnsupportedPattern(ValueError):
    """A pattern shape the fast ruler does not implement; keep spaCy's ruler."""


class FastAttributeRuler:
    """A drop-in for a loaded `AttributeRuler`: same patterns, same attributes set."""

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        self._set_token_attrs = set_token_attrs
        self._array_attrs = [LOWER, TAG, DEP, IS_SPACE]
        self._strings = ruler.vocab.strings
        self._attrs: list[Any] = list(ruler.attrs)
        self._regexes: list[re.Pattern[str]] = []
        self._lowers: set[int] = set()  # lowercase forms any pattern names
        # (attr_id, index, one predicate per token), in rule order
        self._rules: list[tuple[int, int, list[Predicate]]] = []
        for attr_id, index in enumerate(ruler.indices):
            for pattern in ruler.matcher.get(str(attr_id))[1]:
                predicates = [self._compile(spec) for spec in pattern]
                position = index if index >= 0 else len(pattern) + index
                if not 0 <= position < len(pattern):
                    raise UnsupportedPattern(f"index {index} outside pattern {pattern}")
                self._rules.append((attr_id, position, predicates))
        self._by_features: dict[Features, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._lower_keys: dict[int, tuple[int, int]] = {}

    def _compile(self, spec: dict[str, Any]) -> Predicate:
        tests = []
        for name, value in spec.items():
            if name not in _ATTRS:
                raise UnsupportedPattern(f"attribute {name}")
            slot = _ATTRS.index(name)
            if name == "IS_SPACE":
                if not isinstance(value, bool):
                    raise UnsupportedPattern(f"IS_SPACE {value!r}")
                tests.append(_equals(_SPACE + 1, int(value)))
            elif isinstance(value, str):
                tests.append(_equals(slot + 1 if slot else 0, self._hash(value, slot)))
            elif isinstance(value, dict) and len(value) == 1:
                ((operator, operand),) = value.items()
                column = slot + 1 if slot else 0
                if operator in ("IN", "NOT_IN") and isinstance(operand, list):
                    hashes = frozenset(self._hash(item, slot) for item in operand)
                    tests.append(_member(column, hashes, operator == "IN"))
                elif operator == "REGEX" and slot == _LOWER and isinstance(operand, str):
                    self._regexes.append(re.compile(operand))
                    tests.append(_bit(len(self._regexes) - 1))
                else:
                    raise UnsupportedPattern(f"{name}: {value!r}")
            else:
                raise UnsupportedPattern(f"{name}: {value!r}")

        def predicate(features: Features) -> bool:
            return all(test(features) for test in tests)

        return predicate

    def _hash(self, value: str, slot: int) -> int:
        key = int(self._strings[value]) if value else 0
        if slot == _LOWER:
            self._lowers.add(key)
        return key

    def _features(self, row: Sequence[int]) -> Features:
        lower = row[0]
        key = self._lower_keys.get(lower)
        if key is None:
            bits = 0
            if self._regexes:
                text = self._strings[lower]
                for number, regex in enumerate(self._regexes):
                    if regex.search(text):
                        bits |= 1 << number
            # A form no pattern names is tested only by regexes: forms share their bits.
            key = (lower if lower in self._lowers else -1, bits)
            if len(self._lower_keys) >= _LOWER_CACHE_LIMIT:
                self._lower_keys.clear()
            self._lower_keys[lower] = key
        return (key[0], key[1], row[1], row[2], row[3])

    def _starting_here(self, features: Features) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Rules whose one-token pattern matches a token with these features, and the
        multi-token rules whose first token does."""
        found = self._by_features.get(features)
        if found is None:
            singles, longer = [], []
            for number, (attr_id, _index, predicates) in enumerate(self._rules):
                if predicates[0](features):
                    if len(predicates) == 1:
                        singles.append(attr_id)
                    else:
                        longer.append(number)
            found = (tuple(singles), tuple(longer))
            self._by_features[features] = found
        return found

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        features = [self._features(row) for row in doc.to_array(self._array_attrs).tolist()]
        targets: dict[int, list[int]] = {}
        for start, token_features in enumerate(features):
            singles, longer = self._starting_here(token_features)
            if singles:
                targets.setdefault(start, []).extend(singles)
            for number in longer:
                attr_id, index, predicates = self._rules[number]
                end = start + len(predicates)
                if end <= len(features) and all(
                    test(features[start + offset])
                    for offset, test in enumerate(predicates[1:], start=1)
                ):
                    targets.setdefault(start + index, []).append(attr_id)
        # AttributeRuler applies matches sorted by rule: a later rule wins.
        for position, attr_ids in targets.items():
            token = doc[position]
            for attr_id in sorted(attr_ids):
                self._set_token_attrs(token, self._attrs[attr_id])
        return doc


def _equals(column: int, value: int) -> Predicate:
    return lambda features: features[column] == value


def _member(column: int, values: frozenset[int], inside: bool) -> Predicate:
    return lambda features: (features[column] in values) is inside


def _bit(number: int) -> Predicate:
    return lambda features: bool(features[1] >> number & 1)


def use_fast_attribute_ruler(nlp: Any) -> bool:
    """Swap the pipeline's `attribute_ruler` for `FastAttributeRuler` built from its
    patterns; True if swapped. A pattern shape it does not know keeps spaCy's ruler."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        fast = FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
    except UnsupportedPattern:
        return False
    _register_factory()
    nlp.replace_pipe("attribute_ruler", FACTORY)
    nlp.get_pipe("attribute_ruler").ruler = fast
    return True


class _Slot:
    """The pipeline component: holds the compiled ruler (set after `replace_pipe`)."""

    ruler: FastAttributeRuler | None = None

    def __call__(self, doc: Any) -> Any:
        return self.ruler(doc) if self.ruler is not None else doc


def _register_factory() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=lambda nlp, name: _Slot())
