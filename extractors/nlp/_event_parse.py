"""Parse helpers for event extraction: the `_Arg` record of one side of an event and the
stateless tests on tokens (governors, passives, questions, toll counts, spoken acts).

Separate from `_Extractor` because none of them needs the article's entities: they read
only the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ._countries import demonym, place
from ._dictionaries import actor, agent
from ._dictionaries import place_country as gazetteer_country
from ._entity_normalize import CleanMention
from ._event_words import (
    _ARMED_AGENTS,
    _EMERGENCIES,
    _MEASURES_OF,
    _MEETING_MODES,
    _MODALS_FUTURE,
    _MODIFIER_DEPS,
    _PARTY_DEPS,
    _PARTY_PREPOSITIONS,
    _READY,
    _REPORTED,
    _SAYING,
    _SPEECH_ACTS,
    _STRIKES,
    _TO_A_PARTY,
    _TOLL,
    _WEAPON_NOUNS,
    CIVILIANS,
    is_actor_noun,
)
from ._plover_lexicon import Trigger, lookup
from ._tokens import children as child_tokens


def _counted(token: Token) -> Token:
    """The thing a quantity or a kind counts ("$10 million of aid": aid; "thousands of tons
    of food": food), else the token itself."""
    for _ in range(3):
        counted = _prep_object(token, "of")
        if counted is None or not (
            token.like_num or token.tag_ in {"CD", "$"} or token.lemma_.lower() in _MEASURES_OF
        ):
            break
        token = counted
    return token


@dataclass
class _Arg:
    text: str | None
    entity_id: str | None
    country: str | None
    actor_like: bool = False  # an entity, or a noun that names an actor
    token: Token | None = None  # the head of the phrase it was read from
    implicit: bool = False  # not in the text: the authorities of the place, say
    members: list[_Arg] = field(default_factory=list)  # "both countries": the two of them
    retold: bool = False  # the sides of an earlier event told again (`earlier_event`)


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in child_tokens(token) if c.dep_ in deps), None)


def _first_conjunct(verb: Token) -> Token:
    """The first of coordinated verbs, whose place in the clause the others share ("threatened
    to assault and murder him": assault)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ == "VERB":
        verb = verb.head
    return verb


def _prep_object(token: Token, preposition: str) -> Token | None:
    for child in child_tokens(token):
        if child.dep_ in {"prep", "dative", "agent"} and child.lower_ == preposition:
            found = _child(child, "pobj", "pcomp")
            if found is not None:
                return found
    return None


def _governor(token: Token) -> Token:
    """The verb that governs a noun: its head, or the head of its preposition, through an
    adjective ("pleaded guilty to charges": pleaded)."""
    governor = token.head.head if token.dep_ == "pobj" else token.head
    if governor.pos_ == "ADJ" and governor.dep_ in {"acomp", "oprd"}:
        governor = governor.head
    return governor


def _emergency_rule(token: Token) -> bool:
    """Whether a noun heads the name of emergency rule: "state of emergency", "state of
    siege" (the siege of a state of siege is no attack), "martial law"."""
    lemma = token.lemma_.lower()
    if lemma == "state":
        named = _prep_object(token, "of")
        return named is not None and named.lemma_.lower() in _EMERGENCIES
    return lemma == "law" and any(
        c.dep_ in {"amod", "compound"} and c.lower_ == "martial" for c in child_tokens(token)
    )


def _names_a_nation(mention: CleanMention) -> bool:
    """A nationality ("Russian") or a country's own name ("Russia"), not a town or state."""
    if mention.label == "NORP":
        return True
    found = place(mention.text)
    return found is not None and found.kind == "country"


def _names_a_blow(span: Span) -> bool:
    """Whether a name modifies a weapon or a blow ("US airstrikes", "Israeli shelling",
    "the Russian bombing"): it names who struck, not where."""
    root = span.root
    if root.dep_ not in _MODIFIER_DEPS:
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "US bombing raids"
    if head.lemma_.lower() in _WEAPON_NOUNS:
        return True
    entry = lookup(head.lemma_, head.pos_) or lookup(head.lower_, head.pos_)
    return entry is not None and entry.pos == "N" and entry.type == "ASSAULT"


def _is_town(name: str) -> bool:
    """A name the gazetteer knows as a town of the country it names ("Gaza", "Kabul",
    "Kharkiv"), not a state's own name ("US", "Israel"; "Lebanon" is also a town in the United
    States, not in Lebanon)."""
    town = gazetteer_country(name)
    known = place(name)
    return town is not None and (known is None or known.iso3 == town)


def _town_struck(token: Token) -> bool:
    """Whether a town's name compounded before a strike names where it fell ("the Gaza
    strikes", "the Kabul bombing"), not who struck ("US strikes"); before a weapon it is
    where the weapon came from ("Gaza rockets"), which this leaves alone."""
    head = token.head
    if token.dep_ != "compound" or head.i <= token.i or token.pos_ != "PROPN":
        return False
    lemma = head.lemma_.lower()
    entry = lookup(head.lemma_, head.pos_) or lookup(head.lower_, head.pos_)
    struck = lemma in _STRIKES or (
        entry is not None and entry.pos == "N" and entry.type == "ASSAULT"
    )
    name = " ".join(t.text for t in token.subtree if t.i <= token.i)
    return struck and lemma not in _WEAPON_NOUNS - _STRIKES and _is_town(name)


def _names_an_event(token: Token | None) -> bool:
    """Whether a noun is a trigger of the lexicon or a blow ("invasion", "arrest", "strikes")."""
    return (
        token is not None
        and token.pos_ == "NOUN"
        and (
            token.lemma_.lower() in _WEAPON_NOUNS
            or (lookup(token.lemma_, token.pos_) or lookup(token.lower_, token.pos_)) is not None
        )
    )


def _participles(token: Token) -> list[Token]:
    """Passive participles after a noun ("the sanctions imposed by Washington on Caracas",
    "aid promised by Japan to Turkey")."""
    return [c for c in child_tokens(token) if c.dep_ == "acl" and c.tag_ == "VBN"]


def _for_clause_subject(verb: Token) -> Token | None:
    """The subject of a for-infinitive clause of a verb ("called for Israel to withdraw":
    Israel), which the parser makes a clause marked "for", not a preposition's object."""
    for clause in child_tokens(verb):
        if clause.dep_ in {"advcl", "ccomp", "xcomp"} and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in child_tokens(clause)
        ):
            return _child(clause, "nsubj")
    return None


def _party(token: Token) -> bool:
    """Whether a mention's head is a party to its clause (its subject or object: "Russia is
    unlikely to agree"; the object of by/from/against/with: "criticism from Britain") or
    names one ("the Ohio senator asked"), not where people are."""
    if token.dep_ in _MODIFIER_DEPS:
        token = token.head
    return token.dep_ in _PARTY_DEPS or (
        token.dep_ == "pobj" and token.head.lower_ in _PARTY_PREPOSITIONS
    )


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in child_tokens(token))


def _negative_subject(subject: Token | None) -> bool:
    """A subject that denies its verb: "neither X nor Y", "no country", "nobody"."""
    if subject is None:
        return False
    if subject.lower_ in {"nobody", "none", "neither", "nothing"} or (
        subject.lower_ == "one" and any(c.lower_ == "no" for c in child_tokens(subject))
    ):
        return True
    return any(
        (c.dep_ == "preconj" and c.lower_ == "neither")
        or (c.dep_ == "det" and c.lower_ in {"no", "neither"})
        for c in child_tokens(subject)
    )


def _asks_a_question(verb: Token) -> bool:
    """A question, not a request: "asked them about the effect", "asked whether talks would
    resume"; one that also asks for something or someone to act ("asked for help", "asked
    him to leave") is a request."""
    children = list(child_tokens(verb))
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in children):
        return True
    for clause in children:
        if clause.dep_ not in {"ccomp", "parataxis"}:
            continue
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in child_tokens(clause)):
            return True
        # the clause's first word, past an opening quotation mark ("“What is the
        # contingency …,” he asked": a quoted question)
        words = [t for t in clause.subtree if not (t.is_punct or t.is_space)]
        first = words[0] if words else clause
        if first.tag_ in {"WRB", "WP", "WDT"} and first.i < clause.i:
            return True  # "asked what the plan was", "asked how many had died"
    # "“Will Germany send troops?” the minister asked": a quoted question ending right
    # before the clause of the verb (the parser often makes the quote a sentence of its own)
    before = verb.left_edge.i - 1
    closing = False
    while before >= 0 and (verb.doc[before].is_quote or verb.doc[before].is_space):
        closing = closing or verb.doc[before].is_quote
        before -= 1
    return closing and before >= 0 and verb.doc[before].text == "?"


def _no_counterpart(entry: Trigger, recipient: _Arg) -> bool:
    """An act that needs a second party with none named: a meeting or call noun ("at a
    regional summit", "an urgent meeting headed by Arafat") is the setting of something
    else, and support or cooperation given to a thing ("endorsed the measures", "defended
    the campaign", "cooperating to share the burden") is no act between two parties."""
    if recipient.entity_id is not None or recipient.country:
        return False
    if recipient.text and recipient.actor_like:
        return False  # "a meeting with fellow exporters": a party, if not placed
    if entry.type == "CONSULT":
        return entry.pos == "N" and entry.mode in _MEETING_MODES
    # "lost Kremlin support": whom it backed may lie outside the phrase; a thing may not
    return entry.type in _TO_A_PARTY and bool(recipient.text)


def _same_toll(token: Token) -> bool:
    """Whether a verb of harm is the second count of a toll joined to another: "killed eight
    civilians and wounded 18" (a conjunct), or "20 were killed and 40 injured" (a participle
    that shares the first verb's auxiliary, however the parse hangs it). The victims of one
    attack, told as one event, not two."""
    if token.lemma_.lower() not in _TOLL:
        return False
    if token.dep_ == "conj" and token.head.i != token.i:
        return token.head.lemma_.lower() in _TOLL
    if token.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass"} for c in child_tokens(token)):
        return False
    # an elided auxiliary: the nearest verb before it, past an "and", is the first count
    joined = False
    for word in reversed(token.doc[token.sent.start : token.i]):
        if word.dep_ == "cc" and word.lower_ == "and":
            joined = True
        elif word.pos_ == "VERB":
            return joined and word.lemma_.lower() in _TOLL
    return False


def _reciprocal(subject: Token | None) -> bool:
    """Two parties in the subject, who agree or promise with each other."""
    return subject is not None and _child(subject, "conj") is not None


def _armed(token: Token) -> bool:
    """Whether a noun names armed men: soldiers, rebels, militants (the field's agent
    codes), or a group the actor dictionary files as rebels, insurgents or militants."""
    if agent(token.lemma_.lower()) in _ARMED_AGENTS:
        return True
    for word in (
        token,
        *(c for c in child_tokens(token) if c.dep_ in {"nmod", "compound", "conj"}),
    ):
        name = " ".join(
            t.text
            for t in word.subtree
            if t.i == word.i or (t.dep_ in {"compound", "flat"} and t.head.i == word.i)
        )
        listed = actor(name)
        if listed is not None and listed.sector in _ARMED_AGENTS:
            return True  # "the Taliban", "Taliban networks"
    return False


def _ready_for(token: Token) -> bool:
    """Whether a word stands in the clause of a readiness ("ready to meet", "willing to
    hold talks"), not negated ("not prepared to negotiate" is a refusal)."""
    clause = token.head if token.dep_ == "dobj" else token
    if clause.dep_ != "xcomp" or clause.head.i == clause.i:
        return False
    ready = clause.head
    return ready.lemma_.lower() in _READY and not any(c.dep_ == "neg" for c in child_tokens(ready))


def _yes_no_question(token: Token) -> bool:
    """Whether the token's clause is a yes/no question: it ends with "?" and its auxiliary
    comes before its subject, with no wh-word ("Did Russia attack Ukraine?"). A wh-question
    ("Why have fans boycotted the event?") takes its event for granted and is kept."""
    clause = token
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head  # "Would he agree to meet …?"
    if clause.dep_ != "ROOT":
        return False
    ending = [t for t in clause.sent if not (t.is_space or t.text in {'"', "”", "’", "'", ")"})]
    if not ending or ending[-1].text != "?":
        return False
    if any(t.tag_ in {"WRB", "WP", "WDT", "WP$"} and t.i < clause.i for t in clause.sent):
        return False
    subject = next((c for c in child_tokens(clause) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    auxiliary = next((c for c in child_tokens(clause) if c.dep_ in {"aux", "auxpass"}), None)
    if clause.pos_ == "AUX" and subject is not None:
        return clause.i < subject.i  # "Is Russia at war?"
    return subject is not None and auxiliary is not None and auxiliary.i < subject.i


def _someone(arg: _Arg) -> bool:
    """The argument names someone: an entity, an actor noun, a person or a pronoun."""
    if arg.actor_like or arg.entity_id is not None:
        return True
    token = arg.token
    if token is None:
        return False
    return (
        token.pos_ in {"PRON", "PROPN"}
        or token.lemma_.lower() in CIVILIANS
        or agent(token.lemma_.lower()) is not None
    )


def _own_demonym(token: Token) -> str | None:
    """The country of a nationality modifying the noun ("Somali pirates"), tagged or not."""
    for child in child_tokens(token):
        if child.dep_ in {"amod", "compound"} and child.i < token.i:
            found = demonym(child.text)
            if found is not None:
                return found.iso3
    return None


def _promised_act(verb: Token) -> Token | None:
    """The act a that-clause promises ("pledged that he was determined to cooperate with
    X": cooperate; "vowed that Iran would retaliate": retaliate)."""
    clause = _child(verb, "ccomp")
    if clause is None:
        return None
    complement = _child(clause, "acomp")
    if complement is not None and _child(complement, "xcomp") is not None:
        clause = _child(complement, "xcomp")  # "was determined to", "is ready to"
    return clause if clause is not None and clause.pos_ == "VERB" else None


def _speaks(verb: Token) -> bool:
    """A verb of saying, or a trigger of a speech act ("accused", "urged")."""
    lemma = verb.lemma_.lower()
    entry = lookup(verb.lemma_, "VERB")
    return (
        lemma in _SAYING or lemma in _REPORTED or (entry is not None and entry.type in _SPEECH_ACTS)
    )


def _spoken_act(verb: Token) -> Token:
    """The act of speaking a call or meeting phrase frames: the verb it hangs on, or, when
    that verb is part of what is said, the verb that says it ("Chirac said Arafat remains a
    partner, in calls with Sharon": said; "accused Arafat of doing nothing, in a call with
    Chirac": accused). People talk in calls and meetings; what they say happens elsewhere."""
    found = verb
    while not _speaks(found):
        head = found.head
        if found.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        elif found.dep_ not in {"ccomp", "xcomp"}:
            return verb
        if head.i == found.i or head.pos_ not in {"VERB", "AUX"}:
            return verb
        found = head
    return found


def _on_condition(token: Token) -> bool:
    """Whether the trigger's clause is the consequence of a condition: its verb (the trigger,
    or the verb that governs a noun trigger) has "will" / "would" and an "if" or "unless"
    clause, and the trigger is not inside that clause nor in hindsight ("would have")."""
    verb = token
    while verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in child_tokens(verb)):
        return False  # the condition itself ("if Ukraine attacks Crimea")
    if any(c.dep_ == "aux" and c.lower_ in {"have", "'ve"} for c in child_tokens(verb)):
        return False  # "would have bombed Iran if …": what did not happen
    modal = any(
        c.dep_ == "aux" and c.lower_ in _MODALS_FUTURE | {"would", "'d"} for c in child_tokens(verb)
    )
    condition = any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in child_tokens(c))
        for c in child_tokens(verb)
    )
    return modal and condition


def _states_content(verb: Token) -> bool:
    """Whether a modal clause states what a noun holds ("the agreement was that the Taliban
    should surrender", "a plan that Canberra must approve"): the terms of a plan, deal or
    law, reported as such, not someone's demand of the clause's subject."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "… should surrender … and we should guarantee"
    head = clause.head
    if clause.dep_ in {"ccomp", "attr"} and head.lemma_.lower() == "be":
        subject = _child(head, "nsubj")
        return subject is not None and subject.pos_ == "NOUN" and not is_actor_noun(subject)
    return clause.dep_ == "acl" and head.pos_ == "NOUN" and not is_actor_noun(head)
