"""Switching the UI language at runtime: gettext, Qt's own translations, and every view's texts.

Qt translates its standard buttons (OK, Cancel, Yes, No, Close) from ``qtbase_<lang>.qm``; that
file is looked up where Qt keeps it and, in the frozen bundle, next to the app's resources.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from quizapp import i18n
from quizapp.paths import resource_root

# Language names are shown in their own language, so everyone finds theirs.
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
_TRANSLATOR_NAME = "quizapp_qtbase_translator"


def qt_translation_dirs() -> list[Path]:
    """Folders that may hold ``qtbase_<lang>.qm``, most specific first."""
    root = resource_root()
    candidates = [
        root / "translations",
        root / "PySide6" / "Qt" / "translations",  # where the PyInstaller spec puts them
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    return [folder for folder in dict.fromkeys(candidates) if folder.is_dir()]


class LanguageSwitcher(QObject):
    """Owns the process language: ``switch()`` changes gettext, Qt's translator and the views."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, retranslate: Callable[[], None]) -> None:
        super().__init__(app)
        self._app = app
        self._retranslate = retranslate

    @property
    def language(self) -> str:
        """The language in effect now."""
        return i18n.current_language()

    def apply_initial(self, language: str) -> str:
        """Set the language before any widget exists (no views to retranslate yet)."""
        lang = i18n.setup(language)
        self._install_qt_translator(lang)
        return lang

    def switch(self, language: str) -> str:
        """Switch everything to ``language`` and re-read all visible texts at once."""
        lang = i18n.setup(language)
        self._install_qt_translator(lang)
        self._retranslate()
        self.changed.emit(lang)
        return lang

    def _install_qt_translator(self, language: str) -> None:
        # Qt's widgets (date fields, numbers) use the same regional format as the app's dates.
        locale = QLocale(i18n.format_locale(language))
        QLocale.setDefault(locale)
        # The default only reaches widgets made afterwards; widgets that exist already keep the
        # locale of their birth (often "C"), and screen readers pick their pronunciation rules
        # from it. Children without a locale of their own follow their window.
        for window in QApplication.topLevelWidgets():
            window.setLocale(locale)
        # Found by name on the application, so a translator left by an earlier window of the
        # same process (tests, screenshots) is replaced too, never stacked.
        for old in self._app.findChildren(QTranslator, _TRANSLATOR_NAME):
            self._app.removeTranslator(old)
            old.deleteLater()
        translator = QTranslator(self._app)
        translator.setObjectName(_TRANSLATOR_NAME)
        for folder in qt_translation_dirs():
            if translator.load(f"qtbase_{language}", str(folder)):
                self._app.installTranslator(translator)
                return
        translator.deleteLater()
