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
from pac.domain.compliance import ComplianceFacts, Missing, ProjectFacts
from pac.i18n import TABLE
from pac.models import Attendance, Indicator, Project, Workshop
from pac.services import compliance, monitoring
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
        "diagnostic",
        "priorities",
        "budget",
        "capacity",
        "gender_markers",
        "gender_indicators",
        "ieeag",
        "indicators",
        "me_system",
        "committees",
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
            {"projects": (good_project(gender_indicators=0),)},
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


def test_ieeag_consulted_through_workshop_attendance_is_enough() -> None:
    assert items(dataclasses.replace(GOOD, ieeag_opinion_on=None, ieeag_attendance=3))["ieeag"].ok


def test_warnings_do_not_fail_the_check() -> None:
    result = rules.checklist(
        dataclasses.replace(GOOD, shortfalls=((2028, 250_000.0),), state_services_consulted_on=None)
    )
    warned = {i.code for i in result if not i.ok}
    assert warned == {"capacity", "state_services"}
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
            good_project("P02", gap=10.0, gender_indicators=0),
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
    assert sorted(k for k in produced if k not in TABLE["fr"]) == []
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
    monitoring.save_compliance_dates(
        db,
        plan_id,
        {
            "committees_sent_on": "2027-01-02",
            "adoption_session_on": "01/02/2027",
            "state_services_consulted_on": dt.date(2026, 12, 1),
            "ieeag_opinion_on": dt.date(2027, 1, 10),
            "pdr_consistency_note": "Axes cohérents avec le PDR Souss-Massa.",
        },
    )


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


def test_ieeag_attendance_in_a_workshop_counts_as_consultation(catalogued_db: Database) -> None:
    cid, pid = seed_plan(catalogued_db, projects=3, fundings=4, indicators=3)
    assert not {i.code: i for i in compliance.check(catalogued_db, cid).items}["ieeag"].ok
    with catalogued_db.write() as s:
        w = Workshop(commune_id=cid, plan_id=pid, title="Atelier de planification")
        w.attendance = [Attendance(role="ieeag", women=3, men=1)]
        s.add(w)
    assert {i.code: i for i in compliance.check(catalogued_db, cid).items}["ieeag"].ok


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
    assert text.rstrip().endswith("1 exigence(s) obligatoire(s) non remplie(s), 0 point(s) d'attention.")


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
    assert "Traceback" not in out.stdout + out.stderr
    make_compliant(db, cid, pid)
    db.dispose()
    out = run_cli(path, "check", str(cid))
    assert out.returncode == 0, out.stdout
    assert "Rien d'obligatoire ne manque" in out.stdout
    unknown = run_cli(path, "check", "atlantide")
    assert unknown.returncode == 2 and "Commune inconnue" in unknown.stderr


def test_check_command_is_documented_in_the_cli_help() -> None:
    from pac.cli import COMMANDS

    assert "check" in COMMANDS
    assert "conformité" in COMMANDS["check"].help.lower()
