"""Page « Adoption » in Debian chromium: record steps of the road by clicks and typing, a refusal keeps
what was typed, the dashboard's step row follows the checklist; screenshots in French and Arabic."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pac.db import Database
from pac.services import adoption
from pac.services.common import current_plan
from tests.browser import LiveServer, needs_browser, shot, signed_in_page, wait_idle
from tests.test_adoption import FORM_ROAD

pytestmark = [pytest.mark.browser, needs_browser]


def _plan_id(server: LiveServer) -> int:
    db = Database(server.db_url)
    try:
        with db.read() as s:
            from sqlalchemy import select

            from pac.models import Commune

            cid = s.scalar(select(Commune.id).where(Commune.is_demo.is_(True)))
            return current_plan(s, cid).id  # type: ignore[union-attr, arg-type]
    finally:
        db.dispose()


def _road(server: LiveServer, plan_id: int) -> adoption.Road:
    db = Database(server.db_url)
    try:
        return adoption.load_road(db, plan_id)
    finally:
        db.dispose()


def _type_date(page, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    field = page.locator('[data-testid="stForm"] [data-testid="stDateInputField"]').first
    field.locator('[data-type="day"]').first.click()
    page.keyboard.type(day.strftime("%d%m%Y"))


def test_record_the_road_in_the_page_and_see_it_on_the_dashboard(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    plan_id = _plan_id(server)
    page = signed_in_page(browser, server, "adoption", viewport={"width": 1366, "height": 800})
    try:
        wait_idle(page)
        page.get_by_text("Statut du plan").first.wait_for(timeout=60_000)
        # 1. submitted to the NGO
        _type_date(page, dt.date(2022, 1, 3))
        page.get_by_label("Note").fill("Envoyé par courriel à l'ONG")
        page.get_by_role("button", name="Enregistrer l'étape").click()
        wait_idle(page)
        page.get_by_text("Étape « Soumis à l'ONG » enregistrée.").wait_for(timeout=30_000)
        # 2. the NGO's review: without a decision it is refused, and the date and note stay as typed
        _type_date(page, dt.date(2022, 1, 20))
        page.get_by_label("Note").fill("Revue faite")
        page.get_by_role("button", name="Enregistrer l'étape").click()
        wait_idle(page)
        page.get_by_text("Décision de l'ONG").nth(1).wait_for(timeout=30_000)
        assert page.get_by_label("Note").input_value() == "Revue faite"
        assert [h.step for h in _road(server, plan_id).history] == ["submitted_ngo"]
        shot(page, "adoption-fr-refused")
        page.get_by_test_id("stRadioGroup").get_by_text("Renvoyé avec commentaires").click()
        page.get_by_role("button", name="Enregistrer l'étape").click()
        wait_idle(page)
        page.get_by_text("Renvoyé par l'ONG avec commentaires").first.wait_for(timeout=30_000)
        road = _road(server, plan_id)
        assert road.status == "returned" and road.latest["ngo_review"].note == "Revue faite"
        shot(page, "adoption-fr-1366")
        # the comments, then the dashboard: the Adoption step is not ticked while the checklist faults it
        page.get_by_text("Commentaires des relecteurs").click()
        wait_idle(page)
        page.get_by_text("Ajouter un commentaire").click()
        page.get_by_label("Commentaire *").fill("[lien](http://exemple.test) **à revoir**")
        page.get_by_role("button", name="Ajouter le commentaire").click()
        wait_idle(page)
        page.get_by_test_id("stText").get_by_text("[lien](http://exemple.test) **à revoir**").wait_for(
            timeout=30_000
        )
        assert page.locator('a[href="http://exemple.test"]').count() == 0
        shot(page, "adoption-fr-comments")
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("Tableau de bord").click()
        wait_idle(page)
        page.get_by_text("Avancement de l'atelier").wait_for(timeout=60_000)
        for label in ("Subsidiarité", "Plan triennal", "Adoption"):
            assert page.locator("main").get_by_text(label).first.is_visible(), label
        shot(page, "home-fr-1366")
        # Arabic
        sidebar.get_by_text("العربية").click()
        wait_idle(page)
        page.get_by_text("تقدم الورشة").wait_for(timeout=60_000)
        shot(page, "home-ar-1366")
        sidebar.get_by_text("المصادقة").click()
        wait_idle(page)
        page.locator("main").get_by_text(
            "مسار المصادقة", exact=True
        ).click()  # the page remembers the comments view
        wait_idle(page)
        page.get_by_text("وضعية البرنامج").first.wait_for(timeout=60_000)
        shot(page, "adoption-ar-1366")
        page.locator("main").get_by_text("المطابقة", exact=True).click()
        wait_idle(page)
        page.get_by_text("تأشيرة العامل").first.wait_for(timeout=60_000)
        shot(page, "adoption-ar-checklist")
        page.locator("main").get_by_text("مسار المصادقة", exact=True).click()
        wait_idle(page)
        # The rest of the road through the service, then the page shows the frozen adopted version.
        db = Database(server.db_url)
        try:
            steps = [
                ("submitted_ngo", {"done_on": "2022-01-21"}),
                ("ngo_review", {"done_on": "2022-01-22", "outcome": "validated"}),
            ]
            steps += [(st, v) for st, v in FORM_ROAD[2:]]
            for step, values in steps:
                adoption.record_step(db, plan_id, step, values)
        finally:
            db.dispose()
        page.reload()
        wait_idle(page)
        # A reload is a new session: the language comes back to French, the view to « Route d'adoption ».
        page.get_by_text(re.compile("مصنف النسخة 1|Classeur de la version 1")).first.wait_for(timeout=60_000)
        shot(page, "adoption-adopted-after-reload")
        page.set_viewport_size({"width": 1920, "height": 1080})
        wait_idle(page)
        shot(page, "adoption-fr-wall")
        page.set_viewport_size({"width": 360, "height": 740})
        wait_idle(page)
        shot(page, "adoption-fr-phone")
    finally:
        page.close()
