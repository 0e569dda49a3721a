"""100 participants submitting in the same second: every ballot recorded once, none lost, none doubled.

Runs on a real SQLite file and, when TEST_DATABASE_URL is set (CI), on PostgreSQL too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from pac.db import Database
from pac.models import Ballot, Vote
from pac.services.vote import ballot, rounds
from pac.services.vote.views import RoundView
from tests.test_vote_data import seed_workshop

N = 100


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


def _open_round(db: Database) -> RoundView:
    seed = seed_workshop(db, n_projects=8)
    r = rounds.create_round(
        db,
        seed.plan_id,
        {
            "title": "Charge",
            "method": "dots",
            "option_kind": "project",
            "option_refs": seed.project_ids,
            "dots_per_participant": 5,
            "max_dots_per_option": 2,
        },
    )
    rounds.open_round(db, r.id)
    return r


def _together(jobs: list[Callable[[], object]]) -> tuple[list[BaseException], float]:
    """Start every job at the same instant (a barrier), wait for all; returns errors and seconds."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            job()
        except BaseException as e:  # noqa: BLE001 — collected and asserted below
            with lock:
                errors.append(e)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    return errors, time.perf_counter() - t0


def _ballot(r: RoundView, i: int) -> dict[tuple[int, int | None], int]:
    o = [x.id for x in r.options]
    return {(o[i % 8], None): 2, (o[(i + 3) % 8], None): 2, (o[(i + 5) % 8], None): 1}


def test_hundred_phones_in_the_same_second(any_db: Database) -> None:
    db = any_db
    r = _open_round(db)
    tokens = [
        ballot.save_profile(db, r.id, None, {"role": "elected", "sex": "fm"[i % 2]}).token for i in range(N)
    ]
    jobs = [lambda i=i: ballot.submit_ballot(db, r.id, tokens[i], _ballot(r, i)) for i in range(N)]
    errors, seconds = _together(jobs)
    assert errors == []
    reopened = Database(db.url)
    try:
        with reopened.read() as s:
            assert s.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == r.id)) == N
            assert s.scalar(select(func.count()).select_from(Vote)) == 3 * N
            assert s.scalar(select(func.sum(Vote.value))) == 5 * N
        assert rounds.counter(reopened, r.id).total == N
        res = rounds.results(reopened, r.id)
        assert sum(x.score or 0 for x in res.overall) == 5 * N
        assert res.turnout.by_sex == {"f": (N // 2, 0), "m": (N // 2, 0)}
    finally:
        reopened.dispose()
    print(f"\n{N} ballots in {seconds:.2f} s ({N / seconds:.0f} ballots/s) on {db.engine.dialect.name}")


def test_double_taps_and_retries_never_double_a_ballot(any_db: Database) -> None:
    """Each of 50 participants sends twice at the same instant (double tap, retry after a lost
    connection), and one participant sends 20 times at once: one ballot each."""
    db = any_db
    r = _open_round(db)
    tokens = [ballot.save_profile(db, r.id, None, {"role": "staff", "sex": "f"}).token for _ in range(50)]
    jobs: list[Callable[[], object]] = []
    for i, tok in enumerate(tokens):
        jobs += [lambda tok=tok, i=i: ballot.submit_ballot(db, r.id, tok, _ballot(r, i))] * 2
    frantic = ballot.save_profile(db, r.id, None, {"role": "staff", "sex": "m"}).token
    jobs += [lambda k=k: ballot.submit_ballot(db, r.id, frantic, _ballot(r, k)) for k in range(20)]
    errors, _ = _together(jobs)
    assert errors == []
    with db.read() as s:
        per_participant = s.execute(
            select(Ballot.participant_id, func.count())
            .where(Ballot.round_id == r.id)
            .group_by(Ballot.participant_id)
        ).all()
        assert len(per_participant) == 51 and all(n == 1 for _, n in per_participant)
        # every ballot holds exactly one set of votes (3 lines, 5 dots), never two merged
        lines = s.execute(
            select(Vote.ballot_id, func.count(), func.sum(Vote.value)).group_by(Vote.ballot_id)
        ).all()
        assert len(lines) == 51 and all((n, total) == (3, 5) for _, n, total in lines)
