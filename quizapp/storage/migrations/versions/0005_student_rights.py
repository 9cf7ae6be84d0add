"""What a student login may do on the class database, narrowed to what the app needs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

PostgreSQL only (SQLite has no logins; nothing changes there):

- No ``DELETE`` grant for ``quizapp_student`` any more: with it a student login could take
  ``LOCK TABLE answer IN ACCESS EXCLUSIVE MODE`` and freeze every teacher's report, and delete
  its own *finished* attempts. Abandoning an unfinished attempt ("start over") goes through
  ``quizapp_abandon(uuid)``, which deletes only an unfinished attempt of the caller's own
  students, with its answers.
- A finished attempt's finish time can no longer be changed or taken away (a trigger, for
  every login): which attempt was a student's first stays settled.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STUDENT_ROLE = "quizapp_student"


def upgrade() -> None:
    """Narrow the student role's rights (PostgreSQL only)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"REVOKE DELETE ON student, attempt, answer FROM {STUDENT_ROLE}")
    op.execute(
        """
        CREATE FUNCTION quizapp_abandon(attempt_uuid text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            target integer;
        BEGIN
            SELECT a.id INTO target FROM attempt a JOIN student s ON s.id = a.student_id
            WHERE a.uuid = attempt_uuid AND a.finished_at IS NULL AND s.owner = session_user;
            IF target IS NOT NULL THEN
                DELETE FROM answer WHERE attempt_id = target;
                DELETE FROM attempt WHERE id = target;
            END IF;
        END $$
        """
    )
    op.execute("REVOKE ALL ON FUNCTION quizapp_abandon(text) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION quizapp_abandon(text) TO {STUDENT_ROLE}")
    op.execute(
        """
        CREATE FUNCTION quizapp_keep_finish() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.finished_at IS NOT NULL
               AND NEW.finished_at IS DISTINCT FROM OLD.finished_at THEN
                RAISE EXCEPTION 'a finished attempt keeps its finish time'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER attempt_keep_finish BEFORE UPDATE ON attempt "
        "FOR EACH ROW EXECUTE FUNCTION quizapp_keep_finish()"
    )


def downgrade() -> None:
    """Back to 0004's rights."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER attempt_keep_finish ON attempt")
    op.execute("DROP FUNCTION quizapp_keep_finish()")
    op.execute("DROP FUNCTION quizapp_abandon(text)")
    op.execute(f"GRANT DELETE ON student, attempt, answer TO {STUDENT_ROLE}")
