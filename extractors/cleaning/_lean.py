"""The page as kept for reprocessing: the raw HTML without what no extractor reads.

A news page is mostly code: on the 85 corpus pages, inline scripts, style sheets and comments
are ~60 % of the gzip-compressed bytes. Kept in `documents`, they cost disk and, at every close
of the store, the memory DuckDB spends rewriting the rows since its last full row group
(bench/results/issue14.md, round 14). What is dropped, and why cleaning the lean page gives
the same article:

- comments: trafilatura's parser drops them, and htmldate reads trafilatura's tree;
- `<style>` elements: no reader looks into a style sheet (trafilatura removes them before
  extracting; a date in CSS is no publication date);
- `<script>` elements other than JSON-LD and `application/settings+json` (the only scripts
  trafilatura and htmldate read), but only when the article's date came from JSON-LD or a
  meta tag: htmldate reads those before its last-resort search of the whole page's markup,
  which can find a date inside a script (a `dataLayer` line) on a page without them.

The bytes are cut only at tags (ASCII), so a page valid as UTF-8 or declaring an
ASCII-compatible charset decodes as before; any other page is kept exactly.
"""

from __future__ import annotations

import re

from .._documents import Article, RawDocument
from ._decoding import declared_charset

# Where a comment or a script or style element opens, found in the lowercased page; their
# ends are found with bytes.find (a lazy regex over long scripts costs more than the gzip
# the cut saves).
_OPENING = re.compile(rb"<!--|<(script|style)(?=[\s/>])")
_DATA_SCRIPT = re.compile(rb"""type\s*=\s*["']?\s*application/(?:ld|settings)\+json""", re.I)
_DATE_FROM_HEAD = frozenset({"jsonld", "meta"})
_WIDE_CHARSETS = ("utf-16", "utf-32", "utf_16", "utf_32")


def _ascii_safe(raw: RawDocument) -> bool:
    """Whether cutting the bytes at ASCII tags leaves them decoding as they did."""
    try:
        raw.content.decode("utf-8")
        return True
    except UnicodeDecodeError:
        declared = declared_charset(raw.content, raw.content_type)
        return declared is not None and not declared.startswith(_WIDE_CHARSETS)


def lean_page(raw: RawDocument, article: Article | None) -> bytes | None:
    """The page without the parts no extractor reads, or None to keep the input as it is
    (not HTML, no article cleaned from it, an encoding the cut could change, nothing cut)."""
    if raw.kind != "html" or article is None or not _ascii_safe(raw):
        return None
    drop_scripts = article.field_sources.get("published") in _DATE_FROM_HEAD

    content = raw.content
    lower = content.lower()
    parts = []
    at = 0  # bytes before `at` are decided
    found = _OPENING.search(lower)
    while found is not None:
        start = found.start()
        if lower.rfind(b"<", 0, start) > lower.rfind(b">", 0, start):
            found = _OPENING.search(lower, start + 1)  # inside a tag's attribute: text
            continue
        element = found.group(1)
        if element is None:  # a comment, as far as its end
            end = lower.find(b"-->", start + 4)
            end = end + 3 if end >= 0 else -1
            drop = True
        else:
            opened = lower.find(b">", start)
            closing = lower.find(b"</" + element, opened) if opened >= 0 else -1
            end = lower.find(b">", closing) + 1 if closing >= 0 else 0
            end = end if end > 0 else -1
            drop = element == b"style" or (
                drop_scripts and not _DATA_SCRIPT.search(lower, start, opened)
            )
        if end < 0:  # never closed: the rest of the page is as the parser sees it
            break
        if drop:
            parts.append(content[at:start])
            at = end
        found = _OPENING.search(lower, end)
    if not parts:
        return None
    parts.append(content[at:])
    return b"".join(parts)
