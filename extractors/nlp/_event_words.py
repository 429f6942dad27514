"""Word lists and fixed triggers the event rules read (`_events` and its mixins).

Kept apart from the rules so each rule module imports the lists it needs from one place,
and the lists (which grow with every round of rules) do not crowd the logic."""

from __future__ import annotations

from spacy.tokens import Token

from ._dictionaries import agent
from ._plover_lexicon import Trigger

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
# Acts that judge their target, which a sentence may tell with no source ("faced criticism",
# "criticism of Australia's stand")
_JUDGEMENTS = frozenset({"ACCUSE", "SUPPORT", "THREATEN", "REJECT"})
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
# Verbs of a blow English also uses for what moves or surprises ("struck by", "hit by")
_FIGURATIVE_BLOWS = frozenset({"strike", "hit"})
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


# What a body's members are called when named by the body ("the EU member states").
_MEMBER_STATES = frozenset({"state", "country", "nation", "government", "member"})


# Plural actors that stand for several countries: kept as actors, never given one country.
MULTI_ACTORS = frozenset({
    "country", "nation", "government", "ally", "power", "neighbour", "neighbor", "leader",
    "side",
})  # fmt: skip


# "prisoners held on a ship", "holding three suspects": keeping people captive is detention
# (CAMEO 173), which "hold" says only of captives ("held talks", "held a rally")
_HOLD = Trigger(
    "hold", "V", "COERCE", "arrest", ("dobj",), 0.6,
    objects=frozenset({"prisoner", "detainee", "captive", "suspect", "inmate"}),
)  # fmt: skip
# "a call by Arafat for an end to attacks": an appeal (CAMEO 02), not a phone call
_CALL_FOR = Trigger("call", "N", "REQUEST", None, ("on", "to"), 0.5)
# A strike by workers (CAMEO 143, "conduct strike or boycott"), not a military strike
_LABOUR_STRIKE = Trigger("strike", "N", "PROTEST", "strike", ("against",), 0.5)
_WALKING_OUT = Trigger("strike", "V", "PROTEST", "strike", ("against",), 0.5)
# what makes a strike a stoppage of work: "a general strike", "a hunger strike"
_STOPPAGES = frozenset({"general", "hunger", "industrial", "nationwide", "national",
                        "indefinite", "labour", "labor", "wildcat"})  # fmt: skip
_EMERGENCIES = frozenset({"emergency", "siege"})
_GIVING = frozenset({"give", "hand"})  # "was given a jail sentence": the one given it


_NEGATED_REJECTS = frozenset({"accept", "agree", "surrender", "cooperate", "comply"})
# how many sentences back an event told again may lie (`_Extractor.earlier_event`)
_RETOLD_WITHIN = 1
# People whose marching or rallying is a protest (`_Extractor.protesters`).
_PROTESTERS = frozenset({
    "protester", "protestor", "demonstrator", "activist", "marcher", "teacher", "worker",
    "student", "supporter", "opponent", "resident", "farmer", "nurse", "doctor", "employee",
    "union", "crowd", "people",
})  # fmt: skip
# "X is the subject of an inquiry": the nouns that make the copula's subject the target.
_TARGET_ROLES = frozenset({"subject", "target", "focus", "object", "victim"})
# Prepositions by which a thing names the party it is made with (`_Extractor.party_of_thing`).
_THING_PARTIES = ("with",)
# Blows that, promised on a condition, are threats.
_THREATENED = frozenset({"SANCTION", "ASSAULT", "COERCE"})


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
# Possessives bound by the subject of their clause (`_Extractor.bound_subject`).
_BOUND_POSSESSIVES = frozenset({"its", "their"})
_NOT_ADDRESSED = frozenset({
    "i", "we", "you", "it", "this", "that", "there", "which", "who", "what", "something",
    "everyone", "everybody", "nobody", "someone", "somebody", "anyone", "anybody",
})  # fmt: skip
