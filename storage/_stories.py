"""Stories: the step after a load that groups near-duplicate articles (one wire story on many
sites) by the MinHash signatures producers stored in `story_signatures`.

Every current article whose signature has no story yet is taken in the order the store first
saw the articles, and articles first seen together (one write window) in the order of the
load's input, so a story's id does not depend on how a run's batches fell into windows. Its
band buckets go into `story_bands`; stored articles sharing a bucket are candidates. The
share of equal signature positions estimates the Jaccard similarity J of two
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
    input_order: list[str] | None = None,
) -> int:
    """`group_stories` inside the caller's transaction (the batch load's). `bands_table`
    and `stories_table` name the tables written: a lake's maintenance writes its `log.*` tables.
    `input_order` is the load's article ids in input order (ties of `first_seen_at`)."""
    rows = store.rows(
        """
        SELECT s.article_id, s.version, s.extractor, s.minhash, s.bands, s.shingles,
               a.first_seen_at
        FROM story_signatures s
        JOIN articles a ON a.article_id = s.article_id AND a.version = s.version
        WHERE NOT EXISTS (
            SELECT 1 FROM article_stories st
            WHERE st.article_id = s.article_id AND st.version = s.version
              AND st.extractor = s.extractor)
        QUALIFY s.extractor = max(s.extractor) OVER (PARTITION BY s.article_id)
        """
    )
    position = {article_id: i for i, article_id in enumerate(input_order or [])}
    rows.sort(key=lambda row: (row[6], position.get(row[0], len(position)), row[0]))
    pending = [row[:6] for row in rows]
    if not pending:
        return 0
    now = datetime.now(UTC)
    ids = [row[0] for row in pending]
    # The batch's band buckets in one statement each (they do not depend on stories).
    store.execute(
        f"DELETE FROM {bands_table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    )
    flat = [(row[0], i, bucket) for row in pending for i, bucket in enumerate(row[4])]
    store.execute(
        f"INSERT INTO {bands_table} (article_id, band, bucket) "
        "SELECT unnest(?::VARCHAR[]), unnest(?::SMALLINT[]), unnest(?::BIGINT[])",
        [[f[0] for f in flat], [f[1] for f in flat], [f[2] for f in flat]],
    )
    # The best stored copy of each pending article, found in one statement: only one row per
    # article comes back, not every candidate's signature. A window's pending articles can
    # share buckets with most of a large store (a wire story's every stored copy), and reading
    # their signatures into Python grew the writer's memory with the store (issue 14, round 9).
    best_stored = _best_stored_copies(store, pending)
    # Candidates of this batch, in Python: whether one counts depends on the order below.
    in_batch: dict[str, list[str]] = {}
    signatures: dict[tuple[str, str], tuple[list[int], int]] = {}
    if len(ids) > 1:
        for new_id, other_id in store.rows(
            """
            SELECT DISTINCT n.article_id, c.article_id
            FROM story_bands n JOIN story_bands c ON c.band = n.band AND c.bucket = n.bucket
            WHERE n.article_id IN (SELECT unnest(?::VARCHAR[]))
              AND c.article_id IN (SELECT unnest(?::VARCHAR[])) AND c.article_id <> n.article_id
            """,
            [ids, ids],
        ):
            in_batch.setdefault(new_id, []).append(other_id)
        others = sorted({o for found in in_batch.values() for o in found})
        if others:
            for other_id, extractor, other_minhash, other_size in store.rows(
                "SELECT s.article_id, s.extractor, s.minhash, s.shingles FROM story_signatures s "
                "JOIN articles a ON a.article_id = s.article_id AND a.version = s.version "
                "WHERE s.article_id IN (SELECT unnest(?::VARCHAR[]))",
                [others],
            ):
                signatures[(other_id, extractor)] = (list(other_minhash), other_size)
    # In the order the store first saw them: an article joins the story of its most
    # contained copy among stored articles and the batch's articles before it.
    order = {article_id: index for index, article_id in enumerate(ids)}
    assigned: dict[str, tuple[str, str | None, float | None]] = {}
    for index, (article_id, _, extractor, minhash, _, size) in enumerate(pending):
        scored = []
        stored_copy = best_stored.get(article_id)
        if stored_copy is not None:
            other_id, story, equal, positions, other_size = stored_copy
            jaccard = equal / positions
            scored.append((_containment(jaccard, size, other_size), jaccard, story, other_id))
        for other_id in in_batch.get(article_id, []):
            if order[other_id] >= index:  # a candidate once it has its story
                continue
            story = assigned[other_id][0]
            found = signatures.get((other_id, extractor))
            if found is None:
                continue
            other, other_size = found
            jaccard = _agreement(list(minhash), other)
            if jaccard >= MIN_JACCARD:
                scored.append((_containment(jaccard, size, other_size), jaccard, story, other_id))
        best = max(scored, default=None)
        if best is not None and best[0] >= contained:
            assigned[article_id] = (best[2], best[3], best[0])
        else:
            assigned[article_id] = (article_id, None, None)
    store.execute(
        f"DELETE FROM {stories_table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    )
    columns = list(zip(*[
        (row[0], row[1], row[2], *assigned[row[0]]) for row in pending
    ], strict=True))  # fmt: skip
    store.execute(
        f"INSERT INTO {stories_table} (article_id, version, extractor, story_id, "
        "matched_article_id, similarity, assigned_at) SELECT unnest(?::VARCHAR[]), "
        "unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
        "unnest(?::VARCHAR[]), unnest(?::DOUBLE[]), ?::TIMESTAMPTZ",
        [*(list(column) for column in columns), now],
    )
    return len(pending)


def _best_stored_copies(
    store: Store, pending: list[tuple]
) -> dict[str, tuple[str, str, int, int, int]]:
    """For each pending article, the stored article (not pending) that shares a band bucket
    with it, has a story and a signature of the same extractor on its current version, agrees
    in at least `MIN_JACCARD` of the positions, and comes first by (containment, agreement,
    story_id, article_id), largest first: what `assign_stories` would pick among stored
    copies. Returns article_id -> (other article_id, its story_id, equal positions,
    positions, its shingles); the agreement and containment are recomputed in Python."""
    rows = store.rows(
        """
        WITH p AS (
            SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::INTEGER[]) AS version,
                   unnest(?::VARCHAR[]) AS extractor, unnest(?::INTEGER[]) AS size
        ),
        -- each step materialized: left to itself, the join order met the two signatures on
        -- their extractor alone (every pair of articles)
        pairs AS MATERIALIZED (
            SELECT DISTINCT n.article_id AS new_id, c.article_id AS other_id
            FROM story_bands n JOIN story_bands c ON c.band = n.band AND c.bucket = n.bucket
            WHERE n.article_id IN (SELECT article_id FROM p)
              AND c.article_id NOT IN (SELECT article_id FROM p)
        ),
        mine AS MATERIALIZED (
            SELECT pairs.new_id, pairs.other_id, p.extractor, p.size, ns.minhash
            FROM pairs
            JOIN p ON p.article_id = pairs.new_id
            JOIN story_signatures ns ON ns.article_id = p.article_id
                 AND ns.version = p.version AND ns.extractor = p.extractor
            WHERE len(ns.minhash) > 0
        ),
        theirs AS MATERIALIZED (
            SELECT os.article_id, os.extractor, os.minhash, os.shingles, st.story_id
            FROM story_signatures os
            JOIN articles a ON a.article_id = os.article_id AND a.version = os.version
            JOIN article_stories st ON st.article_id = os.article_id
            WHERE os.article_id IN (SELECT other_id FROM pairs)
        ),
        agreed AS (
            SELECT m.new_id, m.other_id, t.story_id, m.size, t.shingles AS other_size,
                   len(m.minhash) AS positions,
                   len(list_filter(range(1, len(m.minhash) + 1),
                                   i -> m.minhash[i] = t.minhash[i])) AS equal
            FROM mine m
            JOIN theirs t ON t.article_id = m.other_id AND t.extractor = m.extractor
            WHERE len(t.minhash) = len(m.minhash)
        ),
        scored AS (
            SELECT *, equal / positions AS jaccard,
                   CASE WHEN least(size, other_size) <= 0 THEN 0.0
                        ELSE least(1.0, (equal / positions) * (size + other_size)
                                        / (1 + equal / positions) / least(size, other_size))
                   END AS containment
            FROM agreed WHERE equal / positions >= ?
        )
        SELECT new_id, other_id, story_id, equal, positions, other_size FROM scored
        QUALIFY row_number() OVER (PARTITION BY new_id ORDER BY containment DESC,
                                   jaccard DESC, story_id DESC, other_id DESC) = 1
        """,
        [
            [row[0] for row in pending],
            [row[1] for row in pending],
            [row[2] for row in pending],
            [row[5] for row in pending],
            MIN_JACCARD,
        ],
    )
    return {row[0]: (row[1], row[2], row[3], row[4], row[5]) for row in rows}


def story_of(store: Store, article_id: str) -> str | None:
    rows = store.rows("SELECT story_id FROM article_stories WHERE article_id = ?", [article_id])
    return rows[0][0] if rows else None
