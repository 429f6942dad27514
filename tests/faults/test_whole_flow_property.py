"""Property: whatever mix of good and bad inputs a run is given, every good input is stored
and every bad one has its own row with its reason; nothing else is written. Matrix row P1
(docs/reliability.md)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from faultkit import ingest, rows
from fetchsite import article_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SENTENCES = (
    "Officials in Geneva said on Tuesday that the talks would resume next week.",
    "President Emmanuel Macron met Chancellor Olaf Scholz in Paris.",
    "The central bank raised rates by a quarter point, its third increase this year.",
    "Residents of Lagos waited for hours as fuel queues stretched across the city.",
    "The company said it would cut 1,200 jobs after sales fell sharply in Asia.",
    "Rescue teams in Turkey pulled two more survivors from the rubble overnight.",
)
# name suffix -> (content, expected status, expected reason code)
BAD = {
    "empty.html": (b"", "failed", "empty"),
    "binary.txt": (bytes(range(256)) * 40, "failed", "binary"),
    "latin1.txt": ("Titre\n\nCaf\xe9 cr\xe8me br\xfbl\xe9e ".encode("latin-1") * 40, "failed",
                   "encoding"),
    "nav.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "skipped",
                 "no_article"),
    "broken.html.gz": (b"\x1f\x8b not really gzip", "failed", "bad_gzip"),
    "line.jsonl": (b"{not json\n", "failed", "malformed_json"),
    "surrogate.jsonl": (json.dumps({"title": "S", "text": "Paris \ud800 talks. " * 8}).encode()
                        + b"\n", "failed", "clean_error"),
    "nothing.jsonl": (b'{"url": "https://example.com/x"}\n', "failed", "no_content"),
}  # fmt: skip


@st.composite
def good_input(draw: st.DrawFn) -> tuple[str, bytes]:
    picked = draw(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=5))
    kind = draw(st.sampled_from(["txt", "html", "jsonl"]))
    title = f"Report on {picked[0].split()[2]}"
    if kind == "txt":
        return "story.txt", (title + "\n\n" + "\n\n".join(picked)).encode()
    if kind == "html":
        return "story.html", article_html(title, paragraphs=len(picked) + 2).encode()
    record = {"url": None, "title": title, "text": " ".join(picked)}
    return "story.jsonl", (json.dumps(record) + "\n").encode()


bad_input = st.sampled_from(sorted(BAD)).map(lambda name: (name, BAD[name][0]))


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(st.one_of(good_input(), bad_input), min_size=1, max_size=7))
def test_every_good_input_is_stored_and_every_bad_one_has_its_row(inputs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        expected: dict[str, tuple[str, str]] = {}
        for number, (name, content) in enumerate(inputs):
            file = folder / f"{number:02d}-{name}"
            file.write_bytes(content)
            key = file.name + ("#L1" if name.endswith(".jsonl") else "")
            expected[key] = BAD[name][1:] if name in BAD else ("new", "")
        db = Path(tmp) / "mixed.duckdb"
        ingest(db, [folder])
        found = {
            name: (status, reason)
            for name, status, reason in rows(
                db,
                "SELECT regexp_extract(uri, '[^/]+$'), status, "
                "coalesce(split_part(reason, ':', 1), '') FROM run_items",
            )
        }
        assert found == expected
        good = sum(1 for status, _ in expected.values() if status == "new")
        assert rows(db, "SELECT count(*), count(DISTINCT article_id) FROM articles") == [
            (good, good)
        ]
        assert rows(db, "SELECT state FROM runs") == [
            ("completed" if good == len(expected) else "completed_with_failures",)
        ]
