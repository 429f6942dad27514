"""Precision and recall of story grouping (syndicated copies of one story) on labelled pairs.

    python -m bench.stories_quality      # prints the figures, writes the results file

The bundled corpus has no syndicated copies: its closest pair of different articles shares 2%
of their word 5-shingles (the same news told by two outlets, e.g. msn.com and livescience.com
on "feather duvet lung"; space.com and hawaiinewsnow.com on Europa's water vapour). So the
labelled set is constructed, with the construction fixed before the first measurement:

- originals: the 85 true article bodies of `samples/corpus` and the sample article;
- copies: for every original with at least 6 paragraphs, three copies made the way sites run
  a wire story (seeded, `random.Random(13)`):
  `trimmed`: the first 60-80% of the paragraphs, plus a site's furniture (a "Related:" line, a
  copyright line);
  `edited`: a new headline line and a dateline on top, one middle paragraph dropped, one
  editor's note added, and 5% of the words changed (dropped or doubled);
  `excerpt`: the first 40% of the paragraphs only (a site running the top of the story).
- a pair of texts is positive when both come from the same original (original-copy and
  copy-copy pairs), negative otherwise (every other pair, the same-topic pairs included).

Every text goes through the real path: `signature` (extractors) as the workers make it, a
`storage.load` of its article and signature row into a fresh DuckDB file, and the story step
that runs at load (`storage.group_stories`). Predicted positive pairs are pairs in one story.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus"
SAMPLE = ROOT / "samples" / "articles" / "cnn-putin-pyongyang-2024-06-19.txt"
RESULTS = ROOT / "bench" / "results" / "stories_quality.json"
KINDS = ("trimmed", "edited", "excerpt")
MIN_PARAGRAPHS = 6


def originals() -> dict[str, str]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    texts = {key[:16]: item["articleBody"] for key, item in truth.items()}
    texts["cnn-sample"] = SAMPLE.read_text("utf-8")
    return texts


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r", "").split("\n") if p.strip()]


def make_copy(text: str, kind: str, rng: random.Random) -> str:
    """One syndicated copy of `text` (see the module docstring)."""
    paragraphs = _paragraphs(text)
    if kind == "trimmed":
        keep = max(3, round(len(paragraphs) * rng.uniform(0.6, 0.8)))
        return "\n".join(
            paragraphs[:keep]
            + ["Related: More news from around the region",
               "Copyright 2019 The Associated Press. All rights reserved."]
        )  # fmt: skip
    if kind == "excerpt":
        return "\n".join(paragraphs[: max(2, round(len(paragraphs) * 0.4))])
    # edited
    middle = rng.randrange(1, len(paragraphs) - 1)
    kept = [p for i, p in enumerate(paragraphs) if i != middle]
    kept.insert(len(kept) // 2, "Editor's note: This story has been updated with new details.")
    words_out = []
    for paragraph in kept:
        words = []
        for word in paragraph.split():
            roll = rng.random()
            if roll < 0.025:
                continue  # dropped
            words.append(word)
            if roll > 0.975:
                words.append(word)  # doubled
        words_out.append(" ".join(words))
    return "\n".join(["Breaking news update", "WASHINGTON (AP) — " + words_out[0], *words_out[1:]])


def labelled_texts() -> tuple[dict[str, str], dict[str, str]]:
    """(text id -> text, text id -> original id)."""
    rng = random.Random(13)
    texts, origin = {}, {}
    for key, text in sorted(originals().items()):
        texts[key], origin[key] = text, key
        if len(_paragraphs(text)) < MIN_PARAGRAPHS:
            continue
        for kind in KINDS:
            copy_id = f"{key}~{kind}"
            texts[copy_id], origin[copy_id] = make_copy(text, kind, rng), key
    return texts, origin


def stories_of(texts: dict[str, str]) -> dict[str, str]:
    """Story id per text id, through signatures, `storage.load` and the story step."""
    from newsflow import storage
    from newsflow.extractors import Article, RawDocument, article_id, content_hash
    from newsflow.extractors.nlp import signature

    with tempfile.TemporaryDirectory() as folder:
        store = storage.Store.open(Path(folder) / "stories.duckdb")
        ids = {}
        try:
            batch = storage.Batch(run_id="stories-bench", children={"story_signatures": []})
            for text_id, text in texts.items():
                raw = RawDocument(uri=f"bench://{text_id}", content=text.encode("utf-8"),
                                  kind="text", source_uri="bench")  # fmt: skip
                key = article_id(raw)
                ids[key] = text_id
                article = Article(text=text, title=text_id)
                batch.articles.append(storage.article_row(
                    raw, article, article_id=key, content_hash=content_hash(article),
                    source_id="", nlp_status="skipped_bench", cleaner="bench",
                ))  # fmt: skip
                batch.children["story_signatures"].extend(
                    storage.story_signature_rows(key, signature(text))
                )
            storage.load(store, batch)
            rows = store.rows("SELECT article_id, story_id FROM article_stories")
        finally:
            store.close()
    return {ids[article]: ids.get(story, story) for article, story in rows}


def evaluate() -> dict[str, Any]:
    texts, origin = labelled_texts()
    story = stories_of(texts)
    counts = {"tp": 0, "fp": 0, "fn": 0}
    by_kind = {kind: {"tp": 0, "fn": 0} for kind in KINDS}
    false_pairs = []
    for a, b in combinations(sorted(texts), 2):
        same, grouped = origin[a] == origin[b], story[a] == story[b]
        if same and grouped:
            counts["tp"] += 1
        elif same:
            counts["fn"] += 1
        elif grouped:
            counts["fp"] += 1
            false_pairs.append((a, b))
        if same and (a == origin[a] or b == origin[b]):  # original-copy pairs, by copy kind
            kind = (b if a == origin[a] else a).split("~")[1]
            by_kind[kind]["tp" if grouped else "fn"] += 1
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {
        "texts": len(texts),
        "originals": len(set(origin.values())),
        "copies": sum(1 for t in texts if "~" in t),
        "positive_pairs": tp + fn,
        "negative_pairs": len(texts) * (len(texts) - 1) // 2 - tp - fn,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        **counts,
        "original_copy_recall_by_kind": {
            kind: round(v["tp"] / (v["tp"] + v["fn"]), 4) if v["tp"] + v["fn"] else 0.0
            for kind, v in by_kind.items()
        },
        "false_pairs": false_pairs[:20],
        "stories": len(set(story.values())),
    }


def main() -> int:
    results = evaluate()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"{results['texts']} texts ({results['originals']} originals, {results['copies']} "
        f"copies): {results['positive_pairs']} positive pairs, {results['negative_pairs']} "
        f"negative; story grouping P {results['precision']:.3f} R {results['recall']:.3f}"
    )
    print("original-copy recall by kind:", results["original_copy_recall_by_kind"])
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
