"""Issue 12, point 11: what an import used to do without a word. Rows hidden (or filtered) in Excel
are imported with a warning per row; values in a column without a header refuse the file; a
workbook in the 1904 date system gives the dates the user sees."""
import datetime as dt

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from models.exchange.import_common import ImportResult
from models.exchange.xlsx import ImportRejected
from models.people.imports import import_staff, import_units
from models.people.imports_discipline import HEADERS as DISCIPLINE_HEADERS
from models.people.imports_discipline import import_discipline

from .imports_data import (  # noqa: F401  (seeded is a fixture)
    GOOD_UNITS,
    STAFF_HEADERS,
    UNIT_HEADERS,
    _dump,
    _staff_row,
    seeded,
)

TODAY = dt.date(2018, 12, 1)
HIDDEN_ROW = "Dòng {} đang bị ẩn trong Excel (ẩn hoặc bị lọc), vẫn được nhập"
NO_HEADER = ("Dòng {}, cột {}: có giá trị{} nhưng cột {} không có tiêu đề, mẫu chỉ có {} cột; hãy xoá "
             "các giá trị đó hoặc chuyển vào đúng cột")


def _book(path, headers, rows, edit=None, epoch=None):
    workbook = Workbook()
    if epoch is not None:
        workbook.epoch = epoch
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    workbook.save(str(path))
    return path


def _hide_and_filter(sheet):
    sheet.row_dimensions[3].hidden = True  # hidden by hand
    sheet.auto_filter.ref = "A1:I5"
    sheet.auto_filter.add_filter_column(4, ["P01"])
    sheet.row_dimensions[5].hidden = True  # what Excel saves for a row its filter hides
    sheet.row_dimensions[7].hidden = True  # hidden and empty: nothing is read there, nothing said


@pytest.mark.parametrize("dry_run", [True, False])
def test_hidden_and_filtered_rows_are_imported_with_a_warning_each(seeded, tmp_path, dry_run):
    rows = [_staff_row(code=f"CB{i}", unit="P03" if i == 5 else "P01") for i in range(2, 6)]
    path = _book(tmp_path / "an_dong.xlsx", STAFF_HEADERS, rows, edit=_hide_and_filter)
    result = import_staff(seeded, path, TODAY, dry_run=dry_run)
    assert result == ImportResult(4, 0, 0, dry_run, warnings=(HIDDEN_ROW.format(3), HIDDEN_ROW.format(5)))
    assert result.summary().splitlines()[1:] == ["Lưu ý:", HIDDEN_ROW.format(3), HIDDEN_ROW.format(5)]
    stored = {r[0] for r in seeded.execute("SELECT code FROM staff")}
    assert stored == ({"OLD"} if dry_run else {"OLD", "CB2", "CB3", "CB4", "CB5"})


def test_a_summary_lists_twenty_warnings_and_counts_the_rest():
    result = ImportResult(25, 0, 0, warnings=tuple(HIDDEN_ROW.format(n) for n in range(2, 27)))
    lines = result.summary().splitlines()
    assert lines[0] == "Đã thêm 25, cập nhật 0, giữ nguyên 0 dòng."
    assert lines[1] == "Lưu ý:" and lines[2:22] == [HIDDEN_ROW.format(n) for n in range(2, 22)]
    assert lines[22:] == ["... và 5 lưu ý khác"]
    assert result.summary(with_warnings=False) == lines[0]


def test_values_in_a_column_without_a_header_refuse_the_file(seeded, tmp_path):
    def edit(sheet):
        sheet["G2"] = "ghi chú"
        sheet["G4"] = 5
        sheet["H3"] = "  "  # only spaces: nothing is lost, nothing said
    path = _book(tmp_path / "don_vi.xlsx", UNIT_HEADERS, GOOD_UNITS, edit=edit)
    before = _dump(seeded)
    with pytest.raises(ImportRejected) as refused:
        import_units(seeded, path)
    assert refused.value.errors == [NO_HEADER.format(2, "G", " (và 1 dòng khác)", "G", 5)]
    assert _dump(seeded) == before


def test_a_discipline_file_without_its_optional_headers_keeps_no_value_under_them(seeded, tmp_path):
    # Four headers (the optional year and note left out), and a note typed in column F anyway.
    rows = [["OLD", "Khiển trách", "12/QĐ-UBND", "10/05/2018", None, "để ý"]]
    path = _book(tmp_path / "ky_luat.xlsx", DISCIPLINE_HEADERS[:4], rows)
    with pytest.raises(ImportRejected) as refused:
        import_discipline(seeded, path, TODAY)
    assert refused.value.errors == [NO_HEADER.format(2, "F", "", "F", 4)]
    assert seeded.execute("SELECT count(*) FROM discipline").fetchone()[0] == 0


def test_dates_of_a_1904_workbook_are_the_dates_excel_shows(seeded, tmp_path):
    # A date cell, and a date whose format was lost (the bare serial number), in a workbook saved
    # in the 1904 date system (Excel for Mac of old): day 0 is 01/01/1904, not 30/12/1899.
    recruited = dt.date(2015, 3, 1)
    serial = (recruited - dt.date(1904, 1, 1)).days

    def edit(sheet):
        sheet["I2"].number_format = "General"
    path = _book(tmp_path / "mac.xlsx", STAFF_HEADERS, [_staff_row(birth=dt.date(1985, 6, 1), recruited=serial)],
                 edit=edit, epoch=CALENDAR_MAC_1904)
    import zipfile
    with zipfile.ZipFile(path) as archive:
        assert b'date1904="1"' in archive.read("xl/workbook.xml")
    assert import_staff(seeded, path, TODAY).added == 1
    stored = seeded.execute("SELECT birth_date, recruited_on FROM staff WHERE code = 'CB01'").fetchone()
    assert tuple(stored) == ("1985-06-01", "2015-03-01")


@pytest.mark.parametrize("values", [
    ["Nam", "Nữ", "nam", "X", "", "Nam"],  # text only: looked up by the text
    ["Nam", True, 1, 1.0, "1", None, "X", 1],  # True, 1 and 1.0: three cells, three answers
])
def test_a_coded_column_read_at_once_gives_what_each_cell_gives(values):
    from models.common.codes import Gender
    from models.exchange.import_common import ByValue, CellErrors, choice_value
    from models.exchange.xlsx import Row

    rows = [Row(n, {"Giới tính": v}) for n, v in enumerate(values, start=2)]
    by_cell, by_column = CellErrors(["Giới tính"]), CellErrors(["Giới tính"])
    read = ByValue(lambda value: choice_value(value, Gender))
    one_by_one = [read(by_cell, row, "Giới tính") for row in rows]
    at_once = ByValue(lambda value: choice_value(value, Gender)).column(by_column, rows, "Giới tính")
    assert at_once == one_by_one
    assert by_column.items == by_cell.items and by_cell.items  # the same messages, the wrong cells named


@pytest.mark.parametrize("values", [
    ["CB00001", "Nguyễn Văn Ánh", "Lê Thị Bé", ""],  # already clean: taken as they are
    ["Nguyễn  Văn Ánh", "Lê Thị Bé"],  # two spaces in a row
    [" Lê Thị Bé", "x"], ["x", "Lê Thị Bé "],  # not trimmed
    ["a", "", "b"],  # an empty cell between two
    ["Lê\u00a0Thị Bé", "Đỗ\tVăn"],  # other white space
    ["Nguye\u0302\u0303n Văn Ánh", "x"],  # decomposed
    ["\u0301a", "b"], ["b", "\u0301a"],  # a piece that begins with a combining mark
    ["\u1100", "\u1161"],  # Hangul jamo that would join without the space
    ["2018.0", "CB01"], ["CB01", "12.0"],  # numbers saved as text
    ["CB01", 2018.0, True, None], [dt.date(2020, 1, 2), "x"],  # not text
    ["a\u200bb", "c"],  # an invisible character
])
def test_a_column_of_cells_is_cleaned_as_each_cell_is(values):
    from models.common.text import clean
    from models.exchange.xlsx import cell_text, clean_cell_texts

    assert clean_cell_texts(values) == [clean(cell_text(v)) for v in values]
