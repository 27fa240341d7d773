"""The command line of the award register (issue #17): template, import (--dry-run), export (--year),
report due and report statistics (PDF with its charts, or xlsx); refusals exit 1 with a Vietnamese message."""
import openpyxl
from pypdf import PdfReader

from models.awards.exchange import HEADERS
from tests.cli_helpers import demo, dump, own_demo, rows, run, write_xlsx  # noqa: F401  (fixtures)


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_template_has_exactly_the_issue_columns(tmp_path):
    out = tmp_path / "mau.xlsx"
    result = run("template", "awards", out)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["Mã cán bộ", "Mã đơn vị", "Năm", "Hình thức khen thưởng", "Cấp khen",
                                           "Số quyết định", "Ngày quyết định", "Lý do", "Số tiền"] == HEADERS


def test_import_dry_run_then_import_then_export_of_a_year(own_demo, tmp_path):
    path = write_xlsx(tmp_path / "kt.xlsx", HEADERS, [
        ["CB0001", "", 2019, "Huân chương Lao động hạng Ba", "Chủ tịch nước", "99/QĐ-CTN", "02/09/2019", "", ""],
        ["", "NV", 2019, "Cờ thi đua của UBND Thành phố", "Thành phố", "100/QĐ-UBND", "", "", "5.000.000"]])
    before = dump(own_demo)
    checked = run("import", "awards", path, "--db", own_demo, "--dry-run")
    assert (checked.returncode, checked.stdout.strip()) == (
        0, "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 2, cập nhật 0, giữ nguyên 0 dòng.")
    assert dump(own_demo) == before
    done = run("import", "awards", path, "--db", own_demo)
    assert (done.returncode, done.stdout.strip()) == (0, "Đã thêm 2, cập nhật 0, giữ nguyên 0 dòng.")
    assert rows(own_demo, "SELECT kind, level, amount FROM award WHERE year = 2019 ORDER BY id") == [
        ("huan_chuong", "nha_nuoc", 0), ("co_thi_dua", "tinh", 5000000)]
    out = tmp_path / "2019.xlsx"
    exported = run("export", "awards", out, "--db", own_demo, "--year", "2019")
    assert (exported.returncode, exported.stdout.strip()) == (0, f"Đã xuất 2 dòng ra {out}")
    values = [[c.value for c in r] for r in openpyxl.load_workbook(out).active.iter_rows(min_row=2)]
    assert [v[:6] for v in values] == [
        ["CB0001", None, 2019, "Huân chương Lao động hạng Ba", "Chủ tịch nước", "99/QĐ-CTN"],
        [None, "NV", 2019, "Cờ thi đua của UBND Thành phố", "Cấp tỉnh", "100/QĐ-UBND"]]
    again = run("import", "awards", out, "--db", own_demo)
    assert again.stdout.strip() == "Đã thêm 0, cập nhật 0, giữ nguyên 2 dòng."


def test_a_wrong_file_is_refused_with_its_rows_and_nothing_written(own_demo, tmp_path):
    path = write_xlsx(tmp_path / "sai.xlsx", HEADERS, [["CB0001", "NV", 2019, "Giấy khen", "Quận", "", "", "", ""]])
    before = dump(own_demo)
    result = run("import", "awards", path, "--db", own_demo)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu (1 lỗi):",
        "Dòng 2, cột Mã đơn vị: chỉ ghi một trong hai mã: Mã cán bộ (khen cá nhân) hoặc Mã đơn vị (khen tập thể)"]
    assert dump(own_demo) == before


def test_report_due_lists_the_people_with_the_rule_and_its_source(demo, tmp_path):
    out = tmp_path / "den_han.pdf"
    result = run("report", "due", "--db", demo, "--year", "2017", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐẾN HẠN XÉT KHEN THƯỞNG NĂM 2017" in text
    assert "Chiến sĩ thi đua cấp tỉnh (thành phố): 03 năm liên tục Chiến sĩ thi đua cơ sở. Căn cứ: Luật Thi đua, " \
           "khen thưởng 06/2022/QH15, Điều 22" in text
    assert "cần kiểm tra" in text and "2015, 2016, 2017" in text
    missing = run("report", "due", "--db", demo, "-o", out)
    assert (missing.returncode, missing.stderr.strip()) == (1, "Cần --year NĂM")
    other = run("report", "due", "--db", demo, "--year", "2017", "--from-year", "2014", "-o", out)
    assert (other.returncode, other.stderr.strip()) == (1, "--from-year chỉ dùng cho statistics (thống kê)")


def test_report_statistics_pdf_has_the_charts_and_tables_and_xlsx_the_numbers(demo, tmp_path):
    pdf = tmp_path / "thong_ke.pdf"
    result = run("report", "statistics", "--db", demo, "--year", "2017", "--from-year", "2014", "-o", pdf)
    assert result.returncode == 0, result.stderr
    text = _text(pdf)
    for expected in ("THỐNG KÊ THI ĐUA, KHEN THƯỞNG CÁC NĂM 2014-2017", "Khen thưởng năm 2017 theo hình thức",
                     "Khen thưởng 2014-2017 theo năm", "Tổng tiền thưởng 2014-2017 (triệu đồng)",
                     "Khen thưởng năm 2017 theo đơn vị và hình thức", "Phòng Nội vụ"):
        assert expected in text
    xlsx = tmp_path / "thong_ke.xlsx"
    assert run("report", "statistics", "--db", demo, "--year", "2017", "-o", xlsx).returncode == 0
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Theo đơn vị", "Theo hình thức", "Phê bình", "Xếp loại quý"]
    by_kind = book["Theo hình thức"]
    values = [[c.value for c in r] for r in by_kind.iter_rows(min_row=2)]
    counted = rows(demo, "SELECT count(*) FROM award WHERE year = 2017 AND kind = 'ldtt'")[0][0]
    assert values[0] == ["Hình thức", "Cá nhân", "Tập thể", "Tiền thưởng (đồng)"]
    assert values[1][:3] == ["LĐTT", counted, 0]
    wrong = run("report", "statistics", "--db", demo, "--year", "2017", "--from-year", "2018", "-o", pdf)
    assert (wrong.returncode, wrong.stderr.strip()) == (1, "--from-year 2018 sau --year 2017")
