"""Score the extractor on the annotated Lee reports: 350 ABC news reports of 2001-02 (the Lee
corpus that `bench.audit_texts` fetches), annotated by reading as `tests/gold` is (entities with
countries, PLOVER events per mention, quotes with speakers), labels in `bench/labels/lee/`.
The texts are not committed; fetch them once with `python -m bench.audit_texts --fetch DIR`.

    python -m bench.annotated_texts --texts DIR/lee_background.cor --part A           # tuning
    python -m bench.annotated_texts --texts DIR/lee_background.cor --part A --errors  # and why
    python -m bench.annotated_texts --texts DIR/lee_background.cor --part B           # check
    python -m bench.annotated_texts --texts DIR/lee.cor                               # third set

Part A (even lines of lee_background.cor, 150 reports) is where rules may be written and
chosen; part B (odd lines, 150) is read once, after a rule is final, and `lee.cor` (50) is a
third set for the lead. The scorer is `bench.enrichment_quality`'s, unchanged; reports with no
label file are skipped and counted. `--errors` prints, per report, the events that matched no
core mention (false positives, with trigger, rule and sentence), the core mentions left over,
and wrong entity countries and quote speakers.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bench.audit_texts import PARTS, text_lines
from bench.enrichment_quality import (
    COARSE,
    ROOT,
    Key,
    gold_counts,
    gold_mentions,
    match_mentions,
    norm,
    predicted,
    score,
    table,
)

LABELS = ROOT / "bench" / "labels" / "lee"
# the reports carry no date; relative dates resolve against a day in their span
PUBLISHED = date(2001, 12, 1)


def load_labels(keys: list[str], labels: Path = LABELS) -> dict[str, dict[str, Any]]:
    """The label files of `keys` that exist, as gold articles (bylines and amounts empty)."""
    found = {}
    for key in keys:
        path = labels / f"{key}.json"
        if path.exists():
            label = json.loads(path.read_text("utf-8"))
            found[key] = {
                **label,
                "key": key,
                "outlet": "abc.net.au",
                "authors": [],
                "agency": None,
                "amounts": [],
            }
    return found


def errors(key: str, enrichment: Any, gold: dict[str, Any]) -> list[str]:
    """What one report got wrong, in lines to read."""
    lines = []
    mentions = gold_mentions(gold["events"])
    events = [e for e in enrichment.events if e.modality != "denied"]
    keys: list[Key] = [(e.type, e.actor_country or "", e.recipient_country or "") for e in events]
    tp, fp, fn, _ = match_mentions(keys, mentions)
    if fp or fn:
        # which predictions were left unmatched: greedy over the same codings is enough to read
        left = list(mentions)
        for event, coding in zip(events, keys, strict=True):
            hit = next(
                (m for m in left if coding == m.key or coding in m.alternatives),
                None,
            )
            if hit is not None:
                left.remove(hit)
                continue
            lines.append(
                f"  FP {'/'.join(coding)} [{event.trigger}] {event.rule_id}: "
                f"{event.actor_text or '-'} -> {event.recipient_text or '-'} | "
                f"{event.sentence[:140]}"
            )
        for m in left:
            if not m.optional:
                row: dict[str, Any] = next(
                    (e for e in gold["events"] if (e["type"], e["actor"], e["recipient"]) == m.key),
                    {},
                )
                lines.append(
                    f"  FN {'/'.join(m.key)} [{row.get('note', '')}] "
                    f"{row.get('actor_name', '-')} -> {row.get('recipient_name', '-')} | "
                    f"{row.get('sentence', '')[:100]}"
                )
    canonical: dict[str, str] = {}
    countries: dict[str, str | None] = {}
    for entity in gold["entities"]:
        for name in (entity["name"], *entity.get("aliases", [])):
            canonical[norm(name)] = norm(entity["name"])
            countries[norm(name)] = entity.get("country") or None
    for record in enrichment.entities:
        name = norm(record.name)
        if record.type in COARSE and name in countries and countries[name] != record.country:
            lines.append(
                f"  COUNTRY {record.name} ({record.type}): {record.country} "
                f"(gold {countries[name]})"
            )
    for quote in enrichment.quotes:
        text = norm(quote.text)
        wanted = [q for q in gold["quotes"] if text.startswith(norm(q["start"]))]
        if not wanted:
            continue
        want = norm(wanted[0]["speaker"]) if wanted[0].get("speaker") else None
        resolved = enrichment.entity(quote.speaker_entity_id)
        got = norm(resolved.name if resolved is not None else quote.speaker_text or "")
        if canonical.get(got, got) != want:
            lines.append(f"  SPEAKER {quote.text[:60]!r}: {got or None} (gold {want})")
    if lines:
        lines.insert(0, f"{key}: events tp {tp} fp {fp} fn {fn}")
    return lines


def evaluate(
    texts: dict[str, str], labels: Path = LABELS, show_errors: bool = False, nlp: Any = None
) -> str:
    """The issue-13 table for the annotated ones of `texts` ({id: text}), after each
    report's errors when `show_errors`."""
    from newsflow.extractors.nlp import enrich, load_model

    golds = load_labels(list(texts), labels)
    keys = [key for key in texts if key in golds]
    nlp = nlp or load_model()
    predictions, report = [], []
    for key, doc in zip(keys, nlp.pipe(texts[k] for k in keys), strict=True):
        enrichment = enrich(doc, PUBLISHED)
        predictions.append(predicted(enrichment))
        if show_errors:
            report.extend(errors(key, enrichment, golds[key]))
    ordered = [golds[key] for key in keys]
    result = {"gold": gold_counts(ordered), "scores": score(predictions, ordered)}
    skipped = len(texts) - len(keys)
    header = f"{len(keys)} annotated reports ({skipped} without labels skipped)"
    rows = [
        line
        for line in table("reports", result).splitlines()
        if not line.startswith(("| amounts", "| authors", "| agency"))  # not annotated here
    ]
    return "\n".join([*report, "", header, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.annotated_texts")
    parser.add_argument("--texts", type=Path, required=True, help="a Lee corpus file (.cor)")
    parser.add_argument("--part", choices=PARTS, default="all", help="A: even lines, B: odd")
    parser.add_argument("--labels", type=Path, default=LABELS, help="folder of label files")
    parser.add_argument("--errors", action="store_true", help="print each report's errors")
    args = parser.parse_args(argv)
    if not args.texts.exists():
        sys.exit(f"{args.texts}: no such file; get it with python -m bench.audit_texts --fetch DIR")
    print(evaluate(text_lines(args.texts, args.part), args.labels, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
