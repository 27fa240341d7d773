"""The Excel round trip of the quarterly classification: the unit's pre-filled workbook (sheet
"Đơn vị <CODE>"), import all or nothing with every error as "Dòng N, cột <tiêu đề>: ...",
re-import updates, export then import changes nothing."""
import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from models.quarters.classifications import Entry, lock_quarter, roster, save_quarter, unlock_quarter
from models.common.codes import Gender, HeadLevel, NotClassifiedReason, StaffCategory
from models.common.errors import DomainError
from models.exchange.import_common import ImportResult
from models.quarters.imports_classifications import (
    HEADERS,
    export_classifications,
    import_classifications,
    write_unit_workbook,
)
from models.people.staff import Staff, add_staff, update_staff

from .units_data import P01, P03, save_unit_ids
from .db_rows import CLASSIFICATION_TABLES, every_row
from .imports_data import rejected as _rejected, write_xlsx

XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH
LEVEL_CHOICES = ("Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, "
                 "Không hoàn thành nhiệm vụ, Không đánh giá")
REASON_CHOICES = "Mới tuyển dụng, Nghỉ thai sản, Nghỉ ốm dài ngày, Chuyển công tác, Lý do khác"
LOCK_AT = dt.datetime(2018, 10, 20, 9, 0)

# code, full name, leader, unit, recruited (None: 01/01/2010), ended
PEOPLE = [
    ("CB01", "Nguyễn Văn An", True, "P01", None, None),
    ("CB02", "Trần Thị Bình", True, "P01", None, None),
    ("CB05", "Hoàng Văn Em", False, "P01", None, None),
    ("CB06", "Đỗ Thị Giang", False, "P01", None, None),
    ("CB08", "Phạm Văn Tám", False, "P01", None, None),  # moves to P03 on 15/08/2018
    ("CB09", "Võ Thị Chín", False, "P01", None, dt.date(2018, 7, 31)),
    ("CB10", "Đặng Văn Mười", False, "P01", dt.date(2018, 9, 10), None),
    ("CB11", "Ngô Văn Khánh", True, "P03", None, None),
    ("CB12", "Dương Thị Lan", False, "P03", None, None),
    # recruited in Q3/2018 and left in Q4/2018
    ("CB20", "Hồ Văn Hai", False, "P03", dt.date(2018, 9, 1), dt.date(2018, 11, 15)),
]
# P01 in Q3/2018: leaders, then by given name (Chín, Em, Giang, Mười); the mover is in P03.
P01_Q3 = [("CB01", "Nguyễn Văn An"), ("CB02", "Trần Thị Bình"), ("CB09", "Võ Thị Chín"),
          ("CB05", "Hoàng Văn Em"), ("CB06", "Đỗ Thị Giang"), ("CB10", "Đặng Văn Mười")]
P01_Q3_FILLED = {
    "CB01": ("Hoàn thành xuất sắc nhiệm vụ", "", "Hoàn thành vượt chỉ tiêu cải cách hành chính"),
    "CB02": ("hoàn thành tốt nhiệm vụ", "", ""),
    "CB09": ("Không đánh giá", "Lý do khác", "Nghỉ hưu từ 01/08/2018"),
    "CB05": ("HOAN THANH NHIEM VU", "", ""),
    "CB06": ("Không hoàn thành nhiệm vụ", "", "Vi phạm quy chế tiếp công dân"),
    "CB10": ("khong danh gia", "moi tuyen dung", "Tuyển dụng ngày 10/09/2018"),
}


def _dump(db):
    """Every table of the file (all migrations), row by row."""
    return every_row(db, CLASSIFICATION_TABLES)


def _rows(db):
    return db.execute(
        "SELECT s.code, u.code, c.year, c.quarter, c.level, c.reason, c.note FROM classification c "
        "JOIN staff s ON s.id = c.staff_id JOIN unit u ON u.id = c.unit_id ORDER BY c.year, c.quarter, s.code"
    ).fetchall()


@pytest.fixture
def district(db, today):
    units = save_unit_ids(db, [P01, P03])
    staff = {}
    for code, name, leader, unit, recruited, ended in PEOPLE:
        staff[code] = add_staff(db, Staff(
            code=code, full_name=name, gender=Gender.NU if "Thị" in name else Gender.NAM,
            category=StaffCategory.CONG_CHUC, unit_id=units[unit], is_leader=leader,
            recruited_on=recruited or dt.date(2010, 1, 1), ended_on=ended,
        ), today)
    update_staff(db, replace(staff["CB08"], unit_id=units["P03"]), today, move_from=dt.date(2018, 8, 15))
    return SimpleNamespace(db=db, units=units, ids={c: s.id for c, s in staff.items()})


def _xlsx(path, rows, title="Sheet1", headers=HEADERS):
    return write_xlsx(path, headers, rows, title)


def _fill(path, values: dict):
    """Fill the Xếp loại, Lý do and Ghi chú cells of a template, by staff code; the sheet stays."""
    workbook = load_workbook(path)
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[4].value, row[5].value, row[6].value = (v or None for v in values[row[0].value])
    workbook.save(path)
    return path


def _row(code, name, year=2018, quarter=3, level="Hoàn thành tốt nhiệm vụ", reason="", note=""):
    return [code, name, year, quarter, level, reason, note]


# --- the unit's workbook ---------------------------------------------------------------------------


def test_the_unit_workbook_lists_the_units_people_for_the_quarter_on_a_sheet_named_after_it(district, tmp_path):
    d = district
    path = tmp_path / "P01_quy3.xlsx"
    assert write_unit_workbook(d.db, d.units["P01"], 2018, 3, path) == 6
    sheet = load_workbook(path).active
    assert sheet.title == "Đơn vị P01"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == HEADERS == [
        "Mã cán bộ", "Họ và tên", "Năm", "Quý", "Xếp loại", "Lý do không đánh giá", "Ghi chú"]
    assert values[1:] == [[code, name, 2018, 3, None, None, None] for code, name in P01_Q3]
    assert {str(r.sqref): r.formula1 for r in sheet.data_validations.dataValidation} == {
        "E2:E1000": '"' + LEVEL_CHOICES.replace(", ", ",") + '"',
        "F2:F1000": '"' + REASON_CHOICES.replace(", ", ",") + '"',
    }


def test_the_workbook_of_each_quarter_follows_moves(district, tmp_path):
    d = district
    write_unit_workbook(d.db, d.units["P01"], 2018, 2, tmp_path / "p01_q2.xlsx")
    write_unit_workbook(d.db, d.units["P03"], 2018, 3, tmp_path / "p03_q3.xlsx")
    q2 = [r[0].value for r in load_workbook(tmp_path / "p01_q2.xlsx").active.iter_rows(min_row=2)]
    q3 = [r[0].value for r in load_workbook(tmp_path / "p03_q3.xlsx").active.iter_rows(min_row=2)]
    assert q2 == ["CB01", "CB02", "CB09", "CB05", "CB06", "CB08"]
    assert q3 == ["CB11", "CB20", "CB12", "CB08"]  # Khánh (leader), then Hai, Lan, Tám


def test_the_workbook_of_an_unknown_unit_is_refused(district, tmp_path):
    with pytest.raises(DomainError) as caught:
        write_unit_workbook(district.db, 999, 2018, 3, tmp_path / "x.xlsx")
    assert str(caught.value) == "Đơn vị không tồn tại"
    assert not (tmp_path / "x.xlsx").exists()


def test_the_filled_workbook_imports_with_labels_in_any_case_with_or_without_diacritics(district, tmp_path):
    d = district
    path = tmp_path / "P01_quy3.xlsx"
    write_unit_workbook(d.db, d.units["P01"], 2018, 3, path)
    _fill(path, P01_Q3_FILLED)
    assert import_classifications(d.db, path) == ImportResult(6, 0, 0)
    assert _rows(d.db) == [
        ("CB01", "P01", 2018, 3, "xuat_sac", None, "Hoàn thành vượt chỉ tiêu cải cách hành chính"),
        ("CB02", "P01", 2018, 3, "tot", None, ""),
        ("CB05", "P01", 2018, 3, "hoan_thanh", None, ""),
        ("CB06", "P01", 2018, 3, "khong_hoan_thanh", None, "Vi phạm quy chế tiếp công dân"),
        ("CB09", "P01", 2018, 3, None, "ly_do_khac", "Nghỉ hưu từ 01/08/2018"),
        ("CB10", "P01", 2018, 3, None, "moi_tuyen", "Tuyển dụng ngày 10/09/2018"),
    ]


def test_the_template_shows_results_already_entered_and_imports_back_unchanged(district, tmp_path):
    d = district
    path = tmp_path / "a.xlsx"
    write_unit_workbook(d.db, d.units["P01"], 2018, 3, path)
    import_classifications(d.db, _fill(path, P01_Q3_FILLED))
    again = tmp_path / "b.xlsx"
    write_unit_workbook(d.db, d.units["P01"], 2018, 3, again)
    values = {r[0].value: [c.value for c in r[4:]] for r in load_workbook(again).active.iter_rows(min_row=2)}
    assert values["CB10"] == ["Không đánh giá", "Mới tuyển dụng", "Tuyển dụng ngày 10/09/2018"]
    assert values["CB02"] == ["Hoàn thành tốt nhiệm vụ", None, None]
    before = _dump(d.db)
    assert import_classifications(d.db, again) == ImportResult(0, 0, 6)
    assert _dump(d.db) == before


@pytest.mark.parametrize("text, level", [
    ("Hoàn thành xuất sắc nhiệm vụ", XS),
    ("HOÀN THÀNH TỐT NHIỆM VỤ", TOT),
    ("hoan thanh nhiem vu", HT),
    ("Khong Hoan Thanh Nhiem Vu", KHT),
    ("  hoàn   thành tốt nhiệm vụ ", TOT),
    ("Hoa\u0300n tha\u0300nh xuâ\u0301t să\u0301c nhiê\u0323m vu\u0323", XS),  # decomposed (NFD) text
])
def test_a_level_is_read_from_its_full_label_in_any_case_with_or_without_diacritics(district, tmp_path, text, level):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [_row("CB01", "Nguyễn Văn An", level=text)])
    assert import_classifications(d.db, path) == ImportResult(1, 0, 0)
    assert _rows(d.db) == [("CB01", "P01", 2018, 3, level.value, None, "")]


@pytest.mark.parametrize("text, reason_text, reason", [
    ("Không đánh giá", "Nghỉ thai sản", NotClassifiedReason.THAI_SAN),
    ("KHÔNG ĐÁNH GIÁ", "nghi om dai ngay", NotClassifiedReason.OM_DAI_NGAY),
    ("khong danh gia", "CHUYỂN CÔNG TÁC", NotClassifiedReason.CHUYEN_CONG_TAC),
])
def test_not_classified_is_read_with_its_reason(district, tmp_path, text, reason_text, reason):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [_row("CB02", "Trần Thị Bình", level=text, reason=reason_text)])
    assert import_classifications(d.db, path) == ImportResult(1, 0, 0)
    assert _rows(d.db) == [("CB02", "P01", 2018, 3, None, reason.value, "")]


def test_re_import_updates_changed_rows_and_keeps_the_rest(district, tmp_path):
    d = district
    path = tmp_path / "P01.xlsx"
    write_unit_workbook(d.db, d.units["P01"], 2018, 3, path)
    import_classifications(d.db, _fill(path, P01_Q3_FILLED))
    changed = dict(P01_Q3_FILLED, CB06=("Hoàn thành nhiệm vụ", "", "Đã khắc phục"),
                   CB02=("Hoàn thành tốt nhiệm vụ", "", "Cẩn thận"))
    assert import_classifications(d.db, _fill(path, changed)) == ImportResult(0, 2, 4)
    rows = {r[0]: r for r in _rows(d.db)}
    assert rows["CB06"][4:] == ("hoan_thanh", None, "Đã khắc phục")
    assert rows["CB02"][4:] == ("tot", None, "Cẩn thận")
    assert len(rows) == 6


def test_a_dry_run_counts_but_writes_nothing(district, tmp_path):
    d = district
    path = tmp_path / "P01.xlsx"
    write_unit_workbook(d.db, d.units["P01"], 2018, 3, path)
    _fill(path, P01_Q3_FILLED)
    before = _dump(d.db)
    result = import_classifications(d.db, path, dry_run=True)
    assert result == ImportResult(6, 0, 0, dry_run=True)
    assert result.summary() == "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 6, cập nhật 0, giữ nguyên 0 dòng."
    assert _dump(d.db) == before


def test_a_file_without_a_unit_sheet_puts_each_row_in_the_persons_quarter_unit(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "quan.xlsx", [
        _row("CB08", "Phạm Văn Tám", quarter=2),
        _row("cb08", "pham van tam", quarter=3, level="Hoàn thành xuất sắc nhiệm vụ"),
        _row("CB11", "Ngô Văn Khánh", quarter=3),
    ])
    assert import_classifications(d.db, path) == ImportResult(3, 0, 0)
    assert _rows(d.db) == [
        ("CB08", "P01", 2018, 2, "tot", None, ""),
        ("CB08", "P03", 2018, 3, "xuat_sac", None, ""),
        ("CB11", "P03", 2018, 3, "tot", None, ""),
    ]


# --- export and the round trip ---------------------------------------------------------------------


def _classify(d):
    save_quarter(d.db, d.units["P01"], 2018, 3, [
        Entry(d.ids["CB01"], XS, note="Hoàn thành vượt chỉ tiêu cải cách hành chính"),
        Entry(d.ids["CB02"], TOT), Entry(d.ids["CB05"], HT), Entry(d.ids["CB06"], KHT),
        Entry(d.ids["CB09"], reason=NotClassifiedReason.KHAC, note="Nghỉ hưu"),
        Entry(d.ids["CB10"], reason=NotClassifiedReason.MOI_TUYEN, note="Tuyển dụng ngày 10/09/2018"),
    ])
    save_quarter(d.db, d.units["P03"], 2018, 3, [
        Entry(d.ids["CB11"], XS), Entry(d.ids["CB12"], TOT), Entry(d.ids["CB08"], TOT),
        Entry(d.ids["CB20"], reason=NotClassifiedReason.MOI_TUYEN)])


def test_export_of_one_unit_writes_its_rows_on_its_sheet(district, tmp_path):
    d = district
    _classify(d)
    path = tmp_path / "xuat_P01.xlsx"
    assert export_classifications(d.db, 2018, 3, path, d.units["P01"]) == 6
    sheet = load_workbook(path).active
    assert sheet.title == "Đơn vị P01"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == HEADERS
    assert values[1:] == [
        ["CB01", "Nguyễn Văn An", 2018, 3, "Hoàn thành xuất sắc nhiệm vụ", None,
         "Hoàn thành vượt chỉ tiêu cải cách hành chính"],
        ["CB02", "Trần Thị Bình", 2018, 3, "Hoàn thành tốt nhiệm vụ", None, None],
        ["CB05", "Hoàng Văn Em", 2018, 3, "Hoàn thành nhiệm vụ", None, None],
        ["CB06", "Đỗ Thị Giang", 2018, 3, "Không hoàn thành nhiệm vụ", None, None],
        ["CB09", "Võ Thị Chín", 2018, 3, "Không đánh giá", "Lý do khác", "Nghỉ hưu"],
        ["CB10", "Đặng Văn Mười", 2018, 3, "Không đánh giá", "Mới tuyển dụng", "Tuyển dụng ngày 10/09/2018"],
    ]


def test_export_of_all_units_is_sorted_by_unit_then_code_on_a_quarter_sheet(district, tmp_path):
    d = district
    _classify(d)
    path = tmp_path / "xuat_quy3.xlsx"
    assert export_classifications(d.db, 2018, 3, path) == 10
    sheet = load_workbook(path).active
    assert sheet.title == "Quý 3-2018"
    assert [r[0].value for r in sheet.iter_rows(min_row=2)] == [
        "CB01", "CB02", "CB05", "CB06", "CB09", "CB10", "CB08", "CB11", "CB12", "CB20"]


@pytest.mark.parametrize("unit", ["P01", "P03", None])
def test_export_then_import_changes_nothing(district, tmp_path, unit):
    d = district
    _classify(d)
    before = _dump(d.db)
    path = tmp_path / "xuat.xlsx"
    n = export_classifications(d.db, 2018, 3, path, d.units[unit] if unit else None)
    assert import_classifications(d.db, path) == ImportResult(0, 0, n)
    assert _dump(d.db) == before


def test_an_exported_file_imports_into_an_empty_database_the_same_rows(district, tmp_path):
    d = district
    _classify(d)
    expected = _rows(d.db)
    export_classifications(d.db, 2018, 3, tmp_path / "xuat.xlsx")
    d.db.execute("DELETE FROM classification")
    assert import_classifications(d.db, tmp_path / "xuat.xlsx") == ImportResult(10, 0, 0)
    assert _rows(d.db) == expected


# --- refusals: a clear message, nothing written ----------------------------------------------------


@pytest.mark.parametrize("row, title, error", [
    (_row("CB01", "Nguyễn Văn An", level="Xuất sắc"), "Đơn vị P01",
     f"Dòng 2, cột Xếp loại: “Xuất sắc” không hợp lệ, chọn một trong: {LEVEL_CHOICES}"),
    (_row("CB01", "Nguyễn Văn An", level="A"), "Đơn vị P01",
     f"Dòng 2, cột Xếp loại: “A” không hợp lệ, chọn một trong: {LEVEL_CHOICES}"),
    (_row("CB01", "Nguyễn Văn An", level=""), "Đơn vị P01", "Dòng 2, cột Xếp loại: bỏ trống (bắt buộc)"),
    (_row("CB01", "Nguyễn Văn An", quarter=5), "Đơn vị P01",
     "Dòng 2, cột Quý: “5” không phải quý hợp lệ (1, 2, 3 hoặc 4)"),
    (_row("CB01", "Nguyễn Văn An", quarter=""), "Đơn vị P01", "Dòng 2, cột Quý: bỏ trống (bắt buộc)"),
    (_row("CB01", "Nguyễn Văn An", year=2017, quarter=4), "Đơn vị P01",
     "Dòng 2, cột Năm: chưa có quy định áp dụng cho quý 4/2017"),
    (_row("CB01", "Nguyễn Văn An", quarter=1), "Đơn vị P01",
     "Dòng 2, cột Năm: chưa có quy định áp dụng cho quý 1/2018"),
    (_row("CB01", "Nguyễn Văn An", year="hai nghìn"), "Đơn vị P01",
     "Dòng 2, cột Năm: “hai nghìn” không phải năm hợp lệ"),
    (_row("CB01", "Nguyễn Văn An", year=""), "Đơn vị P01", "Dòng 2, cột Năm: bỏ trống (bắt buộc)"),
    (_row("CB09", "Võ Thị Chín", quarter=4), "Đơn vị P01",
     "Dòng 2, cột Mã cán bộ: CB09 đã nghỉ từ ngày 31/07/2018, không xếp loại được quý 4/2018"),
    (_row("CB10", "Đặng Văn Mười", quarter=2), "Đơn vị P01",
     "Dòng 2, cột Mã cán bộ: CB10 được tuyển dụng ngày 10/09/2018, không xếp loại được quý 2/2018"),
    (_row("CB08", "Phạm Văn Tám"), "Đơn vị P01",
     "Dòng 2, cột Mã cán bộ: CB08 không thuộc đơn vị P01 trong quý 3/2018 (thuộc đơn vị P03)"),
    (_row("CB01", "Nguyễn Văn Bảy"), "Đơn vị P01",
     "Dòng 2, cột Họ và tên: “Nguyễn Văn Bảy” không khớp với mã CB01 (“Nguyễn Văn An”)"),
    (_row("CB99", "Nguyễn Văn An"), "Đơn vị P01", "Dòng 2, cột Mã cán bộ: không có cán bộ mã “CB99”"),
    (_row("", "Nguyễn Văn An"), "Đơn vị P01", "Dòng 2, cột Mã cán bộ: bỏ trống (bắt buộc)"),
    (_row("CB02", "Trần Thị Bình", level="Không đánh giá"), "Đơn vị P01",
     f"Dòng 2, cột Lý do không đánh giá: cần ghi lý do khi Không đánh giá: {REASON_CHOICES}"),
    (_row("CB02", "Trần Thị Bình", level="Không đánh giá", reason="Đi học"), "Đơn vị P01",
     f"Dòng 2, cột Lý do không đánh giá: “Đi học” không hợp lệ, chọn một trong: {REASON_CHOICES}"),
    (_row("CB02", "Trần Thị Bình", reason="Nghỉ thai sản"), "Đơn vị P01",
     "Dòng 2, cột Lý do không đánh giá: chỉ ghi lý do khi Xếp loại là Không đánh giá"),
], ids=[
    "unknown-level", "letter-alias", "blank-level", "quarter-5", "blank-quarter", "no-rule-set-2017",
    "no-rule-set-q1-2018", "year-not-a-number", "blank-year", "had-left", "not-yet-recruited",
    "not-in-the-sheets-unit", "name-does-not-match", "unknown-code", "blank-code", "no-reason",
    "unknown-reason", "reason-with-a-level",
])
def test_a_wrong_row_is_refused_with_its_row_and_column_and_nothing_is_written(district, tmp_path, row, title,
                                                                                error):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [row, _row("CB05", "Hoàng Văn Em")], title=title)
    before = _dump(d.db)
    assert _rejected(lambda: import_classifications(d.db, path)) == [error]
    assert _rejected(lambda: import_classifications(d.db, path, dry_run=True)) == [error]
    assert _dump(d.db) == before


def test_a_person_classified_twice_in_one_quarter_is_refused(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [
        _row("CB01", "Nguyễn Văn An"),
        _row("CB01", "Nguyễn Văn An", quarter=2),  # another quarter: fine
        _row("cb01", "Nguyễn Văn An", level="Hoàn thành xuất sắc nhiệm vụ"),
    ], title="Đơn vị P01")
    before = _dump(d.db)
    assert _rejected(lambda: import_classifications(d.db, path)) == [
        "Dòng 4, cột Mã cán bộ: CB01 đã được xếp loại quý 3/2018 ở dòng 2"]
    assert _dump(d.db) == before


def test_every_error_is_listed_by_row_then_column_and_good_rows_are_not_written(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [
        _row("CB01", "Nguyễn Văn An"),
        _row("CB02", "Trần Văn Bình", quarter=7, level="Giỏi"),
        _row("CB05", "Hoàng Văn Em"),
        _row("CB99", "Không Có", year=2017),
    ], title="Đơn vị P01")
    before = _dump(d.db)
    assert _rejected(lambda: import_classifications(d.db, path)) == [
        "Dòng 3, cột Họ và tên: “Trần Văn Bình” không khớp với mã CB02 (“Trần Thị Bình”)",
        "Dòng 3, cột Quý: “7” không phải quý hợp lệ (1, 2, 3 hoặc 4)",
        f"Dòng 3, cột Xếp loại: “Giỏi” không hợp lệ, chọn một trong: {LEVEL_CHOICES}",
        "Dòng 5, cột Mã cán bộ: không có cán bộ mã “CB99”",
        "Dòng 5, cột Năm: chưa có quy định áp dụng cho quý 3/2017",
    ]
    assert _dump(d.db) == before


def test_a_name_is_matched_ignoring_case_diacritics_and_spacing(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [_row("cb01", "  NGUYEN   van an ")], title="Đơn vị P01")
    assert import_classifications(d.db, path) == ImportResult(1, 0, 0)


def test_an_import_into_a_locked_quarter_is_refused_until_it_is_unlocked(district, tmp_path):
    d = district
    _classify(d)
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT)
    path = _xlsx(tmp_path / "f.xlsx", [
        _row("CB11", "Ngô Văn Khánh", level="Hoàn thành nhiệm vụ"),  # P03: open
        _row("CB02", "Trần Thị Bình", level="Hoàn thành xuất sắc nhiệm vụ"),  # P01: locked
        _row("CB02", "Trần Thị Bình", quarter=4),  # P01's Q4: open
    ])
    before = _dump(d.db)
    assert _rejected(lambda: import_classifications(d.db, path)) == [
        "Dòng 3, cột Quý: kết quả quý 3/2018 của đơn vị P01 đã chốt, không nhập được"]
    assert _rejected(lambda: import_classifications(d.db, path, dry_run=True)) == [
        "Dòng 3, cột Quý: kết quả quý 3/2018 của đơn vị P01 đã chốt, không nhập được"]
    assert _dump(d.db) == before
    unlock_quarter(d.db, d.units["P01"], 2018, 3, "Phường nộp lại kết quả", LOCK_AT)
    assert import_classifications(d.db, path) == ImportResult(1, 2, 0)
    assert {p.code: p.entry.level for p in roster(d.db, d.units["P01"], 2018, 3)}["CB02"] == XS


def test_a_file_with_wrong_headers_is_refused(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [["CB01", "Nguyễn Văn An", 2018, 3, "Hoàn thành tốt nhiệm vụ", ""]],
                 headers=["Mã cán bộ", "Họ và tên", "Năm", "Quý", "Xếp loại", "Ghi chú"])
    before = _dump(d.db)
    assert _rejected(lambda: import_classifications(d.db, path)) == [
        "Dòng 1, cột Lý do không đánh giá: tiêu đề ở cột F phải là “Lý do không đánh giá”, tệp ghi “Ghi chú”",
        "Dòng 1, cột Ghi chú: thiếu tiêu đề “Ghi chú” ở cột G",
    ]
    assert _dump(d.db) == before


def test_an_empty_template_imports_as_no_data(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [])
    assert _rejected(lambda: import_classifications(d.db, path)) == [
        "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"]


def test_a_row_before_the_recruitment_of_someone_who_later_left_says_not_yet_recruited(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [_row("CB20", "Hồ Văn Hai", quarter=2)])
    assert _rejected(lambda: import_classifications(d.db, path)) == [
        "Dòng 2, cột Mã cán bộ: CB20 được tuyển dụng ngày 01/09/2018, không xếp loại được quý 2/2018"]


def test_a_superscript_digit_in_the_quarter_is_a_row_error(district, tmp_path):
    d = district
    path = _xlsx(tmp_path / "f.xlsx", [_row("CB01", "Nguyễn Văn An", quarter="²")])
    assert _rejected(lambda: import_classifications(d.db, path)) == [
        "Dòng 2, cột Quý: “²” không phải quý hợp lệ (1, 2, 3 hoặc 4)"]
