"""What happens at every start: migrate, load the catalogues and, on an empty database, the demo.

`bootstrap` does it all in one call (the command line, the tests).  The app splits it so that its first
page shows as fast as a bare Streamlit page (`pac.ui.kit.state`): `migrate` costs one query when the
schema is current, and `fill`, run only when `needs_filling` finds an empty catalogue or no commune at
all (a new database), runs beside the login page rather than before it.  The ORM models and the
services this needs are imported here only when called: the login page does without them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from pac.db import Database, migrate


@dataclass(frozen=True)
class StartReport:
    catalogue_rows: dict[str, int]
    demo_loaded: bool
    mission_communes: int


def bootstrap(db: Database, *, with_demo: bool = True) -> StartReport:
    """Bring the database to the current schema keeping its data, then fill what is empty."""
    migrate(db)
    return fill(db, with_demo=with_demo)


def needs_filling(db: Database) -> bool:
    """True when `fill` has something to load: an empty reference catalogue, or no commune at all."""
    from pac.models import Base, Commune
    from pac.services.catalogues import CATALOGUES  # a catalogue is named as its table

    tables = [Base.metadata.tables[name] for name in (*CATALOGUES, Commune.__tablename__)]
    with db.read() as s:
        return any(not s.scalar(select(func.count()).select_from(t)) for t in tables)


def fill(db: Database, *, with_demo: bool = True) -> StartReport:
    """Load the empty catalogues and, on a database without any commune, the demo and the mission's communes."""
    # Imported here: the demo and its workbook import cost a second, and only a new database needs them.
    from pac.models import Commune
    from pac.services import catalogues, demo

    rows = catalogues.load_if_empty(db)
    with db.read() as s:
        empty = not s.scalar(select(func.count()).select_from(Commune))
    loaded = False
    mission = 0
    if empty and with_demo:
        demo.load_demo(db)
        loaded = True
    if empty:
        mission = catalogues.load_mission_communes(db)
    return StartReport(rows, loaded, mission)
