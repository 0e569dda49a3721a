"""Monitoring and evaluation (page « Suivi-évaluation »): indicators per objective and project, the M&E
system (committee, tools, calendar), the compliance dates, and tracking after the workshop (measured
values, project progress).

A little over 600 lines: the step's four views (indicators, M&E system, tracking, compliance dates)
are one user action per function; the rules are in pac.domain.monitoring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import monitoring as ind
from pac.domain import validate as v
from pac.domain.conflict import merge
from pac.domain.errors import Collector, DomainError, NotFound
from pac.i18n import t
from pac.models import (
    Axis,
    Indicator,
    IndicatorTarget,
    Measurement,
    MeCommitteeMember,
    MeEvent,
    MeTool,
    Objective,
    Plan,
    Project,
    ProjectProgress,
    ProjectYearCost,
)
from pac.services.common import get_or_404, shown_text
from pac.services.communes import PlanView, plan_view


@dataclass(frozen=True)
class IndicatorView:
    id: int
    code: str
    level: str
    name: str
    definition: str
    unit: str
    baseline_value: float | None
    baseline_year: int | None
    target_final: float | None
    source: str
    frequency: str
    responsible: str
    disaggregation: tuple[str, ...]
    is_gender: bool
    status: str
    comment: str
    objective_id: int | None
    project_id: int | None
    anchor: str  # "P03 — Adduction d'eau…" or "O1.2 — …": what it measures (French, else Arabic)
    targets: dict[int, float] = field(default_factory=dict)
    measurements: dict[tuple[int, str], float] = field(default_factory=dict)  # (year, sex) -> value
    name_ar: str = ""
    definition_ar: str = ""
    anchor_ar: str = ""  # the same in Arabic (else French)
    unit_ar: str = ""
    source_ar: str = ""
    responsible_ar: str = ""

    @property
    def gender_sensitive(self) -> bool:
        return ind.is_gender_sensitive(self.is_gender, self.disaggregation)

    def actuals(self, sex: str = "all") -> dict[int, float]:
        return {y: x for (y, s), x in self.measurements.items() if s == sex}

    def values(self) -> dict[str, Any]:
        """The fields as the indicator form and `save_indicator` take them."""
        return {
            "code": self.code,
            "level": self.level,
            "name": self.name,
            "name_ar": self.name_ar,
            "definition": self.definition,
            "definition_ar": self.definition_ar,
            "unit": self.unit,
            "unit_ar": self.unit_ar,
            "baseline_value": self.baseline_value,
            "baseline_year": self.baseline_year,
            "target_final": self.target_final,
            "source": self.source,
            "source_ar": self.source_ar,
            "frequency": self.frequency,
            "responsible": self.responsible,
            "responsible_ar": self.responsible_ar,
            "disaggregation": list(self.disaggregation),
            "is_gender": self.is_gender,
            "status": self.status,
            "comment": self.comment,
            "objective_id": self.objective_id,
            "project_id": self.project_id,
            "targets": dict(self.targets),
        }


@dataclass(frozen=True)
class Anchor:
    """Something an indicator measures: an objective or a project of the plan."""

    kind: str  # objective | project
    id: int
    code: str
    title: str
    axis_code: str
    title_ar: str = ""

    @property
    def label(self) -> str:
        """« P03 — title » in French (else Arabic): kept for callers that have no reader's language."""
        return f"{self.code} — {self.title or self.title_ar}"

    def label_in(self, lang: str) -> str:
        """« P03 — title » in the reader's language, the other version marked when it lacks."""
        return f"{self.code} — {shown_text(self, 'title', lang)}"


@dataclass(frozen=True)
class IndicatorBoard:
    plan: PlanView
    indicators: tuple[IndicatorView, ...]
    objectives: tuple[Anchor, ...]
    projects: tuple[Anchor, ...]  # every project of the plan
    coverage: tuple[ind.ProjectCoverage, ...]  # the retained ones, with their indicator counts

    @property
    def without_indicator(self) -> list[ind.ProjectCoverage]:
        return ind.without_indicator(self.coverage)

    @property
    def missing_gender(self) -> list[ind.ProjectCoverage]:
        return ind.missing_gender_indicator(self.coverage)

    def get(self, indicator_id: int, lang: str = "fr") -> IndicatorView:
        for i in self.indicators:
            if i.id == indicator_id:
                return i
        raise NotFound(t("monitoring.err.indicator_gone", lang))


def _years(plan: Plan) -> list[int]:
    return list(range(plan.start_year, plan.end_year + 1))


def _indicator_view(
    i: Indicator,
    anchors: Mapping[tuple[str, int], Anchor],
    targets: dict[int, float] | None = None,
    measurements: dict[tuple[int, str], float] | None = None,
) -> IndicatorView:
    a = anchors.get(("project", i.project_id or 0)) or anchors.get(("objective", i.objective_id or 0))
    return IndicatorView(
        i.id,
        i.code,
        i.level,
        i.name,
        i.definition,
        i.unit,
        i.baseline_value,
        i.baseline_year,
        i.target_final,
        i.source,
        i.frequency,
        i.responsible,
        tuple(i.disaggregation or ()),
        i.is_gender,
        i.status,
        i.comment,
        i.objective_id,
        i.project_id,
        a.label_in("fr") if a else "",
        targets if targets is not None else {x.year: x.value for x in i.targets},
        measurements if measurements is not None else {(m.year, m.sex): m.value for m in i.measurements},
        name_ar=i.name_ar or "",
        definition_ar=i.definition_ar or "",
        anchor_ar=a.label_in("ar") if a else "",
        unit_ar=i.unit_ar or "",
        source_ar=i.source_ar or "",
        responsible_ar=i.responsible_ar or "",
    )


def _anchors(s: Session, plan_id: int) -> tuple[list[Anchor], list[Anchor], list[Any]]:
    """Objectives and projects of the plan (plain rows: id, code, title, objective_id, in_plan, marker_gender)."""
    objectives = [
        Anchor("objective", oid, code, title or "", axis, title_ar or "")
        for oid, code, title, axis, title_ar in s.execute(
            select(Objective.id, Objective.code, Objective.title, Axis.code, Objective.title_ar)
            .join(Axis)
            .where(Axis.plan_id == plan_id)
            .order_by(Axis.position, Axis.code, Objective.position, Objective.code)
        )
    ]
    projects = s.execute(
        select(
            Project.id,
            Project.code,
            Project.title,
            Project.objective_id,
            Project.in_plan,
            Project.marker_gender,
            Project.title_ar,
        )
        .where(Project.plan_id == plan_id)
        .order_by(Project.code)
    ).all()
    axis_of = {o.id: o.axis_code for o in objectives}
    return (
        objectives,
        [
            Anchor("project", p.id, p.code, p.title or "", axis_of.get(p.objective_id, ""), p.title_ar or "")
            for p in projects
        ],
        list(projects),
    )


def load_indicators(db: Database, plan_id: int) -> IndicatorBoard:
    with db.read() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        objectives, project_anchors, projects = _anchors(s, plan_id)
        labels = {(a.kind, a.id): a for a in objectives + project_anchors}
        rows = s.scalars(
            select(Indicator).where(Indicator.plan_id == plan_id).order_by(Indicator.code, Indicator.id)
        ).all()
        # Targets and measurements as plain rows: a plan holds hundreds of them, ORM objects are not needed.
        targets: dict[int, dict[int, float]] = {}
        for iid, year, value in s.execute(
            select(IndicatorTarget.indicator_id, IndicatorTarget.year, IndicatorTarget.value)
            .join(Indicator)
            .where(Indicator.plan_id == plan_id)
        ):
            targets.setdefault(iid, {})[year] = value
        measured: dict[int, dict[tuple[int, str], float]] = {}
        for iid, year, sex, value in s.execute(
            select(Measurement.indicator_id, Measurement.year, Measurement.sex, Measurement.value)
            .join(Indicator)
            .where(Indicator.plan_id == plan_id)
        ):
            measured.setdefault(iid, {})[(year, sex)] = value
        views = tuple(_indicator_view(i, labels, targets.get(i.id, {}), measured.get(i.id, {})) for i in rows)
        counts: dict[int, list[int]] = {}
        for i in views:
            if i.project_id is not None:
                n = counts.setdefault(i.project_id, [0, 0])
                n[0] += 1
                n[1] += i.gender_sensitive
        coverage = tuple(
            ind.ProjectCoverage(
                p.id, p.code, p.title or p.title_ar or "", p.marker_gender, *counts.get(p.id, [0, 0])
            )
            for p in projects
            if p.in_plan
        )
        return IndicatorBoard(plan_view(plan), views, tuple(objectives), tuple(project_anchors), coverage)


def _validated_indicator(
    s: Session, plan: Plan, values: Mapping[str, Any], indicator_id: int | None, lang: str = "fr"
) -> dict[str, Any]:
    c = Collector()
    data = ind.validate_indicator(c, values, _years(plan), lang)
    field = lambda key: t(f"monitoring.field.{key}", lang)  # noqa: E731 — the field's name in the messages
    objective_id = values.get("objective_id") or None
    project_id = values.get("project_id") or None
    if project_id is not None:
        p = s.get(Project, int(project_id))
        if p is None or p.plan_id != plan.id:
            c.add(field("project"), t("monitoring.err.project_elsewhere", lang), lang=lang)
        else:
            objective_id = objective_id or p.objective_id
    if objective_id is not None:
        o = s.get(Objective, int(objective_id))
        if o is None or s.get(Axis, o.axis_id).plan_id != plan.id:
            c.add(field("objective"), t("monitoring.err.objective_elsewhere", lang), lang=lang)
    if objective_id is None and project_id is None:
        c.add(field("anchor"), t("monitoring.err.no_anchor", lang), lang=lang)
    if data["code"]:
        clash = s.scalar(
            select(Indicator.id).where(
                Indicator.plan_id == plan.id,
                Indicator.code == data["code"],
                Indicator.id != (indicator_id or -1),
            )
        )
        if clash is not None:
            c.add(field("code"), t("monitoring.err.code_taken", lang, code=data["code"]), lang=lang)
    c.raise_if_any()
    data["objective_id"] = int(objective_id) if objective_id is not None else None
    data["project_id"] = int(project_id) if project_id is not None else None
    return data


def _next_code(s: Session, plan: Plan, project_id: int | None, objective_id: int | None) -> str:
    prefix = "IND"
    if project_id is not None:
        prefix = s.get(Project, project_id).code
    elif objective_id is not None:
        prefix = s.get(Objective, objective_id).code
    taken = set(s.scalars(select(Indicator.code).where(Indicator.plan_id == plan.id)))
    n = 1
    while f"{prefix}-I{n}" in taken:
        n += 1
    return f"{prefix}-I{n}"[:30]


def save_indicator(
    db: Database,
    plan_id: int,
    values: Mapping[str, Any],
    indicator_id: int | None = None,
    lang: str = "fr",
    *,
    base: Mapping[str, Any] | None = None,
) -> IndicatorView:
    """Create or change one indicator, its targets per year included, as one action.  Its name, definition,
    unit, source and responsible body come in French (`name`, `definition`, `unit`, `source`, `responsible`)
    and Arabic (the same with `_ar`); the name needs one of them.  Refusals name the field (and its language)
    in `lang`.

    `base`: the indicator as the form showed it when opened (`IndicatorView.values()`).  The fields the user
    did not change take their stored value (a colleague's save of them is kept); a field changed by both
    refuses the save with ConflictError (pac.domain.conflict), both versions in it."""
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        if base is not None and indicator_id is not None:
            stored_i = s.get(Indicator, indicator_id)
            if stored_i is not None:
                objectives, projects, _ = _anchors(s, plan.id)
                stored = _indicator_view(
                    stored_i, {(a.kind, a.id): a for a in objectives + projects}
                ).values()
                changed = merge(t("monitoring.conflict_what", lang, code=stored_i.code), base, stored, values)
                values = {**stored, **{k: v for k, v in values.items() if k not in stored}, **changed}
        data = _validated_indicator(s, plan, values, indicator_id, lang)
        targets = data.pop("targets")
        if indicator_id is None:
            data["code"] = data["code"] or _next_code(s, plan, data["project_id"], data["objective_id"])
            i = Indicator(plan_id=plan.id)
            s.add(i)
        else:
            i = s.get(Indicator, indicator_id)
            if i is None:
                raise NotFound(t("monitoring.err.indicator_gone", lang))
            if i.plan_id != plan.id:
                raise DomainError(t("monitoring.err.other_plan", lang))
            data["code"] = (
                data["code"] or i.code or _next_code(s, plan, data["project_id"], data["objective_id"])
            )
        for k, value in data.items():
            setattr(i, k, value)
        i.targets = []
        s.flush()
        i.targets = [IndicatorTarget(year=y, value=x) for y, x in sorted(targets.items())]
        s.flush()
        objectives, projects, _ = _anchors(s, plan.id)
        return _indicator_view(i, {(a.kind, a.id): a for a in objectives + projects})


def delete_indicator(db: Database, indicator_id: int) -> str:
    """Delete an indicator with its targets and measurements; returns its code."""
    with db.write() as s:
        i = get_or_404(s, Indicator, indicator_id, "Indicateur")
        code = i.code
        s.delete(i)
        return code


def save_measurements(
    db: Database, indicator_id: int, year: Any, values: Mapping[str, Any], comment: Any = "", lang: str = "fr"
) -> int:
    """The values measured for one year (total, and women / men when the indicator is disaggregated by
    sex).  A blank value removes what was recorded.  Returns how many values the year now holds."""
    with db.write() as s:
        i = get_or_404(s, Indicator, indicator_id, "Indicateur")
        plan = get_or_404(s, Plan, i.plan_id, "Plan")
        c = Collector()
        note = v.text(c, t("monitoring.field.comment", lang), comment, max_len=2000)
        clean: dict[str, float | None] = {}
        y: int | None = None
        for sex, raw in values.items():
            y, sx, x = ind.validate_measurement(c, _years(plan), year, sex, raw, i.disaggregation or [], lang)
            if sx is not None:
                clean[sx] = x
        if note and all(v.is_blank(raw) for raw in values.values()):
            # A comment goes with a measured value: without one it would be dropped under « enregistré ».
            c.add(
                t("monitoring.field.comment", lang),
                t("monitoring.err.comment_without_value", lang),
                lang=lang,
            )
        c.raise_if_any()
        existing = {(m.year, m.sex): m for m in i.measurements}
        for sx, x in clean.items():
            m = existing.get((y, sx))
            if x is None:
                if m is not None:
                    i.measurements.remove(m)
            elif m is None:
                i.measurements.append(Measurement(year=y, sex=sx, value=x, comment=note))
            else:
                m.value, m.comment = x, note
        return sum(1 for x in clean.values() if x is not None)


# --------------------------------------------------------------------------- project progress


@dataclass(frozen=True)
class ProgressView:
    project_id: int
    code: str
    title: str
    start_year: int | None
    end_year: int | None
    cost: float
    year: int | None  # the year of the state shown (the latest recorded up to the year asked)
    status: str
    percent_done: float
    spent: float
    comment: str
    flags: ind.ProgressFlags | None
    history: dict[int, tuple[str, float, float, str]] = field(
        default_factory=dict
    )  # year -> status, %, spent, comment
    title_ar: str = ""


@dataclass(frozen=True)
class TrackingBoard:
    plan: PlanView
    projects: tuple[ProgressView, ...]  # the retained projects

    @property
    def late(self) -> list[ProgressView]:
        return [p for p in self.projects if p.flags and p.flags.late]

    @property
    def over_budget(self) -> list[ProgressView]:
        return [p for p in self.projects if p.flags and p.flags.over_budget]


def load_tracking(db: Database, plan_id: int, year: int | None = None) -> TrackingBoard:
    """Each retained project's progress at the end of `year` (default: the latest year recorded)."""
    with db.read() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        retained = select(Project.id).where(Project.plan_id == plan_id, Project.in_plan.is_(True))
        projects = s.execute(
            select(
                Project.id,
                Project.code,
                Project.title,
                Project.start_year,
                Project.end_year,
                Project.title_ar,
            )
            .where(Project.id.in_(retained))
            .order_by(Project.code)
        ).all()
        all_costs: dict[int, dict[int, float]] = {}
        for pid, y, amount in s.execute(
            select(ProjectYearCost.project_id, ProjectYearCost.year, ProjectYearCost.amount).where(
                ProjectYearCost.project_id.in_(retained)
            )
        ):
            all_costs.setdefault(pid, {})[y] = amount
        all_history: dict[int, dict[int, tuple[str, float, float, str]]] = {}
        for g in s.execute(
            select(
                ProjectProgress.project_id,
                ProjectProgress.year,
                ProjectProgress.status,
                ProjectProgress.percent_done,
                ProjectProgress.spent,
                ProjectProgress.comment,
            ).where(ProjectProgress.project_id.in_(retained))
        ):
            all_history.setdefault(g.project_id, {})[g.year] = (g.status, g.percent_done, g.spent, g.comment)
        out = []
        for p in projects:
            costs = all_costs.get(p.id, {})
            history = all_history.get(p.id, {})
            at = year if year is not None else (max(history) if history else None)
            # The state at the end of `at` is the latest one recorded up to that year.
            known = [y for y in history if at is not None and y <= at]
            rec_year = max(known) if known else None
            rec = history[rec_year] if rec_year is not None else None
            flags = None
            if at is not None:
                status, done, spent = (rec[0], rec[1], rec[2]) if rec else ("not_started", 0.0, 0.0)
                flags = ind.progress_flags(costs, p.start_year, p.end_year, at, status, done, spent)
            out.append(
                ProgressView(
                    p.id,
                    p.code,
                    p.title,
                    p.start_year,
                    p.end_year,
                    sum(costs.values()),
                    rec_year,
                    rec[0] if rec else "not_started",
                    rec[1] if rec else 0.0,
                    rec[2] if rec else 0.0,
                    rec[3] if rec else "",
                    flags,
                    history,
                    p.title_ar or "",
                )
            )
        return TrackingBoard(plan_view(plan), tuple(out))


def save_progress(db: Database, project_id: int, values: Mapping[str, Any], lang: str = "fr") -> int:
    """A project's state at the end of a year (status, % done, amount spent, comment).  Returns the year."""
    with db.write() as s:
        p = get_or_404(s, Project, project_id, "Projet")
        plan = get_or_404(s, Plan, p.plan_id, "Plan")
        c = Collector()
        data = ind.validate_progress(c, _years(plan), values, lang)
        c.raise_if_any()
        row = s.scalar(
            select(ProjectProgress).where(
                ProjectProgress.project_id == p.id, ProjectProgress.year == data["year"]
            )
        )
        if row is None:
            s.add(ProjectProgress(project_id=p.id, **data))
        else:
            for k, value in data.items():
                setattr(row, k, value)
        return int(data["year"])


# --------------------------------------------------------------------------- the M&E system


@dataclass(frozen=True)
class MemberView:
    id: int
    name: str
    role: str
    sex: str
    organisation: str
    is_ieeag: bool
    organisation_ar: str = ""
    name_ar: str = ""


@dataclass(frozen=True)
class ToolView:
    id: int
    name: str
    description: str
    frequency: str
    responsible: str
    name_ar: str = ""
    description_ar: str = ""
    responsible_ar: str = ""


@dataclass(frozen=True)
class EventView:
    id: int
    kind: str
    year: int
    due_on: dt.date | None
    evaluation_type: str
    description: str
    description_ar: str = ""


@dataclass(frozen=True)
class ComplianceDates:
    committees_sent_on: dt.date | None
    adoption_session_on: dt.date | None
    state_services_consulted_on: dt.date | None
    ieeag_opinion_on: dt.date | None
    pdr_consistency_note: str


@dataclass(frozen=True)
class SystemView:
    plan: PlanView
    committee: tuple[MemberView, ...]
    tools: tuple[ToolView, ...]
    events: tuple[EventView, ...]
    dates: ComplianceDates

    @property
    def women(self) -> int:
        return sum(1 for m in self.committee if m.sex == "f")

    @property
    def men(self) -> int:
        return sum(1 for m in self.committee if m.sex == "m")


def load_system(db: Database, plan_id: int) -> SystemView:
    with db.read() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        committee = tuple(
            MemberView(
                m.id,
                m.name,
                m.role,
                m.sex,
                m.organisation,
                m.is_ieeag,
                m.organisation_ar or "",
                m.name_ar or "",
            )
            for m in s.scalars(
                select(MeCommitteeMember)
                .where(MeCommitteeMember.plan_id == plan_id)
                .order_by(MeCommitteeMember.id)
            )
        )
        tools = tuple(
            ToolView(
                x.id,
                x.name,
                x.description,
                x.frequency,
                x.responsible,
                x.name_ar or "",
                x.description_ar or "",
                x.responsible_ar or "",
            )
            for x in s.scalars(select(MeTool).where(MeTool.plan_id == plan_id).order_by(MeTool.id))
        )
        events = tuple(
            EventView(
                e.id, e.kind, e.year, e.due_on, e.evaluation_type, e.description, e.description_ar or ""
            )
            for e in s.scalars(
                select(MeEvent)
                .where(MeEvent.plan_id == plan_id)
                .order_by(MeEvent.year, MeEvent.due_on, MeEvent.id)
            )
        )
        dates = ComplianceDates(
            plan.committees_sent_on,
            plan.adoption_session_on,
            plan.state_services_consulted_on,
            plan.ieeag_opinion_on,
            plan.pdr_consistency_note or "",
        )
        return SystemView(plan_view(plan), committee, tools, events, dates)


def _rows(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> list[tuple[int, Mapping[str, Any]]]:
    """Numbered rows of an edited table, without the empty ones (every column blank, as a new row left
    untouched is): a row with anything in it, be it only a sex or a year, is checked like the others."""
    return [(i, r) for i, r in enumerate(rows, start=1) if not ind.is_empty_row(r, columns)]


def save_committee(db: Database, plan_id: int, rows: Iterable[Mapping[str, Any]], lang: str = "fr") -> int:
    """Replace the follow-up committee by `rows` (name or function and organisation, each in French and in
    Arabic; role, sex), all or nothing.  Returns the number of members."""
    c = Collector()
    members = [ind.validate_member(c, r, row=i, lang=lang) for i, r in _rows(rows, ind.MEMBER_COLUMNS)]
    c.raise_if_any()
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        for m in s.scalars(select(MeCommitteeMember).where(MeCommitteeMember.plan_id == plan.id)):
            s.delete(m)
        s.add_all(MeCommitteeMember(plan_id=plan.id, **m) for m in members)
        return len(members)


def save_tools(db: Database, plan_id: int, rows: Iterable[Mapping[str, Any]], lang: str = "fr") -> int:
    """Replace the M&E tools by `rows` (name, description and responsible, each with its `_ar` version, and
    frequency).  Returns how many."""
    c = Collector()
    tools = [ind.validate_tool(c, r, row=i, lang=lang) for i, r in _rows(rows, ind.TOOL_COLUMNS)]
    c.raise_if_any()
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        for x in s.scalars(select(MeTool).where(MeTool.plan_id == plan.id)):
            s.delete(x)
        s.add_all(MeTool(plan_id=plan.id, **x) for x in tools)
        return len(tools)


def save_events(db: Database, plan_id: int, rows: Iterable[Mapping[str, Any]], lang: str = "fr") -> int:
    """Replace the M&E calendar by `rows` (kind, year, due date, kind of evaluation, description in French and
    Arabic). Returns how many."""
    rows = list(rows)
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        c = Collector()
        events = [
            ind.validate_event(c, _years(plan), r, row=i, lang=lang)
            for i, r in _rows(rows, ind.EVENT_COLUMNS)
        ]
        c.raise_if_any()
        for e in s.scalars(select(MeEvent).where(MeEvent.plan_id == plan.id)):
            s.delete(e)
        s.add_all(MeEvent(plan_id=plan.id, **e) for e in events)
        return len(events)


def add_standard_calendar(db: Database, plan_id: int) -> int:
    """Add the customary calendar's events that are not there yet (same kind and year). Returns how many."""
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        have = {(e.kind, e.year) for e in s.scalars(select(MeEvent).where(MeEvent.plan_id == plan.id))}
        new = [e for e in ind.standard_calendar(_years(plan)) if (e.kind, e.year) not in have]
        s.add_all(
            MeEvent(
                plan_id=plan.id,
                kind=e.kind,
                year=e.year,
                due_on=e.due_on,
                evaluation_type=e.evaluation_type,
                description=e.description,
                description_ar=e.description_ar,
            )
            for e in new
        )
        return len(new)


def add_standard_tools(db: Database, plan_id: int) -> int:
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        have = set()
        for name, name_ar in s.execute(select(MeTool.name, MeTool.name_ar).where(MeTool.plan_id == plan.id)):
            have |= {name, name_ar} - {"", None}
        new = [x for x in ind.STANDARD_TOOLS if x.name not in have and x.name_ar not in have]
        s.add_all(
            MeTool(
                plan_id=plan.id,
                name=x.name,
                name_ar=x.name_ar,
                description=x.description,
                description_ar=x.description_ar,
                frequency=x.frequency,
                responsible=x.responsible,
                responsible_ar=x.responsible_ar,
            )
            for x in new
        )
        return len(new)


def save_compliance_dates(
    db: Database, plan_id: int, values: Mapping[str, Any], lang: str = "fr"
) -> ComplianceDates:
    """The dates of the adoption procedure and the PDR note (the checklist reads them)."""
    c = Collector()
    name = {
        k: t(f"monitoring.comp.{k}", lang)
        for k in (
            "committees_sent_on",
            "adoption_session_on",
            "state_services_consulted_on",
            "ieeag_opinion_on",
        )
    }
    data = {
        "committees_sent_on": v.date(c, name["committees_sent_on"], values.get("committees_sent_on")),
        "adoption_session_on": v.date(c, name["adoption_session_on"], values.get("adoption_session_on")),
        "state_services_consulted_on": v.date(
            c, name["state_services_consulted_on"], values.get("state_services_consulted_on")
        ),
        "ieeag_opinion_on": v.date(c, name["ieeag_opinion_on"], values.get("ieeag_opinion_on")),
        "pdr_consistency_note": v.text(
            c, t("monitoring.comp.pdr_note", lang), values.get("pdr_consistency_note"), max_len=4000
        ),
    }
    sent, session = data["committees_sent_on"], data["adoption_session_on"]
    if sent and session and sent > session:
        c.add(name["committees_sent_on"], t("monitoring.err.sent_after_session", lang), lang=lang)
    c.raise_if_any()
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        for k, value in data.items():
            setattr(plan, k, value)
        return ComplianceDates(
            plan.committees_sent_on,
            plan.adoption_session_on,
            plan.state_services_consulted_on,
            plan.ieeag_opinion_on,
            plan.pdr_consistency_note,
        )
