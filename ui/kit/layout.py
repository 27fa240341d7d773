"""Building a screen's rows: captioned fields, the year/quarter and as-of fields, wrapped labels,
button rows and grids, tabbed screens, keyboard shortcuts."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.common.dates import DateError

from ui.kit.widgets import ERROR_STYLE, QUARTERS, ChoiceCombo, DateEdit

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSpinBox, QTabWidget


def screen_shortcut(screen: QWidget, text: str, key: str, slot) -> QAction:
    """A keyboard shortcut that works while ``screen`` (or anything in it) has the focus."""
    act = QAction(text, screen)
    act.setShortcut(QKeySequence(key))
    act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    act.triggered.connect(slot)
    screen.addAction(act)
    return act


def _row(*widgets, stretch: bool = True) -> QWidget:
    """Widgets (a str becomes a label) side by side on one form row; focus goes to the first field."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(QLabel(w) if isinstance(w, str) else w)
    if stretch:
        layout.addStretch(1)
    first = next(w for w in widgets if not isinstance(w, str))
    box.setFocusProxy(first)  # an error beside the row puts the cursor in its first field
    return box


def captioned(caption: str, widget, name: str, width: int = 0):
    """(its caption, ``widget``) for a field of a screen's top row: the widget named ``name`` (a
    drop-down at least ``width`` characters wide), the caption's &-letter focusing it."""
    widget.setObjectName(name)
    if width:
        widget.setMinimumContentsLength(width)
    label = QLabel(caption)
    label.setBuddy(widget)
    return label, widget


def year_spin(year: int) -> QSpinBox:
    """A year field (2000-2100) whose value changes when the year is complete, not per digit."""
    from PySide6.QtWidgets import QSpinBox  # (on first use, as QTabWidget: the first screen has neither)

    spin = QSpinBox()
    spin.setRange(2000, 2100)
    spin.setKeyboardTracking(False)
    spin.setValue(year)
    return spin


def quarter_fields(year: int, quarter: int) -> tuple[QLabel, QSpinBox, QLabel, ChoiceCombo]:
    """"Năm:" and "Quý:" with their fields (named "year" and "quarter")."""
    combo = ChoiceCombo(QUARTERS)
    combo.set_value(quarter)
    return (*captioned("&Năm:", year_spin(year), "year"), *captioned("&Quý:", combo, "quarter", 5))


def wrapping(label: QLabel) -> QLabel:
    """``label`` wrapped on several lines when its line is longer than the room it has: a message, a
    notice or an error never widens the window past the screen (it asks only its longest word's width)."""
    label.setWordWrap(True)
    return label


def text_label(name: str, rich: bool = False) -> QLabel:
    """A label named ``name`` for a sentence or a paragraph (wrapped; ``rich``: HTML)."""
    label = wrapping(QLabel())
    label.setObjectName(name)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    return label


def as_of_fields(tip: str, changed, caption_tip: bool = False) -> tuple[QLabel, DateEdit, QLabel]:
    """"Tính đến ngày:", its day (named "as_of"; Enter calls ``changed()``) and the error shown
    beside it (named "as_of_error") when what was typed is not a date; see :func:`read_as_of`."""
    caption = QLabel("Tính đến &ngày:")
    edit = DateEdit()
    edit.setObjectName("as_of")
    edit.setClearButtonEnabled(False)
    edit.setFixedWidth(110)
    edit.setToolTip(tip)
    if caption_tip:
        caption.setToolTip(tip)
    caption.setBuddy(edit)
    edit.editingFinished.connect(changed)
    error = text_label("as_of_error")
    error.setStyleSheet(ERROR_STYLE)
    error.hide()
    return caption, edit, error


def read_as_of(edit: DateEdit, error: QLabel, default) -> dt.date | None:
    """The day typed (``default()``, written back, when nothing is); None, with the error shown
    beside it, when it is not a date."""
    from ui.kit.dates import date_error_text

    try:
        value = edit.date()
    except DateError as e:
        error.setText(date_error_text(e))
        error.show()
        return None
    error.hide()
    if value is None:
        value = default()
        edit.set_date(value)
    return value


def tabbed_screen(screen: QWidget, top: QHBoxLayout, line: QLabel, panels: list[tuple[QWidget, str]]) -> QTabWidget:
    """Lay ``screen`` out: its top row, a line of text under it, then one tab per (panel, title)."""
    top.setContentsMargins(9, 6, 9, 0)
    line.setContentsMargins(9, 2, 9, 2)
    from PySide6.QtWidgets import QTabWidget

    tabs = QTabWidget()
    tabs.setObjectName("tabs")
    for panel, title in panels:
        panel.layout().setContentsMargins(6, 6, 6, 4)
        tabs.addTab(panel, title)
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(top)
    layout.addWidget(line)
    layout.addWidget(tabs, 1)
    return tabs


def field_button(text: str, slot, tip: str = "") -> QPushButton:
    """A button inside a form or a dialog (Enter still presses the dialog's default button)."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def lay_out(*items, vertical: bool = False) -> QHBoxLayout | QVBoxLayout:
    """Widgets in a row (a column when ``vertical``): an item is a widget, (widget, stretch), or
    None for the free space."""
    layout = QVBoxLayout() if vertical else QHBoxLayout()
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, tuple):
            layout.addWidget(*item)
        else:
            layout.addWidget(item)
    return layout


def pair_grid(fields: list[tuple[str, QWidget, str]]) -> QWidget:
    """Fields two by a row, each after its caption: ``fields`` are (caption, widget, object name);
    the first field takes the focus (an error beside the row puts the cursor there)."""
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    for i, (caption, widget, name) in enumerate(fields):
        widget.setObjectName(name)
        grid.addWidget(QLabel(caption), i // 2, (i % 2) * 2)
        grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
    grid.setColumnStretch(4, 1)
    box.setFocusProxy(fields[0][1])
    return box
