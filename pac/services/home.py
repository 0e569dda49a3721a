"""One commune's plan at a glance, and all communes side by side (page « Tableau de bord »)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import adoption as adoption_rules
from pac.i18n import t
from pac.models import (
    Axis,
    Commune,
    Finding,
    Indicator,
    Objective,
    Plan,
    Project,
    SwotItem,
    VotingRound,
    Workshop,
)
from pac.services.adoption import step_records
from pac.services.common import current_plan


@dataclass(frozen=True)
class Overview:
    commune_id: int
    findings: int
    swot_items: int
    axes: int
    objectives: int
    projects: int
    projects_retained: int
    total_cost: float
    retained_cost: float
    rounds: int
    rounds_closed: int
    indicators: int
    workshops: int
    has_mission: bool
    has_vision: bool
    retained_without_subsidiarity: int = 0  # retained projects without competence, lead or confirmation
    retained_in_plan: int = 0
    # Required items of the compliance checklist still missing, by the page that fixes them.
    missing_by_page: dict[str, int] = field(default_factory=dict)
    adoption_status: str = "draft"

    @property
    def steps_done(self) -> dict[str, bool]:
        """Which workshop steps are done, in the order of the flow: something in them, and nothing that
        the compliance checklist requires still missing on that step's page (the status follows the
        facts the checklist lists below it)."""
        has = {
            "nav.diagnostic": self.findings > 0,
            "nav.swot": self.swot_items > 0,
            "nav.vision": self.has_mission and self.has_vision and self.axes > 0,
            "nav.projects": self.projects > 0,
            "nav.vote": self.rounds_closed > 0,
            "nav.subsidiarity": self.retained_in_plan > 0 and self.retained_without_subsidiarity == 0,
            "nav.plan": self.retained_in_plan > 0,
            "nav.monitoring": self.indicators > 0,
            "nav.adoption": self.adoption_status == "in_force",
        }
        return {key: ok and not self.missing_by_page.get(key) for key, ok in has.items()}


def _count(s: Session, stmt) -> int:  # type: ignore[no-untyped-def]
    return int(s.scalar(stmt) or 0)


def _overview(s: Session, commune_id: int) -> Overview:
    plan = current_plan(s, commune_id)
    pid = plan.id if plan else -1
    projects = select(Project).where(Project.plan_id == pid).subquery()
    return Overview(
        commune_id=commune_id,
        findings=_count(s, select(func.count()).where(Finding.commune_id == commune_id)),
        swot_items=_count(s, select(func.count()).where(SwotItem.plan_id == pid)),
        axes=_count(s, select(func.count()).where(Axis.plan_id == pid)),
        objectives=_count(s, select(func.count(Objective.id)).join(Axis).where(Axis.plan_id == pid)),
        projects=_count(s, select(func.count()).select_from(projects)),
        projects_retained=_count(
            s, select(func.count()).where(Project.plan_id == pid, Project.status == "retained")
        ),
        total_cost=float(s.scalar(select(func.coalesce(func.sum(projects.c.total_cost), 0))) or 0),
        retained_cost=float(
            s.scalar(
                select(func.coalesce(func.sum(Project.total_cost), 0)).where(
                    Project.plan_id == pid, Project.status == "retained"
                )
            )
            or 0
        ),
        rounds=_count(s, select(func.count()).where(VotingRound.plan_id == pid)),
        rounds_closed=_count(
            s, select(func.count()).where(VotingRound.plan_id == pid, VotingRound.status == "closed")
        ),
        indicators=_count(s, select(func.count()).where(Indicator.plan_id == pid)),
        workshops=_count(s, select(func.count()).where(Workshop.commune_id == commune_id)),
        has_mission=bool(plan and (plan.mission.strip() or plan.mission_ar.strip())),
        has_vision=bool(plan and (plan.vision.strip() or plan.vision_ar.strip())),
    )


def commune_overview(db: Database, commune_id: int) -> Overview:
    """The overview of one commune, with the steps' status checked against the compliance checklist."""
    from pac.services import compliance  # the dashboard's single commune only: all_communes skips it

    report = compliance.check(db, commune_id)
    missing: dict[str, int] = {}
    for item in report.items:
        if item.required and not item.ok:
            missing[item.page] = missing.get(item.page, 0) + 1
    with db.read() as s:
        o = _overview(s, commune_id)
        plan = current_plan(s, commune_id)
        in_plan = select(Project).where(
            Project.plan_id == (plan.id if plan else -1), Project.in_plan.is_(True)
        )
        retained = _count(s, select(func.count()).select_from(in_plan.subquery()))
        lacking = in_plan.where(
            Project.competence_code.is_(None)
            | Project.lead_partner_code.is_(None)
            | Project.subsidiarity_confirmed.is_(False)
        )
        without = _count(s, select(func.count()).select_from(lacking.subquery()))
        road = adoption_rules.status(step_records(s, plan.id)) if plan else "draft"
    return replace(
        o,
        retained_in_plan=retained,
        retained_without_subsidiarity=without,
        missing_by_page=missing,
        adoption_status=road,
    )


def all_communes(db: Database, lang: str = "fr") -> pd.DataFrame:
    """Every active commune side by side: one row each, the same columns as the overview (its name in
    `lang` when the commune has one)."""
    with db.read() as s:
        rows = []
        for c in s.scalars(select(Commune).where(Commune.archived.is_(False)).order_by(Commune.name_fr)):
            o = _overview(s, c.id)
            plan: Plan | None = current_plan(s, c.id)
            rows.append(
                {
                    "commune": (c.name_ar or c.name_fr) if lang == "ar" else c.name_fr,
                    "province": c.province,
                    "plan": t("communes.plan_label", lang, start=plan.start_year, end=plan.end_year)
                    if plan
                    else "",
                    "findings": o.findings,
                    "swot_items": o.swot_items,
                    "axes": o.axes,
                    "projects": o.projects,
                    "projects_retained": o.projects_retained,
                    "retained_cost": o.retained_cost,
                    "indicators": o.indicators,
                    "plan_status": plan.status if plan else "",
                }
            )
        return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the NGO's view: all communes


@dataclass(frozen=True)
class NgoRow:
    """One commune's plan as the NGO compares it with the others (only communes that have a plan)."""

    commune_id: int
    slug: str
    name_fr: str
    name_ar: str
    plan_label: str
    plan_years: tuple[int, int]  # first and last year of the plan
    cost_by_axis: dict[str, float]  # axis code -> cost of the retained projects over the plan
    share: float  # the commune's share over the first three years
    capacity: float  # its investment capacity over the same years
    over_years: tuple[int, ...]  # budgeted years where the share exceeds the capacity
    gender_projects: int  # retained projects marked gender 1 or 2
    gender_with_indicator: int  # … of which with a gender-sensitive indicator
    checklist_missing: int  # required items of the compliance checklist still missing
    documents: int  # files produced under exports/<slug>/
    last_document: dt.datetime | None

    def name(self, lang: str = "fr") -> str:
        return (self.name_ar or self.name_fr) if lang == "ar" else self.name_fr

    @property
    def ratio(self) -> float | None:
        return self.share / self.capacity if self.capacity > 0 else None


def ngo_board(db: Database) -> list[NgoRow]:
    """Every active commune with a plan, side by side: cost by axis, commune share against capacity (first
    three years), gender coverage, checklist state, documents last produced.  Each figure comes from the
    service its page uses (plan board, indicator board, compliance checklist, documents)."""
    from pac.domain import plan as budget
    from pac.domain import vocab
    from pac.services import compliance, documents, monitoring
    from pac.services import plan as plan_service

    with db.read() as s:
        todo = []
        for c in s.scalars(select(Commune).where(Commune.archived.is_(False)).order_by(Commune.name_fr)):
            p = current_plan(s, c.id)
            if p is not None:
                todo.append((c.id, c.slug, c.name_fr, c.name_ar or "", p.id))
    rows = []
    for cid, slug, name_fr, name_ar, plan_id in todo:
        board = plan_service.load_board(db, plan_id)
        years = board.years
        by_axis = budget.totals_by(board.budgets(), years, "axis")
        first = board.balances()[: vocab.TRIENNIAL_YEARS]
        retained = {p.id for p in board.retained}
        gender = [p for p in board.retained if (p.markers.get("gender") or 0) >= 1]
        indicators = monitoring.load_indicators(db, plan_id)
        missing_gender = {c.project_id for c in indicators.missing_gender} & retained
        files = documents.last_produced(slug)
        rows.append(
            NgoRow(
                cid,
                slug,
                name_fr,
                name_ar,
                board.plan.label,
                (board.plan.start_year, board.plan.end_year),
                {axis: sum(per_year.values()) for axis, per_year in by_axis.items()},
                sum(b.share for b in first),
                sum(max(b.capacity, 0.0) for b in first),
                tuple(b.year for b in first if b.over),
                len(gender),
                len([p for p in gender if p.id not in missing_gender]),
                compliance.check(db, cid).missing_required,
                len(files),
                files[0].at if files else None,
            )
        )
    return rows
