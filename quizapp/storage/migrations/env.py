"""Alembic environment for quizapp: run programmatically by :mod:`quizapp.storage.migrate`.

The caller passes an open SQLAlchemy connection (``config.attributes["connection"]``) that is
already inside a transaction, so all pending migrations apply atomically or not at all.
``render_as_batch`` makes autogenerate write SQLite-safe "copy and move" table changes.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import quizapp.storage.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("quizapp migrations run through quizapp.storage.migrate, not the CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
