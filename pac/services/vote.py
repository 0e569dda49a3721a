"""Voting rounds (page « Vote ») and the participants' ballots (page « Voter »).

One function per user action, one transaction each.  Ballots are unique per round and
participant (database constraint); submitting again updates the ballot, so a double tap, a
refresh or a retry after a lost connection can never count a ballot twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import validate as v
from pac.domain import vocab
from pac.domain import vote as rules_
from pac.domain.errors import Collector, DomainError, NotFound, Problem
from pac.domain.vote import Key, OptionResult, PaperLine, PhoneVote, Rules, Turnout
from pac.models import (
    Axis,
    Ballot,
    Commune,
    Douar,
    Objective,
    PaperTally,
    Participant,
    Plan,
    Project,
    Setting,
    Vote,
    VotingCriterion,
    VotingOption,
    VotingRound,
)
from pac.services.common import get_or_404

PUBLIC_URL_SETTING = "public_base_url"
PUBLIC_URL_ENV = "PAC_PUBLIC_URL"
MAX_CARDS = 500


class RoundNotOpen(DomainError):
    """A ballot arrived for a round that is not (or no longer) open."""


class CardRequired(DomainError):
    """The round accepts printed participant cards only."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class OptionView:
    id: int
    position: int
    label: str
    project_id: int | None
    objective_id: int | None
    final_rank: int | None
    final_score: float | None


@dataclass(frozen=True)
class CriterionView:
    id: int
    position: int
    label: str
    weight: float


@dataclass(frozen=True)
class RoundView:
    id: int
    plan_id: int
    commune_id: int
    title: str
    method: str
    option_kind: str
    status: str
    join_code: str
    dots_per_participant: int
    max_dots_per_option: int
    points_total: int
    hide_results: bool
    cards_only: bool
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    options: tuple[OptionView, ...]
    criteria: tuple[CriterionView, ...]

    @property
    def rules(self) -> Rules:
        return Rules(
            self.method,
            tuple(o.id for o in self.options),
            tuple((c.id, c.weight) for c in self.criteria),
            self.dots_per_participant,
            self.max_dots_per_option,
            self.points_total,
        )

    @property
    def labels(self) -> dict[int, str]:
        return {o.id: o.label for o in self.options}

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class RoundSummary:
    id: int
    title: str
    method: str
    option_kind: str
    status: str
    join_code: str
    options: int
    ballots: int


@dataclass(frozen=True)
class ParticipantView:
    id: int
    commune_id: int
    token: str
    card_number: int | None
    role: str
    sex: str
    age_band: str
    douar: str
    language: str
    profiled: bool


@dataclass(frozen=True)
class VoterState:
    """What the participant's page needs after a (re)load: the round, who votes, their ballot."""

    round: RoundView
    participant: ParticipantView | None
    ballot: dict[Key, float] | None
    douars: tuple[str, ...]
    card_unknown: bool = False


@dataclass(frozen=True)
class Receipt:
    ballot_id: int
    updated: bool  # True when an earlier ballot of this participant was replaced
    at: dt.datetime


@dataclass(frozen=True)
class Counter:
    status: str
    hide_results: bool
    phone: int
    paper: int

    @property
    def total(self) -> int:
        return self.phone + self.paper


@dataclass(frozen=True)
class RoundResults:
    round: RoundView
    overall: tuple[OptionResult, ...]
    turnout: Turnout
    groups: tuple[rules_.GroupResult, ...]

    @property
    def has_ballots(self) -> bool:
        return self.turnout.total > 0


@dataclass(frozen=True)
class PaperGroup:
    sex: str
    role: str
    ballots: int
    values: dict[Key, float]  # as entered: totals, or mean ratings for scoring


@dataclass(frozen=True)
class CardView:
    number: int
    token: str


def _round_view(r: VotingRound, commune_id: int) -> RoundView:
    return RoundView(
        r.id,
        r.plan_id,
        commune_id,
        r.title,
        r.method,
        r.option_kind,
        r.status,
        r.join_code,
        r.dots_per_participant,
        r.max_dots_per_option,
        r.points_total,
        r.hide_results,
        r.cards_only,
        r.opened_at,
        r.closed_at,
        tuple(
            OptionView(o.id, o.position, o.label, o.project_id, o.objective_id, o.final_rank, o.final_score)
            for o in r.options
        ),
        tuple(CriterionView(c.id, c.position, c.label, c.weight) for c in r.criteria),
    )


def _participant_view(p: Participant) -> ParticipantView:
    return ParticipantView(
        p.id,
        p.commune_id,
        p.token,
        p.card_number,
        p.role,
        p.sex,
        p.age_band,
        p.douar,
        p.language,
        p.profiled_at is not None,
    )


def _load_round(s: Session, round_id: int) -> tuple[VotingRound, int]:
    r = get_or_404(s, VotingRound, round_id, "Tour de vote")
    commune_id = s.scalar(select(Plan.commune_id).where(Plan.id == r.plan_id))
    assert commune_id is not None
    return r, commune_id


# --------------------------------------------------------------------------- rounds (facilitator)


def option_candidates(db: Database, plan_id: int, kind: str) -> list[tuple[int, str]]:
    """What can be put to the vote: the plan's projects (not rejected) or objectives, as (id, label)."""
    with db.read() as s:
        if kind == "project":
            q = (
                select(Project.id, Project.code, Project.title)
                .where(Project.plan_id == plan_id, Project.status != "rejected")
                .order_by(Project.code)
            )
        elif kind == "objective":
            q = (
                select(Objective.id, Objective.code, Objective.title)
                .join(Axis)
                .where(Axis.plan_id == plan_id)
                .order_by(Axis.position, Objective.position, Objective.code)
            )
        else:
            return []
        return [(i, f"{code} — {title}" if code else title) for i, code, title in s.execute(q)]


def list_rounds(db: Database, plan_id: int) -> list[RoundSummary]:
    with db.read() as s:
        n_options = select(func.count()).where(VotingOption.round_id == VotingRound.id).scalar_subquery()
        n_ballots = select(func.count()).where(Ballot.round_id == VotingRound.id).scalar_subquery()
        q = (
            select(VotingRound, n_options, n_ballots)
            .where(VotingRound.plan_id == plan_id)
            .order_by(VotingRound.created_at.desc(), VotingRound.id.desc())
        )
        return [
            RoundSummary(r.id, r.title, r.method, r.option_kind, r.status, r.join_code, no, nb)
            for r, no, nb in s.execute(q)
        ]


def get_round(db: Database, round_id: int) -> RoundView:
    with db.read() as s:
        return _round_view(*_load_round(s, round_id))


def _validate_round(values: Mapping[str, Any], candidates: Mapping[int, str]) -> dict[str, Any]:
    c = Collector()
    title = v.text(c, "Intitulé du tour", values.get("title"), required=True, max_len=300)
    kind = v.choice(c, "Sur quoi vote-t-on", values.get("option_kind") or "project", rules_.OPTION_KINDS)
    options: list[tuple[str, int | None]] = []
    if kind == "free":
        raw = values.get("free_options") or []
        lines = raw.splitlines() if isinstance(raw, str) else list(raw)
        seen: set[str] = set()
        for i, line in enumerate(lines, start=1):
            label = v.text(c, f"Option {i}", line, max_len=300)
            if label and label.lower() not in seen:
                seen.add(label.lower())
                options.append((label, None))
    elif kind in ("project", "objective"):
        what = "projet" if kind == "project" else "objectif"
        for ref in values.get("option_refs") or []:
            if ref not in candidates:
                c.add("Options", f"le {what} n° {ref} n'appartient pas à ce plan (ou a été écarté).")
            elif ref not in {r for _, r in options}:
                options.append((candidates[ref], ref))
    settings = rules_.check_settings(
        c,
        values.get("method"),
        len(options),
        values.get("dots_per_participant", 5),
        values.get("max_dots_per_option", 2),
        values.get("points_total", 100),
        values.get("criteria") or (),
    )
    c.raise_if_any()
    return {
        "title": title,
        "option_kind": kind,
        "options": options,
        **settings,
        "hide_results": bool(values.get("hide_results")),
        "cards_only": bool(values.get("cards_only")),
    }


def _fill(s: Session, r: VotingRound, data: Mapping[str, Any]) -> None:
    r.title = data["title"]
    r.method = data["method"]
    r.option_kind = data["option_kind"]
    r.dots_per_participant = data["dots_per_participant"]
    r.max_dots_per_option = data["max_dots_per_option"]
    r.points_total = data["points_total"]
    r.hide_results = data["hide_results"]
    r.cards_only = data["cards_only"]
    kind = data["option_kind"]
    r.options = [
        VotingOption(
            position=i,
            label=label,
            project_id=ref if kind == "project" else None,
            objective_id=ref if kind == "objective" else None,
        )
        for i, (label, ref) in enumerate(data["options"])
    ]
    r.criteria = [
        VotingCriterion(position=i, label=label, weight=w)
        for i, (label, w) in enumerate(data["criteria"] if data["method"] == "scoring" else [])
    ]


def _unique_code(s: Session) -> str:
    for _ in range(200):
        code = rules_.new_join_code()
        if s.scalar(select(VotingRound.id).where(VotingRound.join_code == code)) is None:
            return code
    raise DomainError("Impossible de trouver un code libre : supprimez d'anciens tours de vote.")


def create_round(db: Database, plan_id: int, values: Mapping[str, Any]) -> RoundView:
    """A new round in preparation, with its options, method settings and a fresh join code."""
    kind = values.get("option_kind") or "project"
    candidates = dict(option_candidates(db, plan_id, kind)) if kind in ("project", "objective") else {}
    data = _validate_round(values, candidates)
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        r = VotingRound(plan_id=plan.id, join_code=_unique_code(s), status="draft")
        _fill(s, r, data)
        s.add(r)
        s.flush()
        return _round_view(r, plan.commune_id)


def update_round(db: Database, round_id: int, values: Mapping[str, Any]) -> RoundView:
    """Change a round's options or method: only while it is in preparation and nobody has voted."""
    round_ = get_round(db, round_id)
    kind = values.get("option_kind") or "project"
    candidates = dict(option_candidates(db, round_.plan_id, kind)) if kind in ("project", "objective") else {}
    data = _validate_round(values, candidates)
    with db.write() as s:
        r, commune_id = _load_round(s, round_id)
        if r.status != "draft" or _has_ballots(s, r.id):
            raise DomainError(
                Problem(
                    "Options",
                    "le vote a déjà commencé : videz le tour (ou créez-en un "
                    "nouveau) pour changer ses options ou sa méthode.",
                )
            )
        _fill(s, r, data)
        s.flush()
        return _round_view(r, commune_id)


def set_display(db: Database, round_id: int, *, hide_results: bool, cards_only: bool) -> RoundView:
    """Hide results until the close (against herd voting) and the cards-only rule: changeable any time."""
    with db.write() as s:
        r, commune_id = _load_round(s, round_id)
        r.hide_results = bool(hide_results)
        r.cards_only = bool(cards_only)
        return _round_view(r, commune_id)


def open_round(db: Database, round_id: int) -> RoundView:
    """Open (or reopen after a close) the round: phones may vote or change their ballot again."""
    with db.write() as s:
        r, commune_id = _load_round(s, round_id)
        if r.status == "open":
            raise DomainError("Ce tour est déjà ouvert.")
        r.status = "open"
        r.opened_at = _now()
        r.closed_at = None
        return _round_view(r, commune_id)


def _has_ballots(s: Session, round_id: int) -> bool:
    return bool(
        s.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id))
    ) or bool(s.scalar(select(func.count()).select_from(PaperTally).where(PaperTally.round_id == round_id)))


def close_round(db: Database, round_id: int) -> RoundResults:
    """Close the round and write its ranking to the options and, for projects, to their priority.

    Objectives have no rank column of their own: their rank stays on the round's options
    (see `objective_priorities`).  A round closed without any ballot writes no ranking.
    """
    with db.write() as s:
        r, commune_id = _load_round(s, round_id)
        if r.status != "open":
            raise DomainError("Seul un tour ouvert peut être clos.")
        r.status = "closed"
        r.closed_at = _now()
        res = _results(s, r, commune_id)
        ranking = rules_.final_ranking(res.overall) if res.has_ballots else {}
        for o in r.options:
            o.final_rank, o.final_score = ranking.get(o.id, (None, None))
            if o.project_id is not None and ranking:
                project = s.get(Project, o.project_id)
                if project is not None:
                    project.vote_rank, project.vote_score = o.final_rank, o.final_score
        s.flush()
        return RoundResults(_round_view(r, commune_id), res.overall, res.turnout, res.groups)


def _confirm(r: VotingRound, confirmation: Any, what: str) -> None:
    if rules_.normalise_code(confirmation) != r.join_code:
        raise DomainError(Problem("Confirmation", f"tapez le code du tour ({r.join_code}) pour {what}."))


def clear_round(db: Database, round_id: int, confirmation: str) -> RoundView:
    """Delete every ballot (phone and paper) of the round; needs its join code typed as confirmation.

    A closed round goes back to preparation and the ranking it wrote on projects is removed.
    """
    with db.write() as s:
        r, commune_id = _load_round(s, round_id)
        _confirm(r, confirmation, "confirmer l'effacement des votes")
        ballot_ids = select(Ballot.id).where(Ballot.round_id == r.id)
        s.execute(delete(Vote).where(Vote.ballot_id.in_(ballot_ids)))
        s.execute(delete(Ballot).where(Ballot.round_id == r.id))
        s.execute(delete(PaperTally).where(PaperTally.round_id == r.id))
        if r.status == "closed":
            _forget_ranking(s, r)
            r.status = "draft"
            r.closed_at = None
        s.flush()
        s.expire(r)
        return _round_view(r, commune_id)


def _forget_ranking(s: Session, r: VotingRound) -> None:
    """Remove the ranking this round wrote; a project ranked since by another round keeps that rank."""
    for o in r.options:
        if o.project_id is not None and o.final_rank is not None:
            s.execute(
                update(Project)
                .where(Project.id == o.project_id, Project.vote_rank == o.final_rank)
                .values(vote_rank=None, vote_score=None)
            )
        o.final_rank = o.final_score = None


def delete_round(db: Database, round_id: int, confirmation: str) -> str:
    """Delete the round and its ballots; needs its join code typed as confirmation.  Returns the code."""
    with db.write() as s:
        r, _ = _load_round(s, round_id)
        _confirm(r, confirmation, "confirmer la suppression du tour")
        if r.status == "closed":
            _forget_ranking(s, r)
        s.execute(delete(Vote).where(Vote.ballot_id.in_(select(Ballot.id).where(Ballot.round_id == r.id))))
        s.execute(delete(Ballot).where(Ballot.round_id == r.id))
        s.execute(delete(PaperTally).where(PaperTally.round_id == r.id))
        code = r.join_code
        s.delete(r)
        return code


def objective_priorities(db: Database, plan_id: int) -> dict[int, tuple[int | None, float | None]]:
    """Objectives' rank and score from the latest closed round on objectives (they have no column)."""
    with db.read() as s:
        r = s.scalar(
            select(VotingRound)
            .where(
                VotingRound.plan_id == plan_id,
                VotingRound.option_kind == "objective",
                VotingRound.status == "closed",
            )
            .order_by(VotingRound.closed_at.desc(), VotingRound.id.desc())
            .limit(1)
        )
        if r is None:
            return {}
        return {
            o.objective_id: (o.final_rank, o.final_score) for o in r.options if o.objective_id is not None
        }


# --------------------------------------------------------------------------- live counter and results


def counter(db: Database, round_id: int) -> Counter:
    """The projected counter: two small queries, cheap enough to run every second."""
    with db.read() as s:
        row = s.execute(
            select(VotingRound.status, VotingRound.hide_results).where(VotingRound.id == round_id)
        ).first()
        if row is None:
            raise NotFound("Tour de vote introuvable (peut-être supprimé entre-temps).")
        phone = s.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id)) or 0
        groups = (
            select(func.max(PaperTally.ballots).label("n"))
            .where(PaperTally.round_id == round_id)
            .group_by(PaperTally.sex, PaperTally.role)
            .subquery()
        )
        paper = s.scalar(select(func.coalesce(func.sum(groups.c.n), 0))) or 0
        return Counter(row.status, bool(row.hide_results), int(phone), int(paper))


def _results(s: Session, r: VotingRound, commune_id: int) -> RoundResults:
    view = _round_view(r, commune_id)
    phone = [
        PhoneVote(b, sex or "", role or "", o, c, val)
        for b, sex, role, o, c, val in s.execute(
            select(
                Ballot.id, Participant.sex, Participant.role, Vote.option_id, Vote.criterion_id, Vote.value
            )
            .join(Vote, Vote.ballot_id == Ballot.id)
            .join(Participant, Participant.id == Ballot.participant_id)
            .where(Ballot.round_id == r.id)
        )
    ]
    voters = [
        (sex or "", role or "")
        for sex, role in s.execute(
            select(Participant.sex, Participant.role)
            .join(Ballot, Ballot.participant_id == Participant.id)
            .where(Ballot.round_id == r.id)
        )
    ]
    paper = _paper_lines(s, r.id)
    rules = view.rules
    overall = rules_.count(rules, phone, paper)
    t = rules_.turnout(voters, paper)
    groups = rules_.splits(rules, phone, paper, t, overall)
    return RoundResults(view, tuple(overall), t, tuple(groups))


def _paper_lines(s: Session, round_id: int) -> list[PaperLine]:
    return [
        PaperLine(p.sex, p.role, p.option_id, p.criterion_id, p.value, p.ballots)
        for p in s.scalars(select(PaperTally).where(PaperTally.round_id == round_id))
    ]


def results(db: Database, round_id: int) -> RoundResults:
    """Ranking of the whole room, the same by sex and by role, and turnout: phone and paper merged."""
    with db.read() as s:
        return _results(s, *_load_round(s, round_id))


# --------------------------------------------------------------------------- paper ballots


def save_paper_tally(
    db: Database, round_id: int, sex: str, role: str, ballots: Any, values: Mapping[Key, Any]
) -> PaperGroup:
    """Enter (or correct) one group's paper tally; it replaces what was entered for that sex and role."""
    round_ = get_round(db, round_id)
    lines = rules_.clean_paper(round_.rules, sex, role, ballots, values, round_.labels)
    with db.write() as s:
        r, _ = _load_round(s, round_id)
        if r.status == "closed":
            raise DomainError("Ce tour est clos : rouvrez-le pour ajouter des bulletins papier.")
        g_sex, g_role = lines[0].sex, lines[0].role
        s.execute(
            delete(PaperTally).where(
                PaperTally.round_id == r.id, PaperTally.sex == g_sex, PaperTally.role == g_role
            )
        )
        s.add_all(
            PaperTally(
                round_id=r.id,
                option_id=ln.option_id,
                criterion_id=ln.criterion_id,
                sex=ln.sex,
                role=ln.role,
                value=ln.value,
                ballots=ln.ballots,
            )
            for ln in lines
        )
    return _group(lines)


def _group(lines: Sequence[PaperLine]) -> PaperGroup:
    n = max(ln.ballots for ln in lines)
    vals = {
        (ln.option_id, ln.criterion_id): (ln.value / ln.ballots if ln.criterion_id is not None else ln.value)
        for ln in lines
    }
    return PaperGroup(lines[0].sex, lines[0].role, n, vals)


def paper_groups(db: Database, round_id: int) -> list[PaperGroup]:
    with db.read() as s:
        lines = _paper_lines(s, round_id)
    by: dict[tuple[str, str], list[PaperLine]] = {}
    for ln in lines:
        by.setdefault((ln.sex, ln.role), []).append(ln)
    return [_group(g) for _, g in sorted(by.items())]


def delete_paper_group(db: Database, round_id: int, sex: str, role: str) -> int:
    """Remove one group's paper tally; returns how many lines went."""
    with db.write() as s:
        r, _ = _load_round(s, round_id)
        if r.status == "closed":
            raise DomainError("Ce tour est clos : rouvrez-le pour corriger les bulletins papier.")
        gone = s.execute(
            delete(PaperTally).where(
                PaperTally.round_id == r.id, PaperTally.sex == (sex or ""), PaperTally.role == (role or "")
            )
        )
        return int(gone.rowcount or 0)


# --------------------------------------------------------------------------- participants (phone page)


def _round_by_code(s: Session, code: str) -> VotingRound | None:
    c = rules_.normalise_code(code)
    if not c:
        return None
    return s.scalar(select(VotingRound).where(VotingRound.join_code == c))


def round_status(db: Database, code: str) -> str | None:
    """The status of the round of `code` (None when no round has it): one small query, polled by
    the phones that wait for the opening."""
    c = rules_.normalise_code(code)
    if not c:
        return None
    with db.read() as s:
        return s.scalar(select(VotingRound.status).where(VotingRound.join_code == c))


def voter_state(
    db: Database, code: str, token: str | None = None, card: str | None = None
) -> VoterState | None:
    """The round of `code` (None when no round has it), the participant of `token` or `card` in the
    round's commune, and their ballot.  An unknown token is simply forgotten (a new participant)."""
    with db.read() as s:
        r = _round_by_code(s, code)
        if r is None:
            return None
        commune_id = s.scalar(select(Plan.commune_id).where(Plan.id == r.plan_id))
        assert commune_id is not None
        view = _round_view(r, commune_id)
        douars = tuple(
            s.scalars(select(Douar.name).where(Douar.commune_id == commune_id).order_by(Douar.name))
        )
        p = None
        card_unknown = False
        for tok, is_card in ((card, True), (token, False)):
            if not tok:
                continue
            p = s.scalar(
                select(Participant).where(Participant.token == tok, Participant.commune_id == commune_id)
            )
            if p is not None:
                break
            card_unknown = card_unknown or is_card
        ballot = None
        if p is not None:
            b = s.scalar(select(Ballot).where(Ballot.round_id == r.id, Ballot.participant_id == p.id))
            if b is not None:
                ballot = {(x.option_id, x.criterion_id): x.value for x in b.votes}
        return VoterState(
            view, _participant_view(p) if p else None, ballot, douars, card_unknown and p is None
        )


def _validate_profile(values: Mapping[str, Any], douars: Iterable[str]) -> dict[str, Any]:
    c = Collector()
    out = {
        "role": v.choice(c, "Rôle", values.get("role"), vocab.ROLES),
        "sex": v.choice(c, "Sexe", values.get("sex") or "", ("", *vocab.SEXES), required=False) or "",
        "age_band": v.choice(
            c, "Tranche d'âge", values.get("age_band") or "", ("", *vocab.AGE_BANDS), required=False
        )
        or "",
        "douar": v.text(c, "Douar", values.get("douar"), max_len=200),
        "language": v.choice(c, "Langue", values.get("language") or "fr", ("fr", "ar")),
    }
    known = list(douars)
    if out["douar"] and known and out["douar"] not in known:
        c.add("Douar", f"« {out['douar']} » n'est pas un douar de la commune.")
    c.raise_if_any()
    return out


def save_profile(
    db: Database, round_id: int, token: str | None, values: Mapping[str, Any]
) -> ParticipantView:
    """Give (or correct) the profile; without a token this creates the anonymous participant."""
    with db.read() as s:
        r, commune_id = _load_round(s, round_id)
        cards_only = r.cards_only
        douars = list(s.scalars(select(Douar.name).where(Douar.commune_id == commune_id)))
    data = _validate_profile(values, douars)
    with db.write() as s:
        p = None
        if token:
            p = s.scalar(
                select(Participant).where(Participant.token == token, Participant.commune_id == commune_id)
            )
        if p is None:
            if cards_only:
                raise CardRequired(
                    "Ce vote se fait avec les cartes imprimées : scannez le code QR de votre carte."
                )
            p = Participant(commune_id=commune_id, token=rules_.new_token())
            s.add(p)
        for k, value in data.items():
            setattr(p, k, value)
        p.profiled_at = _now()
        s.flush()
        return _participant_view(p)


def submit_ballot(
    db: Database, round_id: int, token: str, values: Mapping[Key, Any], language: str | None = None
) -> Receipt:
    """Record a participant's ballot, or replace their earlier one (never a second ballot).

    On SQLite the write transaction is serialised (BEGIN IMMEDIATE); on PostgreSQL two
    simultaneous first ballots of one participant meet the unique constraint, and the loser
    retries as an update.
    """
    status, rules, labels = _ballot_rules(db, round_id)
    if status != "open":
        raise RoundNotOpen("Ce vote n'est pas ouvert : les bulletins ne sont plus acceptés.")
    cleaned = rules_.clean_ballot(rules, values, labels)
    for attempt in range(3):
        try:
            return _write_ballot(db, round_id, token, cleaned, language)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _ballot_rules(db: Database, round_id: int) -> tuple[str, Rules, dict[int, str]]:
    """What a ballot is checked against, in one short read (the hot path of a busy room)."""
    with db.read() as s:
        conn = s.connection()
        r = conn.execute(
            select(
                VotingRound.status,
                VotingRound.method,
                VotingRound.dots_per_participant,
                VotingRound.max_dots_per_option,
                VotingRound.points_total,
            ).where(VotingRound.id == round_id)
        ).first()
        if r is None:
            raise NotFound("Tour de vote introuvable (peut-être supprimé entre-temps).")
        options = conn.execute(
            select(VotingOption.id, VotingOption.label)
            .where(VotingOption.round_id == round_id)
            .order_by(VotingOption.position, VotingOption.id)
        ).all()
        criteria = conn.execute(
            select(VotingCriterion.id, VotingCriterion.weight)
            .where(VotingCriterion.round_id == round_id)
            .order_by(VotingCriterion.position, VotingCriterion.id)
        ).all()
    rules = Rules(
        r.method,
        tuple(o.id for o in options),
        tuple((c.id, c.weight) for c in criteria),
        r.dots_per_participant,
        r.max_dots_per_option,
        r.points_total,
    )
    return r.status, rules, {o.id: o.label for o in options}


# All the participants' pages run in the one Streamlit process: taking turns on a lock there lets
# each ballot write as soon as the previous one commits, where SQLite's busy handler would make
# waiting writers sleep (up to 100 ms a time).  Other processes still queue on BEGIN IMMEDIATE.
_SQLITE_BALLOTS = threading.Lock()


def _write_ballot(
    db: Database, round_id: int, token: str, cleaned: Mapping[Key, float], language: str | None
) -> Receipt:
    turn = _SQLITE_BALLOTS if db.is_sqlite else contextlib.nullcontext()
    with turn, db.write() as s:
        conn = s.connection()  # Core statements only: the ORM's bookkeeping would double the time
        row = conn.execute(
            select(
                VotingRound.status,
                VotingRound.cards_only,
                Participant.id,
                Participant.card_number,
                Participant.language,
            )
            .join(Plan, Plan.id == VotingRound.plan_id)
            .outerjoin(
                Participant, (Participant.commune_id == Plan.commune_id) & (Participant.token == token)
            )
            .where(VotingRound.id == round_id)
        ).first()
        if row is None:
            raise NotFound("Tour de vote introuvable (peut-être supprimé entre-temps).")
        status, cards_only, participant_id, card_number, current_language = row
        if status != "open":  # closed between the page load and the tap
            raise RoundNotOpen("Ce vote vient d'être clos : votre bulletin n'a pas été pris en compte.")
        if participant_id is None:
            raise NotFound("Participant inconnu : rechargez la page et indiquez votre profil.")
        if cards_only and card_number is None:
            raise CardRequired(
                "Ce vote se fait avec les cartes imprimées : scannez le code QR de votre carte."
            )
        if not db.is_sqlite:
            # Two taps of one participant take turns here (row lock), so the second replaces the
            # first's votes instead of adding to them.  SQLite's writers already take turns.
            conn.execute(select(Participant.id).where(Participant.id == participant_id).with_for_update())
        if language in ("fr", "ar") and language != current_language:
            conn.execute(
                update(Participant).where(Participant.id == participant_id).values(language=language)
            )
        now = _now()
        ballot_id = conn.scalar(
            select(Ballot.id).where(Ballot.round_id == round_id, Ballot.participant_id == participant_id)
        )
        updated = ballot_id is not None
        if ballot_id is None:
            # the unique constraint speaks here if another request of this participant won the race
            ballot_id = conn.execute(
                insert(Ballot).values(
                    round_id=round_id, participant_id=participant_id, submitted_at=now, updated_at=now
                )
            ).inserted_primary_key[0]
        else:
            conn.execute(delete(Vote).where(Vote.ballot_id == ballot_id))
            conn.execute(update(Ballot).where(Ballot.id == ballot_id).values(updated_at=now))
        conn.execute(
            insert(Vote),
            [
                {"ballot_id": ballot_id, "option_id": o, "criterion_id": c, "value": val}
                for (o, c), val in cleaned.items()
            ],
        )
        return Receipt(int(ballot_id), updated, now)


# --------------------------------------------------------------------------- printed cards


def create_cards(db: Database, round_id: int, n: Any) -> list[CardView]:
    """N new participant identities with a card number each (numbering goes on in the commune)."""
    c = Collector()
    count = v.integer(c, "Nombre de cartes", n, required=True, minimum=1, maximum=MAX_CARDS)
    c.raise_if_any()
    assert count is not None
    with db.write() as s:
        _, commune_id = _load_round(s, round_id)
        last = (
            s.scalar(select(func.max(Participant.card_number)).where(Participant.commune_id == commune_id))
            or 0
        )
        people = [
            Participant(commune_id=commune_id, token=rules_.new_token(), card_number=last + i + 1)
            for i in range(count)
        ]
        s.add_all(people)
        return [CardView(p.card_number or 0, p.token) for p in people]


def cards_pdf(db: Database, round_id: int, n: Any, base_url: str) -> bytes:
    """Create N participant cards and lay them out for printing (QR code and join code on each)."""
    from pac.exports.cards_pdf import Card
    from pac.exports.cards_pdf import cards_pdf as render

    round_ = get_round(db, round_id)
    cards = create_cards(db, round_id, n)
    with db.read() as s:
        commune = s.get(Commune, round_.commune_id)
        commune_fr, commune_ar = (commune.name_fr, commune.name_ar) if commune else ("", "")
    return render(
        [Card(c.number, voter_url(base_url, round_.join_code, card=c.token)) for c in cards],
        join_code=round_.join_code,
        address=f"{base_url.rstrip('/')}/voter",
        round_title=round_.title,
        commune_fr=commune_fr,
        commune_ar=commune_ar,
    )


# --------------------------------------------------------------------------- the address phones use

# Destinations used only to ask the system which local address would route there: connecting a
# UDP socket sends no packet.  The first one follows a default route; the others are the
# subnets of common hotspots (Windows, Android, iPhone, home routers) for a laptop with no
# internet and so no default route.
_ROUTE_PROBES = (
    "10.254.254.254",
    "192.168.137.2",
    "192.168.43.2",
    "172.20.10.2",
    "192.168.1.2",
    "192.168.0.2",
)


def lan_addresses() -> list[str]:
    """The laptop's LAN IPv4 addresses that phones on its network can reach (127.0.0.1 if none)."""
    found: list[str] = []
    for probe in _ROUTE_PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                addr = sock.getsockname()[0]
        except OSError:
            continue
        if addr and not addr.startswith("127.") and addr != "0.0.0.0" and addr not in found:
            found.append(addr)
    return found or ["127.0.0.1"]


def public_base_url(db: Database, port: int | None) -> str:
    """`http://<LAN address>:<port>`, unless PAC_PUBLIC_URL or the setting says otherwise."""
    env = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if env:
        return env.rstrip("/")
    with db.read() as s:
        setting = s.get(Setting, PUBLIC_URL_SETTING)
        if setting is not None and setting.value.strip():
            return setting.value.strip().rstrip("/")
    return f"http://{lan_addresses()[0]}:{port or 8501}"


def set_public_base_url(db: Database, value: str) -> str:
    """Fix the address shown in QR codes (empty: detect it again)."""
    c = Collector()
    url = v.text(c, "Adresse publique", value, max_len=200).rstrip("/")
    if url and not (url.startswith("http://") or url.startswith("https://")):
        c.add(
            "Adresse publique",
            "l'adresse doit commencer par http:// (par exemple http://192.168.137.1:8501).",
        )
    if any(ch.isspace() for ch in url):
        c.add("Adresse publique", "l'adresse ne doit pas contenir d'espace.")
    c.raise_if_any()
    with db.write() as s:
        setting = s.get(Setting, PUBLIC_URL_SETTING)
        if setting is None:
            s.add(Setting(key=PUBLIC_URL_SETTING, value=url))
        else:
            setting.value = url
    return url


def voter_url(base_url: str, code: str, card: str | None = None) -> str:
    url = f"{base_url.rstrip('/')}/voter?code={code}"
    return f"{url}&card={card}" if card else url
