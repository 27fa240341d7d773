"""Importing disciplinary decisions from xlsx: all or nothing, every error listed by row and column,
a decision already stored (same person, same number) updated instead of duplicated, export then
import changes nothing."""
import datetime as dt

import pytest
from openpyxl import load_workbook

from models.common.codes import DisciplineForm, Gender, StaffCategory, UnitKind
from models.people.discipline import Discipline, list_discipline, save_discipline
from models.exports import write_template
from models.exchange.import_common import ImportResult
from models.people.imports_discipline import HEADERS, export_discipline, import_discipline
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit

from .db_rows import every_row
from .imports_data import rejected as _rejected, write_xlsx

TODAY = dt.date(2019, 3, 1)
FORMS = "Khiển trách, Cảnh cáo, Hạ bậc lương, Giáng chức, Cách chức, Buộc thôi việc"


def _dump(db):
    """Every table of the file, row by row (the change log included)."""
    return every_row(db, {"discipline", "change_log", "staff"})


def _rows(db):
    return [(d.staff_code, d.form, d.decision_number, d.decision_date, d.effective_year, d.note)
            for d in list_discipline(db)]


def _xlsx(path, rows, headers=HEADERS):
    return write_xlsx(path, headers, rows, "Kỷ luật")


@pytest.fixture
def council(db):
    unit = save_unit(db, Unit(code="P01", name="Ủy ban nhân dân Phường 1", kind=UnitKind.PHUONG)).id
    ids = {}
    for code, name in (("CB01", "Nguyễn Văn An"), ("CB02", "Trần Thị Bình"), ("CB03", "Lê Văn Cường")):
        ids[code] = add_staff(db, Staff(code=code, full_name=name, gender=Gender.NAM,
                                        category=StaffCategory.CONG_CHUC, unit_id=unit), TODAY).id
    db.ids = ids
    return db


def test_a_good_file_adds_every_decision(council, tmp_path):
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Khiển trách", "12/QĐ-UBND", dt.date(2018, 5, 10), "", "Vi phạm giờ giấc"],
        ["cb02", "canh cao", " 45/QĐ-UBND ", "20/12/2018", 2019, ""],
        ["CB03", "BUỘC THÔI VIỆC", 7, 43466, "", ""],  # a number, and a date that lost its format
    ])
    result = import_discipline(council, path, TODAY)
    assert result == ImportResult(3, 0, 0)
    assert result.summary() == "Đã thêm 3, cập nhật 0, giữ nguyên 0 dòng."
    assert _rows(council) == [
        ("CB01", DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND", dt.date(2018, 5, 10), 2018, "Vi phạm giờ giấc"),
        ("CB02", DisciplineForm.CANH_CAO, "45/QĐ-UBND", dt.date(2018, 12, 20), 2019, ""),
        ("CB03", DisciplineForm.BUOC_THOI_VIEC, "7", dt.date(2019, 1, 1), 2019, ""),
    ]


def test_every_bad_cell_is_listed_and_nothing_is_written(council, tmp_path):
    save_discipline(council, Discipline(council.ids["CB01"], DisciplineForm.KHIEN_TRACH, "1/QĐ",
                                        dt.date(2018, 1, 5)), TODAY)
    before = _dump(council)
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "", ""],  # right
        ["", "Cảnh cáo", "13/QĐ-UBND", "10/05/2018", "", ""],
        ["CB99", "Cảnh cáo", "14/QĐ-UBND", "10/05/2018", "", ""],
        ["CB02", "Phê bình", "", "", "", ""],
        ["CB02", "", "15/QĐ-UBND", "31/02/2018", "năm 2018", ""],
        ["CB03", "Cách chức", "16/QĐ-UBND", "02/03/2019", 1999, ""],
        ["CB03", "Giáng chức", "17/QĐ-UBND", 2018, 2101, ""],
    ])
    errors = _rejected(lambda: import_discipline(council, path, TODAY))
    assert errors == [
        "Dòng 3, cột Mã cán bộ: bỏ trống (bắt buộc)",
        "Dòng 4, cột Mã cán bộ: không có cán bộ mã “CB99”",
        f"Dòng 5, cột Hình thức kỷ luật: “Phê bình” không hợp lệ, chọn một trong: {FORMS}",
        "Dòng 5, cột Số quyết định: bỏ trống (bắt buộc)",
        "Dòng 5, cột Ngày quyết định: bỏ trống (bắt buộc)",
        "Dòng 6, cột Hình thức kỷ luật: bỏ trống (bắt buộc)",
        "Dòng 6, cột Ngày quyết định: ngày 31/02/2018 không tồn tại",
        "Dòng 6, cột Năm áp dụng: “năm 2018” không phải năm hợp lệ (từ 2000 đến 2100)",
        "Dòng 7, cột Ngày quyết định: ngày 02/03/2019 ở tương lai",
        "Dòng 7, cột Năm áp dụng: “1999” không phải năm hợp lệ (từ 2000 đến 2100)",
        "Dòng 8, cột Ngày quyết định: “2018” là một số, không phải ngày (cần dạng dd/mm/yyyy)",
        "Dòng 8, cột Năm áp dụng: “2101” không phải năm hợp lệ (từ 2000 đến 2100)",
    ]
    assert _dump(council) == before


def test_a_decision_before_2000_needs_an_effective_year_in_range(council, tmp_path):
    before = _dump(council)
    path = _xlsx(tmp_path / "ky_luat.xlsx", [["CB01", "Khiển trách", "1/QĐ", "01/05/1999", "", ""]])
    for dry_run in (True, False):
        errors = _rejected(lambda: import_discipline(council, path, TODAY, dry_run=dry_run))
        assert errors == ["Dòng 2, cột Ngày quyết định: năm 1999 ngoài khoảng 2000-2100 (ghi “Năm áp dụng” hoặc "
                          "sửa ngày)"]
    assert _dump(council) == before
    # With an effective year in range, the old decision is accepted.
    fixed = _xlsx(tmp_path / "ky_luat2.xlsx", [["CB01", "Khiển trách", "1/QĐ", "01/05/1999", 2000, ""]])
    assert import_discipline(council, fixed, TODAY) == ImportResult(1, 0, 0)


def test_the_same_decision_twice_in_the_file_is_refused(council, tmp_path):
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "", ""],
        ["CB02", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "", ""],  # same number, another person: fine
        ["cb01", "Cảnh cáo", "12/QĐ-UBND", "11/05/2018", "", ""],
    ])
    errors = _rejected(lambda: import_discipline(council, path, TODAY))
    assert errors == ["Dòng 4, cột Số quyết định: quyết định số 12/QĐ-UBND của cán bộ CB01 trùng với dòng 2"]
    assert list_discipline(council) == []


def test_a_decision_already_stored_is_updated_not_duplicated(council, tmp_path):
    kept = save_discipline(council, Discipline(council.ids["CB01"], DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND",
                                               dt.date(2018, 5, 10), note="Vi phạm giờ giấc"), TODAY)
    same = save_discipline(council, Discipline(council.ids["CB02"], DisciplineForm.CANH_CAO, "45/QĐ-UBND",
                                               dt.date(2018, 12, 20), 2019), TODAY)
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Cảnh cáo", "12/QĐ-UBND", "10/05/2018", "", "Đã xem xét lại"],
        ["CB02", "Cảnh cáo", "45/QĐ-UBND", "20/12/2018", "2019", ""],  # exactly as stored
        ["CB03", "Khiển trách", "3/QĐ-UBND", "02/01/2019", "", ""],
    ])
    dry = import_discipline(council, path, TODAY, dry_run=True)
    assert dry.summary() == "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 1, cập nhật 1, giữ nguyên 1 dòng."
    assert len(list_discipline(council)) == 2
    result = import_discipline(council, path, TODAY)
    assert result.summary() == "Đã thêm 1, cập nhật 1, giữ nguyên 1 dòng."
    by_number = {d.decision_number: d for d in list_discipline(council)}
    assert len(by_number) == 3
    assert by_number["12/QĐ-UBND"].id == kept.id
    assert (by_number["12/QĐ-UBND"].form, by_number["12/QĐ-UBND"].note) == (DisciplineForm.CANH_CAO, "Đã xem xét lại")
    assert by_number["45/QĐ-UBND"] == same
    assert import_discipline(council, path, TODAY).summary() == "Đã thêm 0, cập nhật 0, giữ nguyên 3 dòng."


def test_a_file_of_the_four_required_columns_keeps_the_stored_year_and_note(council, tmp_path):
    save_discipline(council, Discipline(council.ids["CB01"], DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND",
                                        dt.date(2018, 12, 28), 2019, note="Hiệu lực từ năm 2019"), TODAY)
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Khiển trách", "12/QĐ-UBND", "28/12/2018"],
        ["CB02", "Hạ bậc lương", "50/QĐ-UBND", "15/06/2018"],
    ], headers=HEADERS[:4])
    assert import_discipline(council, path, TODAY) == ImportResult(1, 0, 1)
    assert _rows(council) == [
        ("CB02", DisciplineForm.HA_BAC_LUONG, "50/QĐ-UBND", dt.date(2018, 6, 15), 2018, ""),
        ("CB01", DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND", dt.date(2018, 12, 28), 2019, "Hiệu lực từ năm 2019"),
    ]


def test_a_wrong_header_row_is_refused_with_every_column_named(council, tmp_path):
    path = _xlsx(tmp_path / "ky_luat.xlsx", [["CB01", "Khiển trách", "12/QĐ-UBND"]],
                 headers=["Mã cán bộ", "Hình thức", "Số quyết định"])
    errors = _rejected(lambda: import_discipline(council, path, TODAY))
    assert errors == [
        "Dòng 1, cột Hình thức kỷ luật: tiêu đề ở cột B phải là “Hình thức kỷ luật”, tệp ghi “Hình thức”",
        "Dòng 1, cột Ngày quyết định: thiếu tiêu đề “Ngày quyết định” ở cột D",
        "Dòng 1, cột Năm áp dụng: thiếu tiêu đề “Năm áp dụng” ở cột E",
        "Dòng 1, cột Ghi chú: thiếu tiêu đề “Ghi chú” ở cột F",
    ]
    not_xlsx = tmp_path / "ky_luat.csv"
    not_xlsx.write_text("Mã cán bộ,Hình thức kỷ luật\n", encoding="utf-8")
    assert _rejected(lambda: import_discipline(council, not_xlsx, TODAY)) == [
        "Tệp “ky_luat.csv” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"]
    assert list_discipline(council) == []


def test_export_then_import_changes_nothing(council, tmp_path):
    for code, form, number, day, year in (
        ("CB01", DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND", dt.date(2018, 5, 10), None),
        ("CB02", DisciplineForm.GIANG_CHUC, "=45/QĐ", dt.date(2018, 12, 20), 2019),
    ):
        save_discipline(council, Discipline(council.ids[code], form, number, day, year, note="Ghi chú  hai dấu cách"),
                        TODAY)
    before = _dump(council)
    out = tmp_path / "xuat.xlsx"
    assert export_discipline(council, out) == 2
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert [c.value for c in sheet[3]][:3] == ["CB02", "Giáng chức", "=45/QĐ"]  # text, never a formula
    assert import_discipline(council, out, TODAY) == ImportResult(0, 0, 2)
    assert _dump(council) == before
    assert export_discipline(council, tmp_path / "2019.xlsx", year=2019) == 1


def test_the_template_has_the_headers_and_the_list_of_forms(tmp_path):
    out = tmp_path / "mau.xlsx"
    write_template("discipline", out)
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 1
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert lists == [f'"{FORMS.replace(", ", ",")}"']
