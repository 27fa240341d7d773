"""Importing head evaluations from xlsx: all or nothing, every error listed by row and column,
re-import updates instead of duplicating, export then import changes nothing, the decision day."""
import datetime as dt
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from models.campaigns.imports_campaigns import HEAD_HEADERS, import_head_evaluations
from models.common.codes import HeadLevel
from models.exchange.import_common import ImportResult
from models.exports import export_head_evaluations
from models.people.heads import (
    DEFAULT_CRITERIA,
    Criterion,
    HeadEvaluation,
    get_evaluation,
    list_evaluations,
    save_evaluation,
    set_criteria_template,
)

from .imports_data import rejected as _rejected, write_xlsx as _xlsx
from .campaign_imports_data import LEVEL_CHOICES, _dump, _heads_file, council  # noqa: F401  (council: a fixture)


HEAD_ROWS = [
    ["P01", 2018, "Hoàn thành tốt nhiệm vụ", "Chủ động cải cách hành chính"],
    ["nv", "2018", "khong hoan thanh nhiem vu", ""],
    ["P01", 2019, "HOÀN THÀNH XUẤT SẮC NHIỆM VỤ", ""],
]


def test_head_import_adds_evaluations_with_the_unit_head_and_the_default_criteria(council, tmp_path):
    db, units, campaign, author = council
    result = import_head_evaluations(db, _heads_file(tmp_path, HEAD_ROWS))
    assert result == ImportResult(added=3, updated=0, unchanged=0)
    found = list_evaluations(db, 2018)
    assert [(e.unit_code, e.level, e.note, e.head_name, e.head_title) for e in found] == [
        ("NV", HeadLevel.KHONG_HOAN_THANH, "", "Đỗ Thị Ửng", "Trưởng phòng"),
        ("P01", HeadLevel.TOT, "Chủ động cải cách hành chính", "Lê Văn Bình", "Chủ tịch UBND phường"),
    ]
    assert all(e.criteria == tuple(Criterion(c, "") for c in DEFAULT_CRITERIA) for e in found)
    assert get_evaluation(db, units["P01"].id, 2019).level == HeadLevel.XUAT_SAC


def test_a_new_evaluation_takes_the_criteria_template_the_user_set(council, tmp_path):
    db, units, campaign, author = council
    set_criteria_template(db, ["Cải cách hành chính", "Dân vận khéo"])
    import_head_evaluations(db, _heads_file(tmp_path, HEAD_ROWS[:1]))
    assert get_evaluation(db, units["P01"].id, 2018).criteria == (
        Criterion("Cải cách hành chính", ""), Criterion("Dân vận khéo", ""),
    )


def test_head_re_import_updates_the_level_and_keeps_criteria_results_and_head(council, tmp_path):
    db, units, campaign, author = council
    path = _heads_file(tmp_path, HEAD_ROWS)
    import_head_evaluations(db, path)
    after_first = _dump(db)
    assert import_head_evaluations(db, path) == ImportResult(added=0, updated=0, unchanged=3)
    assert _dump(db) == after_first

    ev = get_evaluation(db, units["P01"].id, 2018)
    save_evaluation(db, replace(ev, head_name="Nguyễn Văn Cũ",
                                criteria=(Criterion("Cải cách hành chính", "Đạt"),)))
    rows = [row[:] for row in HEAD_ROWS]
    rows[0][2] = "Hoàn thành nhiệm vụ"
    rows[0][3] = "Hạ một mức"
    result = import_head_evaluations(db, _heads_file(tmp_path, rows, name="lan2.xlsx"))
    assert result == ImportResult(added=0, updated=1, unchanged=2)
    again = get_evaluation(db, units["P01"].id, 2018)
    assert (again.id, again.level, again.note, again.head_name) == (
        ev.id, HeadLevel.HOAN_THANH, "Hạ một mức", "Nguyễn Văn Cũ",
    )
    assert again.criteria == (Criterion("Cải cách hành chính", "Đạt"),)
    assert db.execute("SELECT count(*) FROM head_evaluation").fetchone() == (3,)


def test_head_export_then_import_is_a_round_trip(council, tmp_path):
    db, units, campaign, author = council
    import_head_evaluations(db, _heads_file(tmp_path, HEAD_ROWS))
    before = _dump(db)
    out = tmp_path / "xuat.xlsx"
    assert export_head_evaluations(db, 2018, out) == 2
    assert [c.value for c in load_workbook(out).active[1]] == [*HEAD_HEADERS, "Ngày quyết định"]
    assert import_head_evaluations(db, out) == ImportResult(added=0, updated=0, unchanged=2)
    assert _dump(db) == before


def test_head_dry_run_writes_nothing(council, tmp_path):
    db, units, campaign, author = council
    before = _dump(db)
    result = import_head_evaluations(db, _heads_file(tmp_path, HEAD_ROWS), dry_run=True)
    assert result == ImportResult(added=3, updated=0, unchanged=0, dry_run=True)
    assert _dump(db) == before


@pytest.mark.parametrize(
    "rows, errors",
    [
        (
            [["P01", 2018, "Hoàn thành tốt nhiệm vụ", ""], ["p01", "2018", "Hoàn thành nhiệm vụ", ""]],
            ["Dòng 3, cột Mã đơn vị: đơn vị P01 năm 2018 trùng với dòng 2"],
        ),
        (
            [["P01", 2018, "Xuất sắc", ""]],
            [f"Dòng 2, cột Xếp loại người đứng đầu: “Xuất sắc” không hợp lệ, chọn một trong: {LEVEL_CHOICES}"],
        ),
        ([["P01", 2018, "", ""]], ["Dòng 2, cột Xếp loại người đứng đầu: bỏ trống (bắt buộc)"]),
        (
            [["P01", 1999, "Hoàn thành nhiệm vụ", ""]],
            ["Dòng 2, cột Năm: “1999” không phải năm hợp lệ (từ 2000 đến 2100)"],
        ),
        (
            [["P01", "năm 2018", "Hoàn thành nhiệm vụ", ""]],
            ["Dòng 2, cột Năm: “năm 2018” không phải năm hợp lệ (từ 2000 đến 2100)"],
        ),
        (
            [["P01", 2018.5, "Hoàn thành nhiệm vụ", ""]],
            ["Dòng 2, cột Năm: “2018.5” không phải năm hợp lệ (từ 2000 đến 2100)"],
        ),
        ([["P01", "", "Hoàn thành nhiệm vụ", ""]], ["Dòng 2, cột Năm: bỏ trống (bắt buộc)"]),
        (
            [["KHONGCO", 2018, "Hoàn thành nhiệm vụ", ""]],
            ["Dòng 2, cột Mã đơn vị: không có đơn vị mã “KHONGCO” trong danh sách đơn vị"],
        ),
        (
            [["P03", 2018, "Hoàn thành nhiệm vụ", ""], ["", "", "Tốt", ""]],
            ["Dòng 3, cột Mã đơn vị: bỏ trống (bắt buộc)", "Dòng 3, cột Năm: bỏ trống (bắt buộc)",
             f"Dòng 3, cột Xếp loại người đứng đầu: “Tốt” không hợp lệ, chọn một trong: {LEVEL_CHOICES}"],
        ),
    ],
)
def test_a_bad_head_file_is_refused_with_every_error_and_nothing_written(council, tmp_path, rows, errors):
    db, units, campaign, author = council
    save_evaluation(db, HeadEvaluation(unit_id=units["NV"].id, year=2018, level=HeadLevel.TOT))
    before = _dump(db)
    path = _heads_file(tmp_path, rows)
    assert _rejected(lambda: import_head_evaluations(db, path)) == errors
    assert _dump(db) == before


# --- the optional "Ngày quyết định" column of head evaluations (issue 13) -------------------------


def _with_decided_on(tmp_path, rows, name="ngay_quyet_dinh.xlsx"):
    return _xlsx(tmp_path / name, [*HEAD_HEADERS, "Ngày quyết định"], rows)


def test_the_decision_day_column_records_when_each_evaluation_was_decided(council, tmp_path):
    db, units, campaign, author = council
    rows = [[*HEAD_ROWS[0], "15/01/2019"], [*HEAD_ROWS[1], dt.date(2018, 12, 28)], [*HEAD_ROWS[2], ""]]
    assert import_head_evaluations(db, _with_decided_on(tmp_path, rows)) == ImportResult(added=3, updated=0, unchanged=0)
    assert {(e.unit_code, e.year): e.decided_on for y in (2018, 2019) for e in list_evaluations(db, y)} == {
        ("P01", 2018): dt.date(2019, 1, 15), ("NV", 2018): dt.date(2018, 12, 28), ("P01", 2019): None}
    # Re-imported: a new day updates; an empty cell, or a file without the column, keeps the day recorded.
    rows = [[*HEAD_ROWS[0], "20/01/2019"], [*HEAD_ROWS[1], ""]]
    assert import_head_evaluations(db, _with_decided_on(tmp_path, rows, "lan2.xlsx")) == ImportResult(
        added=0, updated=1, unchanged=1)
    before = _dump(db)
    assert import_head_evaluations(db, _heads_file(tmp_path, HEAD_ROWS[:2])) == ImportResult(
        added=0, updated=0, unchanged=2)
    assert _dump(db) == before
    assert [(e.unit_code, e.decided_on) for e in list_evaluations(db, 2018)] == [
        ("NV", dt.date(2018, 12, 28)), ("P01", dt.date(2019, 1, 20))]


def test_the_decision_day_is_exported_and_re_imported_unchanged(council, tmp_path):
    db, units, campaign, author = council
    import_head_evaluations(db, _with_decided_on(tmp_path, [[*HEAD_ROWS[0], "15/01/2019"], [*HEAD_ROWS[1], ""]]))
    before = _dump(db)
    out = tmp_path / "xuat.xlsx"
    export_head_evaluations(db, 2018, out)
    values = {row[0]: row[4] for row in load_workbook(out).active.iter_rows(min_row=2, values_only=True)}
    assert values == {"NV": None, "P01": dt.datetime(2019, 1, 15)}
    assert import_head_evaluations(db, out) == ImportResult(added=0, updated=0, unchanged=2)
    assert _dump(db) == before


@pytest.mark.parametrize("day, error", [
    ("31/02/2019", "Dòng 2, cột Ngày quyết định: ngày 31/02/2019 không tồn tại"),
    ("sau Tết", "Dòng 2, cột Ngày quyết định: “sau Tết” không phải ngày dạng dd/mm/yyyy"),
    (dt.date(2017, 12, 31), "Dòng 2, cột Ngày quyết định: ngày 31/12/2017 không thuộc năm 2018 hoặc năm 2019: "
                            "đánh giá năm nào được quyết định trong năm đó hoặc đầu năm sau"),
    (dt.date(2020, 1, 1), "Dòng 2, cột Ngày quyết định: ngày 01/01/2020 không thuộc năm 2018 hoặc năm 2019: "
                          "đánh giá năm nào được quyết định trong năm đó hoặc đầu năm sau"),
], ids=["no-such-day", "not-a-date", "the-year-before", "two-years-after"])
def test_a_bad_decision_day_is_a_row_error_and_nothing_is_written(council, tmp_path, day, error):
    db, units, campaign, author = council
    before = _dump(db)
    errors = _rejected(lambda: import_head_evaluations(db, _with_decided_on(tmp_path, [[*HEAD_ROWS[0], day]])))
    assert errors == [error]
    assert _dump(db) == before


@pytest.mark.parametrize("day", [dt.date(2018, 1, 1), dt.date(2019, 12, 31)], ids=["first-day", "last-day"])
def test_a_decision_day_at_either_edge_of_the_two_years_is_accepted(council, tmp_path, day):
    db, units, campaign, author = council
    import_head_evaluations(db, _with_decided_on(tmp_path, [[*HEAD_ROWS[0], day]]))
    assert get_evaluation(db, units["P01"].id, 2018).decided_on == day


def test_a_decision_day_after_today_is_a_row_error(council, tmp_path):
    db, units, campaign, author = council
    before = _dump(db)
    path = _with_decided_on(tmp_path, [[*HEAD_ROWS[2], dt.date(2020, 1, 16)]])
    errors = _rejected(lambda: import_head_evaluations(db, path, today=dt.date(2020, 1, 15)))
    assert errors == ["Dòng 2, cột Ngày quyết định: ngày 16/01/2020 ở tương lai (hôm nay là 15/01/2020)"]
    assert _dump(db) == before
    import_head_evaluations(db, path, today=dt.date(2020, 1, 16))  # decided today: accepted
    assert get_evaluation(db, units["P01"].id, 2019).decided_on == dt.date(2020, 1, 16)
