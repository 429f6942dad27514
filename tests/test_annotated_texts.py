"""The annotated Lee reports (bench/labels/lee) and bench/annotated_texts.py, which scores the
extractor on them. The texts themselves are not in the repository (bench.audit_texts fetches
them), so these tests read the labels and score reports written here."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.annotated_texts import CORPUS_LABELS, LABELS, corpus_texts, evaluate, load_labels
from bench.annotation_agreement import LEE_SECOND
from bench.enrichment_quality import ROOT

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def _check_gold_format(paths: list[Path], key: str) -> int:
    """Assert every label file of `paths` is in the gold format, named as `key` matches; return
    the number of core event mentions."""
    country = re.compile(r"^([A-Z]{3})?$")
    core = 0
    for path in paths:
        label = json.loads(path.read_text("utf-8"))
        assert re.fullmatch(key, path.stem), path
        for entity in label["entities"]:
            assert entity["type"] in {"PERSON", "ORG", "GPE", "LOC", "FAC"}, (path, entity)
            assert country.match(entity.get("country") or ""), (path, entity)
        for event in label["events"]:
            codings = [[event["type"], event["actor"], event["recipient"]]]
            for kind, actor, recipient in codings + event.get("alternatives", []):
                assert kind in PLOVER, (path, event)
                assert country.match(actor) and country.match(recipient), (path, event)
            core += not event.get("optional")
        assert all(len(q["start"].split()) >= 1 for q in label["quotes"]), path
    return core


def test_every_lee_report_has_labels_in_the_gold_format():
    paths = sorted(LABELS.glob("*.json"))
    assert len(paths) == 350  # 300 of lee_background.cor, 50 of lee.cor
    second = sorted(LEE_SECOND.glob("*.json"))
    assert len(second) == 30 and {p.stem for p in second} <= {p.stem for p in paths}
    assert _check_gold_format(paths + second, r"lee(_background)?-\d{3}") > 1000


def test_the_corpus_pages_gold_left_out_are_labelled_and_split_in_two():
    paths = sorted(p for p in CORPUS_LABELS.glob("*.json") if p.name != "split.json")
    split = json.loads((CORPUS_LABELS / "split.json").read_text("utf-8"))
    assert sorted(split["A"] + split["B"]) == [p.stem for p in paths]
    assert not set(split["A"]) & set(split["B"])
    _check_gold_format(paths, r"[0-9a-f]{16}")
    gold = {p.stem for p in (ROOT / "tests" / "gold").glob("*.json")}
    assert not gold & {p.stem for p in paths}  # pages the gold set left out, not a second copy
    texts = corpus_texts(ROOT / "samples" / "corpus" / "ground-truth.json", "B")
    assert sorted(texts) == sorted(split["B"]) and all(len(t) > 300 for t in texts.values())
    labels = load_labels(sorted(texts), CORPUS_LABELS)
    assert all(label["published"] and label["outlet"] for label in labels.values())


def _write(folder: Path, key: str, events: list[dict[str, object]]) -> None:
    label = {
        "key": key,
        "entities": [
            {"name": "Israel", "type": "GPE", "country": "ISR"},
            {"name": "Gaza", "type": "GPE", "country": "PSE"},
        ],
        "events": events,
        "quotes": [],
    }
    (folder / f"{key}.json").write_text(json.dumps(label))


def test_reports_are_scored_against_their_labels_and_unlabelled_ones_skipped(tmp_path, nlp):
    texts = {
        "toy-000": "Israeli helicopters attacked targets in Gaza on Tuesday.",
        "toy-001": "Israel attacked Gaza.",
    }
    _write(tmp_path, "toy-000", [{"type": "ASSAULT", "actor": "ISR", "recipient": "PSE"}])
    assert set(load_labels(list(texts), tmp_path)) == {"toy-000"}
    report = evaluate(texts, tmp_path, show_errors=True, nlp=nlp)
    assert "1 annotated reports (1 without labels skipped)" in report
    assert "1 core event mentions" in report
    # a label the extractor cannot produce shows up as a miss with its words
    _write(tmp_path, "toy-000", [{"type": "AID", "actor": "ISR", "recipient": "PSE", "note": "x"}])
    report = evaluate(texts, tmp_path, show_errors=True, nlp=nlp)
    assert "FN AID/ISR/PSE [x]" in report
    assert "events, (type, actor country, recipient country) P / R / F1, per mention | 0.000" in (
        report
    )
