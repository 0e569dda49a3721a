"""phone ballots: idempotency receipts, the phone that sent a ballot, participants per phone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("voting_rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_per_phone", sa.Integer(), server_default="3", nullable=False))
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_ballots_phone"), ["phone"], unique=False)
    op.create_table(
        "ballot_receipts",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["ballots.id"],
            name=op.f("fk_ballot_receipts_ballot_id_ballots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["voting_rounds.id"],
            name=op.f("fk_ballot_receipts_round_id_voting_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ballot_receipts")),
    )
    with op.batch_alter_table("ballot_receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ballot_receipts_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ballot_receipts_ballot_id"), ["ballot_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ballot_receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_receipts_ballot_id"))
        batch_op.drop_index(batch_op.f("ix_ballot_receipts_round_id"))
    op.drop_table("ballot_receipts")
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballots_phone"))
        batch_op.drop_column("phone")
    with op.batch_alter_table("voting_rounds", schema=None) as batch_op:
        batch_op.drop_column("max_per_phone")
