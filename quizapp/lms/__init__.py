"""Question sets for the school's learning platform: Moodle XML and QTI 3.0 content packages.

Pure Python, no Qt: the command line (``quizapp export``) and the teacher area write through
:func:`quizapp.lms.export.export_sets`. What a format cannot carry is collected as
:class:`quizapp.lms.losses.Loss` entries, shown to the teacher and written into the file.
"""
