"""The units screen: every unit with its kind, head and current head count."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from models.common.text import sort_key
from models.people.unit_ends import UnitEnd, succession_notes
from models.people.units import delete_unit, list_units, set_unit_active, unit_data

from ui.kit import messages
from ui.kit.list_page import ListPage, on_selected
from ui.kit.table_model import Column, RecordTableModel
from ui.people.history_action import add_history_action
from ui.kit.widgets import ChoiceCombo

if TYPE_CHECKING:
    from sqlite_utils import Database

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TOOLTIP = Qt.ItemDataRole.ToolTipRole  # looked up once: data() runs for every cell painted
ACTIVE_STATES = [("Đang hoạt động", True), ("Ngừng hoạt động", False), ("Tất cả trạng thái", None)]


class UnitsTableModel(RecordTableModel):
    COL_CODE, COL_NAME, COL_KIND, COL_HEAD, COL_HEAD_TITLE, COL_STAFF, COL_STATE = range(7)
    columns = [
        Column("Mã", lambda u: u.code, key=lambda u: sort_key(u.code), width=80),
        Column("Tên đơn vị", lambda u: u.name, width=280),
        Column("Loại đơn vị", lambda u: u.kind_label, width=245),  # "Trung tâm Phục vụ hành chính công"
        Column("Người đứng đầu", lambda u: u.head_name, width=165),
        Column("Chức vụ", lambda u: u.head_title, width=130),
        Column("Số cán bộ", lambda u: str(u.staff_count), key=lambda u: u.staff_count, align=RIGHT, width=80),
        Column("Trạng thái", lambda u: "Đang hoạt động" if u.active else "Ngừng hoạt động", width=120),
    ]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.notes: dict[int, UnitEnd] = {}  # old unit id -> how it was merged, split or renamed
        state = Column("Trạng thái", self.state_text, width=180)
        self.columns = [*type(self).columns[:self.COL_STATE], state]

    def state_text(self, unit) -> str:
        if unit.active:
            return "Đang hoạt động"
        note = self.notes.get(unit.id)
        return note.short if note else "Ngừng hoạt động"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """The state's tooltip says what the old unit became: "Sáp nhập vào ... từ 01/07/2025"."""
        if role == _TOOLTIP and index.isValid() and index.column() == self.COL_STATE:
            note = self.notes.get(self.record(index.row()).id)
            return note.text if note else None
        return super().data(index, role)

    def search_text(self, unit) -> str:
        return f"{unit.code} {unit.name} {unit.head_name} {unit.head_title}"

    def is_inactive(self, unit) -> bool:
        return not unit.active


class UnitsPage(ListPage):
    kind = "units"
    noun = "đơn vị"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, UnitsTableModel(), "Tìm theo mã, tên, người đứng đầu... (Ctrl+F)",
                         parent, undo)
        self.kind_filter = self.add_kind_filter()
        self.state_filter = self.add_filter("state_filter", ChoiceCombo(ACTIVE_STATES))
        self.add_action = self.action("Thêm", self.add, "Ctrl+N", "Thêm đơn vị")
        self.edit_action = self.action("Sửa", self.edit_selected, "F2", "Sửa đơn vị đang chọn")
        self.toggle_action = self.action("Ngừng hoạt động", self.toggle_active, "Ctrl+D")
        self.delete_action = self.action("Xóa", self.delete_selected, "Del", "Xóa đơn vị chưa có dữ liệu")
        self.succession_action = self.action("Sáp nhập / chia tách / đổi tên...", self.record_succession, "Ctrl+M",
                                             "Ghi nhận đơn vị sáp nhập, chia tách, đổi tên và chuyển cán bộ sang đơn vị mới")
        self.today: dt.date | None = None  # None: the clock's day (tests set it)
        self.history_action = add_history_action(self, collective=True)
        self.add_excel_actions()
        self.start(UnitsTableModel.COL_CODE)

    def load(self) -> None:
        self.model.notes = succession_notes(self.db)
        self.show_records(list_units(self.db))

    def apply_filters(self) -> None:
        kind, active = self.kind_filter.value(), self.state_filter.value()
        self.model.set_predicate(
            lambda u: (kind is None or u.kind == kind) and (active is None or u.active == active)
        )
        self.update_count()

    def selection_changed(self) -> None:
        unit = self.selected()
        has = unit is not None
        self.edit_action.setEnabled(has)
        self.delete_action.setEnabled(has)
        self.toggle_action.setEnabled(has)
        self.history_action.setEnabled(has)
        self.toggle_action.setText("Kích hoạt lại" if has and not unit.active else "Ngừng hoạt động")

    def add(self) -> None:
        from models.people.snapshots import restore_unit  # on first use: the window starts without them
        from ui.people.unit_dialog import UnitDialog

        dialog = UnitDialog(self.db, parent=self)
        if dialog.exec():
            unit = dialog.result_record
            self.remember(f"Thêm đơn vị {unit.code}", lambda: restore_unit(self.db, unit.id, None))
            self.after_change(lambda u: u.id == unit.id)

    @on_selected
    def edit_selected(self, unit) -> None:
        from models.people.snapshots import restore_unit, snapshot_unit
        from ui.people.unit_dialog import UnitDialog

        before = snapshot_unit(self.db, unit.id)
        dialog = UnitDialog(self.db, unit, parent=self)
        if dialog.exec():
            self.remember(f"Sửa đơn vị {unit.code}", lambda: restore_unit(self.db, unit.id, before))
            self.after_change(lambda u: u.id == unit.id)

    @on_selected
    def toggle_active(self, unit) -> None:
        from models.people.snapshots import restore_unit, snapshot_unit

        if unit.active and not messages.confirm(
            self, "Ngừng hoạt động",
            f"Chuyển “{unit.name}” sang ngừng hoạt động?\nDữ liệu của đơn vị vẫn được giữ; "
            "có thể kích hoạt lại bất cứ lúc nào.",
        ):
            return
        ended = None if unit.active else succession_notes(self.db).get(unit.id)
        if ended is not None and not messages.confirm(
            self, "Kích hoạt lại",
            f"“{unit.name}” đã {ended.text[0].lower()}{ended.text[1:]}.\nKích hoạt lại thì đơn vị cũ lại có trong "
            "các danh sách đơn vị đang hoạt động (đăng ký, xếp loại, danh hiệu tập thể), còn cán bộ vẫn ở đơn vị "
            "mới và việc sắp xếp vẫn được ghi.\nVẫn kích hoạt lại?",
            yes="Kích hoạt lại",
        ):
            return
        before = snapshot_unit(self.db, unit.id)
        set_unit_active(self.db, unit.id, not unit.active)
        verb = "Ngừng hoạt động" if unit.active else "Kích hoạt lại"
        self.remember(f"{verb} đơn vị {unit.code}", lambda: restore_unit(self.db, unit.id, before))
        self.after_change(lambda u: u.id == unit.id)

    @on_selected
    def delete_selected(self, unit) -> None:
        from models.people.snapshots import restore_unit, snapshot_unit

        if unit_data(self.db, unit.id):
            messages.error(
                self, "Không thể xóa",
                f"“{unit.name}” đã có dữ liệu nên không xóa được (để giữ lịch sử).\n"
                "Hãy dùng “Ngừng hoạt động” thay cho xóa.",
            )
            return
        if not messages.confirm(
            self, "Xóa đơn vị", f"Xóa hẳn đơn vị “{unit.code} - {unit.name}”?\nĐơn vị chưa có dữ liệu nào.",
            yes="Xóa",
        ):
            return
        before = snapshot_unit(self.db, unit.id)
        if not messages.attempt(self, "Không thể xóa", lambda: delete_unit(self.db, unit.id)):
            return
        self.remember(f"Xóa đơn vị {unit.code}", lambda: restore_unit(self.db, unit.id, before))
        self.after_change()

    def record_succession(self) -> None:
        """Merge, split or rename units from a date, moving their people in one step (undoable)."""
        from models.people.succession import undo_succession  # on first use: the window starts without it
        from ui.people.succession_dialog import SuccessionDialog

        unit = self.selected()
        dialog = SuccessionDialog(self.db, self.today or dt.date.today(),
                                  unit.id if unit is not None and unit.active else None, parent=self)
        if dialog.exec():
            done = dialog.result_record
            self.remember(done.text, lambda: undo_succession(self.db, done))
            self.after_change(lambda u: u.id == done.plan.new_ids[0])
