"""Where the countries of entities go wrong, per fold of the tuning half, and how precise each
candidate source of a person's country is when the text gives no evidence.

    python -m bench.entity_countries --fold A          # errors of fold A, sources per fold
    python -m bench.entity_countries --fold A --fold B # both folds

The tuning texts are parsed once and kept in /tmp (DocBin, keyed by the model and the texts);
every run after the first only enriches. Never run on the held-out half (it is not offered).
For every matched gold entity (as `bench.enrichment_quality` matches them, name and coarse
type) it prints the gold and the predicted country; for PEOPLE it also scores the candidate
sources of a default country: the Phoenix actor dictionary (`dictionary_country`), the
article's domestic country (dateline, else home), the country the store would know
(not available offline: the gold country of the same name in another tuning article), and
None. A source's precision is counted over the people it fires on: right when it equals the
gold country, wrong when it differs (a gold None counts as wrong: spurious).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from bench.enrichment_quality import COARSE, _entity_pairs, load_gold, norm, tuning_fold

CACHE = Path("/tmp/newsflow_13c_docs")


def parsed(nlp: Any, golds: list[dict[str, Any]]) -> list[Any]:
    from spacy.tokens import DocBin

    digest = hashlib.sha1(
        (nlp.meta["version"] + "".join(g["text"] for g in golds)).encode()
    ).hexdigest()[:12]
    path = CACHE / f"{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(g["text"] for g in golds))
    CACHE.mkdir(exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def audit(folds: list[str], verbose: bool) -> None:
    from newsflow.extractors.nlp import (
        clean_mentions,
        dictionary_country,
        enrich,
        load_model,
        resolve_entities,
    )

    nlp = load_model()
    golds = load_gold("tuning")
    docs = parsed(nlp, golds)
    fold_of = {key: fold for fold in ("A", "B") for key in tuning_fold(fold)}
    # the store's knowledge, offline: a person's gold country in the other tuning articles
    gold_people: dict[str, Counter[str]] = {}
    for gold in golds:
        for entity in gold["entities"]:
            if entity["type"] == "PERSON" and entity.get("country"):
                gold_people.setdefault(norm(entity["name"]), Counter())[entity["country"]] += 1
    for fold in folds:
        right = total = spurious = 0
        sources: dict[str, Counter[str]] = {}
        errors: Counter[str] = Counter()
        for gold, doc in zip(golds, docs, strict=True):
            if fold_of[gold["key"]] != fold:
                continue
            entities = resolve_entities(doc, clean_mentions(doc))  # for `domestic`
            records = list(enrich(doc, date.fromisoformat(gold["published"])).entities)
            pred = [(norm(r.name), COARSE[r.type], r.country) for r in records if r.type in COARSE]
            kept = [r for r in records if r.type in COARSE]
            wanted = [e for e in gold["entities"] if e["type"] in COARSE]
            for i, j in _entity_pairs(pred, wanted, with_type=False):
                entity, record = wanted[j], kept[i]
                want = entity.get("country")
                if want:
                    total += 1
                    right += record.country == want
                elif record.country:
                    spurious += 1
                if record.country != want and (want or verbose):
                    errors[entity["type"]] += 1
                    print(
                        f"{fold} {gold['key'][:8]} {entity['type']:6}>{record.type:6}"
                        f" {entity['name'][:36]:36} gold={want} pred={record.country}"
                    )
                if record.entity_id in entities.guessed:
                    # an organisation given the story's country without evidence of its own
                    verdict = "right" if record.country == want else "wrong"
                    sources.setdefault("organisation guessed", Counter())[verdict] += 1
                if entity["type"] != "PERSON":
                    continue
                candidates = {
                    "dictionary": dictionary_country(record.name, "PERSON"),
                    "domestic": entities.domestic,
                    "store": None,
                    "predicted": record.country,
                }
                others = gold_people.get(norm(entity["name"]), Counter()).copy()
                if want:
                    others[want] -= 1
                if +others:
                    candidates["store"] = (+others).most_common(1)[0][0]
                for source, value in candidates.items():
                    if value:
                        verdict = "right" if value == want else "wrong"
                        sources.setdefault(source, Counter())[verdict] += 1
                if not want:
                    sources.setdefault("none", Counter())["right"] += 1
                else:
                    sources.setdefault("none", Counter())["wrong"] += 1
                if record.country is None:
                    for source, value in candidates.items():
                        if value and source != "predicted":
                            sources.setdefault(f"{source} on unplaced", Counter())[
                                "right" if value == want else "wrong"
                            ] += 1
                    if verbose:
                        first = next(
                            (
                                m
                                for n, m in enumerate(entities.mentions)
                                if entities.entity_of[n] == record.entity_id
                            ),
                            None,
                        )
                        if first is None:
                            continue
                        sentence = doc[first.start].sent.text.replace("\n", " ")[:150]
                        print(f"  unplaced {record.name} gold={want}: {sentence}")
        print(f"fold {fold}: country {right}/{total} spurious {spurious}; errors {dict(errors)}")
        for source, counts in sorted(sources.items()):
            fired = counts["right"] + counts["wrong"]
            print(
                f"  source {source:24} fires {fired:3} right {counts['right']:3}"
                f" precision {counts['right'] / fired if fired else 0:.3f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.entity_countries")
    parser.add_argument("--fold", choices=("A", "B"), action="append", required=True)
    parser.add_argument("--verbose", action="store_true", help="also spurious countries")
    args = parser.parse_args(argv)
    audit(args.fold, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
