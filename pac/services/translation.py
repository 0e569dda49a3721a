"""The translation view: every text of a commune that has one version (French or Arabic) and not the other.

What a facilitator and a bilingual commune officer work through after the workshop: grouped by step,
each text with where it comes from, edited in place.  One function per user action, views out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import bilingual
from pac.domain import validate as v
from pac.domain.errors import Collector, DomainError, Problem
from pac.models import (
    Axis,
    Douar,
    Finding,
    Indicator,
    KeyFigure,
    MeCommitteeMember,
    MeEvent,
    MeTool,
    Objective,
    Plan,
    PlanValue,
    Project,
    SwotItem,
    VotingCriterion,
    VotingOption,
    VotingRound,
    Workshop,
)
from pac.services import audit

# The steps in workshop order, each with the objects whose texts it writes.
STEPS: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("communes", (Workshop,)),
    ("diagnostic", (KeyFigure, Douar, Finding)),
    ("swot", (SwotItem,)),
    ("vision", (Plan, PlanValue, Axis, Objective)),
    ("projects", (Project,)),
    ("vote", (VotingRound, VotingOption, VotingCriterion)),
    ("monitoring", (Indicator, MeTool, MeCommitteeMember, MeEvent)),
)
MODELS: dict[str, type] = {m.__name__: m for _, models in STEPS for m in models}
LONG_MAX = 20_000  # a Text column


def bound(model: type, field: str) -> int:
    """Both versions of a text are bounded like its French column (a title: its VARCHAR length, which
    PostgreSQL enforces; a long text: LONG_MAX), read from the model rather than written again here."""
    length = getattr(getattr(model, field).type, "length", None)
    return int(length) if length else LONG_MAX


@dataclass(frozen=True)
class TextItem:
    step: str
    entity: str  # model name
    id: int
    field: str
    where: str  # what the text belongs to, for the reader: « P03 », « Constat n° 4 », « Axe 2 »
    fr: str
    ar: str

    @property
    def missing(self) -> str | None:
        return bilingual.missing({"t": self.fr, "t_ar": self.ar}, "t")


def _rows(model: type, commune_id: int) -> Select[Any]:
    """The objects of `model` that belong to the commune."""
    if model in (Plan, Workshop, Finding, KeyFigure, Douar):
        return select(model).where(model.commune_id == commune_id)
    plans = select(Plan.id).where(Plan.commune_id == commune_id)
    if model is Objective:
        return select(Objective).join(Axis).where(Axis.plan_id.in_(plans))
    if model in (VotingOption, VotingCriterion):
        rounds = select(VotingRound.id).where(VotingRound.plan_id.in_(plans))
        return select(model).where(model.round_id.in_(rounds))
    return select(model).where(model.plan_id.in_(plans))


def _where(obj: Any) -> str:
    """A short handle the reader recognises (a code, a number, a position); the id when nothing else."""
    for attr in ("code", "number", "ref"):
        value = getattr(obj, attr, None)
        if value not in (None, ""):
            return str(value)
    if isinstance(obj, MeCommitteeMember) and (obj.name or obj.name_ar):
        return obj.name or obj.name_ar
    if isinstance(obj, Douar):
        return obj.name
    if isinstance(obj, Plan):
        return f"{obj.start_year}–{obj.end_year}"
    if isinstance(obj, SwotItem):
        return f"{obj.quadrant}{obj.position + 1}"
    position = getattr(obj, "position", None)
    return f"#{position + 1}" if isinstance(position, int) else f"#{obj.id}"


def _items(s: Session, commune_id: int) -> list[TextItem]:
    out: list[TextItem] = []
    for step, models in STEPS:
        for model in models:
            fields = bilingual.BILINGUAL[model.__name__]
            for obj in s.scalars(_rows(model, commune_id).order_by(model.id)):
                for f in fields:
                    out.append(
                        TextItem(
                            step,
                            model.__name__,
                            obj.id,
                            f,
                            _where(obj),
                            getattr(obj, f) or "",
                            getattr(obj, bilingual.ar_field(f)) or "",
                        )
                    )
    return out


def texts(db: Database, commune_id: int, *, only_missing: bool = True) -> list[TextItem]:
    """The commune's texts in workshop order; by default only those lacking one version."""
    with db.read() as s:
        items = _items(s, commune_id)
    return [i for i in items if i.missing] if only_missing else [i for i in items if i.fr or i.ar]


def count_missing(db: Database, commune_id: int) -> int:
    """How many texts still lack their French or their Arabic version (the dashboard shows it)."""
    return len(texts(db, commune_id))


def counts_by_step(items: Iterable[TextItem]) -> dict[str, int]:
    out = {step: 0 for step, _ in STEPS}
    for i in items:
        if i.missing:
            out[i.step] += 1
    return out


def save_texts(
    db: Database, commune_id: int, edits: Sequence[Mapping[str, Any]], *, username: str = ""
) -> int:
    """Write both versions of each edited text (entity, id, field, fr, ar); all or nothing.

    Refused, naming the text, when a version is too long or holds markup, when the text belongs to
    another commune, or when both versions would be emptied (a text the commune wrote is never lost here).
    Returns how many texts changed."""
    c = Collector()
    checked: list[tuple[type, int, str, str, str]] = []
    for n, e in enumerate(edits, start=1):
        entity, field = str(e.get("entity", "")), str(e.get("field", ""))
        model = MODELS.get(entity)
        if model is None or field not in bilingual.BILINGUAL.get(entity, ()):
            c.add("texte", f"texte inconnu ({entity}.{field}).", row=n)
            continue
        limit = bound(model, field)
        label = f"{e.get('where') or e.get('id')}"
        fr = v.text(c, f"{label} — français", e.get("fr"), max_len=limit)
        ar = v.text(c, f"{label} — arabe", e.get("ar"), max_len=limit)
        if not fr and not ar:
            c.add(f"{label}", "les deux versions sont vides : le texte serait perdu.")
        checked.append((model, int(e.get("id") or 0), field, fr, ar))
    c.raise_if_any()
    changed = 0
    with db.write() as s:
        for model, obj_id, field, fr, ar in checked:
            obj = s.scalars(_rows(model, commune_id).where(model.id == obj_id)).first()
            if obj is None:
                raise DomainError(
                    Problem("texte", "ce texte n'appartient pas à cette commune (ou a été supprimé).")
                )
            ar_attr = bilingual.ar_field(field)
            before = {field: getattr(obj, field), ar_attr: getattr(obj, ar_attr)}
            if before == {field: fr, ar_attr: ar}:
                continue
            setattr(obj, field, fr)
            setattr(obj, ar_attr, ar)
            changed += 1
            audit.record(
                s,
                commune_id=commune_id,
                username=username,
                entity=model.__tablename__,
                entity_id=obj_id,
                action="translate",
                summary=f"{field} ({_where(obj)})",
                before={model.__tablename__: [{"id": obj_id, **before}]},
                after={model.__tablename__: [{"id": obj_id, field: fr, ar_attr: ar}]},
            )
    return changed
