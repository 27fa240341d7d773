"""The command line for the yearly quality rating (issue #14): template, import (--dry-run), export
--year, and the proposal from the quarters (printed; written only with --apply)."""
import openpyxl

from models.common.codes import Level
from models.quarters.imports_ratings import HEADERS
from models.quarters.ratings import set_rating
from models.store.db import connect
from tests.cli_helpers import dump, rows, run, write_xlsx
from tests.models.titles_data import TOT, TS, XS, team, unit

RATINGS = "SELECT s.code, r.year, r.level, r.note FROM yearly_rating r JOIN staff s ON s.id = r.staff_id ORDER BY s.code"


def _district(tmp_path):
    """Phường 1: CB0001 (XS, TOT, XS), CB0002 (TOT x3, rated XS already), CB0003 (maternity all year)."""
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    team(db, unit(db, "P1", "Phường 1"), [(XS, TOT, XS), (TOT, TOT, TOT), (TS, TS, TS)])
    set_rating(db, 2, 2018, Level.XUAT_SAC, "Hội đồng xét")
    db.close()
    return path


def test_template_import_dry_run_and_export(tmp_path):
    db = _district(tmp_path)
    result = run("template", "ratings", tmp_path / "mau.xlsx")
    assert result.returncode == 0, result.stderr
    assert [c.value for c in openpyxl.load_workbook(tmp_path / "mau.xlsx").active[1]] == HEADERS
    path = write_xlsx(tmp_path / "nhap.xlsx", HEADERS, [["CB0001", "Nguyễn Văn An", 2018, "HTTNV", "Đạt"]])
    result = run("import", "ratings", path, "--db", db, "--dry-run")
    assert (result.returncode, result.stdout) == (0, "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 1, cập nhật 0, "
                                                     "giữ nguyên 0 dòng.\n")
    assert rows(db, RATINGS) == [("CB0002", 2018, "xuat_sac", "Hội đồng xét")]
    result = run("import", "ratings", path, "--db", db)
    assert (result.returncode, result.stdout) == (0, "Đã thêm 1, cập nhật 0, giữ nguyên 0 dòng.\n")
    result = run("export", "ratings", tmp_path / "ra.xlsx", "--db", db, "--year", 2018)
    assert (result.returncode, result.stdout) == (0, f"Đã xuất 2 dòng ra {tmp_path / 'ra.xlsx'}\n")
    assert [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "ra.xlsx").active.iter_rows()][1:] == [
        ["CB0001", "Nguyễn Văn An", 2018, "Hoàn thành tốt nhiệm vụ", "Đạt"],
        ["CB0002", "Nguyễn Văn Bình", 2018, "Hoàn thành xuất sắc nhiệm vụ", "Hội đồng xét"],
    ]


def test_a_bad_file_is_refused_with_its_rows_and_nothing_written(tmp_path):
    db = _district(tmp_path)
    before = dump(db)
    path = write_xlsx(tmp_path / "sai.xlsx", HEADERS, [["CB0001", "Nguyễn Văn Anh", 2018, "Tốt", ""]])
    result = run("import", "ratings", path, "--db", db)
    assert result.returncode == 1
    assert result.stderr == (
        "Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu (2 lỗi):\n"
        "Dòng 2, cột Họ và tên: “Nguyễn Văn Anh” không khớp với mã CB0001 (“Nguyễn Văn An”)\n"
        "Dòng 2, cột Xếp loại cuối năm: “Tốt” không hợp lệ, chọn một trong: Hoàn thành xuất sắc nhiệm vụ (HTXSNV), "
        "Hoàn thành tốt nhiệm vụ (HTTNV), Hoàn thành nhiệm vụ (HTNV), Không hoàn thành nhiệm vụ (KHTNV)\n")
    assert dump(db) == before
    result = run("export", "ratings", tmp_path / "ra.xlsx", "--db", db)
    assert (result.returncode, result.stderr) == (1, "Cần --year NĂM (năm xếp loại cuối năm)\n")


def test_the_proposal_is_printed_and_written_only_when_asked(tmp_path):
    db = _district(tmp_path)
    before = dump(db)
    result = run("propose", "ratings", "--db", db, "--year", 2018)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "CB0001\tNguyễn Văn An\tP1\tQ2 HTXSNV · Q3 HTTNV · Q4 HTXSNV\tHoàn thành tốt nhiệm vụ\tChưa có xếp loại: sẽ ghi",
        "CB0002\tNguyễn Văn Bình\tP1\tQ2 HTTNV · Q3 HTTNV · Q4 HTTNV\tHoàn thành tốt nhiệm vụ\t"
        "Đã có Hoàn thành xuất sắc nhiệm vụ: chỉ thay khi đồng ý",
        "CB0003\tNguyễn Văn Chi\tP1\tQ2 KĐG · Q3 KĐG · Q4 KĐG\t-\tKhông có quý nào được xếp loại: không đề xuất",
        "Quy tắc đề xuất: mức thấp nhất trong các quý đã xếp loại của năm (quý “Không đánh giá” không tính). "
        "Sẽ ghi 1 người chưa có xếp loại; 1 người đã có xếp loại khác đề xuất (chỉ thay khi đồng ý); "
        "1 người không có quý nào được xếp loại.",
        "Chưa ghi gì. Thêm --apply để ghi các đề xuất cho người chưa có xếp loại (thêm --replace để thay cả "
        "xếp loại đã có khác đề xuất).",
    ]
    assert dump(db) == before
    result = run("propose", "ratings", "--db", db, "--year", 2018, "--apply")
    assert result.stdout.splitlines()[-1] == "Đã ghi 1 xếp loại cuối năm năm 2018."
    assert rows(db, RATINGS) == [("CB0001", 2018, "tot", "Đề xuất từ kết quả xếp loại các quý"),
                                 ("CB0002", 2018, "xuat_sac", "Hội đồng xét")]
    result = run("propose", "ratings", "--db", db, "--year", 2018, "--apply", "--replace")
    assert result.stdout.splitlines()[-1] == "Đã ghi 1 xếp loại cuối năm năm 2018."
    assert rows(db, RATINGS)[1] == ("CB0002", 2018, "tot", "Hội đồng xét")
