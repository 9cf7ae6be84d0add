"""PyInstaller entry script: the frozen app runs the same ``quizapp.cli.main`` as the source."""

from quizapp.cli import main

raise SystemExit(main())
