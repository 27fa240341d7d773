"""The command line for the quarterly classification: template (pre-filled per unit), import with
--dry-run, export; exit 0 / 1 (rejected, messages on stderr, nothing written) / 2 (usage)."""
import datetime as dt

import openpyxl

from models.quarters.classifications import Entry, lock_quarter, save_quarter
from models.common.codes import Gender, HeadLevel, StaffCategory, UnitKind
from models.store.db import connect
from models.quarters.imports_classifications import HEADERS
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit
from tests.cli_helpers import dump as _dump, rows, run, write_xlsx

TODAY = dt.date(2018, 12, 1)
P01 = [("CB01", "Nguyễn Văn An", True), ("CB02", "Trần Thị Bình", False), ("CB03", "Lê Văn Cường", False)]


def _rows(db):
    return rows(db, "SELECT s.code, u.code, c.year, c.quarter, c.level, c.reason, c.note FROM classification c "
                    "JOIN staff s ON s.id = c.staff_id JOIN unit u ON u.id = c.unit_id ORDER BY s.code")


def _district(tmp_path, lock_p01_q3=False):
    """A database file with P01 (three people) and P03 (one person)."""
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    units = {code: save_unit(db, Unit(code=code, name=name, kind=UnitKind.PHUONG)).id
             for code, name in (("P01", "Ủy ban nhân dân Phường 1"), ("P03", "Ủy ban nhân dân Phường 3"))}
    ids = {}
    for code, name, leader in P01 + [("CB11", "Ngô Văn Khánh", True)]:
        ids[code] = add_staff(db, Staff(
            code=code, full_name=name, gender=Gender.NU if "Thị" in name else Gender.NAM,
            category=StaffCategory.CONG_CHUC, unit_id=units["P03" if code == "CB11" else "P01"],
            is_leader=leader, recruited_on=dt.date(2010, 1, 1)), TODAY).id
    if lock_p01_q3:
        save_quarter(db, units["P01"], 2018, 3, [Entry(ids[c], HeadLevel.TOT) for c, _, _ in P01])
        lock_quarter(db, units["P01"], 2018, 3, dt.datetime(2018, 10, 20, 9, 0))
    db.close()
    return path


def _fill(path, levels):
    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows(min_row=2):
        row[4].value = levels[row[0].value]
    book.save(path)
    return path


def _xlsx(path, data, title="Sheet1"):
    return write_xlsx(path, HEADERS, data, title)


def test_template_writes_the_units_people_on_a_sheet_named_after_the_unit(tmp_path):
    db = _district(tmp_path)
    out = tmp_path / "mau_P01.xlsx"
    result = run("template", "classifications", out, "--db", db, "--year", 2018, "--quarter", 3, "--unit", "p01")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Đã ghi tệp mẫu (3 cán bộ): {out}\n"
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "Đơn vị P01"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [HEADERS] + [
        [code, name, 2018, 3, None, None, None] for code, name, _ in P01]


def test_template_then_dry_run_then_import_then_export_round_trip(tmp_path):
    db = _district(tmp_path)
    out = tmp_path / "mau_P01.xlsx"
    assert run("template", "classifications", out, "--db", db, "--year", 2018, "--quarter", 3,
               "--unit", "P01").returncode == 0
    _fill(out, {"CB01": "Hoàn thành xuất sắc nhiệm vụ", "CB02": "hoan thanh tot nhiem vu",
                "CB03": "HOÀN THÀNH NHIỆM VỤ"})
    before = _dump(db)
    dry = run("import", "classifications", out, "--db", db, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 3, cập nhật 0, giữ nguyên 0 dòng.\n"
    assert _dump(db) == before
    done = run("import", "classifications", out, "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Đã thêm 3, cập nhật 0, giữ nguyên 0 dòng.\n"
    assert _rows(db) == [("CB01", "P01", 2018, 3, "xuat_sac", None, ""), ("CB02", "P01", 2018, 3, "tot", None, ""),
                         ("CB03", "P01", 2018, 3, "hoan_thanh", None, "")]
    exported = tmp_path / "xuat_P01.xlsx"
    result = run("export", "classifications", exported, "--db", db, "--year", 2018, "--quarter", 3, "--unit", "P01")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Đã xuất 3 dòng ra {exported}\n"
    assert openpyxl.load_workbook(exported).active.title == "Đơn vị P01"
    after = _dump(db)
    again = run("import", "classifications", exported, "--db", db)
    assert (again.returncode, again.stdout) == (0, "Đã thêm 0, cập nhật 0, giữ nguyên 3 dòng.\n")
    assert _dump(db) == after


def test_export_without_a_unit_writes_every_unit_of_the_quarter(tmp_path):
    db = _district(tmp_path, lock_p01_q3=True)
    out = tmp_path / "quy3.xlsx"
    result = run("export", "classifications", out, "--db", db, "--year", 2018, "--quarter", 3)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Đã xuất 3 dòng ra {out}\n"
    assert openpyxl.load_workbook(out).active.title == "Quý 3-2018"


def test_a_rejected_import_exits_1_lists_every_error_on_stderr_and_writes_nothing(tmp_path):
    db = _district(tmp_path)
    bad = _xlsx(tmp_path / "sai.xlsx", [
        ["CB01", "Nguyễn Văn An", 2018, 3, "Xuất sắc", "", ""],
        ["CB11", "Ngô Văn Khánh", 2018, 5, "Hoàn thành tốt nhiệm vụ", "", ""],
        ["CB02", "Trần Thị Bình", 2018, 3, "Hoàn thành tốt nhiệm vụ", "", ""],
    ], title="Đơn vị P01")
    before = _dump(db)
    result = run("import", "classifications", bad, "--db", db)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu (2 lỗi):\n"
        "Dòng 2, cột Xếp loại: “Xuất sắc” không hợp lệ, chọn một trong: Hoàn thành xuất sắc nhiệm vụ, "
        "Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ, Không đánh giá\n"
        "Dòng 3, cột Quý: “5” không phải quý hợp lệ (1, 2, 3 hoặc 4)\n"
    )
    assert _dump(db) == before


def test_an_import_into_a_locked_quarter_exits_1_and_writes_nothing(tmp_path):
    db = _district(tmp_path, lock_p01_q3=True)
    path = _xlsx(tmp_path / "sua.xlsx", [["CB02", "Trần Thị Bình", 2018, 3, "Hoàn thành xuất sắc nhiệm vụ", "", ""]])
    before = _dump(db)
    for extra in ((), ("--dry-run",)):
        result = run("import", "classifications", path, "--db", db, *extra)
        assert result.returncode == 1
        assert result.stderr == (
            "Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu (1 lỗi):\n"
            "Dòng 2, cột Quý: kết quả quý 3/2018 của đơn vị P01 đã chốt, không nhập được\n")
    assert _dump(db) == before


def test_a_file_that_is_not_xlsx_is_rejected(tmp_path):
    db = _district(tmp_path)
    text = tmp_path / "ket_qua.txt"
    text.write_text("CB01;Nguyễn Văn An;2018;3;Hoàn thành tốt nhiệm vụ", encoding="utf-8")
    before = _dump(db)
    result = run("import", "classifications", text, "--db", db)
    assert result.returncode == 1
    assert result.stderr == (
        "Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu (1 lỗi):\n"
        "Tệp “ket_qua.txt” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được\n")
    assert _dump(db) == before
    missing = run("import", "classifications", tmp_path / "khong_co.xlsx", "--db", db)
    assert missing.returncode == 1
    assert f"Không tìm thấy tệp “{tmp_path / 'khong_co.xlsx'}”" in missing.stderr


def test_template_and_export_refusals_exit_1_with_the_message_and_write_no_file(tmp_path):
    db = _district(tmp_path)
    out = tmp_path / "mau.xlsx"
    cases = [
        (("template", "classifications", out, "--db", db, "--year", 2018, "--quarter", 3, "--unit", "ZZ"),
         "Không có đơn vị mã “ZZ”"),
        (("template", "classifications", out, "--db", db, "--year", 2018, "--quarter", 5, "--unit", "P01"),
         "Quý “5” không hợp lệ (chỉ có quý 1, 2, 3, 4)"),
        (("template", "classifications", out, "--db", db, "--year", 1999, "--quarter", 3, "--unit", "P01"),
         "Năm “1999” không hợp lệ (từ 2000 đến 2100)"),
        (("template", "classifications", out, "--db", db, "--year", 2018, "--quarter", 3),
         "Cần --unit MÃ_ĐƠN_VỊ"),
        (("template", "classifications", out, "--db", db, "--unit", "P01"), "Cần --year và --quarter"),
        (("template", "classifications", out, "--year", 2018, "--quarter", 3, "--unit", "P01"),
         "Cần --db PATH (tệp mẫu xếp loại điền sẵn cán bộ của đơn vị)"),
        (("template", "classifications", out, "--db", tmp_path / "khong_co.sqlite3", "--year", 2018,
          "--quarter", 3, "--unit", "P01"), f"Không tìm thấy cơ sở dữ liệu “{tmp_path / 'khong_co.sqlite3'}”. "
          "Tạo cơ sở dữ liệu mới: python main.py init --db PATH"),
        (("export", "classifications", out, "--db", db, "--year", 2018, "--quarter", 5),
         "Quý “5” không hợp lệ (chỉ có quý 1, 2, 3, 4)"),
        (("export", "classifications", out, "--db", db, "--year", 2018, "--quarter", 3, "--unit", "ZZ"),
         "Không có đơn vị mã “ZZ”"),
        (("export", "classifications", out, "--db", db), "Cần --year và --quarter"),
    ]
    before = _dump(db)
    for args, message in cases:
        result = run(*args)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n"), args
        assert not out.exists(), args
    assert _dump(db) == before
    assert not (tmp_path / "khong_co.sqlite3").exists()


def test_usage_errors_exit_2(tmp_path):
    db = _district(tmp_path)
    out = tmp_path / "mau.xlsx"
    for args in [
        ("template", "classifications", out, "--db", db, "--year", 2018, "--quarter", "ba", "--unit", "P01"),
        ("template", "classifications", out, "--db", db, "--year", "2018.5", "--quarter", 3, "--unit", "P01"),
        ("template", "classification", out, "--db", db, "--year", 2018, "--quarter", 3, "--unit", "P01"),
        ("template", "classifications"),
        ("import", "classifications", out),  # --db is required
        ("export", "classifications", "--db", db, "--year", 2018, "--quarter", 3),  # no output file
    ]:
        result = run(*args)
        assert result.returncode == 2, args
        assert "Lỗi cách dùng:" in result.stderr, args
        assert not out.exists(), args
