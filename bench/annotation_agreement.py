"""How far a second annotator agrees with the gold set: the ceiling of what the extractor's
scores against `tests/gold` can mean.

    python -m bench.annotation_agreement             # writes bench/results/annotation_agreement.*
    python -m bench.annotation_agreement --no-model  # the two annotations only, writes nothing
    python -m bench.annotation_agreement --texts DIR/lee_background.cor DIR/lee.cor
        # the Lee reports' second annotation (bench/labels/lee_second) against bench/labels/lee

`tests/gold/second/<key>.json` is a second annotation of gold articles with events, made by
annotators who read each text, `tests/gold/README.md`'s conventions and the CAMEO-to-PLOVER
crosswalk, and nothing else: not the first annotation, not newsflow's output
(`tests/gold/second/README.md`). Per half of the fixed split, on the articles both annotations
cover, three comparisons go through the same scorer as `bench.enrichment_quality`:

- `extractor_vs_gold`: newsflow's predictions against the gold, on these articles only;
- `second_vs_gold`: the second annotation read as predictions (its entities, its core event
  mentions with their first coding, its quotes with their speakers) against the gold; what a
  second careful reader scores where the extractor scores `extractor_vs_gold`;
- `gold_vs_second`: the reverse, the gold's entities, core mentions and quotes read as
  predictions against the second annotation (its optional mentions and alternatives are then
  the neutral ones).

Where `second_vs_gold` is far under a goal of issue 13, that goal asks more agreement with the
gold than two annotators following the same written conventions reach. With `--texts`, the
same comparison is made between the annotated Lee reports (`bench/labels/lee`, the reference)
and a second annotation of 30 of them (`bench/labels/lee_second`), as the half "lee"; nothing
is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.enrichment_quality import COARSE, GOLD, HALVES, ROOT, load_gold, norm, score

SECOND = GOLD / "second"
LEE_SECOND = ROOT / "bench" / "labels" / "lee_second"
RESULTS = ROOT / "bench" / "results" / "annotation_agreement.json"
REPORT = RESULTS.with_suffix(".md")
COMPARISONS = ("extractor_vs_gold", "second_vs_gold", "gold_vs_second")
# the rows of the issue-13 table: (label, score kind, figures)
ROWS = (
    ("canonical entities F1", "canonical_entities", ("f1",)),
    ("entities, name + type F1", "entities", ("f1",)),
    ("country of matched entities", "entity_country", ("accuracy",)),
    ("events per mention P / R / F1", "events", ("precision", "recall", "f1")),
    ("events, type only F1", "event_types", ("f1",)),
    ("quote speakers P / R", "quote_speakers", ("precision", "recall")),
)


def load_second(folder: Path = SECOND) -> dict[str, dict[str, Any]]:
    """The second annotation by key."""
    return {
        path.stem: json.loads(path.read_text("utf-8")) for path in sorted(folder.glob("*.json"))
    }


def _quote_text(start: str, text: str) -> str:
    """The article's words from a quote's opening words on, as the extractor reports a quote's
    text (the scorer matches a gold quote by the opening words it starts with)."""
    opening = norm(start)
    flat = norm(text)
    at = flat.find(opening)
    return flat[at : at + 400] if at >= 0 else opening


def as_prediction(annotation: dict[str, Any], text: str) -> dict[str, Any]:
    """An annotation read as if an extractor had produced it: entities with type and country,
    one event per core mention coded as the annotator coded it (optional mentions and
    alternatives are not predictions), quotes with their speakers."""
    return {
        "entities": [
            (norm(e["name"]), COARSE[e["type"]], e.get("country") or None)
            for e in annotation["entities"]
            if e["type"] in COARSE
        ],
        "events": [
            (e["type"], e.get("actor") or "", e.get("recipient") or "")
            for e in annotation["events"]
            if not e.get("optional")
        ],
        "quotes": [
            (
                _quote_text(q["start"], text),
                norm(q["speaker"]) if q.get("speaker") else None,
                norm(q["outlet"]) if q.get("outlet") else None,
            )
            for q in annotation["quotes"]
        ],
        "amounts": [],
        "authors": [],
        "agency": None,
    }


def as_reference(annotation: dict[str, Any]) -> dict[str, Any]:
    """An annotation as the scorer's reference (bylines and amounts are not compared)."""
    return {
        "entities": annotation["entities"],
        "events": annotation["events"],
        "quotes": annotation["quotes"],
        "amounts": [],
        "authors": [],
        "agency": None,
    }


def agreement(
    golds: list[dict[str, Any]],
    second: dict[str, dict[str, Any]],
    extractor: list[dict[str, Any]] | None = None,
    halves_of: tuple[str, ...] = HALVES,
) -> dict[str, Any]:
    """The comparisons per half over the gold articles that `second` annotates; `extractor`
    holds newsflow's predictions for `golds` (same order) or None to leave that one out."""
    halves: dict[str, Any] = {}
    for half in halves_of:
        chosen = [i for i, g in enumerate(golds) if g["half"] == half and g["key"] in second]
        if not chosen:
            continue
        gold = [golds[i] for i in chosen]
        other = [second[g["key"]] for g in gold]
        result: dict[str, Any] = {
            "articles": [g["key"] for g in gold],
            "core_events": {
                "gold": sum(1 for g in gold for e in g["events"] if not e.get("optional")),
                "second": sum(1 for a in other for e in a["events"] if not e.get("optional")),
            },
            "second_vs_gold": score(
                [as_prediction(a, g["text"]) for a, g in zip(other, gold, strict=True)],
                [as_reference(g) for g in gold],
            ),
            "gold_vs_second": score(
                [as_prediction(g, g["text"]) for g in gold],
                [as_reference(a) for a in other],
            ),
        }
        if extractor is not None:
            result["extractor_vs_gold"] = score(
                [extractor[i] for i in chosen], [as_reference(g) for g in gold]
            )
        halves[half] = result
    return halves


def _figures(scores: dict[str, Any], kind: str, figures: tuple[str, ...]) -> str:
    return " / ".join(f"{scores[kind][figure]:.3f}" for figure in figures)


def table(half: str, result: dict[str, Any]) -> str:
    """One half's comparisons as a Markdown table."""
    present = [c for c in COMPARISONS if c in result]
    lines = [
        f"### {half}: {len(result['articles'])} articles, core event mentions gold "
        f"{result['core_events']['gold']} / second {result['core_events']['second']}",
        "",
        "| what | " + " | ".join(c.replace("_", " ") for c in present) + " |",
        "| --- |" + " --- |" * len(present),
    ]
    for label, kind, figures in ROWS:
        cells = [_figures(result[c], kind, figures) for c in present]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def lee_agreement(files: list[Path]) -> int:
    """The Lee reports' second annotation against the first, printed (nothing written)."""
    from bench.annotated_texts import load_labels
    from bench.audit_texts import text_lines

    second = load_second(LEE_SECOND)
    texts = {key: text for path in files for key, text in text_lines(path).items()}
    missing = sorted(set(second) - set(texts))
    if missing:
        print(f"no text for {missing}: give the files they come from", file=sys.stderr)
        return 1
    golds = [
        {**label, "text": texts[key], "half": "lee"}
        for key, label in load_labels(sorted(second)).items()
    ]
    halves = agreement(golds, second, halves_of=("lee",))
    print(table("lee", halves["lee"]))
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.annotation_agreement")
    parser.add_argument(
        "--no-model",
        action="store_true",
        help="compare the two annotations only (no spaCy model, no results file)",
    )
    parser.add_argument(
        "--texts",
        type=Path,
        nargs="+",
        help="Lee corpus files: compare bench/labels/lee_second with bench/labels/lee instead",
    )
    args = parser.parse_args(argv)
    if args.texts:
        return lee_agreement(args.texts)
    second = load_second()
    if not second:
        print(f"no second annotation in {SECOND.relative_to(ROOT)}", file=sys.stderr)
        return 1
    golds = [g for g in load_gold() if g["key"] in second]
    unknown = sorted(set(second) - {g["key"] for g in golds})
    if unknown:
        print(f"second annotations of articles not in the gold set: {unknown}", file=sys.stderr)
        return 1
    extractor = None
    if not args.no_model:
        from bench.enrichment_quality import predict_all
        from newsflow.extractors.nlp import load_model

        extractor = predict_all(load_model(), golds)
    halves = agreement(golds, second, extractor)
    report = "\n\n".join(table(half, result) for half, result in halves.items())
    print(report)
    if extractor is not None:
        import subprocess

        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        RESULTS.write_text(
            json.dumps({"commit": commit, "halves": halves}, indent=2, ensure_ascii=False) + "\n"
        )
        REPORT.write_text(
            "# Agreement of a second annotation with the gold set\n\n"
            f"`python -m bench.annotation_agreement` at {commit}\n\n{report}\n"
        )
        print(f"written to {Path(RESULTS).relative_to(ROOT)} and {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
