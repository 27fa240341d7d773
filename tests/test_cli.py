"""The command line: same functions as the GUI, exit 0 / 1 (rejected) / 2 (usage)."""
import openpyxl

from models.people.imports import STAFF_HEADERS, UNIT_HEADERS
from tests.cli_helpers import count as _count, make_demo, run


def test_demo_creates_the_sample_database(tmp_path):
    db = tmp_path / "demo.sqlite3"
    result = run("demo", "--db", db)
    assert result.returncode == 0, result.stderr
    assert _count(db, "unit") >= 35
    assert 580 <= _count(db, "staff") <= 620
    again = run("demo", "--db", db)
    assert again.returncode == 1
    assert "chỉ tạo dữ liệu mẫu trong một tệp mới" in again.stderr


def test_demo_sample_2026_creates_the_ward_after_the_merger(tmp_path):
    db = tmp_path / "ward.sqlite3"
    result = run("demo", "--db", db, "--sample", "2026")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Đã tạo cơ sở dữ liệu mẫu: {db}\n"
    assert (_count(db, "unit"), _count(db, "staff"), _count(db, "unit_succession")) == (25, 300, 12)
    wrong = run("demo", "--db", tmp_path / "x.sqlite3", "--sample", "2019")
    assert wrong.returncode == 2 and "invalid choice: '2019'" in wrong.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_template_writes_the_exact_headers(tmp_path):
    for kind, headers in (("units", UNIT_HEADERS), ("staff", STAFF_HEADERS)):
        out = tmp_path / f"{kind}.xlsx"
        assert run("template", kind, out).returncode == 0
        sheet = openpyxl.load_workbook(out).active
        assert [c.value for c in sheet[1]] == headers


def test_export_then_dry_run_then_import_round_trip(tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    out = tmp_path / "staff.xlsx"
    result = run("export", "staff", out, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Đã xuất" in result.stdout
    dry = run("import", "staff", out, "--db", db, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "chạy thử" in dry.stdout and "thêm 0, cập nhật 0" in dry.stdout


def test_a_rejected_import_exits_1_lists_errors_on_stderr_and_writes_nothing(tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    before = _count(db, "staff")
    book = openpyxl.Workbook()
    book.active.append(STAFF_HEADERS)
    book.active.append(["X1", "Nguyễn Văn Mới", "31/02/1990", "Nam", "KHONGCO", "", "Công chức", "Không", ""])
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    result = run("import", "staff", bad, "--db", db)
    assert result.returncode == 1
    assert "Dòng 2, cột Ngày sinh: ngày 31/02/1990 không tồn tại" in result.stderr
    assert "Dòng 2, cột Mã đơn vị: không có đơn vị mã “KHONGCO”" in result.stderr
    assert _count(db, "staff") == before


def test_a_file_that_is_not_xlsx_is_rejected(tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    fake = tmp_path / "units.xlsx"
    fake.write_text("Mã đơn vị;Tên đơn vị\n", encoding="utf-8")
    result = run("import", "units", fake, "--db", db)
    assert result.returncode == 1
    assert "không phải tệp Excel .xlsx" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("import", "nothing", "x.xlsx", "--db", tmp_path / "a.sqlite3").returncode == 2
    assert run("export", "units").returncode == 2
    result = run("frobnicate")
    assert result.returncode == 2
    assert "Lỗi cách dùng" in result.stderr


def test_screenshots_saves_one_png_per_main_screen(tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    result = run("--db", db, "--screenshots", tmp_path / "shots")
    assert result.returncode == 0, result.stderr
    pngs = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert pngs == ["01-don-vi.png", "02-can-bo.png", "03-phong-trao-thi-dua.png", "04-nguoi-dung-dau.png",
                     "05-xep-loai-quy.png", "06-tong-hop-quy.png", "07-tong-ket-thi-dua.png",
                     "08-danh-hieu-cuoi-nam.png", "09-quy-dinh-ap-dung.png", "10-xep-loai-cuoi-nam.png",
                     "11-so-khen-thuong.png", "12-den-han-khen-thuong.png", "13-thong-ke.png", "14-ky-luat.png",
                     "15-nhat-ky.png"]
    assert all((tmp_path / "shots" / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_main_py_holds_no_sql_and_dispatches_through_one_table():
    import re

    import main
    from tests.cli_helpers import ROOT

    for path in (ROOT / "main.py", *sorted((ROOT / "cli").glob("*.py"))):  # the command line's parts too
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b", source), path.name
    commands = {c for c, _ in main.HANDLERS}
    assert commands == {"demo", "init", "template", "import", "export", "campaign", "report", "backup", "restore",
                        "check", "propose", "unit"}  # propose: the yearly ratings from the quarters (issue 14)
    for command in ("template", "import", "export"):
        assert {k for c, k in main.HANDLERS if c == command} == set(main.KINDS)
    assert {k for c, k in main.HANDLERS if c == "report"} == set(main.REPORT_KINDS)


def _without_display():
    import os

    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def test_the_window_without_a_display_says_so_in_one_sentence(tmp_path):
    import subprocess
    import sys

    from tests.cli_helpers import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "x.sqlite3")],
                            capture_output=True, text=True, env=_without_display(), cwd=ROOT, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("Không tìm thấy màn hình để mở cửa sổ chương trình")
    assert not (tmp_path / "x.sqlite3").exists()


def test_screenshots_work_without_a_display(tmp_path):
    import subprocess
    import sys

    from tests.cli_helpers import ROOT

    db = make_demo(tmp_path / "demo.sqlite3")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "--screenshots",
                             str(tmp_path / "anh")], capture_output=True, text=True, env=_without_display(),
                            cwd=ROOT, timeout=180)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "anh").glob("*.png"))) == 15


def test_the_help_of_each_command_names_the_database_as_path_not_an_internal_name():
    for command in ("import", "export", "report", "restore", "template"):
        result = run(command, "--help")
        assert result.returncode == 0, result.stderr
        assert "SUB_DB" not in result.stdout and "CAMPAIGN " not in result.stdout
    assert "--db PATH" in run("report", "--help").stdout
    assert "FILE.xlsx             tệp Excel đọc vào" in run("import", "--help").stdout
