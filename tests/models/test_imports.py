"""Importing units and staff from xlsx: the templates, good imports, re-imports that update, dry runs, moves."""
import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from models.exports import write_template
from models.people.imports import ImportResult, import_staff, import_units
from models.people.staff import unit_history

from .imports_data import GOOD_UNITS, STAFF_HEADERS, UNIT_HEADERS, _dump, _staff_file, _staff_row, _units_file
from .imports_data import seeded, template_rows  # noqa: F401  (seeded is a fixture)


# --- templates ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, headers", [("units", UNIT_HEADERS), ("staff", STAFF_HEADERS)])
def test_template_has_exactly_the_import_headers(tmp_path, kind, headers):
    assert template_rows(tmp_path, kind) == [headers]


def test_unit_template_offers_the_unit_kinds_as_a_drop_down(tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template("units", path)
    rules = load_workbook(path).active.data_validations.dataValidation
    assert [(r.formula1, str(r.sqref)) for r in rules] == [
        ('"Cơ quan chuyên môn,Trung tâm Phục vụ hành chính công,Đơn vị sự nghiệp,Trường học,Trạm y tế,'
         'Mặt trận - Đoàn thể,Tổ chức cơ sở Đảng,Phường,Khu phố - Ấp,Khác"', "C2:C1000")
    ]


def test_template_of_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError, match="Loại dữ liệu không biết: x"):
        write_template("x", tmp_path / "x.xlsx")


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


def test_unit_import_warns_of_a_name_another_code_already_has(db, tmp_path):
    import_units(db, _units_file(tmp_path, GOOD_UNITS))
    rows = [["NV2", "phòng nội VỤ", "Cơ quan chuyên môn", "", ""], ["TP", "Phòng Tư pháp", "Cơ quan chuyên môn", "", ""]]
    result = import_units(db, _units_file(tmp_path, rows, name="b.xlsx"))
    assert result.added == 2  # legal: two units may share a name (a new one after a merger)
    assert result.warnings == (
        "Dòng 2: tên đơn vị “phòng nội VỤ” trùng với đơn vị mã NV; "
        "hãy kiểm tra lại nếu đây không phải hai đơn vị khác nhau",
    )
    assert "Lưu ý:\nDòng 2: tên đơn vị “phòng nội VỤ” trùng với đơn vị mã NV" in result.summary()


def test_unit_import_warns_of_two_rows_of_one_name_and_again_while_both_exist(db, tmp_path):
    rows = GOOD_UNITS + [["P1", "Phường 1", "Phường", "", ""]]
    result = import_units(db, _units_file(tmp_path, rows))
    assert [w.split(":")[0] for w in result.warnings] == ["Dòng 2", "Dòng 5"]
    assert import_units(db, _units_file(tmp_path, GOOD_UNITS, name="b.xlsx")).warnings == (
        "Dòng 2: tên đơn vị “Phường 1” trùng với đơn vị mã P1; "
        "hãy kiểm tra lại nếu đây không phải hai đơn vị khác nhau",
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


def test_data_followed_by_many_empty_rows_is_accepted(seeded, tmp_path, today):
    path = _staff_file(
        tmp_path, [_staff_row(), _staff_row(code="CB02", name="Lê Thị Bình")], blank_rows=20_000
    )
    assert import_staff(seeded, path, today) == ImportResult(added=2, updated=0, unchanged=0)
    assert seeded.execute("SELECT count(*) FROM staff").fetchone() == (3,)
