"""The data of the "Bảng tổng hợp kết quả đánh giá, phân loại" of a quarter, for a unit or the
district, as the printed tables show it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from models.quarters.classifications import RosterPerson, Violation, quarter_state, roster, violations_of
from models.common.errors import NotFound
from models.quarters.quarter_review import QuarterReview, quarter_review
from models.common.codes import KIND_ORDER
from models.store.settings import CouncilNames, council_names
from models.common.text import sort_key


@dataclass(frozen=True)
class UnitSheetData:
    unit_name: str
    year: int
    quarter: int
    people: tuple[RosterPerson, ...]  # leaders first, then in Vietnamese name order
    violations: tuple[Violation, ...]
    locked: bool
    as_of: dt.date
    council: CouncilNames


@dataclass(frozen=True)
class DistrictSheetData:
    review: QuarterReview  # units in print order: by kind of unit, then name
    as_of: dt.date
    council: CouncilNames


def unit_sheet_data(db: Database, unit_id: int, year: int, quarter: int, as_of: dt.date) -> UnitSheetData:
    row = db.execute("SELECT name FROM unit WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        raise NotFound("Đơn vị không tồn tại")
    return UnitSheetData(
        unit_name=row[0], year=year, quarter=quarter,
        people=tuple(roster(db, unit_id, year, quarter)),
        violations=tuple(violations_of(db, unit_id, year, quarter)),
        locked=quarter_state(db, unit_id, year, quarter).locked,
        as_of=as_of, council=council_names(db),
    )


def district_sheet_data(db: Database, year: int, quarter: int, as_of: dt.date) -> DistrictSheetData:
    review = quarter_review(db, year, quarter)
    units = tuple(sorted(review.units, key=lambda u: (KIND_ORDER[u.unit_kind], sort_key(u.unit_name))))
    return DistrictSheetData(
        review=QuarterReview(review.year, review.quarter, review.rule_set, review.deadline, units,
                             review.district_counts),
        as_of=as_of, council=council_names(db),
    )
