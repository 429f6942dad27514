"""Canonical entities across articles: what the store knows that one article cannot.

- `refresh_entity_countries`: an entity's country is the country most of its current
  articles give it (`article_entities`), not the first value seen; run after each load.
- `known_people`: the full names of people the store knows, for the engine to pass into a
  batch's work, so that a later article that only says "Putin" resolves to Vladimir Putin
  (workers never open the database).
- `resolve_people`: the same rule across the articles of one run, whatever their order: a
  one-word PERSON entity ("Trump") that is the first or last word of one dominant known
  full-name person is redirected to that person (`entity_redirects`, applied by the views);
  run after each load, over the words the load's entities touch.
"""

from __future__ import annotations

from typing import Any

from ._store import Store

# `extractors.nlp.KnownPeople.of`'s rule, which storage cannot import (the layers are
# independent): tests/test_cross_article_entities.py pins that both pick the same people.
PEOPLE_RULE = "people.v1"
DOMINANCE = 3  # the chosen person's articles against the next person's with that word
# Words that are never a person's name alone, and words _name_tokens drops from a full name.
TITLES = (
    "President", "Vice", "Prime", "Minister", "Secretary", "Chancellor", "King", "Queen",
    "Prince", "Princess", "Pope", "Sen.", "Senator", "Rep.", "Representative", "Gov.",
    "Governor", "Mayor", "Dr.", "Mr.", "Mrs.", "Ms.", "Miss", "Gen.", "General", "Adm.",
    "Col.", "Capt.", "Lt.", "Sgt.", "Judge", "Justice", "Sheriff", "Officer", "Prof.",
    "Professor", "Rev.", "Leader", "Supreme", "Chairman", "Speaker", "Ambassador",
    "Attorney", "Commissioner", "Superintendent", "Director", "Chief", "Coach", "Deputy",
    "Foreign", "Defense", "Defence", "Premier", "Sir", "Lord", "Lady", "Dame", "Saint",
)  # fmt: skip
NAME_SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")


def refresh_entity_countries(store: Store, entity_ids: list[str] | None = None) -> int:
    """Set `entities.country` to the country most current articles give each entity (ties:
    more mentions, then the code). Only `entity_ids` when given. Returns entities changed."""
    scope = ""
    parameters: list[Any] = []
    if entity_ids is not None:
        if not entity_ids:
            return 0
        scope = "AND ae.entity_id IN (SELECT unnest(?::VARCHAR[]))"
        parameters = [entity_ids]
    changed = store.rows(
        f"""
        WITH current AS (
            SELECT ae.entity_id, ae.country, ae.mentions
            FROM article_entities ae
            JOIN articles a ON a.article_id = ae.article_id AND a.version = ae.version
            WHERE ae.country IS NOT NULL {scope}
            QUALIFY ae.extractor = max(ae.extractor) OVER (PARTITION BY ae.article_id)
        ),
        votes AS (
            SELECT entity_id, country, count(*) AS articles, sum(mentions) AS mentions
            FROM current GROUP BY ALL
        )
        SELECT entity_id, country FROM votes
        QUALIFY row_number() OVER (
            PARTITION BY entity_id ORDER BY articles DESC, mentions DESC, country) = 1
        """,
        parameters,
    )
    if not changed:
        return 0
    store.execute(
        "CREATE OR REPLACE TEMP TABLE voted_countries (entity_id VARCHAR, country VARCHAR)"
    )
    store.execute(
        "INSERT INTO voted_countries SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
        [[row[0] for row in changed], [row[1] for row in changed]],
    )
    updated = store.rows(
        """
        UPDATE entities SET country = v.country
        FROM voted_countries v
        WHERE entities.entity_id = v.entity_id AND entities.country IS DISTINCT FROM v.country
        RETURNING entities.entity_id
        """
    )
    return len(updated)


def unsettled_entities(
    store: Store, rows: list[dict[str, Any]], new_articles: set[str]
) -> list[str]:
    """The entities of a load's `article_entities` rows whose country the vote may change:
    all but those whose every row comes from a newly stored article and gives no country or
    the entity's stored one. A vote the stored country already wins (`entities.country` is
    the winner after every load that adds votes) can only widen its lead, so recounting it,
    which reads every current article naming the entity, is skipped: for a common entity that
    is most of the store (issue 14, round 9)."""
    recount = {row["entity_id"] for row in rows if row.get("article_id") not in new_articles}
    votes = sorted({
        (row["entity_id"], row["country"]) for row in rows
        if row["entity_id"] not in recount and row.get("country") is not None
    })  # fmt: skip
    if votes:
        disagree = store.rows(
            """
            SELECT DISTINCT v.entity_id
            FROM (SELECT unnest(?::VARCHAR[]) AS entity_id, unnest(?::VARCHAR[]) AS country) v
            LEFT JOIN entities e ON e.entity_id = v.entity_id
            WHERE e.country IS DISTINCT FROM v.country
            """,
            [[vote[0] for vote in votes], [vote[1] for vote in votes]],
        )
        recount.update(row[0] for row in disagree)
    return sorted(recount)


def known_people(store: Store, limit: int = 200_000) -> list[tuple[str, str | None, int]]:
    """(full name, country, articles) of the people the store knows by a name of two words or
    more, the most written about first."""
    rows = store.rows(
        """
        SELECT e.name, e.country, count(DISTINCT m.article_id) AS articles
        FROM entities e
        JOIN entity_mentions m ON m.entity_id = e.entity_id
        WHERE e.type = 'PERSON' AND strpos(e.name, ' ') > 0
        GROUP BY ALL
        ORDER BY articles DESC, e.name
        LIMIT ?
        """,
        [limit],
    )
    return [(name, country, articles) for name, country, articles in rows]


def _list(words: tuple[str, ...]) -> str:
    """A constant word list as a SQL literal (these are the module's own constants: a view
    cannot take parameters)."""
    return "[" + ", ".join("'" + word.replace("'", "''") + "'" for word in words) + "]"


def _split(name: str) -> str:
    """SQL: a name column's words, split on spaces and commas, suffixes ("Jr.") dropped."""
    return (
        f"list_filter(regexp_split_to_array(replace({name}, ',', ' '), '\\s+'), "
        f"lambda x: x <> '' AND NOT list_contains({_list(NAME_SUFFIXES)}, x))"
    )


def _tokens(words: str) -> str:
    """SQL for `_name_tokens` from a column of `_split` words: leading titles dropped while
    more than one word is left."""
    first = (
        f"coalesce(list_min(list_filter(range(1, len({words}) + 1), "
        f"lambda i: NOT list_contains({_list(TITLES)}, {words}[i]))), len({words}))"
    )
    return f"{words}[{first}:]"


def _words(scope: str = "") -> str:
    """SQL: the words whose person may be chosen, of the PERSON entities `scope` keeps (a
    condition on `e`): a one-word name itself, a full name's first and last word."""
    return f"""
        WITH touched AS (
            SELECT e.name, strpos(e.name, ' ') > 0 AS several, {_split("e.name")} AS split
            FROM entities e WHERE e.type = 'PERSON' {scope}
        ),
        tokens AS (SELECT name, several, {_tokens("split")} AS w FROM touched)
        SELECT DISTINCT word FROM (
            SELECT name AS word FROM tokens WHERE NOT several
            UNION ALL SELECT w[1] FROM tokens WHERE several AND len(w) >= 2
            UNION ALL SELECT w[-1] FROM tokens WHERE several AND len(w) >= 2
        )
        WHERE NOT list_contains({_list(TITLES)}, word)
    """


def _wanted(words: str) -> str:
    """SQL: (entity_id, target_id) of the one-word PERSON entities named by a word of the
    relation `words` that one known full-name person dominates."""
    return f"""
        WITH people AS (SELECT entity_id, name FROM entities
                        WHERE type = 'PERSON' AND strpos(name, ' ') > 0),
        hits AS (  -- the full-name people with one of the words anywhere in their name
            SELECT DISTINCT entity_id FROM (
                SELECT entity_id,
                       unnest(regexp_split_to_array(replace(name, ',', ' '), '\\s+')) AS word
                FROM people
            ) WHERE word IN (SELECT word FROM {words})
        ),
        split AS (
            SELECT p.entity_id, p.name, {_split("p.name")} AS split
            FROM people p WHERE p.entity_id IN (SELECT entity_id FROM hits)
        ),
        candidates AS (SELECT entity_id, name, {_tokens("split")} AS w FROM split),
        ends AS (
            SELECT entity_id, name, w[1] AS word FROM candidates WHERE len(w) >= 2
            UNION SELECT entity_id, name, w[-1] FROM candidates WHERE len(w) >= 2
        ),
        named AS (SELECT * FROM ends WHERE word IN (SELECT word FROM {words})),
        counted AS (
            SELECT m.entity_id, count(DISTINCT m.article_id) AS articles
            FROM entity_mentions m
            WHERE m.entity_id IN (SELECT entity_id FROM named)
            GROUP BY ALL
        ),
        ranked AS (
            SELECT n.word, n.entity_id, c.articles,
                   row_number() OVER (PARTITION BY n.word ORDER BY c.articles DESC, n.name) AS rank
            FROM named n JOIN counted c ON c.entity_id = n.entity_id
        ),
        chosen AS (
            SELECT word, any_value(entity_id) FILTER (WHERE rank = 1) AS target_id,
                   max(articles) FILTER (WHERE rank = 1) AS best,
                   max(articles) FILTER (WHERE rank > 1) AS second
            FROM ranked GROUP BY word
        )
        SELECT e.entity_id, ch.target_id
        FROM entities e
        JOIN chosen ch ON ch.word = e.name
        WHERE e.type = 'PERSON'
          AND (ch.second IS NULL OR ch.best >= {DOMINANCE} * greatest(ch.second, 1))
    """


def redirects_view(schema: str = "main") -> str:
    """`entity_redirects` computed on read, for a lake, whose loaders only append: every word
    decided at once, as `resolve_people(store)` stores it in a file."""
    return f"""
CREATE OR REPLACE VIEW {schema}.entity_redirects AS
WITH people_words AS ({_words()}),
     wanted AS ({_wanted("people_words")})
SELECT entity_id, target_id, '{PEOPLE_RULE}' AS rule, NULL::TIMESTAMPTZ AS resolved_at
FROM wanted
"""


def resolve_people(store: Store, entity_ids: list[str] | None = None) -> int:
    """Redirect each one-word PERSON entity ("Trump") to the one known full-name person whose
    first or last word it is ("Donald Trump") when that person has at least `DOMINANCE` times
    the articles of any other with the word (`KnownPeople.of`'s rule, titles never), and
    remove the redirect of a word that no longer has one. Only the words of `entity_ids`
    (the entities a load touched: a word's choice changes only when one of its people gains
    articles or a one-word entity appears), all when None. Order-independent and idempotent:
    a second call with the same store writes nothing. Returns redirects added or removed."""
    scope, parameters = "", None
    if entity_ids is not None:
        if not entity_ids:
            return 0
        scope = "AND e.entity_id IN (SELECT unnest(?::VARCHAR[]))"
        parameters = [entity_ids]
    store.execute(f"CREATE OR REPLACE TEMP TABLE people_words AS {_words(scope)}", parameters)
    changed = store.rows(
        f"""
        WITH wanted AS ({_wanted("people_words")}),
        stored AS (
            SELECT r.entity_id, r.target_id
            FROM entity_redirects r JOIN entities e ON e.entity_id = r.entity_id
            WHERE e.name IN (SELECT word FROM people_words)
        )
        SELECT coalesce(w.entity_id, s.entity_id), w.target_id
        FROM wanted w FULL JOIN stored s ON s.entity_id = w.entity_id
        WHERE w.target_id IS DISTINCT FROM s.target_id
        """
    )
    store.execute("DROP TABLE people_words")
    if not changed:
        return 0
    store.execute(
        "DELETE FROM entity_redirects WHERE entity_id IN (SELECT unnest(?::VARCHAR[]))",
        [[row[0] for row in changed]],
    )
    added = [row for row in changed if row[1] is not None]
    if added:
        store.execute(
            "INSERT INTO entity_redirects "
            "SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?, now()",
            [[row[0] for row in added], [row[1] for row in added], PEOPLE_RULE],
        )
    return len(changed)
