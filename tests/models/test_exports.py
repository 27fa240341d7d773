"""Exports of units and staff: importable as they are, real dates, text never a formula."""
import datetime as dt
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from models.common.codes import Gender, StaffCategory, UnitKind
from models.exports import export, export_staff, export_units
from models.people.imports import ImportResult, import_staff, import_units
from models.people.staff import Staff, add_staff, update_staff
from models.people.units import Unit, save_unit

from .units_data import save_units

FORMULA_NAME = '=HYPERLINK("http://example.com","Bấm vào")'


def _dump(db):
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("unit", "staff", "staff_unit")
    }


@pytest.fixture
def council(db, today):
    """Units and staff covering every column: empty cells, leaders, moves, formula-like text."""
    units = save_units(db, [
        ("P10", "Phường 10", UnitKind.PHUONG, "Lê Văn Bình", "Chủ tịch UBND phường"),
        ("P9", "Phường 9", UnitKind.PHUONG, "", ""),
        ("NV", "Phòng Nội vụ", UnitKind.CO_QUAN, "Đỗ Thị Ửng", "Trưởng phòng"),
        ("MT", "Ủy ban MTTQ Việt Nam quận", UnitKind.MAT_TRAN, "@Trần Văn Em", "+Chủ tịch"),
        ("X", FORMULA_NAME, UnitKind.KHAC, "", ""),
        ("DANG", "Đảng ủy cơ quan", UnitKind.DANG, "", ""),
        ("SN", "Trung tâm Văn hóa", UnitKind.SU_NGHIEP, "", ""),
    ])

    def person(code, name, unit, **kw):
        kw.setdefault("gender", Gender.NAM)
        kw.setdefault("category", StaffCategory.CONG_CHUC)
        return add_staff(db, Staff(code=code, full_name=name, unit_id=units[unit].id, **kw), today)

    person("CB01", "Nguyễn Văn Ánh", "NV", birth_date=dt.date(1985, 6, 1),
           recruited_on=dt.date(2010, 3, 1), position="Chuyên viên")
    person("CB02", "Trần Thị Bình", "NV", gender=Gender.NU, category=StaffCategory.CAN_BO,
           is_leader=True, position="Trưởng phòng", birth_date=dt.date(1970, 12, 31))
    person("CB03", "Lê Đức", "P9", category=StaffCategory.NGUOI_LAO_DONG)
    person("CB04", "Phạm An", "P9", category=StaffCategory.VIEN_CHUC, position="-Phó chủ tịch",
           recruited_on=dt.date(2001, 1, 15))
    mover = person("CB05", "Võ Thị Dung", "P10", gender=Gender.NU, recruited_on=dt.date(2012, 1, 1))
    update_staff(db, replace(mover, unit_id=units["NV"].id), today, move_from=dt.date(2018, 7, 1))
    person("CB06", "Hồ Văn Ân", "NV", ended_on=dt.date(2018, 6, 30),
           recruited_on=dt.date(2000, 5, 5))
    return units


def _sheet(path):
    return load_workbook(path).active


def test_units_export_then_import_keeps_every_row(db, council, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    before = _dump(db)
    assert export_units(db, path) == len(council) == 7
    result = import_units(db, path)
    assert result == ImportResult(added=0, updated=0, unchanged=7)
    assert result.summary() == "Đã thêm 0, cập nhật 0, giữ nguyên 7 dòng."
    assert _dump(db) == before


def test_staff_export_then_import_keeps_every_row(db, council, tmp_path, today):
    path = tmp_path / "can_bo.xlsx"
    before = _dump(db)
    assert export_staff(db, path) == 6
    result = import_staff(db, path, today)
    assert result == ImportResult(added=0, updated=0, unchanged=6)
    assert result.summary() == "Đã thêm 0, cập nhật 0, giữ nguyên 6 dòng."
    assert _dump(db) == before


def test_export_into_an_empty_database_gives_the_same_data(db, council, tmp_path, today):
    from models.store.db import connect

    units_path, staff_path = tmp_path / "dv.xlsx", tmp_path / "cb.xlsx"
    export(db, "units", units_path)
    export(db, "staff", staff_path)
    other = connect(tmp_path / "other.sqlite3")
    try:
        assert import_units(other, units_path) == ImportResult(added=7, updated=0, unchanged=0)
        assert import_staff(other, staff_path, today) == ImportResult(added=6, updated=0, unchanged=0)
        query = (
            "SELECT u.code, u.name, u.kind, u.head_name, u.head_title FROM unit u ORDER BY u.code"
        )
        assert other.execute(query).fetchall() == db.execute(query).fetchall()
        query = (
            "SELECT code, full_name, birth_date, gender, position, category, is_leader, "
            "recruited_on FROM staff ORDER BY code"
        )
        assert other.execute(query).fetchall() == db.execute(query).fetchall()
    finally:
        other.close()


def test_units_export_is_in_vietnamese_name_order_with_labels(db, council, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    export_units(db, path)
    rows = [[c.value for c in row] for row in _sheet(path).iter_rows(min_row=2)]
    assert rows == [
        ["X", FORMULA_NAME, "Khác", None, None],
        ["DANG", "Đảng ủy cơ quan", "Tổ chức cơ sở Đảng", None, None],
        ["NV", "Phòng Nội vụ", "Cơ quan chuyên môn", "Đỗ Thị Ửng", "Trưởng phòng"],
        ["P9", "Phường 9", "Phường", None, None],
        ["P10", "Phường 10", "Phường", "Lê Văn Bình", "Chủ tịch UBND phường"],
        ["SN", "Trung tâm Văn hóa", "Đơn vị sự nghiệp", None, None],
        ["MT", "Ủy ban MTTQ Việt Nam quận", "Mặt trận - Đoàn thể", "@Trần Văn Em", "+Chủ tịch"],
    ]


def test_staff_export_is_by_unit_then_given_name_with_current_unit(db, council, tmp_path):
    path = tmp_path / "can_bo.xlsx"
    export_staff(db, path)
    sheet = _sheet(path)
    assert [c.value for c in sheet[1]] == [
        "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Mã đơn vị", "Chức vụ", "Đối tượng",
        "Lãnh đạo, quản lý", "Ngày tuyển dụng",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        ["CB01", "Nguyễn Văn Ánh", dt.datetime(1985, 6, 1), "Nam", "NV", "Chuyên viên",
         "Công chức", "Không", dt.datetime(2010, 3, 1)],
        ["CB06", "Hồ Văn Ân", None, "Nam", "NV", None, "Công chức", "Không",
         dt.datetime(2000, 5, 5)],
        ["CB02", "Trần Thị Bình", dt.datetime(1970, 12, 31), "Nữ", "NV", "Trưởng phòng", "Cán bộ",
         "Có", None],
        ["CB05", "Võ Thị Dung", None, "Nữ", "NV", None, "Công chức", "Không",
         dt.datetime(2012, 1, 1)],
        ["CB04", "Phạm An", None, "Nam", "P9", "-Phó chủ tịch", "Viên chức", "Không",
         dt.datetime(2001, 1, 15)],
        ["CB03", "Lê Đức", None, "Nam", "P9", None, "Người lao động", "Không", None],
    ]


def test_exported_dates_are_real_dates_shown_day_first(db, council, tmp_path):
    path = tmp_path / "can_bo.xlsx"
    export_staff(db, path)
    sheet = _sheet(path)
    birth = sheet["C2"]  # CB01, first row after the header
    assert sheet["A2"].value == "CB01"
    assert isinstance(birth.value, dt.datetime)
    assert birth.value == dt.datetime(1985, 6, 1)
    assert birth.is_date
    assert birth.number_format == "dd/mm/yyyy"
    recruited = sheet["I2"]
    assert (recruited.value, recruited.number_format) == (dt.datetime(2010, 3, 1), "dd/mm/yyyy")
    # Date columns of rows without a date are formatted too, so a typed date shows the same way.
    assert sheet["A3"].value == "CB06"
    assert sheet["C3"].value is None
    assert sheet["C3"].number_format == "dd/mm/yyyy"


@pytest.mark.parametrize("column", ["B", "D", "E"])
def test_text_beginning_like_a_formula_is_a_string_cell(db, council, tmp_path, column):
    path = tmp_path / "don_vi.xlsx"
    export_units(db, path)
    sheet = _sheet(path)
    cells = {c.value: c for c in sheet[column] if isinstance(c.value, str)}
    risky = {FORMULA_NAME, "@Trần Văn Em", "+Chủ tịch"}
    found = [value for value in cells if value in risky]
    assert found, f"no formula-like text in column {column}"
    for value in found:
        assert cells[value].data_type == "s"


def test_formula_like_name_is_stored_as_text_in_the_file(db, council, tmp_path):
    import zipfile

    path = tmp_path / "don_vi.xlsx"
    export_units(db, path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml
    assert _sheet(path)["B2"].value == FORMULA_NAME
    assert _sheet(path)["B2"].data_type == "s"


def test_position_beginning_with_minus_is_a_string_cell(db, council, tmp_path):
    path = tmp_path / "can_bo.xlsx"
    export_staff(db, path)
    cell = next(c for c in _sheet(path)["F"] if c.value == "-Phó chủ tịch")
    assert cell.data_type == "s"


def test_export_of_unknown_kind_is_refused(db, tmp_path):
    with pytest.raises(ValueError, match="Loại dữ liệu không biết: abc"):
        export(db, "abc", tmp_path / "x.xlsx")


def test_export_of_an_empty_database_has_only_the_header(db, tmp_path):
    path = tmp_path / "trong.xlsx"
    assert export(db, "units", path) == 0
    assert _sheet(path).max_row == 1


def test_text_with_a_control_character_does_not_break_the_export(db, tmp_path):
    stored = save_unit(db, Unit(code="P1", name="Phường\x08 1", kind=UnitKind.PHUONG)).name
    path = tmp_path / "don_vi.xlsx"
    assert export_units(db, path) == 1
    assert _sheet(path)["B2"].value == stored.replace("\x08", "") == "Phường 1"
