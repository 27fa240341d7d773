"""Table models of the yearly titles screen: everyone considered for a title, and the ranking of
one Chiến sĩ thi đua cơ sở cap group."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from models.common.codes import TitleCode
from models.common.text import name_sort_key, sort_key

from ui.yearend.list_data import ADDED, REMOVED
from ui.yearend.review_tables import ListTableModel
from ui.kit.table_model import Column, Index, RecordTableModel
from ui.yearend.titles_data import OUT_OF_QUOTA, PROPOSED, STATUSES, CapRow, TitleRow, money_text

STATUS_COLOURS = {PROPOSED: "#dde8f8", ADDED: "#d7efd2", REMOVED: "#f6c9c9", OUT_OF_QUOTA: "#fbe3b8"}
_BRUSHES = {status: QBrush(QColor(colour)) for status, colour in STATUS_COLOURS.items()}
_STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def _count(get, width: int = 90, title: str = "") -> Column:
    return Column(title, lambda r: str(get(r)), key=get, align=_CENTER, width=width)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Có" if value else "Không")


def _columns(title: TitleCode) -> dict[str, Column]:
    """The columns of ``title``'s table by name, in order; the last (the why) takes the room left."""
    status_width = {TitleCode.LDTT: 132, TitleCode.CSTDCS: 226}.get(title, 122)
    status = Column("Trạng thái", lambda r: r.status, key=lambda r: (_STATUS_ORDER[r.status], r.order),
                    width=status_width)
    bonus = Column("Thưởng (đ)", lambda r: money_text(r.amount), key=lambda r: r.amount, align=_RIGHT, width=88)
    why = Column("Giải thích", lambda r: r.why, width=90)
    if title in (TitleCode.TTLDTT, TitleCode.TTLDXS):
        columns = {
            "code": Column("Mã", lambda r: r.code, width=72),
            "name": Column("Tên đơn vị", lambda r: r.name, key=lambda r: sort_key(r.name), width=260),
            # The council's order (kind of unit, then name) is this column's ascending order.
            "where": Column("Loại đơn vị", lambda r: r.position, key=lambda r: r.order, width=140),
            "status": status,
            # The members counted are the shares' denominator: "10/12 (83,3%)".
            "ldtt": Column("Đạt LĐTT", lambda r: r.ldtt_share,
                           key=lambda r: (r.earned_ldtt / r.counted if r.counted else -1, r.order), align=_CENTER,
                           width=110),
        }
        if title == TitleCode.TTLDXS:
            columns["completed"] = Column("Hoàn thành NV", lambda r: f"{r.completed}/{r.counted}" if r.counted else "",
                                          key=lambda r: (r.completed / r.counted if r.counted else -1), align=_CENTER,
                                          width=104)
            columns["cstdcs"] = _count(lambda r: r.cstdcs, 70, "CSTĐCS")
        return {**columns, "bonus": bonus, "why": why}
    columns = {
        "code": Column("Mã", lambda r: r.code, width=64),
        "name": Column("Họ và tên", lambda r: r.name, key=lambda r: name_sort_key(r.name),
                       width=172 if title == TitleCode.LDTT else 160),
        # The printed order (the council's unit order, then name) is this column's ascending order.
        "unit": Column("Đơn vị", lambda r: r.unit, key=lambda r: r.order,
                       width=196 if title == TitleCode.LDTT else 190),
        "status": status,
    }
    if title == TitleCode.LDTT:
        columns["classified"] = Column("Quý xếp loại", lambda r: f"{r.classified}/{r.quarters}" if r.quarters else "",
                                       key=lambda r: (r.classified, r.quarters), align=_CENTER, width=88)
        columns["excellent"] = _count(lambda r: r.excellent, 92, "Quý HTXSNV")
        columns["discipline"] = Column("Kỷ luật", lambda r: r.discipline, width=88)
    else:
        columns["excellent"] = _count(lambda r: r.excellent, 92, "Quý HTXSNV")
        columns["initiative"] = Column("Sáng kiến", lambda r: _yes_no(r.initiative), align=_CENTER, width=72)
        columns["rank"] = Column("Xếp hạng", lambda r: r.rank, key=lambda r: tuple(map(int, r.rank.split("/")))
                                 if r.rank else (10**9, 0), align=_CENTER, width=70)
    return {**columns, "bonus": bonus, "why": why}


class TitleTableModel(ListTableModel):
    """Everyone the rules considered for one title; the status cell is tinted by state."""

    def __init__(self, title: TitleCode, parent=None):
        super().__init__(parent)
        self.title = title
        named = _columns(title)
        self.columns = list(named.values())
        self.column_of = {name: i for i, name in enumerate(named)}
        self.col_status = self.column_of["status"]
        self.brushes = _BRUSHES

    def name_achievements(self, only_initiative: bool) -> None:
        """The achievement column's heading: "Sáng kiến" under a rule set asking for a recognised
        initiative only (2018), "Thành tích" under one accepting other achievements (2024 on)."""
        column = self.column_of.get("initiative")
        if column is None:
            return
        heading = "Sáng kiến" if only_initiative else "Thành tích"
        if self.columns[column].title != heading:
            self.columns[column] = replace(self.columns[column], title=heading)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def search_text(self, record: TitleRow) -> str:
        # Not the sentences: folding 20,000 of them would cost a third of a second per tab.
        return f"{record.code} {record.name} {record.position} {record.unit} {record.status} {record.discipline}"

    def tooltip(self, record: TitleRow, column: int) -> str | None:
        if column == self.column_of.get("name"):
            return f"{record.name} — {record.where}" if record.where else record.name
        return self.columns[column].text(record) or None


class CapTableModel(RecordTableModel):
    """The eligible people of one cap group, best first; those past the quota are tinted."""

    COL_RANK, COL_NAME, COL_EXCELLENT, COL_COUNCIL, COL_RESULT = range(5)
    _OUT = QBrush(QColor(STATUS_COLOURS[OUT_OF_QUOTA]))
    _IN = QBrush(QColor(STATUS_COLOURS[PROPOSED]))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = [
            Column("Hạng", lambda r: str(r.rank), key=lambda r: r.rank, align=_CENTER, width=46),
            Column("Họ và tên", lambda r: r.name, key=lambda r: name_sort_key(r.name), width=180),
            Column("Quý HTXSNV", lambda r: str(r.excellent), key=lambda r: r.excellent, align=_CENTER, width=92),
            Column("Thứ tự ưu tiên", lambda r: r.council_text, key=lambda r: r.council or 10**9, align=_CENTER,
                   width=100),
            Column("Kết quả", lambda r: r.result, width=110),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            record: CapRow = self.record(index.row())
            return self._IN if record.within else self._OUT
        return super().data(index, role)


__all__ = ["CapTableModel", "STATUS_COLOURS", "TitleTableModel"]
