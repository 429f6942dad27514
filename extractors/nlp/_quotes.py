"""Direct quotes, their speaker, reporting verb and the outlet they came through.

Quote segments are found in the text between quotation marks (curly or straight, never across
a paragraph break; a paragraph that ends inside an open quote ends the segment). Segments of
fewer than three words ("welcome Putin") are scare quotes, not quotes. The speaker is the
subject of the nearest reporting verb outside quotation marks in the same sentence(s) ("…,”
Kim added."), resolved to a canonical entity (pronouns to the nearest preceding person, or
to the person quoted just before when that quote comes after the name the pronoun would
take); a quote that opens a sentence with no verb of its own is attributed by the sentence
before it in its paragraph ("…, he said. “…”"); a quote that opens a paragraph without a
verb continues the previous paragraph's speaker, and a quote left open at its paragraph's
end continues in the next paragraph-opening quote however far away. An unnamed spokesperson
("a company spokesperson said") speaks for the organisation named just before, so does a
definite description ("the ministry said" after "the Defence Ministry"), and a speaker
"they" after a named spokesperson is that person. A person's office, lawyer or spokesperson
speaks for that person, a statement ("a statement from X", "issued a statement saying")
for its author; "X was quoted (by Tass) as saying" is X's, "As X put it" too. A quote with
no verb is introduced by a verbless lead-in with a colon ("X, in a statement: “…”") or, when
it fills its paragraph, by a person's reported words closing the paragraph before. The
outlet is the organisation of "according to X", "X reported", "quoted by X" or "told X".

Where paragraph breaks were lost (one line per report), a straight mark after a sentence's end
opens the next quote (`_quotes_text`), and a quote that runs straight into an attributed one is
that speaker's. "“…,” he said" after a sentence that gives a person as its source (a reporting
verb's subject, a passive's agent, "according to X") named since the previous quote is that
person's; after an unnamed speaker's quote ("a nurse told reporters") it names no one. A
passive reporting verb speaks for its agent ("was hailed by X as “…”"); a title's holder set
off in apposition ("Head of the X Council, Mitch Hooke, says") speaks, not the organisation.

A named representative of a person ("Akbar Jan, a spokesman for Gul Agha") speaks for that
person; a partial quote set in a speech noun is its author's ("Sharon's accusation that …
'…'"); a one-word surname is the one person named in full with it (or with one letter
different); a capitalised body's name after "the" that the model left untagged speaks; a quoted
title in the writer's sentence has no speaker; a straight mark that closed a quote opens no
quote running to its paragraph's end. A definite role a name modifies ("the Pentagon
spokesman said") is the speaker just named in full, not the organisation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ._entity_countries import is_media
from ._entity_normalize import doc_text, sentence_index
from ._entity_resolution import PERSON_HEADS, ArticleEntities
from ._quotes_text import Segment, covered, quote_segments
from ._tokens import sentence_spans
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens
from ._types import Quote

REPORTING_VERBS = frozenset({
    "say", "add", "tell", "write", "tweet", "post", "note", "state", "declare", "announce",
    "explain", "insist", "argue", "warn", "claim", "quip", "joke", "voice", "hail", "praise",
    "describe", "ask", "reply", "respond", "recall", "urge", "shout", "order", "chant",
    "acknowledge", "admit", "conclude", "suggest", "caution", "stress", "emphasize", "remark",
    "comment", "observe", "exclaim", "wonder", "complain", "testify", "predict", "promise",
    "vow", "pledge", "reiterate", "confirm", "deny", "accuse", "cite", "report", "call",
    "scream", "yell", "demand", "plead", "concede", "boast", "lament", "express", "welcome",
    "continue",
})  # fmt: skip
_REPORTING_LEMMAS = REPORTING_VERBS | {"put", "read"}
_OPEN = '“"«'
_CLOSE = '”"»'
MIN_WORDS = 3


def _subject(verb: Token, inside: list[bool] | None = None) -> Token | None:
    """The verb's subject; with `inside`, one outside quotation marks (the parser may make a
    noun of the quote a second subject: "“The mission … launch,” Stafford responded"). A
    reporting verb in the passive speaks for its agent ("was hailed by the envoy as “…”")."""
    agent = _child_of(verb, "agent")
    if agent is not None and _reports(verb):
        found = _child_of(agent, "pobj")
        if found is not None and not (inside and inside[found.i]):
            return found
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and not (inside and inside[child.i]):
            return child
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        return _subject(verb.head, inside)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        # "Putin was quoted as saying", "Tass quoted Putin as saying": who is quoted
        quoted = verb.head.head
        return next(
            (c for c in quoted.children
             if c.dep_ in {"nsubjpass", "dobj"} and not (inside and inside[c.i])),
            None,
        )  # fmt: skip
    if verb.dep_ == "acl" and _reports(verb):
        head = verb.head
        if head.lemma_.lower() in STATEMENT_NOUNS:
            # "issued a statement saying", "in a post saying": the statement's author, named
            # in it ("a statement from the ministry") or the subject of the clause it is in
            if any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in _BY) for c in head.children
            ):
                return head
            governor = head.head.head if head.head.dep_ == "prep" else head.head
            if governor.i != head.i and governor.pos_ in {"VERB", "AUX"}:
                return _subject(governor, inside)
            return None
        if (
            head.pos_ == "PROPN"
            and head.i < verb.i
            and verb.nbor(-1).text == ","
            and not any(c.dep_ == "agent" for c in verb.children)
        ):
            # "Elon Musk, who has clashed with regulators, posted on X:": a name the parser
            # took for the head of a reduced clause
            return head
    return None


def _governing_verbs(span: Span, inside: list[bool]) -> list[Token]:
    """The verbs outside quotation marks that the quoted words hang from, the main clause's
    first: "remembered", "rehearsing" in "Cook remembered Jobs rehearsing … and 'going way
    off script'"; "is", "views" in "privacy, which Apple views as 'a fundamental human
    right'"."""
    verbs = []
    token = span.root
    while True:
        if token.pos_ in {"VERB", "AUX"} and not inside[token.i]:
            verbs.append(token)
        if token.head.i == token.i:
            break
        token = token.head
    return verbs[::-1]


def _speech_author(span: Span, inside: list[bool]) -> Token | None:
    """The author of the speech noun outside quotation marks that a partial quote hangs
    from: its possessor or "by"/"from" object ("Trump's claim that the vote was 'rigged'",
    "a warning from the ministry that …"), the nearest such noun above the quote."""
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if inside[token.i]:
            continue
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"acl", "relcl", "ccomp"}:
            return None  # a clause of its own: the verbs decide
        if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
            for child in token.children:
                if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
                    return child
                if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                    found = _child_of(child, "pobj")
                    if found is not None and not inside[found.i]:
                        return found
    return None


def _reports(token: Token) -> bool:
    """A verb of communication: one of REPORTING_VERBS, "put" with the object "it" ("As
    Murkowski put it, “…”"), or "read" with a statement as subject."""
    lemma = token.lemma_.lower()
    if lemma not in _REPORTING_LEMMAS or token.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma == "put":
        children = {(c.dep_, c.lower_) for c in token.children}
        return ("dobj", "it") in children and ("mark", "as") in children
    if lemma == "read":  # "The statement read: “…”"
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in STATEMENT_NOUNS for c in token.children
        )
    return lemma in REPORTING_VERBS


def _prep_object(token: Token, preposition: str) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == preposition:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _last_speaker_is_nearer(
    entities: ArticleEntities,
    doc: Doc,
    pronoun: Token,
    previous: Quote | None,
    skip: list[tuple[int, int]],
) -> bool:
    """True when a speaker pronoun ("he said") is better read as the person of the previous
    quote: that quote, a few lines back, has a person as speaker and comes after the mention
    the pronoun resolves to by itself (the speaker is the more recent person)."""
    if previous is None or previous.speaker_entity_id is None:
        return False
    record = entities.records.get(previous.speaker_entity_id)
    if record is None or record.type != "PERSON":
        return False
    if doc_text(doc).count("\n", previous.end_char, pronoun.idx) > 4:
        return False
    found = entities.antecedent(doc, pronoun.i, skip)
    if found is None or entities.entity_of[found] == previous.speaker_entity_id:
        return False
    return entities.mentions[found].start_char < previous.start_char


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
            for child in token.children:
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
            for child in token.children:
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
            for child in token.children:
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
            for child in token.children:
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
        for token in all_tokens(self.doc):
            if token.pos_ != "PROPN" or token.dep_ == "compound" or self._quoted(token):
                continue
            roles = [c for c in token.children if c.dep_ == "appos"]
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
        if any(c.dep_ == "prep" and c.lower_ in _FOR for c in token.children):
            return None
        kinds = {
            child.lower_
            for child in token.children
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
            described = [c for c in root.children if c.dep_ == "appos"]
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
                    for c in earlier.children
                ):
                    return None
        return best


_FOR = frozenset({"for", "from", "of", "at"})
_BY = frozenset({"by", "from", "of"})
# Who speaks for a person (the gold set's convention: a person's representative is that person).
_REPRESENTS = frozenset({
    "office", "campaign", "lawyer", "attorney", "spokesperson", "spokesman", "spokeswoman",
    "representative",
})  # fmt: skip
# Nouns of a statement that speaks for its author ("a statement from the ministry said").
STATEMENT_NOUNS = frozenset({
    "statement", "post", "tweet", "message", "letter", "release", "communique", "report",
    "note", "memo", "video", "announcement", "filing", "response", "reply", "reaction",
    "answer", "verdict",
})  # fmt: skip
# Nouns of what someone said, whose author speaks a partial quote set in them.
SPEECH_NOUNS = STATEMENT_NOUNS | {
    "accusation", "claim", "charge", "warning", "word", "remark", "comment", "assertion",
    "description", "promise", "pledge", "threat", "demand", "suggestion", "argument",
    "allegation", "declaration", "speech", "address", "appeal", "plea", "vow", "admission",
    "complaint", "criticism", "denial", "prediction", "insistence", "assurance",
}  # fmt: skip
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


def _child_of(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _unrecognised_name(token: Token) -> bool:
    """A capitalised word heading the phrase that is no role word and has no determiner:
    a name the model missed, not "Teachers" or "An officer"."""
    from ._dictionaries import agent

    return (
        token.pos_ in {"PROPN", "NOUN"}
        and token.text[:1].isupper()
        and not any(c.dep_ == "det" for c in token.children)
        and agent(token.lemma_.lower()) is None
        and agent(token.lower_) is None
        and token.lemma_.lower() not in _PERSON_HEADS
    )


def _title(span: Span, inside: list[bool]) -> bool:
    """Quoted words that are a title in the writer's sentence ("heard a recording of “My
    Sweet Lord,”"): a noun phrase of at most six words, each capitalised, with no verb,
    hanging from a word outside the quotation marks."""
    words = [t for t in span if t.is_alpha]
    root = span.root
    return (
        0 < len(words) <= 6
        and all(t.text[:1].isupper() for t in words)
        and not any(t.pos_ in {"VERB", "AUX"} for t in span)
        and root.head.i != root.i
        and not inside[root.head.i]
        and root.dep_ in {"pobj", "dobj", "appos", "attr", "nsubj", "compound"}
    )


def _unrecognised_body(token: Token) -> bool:
    """ "The Federal Open Market Committee": a capitalised name of several words after "the",
    the whole phrase proper nouns, that the model did not tag."""
    words = [t for t in token.subtree if t.dep_ != "det"]
    return (
        token.pos_ == "PROPN"
        and len(words) > 1
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
        and all(t.dep_ in {"compound", "det"} for t in token.children)
    )


def _definite(token: Token) -> bool:
    """A bare definite singular noun phrase: "the ministry", not "the ministry's lawyer", "a
    court" or "the companies"."""
    return (
        token.tag_ == "NN"
        and token.text.islower()
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in {"compound", "amod", "poss", "prep"} for c in token.children)
    )


def _definite_role(token: Token) -> bool:
    """ "The Pentagon spokesman", "the retired Marine Corps general": a definite singular
    person's role that a name modifies (which the organisation rule would otherwise take)."""
    return (
        token.tag_ == "NN"
        and token.lemma_.lower() in _PERSON_HEADS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and any(c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in token.children)
        and not any(c.dep_ in {"prep", "poss", "appos"} for c in token.children)
    )


def _definite_person(token: Token) -> bool:
    """ "The 56-year-old", "the Portuguese boss", "the former governor": a definite noun
    phrase whose head describes a person."""
    if token.pos_ not in {"NOUN", "ADJ", "PROPN"}:
        return False
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    head = token.lower_
    # "the 45-year-old mother of two": an age before any noun describes a person
    aged = any(c.dep_ == "amod" and c.lower_ == "old" for c in token.children)
    return definite and (head.endswith("-old") or head == "old" or aged or head in _PERSON_HEADS)


_MEDIA_WORDS = frozenset({
    "agency", "news", "newspaper", "broadcaster", "media", "outlet", "television", "radio",
    "wire", "daily", "tabloid", "channel",
})  # fmt: skip


def _news_outlets(doc: Doc, entities: ArticleEntities) -> set[str]:
    """Organisations the article presents as news media ("state-run news agency KCNA")."""
    outlets = set()
    for n, mention in enumerate(entities.mentions):
        if mention.label != "ORG":
            continue
        before = doc_span(doc, max(mention.start - 4, 0), mention.start)
        if any(t.lower_ in _MEDIA_WORDS for t in before):
            outlets.add(entities.entity_of[n])
    return outlets


def extract_quotes(doc: Doc, entities: ArticleEntities) -> list[Quote]:
    def opens_paragraph_of(start: int) -> bool:
        return text.rfind("\n", 0, start) >= start - 3

    text = doc_text(doc)
    segments = quote_segments(text)
    if not segments:
        return []
    sentence_of = sentence_index(doc)
    bounds = [(s.start - 1, s.end + 1) for s in segments]
    marks = covered(len(text) + 1, bounds)
    inside = [marks[t.idx] == 1 for t in all_tokens(doc)]
    sents = sentence_spans(doc) if doc.has_annotation("SENT_START") else [doc[:]]
    resolver = _Resolver(doc, entities, [(s.start, s.end) for s in segments])
    outlets = _news_outlets(doc, entities)
    quotes: list[Quote] = []
    own: list[bool] = []  # per quote: attributed by its own sentence(s), not taken over
    anonymous: list[bool] = []  # per quote: said by someone the text does not name
    previous: Quote | None = None
    for number, segment in enumerate(segments):
        if _misread_close(text, segments, number):
            continue
        span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        first, last = sentence_of[span.start], sentence_of[span.end - 1]
        # the attribution is in the quote's paragraph; after a quote that ends its own
        # sentence ("… them.”) only what comes before it can attribute it
        para_start = text.rfind("\n", 0, segment.start) + 1
        para_end = text.find("\n", segment.end)
        para_end = len(text) if para_end < 0 else para_end
        closed = text[segment.start : segment.end].rstrip().endswith(".")
        window = [
            t for s in sents[first : last + 1] for t in s
            if not inside[t.i] and para_start <= t.idx < para_end
            and not (closed and t.idx >= segment.end)
        ]  # fmt: skip
        fragment = text[segment.start : segment.end].lstrip()[:1].islower()
        # a partial quote set in the writer's clause ("privacy, which Apple views as 'a
        # fundamental human right'"): the subject of the verb it hangs from, when its own
        # sentence has no reporting verb; the next sentence's attribution is another's
        governed: tuple[str | None, str | None] | None = None
        if fragment and not any(_reports(t) for t in window):
            for verb in _governing_verbs(span, inside):
                subject = _subject(verb, inside)
                if subject is not None and not inside[subject.i]:
                    found_text, found_id = resolver.who(subject)
                    record = entities.records.get(found_id or "")
                    if found_id is not None and governed is None:
                        governed = found_text, found_id
                    if record is not None and record.type in {"PERSON", "ORG"}:
                        # "Israel launched raids after Sharon branded it a 'sponsor of
                        # terrorism'": a person or body in a clause the quote hangs from
                        # before the country of the main clause
                        governed = found_text, found_id
                        break
        if (
            governed is None
            and not closed
            and last + 1 < len(sents)
            and not any(_reports(t) for t in window)
        ):
            # “Don’t mind me!” he told them.: the attribution is the next sentence
            window += [t for t in sents[last + 1] if not inside[t.i] and t.idx < para_end]
        if (
            governed is None
            and first > 0
            and sents[first].start >= span.start - 1
            and not any(_reports(t) for t in window)
        ):
            # … the rules, he said. “But does that mean …?”: a quote that opens a sentence
            # with no attribution of its own is attributed by the sentence before it in its
            # paragraph
            window = [
                t for t in sents[first - 1] if not inside[t.i] and t.idx >= para_start
            ] + window
        # a reporting verb in a relative clause of the sentence before ("Mr Kissinger, who
        # has denied …, appeared concerned. “…”") attributes nothing after that sentence
        verbs = [
            t for t in window
            if _reports(t) and not (t.dep_ == "relcl" and t.i < sents[first].start)
        ]  # fmt: skip
        speaker_text = speaker_id = verb_text = None
        for verb in sorted(verbs, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end))):
            subject = _subject(verb, inside)
            if subject is not None and subject.idx < para_start:
                # a parse that glued a subheading to the paragraph: "Near-term consolidation
                # likely / … investor George Soros had said": the name before the verb
                subject = next(
                    (all_tokens(doc)[m.start] for m in reversed(entities.mentions)
                     if para_start <= m.start_char < verb.idx and m.label in {"PERSON", "ORG"}),
                    None,
                )  # fmt: skip
            if subject is None:
                continue
            verb_text = verb.lemma_.lower()
            speaker_text, speaker_id = resolver.who(subject)
            for other in verb.children:
                # "the news agency Afghan Islamic Press said": a name the parser made a
                # second subject beside the description it stands in apposition to
                if speaker_id is not None:
                    break
                if other.dep_ == "nsubj" and other.i != subject.i and not inside[other.i]:
                    other_text, other_id = resolver.who(other)
                    if other_id is not None:
                        speaker_text, speaker_id = other_text, other_id
            if subject.lower_ in {"he", "she"} and _last_speaker_is_nearer(
                entities, doc, subject, previous, resolver.skip
            ):
                # “…,” Figgins said. … the rules, he said.: the person quoted since the name
                # the pronoun would otherwise take ("Thomas", named before that quote)
                assert previous is not None
                speaker_text, speaker_id = previous.speaker_text, previous.speaker_entity_id
            if subject.lower_ in {"he", "she"} and sents[first].start >= span.start - 1:
                # Policy was spelt out by spokesman Raanan Gissin. “…,” he said.: the person
                # the sentence before introduces as the source of its words
                introduced = _introducer(sents[first - 1] if first else None, inside, resolver)
                if introduced is not None and (
                    previous is None or introduced[2] >= previous.end_char
                ):
                    speaker_text, speaker_id = introduced[:2]
            if (
                subject.lower_ in {"he", "she"}
                and previous is not None
                and anonymous[-1]
                and "\n" not in text[previous.end_char : subject.idx]
                and not any(
                    m.label == "PERSON" and previous.end_char <= m.start_char < subject.idx
                    for m in entities.mentions
                )
            ):
                # “…,” a staff member told AFP. “…,” he said.: the unnamed speaker just
                # quoted, with no one named since, is no one the text names
                speaker_text = speaker_id = None
                break
            if speaker_id is not None:
                break
        if speaker_id is None and governed is not None:
            speaker_text, speaker_id = governed
        author = _speech_author(span, inside) if fragment else None
        if author is not None:
            # "Mr Sharon's accusation that Mr Arafat was 'responsible for …'": the words are
            # the author's of the speech noun they are part of, whoever reports them
            found_text, found_id = resolver.who(author)
            if found_id is not None:
                speaker_text, speaker_id = found_text, found_id
        if speaker_id is None and not verbs and fragment:
            # a partial quote set in the writer's sentence: "Benioff introduced Cook as
            # 'someone who …'", "Apple views privacy as 'a fundamental human right'"
            root = sents[first].root if first < len(sents) else None
            inside_sentence = root is not None and not inside[root.i]
            subject = _subject(root, inside) if inside_sentence and root is not None else None
            if subject is not None:
                found_text, found_id = resolver.who(subject)
                if found_id is not None:
                    speaker_text, speaker_id = found_text, found_id
        outlet_text = outlet_id = None
        for token in window:
            target = None
            if token.lower_ == "according":
                target = _prep_object(token, "to")
            elif token.lemma_ == "report" and token.pos_ == "VERB":
                target = _subject(token, inside)
            elif token.lemma_ == "tell" and token.pos_ == "VERB":
                target = next((c for c in token.children if c.dep_ in {"dobj", "dative"}), None)
            elif token.lemma_ == "quote" and token.pos_ == "VERB":
                # "was quoted by Tass as saying", "Tass quoted him as saying"
                agent = _child_of(token, "agent")
                target = _child_of(agent, "pobj") if agent is not None else None
                target = target or _child_of(token, "nsubj")
            if target is None:
                continue
            name, eid = resolver.who(target)
            record = entities.records.get(eid or "")
            if (
                token.lemma_ == "quote"
                and record is not None
                and not (eid in outlets or is_media(record.name))
            ):
                continue  # "the Kremlin quoted Putin as saying": no outlet
            if (
                token.lower_ == "according"
                and record is not None
                and record.type == "PERSON"
                and speaker_id is None
                and speaker_text is None
            ):
                speaker_text, speaker_id = name, eid  # "According to Peskov, “…”"
                continue
            if record is not None and record.type == "ORG":
                media = eid in outlets or is_media(record.name)
                if (
                    speaker_id is None
                    and speaker_text is None
                    and not (media and token.lemma_ != "report")
                ):
                    speaker_text, speaker_id = name, eid
                elif eid != speaker_id:
                    # "told AFP", "according to Tass": the words came through an outlet
                    outlet_text, outlet_id = name, eid
        if outlet_id is None and speaker_id in outlets:  # "…,” KCNA said: the outlet speaks
            outlet_text, outlet_id = speaker_text, speaker_id
        opens_paragraph = text.rfind("\n", 0, segment.start) >= segment.start - 3
        same_paragraph = (
            previous is not None and "\n" not in text[previous.end_char : segment.start]
        )
        # a quote with its own attribution to no one ("…," a senior official said) is
        # no continuation of the previous speaker
        own_attribution = any(_subject(verb, inside) is not None for verb in verbs)
        own.append(own_attribution or speaker_text is not None)
        named = [found for found in map(_subject, verbs) if found is not None]
        anonymous.append(speaker_text is None and bool(named) and named[0].pos_ != "PRON")
        if speaker_text is None and not own_attribution and opens_paragraph_of(segment.start):
            # "In a speech, Kim said:" closing the paragraph before: the quote is Kim's
            before = text[: segment.start].rstrip().rstrip(_OPEN).rstrip()
            if before.endswith(":"):
                colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
                if colon is not None:
                    for verb in reversed(list(sents[sentence_of[colon.start]])):
                        if _reports(verb):
                            subject = _subject(verb, inside)
                            if subject is not None:
                                speaker_text, speaker_id = resolver.who(subject)
                                verb_text = verb.lemma_.lower()
                            break
        subjects = [found for found in map(_subject, verbs) if found is not None]
        if (
            speaker_id is None
            and subjects
            and subjects[0].lower_ in {"he", "she"}
            and previous is not None
            and previous.speaker_entity_id is not None
            and entities.records.get(previous.speaker_entity_id) is not None
            and entities.records[previous.speaker_entity_id].type == "PERSON"
            and text.count("\n", previous.end_char, segment.start) <= 4
        ):
            # "…,” he said later, with no name near: the person quoted just before
            speaker_text, speaker_id = previous.speaker_text, previous.speaker_entity_id
        # a quote left open at the end of its paragraph and taken up by the next quote that
        # opens a paragraph is one quote over several paragraphs (the newswire convention),
        # however many lines (a heading, an embedded post) come between
        lead = None
        if (
            speaker_text is None
            and not verbs
            and not fragment
            and first > 0
            and sents[first].start >= span.start - 1
            and sents[first - 1].start_char >= para_start
        ):
            # Bridenstine expects three rockets by 2024. “Adding another SLS …”: a quote
            # sentence with no attribution after a sentence whose subject is a person
            root = sents[first - 1].root
            subject = None if inside[root.i] else _subject(root, inside)
            if subject is not None and not inside[subject.i]:
                found_text, found_id = resolver.who(subject)
                record = entities.records.get(found_id or "")
                if record is not None and record.type == "PERSON":
                    lead = found_text, found_id, subject.idx
        if lead is not None and (previous is None or lead[2] >= previous.end_char):
            # that person, named since the previous quote, is who speaks now, not the
            # previous quote's speaker continued
            speaker_text, speaker_id = lead[:2]
        continued = (
            previous is not None
            and opens_paragraph
            and text[previous.end_char : previous.end_char + 1] in {"\n", ""}
        )
        if (
            speaker_text is None
            and not own_attribution
            and previous is not None
            and (opens_paragraph or same_paragraph)
            and previous.speaker_text is not None
            and (continued or text.count("\n", previous.end_char, segment.start) <= 3)
        ):
            speaker_text, speaker_id = previous.speaker_text, previous.speaker_entity_id
            verb_text, outlet_text, outlet_id = (
                previous.verb,
                previous.outlet_text,
                previous.outlet_entity_id,
            )
        if speaker_text is None and lead is not None:
            speaker_text, speaker_id = lead[:2]
        if speaker_text is None and not verbs:
            speaker_text, speaker_id = _introduced_by(
                doc, text, segment.start, span, sents[first], inside, resolver
            )
        root = span.root
        if (
            root.dep_ in {"nmod", "compound", "amod"}
            and not inside[root.head.i]
            and root.head.pos_ == "NOUN"
            and root.head.i == span.end + 1
        ):
            # the CBS “Face the Nation” program: the words name the noun after them, a title
            # no one speaks
            speaker_text = speaker_id = verb_text = None
        if _title(span, inside):
            # a recording of “My Sweet Lord,”: a title set in the writer's sentence
            speaker_text = speaker_id = verb_text = None
        quote = Quote(
            quote_index=len(quotes),
            sentence_index=first,
            start_char=segment.start,
            end_char=segment.end,
            text=text[segment.start : segment.end].strip().rstrip(",;:").strip(),
            speaker_text=speaker_text,
            speaker_entity_id=speaker_id,
            verb=verb_text,
            outlet_text=outlet_text,
            outlet_entity_id=outlet_id,
        )
        quotes.append(quote)
        previous = quote
    return _adjacent_speakers(text, quotes, own)


def _misread_close(text: str, segments: list[Segment], number: int) -> bool:
    """A segment that a straight mark opened by closing the one before (`_quotes_text`: "…
    too early this season. "Seles, slow into her stride, …") and that runs to its paragraph's
    end with no closing mark: the mark only closed the quote before, the words after it are
    the writer's."""
    segment = segments[number]
    if number == 0 or segments[number - 1].end != segment.start - 1:
        return False
    end = text.find("\n", segment.end)
    return segment.end == (len(text) if end < 0 else end) and text[segment.start - 1] == '"'


def _introducer(
    sentence: Span | None, inside: list[bool], resolver: _Resolver
) -> tuple[str, str, int] | None:
    """(text, entity id, offset) of the last person a sentence gives as the source of what
    it reports, outside quotes: the subject of a reporting verb ("Gambill said the win …"),
    the agent of a passive ("was spelt out by spokesman Raanan Gissin") or the object of
    "according to" ("…, according to Defense Secretary Donald Rumsfeld")."""
    if sentence is None:
        return None
    found = None
    for token in sentence:
        if inside[token.i]:
            continue
        target = None
        if token.lower_ == "according":
            target = _prep_object(token, "to")
        elif token.dep_ == "agent" and token.head.pos_ == "VERB":
            target = _child_of(token, "pobj")
        elif _reports(token) and token.dep_ in {"ROOT", "conj"}:
            target = _subject(token, inside)
        if target is None or inside[target.i] or target.pos_ not in {"PROPN", "NOUN"}:
            continue
        text, entity_id = resolver.who(target)
        record = resolver.entities.records.get(entity_id or "")
        if text is not None and entity_id is not None and record and record.type == "PERSON":
            found = text, entity_id, target.idx
    return found


def _introduced_by(
    doc: Doc,
    text: str,
    start: int,
    span: Span,
    sentence: Span,
    inside: list[bool],
    resolver: _Resolver,
) -> tuple[str | None, str | None]:
    """The speaker of a quote with no verb of its own, introduced by what comes before it:

    - a verbless lead-in ending in a colon, in the quote's sentence, whose head is a name or
      someone's statement ("Governor Kathy Hochul, in a statement: “…”", "Cook's reply:");
    - the last sentence of the paragraph before, when the quote fills its own paragraph and
      that sentence reports a person's words ("Klobuchar said the plan would fail. / “It is
      a disaster …”", the newswire convention)."""
    colon = start
    while colon > 0 and text[colon - 1] in _OPEN:
        colon -= 1
    while colon > 0 and text[colon - 1].isspace():
        colon -= 1
    colon -= 1  # the last character before the opening mark
    if colon >= sentence.start_char and text[colon] == ":":
        lead = [t for t in sentence if t.idx < colon and not inside[t.i]]
        if lead and not any(t.pos_ in {"VERB", "AUX"} for t in lead):
            for token in lead:
                head_outside = token.head.i == token.i or not (
                    sentence.start <= token.head.i and token.head.idx < colon
                )
                named = token.pos_ == "PROPN" or token.lemma_.lower() in STATEMENT_NOUNS
                if named and head_outside:
                    found_text, found_id = resolver.who(token)
                    record = resolver.entities.records.get(found_id or "")
                    if record is not None and record.type in {"PERSON", "ORG"}:
                        return found_text, found_id
        return None, None
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", start)
    para_end = len(text) if para_end < 0 else para_end
    if text[para_start:start].strip(_OPEN + " ") or sentence.start == 0:
        return None, None
    for token in doc[span.start :]:
        if token.idx >= para_end:
            break
        if not (inside[token.i] or token.is_punct or token.is_space):
            return None, None  # the paragraph has words of its own beside the quote
    previous = all_tokens(doc)[sentence.start - 1].sent
    if text.count("\n", previous.end_char, start) > 2 or previous.start_char >= para_start:
        return None, None
    for verb in previous:
        if _reports(verb) and not inside[verb.i] and verb.dep_ in {"ROOT", "conj"}:
            subject = _subject(verb, inside)
            if subject is None or inside[subject.i]:
                continue
            found_text, found_id = resolver.who(subject)
            record = resolver.entities.records.get(found_id or "")
            if record is not None and record.type == "PERSON":
                return found_text, found_id
    return None, None


def _adjacent_speakers(text: str, quotes: list[Quote], own: list[bool]) -> list[Quote]:
    """A quote with no attribution of its own that runs straight into the next quote (“I
    cannot disagree with it.” “But with eight launches, …,” he concluded.) is the words of
    that quote's speaker: two passages with nothing between them but space are one speech,
    whoever spoke before them (`own`: the quotes attributed by their own sentences)."""
    result = list(quotes)
    for n in range(len(result) - 2, -1, -1):
        quote, after = result[n], result[n + 1]
        if own[n] or after.speaker_entity_id is None:
            continue
        between = text[quote.end_char : after.start_char]
        if between.strip(_OPEN + _CLOSE + " ") or "\n" in between:
            continue
        result[n] = replace(
            quote,
            speaker_text=after.speaker_text,
            speaker_entity_id=after.speaker_entity_id,
            verb=after.verb,
            outlet_text=after.outlet_text,
            outlet_entity_id=after.outlet_entity_id,
        )
    return result
