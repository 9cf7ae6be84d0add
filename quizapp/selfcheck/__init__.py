"""The app checking itself through its own screens, the way a student uses them.

One driver (:mod:`quizapp.selfcheck.driver`: nickname, set, Start, answer, Submit) is used by
``quizapp --smoke-test`` (:mod:`~quizapp.selfcheck.smoke`, also run on the frozen bundle), by the
``QUIZAPP_TEST_AUTOPLAY`` hook (:mod:`~quizapp.selfcheck.autoplay`) and by the UI tests.
"""
