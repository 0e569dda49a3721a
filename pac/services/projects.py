"""Projects per objective, their cross-cutting markers and the markers' coverage (page « Projets »).

One function per user action, one transaction each; plain views and DataFrames out.
Every value is checked before anything is written; a refused edit changes nothing.

A little over 600 lines: projects, their markers and the markers' coverage are the three tabs of
one step; the rules are in pac.domain.vision and pac.domain.markers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pac.db import Database
from pac.domain import markers as mk
from pac.domain import validate as v
from pac.domain import vision as rules
from pac.domain import vocab
from pac.domain.errors import Collector, DomainError, Problem
from pac.models import (
    Axis,
    Douar,
    Indicator,
    MigrationCriterion,
    Objective,
    Plan,
    Project,
    ProjectDouar,
    ProjectPartner,
    Sector,
)
from pac.services.common import get_or_404

# French names of the fields, as every refusal names them.
FIELDS = {
    "objective_id": "Objectif",
    "code": "Code",
    "title": "Intitulé",
    "description": "Description",
    "sector_code": "Secteur",
    "douar_ids": "Douars",
    "whole_commune": "Toute la commune",
    "beneficiaries_women": "Bénéficiaires — femmes",
    "beneficiaries_men": "Bénéficiaires — hommes",
    "beneficiaries_youth": "Bénéficiaires — jeunes",
    "total_cost": "Coût total estimé (DH)",
    "owner": "Maître d'ouvrage",
    "status": "Statut",
}
GRID_FIELDS = (
    "objective_id",
    "code",
    "title",
    "sector_code",
    "beneficiaries_women",
    "beneficiaries_men",
    "beneficiaries_youth",
    "total_cost",
    "owner",
    "status",
)
MAX_COST = 10_000_000_000  # 10 billion DH: far above any commune project, catches typing slips
MAX_PEOPLE = 5_000_000


@dataclass(frozen=True)
class ProjectView:
    id: int
    plan_id: int
    objective_id: int
    objective_code: str
    axis_id: int
    axis_code: str
    code: str
    title: str
    description: str
    sector_code: str | None
    whole_commune: bool
    douar_ids: tuple[int, ...]
    douar_names: tuple[str, ...]
    beneficiaries_women: int | None
    beneficiaries_men: int | None
    beneficiaries_youth: int | None
    total_cost: float
    owner: str
    status: str
    markers: dict[str, int | None] = field(default_factory=dict)
    migration_criteria: tuple[str, ...] = ()
    gender_analysis_note: str = ""
    competence_code: str | None = None
    lead_partner_code: str | None = None
    partners: tuple[tuple[str, str], ...] = ()  # (partner code, role)
    subsidiarity_confirmed: bool = False

    @property
    def label(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def location(self) -> str:
        return "*" if self.whole_commune else ", ".join(self.douar_names)


@dataclass(frozen=True)
class Choices:
    """What the project forms offer: objectives of the plan, douars of the commune."""

    objectives: dict[int, str]  # id -> "O1.1 · title", in plan order
    objective_axis: dict[int, int]  # objective id -> axis id
    axes: dict[int, str]  # id -> "A1 · title"
    douars: dict[int, str]  # id -> name
    objective_codes: dict[int, str]  # id -> code
    family: tuple[tuple[str, str], ...]  # (objective code, project code) of every project of the plan

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c for _, c in self.family)

    def next_code(self, objective_id: int | None) -> str:
        """The code the next project of this objective would take, following the plan's numbering."""
        if objective_id is None or objective_id not in self.objective_codes:
            return rules.next_code("P", self.codes)
        return rules.project_code(self.objective_codes[objective_id], self.family)


def _view(p: Project) -> ProjectView:
    return ProjectView(
        p.id,
        p.plan_id,
        p.objective_id,
        p.objective.code,
        p.objective.axis_id,
        p.objective.axis.code,
        p.code,
        p.title,
        p.description,
        p.sector_code,
        p.whole_commune,
        tuple(d.id for d in p.douars),
        tuple(d.name for d in p.douars),
        p.beneficiaries_women,
        p.beneficiaries_men,
        p.beneficiaries_youth,
        p.total_cost,
        p.owner,
        p.status,
        {code: getattr(p, mk.FIELD[code]) for code in vocab.MARKERS},
        tuple(p.migration_criteria or ()),
        p.gender_analysis_note,
        p.competence_code,
        p.lead_partner_code,
        tuple(sorted((x.partner_code, x.role) for x in p.partners)),
        p.subsidiarity_confirmed,
    )


# --------------------------------------------------------------------------- reading


def list_projects(db: Database, plan_id: int) -> list[ProjectView]:
    """The plan's projects, in the order of axes, objectives, then codes read as numbers.

    Read with three plain queries (projects with their objective and axis, douars, partners) rather
    than through the ORM's relationships: every page of the workshop reruns this.
    """
    cols = [getattr(Project, mk.FIELD[m]) for m in vocab.MARKERS]
    with db.read() as s:
        rows = s.execute(
            select(
                Project.id,
                Project.plan_id,
                Project.objective_id,
                Objective.code,
                Objective.axis_id,
                Axis.code,
                Project.code,
                Project.title,
                Project.description,
                Project.sector_code,
                Project.whole_commune,
                Project.beneficiaries_women,
                Project.beneficiaries_men,
                Project.beneficiaries_youth,
                Project.total_cost,
                Project.owner,
                Project.status,
                Project.migration_criteria,
                Project.gender_analysis_note,
                Project.competence_code,
                Project.lead_partner_code,
                Project.subsidiarity_confirmed,
                *cols,
            )
            .join(Objective, Objective.id == Project.objective_id)
            .join(Axis, Axis.id == Objective.axis_id)
            .where(Project.plan_id == plan_id)
            .order_by(Axis.position, Objective.position, Project.code)
        ).all()
        douars: dict[int, list[tuple[int, str]]] = {}
        for pid, did, name in s.execute(
            select(ProjectDouar.project_id, Douar.id, Douar.name)
            .join(Douar, Douar.id == ProjectDouar.douar_id)
            .join(Project, Project.id == ProjectDouar.project_id)
            .where(Project.plan_id == plan_id)
            .order_by(Douar.name)
        ):
            douars.setdefault(pid, []).append((did, name))
        partners: dict[int, list[tuple[str, str]]] = {}
        for pid, code, role in s.execute(
            select(ProjectPartner.project_id, ProjectPartner.partner_code, ProjectPartner.role)
            .join(Project, Project.id == ProjectPartner.project_id)
            .where(Project.plan_id == plan_id)
        ):
            partners.setdefault(pid, []).append((code, role))
    views = []
    for r in rows:
        (
            pid,
            plan,
            oid,
            ocode,
            aid,
            acode,
            code,
            title,
            desc,
            sector,
            whole,
            women,
            men,
            youth,
            cost,
            owner,
            status,
            criteria,
            note,
            competence,
            lead,
            confirmed,
            *markers,
        ) = r
        ds = douars.get(pid, [])
        views.append(
            ProjectView(
                pid,
                plan,
                oid,
                ocode,
                aid,
                acode,
                code,
                title,
                desc,
                sector,
                whole,
                tuple(d for d, _ in ds),
                tuple(n for _, n in ds),
                women,
                men,
                youth,
                cost,
                owner,
                status,
                dict(zip(vocab.MARKERS, markers, strict=True)),
                tuple(criteria or ()),
                note,
                competence,
                lead,
                tuple(sorted(partners.get(pid, []))),
                confirmed,
            )
        )
    order = {}
    for i, p in enumerate(views):
        order.setdefault((p.axis_id, p.objective_id), i)
    return sorted(views, key=lambda p: (order[(p.axis_id, p.objective_id)], rules.natural_key(p.code)))


def get_project(db: Database, project_id: int) -> ProjectView:
    with db.read() as s:
        p = s.scalar(_query_one(project_id))
        if p is None:
            raise DomainError(Problem("", "Projet introuvable (peut-être supprimé entre-temps)."))
        return _view(p)


def _query_one(project_id: int) -> Any:
    return (
        select(Project)
        .where(Project.id == project_id)
        .options(
            selectinload(Project.objective).selectinload(Objective.axis),
            selectinload(Project.douars),
            selectinload(Project.partners),
        )
    )


def choices(db: Database, plan_id: int) -> Choices:
    with db.read() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        axes = list(
            s.scalars(
                select(Axis)
                .where(Axis.plan_id == plan_id)
                .order_by(Axis.position, Axis.id)
                .options(selectinload(Axis.objectives))
            )
        )
        objectives: dict[int, str] = {}
        objective_axis: dict[int, int] = {}
        for a in axes:
            for o in sorted(a.objectives, key=lambda o: (o.position, o.id)):
                objectives[o.id] = f"{o.code} · {o.title}"
                objective_axis[o.id] = a.id
        douars = {
            d.id: d.name
            for d in s.scalars(select(Douar).where(Douar.commune_id == plan.commune_id).order_by(Douar.name))
        }
        family = tuple(
            s.execute(
                select(Objective.code, Project.code)
                .join(Project, Project.objective_id == Objective.id)
                .where(Project.plan_id == plan_id)
            ).tuples()
        )
        codes = {o.id: o.code for a in axes for o in a.objectives}
        return Choices(
            objectives, objective_axis, {a.id: f"{a.code} · {a.title}" for a in axes}, douars, codes, family
        )


# --------------------------------------------------------------------------- validation


def _clean(
    s: Session, plan: Plan, values: Mapping[str, Any], c: Collector, *, partial: bool = False, of: str = ""
) -> dict[str, Any]:
    """Check the fields present in `values` (all of them unless `partial`); problems go to `c`.

    `of` names the project in the messages when several are checked at once (grid edits).
    """
    out: dict[str, Any] = {}
    F = {k: f"{x} — projet {of}" if of else x for k, x in FIELDS.items()}  # noqa: N806

    def has(key: str) -> bool:
        return not partial or key in values

    if has("objective_id"):
        oid = values.get("objective_id")
        ok = oid is not None and s.scalar(
            select(Objective.id).join(Axis).where(Objective.id == oid, Axis.plan_id == plan.id)
        )
        if not ok:
            c.add(F["objective_id"], "choisissez un objectif de ce plan.")
        out["objective_id"] = oid
    if has("code"):
        out["code"] = rules.code(c, F["code"], values.get("code"))
    if has("title"):
        out["title"] = v.text(c, F["title"], values.get("title"), required=True, max_len=300)
    if has("description"):
        out["description"] = v.text(c, F["description"], values.get("description"), max_len=4000)
    if has("sector_code"):
        sector = values.get("sector_code") or None
        if sector is not None and s.get(Sector, sector) is None:
            c.add(F["sector_code"], f"« {sector} » n'est pas un secteur du référentiel.")
        out["sector_code"] = sector
    for key in ("beneficiaries_women", "beneficiaries_men", "beneficiaries_youth"):
        if has(key):
            out[key] = v.integer(c, F[key], values.get(key), maximum=MAX_PEOPLE)
    if has("total_cost"):
        cost = v.number(c, F["total_cost"], values.get("total_cost"), maximum=MAX_COST)
        out["total_cost"] = cost or 0.0
    if has("owner"):
        out["owner"] = v.text(c, F["owner"], values.get("owner"), max_len=200)
    if has("status"):
        from pac.i18n import vocab_labels

        out["status"] = v.choice(
            c,
            F["status"],
            values.get("status") or "proposed",
            vocab.PROJECT_STATUSES,
            labels=vocab_labels("project_statuses", vocab.PROJECT_STATUSES),
        )
    if has("whole_commune"):
        out["whole_commune"] = bool(values.get("whole_commune"))
    if has("douar_ids"):
        wanted = sorted({int(x) for x in values.get("douar_ids") or ()})
        found = set(
            s.scalars(select(Douar.id).where(Douar.commune_id == plan.commune_id, Douar.id.in_(wanted)))
        )
        if len(found) != len(wanted):
            c.add(F["douar_ids"], "un douar choisi n'appartient pas à cette commune.")
        out["douar_ids"] = [d for d in wanted if d in found]
    return out


def _unique_code(s: Session, plan_id: int, code: str, project_id: int | None, c: Collector) -> None:
    if not code:
        return
    clash = s.scalar(select(Project.id).where(Project.plan_id == plan_id, Project.code == code))
    if clash is not None and clash != project_id:
        c.add(FIELDS["code"], f"« {code} » est déjà le code d'un autre projet de ce plan.")


def _apply(s: Session, p: Project, data: dict[str, Any]) -> None:
    douars = data.pop("douar_ids", None)
    for k, value in data.items():
        setattr(p, k, value)
    if data.get("whole_commune") or p.whole_commune:
        p.douars = []
    elif douars is not None:
        p.douars = list(s.scalars(select(Douar).where(Douar.id.in_(douars)).order_by(Douar.name)))


# --------------------------------------------------------------------------- writing


def create_project(db: Database, plan_id: int, values: Mapping[str, Any]) -> ProjectView:
    """A new project under an objective of the plan (status « proposé » unless said otherwise).

    Without a code, the project takes the next one of its objective (see pac.domain.vision.child_code).
    """
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        obj = s.get(Objective, values.get("objective_id") or 0)
        if v.is_blank(values.get("code")) and obj is not None and obj.axis.plan_id == plan_id:
            family = list(
                s.execute(
                    select(Objective.code, Project.code)
                    .join(Project, Project.objective_id == Objective.id)
                    .where(Project.plan_id == plan_id)
                ).tuples()
            )
            values = {**values, "code": rules.project_code(obj.code, family)}
        c = Collector()
        data = _clean(s, plan, values, c)
        _unique_code(s, plan_id, data.get("code", ""), None, c)
        c.raise_if_any()
        p = Project(
            plan_id=plan_id, objective_id=data["objective_id"], code=data["code"], title=data["title"]
        )
        s.add(p)
        _apply(s, p, data)
        s.flush()
        return _view(p)


def update_project(db: Database, project_id: int, values: Mapping[str, Any]) -> ProjectView:
    """Update the fields given in `values` (the detail form gives them all)."""
    with db.write() as s:
        p = get_or_404(s, Project, project_id, "Projet")
        c = Collector()
        data = _clean(s, p.objective.axis.plan, values, c, partial=True)
        if "code" in data:
            _unique_code(s, p.plan_id, data["code"], p.id, c)
        c.raise_if_any()
        _apply(s, p, data)
        s.flush()
        return _view(p)


def update_from_grid(db: Database, plan_id: int, rows: Sequence[Mapping[str, Any]]) -> int:
    """Save the rows edited in the grid, all or nothing.

    Each row holds `id` and the grid's columns (GRID_FIELDS, codes not labels); only changed values
    are written.  Problems are reported with the project's code as « ligne ».  Returns the number of
    projects changed.
    """
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        ids = [int(r["id"]) for r in rows if r.get("id") is not None]
        projects = {
            p.id: p for p in s.scalars(select(Project).where(Project.plan_id == plan_id, Project.id.in_(ids)))
        }
        c = Collector()
        planned: list[tuple[Project, dict[str, Any]]] = []
        for r in rows:
            p = projects.get(int(r.get("id") or 0))
            if p is None:
                c.add("", "un projet de la grille n'existe plus ; rechargez la page.")
                continue
            data = _clean(s, plan, {k: r[k] for k in GRID_FIELDS if k in r}, c, partial=True, of=p.code)
            changed = {k: x for k, x in data.items() if getattr(p, k) != x}
            if changed:
                planned.append((p, changed))
        _check_grid_codes(s, plan_id, planned, c)
        c.raise_if_any()
        # Two rows may swap their codes: free the changed codes first so no UPDATE meets a duplicate.
        recoded = [p for p, changed in planned if "code" in changed]
        for p in recoded:
            p.code = f"~{p.id}"
        if recoded:
            s.flush()
        for p, changed in planned:
            _apply(s, p, changed)
        return len(planned)


def _check_grid_codes(
    s: Session, plan_id: int, planned: list[tuple[Project, dict[str, Any]]], c: Collector
) -> None:
    """Codes stay unique once the whole edit is applied (two rows may swap their codes)."""
    final = dict(list(s.execute(select(Project.id, Project.code).where(Project.plan_id == plan_id)).tuples()))
    for p, changed in planned:
        if "code" in changed:
            final[p.id] = changed["code"]
    holders: dict[str, int] = {}
    for code in final.values():
        holders[code] = holders.get(code, 0) + 1
    for code, n in holders.items():
        if n > 1 and code:
            c.add(FIELDS["code"], f"« {code} » serait le code de {n} projets ; chaque code doit être unique.")


def save_markers(
    db: Database,
    project_id: int,
    markers: Mapping[str, Any],
    criteria: Iterable[str] = (),
    gender_note: Any = "",
) -> ProjectView:
    """The project's cross-cutting markers (0/1/2 or blank), migration criteria and gender analysis note.

    The marker rules are warnings, not refusals: the room may score first and document later.
    """
    c = Collector()
    from pac.i18n import vocab_labels

    clean = mk.clean_markers(c, markers, vocab_labels("markers", vocab.MARKERS))
    note = v.text(c, "Note d'analyse de genre", gender_note, max_len=4000)
    with db.write() as s:
        allowed = list(s.scalars(select(MigrationCriterion.code).order_by(MigrationCriterion.code)))
        crit = mk.clean_criteria(c, criteria, allowed)
        c.raise_if_any()
        p = get_or_404(s, Project, project_id, "Projet")
        for code, value in clean.items():
            setattr(p, mk.FIELD[code], value)
        p.migration_criteria = crit
        p.gender_analysis_note = note
        s.flush()
        return _view(p)


def delete_project(db: Database, plan_id: int, project_id: int) -> str:
    """Delete a project with its costs, fundings, partners and indicators; returns its code."""
    with db.write() as s:
        p = get_or_404(s, Project, project_id, "Projet")
        if p.plan_id != plan_id:
            raise DomainError(Problem("", "ce projet appartient à un autre plan."))
        code = p.code
        s.delete(p)
        return code


def project_impact(db: Database, project_id: int) -> dict[str, int]:
    """What deleting a project takes with it: indicators and fundings."""
    from pac.models import Funding

    with db.read() as s:
        return {
            "indicators": int(s.scalar(select(func.count()).where(Indicator.project_id == project_id)) or 0),
            "fundings": int(s.scalar(select(func.count()).where(Funding.project_id == project_id)) or 0),
        }


# --------------------------------------------------------------------------- markers: rules and coverage


def _marker_states(s: Session, plan_id: int) -> tuple[list[mk.MarkerState], bool]:
    indicators: dict[int, list[mk.IndicatorFact]] = {}
    any_indicator = False
    for pid, disagg, is_gender in s.execute(
        select(Indicator.project_id, Indicator.disaggregation, Indicator.is_gender).where(
            Indicator.plan_id == plan_id
        )
    ):
        any_indicator = True
        if pid is not None:
            indicators.setdefault(pid, []).append(mk.IndicatorFact(tuple(disagg or ()), bool(is_gender)))
    cols = [getattr(Project, mk.FIELD[m]) for m in vocab.MARKERS]
    states = []
    for row in s.execute(
        select(Project.id, Project.gender_analysis_note, Project.migration_criteria, *cols).where(
            Project.plan_id == plan_id
        )
    ):
        pid, note, crit, *values = row
        states.append(
            mk.MarkerState(
                pid,
                dict(zip(vocab.MARKERS, values, strict=True)),
                note or "",
                tuple(crit or ()),
                tuple(indicators.get(pid, ())),
            )
        )
    return states, any_indicator


def marker_warnings(db: Database, plan_id: int) -> list[mk.MarkerWarning]:
    """Every marker warning of the plan's projects (see pac.domain.markers for the rules)."""
    with db.read() as s:
        states, any_indicator = _marker_states(s, plan_id)
    return mk.check_all(states, any_indicator)


def plan_has_indicators(db: Database, plan_id: int) -> bool:
    with db.read() as s:
        return bool(s.scalar(select(func.count()).where(Indicator.plan_id == plan_id)))


@dataclass(frozen=True)
class CoverageView:
    table: (
        pd.DataFrame
    )  # axis_id (None = all), axis, marker, value, projects, cost, share_projects, share_cost
    without_marker: tuple[int, ...]
    not_assessed: tuple[int, ...]
    project_count: int


def marker_coverage(db: Database, plan_id: int, include_rejected: bool = False) -> CoverageView:
    """Share of projects and of cost per marker value, per axis and overall (rejected projects left out)."""
    with db.read() as s:
        cols = [getattr(Project, mk.FIELD[m]) for m in vocab.MARKERS]
        q = (
            select(Project.id, Objective.axis_id, Project.total_cost, Project.status, *cols)
            .join(Objective, Objective.id == Project.objective_id)
            .where(Project.plan_id == plan_id)
        )
        rows = list(s.execute(q))
        axes = list(
            s.execute(select(Axis.id, Axis.code).where(Axis.plan_id == plan_id).order_by(Axis.position))
        )
    items = [
        mk.ProjectMarkers(pid, axis_id, cost or 0.0, dict(zip(vocab.MARKERS, values, strict=True)))
        for pid, axis_id, cost, status, *values in rows
        if include_rejected or status != "rejected"
    ]
    cov = mk.coverage(items, [a for a, _ in axes])
    codes = dict(axes)
    table = pd.DataFrame(
        [
            {
                "axis_id": cell.axis_id,
                "axis": codes.get(cell.axis_id) if cell.axis_id is not None else None,
                "marker": cell.marker,
                "value": cell.value,
                "projects": cell.projects,
                "cost": cell.cost,
                "share_projects": cell.share_projects,
                "share_cost": cell.share_cost,
            }
            for cell in cov.cells
        ]
    )
    return CoverageView(table, cov.without_marker, cov.not_assessed, len(items))
