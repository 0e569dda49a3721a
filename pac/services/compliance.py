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
from pac.domain.bilingual import isolate
from pac.domain.errors import DomainError, NotFound
from pac.domain.finance import YearFigures, capacity_for_years
from pac.domain.fmt import number
from pac.i18n import t, tn
from pac.models import (
    Attendance,
    Finding,
    Indicator,
    Mandate,
    MeCommitteeMember,
    MeEvent,
    MeTool,
    Plan,
    Project,
    Workshop,
)
from pac.services.adoption import step_records
from pac.services.common import budget_rows, current_plan, find_commune
from pac.services.diagnostic import finance_years


@dataclass(frozen=True)
class ComplianceReport:
    commune_id: int
    commune_name: str
    plan_label: str | None
    items: tuple[rules.CheckItem, ...]
    commune_name_ar: str = ""
    plan_years: tuple[int, int] | None = None  # (first, last) of the plan checked

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
    costs, lines = budget_rows(s, retained)
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
    estimated, averaged, capacities = _estimated_capacity(history, years)
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
        capacity_average_of=averaged,
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
        label = t("compliance.plan_label", "fr", start=plan.start_year, end=plan.end_year) if plan else None
        return ComplianceReport(
            commune.id,
            commune.name_fr,
            label,
            tuple(items),
            commune.name_ar or "",
            (plan.start_year, plan.end_year) if plan else None,
        )


# --------------------------------------------------------------------------- text


# The value of a missing item that says how many: its text agrees with it (« 1 projet », « 3 مشاريع »).
_COUNTS = ("n", "days")


def _fmt_values(values: dict[str, Any], lang: str) -> dict[str, Any]:
    out = {k: number(x, lang=lang) if isinstance(x, float) else x for k, x in values.items()}
    if lang == "ar" and "codes" in out:  # « P01, P02 (+4) » keeps its order inside an Arabic line
        out["codes"] = isolate(str(out["codes"]))
    return out


def missing_text(m: rules.Missing, lang: str = "fr") -> str:
    """What is missing, in `lang`, its words agreeing with the count it gives (pac.i18n.tn)."""
    values = _fmt_values(m.values, lang)
    count = next((k for k in _COUNTS if k in m.values), None)
    if count is None:
        return t(m.key, lang, **values)
    n = m.values[count]
    return tn(m.key, n, lang, **{k: x for k, x in values.items() if k != "n"})


def summary_text(report: ComplianceReport, lang: str = "fr") -> str:
    """« 2 exigences obligatoires non remplies, 1 point d'attention. » (or « rien ne manque »), in `lang`."""
    warnings = tn("compliance.n_warnings", report.warnings, lang)
    if report.passed:
        return t("compliance.summary_ok", lang, warnings=warnings)
    required = tn("compliance.n_required", report.missing_required, lang)
    return t("compliance.summary_missing", lang, required=required, warnings=warnings)


def title_text(report: ComplianceReport, lang: str = "fr") -> str:
    """The report's title: the commune's name and the plan's period in `lang`."""
    name = report.commune_name
    if lang == "ar":  # the Arabic name; a French one alone is isolated so that the line keeps its order
        name = report.commune_name_ar or isolate(report.commune_name)
    plan = (
        t("compliance.plan_label", lang, start=report.plan_years[0], end=report.plan_years[1])
        if report.plan_years
        else (report.plan_label or t("compliance.no_plan_label", lang))
    )
    return t("compliance.report_title", lang, commune=name, plan=plan)


def where_text(item: rules.CheckItem, lang: str = "fr") -> str:
    return t("compliance.where", lang, page=t(item.page, lang), section=t(item.section, lang))


def render(report: ComplianceReport, lang: str = "fr") -> str:
    """The report as plain text: one line per item, what is missing under it, and where to fix it."""
    lines = [title_text(report, lang), ""]
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
    lines.append(summary_text(report, lang))
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
        except NotFound:
            (err or (lambda s: print(s, file=sys.stderr)))(t("compliance.unknown_commune", lang, ref=ref))
            return 2
        except DomainError as e:
            (err or (lambda s: print(s, file=sys.stderr)))("\n".join(e.messages))
            return 2
        out(render(report, lang))
        return 0 if report.passed else 1
    finally:
        if db is None:
            database.dispose()


def _estimated_capacity(
    history: list[YearFigures], years: list[int]
) -> tuple[tuple[int, ...], tuple[int, ...], dict[int, Any]]:
    """(plan years 1–3 whose capacity is an average, the past years averaged, the capacity of every year)."""
    capacities = capacity_for_years(history, years)
    estimated = tuple(y for y in years[: vocab.TRIENNIAL_YEARS] if capacities[y].basis == "average")
    actual = sorted(f.year for f in history if not f.is_forecast)
    return estimated, (tuple(actual[-3:]) if estimated else ()), capacities


def capacity_basis_note(db: Database, commune_id: int, lang: str = "fr") -> str | None:
    """How the capacity of the plan's first three years was estimated, when it was not read from figures
    for those years; None when every year has its figures.  The checklist's line alone: the capacity of the
    plan's years, not the whole checklist."""
    history = finance_years(db, commune_id)
    with db.read() as s:
        plan = current_plan(s, commune_id)
        if plan is None:
            return None
        years = list(range(plan.start_year, plan.end_year + 1))
    estimated, averaged, _ = _estimated_capacity(history, years)
    if not estimated:
        return None
    return missing_text(rules.capacity_note(estimated, averaged), lang)
