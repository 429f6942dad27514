"""An article's text as HTML with its entities, dates, quotes, amounts and events marked."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # entity | date | quote | amount | event
    label: str  # what a tooltip says
    css: str  # extra classes (entity type, the focused event)
    anchor: str | None = None  # element id for the first piece of the span


def spans_of(article: dict[str, Any], focus_event: int | None = None) -> list[Span]:
    """The marked spans of an article as `storage.explore.article` returns it."""
    spans = []
    for m in article["entities"]:
        country = f" ({m['entity_country']})" if m["entity_country"] else ""
        spans.append(Span(m["start_char"], m["end_char"], "entity",
                          f"{m['label']}: {m['entity_name']}{country}",
                          f"nf-ent-{m['label'].lower()}"))  # fmt: skip
    for d in article["dates"]:
        spans.append(Span(d["start_char"], d["end_char"], "date",
                          f"date: {d['value']} ({d['precision']})", ""))  # fmt: skip
    for q in article["quotes"]:
        who = q["speaker"] or "unknown speaker"
        via = f", via {q['outlet']}" if q["outlet"] else ""
        spans.append(Span(q["start_char"], q["end_char"], "quote",
                          f"quote: {who} ({q['verb'] or '?'}){via}", ""))  # fmt: skip
    for a in article["amounts"]:
        spans.append(Span(a["start_char"], a["end_char"], "amount",
                          f"amount: {a['value']:g} {a['unit'] or ''} {a['object'] or ''}".strip(),
                          ""))  # fmt: skip
    for e in article["events"]:
        who = f"{e['actor'] or '?'} → {e['recipient'] or '?'}"
        focused = " nf-focus" if e["event_index"] == focus_event else ""
        spans.append(Span(e["start_char"], e["end_char"], "event",
                          f"event {e['type']}{'/' + e['mode'] if e['mode'] else ''}: {who}, "
                          f"{e['modality']}, rule {e['rule_id']}",
                          focused.strip(), f"event-{e['event_index']}"))  # fmt: skip
    return [s for s in spans if 0 <= s.start < s.end]


def marked_html(text: str, spans: Iterable[Span]) -> str:
    """`text` escaped, with every span's characters wrapped in <span class="nf-KIND …">.

    Spans may overlap (an entity inside a quote): the text is cut at every span boundary and
    each piece carries the classes and tooltips of all spans that cover it.
    """
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    out = []
    anchored: set[str] = set()
    for begin, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s.start <= begin and end <= s.end]
        piece = html.escape(text[begin:end])
        if not covering:
            out.append(piece)
            continue
        classes = " ".join(
            dict.fromkeys(c for s in covering for c in (f"nf-{s.kind}", *s.css.split()) if c)
        )
        title = html.escape(" | ".join(dict.fromkeys(s.label for s in covering)), quote=True)
        anchor = ""
        for s in covering:
            if s.anchor and s.anchor not in anchored:
                anchored.add(s.anchor)
                anchor = f' id="{s.anchor}"'
                break
        out.append(f'<span class="{classes}" title="{title}"{anchor}>{piece}</span>')
    return "".join(out)


def snippet_html(pieces: list[tuple[str, bool]]) -> str:
    """A search snippet (`storage.explore.snippet`) with the matching words in <mark>."""
    return "".join(
        f"<mark>{html.escape(text)}</mark>" if hit else html.escape(text) for text, hit in pieces
    )
