"""Helpers shared by services (inside a transaction they were given)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pac.domain.errors import NotFound
from pac.models import Commune, Plan


def find_commune(s: Session, ref: int | str) -> Commune:
    """A commune by id or slug (the command line accepts both), or NotFound in French."""
    commune: Commune | None = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        commune = s.get(Commune, int(ref))
    if commune is None and isinstance(ref, str):
        commune = s.scalar(select(Commune).where(Commune.slug == ref.strip().lower()))
    if commune is None:
        raise NotFound(f"Commune inconnue : « {ref} ». `python -m pac list` donne les communes et leur identifiant.")
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
