"""Helpers shared by services (inside a transaction they were given)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pac.domain.bilingual import isolate, shown
from pac.domain.errors import NotFound
from pac.domain.plan import FundingLine
from pac.i18n import t
from pac.models import Commune, Funding, Plan, ProjectYearCost


def find_commune(s: Session, ref: int | str) -> Commune:
    """A commune by id or slug (the command line accepts both), or NotFound in French."""
    commune: Commune | None = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        commune = s.get(Commune, int(ref))
    if commune is None and isinstance(ref, str):
        commune = s.scalar(select(Commune).where(Commune.slug == ref.strip().lower()))
    if commune is None:
        raise NotFound(
            f"Commune inconnue : « {ref} ». `python -m pac list` donne les communes et leur identifiant."
        )
    return commune


def current_plan(s: Session, commune_id: int) -> Plan | None:
    """The commune's plan being worked on: the latest non-archived one."""
    plans = s.scalars(
        select(Plan).where(Plan.commune_id == commune_id).order_by(Plan.start_year.desc())
    ).all()
    for p in plans:
        if p.status != "archived":
            return p
    return plans[0] if plans else None


def require_plan(s: Session, commune_id: int) -> Plan:
    plan = current_plan(s, commune_id)
    if plan is None:
        raise NotFound("Cette commune n'a pas encore de plan : créez-le dans « Communes & ateliers ».")
    return plan


def get_or_404(s: Session, model: type, key: object, what: str):  # type: ignore[no-untyped-def]
    obj = s.get(model, key)
    if obj is None:
        raise NotFound(f"{what} introuvable (peut-être supprimé entre-temps).")
    return obj


def budget_rows(
    s: Session, project_ids: Any
) -> tuple[dict[int, dict[int, float]], dict[int, list[FundingLine]]]:
    """The cost per year and the funding lines of the projects `project_ids` (a list or a select of ids), as
    plain rows: the plan page and the compliance checklist read the same money the same way.

    Returns (project id -> year -> cost, project id -> funding lines in year order); zero costs are left out.
    """
    costs: dict[int, dict[int, float]] = {}
    for pid, year, amount in s.execute(
        select(ProjectYearCost.project_id, ProjectYearCost.year, ProjectYearCost.amount).where(
            ProjectYearCost.project_id.in_(project_ids)
        )
    ):
        if amount:
            costs.setdefault(pid, {})[year] = amount
    lines: dict[int, list[FundingLine]] = {}
    for pid, partner, year, amount, status in s.execute(
        select(Funding.project_id, Funding.partner_code, Funding.year, Funding.amount, Funding.status)
        .where(Funding.project_id.in_(project_ids))
        .order_by(Funding.year, Funding.id)
    ):
        lines.setdefault(pid, []).append(FundingLine(partner, year, amount, status))
    return costs, lines


def shown_text(obj: Any, field: str, lang: str) -> str:
    """A bilingual field of `obj` (a view or a dict holding `field` and `field_ar`) as the reader of `lang`
    sees it in a grid, a CSV or a select option: their version, else the other one isolated and marked
    « (en arabe) » / « (بالفرنسية) », never a blank (the same text as pac.ui.kit.text.bi_raw)."""
    s = shown(obj, field, lang)
    if not s.fallback:
        return s.text
    return isolate(s.text) + " " + t(f"bilingual.fallback.{s.lang}", lang)
