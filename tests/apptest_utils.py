"""Helpers to drive the app with Streamlit's AppTest as a logged-in facilitator."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from pac.db import ROOT, Database
from pac.services import auth
from pac.ui.kit import state

APP = ROOT / "app.py"

PASSWORD = "atelier-2026"


def facilitator(db_url: str) -> auth.UserView:
    db = Database(db_url)
    try:
        if auth.needs_setup(db):
            return auth.create_user(db, "animateur", PASSWORD, PASSWORD, "Animatrice", first=True)
        return auth.authenticate(db, "animateur", PASSWORD)
    finally:
        db.dispose()


def logged_in_app(db_url: str, page: str | None = None, commune_id: int | None = None, timeout: float = 60) -> AppTest:
    """The whole app (app.py frame), logged in, optionally switched to `page` (e.g. 'pages/communes.py')."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.session_state[state.USER] = facilitator(db_url)
    if commune_id is not None:
        at.session_state[state.COMMUNE] = commune_id
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at
