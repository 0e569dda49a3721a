"""Mission, vision, values, strategic axes and objectives, and their links to the SWOT (page « Vision & axes »).

One function per user action, one transaction each; views out, never ORM objects.
Deleting an axis or an objective that still holds something is refused unless the caller
confirms (the page asks first); projects can be moved to another objective beforehand.

A little over 600 lines: the statement (each text in French and Arabic), the axes, the objectives and their
SWOT links are the four tabs of one step; the rules are in pac.domain.vision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from pac.db import Database
from pac.domain import vision as rules
from pac.domain.conflict import merge
from pac.domain.errors import Collector, DomainError, Problem
from pac.i18n import t
from pac.models import (
    Axis,
    Funding,
    Indicator,
    Objective,
    ObjectiveSwot,
    Plan,
    PlanValue,
    Project,
    SwotItem,
    VotingOption,
)
from pac.services.common import get_or_404

STATEMENT_FIELDS = ("mission", "vision")
STATEMENT_MAX = 4000


@dataclass(frozen=True)
class SwotItemView:
    id: int
    quadrant: str
    text: str
    position: int
    text_ar: str = ""


@dataclass(frozen=True)
class ProjectBrief:
    id: int
    code: str
    title: str
    status: str
    total_cost: float
    title_ar: str = ""


@dataclass(frozen=True)
class ObjectiveView:
    id: int
    axis_id: int
    code: str
    title: str
    description: str
    position: int
    swot_ids: tuple[int, ...]
    projects: tuple[ProjectBrief, ...]
    title_ar: str = ""
    description_ar: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} · {self.title}"


@dataclass(frozen=True)
class AxisView:
    id: int
    code: str
    title: str
    description: str
    position: int
    objectives: tuple[ObjectiveView, ...]
    title_ar: str = ""
    description_ar: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def project_count(self) -> int:
        return sum(len(o.projects) for o in self.objectives)


@dataclass(frozen=True)
class StrategyView:
    plan_id: int
    mission: str
    vision: str
    values: tuple[str, ...]
    axes: tuple[AxisView, ...]
    swot: tuple[SwotItemView, ...]
    links: rules.SwotLinkReport
    mission_ar: str = ""
    vision_ar: str = ""
    values_ar: tuple[str, ...] = ()  # same positions as `values` ("" where a value has no Arabic)

    @property
    def value_items(self) -> list[dict[str, str]]:
        """Each value with both versions, for kit.text.bi."""
        return [{"text": fr, "text_ar": ar} for fr, ar in zip(self.values, self.values_ar, strict=True)]

    @property
    def objectives(self) -> list[ObjectiveView]:
        return [o for a in self.axes for o in a.objectives]

    def axis(self, axis_id: int) -> AxisView | None:
        return next((a for a in self.axes if a.id == axis_id), None)

    def objective(self, objective_id: int) -> ObjectiveView | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def swot_item(self, item_id: int) -> SwotItemView | None:
        return next((i for i in self.swot if i.id == item_id), None)

    @property
    def next_axis_code(self) -> str:
        return rules.axis_code(a.code for a in self.axes)

    def next_objective_code(self, axis_id: int) -> str:
        axis = self.axis(axis_id)
        if axis is None:
            return ""
        return rules.objective_code(axis.code, [(a.code, o.code) for a in self.axes for o in a.objectives])


@dataclass(frozen=True)
class Impact:
    """What deleting an axis or an objective would take with it."""

    objectives: int
    projects: int
    indicators: int
    fundings: int
    vote_options: int  # kept, but no longer tied to a project
    objective_indicators: int = 0  # indicators of the objectives themselves (they stay when projects move)

    @property
    def empty(self) -> bool:
        return not (self.objectives or self.projects or self.indicators)


# --------------------------------------------------------------------------- reading


def get_strategy(db: Database, plan_id: int) -> StrategyView:
    with db.read() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        axes = s.scalars(
            select(Axis)
            .where(Axis.plan_id == plan_id)
            .order_by(Axis.position, Axis.id)
            .options(selectinload(Axis.objectives).selectinload(Objective.projects))
        ).all()
        links: dict[int, list[int]] = {}
        for oid, sid in s.execute(
            select(ObjectiveSwot.objective_id, ObjectiveSwot.swot_item_id)
            .join(Objective, Objective.id == ObjectiveSwot.objective_id)
            .join(Axis, Axis.id == Objective.axis_id)
            .where(Axis.plan_id == plan_id)
        ):
            links.setdefault(oid, []).append(sid)
        swot = tuple(
            SwotItemView(i.id, i.quadrant, i.text, i.position, i.text_ar or "")
            for i in s.scalars(
                select(SwotItem)
                .where(SwotItem.plan_id == plan_id)
                .order_by(SwotItem.quadrant, SwotItem.position, SwotItem.id)
            )
        )
        axis_views = tuple(
            AxisView(
                a.id,
                a.code,
                a.title,
                a.description,
                a.position,
                tuple(
                    ObjectiveView(
                        o.id,
                        a.id,
                        o.code,
                        o.title,
                        o.description,
                        o.position,
                        tuple(sorted(links.get(o.id, []))),
                        tuple(
                            ProjectBrief(p.id, p.code, p.title, p.status, p.total_cost, p.title_ar or "")
                            for p in sorted(o.projects, key=lambda p: rules.natural_key(p.code))
                        ),
                        o.title_ar or "",
                        o.description_ar or "",
                    )
                    for o in sorted(a.objectives, key=lambda o: (o.position, o.id))
                ),
                a.title_ar or "",
                a.description_ar or "",
            )
            for a in axes
        )
        report = rules.swot_links(
            [
                rules.ObjectiveRef(o.id, o.code, frozenset(o.swot_ids))
                for a in axis_views
                for o in a.objectives
            ],
            [rules.SwotRef(i.id, i.quadrant, i.text) for i in swot],
        )
        ordered = sorted(plan.values, key=lambda x: x.position)
        return StrategyView(
            plan.id,
            plan.mission,
            plan.vision,
            tuple(x.text or "" for x in ordered),
            axis_views,
            swot,
            report,
            plan.mission_ar or "",
            plan.vision_ar or "",
            tuple(x.text_ar or "" for x in ordered),
        )


# --------------------------------------------------------------------------- mission, vision, values


def save_statement(
    db: Database, plan_id: int, field: str, text: Any, text_ar: Any = None, *, lang: str = "fr"
) -> tuple[str, str]:
    """Save the mission or the vision (its French and, when given, its Arabic version) as typed."""
    if field not in STATEMENT_FIELDS:
        raise DomainError(Problem("", f"champ inconnu « {field} »."))
    c = Collector()
    fr, ar = rules.bi_text(c, t(f"vision.{field}", lang), text, text_ar, lang=lang, max_len=STATEMENT_MAX)
    c.raise_if_any()
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        setattr(plan, field, fr)
        if text_ar is not None:
            setattr(plan, f"{field}_ar", ar)
    return fr, ar


def save_values(
    db: Database,
    plan_id: int,
    lines: Iterable[Any],
    lines_ar: Iterable[Any] | None = None,
    *,
    lang: str = "fr",
) -> tuple[tuple[str, str], ...]:
    """Replace the plan's values: line n of `lines` (French) and of `lines_ar` (Arabic) are one value."""
    c = Collector()
    pairs = rules.clean_value_pairs(c, list(lines), None if lines_ar is None else list(lines_ar), lang=lang)
    c.raise_if_any()
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        if lines_ar is None:  # French only given: keep the Arabic of the values that keep their place
            old = {x.position: x.text_ar for x in plan.values}
            pairs = [(fr, ar or old.get(i, "")) for i, (fr, ar) in enumerate(pairs)]
        plan.values = [PlanValue(position=i, text=fr, text_ar=ar) for i, (fr, ar) in enumerate(pairs)]
    return tuple(pairs)


def statement_texts(view: StrategyView) -> dict[str, Any]:
    """Mission, vision and values as the form shows them (values one a line), e.g. as a form's `base`."""
    return {
        "mission": view.mission,
        "mission_ar": view.mission_ar,
        "vision": view.vision,
        "vision_ar": view.vision_ar,
        "values": ("\n".join(view.values), "\n".join(view.values_ar)),
    }


def _stored_texts(plan: Plan) -> dict[str, Any]:
    values = sorted(plan.values, key=lambda v: v.position)
    return {
        "mission": plan.mission,
        "mission_ar": plan.mission_ar,
        "vision": plan.vision,
        "vision_ar": plan.vision_ar,
        "values": ("\n".join(v.text for v in values), "\n".join(v.text_ar for v in values)),
    }


def save_strategy_text(
    db: Database,
    plan_id: int,
    texts: dict[str, Any],
    *,
    lang: str = "fr",
    base: dict[str, Any] | None = None,
) -> StrategyView:
    """Mission, vision and values in both languages, saved together in one transaction (one form).

    `texts` holds mission, mission_ar, vision, vision_ar (texts) and values, values_ar (one value a line).
    Every problem is reported at once, naming the field in the reader's language; nothing is saved then.
    `base` (`statement_texts` of what the form showed when opened): only what the user changed is written,
    and a text a colleague saved meanwhile too refuses the save with ConflictError, both versions in it.
    """
    c = Collector()
    clean: dict[str, str] = {}
    for field in STATEMENT_FIELDS:
        clean[field], clean[f"{field}_ar"] = rules.bi_text(
            c,
            t(f"vision.{field}", lang),
            texts.get(field),
            texts.get(f"{field}_ar"),
            lang=lang,
            max_len=STATEMENT_MAX,
        )
    pairs = rules.clean_value_pairs(c, _lines(texts.get("values")), _lines(texts.get("values_ar")), lang=lang)
    c.raise_if_any()
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        mine = {
            **{k: texts.get(k) or "" for k in clean},
            "values": (texts.get("values") or "", texts.get("values_ar") or ""),
        }
        changed = merge(t("vision.conflict_what", lang), base, _stored_texts(plan), mine)
        for k, value in clean.items():
            if k in changed:
                setattr(plan, k, value)
        if "values" in changed:
            plan.values = [PlanValue(position=i, text=fr, text_ar=ar) for i, (fr, ar) in enumerate(pairs)]
    return get_strategy(db, plan_id)


def _lines(text: Any) -> list[str]:
    return [] if text is None else str(text).splitlines()


# --------------------------------------------------------------------------- axes


def _clean_item(values: dict[str, Any], lang: str = "fr") -> dict[str, Any]:
    """Code, title (at least one version) and description of an axis or an objective.

    A version absent from `values` is left as it is (a caller that knows only French keeps the Arabic)."""
    c = Collector()
    out: dict[str, Any] = {"code": rules.code(c, t("vision.code", lang), values.get("code"), lang)}
    for field, key, required, max_len in (
        ("title", "vision.title_field", True, 300),
        ("description", "vision.description", False, 4000),
    ):
        fr, ar = rules.bi_text(
            c,
            t(key, lang),
            values.get(field),
            values.get(f"{field}_ar"),
            lang=lang,
            required=required,
            max_len=max_len,
        )
        out[field] = fr
        if f"{field}_ar" in values:
            out[f"{field}_ar"] = ar
    c.raise_if_any()
    return out


def save_axis(
    db: Database, plan_id: int, values: dict[str, Any], axis_id: int | None = None, *, lang: str = "fr"
) -> AxisView:
    """Create an axis at the end of the list, or update one."""
    data = _clean_item(values, lang)
    with db.write() as s:
        get_or_404(s, Plan, plan_id, "Plan")
        clash = s.scalar(select(Axis.id).where(Axis.plan_id == plan_id, Axis.code == data["code"]))
        if clash is not None and clash != axis_id:
            raise DomainError(
                Problem(
                    t("vision.code", lang),
                    t("vision.err.axis_code_taken", lang, code=data["code"]),
                    lang=lang,
                )
            )
        if axis_id is None:
            last = s.scalar(select(func.max(Axis.position)).where(Axis.plan_id == plan_id))
            axis = Axis(plan_id=plan_id, position=(last or 0) + 1, **data)
            s.add(axis)
        else:
            axis = _axis_of(s, plan_id, axis_id)
            for k, value in data.items():
                setattr(axis, k, value)
        s.flush()
        return AxisView(
            axis.id,
            axis.code,
            axis.title,
            axis.description,
            axis.position,
            (),
            axis.title_ar or "",
            axis.description_ar or "",
        )


def move_axis(db: Database, plan_id: int, axis_id: int, step: int) -> None:
    """Move an axis up (-1) or down (+1) in the plan's order."""
    with db.write() as s:
        axes = list(s.scalars(select(Axis).where(Axis.plan_id == plan_id).order_by(Axis.position, Axis.id)))
        _reorder(axes, axis_id, step)


def axis_impact(db: Database, axis_id: int) -> Impact:
    with db.read() as s:
        get_or_404(s, Axis, axis_id, "Axe")
        objective_ids = list(s.scalars(select(Objective.id).where(Objective.axis_id == axis_id)))
        return _impact(s, objective_ids)


def delete_axis(db: Database, plan_id: int, axis_id: int, *, confirmed: bool = False) -> Impact:
    """Delete an axis; if it still has objectives or projects, only when `confirmed` (the page asks first)."""
    with db.write() as s:
        axis = _axis_of(s, plan_id, axis_id)
        impact = _impact(s, [o.id for o in axis.objectives])
        if not impact.empty and not confirmed:
            raise DomainError(
                Problem(
                    "Axe",
                    f"l'axe « {axis.code} » contient {impact.objectives} objectif(s) et {impact.projects} projet(s) : "
                    "déplacez-les ou confirmez la suppression.",
                )
            )
        s.delete(axis)
        s.flush()
        _renumber(
            list(s.scalars(select(Axis).where(Axis.plan_id == plan_id).order_by(Axis.position, Axis.id)))
        )
        return impact


# --------------------------------------------------------------------------- objectives


def save_objective(
    db: Database,
    plan_id: int,
    axis_id: int,
    values: dict[str, Any],
    objective_id: int | None = None,
    *,
    lang: str = "fr",
) -> ObjectiveView:
    """Create an objective at the end of `axis_id`, or update one (and move it to `axis_id`)."""
    data = _clean_item(values, lang)
    with db.write() as s:
        axis = _axis_of(s, plan_id, axis_id)
        clash = s.scalar(
            select(Objective.id).join(Axis).where(Axis.plan_id == plan_id, Objective.code == data["code"])
        )
        if clash is not None and clash != objective_id:
            raise DomainError(
                Problem(
                    t("vision.code", lang),
                    t("vision.err.objective_code_taken", lang, code=data["code"]),
                    lang=lang,
                )
            )
        last = s.scalar(select(func.max(Objective.position)).where(Objective.axis_id == axis.id)) or 0
        if objective_id is None:
            obj = Objective(axis_id=axis.id, position=last + 1, **data)
            s.add(obj)
        else:
            obj = _objective_of(s, plan_id, objective_id)
            if obj.axis_id != axis.id:
                obj.axis_id = axis.id
                obj.position = last + 1
            for k, value in data.items():
                setattr(obj, k, value)
        s.flush()
        swot = tuple(
            sorted(s.scalars(select(ObjectiveSwot.swot_item_id).where(ObjectiveSwot.objective_id == obj.id)))
        )
        return ObjectiveView(
            obj.id,
            obj.axis_id,
            obj.code,
            obj.title,
            obj.description,
            obj.position,
            swot,
            (),
            obj.title_ar or "",
            obj.description_ar or "",
        )


def move_objective(db: Database, plan_id: int, objective_id: int, step: int) -> None:
    """Move an objective up (-1) or down (+1) within its axis."""
    with db.write() as s:
        obj = _objective_of(s, plan_id, objective_id)
        siblings = list(
            s.scalars(
                select(Objective)
                .where(Objective.axis_id == obj.axis_id)
                .order_by(Objective.position, Objective.id)
            )
        )
        _reorder(siblings, objective_id, step)


def objective_impact(db: Database, objective_id: int) -> Impact:
    with db.read() as s:
        get_or_404(s, Objective, objective_id, "Objectif")
        impact = _impact(s, [objective_id])
        return Impact(
            0,
            impact.projects,
            impact.indicators,
            impact.fundings,
            impact.vote_options,
            impact.objective_indicators,
        )


def delete_objective(db: Database, plan_id: int, objective_id: int, *, confirmed: bool = False) -> Impact:
    """Delete an objective; if it still has projects or indicators, only when `confirmed`."""
    with db.write() as s:
        obj = _objective_of(s, plan_id, objective_id)
        full = _impact(s, [obj.id])
        impact = Impact(
            0, full.projects, full.indicators, full.fundings, full.vote_options, full.objective_indicators
        )
        if not impact.empty and not confirmed:
            raise DomainError(
                Problem(
                    "Objectif",
                    f"l'objectif « {obj.code} » a {impact.projects} projet(s) et {impact.indicators} indicateur(s) : "
                    "déplacez ses projets ou confirmez la suppression.",
                )
            )
        axis_id = obj.axis_id
        s.delete(obj)
        s.flush()
        _renumber(
            list(
                s.scalars(
                    select(Objective)
                    .where(Objective.axis_id == axis_id)
                    .order_by(Objective.position, Objective.id)
                )
            )
        )
        return impact


def move_projects(db: Database, plan_id: int, from_objective_id: int, to_objective_id: int) -> int:
    """Move every project of one objective to another objective of the same plan; returns how many."""
    if from_objective_id == to_objective_id:
        raise DomainError(
            Problem("Objectif de destination", "choisissez un autre objectif que celui d'origine.")
        )
    with db.write() as s:
        _objective_of(s, plan_id, from_objective_id)
        target = _objective_of(s, plan_id, to_objective_id)
        projects = list(s.scalars(select(Project).where(Project.objective_id == from_objective_id)))
        for p in projects:
            p.objective_id = target.id
        return len(projects)


def set_objective_swot(
    db: Database, plan_id: int, objective_id: int, swot_ids: Sequence[int], *, lang: str = "fr"
) -> tuple[int, ...]:
    """The SWOT items an objective answers (replaces the previous links)."""
    wanted = sorted({int(i) for i in swot_ids})
    with db.write() as s:
        obj = _objective_of(s, plan_id, objective_id)
        known = set(
            s.scalars(select(SwotItem.id).where(SwotItem.plan_id == plan_id, SwotItem.id.in_(wanted)))
        )
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise DomainError(
                Problem(t("vision.err.swot_field", lang), t("vision.err.swot_gone", lang), lang=lang)
            )
        obj.swot_items = list(s.scalars(select(SwotItem).where(SwotItem.id.in_(wanted))))
        return tuple(wanted)


# --------------------------------------------------------------------------- helpers


def _axis_of(s: Session, plan_id: int, axis_id: int) -> Axis:
    axis = get_or_404(s, Axis, axis_id, "Axe")
    if axis.plan_id != plan_id:
        raise DomainError(Problem("Axe", "cet axe appartient à un autre plan."))
    return axis


def _objective_of(s: Session, plan_id: int, objective_id: int) -> Objective:
    obj = get_or_404(s, Objective, objective_id, "Objectif")
    if obj.axis.plan_id != plan_id:
        raise DomainError(Problem("Objectif", "cet objectif appartient à un autre plan."))
    return obj


def _reorder(items: list[Any], item_id: int, step: int) -> None:
    order = rules.moved([x.id for x in items], item_id, step)
    by_id = {x.id: x for x in items}
    for i, key in enumerate(order, start=1):
        by_id[key].position = i


def _renumber(items: list[Any]) -> None:
    for i, x in enumerate(items, start=1):
        x.position = i


def _impact(s: Session, objective_ids: list[int]) -> Impact:
    if not objective_ids:
        return Impact(0, 0, 0, 0, 0)
    project_ids = list(s.scalars(select(Project.id).where(Project.objective_id.in_(objective_ids))))

    def count(stmt: Any) -> int:
        return int(s.scalar(stmt) or 0)

    indicators = count(
        select(func.count())
        .select_from(Indicator)
        .where(or_(Indicator.objective_id.in_(objective_ids), Indicator.project_id.in_(project_ids)))
    )
    fundings = count(select(func.count()).select_from(Funding).where(Funding.project_id.in_(project_ids)))
    options = count(
        select(func.count())
        .select_from(VotingOption)
        .where(or_(VotingOption.objective_id.in_(objective_ids), VotingOption.project_id.in_(project_ids)))
    )
    own = count(select(func.count()).select_from(Indicator).where(Indicator.objective_id.in_(objective_ids)))
    return Impact(len(objective_ids), len(project_ids), indicators, fundings, options, own)
