"""`newsflow dashboard`: a real server on 127.0.0.1 over the sample database, driven in
Debian's chromium. A new user finds the sample article's CONSULT event (Russia -> North Korea,
2024-06-19) by clicking; nothing is loaded from outside this machine; an idle dashboard never
holds the database file."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT

from newsflow import storage

NEWSFLOW = str(Path(sys.executable).with_name("newsflow"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
SHOTS = ROOT / "test-artifacts"
PAGES = ["/", "/runs", "/sources", "/articles", "/entities", "/events",
         "/events/list?grain=week&actor=RUS&recipient=PRK&type=CONSULT"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def dashboard(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newsflow dashboard` on the sample database; yields its base URL."""
    port = _free_port()
    cwd = tmp_path_factory.mktemp("dashboard-cwd")
    log = (cwd / "dashboard.log").open("wb")
    # NiceGUI runs in its own test mode when it sees pytest's variable: this is a real server.
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    process = subprocess.Popen(
        [NEWSFLOW, "dashboard", "--db", str(sample_db), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, cwd=cwd, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if _get(base + "/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError((cwd / "dashboard.log").read_text()[-3000:])
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.mark.slow
def test_every_page_answers_and_the_file_stays_free_for_a_writer(dashboard, sample_db) -> None:
    for path in PAGES:
        status, body = _get(dashboard + path)
        assert status == 200, path
        assert "newsflow" in body
    # Between page loads the dashboard holds neither the writer lock nor the DuckDB file:
    # a run could start right now.
    with storage.writer_lock(sample_db, "test-writer", wait_s=5):
        duckdb.connect(str(sample_db)).close()


def test_a_missing_database_is_a_clear_error(tmp_path) -> None:
    result = subprocess.run(
        [NEWSFLOW, "dashboard", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1 and "newsflow ingest" in result.stderr


@pytest.fixture(scope="module")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        hint = "apt-get install -y chromium" if shutil.which("apt-get") else "no apt-get here"
        pytest.skip(f"{CHROMIUM} is not installed ({hint}; .ci/run installs it)")
    return CHROMIUM


@pytest.mark.slow
@pytest.mark.browser
def test_a_new_user_clicks_down_to_the_sample_consult_event_offline(
    dashboard, chromium, sample_db
) -> None:
    from playwright.sync_api import expect, sync_playwright

    outside: list[str] = []
    SHOTS.mkdir(exist_ok=True)

    def only_this_machine(route) -> None:
        if route.request.url.startswith(dashboard):
            route.continue_()
        else:  # a CDN, a font service, telemetry: the dashboard must need none of them
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", only_this_machine)
        page.on("websocket", lambda ws: None if ws.url.startswith(
            dashboard.replace("http", "ws")) else outside.append(ws.url))  # fmt: skip
        try:
            page.goto(dashboard + "/")
            expect(page.get_by_text("Start with")).to_be_visible(timeout=30_000)
            page.screenshot(path=SHOTS / "dashboard-overview.png")

            # Events: counts by actor and recipient country per week; click the count of
            # CONSULT from Russia to North Korea.
            page.get_by_role("link", name="Events", exact=True).click()
            expect(page.get_by_text("click a count for its sentences")).to_be_visible(
                timeout=30_000
            )
            page.locator("tbody tr").first.wait_for()
            count = None
            for row in page.locator("tbody tr").all():
                cells = [c.strip() for c in row.locator("td").all_inner_texts()]
                if cells[1:4] == ["RUS Russia", "PRK North Korea", "CONSULT"]:
                    count = row.locator("td").nth(4).get_by_role("link")
                    break
            assert count is not None, "no CONSULT count from RUS to PRK on the events page"
            page.screenshot(path=SHOTS / "dashboard-events.png")
            count.click()

            card = page.locator(".q-card", has_text="Vladimir Putin (RUS) → North Korea (PRK)")
            expect(card.first).to_be_visible(timeout=30_000)
            expect(card.first).to_contain_text("2024-06-19")
            expect(card.first).to_contain_text("CONSULT / visit")
            expect(card.first).to_contain_text("rule CONSULT.visit.noun")
            expect(card.first).to_contain_text("modality asserted")
            page.screenshot(path=SHOTS / "dashboard-event-sentences.png")

            # Down to the article, with the event marked in its text.
            card.first.get_by_role("link", name="Pyongyang welcomes Putin").click()
            focused = page.locator(".q-card", has_text="CONSULT / visit")
            expect(focused.first).to_contain_text("Vladimir Putin (RUS) → North Korea (PRK)",
                                                  timeout=30_000)  # fmt: skip
            marked = page.locator("span.nf-event.nf-focus")
            expect(marked.first).to_have_text("visit")
            expect(page.locator("span.nf-entity", has_text="Kim Jong Un").first).to_be_visible()
            page.screenshot(path=SHOTS / "dashboard-article.png")

            # The other pages, as a user would reach them.
            page.get_by_role("link", name="Articles", exact=True).click()
            search = page.get_by_label("Full-text search (BM25)")
            search.fill("Putin Pyongyang")
            search.press("Enter")
            expect(page.get_by_text("articles match")).to_be_visible(timeout=30_000)
            expect(page.locator("mark", has_text="Pyongyang").first).to_be_visible()
            page.screenshot(path=SHOTS / "dashboard-search.png")

            page.get_by_role("link", name="Entities", exact=True).click()
            expect(page.get_by_text("Who appears with whom")).to_be_visible(timeout=30_000)
            with storage.open_reader(sample_db) as store:
                top = storage.explore.top_entities(store, limit=1)[0]["name"]
            expect(page.get_by_role("link", name=top, exact=True).first).to_be_visible()
            page.screenshot(path=SHOTS / "dashboard-entities.png")

            page.get_by_role("link", name="Runs", exact=True).click()
            expect(page.get_by_role("cell", name="completed").first).to_be_visible(timeout=30_000)
            page.screenshot(path=SHOTS / "dashboard-runs.png")

            page.get_by_role("link", name="Sources", exact=True).click()
            expect(page.get_by_text("samples").first).to_be_visible(timeout=30_000)
            page.screenshot(path=SHOTS / "dashboard-sources.png")
        except Exception:
            page.screenshot(path=SHOTS / "dashboard-failure.png")
            raise
        finally:
            browser.close()
    assert outside == [], f"the dashboard asked for something off this machine: {outside}"


def test_overlapping_spans_are_marked_escaped_and_anchored_once() -> None:
    from newsflow.dashboard import Span, marked_html

    text = 'Kim said "<Putin> visits" today.'
    spans = [
        Span(9, 25, "quote", "quote: Kim", ""),
        Span(11, 16, "entity", "PERSON: Vladimir Putin", "nf-ent-person"),
        Span(18, 24, "event", "event CONSULT", "nf-focus", "event-0"),
    ]
    html = marked_html(text, spans)
    assert "<Putin>" not in html and "&lt;" in html  # the text is escaped
    assert html.count('id="event-0"') == 1
    assert '<span class="nf-quote nf-entity nf-ent-person" title="quote: Kim | PERSON: ' \
        'Vladimir Putin">Putin</span>' in html  # fmt: skip
    assert '<span class="nf-quote nf-event nf-focus" title="quote: Kim | event CONSULT" ' \
        'id="event-0">visits</span>' in html  # fmt: skip
    assert html.startswith("Kim said ") and html.endswith(" today.")
