"""Table models of the quarter review screen: units against the district, a person's quarters,
the extra income of each classified person; and the Vietnamese number formats they show."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.quarters.classifications import Entry, PersonQuarter
from models.common.codes import LEVEL_SHORT, CapScope, HeadLevel, label
from models.common.dates import format_date
from models.quarters.quarter_review import LATE, MISSING, SUBMITTED, IncomeRow, QuarterReview, UnitQuarterSummary
from models.quarters.rules import percent
from models.store.settings import CouncilNames
from models.common.text import fold, money, name_sort_key, sort_key

from ui.kit.table_model import Column, Index, RecordTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

SHORT = LEVEL_SHORT  # short names of the levels for narrow columns; the full label is in the header's tooltip
STATUS_ORDER = {SUBMITTED: 0, LATE: 1, MISSING: 2}

# How far a unit's share may stray from the district's before its cell is tinted, in points.
NOTABLE, STRONG = 0.05, 0.15
# Light backgrounds keep black text readable: warm above the district, cool below it.
ABOVE_STRONG, ABOVE = "#f2a7a7", "#fbdcdc"
BELOW_STRONG, BELOW = "#a9c6ef", "#dde8f8"
LATE_COLOUR, MISSING_COLOUR, WARN_COLOUR, PENDING_COLOUR = "#fbdca6", "#f6c9c9", "#fbdca6", "#fff2b3"
TOTALS_COLOUR = "#e6ecf5"
_BRUSHES: dict[str, QBrush] = {}
# A quarter's 20,000 rows name a few hundred units: their sort keys and folded names are computed once.
unit_sort_key = lru_cache(maxsize=8192)(lambda name: sort_key(short_unit_name(name)))
folded_unit = lru_cache(maxsize=8192)(lambda code, name: f"{code.lower()} {fold(name)}")


def brush(colour: str) -> QBrush:
    if colour not in _BRUSHES:
        _BRUSHES[colour] = QBrush(QColor(colour))
    return _BRUSHES[colour]


def amount_text(amount: int | None) -> str:
    """1390000 -> "1.390.000 đ"; empty for no amount."""
    return "" if amount is None else f"{money(amount)} đ"


def decimal(value: float | None, places: int = 2) -> str:
    """0.6 -> "0,6"; 2.34 -> "2,34" (Vietnamese decimal comma); empty for no value."""
    if value is None:
        return ""
    return f"{value:.{places}f}".rstrip("0").rstrip(".").replace(".", ",")


def salary_text(value: float | None) -> str:
    """A salary coefficient as written on pay scales: two decimals, "3,00", "2,34"."""
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def share_tint(unit_share: float, district_share: float) -> str | None:
    diff = unit_share - district_share
    if diff > STRONG + 1e-9:
        return ABOVE_STRONG
    if diff > NOTABLE + 1e-9:
        return ABOVE
    if diff < -STRONG - 1e-9:
        return BELOW_STRONG
    if diff < -NOTABLE - 1e-9:
        return BELOW
    return None


def points(diff: float) -> str:
    return decimal(round(abs(diff) * 100, 1), 1)


@dataclass(frozen=True)
class DistrictRow:
    """The totals line ("Toàn quận", "Toàn phường": the council's ``total_label``): the units' counts
    added up, the shares of all units together."""

    review: QuarterReview
    units: tuple[UnitQuarterSummary, ...] = field(default=())
    unit_code: str = ""
    unit_name: str = ""
    # What a unit row has and the totals line does not: lets every sort key work on it too.
    submitted_on: None = None
    status: str = ""
    locked: bool = False
    violations: tuple = ()

    @property
    def headcount(self) -> int:
        return sum(u.headcount for u in self.units)

    @property
    def counts(self) -> dict[HeadLevel, int]:
        return self.review.district_counts

    @property
    def classified(self) -> int:
        return self.review.district_classified

    def share(self, level: HeadLevel) -> float:
        return self.review.district_share(level)

    @property
    def not_classified(self) -> int:
        return sum(u.not_classified for u in self.units)

    @property
    def unclassified(self) -> int:
        return sum(u.unclassified for u in self.units)


Row = UnitQuarterSummary | DistrictRow


def short_unit_name(name: str) -> str:
    """"Ủy ban nhân dân Phường 12" -> "UBND Phường 12": the part that tells wards apart stays visible
    in a narrow column (the full name is in the tooltip and is what search looks in)."""
    return name.replace("Ủy ban nhân dân", "UBND")


def _share_text(u: Row, level: HeadLevel) -> str:
    return percent(u.share(level)) if u.classified else ""


def _submitted(u: Row) -> str:
    # Day and month: the year follows from the quarter (the full date is in the tooltip).
    return f"{u.submitted_on:%d/%m}" if isinstance(u, UnitQuarterSummary) and u.submitted_on else ""


def _status(u: Row) -> str:
    if isinstance(u, UnitQuarterSummary):
        return u.status
    counts = Counter(x.status for x in u.units)
    return f"{counts[SUBMITTED] + counts[LATE]}/{len(u.units)}"


def _locked(u: Row) -> str:
    if isinstance(u, UnitQuarterSummary):
        return "Có" if u.locked else ""
    return f"{sum(1 for x in u.units if x.locked)}/{len(u.units)}"


def violations_text(u: Row) -> str:
    if isinstance(u, UnitQuarterSummary):
        return "; ".join(v.message + (" (chặn chốt)" if v.blocking else "") for v in u.violations)
    over = sum(1 for x in u.units if x.violations)
    return f"{over} đơn vị vượt giới hạn" if over else ""


def short_violations(u: Row) -> str:
    """"LĐ 4/4 > 50%" per broken cap: the column is narrow; the tooltip has the whole sentence."""
    if not isinstance(u, UnitQuarterSummary):
        return f"{sum(1 for x in u.units if x.violations)} đơn vị" if any(x.violations for x in u.units) else ""
    return "; ".join(  # a cap over another level: "ĐV 2 HTXSNV > 20% của 5 HTTNV"
        f"{'LĐ' if v.cap.scope == CapScope.LEADERS else 'ĐV'} "
        + (f"{v.count}/{v.total} > {percent(v.cap.max_share)}" if v.cap.of_level is None else
           f"{v.count} {SHORT[v.cap.level]} > {percent(v.cap.max_share)} của {v.total} {SHORT[v.cap.of_level]}")
        for v in u.violations
    )


COUNT_WIDTHS = {HeadLevel.XUAT_SAC: 58, HeadLevel.TOT: 52, HeadLevel.HOAN_THANH: 44, HeadLevel.KHONG_HOAN_THANH: 52}


def _count(attribute: str):
    return lambda u: str(getattr(u, attribute))


def _level_columns() -> list[Column]:
    columns = []
    for level in HeadLevel:
        columns.append(Column(SHORT[level], lambda u, lv=level: str(u.counts.get(lv, 0)),
                              key=lambda u, lv=level: u.counts.get(lv, 0), align=RIGHT, width=COUNT_WIDTHS[level]))
        columns.append(Column("%", lambda u, lv=level: _share_text(u, lv),
                              key=lambda u, lv=level: u.share(lv) if u.classified else -1.0, align=RIGHT, width=52))
    return columns


class UnitReviewTableModel(RecordTableModel):
    """Rows are :class:`UnitQuarterSummary` (or the one :class:`DistrictRow` of the totals line)."""

    COL_CODE, COL_UNIT, COL_HEADCOUNT = range(3)
    COL_LEVEL = {level: 3 + 2 * i for i, level in enumerate(HeadLevel)}  # its count; its % is the next one
    COL_SHARE = {level: 4 + 2 * i for i, level in enumerate(HeadLevel)}
    COL_NOT_CLASSIFIED, COL_UNCLASSIFIED, COL_SUBMITTED, COL_STATUS, COL_LOCKED, COL_VIOLATIONS = range(11, 17)
    columns = [
        Column("Mã", lambda u: u.unit_code, key=lambda u: sort_key(u.unit_code), width=64),
        Column("Đơn vị", lambda u: short_unit_name(u.unit_name), width=152),
        Column("Số\nngười", _count("headcount"), key=lambda u: u.headcount, align=RIGHT, width=46),
        *_level_columns(),
        Column("Không\nđánh giá", _count("not_classified"), key=lambda u: u.not_classified, align=RIGHT, width=60),
        Column("Chưa\nxếp loại", _count("unclassified"), key=lambda u: u.unclassified, align=RIGHT, width=58),
        Column("Nộp", _submitted, key=lambda u: u.submitted_on.isoformat() if u.submitted_on else "9999",
               align=CENTER, width=50),
        Column("Tình\ntrạng", _status, key=lambda u: STATUS_ORDER.get(u.status, 9), width=68),
        Column("Chốt", _locked, key=lambda u: not u.locked, align=CENTER, width=48),
        Column("Vượt\ngiới hạn", short_violations, key=lambda u: (-len(u.violations), violations_text(u)), width=90),
    ]
    TIPS: dict[int, str] = {}  # header tooltips, filled below the class

    def __init__(self, totals: bool = False, parent=None):
        super().__init__(parent)
        self.totals = totals
        self.review: QuarterReview | None = None
        self.total_label = CouncilNames().total_label  # the screen sets the council's own

    def set_review(self, review: QuarterReview | None) -> None:
        self.review = review
        if review is None:
            self.set_records([])
        elif self.totals:
            self.set_records([DistrictRow(review, review.units, unit_name=self.total_label)])
        else:
            self.set_records(list(review.units))

    def search_text(self, u: Row) -> str:
        return f"{u.unit_code} {u.unit_name}"

    def _level_of_share(self, column: int) -> HeadLevel | None:
        return next((lv for lv, c in self.COL_SHARE.items() if c == column), None)

    def background(self, u: Row, column: int) -> QBrush | None:
        if self.totals:
            return brush(TOTALS_COLOUR)
        level = self._level_of_share(column)
        if level is not None and self.review is not None and u.classified:
            tint = share_tint(u.share(level), self.review.district_share(level))
            return brush(tint) if tint else None
        if column in (self.COL_STATUS, self.COL_SUBMITTED):
            return brush(LATE_COLOUR) if u.status == LATE else brush(MISSING_COLOUR) if u.status == MISSING else None
        if column == self.COL_VIOLATIONS and u.violations:
            return brush(MISSING_COLOUR if any(v.blocking for v in u.violations) else WARN_COLOUR)
        if column == self.COL_UNCLASSIFIED and u.unclassified:
            return brush(PENDING_COLOUR)
        return None

    def tooltip(self, u: Row, column: int) -> str | None:
        level = self._level_of_share(column)
        if level is not None and self.review is not None and u.classified:
            mine, district = u.share(level), self.review.district_share(level)
            text = (f"{label(level)}: {percent(mine)} ({u.counts.get(level, 0)}/{u.classified} người đã xếp loại)"
                    f"\n{self.total_label}: {percent(district)}")
            if not self.totals and abs(mine - district) > 0.0005:
                text += f"; {'cao' if mine > district else 'thấp'} hơn {points(mine - district)} điểm"
            return text
        if column == self.COL_VIOLATIONS:
            return violations_text(u) or None
        if column == self.COL_SUBMITTED and isinstance(u, UnitQuarterSummary) and u.submitted_on:
            return (f"Nộp ngày {format_date(u.submitted_on)}; hạn {format_date(self.review.deadline)}"
                    if self.review else format_date(u.submitted_on))
        if column == self.COL_STATUS and self.totals:
            return "Số đơn vị đã nộp (đúng hạn hoặc trễ) / tổng số đơn vị"
        if column == self.COL_LOCKED and self.totals:
            return "Số đơn vị đã chốt / tổng số đơn vị"
        if column == self.COL_UNIT:
            return u.unit_name
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.row() < self.rowCount():
            if role == Qt.ItemDataRole.BackgroundRole:
                return self.background(self.record(index.row()), index.column())
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tooltip(self.record(index.row()), index.column())
            if role == Qt.ItemDataRole.FontRole and self.totals:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.TIPS.get(section)
        return super().headerData(section, orientation, role)

    def export_value(self, u: Row, column: int):
        """The Excel cell: numbers as numbers (a share as a percentage number), dates as dates."""
        level = self._level_of_share(column)
        if level is not None:
            return round(u.share(level) * 100, 1) if u.classified else None
        if column == self.COL_HEADCOUNT:
            return u.headcount
        if column in self.COL_LEVEL.values():
            return u.counts.get(next(lv for lv, c in self.COL_LEVEL.items() if c == column), 0)
        if column == self.COL_NOT_CLASSIFIED:
            return u.not_classified
        if column == self.COL_UNCLASSIFIED:
            return u.unclassified
        if column == self.COL_SUBMITTED:
            return u.submitted_on if isinstance(u, UnitQuarterSummary) else None
        if column == self.COL_LOCKED:
            return "Đã chốt" if u.locked else ""
        if column == self.COL_VIOLATIONS:
            return violations_text(u)
        return self.columns[column].text(u)


_U = UnitReviewTableModel
_U.TIPS = {
    _U.COL_HEADCOUNT: "Số người thuộc đơn vị trong quý",
    **{_U.COL_LEVEL[lv]: f"Số người {label(lv)}" for lv in HeadLevel},
    **{_U.COL_SHARE[lv]: f"Tỷ lệ {label(lv)} trên số người đã xếp loại" for lv in HeadLevel},
    _U.COL_NOT_CLASSIFIED: "Không đánh giá (có lý do: mới tuyển, thai sản, ốm dài ngày...)",
    _U.COL_UNCLASSIFIED: "Chưa nhập kết quả",
    _U.COL_SUBMITTED: "Ngày đơn vị nộp kết quả",
    _U.COL_LOCKED: "Kết quả đã chốt",
}


def entry_text(entry: Entry) -> str:
    return entry.text or "Chưa xếp loại"


class PersonHistoryTableModel(RecordTableModel):
    """Rows are :class:`PersonQuarter`, oldest first."""

    COL_YEAR, COL_QUARTER, COL_UNIT, COL_RESULT, COL_NOTE = range(5)
    columns = [
        Column("Năm", lambda p: str(p.year), key=lambda p: (p.year, p.quarter), align=CENTER, width=56),
        Column("Quý", lambda p: str(p.quarter), key=lambda p: (p.quarter, p.year), align=CENTER, width=44),
        Column("Đơn vị", lambda p: short_unit_name(p.unit_name), width=180),
        Column("Kết quả", lambda p: entry_text(p.entry), width=205),
        Column("Ghi chú", lambda p: p.entry.note, width=100),
    ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.row() < self.rowCount():
            p: PersonQuarter = self.record(index.row())
            if index.column() == self.COL_UNIT:
                return f"{p.unit_name} ({p.unit_code})"
            return (index.data() or None) if index.column() in (self.COL_RESULT, self.COL_NOTE) else None
        return super().data(index, role)


class StaffPickTableModel(RecordTableModel):
    """Rows are :class:`models.people.staff.Staff`: whom to show the quarters of."""

    COL_CODE, COL_NAME, COL_UNIT = range(3)
    columns = [
        Column("Mã", lambda p: p.code, key=lambda p: sort_key(p.code), width=70),
        Column("Họ và tên", lambda p: p.full_name, key=lambda p: name_sort_key(p.full_name), width=160),
        Column("Đơn vị", lambda p: p.unit_name, key=lambda p: unit_sort_key(p.unit_name), width=180),
    ]

    def haystack(self, p) -> str:
        return f"{p.code.lower()} {p.name_folded or fold(p.full_name)} {folded_unit(p.unit_code, p.unit_name)}"

    def is_inactive(self, p) -> bool:
        return p.ended_on is not None


def income_result(r: IncomeRow) -> str:
    if r.level is not None:
        return label(r.level)
    return f"Không đánh giá ({label(r.reason)})" if r.reason is not None else "Không đánh giá"


_LEVEL_ORDER = {level: i for i, level in enumerate(HeadLevel)}


class IncomeTableModel(RecordTableModel):
    """Rows are :class:`IncomeRow`; people not paid are greyed."""

    (COL_CODE, COL_NAME, COL_UNIT, COL_RESULT, COL_PAID, COL_SHARE, COL_COEFFICIENT, COL_SALARY,
     COL_AMOUNT) = range(9)
    columns = [
        Column("Mã", lambda r: r.code, key=lambda r: sort_key(r.code), width=70),
        Column("Họ và tên", lambda r: r.full_name, key=lambda r: name_sort_key(r.full_name), width=165),
        Column("Đơn vị", lambda r: short_unit_name(r.unit_name), key=lambda r: unit_sort_key(r.unit_name),
               width=200),
        Column("Kết quả", income_result, key=lambda r: _LEVEL_ORDER.get(r.level, 9), width=200),
        Column("Được\nchi", lambda r: "Có" if r.paid else "Không", key=lambda r: not r.paid, align=CENTER, width=52),
        Column("Tỷ lệ\nchi", lambda r: percent(r.share), key=lambda r: r.share, align=RIGHT, width=56),
        Column("Hệ số\ntăng thêm", lambda r: decimal(r.coefficient), key=lambda r: r.coefficient, align=RIGHT,
               width=74),
        Column("Hệ số\nlương", lambda r: salary_text(r.salary_coefficient),
               key=lambda r: -1.0 if r.salary_coefficient is None else r.salary_coefficient, align=RIGHT, width=60),
        Column("Số tiền ước tính\n(quý)", lambda r: amount_text(r.amount), key=lambda r: -1 if r.amount is None else r.amount,
               align=RIGHT, width=120),
    ]
    TIPS = {
        COL_SHARE: "Tỷ lệ được chi theo mức xếp loại (quy định áp dụng)",
        COL_COEFFICIENT: "Hệ số tăng thêm tối đa của năm (quy định áp dụng)",
        COL_SALARY: "Hệ số lương theo ngạch, bậc, chức vụ (nhập ở màn hình Cán bộ)",
        COL_AMOUNT: "Hệ số lương × lương cơ sở × 3 tháng × hệ số tăng thêm × tỷ lệ chi",
    }

    def search_text(self, r: IncomeRow) -> str:
        return f"{r.code} {r.full_name} {r.unit_code} {r.unit_name}"

    def haystack(self, r: IncomeRow) -> str:
        return f"{r.code.lower()} {fold(r.full_name)} {folded_unit(r.unit_code, r.unit_name)}"

    def is_inactive(self, r: IncomeRow) -> bool:
        return not r.paid

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.TIPS.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.row() < self.rowCount()
                and index.column() in (self.COL_NAME, self.COL_UNIT, self.COL_RESULT)):
            r: IncomeRow = self.record(index.row())
            return f"{r.unit_name} ({r.unit_code})" if index.column() == self.COL_UNIT else index.data()
        return super().data(index, role)

    def visible_records(self) -> list[IncomeRow]:
        return [self.record(r) for r in range(self.rowCount())]

    def export_value(self, r: IncomeRow, column: int):
        """The Excel cell: numbers as numbers (the share as a percentage number)."""
        if column == self.COL_SHARE:
            return round(r.share * 100, 1)
        if column == self.COL_COEFFICIENT:
            return r.coefficient
        if column == self.COL_SALARY:
            return r.salary_coefficient
        if column == self.COL_AMOUNT:
            return r.amount
        return self.columns[column].text(r).replace("\n", " ")
