"""The app's look: Fusion with a light palette, fonts scaled from the system font, one stylesheet.

Sizes in the stylesheet are in ``em`` and fonts are derived from the application font, so the
whole app follows the system font size (and a teacher's larger font setting) instead of pixels.
Colours are fixed pairs (text on background) chosen for contrast; meaning is never carried by
colour alone, every state also has words and an icon.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

# Classroom screens are viewed from further away than office screens.
BASE_FONT_SCALE = 1.15

_BASE_SIZE_PROPERTY = "quizapp_system_point_size"

RIGHT_MARK = "✔"
WRONG_MARK = "✘"
PARTLY_MARK = "◐"  # partial credit: the words say "partly right" too

STYLESHEET = """
* { dialogbuttonbox-buttons-have-icons: 0; }
QScrollBar:vertical {
    background: #eceff3; width: 0.85em; margin: 0; border: none;
}
QScrollBar:horizontal {
    background: #eceff3; height: 0.85em; margin: 0; border: none;
}
QScrollBar::handle:vertical, QScrollBar::handle:horizontal {
    background: #8a96a3; border-radius: 0.3em; margin: 0.15em;
}
QScrollBar::handle:vertical { min-height: 2.5em; }
QScrollBar::handle:horizontal { min-width: 2.5em; }
QScrollBar::handle:hover { background: #5f6b78; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QPushButton { padding: 0.35em 1.1em; }
QPushButton[primary="true"] {
    background-color: #1d5fa6; color: #ffffff; font-weight: bold;
    border: 2px solid #1d5fa6; border-radius: 6px; padding: 0.45em 1.6em;
}
QPushButton[primary="true"]:hover { background-color: #174d87; border-color: #174d87; }
QPushButton[primary="true"]:pressed { background-color: #123c69; }
QPushButton[primary="true"]:focus { border: 2px solid #111111; background-color: #174d87; }
QPushButton[primary="true"]:disabled {
    background-color: #b9c8d8; border-color: #b9c8d8; color: #f5f7fa;
}
QFrame[card="true"] {
    background-color: #ffffff; border: 1px solid #c5ced8; border-radius: 8px;
}
QFrame[card="true"][checked="true"] { background-color: #eaf2fb; border: 2px solid #1d5fa6; }
QFrame[card="true"][focused="true"] { border: 2px solid #111111; }
QFrame[banner="right"], QFrame[banner="wrong"], QFrame[banner="notice"] { border-radius: 8px; }
QFrame[banner="right"] { background-color: #e6f4ea; border: 1px solid #2e7d32; }
QFrame[banner="right"] QLabel { color: #14532d; }
QFrame[banner="wrong"] { background-color: #fdecea; border: 1px solid #c62828; }
QFrame[banner="wrong"] QLabel { color: #7f1d1d; }
QFrame[banner="notice"], QFrame[banner="partial"] {
    background-color: #fff4d6; border: 1px solid #b7791f; border-radius: 8px;
}
QFrame[banner="partial"] QLabel { color: #4a3200; }
QFrame[banner="notice"] QLabel { color: #4a3200; }
QFrame[banner="quote"] {
    background-color: #f6f7f9; border-left: 4px solid #1d5fa6; border-radius: 2px;
}
QFrame[pane="article"] { background-color: #fbfaf7; }
QFrame[pane="article"][beside="true"] { border-left: 1px solid #d5dbe3; }
QTreeView::item { padding: 0.3em 0.2em; }
QLabel[muted="true"] { color: #4b5563; }
QLabel[reading="true"] { border: 2px solid transparent; border-radius: 4px; padding: 1px; }
QLabel[reading="true"]:focus { border: 2px solid #111111; }
QLabel[badge="right"] { color: #14532d; font-weight: bold; }
QLabel[badge="wrong"] { color: #9b1c1c; font-weight: bold; }
QLabel[state="unfinished"] { color: #7a4a00; font-weight: bold; }
QLabel[badge="missed"], QLabel[badge="partial"] { color: #7a4a00; font-weight: bold; }
"""


def apply_app_style(app: QApplication) -> None:
    """Fusion with its light palette, a larger base font and the app stylesheet.

    A fixed light palette keeps the chosen colour pairs readable even on a dark desktop theme.
    """
    app.setStyle("Fusion")
    style = app.style()
    app.setPalette(style.standardPalette())
    # Scale from the system size remembered on first use, so applying twice (tests, screenshots
    # start several windows in one process) does not grow the font again.
    base = app.property(_BASE_SIZE_PROPERTY)
    font = app.font()
    if base is None:
        base = font.pointSizeF()
        app.setProperty(_BASE_SIZE_PROPERTY, base)
    if float(base) > 0:  # a pixel-sized system font stays as the system set it
        font.setPointSizeF(float(base) * BASE_FONT_SCALE)
        app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """``base`` scaled by ``factor`` (relative to the system font, never a fixed size)."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold)
    return font


def set_role(
    widget: QWidget,
    name: str,
    value: str | bool,  # noqa: FBT001 (a Qt property value, as in setProperty)
    *,
    fresh: bool = False,
) -> None:
    """Set a stylesheet property (``primary``, ``banner``, ``card`` …) and re-apply the style.

    ``fresh``: the widget was just created and not shown yet, so Qt applies the style when it
    is first shown; skipping the re-polish here keeps the first window fast (polishing builds
    the style's Python enums, which costs start-up time).
    """
    widget.setProperty(name, "true" if value is True else "false" if value is False else value)
    if not fresh:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
