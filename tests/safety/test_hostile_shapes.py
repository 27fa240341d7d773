"""Hostile files of issue 12: far cells, zip bombs, lying sizes, error cells, prefixed XML and
part-name case tricks. Each is refused with exactly the expected message(s) before the reader
could be hurt by it, every table of the database unchanged (``_refused``)."""
import datetime as dt
import subprocess
import sys
import time
import zipfile

import pytest

from models.exchange import xlsx_guard
from models.exchange.xlsx import read_rows
from models.people.imports import STAFF_HEADERS, import_staff

from .hostile_data import (  # noqa: F401  (seeded is a fixture)
    _MAIN,
    _WORKBOOK,
    _WORKBOOK_RELS,
    BOMB,
    BROKEN,
    ERROR_CELL,
    FAR,
    FORMULA,
    GOOD_ROWS,
    NO_HEADER,
    TODAY,
    TOO_MANY,
    TOO_MUCH_TEXT,
    UNPACKED,
    _cell,
    _chain,
    _letter,
    _raw_xlsx,
    _refused,
    _row_xml,
    seeded,
)


def _staff_xml(p=""):
    """The header and the two good staff rows, as rows of sheet XML."""
    return [_row_xml(n, values, p) for n, values in enumerate([STAFF_HEADERS, *GOOD_ROWS["staff"]], start=1)]


def _plus(rows_xml, number, cells_xml, p=""):
    """``rows_xml`` with ``cells_xml`` added at the end of row ``number`` (a new row past them)."""
    rows = list(rows_xml)
    if number <= len(rows):
        rows[number - 1] = rows[number - 1].replace(f"</{p}row>", cells_xml + f"</{p}row>")
    else:
        rows.append(f'<{p}row r="{number}">{cells_xml}</{p}row>')
    return rows


def _far(ref, p=""):
    def build(tmp_path):
        number = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        return _raw_xlsx(tmp_path / "o_xa.xlsx", _plus(_staff_xml(p), number, f'<{p}c r="{ref}"><{p}v>1</{p}v></{p}c>', p),
                         prefix=p)
    return build


def _positional_far(tmp_path):
    # Cells without a reference are placed one column right of the previous one, as the reader
    # does: the 51st cell of row 2 is at AY2, past the 50 columns.
    cells = "".join(f"<c><v>{i}</v></c>" for i in range(1, 52))
    return _raw_xlsx(tmp_path / "khong_tham_chieu.xlsx", [_row_xml(1, STAFF_HEADERS), f"<row>{cells}</row>"])


def _error(value):
    return lambda ref: f'<c r="{ref}" t="e"><v>{value}</v></c>'


def _error_cells(tmp_path):
    # Every error Excel shows, as a file saved after a Paste Values of a VLOOKUP holds them.
    rows = [_row_xml(1, STAFF_HEADERS)]
    rows.append(_row_xml(2, [*GOOD_ROWS["staff"][0][:2], None, *GOOD_ROWS["staff"][0][3:4], None,
                             *GOOD_ROWS["staff"][0][5:]]).replace(
        "</row>", _error("#N/A")("C2") + _error("#REF!")("E2") + "</row>"))
    rows.append(_row_xml(3, [GOOD_ROWS["staff"][1][0], None, *GOOD_ROWS["staff"][1][2:]]).replace(
        "</row>", _error("#VALUE!")("B3") + _error("#DIV/0!")("K3") + "</row>"))
    rows.append(_row_xml(4, [GOOD_ROWS["staff"][1][0].replace("2", "4"), *GOOD_ROWS["staff"][1][1:6]]).replace(
        "</row>", _error("#NAME?")("G4") + _error("#NULL!")("H4") + _error("#NUM!")("I4") + "</row>"))
    rows.append('<row r="6">' + _error("#N/A")("A6") + "</row>")  # alone in its row
    return _raw_xlsx(tmp_path / "o_loi.xlsx", rows)


def _formula_with_an_error_result(tmp_path):
    cell = '<c r="C2" t="e"><f>VLOOKUP(A2,Sheet2!A:C,3,FALSE)</f><v>#N/A</v></c>'
    return _raw_xlsx(tmp_path / "vlookup.xlsx", _plus(_staff_xml(), 2, cell))


def _prefixed_error(tmp_path):
    p = "x:"
    return _raw_xlsx(tmp_path / "tien_to_loi.xlsx",
                     _plus(_staff_xml(p), 2, f'<{p}c r="K2" t="e"><{p}v>#REF!</{p}v></{p}c>', p), prefix=p)


def _inner_prefix(tmp_path):
    # The root in the default namespace, <sheetData> and what it holds under a prefix declared
    # on it: a scan that takes the root's prefix for every element's sees no formula.
    root = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
    p = "x:"
    rows = _plus(_staff_xml(p), 2, f'<{p}c r="J2"><{p}f>NOW()</{p}f><{p}v>1</{p}v></{p}c>', p)
    path = tmp_path / "tien_to_trong.xlsx"
    _raw_xlsx(path, [r.replace(f"<{p}row ", f'<{p}row xmlns:x="{_MAIN}" ', 1) for r in rows], root=root)
    with zipfile.ZipFile(path) as archive:  # the closing tags: </sheetData></worksheet>, unprefixed
        assert archive.read("xl/worksheets/sheet1.xml").endswith(b"</sheetData></worksheet>")
    return path


def _prefixed_rows(tmp_path):
    # 100,001 rows under a prefix declared on each row, the root in the default namespace: the
    # row count must see them as the reader does (it imported them all, or a million, before).
    p, declared = "x:", f'xmlns:x="{_MAIN}" '
    rows = (f'<{p}row {declared}r="{r}"><{p}c r="A{r}"><{p}v>{r}</{p}v></{p}c></{p}row>' for r in range(2, 100_003))
    header = _row_xml(1, STAFF_HEADERS, p).replace(f"<{p}row ", f"<{p}row {declared}")
    return _raw_xlsx(tmp_path / "tien_to_nhieu_dong.xlsx", _chain([header], rows))


_NOW = '<c r="J2"><f>NOW()</f><v>1</v></c>'


def _case_of_the_part(tmp_path):
    return _raw_xlsx(tmp_path / "hoa_thuong.xlsx", _plus(_staff_xml(), 2, _NOW), member="xl/Worksheets/Sheet1.xml")


def _case_of_the_target(tmp_path):
    rels = _WORKBOOK_RELS.replace("worksheets/sheet1.xml", "WORKSHEETS/Sheet1.XML")
    return _raw_xlsx(tmp_path / "hoa_thuong_dich.xlsx", _plus(_staff_xml(), 2, _NOW), rels=rels)


def _two_parts_one_name(tmp_path):
    # Which of the two would the reader take? The file is refused, whichever it is.
    clean = "".join(_staff_xml())
    path = _raw_xlsx(tmp_path / "hai_phan.xlsx", _plus(_staff_xml(), 2, _NOW), member="xl/worksheets/Sheet1.xml",
                     parts={"xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><sheetData>{clean}'
                                                        "</sheetData></worksheet>"})
    return path


def _two_references(tmp_path):
    # Not well-formed, yet the reader takes the last of the two: XFD100000 (52 GB).
    return _raw_xlsx(tmp_path / "hai_tham_chieu.xlsx", _plus(_staff_xml(), 2, '<c r="J2" r="XFD100000"><v>1</v></c>'))


def _two_relationships_of_one_id(tmp_path):
    # The guard would read one sheet and the reader perhaps the other: refused, whichever.
    rels = _WORKBOOK_RELS.replace("</Relationships>", '<Relationship Id="rId1" Target="worksheets/sheet2.xml" '
                                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                  'worksheet"/></Relationships>')
    other = f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(_staff_xml())}</sheetData></worksheet>'
    return _raw_xlsx(tmp_path / "hai_quan_he.xlsx", _plus(_staff_xml(), 2, _NOW), rels=rels,
                     parts={"xl/worksheets/sheet2.xml": other})


def _two_ids_on_the_sheet(tmp_path):
    workbook = _WORKBOOK.replace('r:id="rId1"', 'r:id="rId1" xmlns:o="urn:khac" o:id="rId2"')
    return _raw_xlsx(tmp_path / "hai_id.xlsx", _plus(_staff_xml(), 2, _NOW), workbook=workbook)


def _doctype(tmp_path):
    root = (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY r "<row r=\'9\'><c r=\'A9\'><v>1</v></c></row>">]>'
            f'<worksheet xmlns="{_MAIN}">')
    return _raw_xlsx(tmp_path / "dtd.xlsx", [*_staff_xml(), "&r;"], root=root)


def _bomb(tmp_path):
    # 4 MB of zeros in a part nobody reads: compressed about a thousand times
    return _raw_xlsx(tmp_path / "bom.xlsx", _staff_xml(), parts={"xl/media/image1.png": bytes(4 << 20)})


def _bomb_expected(path):
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/media/image1.png")
    ratio = f"{info.file_size // info.compress_size:,}".replace(",", ".")
    return [BOMB.format(path.name, "xl/media/image1.png", ratio)]


def _declared_size(path, member, size):
    """Write ``size`` as the decompressed size of ``member`` in the zip's central directory."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_length] == name:
            data[at + 24:at + 28] = size.to_bytes(4, "little")
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def _declared_huge(tmp_path):
    # A central directory that announces 300 MB: refused before anything is decompressed.
    return _declared_size(_raw_xlsx(tmp_path / "khai_lon.xlsx", _staff_xml()), "xl/worksheets/sheet1.xml", 300 << 20)


def _holds_more_than_declared(tmp_path):
    # The other way round: a part that announces 1 KB and holds 2 MB. Decompressing stops at
    # the announced size and the CRC is wrong: a damaged file (the reader would believe the data).
    rows = _chain(_staff_xml(), (f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(4, 60_000)))
    path = _raw_xlsx(tmp_path / "khai_nho.xlsx", rows)
    return _declared_size(path, "xl/worksheets/sheet1.xml", 1024)


def _shared_text(tmp_path):
    # One shared string of 40,000 characters that 3,000 cells refer to: the reader copies it
    # into each cell, 120 MB from a file of a few KB.
    text = "Nội dung dài " * 3_077
    shared = (f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>')
    rels = _WORKBOOK_RELS.replace("</Relationships>", '<Relationship Id="rId2" Target="sharedStrings.xml" '
                                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                  'sharedStrings"/></Relationships>')
    rows = [*_staff_xml(), *(f'<row r="{r}"><c r="F{r}" t="s"><v>0</v></c></row>' for r in range(4, 3_004))]
    return _raw_xlsx(tmp_path / "chuoi_chung.xlsx", rows, rels=rels, parts={"xl/sharedStrings.xml": shared})


def _shared_text_expected(path):
    # the string with its markup (<si><t>...</t></si>) 3,000 times, and the two rows' own text
    with zipfile.ZipFile(path) as archive:
        item = archive.read("xl/sharedStrings.xml").split(b"<si>")[1].split(b"</si>")[0]
    total = 3_000 * (len(item) + len("<si></si>"))
    return [TOO_MUCH_TEXT.format(f"{total >> 20:,}".replace(",", "."))]


def _no_header(tmp_path):
    rows = _plus(_plus(_staff_xml(), 2, _cell("K2", "ghi chú")), 3, _cell("K3", "x") + _cell("M3", 7))
    return _raw_xlsx(tmp_path / "khong_tieu_de.xlsx", rows)


def _utf16(tmp_path):
    # The same far cell in a sheet saved as UTF-16: no byte of it reads as "<c r=" in UTF-8, so the
    # quick look must leave it to the scan (the parser reads every encoding the reader reads).
    path = _far("XFD100000")(tmp_path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-16")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def _odd_far_cell(cell_xml, name):
    """A far cell written in a way a byte search for '<c r="' would not see as one."""
    def build(tmp_path):
        return _raw_xlsx(tmp_path / name, _plus(_staff_xml(), 2, cell_xml))
    return build


def _odd_error_cell(cell_xml):
    def build(tmp_path):
        return _raw_xlsx(tmp_path / "o_loi.xlsx", _plus(_staff_xml(), 2, cell_xml))
    return build


SHAPES = [
    pytest.param(_far("XFD100000"), [FAR.format("XFD100000")], id="one-cell-at-XFD100000"),
    pytest.param(_far("XFD8000"), [FAR.format("XFD8000")], id="one-cell-at-XFD8000"),
    pytest.param(_far("AY2"), [FAR.format("AY2")], id="a-value-in-column-51"),
    pytest.param(_far("A100002"), [FAR.format("A100002")], id="a-value-in-row-100002"),
    pytest.param(_far("XFD100000", "x:"), [FAR.format("XFD100000")], id="far-cell-in-prefixed-xml"),
    pytest.param(_positional_far, [FAR.format("AY2")], id="cells-without-reference-past-column-50"),
    pytest.param(_error_cells, [
        ERROR_CELL.format(2, "Ngày sinh", "#N/A"),
        ERROR_CELL.format(2, "Mã đơn vị", "#REF!"),
        ERROR_CELL.format(3, "Họ và tên", "#VALUE!"),
        ERROR_CELL.format(3, "K", "#DIV/0!"),
        ERROR_CELL.format(4, "Đối tượng", "#NAME?"),
        ERROR_CELL.format(4, "Lãnh đạo, quản lý", "#NULL!"),
        ERROR_CELL.format(4, "Ngày tuyển dụng", "#NUM!"),
        ERROR_CELL.format(6, "Mã cán bộ", "#N/A"),
    ], id="error-cells"),
    pytest.param(_formula_with_an_error_result, [FORMULA.format(2, "Ngày sinh", "VLOOKUP(A2,Sheet2!A:C,3,FALSE)")],
                 id="formula-whose-result-is-an-error"),
    pytest.param(_prefixed_error, [ERROR_CELL.format(2, "K", "#REF!")], id="error-cell-in-prefixed-xml"),
    pytest.param(_inner_prefix, [FORMULA.format(2, "J", "NOW()")], id="formula-under-a-prefix-declared-inside"),
    pytest.param(_prefixed_rows, [TOO_MANY.format("100.001")], id="100001-rows-in-prefixed-xml"),
    pytest.param(_case_of_the_part, [FORMULA.format(2, "J", "NOW()")], id="sheet-part-name-in-other-case"),
    pytest.param(_case_of_the_target, [FORMULA.format(2, "J", "NOW()")], id="relationship-target-in-other-case"),
    pytest.param(_two_parts_one_name, "broken", id="two-parts-whose-names-differ-by-case"),
    pytest.param(_doctype, "broken", id="doctype-with-an-entity-holding-rows"),
    pytest.param(_two_references, "broken", id="a-cell-with-two-references"),
    pytest.param(_two_relationships_of_one_id, "broken", id="two-relationships-of-one-id"),
    pytest.param(_two_ids_on_the_sheet, "broken", id="two-id-attributes-on-the-first-sheet"),
    pytest.param(_bomb, _bomb_expected, id="zip-bomb-in-an-unread-part"),
    pytest.param(_declared_huge, [UNPACKED.format("khai_lon.xlsx", "300", "256")], id="declared-300-MB"),
    pytest.param(_holds_more_than_declared, "broken", id="part-holding-more-than-declared"),
    pytest.param(_shared_text, _shared_text_expected, id="one-shared-string-in-3000-cells"),
    pytest.param(_utf16, [FAR.format("XFD100000")], id="far-cell-in-a-utf-16-sheet"),
    pytest.param(_odd_far_cell('<c\nr="XFD100000"><v>1</v></c>', "xuong_dong.xlsx"), [FAR.format("XFD100000")],
                 id="far-cell-with-a-new-line-before-r"),
    pytest.param(_odd_far_cell("<c r='XFD100000'><v>1</v></c>", "nhay_don.xlsx"), [FAR.format("XFD100000")],
                 id="far-cell-reference-in-single-quotes"),
    pytest.param(_odd_far_cell('<c  r="XFD100000"><v>1</v></c>', "hai_dau_cach.xlsx"), [FAR.format("XFD100000")],
                 id="far-cell-with-two-spaces-before-r"),
    pytest.param(_odd_far_cell('<c r="&#88;FD100000"><v>1</v></c>', "tham_chieu_ky_tu.xlsx"),
                 [FAR.format("XFD100000")], id="far-cell-reference-written-with-a-character-reference"),
    pytest.param(_odd_far_cell('<c r="J2" s="1" r="XFD100000"><v>1</v></c>', "r_thu_hai.xlsx"), "broken",
                 id="a-second-reference-after-another-attribute"),
    pytest.param(_odd_error_cell('<c r="J2"\tt="e"><v>#N/A</v></c>'), [ERROR_CELL.format(2, "J", "#N/A")],
                 id="error-cell-with-a-tab-before-t"),
    pytest.param(_odd_error_cell('<c r="J2" t = "e"><v>#N/A</v></c>'), [ERROR_CELL.format(2, "J", "#N/A")],
                 id="error-cell-with-spaces-around-the-equals-sign"),
    pytest.param(_odd_error_cell("<c r=\"J2\" t='e'><v>#REF!</v></c>"), [ERROR_CELL.format(2, "J", "#REF!")],
                 id="error-cell-type-in-single-quotes"),
    pytest.param(_odd_far_cell('<c r="M2" t="n"r="XFD100000"><v>1</v></c>', "r_sat_nhay.xlsx"), "broken",
                 id="a-second-reference-right-after-a-quote"),
    pytest.param(_odd_far_cell("<c r=\"M2\" s='0'r=\"XFD100000\"><v>1</v></c>", "r_sat_nhay_don.xlsx"), "broken",
                 id="a-second-reference-right-after-a-single-quote"),
    pytest.param(_odd_far_cell('<c r="M2" t="n"\x0cr="XFD100000"><v>1</v></c>', "r_sau_form_feed.xlsx"), "broken",
                 id="a-second-reference-after-a-form-feed"),
    pytest.param(_odd_error_cell('<c r="M2" t="&#101;"><v>#N/A</v></c>'), [ERROR_CELL.format(2, "M", "#N/A")],
                 id="error-cell-type-written-with-a-character-reference"),
    pytest.param(_odd_error_cell('<!-- a comment --><c r="J2"><f>NOW()</f><v>1</v></c>'),
                 [FORMULA.format(2, "J", "NOW()")], id="formula-after-a-comment"),
    pytest.param(_no_header, [
        NO_HEADER.format(2, "K", " (và 1 dòng khác)", "K", 9),
        NO_HEADER.format(3, "M", "", "M", 9),
    ], id="values-in-columns-without-a-header"),
]


@pytest.mark.parametrize("build, expected", SHAPES)
def test_hostile_shape_is_refused_exactly_and_nothing_is_written(seeded, tmp_path, build, expected):
    path = build(tmp_path)
    if expected == "broken":
        expected = [BROKEN.format(path.name)]
    elif callable(expected):
        expected = expected(path)
    started = time.perf_counter()
    assert _refused(seeded, "staff", path) == expected
    assert time.perf_counter() - started < 10, "a hostile file must be refused quickly"


def test_the_far_cell_file_is_tiny_and_refused_under_a_memory_limit(tmp_path):
    # 1.7 KB that made the reader allocate 52 GB: in a process limited to 1.5 GB of address
    # space (the reader alone would die there), the refusal comes back.
    path = _far("XFD100000")(tmp_path)
    assert path.stat().st_size < 2_000
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))\n"
        "from models.exchange.xlsx import ImportRejected, read_rows\n"
        "from models.people.imports import STAFF_HEADERS\n"
        "try:\n"
        "    read_rows(sys.argv[1], STAFF_HEADERS)\n"
        "except ImportRejected as e:\n"
        "    print(e.errors[0])\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60,
                          cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == FAR.format("XFD100000")


def test_a_re_import_with_an_error_cell_keeps_the_stored_birth_date(seeded, tmp_path):
    # The case: a file re-imported after a Paste Values of a VLOOKUP that found nothing.
    first = _raw_xlsx(tmp_path / "lan_1.xlsx", _staff_xml())
    assert import_staff(seeded, first, TODAY).added == 2
    rows = _staff_xml()
    rows[1] = _row_xml(2, [*GOOD_ROWS["staff"][0][:2], None, *GOOD_ROWS["staff"][0][3:]]).replace(
        "</row>", _error("#N/A")("C2") + "</row>")
    second = _raw_xlsx(tmp_path / "lan_2.xlsx", rows)
    assert _refused(seeded, "staff", second) == [ERROR_CELL.format(2, "Ngày sinh", "#N/A")]
    assert seeded.execute("SELECT birth_date FROM staff WHERE code = 'CB01'").fetchone()[0] == "1985-06-01"


def test_the_limits_are_what_the_messages_say():
    assert (xlsx_guard.MAX_DATA_ROWS, xlsx_guard.MAX_COLUMNS) == (100_000, 50)
    assert (xlsx_guard.MAX_UNPACKED >> 20, xlsx_guard.MAX_TEXT >> 20) == (256, 100)
    assert dt.date(1904, 1, 1) - dt.date(1899, 12, 30) == dt.timedelta(days=1462)


def test_a_file_too_big_for_the_free_memory_is_refused_with_a_sentence(seeded, tmp_path, monkeypatch):
    # Within the limits, on a computer with little memory left: a message, never a traceback.
    import python_calamine

    def no_memory(*_args, **_kwargs):
        raise MemoryError
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", no_memory)
    path = _raw_xlsx(tmp_path / "lon.xlsx", _staff_xml())
    assert _refused(seeded, "staff", path) == [
        "Không đủ bộ nhớ để đọc tệp “lon.xlsx”; hãy đóng bớt chương trình khác hoặc chia nhỏ tệp"]


def _inspected(path, quick):
    """What the guard says of ``path``: the Sheet, or the refusal (its class and text)."""
    import unittest.mock

    patch = unittest.mock.patch.object(xlsx_guard, "_quick", side_effect=lambda *_: None) if not quick else None
    try:
        if patch:
            with patch:
                return xlsx_guard.inspect(path)
        return xlsx_guard.inspect(path)
    except Exception as e:  # noqa: BLE001 - the refusal itself is compared
        return (type(e).__name__, str(e))


def _rows_written(name, change):
    """The good staff rows, each row's XML changed by ``change(number, xml)``."""
    def build(tmp_path):
        return _raw_xlsx(tmp_path / name, [change(n, row) for n, row in enumerate(_staff_xml(), start=1)])
    return build


_ACCEPTED = [  # files read (hidden rows read with a warning), where the quick look must agree too
    pytest.param(_rows_written("an_1.xlsx", lambda n, r: r.replace(f'<row r="{n}"', f'<row r="{n}" hidden="1"')
                               if n == 3 else r), id="hidden-row"),
    pytest.param(_rows_written("an_nhay_don.xlsx", lambda n, r: r.replace(f'<row r="{n}"', f"<row r=\"{n}\" hidden='1'")
                               if n == 2 else r), id="hidden-row-in-single-quotes"),
    pytest.param(_rows_written("an_true.xlsx", lambda n, r: r.replace(f'<row r="{n}"', f'<row r="{n}" hidden = "true"')
                               if n == 2 else r), id="hidden-row-with-spaces"),
    pytest.param(_rows_written("libreoffice.xlsx", lambda n, r: r.replace(f'<row r="{n}"', f'<row r="{n}" '
                               'customFormat="false" ht="12.8" hidden="false" customHeight="false"')),
                 id="libreoffice-rows-with-hidden-false"),
    pytest.param(_rows_written("xuong_dong.xlsx", lambda n, r: "\n  " + r.replace("><", ">\n<")),
                 id="xml-written-on-many-lines"),
    pytest.param(lambda tmp_path: _many_empty_rows(tmp_path), id="120000-empty-formatted-rows"),
]


def _many_empty_rows(tmp_path):
    # rows formatted down the sheet but empty (a whole column coloured in Excel): not data rows
    empty = (f'<row r="{n}" s="1" customFormat="1"/>' for n in range(4, 120_004))
    return _raw_xlsx(tmp_path / "dong_trong.xlsx", _chain(_staff_xml(), empty))


def test_empty_formatted_rows_past_the_limit_are_not_counted_as_data(seeded, tmp_path):
    rows = read_rows(_many_empty_rows(tmp_path), STAFF_HEADERS)
    assert [row.number for row in rows] == [2, 3]


@pytest.mark.parametrize("build, _expected", SHAPES + [pytest.param(*p.values, None, id=p.id) for p in _ACCEPTED])
def test_the_quick_look_finds_what_the_scan_finds(tmp_path, build, _expected):
    # The byte searches of a plain sheet must never see less than the scan: the same refusal, the
    # same formulas, error cells and hidden rows, and counts at least as high (upper bounds).
    path = build(tmp_path)
    quick, scanned = _inspected(path, quick=True), _inspected(path, quick=False)
    if isinstance(scanned, tuple) or isinstance(quick, tuple):
        assert quick == scanned
        return
    assert (quick.far, quick.formulas, quick.errors, quick.hidden_rows, quick.hidden, quick.name) == (
        scanned.far, scanned.formulas, scanned.errors, scanned.hidden_rows, scanned.hidden, scanned.name)
    assert quick.data_rows >= scanned.data_rows and quick.text >= scanned.text


def test_a_plain_sheet_takes_the_quick_look_and_a_hidden_row_does_not(tmp_path, monkeypatch):
    taken = []
    real = xlsx_guard._quick
    monkeypatch.setattr(xlsx_guard, "_quick", lambda *a: taken.append(real(*a)) or taken[-1])
    plain = _raw_xlsx(tmp_path / "thuong.xlsx", _staff_xml())
    sheet = xlsx_guard.inspect(plain)
    assert taken[-1] is not None and sheet.data_rows == len(GOOD_ROWS["staff"])
    libreoffice = _ACCEPTED[3].values[0](tmp_path)
    assert xlsx_guard.inspect(libreoffice).hidden_rows == [] and taken[-1] is not None
    hidden = _raw_xlsx(tmp_path / "an.xlsx", [row.replace('<row r="3"', '<row r="3" hidden="1"')
                                              for row in _staff_xml()])
    sheet = xlsx_guard.inspect(hidden)
    assert taken[-1] is None and sheet.hidden_rows == [3]
