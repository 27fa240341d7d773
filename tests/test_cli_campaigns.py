"""The command line for campaigns, initiatives and head evaluations: exit 0 / 1 (rejected) / 2 (usage)."""
import openpyxl

from models.common.codes import UnitKind
from models.store.db import connect
from models.campaigns.imports_campaigns import HEAD_HEADERS, INITIATIVE_HEADERS
from models.people.units import Unit, save_unit
from tests.cli_helpers import rows as _rows, run, write_xlsx as _xlsx

NAME = "Đợt thi đua cao điểm về Cải cách hành chính"


def _council(tmp_path):
    """A database file with three units and no campaign."""
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    for code, name in (("P01", "Ủy ban nhân dân Phường 1"), ("P03", "Ủy ban nhân dân Phường 3"),
                       ("NV", "Phòng Nội vụ")):
        save_unit(db, Unit(code=code, name=name, kind=UnitKind.PHUONG))
    db.close()
    return path


def _import_initiatives(tmp_path, data, campaign=1):
    """A council with one campaign, then ``import initiatives`` of ``data``: (the database, the result)."""
    db = _council(tmp_path)
    assert _add_campaign(db).returncode == 0
    path = _xlsx(tmp_path / "mo_hinh.xlsx", INITIATIVE_HEADERS, data)
    return db, run("import", "initiatives", path, "--db", db, "--campaign", campaign)


def _import_heads(tmp_path, data):
    db = _council(tmp_path)
    path = _xlsx(tmp_path / "nguoi_dung_dau.xlsx", HEAD_HEADERS, data)
    return db, run("import", "heads", path, "--db", db)


def _add_campaign(db, *extra):
    return run("campaign", "add", "--db", db, "--name", NAME, "--year", 2018, "--start", "02/11/2018",
               "--registration-deadline", "03/11/2018", "--report-deadline", "27/01/2019", *extra)


def test_campaign_add_prints_the_new_id_and_list_prints_id_year_name(tmp_path):
    db = _council(tmp_path)
    first = _add_campaign(db)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "1\n"
    second = run("campaign", "add", "--db", db, "--name", "Phong trào thi đua năm 2019", "--year", 2019,
                 "--start", "01/02/2019", "--registration-deadline", "01/03/2019",
                 "--report-deadline", "30/11/2019")
    assert second.stdout == "2\n"
    listed = run("campaign", "list", "--db", db)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == f"2\t2019\tPhong trào thi đua năm 2019\n1\t2018\t{NAME}\n"
    assert _rows(db, "SELECT start_date, registration_deadline, report_deadline FROM campaign WHERE id = 1") == [
        ("2018-11-02", "2018-11-03", "2019-01-27")
    ]
    assert _rows(db, "SELECT count(*) FROM campaign_unit WHERE campaign_id = 1") == [(3,)]


def test_campaign_add_deadline_day_counts_yes_by_default_no_for_before_the_day(tmp_path):
    """Issue 13: "chậm nhất ngày X" (yes, the default, as before) or "trước ngày X" (no)."""
    db = _council(tmp_path)
    assert _add_campaign(db).returncode == 0
    assert _add_campaign(db, "--deadline-day-counts", "no").returncode == 0
    assert _add_campaign(db, "--deadline-day-counts", "yes").returncode == 0
    assert _rows(db, "SELECT id, deadline_day_counts FROM campaign ORDER BY id") == [(1, 1), (2, 0), (3, 1)]
    wrong = _add_campaign(db, "--deadline-day-counts", "maybe")
    assert wrong.returncode == 2 and "--deadline-day-counts" in wrong.stderr
    assert "--deadline-day-counts {yes,no}" in run("campaign", "add", "--help").stdout


def test_campaign_add_without_start_starts_on_the_registration_deadline_when_it_has_passed(tmp_path):
    db = _council(tmp_path)
    result = run("campaign", "add", "--db", db, "--name", NAME, "--year", 2018,
                 "--registration-deadline", "03/11/2018", "--report-deadline", "27/01/2019")
    assert result.returncode == 0, result.stderr
    assert _rows(db, "SELECT start_date FROM campaign") == [("2018-11-03",)]


def test_campaign_add_with_a_deadline_before_the_start_exits_1_and_writes_nothing(tmp_path):
    db = _council(tmp_path)
    result = run("campaign", "add", "--db", db, "--name", NAME, "--year", 2018, "--start", "05/11/2018",
                 "--registration-deadline", "03/11/2018", "--report-deadline", "27/01/2019")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "Hạn đăng ký: Hạn đăng ký phải từ ngày bắt đầu (05/11/2018) trở đi"
    assert _rows(db, "SELECT count(*) FROM campaign") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM campaign_unit") == [(0,)]


def test_campaign_add_with_an_impossible_date_exits_1(tmp_path):
    db = _council(tmp_path)
    result = run("campaign", "add", "--db", db, "--name", NAME, "--year", 2018,
                 "--registration-deadline", "31/02/2018", "--report-deadline", "27/01/2019")
    assert result.returncode == 1
    assert "--registration-deadline: ngày 31/02/2018 không tồn tại" in result.stderr
    assert _rows(db, "SELECT count(*) FROM campaign") == [(0,)]


def test_campaign_commands_on_a_missing_database_exit_1(tmp_path):
    result = run("campaign", "list", "--db", tmp_path / "khong_co.sqlite3")
    assert result.returncode == 1
    assert "Không tìm thấy cơ sở dữ liệu" in result.stderr
    assert not (tmp_path / "khong_co.sqlite3").exists()


def test_campaign_usage_errors_exit_2(tmp_path):
    db = _council(tmp_path)
    assert run("campaign", "--db", db).returncode == 2
    assert run("campaign", "add", "--db", db, "--name", NAME).returncode == 2
    assert run("campaign", "add", "--db", db, "--name", NAME, "--year", "hai nghìn",
               "--registration-deadline", "03/11/2018", "--report-deadline", "27/01/2019").returncode == 2


def test_template_writes_the_exact_headers(tmp_path):
    for kind, headers in (("initiatives", [*INITIATIVE_HEADERS, "Tác giả"]), ("heads", [*HEAD_HEADERS, "Ngày quyết định"])):
        out = tmp_path / f"{kind}.xlsx"
        result = run("template", kind, out)
        assert result.returncode == 0, result.stderr
        sheet = openpyxl.load_workbook(out).active
        assert [c.value for c in sheet[1]] == headers
        assert sheet.max_row == 1


def test_export_initiatives_then_dry_run_import_changes_nothing(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", db).returncode == 0
    before = _rows(db, "SELECT * FROM initiative ORDER BY id")
    assert len(before) >= 30
    out = tmp_path / "mo_hinh.xlsx"
    exported = run("export", "initiatives", out, "--db", db, "--campaign", 1)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"Đã xuất {len(before)} dòng ra {out}\n"
    dry = run("import", "initiatives", out, "--db", db, "--campaign", 1, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "chạy thử" in dry.stdout and "thêm 0, cập nhật 0" in dry.stdout
    assert f"giữ nguyên {len(before)} dòng" in dry.stdout
    again = run("import", "initiatives", out, "--db", db, "--campaign", 1)
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"Đã thêm 0, cập nhật 0, giữ nguyên {len(before)} dòng.\n"
    assert _rows(db, "SELECT * FROM initiative ORDER BY id") == before


def test_import_initiatives_registers_the_rows(tmp_path):
    db, result = _import_initiatives(tmp_path, [
        ["P01", "Một cửa điện tử", "Mô hình", "", "03/11/2018", "27/01/2019", "Hiệu quả"],
        ["P03", "Dân vận khéo", "Sáng kiến", "", "05/11/2018", "", ""],
    ])
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Đã thêm 2, cập nhật 0, giữ nguyên 0 dòng.\n"
    assert _rows(db, "SELECT title, assessment FROM initiative ORDER BY id") == [
        ("Một cửa điện tử", "hieu_qua"), ("Dân vận khéo", None),
    ]


def test_import_initiatives_into_an_unknown_campaign_exits_1(tmp_path):
    db, result = _import_initiatives(tmp_path, [["P01", "Một cửa điện tử", "Mô hình", "", "03/11/2018", "", ""]],
                                     campaign=99)
    assert result.returncode == 1
    assert "Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu (1 lỗi):" in result.stderr
    assert "Không có đợt thi đua số 99" in result.stderr
    assert _rows(db, "SELECT count(*) FROM initiative") == [(0,)]


def test_a_rejected_initiatives_file_exits_1_with_every_error(tmp_path):
    db, result = _import_initiatives(tmp_path, [
        ["P01", "Một cửa điện tử", "Mô hình", "", "20/11/2018", "19/11/2018", ""],
        ["KHONGCO", "Dân vận khéo", "Sáng kiến", "", "05/11/2018", "", "Xuất sắc"],
    ])
    assert result.returncode == 1
    assert "(3 lỗi)" in result.stderr
    assert "Dòng 2, cột Ngày báo cáo kết quả: phải từ ngày đăng ký (20/11/2018) trở đi" in result.stderr
    assert "Dòng 3, cột Mã đơn vị: không có đơn vị mã “KHONGCO” trong danh sách đơn vị" in result.stderr
    assert "Dòng 3, cột Đánh giá của Hội đồng: “Xuất sắc” không hợp lệ" in result.stderr
    assert _rows(db, "SELECT count(*) FROM initiative") == [(0,)]


def test_initiatives_without_campaign_exit_1_with_the_way_to_find_it(tmp_path):
    db = _council(tmp_path)
    path = _xlsx(tmp_path / "mo_hinh.xlsx", INITIATIVE_HEADERS,
                 [["P01", "Một cửa điện tử", "Mô hình", "", "03/11/2018", "", ""]])
    message = "Cần --campaign ID (xem: python main.py campaign list --db PATH)"
    result = run("import", "initiatives", path, "--db", db)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    exported = run("export", "initiatives", tmp_path / "out.xlsx", "--db", db)
    assert exported.returncode == 1
    assert exported.stderr.strip() == message
    assert not (tmp_path / "out.xlsx").exists()


def test_export_initiatives_of_an_unknown_campaign_exits_1(tmp_path):
    db = _council(tmp_path)
    result = run("export", "initiatives", tmp_path / "out.xlsx", "--db", db, "--campaign", 5)
    assert result.returncode == 1
    assert result.stderr.strip() == "Không có đợt thi đua số 5"
    assert not (tmp_path / "out.xlsx").exists()


def test_import_heads_adds_the_evaluations(tmp_path):
    db, result = _import_heads(tmp_path, [
        ["P01", 2018, "Hoàn thành tốt nhiệm vụ", ""],
        ["NV", 2018, "Không hoàn thành nhiệm vụ", "Chưa đăng ký mô hình"],
    ])
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Đã thêm 2, cập nhật 0, giữ nguyên 0 dòng.\n"
    assert _rows(db, "SELECT u.code, e.year, e.level, e.note FROM head_evaluation e "
                     "JOIN unit u ON u.id = e.unit_id ORDER BY u.code") == [
        ("NV", 2018, "khong_hoan_thanh", "Chưa đăng ký mô hình"), ("P01", 2018, "tot", ""),
    ]
    out = tmp_path / "xuat.xlsx"
    exported = run("export", "heads", out, "--db", db, "--year", 2018)
    assert exported.returncode == 0, exported.stderr
    dry = run("import", "heads", out, "--db", db, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "thêm 0, cập nhật 0, giữ nguyên 2 dòng" in dry.stdout


def test_a_rejected_heads_file_exits_1_and_writes_nothing(tmp_path):
    db, result = _import_heads(tmp_path, [
        ["P01", 2018, "Hoàn thành tốt nhiệm vụ", ""],
        ["P01", 2018, "Hoàn thành nhiệm vụ", ""],
    ])
    assert result.returncode == 1
    assert "Dòng 3, cột Mã đơn vị: đơn vị P01 năm 2018 trùng với dòng 2" in result.stderr
    assert _rows(db, "SELECT count(*) FROM head_evaluation") == [(0,)]
