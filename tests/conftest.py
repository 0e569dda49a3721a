"""Shared fixtures: real SQLite files in a temporary folder, never mocks of the database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pac.db import Database, upgrade

ROOT = Path(__file__).resolve().parent.parent
# Hundreds of app runs (AppTest, live servers) must not each warm a chart renderer (a browser) in the
# background; the document tests start the renderer themselves.
os.environ.setdefault("PAC_WARM_CHARTS", "0")


# PAC_TEST_BACKEND=postgresql runs the service suite (every test built on the db, catalogued_db and demo_db
# fixtures) against the PostgreSQL server of TEST_DATABASE_URL: each test gets its own database, copied from
# a template prepared once (empty and migrated, or with the demo).  Tests of SQLite itself are marked
# `sqlite_only`; browser and AppTest runs stay on SQLite files.
BACKEND = os.environ.get("PAC_TEST_BACKEND", "sqlite")


def _on_postgres() -> bool:
    return BACKEND == "postgresql"


class _PgDatabases:
    """Databases of one PostgreSQL server made from templates: `CREATE DATABASE … TEMPLATE` is a file copy."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(url).set(drivername="postgresql+psycopg2")
        self.admin = create_engine(self.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        self.count = 0
        self.templates: dict[str, str] = {}

    def _sql(self, sql: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def template(self, name: str, fill) -> str:  # type: ignore[no-untyped-def]
        if name not in self.templates:
            db_name = f"pac_tpl_{name}_{os.getpid()}"
            self._sql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
            self._sql(f'CREATE DATABASE "{db_name}"')
            database = Database(self.url.set(database=db_name).render_as_string(hide_password=False))
            fill(database)
            database.dispose()
            self.templates[name] = db_name
        return self.templates[name]

    def new(self, template: str) -> tuple[Database, str]:
        self.count += 1
        db_name = f"pac_t_{os.getpid()}_{self.count}"
        self._sql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        self._sql(f'CREATE DATABASE "{db_name}" TEMPLATE "{template}"')
        return Database(self.url.set(database=db_name).render_as_string(hide_password=False)), db_name

    def drop(self, db_name: str) -> None:
        self._sql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[_PgDatabases | None]:
    if not _on_postgres():
        yield None
        return
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.exit("PAC_TEST_BACKEND=postgresql needs TEST_DATABASE_URL (a real PostgreSQL server)", 2)
    factory = _PgDatabases(url)
    yield factory
    for name in factory.templates.values():
        factory.drop(name)
    factory.admin.dispose()


def _pg_fixture(pg_databases: _PgDatabases, name: str, fill) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    database, db_name = pg_databases.new(pg_databases.template(name, fill))
    yield database
    database.dispose()
    pg_databases.drop(db_name)


@pytest.fixture(autouse=True)
def _backups_beside_the_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL there is no database file to put backups beside: each test gets its own folder."""
    if _on_postgres():
        monkeypatch.setenv("PAC_BACKUP_DIR", str(tmp_path / "backups"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _on_postgres():
        return
    skip = pytest.mark.skip(reason="PAC_TEST_BACKEND=postgresql runs the service suite only")
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        uses_db = {"db", "catalogued_db", "demo_db", "pg_db"} & names
        app_runs = {"app_env", "server", "browser"} & names  # AppTest and live servers read SQLite files
        if (
            not uses_db
            or app_runs
            or item.get_closest_marker("sqlite_only")
            or item.get_closest_marker("browser")
        ):
            item.add_marker(skip)


@pytest.fixture
def db(tmp_path: Path, pg_databases: _PgDatabases | None) -> Iterator[Database]:
    """An empty, migrated database in a real SQLite file (or PostgreSQL: PAC_TEST_BACKEND)."""
    if pg_databases is not None:
        yield from _pg_fixture(pg_databases, "empty", upgrade)
        return
    database = Database(f"sqlite:///{tmp_path / 'test.db'}")
    upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def catalogued_db(db: Database) -> Database:
    """A migrated database with the reference catalogues loaded (as on first start)."""
    from pac.services import catalogues

    catalogues.load_if_empty(db)
    return db


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file prepared once per test session as the first start leaves it: catalogues and demo."""
    from pac.services.setup import bootstrap

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = Database(f"sqlite:///{path}")
    bootstrap(database)
    database.dispose()
    return path


@pytest.fixture
def demo_db(
    request: pytest.FixtureRequest, tmp_path: Path, pg_databases: _PgDatabases | None
) -> Iterator[Database]:
    """A private copy of the demo database for one test."""
    if pg_databases is not None:
        from pac.services.setup import bootstrap

        yield from _pg_fixture(pg_databases, "demo", bootstrap)
        return
    demo_file = request.getfixturevalue("demo_file")
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def demo_commune_id(demo_db: Database) -> int:
    from pac.services.communes import get_commune
    from pac.services.demo import DEMO_SLUG

    return get_commune(demo_db, DEMO_SLUG).id


@pytest.fixture
def app_env(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DATABASE_URL pointing at a private copy of the demo database, for AppTest runs."""
    import streamlit as st

    path = tmp_path / "app.db"
    shutil.copy(demo_file, path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL")


@pytest.fixture
def pg_db() -> Iterator[Database]:
    """A migrated, empty PostgreSQL database (CI starts a real server and sets TEST_DATABASE_URL)."""
    url = postgres_url()
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide TEST_DATABASE_URL (a real PostgreSQL server)")
        pytest.skip("no PostgreSQL server (set TEST_DATABASE_URL)")
    from sqlalchemy import text

    database = Database(url)
    with database.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(database)
    yield database
    database.dispose()


# The live-server and browser fixtures, available to every test module.
from tests.browser import browser, server  # noqa: E402, F401
