"""Page « Documents » and the dashboard's NGO view, run with AppTest over a copy of the demo database."""

from __future__ import annotations

from pathlib import Path

import pytest

from pac.db import Database
from pac.services import communes, documents, home
from pac.services.demo import DEMO_SLUG
from tests.apptest_utils import logged_in_app


def _demo_id(url: str) -> int:
    db = Database(url)
    try:
        return communes.get_commune(db, DEMO_SLUG).id
    finally:
        db.dispose()


def test_documents_page_makes_the_excel_plan_and_offers_it(
    app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAC_EXPORTS_DIR", str(tmp_path / "exports"))
    url = f"sqlite:///{app_env}"
    at = logged_in_app(url, "pages/documents.py", _demo_id(url))
    assert not at.exception and not at.error
    at.multiselect(key="documents_kinds_fr").set_value(["plan"])
    at.multiselect(key="documents_formats_fr").set_value(["xlsx"])
    at.button[0].click()  # the form's « Produire »
    at.run(timeout=120)
    assert not at.exception, at.exception
    assert any("prêt" in s.value for s in at.success), [s.value for s in at.success]
    assert (tmp_path / "exports" / DEMO_SLUG / f"plan-{DEMO_SLUG}-fr.xlsx").exists()


def test_documents_page_refuses_an_impossible_combination(app_env: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PAC_EXPORTS_DIR", str(tmp_path / "exports"))
    url = f"sqlite:///{app_env}"
    at = logged_in_app(url, "pages/documents.py", _demo_id(url))
    at.multiselect(key="documents_kinds_fr").set_value(["plan"])
    at.multiselect(key="documents_formats_fr").set_value(["pdf"])
    at.button[0].click()
    at.run()
    assert [e.value for e in at.error] == [
        "Aucune combinaison possible : le plan Excel se produit en xlsx, les autres documents en PDF ou Word."
    ]
    assert not (tmp_path / "exports").exists()  # nothing made


def test_ngo_board_compares_communes_with_a_plan(demo_db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PAC_EXPORTS_DIR", str(tmp_path))
    documents.produce(demo_db, DEMO_SLUG, "plan", "xlsx", "ar")
    [row] = home.ngo_board(demo_db)  # the mission's communes have no plan yet
    assert row.slug == DEMO_SLUG and row.documents == 1 and row.last_document is not None
    assert sum(row.cost_by_axis.values()) > 0 and set(row.cost_by_axis) >= {"A1", "A2"}
    assert row.capacity > 0 and row.ratio == pytest.approx(row.share / row.capacity)
    assert 0 <= row.gender_with_indicator <= row.gender_projects


def test_dashboard_shows_the_ngo_view_when_asked(app_env: Path) -> None:
    url = f"sqlite:///{app_env}"
    at = logged_in_app(url, "pages/home.py", _demo_id(url))
    assert not at.exception
    at.toggle(key="home_ngo_view").set_value(True)
    at.run()
    assert not at.exception and not at.error
    assert len(at.dataframe) >= 4  # all communes, then cost by axis, capacity, gender and checklist
