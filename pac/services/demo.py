"""The demonstration commune: one command gives a newcomer a full, fictional PAC to explore.

The demo is data, not code: `data/demo-commune.json` is a commune workbook (docs/workbook.md), the
export of a fictional commune of the Anti-Atlas, and `load_demo` imports it through the very import a
facilitator runs (`workbook.import_workbook`).  Its ranks, scores, yearly costs and funding lines are
in the file as a real export carries them; `tests/test_demo.py` checks them against the vote and
budget rules of `pac.domain`.
"""

from __future__ import annotations

import json
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pac.db import Database
from pac.domain import vote as vote_rules
from pac.domain.errors import DomainError
from pac.models import Commune, VotingRound
from pac.services import catalogues, workbook

DEMO_FILE = catalogues.DATA_DIR / "demo-commune.json"
DEMO_SLUG = "demo-tafoukt-n-ouzrou"  # the slug inside DEMO_FILE (a test keeps them equal)

# Where the workbook names catalogue codes (docs/workbook.md): the demo puts back any of its codes
# that an edit of a catalogue removed, since the import refuses unknown codes.
_CATALOGUE_CODES: dict[str, tuple[tuple[str, str], ...]] = {
    "sectors": (("constats", "secteur"), ("afom", "secteur"), ("projets", "secteur")),
    "competences": (("projets", "competence"),),
    "partners": (
        ("projets", "chef_de_file"),
        ("projets_partenaires", "partenaire"),
        ("financements", "partenaire"),
    ),
    "migration_criteria": (("projets_criteres_migration", "critere"),),
}


def load_demo(db: Database) -> int:
    """Create the demonstration commune if it does not exist yet; return its id (idempotent)."""
    existing = _demo_id(db)
    if existing is not None:
        return existing
    data = DEMO_FILE.read_bytes()
    book = json.loads(data)
    with db.write() as s:
        catalogues.fill_empty(s)
        for name, places in _CATALOGUE_CODES.items():
            codes = {row.get(col) for sheet, col in places for row in book["sheets"].get(sheet, [])}
            catalogues.restore_codes(s, name, {c for c in codes if isinstance(c, str)})
        taken = set(s.scalars(select(VotingRound.join_code)))
    if _free_join_codes(book, taken):
        data = json.dumps(book, ensure_ascii=False).encode("utf-8")
    try:
        return workbook.import_workbook(db, data, "json", backup=False).commune_id
    except (DomainError, IntegrityError):
        # Two starts at the same moment (PostgreSQL): the other one created it.  Otherwise the
        # import's own message, listing every problem of the file, is the one to show.
        existing = _demo_id(db)
        if existing is None:
            raise
        return existing


def _demo_id(db: Database) -> int | None:
    with db.read() as s:
        return s.scalar(select(Commune.id).where(Commune.slug == DEMO_SLUG))


def _free_join_codes(book: dict[str, Any], taken: set[str]) -> bool:
    """Join codes are unique in the whole database: if a real round already uses one of the demo's,
    give the demo another (drawn with a fixed seed, so the same database gets the same code).
    Returns whether a code changed."""
    changed = False
    for rnd in book["sheets"].get("scrutins", []):
        code = rnd.get("code_acces")
        rng = random.Random(code)
        while code in taken:
            code = vote_rules.new_join_code(rng)
        if code != rnd.get("code_acces"):
            rnd["code_acces"] = code
            changed = True
        taken.add(code)
    return changed
