"""The compliance checklist of a PAC: what the law asks, item by item.

LO 113-14 art. 78: six years, adopted within the first year of the mandate, a diagnostic, the
commune's priorities, an estimate of resources and expenses for the first three years (saying how
the capacity was estimated), the gender approach.  Art. 118: the governor's visa.  Art. 120: the IEEAG
gives its opinion.  Décret 2-16-301: consultation of the State's services (art. 4), a
monitoring system with indicators per project (art. 6), the draft sent to the
council's committees at least 30 days before the adopting session (art. 10), presented with
their reports (art. 11); participatory diagnostic workshops held (art. 7).  The
plan is consistent with the regional development programme (PDR).

Each item says whether it is met, what is missing (translation keys with their
values, so the dashboard and the command line can speak French or Arabic) and where
to fix it (the page, and the part of the page).  Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pac.domain.adoption import (
    COMMITTEE_NOTICE_DAYS,
    Mandate,
    covers_six_years,
    first_year_end,
    mandate_of,
    notice_days,
)


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
    gender_indicators: int  # gender-specific or disaggregated by sex
    # OECD DAC: a project marked gender 1 or 2 needs a gender-specific indicator AND sex-disaggregated data.
    gender_specific: int = 0
    sex_disaggregated: int = 0


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
    start_year: int = 0
    end_year: int = 0
    mandates: tuple[Mandate, ...] = ()  # the editable catalogue of the councils' elections
    diagnostic_workshops: int = 0  # workshops of kind « diagnostic » of this plan (or of no plan)
    diagnostic_attendance: int = 0  # people counted in their attendance
    ieeag_opinion_text: bool = False  # the opinion's text is attached on the road to adoption
    committee_reports_on: dt.date | None = None
    governor_visa_on: dt.date | None = None
    capacity_estimated_years: tuple[int, ...] = ()  # years 1–3 whose capacity is the average of past years
    capacity_average_of: tuple[int, ...] = ()  # the past years averaged


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
    notes: tuple[Missing, ...] = ()  # what the reader should know even when nothing is missing

    @property
    def ok(self) -> bool:
        return not self.missing


def _codes(projects: list[ProjectFacts], limit: int = 12) -> str:
    codes = [p.code for p in projects]
    shown = ", ".join(codes[:limit])
    return shown + (f" (+{len(codes) - limit})" if len(codes) > limit else "")


def capacity_note(estimated: Sequence[int], averaged: Sequence[int]) -> Missing:
    """The note saying that the capacity of plan years `estimated` is the average of the past years `averaged`."""
    return Missing(
        "compliance.note.capacity_average",
        {"years": ", ".join(map(str, estimated)), "from": ", ".join(map(str, averaged))},
    )


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

    # 0. Six years (LO 113-14 art. 78; décret art. 3)
    miss = []
    if f.start_year and not covers_six_years(f.start_year, f.end_year):
        miss.append(
            Missing(
                "compliance.miss.not_six_years",
                {"start": f.start_year, "end": f.end_year, "n": f.end_year - f.start_year + 1},
            )
        )
    items.append(CheckItem("six_years", True, tuple(miss), "nav.communes", "compliance.where.plan_period"))

    # 1. Diagnostic: findings, and participatory workshops held with their attendance (décret art. 7)
    miss = [] if f.findings else [Missing("compliance.miss.no_findings")]
    items.append(CheckItem("diagnostic", True, tuple(miss), "nav.diagnostic", "compliance.where.findings"))
    miss = []
    if not f.diagnostic_workshops:
        miss.append(Missing("compliance.miss.no_diagnostic_workshop"))
    elif not f.diagnostic_attendance:
        miss.append(Missing("compliance.miss.no_diagnostic_attendance", {"n": f.diagnostic_workshops}))
    items.append(CheckItem("participatory", True, tuple(miss), "nav.communes", "compliance.where.workshops"))

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
    notes = []
    if f.capacity_estimated_years:
        notes.append(capacity_note(f.capacity_estimated_years, f.capacity_average_of))
    items.append(CheckItem("budget", True, tuple(miss), "nav.plan", "plan.view.project", notes=tuple(notes)))

    # 3b. The commune can pay its share (a warning: the law asks for an estimate, not a balance)
    miss = [Missing("compliance.miss.shortfall", {"year": y, "amount": a}) for y, a in f.shortfalls]
    items.append(
        CheckItem("capacity", False, tuple(miss), "nav.plan", "plan.view.budget", notes=tuple(notes))
    )

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
    lacking = [
        p for p in ps if (p.marker_gender or 0) >= 1 and (p.gender_specific == 0 or p.sex_disaggregated == 0)
    ]
    if lacking:
        miss.append(
            Missing("compliance.miss.gender_marked_without", {"n": len(lacking), "codes": _codes(lacking)})
        )
    items.append(
        CheckItem("gender_indicators", True, tuple(miss), "nav.monitoring", "monitoring.view.indicators")
    )

    # The IEEAG's opinion on the draft (art. 120): a member attending a workshop is not an opinion.
    miss = []
    if f.ieeag_opinion_on is None:
        miss.append(Missing("compliance.miss.ieeag"))
    elif not f.ieeag_opinion_text:
        miss.append(Missing("compliance.miss.ieeag_text"))
    items.append(CheckItem("ieeag", True, tuple(miss), "nav.adoption", "adoption.view.road"))

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
        days = notice_days(f.committees_sent_on, f.adoption_session_on)
        if days < COMMITTEE_NOTICE_DAYS:
            miss.append(
                Missing("compliance.miss.notice_too_short", {"days": days, "needed": COMMITTEE_NOTICE_DAYS})
            )
    if f.committee_reports_on is None:  # art. 11: presented with the draft and the monitoring system
        miss.append(Missing("compliance.miss.no_committee_reports"))
    items.append(CheckItem("committees", True, tuple(miss), "nav.adoption", "adoption.view.road"))

    # 6b. Adopted within the first year of the council's mandate (art. 78); mandates are a catalogue
    miss = []
    if f.adoption_session_on is None:
        miss.append(Missing("compliance.miss.no_session_date"))
    else:
        m = mandate_of(f.adoption_session_on, f.mandates)
        if m is None or m.elected_on is None:
            miss.append(Missing("compliance.miss.no_mandate", {"date": f"{f.adoption_session_on:%d/%m/%Y}"}))
        elif f.adoption_session_on > first_year_end(m.elected_on):
            miss.append(
                Missing(
                    "compliance.miss.after_first_year",
                    {
                        "date": f"{f.adoption_session_on:%d/%m/%Y}",
                        "elected": f"{m.elected_on:%d/%m/%Y}",
                        "limit": f"{first_year_end(m.elected_on):%d/%m/%Y}",
                    },
                )
            )
    items.append(CheckItem("first_year", True, tuple(miss), "nav.adoption", "adoption.view.road"))

    # 6c. The governor's visa (LO art. 118)
    miss = [] if f.governor_visa_on else [Missing("compliance.miss.no_visa")]
    items.append(CheckItem("governor_visa", True, tuple(miss), "nav.adoption", "adoption.view.road"))

    # 7. Consistency with the regional development programme
    miss = [] if f.pdr_consistency_note.strip() else [Missing("compliance.miss.pdr")]
    items.append(CheckItem("pdr", True, tuple(miss), "nav.monitoring", "monitoring.view.compliance"))

    # 8. Consultation of the State's deconcentrated services (décret art. 4): required
    miss = [] if f.state_services_consulted_on else [Missing("compliance.miss.state_services")]
    items.append(CheckItem("state_services", True, tuple(miss), "nav.adoption", "adoption.view.road"))
    return items


def passed(items: list[CheckItem]) -> bool:
    """True when nothing required is missing (warnings do not fail the check)."""
    return all(i.ok for i in items if i.required)
