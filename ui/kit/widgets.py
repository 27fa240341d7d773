"""Small widgets shared by the screens: date entry, forms that show errors beside fields, tables."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from models.common.dates import DateError, format_date, parse_date
from models.common.text import fold

ERROR_STYLE = "color: #b00020;"
QUARTERS = [(f"Quý {q}", q) for q in range(1, 5)]


class DateEdit(QLineEdit):
    """A date typed as dd/mm/yyyy (also 1/2/2018, 01022018, 2018-02-01); may be left empty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaxLength(10)
        self.setClearButtonEnabled(True)
        self.editingFinished.connect(self._tidy)

    def date(self) -> dt.date | None:
        """The date typed, ``None`` when empty; raises DateError with a message for the user."""
        return parse_date(self.text())

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_date(value))

    def _tidy(self) -> None:
        try:
            value = self.date()
        except DateError:
            return
        if value is not None:
            self.setText(format_date(value))


class ChoiceCombo(QComboBox):
    """A drop-down of (label, value) pairs; typing a few letters finds the entry."""

    def __init__(self, items: list[tuple[str, object]], placeholder: str = "", parent=None):
        super().__init__(parent)
        # Long entries (unit names) must not make the window wider than an office screen.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self._enums: dict[str, object] = {}  # Qt hands StrEnum data back as plain str
        if placeholder:
            self.addItem(placeholder, None)
        for text, value in items:
            self.add_choice(text, value)

    def add_choice(self, text: str, value) -> None:
        if isinstance(value, StrEnum):
            self._enums[value.value] = value
        self.addItem(text, value)

    def _typed(self, data):
        return self._enums.get(data, data) if isinstance(data, str) else data

    def value(self):
        return self._typed(self.currentData())

    def set_value(self, value) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))

    def refill(self, items: list[tuple[str, object]]) -> None:
        """Replace the choices without a signal, keeping the value chosen when it is still there
        (otherwise the first choice; none when there are none)."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        for text, value in items:
            self.add_choice(text, value)
        index = self.findData(current) if current is not None else -1
        self.setCurrentIndex(index if index >= 0 else (0 if items else -1))
        self.blockSignals(False)


FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1  # an entry's label folded (no case, no diacritics)


class SearchableCombo(ChoiceCombo):
    """A long list (units): editable, with a completer that matches anywhere in the label, with or
    without diacritics ("noi vu" offers "Phòng Nội vụ"). The placeholder entry shows as the grey
    hint of an empty box, so what the user types never lands after it."""

    def __init__(self, items, placeholder: str = "", parent=None):
        super().__init__(items, placeholder, parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if placeholder:
            self.setItemData(0, "", FOLDED_ROLE)
            self.lineEdit().setPlaceholderText(placeholder)
        self.setCompleter(None)  # Qt's own completer compares the typed text as it is
        from PySide6.QtWidgets import QCompleter  # (as the forms' widgets below: the first screen has none)

        completer = QCompleter(self.model(), self)
        completer.setCompletionRole(FOLDED_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(20)
        completer.setWidget(self.lineEdit())
        completer.activated[QModelIndex].connect(self._completed)
        self.folded_completer = completer
        self.lineEdit().textEdited.connect(self._typed_text)
        self.currentIndexChanged.connect(lambda _i: self._hide_placeholder_text())
        self.setMaxVisibleItems(20)
        self._hide_placeholder_text()

    def completer(self):
        return self.folded_completer

    def add_choice(self, text: str, value) -> None:
        super().add_choice(text, value)
        self.setItemData(self.count() - 1, fold(text), FOLDED_ROLE)

    def _typed_text(self, text: str) -> None:
        self.folded_completer.setCompletionPrefix(fold(text))
        if text.strip():
            self.folded_completer.complete()
            # The first entry offered is highlighted: Enter takes it, the arrows move from it.
            popup, found = self.folded_completer.popup(), self.folded_completer.completionModel()
            if found.rowCount():
                popup.setCurrentIndex(found.index(0, 0))
        else:
            self.folded_completer.popup().hide()

    def _completed(self, index: QModelIndex) -> None:
        # The completer hands back an index of its own filtered model: find the entry by its label.
        row = self.findText(index.data(Qt.ItemDataRole.DisplayRole), Qt.MatchFlag.MatchExactly)
        if row >= 0:
            self.setCurrentIndex(row)
            self._hide_placeholder_text()
            self.activated.emit(row)

    def _hide_placeholder_text(self) -> None:
        """The placeholder entry chosen: an empty box showing the placeholder as its grey hint."""
        index = self.currentIndex()
        if index < 0:
            return
        shown = "" if self.itemData(index) is None and self.lineEdit().placeholderText() else self.itemText(index)
        if self.lineEdit().text() != shown:
            self.lineEdit().setText(shown)

    def set_value(self, value) -> None:
        super().set_value(value)
        self._hide_placeholder_text()

    def refill(self, items: list[tuple[str, object]]) -> None:
        super().refill(items)
        self._hide_placeholder_text()

    def value(self):
        # An edited text that matches no entry is no choice at all.
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchExactly)
        return self._typed(self.itemData(index)) if index >= 0 else None


def _changed_signal(widget: QWidget) -> str | None:
    """The signal telling that a field was changed, by kind of widget (the first kind that fits).
    The forms' widgets are imported here, when a form is made: PySide6 builds a class (and its
    enums) when it is first imported, a few milliseconds the window's start does not need."""
    from PySide6.QtWidgets import QAbstractButton, QDoubleSpinBox, QPlainTextEdit, QSpinBox

    kinds = {QLineEdit: "textChanged", QComboBox: "currentIndexChanged", QPlainTextEdit: "textChanged",
             QAbstractButton: "toggled", QSpinBox: "valueChanged", QDoubleSpinBox: "valueChanged"}
    return next((signal for kind, signal in kinds.items() if isinstance(widget, kind)), None)


class ErrorForm(QWidget):
    """A form whose every field has a red message line under it, empty until something is wrong."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from PySide6.QtWidgets import QFormLayout

        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}

    def add(self, name: str, label: str, widget: QWidget, required: bool = False) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        caption = QLabel(f"{label}{' *' if required else ''}:", self)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, box)
        self.fields[name] = widget
        self.errors[name] = error
        self._rows[name] = box
        changed = _changed_signal(widget)
        if changed is not None:  # fixing the field takes its error away at once
            getattr(widget, changed).connect(lambda *_: self.clear_error(name))
        return widget

    def clear_error(self, name: str) -> None:
        self.errors[name].hide()
        self.errors[name].setText("")

    def show_record(self, record, names) -> None:
        """Show ``record``'s attributes ``names`` in the fields of the same names."""
        from PySide6.QtWidgets import QCheckBox, QPlainTextEdit

        for name in names:
            field, value = self.fields[name], getattr(record, name)
            if isinstance(field, DateEdit):
                field.set_date(value)
            elif isinstance(field, ChoiceCombo):
                field.set_value(value)
            elif isinstance(field, QLineEdit):
                field.setText(value)
            elif isinstance(field, QPlainTextEdit):
                field.setPlainText(value)
            elif isinstance(field, QCheckBox):
                field.setChecked(value)
            else:  # a QSpinBox
                field.setValue(value)

    def values(self, names) -> dict[str, object]:
        """What the fields ``names`` hold (not the dates: ``ui.kit.dates.read_dates`` reads them)."""
        from PySide6.QtWidgets import QPlainTextEdit

        values = {}
        for name in names:
            field = self.fields[name]
            if isinstance(field, ChoiceCombo):
                values[name] = field.value()
            elif isinstance(field, QLineEdit):
                values[name] = field.text()
            elif isinstance(field, QPlainTextEdit):
                values[name] = field.toPlainText()
            else:  # a QCheckBox
                values[name] = field.isChecked()
        return values

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.layout_.setRowVisible(self._rows[name], visible)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field (clearing the others) and focus the first one."""
        first = None
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            if message and first is None:
                first = self.fields[name]
        if first is not None:
            first.setFocus()

    def error_text(self, name: str) -> str:
        return self.errors[name].text() if self.errors[name].isVisible() else ""


def make_table(model) -> QTableView:
    """A read-only table: whole rows selected, sorting by header click, tidy fixed-height rows."""
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(26)
    vertical.hide()
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, column.width)
    return view


class SearchBox(QLineEdit):
    """Search-as-you-type; Esc clears it."""

    def __init__(self, placeholder: str, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class LazyLoad:
    """Mixed into a screen (before its Qt class): ``reload()`` while the screen is hidden only notes
    that it must load, and it does when next shown, so the window opens without loading every
    screen. The screen sets ``lazy`` and provides ``load()``."""

    lazy = False
    _stale = False

    def init_screen(self, db, db_path, undo=None) -> None:
        """What every screen keeps: the database, its file, and the undo history (the window's, or
        its own when built alone). Not lazy until the main window says so."""
        from ui.kit.undo import UndoHistory

        self.lazy = False  # the main window sets it: a hidden screen then reloads when next shown
        self._stale = False
        self.db = db
        self.db_path = Path(db_path)
        self.undo = undo if undo is not None else UndoHistory(self)

    def reload(self) -> None:
        """Show the data as stored now (a lazy screen that is hidden does it when next shown)."""
        if self.lazy and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.load()

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)


