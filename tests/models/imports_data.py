"""Headers, xlsx files, rows and the ``seeded`` database shared by the unit and staff import tests."""
import datetime as dt
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from models.common.codes import Gender, StaffCategory, UnitKind
from models.exchange.xlsx import ImportRejected
from models.exports import write_template
from models.people.staff import Staff, add_staff

from .units_data import save_units


UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Người đứng đầu", "Chức vụ người đứng đầu"]
STAFF_HEADERS = [
    "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Mã đơn vị", "Chức vụ", "Đối tượng",
    "Lãnh đạo, quản lý", "Ngày tuyển dụng",
]


def write_xlsx(path, headers, rows, sheet_name="Sheet1"):
    """An xlsx file of one sheet: ``headers`` in row 1, ``rows`` below."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    for row in [headers, *rows]:
        sheet.append(row)
    workbook.save(str(path))
    return path


def _xlsx(path, headers, rows, blank_rows=0):
    """An xlsx file: ``headers`` in row 1, ``rows`` below, then ``blank_rows`` rows of spaces."""
    write_xlsx(path, headers, [*rows, *[["   ", " "]] * blank_rows])
    _preserve_spaces(path)
    return path


def _preserve_spaces(path):
    # openpyxl drops xml:space="preserve" on cells of only spaces, so readers would see them
    # empty; Excel keeps it. Put it back so that these cells really hold spaces.
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb"<t>( +)</t>", rb'<t xml:space="preserve">\1</t>', parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _dump(db):
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("unit", "staff", "staff_unit")
    }


def rejected(call) -> list[str]:
    """The errors of the ImportRejected that ``call`` raises; its message is those errors, one a line."""
    with pytest.raises(ImportRejected) as caught:
        call()
    errors = caught.value.errors
    assert str(caught.value) == "\n".join(errors)
    return errors


def template_rows(tmp_path, kind) -> list[list]:
    """The cell values, row by row, of the import template ``kind`` as written to a file."""
    path = tmp_path / f"mau_{kind}.xlsx"
    write_template(kind, path)
    return [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]


def _units_file(tmp_path, rows, name="don_vi.xlsx", **kw):
    return _xlsx(tmp_path / name, UNIT_HEADERS, rows, **kw)


def _staff_file(tmp_path, rows, name="can_bo.xlsx", **kw):
    return _xlsx(tmp_path / name, STAFF_HEADERS, rows, **kw)


GOOD_UNITS = [
    ["P01", "Phường 1", "Phường", "Lê Văn Bình", "Chủ tịch UBND phường"],
    ["nv", "Phòng  Nội vụ", "co quan chuyen mon", "", ""],
    ["MTTQ", "Ủy ban MTTQ Việt Nam quận", "MẶT TRẬN - ĐOÀN THỂ", "Trần Thị Em", "Chủ tịch"],
]


def _staff_row(code="CB01", name="Nguyễn Văn Ánh", birth="01/06/1985", gender="Nam", unit="P01",
               position="Chuyên viên", category="Công chức", leader="Không", recruited="01/03/2015"):
    return [code, name, birth, gender, unit, position, category, leader, recruited]


@pytest.fixture
def seeded(db, today):
    """A database with two units and one person, so that 'nothing written' is visible."""
    return seed(db, today)


def seed(db, today):
    """Two units (P01, P03) and one person (OLD, in P01) written into ``db``."""
    units = save_units(db, [("P01", "Phường 1", UnitKind.PHUONG), ("P03", "Phường 3", UnitKind.PHUONG)])
    add_staff(db, Staff(code="OLD", full_name="Phạm Văn Cũ", gender=Gender.NAM, category=StaffCategory.CAN_BO,
                        unit_id=units["P01"].id, recruited_on=dt.date(2000, 1, 1)), today)
    return db
