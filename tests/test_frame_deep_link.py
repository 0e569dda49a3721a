"""A freshly started server's first visitor may come by a deep link (a bookmark, a link in a message): the
browser lands on that page — or on the login, then that page — never on Streamlit's English « Page not
found » (issue 10).  Each test starts its own server: only a server's first session had the fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.apptest_utils import PASSWORD, facilitator
from tests.browser import live_server, needs_browser, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]


def _fresh_copy(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "fresh.db"
    shutil.copy(demo_file, path)
    facilitator(f"sqlite:///{path}")
    return path


def _no_english_dialog(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(500)  # the dialog would come with the first run's messages
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("does not seem to exist").count() == 0
    assert page.locator('[role="dialog"]').count() == 0


def test_a_visitor_s_first_deep_link_gets_the_login_then_that_page(
    demo_file: Path, tmp_path: Path, browser
) -> None:  # type: ignore[no-untyped-def]
    with live_server(_fresh_copy(demo_file, tmp_path)) as server:
        context = browser.new_context(viewport={"width": 1366, "height": 800})
        page = context.new_page()
        try:
            page.goto(f"{server.url}/plan-triennal")  # the server's very first page
            page.get_by_label("Identifiant").wait_for(timeout=90_000)
            wait_idle(page)
            _no_english_dialog(page)
            assert page.get_by_text("Tafoukt").count() == 0  # the login, nothing of the page
            assert page.url.endswith("/plan-triennal")
            page.get_by_label("Identifiant").fill("animateur")
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.get_by_role("heading", name="Plan triennal").wait_for(timeout=90_000)
            wait_idle(page)
            _no_english_dialog(page)
            assert page.url.split("?")[0].endswith("/plan-triennal")
            shot(page, "deep-link-after-login")
        finally:
            context.close()


def test_a_signed_in_facilitator_s_first_deep_link_reaches_the_step(
    demo_file: Path, tmp_path: Path, browser
) -> None:  # type: ignore[no-untyped-def]
    with live_server(_fresh_copy(demo_file, tmp_path)) as server:
        view = {"width": 1366, "height": 800}
        page = signed_in_page(browser, server, None, viewport=view)
        try:
            page.goto(f"{server.url}/plan-triennal")  # the server's very first page, signed in by cookie
            page.get_by_role("heading", name="Plan triennal").wait_for(timeout=90_000)
            wait_idle(page)
            _no_english_dialog(page)
            # other addresses of a step: its file name, and the home page's declared address (it is at /)
            for address, heading, lands_on in (
                ("plan", "Plan triennal", "/plan-triennal"),
                ("tableau-de-bord", "Tableau de bord", "/"),
                ("home", "Tableau de bord", "/"),
            ):
                other = signed_in_page(browser, server, None, viewport=view)
                try:
                    other.goto(f"{server.url}/{address}")
                    other.get_by_role("heading", name=heading).wait_for(timeout=90_000)
                    wait_idle(other)
                    _no_english_dialog(other)
                    assert other.url.split("?")[0] == server.url + lands_on, address
                finally:
                    other.context.close()
            # an address of no page (a typo, an old bookmark) says so in the reader's language
            other = signed_in_page(browser, server, None, viewport=view)
            try:
                other.goto(f"{server.url}/nulle_part")
                other.get_by_text("ne correspond à aucune page").wait_for(timeout=90_000)
                wait_idle(other)
                _no_english_dialog(other)
                other.get_by_role("link", name="Tableau de bord").last.click()
                other.get_by_role("heading", name="Tableau de bord").wait_for(timeout=60_000)
                shot(other, "deep-link-unknown-address")
            finally:
                other.context.close()
        finally:
            page.context.close()
