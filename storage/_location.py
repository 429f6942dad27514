"""Where a newsflow database lives, as `--db` and `NEWSFLOW_DB` name it.

    newsflow.duckdb, data/news.duckdb, duckdb:/abs/path.db   a DuckDB file (the default)
    :memory:                                                  a database in this process only
    ducklake:postgres:dbname=lake host=db.internal user=newsflow [data_path=s3://bucket/news/]
                                                              a DuckLake: a PostgreSQL catalog
                                                              and Parquet files, many writers

A lake's data path (a local directory or `s3://bucket/prefix/`) is needed only the first time
the lake is opened (DuckLake keeps it in its catalog); give it inline as `data_path=…` or with
NEWSFLOW_LAKE_DATA_PATH. Other schemes are refused with a message, so a location is never
mistaken for a file name.
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
LAKE_SCHEME = "ducklake"
LAKE_CATALOGS = ("postgres",)  # the catalogs that take commits from several processes
_PASSWORD = re.compile(r"(password\s*=\s*)(\S+)")


@dataclass(frozen=True)
class Location:
    kind: str  # "duckdb" (a file) | "memory" | "ducklake"
    path: str  # the file's path as given ("" for memory); a lake's catalog, "postgres:…"
    data_path: str = ""  # a lake's data path when given inline (data_path=…)

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
            if scheme == LAKE_SCHEME:
                return cls._lake(value, rest)
            raise StorageError(
                f"unknown database location {value!r}: give a DuckDB file path (e.g. "
                f"news.duckdb), {MEMORY}, or ducklake:postgres:dbname=… host=…; `{scheme}:` "
                "locations are not supported",
                path=value,
            )
        return cls("duckdb", value)

    @classmethod
    def _lake(cls, value: str, rest: str) -> Location:
        catalog, _, conninfo = rest.partition(":")
        if catalog not in LAKE_CATALOGS or not conninfo.strip():
            raise StorageError(
                f"unsupported lake location {_mask(value)!r}: newsflow's lakes keep their "
                "catalog in PostgreSQL, the one DuckLake catalog that takes commits from many "
                "writers at once; write ducklake:postgres:dbname=… host=… port=… user=…",
                path=_mask(value),
            )
        parts, data_path = [], ""
        for token in conninfo.split():
            if token.startswith("data_path="):
                data_path = token.removeprefix("data_path=")
            else:
                parts.append(token)
        return cls(LAKE_SCHEME, f"{catalog}:{' '.join(parts)}", data_path)

    @property
    def is_file(self) -> bool:
        return self.kind == "duckdb"

    @property
    def is_lake(self) -> bool:
        return self.kind == LAKE_SCHEME

    @property
    def target(self) -> str:
        """What DuckDB opens: the file path, ':memory:', or the lake's ATTACH string."""
        if self.is_lake:
            return f"{LAKE_SCHEME}:{self.path}"
        return self.path if self.is_file else MEMORY

    @property
    def display(self) -> str:
        """The location for messages: a file's absolute path; a lake without its password."""
        if self.is_lake:
            return _mask(self.target)
        return str(Path(self.path).resolve()) if self.is_file else MEMORY

    def __str__(self) -> str:
        return self.display if self.is_lake else self.target


def _mask(text: str) -> str:
    return _PASSWORD.sub(r"\1***", text)
