"""Student groups, demo students and practice attempts.

Revision ID: 0002
Revises: 0001
Create Date: 2025-03-01

- ``student.group_name``: the class or group; the same nickname may now exist once per group
  (the unique key grows from ``nickname`` to ``nickname, group_name, is_demo``).
- ``student.is_demo``: the demo student a teacher uses to show the app, kept out of reports.
- ``attempt.mode``: ``"full"`` or ``"practice"`` (only the questions missed before); all
  earlier attempts were full ones.

SQLite cannot change a table's constraints in place, so ``student`` is rebuilt by Alembic's
batch mode (copy into a new table, drop the old one, rename); the caller runs this with
foreign keys off and checks them before committing (see ``quizapp.storage.migrate``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the group, demo flag and attempt mode; widen the student's unique key."""
    with op.batch_alter_table("student") as batch:
        # server defaults fill the existing rows; new rows get theirs from the app.
        batch.add_column(
            sa.Column("group_name", sa.String(length=64), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("is_demo", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.drop_constraint("uq_student_nickname", type_="unique")
        batch.create_unique_constraint(
            "uq_student_nickname_group_name_is_demo", ["nickname", "group_name", "is_demo"]
        )
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(
            sa.Column("mode", sa.String(length=16), nullable=False, server_default="full")
        )


def downgrade() -> None:
    """Back to 0001 (fails if a nickname now exists in more than one group)."""
    with op.batch_alter_table("attempt") as batch:
        batch.drop_column("mode")
    with op.batch_alter_table("student") as batch:
        batch.drop_constraint("uq_student_nickname_group_name_is_demo", type_="unique")
        batch.create_unique_constraint("uq_student_nickname", ["nickname"])
        batch.drop_column("is_demo")
        batch.drop_column("group_name")
