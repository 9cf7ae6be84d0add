"""What the login of a class database may do, asked of the server before a command that needs
more than a student's rights (importing a whole class's results files).

The server enforces the rights itself (grants, row-level security, triggers: see the
migrations); this only lets a command refuse up front, with a clear message, instead of
failing half-way or putting a class's rows under one student's login.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import text

from quizapp.storage.results_store import ResultsStore

STUDENT_ROLE = "quizapp_student"

# Membership followed through pg_auth_members (not pg_has_role, which calls a superuser a
# member of every role).
_IS_STUDENT = text(
    "WITH RECURSIVE member_of(id) AS ("
    " SELECT oid FROM pg_roles WHERE rolname = session_user"
    " UNION SELECT m.roleid FROM pg_auth_members m JOIN member_of ON m.member = member_of.id)"
    " SELECT EXISTS (SELECT 1 FROM member_of JOIN pg_roles r ON r.oid = member_of.id"
    " WHERE r.rolname = :role)"
)
_MAY_WRITE = text(
    "SELECT has_table_privilege('student', 'INSERT')"
    " AND has_table_privilege('attempt', 'INSERT')"
    " AND has_table_privilege('answer', 'INSERT')"
)


class ImportRefusal(StrEnum):
    """Why this login may not import results files into the class database."""

    STUDENT = "student"  # a student's login: a class's rows would all become its own
    READ_ONLY = "read_only"  # a teacher's login: reads the class, writes nothing


def import_refusal(store: ResultsStore) -> ImportRefusal | None:
    """Why the class database's login may not import a class's results, or ``None``."""
    with store.reading() as conn:
        if conn.execute(_IS_STUDENT, {"role": STUDENT_ROLE}).scalar():
            return ImportRefusal.STUDENT
        if not conn.execute(_MAY_WRITE).scalar():
            return ImportRefusal.READ_ONLY
    return None
