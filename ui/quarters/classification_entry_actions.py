"""What the classification entry screen does on the keyboard, on locking, and with files.

Mixins of ``ClassificationPage`` (ui/classification_page.py), split out to keep each module short;
they use the page's table, model and state. The questions asked (reason, level, unlock reason) are
module functions here that tests replace.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from models.quarters.classifications import Entry, cap_violations, lock_quarter, operator_who, unlock_quarter
from models.common.codes import LEVEL_KEYS, NOT_CLASSIFIED, NOT_CLASSIFIED_KEYS, HeadLevel, NotClassifiedReason, label
from models.common.errors import DomainError
from models.people.units import get_unit
from models.quarters.rules import RuleSet

from ui.kit import messages
from ui.quarters.classification_entry_import import ClassificationImportDialog, export_unit_results, save_unit_template
from ui.quarters.classification_table import SHORT, ClassificationTableModel, EntryRow

M = ClassificationTableModel
KEY_LEVELS = {key: level for level, keys in LEVEL_KEYS.items() for key in keys}


# Questions the screen asks; tests replace them.
def choose_reason(parent, person_name: str, current: NotClassifiedReason | None = None) -> NotClassifiedReason | None:
    """Why ``person_name`` is not classified this quarter; ``None`` when cancelled."""
    reasons = list(NotClassifiedReason)
    text, ok = QInputDialog.getItem(parent, NOT_CLASSIFIED, f"Lý do không đánh giá {person_name}:",
                                    [label(r) for r in reasons], reasons.index(current) if current else 0, False)
    return next((r for r in reasons if label(r) == text), None) if ok else None


def choose_level(parent, person_name: str) -> HeadLevel | str | None:
    """A level, or NOT_CLASSIFIED, for ``person_name`` (double-click on the level); ``None``: cancelled."""
    choices = [(f"{keys[0]} - {label(level)}", level) for level, keys in LEVEL_KEYS.items()]
    choices.append((f"{NOT_CLASSIFIED_KEYS[0]} - {NOT_CLASSIFIED}", NOT_CLASSIFIED))
    text, ok = QInputDialog.getItem(parent, "Xếp loại", f"Xếp loại {person_name}:", [t for t, _ in choices], 0, False)
    return dict(choices).get(text) if ok else None


def ask_unlock_reason(parent, what: str) -> str | None:
    """The reason for unlocking (kept in the history); ``None`` when cancelled."""
    text, ok = QInputDialog.getText(parent, "Mở chốt", f"Lý do mở chốt {what} (được lưu vào lịch sử):")
    return text if ok else None


class EntryKeysMixin:
    """Levels typed on the table (1-4, X/T/H/K, 0/-), clearing, set everyone, notes."""

    def _entry_key(self, event) -> bool:
        """Handle a level key typed on the table; True when it was one."""
        modifiers = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if modifiers:
            return False
        text = event.text().upper()
        if event.key() == Qt.Key.Key_Backspace:
            self.clear_selected()
            return True
        if text not in KEY_LEVELS and text not in NOT_CLASSIFIED_KEYS:
            return False
        if self.model.read_only:
            self.notice.setText("Kết quả đã chốt: chỉ xem" if self._state.locked else "Chưa nhập được kết quả")
            return True
        if text in KEY_LEVELS:
            self.set_level(KEY_LEVELS[text])
        else:
            self.set_not_classified()
        return True

    def _editable_row(self) -> EntryRow | None:
        row = self.current_row()
        return self.model.record(row) if row >= 0 and not self.model.read_only else None

    def set_level(self, level: HeadLevel) -> None:
        """Give the selected person ``level`` and move to the next row."""
        r = self._editable_row()
        if r is None:
            return
        row = self.current_row()
        self.model.set_entry(row, Entry(r.person.staff_id, level, None, r.entry.note, r.entry.score))
        self._go_to_row(row + 1)
        self._entries_changed()

    def set_not_classified(self) -> None:
        """Mark the selected person "Không đánh giá" with the reason chosen, then move on."""
        r = self._editable_row()
        if r is None:
            return
        row = self.current_row()
        reason = choose_reason(self, r.person.full_name, r.entry.reason)
        if reason is None:
            return
        self.model.set_entry(row, Entry(r.person.staff_id, None, reason, r.entry.note))
        self._go_to_row(row + 1)
        self._entries_changed()

    def clear_selected(self) -> None:
        """Delete: the note when the note cell is current, otherwise the whole result of the row."""
        r = self._editable_row()
        if r is None:
            return
        row = self.current_row()
        if self.table.currentIndex().column() == M.COL_NOTE:
            entry = Entry(r.person.staff_id, r.entry.level, r.entry.reason, "", r.entry.score)
        elif self.table.currentIndex().column() == M.COL_SCORE:
            entry = Entry(r.person.staff_id, r.entry.level, r.entry.reason, r.entry.note)
        else:
            entry = Entry(r.person.staff_id)
        self.model.set_entry(row, entry)
        self._entries_changed()

    def set_all(self, level: HeadLevel) -> None:
        """Everyone not marked "Không đánh giá" gets ``level``; the user then adjusts."""
        if self.model.read_only:
            return
        targets = [r for r in self.model.rows() if r.entry.reason is None]
        others = [r for r in targets if r.entry.level not in (None, level)]
        if others and not messages.confirm(
            self, "Đặt tất cả",
            f"Đặt {len(targets)} người thành “{label(level)}”?\n{len(others)} người đã có mức khác sẽ được đặt "
            f"lại; người {NOT_CLASSIFIED} giữ nguyên.", yes="Đặt tất cả",
        ):
            return
        self.model.set_entries({r.person.staff_id: Entry(r.person.staff_id, level, None, r.entry.note, r.entry.score)
                                for r in targets})
        self.notice.setText(f"Đã đặt {len(targets)} người thành {SHORT[level]}; sửa từng người rồi Lưu (Ctrl+S)")
        self._entries_changed()

    def edit_note(self) -> None:
        row = self.current_row()
        if row >= 0 and not self.model.read_only:
            index = self.model.index(row, M.COL_NOTE)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def edit_selected(self) -> None:
        """Double-click or Enter: choose the level on the level column, the reason on the reason
        column of someone not classified; edit the score on its column, the note elsewhere."""
        r = self._editable_row()
        if r is None:
            return
        column = self.table.currentIndex().column()
        if column == M.COL_REASON and r.entry.reason is not None:
            self.set_not_classified()
        elif column == M.COL_LEVEL:
            chosen = choose_level(self, r.person.full_name)
            if chosen == NOT_CLASSIFIED:
                self.set_not_classified()
            elif chosen is not None:
                self.set_level(chosen)
        elif column == M.COL_SCORE:
            self.table.edit(self.table.currentIndex())
        else:
            self.edit_note()


class LockAndFilesMixin:
    """Locking and unlocking the quarter; the unit's Excel workbook and its printed sheet."""

    def toggle_lock(self) -> None:
        if self._state.locked:
            self.unlock()
        else:
            self.lock()

    def lock(self) -> bool:
        """Lock the quarter (after saving what is unsaved); refused with the domain's reason."""
        if self._shown is None or self._state.locked:
            return False
        unsaved = "\nCác thay đổi chưa lưu sẽ được lưu trước." if self.dirty else ""
        if not messages.confirm(self, "Chốt kết quả",
                                f"Chốt kết quả xếp loại {self._where()}?\nSau khi chốt, kết quả chỉ để xem; muốn "
                                f"sửa phải mở chốt và ghi lý do.{unsaved}{self._cap_warnings()}", yes="Chốt"):
            return False
        if self.dirty and not self.save():
            return False
        try:
            lock_quarter(self.db, *self._shown, dt.datetime.now(), operator_who(self.db))
        except DomainError as e:
            messages.error(self, "Chưa chốt được", str(e))
            return False
        self._show_quarter()
        self.notice.setText(f"Đã chốt kết quả {self._where()}")
        self.changed.emit()
        return True

    def _cap_warnings(self) -> str:
        """The caps the results about to be locked break without blocking the lock (the amber
        banner), for the confirmation: locking must not pass over them unsaid."""
        rule_set = self._rule_set(*self._shown[1:])
        if not isinstance(rule_set, RuleSet):
            return ""
        people = [(r.person.is_leader, r.entry.level) for r in self.model.rows()]
        warnings = [v.message for v in cap_violations(rule_set, people) if not v.blocking]
        return "".join(f"\n\nCảnh báo: {w}" for w in warnings) + ("\nVẫn chốt?" if warnings else "")

    def unlock(self) -> bool:
        if self._shown is None or not self._state.locked:
            return False
        reason = ask_unlock_reason(self, self._where())
        if reason is None:
            return False
        try:
            unlock_quarter(self.db, *self._shown, reason, dt.datetime.now(), operator_who(self.db))
        except DomainError as e:
            messages.error(self, "Chưa mở chốt", str(e))
            return False
        self._show_quarter()
        self.notice.setText(f"Đã mở chốt {self._where()}")
        self.changed.emit()
        return True

    # Excel.
    def save_template(self) -> None:
        unit = self.unit()
        if unit is not None:
            save_unit_template(self, self.db_path, unit.id, unit.code, unit.name, *self._shown[1:], self.dirty)

    def export_excel(self) -> None:
        unit = self.unit()
        if unit is not None:
            export_unit_results(self, self.db_path, unit.id, unit.code, unit.name, *self._shown[1:])

    def import_excel(self) -> None:
        unit = self.unit()
        if unit is None or not self.settle_unsaved():
            return
        path = messages.open_xlsx(self, f"Nhập kết quả xếp loại {self._where()}")
        if not path:
            return
        dialog = ClassificationImportDialog(self.db_path, f"{unit.name}, quý {self._shown[2]}/{self._shown[1]}", self)
        dialog.set_file(path)
        if dialog.exec() and dialog.written:
            self._show_quarter()
            self.notice.setText(f"Đã nhập tệp {Path(path).name}")
            self.changed.emit()

    def print_sheet(self) -> None:
        """The unit's "Bảng tổng hợp kết quả đánh giá, phân loại" for the quarter, as saved."""
        from models.store.output import file_name_part
        from ui.kit.pdf_export import ask_pdf_path, write_pdf

        unit_id, year, quarter = self.unit_combo.value(), self.year.value(), self.quarter.currentData()
        if unit_id is None:
            return
        if self.dirty and not messages.confirm(
            self, "Kết quả chưa lưu", "Bảng tổng hợp in kết quả đã lưu; các thay đổi chưa lưu sẽ không có trong bảng. "
            "Vẫn in?", yes="Vẫn in", no="Hủy"):
            return
        code = get_unit(self.db, unit_id).code
        path = ask_pdf_path(self, "In bảng tổng hợp xếp loại", f"xep-loai-{file_name_part(code)}-quy{quarter}-{year}.pdf")
        if not path:
            return

        def build(db):
            from models.quarters.classification_report import unit_sheet_data
            from reports.classification import unit_sheet_pdf

            return unit_sheet_pdf(unit_sheet_data(db, unit_id, year, quarter, dt.date.today()))

        write_pdf(self, self.db_path, path, "bảng tổng hợp xếp loại", build)
