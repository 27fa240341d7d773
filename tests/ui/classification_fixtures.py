"""Three units for the classification screen tests (``cls_db`` is a fixture) and helpers to drive the screen."""
import datetime as dt

import pytest

from models.common.codes import Gender, HeadLevel, StaffCategory, UnitKind
from models.people.staff import Staff, add_staff, move_staff
from models.people.units import Unit, save_unit
from ui.quarters.classification_page import ClassificationPage
from ui.quarters.classification_table import ClassificationTableModel as M


TODAY = dt.date(2018, 12, 1)
XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH
# P01: four leaders, then six others (the roster lists leaders first, in name order).
P01_PEOPLE = [
    ("L1", "Nguyễn Văn An", True), ("L2", "Trần Thị Bình", True), ("L3", "Lê Văn Cường", True),
    ("L4", "Phạm Thị Dung", True),
    ("S1", "Đỗ Văn Em", False), ("S2", "Hoàng Thị Giang", False), ("S3", "Vũ Văn Hải", False),
    ("S4", "Bùi Thị Khánh", False), ("S5", "Đặng Văn Long", False), ("S6", "Mai Thị Nga", False),
]


def _person(db, code, name, unit_id, leader=False, recruited=dt.date(2010, 1, 4)):
    return add_staff(db, Staff(code=code, full_name=name, gender=Gender.NU if "Thị" in name else Gender.NAM,
                               category=StaffCategory.CONG_CHUC, unit_id=unit_id, is_leader=leader,
                               position="Phó Chủ tịch" if leader else "Chuyên viên", recruited_on=recruited),
                     TODAY)


@pytest.fixture
def cls_db(db):
    units = {}
    for code, name, kind in (("P01", "Ủy ban nhân dân Phường 1", UnitKind.PHUONG),
                             ("P10", "Ủy ban nhân dân Phường 10", UnitKind.PHUONG),
                             ("NV", "Phòng Nội vụ", UnitKind.CO_QUAN)):
        units[code] = save_unit(db, Unit(code=code, name=name, kind=kind)).id
    for code, name, leader in P01_PEOPLE:
        _person(db, code, name, units["P01"], leader)
    _person(db, "T1", "Lý Văn Tâm", units["P10"])
    _person(db, "T2", "Ngô Thị Thu", units["P10"])
    mover = _person(db, "N1", "Châu Văn Minh", units["NV"])
    move_staff(db, mover.id, units["P10"], dt.date(2018, 8, 15), TODAY)  # mid Q3/2018
    db.units = units
    return db


def _page(qtbot, db, tmp_path, unit="P01", year=2018, quarter=3):
    page = ClassificationPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show_unit(db.units[unit], year, quarter)
    page.table.setFocus()
    return page


def _levels(page):
    return [page.model.index(r, M.COL_LEVEL).data() for r in range(page.model.rowCount())]


def _codes(page):
    return [page.model.index(r, M.COL_CODE).data() for r in range(page.model.rowCount())]


def _type(qtbot, page, *keys):
    for key in keys:
        qtbot.keyClick(page.table, key)


def _stored(db, unit_id, year=2018, quarter=3):
    return db.execute(
        "SELECT s.code, c.level, c.reason, c.note FROM classification c JOIN staff s ON s.id = c.staff_id "
        "WHERE c.unit_id = ? AND c.year = ? AND c.quarter = ? ORDER BY s.code", [unit_id, year, quarter]
    ).fetchall()


def _fill(qtbot, page, keys="2" * 10):
    page._go_to_row(0)
    _type(qtbot, page, *keys)
