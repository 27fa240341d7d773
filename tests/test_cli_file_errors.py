"""Every file error of the command line is one Vietnamese sentence naming the cause and what to do: a
file-size limit or a full disk during backup and restore, a read-only database replaced by a restore, a
folder or nothing given as the database, a file standing where a folder is needed, an unwritable place
for a template (issue 12, item 9)."""
import shutil

from models.store.backup import backups_dir
from models.store.restore_log import restore_log_path
from tests.cli_helpers import count, demo, dump, file_size_limit, own_demo, read_only, run  # noqa: F401

NO_ROOM = ("ổ đĩa đã đầy (hoặc tệp vượt giới hạn kích thước cho phép). Hãy giải phóng chỗ trống trên ổ đĩa hoặc "
           "chọn thư mục ở ổ đĩa khác rồi thử lại.")
LIMIT = 1_000_000  # room for the lock, the shared-memory file and an empty database; not for the demo (1.7 MB)


def _refused(result, message):
    """Exit 1, nothing on stdout, exactly ``message`` on stderr."""
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n"), result.args


def _kept(db):
    """The safety copy the restore took of the database it was to replace."""
    (kept,) = backups_dir(db).glob("tdkt-*-truoc-khoi-phuc.sqlite3")
    return kept


def test_a_backup_stopped_by_the_file_size_limit_says_the_disk_is_full(demo, tmp_path):
    out = tmp_path / "sao-luu.sqlite3"
    result = run("backup", "--db", demo, "-o", out, preexec_fn=file_size_limit(LIMIT))
    _refused(result, f"Không ghi được bản sao lưu vào thư mục “{tmp_path}”: {NO_ROOM}")
    assert list(tmp_path.iterdir()) == []  # no partial copy left


def test_a_restore_whose_safety_copy_does_not_fit_says_so_and_leaves_no_log(demo, own_demo):
    before = dump(own_demo)
    result = run("restore", demo, "--db", own_demo, preexec_fn=file_size_limit(LIMIT))
    _refused(result, "Chưa khôi phục gì (dữ liệu hiện tại không thay đổi) vì không giữ được bản sao dữ liệu hiện "
                     f"tại: không ghi được bản sao lưu vào thư mục “{backups_dir(own_demo)}”: {NO_ROOM}")
    assert dump(own_demo) == before
    assert not restore_log_path(own_demo).exists()


def test_a_restore_that_does_not_fit_in_place_says_the_disk_is_full_and_leaves_no_log(demo, tmp_path):
    db = tmp_path / "tdkt.sqlite3"
    assert run("init", "--db", db).returncode == 0
    result = run("restore", demo, "--db", db, preexec_fn=file_size_limit(LIMIT))
    _refused(result, f"Không khôi phục được: đĩa đầy (hoặc tệp vượt giới hạn kích thước cho phép): không ghi được "
                     f"“{db}”. Hãy giải phóng chỗ trống trên đĩa rồi thử lại; dữ liệu đã có không bị thay đổi. Dữ "
                     f"liệu hiện tại không thay đổi; dữ liệu trước khi khôi phục được giữ ở “{_kept(db)}”.")
    assert count(db, "unit") == 0
    assert not restore_log_path(db).exists()


def test_a_restore_onto_a_read_only_database_file_says_so_in_vietnamese(demo, own_demo, tmp_path):
    older = tmp_path / "cu.sqlite3"
    shutil.copy(demo, older)
    before = dump(own_demo)
    with read_only(own_demo):
        result = run("restore", older, "--db", own_demo)
    _refused(result, f"Không khôi phục được: cơ sở dữ liệu “{own_demo}” chỉ cho đọc: không lưu được thay đổi. Hãy "
                     "bỏ thuộc tính chỉ đọc của tệp (hoặc chép nó sang một thư mục ghi được) rồi thử lại. Dữ liệu "
                     f"hiện tại không thay đổi; dữ liệu trước khi khôi phục được giữ ở “{_kept(own_demo)}”.")
    assert dump(own_demo) == before
    assert not restore_log_path(own_demo).exists()


def test_a_folder_or_nothing_given_as_the_database_is_named_as_such(tmp_path):
    folder = tmp_path / "tdkt.sqlite3"
    folder.mkdir()
    _refused(run("check", "--db", folder), f"“{folder}” là một thư mục, không phải tệp cơ sở dữ liệu. Hãy ghi đường "
                                           "dẫn tới tệp cơ sở dữ liệu (ví dụ “…/tdkt.sqlite3”) rồi thử lại.")
    _refused(run("check", "--db", ""),
             "Chưa ghi đường dẫn tới tệp cơ sở dữ liệu (--db trống). Hãy ghi đường dẫn tới một tệp, ví dụ --db "
             "tdkt.sqlite3, rồi thử lại.")


def test_a_file_where_a_folder_is_needed_is_named(tmp_path):
    (tmp_path / "t.txt").write_text("ghi chú", encoding="utf-8")
    _refused(run("init", "--db", tmp_path / "t.txt" / "x.sqlite3"),
             f"“t.txt” ({tmp_path / 't.txt'}) là một tệp, không phải thư mục: không tạo được “x.sqlite3” trong đó. "
             "Hãy chọn thư mục khác (hoặc đổi tên tệp đó) rồi thử lại.")
    _refused(run("template", "units", "-o", tmp_path / "t.txt" / "don-vi.xlsx"),
             f"“t.txt” ({tmp_path / 't.txt'}) là một tệp, không phải thư mục: không tạo được “don-vi.xlsx” trong đó. "
             "Hãy chọn thư mục khác (hoặc đổi tên tệp đó) rồi thử lại.")
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == "ghi chú"


def test_an_unwritable_place_is_named_by_the_file_asked_for_not_the_temporary_one(tmp_path):
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    target = folder / "don-vi.xlsx"
    with read_only(folder):
        result = run("template", "units", "-o", target)
    _refused(result, f"Không có quyền ghi/đọc “{target}”. Hãy cấp quyền (bỏ thuộc tính chỉ đọc) hoặc chọn nơi khác "
                     "rồi thử lại.")
    assert list(folder.iterdir()) == []


def test_an_output_named_as_another_kind_of_document_is_refused_and_nothing_written(demo, tmp_path):  # noqa: F811
    _refused(run("report", "due", "--db", demo, "--year", "2018", "-o", tmp_path / "den-han.xlsx"),
             "Tệp ra “den-han.xlsx” có đuôi .xlsx nhưng lệnh này ghi tệp PDF: hãy đặt tên tệp đuôi .pdf.")
    _refused(run("report", "statistics", "--db", demo, "--year", "2018", "-o", tmp_path / "thong-ke.docx"),
             "Tệp ra “thong-ke.docx” có đuôi .docx nhưng lệnh này ghi tệp PDF: hãy đặt tên tệp đuôi .pdf (báo cáo "
             "có biểu đồ) hoặc .xlsx (chỉ số liệu).")
    _refused(run("export", "awards", tmp_path / "so-khen-thuong.pdf", "--db", demo),
             "Tệp ra “so-khen-thuong.pdf” có đuôi .pdf nhưng lệnh này ghi tệp Excel: hãy đặt tên tệp đuôi .xlsx.")
    _refused(run("template", "ratings", tmp_path / "mau.xls"),
             "Tệp ra “mau.xls” có đuôi .xls nhưng lệnh này ghi tệp Excel: hãy đặt tên tệp đuôi .xlsx.")
    assert list(tmp_path.iterdir()) == []
    assert run("report", "due", "--db", demo, "--year", "2018", "-o", tmp_path / "DEN-HAN.PDF").returncode == 0
