"""A learned filter over the rule-made events (issue 13, round 11): train it on the tuning
half of the gold set, judge it by two-fold cross-validation inside that half, and write the
figures. Nothing here changes what newsflow extracts: the model would ship (weights under
`extractors/nlp/data/`, a hook at the end of event extraction) only if it raised per-mention
F1 on both tuning folds, and it did not (bench/results/event_scorer.json).

    python -m bench.event_scorer              # cross-validation figures, no file written
    python -m bench.event_scorer --write      # also bench/results/event_scorer.json, and the
                                              # weights of the model trained on all of tuning
                                              # to --weights PATH if it is kept

Each rule-made event of a tuning article (`enrich`, denied ones left out as the bench leaves
them out) is labelled by the bench's own matching (`bench.events_by_rule.outcomes`): true
positive 1, false positive 0; neutral events (an alternative or an optional mention) are left
out of the training loss (dropping one never helps the per-mention score). Features
(`event_features`) read only what the rules already computed (the `Event` rows, the entity
records, the quote ranges) and the trigger's token. The model is an L2 logistic regression
(Newton's method, numpy); features seen in fewer than `MIN_COUNT` training events get no
weight. Two feature sets are tried: `all`, and `generic` without the rule id, the trigger
lemma and the type (51 of 57 rule ids fire on one fold only, so their weights cannot carry).

Cross-validation: train on fold A, drop fold B's events whose probability is below the
threshold, score fold B per mention exactly as `bench.enrichment_quality` does; then the
other way round. The regularisation and the threshold are chosen from these two runs only:
the pair with the largest smaller gain in per-mention F1 over the rules alone, and the model
is kept only if that gain is positive on both folds. The held-out half is never read here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bench.enrichment_quality import (
    FOLDS,
    ROOT,
    Counts,
    GoldMention,
    Key,
    gold_mentions,
    load_gold,
    match_mentions,
    tuning_fold,
)
from bench.events_by_rule import outcomes

RESULTS = ROOT / "bench" / "results" / "event_scorer.json"
MIN_COUNT = 2
PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))
FEATURE_SETS = ("all", "generic")
_SPECIFIC = ("rule=", "lemma=", "type=", "type_dyad=")
VERSION = "scorer.1"
_MODALS = frozenset({"would", "could", "might", "may", "should", "will", "can", "must", "'d"})
_CONTEXT = {"say": "said", "if": "if", "not": "not", "?": "question", "accord": "according"}


def _side(country: str | None, entity_id: str | None, text: str | None,
          records: Mapping[str, Any]) -> list[str]:  # fmt: skip
    """What one side of an event is (an entity of some type, a noun, nothing) and where its
    country came from (the entity's record, another record such as a capital's state, or the
    phrase: a demonym, a title, the place's authorities)."""
    record = records.get(entity_id) if entity_id else None
    kind = record.type if record is not None else ("noun" if text else "none")
    if not country:
        source = "none"
    elif record is not None:
        source = "entity" if record.country == country else "other"
    else:
        source = "phrase"
    return [f"kind={kind}", f"country={source}"]


def event_features(
    doc: Any, events: Sequence[Any], records: Mapping[str, Any], quotes: Iterable[tuple[int, int]]
) -> list[list[str]]:
    """The feature names of each event of one article, in order: rule id, trigger lemma, type,
    modality, repeats of the same coding in the article and in the sentence, the sentence's
    place, the rules' confidence, each side's kind and country source, the dyad, same country
    on both sides, date, place, inside a quote, and of the trigger token its part of speech,
    dependency label, tag, passive, negation, modals, and said / if / not / ? / according in
    its sentence."""
    quote_ranges = list(quotes)
    sentences = max((e.sentence_index for e in events), default=0) + 1
    codings = Counter((e.type, e.actor_country, e.recipient_country) for e in events)
    seen: Counter[tuple[str, str | None, str | None]] = Counter()
    per_sentence = Counter(e.sentence_index for e in events)
    found = []
    for event in events:
        coding = (event.type, event.actor_country, event.recipient_country)
        rank = seen[coding]
        seen[coding] += 1
        parts = event.rule_id.split(".")
        features = [
            "bias",
            f"rule={event.rule_id}",
            f"type={event.type}",
            f"lemma={parts[1] if len(parts) > 1 else ''}",
            f"modality={event.modality}",
            f"dup={min(rank, 2)}",
            f"copies={min(codings[coding], 3)}",
            f"in_sentence={min(per_sentence[event.sentence_index], 3)}",
            f"sentence={min(event.sentence_index, 2)}",
            f"position={min(4 * event.sentence_index // sentences, 3)}",
            f"confidence={int(event.confidence * 10)}",
        ]
        actor = _side(event.actor_country, event.actor_entity_id, event.actor_text, records)
        recipient = _side(
            event.recipient_country, event.recipient_entity_id, event.recipient_text, records
        )
        features += [f"actor.{f}" for f in actor] + [f"recipient.{f}" for f in recipient]
        dyad = ("a" if event.actor_country else "-") + ("r" if event.recipient_country else "-")
        features += [f"dyad={dyad}", f"type_dyad={event.type}:{dyad}"]
        if event.actor_country and event.actor_country == event.recipient_country:
            features.append("same_country")
        if event.event_date is not None:
            features.append("dated")
        if event.location_text:
            features.append("located")
        if any(start <= event.start_char < end for start, end in quote_ranges):
            features.append("in_quote")
        span = doc.char_span(event.start_char, event.end_char, alignment_mode="expand")
        if span is not None and len(span):
            token = span.root
            features += [f"pos={token.pos_}", f"dep={token.dep_}", f"tag={token.tag_}"]
            children = list(token.children)
            if any(c.dep_ in {"nsubjpass", "auxpass"} for c in children):
                features.append("passive")
            if any(c.dep_ == "neg" for c in children):
                features.append("negated")
            features += [
                f"modal={c.lower_}" for c in children if c.dep_ == "aux" and c.lower_ in _MODALS
            ]
            context = {
                _CONTEXT[t.lemma_.lower()] for t in token.sent if t.lemma_.lower() in _CONTEXT
            }
            features += [f"context={c}" for c in sorted(context)]
        found.append(features)
    return found


def feature_set(features: list[str], name: str) -> list[str]:
    """`all` features, or the `generic` ones (no rule id, trigger lemma or type)."""
    if name == "all":
        return features
    return [f for f in features if not f.startswith(_SPECIFIC)]


def collect(nlp: Any = None) -> list[dict[str, Any]]:
    """Per tuning article: its fold, its gold mentions, and per scored event its coding,
    features and outcome."""
    from newsflow.extractors.nlp import enrich, load_model

    nlp = nlp or load_model()
    golds = load_gold("tuning")
    fold_of = {key: fold for fold in FOLDS for key in tuning_fold(fold)}
    articles = []
    for doc, gold in zip(nlp.pipe(g["text"] for g in golds), golds, strict=True):
        enrichment = enrich(doc, date.fromisoformat(gold["published"]))
        records = {e.entity_id: e for e in enrichment.entities}
        quotes = [(q.start_char, q.end_char) for q in enrichment.quotes]
        features = event_features(doc, enrichment.events, records, quotes)
        kept = [
            (e, f) for e, f in zip(enrichment.events, features, strict=True)
            if e.modality != "denied"
        ]  # fmt: skip
        keys: list[Key] = [
            (e.type, e.actor_country or "", e.recipient_country or "") for e, _ in kept
        ]
        mentions = gold_mentions(gold["events"])
        found, _ = outcomes(keys, mentions)
        # by type alone: a false positive whose type is right is an attribution error, the
        # evidence for or against a model of the countries (slots) rather than of events
        by_type, _ = outcomes(
            [key[:1] for key in keys],
            [GoldMention(m.key[:1], frozenset(a[:1] for a in m.alternatives), m.optional)
             for m in mentions],
        )  # fmt: skip
        articles.append({
            "key": gold["key"],
            "fold": fold_of[gold["key"]],
            "gold": gold["events"],
            "events": [
                {"key": list(k), "features": f, "outcome": o, "type_outcome": t,
                 "rule": e.rule_id, "trigger": e.trigger}
                for (e, f), k, o, t in zip(kept, keys, found, by_type, strict=True)
            ],
        })  # fmt: skip
    return articles


def train(events: list[dict[str, Any]], penalty: float, features: str = "all") -> dict[str, float]:
    """L2 logistic regression over the labelled events (Newton's method); the bias is not
    penalised. Returns the weight of each feature kept."""
    labelled = [
        (feature_set(e["features"], features), e["outcome"] == "tp")
        for e in events
        if e["outcome"] != "neutral"
    ]
    counts: Counter[str] = Counter(f for names, _ in labelled for f in set(names))
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT or f == "bias")
    index = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(labelled), len(names)))
    for row, (present, _) in enumerate(labelled):
        for feature in present:
            if feature in index:
                x[row, index[feature]] = 1.0
    y = np.array([1.0 if right else 0.0 for _, right in labelled])
    ridge = np.full(len(names), penalty)
    ridge[index["bias"]] = 1e-6
    w = np.zeros(len(names))
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + ridge * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(ridge)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return {f: round(float(w[i]), 5) for f, i in index.items() if abs(w[i]) >= 1e-5}


def probability(weights: dict[str, float], features: list[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in features)
    return float(1.0 / (1.0 + np.exp(-z)))


def score_fold(
    articles: list[dict[str, Any]], weights: dict[str, float] | None, threshold: float
) -> Counts:
    """Per-mention counts of the articles with the events below the threshold dropped (all
    events kept when `weights` is None)."""
    counts = Counts()
    for article in articles:
        keys = [
            tuple(e["key"]) for e in article["events"]
            if weights is None or probability(weights, e["features"]) >= threshold
        ]  # fmt: skip
        counts.add(*match_mentions(keys, gold_mentions(article["gold"])))
    return counts


def ceiling(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The best any filter can do: every false positive dropped, nothing else."""
    counts = Counts()
    for article in articles:
        keys = [tuple(e["key"]) for e in article["events"] if e["outcome"] != "fp"]
        counts.add(*match_mentions(keys, gold_mentions(article["gold"])))
    return counts.scores()


def _grid(
    by_fold: dict[str, list[dict[str, Any]]],
    rules: dict[str, dict[str, Any]],
    examples: dict[str, list[dict[str, Any]]],
    score: Callable[..., Counts],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every (feature set, penalty, threshold) cell: a model trained on one fold's
    `examples` scores the other fold with `score`; the best cell is the one whose worse
    fold gains most over the rules alone (then the sum, then the lower threshold)."""
    grid = []
    for features in FEATURE_SETS:
        for penalty in PENALTIES:
            models = {
                fold: train(examples[other], penalty, features)
                for fold, other in zip(FOLDS, reversed(FOLDS), strict=True)
            }
            for threshold in THRESHOLDS:
                cell: dict[str, Any] = {
                    "features": features, "penalty": penalty, "threshold": threshold,
                }  # fmt: skip
                for fold in FOLDS:
                    cell[fold] = score(by_fold[fold], models[fold], threshold).scores()
                gains = [cell[f]["f1"] - rules[f]["f1"] for f in FOLDS]
                cell["gain_min"] = round(min(gains), 4)
                cell["gain_sum"] = round(sum(gains), 4)
                grid.append(cell)
    best = max(grid, key=lambda c: (c["gain_min"], c["gain_sum"], -c["threshold"]))
    return grid, best


def cross_validate(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Every (feature set, penalty, threshold) scored on each fold by a model trained on the
    other fold; the best cell by its smaller gain in per-mention F1 over the rules alone."""
    by_fold = {fold: [a for a in articles if a["fold"] == fold] for fold in FOLDS}
    rules = {fold: score_fold(by_fold[fold], None, 0.0).scores() for fold in FOLDS}
    events = {fold: [e for a in by_fold[fold] for e in a["events"]] for fold in FOLDS}
    grid, best = _grid(by_fold, rules, events, score_fold)
    return {
        "rules": rules,
        "ceiling": {fold: ceiling(by_fold[fold]) for fold in FOLDS},
        "best": best,
        "kept": best["gain_min"] > 0,
        "grid": grid,
    }


# -- re-attribution: a model of one slot rather than of the event -------------------------------
def story_country(keys: Sequence[Key]) -> str:
    """The country the article's events name most often (a stand-in for an actor the clause
    leaves implicit: the court that convicts, the police that arrest)."""
    counted = Counter(country for key in keys for country in key[1:] if country)
    return counted.most_common(1)[0][0] if counted else ""


def fill_candidates(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Each event with exactly one side placed, the other side filled with the story's
    country: its features (plus whether the fill repeats the placed side) and its label, 1
    when the fill alone raises the article's true positives."""
    keys = [tuple(e["key"]) for e in article["events"]]
    home = story_country(keys)
    mentions = gold_mentions(article["gold"])
    base = match_mentions(keys, mentions)[0]
    found = []
    for i, key in enumerate(keys):
        if not home or bool(key[1]) == bool(key[2]):
            continue
        slot = 1 if not key[1] else 2
        filled = tuple(home if n == slot else part for n, part in enumerate(key))
        trial = [filled if n == i else k for n, k in enumerate(keys)]
        raised = match_mentions(trial, mentions)[0] > base
        extra = ["fill_same"] if home == key[3 - slot] else ["fill_other"]
        found.append({
            "index": i, "key": list(filled), "features": article["events"][i]["features"] + extra,
            "outcome": "tp" if raised else "fp",
        })  # fmt: skip
    return found


def score_fills(
    articles: list[dict[str, Any]], weights: dict[str, float], threshold: float
) -> Counts:
    """Per-mention counts with the fills whose probability reaches the threshold applied."""
    counts = Counts()
    for article in articles:
        keys = [tuple(e["key"]) for e in article["events"]]
        for fill in fill_candidates(article):
            if probability(weights, fill["features"]) >= threshold:
                keys[fill["index"]] = tuple(fill["key"])
        counts.add(*match_mentions(keys, gold_mentions(article["gold"])))
    return counts


def cross_validate_fills(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The same two-fold procedure as `cross_validate`, for filling the empty side."""
    by_fold = {fold: [a for a in articles if a["fold"] == fold] for fold in FOLDS}
    rules = {fold: score_fold(by_fold[fold], None, 0.0).scores() for fold in FOLDS}
    candidates = {fold: [c for a in by_fold[fold] for c in fill_candidates(a)] for fold in FOLDS}
    labels = {
        fold: {"candidates": len(found), "raise_tp": sum(c["outcome"] == "tp" for c in found)}
        for fold, found in candidates.items()
    }
    grid, best = _grid(by_fold, rules, candidates, score_fills)
    return {"labels": labels, "best": best, "kept": best["gain_min"] > 0, "grid": grid}


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=False)  # fmt: skip
    return done.stdout.strip()


def _prf(s: dict[str, Any]) -> str:
    return f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.event_scorer")
    parser.add_argument("--write", action="store_true", help="write the results file")
    parser.add_argument("--weights", type=Path, help="where to write the weights, if kept")
    parser.add_argument("--cache", type=Path, help="read/write the collected events here")
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        articles = json.loads(args.cache.read_text("utf-8"))
    else:
        articles = collect()
        if args.cache:
            args.cache.write_text(json.dumps(articles))
    labels = {}
    for fold in FOLDS:
        found = Counter(e["outcome"] for a in articles if a["fold"] == fold for e in a["events"])
        labels[fold] = {k: found[k] for k in ("tp", "neutral", "fp")}
        labels[fold]["fp_type_right"] = sum(
            1 for a in articles if a["fold"] == fold for e in a["events"]
            if e["outcome"] == "fp" and e["type_outcome"] != "fp"
        )  # fmt: skip
        print(f"fold {fold}: {sum(found.values())} events, tp {found['tp']}, "
              f"neutral {found['neutral']}, fp {found['fp']} (of which the type is right, the "
              f"countries wrong: {labels[fold]['fp_type_right']})")  # fmt: skip
    result = cross_validate(articles)
    rules, top = result["rules"], result["ceiling"]
    print("\n| features | penalty | threshold | A P / R / F1 | B P / R / F1 | smaller gain |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| rules alone | | | {_prf(rules['A'])} | {_prf(rules['B'])} | |")
    print(f"| ceiling (every fp dropped) | | | {_prf(top['A'])} | {_prf(top['B'])} | |")
    for cell in result["grid"]:
        if cell["threshold"] in {0.3, 0.5, 0.7, 0.9} or cell is result["best"]:
            print(f"| {cell['features']} | {cell['penalty']} | {cell['threshold']} | "
                  f"{_prf(cell['A'])} | {_prf(cell['B'])} | {cell['gain_min']:+.3f} |")  # fmt: skip
    best = result["best"]
    print(f"\nbest: {best['features']} features, penalty {best['penalty']}, threshold "
          f"{best['threshold']}: smaller F1 gain over the two folds {best['gain_min']:+.4f} -> "
          f"{'kept' if result['kept'] else 'not kept (no gain on both folds)'}")  # fmt: skip
    fills = cross_validate_fills(articles)
    print(f"\nre-attribution (fill the empty side with the story's country): candidates "
          f"{fills['labels']}")  # fmt: skip
    for cell in fills["grid"]:
        if (
            cell["threshold"] in {0.3, 0.5, 0.7}
            and cell["penalty"] in {1.0, 10.0}
            or (cell is fills["best"])
        ):
            print(f"| {cell['features']} | {cell['penalty']} | {cell['threshold']} | "
                  f"{_prf(cell['A'])} | {_prf(cell['B'])} | {cell['gain_min']:+.3f} |")  # fmt: skip
    best = fills["best"]
    print(f"best fill: {best['features']} features, penalty {best['penalty']}, threshold "
          f"{best['threshold']}: smaller F1 gain {best['gain_min']:+.4f} -> "
          f"{'kept' if fills['kept'] else 'not kept (no gain on both folds)'}")  # fmt: skip
    if args.write:
        events = [e for a in articles for e in a["events"]]
        if result["kept"] and args.weights:
            weights = train(events, best["penalty"], best["features"])
            model = {
                "version": VERSION, "threshold": best["threshold"], "penalty": best["penalty"],
                "features": best["features"], "min_count": MIN_COUNT,
                "weights": dict(sorted(weights.items())),
            }  # fmt: skip
            args.weights.write_text(json.dumps(model, indent=1) + "\n")
            print(f"weights written to {args.weights} ({len(weights)} weights)")
        RESULTS.write_text(json.dumps({
            "command": "python -m bench.event_scorer --write",
            "commit": _commit(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "labels": labels,
            "min_count": MIN_COUNT,
            **result,
            "reattribution": fills,
        }, indent=1) + "\n")  # fmt: skip
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
