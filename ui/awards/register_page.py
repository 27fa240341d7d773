"""The award register screen ("Sổ khen thưởng"): every award by year, searched in the database as one
types (400,000 awards: a few milliseconds a keystroke), with add, edit, delete (asked first) and undo."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlite_utils import Database

from models.awards.register import (
    SEARCH_LIMIT, Award, SearchFilter, amount_text, award_years, delete_award, restore_award, search_awards,
    snapshot_award,
)
from models.common.award_codes import AwardKind, award_label
from models.common.dates import format_date
from models.common.errors import DomainError
from models.common.text import name_sort_key, sort_key

from ui.awards.award_dialog import AwardDialog
from ui.kit import messages
from ui.kit.list_page import YearListPage, on_selected
from ui.kit.table_model import Column, RecordTableModel
from ui.kit.widgets import ChoiceCombo

CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class AwardTableModel(RecordTableModel):
    (COL_YEAR, COL_CODE, COL_NAME, COL_FORM, COL_LEVEL, COL_NUMBER, COL_DATE, COL_REASON, COL_AMOUNT,
     COL_SOURCE) = range(10)
    columns = [
        Column("Năm", lambda a: str(a.year), key=lambda a: a.year, align=CENTER, width=55),
        Column("Mã", lambda a: a.code, key=lambda a: sort_key(a.code), width=75),
        Column("Cá nhân / Tập thể", lambda a: a.name,
               key=lambda a: sort_key(a.name) if a.is_collective else name_sort_key(a.name), width=190),
        Column("Hình thức khen thưởng", lambda a: a.form, width=190),
        Column("Cấp khen", lambda a: a.level_label, key=lambda a: list(type(a.level)).index(a.level), width=110),
        Column("Số quyết định", lambda a: a.decision_number, width=115),
        Column("Ngày quyết định", lambda a: format_date(a.decision_date), key=lambda a: a.decision_date or "",
               width=110),
        Column("Lý do", lambda a: a.reason, width=180),
        Column("Số tiền", lambda a: amount_text(a.amount), key=lambda a: a.amount, align=RIGHT, width=100),
        Column("Nguồn", lambda a: "Danh sách đã duyệt" if a.automatic else "Nhập tay / tệp", width=120),
    ]

    def haystack(self, record) -> str:
        return ""  # the search runs in the database (models.awards.register.search_awards)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.row() < self.rowCount() \
                and index.column() in (self.COL_FORM, self.COL_REASON):
            a = self.record(index.row())
            return (a.form if index.column() == self.COL_FORM else a.reason) or None
        return super().data(index, role)


class RegisterPage(YearListPage):
    kind = "awards"
    noun = "khen thưởng"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, AwardTableModel(),
                         "Tìm theo mã, họ tên, đơn vị, hình thức, số quyết định... (Ctrl+F)", parent, undo)
        self.add_year_filter("&Năm:")
        self.kind_filter = self.add_filter(
            "kind_filter", ChoiceCombo([(award_label(k), k) for k in AwardKind], "Tất cả hình thức"))
        self.subject_filter = self.add_filter(
            "subject_filter", ChoiceCombo([("Cá nhân", False), ("Tập thể", True)], "Cá nhân và tập thể"))
        self.add_action = self.action("Thêm", self.add, "Ctrl+N", "Thêm khen thưởng")
        self.edit_action = self.action("Sửa", self.edit_selected, "F2", "Sửa khen thưởng đang chọn; Enter")
        self.delete_action = self.action("Xóa", self.delete_selected, "Del", "Xóa khen thưởng đang chọn")
        self.add_excel_actions()
        self.sort_by(AwardTableModel.COL_YEAR, Qt.SortOrder.DescendingOrder)
        self.reload()

    # The search runs in the database: the table holds at most SEARCH_LIMIT awards.
    def wanted(self) -> SearchFilter:
        return SearchFilter(self.search.text(), self.year_filter.value(), self.kind_filter.value(),
                            self.subject_filter.value())

    def _search_changed(self, text: str) -> None:
        self.apply_filters()

    def apply_filters(self) -> None:
        result = search_awards(self.db, self.wanted())
        self._more = result.more
        self.show_records(result.awards)

    def update_count(self) -> None:
        shown = self.model.rowCount()
        if getattr(self, "_more", False):
            self.count_label.setText(f"Hiển thị {SEARCH_LIMIT} khen thưởng mới nhất khớp điều kiện (còn nữa: gõ thêm "
                                     "để tìm hẹp hơn hoặc chọn năm)")
        else:
            self.count_label.setText(f"Hiển thị {shown:,} khen thưởng".replace(",", "."))

    def load(self) -> None:
        self.refresh_years(set(award_years(self.db)))
        self.apply_filters()

    def selection_changed(self) -> None:
        chosen = self.selected()
        self.edit_action.setEnabled(chosen is not None and not chosen.automatic)
        self.delete_action.setEnabled(chosen is not None and not chosen.automatic)

    # Excel: the awards of the year shown (or all), in the import's columns.
    stem = "khen-thuong"
    import_context = ("Mỗi dòng ghi Mã cán bộ (khen cá nhân) hoặc Mã đơn vị (khen tập thể), không ghi cả hai. "
                      "Khen thưởng đã có (cùng người hoặc đơn vị, năm, hình thức, số quyết định) thì được cập nhật.")

    def export_function(self):
        from models.awards.exchange import export_awards

        return export_awards

    # Editing.
    def _after_save(self, saved: Award) -> None:
        self.after_change()
        if self.year_filter.value() not in (None, saved.year):
            self.show_year(saved.year)  # the award saved must be in sight
        self.select_where(lambda a: a.id == saved.id)

    def _edit(self, award: Award | None = None) -> None:
        if award is not None and award.automatic:
            messages.inform(self, "Danh hiệu từ danh sách đã phê duyệt",
                            "Danh hiệu này được ghi khi danh sách danh hiệu của năm được phê duyệt; muốn sửa, hãy "
                            "mở lại danh sách ở màn hình Danh hiệu cuối năm.")
            return
        before = snapshot_award(self.db, award.id) if award is not None else None
        dialog = AwardDialog(self.db, award, parent=self, year=self.year_filter.value())
        if dialog.exec():
            saved = dialog.result_record
            what = f"Sửa khen thưởng {award.describe()}" if award is not None else f"Thêm khen thưởng {saved.describe()}"
            self.remember(what, lambda: restore_award(self.db, saved.id, before))
            self._after_save(saved)

    def add(self) -> None:
        self._edit()

    @on_selected
    def edit_selected(self, award) -> None:
        self._edit(award)

    @on_selected
    def delete_selected(self, award) -> None:
        if award.automatic:
            self._edit(award)  # says why it cannot be deleted here
            return
        decision = f" (Quyết định số {award.decision_number}" + (
            f" ngày {format_date(award.decision_date)})" if award.decision_date else ")") if award.decision_number else ""
        if not messages.confirm(self, "Xóa khen thưởng", f"Xóa {award.describe()}{decision}?", yes="Xóa"):
            return
        before = snapshot_award(self.db, award.id)
        try:
            delete_award(self.db, award.id)
        except DomainError as e:
            messages.error(self, "Không xóa được", str(e))
            return
        self.remember(f"Xóa khen thưởng {award.describe()}", lambda: restore_award(self.db, award.id, before))
        self.after_change()
