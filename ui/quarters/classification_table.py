"""The entry table of the quarterly classification: one row per person of the unit's quarter.

Rows hold the result being entered (in memory until saved); only the note is edited in the
table itself, the level and the reason are set from the keyboard by the screen.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from models.quarters.classifications import Entry, RosterPerson
from models.common.codes import LEVEL_SHORT, NOT_CLASSIFIED, HeadLevel, label
from models.common.text import name_sort_key, sort_key

from ui.kit.table_model import Column, Index, RecordTableModel

SHORT = LEVEL_SHORT  # short forms used in Vietnamese classification reports (status line, counts)
_LEVEL_ORDER = {level: i for i, level in enumerate(HeadLevel)}

ERROR_BACKGROUND = QBrush(QColor("#f4b8b8"))
NOT_CLASSIFIED_FOREGROUND = QBrush(QColor("#5f5f5f"))
MISSING_BACKGROUND = QBrush(QColor("#fff4d6"))  # level not entered yet
LEVEL_BACKGROUND = {
    HeadLevel.XUAT_SAC: QBrush(QColor("#d6ecd2")),
    HeadLevel.KHONG_HOAN_THANH: QBrush(QColor("#ece3d4")),
}


def score_text(score: float | None) -> str:
    """A score as typed in Vietnamese: "92", "80,5"; "" for none."""
    if score is None:
        return ""
    return str(int(score)) if float(score).is_integer() else f"{score:g}".replace(".", ",")


def parse_score(value) -> float | None | bool:
    """The score typed in a cell ("80,5" or "80.5"); None when emptied; False when it is not a
    number from 0 to 100."""
    text = str(value if value is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        score = float(text)
    except ValueError:
        return False
    return score if 0 <= score <= 100 else False


@dataclass
class EntryRow:
    """A person of the roster and the result currently entered for them (``stt``: roster order)."""

    stt: int
    person: RosterPerson
    entry: Entry = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.entry is None:
            self.entry = self.person.entry

    @property
    def level_text(self) -> str:
        if self.entry.level is not None:
            return label(self.entry.level)
        return NOT_CLASSIFIED if self.entry.reason is not None else ""

    @property
    def reason_text(self) -> str:
        return label(self.entry.reason) if self.entry.reason is not None else ""


def _level_key(r: EntryRow) -> int:
    if r.entry.level is not None:
        return _LEVEL_ORDER[r.entry.level]
    return len(_LEVEL_ORDER) + (0 if r.entry.reason is not None else 1)


class ClassificationTableModel(RecordTableModel):
    COL_STT, COL_CODE, COL_NAME, COL_POSITION, COL_LEADER, COL_LEVEL, COL_REASON, COL_NOTE, COL_SCORE = range(9)
    _CENTER = Qt.AlignmentFlag.AlignCenter
    columns = [
        Column("STT", lambda r: str(r.stt), key=lambda r: r.stt,
               align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, width=44),
        Column("Mã", lambda r: r.person.code, key=lambda r: sort_key(r.person.code), width=72),
        Column("Họ và tên", lambda r: r.person.full_name, key=lambda r: name_sort_key(r.person.full_name), width=180),
        Column("Chức vụ", lambda r: r.person.position, width=190),
        Column("LĐ, QL", lambda r: "x" if r.person.is_leader else "", key=lambda r: not r.person.is_leader,
               align=_CENTER, width=54),
        Column("Xếp loại", lambda r: r.level_text, key=_level_key, width=206),
        Column("Lý do không đánh giá", lambda r: r.reason_text, width=146),
        Column("Ghi chú", lambda r: r.entry.note, width=160),
        # Shown when the quarter's rule set scores people (Nghị định 335/2025/NĐ-CP), or a score is stored.
        Column("Điểm", lambda r: score_text(r.entry.score), key=lambda r: (r.entry.score is None, r.entry.score or 0),
               align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, width=56),
    ]
    _ENTRY_COLUMNS = (COL_LEVEL, COL_REASON, COL_NOTE, COL_SCORE)

    edited = Signal()  # the user changed a note in the table

    def __init__(self, parent=None):
        super().__init__(parent)
        self.read_only = False
        self.errors: dict[int, str] = {}  # staff id -> what is wrong (from the last save)
        self._folded: dict[tuple[str, str, str], str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def search_text(self, r: EntryRow) -> str:
        return f"{r.person.code} {r.person.full_name} {r.person.position}"

    def haystack(self, r: EntryRow) -> str:
        # Folding is the slowest part of showing a unit: kept across switches of unit and quarter.
        key = (r.person.code, r.person.full_name, r.person.position)
        if key not in self._folded:
            self._folded[key] = super().haystack(r)
        return self._folded[key]

    # Changing entries.
    def rows(self) -> list[EntryRow]:
        return self._all

    def set_entry(self, row: int, entry: Entry) -> None:
        """Put ``entry`` on the visible row ``row``."""
        self.record(row).entry = entry
        self._entries_changed(row, row)

    def set_entries(self, entries: dict[int, Entry]) -> None:
        """Replace the entries of the people in ``entries`` (staff id -> entry)."""
        for r in self._all:
            if r.person.staff_id in entries:
                r.entry = entries[r.person.staff_id]
        if self._visible:
            self._entries_changed(0, len(self._visible) - 1)

    def set_errors(self, errors: dict[int, str]) -> None:
        self.errors = dict(errors)
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, len(self.columns) - 1))

    def _entries_changed(self, first: int, last: int) -> None:
        for col in self._ENTRY_COLUMNS:  # cached sort keys of these columns are stale now
            self._sort_keys.pop(col, None)
        self.dataChanged.emit(self.index(first, self.COL_LEVEL), self.index(last, self.COL_SCORE))

    # Qt's model interface.
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        r: EntryRow = self._all[self._visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.EditRole:
            if col == self.COL_SCORE:
                return score_text(r.entry.score)
            return r.entry.note if col == self.COL_NOTE else super().data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.person.staff_id in self.errors:
                return ERROR_BACKGROUND
            if col == self.COL_LEVEL:
                if r.entry.blank:
                    return MISSING_BACKGROUND
                return LEVEL_BACKGROUND.get(r.entry.level)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return NOT_CLASSIFIED_FOREGROUND if r.entry.reason is not None else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if col == self.COL_NAME and r.person.is_leader else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.person.staff_id in self.errors:
                return self.errors[r.person.staff_id]
            if col == self.COL_LEVEL and r.entry.blank and not self.read_only:
                return "Chưa xếp loại: gõ 1-4 (hoặc X, T, H, K), 0 hoặc - nếu không đánh giá"
            if col in (self.COL_POSITION, self.COL_NOTE):  # may be cut off in the cell
                return self.columns[col].text(r) or None
            return None
        return super().data(index, role)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in self._TYPED
                or self.read_only or index.row() >= len(self._visible)):
            return False
        r: EntryRow = self.record(index.row())
        if index.column() == self.COL_SCORE:
            score = parse_score(value)
            if score is False:  # not a number from 0 to 100: the cell keeps what it had
                return False
            changed = replace(r.entry, score=score)
        else:
            changed = replace(r.entry, note=" ".join(str(value or "").split()))
        if changed != r.entry:
            r.entry = changed
            self._entries_changed(index.row(), index.row())
            self.edited.emit()
        return True

    _TYPED = (COL_NOTE, COL_SCORE)  # the cells edited in the table itself

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self._TYPED and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def row_of_staff(self, staff_id: int) -> int:
        return self.row_of(lambda r: r.person.staff_id == staff_id)
