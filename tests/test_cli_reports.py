"""PDF reports from the command line, read back as text."""
import io
import unicodedata

import pytest
from pypdf import PdfReader

from tests.cli_helpers import demo, run  # noqa: F401  (fixtures)


def _text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages))


def test_report_initiatives_prints_the_register(demo, tmp_path):
    out = tmp_path / "register.pdf"
    result = run("report", "initiatives", "--db", demo, "--campaign", "1", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP" in text
    assert "Đợt thi đua cao điểm về Cải cách hành chính năm 2018" in text
    assert "Các đơn vị chưa đăng ký (3):" in text


def test_report_classification_for_a_unit_lists_its_people_and_the_cap_warning(demo, tmp_path):
    out = tmp_path / "p05.pdf"
    result = run("report", "classification", "--db", demo, "--year", "2018", "--quarter", "3",
                 "--unit", "P05", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, PHÂN LOẠI" in text
    assert "Đơn vị: Ủy ban nhân dân Phường 5" in text
    assert "lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%" in text.replace("\n", " ")
    assert "(Kết quả chưa chốt)" in text


def test_report_classification_for_the_district_has_every_unit_and_the_total(demo, tmp_path):
    out = tmp_path / "district.pdf"
    result = run("report", "classification", "--db", demo, "--year", "2018", "--quarter", "2", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert "Ủy ban nhân dân Phường 17" in text and "Phòng Nội vụ" in text
    assert "Toàn quận" in text


def test_report_classification_refuses_a_quarter_without_rules_or_a_bad_quarter(demo, tmp_path):
    bad = run("report", "classification", "--db", demo, "--year", "2018", "--quarter", "5", "-o", tmp_path / "x.pdf")
    assert bad.returncode == 1 and "Quý “5” không hợp lệ" in bad.stderr
    early = run("report", "classification", "--db", demo, "--year", "2018", "--quarter", "1", "-o", tmp_path / "y.pdf")
    assert early.returncode == 1 and "Chưa có quy định áp dụng cho quý 1/2018" in early.stderr
    assert not (tmp_path / "y.pdf").exists()
