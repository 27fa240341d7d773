"""Importing units and staff from xlsx: all or nothing, every error listed exactly, nothing written."""
import re

import pytest
from python_calamine import CalamineWorkbook

from models.exports import write_template
from models.people.imports import import_staff, import_units
from models.exchange.xlsx import ImportRejected

from .imports_data import GOOD_UNITS, STAFF_HEADERS, UNIT_HEADERS, _dump, _staff_file, _staff_row, _units_file, _xlsx
from .imports_data import rejected as _rejected, seeded  # noqa: F401  (seeded is a fixture)


MESSAGE = re.compile(r"^Dòng \d+, cột [^:]+: .+$")
NO_DATA = "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"


def test_empty_template_imports_as_no_data(db, tmp_path, today):
    path = tmp_path / "mau.xlsx"
    write_template("staff", path)
    assert _rejected(lambda: import_staff(db, path, today)) == [NO_DATA]


def test_move_on_the_day_the_current_membership_starts_is_refused(seeded, tmp_path, today):
    import_staff(seeded, _staff_file(tmp_path, [_staff_row(unit="P01", recruited="01/12/2018")]),
                 today)
    before = _dump(seeded)
    path = _staff_file(tmp_path, [_staff_row(unit="P03", recruited="01/12/2018")], name="b.xlsx")
    assert _rejected(lambda: import_staff(seeded, path, today)) == [
        "Dòng 2, cột Mã đơn vị: cán bộ đang ở đơn vị P01 từ ngày 01/12/2018, "
        "không thể ghi chuyển sang đơn vị khác từ ngày 01/12/2018"
    ]
    assert _dump(seeded) == before


def test_empty_rows_between_data_keep_excel_row_numbers(seeded, tmp_path, today):
    rows = [_staff_row(), ["", " ", None], _staff_row(code="CB02", name="Lê Thị Bình", unit="ZZ")]
    assert _rejected(lambda: import_staff(seeded, _staff_file(tmp_path, rows), today)) == [
        "Dòng 4, cột Mã đơn vị: không có đơn vị mã “ZZ” trong danh sách đơn vị"
    ]


# --- bad input: nothing written, each error exactly --------------------------------------


@pytest.mark.parametrize(
    "rows, errors",
    [
        pytest.param(
            [_staff_row(unit="P99")],
            ["Dòng 2, cột Mã đơn vị: không có đơn vị mã “P99” trong danh sách đơn vị"],
            id="unknown-unit",
        ),
        pytest.param(
            [_staff_row(), _staff_row(name="Lê Thị Bình"), _staff_row(code="cb01 ", name="Võ An")],
            ["Dòng 3, cột Mã cán bộ: mã “CB01” trùng với dòng 2",
             "Dòng 4, cột Mã cán bộ: mã “CB01” trùng với dòng 2"],
            id="duplicate-code",
        ),
        pytest.param(
            [_staff_row(birth="31/02/2018")],
            ["Dòng 2, cột Ngày sinh: ngày 31/02/2018 không tồn tại"],
            id="impossible-date",
        ),
        pytest.param(
            [_staff_row(recruited="abc")],
            ["Dòng 2, cột Ngày tuyển dụng: “abc” không phải ngày dạng dd/mm/yyyy"],
            id="not-a-date",
        ),
        pytest.param(
            [_staff_row(birth=31121990)],
            ["Dòng 2, cột Ngày sinh: “31121990” là một số, không phải ngày (cần dạng dd/mm/yyyy)"],
            id="date-as-number",
        ),
        pytest.param(
            [_staff_row(birth="02/12/2018", recruited="")],
            ["Dòng 2, cột Ngày sinh: ngày sinh 02/12/2018 ở tương lai"],
            id="future-birth",
        ),
        pytest.param(
            [_staff_row(birth="01/06/1985", recruited="01/06/1985")],
            ["Dòng 2, cột Ngày tuyển dụng: ngày tuyển dụng phải sau ngày sinh"],
            id="recruited-on-birth-day",
        ),
        pytest.param([_staff_row(gender="")], ["Dòng 2, cột Giới tính: bỏ trống (bắt buộc)"], id="empty-gender"),
        pytest.param([_staff_row(unit="")], ["Dòng 2, cột Mã đơn vị: bỏ trống (bắt buộc)"], id="empty-unit"),
        pytest.param([_staff_row(name="")], ["Dòng 2, cột Họ và tên: bỏ trống (bắt buộc)"], id="empty-name"),
        pytest.param([_staff_row(code="")], ["Dòng 2, cột Mã cán bộ: bỏ trống (bắt buộc)"], id="empty-code"),
        pytest.param(
            [_staff_row(category="Hợp đồng", leader="Phó")],
            ["Dòng 2, cột Đối tượng: “Hợp đồng” không hợp lệ, chọn một trong: Cán bộ, Công chức, "
             "Viên chức, Người lao động",
             "Dòng 2, cột Lãnh đạo, quản lý: “Phó” không hợp lệ, ghi Có hoặc Không"],
            id="bad-choices",
        ),
        pytest.param(
            [_staff_row(code="", name="", birth="x", gender="", unit="", category="")],
            ["Dòng 2, cột Mã cán bộ: bỏ trống (bắt buộc)",
             "Dòng 2, cột Họ và tên: bỏ trống (bắt buộc)",
             "Dòng 2, cột Ngày sinh: “x” không phải ngày dạng dd/mm/yyyy",
             "Dòng 2, cột Giới tính: bỏ trống (bắt buộc)",
             "Dòng 2, cột Mã đơn vị: bỏ trống (bắt buộc)",
             "Dòng 2, cột Đối tượng: bỏ trống (bắt buộc)"],
            id="every-error-in-column-order",
        ),
    ],
)
def test_bad_staff_file_is_rejected_with_exact_messages_and_nothing_written(
    seeded, tmp_path, today, rows, errors
):
    before = _dump(seeded)
    path = _staff_file(tmp_path, rows)
    found = _rejected(lambda: import_staff(seeded, path, today))
    assert found == errors
    assert all(MESSAGE.match(e) for e in found)
    assert _dump(seeded) == before
    # A dry run finds the same errors.
    assert _rejected(lambda: import_staff(seeded, path, today, dry_run=True)) == errors
    assert _dump(seeded) == before


@pytest.mark.parametrize(
    "rows, errors",
    [
        pytest.param(
            [["P05", "Phường 5", "Phường", "", ""], ["p05", "Phường Năm", "Phường", "", ""]],
            ["Dòng 3, cột Mã đơn vị: mã “P05” trùng với dòng 2"],
            id="duplicate-code",
        ),
        pytest.param([["", "Phường 5", "Phường", "", ""]], ["Dòng 2, cột Mã đơn vị: bỏ trống (bắt buộc)"], id="empty-code"),
        pytest.param([["P05", " ", "Phường", "", ""]], ["Dòng 2, cột Tên đơn vị: bỏ trống (bắt buộc)"], id="empty-name"),
        pytest.param([["P05", "Phường 5", "", "", ""]], ["Dòng 2, cột Loại đơn vị: bỏ trống (bắt buộc)"], id="empty-kind"),
        pytest.param(
            [["P 05", "Phường 5", "Quận", "", ""]],
            ["Dòng 2, cột Mã đơn vị: mã đơn vị chỉ gồm chữ không dấu, chữ số và - _ . / "
             "(ví dụ P01, NV)",
             "Dòng 2, cột Loại đơn vị: “Quận” không hợp lệ, chọn một trong: Cơ quan chuyên môn, "
             "Trung tâm Phục vụ hành chính công, Đơn vị sự nghiệp, Trường học, Trạm y tế, Mặt trận - Đoàn thể, "
             "Tổ chức cơ sở Đảng, Phường, Khu phố - Ấp, Khác"],
            id="bad-code-and-kind",
        ),
    ],
)
def test_bad_unit_file_is_rejected_with_exact_messages_and_nothing_written(
    seeded, tmp_path, rows, errors
):
    before = _dump(seeded)
    found = _rejected(lambda: import_units(seeded, _units_file(tmp_path, rows)))
    assert found == errors
    assert all(MESSAGE.match(e) for e in found)
    assert _dump(seeded) == before


def test_one_bad_row_among_good_rows_writes_none_of_them(seeded, tmp_path, today):
    before = _dump(seeded)
    rows = [_staff_row(code=f"CB{i:02d}", name="Nguyễn Văn An") for i in range(1, 6)]
    rows.insert(3, _staff_row(code="BAD", birth="31/02/2018"))
    found = _rejected(lambda: import_staff(seeded, _staff_file(tmp_path, rows), today))
    assert found == ["Dòng 5, cột Ngày sinh: ngày 31/02/2018 không tồn tại"]
    assert _dump(seeded) == before

    unit_rows = GOOD_UNITS + [["P09", "Phường 9", "Phường mới", "", ""]]
    found = _rejected(lambda: import_units(seeded, _units_file(tmp_path, unit_rows)))
    assert found == [
        "Dòng 5, cột Loại đơn vị: “Phường mới” không hợp lệ, chọn một trong: Cơ quan chuyên môn, "
        "Trung tâm Phục vụ hành chính công, Đơn vị sự nghiệp, Trường học, Trạm y tế, Mặt trận - Đoàn thể, "
        "Tổ chức cơ sở Đảng, Phường, Khu phố - Ấp, Khác"
    ]
    assert _dump(seeded) == before


def test_wrong_header_is_rejected(seeded, tmp_path, today):
    before = _dump(seeded)
    headers = list(STAFF_HEADERS)
    headers[2] = "Ngày tháng năm sinh"
    path = _xlsx(tmp_path / "sai.xlsx", headers + ["Ghi chú"], [_staff_row()])
    assert _rejected(lambda: import_staff(seeded, path, today)) == [
        "Dòng 1, cột Ngày sinh: tiêu đề ở cột C phải là “Ngày sinh”, tệp ghi “Ngày tháng năm sinh”",
        "Dòng 1, cột Ghi chú: cột thừa ở cột J, mẫu chỉ có 9 cột",
    ]
    assert _dump(seeded) == before


def test_missing_header_is_rejected(seeded, tmp_path):
    before = _dump(seeded)
    path = _xlsx(tmp_path / "thieu.xlsx", UNIT_HEADERS[:3], [["P05", "Phường 5", "Phường"]])
    assert _rejected(lambda: import_units(seeded, path)) == [
        "Dòng 1, cột Người đứng đầu: thiếu tiêu đề “Người đứng đầu” ở cột D",
        "Dòng 1, cột Chức vụ người đứng đầu: thiếu tiêu đề “Chức vụ người đứng đầu” ở cột E",
    ]
    assert _dump(seeded) == before


def test_staff_file_given_to_the_unit_importer_is_rejected_by_header(seeded, tmp_path):
    before = _dump(seeded)
    path = _staff_file(tmp_path, [_staff_row()])
    errors = _rejected(lambda: import_units(seeded, path))
    assert errors[0] == (
        "Dòng 1, cột Mã đơn vị: tiêu đề ở cột A phải là “Mã đơn vị”, tệp ghi “Mã cán bộ”"
    )
    assert all(MESSAGE.match(e) for e in errors)
    assert _dump(seeded) == before


def test_text_file_named_xlsx_is_rejected(seeded, tmp_path, today):
    before = _dump(seeded)
    path = tmp_path / "can_bo.xlsx"
    path.write_text("Mã cán bộ;Họ và tên\nCB01;Nguyễn Văn Ánh\n", encoding="utf-8")
    assert _rejected(lambda: import_staff(seeded, path, today)) == [
        "Tệp “can_bo.xlsx” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"
    ]
    assert _rejected(lambda: import_units(seeded, path)) == [
        "Tệp “can_bo.xlsx” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"
    ]
    assert _dump(seeded) == before


def test_missing_file_is_rejected(seeded, tmp_path):
    path = tmp_path / "khong_co.xlsx"
    assert _rejected(lambda: import_units(seeded, path)) == [f"Không tìm thấy tệp “{path}”"]


def test_sheet_of_100000_blank_rows_is_no_data(seeded, tmp_path, today):
    before = _dump(seeded)
    path = _staff_file(tmp_path, [], blank_rows=100_000)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len(grid) == 100_001 and grid[-1][0] == "   "
    assert _rejected(lambda: import_staff(seeded, path, today)) == [NO_DATA]
    assert _dump(seeded) == before


def test_many_errors_are_all_listed_but_the_message_is_capped(seeded, tmp_path, today):
    rows = [_staff_row(code=f"CB{i:04d}", unit="P99") for i in range(600)]
    with pytest.raises(ImportRejected) as caught:
        import_staff(seeded, _staff_file(tmp_path, rows), today)
    assert len(caught.value.errors) == 600
    assert caught.value.errors[-1] == (
        "Dòng 601, cột Mã đơn vị: không có đơn vị mã “P99” trong danh sách đơn vị"
    )
    assert str(caught.value).endswith("\n... và 100 lỗi khác")
