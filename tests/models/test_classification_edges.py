"""Edge cases found in review: locking twice, a sheet naming an unknown unit, blank names, no rules."""
import datetime as dt

import pytest

from models.quarters.classifications import Entry, lock_quarter, save_quarter
from models.common.codes import Gender, HeadLevel, StaffCategory, UnitKind
from models.common.errors import DomainError
from models.quarters.imports_classifications import HEADERS, import_classifications, write_unit_workbook
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit
from models.exchange.xlsx import ImportRejected
from tests.cli_helpers import write_xlsx

NOW = dt.datetime(2018, 10, 20, 9, 0)


@pytest.fixture
def ward(db):
    unit = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    person = add_staff(db, Staff(code="CB1", full_name="Lê Văn Tám", gender=Gender.NAM,
                                 category=StaffCategory.CONG_CHUC, unit_id=unit.id,
                                 recruited_on=dt.date(2010, 1, 1)), dt.date(2018, 12, 1))
    return unit, person


def _sheet(path, title, rows):
    return write_xlsx(path, HEADERS, rows, title)


def test_a_locked_quarter_cannot_be_locked_again(db, ward):
    unit, person = ward
    save_quarter(db, unit.id, 2018, 3, [Entry(person.id, HeadLevel.TOT)])
    lock_quarter(db, unit.id, 2018, 3, NOW)
    with pytest.raises(DomainError, match="Kết quả quý 3/2018 của đơn vị đã chốt"):
        lock_quarter(db, unit.id, 2018, 3, NOW)
    assert db.execute("SELECT count(*) FROM unit_quarter_event").fetchone() == (1,)


def test_a_sheet_naming_an_unknown_unit_is_refused(db, ward, tmp_path):
    path = _sheet(tmp_path / "x.xlsx", "Đơn vị P99", [["CB1", "Lê Văn Tám", 2018, 3, "Hoàn thành tốt nhiệm vụ", "", ""]])
    with pytest.raises(ImportRejected) as caught:
        import_classifications(db, path)
    assert caught.value.errors == ["Trang tính “Đơn vị P99” ghi một mã đơn vị không có trong danh sách đơn vị"]
    assert db.execute("SELECT count(*) FROM classification").fetchone() == (0,)


def test_a_blank_name_is_reported_as_missing(db, ward, tmp_path):
    path = _sheet(tmp_path / "x.xlsx", "Đơn vị P01", [["CB1", "", 2018, 3, "Hoàn thành tốt nhiệm vụ", "", ""]])
    with pytest.raises(ImportRejected) as caught:
        import_classifications(db, path)
    assert caught.value.errors == ["Dòng 2, cột Họ và tên: bỏ trống (bắt buộc)"]


def test_no_template_for_a_quarter_without_a_rule_set(db, ward, tmp_path):
    unit, _ = ward
    with pytest.raises(DomainError, match="Chưa có quy định áp dụng cho quý 1/2018"):
        write_unit_workbook(db, unit.id, 2018, 1, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()
