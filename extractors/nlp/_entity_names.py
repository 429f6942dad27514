"""How names of one entity are matched within an article: entity ids, the words of a
person's name, surname spellings, organisation acronyms and short forms.

Separate because the label and country steps and the resolver's passes all compare names.
"""

from __future__ import annotations

import re

from .._documents import key_id
from ._dictionaries import actor
from ._entity_countries import (
    is_company,
    is_international,
    is_media,
    is_state_body,
)
from ._mention_text import TITLES

NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "on", "in", "&"})


def entity_id(kind: str, name: str) -> str:
    return key_id(f"{kind}:{name}")


def _name_tokens(text: str) -> list[str]:
    words = [w for w in text.replace(",", " ").split() if w not in NAME_SUFFIXES]
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


def _core(words: list[str]) -> tuple[str, ...]:
    """First and last name, ignoring initials and the dots of a first name's initials ("J.D.
    Vance" = "JD Vance"): the identity of a full name."""
    kept = [w for w in words if not (len(w.rstrip(".")) == 1 and w[0].isupper())]
    if len(kept) >= 2:
        first = kept[0].replace(".", "") if kept[0].isupper() else kept[0]
        return (first, kept[-1])
    return tuple(kept)


def _same_organisation(first: str, second: str) -> bool:
    """ "Federal Bureau of Prisons" and "Bureau of Prisons"; "Justice Department" and
    "Department of Justice"; "Labor party" and "Labor Party"."""
    if first.casefold() == second.casefold():
        return True
    a, b = first.split(), second.split()
    if len(a) >= 2 and len(b) >= 2 and len(a) != len(b):
        short, long = (a, b) if len(a) < len(b) else (b, a)
        if long[-len(short) :] == short and short[0] not in {"of", "and", "for"}:
            return True
    for x, y in ((a, b), (b, a)):
        if len(x) == 2 and len(y) == 3 and y[1] == "of" and x == [y[2], y[0]]:
            return True
    return False


def _listed_with_country(text: str) -> bool:
    """A name the actor dictionary lists, as it stands, with a country (not an outlet)."""
    found = actor(text)
    return found is not None and found.sector != "MED" and bool(found.country)


def _compound_name(text: str) -> bool:
    """One long capitalised word ("Volkswagen", "Facebook"): a name its initials may shorten."""
    return " " not in text and len(text) >= 6 and text[:1].isupper() and not text.isupper()


def _letters_of(short: str, name: str) -> bool:
    """ "VW" of "Volkswagen": a short form in capitals (two or three letters) whose first
    letter starts the one-word name and whose other letters follow in it in order, the
    last not at its end."""
    if not (2 <= len(short) <= 3 and short.isupper() and short.isalpha()):
        return False
    folded = name.casefold()
    if not folded.startswith(short[0].casefold()):
        return False
    at = 0
    for letter in short[1:].casefold():
        at = folded.find(letter, at + 1)
        if at < 0 or at == len(folded) - 1:
            return False
    return True


_DOTTED_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$")


def _acronym(text: str) -> str:
    return "".join(w[0] for w in text.split() if w not in _ACRONYM_SKIP and w[0].isupper())


def _spelling_of(word: str, surname: str) -> bool:
    """Another transliteration of a surname of six letters or more: one letter more or less
    at its end ("Zelenskyy" and "Zelensky")."""
    n, m = len(word), len(surname)
    if n == m + 1:
        return m >= 6 and word.startswith(surname)
    return m == n + 1 and n >= 6 and surname.startswith(word)


def _sector_actor(text: str) -> bool:
    """A name the actor dictionary lists with a sector: a group, party, company or person
    ("Hamas": rebels), not a place (states and places have none)."""
    found = actor(text)
    return found is not None and found.sector != ""


def _organisation_name(text: str) -> bool:
    """A name the field's dictionaries or its own words make an organisation's."""
    return is_company(text) or is_state_body(text) or is_media(text) or is_international(text)
