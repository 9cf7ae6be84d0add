"""``python -m quizapp`` runs the command line (no arguments: the GUI)."""

from quizapp.cli import main

raise SystemExit(main())
