"""Table models of the year-end review screen: the units (and people) considered for a list, and
the short list the "add to the list" picker shows."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from models.yearend.lists import UNIT
from models.common.codes import ListKind
from models.common.text import name_sort_key, sort_key

from ui.yearend.list_data import ADDED, REMOVED, ListSpec
from ui.yearend.review_data import IN_LIST, STATUSES, ReviewRow
from ui.kit.table_model import Column, Index, RecordTableModel

STATUS_COLOURS = {IN_LIST: "#dde8f8", ADDED: "#d7efd2", REMOVED: "#f6c9c9"}
_BRUSHES = {status: QBrush(QColor(colour)) for status, colour in STATUS_COLOURS.items()}
_STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}


def _status_key(row):
    # Rows of other lists (the titles) have statuses of their own: after the review's, in order.
    return _STATUS_ORDER.get(row.status, len(_STATUS_ORDER)), row.order


def _name_key(row: ReviewRow):
    return name_sort_key(row.name) if row.subject != UNIT else sort_key(row.name)


class ListTableModel(RecordTableModel):
    """The rows of a year-end list (the review's, a title's): the status cell (``col_status``) is
    tinted by state (``brushes``), a unit no longer active is greyed."""

    col_status = -1
    brushes: dict = {}

    def is_inactive(self, record) -> bool:
        return not record.active

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self.col_status:
            return self.brushes.get(self.record(index.row()).status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(self.record(index.row()), index.column())
        return super().data(index, role)

    def tooltip(self, record, column: int) -> str | None:
        return None


class ReviewTableModel(ListTableModel):
    """Every row the review considered for one list; the status cell is tinted by state."""

    COL_SUBJECT, COL_CODE, COL_NAME, COL_WHERE, COL_STATUS, COL_TEXT, COL_WHY = range(7)
    COL_INITIATIVE = 7  # the commendation list only: after the others, so the numbers above stay
    col_status = COL_STATUS
    brushes = _BRUSHES

    def __init__(self, kind: ListKind, parent=None):
        super().__init__(parent)
        self.kind = kind
        criticism = kind == ListKind.CRITICISM
        self.columns = [
            # The review's own order (units by kind, then people) is this column's ascending order.
            Column("Đối tượng", lambda r: r.subject_label, key=lambda r: r.order, width=86),
            Column("Mã", lambda r: r.code, width=64),
            Column("Tên tập thể" if criticism else "Tên", lambda r: r.name, key=_name_key,
                   width=270 if criticism else 180),
            Column("Loại đơn vị" if criticism else "Chức vụ, đơn vị", lambda r: r.where,
                   width=150 if criticism else 190),
            Column("Trạng thái", lambda r: r.status, key=lambda r: (_STATUS_ORDER[r.status], r.order), width=128),
            Column("Lý do phê bình" if criticism else "Thành tích", lambda r: r.text, width=260 if criticism else 200),
            # The last column takes the room left; the panel under the table shows it whole.
            Column("Giải thích", lambda r: r.why, width=120),
        ]
        if not criticism:  # the initiative a person authored, moved beside the name by the panel
            self.columns.append(Column("Mô hình, sáng kiến", lambda r: r.initiative, width=190))

    def tooltip(self, record: ReviewRow, column: int) -> str | None:
        if column in (self.COL_WHERE, self.COL_TEXT, self.COL_WHY, self.COL_INITIATIVE):
            return self.columns[column].text(record) or None
        return None

    def export_value(self, record: ReviewRow, column: int):
        return self.columns[column].text(record)


class PickTableModel(ListTableModel):
    """The units and people a list can take, for the "add" dialog's searchable picker."""

    def __init__(self, spec: ListSpec, parent=None):
        super().__init__(parent)
        criticism = spec.subjects == (UNIT,)  # collectives only
        self.columns = [
            Column("Đối tượng", lambda r: r.subject_label, key=lambda r: r.order, width=86),
            Column("Mã", lambda r: r.code, width=70),
            Column("Tên", lambda r: r.name, key=_name_key, width=240 if criticism else 200),
            Column("Loại đơn vị" if criticism else "Chức vụ, đơn vị", lambda r: r.where,
                   width=170 if criticism else 250),
            Column("Trạng thái", lambda r: r.status, key=_status_key, width=120),
        ]
