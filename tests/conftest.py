"""Shared fixtures: real SQLite files in a temporary folder, never mocks of the database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pac.db import Database, upgrade

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database in a real SQLite file."""
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
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database for one test."""
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
