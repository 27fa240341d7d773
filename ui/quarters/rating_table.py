"""The table of the yearly quality rating screen: one row per person who worked in the year.

A row holds the rating being entered (in memory until saved) beside the one stored; only the note
is edited in the table itself, the level is set from the keyboard by the screen.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont

from models.common.codes import Level, label
from models.common.text import name_sort_key, sort_key
from models.quarters.ratings import RatedPerson

from ui.kit.table_model import Column, Index, RecordTableModel
from ui.quarters.classification_table import ERROR_BACKGROUND, LEVEL_BACKGROUND, MISSING_BACKGROUND

_LEVEL_ORDER = {level: i for i, level in enumerate(Level)}


@dataclass
class RatingRow:
    """A person (``stt``: list order), their quarters as text, and the rating entered now."""

    stt: int
    person: RatedPerson
    quarters: str
    level: Level | None
    note: str

    @property
    def changed(self) -> bool:
        return (self.level, self.note) != (self.person.level, self.person.note)


class RatingTableModel(RecordTableModel):
    COL_STT, COL_CODE, COL_NAME, COL_UNIT, COL_POSITION, COL_QUARTERS, COL_LEVEL, COL_NOTE = range(8)
    columns = [
        Column("STT", lambda r: str(r.stt), key=lambda r: r.stt,
               align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, width=44),
        Column("Mã", lambda r: r.person.code, key=lambda r: sort_key(r.person.code), width=72),
        Column("Họ và tên", lambda r: r.person.full_name, key=lambda r: name_sort_key(r.person.full_name), width=160),
        Column("Đơn vị", lambda r: r.person.unit_code, width=60),
        Column("Chức vụ", lambda r: r.person.position, width=110),
        Column("Các quý", lambda r: r.quarters, width=270),
        Column("Xếp loại cuối năm", lambda r: label(r.level) if r.level else "",
               key=lambda r: _LEVEL_ORDER.get(r.level, 9), width=214),
        Column("Ghi chú", lambda r: r.note, width=150),
    ]

    edited = Signal()  # the user changed a note in the table

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def search_text(self, r: RatingRow) -> str:
        return f"{r.person.code} {r.person.full_name} {r.person.position} {r.person.unit_code}"

    def rows(self) -> list[RatingRow]:
        return self._all

    def set_rating(self, row: int, level: Level | None, note: str | None = None) -> None:
        """Put ``level`` (and ``note``, when given) on the visible row ``row``."""
        r = self.record(row)
        r.level = level
        if note is not None:
            r.note = note
        self._refresh(row, row)

    def set_levels(self, levels: dict[int, Level]) -> None:
        """Give the people in ``levels`` (staff id -> level) their level."""
        for r in self._all:
            if r.person.staff_id in levels:
                r.level = levels[r.person.staff_id]
        if self._visible:
            self._refresh(0, len(self._visible) - 1)

    def set_errors(self, errors: dict[int, str]) -> None:
        self.errors = dict(errors)
        if self._visible:
            self._refresh(0, len(self._visible) - 1)

    def _refresh(self, first: int, last: int) -> None:
        for col in (self.COL_LEVEL, self.COL_NOTE):  # cached sort keys of these columns are stale now
            self._sort_keys.pop(col, None)
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def row_of_staff(self, staff_id: int) -> int:
        return self.row_of(lambda r: r.person.staff_id == staff_id)

    # Qt's model interface.
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        r: RatingRow = self._all[self._visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.EditRole:
            return r.note if col == self.COL_NOTE else super().data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.person.staff_id in self.errors:
                return ERROR_BACKGROUND
            if col == self.COL_LEVEL:
                return MISSING_BACKGROUND if r.level is None else LEVEL_BACKGROUND.get(r.level)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if col == self.COL_NAME and r.person.is_leader:
                return self._bold
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.person.staff_id in self.errors:
                return self.errors[r.person.staff_id]
            if col == self.COL_LEVEL and r.level is None:
                return "Chưa xếp loại: gõ 1-4 (hoặc X, T, H, K)"
            if col == self.COL_QUARTERS:
                return "Kết quả xếp loại các quý của năm (KĐG: không đánh giá)"
            if col in (self.COL_POSITION, self.COL_NOTE):
                return self.columns[col].text(r) or None
            return None
        return super().data(index, role)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.COL_NOTE
                or index.row() >= len(self._visible)):
            return False
        note = " ".join(str(value or "").split())
        if note != self.record(index.row()).note:
            self.set_rating(index.row(), self.record(index.row()).level, note)
            self.edited.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COL_NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
