"""The capture screens a facilitator fills before and during the workshop, in a real browser (issue 10).

- the findings grid shows in under 2 s after a refresh, and « Ajouter un constat » stays open after a finding;
- a negative amount in a funding line is refused in French, kept in the grid, and nothing is saved;
- the triennial plan's cost boxes read 6 500 000, not 6500000;
- the M&E form keeps every field after a refusal and names the bad one in French.
Screenshots in test-artifacts/: capture-findings-added.png, capture-funding-refused.png,
capture-indicator-refused.png.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from pac.db import Database
from pac.services import diagnostic, monitoring
from pac.services import plan as plan_service
from pac.services.communes import get_commune, get_current_plan
from pac.services.demo import DEMO_SLUG
from tests.browser import LiveServer, needs_browser, poll, settled, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]
GRID = 'iframe[title="st_aggrid.AgGrid.agGrid"]'


def _read(db_url: str, fn, *args):  # type: ignore[no-untyped-def]
    db = Database(db_url)
    try:
        commune = get_commune(db, DEMO_SLUG)
        return fn(db, commune, *args)
    finally:
        db.dispose()


def _board(db, commune):  # type: ignore[no-untyped-def]
    return plan_service.load_board(db, get_current_plan(db, commune.id).id)


def test_findings_grid_shows_fast_after_a_refresh_and_the_add_panel_stays_open(
    browser, server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, "diagnostic", viewport={"width": 1366, "height": 800})
    grid = page.frame_locator(GRID)
    grid.locator(".ag-row").first.wait_for(timeout=60_000)
    # Refresh (F5) until the grid's rows are drawn: the best of three, so that another job on the machine
    # does not decide; reported 10–14 s before the fix.
    timings = []
    for _ in range(3):
        start = time.monotonic()
        page.reload()
        page.frame_locator(GRID).locator(".ag-row").first.wait_for(timeout=60_000)
        timings.append(time.monotonic() - start)
    assert min(timings) < 2.0, f"the findings grid took {timings} s to show after a refresh"

    wait_idle(page)
    count = _read(server.db_url, lambda db, c: diagnostic.count_findings(db, c.id))
    page.get_by_text("Ajouter un constat").first.click()
    wait_idle(page)
    for n in (1, 2):
        box = page.get_by_role("textbox", name="Constat").first
        box.fill(f"Constat tapé à la main n° {n} : la piste de l'école coupée en hiver.")
        page.get_by_role("button", name="Ajouter le constat").click()
        page.get_by_text(f"n° {count + n} ajouté").first.wait_for(timeout=20_000)
        wait_idle(page)
        # the panel is still open for the next finding: its text box is on screen, empty
        shot(page, f"capture-findings-added-{n}")
        assert page.get_by_role("textbox", name="Constat").first.is_visible()
        assert page.get_by_role("textbox", name="Constat").first.input_value() == ""
    assert _read(server.db_url, lambda db, c: diagnostic.count_findings(db, c.id)) == count + 2
    settled(page)
    shot(page, "capture-findings-added")
    page.close()


def test_a_negative_funding_amount_is_refused_in_french_and_kept(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    board = _read(server.db_url, _board)
    p = board.retained[0]
    page = signed_in_page(browser, server, "plan-triennal", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    page.get_by_text("Programmation et financement", exact=True).first.click()
    wait_idle(page)
    # the year's cost in the French way, with thousands separators (6 500 000, not 6500000)
    first = page.get_by_label(f"{p.start_year} (A{p.start_year - board.years[0] + 1}) — DH")
    amount = p.budget.costs[p.start_year]
    expect(first).to_have_value(f"{amount:,.0f}".replace(",", "\u202f"), timeout=30_000)
    editor = page.locator('[data-testid="stDataFrame"]').filter(has_text="Partenaire").first
    editor.scroll_into_view_if_needed()
    settled(page)
    box = editor.bounding_box()
    assert box is not None and box["width"] > 700  # wide enough to read its four columns
    # the amount of the first line: click, open, type « -100000 », Enter
    amount_col = editor.locator('[id^="glide-cell-3-0"]')
    assert amount_col.count() == 1
    page.mouse.click(box["x"] + box["width"] * 0.62, box["y"] + 35 + 17)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(150)
    page.keyboard.press("Control+a")
    page.keyboard.type("-100000", delay=30)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Enregistrer les financements").click()
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Montant (DH)")
    alert.wait_for(timeout=20_000)
    assert "supérieure ou égale à 0" in alert.inner_text()
    wait_idle(page)
    assert "100" in amount_col.inner_text() and "-" in amount_col.inner_text()  # kept as typed
    assert _read(server.db_url, _board).project(p.id).budget.fundings == p.budget.fundings  # nothing saved
    settled(page)
    shot(page, "capture-funding-refused")
    page.close()


def test_the_indicator_form_keeps_everything_after_a_refusal(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    def count(db, c) -> int:  # type: ignore[no-untyped-def]
        return len(monitoring.load_indicators(db, get_current_plan(db, c.id).id).indicators)

    before = _read(server.db_url, count)
    page = signed_in_page(browser, server, "suivi-evaluation", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    typed = {
        "Intitulé (français)": "Filles inscrites au collège",
        "Unité (français)": "filles",
        "Valeur de référence": "120",
        "2027": "cent",
        "Source et moyens de vérification (français)": "Registres de la direction provinciale",
    }
    for name, value in typed.items():
        page.get_by_label(name, exact=True).fill(value)
    page.get_by_role("button", name="Ajouter l'indicateur").click()
    page.get_by_text("indiquez l'année de la valeur de référence").first.wait_for(timeout=20_000)
    page.get_by_text("« cent » n'est pas un nombre").first.wait_for(timeout=20_000)
    wait_idle(page)
    for name, value in typed.items():
        assert page.get_by_label(name, exact=True).input_value() == value, name
    assert _read(server.db_url, count) == before
    settled(page)
    shot(page, "capture-indicator-refused")
    page.get_by_label("Année de référence", exact=True).fill("2026")
    page.get_by_label("2027", exact=True).fill("150")
    page.get_by_role("button", name="Ajouter l'indicateur").click()
    poll(page, lambda: _read(server.db_url, count) == before + 1)
    page.close()
