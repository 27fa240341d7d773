"""The discipline screen ("Kỷ luật"): every disciplinary decision, by effective year."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from sqlite_utils import Database

from models.common.dates import format_date
from models.people.discipline import Discipline, delete_discipline, list_discipline
from models.people.snapshots import restore_discipline, snapshot_discipline
from models.people.staff import staff_by_id
from models.common.text import name_sort_key, sort_key

from ui.kit import messages
from ui.people.discipline_dialog import DisciplineDialog
from ui.kit.list_page import YearListPage, on_selected
from ui.kit.table_model import Column, RecordTableModel


@dataclass(frozen=True)
class DisciplineRow:
    """A decision and the person's current unit."""

    decision: Discipline
    unit_code: str = ""
    unit_name: str = ""

    @property
    def note(self) -> str:
        return " ".join(self.decision.note.split())


def describe(d: Discipline) -> str:
    """"quyết định kỷ luật số 12/QĐ-UBND của CB01": how undo and questions name a decision."""
    return f"quyết định kỷ luật số {d.decision_number} của {d.staff_code}"


class DisciplineTableModel(RecordTableModel):
    (COL_CODE, COL_NAME, COL_UNIT, COL_FORM, COL_NUMBER, COL_DATE, COL_YEAR, COL_NOTE) = range(8)
    columns = [
        Column("Mã cán bộ", lambda r: r.decision.staff_code, key=lambda r: sort_key(r.decision.staff_code), width=85),
        Column("Họ và tên", lambda r: r.decision.full_name, key=lambda r: name_sort_key(r.decision.full_name),
               width=165),
        Column("Đơn vị", lambda r: r.unit_name, width=190),
        Column("Hình thức kỷ luật", lambda r: r.decision.form_label, key=lambda r: r.decision.severity, width=125),
        Column("Số quyết định", lambda r: r.decision.decision_number, width=115),
        Column("Ngày quyết định", lambda r: format_date(r.decision.decision_date),
               key=lambda r: r.decision.decision_date, width=122),
        Column("Năm áp dụng", lambda r: str(r.decision.effective_year), key=lambda r: r.decision.effective_year,
               align=Qt.AlignmentFlag.AlignCenter, width=95),
        Column("Ghi chú", lambda r: r.note, width=150),
    ]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self.COL_NOTE \
                and index.row() < self.rowCount():
            return self.record(index.row()).note or None  # a long note is cut off in its cell
        return super().data(index, role)

    def search_text(self, r: DisciplineRow) -> str:
        d = r.decision
        return f"{d.staff_code} {d.full_name} {r.unit_code} {r.unit_name} {d.form_label} {d.decision_number} {d.note}"


class DisciplinePage(YearListPage):
    kind = "discipline"
    noun = "quyết định kỷ luật"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, DisciplineTableModel(),
                         "Tìm theo mã, họ tên, đơn vị, số quyết định... (Ctrl+F)", parent, undo)
        self.add_year_filter("&Năm áp dụng:")
        self.add_action = self.action("Thêm", self.add, "Ctrl+N", "Thêm quyết định kỷ luật")
        self.edit_action = self.action("Sửa", self.edit_selected, "F2", "Sửa quyết định đang chọn; Enter")
        self.delete_action = self.action("Xóa", self.delete_selected, "Del", "Xóa quyết định đang chọn")
        self.add_excel_actions()
        self.start(DisciplineTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)

    # Excel: the decisions of the year shown (or all), in the import's columns.
    stem = "ky-luat"
    import_context = ("Năm áp dụng và Ghi chú có thể để trống (năm áp dụng là năm của ngày quyết định). "
                      "Quyết định đã có (cùng mã cán bộ, cùng số quyết định) thì được cập nhật.")

    def export_function(self):
        from models.people.imports_discipline import export_discipline

        return export_discipline

    def load(self) -> None:
        decisions = list_discipline(self.db)
        people = staff_by_id(self.db, (d.staff_id for d in decisions))
        rows = []
        for d in decisions:
            p = people.get(d.staff_id)
            rows.append(DisciplineRow(d, p.unit_code if p else "", p.unit_name if p else ""))
        self.refresh_years({d.effective_year for d in decisions})
        self.show_records(rows, lambda r: r.decision.id)

    def apply_filters(self) -> None:
        year = self.year_filter.value()
        self.model.set_predicate(None if year is None else (lambda r: r.decision.effective_year == year))
        self.update_count()
        self.selection_changed()

    def selection_changed(self) -> None:
        has = self.selected() is not None
        self.edit_action.setEnabled(has)
        self.delete_action.setEnabled(has)

    def _after_save(self, saved: Discipline) -> None:
        year = self.year_filter.value()
        self.after_change()
        if year is not None and year != saved.effective_year:
            self.show_year(saved.effective_year)  # the decision saved must be in sight
        self.select_where(lambda r: r.decision.id == saved.id)

    def _edit(self, decision=None) -> None:
        """The dialog for a new decision (``decision`` None) or to change one; undoable once saved."""
        before = snapshot_discipline(self.db, decision.id) if decision is not None else None
        dialog = DisciplineDialog(self.db, decision, parent=self)
        if dialog.exec():
            saved = dialog.result_record
            what = f"Sửa {describe(decision)}" if decision is not None else f"Thêm {describe(saved)}"
            self.remember(what, lambda: restore_discipline(self.db, saved.id, before))
            self._after_save(saved)

    def add(self) -> None:
        self._edit()

    @on_selected
    def edit_selected(self, row) -> None:
        self._edit(row.decision)

    @on_selected
    def delete_selected(self, row) -> None:
        d = row.decision
        if not messages.confirm(
            self, "Xóa quyết định kỷ luật",
            f"Xóa quyết định kỷ luật số {d.decision_number} ngày {format_date(d.decision_date)} "
            f"({d.form_label}) của {d.staff_code} - {d.full_name}?",
            yes="Xóa",
        ):
            return
        before = snapshot_discipline(self.db, d.id)
        delete_discipline(self.db, d.id)
        self.remember(f"Xóa {describe(d)}", lambda: restore_discipline(self.db, d.id, before))
        self.after_change()
