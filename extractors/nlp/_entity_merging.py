"""Which mentions of an article name one entity: the resolver's passes that give full names
to a person's short forms, one name to an organisation's acronyms and short forms, and the
written form to a name in capitals or a word of a longer name.

Separate from the resolver's driver (`_entity_resolution`), which runs them in this order
after the places' countries and before the countries of people and organisations; each
rewrites the mentions' `(label, name)` keys in place.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ._article_entities import KnownPeople
from ._countries import is_region, place, us_state
from ._dictionaries import division_country, place_country
from ._entity_names import (
    _ACRONYM_SKIP,
    _DOTTED_ACRONYM,
    _acronym,
    _compound_name,
    _core,
    _letters_of,
    _name_tokens,
    _same_organisation,
    _spelling_of,
)
from ._mention_text import NAME_PARTICLES, CleanMention, doc_text
from ._place_usage import _PLACE_WORDS
from ._quotes_text import quote_segments


def merge_people(
    doc: Doc,
    mentions: list[CleanMention],
    persons: list[int],
    keys: list[tuple[str, str]],
    people: KnownPeople | None,
) -> None:
    # Pass 2: persons — group full names, then resolve short forms (full names said inside
    # quotes, "Pat Carlineo is passionate…", only when nothing outside quotes fits).
    quoted = [(q.start, q.end) for q in quote_segments(doc_text(doc))]
    groups: dict[tuple[str, ...], str] = {}
    full_at: list[tuple[int, str, set[str]]] = []  # (position, canonical, name words)
    in_quotes: set[str] = set()
    outside: set[str] = set()
    for n in persons:
        words = _name_tokens(mentions[n].text)
        if len(words) >= 2:
            core = _core(words)
            if core not in groups and len(core) == 2:
                # "Pat Carlineo" beside "Patrick Carlineo": a first name that begins another
                # of the same surname is the same person
                for other, name in list(groups.items()):
                    if len(other) != 2:
                        continue
                    first, last = other
                    short, long_ = sorted((first, core[0]), key=len)
                    if last == core[1] and len(short) >= 3 and long_.startswith(short):
                        groups[core] = name
                        break
            canonical = groups.setdefault(core, " ".join(words))
            keys[n] = ("PERSON", canonical)
            full_at.append((mentions[n].start, canonical, set(words)))
            quoted_here = any(a <= mentions[n].start_char < b for a, b in quoted)
            (in_quotes if quoted_here else outside).add(canonical)
    for n in persons:
        words = _name_tokens(mentions[n].text)
        if len(words) >= 2:
            continue
        candidates = [(pos, name) for pos, name, names in full_at if set(words) <= names]
        if not candidates and len(words) == 1 and len(words[0]) >= 6:
            # "Zelenskyy" beside "Volodymyr Zelensky": another spelling of the surname
            candidates = [
                (pos, name)
                for pos, name, names in full_at
                if any(_spelling_of(words[0], w) for w in names)
            ]
        if not candidates and all(w.isupper() and len(w) > 2 for w in words):
            # "PUTIN" in a headline or dateline: the surname of "Vladimir Putin"
            folded = {w.casefold() for w in words}
            candidates = [
                (pos, name)
                for pos, name, names in full_at
                if folded <= {w.casefold() for w in names}
            ]
        if any(name in outside for _, name in candidates):
            candidates = [(pos, name) for pos, name in candidates if name in outside]
        if not candidates:
            known = people.full_name(words[0]) if people and len(words) == 1 else None
            keys[n] = ("PERSON", known or " ".join(words) or mentions[n].text)
            continue
        here = mentions[n].start
        before = [c for c in candidates if c[0] < here]
        pos, name = max(before) if before else min(candidates)
        keys[n] = ("PERSON", name)

    # "Hawk Sawyer" after "Kathleen Hawk Sawyer": the last two words of a longer full name;
    # a surname with its particles ("Von der Leyen" after "Ursula von der Leyen") too
    by_name = {name: set(_name_tokens(name)) for _, name, _ in full_at}
    for n in persons:
        kind, name = keys[n]
        words = [w.casefold() for w in _name_tokens(name)]
        if len(words) != 2 and not (len(words) > 2 and words[0] in NAME_PARTICLES):
            continue
        longer = [
            o
            for o in by_name
            if len(_name_tokens(o)) > len(words)
            and [w.casefold() for w in _name_tokens(o)[-len(words) :]] == words
        ]
        if len(set(longer)) == 1:
            keys[n] = ("PERSON", longer[0])


def merge_organisations(
    mentions: list[CleanMention], orgs: list[int], keys: list[tuple[str, str]]
) -> None:
    # Pass 3: organisations — first word of a longer name, or its acronym; a name that ends a
    # longer one ("Bureau of Prisons" in "Federal Bureau of Prisons"); "Justice Department"
    # and "Department of Justice". A merged name takes its most frequent form.
    long_orgs = [mentions[n].text for n in orgs if len(mentions[n].text.split()) > 1]
    compounds = {mentions[n].text for n in orgs if _compound_name(mentions[n].text)}
    undotted = {mentions[n].text for n in orgs if mentions[n].text.isupper()}
    for n in orgs:
        text = mentions[n].text
        if len(text.split()) != 1:
            continue
        if _DOTTED_ACRONYM.match(text):
            # "E.U." is "EU": the same short form, named in full or without its dots
            text = text.replace(".", "")
            if text in undotted:
                keys[n] = ("ORG", text)
        for name in long_orgs:
            if name.split()[0] == text or (
                text.isupper() and len(text) > 1 and _acronym(name) == text
            ):
                keys[n] = ("ORG", name)
                break
        else:
            # "VW" beside "Volkswagen": the short form of exactly one one-word name
            expanded = [name for name in compounds if _letters_of(text, name)]
            if len(expanded) == 1:
                keys[n] = ("ORG", expanded[0])
    frequency = Counter(keys[n][1] for n in orgs)
    group: dict[str, str] = {}
    org_names = sorted(
        frequency, key=lambda text: (-frequency[text], -len(text), not text.istitle())
    )  # of names in one case or another, the one in title case ("Labor Party")
    for org_name in org_names:
        if org_name in group:
            continue
        group[org_name] = org_name
        for org_other in org_names:
            if org_other not in group and _same_organisation(org_name, org_other):
                group[org_other] = org_name
    for n in orgs:
        keys[n] = ("ORG", group.get(keys[n][1], keys[n][1]))


def merge_name_forms(keys: list[tuple[str, str]]) -> None:
    # A name in capitals ("JERUSALEM (AP) —", an ALL-CAPS headline) is the same entity as
    # the name written normally elsewhere in the article.
    written: dict[tuple[str, str], str] = {}
    for kind, name in keys:
        if not name.isupper():
            written.setdefault((kind, name.casefold()), name)
    for n, (kind, name) in enumerate(keys):
        if name.isupper() and len(name) > 4 and (kind, name.casefold()) in written:
            keys[n] = (kind, written[(kind, name.casefold())])

    # A one-word name that is a word of exactly one longer organisation or facility of the
    # article, and neither a place nor a person's name there, is that organisation ("Carlyle"
    # after "The Carlyle Group", "Statehouse" after "Indiana Statehouse"), whatever the model
    # tagged it.
    containing: dict[str, set[tuple[str, str]]] = {}
    for kind, name in keys:
        if kind in {"ORG", "FAC"} and len(name.split()) > 1:
            words = name.split()
            for i, word in enumerate(words):
                following = words[i + 1].casefold() if i + 1 < len(words) else ""
                if following in _PLACE_WORDS:
                    continue  # "Berrien County Sheriff's Office": Berrien is a place
                if word[:1].isupper() and word.casefold() not in _ACRONYM_SKIP:
                    containing.setdefault(word, set()).add((kind, name))
    person_words = {w for kind, name in keys if kind == "PERSON" for w in name.split()[:-1]}
    for n, (kind, name) in enumerate(list(keys)):
        if len(name.split()) != 1 or kind not in {"ORG", "PERSON", "FAC", "GPE", "LOC"}:
            continue
        targets = containing.get(name, set())
        if (
            len(targets) == 1
            and name not in person_words
            and place(name) is None
            and place_country(name) is None
            and not us_state(name)
            and not is_region(name)  # "Europa" beside the "Europa Clipper" probe
            # "a Queensland facility" beside "the Queensland Government": a state by its name
            and not (kind in {"GPE", "LOC"} and not name.isupper() and division_country(name))
        ):
            keys[n] = next(iter(targets))
