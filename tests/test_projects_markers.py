"""Marker rules (gender, migration) and the coverage of markers — pure domain."""

from __future__ import annotations

import pytest

from pac.domain import markers as mk
from pac.domain import vocab
from pac.domain.errors import Collector

SEX = mk.IndicatorFact(("sex", "douar"))
AGE = mk.IndicatorFact(("age",))
GENDER = mk.IndicatorFact((), is_gender=True)
BOTH = mk.IndicatorFact(("sex",), is_gender=True)  # a gender-specific indicator with sex-disaggregated data


def state(**kw):  # type: ignore[no-untyped-def]
    markers = {m: None for m in vocab.MARKERS}
    markers.update(kw.pop("markers", {}))
    return mk.MarkerState(kw.pop("pid", 1), markers, **kw)


def codes(ws: list[mk.MarkerWarning]) -> list[str]:
    return [w.code for w in ws]


@pytest.mark.parametrize("gender", [None, 0])
def test_gender_not_targeted_asks_nothing(gender: int | None) -> None:
    assert mk.check(state(markers={"gender": gender}), plan_has_indicators=True) == []
    assert mk.check(state(markers={"gender": gender}), plan_has_indicators=False) == []


@pytest.mark.parametrize("gender", [1, 2])
def test_gender_targeted_needs_a_note(gender: int) -> None:
    ws = mk.check(
        state(markers={"gender": gender}, gender_objective="Obj", indicators=(BOTH,)),
        plan_has_indicators=True,
    )
    assert codes(ws) == [mk.GENDER_NOTE]
    assert ws[0].blocking
    ok = mk.check(
        state(
            markers={"gender": gender},
            gender_note="Analyse faite",
            gender_objective="Obj",
            indicators=(BOTH,),
        ),
        True,
    )
    assert ok == []


def test_a_blank_note_is_no_note() -> None:
    ws = mk.check(
        state(markers={"gender": 1}, gender_note="   ", gender_objective="O", indicators=(BOTH,)), True
    )
    assert codes(ws) == [mk.GENDER_NOTE]


@pytest.mark.parametrize("gender", [1, 2])
def test_gender_targeted_needs_a_gender_indicator_and_sex_disaggregated_data_once_indicators_exist(
    gender: int,
) -> None:
    """OECD DAC minimum criteria: a gender-specific indicator AND sex-disaggregated data, not one or the other."""
    base = {"markers": {"gender": gender}, "gender_note": "ok", "gender_objective": "ok"}
    both = [mk.GENDER_INDICATOR, mk.GENDER_SEX_DATA]
    assert codes(mk.check(state(**base), True)) == both
    assert codes(mk.check(state(**base, indicators=(AGE,)), True)) == both
    assert codes(mk.check(state(**base, indicators=(AGE, SEX)), True)) == [mk.GENDER_INDICATOR]
    assert codes(mk.check(state(**base, indicators=(GENDER,)), True)) == [mk.GENDER_SEX_DATA]
    assert all(w.blocking for w in mk.check(state(**base, indicators=(SEX,)), True))
    assert mk.check(state(**base, indicators=(GENDER, SEX)), True) == []
    assert mk.check(state(**base, indicators=(BOTH,)), True) == []


def test_before_any_indicator_the_gender_indicator_rule_is_pending_not_a_fault() -> None:
    ws = mk.check(
        state(markers={"gender": 2}, gender_note="ok", gender_objective="ok"), plan_has_indicators=False
    )
    assert codes(ws) == [mk.GENDER_INDICATOR_PENDING]
    assert not ws[0].blocking


@pytest.mark.parametrize("value", [1, 2])
def test_migration_targeted_needs_a_criterion(value: int) -> None:
    assert codes(mk.check(state(markers={"migration": value}), True)) == [mk.MIGRATION_NO_CRITERIA]
    assert (
        mk.check(state(markers={"migration": value}, migration_criteria=("diaspora_contribution",)), True)
        == []
    )


@pytest.mark.parametrize("value", [None, 0])
def test_migration_criteria_without_a_score_is_a_reminder(value: int | None) -> None:
    ws = mk.check(state(markers={"migration": value}, migration_criteria=("returning_migrants",)), True)
    assert codes(ws) == [mk.MIGRATION_CRITERIA_UNSCORED]
    assert not ws[0].blocking


def test_check_all_keeps_each_project_id() -> None:
    ws = mk.check_all([state(pid=1, markers={"gender": 1}), state(pid=2)], True)
    assert {(w.project_id, w.code) for w in ws} == {
        (1, mk.GENDER_NOTE),
        (1, mk.GENDER_OBJECTIVE),
        (1, mk.GENDER_INDICATOR),
        (1, mk.GENDER_SEX_DATA),
    }


def test_clean_markers_accepts_0_1_2_and_blank_and_names_the_marker_otherwise() -> None:
    c = Collector()
    out = mk.clean_markers(c, {"gender": "2", "climate_adaptation": 1, "environment": 0.0, "migration": ""})
    assert not c
    assert out["gender"] == 2 and out["climate_adaptation"] == 1 and out["environment"] == 0
    assert out["migration"] is None and out["biodiversity"] is None
    mk.clean_markers(
        c,
        {"gender": 3, "biodiversity": "-1", "desertification": "beaucoup", "environment": 1.5},
        {"gender": "Genre"},
    )
    fields = sorted(p.field for p in c.problems)
    assert fields == sorted(
        [
            "Marqueur « Genre »",
            "Marqueur « biodiversity »",
            "Marqueur « desertification »",
            "Marqueur « environment »",
        ]
    )


def test_clean_markers_refuses_unknown_markers_and_booleans() -> None:
    c = Collector()
    mk.clean_markers(c, {"gender": True, "beauty": 1})
    assert {p.field for p in c.problems} == {"Marqueur « gender »", "Marqueurs"}


def test_clean_criteria_keeps_catalogue_order_and_refuses_unknown() -> None:
    c = Collector()
    assert mk.clean_criteria(c, ["b", "a", "b"], ["a", "b", "c"]) == ["a", "b"]
    assert not c
    mk.clean_criteria(c, ["zz"], ["a"])
    assert c.problems[0].field == "Critères migration et développement"


def _pm(pid: int, axis: int, cost: float, **markers: int | None) -> mk.ProjectMarkers:
    full = {m: None for m in vocab.MARKERS}
    full.update(markers)
    return mk.ProjectMarkers(pid, axis, cost, full)


def _cell(cov: mk.Coverage, axis: int | None, marker: str, value: int | None) -> mk.CoverageCell:
    return next(c for c in cov.cells if c.axis_id == axis and c.marker == marker and c.value == value)


def test_coverage_shares_of_projects_and_cost_per_axis_and_overall() -> None:
    projects = [
        _pm(1, 10, 600_000, gender=2, climate_adaptation=1),
        _pm(2, 10, 400_000, gender=0),
        _pm(3, 20, 1_000_000, gender=1),
        _pm(4, 20, 0),  # nothing assessed, no cost
    ]
    cov = mk.coverage(projects, [10, 20, 30])
    whole = _cell(cov, None, "gender", 2)
    assert (whole.projects, whole.cost) == (1, 600_000)
    assert whole.share_projects == pytest.approx(0.25)
    assert whole.share_cost == pytest.approx(0.3)
    axis10 = _cell(cov, 10, "gender", 2)
    assert axis10.share_projects == pytest.approx(0.5) and axis10.share_cost == pytest.approx(0.6)
    unassessed = _cell(cov, 20, "gender", None)
    assert unassessed.projects == 1 and unassessed.share_cost == pytest.approx(0.0)
    # an axis without projects has no share (not zero)
    empty = _cell(cov, 30, "gender", 1)
    assert empty.projects == 0 and empty.share_projects is None and empty.share_cost is None
    assert cov.axis_totals[None] == (4, 2_000_000)
    # every value of every marker adds up to the whole
    for marker in vocab.MARKERS:
        assert sum(_cell(cov, None, marker, v).projects for v in mk.VALUES) == 4


def test_projects_without_any_marker_and_not_assessed() -> None:
    projects = [
        _pm(1, 1, 10, gender=0, environment=0),  # assessed, targets nothing
        _pm(2, 1, 10),  # not assessed at all
        _pm(3, 1, 10, biodiversity=1),
        _pm(4, 1, 10, migration=2),
    ]
    cov = mk.coverage(projects)
    assert cov.without_marker == (1, 2)
    assert cov.not_assessed == (2,)


def test_coverage_of_an_axis_whose_projects_cost_nothing() -> None:
    cov = mk.coverage([_pm(1, 5, 0, gender=1)], [5])
    c = _cell(cov, 5, "gender", 1)
    assert c.share_projects == 1.0 and c.share_cost is None


@pytest.mark.parametrize("gender", [1, 2])
def test_gender_targeted_needs_an_explicit_gender_objective(gender: int) -> None:
    base = {"markers": {"gender": gender}, "gender_note": "Analyse", "indicators": (BOTH,)}
    ws = mk.check(state(**base), True)
    assert codes(ws) == [mk.GENDER_OBJECTIVE]
    assert ws[0].blocking and ws[0].marker == "gender"
    assert codes(mk.check(state(**base, gender_objective="  \n "), True)) == [mk.GENDER_OBJECTIVE]
    assert mk.check(state(**base, gender_objective="Doubler la part des femmes élues"), True) == []
    # An Arabic-only objective counts just as well: the service passes either language's version.
    assert mk.check(state(**base, gender_objective="رفع نسبة النساء"), True) == []


def test_gender_targeted_with_nothing_names_every_missing_item_separately() -> None:
    ws = mk.check(state(markers={"gender": 1}, indicators=(AGE,)), True)
    assert codes(ws) == [mk.GENDER_NOTE, mk.GENDER_OBJECTIVE, mk.GENDER_INDICATOR, mk.GENDER_SEX_DATA]
    assert all(w.blocking for w in ws)
    pending = mk.check(state(markers={"gender": 1}), False)
    assert codes(pending) == [mk.GENDER_NOTE, mk.GENDER_OBJECTIVE, mk.GENDER_INDICATOR_PENDING]
    assert not pending[-1].blocking


@pytest.mark.parametrize("value", [None, 0])
def test_adaptation_not_targeted_asks_no_context(value: int | None) -> None:
    assert mk.check(state(markers={"climate_adaptation": value}), True) == []


@pytest.mark.parametrize("value", [1, 2])
def test_adaptation_targeted_needs_the_vulnerability_context(value: int) -> None:
    ws = mk.check(state(markers={"climate_adaptation": value}), True)
    assert codes(ws) == [mk.ADAPTATION_CONTEXT]
    assert ws[0].blocking and ws[0].marker == "climate_adaptation"
    assert codes(mk.check(state(markers={"climate_adaptation": value}, vulnerability_context=" "), True)) == [
        mk.ADAPTATION_CONTEXT
    ]
    stated = "Sécheresses répétées : les puits des douars de l'amont tarissent en été."
    assert mk.check(state(markers={"climate_adaptation": value}, vulnerability_context=stated), True) == []


def test_other_rio_markers_ask_no_vulnerability_context() -> None:
    for marker in ("climate_mitigation", "desertification", "biodiversity", "environment"):
        assert mk.check(state(markers={marker: 2}), True) == []


def test_every_warning_code_has_a_french_and_an_arabic_text() -> None:
    from pac.i18n import TABLE

    codes_ = [
        mk.GENDER_NOTE,
        mk.GENDER_OBJECTIVE,
        mk.GENDER_INDICATOR,
        mk.GENDER_SEX_DATA,
        mk.GENDER_INDICATOR_PENDING,
        mk.MIGRATION_NO_CRITERIA,
        mk.MIGRATION_CRITERIA_UNSCORED,
        mk.ADAPTATION_CONTEXT,
    ]
    for code in codes_:
        assert f"projects.warn.{code}" in TABLE["fr"], code
        assert f"projects.warn.{code}" in TABLE["ar"], code


def test_level_wording_matches_the_rules() -> None:
    """data/marker_levels.csv tells the room what the rules check: vulnerability context, gender objective."""
    import csv

    from pac.db import ROOT

    with open(ROOT / "data/marker_levels.csv", encoding="utf-8") as f:
        rows = {(r["marker_code"], r["value"]): r for r in csv.DictReader(f)}
    for value in ("1", "2"):
        assert "contexte de vulnérabilité" in rows[("climate_adaptation", value)]["definition_fr"]
        assert "سياق الهشاشة" in rows[("climate_adaptation", value)]["definition_ar"]
        gender = rows[("gender", value)]["definition_fr"]
        assert "objectif explicite de genre" in gender or "objectif de genre" in gender
        assert "ET des données ventilées par sexe" in gender or "ET données ventilées par sexe" in gender
        assert " ou " not in gender.split("Exige")[-1].split("(")[0]
