"""Migrations: an older database is upgraded at start and keeps its data; the schema matches the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from pac.db import Database, current_revision, head_revision, upgrade
from pac.models import Base
from pac.services import auth, communes


def _schema_diff(db: Database) -> list:  # type: ignore[type-arg]
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)


def _older_database_with_data(db: Database) -> None:
    """A database left at the first revision by an earlier version of the app, with a commune in it."""
    upgrade(db, "0001")
    assert current_revision(db) == "0001"
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO communes (slug, name_fr, name_ar, province, region, kind, is_demo, archived, notes, "
                "created_at, updated_at) VALUES ('tinzert', 'Tinzert', 'تنزرت', 'Taroudant', 'Souss-Massa', 'rural', "
                "false, false, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO plans (commune_id, start_year, end_year, title, mission, vision, status, pdr_consistency_note, "
                "created_at, updated_at) SELECT id, 2022, 2027, '', 'Une commune solidaire', 'جماعة مزدهرة ومنصفة', 'draft', '', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM communes WHERE slug = 'tinzert'"
            )
        )
        conn.execute(
            text(
                "INSERT INTO workshops (commune_id, title, kind, place, facilitators, notes, created_at, updated_at) "
                "SELECT id, 'Atelier', 'planning', 'قاعة الاجتماعات بالجماعة', 'Équipe de l''ONG', '', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM communes WHERE slug = 'tinzert'"
            )
        )
        conn.execute(
            text(
                "INSERT INTO douars (commune_id, name, name_ar, fraction) SELECT id, 'Tinzert', 'تنزرت', "
                "'آيت أوزرو' FROM communes WHERE slug = 'tinzert'"
            )
        )
        conn.execute(
            text(
                "INSERT INTO douars (commune_id, name, name_ar, fraction) SELECT id, 'Ifri', '', "
                "'Aït Tala' FROM communes WHERE slug = 'tinzert'"
            )
        )
        conn.execute(
            text(
                "INSERT INTO me_committee_members (plan_id, name, role, sex, organisation, is_ieeag) "
                "SELECT id, 'رئيسة الهيئة', 'ieeag', 'f', 'IEEAG', true FROM plans"
            )
        )
        conn.execute(
            text(
                "INSERT INTO me_committee_members (plan_id, name, role, sex, organisation, is_ieeag) "
                "SELECT id, 'Directeur des services', 'staff', 'm', 'Commune', false FROM plans"
            )
        )


def _assert_upgraded_and_kept(db: Database) -> None:
    from pac.services.setup import bootstrap

    bootstrap(db, with_demo=False)  # what the app does at every start
    assert current_revision(db) == head_revision()
    kept = communes.get_commune(db, "tinzert")
    assert (kept.name_ar, kept.province) == ("تنزرت", "Taroudant")
    with db.read() as s:
        assert s.execute(text("SELECT mission FROM plans")).scalar() == "Une commune solidaire"
        # 0005: a text written in Arabic script becomes the Arabic version; a French one stays French
        row = s.execute(text("SELECT mission, mission_ar, vision, vision_ar FROM plans")).one()
        assert tuple(row) == ("Une commune solidaire", "", "", "جماعة مزدهرة ومنصفة")
        # 0006: the same for a workshop's place and facilitators (and the other shorter texts)
        row = s.execute(text("SELECT place, place_ar, facilitators, facilitators_ar FROM workshops")).one()
        assert tuple(row) == ("", "قاعة الاجتماعات بالجماعة", "Équipe de l'ONG", "")
        # 0007: the same for a committee member's name and a douar's fraction
        rows = s.execute(text("SELECT name, name_ar FROM me_committee_members ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [("", "رئيسة الهيئة"), ("Directeur des services", "")]
        rows = s.execute(text("SELECT name, fraction, fraction_ar FROM douars ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [("Tinzert", "", "آيت أوزرو"), ("Ifri", "Aït Tala", "")]
    # and the new table works
    u = auth.create_user(db, "animateur", "motdepasse1", "motdepasse1", first=True)
    assert auth.user_for_session(db, auth.open_session(db, u.id)) is not None
    with db.read() as s:  # 0003: the phone's receipts table exists, rounds carry their per-phone bound
        assert s.execute(text("SELECT count(*) FROM ballot_receipts")).scalar() == 0
    assert _schema_diff(db) == []


def test_an_older_sqlite_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    _older_database_with_data(db)
    _assert_upgraded_and_kept(db)
    db.dispose()


def test_migrations_build_exactly_the_models(db: Database) -> None:
    assert current_revision(db) == head_revision()
    assert _schema_diff(db) == []


@pytest.mark.postgres
def test_an_older_postgresql_database_is_upgraded_and_keeps_its_data(pg_db: Database) -> None:
    from alembic import command

    from pac.db import alembic_config

    command.downgrade(alembic_config(pg_db.engine), "base")
    _older_database_with_data(pg_db)
    _assert_upgraded_and_kept(pg_db)


def test_the_cheap_schema_check_agrees_with_alembic(tmp_path: Path) -> None:
    """At every start the app reads the head revision from the files and one row of the database,
    without importing alembic; alembic itself runs only when that check says the schema is behind."""
    from alembic.script import ScriptDirectory

    from pac.db import alembic_config, head_revision, is_current, migrate

    db = Database(f"sqlite:///{tmp_path / 'check.db'}")
    assert head_revision() == ScriptDirectory.from_config(alembic_config(db.engine)).get_current_head()
    assert not is_current(db)  # a new database
    assert migrate(db) is True
    assert is_current(db) and migrate(db) is False
    with db.engine.begin() as conn:  # as an older version of the app left it
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert not is_current(db)
    db.dispose()


def test_going_back_before_0007_keeps_an_arabic_only_name_and_fraction(tmp_path: Path) -> None:
    """Downgraded, a member's name or a douar's fraction known only in Arabic stays in its single column."""
    from alembic import command

    from pac.db import alembic_config

    db = Database(f"sqlite:///{tmp_path / 'back.db'}")
    upgrade(db, "0007")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO communes (slug, name_fr, name_ar, province, region, kind, is_demo, archived, notes, "
                "created_at, updated_at) VALUES ('tinzert', 'Tinzert', 'تنزرت', 'Taroudant', 'Souss-Massa', "
                "'rural', false, false, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO douars (commune_id, name, name_ar, fraction, fraction_ar) "
                "SELECT id, 'Ifri', 'إفري', '', 'آيت تالا' FROM communes"
            )
        )
    command.downgrade(alembic_config(db.engine), "0006")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT fraction FROM douars")).scalar() == "آيت تالا"
        columns = [r[1] for r in conn.execute(text("PRAGMA table_info(douars)"))]
    assert "fraction_ar" not in columns
    db.dispose()
