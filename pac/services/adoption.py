"""The plan's road to adoption (page « Adoption »): record each step, the reviewers' comments.

One function per user action, one transaction each; plain data out.  Recording a step also keeps
the plan's procedure dates (read by the monitoring page and the checklist) in step with the road,
so that there is one fact in one place for the user: the date typed here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import adoption as rules
from pac.domain import validate as v
from pac.domain.errors import Collector, DomainError, Problem
from pac.i18n import t
from pac.models import AdoptionStep, Plan, PlanVersion, PlanVersionPart, Project, ReviewComment
from pac.services.common import get_or_404
from pac.services.workbook import sheets_in_session

# The plan's own date columns that a step of the road fills (the monitoring page shows them too).
_PLAN_DATES = {
    "state_services": "state_services_consulted_on",
    "ieeag_opinion": "ieeag_opinion_on",
    "committees_sent": "committees_sent_on",
    "adopted": "adoption_session_on",
}


# A frozen version holds the commune's workbook without the road itself (which goes on after adoption).
_NOT_FROZEN = ("adoption", "commentaires_revue", "versions_adoptees", "versions_morceaux")
# Columns of the plans sheet that the road fills: recording a later step is not a change of the plan.
_PROCEDURE = (
    "statut",
    "envoi_commissions_le",
    "session_adoption_le",
    "consultation_services_etat_le",
    "avis_ieeag_le",
)
PART_SIZE = 16_000  # characters of JSON per piece: under a spreadsheet cell's 32,767


@dataclass(frozen=True)
class VersionView:
    number: int
    adopted_on: dt.date
    frozen_at: dt.datetime


@dataclass(frozen=True)
class StepView:
    id: int
    step: str
    done_on: dt.date
    recorded_by: str
    recorded_at: dt.datetime
    note: str
    outcome: str
    text: str
    session_type: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None


@dataclass(frozen=True)
class CommentView:
    id: int
    source: str
    target: str
    target_ref: str
    author: str
    written_on: dt.date
    text: str
    state: str
    answer: str
    answered_on: dt.date | None


@dataclass(frozen=True)
class Road:
    plan_id: int
    status: str  # draft | returned | one of rules.STEPS
    next_step: str | None
    latest: dict[str, StepView]  # the latest record of each step reached
    history: tuple[StepView, ...]  # every record, oldest first
    comments: tuple[CommentView, ...]
    project_codes: tuple[str, ...]
    versions: tuple[VersionView, ...] = ()  # the adopted versions, oldest first
    changed_since_adoption: bool = False  # the plan differs from its last adopted version

    @property
    def open_comments(self) -> int:
        return sum(1 for c in self.comments if c.state == "open")


def _view(r: AdoptionStep) -> StepView:
    return StepView(
        r.id,
        r.step,
        r.done_on,
        r.recorded_by,
        r.recorded_at,
        r.note,
        r.outcome,
        r.text,
        r.session_type,
        r.votes_for,
        r.votes_against,
        r.votes_abstain,
    )


def _rule(r: AdoptionStep | StepView) -> rules.StepRecord:
    return rules.StepRecord(
        r.step,
        r.done_on,
        r.recorded_by,
        r.note,
        r.outcome,
        r.text,
        r.session_type,
        r.votes_for,
        r.votes_against,
        r.votes_abstain,
    )


def _records(s: Session, plan_id: int) -> list[AdoptionStep]:
    return list(
        s.scalars(
            select(AdoptionStep)
            .where(AdoptionStep.plan_id == plan_id)
            .order_by(AdoptionStep.recorded_at, AdoptionStep.id)
        )
    )


def step_records(s: Session, plan_id: int) -> list[rules.StepRecord]:
    """Inside a transaction: the road as the rules read it (the checklist uses it)."""
    return [_rule(r) for r in _records(s, plan_id)]


def load_road(db: Database, plan_id: int) -> Road:
    with db.read() as s:
        get_or_404(s, Plan, plan_id, "Plan")
        records = _records(s, plan_id)
        views = tuple(_view(r) for r in records)
        as_rules = [_rule(r) for r in records]
        latest = {}
        for view in views:
            latest[view.step] = view
        comments = tuple(
            CommentView(
                c.id,
                c.source,
                c.target,
                c.target_ref,
                c.author,
                c.written_on,
                c.text,
                c.state,
                c.answer,
                c.answered_on,
            )
            for c in s.scalars(
                select(ReviewComment)
                .where(ReviewComment.plan_id == plan_id)
                .order_by(ReviewComment.written_on, ReviewComment.id)
            )
        )
        codes = tuple(
            s.scalars(select(Project.code).where(Project.plan_id == plan_id).order_by(Project.code))
        )
        versions = list(
            s.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan_id).order_by(PlanVersion.number))
        )
        changed = False
        if versions:
            plan = get_or_404(s, Plan, plan_id, "Plan")
            frozen = _read_version(s, versions[-1].id)
            changed = _content(frozen["sheets"]) != _content(_freeze(s, plan)["sheets"])
        return Road(
            plan_id,
            rules.status(as_rules),
            rules.next_step(as_rules),
            latest,
            views,
            comments,
            codes,
            tuple(VersionView(v.number, v.adopted_on, v.frozen_at) for v in versions),
            changed,
        )


def _freeze(s: Session, plan: Plan) -> dict[str, Any]:
    """The commune's workbook as it stands in this transaction, without the road to adoption."""
    sheets = sheets_in_session(s, plan.commune_id)
    return {
        "format": "pac-atelier/classeur-commune",
        "version": 1,
        "commune": plan.commune.slug,
        "sheets": {name: rows for name, rows in sheets.items() if name not in _NOT_FROZEN},
    }


def _content(sheets: Mapping[str, Any]) -> str:
    """What makes the plan: every frozen sheet, the procedure columns of the plans sheet left out."""
    kept = {name: rows for name, rows in sheets.items() if name not in _NOT_FROZEN}
    kept["plans"] = [{k: x for k, x in row.items() if k not in _PROCEDURE} for row in kept.get("plans", [])]
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, default=str)


def _read_version(s: Session, version_id: int) -> dict[str, Any]:
    parts = s.scalars(
        select(PlanVersionPart.data)
        .where(PlanVersionPart.version_id == version_id)
        .order_by(PlanVersionPart.position)
    )
    return json.loads("".join(parts))


def version_workbook(db: Database, plan_id: int, number: int, lang: str = "fr") -> bytes:
    """The commune workbook (JSON) of an adopted version, as frozen on the day of its adoption: it imports
    like any workbook, and every document can be produced again from it."""
    with db.read() as s:
        version = s.scalar(
            select(PlanVersion).where(PlanVersion.plan_id == plan_id, PlanVersion.number == number)
        )
        if version is None:
            raise DomainError(
                Problem(
                    t("adoption.field.version", lang),
                    t("adoption.err.no_version", lang, number=number),
                    lang=lang,
                )
            )
        data = _read_version(s, version.id)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _field(key: str, lang: str) -> str:
    """A field named as the form labels it (pac.i18n.adoption), without the « * » of a required field."""
    return t(f"adoption.field.{key}", lang).rstrip(" *")


def record_step(
    db: Database,
    plan_id: int,
    step: str,
    values: Mapping[str, Any],
    recorded_by: str = "",
    today: dt.date | None = None,
    lang: str = "fr",
) -> str:
    """Record one step of the road (or correct a step already reached); returns the plan's new status.

    Every value is checked first (message in `lang` naming the field); nothing is saved when one is wrong."""
    c = Collector()
    done_on = v.date(c, _field("done_on", lang), values.get("done_on"), required=True)
    note = v.text(c, _field("note", lang), values.get("note"), max_len=4000) or ""
    text = v.text(c, _field("text", lang), values.get("text"), max_len=20_000) or ""
    counts = {
        k: v.integer(c, _field(k, lang), values.get(k), minimum=0)
        for k in ("votes_for", "votes_against", "votes_abstain")
    }
    c.raise_if_any()
    assert done_on is not None
    record = rules.StepRecord(
        step,
        done_on,
        (recorded_by or "")[:100],
        note,
        str(values.get("outcome") or ""),
        text,
        str(values.get("session_type") or ""),
        counts["votes_for"],
        counts["votes_against"],
        counts["votes_abstain"],
    )
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        records = [_rule(r) for r in _records(s, plan_id)]
        rules.validate(record, records, today or dt.date.today(), lang)
        if step == "adopted":
            sent = rules.latest(records).get("committees_sent")
            if sent is not None and done_on < sent.done_on:
                raise DomainError(
                    Problem(_field("done_on", lang), t("adoption.err.session_before_sent", lang), lang=lang)
                )
        s.add(
            AdoptionStep(
                plan_id=plan_id,
                step=record.step,
                done_on=record.done_on,
                recorded_by=record.recorded_by,
                note=record.note,
                outcome=record.outcome if step == "ngo_review" else "",
                text=record.text,
                session_type=record.session_type if step == "adopted" else "",
                votes_for=record.votes_for if step == "adopted" else None,
                votes_against=record.votes_against if step == "adopted" else None,
                votes_abstain=record.votes_abstain if step == "adopted" else None,
                recorded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
        )
        if step in _PLAN_DATES:
            setattr(plan, _PLAN_DATES[step], done_on)
        new_status = rules.status([*records, record])
        if step == "adopted" or new_status in ("governor_visa", "in_force"):
            plan.status = "adopted"
        s.flush()
        if step == "adopted":
            _freeze_version(s, plan, done_on)
        return new_status


def _freeze_version(s: Session, plan: Plan, adopted_on: dt.date) -> None:
    """The plan as adopted, frozen in the same transaction; re-adopting a changed plan adds a version."""
    number = int(s.scalar(select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id)) or 0)
    text = json.dumps(_freeze(s, plan), ensure_ascii=False, sort_keys=True, default=str)
    if number:
        last = s.scalar(
            select(PlanVersion).where(PlanVersion.plan_id == plan.id, PlanVersion.number == number)
        )
        assert last is not None
        if _content(_read_version(s, last.id)["sheets"]) == _content(json.loads(text)["sheets"]):
            last.adopted_on = adopted_on  # the same plan, its session date corrected: no new version
            return
    version = PlanVersion(plan_id=plan.id, number=number + 1, adopted_on=adopted_on)
    s.add(version)
    s.flush()
    s.add_all(
        PlanVersionPart(version_id=version.id, position=i, data=text[start : start + PART_SIZE])
        for i, start in enumerate(range(0, len(text), PART_SIZE))
    )


def add_comment(
    db: Database, plan_id: int, values: Mapping[str, Any], today: dt.date | None = None, lang: str = "fr"
) -> int:
    """A reviewer's comment on the plan, a section or a project; returns its id."""
    c = Collector()
    source = v.choice(c, _field("source", lang), values.get("source") or "ngo", rules.COMMENT_SOURCES)
    target = v.choice(c, _field("target", lang), values.get("target") or "plan", rules.COMMENT_TARGETS)
    ref = v.text(c, _field("target_ref", lang), values.get("target_ref"), max_len=100) or ""
    author = v.text(c, _field("author", lang), values.get("author"), max_len=100) or ""
    text = v.text(c, _field("comment", lang), values.get("text"), required=True, max_len=8000) or ""
    written_on = v.date(c, _field("done_on", lang), values.get("written_on")) or today or dt.date.today()
    if target == "section" and ref not in rules.SECTIONS:
        c.add(_field("target_ref", lang), t("adoption.err.pick_section", lang), lang=lang)
    if target == "plan":
        ref = ""
    c.raise_if_any()
    with db.write() as s:
        get_or_404(s, Plan, plan_id, "Plan")
        if target == "project" and ref not in set(
            s.scalars(select(Project.code).where(Project.plan_id == plan_id))
        ):
            raise DomainError(
                Problem(_field("target_ref", lang), t("adoption.err.not_a_project", lang, ref=ref), lang=lang)
            )
        comment = ReviewComment(
            plan_id=plan_id,
            source=source,
            target=target,
            target_ref=ref,
            author=author,
            written_on=written_on,
            text=text,
        )
        s.add(comment)
        s.flush()
        return comment.id


def answer_comment(
    db: Database, comment_id: int, answer: str, today: dt.date | None = None, lang: str = "fr"
) -> None:
    """Answer a comment: it is then « answered » (an empty answer reopens it)."""
    c = Collector()
    text = v.text(c, _field("answer", lang), answer, max_len=8000) or ""
    c.raise_if_any()
    with db.write() as s:
        comment = get_or_404(s, ReviewComment, comment_id, "Commentaire")
        comment.answer = text
        comment.state = "answered" if text.strip() else "open"
        comment.answered_on = (today or dt.date.today()) if text.strip() else None
