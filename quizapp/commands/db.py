"""``quizapp db upgrade``: the administrator brings the class database to this version's schema.

Students' and teachers' logins may not change the schema, so the app never migrates a class
database by itself; the administrator runs this once per quizapp update (with the database
owner's login). The SQLite file on a machine is still upgraded automatically when opened.
"""

from __future__ import annotations

import argparse
import sys

from quizapp.commands.outcome import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizapp.i18n import _


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``db upgrade`` to ``sub``."""
    db = sub.add_parser("db", help=_("set up or upgrade the school’s class database"))
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser(
        "upgrade",
        help=_("bring the class database to this version’s layout (administrator)"),
        description=_(
            "Create or upgrade the tables, roles and access rules in the class database "
            "given by --database or QUIZAPP_DATABASE_URL. Run it with the database owner’s "
            "login, once after installing a new version of quizapp."
        ),
    )
    upgrade.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        metavar="URL",
        help=_("the class database, e.g. postgresql+psycopg://owner@server/quizapp"),
    )


def run(args: argparse.Namespace) -> int:
    """Carry out ``db upgrade``; 0 done, 1 failed (message on stderr), 2 no database given."""
    from quizapp.paths import database_url
    from quizapp.storage.engine import display_url, is_server_url
    from quizapp.storage.errors import StorageError

    url = database_url(args.database)
    if url is None or not is_server_url(url):
        sys.stderr.write(
            _(
                "quizapp db upgrade: give the class database with --database "
                "postgresql+psycopg://USER@HOST/DATABASE (or set QUIZAPP_DATABASE_URL)."
            )
            + "\n"
        )
        return EXIT_USAGE
    from quizapp.logging_setup import log_to_data_folder, stop_logging
    from quizapp.paths import data_dir
    from quizapp.storage import migrate

    log_to_data_folder(data_dir(args.data_dir))
    try:
        before, after = migrate.upgrade_server(url)
    except StorageError as error:
        sys.stderr.write(f"quizapp: {error.message} {error.hint}\n")
        return EXIT_FAILED
    finally:
        stop_logging()
    where = display_url(url)
    if before == after:
        print(
            _("%(database)s is up to date (%(revision)s).") % {"database": where, "revision": after}
        )
    else:
        print(
            _("%(database)s upgraded from %(old)s to %(new)s.")
            % {"database": where, "old": before or _("empty"), "new": after}
        )
    return EXIT_OK
