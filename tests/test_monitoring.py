"""Monitoring and evaluation through its services, on a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bench.plan import seed_plan
from pac.db import Database
from pac.domain.errors import DomainError
from pac.models import Indicator, IndicatorTarget, Measurement, MeCommitteeMember, MeEvent, MeTool, Project
from pac.services import monitoring, plan


@pytest.fixture
def seeded(catalogued_db: Database) -> tuple[Database, int, int]:
    cid, pid = seed_plan(catalogued_db, projects=8, fundings=12, indicators=4, tracking=False)
    return catalogued_db, cid, pid


def count(db: Database, model) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def first_retained(db: Database, plan_id: int) -> int:
    return plan.load_board(db, plan_id).retained[0].id


INDICATOR = {
    "level": "output",
    "name": "Ménages raccordés au réseau",
    "unit": "ménages",
    "baseline_value": 0,
    "baseline_year": 2026,
    "target_final": 360,
    "targets": {2027: 120, 2028: 240, 2029: 360},
    "source": "Registre des branchements (ONEE)",
    "frequency": "yearly",
    "responsible": "Service technique",
    "disaggregation": ["douar"],
    "is_gender": False,
}


# --------------------------------------------------------------------------- indicators


def test_coverage_names_the_retained_projects_without_an_indicator(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    board = monitoring.load_indicators(db, pid)
    assert len(board.coverage) == 6  # three quarters of 8 retained
    assert [p.code for p in board.without_indicator] == [
        "P05",
        "P06",
    ]  # the seed gave 4 indicators to P01-P04
    assert {a.kind for a in board.objectives} == {"objective"} and len(board.objectives) == 15


def test_save_an_indicator_with_targets_then_reopen(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    project_id = monitoring.load_indicators(db, pid).without_indicator[0].project_id
    view = monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": project_id})
    assert view.code == "P05-I1"  # a code given from the project
    assert view.anchor.startswith("P05 — ")
    reopened = Database(db.url)
    try:
        board = monitoring.load_indicators(reopened, pid)
    finally:
        reopened.dispose()
    saved = board.get(view.id)
    assert saved.targets == {2027: 120, 2028: 240, 2029: 360}
    assert saved.objective_id is not None  # the project's objective, so the indicator appears under both
    assert [p.code for p in board.without_indicator] == ["P06"]
    # change it: targets replaced, not added
    monitoring.save_indicator(db, pid, {**saved.values(), "targets": {2030: 400}, "is_gender": True}, view.id)
    again = monitoring.load_indicators(db, pid).get(view.id)
    assert again.targets == {2030: 400} and again.gender_sensitive
    assert count(db, IndicatorTarget) == 4 * 6 + 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"targets": {2028: "beaucoup"}}, "Cible 2028"),
        ({"targets": {2040: 1}}, "Cible par année"),
        ({"name": "  "}, "Intitulé"),
        ({"level": "x"}, "Niveau"),
        ({"project_id": None}, "Rattachement"),
        ({"project_id": 99_999}, "Projet"),
        ({"code": "I001"}, "Code"),
        ({"baseline_value": "n/a"}, "Valeur de référence"),
    ],
)
def test_bad_indicators_are_refused_and_nothing_is_saved(seeded, change, field) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    project_id = first_retained(db, pid)
    before = count(db, Indicator), count(db, IndicatorTarget)
    with pytest.raises(DomainError) as e:
        monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": project_id, **change})
    assert field in {p.field for p in e.value.problems}, e.value.messages
    assert (count(db, Indicator), count(db, IndicatorTarget)) == before


def test_an_objective_of_another_plan_is_refused(seeded, catalogued_db: Database) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    _, other = seed_plan(db, projects=2, fundings=1, indicators=1, name="Autre commune", tracking=False)
    foreign = monitoring.load_indicators(db, other).objectives[0].id
    with pytest.raises(DomainError, match="n'appartient pas à ce plan"):
        monitoring.save_indicator(db, pid, {**INDICATOR, "objective_id": foreign})


def test_measurements_by_year_and_sex_blank_removes(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    project_id = first_retained(db, pid)
    view = monitoring.save_indicator(
        db, pid, {**INDICATOR, "project_id": project_id, "disaggregation": ["sex"]}
    )
    monitoring.save_measurements(db, view.id, 2027, {"all": 100, "f": "46", "m": 54}, "Relevé ONEE")
    assert monitoring.load_indicators(db, pid).get(view.id).measurements == {
        (2027, "all"): 100,
        (2027, "f"): 46,
        (2027, "m"): 54,
    }
    monitoring.save_measurements(db, view.id, 2027, {"all": 110, "f": None, "m": None})
    assert monitoring.load_indicators(db, pid).get(view.id).actuals() == {2027: 110}
    assert count(db, Measurement) == 1
    with pytest.raises(DomainError) as e:
        monitoring.save_measurements(db, view.id, 2027, {"all": "cent", "f": 3})
    assert {p.field for p in e.value.problems} == {"Valeur mesurée"}
    with pytest.raises(DomainError, match="hors de la période"):
        monitoring.save_measurements(db, view.id, 2040, {"all": 1})
    assert monitoring.load_indicators(db, pid).get(view.id).actuals() == {2027: 110}


def test_delete_indicator_removes_targets_and_measurements(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    view = monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": first_retained(db, pid)})
    monitoring.save_measurements(db, view.id, 2027, {"all": 5})
    monitoring.delete_indicator(db, view.id)
    assert count(db, Measurement) == 0 and count(db, Indicator) == 4


# --------------------------------------------------------------------------- progress


def test_progress_late_and_over_budget_stand_out(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    board = plan.load_board(db, pid)
    a, b = [p for p in board.retained if p.start_year == 2027][:2]
    monitoring.save_progress(db, a.id, {"year": 2027, "status": "in_progress", "percent_done": 5, "spent": 0})
    monitoring.save_progress(
        db,
        b.id,
        {"year": 2027, "status": "in_progress", "percent_done": 90, "spent": b.budget.total_cost * 1.5},
    )
    tracking = monitoring.load_tracking(db, pid, 2027)
    assert a.code in {p.code for p in tracking.late}
    assert b.code in {p.code for p in tracking.over_budget}
    # the 2027 state carries over when 2028 has none recorded
    later = {p.code: p for p in monitoring.load_tracking(db, pid, 2028).projects}
    assert later[a.code].percent_done == 5 and later[a.code].year == 2027
    # upsert: one row per project and year
    monitoring.save_progress(db, a.id, {"year": 2027, "status": "done", "percent_done": 100, "spent": 10})
    assert {p.code: p for p in monitoring.load_tracking(db, pid, 2027).projects}[a.code].status == "done"
    with pytest.raises(DomainError) as e:
        monitoring.save_progress(
            db, a.id, {"year": 2027, "status": "in_progress", "percent_done": 140, "spent": -2}
        )
    assert {p.field for p in e.value.problems} == {"Avancement (%)", "Dépensé (DH)"}


# --------------------------------------------------------------------------- the M&E system and compliance dates


def test_committee_tools_and_calendar_replace_all_or_nothing(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    monitoring.save_committee(
        db,
        pid,
        [
            {"name": "Aïcha", "role": "ieeag", "sex": "f", "organisation": "Association des femmes"},
            {"name": "Brahim", "role": "elected", "sex": "m", "organisation": ""},
            {"name": None, "role": None, "sex": None, "organisation": None},  # an empty row left in the table
        ],
    )
    system = monitoring.load_system(db, pid)
    assert [(m.name, m.is_ieeag) for m in system.committee] == [("Aïcha", True), ("Brahim", False)]
    assert (system.women, system.men) == (1, 1)
    with pytest.raises(DomainError) as e:
        monitoring.save_committee(db, pid, [{"name": "X", "role": "roi", "sex": "f"}])
    assert e.value.problems[0].row == 1
    assert count(db, MeCommitteeMember) == 2
    assert monitoring.add_standard_tools(db, pid) == 4  # the seed's "Tableau de bord" has another name
    assert monitoring.add_standard_tools(db, pid) == 0
    monitoring.save_tools(db, pid, [{"name": "Visites de terrain", "frequency": "quarterly"}])
    assert count(db, MeTool) == 1
    monitoring.save_events(db, pid, [])
    assert monitoring.add_standard_calendar(db, pid) == 8  # 6 yearly reports, mid-term, final
    assert monitoring.add_standard_calendar(db, pid) == 0
    with pytest.raises(DomainError):
        monitoring.save_events(db, pid, [{"kind": "final", "year": 2050}])
    assert count(db, MeEvent) == 8


def test_compliance_dates_are_checked_then_saved(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    with pytest.raises(DomainError) as e:
        monitoring.save_compliance_dates(
            db,
            pid,
            {
                "committees_sent_on": "2027-03-01",
                "adoption_session_on": "2027-02-01",
                "ieeag_opinion_on": "hier",
                "pdr_consistency_note": "<script>x</script>",
            },
        )
    # each field named as the form labels it
    assert {p.field for p in e.value.problems} == {
        "Envoi du projet aux commissions du conseil",
        "Avis de l'IEEAG sur le projet de plan",
        "Cohérence avec le programme de développement régional (PDR)",
    }
    saved = monitoring.save_compliance_dates(
        db,
        pid,
        {
            "committees_sent_on": "02/01/2027",
            "adoption_session_on": dt.date(2027, 2, 5),
            "pdr_consistency_note": "Axe eau du PDR",
        },
    )
    assert saved.committees_sent_on == dt.date(2027, 1, 2)
    assert monitoring.load_system(db, pid).dates.pdr_consistency_note == "Axe eau du PDR"


def test_retaining_a_project_shows_it_in_coverage(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    with db.read() as s:
        out = s.scalar(select(Project.id).where(Project.plan_id == pid, Project.in_plan.is_(False)))
    plan.set_in_plan(db, out, True)
    assert out in {p.project_id for p in monitoring.load_indicators(db, pid).without_indicator}


# --------------------------------------------------------------------------- both languages (issue 12)


def test_an_indicator_may_be_written_in_french_in_arabic_or_in_both(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    project = first_retained(db, pid)
    french = monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": project, "code": "FR-1"})
    arabic = monitoring.save_indicator(
        db,
        pid,
        {**INDICATOR, "project_id": project, "code": "AR-1", "name": "", "name_ar": "الأسر المرتبطة بالشبكة"},
    )
    both = monitoring.save_indicator(
        db,
        pid,
        {
            **INDICATOR,
            "project_id": project,
            "code": "BI-1",
            "name_ar": "الأسر المرتبطة بالشبكة",
            "definition": "Nombre de ménages raccordés",
            "definition_ar": "عدد الأسر المرتبطة",
        },
    )
    with db.read() as s:  # reopened from the file: both columns as typed
        rows = {
            i.code: (i.name, i.name_ar, i.definition, i.definition_ar) for i in s.scalars(select(Indicator))
        }
    assert rows["FR-1"] == ("Ménages raccordés au réseau", "", "", "")
    assert rows["AR-1"] == ("", "الأسر المرتبطة بالشبكة", "", "")
    assert rows["BI-1"] == (
        "Ménages raccordés au réseau",
        "الأسر المرتبطة بالشبكة",
        "Nombre de ménages raccordés",
        "عدد الأسر المرتبطة",
    )
    views = {i.code: i for i in monitoring.load_indicators(db, pid).indicators}
    assert (views["AR-1"].name, views["AR-1"].name_ar) == ("", "الأسر المرتبطة بالشبكة")
    assert views["BI-1"].values()["definition_ar"] == "عدد الأسر المرتبطة"
    # the anchor (the project measured) is given in both languages too
    assert views["FR-1"].anchor and views["FR-1"].anchor_ar
    assert {french.id, arabic.id, both.id} <= set(views[c].id for c in views)


def test_an_indicator_without_any_name_is_refused_in_the_readers_language(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    project = first_retained(db, pid)
    before = count(db, Indicator)
    with pytest.raises(DomainError) as e:
        monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": project, "name": " ", "name_ar": ""})
    assert [p.field for p in e.value.problems] == ["Intitulé"]
    assert "en français, en arabe ou dans les deux langues" in e.value.problems[0].message
    with pytest.raises(DomainError) as e:
        monitoring.save_indicator(
            db, pid, {**INDICATOR, "project_id": project, "name": "", "baseline_year": ""}, lang="ar"
        )
    assert {p.field for p in e.value.problems} == {"المؤشر", "السنة المرجعية"}
    assert "اكتبوه بالعربية أو بالفرنسية" in " ".join(e.value.messages)
    assert count(db, Indicator) == before  # nothing saved


def test_tools_and_calendar_carry_both_versions(seeded) -> None:  # type: ignore[no-untyped-def]
    from pac.domain.bilingual import is_arabic

    db, _, pid = seeded
    assert (
        monitoring.save_tools(
            db,
            pid,
            [
                {"name": "", "name_ar": "لوحة القيادة", "description": "", "description_ar": "تحين كل فصل"},
                {"name": "Visites", "name_ar": "", "description": "Sur le terrain", "frequency": "yearly"},
                {
                    "name": "",
                    "name_ar": "",
                    "description": "",
                    "description_ar": "",
                },  # an empty row left at the bottom
            ],
        )
        == 2
    )
    tools = monitoring.load_system(db, pid).tools
    assert [(x.name, x.name_ar, x.description_ar) for x in tools] == [
        ("", "لوحة القيادة", "تحين كل فصل"),
        ("Visites", "", ""),
    ]
    with pytest.raises(DomainError) as e:  # a description without any name
        monitoring.save_tools(db, pid, [{"name": "", "name_ar": "", "description_ar": "وصف"}], lang="ar")
    assert [p.field for p in e.value.problems] == ["الأداة"]
    # the customary tools and calendar come in both languages, the Arabic in Arabic script
    monitoring.add_standard_tools(db, pid)
    monitoring.add_standard_calendar(db, pid)
    system = monitoring.load_system(db, pid)
    standard = [x for x in system.tools if x.name not in ("", "Visites")]
    assert len(standard) == 4 and all(
        x.name and is_arabic(x.name_ar) and is_arabic(x.description_ar) for x in standard
    )
    added = [e for e in system.events if e.description_ar]  # the seed's own events are in French only
    assert added and all(e.description and is_arabic(e.description_ar) for e in added)
    monitoring.save_events(
        db,
        pid,
        [{"kind": "other", "year": 2028, "description": "", "description_ar": "زيارة ميدانية"}],
    )
    [event] = monitoring.load_system(db, pid).events
    assert (event.description, event.description_ar) == ("", "زيارة ميدانية")
