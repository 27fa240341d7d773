"""The campaign tracking table (one row per participating unit) and the bar of counts per state."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from models.common.codes import TrackingState, label
from models.common.dates import format_date
from models.common.text import sort_key
from models.campaigns.tracking import OVERDUE, UnitStatus

from ui.kit.table_model import Column, Index, RecordTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SOON_DAYS = 3  # "deadline soon": this many days left or fewer
OVERDUE_FILTER = "overdue"  # the state filter's value for every overdue state together

# Light backgrounds that keep black text readable; the same colours mark the counts bar.
COLOURS = {
    TrackingState.REGISTRATION_OVERDUE: "#f6c9c9",
    TrackingState.NOT_REPORTED: "#f6c9c9",
    TrackingState.REGISTERED_LATE: "#fbdca6",
    TrackingState.REPORTED_LATE: "#fbdca6",
    TrackingState.REGISTERED_ON_TIME: "#d3ecd0",
    TrackingState.REPORTED_ON_TIME: "#d3ecd0",
    TrackingState.ASSESSED: "#bfe3c0",
}
SOON = "#fff2b3"
INACTIVE = "#e4e4e4"
_BRUSHES = {state: QBrush(QColor(colour)) for state, colour in COLOURS.items()}
_SOON_BRUSH = QBrush(QColor(SOON))
_INACTIVE_BRUSH = QBrush(QColor(INACTIVE))
_LATER_BRUSH = QBrush(QColor("#7a7a7a"))
_STATE_ORDER = {state: i for i, state in enumerate(TrackingState)}
_WAITING = {TrackingState.NOT_REGISTERED, TrackingState.REGISTERED_ON_TIME, TrackingState.REGISTERED_LATE}


def next_deadline(s: UnitStatus) -> dt.date:
    """The deadline that matters for the unit now: registration until it has registered, then the report."""
    p = s.participant
    if s.state in (TrackingState.NOT_REGISTERED, TrackingState.REGISTRATION_OVERDUE):
        return p.registration_deadline
    return p.report_deadline


def _deadline_text(s: UnitStatus) -> str:
    # As the campaign words it: "chậm nhất ngày X" (the day itself is on time) or "trước ngày X".
    text = s.participant.deadline_text(next_deadline(s))
    return f"{text} (riêng)" if s.participant.own_deadlines else text


def _unit_text(s: UnitStatus) -> str:
    name = s.participant.unit_name
    return name if s.participant.unit_active else f"{name} (ngừng hoạt động)"


def _title_text(s: UnitStatus) -> str:
    if not s.initiatives:
        return ""
    more = len(s.initiatives) - 1
    return s.initiative.title + (f" (và {more} mô hình khác)" if more else "")


def _date_key(value: dt.date | None) -> str:
    return value.isoformat() if value else "9999-99-99"


def _days_key(s: UnitStatus) -> tuple[int, int]:
    return (1, 0) if s.days is None else (0, s.days)


def _of_initiative(attribute):
    def text(s: UnitStatus) -> str:
        return getattr(s.initiative, attribute) if s.initiative else ""
    return text


def _initiative_date(attribute):
    def value(s: UnitStatus) -> dt.date | None:
        return getattr(s.initiative, attribute) if s.initiative else None
    return value


class TrackingTableModel(RecordTableModel):
    """Rows are :class:`models.campaigns.tracking.UnitStatus`; the background says how the unit stands."""

    (COL_CODE, COL_UNIT, COL_STATE, COL_DEADLINE, COL_DAYS, COL_TITLE, COL_KIND, COL_REGISTERED,
     COL_REPORTED, COL_ASSESSMENT, COL_RECOGNITION) = range(11)
    columns = [
        Column("Mã", lambda s: s.participant.unit_code, key=lambda s: sort_key(s.participant.unit_code), width=60),
        Column("Đơn vị", _unit_text, width=220),
        Column("Trạng thái", lambda s: s.state_label, key=lambda s: _STATE_ORDER[s.state], width=165),
        Column("Hạn", _deadline_text, key=lambda s: next_deadline(s).isoformat(), width=200),
        Column("Còn / quá hạn", lambda s: s.days_text, key=_days_key, width=145),
        Column("Tên mô hình, sáng kiến, giải pháp", _title_text, width=260),
        Column("Loại", _of_initiative("kind_label"), width=80),
        Column("Ngày đăng ký", lambda s: format_date(_initiative_date("registered_on")(s)),
               key=lambda s: _date_key(_initiative_date("registered_on")(s)), width=100),
        Column("Ngày báo cáo", lambda s: format_date(_initiative_date("reported_on")(s)),
               key=lambda s: _date_key(_initiative_date("reported_on")(s)), width=100),
        Column("Đánh giá", _of_initiative("assessment_label"), width=130),
        Column("Công nhận sáng kiến", lambda s: s.recognition_text, width=190),
    ]
    # Columns exported to Excel as real dates rather than text.
    DATE_VALUES = {
        COL_DEADLINE: next_deadline,
        COL_REGISTERED: _initiative_date("registered_on"),
        COL_REPORTED: _initiative_date("reported_on"),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.as_of: dt.date | None = None  # the day the states were computed for

    def search_text(self, s: UnitStatus) -> str:
        titles = " ".join(i.title for i in s.initiatives)
        return f"{s.participant.unit_code} {s.participant.unit_name} {titles}"

    def is_inactive(self, s: UnitStatus) -> bool:
        return not s.participant.unit_active

    def export_value(self, s: UnitStatus, column: int):
        """What the Excel file holds for the cell: a date for date columns, else the text shown."""
        if column in self.DATE_VALUES:
            return self.DATE_VALUES[column](s)
        return self.columns[column].text(s)

    def background(self, s: UnitStatus, column: int) -> QBrush | None:
        if self.is_inactive(s):
            return _INACTIVE_BRUSH
        if s.state == TrackingState.NOT_REGISTERED:
            return _SOON_BRUSH if s.days is not None and s.days <= SOON_DAYS else None
        if column == self.COL_DAYS and s.state in _WAITING and s.days is not None and s.days <= SOON_DAYS:
            return _SOON_BRUSH  # registered, but the report is due within days
        return _BRUSHES.get(s.state)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole:
            if not index.isValid() or index.row() >= self.rowCount():
                return None
            return self.background(self.record(index.row()), index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.row() < self.rowCount():
            return self.tooltip(self.record(index.row()), index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < self.rowCount():
            s = self.record(index.row())
            if not self.is_inactive(s) and self.happened_later(s, index.column()):
                return _LATER_BRUSH
        return super().data(index, role)

    def happened_later(self, s: UnitStatus, column: int) -> bool:
        """The cell shows a registration or report dated after the day the states are computed for
        (looking back at an earlier day): shown, but greyed."""
        i = s.initiative
        if i is None or self.as_of is None:
            return False
        if column == self.COL_REPORTED:
            return i.reported_on is not None and i.reported_on > self.as_of
        if column == self.COL_ASSESSMENT:
            return i.assessment is not None and (i.reported_on is None or i.reported_on > self.as_of)
        return column in (self.COL_TITLE, self.COL_KIND, self.COL_REGISTERED) and i.registered_on > self.as_of

    def tooltip(self, s: UnitStatus, column: int) -> str | None:
        p = s.participant
        if column == self.COL_DEADLINE:
            own = f"Hạn riêng (tham gia từ {format_date(p.joined_on)})" if p.own_deadlines else "Hạn chung của đợt"
            return (f"{own}: đăng ký {p.deadline_text(p.registration_deadline)}, "
                    f"báo cáo kết quả {p.deadline_text(p.report_deadline)}")
        if self.happened_later(s, column):
            return f"Sau ngày {format_date(self.as_of)}: chưa tính vào trạng thái"
        if column == self.COL_RECOGNITION and s.recognitions:
            return "\n".join(f"{r.name}: {r.text}" for r in s.recognitions)
        if column == self.COL_TITLE and len(s.initiatives) > 1:
            return "\n".join(f"- {i.title}" for i in s.initiatives)
        if column == self.COL_TITLE and s.initiative and s.initiative.field:
            return f"Lĩnh vực: {s.initiative.field}"
        return None


class CountsBar(QWidget):
    """One clickable chip per state with its count, plus the total and the overdue units.

    Clicking a chip asks for that filter (``chosen``); clicking the chip already chosen, or
    "Tất cả", shows every unit again.
    """

    chosen = Signal(object)  # a TrackingState, OVERDUE_FILTER, or None for every state

    ROWS = (
        (TrackingState.NOT_REGISTERED, TrackingState.REGISTRATION_OVERDUE,
         TrackingState.REGISTERED_ON_TIME, TrackingState.REGISTERED_LATE),
        (TrackingState.NOT_REPORTED, TrackingState.REPORTED_ON_TIME,
         TrackingState.REPORTED_LATE, TrackingState.ASSESSED),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chips: dict[object, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self._add_chip(None, "#ffffff", 0, 0)
        self._add_chip(OVERDUE_FILTER, COLOURS[TrackingState.REGISTRATION_OVERDUE], 1, 0, bold=True)
        for row, states in enumerate(self.ROWS):
            for col, state in enumerate(states, start=1):
                self._add_chip(state, COLOURS.get(state, SOON if state == TrackingState.NOT_REGISTERED else "#ffffff"),
                               row, col)
        for col in range(0, 5):
            grid.setColumnStretch(col, 1)
        self._value: object = None

    def _add_chip(self, value, colour: str, row: int, col: int, bold: bool = False) -> None:
        chip = QPushButton()
        chip.setCheckable(True)
        chip.setAutoDefault(False)
        chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        chip.setObjectName(f"count_{value.value if isinstance(value, TrackingState) else value or 'all'}")
        weight = "font-weight: 600;" if bold else ""
        chip.setStyleSheet(
            f"QPushButton {{ background: {colour}; border: 1px solid #b9b9b9; border-radius: 4px;"
            f" padding: 4px 10px; text-align: left; color: #1a1a1a; {weight} }}"
            "QPushButton:checked { border: 2px solid #1f5fbf; }"
            "QPushButton:focus { border: 2px dotted #1f5fbf; }"
        )
        chip.clicked.connect(lambda _=False, v=value: self._clicked(v))
        self.layout().addWidget(chip, row, col)
        self.chips[value] = chip

    def set_counts(self, counts: dict[TrackingState, int], total: int) -> None:
        self.chips[None].setText(f"Tất cả: {total} đơn vị")
        overdue = sum(counts.get(s, 0) for s in OVERDUE)
        self.chips[OVERDUE_FILTER].setText(f"Quá hạn: {overdue}")
        for state in TrackingState:
            self.chips[state].setText(f"{label(state)}: {counts.get(state, 0)}")

    def chip_text(self, value) -> str:
        return self.chips[value].text()

    def _clicked(self, value) -> None:
        if value is not None and value == self._value:
            value = None
        self.set_value(value)
        self.chosen.emit(value)

    def set_value(self, value) -> None:
        """Mark the chip of the filter in force (without emitting)."""
        self._value = value
        for key, chip in self.chips.items():
            chip.setChecked(key == value)
