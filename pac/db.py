"""Engine, transactions and migrations.

`Database` wraps one engine.  Services open exactly one transaction per user
action with `db.write()` (or `db.read()` for queries).  On SQLite the file is in
WAL mode with a busy timeout and foreign keys on, and writes start with
`BEGIN IMMEDIATE`, so that fifty phones voting at once queue instead of failing
with "database is locked".  On PostgreSQL, writes take one advisory lock first, so that both backends
serialise their writes the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:  # the ORM is imported with the first session: the login page needs only the engine
    from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "data" / "pac_atelier.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def _normalise(url: str) -> str:
    # Heroku-style URLs say postgres://, SQLAlchemy wants postgresql+psycopg2://
    if url.startswith("postgres://"):
        return "postgresql+psycopg2://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        return "postgresql+psycopg2://" + url[len("postgresql://") :]
    return url


def make_engine(url: str | None = None) -> Engine:
    url = _normalise(url or default_url())
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_size=20,
            max_overflow=40,
        )
        _configure_sqlite(engine)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=40)
    if engine.dialect.name == "postgresql":
        _configure_postgresql(engine)
    return engine


# One key for the whole database: every write transaction of every process takes it first.
WRITE_LOCK_KEY = 0x50AC_A7E1


def _configure_postgresql(engine: Engine) -> None:
    """Writes one at a time, as on SQLite: a write transaction first takes a transaction-level advisory
    lock (released at commit or rollback).  A service's read-modify-write (the next position of a SWOT item,
    a counter, the check that a code is free) then never loses an update nor trips on a unique key because
    another process did the same at the same instant; reads are not held up.  Writes here last a few
    milliseconds: a hundred ballots at once queue as they do on SQLite (bench/vote.py)."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("pac_write"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not pysqlite, decide when a transaction begins.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("pac_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """One database: a write and a read session factory over one engine."""

    def __init__(self, url: str | None = None, engine: Engine | None = None) -> None:
        self.engine = engine or make_engine(url)
        self.url = str(self.engine.url)

    @cached_property
    def _write(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(bind=self.engine.execution_options(pac_write=True), expire_on_commit=False)

    @cached_property
    def _read(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(bind=self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed at the end, rolled back on any error."""
        with self._write() as session:
            with session.begin():
                yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            with session.begin():
                yield session

    def dispose(self) -> None:
        self.engine.dispose()


# --------------------------------------------------------------------------- migrations


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the database to `revision`, keeping its data (run at every start)."""
    from alembic import command

    command.upgrade(alembic_config(db.engine), revision)


# `revision: str = "0002"` and `down_revision: str | None = "0001"` at the start of a line of a revision file.
_REVISION_LINE = re.compile(r"^(down_)?revision\b[^=\n]*=(.*)$", re.MULTILINE)


def head_revision() -> str | None:
    """The newest revision of migrations/versions, read from its files; None when it is not one revision.

    Read as text because importing alembic alone costs a tenth of a second at every start."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (parents if down else revisions).update(re.findall(r"[\"']([^\"']+)[\"']", value))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def is_current(db: Database) -> bool:
    """True when the database is at the newest revision (one query, no alembic)."""
    head = head_revision()
    if head is None:
        return False
    try:
        with db.engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:  # no alembic_version table: a new database
        return False
    return list(versions) == [head]


def migrate(db: Database) -> bool:
    """What every start does: upgrade the database when it is behind; True when an upgrade ran.

    A database that holds data is backed up first (pac.services.backups; never blocks the start)."""
    if is_current(db):
        return False
    if has_tables(db):
        from pac.services.backups import auto_backup

        auto_backup(db, "migration")
    upgrade(db)
    return True


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def has_tables(db: Database) -> bool:
    return bool(inspect(db.engine).get_table_names())
