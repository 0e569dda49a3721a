"""What only a browser shows of the facilitator's day (issue 10, part 1): a round opens on the first
click and its picker says so; user text stays text; a refused value keeps what was typed.

Screenshots go to test-artifacts/ (facilitator-*.png)."""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.services import communes
from pac.services.communes import get_commune
from pac.services.demo import DEMO_SLUG
from pac.services.vote import rounds as vote_service
from tests.browser import LiveServer, grid_type, needs_browser, poll, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]


def _plan_id(db: Database) -> int:
    plan = communes.get_current_plan(db, get_commune(db, DEMO_SLUG).id)
    assert plan is not None
    return plan.id


def _round(db_url: str, title: str):  # type: ignore[no-untyped-def]
    db = Database(db_url)
    try:
        return next((r for r in vote_service.list_rounds(db, _plan_id(db)) if r.title == title), None)
    finally:
        db.dispose()


def test_a_new_round_opens_on_the_first_click_and_its_picker_says_open(  # type: ignore[no-untyped-def]
    browser, server: LiveServer
) -> None:
    page = signed_in_page(browser, server, "vote", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Tour de vote")
    page.get_by_label("Tour de vote", exact=True).click()
    page.get_by_role("option", name="Nouveau tour de vote").click()
    wait_idle(page)
    title = page.get_by_label("Intitulé du tour (français)", exact=True)
    title.fill("Tour du matin")
    page.get_by_role("button", name="Créer le tour de vote").click()
    wait_idle(page)
    poll(page, lambda: _round(server.db_url, "Tour du matin") is not None, what="the round was not created")
    page.get_by_role("button", name="Ouvrir le vote").click()
    wait_idle(page)
    poll(
        page,
        lambda: _round(server.db_url, "Tour du matin").status == "open",
        what="the first click on « Ouvrir le vote » did not open the round",
    )
    wait_idle(page)
    shot(page, "facilitator-vote-opened")
    shown = picker.locator("input").input_value()
    assert shown.endswith("Ouvert") and "En préparation" not in shown, shown
    assert not page.get_by_role("button", name="Créer le tour de vote").is_visible()


def _workshops(db_url: str) -> list:  # type: ignore[type-arg]
    db = Database(db_url)
    try:
        return communes.list_workshops(db, get_commune(db, DEMO_SLUG).id)
    finally:
        db.dispose()


def test_a_negative_attendance_is_refused_naming_the_cell_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    browser, server: LiveServer
) -> None:
    """Issue 10, item 5: « -3 » typed in the attendance grid was saved as 3 (the grid dropped the sign)."""
    page = signed_in_page(browser, server, "communes", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    page.get_by_role("tab", name="Ateliers").click()
    wait_idle(page)
    before = _workshops(server.db_url)
    form = page.locator('[data-testid="stForm"]').locator("visible=true").filter(has_text="Participation")
    form.get_by_label("Intitulé (français)", exact=True).fill("Atelier de Tinzert")
    grid = form.locator('[data-testid="stDataFrame"]')
    cell = form.locator("#glide-cell-1-0")  # « Femmes » of the first row
    grid_type(page, grid, 0, 1, "-3")
    form.get_by_role("button", name="Ajouter l'atelier").click()
    wait_idle(page)
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Femmes — Élu·e")
    try:
        alert.wait_for(timeout=20_000)
    finally:
        shot(page, "facilitator-attendance-refused")
    assert "supérieure ou égale à 0" in alert.inner_text() and "-3" in alert.inner_text(), alert.inner_text()
    assert _workshops(server.db_url) == before  # nothing saved
    assert form.get_by_label("Intitulé (français)", exact=True).input_value() == "Atelier de Tinzert"  # kept
    assert cell.inner_text().strip() == "-3", cell.inner_text()  # what was typed is still in the grid
    page.close()


def _strategy(db_url: str):  # type: ignore[no-untyped-def]
    from pac.services import vision

    db = Database(db_url)
    try:
        return vision.get_strategy(db, _plan_id(db))
    finally:
        db.dispose()


def test_typing_then_enter_links_one_swot_item_not_every_match(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Issue 10, item 7: « filles » + Enter linked five fuzzy matches (a Force among them) at once, under an
    English « Select 5 matches » entry."""
    page = signed_in_page(browser, server, "vision", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    page.get_by_role("tab", name="Liens avec l'AFOM").click()
    wait_idle(page)
    before = _strategy(server.db_url)
    obj = before.objectives[0]
    items = {i.id: i for i in before.swot}
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=f"{obj.code} · {obj.title}")
    box.locator("input").first.click()
    page.keyboard.type("filles", delay=40)
    page.wait_for_timeout(500)
    listed = page.get_by_role("option").all_inner_texts()
    shot(page, "facilitator-links-search")
    assert listed and all("filles" in x.lower() for x in listed), listed  # only what contains the word
    assert not any("select" in x.lower() or "match" in x.lower() for x in listed), listed
    page.keyboard.press("Enter")
    wait_idle(page)
    poll(page, lambda: len(_strategy(server.db_url).objectives[0].swot_ids) != len(obj.swot_ids))
    page.wait_for_timeout(1000)
    after = _strategy(server.db_url).objectives[0]
    added = set(after.swot_ids) - set(obj.swot_ids)
    assert len(added) == 1 and set(obj.swot_ids) <= set(after.swot_ids), (obj.swot_ids, after.swot_ids)
    [new] = added
    assert "filles" in items[new].text and items[new].quadrant != "S"
    page.close()


NASTY = "[voter ici](http://example.invalid/x) ![i](http://example.invalid/i.png) **x** :red[y]"


def test_option_labels_on_the_paper_tab_are_text_not_a_link_or_an_image(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Issue 10, item 12: an option label holding markdown became a live link and an image the browser
    loaded, on the paper-ballot tab."""
    db = Database(server.db_url)
    try:
        r = vote_service.create_round(
            db,
            _plan_id(db),
            {
                "title": "Tour piégé",
                "method": "dots",
                "option_kind": "free",
                "free_options": f"{NASTY}\nPiste B",
            },
        )
        vote_service.open_round(db, r.id)
    finally:
        db.dispose()
    page = signed_in_page(browser, server, None, viewport={"width": 1366, "height": 800})
    loaded: list[str] = []
    page.on("request", lambda req: loaded.append(req.url) if "example.invalid" in req.url else None)
    page.goto(f"{server.url}/vote")
    wait_idle(page)
    page.get_by_label("Tour de vote", exact=True).click()
    page.get_by_role("option", name="Tour piégé", exact=False).click()
    wait_idle(page)
    page.get_by_role("tab", name="Bulletins papier").click()
    wait_idle(page)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("[voter ici](http", exact=False).first.wait_for(timeout=20_000)
    shot(page, "facilitator-paper-plain-text")
    assert main.locator('a[href*="example.invalid"]').count() == 0
    assert main.locator('img[src*="example.invalid"]').count() == 0
    assert not loaded, loaded
    page.close()
