"""Issue #14, part 5: the optional score out of 100 of the quarterly classification (Nghị định
335/2025/NĐ-CP): stored and checked, an optional last column "Điểm" in the import (a file without it
reads exactly as before and keeps the stored scores) and in the template and export of a quarter
whose rule set scores people."""
import pytest
from openpyxl import load_workbook

from models.common.errors import ValidationError
from models.quarters.classifications import Entry, roster, save_quarter
from models.quarters.imports_classifications import (
    ALL_HEADERS, HEADERS, export_classifications, import_classifications, write_unit_workbook,
)

from .classifications_data import TOT, XS, _classify_p01_q3, district  # noqa: F401  (a fixture)
from .imports_data import rejected, write_xlsx

SCORES = "SELECT s.code, c.level, c.note, c.score FROM classification c JOIN staff s ON s.id = c.staff_id " \
         "WHERE c.year = 2026 ORDER BY s.code"


def _p03_2026(d):
    """P03 in Q1/2026 (under Nghị định 335/2025): CB08 92 điểm, CB11 80,5 điểm, CB12 without a score."""
    save_quarter(d.db, d.units["P03"], 2026, 1, [
        Entry(d.ids["CB08"], XS, score=92), Entry(d.ids["CB11"], TOT, score=80.5), Entry(d.ids["CB12"], TOT)])


def _sheet(path):
    return [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]


def test_scores_are_stored_and_a_wrong_score_is_refused(district):
    d = district
    _p03_2026(d)
    assert d.db.execute(SCORES).fetchall() == [("CB08", "xuat_sac", "", 92.0), ("CB11", "tot", "", 80.5),
                                               ("CB12", "tot", "", None)]
    with pytest.raises(ValidationError) as caught:
        save_quarter(d.db, d.units["P03"], 2026, 1, [Entry(d.ids["CB11"], TOT, score=100.5),
                                                      Entry(d.ids["CB12"], score=50)])
    assert caught.value.errors == {str(d.ids["CB11"]): "Điểm “100.5” không hợp lệ (từ 0 đến 100)",
                                   str(d.ids["CB12"]): "Chỉ ghi điểm khi có xếp loại (người không đánh giá không có điểm)"}
    assert [p.entry.score for p in roster(d.db, d.units["P03"], 2026, 1)] == [80.5, None, 92.0]  # CB11, CB12, CB08


def test_a_score_needs_a_level(district):
    from models.common.codes import NotClassifiedReason

    d = district
    with pytest.raises(ValidationError) as caught:
        save_quarter(d.db, d.units["P03"], 2026, 1, [Entry(d.ids["CB12"], reason=NotClassifiedReason.THAI_SAN,
                                                            score=70)])
    assert caught.value.errors == {
        str(d.ids["CB12"]): "Chỉ ghi điểm khi có xếp loại (người không đánh giá không có điểm)"}


def test_a_file_without_the_score_column_works_as_before_and_keeps_the_scores(district, tmp_path):
    d = district
    _p03_2026(d)
    path = write_xlsx(tmp_path / "khong-diem.xlsx", HEADERS, [
        ["CB11", "Ngô Văn Khánh", 2026, 1, "Hoàn thành tốt nhiệm vụ", "", "Đã họp xét"],
        ["CB12", "Dương Thị Lan", 2026, 1, "Hoàn thành tốt nhiệm vụ", "", ""],
    ])
    result = import_classifications(d.db, path)
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    assert d.db.execute(SCORES).fetchall() == [("CB08", "xuat_sac", "", 92.0), ("CB11", "tot", "Đã họp xét", 80.5),
                                               ("CB12", "tot", "", None)]


def test_the_score_column_is_read_and_its_bad_cells_named(district, tmp_path):
    d = district
    _p03_2026(d)
    bad = write_xlsx(tmp_path / "sai.xlsx", ALL_HEADERS, [
        ["CB08", "Phạm Văn Tám", 2026, 1, "Hoàn thành xuất sắc nhiệm vụ", "", "", 101],
        ["CB11", "Ngô Văn Khánh", 2026, 1, "Hoàn thành tốt nhiệm vụ", "", "", "tám mươi"],
        ["CB12", "Dương Thị Lan", 2026, 1, "Không đánh giá", "Nghỉ thai sản", "", 75],
    ])
    assert rejected(lambda: import_classifications(d.db, bad)) == [
        "Dòng 2, cột Điểm: “101” không hợp lệ (từ 0 đến 100)",
        "Dòng 3, cột Điểm: “tám mươi” không hợp lệ (từ 0 đến 100)",
        "Dòng 4, cột Điểm: chỉ ghi điểm khi có xếp loại (người không đánh giá không có điểm)",
    ]
    good = write_xlsx(tmp_path / "dung.xlsx", ALL_HEADERS, [
        ["CB08", "Phạm Văn Tám", 2026, 1, "Hoàn thành xuất sắc nhiệm vụ", "", "", "90,5"],
        ["CB11", "Ngô Văn Khánh", 2026, 1, "Hoàn thành tốt nhiệm vụ", "", "", None],  # blank: no score
        ["CB12", "Dương Thị Lan", 2026, 1, "Hoàn thành tốt nhiệm vụ", "", "", 70],
    ])
    assert import_classifications(d.db, good).updated == 3
    assert d.db.execute(SCORES).fetchall() == [("CB08", "xuat_sac", "", 90.5), ("CB11", "tot", "", None),
                                               ("CB12", "tot", "", 70.0)]


def test_a_scored_quarter_exports_the_score_and_imports_back_unchanged(district, tmp_path):
    d = district
    _p03_2026(d)
    assert export_classifications(d.db, 2026, 1, tmp_path / "ra.xlsx") == 3
    assert _sheet(tmp_path / "ra.xlsx") == [
        ALL_HEADERS,
        ["CB08", "Phạm Văn Tám", 2026, 1, "Hoàn thành xuất sắc nhiệm vụ", None, None, 92],
        ["CB11", "Ngô Văn Khánh", 2026, 1, "Hoàn thành tốt nhiệm vụ", None, None, 80.5],
        ["CB12", "Dương Thị Lan", 2026, 1, "Hoàn thành tốt nhiệm vụ", None, None, None],
    ]
    before = d.db.execute(SCORES).fetchall()
    result = import_classifications(d.db, tmp_path / "ra.xlsx")
    assert (result.added, result.updated, result.unchanged) == (0, 0, 3)
    assert d.db.execute(SCORES).fetchall() == before
    write_unit_workbook(d.db, d.units["P03"], 2026, 2, tmp_path / "mau.xlsx")
    assert _sheet(tmp_path / "mau.xlsx")[0] == ALL_HEADERS


def test_a_quarter_without_scores_exports_the_seven_columns_as_before(district, tmp_path):
    d = district
    _classify_p01_q3(d)
    export_classifications(d.db, 2018, 3, tmp_path / "ra.xlsx")
    write_unit_workbook(d.db, d.units["P01"], 2018, 3, tmp_path / "mau.xlsx")
    assert _sheet(tmp_path / "ra.xlsx")[0] == _sheet(tmp_path / "mau.xlsx")[0] == HEADERS
