"""Floor for "cold start to ready": the bare window plus what any SQLModel app must do.

Shows the bare window, imports sqlmodel, opens (creates) an SQLite file in the folder given as
the first argument and runs one query, says so in the label, then quits after one event-loop
turn (with ``BENCH_KEEP_OPEN=1``, the on-screen benchmark, it stays open until killed).
"""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    """Show the window, open the DB, show that it is open, quit."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("bare window")
    window.setCentralWidget(label)
    window.show()

    def open_db() -> None:
        import sqlmodel
        from sqlalchemy import text

        engine = sqlmodel.create_engine(f"sqlite:///{Path(sys.argv[1]) / 'floor.sqlite'}")
        with engine.connect() as connection:
            connection.execute(text("select 1")).all()
        label.setText("bare window: database open")
        if os.environ.get("BENCH_KEEP_OPEN") != "1":
            QTimer.singleShot(0, app.quit)

    QTimer.singleShot(0, open_db)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
