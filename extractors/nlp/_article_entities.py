"""What the resolver returns and takes: an article's entities (`ArticleEntities`, with the
lookups the event and quote extractors use) and the people the store already knows
(`KnownPeople`).

Separate so the extractors that read resolved entities depend on this record, not on the
resolver's rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ._countries import (
    demonym,
    place,
)
from ._entity_names import _name_tokens
from ._mention_text import PERSON_HEADS, TITLES, CleanMention, doc_text
from ._quotes_text import covered
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens
from ._types import EntityRecord


@dataclass(frozen=True)
class KnownPeople:
    """People a store already knows by their full name, made by the engine from
    `storage.known_people` and passed into a batch's work: a name an article uses alone
    ("Putin", no full name in the article) resolves to the one known full name it ends (or
    starts) with, when one known person has it far more often than any other; an article that
    gives a person no country borrows the country the store has for them."""

    by_word: dict[str, str] = field(default_factory=dict)  # "Putin" -> "Vladimir Putin"
    country: dict[str, str] = field(default_factory=dict)  # "Vladimir Putin" -> "RUS"

    DOMINANCE = 3  # the chosen person's articles against the next person's with that word

    @classmethod
    def of(cls, people: Iterable[tuple[str, str | None, int]]) -> KnownPeople:
        """From (full name, country, articles) rows, the most written about first."""
        best: dict[str, tuple[str, int]] = {}
        ambiguous: set[str] = set()
        countries: dict[str, str] = {}
        for name, country, articles in people:
            words = _name_tokens(name)
            if len(words) < 2:
                continue
            if country:
                countries.setdefault(name, country)
            for word in {words[-1], words[0]}:
                if word in best and best[word][0] != name:
                    if best[word][1] < cls.DOMINANCE * max(articles, 1):
                        ambiguous.add(word)
                    continue
                best.setdefault(word, (name, articles))
        by_word = {w: n for w, (n, _) in best.items() if w not in ambiguous and w not in TITLES}
        return cls(by_word, countries)

    def full_name(self, word: str) -> str | None:
        return self.by_word.get(word)


@dataclass
class ArticleEntities:
    """Canonical entities of one article and the link of every mention to one of them."""

    mentions: list[CleanMention]
    entity_of: list[str]  # entity_id per mention
    records: dict[str, EntityRecord]
    aliases: set[tuple[str, str]]
    state_of: dict[str, str] = field(default_factory=dict)  # capital entity -> country entity
    token_mention: dict[int, int] = field(default_factory=dict)
    # organisations whose country is only the story's, guessed without any evidence of their
    # own: stored on the entity, but no side of an event is placed by it
    guessed: set[str] = field(default_factory=set)
    domestic: str | None = None  # the dateline's country, else the article's (state actors)
    # the rule that set each entity's country ("words before", "dictionary", "home (company)"
    # ...), for `bench.country_audit`; no output depends on it
    origin: dict[str, str] = field(default_factory=dict)
    person_titles: dict[str, set[str]] | None = field(default=None, repr=False)

    def mention_at(self, token_index: int) -> int | None:
        return self.token_mention.get(token_index)

    def entity_at(self, token_index: int) -> EntityRecord | None:
        found = self.token_mention.get(token_index)
        return None if found is None else self.records[self.entity_of[found]]

    def as_state(self, entity_id: str) -> EntityRecord:
        """The country a capital stands for when it acts ("Pyongyang denied…")."""
        return self.records[self.state_of.get(entity_id, entity_id)]

    def described_person(
        self, doc: Doc, token: Token, skip: Iterable[tuple[int, int]] = (), window: int = 250
    ) -> int | None:
        """The person a definite description refers to ("the Ukrainian leader", "the
        chancellor", "the former governor"): the last person named before it (outside quotes,
        within `window` tokens) that agrees with it, by the nationality it names, else by a
        title written before or beside one of the person's names ("Chancellor Olaf Scholz",
        "Scholz, the German chancellor"). None when no one agrees."""
        head = token.lemma_.lower()
        if token.pos_ != "NOUN" or head not in PERSON_HEADS:
            return None
        nationality = None
        for child in token.children:
            if child.dep_ in {"amod", "compound", "nmod"}:
                found = demonym(child.text) or place(child.text)
                if found is not None:
                    nationality = found.iso3
        ranges = list(skip)
        titles = self._titles(doc)
        best = None
        for number, mention in enumerate(self.mentions):
            if mention.start >= token.i:
                break
            if mention.label != "PERSON" or token.i - mention.start > window:
                continue
            if any(a <= mention.start_char < b for a, b in ranges):
                continue
            eid = self.entity_of[number]
            if nationality is not None:
                if self.records[eid].country == nationality:
                    best = number
            elif head in titles.get(eid, ()):
                best = number
        return best

    def _titles(self, doc: Doc) -> dict[str, set[str]]:
        """Title words written before each person's names or in their appositives."""
        if self.person_titles is not None:
            return self.person_titles
        titles: dict[str, set[str]] = {}
        for number, mention in enumerate(self.mentions):
            if mention.label != "PERSON":
                continue
            words = titles.setdefault(self.entity_of[number], set())
            i = mention.start - 1
            while i >= 0 and mention.start - i <= 4:
                before = all_tokens(doc)[i]
                if before.is_punct or before.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON"}:
                    break
                words.add(before.lemma_.lower())
                i -= 1
            root = doc_span(doc, mention.start, mention.end).root
            for child in root.children:
                if child.dep_ == "appos" and child.i >= mention.end:
                    words.update(t.lemma_.lower() for t in list(child.subtree)[:8])
        self.person_titles = titles
        return titles

    def speaker_antecedent(
        self, doc: Doc, token_index: int, skip: list[tuple[int, int]] | None = None
    ) -> int | None:
        """A quote's speaker pronoun, "he"/"she": `antecedent`, unless a surname the model left
        untagged stands as a subject nearer ("Grant Sabatier" … "Sabatier encourages …, he
        wrote"; "Young, in his testimony, … “…,” he said" after "Stafford"); with no one in the
        last two sentences, whom the nearest "he"/"his" there refers to, through a chain of
        pronouns ("Tommy … retired. He never earned … One of his biggest regrets? … “…,” he
        wrote")."""
        word = all_tokens(doc)[token_index].lower_
        group = next((g for g in _PRONOUN_GROUPS if word in g), None)
        if group is None:
            return self.antecedent(doc, token_index, skip)
        last_of: dict[str, set[str]] = {}
        for record in self.records.values():
            words = record.name.split()
            if record.type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
                last_of.setdefault(words[-1], set()).add(record.entity_id)
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        quoted = _quoted_sentences(doc, skip) if skip else set()
        doc_tokens = all_tokens(doc)
        for _ in range(4):
            found = self.antecedent(doc, token_index, skip)
            current = _sentence_of(doc, token_index)
            earlier = None
            for i in range(token_index - 1, -1, -1):
                sentence = _sentence_of(doc, i)
                between = current - sentence - sum(1 for s in quoted if sentence < s < current)
                if between > 2 or (found is not None and i < self.mentions[found].start):
                    break
                token = doc_tokens[i]
                if skip and any(a <= token.idx < b for a, b in skip):
                    continue
                owners = last_of.get(token.text, set())
                if (
                    len(owners) == 1
                    and i not in taken
                    and token.pos_ == "PROPN"
                    and (found is None or token.dep_ in {"nsubj", "nsubjpass"})
                ):
                    owner = owners.pop()
                    return next(n for n in range(len(self.mentions)) if self.entity_of[n] == owner)
                if found is None and token.lower_ in group:
                    earlier = i
                    break
            if earlier is None:
                return found
            token_index = earlier
        return self.antecedent(doc, token_index, skip)

    def antecedent(
        self, doc: Doc, token_index: int, skip: list[tuple[int, int]] | None = None
    ) -> int | None:
        """Mention a pronoun refers to, up to two sentences back: a person for he/she/his/
        her, an organisation or place for it/its. The nearest grammatical subject wins over
        a nearer non-subject ("Carlineo was arrested for a call he made to Omar's office":
        he = Carlineo), and for a pronoun that is a main clause's subject ("…,” he said) the
        nearest main-clause subject wins over a nearer one of an embedded clause ("Figgins
        declined to say whether Thomas slept the night Epstein died. “…,” he said": he =
        Figgins); names inside quotes (`skip`) are passed over."""
        word = all_tokens(doc)[token_index].lower_
        if word in {"he", "him", "his", "she", "her", "hers", "himself", "herself"}:
            labels = {"PERSON"}
        elif word in {"it", "its", "itself"}:
            labels = {"ORG", "GPE"}
        else:
            return None
        current = _sentence_of(doc, token_index)
        # sentences wholly inside quotation marks do not count towards the distance
        quoted = _quoted_sentences(doc, skip) if skip else set()
        nearest = subject = main = None
        for number, mention in enumerate(self.mentions):
            if mention.start >= token_index:
                break
            between = current - mention.sentence_index
            between -= sum(1 for s in quoted if mention.sentence_index < s < current)
            if mention.label not in labels or between > 2:
                continue
            if skip and any(a <= mention.start_char < b for a, b in skip):
                continue
            nearest = number
            root = doc_span(doc, mention.start, mention.end).root
            if root.dep_ not in {"nsubj", "nsubjpass"} and root.head.dep_ in {"nsubj", "nsubjpass"}:
                root = root.head
            if root.dep_ in {"nsubj", "nsubjpass"}:
                subject = number
                if root.head.dep_ == "ROOT":
                    main = number
        pronoun = all_tokens(doc)[token_index]
        if (
            labels == {"PERSON"}
            and main is not None
            and pronoun.dep_ in {"nsubj", "nsubjpass"}
            and pronoun.head.dep_ in {"ROOT", "parataxis"}
        ):
            return main
        if labels == {"PERSON"} and subject is not None:
            return subject
        return nearest


def _quoted_sentences(doc: Doc, skip: list[tuple[int, int]]) -> set[int]:
    """Numbers of the sentences whose words all sit inside the `skip` ranges (quotes)."""
    key = f"newsflow_quoted_sentences:{len(skip)}:{skip[0] if skip else None}"
    cached = doc.user_data.get(key)
    if cached is not None:
        return set(cached)
    from ._entity_normalize import sentence_index

    numbers = sentence_index(doc)
    inside: dict[int, bool] = {}
    marks = covered(len(doc_text(doc)) + 1, skip)
    for token in all_tokens(doc):
        if token.is_punct or token.is_space:
            continue
        quoted = marks[token.idx] == 1
        inside[numbers[token.i]] = inside.get(numbers[token.i], True) and quoted
    found = {n for n, all_quoted in inside.items() if all_quoted}
    doc.user_data[key] = sorted(found)
    return found


_PRONOUN_GROUPS = (
    frozenset({"he", "him", "his", "himself"}),
    frozenset({"she", "her", "hers", "herself"}),
)


def _sentence_of(doc: Doc, token_index: int) -> int:
    from ._entity_normalize import sentence_index

    return sentence_index(doc)[token_index]
