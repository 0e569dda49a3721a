"""Backups and restore: a consistent copy while phones vote, a restore preceded by a backup, the pruning
rule, a French message (never a blocked workshop) when the folder cannot be written, and the commands."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from pac import cli
from pac.db import Database, current_revision, head_revision, migrate, upgrade
from pac.domain.errors import DomainError
from pac.models import Project, Setting
from pac.services import backups, workbook
from pac.services.demo import DEMO_FILE, DEMO_SLUG

pytestmark = pytest.mark.sqlite_only  # files, WAL and the backup API; PostgreSQL: the last test


def _projects(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Project)) or 0


def test_a_backup_is_a_whole_readable_copy_with_a_preview(demo_db: Database) -> None:
    made = backups.take_backup(demo_db, "manual")
    assert made.path.parent == backups.backup_dir(demo_db) and made.reason == "manual" and made.size > 0
    assert [b.path for b in backups.list_backups(demo_db)] == [made.path]
    seen = backups.preview(demo_db, made)
    assert seen.revision == head_revision()
    demo = next(c for c in seen.communes if c.slug == DEMO_SLUG)
    assert demo.slug == DEMO_SLUG and demo.projects == _projects(demo_db) and demo.findings > 0
    assert demo.rounds > 0 and demo.ballots > 0
    conn = sqlite3.connect(made.path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_backup_taken_while_phones_write_is_consistent(demo_db: Database) -> None:
    stop = threading.Event()
    written: list[int] = []

    def phones() -> None:
        n = 0
        while not stop.is_set():
            with demo_db.write() as s:
                s.add(Setting(key=f"phone-{n}", value="x" * 200))
            n += 1
            written.append(n)

    worker = threading.Thread(target=phones)
    worker.start()
    try:
        made = [backups.take_backup(demo_db, "round_opened") for _ in range(3)]
    finally:
        stop.set()
        worker.join()
    assert written, "the writer never ran"
    for b in made:
        conn = sqlite3.connect(b.path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()


def test_restore_brings_the_data_back_after_backing_up_the_present(demo_db: Database) -> None:
    before = _projects(demo_db)
    saved = backups.take_backup(demo_db, "manual")
    with demo_db.write() as s:
        s.execute(text("DELETE FROM projects"))
    assert _projects(demo_db) == 0
    undo = backups.restore(demo_db, saved)
    assert _projects(demo_db) == before
    assert undo.reason == "restore"
    assert all(c.projects == 0 for c in backups.preview(demo_db, undo).communes)
    assert current_revision(demo_db) == head_revision()


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    demo_db: Database, tmp_path: Path
) -> None:
    junk = tmp_path / "pac-20260101-000000-000000-manual.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    before = _projects(demo_db)
    with pytest.raises(DomainError, match="n'est pas une sauvegarde lisible"):
        backups.restore(demo_db, backups.find(demo_db, str(junk)))
    assert _projects(demo_db) == before
    with pytest.raises(DomainError, match="introuvable"):
        backups.find(demo_db, "pac-nothing.sqlite")


def _b(when: dt.datetime) -> backups.BackupFile:
    return backups.BackupFile(Path(f"pac-{when:%Y%m%d-%H%M%S}-000000-manual.sqlite"), when, "manual", 1)


def test_pruning_keeps_today_one_a_day_for_a_month_and_one_a_month_for_a_year() -> None:
    now = dt.datetime(2026, 11, 30, 18, 0)
    today = [_b(now - dt.timedelta(hours=h)) for h in (1, 2, 5, 20)]
    week = [_b(dt.datetime(2026, 11, 25, h)) for h in (9, 12, 17)]  # three on one day: the newest stays
    older = [_b(dt.datetime(2026, 8, d, 10)) for d in (3, 20)]  # two in one month, past 30 days
    ancient = [_b(dt.datetime(2024, 1, 5, 10))]
    gone = {b.taken_at for b in backups.to_prune(today + week + older + ancient, now)}
    assert gone == {
        dt.datetime(2026, 11, 25, 9),
        dt.datetime(2026, 11, 25, 12),
        dt.datetime(2026, 8, 3, 10),
        dt.datetime(2024, 1, 5, 10),
    }


def test_an_unwritable_folder_gives_a_french_message_and_never_blocks_an_import(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("PAC_BACKUP_DIR", str(blocker / "backups"))  # a folder inside a file
    with pytest.raises(DomainError, match="Sauvegarde impossible .* l'atelier peut continuer"):
        backups.take_backup(demo_db, "manual")
    assert backups.auto_backup(demo_db, "round_closed") is not None  # said, not raised
    data = workbook.export_workbook(demo_db, DEMO_SLUG, "json")
    summary = workbook.import_workbook(demo_db, data, "json", replace=True)
    assert summary.backup_problem and "Sauvegarde impossible" in summary.backup_problem


def test_a_voting_round_opened_and_closed_is_backed_up_and_never_blocked(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pac.models import VotingRound
    from pac.services.vote import rounds

    with demo_db.read() as s:
        round_id = s.scalar(select(VotingRound.id).where(VotingRound.status == "closed"))
    rounds.open_round(demo_db, round_id)
    rounds.close_round(demo_db, round_id)
    assert [b.reason for b in backups.list_backups(demo_db)] == ["round_closed", "round_opened"]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("PAC_BACKUP_DIR", str(blocker / "backups"))
    assert rounds.open_round(demo_db, round_id).status == "open"  # the vote opens all the same
    assert backups.last_problem is not None and backups.last_problem[1] == "round_opened"
    monkeypatch.delenv("PAC_BACKUP_DIR")
    rounds.close_round(demo_db, round_id)
    assert backups.last_problem is None  # a later backup written: the warning goes


def test_a_full_disk_is_named(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_copy_sqlite", full)
    with pytest.raises(DomainError, match="le disque est plein"):
        backups.take_backup(demo_db, "manual")
    assert not list(backups.backup_dir(demo_db).glob("*.part"))


def test_an_import_and_a_migration_are_preceded_by_a_backup(demo_db: Database, tmp_path: Path) -> None:
    data = workbook.export_workbook(demo_db, DEMO_SLUG, "json")
    workbook.import_workbook(demo_db, data, "json", replace=True)
    assert [b.reason for b in backups.list_backups(demo_db)] == ["import"]
    old = Database(f"sqlite:///{tmp_path / 'old' / 'old.db'}")
    upgrade(old, "0004")
    assert migrate(old) is True
    assert [b.reason for b in backups.list_backups(old)] == ["migration"]
    old.dispose()


def test_the_commands_back_up_and_restore(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    assert cli.main(["backup"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.is_file() and path.parent == backups.backup_dir(demo_db)
    with demo_db.write() as s:
        s.execute(text("DELETE FROM projects"))
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert cli.main(["restore", path.name]) == 1  # asked, answered no: nothing changes
    assert _projects(demo_db) == 0 and "annulée" in capsys.readouterr().err
    assert cli.main(["restore", path.name, "--yes"]) == 0
    out = capsys.readouterr().out
    assert DEMO_SLUG in out and "Restaurée" in out and _projects(demo_db) > 0
    assert cli.main(["backup", "--list"]) == 0
    assert "restore" in capsys.readouterr().out


def test_postgresql_backs_up_every_commune_workbook_and_restores_it(
    pg_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pac.services import catalogues

    monkeypatch.setenv("PAC_BACKUP_DIR", str(tmp_path / "pg-backups"))
    catalogues.load_if_empty(pg_db)
    workbook.import_workbook(pg_db, DEMO_FILE.read_bytes(), "json", backup=False)
    before = _projects(pg_db)
    made = backups.take_backup(pg_db, "manual")
    assert (
        made.path.suffix == ".zip"
        and sum(c.projects for c in backups.preview(pg_db, made).communes) == before
    )
    with pg_db.write() as s:
        s.execute(text("DELETE FROM projects"))
    backups.restore(pg_db, made)
    assert _projects(pg_db) == before
