"""The quarterly classification screen ("Xếp loại quý", Decision 4631): pick a unit and a quarter,
set every person's level from the keyboard, see the caps checked as you type, save, lock (chốt).

Results are kept in memory until "Lưu" (Ctrl+S) writes them in one transaction; switching unit or
quarter, or closing the window, with unsaved results asks first. Switching only resets the table
model (no widget is rebuilt): a 500-person unit shows in a few tens of milliseconds.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu, QToolButton
from sqlite_utils import Database

from models.quarters.classifications import (
    Entry,
    QuarterState,
    cap_violations,
    default_quarter,
    lock_history,
    quarter_state,
    roster,
    save_quarter,
    set_submitted,
)
from models.common.codes import LEVEL_KEYS, NOT_CLASSIFIED, HeadLevel, label
from models.common.dates import DateError
from models.common.errors import DomainError, ValidationError
from models.quarters.rules import RuleSet, percent, rule_set_for
from models.people.succession import unit_ends
from models.people.units import Unit, list_units

from ui.kit import messages
from ui.kit.dates import date_error_text
from ui.quarters.classification_entry_header import CapBanner, EntryHeader
from ui.quarters.classification_entry_actions import EntryKeysMixin, LockAndFilesMixin
from ui.quarters.classification_table import SHORT, ClassificationTableModel, EntryRow
from ui.kit.list_page import ListPage
from ui.kit.unsaved import GuardsUnsaved
from ui.kit.widgets import ChoiceCombo
from ui.kit.layout import screen_shortcut, text_label

M = ClassificationTableModel
SHOW_FILTERS = [("Chưa xếp loại", "missing"), ("Lãnh đạo, quản lý", "leaders"), (NOT_CLASSIFIED, "not_classified")]
KEYS_HINT = ("Phím:  1/X xuất sắc  ·  2/T tốt  ·  3/H hoàn thành  ·  4/K không hoàn thành  ·  "
             "0/- không đánh giá (chọn lý do)  ·  Del xóa  ·  F2 ghi chú  ·  Alt+←/→ đơn vị trước, sau")


class ClassificationPage(EntryKeysMixin, LockAndFilesMixin, GuardsUnsaved, ListPage):
    noun = "người"
    kind = "classifications"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, ClassificationTableModel(), "Tìm theo mã, họ tên, chức vụ... (Ctrl+F)",
                         parent, undo)
        self._units: list[Unit] = []
        self._shown: tuple[int, int, int] | None = None  # (unit id, year, quarter) in the table
        self._stored: dict[int, Entry] = {}  # as saved: what "unsaved changes" compare with
        self._stored_submitted: dt.date | None = None
        self._state = QuarterState(None, False)
        self._rules: dict[tuple[int, int], RuleSet | str] = {}  # per quarter: the rule set or why none
        self._dirty = False  # as of the last change (``dirty`` computes it afresh)
        self.last_switch_ms = 0.0
        year, quarter = default_quarter(db, dt.date.today())
        self._build_top(year, quarter)
        self._build_actions()
        self._build_bottom()
        self.model.edited.connect(self._entries_changed)
        self.table.installEventFilter(self)
        self.table.setSortingEnabled(True)
        self.sort_by(M.COL_STT)
        self.reload()

    # Building.
    def _page_action(self, text: str, slot, shortcut) -> QAction:
        return screen_shortcut(self, text, shortcut, slot)

    def _build_top(self, year: int, quarter: int) -> None:
        self.header = EntryHeader(year, quarter)
        h = self.header
        # The widgets tests and other code reach by name.
        self.unit_combo, self.year, self.quarter, self.submitted = h.unit_combo, h.year, h.quarter, h.submitted
        self.lateness, self.state_label, self.history_button = h.lateness, h.state_label, h.history_button
        self.dirty_label, self.rules_label = h.dirty_label, h.rules_label
        self.prev_unit_action = self._page_action("Đơn vị trước", lambda: self.step_unit(-1), "Alt+Left")
        self.next_unit_action = self._page_action("Đơn vị sau", lambda: self.step_unit(1), "Alt+Right")
        self._page_action("Đơn vị trước", lambda: self.step_unit(-1), "Ctrl+PgUp")
        self._page_action("Đơn vị sau", lambda: self.step_unit(1), "Ctrl+PgDown")
        h.set_arrows(self.prev_unit_action, self.next_unit_action)
        h.target_changed.connect(self._target_changed)
        h.picked.connect(self.table.setFocus)
        h.date_changed.connect(self._date_changed)
        self.submitted.editingFinished.connect(lambda: self._show_lateness(finished=True))
        self.banner = CapBanner()
        self.errors_list = QListWidget()
        self.errors_list.setObjectName("save_errors")
        self.errors_list.setMaximumHeight(96)
        self.errors_list.setStyleSheet("QListWidget { color: #8e0e0e; background: #fff7f7; }")
        self.errors_list.itemActivated.connect(self._error_chosen)
        self.errors_list.itemClicked.connect(self._error_chosen)
        self.errors_list.hide()
        self.show_filter = ChoiceCombo(SHOW_FILTERS, "Tất cả mọi người")
        self.show_filter.setObjectName("show_filter")
        self.show_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.filters.addWidget(self.show_filter, 1)
        layout = self.layout()
        layout.insertWidget(0, h)
        layout.insertWidget(1, self.banner)
        layout.insertWidget(2, self.errors_list)

    def _build_actions(self) -> None:
        self.save_action = self.action("Lưu", self.save, "Ctrl+S", "Lưu kết quả xếp loại của đơn vị")
        self.set_all_button = QToolButton()
        self.set_all_button.setObjectName("set_all")
        self.set_all_button.setText("Đặt tất cả thành")
        self.set_all_button.setStyleSheet("QToolButton { padding-right: 14px; }")
        self.set_all_button.setToolTip("Đặt mọi người (trừ người Không đánh giá) cùng một mức, rồi sửa từng "
                                       "người (Ctrl+T)")
        self.set_all_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.set_all_button)
        heading = menu.addAction("Đặt mọi người, trừ người Không đánh giá, thành:")
        heading.setEnabled(False)
        self.set_all_actions = {}
        for level in LEVEL_KEYS:
            self.set_all_actions[level] = menu.addAction(label(level), lambda lv=level: self.set_all(lv))
        self.set_all_button.setMenu(menu)
        self.toolbar.addWidget(self.set_all_button)
        self._page_action("Đặt tất cả thành...", self.set_all_button.showMenu, "Ctrl+T")
        self.clear_action = self.action("Xóa xếp loại", self.clear_selected, "Del",
                                        "Xóa xếp loại (hoặc ghi chú, nếu đang ở cột Ghi chú) của dòng đang chọn")
        self.note_action = self.action("Ghi chú", self.edit_note, "F2", "Sửa ghi chú của dòng đang chọn")
        self.toolbar.addSeparator()
        self.lock_action = self.action("Chốt kết quả", self.toggle_lock, "Ctrl+L")
        self.toolbar.addSeparator()
        self.template_action = self.action("Tệp mẫu cho đơn vị...", self.save_template,
                                           tip="Xuất tệp mẫu cho đơn vị: danh sách người của đơn vị trong quý, "
                                               "để đơn vị điền xếp loại")
        self.import_action = self.action("Nhập từ Excel...", self.import_excel, "Ctrl+I",
                                         "Nhập tệp mẫu đơn vị đã điền (kiểm tra trước, rồi mới ghi)")
        self.export_action = self.action("Xuất kết quả...", self.export_excel, "Ctrl+E",
                                         "Xuất kết quả xếp loại của đơn vị trong quý ra Excel")
        self.print_action = self.action("In bảng tổng hợp (PDF)...", self.print_sheet, "Ctrl+P",
                                        "Bảng tổng hợp kết quả đánh giá, phân loại của đơn vị trong quý (kết quả đã lưu)")

    def _build_bottom(self) -> None:
        self.hint = QLabel(KEYS_HINT)
        self.hint.setObjectName("keys_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #4a4a4a;")
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.toolbar) + 1, self.hint)
        layout.removeWidget(self.count_label)
        self.notice = text_label("notice")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.notice)
        layout.addLayout(bottom)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    # What is shown.
    def unit(self) -> Unit | None:
        unit_id = self._shown[0] if self._shown else None
        return next((u for u in self._units if u.id == unit_id), None)

    def _target(self) -> tuple[int, int, int] | None:
        return self.header.target()

    def _where(self) -> str:
        unit = self.unit()
        year, quarter = self._shown[1:] if self._shown else (self.year.value(), self.quarter.value())
        return f"{unit.name if unit else ''} quý {quarter}/{year}"

    def _rule_set(self, year: int, quarter: int) -> RuleSet | str:
        if (year, quarter) not in self._rules:
            try:
                self._rules[year, quarter] = rule_set_for(self.db, year, quarter)
            except DomainError as e:
                self._rules[year, quarter] = str(e)
        return self._rules[year, quarter]

    def load(self) -> None:
        """Units, rule sets and the shown quarter as stored, keeping unsaved results on screen."""
        # Active units only (issue 18): a dissolved unit's past quarters stay in the review screen, its
        # reports and the year-end lists; new results are never entered for it here. A unit merged,
        # split or renamed from a date (issue 15) stays, marked, for the quarters before that date.
        ends = unit_ends(self.db)
        self._units = [u for u in list_units(self.db) if u.active or u.id in ends]
        self._rules = {}
        self.header.set_units(self._units, self._shown[0] if self._shown else None, ends)
        self._show_quarter(keep_edits=True)

    def _target_changed(self) -> None:
        target = self._target()
        if target is None or target == self._shown:
            return
        if not self.settle_unsaved():
            self.header.set_target(self._shown)
            return
        self._show_quarter()

    def _show_quarter(self, keep_edits: bool = False) -> None:
        """Fill the table for the chosen unit and quarter: only the model is reset."""
        started = time.perf_counter()
        target = self._target()
        edits = self._edits() if keep_edits and target == self._shown else {}
        submitted_text = self.submitted.text() if keep_edits and target == self._shown and self._date_dirty() else None
        if target is None:
            people, self._state, history = [], QuarterState(None, False), []
        else:
            people = roster(self.db, *target)
            self._state = quarter_state(self.db, *target)
            history = lock_history(self.db, *target)
        rows = [EntryRow(i, p) for i, p in enumerate(people, start=1)]
        for r in rows:
            if r.person.staff_id in edits:
                r.entry = edits[r.person.staff_id]
        self._stored = {p.staff_id: p.entry for p in people}
        self._stored_submitted = self._state.submitted_on
        self._shown = target
        rule_set = self._rule_set(*target[1:]) if target else "Chưa có đơn vị nào"
        self.model.read_only = self._state.locked or not isinstance(rule_set, RuleSet)
        self.model.errors = {}
        self.errors_list.hide()
        self.model.set_records(rows)
        scored = isinstance(rule_set, RuleSet) and rule_set.scored
        self.table.setColumnHidden(M.COL_SCORE, not (scored or any(r.entry.score is not None for r in rows)))
        self.header.set_submitted(self._state.submitted_on, submitted_text, self.model.read_only)
        if target is not None:
            self.header.show_rules(rule_set, *target[1:])
        else:
            self.rules_label.setText("Chưa có đơn vị nào đang hoạt động: thêm đơn vị ở màn hình “Đơn vị”")
        self.header.show_state(self._state.locked, history)
        self._show_lock_action()
        self._show_lateness()
        self._entries_changed()
        self._go_to_row(self.first_to_enter(), M.COL_LEVEL)
        self.last_switch_ms = (time.perf_counter() - started) * 1000

    def _show_lock_action(self) -> None:
        locked = self._state.locked
        self.lock_action.setText("Mở chốt..." if locked else "Chốt kết quả")
        self.lock_action.setToolTip(
            ("Mở chốt để sửa (cần ghi lý do)" if locked else "Chốt kết quả: từ đó chỉ xem, không sửa") + " (Ctrl+L)")
        self.hint.setText("Kết quả đã chốt: chỉ xem. Muốn sửa, bấm “Mở chốt...” (Ctrl+L) và ghi lý do."
                          if locked else KEYS_HINT)

    def _show_lateness(self, finished: bool = True) -> None:
        rule_set = self._rule_set(*self._shown[1:]) if self._shown else None
        deadline = rule_set.deadline(*self._shown[1:]) if isinstance(rule_set, RuleSet) else None
        self.header.show_lateness(deadline, finished)

    def _date_changed(self) -> None:
        self._show_lateness(finished=False)
        self._entries_changed()

    # Unsaved changes, caps and counts.
    def _edits(self) -> dict[int, Entry]:
        return {r.person.staff_id: r.entry for r in self.model.rows()
                if r.entry != self._stored.get(r.person.staff_id)}

    def _date_dirty(self) -> bool:
        try:
            return self.submitted.date() != self._stored_submitted
        except DateError:
            return True

    @property
    def dirty(self) -> bool:
        return bool(self._edits()) or self._date_dirty()

    def _entries_changed(self) -> None:
        """After every change: the unsaved marker, the cap banner, the counts, what may be done."""
        edits = len(self._edits())
        dirty = self._dirty = bool(edits) or self._date_dirty()
        self.dirty_label.setText(f"* {edits} thay đổi chưa lưu" if edits else "* Chưa lưu" if dirty else "")
        self.save_action.setText("Lưu *" if dirty else "Lưu")
        self._show_caps()
        self.update_count()
        self.selection_changed()

    def _show_caps(self) -> None:
        rule_set = self._rule_set(*self._shown[1:]) if self._shown else None
        if not isinstance(rule_set, RuleSet) or not self.model.rows():
            self.banner.hide()
            return
        people = [(r.person.is_leader, r.entry.level) for r in self.model.rows()]
        self.banner.show_violations(rule_set, cap_violations(rule_set, people))

    def update_count(self) -> None:
        rows = self.model.rows()
        levels = [r.entry.level for r in rows if r.entry.level is not None]
        parts = [f"{SHORT[level]} {levels.count(level)} ({percent(levels.count(level) / len(levels) if levels else 0)})"
                 for level in HeadLevel]
        not_classified = sum(1 for r in rows if r.entry.reason is not None)
        missing = sum(1 for r in rows if r.entry.blank)
        parts += [f"{NOT_CLASSIFIED} {not_classified}", f"Chưa xếp loại {missing}", f"Tổng {len(rows)} người"]
        if self.model.rowCount() != len(rows):
            parts.append(f"đang hiển thị {self.model.rowCount()}")
        self.count_label.setText("  ·  ".join(parts))
        self.count_label.setToolTip("Tỷ lệ tính trên số người được xếp loại (không tính người không đánh giá)")

    def apply_filters(self) -> None:
        wanted = self.show_filter.value()
        predicates = {
            "missing": lambda r: r.entry.blank,
            "leaders": lambda r: r.person.is_leader,
            "not_classified": lambda r: r.entry.reason is not None,
        }
        self.model.set_predicate(predicates.get(wanted))
        self.update_count()

    def selection_changed(self) -> None:
        editable = not self.model.read_only
        has_row = self.current_row() >= 0
        self.save_action.setEnabled(editable and self._dirty)
        self.set_all_button.setEnabled(editable and bool(self.model.rows()))
        self.clear_action.setEnabled(editable and has_row)
        self.note_action.setEnabled(editable and has_row)
        unit = self._shown is not None
        self.lock_action.setEnabled(unit and isinstance(self._rule_set(*self._shown[1:]), RuleSet))
        for act in (self.template_action, self.export_action):
            act.setEnabled(unit)
        self.import_action.setEnabled(unit and editable)
        self.prev_unit_action.setEnabled(self.header.can_step(-1))
        self.next_unit_action.setEnabled(self.header.can_step(1))

    # Moving around.
    def current_row(self) -> int:
        index = self.table.currentIndex()
        if index.isValid():
            return index.row()
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def first_to_enter(self) -> int:
        """The first row shown whose level is still to be entered (the first row when none is)."""
        rows = self.model.rowCount()
        return next((row for row in range(rows) if self.model.record(row).entry.blank), 0)

    def focus_entry(self) -> None:
        """Keys typed next go to the table, on the first person still to classify (opening the screen)."""
        self._go_to_row(self.first_to_enter(), M.COL_LEVEL)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _go_to_row(self, row: int, column: int | None = None) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        current = self.table.currentIndex()
        column = column if column is not None else (current.column() if current.isValid() else M.COL_LEVEL)
        index = self.model.index(row, column)
        selection = self.table.selectionModel()
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def step_unit(self, step: int) -> None:
        self.header.step(step)

    def show_unit(self, unit_id: int, year: int | None = None, quarter: int | None = None) -> None:
        """Show ``unit_id`` (in ``year``/``quarter`` if given), as choosing it in the combos does."""
        self.header.set_target((unit_id, year or self.year.value(), quarter or self.quarter.value()))
        self._target_changed()

    # Entering results.
    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._entry_key(event):
            return True
        if self.window_close_refused(watched, event):
            return True
        return super().eventFilter(watched, event)

    # Saving, locking.
    def settle_unsaved(self) -> bool:
        """Before leaving the shown quarter: True when it may be left (nothing unsaved, the user
        discarded it, or it was saved); False to stay (saving failed)."""
        if self._shown is None or not self.dirty:
            return True
        count = len(self._edits())
        what = f"{count} kết quả chưa lưu" if count else "ngày nộp chưa lưu"
        # The safe answer (the default button, also Esc) saves: nothing typed is lost by accident,
        # and a save can be undone (Ctrl+Z).
        if messages.confirm(self, "Thay đổi chưa lưu",
                            f"{self._where()} có {what}.\nBỏ các thay đổi này?\n"
                            "Chọn “Lưu” để lưu lại trước khi chuyển.", yes="Bỏ thay đổi", no="Lưu"):
            return True
        return self.save()

    def save(self) -> bool:
        """Save the results shown in one transaction; errors are shown on the rows, nothing is
        written then. Saving can be undone (Ctrl+Z) while the quarter is not locked."""
        if self._shown is None:
            return False
        unit_id, year, quarter = self._shown
        try:
            submitted = self.submitted.date()
        except DateError as e:
            self._show_errors({"submitted_on": f"Ngày nộp: {date_error_text(e)}"})
            return False
        before = roster(self.db, unit_id, year, quarter)
        before_submitted = quarter_state(self.db, unit_id, year, quarter).submitted_on
        entries = [r.entry for r in self.model.rows()]
        try:
            with self.db.atomic():
                save_quarter(self.db, unit_id, year, quarter, entries, submitted, dt.date.today())
                if submitted is None and before_submitted is not None:
                    set_submitted(self.db, unit_id, year, quarter, None)
        except ValidationError as e:
            self._show_errors(e.errors)
            return False
        except (DomainError, sqlite3.OperationalError) as e:  # locked past the 5 s wait, disk full...
            messages.error(self, "Chưa lưu được",
                           f"Chưa lưu được kết quả ({e}). Các kết quả bạn nhập vẫn còn trên màn hình; "
                           "hãy thử lưu lại sau ít giây.")
            return False
        db, old = self.db, [p.entry for p in before]

        def restore() -> None:
            with db.atomic():
                save_quarter(db, unit_id, year, quarter, old, before_submitted)
                if before_submitted is None:
                    set_submitted(db, unit_id, year, quarter, None)

        unit = self.unit()
        self.remember(f"Lưu xếp loại {unit.code if unit else ''} quý {quarter}/{year}", restore)
        self._show_quarter()
        self.notice.setText(f"Đã lưu kết quả {self._where()}")
        self.changed.emit()
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Errors of a save: each person's on their row (red, with a tooltip) and all in a list."""
        by_staff = {int(k): v for k, v in errors.items() if k.isdigit()}
        self.model.set_errors(by_staff)
        self.errors_list.clear()
        for key, message in errors.items():
            if key.isdigit():
                row = self.model.row_of_staff(int(key))
                r = next((r for r in self.model.rows() if r.person.staff_id == int(key)), None)
                who = f"STT {r.stt} · {r.person.code} {r.person.full_name}: " if r else ""
                item = QListWidgetItem(f"{who}{message}")
                item.setData(Qt.ItemDataRole.UserRole, int(key))
                if row < 0:
                    item.setToolTip("Không hiển thị do đang lọc")
            else:
                item = QListWidgetItem(message)
            self.errors_list.addItem(item)
        self.errors_list.insertItem(0, f"Chưa lưu được, chưa ghi gì ({len(errors)} lỗi):")
        self.errors_list.setVisible(True)
        first = next((int(k) for k in errors if k.isdigit()), None)
        if first is not None and self.model.row_of_staff(first) >= 0:
            self._go_to_row(self.model.row_of_staff(first))

    def _error_chosen(self, item: QListWidgetItem) -> None:
        staff_id = item.data(Qt.ItemDataRole.UserRole)
        if staff_id is not None and self.model.row_of_staff(staff_id) >= 0:
            self._go_to_row(self.model.row_of_staff(staff_id))
            self.table.setFocus()
