"""Evaluating a unit head's responsibility for a year (Decision 3767/QĐ-UBND), and editing the
criteria every new evaluation starts with."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.common.codes import HeadLevel, label
from models.common.errors import ValidationError
from models.people.heads import Criterion, HeadEvaluation, criteria_template, save_evaluation, set_criteria_template
from models.people.units import Unit

from ui.kit.list_editor import EditableList
from ui.kit.record_dialog import RecordDialog
from ui.kit.dates import read_dates
from ui.kit.widgets import ChoiceCombo, DateEdit
from ui.kit.layout import field_button, lay_out


class CriteriaTable(QWidget):
    """Tiêu chí | Kết quả, both editable in place; rows added (Thêm tiêu chí) and removed (Xóa tiêu chí)."""

    def __init__(self, criteria=(), parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Tiêu chí", "Kết quả"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.SelectedClicked | triggers.EditKeyPressed
                                   | triggers.AnyKeyPressed)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 220)
        self.table.setMinimumHeight(260)
        self.add_button = field_button("Thêm tiêu chí", self.add_row)
        self.remove_button = field_button("Xóa tiêu chí", self.remove_row)
        buttons = lay_out(self.add_button, self.remove_button, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.set_criteria(criteria)

    def set_criteria(self, criteria) -> None:
        self.table.setRowCount(0)
        for c in criteria:
            self._append(c.name, c.result)

    def _append(self, name: str, result: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(result))
        return row

    def add_row(self) -> None:
        row = self._append("", "")
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def finish_editing(self) -> None:
        """Commit a cell still being typed in (Save pressed with the editor open)."""
        self.table.setCurrentItem(None)

    def criteria(self) -> tuple[Criterion, ...]:
        """The rows as criteria; rows left completely empty are ignored."""
        found = []
        for row in range(self.table.rowCount()):
            name, result = (self.table.item(row, c).text() if self.table.item(row, c) else "" for c in (0, 1))
            if name.strip() or result.strip():
                found.append(Criterion(name, result))
        return tuple(found)


class HeadDialog(RecordDialog):
    FIELDS = ("head_name", "head_title", "level", "note")

    def __init__(self, db: Database, unit: Unit, year: int, evaluation: HeadEvaluation | None = None,
                 parent=None):
        super().__init__(f"Đánh giá người đứng đầu năm {year}", parent)
        self.db = db
        self.unit = unit
        self.year = year
        self.evaluation = evaluation
        f = self.form
        caption = QLabel(f"<b>{unit.name}</b> ({unit.code}) - năm {year}")
        caption.setWordWrap(True)
        f.layout_.addRow("Đơn vị:", caption)
        self.head_name = f.add("head_name", "Người đứng đầu", QLineEdit())
        self.head_name.setMinimumWidth(420)
        self.head_title = f.add("head_title", "Chức vụ", QLineEdit())
        levels = ChoiceCombo([(label(x), x) for x in HeadLevel], "— Chọn mức xếp loại —")
        self.level = f.add("level", "Xếp loại", levels, required=True)
        self.decided_on = f.add("decided_on", "Ngày quyết định", DateEdit())
        self.decided_on.setMaximumWidth(140)
        self.decided_on.setToolTip("Ngày đánh giá được quyết định: danh sách cuối đợt xét “tính đến” ngày trước đó "
                                   "không tính đánh giá này (để trống: tính từ ngày 31/12 của năm đánh giá)")
        self.note = f.add("note", "Ghi chú", QPlainTextEdit())
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(58)
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.criteria = f.add("criteria", "Tiêu chí", CriteriaTable())
        if evaluation:
            f.show_record(evaluation, (*self.FIELDS, "decided_on"))
            self.criteria.set_criteria(evaluation.criteria)
        else:
            self.head_name.setText(unit.head_name)
            self.head_title.setText(unit.head_title)
            self.criteria.set_criteria(Criterion(name) for name in criteria_template(db))
        self.setMinimumWidth(760)
        self.mark_clean()

    def _snapshot(self) -> dict[str, object]:
        values = super()._snapshot()
        values.update(note=self.note.toPlainText(), criteria=self.criteria.criteria())
        return values

    def save(self) -> HeadEvaluation:
        self.criteria.finish_editing()
        dates, errors = read_dates(self.form, ("decided_on",))
        evaluation = HeadEvaluation(unit_id=self.unit.id, year=self.year, **self.form.values(self.FIELDS),
                                    criteria=self.criteria.criteria(), **dates)
        if errors:
            raise ValidationError(errors)
        return save_evaluation(self.db, evaluation)


class CriteriaTemplateDialog(RecordDialog):
    """The criteria a new evaluation starts with; evaluations already made keep their own."""

    def __init__(self, db: Database, parent=None):
        super().__init__("Danh sách tiêu chí mặc định", parent)
        self.db = db
        hint = QLabel("Các tiêu chí được đưa sẵn vào mỗi lần đánh giá mới. "
                      "Đánh giá đã lưu giữ nguyên tiêu chí của mình.")
        hint.setWordWrap(True)
        self.form.layout_.addRow(hint)
        self.criteria = self.form.add("criteria", "Tiêu chí", EditableList(criteria_template(db), "Tiêu chí mới"))
        self.criteria.list.setMinimumSize(520, 260)
        self.mark_clean()

    def _snapshot(self) -> dict[str, object]:
        values = super()._snapshot()
        values["criteria"] = self.criteria.values()
        return values

    def save(self) -> list[str]:
        set_criteria_template(self.db, self.criteria.values())
        return list(criteria_template(self.db))
