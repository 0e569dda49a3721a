"""Page « Suivi-évaluation », view « Dispositif de suivi », in a browser at a laptop's 1366×800: a committee
row holding only a sex is refused (it was dropped under « Comité de suivi enregistré. »), the refusal shows
in sight of the button just clicked (it fell under the bottom of the screen), nothing is saved and what was
typed stays in the table.

Screenshots go to test-artifacts/ (monitoring-committee-refused-*.png)."""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.i18n import t
from pac.services import communes, monitoring
from pac.services.communes import get_commune
from pac.services.demo import DEMO_SLUG
from tests.browser import LiveServer, grid_type, needs_browser, settled, shot, signed_in_page, wait_idle

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
        form.get_by_role("button", name=t("frame.chrome.add_row", lang)).click()
        n = len(before)  # the new row's index (0-based): the table's row n + 1
        grid.locator(f"#glide-cell-4-{n}").wait_for(state="attached", timeout=10_000)
        grid_type(
            page, grid, n, 4, say["sex"], first_col=1, choose=True
        )  # « Sexe »: name, name, role, sex after the row marker
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
