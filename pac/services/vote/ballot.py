"""The participant's hot path (page « Voter »): find the round of a join code, poll its status, load
the voter's state, give a profile, submit a ballot.

Ballots are unique per round and participant (database constraint); submitting again updates the
ballot, so a double tap, a refresh or a retry after a lost connection can never count a ballot
twice.  Kept lean (no import of the facilitator's `rounds` nor of the exports) because a full room
of phones calls it at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import validate as v
from pac.domain import vocab
from pac.domain import vote as rules_
from pac.domain.errors import Collector, NotFound
from pac.domain.vote import Key, Rules
from pac.models import Ballot, Douar, Participant, Plan, Vote, VotingCriterion, VotingOption, VotingRound
from pac.services.vote.views import (
    CardRequired,
    ParticipantView,
    Receipt,
    RoundNotOpen,
    VoterState,
    load_round,
    participant_view,
    round_view,
    utcnow,
)


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
        view = round_view(r, commune_id)
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
            view, participant_view(p) if p else None, ballot, douars, card_unknown and p is None
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
        r, commune_id = load_round(s, round_id)
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
        p.profiled_at = utcnow()
        s.flush()
        return participant_view(p)


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
        now = utcnow()
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
