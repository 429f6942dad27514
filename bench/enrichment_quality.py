"""Score the enrichment (entities, events, quotes, amounts) against the hand-annotated gold
set in `tests/gold/`, and measure its throughput beside bare `nlp.pipe`.

    python -m bench.enrichment_quality     # prints the scores, writes the results file

Gold files (one per article) name their text: an article body of `samples/corpus`
(ground-truth.json) or a file under `samples/`. How each kind is matched:

- entities: canonical name (or one of the gold aliases, casefolded) and coarse type (PERSON,
  ORG, PLACE = GPE/LOC/FAC); nationalities that are not countries (NORP) are out of scope;
- events: the set of (type, actor country, recipient country) per article, "" for an
  unknown country, leaving out events the text denies; a tuple that a more specific one of
  the same type covers is dropped on both sides first (so "CONSULT RUS→?" is not counted
  beside "CONSULT RUS→PRK");
- quotes: a predicted quote matches a gold quote when its text starts with the gold quote's
  opening words; `quote_speakers` scores (quote, speaker) pairs where a speaker is named;
- amounts: the numeric value (relative tolerance 1e-6), each value once per article.

Precision, recall and F1 are micro-averaged over articles.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT / "samples" / "corpus"
RESULTS = ROOT / "bench" / "results" / "enrichment_quality.json"
KINDS = ("entities", "events", "event_types", "quotes", "quote_speakers", "amounts")
COARSE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }  # fmt: skip


def norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split()).strip(" \"'.,;:")


# -- gold -------------------------------------------------------------------------------------
def load_gold() -> list[dict[str, Any]]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    articles = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        if gold["source"].endswith("ground-truth.json"):
            gold["text"] = truth[gold["id"]]["articleBody"]
        else:
            gold["text"] = (ROOT / gold["source"]).read_text("utf-8")
        articles.append(gold)
    return articles


# -- predictions as plain comparable values ---------------------------------------------------
def predicted(enrichment: Any) -> dict[str, Any]:
    names = {e.entity_id: e for e in enrichment.entities}
    return {
        "entities": {
            (norm(e.name), COARSE[e.type]) for e in enrichment.entities if e.type in COARSE
        },
        "events": {
            (e.type, e.actor_country or "", e.recipient_country or "")
            for e in enrichment.events
            if e.modality != "denied"
        },
        "quotes": [
            (
                norm(q.text),
                norm(names[q.speaker_entity_id].name)
                if q.speaker_entity_id in names
                else (norm(q.speaker_text) if q.speaker_text else None),
            )
            for q in enrichment.quotes
        ],
        "amounts": [a.value for a in enrichment.amounts],
    }


# -- matching ---------------------------------------------------------------------------------
def reduce_events(events: Iterable[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Drop a tuple that a more specific tuple of the same type covers."""
    events = set(events)

    def covers(general: tuple[str, str, str], specific: tuple[str, str, str]) -> bool:
        return (
            general != specific
            and general[0] == specific[0]
            and all(g in ("", s) for g, s in zip(general[1:], specific[1:], strict=True))
        )

    return {e for e in events if not any(covers(e, other) for other in events)}


def _set_counts(pred: set[Any], gold: set[Any]) -> tuple[int, int, int]:
    return len(pred & gold), len(pred - gold), len(gold - pred)


def score_article(pred: dict[str, Any], gold: dict[str, Any], totals: dict[str, Counts]) -> None:
    # entities
    gold_entities = []
    for entity in gold["entities"]:
        names = {norm(entity["name"]), *(norm(a) for a in entity.get("aliases", []))}
        gold_entities.append((names, COARSE[entity["type"]]))
    matched_gold: set[int] = set()
    tp = fp = 0
    for name, kind in pred["entities"]:
        hit = next(
            (i for i, (names, k) in enumerate(gold_entities)
             if i not in matched_gold and k == kind and name in names),
            None,
        )  # fmt: skip
        if hit is None:
            fp += 1
        else:
            tp += 1
            matched_gold.add(hit)
    totals["entities"].add(tp, fp, len(gold_entities) - len(matched_gold))

    # events
    gold_events = reduce_events((e["type"], e["actor"], e["recipient"]) for e in gold["events"])
    totals["events"].add(*_set_counts(reduce_events(pred["events"]), gold_events))
    totals["event_types"].add(
        *_set_counts({e[0] for e in pred["events"]}, {e[0] for e in gold_events})
    )

    # quotes and speakers
    aliases = {}
    for entity in gold["entities"]:
        for name in (entity["name"], *entity.get("aliases", [])):
            aliases[norm(name)] = norm(entity["name"])
    used: set[int] = set()
    speaker_tp = 0
    for quote in gold["quotes"]:
        start = norm(quote["start"])
        hit = next(
            (
                i
                for i, (text, _) in enumerate(pred["quotes"])
                if i not in used and text.startswith(start)
            ),
            None,
        )
        if hit is None:
            continue
        used.add(hit)
        speaker = pred["quotes"][hit][1]
        if quote["speaker"] and speaker and aliases.get(speaker, speaker) == norm(quote["speaker"]):
            speaker_tp += 1
    totals["quotes"].add(
        len(used), len(pred["quotes"]) - len(used), len(gold["quotes"]) - len(used)
    )
    predicted_speakers = sum(1 for _, s in pred["quotes"] if s)
    gold_speakers = sum(1 for q in gold["quotes"] if q["speaker"])
    totals["quote_speakers"].add(
        speaker_tp, predicted_speakers - speaker_tp, gold_speakers - speaker_tp
    )

    # amounts
    gold_values = sorted({float(a["value"]) for a in gold["amounts"]})
    pred_values = sorted(set(pred["amounts"]))
    tp = sum(
        1 for v in pred_values if any(abs(v - g) <= 1e-6 * max(abs(g), 1) for g in gold_values)
    )
    totals["amounts"].add(tp, len(pred_values) - tp, len(gold_values) - tp)


def score(
    predictions: list[dict[str, Any]], golds: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    totals = {kind: Counts() for kind in KINDS}
    for pred, gold in zip(predictions, golds, strict=True):
        score_article(pred, gold, totals)
    return {kind: counts.scores() for kind, counts in totals.items()}


# -- the run ----------------------------------------------------------------------------------
def throughput(nlp: Any, texts: list[str], repeats: int = 3) -> dict[str, float]:
    """Words per second of bare `nlp.pipe`, of `enrich` alone over the parsed Docs, and of
    both end to end; best of `repeats` after one warm-up pass, all in this process."""
    from newsflow.extractors.nlp import enrich

    words = sum(len(t.split()) for t in texts)
    published = date(2019, 11, 19)
    list(nlp.pipe(texts[:10]))  # warm-up
    bare = alone = whole = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts))
        bare = min(bare, time.perf_counter() - started)
        started = time.perf_counter()
        for doc in docs:
            enrich(doc, published)
        alone = min(alone, time.perf_counter() - started)
        started = time.perf_counter()
        for doc in nlp.pipe(texts):
            enrich(doc, published)
        whole = min(whole, time.perf_counter() - started)
    return {
        "words": words,
        "nlp_pipe_words_per_s": round(words / bare),
        "enrich_only_words_per_s": round(words / alone),
        "pipe_plus_enrich_words_per_s": round(words / whole),
        "enrich_share_of_pipe_time": round(alone / bare, 3),
    }


def evaluate(nlp: Any | None = None, with_throughput: bool = True) -> dict[str, Any]:
    from newsflow.extractors.nlp import enrich, load_model

    nlp = nlp or load_model()
    golds = load_gold()
    docs = list(nlp.pipe(g["text"] for g in golds))
    predictions = [
        predicted(enrich(doc, date.fromisoformat(g["published"])))
        for doc, g in zip(docs, golds, strict=True)
    ]
    results: dict[str, Any] = {
        "gold_articles": len(golds),
        "scores": score(predictions, golds),
        "model": f"{nlp.meta.get('name')}-{nlp.meta.get('version')}",
    }
    if with_throughput:
        truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
        texts = [g["text"] for g in golds] + [item["articleBody"] for item in truth.values()]
        results["throughput"] = {"texts": len(texts), **throughput(nlp, texts)}
        results["machine"] = (
            f"{platform.machine()} {platform.system()}, python {platform.python_version()}"
        )
    return results


def main() -> int:
    results = evaluate()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    for kind, values in results["scores"].items():
        p, r, f = values["precision"], values["recall"], values["f1"]
        print(f"{kind:15s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(json.dumps(results["throughput"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
