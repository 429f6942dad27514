"""Prove that a speed change to the enrichment leaves every output as it was: run `enrich` over
every gold text, every page of `../shared/corpus/dev/` (its true body and what `clean` makes of
its HTML) and `samples/` (the corpus' true bodies, the sample articles), dump a canonical JSON
of each `Enrichment` (entities, aliases, mentions, dates, quotes, amounts, events, with their
rule ids), and compare two dumps.

    # the tree whose `.venv` runs it is the code measured (its editable `newsflow`)
    /work/main/.venv/bin/python bench/enrichment_identity.py --dump /tmp/main.json
    .venv/bin/python bench/enrichment_identity.py --dump /tmp/branch.json
    .venv/bin/python bench/enrichment_identity.py --diff /tmp/main.json /tmp/branch.json

Standalone on purpose (imports only `newsflow` of the running interpreter), so another tree's
interpreter can run this file as it is. Prints the number of texts and of differing texts;
`--diff` exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
PUBLISHED = date(2019, 11, 19)


def texts() -> dict[str, str]:
    """Every text enriched, by a stable name."""
    found: dict[str, str] = {}
    samples_truth = json.loads((ROOT / "samples/corpus/ground-truth.json").read_text("utf-8"))
    for path in sorted((ROOT / "tests/gold").glob("*.json")):
        if path.name == "split.json":
            continue
        gold = json.loads(path.read_text("utf-8"))
        if gold["source"].endswith("ground-truth.json"):
            found[f"gold/{path.stem}"] = samples_truth[gold["id"]]["articleBody"]
        else:
            found[f"gold/{path.stem}"] = (ROOT / gold["source"]).read_text("utf-8")
    for key, item in sorted(samples_truth.items()):
        found[f"samples/{key}"] = item["articleBody"]
    for path in sorted((ROOT / "samples/articles").glob("*.txt")):
        found[f"samples/{path.name}"] = path.read_text("utf-8")
    if DEV.exists():
        from newsflow.extractors import RawDocument
        from newsflow.extractors.cleaning import clean

        truth = json.loads((DEV / "ground-truth.json").read_text("utf-8"))
        for key, item in sorted(truth.items()):
            found[f"dev/{key}/body"] = item["articleBody"]
            page = DEV / "html" / f"{key}.html.gz"
            if page.exists():
                content = gzip.decompress(page.read_bytes())
                raw = RawDocument(uri=item["url"], content=content, kind="html", source_uri="dev")
                result = clean(raw)
                if result.article is not None and result.article.text:
                    found[f"dev/{key}/clean"] = result.article.text
    return found


def canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str | int | bool) or value is None:
        return value
    return str(value)


def dump(out: Path) -> int:
    from newsflow.extractors.nlp import enrich, load_model

    nlp = load_model()
    named = texts()
    names = list(named)
    results = {}
    for name, doc in zip(names, nlp.pipe(named[n] for n in names), strict=True):
        results[name] = canonical(enrich(doc, PUBLISHED))
    out.write_text(json.dumps(results, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"{len(results)} texts enriched by {Path(enrich.__code__.co_filename).parent}")
    print(f"written to {out}")
    return 0


def diff(before: Path, after: Path) -> int:
    old = json.loads(before.read_text("utf-8"))
    new = json.loads(after.read_text("utf-8"))
    differing = sorted(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))
    for name in differing[:20]:
        print(f"differs: {name}")
    print(f"{len(old.keys() | new.keys())} texts, {len(differing)} differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/enrichment_identity.py")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--dump", type=Path, help="enrich every text, write the canonical JSON")
    group.add_argument("--diff", type=Path, nargs=2, help="compare two dumps")
    args = parser.parse_args(argv)
    return dump(args.dump) if args.dump else diff(*args.diff)


if __name__ == "__main__":
    sys.exit(main())
