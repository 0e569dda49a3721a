"""What the vote services return: plain dataclasses, the errors of a ballot, and how a round's or a
participant's rows become those views (shared by the facilitator's and the participant's side)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pac.domain import vote as rules_
from pac.domain.errors import DomainError
from pac.domain.vote import Key, OptionResult, Rules, Turnout
from pac.i18n import t
from pac.models import Participant, Plan, VotingRound
from pac.services.common import get_or_404


class RoundNotOpen(DomainError):
    """A ballot arrived for a round that is not (or no longer) open."""


class CardRequired(DomainError):
    """The round accepts printed participant cards only."""


class PhoneFull(DomainError):
    """This shared phone already carries as many participants as the round allows."""

    def __init__(self, used: int, limit: int, lang: str = "fr") -> None:
        self.used, self.limit = used, limit
        super().__init__(t("voter.phone_full", lang, n=used, max=limit))


def utcnow() -> dt.datetime:
    """Naive UTC, as the columns store it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class OptionView:
    id: int
    position: int
    label: str  # French version (either may be empty, not both)
    project_id: int | None
    objective_id: int | None
    final_rank: int | None
    final_score: float | None
    label_ar: str = ""


@dataclass(frozen=True)
class CriterionView:
    id: int
    position: int
    label: str
    weight: float
    label_ar: str = ""


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
    max_per_phone: int = 3
    title_ar: str = ""

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
        """Each option's label in French (else Arabic): for logs and French messages."""
        return self.labels_in("fr")

    def labels_in(self, lang: str) -> dict[int, str]:
        """Each option's label as a reader of `lang` sees it (the other version marked when alone)."""
        return {o.id: rules_.bi_text(o, "label", lang) for o in self.options}

    def title_in(self, lang: str) -> str:
        return rules_.bi_text(self, "title", lang)

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
    title_ar: str = ""


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
    douars: tuple[tuple[str, str], ...]  # (name, Arabic name or ""), by name: the name is what is stored
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


# --------------------------------------------------------------------------- rows to views


def round_view(r: VotingRound, commune_id: int) -> RoundView:
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
            OptionView(
                o.id,
                o.position,
                o.label,
                o.project_id,
                o.objective_id,
                o.final_rank,
                o.final_score,
                o.label_ar or "",
            )
            for o in r.options
        ),
        tuple(CriterionView(c.id, c.position, c.label, c.weight, c.label_ar or "") for c in r.criteria),
        max_per_phone=r.max_per_phone,
        title_ar=r.title_ar or "",
    )


def participant_view(p: Participant) -> ParticipantView:
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


def load_round(s: Session, round_id: int) -> tuple[VotingRound, int]:
    """The round (or NotFound) and its commune's id, inside the caller's transaction."""
    r = get_or_404(s, VotingRound, round_id, t("vote.f.round", "fr"))
    commune_id = s.scalar(select(Plan.commune_id).where(Plan.id == r.plan_id))
    assert commune_id is not None
    return r, commune_id
