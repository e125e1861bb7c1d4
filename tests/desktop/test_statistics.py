"""统计 on real stores: the hand-checked figures of tests/casework/test_figures.py, each
with its definition on the page, recomputed when the period changes, and the charts
holding the same numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QChartView, QPieSeries
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import resources
from casework import figures
from casework.casebook import open_casebook
from casework.figures import Period
from desktop.backend import Backend
from desktop.statistics import CARDS, MARKED_DEFINITIONS, StatisticsPage
from tests.casework.test_figures import APRIL, MARCH, VILLAGE2, fill_table
from tests.casework.test_replay import TOWN, _book


@pytest.fixture
def stores(set_up_data_dir: Path, tmp_path: Path) -> dict[str, Path]:
    """开弦弓村's laptop (the backend fixture's store) and 七都镇's desk, with the cases of
    tests/casework/test_figures.py."""
    village = open_casebook(set_up_data_dir, resources.sample_org_tree())
    town = _book(tmp_path / "town", TOWN, "赵敏")
    other = _book(tmp_path / "village2", VILLAGE2, "李强")
    try:
        fill_table(village, town, other)
    finally:
        for book in (village, town, other):
            book.close()
    return {"village": set_up_data_dir, "town": tmp_path / "town"}


@pytest.fixture
def town_backend(qtbot: QtBot, stores: dict[str, Path]) -> Iterator[Backend]:
    """The writer on 七都镇's desk store, open."""
    errors: list[BaseException] = []
    writer = Backend(stores["town"], on_error=errors.append)
    with qtbot.waitSignal(writer.opened, timeout=10_000):
        writer.open()
    yield writer
    writer.shutdown()
    QApplication.processEvents()
    assert not errors, errors


def _page(qtbot: QtBot, backend: Backend) -> StatisticsPage:
    page = StatisticsPage(backend)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.start()
    qtbot.waitUntil(lambda: page.figures is not None)
    return page


def _choose(qtbot: QtBot, page: StatisticsPage, period: Period) -> None:
    """Type the period's two days, as a clerk does; wait for its figures."""
    page.chooser.set_dates(period.start, period.end)
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.period == period)


def _shown(page: StatisticsPage) -> dict[str, tuple[str, str]]:
    return {n: (c.value.text(), c.detail.text()) for n, c in page.cards.items()}


def _bars(view: QChartView) -> tuple[list[str], dict[str, list[float]]]:
    """The categories of a bar chart and each set's values, as drawn."""
    (series,) = view.chart().series()
    assert isinstance(series, QAbstractBarSeries)
    (axis,) = [a for a in series.attachedAxes() if isinstance(a, QBarCategoryAxis)]
    sets = {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}
    return axis.categories(), sets


def _slices(view: QChartView) -> list[float]:
    (series,) = view.chart().series()
    assert isinstance(series, QPieSeries)
    return [piece.value() for piece in series.slices()]


def test_the_village_sees_march_with_every_definition_beside_its_figure(
    qtbot: QtBot, stores: dict[str, Path], backend: Backend
) -> None:
    page = _page(qtbot, backend)
    assert page.chooser.period() == Period.this_month(dt.date.today())
    _choose(qtbot, page, MARCH)
    assert _shown(page) == {
        "received": ("6", ""), "accepted": ("5", ""),
        "closed": ("2", "Agreements 1 · terminations 1"),
        "closure_rate": ("40.0%", ""), "success_rate": ("50.0%", ""),
        "handling_time": ("13.5 days", "Median; mean 13.5 days"),
        "levels": ("100.0% / 0.0% / 0.0%", "Village 2 · Town 0 · District 0"),
        "overdue": ("3", "Open past the deadline 2 · closed late 1"),
    }  # fmt: skip
    rate = page.cards["closure_rate"].definition
    assert rate.text() == "Closure rate = cases closed / cases accepted in the period"
    assert rate.isVisible()  # on the page, not in a tooltip
    assert all(page.cards[name].definition.isVisible() for name in CARDS)
    assert page.scope.text().startswith("开弦弓村 · ")
    assert _bars(page.charts["by_month"]) == (
        ["Mar"],
        {"Cases received": [6], "Cases accepted": [5], "Cases closed": [2]},
    )
    assert _bars(page.charts["by_type"]) == (
        ["Neighbours"],
        {"Cases received": [6], "Cases closed": [2]},
    )
    assert _slices(page.charts["by_level"]) == [2, 0, 0]
    questions, answers = _bars(page.charts["survey"])
    assert questions == ["Attitude of the mediators", "Proper procedure", "Effect of the mediation"]
    assert answers == {"Satisfied": [1, 0, 1], "Basically satisfied": [0, 1, 0],
                       "Not satisfied": [0, 0, 0]}  # fmt: skip
    assert page.charts["by_village"].isHidden()  # one village: no breakdown by village


def test_changing_the_period_recomputes(
    qtbot: QtBot, stores: dict[str, Path], backend: Backend
) -> None:
    page = _page(qtbot, backend)
    _choose(qtbot, page, MARCH)
    _choose(qtbot, page, APRIL)  # C, accepted in March, and E, closed by the town
    assert page.chooser.choice.currentData() == "custom"
    shown = _shown(page)
    assert shown["closed"] == ("2", "Agreements 2 · terminations 0")
    assert shown["closure_rate"] == ("—", "")  # nothing accepted in April
    assert shown["levels"] == ("50.0% / 50.0% / 0.0%", "Village 1 · Town 1 · District 0")
    assert _slices(page.charts["by_level"]) == [1, 1, 0]
    with qtbot.waitSignal(page.computed) as done:
        page.chooser.choose("this_year")
    assert done.args[0].period == Period.this_year(dt.date.today())
    assert page.cards["received"].value.text() == "0"  # all of it happened in 2025
    assert len(_bars(page.charts["by_month"])[0]) == 12


def test_a_period_ending_before_it_starts_is_refused_and_not_computed(
    qtbot: QtBot, stores: dict[str, Path], backend: Backend
) -> None:
    page = _page(qtbot, backend)
    _choose(qtbot, page, MARCH)
    page.chooser.set_dates(dt.date(2025, 3, 31), dt.date(2025, 3, 1))
    assert page.chooser.problem.isVisible()
    assert page.chooser.problem.text() == "The first day is after the last day."
    assert page.figures is not None and page.figures.period == MARCH  # still shown


def test_the_town_desk_sees_each_of_its_villages(qtbot: QtBot, town_backend: Backend) -> None:
    page = _page(qtbot, town_backend)
    _choose(qtbot, page, APRIL)
    assert page.cards["closed"].value.text() == "3"
    assert page.cards["closure_rate"].value.text() == "300.0%"
    assert page.charts["by_village"].isVisibleTo(page)
    assert _bars(page.charts["by_village"]) == (
        ["开弦弓村", "庙港社区", "吴溇村"],
        {"Cases received": [0, 1, 0], "Cases accepted": [0, 1, 0], "Cases closed": [2, 1, 0]},
    )
    # Most received first, read from the top: a horizontal chart lists them bottom up.
    types, counts = _bars(page.charts["by_type"])
    assert types == ["Neighbours", "Contract"] and counts["Cases closed"] == [2, 1]


def test_the_survey_chart_speaks_chinese(
    qtbot: QtBot, stores: dict[str, Path], backend: Backend, chinese: None
) -> None:
    page = _page(qtbot, backend)
    _choose(qtbot, page, MARCH)
    questions, answers = _bars(page.charts["survey"])
    assert questions == ["调处态度", "调处规范", "调处效果"]
    assert list(answers) == ["满意", "基本满意", "不满意"]


def test_every_definition_is_marked_for_translation() -> None:
    assert set(MARKED_DEFINITIONS) == set(figures.DEFINITIONS.values())
