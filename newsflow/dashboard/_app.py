"""The dashboard's pages (NiceGUI): runs, sources, articles, entities and events.

Every page reads through `storage.open_reader`, opened for that page's queries and closed at
once (in a worker thread, so a slow read never stalls the server), so a dashboard left open
all day never holds the database file between clicks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode

from nicegui import run, ui

from newsflow import storage
from newsflow.storage import explore

from ._marking import marked_html, snippet_html, spans_of

READ_WAIT_S = 20.0  # how long a page waits for a run that is writing the database
PAGE_TIMEOUT_S = READ_WAIT_S + 10
NAV = [("Overview", "/"), ("Runs", "/runs"), ("Sources", "/sources"),
       ("Articles", "/articles"), ("Entities", "/entities"), ("Events", "/events")]  # fmt: skip
STYLE = """
<style>
  .nf-text { white-space: pre-wrap; line-height: 1.7; max-width: 60rem; font-size: 1.02rem; }
  .nf-entity { border-bottom: 2px solid #7aa7d6; }
  .nf-ent-person { background: #e3f0ff; } .nf-ent-org { background: #f3e8ff; }
  .nf-ent-gpe, .nf-ent-loc, .nf-ent-fac { background: #e6f6e6; }
  .nf-ent-norp { background: #fff4dc; }
  .nf-date { border-bottom: 2px dotted #888; }
  .nf-quote { font-style: italic; color: #4a3b00; }
  .nf-amount { background: #ffe9cc; font-weight: 600; }
  .nf-event { background: #ffd6d6; border-radius: 3px; font-weight: 600; }
  .nf-focus { outline: 3px solid #d62728; }
  .nf-legend span { margin-right: 1rem; padding: 0 .3rem; }
  mark { background: #fff176; }
  a.nf-link, .nf-link a { color: #1565c0; text-decoration: underline; }
</style>
"""


class Config:
    """What `serve` was told: the database location (set once before the server starts)."""

    db: str = ""


def _read(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with storage.open_reader(Config.db, wait_s=READ_WAIT_S) as store:
        return fn(store, *args, **kwargs)


async def read(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one read in a worker thread: open the database, ask, close it."""
    return await run.io_bound(_read, fn, *args, **kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 2)
    if value is None or isinstance(value, int | str | bool):
        return value
    return json.dumps(value, default=str) if isinstance(value, dict | list) else str(value)


def _href(path: str, **params: Any) -> str:
    query = {k: v for k, v in params.items() if v is not None}
    return path + ("?" + urlencode(query) if query else "")


def table(
    rows: list[dict[str, Any]],
    columns: list[str],
    links: dict[str, Callable[[dict[str, Any]], str | None]] | None = None,
    labels: dict[str, str] | None = None,
    key: str | None = None,
    per_page: int = 25,
) -> ui.table:
    """A sortable table; `links` makes a column's cells links (a function of the row)."""
    links = links or {}
    labels = labels or {}
    shown = []
    for index, row in enumerate(rows):
        item = {c: _plain(row.get(c)) for c in columns}
        item["_key"] = str(row.get(key)) if key else str(index)
        for column, link in links.items():
            item[f"_href_{column}"] = link(row)
        shown.append(item)
    element = ui.table(
        columns=[
            {"name": c, "label": labels.get(c, c.replace("_", " ")), "field": c,
             "sortable": True, "align": "left"}
            for c in columns
        ],
        rows=shown, row_key="_key", pagination=per_page,
    ).props("dense flat bordered wrap-cells")  # fmt: skip
    for column in links:
        element.add_slot(
            f"body-cell-{column}",
            f'<q-td :props="props"><a v-if="props.row._href_{column}" class="nf-link" '
            f':href="props.row._href_{column}">{{{{ props.value }}}}</a>'
            f"<span v-else>{{{{ props.value }}}}</span></q-td>",
        )
    return element


def frame(title: str) -> None:
    """The header every page shares: navigation and the database shown."""
    ui.add_head_html(STYLE)
    ui.page_title(f"{title} · newsflow")
    with ui.header().classes("items-center bg-blue-grey-9 q-px-md"):
        ui.label("newsflow").classes("text-h6 q-mr-lg")
        for name, path in NAV:
            ui.link(name, path).classes("text-white q-mr-md text-subtitle1").mark(f"nav-{name}")
        ui.space()
        ui.label(f"{Config.db} (read-only)").classes("text-caption text-grey-4")
    ui.label(title).classes("text-h5 q-mt-sm")


def problem(error: Exception) -> None:
    if isinstance(error, storage.WriterLockTimeout):
        ui.label("A run is writing the database; reload this page in a moment.").classes(
            "text-orange-9"
        )
    else:
        ui.label(f"Could not read {Config.db}: {error}").classes("text-negative")


def chart(options: dict[str, Any], height: str = "18rem") -> None:
    ui.echart(options).classes("w-full").style(f"height: {height}")


# -- overview -------------------------------------------------------------------------------
@ui.page("/", response_timeout=PAGE_TIMEOUT_S)
async def overview_page() -> None:
    frame("Overview")
    try:
        counts = await read(explore.overview)
    except storage.StorageError as error:
        return problem(error)
    with ui.row().classes("q-gutter-md"):
        for name, path in [("articles", "/articles"), ("events", "/events"),
                           ("entities", "/entities"), ("quotes", "/articles"),
                           ("sources", "/sources"), ("runs", "/runs")]:  # fmt: skip
            with ui.card().classes("q-pa-md"):
                ui.link(f"{counts[name]:,}", path).classes("text-h4 nf-link")
                ui.label(name).classes("text-subtitle1")
    span = (
        f"Articles published {counts['first_day']} to {counts['last_day']}"
        if counts["first_day"]
        else "No dated articles yet"
    )
    ui.label(f"{span}; last run started {_plain(counts['last_run_at']) or 'never'}.")
    ui.markdown(
        "Start with **Events** for who did what to whom by week, each count clickable down to "
        "its sentences; **Articles** to search the text; **Runs** and **Sources** to see what "
        "the pipeline did and which sources went quiet."
    )


# -- runs -----------------------------------------------------------------------------------
STATUS_COLUMNS = [
    ("articles_new", "new", "#2ca02c"),
    ("articles_updated", "updated", "#1f77b4"),
    ("articles_unchanged", "unchanged", "#aaaaaa"),
    ("items_skipped", "skipped", "#ff7f0e"),
    ("items_failed", "failed", "#d62728"),
]


@ui.page("/runs", response_timeout=PAGE_TIMEOUT_S)
async def runs_page() -> None:
    frame("Runs")
    try:
        rows = await read(explore.runs)
    except storage.StorageError as error:
        return problem(error)
    oldest_first = list(reversed(rows))
    ui.label("Inputs per run by outcome (oldest left); failures in red.").classes("text-caption")
    chart({
        "tooltip": {"trigger": "axis"}, "legend": {},
        "xAxis": {"type": "category",
                  "data": [_plain(r["started_at"]) for r in oldest_first]},
        "yAxis": {"type": "value", "name": "inputs"},
        "series": [{"name": label, "type": "bar", "stack": "items", "color": color,
                    "barMaxWidth": 48, "data": [r[column] or 0 for r in oldest_first]}
                   for column, label, color in STATUS_COLUMNS],
    })  # fmt: skip
    for row in rows:
        row["duration_s"] = row["elapsed_s"]
    table(
        rows,
        ["started_at", "flow_name", "deployment", "state", "duration_s", "items_seen",
         "articles_new", "articles_updated", "articles_unchanged", "items_skipped",
         "items_failed", "run_id"],
        links={"run_id": lambda r: f"/runs/{quote(r['run_id'])}"},
        key="run_id",
    )  # fmt: skip


@ui.page("/runs/{run_id}", response_timeout=PAGE_TIMEOUT_S)
async def run_page(run_id: str) -> None:
    frame(f"Run {run_id}")
    try:
        detail = await read(explore.run_detail, run_id)
    except storage.StorageError as error:
        return problem(error)
    if detail is None:
        ui.label("No such run.")
        return
    ui.label(
        f"{detail['flow_name']} {detail['state']}, started {_plain(detail['started_at'])}, "
        f"{_plain(detail['elapsed_s'])} s: {detail['items_seen']} inputs, "
        f"{detail['articles_new']} new, {detail['items_failed']} failed"
    )
    ui.label("Per source").classes("text-h6")
    table(detail["sources"], ["source", "kind", "inputs", "fetched", "new", "updated",
                              "unchanged", "skipped", "failed", "reasons"])  # fmt: skip
    ui.label("Not stored").classes("text-h6")
    table(detail["not_stored"], ["uri", "status", "reason"])


# -- sources --------------------------------------------------------------------------------
@ui.page("/sources", response_timeout=PAGE_TIMEOUT_S)
async def sources_page() -> None:
    frame("Sources")
    try:
        rows = await read(explore.sources)
    except storage.StorageError as error:
        return problem(error)
    ui.label(
        "Sources that need attention first: disabled, then failing polls. Items per day: new "
        "articles over the last 30 days."
    ).classes("text-caption")
    table(rows, ["locator", "kind", "enabled", "articles", "items_per_day", "last_success_at",
                 "failing_polls", "failed_requests_30d", "failed_inputs", "last_error",
                 "next_poll_at", "disabled_reason"], key="source_id")  # fmt: skip


# -- articles -------------------------------------------------------------------------------
@ui.page("/articles", response_timeout=PAGE_TIMEOUT_S)
async def articles_page(q: str = "", day: str | None = None, site: str | None = None) -> None:
    frame("Articles")
    with ui.row().classes("items-center w-full"):
        box = ui.input("Full-text search (BM25)", value=q).classes("w-96").mark("search")
        box.on("keydown.enter", lambda: ui.navigate.to(_href("/articles", q=box.value)))
        ui.button("Search", on_click=lambda: ui.navigate.to(_href("/articles", q=box.value)))
    try:
        if q.strip():
            hits = await read(explore.search, q, 50)
            ui.label(f"{len(hits)} articles match “{q}”").classes("text-h6")
            for hit in hits:
                with ui.card().classes("w-full q-pa-sm"):
                    ui.link(
                        hit["title"] or hit["article_id"], f"/article/{hit['article_id']}"
                    ).classes("text-subtitle1 nf-link")
                    ui.label(f"{hit['site']} · {_plain(hit['published_date'])} · "
                             f"score {hit['score']}").classes("text-caption")  # fmt: skip
                    ui.html(snippet_html(hit["snippet"]))
        per_day = await read(explore.articles_per_day, 1000)
        chosen = date.fromisoformat(day) if day else None
        recent = await read(explore.recent_articles, chosen, site, 200)
    except storage.StorageError as error:
        return problem(error)
    except ValueError:
        ui.label(f"{day!r} is not a day (YYYY-MM-DD)")
        return
    by_day: dict[str, int] = {}
    for row in per_day:
        if row["day"] is not None:
            by_day[row["day"].isoformat()] = by_day.get(row["day"].isoformat(), 0) + row["articles"]
    days = sorted(by_day)
    ui.label("Articles per day").classes("text-h6")
    chart({"tooltip": {"trigger": "axis"}, "xAxis": {"type": "category", "data": days},
           "yAxis": {"type": "value"},
           "series": [{"type": "bar", "data": [by_day[d] for d in days]}]}, "14rem")  # fmt: skip
    with ui.row().classes("w-full no-wrap items-start q-gutter-md"):
        with ui.column().classes("col-5"):
            ui.label("Per day and site").classes("text-subtitle1")
            table(per_day, ["day", "site", "articles", "words"],
                  links={"articles": lambda r: _href(
                      "/articles", day=_plain(r["day"]), site=r["site"])})  # fmt: skip
        with ui.column().classes("col"):
            narrowed = " · ".join(x for x in (day, site) if x)
            ui.label(f"Articles {narrowed}".strip()).classes("text-subtitle1")
            table(recent, ["published_date", "site", "title", "word_count"],
                  links={"title": lambda r: f"/article/{r['article_id']}"},
                  key="article_id")  # fmt: skip


@ui.page("/article/{article_id}", response_timeout=PAGE_TIMEOUT_S)
async def article_page(article_id: str, event: int | None = None) -> None:
    frame("Article")
    try:
        found = await read(explore.article, article_id)
    except storage.StorageError as error:
        return problem(error)
    if found is None:
        ui.label("No such article.")
        return
    ui.label(found["title"] or "(no title)").classes("text-h5")
    authors = ", ".join(found["authors"] or [])
    ui.label(
        f"{found['site_name'] or ''} · {_plain(found['published_date']) or 'no date'} · "
        f"{authors} · {found['word_count']} words · version {found['version']}"
    ).classes("text-caption")
    if found["url"]:
        ui.link(found["url"], found["url"], new_tab=True).classes("nf-link")
    focused = [e for e in found["events"] if e["event_index"] == event]
    for e in focused:
        with ui.card().classes("q-pa-sm bg-red-1").mark("focused-event"):
            ui.label(
                f"Event {e['event_index']}: {e['type']}{' / ' + e['mode'] if e['mode'] else ''}"
                f" — {e['actor'] or '?'} ({e['actor_country'] or '—'}) → "
                f"{e['recipient'] or '?'} ({e['recipient_country'] or '—'}), {_plain(e['day'])}"
            ).classes("text-subtitle1")
            ui.label(
                f"modality {e['modality']} · rule {e['rule_id']} · confidence "
                f"{e['confidence']} · trigger “{e['trigger']}”"
                + (f" · at {e['location']}" if e["location"] else "")
            )
    ui.html(
        '<div class="nf-legend"><span class="nf-entity nf-ent-person">person</span>'
        '<span class="nf-entity nf-ent-org">organisation</span>'
        '<span class="nf-entity nf-ent-gpe">place</span><span class="nf-date">date</span>'
        '<span class="nf-quote">quote</span><span class="nf-amount">amount</span>'
        '<span class="nf-event">event</span> (hover for details)</div>'
    )
    ui.html(marked_html(found["text"], spans_of(found, event)), tag="div").classes("nf-text")
    if focused:
        ui.run_javascript(
            f"setTimeout(() => document.getElementById('event-{focused[0]['event_index']}')"
            "?.scrollIntoView({block: 'center'}), 300)"
        )
    ui.label("Events").classes("text-h6")
    table(found["events"], ["event_index", "type", "mode", "actor", "actor_country", "recipient",
                            "recipient_country", "day", "modality", "rule_id", "confidence",
                            "trigger"],
          links={"event_index":
                 lambda r: f"/article/{article_id}?event={r['event_index']}"})  # fmt: skip
    ui.label("Quotes").classes("text-h6")
    table(found["quotes"], ["speaker", "verb", "outlet", "text"])
    ui.label("Amounts").classes("text-h6")
    table(found["amounts"], ["text", "value", "unit", "object", "qualifier", "event_index"])
    ui.label("Entities").classes("text-h6")
    table(found["entities"], ["text", "label", "entity_name", "entity_country"],
          links={"entity_name": lambda r: f"/entity/{r['entity_id']}"})  # fmt: skip


# -- entities -------------------------------------------------------------------------------
ENTITY_TYPES = ["*", "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]


@ui.page("/entities", response_timeout=PAGE_TIMEOUT_S)
async def entities_page(type: str = "*", grain: str = "week") -> None:  # noqa: A002
    frame("Entities")
    with ui.row().classes("items-center"):
        ui.toggle(ENTITY_TYPES, value=type if type in ENTITY_TYPES else "*",
                  on_change=lambda e: ui.navigate.to(_href("/entities", type=e.value,
                                                           grain=grain)))  # fmt: skip
        ui.toggle(list(explore.GRAINS), value=grain,
                  on_change=lambda e: ui.navigate.to(_href("/entities", type=type,
                                                           grain=e.value)))  # fmt: skip
    try:
        top = await read(explore.top_entities, type, 50)
        timeline = await read(explore.entity_timeline, [r["entity_id"] for r in top[:6]], grain)
        pairs = await read(explore.cooccurrence, None, 50)
    except (storage.StorageError, ValueError) as error:
        return problem(error)
    periods = sorted({_plain(r["period"]) for r in timeline})
    names = list(dict.fromkeys(r["name"] for r in timeline))
    counts = {(_plain(r["period"]), r["name"]): r["mentions"] for r in timeline}
    ui.label(f"Mentions per {grain} of the six most mentioned").classes("text-h6")
    chart({"tooltip": {"trigger": "axis"}, "legend": {},
           "xAxis": {"type": "category", "data": periods}, "yAxis": {"type": "value"},
           "series": [{"name": n, "type": "line" if len(periods) > 1 else "bar",
                       "data": [counts.get((p, n), 0) for p in periods]}
                      for n in names]})  # fmt: skip
    with ui.row().classes("w-full no-wrap items-start q-gutter-md"):
        with ui.column().classes("col"):
            ui.label("Top entities").classes("text-h6")
            table(top, ["name", "type", "country", "mentions", "articles"],
                  links={"name": lambda r: f"/entity/{r['entity_id']}"},
                  key="entity_id")  # fmt: skip
        with ui.column().classes("col"):
            ui.label("Who appears with whom").classes("text-h6")
            table(pairs, ["entity_a", "entity_b", "articles"],
                  links={"entity_a": lambda r: f"/entity/{r['entity_id_a']}",
                         "entity_b": lambda r: f"/entity/{r['entity_id_b']}"})  # fmt: skip


@ui.page("/entity/{entity_id}", response_timeout=PAGE_TIMEOUT_S)
async def entity_page(entity_id: str) -> None:
    frame("Entity")
    try:
        found = await read(explore.entity, entity_id)
        pairs = await read(explore.cooccurrence, entity_id, 50)
    except storage.StorageError as error:
        return problem(error)
    if found is None:
        ui.label("No such entity.")
        return
    country = f", {found['country']}" if found["country"] else ""
    ui.label(f"{found['name']} ({found['type']}{country})").classes("text-h5")
    ui.label(f"{found['mentions']} mentions in {found['articles']} articles; also written "
             + ", ".join(f"“{a}”" for a in found["aliases"]))  # fmt: skip
    with ui.row().classes("w-full no-wrap items-start q-gutter-md"):
        with ui.column().classes("col"):
            ui.label("Articles").classes("text-h6")
            table(found["in_articles"], ["published_date", "site", "title", "mentions"],
                  links={"title": lambda r: f"/article/{r['article_id']}"})  # fmt: skip
        with ui.column().classes("col"):
            ui.label("Appears with").classes("text-h6")
            for row in pairs:
                other = "b" if row["entity_id_a"] == entity_id else "a"
                row["other"], row["other_id"] = row[f"entity_{other}"], row[f"entity_id_{other}"]
            table(pairs, ["other", "articles"],
                  links={"other": lambda r: f"/entity/{r['other_id']}"})  # fmt: skip


# -- events ---------------------------------------------------------------------------------
@ui.page("/events", response_timeout=PAGE_TIMEOUT_S)
async def events_page(
    grain: str = "week",
    type: str = "*",
    country: str = "*",
    factual: bool = False,  # noqa: A002
) -> None:
    frame("Events")

    def go(**change: Any) -> None:
        params = {"grain": grain, "type": type, "country": country, "factual": factual, **change}
        ui.navigate.to(_href("/events", **params))

    try:
        types = await read(explore.event_types)
        countries = await read(explore.event_countries)
        names = await read(explore.country_names)
        counts = await read(explore.event_counts, grain, type, country, factual, 500)
        timeline = await read(explore.event_timeline, grain, country)
    except (storage.StorageError, ValueError) as error:
        return problem(error)
    with ui.row().classes("items-center q-gutter-md"):
        ui.toggle(list(explore.GRAINS), value=grain, on_change=lambda e: go(grain=e.value)).mark(
            "grain"
        )
        ui.select({"*": "any type", **{t: t for t in types}}, value=type, label="PLOVER type",
                  on_change=lambda e: go(type=e.value)).classes("w-40").mark("type")  # fmt: skip
        choices = {"*": "any country", **{c: f"{c} {names.get(c, '')}".strip() for c in countries}}
        ui.select(choices, value=country, label="country (either side)",
                  on_change=lambda e: go(country=e.value)
                  ).classes("w-56").mark("country")  # fmt: skip
        ui.checkbox("factual only (asserted, reported, alleged)", value=factual,
                    on_change=lambda e: go(factual=e.value))  # fmt: skip
    periods = sorted({_plain(r["period"]) for r in timeline})
    per_type: dict[str, dict[str, int]] = {}
    for r in timeline:
        per_type.setdefault(r["type"], {})[_plain(r["period"])] = r["events"]
    ui.label(f"PLOVER events per {grain} and type").classes("text-h6")
    chart({"tooltip": {"trigger": "axis"}, "legend": {"type": "scroll"},
           "xAxis": {"type": "category", "data": periods}, "yAxis": {"type": "value"},
           "series": [{"name": t, "type": "bar", "stack": "events",
                       "data": [by.get(p, 0) for p in periods]}
                      for t, by in sorted(per_type.items())]})  # fmt: skip
    ui.label(
        f"Events by actor and recipient country per {grain} — click a count for its sentences"
    ).classes("text-h6")

    def side(code: str | None) -> str:
        return f"{code} {names.get(code, '')}".strip() if code else "—"

    for r in counts:
        r["actor"], r["recipient"] = side(r["actor_country"]), side(r["recipient_country"])
    table(
        counts,
        ["period", "actor", "recipient", "type", "events", "factual_events", "articles"],
        links={"events": lambda r: _href(
            "/events/list", grain=grain, period=_plain(r["period"]),
            actor=r["actor_country"] or explore.NONE,
            recipient=r["recipient_country"] or explore.NONE, type=r["type"],
            factual=factual or None)},
        labels={"actor": "actor country", "recipient": "recipient country"},
        per_page=50,
    )  # fmt: skip


@ui.page("/events/list", response_timeout=PAGE_TIMEOUT_S)
async def event_list_page(
    grain: str = "week",
    period: str | None = None,
    actor: str = "*",
    recipient: str = "*",
    type: str = "*",  # noqa: A002
    factual: bool = False,
) -> None:
    frame("Events: sentences")
    try:
        start = date.fromisoformat(period) if period else None
        names = await read(explore.country_names)
        rows = await read(explore.event_list, grain, start, actor, recipient, type, factual, 500)
    except (storage.StorageError, ValueError) as error:
        return problem(error)

    def side(code: str) -> str:
        return {"*": "any", "-": "none"}.get(code, f"{code} {names.get(code, '')}".strip())

    ui.label(
        f"{type if type != '*' else 'All types'}: {side(actor)} → {side(recipient)}, "
        f"{grain} of {period or 'any date'} — {len(rows)} event{'' if len(rows) == 1 else 's'}"
    ).classes("text-subtitle1")
    ui.link("← back to event counts", _href("/events", grain=grain)).classes("nf-link")
    for r in rows:
        with ui.card().classes("w-full q-pa-sm").mark("event-card"):
            ui.label(
                f"{_plain(r['day'])} · {r['type']}{' / ' + r['mode'] if r['mode'] else ''} · "
                f"{r['actor'] or '?'} ({r['actor_country'] or '—'}) → {r['recipient'] or '?'} "
                f"({r['recipient_country'] or '—'})"
                + (f" · at {r['location']}" if r["location"] else "")
            ).classes("text-subtitle1")
            ui.label(
                f"modality {r['modality']} · rule {r['rule_id']} · confidence {r['confidence']}"
            ).classes("text-caption")
            sentence = r["sentence"]
            at = sentence.find(r["trigger"])
            pieces = (
                [(sentence[:at], False), (r["trigger"], True),
                 (sentence[at + len(r["trigger"]):], False)]
                if at >= 0 else [(sentence, False)]
            )  # fmt: skip
            ui.html(snippet_html(pieces))
            ui.link(
                f"in “{r['title'] or r['article_id']}” →",
                f"/article/{r['article_id']}?event={r['event_index']}",
            ).classes("nf-link")
