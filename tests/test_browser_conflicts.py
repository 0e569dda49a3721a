"""No silent overwrite, in Debian chromium with two facilitators (two browser contexts) on one project:
the second save is told that the project changed since it was opened, sees both versions and chooses;
a field only the first one changed is never reverted by the second one's older form."""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.services import plan as plan_service
from pac.services import projects
from tests.browser import LiveServer, needs_browser, poll, settled, shot, signed_in_page, wait_idle
from tests.test_browser_projects import _plan_id

pytestmark = [pytest.mark.browser, needs_browser]


def _first(server: LiveServer) -> projects.ProjectView:
    db = Database(server.db_url)
    try:
        return projects.list_projects(db, _plan_id(db))[0]
    finally:
        db.dispose()


def _detail(browser, server: LiveServer):  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, "projets", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    page.get_by_role("tab", name="Fiche projet").click()
    wait_idle(page)
    page.get_by_label("Intitulé (français)").first.wait_for(timeout=30_000)
    return page


def test_two_facilitators_save_the_same_project(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    before = _first(server)
    amina, karim = _detail(browser, server), _detail(browser, server)
    try:
        # Amina changes the title and the owner, and saves first.
        amina.get_by_label("Intitulé (français)").first.fill("Titre d'Amina")
        amina.get_by_label("Maître d'ouvrage").first.fill("Province")
        amina.get_by_role("button", name="Enregistrer", exact=True).click()
        poll(amina, lambda: _first(server).title == "Titre d'Amina", what="Amina's save never arrived")
        # Karim's form was opened before: he changes the title too, and the description.
        karim.get_by_label("Intitulé (français)").first.fill("Titre de Karim")
        karim.get_by_label("Description (français)").first.fill("Description de Karim")
        karim.get_by_role("button", name="Enregistrer", exact=True).click()
        wait_idle(karim)
        karim.get_by_text("Quelqu'un d'autre a enregistré cette fiche").first.wait_for(timeout=30_000)
        karim.get_by_text("Titre d'Amina").first.wait_for(timeout=10_000)  # both versions side by side
        karim.get_by_text("Titre de Karim").first.wait_for(timeout=10_000)
        shot(karim, "conflict-project-fr-1366")
        now = _first(server)
        assert (now.title, now.description) == ("Titre d'Amina", before.description)  # nothing written
        # Karim keeps his version: his title and description are saved, Amina's owner stays.
        karim.get_by_role("button", name="Garder ma version").click()
        poll(karim, lambda: _first(server).title == "Titre de Karim", what="Karim's choice was not saved")
        now = _first(server)
        assert (now.title, now.description, now.owner) == (
            "Titre de Karim",
            "Description de Karim",
            "Province",
        )
    finally:
        amina.close()
        karim.close()


def test_taking_the_other_version_drops_mine(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    one, two = _detail(browser, server), _detail(browser, server)
    try:
        one.get_by_label("Maître d'ouvrage").first.fill("Région Souss-Massa")
        one.get_by_role("button", name="Enregistrer", exact=True).click()
        poll(one, lambda: _first(server).owner == "Région Souss-Massa", what="the first save never arrived")
        two.get_by_label("Maître d'ouvrage").first.fill("Commune")
        two.get_by_role("button", name="Enregistrer", exact=True).click()
        wait_idle(two)
        two.get_by_role("button", name="Prendre la version enregistrée").click()
        wait_idle(two)
        two.get_by_text("La version enregistrée est reprise").first.wait_for(timeout=30_000)
        assert _first(server).owner == "Région Souss-Massa"
        assert two.get_by_label("Maître d'ouvrage").first.input_value() == "Région Souss-Massa"
    finally:
        one.close()
        two.close()


def _funding_page(browser, server: LiveServer):  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, "plan-triennal", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    page.get_by_text("Programmation et financement", exact=True).first.click()
    wait_idle(page)
    editor = page.locator('[data-testid="stDataFrame"]').filter(has_text="Partenaire").first
    editor.wait_for(timeout=30_000)
    return page


def _type_first_amount(page, value: str) -> None:  # type: ignore[no-untyped-def]
    editor = page.locator('[data-testid="stDataFrame"]').filter(has_text="Partenaire").first
    editor.scroll_into_view_if_needed()
    settled(page)
    box = editor.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.62, box["y"] + 35 + 17)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(150)
    page.keyboard.press("Control+a")
    page.keyboard.type(value, delay=30)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)


def _fundings(server: LiveServer, project_id: int) -> list[float]:
    db = Database(server.db_url)
    try:
        board = plan_service.load_board(db, _plan_id(db))
        return [f.amount for f in board.project(project_id).budget.fundings]
    finally:
        db.dispose()


def test_two_facilitators_save_the_same_funding_grid(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    db = Database(server.db_url)
    try:
        project_id = plan_service.load_board(db, _plan_id(db)).retained[0].id
    finally:
        db.dispose()
    before = _fundings(server, project_id)
    one, two = _funding_page(browser, server), _funding_page(browser, server)
    try:
        _type_first_amount(one, "111111")
        one.get_by_role("button", name="Enregistrer les financements").click()
        poll(one, lambda: _fundings(server, project_id)[0] == 111_111, what="the first grid never saved")
        _type_first_amount(two, "222222")
        two.get_by_role("button", name="Enregistrer les financements").click()
        wait_idle(two)
        two.get_by_text("Quelqu'un d'autre a enregistré cette fiche").first.wait_for(timeout=30_000)
        two.get_by_role("button", name="Garder ma version").scroll_into_view_if_needed()
        shot(two, "conflict-funding-grid-fr-1366")
        assert _fundings(server, project_id)[0] == 111_111  # nothing written over the first save
        assert len(_fundings(server, project_id)) == len(before)
        two.get_by_role("button", name="Garder ma version").click()
        poll(
            two, lambda: _fundings(server, project_id)[0] == 222_222, what="the chosen version was not saved"
        )
    finally:
        one.close()
        two.close()
