"""Event precision on text no rule was written on: every event newsflow makes on the
unannotated pages (the news pages of `samples/corpus` whose id is no gold article of
`tests/gold`, either half), printed so a person can judge it, and scored against the labels a
person wrote (`bench/results/event_audit_round13.json`).

    python -m bench.event_audit                 # every event, with its label if it has one
    python -m bench.event_audit --score         # precision by rule, trigger class, source
    python -m bench.event_audit --new PATH      # write unlabelled events as a stub to label
    python -m bench.event_audit --cleaned       # also the clean step's text of the raw pages

A label is keyed by article id (16 hex digits), the trigger's sentence (its opening 60
characters, whitespace collapsed), the trigger and the coding (type, actor country, recipient
country), so a later run re-scores the events it still makes and lists the ones it makes anew
(a changed coding is a new event to judge). `count` is how many rows of one key are right
(a duplicate of one mention beyond it is wrong). Labels: "right"; "wrong type"; "wrong actor";
"wrong recipient" (a side's country is wrong or a side is no party); "no event" (not a
political event at all: a sports "attack", a product "launch", "support" of a feature).
Precision counts "right" only. The events the labels hold that a run no longer makes are
"removed", by label, which is how a rule's effect on these pages is read.

Never reads the held-out half: gold articles of either half are left out of the pages.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from bench import audit_texts

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "results" / "event_audit_round13.json"
PUBLISHED = date(2019, 11, 19)  # the corpus pages' crawl; relative dates are not audited
RIGHT = "right"
KINDS = (RIGHT, "wrong type", "wrong actor", "wrong recipient", "no event")


def pages(cleaned: bool = False) -> dict[str, str]:
    """{article id: body} of the samples/corpus pages that are no gold article; with
    `cleaned`, the text newsflow's clean step makes of each raw page instead (headline,
    captions and the lines around the body that it keeps)."""
    gold = {p.stem for p in (ROOT / "tests" / "gold").glob("*.json")}
    truth = json.loads((ROOT / "samples" / "corpus" / "ground-truth.json").read_text("utf-8"))
    found = {
        key[:16]: item["articleBody"] for key, item in sorted(truth.items()) if key[:16] not in gold
    }
    if not cleaned:
        return found
    from newsflow.extractors import RawDocument
    from newsflow.extractors.cleaning import clean

    texts = {}
    for key, item in sorted(truth.items()):
        page = ROOT / "samples" / "corpus" / "html" / f"{key}.html.gz"
        if key[:16] not in found or not page.exists():
            continue
        content = gzip.decompress(page.read_bytes())
        result = clean(
            RawDocument(uri=item["url"], content=content, kind="html", source_uri="corpus")
        )
        if result.article is not None and result.article.text:
            texts[key[:16]] = result.article.text
    return texts


def label_key(article: str, sentence: str, trigger: str, coding: str) -> str:
    return f"{article}|{' '.join(sentence.split())[:60]}|{trigger}|{coding}"


def source(rule_id: str) -> str:
    """Where the trigger came from: a CAMEO verb pattern, a lexicon entry CAMEO also lists,
    the hand lexicon, or a rule of its own (demands)."""
    if ".pattern" in rule_id:
        return "cameo pattern"
    if ".cameo" in rule_id:
        return "lexicon (cameo code)"
    if ".verb" in rule_id or ".noun" in rule_id:
        return "lexicon"
    return "other rule"


def trigger_class(rule_id: str) -> str:
    """TYPE.verb or TYPE.noun: the type and the part of speech of the trigger."""
    parts = rule_id.split(".")
    pos = "verb" if ".verb" in rule_id else "noun" if ".noun" in rule_id else parts[-1]
    return f"{parts[0]}.{pos}"


def audit_rows(
    nlp: Any = None, cleaned: bool = False, texts: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """One row per event (denied ones left out, as the bench scores), in page order; with
    `cleaned`, then the events of the clean step's texts that the bodies do not make (the
    same article, sentence, trigger and coding is one event). `texts` ({id: text}, e.g.
    `bench.audit_texts`) replaces the corpus pages."""
    from newsflow.extractors.nlp import enrich, load_model

    nlp = nlp or load_model()
    rows: list[dict[str, Any]] = []
    if texts is not None:
        sources: tuple[dict[str, str], ...] = (texts,)
    else:
        sources = (pages(), pages(cleaned=True)) if cleaned else (pages(),)
    for source_texts in sources:
        made = {row["key"] for row in rows}
        bodies = source_texts.values()
        for (article, _), doc in zip(source_texts.items(), nlp.pipe(bodies), strict=True):
            events = [e for e in enrich(doc, PUBLISHED).events if e.modality != "denied"]
            found = [_row(article, e) for e in events]
            rows.extend(row for row in found if row["key"] not in made)
    return rows


def _row(article: str, e: Any) -> dict[str, Any]:
    coding = f"{e.type} {e.actor_country or ''}->{e.recipient_country or ''}"
    return {
        "key": label_key(article, e.sentence, e.trigger, coding),
        "article": article,
        "rule_id": e.rule_id,
        "trigger": e.trigger,
        "type": e.type,
        "modality": e.modality,
        "actor": f"{e.actor_text} [{e.actor_country or ''}]",
        "recipient": f"{e.recipient_text} [{e.recipient_country or ''}]",
        "sentence": " ".join(e.sentence.split())[:300],
    }


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    return {row["key"]: row for row in json.loads(path.read_text("utf-8"))["events"]}


def score(rows: list[dict[str, Any]], labels: dict[str, dict[str, Any]]) -> None:
    """Precision per group, counting each labelled key as often as the run makes it (a
    duplicate of one mention is judged by the label of its key's first row)."""
    groups: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    unlabelled = 0
    seen: Counter[str] = Counter()
    for row in rows:
        seen[row["key"]] += 1
        label = labels.get(row["key"])
        if label is None:
            unlabelled += 1
            continue
        # a second row of one key beyond the labelled count is a duplicate: wrong
        verdict = label["label"] if seen[row["key"]] <= label.get("count", 1) else "duplicate"
        for name, value in (
            ("all", "all"),
            ("source", source(row["rule_id"])),
            ("class", trigger_class(row["rule_id"])),
            ("rule", row["rule_id"]),
        ):
            groups[name][value][verdict] += 1
    made = set(seen)
    articles = {row["article"] for row in rows}
    removed = Counter(
        label["label"]
        for key, label in labels.items()
        if key not in made and label["article"] in articles
    )
    for name in ("all", "source", "class", "rule"):
        wrongs = "wrong type / actor / recipient / no event / dup"
        print(f"\n| {name} | events | right | P | {wrongs} |")
        print("| --- | --- | --- | --- | --- |")
        cells = groups[name]
        for value in sorted(cells, key=lambda v: (-sum(cells[v].values()), v)):
            c = cells[value]
            n = sum(c.values())
            wrong = " / ".join(str(c[k]) for k in (*KINDS[1:], "duplicate"))
            print(f"| {value} | {n} | {c[RIGHT]} | {c[RIGHT] / n:.2f} | {wrong} |")
    print(f"\nevents {len(rows)}, unlabelled {unlabelled}; labelled events no longer made:"
          f" {sum(removed.values())} {dict(removed)}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.event_audit")
    parser.add_argument("--score", action="store_true", help="precision tables only")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the labels file")
    parser.add_argument("--new", type=Path, help="write the unlabelled events here to label")
    parser.add_argument(
        "--cleaned", action="store_true", help="also the clean step's text of each raw page"
    )
    audit_texts.add_arguments(parser)
    args = parser.parse_args(argv)
    rows = audit_rows(cleaned=args.cleaned, texts=audit_texts.texts_from(args))
    labels = load_labels(args.labels)
    if not args.score:
        for row in rows:
            label = labels.get(row["key"], {}).get("label", "?")
            print(f"[{label}] {row['article']} {row['rule_id']} {row['trigger']!r}"
                  f" {row['type']} {row['modality']} | {row['actor']} -> {row['recipient']}"
                  f"\n    | {row['sentence']}")  # fmt: skip
    if args.new:
        fresh = [
            {**row, "label": "?", "count": n}
            for row, n in (
                (r, sum(1 for o in rows if o["key"] == r["key"]))
                for r in {r["key"]: r for r in rows if r["key"] not in labels}.values()
            )
        ]
        write_unlabelled(args.new, "events", fresh)
    score(rows, labels)
    return 0


def write_unlabelled(path: Path, kind: str, fresh: list[dict[str, Any]]) -> None:
    """Rows no label covers yet, with label "?", for a person to judge and merge in."""
    path.write_text(json.dumps({kind: fresh}, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(fresh)} unlabelled {kind} written to {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
