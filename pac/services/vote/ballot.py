"""The participant's hot path (page « Voter »): find the round of a join code, poll its status, load
the voter's state, give a profile, submit a ballot.

Ballots are unique per round and participant (database constraint); submitting again updates the
ballot, so a double tap, a refresh or a retry after a lost connection can never count a ballot
twice.  Kept lean (no import of the facilitator's `rounds` nor of the exports) because a full room
of phones calls it at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import validate as v
from pac.domain import vocab
from pac.domain import vote as rules_
from pac.domain.errors import Collector, NotFound
from pac.domain.vote import Key, Rules, raise_in
from pac.i18n import t
from pac.models import (
    Ballot,
    BallotReceipt,
    Douar,
    Participant,
    Plan,
    Vote,
    VotingCriterion,
    VotingOption,
    VotingRound,
)
from pac.services.vote.views import (
    CardRequired,
    ParticipantView,
    PhoneFull,
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


def round_id_for(db: Database, code: str) -> int | None:
    """The id of the round of `code` (None when no round has it): one small query on the hot path, then
    remembered (forgotten when a write finds the round gone or closed)."""
    c = rules_.normalise_code(code)
    if not c:
        return None
    got = _ROUND_IDS.get((db.url, c))
    if got is not None:
        return got
    with db.read() as s:
        got = s.scalar(select(VotingRound.id).where(VotingRound.join_code == c))
    if got is not None:
        if len(_ROUND_IDS) >= _CACHE_MAX:
            _ROUND_IDS.clear()
        _ROUND_IDS[(db.url, c)] = got
    return got


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
            (name, name_ar or "")
            for name, name_ar in s.execute(
                select(Douar.name, Douar.name_ar).where(Douar.commune_id == commune_id).order_by(Douar.name)
            )
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
    lang = values.get("language") if values.get("language") in ("fr", "ar") else "fr"

    def f(key: str) -> str:
        return t(f"vote.f.{key}", lang)

    c = Collector()
    out = {
        "role": v.choice(c, f("role"), values.get("role"), vocab.ROLES),
        "sex": v.choice(c, f("sex"), values.get("sex") or "", ("", *vocab.SEXES), required=False) or "",
        "age_band": v.choice(
            c, f("age_band"), values.get("age_band") or "", ("", *vocab.AGE_BANDS), required=False
        )
        or "",
        "douar": v.text(c, f("douar"), values.get("douar"), max_len=200),
        "language": v.choice(c, f("language"), values.get("language") or "fr", ("fr", "ar")),
    }
    known = list(douars)
    if out["douar"] and known and out["douar"] not in known:
        c.problems.append(
            rules_.Said(f("douar"), t("vote.err.unknown_douar", lang, douar=out["douar"]), lang=lang)
        )
    raise_in(c, lang)
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
                raise CardRequired(t("voter.card_required", data["language"]))
            p = Participant(commune_id=commune_id, token=rules_.new_token())
            s.add(p)
        for k, value in data.items():
            setattr(p, k, value)
        p.profiled_at = utcnow()
        s.flush()
        return participant_view(p)


KEY_MAX = 64  # an idempotency key: made on the phone (or in the page without JavaScript)


def valid_key(key: str | None) -> str | None:
    """The key if it is one the phone could have made (letters, digits, - and _), else None."""
    if not key or len(key) > KEY_MAX or len(key) < 8:
        return None
    return key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else None


def find_receipt(db: Database, key: str | None) -> Receipt | None:
    """The receipt already given for this submission (the phone resubmits after a lost answer)."""
    if not key:
        return None
    with db.read() as s:
        row = (
            s.connection()
            .execute(
                select(BallotReceipt.ballot_id, BallotReceipt.updated, BallotReceipt.at).where(
                    BallotReceipt.key == key
                )
            )
            .first()
        )
    return Receipt(int(row.ballot_id), bool(row.updated), row.at) if row else None


def submit_ballot(
    db: Database,
    round_id: int,
    token: str,
    values: Mapping[Key, Any],
    language: str | None = None,
    *,
    key: str | None = None,
    phone: str | None = None,
) -> Receipt:
    """Record a participant's ballot, or replace their earlier one (never a second ballot).

    `key` makes the submission exactly-once: the same key again (a retry after a timeout, a reload,
    a server restart) returns the first receipt, even once the round is closed, and writes nothing.
    `phone` names the phone that sends it: one phone carries at most the round's `max_per_phone`
    participants.

    On SQLite the write transaction is serialised (BEGIN IMMEDIATE); on PostgreSQL two
    simultaneous first ballots of one participant meet the unique constraint, and the loser
    retries as an update (and two requests with one key meet the receipts' primary key).
    """
    key = valid_key(key)
    lang = language if language in ("fr", "ar") else "fr"  # the language of the refusals too
    for attempt in range(4):
        got = _open_rules(db, round_id)
        if got is None:
            done = find_receipt(db, key)  # sent before the closing, its answer lost: the same receipt
            if done is not None:
                return done
            raise RoundNotOpen(t("vote.err.not_open", lang))
        cleaned = rules_.clean_ballot(got.rules, values, got.labels[lang], lang)
        try:
            return _write_ballot(db, round_id, token, cleaned, language, key, phone, got.opened_at)
        except _RulesChanged:
            _forget_round(round_id)  # reopened (maybe edited) since they were read: check against the new
        except (RoundNotOpen, NotFound):
            _forget_round(round_id)
            raise
        except IntegrityError:
            done = find_receipt(db, key)
            if done is not None:
                return done
            _forget_round(round_id)  # e.g. an option gone under a round replaced by an import: read again
            if attempt == 3:
                raise
    raise AssertionError("unreachable")


class _RulesChanged(Exception):
    """The round was reopened since its rules were read: the ballot is checked again."""


@dataclass(frozen=True)
class _OpenRules:
    opened_at: dt.datetime | None
    rules: Rules
    labels: dict[str, dict[int, str]]  # language -> option id -> its label as that reader sees it


# The rules of each open round, read once per opening and kept for the room's hundreds of ballots.
# They cannot change while the round is open (`rounds.update_round` needs a draft, and a round gets
# back to a draft only through a clear and a new opening), and every write checks in its own
# transaction that the round is still open and still the same opening (`opened_at`): a reopened
# round, or one edited by another process, is read again, never checked against stale rules.
_OPEN_RULES: dict[tuple[str, int], _OpenRules] = {}
_ROUND_IDS: dict[
    tuple[str, str], int
] = {}  # join code → round id (a code is never reused while its round lives)
_CACHE_MAX = 256


def _forget_round(round_id: int) -> None:
    for k in [k for k in _OPEN_RULES if k[1] == round_id]:
        _OPEN_RULES.pop(k, None)
    for k in [k for k, rid in _ROUND_IDS.items() if rid == round_id]:
        _ROUND_IDS.pop(k, None)


def _open_rules(db: Database, round_id: int) -> _OpenRules | None:
    """The rules of the round if it is open (None when it is not), from the cache when it has them."""
    cache_key = (db.url, round_id)
    got = _OPEN_RULES.get(cache_key)
    if got is not None:
        return got
    status, opened_at, rules, labels = _ballot_rules(db, round_id)
    if status != "open":
        return None
    if len(_OPEN_RULES) >= _CACHE_MAX:
        _OPEN_RULES.clear()
    got = _OPEN_RULES[cache_key] = _OpenRules(opened_at, rules, labels)
    return got


def _ballot_rules(
    db: Database, round_id: int
) -> tuple[str, dt.datetime | None, Rules, dict[str, dict[int, str]]]:
    """What a ballot is checked against, in one short read."""
    with db.read() as s:
        conn = s.connection()
        r = conn.execute(
            select(
                VotingRound.status,
                VotingRound.opened_at,
                VotingRound.method,
                VotingRound.dots_per_participant,
                VotingRound.max_dots_per_option,
                VotingRound.points_total,
            ).where(VotingRound.id == round_id)
        ).first()
        if r is None:
            raise NotFound(t("vote.err.round_gone", "fr"))
        options = conn.execute(
            select(VotingOption.id, VotingOption.label, VotingOption.label_ar)
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
    # read once per opening: the names a refusal gives the options, in each language
    labels = {
        lang: {
            o.id: rules_.bi_text({"label": o.label, "label_ar": o.label_ar}, "label", lang) for o in options
        }
        for lang in ("fr", "ar")
    }
    return r.status, r.opened_at, rules, labels


# All the participants' pages run in the one Streamlit process: taking turns on a lock there lets
# each ballot write as soon as the previous one commits, where SQLite's busy handler would make
# waiting writers sleep (up to 100 ms a time).  Other processes still queue on BEGIN IMMEDIATE.
_SQLITE_BALLOTS = threading.Lock()

# The write's statements, built once: building a Core statement costs more than running it on
# SQLite (operator overloads, coercions), and a full room runs these hundreds of times a second.
_P = bindparam
_Q_RECEIPT = select(BallotReceipt.ballot_id, BallotReceipt.updated, BallotReceipt.at).where(
    BallotReceipt.key == _P("key")
)
_Q_ROUND = (
    select(
        VotingRound.status,
        VotingRound.opened_at,
        VotingRound.cards_only,
        VotingRound.max_per_phone,
        Participant.id,
        Participant.card_number,
        Participant.language,
    )
    .join(Plan, Plan.id == VotingRound.plan_id)
    .outerjoin(Participant, (Participant.commune_id == Plan.commune_id) & (Participant.token == _P("token")))
    .where(VotingRound.id == _P("round_id"))
)
_Q_LOCK_PARTICIPANT = select(Participant.id).where(Participant.id == _P("pid")).with_for_update()
_Q_SET_LANGUAGE = update(Participant).where(Participant.id == _P("pid")).values(language=_P("language"))
_Q_BALLOT = select(Ballot.id).where(Ballot.round_id == _P("round_id"), Ballot.participant_id == _P("pid"))
_Q_PHONE_USES = (
    select(func.count())
    .select_from(Ballot)
    .where(Ballot.round_id == _P("round_id"), Ballot.phone == _P("phone"))
)
_Q_NEW_BALLOT = insert(Ballot).values(
    round_id=_P("round_id"),
    participant_id=_P("pid"),
    submitted_at=_P("now"),
    updated_at=_P("now"),
    phone=_P("phone"),
)
_Q_CLEAR_VOTES = delete(Vote).where(Vote.ballot_id == _P("bid"))
_Q_TOUCH_BALLOT = update(Ballot).where(Ballot.id == _P("bid")).values(updated_at=_P("now"))
_Q_VOTES = insert(Vote)
_Q_NEW_RECEIPT = insert(BallotReceipt).values(
    key=_P("key"), round_id=_P("round_id"), ballot_id=_P("bid"), updated=_P("updated"), at=_P("now")
)
_WRITE_ENGINES: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()


def _write_engine(db: Database) -> Engine:
    """The engine's write flavour (BEGIN IMMEDIATE on SQLite), made once: no ORM session on the hot path."""
    got = _WRITE_ENGINES.get(db.engine)
    if got is None:
        got = _WRITE_ENGINES[db.engine] = db.engine.execution_options(pac_write=True)
    return got


def _write_ballot(
    db: Database,
    round_id: int,
    token: str,
    cleaned: Mapping[Key, float],
    language: str | None,
    key: str | None = None,
    phone: str | None = None,
    opened_at: dt.datetime | None = None,
) -> Receipt:
    lang = language if language in ("fr", "ar") else "fr"
    turn = _SQLITE_BALLOTS if db.is_sqlite else contextlib.nullcontext()
    with turn, _write_engine(db).begin() as conn:  # Core only: the ORM's bookkeeping would double the time
        if key:  # a retry that raced its first attempt, which committed meanwhile
            row = conn.execute(_Q_RECEIPT, {"key": key}).first()
            if row is not None:
                return Receipt(int(row.ballot_id), bool(row.updated), row.at)
        row = conn.execute(_Q_ROUND, {"token": token, "round_id": round_id}).first()
        if row is None:
            raise NotFound(t("vote.err.round_gone", lang))
        status, opened, cards_only, max_per_phone, participant_id, card_number, current_language = row
        if status != "open":  # closed between the page load and the tap
            raise RoundNotOpen(t("voter.closed_meanwhile", lang))
        if opened != opened_at:
            raise _RulesChanged()
        if participant_id is None:
            raise NotFound(t("vote.err.unknown_participant", lang))
        if cards_only and card_number is None:
            raise CardRequired(t("voter.card_required", lang))
        if not db.is_sqlite:
            # Two taps of one participant take turns here (row lock), so the second replaces the
            # first's votes instead of adding to them.  SQLite's writers already take turns.
            conn.execute(_Q_LOCK_PARTICIPANT, {"pid": participant_id})
        if language in ("fr", "ar") and language != current_language:
            conn.execute(_Q_SET_LANGUAGE, {"pid": participant_id, "language": language})
        now = utcnow()
        ballot_id = conn.scalar(_Q_BALLOT, {"round_id": round_id, "pid": participant_id})
        updated = ballot_id is not None
        if ballot_id is None:
            if phone and card_number is None:
                # A shared phone is welcome, up to the round's bound; printed cards are not counted here.
                others = conn.scalar(_Q_PHONE_USES, {"round_id": round_id, "phone": phone}) or 0
                if others >= max_per_phone:
                    raise PhoneFull(others, max_per_phone, lang)
            # the unique constraint speaks here if another request of this participant won the race
            ballot_id = conn.execute(
                _Q_NEW_BALLOT, {"round_id": round_id, "pid": participant_id, "now": now, "phone": phone}
            ).inserted_primary_key[0]
        else:
            conn.execute(_Q_CLEAR_VOTES, {"bid": ballot_id})
            conn.execute(_Q_TOUCH_BALLOT, {"bid": ballot_id, "now": now})
        conn.execute(
            _Q_VOTES,
            [
                {"ballot_id": ballot_id, "option_id": o, "criterion_id": c, "value": val}
                for (o, c), val in cleaned.items()
            ],
        )
        if key:
            conn.execute(
                _Q_NEW_RECEIPT,
                {"key": key, "round_id": round_id, "bid": ballot_id, "updated": updated, "now": now},
            )
        return Receipt(int(ballot_id), updated, now)


def registered_attendance(db: Database, round_id: int) -> int | None:
    """How many people the workshop of the round's plan registered (its attendance sheet, women and
    men of every role), for the wall's turnout; None when no attendance was recorded.  When the plan
    has several workshops, the largest sheet: the room the vote happens in is the plenary one."""
    from pac.models import Attendance, Workshop

    with db.read() as s:
        plan_id = s.scalar(select(VotingRound.plan_id).where(VotingRound.id == round_id))
        if plan_id is None:
            return None
        per_workshop = (
            select(func.sum(Attendance.women + Attendance.men).label("n"))
            .join(Workshop, Workshop.id == Attendance.workshop_id)
            .where(Workshop.plan_id == plan_id)
            .group_by(Workshop.id)
            .subquery()
        )
        n = s.scalar(select(func.max(per_workshop.c.n)))
    return int(n) if n else None
