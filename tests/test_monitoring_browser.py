"""Page « Suivi-évaluation », view « Dispositif de suivi », in a browser at a laptop's 1366×800: a committee
row holding only a sex is refused (it was dropped under « Comité de suivi enregistré. »), the refusal shows
in sight of the button just clicked (it fell under the bottom of the screen), nothing is saved and what was
typed stays in the table.

Screenshots go to test-artifacts/ (monitoring-committee-refused-*.png)."""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.services import communes, monitoring
from pac.services.communes import get_commune
from pac.services.demo import DEMO_SLUG
from tests.browser import LiveServer, needs_browser, settled, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]

HEIGHT = 800
SAY = {
    "fr": {
        "view": "Dispositif de suivi",
        "save": "Enregistrer le comité",
        "sex": "Femme",
        "refusal": "Ligne {n}, champ « Rôle » : ce champ est obligatoire.",
        "saved": "Comité de suivi enregistré.",
    },
    "ar": {
        "view": "آلية التتبع",
        "save": "حفظ اللجنة",
        "sex": "امرأة",
        "refusal": "السطر {n}، حقل « الصفة »: هذه الخانة إلزامية.",
        "saved": "حفظت لجنة التتبع.",
    },
}


def _committee(db_url: str) -> tuple:  # type: ignore[type-arg]
    db = Database(db_url)
    try:
        plan = communes.get_current_plan(db, get_commune(db, DEMO_SLUG).id)
        assert plan is not None
        return monitoring.load_system(db, plan.id).committee
    finally:
        db.dispose()


def _pick(page, grid, row: int, col: int, text: str, tries: int = 6) -> None:  # type: ignore[no-untyped-def]
    """Choose `text` in the select cell (`row`, `col`) of a dynamic data editor, as a user does with the
    keyboard.  Its first column is the row marker (col 0): the click lands in the first data column (col 1),
    the arrow keys move on from there.  Each step is checked and the whole done again if a key was lost."""
    cell = grid.locator(f"#glide-cell-{col}-{row}")
    for _ in range(tries):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 60, box["y"] + 35 + 35 * row + 35 / 2)
        for _ in range(col - 1):
            page.keyboard.press("ArrowRight")
        try:
            page.wait_for_function(
                "id => document.activeElement && document.activeElement.id === id",
                arg=f"glide-cell-{col}-{row}",
                timeout=3_000,
            )
        except Exception:  # noqa: BLE001 - the click or a key was lost: try again
            page.keyboard.press("Escape")
            page.wait_for_timeout(400)
            continue
        page.keyboard.press("Enter")
        editor = page.locator("#portal input:not([disabled])").first
        try:
            editor.wait_for(state="visible", timeout=3_000)
        except Exception:  # noqa: BLE001 - the editor did not open: try again
            page.keyboard.press("Escape")
            continue
        page.keyboard.type(text, delay=40)
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        for _ in range(12):  # the grid writes the choice into its cell a moment later
            page.wait_for_timeout(250)
            if cell.inner_text().strip() == text:
                return
        page.keyboard.press("Escape")  # the choice was not taken: try again
    raise AssertionError(f"« {text} » chosen in the cell ({row}, {col}) never showed: {cell.inner_text()!r}")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_committee_row_with_only_a_sex_is_refused_in_sight_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    browser, server: LiveServer, lang: str
) -> None:
    say = SAY[lang]
    page = signed_in_page(browser, server, None, viewport={"width": 1366, "height": HEIGHT})
    try:
        if lang == "ar":
            page.context.add_cookies([{"name": "pac_lang", "value": "ar", "url": server.url}])
        page.goto(f"{server.url}/suivi-evaluation")
        page.locator('[data-testid="stSidebar"]').wait_for(state="attached", timeout=90_000)
        wait_idle(page)
        page.get_by_text(say["view"], exact=True).first.click()
        wait_idle(page)
        before = _committee(server.db_url)
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name=say["save"]))
        grid = form.locator('[data-testid="stDataFrame"]')
        settled(page)
        grid.hover()
        form.get_by_role("button", name="Add row").click()
        n = len(before)  # the new row's index (0-based): the table's row n + 1
        grid.locator(f"#glide-cell-4-{n}").wait_for(state="attached", timeout=10_000)
        _pick(page, grid, n, 4, say["sex"])  # « Sexe »: name, name, role, sex after the row marker
        page.keyboard.press("Escape")
        # The facilitator has the button in sight at the bottom of the screen, as on a laptop.
        button = form.get_by_role("button", name=say["save"])
        box = button.bounding_box()
        assert box is not None
        page.evaluate(
            "d => document.querySelector('[data-testid=\"stMain\"]').scrollBy(0, d)",
            box["y"] + box["height"] - (HEIGHT - 10),
        )
        page.wait_for_timeout(300)
        shot(page, f"monitoring-committee-refused-{lang}-before")
        button.click()
        wait_idle(page)
        alert = form.locator('[data-testid="stAlert"]').filter(has_text=say["refusal"].format(n=n + 1))
        alert.wait_for(timeout=20_000)
        page.wait_for_timeout(800)  # the smooth scroll
        shot(page, f"monitoring-committee-refused-{lang}")
        seen = alert.bounding_box()
        assert seen is not None
        assert seen["y"] >= 0 and seen["y"] + seen["height"] <= HEIGHT, seen  # in the viewport
        assert page.get_by_text(say["saved"]).count() == 0
        assert _committee(server.db_url) == before  # nothing saved
        assert grid.locator(f"#glide-cell-4-{n}").inner_text().strip() == say["sex"]  # kept in the table
    finally:
        page.close()
