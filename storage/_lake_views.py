"""The views a lake shows readers: the DuckDB file's tables, one row per natural key, picked
from the append-only `log.*` tables in commit order (see storage/_lake.py for the layout and
docs/scaling.md for why this cannot lose or double a row)."""

from __future__ import annotations

from collections.abc import Sequence

from ._entities import redirects_view
from ._schema import TABLES

ALIAS = "lake"  # what the lake is attached as
LOG = "log"  # the schema of the append-only tables
FIRST = "ORDER BY snapshot_id, rowid"  # commit order
LAST = "ORDER BY snapshot_id DESC, rowid DESC"
# Merge tables whose first value of a column survives later rows (as the file loader keeps it).
KEEP_FIRST = {"sources": ("first_seen_at",)}


def _pick(name: str, key: Sequence[str], order: str, columns: list[str]) -> str:
    keep = KEEP_FIRST.get(name, ())
    select = ", ".join(
        f"first_value({c}) OVER (PARTITION BY {', '.join(key)} {FIRST}) AS {c}" if c in keep else c
        for c in columns
    )
    return (
        f"CREATE OR REPLACE VIEW main.{name} AS SELECT {select} FROM {LOG}.{name} "
        f"QUALIFY row_number() OVER (PARTITION BY {', '.join(key)} {order}) = 1"
    )


VERSIONS_VIEW = f"""
CREATE OR REPLACE VIEW {LOG}.versions AS
SELECT * EXCLUDE (_previous)
       REPLACE (row_number() OVER (PARTITION BY article_id ORDER BY _snapshot, _row)::INTEGER
                AS version)
FROM (SELECT *, snapshot_id AS _snapshot, rowid AS _row,
             lag(content_hash) OVER (PARTITION BY article_id {FIRST}) AS _previous
      FROM {LOG}.article_versions)
WHERE _previous IS NULL OR _previous <> content_hash
"""

# What `articles` holds beyond the current version's columns, as the file's loader keeps it.
ARTICLE_DERIVED = {
    "last_document_id": "coalesce(s.last_document_id, c.document_id)",
    "first_seen_at": "f.first_seen_at",
    "updated_at": "c.created_at",
    "last_run_id": "coalesce(s.last_run_id, c.run_id)",
}


def _articles_view(columns: list[str], sightings: bool) -> str:
    select = ", ".join(f"{ARTICLE_DERIVED.get(c, 'c.' + c)} AS {c}" for c in columns)
    seen = (
        f"SELECT article_id, document_id AS last_document_id, run_id AS last_run_id "
        f"FROM {LOG}.run_items WHERE article_id IS NOT NULL "
        f"AND status IN ('new', 'updated', 'unchanged') "
        f"QUALIFY row_number() OVER (PARTITION BY article_id {LAST}) = 1"
        if sightings
        else "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS last_document_id, "
        "NULL::VARCHAR AS last_run_id WHERE false"
    )
    return f"""
CREATE OR REPLACE VIEW main.articles AS
WITH c AS (SELECT * FROM {LOG}.versions
           QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC) = 1),
     f AS (SELECT article_id, min(created_at) AS first_seen_at
           FROM {LOG}.article_versions GROUP BY article_id),
     s AS ({seen})
SELECT {select}
FROM c JOIN f ON f.article_id = c.article_id LEFT JOIN s ON s.article_id = c.article_id
"""


def _children_view(name: str, key: Sequence[str], columns: list[str]) -> str:
    select = ", ".join("v.version AS version" if c == "version" else f"t.{c}" for c in columns)
    partition = ", ".join("v.version" if k == "version" else f"t.{k}" for k in key)
    return (
        f"CREATE OR REPLACE VIEW main.{name} AS SELECT {select} FROM {LOG}.{name} t "
        f"JOIN {LOG}.versions v ON v.article_id = t.article_id AND v._batch = t._version_batch "
        f"QUALIFY row_number() OVER (PARTITION BY {partition} "
        f"ORDER BY t.snapshot_id, t.rowid) = 1"
    )


def _entities_view(columns: list[str]) -> str:
    """Entities as first written, with the country most current articles give each (ties:
    more mentions, then the code): the vote `refresh_entity_countries` stores in a file,
    computed on read, since a lake's loaders only append."""
    first = _pick("entities", ("entity_id",), FIRST, columns).split(" AS ", 1)[1]
    select = ", ".join("coalesce(v.country, e.country) AS country" if c == "country"
                       else f"e.{c}" for c in columns)  # fmt: skip
    return f"""
CREATE OR REPLACE VIEW main.entities AS
WITH e AS ({first}),
     current AS (
         SELECT ae.entity_id, ae.country, ae.mentions
         FROM main.article_entities ae
         JOIN main.articles a ON a.article_id = ae.article_id AND a.version = ae.version
         WHERE ae.country IS NOT NULL
         QUALIFY ae.extractor = max(ae.extractor) OVER (PARTITION BY ae.article_id)),
     votes AS (
         SELECT entity_id, country, count(*) AS articles, sum(mentions) AS mentions
         FROM current GROUP BY ALL),
     v AS (
         SELECT entity_id, country FROM votes
         QUALIFY row_number() OVER (
             PARTITION BY entity_id ORDER BY articles DESC, mentions DESC, country) = 1)
SELECT {select} FROM e LEFT JOIN v ON v.entity_id = e.entity_id
"""


def view_statements(tables: dict[str, list[str]]) -> list[str]:
    """The views over the log tables that exist (name -> file columns), dependencies first."""
    statements = []
    if "article_versions" in tables:
        statements.append(VERSIONS_VIEW)
        statements.append(
            f"CREATE OR REPLACE VIEW main.article_versions AS "
            f"SELECT {', '.join(tables['article_versions'])} FROM {LOG}.versions"
        )
        if "articles" in tables:
            statements.append(_articles_view(tables["articles"], "run_items" in tables))
    for name, columns in sorted(tables.items()):
        if name in ("article_versions", "articles"):
            continue
        if name == "runs":
            statements.append(_pick(name, ("run_id",), LAST, columns))
            continue
        if name == "entities" and "article_entities" in tables and "article_versions" in tables:
            statements.append(_entities_view(columns))
            continue
        if name == "entity_redirects" and "entity_mentions" in tables:
            statements.append(redirects_view())  # decided on read, as the countries are
            continue
        spec = TABLES.get(name)
        if spec is None:  # a table without declared load semantics: shown as written
            statements.append(
                f"CREATE OR REPLACE VIEW main.{name} AS SELECT {', '.join(columns)} "
                f"FROM {LOG}.{name}"
            )
        elif spec.versioned:
            if "article_versions" in tables:
                statements.append(_children_view(name, spec.key, columns))
        else:
            order = FIRST if spec.disposition == "insert_new" else LAST
            statements.append(_pick(name, spec.key, order, columns))
    return statements
