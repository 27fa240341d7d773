"""The yearly quality rating (issue #14, part 3): import, export, template, proposal from the quarters."""
import pytest
from openpyxl import load_workbook

from models.common.codes import Level
from models.common.errors import ValidationError
from models.exchange.xlsx import ImportRejected
from models.exports import write_template
from models.quarters.imports_ratings import HEADERS, export_ratings, import_ratings
from models.quarters.ratings import (
    PROPOSAL_NOTE, apply_proposals, propose_ratings, proposed_level, ratings_of_year, save_ratings, set_rating,
    year_roster,
)
from tests.models.imports_data import write_xlsx
from tests.models.titles_data import HT, KHT, TOT, TS, XS, person, team, unit

ROWS = "SELECT s.code, r.year, r.level, r.note FROM yearly_rating r JOIN staff s ON s.id = r.staff_id ORDER BY s.code"


@pytest.fixture
def staffed(db):
    """Phường 1 with An (CB0001), Bình (CB0002) and Chi (CB0003), working in 2018."""
    p1 = unit(db, "P1", "Phường 1")
    team(db, p1, [(XS, TOT, XS), (TOT, TOT, TOT), (TS, TS, TS)])
    return db


def test_the_headers_are_the_issue_s_columns(tmp_path):
    assert HEADERS == ["Mã cán bộ", "Họ và tên", "Năm", "Xếp loại cuối năm", "Ghi chú"]
    write_template("ratings", tmp_path / "mau.xlsx")
    sheet = load_workbook(tmp_path / "mau.xlsx").active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 1


def test_labels_short_forms_and_codes_are_accepted(staffed, tmp_path):
    path = write_xlsx(tmp_path / "xl.xlsx", HEADERS, [
        ["CB0001", "Nguyễn Văn An", 2018, "Hoàn thành xuất sắc nhiệm vụ", "Hội đồng đề nghị"],
        ["cb0002", "nguyen van binh", 2018, "httnv", ""],
        ["CB0003", "Nguyễn Văn Chi", "2018", "hoan thanh nhiem vu", ""],
    ])
    result = import_ratings(staffed, path)
    assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
    assert staffed.execute(ROWS).fetchall() == [
        ("CB0001", 2018, "xuat_sac", "Hội đồng đề nghị"), ("CB0002", 2018, "tot", ""),
        ("CB0003", 2018, "hoan_thanh", "")]


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(staffed, tmp_path):
    set_rating(staffed, 1, 2018, Level.TOT, "giữ")
    path = write_xlsx(tmp_path / "xl.xlsx", HEADERS, [
        ["CB0001", "Nguyễn Văn An", 2018, "Hoàn thành xuất sắc nhiệm vụ", ""],  # right: still not written
        ["CB0009", "Người Lạ", 2018, "Hoàn thành nhiệm vụ", ""],
        ["CB0002", "Trần Thị Bình", 2018, "Hoàn thành nhiệm vụ", ""],
        ["CB0003", "Nguyễn Văn Chi", 1999, "Giỏi", ""],
        ["CB0001", "Nguyễn Văn An", 2018, "", ""],
        ["CB0001", "Nguyễn Văn An", 2018, "HTNV", ""],
        ["CB0002", "Nguyễn Văn Bình", 2005, "HTNV", ""],  # recruited in 2010
        ["", "", "", "HTNV", ""],
    ])
    with pytest.raises(ImportRejected) as caught:
        import_ratings(staffed, path)
    assert caught.value.errors == [
        "Dòng 3, cột Mã cán bộ: không có cán bộ mã “CB0009”",
        "Dòng 4, cột Họ và tên: “Trần Thị Bình” không khớp với mã CB0002 (“Nguyễn Văn Bình”)",
        "Dòng 5, cột Năm: “1999” không phải năm hợp lệ (từ 2000 đến 2100)",
        "Dòng 5, cột Xếp loại cuối năm: “Giỏi” không hợp lệ, chọn một trong: Hoàn thành xuất sắc nhiệm vụ "
        "(HTXSNV), Hoàn thành tốt nhiệm vụ (HTTNV), Hoàn thành nhiệm vụ (HTNV), Không hoàn thành nhiệm vụ (KHTNV)",
        "Dòng 6, cột Xếp loại cuối năm: bỏ trống (bắt buộc)",
        "Dòng 7, cột Mã cán bộ: CB0001 đã có xếp loại năm 2018 ở dòng 2",
        "Dòng 8, cột Năm: CB0002 không làm việc trong năm 2005, không xếp loại được",
        "Dòng 9, cột Mã cán bộ: bỏ trống (bắt buộc)",
        "Dòng 9, cột Họ và tên: bỏ trống (bắt buộc)",
        "Dòng 9, cột Năm: bỏ trống (bắt buộc)",
    ]
    assert staffed.execute(ROWS).fetchall() == [("CB0001", 2018, "tot", "giữ")]


def test_the_export_imports_back_unchanged_and_a_changed_file_updates(staffed, tmp_path):
    set_rating(staffed, 1, 2018, Level.XUAT_SAC, "Tiêu biểu")
    set_rating(staffed, 2, 2018, Level.TOT)
    set_rating(staffed, 2, 2017, Level.HOAN_THANH)  # another year: not in the file
    assert export_ratings(staffed, 2018, tmp_path / "ra.xlsx") == 2
    sheet = load_workbook(tmp_path / "ra.xlsx").active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        HEADERS,
        ["CB0001", "Nguyễn Văn An", 2018, "Hoàn thành xuất sắc nhiệm vụ", "Tiêu biểu"],
        ["CB0002", "Nguyễn Văn Bình", 2018, "Hoàn thành tốt nhiệm vụ", None],
    ]
    before = staffed.execute(ROWS).fetchall()
    result = import_ratings(staffed, tmp_path / "ra.xlsx")
    assert (result.added, result.updated, result.unchanged) == (0, 0, 2)
    assert staffed.execute(ROWS).fetchall() == before
    sheet["D3"] = "Hoàn thành nhiệm vụ"
    sheet.parent.save(tmp_path / "ra.xlsx")
    assert import_ratings(staffed, tmp_path / "ra.xlsx", dry_run=True).updated == 1
    assert ratings_of_year(staffed, 2018)[2] == Level.TOT
    assert import_ratings(staffed, tmp_path / "ra.xlsx").updated == 1
    assert ratings_of_year(staffed, 2018)[2] == Level.HOAN_THANH


def test_the_proposal_is_the_lowest_classified_quarter():
    assert proposed_level([XS, TOT, XS]) == TOT
    assert proposed_level([XS, None, XS]) == XS  # a quarter "không đánh giá" is left out
    assert proposed_level([TOT, KHT, HT]) == KHT
    assert proposed_level([None, None]) is None
    assert proposed_level([]) is None


def test_the_preview_writes_nothing_and_applying_never_replaces_without_asking(staffed):
    set_rating(staffed, 2, 2018, Level.XUAT_SAC, "Hội đồng xét")
    proposals = propose_ratings(staffed, 2018)
    assert [(p.code, p.quarters_text, p.proposed, p.current, p.state) for p in proposals] == [
        ("CB0001", "Q2 HTXSNV · Q3 HTTNV · Q4 HTXSNV", TOT, None, "Chưa có xếp loại: sẽ ghi"),
        ("CB0002", "Q2 HTTNV · Q3 HTTNV · Q4 HTTNV", TOT, XS,
         "Đã có Hoàn thành xuất sắc nhiệm vụ: chỉ thay khi đồng ý"),
        ("CB0003", "Q2 KĐG · Q3 KĐG · Q4 KĐG", None, None, "Không có quý nào được xếp loại: không đề xuất"),
    ]
    assert staffed.execute(ROWS).fetchall() == [("CB0002", 2018, "xuat_sac", "Hội đồng xét")]
    assert apply_proposals(staffed, 2018, proposals) == 1
    assert staffed.execute(ROWS).fetchall() == [
        ("CB0001", 2018, "tot", PROPOSAL_NOTE), ("CB0002", 2018, "xuat_sac", "Hội đồng xét")]
    again = propose_ratings(staffed, 2018)
    assert apply_proposals(staffed, 2018, again, replace=True) == 1
    assert staffed.execute(ROWS).fetchall() == [
        ("CB0001", 2018, "tot", PROPOSAL_NOTE), ("CB0002", 2018, "tot", "Hội đồng xét")]


def test_the_screen_s_save_is_one_transaction_and_refuses_someone_who_did_not_work_that_year(staffed):
    p2 = unit(staffed, "P2", "Phường 2")
    import datetime as dt
    newcomer = person(staffed, p2, "Lê Văn Mới", recruited=dt.date(2019, 3, 1))
    with pytest.raises(ValidationError) as caught:
        save_ratings(staffed, 2018, {1: (Level.TOT, ""), newcomer: (Level.TOT, "")})
    assert caught.value.errors == {"staff": "Cán bộ CB0004 không làm việc trong năm 2018, không xếp loại được"}
    assert ratings_of_year(staffed, 2018) == {}
    save_ratings(staffed, 2018, {1: (Level.TOT, " ghi  chú "), 2: (Level.HOAN_THANH, "")})
    save_ratings(staffed, 2018, {2: (None, "")})
    assert staffed.execute(ROWS).fetchall() == [("CB0001", 2018, "tot", "ghi chú")]
    assert [p.code for p in year_roster(staffed, 2018)] == ["CB0001", "CB0002", "CB0003"]
    assert [p.code for p in year_roster(staffed, 2019)] == ["CB0001", "CB0002", "CB0003", "CB0004"]
