"""The first shipped schema: students, attempts, answers, settings.

Revision ID: 0001
Revises:
Create Date: 2025-01-15

Students were known by nickname alone (one flat list per machine) and every attempt ran the
whole set; groups, demo students and practice attempts came with 0002.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the four tables."""
    op.create_table(
        "student",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("nickname", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nickname", name="uq_student_nickname"),
    )
    op.create_index("ix_student_uuid", "student", ["uuid"], unique=True)

    op.create_table(
        "attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("question_ids", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_attempt_uuid", "attempt", ["uuid"], unique=True)
    op.create_index("ix_attempt_student_id", "attempt", ["student_id"], unique=False)
    op.create_index("ix_attempt_set_id", "attempt", ["set_id"], unique=False)

    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("question_hash", sa.String(length=64), nullable=False),
        sa.Column("chosen", sa.String(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.String(length=16), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("attempt_id", "question_id"),
    )
    op.create_index("ix_answer_uuid", "answer", ["uuid"], unique=True)
    op.create_index("ix_answer_attempt_id", "answer", ["attempt_id"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    """Drop everything (development only: there is nothing before the first schema)."""
    op.drop_table("setting")
    op.drop_index("ix_answer_attempt_id", table_name="answer")
    op.drop_index("ix_answer_uuid", table_name="answer")
    op.drop_table("answer")
    op.drop_index("ix_attempt_set_id", table_name="attempt")
    op.drop_index("ix_attempt_student_id", table_name="attempt")
    op.drop_index("ix_attempt_uuid", table_name="attempt")
    op.drop_table("attempt")
    op.drop_index("ix_student_uuid", table_name="student")
    op.drop_table("student")
