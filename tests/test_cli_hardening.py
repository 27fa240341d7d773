"""The command line never destroys a file, never converts a foreign database, respects the window's lock
and says what went wrong in Vietnamese (issue 12, items 2, 7, 8, 9)."""
import hashlib
import sqlite3

import openpyxl
import pytest

from models.store.failures import BUSY
from models.store.lock import HELD_ELSEWHERE
from tests.cli_helpers import (
    count, demo, dump, file_size_limit, hold_lock_in_another_process, make_demo, own_demo, read_only, release,  # noqa: F401
    rows, run,
)

FULL = ("Đĩa đầy (hoặc tệp vượt giới hạn kích thước cho phép): không ghi được “{}”. Hãy giải phóng chỗ trống "
        "trên đĩa rồi thử lại; dữ liệu đã có không bị thay đổi.")
FORCE_HINT = " Nếu chắc chắn muốn thay nó, thêm --force."


ADD_CAMPAIGN = ("campaign", "add", "--name", "Đợt mới", "--year", 2019, "--registration-deadline", "01/03/2019",
                "--report-deadline", "01/06/2019")


def _refused(result, message):
    """Exit 1, nothing on stdout, exactly ``message`` on stderr."""
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n"), result.args


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _report(db, out, *extra):
    return run("report", "initiatives", "--db", db, "--campaign", 1, "-o", out, *extra)


# --- item 2: output files --------------------------------------------------------------------------------

def test_a_report_never_overwrites_the_open_database_even_with_force(own_demo):
    before = dump(own_demo)
    for extra in ((), ("--force",)):
        _refused(_report(own_demo, own_demo, *extra), f"“{own_demo}” là cơ sở dữ liệu đang dùng; không ghi tệp PDF "
                 "đè lên nó (sẽ mất hết dữ liệu). Hãy chọn tên tệp khác.")
    assert dump(own_demo) == before


def test_another_database_or_a_file_of_another_kind_is_refused_unless_forced(demo, tmp_path):
    other = tmp_path / "khac.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    workbook = tmp_path / "bang.xlsx"
    openpyxl.Workbook().save(workbook)
    pdf = tmp_path / "bao-cao.pdf"
    assert _report(demo, pdf).returncode == 0
    notes = tmp_path / "ghi-chu.xlsx"
    notes.write_text("ghi chú", encoding="utf-8")
    cases = [
        (lambda *extra: _report(demo, other, *extra), other, "cơ sở dữ liệu", "tệp PDF"),
        (lambda *extra: _report(demo, workbook, *extra), workbook, "tệp Excel", "tệp PDF"),
        (lambda *extra: run("export", "units", pdf, "--db", demo, *extra), pdf, "tệp PDF", "tệp Excel"),
        (lambda *extra: run("template", "staff", "-o", pdf, *extra), pdf, "tệp PDF", "tệp Excel"),
        (lambda *extra: run("template", "units", notes, *extra), notes, "một tệp không phải tệp Excel", "tệp Excel"),
    ]
    for command, target, held, what in cases:
        before = _digest(target)
        result = command()
        assert (result.returncode, result.stdout) == (1, ""), target
        assert result.stderr == (f"Tệp “{target}” đã có và là {held}; không ghi {what} đè lên nó. Hãy chọn tên tệp "
                                 f"khác.{FORCE_HINT}\n")
        assert _digest(target) == before
    assert _report(demo, other, "--force").returncode == 0
    assert other.read_bytes().startswith(b"%PDF")


def test_an_earlier_file_of_the_same_kind_is_replaced(demo, tmp_path):
    pdf, workbook = tmp_path / "bao-cao.pdf", tmp_path / "don-vi.xlsx"
    pdf.write_bytes(b"%PDF-1.4 old")
    assert _report(demo, pdf).returncode == 0
    assert pdf.read_bytes() != b"%PDF-1.4 old" and pdf.read_bytes().startswith(b"%PDF")
    assert run("template", "units", workbook).returncode == 0
    result = run("export", "units", workbook, "--db", demo)
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(workbook).active.max_row == count(demo, "unit") + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf", "don-vi.xlsx"]  # no temporary file left


def test_a_write_that_fails_for_lack_of_space_leaves_the_old_file_whole(demo, tmp_path):
    out = tmp_path / "can-bo.xlsx"
    assert run("export", "units", out, "--db", demo).returncode == 0
    before = _digest(out)
    # Room for the database's shared-memory file (32 KB), not for the 600 people's workbook (~38 KB).
    _refused(run("export", "staff", out, "--db", demo, preexec_fn=file_size_limit(36_000)), FULL.format(out))
    assert _digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["can-bo.xlsx"]


# --- item 7: only TĐKT databases, created only when asked ----------------------------------------------

def test_a_foreign_sqlite_file_is_refused_by_every_command_and_left_untouched(tmp_path):
    path = tmp_path / "khac.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    before = _digest(path)
    message = ("Tệp “khac.sqlite3” là một cơ sở dữ liệu SQLite nhưng không phải của TĐKT; chương trình không mở "
               "nó (để không sửa gì trong đó). Hãy chọn đúng tệp cơ sở dữ liệu TĐKT.\n")
    units = run("template", "units", tmp_path / "don-vi.xlsx")
    assert units.returncode == 0
    for args in (("check", "--db", path), ("export", "units", tmp_path / "ra.xlsx", "--db", path),
                 ("import", "units", tmp_path / "don-vi.xlsx", "--db", path),
                 ("demo", "--db", path), ("campaign", "list", "--db", path)):
        result = run(*args)
        assert (result.returncode, result.stderr) == (1, message), args
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["don-vi.xlsx", "khac.sqlite3", "khac.sqlite3.lock"]


def test_a_database_of_a_newer_program_is_refused(own_demo, tmp_path):
    with sqlite3.connect(own_demo) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "SELECT migration_set, '0099_from_the_future', applied_at FROM _sqlite_migrations LIMIT 1")
    before = dump(own_demo)
    out = tmp_path / "don-vi.xlsx"
    assert run("export", "units", out, "--db", own_demo).returncode == 1
    result = run("import", "units", out, "--db", own_demo)
    assert result.returncode == 1
    assert "do một phiên bản mới hơn của chương trình tạo ra" in result.stderr
    assert dump(own_demo) == before


def test_init_creates_an_empty_database_and_never_overwrites(tmp_path):
    path = tmp_path / "moi" / "tdkt.sqlite3"
    missing = run("import", "units", tmp_path / "x.xlsx", "--db", path)
    assert (missing.returncode, missing.stderr) == (
        1, f"Không tìm thấy cơ sở dữ liệu “{path}”. Tạo cơ sở dữ liệu mới: python main.py init --db PATH\n")
    assert not path.parent.exists()
    backup = tmp_path / "sao-luu.sqlite3"
    assert run("init", "--db", backup).returncode == 0
    missing = run("restore", backup, "--db", path)  # restore needs the database it replaces
    assert (missing.returncode, missing.stderr) == (
        1, f"Không tìm thấy cơ sở dữ liệu “{path}”. Tạo cơ sở dữ liệu mới: python main.py init --db PATH\n")
    result = run("init", "--db", path)
    assert (result.returncode, result.stdout) == (0, f"Đã tạo cơ sở dữ liệu mới (trống): {path}\n")
    assert count(path, "unit") == 0 and count(path, "staff") == 0
    before = _digest(path)
    again = run("init", "--db", path)
    assert (again.returncode, again.stderr) == (
        1, f"Tệp “{path}” đã có; không tạo cơ sở dữ liệu mới đè lên nó. Hãy chọn tên tệp khác.\n")
    assert _digest(path) == before


# --- item 8: the window's lock ---------------------------------------------------------------------------

def test_writes_are_refused_while_another_program_holds_the_lock(own_demo, tmp_path):
    out = tmp_path / "don-vi.xlsx"
    assert run("export", "units", out, "--db", own_demo).returncode == 0
    book = openpyxl.load_workbook(out)
    book.active["B2"] = "Tên đổi khi cửa sổ đang mở"
    book.save(out)
    before = dump(own_demo)
    holder = hold_lock_in_another_process(own_demo)
    try:
        for args in (("import", "units", out, "--db", own_demo), ("restore", own_demo, "--db", own_demo),
                     (*ADD_CAMPAIGN, "--db", own_demo)):
            _refused(run(*args), HELD_ELSEWHERE)
        dry = run("import", "units", out, "--db", own_demo, "--dry-run")  # reading is allowed
        assert dry.returncode == 0 and "cập nhật 1" in dry.stdout
        assert dump(own_demo) == before
    finally:
        release(holder)
    result = run("import", "units", out, "--db", own_demo)
    assert result.returncode == 0, result.stderr
    assert rows(own_demo, "SELECT count(*) FROM unit WHERE name = 'Tên đổi khi cửa sổ đang mở'") == [(1,)]


def test_an_import_meeting_another_writer_says_so(own_demo, tmp_path):
    out = tmp_path / "don-vi.xlsx"
    assert run("export", "units", out, "--db", own_demo).returncode == 0
    other = sqlite3.connect(own_demo, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a writer that does not take the lock file (busy timeout: 5 s)
    try:
        result = run("import", "units", out, "--db", own_demo)
    finally:
        other.rollback()
        other.close()
    _refused(result, BUSY)


# --- item 9: no traceback -------------------------------------------------------------------------------

def test_a_full_disk_while_importing_is_said_and_nothing_is_written(own_demo, tmp_path):
    out = tmp_path / "can-bo.xlsx"
    assert run("export", "staff", out, "--db", own_demo).returncode == 0
    book = openpyxl.load_workbook(out)
    for row in book.active.iter_rows(min_row=2):
        row[1].value += " Mới"
    book.save(out)
    before = dump(own_demo)
    _refused(run("import", "staff", out, "--db", own_demo, preexec_fn=file_size_limit(60_000)), FULL.format(own_demo))
    assert dump(own_demo) == before


def test_a_read_only_database_file_is_named_as_such(own_demo):
    before = dump(own_demo)
    with read_only(own_demo):
        result = run(*ADD_CAMPAIGN, "--db", own_demo)
    _refused(result, f"Cơ sở dữ liệu “{own_demo}” chỉ cho đọc: không lưu được thay đổi. Hãy bỏ thuộc tính chỉ đọc "
                     "của tệp (hoặc chép nó sang một thư mục ghi được) rồi thử lại.")
    assert dump(own_demo) == before


def test_a_read_only_folder_is_named_as_such_not_as_a_damaged_database(demo, tmp_path):
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    db = make_demo(folder / "tdkt.sqlite3")
    message = (f"Thư mục “{folder}” chỉ cho đọc: chương trình cần ghi tệp tạm bên cạnh cơ sở dữ liệu. Hãy cấp quyền "
               "ghi cho thư mục (hoặc chép cơ sở dữ liệu sang thư mục khác) rồi thử lại.\n")
    with read_only(folder):
        exported = run("export", "units", tmp_path / "don-vi.xlsx", "--db", db)
        imported = run("import", "units", tmp_path / "don-vi.xlsx", "--db", db)
    assert (exported.returncode, exported.stderr) == (1, message)
    assert (imported.returncode, imported.stderr) == (1, message)


def test_a_unit_code_with_a_slash_gets_its_template_and_export(own_demo, tmp_path):
    with sqlite3.connect(own_demo) as conn:
        conn.execute("UPDATE unit SET code = 'P/17' WHERE code = 'P17'")
        conn.execute("UPDATE unit_quarter SET locked = 0 WHERE year = 2018 AND quarter = 3")
    template = tmp_path / "mau.xlsx"
    result = run("template", "classifications", template, "--db", own_demo, "--year", 2018, "--quarter", 3,
                 "--unit", "p/17")
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(template).active.title == "Đơn vị P\u221517"
    dry = run("import", "classifications", template, "--db", own_demo, "--dry-run")
    assert dry.returncode == 0, dry.stderr  # the sheet still names its unit
    assert "chạy thử" in dry.stdout and "giữ nguyên 21 dòng" in dry.stdout
    exported = tmp_path / "ket-qua.xlsx"
    result = run("export", "classifications", exported, "--db", own_demo, "--year", 2018, "--quarter", 3,
                 "--unit", "P/17")
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(exported).active.title == "Đơn vị P\u221517"


def test_an_empty_file_is_not_a_database_until_init_fills_it(tmp_path):
    path = tmp_path / "trong.sqlite3"
    path.write_bytes(b"")
    refused = f"Tệp “{path}” trống, chưa phải cơ sở dữ liệu TĐKT. Tạo cơ sở dữ liệu mới: python main.py init --db PATH\n"
    for command in (["check"], ["import", "units", tmp_path / "x.xlsx"], ["campaign", "list"]):
        result = run(*command, "--db", path)
        assert (result.returncode, result.stderr) == (1, refused), command
        assert path.read_bytes() == b""
    assert run("init", "--db", path).returncode == 0
    assert count(path, "unit") == 0
    assert run("check", "--db", path).returncode == 0


def test_a_database_is_not_restored_from_itself(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    assert run("init", "--db", path).returncode == 0
    before = path.read_bytes()
    result = run("restore", path, "--db", path)
    assert (result.returncode, result.stderr) == (1, f"“{path}” chính là cơ sở dữ liệu cần khôi phục; hãy chọn một "
                                                     "bản sao lưu (python main.py backup hoặc thư mục backups bên "
                                                     "cạnh cơ sở dữ liệu).\n")
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.nhat-ky-khoi-phuc.txt"))
