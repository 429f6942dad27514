"""Where a newsflow database lives, as `--db` and `NEWSFLOW_DB` name it.

    newsflow.duckdb, data/news.duckdb, duckdb:/abs/path.db   a DuckDB file (the default)
    :memory:                                                  a database in this process only

Other schemes (`ducklake:…` for many writers) are recognised and refused with a message
until their backend exists, so a location is never mistaken for a file name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ._errors import StorageError

MEMORY = ":memory:"
# `scheme:rest`, where scheme is at least two letters (so `C:\…` stays a path).
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):(?!\\)")
FILE_SCHEMES = ("duckdb", "file")


@dataclass(frozen=True)
class Location:
    kind: str  # "duckdb" (a file) | "memory"
    path: str  # the file's path as given ("" for memory)

    @classmethod
    def parse(cls, text: str | os.PathLike[str] | Location) -> Location:
        if isinstance(text, Location):
            return text
        value = os.fspath(text).strip()
        if not value:
            raise StorageError("no database location given; pass --db PATH or set NEWSFLOW_DB")
        if value == MEMORY:
            return cls("memory", "")
        match = _SCHEME.match(value)
        if match and not Path(value).exists():
            scheme, rest = match.group(1), value[match.end() :]
            if scheme in FILE_SCHEMES:
                return cls("duckdb", rest.removeprefix("//"))
            raise StorageError(
                f"unknown database location {value!r}: give a DuckDB file path (e.g. "
                f"news.duckdb) or {MEMORY}; `{scheme}:` locations are not supported",
                path=value,
            )
        return cls("duckdb", value)

    @property
    def is_file(self) -> bool:
        return self.kind == "duckdb"

    @property
    def target(self) -> str:
        """What DuckDB opens: the file path, or ':memory:'."""
        return self.path if self.is_file else MEMORY

    @property
    def display(self) -> str:
        """The location for messages: a file's absolute path."""
        return str(Path(self.path).resolve()) if self.is_file else MEMORY

    def __str__(self) -> str:
        return self.target
