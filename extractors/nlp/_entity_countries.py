"""Countries of people, organisations and facilities that the words around them do not name
outright (the conventions of tests/gold/README.md, as CAMEO codes actors):

- the field's actor dictionary (`_dictionaries.actor`): "Vladimir Putin" -> RUS, "Netflix" ->
  USA (a company's home country), "Commerzbank" -> DEU; a surname alone that it lists only
  after a state title ("PRESIDENT_BUSH") -> that office holder's country;
- a place inside the name ("Indiana Statehouse", "Inter Milan", "FC Porto", "New York State
  Attorney General");
- an office: a person named with a title or a role noun of a state sector (the agent
  dictionary: police, guard, prosecutor, official…), or an organisation whose name is a state
  body (Department, Bureau, Congress, Legislature…), takes the country of the organisation or
  place in the same phrase ("Bureau of Prisons Director Kathleen Hawk Sawyer"), else the
  country the article is about.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ._countries import demonym, place, place_iso3
from ._dictionaries import (
    actor,
    agent,
    company_country,
    name_qualifiers,
    place_country,
    titled_surname,
)
from ._entity_normalize import CleanMention
from ._tokens import span as doc_span

# Titles that name an office held for a state ("Gov. Kristi Noem", "Attorney General Barr").
OFFICE_TITLES = frozenset({
    "president", "vice", "prime", "minister", "secretary", "chancellor", "king", "queen",
    "sen.", "senator", "rep.", "representative", "gov.", "governor", "mayor", "gen.", "general",
    "adm.", "admiral", "col.", "colonel", "capt.", "lt.", "lieutenant", "sgt.",
    "sergeant", "maj.", "major", "judge", "justice", "sheriff", "officer", "ambassador",
    "commissioner", "superintendent", "premier", "det.", "detective", "trooper",
    "deputy", "speaker", "councilman", "councilwoman", "congressman", "congresswoman",
    "lawmaker", "legislator", "assemblyman", "assemblywoman", "prosecutor", "diplomat",
    "envoy", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "candidate",
    "coroner",
})  # fmt: skip
# Titles that are no office when they only describe a person afterwards ("Serene Gregg, local
# president of the prison workers' union"; "a spokesman for the company").
_NOT_OFFICE_AFTER = frozenset({
    "president", "vice", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
    "deputy", "officer", "general", "major", "secretary", "director", "chief", "captain",
})  # fmt: skip
# Sectors of the agent dictionary that act for a state.
STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "MIL", "SPY", "ELI"})
# Words that make an organisation's name a state body.
STATE_BODY_WORDS = frozenset({
    "department", "ministry", "bureau", "agency", "administration", "commission", "committee",
    "congress", "senate", "parliament", "assembly", "legislature", "council", "court", "police",
    "army", "navy", "military", "government", "patrol", "sheriff", "guard", "cabinet",
    "prosecutor", "prosecutors", "attorney", "house", "statehouse", "capitol", "embassy",
    "institute", "institutes", "service", "authority", "authorities", "forces", "fbi", "cia",
    "fed", "reserve", "prison", "prisons", "corrections", "correctional", "troopers",
    "customs", "border", "federal",
})  # fmt: skip
_COMPANY_SUFFIXES = frozenset({
    "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "group",
    "holdings", "company", "corporation", "limited", "sa", "ag", "nv",
})  # fmt: skip
# Outlets are not state actors; news organisations carry no country (tests/gold/README.md).
_MEDIA_WORDS = frozenset({"news", "times", "post", "journal", "press", "tv", "today"})


def dictionary_country(text: str, label: str) -> str | None:
    """The country the actor dictionary gives a person's or organisation's name."""
    found = actor(text)
    if found is None and label == "ORG":
        words = text.split()
        while len(words) > 1 and words[-1].casefold() in _COMPANY_SUFFIXES:
            words = words[:-1]
        found = actor(" ".join(words)) or actor(" ".join(words) + " inc")
    if found is None and label == "ORG" and not is_media(text):
        # a company named by the dictionary's name and a word of its business ("Samsung
        # Electronics", "Toyota Tsusho"): the company's home country
        words = text.split()
        for length in range(len(words), 0, -1):
            country = company_country(" ".join(words[:length]))
            if country and (length == len(words) or _division(words[length:])):
                return country
        return None
    if found is None and label == "PERSON" and len(text.split()) == 1:
        # a surname alone that the dictionary lists only after a state title ("President
        # Bush", "Chancellor Merkel"): that office holder's country
        return titled_surname(text)
    if found is None or found.sector == "MED":
        return None
    if label == "PERSON" and found.sector == "":
        return None  # a place's entry: "Jordan" of "Michael Jordan" is no Jordanian
    return found.country


# Words of a business's line that make a company's name followed by them a company of its
# own or a division ("Samsung Electronics", "Boeing Defense, Space", "GE Healthcare"), not
# a product named after it ("Apple Pay", "Amazon Alexa", "Uber Money").
_BUSINESS_LINES = frozenset({
    "electronics", "healthcare", "health", "defense", "defence", "space", "motor", "motors",
    "bank", "banking", "financial", "finance", "securities", "energy", "capital", "power",
    "pharmaceuticals", "pharma", "technologies", "technology", "tech", "systems", "airlines",
    "airways", "aviation", "aerospace", "insurance", "group", "holdings", "international",
    "services", "industries", "chemicals", "chemical", "steel", "telecom", "communications",
    "entertainment", "media", "studios", "pictures", "records", "music", "foods", "food",
    "beverages", "automotive", "logistics", "trading", "tsusho", "shipping", "construction",
    "engineering", "semiconductor", "semiconductors", "software", "labs", "research",
    "ventures", "partners", "investments", "asset", "management", "corporate", "global",
    "america", "americas", "europe", "asia", "china", "india", "japan", "uk", "usa", "north",
})  # fmt: skip


def _division(tail: list[str]) -> bool:
    """Whether the words after a company's name name a company or a division of it: words
    of a business's line, a company word or suffix ("Samsung Electronics", "Tata Sons Ltd")."""
    folded = [w.casefold().strip(".,'’") for w in tail]
    return bool(folded) and all(
        w in _BUSINESS_LINES or w in COMPANY_WORDS or w in _COMPANY_SUFFIXES or w in {"&", "and"}
        for w in folded
    )


def shared_name_country(text: str, listed: str, named: dict[str, int]) -> str:
    """The country of a group's bare name that the dictionary also lists with a people or a
    place before it for groups of other countries ("Islamic Jihad": Hezbollah's alias, LBN;
    "Palestinian Islamic Jihad", "Turkish Islamic Jihad", "Yemen Islamic Jihad"): the one
    of those countries the text names most by its places and peoples; the dictionary's own
    when the text names none of them more. A state body keeps its state ("White House",
    "People's Liberation Army"): a qualified namesake abroad is another state's body."""
    found_listed = actor(text)
    if found_listed is None or found_listed.sector in STATE_SECTORS:
        return listed
    candidates = {listed}
    for word in name_qualifiers(text):
        found = demonym(word.title()) or place(word.title())
        if found is not None:
            candidates.add(found.iso3)
    if len(candidates) < 2:
        return listed
    best = max(candidates, key=lambda c: named.get(c, 0))
    return best if named.get(best, 0) > named.get(listed, 0) else listed


def state_agency_country(text: str) -> str | None:
    """The state whose agency the actor dictionary says the name is (NASA, the FBI, the
    Pentagon: sectors GOV, COP, MIL…): a person it qualifies serves that state ("NASA
    administrator Jim Bridenstine", "JPL scientist…"); a company or club says nothing."""
    found = actor(text)
    if found is None or found.sector not in STATE_SECTORS:
        return None
    return found.country


# First words of the names of international bodies, and the words that make such a name a
# body's ("International Criminal Court", "African Union", "World Trade Organization").
_INTERNATIONAL_HEADS = frozenset({
    "international", "world", "global", "un", "u.n.", "united nations", "african", "european",
    "asian", "arab", "inter-american", "pan-american", "pan-african", "nordic", "islamic",
})  # fmt: skip
_BODY_WORDS = frozenset({
    "union", "court", "tribunal", "agency", "organization", "organisation", "committee",
    "council", "federation", "association", "fund", "bank", "commission", "league",
    "parliament", "assembly", "programme", "program", "office", "community", "forum",
    "force",  # "International Security Assistance Force"
})  # fmt: skip


def is_international(text: str) -> bool:
    """An international organisation, NGO or militant group: one of the actor dictionary
    (NATO, the European Union, Amnesty International, the UN, al Qaeda), or a body whose name
    says so ("International Criminal Court", "African Union", "UN Security Council"). It has
    no home country."""
    words = text.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    if not words:
        return False
    found = actor(" ".join(words))
    if found is not None:
        # an international militant group (al Qaeda: CAMEO's IMG) has no home either
        return found.sector in {"IGO", "NGO", "IMG"} and not found.country
    folded = [w.casefold().strip(".,'’") for w in words]
    head = " ".join(folded[:2]) if folded[:2] == ["united", "nations"] else folded[0]
    # the body's word may come before what it is for ("United Nations High Commission for
    # Refugees", "International Committee of the Red Cross")
    return (
        len(folded) > 1
        and head in _INTERNATIONAL_HEADS
        and any(w in _BODY_WORDS for w in folded[1:])
    )


def _acronym(word: str) -> bool:
    """Two to four capitals ("UN", "NATO", "FBI"): an acronym, never a town's name."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def internal_country(text: str, towns: bool = True) -> str | None:
    """A place or demonym inside a name, at its start or its end: "U.S. Securities and
    Exchange Commission", "Indiana Statehouse", "University of Miami", "Real Madrid"; a
    club or team named by its city alone ("Tottenham"). `towns=False`: a gazetteer town of
    one word heading the name does not place it (a facility: "Republic Square",
    "Independence Square", "Forest Hill Hotel" are named by words that are also towns of
    15,000 people in Missouri or Belgium, not after them)."""
    words = text.split()
    if len(words) < 2:
        return place_country(text) if text[:1].isupper() and not _acronym(text) else None
    for length in (3, 2, 1):
        if len(words) > length:
            head = " ".join(words[:length])
            found = place(head) or demonym(head)
            if found:
                return found.iso3
            state = actor(head) if length > 1 else None
            if state is not None and state.sector == "" and state.country:
                return state.country  # a state the hand table lacks ("Solomon Islands")
            # a one-word city only heads a short name ("Pittsburgh Steelers", not
            # "Kim Il Sung Square"); an acronym is no city ("UN Security Council"), nor is
            # a word of a state body's name ("Federal Government": Federal is also a town
            # in Argentina)
            # nor is the noun of a body "of" a place ("University of Canberra": University
            # is a town in Florida)
            if (
                (length > 1 or (towns and len(words) <= 3 and words[1].casefold() != "of"))
                and not _acronym(head)
                and head.casefold() not in STATE_BODY_WORDS
            ):
                country = place_country(head)
                if country:
                    return country
    for length in (2, 1):
        if len(words) > length:
            tail = " ".join(words[-length:])
            if tail.casefold() in STATE_BODY_WORDS:
                continue
            found = place(tail)
            if found:
                return found.iso3
            # a gazetteer town of one word ending a name is most often a surname
            # ("Lockheed Martin", "Morgan Stanley"), not where the body sits
            country = place_country(tail) if length > 1 else None
            if country:
                return country
    if " of " in text:
        country = place_iso3(text.rsplit(" of ", 1)[1])
        if country:
            return country
    # a nationality inside the name ("Royal Australian Air Force", "Pan American World
    # Airways")
    for word in words[1:-1]:
        found = demonym(word) if word[:1].isupper() else None
        if found:
            return found.iso3
    return None


_OUTLETS = frozenset({
    "ap", "afp", "reuters", "cnn", "bbc", "nbc", "abc", "cbs", "fox", "msnbc", "npr", "pbs",
    "bloomberg", "usa today", "the hill", "axios", "politico", "associated press",
    "the associated press", "agence france-presse", "tass", "xinhua", "kcna", "yonhap",
})  # fmt: skip
_OUTLET_WORDS = frozenset({
    "news", "times", "post", "journal", "press", "tv", "today", "gazette", "herald",
    "tribune", "register", "chronicle", "daily", "magazine", "radio", "television",
    "broadcasting", "network", "news-register", "post-gazette", "telegraph", "guardian",
    "sports",
})  # fmt: skip


def is_media(text: str) -> bool:
    """A news organisation's name: a known outlet or agency, a name with a newspaper word
    ("Pittsburgh Post-Gazette", "Wheeling News-Register"), or a media actor of the
    dictionary."""
    folded = " ".join(text.split()).casefold()
    if folded in _OUTLETS:
        return True
    words = {w.strip(".,'’") for w in folded.split()}
    found = actor(text)
    if words & _MEMBERS_BODIES and not (found is not None and found.sector == "MED"):
        return False  # "Australian Confederation of Motor Sports" governs a sport
    return bool(words & _OUTLET_WORDS) or (found is not None and found.sector == "MED")


# Words of the names of bodies of members, which no outlet's name has ("Confederation of
# Motor Sports", "Sports Medicine Association").
_MEMBERS_BODIES = frozenset({
    "confederation", "federation", "association", "council", "league", "commission",
    "committee", "union", "club",
})  # fmt: skip


# Words that make an organisation's name a company's.
COMPANY_WORDS = frozenset({
    "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "group",
    "holdings", "company", "corporation", "limited", "bank", "securities", "steel", "motors",
    "airlines", "airways", "energy", "capital", "partners", "industries", "technologies",
    "pharmaceuticals", "insurance", "financial", "equities", "investments", "ventures",
})  # fmt: skip


def is_company(text: str) -> bool:
    """A company's name: a company word in it ("ICICI Bank", "Kotak Securities", "The
    Carlyle Group") or a company in the actor dictionary."""
    words = {w.casefold().strip(".,'’") for w in text.split()}
    if words & _MEDIA_WORDS:
        return False
    found = actor(text)
    return bool(words & COMPANY_WORDS) or (found is not None and found.sector in {"MNC", "BUS"})


def is_state_body(text: str) -> bool:
    """A name of a state body: a word such as Department, Congress or Customs, or a word the
    agent dictionary puts in a state sector ("Police", "Army", "Prisons")."""
    words = {w.casefold().strip(".,'’") for w in text.split()}
    if words & _MEDIA_WORDS:
        return False
    return bool(words & STATE_BODY_WORDS) or any(agent(w) in STATE_SECTORS for w in words)


def office_of(doc: Doc, mention: CleanMention) -> bool:
    """True when a person is named with an office: a title or state role noun right before
    the name ("Gov. Kristi Noem", "guards Tova Noel"), or a state role in an appositive
    ("William Barr, the attorney general")."""
    i = mention.start - 1
    root = doc_span(doc, mention.start, mention.end).root
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON" and root.head.i < mention.start:
        # "guards Tova Noel and Michael Thomas": the title before the first name is both's
        first = root.head
        i = min(t.i for t in first.subtree if t.dep_ in {"compound", "flat"} or t == first) - 1
    steps = 0
    while i >= 0 and steps < 4:
        token = doc[i]
        word = token.lower_
        if word in OFFICE_TITLES or agent(token.lemma_.lower()) in STATE_SECTORS:
            return not _private_body_before(doc, i)
        if token.is_punct or token.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ"}:
            break
        i -= 1
        steps += 1
    span = doc_span(doc, mention.start, mention.end)
    if _office_before_apposition(doc, span.root):
        return True
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= mention.end:
            for token in list(child.subtree)[:12]:
                word = token.lower_
                if word in _STATE_QUALIFIERS and token.head == child and token.i < child.i:
                    return True  # "X, the county clerk", "X, the state's budget director"
                if word in _NOT_OFFICE_AFTER:
                    continue
                if word in OFFICE_TITLES or agent(token.lemma_.lower()) in STATE_SECTORS:
                    return True
    return False


def apposed_role(root: Token) -> Token | None:
    """The role noun a name in apposition stands for when the parse sets it beside the
    object of the role's "to" phrase ("the envoy to the Middle East, Anthony Zinni":
    envoy, whether the parse hangs the phrase on the noun or on the verb), else None."""
    head = root.head
    if root.dep_ != "appos" or head.dep_ != "pobj" or head.head.lower_ != "to":
        return None
    prep = head.head
    role = prep.head if prep.head.pos_ == "NOUN" else prep.nbor(-1) if prep.i > 0 else None
    return role if role is not None and role.pos_ == "NOUN" and role.i < prep.i else None


def _office_before_apposition(doc: Doc, root: Token) -> bool:
    """A name set in apposition after an office's title ("The Defence Minister, Robert
    Hill, says", "the coroner, Dick Wallace, said"): the office is the person's. Not when
    the title is of a body ("the president of the union, X"; "a spokesman for the firm, X")
    or follows a body that is no state's ("the union secretary, X")."""
    head = apposed_role(root) or root.head
    if root.dep_ != "appos" or head.i >= root.i or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    word = head.lower_
    if word not in OFFICE_TITLES and agent(head.lemma_.lower()) not in STATE_SECTORS:
        return False
    if any(child.dep_ == "prep" and child.lower_ in {"of", "for"} for child in head.children):
        return False
    first = min(t.i for t in head.subtree if t.i <= head.i)
    return not _private_body_before(doc, first)


# Words that make the role noun they qualify a public office ("the county clerk", "a city
# manager", "the state's budget director", "a federal agent").
_STATE_QUALIFIERS = frozenset({"state", "county", "city", "federal", "municipal", "provincial"})


def _private_body_before(doc: Doc, i: int) -> bool:
    """An organisation that is no state body named right before a title ("Construction,
    Forestry, Mining and Energy Union (CFMEU) secretary Martin Kingham", "UN envoy"): the
    office is the organisation's, not a state's."""
    if any(
        ent.label_ == "ORG" and is_international(ent.text)
        for ent in doc_span(doc, max(i - 6, 0), i).ents
    ):
        return True  # "United Nations Middle East envoy" holds the UN's office, no state's
    j = i - 1
    if j >= 0 and doc[j].text == ")":
        while j >= 0 and doc[j].text != "(":
            j -= 1
        j -= 1
    if j < 0 or doc[j].ent_type_ != "ORG":
        return False
    start = j
    while start > 0 and doc[start - 1].ent_type_ == "ORG" and doc[start].ent_iob_ != "B":
        start -= 1
    text = doc_span(doc, start, j + 1).text
    if start == j:
        return False  # a word the model tags alone ("Defence Secretary", "US Magistrate")
    return not (is_state_body(text) or state_agency_country(text) or internal_country(text))
