"""A real browser (Debian chromium) logs in and sees the demo commune's home page."""

from __future__ import annotations

import pytest

from tests.browser import LiveServer, login, needs_browser, shot, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]


def test_login_and_home_page_of_the_demo_commune(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="fr-FR")
    page = context.new_page()
    outside: list[str] = []  # offline: nothing may be fetched from the internet (fonts, CDNs, tiles)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None)
    try:
        login(page, server.url, server.db_url)
        wait_idle(page)
        page.get_by_role("heading", name="Tableau de bord").wait_for()
        page.get_by_text("Constats du diagnostic").wait_for(timeout=60_000)
        assert page.get_by_text("Commune fictive de démonstration").first.is_visible()
        # the workshop steps, grouped in the sidebar
        sidebar = page.locator('[data-testid="stSidebar"]')
        for label in ("PRÉPARER", "ATELIER", "PRODUIRE", "Communes & ateliers", "AFOM / SWOT", "Plan triennal"):
            assert sidebar.get_by_text(label, exact=True).first.is_visible(), label
        shot(page, "home-demo")
        # a refresh keeps the facilitator signed in (cookie + server-side session)
        page.reload()
        page.get_by_role("heading", name="Tableau de bord").wait_for(timeout=60_000)
        # projection mode: no sidebar, large type, a way out
        sidebar.get_by_text("Mode projection").click()
        wait_idle(page)
        page.get_by_role("button", name="Quitter la projection").wait_for()
        assert not sidebar.is_visible()
        shot(page, "home-demo-projection")
        assert outside == []
    finally:
        context.close()


def test_visitor_reaches_only_the_login_and_voter_pages(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from tests.apptest_utils import facilitator

    facilitator(server.db_url)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        # the menu's addresses are not registered for a visitor: the login comes instead
        page.goto(f"{server.url}/plan-triennal")
        page.get_by_role("button", name="Se connecter").wait_for(timeout=90_000)
        page.get_by_label("Mot de passe").wait_for(timeout=30_000)
        assert page.get_by_text("Tafoukt").count() == 0  # nothing of the commune's data
    finally:
        context.close()
