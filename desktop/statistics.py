"""统计: the figures the centres report for a chosen period, each with its definition,
and charts by type, month, level, village and of the follow-up survey.

The figures are computed by ``casework.figures`` on the writer thread (about a second
with 100,000 cases); the page shows a busy bar meanwhile and keeps the last figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casework import figures
from casework.figures import Figures, Period, Tally
from desktop import labels, messages
from desktop.backend import Backend
from desktop.formatting import plain_date
from desktop.style import make_error, make_heading

# casework.figures.DEFINITIONS, marked here for pyside6-lupdate (it reads desktop/ only);
# the page translates the casework text itself, so the two cannot drift apart unseen
# (tests/desktop/test_statistics.py compares them).
MARKED_DEFINITIONS = (
    QT_TRANSLATE_NOOP("Figures", "Cases received = cases recorded in the period"),
    QT_TRANSLATE_NOOP("Figures", "Cases accepted = cases accepted in the period (by the village, "
                      "or by the desk when escalated first)"),
    QT_TRANSLATE_NOOP("Figures", "Cases closed = cases first reaching an agreement or a "
                      "termination in the period (refusals at intake excluded)"),
    QT_TRANSLATE_NOOP("Figures", "Closure rate = cases closed / cases accepted in the period"),
    QT_TRANSLATE_NOOP("Figures", "Mediation success rate = agreements / (agreements + "
                      "terminations) of the cases closed in the period"),
    QT_TRANSLATE_NOOP("Figures", "Handling time = days from acceptance to closure of the cases "
                      "closed in the period (median and mean)"),
    QT_TRANSLATE_NOOP("Figures", "Resolved at each level = share of the cases closed in the "
                      "period, each counted at the level that closed it"),
    QT_TRANSLATE_NOOP("Figures", "Overdue = cases open past their deadline at the end of the "
                      "period + cases closed in the period after their deadline"),
    QT_TRANSLATE_NOOP("Figures", "Follow-up survey = answers given at the follow-up visits made "
                      "in the period"),
)  # fmt: skip

CARDS = ("received", "accepted", "closed", "closure_rate", "success_rate", "handling_time",
         "levels", "overdue")  # fmt: skip
CHARTS = ("by_type", "by_month", "by_level", "survey", "by_village")  # by village: last, may hide
CHOICES = ("this_month", "last_month", "this_year", "custom")
DEFINITION_COLOUR = QColor("#5f6368")  # grey: read after the figure, not before it


def definition(name: str) -> str:
    """The one-line definition of a figure, translated."""
    return QCoreApplication.translate("Figures", figures.DEFINITIONS[name])


def _number(value: float, decimals: int = 0) -> str:
    """A count (no decimals) or a measure, as the chosen locale writes numbers."""
    if decimals:
        return QLocale().toString(float(value), "f", decimals)
    return QLocale().toString(int(value))


def _percent(share: float | None) -> str:
    return "—" if share is None else _number(share * 100, 1) + "%"


def period_of(choice: str, today: dt.date) -> Period | None:
    """The period a preset names (None for a custom one)."""
    presets = {"this_month": Period.this_month, "last_month": Period.last_month,
               "this_year": Period.this_year}  # fmt: skip
    make = presets.get(choice)
    return make(today) if make else None


class PeriodChooser(QWidget):
    """This month / last month / this year, or from–to (both days included).

    Signals:
        changed(object): the period chosen; carries a casework.figures.Period.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox(self)
        for code, text in zip(CHOICES, (self.tr("This month"), self.tr("Last month"),
                                        self.tr("This year"), self.tr("From – to")),
                              strict=True):  # fmt: skip
            self.choice.addItem(text, code)
        self.start = self._date_edit()
        self.end = self._date_edit()
        self.problem = make_error(QLabel(self))
        self.problem.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Period"), self))
        layout.addWidget(self.choice)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.end)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self._show(Period.this_month(dt.date.today()))
        self.choice.currentIndexChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def period(self) -> Period:
        """The period shown (its start may be after its end: see ``valid``)."""
        return Period(self.start.date().toPython(), self.end.date().toPython())  # type: ignore[arg-type]

    def valid(self) -> bool:
        """Whether the period runs forwards."""
        period = self.period()
        return period.start <= period.end

    def choose(self, choice: str) -> None:
        """Pick a preset (or "custom") as a clerk does in the list."""
        self.choice.setCurrentIndex(CHOICES.index(choice))

    def set_dates(self, start: dt.date, end: dt.date) -> None:
        """Type a custom period into the two date fields."""
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def _show(self, period: Period) -> None:
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)  # one period, one change: not one per field
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _preset_chosen(self) -> None:
        preset = period_of(self.choice.currentData(), dt.date.today())
        if preset is not None:
            self._show(preset)
        self._announce()

    def _dates_edited(self) -> None:
        if self.choice.currentData() != "custom":
            self.choice.blockSignals(True)  # typing a date makes the period a custom one
            self.choice.setCurrentIndex(CHOICES.index("custom"))
            self.choice.blockSignals(False)
        self._announce()

    def _announce(self) -> None:
        self.problem.setVisible(not self.valid())
        if not self.valid():
            self.problem.setText(self.tr("The first day is after the last day."))
            return
        self.changed.emit(self.period())


class FigureCard(QFrame):
    """One figure: its name, its value, a detail line, and its definition beneath."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title, self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.value = make_heading(QLabel("—", self))
        self.detail = QLabel(self)
        self.definition = QLabel(text, self)
        self.definition.setWordWrap(True)
        small = self.definition.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.definition.setFont(small)
        palette = self.definition.palette()
        palette.setColor(QPalette.ColorRole.WindowText, DEFINITION_COLOUR)
        self.definition.setPalette(palette)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.value, self.detail, self.definition):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_value(self, value: str, detail: str = "") -> None:
        """Show a value and what it is made of."""
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


# --- charts ----------------------------------------------------------------------------------


def _bar_chart(title: str, categories: Sequence[str], sets: Sequence[tuple[str, Sequence[int]]],
               *, horizontal: bool = False) -> QChart:  # fmt: skip
    """Bars of each set over the categories (horizontal for long category names)."""
    chart = QChart()
    chart.setTitle(title)
    series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    for name, values in sets:
        bar_set = QBarSet(name)
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(list(categories))
    names.setTruncateLabels(False)  # a type's name in full: the chart makes room for it
    counts = QValueAxis()
    top = max((v for _name, values in sets for v in values), default=0)
    counts.setRange(0, max(top, 1))
    counts.setLabelFormat("%d")
    counts.setTickCount(min(max(top, 1), 5) + 1)
    counts.applyNiceNumbers()  # ticks at 0, 10, 20…, not at 11, 23, 34…
    left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
    chart.addAxis(names, left if horizontal else bottom)
    chart.addAxis(counts, bottom if horizontal else left)
    series.attachAxis(names)
    series.attachAxis(counts)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _pie_chart(title: str, slices: Sequence[tuple[str, int]]) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    series = QPieSeries()
    total = sum(value for _label, value in slices)
    for label, value in slices:
        share = _percent(value / total) if total else "—"
        series.append(f"{label} {_number(value)} ({share})", float(value))  # in the legend
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def _tallies(title: str, rows: Sequence[tuple[str, Tally]], *, horizontal: bool = False) -> QChart:
    """Received, accepted and closed per line; a horizontal chart (the dispute types, many
    and long-named) shows received and closed only, so that its bars stay readable."""
    names = [name for name, _tally in rows]
    # The cards' own names: a bar says the same as the figure above it.
    received = QCoreApplication.translate("StatisticsPage", "Cases received")
    accepted = QCoreApplication.translate("StatisticsPage", "Cases accepted")
    closed = QCoreApplication.translate("StatisticsPage", "Cases closed")
    sets = [(received, [t.received for _n, t in rows])]
    if not horizontal:
        sets.append((accepted, [t.accepted for _n, t in rows]))
    sets.append((closed, [t.closed for _n, t in rows]))
    if horizontal:  # the first line at the top, as a list reads
        names, sets = names[::-1], [(n, values[::-1]) for n, values in sets]
    return _bar_chart(title, names, sets, horizontal=horizontal)


def month_label(key: str, months: Sequence[str]) -> str:
    """A month of a breakdown ("YYYY-MM") as short as can be read: its name within one
    year (3月, Mar), with the year when the period spans several."""
    year, month = int(key[:4]), int(key[5:])
    name = QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)
    if len({m[:4] for m in months}) == 1:
        return name
    return f"{year % 100:02d}/{month}"


# --- the page --------------------------------------------------------------------------------


class StatisticsPage(QWidget):
    """统计: the figures of a period with their definitions, and charts.

    Signals:
        computed(object): new figures are shown; carries casework.figures.Figures.
    """

    computed = Signal(object)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._started = False  # nothing is computed before the store is open and set up
        self._computing = False
        self._stale = False
        self.figures: Figures | None = None
        self.title = make_heading(QLabel(self.tr("Statistics"), self))
        self.scope = QLabel(self)
        self.chooser = PeriodChooser(self)
        self.chooser.changed.connect(lambda _period: self.refresh())
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # a second or so: a busy bar, no steps to count
        self.busy.setMaximumWidth(160)
        self.busy.setFormat(self.tr("Computing…"))
        self.busy.hide()
        self.cards = self._make_cards()
        self.charts = {name: self._chart_view() for name in CHARTS}
        self._lay_out()
        backend.cases_changed.connect(self._case_changed)

    def _make_cards(self) -> dict[str, FigureCard]:
        titles = {
            "received": self.tr("Cases received"), "accepted": self.tr("Cases accepted"),
            "closed": self.tr("Cases closed"), "closure_rate": self.tr("Closure rate"),
            "success_rate": self.tr("Mediation success rate"),
            "handling_time": self.tr("Handling time"),
            "levels": self.tr("Resolved at village / town / district"),
            "overdue": self.tr("Overdue cases"),
        }  # fmt: skip
        return {name: FigureCard(titles[name], definition(name), self) for name in CARDS}

    def _chart_view(self) -> QChartView:
        view = QChartView(QChart(), self)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(300)
        return view

    def _lay_out(self) -> None:
        body = QWidget(self)
        grid = QGridLayout()
        for index, name in enumerate(CARDS):
            grid.addWidget(self.cards[name], index // 4, index % 4)
        charts = QGridLayout()
        # The fifteen dispute types get the whole width and room for their names.
        charts.addWidget(self.charts["by_type"], 0, 0, 1, 2)
        self.charts["by_type"].setMinimumHeight(460)
        for index, name in enumerate(CHARTS[1:]):
            place = self._survey_box(body) if name == "survey" else self.charts[name]
            charts.addWidget(place, 1 + index // 2, index % 2)
        column = QVBoxLayout(body)
        column.addLayout(grid)
        column.addLayout(charts)
        column.addStretch(1)
        self.scroll_area = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.busy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.scope)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def _survey_box(self, parent: QWidget) -> QWidget:
        """The survey chart with its definition beneath, as each figure has."""
        box = QWidget(parent)
        self.survey_note = QLabel(definition("survey"), box)
        self.survey_note.setWordWrap(True)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.charts["survey"].setParent(box)
        column.addWidget(self.charts["survey"], 1)
        column.addWidget(self.survey_note)
        return box

    def start(self) -> None:
        """Begin computing: called once the store is open and the laptop set up."""
        self._started = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Compute the figures of the chosen period again (in the background)."""
        if not self._started or not self.chooser.valid():
            return
        if self._computing:
            self._stale = True  # again once the answer on its way arrives
            return
        self._computing = True
        self.busy.show()
        period = self.chooser.period()
        self._backend.submit(lambda book: figures.compute(book, period), self._arrived,
                             self._failed)  # fmt: skip

    def _arrived(self, found: Figures) -> None:
        self._computing = False
        if self._stale:
            self._stale = False
            self.refresh()  # the period or the cases changed meanwhile: this one is old
            return
        self.busy.hide()
        self.show_figures(found)

    def _failed(self, error: BaseException) -> None:
        self._computing = False
        self._stale = False
        self.busy.hide()
        messages.report(self, error, "computing the figures")

    def _case_changed(self, _case_id: str) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # cases may have come by sync since it was last shown

    def show_figures(self, found: Figures) -> None:
        """Show ``found`` instead of what was shown."""
        self.figures = found
        self.scope.setText(self.tr("%1 · %2 to %3").replace("%1", found.scope_name)
                           .replace("%2", plain_date(found.period.start))
                           .replace("%3", plain_date(found.period.end)))  # fmt: skip
        self._fill_cards(found)
        self._fill_charts(found)
        self.computed.emit(found)

    def _fill_cards(self, found: Figures) -> None:
        cards = self.cards
        cards["received"].show_value(_number(found.received))
        cards["accepted"].show_value(_number(found.accepted))
        cards["closed"].show_value(_number(found.closed), self.tr(
            "Agreements %1 · terminations %2").replace("%1", _number(found.agreements))
            .replace("%2", _number(found.terminations)))  # fmt: skip
        cards["closure_rate"].show_value(_percent(found.closure_rate))
        cards["success_rate"].show_value(_percent(found.success_rate))
        median, mean = found.handling_days_median, found.handling_days_mean
        cards["handling_time"].show_value(
            "—" if median is None else self.tr("%1 days").replace("%1", _number(median, 1)),
            "" if mean is None else self.tr("Median; mean %1 days").replace("%1", _number(mean, 1)),
        )
        shares = [_percent(found.level_share(level)) for level in figures.LEVELS]
        cards["levels"].show_value(" / ".join(shares), " · ".join(
            f"{labels.level(level)} {_number(found.by_level.get(level, 0))}"
            for level in figures.LEVELS))  # fmt: skip
        cards["overdue"].show_value(_number(found.overdue), self.tr(
            "Open past the deadline %1 · closed late %2").replace("%1", _number(found.overdue_open))
            .replace("%2", _number(found.closed_late)))  # fmt: skip

    def _fill_charts(self, found: Figures) -> None:
        types = [(labels.dispute_type(code), tally) for code, tally in found.by_type.items()]
        villages = [(found.village_names.get(code, code), tally)
                    for code, tally in found.by_village.items()]  # fmt: skip
        levels = [(labels.level(level), found.by_level.get(level, 0)) for level in figures.LEVELS]
        self._set_chart("by_type", _tallies(self.tr("By dispute type"), types, horizontal=True))
        months = [(month_label(key, list(found.by_month)), tally)
                  for key, tally in found.by_month.items()]  # fmt: skip
        self._set_chart("by_month", _tallies(self.tr("By month"), months))
        self._set_chart("by_level", _pie_chart(self.tr("Cases closed, by level"), levels))
        self._set_chart("by_village", _tallies(self.tr("By village"), villages))
        self._set_chart("survey", self._survey_chart(found))
        self.charts["by_village"].setVisible(bool(found.by_village))  # a town's or the district's

    def _survey_chart(self, found: Figures) -> QChart:
        questions = [labels.survey_question(q) for q in figures.SURVEY]
        sets = [(labels.satisfaction(answer), [found.survey.answers[q][answer]
                                               for q in figures.SURVEY])
                for answer in figures.ANSWERS]  # fmt: skip
        title = self.tr("Follow-up survey (%n visit(s))", "", found.survey.visits)
        return _bar_chart(title, questions, sets)

    def _set_chart(self, name: str, chart: QChart) -> None:
        view = self.charts[name]
        old = view.chart()
        view.setChart(chart)  # the view owns the new chart; the old one is ours to delete
        if old is not None:
            old.deleteLater()
