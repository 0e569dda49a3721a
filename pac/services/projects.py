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
from pac.domain import bilingual, vocab
from pac.domain import markers as mk
from pac.domain import validate as v
from pac.domain import vision as rules
from pac.domain.conflict import merge
from pac.domain.errors import Collector, DomainError, Problem
from pac.i18n import t, tn
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
    "expected_results": "Résultats attendus",
}
# The same names in the reader's language (keys of pac/i18n/projects.py)
FIELD_KEYS = {
    "objective_id": "projects.col.objective",
    "code": "projects.col.code",
    "title": "projects.col.title",
    "description": "projects.description",
    "expected_results": "projects.expected_results",
    "sector_code": "projects.col.sector",
    "douar_ids": "projects.douars",
    "whole_commune": "projects.whole_commune",
    "beneficiaries_women": "projects.col.women",
    "beneficiaries_men": "projects.col.men",
    "beneficiaries_youth": "projects.col.youth",
    "total_cost": "projects.col.total_cost",
    "owner": "projects.col.owner",
    "status": "projects.col.status",
}
GRID_FIELDS = (
    "objective_id",
    "code",
    "title",
    "title_ar",
    "sector_code",
    "beneficiaries_women",
    "beneficiaries_men",
    "beneficiaries_youth",
    "total_cost",
    "owner",
    "owner_ar",
    "status",
)
# Texts read beside the columns of ProjectView's first part, in the order of its last fields.
EXTRA_TEXTS = (
    "title_ar",
    "description_ar",
    "expected_results",
    "expected_results_ar",
    "gender_analysis_note_ar",
    "gender_objective",
    "gender_objective_ar",
    "vulnerability_context",
    "vulnerability_context_ar",
    "owner_ar",
)
MAX_OWNER = 200  # the maître d'ouvrage, each version (the French column is String(200))
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
    # The Arabic versions of the texts above, and the texts added for the markers (issue #14)
    title_ar: str = ""
    description_ar: str = ""
    expected_results: str = ""
    expected_results_ar: str = ""
    gender_analysis_note_ar: str = ""
    gender_objective: str = ""
    gender_objective_ar: str = ""
    vulnerability_context: str = ""
    vulnerability_context_ar: str = ""
    owner_ar: str = ""  # the maître d'ouvrage in Arabic (`owner` is the French one)

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
        *(getattr(p, f) or "" for f in EXTRA_TEXTS),
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
                *(getattr(Project, f) for f in EXTRA_TEXTS),
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
            *rest,
        ) = r
        extra, markers = rest[: len(EXTRA_TEXTS)], rest[len(EXTRA_TEXTS) :]
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
                *(x or "" for x in extra),
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


def _label(code: str, fr: str | None, ar: str | None, lang: str) -> str:
    """« O1.2 · title » in the reader's language, else the other one isolated with its marker."""
    shown = bilingual.pick(fr, ar, lang)
    if not shown.fallback:
        return f"{code} · {shown.text}"
    return f"{code} · {bilingual.isolate(shown.text)} {t(f'bilingual.fallback.{shown.lang}', lang)}"


def choices(db: Database, plan_id: int, lang: str = "fr") -> Choices:
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
                objectives[o.id] = _label(o.code, o.title, o.title_ar, lang)
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
            objectives,
            objective_axis,
            {a.id: _label(a.code, a.title, a.title_ar, lang) for a in axes},
            douars,
            codes,
            family,
        )


# --------------------------------------------------------------------------- validation


def _clean(
    s: Session,
    plan: Plan,
    values: Mapping[str, Any],
    c: Collector,
    *,
    partial: bool = False,
    of: str = "",
    lang: str = "fr",
    current: Project | None = None,
) -> dict[str, Any]:
    """Check the fields present in `values` (all of them unless `partial`); problems go to `c`.

    `of` names the project in the messages when several are checked at once (grid edits).
    """
    out: dict[str, Any] = {}
    F = {k: f"{x} — projet {of}" if of else x for k, x in FIELDS.items()}  # noqa: N806
    if lang != "fr":
        F.update({k: t(key, lang) for k, key in FIELD_KEYS.items()})

    def has(key: str) -> bool:
        return not partial or key in values

    if has("objective_id"):
        oid = values.get("objective_id")
        ok = oid is not None and s.scalar(
            select(Objective.id).join(Axis).where(Objective.id == oid, Axis.plan_id == plan.id)
        )
        if not ok:
            c.add(F["objective_id"], t("projects.err.objective", lang), lang=lang)
        out["objective_id"] = oid
    if has("code"):
        out["code"] = rules.code(c, F["code"], values.get("code"), lang)
    # Bilingual texts: a version absent from `values` is left as it is (the grid edits French only).
    for name, required, max_len in (
        ("title", True, 300),
        ("description", False, 4000),
        ("expected_results", False, 4000),
    ):
        if has(name) or f"{name}_ar" in values:
            # the version not given is the one saved: « at least one » looks at both
            kept = {k: getattr(current, k, "") if current is not None else "" for k in (name, f"{name}_ar")}
            fr, ar = rules.bi_text(
                c,
                F[name],
                values[name] if name in values else kept[name],
                values[f"{name}_ar"] if f"{name}_ar" in values else kept[f"{name}_ar"],
                lang=lang,
                required=required,
                max_len=max_len,
            )
            if name in values or not partial:
                out[name] = fr
            if f"{name}_ar" in values:
                out[f"{name}_ar"] = ar
    if has("sector_code"):
        sector = values.get("sector_code") or None
        if sector is not None and (not v.storable(sector) or s.get(Sector, sector) is None):
            c.add(F["sector_code"], t("projects.err.sector", lang, code=sector), lang=lang)
        out["sector_code"] = sector
    for key in ("beneficiaries_women", "beneficiaries_men", "beneficiaries_youth"):
        if has(key):
            out[key] = v.integer(c, F[key], values.get(key), maximum=MAX_PEOPLE)
    if has("total_cost"):
        cost = v.number(c, F["total_cost"], values.get("total_cost"), maximum=MAX_COST)
        out["total_cost"] = cost or 0.0
    # The maître d'ouvrage, in French and Arabic: neither required, each bounded like the French column.
    if has("owner"):
        out["owner"] = v.text(c, F["owner"], values.get("owner"), max_len=MAX_OWNER)
    if not partial or "owner_ar" in values:
        _, out["owner_ar"] = rules.bi_text(
            c, F["owner"], "", values.get("owner_ar"), lang=lang, max_len=MAX_OWNER
        )
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
            c.add(F["douar_ids"], t("projects.err.douar", lang), lang=lang)
        out["douar_ids"] = [d for d in wanted if d in found]
    return out


def _unique_code(
    s: Session, plan_id: int, code: str, project_id: int | None, c: Collector, lang: str = "fr"
) -> None:
    if not code or v._UNSTORABLE.search(code):  # refused by the text rules already: never queried
        return
    clash = s.scalar(select(Project.id).where(Project.plan_id == plan_id, Project.code == code))
    if clash is not None and clash != project_id:
        c.add(t(FIELD_KEYS["code"], lang), t("projects.err.code_taken", lang, code=code), lang=lang)


def _apply(s: Session, p: Project, data: dict[str, Any]) -> None:
    douars = data.pop("douar_ids", None)
    for k, value in data.items():
        setattr(p, k, value)
    if data.get("whole_commune") or p.whole_commune:
        p.douars = []
    elif douars is not None:
        p.douars = list(s.scalars(select(Douar).where(Douar.id.in_(douars)).order_by(Douar.name)))


# --------------------------------------------------------------------------- writing


def create_project(db: Database, plan_id: int, values: Mapping[str, Any], *, lang: str = "fr") -> ProjectView:
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
        data = _clean(s, plan, values, c, lang=lang)
        _unique_code(s, plan_id, data.get("code", ""), None, c, lang)
        c.raise_if_any()
        p = Project(
            plan_id=plan_id, objective_id=data["objective_id"], code=data["code"], title=data.get("title", "")
        )
        s.add(p)
        _apply(s, p, data)
        s.flush()
        return _view(p)


def _stored(p: Project, fields: Iterable[str]) -> dict[str, Any]:
    """The project as stored now, for the fields of a form (what `base` is compared with)."""
    out: dict[str, Any] = {}
    for f in fields:
        out[f] = [d.id for d in p.douars] if f == "douar_ids" else getattr(p, f, None)
    return out


def update_project(
    db: Database,
    project_id: int,
    values: Mapping[str, Any],
    *,
    lang: str = "fr",
    base: Mapping[str, Any] | None = None,
) -> ProjectView:
    """Update the fields given in `values` (the detail form gives them all).

    `base`: the project as the form showed it when opened.  Then only the fields the user changed are
    written (someone else's save of another field is kept), and a field changed meanwhile by someone else
    too refuses the save with ConflictError (pac.domain.conflict), both versions in it."""
    with db.write() as s:
        p = get_or_404(s, Project, project_id, "Projet")
        values = merge(t("projects.conflict_what", lang, code=p.code), base, _stored(p, values), values)
        if not values:
            return _view(p)
        c = Collector()
        data = _clean(s, p.objective.axis.plan, values, c, partial=True, lang=lang, current=p)
        if "code" in data:
            _unique_code(s, p.plan_id, data["code"], p.id, c, lang)
        c.raise_if_any()
        _apply(s, p, data)
        s.flush()
        return _view(p)


def update_from_grid(
    db: Database, plan_id: int, rows: Sequence[Mapping[str, Any]], *, lang: str = "fr"
) -> int:
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
                c.add("", t("projects.err.grid_gone", lang), lang=lang)
                continue
            data = _clean(
                s,
                plan,
                {k: r[k] for k in GRID_FIELDS if k in r},
                c,
                partial=True,
                of=p.code,
                lang=lang,
                current=p,
            )
            changed = {k: x for k, x in data.items() if getattr(p, k) != x}
            if changed:
                planned.append((p, changed))
        _check_grid_codes(s, plan_id, planned, c, lang)
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
    s: Session, plan_id: int, planned: list[tuple[Project, dict[str, Any]]], c: Collector, lang: str = "fr"
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
            c.add(t(FIELD_KEYS["code"], lang), tn("projects.err.code_shared", n, lang, code=code), lang=lang)


def save_markers(
    db: Database,
    project_id: int,
    markers: Mapping[str, Any],
    criteria: Iterable[str] = (),
    gender_note: Any = "",
    texts: Mapping[str, Any] | None = None,
    *,
    lang: str = "fr",
) -> ProjectView:
    """The project's cross-cutting markers (0/1/2 or blank), migration criteria, and the texts the marker
    rules look at, each in French and Arabic: gender analysis note, gender objective, vulnerability context.

    `texts` holds gender_analysis_note(_ar), gender_objective(_ar), vulnerability_context(_ar); a text
    absent from it is left as it is.  The marker rules are warnings, not refusals: the room may score
    first and document later.
    """
    c = Collector()
    from pac.i18n import vocab_labels

    clean = mk.clean_markers(c, markers, vocab_labels("markers", vocab.MARKERS, lang), lang=lang)
    given = {"gender_analysis_note": gender_note, **(texts or {})}
    chosen: dict[str, str] = {}
    for name in MARKER_TEXTS:
        if name in given or f"{name}_ar" in given:
            fr, ar = rules.bi_text(
                c,
                t(f"projects.{name}", lang),
                given.get(name, ""),
                given.get(f"{name}_ar", ""),
                lang=lang,
                max_len=4000,
            )
            if name in given:
                chosen[name] = fr
            if f"{name}_ar" in given:
                chosen[f"{name}_ar"] = ar
    with db.write() as s:
        allowed = list(s.scalars(select(MigrationCriterion.code).order_by(MigrationCriterion.code)))
        crit = mk.clean_criteria(c, criteria, allowed, lang=lang)
        c.raise_if_any()
        p = get_or_404(s, Project, project_id, "Projet")
        for code, value in clean.items():
            setattr(p, mk.FIELD[code], value)
        p.migration_criteria = crit
        for k, value in chosen.items():
            setattr(p, k, value)
        s.flush()
        return _view(p)


# The marker texts of a project, each with its Arabic twin (`…_ar`).
MARKER_TEXTS = ("gender_analysis_note", "gender_objective", "vulnerability_context")


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
    texts = [getattr(Project, f) for name in MARKER_TEXTS for f in (name, f"{name}_ar")]
    for row in s.execute(
        select(Project.id, Project.migration_criteria, *texts, *cols).where(Project.plan_id == plan_id)
    ):
        pid, crit, note, note_ar, objective, objective_ar, context, context_ar, *values = row
        states.append(
            mk.MarkerState(
                pid,
                dict(zip(vocab.MARKERS, values, strict=True)),
                # either language's version states it: the rule asks that it be stated, not translated
                f"{note or ''} {note_ar or ''}",
                tuple(crit or ()),
                tuple(indicators.get(pid, ())),
                f"{objective or ''} {objective_ar or ''}",
                f"{context or ''} {context_ar or ''}",
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
