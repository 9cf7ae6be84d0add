"""The class report as a PDF, laid out by Qt: QTextDocument for the text and tables, QPainter for
the charts, QPdfWriter for the file. The only module outside ``ui/`` that imports Qt.

Qt needs a QGuiApplication for fonts; the app's own is used when it runs, otherwise one is
created (on Linux without a display on the "offscreen" platform, so the command line works
over SSH and in CI). Pages are painted one by one so each gets a translated footer.

What Qt's PDF writer does not do by itself is done here: ligatures are switched off (a search
for "offen" must find "offen", not "o\ufb00en"); a table row that would be split across two
pages is moved to the next page with its table's header; characters no installed font has
(an emoji or CJK nickname on a machine without such fonts) are shown as a visible ``[U+…]``
instead of an empty box; font subsets get their tag in the font name
(:mod:`quizapp.reports.pdf_fonts`). Qt cannot write a tagged (structured) PDF.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import unicodedata
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMarginsF, QRectF, QSizeF, Qt, QThread, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextLayout,
    QTextTable,
)

from quizapp import __version__
from quizapp.i18n import _
from quizapp.reports.class_report import ClassReport
from quizapp.reports.dataset import to_local
from quizapp.reports.formatting import day
from quizapp.reports.pdf_fonts import tag_font_subsets
from quizapp.reports.pdf_html import BarChart, FacilityBar, build_content, split_table

DPI = 300
MARGIN_MM = 16.0
FOOTER_PX = 90  # room under the text for the footer line
FONT_FAMILIES = ["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Sans Serif"]
#: OpenType features switched off: ligatures would reach the text layer as "ﬀ", "ﬁ" …
NO_LIGATURES = ("liga", "clig", "dlig", "hlig")
#: A row taller than this share of a page is left to split (it cannot fit on one page).
MAX_WHOLE_ROW = 0.8
BAR_FILL = QColor("#3b6ea5")
BAR_EDGE = QColor("#1d3b5f")
TRACK = QColor("#e6e6e6")
INK = QColor("#111111")
_CENTER = Qt.AlignmentFlag.AlignHCenter

_app: QGuiApplication | None = None  # kept alive for the process when created here


def _main_thread() -> QThread | None:
    app = QGuiApplication.instance()
    return app.thread() if app is not None else None


def ensure_gui_application() -> None:
    """Make sure a QGuiApplication exists (fonts and painting need one)."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["quizapp"])


def write_pdf(report: ClassReport, path: Path) -> None:
    """Write ``report`` as an A4 PDF to ``path`` (texts in the current language).

    May run in a worker thread (the teacher area writes a big class's report there).
    """
    ensure_gui_application()
    # A Python worker thread has no Qt event dispatcher, and the text layout starts timers:
    # creating an event loop gives the thread one (it is never run).
    _dispatcher = QEventLoop() if QThread.currentThread() is not _main_thread() else None
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    writer.setTitle(_("Class report"))
    writer.setCreator(f"quizapp {__version__}")
    page = writer.pageLayout().paintRectPixels(DPI)
    document, html = _document(report, writer, page.width())
    document.setPageSize(QSizeF(page.width(), page.height() - FOOTER_PX))
    keep_rows_whole(document, html)
    _paint_pages(document, writer, report, path)
    tag_font_subsets(path)  # the painter has ended: the file is complete


def _document(report: ClassReport, writer: QPdfWriter, width: int) -> tuple[QTextDocument, str]:
    content = build_content(report, text_width_px=width, dpi=DPI)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # lay out in the PDF's units
    document.setDefaultFont(_font(9))
    document.setDocumentMargin(0)
    for chart in content.charts:
        image = _bar_chart(chart) if isinstance(chart, BarChart) else _facility_bar(chart)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(chart.name), image)
    html = shown_text(content.html)
    document.setHtml(html)
    return document, html


def keep_rows_whole(document: QTextDocument, html: str, max_moves: int = 500) -> int:
    """Move every table row that would be split across two pages to the next page.

    ``document`` shows ``html``. Finds the first split row, ends its table there and continues
    it on a new page (:func:`~quizapp.reports.pdf_html.split_table`), lays out again, and so
    on until no row is split. Returns how many rows were moved.
    """
    for moved in range(max_moves):
        split = _first_split_row(document)
        if split is None:
            return moved
        html = split_table(html, *split)
        document.setHtml(html)
    return max_moves


def _first_split_row(document: QTextDocument) -> tuple[int, int] | None:
    """(table, body row) of the first row whose text runs over a page end, if any."""
    layout = document.documentLayout()
    height = document.pageSize().height()
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    for number, table in enumerate(tables):
        header = table.format().headerRowCount()
        for row in range(header, table.rows()):
            top, bottom = height * 1e9, 0.0
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                first = layout.blockBoundingRect(cell.firstCursorPosition().block())
                last = layout.blockBoundingRect(cell.lastCursorPosition().block())
                top, bottom = min(top, first.top()), max(bottom, last.bottom())
            split = int(top // height) != int((bottom - 1) // height)
            # The first body row stays: moving it would leave its header alone on the page.
            if split and bottom - top <= height * MAX_WHOLE_ROW and row > header:
                return number, row - header
    return None


_ASCII = re.compile(r"[\x00-\x7f]*")


def shown_text(html: str) -> str:
    """``html`` with every character that no installed font can draw written as ``[U+…]``.

    Qt falls back to any installed font that has a character (an emoji or CJK font, say);
    only where none has it would the PDF show an empty box, so the reader sees the code.
    """
    if _ASCII.fullmatch(html):
        return html
    return "".join(ch if ch.isascii() or _drawable(ch) else f"[U+{ord(ch):04X}]" for ch in html)


@functools.lru_cache(maxsize=4096)
def _drawable(ch: str) -> bool:
    if unicodedata.category(ch) in ("Cf", "Mn", "Zs", "Cc"):
        return True  # joiners, variation selectors, marks and spaces draw nothing themselves
    layout = QTextLayout(ch, _font(9))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    return bool(runs) and all(index != 0 for run in runs for index in run.glyphIndexes())


def _paint_pages(
    document: QTextDocument, writer: QPdfWriter, report: ClassReport, path: Path
) -> None:
    height = document.pageSize().height()
    width = document.pageSize().width()
    pages = document.pageCount()
    created = day(to_local(report.dataset.generated_at).date(), report.language)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"Qt cannot write {path}")  # becomes OutputPathError (WRITE_FAILED)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * height)
            document.drawContents(painter, QRectF(0, index * height, width, height))
            painter.restore()
            footer = QRectF(0, height + FOOTER_PX / 3, width, FOOTER_PX * 2 / 3)
            painter.setFont(_font(7.5))
            painter.setPen(INK)
            title = _("Class report, %(day)s") % {"day": created}
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft, title)
            page_text = _("Page %(page)d of %(pages)d") % {"page": index + 1, "pages": pages}
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight, page_text)
    finally:
        ended = painter.end()
    if not ended:  # Qt reports a failed write here, if at all (the file is checked too)
        raise OSError(f"Qt could not finish {path}")


def _font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    for feature in NO_LIGATURES:
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _canvas(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    dots_per_meter = round(DPI / 0.0254)  # so font point sizes match the page
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor("white"))
    return image


def _bar_chart(chart: BarChart) -> QImage:
    """Vertical bars with the count above each bar and its label below."""
    image = _canvas(chart.width_px, chart.height_px)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(_font(7.5))
    line = painter.fontMetrics().height()
    left, right, top, bottom = 10, 10, int(line * 2.4), int(line * 2.6)
    plot = QRectF(left, top, chart.width_px - left - right, chart.height_px - top - bottom)
    painter.setPen(INK)
    painter.drawText(QRectF(0, 0, plot.width(), line), Qt.AlignmentFlag.AlignLeft, chart.y_title)
    slot = plot.width() / max(1, len(chart.counts))
    highest = max(chart.counts, default=0) or 1
    for n, (text, count) in enumerate(zip(chart.labels, chart.counts, strict=True)):
        x = plot.left() + n * slot
        bar_height = plot.height() * count / highest
        bar = QRectF(x + slot * 0.15, plot.bottom() - bar_height, slot * 0.7, bar_height)
        painter.setPen(QPen(BAR_EDGE, 2))
        painter.setBrush(BAR_FILL)
        if count:
            painter.drawRect(bar)
        painter.setPen(INK)
        above = QRectF(x, bar.top() - line * 1.1, slot, line)
        painter.drawText(above, _CENTER | Qt.AlignmentFlag.AlignBottom, str(count))
        below = QRectF(x, plot.bottom() + 4, slot, line)
        painter.drawText(below, _CENTER | Qt.AlignmentFlag.AlignTop, text)
    painter.setPen(QPen(INK, 2))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    title = QRectF(0, plot.bottom() + line * 1.3, chart.width_px, line * 1.2)
    painter.drawText(title, Qt.AlignmentFlag.AlignHCenter, chart.x_title)
    painter.end()
    return image


def _facility_bar(bar: FacilityBar) -> QImage:
    """A track with the facility filled in and a black tick at the random-guess score."""
    image = _canvas(bar.width_px, bar.height_px)
    painter = QPainter(image)
    track = QRectF(2, bar.height_px * 0.2, bar.width_px - 4, bar.height_px * 0.6)
    painter.setPen(QPen(BAR_EDGE, 1.5))
    painter.setBrush(TRACK)
    painter.drawRect(track)
    share = max(0.0, min(1.0, bar.value))
    filled = QRectF(track.left(), track.top(), track.width() * share, track.height())
    painter.setBrush(BAR_FILL)
    painter.drawRect(filled)
    x = track.left() + track.width() * bar.guess
    painter.setPen(QPen(INK, 4))
    painter.drawLine(round(x), 0, round(x), bar.height_px)
    painter.end()
    return image
