"""The compliance checklist: its rules (pure), the service on a real SQLite file, and `python -m pac check`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.plan import seed_plan
from pac.db import Database
from pac.domain import compliance as rules
from pac.domain.adoption import Mandate
from pac.domain.compliance import ComplianceFacts, Missing, ProjectFacts
from pac.i18n import TABLE
from pac.models import Attendance, Indicator, Project, Workshop
from pac.services import adoption, compliance, monitoring
from pac.services import plan as plan_service
from tests.test_cli import pac as run_cli  # in-process: the entry point's own tests start processes


def good_project(code: str = "P01", **change) -> ProjectFacts:
    values = {
        "code": code,
        "title": "Adduction d'eau",
        "priority": 1,
        "marker_gender": 1,
        "cost": 1_000_000,
        "triennial_cost": 1_000_000,
        "gap": 0.0,
        "scheduled": True,
        "indicators": 2,
        "gender_indicators": 1,
        "gender_specific": 1,
        "sex_disaggregated": 1,
    }
    return ProjectFacts(**{**values, **change})


GOOD = ComplianceFacts(
    has_plan=True,
    findings=40,
    projects=(good_project("P01"), good_project("P02", marker_gender=0, gender_indicators=0)),
    gender_indicators=1,
    ieeag_opinion_on=dt.date(2027, 1, 10),
    committee_members=5,
    ieeag_members=1,
    tools=2,
    event_kinds=frozenset({"annual_report", "mid_term", "final"}),
    committees_sent_on=dt.date(2027, 1, 2),
    adoption_session_on=dt.date(2027, 2, 1),
    state_services_consulted_on=dt.date(2026, 12, 1),
    pdr_consistency_note="Les axes 1 et 3 rejoignent le PDR Souss-Massa 2022-2027 (eau, pistes).",
    start_year=2027,
    end_year=2032,
    # A made-up election a few months before the session: the rule reads the catalogue, whatever it holds.
    mandates=(Mandate("2026", dt.date(2026, 9, 10)), Mandate("2020", dt.date(2020, 9, 1))),
    diagnostic_workshops=2,
    diagnostic_attendance=46,
    ieeag_opinion_text=True,
    committee_reports_on=dt.date(2027, 1, 25),
    governor_visa_on=dt.date(2027, 3, 1),
)


def items(facts: ComplianceFacts) -> dict[str, rules.CheckItem]:
    return {i.code: i for i in rules.checklist(facts)}


def keys(item: rules.CheckItem) -> list[str]:
    return [m.key for m in item.missing]


# --------------------------------------------------------------------------- rules


def test_a_complete_plan_passes_every_item() -> None:
    result = rules.checklist(GOOD)
    assert [i.code for i in result if not i.ok] == []
    assert rules.passed(result)
    assert [i.code for i in result] == [
        "six_years",
        "diagnostic",
        "participatory",
        "priorities",
        "budget",
        "capacity",
        "gender_markers",
        "gender_indicators",
        "ieeag",
        "indicators",
        "me_system",
        "committees",
        "first_year",
        "governor_visa",
        "pdr",
        "state_services",
    ]


def test_no_plan_is_one_missing_item_pointing_to_the_plan_period() -> None:
    [item] = rules.checklist(ComplianceFacts(has_plan=False))
    assert not item.ok and item.required and item.page == "nav.communes"


@pytest.mark.parametrize(
    ("change", "code", "key"),
    [
        ({"findings": 0}, "diagnostic", "compliance.miss.no_findings"),
        ({"projects": ()}, "priorities", "compliance.miss.no_retained"),
        ({"projects": (good_project(priority=None),)}, "priorities", "compliance.miss.unranked"),
        ({"projects": (good_project(scheduled=False),)}, "budget", "compliance.miss.unscheduled"),
        ({"projects": (good_project(cost=0, triennial_cost=0),)}, "budget", "compliance.miss.unscheduled"),
        ({"projects": (good_project(triennial_cost=0),)}, "budget", "compliance.miss.no_triennial"),
        ({"projects": (good_project(gap=5_000),)}, "budget", "compliance.miss.gaps"),
        ({"capacity_missing_years": (2027, 2028)}, "budget", "compliance.miss.no_finances"),
        ({"projects": (good_project(marker_gender=None),)}, "gender_markers", "compliance.miss.unmarked"),
        ({"gender_indicators": 0}, "gender_indicators", "compliance.miss.no_gender_indicator"),
        (
            {"projects": (good_project(gender_indicators=0, gender_specific=0, sex_disaggregated=0),)},
            "gender_indicators",
            "compliance.miss.gender_marked_without",
        ),
        ({"ieeag_opinion_on": None}, "ieeag", "compliance.miss.ieeag"),
        (
            {"projects": (good_project(indicators=0, gender_indicators=0),)},
            "indicators",
            "compliance.miss.without_indicator",
        ),
        ({"committee_members": 0}, "me_system", "compliance.miss.no_committee"),
        ({"ieeag_members": 0}, "me_system", "compliance.miss.committee_without_ieeag"),
        ({"tools": 0}, "me_system", "compliance.miss.no_tools"),
        ({"event_kinds": frozenset({"annual_report"})}, "me_system", "compliance.miss.no_event.mid_term"),
        ({"committees_sent_on": None}, "committees", "compliance.miss.no_committees_date"),
        ({"adoption_session_on": None}, "committees", "compliance.miss.no_session_date"),
        ({"pdr_consistency_note": "   "}, "pdr", "compliance.miss.pdr"),
        ({"end_year": 2040}, "six_years", "compliance.miss.not_six_years"),
        ({"end_year": 2031}, "six_years", "compliance.miss.not_six_years"),
        ({"diagnostic_workshops": 0}, "participatory", "compliance.miss.no_diagnostic_workshop"),
        ({"diagnostic_attendance": 0}, "participatory", "compliance.miss.no_diagnostic_attendance"),
        ({"ieeag_opinion_text": False}, "ieeag", "compliance.miss.ieeag_text"),
        ({"committee_reports_on": None}, "committees", "compliance.miss.no_committee_reports"),
        ({"governor_visa_on": None}, "governor_visa", "compliance.miss.no_visa"),
        ({"state_services_consulted_on": None}, "state_services", "compliance.miss.state_services"),
        ({"adoption_session_on": None}, "first_year", "compliance.miss.no_session_date"),
        ({"mandates": ()}, "first_year", "compliance.miss.no_mandate"),
        (
            {"adoption_session_on": dt.date(2027, 9, 10), "committees_sent_on": dt.date(2027, 8, 1)},
            "first_year",
            "compliance.miss.after_first_year",
        ),
    ],
)
def test_each_required_item_says_what_is_missing(change, code, key) -> None:
    result = items(dataclasses.replace(GOOD, **change))
    assert key in keys(result[code]), keys(result[code])
    assert result[code].required
    assert not rules.passed(list(result.values()))


def test_committees_need_thirty_full_days_before_the_session() -> None:
    session = dt.date(2027, 2, 1)
    short = items(dataclasses.replace(GOOD, committees_sent_on=session - dt.timedelta(days=29)))["committees"]
    assert short.missing == (Missing("compliance.miss.notice_too_short", {"days": 29, "needed": 30}),)
    assert items(dataclasses.replace(GOOD, committees_sent_on=session - dt.timedelta(days=30)))[
        "committees"
    ].ok


@pytest.mark.parametrize(
    ("specific", "by_sex", "ok"), [(1, 1, True), (1, 0, False), (0, 1, False), (0, 0, False)]
)
def test_gender_marked_projects_need_a_gender_indicator_and_sex_disaggregated_data(
    specific, by_sex, ok
) -> None:  # type: ignore[no-untyped-def]
    for score in (1, 2):
        p = good_project(marker_gender=score, gender_specific=specific, sex_disaggregated=by_sex)
        assert items(dataclasses.replace(GOOD, projects=(p,)))["gender_indicators"].ok is ok
    p0 = good_project(marker_gender=0, gender_specific=0, sex_disaggregated=0, gender_indicators=0)
    assert items(dataclasses.replace(GOOD, projects=(p0,)))["gender_indicators"].ok


def test_ieeag_attendance_at_a_workshop_is_not_its_opinion() -> None:
    item = items(dataclasses.replace(GOOD, ieeag_opinion_on=None, ieeag_attendance=3))["ieeag"]
    assert keys(item) == ["compliance.miss.ieeag"]


def test_first_year_of_the_mandate_ends_the_day_before_the_anniversary() -> None:
    elected = dt.date(2026, 9, 10)
    last = dt.date(2027, 9, 9)
    for day, ok in ((last, True), (last + dt.timedelta(days=1), False), (elected, True)):
        got = items(
            dataclasses.replace(GOOD, adoption_session_on=day, committees_sent_on=day - dt.timedelta(40))
        )
        assert got["first_year"].ok is ok, day
    # Before any election of the catalogue: the mandate is unknown, said as such.
    early = items(dataclasses.replace(GOOD, adoption_session_on=dt.date(2019, 1, 1)))
    assert keys(early["first_year"]) == ["compliance.miss.no_mandate"]


def test_capacity_estimated_from_past_years_is_said_not_hidden() -> None:
    facts = dataclasses.replace(
        GOOD, capacity_estimated_years=(2027, 2028, 2029), capacity_average_of=(2024, 2025, 2026)
    )
    budget = items(facts)["budget"]
    assert budget.ok and [n.key for n in budget.notes] == ["compliance.note.capacity_average"]
    assert budget.notes[0].values == {"years": "2027, 2028, 2029", "from": "2024, 2025, 2026"}
    assert items(GOOD)["budget"].notes == ()


def test_warnings_do_not_fail_the_check() -> None:
    result = rules.checklist(dataclasses.replace(GOOD, shortfalls=((2028, 250_000.0),)))
    warned = {i.code for i in result if not i.ok}
    assert warned == {"capacity"}
    assert rules.passed(result)


def test_every_text_the_checklist_can_produce_exists_in_french_and_names_a_page() -> None:
    worst = ComplianceFacts(
        has_plan=True,
        projects=(
            good_project(
                priority=None,
                scheduled=False,
                cost=0,
                triennial_cost=0,
                gap=1.0,
                marker_gender=None,
                indicators=0,
                gender_indicators=0,
            ),
            good_project("P02", gap=10.0, gender_indicators=0, gender_specific=0),
        ),
        capacity_missing_years=(2027,),
        shortfalls=((2027, 1.0),),
        committees_sent_on=dt.date(2027, 1, 20),
        adoption_session_on=dt.date(2027, 2, 1),
    )
    result = (
        rules.checklist(worst)
        + rules.checklist(ComplianceFacts(has_plan=False))
        + rules.checklist(
            dataclasses.replace(
                worst,
                committees_sent_on=None,
                adoption_session_on=None,
                projects=(good_project(triennial_cost=0),),
                committee_members=3,
            )
        )
    )
    produced = {m.key for i in result for m in i.missing} | {f"compliance.item.{i.code}" for i in result}
    produced |= {i.section for i in result} | {i.page for i in result}
    # a text that gives a count has its plural forms (key.one / key.other…, pac.i18n.tn), in both languages
    for lang in ("fr", "ar"):
        assert sorted(k for k in produced if k not in TABLE[lang] and f"{k}.other" not in TABLE[lang]) == []
    assert {m.key for i in result for m in i.missing} >= {
        "compliance.miss.unranked",
        "compliance.miss.unscheduled",
        "compliance.miss.gaps",
        "compliance.miss.no_finances",
        "compliance.miss.shortfall",
        "compliance.miss.unmarked",
        "compliance.miss.no_gender_indicator",
        "compliance.miss.ieeag",
        "compliance.miss.without_indicator",
        "compliance.miss.no_committee",
        "compliance.miss.notice_too_short",
        "compliance.miss.no_plan",
        "compliance.miss.no_triennial",
        "compliance.miss.committee_without_ieeag",
    }


# --------------------------------------------------------------------------- service


def make_compliant(db: Database, commune_id: int, plan_id: int) -> None:
    """Fill what the seeded plan lacks, through the services where they exist."""
    board = plan_service.load_board(db, plan_id)
    for p in board.retained:
        rows = [
            {"partner_code": f.partner_code, "year": f.year, "amount": f.amount, "status": f.status}
            for f in p.budget.fundings
        ]
        rows += [
            {"partner_code": "INDH", "year": y, "amount": p.budget.gap_in(y), "status": "to_find"}
            for y in p.budget.costs
            if p.budget.gap_in(y) > 0
        ]
        plan_service.save_fundings(db, p.id, rows)
    with db.write() as s:
        for p in s.scalars(select(Project).where(Project.plan_id == plan_id, Project.in_plan.is_(True))):
            p.marker_gender = 0 if p.marker_gender is None else p.marker_gender
        for i in s.scalars(select(Indicator).where(Indicator.plan_id == plan_id)):
            i.disaggregation = ["sex"]
            i.is_gender = True  # OECD DAC: a gender-specific indicator and sex-disaggregated data
        w = Workshop(commune_id=commune_id, plan_id=plan_id, title="Atelier de diagnostic", kind="diagnostic")
        w.attendance = [Attendance(role="citizens", women=12, men=15)]
        s.add(w)
    # The road to adoption, within the first year of the 2021 mandate (data/mandates.csv).
    walk_road(db, plan_id)
    monitoring.save_compliance_dates(
        db,
        plan_id,
        {
            "committees_sent_on": "2021-12-20",
            "adoption_session_on": "01/02/2022",
            "state_services_consulted_on": dt.date(2021, 11, 25),
            "ieeag_opinion_on": dt.date(2021, 12, 10),
            "pdr_consistency_note": "Axes cohérents avec le PDR Souss-Massa.",
        },
    )


ROAD = (
    ("submitted_ngo", {"done_on": "2021-11-01"}),
    ("ngo_review", {"done_on": "2021-11-20", "outcome": "validated"}),
    ("state_services", {"done_on": "2021-11-25", "note": "Réunion à la province"}),
    ("ieeag_opinion", {"done_on": "2021-12-10", "text": "Avis favorable, sous réserve d'indicateurs genre."}),
    ("committees_sent", {"done_on": "2021-12-20"}),
    ("committee_reports", {"done_on": "2022-01-20", "text": "Rapports des trois commissions."}),
    (
        "adopted",
        {
            "done_on": "2022-02-01",
            "session_type": "ordinary",
            "votes_for": "19",
            "votes_against": "2",
            "votes_abstain": "0",
        },
    ),
    ("governor_visa", {"done_on": "2022-03-01"}),
    ("in_force", {"done_on": "2022-03-02"}),
)


def walk_road(db: Database, plan_id: int) -> None:
    for step, values in ROAD:
        adoption.record_step(db, plan_id, step, values, recorded_by="Facilitatrice")


def test_check_on_a_seeded_commune_then_completed(catalogued_db: Database) -> None:
    cid, pid = seed_plan(catalogued_db, projects=12, fundings=30, indicators=15)
    report = compliance.check(catalogued_db, cid)
    missing = {i.code for i in report.items if i.required and not i.ok}
    assert {"committees", "pdr", "ieeag", "budget"} <= missing
    assert not report.passed
    make_compliant(catalogued_db, cid, pid)
    reopened = Database(catalogued_db.url)  # a fresh engine proves the writes were committed
    try:
        report = compliance.check(reopened, "commune-d-essai")
        assert [i.code for i in report.items if i.required and not i.ok] == []
        assert report.passed
    finally:
        reopened.dispose()


def test_ieeag_attendance_is_not_an_opinion_its_recorded_text_is(catalogued_db: Database) -> None:
    cid, pid = seed_plan(catalogued_db, projects=3, fundings=4, indicators=3)
    with catalogued_db.write() as s:
        w = Workshop(commune_id=cid, plan_id=pid, title="Atelier de planification")
        w.attendance = [Attendance(role="ieeag", women=3, men=1)]
        s.add(w)
    assert not {i.code: i for i in compliance.check(catalogued_db, cid).items}["ieeag"].ok
    for step, values in ROAD[:4]:
        adoption.record_step(catalogued_db, pid, step, values)
    assert {i.code: i for i in compliance.check(catalogued_db, cid).items}["ieeag"].ok


def test_every_compliance_text_has_its_arabic_line() -> None:
    french = {k for k in TABLE["fr"] if k.startswith("compliance.")}
    assert sorted(french - set(TABLE["ar"])) == []


def test_render_lists_each_item_what_is_missing_and_where() -> None:
    report = compliance.ComplianceReport(
        1,
        "Tinzert",
        "PAC 2027–2032",
        tuple(rules.checklist(dataclasses.replace(GOOD, pdr_consistency_note=""))),
    )
    text = compliance.render(report)
    assert "Conformité du plan — Tinzert — PAC 2027–2032" in text
    assert "[MANQUE] Cohérence avec le programme de développement régional" in text
    assert "La note de cohérence avec le PDR est vide." in text
    assert "→ À corriger : page « Suivi-évaluation », Conformité." in text
    assert "[OK] Diagnostic" in text
    assert text.rstrip().endswith("1 exigence obligatoire non remplie, 0 point d'attention.")


# --------------------------------------------------------------------------- python -m pac check


def test_cli_check_exit_code_and_french_report(tmp_path: Path) -> None:
    from pac.db import upgrade

    path = tmp_path / "cli.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    cid, pid = seed_plan(db, projects=6, fundings=10, indicators=6)
    out = run_cli(path, "check", "commune-d-essai")
    assert out.returncode == 1, out.stderr
    assert "[MANQUE] Projet transmis aux commissions au moins 30 jours" in out.stdout
    assert "La date de la session d'adoption n'est pas saisie." in out.stdout
    arabic = run_cli(path, "check", "commune-d-essai", "--lang", "ar")
    assert arabic.returncode == 1
    assert "[ناقص] تأشيرة العامل" in arabic.stdout
    assert "لم تسجل تأشيرة العامل." in arabic.stdout
    assert "Traceback" not in out.stdout + out.stderr
    make_compliant(db, cid, pid)
    db.dispose()
    out = run_cli(path, "check", str(cid))
    assert out.returncode == 0, out.stdout
    assert "Rien d'obligatoire ne manque" in out.stdout
    unknown = run_cli(path, "check", "atlantide")
    assert unknown.returncode == 2 and "Commune inconnue" in unknown.stderr


def test_cli_check_in_arabic_has_no_french_line(tmp_path: Path) -> None:
    """Issue 12: `python -m pac check COMMUNE --lang ar` prints the whole checklist in Arabic — titles, what is
    missing with counts that agree (« مشروعان »…), where to fix it, the summary — and the unknown commune too."""
    import re

    from pac.db import upgrade

    path = tmp_path / "cli-ar.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    seed_plan(db, projects=6, fundings=10, indicators=4)
    db.dispose()
    out = run_cli(path, "check", "commune-d-essai", "--lang", "ar")
    assert out.returncode == 1 and out.stdout.strip()
    french = re.compile(r"(?<![\w/.:-])(?=[A-Za-zÀ-ÿ]*[a-zà-ÿ])[A-Za-zÀ-ÿ']{4,}(?![\w/.:-])")
    for line in out.stdout.splitlines():
        # the commune's own French name (isolated) and the command line are not interface text
        line = re.sub("\u2068[^\u2069]*\u2069", "", line).replace("python -m pac", "")
        assert not french.findall(line), line
    assert "مشروعان مصنفان نوع 1 أو 2 بدون مؤشر للنوع" in out.stdout  # two: the dual form
    assert "3 مشاريع من السنوات 1 إلى 3" in out.stdout  # three to ten: the plural of few
    assert re.search(r"(متطلبات إلزامية|متطلبا إلزاميا|متطلبان إلزاميان|متطلب إلزامي واحد)", out.stdout)
    unknown = run_cli(path, "check", "atlantide", "--lang", "ar")
    assert unknown.returncode == 2 and "جماعة غير معروفة" in unknown.stderr


def test_check_command_is_documented_in_the_cli_help() -> None:
    from pac.cli import COMMANDS

    assert "check" in COMMANDS
    assert "conformité" in COMMANDS["check"].help.lower()


def test_the_capacity_basis_is_said_when_plan_years_are_projected(catalogued_db: Database) -> None:
    """Issue 14: a plan checked against the average of past years says so (checklist and plan page)."""
    from pac.models import FinancialYear, Plan

    cid, pid = seed_plan(catalogued_db, projects=3, fundings=4, indicators=3)
    with catalogued_db.write() as s:
        plan = s.get(Plan, pid)
        assert plan is not None
        s.query(FinancialYear).filter(FinancialYear.commune_id == cid).delete()
        for y in (plan.start_year - 3, plan.start_year - 2, plan.start_year - 1):
            s.add(FinancialYear(commune_id=cid, year=y, own_revenues=1_000_000.0))
        start = plan.start_year
    note = compliance.capacity_basis_note(catalogued_db, cid)
    assert note is not None and f"{start}, {start + 1}, {start + 2}" in note
    assert f"{start - 3}, {start - 2}, {start - 1}" in note
    assert compliance.capacity_basis_note(catalogued_db, cid, "ar") != note
    budget = {i.code: i for i in compliance.check(catalogued_db, cid).items}["budget"]
    assert [n.key for n in budget.notes] == ["compliance.note.capacity_average"]
