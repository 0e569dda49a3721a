"""Page « Traduction » in Debian chromium: a facilitator types the Arabic of a project title in the grid,
saves, and the database holds both versions; the page in French and in Arabic, on a laptop and a phone."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pac.db import Database
from pac.models import Commune, Project
from pac.services import translation as tr
from tests.browser import LiveServer, needs_browser, poll, settled, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]
EDITOR = '[data-testid="stDataFrame"]'
HEADER, ROW = 35, 35


def _items(server: LiveServer) -> list[tr.TextItem]:
    db = Database(server.db_url)
    try:
        with db.read() as s:
            cid = s.scalar(select(Commune.id).where(Commune.is_demo.is_(True)))
        return tr.texts(db, cid, only_missing=False)
    finally:
        db.dispose()


def _forget_an_arabic_title(server: LiveServer) -> tr.TextItem:
    """The demo carries every text in both languages: one project title loses its Arabic, as if typed in
    French only during the workshop."""
    first = next(i for i in _items(server) if (i.entity, i.field) == ("Project", "title"))
    db = Database(server.db_url)
    try:
        with db.write() as s:
            s.get(Project, first.id).title_ar = ""
    finally:
        db.dispose()
    return first


def test_type_an_arabic_title_in_the_grid_and_it_is_saved(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    first = _forget_an_arabic_title(server)
    page = signed_in_page(browser, server, "traduction", viewport={"width": 1366, "height": 800})
    try:
        wait_idle(page)
        page.get_by_text("Textes à traduire").first.wait_for(timeout=60_000)
        page.get_by_test_id("stRadio").get_by_text("Projets").first.click()
        wait_idle(page)
        grid = page.locator(EDITOR).first
        grid.wait_for(timeout=30_000)
        typed = "تزويد الدواوير بالماء"
        # The only row (the title to translate), its Arabic column: the last one in the French interface.
        # A person clicks the cell, opens it with Enter and types; a first click that only gives the grid
        # its focus is clicked again, as a person would, until the cell shows what was typed.
        for _ in range(3):
            settled(page)  # the grid at its final place and width before aiming at a cell
            box = grid.bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + box["width"] - 80, box["y"] + HEADER + ROW / 2)
            page.wait_for_timeout(400)
            page.keyboard.press("Enter")
            page.wait_for_timeout(300)
            page.keyboard.press("Control+a")
            page.keyboard.type(typed, delay=40)
            page.keyboard.press("Enter")
            page.wait_for_timeout(300)
            if typed in grid.locator('[id^="glide-cell-"]').all_inner_texts():
                break
        shot(page, "translation-fr-1366")
        page.get_by_role("button", name="Enregistrer").click()
        wait_idle(page)

        def saved() -> bool:
            now = next(
                i
                for i in _items(server)
                if (i.entity, i.id, i.field) == (first.entity, first.id, first.field)
            )
            return now.ar == typed and now.fr == first.fr

        poll(page, saved, what="the Arabic title never reached the database")
        page.get_by_text("texte enregistré").first.wait_for(timeout=30_000)
        page.get_by_text("Tous les textes de cette commune existent en français et en arabe.").wait_for(
            timeout=30_000
        )
    finally:
        page.close()


@pytest.mark.parametrize(
    ("lang", "width", "height"), [("ar", 1366, 800), ("ar", 360, 740), ("fr", 1920, 1080)]
)
def test_the_page_reads_in_each_language_and_size(
    server: LiveServer, browser, lang: str, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, "traduction", viewport={"width": width, "height": height})
    try:
        wait_idle(page)
        if lang == "ar":
            # the language a reader chose earlier is kept in a cookie (the phone's sidebar is folded away)
            page.context.add_cookies([{"name": "pac_lang", "value": "ar", "url": server.url}])
            page.reload()
            wait_idle(page)
            page.get_by_text("نصوص تنتظر الترجمة").first.wait_for(timeout=60_000)
        else:
            page.get_by_text("Textes à traduire").first.wait_for(timeout=60_000)
        shot(page, f"translation-{lang}-{width}")
    finally:
        page.close()
