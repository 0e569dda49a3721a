"""Page « Sauvegardes » in Debian chromium: back up by a click, see what a backup holds, a restore refused
without its confirmation, then done with it — the deleted data is back; French and Arabic screenshots."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from pac.db import Database
from pac.models import Project
from tests.browser import LiveServer, needs_browser, poll, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]


def _projects(server: LiveServer) -> int:
    db = Database(server.db_url)
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(Project)) or 0
    finally:
        db.dispose()


def _delete_a_project(server: LiveServer) -> None:
    db = Database(server.db_url)
    try:
        with db.write() as s:
            s.execute(text("DELETE FROM projects WHERE id = (SELECT max(id) FROM projects)"))
    finally:
        db.dispose()


def test_back_up_then_restore_from_the_page(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, "sauvegardes", viewport={"width": 1366, "height": 800})
    try:
        wait_idle(page)
        page.get_by_role("button", name="Sauvegarder maintenant").click()
        wait_idle(page)
        page.get_by_text("Sauvegarde écrite").first.wait_for(timeout=30_000)
        before = _projects(server)
        _delete_a_project(server)  # a mistake made after the backup
        page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option").filter(has_text="à la demande").first.click()
        wait_idle(page)
        page.get_by_text("Ce que contient cette sauvegarde").wait_for(timeout=30_000)
        page.get_by_role("button", name="Restaurer").click()
        wait_idle(page)
        page.get_by_text("Cochez la confirmation pour restaurer.").wait_for(timeout=30_000)
        assert _projects(server) == before - 1  # not restored without the confirmation
        shot(page, "backups-fr-1366")
        page.get_by_text("Je confirme").click()
        page.get_by_role("button", name="Restaurer").click()
        poll(page, lambda: _projects(server) == before, what="the restore never brought the project back")
        wait_idle(page)
        page.get_by_text("restaurée").first.wait_for(timeout=30_000)
        page.get_by_text("avant une restauration").first.wait_for(
            state="attached", timeout=30_000
        )  # in the grid
        page.context.add_cookies([{"name": "pac_lang", "value": "ar", "url": server.url}])
        page.reload()
        wait_idle(page)
        page.get_by_text("النسخ الاحتياطية").first.wait_for(timeout=30_000)
        shot(page, "backups-ar-1366")
    finally:
        page.close()
