"""Who a quote's speaker token stands for: `_Resolver` turns a pronoun, a spokesperson, an
office, a definite role or a surname into a canonical entity of the article.

Separate from `_quotes` (which finds quotes and their speaker tokens) because resolving a
token to an entity is a task of its own, with its own word lists."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ._entity_countries import is_media
from ._entity_resolution import PERSON_HEADS, ArticleEntities
from ._quotes_verbs import _BY, STATEMENT_NOUNS, _child_of, _prep_object, _reports
from ._tokens import children as child_tokens
from ._tokens import column
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens


class _Resolver:
    def __init__(self, doc: Doc, entities: ArticleEntities, skip: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.entities = entities
        self.skip = skip  # quoted text: names inside a quote are not what "he" refers to
        self.represents: dict[str, int] | None = None  # see `_represented`

    def who(self, token: Token) -> tuple[str | None, str | None]:
        """(surface text, entity id) of the noun phrase headed by `token`.

        A name, or a name in its appositive, compound or "of"/"from"/"for" phrase ("a
        spokesperson for WeWork", "a report from Kotak Institutional Equities": a spokesperson
        or a report speaks for its organisation); a pronoun's antecedent; a definite
        description of a person named before ("The 56-year-old said"). A phrase that names no
        one ("an officer", "one user", "teachers") is no speaker (None), as the gold set
        codes it."""
        found = self.entities.mention_at(token.i)
        if found is None:
            for child in child_tokens(token):
                if child.dep_ == "appos" or (child.dep_ == "compound" and token.pos_ == "PROPN"):
                    found = self.entities.mention_at(child.i)
                    if found is not None:
                        break
        if found is None and token.lemma_.lower() in _PERSON_HEADS:
            # "Head of the Grocery Council, Mitch Hooke, says": the name set off after a
            # title and its organisation is the title's holder, though the parser hangs it
            # on the organisation
            found = self._titled_person(token)
        if found is None and _definite_role(token):
            # "“…,” Rear Admiral John Stufflebeem said. … the Pentagon spokesman said": a
            # definite role takes up the speaker just named, not the organisation that
            # modifies it
            found = self._recent_subject_person(token)
        if found is None and token.pos_ in {"NOUN", "PROPN"}:
            for child in child_tokens(token):
                if child.dep_ in {"prep", "poss", "compound"}:
                    target = child if child.dep_ != "prep" else _child_of(child, "pobj")
                    if target is None or (child.dep_ == "prep" and child.lower_ not in _FOR):
                        continue
                    candidate = self.entities.mention_at(target.i)
                    if candidate is not None and self.entities.mentions[candidate].label == "ORG":
                        found = candidate
                        break
        if found is None and token.lemma_.lower() in _REPRESENTS:
            # "Netanyahu's office said", "a lawyer for Smith": a person's representative
            # speaks for that person
            for child in child_tokens(token):
                target = child if child.dep_ == "poss" else None
                if child.dep_ == "prep" and child.lower_ in {"for", "of"}:
                    target = _child_of(child, "pobj")
                candidate = None if target is None else self.entities.mention_at(target.i)
                if candidate is not None and self.entities.mentions[candidate].label == "PERSON":
                    found = candidate
                    break
        if found is None and token.lemma_.lower() in STATEMENT_NOUNS:
            # "a statement by the senator", "Biden's message", "the statement from Trudeau's
            # office": a statement speaks for its author
            for child in child_tokens(token):
                target = child if child.dep_ == "poss" else None
                if child.dep_ == "prep" and child.lower_ in _BY:
                    target = _child_of(child, "pobj")
                if target is not None and target.pos_ in {"NOUN", "PROPN"}:
                    author_text, author_id = self.who(target)
                    record = self.entities.records.get(author_id or "")
                    # an institution named after its building speaks too ("a statement
                    # from St George Hospital", the White House), however the model types it
                    if record is not None and record.type in {"PERSON", "ORG", "FAC"}:
                        return author_text, author_id
        if found is None and token.lemma_.lower() in _SPOKES:
            found = self._spoken_for(token)
        if found is None and token.lemma_.lower() in _BODY_HEADS and _definite(token):
            found = self._body_before(token)
        if found is None and token.pos_ == "PRON":
            found = self.entities.speaker_antecedent(self.doc, token.i, self.skip)
        if found is None and token.lower_ == "they":
            found = self._spokesperson_before(token)
        if found is None and _definite_person(token):
            found = self._previous_person(token)
        if found is not None:
            found = self._represented(found)
            mention = self.entities.mentions[found]
            return mention.text, self._full_name(self.entities.entity_of[found])
        if _unrecognised_name(token):
            # a name the model did not tag ("Figgins said"): the person of the article whose
            # name ends with it ("Zelenskyy" after "Volodymyr Zelenskyy"), else kept as text
            words = [t.text for t in token.subtree if not t.is_space][:4]
            text = " ".join(words)
            same = {
                record.entity_id
                for record in self.entities.records.values()
                if record.type == "PERSON"
                and len(record.name.split()) > 1
                and record.name.split()[-len(words) :] == words
            }
            return text, (same.pop() if len(same) == 1 else None)
        if _unrecognised_body(token):
            # "the Federal Open Market Committee said": a body's name the model did not tag
            return " ".join(t.text for t in token.subtree if t.dep_ != "det"), None
        return None, None

    def _represented(self, found: int) -> int:
        """The person a named speaker represents, by any mention of that speaker outside
        quotes: "Akbar Jan, a spokesman for governor Gul Agha," or "a spokesman for governor
        Gul Agha, Akbar Jan," (the parser hangs the name on the person it follows); the
        gold set's convention is that a person's representative is that person. A speaker
        represented by no one is `found` itself."""
        if self.entities.mentions[found].label != "PERSON":
            return found
        if self.represents is None:
            self.represents = self._representations()
        person = self.represents.get(self.entities.entity_of[found])
        return found if person is None else person

    def _representations(self) -> dict[str, int]:
        """{entity id of a named representative: mention number of the person represented}.
        The representative's name may be one the model did not tag as a person ("Akbar
        Jan"): then the article's person whose name ends with its last word ("Mr Jan")."""
        found: dict[str, int] = {}
        for token, pos in zip(all_tokens(self.doc), column(self.doc, "pos_"), strict=True):
            if pos != "PROPN" or token.dep_ == "compound" or self._quoted(token):
                continue
            roles = [c for c in child_tokens(token) if c.dep_ == "appos"]
            if token.dep_ == "appos":
                roles.append(token.head)
            for role in roles:
                represented = None
                if role.lemma_.lower() in _REPRESENTS:
                    # "Akbar Jan, a spokesman for Gul Agha": the role's "for" or "of" phrase
                    target = _prep_object(role, "for") or _prep_object(role, "of")
                    represented = None if target is None else self.entities.mention_at(target.i)
                elif (
                    role.dep_ == "pobj"
                    and role.head.lower_ in {"for", "of"}
                    and role.head.head.lemma_.lower() in _REPRESENTS
                ):
                    # "a spokesman for Gul Agha, Akbar Jan": the name set off after the person
                    represented = self.entities.mention_at(role.i)
                if represented is None or self.entities.mentions[represented].label != "PERSON":
                    continue
                speaker = self._person_named(token)
                if speaker is not None and speaker != self.entities.entity_of[represented]:
                    found.setdefault(speaker, represented)
        return found

    def _full_name(self, entity_id: str) -> str:
        """The person a one-word name stands for when the entity layer left it apart: the one
        person of the article with a full name whose last word is that word, or differs from
        it by one letter in a long name ("Mr Romanszko says" after "Richard Romaszko", a
        slip of the keyboard)."""
        record = self.entities.records[entity_id]
        if record.type != "PERSON" or " " in record.name:
            return entity_id
        long = len(record.name) >= 5
        same = {
            other.entity_id
            for other in self.entities.records.values()
            if other.type == "PERSON"
            and len(other.name.split()) > 1
            and (
                other.name.split()[-1] == record.name
                or (long and _one_letter_apart(other.name.split()[-1], record.name))
            )
        }
        return same.pop() if len(same) == 1 else entity_id

    def _quoted(self, token: Token) -> bool:
        return any(a <= token.idx < b for a, b in self.skip)

    def _person_named(self, token: Token) -> str | None:
        """The entity id of the person a name's head word stands for: its mention's, else the
        one person of the article whose name ends with the word."""
        mention = self.entities.mention_at(token.i)
        if mention is not None:
            record = self.entities.records[self.entities.entity_of[mention]]
            return record.entity_id if record.type == "PERSON" else None
        same = {
            record.entity_id
            for record in self.entities.records.values()
            if record.type == "PERSON" and record.name.split()[-1:] == [token.text]
        }
        return same.pop() if len(same) == 1 else None

    def _titled_person(self, token: Token) -> int | None:
        """The person named in apposition inside the phrase a title heads ("President of the
        Hazara Society of Australia, Hassan Ghulam,"), outside quotes."""
        for word in token.subtree:
            if word.dep_ != "appos" or word.i < token.i:
                continue
            found = self.entities.mention_at(word.i)
            if found is not None and self.entities.mentions[found].label == "PERSON":
                return found
        return None

    def _spoken_for(self, token: Token) -> int | None:
        """The organisation an unnamed spokesperson speaks for when the phrase names none ("A
        company spokesperson said", "a ministry spokesman said"): the last organisation named
        before it, outside quotes and within SPOKES_WINDOW tokens, that is no news outlet;
        when the phrase says what kind of body it is ("ministry", "police"), one whose name
        holds that word ("the Interior Ministry"), except for the words any company goes by
        ("company", "firm"). A spokesperson "for" or "of" someone the model did not tag
        ("a spokesman for the family") speaks for no organisation named before."""
        if any(c.dep_ == "prep" and c.lower_ in _FOR for c in child_tokens(token)):
            return None
        kinds = {
            child.lower_
            for child in child_tokens(token)
            if child.dep_ in {"compound", "nmod"} and child.lower_ not in _ANY_COMPANY
        }
        return self._organisation_before(
            token,
            lambda name: not kinds or bool(kinds & {word.casefold() for word in name.split()}),
        )

    def _organisation_before(self, token: Token, fits: Callable[[str], bool]) -> int | None:
        """The mention number of the last organisation named before `token`, outside quotes
        and within SPOKES_WINDOW tokens, that is no news outlet and whose name `fits`."""
        for number in range(len(self.entities.mentions) - 1, -1, -1):
            mention = self.entities.mentions[number]
            if mention.start >= token.i:
                continue
            if token.i - mention.start > SPOKES_WINDOW:
                return None
            if mention.label != "ORG" or any(a <= mention.start_char < b for a, b in self.skip):
                continue
            record = self.entities.records[self.entities.entity_of[number]]
            if record.type != "ORG" or is_media(record.name):
                continue
            if fits(record.name):
                return number
        return None

    def _body_before(self, token: Token) -> int | None:
        """The organisation a definite description takes up ("the ministry said" after "the
        Defence Ministry", "the company said" after "Boeing"): the last organisation named
        before it, outside quotes and within SPOKES_WINDOW tokens, that is no news outlet and,
        unless the word is one any company goes by, has the word in its name."""
        word = token.lemma_.lower()
        return self._organisation_before(
            token, lambda name: word in _ANY_BODY or word in name.casefold().split()
        )

    def _spokesperson_before(self, token: Token) -> int | None:
        """The person a speaker "they" stands for when the nearest person named before it,
        within SPOKES_WINDOW tokens and outside quotes, is introduced as a spokesperson ("Kym
        Lino, a spokesperson for Instagram, confirmed … “…,” they said"): the singular "they"
        of someone whose words a company passes on."""
        for number in range(len(self.entities.mentions) - 1, -1, -1):
            mention = self.entities.mentions[number]
            if mention.start >= token.i or any(a <= mention.start_char < b for a, b in self.skip):
                continue
            if token.i - mention.start > SPOKES_WINDOW:
                return None
            if mention.label != "PERSON":
                continue
            root = self.doc[mention.start : mention.end].root
            described = [c for c in child_tokens(root) if c.dep_ == "appos"]
            if root.dep_ == "appos":
                described.append(root.head)
            if any(word.lemma_.lower() in _SPOKES for word in described):
                return number
            return None
        return None

    def _recent_subject_person(self, token: Token) -> int | None:
        """The last person named in full before `token`, outside quotes and within
        ROLE_WINDOW tokens, as the subject of a reporting verb (or set in apposition to one:
        "The US envoy, Anthony Zinni, told …"): the speaker a definite role after it takes up."""
        words = all_tokens(self.doc)
        for number in range(len(self.entities.mentions) - 1, -1, -1):
            mention = self.entities.mentions[number]
            if mention.start >= token.i:
                continue
            if token.i - mention.start > ROLE_WINDOW:
                return None
            if mention.label != "PERSON" or self._quoted(words[mention.start]):
                continue
            record = self.entities.records[self.entities.entity_of[number]]
            if len(record.name.split()) < 2:
                continue
            root = doc_span(self.doc, mention.start, mention.end).root
            if root.dep_ == "appos":
                root = root.head
            if root.dep_ in {"nsubj", "nsubjpass"} and _reports(root.head):
                return number
        return None

    def _previous_person(self, token: Token) -> int | None:
        """The person a definite description refers to: the last one named before it that
        agrees with it ("the Ukrainian leader", "the chancellor"), else the last one named
        before it, outside quotes, within the last few sentences."""
        agreeing = self.entities.described_person(self.doc, token, self.skip)
        if agreeing is not None:
            return agreeing
        best = None
        for number, mention in enumerate(self.entities.mentions):
            if mention.start >= token.i:
                break
            record = self.entities.records[self.entities.entity_of[number]]
            if len(record.name.split()) < 2:
                continue  # a full name was introduced: "Jose Mourinho", not "Spurs"
            if mention.label != "PERSON" or any(a <= mention.start_char < b for a, b in self.skip):
                continue
            best = number
        if best is not None and token.i - self.entities.mentions[best].start > 150:
            return None
        if best is not None:
            # "A ministry official said … “…,” the official added": the description takes up
            # an unnamed person introduced after the last name, not that name
            lemma = token.lemma_.lower()
            for earlier in self.doc[self.entities.mentions[best].end : token.i]:
                if earlier.lemma_.lower() == lemma and any(
                    c.dep_ == "det" and c.lower_ in {"a", "an", "one", "another"}
                    for c in child_tokens(earlier)
                ):
                    return None
        return best


_FOR = frozenset({"for", "from", "of", "at"})


# Who speaks for a person (the gold set's convention: a person's representative is that person).
_REPRESENTS = frozenset({
    "office", "campaign", "lawyer", "attorney", "spokesperson", "spokesman", "spokeswoman",
    "representative",
})  # fmt: skip


# Role nouns of someone who speaks for an organisation, and the words any company goes by.
_SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen"})
_ANY_COMPANY = frozenset({"company", "firm", "corporate"})
# Words for an organisation whatever its name ("the club said" after "Manchester United").
_ANY_BODY = frozenset({"company", "firm", "club"})
# Heads of a definite description of an organisation named before ("the ministry said").
_BODY_HEADS = frozenset({
    "ministry", "department", "company", "firm", "agency", "court", "government", "club",
    "commission", "committee", "council", "bank", "party", "union", "embassy", "army",
    "military", "police", "office", "authority", "service", "university", "hospital",
    "board", "administration", "campaign", "group", "foundation", "institute", "league",
    "association", "federation", "organization", "organisation", "network", "airline",
    "carrier", "automaker", "retailer", "insurer", "utility", "bureau", "district",
})  # fmt: skip
# An unnamed spokesperson speaks for an organisation named at most this many tokens before.
SPOKES_WINDOW = 80
# A definite role ("the Pentagon spokesman") takes up a person named at most this many tokens
# before: the last sentence or two.
ROLE_WINDOW = 60
_PERSON_HEADS = PERSON_HEADS


def _one_letter_apart(a: str, b: str) -> bool:
    """The same word, or one letter added, dropped or changed."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _unrecognised_name(token: Token) -> bool:
    """A capitalised word heading the phrase that is no role word and has no determiner:
    a name the model missed, not "Teachers" or "An officer"."""
    from ._dictionaries import agent

    return (
        token.pos_ in {"PROPN", "NOUN"}
        and token.text[:1].isupper()
        and not any(c.dep_ == "det" for c in child_tokens(token))
        and agent(token.lemma_.lower()) is None
        and agent(token.lower_) is None
        and token.lemma_.lower() not in _PERSON_HEADS
    )


def _unrecognised_body(token: Token) -> bool:
    """ "The Federal Open Market Committee": a capitalised name of several words after "the",
    the whole phrase proper nouns, that the model did not tag."""
    words = [t for t in token.subtree if t.dep_ != "det"]
    return (
        token.pos_ == "PROPN"
        and len(words) > 1
        and any(c.dep_ == "det" and c.lower_ == "the" for c in child_tokens(token))
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
        and all(t.dep_ in {"compound", "det"} for t in child_tokens(token))
    )


def _definite(token: Token) -> bool:
    """A bare definite singular noun phrase: "the ministry", not "the ministry's lawyer", "a
    court" or "the companies"."""
    return (
        token.tag_ == "NN"
        and token.text.islower()
        and any(c.dep_ == "det" and c.lower_ == "the" for c in child_tokens(token))
        and not any(c.dep_ in {"compound", "amod", "poss", "prep"} for c in child_tokens(token))
    )


def _definite_role(token: Token) -> bool:
    """ "The Pentagon spokesman", "the retired Marine Corps general": a definite singular
    person's role that a name modifies (which the organisation rule would otherwise take)."""
    return (
        token.tag_ == "NN"
        and token.lemma_.lower() in _PERSON_HEADS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in child_tokens(token))
        and any(c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in child_tokens(token))
        and not any(c.dep_ in {"prep", "poss", "appos"} for c in child_tokens(token))
    )


def _definite_person(token: Token) -> bool:
    """ "The 56-year-old", "the Portuguese boss", "the former governor": a definite noun
    phrase whose head describes a person."""
    if token.pos_ not in {"NOUN", "ADJ", "PROPN"}:
        return False
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in child_tokens(token))
    head = token.lower_
    # "the 45-year-old mother of two": an age before any noun describes a person
    aged = any(c.dep_ == "amod" and c.lower_ == "old" for c in child_tokens(token))
    return definite and (head.endswith("-old") or head == "old" or aged or head in _PERSON_HEADS)
