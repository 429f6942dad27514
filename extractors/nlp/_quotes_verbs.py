"""Reporting verbs and speech nouns, and the grammar that finds who says a quote: the
subject of a reporting verb (or a passive's agent), the verbs that govern a span, the author
of a speech noun.

Separate from `_quotes` because the speaker resolver (`_quotes_speakers`) and the entity
layer read the same verb lists and tests; `_quotes` re-exports `REPORTING_VERBS`."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ._tokens import children as child_tokens

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


def _subject(verb: Token, inside: list[bool] | None = None) -> Token | None:
    """The verb's subject; with `inside`, one outside quotation marks (the parser may make a
    noun of the quote a second subject: "“The mission … launch,” Stafford responded"). A
    reporting verb in the passive speaks for its agent ("was hailed by the envoy as “…”")."""
    agent = _child_of(verb, "agent")
    if agent is not None and _reports(verb):
        found = _child_of(agent, "pobj")
        if found is not None and not (inside and inside[found.i]):
            return found
    for child in child_tokens(verb):
        if child.dep_ in {"nsubj", "nsubjpass"} and not (inside and inside[child.i]):
            return child
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        return _subject(verb.head, inside)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        # "Putin was quoted as saying", "Tass quoted Putin as saying": who is quoted
        quoted = verb.head.head
        return next(
            (c for c in child_tokens(quoted)
             if c.dep_ in {"nsubjpass", "dobj"} and not (inside and inside[c.i])),
            None,
        )  # fmt: skip
    if verb.dep_ == "acl" and _reports(verb):
        head = verb.head
        if head.lemma_.lower() in STATEMENT_NOUNS:
            # "issued a statement saying", "in a post saying": the statement's author, named
            # in it ("a statement from the ministry") or the subject of the clause it is in
            if any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in _BY)
                for c in child_tokens(head)
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
            and not any(c.dep_ == "agent" for c in child_tokens(verb))
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
            for child in child_tokens(token):
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
        children = {(c.dep_, c.lower_) for c in child_tokens(token)}
        return ("dobj", "it") in children and ("mark", "as") in children
    if lemma == "read":  # "The statement read: “…”"
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in STATEMENT_NOUNS for c in child_tokens(token)
        )
    return lemma in REPORTING_VERBS


def _prep_object(token: Token, preposition: str) -> Token | None:
    for child in child_tokens(token):
        if child.dep_ == "prep" and child.lower_ == preposition:
            for grandchild in child_tokens(child):
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


_BY = frozenset({"by", "from", "of"})


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


def _child_of(token: Token, dep: str) -> Token | None:
    return next((c for c in child_tokens(token) if c.dep_ == dep), None)
