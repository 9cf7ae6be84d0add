"""The PDF class report's content as HTML for Qt's QTextDocument, plus the charts it embeds.

Pure Python: the Qt side (:mod:`quizapp.reports.pdf_report`) draws each :class:`BarChart` and
:class:`FacilityBar` into an image registered under its ``name`` and lays the HTML out on
pages. Every number a chart shows is also printed as text (on the bars, or beside them), so
nothing depends on seeing colours, and the PDF's text can be searched and read aloud.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from quizapp.core.score_text import score_line
from quizapp.i18n import _, ngettext
from quizapp.reports.class_report import ClassReport, ScoreBin, SetReport, StudentLine
from quizapp.reports.dataset import to_local
from quizapp.reports.formatting import DASH, day, moment, number, percent
from quizapp.reports.item_analysis import ItemFlag, ItemStats, SetAnalysis
from quizapp.reports.report_tables import (
    CONFIDENCE_LABELS,
    LEVEL_LABELS,
    SKILL_LABELS,
    TYPE_LABELS,
    choice_summary,
    label,
    written_answers,
)

ZEBRA = "#f2f2f2"
#: The students table, and each task's written answers, stop after this many rows (the XLSX
#: and CSV files have all of them): a whole school's PDF stays the size of a class's.
MAX_STUDENT_ROWS = 400

_FLAG_SHORT = {
    ItemFlag.TOO_FEW_RESPONSES: "n<5",
    ItemFlag.LOW_EFFICIENCY: "DE<15%",
    ItemFlag.NEGATIVE_DISCRIMINATION: "D<0",
    ItemFlag.CHANGED: "edit",
}

_STYLE = """
body { font-size: 9pt; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; margin-bottom: 4pt; }
h3 { font-size: 10.5pt; margin-top: 10pt; margin-bottom: 3pt; }
p.meta { color: #333333; }
p.note { background-color: #fff3c4; font-weight: bold; }
p.small, td.small, span.small { font-size: 7.5pt; color: #333333; }
th { background-color: #e4e4e4; font-weight: bold; text-align: left; }
td.num, th.num { text-align: right; }
"""


@dataclass(frozen=True)
class BarChart:
    """A score distribution: one labelled bar per bin, its count written on it."""

    name: str
    labels: tuple[str, ...]
    counts: tuple[int, ...]
    x_title: str
    y_title: str
    width_px: int
    height_px: int


@dataclass(frozen=True)
class FacilityBar:
    """A small horizontal bar for a facility, with a tick at the random-guess score."""

    name: str
    value: float
    guess: float
    width_px: int
    height_px: int


@dataclass
class PdfContent:
    """The HTML of the report and the charts it refers to by name, sized in device pixels."""

    text_width_px: int
    dpi: int
    html: str = ""
    charts: list[BarChart | FacilityBar] = field(default_factory=list)

    def px(self, millimetres: float) -> int:
        """A length on the page in device pixels."""
        return round(millimetres / 25.4 * self.dpi)

    def img(self, chart: BarChart | FacilityBar) -> str:
        """Register ``chart`` and return the ``<img>`` tag showing it at its size."""
        self.charts.append(chart)
        # QTextDocument reads <img> sizes as 96-dpi CSS pixels and scales them to the device.
        width = round(chart.width_px * 96 / self.dpi)
        height = round(chart.height_px * 96 / self.dpi)
        return f"<img src='{chart.name}' width='{width}' height='{height}'>"


def build_content(report: ClassReport, text_width_px: int, dpi: int) -> PdfContent:
    """The report's HTML (texts in the current language) and its charts.

    ``text_width_px`` and ``dpi`` describe the page the Qt side lays the HTML out on.
    """
    content = PdfContent(text_width_px, dpi)
    parts = [f"<html><head><style>{_STYLE}</style></head><body>", *_heading(report)]
    for n, set_report in enumerate(report.sets):
        parts += _set_section(report, set_report, f"set{n}", content, new_page=n > 0)
    parts += _students_section(report)
    parts += _legend()
    parts.append("</body></html>")
    content.html = "".join(parts)
    return content


def _heading(report: ClassReport) -> list[str]:
    dataset, lang = report.dataset, report.language
    filters = dataset.filters
    facts = [_("Created %(when)s") % {"when": moment(to_local(dataset.generated_at), lang)}]
    if filters.group is not None:
        facts.append(_("Group: %(group)s") % {"group": filters.group or _("(no group)")})
    if filters.set_id is not None:
        facts.append(_("Set: %(set)s") % {"set": _set_title(report, filters.set_id)})
    if filters.date_from or filters.date_to:
        start = day(filters.date_from, lang) if filters.date_from else "…"
        end = day(filters.date_to, lang) if filters.date_to else "…"
        facts.append(_("Period: %(start)s – %(end)s") % {"start": start, "end": end})
    if filters.language:
        facts.append(_("Attempts in: %(language)s") % {"language": filters.language})
    parts = ["<h1>" + escape(_("Class report")) + "</h1>", _p(" · ".join(facts), "meta")]
    if dataset.includes_demo:
        parts.append(_p(_("Simulated demo class: these are not real students."), "note"))
    if dataset.pseudonymised:
        parts.append(_p(_("Names are replaced by codes (pseudonymised)."), "meta"))
    students = len(dataset.students)
    summary = [
        ngettext("%(n)d student", "%(n)d students", students) % {"n": students},
        ngettext(
            "%(n)d finished attempt at a whole set",
            "%(n)d finished attempts at a whole set",
            report.finished_attempts,
        )
        % {"n": report.finished_attempts},
        ngettext("%(n)d answer", "%(n)d answers", dataset.answer_count)
        % {"n": dataset.answer_count},
    ]
    if report.practice_attempts:
        # Practice rounds are named apart, never counted as attempts at the set.
        summary.append(
            ngettext("%(n)d practice round", "%(n)d practice rounds", report.practice_attempts)
            % {"n": report.practice_attempts}
        )
    parts.append(_p(" · ".join(summary)))
    if not report.sets:
        parts.append(_p(_("No results match the chosen filters.")))
    return parts


def _set_section(
    report: ClassReport, set_report: SetReport, key: str, content: PdfContent, *, new_page: bool
) -> list[str]:
    lang = report.language
    parts = [_h2(escape(set_report.title), new_page=new_page)]
    analysis = set_report.analysis
    if analysis is None:
        parts.append(
            _p(_("This set is not in the question content, so only the answers are listed."))
        )
        return parts
    parts.append(_p(_score_summary(analysis, lang)))
    if set_report.distribution:
        chart = _distribution_chart(f"chart:{key}-scores", set_report.distribution, content)
        parts.append(f"<p>{content.img(chart)}</p>")
    parts += _item_table(analysis, key, lang, content)
    parts += _flagged(analysis)
    parts += _support(analysis, lang)
    parts += _calibration(analysis, lang)
    parts += _written(report, set_report, lang)
    return parts


def _written(report: ClassReport, set_report: SetReport, lang: str) -> list[str]:
    """The texts students wrote for short_text tasks (first attempts), so teachers read them."""
    parts: list[str] = []
    for task, answers in written_answers(report, set_report):
        rows = [
            f"<tr><td>{escape(answer.student)}</td><td>{escape(answer.text)}</td>"
            f"<td class='num'>{percent(answer.credit, lang)}</td></tr>"
            for answer in answers[:MAX_STUDENT_ROWS]
        ]
        head = (
            _nowrap_header(_("Student")) + "<th>" + escape(_("Text")) + "</th>"
            "<th class='num'>" + escape(_("Rubric met")) + "</th>"
        )
        prompt = " ".join(task.prompt.split())
        parts.append(f"<p><b>{escape(task.id)}</b> – {escape(prompt)}</p>")
        parts.append(_table(head, rows))
        parts += _more_students(len(answers) - len(rows))
    if parts:
        parts.insert(0, "<h3>" + escape(_("Written answers (first attempts)")) + "</h3>")
    return parts


def _score_summary(analysis: SetAnalysis, lang: str) -> str:
    n = analysis.students
    text = ngettext("%(n)d first attempt", "%(n)d first attempts", n) % {"n": n}
    if analysis.scores and analysis.mean_score is not None:
        # The mean in right answers too, so it reads against the histogram below it.
        text += " · " + _(
            "mean score %(mean)s (on average %(right)s of %(total)d right), median %(median)s"
        ) % {
            "mean": percent(analysis.mean_score, lang),
            "right": number(analysis.mean_score * len(analysis.items), lang, 1),
            "total": len(analysis.items),
            "median": percent(analysis.median_score, lang),
        }
    return text


def _distribution_chart(name: str, bins: tuple[ScoreBin, ...], content: PdfContent) -> BarChart:
    if bins[0].in_percent:
        labels = tuple(f"{b.low}–{b.high}" for b in bins)
        x_title = _("Score on the first attempt (%)")
    else:
        labels = tuple(str(b.low) for b in bins)
        x_title = _("Right answers on the first attempt")
    counts = tuple(b.count for b in bins)
    width = min(content.text_width_px, content.px(14) * len(bins))
    return BarChart(name, labels, counts, x_title, _("Students"), width, content.px(45))


def _item_table(analysis: SetAnalysis, key: str, lang: str, content: PdfContent) -> list[str]:
    headers = [
        ("#", "num"),
        (_("Question"), ""),
        ("n", "num"),
        (_("Facility"), ""),
        ("SD", "num"),
        ("D", "num"),
        ("DE", "num"),
        (_("Guess"), "num"),
        (_("Check"), ""),
    ]
    head = "".join(f"<th class='{cls}'>{escape(text)}</th>" for text, cls in headers)
    rows = []
    for item in analysis.items:
        bar_cell = percent(item.facility, lang)
        if item.facility is not None:
            name = f"chart:{key}-q{item.number}"
            bar = FacilityBar(name, item.facility, item.guess_score, content.px(18), content.px(3))
            bar_cell = f"{content.img(bar)} {bar_cell}"
        rows.append(
            "<tr>"
            f"<td class='num'>{item.number}</td>"
            f"<td>{_question_cell(item, lang)}</td>"
            f"<td class='num'>{item.responses}</td>"
            f"<td>{bar_cell}</td>"
            f"<td class='num'>{percent(item.sd, lang)}</td>"
            f"<td class='num'>{percent(item.discrimination, lang)}</td>"
            f"<td class='num'>{percent(item.efficiency, lang)}</td>"
            f"<td class='num'>{percent(item.guess_score, lang)}</td>"
            f"<td>{escape(' '.join(_FLAG_SHORT[f] for f in item.flags))}</td>"
            "</tr>"
        )
    return ["<h3>" + escape(_("Questions")) + "</h3>", _table(head, rows)]


def _question_cell(item: ItemStats, lang: str) -> str:
    question = item.question
    kind = ", ".join(
        (
            label(TYPE_LABELS, question.type.value),
            label(SKILL_LABELS, question.skill.value),
            label(LEVEL_LABELS, question.level.value),
        )
    )
    return (
        # The whole prompt: the cell wraps it (a shortened one was cut mid-word).
        f"{escape(' '.join(question.prompt.split()))}<br>"
        f"<span class='small'>{escape(question.id)} · {escape(kind)}<br>"
        f"{escape(choice_summary(item, lang))}</span>"
    )


def _flagged(analysis: SetAnalysis) -> list[str]:
    flagged = analysis.flagged
    if not flagged:
        return [_p(_("No question is flagged."))]
    items = "".join(
        f"<li><b>{item.number}. {escape(item.question.id)}</b> – "
        f"{escape(' '.join(flag.reason for flag in item.flags))}</li>"
        for item in flagged
    )
    # Qt's layout drops a heading's top margin right after a table: an empty line keeps the
    # heading clear of the questions table above it.
    return [_GAP, "<h3>" + escape(_("Questions to check")) + f"</h3><ul>{items}</ul>"]


#: An empty line between a table and the heading after it.
_GAP = "<p style='margin-top: 0; margin-bottom: 0'>&nbsp;</p>"


def _nowrap_header(text: str, css_class: str = "") -> str:
    """A header cell that never breaks ("Schüler/in" stays on one line)."""
    cls = f" class='{css_class}'" if css_class else ""
    return f"<th{cls} style='white-space: nowrap'>{escape(text)}</th>"


def _support(analysis: SetAnalysis, lang: str) -> list[str]:
    support = analysis.support
    if support is None:
        return []
    text = _(
        "Statements to judge (“Does the article support this?”): hit rate %(hits)s "
        "(said “supported” when it was), false-alarm rate %(fa)s (said “supported” when it "
        "was not), d′ = %(d)s."
    ) % {
        "hits": percent(support.hit_rate, lang),
        "fa": percent(support.false_alarm_rate, lang),
        "d": number(support.d_prime, lang),
    }
    return ["<h3>" + escape(_("Supported or not?")) + "</h3>", _p(text)]


def _calibration(analysis: SetAnalysis, lang: str) -> list[str]:
    if not analysis.calibration:
        return []
    head = (
        "<th>" + escape(_("Confidence")) + "</th><th class='num'>" + escape(_("Answers")) + "</th>"
        "<th class='num'>" + escape(_("Right")) + "</th>"
    )
    rows = [
        f"<tr><td>{escape(label(CONFIDENCE_LABELS, row.confidence.value))}</td>"
        f"<td class='num'>{row.total}</td>"
        f"<td class='num'>{percent(row.right / row.total, lang)}</td></tr>"
        for row in analysis.calibration
    ]
    return ["<h3>" + escape(_("Confidence and correctness")) + "</h3>", _table(head, rows, "60%")]


def _students_section(report: ClassReport) -> list[str]:
    if not report.students:
        return []
    head = _nowrap_header(_("Student")) + _nowrap_header(_("Group"))
    for set_report in report.sets:
        # TRANSLATORS: column header, a set's title then "first attempt"
        first = _("%(set)s – first") % {"set": set_report.title}
        head += "<th class='num'>" + escape(first) + "</th>"
        head += "<th class='num'>" + escape(_("best")) + "</th>"
    lines = report.students[:MAX_STUDENT_ROWS]
    rows = [_student_row(report, line) for line in lines]
    parts = [_h2(escape(_("Students")), new_page=bool(report.sets)), _table(head, rows)]
    return parts + _more_students(len(report.students) - len(lines))


def _more_students(hidden: int) -> list[str]:
    """The note under a table cut at :data:`MAX_STUDENT_ROWS` rows (none if it was not)."""
    if not hidden:
        return []
    text = ngettext(
        "… and %(n)d more student: see the spreadsheet export.",
        "… and %(n)d more students: see the spreadsheet export.",
        hidden,
    )
    return [_p(text % {"n": hidden})]


def _student_row(report: ClassReport, line: StudentLine) -> str:
    cells = [escape(line.student.name), escape(line.student.group)]
    for set_report in report.sets:
        result = line.results.get(set_report.set_id)
        if result is None or result.first_score is None or result.first_total is None:
            first = DASH
        else:  # "9 of 15 right · 10.4 points", as on every screen (core/score_text.py)
            score = score_line(result.first_score, result.first_total, result.first_points)
            # One line each for the right answers and the points, never broken inside.
            first = "<br>".join(escape(p).replace(" ", "&nbsp;") for p in score.split(" · "))
        cells.append(first)
        cells.append(percent(result.best if result else None, report.language))
    tds = "".join(
        f"<td{' class=num' if n >= 2 else ''}>{cell}</td>" for n, cell in enumerate(cells)
    )
    return f"<tr>{tds}</tr>"


def _legend() -> list[str]:
    text = _(
        "How to read the questions table: all figures use each student’s first finished "
        "attempt at a set. n = number of first attempts; Facility = share of right answers "
        "(the bar; the thin line marks the random-guess score); SD = standard deviation; "
        "D = discrimination index, the correlation between this question and the rest of the "
        "set; DE = discriminative efficiency, D compared with the best it could be. "
        "Check: D<0 = negative discrimination, DE<15% = low efficiency, n<5 = too few "
        "attempts to judge, edit = answers given to an older version of the question. "
        "Under each question: how often each choice was picked, ✓ marks the right ones."
    )
    return ["<h3>" + escape(_("Reading this report")) + "</h3>", _p(text, "small")]


def _set_title(report: ClassReport, set_id: str) -> str:
    """The title of ``set_id`` as the report shows it (its id only if the content lacks it)."""
    return next((s.title for s in report.sets if s.set_id == set_id), set_id)


def split_table(html: str, table: int, row: int) -> str:
    """``html`` with its ``table``-th table (from 0) ended before body row ``row`` and continued
    as a new table, with the same header, on a new page.

    Qt's layout splits a table row across pages and knows no ``page-break-inside: avoid``; the
    PDF writer finds a row that would be split and moves it here (see ``pdf_report``).
    """
    start = -1
    for _n in range(table + 1):
        start = html.index("<table", start + 1)
    head_end = html.index("</thead>", start) + len("</thead>")
    opening = html[start : html.index(">", start) + 1]
    head = html[html.index("<thead>", start) : head_end]
    position = head_end
    for _n in range(row + 1):
        position = html.index("<tr", position + 1 if _n else position)
    continued = opening.replace("<table", "<table style='page-break-before: always'", 1)
    return f"{html[:position]}</table>{continued}{head}{html[position:]}"


def _h2(html: str, *, new_page: bool) -> str:
    style = " style='page-break-before: always'" if new_page else ""
    return f"<h2{style}>{html}</h2>"


def _p(text: str, css_class: str = "") -> str:
    attr = f" class='{css_class}'" if css_class else ""
    return f"<p{attr}>{escape(text)}</p>"


def _table(head: str, rows: list[str], width: str = "100%") -> str:
    # Every other row lightly shaded, so the eye can follow a row across a wide table.
    body = "".join(
        row.replace("<tr>", f"<tr bgcolor='{ZEBRA}'>", 1) if n % 2 else row
        for n, row in enumerate(rows)
    )
    return (
        f"<table width='{width}' cellspacing='0' cellpadding='3'>"
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )
