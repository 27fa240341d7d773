"""The staff screen: everyone with their current unit, and the selected person's unit history."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QPushButton, QVBoxLayout
from sqlite_utils import Database

from models.common.codes import StaffCategory, UnitKind, label
from models.common.dates import format_date
from models.people.snapshots import restore_staff, snapshot_staff
from models.people.staff import delete_staff, list_staff, staff_data, undo_last_move, unit_history
from models.common.text import fold, name_sort_key, ranked, sort_key
from models.people.units import list_units

from ui.kit import messages
from ui.kit.list_page import ListPage, on_selected
from ui.people.history_action import add_history_action
from ui.people.staff_dialog import StaffDialog
from ui.kit.table_model import Column, RecordTableModel
from ui.kit.widgets import ChoiceCombo, SearchableCombo

STATES = [("Đang công tác", True), ("Đã nghỉ", False), ("Tất cả", None)]
LEADER = [("Tất cả chức danh", None), ("Lãnh đạo, quản lý", True), ("Không phải lãnh đạo", False)]
_NO_DATE = "0000-00-00"
_FOLDED: dict[str, str] = {}


def _date_key(value: dt.date | None) -> str:
    return value.isoformat() if value else _NO_DATE


class StaffTableModel(RecordTableModel):
    (COL_CODE, COL_NAME, COL_BIRTH, COL_GENDER, COL_UNIT, COL_POSITION, COL_CATEGORY,
     COL_LEADER, COL_RECRUITED, COL_ENDED) = range(10)
    columns = [
        Column("Mã", lambda p: p.code, key=lambda p: sort_key(p.code), width=80),
        Column("Họ và tên", lambda p: p.full_name, key=lambda p: name_sort_key(p.full_name), width=190),
        Column("Ngày sinh", lambda p: format_date(p.birth_date), key=lambda p: _date_key(p.birth_date), width=90),
        Column("Giới tính", lambda p: p.gender_label, width=70),
        Column("Đơn vị", lambda p: p.unit_name, width=220),
        Column("Chức vụ", lambda p: p.position, width=170),
        Column("Đối tượng", lambda p: p.category_label, width=110),
        Column("LĐ, QL", lambda p: "Có" if p.is_leader else "", key=lambda p: not p.is_leader, width=55),
        Column("Ngày tuyển dụng", lambda p: format_date(p.recruited_on), key=lambda p: _date_key(p.recruited_on), width=110),
        Column("Ngày nghỉ", lambda p: format_date(p.ended_on), key=lambda p: _date_key(p.ended_on), width=90),
    ]

    _names_of: list | None = None  # the records whose folded names _names holds (see _folded_names)
    _names: list[str] = []

    def search_text(self, p) -> str:
        return f"{p.code} {p.full_name} {p.position} {p.unit_code}"

    def haystack(self, p) -> str:
        # The folded name is stored; positions repeat, so their folding is cached.
        position = _FOLDED.get(p.position)
        if position is None:
            position = _FOLDED.setdefault(p.position, fold(p.position))
        return f"{p.code.lower()} {p.name_folded or fold(p.full_name)} {position} {p.unit_code.lower()}"

    def is_inactive(self, p) -> bool:
        return p.ended_on is not None

    def _filtered(self, within: list[int] | None = None) -> list[int]:
        """Matches in sort order, but names matching the search first: the same name, then names
        starting with it, containing it, containing every word, then matches in other columns."""
        found = super()._filtered(within)
        if not self._words:
            return found
        if within is not None:  # an earlier ranking: back to the sort order before ranking again
            kept = set(found)
            found = [i for i in self._order if i in kept]
        return ranked(found, self._folded_names(), " ".join(self._words))

    def _folded_names(self) -> list[str]:
        """The folded name of each record (folded once for the records set: set_records gives a new list)."""
        if self._names_of is not self._all:
            self._names = [p.name_folded or fold(p.full_name) for p in self._all]
            self._names_of = self._all
        return self._names


class StaffPage(ListPage):
    kind = "staff"
    noun = "cán bộ"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, StaffTableModel(), "Tìm theo mã, họ tên, chức vụ... (Ctrl+F)",
                         parent, undo)
        self._unit_kinds: dict[int, UnitKind] = {}
        self.unit_filter = self.add_filter("unit_filter", SearchableCombo([], "Tất cả đơn vị"), 2)
        self.kind_filter = self.add_kind_filter()
        self.category_filter = self.add_filter(
            "category_filter", ChoiceCombo([(label(c), c) for c in StaffCategory], "Tất cả đối tượng"))
        self.leader_filter = self.add_filter("", ChoiceCombo(LEADER))
        self.state_filter = self.add_filter("state_filter", ChoiceCombo(STATES))
        self.add_action = self.action("Thêm", self.add, "Ctrl+N", "Thêm cán bộ")
        self.edit_action = self.action("Sửa", self.edit_selected, "F2", "Sửa thông tin cán bộ đang chọn")
        self.move_action = self.action("Chuyển đơn vị", self.move_selected, "Ctrl+M")
        self.delete_action = self.action("Xóa", self.delete_selected, "Del", "Xóa cán bộ chưa có dữ liệu")
        self.history_action = add_history_action(self, collective=False)
        self.add_excel_actions()
        self._build_history_panel()
        self.start(StaffTableModel.COL_NAME)

    def _build_history_panel(self) -> None:
        box = QGroupBox("Quá trình công tác")
        box.setMinimumWidth(240)
        box.setMaximumWidth(280)
        column = QVBoxLayout(box)
        self.person_label = QLabel("Chọn một cán bộ để xem.")
        self.person_label.setWordWrap(True)
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.undo_move_button = QPushButton("Hoàn tác lần chuyển gần nhất")
        self.undo_move_button.clicked.connect(self.undo_move)
        column.addWidget(self.person_label)
        column.addWidget(self.history, 1)
        column.addWidget(self.undo_move_button)
        self.body.addWidget(box)

    def refresh_units(self) -> None:
        current = self.unit_filter.value()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("Tất cả đơn vị", None)
        units = list_units(self.db)
        self._unit_kinds = {u.id: u.kind for u in units}
        for u in sorted(units, key=lambda u: sort_key(u.name)):
            self.unit_filter.add_choice(f"{u.name} ({u.code})", u.id)
        self.unit_filter.set_value(current)
        self.unit_filter.blockSignals(False)

    def load(self) -> None:
        self.refresh_units()
        self.show_records(list_staff(self.db))

    def apply_filters(self) -> None:
        unit = self.unit_filter.value()
        kind, kinds = self.kind_filter.value(), self._unit_kinds
        category = self.category_filter.value()
        leader = self.leader_filter.value()
        active = self.state_filter.value()
        self.model.set_predicate(
            lambda p: (unit is None or p.unit_id == unit)
            and (kind is None or kinds.get(p.unit_id) == kind)
            and (category is None or p.category == category)
            and (leader is None or p.is_leader == leader)
            and (active is None or (p.ended_on is None) == active)
        )
        self.update_count()
        self.selection_changed()

    def selection_changed(self) -> None:
        person = self.selected()
        has = person is not None
        for act in (self.edit_action, self.move_action, self.delete_action, self.history_action):
            act.setEnabled(has)
        self.history.clear()
        self.undo_move_button.setEnabled(False)
        if not has:
            self.person_label.setText("Chọn một cán bộ để xem.")
            return
        self.person_label.setText(f"<b>{person.full_name}</b> ({person.code})")
        entries = unit_history(self.db, person.id)
        for a in reversed(entries):
            until = f" đến {format_date(a.end - dt.timedelta(days=1))}" if a.end else " đến nay"
            self.history.addItem(f"{a.start_text.capitalize()}{until}:\n  {a.unit_name} ({a.unit_code})")
        if person.ended_on:
            self.history.insertItem(0, f"Nghỉ từ ngày {format_date(person.ended_on)}")
        self.undo_move_button.setEnabled(len(entries) > 1)

    def add(self) -> None:
        dialog = StaffDialog(self.db, parent=self)
        unit = self.unit_filter.value()
        if unit is not None:  # adding while looking at one unit: start in that unit
            dialog.unit.set_value(unit)
            dialog.mark_clean()
        if dialog.exec():
            person = dialog.result_record
            self.remember(f"Thêm cán bộ {person.code}", lambda: restore_staff(self.db, person.id, None))
            self.after_change(lambda p: p.id == person.id)

    def edit_selected(self, focus_unit: bool = False) -> None:
        person = self.selected()
        if person is None:
            return
        before = snapshot_staff(self.db, person.id)
        dialog = StaffDialog(self.db, person, parent=self)
        if focus_unit:
            dialog.setWindowTitle(f"Chuyển đơn vị - {person.full_name}")
            dialog.focus_unit()
        if dialog.exec():
            moved = dialog.result_record.unit_id != person.unit_id
            text = f"{'Chuyển đơn vị cho' if moved else 'Sửa'} cán bộ {person.code}"
            self.remember(text, lambda: restore_staff(self.db, person.id, before))
            self.after_change(lambda p: p.id == person.id)

    def move_selected(self) -> None:
        self.edit_selected(focus_unit=True)

    @on_selected
    def undo_move(self, person) -> None:
        entries = unit_history(self.db, person.id)
        if len(entries) < 2:
            return
        last, previous = entries[-1], entries[-2]
        if not messages.confirm(
            self, "Hoàn tác chuyển đơn vị",
            f"Bỏ lần chuyển sang “{last.unit_name}” từ ngày {format_date(last.start)}?\n"
            f"{person.full_name} sẽ trở lại “{previous.unit_name}”.",
        ):
            return
        before = snapshot_staff(self.db, person.id)
        undo_last_move(self.db, person.id)
        self.remember(f"Bỏ lần chuyển đơn vị của cán bộ {person.code}",
                      lambda: restore_staff(self.db, person.id, before))
        self.after_change(lambda p: p.id == person.id)

    @on_selected
    def delete_selected(self, person) -> None:
        if staff_data(self.db, person.id):
            messages.error(self, "Không thể xóa",
                           f"{person.full_name} đã có dữ liệu nên không xóa được. Hãy nhập ngày nghỉ.")
            return
        if not messages.confirm(self, "Xóa cán bộ", f"Xóa hẳn cán bộ {person.code} - {person.full_name}?",
                                yes="Xóa"):
            return
        before = snapshot_staff(self.db, person.id)
        if not messages.attempt(self, "Không thể xóa", lambda: delete_staff(self.db, person.id)):
            return
        self.remember(f"Xóa cán bộ {person.code}", lambda: restore_staff(self.db, person.id, before))
        self.after_change()
