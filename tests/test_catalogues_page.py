"""Page « Référentiels »: the catalogues are shown with French headers and saved all or nothing."""

from __future__ import annotations

from pathlib import Path

from tests.apptest_utils import logged_in_app


def test_catalogue_page_shows_each_catalogue(app_env: Path, demo_commune_id: int) -> None:
    at = logged_in_app(f"sqlite:///{app_env}", "pages/catalogues.py", commune_id=demo_commune_id)
    assert not at.exception
    assert at.title[0].value == "Référentiels"
    assert "lignes" in at.caption[1].value
    [save] = [b for b in at.button if b.label == "Enregistrer le référentiel"]
    save.click()  # saving the unchanged table is accepted
    at.run()
    assert not at.error, [e.value for e in at.error]
    assert any("lignes enregistrées" in s.value for s in at.success)
