"""The outbox for syncing with a class database server, and least privilege on that server.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

- ``sync_outbox`` (both backends; used on the student's machine): changes waiting to be sent
  to the school's PostgreSQL server, in order.
- PostgreSQL only (SQLite has no logins): ``student.owner`` is the login that created the
  student (set by a trigger, so it cannot be forged); a student may have the same nickname as
  a student of another login. Two group roles get exactly what they need: ``quizapp_student``
  inserts and reads only rows of its own students (row-level security), ``quizapp_teacher``
  reads the whole class. Each student (or student machine) logs in with its own role that is
  a member of ``quizapp_student``; see docs/class-database.md.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STUDENT_ROLE = "quizapp_student"
TEACHER_ROLE = "quizapp_teacher"
_ROWS = ("student", "attempt", "answer")
_OWN_STUDENTS = "SELECT id FROM student WHERE owner = current_user"
_OWN_ROWS = {
    "student": "owner = current_user",
    "attempt": f"student_id IN ({_OWN_STUDENTS})",
    "answer": f"attempt_id IN (SELECT id FROM attempt WHERE student_id IN ({_OWN_STUDENTS}))",
}


def upgrade() -> None:
    """Create the outbox; on PostgreSQL add owners, roles, grants and row-level security."""
    op.create_table(
        "sync_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,  # ids never reused: the sync thread remembers the last sent
    )
    if op.get_bind().dialect.name == "postgresql":
        _secure_server()


def _secure_server() -> None:
    op.add_column(
        "student",
        sa.Column(
            "owner", sa.String(length=63), nullable=False, server_default=sa.text("current_user")
        ),
    )
    op.drop_constraint("uq_student_nickname_group_name_is_demo", "student", type_="unique")
    op.create_unique_constraint(
        "uq_student_owner_nickname_group_name_is_demo",
        "student",
        ["owner", "nickname", "group_name", "is_demo"],
    )
    op.execute(
        """
        CREATE FUNCTION quizapp_student_owner() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.owner := current_user;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER student_owner BEFORE INSERT ON student "
        "FOR EACH ROW EXECUTE FUNCTION quizapp_student_owner()"
    )
    for role in (STUDENT_ROLE, TEACHER_ROLE):
        # Roles belong to the whole server; docs/class-database.md has the administrator create them
        # first. Created here only if missing (needs CREATEROLE), so a test server works too.
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
        op.execute(f"GRANT SELECT ON alembic_version TO {role}")
    op.execute(f"GRANT SELECT, INSERT, DELETE ON student, attempt, answer TO {STUDENT_ROLE}")
    op.execute(f"GRANT UPDATE (finished_at) ON attempt TO {STUDENT_ROLE}")
    op.execute(
        f"GRANT USAGE ON SEQUENCE student_id_seq, attempt_id_seq, answer_id_seq TO {STUDENT_ROLE}"
    )
    op.execute(f"GRANT SELECT ON student, attempt, answer TO {TEACHER_ROLE}")
    for table in _ROWS:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        own = _OWN_ROWS[table]
        op.execute(
            f"CREATE POLICY {table}_own ON {table} TO {STUDENT_ROLE} "
            f"USING ({own}) WITH CHECK ({own})"
        )
        op.execute(
            f"CREATE POLICY {table}_class ON {table} FOR SELECT TO {TEACHER_ROLE} USING (true)"
        )


def downgrade() -> None:
    """Back to 0003 (roles stay: they belong to the server, not to this database)."""
    if op.get_bind().dialect.name == "postgresql":
        for table in _ROWS:
            op.execute(f"DROP POLICY {table}_class ON {table}")
            op.execute(f"DROP POLICY {table}_own ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            op.execute(f"REVOKE ALL ON {table} FROM {STUDENT_ROLE}, {TEACHER_ROLE}")
        op.execute(f"REVOKE ALL ON alembic_version FROM {STUDENT_ROLE}, {TEACHER_ROLE}")
        op.execute(
            "REVOKE ALL ON SEQUENCE student_id_seq, attempt_id_seq, answer_id_seq "
            f"FROM {STUDENT_ROLE}"
        )
        op.execute("DROP TRIGGER student_owner ON student")
        op.execute("DROP FUNCTION quizapp_student_owner()")
        op.drop_constraint(
            "uq_student_owner_nickname_group_name_is_demo", "student", type_="unique"
        )
        op.create_unique_constraint(
            "uq_student_nickname_group_name_is_demo",
            "student",
            ["nickname", "group_name", "is_demo"],
        )
        op.drop_column("student", "owner")
    op.drop_table("sync_outbox")
