"""Trigger lexicon for PLOVER events: verbs and nominalisations with their type, mode and the
syntactic slots where the recipient is found.

Facts from the public PLOVER manual and its CAMEO→PLOVER crosswalk (the 16 types; CONSULT
modes visit/host/meet/phone; AID military/economic/humanitarian; ASSAULT aerial/firearms/beat/
abduct…; COERCE arrest/seize/ban/deport), written here as our own table. One line per
trigger:

    lemma | pos (V or N) | TYPE | mode | recipient slots | confidence | object constraint

`recipient slots` are tried in order: ``dobj`` (direct object; the passive subject), or a
preposition whose object names the recipient (``to``, ``with``, ``on``…). A ``<from`` slot
reverses roles ("Russia received arms from North Korea": actor is the "from" object, recipient
the subject). `object constraint` lists lemmas the direct object must have ("launch" is an
ASSAULT only when missiles, rockets or attacks are launched); a leading ``!`` lists lemmas that
rule the trigger out ("decline to comment", "trade war"); a leading ``@`` names a preposition
or particle the verb needs ("call for", "lash out"); a leading ``^`` lists the verbs that must
govern a noun trigger ("faces charges", "pleaded guilty to charges"), unless it has "against".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

_WEAPONS = (
    "missile;rocket;drone;shell;bomb;attack;strike;airstrike;offensive;assault;raid;weapon;"
    "artillery;shot;bullet;round;gas;cannon"
)

# the verbs and nouns by which a government puts a measure in force ("declared a curfew", "the
# imposition of martial law")
_DECREEING = (
    "impose;reimpose;declare;decree;proclaim;order;announce;introduce;enforce;extend;"
    "declaration;imposition;introduction"
)

_TABLE = f"""
visit|V|CONSULT|visit|dobj,to|0.8|
visit|N|CONSULT|visit|to|0.8|
trip|N|CONSULT|visit|to|0.6|
meet|V|CONSULT|meet|dobj,with|0.7|!fanfare;criticism;resistance;skepticism;approval;response
meeting|N|CONSULT|meet|with,between|0.6|
summit|N|CONSULT|meet|with|0.6|
talks|N|CONSULT|meet|with,between|0.6|
speak|V|CONSULT|phone|with|0.5|@with
talk|V|CONSULT|phone|with|0.5|@with
raid|N|ASSAULT||on,against|0.6|
execute|V|ASSAULT|execution|dobj|0.7|man;woman;prisoner;people;person;activist;protester;member;soldier;citizen;dissident;journalist;inmate;civilian;hostage;spy
strike|V|ASSAULT||dobj,on,at|0.6|!deal;agreement;accord;bargain;compromise;balance;tone;note;chord;pose;match;nerve;chord;blow;gold
greet|V|CONSULT|meet|dobj|0.6|
host|V|CONSULT|host|dobj|0.6|
negotiate|V|CONSULT|meet|with|0.6|
negotiation|N|CONSULT|meet|with,between|0.5|
agree|V|AGREE||with,to|0.6|
agreement|N|AGREE||with|0.5|
accept|V|AGREE||dobj|0.4|deal;agreement;offer;proposal;plan;terms;plea;ceasefire;truce;resignation;demand
pledge|V|AGREE||to|0.5|
promise|V|AGREE||dobj,to|0.4|
support|V|SUPPORT||dobj|0.7|
support|N|SUPPORT||for,with,to|0.7|
solidarity|N|SUPPORT||with|0.7|
endorse|V|SUPPORT||dobj|0.7|
praise|V|SUPPORT||dobj|0.6|
hail|V|SUPPORT||dobj|0.5|
welcome|V|SUPPORT||dobj|0.5|
defend|V|SUPPORT||dobj|0.5|
back|V|SUPPORT||dobj|0.5|
apologize|V|SUPPORT||to|0.5|
cooperate|V|COOPERATE||with|0.7|
work|V|COOPERATE||with|0.4|@with
cooperation|N|COOPERATE||with|0.6|
collaborate|V|COOPERATE||with|0.6|
supply|V|AID||to,dobj|0.7|
supply|N|AID||to|0.6|
provide|V|AID||to,with|0.5|weapon;arm;aid;assistance;munition;missile;money;loan;fund;equipment;troop;food;support
send|V|AID||to|0.5|weapon;arm;aid;assistance;munition;missile;money;troop;equipment;food
ship|V|AID||to|0.6|
shipment|N|AID||to|0.6|
deliver|V|AID||to|0.6|!speech;address;remark;message;lecture;sermon;verdict;ruling;statement;warning;ultimatum;blow;baby
donate|V|AID||to|0.6|
transfer|V|AID||to|0.6|
transfer|N|AID||to|0.6|
aid|V|AID||dobj|0.6|
aid|N|AID||to,for|0.6|
assistance|N|AID||to,for|0.6|
receive|V|AID||<from|0.6|weapon;arm;aid;assistance;munition;missile;money;loan;container;shipment;equipment;troop
withdraw|V|RETREAT|withdraw|from|0.5|!filing;application;bid;nomination;offer
pull|V|RETREAT|withdraw|from,of|0.5|@out
release|V|RETREAT|release|dobj|0.5|prisoner;hostage;detainee;captive;activist;journalist;soldier;man;woman;citizen;national;sailor;crew;child;people;person;inmate
lift|V|RETREAT|ease|dobj|0.5|sanction;ban;restriction;embargo;curfew;tariff
ease|V|RETREAT|ease|dobj|0.5|sanction;ban;restriction;embargo;curfew;tariff
surrender|V|RETREAT|disarm|to|0.6|
ceasefire|N|RETREAT|ceasefire|with|0.6|
accede|V|CONCEDE||to|0.5|
ask|V|REQUEST||dobj,for|0.4|
request|V|REQUEST||dobj|0.5|
request|N|REQUEST||to,from|0.4|!comment
urge|V|REQUEST||dobj|0.6|
appeal|V|REQUEST||to|0.5|
appeal|N|REQUEST||to|0.5|
demand|V|REQUEST||dobj,from|0.6|
plead|V|REQUEST||with|0.4|!guilty
call|V|REQUEST||on,from|0.4|@for;on
accuse|V|ACCUSE|disapprove|dobj|0.8|
accusation|N|ACCUSE|disapprove|against|0.7|
blame|V|ACCUSE|disapprove|dobj|0.7|
criticize|V|ACCUSE|disapprove|dobj|0.7|
criticise|V|ACCUSE|disapprove|dobj|0.7|
criticism|N|ACCUSE|disapprove|of|0.5|
condemn|V|ACCUSE|disapprove|dobj|0.8|
denounce|V|ACCUSE|disapprove|dobj|0.8|
decry|V|ACCUSE|disapprove|dobj|0.7|
investigate|V|ACCUSE|investigate|dobj|0.7|
investigation|N|ACCUSE|investigate|into,of|0.5|
inquiry|N|ACCUSE|investigate|into,of|0.5|
probe|N|ACCUSE|investigate|into,of|0.5|
sue|V|ACCUSE|disapprove|dobj|0.6|
lawsuit|N|ACCUSE|disapprove|against|0.5|
convict|V|ACCUSE|disapprove|dobj|0.6|
conviction|N|ACCUSE|disapprove|of|0.5|
charge|V|ACCUSE|disapprove|dobj|0.6|!fee;battery;phone;price;rate;interest;customer;card;car;into;through
charge|N|ACCUSE|disapprove|against|0.5|^face;file;bring;level;plead;press;announce;unseal;drop;dismiss;deny;include
indict|V|ACCUSE|disapprove|dobj|0.7|
indictment|N|ACCUSE|disapprove|against,of|0.5|
allege|V|ACCUSE|disapprove|that|0.5|
prosecute|V|ACCUSE|disapprove|dobj|0.6|
lash|V|ACCUSE|disapprove|at|0.6|@out
vilify|V|ACCUSE|disapprove|dobj|0.7|
ridicule|N|ACCUSE|disapprove|of|0.5|
ridicule|V|ACCUSE|disapprove|dobj|0.6|
blast|V|ACCUSE|disapprove|dobj|0.5|!rocket;music;off
slam|V|ACCUSE|disapprove|dobj|0.5|!door;brake
reject|V|REJECT||dobj|0.7|
deny|V|REJECT||dobj|0.7|
denial|N|REJECT||of|0.6|
refuse|V|REJECT||dobj|0.6|
decline|V|REJECT||dobj|0.4|!comment
veto|V|REJECT||dobj|0.7|
fight|V|REJECT||dobj|0.5|charge;allegation;accusation;ruling;extradition;deportation;indictment;conviction;subpoena
threaten|V|THREATEN||dobj,to|0.7|
threat|N|THREATEN||to,against|0.5|
warn|V|THREATEN||dobj|0.4|
ultimatum|N|THREATEN||to|0.6|
protest|V|PROTEST|demo|against|0.7|
protest|N|PROTEST|demo|against|0.6|
demonstrate|V|PROTEST|demo|against|0.5|@against
march|V|PROTEST|demo|against,on|0.4|@against
rally|V|PROTEST|demo|against|0.4|@against
rally|N|PROTEST|demo|against|0.5|!stock;share;market;bank;price;index;dollar;yen;euro;oil;bond;equity;sensex;nifty;gold;currency;rupee
demonstration|N|PROTEST|demo|against|0.6|
boycott|V|PROTEST|boycott|dobj|0.6|
riot|N|PROTEST|riot|against|0.6|
block|V|PROTEST|obstruct|dobj|0.4|road;street;highway;entrance;bridge;traffic
sanction|V|SANCTION||dobj|0.7|
sanction|N|SANCTION||on,against|0.6|
expel|V|SANCTION|expel|dobj|0.7|
downgrade|V|SANCTION|relations|dobj|0.6|representation;relation;tie;embassy;mission;staff;diplomat;presence
sever|V|SANCTION|relations|dobj|0.6|relation;tie;link;contact
embargo|N|SANCTION||on,against|0.6|
tariff|N|SANCTION|trade|on,against|0.5|
mobilize|V|MOBILIZE|troops|dobj|0.6|
mobilise|V|MOBILIZE|troops|dobj|0.6|
deploy|V|MOBILIZE|troops|to,in,near|0.6|
mass|V|MOBILIZE|troops|along,on,near,to|0.5|troop;force;soldier;army;tank;unit;division;brigade
arrest|V|COERCE|arrest|dobj|0.8|
arrest|N|COERCE|arrest|of|0.6|
detain|V|COERCE|arrest|dobj|0.8|
seize|V|COERCE|confiscate|dobj|0.6|
confiscate|V|COERCE|confiscate|dobj|0.7|
deport|V|COERCE|deport|dobj|0.8|
ban|V|COERCE|ban|dobj|0.6|
imprison|V|COERCE|arrest|dobj|0.7|
jail|V|COERCE|arrest|dobj|0.7|
sentence|V|COERCE|arrest|dobj|0.6|
crackdown|N|COERCE|restrict|on|0.6|
sentence|N|COERCE|arrest|to|0.5|^give;hand;receive;serve;impose;pass;get
curfew|N|COERCE|restrict|on,in|0.6|^{_DECREEING}
attack|V|ASSAULT||dobj|0.8|
attack|N|ASSAULT||on,against|0.7|
kill|V|ASSAULT||dobj|0.7|
killing|N|ASSAULT||of|0.6|
murder|V|ASSAULT||dobj|0.7|
bomb|V|ASSAULT|aerial|dobj|0.8|
blow|V|ASSAULT||dobj|0.6|@up
bombing|N|ASSAULT|aerial|of|0.6|
airstrike|N|ASSAULT|aerial|on,against|0.7|
shoot|V|ASSAULT|firearms|dobj,at,into|0.6|
use|V|ASSAULT|firearms|against,on|0.5|ammunition;firearm;gas;weapon;bullet;baton;force;cannon
shell|V|ASSAULT|heavy-weapons|dobj|0.7|
sink|V|ASSAULT||dobj|0.6|boat;ship;vessel;trawler;submarine;ferry;craft;warship;frigate;destroyer;tanker
shelling|N|ASSAULT|heavy-weapons|of|0.6|
launch|V|ASSAULT|aerial|on,at,against,into|0.7|{_WEAPONS}
fire|V|ASSAULT|firearms|at,on,into|0.6|{_WEAPONS}
invade|V|ASSAULT||dobj|0.8|
invasion|N|ASSAULT||of|0.7|
war|N|ASSAULT||in,on,against,with|0.5|!trade;price;culture;word;console;talent;bidding
assault|V|ASSAULT|beat|dobj|0.7|
beat|V|ASSAULT|beat|dobj|0.4|demonstrator;protester;protestor;people;man;woman;prisoner;journalist;student
abduct|V|ASSAULT|abduct|dobj|0.8|
kidnap|V|ASSAULT|abduct|dobj|0.8|
torture|V|ASSAULT|torture|dobj|0.8|
assassinate|V|ASSAULT|assassinate|dobj|0.9|
massacre|N|ASSAULT|cleansing|of|0.7|
crush|V|ASSAULT||dobj|0.5|protest;demonstration;uprising;rebellion;dissent;opposition
sentencing|N|COERCE|arrest|of|0.5|
detention|N|COERCE|arrest|of|0.5|!center;centre;facility;camp;pond;basin
imprisonment|N|COERCE|arrest|of|0.5|
deportation|N|COERCE|deport|of|0.6|
extradition|N|COERCE|deport|of|0.6|
expulsion|N|SANCTION|expel|of,from|0.6|
blockade|N|COERCE|restrict|of,on|0.6|
occupation|N|COERCE|confiscate|of|0.5|
withdrawal|N|RETREAT|withdraw|from|0.5|!symptom;method;limit;fee;penalty;cash;account
pullout|N|RETREAT|withdraw|from|0.5|
condemnation|N|ACCUSE|disapprove|of|0.6|
allegation|N|ACCUSE|disapprove|against|0.5|
assault|N|ASSAULT||on,against|0.6|!rifle;weapon;charge;case
bombardment|N|ASSAULT|heavy-weapons|of,on|0.6|
siege|N|ASSAULT||of,on|0.6|
murder|N|ASSAULT||of|0.6|
assassination|N|ASSAULT|assassinate|of|0.7|
kidnapping|N|ASSAULT|abduct|of|0.6|
abduction|N|ASSAULT|abduct|of|0.6|
praise|N|SUPPORT||for|0.5|
endorsement|N|SUPPORT||of|0.5|
rejection|N|REJECT||of|0.6|
refusal|N|REJECT||to|0.5|
demand|N|REQUEST||for,from|0.4|!consumer;customer;market;energy;oil;power;fuel;product;strong;weak;global;domestic;rise;growth
dialogue|N|CONSULT|meet|with,between|0.5|
discussion|N|CONSULT|meet|with,between|0.5|
treaty|N|AGREE||with,between|0.5|
accord|N|AGREE||with,between|0.5|
mobilization|N|MOBILIZE|troops|of|0.5|
deployment|N|MOBILIZE|troops|to|0.5|
boycott|N|PROTEST|boycott|of|0.5|
walkout|N|PROTEST|strike|against,by|0.5|
action|N|PROTEST|strike|to|0.5|industrial
pact|N|AGREE||with,between|0.5|
clash|V|ASSAULT||with|0.5|
arrive|V|CONSULT|visit|in|0.5|@in
land|V|CONSULT|visit|in|0.4|@in
travel|V|CONSULT|visit|to|0.5|@to
fly|V|CONSULT|visit|to|0.4|@to
clash|N|ASSAULT||with,between|0.5|
exchange|V|RETREAT|release|dobj,with|0.5|prisoner;hostage;detainee;captive;body;pow
swap|V|RETREAT|release|dobj,with|0.5|prisoner;hostage;detainee;captive;body;pow
exchange|N|RETREAT|release|between,with|0.5|prisoner;hostage;detainee;captive;pow
swap|N|RETREAT|release|between,with|0.5|prisoner;hostage;detainee;captive;pow
ambush|N|ASSAULT||on,against|0.7|
firefight|N|ASSAULT||with,between|0.6|
gunfire|N|ASSAULT|firearms|on,at|0.6|
shooting|N|ASSAULT|firearms|of|0.6|
fighting|N|ASSAULT||with,between,against|0.5|
coup|N|ASSAULT||against,in|0.5|
surrender|N|RETREAT|disarm|to|0.6|
injure|V|ASSAULT||dobj|0.4|
break|V|SANCTION|relations|dobj,with|0.6|relation;tie;contact;link
rule|V|REJECT||dobj|0.6|@out
disperse|V|COERCE|restrict|dobj|0.6|crowd;protester;protestor;demonstrator;people;rally;protest;demonstration;gathering;march;mob;supporter;thousand;hundred;student
close|V|COERCE|restrict|dobj|0.5|office;institution;headquarters;newspaper;charity;mosque;school;station;channel;organisation;organization;branch
pressure|N|REQUEST||on|0.4|!price;inflation;cost;market;wage;blood;water;air;peer;time;tyre;tire;gas;oil;selling;buying;margin
regret|N|CONCEDE||for,over,to|0.5|^express;voice
sympathy|N|SUPPORT||with,for,to|0.6|
condolence|N|SUPPORT||to,for|0.6|
object|V|REJECT||to|0.5|@to
strike|N|ASSAULT||on,against|0.6|air;missile;rocket;drone;military;retaliatory;artillery;precision;aerial;naval;bombing
call|N|CONSULT|phone|with|0.5|@with
offer|N|AGREE||of,to|0.5|!job;takeover;share;price;bid;cash;stock;buyout;tender;purchase;acquisition;sale;discount;deal;contract;loan;scholarship;place;introductory;special
"""

_MILITARY = frozenset(
    {
        "weapon",
        "arm",
        "munition",
        "missile",
        "rocket",
        "troop",
        "ammunition",
        "shell",
        "artillery",
        "technology",
        "drone",
        "tank",
    }
)
_ECONOMIC = frozenset(
    {"money", "loan", "fund", "funding", "cash", "investment", "dollar", "credit"}
)
_HUMANITARIAN = frozenset({"food", "medicine", "aid", "shelter", "water", "vaccine", "supply"})


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # "V" | "N"
    type: str
    mode: str | None
    slots: tuple[str, ...]
    confidence: float
    objects: frozenset[str] = frozenset()  # the direct object must be one of these
    excluded: frozenset[str] = frozenset()  # … must not be one of these (object or modifier)
    particle: str | None = None  # "@for;on": needs one of these ("call for", "call on")
    governors: frozenset[str] = frozenset()  # "^face;file": a noun some verbs govern
    cameo: str | None = None  # the CAMEO code of a verb read from the CAMEO dictionary
    pattern: int | None = None  # line of the CAMEO verb pattern (_cameo_patterns) matched
    passive: bool = False  # the pattern makes the subject the target ("faced criticism")

    @property
    def rule_id(self) -> str:
        kind = "verb" if self.pos == "V" else "noun"
        if self.cameo:
            kind += f".cameo{self.cameo}"
        if self.pattern is not None:
            kind += f".pattern{self.pattern}"
        return f"{self.type}.{self.lemma}.{kind}"


def _load() -> dict[tuple[str, str], Trigger]:
    table: dict[tuple[str, str], Trigger] = {}
    for line in _TABLE.strip().splitlines():
        lemma, pos, kind, mode, slots, confidence, constraint = line.split("|")
        objects: frozenset[str] = frozenset()
        excluded: frozenset[str] = frozenset()
        particle = None
        governors: frozenset[str] = frozenset()
        if constraint.startswith("^"):
            governors = frozenset(constraint[1:].split(";"))
        elif constraint.startswith("!"):
            excluded = frozenset(constraint[1:].split(";"))
        elif constraint.startswith("@"):
            particle = constraint[1:]
        elif constraint:
            objects = frozenset(constraint.split(";"))
        assert kind in PLOVER_TYPES, kind
        table[(lemma, pos)] = Trigger(
            lemma,
            pos,
            kind,
            mode or None,
            tuple(slots.split(",")),
            float(confidence),
            objects,
            excluded,
            particle,
            governors,
        )
    return table


TRIGGERS = _load()

# "declared a state of emergency", "imposed martial law": emergency rule (CAMEO 1724), coded on
# the noun that heads its phrase ("state", "law"), which is no trigger of its own
EMERGENCY_RULE = Trigger(
    "emergency_rule", "N", "COERCE", "restrict", ("on", "in"), 0.6,
    governors=frozenset(_DECREEING.split(";")),
)  # fmt: skip


# Where a CAMEO verb's recipient is found: its object, else the prepositions that name whom
# an act is aimed at.
CAMEO_SLOTS = ("dobj", "against", "on", "with", "to", "between")
CAMEO_CONFIDENCE = 0.45


@lru_cache(maxsize=1)
def cameo_triggers() -> dict[str, Trigger]:
    """Verbs of the CAMEO verb dictionary (data/cameo_verbs.tsv, built by
    scripts/build_nlp_data.py) that the table above does not list, as verb triggers; read
    once per process."""
    from ._dictionaries import _lines

    table = {}
    for line in _lines("cameo_verbs.tsv"):
        if not line or line.startswith("#"):
            continue
        lemma, kind, code, _ = line.split("\t")
        if (lemma, "V") not in TRIGGERS and kind in PLOVER_TYPES:
            table[lemma] = Trigger(
                lemma, "V", kind, None, CAMEO_SLOTS, CAMEO_CONFIDENCE, cameo=code
            )
    return table


def lookup(lemma: str, pos: str) -> Trigger | None:
    """The trigger for a token's lemma and coarse part of speech (spaCy VERB / NOUN): the
    table's, else for a verb the CAMEO dictionary's."""
    key = "V" if pos == "VERB" else "N" if pos == "NOUN" else None
    if key is None:
        return None
    found = TRIGGERS.get((lemma.lower(), key))
    if found is None and key == "V":
        found = cameo_triggers().get(lemma.lower())
    return found


def aid_mode(object_lemmas: set[str]) -> str | None:
    if object_lemmas & _MILITARY:
        return "military"
    if object_lemmas & _ECONOMIC:
        return "economic"
    if object_lemmas & _HUMANITARIAN:
        return "humanitarian"
    return None
