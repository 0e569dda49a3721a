"""Monitoring and evaluation rules (pure): indicators, measurements, progress, the customary calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from pac.domain import monitoring as ind
from pac.domain.errors import Collector

YEARS = list(range(2027, 2033))

GOOD = {
    "level": "outcome",
    "name": "Taux d'accès à l'eau potable",
    "unit": "%",
    "baseline_value": "42,5",
    "baseline_year": 2026,
    "target_final": 90,
    "targets": {2027: 50, "2029": "65"},
    "frequency": "yearly",
    "disaggregation": "sex, douar",
    "source": "Registre ONEE",
    "responsible": "Service technique",
}


def fields(c: Collector) -> set[str]:
    return {p.field for p in c.problems}


def test_a_good_indicator_is_cleaned() -> None:
    c = Collector()
    out = ind.validate_indicator(c, GOOD, YEARS)
    assert not c, [str(p) for p in c.problems]
    assert out["baseline_value"] == 42.5
    assert out["targets"] == {2027: 50.0, 2029: 65.0}
    assert out["disaggregation"] == ["sex", "douar"]
    assert out["status"] == "proposed"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "Intitulé"),
        ({"level": "résultat final"}, "Niveau"),
        ({"targets": {2028: "beaucoup"}}, "Cible 2028"),
        ({"targets": {2040: 5}}, "Cible par année"),
        ({"target_final": "n/a"}, "Cible finale"),
        ({"baseline_value": "x"}, "Valeur de référence"),
        ({"baseline_year": None}, "Année de référence"),  # a baseline value needs its year
        ({"baseline_year": 2040}, "Année de référence"),
        ({"frequency": "daily"}, "Fréquence de collecte"),
        ({"disaggregation": ["sex", "religion"]}, "Ventilation"),
        ({"source": "<script>alert(1)</script>"}, "Source et moyens de vérification (français)"),
    ],
)
def test_bad_indicator_values_are_refused_naming_the_field(change, field) -> None:
    c = Collector()
    ind.validate_indicator(c, {**GOOD, **change}, YEARS)
    assert field in fields(c), [str(p) for p in c.problems]


def test_negative_targets_are_numbers_and_are_kept() -> None:
    c = Collector()
    out = ind.validate_indicator(c, {**GOOD, "targets": {2027: -10}, "target_final": -20}, YEARS)
    assert not c and out["targets"] == {2027: -10.0}


def test_gender_sensitive_and_coverage() -> None:
    assert ind.is_gender_sensitive(True, [])
    assert ind.is_gender_sensitive(False, ["sex"])
    assert not ind.is_gender_sensitive(False, ["age", "douar"])
    projects = [
        ind.ProjectCoverage(1, "P01", "Eau", 2, 1, 0),
        ind.ProjectCoverage(2, "P02", "Piste", 0, 0, 0),
        ind.ProjectCoverage(3, "P03", "Dar Taliba", 1, 2, 1),
        ind.ProjectCoverage(4, "P04", "Souk", None, 1, 0),
    ]
    assert [p.code for p in ind.without_indicator(projects)] == ["P02"]
    assert [p.code for p in ind.missing_gender_indicator(projects)] == ["P01"]


def test_measurements_by_sex_only_when_disaggregated() -> None:
    c = Collector()
    assert ind.validate_measurement(c, YEARS, 2028, "f", "12", ["sex"]) == (2028, "f", 12.0)
    assert ind.validate_measurement(c, YEARS, 2028, None, None, []) == (2028, "all", None)
    assert not c
    ind.validate_measurement(c, YEARS, 2028, "f", 3, [])
    ind.validate_measurement(c, YEARS, 2035, "all", 3, [])
    ind.validate_measurement(c, YEARS, 2028, "all", "trois", [])
    assert fields(c) == {"Sexe", "Année", "Valeur mesurée"}


def test_achievement_from_baseline_to_target_up_and_down() -> None:
    assert ind.achievement(40, 80, 60) == pytest.approx(0.5)
    assert ind.achievement(None, 100, 25) == pytest.approx(0.25)
    assert ind.achievement(24, 4, 14) == pytest.approx(0.5)  # days of track closure: must go down
    assert ind.achievement(10, 10, 10) == 1.0
    assert ind.achievement(10, None, 12) is None
    series = ind.target_series([2027, 2028], {2027: 5, 2028: 10}, {2027: 4})
    assert series[0].gap == -1 and series[1].gap is None


def test_progress_values_are_checked() -> None:
    c = Collector()
    out = ind.validate_progress(
        c, YEARS, {"year": 2028, "status": "in_progress", "percent_done": "45", "spent": 1000}
    )
    assert not c and out["percent_done"] == 45.0
    for values, field in [
        ({"year": 2028, "percent_done": 120}, "Avancement (%)"),
        ({"year": 2028, "spent": -1}, "Dépensé (DH)"),
        ({"year": 2040}, "Année"),
        ({"year": 2028, "status": "stuck"}, "État"),
        ({"year": 2028, "status": "done", "percent_done": 80}, "Avancement (%)"),
        ({"year": 2028, "status": "not_started", "spent": 10}, "État"),
    ]:
        c = Collector()
        ind.validate_progress(c, YEARS, values)
        assert field in fields(c), (values, [str(p) for p in c.problems])


def test_expected_progress_follows_the_cost_planned_up_to_the_year() -> None:
    costs = {2027: 250_000, 2028: 750_000}
    assert ind.expected_percent(costs, 2026, 2027, 2028) == 0
    assert ind.expected_percent(costs, 2027, 2027, 2028) == 25
    assert ind.expected_percent(costs, 2029, 2027, 2028) == 100
    assert ind.expected_percent({}, 2028, 2027, 2030) == 50  # no costs: time elapsed
    assert ind.expected_percent({}, 2028, None, None) == 0


def test_late_and_over_budget_projects_stand_out() -> None:
    costs = {2027: 500_000, 2028: 500_000}
    on_time = ind.progress_flags(costs, 2027, 2028, 2027, "in_progress", 45, 450_000)
    assert not on_time.late and not on_time.over_budget
    late = ind.progress_flags(costs, 2027, 2028, 2027, "in_progress", 20, 200_000)
    assert late.late and late.expected == 50
    assert not ind.progress_flags(
        costs, 2027, 2028, 2028, "cancelled", 20, 0
    ).late  # a closed project is not late
    overspent = ind.progress_flags(costs, 2027, 2028, 2027, "in_progress", 50, 700_000)
    assert overspent.over_budget and overspent.projected_cost == pytest.approx(1_400_000)
    assert ind.progress_flags(
        costs, 2027, 2028, 2028, "done", 100, 1_050_000
    ).over_budget  # spent above the cost
    assert not ind.progress_flags(costs, 2027, 2028, 2028, "done", 100, 1_000_000).over_budget


def test_standard_calendar_reports_before_the_may_session_mid_term_in_year_three_and_final() -> None:
    cal = ind.standard_calendar(YEARS)
    reports = [e for e in cal if e.kind == "annual_report"]
    assert [e.year for e in reports] == YEARS
    assert reports[0].due_on == dt.date(2028, 4, 30)  # the 2027 report, before the May 2028 session
    [mid] = [e for e in cal if e.kind == "mid_term"]
    [final] = [e for e in cal if e.kind == "final"]
    assert mid.year == 2029 and mid.evaluation_type == "participatory"
    assert final.year == 2032 and final.evaluation_type == "external"
    c = Collector()
    for i, e in enumerate(cal, start=1):
        ind.validate_event(c, YEARS, e.__dict__, row=i)
    assert not c


def test_members_tools_events_refuse_bad_rows_with_their_number() -> None:
    c = Collector()
    m = ind.validate_member(c, {"name": "Fatima", "role": "ieeag", "sex": "f"}, row=1)
    assert m["is_ieeag"] and not c
    ind.validate_member(c, {"name": "X", "role": "king", "sex": "x"}, row=2)
    ind.validate_tool(c, {"name": "", "frequency": "yearly"}, row=3)
    ind.validate_event(c, YEARS, {"kind": "party", "year": 2050, "due_on": "demain"}, row=4)
    assert {(p.row, p.field) for p in c.problems} == {
        (2, "Rôle"),
        (2, "Sexe"),
        (3, "Outil"),
        (4, "Échéance"),  # the calendar's fields named as its column headers
        (4, "Année"),
        (4, "Date"),
    }
