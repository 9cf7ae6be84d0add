"""The ``quizapp`` sub-commands, one module per command group.

Each module has ``add_parser(sub)`` (argparse only, cheap: :mod:`quizapp.cli` builds the whole
parser even to start the GUI) and ``run(args)``, which imports what the command needs.
Exit codes (:mod:`quizapp.commands.outcome`): 0 done, 1 failed (a clear message on stderr, no
traceback), 2 bad usage.
"""
