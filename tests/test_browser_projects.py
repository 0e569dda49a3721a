"""What only a browser can check on the strategy, projects and subsidiarity pages.

Editing the projects' AgGrid (a number, a drop-down, a refused value), the mission saved when the
facilitator leaves the page without clicking anywhere else first, and the three pages projected on
a wall.  Screenshots go to test-artifacts/ (projects-grid*.png, vision-*, projects-*, subsidiarity-*).
"""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.services import communes, projects
from pac.services import vision as vision_service
from pac.services.communes import get_commune
from pac.services.demo import DEMO_SLUG
from tests.browser import ARTIFACTS, LiveServer, needs_browser, poll, resize, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]
GRID = 'iframe[title="st_aggrid.AgGrid.agGrid"]'


def _plan_id(db: Database) -> int:
    plan = communes.get_current_plan(db, get_commune(db, DEMO_SLUG).id)
    assert plan is not None
    return plan.id


def _projects(db_url: str) -> dict[str, projects.ProjectView]:
    db = Database(db_url)
    try:
        return {p.code: p for p in projects.list_projects(db, _plan_id(db))}
    finally:
        db.dispose()


def _wait_saved(page, db_url: str, check) -> None:  # type: ignore[no-untyped-def]
    poll(page, lambda: check(_projects(db_url)))


def _cell(grid, code: str, col: str):  # type: ignore[no-untyped-def]
    row = grid.locator(".ag-center-cols-container .ag-row").filter(
        has=grid.locator(f'.ag-cell[col-id="code"] .ag-cell-value:text-is("{code}")')
    )
    return row.locator(f'.ag-cell[col-id="{col}"]')


def test_projects_grid_edits_a_cost_and_a_status_and_refuses_a_negative_cost(  # type: ignore[no-untyped-def]
    browser, server: LiveServer
) -> None:
    page = signed_in_page(browser, server, "projets", viewport={"width": 1500, "height": 1000})
    wait_idle(page)
    grid = page.frame_locator(GRID)
    grid.locator(".ag-row").first.wait_for(timeout=30_000)
    before = _projects(server.db_url)
    assert before["P03"].status != "rejected"

    # A number typed in the cost cell is saved at once.
    _cell(grid, "P02", "total_cost").dblclick()
    editor = grid.locator(".ag-cell-inline-editing input").first
    editor.fill("2600000")
    editor.press("Enter")
    _wait_saved(page, server.db_url, lambda p: p["P02"].total_cost == 2_600_000)
    wait_idle(page)

    # A drop-down cell: the status of P03 becomes « Écarté ».
    grid = page.frame_locator(GRID)
    _cell(grid, "P03", "status").dblclick()
    picker = grid.locator(".ag-cell-inline-editing .ag-picker-field-wrapper")
    picker.wait_for(timeout=10_000)
    if picker.get_attribute("aria-expanded") != "true":
        picker.click()
    grid.locator(".ag-popup .ag-list-item, .ag-select-list .ag-list-item", has_text="Écarté").first.click()
    _wait_saved(page, server.db_url, lambda p: p["P03"].status == "rejected")
    wait_idle(page)

    # A negative cost is refused in French, naming the field and the project; nothing changes.
    grid = page.frame_locator(GRID)
    _cell(grid, "P04", "total_cost").dblclick()
    editor = grid.locator(".ag-cell-inline-editing input").first
    editor.fill("-5")
    editor.press("Enter")
    page.get_by_text("supérieure ou égale à 0").first.wait_for(timeout=20_000)
    assert "Coût total estimé (DH) — projet P04" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert _projects(server.db_url)["P04"].total_cost == before["P04"].total_cost
    shot(page, "projects-grid-refused")

    # Ticking a row makes it the current project of the other tabs.
    grid = page.frame_locator(GRID)
    grid.locator(".ag-row").first.wait_for(timeout=30_000)
    row = grid.locator(".ag-center-cols-container .ag-row").filter(
        has=grid.locator('.ag-cell[col-id="code"] .ag-cell-value:text-is("P05")')
    )
    row.locator(".ag-selection-checkbox input, .ag-checkbox-input").first.click()
    wait_idle(page)
    page.get_by_text("Projet courant : P05").first.wait_for(timeout=20_000)
    page.get_by_role("tab", name="Fiche projet").click()
    wait_idle(page)
    title = page.get_by_label("Intitulé (français)").first
    title.wait_for(timeout=20_000)
    assert title.input_value() == before["P05"].title  # the detail form opened on the ticked project
    after = _projects(server.db_url)
    assert after["P06"] == before["P06"]  # an untouched project stays as it was
    shot(page, "projects-grid")
    page.close()


def test_vision_typed_while_the_page_reruns_after_the_mission_is_saved(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Issue #10: save the mission, then at once fill the vision (Playwright's fill, as a paste) and save:
    the vision used to be lost in the rerun that followed the mission's save.  One form holds both now."""
    page = signed_in_page(browser, server, "vision", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    save = page.get_by_role("button", name="Enregistrer la mission, la vision et les valeurs")
    mission = page.get_by_role("textbox", name="Mission (français)", exact=True)
    mission.wait_for(timeout=20_000)
    mission.fill("Une commune qui sert chaque douar, avec ses femmes, ses jeunes et sa diaspora.")
    save.click()
    vision_box = page.get_by_role("textbox", name="Vision (français)", exact=True)
    vision_box.fill("En 2032, l'eau et l'école arrivent jusqu'au dernier douar.")  # during the rerun
    save.click()
    wait_idle(page)
    db = Database(server.db_url)
    try:
        poll(
            page,
            lambda: (
                (s := vision_service.get_strategy(db, _plan_id(db))).mission.startswith(
                    "Une commune qui sert"
                )
                and s.vision.startswith("En 2032, l'eau et l'école")
            ),
            timeout_s=15,
            what="the mission or the vision typed was lost",
        )
    finally:
        db.dispose()
    assert vision_box.input_value().startswith("En 2032, l'eau et l'école")
    page.close()


def test_vision_typed_key_by_key_while_the_mission_save_reruns(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """The harsh sequence, a few times over: retype the mission, save, type the vision key by key, Tab, save
    at once.  The « enregistré » message used to appear above the tabs after the mission's save; the form,
    moved down, was rebuilt while the vision was being typed, and the box went back to what it last sent
    (the previous vision, or its first letters), which the second save then stored."""
    page = signed_in_page(browser, server, "vision", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    save = page.get_by_role("button", name="Enregistrer la mission, la vision et les valeurs")
    mission = page.get_by_role("textbox", name="Mission (français)", exact=True)
    vision_box = page.get_by_role("textbox", name="Vision (français)", exact=True)
    mission.wait_for(timeout=20_000)
    db = Database(server.db_url)
    try:
        for k in range(4):
            wanted = (f"Mission {k} : servir chaque douar.", f"Vision {k} : l'eau et l'école pour tous.")
            for box, text in zip((mission, vision_box), wanted, strict=True):
                box.click()
                page.keyboard.press("Control+a")
                page.keyboard.type(text, delay=5)
                if box is vision_box:
                    page.keyboard.press("Tab")
                save.click()  # the mission's save: its rerun runs while the vision is typed
            wait_idle(page)

            def stored(wanted: tuple[str, str] = wanted) -> bool:
                s = vision_service.get_strategy(db, _plan_id(db))
                return (s.mission, s.vision) == wanted

            poll(page, stored, timeout_s=15, what=f"round {k}: the vision typed was lost")
            assert vision_box.input_value() == wanted[1], f"round {k}: the vision box went back"
    finally:
        db.dispose()
    page.close()


PAGES = [
    ("Vision & axes", "vision", ["Mission, vision, valeurs", "Axes et objectifs", "Arbre stratégique"]),
    ("Projets", "projects", ["Liste", "Marqueurs transversaux", "Couverture des marqueurs"]),
    ("Subsidiarité", "subsidiarity", ["Projets", "Synthèse"]),
]


def test_pages_in_projection_mode(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Each page and tab projected: no error on screen, titles in large type; screenshots to look at, at
    1920×1080 and 1280×720 (the size of the same page changes, not the session)."""
    page = signed_in_page(browser, server, None, viewport={"width": 1920, "height": 1080})
    ARTIFACTS.mkdir(exist_ok=True)
    for link, name, tabs in PAGES:
        page.goto(
            f"{server.url}/{ {'vision': 'vision', 'projects': 'projets', 'subsidiarity': 'subsidiarite'}[name] }"
            "?proj=1"
        )
        page.get_by_role("tab", name=tabs[0]).first.wait_for(timeout=30_000)
        for tab in tabs:
            page.get_by_role("tab", name=tab).first.click()
            wait_idle(page)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert "erreur inattendue" not in page.locator("body").inner_text()
            for width, height in ((1920, 1080), (1280, 720)):
                resize(page, width, height)
                title = page.locator("h1").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                assert title >= 40, f"{link}: title too small for a wall ({title}px at {width})"
                if name == "vision" and tab == tabs[0]:  # the mission and vision whole, in large type
                    wall = page.locator(".pac-wall p").first
                    wall.wait_for(state="visible", timeout=10_000)
                    size = wall.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                    assert size >= 24 and wall.inner_text().strip(), (size, wall.inner_text())
                page.screenshot(path=str(ARTIFACTS / f"{name}-{tab.split()[0].lower()}-{width}.png"))
    page.close()
