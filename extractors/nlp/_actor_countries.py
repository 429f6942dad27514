"""The country of a person or organisation from the words around its name: a nationality
or party before it, an apposition or role phrase, the state body it works for, a team's
town, a possessor; and which organisations are outlets, events or portfolios.

Separate from the places' countries (`_place_countries`): these read a mention's context.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ._countries import (
    demonym,
    place,
)
from ._dictionaries import actor, agent
from ._entity_countries import (
    OFFICE_TITLES,
    STATE_BODY_WORDS,
    STATE_SECTORS,
    internal_country,
    is_company,
    is_media,
)
from ._mention_labels import EVENT_WORDS
from ._mention_text import CleanMention
from ._place_usage import _PLACE_LABELS
from ._tokens import children as child_tokens
from ._tokens import span as doc_span
from ._tokens import sports_report
from ._tokens import tokens as all_tokens

ROLE_WORDS = frozenset({
    "leader", "president", "minister", "prime", "foreign", "defense", "defence", "agency",
    "state", "news", "media", "official", "officials", "spokesman", "spokeswoman",
    "spokesperson", "analyst", "lawmaker", "envoy", "ambassador", "forces", "troops",
    "military", "army", "government", "supreme", "deputy", "senior", "top", "former", "run",
    "owned", "state-run", "state-owned", "-", "chief", "general", "counterpart", "dictator",
    "opposition", "activist", "diplomat", "negotiator", "commander", "attorney", "governor",
    "senator", "rep.", "gov.", "sen.", "secretary", "chancellor", "host", "reporter",
})  # fmt: skip
# Party words that place a politician in a country ("Republican Gov. Eric Holcomb").
PARTY_COUNTRY = {
    "Republican": "USA", "Democrat": "USA", "Democratic": "USA", "GOP": "USA",
    "Tory": "GBR", "Conservative": None, "Labour": "GBR",
}  # fmt: skip


def _event(doc: Doc, mention: CleanMention) -> bool:
    """An event the model tagged as an organisation: its name ends in an event word, has
    "Prix" in it, or runs on in capitals into one ("Fair Hill International Three-Day
    Event"). An event has no home country (tests/gold/README.md: out of scope)."""
    words = [w.casefold().strip(".,'’") for w in mention.text.split()]
    if len(words) > 1 and (words[-1] in EVENT_WORDS or "prix" in words):
        return True
    for token in doc_span(doc, mention.end, mention.end + 4):
        if token.lower_ in EVENT_WORDS and token.is_title:
            return True
        if not (token.is_title or token.text == "-" or token.like_num):
            break
    return False


def _nation_in_name(text: str) -> str | None:
    """The state an organisation's name names by a nationality or a country ("the
    Australian Government", "Australian Manufacturing Workers Union", "Bank of Japan");
    not by a town, which is too often a surname ("Howard Government")."""
    for word in text.split():
        found = demonym(word) if word[:1].isupper() else None
        if found:
            return found.iso3
    if " of " in text:
        found = place(text.rsplit(" of ", 1)[1].removeprefix("the "))
        if found and found.kind == "country":
            return found.iso3
    return None


# Nouns that name a news organisation set before its name ("the journal BMJ").
_MEDIA_NOUNS = frozenset({
    "journal", "newspaper", "paper", "magazine", "outlet", "website", "site", "broadcaster",
    "network", "podcast", "blog", "tabloid", "daily", "weekly", "publication",
})  # fmt: skip


def _cited_as_source(doc: Doc, mention: CleanMention) -> bool:
    """Whether the text cites the organisation as a source of news: "according to X", "told
    X", "X's request for comment", "Image credit: X", "the journal X"."""
    if not doc.has_annotation("DEP"):
        return False
    root = doc_span(doc, mention.start, mention.end).root
    head = root.head
    if (
        root.dep_ == "pobj"
        and head.lower_ == "to"
        and all_tokens(doc)[max(head.i - 1, 0)].lower_ == "according"
    ):
        return True
    if root.dep_ in {"dobj", "dative"} and head.lemma_ == "tell":
        return True
    if root.dep_ == "poss" and head.lower_ == "request":
        return True
    before = doc_span(doc, max(mention.start - 3, 0), mention.start)
    if any(t.lower_ == "credit" for t in before):
        return True
    return mention.start > 0 and all_tokens(doc)[mention.start - 1].lower_ in _MEDIA_NOUNS


def _describes_one(doc: Doc, mention: CleanMention) -> bool:
    """Whether "the" + a nationality ("The Argentine", "the Portuguese boss") describes one
    person as the subject of its clause, as a writer refers back to the person just named;
    not a group ("the South African tailenders", "the Australians") nor someone the clause
    is about ("Sharon ... waited for action from the Palestinian leader": another person).
    A Doc without a parse tells nothing."""
    if not doc.has_annotation("DEP"):
        return True
    head = doc_span(doc, mention.start, mention.end).root
    if head.dep_ in {"amod", "compound"} and head.head.i >= mention.end:
        head = head.head
    return head.dep_ in {"nsubj", "nsubjpass"} and head.tag_ not in {"NNS", "NNPS"}


# Roles that serve the person they are "to" or "for" ("an adviser to Mr Arafat", "a lawyer
# for the president"): such a person acts for that person's state.
_SERVING_ROLES = frozenset({"adviser", "advisor", "aide", "lawyer", "attorney", "negotiator"})
_POSSESSIVE_PRONOUNS = {"his": {"PERSON"}, "her": {"PERSON"}, "its": {"ORG", "GPE", "FAC"}}


def _possessor(
    doc: Doc, mention: CleanMention, token_mention: dict[int, int], mentions: list[CleanMention]
) -> int | None:
    """The mention that owns a name by a possessive: a name ("Sharon's Likud") or a pronoun
    whose nearest earlier name of its kind in the sentence or the one before is taken
    ("Mr Peres had called … his Labour Party"; "The White House says … its envoy General
    Anthony Zinni"), read on the name's head, or on the role noun it stands in apposition
    to, or on a role word compounded before it; or the person a role in apposition after a
    person's name serves ("Nabil Abu Rudeina, an advisor to Mr Arafat")."""
    if not doc.has_annotation("DEP"):
        return None
    root = doc_span(doc, mention.start, mention.end).root
    heads = [root]
    if root.dep_ == "appos" and root.head.i < mention.start and root.head.pos_ == "NOUN":
        heads.append(root.head)
    heads += [t for t in doc_span(doc, max(mention.start - 3, 0), mention.start) if t.head.i in
              range(mention.start, mention.end) and t.dep_ == "compound"]  # fmt: skip
    if root.dep_ != "appos" or root.head.i < mention.start:
        heads += [c for c in child_tokens(root) if c.dep_ == "appos" and c.i >= mention.end]
    for head in heads:
        if mention.label == "PERSON" and not (
            head.lower_ in OFFICE_TITLES
            or head.lower_ in _SERVING_ROLES
            or agent(head.lemma_.lower()) in STATE_SECTORS
        ):
            continue  # a person is owned in an office ("its envoy"), not as kin ("his brother")
        if mention.label == "PERSON" and head.i >= mention.end:
            # "Nabil Abu Rudeina, an advisor to Mr Arafat": the role serves whom it is for
            for prep in child_tokens(head):
                if prep.dep_ == "prep" and prep.lower_ in {"to", "of", "for"}:
                    for obj in child_tokens(prep):
                        found = token_mention.get(obj.i)
                        if obj.dep_ == "pobj" and found is not None:
                            return found if mentions[found].label == "PERSON" else None
            continue
        for child in child_tokens(head):
            if child.dep_ != "poss" or child.i in range(mention.start, mention.end):
                continue
            found = token_mention.get(child.i)
            if found is not None:
                return found
            kinds = _POSSESSIVE_PRONOUNS.get(child.lower_)
            if kinds is None:
                continue
            sentence = mentions[token_mention[mention.start]].sentence_index
            for m in range(token_mention[mention.start] - 1, -1, -1):
                earlier = mentions[m]
                if sentence - earlier.sentence_index > 1:
                    break
                if earlier.label in kinds and earlier.end <= child.i:
                    return m
            return None
    return None


def _portfolio(doc: Doc, mention: CleanMention) -> bool:
    """A name set before a minister's or secretary's title it qualifies ("Immigration
    Minister", "Defence Secretary Geoff Hoon"): the portfolio, not a body."""
    if mention.end >= len(doc):
        return False
    after = all_tokens(doc)[mention.end]
    return (
        after.lower_ in _PORTFOLIO_TITLES
        and doc_span(doc, mention.start, mention.end).root.head == after
    )


def _team_of_country(
    doc: Doc, mention: CleanMention, token_mention: dict[int, int], countries: list[str | None]
) -> str | None:
    """The country of a national side a name is "of" ("The United States team of Monica
    Seles"): a country or nationality before a team noun whose "of" the name is the object."""
    root = doc_span(doc, mention.start, mention.end).root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lower_ not in _SIDES:
        return None
    for token in prep.head.lefts:
        found = token_mention.get(token.i)
        if found is not None and countries[found]:
            return countries[found]
        for inner in token.subtree:
            found = token_mention.get(inner.i)
            if found is not None and countries[found]:
                return countries[found]
    return None


_SIDES = frozenset({"team", "pair", "squad", "side", "delegation", "duo"})


_PORTFOLIO_TITLES = frozenset({"minister", "secretary", "ministers", "secretaries"})


def _portfolio_country(text: str) -> str | None:
    """The country a portfolio's name opens with ("British Defence", "US Treasury")."""
    first = text.split()[0]
    found = place(first) or demonym(first)
    return found.iso3 if found else None


def _generic_body(text: str) -> bool:
    """A state body named by its common noun alone ("Senate", "Parliament", "Cabinet")."""
    words = text.split()
    return len(words) == 1 and words[0].casefold() in STATE_BODY_WORDS


def _outlet_named(doc: Doc, mention: CleanMention) -> bool:
    """An organisation named before the noun of a news outlet it qualifies ("Time magazine's
    Person of the Year", "the Age newspaper"): a news organisation."""
    if not doc.has_annotation("DEP") or mention.end >= len(doc):
        return False
    after = all_tokens(doc)[mention.end]
    return (
        after.lower_ in _MEDIA_NOUNS
        and doc_span(doc, mention.start, mention.end).root.head == after
    )


def _stateless(name: str) -> bool:
    """A person the actor dictionary lists for an international body or militant group and
    no state ("Osama bin Laden": IMG; "Kofi Annan": IGO)."""
    found = actor(name)
    return found is not None and found.sector in {"IMG", "IGO", "NGO"} and not found.country


def _context_country(
    doc: Doc, start: int, token_mention: dict[int, int], countries: list[str | None]
) -> str | None:
    """Country named in the words right before a name: "Russian President Vladimir Putin"."""
    i = start - 1
    steps = 0
    while i >= 0 and steps < 8:
        token = all_tokens(doc)[i]
        if token.is_sent_end and i != start - 1:
            break
        found = token_mention.get(i)
        if token.text in PARTY_COUNTRY and PARTY_COUNTRY[token.text]:
            return PARTY_COUNTRY[token.text]
        if found is not None:
            if countries[found] and _team_of_town(doc, i, start, found, token_mention):
                return None  # "Oklahoma City coach Billy Donovan": the club's, not the state's
            if countries[found]:
                return countries[found]
        elif token.tag_ == "POS" or token.text in {"'s", "’s"}:
            pass
        elif token.tag_ in {"NN", "NNS", "JJ", "HYPH"} and token.is_lower:
            pass  # "the Spanish club Real Madrid", "Brazil star Neymar"
        elif token.lower_ in _TEAM_ROLES and token.is_lower:
            pass  # "Brazil forward Marco Silva" (the model tags "forward" an adverb)
        elif not (token.lower_ in ROLE_WORDS or (token.is_title and not token.is_sent_start)):
            break
        if token.is_space:
            break
        i -= 1
        steps += 1
    return None


# Roles in a sports team: a town before them is the club ("Oklahoma City coach Billy
# Donovan"), and a club's people carry no country (tests/gold/README.md).
_TEAM_ROLES = frozenset({
    "coach", "guard", "forward", "center", "centre", "quarterback", "pitcher", "striker",
    "midfielder", "goalkeeper", "defender", "linebacker", "receiver", "teammate", "point",
})  # fmt: skip


def _player(doc: Doc, mention: CleanMention) -> bool:
    """A person named with a team role: in the three words before the name, or as the head
    of an apposition after it."""
    before = {t.lower_ for t in doc_span(doc, max(mention.start - 3, 0), mention.start)}
    if before & _TEAM_ROLES:
        return True
    if not doc.has_annotation("DEP"):
        return False  # a Doc of a blank pipeline: no apposition to read
    root = doc_span(doc, mention.start, mention.end).root
    after = {c.lower_ for c in child_tokens(root) if c.dep_ == "appos" and c.i >= mention.end}
    return bool(after & _TEAM_ROLES)


def _team_of_town(
    doc: Doc, place_token: int, start: int, found: int, token_mention: dict[int, int]
) -> bool:
    """A town or state (not a country) right before a team role and the name."""
    between = {all_tokens(doc)[j].lower_ for j in range(place_token + 1, start)}
    if not between & _TEAM_ROLES:
        return False
    j = place_token
    while j > 0 and token_mention.get(j - 1) == found:
        j -= 1
    text = doc_span(doc, j, place_token + 1).text
    found_place = place(text)
    return demonym(text) is None and (found_place is None or found_place.kind != "country")


def _appositive_country(
    doc: Doc, mention: CleanMention, token_mention: dict[int, int], countries: list[str | None]
) -> str | None:
    """Country in an appositive after a name: "Kim, the leader of a dynasty that has ruled
    North Korea"."""
    span = doc_span(doc, mention.start, mention.end)
    for child in child_tokens(span.root):
        if child.dep_ == "relcl" and child.i >= mention.end and child.lemma_ == "be":
            # "Tom Hale, who is British, …"
            for token in child_tokens(child):
                found = token_mention.get(token.i)
                if token.dep_ in {"acomp", "attr"} and found is not None and countries[found]:
                    return countries[found]
        if child.dep_ != "appos" or child.i < mention.end:
            continue
        if PARTY_COUNTRY.get(child.text):
            return PARTY_COUNTRY[child.text]  # "Ann Lee, a Republican, said"
        for token in list(child.subtree)[:30]:
            found = token_mention.get(token.i)
            if found is not None and countries[found]:
                return countries[found]
    return None


def _role_phrase_country(
    doc: Doc,
    mention: CleanMention,
    token_mention: dict[int, int],
    mentions: list[CleanMention],
    countries: list[str | None],
) -> str | None:
    """A country in the phrase that names a person's role: the person "of" a place ("Interior
    Minister Jan Kowalski of Poland"), or the person set beside a role noun that a place
    qualifies ("The head of Iran's Revolutionary Guard, Hossein Salami")."""
    root = doc_span(doc, mention.start, mention.end).root
    tokens: list[Token] = []
    for child in child_tokens(root):
        if child.dep_ == "prep" and child.lower_ in {"of", "from"} and child.i >= mention.end:
            tokens += [t for t in child_tokens(child) if t.dep_ == "pobj"]
    if root.dep_ == "appos" and root.head.i < mention.start and root.head.pos_ == "NOUN":
        role = root.head
        tokens += [t for t in role.subtree if t.i < mention.start][:12]
    for token in tokens:
        found = token_mention.get(token.i)
        if found is not None and countries[found] and mentions[found].label in _PLACE_LABELS:
            return countries[found]
    return None


def _linked_tokens(
    doc: Doc, mention: CleanMention, prepositions: set[str], back: int, clauses: bool = False
) -> list[Token]:
    """The words that may name a person's employer, in the order they are tried: the object
    of a preposition after the name (its first eight words), with `clauses` an apposition or
    relative clause after it and the noun the name stands in apposition to, then up to
    `back` words before the name, back to a verb, preposition, determiner, pronoun,
    conjunction or punctuation."""
    root = doc_span(doc, mention.start, mention.end).root
    candidates: list[Token] = []
    for child in child_tokens(root):
        if child.i < mention.end:
            continue
        if child.dep_ == "prep" and child.lower_ in prepositions:
            candidates += list(child.subtree)[1:9]
        elif clauses and child.dep_ in {"appos", "relcl"}:
            candidates += list(child.subtree)[:12]
    head = root.head
    if clauses and root.dep_ == "appos" and head.i < mention.start and head.pos_ == "NOUN":
        candidates += [t for t in head.subtree if t.i < mention.start][:12]
    i = mention.start - 1
    while i >= 0 and mention.start - i <= back:
        token = all_tokens(doc)[i]
        if token.is_punct or token.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ"}:
            break
        candidates.append(token)
        i -= 1
    return candidates


def _state_employer_country(
    doc: Doc, mention: CleanMention, token_mention: dict[int, int], mentions: list[CleanMention]
) -> str | None:
    """A person named as working for a state body the actor dictionary places ("planetary
    geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory", "NASA scientist Jane Doe")
    is a civil servant of its country (tests/gold/README.md: "a NASA scientist")."""
    candidates = _linked_tokens(doc, mention, {"of", "at", "from"}, back=4)
    for token in candidates:
        found = token_mention.get(token.i)
        if found is None or mentions[found].label != "ORG":
            continue
        text = mentions[found].text
        known = actor(text)
        if known is not None and known.country and known.sector in STATE_SECTORS:
            return known.country
        # a government body its name places ("Dr. Jane Roe of the Michigan Department of
        # Health", "an officer of the Ohio State Highway Patrol")
        words = {w.casefold().strip(".,'’") for w in text.split()}
        if words & _GOVERNMENT_WORDS and not is_media(text):
            country = internal_country(text)
            if country:
                return country
    return None


def _state_body_of(
    doc: Doc, mention: CleanMention, token_mention: dict[int, int], mentions: list[CleanMention]
) -> int | None:
    """The government body (a mention index) the words around a person's name link them to:
    "of/for/at" the body after the name, the body before a role noun and the name ("Public
    Service Commission member Lisa Cole"), or in an apposition or a relative clause after
    the name ("Maria Lopez, a spokeswoman for Immigration and Customs Enforcement", "Tom
    Harris, who heads the Department of Corrections")."""
    if not doc.has_annotation("DEP"):
        return None
    candidates = _linked_tokens(
        doc, mention, {"of", "at", "for", "from", "with"}, back=5, clauses=True
    )
    for token in candidates:
        found = token_mention.get(token.i)
        if found is None or mentions[found].label != "ORG":
            continue
        text = mentions[found].text
        words = {w.casefold().strip(".,'’") for w in text.split()}
        if words & _GOVERNMENT_WORDS and not (is_media(text) or is_company(text)):
            return found
    return None


def _body_named_before(
    doc: Doc, mention: CleanMention, mentions: list[CleanMention], n: int
) -> int | None:
    """The government body named earlier that a common noun before a person's role points
    back to ("Pakistan's Foreign Ministry ... ministry spokesman Aziz Ahmed Khan", "the
    army spokesman"): the nearest earlier organisation whose name ends in that noun."""
    for token in doc_span(doc, max(mention.start - 3, 0), mention.start):
        noun = token.lower_
        if not token.is_lower or noun not in _GOVERNMENT_WORDS:
            continue
        for m in range(n - 1, -1, -1):
            earlier = mentions[m]
            if earlier.label == "ORG" and earlier.text.split()[-1].casefold() == noun:
                return m
    return None


# Words that make an organisation's name a government's (a narrower set than
# `STATE_BODY_WORDS`: no institute, service or house, which universities and companies bear).
_GOVERNMENT_WORDS = frozenset({
    "department", "ministry", "bureau", "administration", "commission", "police", "army",
    "navy", "court", "congress", "senate", "parliament", "legislature", "government",
    "prosecutor", "prosecutors", "sheriff", "embassy", "customs", "patrol", "corrections",
    "cabinet", "service",
})  # fmt: skip


# Prepositions whose object is the other side of a game ("bowled by Kallis", "lost to
# Hewitt", "a win over Sampras", "against Henman"), not one of the subject's players.
_OPPONENT_PREPOSITIONS = frozenset({"by", "to", "against", "over", "off", "past", "than"})


def _national_side(
    doc: Doc,
    token: Token,
    token_mention: dict[int, int],
    mentions: list[CleanMention],
    countries: list[str | None],
) -> str | None:
    """The country a clause's subject names as a side: a country ("Australia"), a people
    ("The South Africans") or a team a nationality qualifies ("the Australian team")."""
    found = token_mention.get(token.i)
    if found is None and token.lower_ in _SIDES:
        found = next(
            (
                token_mention[c.i]
                for c in child_tokens(token)
                if c.dep_ in {"amod", "compound", "poss"} and c.i in token_mention
            ),
            None,
        )
    if found is None or not countries[found]:
        return None
    mention = mentions[found]
    if mention.label == "NORP" or token.lower_ in _SIDES:
        return countries[found]
    named = place(mention.text)
    return countries[found] if named is not None and named.kind == "country" else None


def _side_of_clause(
    doc: Doc,
    mention: CleanMention,
    token_mention: dict[int, int],
    mentions: list[CleanMention],
    countries: list[str | None],
) -> str | None:
    """In a report of games, the national side whose clause names a player as its own, not
    as the object or the opponent ("The South Africans scored 390 with centuries from
    Jacques Kallis", "Australia finished at 7 for 381 with Adam Gilchrist not out 83"): a
    national side's players carry its country (tests/gold/README.md)."""
    token = doc_span(doc, mention.start, mention.end).root
    steps = 0
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i and steps < 12:
        if token.dep_ in {"dobj", "dative"} or (token.dep_ in {"nsubj", "nsubjpass"} and steps):
            return None  # the side's object ("Australia dismissed Kallis"), another subject
        if token.dep_ == "pobj" and token.head.lower_ in _OPPONENT_PREPOSITIONS:
            return None
        token = token.head
        steps += 1
    if token.pos_ not in {"VERB", "AUX"} or steps == 0:
        return None
    subjects = [c for c in child_tokens(token) if c.dep_ in {"nsubj", "nsubjpass"}]
    if len(subjects) != 1 or subjects[0].i in range(mention.start, mention.end):
        return None
    return _national_side(doc, subjects[0], token_mention, mentions, countries)


# Words of the bat-and-ball and football codes that `_tokens.sports_report`'s list lacks (it
# counts "inning" and "goal"): a report of a cricket Test or a rugby Test is a report of games.
_GAME_WORDS = frozenset({
    "cricket", "wicket", "wickets", "innings", "batsman", "batsmen", "bowler", "bowlers",
    "bowling", "umpire", "rugby", "paceman", "spinner", "all-rounder", "tryscorer",
})  # fmt: skip


def game_report(doc: Doc) -> bool:
    """Whether the article reports games: `sports_report`, or three words of the codes its
    list lacks."""
    if sports_report(doc):
        return True
    return sum(t.lower_ in _GAME_WORDS for t in all_tokens(doc)) >= 3


# Verbs by which an office-holder or a state body gives a person a post of its state, or
# takes it away ("Barr put Kathleen Hawk Sawyer in charge", "the President appointed X",
# "Putin dismissed Y"); not "confirm" ("police confirmed X as the victim").
_APPOINTING = frozenset({
    "appoint", "nominate", "install", "reappoint", "promote", "sack", "dismiss", "fire",
})  # fmt: skip


def _appointer(doc: Doc, mention: CleanMention, token_mention: dict[int, int]) -> int | None:
    """The mention (an index) that appoints or dismisses a person: the subject of an
    appointing verb whose object the name is ("Attorney General William Barr put Kathleen
    Hawk Sawyer in charge"), or the agent of its passive ("X was appointed by the
    President"). The caller keeps it only when it acts for a state."""
    if not doc.has_annotation("DEP"):
        return None
    root = doc_span(doc, mention.start, mention.end).root
    verb = root.head
    in_charge = verb.lemma_ == "put" and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "charge" for g in child_tokens(c))
        for c in [*child_tokens(verb), *child_tokens(root)]
    )
    if verb.lemma_ not in _APPOINTING and not in_charge:
        return None
    if root.dep_ == "dobj":
        subjects = [c for c in child_tokens(verb) if c.dep_ == "nsubj"]
    elif root.dep_ == "nsubjpass":
        subjects = [g for c in child_tokens(verb) if c.dep_ == "agent" for g in child_tokens(c)]
    else:
        return None
    for subject in subjects:
        found = token_mention.get(subject.i)
        if found is not None:
            return found
    return None
