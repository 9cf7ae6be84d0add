"""A window with the app's ComboBox inside a scrolled page, driven from outside by xdotool.

Run on a real X display (``QT_QPA_PLATFORM=xcb``). It prints one JSON object per line:
``{"combo": [x, y, w, h]}`` (screen coordinates) once shown, ``{"items": [[x, y, w, h], …]}``
each time the list opens, ``{"text": …}`` on every change of the value and ``{"scroll": n}``
when the page scrolls. The test reads these lines; nothing here asserts anything.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from quizapp.ui.widgets.combo import ComboBox


def say(**record: object) -> None:
    print(json.dumps(record), flush=True)


class ProbeCombo(ComboBox):
    """Reports where its open list's items are, so the test can click one."""

    def showPopup(self) -> None:
        super().showPopup()
        QTimer.singleShot(300, self._report_items)

    def _report_items(self) -> None:
        view = self.view()
        rects = []
        for row in range(self.count()):
            rect = view.visualRect(self.model().index(row, 0))
            top_left = view.viewport().mapToGlobal(rect.topLeft())
            rects.append([top_left.x(), top_left.y(), rect.width(), rect.height()])
        say(items=rects)


def main() -> int:
    app = QApplication(sys.argv)
    page = QWidget()
    layout = QVBoxLayout(page)
    combo = ProbeCombo()
    combo.addItems(["Alpha", "Bravo", "Charlie", "Delta"])
    combo.setCurrentIndex(0)
    layout.addWidget(QLabel("A drop-down inside a page that scrolls"))
    layout.addWidget(combo)
    for number in range(60):
        layout.addWidget(QLabel(f"Line {number}"))
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.resize(400, 300)
    area.move(0, 0)
    combo.currentTextChanged.connect(lambda text: say(text=text))
    area.verticalScrollBar().valueChanged.connect(lambda value: say(scroll=value))
    area.show()

    def report_geometry() -> None:
        origin = combo.mapToGlobal(QPoint(0, 0))
        say(combo=[origin.x(), origin.y(), combo.width(), combo.height()])

    QTimer.singleShot(500, report_geometry)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
