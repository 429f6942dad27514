"""Score the enrichment (entities, events, quotes, amounts) and the bylines against the
hand-annotated gold set in `tests/gold/`, per half of its fixed split, and measure the
enrichment's throughput beside bare `nlp.pipe`.

    python -m bench.enrichment_quality                 # both halves, writes the results file
    python -m bench.enrichment_quality --half tuning   # the tuning half only, writes nothing
    python -m bench.enrichment_quality --fold A        # one fold of the tuning half, no file

While rules are written, run only `--half tuning`: it predicts and scores the tuning articles
alone (the held-out texts are not even parsed) and leaves the committed results file as it is.

What is scored: the same objects the ingest stores, made the way the ingest makes them, without
a database round trip. Each gold text goes through `nlp.pipe` and `enrich(doc, published)` (the
`Enrichment` whose rows `flows` writes to entities, events, quotes and amounts, and which the
`current_entity_mentions` / `event_details` / `quote_details` views read back); the authors are
`clean(RawDocument(...)).article.authors` of the raw page (`samples/corpus/html/<id>.html.gz`, or
the sample text file), the value stored in `articles.authors`. The enrichment runs on the true
article body (ground-truth.json), not on the clean step's output, so extraction errors do not
leak into these figures (`bench.extraction_quality` measures those).

Gold files (tests/gold/README.md) are split into `tuning` and `heldout` by tests/gold/split.json.
Rules may be written against the tuning half only; both halves are reported, and the held-out
half is never used to pick a rule. How each kind is matched, per article, micro-averaged:

- canonical entities: each predicted canonical entity of type PERSON, ORG, GPE, LOC or FAC is
  matched one-to-one to a gold entity whose name or an alias equals its name (casefolded); a
  second predicted entity for the same gold entity ("Putin" beside "Vladimir Putin") is a false
  positive. `entities` adds the coarse type (PERSON, ORG, PLACE = GPE/LOC/FAC) to the match.
- entity country: accuracy of the ISO3 country over matched gold entities that have one
  (`spurious` counts matched entities without a gold country that got one anyway).
- events, per mention: a predicted event (denied ones left out) is (type, actor country,
  recipient country), "" for unknown. Predictions are matched one-to-one to gold mentions:
  equal to a core mention's coding is a true positive; equal to one of its `alternatives`, or to
  an optional mention's coding or alternatives, is neutral (neither true nor false positive, and
  a core mention consumed that way is no false negative). The assignment maximises true
  positives first, then neutral matches (a small Hungarian assignment per article). Predictions
  beyond the gold's count of a coding are false positives. A `reciprocal` gold mention ("Putin
  and Kim met") stands for A->B with B->A as an alternative, plus an optional B->A mention.
  `event_types` is the same with the type alone.
- quotes: a predicted quote matches a gold quote when its text starts with the gold quote's
  opening words; `quote_speakers` counts matched quotes whose speaker is the gold speaker (its
  canonical name or an alias; for a quote attributed to an outlet only, the predicted outlet
  counts too) against predicted quotes with a speaker or an outlet (precision) and gold quotes
  with a speaker (recall).
- amounts: the numeric value (relative tolerance 1e-6), each value once per article.
- authors: the set of byline person names per article (casefolded, dots of initials
  ignored); `agency`: the wire agency per article, when the article data has one (any form
  the byline table knows counts as its canonical name: "AFP" = "Agence France-Presse").
"""

from __future__ import annotations

import gzip
import json
import platform
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SPLIT = GOLD / "split.json"
CORPUS = ROOT / "samples" / "corpus"
RESULTS = ROOT / "bench" / "results" / "enrichment_quality.json"
HALVES = ("tuning", "heldout")
FOLDS = ("A", "B")
KINDS = (
    "canonical_entities", "entities", "events", "event_types", "quotes", "quote_speakers",
    "amounts", "authors", "agency",
)  # fmt: skip
COARSE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
AGENCIES = {"ap": "associated press", "the associated press": "associated press",
            "the canadian press": "canadian press", "cp": "canadian press"}  # fmt: skip
# assignment weights: any true positive outweighs all neutral matches of an article
TRUE_POSITIVE, NEUTRAL_CORE, NEUTRAL_OPTIONAL = 1000, 2, 1

Key = tuple[str, ...]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0

    def add(self, tp: int, fp: int, fn: int, neutral: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.neutral += neutral

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "neutral": self.neutral,
        }  # fmt: skip


@dataclass(frozen=True)
class GoldMention:
    """One gold event mention: its coding, the codings accepted as neutral, and whether the
    mention is optional (then even its own coding is only neutral)."""

    key: Key
    alternatives: frozenset[Key]
    optional: bool = False


def norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split()).strip(" \"'.,;:")


def author_key(name: str) -> str:
    """A byline name as compared: `norm`, initials with or without their dots alike
    ("Sarah E. Needleman" = "Sarah E Needleman")."""
    return " ".join(norm(name).replace(".", " ").split())


def agency_key(name: str) -> str:
    """An agency as compared: its canonical name when the byline table knows the form
    ("AFP" = "Agence France-Presse"), else `norm` with the AP / CP spellings merged."""
    from newsflow.extractors.cleaning import clean_byline

    key = norm(clean_byline([name]).agency or name)
    return AGENCIES.get(key, key)


# -- gold -------------------------------------------------------------------------------------
def load_split() -> dict[str, str]:
    return dict(json.loads(SPLIT.read_text("utf-8"))["articles"])


def load_gold(half: str | None = None) -> list[dict[str, Any]]:
    """Gold articles with their `text`, file `key` and `half`; only one half when asked."""
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    split = load_split()
    articles = []
    for path in sorted(GOLD.glob("*.json")):
        if path == SPLIT:
            continue
        gold = json.loads(path.read_text("utf-8"))
        gold["key"] = path.stem
        gold["half"] = split[path.stem]
        if half is not None and gold["half"] != half:
            continue
        if gold["source"].endswith("ground-truth.json"):
            gold["text"] = truth[gold["id"]]["articleBody"]
        else:
            gold["text"] = (ROOT / gold["source"]).read_text("utf-8")
        articles.append(gold)
    return articles


def tuning_fold(fold: str) -> set[str]:
    """The keys of one fold of the tuning half: its articles in sorted key order, alternately
    A (first, third, ...) and B. Rules are written on the errors of one fold and kept only if
    the other does not get worse."""
    tuning = sorted(key for key, half in load_split().items() if half == "tuning")
    return set(tuning[FOLDS.index(fold) :: len(FOLDS)])


def gold_mentions(events: list[dict[str, Any]]) -> list[GoldMention]:
    """The gold event rows as mentions, a reciprocal row expanded into its two directions."""
    mentions = []
    for event in events:
        key = (event["type"], event["actor"], event["recipient"])
        alternatives = {tuple(alt) for alt in event.get("alternatives", [])}
        optional = bool(event.get("optional"))
        if event.get("reciprocal"):
            reverse = (key[0], key[2], key[1])
            flipped = {(a[0], a[2], a[1]) for a in alternatives}
            mentions.append(GoldMention(key, frozenset(alternatives | {reverse}), optional))
            mentions.append(GoldMention(reverse, frozenset(flipped | {key}), True))
        else:
            mentions.append(GoldMention(key, frozenset(alternatives), optional))
    return mentions


def raw_document(gold: dict[str, Any]) -> Any:
    """The raw input the ingest would load for a gold article (for its byline)."""
    from newsflow.extractors import RawDocument

    if gold["source"].endswith("ground-truth.json"):
        content = gzip.decompress((CORPUS / "html" / f"{gold['id']}.html.gz").read_bytes())
        return RawDocument(uri=gold["id"], content=content, kind="html", source_uri="corpus")
    content = (ROOT / gold["source"]).read_bytes()
    return RawDocument(uri=gold["source"], content=content, kind="text", source_uri="samples")


# -- predictions as plain comparable values ---------------------------------------------------
def predicted(enrichment: Any, article: Any = None) -> dict[str, Any]:
    """What the ingest stores for one article, as plain values: `enrichment` from `enrich`,
    `article` the cleaned `Article` (for authors and agency) or None."""
    names = {e.entity_id: e.name for e in enrichment.entities}

    def name_of(entity_id: str | None, text: str | None) -> str | None:
        if entity_id in names:
            return norm(names[entity_id])
        return norm(text) if text else None

    agency = getattr(article, "agency", None) if article is not None else None
    return {
        "entities": [
            (norm(e.name), COARSE[e.type], e.country)
            for e in enrichment.entities
            if e.type in COARSE
        ],
        "events": [
            (e.type, e.actor_country or "", e.recipient_country or "")
            for e in enrichment.events
            if e.modality != "denied"
        ],
        "quotes": [
            (
                norm(q.text),
                name_of(q.speaker_entity_id, q.speaker_text),
                name_of(q.outlet_entity_id, q.outlet_text),
            )
            for q in enrichment.quotes
        ],
        "amounts": [a.value for a in enrichment.amounts],
        "authors": [norm(a) for a in article.authors] if article is not None else [],
        "agency": norm(agency) if agency else None,
    }


# -- matching ---------------------------------------------------------------------------------
def assign(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Rows matched one-to-one to columns so that the summed weight is the largest possible
    (Hungarian method); pairs of weight 0 are not matches."""
    if not weights or not weights[0]:
        return []
    transposed = len(weights) > len(weights[0])
    if transposed:
        weights = [list(column) for column in zip(*weights, strict=True)]
    n, m = len(weights), len(weights[0])
    cost = [[-w for w in row] for row in weights]
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        least, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < least[j]:
                        least[j], way[j] = current, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    pairs = [(i, j) for i, j in pairs if weights[i][j] > 0]
    return [(j, i) for i, j in pairs] if transposed else pairs


def match_mentions(
    predicted_keys: list[Key], gold: list[GoldMention], project: int = 3
) -> tuple[int, int, int, int]:
    """(tp, fp, fn, neutral) of predicted event codings against gold mentions, comparing the
    first `project` fields of each coding (3: type and both countries, 1: type only)."""

    def cut(key: Key) -> Key:
        return tuple(key[:project])

    weights = []
    for key in predicted_keys:
        row = []
        for mention in gold:
            if not mention.optional and cut(key) == cut(mention.key):
                row.append(TRUE_POSITIVE)
            elif cut(key) == cut(mention.key) or any(
                cut(key) == cut(alt) for alt in mention.alternatives
            ):
                row.append(NEUTRAL_OPTIONAL if mention.optional else NEUTRAL_CORE)
            else:
                row.append(0)
        weights.append(row)
    pairs = assign(weights)
    tp = sum(1 for i, j in pairs if weights[i][j] == TRUE_POSITIVE)
    neutral = len(pairs) - tp
    core_consumed = sum(1 for _, j in pairs if not gold[j].optional)
    core = sum(1 for mention in gold if not mention.optional)
    return tp, len(predicted_keys) - len(pairs), core - core_consumed, neutral


def _entity_pairs(
    pred: list[tuple[str, str, str | None]], gold: list[dict[str, Any]], with_type: bool
) -> list[tuple[int, int]]:
    weights = []
    for name, kind, _ in pred:
        row = []
        for entity in gold:
            names = {norm(a) for a in entity.get("aliases", [])}
            same_kind = not with_type or COARSE[entity["type"]] == kind
            if same_kind and name == norm(entity["name"]):
                row.append(2)
            elif same_kind and name in names:
                row.append(1)
            else:
                row.append(0)
        weights.append(row)
    return assign(weights)


def score_article(pred: dict[str, Any], gold: dict[str, Any], totals: dict[str, Any]) -> None:
    # canonical entities, entities with their type, countries of matched entities
    entities = [e for e in gold["entities"] if e["type"] in COARSE]
    pairs = _entity_pairs(pred["entities"], entities, with_type=False)
    totals["canonical_entities"].add(
        len(pairs), len(pred["entities"]) - len(pairs), len(entities) - len(pairs)
    )
    typed = _entity_pairs(pred["entities"], entities, with_type=True)
    totals["entities"].add(
        len(typed), len(pred["entities"]) - len(typed), len(entities) - len(typed)
    )
    country = totals["entity_country"]
    for i, j in pairs:
        expected, got = entities[j].get("country"), pred["entities"][i][2]
        if expected:
            country["total"] += 1
            country["correct"] += int(got == expected)
        elif got:
            country["spurious"] += 1

    # events per mention, and by type alone
    mentions = gold_mentions(gold["events"])
    totals["events"].add(*match_mentions(pred["events"], mentions))
    totals["event_types"].add(*match_mentions(pred["events"], mentions, project=1))
    shape = totals["events_predicted"]
    shape["events"] += len(pred["events"])
    shape["with_actor_country"] += sum(1 for e in pred["events"] if e[1])
    shape["with_recipient_country"] += sum(1 for e in pred["events"] if e[2])

    # quotes and their speakers
    canonical = {}
    for entity in gold["entities"]:
        for name in (entity["name"], *entity.get("aliases", [])):
            canonical[norm(name)] = norm(entity["name"])

    def right_speaker(quote: dict[str, Any], speaker: str | None, outlet: str | None) -> bool:
        if not quote["speaker"]:
            return False
        want = norm(quote["speaker"])
        if speaker and canonical.get(speaker, speaker) == want:
            return True
        said_by_outlet = bool(quote.get("outlet")) and norm(quote["outlet"]) == want
        return said_by_outlet and bool(outlet) and canonical.get(outlet or "", outlet) == want

    weights = [
        [
            (1 + int(right_speaker(q, speaker, outlet))) if text.startswith(norm(q["start"])) else 0
            for q in gold["quotes"]
        ]
        for text, speaker, outlet in pred["quotes"]
    ]
    quote_pairs = assign(weights)
    right = sum(1 for i, j in quote_pairs if weights[i][j] == 2)
    totals["quotes"].add(
        len(quote_pairs),
        len(pred["quotes"]) - len(quote_pairs),
        len(gold["quotes"]) - len(quote_pairs),
    )
    # an attribution: a predicted speaker, or an outlet that may itself be the speaker
    with_speaker = sum(1 for _, speaker, outlet in pred["quotes"] if speaker or outlet)
    gold_with_speaker = sum(1 for q in gold["quotes"] if q["speaker"])
    totals["quote_speakers"].add(right, with_speaker - right, gold_with_speaker - right)
    detail = totals["quote_details"]
    found = {j for _, j in quote_pairs}
    right_found = {j for i, j in quote_pairs if weights[i][j] == 2}
    for j, quote in enumerate(gold["quotes"]):
        if quote.get("partial"):
            detail["partial"] += 1
            detail["partial_found"] += int(j in found)
        if quote.get("outlet"):
            detail["outlet"] += 1
            detail["outlet_right_speaker"] += int(j in right_found)

    # amounts
    gold_values = sorted({float(a["value"]) for a in gold["amounts"]})
    pred_values = sorted(set(pred["amounts"]))
    tp = sum(
        1 for v in pred_values if any(abs(v - g) <= 1e-6 * max(abs(g), 1) for g in gold_values)
    )
    totals["amounts"].add(tp, len(pred_values) - tp, len(gold_values) - tp)

    # bylines
    gold_authors = {author_key(a) for a in gold.get("authors", [])}
    pred_authors = {author_key(a) for a in pred.get("authors", [])}
    totals["authors"].add(
        len(pred_authors & gold_authors),
        len(pred_authors - gold_authors),
        len(gold_authors - pred_authors),
    )
    want = agency_key(gold["agency"]) if gold.get("agency") else None
    got = agency_key(pred["agency"]) if pred.get("agency") else None
    hit = int(bool(want) and want == got)
    totals["agency"].add(hit, int(bool(got)) - hit, int(bool(want)) - hit)


def score(predictions: list[dict[str, Any]], golds: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {kind: Counts() for kind in KINDS}
    totals["entity_country"] = {"correct": 0, "total": 0, "spurious": 0}
    totals["events_predicted"] = {"events": 0, "with_actor_country": 0, "with_recipient_country": 0}
    totals["quote_details"] = {
        "partial": 0, "partial_found": 0, "outlet": 0, "outlet_right_speaker": 0,
    }  # fmt: skip
    for pred, gold in zip(predictions, golds, strict=True):
        score_article(pred, gold, totals)
    scores: dict[str, Any] = {kind: totals[kind].scores() for kind in KINDS}
    country = totals["entity_country"]
    country["accuracy"] = (
        round(country["correct"] / country["total"], 4) if country["total"] else 0.0
    )
    scores["entity_country"] = country
    scores["events_predicted"] = totals["events_predicted"]
    scores["quote_details"] = totals["quote_details"]
    return scores


def gold_counts(golds: list[dict[str, Any]]) -> dict[str, int]:
    """Sizes of (one half of) the gold set."""
    events = [e for g in golds for e in g["events"]]
    quotes = [q for g in golds for q in g["quotes"]]
    entities = [e for g in golds for e in g["entities"]]
    return {
        "articles": len(golds),
        "outlets": len({g["outlet"] for g in golds}),
        "articles_with_events": sum(
            1 for g in golds if any(not e.get("optional") for e in g["events"])
        ),
        "entities": len(entities),
        "entities_with_country": sum(1 for e in entities if e.get("country")),
        "core_events": sum(1 for e in events if not e.get("optional")),
        "optional_events": sum(1 for e in events if e.get("optional")),
        "alternatives": sum(len(e.get("alternatives", [])) for e in events),
        "quotes": len(quotes),
        "quotes_with_speaker": sum(1 for q in quotes if q["speaker"]),
        "amounts": sum(len(g["amounts"]) for g in golds),
        "authors": sum(len(g["authors"]) for g in golds),
        "agency_bylines": sum(1 for g in golds if g.get("agency")),
    }


# -- the report -------------------------------------------------------------------------------
def table(half: str, result: dict[str, Any]) -> str:
    """The issue-13 table for one half, in Markdown."""
    s, n = result["scores"], result["gold"]

    def prf(kind: str, bold: str = "f1") -> str:
        values = [f"{s[kind][k]:.3f}" for k in ("precision", "recall", "f1")]
        index = ("precision", "recall", "f1").index(bold)
        values[index] = f"**{values[index]}**"
        return " / ".join(values)

    country = s["entity_country"]
    rows = [
        ("canonical entities P / R / F1 (a second entity for the same gold entity is a false"
         " positive)", prf("canonical_entities"), "F1 ≥ 0.92"),
        ("entities, name and type", f"F1 {s['entities']['f1']:.3f}", "≥ 0.88"),
        ("country of matched entities that have one",
         f"**{country['accuracy']:.3f}** ({country['correct']}/{country['total']})", "≥ 0.85"),
        ("events, (type, actor country, recipient country) P / R / F1, per mention",
         prf("events"), "P ≥ 0.75, F1 ≥ 0.60"),
        ("events, type only", f"F1 {s['event_types']['f1']:.3f}", "≥ 0.75"),
        ("quotes with the right speaker, P / R",
         f"{s['quote_speakers']['precision']:.3f} / {s['quote_speakers']['recall']:.3f}",
         "≥ 0.90 / 0.85"),
        ("quotes found P / R / F1", prf("quotes"), ""),
        ("amounts P / R / F1", prf("amounts"), ""),
        ("authors (byline names) P / R / F1", prf("authors"), ""),
        ("agency bylines P / R / F1", prf("agency"), ""),
    ]  # fmt: skip
    predicted_events = s["events_predicted"]
    lines = [
        f"{half}: {n['articles']} articles, {n['outlets']} outlets; gold {n['entities']} entities,"
        f" {n['core_events']} core event mentions (+{n['optional_events']} optional,"
        f" {n['alternatives']} alternatives), {n['quotes']} quotes, {n['authors']} authors",
        "",
        "| what | newsflow | goal |",
        "| --- | --- | --- |",
        *(f"| {what} | {value} | {goal} |" for what, value, goal in rows),
        "",
        f"predicted events {predicted_events['events']}: "
        f"{predicted_events['with_actor_country']} with an actor country, "
        f"{predicted_events['with_recipient_country']} with a recipient country",
    ]
    return "\n".join(lines)


# -- the run ----------------------------------------------------------------------------------
def throughput(nlp: Any, texts: list[str], repeats: int = 3) -> dict[str, float | str]:
    """Words per CPU second of bare `nlp.pipe`, of `enrich` alone over the parsed Docs, and
    of both end to end; best of `repeats` after one warm-up pass, all in this process. Timed
    by `time.process_time` (both run on one thread), not the wall clock: on a box the other
    processes load, the wall clock moved the enrichment's share by a few points from run to
    run (8.8 % in round 9, 10.9 % in round 10 with the same code).

    The share is `enrich` over the Docs of each timed `nlp.pipe` pass, right after it, each
    Doc enriched once, as the ingest does. `enrich_back_to_back_share` adds what
    `bench/enrichment_cpu.py` times: passes over fresh copies of those Docs (`Doc.copy`,
    empty `user_data` caches) one after the other, with no parse between them, so the two
    figures can be compared in one process (the gap between them is not work `enrich`
    skips: both enrich each Doc's copy once)."""
    from newsflow.extractors.nlp import enrich

    words = sum(len(t.split()) for t in texts)
    published = date(2019, 11, 19)
    list(nlp.pipe(texts[:10]))  # warm-up
    bare = alone = whole = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        docs = list(nlp.pipe(texts))
        bare = min(bare, time.process_time() - started)
        started = time.process_time()
        for doc in docs:
            enrich(doc, published)
        alone = min(alone, time.process_time() - started)
        started = time.process_time()
        for doc in nlp.pipe(texts):
            enrich(doc, published)
        whole = min(whole, time.process_time() - started)
    back_to_back = float("inf")
    for _ in range(repeats):
        copies = [doc.copy() for doc in docs]
        started = time.process_time()
        for doc in copies:
            enrich(doc, published)
        back_to_back = min(back_to_back, time.process_time() - started)
    return {
        "words": words,
        "nlp_pipe_words_per_s": round(words / bare),
        "enrich_only_words_per_s": round(words / alone),
        "pipe_plus_enrich_words_per_s": round(words / whole),
        "enrich_share_of_pipe_time": round(alone / bare, 3),
        "enrich_back_to_back_share": round(back_to_back / bare, 3),
        "clock": "cpu (time.process_time)",
    }


def predict_all(nlp: Any, golds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Predictions for the gold articles: `enrich` over `nlp.pipe`, bylines from `clean`."""
    from newsflow.extractors.cleaning import clean
    from newsflow.extractors.nlp import enrich

    docs = nlp.pipe(g["text"] for g in golds)
    predictions = []
    for doc, gold in zip(docs, golds, strict=True):
        result = clean(raw_document(gold))
        enrichment = enrich(doc, date.fromisoformat(gold["published"]))
        predictions.append(predicted(enrichment, result.article))
    return predictions


def evaluate(
    nlp: Any | None = None,
    with_throughput: bool = True,
    only: str | None = None,
    fold: str | None = None,
) -> dict[str, Any]:
    """Scores per half; `only` ("tuning") predicts and scores that half alone, `fold` ("A" or
    "B") one fold of the tuning half alone (reported as the half "tuning-A" or "tuning-B")."""
    from newsflow.extractors.nlp import load_model

    nlp = nlp or load_model()
    if fold is not None:
        keys = tuning_fold(fold)
        only = f"tuning-{fold}"
        golds = [g for g in load_gold("tuning") if g["key"] in keys]
        for gold in golds:
            gold["half"] = only
    else:
        golds = load_gold(only)
    predictions = predict_all(nlp, golds)
    halves = {}
    for half in HALVES if only is None else (only,):
        chosen = [i for i, g in enumerate(golds) if g["half"] == half]
        half_golds = [golds[i] for i in chosen]
        halves[half] = {
            "gold": gold_counts(half_golds),
            "scores": score([predictions[i] for i in chosen], half_golds),
        }
    results: dict[str, Any] = {
        "gold_articles": len(golds),
        "split": "tests/gold/split.json (tuning: rules may be written against it; heldout: never)",
        "halves": halves,
        "model": f"{nlp.meta.get('name')}-{nlp.meta.get('version')}",
    }
    if with_throughput:
        truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
        texts = [g["text"] for g in load_gold()] + [item["articleBody"] for item in truth.values()]
        results["throughput"] = {"texts": len(texts), **throughput(nlp, texts)}
        results["machine"] = (
            f"{platform.machine()} {platform.system()}, python {platform.python_version()}"
        )
    return results


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.enrichment_quality")
    parser.add_argument(
        "--half",
        choices=("tuning",),
        help="score only this half and write no results file (use while writing rules)",
    )
    parser.add_argument(
        "--fold",
        choices=FOLDS,
        help="score only this fold of the tuning half (alternate sorted keys) and write nothing",
    )
    parser.add_argument(
        "--no-throughput", action="store_true", help="skip the throughput measurement"
    )
    args = parser.parse_args(argv)
    results = evaluate(only=args.half, fold=args.fold, with_throughput=not args.no_throughput)
    for half in results["halves"]:
        print(table(half, results["halves"][half]))
        print()
    if "throughput" in results:
        print(json.dumps(results["throughput"]))
    if args.half is None and args.fold is None:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
