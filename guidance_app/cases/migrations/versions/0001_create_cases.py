"""Create the cases table.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("answered", sa.Text(), nullable=False),
        sa.Column("resume_hash", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_cases_resume_hash", "cases", ["resume_hash"], unique=True)
    op.create_index("ix_cases_expires_at", "cases", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_expires_at", table_name="cases")
    op.drop_index("ix_cases_resume_hash", table_name="cases")
    op.drop_table("cases")
