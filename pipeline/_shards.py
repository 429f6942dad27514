"""Sharding: split one job's inputs across workers without a queue.

Shard k of n owns the inputs whose key hashes to k (SHA-256, so every machine agrees without
talking to the others). Keys, by `by`:

    host     URLs, feeds, sitemaps and sites by host (one site is fetched politely by one
             worker); local files and WARC files by file
    source   by the name the input was given as: a directory, a URL-list file, a feed, a
             WARC file each go whole to one shard

A run per shard, each on whichever worker of the pool is free (the `fan-out` flow starts
them), writes the same lake; the same host is never fetched by two shards at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsflow.extractors.sources import InputRef

SHARD_BY = ("host", "source")


def _host(locator: str) -> str | None:
    if locator.startswith(("http://", "https://")):
        return (urlsplit(locator).hostname or "").lower() or None
    return None


@dataclass(frozen=True)
class Shard:
    index: int = 0
    count: int = 1
    by: str = "host"

    def __post_init__(self) -> None:
        if self.count < 1 or not 0 <= self.index < self.count:
            raise ValueError(f"shard {self.index} of {self.count}: need 0 <= shard < shards")
        if self.by not in SHARD_BY:
            raise ValueError(f"shard_by must be one of {list(SHARD_BY)}, not {self.by!r}")

    def owns(self, key: str) -> bool:
        if self.count == 1:
            return True
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index

    def key(self, locator: str) -> str:
        """The key of a named input (a path, a URL, a feed)."""
        return (_host(locator) if self.by == "host" else None) or locator

    def owns_ref(self, ref: InputRef) -> bool:
        if self.by == "source":
            return self.owns(ref.source.locator)
        return self.owns(self.key(ref.location))

    def owns_locator(self, locator: str) -> bool:
        return self.owns(self.key(locator))
