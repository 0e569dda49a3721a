"""What only a browser can check: editing findings in the AgGrid, and the SWOT projected on a wall.

Screenshots go to test-artifacts/ (diagnostic-grid.png, swot-projection-1920.png, swot-projection-1280.png).
"""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.services import diagnostic
from pac.services.communes import get_commune
from pac.services.demo import DEMO_SLUG
from tests.browser import ARTIFACTS, LiveServer, needs_browser, poll, resize, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]
GRID = 'iframe[title="st_aggrid.AgGrid.agGrid"]'


def _findings(db_url: str) -> dict[int, diagnostic.FindingView]:
    db = Database(db_url)
    try:
        return {f.id: f for f in diagnostic.list_findings(db, get_commune(db, DEMO_SLUG).id)}
    finally:
        db.dispose()


def _cell(grid, row_id: int, col: str):  # type: ignore[no-untyped-def]
    """The grid cell of finding n° `row_id`, column `col` (rows are found by the N° shown)."""
    row = grid.locator(".ag-center-cols-container .ag-row").filter(
        has=grid.locator(f'.ag-cell[col-id="number"] .ag-cell-value:text-is("{row_id}")')
    )
    return row.locator(f'.ag-cell[col-id="{col}"]')


def _wait_saved(page, db_url: str, check) -> None:  # type: ignore[no-untyped-def]
    poll(page, lambda: check(_findings(db_url)))


def _wait_cell(page, row_id: int, col: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """The grid, redrawn from the database after the save, shows `text` in that cell."""
    for _ in range(80):
        cell = _cell(page.frame_locator(GRID), row_id, col)
        if cell.count() and cell.inner_text().strip() == text:
            wait_idle(page)
            page.wait_for_timeout(1000)  # as a person would, before the next edit
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"the grid does not show {text!r} for finding {row_id}")


def test_findings_grid_sorts_edits_refuses_and_retags(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, "diagnostic", viewport={"width": 1500, "height": 1000})
    wait_idle(page)
    grid = page.frame_locator(GRID)
    grid.locator(".ag-row").first.wait_for(timeout=30_000)
    before = _findings(server.db_url)
    assert before[2].kind == "risk"

    # Sort: the N° header twice puts the last finding first.
    header = grid.locator('.ag-header-cell[col-id="number"] .ag-header-cell-label')
    header.click()
    header.click()
    first = grid.locator('.ag-center-cols-container .ag-row[row-index="0"] .ag-cell[col-id="number"]')
    assert first.inner_text().strip() == str(max(before))
    header.click()  # back to the order of entry
    page.wait_for_timeout(300)

    # Inline edit of a drop-down cell: the kind of finding n° 2 becomes « Potentialité », saved at once.
    _cell(grid, 2, "kind").dblclick()
    grid.locator(".ag-cell-inline-editing .ag-picker-field-wrapper").click()
    grid.locator(".ag-list-item", has_text="Potentialité").first.click()
    _wait_saved(page, server.db_url, lambda f: f[2].kind == "potential")
    _wait_cell(page, 2, "kind", "Potentialité")

    # Inline edit of the long text of finding n° 3.
    _cell(grid, 3, "text").dblclick()
    editor = grid.locator(".ag-large-text-input textarea, .ag-popup-editor textarea").first
    editor.fill("Électricité : trois douars du haut restent sans raccordement.")
    editor.press("Tab")
    _wait_saved(page, server.db_url, lambda f: f[3].text.startswith("Électricité : trois douars"))
    wait_idle(page)
    page.keyboard.press("Escape")
    _wait_cell(page, 3, "text", "Électricité : trois douars du haut restent sans raccordement.")

    # A script typed in a cell is refused with a French message naming the field; nothing changes.
    grid = page.frame_locator(GRID)
    _cell(grid, 4, "text").dblclick()
    editor = grid.locator(".ag-large-text-input textarea, .ag-popup-editor textarea").first
    editor.fill("<script>alert(1)</script>")
    editor.press("Tab")
    page.get_by_text("ne doit pas contenir de balises HTML").first.wait_for(timeout=20_000)
    assert "Constat" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert _findings(server.db_url)[4].text == before[4].text
    wait_idle(page)
    grid = page.frame_locator(GRID)
    page.keyboard.press("Escape")
    _wait_cell(page, 4, "text", before[4].text)  # the refused text went away from the grid
    shot(page, "diagnostic-grid-refused")

    # Multi-select two rows, then give them the same sector.
    grid = page.frame_locator(GRID)
    grid.locator(".ag-row").first.wait_for(timeout=30_000)
    for row_id in (1, 2):
        row = grid.locator(".ag-center-cols-container .ag-row").filter(
            has=grid.locator(f'.ag-cell[col-id="number"] .ag-cell-value:text-is("{row_id}")')
        )
        row.locator(".ag-selection-checkbox input, .ag-checkbox-input").first.click()
        wait_idle(page)
    page.get_by_text("2 constats sélectionnés").wait_for(timeout=20_000)
    shot(page, "diagnostic-grid-selected")
    page.get_by_label("Secteur").last.click()
    page.keyboard.type("Santé")
    page.get_by_role("option", name="Santé").first.click()
    page.get_by_role("button", name="Appliquer aux 2 constats").click()
    _wait_saved(page, server.db_url, lambda f: f[1].sector_code == f[2].sector_code == "health")
    wait_idle(page)
    page.get_by_text("2 constats re-classés.").wait_for(timeout=20_000)
    # the grid is drawn again from the database and shows the new sector
    _wait_cell(page, 1, "sector_code", "Santé")
    _wait_cell(page, 2, "sector_code", "Santé")
    # the grid is drawn without ticks, and the bulk panel no longer offers to act on them
    page.get_by_text("Cochez des constats dans le tableau").wait_for(timeout=20_000)
    shot(page, "diagnostic-grid")
    page.wait_for_timeout(2000)  # the redrawn grid never writes its older copy back
    after = _findings(server.db_url)
    assert after[1].sector_code == after[2].sector_code == "health"
    assert after[5] == before[5]  # an untouched finding stays as it was
    page.close()


def test_swot_in_projection_mode_shows_four_numbered_quadrants(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Projected at 1920×1080, then on the same page at 1280×720 (the size changes, not the session)."""
    page = signed_in_page(browser, server, "afom", viewport={"width": 1920, "height": 1080})
    wait_idle(page)
    page.get_by_text("Mode projection").click()
    wait_idle(page)
    page.locator(".pac-proj .pac-q-T").wait_for(timeout=20_000)
    for width, height in ((1920, 1080), (1280, 720)):
        resize(page, width, height)
        _quadrants_fit(page, width, height)
    page.close()


def _quadrants_fit(page, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    for q in ("S", "W", "O", "T"):
        box = page.locator(f".pac-q-{q}").bounding_box()
        assert box is not None
        # every quadrant starts and ends within the screen: the four are seen at once
        assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, (q, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (q, box)
    assert page.locator(".pac-q-S li").first.inner_text().startswith("F1")
    # Letters at least 2 % of the picture's height: about 4 cm on a 2-m-high projection, read from 8-10 m.
    size = page.locator(".pac-q-S li").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 0.02 * height, f"items too small to read from the back of the room: {size}px"
    # and every item of the demo is inside its quadrant's box (nothing hidden below the fold)
    hidden = page.evaluate("""() => Array.from(document.querySelectorAll('.pac-q li')).filter(li => {
        const q = li.closest('.pac-q').getBoundingClientRect(), r = li.getBoundingClientRect();
        return r.bottom > q.bottom + 1; }).length""")
    assert hidden == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"swot-projection-{width}.png"))  # the screen as the room sees it
