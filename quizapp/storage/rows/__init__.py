"""One module per table (student, attempt, answer): the row as the rest of the app reads it,
the row as a results file carries it, and the codecs between them and the table.

Adding a column means ``tables.py``, one migration and the table's module here; repository,
exchange, sync and the class reader take their column lists from these modules.
"""
