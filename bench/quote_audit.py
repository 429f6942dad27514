"""Quote speakers on text no rule was written on: every quote newsflow makes on unannotated
text (by default the Lee corpus's news reports, see `bench.audit_texts`), with its speaker,
and every passage in quotation marks that newsflow makes no quote for, printed so a person can
judge them and scored against the labels a person wrote (`bench/results/quote_audit_lee.json`).

    python -m bench.quote_audit --texts /work/lee/lee_background.cor --part A
    python -m bench.quote_audit --texts ... --part A --score     # speaker P and R only
    python -m bench.quote_audit --texts ... --part A --new PATH  # unlabelled rows to label

A row is keyed by article id and the opening 60 characters of the quote's text (whitespace
collapsed), so a later run re-scores the quotes it still makes. Labels of a quote: "right"
(the speaker, or no speaker when the text names no one); "wrong speaker" and "no speaker"
(the text names one), both with `want`; "not a quote" (a title, a term, a scare quote). A
passage the text sets in quotation marks that newsflow makes no quote for (found by the marks
alone: an opening mark follows a space and precedes a word) is "missed" with `want` (null when
the text names no one) or "not a quote". Every label carries `want`, the speaker's canonical
name (null when the text names no one), and a run is judged by it, not by the label it had
when judged: a quote whose speaker changes is right or wrong by `want`, a passage once missed
that a run makes is judged as a quote. Speaker precision: right quotes with a speaker over
quotes with a speaker; recall: right quotes with a speaker over the labelled rows whose `want`
is a speaker ("not a quote" left out).

Never reads the gold set; `--part B` is the check, judged once after the rules are final.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench import audit_texts
from bench.event_audit import PUBLISHED, write_unlabelled

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "results" / "quote_audit_lee.json"
RIGHT = "right"
KINDS = (RIGHT, "wrong speaker", "no speaker", "not a quote", "missed")
_MARK = re.compile('["“”«»]')


def label_key(article: str, quoted: str) -> str:
    return f"{article}|{' '.join(quoted.split())[:60]}"


def passages(text: str) -> list[tuple[int, str]]:
    """(start, words) of each passage of three or more words in quotation marks, read off the
    marks alone: a mark after a space (or at the start) and before a word opens a passage,
    which runs to the next mark or line break (a quote that runs over paragraphs restarts with
    each paragraph's opening mark, as newswire sets it)."""
    found = []
    marks = list(_MARK.finditer(text))
    for n, mark in enumerate(marks):
        i = mark.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if mark.group() in "”»" or not (before.isspace() or before in "([—-") or after.isspace():
            continue
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        newline = text.find("\n", i, end)
        words = " ".join(text[i + 1 : end if newline < 0 else newline].split())
        if len(words.split()) >= 3:  # closing punctuation dropped, as a quote's text is
            found.append((i + 1, words.rstrip(",;:").rstrip()))
    return found


def _path(quote: Any) -> str:
    """What resolved the speaker, as far as the quote tells: its reporting verb, an outlet,
    or neither (a continuation, a lead-in, an adjacent quote)."""
    if quote.speaker_text is None:
        return "none"
    if quote.verb:
        return f"verb:{quote.verb}"
    return "outlet" if quote.outlet_text else "no verb"


def audit_rows(texts: dict[str, str], nlp: Any = None) -> list[dict[str, Any]]:
    """One row per quote newsflow makes, then one per passage in quotation marks that no
    quote starts with, in text order per article."""
    from newsflow.extractors.nlp import enrich, load_model

    nlp = nlp or load_model()
    rows: list[dict[str, Any]] = []
    for (article, text), doc in zip(texts.items(), nlp.pipe(texts.values()), strict=True):
        enrichment = enrich(doc, PUBLISHED)
        found = []
        for quote in enrichment.quotes:
            record = enrichment.entity(quote.speaker_entity_id)
            sentence = doc.char_span(quote.start_char, quote.end_char, alignment_mode="expand")
            context = sentence.sent.text if sentence is not None else ""
            found.append((quote.start_char, {
                "key": label_key(article, quote.text),
                "article": article,
                "kind": "quote",
                "quote": " ".join(quote.text.split())[:120],
                "speaker": quote.speaker_text,
                "entity": record.name if record is not None else None,
                "outlet": quote.outlet_text,
                "path": _path(quote),
                "sentence": " ".join(context.split())[:300],
            }))  # fmt: skip
        openings = [" ".join(q.text.split())[:30] for q in enrichment.quotes]
        for start, words in passages(text):
            if any(o.startswith(words[:30]) or words.startswith(o) for o in openings if o):
                continue
            found.append((start, {
                "key": label_key(article, words),
                "article": article,
                "kind": "passage",
                "quote": words[:120],
                "speaker": None,
                "entity": None,
                "outlet": None,
                "path": "no quote",
                "sentence": text[max(start - 150, 0) : start + 150].replace("\n", " / "),
            }))  # fmt: skip
        rows.extend(row for _, row in sorted(found, key=lambda pair: pair[0]))
    return rows


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    import json

    if not path.exists():
        return {}
    return {row["key"]: row for row in json.loads(path.read_text("utf-8"))["quotes"]}


def verdict(row: dict[str, Any], label: dict[str, Any]) -> str:
    """The row judged by its label's `want` (the speaker's canonical name, or null when the
    text names no one), so a run that changes a labelled quote's speaker is judged anew."""
    want = label.get("want")
    if label["label"] == "not a quote":
        return "not a quote"
    if row["kind"] == "passage":
        return "missed"
    if row["speaker"] is None:
        return RIGHT if want is None else "no speaker"
    return RIGHT if want in {row["entity"], row["speaker"]} else "wrong speaker"


def score(rows: list[dict[str, Any]], labels: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Speaker precision and recall over the labelled rows (see the module docstring)."""
    verdicts: Counter[str] = Counter()
    right = with_speaker = wanted = unlabelled = 0
    for row in rows:
        label = labels.get(row["key"])
        if label is None or label["label"] == "?":
            unlabelled += 1
            continue
        found = verdict(row, label)
        verdicts[found] += 1
        has = row["kind"] == "quote" and row["speaker"] is not None
        with_speaker += has
        right += has and found == RIGHT
        wanted += found != "not a quote" and label.get("want") is not None
    p = right / with_speaker if with_speaker else 0.0
    r = right / wanted if wanted else 0.0
    print(f"\nrows {len(rows)}, unlabelled {unlabelled}; " + ", ".join(
        f"{k} {verdicts[k]}" for k in KINDS
    ))  # fmt: skip
    print(f"speakers: right {right}, with a speaker {with_speaker}, wanted {wanted};"
          f" P {p:.3f} R {r:.3f}")  # fmt: skip
    return {"precision": p, "recall": r, "right": right}


def show(rows: list[dict[str, Any]], labels: dict[str, dict[str, Any]]) -> None:
    """Each row as judged by its label ("?" unlabelled), with the speaker it wants."""
    for row in rows:
        label = labels.get(row["key"])
        judged = "?" if label is None or label["label"] == "?" else verdict(row, label)
        want = f" want={label['want']!r}" if label and judged != RIGHT else ""
        print(f"[{judged}{want}] {row['article']} {row['kind']} {row['path']}"
              f" | {row['speaker']!r} = {row['entity']!r} outlet={row['outlet']!r}"
              f"\n    Q: {row['quote']}\n    S: {row['sentence']}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.quote_audit")
    audit_texts.add_arguments(parser)
    parser.add_argument("--labels", type=Path, default=LABELS, help="the labels file")
    parser.add_argument("--new", type=Path, help="write the unlabelled rows here to label")
    parser.add_argument("--score", action="store_true", help="speaker P and R only")
    args = parser.parse_args(argv)
    texts = audit_texts.texts_from(args)
    if texts is None:
        parser.error("--texts PATH is required (python -m bench.audit_texts --fetch DIR)")
    rows = audit_rows(texts)
    labels = load_labels(args.labels)
    if not args.score:
        show(rows, labels)
    if args.new:
        unlabelled = {r["key"]: r for r in rows if r["key"] not in labels}
        write_unlabelled(
            args.new, "quotes", [{**r, "label": "?", "want": None} for r in unlabelled.values()]
        )
    score(rows, labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
