"""Entity countries on text no rule was written on: every canonical entity newsflow gives a
country on the unannotated pages (the pages of `samples/corpus` whose id is no gold article
of `tests/gold`, either half, and any `samples/articles/` text that is no gold article),
and, apart, the people and organisations it gives none, each with the sentences that name
it and the rule that set its country, printed so a person can judge it, and scored against
the labels a person wrote (`bench/results/country_audit_round14.json`).

    python -m bench.country_audit                 # every entity, with its label if it has one
    python -m bench.country_audit --score         # precision by path
    python -m bench.country_audit --new PATH      # write unlabelled entities as a stub to label
    python -m bench.country_audit --types         # the labels' noted types, spans, duplicates

A label is keyed by article id (16 hex digits), the entity's type and canonical name, so a
later run re-scores the entities it still makes; a changed country is judged by the label's
`want` (the country a reader gives it, null for none). Labels of an entity with a country:
"right", "wrong country", "should have none"; of a person or organisation without one:
"right" (none is right) or "missing". Precision by path counts "right" among the entities
with a country that path set. Never reads the held-out half: gold articles are left out.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from bench import audit_texts
from bench.event_audit import pages as corpus_pages
from bench.event_audit import write_unlabelled

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "results" / "country_audit_round14.json"
PUBLISHED = date(2019, 11, 19)  # the corpus pages' crawl
TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
ENGLISH = ("en", None)  # the languages the ingest enriches (pipeline/_batches.py)


def pages() -> dict[str, str]:
    """{article id: text}: the corpus pages that are no gold article, then the sample
    articles that are none (their file name's stem as id); only the English ones (and
    those too short to tell), the pages the ingest enriches (`pipeline.ENGLISH`)."""
    from newsflow.extractors.cleaning import identify_language

    gold = {p.stem for p in (ROOT / "tests" / "gold").glob("*.json")}
    found = corpus_pages()
    for path in sorted((ROOT / "samples" / "articles").glob("*.txt")):
        if path.stem not in gold:
            found[path.stem] = path.read_text("utf-8")
    return {key: text for key, text in found.items() if identify_language(text)[0] in ENGLISH}


def label_key(article: str, kind: str, name: str) -> str:
    return f"{article}|{kind}|{name}"


def audit_rows(nlp: Any = None, texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per canonical entity of TYPES, in page order, with the rule that placed it
    (`path` "none" without a country). Places without a country are judged only where a
    label holds them (a place a run no longer gives the country a label judged). `texts`
    ({id: text}, e.g. `bench.audit_texts`) replaces the pages."""
    from newsflow.extractors.nlp import clean_mentions, load_model, resolve_entities

    nlp = nlp or load_model()
    texts = pages() if texts is None else texts
    rows: list[dict[str, Any]] = []
    for article, doc in zip(texts, nlp.pipe(texts.values()), strict=True):
        entities = resolve_entities(doc, clean_mentions(doc))
        sentences: dict[str, list[str]] = defaultdict(list)
        for n, mention in enumerate(entities.mentions):
            sentence = " ".join(doc[mention.start].sent.text.split())[:240]
            found = sentences[entities.entity_of[n]]
            if sentence not in found and len(found) < 2:
                found.append(sentence)
        for eid, record in entities.records.items():
            if record.type not in TYPES or eid not in sentences:
                continue
            path = entities.origin.get(eid, "") if record.country else "none"
            rows.append({
                "key": label_key(article, record.type, record.name),
                "article": article,
                "type": record.type,
                "name": record.name,
                "country": record.country,
                "path": path or "other",
                "sentences": sentences[eid],
            })  # fmt: skip
    return rows


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    return {row["key"]: row for row in json.loads(path.read_text("utf-8"))["entities"]}


def _judged(row: dict[str, Any]) -> bool:
    """Whether the audit asks a reader to judge the row: an entity with a country, or a
    person or organisation without one."""
    return bool(row["country"]) or row["type"] in {"PERSON", "ORG"}


def verdict(row: dict[str, Any], label: dict[str, Any]) -> str:
    """The label of a row whose country may have changed since it was judged: judged again
    against the country the reader wants."""
    want = label.get("want")
    if row["country"] == want:
        return "right"
    if row["country"] is None:
        return "missing"
    return "wrong country" if want else "should have none"


def score(rows: list[dict[str, Any]], labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Precision of the countries by path, and the people and organisations left without
    a country that should have one."""
    by_path: dict[str, Counter[str]] = defaultdict(Counter)
    unlabelled = 0
    for row in rows:
        label = labels.get(row["key"])
        if label is None:
            unlabelled += _judged(row)
            continue
        by_path[row["path"]][verdict(row, label)] += 1
    placed = Counter[str]()
    print("\n| path | entities with a country | right | P | wrong country / should have none |")
    print("| --- | --- | --- | --- | --- |")
    for path in sorted(by_path, key=lambda p: (p == "none", -sum(by_path[p].values()), p)):
        c = by_path[path]
        if path == "none":
            continue
        placed.update(c)
        n = sum(c.values())
        print(f"| {path} | {n} | {c['right']} | {c['right'] / n:.2f} |"
              f" {c['wrong country']} / {c['should have none']} |")  # fmt: skip
    n = sum(placed.values())
    print(f"| all | {n} | {placed['right']} | {placed['right'] / max(n, 1):.3f} |"
          f" {placed['wrong country']} / {placed['should have none']} |")  # fmt: skip
    none = by_path.get("none", Counter())
    print(f"\nwithout a country (people and organisations, and places a label judged):"
          f" {sum(none.values())}, right {none['right']}, missing {none['missing']}")  # fmt: skip
    made = {row["key"] for row in rows}
    articles = {row["article"] for row in rows}
    before = Counter(
        label["label"]
        for label in labels.values()
        if label["article"] in articles and label["country"]
    )
    n = sum(before.values())
    print(f"as labelled (the code the labels judged), these pages: {n} with a country,"
          f" {before['right']} right, P {before['right'] / max(n, 1):.3f}")  # fmt: skip
    gone = Counter(
        label.get("label")
        for key, label in labels.items()
        if key not in made and label["article"] in articles
    )
    print(f"entities {len(rows)}, unlabelled {unlabelled}; labelled entities no longer"
          f" made: {sum(gone.values())} {dict(gone)}")  # fmt: skip
    return {"placed": dict(placed), "none": dict(none), "unlabelled": unlabelled}


# a label's note naming a wrong type ("type GPE", not "type ORG ok"), a bad span, a second
# entity for one name ("canonical: Jan-Michael Gambill") or no entity at all
_NOTED_TYPE = re.compile(r"\btype (PERSON|ORG|GPE|LOC|FAC|NORP)\b(?! ok)")
_NOTED_CANONICAL = re.compile(r"canonical: ([^;(]+)")


def noted_kind(note: str) -> str | None:
    """The kind of error a note names: "type", "span", "canonical" or "none" (not an
    entity); None for other notes."""
    if _NOTED_CANONICAL.search(note):
        return "canonical"
    if "not an entity" in note:
        return "none"
    if re.search(r"\bspan\b", note) and not _NOTED_TYPE.search(note.split("span")[0]):
        return "span"
    return "type" if _NOTED_TYPE.search(note) else None


def type_outcome(label: dict[str, Any], made: set[str], names: dict[str, set[str]]) -> str:
    """One noted label judged again: "still" (its row is made as it was), "right" (the
    wanted type, or the duplicate's canonical name, is made instead; a non-entity is gone) or
    "gone"; `names` maps an article to the "TYPE|name" of its rows."""
    if label["key"] in made:
        return "still"
    note, article = label["note"], label["article"]
    wanted = _NOTED_TYPE.search(note)
    canonical = _NOTED_CANONICAL.search(note)
    found = names.get(article, set())
    if canonical:
        whole = canonical.group(1).split("=")[-1].strip()
        return "right" if any(n.split("|", 1)[1] == whole for n in found) else "gone"
    if wanted and f"{wanted.group(1)}|{label['name']}" in found:
        return "right"
    return "right" if noted_kind(note) == "none" else "gone"


def surname_duplicates(rows: list[dict[str, Any]]) -> list[str]:
    """Rows of one word that repeat a word of a person's longer name in the same article
    ("Gambill" beside "Jan-Michael Gambill"): a second entity for one person."""
    people: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        words = row["name"].replace("-", " ").split()
        if row["type"] == "PERSON" and len(words) >= 2:
            people[row["article"]].update(words[1:])
    return [
        row["key"]
        for row in rows
        if " " not in row["name"] and row["name"] in people[row["article"]]
    ]


def type_score(rows: list[dict[str, Any]], labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The labels' noted types, spans and duplicates of the audited articles, judged again:
    how many are still made, now right or gone; and the surname duplicates made now."""
    made = {row["key"] for row in rows}
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        names[row["article"]].add(f"{row['type']}|{row['name']}")
    articles = {row["article"] for row in rows}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for label in labels.values():
        kind = noted_kind(label.get("note") or "")
        if kind and label["article"] in articles:
            outcome = type_outcome(label, made, names)
            counts[kind][outcome] += 1
            counts["all"][outcome] += 1
            if outcome != "still":
                print(f"  [{outcome}] {label['key']}: {label['note'][:80]}")
    print("\n| noted | rows | still | right | gone |\n| --- | --- | --- | --- | --- |")
    for kind in ("type", "span", "canonical", "none", "all"):
        c = counts[kind]
        print(f"| {kind} | {sum(c.values())} | {c['still']} | {c['right']} | {c['gone']} |")
    duplicates = surname_duplicates(rows)
    print(f"surname duplicates made now: {len(duplicates)} {duplicates[:12]}")
    return {kind: dict(c) for kind, c in counts.items()} | {"duplicates": len(duplicates)}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.country_audit")
    parser.add_argument("--score", action="store_true", help="precision tables only")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the labels file")
    parser.add_argument("--new", type=Path, help="write the unlabelled entities here to label")
    parser.add_argument(
        "--types", action="store_true", help="the labels' noted types, spans and duplicates"
    )
    audit_texts.add_arguments(parser)
    args = parser.parse_args(argv)
    rows = audit_rows(texts=audit_texts.texts_from(args))
    labels = load_labels(args.labels)
    if args.types:
        type_score(rows, labels)
        return 0
    if not args.score:
        for row in rows:
            label = labels.get(row["key"])
            if label is None and not _judged(row):
                continue
            mark = verdict(row, label) if label else "?"
            print(f"[{mark}] {row['article']} {row['type']} {row['name']!r}"
                  f" {row['country']} <{row['path']}>")  # fmt: skip
            for sentence in row["sentences"]:
                print(f"    | {sentence}")
    if args.new:
        fresh = [
            {**row, "label": "?", "want": row["country"]}
            for row in rows
            if row["key"] not in labels and _judged(row)
        ]
        write_unlabelled(args.new, "entities", fresh)
    score(rows, labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
