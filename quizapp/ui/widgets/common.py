"""Small building blocks shared by the views: headings, wrapping text, pages, buttons.

Imported before the first window is shown, so it never touches ``Qt`` (the enum namespace):
building that costs about 15 ms, a seventh of a bare window's start-up. Enum-typed properties
are set by their key names through Qt's property system instead (:func:`set_qt_property`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from quizapp.ui.style import scaled_font, set_role

# Heading sizes relative to the body font: level 1 is a page title, 2 a section, 3 a card title.
_HEADING_SCALE = {1: 1.6, 2: 1.25, 3: 1.1}

# Layout spacing in multiples of the font height, so spacing grows with the font.
SPACING_EM = 0.6


def set_qt_property(widget: QWidget, name: str, key: str) -> None:
    """Set the enum- or flag-typed Qt property ``name`` by key, e.g. ("focusPolicy", "NoFocus")."""
    if not widget.setProperty(name, key):
        raise ValueError(f"{type(widget).__name__} has no property {name!r} taking {key!r}")


def em(widget: QWidget | None = None, factor: float = 1.0) -> int:
    """``factor`` times the height of the current font, in pixels (for margins and spacing)."""
    metrics = widget.fontMetrics() if widget is not None else QApplication.fontMetrics()
    return max(1, round(metrics.height() * factor))


def heading(level: int = 1, text: str = "") -> QLabel:
    """A bold, word-wrapped heading label, sized relative to the application font."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setFont(scaled_font(QApplication.font(), _HEADING_SCALE.get(level, 1.0), bold=True))
    label.setAccessibleName(text)
    return label


def text_label(text: str = "", *, muted: bool = False, selectable: bool = False) -> QLabel:
    """A plain-text, word-wrapped label (never interpreted as HTML: content is teacher text)."""
    label = QLabel(text)
    label.setWordWrap(True)
    set_qt_property(label, "textFormat", "PlainText")
    if muted:
        set_role(label, "muted", True, fresh=True)
    if selectable:
        set_qt_property(label, "textInteractionFlags", "TextSelectableByMouse")
    return label


def reading_stop(label: QLabel, name: str, description: str) -> None:
    """Make ``label`` a Tab stop that a screen reader reads whole (name, then description).

    For texts a student must be able to reach by keyboard, such as an explanation or a choice
    with its verdict: a screen reader reads what has focus, and a plain label never gets it.
    The text stays selectable with keyboard and mouse. An empty ``name`` keeps the label's own.
    """
    set_qt_property(label, "textInteractionFlags", "TextSelectableByMouse|TextSelectableByKeyboard")
    set_qt_property(label, "focusPolicy", "StrongFocus")
    set_role(label, "reading", True)
    if name:
        label.setAccessibleName(name)
    label.setAccessibleDescription(description)


def single_focus_node(area: QAbstractScrollArea) -> None:
    """Let only ``area`` say it has the focus, not its viewport too.

    Qt makes a scroll area the focus proxy of its viewport, so the viewport (an unnamed
    "filler" to a screen reader) claims the focus along with the text it shows. Clicks still
    focus the area: Qt gives the focus to the first parent that takes clicks.
    """
    area.viewport().setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes nullptr here


def primary_button(text: str = "") -> QPushButton:
    """The one main action of a view: filled, bold, and the default for Enter."""
    button = QPushButton(text)
    set_role(button, "primary", True, fresh=True)
    return button


def set_button_text(button: QPushButton, text: str, description: str = "") -> None:
    """Set a button's visible text and its accessible name (and description) together."""
    button.setText(text)
    button.setAccessibleName(text.replace("&", ""))
    if description:
        button.setAccessibleDescription(description)


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of ``layout`` (used when a view is refilled)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        child = item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif child is not None:
            clear_layout(child)
            child.deleteLater()


class Page(QWidget):
    """A view's frame: a body with generous margins and a fixed footer for buttons.

    Subclasses add widgets to :attr:`body` (a vertical layout) and :attr:`footer` (horizontal).
    The body scrolls unless ``scrolling`` is false (for views whose main widget scrolls itself);
    its width is capped so lines stay readable on wide screens.
    """

    MAX_TEXT_WIDTH_EM = 42.0

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: FBT001 (a Qt override)
        """Tab and Shift+Tab; nothing while the page is being hidden.

        Qt calls this when the page holding the focus is hidden (another view comes to the
        front) and would pass the focus to the next control, which a screen reader announces,
        just before the new view focuses its own control. Left alone, the focus moves once.
        """
        if not self.isVisible():
            return True
        return super().focusNextPrevChild(next)

    def __init__(self, parent: QWidget | None = None, *, scrolling: bool = True) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        holder = QWidget()
        centring = QHBoxLayout(holder)
        centring.setContentsMargins(em(self, 1.6), em(self, 1.2), em(self, 1.6), em(self, 1.0))
        self.content = QWidget()
        self.content.setMaximumWidth(em(self, self.MAX_TEXT_WIDTH_EM))
        self.body: QVBoxLayout = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(em(self, SPACING_EM))
        # The side stretches only take space once the body has reached its maximum width.
        centring.addStretch(1)
        centring.addWidget(self.content, 30)
        centring.addStretch(1)
        self.scroller: QScrollArea | None = None
        # The body's area; a reading pane may sit beside it (see ``reading_page``).
        self.middle: QBoxLayout = QHBoxLayout()
        self.middle.setContentsMargins(0, 0, 0, 0)
        self.middle.setSpacing(0)
        self.main_area: QWidget = holder
        if scrolling:
            self.scroller = QScrollArea()
            self.scroller.setWidgetResizable(True)
            self.scroller.setFrameShape(QFrame.Shape.NoFrame)
            set_qt_property(self.scroller, "focusPolicy", "NoFocus")
            self.scroller.setWidget(holder)
            self.main_area = self.scroller
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_moved)
        self.middle.addWidget(self.main_area, 3)
        outer.addLayout(self.middle, 1)
        footer_frame = QFrame()
        self.footer: QBoxLayout = QHBoxLayout(footer_frame)
        self.footer.setContentsMargins(em(self, 1.6), em(self, 0.6), em(self, 1.6), em(self, 0.9))
        self.footer.setSpacing(em(self, SPACING_EM))
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(rule)
        outer.addWidget(footer_frame)

    def scroll_to_top(self) -> None:
        """Show the start of the body (a refilled view must not keep the old scroll position)."""
        if self.scroller is not None:
            self.scroller.verticalScrollBar().setValue(0)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the focused control in view: Tab must never move the focus off-screen."""
        scroller = self.scroller
        if new is not None and scroller is not None and scroller.isAncestorOf(new):
            # A button inside a card brings its whole card (text and details) into view.
            holder = new.parentWidget()
            card = holder is not None and holder.property("card") == "true"
            self.ensure_visible(holder if card and holder is not None else new)

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll the body so ``widget`` is in view (keyboard focus moved there)."""
        if self.scroller is not None:
            self.scroller.ensureWidgetVisible(widget, em(self, 1.0), em(self, 1.0))
