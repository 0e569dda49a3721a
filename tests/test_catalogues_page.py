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


def test_the_mandates_and_the_arabic_keywords_are_editable_on_the_page(
    app_env: Path, demo_commune_id: int
) -> None:
    """Issue 14: the councils' mandates are an editable catalogue with their source; competences carry
    their Arabic keywords in a column of their own."""
    for name, saved in (
        ("mandates", "Mandats des conseils (élections) : 3 lignes"),
        ("competences", "Compétences : 64"),
    ):
        at = logged_in_app(f"sqlite:///{app_env}", "pages/catalogues.py", commune_id=demo_commune_id)
        at.session_state["refs_pick"] = name
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        [save] = [b for b in at.button if b.label == "Enregistrer le référentiel"]
        save.click()
        at.run()
        assert not at.error, (name, [e.value for e in at.error])
        assert any(saved in s.value for s in at.success), (name, [s.value for s in at.success])
