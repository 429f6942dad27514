"""How tests/gold/split.json was made (run once, before any rule was tuned on the new articles).

    python tests/gold/make_split.py            # prints the split it would write
    python tests/gold/make_split.py --write    # (re)writes split.json

The split is a fixed record: split.json is the source of truth, and later edits to the gold
files must not move an article between halves. Procedure (also in README.md):

1. The 13 articles annotated before issue 13 were looked at while the rules were written, so
   all of them go to `tuning`.
2. The other articles are stratified by whether they have at least one core (non-optional)
   event. Each stratum gets its share of `heldout` so that both halves end with about half of
   all articles and about half of the articles with events.
3. Outlet balance: an outlet that already has an article in `tuning` sends its new articles to
   `heldout`; an outlet with two new articles puts one in each half.
4. Within a stratum the remaining choices follow a shuffle with `random.Random(SEED)` over the
   article ids in sorted order.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 13
PRE_ISSUE_13 = {
    "156770d676ce7990", "1ace8c85aaee21b9", "360c732d1fdbfc68", "51d066b0602c9421",
    "57d46c9d751e3fd3", "6ebac05f637ece8a", "7de5241947a5f714", "921019755f4a96ac",
    "9e8c9f082a8d77c5", "ba4dfe2d3e817ff7", "c467d507551a836e", "cnn-putin-pyongyang-2024-06-19",
    "d90bda7ed14df195",
}  # fmt: skip


def make_split(seed: int = SEED) -> dict[str, str]:
    golds = {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(HERE.glob("*.json"))}
    golds.pop("split", None)
    has_events = {k: any(not e.get("optional") for e in g["events"]) for k, g in golds.items()}
    outlet = {k: g["outlet"] for k, g in golds.items()}
    split = {k: "tuning" for k in golds if k in PRE_ISSUE_13}
    rng = random.Random(seed)
    half = len(golds) // 2
    for stratum in (True, False):
        new = sorted(k for k in golds if k not in split and has_events[k] == stratum)
        rng.shuffle(new)
        total = sum(1 for k in golds if has_events[k] == stratum)
        tuning_quota = max(0, (total + 1) // 2 - sum(
            1 for k, h in split.items() if h == "tuning" and has_events[k] == stratum
        ))  # fmt: skip
        # outlets already in tuning, and the second new article of an outlet, go to heldout
        forced = []
        seen: set[str] = set()
        for k in new:
            tuned = any(outlet[o] == outlet[k] for o, h in split.items() if h == "tuning")
            if tuned or outlet[k] in seen:
                forced.append(k)
            seen.add(outlet[k])
        # the first of an outlet's pair is the first candidate for tuning, so the pair splits
        paired = {
            k
            for k in new
            if k not in forced
            and any(
                outlet[f] == outlet[k]
                for f in forced
                if not any(outlet[o] == outlet[f] for o, h in split.items() if h == "tuning")
            )
        }
        for k in sorted(new, key=lambda k: k not in paired):
            if k in forced:
                split[k] = "heldout"
            elif tuning_quota > 0 and sum(1 for h in split.values() if h == "tuning") < half:
                split[k] = "tuning"
                tuning_quota -= 1
            else:
                split[k] = "heldout"
    return dict(sorted(split.items()))


def main() -> int:
    split = make_split()
    record = {
        "seed": SEED,
        "procedure": "tests/gold/make_split.py (see README.md)",
        "articles": split,
    }
    counts = {h: sum(1 for v in split.values() if v == h) for h in ("tuning", "heldout")}
    print(json.dumps(counts))
    if "--write" in sys.argv:
        (HERE / "split.json").write_text(json.dumps(record, indent=1) + "\n")
    else:
        print(json.dumps(record, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
