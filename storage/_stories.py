"""Stories: the step after a load that groups near-duplicate articles (one wire story on many
sites) by the MinHash signatures producers stored in `story_signatures`.

Every current article whose signature has no story yet is taken in the order the store first
saw the articles. Its band buckets go into `story_bands`; stored articles sharing a bucket are
candidates. The share of equal signature positions estimates the Jaccard similarity J of two
texts' shingle sets, and with the sets' sizes the containment of the shorter text in the longer
(a copy cut to the story's first paragraphs is contained in it). A candidate is a copy when
J >= `MIN_JACCARD` (four equal positions of 64: not chance) and the containment is at least
`CONTAINED`; the article joins the story of its most contained copy, or starts a story of its
own (story_id = its article_id). The step is idempotent: a second call finds nothing pending.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ._store import Store

MIN_JACCARD = 0.0625
CONTAINED = 0.5


def _agreement(first: list[int], second: list[int]) -> float:
    if not first or len(first) != len(second):
        return 0.0
    return sum(1 for x, y in zip(first, second, strict=True) if x == y) / len(first)


def _containment(jaccard: float, size: int, other_size: int) -> float:
    if jaccard <= 0 or min(size, other_size) <= 0:
        return 0.0
    return min(1.0, jaccard * (size + other_size) / (1 + jaccard) / min(size, other_size))


def group_stories(store: Store, contained: float = CONTAINED) -> int:
    """Give every current article with a signature and no story its story, in one
    transaction; returns how many articles were assigned."""
    with store.transaction():
        return assign_stories(store, contained)


def assign_stories(
    store: Store,
    contained: float = CONTAINED,
    *,
    bands_table: str = "story_bands",
    stories_table: str = "article_stories",
) -> int:
    """`group_stories` inside the caller's transaction (the batch load's). `bands_table`
    and `stories_table` name the tables written: a lake's maintenance writes its `log.*` tables."""
    pending = store.rows(
        """
        SELECT s.article_id, s.version, s.extractor, s.minhash, s.bands, s.shingles
        FROM story_signatures s
        JOIN articles a ON a.article_id = s.article_id AND a.version = s.version
        WHERE NOT EXISTS (
            SELECT 1 FROM article_stories st
            WHERE st.article_id = s.article_id AND st.version = s.version
              AND st.extractor = s.extractor)
        QUALIFY s.extractor = max(s.extractor) OVER (PARTITION BY s.article_id)
        ORDER BY a.first_seen_at, s.article_id
        """
    )
    if not pending:
        return 0
    now = datetime.now(UTC)
    for article_id, version, extractor, minhash, bands, size in pending:
        store.execute(f"DELETE FROM {bands_table} WHERE article_id = ?", [article_id])
        store.execute(
            f"INSERT INTO {bands_table} (article_id, band, bucket) SELECT ?, b.i - 1, b.bucket "
            "FROM (SELECT unnest(?::BIGINT[]) AS bucket, "
            "unnest(range(1, len(?::BIGINT[]) + 1)) AS i) b",
            [article_id, bands, bands],
        )
        candidates = store.rows(
            """
            SELECT o.article_id, s.minhash, s.shingles, st.story_id
            FROM (SELECT DISTINCT c.article_id
                  FROM story_bands n
                  JOIN story_bands c ON c.band = n.band AND c.bucket = n.bucket
                  WHERE n.article_id = ? AND c.article_id <> ?) o
            JOIN articles a ON a.article_id = o.article_id
            JOIN story_signatures s ON s.article_id = a.article_id AND s.version = a.version
                                    AND s.extractor = ?
            JOIN article_stories st ON st.article_id = o.article_id
            """,
            [article_id, article_id, extractor],
        )
        scored = []
        for other_id, other, other_size, story in candidates:
            jaccard = _agreement(list(minhash), list(other))
            if jaccard >= MIN_JACCARD:
                scored.append((_containment(jaccard, size, other_size), jaccard, story, other_id))
        best = max(scored, default=None)
        if best is not None and best[0] >= contained:
            story_id, matched, score = best[2], best[3], best[0]
        else:
            story_id, matched, score = article_id, None, None
        store.execute(f"DELETE FROM {stories_table} WHERE article_id = ?", [article_id])
        store.execute(
            f"INSERT INTO {stories_table} (article_id, version, extractor, story_id, "
            "matched_article_id, similarity, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article_id, version, extractor, story_id, matched, score, now],
        )
    return len(pending)


def story_of(store: Store, article_id: str) -> str | None:
    rows = store.rows("SELECT story_id FROM article_stories WHERE article_id = ?", [article_id])
    return rows[0][0] if rows else None
