"""The compliance checklist of a commune's plan (dashboard, and `python -m pac check COMMUNE`).

`check(db, ref)` gathers the facts in one read transaction and lets the rules of
pac.domain.compliance judge them; `render(report, lang)` writes the report as text, and
`check_command(ref)` is the command line's action: it prints the report in French and
returns the exit code (0 when nothing required is missing, 1 otherwise, 2 for an unknown
commune).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import adoption as adoption_rules
from pac.domain import compliance as rules
from pac.domain import monitoring as ind
from pac.domain import plan as b
from pac.domain import vocab
from pac.domain.errors import DomainError
from pac.domain.finance import YearFigures, capacity_for_years
from pac.domain.fmt import number
from pac.i18n import t
from pac.models import (
    Attendance,
    Finding,
    Funding,
    Indicator,
    Mandate,
    MeCommitteeMember,
    MeEvent,
    MeTool,
    Plan,
    Project,
    ProjectYearCost,
    Workshop,
)
from pac.services.adoption import step_records
from pac.services.common import current_plan, find_commune
from pac.services.diagnostic import finance_years


@dataclass(frozen=True)
class ComplianceReport:
    commune_id: int
    commune_name: str
    plan_label: str | None
    items: tuple[rules.CheckItem, ...]

    @property
    def passed(self) -> bool:
        return rules.passed(list(self.items))

    @property
    def missing_required(self) -> int:
        return sum(1 for i in self.items if i.required and not i.ok)

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.items if not i.required and not i.ok)


def _facts(
    s: Session, commune_id: int, plan: Plan | None, history: list[YearFigures]
) -> rules.ComplianceFacts:
    if plan is None:
        return rules.ComplianceFacts(has_plan=False)
    years = list(range(plan.start_year, plan.end_year + 1))
    tri = years[: vocab.TRIENNIAL_YEARS]
    indicators = s.execute(
        select(Indicator.project_id, Indicator.is_gender, Indicator.disaggregation).where(
            Indicator.plan_id == plan.id
        )
    ).all()
    per_project: dict[int, list[bool]] = {}
    specific: dict[int, int] = {}
    by_sex: dict[int, int] = {}
    gender_total = 0
    for pid, is_gender, dis in indicators:
        sensitive = ind.is_gender_sensitive(is_gender, dis or [])
        gender_total += sensitive
        if pid is not None:
            per_project.setdefault(pid, []).append(sensitive)
            specific[pid] = specific.get(pid, 0) + bool(is_gender)
            by_sex[pid] = by_sex.get(pid, 0) + ("sex" in (dis or []))
    retained = select(Project.id).where(Project.plan_id == plan.id, Project.in_plan.is_(True))
    costs: dict[int, dict[int, float]] = {}
    for pid, y, amount in s.execute(
        select(ProjectYearCost.project_id, ProjectYearCost.year, ProjectYearCost.amount).where(
            ProjectYearCost.project_id.in_(retained)
        )
    ):
        if amount:
            costs.setdefault(pid, {})[y] = amount
    lines: dict[int, list[b.FundingLine]] = {}
    for pid, partner, y, amount, status in s.execute(
        select(Funding.project_id, Funding.partner_code, Funding.year, Funding.amount, Funding.status).where(
            Funding.project_id.in_(retained)
        )
    ):
        lines.setdefault(pid, []).append(b.FundingLine(partner, y, amount, status))
    facts = []
    budgets = []
    for p in s.execute(
        select(
            Project.id,
            Project.code,
            Project.title,
            Project.start_year,
            Project.end_year,
            Project.vote_rank,
            Project.priority_override,
            Project.marker_gender,
        )
        .where(Project.id.in_(retained))
        .order_by(Project.code)
    ):
        bud = b.ProjectBudget(
            p.id, p.code, p.start_year, p.end_year, costs.get(p.id, {}), tuple(lines.get(p.id, ()))
        )
        budgets.append(bud)
        marks = per_project.get(p.id, [])
        facts.append(
            rules.ProjectFacts(
                code=p.code,
                title=p.title,
                priority=b.effective_priority(p.vote_rank, p.priority_override),
                marker_gender=p.marker_gender,
                cost=bud.total_cost,
                triennial_cost=sum(bud.costs.get(y, 0.0) for y in tri),
                gap=bud.gap,
                scheduled=bud.scheduled,
                indicators=len(marks),
                gender_indicators=sum(marks),
                gender_specific=specific.get(p.id, 0),
                sex_disaggregated=by_sex.get(p.id, 0),
            )
        )
    capacities = capacity_for_years(history, years)
    shortfalls = tuple(
        (x.year, x.shortfall) for x in b.balances(budgets, years, capacities) if x.year in tri and x.over
    )
    ieeag_attendance = int(
        s.scalar(
            select(func.coalesce(func.sum(Attendance.women + Attendance.men), 0))
            .join(Workshop)
            .where(
                Workshop.commune_id == commune_id,
                Attendance.role == "ieeag",
                (Workshop.plan_id == plan.id) | Workshop.plan_id.is_(None),
            )
        )
        or 0
    )
    members = s.scalars(select(MeCommitteeMember).where(MeCommitteeMember.plan_id == plan.id)).all()
    of_plan = (Workshop.plan_id == plan.id) | Workshop.plan_id.is_(None)
    diagnostic = select(Workshop.id).where(
        Workshop.commune_id == commune_id, Workshop.kind == "diagnostic", of_plan
    )
    road = adoption_rules.latest(step_records(s, plan.id))
    ieeag = road.get("ieeag_opinion")
    reports = road.get("committee_reports")
    visa = road.get("governor_visa")
    actual = sorted(f.year for f in history if not f.is_forecast)
    estimated = tuple(y for y in tri if capacities[y].basis == "average")
    return rules.ComplianceFacts(
        has_plan=True,
        findings=int(s.scalar(select(func.count()).where(Finding.commune_id == commune_id)) or 0),
        projects=tuple(facts),
        capacity_missing_years=tuple(y for y in tri if capacities[y].basis == "none"),
        shortfalls=shortfalls,
        gender_indicators=gender_total,
        ieeag_opinion_on=plan.ieeag_opinion_on,
        ieeag_attendance=ieeag_attendance,
        ieeag_members=sum(1 for m in members if m.is_ieeag or m.role == "ieeag"),
        committee_members=len(members),
        tools=int(s.scalar(select(func.count()).where(MeTool.plan_id == plan.id)) or 0),
        event_kinds=frozenset(s.scalars(select(MeEvent.kind).where(MeEvent.plan_id == plan.id))),
        committees_sent_on=plan.committees_sent_on,
        adoption_session_on=plan.adoption_session_on,
        state_services_consulted_on=plan.state_services_consulted_on,
        pdr_consistency_note=plan.pdr_consistency_note or "",
        start_year=plan.start_year,
        end_year=plan.end_year,
        mandates=tuple(
            adoption_rules.Mandate(m.code, m.elected_on, m.source) for m in s.scalars(select(Mandate))
        ),
        diagnostic_workshops=int(s.scalar(select(func.count()).select_from(diagnostic.subquery())) or 0),
        diagnostic_attendance=int(
            s.scalar(
                select(func.coalesce(func.sum(Attendance.women + Attendance.men), 0)).where(
                    Attendance.workshop_id.in_(diagnostic)
                )
            )
            or 0
        ),
        ieeag_opinion_text=bool(ieeag and ieeag.text.strip()),
        committee_reports_on=reports.done_on if reports else None,
        governor_visa_on=visa.done_on if visa else None,
        capacity_estimated_years=estimated,
        capacity_average_of=tuple(actual[-3:]) if estimated else (),
    )


def check(db: Database, ref: int | str) -> ComplianceReport:
    """The checklist of the commune `ref` (id or short name) for its current plan."""
    with db.read() as s:
        commune_id = find_commune(s, ref).id
    history = finance_years(db, commune_id)  # the Diagnostic page's figures
    with db.read() as s:
        commune = find_commune(s, commune_id)
        plan = current_plan(s, commune.id)
        items = rules.checklist(_facts(s, commune.id, plan, history))
        label = f"PAC {plan.start_year}–{plan.end_year}" if plan else None
        return ComplianceReport(commune.id, commune.name_fr, label, tuple(items))


# --------------------------------------------------------------------------- text


def _fmt_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: number(x) if isinstance(x, float) else x for k, x in values.items()}


def missing_text(m: rules.Missing, lang: str = "fr") -> str:
    return t(m.key, lang, **_fmt_values(m.values))


def where_text(item: rules.CheckItem, lang: str = "fr") -> str:
    return t("compliance.where", lang, page=t(item.page, lang), section=t(item.section, lang))


def render(report: ComplianceReport, lang: str = "fr") -> str:
    """The report as plain text: one line per item, what is missing under it, and where to fix it."""
    lines = [
        t(
            "compliance.report_title",
            lang,
            commune=report.commune_name,
            plan=report.plan_label or t("compliance.no_plan_label", lang),
        ),
        "",
    ]
    for item in report.items:
        mark = t(f"compliance.mark.{'ok' if item.ok else ('missing' if item.required else 'warning')}", lang)
        lines.append(f"{mark} {t(f'compliance.item.{item.code}', lang)}")
        for m in item.missing:
            lines.append(f"    - {missing_text(m, lang)}")
        for m in item.notes:
            lines.append(f"    ({missing_text(m, lang)})")
        if not item.ok:
            lines.append(f"    → {where_text(item, lang)}")
    lines.append("")
    if report.passed:
        lines.append(t("compliance.summary_ok", lang, warnings=report.warnings))
    else:
        lines.append(
            t("compliance.summary_missing", lang, n=report.missing_required, warnings=report.warnings)
        )
    return "\n".join(lines)


def check_command(
    ref: str,
    db: Database | None = None,
    out: Callable[[str], Any] = print,
    err: Callable[[str], Any] | None = None,
    lang: str = "fr",
) -> int:
    """`python -m pac check COMMUNE [--lang ar]`: the report in French (or Arabic); exit code 0 when
    complete, 1 when something required is missing, 2 when the commune is unknown."""
    database = db or Database()
    try:
        try:
            report = check(database, ref)
        except DomainError as e:
            (err or (lambda s: print(s, file=sys.stderr)))("\n".join(e.messages))
            return 2
        out(render(report, lang))
        return 0 if report.passed else 1
    finally:
        if db is None:
            database.dispose()


def capacity_basis_note(db: Database, commune_id: int, lang: str = "fr") -> str | None:
    """How the capacity of the plan's first three years was estimated, when it was not read from figures
    for those years (the plan page shows it beside its gauge); None when every year has its figures."""
    for item in check(db, commune_id).items:
        for m in item.notes:
            if m.key == "compliance.note.capacity_average":
                return missing_text(m, lang)
    return None
