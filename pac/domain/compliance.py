"""The compliance checklist of a PAC: what the law asks, item by item.

LO 113-14 art. 78: a diagnostic, the commune's priorities, an estimate of resources
and expenses for the first three years, the gender approach.  Art. 120: the IEEAG
gives its opinion.  Décret 2-16-301: consultation of the State's services (art. 4), a
monitoring system with indicators per project (art. 6), the draft sent to the
council's committees at least 30 days before the adopting session (art. 10).  The
plan is consistent with the regional development programme (PDR).

Each item says whether it is met, what is missing (translation keys with their
values, so the dashboard and the command line can speak French or Arabic) and where
to fix it (the page, and the part of the page).  Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

COMMITTEE_NOTICE_DAYS = 30  # décret 2-16-301 art. 10


@dataclass(frozen=True)
class ProjectFacts:
    code: str
    title: str
    priority: int | None
    marker_gender: int | None
    cost: float  # sum of its costs per year
    triennial_cost: float  # of which in years 1–3
    gap: float  # cost not covered by funding lines
    scheduled: bool
    indicators: int
    gender_indicators: int


@dataclass(frozen=True)
class ComplianceFacts:
    """Everything the checklist looks at, gathered by pac.services.compliance."""

    has_plan: bool
    findings: int = 0
    projects: tuple[ProjectFacts, ...] = ()  # the projects retained in the plan
    capacity_missing_years: tuple[int, ...] = ()  # years 1–3 without any financial figure
    shortfalls: tuple[tuple[int, float], ...] = ()  # (year, amount) where the share exceeds capacity
    gender_indicators: int = 0
    ieeag_opinion_on: dt.date | None = None
    ieeag_attendance: int = 0  # IEEAG members counted in the workshops' attendance
    ieeag_members: int = 0  # IEEAG members of the follow-up committee
    committee_members: int = 0
    tools: int = 0
    event_kinds: frozenset[str] = frozenset()
    committees_sent_on: dt.date | None = None
    adoption_session_on: dt.date | None = None
    state_services_consulted_on: dt.date | None = None
    pdr_consistency_note: str = ""


@dataclass(frozen=True)
class Missing:
    """One thing missing: a translation key and its values (project codes, dates, amounts)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckItem:
    code: str  # translation key suffix: compliance.item.<code>
    required: bool  # a required item missing makes `python -m pac check` fail
    missing: tuple[Missing, ...]
    page: str  # nav key of the page where it is fixed
    section: str  # translation key of the part of that page

    @property
    def ok(self) -> bool:
        return not self.missing


def _codes(projects: list[ProjectFacts], limit: int = 12) -> str:
    codes = [p.code for p in projects]
    shown = ", ".join(codes[:limit])
    return shown + (f" (+{len(codes) - limit})" if len(codes) > limit else "")


def checklist(f: ComplianceFacts) -> list[CheckItem]:
    """The items in the order of the law's list, each with what is missing."""
    if not f.has_plan:
        return [
            CheckItem(
                "plan",
                True,
                (Missing("compliance.miss.no_plan"),),
                "nav.communes",
                "compliance.where.plan_period",
            )
        ]
    ps = list(f.projects)
    items: list[CheckItem] = []

    # 1. Diagnostic
    miss = [] if f.findings else [Missing("compliance.miss.no_findings")]
    items.append(CheckItem("diagnostic", True, tuple(miss), "nav.diagnostic", "compliance.where.findings"))

    # 2. Priorities
    miss = []
    if not ps:
        miss.append(Missing("compliance.miss.no_retained"))
    unranked = [p for p in ps if p.priority is None]
    if unranked:
        miss.append(Missing("compliance.miss.unranked", {"n": len(unranked), "codes": _codes(unranked)}))
    items.append(CheckItem("priorities", True, tuple(miss), "nav.plan", "plan.view.priorities"))

    # 3. Resources and expenses of the first three years
    miss = []
    unscheduled = [p for p in ps if not p.scheduled or p.cost <= 0]
    if unscheduled:
        miss.append(
            Missing("compliance.miss.unscheduled", {"n": len(unscheduled), "codes": _codes(unscheduled)})
        )
    if ps and not any(p.triennial_cost > 0 for p in ps):
        miss.append(Missing("compliance.miss.no_triennial"))
    gaps = [p for p in ps if p.gap > 0 and p.triennial_cost > 0]
    if gaps:
        miss.append(
            Missing(
                "compliance.miss.gaps",
                {"n": len(gaps), "codes": _codes(gaps), "amount": sum(p.gap for p in gaps)},
            )
        )
    if f.capacity_missing_years:
        miss.append(
            Missing("compliance.miss.no_finances", {"years": ", ".join(map(str, f.capacity_missing_years))})
        )
    items.append(CheckItem("budget", True, tuple(miss), "nav.plan", "plan.view.project"))

    # 3b. The commune can pay its share (a warning: the law asks for an estimate, not a balance)
    miss = [Missing("compliance.miss.shortfall", {"year": y, "amount": a}) for y, a in f.shortfalls]
    items.append(CheckItem("capacity", False, tuple(miss), "nav.plan", "plan.view.budget"))

    # 4. Gender approach: projects marked, gender indicators, IEEAG consulted
    unmarked = [p for p in ps if p.marker_gender is None]
    miss = (
        [Missing("compliance.miss.unmarked", {"n": len(unmarked), "codes": _codes(unmarked)})]
        if unmarked
        else []
    )
    items.append(CheckItem("gender_markers", True, tuple(miss), "nav.projects", "compliance.where.markers"))

    miss = []
    if not f.gender_indicators:
        miss.append(Missing("compliance.miss.no_gender_indicator"))
    lacking = [p for p in ps if (p.marker_gender or 0) >= 1 and p.gender_indicators == 0]
    if lacking:
        miss.append(
            Missing("compliance.miss.gender_marked_without", {"n": len(lacking), "codes": _codes(lacking)})
        )
    items.append(
        CheckItem("gender_indicators", True, tuple(miss), "nav.monitoring", "monitoring.view.indicators")
    )

    consulted = f.ieeag_opinion_on is not None or f.ieeag_attendance > 0
    miss = [] if consulted else [Missing("compliance.miss.ieeag")]
    items.append(CheckItem("ieeag", True, tuple(miss), "nav.monitoring", "monitoring.view.compliance"))

    # 5. Monitoring system with indicators for every retained project
    without = [p for p in ps if p.indicators == 0]
    miss = (
        [Missing("compliance.miss.without_indicator", {"n": len(without), "codes": _codes(without)})]
        if without
        else []
    )
    items.append(CheckItem("indicators", True, tuple(miss), "nav.monitoring", "monitoring.view.indicators"))

    miss = []
    if not f.committee_members:
        miss.append(Missing("compliance.miss.no_committee"))
    elif not f.ieeag_members:
        miss.append(Missing("compliance.miss.committee_without_ieeag"))
    if not f.tools:
        miss.append(Missing("compliance.miss.no_tools"))
    for kind in ("annual_report", "mid_term", "final"):
        if kind not in f.event_kinds:
            miss.append(Missing(f"compliance.miss.no_event.{kind}"))
    items.append(CheckItem("me_system", True, tuple(miss), "nav.monitoring", "monitoring.view.system"))

    # 6. Draft to the council's committees at least 30 days before the adopting session
    miss = []
    if f.committees_sent_on is None:
        miss.append(Missing("compliance.miss.no_committees_date"))
    if f.adoption_session_on is None:
        miss.append(Missing("compliance.miss.no_session_date"))
    if f.committees_sent_on and f.adoption_session_on:
        days = (f.adoption_session_on - f.committees_sent_on).days
        if days < COMMITTEE_NOTICE_DAYS:
            miss.append(
                Missing("compliance.miss.notice_too_short", {"days": days, "needed": COMMITTEE_NOTICE_DAYS})
            )
    items.append(CheckItem("committees", True, tuple(miss), "nav.monitoring", "monitoring.view.compliance"))

    # 7. Consistency with the regional development programme
    miss = [] if f.pdr_consistency_note.strip() else [Missing("compliance.miss.pdr")]
    items.append(CheckItem("pdr", True, tuple(miss), "nav.monitoring", "monitoring.view.compliance"))

    # 8. Consultation of the State's deconcentrated services (art. 4): recommended, its date kept
    miss = [] if f.state_services_consulted_on else [Missing("compliance.miss.state_services")]
    items.append(
        CheckItem("state_services", False, tuple(miss), "nav.monitoring", "monitoring.view.compliance")
    )
    return items


def passed(items: list[CheckItem]) -> bool:
    """True when nothing required is missing (warnings do not fail the check)."""
    return all(i.ok for i in items if i.required)
