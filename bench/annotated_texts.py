"""Score the extractor on the annotated Lee reports: 350 ABC news reports of 2001-02 (the Lee
corpus that `bench.audit_texts` fetches), annotated by reading as `tests/gold` is (entities with
countries, PLOVER events per mention, quotes with speakers), labels in `bench/labels/lee/`.
The texts are not committed; fetch them once with `python -m bench.audit_texts --fetch DIR`.

    python -m bench.annotated_texts --texts DIR/lee_background.cor --part A           # tuning
    python -m bench.annotated_texts --texts DIR/lee_background.cor --part A --errors  # and why
    python -m bench.annotated_texts --texts DIR/lee_background.cor --part B           # check
    python -m bench.annotated_texts --texts DIR/lee.cor                               # third set
    python -m bench.annotated_texts --texts samples/corpus/ground-truth.json --part A  # pages

Part A (even lines of lee_background.cor, 150 reports) is where rules may be written and
chosen; part B (odd lines, 150) is read once, after a rule is final, and `lee.cor` (50) is a
third set for the lead. The corpus pages that `tests/gold` left out (sport, science, tech,
cars, business, an opinion column) are labelled in `bench/labels/corpus/` the same way, split
into parts A and B by `split.json` (see its README); `--texts` naming the corpus's
`ground-truth.json` scores them, each page against its own publication date. The scorer is
`bench.enrichment_quality`'s, unchanged; reports with no label file are skipped and counted.
`--errors` prints, per report, the events that matched no core mention (false positives, with
trigger, rule and sentence), the core mentions left over, wrong entity countries and quote speakers,
and the entity errors by cause (`entity_errors`).
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
    _entity_pairs,
    gold_counts,
    gold_mentions,
    match_mentions,
    norm,
    predicted,
    score,
    table,
)

LABELS = ROOT / "bench" / "labels" / "lee"
CORPUS_LABELS = ROOT / "bench" / "labels" / "corpus"
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
                "outlet": label.get("outlet") or "abc.net.au",
                "authors": [],
                "agency": None,
                "amounts": [],
            }
    return found


def corpus_texts(path: Path, part: str = "all", labels: Path = CORPUS_LABELS) -> dict[str, str]:
    """{id: article body} of the corpus pages labelled in `labels`, from the corpus's
    `ground-truth.json` (ids are the first 16 hex digits); `part` A or B as `split.json` deals."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    split = json.loads((labels / "split.json").read_text("utf-8"))
    wanted = set(split["A"]) | set(split["B"]) if part == "all" else set(split[part])
    truth = json.loads(path.read_text("utf-8"))
    return {
        key[:16]: page["articleBody"] for key, page in sorted(truth.items()) if key[:16] in wanted
    }


def _published(gold: dict[str, Any]) -> date:
    """The day a report's relative dates resolve against: its label's, else the Lee span's."""
    return date.fromisoformat(gold["published"]) if gold.get("published") else PUBLISHED


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
    lines.extend(entity_errors(enrichment, gold))
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
        # an unattributed quote ("") agrees with a gold quote that has no speaker (None)
        if (canonical.get(got, got) if got else None) != want:
            lines.append(f"  SPEAKER {quote.text[:60]!r}: {got or None} (gold {want})")
    if lines:
        lines.insert(0, f"{key}: events tp {tp} fp {fp} fn {fn}")
    return lines


# the determiners, titles and possessive endings a predicted span may carry beyond the gold name
_SPAN_EDGES = ("the ", "mr ", "mrs ", "ms ", "dr ", "'s", "' s")


def _entity_cause(name: str, gold: list[dict[str, Any]], matched: set[int]) -> str:
    """Why a predicted entity matched no gold entity: `second` when its name is a gold
    entity's name or alias that another prediction already took, `span` when it is one up to a
    determiner, title or possessive, or when one name contains the other, else `junk`."""
    for j, entity in enumerate(gold):
        names = {norm(n) for n in (entity["name"], *entity.get("aliases", []))}
        if name in names:
            return "second" if j in matched else "type"
        for gold_name in names:
            if any(
                name.removeprefix(edge) == gold_name or name.removesuffix(edge) == gold_name
                for edge in _SPAN_EDGES
            ):
                return "span"
            if len(name) > 3 and len(gold_name) > 3 and (name in gold_name or gold_name in name):
                return "span"
    return "junk"


def entity_errors(enrichment: Any, gold: dict[str, Any]) -> list[str]:
    """The entity errors of one report, by cause: ENT-FP predicted entities that match no gold
    entity (`span`: the gold name up to a title, "the" or a possessive, or a part of it;
    `second`: a second entity for a gold entity already matched; `junk`: no gold name at all,
    often a name the conventions leave out: NORP, events, works, products), ENT-FN gold
    entities never matched, and ENT-TYPE matched ones of the wrong coarse type."""
    pred = predicted(enrichment)["entities"]
    entities = [e for e in gold["entities"] if e["type"] in COARSE]
    pairs = _entity_pairs(pred, entities, with_type=False)
    typed = {j for _, j in _entity_pairs(pred, entities, with_type=True)}
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    lines = []
    for i, (name, kind, _) in enumerate(pred):
        if i not in matched_pred:
            cause = _entity_cause(name, entities, matched_gold)
            lines.append(f"  ENT-FP {cause} {name!r} ({kind})")
    for i, j in pairs:
        kind, want = pred[i][1], COARSE[entities[j]["type"]]
        if kind != want and j not in typed:
            lines.append(f"  ENT-TYPE {entities[j]['name']!r}: {kind} (gold {want})")
    for j, entity in enumerate(entities):
        if j not in matched_gold:
            lines.append(f"  ENT-FN {entity['name']!r} ({COARSE[entity['type']]})")
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
        enrichment = enrich(doc, _published(golds[key]))
        predictions.append(predicted(enrichment))
        if show_errors:
            report.extend(errors(key, enrichment, golds[key]))
    ordered = [golds[key] for key in keys]
    if show_errors:
        causes: dict[str, int] = {}
        for line in report:
            if line.startswith("  ENT-"):
                cause = " ".join(line.split()[: 2 if line.startswith("  ENT-FP") else 1])
                causes[cause] = causes.get(cause, 0) + 1
        report.append("entity errors: " + ", ".join(f"{k} {n}" for k, n in sorted(causes.items())))
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
    parser.add_argument(
        "--texts", type=Path, required=True, help="a Lee corpus file (.cor) or ground-truth.json"
    )
    parser.add_argument("--part", choices=PARTS, default="all", help="A: even lines, B: odd")
    parser.add_argument("--labels", type=Path, help="folder of label files (default: the set's)")
    parser.add_argument("--errors", action="store_true", help="print each report's errors")
    args = parser.parse_args(argv)
    if not args.texts.exists():
        sys.exit(f"{args.texts}: no such file; get it with python -m bench.audit_texts --fetch DIR")
    if args.texts.suffix == ".json":
        labels = args.labels or CORPUS_LABELS
        texts = corpus_texts(args.texts, args.part, labels)
    else:
        labels = args.labels or LABELS
        texts = text_lines(args.texts, args.part)
    print(evaluate(texts, labels, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
