"""The yearly quality rating screen ("Xếp loại cuối năm"): pick a year (and a unit, or all), set each
person's rating from the keyboard as on the quarterly screen, save in one transaction.

The ratings are kept in memory until "Lưu" (Ctrl+S); changing the year or the unit, or closing the
window, with unsaved ratings asks first. "Đề xuất từ các quý..." shows the proposal computed from
the year's quarters (:func:`models.quarters.ratings.propose_ratings`) in a preview; nothing is
written until the user confirms there, and a stored rating is replaced only when they tick it.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
)
from sqlite_utils import Database

from models.common.codes import LEVEL_KEYS, Level
from models.common.errors import DomainError, ValidationError
from models.people.units import list_units
from models.quarters.classifications import classified_years
from models.quarters.ratings import (
    apply_proposals, propose_ratings, proposal_summary, quarters_text, save_ratings, year_quarters, year_roster,
)

from ui.kit import messages
from ui.kit.layout import captioned, screen_shortcut, text_label, wrapping, year_spin
from ui.kit.list_page import ListPage
from ui.kit.unsaved import GuardsUnsaved
from ui.kit.widgets import ChoiceCombo
from ui.quarters.classification_table import SHORT
from ui.quarters.rating_table import RatingRow, RatingTableModel

M = RatingTableModel
KEY_LEVELS = {key: level for level, keys in LEVEL_KEYS.items() for key in keys}
SHOW_FILTERS = [("Chưa xếp loại", "missing"), ("Đã xếp loại", "rated"), ("Lãnh đạo, quản lý", "leaders")]
ALL_UNITS = "Tất cả đơn vị"
KEYS_HINT = ("Phím:  1/X xuất sắc  ·  2/T tốt  ·  3/H hoàn thành  ·  4/K không hoàn thành  ·  Del xóa  ·  "
             "F2 ghi chú  ·  Ctrl+S lưu  ·  Ctrl+Z hoàn tác")


def confirm_proposal(parent, year: int, proposals) -> tuple[bool, bool] | None:
    """The preview of the proposal: (write it, replace the differing ratings too), or None when
    cancelled. Tests replace this function."""
    dialog = ProposalDialog(year, proposals, parent)
    if not dialog.exec():
        return None
    return True, dialog.replace_box.isChecked()


class ProposalDialog(QDialog):
    """Every person, their quarters, the level proposed and what will happen; writes nothing."""

    def __init__(self, year: int, proposals, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Đề xuất xếp loại cuối năm {year} từ kết quả các quý")
        self.resize(1180, 560)
        layout = QVBoxLayout(self)
        summary = wrapping(QLabel(proposal_summary(proposals)))
        summary.setObjectName("proposal_summary")
        layout.addWidget(summary)
        self.table = QTableWidget(len(proposals), 6)
        self.table.setObjectName("proposal_table")
        self.table.setHorizontalHeaderLabels(["Mã", "Họ và tên", "Đơn vị", "Các quý", "Đề xuất", "Kết quả"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, p in enumerate(proposals):
            values = [p.code, p.full_name, p.unit_code, p.quarters_text, SHORT.get(p.proposed, ""), p.state]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        for col, width in enumerate((72, 170, 56, 310, 66)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        differs = sum(p.differs for p in proposals)
        self.replace_box = QCheckBox(f"Thay cả {differs} xếp loại đã có khác đề xuất")
        self.replace_box.setObjectName("replace_box")
        self.replace_box.setEnabled(differs > 0)
        layout.addWidget(self.replace_box)
        buttons = QDialogButtonBox()
        self.write_button = buttons.addButton("Ghi đề xuất", QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setEnabled(any(p.fills or p.differs for p in proposals))
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class RatingPage(GuardsUnsaved, ListPage):
    kind = "ratings"
    noun = "người"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, RatingTableModel(), "Tìm theo mã, họ tên, chức vụ, đơn vị... (Ctrl+F)",
                         parent, undo)
        self._shown: tuple[int, int | None] | None = None  # (year, unit id or None) in the table
        years = classified_years(db)
        year_caption, self.year = captioned("&Năm:", year_spin(years[-1] if years else dt.date.today().year), "year")
        unit_caption, self.unit_combo = captioned("Đơn &vị:", ChoiceCombo([], ALL_UNITS), "unit_combo", 24)
        self.year.valueChanged.connect(lambda _v: self._target_changed())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._target_changed())
        self.add_leading_filter(unit_caption, self.unit_combo)
        self.add_leading_filter(year_caption, self.year)
        self.show_filter = self.add_filter("show_filter", ChoiceCombo(SHOW_FILTERS, "Tất cả mọi người"))
        self.save_action = self.action("Lưu", self.save, "Ctrl+S", "Lưu xếp loại cuối năm (một lần cho cả bảng)")
        self.clear_action = self.action("Xóa xếp loại", self.clear_selected, "Del",
                                        "Xóa xếp loại (hoặc ghi chú, nếu đang ở cột Ghi chú) của dòng đang chọn")
        self.note_action = self.action("Ghi chú", self.edit_note, "F2", "Sửa ghi chú của dòng đang chọn")
        self.toolbar.addSeparator()
        self.propose_action = self.action(
            "Đề xuất từ các quý...", self.propose, "Ctrl+D",
            "Đề xuất xếp loại cho người chưa có, từ kết quả xếp loại các quý của năm (xem trước rồi mới ghi)")
        self.add_excel_actions()
        hint = QLabel(KEYS_HINT)
        hint.setObjectName("keys_hint")
        hint.setStyleSheet("color: #4a4a4a;")
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.toolbar) + 1, hint)
        self.dirty_label = text_label("dirty")
        self.dirty_label.setStyleSheet("color: #8e0e0e;")
        self.notice = text_label("notice")
        layout.insertWidget(layout.count(), self.notice)
        layout.insertWidget(layout.count() - 1, self.dirty_label)
        screen_shortcut(self, "Bảng", "Ctrl+B", lambda: self.table.setFocus())
        self.model.edited.connect(self._ratings_changed)
        self.table.installEventFilter(self)
        self.table.setSortingEnabled(True)
        self.start(M.COL_STT)

    # What is shown.
    def _target(self) -> tuple[int, int | None]:
        return self.year.value(), self.unit_combo.value()

    def _where(self) -> str:
        year, unit_id = self._shown or self._target()
        return f"năm {year}" + (f", đơn vị {self.unit_combo.currentText()}" if unit_id else "")

    def load(self) -> None:
        self.unit_combo.blockSignals(True)
        self.unit_combo.refill([(ALL_UNITS, None)] + [(f"{u.code} - {u.name}", u.id) for u in list_units(self.db)])
        self.unit_combo.blockSignals(False)
        self._show()

    def _show(self) -> None:
        year, unit_id = self._target()
        quarters = year_quarters(self.db, year)
        rows = [RatingRow(i + 1, p, quarters_text(quarters.get(p.staff_id, ())), p.level, p.note)
                for i, p in enumerate(year_roster(self.db, year, unit_id))]
        self._shown = (year, unit_id)
        self.model.set_errors({})
        self.show_records(rows, same=lambda r: r.person.staff_id)
        self.apply_filters()
        self._ratings_changed()

    def _target_changed(self) -> None:
        if self._shown is None or self._target() == self._shown:
            return
        if not self.settle_unsaved():  # stay: put the fields back as they were
            year, unit_id = self._shown
            for widget in (self.year, self.unit_combo):
                widget.blockSignals(True)
            self.year.setValue(year)
            self.unit_combo.set_value(unit_id)
            for widget in (self.year, self.unit_combo):
                widget.blockSignals(False)
            return
        self._show()

    def apply_filters(self) -> None:
        wanted = self.show_filter.value()
        predicates = {"missing": lambda r: r.level is None, "rated": lambda r: r.level is not None,
                      "leaders": lambda r: r.person.is_leader}
        self.model.set_predicate(predicates.get(wanted))
        self.update_count()

    def update_count(self) -> None:
        rows = self.model.rows()
        counts = " · ".join(f"{SHORT[level]} {sum(r.level == level for r in rows)}" for level in Level)
        missing = sum(r.level is None for r in rows)
        self.count_label.setText(f"Hiển thị {self.model.rowCount()} / {len(rows)} người  ·  {counts}  ·  "
                                 f"chưa xếp loại {missing}")

    def _edits(self) -> dict[int, tuple[Level | None, str]]:
        return {r.person.staff_id: (r.level, r.note) for r in self.model.rows() if r.changed}

    @property
    def dirty(self) -> bool:
        return any(r.changed for r in self.model.rows())

    def _ratings_changed(self) -> None:
        edits = len(self._edits())
        self.dirty_label.setText(f"* {edits} thay đổi chưa lưu" if edits else "")
        self.save_action.setText("Lưu *" if edits else "Lưu")
        self.save_action.setEnabled(bool(edits))
        self.update_count()

    # Entering ratings.
    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def focus_entry(self) -> None:
        """The focus on the table, on the first person without a rating (or the first row)."""
        row = self.model.row_of(lambda r: r.level is None)
        self._go_to_row(max(row, 0), M.COL_LEVEL)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _go_to_row(self, row: int, column: int | None = None) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        current = self.table.currentIndex()
        index = self.model.index(row, column if column is not None else
                                 (current.column() if current.isValid() else M.COL_LEVEL))
        selection = self.table.selectionModel()
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._level_key(event):
            return True
        if self.window_close_refused(watched, event):
            return True
        return super().eventFilter(watched, event)

    def _level_key(self, event) -> bool:
        modifiers = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if modifiers:
            return False
        if event.key() == Qt.Key.Key_Backspace:
            self.clear_selected()
            return True
        text = event.text().upper()
        if text not in KEY_LEVELS:
            return False
        self.set_level(KEY_LEVELS[text])
        return True

    def set_level(self, level: Level) -> None:
        """Give the selected person ``level`` and move to the next row."""
        row = self.current_row()
        if row < 0:
            return
        self.model.set_rating(row, level)
        self._go_to_row(row + 1)
        self._ratings_changed()

    def clear_selected(self) -> None:
        """Delete: the note when the note cell is current, otherwise the rating of the row."""
        row = self.current_row()
        if row < 0:
            return
        if self.table.currentIndex().column() == M.COL_NOTE:
            self.model.set_rating(row, self.model.record(row).level, "")
        else:
            self.model.set_rating(row, None)
        self._ratings_changed()

    def edit_note(self) -> None:
        row = self.current_row()
        if row >= 0:
            index = self.model.index(row, M.COL_NOTE)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def edit_selected(self) -> None:
        """Enter or double-click: the note is edited in its cell; elsewhere nothing (keys set levels)."""
        if self.table.currentIndex().column() == M.COL_NOTE:
            self.edit_note()

    # Saving.
    def settle_unsaved(self) -> bool:
        """Before leaving what is shown: True when it may be left (nothing unsaved, the user
        discarded it, or it was saved); False to stay."""
        if self._shown is None or not self.dirty:
            return True
        if messages.confirm(self, "Thay đổi chưa lưu",
                            f"Xếp loại cuối năm {self._where()} có {len(self._edits())} thay đổi chưa lưu.\n"
                            "Bỏ các thay đổi này?\nChọn “Lưu” để lưu lại trước khi chuyển.",
                            yes="Bỏ thay đổi", no="Lưu"):
            return True
        return self.save()

    def _write(self, write, what: str) -> bool:
        """``write()`` (one transaction) with the stored ratings of the year kept for undo."""
        year, unit_id = self._shown
        before = {p.staff_id: (p.level, p.note) for p in year_roster(self.db, year, unit_id)}
        try:
            written = write()
        except ValidationError as e:
            self._show_errors(e.errors)
            return False
        except (DomainError, sqlite3.OperationalError) as e:  # locked past the 5 s wait, disk full...
            messages.error(self, "Chưa lưu được", f"Chưa lưu được ({e}). Các xếp loại bạn nhập vẫn còn trên "
                                                  "màn hình; hãy thử lại sau ít giây.")
            return False
        db = self.db
        self.remember(f"{what} {self._where()}", lambda: save_ratings(db, year, before))
        self._show()
        self.notice.setText(f"Đã lưu xếp loại cuối năm {self._where()}" if written is None else
                            f"Đã ghi {written} xếp loại đề xuất, {self._where()}")
        self.changed.emit()
        return True

    def save(self) -> bool:
        """Save the ratings changed, in one transaction; undoable (Ctrl+Z)."""
        if self._shown is None or not self.dirty:
            return True
        edits = self._edits()
        return self._write(lambda: save_ratings(self.db, self._shown[0], edits), "Lưu xếp loại cuối năm")

    def _show_errors(self, errors: dict[str, str]) -> None:
        messages.error(self, "Chưa lưu được", "Chưa ghi gì:\n" + "\n".join(errors.values()))

    def propose(self) -> None:
        """The proposal from the quarters, previewed; written only when the user confirms it."""
        if self._shown is None or not self.settle_unsaved():
            return
        year, unit_id = self._shown
        proposals = propose_ratings(self.db, year, unit_id)
        if not proposals:
            messages.inform(self, "Không có ai", f"Không có cán bộ nào làm việc trong {self._where()}.")
            return
        answer = confirm_proposal(self, year, proposals)
        if answer is None:
            return
        _write, replace = answer
        self._write(lambda: apply_proposals(self.db, year, proposals, replace=replace), "Ghi đề xuất xếp loại")

    # Excel: the ratings of the year (and unit) shown.
    def exporter(self):
        from models.quarters.imports_ratings import export_ratings

        year, unit_id = self._target()
        return lambda db, path: export_ratings(db, year, path, unit_id)

    def file_stem(self) -> str:
        return f"xep-loai-cuoi-nam-{self.year.value()}"

    def import_excel(self) -> None:
        if self.settle_unsaved():
            super().import_excel()
