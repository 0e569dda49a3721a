"""A real browser on the demo commune: the plan page's what-if and charts, the M&E page, screenshots."""

from __future__ import annotations

import pytest

from pac.services import plan as plan_service
from tests.browser import LiveServer, needs_browser, resize, settled, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]


def _view(page, label: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_text(label, exact=True).first.click()
    wait_idle(page)


def _shot_view(page, label: str | None, shows: tuple[str, ...], name: str) -> None:  # type: ignore[no-untyped-def]
    """Open the view `label` (None: the one on screen), wait until it shows every text of `shows` and has
    drawn everything, then the screenshot `name`."""
    if label is not None:
        _view(page, label)
    for text in shows:
        page.get_by_text(text).first.wait_for(timeout=30_000)
    settled(page)
    shot(page, name)


def test_plan_page_what_if_gauges_and_charts(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from pac.db import Database
    from pac.services.communes import get_commune, get_current_plan
    from pac.services.demo import DEMO_SLUG

    db = Database(server.db_url)
    try:
        plan = get_current_plan(db, get_commune(db, DEMO_SLUG).id)
        before = {p.id: p.start_year for p in plan_service.load_board(db, plan.id).retained}
    finally:
        db.dispose()
    page = signed_in_page(
        browser, server, "plan-triennal", viewport={"width": 1440, "height": 1800}, locale="fr-FR"
    )
    try:
        wait_idle(page)
        page.get_by_role("heading", name="Plan triennal").wait_for(timeout=30_000)
        page.get_by_text("Part communale A1–A3 (MDH)").wait_for(timeout=30_000)
        settled(page)
        shot(page, "plan-priorities")
        _view(page, "Part communale et simulation")
        page.get_by_text("Simulation : déplacer un projet").wait_for(timeout=30_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)  # the gauges drew, offline
        # move the first project one year later: the effect shows at once, nothing is written
        page.get_by_label("Nouvelle année de début").click()
        page.get_by_role("option").nth(1).click()
        wait_idle(page)
        page.get_by_role("button", name="Simuler").click()
        wait_idle(page)
        page.get_by_text("Déplacements simulés (non enregistrés)").wait_for(timeout=30_000)
        page.get_by_text("Part après simulation").first.wait_for(
            state="attached", timeout=30_000
        )  # a grid header
        settled(page)
        shot(page, "plan-whatif")
        db = Database(server.db_url)
        try:
            assert {p.id: p.start_year for p in plan_service.load_board(db, plan.id).retained} == before
        finally:
            db.dispose()
        page.get_by_role("button", name="Abandonner la simulation").click()
        wait_idle(page)
        page.get_by_text("Déplacements simulés (non enregistrés)").wait_for(state="detached", timeout=30_000)
        _shot_view(page, "Graphiques", ("Calendrier des projets retenus",), "plan-charts")
        assert page.locator(".js-plotly-plot").count() >= 4
        _view(page, "Tableau du plan")
        page.get_by_role("button", name="Télécharger (CSV)").wait_for(timeout=30_000)
        settled(page)
        shot(page, "plan-table")
    finally:
        page.close()


def test_monitoring_page_views(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(
        browser, server, "suivi-evaluation", viewport={"width": 1440, "height": 1800}, locale="fr-FR"
    )
    try:
        wait_idle(page)
        page.get_by_role("heading", name="Suivi-évaluation").wait_for(timeout=30_000)
        _shot_view(page, None, ("Ajouter ou modifier un indicateur",), "monitoring-indicators")
        _shot_view(page, "Dispositif de suivi", ("Comité de suivi",), "monitoring-system")
        _view(page, "Suivi après l'atelier")
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        _shot_view(page, None, ("Valeurs mesurées en",), "monitoring-tracking")
        _shot_view(
            page,
            "Conformité",
            ("Conformité du plan à la loi", "Services déconcentrés de l'État consultés"),
            "monitoring-compliance",
        )
    finally:
        page.close()


def test_plan_gauges_in_projection_on_the_wall(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    """The gauges projected at 1920×1080, then on the same page at 1280×720 (the size changes, not the
    session)."""
    page = signed_in_page(
        browser, server, "plan-triennal?proj=1", viewport={"width": 1920, "height": 1080}, locale="fr-FR"
    )
    try:
        page.get_by_role("button", name="Quitter la projection").wait_for(timeout=30_000)
        _view(page, "Part communale et simulation")
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        for width, height in ((1920, 1080), (1280, 720)):
            resize(page, width, height)
            assert not page.locator('[data-testid="stSidebar"]').is_visible()
            shot(page, f"plan-projection-{width}")
    finally:
        page.close()
