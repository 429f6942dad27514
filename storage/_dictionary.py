"""The data dictionary: a description of every table, view and column, kept in the database.

The descriptions are declared once, in `storage/dictionary.toml`, and written into the
database as `COMMENT ON` after the migrations (`Store.migrate`), so any client that opens the
file (DuckDB's CLI, DBeaver, a notebook) sees them, and `newsflow tables` / `newsflow describe`
print them. Only what differs is written, so reopening a database writes nothing.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._store import Store

OBJECTS_SQL = """
SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
WHERE schema_name = 'main' AND database_name = current_database() AND NOT temporary
UNION ALL
SELECT view_name, 'view', comment FROM duckdb_views()
WHERE schema_name = 'main' AND database_name = current_database() AND NOT internal
  AND NOT temporary
ORDER BY name
"""
COLUMNS_SQL = """
SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
WHERE schema_name = 'main' AND database_name = current_database() AND NOT internal
ORDER BY table_name, column_index
"""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str | None


@dataclass(frozen=True)
class Described:
    """A table or view as the database describes it."""

    name: str
    kind: str  # table | view
    description: str | None
    columns: tuple[Column, ...]


@functools.cache
def declared() -> dict[str, Any]:
    """The parsed dictionary.toml: {"columns": {...}, "objects": {name: {...}}}."""
    text = resources.files(__package__).joinpath("dictionary.toml").read_text("utf-8")
    data = tomllib.loads(text)
    data.setdefault("columns", {})
    data.setdefault("objects", {})
    return data


def object_description(name: str) -> str | None:
    entry = declared()["objects"].get(name)
    return entry.get("description") if entry else None


def column_description(table: str, column: str) -> str | None:
    """The declared description of `table.column`: its own, then its `like` objects', then
    the shared one for that column name."""
    objects = declared()["objects"]
    seen: set[str] = set()
    pending = [table]
    while pending:
        name = pending.pop(0)
        if name in seen or name not in objects:
            continue
        seen.add(name)
        own = objects[name].get("columns", {})
        if column in own:
            return str(own[column])
        pending.extend(objects[name].get("like", []))
    shared = declared()["columns"].get(column)
    return str(shared) if shared is not None else None


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def apply_dictionary(store: Store) -> int:
    """Write the declared descriptions as COMMENT ON where the database differs; returns how
    many comments were written. Objects or columns with no declared description are left."""
    statements = []
    for name, kind, comment in store.rows(OBJECTS_SQL):
        wanted = object_description(name)
        if wanted is not None and wanted != comment:
            keyword = "VIEW" if kind == "view" else "TABLE"
            statements.append(f"COMMENT ON {keyword} {_ident(name)} IS {_literal(wanted)}")
    for table, column, _, comment in store.rows(COLUMNS_SQL):
        wanted = column_description(table, column)
        if wanted is not None and wanted != comment:
            statements.append(
                f"COMMENT ON COLUMN {_ident(table)}.{_ident(column)} IS {_literal(wanted)}"
            )
    if statements:
        with store.transaction():  # one call: a new file takes ~500, 0.08 s one by one
            store.execute(";\n".join(statements))
    return len(statements)


def data_dictionary(
    store: Store, name: str | None = None, *, declared_fallback: bool = True
) -> list[Described]:
    """Every table and view (or only `name`) with its columns, as the database describes
    them (falling back to the declared text for a database not yet written by this version,
    unless `declared_fallback` is False)."""
    fallback = declared_fallback
    columns: dict[str, list[Column]] = {}
    for table, column, data_type, comment in store.rows(COLUMNS_SQL):
        description = comment or (column_description(table, column) if fallback else None)
        columns.setdefault(table, []).append(Column(column, data_type, description))
    found = []
    for object_name, kind, comment in store.rows(OBJECTS_SQL):
        if name is not None and object_name.lower() != name.lower():
            continue
        found.append(
            Described(
                object_name,
                kind,
                comment or (object_description(object_name) if fallback else None),
                tuple(columns.get(object_name, ())),
            )
        )
    return found


def undocumented(store: Store) -> list[str]:
    """Tables, views (`name`) and columns (`name.column`) with no description (COMMENT ON)
    in the database."""
    missing = []
    for item in data_dictionary(store, declared_fallback=False):
        if not item.description:
            missing.append(item.name)
        missing += [f"{item.name}.{c.name}" for c in item.columns if not c.description]
    return missing
