"""Odd files that hold good data (at the limits, dates and numbers as text) are accepted; exports are safe to open."""
import datetime as dt
import re
import zipfile
from xml.sax.saxutils import escape

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from models.exports import write_template
from models.people.imports import STAFF_HEADERS, UNIT_HEADERS, import_staff, import_units
from models.quarters.imports_classifications import HEADERS as CLASSIFICATION_HEADERS
from models.quarters.imports_classifications import import_classifications
from models.exchange.xlsx import MAX_CELL_TEXT, MAX_DATA_ROWS, Column, ImportRejected, read_rows, write_workbook

from .hostile_data import (  # noqa: F401  (seeded is a fixture)
    GOOD_ROWS,
    TOO_LONG,
    _chain,
    _raw_xlsx,
    _row_xml,
    _xlsx,
    seeded,
)

# --- the limits ------------------------------------------------------------------------------


def test_exactly_the_row_limit_is_not_refused_for_its_size(tmp_path):
    rows = (_row_xml(r, ["", "", "", "", "P01"]) for r in range(2, MAX_DATA_ROWS + 2))
    path = _raw_xlsx(tmp_path / "vua_du.xlsx", _chain([_row_xml(1, STAFF_HEADERS)], rows))
    assert len(read_rows(path, STAFF_HEADERS)) == MAX_DATA_ROWS


def test_formatting_only_rows_past_the_limit_do_not_count(seeded, tmp_path, today):
    # A user who put borders on rows 2-150001: the sheet has 150,000 <row> elements, two with data.
    rows = [_row_xml(1, STAFF_HEADERS), _row_xml(2, GOOD_ROWS["staff"][0]), _row_xml(3, GOOD_ROWS["staff"][1])]
    empty = (f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>'
             for r in range(4, 150_002))
    path = _raw_xlsx(tmp_path / "ke_o.xlsx", _chain(rows, empty))
    assert import_staff(seeded, path, today).added == 2


def test_long_text_limit_is_inclusive(tmp_path):
    headers = ["Mã", "Ghi chú"]
    path = _xlsx(tmp_path / "a.xlsx", headers, [["A", "x" * MAX_CELL_TEXT], ["B", " " + "y" * MAX_CELL_TEXT + " "]])
    assert [len(r.cells["Ghi chú"]) for r in read_rows(path, headers)] == [MAX_CELL_TEXT, MAX_CELL_TEXT]
    path = _xlsx(tmp_path / "b.xlsx", headers, [["A", "x" * (MAX_CELL_TEXT + 1)], ["B", "z" * 5_000]])
    with pytest.raises(ImportRejected) as caught:
        read_rows(path, headers)
    assert caught.value.errors == [TOO_LONG.format(2, "Ghi chú", "2.001"), TOO_LONG.format(3, "Ghi chú", "5.000")]


def test_merged_cells_only_in_the_formatting_below_the_data_are_ignored(seeded, tmp_path, today):
    def edit(workbook, sheet):
        sheet.merge_cells("A40:C41")  # no value there: nothing is read from it
    path = _xlsx(tmp_path / "gop_duoi.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)
    assert import_staff(seeded, path, today).added == 2


# --- odd files that hold good data are accepted ------------------------------------------


def test_a_hidden_sheet_that_is_not_the_first_is_ignored(seeded, tmp_path, today):
    def edit(workbook, sheet):
        workbook.create_sheet("Ẩn").sheet_state = "hidden"
    path = _xlsx(tmp_path / "an_sau.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)
    assert import_staff(seeded, path, today).added == 2


def test_a_filled_in_template_with_drop_down_lists_is_not_taken_for_formulas(seeded, tmp_path, today):
    # The template's data validations are <formula1> elements in the sheet's XML.
    path = tmp_path / "mau.xlsx"
    write_template("staff", path)
    workbook = load_workbook(path)
    for row in GOOD_ROWS["staff"]:
        workbook.active.append(row)
    workbook.save(path)
    assert b"<formula1>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert import_staff(seeded, path, today).added == 2


def test_exported_formula_like_text_imports_back_as_text(seeded, tmp_path):
    path = tmp_path / "dv.xlsx"
    rows = [["P07", "=1+1", "Phường", "@Lê Văn A", "-Chủ tịch"], ["P08", "+Phường 8", "Phường", "", ""]]
    write_workbook(path, "Đơn vị", [Column(h, 10) for h in UNIT_HEADERS], rows)
    assert import_units(seeded, path).added == 2
    assert seeded.execute("SELECT name, head_name, head_title FROM unit WHERE code IN ('P07', 'P08') "
                          "ORDER BY code").fetchall() == [("=1+1", "@Lê Văn A", "-Chủ tịch"), ("+Phường 8", "", "")]


def _stored_births(db):
    return dict(db.execute("SELECT code, birth_date FROM staff WHERE code != 'OLD'").fetchall())


def test_dates_written_in_every_accepted_way_are_read(seeded, tmp_path, today):
    base = GOOD_ROWS["staff"][0]
    serial = (dt.date(1985, 6, 5) - dt.date(1899, 12, 30)).days  # 31203
    births = [dt.date(1985, 6, 5), dt.datetime(1985, 6, 5), "05/06/1985", "5/6/1985", "1985-06-05",
              "05.06.1985", "05-06-1985", "05061985", serial, float(serial)]
    rows = [[f"CB{i:02d}", base[1], birth, *base[3:8], 43101] for i, birth in enumerate(births, start=1)]
    path = _xlsx(tmp_path / "ngay.xlsx", STAFF_HEADERS, rows)
    assert import_staff(seeded, path, today).added == len(births)
    assert set(_stored_births(seeded).values()) == {"1985-06-05"}
    assert {r[0] for r in seeded.execute("SELECT recruited_on FROM staff WHERE code != 'OLD'")} == {"2018-01-01"}


def test_numbers_stored_as_text_are_read_and_codes_keep_their_zeros(seeded, tmp_path, today):
    rows = [["001", "Nguyễn Văn Ánh", "01/06/1985", "Nam", "007", "", "Công chức", "0", "01/03/2015"],
            ["0002", "Lê Thị Bình", "02/03/1990", "Nữ", " 007 ", "", "Viên chức", "1", ""],
            ["5003.0", "Trần Văn Cường", "", "Nam", "P01", "", "Cán bộ", "Không", ""]]
    path = _xlsx(tmp_path / "so_dang_chu.xlsx", STAFF_HEADERS, rows)
    assert import_staff(seeded, path, today).added == 3
    assert seeded.execute(
        "SELECT s.code, u.code, s.is_leader FROM staff s JOIN staff_unit h ON h.staff_id = s.id "
        "JOIN unit u ON u.id = h.unit_id WHERE s.code != 'OLD' ORDER BY s.code"
    ).fetchall() == [("0002", "007", 1), ("001", "007", 0), ("5003", "P01", 0)]


def test_year_and_quarter_stored_as_text_are_read_in_the_classification_import(seeded, tmp_path):
    rows = [["OLD", "Phạm Văn Cũ", " 2018 ", "3", "Hoàn thành tốt nhiệm vụ", "", ""],
            ["OLD", "Phạm Văn Cũ", "2018.0", "2.0", "Hoàn thành nhiệm vụ", "", ""]]
    path = _xlsx(tmp_path / "xep_loai.xlsx", CLASSIFICATION_HEADERS, rows)
    assert import_classifications(seeded, path).added == 2
    assert seeded.execute("SELECT year, quarter, level FROM classification ORDER BY quarter").fetchall() == [
        (2018, 2, "hoan_thanh"), (2018, 3, "tot")]


# --- exports are safe to open (point 6) ------------------------------------------------------


FORMULA_LIKE = ["=1+1", "=cmd|' /C calc'!A0", "+1+1", "+84 912 345 678", "-2+3", "-Phó chủ tịch",
                "@SUM(A1:A2)", '=HYPERLINK("http://example.invalid","bấm vào đây")']


def test_export_writes_formula_like_text_as_strings_never_formulas(tmp_path):
    path = tmp_path / "xuat.xlsx"
    write_workbook(path, "Xuất", [Column("Nội dung", 30)], [[text] for text in FORMULA_LIKE])
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    # In the file: no <f> element, every data cell an inline string holding exactly the text
    # (t="inlineStr": Excel shows it as text; a formula would be an <f> element, t="str" its result).
    assert re.search(r"<f[\s>/]", xml) is None
    cells = re.findall(r'<c r="A(\d+)"[^>]*? t="(\w+)"[^>]*>(.*?)</c>', xml)
    assert [(int(r), t) for r, t, _ in cells] == [(r, "inlineStr") for r in range(1, len(FORMULA_LIKE) + 2)]
    # (lxml, which python-docx brings, writes non-ASCII letters as character references: the same XML text)
    assert [re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), body) for *_, body in cells[1:]] == [
        f"<is><t>{escape(text)}</t></is>" for text in FORMULA_LIKE]
    # As Excel-like readers see it: strings, exactly the text, for each of = + - @.
    sheet = load_workbook(path).active
    found = [(c.value, c.data_type) for c in sheet["A"][1:]]
    assert found == [(text, "s") for text in FORMULA_LIKE]
    assert {text[0] for text in FORMULA_LIKE} == {"=", "+", "-", "@"}
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in grid[1:]] == FORMULA_LIKE
    # And the reader of imports sees no formula in it.
    assert [r.cells["Nội dung"] for r in read_rows(path, ["Nội dung"])] == FORMULA_LIKE
