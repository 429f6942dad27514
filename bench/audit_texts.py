"""Unannotated politics and conflict news for the audits: the Lee corpus (Lee, Pincombe and
Welsh 2005; 349 Australian Broadcasting Corporation reports of 2001-2002, one per line), which
gensim's wheel on PyPI ships as test data. The gold set's held-out half is politics and
conflict; the repository's unannotated corpus pages are mostly science, business and sport, so
a rule judged only on them says little about the held-out half. These texts are neither gold
nor repository pages: the audits (`bench.event_audit`, `bench.country_audit`) read them with
`--texts`, and their labels are committed, never the texts.

    python -m bench.audit_texts --fetch DIR    # pip download gensim's wheel, keep the two files

Then `python -m bench.event_audit --texts DIR/lee_background.cor --part A`. `--part A` is the
even lines (write rules on these), `B` the odd lines (judge a rule's effect once, after).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

GENSIM = "gensim==4.3.3"  # any wheel carries the files; one pinned so labels stay keyed
MEMBERS = ("gensim/test/test_data/lee_background.cor", "gensim/test/test_data/lee.cor")
PARTS = ("A", "B", "all")


def text_lines(path: Path, part: str = "all") -> dict[str, str]:
    """{id: text} of a file of one document per line; the id is the file's stem and the
    line's number ("lee_background-007"). `part` A keeps the even lines, B the odd ones."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # lee.cor is ISO-8859-1
    found = {}
    for n, line in enumerate(text.splitlines()):
        if not line.strip() or (part == "A" and n % 2) or (part == "B" and not n % 2):
            continue
        found[f"{path.stem}-{n:03d}"] = " ".join(line.split())
    return found


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--texts", type=Path, help="audit this one-document-per-line file instead of the corpus"
    )
    parser.add_argument("--part", choices=PARTS, default="all", help="lines of --texts to read")


def texts_from(args: argparse.Namespace) -> dict[str, str] | None:
    """The `--texts` documents, or None for the audit's own pages."""
    if args.texts is None:
        return None
    if not args.texts.exists():
        sys.exit(f"{args.texts}: no such file; get it with python -m bench.audit_texts --fetch DIR")
    return text_lines(args.texts, args.part)


def fetch(folder: Path) -> list[Path]:
    """Download gensim's wheel from PyPI (no install) and keep the Lee corpus files."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
             "--python-version", "3.11", "--platform", "manylinux2014_x86_64",
             "--dest", tmp, GENSIM],
            check=True,
        )  # fmt: skip
        (wheel,) = Path(tmp).glob("*.whl")
        kept = []
        with zipfile.ZipFile(wheel) as archive:
            for member in MEMBERS:
                target = folder / Path(member).name
                target.write_bytes(archive.read(member))
                kept.append(target)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.audit_texts")
    parser.add_argument("--fetch", type=Path, required=True, help="folder to keep the files in")
    args = parser.parse_args(argv)
    for path in fetch(args.fetch):
        print(f"{path}: {len(text_lines(path))} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
