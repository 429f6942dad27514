"""PLOVER events from the dependency parse: trigger, actor, recipient, date, place, modality.

For each token whose lemma is in the trigger lexicon (`_plover_lexicon`):

- actor of a verb: its subject (the ``by`` agent of a passive); a verb without one borrows it
  from the verb it is coordinated with or controlled by ("accused Pyongyang of supplying
  arms": the accused supplies), and the one a passive is done to does its gerund ("was
  criticised for threatening Taiwan"); a passive joined to an active verb is done to their
  shared subject ("crossed into Turkey and were detained"). Actor of a noun: its possessor
  or nationality adjective ("Putin's visit", "Russian invasion"), else the subject of the
  verb it is the object of ("Kim voiced his support").
- recipient: the first filled slot of the trigger (direct object or a preposition's object);
  ``<from`` triggers swap roles ("Russia received … from North Korea").
- each argument resolves to the first entity in its phrase ("Russian forces" → Russia;
  "the struggles of the Russian government" → Russia); capitals act for their state.
- modality: denied (negated), alleged (under accuse/allege/claim, "reportedly"), expected
  (will, hope/expect/plan), hypothetical (would/could/may, "if", "the prospect of"), reported
  (attributed: "according to", a reporting verb, inside a quote), else asserted.
- date: a resolved date in the trigger's clause, else the first in its sentence; place: an
  "in/at" place on the trigger or its verb, else for a visit a city in the visited country.
- CAMEO verb patterns (`_cameo_patterns`, from the PETRARCH2 verb dictionary): a verb the
  table lacks, or codes only by its CAMEO lemma, or whose table constraints rule it out, takes
  the type and slots of the most specific pattern its parse matches ("carried out a raid",
  "came under fire from Greece": the subject is the target); rule id
  ``TYPE.lemma.verb.cameoCODE.patternLINE`` (line of CAMEO.2.0.txt).
- coded only when at least one side has a country: events feed country-to-country counts
  (GDELT-style), and a mention whose sides the text places nowhere ("Jose Mourinho has
  agreed a deal") is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ._cameo_patterns import Pattern, by_complement
from ._cameo_patterns import match as match_pattern
from ._cameo_patterns import patterns as cameo_patterns
from ._countries import demonym, place, place_iso3
from ._dictionaries import actor, agent
from ._dictionaries import place_country as gazetteer_country
from ._entity_countries import is_company, is_international, is_state_body
from ._entity_normalize import CleanMention, doc_text, related_link_lines, sentence_index
from ._entity_resolution import ArticleEntities
from ._plover_lexicon import EMERGENCY_RULE, Trigger, aid_mode, lookup
from ._tokens import sentence_spans, sports_report
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens
from ._types import DateMention, Event

_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "conj", "parataxis"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_ARG_DEPS_ORDER = ("compound", "amod", "poss", "nmod", "appos", "prep", "pobj", "conj")
_ALLEGED = frozenset(
    {
        "accuse",
        "allege",
        "claim",
        "suspect",
        "charge",
        "blame",
        "accusation",
        "allegation",
    }
)
_DENY = frozenset({"deny", "reject", "dismiss", "refute"})
_EXPECTED = frozenset(
    {
        "hoped",
        "hopes",
        "hoping",
        "expected",
        "planned",
        "expect",
        "hope",
        "plan",
        "intend",
        "schedule",
        "due",
        "aim",
        "prepare",
        "want",
        "seek",
        "propose",
        "agree",
        "promise",
        "pledge",
        "vow",
        "ready",  # "Hungary is ready to negotiate": an intention (see verb_subject)
        "willing",
        "prepared",
        "eager",
    }
)
_HYPOTHETICAL = frozenset({
    "prospect", "possibility", "chance", "if", "whether", "unless", "likely", "unlikely",
})  # fmt: skip
_REPORTED = frozenset(
    {"say", "tell", "report", "state", "announce", "claim", "add", "write", "tweet", "note"}
)
_OBJECT_CONTROL = frozenset(
    {
        "accuse",
        "blame",
        "urge",
        "ask",
        "help",
        "force",
        "convict",
        "suspect",
        "charge",
        "criticize",
        "condemn",
    }
)
# Legal triggers whose actor, when the clause leaves it out, is the state that prosecutes.
_LEGAL = frozenset({
    "charge", "indict", "indictment", "convict", "conviction", "sentence", "sentencing",
    "prosecute", "prosecution", "investigate", "investigation", "inquiry", "probe", "trial",
    "allege",
})  # fmt: skip
# Market words: a "rally" in a sentence about markets is a price movement.
_MARKET_WORDS = frozenset({
    "stock", "share", "market", "index", "price", "investor", "trading", "trader", "bond",
    "equity", "currency", "dollar", "sensex", "nifty", "dow", "nasdaq", "valuation", "earnings",
})  # fmt: skip
# Verbs whose subject answers the legal thing they govern ("faces charges").
_ANSWERING_VERBS = frozenset({"face", "plead", "deny", "fight", "contest"})
_GENERIC_YOU = frozenset({"you", "yourself", "yourselves"})
_NEGATING = frozenset({"avoid", "refrain", "fail", "refuse", "decline", "stop", "halt", "deny"})
# A trigger that is the content of a threat, request or promise is part of that event
# ("threatened to kill", "urged them to withdraw"), not an event of its own.
_CONTENT_OF = frozenset({"THREATEN", "REQUEST", "AGREE"})
_SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Verbs whose subject is the target of the act their object names ("got criticism").
_RECEIVING = frozenset({"get", "receive", "face", "draw", "attract", "earn", "endure", "suffer"})
# verbs of preventing or putting down: their subject is not who does the event their object
# names ("failing to prevent attacks", "police dispersed the protests")
_PREVENTING = frozenset({
    "prevent", "foil", "thwart", "avert", "stop", "halt", "block", "deter", "curb", "quell",
    "suppress", "crush", "disperse", "repel", "resist", "counter", "combat", "stem", "forestall",
})  # fmt: skip
# Saying and telling: refusing to do it is declining to comment, which is not coded.
_DISCLOSING = frozenset({
    "say", "comment", "discuss", "elaborate", "confirm", "answer", "respond", "speak",
    "disclose", "reveal", "specify", "detail", "explain", "identify", "name",
})  # fmt: skip
# Movement verbs that report a visit when a named actor goes to another country ("Blinken
# arrived in Beijing", "Putin landed in North Korea").
_MOVEMENT = frozenset({"arrive", "land", "travel", "fly"})
# Acts two parties do to each other whatever their type ("exchanged prisoners").
_MUTUAL = frozenset({"exchange", "swap", "clash"})
# Weapons and strikes: whose they are is who uses them ("Russian missiles hit Kyiv").
_WEAPON_NOUNS = frozenset({
    "missile", "rocket", "drone", "shell", "bomb", "strike", "airstrike", "warplane", "jet",
    "artillery", "tank", "warship", "gunfire", "shelling", "bombing", "raid", "attack",
})  # fmt: skip
# Assault verbs English also uses for words ("attacked Trump's record", "slammed the
# senator"), and what in a sentence says that blows were struck.
# Natural hazards: what they "strike", "kill" or are "battled" is no one's act.
_FIREFIGHTERS = frozenset({"firefighter", "fireman", "firie"})
_HAZARDS = frozenset({
    "storm", "thunderstorm", "cyclone", "hurricane", "typhoon", "tornado", "flood", "flame",
    "bushfire", "wildfire", "blaze", "earthquake", "quake", "tsunami", "avalanche",
    "landslide", "drought", "lightning", "wind", "hail", "heatwave", "weather", "disease",
})  # fmt: skip
_VERBAL_SENSE = frozenset({"attack", "assail", "slam", "blast", "target"})
# Verbs of a vehicle and who is aboard ("a bus carrying settlers").
_CARRYING = frozenset({"carry", "transport", "ferry"})
# Blows struck somewhere, as opposed to the weapons that strike them.
_STRIKES = frozenset({"strike", "airstrike", "raid", "bombing", "shelling", "attack"})
_PHYSICAL = _WEAPON_NOUNS - {"attack"} | frozenset({
    "kill", "wound", "injure", "injury", "stab", "shoot", "gun", "gunman", "knife", "bullet",
    "weapon", "punch", "beat", "hospital", "dead", "die", "violence", "violent", "physically",
    "police", "arrest", "fire", "troops", "soldier", "army", "military",
})  # fmt: skip
_WELCOME_VISITOR = Trigger("welcome", "V", "CONSULT", "host", ("dobj",), 0.6)
_PLEAD_NOT_GUILTY = Trigger("plead", "V", "REJECT", None, ("to",), 0.6)
_MODALS_FUTURE = frozenset({"will", "'ll", "shall", "wo"})
_MODALS_HYPO = frozenset({"would", "could", "might", "may", "should", "'d"})
# Verbs whose infinitive's subject is their own subject even with an object ("promised
# Kyiv to send"): the few exceptions to object control.
_ARMED_AGENTS = frozenset({"MIL", "REB", "INS", "UAF", "IMG"})
_FIGHT = Trigger("fight", "V", "ASSAULT", None, ("dobj", "against", "with"), 0.6)
_TAKING = frozenset({"capture"})  # of land an attack, of people an arrest (`run`)
_TERRITORY = frozenset({
    "area", "city", "town", "village", "airport", "territory", "base", "position", "region",
    "province", "stronghold", "bastion", "hill", "capital", "district", "half", "part",
})  # fmt: skip
_CLOSING = frozenset({"close"})  # done to the owner of what is closed (`run`)
_HURT = frozenset({"injure"})  # harm that is an attack only among arms (`in_fighting`)
# Consultations that need a counterpart named: a meeting or a call (not a visit to a place).
_MEETING_MODES = frozenset({"meet", "phone"})
# Acts done for or with another party, never for a thing (`_no_counterpart`).
_TO_A_PARTY = frozenset({"SUPPORT", "COOPERATE"})
# Verbs of a toll: "N killed and M injured" counts the victims of one attack (`_same_toll`).
_TOLL = frozenset({"kill", "injure", "wound", "hurt", "maim"})
_HALTING = frozenset({"suspend", "end", "cease", "pause", "postpone"})
_READY = frozenset({"ready", "willing", "prepared", "eager", "keen", "open"})
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten", "offer"})
# Nouns of an intention: "Hamas' focus will be on attacking", "Moscow's aim is to capture"
# (the possessor intends, and does what the intention is to do)
_INTENTIONS = frozenset({
    "aim", "goal", "focus", "plan", "intention", "objective", "strategy", "priority",
    "mission", "purpose",
})  # fmt: skip
_QUANTITIES = frozenset({
    "thousand", "hundred", "dozen", "million", "score", "number", "group", "handful",
    "scores", "dozens", "hundreds", "thousands", "millions",
})  # fmt: skip
# measures, kinds and sets a thing is counted in: "tons of food", "every sort of assistance",
# "a set of new sanctions", "a wave of air strikes"
_MEASURES_OF = _QUANTITIES | frozenset({
    "sort", "kind", "type", "form", "amount", "ton", "tonne", "load", "batch", "consignment",
    "set", "series", "package", "raft", "wave", "spate", "string", "barrage", "volley",
})  # fmt: skip


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


# Nouns that name a political actor without naming who: they take the country of the place
# the sentence (or else the article) is about ("security forces" in an article on Iran).
GENERIC_ACTORS = frozenset({
    "police", "officer", "policeman", "authority", "government", "protester", "protestor",
    "demonstrator", "teacher", "force", "troop", "soldier", "military", "army", "lawmaker",
    "legislator", "official", "prosecutor", "regime", "administration", "ministry", "minister",
    "student", "worker", "activist", "rebel", "militant", "sniper", "agent", "guard", "union",
    "opposition", "parliament", "legislature", "court", "judge", "jury", "politician", "voter",
    "resident", "crowd", "user", "state", "leader", "counterpart", "delegation", "negotiator",
})  # fmt: skip
# Generic actors that act for a state: with no place in their sentence, the dateline's.
_STATE_NOUNS = frozenset({
    "police", "officer", "policeman", "authority", "government", "force", "troop", "soldier",
    "military", "army", "lawmaker", "legislator", "official", "prosecutor", "regime",
    "administration", "ministry", "minister", "agent", "guard", "parliament", "legislature",
    "court", "judge", "jury",
})  # fmt: skip
# People as victims or targets (PLOVER's civilians): they take the place's country too, but
# act only in protests; a man's trip or a crowd's greeting is no political event.
CIVILIANS = frozenset({
    "civilian", "people", "man", "woman", "child", "girl", "boy", "parent", "family",
    "victim", "journalist", "citizen", "national", "prisoner", "refugee", "migrant", "member",
    "resident", "crowd", "user", "voter", "student", "worker", "protest", "demonstration",
})  # fmt: skip
GENERIC_ACTORS = GENERIC_ACTORS | CIVILIANS
# Agent-dictionary sectors that act for a state.
_STATE_AGENTS = frozenset({"GOV", "COP", "JUD", "LEG", "MIL", "SPY"})
# ... and those that act in politics without being the state: parties, opposition, rebels
_POLITICAL_AGENTS = _STATE_AGENTS | {"PTY", "OPP", "REB", "INS"}
# Legal things whose rejection answers the state that brought them ("fight the charges").
# war machines that are not a side of their own (their crews fight for an armed force)
_PLATFORMS = frozenset({
    "tank", "helicopter", "gunship", "warplane", "jet", "bomber", "warship", "gunboat",
    "aircraft", "plane", "drone", "boat", "ship", "vessel",
})  # fmt: skip
_FORCES = frozenset({"force", "coastguard"}) | _PLATFORMS
_EventKey = tuple[int, str, str | None, str | None]  # trigger, type, actor, recipient
# acts of one side of a conflict against the other
_HOSTILE = frozenset({
    "ASSAULT", "SANCTION", "THREATEN", "MOBILIZE", "REJECT", "ACCUSE", "COERCE", "PROTEST",
})  # fmt: skip
# what an accused rejects: aimed back at the accuser
_ACCUSATIONS = frozenset({"allegation", "accusation", "claim", "charge", "criticism"})
_LEGAL_THINGS = frozenset({
    "charge", "indictment", "conviction", "ruling", "sentence", "extradition", "deportation",
    "plea", "lawsuit", "subpoena",
})  # fmt: skip
# Types whose actor must be named or a recognisable actor: things people say and decide.
_SPEECH_ACTS = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "AID", "RETREAT", "SANCTION", "MOBILIZE",
})  # fmt: skip


def is_actor_noun(token: Token) -> bool:
    """A common noun that names people or an organisation acting: the generic actors above,
    or a role word of the field's agent dictionary ("troops", "spokesman", "prosecutors")."""
    lemma = token.lemma_.lower()
    return (
        lemma in GENERIC_ACTORS
        or lemma in MULTI_ACTORS
        or agent(lemma) is not None
        or agent(token.lower_) is not None
        or (
            # "Pakistan's army chief", "the Kremlin chief of staff", "the U.N. aid chief": a
            # title head whose modifiers say whose office it is
            lemma in _TITLE_HEADS
            and any(c.dep_ in {"poss", "compound", "amod", "nmod"} for c in token.children)
        )
    )


# Heads of a title that name an office only with a modifier ("army chief", "agency head").
# A mention in these roles is a party to its clause, not a place where people are.
_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_PARTY_PREPOSITIONS = frozenset({"by", "from", "against", "with"})  # "criticism from Britain"
_TITLE_HEADS = frozenset({"chief", "head", "boss", "secretary", "general"})


# Types whose blow, when no one is named as hit, is aimed at the place where it falls.
_PLACED_BLOWS = frozenset({"ASSAULT"})


# Modifiers that make an armed force or a body no one place's (`_Extractor._argument`).
_OF_MANY_STATES = frozenset({"multinational", "international", "coalition", "allied"})
# What a body's members are called when named by the body ("the EU member states").
_MEMBER_STATES = frozenset({"state", "country", "nation", "government", "member"})


# Plural actors that stand for several countries: kept as actors, never given one country.
MULTI_ACTORS = frozenset({
    "country", "nation", "government", "ally", "power", "neighbour", "neighbor", "leader",
    "side",
})  # fmt: skip


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
    return next((c for c in token.children if c.dep_ in deps), None)


def _prep_object(token: Token, preposition: str) -> Token | None:
    for child in token.children:
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


# "prisoners held on a ship", "holding three suspects": keeping people captive is detention
# (CAMEO 173), which "hold" says only of captives ("held talks", "held a rally")
_HOLD = Trigger(
    "hold", "V", "COERCE", "arrest", ("dobj",), 0.6,
    objects=frozenset({"prisoner", "detainee", "captive", "suspect", "inmate"}),
)  # fmt: skip
# "a call by Arafat for an end to attacks": an appeal (CAMEO 02), not a phone call
_CALL_FOR = Trigger("call", "N", "REQUEST", None, ("on", "to"), 0.5)
_EMERGENCIES = frozenset({"emergency", "siege"})
_GIVING = frozenset({"give", "hand"})  # "was given a jail sentence": the one given it


def _emergency_rule(token: Token) -> bool:
    """Whether a noun heads the name of emergency rule: "state of emergency", "state of
    siege" (the siege of a state of siege is no attack), "martial law"."""
    lemma = token.lemma_.lower()
    if lemma == "state":
        named = _prep_object(token, "of")
        return named is not None and named.lemma_.lower() in _EMERGENCIES
    return lemma == "law" and any(
        c.dep_ in {"amod", "compound"} and c.lower_ == "martial" for c in token.children
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
    return [c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def _for_clause_subject(verb: Token) -> Token | None:
    """The subject of a for-infinitive clause of a verb ("called for Israel to withdraw":
    Israel), which the parser makes a clause marked "for", not a preposition's object."""
    for clause in verb.children:
        if clause.dep_ in {"advcl", "ccomp", "xcomp"} and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in clause.children
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
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)


def _negative_subject(subject: Token | None) -> bool:
    """A subject that denies its verb: "neither X nor Y", "no country", "nobody"."""
    if subject is None:
        return False
    if subject.lower_ in {"nobody", "none", "neither", "nothing"} or (
        subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)
    ):
        return True
    return any(
        (c.dep_ == "preconj" and c.lower_ == "neither")
        or (c.dep_ == "det" and c.lower_ in {"no", "neither"})
        for c in subject.children
    )


def _asks_a_question(verb: Token) -> bool:
    """A question, not a request: "asked them about the effect", "asked whether talks would
    resume"; one that also asks for something or someone to act ("asked for help", "asked
    him to leave") is a request."""
    children = list(verb.children)
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in children):
        return True
    for clause in children:
        if clause.dep_ not in {"ccomp", "parataxis"}:
            continue
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children):
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
    if token.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass"} for c in token.children):
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
    for word in (token, *(c for c in token.children if c.dep_ in {"nmod", "compound", "conj"})):
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
    return ready.lemma_.lower() in _READY and not any(c.dep_ == "neg" for c in ready.children)


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
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    auxiliary = next((c for c in clause.children if c.dep_ in {"aux", "auxpass"}), None)
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


def _where_said(place: Token, token: Token) -> bool:
    """Whether a place is where a saying verb was said ("In Washington, the IMF said …")
    and `token` lies in what was said: the place of the saying, not of the ones said of."""
    if place.dep_ != "pobj" or place.head.lower_ != "in":
        return False
    verb = place.head.head
    if verb.lemma_.lower() not in _SAYING:
        return False
    said = _child(verb, "ccomp")
    return said is not None and said.left_edge.i <= token.i <= said.right_edge.i


def _own_demonym(token: Token) -> str | None:
    """The country of a nationality modifying the noun ("Somali pirates"), tagged or not."""
    for child in token.children:
        if child.dep_ in {"amod", "compound"} and child.i < token.i:
            found = demonym(child.text)
            if found is not None:
                return found.iso3
    return None


class _Extractor:
    def __init__(
        self,
        doc: Doc,
        entities: ArticleEntities,
        dates: list[DateMention],
        quotes: Iterable[tuple[int, int]],
        speakers: Iterable[tuple[int, int, str]] = (),
    ) -> None:
        self.doc = doc
        self.entities = entities
        self.dates = dates
        self.sentence_of = sentence_index(doc)
        # Token.sent rescans the whole Doc for sentence starts on every call (O(tokens));
        # look sentences up by number instead.
        self.sentences = sentence_spans(doc) if doc.has_annotation("SENT_START") else [doc[:]]
        self.quote_ranges = list(quotes)
        self.speakers = list(speakers)
        self._subjects: dict[tuple[int, int], Token | None] = {}
        self.furniture = related_link_lines(doc_text(doc))
        self.home = self._home_country()
        self._patterns: dict[int, Pattern | None] = {}
        # a sports report: its events are games (only the state's legal acts are coded)
        self.sport = sports_report(doc)

    def pattern(self, verb: Token) -> Pattern | None:
        """The CAMEO verb pattern a verb's parse matches (_cameo_patterns), once per verb."""
        if verb.i not in self._patterns:
            self._patterns[verb.i] = (
                match_pattern(verb, self.verb_subject(verb))
                if verb.lemma_.lower() in cameo_patterns()  # else no pattern, whatever the subject
                else None
            )
        return self._patterns[verb.i]

    # -- arguments ------------------------------------------------------------------------
    def argument(self, token: Token | None) -> _Arg:
        found = self._argument(token)
        if token is not None:
            found.token = token
        return found

    def coordinated(self, arg: _Arg) -> list[_Arg]:
        """The other members of a coordination an argument heads ("Noel and Thomas pleaded
        not guilty": Thomas), when they name actors of their own."""
        if arg.token is None:
            return []
        members = []
        for token in arg.token.subtree:
            if token.dep_ == "conj" and token.head is not None and token.i != arg.token.i:
                # only conjuncts of the head itself, or of its conjuncts, not inside modifiers
                head = token.head
                while head.dep_ == "conj" and head.i != arg.token.i:
                    head = head.head
                if head.i != arg.token.i:
                    continue
                if (
                    arg.entity_id is not None
                    and self.entities.mention_at(arg.token.i) is None  # placed by a modifier
                    and token.pos_ == "NOUN"
                    and not any(c.dep_ in _MODIFIER_DEPS for c in token.children)
                    and any(
                        c.dep_ in {"amod", "compound"} and c.i < arg.token.i
                        for c in arg.token.children
                    )
                ):
                    # "Israeli tanks and troops": a bare noun joined to a modified one shares
                    # its modifier, so it is the same party, not one placed anew
                    continue
                other = self.argument(token)
                if (
                    other.actor_like
                    and (other.entity_id or other.country)
                    and (other.entity_id != arg.entity_id)
                ):
                    members.append(other)
        if arg.country and is_actor_noun(arg.token):
            # "Kenyan and Ugandan forces": nationalities joined before one actor noun name
            # one party each
            for modifier in arg.token.children:
                if modifier.dep_ not in {"amod", "compound"} or modifier.i > arg.token.i:
                    continue
                for joined in modifier.subtree:
                    if joined.dep_ != "conj" or joined.i == modifier.i:
                        continue
                    n = self.entities.mention_at(joined.i)
                    if n is not None and self.entities.mentions[n].label in {"NORP", "GPE"}:
                        record = self.entities.as_state(self.entities.entity_of[n])
                        entity_id, country = record.entity_id, record.country
                    else:
                        found = demonym(joined.text)
                        entity_id, country = None, found.iso3 if found else None
                    if country and country != arg.country:
                        members.append(_Arg(f"{joined.text} {arg.token.text}", entity_id,
                                            country, True, joined))  # fmt: skip
        return members

    def _argument(self, token: Token | None) -> _Arg:
        """First entity in the phrase headed by `token`, breadth-first, not entering clauses.
        An entity that only modifies a common noun names the argument when that noun names
        an actor ("Russian forces", "the Kremlin's spokesman"), not when it names a thing
        ("U.S. economic data", "Swift's claims"); "of" phrases are followed either way ("the
        struggles of the Russian government")."""
        if token is None:
            return _Arg(None, None, None)
        queue = [token]
        seen = 0
        # an event noun is no thing: its possessor is who did it ("Russia's invasion")
        thing = (
            token.pos_ == "NOUN"
            and not is_actor_noun(token)
            and token.lemma_.lower() not in _WEAPON_NOUNS  # "Israeli strikes killed"
            and lookup(token.lemma_, token.pos_) is None
            and lookup(token.lower_, token.pos_) is None
        )
        # an event noun's own recipient phrase names whom it was done to, not who did it
        # ("criticism of Australia's stand", "the invasion of Ukraine")
        event = (
            (lookup(token.lemma_, token.pos_) or lookup(token.lower_, token.pos_))
            if token.pos_ == "NOUN"
            else None
        )
        own_slots = set(event.slots) if event is not None and event.pos == "N" else set()
        members = self.countries_listed(token) if token.pos_ == "NOUN" else []
        if members and is_actor_noun(token):
            # "ministers from Australia, Canada and Nigeria will meet": each country's own
            # minister takes part, one row each (before a body that modifies them: "CMAG
            # ministers from ...")
            words = [t.text for t in token.subtree if not t.is_space][:8]
            return _Arg(" ".join(words), None, None, True, token, members=members)
        while queue and seen < 25:
            current = queue.pop(0)
            seen += 1
            if thing and current.head.i == token.i and current.dep_ in _MODIFIER_DEPS:
                continue
            if current.head.i == token.i and _town_struck(current):
                continue  # "killed in the Gaza strikes": where they fell, not who struck
            found = self.entities.mention_at(current.i)
            if found is None and current.pos_ == "PRON" and current.i == token.i:
                sayer = self.sayer(current)
                if sayer is not None:
                    return self._argument(sayer)
            if found is None and current.pos_ == "PRON":
                found = self.entities.antecedent(self.doc, current.i)
                if found is not None and current.lower_ in {"he", "she", "him", "her", "his"}:
                    quoted = any(a <= current.idx < b for a, b in self.quote_ranges)
                    speaker = self.quoted_speaker(current) if quoted else None
                    if speaker is not None and speaker.entity_id == self.entities.entity_of[found]:
                        # "his claim that he wanted to conduct attacks ...," Downer said: in
                        # a quote the speaker is "I", "he" is someone else
                        found = None
            if found is None and current.lower_ in _FIRST_PERSON:
                speaker = self.quoted_speaker(current)
                if speaker is not None:
                    return speaker
            if found is not None:
                eid = self.entities.entity_of[found]
                record = self.entities.as_state(eid)
                text = (
                    self.entities.mentions[found].text
                    if current.i == token.i or current.pos_ != "PRON"
                    else current.text
                )
                if current.pos_ == "PRON":
                    text = self.entities.mentions[found].text
                country = None if record.entity_id in self.entities.guessed else record.country
                return _Arg(text, record.entity_id, country, True)
            children = sorted(
                (c for c in current.children if c.dep_ not in _CLAUSE_DEPS or c.dep_ == "conj"),
                key=lambda c: _ARG_DEPS_ORDER.index(c.dep_) if c.dep_ in _ARG_DEPS_ORDER else 99,
            )
            if current.i == token.i and current.pos_ in {"NOUN", "PROPN"}:
                # "Pakistan's close ally China": a name in apposition to a common noun is
                # whom the noun means, before its possessor or modifiers (a title too:
                # "its President Burhanuddin Rabbani")
                named = [
                    c
                    for c in children
                    if c.dep_ == "appos" and self.entities.mention_at(c.i) is not None
                ]
                children = named + [c for c in children if c not in named]
            queue.extend(
                c
                for c in children
                if c.dep_ in _ARG_DEPS_ORDER
                and (c.dep_ != "prep" or c.lower_ == "of")
                and not (current.i == token.i and c.dep_ == "prep" and c.lower_ in own_slots)
            )
        if token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        ):
            # "the chancellor", "the former governor": the person named before it who holds
            # that title
            described = self.entities.described_person(self.doc, token, self.quote_ranges)
            if described is not None:
                record = self.entities.records[self.entities.entity_of[described]]
                country = None if record.entity_id in self.entities.guessed else record.country
                return _Arg(self.entities.mentions[described].text, record.entity_id, country, True)
        if token.pos_ == "PRON":
            if token.lower_ in {"he", "she", "they"}:
                # "A New York man pleaded guilty to charges he threatened…": no name to refer
                # to, the person described as the sentence's subject before it
                sentence = self.sentences[self.sentence_of[token.i]]
                for earlier in sentence:
                    if earlier.i >= token.i:
                        break
                    if (
                        earlier.dep_ in {"nsubj", "nsubjpass"}
                        and earlier.pos_ == "NOUN"
                        and is_actor_noun(earlier)
                    ):
                        return self._argument(earlier)
            if token.lower_ in {"they", "them"} and self.sentence_of[token.i] > 0:
                # "The three Palestinians opened fire … They were killed by shell fire": a
                # plural pronoun heading its clause is the plural party that headed the
                # sentence before
                plural = self.plural_subject(self.sentences[self.sentence_of[token.i] - 1])
                if plural is not None:
                    return self._argument(plural)
            return _Arg(None, None, None)
        if token.pos_ == "PROPN":
            known = place(token.text)
            if known is not None and known.kind in {"country", "capital"}:
                # a country or capital the model did not tag ("Kyiv called on Germany")
                return _Arg(token.text, None, known.iso3, True)
            name = " ".join(
                t.text for t in token.subtree if t.dep_ in {"compound", "flat"} or t.i == token.i
            )
            listed = actor(name)
            if listed is not None and listed.country and listed.sector not in {"MED"}:
                # an actor of the field's dictionary the model did not tag ("Hamas")
                return _Arg(name, None, listed.country, True)
            if listed is not None and listed.sector in {"IGO", "NGO"}:
                # an international body the model did not tag acts without a country
                return _Arg(name, None, None, True)
        words = [t.text for t in token.subtree if not t.is_space][:8]
        counted = (
            _prep_object(token, "of")
            if token.like_num or token.tag_ == "CD" or (token.lemma_.lower() in _QUANTITIES)
            else None
        )
        if counted is not None and counted.pos_ == "NOUN":
            token = counted  # "thousands of civilians", "dozens of protesters": who they are
        lemma = token.lemma_.lower()
        if (
            token.tag_ == "NNS"
            and lemma in MULTI_ACTORS
            and any(
                c.lower_ in {"both", "two", "multiple", "several", "many"} for c in token.children
            )
        ):
            pair = token.lower_ != "many" and any(
                c.lower_ in {"both", "two"} for c in token.children
            )
            members = self.pair_named_before(token) if pair else []
            return _Arg(" ".join(words), None, None, True, members=members)
        if (
            token.lower_ in {"two", "both"}
            and token.pos_ in {"NUM", "PRON", "DET"}
            and (token.lower_ == "both" or _child(token, "det") is not None)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        ):
            # "the two", "both" standing alone: the pair named before, people or states
            members = self.pair_named_before(token, people=None)
            if members:
                return _Arg(" ".join(words), None, None, True, members=members)
        body = self.member_of(token) if token.pos_ == "NOUN" and is_actor_noun(token) else None
        if body is not None:
            # "ministers from the Commonwealth Ministerial Action Group", "gunmen from the
            # radical Islamic group Hamas": members act for the body they belong to
            return _Arg(" ".join(words), None, body.country, True, token)
        if token.pos_ == "NOUN" and any(
            c.dep_ in {"amod", "compound"} and c.lemma_.lower() in _OF_MANY_STATES
            for c in token.children
        ):
            # "a multinational force", "foreign troops": of states other than the place's
            return _Arg(" ".join(words), None, None, True)
        if lemma in GENERIC_ACTORS or (token.pos_ == "NOUN" and agent(lemma) in _STATE_AGENTS):
            state = lemma not in CIVILIANS and (
                lemma in _STATE_NOUNS or agent(lemma) in _STATE_AGENTS
            )
            return _Arg(" ".join(words), None, self.context_country(token, state), True)
        if token.pos_ == "NOUN" and agent(lemma) is not None:
            # a role of the agent dictionary outside the state ("educators", "executives"):
            # people of the place, as civilians are
            return _Arg(" ".join(words), None, self.context_country(token, people=True), True)
        return _Arg(" ".join(words), None, None)

    def named(self, token: Token) -> _Arg:
        """The entity one proper noun names: its mention, else the one known entity whose
        name begins or ends with it ("Suharto" the model left untagged in "Ford-Suharto")."""
        if self.entities.mention_at(token.i) is not None or token.pos_ != "PROPN":
            return self._argument_of_word(token)
        known = [
            r
            for r in self.entities.records.values()
            if r.type in {"PERSON", "ORG", "GPE"}
            and token.text in {r.name.split()[0], r.name.split()[-1]}
        ]
        if len(known) != 1:
            return _Arg(None, None, None)
        record = self.entities.as_state(known[0].entity_id)
        return _Arg(token.text, record.entity_id, record.country, True, token)

    def _argument_of_word(self, token: Token) -> _Arg:
        n = self.entities.mention_at(token.i)
        if n is None:
            return _Arg(None, None, None)
        record = self.entities.as_state(self.entities.entity_of[n])
        country = None if record.entity_id in self.entities.guessed else record.country
        return _Arg(self.entities.mentions[n].text, record.entity_id, country, True, token)

    def member_of(self, token: Token) -> _Arg | None:
        """The organisation a noun for people names with "from" or "of" ("officials from
        the Palestinian Authority", "gunmen from the radical Islamic group Hamas"), with its
        country (none for an international body)."""
        for name in ("from", "of"):
            found = _prep_object(token, name)
            if found is None:
                continue
            if found.lemma_.lower() in _MEMBER_STATES:
                # "ministers from the 15 EU member states", "envoys of NATO countries": the
                # states of a body, named by it, act for that body
                found = next(
                    (
                        c
                        for c in found.subtree
                        if c.dep_ in {"compound", "nmod", "poss"}
                        and (n := self.entities.mention_at(c.i)) is not None
                        and self.entities.mentions[n].label == "ORG"
                    ),
                    found,
                )
            for candidate in (found, *(c for c in found.children if c.dep_ == "appos")):
                n = self.entities.mention_at(candidate.i)
                if n is not None and self.entities.mentions[n].label == "ORG":
                    record = self.entities.as_state(self.entities.entity_of[n])
                    if is_international(record.name):
                        # an international body acts for no one country, whatever the
                        # article's places lent it
                        return _Arg(self.entities.mentions[n].text, record.entity_id, None, True)
                    if record.entity_id in self.entities.guessed:
                        return None
                    return _Arg(self.entities.mentions[n].text, record.entity_id,
                                record.country, True)  # fmt: skip
        return None

    def plural_subject(self, sentence: Span) -> Token | None:
        """The subject of a sentence's main verb when it names several people or parties
        ("The three Palestinians opened fire", "Israeli troops entered the town")."""
        root = sentence.root
        subject = _child(root, "nsubj", "nsubjpass")
        if subject is None or subject.tag_ not in {"NNS", "NNPS"}:
            return None
        n = self.entities.mention_at(subject.i)
        named = n is not None and self.entities.mentions[n].label in {"NORP", "ORG", "GPE"}
        return subject if named or is_actor_noun(subject) else None

    def countries_listed(self, token: Token) -> list[_Arg]:
        """The countries of a list a noun for people comes "from" or is "of" ("ministers from
        Australia, Bangladesh and Canada"), when it names at least two."""
        for name in ("from", "of"):
            found = _prep_object(token, name)
            if found is None or not found.conjuncts:
                continue
            listed: list[_Arg] = []
            for member in sorted((found, *found.conjuncts), key=lambda t: t.i):
                n = self.entities.mention_at(member.i)
                known = place(member.text) if member.pos_ == "PROPN" else None
                if known is not None and known.kind != "country":
                    return []  # towns or states: where people come from, not whose
                if n is not None and self.entities.mentions[n].label in {"GPE", "NORP"}:
                    record = self.entities.as_state(self.entities.entity_of[n])
                    text, entity_id, country = member.text, record.entity_id, record.country
                elif n is None and member.pos_ == "PROPN":
                    text, entity_id = member.text, None
                    country = known.iso3 if known else place_iso3(member.text)
                else:
                    return []
                if country and all(a.country != country for a in listed):
                    listed.append(_Arg(text, entity_id, country, True, member))
            return listed if len(listed) > 1 else []
        return []

    def pair_named_before(self, token: Token, people: bool | None = False) -> list[_Arg]:
        """The two parties "both countries" or "the two leaders" refers to: the last two
        entities with different countries named before it in its sentence or the previous
        one (places for countries, people for leaders; either for `people` None, "the
        two")."""
        number = self.sentence_of[token.i]
        if people is not None:
            people = people or token.lemma_.lower() == "leader"
        found: list[_Arg] = []
        for n in range(len(self.entities.mentions) - 1, -1, -1):
            mention = self.entities.mentions[n]
            if mention.start >= token.i or number - mention.sentence_index > 1:
                if mention.start >= token.i:
                    continue
                break
            if (people is not None and (mention.label == "PERSON") != people) or (
                mention.label == "NORP"
            ):
                continue
            head = self.doc[mention.start : mention.end].root
            if head.dep_ == "pobj" and head.head.lower_ in {"in", "at", "on", "across"}:
                continue  # a place where something happens is not a party ("war in Ukraine")
            record = self.entities.as_state(self.entities.entity_of[n])
            if not record.country or any(f.country == record.country for f in found):
                continue
            found.append(_Arg(mention.text, record.entity_id, record.country, True))
            if len(found) == 2:
                return list(reversed(found))
        return []

    def context_country(
        self, token: Token, state: bool = False, besides: Token | None = None, people: bool = False
    ) -> str | None:
        """Country of a place in the token's own phrase ("police in Kyiv", "protesters
        from Tehran"), else of the place named nearest the token in its sentence (places
        before nationalities), else the article's. When the sentence names places of several
        countries and one is the country the article is about, that one. For a state's
        actor (`state`: police, courts, officials) the article's country is the dateline's
        when there is one. A nationality that modifies `besides` (the one acted on: "Russian
        collusion", "a Chinese national", "the Russia probe") places that one, not the actor; a
        town or state there ("a Boston woman pleaded guilty") is where the case is, so it
        still places a state's actor. Outside the state (civilians, educators, a company), a
        country that is itself a party in the sentence does not place people (`_party`:
        "Russia is unlikely to agree … with fellow exporters", "the Ohio senator asked the
        company", "criticism from Britain"); for `people` of the agent dictionary's other
        sectors, neither does the article's country when the sentence names none (they are
        guessed, not placed)."""
        own = (
            {besides.i} | {c.i for c in besides.children if c.dep_ in _MODIFIER_DEPS}
            if besides is not None
            else set()
        )
        for name in ("in", "from", "at"):
            found = _prep_object(token, name)
            n = self.entities.mention_at(found.i) if found is not None else None
            if n is not None and self.entities.mentions[n].label in {"GPE", "LOC", "FAC"}:
                country = self.entities.as_state(self.entities.entity_of[n]).country
                if country:
                    return country
            elif found is not None and n is None and found.pos_ == "PROPN":
                country = place_iso3(found.text)  # a place the model did not tag
                if country:
                    return country
        home = (self.entities.domestic or self.home) if state else self.home
        number = self.sentence_of[token.i]
        best: tuple[int, int, str] | None = None
        named: set[str] = set()
        for n, mention in enumerate(self.entities.mentions):
            if mention.sentence_index != number or mention.label not in {"GPE", "LOC", "NORP"}:
                continue
            if (
                own
                and any(i in own for i in range(mention.start, mention.end))
                and _names_a_nation(mention)
            ):
                continue
            if not state and _party(self.doc[mention.start : mention.end].root):
                continue
            if _where_said(doc_span(self.doc, mention.start, mention.end).root, token):
                continue  # "In Washington, the IMF said it would work with the new cabinet"
            if _names_a_nation(mention) and _names_a_blow(self.doc[mention.start : mention.end]):
                continue  # "civilians killed in US airstrikes": the striker's, not theirs
            country = self.entities.records[self.entities.entity_of[n]].country
            if country:
                named.add(country)
                rank = (mention.label == "NORP", abs(mention.start - token.i), country)
                best = rank if best is None or rank < best else best
        if len(named) > 1 and home in named:
            return home
        if people:
            return best[2] if best else None
        return best[2] if best else home

    def _home_country(self) -> str | None:
        """The country the article is mostly about: most mentioned, at least twice."""
        counts: dict[str, int] = {}
        for n, mention in enumerate(self.entities.mentions):
            if mention.label in {"GPE", "LOC", "NORP"}:
                country = self.entities.records[self.entities.entity_of[n]].country
                if country:
                    counts[country] = counts.get(country, 0) + 1
        if not counts:
            return None
        country, count = max(counts.items(), key=lambda item: item[1])
        if sum(1 for c in counts.values() if c == count) > 1:
            return None  # a tie: no country leads
        return country if count >= 2 else None

    def verb_subject(self, verb: Token, depth: int = 0) -> Token | None:
        """`_verb_subject`, once per verb and depth (the rules ask for the same verbs' subjects
        many times)."""
        key = (verb.i, depth)
        if key not in self._subjects:
            self._subjects[key] = self._verb_subject(verb, depth)
        return self._subjects[key]

    def passive_patient(self, verb: Token) -> Token | None:
        """The one a passive verb is done to: its subject; the noun its participle qualifies
        ("a man convicted of …"); for a passive joined to an active verb without a subject of
        its own, that verb's subject ("crossed into Turkey and were detained")."""
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i != verb.i:
            return verb.head
        if not _is_passive(verb):
            return None
        found = _child(verb, "nsubjpass")
        if (
            found is not None
            and (found.tag_ in {"WP", "WDT"} or found.lower_ == "that")
            and verb.dep_ == "relcl"
        ):
            return verb.head  # "soldiers who will be deployed": the soldiers
        if found is None and verb.dep_ == "conj" and _child(verb, "nsubj") is None:
            head = verb.head
            found = self.passive_patient(head) if _is_passive(head) else self.verb_subject(head)
        return found

    def _verb_subject(self, verb: Token, depth: int = 0) -> Token | None:
        if _is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            # the agent of a passive, or of a passive participle after a noun ("the diplomat
            # expelled by Washington")
            agent = _prep_object(verb, "by")
            if agent is not None:
                return agent
            if (
                verb.dep_ == "conj"
                and _is_passive(verb)
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
            ):
                # "crossed into Turkey and were detained": the subject the passive shares
                # with the verb it is joined to is the one detained, not who detained them
                return None
            if _is_passive(verb) and _child(verb, "nsubjpass") is not None:
                # "he was aboard a boat ... and he was shot dead": a passive with a subject of
                # its own and no "by" agent names no one who did it; the subject of the
                # clause it is joined to is not its agent
                return None
        # the subject nearest the verb: a dateline the parser made a second subject
        # ("JERUSALEM (AP) — Israeli warplanes struck") is farther away
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        subject = max(subjects, key=lambda c: c.i) if subjects else None
        if (
            subject is not None
            and depth > 0
            and verb.pos_ == "AUX"
            and subject.lemma_.lower() in _INTENTIONS
        ):
            owner = _child(subject, "poss")
            if owner is not None:
                return owner  # "Hamas' focus will be on attacking": Hamas attacks
        if (
            subject is not None
            and subject.tag_ in {"WP", "WDT"}
            or (subject is not None and subject.lower_ == "that" and verb.dep_ == "relcl")
        ):
            clause = verb
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            return clause.head if clause.dep_ == "relcl" else None
        if subject is not None or depth > 5:
            return subject
        head = verb.head
        if head.i == verb.i:
            return None
        if (
            verb.dep_ == "conj"
            and _child(verb.head, "nsubj") is not None
            and verb.head.dep_ == "relcl"
        ):
            return self.verb_subject(verb.head, depth + 1)
        if verb.dep_ == "xcomp" and head.pos_ == "VERB" and head.lemma_ not in _SUBJECT_CONTROL:
            # object control: "urged Germany to deliver", "forced them to flee"
            obj = _child(head, "dobj")
            if obj is not None and self.names_actor(obj):
                return obj
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
            # "Hungary is ready to negotiate", "was willing to talk": the adjective's subject
            return self.verb_subject(head.head, depth + 1)
        if verb.dep_ == "conj" and head.pos_ not in {"VERB", "AUX"}:
            # a verb the parser joined to a noun ("to disperse protests and beating
            # demonstrators"): the verb that governs that noun
            while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
                head = head.head
            if head.pos_ not in {"VERB", "AUX"}:
                return None
        if verb.dep_ == "conj" or (
            verb.dep_ in {"xcomp", "advcl"} and head.pos_ in {"VERB", "AUX"}
        ):
            return self.verb_subject(head, depth + 1)
        if (
            verb.dep_ == "pcomp"
            and head.dep_ == "prep"
            and head.head.pos_ == "ADJ"
            and head.head.head.pos_ in {"VERB", "AUX"}
        ):
            # "pleading guilty to threatening": through the adjective to its verb
            return self.verb_subject(head.head.head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
            governor = head.head
            # "accused Pyongyang of supplying", "warned Iran against sending", "thanked
            # Kim for supporting": the object of the governing verb does it
            if governor.lemma_ in _OBJECT_CONTROL or head.lower_ in {"of", "against", "from"}:
                obj = _child(governor, "dobj")
                if obj is not None and self.names_actor(obj):
                    return obj
            if head.lower_ in {"of", "for", "with", "against", "from"}:
                # "Iran was accused of supplying drones", "the ambassador was criticised for
                # threatening Taiwan", "a man convicted of threatening": the one the passive
                # is done to (its subject, or the noun its participle qualifies) does it
                done_to = self.passive_patient(governor)
                if done_to is not None and self.names_actor(done_to):
                    return done_to
            return self.verb_subject(governor, depth + 1)
        if verb.dep_ in {"acl", "relcl"}:
            of_object = _prep_object(head, "of")
            if of_object is not None:
                return of_object
            if verb.tag_ == "VBG" or verb.dep_ == "acl":
                return head if verb.dep_ == "acl" and verb.tag_ == "VBG" else None
        return None

    def owner(self, token: Token, makers: bool = True) -> _Arg | None:
        """The entity a thing belongs to: a possessor or a nationality or name modifying it
        ("Beijing's plan", "Israeli positions", "a Russian warship"), else the one its "by"
        phrase names as its maker ("an appeal by the state of Alabama", "the budget passed by
        the legislature")."""
        if token.pos_ != "NOUN":
            return None
        for child in token.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"}:
                found = self.entities.mention_at(child.i)
                if found is None and child.pos_ == "PRON" and child.dep_ == "poss":
                    found = self.entities.antecedent(self.doc, child.i)  # "its facilities"
                if found is not None:
                    record = self.entities.as_state(self.entities.entity_of[found])
                    if record.entity_id in self.entities.guessed or not (
                        record.country or record.type in {"PERSON", "ORG"}
                    ):
                        continue  # "Kurdish positions in Syria": placed by Syria below
                    return _Arg(self.entities.mentions[found].text, record.entity_id,
                                record.country, True, child)  # fmt: skip
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ == "NOUN" and is_actor_noun(child):
                # "the Georgian government's law", "the Iranian military's drones": an actor
                # noun owning the thing, placed by its own words
                found_arg = self.argument(child)
                if found_arg.country and found_arg.actor_like:
                    return found_arg
        for carrying in token.children:
            if carrying.dep_ == "acl" and carrying.lemma_.lower() in _CARRYING:
                # "an ambush on a bus carrying Israeli settlers": what is done to a vehicle
                # is done to the people it carries
                aboard = self.argument(_child(carrying, "dobj"))
                if aboard.actor_like and aboard.country:
                    return aboard
        if not makers:
            return None
        for holder in (token, *_participles(token)):
            maker = _prep_object(holder, "by")
            if maker is None:
                continue
            made_by = self.argument(maker)
            if made_by.actor_like and made_by.country:
                return made_by
        return None

    def names_actor(self, token: Token) -> bool:
        """Whether a phrase head can be someone who acts: an entity, a pronoun for one, or
        an actor noun ("used force to crush": force is no one)."""
        return (
            self.entities.mention_at(token.i) is not None
            or token.pos_ == "PRON"
            or (is_actor_noun(token) and token.lower_ != "force")  # "lethal force"
        )

    def business(self, arg: _Arg) -> bool:
        """A company, or a noun for companies or business people ("companies", "firms")."""
        if arg.entity_id is not None:
            record = self.entities.records[arg.entity_id]
            if record.type == "ORG" and (
                is_company(record.name) or bool(arg.text and is_company(arg.text))
            ):
                return True
        if arg.token is not None and self.branch(arg.token):
            return True
        words = [arg.token.lemma_.lower()] if arg.token is not None else []
        if arg.text:  # a pronoun's antecedent ("they": the companies)
            last = arg.text.split()[-1].lower()
            words += [last, last[:-3] + "y" if last.endswith("ies") else last.rstrip("s")]
        return any(agent(word) in {"BUS", "MNC"} for word in words)

    def product_name(self, arg: _Arg) -> bool:
        """An organisation's name that names no political actor: no state body, no
        international body, not in the actor dictionary but as a company."""
        if arg.entity_id is None:
            return False
        record = self.entities.records[arg.entity_id]
        if record.type != "ORG" or is_state_body(record.name) or is_international(record.name):
            return False
        found = actor(record.name)
        return found is None or found.sector in {"MNC", "BUS"}

    def branch(self, token: Token) -> bool:
        """A country named after an organisation's name ("Lexus Philippines offers all
        models", "Samsung India"): the organisation's branch there, not the state."""
        place = self.entities.mention_at(token.i)
        if place is None or self.entities.mentions[place].label not in {"GPE", "LOC"}:
            return False
        for child in token.children:
            if child.dep_ != "compound" or child.i > token.i:
                continue
            found = self.entities.mention_at(child.i)
            if found is not None and found != place:
                mention = self.entities.mentions[found]
                if mention.label == "ORG" and not is_state_body(mention.text):
                    return True
        return False

    def names_actor_or_none(self, token: Token | None) -> bool:
        return token is not None and self.names_actor(token)

    def slot(self, trigger: Token, name: str) -> Token | None:
        if name == "that":  # "prosecutors alleged that Epstein abused girls": Epstein
            clause = _child(trigger, "ccomp")
            if clause is None:
                return None
            agent = _prep_object(clause, "by") if _is_passive(clause) else None
            if agent is not None and (self.names_actor(agent) or self.owner(agent)):
                # "alleges the attack was backed by the Pakistani intelligence service": the
                # one the clause says did it
                return agent
            return _child(clause, "nsubj", "nsubjpass")
        if name == "dobj":
            if _is_passive(trigger):
                found = self.passive_patient(trigger)
                if (
                    found is not None
                    and (found.tag_ in {"WP", "WDT"} or found.lower_ == "that")
                    and trigger.dep_ == "relcl"
                ):
                    return trigger.head  # "the journalist, who was detained by …"
                return found
            if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.i != trigger.i:
                # "a man convicted of threatening", "journalists arrested in Tehran": a
                # passive participle after a noun is done to that noun
                return trigger.head
            return _child(trigger, "dobj", "attr")
        found = _prep_object(trigger, name)
        if found is not None:
            return found
        obj = _child(trigger, "dobj")
        if obj is not None:
            found = _prep_object(obj, name)
        return found

    def deep_prep(self, token: Token, name: str) -> Token | None:
        """A preposition's object anywhere in the trigger's own phrase (not across clauses)."""
        queue = list(token.children)
        while queue:
            current = queue.pop(0)
            if current.dep_ in _CLAUSE_DEPS:
                continue
            if current.dep_ == "prep" and current.lower_ == name:
                found = _child(current, "pobj")
                if found is not None:
                    return found
            queue.extend(current.children)
        return None

    # -- the event ------------------------------------------------------------------------
    def object_lemmas(self, trigger: Token) -> set[str]:
        obj = _child(trigger, "dobj", "nsubjpass") if trigger.pos_ == "VERB" else None
        if obj is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            obj = trigger.head  # "the diplomat expelled by Washington": done to the diplomat
        lemmas = set()
        if obj is not None:
            obj = _counted(obj)  # "fired dozens of rockets": rockets
            lemmas.add(obj.lemma_.lower())
            lemmas.update(c.lemma_.lower() for c in obj.children if c.dep_ in {"compound", "conj"})
        if trigger.pos_ == "VERB" and obj is None:
            lemmas.update(c.lemma_.lower() for c in trigger.children if c.dep_ == "xcomp")
            for child in trigger.children:
                if child.dep_ == "xcomp":
                    lemmas.update(c.lemma_.lower() for c in child.children if c.dep_ == "dobj")
        return lemmas

    def accepts(self, token: Token, entry: Trigger) -> bool:
        if entry.pos == "V" and (token.pos_ != "VERB" or token.dep_ == "amod"):
            return False
        if (
            entry.particle is not None
            and all(_prep_object(token, word) is None for word in entry.particle.split(";"))
            and not ("for" in entry.particle.split(";") and _for_clause_subject(token))
            and not any(
                c.dep_ in {"prt", "prep"} and c.lower_ in entry.particle.split(";")
                for c in token.children
            )  # "lashed out at", "pulled out of" (parsed as a preposition of its own)
            and not (entry.type == "PROTEST" and self.protesters(token))
        ):
            return False
        if entry.particle is not None and any(
            c.dep_ == "prt" and c.lower_ not in entry.particle.split(";") for c in token.children
        ):
            return False  # "called in to Jakarta", "called off the strike": another verb
        lemmas = self.object_lemmas(token)
        if entry.pos == "N":
            lemmas |= {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
        if entry.excluded:
            near = {c.lemma_.lower() for c in token.children}
            near |= {g.lemma_.lower() for c in token.children for g in c.children}
            if token.dep_ == "compound":
                near.add(token.head.lemma_.lower())  # "detention center", "withdrawal fee"
            if entry.excluded & (lemmas | near):
                return False
        obj = _child(token, "dobj", "nsubjpass") if token.pos_ == "VERB" else None
        if obj is not None and entry.objects:
            found = self.entities.mention_at(obj.i)
            if found is not None and self.entities.mentions[found].label == "PERSON":
                lemmas = lemmas | {"person"}  # a named person is a person ("released Navalny")
        if (
            entry.objects
            and not (entry.objects & lemmas)
            and not (entry.pos == "N" and entry.type == "ASSAULT" and self.placed_by(token))
        ):
            # without a direct object, a filled slot preposition says what kind of act it
            # is ("forces fired on protesters", "strikes on Nablus", not "a strike on
            # Monday"), else the object had to be one of these; a noun of force placed by a
            # nation names its side ("the Gaza strikes", "US strikes")
            has_object = any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children)
            if has_object or not any(
                (filled := _prep_object(token, name)) is not None
                and not (entry.pos == "N" and filled.ent_type_ in {"DATE", "TIME"})
                for name in entry.slots
                if name not in {"dobj", "to"}
            ):
                return False
        if entry.governors and not any(
            c.dep_ == "acl" and c.lemma_.lower() in entry.governors for c in token.children
        ):  # "the jail sentence given to a man", "charges filed in Ohio"
            governor = _governor(token)
            if token.dep_ not in {"dobj", "pobj", "nsubjpass", "conj"} or (
                governor.lemma_.lower() not in entry.governors
                and not any(c.dep_ == "prep" and c.lower_ == "against" for c in token.children)
            ):
                return False
        if (
            entry.type == "REJECT"
            and entry.pos == "V"
            and any(c.dep_ == "xcomp" and c.lemma_.lower() in _DISCLOSING for c in token.children)
        ):
            return False  # "declined to say", "refused to confirm": no comment to the press
        if entry.type == "REQUEST" and entry.pos == "V" and _asks_a_question(token):
            return False
        if entry.type == "PROTEST" and entry.lemma == "rally":
            sentence = self.sentences[self.sentence_of[token.i]]
            if any(t.lemma_.lower() in _MARKET_WORDS for t in sentence):
                return False
        return True

    def in_fighting(self, token: Token) -> bool:
        """Whether the sentence of a word of harm tells of arms or of an attack ("injured in
        the exchange of fire", "wounded when Russian drones hit Kharkiv")."""
        for word in self.sentences[self.sentence_of[token.i]]:
            if word.i == token.i or word.pos_ not in {"NOUN", "VERB"}:
                continue
            lemma = word.lemma_.lower()
            found = lookup(lemma, word.pos_)
            if lemma in _WEAPON_NOUNS or (
                found is not None
                and found.type == "ASSAULT"
                and found.cameo is None
                and found.lemma not in _HURT
            ):
                return True
        return False

    def names_place(self, arg: _Arg) -> bool:
        """Whether an argument is a named place or facility, not a body or a person."""
        if arg.entity_id is not None:
            return self.entities.records[arg.entity_id].type in {"GPE", "LOC", "FAC"} and (
                arg.token is None or self.entities.mention_at(arg.token.i) is not None
            )
        return False

    def placed_by(self, noun: Token) -> bool:
        """Whether a modifier of a noun names a place or a nation ("the Gaza strikes")."""
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "poss"} and child.i < noun.i:
                found = self.entities.mention_at(child.i)
                if found is not None and self.entities.mentions[found].label in {
                    "GPE", "NORP",
                }:  # fmt: skip
                    return True
        return False

    def protesters(self, verb: Token) -> bool:
        """Whether a verb's subject is people who protest ("protesters marched", "thousands
        of teachers rallied"): then "march", "rally" and "demonstrate" need no "against"."""
        subject = _child(verb, "nsubj")
        if subject is None:
            return False
        counted = _prep_object(subject, "of")
        if counted is not None and (subject.like_num or subject.lemma_.lower() in _QUANTITIES):
            subject = counted
        return subject.lemma_.lower() in _PROTESTERS

    def roles(self, token: Token, entry: Trigger) -> tuple[_Arg, _Arg]:
        if entry.slots == ("<from",):
            actor_token = self.deep_prep(token, "from")
            recipient_token = self.verb_subject(token)
            return self.argument(actor_token), self.argument(recipient_token)
        if entry.pos == "V":
            actor = self.argument(self.verb_subject(token))
            if (
                actor.entity_id is None
                and not actor.country
                and entry.type == "ASSAULT"
                and _is_passive(token)
            ):
                # "civilians were killed in Russian airstrikes", "wounded by Israeli
                # shelling": whose weapon it was did it
                for weapon in self.weapons(token):
                    used_by = self.argument(weapon)
                    if not used_by.country and _prep_object(weapon, "by") is not None:
                        used_by = self.argument(_prep_object(weapon, "by"))  # "raids by US jets"
                    if used_by.country:
                        actor = used_by
                        break
            if (
                not actor.country
                and entry.type == "ASSAULT"
                and actor.token is not None
                and actor.token.lemma_.lower() in _PLATFORMS
            ):
                # "Helicopters also opened fire", "the tanks fired two shells": a war machine
                # with no side of its own fights for the armed force named last before it
                force = self.armed_force_before(actor.token)
                if force is not None:
                    actor = _Arg(actor.text, force.entity_id, force.country, True, actor.token)
            # the first slot that names an entity, else the first filled one ("launched
            # airstrikes against Hamas on Tuesday": Hamas, not Tuesday)
            recipient_token = None
            for name in entry.slots:
                candidate_token = self.slot(token, name)
                if candidate_token is None:
                    continue
                if recipient_token is None:
                    recipient_token = candidate_token
                if self.entities.mention_at(candidate_token.i) is not None or (
                    self.argument(candidate_token).entity_id is not None
                ):
                    recipient_token = candidate_token
                    break
            if recipient_token is None:
                # "called for Israel to withdraw", "pushed for the minister to resign": the
                # subject of the for-clause is the one asked
                recipient_token = _for_clause_subject(token)
            if recipient_token is None:  # "threatened to kill X", "urged … to meet X"
                clause = _child(token, "xcomp")
                if clause is None and entry.type == "AGREE":
                    clause = _promised_act(token)  # "pledged that he would work with X"
                if clause is not None:
                    recipient_token = _child(clause, "dobj")
                    for other in clause.children:  # "threatened to assault and murder X"
                        if recipient_token is None and other.dep_ == "conj":
                            recipient_token = _child(other, "dobj")
                    if recipient_token is None or self.argument(recipient_token).entity_id is None:
                        # "threatened to use nuclear weapons against South Korea", "vowed to
                        # impose tariffs on China", "agreed to send tanks to Poland", "refused
                        # to work with Iran": the one the clause's act is aimed at
                        for name in ("against", "on", "at", "to", "with"):
                            aimed = _prep_object(clause, name)
                            if aimed is not None and self.argument(aimed).entity_id is not None:
                                recipient_token = aimed
                                break
            if recipient_token is not None and recipient_token.pos_ == "VERB":
                # "threatening to assault and murder a U.S. official" parsed as a preposition
                # and its object: the object of that verb (or of the verb joined to it)
                verbs = [
                    recipient_token,
                    *(c for c in recipient_token.children if c.dep_ == "conj"),
                ]
                recipient_token = next(
                    (o for v in verbs for o in v.children if o.dep_ == "dobj"), None
                )
            recipient = self.argument(recipient_token)
            if recipient.entity_id is None:
                recipient = self.fallback_recipient(token, entry, recipient)
            if (
                recipient.entity_id is None
                and entry.type in _ADDRESSED
                and token.dep_ == "advcl"
                and token.head.lemma_.lower() in _SAYING
            ):
                # "Sasse told Hawk Sawyer, calling for an explanation": what is asked or
                # charged while telling someone is addressed to that one
                addressee = _child(token.head, "dobj", "dative")
                if addressee is not None and self.names_actor(addressee):
                    addressed = self.argument(addressee)
                    if addressed.entity_id is not None:
                        recipient = addressed
            if recipient.entity_id is None and (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL):
                # "agreed to a ceasefire with Israel": the partner of what is agreed
                partner = self.deep_prep(token, "with")
                candidate = self.argument(partner) if partner is not None else None
                if candidate is not None and candidate.entity_id is not None:
                    recipient = candidate
            return actor, recipient
        # nouns
        if entry.governors:
            verb = _governor(token)
            if verb.pos_ == "VERB" and verb.lemma_.lower() in _ANSWERING_VERBS:
                # "Webb faces charges", "pleaded guilty to charges": the one who answers them
                # is their recipient; who brought them is left to the implicit-actor rules
                subject = self.verb_subject(verb)
                if subject is not None and self.names_actor(subject):
                    return _Arg(None, None, None), self.argument(subject)
            if verb.pos_ == "VERB" and verb.lemma_.lower() in _GIVING:
                # "the court gave him a sentence", "he was handed a sentence": the one given
                # it is its recipient, whoever gave it the actor
                given = _child(verb, "dative") or self.passive_patient(verb)
                if given is not None and given.pos_ in {"NOUN", "PROPN", "PRON"}:
                    return self.argument(self.verb_subject(verb)), self.argument(given)
            if verb.pos_ == "VERB" and verb.lemma_.lower() == "serve":
                subject = self.verb_subject(verb)  # "he is serving a life sentence"
                if subject is not None and self.names_actor(subject):
                    return _Arg(None, None, None), self.argument(subject)
        if (
            token.dep_ == "dobj"
            and token.head.pos_ == "VERB"
            and token.head.lemma_.lower() in _RECEIVING
            and (
                self.names_actor_or_none(self.verb_subject(token.head))
                or _names_an_event(self.verb_subject(token.head))
            )
        ):
            # "NASA is getting criticism", "Israel drew condemnation from Turkey": whoever
            # gets, draws or faces an act is its target, the "from" object its source; an
            # event that draws it ("Russia's invasion drew condemnation") stands for whoever
            # did it
            verb = token.head
            return self.argument(self.deep_prep(verb, "from")), self.argument(
                self.verb_subject(verb)
            )
        if token.dep_ == "dobj" and token.head.pos_ == "VERB":
            verb = token.head
            own = lookup(verb.lemma_, verb.pos_)
            if own is None or own.cameo or not self.accepts(verb, own):
                pattern = self.pattern(verb)
            else:
                pattern = None
            if pattern is not None and pattern.passive and pattern.type == entry.type:
                # "Russia faced criticism from Germany": the verb's CAMEO pattern makes its
                # subject the target, and the "from" object (if any) the source
                return self.argument(self.deep_prep(verb, "from")), self.argument(
                    self.verb_subject(verb)
                )
        between = None
        if "between" in entry.slots:
            between = _prep_object(token, "between")
            if between is None and token.dep_ == "dobj":
                between = _prep_object(token.head, "between")  # "mediating talks between"
        if between is not None:
            # "talks between Israel and Hamas": the two parties, whoever hosts the talks
            first = self.argument(between)
            others = self.coordinated(first)
            if first.entity_id is not None and others:
                return first, others[0]
            second = _child(between, "conj")
            if (
                second is not None
                and is_actor_noun(between)
                and (is_actor_noun(second) or second.lemma_.lower() in CIVILIANS)
            ):
                # "clashes between police and protesters": two sides named by what they
                # are, placed as such actors are (by their own words or the place)
                return first, self.argument(second)
        if entry.type in _SYMMETRIC or entry.lemma in _MUTUAL:
            for named_second in token.children:
                named_first = next(
                    (
                        c
                        for c in named_second.children
                        if c.dep_ == "compound"
                        and c.i < named_second.i
                        and any(p.lower_ in {"-", "–"} for p in self.doc[c.i + 1 : named_second.i])
                    ),
                    None,
                )
                if named_second.dep_ != "compound" or named_first is None:
                    continue
                # "the Ford-Suharto meeting", "the Putin-Kim summit": the two named parties
                left, right = self.named(named_first), self.named(named_second)
                if left.entity_id and right.entity_id and left.entity_id != right.entity_id:
                    return left, right
        if (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL) and any(
            c.dep_ == "poss" and c.lower_ == "their" for c in token.children
        ):
            parties = self.their_parties(token)
            if parties is not None:
                return parties
        actor = _Arg(None, None, None)
        patient = _Arg(None, None, None)
        for child in token.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                if _town_struck(child):
                    patient = self.argument(child)  # "the Gaza strikes": struck there
                    continue
                candidate = self.argument(child)
                if candidate.entity_id is not None:
                    if (
                        child.dep_ == "poss"
                        and entry.slots[:1] == ("of",)
                        and entry.type in {"COERCE", "ASSAULT"}
                        and _prep_object(token, "of") is None
                        and self.entities.records[candidate.entity_id].type == "PERSON"
                    ):
                        # "his arrest", "Navalny's killing": a person before a noun whose
                        # object takes "of" is the one it was done to
                        patient = candidate
                        continue
                    actor = candidate
                    break
        # "an inquiry from the office of the attorney general"; "the withdrawal of Armenian
        # troops from…": an "of" phrase names who acts when the noun's object takes another
        for name in ("by", "from", "of"):
            if actor.entity_id is None and name not in entry.slots:
                found = _prep_object(token, name)
                if found is None and name == "by":
                    # "aid promised by Japan", "the raid, carried out by Israeli forces": the
                    # agent of a passive participle after the noun did it
                    found = next(
                        (
                            o
                            for p in _participles(token)
                            if (o := _prep_object(p, "by")) is not None
                        ),
                        None,
                    )
                if (
                    found is not None
                    and name == "from"
                    and entry.mode == "visit"
                    and (mention := self.entities.mention_at(found.i)) is not None
                    and self.entities.mentions[mention].label in {"GPE", "LOC", "FAC"}
                ):
                    continue  # "a 24-hour trip from the USA": where the trip starts
                if found is not None:
                    candidate = self.argument(found)
                    if candidate.actor_like:
                        actor = candidate
        governor = token.head
        if (
            actor.entity_id is None
            and token.dep_ == "pobj"
            and governor.dep_ == "prep"
            and governor.lower_ in {"for", "during", "on", "at"}
            and governor.head.pos_ == "VERB"
        ):
            actor = self.argument(self.verb_subject(governor.head))
        if (
            actor.entity_id is None
            and token.dep_ in {"dobj", "conj"}
            and governor.pos_ in {"VERB", "NOUN"}
        ):
            verb = governor if token.dep_ == "dobj" else governor.head
            # the subject of a light verb acts ("Kim voiced his support", "Russia launched an
            # attack"); one of another event verb does not ("Saudi Arabia condemned the
            # attack": the condemner is not the attacker)
            light = lookup(verb.lemma_, verb.pos_)
            if (
                verb.pos_ == "VERB"
                and (
                    light is None
                    or light.type == entry.type
                    or light.cameo is not None
                    # "promised an investigation", "pledged aid": who undertakes an act
                    # will do it
                    or (light.type == "AGREE" and token.dep_ == "dobj")
                )
                and verb.lemma_.lower() not in _PREVENTING
                and not (entry.governors and verb.lemma_.lower() not in entry.governors)
            ):  # "applauded the sentence given to him": the applauder gave none
                actor = self.argument(self.verb_subject(verb))
        recipient = patient
        if patient.entity_id is not None:
            return actor, recipient
        targeted = self.target_of(token)
        if targeted is not None:
            return actor, targeted
        heads = [token, *(c for c in token.children if c.dep_ == "conj"), *_participles(token)]
        if token.dep_ == "dobj":
            heads.append(governor)
        for name in entry.slots:
            for head in heads:
                found = _prep_object(head, name)
                if found is not None:
                    recipient = self.argument(found)
                    if recipient.entity_id is not None:
                        return actor, recipient
        if recipient.entity_id is None and entry.type in {"ACCUSE", "REQUEST"}:
            # "Sharon's accusation that Arafat was responsible", "the demand that Iran
            # release the sailors": the subject of the noun's that-clause
            clause = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in {"acl", "ccomp"}
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ),
                None,
            )
            named = self.argument(_child(clause, "nsubj", "nsubjpass")) if clause else None
            if named is not None and named.entity_id is not None:
                return actor, named
        if recipient.entity_id is None:
            recipient = self.fallback_recipient(token, entry, recipient)
        return actor, recipient

    def warns_of_own_act(self, token: Token, actor: _Arg, recipient: _Arg) -> bool:
        """Whether a warning is a threat: it names whom it warns, or its that-clause says
        what the warner or its side will do (its subject is the warner, "we" or a pronoun);
        a that-clause about something else is a warning of a danger."""
        if recipient.actor_like or _child(token, "dobj") is not None:
            return True
        clause = _child(token, "ccomp")
        subject = _child(clause, "nsubj") if clause is not None else None
        if subject is None:
            return True  # "warned of reprisals", "warned against ...": as CAMEO codes them
        if subject.lower_ in {"i", "we", "he", "she", "it", "they"}:
            return True
        return actor.entity_id is not None and self.argument(subject).entity_id == actor.entity_id

    def natural(self, token: Token) -> bool:
        """Whether a harm is done by nature: its subject or object is a natural hazard
        ("storms that struck", "battling a fire"), or it happened when one struck ("were
        killed when a thunderstorm struck")."""

        def hazard(word: Token | None) -> bool:
            return word is not None and (
                word.lemma_.lower() in _HAZARDS
                or any(c.dep_ == "compound" and c.lemma_.lower() in _HAZARDS for c in word.children)
            )

        if token.pos_ != "VERB":
            return False
        subject = self.verb_subject(token)
        if hazard(subject) or hazard(_child(token, "dobj")):
            return True
        if subject is not None and subject.lemma_.lower() in _FIREFIGHTERS:
            return True  # "firefighters are battling a fire band": what they fight is fire
        return any(c.dep_ == "advcl" and hazard(_child(c, "nsubj")) for c in token.children)

    def weapons(self, verb: Token) -> list[Token]:
        """The weapons or blows a passive verb of harm names in its "in" or "by" phrase, or the
        phrase of a verb joined to it ("were killed and 200 wounded in three nights of US
        airstrikes", "killed and 15 injured in bombing raids by US warplanes")."""
        verbs = [verb]
        for other in verb.children:
            if other.dep_ != "conj":
                continue
            verbs.append(other)
            verbs.extend(c for c in other.children if c.dep_ == "acl" and c.tag_ == "VBN")
        found = []
        for current in verbs:
            for name in ("in", "by"):
                weapon = _prep_object(current, name)
                if weapon is not None and weapon.lemma_.lower() not in _WEAPON_NOUNS:
                    weapon = _prep_object(weapon, "of")  # "three nights of US airstrikes"
                if weapon is not None and weapon.lemma_.lower() in _WEAPON_NOUNS:
                    found.append(weapon)
        return found

    def aimed_at(self, thing: Token) -> _Arg | None:
        """Whom a thing acted on is aimed at: its "on" or "against" object, or that object's
        owner ("lifted sanctions on Iran", "eased tariffs on Chinese goods")."""
        for name in ("on", "against"):
            found = _prep_object(thing, name) or next(
                (o for p in _participles(thing) if (o := _prep_object(p, name)) is not None), None
            )  # "the sanctions imposed on Caracas"
            if found is None:
                continue
            aimed = self.argument(found)
            if aimed.entity_id is not None and aimed.country:
                return aimed
            owner = self.owner(found)
            if owner is not None and owner.country:
                return owner
        return None

    def place_country(self, found: Token) -> str | None:
        """The country of the place a preposition's object names: the place itself ("in
        Tehran"), else a place or nationality among its modifiers and its "of" phrase ("in
        the Russian city of Ryazan", "near the village of Ivanivka"), not entering clauses.
        A weapon or a blow is no place ("killed in American airstrikes": the striker's)."""
        blow = lookup(found.lemma_, found.pos_) or lookup(found.lower_, found.pos_)
        if found.lemma_.lower() in _WEAPON_NOUNS or (
            blow is not None and blow.pos == "N" and blow.type == "ASSAULT"
        ):
            return None
        queue = [found]
        while queue:
            current = queue.pop(0)
            n = self.entities.mention_at(current.i)
            if n is not None and self.entities.mentions[n].label in {"GPE", "LOC", "NORP"}:
                country = self.entities.as_state(self.entities.entity_of[n]).country
                if country:
                    return country
            elif n is None and current.pos_ == "PROPN":
                country = place_iso3(current.text)  # a place the model did not tag
                if country:
                    return country
            if current.i != found.i and n is not None:
                continue  # another entity's own words ("the Russian city of" is one phrase)
            queue.extend(
                c
                for c in current.children
                if c.dep_ in _MODIFIER_DEPS
                or c.dep_ == "pobj"
                or (c.dep_ == "prep" and c.lower_ == "of")
            )
        return None

    def target_of(self, token: Token) -> _Arg | None:
        """The one a noun event is aimed at when the text says it is its target: "WeWork is
        the subject of an SEC inquiry", "Kyiv became the target of Russian strikes"."""
        if not (token.dep_ == "pobj" and token.head.lower_ == "of"):
            return None
        role = token.head.head
        if role.lemma_.lower() not in _TARGET_ROLES or role.dep_ not in {"attr", "oprd"}:
            return None
        verb = role.head
        if verb.lemma_.lower() not in {"be", "become", "remain"}:
            return None
        subject = _child(verb, "nsubj")
        if subject is None:
            return None
        found = self.argument(subject)
        return found if found.actor_like else None

    def their_parties(self, token: Token) -> tuple[_Arg, _Arg] | None:
        """The two parties of "their talks", "their cooperation": the coordinated subject of
        the verb that governs the noun ("Putin and Kim praised their cooperation"), else the
        last two parties of different countries named before it (`pair_named_before`)."""
        verb = _governor(token)
        if verb.pos_ == "VERB":
            subject = self.verb_subject(verb)
            if subject is not None:
                first = self.argument(subject)
                others = self.coordinated(first)
                if first.entity_id is not None and others:
                    return first, others[0]
        pair = self.pair_named_before(token)
        return (pair[0], pair[1]) if len(pair) == 2 else None

    def fallback_recipient(self, token: Token, entry: Trigger, found: _Arg) -> _Arg:
        """When the trigger's own slots name no entity: the first entity among the
        arguments that name whom an act is aimed at in English whatever the verb ("against",
        "on", "with", "toward(s)", the direct object of a verb, "of" after a noun with an actor:
        "Russia's invasion of Ukraine"). Only an entity is taken, never a common noun."""
        names: tuple[str, ...] = ("against", "on", "with", "toward", "towards", "to")
        if entry.pos == "V":
            names = ("dobj", *names)
            if entry.type in {"REQUEST", "ACCUSE"}:
                names = (*names, "that")  # "demanded that the government reach a deal"
        elif any(c.dep_ in {"poss", "amod", "compound"} for c in token.children):
            names = (*names, "of")
        for name in names:
            if name in entry.slots or name.startswith("<"):
                continue
            if name == "dobj":
                candidate_token = _child(token, "dobj") if not _is_passive(token) else None
            elif name == "that":
                candidate_token = self.slot(token, "that")
            else:
                candidate_token = _prep_object(token, name)
            if candidate_token is None:
                continue
            candidate = self.argument(candidate_token)
            if candidate.entity_id is not None:
                return candidate
        return found

    def same_event(self, token: Token, entry: Trigger) -> bool:
        """A second trigger word of an event already coded in its clause: a noun coordinated
        with a trigger of the same type ("his support and solidarity"), a CONSULT noun in
        a phrase of a CONSULT trigger ("visit Moscow for their next meeting"), or the second
        count of a toll ("20 were killed and 40 injured")."""
        if _same_toll(token):
            return True
        if token.dep_ == "conj" and not (
            entry.pos == "V" and any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children)
        ):
            # a verb with an object of its own is a clause of its own ("arrived in Beirut and
            # met Lebanese officials"), not a second word for its head's event
            head = lookup(token.head.lemma_, token.head.pos_)
            if head is not None and head.type == entry.type and self.accepts(token.head, head):
                return True
        if entry.pos == "N":
            # "as a form of protest" under "blocked roads"; "visit Moscow for their meeting"
            current = token
            for _ in range(6):
                if current.head.i == current.i or current.dep_ in {
                    "relcl", "ccomp", "parataxis", "nsubj", "nsubjpass", "csubj",
                }:  # fmt: skip
                    # a subject is an event of its own ("Russia's invasion of Ukraine has
                    # killed thousands"), not a second word for its verb's
                    break
                current = current.head
                head = lookup(current.lemma_, current.pos_)
                if (
                    head is not None
                    and head.cameo is None  # "mediating talks": the talks are the event
                    and head.type == entry.type
                    and self.accepts(current, head)
                ):
                    return True
        return False

    def meets_alone(self, token: Token, entry: Trigger, recipient: _Arg) -> bool:
        """Whether "meet" with no one to meet has a subject of one party ("the members of
        the parliament meet today"): a body sitting, not parties meeting each other, which
        an intransitive "meet" needs ("Putin and Xi met", "ministers from France and
        Germany will meet")."""
        if not (entry.type == "CONSULT" and entry.pos == "V" and entry.mode == "meet"):
            return False
        if recipient.entity_id is not None or recipient.country or recipient.text:
            return False
        subject = self.verb_subject(token)
        if subject is None or subject.pos_ == "PRON":
            return False  # "they met": who they are lies outside the clause
        return not any(word.dep_ == "conj" for word in subject.subtree)

    def modality(self, token: Token) -> str:
        if any(c.dep_ == "neg" for c in token.children):
            return "denied"
        if token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in token.children
        ):
            return "denied"  # "no talks were held"
        if token.dep_ == "pcomp" and token.head.lower_ == "without":
            return "denied"  # "without consulting Germany"
        if token.pos_ == "VERB" and _negative_subject(self.verb_subject(token)):
            return "denied"  # "neither the House nor the Senate provided", "no country sent"
        clause = token
        while clause.dep_ == "conj" and clause.head.i != clause.i and clause.head.pos_ == "VERB":
            clause = clause.head  # "is not working to dismantle ... and to arrest them"
        infinitive = clause.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        )  # "is not working to arrest them": a purpose clause
        if (
            (clause.dep_ == "xcomp" or infinitive)
            and any(c.dep_ == "neg" for c in clause.head.children)
            and clause.head.lemma_.lower() not in {"hesitate", "fail", "stop", "cease"}
        ):
            return "denied"  # "he didn't appear to clash with Rondo", "did not try to attack"
        if (
            token.dep_ == "ccomp"
            and token.head.lemma_.lower() in _DENY
            and not any(c.dep_ == "neg" for c in token.head.children)
        ):
            return "denied"  # "Israel denied that it had attacked Iran"
        governor = token.head if token.dep_ in {"xcomp", "dobj", "pobj"} else None
        if governor is not None and governor.dep_ == "prep":
            governor = governor.head
        if (
            governor is not None
            and governor.pos_ == "VERB"
            and governor.lemma_.lower() in _NEGATING
        ):
            return "denied"  # "refrained from attacking" (not "a decline after the attacks")
        ancestors = [token]
        current = token
        while (
            current.head.i != current.i
            and len(ancestors) < 6
            and current.dep_ not in {"relcl", "appos"}
        ):
            current = current.head
            ancestors.append(current)
        lemmas = [a.lemma_.lower() for a in ancestors[1:]] + [a.lower_ for a in ancestors[1:]]
        if any(lemma in _ALLEGED for lemma in lemmas) or any(
            c.lower_ in {"reportedly", "allegedly"} for a in ancestors[:2] for c in a.children
        ):
            return "alleged"
        auxiliaries = {c.lower_ for a in ancestors[:2] for c in a.children if c.dep_ == "aux"}
        if any(lemma in _EXPECTED for lemma in lemmas) or auxiliaries & _MODALS_FUTURE:
            return "expected"
        marks = {c.lower_ for a in ancestors[:3] for c in a.children if c.dep_ == "mark"}
        near = [a.lemma_.lower() for a in ancestors[1:4]]
        if (
            auxiliaries & _MODALS_HYPO
            or marks & _HYPOTHETICAL
            or any(w in _HYPOTHETICAL for w in near)
        ):
            return "hypothetical"
        sentence = self.sentences[self.sentence_of[token.i]]
        if any(start <= token.idx < end for start, end in self.quote_ranges):
            return "reported"
        if any(lemma in _REPORTED for lemma in lemmas) or "according to" in sentence.text:
            return "reported"
        return "asserted"

    def modality_reported(self, token: Token) -> bool:
        """Whether the trigger stands in a quote or under a reporting verb."""
        if any(start <= token.idx < end for start, end in self.quote_ranges):
            return True
        current, steps = token, 0
        while current.head.i != current.i and steps < 6:
            current, steps = current.head, steps + 1
            if current.lemma_.lower() in _REPORTED:
                return True
        return False

    def when(self, token: Token, sentence_number: int) -> DateMention | None:
        in_sentence = [d for d in self.dates if d.sentence_index == sentence_number]
        if not in_sentence:
            return None
        scopes = [token]
        if token.pos_ != "VERB" and token.head.pos_ == "VERB":
            scopes.append(token.head)
        for scope in scopes:
            if scope is token:
                ranges = [(t.idx, t.idx + len(t.text)) for t in scope.subtree]
            else:  # the verb's own modifiers, not other phrases' dates
                ranges = [
                    (t.idx, t.idx + len(t.text))
                    for c in scope.children if c.dep_ in {"npadvmod", "prep", "advmod", "tmod"}
                    for t in c.subtree
                ]  # fmt: skip
            for mention in in_sentence:
                if any(lo <= mention.start_char < hi for lo, hi in ranges):
                    return mention
        return in_sentence[0] if len({d.value for d in in_sentence}) == 1 else None

    def where(self, token: Token, entry: Trigger, recipient: _Arg, sentence: Span) -> _Arg:
        for head in (token, token.head):
            for name in ("in", "at"):
                found = _prep_object(head, name)
                if found is not None:
                    n = self.entities.mention_at(found.i)
                    if n is not None and self.entities.mentions[n].label in {"GPE", "LOC", "FAC"}:
                        return _Arg(
                            self.entities.mentions[n].text, self.entities.entity_of[n], None
                        )
        if entry.type == "CONSULT" and recipient.country:
            for n, mention in enumerate(self.entities.mentions):
                if mention.sentence_index != self.sentence_of[sentence.start]:
                    continue
                found_place = place(mention.text) if mention.label in {"GPE", "LOC"} else None
                if (
                    found_place
                    and found_place.kind != "country"
                    and found_place.iso3 == recipient.country
                ):
                    return _Arg(mention.text, self.entities.entity_of[n], None)
            if recipient.entity_id:
                record = self.entities.records.get(recipient.entity_id)
                if record and record.type in {"GPE", "LOC", "FAC"}:
                    return _Arg(record.name, record.entity_id, None)
        return _Arg(None, None, None)

    def run(self) -> list[Event]:
        events: dict[_EventKey, Event] = {}
        for token in all_tokens(self.doc):
            if token.pos_ not in {"VERB", "NOUN"}:
                continue
            entry = lookup(token.lemma_, token.pos_) or (
                lookup(token.lower_, token.pos_) if token.pos_ == "NOUN" else None
            )  # "talks" is listed as the plural its sense needs; its lemma is "talk"
            if token.pos_ == "NOUN" and token.dep_ == "pobj" and _emergency_rule(token.head.head):
                continue  # the "siege" of "a state of siege": the state is the mention
            if entry is None and token.pos_ == "NOUN" and _emergency_rule(token):
                entry = EMERGENCY_RULE
            if (
                entry is not None
                and (entry.lemma, entry.pos) == ("call", "N")
                and _prep_object(token, "for") is not None
            ):
                entry = _CALL_FOR
            if entry is None and token.pos_ == "VERB" and token.lemma_.lower() == "hold":
                entry = _HOLD  # not in the table: "held talks" lends its subject to the talks
            if entry is not None and entry.lemma == "plead":
                # before the plea's own test, which rules out "guilty" for an appeal
                complement = _child(token, "acomp", "oprd", "attr")
                if (
                    complement is not None
                    and complement.lower_ == "guilty"
                    and any(c.dep_ == "neg" for t in (complement, token) for c in t.children)
                ):
                    entry = _PLEAD_NOT_GUILTY
            if entry is not None and entry.lemma == "fight" and entry.pos == "V":
                obj = _child(token, "dobj")
                foes = [obj, _prep_object(token, "against"), _prep_object(token, "with")]
                if obj is not None:
                    foes.append(_prep_object(obj, "with"))  # "fought a battle with gunmen"
                if any(foe is not None and _armed(foe) for foe in foes):
                    # "to fight the Taliban", "fought against rebels": armed force (CAMEO
                    # 190), not a fight against charges
                    entry = _FIGHT
            # "a kidnapped girl", "detained journalists": a participle before a noun for
            # people reports the act done to them, by someone the phrase leaves unnamed
            participle = (
                entry is not None
                and entry.pos == "V"
                and entry.type in {"ASSAULT", "COERCE"}
                and not (entry.objects or entry.cameo)
                and token.dep_ == "amod"
                and token.tag_ == "VBN"
                and token.head.pos_ in {"NOUN", "PROPN"}
                and self.names_actor(token.head)
                and token.head.pos_ != "PRON"
            )
            if token.pos_ == "VERB" and (
                entry is None or entry.cameo or not (participle or self.accepts(token, entry))
            ):
                # a CAMEO verb pattern the parse matches ("carry out a raid", "face
                # criticism") is more specific than the verb's lemma; one coded "---" says
                # the verb with those words is no event. A verb of the hand table keeps its
                # own coding, unless its constraints rule it out ("received backing")
                pattern = self.pattern(token)
                if pattern is not None:
                    entry = (
                        pattern.trigger(token.lemma_.lower(), by_complement(token, pattern))
                        if pattern.type
                        else None
                    )
            if entry is None or not (participle or self.accepts(token, entry)):
                continue
            if entry.cameo:
                obj = _child(token, "dobj", "nsubjpass")  # "no talks were held"
                if obj is not None and (
                    lookup(obj.lemma_, obj.pos_) or lookup(obj.lower_, obj.pos_)
                ):
                    continue  # "imposed sanctions", "offered support": the noun is the event
            if any(a <= token.idx < b for a, b in self.furniture):
                continue  # a related story's headline, not this story
            if self.sport and not (entry.type == "COERCE" or entry.lemma in _LEGAL):
                continue  # a sports report: "attacked", "beat", "boycotted the event" are play
            role_token = token
            if entry.pos == "N" and token.dep_ in {"compound", "amod"}:
                head = token.head
                if (
                    head.pos_ != "NOUN"
                    or is_actor_noun(head)
                    or lookup(head.lemma_, head.pos_) is not None
                    or lookup(head.lower_, head.pos_) is not None
                ):
                    continue  # "riot police", "protest leaders": a modifier, not a mention
                # "an aid package for Ukraine", "arms deliveries to Russia": the phrase the
                # trigger word names is the mention, its arguments are the phrase's
                role_token = head
            if entry.pos == "N" and token.dep_ == "pobj" and token.head.lower_ == "of":
                amount = token.head.head
                if amount.pos_ in {"NOUN", "NUM", "SYM"} and _counted(amount).i == token.i:
                    # "linked $10 million of aid to …": the amount is the phrase acted on
                    role_token = amount
            if self.same_event(token, entry):
                continue
            if (
                entry.type in _CONTENT_OF
                and entry.pos == "V"
                and not any(
                    c.dep_ in {"dobj", "xcomp", "ccomp", "prep", "dative", "nsubjpass", "attr"}
                    for c in token.children
                )
                and token.dep_ not in {"acl", "relcl"}  # "the aid requested", "what NASA asked"
                and _for_clause_subject(token) is None  # "called for Israel to withdraw"
                and not _reciprocal(self.verb_subject(token))  # "the US and China agreed"
            ):
                continue  # "as it promised", "as demanded": nothing promised or asked for
            if entry.pos == "N" and any(
                c.dep_ in {"det", "predet"} and c.lower_ in {"all", "any", "every", "each"}
                for c in token.children
            ):
                continue  # "an end to all deportations", "any attack": generic, no one event
            if _yes_no_question(token):
                continue  # "Would Schiff have pleaded …?", "Did Russia attack?": asked, not told
            if entry.type in {"ASSAULT", "COERCE"} and entry.pos == "V":
                subject = self.verb_subject(token)
                kind = (
                    lookup(subject.lemma_, subject.pos_) or lookup(subject.lower_, subject.pos_)
                    if subject is not None and subject.pos_ == "NOUN"
                    else None
                )
                if kind is not None and kind.type not in {"ASSAULT", "COERCE"}:
                    # "investigations that targeted his son", "sanctions hit Russian banks":
                    # a violent verb whose subject is an event of another kind is that
                    # event's figure of speech; the noun is coded on its own
                    continue
            for_clause = token.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "for" for c in token.children
            )
            if (token.dep_ in {"xcomp", "ccomp"} or for_clause) and token.head.i != token.i:
                head_entry = lookup(token.head.lemma_, token.head.pos_)
                if head_entry is not None and head_entry.type in _CONTENT_OF:
                    continue
            if (
                entry.pos == "N"
                and token.dep_ == "dobj"
                and token.head.dep_ in {"xcomp", "ccomp"}
                and token.head.head.i != token.head.i
            ):
                # "threatened to impose tariffs on Mexico", "urged Berlin to send aid": the
                # noun is what is threatened or asked for (what is agreed is still done)
                head_entry = lookup(token.head.head.lemma_, token.head.head.pos_)
                if head_entry is not None and head_entry.type in {"THREATEN", "REQUEST"}:
                    continue
            if (
                entry.type == "ASSAULT"
                and entry.pos == "N"
                and token.dep_ == "dobj"
                and token.head.lemma_.lower() in _HALTING
            ):
                # "suspended their bombing raids", "ended the offensive": attacks halted are
                # a de-escalation (CAMEO 0871), not an attack
                entry = Trigger(entry.lemma, "N", "RETREAT", "ceasefire", entry.slots,
                                entry.confidence)  # fmt: skip
            if entry.lemma == "clash" and _prep_object(token, "over") is not None:
                # "clashed in Geneva over how to deal with asylum seekers": a dispute over a
                # matter is criticism (CAMEO 11), not fighting
                entry = Trigger("clash", entry.pos, "ACCUSE", "disapprove", entry.slots,
                                entry.confidence)  # fmt: skip
            if entry.type == "CONSULT" and _ready_for(token):
                # "ready to meet Vajpayee", "prepared to hold talks": an intent to meet or
                # negotiate (CAMEO 036) is an agreement to, not the meeting
                entry = Trigger(entry.lemma, entry.pos, "AGREE", None, entry.slots,
                                entry.confidence)  # fmt: skip
            if entry.lemma in _HURT and not self.in_fighting(token):
                continue  # "injured in a car crash", "injured his knee": harm, not an attack
            if entry.type == "ASSAULT" and self.natural(token):
                continue  # "storms struck Queensland", "killed when a thunderstorm struck"
            if participle:
                actor, recipient = _Arg(None, None, None), self.argument(token.head)
            else:
                actor, recipient = self.roles(role_token, entry)
                if role_token.i != token.i and recipient.token is None:
                    # "a wave of air strikes against Kurdish bases": the phrase counted keeps
                    # its own arguments when the amount's phrase names no one acted on
                    own_actor, recipient = self.roles(token, entry)
                    actor = actor if actor.actor_like else own_actor
            if entry.lemma in _MOVEMENT and not (
                actor.entity_id
                and actor.country
                and recipient.country
                and recipient.country != actor.country
            ):
                continue  # arriving is a visit only for a named actor going abroad
            if (
                entry.lemma in _MOVEMENT
                and actor.token is not None
                and agent(actor.token.lemma_.lower()) == "MIL"
            ):
                # "Australian troops arrived in Afghanistan": armed forces arriving abroad
                # are deployed (MOBILIZE), not visiting
                entry = Trigger(entry.lemma, "V", "MOBILIZE", "troops", entry.slots,
                                entry.confidence)  # fmt: skip
            if (
                recipient.entity_id is None
                and not recipient.country
                and recipient.token is not None
            ):
                thing = recipient.token
                # who made a measure is not whom lifting it is aimed at ("eased the sanctions
                # imposed by Washington on Caracas")
                owner = self.owner(thing, makers=entry.type not in _MEASURES)
                if owner is not None:
                    # "attacked Israeli positions", "praised Beijing's peace plan": what is
                    # done to a thing is done to the one it belongs to
                    recipient = owner
                elif entry.type in _MEASURES:
                    # lifting or extending a measure is done to whom it is aimed at (not so
                    # condemning one: "condemned the sanctions against Belarus")
                    aimed = self.aimed_at(thing)
                    if aimed is not None:
                        recipient = aimed

            if (
                entry.type == "CONSULT"
                and recipient.entity_id is not None
                and self.entities.records[recipient.entity_id].type == "ORG"
                and is_company(self.entities.records[recipient.entity_id].name)
            ):
                # "visiting Salesforce's conference", "met with Tesla": a company is visited
                # or met on business, which is not coded (tests/gold/README.md)
                recipient = _Arg(None, None, None)
            if (
                entry.type == "REJECT"
                and recipient.entity_id is None
                and not recipient.country
                and (entry is _PLEAD_NOT_GUILTY or (
                    recipient.token is not None
                    and recipient.token.lemma_.lower() in _LEGAL_THINGS
                ))
            ):  # fmt: skip
                # pleading not guilty, fighting the charges: the prosecuting state
                recipient = _Arg("prosecutors", None, self.context_country(token, True), True,
                                 recipient.token, True)  # fmt: skip
            if (
                entry.type == "REJECT"
                and recipient.entity_id is None
                and not recipient.country
                and recipient.token is not None
                and recipient.token.lemma_.lower() in _ACCUSATIONS
            ):
                # "India accuses Pakistan of X, but Pakistan denies the allegation": an
                # accusation rejected is aimed back at whoever made it
                accuser = self.accuser(token, actor)
                if accuser is not None:
                    recipient = accuser
            if entry.type == "CONSULT" and entry.pos == "N" and recipient.entity_id is None:
                # "landed in North Korea for a rare visit"
                governor = token.head.head if token.dep_ == "pobj" else token.head
                for name in ("in", "to"):
                    found = _prep_object(governor, name) if governor.pos_ == "VERB" else None
                    place_arg = self.argument(found) if found is not None else None
                    if (
                        place_arg is not None
                        and place_arg.entity_id
                        and (place_arg.entity_id != actor.entity_id)
                    ):
                        recipient = place_arg
                        break
            if (
                (
                    (entry.type == "CONSULT" and entry.mode == "visit")
                    or (entry.mode == "troops" and "to" in entry.slots)
                )
                and recipient.entity_id is None
                and not recipient.country
                and actor.country
            ):
                # "Putin's trip", "the Russian leader makes first visit": where the sentence
                # places it, else the dateline's country, when that is not the visitor's own;
                # so for troops sent somewhere ("announcing the British deployment, he said
                # with the tensions in Afghanistan")
                number = self.sentence_of[token.i]
                for n, mention in enumerate(self.entities.mentions):
                    if mention.sentence_index != number or mention.label not in {"GPE"}:
                        continue
                    record = self.entities.as_state(self.entities.entity_of[n])
                    if record.country and record.country != actor.country:
                        recipient = _Arg(mention.text, record.entity_id, record.country, True)
                        break
                domestic = self.entities.domestic
                if recipient.entity_id is None and domestic and domestic != actor.country:
                    recipient = _Arg(None, None, domestic, True)
            patient = (
                self.passive_patient(token)
                if entry.type == "MOBILIZE" and entry.pos == "V" and _is_passive(token)
                else None
            )
            forces = self.argument(patient) if patient is not None else None
            sent = {t.i for t in patient.subtree} if patient is not None else set()
            if (
                forces is not None
                and not actor.country
                and forces.country
                and recipient.token is not None
                and recipient.token.i not in sent
                and recipient.country != forces.country
            ):
                # "250 British soldiers will be deployed to Kabul": the forces' own side
                # sends them, to the place the clause names
                actor = forces
            elif (
                forces is not None
                and not actor.country
                and recipient.country
                and (recipient.token is None or recipient.token.i in sent)
            ):
                # "20 Japanese coastguard vessels were mobilised": forces are mobilised by
                # their own side, which acts; whom against the clause does not say
                actor, recipient = recipient, _Arg(None, None, None)
            elif (
                forces is not None
                and not actor.country
                and forces.country
                and not recipient.country
            ):
                # "soldiers who will be deployed tomorrow": sent by their own side, to a place
                # the clause does not name
                actor = forces
            if entry.lemma in _CLOSING and not (
                recipient.actor_like
                and (recipient.entity_id or recipient.country)
                and recipient.entity_id != actor.entity_id
                and recipient.token is not None
                and recipient.token.pos_ != "PRON"
                and not self.names_place(recipient)
            ):
                continue  # "closed its offices": a body's own affair, not done to anyone
            if entry.lemma in _TAKING and entry.type == "COERCE":
                taken = _child(token, "dobj", "nsubjpass")
                if taken is not None and (
                    taken.lemma_.lower() in _TERRITORY or self.names_place(self.argument(taken))
                ):
                    # "captured half of Kandahar airport", "captured key areas": territory
                    # taken by force is an attack (CAMEO 192, occupy territory)
                    entry = Trigger(entry.lemma, "V", "ASSAULT", "occupy", entry.slots,
                                    entry.confidence)  # fmt: skip
                elif recipient.token is None or not (
                    is_actor_noun(recipient.token) or _someone(recipient)
                ):
                    continue  # "captured the Jules Verne Trophy": neither land nor people
            if entry.lemma == "warn" and not self.warns_of_own_act(token, actor, recipient):
                # "warned the dispute was growing dangerously tense": a warning of a danger
                # is a pessimistic comment (CAMEO 012), no threat; one says what the warner
                # will do or whom it warns ("warned Iran", "warned it would retaliate")
                continue
            if self.physical_attack(token, entry, actor, recipient):
                # "US jets blasted several vehicles", "after blasting Gaza City": a verb of
                # criticism that hits a place, or a thing with arms, is an assault (CAMEO 19)
                entry = Trigger(entry.lemma, "V", "ASSAULT", None, entry.slots,
                                entry.confidence - 0.1)  # fmt: skip
            if self.verbal_attack(token, entry, actor, recipient):
                # "attacked Trump's wife, children and businesses": a person set upon by a
                # politician, a party or no one named, with no weapon or wound in the
                # sentence, is criticised (CAMEO 111), not assaulted
                entry = Trigger(entry.lemma, "V", "ACCUSE", "disapprove", entry.slots,
                                entry.confidence - 0.1)  # fmt: skip
            if (
                entry.pos == "N"
                and entry.type in {"SUPPORT", "AID", "COOPERATE"}
                and actor.token is not None
                and actor.token.dep_ == "compound"
                and actor.token.head.i == role_token.i
                and recipient.entity_id is None
                and not recipient.country
                and recipient.token is None
                and self.product_name(actor)
            ):
                continue  # "integrated Amazon Alexa support": a product's feature, not backing
            if entry.type in {"COOPERATE", "AGREE"} and (
                self.business(actor) or self.business(recipient)
            ):
                continue  # "working with Boeing", "companies worked with NASA": business,
                # which is not coded (tests/gold/README.md)
            nonstate = False  # a named non-state actor (pirates, gunmen) did it
            if entry.lemma == "welcome" and recipient.entity_id is not None:
                record = self.entities.records[recipient.entity_id]
                if record.type == "PERSON":  # welcoming a visitor is hosting one
                    entry = _WELCOME_VISITOR
            if (
                entry.type not in {"PROTEST", "REQUEST"}  # people protest and demand
                and actor.entity_id is None
                and actor.token is not None
                and not actor.implicit
                and (
                    actor.token.lemma_.lower() in CIVILIANS
                    or agent(actor.token.lemma_.lower()) not in _POLITICAL_AGENTS | {None}
                )
            ):
                # civilians and criminals act for no state; one the phrase gives a nationality
                # of its own ("Somali pirates hijacked a Greek ship") acts for that country
                civilian = actor.token.lemma_.lower() in CIVILIANS
                body = None if civilian else self.member_of(actor.token)
                own = (
                    None
                    if civilian
                    else (_own_demonym(actor.token) or (body.country if body else None))
                )
                actor = _Arg(actor.text, None, own, own is not None, actor.token)
                nonstate = own is None and not civilian
            if actor.entity_id is not None and actor.entity_id == recipient.entity_id:
                recipient = _Arg(None, None, None)
            if (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL) and recipient.entity_id is None:
                # "the United States and China could agree", "Japan and Korea signed a pact",
                # "Russia and Ukraine exchanged prisoners": the second party is the recipient
                subject = None
                if entry.pos == "V":
                    subject = self.verb_subject(token)
                elif token.dep_ == "dobj" and token.head.pos_ == "VERB":
                    subject = self.verb_subject(token.head)
                partner = _child(subject, "conj") if subject is not None else None
                if partner is None and subject is not None:
                    # "Chinese and Indian troops clashed": the nationalities are coordinated
                    for modifier in subject.children:
                        if modifier.dep_ in {"amod", "compound"} and partner is None:
                            partner = _child(modifier, "conj")
                if partner is not None:
                    candidate = self.argument(partner)
                    if candidate.entity_id and candidate.entity_id != actor.entity_id:
                        recipient = candidate
            if (
                (entry.type == "COERCE" or entry.lemma in _LEGAL)
                and not actor.actor_like
                and not nonstate
            ):
                # arrests, sentences, charges, convictions: the authorities of the place act
                if entry.pos == "V" and token.tag_ == "VBG" and not _someone(recipient):
                    # "11 kW onboard charging", "charging support": a legal verb with no one
                    # charged or arrested is another sense of the word, not a state's act
                    continue
                if (
                    entry.pos == "N"
                    and not _someone(recipient)
                    and recipient.token is None
                    and entry.governors != EMERGENCY_RULE.governors
                ):
                    # "a senatorial conviction", "robotic probes", "the inquiry": a legal noun
                    # with no one named on either side is no country's act to count (a state
                    # of emergency or a curfew declared is the act of the place's state)
                    continue
                verbs = [token, token.head] if token.dep_ == "conj" else [token]
                if entry.pos == "V" and any(
                    found is not None and found.lower_ in _GENERIC_YOU
                    for verb in verbs
                    for found in (self.passive_patient(verb), self.verb_subject(verb))
                ):
                    # "you were assaulted and falsely imprisoned": what is done to the generic
                    # "you" of advice and instructions is no act of a state the story reports
                    continue
                actor = _Arg(
                    "authorities",
                    None,
                    self.context_country(token, True, recipient.token),
                    True,
                    None,
                    True,
                )
            elif (
                (entry.type == "COERCE" or entry.lemma in _LEGAL)
                and actor.entity_id is not None
                and actor.country is None
                and self.entities.records[actor.entity_id].type == "PERSON"
                and not nonstate
            ):
                # "Mueller was tasked with investigating": a named person who arrests, charges
                # or investigates does so for the state of the place, as the authorities do
                actor = _Arg(actor.text, actor.entity_id,
                             self.context_country(token, True, recipient.token), True,
                             actor.token, True)  # fmt: skip
            if (
                entry.governors == EMERGENCY_RULE.governors
                and recipient.entity_id is None
                and not recipient.country
                and actor.country
            ):
                # a state of emergency or a curfew with no place named is imposed on the
                # state's own people
                recipient = _Arg(None, None, actor.country, True, None, True)
            if (
                recipient.entity_id is not None
                and recipient.country is None
                and actor.country
                and (
                    (
                        self.entities.records[recipient.entity_id].type == "PERSON"
                        and (
                            entry.lemma in _LEGAL
                            or (entry.type == "COERCE" and actor.country == self.home)
                        )
                    )
                    or (
                        self.entities.records[recipient.entity_id].type == "ORG"
                        and entry.lemma in _LEGAL
                    )
                )
            ):
                # the person or company a state charges or sentences answers to that state's
                # courts, and a person it arrests in a story about that state is its own; an
                # arrest abroad does not place whom it takes ("X was arrested in Malaysia" in
                # a story about Australia)
                recipient = _Arg(recipient.text, recipient.entity_id, actor.country, True,
                                 recipient.token)  # fmt: skip
            elif (
                (entry.type == "COERCE" or entry.lemma in _LEGAL)
                and recipient.entity_id is None
                and recipient.token is not None
                and recipient.token.lemma_.lower() in CIVILIANS
                and actor.country
                and entry.pos == "V"
            ):
                # "prosecutors in Kyiv charged a man": people a state charges answer to its
                # courts; people it arrests or captures ("police in Kyiv detained a man",
                # "forces captured 15 prisoners") are parties the arrest does not place
                arrested = entry.type == "COERCE"
                recipient = _Arg(recipient.text, None, None if arrested else actor.country,
                                 True, recipient.token)  # fmt: skip
            if (
                entry.type in {"ASSAULT", "COERCE"}
                and (
                    recipient.entity_id is None
                    or self.entities.records[recipient.entity_id].type == "NORP"
                )
                and not recipient.country
                and recipient.token is not None
            ):
                # "struck targets in southern Lebanon", "bombed Kurdish militants in northern
                # Iraq", "the attacks on Sunday in Kenya": what is hit in a place, unless its
                # own country is named, is that place's (the place of the recipient's phrase,
                # else of the trigger's, a verb's or a noun's)
                located = None
                for name in ("in", "across", "inside", "near"):
                    found = _prep_object(recipient.token, name) or _prep_object(token, name)
                    located = self.place_country(found) if found is not None else None
                    if located:
                        break
                if located and not (entry.type == "COERCE" and located == actor.country):
                    # (a state arresting people in its own land says where, not whose:
                    # "a man was arrested in India")
                    recipient = _Arg(recipient.text, None, located, True, recipient.token)
            elif (
                entry.type in _PLACED_BLOWS
                and recipient.token is None
                and not recipient.country
                and (actor.actor_like or (entry.pos == "N" and recipient.entity_id is None))
            ):
                # "Hamas carried out suicide bombings in Israel", "troops launched two
                # incursions in the Gaza Strip", "the suicide attacks in New York": a blow with
                # no one named as hit is aimed at the place where it falls (on the trigger, or
                # on the blow a verb launches); with no actor named, only a place other than
                # the actor's own (an attack told by its place alone: "fighting in Kandahar")
                holders = [token]
                launched = _child(token, "dobj") if entry.pos == "V" else None
                if launched is not None:
                    holders.append(launched)  # the blow or weapon itself, not whom it hits
                place, located = None, None
                for holder in holders:
                    for name in ("in", "across", "inside"):
                        place = _prep_object(holder, name)
                        located = self.place_country(place) if place is not None else None
                        if located:
                            break
                    if located:
                        break
                if place is not None and located and (actor.actor_like or located != actor.country):
                    recipient = _Arg(place.text, None, located, True, place)
            if entry.type == "PROTEST" and not actor.actor_like:
                # protests name their protesters rarely: people of the place protest there
                actor = _Arg(actor.text, None, self.context_country(token), True)
            if entry.type == "PROTEST" and recipient.entity_id is None and not recipient.country:
                recipient = _Arg(recipient.text, None, actor.country, recipient.actor_like)
            if (
                (entry.type in _SYMMETRIC or entry.lemma in _MUTUAL)
                and entry.pos == "N"
                and not (actor.country or recipient.country)
                and any(
                    c.dep_ == "amod" and c.lower_ in {"bilateral", "mutual"} for c in token.children
                )
            ):
                # "a new bilateral agreement": the adjective says it is the pair's named
                # before, one row first-named -> second-named
                pair = self.pair_named_before(token, people=None)
                if len(pair) == 2:
                    actor, recipient = pair
            if not (actor.actor_like or recipient.actor_like):
                earlier = self.earlier_event(token, entry, events)
                if earlier is None:
                    continue  # no one acts and no one is acted on: not an event
                actor, recipient = earlier
            if entry.passive:
                if not (recipient.actor_like and recipient.entity_id):
                    # "X faced criticism", "X received a loan": the pattern makes the
                    # subject the target, and it must be someone named; the source may be
                    # left unnamed
                    continue
            elif (
                entry.cameo
                and not (
                    actor.actor_like
                    and recipient.actor_like
                    and (actor.entity_id or recipient.entity_id)
                )
                and not (
                    # a verb or pattern of force ("stormed", "opened fire") says the act
                    # itself: a placed party firing at a thing, at people or at no one
                    # named is an attack, when the verb's own subject names the party
                    entry.type == "ASSAULT"
                    and actor.actor_like
                    and actor.country
                    and any(
                        c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"} for c in token.children
                    )
                )
            ):
                # a verb of the CAMEO dictionary codes an act between two actors, at least
                # one of them named ("Egypt mediated between Israel and Hamas"), not a verb
                # with a thing for object ("protect the environment")
                continue
            mutual = entry.type in _SYMMETRIC or entry.lemma in _MUTUAL
            if (
                mutual
                and not actor.country
                and recipient.entity_id is None
                and not recipient.country
                and len(recipient.members) == 2
            ):
                # "talks between the two": a reciprocal event of the pair named before, one
                # row first-named -> second-named (tests/gold/README.md)
                actor, recipient = recipient.members
            if (
                entry.type == "CONSULT"
                and entry.pos == "N"
                and not actor.actor_like
                and token.dep_ == "pobj"
                and token.head.head.pos_ == "VERB"
            ):
                # "accused Arafat ... in a telephone call with Chirac", "said ... at a
                # meeting with Schroeder": the one whose act the phrase frames took part
                taker = self.argument(self.verb_subject(_spoken_act(token.head.head)))
                if taker.actor_like and taker.entity_id != recipient.entity_id:
                    actor = taker
            if entry.type in _SPEECH_ACTS and not actor.actor_like:
                passive = entry.pos == "V" and _is_passive(token)
                if not (passive and _prep_object(token, "by") is None):
                    continue  # "valuations supported by a combination of factors"
            pairs = [(actor, recipient)]
            if mutual and len(actor.members) == 2 and recipient.entity_id is None:
                # "both countries agreed", "the two exchanged views": one reciprocal row
                pairs = [(actor.members[0], actor.members[1])]
            elif actor.members:  # "a charge both countries have denied": one row each
                pairs = [(member, recipient) for member in actor.members]
            other_actors = self.coordinated(actor)
            pairs += [(other, recipient) for other in other_actors]
            # "France and Germany called on India and Pakistan": one row per actor and
            # recipient, each of the coordinated actors with each of the recipients
            pairs += [
                (one, other)
                for one in (actor, *other_actors)
                for other in self.coordinated(recipient)
            ]
            for actor, recipient in pairs:
                if not (actor.country or recipient.country):
                    continue  # neither side placed: no row of a country-to-country count
                if _no_counterpart(entry, recipient) or self.meets_alone(token, entry, recipient):
                    continue
                if actor.entity_id is not None and actor.entity_id == recipient.entity_id:
                    continue  # "the United States and China could agree": not China with China
                event = self.event(token, entry, actor, recipient)
                key = (token.i, entry.type, actor.entity_id or actor.country,
                       recipient.entity_id or recipient.country)  # fmt: skip
                if key not in events or events[key].confidence < event.confidence:
                    events[key] = event
        events = _other_side(events)
        for token, actor, recipient in self.demands():
            event = replace(self.event(token, _DEMAND, actor, recipient), modality="reported")
            key = (token.i, "REQUEST", actor.entity_id or actor.country,
                   recipient.entity_id or recipient.country)  # fmt: skip
            events.setdefault(key, event)
        ordered = _without_parents(self.doc, sorted(events.values(), key=lambda e: e.start_char))
        return [_renumber(e, i) for i, e in enumerate(ordered)]

    def earlier_event(
        self, token: Token, entry: Trigger, events: dict[_EventKey, Event]
    ) -> tuple[_Arg, _Arg] | None:
        """The sides of the event of the same type coded last before a trigger that names
        none ("Israeli troops shot a gunman ... A firefight erupted"): the same fighting,
        told again."""
        number = self.sentence_of[token.i]
        found, found_at = None, -1
        for key, event in events.items():
            if (
                event.type == entry.type
                and event.start_char < token.idx
                and number - event.sentence_index <= _RETOLD_WITHIN
                and (found is None or event.start_char > found.start_char)
                and not self.inside_event(token, event)
            ):
                found, found_at = event, key[0]
        if found is None or not self.retellable(token, found, all_tokens(self.doc)[found_at]):
            return None
        return (
            _Arg(found.actor_text, found.actor_entity_id, found.actor_country, True, None, True,
                 retold=True),
            _Arg(found.recipient_text, found.recipient_entity_id, found.recipient_country, True,
                 None, True, retold=True),
        )  # fmt: skip

    def retellable(self, token: Token, earlier: Event, trigger: Token) -> bool:
        """Whether a trigger naming no side may tell `earlier` again. Not when the earlier
        event had no actor placed and was aimed at a place or at no one named ("bombings
        in the Gaza Strip ... after the bus ambush": where a blow fell says nothing of whom
        a later blow hit), nor when a noun of another lemma stands in the same sentence
        ("his visit to Bethlehem during a cabinet meeting": two events, side by side)."""
        if not earlier.actor_country and (
            earlier.recipient_entity_id is None
            or self.entities.records[earlier.recipient_entity_id].type in _PLACE_TYPES
        ):
            return False
        return not (
            self.sentence_of[trigger.i] == self.sentence_of[token.i]
            and token.pos_ == "NOUN"
            and token.lemma_.lower() != trigger.lemma_.lower()
        )

    def inside_event(self, token: Token, event: Event) -> bool:
        """Whether a noun trigger lies in the phrases of an earlier event's trigger ("launched
        strikes on Nablus, a town close to the scene of the bus ambush"): an event its
        argument mentions, not that event told again."""
        if token.pos_ != "NOUN":
            return False  # "were killed and 15 injured": a verb joined to it is the same scene
        span = self.doc.char_span(event.start_char, event.end_char, alignment_mode="expand")
        if span is None:
            return False
        trigger = span.root
        return trigger.left_edge.i <= token.i <= trigger.right_edge.i and token.i != trigger.i

    def demands(self) -> list[tuple[Token, _Arg, _Arg]]:
        """Demands in reported speech: "X must / should do …" in a quote or in a clause of a
        saying verb ("told teachers the Legislature should direct money") is the speaker
        asking X (CAMEO 10, demand): (the modal, the speaker, X). X is an actor other than
        the speaker, named or placed; the speaker is the quote's, or the saying verb's
        subject. Not a demand: "we/I/you must", advice to the public ("residents should
        take precautions"), "X should be …" (a judgement), "should be spending", "should have
        done" (hindsight), a condition or a question."""
        found = []
        for token in all_tokens(self.doc):
            if token.tag_ != "MD" or token.lower_ not in _DEMAND_MODALS or token.dep_ != "aux":
                continue
            verb = token.head
            if (
                verb.pos_ != "VERB"
                or verb.lemma_.lower() in {"be", "have"}
                or any(
                    c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() in {"have", "be"}
                    for c in verb.children
                )
                # a condition or a purpose ("if …", "so that …"), not a reported "that"
                or any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children)
                or _yes_no_question(verb)
                or token.i > verb.i  # "must Russia withdraw?": inverted, a question
            ):
                continue
            if _states_content(verb):
                continue
            subject = _child(verb, "nsubj")
            if subject is None or subject.lower_ in _NOT_ADDRESSED:
                continue
            speaker = self.speaker_of(verb)
            if speaker is None:
                continue
            addressed = self.argument(subject)
            if not (addressed.actor_like and (addressed.entity_id or addressed.country)):
                continue
            if self.entities.mention_at(subject.i) is None and (
                subject.lemma_.lower() in CIVILIANS
            ):
                continue  # advice to the public ("residents should take precautions")
            if addressed.entity_id is not None and addressed.entity_id == speaker.entity_id:
                continue
            if not (speaker.country or addressed.country):
                continue
            found.append((token, speaker, addressed))
        return found

    def sayer(self, pronoun: Token) -> Token | None:
        """The one "it" or "they" stands for as the subject of what a saying verb's subject
        says ("the Israeli military said it had struck …", "the rebels said they had
        captured …"): that subject, when it is a noun that names an actor."""
        if pronoun.lower_ not in {"it", "they"} or pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAYING | _REPORTED:
            return None
        subject = self.verb_subject(clause.head)
        if subject is None or subject.pos_ == "PRON" or not self.names_actor(subject):
            return None
        return subject

    def armed_force_before(self, token: Token) -> _Arg | None:
        """The nearest armed force named with its country ("the Israeli army", "Japanese
        coastguard vessels", "Israel's troops") before `token` in the text."""
        for candidate in reversed(self.doc[: token.i]):
            if candidate.pos_ != "NOUN":
                continue
            lemma = candidate.lemma_.lower()
            if agent(lemma) != "MIL" and lemma not in _FORCES:
                continue
            # placed by its own phrase ("Japanese coastguard vessels", "Israel's army"),
            # not by the sentence around it
            own = _own_demonym(candidate)
            if own:
                return _Arg(candidate.text, None, own, True, candidate)
            owner = _child(candidate, "poss", "compound")
            found = self.argument(owner) if owner is not None else None
            if found is not None and found.entity_id is not None and found.country:
                return found
        return None

    def accuser(self, token: Token, rejecter: _Arg) -> _Arg | None:
        """The placed subject of the nearest accusing verb before `token` in its sentence or
        the one before, when that subject is not the one who rejects."""
        sentence = token.sent
        start = sentence.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for candidate in reversed(self.doc[start : token.i]):
            entry = lookup(candidate.lemma_, candidate.pos_)
            if entry is None or entry.type != "ACCUSE" or candidate.pos_ != "VERB":
                continue
            found = self.argument(self.verb_subject(candidate))
            if found.country and found.country != rejecter.country:
                return found
            return None
        return None

    def quoted_speaker(self, token: Token) -> _Arg | None:
        """The speaker of the quote `token` stands in, when the quote has a known one."""
        for start, end, entity_id in self.speakers:
            if start <= token.idx < end:
                record = self.entities.as_state(entity_id)
                text = self.entities.records[entity_id].name
                return _Arg(text, entity_id, record.country, True)
        return None

    def speaker_of(self, verb: Token) -> _Arg | None:
        """Who says the clause of `verb`: the speaker of the quote it stands in, else the
        subject of the saying verb it is the object clause of."""
        quoted = self.quoted_speaker(verb)
        if quoted is not None:
            return quoted
        if any(start <= verb.idx < end for start, end in self.quote_ranges):
            return None  # a quote whose speaker is not known
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAYING:
            subject = self.verb_subject(verb.head)
            if subject is not None and subject.lower_ not in _NOT_ADDRESSED:
                said_by = self.argument(subject)
                if said_by.actor_like:
                    return said_by
        return None

    def physical_attack(self, token: Token, entry: Trigger, actor: _Arg, recipient: _Arg) -> bool:
        """The mirror of `verbal_attack`: a verb of criticism English also uses for blows
        ("blasted") whose object is a place, or a thing hit by weapons or armed forces or in a
        sentence of wounds and weapons."""
        if entry.type != "ACCUSE" or entry.pos != "V" or entry.lemma not in _VERBAL_SENSE:
            return False
        if recipient.entity_id is not None:
            # a town or a site is hit with arms; a person, a body, a people or a state
            # ("blasted China", "the Italian government") is criticised
            n = self.entities.mention_at(recipient.token.i) if recipient.token else None
            mention = self.entities.mentions[n] if n is not None else None
            return (
                mention is not None
                and mention.label in {"GPE", "LOC", "FAC"}
                and not _names_a_nation(mention)
                and self.entities.records[recipient.entity_id].type in {"GPE", "LOC", "FAC"}
            )
        if recipient.token is None or recipient.actor_like:
            return False
        if actor.token is not None and (
            actor.token.lemma_.lower() in _WEAPON_NOUNS
            or agent(actor.token.lemma_.lower()) == "MIL"
        ):
            return True
        sentence = self.sentences[self.sentence_of[token.i]]
        return any(t.lemma_.lower() in _PHYSICAL for t in sentence)

    def verbal_attack(self, token: Token, entry: Trigger, actor: _Arg, recipient: _Arg) -> bool:
        if entry.type != "ASSAULT" or entry.pos != "V" or entry.lemma not in _VERBAL_SENSE:
            return False
        records = self.entities.records
        if recipient.entity_id is None or records[recipient.entity_id].type not in {
            "PERSON", "ORG",
        }:  # fmt: skip
            return False  # a place or a people is attacked with arms
        political = actor.token is not None and agent(actor.token.lemma_.lower()) in {
            "GOV", "LEG", "PTY", "OPP",
        }  # fmt: skip
        if political:  # "the French senator", "Republican lawmakers"
            pass
        elif actor.entity_id is not None:
            if records[actor.entity_id].type not in {"PERSON", "NORP", "ORG"}:
                return False  # a state attacks with arms
            if agent(records[actor.entity_id].name) in {"MIL", "REB", "INS", "CRM"}:
                return False
        elif actor.token is not None and (
            actor.token.lemma_.lower() in CIVILIANS
            or agent(actor.token.lemma_.lower()) not in {None, "GOV", "LEG", "PTY", "OPP"}
        ):
            return False  # "a man attacked the senator", "soldiers attacked"
        sentence = self.sentences[self.sentence_of[token.i]]
        return not any(t.lemma_.lower() in _PHYSICAL for t in sentence)

    def event(self, token: Token, entry: Trigger, actor: _Arg, recipient: _Arg) -> Event:
        number = self.sentence_of[token.i]
        sentence = self.sentences[number]
        mode = entry.mode
        if entry.type == "AID" and mode is None:
            mode = aid_mode(self.object_lemmas(token))
        modality = self.modality(token)
        kind, rule_id = entry.type, entry.rule_id
        if entry.lemma in _NEGATED_REJECTS and modality == "denied":
            # "did not accept a plea agreement" is a rejection, not a denied agreement
            kind, modality = "REJECT", "asserted"
        conditional = modality in {"expected", "hypothetical"} and _on_condition(token)
        if kind in _THREATENED and conditional:
            # "would raise tariffs on Chinese imports if no deal is reached", "will strike Kyiv
            # if …": a blow promised on a condition is a threat (CAMEO 13)
            kind, rule_id = "THREATEN", f"THREATEN.{entry.rule_id}.conditional"
            modality = "reported" if self.modality_reported(token) else "asserted"
        if actor.retold:
            rule_id += ".retold"  # the sides come from an earlier event of the same type
        date = self.when(token, number)
        location = self.where(token, entry, recipient, sentence)
        confidence = entry.confidence
        confidence += 0.15 if actor.entity_id else 0.0
        confidence += 0.15 if recipient.entity_id else 0.0
        confidence -= 0.1 if modality == "hypothetical" else 0.0
        return Event(
            event_index=0,
            sentence_index=number,
            sentence=sentence.text.strip(),
            start_char=token.idx,
            end_char=token.idx + len(token.text),
            trigger=token.text,
            type=kind,
            mode=mode,
            rule_id=rule_id,
            confidence=round(max(0.05, min(confidence, 0.99)), 2),
            modality=modality,
            actor_text=actor.text,
            actor_entity_id=actor.entity_id,
            actor_country=actor.country,
            recipient_text=recipient.text,
            recipient_entity_id=recipient.entity_id,
            recipient_country=recipient.country,
            event_date=date.value if date else None,
            date_precision=date.precision if date else None,
            location_text=location.text,
            location_entity_id=location.entity_id,
        )


_NEGATED_REJECTS = frozenset({"accept", "agree", "surrender", "cooperate", "comply"})
# how many sentences back an event told again may lie (`_Extractor.earlier_event`)
_RETOLD_WITHIN = 1
# Entity types that name a place rather than someone acting (`_Extractor.retellable`).
_PLACE_TYPES = frozenset({"GPE", "LOC"})
# People whose marching or rallying is a protest (`_Extractor.protesters`).
_PROTESTERS = frozenset({
    "protester", "protestor", "demonstrator", "activist", "marcher", "teacher", "worker",
    "student", "supporter", "opponent", "resident", "farmer", "nurse", "doctor", "employee",
    "union", "crowd", "people",
})  # fmt: skip
# "X is the subject of an inquiry": the nouns that make the copula's subject the target.
_TARGET_ROLES = frozenset({"subject", "target", "focus", "object", "victim"})
# Blows that, promised on a condition, are threats.
_THREATENED = frozenset({"SANCTION", "ASSAULT", "COERCE"})


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
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children):
        return False  # the condition itself ("if Ukraine attacks Crimea")
    if any(c.dep_ == "aux" and c.lower_ in {"have", "'ve"} for c in verb.children):
        return False  # "would have bombed Iran if …": what did not happen
    modal = any(
        c.dep_ == "aux" and c.lower_ in _MODALS_FUTURE | {"would", "'d"} for c in verb.children
    )
    condition = any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
        for c in verb.children
    )
    return modal and condition


# Reported demands (`_Extractor.demands`): the modals, the saying verbs, and subjects that
# name no one else addressed.
_DEMAND = Trigger("demand", "V", "REQUEST", None, (), 0.45)
_DEMAND_MODALS = frozenset({"must", "should"})
_SAYING = frozenset({
    "say", "tell", "write", "argue", "insist", "warn", "add", "state", "declare", "tweet",
})  # fmt: skip
# Acts on measures (lifting, extending, imposing them): done to whom a measure is aimed at.
_MEASURES = frozenset({"RETREAT", "CONCEDE", "SANCTION", "COERCE"})
# Acts a speaker addresses to whom they are telling (`_Extractor.roles`).
_ADDRESSED = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
# In a quote, the speaker ("we are cooperating", said the company; "my life", Omar wrote).
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_NOT_ADDRESSED = frozenset({
    "i", "we", "you", "it", "this", "that", "there", "which", "who", "what", "something",
    "everyone", "everybody", "nobody", "someone", "somebody", "anyone", "anybody",
})  # fmt: skip


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


def _without_parents(doc: Doc, events: list[Event]) -> list[Event]:
    """Drop an event without a recipient when a trigger of the same type and actor linked to
    it in the parse (its clause, a sibling) carries one ("the prospect of Moscow transferring
    its technology to aid Pyongyang": the aid)."""
    tokens = {e.start_char: doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
              for e in events}  # fmt: skip

    def linked(first: Event, second: Event) -> bool:
        a, b = tokens.get(first.start_char), tokens.get(second.start_char)
        if a is None or b is None:
            return False
        x, y = a.root, b.root
        return x.head == y.head or x in y.subtree or y in x.subtree

    kept = []
    for event in events:
        if event.recipient_entity_id is None and not event.recipient_country:
            actor = event.actor_country or event.actor_entity_id
            if any(
                other is not event
                and other.type == event.type
                and other.sentence_index == event.sentence_index
                and (other.recipient_entity_id or other.recipient_country)
                and (other.actor_country or other.actor_entity_id) == actor
                and linked(event, other)
                for other in events
            ):
                continue
        kept.append(event)
    return kept


def _other_side(events: dict[_EventKey, Event]) -> dict[_EventKey, Event]:
    """A report of a conflict between two states ("India and Pakistan", "Israel and the
    Palestinians"): a hostile act of one side that names no target of its own ("Israeli
    soldiers returned fire", "India threatened retaliation") is aimed at the other side.
    The sides are the pair of countries most often found on opposite ends of the report's
    hostile events, at least twice and in both directions."""
    pairs: dict[frozenset[str], set[tuple[str, str]]] = {}
    counts: dict[frozenset[str], int] = {}
    for event in events.values():
        actor, recipient = event.actor_country, event.recipient_country
        if event.type in _HOSTILE and actor and recipient and actor != recipient:
            pair = frozenset((actor, recipient))
            pairs.setdefault(pair, set()).add((actor, recipient))
            counts[pair] = counts.get(pair, 0) + 1
    sides = [p for p in pairs if len(pairs[p]) == 2 and counts[p] >= 2]
    if not sides:
        return events
    dyad = max(sides, key=lambda p: (counts[p], sorted(p)))
    found = {}
    for key, event in events.items():
        if (
            event.type in _HOSTILE
            and event.actor_country in dyad
            and not event.recipient_country
            and event.recipient_entity_id is None
        ):
            (other,) = dyad - {event.actor_country}
            event = replace(event, recipient_country=other)
        found[key] = event
    return found


def _renumber(event: Event, index: int) -> Event:
    return replace(event, event_index=index)


def extract_events(
    doc: Doc,
    entities: ArticleEntities,
    dates: list[DateMention],
    quotes: Iterable[tuple[int, int]] = (),
    speakers: Iterable[tuple[int, int, str]] = (),
) -> list[Event]:
    """Events of one article; `quotes` are the character ranges of its quotes, `speakers`
    (start, end, entity id) those whose speaker is a known entity."""
    return _Extractor(doc, entities, dates, quotes, speakers).run()
