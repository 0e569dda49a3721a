"""Page « Documents » in Debian chromium: pick documents, formats and languages, watch each one being made,
download one and the zip; the files are also under exports/<commune>/; French, Arabic and a 360 px phone."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pac.services.demo import DEMO_SLUG
from tests.browser import LiveServer, live_server, needs_browser, settled, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture(scope="module")
def docs_server(
    demo_file: Path, tmp_path_factory: pytest.TempPathFactory, browser
) -> Iterator[tuple[LiveServer, Path]]:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path_factory.mktemp("docs-live")
    shutil.copy(demo_file, root / "live.db")
    exports = root / "exports"
    with live_server(root / "live.db", extra_env={"PAC_EXPORTS_DIR": str(exports)}) as s:
        yield s, exports


def _multiselect(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_make_documents_with_progress_and_download_them(docs_server, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, exports = docs_server
    page = signed_in_page(
        browser, server, "documents", viewport={"width": 1366, "height": 800}, accept_downloads=True
    )
    try:
        settled(page)
        page.get_by_text("Choisissez les documents").wait_for(timeout=60_000)
        # Default: the PAC document, PDF, French.  Add the Excel plan and Word; without charts (faster).
        _multiselect(page, "Documents", "Plan triennal et indicateurs (Excel)")
        _multiselect(page, "Formats", "Excel")
        page.get_by_text("Avec les graphiques").click()
        shot(page, "documents-fr-form")
        page.get_by_role("button", name="Produire").click()
        # Each document has its line; the PAC PDF is made first, the Excel plan next.
        page.get_by_text("Plan d'Action de la Commune · PDF · Français — prêt").wait_for(timeout=120_000)
        page.get_by_text("Plan triennal et indicateurs (Excel) · Excel · Français — prêt").wait_for(
            timeout=60_000
        )
        wait_idle(page)
        page.get_by_text("2 fichiers produits.").wait_for()
        settled(page)
        shot(page, "documents-fr-made")
        with page.expect_download() as dl:
            page.get_by_role("button", name="Tout télécharger (zip)").click()
        zipped = dl.value.path().read_bytes()
        names = sorted(zipfile.ZipFile(io.BytesIO(zipped)).namelist())
        assert names == [f"pac-{DEMO_SLUG}-fr.pdf", f"plan-{DEMO_SLUG}-fr.xlsx"]
        assert sorted(os.listdir(exports / DEMO_SLUG)) == names  # also written on the laptop
        with page.expect_download() as dl:
            page.get_by_role(
                "button",
                name=f"Télécharger · Plan d'Action de la Commune · PDF · Français (pac-{DEMO_SLUG}-fr.pdf)",
            ).click()
        assert dl.value.path().read_bytes()[:5] == b"%PDF-"
        # The list of files produced for this commune, after a rerun
        page.reload()
        settled(page)
        page.get_by_text(f"pac-{DEMO_SLUG}-fr.pdf").wait_for(state="attached", timeout=30_000)  # grid cell
    finally:
        page.close()


def test_nothing_chosen_is_refused_in_the_page(docs_server, browser) -> None:  # type: ignore[no-untyped-def]
    server, _ = docs_server
    page = signed_in_page(browser, server, "documents", viewport={"width": 1366, "height": 800})
    try:
        settled(page)
        box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Formats")
        box.get_by_role("button", name="Clear all").or_(box.locator('[aria-label="Clear all"]')).first.click()
        page.get_by_role("button", name="Produire").click()
        page.get_by_text("Choisissez au moins un document, un format et une langue.").wait_for(timeout=30_000)
    finally:
        page.close()


def test_arabic_and_phone_screens(docs_server, browser) -> None:  # type: ignore[no-untyped-def]
    server, _ = docs_server
    page = signed_in_page(browser, server, "documents", viewport={"width": 1366, "height": 800})
    try:
        settled(page)
        page.locator('[data-testid="stSidebar"]').get_by_text("العربية", exact=True).first.click()
        wait_idle(page)
        page.get_by_role("button", name="إنتاج").wait_for(timeout=30_000)
        settled(page)
        shot(page, "documents-ar")
        page.set_viewport_size({"width": 360, "height": 740})
        settled(page)
        shot(page, "documents-ar-phone")
        page.set_viewport_size({"width": 1920, "height": 1080})
        settled(page)
        shot(page, "documents-ar-wall")
    finally:
        page.close()


def test_dashboard_compares_the_communes_for_the_ngo(docs_server, browser) -> None:  # type: ignore[no-untyped-def]
    server, _ = docs_server
    page = signed_in_page(browser, server, "tableau-de-bord", viewport={"width": 1366, "height": 800})
    try:
        settled(page)
        page.get_by_text("Comparer les communes").click()
        wait_idle(page)
        page.get_by_text("Part de la commune et capacité d'investissement").wait_for(timeout=60_000)
        settled(page)
        page.get_by_text("Vue d'ensemble pour l'ONG").scroll_into_view_if_needed()
        shot(page, "documents-ngo-fr")
        page.locator('[data-testid="stSidebar"]').get_by_text("العربية", exact=True).first.click()
        wait_idle(page)
        page.get_by_text("مقارنة الجماعات").wait_for(timeout=30_000)
        settled(page)
        shot(page, "documents-ngo-ar")
    finally:
        page.close()
