"""CAMEO verb patterns matched against the dependency parse.

The CAMEO verb dictionary of PETRARCH2 codes a verb by what it governs: "carry out a raid"
(190), "express support" (051), "look into charges" (090), "sign a peace deal" (057), "drop
charges" (081), "cut production" (no event). `scripts/build_nlp_data.py --cameo` writes its
patterns, with the synonym sets they use, to `data/cameo_patterns.tsv`; this module reads that
table once per process and matches a verb token against the patterns of its block:

- the verb's lemma is one of the block's verbs (a phrasal one, "carry_out", needs its particle
  as a ``prt`` or ``prep`` child);
- a particle of the pattern ("- * OFF DEAL") is such a child too;
- the object phrase is the direct object (the passive subject): its head word, and each
  earlier word of the phrase among the head's modifiers ({PEACE DEAL}: "deal" with "peace");
- each "(PREP phrase)" group is a preposition of the verb, or of its object, whose object
  matches the phrase (any object when the group names none: "(AGAINST)");
- a word before the verb marker ("&MILITARY *") is the subject's head.

Of the patterns that match, the one with the most matched words wins (the first in the
dictionary among equals). Its CAMEO code maps to a PLOVER type by the crosswalk in the build
script; a pattern coded "---" says the verb with that object is no event. A target marker
("(WITH +)", "CLAIM (AGAINST) +") names the slot where the recipient is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Token

from ._plover_lexicon import CAMEO_SLOTS, Trigger
from ._tokens import children as child_tokens

Phrase = tuple[frozenset[str], ...]  # word forms per word of a noun phrase, the head last

_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "npadvmod"})
PATTERN_CONFIDENCE = 0.5
_COMPLEMENT_DEPS = frozenset({"oprd", "ccomp", "acomp"})
# a count whose "of" phrase names what is counted ("dozens of raids", "a round of talks")
_COUNTS = frozenset(
    {"dozen", "hundred", "thousand", "million", "series", "number", "wave", "string", "round",
     "couple", "lot", "pair", "set"}
)  # fmt: skip


@dataclass(frozen=True)
class Pattern:
    type: str | None  # PLOVER type; None: the verb with these words is no event
    line: int  # line of the pattern in CAMEO.2.0.txt
    code: str  # CAMEO code
    verb_particle: str  # the block verb's own particle ("out" of "carry_out")
    particle: str
    subject: Phrase
    object: Phrase
    preps: tuple[tuple[str, Phrase], ...]
    target: str  # slot of the recipient the pattern names ("with", "dobj"), or ""
    passive: bool = False  # "[:111]": the subject is the target ("faced criticism")

    @cached_property
    def size(self) -> int:
        """How many words the pattern matches beyond the verb."""
        return (
            bool(self.particle)
            + len(self.subject)
            + len(self.object)
            + sum(1 + len(phrase) for _, phrase in self.preps)
        )

    def trigger(self, lemma: str, complement: bool = False) -> Trigger:
        """The pattern as a verb trigger: where its recipient is found, its provenance. With
        `complement` the object word is the verb's complement ("found him guilty"), and the
        direct object is the one the act is done to."""
        assert self.type is not None
        if self.passive:  # "X faced criticism from Y", "X received a loan from Y"
            return Trigger(lemma, "V", self.type, None, ("<from",), PATTERN_CONFIDENCE,
                           cameo=self.code, pattern=self.line, passive=True)  # fmt: skip
        # "signed an agreement": the object is no recipient
        thing = bool(self.object) and not complement
        open_preps = tuple(prep for prep, phrase in self.preps if not phrase)
        slots = (*([self.target] if self.target else []), *open_preps)
        defaults = tuple(s for s in (*CAMEO_SLOTS, "at") if not (thing and s == "dobj"))
        slots = tuple(dict.fromkeys((*slots, *defaults)))
        return Trigger(
            lemma,
            "V",
            self.type,
            None,
            slots,
            PATTERN_CONFIDENCE,
            cameo=self.code,
            pattern=self.line,
        )


def _forms(word: str) -> set[str]:
    """A dictionary word (casefolded; a phrase "jumbo_jet" as "jumbo jet") and its singular
    forms, to compare with a token's lemma (or a two-word phrase with its modifier)."""
    word = " ".join(word.replace("_", " ").split())
    forms = {word}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.add(word[:-1])
    return forms


def _phrase(text: str, synsets: dict[str, frozenset[str]]) -> Phrase:
    words = []
    for word in text.split():
        if word.startswith("&"):
            words.append(synsets.get(word, frozenset()))
        else:
            words.append(frozenset(_forms(word)))
    return tuple(words)


@lru_cache(maxsize=1)
def patterns() -> dict[str, tuple[Pattern, ...]]:
    """Verb lemma -> its block's patterns, from data/cameo_patterns.tsv, read once."""
    from ._dictionaries import _lines

    synsets: dict[str, frozenset[str]] = {}
    table: dict[str, list[Pattern]] = {}
    verbs: list[str] = []
    for line in _lines("cameo_patterns.tsv"):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0].startswith("&"):
            synsets[fields[0]] = frozenset(
                form for word in fields[1].split("|") for form in _forms(word)
            )
            continue
        if fields[0] == "@":
            verbs = fields[1].split()
            continue
        kind, number, code, particle, subject, obj, preps, target, named = fields
        groups = []
        for group in filter(None, preps.split(";")):
            prep, _, phrase = group.partition(":")
            groups.append((prep, _phrase(phrase, synsets)))
        # a pattern holds for the verb its comment says it was found with; the block's
        # other verbs are synonyms only by WordNet ("head" and "conduct" beside "lead")
        if not (particle or subject or obj or any(phrase for _, phrase in groups)):
            # "- * (TO)", "- * (FOR)": a preposition alone is no more specific than the
            # verb ("headed out for", "coming to a gathering")
            continue
        for verb in named.split() or verbs:
            lemma, _, own = verb.partition("_")
            table.setdefault(lemma, []).append(
                Pattern(
                    None if kind == "-" else kind,
                    int(number),
                    code.removeprefix(":"),
                    own,
                    particle,
                    _phrase(subject, synsets),
                    _phrase(obj, synsets),
                    tuple(groups),
                    target,
                    code.startswith(":"),
                )
            )
    return {lemma: tuple(found) for lemma, found in table.items()}


@lru_cache(maxsize=1)
def _by_object() -> dict[str, tuple[tuple[int, ...], dict[str, tuple[int, ...]]]]:
    """Verb lemma -> the positions in its `patterns()` of the patterns with no object word,
    and by each form an object's head word can take, of the patterns whose object head it is:
    a pattern with an object matches only when the object (or a complement) has one of its
    head forms, so `match` tries only those (a verb's block has dozens of objects)."""
    index: dict[str, tuple[tuple[int, ...], dict[str, tuple[int, ...]]]] = {}
    for lemma, found in patterns().items():
        free: list[int] = []
        by_form: dict[str, list[int]] = {}
        for position, pattern in enumerate(found):
            if not pattern.object:
                free.append(position)
                continue
            for form in pattern.object[-1]:
                by_form.setdefault(form, []).append(position)
        index[lemma] = (tuple(free), {f: tuple(p) for f, p in by_form.items()})
    return index


def _word(token: Token, forms: frozenset[str]) -> bool:
    if token.lemma_.lower() in forms or token.lower_ in forms:
        return True
    return any(  # "nuclear weapon", "jumbo jet": a synonym of two words
        f"{c.lower_} {head}" in forms
        for c in child_tokens(token)
        if c.dep_ in {"compound", "amod"} and c.i == token.i - 1
        for head in (token.lemma_.lower(), token.lower_)
    )


def _phrase_matches(token: Token | None, phrase: Phrase) -> bool:
    if token is None or not _word(token, phrase[-1]):
        return False
    modifiers = [c for c in child_tokens(token) if c.dep_ in _MODIFIER_DEPS]
    return all(any(_word(m, forms) for m in modifiers) for forms in phrase[:-1])


def _has_particle(verb: Token, word: str) -> bool:
    return any(c.dep_ in _PARTICLE_DEPS and c.lower_ == word for c in child_tokens(verb))


def _prep_objects(token: Token, prep: str) -> list[Token]:
    return [
        grand
        for child in child_tokens(token)
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == prep
        for grand in child_tokens(child)
        if grand.dep_ == "pobj"
    ]


def direct_object(verb: Token) -> Token | None:
    """What the verb is done to: its object, the subject of its passive, the noun a passive
    participle qualifies ("the deal signed on Monday"); past a count ("dozens of raids")."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in child_tokens(verb))
    wanted = "nsubjpass" if passive else "dobj"
    found = next((c for c in child_tokens(verb) if c.dep_ == wanted), None)
    if found is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i != verb.i:
        found = verb.head
    if found is not None and (found.like_num or found.lemma_.lower() in _COUNTS):
        counted = next(
            (g for c in child_tokens(found) if c.dep_ == "prep" and c.lower_ == "of"
             for g in child_tokens(c) if g.dep_ == "pobj"),
            None,
        )  # fmt: skip
        found = counted if counted is not None else found
    return found


def by_complement(verb: Token, pattern: Pattern) -> bool:
    """True when the pattern's object word is the verb's complement, not its object."""
    return bool(pattern.object) and not _phrase_matches(direct_object(verb), pattern.object)


class _Reader:
    """What `match` reads of the tokens around one verb, read once per token (a verb's block
    has dozens of patterns that test the same object, subject and prepositions)."""

    def __init__(self) -> None:
        self._words: dict[int, tuple[str, str, tuple[str, ...], list[Token]]] = {}
        self._preps: dict[tuple[int, str], list[Token]] = {}

    def _read(self, token: Token) -> tuple[str, str, tuple[str, ...], list[Token]]:
        found = self._words.get(token.i)
        if found is None:
            lemma, lower = token.lemma_.lower(), token.lower_
            children = list(child_tokens(token))
            joined = tuple(
                f"{c.lower_} {head}"
                for c in children
                if c.dep_ in {"compound", "amod"} and c.i == token.i - 1
                for head in (lemma, lower)
            )
            modifiers = [c for c in children if c.dep_ in _MODIFIER_DEPS]
            found = self._words[token.i] = (lemma, lower, joined, modifiers)
        return found

    def word(self, token: Token, forms: frozenset[str]) -> bool:
        """`_word`, from the token's cached forms."""
        lemma, lower, joined, _ = self._read(token)
        return lemma in forms or lower in forms or any(j in forms for j in joined)

    def phrase_matches(self, token: Token | None, phrase: Phrase) -> bool:
        """`_phrase_matches`, from the cached forms."""
        if token is None or not self.word(token, phrase[-1]):
            return False
        modifiers = self._read(token)[3]
        return all(any(self.word(m, forms) for m in modifiers) for forms in phrase[:-1])

    def prep_objects(self, token: Token, prep: str) -> list[Token]:
        key = (token.i, prep)
        found = self._preps.get(key)
        if found is None:
            found = self._preps[key] = _prep_objects(token, prep)
        return found


def match(verb: Token, subject: Token | None) -> Pattern | None:
    """The most specific CAMEO pattern of the verb's lemma that its parse matches."""
    lemma = verb.lemma_.lower()
    candidates = patterns().get(lemma)
    if not candidates:
        return None
    obj = direct_object(verb)
    # "found him guilty", "was found guilty": the pattern's object word ("FIND - GUILTY")
    # is the verb's adjectival complement, after the object
    complements = [c for c in child_tokens(verb) if c.dep_ in _COMPLEMENT_DEPS and c.pos_ == "ADJ"]
    particles = {c.lower_ for c in child_tokens(verb) if c.dep_ in _PARTICLE_DEPS}  # _has_particle
    read = _Reader()
    free, by_form = _by_object()[lemma]
    tried = set(free)
    for word in (obj, *complements):
        if word is not None:
            head, lower, joined, _ = read._read(word)
            for form in (head, lower, *joined):
                tried.update(by_form.get(form, ()))
    best: Pattern | None = None
    for pattern in map(candidates.__getitem__, sorted(tried)):
        if best is not None and pattern.size <= best.size:
            continue
        if pattern.verb_particle and pattern.verb_particle not in particles:
            continue
        if pattern.particle and pattern.particle not in particles:
            continue
        if pattern.subject and not read.phrase_matches(subject, pattern.subject):
            continue
        if pattern.object and not (
            read.phrase_matches(obj, pattern.object)
            or any(read.phrase_matches(c, pattern.object) for c in complements)
        ):
            continue
        if not all(
            any(
                not phrase or read.phrase_matches(found, phrase)
                for head in (verb, obj)
                if head is not None
                for found in read.prep_objects(head, prep)
            )
            for prep, phrase in pattern.preps
        ):
            continue
        best = pattern
    return best
