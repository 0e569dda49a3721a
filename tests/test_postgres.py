"""The same services on a real PostgreSQL server (DATABASE_URL=postgresql://…)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from pac.db import Database, current_revision
from pac.domain.errors import DomainError
from pac.models import Commune
from pac.services import communes

pytestmark = pytest.mark.postgres


def test_migrated_schema_and_commune_round_trip(pg_db: Database) -> None:
    assert current_revision(pg_db) is not None
    c = communes.create_commune(pg_db, {"name_fr": "Tinzert", "province": "Taroudant"})
    communes.create_plan(pg_db, c.id, {"start_year": 2022})
    with pytest.raises(DomainError):
        communes.create_commune(pg_db, {"name_fr": "", "province": "Taroudant", "population": -1})
    reopened = Database(pg_db.url)
    try:
        assert [x.slug for x in communes.list_communes(reopened)] == ["tinzert"]
        assert communes.get_current_plan(reopened, c.id).end_year == 2027
    finally:
        reopened.dispose()


def test_concurrent_creations_on_postgres(pg_db: Database) -> None:
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            communes.create_commune(pg_db, {"name_fr": f"Commune {i}", "province": "Tiznit"})
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(30)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with pg_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 30


def test_full_bootstrap_with_demo_on_postgres(pg_db: Database) -> None:
    from pac.services.setup import bootstrap

    report = bootstrap(pg_db)
    assert report.demo_loaded
    assert len(communes.list_communes(pg_db)) >= 1
