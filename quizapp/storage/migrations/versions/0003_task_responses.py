"""Answers to the newer task types: what was answered, and the partial credit.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

- ``answer.response``: JSON of the answer to an order, categorize, evidence or short_text task
  (the order, the category per statement, the marked words, or the written text and the rubric
  points ticked); ``NULL`` for choice questions, whose ``chosen`` says everything.
- ``answer.credit``: the partial credit 0–1 of such an answer; ``NULL`` for choice questions
  (scored right or wrong by ``correct``).

Both columns are nullable and added in place, so every earlier answer stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the response and credit columns to ``answer``."""
    with op.batch_alter_table("answer") as batch:
        batch.add_column(sa.Column("response", sa.String(), nullable=True))
        batch.add_column(sa.Column("credit", sa.Float(), nullable=True))


def downgrade() -> None:
    """Back to 0002 (the answers to the newer task types lose what was answered)."""
    with op.batch_alter_table("answer") as batch:
        batch.drop_column("credit")
        batch.drop_column("response")
