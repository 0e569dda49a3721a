"""bilingual content: an Arabic version beside every text the commune writes (column `f_ar` beside `f`),
new texts (a project's expected results, explicit gender objective and climate-vulnerability context; a
workshop's decisions), and existing texts written in Arabic script moved to their Arabic column

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the texts that existed before this revision (French column; Arabic added as `<f>_ar`).
# Written out here, not imported, so that this revision stays what it was when the app changes.
_EXISTING: dict[str, tuple[str, ...]] = {
    "plans": ("title", "mission", "vision"),
    "plan_values": ("text",),
    "workshops": ("title", "notes"),
    "findings": ("text",),
    "swot_items": ("text",),
    "axes": ("title", "description"),
    "objectives": ("title", "description"),
    "projects": ("title", "description", "gender_analysis_note", "priority_override_reason"),
    "voting_rounds": ("title",),
    "voting_options": ("label",),
    "voting_criteria": ("label",),
    "indicators": ("name", "definition"),
    "me_tools": ("name", "description"),
    "me_events": ("description",),
}
# New texts, each with its Arabic twin.
_NEW: dict[str, tuple[str, ...]] = {
    "projects": ("expected_results", "gender_objective", "vulnerability_context"),
    "workshops": ("decisions",),
}


def _is_arabic(text: str | None) -> bool:
    letters = [ch for ch in (text or "") if ch.isalpha()]
    arabic = sum(1 for ch in letters if "ARABIC" in unicodedata.name(ch, ""))
    return bool(letters) and arabic * 2 > len(letters)


def _text_column(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def upgrade() -> None:
    for table, fields in _EXISTING.items():
        with op.batch_alter_table(table) as batch:
            for f in fields:
                batch.add_column(_text_column(f"{f}_ar"))
            for f in _NEW.get(table, ()):
                batch.add_column(_text_column(f))
                batch.add_column(_text_column(f"{f}_ar"))
    # A text written in Arabic script was the Arabic version all along: move it to its column.
    bind = op.get_bind()
    for table, fields in _EXISTING.items():
        t = sa.table(
            table, sa.column("id"), *[sa.column(f) for f in fields], *[sa.column(f"{f}_ar") for f in fields]
        )
        for row in bind.execute(sa.select(t)).mappings():
            moved = {f: row[f] for f in fields if _is_arabic(row[f]) and not row[f"{f}_ar"]}
            if moved:
                values = {f"{f}_ar": text for f, text in moved.items()} | {f: "" for f in moved}
                bind.execute(sa.update(t).where(t.c.id == row["id"]).values(**values))


def downgrade() -> None:
    bind = op.get_bind()
    for table, fields in _EXISTING.items():
        # Keep an Arabic-only text in the single column that remains.
        t = sa.table(
            table, sa.column("id"), *[sa.column(f) for f in fields], *[sa.column(f"{f}_ar") for f in fields]
        )
        for row in bind.execute(sa.select(t)).mappings():
            back = {f: row[f"{f}_ar"] for f in fields if not row[f] and row[f"{f}_ar"]}
            if back:
                bind.execute(sa.update(t).where(t.c.id == row["id"]).values(**back))
        with op.batch_alter_table(table) as batch:
            for f in _NEW.get(table, ()):
                batch.drop_column(f"{f}_ar")
                batch.drop_column(f)
            for f in fields:
                batch.drop_column(f"{f}_ar")
