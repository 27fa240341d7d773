"""Importing units and staff from xlsx: all or nothing, every error listed, re-import updates."""
import datetime as dt
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from models.codes import Gender, StaffCategory, UnitKind
from models.exports import write_template
from models.imports import ImportResult, import_staff, import_units
from models.staff import Staff, add_staff, unit_history
from models.units import Unit, save_unit
from models.xlsx import ImportRejected

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Người đứng đầu", "Chức vụ người đứng đầu"]
STAFF_HEADERS = [
    "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Mã đơn vị", "Chức vụ", "Đối tượng",
    "Lãnh đạo, quản lý", "Ngày tuyển dụng",
]
MESSAGE = re.compile(r"^Dòng \d+, cột [^:]+: .+$")
NO_DATA = "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"


def _xlsx(path, headers, rows, blank_rows=0):
    """An xlsx file: ``headers`` in row 1, ``rows`` below, then ``blank_rows`` rows of spaces."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for _ in range(blank_rows):
        sheet.append(["   ", " "])
    workbook.save(str(path))
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
    p01 = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    save_unit(db, Unit(code="P03", name="Phường 3", kind=UnitKind.PHUONG))
    add_staff(
        db,
        Staff(code="OLD", full_name="Phạm Văn Cũ", gender=Gender.NAM,
              category=StaffCategory.CAN_BO, unit_id=p01.id, recruited_on=dt.date(2000, 1, 1)),
        today,
    )
    return db


def _rejected(call):
    with pytest.raises(ImportRejected) as caught:
        call()
    errors = caught.value.errors
    assert str(caught.value) == "\n".join(errors)
    return errors


# --- templates ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, headers", [("units", UNIT_HEADERS), ("staff", STAFF_HEADERS)])
def test_template_has_exactly_the_import_headers(tmp_path, kind, headers):
    path = tmp_path / f"mau_{kind}.xlsx"
    write_template(kind, path)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == headers
    assert sheet.max_row == 1


def test_unit_template_offers_the_unit_kinds_as_a_drop_down(tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template("units", path)
    rules = load_workbook(path).active.data_validations.dataValidation
    assert [(r.formula1, str(r.sqref)) for r in rules] == [
        ('"Cơ quan chuyên môn,Đơn vị sự nghiệp,Mặt trận - Đoàn thể,Tổ chức cơ sở Đảng,'
         'Phường,Khác"', "C2:C1000")
    ]


def test_template_of_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError, match="Loại dữ liệu không biết: x"):
        write_template("x", tmp_path / "x.xlsx")


def test_empty_template_imports_as_no_data(db, tmp_path, today):
    path = tmp_path / "mau.xlsx"
    write_template("staff", path)
    assert _rejected(lambda: import_staff(db, path, today)) == [NO_DATA]


# --- good imports ---------------------------------------------------------------------------


def test_unit_import_adds_normalised_rows(db, tmp_path):
    result = import_units(db, _units_file(tmp_path, GOOD_UNITS))
    assert result == ImportResult(added=3, updated=0, unchanged=0)
    assert result.summary() == "Đã thêm 3, cập nhật 0, giữ nguyên 0 dòng."
    assert db.execute(
        "SELECT code, name, name_folded, kind, head_name, head_title, active FROM unit ORDER BY code"
    ).fetchall() == [
        ("MTTQ", "Ủy ban MTTQ Việt Nam quận", "uy ban mttq viet nam quan", "mat_tran",
         "Trần Thị Em", "Chủ tịch", 1),
        ("NV", "Phòng Nội vụ", "phong noi vu", "co_quan", "", "", 1),
        ("P01", "Phường 1", "phuong 1", "phuong", "Lê Văn Bình", "Chủ tịch UBND phường", 1),
    ]


def test_unit_import_twice_updates_and_never_duplicates(db, tmp_path):
    path = _units_file(tmp_path, GOOD_UNITS)
    import_units(db, path)
    after_first = _dump(db)
    assert import_units(db, path) == ImportResult(added=0, updated=0, unchanged=3)
    assert _dump(db) == after_first

    changed = [row[:] for row in GOOD_UNITS] + [["P03", "Phường 3", "Phường", "", ""]]
    changed[0][3] = "Võ Thị Hoa"
    result = import_units(db, _units_file(tmp_path, changed, name="lan2.xlsx"))
    assert result == ImportResult(added=1, updated=1, unchanged=2)
    assert result.summary() == "Đã thêm 1, cập nhật 1, giữ nguyên 2 dòng."
    assert db.execute("SELECT code, head_name FROM unit ORDER BY id").fetchall() == [
        ("P01", "Võ Thị Hoa"), ("NV", ""), ("MTTQ", "Trần Thị Em"), ("P03", ""),
    ]
    assert db.execute("SELECT count(*), count(DISTINCT code) FROM unit").fetchone() == (4, 4)


def test_unit_import_keeps_an_inactive_unit_inactive(db, tmp_path):
    import_units(db, _units_file(tmp_path, GOOD_UNITS))
    db.execute("UPDATE unit SET active = 0 WHERE code = 'NV'")
    changed = [row[:] for row in GOOD_UNITS]
    changed[1][1] = "Phòng Nội vụ quận"
    assert import_units(db, _units_file(tmp_path, changed, name="b.xlsx")).updated == 1
    assert db.execute("SELECT name, active FROM unit WHERE code = 'NV'").fetchone() == (
        "Phòng Nội vụ quận", 0,
    )


def test_unit_dry_run_reports_counts_and_writes_nothing(seeded, tmp_path):
    before = _dump(seeded)
    rows = GOOD_UNITS + [["P03", "Phường Ba", "Phường", "", ""]]
    result = import_units(seeded, _units_file(tmp_path, rows), dry_run=True)
    # P01 gets a head, P03 a new name; NV and MTTQ are new.
    assert result == ImportResult(added=2, updated=2, unchanged=0, dry_run=True)
    assert result.summary() == (
        "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 2, cập nhật 2, giữ nguyên 0 dòng."
    )
    assert _dump(seeded) == before


def test_staff_import_adds_people_with_their_first_membership(seeded, tmp_path, today):
    rows = [
        _staff_row(),
        _staff_row(code="cb02", name=" Lê  Thị Bình ", birth=dt.datetime(1990, 2, 3), gender="nữ",
                   unit="p03", position="", category="VIEN CHUC", leader="Có",
                   recruited=dt.date(2012, 9, 1)),
        _staff_row(code="CB03", name="Trần Văn Cường", birth="", unit="P03", position=None,
                   category="Cán bộ", leader="", recruited=None),
    ]
    result = import_staff(seeded, _staff_file(tmp_path, rows), today)
    assert result == ImportResult(added=3, updated=0, unchanged=0)
    assert seeded.execute(
        "SELECT s.code, full_name, s.name_folded, birth_date, gender, position, category, is_leader, "
        "recruited_on, ended_on, u.code, h.start_date FROM staff s "
        "JOIN staff_unit h ON h.staff_id = s.id JOIN unit u ON u.id = h.unit_id "
        "WHERE s.code != 'OLD' ORDER BY s.code"
    ).fetchall() == [
        ("CB01", "Nguyễn Văn Ánh", "nguyen van anh", "1985-06-01", "nam", "Chuyên viên",
         "cong_chuc", 0, "2015-03-01", None, "P01", "2015-03-01"),
        ("CB02", "Lê Thị Bình", "le thi binh", "1990-02-03", "nu", "", "vien_chuc", 1,
         "2012-09-01", None, "P03", "2012-09-01"),
        ("CB03", "Trần Văn Cường", "tran van cuong", None, "nam", "", "can_bo", 0, None, None,
         "P03", "0001-01-01"),
    ]


@pytest.mark.parametrize(
    "birth",
    [dt.datetime(1985, 6, 1), dt.date(1985, 6, 1), "01/06/1985", "1/6/1985", "01-06-1985",
     "01.06.1985", "1985-06-01"],
)
def test_staff_import_accepts_real_excel_dates_and_typed_dates(seeded, tmp_path, today, birth):
    import_staff(seeded, _staff_file(tmp_path, [_staff_row(birth=birth)]), today)
    assert seeded.execute("SELECT birth_date FROM staff WHERE code = 'CB01'").fetchone() == (
        "1985-06-01",
    )


def test_real_excel_date_cell_is_read_as_a_date(seeded, tmp_path, today):
    # A normal (non write-only) workbook with a date-formatted cell, as a user would save it.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(STAFF_HEADERS)
    sheet.append(_staff_row(birth=None, recruited=None))
    sheet["C2"] = dt.date(1985, 6, 1)
    sheet["C2"].number_format = "dd/mm/yyyy"
    sheet["I2"] = dt.datetime(2015, 3, 1)
    path = tmp_path / "ngay.xlsx"
    workbook.save(path)
    import_staff(seeded, path, today)
    assert seeded.execute(
        "SELECT birth_date, recruited_on FROM staff WHERE code = 'CB01'"
    ).fetchone() == ("1985-06-01", "2015-03-01")


def test_codes_typed_as_numbers_are_read_as_text(db, tmp_path, today):
    import_units(db, _units_file(tmp_path, [[101, "Phường 1", "Phường", "", ""]]))
    assert db.execute("SELECT code FROM unit").fetchall() == [("101",)]
    rows = [_staff_row(code=5001, unit=101), _staff_row(code=5002.0, name="Lê Thị Bình", unit="101")]
    assert import_staff(db, _staff_file(tmp_path, rows), today).added == 2
    assert db.execute(
        "SELECT s.code, u.code FROM staff s JOIN staff_unit h ON h.staff_id = s.id "
        "JOIN unit u ON u.id = h.unit_id ORDER BY s.code"
    ).fetchall() == [("5001", "101"), ("5002", "101")]
    # The same file again: the numeric codes match the stored text codes.
    assert import_staff(db, _staff_file(tmp_path, rows, name="b.xlsx"), today) == ImportResult(
        added=0, updated=0, unchanged=2
    )


def test_staff_import_twice_updates_and_never_duplicates(seeded, tmp_path, today):
    rows = [_staff_row(), _staff_row(code="CB02", name="Lê Thị Bình", gender="Nữ")]
    path = _staff_file(tmp_path, rows)
    assert import_staff(seeded, path, today) == ImportResult(added=2, updated=0, unchanged=0)
    after_first = _dump(seeded)
    assert import_staff(seeded, path, today) == ImportResult(added=0, updated=0, unchanged=2)
    assert _dump(seeded) == after_first

    rows[1] = _staff_row(code="CB02", name="Lê Thị Bình", gender="Nữ", position="Phó Chủ tịch",
                         leader="x", recruited="01/09/2016")
    result = import_staff(seeded, _staff_file(tmp_path, rows, name="b.xlsx"), today)
    assert result == ImportResult(added=0, updated=1, unchanged=1)
    assert seeded.execute(
        "SELECT s.code, position, is_leader, recruited_on, start_date FROM staff s "
        "JOIN staff_unit h ON h.staff_id = s.id ORDER BY s.id"
    ).fetchall() == [
        ("OLD", "", 0, "2000-01-01", "2000-01-01"),
        ("CB01", "Chuyên viên", 0, "2015-03-01", "2015-03-01"),
        ("CB02", "Phó Chủ tịch", 1, "2016-09-01", "2016-09-01"),
    ]
    assert seeded.execute("SELECT count(*) FROM staff").fetchone() == (3,)


def test_staff_dry_run_reports_counts_and_writes_nothing(seeded, tmp_path, today):
    before = _dump(seeded)
    rows = [
        _staff_row(),
        _staff_row(code="OLD", name="Phạm Văn Cũ", birth="", category="Cán bộ", position="",
                   unit="P03", recruited="01/01/2000"),
    ]
    result = import_staff(seeded, _staff_file(tmp_path, rows), today, dry_run=True)
    assert result == ImportResult(added=1, updated=1, unchanged=0, dry_run=True, moved=1)
    assert result.summary() == (
        "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 1, cập nhật 1, giữ nguyên 0 dòng "
        "(1 cán bộ chuyển đơn vị)."
    )
    assert _dump(seeded) == before


def test_reimport_with_a_new_unit_code_moves_the_person_from_today(seeded, tmp_path, today):
    import_staff(seeded, _staff_file(tmp_path, [_staff_row(unit="P01")]), today)
    result = import_staff(seeded, _staff_file(tmp_path, [_staff_row(unit="P03")], name="b.xlsx"),
                          today)
    assert result == ImportResult(added=0, updated=1, unchanged=0, moved=1)
    assert result.summary() == "Đã thêm 0, cập nhật 1, giữ nguyên 0 dòng (1 cán bộ chuyển đơn vị)."
    (staff_id,) = seeded.execute("SELECT id FROM staff WHERE code = 'CB01'").fetchone()
    assert [(h.unit_code, h.start, h.end) for h in unit_history(seeded, staff_id)] == [
        ("P01", dt.date(2015, 3, 1), today),
        ("P03", today, None),
    ]
    # Importing the moved state again changes nothing.
    again = import_staff(seeded, _staff_file(tmp_path, [_staff_row(unit="P03")], name="c.xlsx"),
                         today)
    assert again == ImportResult(added=0, updated=0, unchanged=1)
    assert len(unit_history(seeded, staff_id)) == 2


def test_move_on_the_day_the_current_membership_starts_is_refused(seeded, tmp_path, today):
    import_staff(seeded, _staff_file(tmp_path, [_staff_row(unit="P01", recruited="01/12/2018")]),
                 today)
    before = _dump(seeded)
    path = _staff_file(tmp_path, [_staff_row(unit="P03", recruited="01/12/2018")], name="b.xlsx")
    assert _rejected(lambda: import_staff(seeded, path, today)) == [
        "Dòng 2, cột Mã đơn vị: cán bộ đang ở đơn vị P01 từ ngày 01/12/2018, "
        "không thể ghi chuyển sang đơn vị khác từ ngày 01/12/2018"
    ]
    assert _dump(seeded) == before


def test_data_followed_by_many_empty_rows_is_accepted(seeded, tmp_path, today):
    path = _staff_file(
        tmp_path, [_staff_row(), _staff_row(code="CB02", name="Lê Thị Bình")], blank_rows=20_000
    )
    assert import_staff(seeded, path, today) == ImportResult(added=2, updated=0, unchanged=0)
    assert seeded.execute("SELECT count(*) FROM staff").fetchone() == (3,)


def test_empty_rows_between_data_keep_excel_row_numbers(seeded, tmp_path, today):
    rows = [_staff_row(), ["", " ", None], _staff_row(code="CB02", name="Lê Thị Bình", unit="ZZ")]
    assert _rejected(lambda: import_staff(seeded, _staff_file(tmp_path, rows), today)) == [
        "Dòng 4, cột Mã đơn vị: không có đơn vị mã “ZZ” trong danh sách đơn vị"
    ]


# --- bad input: nothing written, each error exactly --------------------------------------


@pytest.mark.parametrize(
    "rows, errors",
    [
        pytest.param(
            [_staff_row(unit="P99")],
            ["Dòng 2, cột Mã đơn vị: không có đơn vị mã “P99” trong danh sách đơn vị"],
            id="unknown-unit",
        ),
        pytest.param(
            [_staff_row(), _staff_row(name="Lê Thị Bình"), _staff_row(code="cb01 ", name="Võ An")],
            ["Dòng 3, cột Mã cán bộ: mã “CB01” trùng với dòng 2",
             "Dòng 4, cột Mã cán bộ: mã “CB01” trùng với dòng 2"],
            id="duplicate-code",
        ),
        pytest.param(
            [_staff_row(birth="31/02/2018")],
            ["Dòng 2, cột Ngày sinh: ngày 31/02/2018 không tồn tại"],
            id="impossible-date",
        ),
        pytest.param(
            [_staff_row(recruited="abc")],
            ["Dòng 2, cột Ngày tuyển dụng: “abc” không phải ngày dạng dd/mm/yyyy"],
            id="not-a-date",
        ),
        pytest.param(
            [_staff_row(birth=31121990)],
            ["Dòng 2, cột Ngày sinh: “31121990” là một số, không phải ngày (cần dạng dd/mm/yyyy)"],
            id="date-as-number",
        ),
        pytest.param(
            [_staff_row(birth="02/12/2018", recruited="")],
            ["Dòng 2, cột Ngày sinh: ngày sinh 02/12/2018 ở tương lai"],
            id="future-birth",
        ),
        pytest.param(
            [_staff_row(birth="01/06/1985", recruited="01/06/1985")],
            ["Dòng 2, cột Ngày tuyển dụng: ngày tuyển dụng phải sau ngày sinh"],
            id="recruited-on-birth-day",
        ),
        pytest.param(
            [_staff_row(gender="")],
            ["Dòng 2, cột Giới tính: bỏ trống (bắt buộc)"],
            id="empty-gender",
        ),
        pytest.param(
            [_staff_row(unit="")],
            ["Dòng 2, cột Mã đơn vị: bỏ trống (bắt buộc)"],
            id="empty-unit",
        ),
        pytest.param(
            [_staff_row(name="")],
            ["Dòng 2, cột Họ và tên: bỏ trống (bắt buộc)"],
            id="empty-name",
        ),
        pytest.param(
            [_staff_row(code="")],
            ["Dòng 2, cột Mã cán bộ: bỏ trống (bắt buộc)"],
            id="empty-code",
        ),
        pytest.param(
            [_staff_row(category="Hợp đồng", leader="Phó")],
            ["Dòng 2, cột Đối tượng: “Hợp đồng” không hợp lệ, chọn một trong: Cán bộ, Công chức, "
             "Viên chức, Người lao động",
             "Dòng 2, cột Lãnh đạo, quản lý: “Phó” không hợp lệ, ghi Có hoặc Không"],
            id="bad-choices",
        ),
        pytest.param(
            [_staff_row(code="", name="", birth="x", gender="", unit="", category="")],
            ["Dòng 2, cột Mã cán bộ: bỏ trống (bắt buộc)",
             "Dòng 2, cột Họ và tên: bỏ trống (bắt buộc)",
             "Dòng 2, cột Ngày sinh: “x” không phải ngày dạng dd/mm/yyyy",
             "Dòng 2, cột Giới tính: bỏ trống (bắt buộc)",
             "Dòng 2, cột Mã đơn vị: bỏ trống (bắt buộc)",
             "Dòng 2, cột Đối tượng: bỏ trống (bắt buộc)"],
            id="every-error-in-column-order",
        ),
    ],
)
def test_bad_staff_file_is_rejected_with_exact_messages_and_nothing_written(
    seeded, tmp_path, today, rows, errors
):
    before = _dump(seeded)
    path = _staff_file(tmp_path, rows)
    found = _rejected(lambda: import_staff(seeded, path, today))
    assert found == errors
    assert all(MESSAGE.match(e) for e in found)
    assert _dump(seeded) == before
    # A dry run finds the same errors.
    assert _rejected(lambda: import_staff(seeded, path, today, dry_run=True)) == errors
    assert _dump(seeded) == before


@pytest.mark.parametrize(
    "rows, errors",
    [
        pytest.param(
            [["P05", "Phường 5", "Phường", "", ""], ["p05", "Phường Năm", "Phường", "", ""]],
            ["Dòng 3, cột Mã đơn vị: mã “P05” trùng với dòng 2"],
            id="duplicate-code",
        ),
        pytest.param(
            [["", "Phường 5", "Phường", "", ""]],
            ["Dòng 2, cột Mã đơn vị: bỏ trống (bắt buộc)"],
            id="empty-code",
        ),
        pytest.param(
            [["P05", " ", "Phường", "", ""]],
            ["Dòng 2, cột Tên đơn vị: bỏ trống (bắt buộc)"],
            id="empty-name",
        ),
        pytest.param(
            [["P05", "Phường 5", "", "", ""]],
            ["Dòng 2, cột Loại đơn vị: bỏ trống (bắt buộc)"],
            id="empty-kind",
        ),
        pytest.param(
            [["P 05", "Phường 5", "Quận", "", ""]],
            ["Dòng 2, cột Mã đơn vị: mã đơn vị chỉ gồm chữ không dấu, chữ số và - _ . / "
             "(ví dụ P01, NV)",
             "Dòng 2, cột Loại đơn vị: “Quận” không hợp lệ, chọn một trong: Cơ quan chuyên môn, "
             "Đơn vị sự nghiệp, Mặt trận - Đoàn thể, Tổ chức cơ sở Đảng, Phường, Khác"],
            id="bad-code-and-kind",
        ),
    ],
)
def test_bad_unit_file_is_rejected_with_exact_messages_and_nothing_written(
    seeded, tmp_path, rows, errors
):
    before = _dump(seeded)
    found = _rejected(lambda: import_units(seeded, _units_file(tmp_path, rows)))
    assert found == errors
    assert all(MESSAGE.match(e) for e in found)
    assert _dump(seeded) == before


def test_one_bad_row_among_good_rows_writes_none_of_them(seeded, tmp_path, today):
    before = _dump(seeded)
    rows = [_staff_row(code=f"CB{i:02d}", name="Nguyễn Văn An") for i in range(1, 6)]
    rows.insert(3, _staff_row(code="BAD", birth="31/02/2018"))
    found = _rejected(lambda: import_staff(seeded, _staff_file(tmp_path, rows), today))
    assert found == ["Dòng 5, cột Ngày sinh: ngày 31/02/2018 không tồn tại"]
    assert _dump(seeded) == before

    unit_rows = GOOD_UNITS + [["P09", "Phường 9", "Phường mới", "", ""]]
    found = _rejected(lambda: import_units(seeded, _units_file(tmp_path, unit_rows)))
    assert found == [
        "Dòng 5, cột Loại đơn vị: “Phường mới” không hợp lệ, chọn một trong: Cơ quan chuyên môn, "
        "Đơn vị sự nghiệp, Mặt trận - Đoàn thể, Tổ chức cơ sở Đảng, Phường, Khác"
    ]
    assert _dump(seeded) == before


def test_wrong_header_is_rejected(seeded, tmp_path, today):
    before = _dump(seeded)
    headers = list(STAFF_HEADERS)
    headers[2] = "Ngày tháng năm sinh"
    path = _xlsx(tmp_path / "sai.xlsx", headers + ["Ghi chú"], [_staff_row()])
    assert _rejected(lambda: import_staff(seeded, path, today)) == [
        "Dòng 1, cột Ngày sinh: tiêu đề ở cột C phải là “Ngày sinh”, tệp ghi “Ngày tháng năm sinh”",
        "Dòng 1, cột Ghi chú: cột thừa ở cột J, mẫu chỉ có 9 cột",
    ]
    assert _dump(seeded) == before


def test_missing_header_is_rejected(seeded, tmp_path):
    before = _dump(seeded)
    path = _xlsx(tmp_path / "thieu.xlsx", UNIT_HEADERS[:3], [["P05", "Phường 5", "Phường"]])
    assert _rejected(lambda: import_units(seeded, path)) == [
        "Dòng 1, cột Người đứng đầu: thiếu tiêu đề “Người đứng đầu” ở cột D",
        "Dòng 1, cột Chức vụ người đứng đầu: thiếu tiêu đề “Chức vụ người đứng đầu” ở cột E",
    ]
    assert _dump(seeded) == before


def test_staff_file_given_to_the_unit_importer_is_rejected_by_header(seeded, tmp_path):
    before = _dump(seeded)
    path = _staff_file(tmp_path, [_staff_row()])
    errors = _rejected(lambda: import_units(seeded, path))
    assert errors[0] == (
        "Dòng 1, cột Mã đơn vị: tiêu đề ở cột A phải là “Mã đơn vị”, tệp ghi “Mã cán bộ”"
    )
    assert all(MESSAGE.match(e) for e in errors)
    assert _dump(seeded) == before


def test_text_file_named_xlsx_is_rejected(seeded, tmp_path, today):
    before = _dump(seeded)
    path = tmp_path / "can_bo.xlsx"
    path.write_text("Mã cán bộ;Họ và tên\nCB01;Nguyễn Văn Ánh\n", encoding="utf-8")
    assert _rejected(lambda: import_staff(seeded, path, today)) == [
        "Tệp “can_bo.xlsx” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"
    ]
    assert _rejected(lambda: import_units(seeded, path)) == [
        "Tệp “can_bo.xlsx” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"
    ]
    assert _dump(seeded) == before


def test_missing_file_is_rejected(seeded, tmp_path):
    path = tmp_path / "khong_co.xlsx"
    assert _rejected(lambda: import_units(seeded, path)) == [f"Không tìm thấy tệp “{path}”"]


def test_sheet_of_100000_blank_rows_is_no_data(seeded, tmp_path, today):
    before = _dump(seeded)
    path = _staff_file(tmp_path, [], blank_rows=100_000)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len(grid) == 100_001 and grid[-1][0] == "   "
    assert _rejected(lambda: import_staff(seeded, path, today)) == [NO_DATA]
    assert _dump(seeded) == before


def test_many_errors_are_all_listed_but_the_message_is_capped(seeded, tmp_path, today):
    rows = [_staff_row(code=f"CB{i:04d}", unit="P99") for i in range(600)]
    with pytest.raises(ImportRejected) as caught:
        import_staff(seeded, _staff_file(tmp_path, rows), today)
    assert len(caught.value.errors) == 600
    assert caught.value.errors[-1] == (
        "Dòng 601, cột Mã đơn vị: không có đơn vị mã “P99” trong danh sách đơn vị"
    )
    assert str(caught.value).endswith("\n... và 100 lỗi khác")
