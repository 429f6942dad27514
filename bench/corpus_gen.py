"""N distinct news pages made from the 85 bundled corpus pages, for benchmarks that need
text a process has not seen before (its vocabulary grows the way a real crawl's does).

Page i is corpus page (i mod 85) with one paragraph added to its article body: a few
sentences naming people, places and figures built from syllables seeded by i, so every page
brings new words (as real news brings new names), and the page is a distinct document.

    python -m bench.corpus_gen --pages 1000 --out /tmp/pages    # writes 00000.html, …
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_HTML = ROOT / "samples" / "corpus" / "html"
SYLLABLES = (
    "ka", "lo", "mir", "van", "tes", "dor", "bel", "ri", "sha", "qu", "zen", "pol", "tar", "ny",
    "gre", "sol", "vik", "ma", "ud", "ex", "bra", "fen", "hol", "is", "jun", "ko", "lem", "ost",
)  # fmt: skip


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def paragraph(i: int) -> str:
    """Sentences for page i: new names and figures, in the shapes news uses."""
    rng = random.Random(i)
    person = f"{_word(rng, 2)} {_word(rng, 3)}"
    other = f"{_word(rng, 2)} {_word(rng, 2)}"
    place = _word(rng, 3)
    group = f"{_word(rng, 2)} {rng.choice(('Party', 'Group', 'Council', 'Holdings'))}"
    amount = rng.randint(2, 950)
    return (
        f"{person}, a spokesperson for the {group}, said on Tuesday that {amount} people had "
        f'left {place} since the talks began. "We will meet {other} in {place} next week," '
        f"{person.split()[-1]} said, adding that the {group} had pledged ${amount} million."
    )


def corpus() -> list[bytes]:
    return [gzip.decompress(path.read_bytes()) for path in sorted(CORPUS_HTML.glob("*.gz"))]


def page(i: int, pages: list[bytes]) -> bytes:
    base = pages[i % len(pages)]
    marker = b"</p>"
    extra = f"</p>\n<p>{paragraph(i)}</p>\n<!-- newsflow generated page {i} -->".encode()
    at = base.find(marker)
    if at < 0:
        return base + extra
    return base[:at] + extra + base[at + len(marker) :]


def generate(count: int) -> Iterator[tuple[str, bytes]]:
    pages = corpus()
    for i in range(count):
        yield f"{i:05d}.html", page(i, pages)


def write(count: int, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in generate(count):
        path = out / name
        path.write_bytes(body)
        written.append(path)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    write(arguments.pages, arguments.out)
    sys.exit(0)
