"""Event precision per rule id on each fold of the tuning half, to tell rules that carry from
one fold to the other from rules fitted to one article.

    python -m bench.events_by_rule              # both folds of the tuning half, a table
    python -m bench.events_by_rule --by type    # the same per PLOVER type of the rule
    python -m bench.events_by_rule --json PATH  # also the per-rule counts as JSON

Each predicted event (denied ones left out) is matched to the gold mentions exactly as
`bench.enrichment_quality` matches them (one-to-one, true positives first, then neutral
matches), and its outcome (true positive, neutral, false positive) is counted under its
`rule_id`, per fold. A rule that fires on one fold only is "unproven" on the other. Never run
on the held-out half: only the tuning folds are parsed.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from bench.enrichment_quality import (
    FOLDS,
    NEUTRAL_CORE,
    NEUTRAL_OPTIONAL,
    TRUE_POSITIVE,
    GoldMention,
    Key,
    assign,
    gold_mentions,
    load_gold,
    tuning_fold,
)


def outcomes(predicted_keys: list[Key], gold: list[GoldMention]) -> tuple[list[str], set[int]]:
    """ "tp", "neutral" or "fp" for each predicted coding, by the bench's assignment, and the
    indices of the gold mentions it consumed."""
    weights = []
    for key in predicted_keys:
        row = []
        for mention in gold:
            if not mention.optional and key == mention.key:
                row.append(TRUE_POSITIVE)
            elif key == mention.key or key in mention.alternatives:
                row.append(NEUTRAL_OPTIONAL if mention.optional else NEUTRAL_CORE)
            else:
                row.append(0)
        weights.append(row)
    result = ["fp"] * len(predicted_keys)
    consumed = set()
    for i, j in assign(weights):
        result[i] = "tp" if weights[i][j] == TRUE_POSITIVE else "neutral"
        consumed.add(j)
    return result, consumed


def by_rule(
    nlp: Any = None, verbose: bool = False, missed: dict[str, int] | None = None
) -> dict[str, dict[str, dict[str, int]]]:
    """{rule id: {fold: {"tp": n, "neutral": n, "fp": n}}} over the two tuning folds;
    `missed` gets the core mentions no prediction consumed, per fold."""
    from newsflow.extractors.nlp import enrich, load_model

    nlp = nlp or load_model()
    golds = load_gold("tuning")
    fold_of = {key: fold for fold in FOLDS for key in tuning_fold(fold)}
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: {fold: {"tp": 0, "neutral": 0, "fp": 0} for fold in FOLDS}
    )
    for doc, gold in zip(nlp.pipe(g["text"] for g in golds), golds, strict=True):
        enrichment = enrich(doc, date.fromisoformat(gold["published"]))
        events = [e for e in enrichment.events if e.modality != "denied"]
        keys: list[Key] = [
            (e.type, e.actor_country or "", e.recipient_country or "") for e in events
        ]
        fold = fold_of[gold["key"]]
        mentions = gold_mentions(gold["events"])
        found, consumed = outcomes(keys, mentions)
        if missed is not None:
            left = sum(1 for j, m in enumerate(mentions) if j not in consumed and not m.optional)
            missed[fold] = missed.get(fold, 0) + left
        if verbose:
            rows = [e for e in gold["events"] for _ in range(1 + bool(e.get("reciprocal")))]
            for j, (mention, row) in enumerate(zip(mentions, rows, strict=True)):
                if j not in consumed and not mention.optional:
                    print(fold, gold["key"][:8], "missed", mention.key, repr(row.get("note")),
                          "|", str(row.get("sentence"))[:90], file=sys.stderr)  # fmt: skip
        for event, key, outcome in zip(events, keys, found, strict=True):
            counts[event.rule_id][fold][outcome] += 1
            if verbose:
                print(fold, gold["key"][:8], outcome, key, event.rule_id, repr(event.trigger),
                      "|", event.sentence[:110].replace("\n", " "), file=sys.stderr)  # fmt: skip
    return dict(counts)


def precision(cell: dict[str, int]) -> str:
    scored = cell["tp"] + cell["fp"]
    return f"{cell['tp'] / scored:.2f}" if scored else "-"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.events_by_rule")
    parser.add_argument("--json", type=Path, help="write the per-rule counts here")
    parser.add_argument("--verbose", action="store_true", help="every event on stderr")
    parser.add_argument(
        "--by", choices=("rule", "type"), default="rule", help="group by rule id or by type"
    )
    args = parser.parse_args(argv)
    missed: dict[str, int] = {}
    counts = by_rule(verbose=args.verbose, missed=missed)
    if args.by == "type":
        grouped: dict[str, dict[str, dict[str, int]]] = {}
        for rule, cells in counts.items():
            group = grouped.setdefault(
                rule.split(".")[0], {fold: {"tp": 0, "neutral": 0, "fp": 0} for fold in FOLDS}
            )
            for fold in FOLDS:
                for outcome, n in cells[fold].items():
                    group[fold][outcome] += n
        counts = grouped
    print(f"| {args.by} | A tp/neutral/fp | A P | B tp/neutral/fp | B P |")
    print("| --- | --- | --- | --- | --- |")
    one_fold = 0

    def fired(rule: str) -> int:
        return sum(sum(cell.values()) for cell in counts[rule].values())

    for rule in sorted(counts, key=lambda r: (-fired(r), r)):
        a, b = counts[rule]["A"], counts[rule]["B"]
        one_fold += int(not sum(a.values()) or not sum(b.values()))
        columns = [f"{c['tp']}/{c['neutral']}/{c['fp']} | {precision(c)}" for c in (a, b)]
        print(f"| {rule} | {' | '.join(columns)} |")
    print(f"\n{len(counts)} {args.by}s fired; {one_fold} fired on one fold only (unproven)")
    for fold in FOLDS:
        tp = sum(counts[r][fold]["tp"] for r in counts)
        fp = sum(counts[r][fold]["fp"] for r in counts)
        neutral = sum(counts[r][fold]["neutral"] for r in counts)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + missed[fold]) if tp + missed[fold] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"fold {fold}: tp {tp} neutral {neutral} fp {fp} missed {missed[fold]}"
              f" P/R/F1 {p:.3f}/{r:.3f}/{f1:.3f}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(counts, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
