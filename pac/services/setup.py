"""What happens at every start: migrate, load the catalogues and, on an empty database, the demo."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from pac.db import Database, upgrade
from pac.models import Commune


@dataclass(frozen=True)
class StartReport:
    catalogue_rows: dict[str, int]
    demo_loaded: bool
    mission_communes: int


def bootstrap(db: Database, *, with_demo: bool = True) -> StartReport:
    """Bring the database to the current schema keeping its data, then fill what is empty."""
    from pac.services import catalogues, demo

    upgrade(db)
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
