"""Rows bound to the login that connected, ids that do not count the school, bounded texts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

PostgreSQL only (SQLite has no logins; nothing changes there):

- A student's rows belong to ``session_user``, the login that connected, not to
  ``current_user``: a student login that runs ``SET ROLE quizapp_student`` used to read and
  write every row the group role owned; now the owner trigger and the row-level security
  policies look at the login, which ``SET ROLE`` does not change.
- Students no longer have ``USAGE`` on the id sequences (``nextval('student_id_seq')``
  told how many students the school has). Ids are given by a trigger that runs with the
  owner's rights and always overrides a given id: students and attempts get a random unused
  id, answers the next number of their sequence (their order is the order they were saved).
- Text columns that had no length limit get one (CHECK constraints, ``NOT VALID`` so that an
  upgrade never fails on rows already there; every new or changed row is checked):
  ``attempt.question_ids``, ``answer.chosen``, ``answer.response``. ``nickname``,
  ``group_name`` and the ids were already ``varchar(64)``/``varchar(36)``. The limits are
  those of quizapp.storage.value_limits at this revision (written out: a migration must not
  change when the app's constants do).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STUDENT_ROLE = "quizapp_student"
_OWN_STUDENTS = "SELECT id FROM student WHERE owner = {user}"
_OWN_ROWS = {
    "student": "owner = {user}",
    "attempt": f"student_id IN ({_OWN_STUDENTS})",
    "answer": f"attempt_id IN (SELECT id FROM attempt WHERE student_id IN ({_OWN_STUDENTS}))",
}
_SEQUENCES = "student_id_seq, attempt_id_seq, answer_id_seq"
#: (table, column, longest text in characters)
TEXT_LIMITS = (
    ("attempt", "question_ids", 1_000_000),
    ("answer", "chosen", 50_000),
    ("answer", "response", 40_000),
)


def upgrade() -> None:
    """Key the rows on the login, hide the sequences, bound the texts (PostgreSQL only)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    _owner_is("session_user")
    op.execute(f"REVOKE USAGE ON SEQUENCE {_SEQUENCES} FROM {STUDENT_ROLE}")
    op.execute(
        """
        CREATE FUNCTION quizapp_random_id() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            candidate integer;
            taken boolean;
        BEGIN
            LOOP
                candidate := 1 + floor(random() * 2147483646)::integer;
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', TG_TABLE_NAME)
                    INTO taken USING candidate;
                EXIT WHEN NOT taken;
            END LOOP;
            NEW.id := candidate;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION quizapp_answer_id() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            NEW.id := nextval('answer_id_seq');
            RETURN NEW;
        END $$
        """
    )
    for function in ("quizapp_random_id", "quizapp_answer_id"):  # triggers only, no one's call
        op.execute(f"REVOKE ALL ON FUNCTION {function}() FROM PUBLIC")
    for table, function in (
        ("student", "quizapp_random_id"),
        ("attempt", "quizapp_random_id"),
        ("answer", "quizapp_answer_id"),
    ):
        op.execute(f"ALTER TABLE {table} ALTER COLUMN id DROP DEFAULT")
        op.execute(
            f"CREATE TRIGGER {table}_id BEFORE INSERT ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    for table, column, longest in TEXT_LIMITS:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT ck_{table}_{column}_length "
            f"CHECK (char_length({column}) <= {longest}) NOT VALID"
        )


def downgrade() -> None:
    """Back to 0005."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, _longest in TEXT_LIMITS:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT ck_{table}_{column}_length")
    for table in ("student", "attempt", "answer"):
        op.execute(f"DROP TRIGGER {table}_id ON {table}")
        op.execute(
            f"SELECT setval('{table}_id_seq', "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )
        op.execute(f"ALTER TABLE {table} ALTER COLUMN id SET DEFAULT nextval('{table}_id_seq')")
    op.execute("DROP FUNCTION quizapp_answer_id()")
    op.execute("DROP FUNCTION quizapp_random_id()")
    op.execute(f"GRANT USAGE ON SEQUENCE {_SEQUENCES} TO {STUDENT_ROLE}")
    _owner_is("current_user")


def _owner_is(user: str) -> None:
    """Set the owner trigger and the students' policies to ``user`` (a SQL function)."""
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION quizapp_student_owner() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            NEW.owner := {user};
            RETURN NEW;
        END $$
        """
    )
    op.execute(f"ALTER TABLE student ALTER COLUMN owner SET DEFAULT {user}")
    for table, own in _OWN_ROWS.items():
        rows = own.format(user=user)
        op.execute(f"DROP POLICY {table}_own ON {table}")
        op.execute(
            f"CREATE POLICY {table}_own ON {table} TO {STUDENT_ROLE} "
            f"USING ({rows}) WITH CHECK ({rows})"
        )
