"""The progress window as a learner uses it: click a lesson, read its attempts, read the chart."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from literacy_app.core.progress import Attempt, Progress, Tally
from literacy_app.formats.native import default_taxonomy
from literacy_app.gui.category_chart import EMPTY_TEXT, SEGMENTS, CategoryChart
from literacy_app.gui.progress_view import EMPTY_TEXT as NOTHING_YET
from literacy_app.gui.progress_view import ProgressWindow

NAMES = {category.id: category.name for category in default_taxonomy()}
EIGHT = [
    "loaded_language",
    "vague_attribution",
    "unsourced_figure",
    "exaggeration",
    "appeal_to_fear",
    "doubt",
    "speculation_as_fact",
    "unsupported_motive",
]


def attempt(when: str, score: float, **tallies: Tally) -> Attempt:
    return Attempt(1, when, score, score + 5, 754, 1, False, tallies)


def two_lessons() -> Progress:
    progress = Progress()
    progress = progress.with_attempt(
        "tiny", "A tiny lesson", attempt("2026-11-20T10:00:00+00:00", 40.0, doubt=Tally(missed=3))
    )
    progress = progress.with_attempt(
        "tiny",
        "A tiny lesson",
        attempt("2026-11-20T10:30:00+00:00", 85.5, doubt=Tally(found=2, missed=1)),
    )
    later = attempt("2026-11-21T09:00:00+00:00", 70.0, loaded_language=Tally(found=5))
    return progress.with_attempt("bus", "Bus lanes", later)


def shown(qtbot: QtBot, progress: Progress) -> ProgressWindow:
    window = ProgressWindow(progress, NAMES)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def cell(table: QTableView, row: int, column: int) -> str:
    return str(table.model().index(row, column).data())


def click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    where = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_clicking_a_lesson_shows_both_its_attempts(qtbot: QtBot) -> None:
    window = shown(qtbot, two_lessons())
    assert not window.showing_empty
    assert window.attempts.model().rowCount() == 0  # nothing chosen yet, and it says so
    assert "Select a lesson" in window.attempts_note.text()
    rows = [cell(window.lessons, r, 0) for r in range(window.lessons.model().rowCount())]
    assert rows == ["Bus lanes", "A tiny lesson"]  # the latest practice first
    click_row(qtbot, window.lessons, 1)
    assert window.selected_lesson() == "tiny"
    assert "A tiny lesson" in window.attempts_heading.text()
    table = window.attempts
    assert table.model().rowCount() == 2
    assert [cell(table, r, 0) for r in range(2)] == ["1", "2"]
    assert [cell(table, r, 2) for r in range(2)] == ["40.0", "85.5"]
    assert [cell(table, r, 3) for r in range(2)] == ["45.0", "90.5"]
    assert cell(table, 0, 4) == "12:34"
    assert [cell(window.lessons, 1, c) for c in range(1, 7)] == [
        "Attempted",
        "2",
        "85.5",
        "85.5",
        "0:25",
        "1",
    ]


def test_the_arrow_keys_move_between_lessons(qtbot: QtBot) -> None:
    window = shown(qtbot, two_lessons())
    click_row(qtbot, window.lessons, 0)
    assert window.attempts.model().rowCount() == 1
    qtbot.keyClick(window.lessons, Qt.Key.Key_Down)
    assert window.selected_lesson() == "tiny"
    assert window.attempts.model().rowCount() == 2


def test_a_refresh_keeps_the_chosen_lesson_and_shows_the_new_attempt(qtbot: QtBot) -> None:
    window = shown(qtbot, two_lessons())
    click_row(qtbot, window.lessons, 1)
    more = two_lessons().with_attempt(
        "tiny", "A tiny lesson", attempt("2026-11-22T08:00:00+00:00", 95.0)
    )
    more = more.with_answers_revealed("tiny", "A tiny lesson", 2)
    window.set_progress(more)
    assert window.selected_lesson() == "tiny"  # now the latest, so first, still chosen
    assert window.attempts.model().rowCount() == 3
    assert "Answers shown after check 2" in window.attempts_note.text()
    assert cell(window.lessons, 0, 7) == "after check 2"


def test_nothing_yet_is_a_sentence_not_empty_tables(qtbot: QtBot) -> None:
    window = shown(qtbot, Progress())
    assert window.showing_empty
    assert window.empty.isVisible()
    assert window.empty.text() == NOTHING_YET
    assert not window.lessons.isVisible()
    window.set_progress(two_lessons())
    assert window.lessons.isVisible()
    assert not window.empty.isVisible()


def test_a_lesson_opened_but_not_checked_says_so(qtbot: QtBot) -> None:
    window = shown(qtbot, Progress().with_work("meals", "School meals", "/tmp/m.json"))
    assert not window.showing_empty
    assert [cell(window.lessons, 0, c) for c in (1, 2, 3)] == ["In progress", "0", "—"]
    click_row(qtbot, window.lessons, 0)
    assert "Not checked yet" in window.attempts_note.text()
    assert window.chart.rows == []


# --- the chart --------------------------------------------------------------------------------


def eight_categories() -> Progress:
    progress = Progress()
    for number, category in enumerate(EIGHT):
        tallies = {category: Tally(found=number, missed=8 - number, mislabeled=1, imprecise=1)}
        progress = progress.with_attempt(
            "l", "L", attempt("2026-11-20T10:00:00+00:00", 50.0, **tallies)
        )
    return progress.with_drill_answer("not-a-device", True)


def colours_in(image: QImage) -> set[str]:
    return {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }


def test_the_chart_paints_every_outcome_weak_spots_first(qtbot: QtBot) -> None:
    chart = CategoryChart(NAMES)
    qtbot.addWidget(chart)
    chart.set_progress(eight_categories())
    chart.resize(600, chart.sizeHint().height())
    image = chart.grab().toImage()
    painted = colours_in(image)
    for _, colour, _ in SEGMENTS:  # the hatching leaves most of a segment its own colour
        assert colour in painted
    assert chart.order()[0] == "loaded_language"  # 8 of 10 missed: the weakest
    assert chart.order()[-1] == "unsupported_motive"
    assert "not-a-device" in chart.order()
    row = chart.row_at(QPoint(300, chart._row_rect(0).center().y()))
    assert row is not None
    assert row.category == "loaded_language"
    assert "8 missed" in row.describe()
    assert "weak spot" in row.describe()
    assert "Loaded language" in chart.accessibleDescription()


def test_the_chart_grows_with_its_categories_and_scrolls_in_the_window(qtbot: QtBot) -> None:
    chart = CategoryChart(NAMES)
    qtbot.addWidget(chart)
    chart.set_progress(Progress().with_drill_answer("doubt", True))
    one = chart.sizeHint().height()
    chart.set_progress(eight_categories())
    assert chart.sizeHint().height() > one + 6 * chart._row_height()
    window = shown(qtbot, eight_categories())
    window.resize(1024, 400)
    qtbot.wait(10)
    assert window.chart.height() >= window.chart.sizeHint().height()  # scrolls, not squashed


def test_an_empty_chart_says_what_to_do(qtbot: QtBot) -> None:
    chart = CategoryChart(NAMES)
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    image = chart.grab().toImage()
    assert len(colours_in(image)) > 1  # the sentence is drawn
    assert chart.accessibleDescription() == EMPTY_TEXT


def test_chart_text_follows_a_dark_palette(qtbot: QtBot) -> None:
    chart = CategoryChart(NAMES)
    qtbot.addWidget(chart)
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#101010"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    chart.setPalette(palette)
    chart.setAutoFillBackground(True)
    chart.set_progress(eight_categories())
    chart.resize(600, chart.sizeHint().height())
    image = chart.grab().toImage()
    name_row = chart._row_rect(0)
    names = {
        image.pixelColor(x, y).lightness()
        for x in range(name_row.left(), name_row.left() + 120)
        for y in range(name_row.top(), name_row.top() + chart._line() + 6)
    }
    assert max(names) > 200  # light text on the dark ground, not black on black


def test_hostile_names_and_titles_neither_crash_nor_widen_the_window(qtbot: QtBot) -> None:
    title = "‮" + "Very long title\nwith a line break " * 200
    progress = Progress().with_attempt(
        "x", title, attempt("not a date", 10.0, custom_cat=Tally(missed=1))
    )
    window = ProgressWindow(progress, {"custom_cat": "W" * 500})
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    click_row(qtbot, window.lessons, 0)
    assert cell(window.attempts, 0, 1) == "not a date"  # shown as it is, not a crash
    assert window.width() <= 1100
    window.chart.grab()
    assert window.chart._name_width(window.chart.width()) <= window.chart.width() * 0.4 + 1
