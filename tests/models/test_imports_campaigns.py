"""Importing initiatives and head evaluations from xlsx: all or nothing, every error listed by row
and column, re-import updates instead of duplicating, export then import changes nothing."""
import datetime as dt
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from models.campaigns.campaigns import save_campaign
from models.campaigns.imports_campaigns import INITIATIVE_HEADERS, import_initiatives
from models.campaigns.initiatives import Author, Initiative, list_initiatives, save_initiative
from models.common.codes import Assessment, AuthorRole, Gender, InitiativeKind, StaffCategory
from models.exchange.import_common import ImportResult
from models.exports import export_initiatives, write_template
from models.people.staff import Staff, add_staff

from .imports_data import rejected as _rejected, template_rows, write_xlsx as _xlsx
from .campaign_imports_data import (  # noqa: F401  (council is a fixture)
    ASSESSMENT_CHOICES, CAMPAIGN_NAME, FIELD_DAN_VAN, FIELD_IT, GOOD_ROWS, LEVEL_CHOICES, TODAY,
    _dump, _initiatives_file, council,
)


# --- templates ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, headers", [
    ("initiatives", [
        "Mã đơn vị", "Tên mô hình, sáng kiến, giải pháp", "Loại", "Lĩnh vực", "Ngày đăng ký",
        "Ngày báo cáo kết quả", "Đánh giá của Hội đồng", "Tác giả",  # the last one optional (issue 13)
    ]),
    ("heads", ["Mã đơn vị", "Năm", "Xếp loại người đứng đầu", "Ghi chú", "Ngày quyết định"]),  # last optional
])
def test_template_has_exactly_the_import_headers(tmp_path, kind, headers):
    assert template_rows(tmp_path, kind) == [headers]


def _drop_downs(path):
    return {str(r.sqref): r.formula1 for r in load_workbook(path).active.data_validations.dataValidation}


def test_templates_offer_the_coded_columns_as_drop_downs(tmp_path):
    write_template("initiatives", tmp_path / "a.xlsx")
    write_template("heads", tmp_path / "b.xlsx")
    rules = _drop_downs(tmp_path / "a.xlsx")
    assert rules == {
        "C2:C1000": '"Mô hình,Sáng kiến,Giải pháp"',
        "G2:G1000": '"Tiêu biểu xuất sắc,Hiệu quả,Không hiệu quả,Chưa đánh giá"',
    }
    rules = _drop_downs(tmp_path / "b.xlsx")
    assert rules == {"C2:C1000": '"' + LEVEL_CHOICES.replace(", ", ",") + '"'}


def test_an_empty_initiatives_template_imports_as_no_data(council, tmp_path):
    db, units, campaign, author = council
    write_template("initiatives", tmp_path / "mau.xlsx")
    assert _rejected(lambda: import_initiatives(db, tmp_path / "mau.xlsx", campaign.id, TODAY)) == [
        "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"
    ]


# --- initiatives: good imports ----------------------------------------------------------------


def test_initiative_import_registers_every_row(council, tmp_path):
    db, units, campaign, author = council
    result = import_initiatives(db, _initiatives_file(tmp_path, GOOD_ROWS), campaign.id, TODAY)
    assert result == ImportResult(added=4, updated=0, unchanged=0)
    assert result.summary() == "Đã thêm 4, cập nhật 0, giữ nguyên 0 dòng."
    assert [
        (i.unit_code, i.title, i.kind, i.field, i.registered_on, i.reported_on, i.assessment)
        for i in list_initiatives(db, campaign.id)
    ] == [
        ("CU", "Công khai giá tại chợ", InitiativeKind.MO_HINH, "", dt.date(2018, 11, 2),
         dt.date(2019, 1, 20), Assessment.KHONG_HIEU_QUA),
        ("P01", "Ứng dụng phần mềm một cửa điện tử", InitiativeKind.MO_HINH, FIELD_IT, dt.date(2018, 11, 3),
         dt.date(2019, 1, 27), Assessment.TIEU_BIEU),
        ("P03", "Dân vận khéo trong chỉnh trang đô thị", InitiativeKind.SANG_KIEN, FIELD_DAN_VAN,
         dt.date(2018, 11, 5), None, None),
        ("P04", "Số hóa hồ sơ lưu trữ", InitiativeKind.GIAI_PHAP, "", dt.date(2018, 11, 2),
         dt.date(2019, 1, 28), None),
    ]
    assert db.execute("SELECT title_folded FROM initiative WHERE unit_id = ?", [units["P04"].id]).fetchone() == (
        "so hoa ho so luu tru",
    )


def test_re_importing_the_same_file_changes_nothing_and_never_duplicates(council, tmp_path):
    db, units, campaign, author = council
    path = _initiatives_file(tmp_path, GOOD_ROWS)
    import_initiatives(db, path, campaign.id, TODAY)
    after_first = _dump(db)
    assert import_initiatives(db, path, campaign.id, TODAY) == ImportResult(added=0, updated=0, unchanged=4)
    assert _dump(db) == after_first


def test_a_changed_title_or_date_updates_the_units_initiative_and_keeps_what_the_program_added(
    council, tmp_path
):
    db, units, campaign, author = council
    import_initiatives(db, _initiatives_file(tmp_path, GOOD_ROWS), campaign.id, TODAY)
    p01 = next(i for i in list_initiatives(db, campaign.id) if i.unit_code == "P01")
    save_initiative(db, replace(p01, description="Mô tả nhập trong chương trình",
                                result_summary="Đã triển khai", author_ids=(author.id,),
                                assessment_note="Nhân rộng", recognised=True), TODAY)
    rows = [row[:] for row in GOOD_ROWS]
    rows[0][1] = "Một cửa điện tử (tên mới)"
    rows[1][4] = "04/11/2018"
    result = import_initiatives(db, _initiatives_file(tmp_path, rows, name="lan2.xlsx"), campaign.id, TODAY)
    assert result == ImportResult(added=0, updated=2, unchanged=2)
    assert db.execute("SELECT count(*) FROM initiative").fetchone() == (4,)
    by_code = {i.unit_code: i for i in list_initiatives(db, campaign.id)}
    assert by_code["P01"].id == p01.id
    assert (by_code["P01"].title, by_code["P01"].description, by_code["P01"].result_summary) == (
        "Một cửa điện tử (tên mới)", "Mô tả nhập trong chương trình", "Đã triển khai",
    )
    assert (by_code["P01"].author_ids, by_code["P01"].assessment_note, by_code["P01"].recognised) == (
        (author.id,), "Nhân rộng", True,
    )
    assert db.execute("SELECT title_folded FROM initiative WHERE id = ?", [p01.id]).fetchone() == (
        "mot cua dien tu (ten moi)",
    )
    assert by_code["P03"].registered_on == dt.date(2018, 11, 4)


def test_a_dry_run_counts_and_writes_nothing(council, tmp_path):
    db, units, campaign, author = council
    import_initiatives(db, _initiatives_file(tmp_path, GOOD_ROWS[:2]), campaign.id, TODAY)
    before = _dump(db)
    rows = [row[:] for row in GOOD_ROWS]
    rows[0][6] = "Hiệu quả"
    result = import_initiatives(db, _initiatives_file(tmp_path, rows, name="b.xlsx"), campaign.id, TODAY,
                                dry_run=True)
    assert result == ImportResult(added=2, updated=1, unchanged=1, dry_run=True)
    assert _dump(db) == before


def test_export_then_import_is_a_round_trip(council, tmp_path):
    db, units, campaign, author = council
    import_initiatives(db, _initiatives_file(tmp_path, GOOD_ROWS), campaign.id, TODAY)
    p04 = next(i for i in list_initiatives(db, campaign.id) if i.unit_code == "P04")
    save_initiative(db, replace(p04, title='=HYPERLINK("http://x","Bấm")'), TODAY)  # never run as a formula
    p01 = next(i for i in list_initiatives(db, campaign.id) if i.unit_code == "P01")
    save_initiative(db, replace(p01, authors=(Author(author.id, AuthorRole.CHU_TRI, 80),), author_ids=()), TODAY)
    before = _dump(db)
    out = tmp_path / "xuat.xlsx"
    assert export_initiatives(db, campaign.id, out) == 4
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == [*INITIATIVE_HEADERS, "Tác giả"]
    assert [(row[0].value, row[7].value) for row in sheet.iter_rows(min_row=2)] == [
        ("CU", None), ("P01", "CB01"), ("P03", None), ("P04", None)]
    assert [c.value for c in sheet[2]][:3] == ["CU", "Công khai giá tại chợ", "Mô hình"]
    assert [c.value for c in sheet[4]][6] == "Chưa đánh giá"
    assert import_initiatives(db, out, campaign.id, TODAY) == ImportResult(added=0, updated=0, unchanged=4)
    assert _dump(db) == before


def test_a_campaign_allowing_two_takes_two_rows_of_a_unit(council, tmp_path):
    db, units, campaign, author = council
    save_campaign(db, replace(campaign, max_per_unit=2))
    rows = [GOOD_ROWS[0], ["P01", "Dân vận khéo", "Mô hình", "", "03/11/2018", "", ""]]
    path = _initiatives_file(tmp_path, rows)
    assert import_initiatives(db, path, campaign.id, TODAY) == ImportResult(added=2, updated=0, unchanged=0)
    # Re-import matches each row by unit and title.
    assert import_initiatives(db, path, campaign.id, TODAY) == ImportResult(added=0, updated=0, unchanged=2)
    assert [i.title for i in list_initiatives(db, campaign.id)] == [
        "Ứng dụng phần mềm một cửa điện tử", "Dân vận khéo",
    ]


# --- initiatives: bad input, nothing written ----------------------------------------------------


def _row(unit="P01", title="Một cửa điện tử", kind="Mô hình", field="", registered="03/11/2018",
         reported="", assessment=""):
    return [unit, title, kind, field, registered, reported, assessment]


@pytest.mark.parametrize(
    "rows, errors",
    [
        (
            [_row(registered="20/11/2018", reported="19/11/2018")],
            ["Dòng 2, cột Ngày báo cáo kết quả: phải từ ngày đăng ký (20/11/2018) trở đi"],
        ),
        (
            [_row(registered="", reported="27/01/2019")],
            ["Dòng 2, cột Ngày đăng ký: có ngày báo cáo kết quả nhưng chưa có ngày đăng ký"],
        ),
        ([_row(registered="")], ["Dòng 2, cột Ngày đăng ký: bỏ trống (bắt buộc)"]),
        ([_row(unit="KHONGCO")], ["Dòng 2, cột Mã đơn vị: không có đơn vị mã “KHONGCO” trong danh sách đơn vị"]),
        ([_row(unit="")], ["Dòng 2, cột Mã đơn vị: bỏ trống (bắt buộc)"]),
        ([_row(unit="NV")], [f"Dòng 2, cột Mã đơn vị: đơn vị NV không tham gia đợt thi đua “{CAMPAIGN_NAME}”"]),
        (
            [_row(), _row(title="Dân vận khéo")],
            ["Dòng 3, cột Mã đơn vị: đơn vị P01 đã có mô hình, sáng kiến, giải pháp ở dòng 2 "
             "(tối đa 1 mỗi đơn vị)"],
        ),
        (
            [_row(), _row(title="  MỘT CỬA  ĐIỆN TỬ ")],
            ["Dòng 3, cột Tên mô hình, sáng kiến, giải pháp: trùng với dòng 2 (cùng đơn vị P01, cùng tên)"],
        ),
        (
            [_row(reported="27/01/2019", assessment="Xuất sắc")],
            [f"Dòng 2, cột Đánh giá của Hội đồng: “Xuất sắc” không hợp lệ, chọn một trong: {ASSESSMENT_CHOICES}"],
        ),
        (
            [_row(kind="Đề án")],
            ["Dòng 2, cột Loại: “Đề án” không hợp lệ, chọn một trong: Mô hình, Sáng kiến, Giải pháp"],
        ),
        ([_row(kind="")], ["Dòng 2, cột Loại: bỏ trống (bắt buộc)"]),
        ([_row(title=" ")], ["Dòng 2, cột Tên mô hình, sáng kiến, giải pháp: bỏ trống (bắt buộc)"]),
        ([_row(title="x" * 501)], ["Dòng 2, cột Tên mô hình, sáng kiến, giải pháp: dài quá 500 ký tự"]),
        (
            [_row(field="Chuyển đổi số")],
            ["Dòng 2, cột Lĩnh vực: “Chuyển đổi số” không có trong danh sách lĩnh vực của đợt thi đua"],
        ),
        ([_row(registered="02/03/2019")], ["Dòng 2, cột Ngày đăng ký: ngày 02/03/2019 ở tương lai"]),
        ([_row(reported="02/03/2019")], ["Dòng 2, cột Ngày báo cáo kết quả: ngày 02/03/2019 ở tương lai"]),
        ([_row(registered="31/02/2018")], ["Dòng 2, cột Ngày đăng ký: ngày 31/02/2018 không tồn tại"]),
        ([_row(reported="hôm qua")], ["Dòng 2, cột Ngày báo cáo kết quả: “hôm qua” không phải ngày dạng dd/mm/yyyy"]),
        (
            [_row(unit="P03", title="Đúng"), _row(unit="KHONGCO", kind="Đề án", registered="")],
            ["Dòng 3, cột Mã đơn vị: không có đơn vị mã “KHONGCO” trong danh sách đơn vị",
             "Dòng 3, cột Loại: “Đề án” không hợp lệ, chọn một trong: Mô hình, Sáng kiến, Giải pháp",
             "Dòng 3, cột Ngày đăng ký: bỏ trống (bắt buộc)"],
        ),
    ],
)
def test_a_bad_initiative_file_is_refused_with_every_error_and_nothing_written(
    council, tmp_path, rows, errors
):
    db, units, campaign, author = council
    import_initiatives(db, _initiatives_file(tmp_path, [GOOD_ROWS[2]], name="truoc.xlsx"), campaign.id, TODAY)
    before = _dump(db)
    path = _initiatives_file(tmp_path, rows)
    assert _rejected(lambda: import_initiatives(db, path, campaign.id, TODAY)) == errors
    assert _rejected(lambda: import_initiatives(db, path, campaign.id, TODAY, dry_run=True)) == errors
    assert _dump(db) == before


def test_an_unknown_campaign_is_refused(council, tmp_path):
    db, units, campaign, author = council
    before = _dump(db)
    path = _initiatives_file(tmp_path, GOOD_ROWS)
    assert _rejected(lambda: import_initiatives(db, path, 99, TODAY)) == ["Không có đợt thi đua số 99"]
    assert _dump(db) == before


def test_a_new_row_for_a_unit_already_at_its_maximum_is_refused(council, tmp_path):
    db, units, campaign, author = council
    save_campaign(db, replace(campaign, max_per_unit=2))
    for title in ("Một cửa điện tử", "Dân vận khéo"):
        save_initiative(db, Initiative(campaign_id=campaign.id, unit_id=units["P01"].id, title=title,
                                       kind=InitiativeKind.MO_HINH, registered_on=dt.date(2018, 11, 3)), TODAY)
    before = _dump(db)
    path = _initiatives_file(tmp_path, [_row(title="Số hóa hồ sơ")])
    assert _rejected(lambda: import_initiatives(db, path, campaign.id, TODAY)) == [
        "Dòng 2, cột Mã đơn vị: đơn vị P01 đã có mô hình, sáng kiến, giải pháp trong đợt này "
        "(tối đa 2 mỗi đơn vị)"
    ]
    assert _dump(db) == before


def test_a_wrong_header_row_is_refused(council, tmp_path):
    db, units, campaign, author = council
    before = _dump(db)
    headers = [*INITIATIVE_HEADERS[:6], "Đánh giá"]
    path = _xlsx(tmp_path / "sai.xlsx", headers, [_row()])
    assert _rejected(lambda: import_initiatives(db, path, campaign.id, TODAY)) == [
        "Dòng 1, cột Đánh giá của Hội đồng: tiêu đề ở cột G phải là “Đánh giá của Hội đồng”, tệp ghi “Đánh giá”"
    ]
    assert _dump(db) == before


# --- the optional "Tác giả" column (issue 13) ------------------------------------------------------


def _with_authors(tmp_path, rows, name="tac_gia.xlsx"):
    return _xlsx(tmp_path / name, [*INITIATIVE_HEADERS, "Tác giả"], rows)


def _second_author(db, units):
    return add_staff(db, Staff(code="CB0040", full_name="Trần Thị Bình", gender=Gender.NU,
                               category=StaffCategory.CONG_CHUC, unit_id=units["P01"].id,
                               recruited_on=dt.date(2012, 1, 1)), TODAY)


def test_the_authors_column_gives_codes_in_order_the_first_one_chu_tri(council, tmp_path):
    db, units, campaign, author = council
    binh = _second_author(db, units)
    rows = [[*GOOD_ROWS[0], "cb0040 ;CB01"], [*GOOD_ROWS[1], ""]]
    assert import_initiatives(db, _with_authors(tmp_path, rows), campaign.id, TODAY) == ImportResult(2, 0, 0)
    by_unit = {i.unit_code: i for i in list_initiatives(db, campaign.id)}
    assert by_unit["P01"].authors == (Author(binh.id, AuthorRole.CHU_TRI), Author(author.id, AuthorRole.THAM_GIA))
    assert by_unit["P03"].authors == ()
    # The same file again changes nothing; a new order changes the roles, keeping a share entered since.
    assert import_initiatives(db, _with_authors(tmp_path, rows), campaign.id, TODAY) == ImportResult(0, 0, 2)
    save_initiative(db, replace(by_unit["P01"], authors=(Author(binh.id, AuthorRole.CHU_TRI, 30),
                                                         Author(author.id, AuthorRole.THAM_GIA, 70)), author_ids=()),
                    TODAY)
    rows[0][7] = "CB01; CB0040"
    assert import_initiatives(db, _with_authors(tmp_path, rows, "b.xlsx"), campaign.id, TODAY) == ImportResult(0, 1, 1)
    assert next(i for i in list_initiatives(db, campaign.id) if i.unit_code == "P01").authors == (
        Author(author.id, AuthorRole.CHU_TRI, 70.0), Author(binh.id, AuthorRole.THAM_GIA, 30.0))


def test_an_empty_authors_cell_or_a_file_without_the_column_keeps_the_authors(council, tmp_path):
    db, units, campaign, author = council
    import_initiatives(db, _with_authors(tmp_path, [[*GOOD_ROWS[0], "CB01"]]), campaign.id, TODAY)
    assert import_initiatives(db, _with_authors(tmp_path, [[*GOOD_ROWS[0], ""]], "b.xlsx"), campaign.id,
                              TODAY) == ImportResult(0, 0, 1)
    assert import_initiatives(db, _initiatives_file(tmp_path, [GOOD_ROWS[0]]), campaign.id,
                              TODAY) == ImportResult(0, 0, 1)
    assert list_initiatives(db, campaign.id)[0].author_ids == (author.id,)


def test_an_unknown_or_repeated_author_code_is_a_row_error_and_nothing_is_written(council, tmp_path):
    db, units, campaign, author = council
    before = _dump(db)
    rows = [[*GOOD_ROWS[0], "CB01; CB0099"], [*GOOD_ROWS[1], "CB01; cb01"]]
    assert _rejected(lambda: import_initiatives(db, _with_authors(tmp_path, rows), campaign.id, TODAY)) == [
        "Dòng 2, cột Tác giả: không có cán bộ mã CB0099 (mã cán bộ cách nhau bằng dấu “;”)",
        "Dòng 3, cột Tác giả: mã cán bộ CB01 ghi hai lần",
    ]
    assert _dump(db) == before


def test_a_column_after_the_authors_is_still_refused(council, tmp_path):
    db, units, campaign, author = council
    path = _xlsx(tmp_path / "thua.xlsx", [*INITIATIVE_HEADERS, "Tác giả", "Ghi chú"], [[*GOOD_ROWS[0], "CB01", "x"]])
    assert _rejected(lambda: import_initiatives(db, path, campaign.id, TODAY)) == [
        "Dòng 1, cột Ghi chú: cột thừa ở cột I, mẫu chỉ có 8 cột"]
