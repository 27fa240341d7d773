"""The command line for disciplinary decisions: template, import, export; exit 0 / 1 (rejected) / 2 (usage)."""
import datetime as dt

import openpyxl

from models.common.codes import Gender, StaffCategory, UnitKind
from models.store.db import connect
from models.people.imports_discipline import HEADERS
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit
from tests.cli_helpers import rows, run, write_xlsx



def _rows(db):
    return rows(db, "SELECT s.code, d.form, d.decision_number, d.decision_date, d.effective_year, d.note "
                    "FROM discipline d JOIN staff s ON s.id = d.staff_id ORDER BY d.id")


def _council(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    unit = save_unit(db, Unit(code="P01", name="Ủy ban nhân dân Phường 1", kind=UnitKind.PHUONG)).id
    for code, name in (("CB01", "Nguyễn Văn An"), ("CB02", "Trần Thị Bình")):
        add_staff(db, Staff(code=code, full_name=name, gender=Gender.NAM, category=StaffCategory.CONG_CHUC,
                            unit_id=unit), dt.date(2018, 1, 1))
    db.close()
    return path


def _xlsx(path, data, headers=HEADERS):
    return write_xlsx(path, headers, data)


def test_template_writes_the_exact_headers_with_o_or_a_plain_path(tmp_path):
    for args in (("-o", tmp_path / "a.xlsx"), (tmp_path / "b.xlsx",)):
        result = run("template", "discipline", *args)
        assert result.returncode == 0, result.stderr
        out = args[-1]
        assert result.stdout == f"Đã ghi tệp mẫu: {out}\n"
        sheet = openpyxl.load_workbook(out).active
        assert [c.value for c in sheet[1]] == HEADERS
        assert sheet.max_row == 1


def test_import_adds_the_decisions_then_updates_instead_of_duplicating(tmp_path):
    db = _council(tmp_path)
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "", "Vi phạm giờ giấc"],
        ["CB02", "Cảnh cáo", "45/QĐ-UBND", "20/12/2018", 2019, ""],
    ])
    dry = run("import", "discipline", "--db", db, path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 2, cập nhật 0, giữ nguyên 0 dòng.\n"
    assert _rows(db) == []
    result = run("import", "discipline", "--db", db, path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Đã thêm 2, cập nhật 0, giữ nguyên 0 dòng.\n"
    assert _rows(db) == [
        ("CB01", "khien_trach", "12/QĐ-UBND", "2018-05-10", 2018, "Vi phạm giờ giấc"),
        ("CB02", "canh_cao", "45/QĐ-UBND", "2018-12-20", 2019, ""),
    ]
    _xlsx(path, [["CB01", "Cảnh cáo", "12/QĐ-UBND", "10/05/2018", "", "Vi phạm giờ giấc"]])
    again = run("import", "discipline", path, "--db", db)
    assert again.stdout == "Đã thêm 0, cập nhật 1, giữ nguyên 0 dòng.\n"
    assert _rows(db)[0] == ("CB01", "canh_cao", "12/QĐ-UBND", "2018-05-10", 2018, "Vi phạm giờ giấc")
    assert len(_rows(db)) == 2


def test_a_rejected_file_exits_1_with_every_error_and_writes_nothing(tmp_path):
    db = _council(tmp_path)
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "", ""],
        ["CB09", "Kỷ luật", "13/QĐ-UBND", "32/05/2018", "", ""],
    ])
    result = run("import", "discipline", "--db", db, path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu (3 lỗi):",
        "Dòng 3, cột Mã cán bộ: không có cán bộ mã “CB09”",
        "Dòng 3, cột Hình thức kỷ luật: “Kỷ luật” không hợp lệ, chọn một trong: Khiển trách, Cảnh cáo, "
        "Hạ bậc lương, Giáng chức, Cách chức, Buộc thôi việc",
        "Dòng 3, cột Ngày quyết định: ngày 32/05/2018 không tồn tại",
    ]
    assert _rows(db) == []


def test_export_then_import_changes_nothing(tmp_path):
    db = _council(tmp_path)
    path = _xlsx(tmp_path / "ky_luat.xlsx", [
        ["CB01", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "", "Vi phạm giờ giấc"],
        ["CB02", "Giáng chức", "45/QĐ-UBND", "20/12/2018", 2019, ""],
    ])
    assert run("import", "discipline", "--db", db, path).returncode == 0
    out = tmp_path / "xuat.xlsx"
    exported = run("export", "discipline", "--db", db, "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"Đã xuất 2 dòng ra {out}\n"
    again = run("import", "discipline", "--db", db, out)
    assert again.stdout == "Đã thêm 0, cập nhật 0, giữ nguyên 2 dòng.\n"
    one_year = run("export", "discipline", tmp_path / "2019.xlsx", "--db", db, "--year", 2019)
    assert one_year.stdout == f"Đã xuất 1 dòng ra {tmp_path / '2019.xlsx'}\n"
    assert [c.value for c in openpyxl.load_workbook(tmp_path / "2019.xlsx").active[2]][:3] == [
        "CB02", "Giáng chức", "45/QĐ-UBND"]


def test_usage_errors_exit_2(tmp_path):
    db = _council(tmp_path)
    missing = run("export", "discipline", "--db", db)
    assert missing.returncode == 2
    assert "Lỗi cách dùng: cần tệp ghi ra: OUT.xlsx hoặc -o OUT.xlsx" in missing.stderr
    both = run("export", "discipline", tmp_path / "a.xlsx", "--db", db, "-o", tmp_path / "b.xlsx")
    assert both.returncode == 2
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "b.xlsx").exists()
    assert run("import", "discipline", "--db", db).returncode == 2
