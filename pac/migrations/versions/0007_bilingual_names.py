"""bilingual names: an Arabic version beside two more texts a commune writes that appear in its documents —
a follow-up committee member's name (or function) and a douar's fraction — and existing texts written in
Arabic script moved to their Arabic column

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> texts that gain an Arabic column `<f>_ar`.  Written out here, not imported, so that this
# revision stays what it was when the app changes.
_FIELDS: dict[str, tuple[str, ...]] = {
    "me_committee_members": ("name",),
    "douars": ("fraction",),
}


def _is_arabic(text: str | None) -> bool:
    letters = [ch for ch in (text or "") if ch.isalpha()]
    arabic = sum(1 for ch in letters if "ARABIC" in unicodedata.name(ch, ""))
    return bool(letters) and arabic * 2 > len(letters)


def _table(name: str, fields: tuple[str, ...]) -> sa.TableClause:
    return sa.table(
        name, sa.column("id"), *[sa.column(f) for f in fields], *[sa.column(f"{f}_ar") for f in fields]
    )


def upgrade() -> None:
    for table, fields in _FIELDS.items():
        with op.batch_alter_table(table) as batch:
            for f in fields:
                batch.add_column(sa.Column(f"{f}_ar", sa.Text(), nullable=False, server_default=""))
    # A text written in Arabic script was the Arabic version all along: move it to its column.
    bind = op.get_bind()
    for table, fields in _FIELDS.items():
        t = _table(table, fields)
        for row in bind.execute(sa.select(t)).mappings():
            moved = {f: row[f] for f in fields if _is_arabic(row[f]) and not row[f"{f}_ar"]}
            if moved:
                values = {f"{f}_ar": text for f, text in moved.items()} | {f: "" for f in moved}
                bind.execute(sa.update(t).where(t.c.id == row["id"]).values(**values))


def downgrade() -> None:
    bind = op.get_bind()
    for table, fields in _FIELDS.items():
        # Keep an Arabic-only text in the single column that remains.
        t = _table(table, fields)
        for row in bind.execute(sa.select(t)).mappings():
            back = {f: row[f"{f}_ar"] for f in fields if not row[f] and row[f"{f}_ar"]}
            if back:
                bind.execute(sa.update(t).where(t.c.id == row["id"]).values(**back))
        with op.batch_alter_table(table) as batch:
            for f in fields:
                batch.drop_column(f"{f}_ar")
