"""Automatic backups and restore: a workshop day cannot be replayed.

A backup is a timestamped copy of the whole database in the backup folder (`PAC_BACKUP_DIR`, else
`backups/` beside the SQLite file, else `data/backups/`):

- SQLite: a `.sqlite` file written by SQLite's online backup API — consistent while phones vote;
- PostgreSQL: a `.zip` holding the commune workbook (JSON) of every commune.

Taken automatically when a voting round opens and when it closes, before any import, restore or
migration, and at the first start of a day (when the workshop day is opened); and on demand (page
« Sauvegardes », `python -m pac backup`).  Pruning keeps every backup of the last 24 hours, the newest of
each day for 30 days, and the newest of each month for a year.  A backup that cannot be written (disk
full, folder not writable) gives a French message and never blocks the workshop: automatic backups log
it and let the action go on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from pac.db import ROOT, Database, head_revision
from pac.domain.errors import DomainError

log = logging.getLogger(__name__)

REASONS = ("manual", "day", "round_opened", "round_closed", "import", "restore", "migration")
_NAME = re.compile(r"^pac-(\d{8}-\d{6}-\d{6})-([a-z_]+)\.(sqlite|zip)$")
KEEP_ALL_HOURS = 24
KEEP_DAILY_DAYS = 30
KEEP_MONTHLY_DAYS = 366


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime  # UTC, naive
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class CommuneSummary:
    slug: str
    name: str
    projects: int
    findings: int
    rounds: int
    ballots: int


@dataclass(frozen=True)
class Preview:
    backup: BackupFile
    revision: str | None
    communes: list[CommuneSummary]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _sqlite_path(db: Database) -> Path | None:
    if not db.is_sqlite:
        return None
    database = make_url(db.url).database
    return Path(database) if database and database != ":memory:" else None


def backup_dir(db: Database) -> Path:
    """Where backups go: PAC_BACKUP_DIR, else `backups/` beside the SQLite file, else data/backups."""
    if os.environ.get("PAC_BACKUP_DIR"):
        return Path(os.environ["PAC_BACKUP_DIR"])
    path = _sqlite_path(db)
    return (path.parent if path else ROOT / "data") / "backups"


def _parse(path: Path) -> BackupFile | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    taken = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f")
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupFile(path, taken, m.group(2), size)


def list_backups(db: Database) -> list[BackupFile]:
    """The backups of the folder, newest first."""
    folder = backup_dir(db)
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if (b := _parse(p)) is not None]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _unwritable(folder: Path, exc: OSError) -> DomainError:
    if exc.errno == 28:  # ENOSPC
        why = "le disque est plein"
    elif isinstance(exc, PermissionError):
        why = "le dossier n'est pas accessible en écriture"
    else:
        why = exc.strerror or str(exc)
    return DomainError(
        f"Sauvegarde impossible dans « {folder} » : {why}. Libérez de la place ou choisissez un autre "
        "dossier (variable PAC_BACKUP_DIR) ; l'atelier peut continuer."
    )


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while other connections write."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _workbooks_zip(db: Database, target: Path) -> None:
    from pac.services.communes import list_communes
    from pac.services.workbook import workbook_dict

    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("revision.txt", head_revision() or "")
        for c in list_communes(db, include_archived=True):
            book = workbook_dict(db, c.id)
            z.writestr(f"{c.slug}.json", json.dumps(book, ensure_ascii=False, indent=1))


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):  # the folder itself may be unusable: nothing was written there
        partial.unlink(missing_ok=True)


def take_backup(db: Database, reason: str = "manual") -> BackupFile:
    """Write one backup now and prune the folder; a DomainError in French when it cannot be written."""
    if reason not in REASONS:
        raise ValueError(reason)
    folder = backup_dir(db)
    stamp = _now().strftime("%Y%m%d-%H%M%S-%f")
    source = _sqlite_path(db)
    target = folder / f"pac-{stamp}-{reason}.{'sqlite' if db.is_sqlite else 'zip'}"
    partial = target.with_name(target.name + ".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if source is not None:
            if not source.exists():
                raise DomainError("La base de données n'existe pas encore : rien à sauvegarder.")
            _copy_sqlite(source, partial)
        else:
            _workbooks_zip(db, partial)
        partial.replace(target)  # a backup is either whole or absent
    except OSError as exc:
        _discard(partial)
        raise _unwritable(folder, exc) from exc
    except sqlite3.Error as exc:
        _discard(partial)
        if "full" in str(exc).lower():
            raise _unwritable(folder, OSError(28, "disk full")) from exc
        raise DomainError(f"Sauvegarde impossible : {exc}.") from exc
    prune(db)
    made = _parse(target)
    assert made is not None
    return made


# The last automatic backup that could not be written (when, why, the French message), shown on the page
# « Sauvegardes » of this process until a later automatic backup succeeds.
last_problem: tuple[dt.datetime, str, str] | None = None


def auto_backup(db: Database, reason: str) -> str | None:
    """An automatic backup that never blocks the action it precedes: the French problem, or None."""
    global last_problem
    try:
        take_backup(db, reason)
    except DomainError as exc:
        log.warning("automatic backup (%s) failed: %s", reason, exc)
        last_problem = (_now(), reason, str(exc))
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a backup must never stop the workshop
        log.exception("automatic backup (%s) failed", reason)
        last_problem = (_now(), reason, f"Sauvegarde automatique impossible ({type(exc).__name__}).")
        return last_problem[2]
    last_problem = None
    return None


def backup_of_the_day(db: Database) -> str | None:
    """The first start of a day opens the workshop day: one backup, unless one was taken today."""
    today = _now().date()
    if any(b.taken_at.date() == today for b in list_backups(db)):
        return None
    return auto_backup(db, "day")


def to_prune(backups: list[BackupFile], now: dt.datetime) -> list[BackupFile]:
    """Backups the rule lets go: all of the last 24 h kept; then the newest of each day for 30 days;
    then the newest of each month for a year; nothing older."""
    keep: set[Path] = set()
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    for b in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        age = now - b.taken_at
        recent = age <= dt.timedelta(hours=KEEP_ALL_HOURS)
        first_of_day = age <= dt.timedelta(days=KEEP_DAILY_DAYS) and b.taken_at.date() not in days
        month = (b.taken_at.year, b.taken_at.month)
        first_of_month = age <= dt.timedelta(days=KEEP_MONTHLY_DAYS) and month not in months
        if recent or first_of_day or first_of_month:
            keep.add(b.path)
        days.add(b.taken_at.date())
        months.add(month)
    return [b for b in backups if b.path not in keep]


def prune(db: Database) -> int:
    gone = 0
    for b in to_prune(list_backups(db), _now()):
        try:
            b.path.unlink()
            gone += 1
        except OSError:
            log.warning("could not prune %s", b.path)
    return gone


def find(db: Database, name: str) -> BackupFile:
    """A backup of the folder by its file name, or a path to a backup file elsewhere."""
    candidate = Path(name)
    for b in list_backups(db):
        if b.name == candidate.name and (
            not candidate.parent.parts or candidate.resolve() == b.path.resolve()
        ):
            return b
    if candidate.is_file():
        parsed = _parse(candidate)
        if parsed:
            return parsed
        try:
            size = candidate.stat().st_size
        except OSError:
            size = 0
        kind = "zip" if candidate.suffix == ".zip" else "sqlite"
        return BackupFile(candidate, _now(), f"external-{kind}", size)
    raise DomainError(f"Sauvegarde introuvable : « {name} ».")


def _is_zip(b: BackupFile) -> bool:
    return b.path.suffix == ".zip" or b.reason == "external-zip"


def preview(db: Database, backup: BackupFile) -> Preview:
    """What the backup holds: its schema revision and, per commune, a few counts."""
    try:
        if _is_zip(backup):
            return _preview_zip(backup)
        return _preview_sqlite(backup)
    except (OSError, sqlite3.Error, zipfile.BadZipFile, ValueError, KeyError) as exc:
        raise DomainError(
            f"« {backup.name} » n'est pas une sauvegarde lisible de PAC Atelier ({exc})."
        ) from exc


def _preview_sqlite(backup: BackupFile) -> Preview:
    conn = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        rows = conn.execute("SELECT id, slug, name_fr FROM communes ORDER BY name_fr").fetchall()

        def count(sql: str, cid: int) -> int:
            return int(conn.execute(sql, (cid,)).fetchone()[0])

        communes = [
            CommuneSummary(
                slug,
                name,
                count(
                    "SELECT count(*) FROM projects p JOIN plans pl ON p.plan_id = pl.id WHERE pl.commune_id = ?",
                    cid,
                ),
                count("SELECT count(*) FROM findings WHERE commune_id = ?", cid),
                count(
                    "SELECT count(*) FROM voting_rounds r JOIN plans pl ON r.plan_id = pl.id WHERE pl.commune_id = ?",
                    cid,
                ),
                count(
                    "SELECT count(*) FROM ballots b JOIN voting_rounds r ON b.round_id = r.id "
                    "JOIN plans pl ON r.plan_id = pl.id WHERE pl.commune_id = ?",
                    cid,
                ),
            )
            for cid, slug, name in rows
        ]
    finally:
        conn.close()
    return Preview(backup, revision[0] if revision else None, communes)


def _preview_zip(backup: BackupFile) -> Preview:
    communes: list[CommuneSummary] = []
    with zipfile.ZipFile(backup.path) as z:
        revision = z.read("revision.txt").decode() if "revision.txt" in z.namelist() else None
        for name in sorted(n for n in z.namelist() if n.endswith(".json")):
            book = json.loads(z.read(name))
            sheets = book["sheets"]
            commune = (sheets.get("commune") or [{}])[0]
            communes.append(
                CommuneSummary(
                    str(book.get("commune", name[:-5])),
                    str(commune.get("nom_fr", "")),
                    len(sheets.get("projets", [])),
                    len(sheets.get("constats", [])),
                    len(sheets.get("scrutins", [])),
                    len(sheets.get("bulletins", [])),
                )
            )
    return Preview(backup, revision, communes)


def restore(db: Database, backup: BackupFile) -> BackupFile:
    """Put the backup's data back, after a backup of what is there now (returned, so it can be undone).

    SQLite: the whole database is replaced page by page by SQLite's backup API (other connections see the
    restored data at their next transaction), then migrated if the backup is older.  PostgreSQL: every
    commune of the backup replaces its namesake (communes absent from the backup are left as they are)."""
    preview(db, backup)  # refuses a file that is not a readable backup before anything changes
    before = take_backup(db, "restore")
    if _is_zip(backup):
        _restore_zip(db, backup)
    else:
        if not db.is_sqlite:
            raise DomainError("Une sauvegarde SQLite ne se restaure que dans une base SQLite.")
        _restore_sqlite(db, backup)
    from pac.db import migrate

    migrate(db)
    return before


def _restore_sqlite(db: Database, backup: BackupFile) -> None:
    target = _sqlite_path(db)
    assert target is not None
    db.engine.dispose()  # no pooled connection keeps reading the old pages
    src = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _restore_zip(db: Database, backup: BackupFile) -> None:
    from pac.services.workbook import import_workbook

    with zipfile.ZipFile(backup.path) as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".json")):
            import_workbook(db, z.read(name), "json", replace=True, backup=False)


def describe(b: BackupFile) -> dict[str, str]:
    """Plain data for a list: when (UTC), why, size in kB."""
    return {
        "name": b.name,
        "taken_at": b.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
        "reason": b.reason,
        "kb": f"{b.size / 1024:.0f}",
    }
