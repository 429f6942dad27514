"""Why the event rules miss: every core gold event mention of the tuning folds that no
prediction consumed, with the trigger candidates of its sentence and the guard of
`_events._Extractor.run` that dropped each; and, over the tuning texts and the unannotated
pages (`../shared/corpus/dev/` and `samples/corpus` bodies that are no gold article), how many
verbs with a CAMEO pattern (`/work/shared/dictionaries/petrarch2/CAMEO.2.0.txt` blocks) the
rules never turn into an event, by that guard.

    python -m bench.event_misses            # tuning folds and unannotated pages
    python -m bench.event_misses --misses   # the missed mentions only

The guard is the source line of `run` on which a candidate token's iteration ended (a
`continue`), found by tracing the loop; "event" when the token made an event. Never run on the
held-out half: only tuning texts are scored, and gold articles of either half are left out of
the unannotated pages.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from bench.enrichment_quality import (
    FOLDS,
    Key,
    gold_mentions,
    load_gold,
    tuning_fold,
)
from bench.events_by_rule import outcomes

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def traced_enrich(nlp_doc: Any, published: date | None) -> tuple[Any, dict[int, int]]:
    """The enrichment of one doc and {token index: last line of `run`'s loop it reached}."""
    from newsflow.extractors.nlp import _events, enrich

    code = _events._Extractor.run.__code__
    source = Path(_events.__file__).read_text("utf-8").splitlines()
    loop = next(n for n, text in enumerate(source, 1) if "for token in all_tokens(" in text)
    last: dict[int, int] = {}

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line" and frame.f_lineno != loop:
            token = frame.f_locals.get("token")
            if token is not None and hasattr(token, "i"):
                entry = frame.f_locals.get("entry", 0)
                last[token.i] = -frame.f_lineno if entry is None else frame.f_lineno
        return local

    def outer(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code is code else None

    sys.settrace(outer)
    try:
        enrichment = enrich(nlp_doc, published)
    finally:
        sys.settrace(None)
    return enrichment, last


def guard_text(line: int) -> str:
    """The guard's line and the comment that says why; a negative line: no trigger there."""
    from newsflow.extractors.nlp import _events

    if line < 0:
        return "no trigger (neither the lexicon nor a CAMEO pattern codes it)"

    lines = Path(_events.__file__).read_text("utf-8").splitlines()
    text = lines[line - 1].strip()
    # the comment after a `continue` says why
    after = text.split("#", 1)[1].strip() if "#" in text else ""
    if not after and line < len(lines) and lines[line].strip().startswith("#"):
        after = lines[line].strip("# ").strip()
    return f"L{line} {after[:60]}".strip()


def plain(text: str) -> str:
    """Casefolded words without quotation marks, to find a gold sentence by its opening."""
    for mark in "\"'“”‘’":
        text = text.replace(mark, "")
    return " ".join(text.casefold().split())


def candidates(doc: Any) -> list[Any]:
    from newsflow.extractors.nlp import _plover_lexicon, cameo_patterns

    verbs = cameo_patterns()
    return [
        t
        for t in doc
        if t.pos_ in {"VERB", "NOUN"}
        and (
            _plover_lexicon.lookup(t.lemma_, t.pos_)
            or _plover_lexicon.lookup(t.lower_, t.pos_)
            or (t.pos_ == "VERB" and t.lemma_.lower() in verbs)
        )
    ]


def pattern_kind(token: Any) -> str:
    """What the CAMEO dictionary makes of a verb token's parse (its nsubj as the subject)."""
    from newsflow.extractors.nlp import _cameo_patterns, _plover_lexicon

    found = _cameo_patterns.match(
        token, next((c for c in token.children if c.dep_ == "nsubj"), None)
    )
    if found is not None:
        return "a pattern coded with a type" if found.type else "a pattern coded --- (no event)"
    entry = _plover_lexicon.lookup(token.lemma_, token.pos_)
    if entry is not None:
        return f"no pattern, but the verb is a trigger ({'CAMEO' if entry.cameo else 'lexicon'})"
    return "no pattern of its block matches, the verb alone codes nothing"


class Unmade:
    """Tallies of the verbs with a CAMEO block that made no event: by the guard that last
    dropped them, by what the dictionary makes of their parse, and by lemma and guard."""

    def __init__(self, cameo_verbs: dict[str, Any]) -> None:
        self.cameo_verbs = cameo_verbs
        self.unmade: Counter[str] = Counter()
        self.why: Counter[str] = Counter()
        self.lemmas: Counter[tuple[str, str]] = Counter()
        self.guards: Counter[tuple[str, str]] = Counter()

    def count(self, doc: Any, made: set[int], last: dict[int, int], where: str) -> int:
        """Tally the doc's CAMEO verbs whose token starts no event; return how many it has."""
        seen = 0
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.lower() in self.cameo_verbs:
                seen += 1
                if token.i not in made:
                    guard, kind = guard_text(last.get(token.i, 0)), pattern_kind(token)
                    self.unmade[f"{where} {guard}"] += 1
                    self.why[kind] += 1
                    self.lemmas[(kind, token.lemma_.lower())] += 1
                    self.guards[(kind, guard)] += 1
        return seen


def unannotated_texts() -> dict[str, str]:
    gold_keys = {p.stem for p in (ROOT / "tests/gold").glob("*.json")}
    found: dict[str, str] = {}
    for path in (DEV / "ground-truth.json", ROOT / "samples/corpus/ground-truth.json"):
        if not path.exists():
            continue
        for key, item in sorted(json.loads(path.read_text("utf-8")).items()):
            if key[:16] in gold_keys or key in found:
                continue
            found[key] = item["articleBody"]
    return found


def main(argv: list[str] | None = None) -> int:
    import argparse

    from newsflow.extractors.nlp import cameo_patterns, load_model

    parser = argparse.ArgumentParser(prog="python -m bench.event_misses")
    parser.add_argument("--misses", action="store_true", help="the missed mentions only")
    args = parser.parse_args(argv)
    nlp = load_model()
    golds = load_gold("tuning")
    fold_of = {key: fold for fold in FOLDS for key in tuning_fold(fold)}
    tally = Unmade(cameo_patterns())
    unmade, why, lemmas, guards = tally.unmade, tally.why, tally.lemmas, tally.guards
    verbs_seen = 0
    for doc, gold in zip(nlp.pipe(g["text"] for g in golds), golds, strict=True):
        enrichment, last = traced_enrich(doc, date.fromisoformat(gold["published"]))
        events = [e for e in enrichment.events if e.modality != "denied"]
        keys: list[Key] = [
            (e.type, e.actor_country or "", e.recipient_country or "") for e in events
        ]
        mentions = gold_mentions(gold["events"])
        found, consumed = outcomes(keys, mentions)
        made = {doc.char_span(e.start_char, e.end_char, alignment_mode="expand").start: e
                for e in enrichment.events}  # fmt: skip
        rows = [e for e in gold["events"] for _ in range(1 + bool(e.get("reciprocal")))]
        for j, (mention, row) in enumerate(zip(mentions, rows, strict=True)):
            if j in consumed or mention.optional:
                continue
            opening = plain(str(row.get("sentence", "")))[:25]
            sentence = next((s for s in doc.sents if plain(s.text).startswith(opening)), None)
            print(f"\n{fold_of[gold['key']]} {gold['key'][:8]} MISSED {mention.key}"
                  f" alts={sorted(mention.alternatives)} {row.get('note')!r}")  # fmt: skip
            if sentence is None:
                print("   (sentence not found)")
                continue
            print("   |", " ".join(sentence.text.split())[:200])
            for token in candidates(sentence):
                if token.i in made:
                    e = made[token.i]
                    what = f"event {e.type} {e.actor_country}->{e.recipient_country} {e.rule_id}"
                    what += f" [{e.actor_text}|{e.recipient_text}] {e.modality}"
                else:
                    what = guard_text(last[token.i]) if token.i in last else "not reached"
                print(f"   {token.text}/{token.lemma_}/{token.pos_}/{token.dep_}: {what}")
            for e, key, outcome in zip(events, keys, found, strict=True):
                if sentence.start_char <= e.start_char < sentence.end_char:
                    print(f"   predicted {key} {outcome} {e.rule_id} {e.trigger!r}")
        verbs_seen += tally.count(doc, set(made), last, "tuning")
    if not args.misses:
        texts = unannotated_texts()
        for doc in nlp.pipe(texts.values()):
            enrichment, last = traced_enrich(doc, date(2019, 11, 19))
            made_at = {
                doc.char_span(e.start_char, e.end_char, alignment_mode="expand").start
                for e in enrichment.events
            }
            verbs_seen += tally.count(doc, made_at, last, "pages")
        print(f"\nverbs with a CAMEO pattern: {verbs_seen} (tuning texts + {len(texts)} pages);"
              f" no event: {sum(unmade.values())}")  # fmt: skip
        for guard, n in unmade.most_common(40):
            print(f"{n:5d} {guard}")
        print("\nby what the CAMEO dictionary says of the verb's parse:")
        for kind, n in why.most_common():
            print(f"{n:5d} {kind}")
            top = [(lemma, m) for (k, lemma), m in lemmas.most_common() if k == kind][:15]
            print("      " + ", ".join(f"{lemma} {m}" for lemma, m in top))
            ends = [(guard, m) for (k, guard), m in guards.most_common() if k == kind][:4]
            print("      " + "; ".join(f"{guard} {m}" for guard, m in ends))
    return 0


if __name__ == "__main__":
    sys.exit(main())
