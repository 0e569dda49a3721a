"""A real browser on the demo commune: the plan page's what-if and charts, the M&E page, screenshots."""

from __future__ import annotations

import pytest

from pac.services import plan as plan_service
from tests.browser import LiveServer, login, needs_browser, shot, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]


def _go(page, server: LiveServer, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/{path}")
    wait_idle(page)


def _view(page, label: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_text(label, exact=True).first.click()
    wait_idle(page)


def _settled(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the run is over and every widget has drawn (no grey placeholder left), for a true screenshot."""
    wait_idle(page)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=60_000
    )
    page.wait_for_timeout(800)


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
    context = browser.new_context(viewport={"width": 1440, "height": 1800}, locale="fr-FR")
    page = context.new_page()
    try:
        login(page, server.url, server.db_url)
        _go(page, server, "plan-triennal")
        page.get_by_role("heading", name="Plan triennal").wait_for(timeout=30_000)
        page.get_by_text("Part communale années 1–3").wait_for(timeout=30_000)
        _settled(page)
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
        _settled(page)
        shot(page, "plan-whatif")
        db = Database(server.db_url)
        try:
            assert {p.id: p.start_year for p in plan_service.load_board(db, plan.id).retained} == before
        finally:
            db.dispose()
        page.get_by_role("button", name="Abandonner la simulation").click()
        wait_idle(page)
        page.get_by_text("Déplacements simulés (non enregistrés)").wait_for(state="detached", timeout=30_000)
        _view(page, "Graphiques")
        page.get_by_text("Calendrier des projets retenus").first.wait_for(timeout=30_000)
        assert page.locator(".js-plotly-plot").count() >= 4
        _settled(page)
        shot(page, "plan-charts")
        _view(page, "Tableau du plan")
        page.get_by_role("button", name="Télécharger (CSV)").wait_for(timeout=30_000)
        _settled(page)
        shot(page, "plan-table")
    finally:
        context.close()


def test_monitoring_page_views(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1440, "height": 1800}, locale="fr-FR")
    page = context.new_page()
    try:
        login(page, server.url, server.db_url)
        _go(page, server, "suivi-evaluation")
        page.get_by_role("heading", name="Suivi-évaluation").wait_for(timeout=30_000)
        page.get_by_text("Ajouter ou modifier un indicateur").wait_for(timeout=30_000)
        _settled(page)
        shot(page, "monitoring-indicators")
        _view(page, "Dispositif de suivi")
        page.get_by_text("Comité de suivi").first.wait_for(timeout=30_000)
        _settled(page)
        shot(page, "monitoring-system")
        _view(page, "Suivi après l'atelier")
        page.get_by_text("Valeurs mesurées en").first.wait_for(timeout=30_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        _settled(page)
        shot(page, "monitoring-tracking")
        _view(page, "Conformité")
        page.get_by_text("Conformité du plan à la loi").first.wait_for(timeout=30_000)
        page.get_by_text("Services déconcentrés de l'État consultés").first.wait_for(timeout=30_000)
        _settled(page)
        shot(page, "monitoring-compliance")
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_plan_gauges_in_projection_on_the_wall(server: LiveServer, browser, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    try:
        login(page, server.url, server.db_url)
        _go(page, server, "plan-triennal?proj=1")
        page.get_by_role("button", name="Quitter la projection").wait_for(timeout=30_000)
        _view(page, "Part communale et simulation")
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        _settled(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        shot(page, f"plan-projection-{width}")
    finally:
        context.close()
