"""The dashboard's table of all communes, for an Arabic reader: no French label in it."""

from __future__ import annotations

from pac.db import Database
from pac.services import home


def test_all_communes_names_the_plan_in_the_readers_language(demo_db: Database) -> None:
    fr = home.all_communes(demo_db, "fr")
    ar = home.all_communes(demo_db, "ar")
    assert [p for p in fr["plan"] if p] == ["PAC 2022–2027"]  # the demo commune's; the others have none
    assert [p for p in ar["plan"] if p] == ["برنامج عمل الجماعة 2022–2027"]
