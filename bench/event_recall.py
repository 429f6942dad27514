"""Event recall on unannotated politics news: the core political events a person wrote down,
per mention, for whole reports of the Lee corpus (`bench.audit_texts`), scored the way
`bench.enrichment_quality` scores the gold set (per report, predicted codings assigned one to
one to the written ones; alternatives and optional rows are neutral).

    python -m bench.event_recall --texts /work/lee/lee_background.cor --part A
    python -m bench.event_recall --texts ... --part A --pick 25     # list the chosen reports
    python -m bench.event_recall --texts ... --part A --show        # misses and extra rows

Which reports: the first `--pick` reports of the part, in line order, in which newsflow's
entities carry two or more distinct countries (a rule fixed before any report was read; the
labels file keeps the ids it chose, so a later entity layer does not move the set). Labels:
`bench/results/event_recall_lee.json`, keyed by report; each row has `type`, `actor`,
`recipient` (ISO3 or ""), `trigger`, `sentence` (its opening words) and optionally
`alternatives`, `optional`, `reciprocal`, as `tests/gold` codes events.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench import audit_texts
from bench.enrichment_quality import Counts, Key, gold_mentions, match_mentions
from bench.event_audit import PUBLISHED, audit_rows

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "results" / "event_recall_lee.json"


def pick(texts: dict[str, str], count: int) -> list[str]:
    """The first `count` reports whose entities carry two or more distinct countries."""
    from newsflow.extractors.nlp import enrich, load_model

    nlp = load_model()
    chosen = []
    for article, doc in zip(texts, nlp.pipe(texts.values()), strict=True):
        countries = {e.country for e in enrich(doc, PUBLISHED).entities if e.country}
        if len(countries) >= 2:
            chosen.append(article)
            if len(chosen) == count:
                break
    return chosen


def score(
    rows: list[dict[str, Any]], labels: dict[str, list[dict[str, Any]]], show: bool = False
) -> dict[str, Counts]:
    """Counts per coding (type and both countries) and per type alone over the labelled
    reports; with `show`, print each report's written rows and the rows newsflow made."""
    made: dict[str, list[dict[str, Any]]] = {article: [] for article in labels}
    for row in rows:
        if row["article"] in made:
            made[row["article"]].append(row)
    totals = {"events": Counts(), "event_types": Counts()}
    for article, events in labels.items():
        keys: list[Key] = [_coding(row) for row in made[article]]
        gold = gold_mentions(events)
        totals["events"].add(*match_mentions(keys, gold))
        totals["event_types"].add(*match_mentions(keys, gold, project=1))
        if show:
            _show(article, events, made[article])
    return totals


def _coding(row: dict[str, Any]) -> tuple[str, str, str]:
    def country(side: str) -> str:
        return side.rsplit("[", 1)[-1].rstrip("]")

    return (row["type"], country(row["actor"]), country(row["recipient"]))


def _show(article: str, events: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    made = Counter(_coding(row) for row in rows)
    print(f"\n== {article}")
    for event in events:
        key = (event["type"], event["actor"], event["recipient"])
        hit = made[key] > 0
        made[key] -= hit
        flag = "ok " if hit else ("opt" if event.get("optional") else "MISS")
        print(f"  {flag} {' '.join(key)} {event['trigger']!r} | {event['sentence']}")
    for row in rows:
        print(f"  made {' '.join(_coding(row))} {row['trigger']!r} {row['rule_id']}"
              f" | {row['sentence'][:80]}")  # fmt: skip


def load(path: Path = LABELS) -> dict[str, list[dict[str, Any]]]:
    data = json.loads(path.read_text("utf-8"))
    found: dict[str, list[dict[str, Any]]] = {
        article: [] for reports in data["reports"].values() for article in reports
    }
    for event in data["events"]:
        found[event["article"]].append(event)
    return found


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.event_recall")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the labels file")
    parser.add_argument("--pick", type=int, help="list the first N reports the rule chooses")
    parser.add_argument("--show", action="store_true", help="each report's rows, written and made")
    audit_texts.add_arguments(parser)
    args = parser.parse_args(argv)
    texts = audit_texts.texts_from(args)
    if texts is None:
        sys.exit("--texts is required")
    if args.pick:
        print(json.dumps(pick(texts, args.pick)))
        return 0
    labels = {k: v for k, v in load(args.labels).items() if k in texts}
    rows = audit_rows(texts={k: texts[k] for k in labels})
    totals = score(rows, labels, show=args.show)
    print(f"\n{len(labels)} reports, {len(rows)} events made")
    for name, counts in totals.items():
        s = counts.scores()
        print(f"{name}: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
              f" (tp {s['tp']} fp {s['fp']} fn {s['fn']} neutral {s['neutral']})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
