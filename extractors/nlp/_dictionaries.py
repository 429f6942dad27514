"""The field's dictionaries, loaded once per process on first use (see data/README.md).

    actor(name)       -> Actor(country, sector) of a known person or organisation, or None
    agent(word)       -> CAMEO sector of a role word ("police" -> COP, "troops" -> MIL)
    place_country(name) -> ISO3 of a city, US state or county name, or None

Lookups are casefolded. Each table is read from its compressed file the first time it is
needed (tens of milliseconds), never per article.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_DATA = "data"


@dataclass(frozen=True)
class Actor:
    country: str | None
    sector: str  # CAMEO sector: GOV, MIL, COP, JUD, LEG, MNC, MED…


def _lines(name: str) -> list[str]:
    data = resources.files(__package__).joinpath(_DATA, name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8").splitlines()


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    table = {}
    for name in ("actors.tsv.gz", "actors_extra.tsv"):
        for line in _lines(name):
            if line and not line.startswith("#"):
                key, country, sector = line.split("\t")
                table[key] = Actor(country or None, sector)
    return table


@lru_cache(maxsize=1)
def agents() -> dict[str, str]:
    table = {}
    for line in _lines("agents.tsv"):
        if line:
            word, sector = line.split("\t")
            table[word] = sector
    return table


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    table = {}
    for line in _lines("places.tsv.gz"):
        key, country, _ = line.split("\t")
        table[key] = country
    return table


def actor(name: str) -> Actor | None:
    return actors().get(" ".join(name.split()).casefold())


def agent(word: str) -> str | None:
    return agents().get(word.casefold())


def place_country(name: str) -> str | None:
    return places().get(" ".join(name.split()).casefold())
