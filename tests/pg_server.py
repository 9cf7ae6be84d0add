"""A real, throw-away PostgreSQL server for tests and benchmarks (Debian's postgresql package).

initdb into a temporary folder, start on a free port on 127.0.0.1 (trust authentication: the
tests connect as whichever role they want to be), stop and start again at will (to test what
happens while it is down), and remove everything at the end. Run as root, the server runs as
the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

SUPERUSER = "postgres"


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or ``None`` when PostgreSQL is missing."""
    on_path = shutil.which("pg_ctl")
    if on_path is not None and shutil.which("initdb") is not None:
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One server in its own folder; :meth:`start` and :meth:`stop` may be called repeatedly."""

    def __init__(self, binaries: Path, *, fsync: bool = False, settings: str = "") -> None:
        self.binaries = binaries
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="quizapp-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        options = [] if fsync else ["--no-sync"]
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            *options,
        )
        self._fsync = fsync
        self._settings = settings  # more "-c name=value" options for the server

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.binaries / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stdout}{result.stderr}")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        settings = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            f"-c max_connections=300 -c fsync={'on' if self._fsync else 'off'} {self._settings}"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", settings, "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server now (fast shutdown: open connections are cut)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """The SQLAlchemy URL for ``database`` as ``user`` (no password: trust auth)."""
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """The same as a libpq connection string for plain psycopg."""
        return f"host=127.0.0.1 port={self.port} dbname={database} user={user}"

    def sql(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the superuser, each in its own transaction (autocommit)."""
        import psycopg

        with psycopg.connect(self.dsn(database), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def remove(self) -> None:
        """Stop the server if it runs and delete its folder."""
        with contextlib.suppress(RuntimeError):  # already stopped
            self.stop("immediate")  # no shutdown checkpoint: the files are deleted anyway
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def started_server() -> Iterator[PostgresServer]:
    """A fresh server for a fixture, removed afterwards; skips the test without PostgreSQL."""
    import pytest

    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does this)")
    server = PostgresServer(binaries)
    try:
        server.start()
        yield server
    finally:
        server.remove()
