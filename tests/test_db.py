"""The database settings that keep fifty phones from failing: WAL, busy timeout, foreign keys, BEGIN IMMEDIATE."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from pac.db import Database, _normalise
from pac.models import Commune, Douar, Setting


@pytest.mark.sqlite_only
def test_sqlite_pragmas(db: Database) -> None:
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.write() as s:
        s.add(Douar(commune_id=999, name="Fantôme"))
        s.flush()


def test_a_failed_action_changes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as s:
        s.add(Commune(slug="x", name_fr="X"))
        s.flush()
        raise RuntimeError("boom")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 0


def test_fifty_threads_writing_at_once_all_succeed(db: Database) -> None:
    """Without WAL, busy_timeout and BEGIN IMMEDIATE, hundreds of these fail with 'database is locked'; on
    PostgreSQL, without the write lock, concurrent increments of the counter are lost."""
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            for j in range(10):
                with db.write() as s:
                    row = s.get(Setting, "counter")
                    if row is None:
                        s.add(Setting(key="counter", value="1"))
                    else:
                        row.value = str(int(row.value) + 1)
                    s.add(Setting(key=f"t{i}-{j}", value="x"))
        except BaseException as e:  # noqa: BLE001 — collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(50)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with db.read() as s:
        # read-modify-write under BEGIN IMMEDIATE: no lost update
        assert s.get(Setting, "counter").value == "500"
        assert s.scalar(select(func.count()).select_from(Setting)) == 501


def test_url_normalisation() -> None:
    assert _normalise("postgres://u@h/d") == "postgresql+psycopg2://u@h/d"
    assert _normalise("postgresql://u@h/d") == "postgresql+psycopg2://u@h/d"
    assert _normalise("sqlite:///x.db") == "sqlite:///x.db"
