"""The local, read-only dashboard over a newsflow database (`newsflow dashboard`).

Pages: runs, sources, articles (search, per day and site, an article with what was found in
it marked), entities (over time, who appears with whom) and events (PLOVER counts by actor and
recipient country over time, each count clickable down to its sentences). Built with NiceGUI,
which serves its own scripts, styles and fonts: the pages load nothing from the internet.
Reads go through `storage.open_reader`, opened per page and closed at once.
"""

from __future__ import annotations

from ._marking import Span, marked_html

__all__ = ["Span", "marked_html", "serve"]

DEFAULT_PORT = 8765


def serve(db: str, host: str = "127.0.0.1", port: int = DEFAULT_PORT, show: bool = False) -> None:
    """Serve the dashboard for the database `db` until interrupted."""
    from nicegui import ui

    from . import _app

    _app.Config.db = db
    ui.run(
        host=host, port=port, title="newsflow", show=show, reload=False, favicon="📰",
        show_welcome_message=False, uvicorn_logging_level="warning", dark=False,
    )  # fmt: skip
