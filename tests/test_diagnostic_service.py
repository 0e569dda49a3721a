"""The diagnostic through the service layer, on a real SQLite file: findings, import, figures, finances, undo."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select

from pac.db import Database
from pac.domain.errors import DomainError
from pac.domain.finance import YearFigures
from pac.models import AuditEntry, Finding, SwotFinding
from pac.services import communes, diagnostic, swot


@pytest.fixture
def commune(catalogued_db: Database) -> int:
    c = communes.create_commune(catalogued_db, {"name_fr": "Ammelne", "province": "Tiznit"})
    diagnostic.save_douars(
        catalogued_db, c.id, [{"name": "Tagmout", "population": 320}, {"name": "Aït Ali", "population": 140}]
    )
    return c.id


WATER = {
    "source": "diagnostic_workshop",
    "kind": "constraint",
    "text": "Coupures d'eau en été",
    "sector": "water",
    "douars": "Tagmout",
    "raised_by": "women",
}


def test_add_finding_then_reopen_proves_the_commit(catalogued_db: Database, commune: int) -> None:
    f = diagnostic.add_finding(catalogued_db, commune, WATER, "Aïcha")
    assert (f.kind, f.sector_code, f.douar_names, f.raised_by) == (
        "constraint",
        "water",
        ("Tagmout",),
        "women",
    )
    reopened = Database(catalogued_db.url)
    try:
        frame = diagnostic.findings_frame(reopened, commune)
        assert frame.to_dict("records") == [
            {
                "id": f.id,
                "number": 1,
                "source": "diagnostic_workshop",
                "sector_code": "water",
                "kind": "constraint",
                "text": "Coupures d'eau en été",
                "text_ar": "",
                "raised_by": "women",
                "douars": "Tagmout",
            }
        ]
        (entry,) = diagnostic.history(reopened, commune)
        assert entry.username == "Aïcha" and entry.action == "create" and "Coupures" in entry.summary
    finally:
        reopened.dispose()


def test_bad_finding_is_refused_and_nothing_is_written(catalogued_db: Database, commune: int) -> None:
    with pytest.raises(DomainError) as e:
        diagnostic.add_finding(catalogued_db, commune, {**WATER, "text": "<b>x</b>", "kind": "rumeur"})
    assert {p.field for p in e.value.problems} == {"Constat", "Type de constat"}
    assert diagnostic.count_findings(catalogued_db, commune) == 0
    with catalogued_db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_grid_edits_retag_delete_and_undo_each(catalogued_db: Database, commune: int) -> None:
    db = catalogued_db
    a = diagnostic.add_finding(db, commune, WATER)
    b = diagnostic.add_finding(
        db, commune, {**WATER, "kind": "need", "text": "Un château d'eau", "douars": ""}
    )
    # one grid edit: the full row comes back, with codes
    diagnostic.update_findings(db, commune, {a.id: {**WATER, "text": "Coupures d'eau chaque été"}})
    # a refused grid edit changes nothing, not even the valid row sent with it
    with pytest.raises(DomainError) as e:
        diagnostic.update_findings(db, commune, {a.id: {**WATER, "text": "ok"}, b.id: {**WATER, "kind": "?"}})
    assert e.value.problems[0].field == f"Type de constat (constat n° {b.id})"
    assert diagnostic.list_findings(db, commune)[0].text == "Coupures d'eau chaque été"
    # bulk re-tag: only the fields given change
    assert (
        diagnostic.retag_findings(db, commune, [a.id, b.id], {"sector": "health", "douars": ["Aït Ali"]}) == 2
    )
    views = {f.id: f for f in diagnostic.list_findings(db, commune)}
    assert {f.sector_code for f in views.values()} == {"health"}
    assert views[a.id].douar_names == ("Aït Ali",) and views[b.id].kind == "need"
    with pytest.raises(DomainError, match="sélectionnez"):
        diagnostic.retag_findings(db, commune, [], {"sector": "water"})
    # delete takes the SWOT links along; undo brings finding and links back
    plan = communes.create_plan(db, commune, {"start_year": 2028})
    item = swot.add_item(db, plan.id, {"quadrant": "W", "text": "Eau", "finding_ids": [a.id]})
    diagnostic.delete_findings(db, commune, [a.id])
    assert swot.list_items(db, plan.id)[0].finding_ids == ()
    undone = diagnostic.undo_last(db, commune)
    assert undone.action == "delete"
    assert swot.list_items(db, plan.id)[0].finding_ids == (a.id,)
    assert diagnostic.list_findings(db, commune)[0].douar_names == ("Aït Ali",)
    # further undos walk back: the re-tag, then the edit
    diagnostic.undo_last(db, commune)
    assert {f.sector_code for f in diagnostic.list_findings(db, commune)} == {"water"}
    diagnostic.undo_last(db, commune)
    assert diagnostic.list_findings(db, commune)[0].text == "Coupures d'eau en été"
    assert item.finding_ids == (a.id,)


def test_findings_are_numbered_per_commune(catalogued_db: Database, commune: int) -> None:
    """Issue 10, item 9: Tinzert's first finding read « Constat n° 61 » (the ids run across communes)."""
    db = catalogued_db
    for _ in range(3):
        diagnostic.add_finding(db, commune, WATER)
    other = communes.create_commune(db, {"name_fr": "Tinzert", "province": "Taroudannt"}).id
    first = diagnostic.add_finding(db, other, {**WATER, "douars": ""})
    second = diagnostic.add_finding(db, other, {**WATER, "douars": "", "text": "Piste coupée"})
    assert (first.number, second.number) == (1, 2) and first.id == 4
    assert [f.number for f in diagnostic.list_findings(db, commune)] == [1, 2, 3]
    assert list(diagnostic.findings_frame(db, other)["number"]) == [1, 2]


def test_undo_refuses_when_the_rows_changed_since(catalogued_db: Database, commune: int) -> None:
    db = catalogued_db
    a = diagnostic.add_finding(db, commune, WATER)
    diagnostic.update_findings(db, commune, {a.id: {**WATER, "text": "Deux"}})
    with db.write() as s:  # someone else (another page) changes the row afterwards, without the trail
        s.get(Finding, a.id).text = "Trois"
    with pytest.raises(DomainError, match="modifiés depuis"):
        diagnostic.undo_last(db, commune)
    assert diagnostic.list_findings(db, commune)[0].text == "Trois"


def test_import_is_all_or_nothing(catalogued_db: Database, commune: int) -> None:
    db = catalogued_db
    df = pd.DataFrame(
        {
            "Constat": ["A", "B", ""],
            "Type": ["Atout", "Besoin", ""],
            "Source": ["Monographie", "Monographie", ""],
            "Douar": ["Tagmout", "Inconnu", ""],
        },
        index=[2, 3, 4],
    )
    mapping = {
        "text": "Constat",
        "kind": "Type",
        "source": "Source",
        "douars": "Douar",
        "sector": None,
        "raised_by": None,
    }
    with pytest.raises(DomainError) as e:
        diagnostic.import_findings(db, commune, df, mapping)
    assert [p.row for p in e.value.problems] == [3]
    assert diagnostic.count_findings(db, commune) == 0
    df.loc[3, "Douar"] = "Aït Ali"
    assert diagnostic.check_import(db, commune, df, mapping).ok
    assert diagnostic.import_findings(db, commune, df, mapping, "Aïcha") == 2
    assert diagnostic.history(db, commune)[0].summary == "2 constats importés"
    diagnostic.undo_last(db, commune)  # the whole import goes back in one step
    assert diagnostic.count_findings(db, commune) == 0


def test_key_figures_population_and_douars(catalogued_db: Database, commune: int) -> None:
    db = catalogued_db
    frame = diagnostic.key_figures_frame(db, commune)
    assert frame["value"].isna().all() and ("schooling_primary", "f") in set(
        zip(frame["code"], frame["sex"], strict=True)
    )
    rows = frame.to_dict("records")
    rows[0]["value"] = 58.0
    rows.append({"code": None, "label": "Pistes communales", "sex": "all", "value": 62, "unit": "km"})
    assert diagnostic.save_key_figures(db, commune, rows) == 2
    again = diagnostic.key_figures_frame(db, commune)
    assert again.loc[again["code"] == "access_water", "value"].item() == 58.0
    assert "pistes_communales" in set(again["code"])
    diagnostic.save_population(
        db,
        commune,
        {"population": 7000, "population_women": 3600, "population_men": 3400, "households": 1200},
    )
    assert diagnostic.population(db, commune).households == 1200
    # a douar cited by a finding cannot be removed; an unused one can; renames keep the links
    f = diagnostic.add_finding(db, commune, WATER)
    douars = diagnostic.douars_frame(db, commune).to_dict("records")
    with pytest.raises(DomainError, match="Tagmout"):
        diagnostic.save_douars(db, commune, [r for r in douars if r["name"] != "Tagmout"])
    renamed = [
        {**r, "name": "Tagmoute"} if r["name"] == "Tagmout" else r for r in douars if r["name"] != "Aït Ali"
    ]
    diagnostic.save_douars(db, commune, renamed)
    assert diagnostic.list_findings(db, commune)[0].douar_names == ("Tagmoute",)
    assert f.id == diagnostic.list_findings(db, commune)[0].id


def test_finances_and_the_years_the_triennial_plan_reads(catalogued_db: Database, commune: int) -> None:
    db = catalogued_db
    rows = [
        {
            "year": 2023,
            "own_revenues": 1_100_000,
            "vat_share": 8_000_000,
            "other_transfers": 300_000,
            "operating_expenses": 6_900_000,
            "debt_service": 400_000,
            "is_forecast": False,
            "note": "CA",
        },
        {
            "year": 2024,
            "own_revenues": 1_200_000,
            "vat_share": 8_200_000,
            "operating_expenses": 7_000_000,
            "capacity_override": 2_000_000,
            "is_forecast": True,
        },
    ]
    assert diagnostic.save_finances(db, commune, rows) == 2
    years = diagnostic.finance_years(db, commune)
    assert years[0] == YearFigures(2023, 1_100_000, 8_000_000, 300_000, 6_900_000, 400_000, None, False)
    assert years[0].investment_capacity == 2_100_000 and years[1].investment_capacity == 2_000_000
    with pytest.raises(DomainError):
        diagnostic.save_finances(db, commune, [*rows, {"year": 2023, "own_revenues": 1}])
    assert len(diagnostic.finance_years(db, commune)) == 2
    diagnostic.save_finances(db, commune, rows[:1])  # a year removed from the table goes away
    assert [y.year for y in diagnostic.finance_years(db, commune)] == [2023]


def test_summary_of_the_demo(demo_db: Database, demo_commune_id: int) -> None:
    result = diagnostic.summary(demo_db, demo_commune_id)
    assert result.total == diagnostic.count_findings(demo_db, demo_commune_id) > 0
    assert int(result.by_kind["total"].sum()) == result.total == int(result.by_source["total"].sum())
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(SwotFinding)) > 0
